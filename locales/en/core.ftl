# Texts of the core: dates, days, severities, and every finding of the check.
# Each finding's id is "finding-" + its code with "." and "_" made "-".

## Dates
date-long = { $day } { $month } { $year }
date-with-weekday = { $weekday } { $date }
month-1 = Jan
month-2 = Feb
month-3 = Mar
month-4 = Apr
month-5 = May
month-6 = Jun
month-7 = Jul
month-8 = Aug
month-9 = Sep
month-10 = Oct
month-11 = Nov
month-12 = Dec
weekday-short-mon = Mon
weekday-short-tue = Tue
weekday-short-wed = Wed
weekday-short-thu = Thu
weekday-short-fri = Fri
weekday-short-sat = Sat
weekday-short-sun = Sun
weekday-long-mon = Monday
weekday-long-tue = Tuesday
weekday-long-wed = Wednesday
weekday-long-thu = Thursday
weekday-long-fri = Friday
weekday-long-sat = Saturday
weekday-long-sun = Sunday

## Why a day is or is not a working day
day-working = working day
day-worked-weekend = working day by transfer: { $reason }
day-observed-holiday = day off for { $holiday } (which fell on { $original })
day-transferred-off = day off by transfer: { $reason }

## Severities
severity-blocker = Must be fixed
severity-warning = Warning
severity-note = Note

