# The pre-check page's form and report, formatted by the pre-check worker's module
# (crates/anyqtama-precheck), which the widget downloads only when the page is used. Packages'
# results are worded as `anyqtama check` words them (cli.ftl, bundle.ftl, core.ftl).
precheck-intro = Choose a package made by this service (.zip), its unzipped folder, or a set of documents, and get the same report as the command line anyqtama check.
precheck-private = Nothing is uploaded: the files are checked in this browser and do not leave it.
precheck-zip-label = Packages (.zip)
precheck-zip-hint = You can choose several, or drag them (or a folder) here.
precheck-folder-label = A folder
precheck-folder-hint = An unzipped package (with bagit.txt), a folder of packages, or a set of documents.
precheck-checking = Checking { $done } of { $total }…
precheck-report = Report
precheck-as-of = Checked as of { $date }.
precheck-col-file = File
precheck-col-result = Result
precheck-col-id = Bundle
precheck-col-blockers = Must be fixed
precheck-col-warnings = Warnings
precheck-col-notes = Notes
precheck-data-failed = Could not load { $url }: { $reason }. The pre-check needs the same rules and calendar as the portal, so it was not made.
precheck-input-unreadable = The file could not be read: { $reason }
# Loose documents (not a package): only their type and size can be checked.
precheck-status-accepted = type accepted
precheck-document-kind = { $kind ->
        [pdf] A PDF document, { $size } MB.
        [jpeg] A JPEG image, { $size } MB.
        [png] A PNG image, { $size } MB.
        [executable] A Windows program, whatever its name says.
        [zip] A ZIP archive (or a Word or Excel file), not a package.
       *[other] The content is not recognised.
    }
precheck-document-accepted = An accepted type and size.
precheck-document-refused = Refused: only PDF, JPEG and PNG files are accepted.
precheck-document-too-large = Refused: { $size } MB; at most { $max } MB per file.
precheck-document-empty = Refused: the file is empty.
precheck-documents-note = Not a package: only the type and size of each document were checked. The checks of integrity, signature, completeness and deadlines need the whole package: a .zip made by this service, or its unzipped folder (with bagit.txt).
precheck-documents-summary = { $total ->
        [one] One document
       *[other] { $total } documents
    }: { $accepted } of an accepted type, { $refused } refused.
