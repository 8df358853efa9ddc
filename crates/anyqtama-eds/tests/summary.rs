//! The signer summary of the NCA's own CMS, and the test signer's signatures checked by the
//! library's verification of one signature (whose byte order the NCA's file proves).

#[path = "../testsupport/signer.rs"]
mod signer;

use anyqtama_eds::{sig, signer_summaries, Algorithm, SignedCms};

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/../../tests/fixtures/nca-test/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn nca_cms_has_two_signers_described() {
    let s = signer_summaries(&fixture("cms/test123.detached.p7s")).unwrap();
    assert_eq!(s.len(), 2);
    assert_eq!(s[0].algorithm, Some(Algorithm::Gost2015_512));
    assert_eq!(s[0].iin.as_deref(), Some("123456789012"));
    assert_eq!(s[0].name, "ТЕСТТОВ ТЕСТТ");
    assert_eq!(s[0].certificate_serial, "0FF06211DC82BEB00253FFA000F1DE84ABEF454F");
    assert_eq!(s[0].not_before, "2022-07-28T12:34:48Z");
    assert_eq!(s[0].not_after, "2023-07-28T12:34:48Z");
    assert!(s[0].digital_signature);
    assert_eq!(s[1].algorithm, Some(Algorithm::RsaSha256));
    assert_eq!(s[1].certificate_serial, "4279390A141F5353A62947B61ED65E81741467D1");
    assert!(s[1].signing_time.as_deref().unwrap().starts_with("2022-09-27"));
}

#[test]
fn nca_gost_signature_verifies_in_the_kazakh_byte_order() {
    let cms = SignedCms::parse(&fixture("cms/test123.detached.p7s")).unwrap();
    let s = &cms.signers[0];
    let cert = &cms.certificates[s.cert_index.unwrap()];
    let attrs = s.signed_attrs_der.as_deref().unwrap();
    let value = s.info.signature.as_bytes();
    assert!(sig::verify(Algorithm::Gost2015_512, cert, attrs, value));
    let mut flipped = value.to_vec();
    flipped.reverse();
    assert!(!sig::verify(Algorithm::Gost2015_512, cert, attrs, &flipped), "big-endian must not verify");
    let rsa = &cms.signers[1];
    let rsa_cert = &cms.certificates[rsa.cert_index.unwrap()];
    assert!(sig::verify(
        Algorithm::RsaSha256,
        rsa_cert,
        rsa.signed_attrs_der.as_deref().unwrap(),
        rsa.info.signature.as_bytes()
    ));
}

#[test]
fn test_signer_signs_what_the_verifier_accepts() {
    let key = signer::load_p12(&fixture("keys/individual_valid.p12"), "Qwerty12").unwrap();
    assert_eq!(key.cert.iin().as_deref(), Some("123456789011"));
    assert!(signer::load_p12(&fixture("keys/individual_valid.p12"), "wrong").is_err());
    let cms = signer::sign_detached(&key, b"tagmanifest", 1_780_000_000);
    let parsed = SignedCms::parse(&cms).unwrap();
    let s = &parsed.signers[0];
    let cert = &parsed.certificates[s.cert_index.unwrap()];
    assert!(sig::verify(
        Algorithm::Gost2015_512,
        cert,
        s.signed_attrs_der.as_deref().unwrap(),
        s.info.signature.as_bytes()
    ));
    let summary = &signer_summaries(&cms).unwrap()[0];
    assert_eq!(summary.iin.as_deref(), Some("123456789011"));
    assert!(summary.is_signing_certificate());
    assert_eq!(summary.algorithm, Some(Algorithm::Gost2015_512));
}

#[test]
fn legal_entity_certificate_gives_the_bin() {
    let key = signer::load_p12(&fixture("keys/legal_valid_head.p12"), "Qwerty12").unwrap();
    let cms = signer::sign_detached(&key, b"x", 1_780_000_000);
    let s = &signer_summaries(&cms).unwrap()[0];
    assert!(s.bin.as_deref().is_some_and(|b| b.len() == 12), "{s:?}");
}
