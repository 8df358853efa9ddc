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
