# Texts of the command line `anyqtama`.
cli-due = Due: { $date }
cli-event = Event: { $event } — { $label } ({ $cite })
cli-from = From: { $date } — { $from_label }
cli-counted = Counted: { $working_days ->
        [one] one working day
       *[other] { $working_days } working days
    }, starting the day after the event.
cli-basis = Basis: { $rule } ({ $cite })
cli-our-reading = Our reading: { $text }
cli-skipped-heading = Days skipped:
cli-skipped-none = Days skipped: none.
cli-provisional = Provisional: part of the count falls in a year whose calendar is not settled; the date may change.
cli-calendar-heading = Calendar of { $year }
cli-calendar-days-off = Days off on weekdays ({ $count }):
cli-calendar-worked = Working days on weekends ({ $count }):
cli-calendar-none = none
cli-calendar-provisional = Provisional: { $reason }
cli-calendar-sources = Sources:
cli-error-unknown-event = Unknown event “{ $event }”. Known events: { $events }.
cli-error-bad-date = “{ $value }” is not a date: write YYYY-MM-DD, for example 2026-03-20.
cli-error-unknown-year = No calendar data for { $year }: the data covers { $years }.
cli-error-data = Could not load { $path }: { $reason }
cli-error-no-rules = No rule set is in force on { $date }.
check-cli-heading = Checked as of { $date } (path, result, bundle, blockers, warnings, notes):
check-cli-status-valid = valid
check-cli-status-refused = refused
check-cli-status-unreadable = unreadable
check-cli-summary = { $total ->
        [one] One bundle
       *[other] { $total } bundles
    }: { $valid } valid, { $refused } refused, { $unreadable } unreadable.
check-cli-none = No bundle (a .zip or a folder with bagit.txt) in { $paths }.
cli-token-new = The token of { $name } (shown this once; the database keeps only its hash):
cli-token-bad-name = “{ $name }” is not a valid name: use 1 to 64 letters, digits and . _ @ -.
cli-token-taken = The name { $name } already has a token (a revoked name stays taken): choose another.
cli-token-revoked = The token of { $name } is revoked.
cli-token-not-found = No token named { $name } is active.
cli-token-none = No tokens.
cli-token-row-active = { $name }: made { $created }
cli-token-row-revoked = { $name }: made { $created }, revoked { $revoked }
cli-audit-none = The audit table is empty.
cli-audit-heading = When, officer, action, what, from where:
