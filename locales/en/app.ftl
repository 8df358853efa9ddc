# Texts of the web app (the widget). Ids start with "app-"; the same ids are in kk, ru and en.
# The home page is a placeholder until the application form lands.
app-title = Anyqtama: check an application for a certificate of qualification compliance
app-service-name = Anyqtama
app-lang-switch = Тіл / Язык / Language
app-lang-kk = Қазақша
app-lang-ru = Русский
app-lang-en = English
app-phase-tag = Preview
app-phase-text = Everything you enter stays in this browser until you choose to submit.
app-phase-sent = Your application was sent to { $portal } on { $date }. A copy stays in this browser until you start again.
app-heading = Check your application before you submit it
app-intro = Anyqtama helps foreigners and stateless persons prepare an application for a certificate of qualification compliance for independent employment in Kazakhstan.
app-intro-what = It lists the documents your kind of request needs, checks the form, and counts the time limits in working days, holidays included.
app-rules-heading = Rules in this version
app-rules-fact = Rules version { $version }, in force from { $date }. Kinds of request: { $kinds }.
app-rules-provisional = The date of entry into force is our estimate and may change.
app-rules-origin = Checked in your browser by the Anyqtama core with its built-in rules.
app-rules-missing = No built-in rules were found.
app-skip-link = Skip to main content
app-calendar-fact = Working-day calendar: { $version }.
app-data-loading = Loading the portal's rules and calendar…
app-data-loaded = { $files ->
        [one] One data file from the portal is in use.
       *[other] { $files } data files from the portal are in use.
    }
app-data-failed = Could not load { $url }: { $reason }. The built-in rules and calendar are used instead.

## The journey
app-progress = Step { $step } of { $total }
app-progress-open = Step { $step }
app-continue = Continue
app-back = Back
app-optional = optional
app-date-day = Day
app-date-month = Month
app-date-year = Year
app-date-hint = For example, 27 3 2026
app-choose = Choose…
app-yes = Yes
app-no = No
app-page-missing = This page does not exist in the rules in use. Go back to check your answers.
app-error-summary-title = There is a problem
app-error-prefix = Error
app-severity-blocker = Must be fixed
app-severity-warning = Warning
app-severity-note = Note
app-our-reading = Our reading: { $text }
app-privacy = Your answers and files are kept only in this browser (local storage and IndexedDB). Nothing is sent until you submit.
app-not-saved = This browser does not let us keep your draft (private mode or full storage): if you close the page, your answers are lost.
app-lang-failed = Could not switch the language to { $lang }: its texts did not load. Check your internet connection and try again; the page goes on working in this language.
app-update-ready = A new version of this service is ready. Your answers are saved and will still be there after the update.
app-update-reload = Reload to update
app-lost-files = These files were no longer in the browser and must be attached again: { $files }.

## Profession and sector
app-profession-free-hint = The official list of priority sectors and in-demand professions is not loaded here: write it as in your documents. The akimat checks it against the list.
app-profession-search-hint = Type part of the profession's name or code, then choose it below.
app-profession-matches = { $total ->
        [0] No profession matches.
        [one] One profession matches.
       *[other] { $total } professions match{ $shown ->
            [0] .
           *[other] ; the first { $shown } are shown.
        }
    }
app-profession-chosen = Chosen: { $profession } ({ $sector }).

## Deadlines
app-how-counted = How this date was counted
app-counted-from = From { $from }, { $days ->
        [one] one working day
       *[other] { $days } working days
    } are counted, starting the next day: the last day is { $due }.
app-counted-skipped = Days not counted:
app-counted-none-skipped = No day was skipped.
app-counted-provisional = Part of this count falls in a year whose calendar is not settled: the date may change.

## Documents
app-documents-heading = Documents
app-documents-intro = The documents for “{ $kind }”. Attach each one and answer the questions about it.
app-files-stay = Your files stay on this computer. They are recognised by their content (PDF, JPEG or PNG), not by their names.
app-group-hint = Attach at least one of these.
app-document-expires = Valid until
app-attach-hint = PDF, JPEG or PNG; up to { $max } MB a file, up to { $count } files.
app-file-choose = Choose a file
app-file-add = Add another file
app-file-refused = This file is refused and is not counted as the document. Remove it and attach a PDF, JPEG or PNG file.
app-saving-file = Keeping “{ $file }” in this browser…
app-remove = Remove
app-size-kb = { $n } KB
app-size-mb = { $n } MB
app-file-kind-pdf = PDF
app-file-kind-jpeg = JPEG image
app-file-kind-png = PNG image
app-file-kind-executable = a Windows program (refused)
app-file-kind-zip = a ZIP archive (refused)
app-file-kind-unknown = content not recognised (refused)

## Check your answers
app-check-heading = Check your answers before you continue
app-change = Change
app-not-given = Not given
app-not-attached = Not attached
app-made-from-answers = Made from your answers
app-notes-heading = About your application
app-blockers-heading = { $count ->
        [one] One thing must be fixed before you can continue
       *[other] { $count } things must be fixed before you can continue
    }
app-ready-heading = Your application is complete
app-ready-text = Nothing blocks it: every required answer and document is there, and no document has expired.
app-continue-to-submit = Continue to submit
app-continue-blocked = You can continue once everything listed above is fixed.
app-print-view = Print view

## Start again
app-start-again = Start again
app-start-again-title = Start again?
app-start-again-text = This deletes your answers and the attached files from this browser. It cannot be undone.
app-start-again-yes = Yes, delete and start again
app-cancel = Cancel

## Print view
app-print-heading = Print your application
app-print-intro = The application laid out as the official form of annex 1, and the checklist of documents. The form exists in Kazakh and Russian.
app-print-form-lang = Language of the form
app-print = Print

## The form of annex 1 (A1), as printed
a1-annex = Annex 1 to the Rules for issuing or extending a certificate of qualification compliance for independent employment to a foreigner or stateless person
a1-form = Form
a1-caption-akimat = (name of the local executive body: the akimat of the region, city of republican significance or capital)
a1-caption-name = (surname, name, patronymic (if any))
a1-caption-passport = (number of the passport (identity document), date of issue and issuing authority)
a1-caption-contacts = (address, phone, fax)
a1-caption-home = (address and phone in the country of residence)
a1-title = Application
a1-request-1 = issue
a1-request-2 = extend
a1-request-3 = re-issue
a1-request-4 = issue a duplicate of
a1-body = I ask you to { $request } a certificate of qualification compliance for independent employment in the profession, according to the list approved by order of the authorised body for migration
a1-caption-profession = (profession, economic sector (type of economic activity))
a1-employer = Employer details (when the certificate is extended)
a1-caption-employer = (employer's name, its business identification number or individual identification number)
a1-consent = I consent to the collection and processing of my personal data needed to issue a certificate of qualification compliance for independent employment.
a1-consent-missing = Consent to the processing of personal data: NOT GIVEN.
a1-attached = Attached to the application:
a1-date = Date of application: { $date }
a1-signature = Signature of the applicant _______________________
a1-checklist-title = Documents for “{ $kind }”
a1-checklist-document = Document
a1-checklist-cite = Paragraph
a1-checklist-status = Status
a1-checklist-files = Files
a1-checklist-from-form = made from the form
a1-checklist-attached = { $count ->
        [one] attached (one file)
       *[other] attached ({ $count } files)
    }
a1-checklist-alternative = not attached (one of the alternatives is enough)
a1-checklist-missing = MISSING

## Submitting
app-submit-heading = Sign and send your application
app-submit-intro = Your answers and files are packed into one bundle, signed with a key made in this browser, and sent to the portal. Nothing is sent before you press the button.
app-submit-intro-eds = Your answers and files are packed into one bundle, signed with your electronic digital signature (EDS) and with a key made in this browser, and sent to the portal. Nothing is sent before you press the button.
app-submit-where = It goes to: { $portal }
app-portal-default = the portal
app-submit-send = Sign and send
app-submit-send-signed = Send
app-submit-retry = Try sending again now
app-submit-hashing = Checking file { $done } of { $total }…
app-submit-signing = Signing the bundle…
app-submit-sending = Sending (attempt { $attempt })…
app-submit-queued = The portal cannot be reached now. Your signed application is kept in this browser and will be sent as soon as the connection is back: you can close this page.
app-submit-refused = The portal did not accept the application (HTTP { $status }):
app-submit-failed = The bundle could not be made: { $reason }
app-receipt-heading = Your application has been received
app-receipt-number = Registration number
app-receipt-registered = Registered on
app-receipt-decision = Decision expected by
app-receipt-id = Bundle
app-receipt-kept = Keep this receipt. It stays in this browser with your application.
app-receipt-view = View your receipt
app-receipt-save = Save the receipt
app-receipt-print = Print
app-receipt-portal = Sent to
app-receipt-received = Received by the portal
app-eds-intro = This portal asks for your electronic digital signature (EDS). Sign the application with NCALayer, the National Certification Authority's signing program, then send it.
app-eds-sign = Sign with EDS
app-eds-sign-again = Try signing again
app-eds-waiting = Choose your key and sign in the NCALayer window…
app-eds-signed = Signed with an electronic signature
app-eds-name = Signed by
app-eds-iin = IIN
app-eds-bin = BIN
app-eds-until = Certificate valid until
app-eds-not-signed = The application was not signed
app-eds-kept = Your answers and the prepared bundle are kept: you can try again.
app-eds-unreachable = NCALayer could not be reached. Install NCALayer from the National Certification Authority's site (pki.gov.kz), start it, and allow this page to connect to it if your browser or antivirus asks; then try again.
app-eds-cancelled = You closed the NCALayer window without signing.
app-eds-error = NCALayer could not sign: { $detail }
app-eds-timeout = NCALayer did not answer in time. Check that its window is open, or restart NCALayer, and try again.
app-eds-unreadable = NCALayer's answer is not a signature we can read: { $detail }
app-eds-not-signing-certificate = The key you chose is not a signing key. Choose your signing key, not the authentication key.
app-eds-iin-mismatch = The key belongs to IIN { $signer }, but the application is for IIN { $iin }. Sign with your own key, or correct the IIN in the application.

## Pre-check of a document package (its form and report: precheck.ftl, in the worker)
app-precheck-loading = Loading…
app-precheck-link = Pre-check a document package
app-precheck-failed = The pre-check could not start:
