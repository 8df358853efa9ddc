//! The intake server with applicants' electronic signatures: `--trust`, `--require-eds`, the
//! receipt's signer, 400 with the signature's code, 422 for another IIN than the application's.

mod common;

use anyqtama_eds::{Cert, Options};
use anyqtama_server::{Config, FixedClock, Running};
use common::*;
use std::sync::Arc;

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/../../tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn start(trust: bool, require: bool) -> (Running, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::new("127.0.0.1:0".parse().unwrap(), dir.path().join("intake.sqlite"));
    config.clock = Arc::new(FixedClock::parse("2026-11-25T10:00:00+05:00").unwrap());
    if trust {
        config.eds = Options {
            trust: Cert::parse_many(&fixture("nca-test/ca/nca_gost2022_test.cer")).unwrap(),
            ..Options::default()
        };
    }
    config.require_eds = require;
    (Running::start(config).unwrap(), dir)
}

#[test]
fn a_bundle_signed_with_eds_gets_the_signer_in_its_receipt() {
    let (s, dir) = start(true, true);
    let r = post(s.addr, &fixture("bundles/issue-eds.zip"), &[]);
    assert_eq!(r.status, 201, "{}", String::from_utf8_lossy(&r.body));
    let signer = &r.json()["signer"];
    assert_eq!(signer["iin"], "123456789011");
    assert_eq!(signer["algorithm"], "gost2015-512");
    assert_eq!(signer["bin"], serde_json::Value::Null);
    assert!(!signer["name"].as_str().unwrap().is_empty());
    assert!(!signer["certificate_serial"].as_str().unwrap().is_empty());
    // The stored receipt keeps it (read as an officer).
    let id = r.json()["id"].as_str().unwrap().to_string();
    let store = anyqtama_server::store::open(&dir.path().join("intake.sqlite").to_string_lossy()).unwrap();
    let token =
        anyqtama_server::access::new_officer(&*store, "officer", "2026-11-25T05:00:00Z").unwrap().unwrap();
    assert_eq!(get_as(s.addr, &format!("/api/bundles/{id}"), &token).json()["signer"]["iin"], "123456789011");
}

#[test]
fn required_eds_missing_or_untrusted_is_400_with_its_code() {
    let (s, _dir) = start(true, true);
    let r = post(s.addr, &fixture("bundles/issue.zip"), &[]);
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["error"], "eds-missing", "{}", String::from_utf8_lossy(&r.body));
    let (s, _dir) = start(false, true);
    let r = post(s.addr, &fixture("bundles/issue-eds.zip"), &[]);
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["error"], "eds-untrusted");
}

#[test]
fn another_iin_than_the_applications_is_422() {
    let (s, _dir) = start(true, false);
    let r = post(s.addr, &fixture("bundles/issue-eds-other-iin.zip"), &[]);
    assert_eq!(r.status, 422, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(r.json()["error"], "eds-iin-mismatch");
}

#[test]
fn without_require_a_bundle_without_eds_is_taken_as_before() {
    let (s, _dir) = start(true, false);
    let r = post(s.addr, &fixture("bundles/issue.zip"), &[]);
    assert_eq!(r.status, 201);
    assert!(r.json().get("signer").is_none());
}
