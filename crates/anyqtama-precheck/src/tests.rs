//! The pre-check worker's logic, natively: what it makes of the chosen files, the same lines as
//! `anyqtama check` on the example bundles, and the report's HTML in three languages.

use super::*;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/../../tests/fixtures/bundles/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn day(s: &str) -> Date {
    Date::parse(s).unwrap()
}

fn session(today: &str) -> Session {
    Session::new(Regulation::builtin(), day(today))
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// The entries (name and path inside) of a bundle.
fn unzipped(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let archive = anyqtama_bundle::zip::read(bytes, &Limits::default()).unwrap();
    archive.entries.into_iter().map(|e| (e.name, e.data)).collect()
}

#[test]
fn chosen_files_are_sorted_into_bags_bundles_and_documents() {
    let paths = strings(&[
        "set/b.ZIP",
        "set/bag/data/application.json",
        "set/bag/bagit.txt",
        "set/bag/data/documents/x/inner/bagit.txt",
        "set/a.pdf",
        "set/notes/readme.txt",
        "set/bag.zip",
    ]);
    assert_eq!(
        plan(&paths),
        vec![
            Unit::Document { index: 4 },
            Unit::Zip { index: 0 },
            // A bag inside a bag is part of the outer one; the bag sorts before "bag.zip" as a
            // folder does in `anyqtama check`.
            Unit::Bag { root: "set/bag".into(), files: vec![1, 2, 3] },
            Unit::Zip { index: 6 },
            Unit::Document { index: 5 },
        ]
    );
    // Files chosen one by one have no folder: a bagit.txt among them is not a bag.
    assert_eq!(
        plan(&strings(&["bagit.txt", "x.zip"])),
        vec![Unit::Document { index: 0 }, Unit::Zip { index: 1 }]
    );
    assert!(plan(&[]).is_empty());
}

#[test]
fn an_example_bundle_gives_the_command_lines_lines_in_every_language() {
    let regulation = Regulation::builtin();
    let bytes = fixture("issue.zip");
    let mut s = session("2031-06-01");
    s.zip("issue.zip", bytes.len() as u64, || Ok(bytes.clone()));
    let (status, r) = precheck::check_bytes(&bytes, &regulation, day("2031-06-01"));
    let e = &s.entries[0];
    assert_eq!(e.status, "refused");
    assert_eq!(Some(&e.id), r.id.as_ref());
    for (i, lang) in Lang::ALL.iter().enumerate() {
        let t = Localizer::new(*lang);
        assert_eq!(e.texts[i].0, Row::new(&t, status, Some(&r)).status);
        assert_eq!(e.texts[i].1, precheck::lines(&t, &regulation, Some(&r), ""), "{lang}");
        assert_eq!(e.notes[i], precheck::notes(&t, &regulation, Some(&r)), "{lang}");
        assert_eq!(e.notes[i].len(), e.counts[2]);
    }
    let en = s.html(Lang::En);
    assert!(en.contains("Must be fixed: "), "{en}");
    assert!(en.contains("expired"), "{en}");
    assert!(en.contains("1 bundle") || en.contains("One bundle"), "{en}");
}

#[test]
fn an_unzipped_bag_is_checked_like_its_zip() {
    let files = unzipped(&fixture("duplicate.zip"));
    let listed: Vec<(String, u64)> = files.iter().map(|(n, d)| (n.clone(), d.len() as u64)).collect();
    let mut s = session("2026-11-25");
    s.bag("duplicate", &listed, |i| Ok(files[i].1.clone()));
    assert_eq!(s.entries[0].status, "valid", "{:?}", s.entries[0].texts[2]);
    assert_eq!(s.entries[0].id, "6f1c2a3e-0000-4000-8000-000000000005");

    // A file that cannot be read any more: said, with the browser's reason.
    let mut s = session("2026-11-25");
    s.bag("duplicate", &listed, |_| Err("NotReadableError".into()));
    assert_eq!(s.entries[0].status, "unreadable");
    assert_eq!(s.entries[0].texts[2].1, ["The file could not be read: NotReadableError"]);
}

#[test]
fn a_renamed_program_is_refused_and_a_pdf_accepted_but_only_as_a_document() {
    let mut s = session("2026-11-25");
    s.document("scan.pdf", b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0", 4096);
    s.document("passport.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", 3_565_158);
    s.document("empty.pdf", b"", 0);
    s.document("huge.pdf", b"%PDF-1.7\n", 500 << 20);
    let statuses: Vec<&str> = s.entries.iter().map(|e| e.status).collect();
    assert_eq!(statuses, ["refused", "accepted", "refused", "refused"]);
    let en = |i: usize| s.entries[i].texts[2].1.join(" ");
    assert_eq!(
        en(0),
        "A Windows program, whatever its name says. Refused: only PDF, JPEG and PNG files are accepted."
    );
    assert_eq!(en(1), "A PDF document, 3.4 MB. An accepted type and size.");
    assert_eq!(s.entries[1].texts[0].1[0], "PDF құжаты, 3,4 МБ.");
    assert!(en(2).ends_with("Refused: the file is empty."), "{}", en(2));
    assert!(en(3).contains("Refused: 500.0 MB; at most"), "{}", en(3));
    let html = s.html(Lang::En);
    assert!(html.contains("Not a package: only the type and size"), "{html}");
    assert!(html.contains("4 documents: 1 of an accepted type, 3 refused."), "{html}");
    assert!(!html.contains("precheck-summary"), "no bundle, no bundle summary: {html}");
    assert!(html.contains("data-testid=\"precheck-note\""), "{html}");
}

#[test]
fn what_cannot_be_a_bundle_is_unreadable_with_its_reason() {
    let mut s = session("2026-11-25");
    s.zip("notes.zip", 9, || Ok(b"not a zip".to_vec()));
    s.zip("big.zip", 300 << 20, || panic!("a file over the limit is not read"));
    assert_eq!(s.entries[0].status, "unreadable");
    assert_eq!(s.entries[0].texts[2].1, ["The file is not a ZIP archive."]);
    assert_eq!(s.entries[1].texts[2].1, ["The file is larger than accepted (limit 268435456 bytes)."]);
    let html = s.html(Lang::En);
    assert!(html.contains("2 bundles: 0 valid, 0 refused, 2 unreadable."), "{html}");
}

#[test]
fn the_report_is_escaped_html_with_a_proper_table_in_each_language() {
    let bytes = fixture("issue.zip");
    let mut s = session("2026-11-25");
    s.zip("<b>&\"x\".zip", bytes.len() as u64, || Ok(bytes.clone()));
    let tampered = {
        let mut w = anyqtama_bundle::zip::Writer::new(day("2026-11-25"));
        let mut done = false;
        for (name, mut data) in unzipped(&bytes) {
            if !done && name.starts_with("data/documents/") {
                data[0] ^= 1;
                done = true;
            }
            w.add(&name, &data).unwrap();
        }
        w.finish().unwrap()
    };
    s.zip("tampered.zip", tampered.len() as u64, || Ok(tampered.clone()));
    for lang in Lang::ALL {
        let html = s.html(lang);
        assert!(html.contains("&lt;b&gt;&amp;&quot;x&quot;.zip"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        assert_eq!(html.matches("<th scope=\"col\"").count(), 6, "{lang}");
        assert_eq!(html.matches("<tr data-status=").count(), 2, "{lang}");
        for id in [
            "check-cli-",
            "precheck-col-",
            "precheck-as-of",
            "precheck-document",
            "precheck-status",
            "bundle-",
            "finding-",
            "severity-",
        ] {
            assert!(!html.contains(id), "a message id in the report: {html}");
        }
        assert!(html.contains("6f1c2a3e-0000-4000-8000-000000000001"));
    }
    let en = s.html(Lang::En);
    assert!(en.contains("The file was changed: its SHA-256 differs from manifest-sha256.txt."), "{en}");
    assert!(en.contains("<tr data-status=\"refused\">"), "{en}");
    assert!(s.html(Lang::Ru).contains("отклонён"));
    assert!(s.html(Lang::Kk).contains("қабылданбады"));
}

#[test]
fn the_portals_data_files_load_or_name_the_one_that_failed() {
    let ok = regulation(&[]).unwrap();
    assert!(ok.rules.latest().is_some());
    let bad = vec![("rules".to_string(), "https://portal/rules.json".to_string(), "{".to_string())];
    let (url, reason) = regulation(&bad).err().unwrap();
    assert_eq!(url, "https://portal/rules.json");
    assert!(!reason.is_empty());
}

#[test]
fn the_form_has_labelled_inputs_and_says_nothing_is_uploaded_in_each_language() {
    let s = session("2026-11-25");
    for lang in Lang::ALL {
        let html = s.form_html(lang);
        for what in ["zip", "folder"] {
            assert!(html.contains(&format!("<label class=\"label\" for=\"precheck-{what}\">")), "{html}");
            assert!(html.contains(&format!("id=\"precheck-{what}\"")), "{html}");
            assert!(html.contains(&format!("aria-describedby=\"precheck-{what}-hint\"")), "{html}");
        }
        assert!(html.contains("webkitdirectory") && html.contains("accept=\".zip"), "{html}");
        assert!(!html.contains("precheck-intro") && !html.contains("precheck-private<"), "{lang}: {html}");
        assert!(!s.progress_text(lang, 2, 10).contains("precheck-"), "{lang}");
    }
    assert!(s.form_html(Lang::En).contains("Nothing is uploaded"));
    assert_eq!(
        s.progress_html(Lang::En, 2, 10),
        "<label for=\"precheck-progress\">Checking 3 of 10…</label><progress id=\"precheck-progress\" max=\"10\" value=\"2\"></progress>"
    );
    let failed = data_failed_html(Lang::Ru, "https://portal/<r>.json", "HTTP 404");
    assert!(failed.contains("https://portal/&lt;r&gt;.json") && failed.contains("HTTP 404"), "{failed}");
    assert!(failed.contains("role=\"alert\"") && !failed.contains("precheck-data-failed"), "{failed}");
    assert_eq!(s.progress_text(Lang::En, 2, 10), "Checking 3 of 10…");
}

#[test]
fn a_bundle_with_an_eds_signature_is_refused_as_check_without_trust_refuses_it() {
    // The worker has no trust anchors: like `anyqtama check` without --trust, it says that the
    // signature could not be checked, and refuses the bundle.
    let bytes = fixture("issue-eds.zip");
    let mut s = session("2026-11-25");
    s.zip("issue-eds.zip", bytes.len() as u64, || Ok(bytes.clone()));
    let e = &s.entries[0];
    assert_eq!(e.status, "refused");
    for (i, lang) in Lang::ALL.iter().enumerate() {
        let t = Localizer::new(*lang);
        let expected = t.text("bundle-eds-no-trust-anchor");
        assert_eq!(e.texts[i].1, [format!("signature.p7s: {expected}")], "{lang}");
    }
    assert!(s.html(Lang::En).contains("no trust anchor was given"));
}