## Findings
finding-rules-none-in-force = No rule set is in force on { $date }: the application cannot be checked.
finding-rules-provisional-start = Rules { $version } apply from { $date }, an estimated date (the order's publication date is not in our sources).
finding-field-required = Enter “{ $field }”.
finding-field-too-long = “{ $field }” must be at most { $max ->
        [one] one character
       *[other] { $max } characters
    }.
finding-field-not-a-date = “{ $field }” must be a real date (“{ $value }” is not).
finding-field-date-part-missing = “{ $field }” must include a { $part ->
        [day] day
        [month] month
       *[other] year
    }.
finding-field-date-part-invalid = “{ $field }”: { $part ->
        [day] the day must be a number from 1 to 31
        [month] the month must be a number from 1 to 12
       *[other] the year must have four digits
    }.
finding-field-date-no-such-day = “{ $field }”: that month has { $days } days, not { $day }.
finding-field-date-in-future = “{ $field }” cannot be in the future ({ $date } is after today, { $today }).
finding-field-date-too-old = “{ $field }”: { $date } is too long ago; check the year.
finding-field-unknown-choice = “{ $field }”: “{ $value }” is not one of the choices.
finding-field-not-confirmed = Tick “{ $field }” to go on.
finding-field-not-before = “{ $field }” ({ $date }) must be earlier than “{ $other }” ({ $other_date }).
finding-iin-empty = Enter the IIN.
finding-iin-length = “{ $field }” must be exactly 12 digits.
finding-iin-not-digits = “{ $field }” must contain digits only.
finding-iin-birth-date = “{ $field }”: the first six digits must be a real birth date (YYMMDD).
finding-iin-century-digit = “{ $field }”: the 7th digit must be 1 to 6 (century and sex).
finding-iin-check-digit = “{ $field }”: the last digit does not match; check for a typing mistake.
finding-bin-or-iin-length = “{ $field }” must be exactly 12 digits (a BIN or an IIN).
finding-bin-or-iin-not-digits = “{ $field }” must contain digits only.
finding-bin-or-iin-birth-date = “{ $field }”: as an IIN, the first six digits must be a real birth date.
finding-bin-or-iin-century-digit = “{ $field }”: as an IIN, the 7th digit must be 1 to 6.
finding-bin-or-iin-month = “{ $field }”: as a BIN, digits 3–4 must be a month (01–12).
finding-bin-or-iin-kind-digit = “{ $field }”: as a BIN, the 5th digit must be 4, 5 or 6.
finding-bin-or-iin-unit-digit = “{ $field }”: as a BIN, the 6th digit must be 0 to 3.
finding-bin-or-iin-check-digit = “{ $field }”: the last digit does not match; check for a typing mistake.
finding-phone-format = “{ $field }” is not a phone number; write it with the country code, like +7 777 123 45 67.
finding-phone-not-kazakhstan = “{ $field }” must be a Kazakhstan number (+7 6… or +7 7…).
finding-document-number-format = “{ $field }”: enter the document number as printed (5 to 20 letters and digits).
finding-identity-document-expired = The identity document expired on { $date }. An expired document is refused: renew it first.
finding-identity-document-expires-before-decision = The identity document expires on { $date }, on or before the expected decision date ({ $decision }).
finding-profession-list-not-loaded = The official list of priority sectors and in-demand professions is not loaded: the profession could not be checked against it.
finding-profession-list-is-sample = Only sample data ({ $version }) is loaded, not the official list: the profession could not be checked.
finding-profession-not-in-list = “{ $value }” is not an in-demand profession in the official list ({ $version }).
finding-profession-sector-mismatch = The profession “{ $value }” belongs to “{ $expected }”, not to the chosen sector.
finding-scoring-not-loaded = The assessment criteria (P10, pass mark six points) are not loaded: the score could not be estimated. The Commission scores every applicant.
finding-checklist-missing = Attach “{ $item }”.
finding-checklist-group-missing = Attach one of: “{ $item1 }” or “{ $item2 }” ({ $group }).
finding-checklist-not-confirmed = “{ $item }”: confirm that it meets the requirement “{ $confirmation }”.
finding-checklist-expired = “{ $item }” expired on { $date }. An expired document is refused.
finding-checklist-expiry-missing = “{ $item }”: enter the date it is valid until.
finding-checklist-too-many-files = “{ $item }”: { $count } files attached, at most { $max ->
        [one] one file
       *[other] { $max } files
    } allowed.
finding-file-type-refused = “{ $file }” ({ $item }) is not a PDF, JPEG or PNG file, whatever its name says: { $kind ->
        [executable] it is a Windows program.
        [zip] it is a ZIP archive (or a Word or Excel file); save the document as PDF.
        [unknown] its content is not recognised.
       *[other] its content is { $type }.
    }
finding-file-too-large = “{ $file }” ({ $item }) is { $size } MB; at most { $max } MB per file.
finding-file-empty = “{ $file }” ({ $item }) is empty.
finding-package-too-large = The attachments add up to { $size } MB; at most { $max } MB in all.
finding-deadline-overdue = { $limit }: the { $working_days ->
        [one] one working day
       *[other] { $working_days } working days
    } from { $from } ended on { $due } ({ $days_late ->
        [one] one day ago
       *[other] { $days_late } days ago
    }).
finding-deadline-due-soon = { $limit }: due by { $due } — { $working_days_left ->
        [0] today is the last day
        [one] one working day left
       *[other] { $working_days_left } working days left
    }.
finding-deadline-in-time = { $limit }: due by { $due } ({ $working_days_left ->
        [one] one working day left
       *[other] { $working_days_left } working days left
    }).
finding-deadline-provisional = A date was counted on a provisional calendar (a year whose transferred days off are not yet known); it may change.
finding-decision-expected = { $shift ->
        [after_hours] Sent now, after { $closes_at } on { $sent }, the application is registered on the next working day, { $registered }
        [day_off] Sent now, on { $sent }, a day off, the application is registered on the next working day, { $registered }
       *[other] If sent today, the application is registered on { $registered }
    }; a decision is due by { $due } ({ $working_days ->
        [one] one working day
       *[other] { $working_days } working days
    }).
finding-extension-end = The certificate would be extended to { $end } (the contract ends on { $contract_end }).
finding-extension-capped = The contract runs to { $contract_end }, but an extension is at most three years: to { $cap }.
finding-extension-contract-ended = The employment contract ended on { $date }: there is no contract term to extend to.
