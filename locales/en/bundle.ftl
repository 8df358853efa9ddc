# Texts of the signed bundle: why a bundle is refused (one per code of anyqtama-bundle's CODES,
# id "bundle-" + the code with "." and "_" as "-"), and the command line's bundle, verify, keygen.
bundle-zip-not-zip = The file is not a ZIP archive.
bundle-zip-truncated = The ZIP archive is cut short: part of it is missing.
bundle-zip-malformed = The ZIP archive is damaged ({ $reason }).
bundle-zip-unsupported = This ZIP feature is not accepted: { $reason }.
bundle-zip-too-many-entries = The archive has { $count } entries; at most { $limit } are accepted.
bundle-zip-too-large = The file is larger than accepted (limit { $limit } bytes).
bundle-zip-bomb = The archive looks like a zip bomb ({ $reason }); it was not unpacked.
bundle-zip-crc = The file's checksum in the archive does not match its content.
bundle-zip-duplicate = The archive holds two files under this name.
bundle-name-unsafe = Unsafe file name ({ $reason }): it could escape the folder it is unpacked into.
bundle-bag-missing-tag-file = A required file of the bag is missing.
bundle-bag-unexpected-file = A file that does not belong in a bundle.
bundle-bag-declaration = bagit.txt does not declare a BagIt 1.0 bag in UTF-8.
bundle-bag-info-invalid = bag-info.txt: “{ $field }” is missing or invalid.
bundle-bag-info-mismatch = bag-info.txt says { $field } is “{ $declared }”, but the application gives “{ $actual }”.
bundle-bag-oxum = The payload is not what bag-info.txt declares (Payload-Oxum { $declared }, actually { $actual }).
bundle-bag-manifest-syntax = Line { $line } of the manifest cannot be read.
bundle-bag-manifest-mismatch = The file was changed: its SHA-256 differs from manifest-sha256.txt.
bundle-bag-file-missing = The manifest lists this file, but it is not in the bag.
bundle-bag-file-unlisted = The file is not listed in manifest-sha256.txt.
bundle-bag-tagmanifest-mismatch = The tag file was changed: its SHA-256 differs from tagmanifest-sha256.txt.
bundle-bag-tag-unlisted = tagmanifest-sha256.txt does not list this tag file, so the signature does not cover it.
bundle-signature-missing = The bundle is not signed: signature.jws is missing.
bundle-signature-malformed = signature.jws cannot be read ({ $reason }).
bundle-signature-header = The signature's header is not accepted ({ $reason }).
bundle-signature-key = The signature's public key is not accepted ({ $reason }).
bundle-signature-invalid = The signature does not match: the tag manifest or the signature was changed.
bundle-eds-no-trust-anchor = The qualified electronic signature (ЭЦҚ/ЭЦП) could not be checked: no trust anchor was given to check it against (anyqtama check --trust CERT).
bundle-eds-invalid = The qualified electronic signature (ЭЦҚ/ЭЦП) is not valid (see its signer).
bundle-eds-iin-mismatch = The qualified electronic signature (ЭЦҚ/ЭЦП) is valid, but it is not the applicant's: the application is for IIN { $iin }, the signer's IIN is { $signer }.
bundle-application-missing = The bundle holds no application (data/application.json).
bundle-application-invalid = The application cannot be read: { $reason }
bundle-application-schema = The application's schema version { $schema } is not supported (supported: { $supported }).
bundle-application-not-canonical = application.json is not in canonical JSON (RFC 8785).
bundle-application-file-missing = The application describes this document, but the bag does not hold it.
bundle-application-file-unlisted = The bag holds this document, but the application does not describe it.
bundle-application-file-mismatch = The document is not what the application describes ({ $what }: described { $described }, actually { $actual }).
bundle-check-blockers = The check of the application finds { $count ->
        [one] one problem that must be fixed
       *[other] { $count } problems that must be fixed
    }.
bundle-build-id = “{ $id }” is not a UUID.
bundle-build-too-large = Too large for a ZIP archive without ZIP64.
bundle-build-signer = The bundle could not be signed: { $reason }
bundle-cli-valid = Bundle { $id } is valid.
bundle-cli-invalid = Bundle { $id } is not valid: { $count ->
        [one] one problem
       *[other] { $count } problems
    }.
bundle-cli-unreadable = Not a readable bundle:
bundle-cli-key = Signed with the key { $thumbprint } (its JWK thumbprint).
bundle-cli-findings = The check as of { $date }:
bundle-cli-written = Bundle { $id } written to { $path }: { $files ->
        [one] one document
       *[other] { $files } documents
    }, { $bytes } bytes.
bundle-cli-keygen = Private key written to { $path }. Keep it secret; its public half goes into every bundle it signs.
bundle-cli-error-read = Could not read { $path }: { $reason }
bundle-cli-error-write = Could not write { $path }: { $reason }
bundle-cli-error-exists = { $path } already exists; it was not overwritten.
bundle-cli-error-key = { $path } is not a P-256 private key (JWK): { $reason }
bundle-cli-error-application = { $path } is not an application: { $reason }
bundle-cli-error-documents = { $path } is not a folder of documents (one folder per checklist item): { $reason }
