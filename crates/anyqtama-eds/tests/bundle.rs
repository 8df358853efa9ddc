//! A bundle carrying the applicant's EDS (`signature.p7s`, a detached CMS over
//! `tagmanifest-sha256.txt`): written by the builder, accepted by the bundle's verifier, its
//! signer verified by anyqtama-eds; and the example bundle `issue-eds.zip` reproduced.

#[path = "../testsupport/signer.rs"]
mod signer;

use anyqtama_bundle::crypto::{KeyPair, P256Verifier, Sha256};
use anyqtama_bundle::zip::{self, Limits};
use anyqtama_bundle::{Document, Request};
use anyqtama_core::{Application, Date, Lang, Regulation};
use anyqtama_eds::{time, Cert, Options};
use std::borrow::Cow;

fn root(path: &str) -> String {
    format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &str) -> Vec<u8> {
    std::fs::read(root(path)).unwrap()
}

fn trust() -> Options {
    Options {
        trust: Cert::parse_many(&read("tests/fixtures/nca-test/ca/root_test_gost_2022.cer")).unwrap(),
        intermediates: Cert::parse_many(&read("tests/fixtures/nca-test/ca/nca_gost2022_test.cer")).unwrap(),
        crls: vec![],
        at: None,
        now: time::parse_day("2026-12-04").unwrap(),
    }
}

fn signing_key() -> signer::TestKey {
    signer::load_p12(&read("tests/fixtures/nca-test/keys/individual_valid.p12"), "Qwerty12").unwrap()
}

fn bundle_verifies(bytes: &[u8]) {
    let regulation = Regulation::builtin();
    let options = anyqtama_bundle::Options {
        today: Date::parse("2026-11-25").unwrap(),
        regulation: &regulation,
        limits: Limits::default(),
    };
    let r = anyqtama_bundle::verify(bytes, &options, &Sha256, &P256Verifier);
    assert!(r.is_valid(), "{:?}", r.codes());
}

/// The issue application without an IIN, bundled with small documents and
/// the test device key (deterministic), its EDS made by the test signer (random k).
/// With `keep_iin`, the application keeps its IIN (791028302728), not the signer's.
fn build_with_eds(keep_iin: bool) -> Vec<u8> {
    let mut app: Application =
        serde_json::from_slice(&read("tests/fixtures/applications/issue.json")).unwrap();
    // The test IIN 123456789011 fails the check digit (a blocker): the application leaves it out.
    if !keep_iin {
        app.answers.remove("iin");
    }
    let docs: Vec<Document<'static>> = app
        .documents
        .iter()
        .flat_map(|d| {
            d.files.iter().map(|f| Document {
                item: d.item.clone(),
                name: f.name.clone(),
                bytes: Cow::Owned(if f.media_type == "image/jpeg" {
                    vec![0xFF, 0xD8, 0xFF, 0xD9]
                } else {
                    b"%PDF-1.4\n%%EOF\n".to_vec()
                }),
                sha256: None,
            })
        })
        .collect();
    let request = Request {
        application: &app,
        documents: &docs,
        id: if keep_iin {
            "6f1c2a3e-0000-4000-8000-000000000007"
        } else {
            "6f1c2a3e-0000-4000-8000-000000000006"
        },
        date: Date::parse("2026-11-25").unwrap(),
        lang: Lang::Kk,
        rules_version: "2026.1",
    };
    let unsigned = anyqtama_bundle::prepare(&request, &Sha256).unwrap();
    let device = KeyPair::from_jwk(include_str!("../../../tests/fixtures/bundles/test-key.jwk")).unwrap();
    let jwk = anyqtama_bundle::Signer::public_jwk(&device);
    let jws = anyqtama_bundle::Signer::sign(&device, &unsigned.signing_input(&jwk)).unwrap();
    let eds =
        signer::sign_detached(&signing_key(), unsigned.tagmanifest(), time::parse_day("2026-11-25").unwrap());
    unsigned.finish_with_eds(&jwk, &jws, Some(&eds)).unwrap()
}

#[test]
fn builder_writes_signature_p7s_that_verifies() {
    let bytes = build_with_eds(false);
    bundle_verifies(&bytes);
    let report = anyqtama_bundle::eds::verify(&bytes, &Limits::default(), &trust()).unwrap().unwrap();
    assert!(report.valid, "{:?}", report.signers[0].errors);
    assert_eq!(report.signers[0].summary.as_ref().unwrap().iin.as_deref(), Some("123456789011"));
    assert_eq!(report.signers[0].chain.len(), 3);
    // Without signature.p7s there is nothing to verify.
    assert!(anyqtama_bundle::eds::verify(
        &read("tests/fixtures/bundles/issue.zip"),
        &Limits::default(),
        &trust()
    )
    .is_none());
}

/// `tests/fixtures/bundles/issue-eds.zip` (and `issue-eds-other-iin.zip`, whose application
/// has an IIN other than the signer's) are [`build_with_eds`]'s bundles. GOST signatures take
/// a random k, so it is checked, not compared whole: every entry but `signature.p7s` is what
/// the builder gives again, and `signature.p7s` verifies (`ANYQTAMA_WRITE_FIXTURES=1` writes
/// the file anew).
#[test]
fn example_bundles_with_eds() {
    for (name, keep_iin) in [("issue-eds.zip", false), ("issue-eds-other-iin.zip", true)] {
        example_bundle(name, keep_iin);
    }
}

fn example_bundle(name: &str, keep_iin: bool) {
    let path = root(&format!("tests/fixtures/bundles/{name}"));
    let fresh = build_with_eds(keep_iin);
    if std::env::var_os("ANYQTAMA_WRITE_FIXTURES").is_some() {
        std::fs::write(&path, &fresh).unwrap();
    }
    let bytes = std::fs::read(&path).unwrap();
    let entries = |b: &[u8]| -> Vec<_> {
        zip::read(b, &Limits::default())
            .unwrap()
            .entries
            .into_iter()
            .filter(|e| e.name != "signature.p7s")
            .collect()
    };
    assert_eq!(entries(&bytes), entries(&fresh), "all but signature.p7s as the builder makes it");
    bundle_verifies(&bytes);
    let report = anyqtama_bundle::eds::verify(&bytes, &Limits::default(), &trust()).unwrap().unwrap();
    assert!(report.valid, "{:?}", report.signers[0].errors);
}
