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
