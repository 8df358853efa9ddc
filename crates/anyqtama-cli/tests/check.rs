//! `anyqtama check` on folders of valid, incomplete, expired, tampered and unreadable bundles,
//! and on an unzipped bag: the documented exit codes (0 clean, 1 refused, 2 unreadable) and
//! findings, in JSON and as text.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_anyqtama")).args(args).output().expect("the binary runs")
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(format!("{}/../../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR")))
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("anyqtama-check-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stdout)))
}

/// `bundle` for a tampered copy: one byte of the first document changed, entries rewritten as
/// the ZIP writer of the bundle crate would (so the ZIP itself is sound and only the bag is not).
fn tamper(src: &Path, dst: &Path) {
    let bytes = std::fs::read(src).unwrap();
    let archive = anyqtama_bundle::zip::read(&bytes, &anyqtama_bundle::zip::Limits::default()).unwrap();
    let date = anyqtama_core::Date::parse("2026-11-25").unwrap();
    let mut w = anyqtama_bundle::zip::Writer::new(date);
    let mut done = false;
    for e in archive.entries {
        let mut data = e.data;
        if !done && e.name.starts_with("data/documents/") {
            let last = data.len() - 1;
            data[last] ^= 1;
            done = true;
        }
        w.add(&e.name, &data).unwrap();
    }
    std::fs::write(dst, w.finish().unwrap()).unwrap();
}

/// `anyqtama bundle` of the application `app` (JSON text) with a small PDF for each
/// `(item, file name)`, signed with the test key, into `dir/out`.
fn bundle_of(app: &str, files: &[(&str, &str)], dir: &Path, out: &str) -> PathBuf {
    std::fs::write(dir.join("app.json"), app).unwrap();
    for (item, name) in files {
        std::fs::create_dir_all(dir.join("docs").join(item)).unwrap();
        std::fs::write(dir.join("docs").join(item).join(name), b"%PDF-1.4\nscan\n").unwrap();
    }
    let zip = dir.join(out);
    let o = run(&[
        "bundle",
        "--application",
        s(&dir.join("app.json")),
        "--documents",
        s(&dir.join("docs")),
        "--key",
        s(&fixture("bundles/test-key.jwk")),
        "--out",
        s(&zip),
        "--date",
        "2026-11-25",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    zip
}

/// A bundle unzipped into a bag folder.
fn unzip(zip: &Path, bag: &Path) {
    let bytes = std::fs::read(zip).unwrap();
    let archive = anyqtama_bundle::zip::read(&bytes, &anyqtama_bundle::zip::Limits::default()).unwrap();
    for e in archive.entries {
        let path = bag.join(&e.name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, e.data).unwrap();
    }
}

#[test]
fn a_folder_of_valid_bundles_and_a_bag_is_clean() {
    let dir = temp("clean");
    std::fs::copy(fixture("bundles/issue.zip"), dir.join("issue.zip")).unwrap();
    std::fs::copy(fixture("bundles/browser/extend.zip"), dir.join("extend.zip")).unwrap();
    // An unzipped bag beside them.
    unzip(&fixture("bundles/duplicate.zip"), &dir.join("duplicate-bag"));
    let o = run(&["check", s(&dir), "--today", "2026-11-25", "--json", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
    let v = json(&o);
    let entries = v.as_array().unwrap();
    assert_eq!(entries.len(), 3);
    assert!(entries.iter().all(|e| e["status"] == "valid"), "{v}");
    assert!(entries.iter().any(|e| e["path"].as_str().unwrap().ends_with("duplicate-bag")));
    assert!(entries.iter().all(|e| e["report"]["blockers"] == 0));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn tampered_expired_and_unreadable_bundles_give_their_exit_codes() {
    let dir = temp("mixed");
    // Tampered: refused with the bag's code.
    tamper(&fixture("bundles/issue.zip"), &dir.join("tampered.zip"));
    let o = run(&["check", s(&dir.join("tampered.zip")), "--today", "2026-11-25", "--json"]);
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    assert_eq!(v[0]["status"], "refused");
    let codes: Vec<&str> =
        v[0]["errors"].as_array().unwrap().iter().map(|e| e["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"bag.manifest_mismatch"), "{codes:?}");

    // Expired: the same valid bundle, checked as of a day after the passport expired.
    let o = run(&["check", s(&fixture("bundles/issue.zip")), "--today", "2031-06-01", "--json"]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stdout));
    let v = json(&o);
    let findings: Vec<&str> =
        v[0]["report"]["findings"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap()).collect();
    assert!(findings.contains(&"identity_document.expired"), "{findings:?}");

    // Unreadable beats refused: exit 2, and the others are still reported.
    std::fs::write(dir.join("garbage.zip"), b"not a zip").unwrap();
    let o = run(&["check", s(&dir), "--today", "2026-11-25", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(2));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("2 bundles: 0 valid, 1 refused, 1 unreadable."), "{out}");
    assert!(out.contains("The file is not a ZIP archive."), "{out}");

    // Nothing to check, or a path that does not exist: a clear message, status 2.
    let empty = temp("empty");
    let o = run(&["check", s(&empty), "--lang", "en"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("No bundle"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = run(&["check", "/no/such/place", "--lang", "ru"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!String::from_utf8_lossy(&o.stderr).contains("panicked"));
    std::fs::remove_dir_all(&dir).ok();
    std::fs::remove_dir_all(&empty).ok();
}

/// A folder mixing every outcome, in an order where they alternate: valid bundles (built
/// natively and in the browser), an unzipped bag, tampered ones, ones whose passport expired
/// before `--today`, and unreadable ones (not a ZIP, cut short, empty).
fn mixed_folder(name: &str) -> PathBuf {
    let dir = temp(name);
    let work = temp(&format!("{name}-work"));
    // An application whose identity document expired on 1 Nov 2026, bundled with the test key.
    let app = std::fs::read_to_string(fixture("applications/issue.json"))
        .unwrap()
        .replace("\"id_doc_expires_on\": \"2031-05-13\"", "\"id_doc_expires_on\": \"2026-11-01\"");
    assert!(app.contains("2026-11-01"));
    let files: Vec<(&str, &str)> =
        ["identity-document", "education-documents", "work-record"].map(|item| (item, "scan.pdf")).to_vec();
    let expired = bundle_of(&app, &files, &work, "expired.zip");

    let kinds = ["issue", "extend", "reissue-identity", "reissue-employer", "duplicate"];
    for (i, kind) in kinds.iter().enumerate() {
        let native = fixture(&format!("bundles/{kind}.zip"));
        std::fs::copy(&native, dir.join(format!("{i}a-valid-{kind}.zip"))).unwrap();
        std::fs::copy(fixture(&format!("bundles/browser/{kind}.zip")), dir.join(format!("{i}b-browser.zip")))
            .unwrap();
        tamper(&native, &dir.join(format!("{i}c-tampered.zip")));
        std::fs::copy(&expired, dir.join(format!("{i}d-expired.zip"))).unwrap();
        let bytes = std::fs::read(&native).unwrap();
        let unreadable: &[u8] = match i % 3 {
            0 => b"not a zip",
            1 => &bytes[..bytes.len() / 2],
            _ => b"",
        };
        std::fs::write(dir.join(format!("{i}e-unreadable.zip")), unreadable).unwrap();
    }
    unzip(&fixture("bundles/duplicate.zip"), &dir.join("2f-bag"));
    std::fs::remove_dir_all(&work).ok();
    dir
}

#[test]
fn checking_on_many_threads_gives_the_same_output_as_one_by_one() {
    let dir = mixed_folder("jobs");
    for format in [&["--json"][..], &[][..]] {
        let check = |jobs: &str| {
            let mut args = vec!["check", s(&dir), "--today", "2026-11-25", "--lang", "en", "--jobs", jobs];
            args.extend(format);
            run(&args)
        };
        let one = check("1");
        assert_eq!(one.status.code(), Some(2), "unreadable ones beat refused ones");
        for jobs in ["2", "3", "8", "64"] {
            let many = check(jobs);
            assert_eq!(many.status.code(), one.status.code(), "--jobs {jobs}");
            assert_eq!(
                String::from_utf8_lossy(&many.stdout),
                String::from_utf8_lossy(&one.stdout),
                "--jobs {jobs} {format:?}"
            );
        }
        // Without --jobs (one per core), the same again.
        let mut args = vec!["check", s(&dir), "--today", "2026-11-25", "--lang", "en"];
        args.extend(format);
        let default = run(&args);
        assert_eq!((default.status.code(), default.stdout), (one.status.code(), one.stdout.clone()));
        if format.is_empty() {
            let out = String::from_utf8_lossy(&one.stdout);
            assert!(out.contains("26 bundles: 11 valid, 10 refused, 5 unreadable."), "{out}");
            continue;
        }

        // The JSON written as the bundles come in is, byte for byte, the whole array pretty-printed.
        let v = json(&one);
        assert_eq!(
            String::from_utf8_lossy(&one.stdout),
            format!("{}\n", serde_json::to_string_pretty(&v).unwrap())
        );
        // In the order of the paths, each with the verdict its name says.
        let entries = v.as_array().unwrap();
        let paths: Vec<&str> = entries.iter().map(|e| e["path"].as_str().unwrap()).collect();
        let mut sorted = paths.clone();
        sorted.sort();
        assert_eq!(paths, sorted);
        assert_eq!(entries.len(), 26);
        for e in entries {
            let (path, status) = (e["path"].as_str().unwrap(), e["status"].as_str().unwrap());
            let codes: Vec<&str> =
                e["errors"].as_array().unwrap().iter().map(|c| c["code"].as_str().unwrap()).collect();
            let expected = if path.contains("unreadable") {
                "unreadable"
            } else if path.contains("tampered") || path.contains("expired") {
                "refused"
            } else {
                "valid"
            };
            assert_eq!(status, expected, "{path}: {codes:?}");
            if path.contains("tampered") {
                assert!(codes.contains(&"bag.manifest_mismatch"), "{path}: {codes:?}");
            }
            if path.contains("expired") {
                let findings: Vec<&str> = e["report"]["findings"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|f| f["code"].as_str().unwrap())
                    .collect();
                assert!(findings.contains(&"identity_document.expired"), "{path}: {findings:?}");
            }
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// A bundle that is sound and signed but incomplete: the application without its identity
/// document (made with `anyqtama bundle`, as any tool other than the widget could make it).
#[test]
fn an_incomplete_bundle_is_refused_with_the_missing_checklist_item() {
    let dir = temp("incomplete");
    let mut app: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("applications/issue.json")).unwrap()).unwrap();
    app["documents"].as_array_mut().unwrap().retain(|d| d["item"] != "identity-document");
    let files: Vec<(String, String)> = app["documents"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| {
            let item = d["item"].as_str().unwrap().to_string();
            d["files"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |f| (item.clone(), f["name"].as_str().unwrap().to_string()))
        })
        .collect();
    let files: Vec<(&str, &str)> = files.iter().map(|(i, n)| (i.as_str(), n.as_str())).collect();
    let zip = bundle_of(&app.to_string(), &files, &dir, "incomplete.zip");

    let o = run(&["check", s(&zip), "--today", "2026-11-25", "--json"]);
    assert_eq!(o.status.code(), Some(1), "a blocker: exit 1");
    let v = json(&o);
    assert_eq!(v[0]["status"], "refused");
    let blockers: Vec<(&str, &str)> = v[0]["report"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "blocker")
        .map(|f| (f["code"].as_str().unwrap(), f["target"]["id"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(blockers, [("checklist.missing", "identity-document")]);
    // The text says which document is missing, in the language asked for.
    let o = run(&["check", s(&zip), "--today", "2026-11-25", "--lang", "en"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("identity document"), "{out}");
    assert_eq!(o.status.code(), Some(1));
}
