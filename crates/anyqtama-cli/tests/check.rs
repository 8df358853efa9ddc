//! `anyqtama check` on folders of valid, incomplete-by-expiry, tampered and unreadable bundles,
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

#[test]
fn a_folder_of_valid_bundles_and_a_bag_is_clean() {
    let dir = temp("clean");
    std::fs::copy(fixture("bundles/issue.zip"), dir.join("issue.zip")).unwrap();
    std::fs::copy(fixture("bundles/browser/extend.zip"), dir.join("extend.zip")).unwrap();
    // An unzipped bag beside them.
    let bytes = std::fs::read(fixture("bundles/duplicate.zip")).unwrap();
    let archive = anyqtama_bundle::zip::read(&bytes, &anyqtama_bundle::zip::Limits::default()).unwrap();
    for e in archive.entries {
        let path = dir.join("duplicate-bag").join(&e.name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, e.data).unwrap();
    }
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
