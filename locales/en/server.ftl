# Texts of the intake server (anyqtama serve): why a request was refused, in the JSON answers of
# POST /api/bundles and GET /api/bundles/{id}.
server-invalid = The bundle was refused because it is damaged or was changed after signing. { $count ->
    [one] One reason is listed.
   *[other] { $count } reasons are listed.
}
server-blocked = The bundle is intact, but it cannot be registered before the application is corrected. { $count ->
    [one] The check finds one problem.
   *[other] The check finds { $count } problems.
}
server-too-large = The bundle is too large: at most { $limit } bytes are accepted.
server-content-type = Send the bundle as the request body with Content-Type: application/zip.
server-idempotency-key = The Idempotency-Key header must be 1 to 255 visible ASCII characters.
server-idempotency-conflict = This Idempotency-Key was already used for another bundle.
server-id-conflict = A different bundle with the same identifier { $id } is already registered.
server-not-found = No bundle is registered under this identifier.
server-method = This method is not allowed here.
server-internal = The bundle could not be stored because of a server error; nothing was registered. Please try again.
server-busy = The server is receiving too many bundles right now; nothing was registered. Try again in { $seconds } s.
server-rate-limited = Too many bundles were sent from this address; nothing was registered. Try again in { $seconds } s.
server-timeout = The bundle arrived too slowly and the connection was closed; nothing was registered. Please try again.
server-unauthorized = Reading applications needs an officer's token: send Authorization: Bearer with a valid token.
server-revoked = This officer's token has been revoked.
server-status-token = Send this receipt's status token as Authorization: Bearer to see it.
server-bad-query = The query parameter { $name } is unknown or its value is not valid.
