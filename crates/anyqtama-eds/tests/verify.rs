//! Full verification against the NCA's test PKI: its own CMS, chains, CRLs, the recorded
//! time-stamp token, and the test signer's signatures.

#[path = "../testsupport/signer.rs"]
mod signer;

use anyqtama_eds::verify::{token_of_response, verify_certificate, verify_token};
use anyqtama_eds::{time, verify, Algorithm, Cert, Crl, ErrorCode, Options, TimeSource};

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/../../tests/fixtures/nca-test/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn cert(path: &str) -> Cert {
    Cert::parse_many(&fixture(path)).unwrap().remove(0)
}

fn day(s: &str) -> u64 {
    time::parse_day(s).unwrap()
}

const NOW: &str = "2026-12-04";

fn nca_trust() -> Options {
    Options {
        trust: vec![
            cert("ca/root_test_gost_2022.cer"),
            cert("ca/nca_gost2022_test.cer"),
            cert("ca/nca_rsa_test.crt"),
        ],
        intermediates: vec![],
        crls: vec![],
        at: None,
        now: day(NOW),
    }
}

#[test]
fn nca_cms_gost_signer_valid_rsa_signer_expired() {
    let r = verify(&fixture("cms/test123.detached.p7s"), Some(&fixture("cms/test123.txt")), &nca_trust())
        .unwrap();
    assert!(!r.valid);
    assert_eq!(r.content_sha256, "ecd71870d1963316a97e3ac3408c9835ad8cf0f3c1bc703527c30265534f75ae");
    let (gost, rsa) = (&r.signers[0], &r.signers[1]);
    assert_eq!(gost.algorithm, Some(Algorithm::Gost2015_512));
    assert!(gost.valid, "{:?}", gost.errors);
    assert_eq!(gost.time_source, TimeSource::SigningTime);
    assert_eq!(gost.chain.len(), 2, "signer, then the NCA anchor: {:?}", gost.chain);
    assert_eq!(rsa.algorithm, Some(Algorithm::RsaSha256));
    assert_eq!(rsa.errors, vec![ErrorCode::NotValidAtTime]);
    assert!(time::rfc3339(rsa.signed_at.unwrap()).starts_with("2022-09-27"));
}

#[test]
fn rsa_signer_valid_on_a_day_its_certificate_was() {
    let opts = Options { at: Some(day("2021-06-01")), ..nca_trust() };
    let r = verify(&fixture("cms/test123.detached.p7s"), Some(&fixture("cms/test123.txt")), &opts).unwrap();
    assert!(r.signers[1].valid, "{:?}", r.signers[1].errors);
    // The GOST signer's certificate did not exist yet on that day.
    assert_eq!(r.signers[0].errors, vec![ErrorCode::NotValidAtTime]);
}

#[test]
fn changed_content_refuses_both_signers() {
    let r = verify(&fixture("cms/test123.detached.p7s"), Some(b"test124"), &nca_trust()).unwrap();
    assert!(!r.valid);
    for s in &r.signers {
        assert!(s.errors.contains(&ErrorCode::DigestMismatch), "{:?}", s.errors);
    }
    let r = verify(&fixture("cms/test123.detached.p7s"), None, &nca_trust()).unwrap();
    assert!(r.signers.iter().all(|s| s.errors.contains(&ErrorCode::ContentMissing)));
}

#[test]
fn without_trust_anchor_untrusted() {
    let opts = Options { trust: vec![], ..nca_trust() };
    let r = verify(&fixture("cms/test123.detached.p7s"), Some(&fixture("cms/test123.txt")), &opts).unwrap();
    assert_eq!(r.signers[0].errors, vec![ErrorCode::Untrusted]);
}

#[test]
fn chains_of_the_test_pki() {
    let root = cert("ca/root_test_gost_2022.cer");
    let nca = cert("ca/nca_gost2022_test.cer");
    let opts = Options { trust: vec![root.clone()], ..Options::default() };
    let (chain, errors) = verify_certificate(&nca, &[], &opts, day("2026-12-04"));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(chain.len(), 2);
    // The NCA is not its own anchor's issuer the other way round.
    let opts_nca = Options { trust: vec![nca.clone()], ..Options::default() };
    let (_, errors) = verify_certificate(&root, &[], &opts_nca, day("2026-12-04"));
    assert_eq!(errors, vec![ErrorCode::Untrusted]);
    // GOST 34.310-2004 and RSA certificates to their NCAs.
    let gost = Options { trust: vec![cert("ca/nca_gost_test.crt")], ..Options::default() };
    let ceo = cert("certs/ceo_valid_sign_2004_gost.cer");
    let at = ceo.not_before() + 86_400;
    let (chain, errors) = verify_certificate(&ceo, &[], &gost, at);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(chain.len(), 2);
    let rsa = Options { trust: vec![cert("ca/nca_rsa_test.crt")], ..Options::default() };
    let ind = cert("certs/individual_valid_sign_2004_rsa.cer");
    let (_, errors) = verify_certificate(&ind, &[], &rsa, ind.not_before() + 86_400);
    assert!(errors.is_empty(), "{errors:?}");
    // Crossed: the RSA certificate is not the GOST NCA's.
    let (_, errors) = verify_certificate(&ind, &[], &gost, ind.not_before() + 86_400);
    assert!(errors.contains(&ErrorCode::Untrusted));
}

/// A CA's key verifies from a precomputed table from its second signature on, and a CA
/// certificate's verified signature is remembered: the answers stay the same, a certificate whose
/// signature has one changed byte is still refused once both are there, and again after
/// `forget_caches` (2015-512 root → 2022 NCA, and the 2004 GOST NCA → its CEO's certificate).
#[test]
fn repeated_chains_with_cached_ca_keys() {
    let root = Options { trust: vec![cert("ca/root_test_gost_2022.cer")], ..Options::default() };
    let gost2004 = Options { trust: vec![cert("ca/nca_gost_test.crt")], ..Options::default() };
    let ceo = cert("certs/ceo_valid_sign_2004_gost.cer");
    for (path, opts, at) in [
        ("ca/nca_gost2022_test.cer", &root, day(NOW)),
        ("certs/ceo_valid_sign_2004_gost.cer", &gost2004, ceo.not_before() + 86_400),
    ] {
        let good = cert(path);
        let mut bytes = good.raw.clone();
        let n = bytes.len();
        bytes[n - 3] ^= 0x10;
        let bad = Cert::parse_many(&bytes).unwrap().remove(0);
        for round in 0..5 {
            if round == 4 {
                anyqtama_eds::verify::forget_caches();
            }
            let (chain, errors) = verify_certificate(&good, &[], opts, at);
            assert!(errors.is_empty() && chain.len() == 2, "{path} round {round}: {errors:?}");
            let (_, errors) = verify_certificate(&bad, &[], opts, at);
            assert!(!errors.is_empty(), "{path} round {round}: a changed signature byte passed");
        }
    }
    // The NCA certificate's verified signature is remembered for its issuer's exact certificate
    // only: a root of the same name with another key does not inherit it.
    let nca = cert("ca/nca_gost2022_test.cer");
    assert!(verify_certificate(&nca, &[], &root, day(NOW)).1.is_empty());
    let real_root = cert("ca/root_test_gost_2022.cer");
    let key = real_root.tbs().subject_public_key_info.subject_public_key.raw_bytes().to_vec();
    let mut raw = real_root.raw.clone();
    let at_key = raw.windows(key.len()).position(|w| w == key).unwrap();
    raw[at_key + key.len() / 2] ^= 0x01;
    let other_root = Options { trust: vec![Cert::from_der(&raw).unwrap()], ..Options::default() };
    let (_, errors) = verify_certificate(&nca, &[], &other_root, day(NOW));
    assert!(errors.contains(&ErrorCode::ChainSignatureInvalid), "{errors:?}");
}

#[test]
fn test_signer_valid_and_revoked_key_refused_by_the_crl() {
    let trust = Options {
        trust: vec![cert("ca/root_test_gost_2022.cer"), cert("ca/nca_gost2022_test.cer")],
        intermediates: vec![],
        crls: Crl::parse_many(&fixture("crl/nca_gost2022_test.crl")).unwrap(),
        at: None,
        now: day(NOW),
    };
    let signed_at = day("2026-09-01");
    let valid = signer::load_p12(&fixture("keys/individual_valid.p12"), "Qwerty12").unwrap();
    let cms = signer::sign_detached(&valid, b"manifest", signed_at);
    let r = verify(&cms, Some(b"manifest"), &trust).unwrap();
    assert!(r.valid, "{:?}", r.signers[0].errors);
    assert_eq!(r.signers[0].summary.as_ref().unwrap().iin.as_deref(), Some("123456789011"));
    assert!(!verify(&cms, Some(b"manifesT"), &trust).unwrap().valid);

    let revoked = signer::load_p12(&fixture("keys/individual_revoked.p12"), "Qwerty12").unwrap();
    let cms = signer::sign_detached(&revoked, b"manifest", signed_at);
    let r = verify(&cms, Some(b"manifest"), &trust).unwrap();
    assert_eq!(r.signers[0].errors, vec![ErrorCode::Revoked]);
    // Before its revocation, the same signature would stand.
    let when = trust.crls[0].revoked_at(&revoked.cert).unwrap();
    let before = Options { at: Some(when - 1), ..trust.clone() };
    let r = verify(&cms, Some(b"manifest"), &before).unwrap();
    assert!(!r.signers[0].errors.contains(&ErrorCode::Revoked), "{:?}", r.signers[0].errors);
    // Without the CRL, nothing says it is revoked.
    let no_crl = Options { crls: vec![], ..trust.clone() };
    assert!(verify(&cms, Some(b"manifest"), &no_crl).unwrap().valid);
    // A CRL with a broken signature is refused, not believed.
    let mut bad = fixture("crl/nca_gost2022_test.crl");
    let n = bad.len();
    bad[n - 5] ^= 1;
    let broken = Options { crls: Crl::parse_many(&bad).unwrap(), ..trust };
    let r = verify(&cms, Some(b"manifest"), &broken).unwrap();
    assert!(r.signers[0].errors.contains(&ErrorCode::CrlInvalid), "{:?}", r.signers[0].errors);
}

#[test]
fn recorded_time_stamp_token_verifies() {
    let token = token_of_response(&fixture("tsp/tsp_response.bin")).unwrap();
    let opts = Options { trust: vec![cert("ca/nca_gost_test.crt")], ..Options::default() };
    let gen = verify_token(&token, None, &opts).unwrap();
    assert_eq!(time::rfc3339(gen), "2022-09-18T13:20:14Z");
    // Its imprint is of other bytes than these.
    assert_eq!(verify_token(&token, Some(b"other"), &opts), Err(ErrorCode::TimestampInvalid));
    // Not trusted without its NCA.
    let none = Options::default();
    assert_eq!(verify_token(&token, None, &none), Err(ErrorCode::Untrusted));
    // A flipped bit in the TSTInfo breaks it.
    let mut t = token.clone();
    let i = t.windows(4).position(|w| w == [0x02, 0x01, 0x01, 0x06]).unwrap();
    t[i + 2] = 2;
    assert!(verify_token(&t, None, &opts).is_err());
}

#[test]
fn any_changed_signature_byte_refuses_the_gost_signer() {
    let cms = fixture("cms/test123.detached.p7s");
    let sig = hex_find(&cms, "52346F2561E78A52");
    for i in [0usize, 1, 31, 63, 64, 65, 100, 127] {
        let mut m = cms.clone();
        m[sig + i] ^= 0x01;
        let r = verify(&m, Some(&fixture("cms/test123.txt")), &nca_trust()).unwrap();
        assert_eq!(r.signers[0].errors, vec![ErrorCode::SignatureInvalid], "byte {i}");
    }
}

fn hex_find(hay: &[u8], hex: &str) -> usize {
    let needle: Vec<u8> =
        (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap()).collect();
    hay.windows(needle.len()).position(|w| w == needle).unwrap()
}

/// The benchmark's cases (`benches/eds.rs`) as the fastest of many batches, which a loaded
/// machine disturbs less than criterion's mean:
/// `cargo test --release -p anyqtama-eds --test verify -- --ignored --nocapture timings`.
#[test]
#[ignore]
fn timings() {
    use anyqtama_eds::verify::forget_caches;
    use std::time::Instant;
    let key = signer::load_p12(&fixture("keys/individual_valid.p12"), "Qwerty12").unwrap();
    let content = b"tagmanifest-sha256.txt of a bundle".to_vec();
    let cms = signer::sign_detached(&key, &content, day("2026-09-01"));
    let opts = Options {
        trust: vec![cert("ca/root_test_gost_2022.cer")],
        intermediates: vec![cert("ca/nca_gost2022_test.cer")],
        crls: vec![],
        at: None,
        now: day(NOW),
    };
    let with_crl =
        Options { crls: Crl::parse_many(&fixture("crl/nca_gost2022_test.crl")).unwrap(), ..opts.clone() };
    let fastest = |opts: &Options, forget: bool| {
        (0..40)
            .map(|_| {
                let t = Instant::now();
                for _ in 0..5 {
                    if forget {
                        forget_caches();
                    }
                    assert!(verify(&cms, Some(&content), opts).unwrap().valid);
                }
                t.elapsed().as_micros() as f64 / 5.0
            })
            .fold(f64::MAX, f64::min)
    };
    let first = fastest(&opts, true);
    let warm = fastest(&opts, false);
    let crl = fastest(&with_crl, false);
    println!("signer + chain: {warm:.0} µs; a process's first bundle: {first:.0} µs; + CRL: {crl:.0} µs");
}
