//! `anyqtama check` on bundles carrying the applicant's electronic signature (`signature.p7s`):
//! the signer shown with `--trust`/`--crl`, refused without a trust anchor or with the wrong one,
//! or when the signer is not the application's IIN, as `anyqtama verify` (and the intake server)
//! refuses them; bundles without one exactly as before.

#[path = "../../anyqtama-eds/testsupport/signer.rs"]
mod signer;

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_anyqtama")).args(args).output().expect("the binary runs")
}

fn fixture(name: &str) -> String {
    format!("{}/../../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stdout)))
}

fn text(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// `check --today 2026-11-25` on `bundle`, then `extra`.
fn check(bundle: &str, extra: &[&str]) -> Output {
    let mut args = vec!["check", bundle, "--today", "2026-11-25"];
    args.extend_from_slice(extra);
    run(&args)
}

/// `--trust` the 2022 test NCA and its root, `--crl` its revocation list.
fn trusted() -> Vec<String> {
    [
        "--trust",
        &fixture("nca-test/ca/root_test_gost_2022.cer"),
        "--trust",
        &fixture("nca-test/ca/nca_gost2022_test.cer"),
        "--crl",
        &fixture("nca-test/crl/nca_gost2022_test.crl"),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

fn codes(errors: &serde_json::Value) -> Vec<&str> {
    errors.as_array().unwrap().iter().map(|e| e["code"].as_str().unwrap()).collect()
}

#[test]
fn with_its_trust_anchor_the_signer_is_shown_valid_in_json_and_text() {
    let bundle = fixture("bundles/issue-eds.zip");
    let trust = trusted();
    let mut args: Vec<&str> = trust.iter().map(String::as_str).collect();
    args.extend(["--json", "--lang", "en"]);
    let o = check(&bundle, &args);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let v = json(&o);
    let entry = &v[0];
    assert_eq!(entry["status"], "valid");
    assert_eq!(entry["errors"], serde_json::json!([]));
    assert_eq!(entry["eds"]["valid"], true);
    let signer = &entry["eds"]["signers"][0];
    assert_eq!(signer["valid"], true);
    assert_eq!(signer["iin"], "123456789011");
    assert_eq!(signer["bin"], serde_json::Value::Null);
    assert_eq!(signer["name"], "ТЕСТОВ ТЕСТ");
    assert_eq!(signer["algorithm"], "gost2015-512");
    assert_eq!(signer["certificate_serial"], "6C425659BD2FC6DC587B871AEDE1857727CF8451");
    assert_eq!(signer["errors"], serde_json::json!([]));
    assert!(signer["chain"].as_array().unwrap().len() >= 2, "signer up to an anchor: {signer}");
    let keys: Vec<&String> = signer.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "algorithm",
            "bin",
            "certificate_serial",
            "chain",
            "errors",
            "iin",
            "name",
            "not_after",
            "not_before",
            "signed_at",
            "valid"
        ]
    );

    // The same signer for a person, in each language, never a message id.
    let mut seen = Vec::new();
    for lang in ["kk", "ru", "en"] {
        let mut args: Vec<&str> = trust.iter().map(String::as_str).collect();
        args.extend(["--lang", lang]);
        let o = check(&bundle, &args);
        assert_eq!(o.status.code(), Some(0));
        let out = text(&o);
        assert!(out.contains("ТЕСТОВ ТЕСТ") && out.contains("123456789011"), "{out}");
        assert!(
            out.contains("6C425659BD2FC6DC587B871AEDE1857727CF8451") && out.contains("gost2015-512"),
            "{out}"
        );
        assert!(!out.contains("eds-") && !out.contains("bundle-"), "{lang}: {out}");
        seen.push(out);
    }
    assert!(seen[2].contains("  - Signer 1: ТЕСТОВ ТЕСТ — valid\n  - IIN: 123456789011\n"), "{}", seen[2]);
    assert!(seen[0] != seen[1] && seen[1] != seen[2], "three languages");
}

#[test]
fn without_a_trust_anchor_the_signature_cannot_be_checked_and_the_bundle_is_refused() {
    let bundle = fixture("bundles/issue-eds.zip");
    let o = check(&bundle, &["--json", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(1));
    let entry = &json(&o)[0];
    assert_eq!(entry["status"], "refused");
    assert_eq!(codes(&entry["errors"]), ["eds.no_trust_anchor"]);
    assert_eq!(entry["errors"][0]["path"], "signature.p7s");
    assert!(entry.get("eds").is_none(), "nothing was checked: {entry}");
    let out = text(&check(&bundle, &["--lang", "en"]));
    assert!(
        out.contains("  - signature.p7s: The qualified electronic signature (ЭЦҚ/ЭЦП) could not be checked: no trust anchor was given"),
        "{out}"
    );
    // `verify` refuses it too.
    assert_eq!(run(&["verify", &bundle, "--today", "2026-11-25"]).status.code(), Some(1));
}

#[test]
fn an_untrusted_or_unreadable_signature_refuses_the_bundle_with_its_reason() {
    let bundle = fixture("bundles/issue-eds-other-iin.zip");
    let rsa = fixture("nca-test/ca/nca_rsa_test.crt");
    let o = check(&bundle, &["--trust", &rsa, "--json", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(1));
    let entry = &json(&o)[0];
    assert_eq!(entry["status"], "refused");
    assert_eq!(codes(&entry["errors"]), ["eds.invalid"]);
    assert_eq!(entry["eds"]["valid"], false);
    assert_eq!(entry["eds"]["signers"][0]["valid"], false);
    assert_eq!(entry["eds"]["signers"][0]["iin"], "123456789011");
    assert!(codes(&entry["eds"]["signers"][0]["errors"]).contains(&"eds-untrusted"), "{entry}");
    let out = text(&check(&bundle, &["--trust", &rsa, "--lang", "en"]));
    assert!(out.contains("  - Signer 1: ТЕСТОВ ТЕСТ — NOT valid\n"), "{out}");
    assert!(out.contains("(eds-untrusted)"), "{out}");
    // `verify` agrees.
    assert_eq!(run(&["verify", &bundle, "--today", "2026-11-25", "--trust", &rsa]).status.code(), Some(1));

    // signature.p7s that is not CMS: refused, its reason given.
    let bytes = std::fs::read(fixture("bundles/issue-eds.zip")).unwrap();
    let archive = anyqtama_bundle::zip::read(&bytes, &anyqtama_bundle::zip::Limits::default()).unwrap();
    let mut w = anyqtama_bundle::zip::Writer::new(anyqtama_core::Date::parse("2026-11-25").unwrap());
    for e in archive.entries {
        let data = if e.name == "signature.p7s" { b"not a signature".to_vec() } else { e.data };
        w.add(&e.name, &data).unwrap();
    }
    let dir = std::env::temp_dir().join(format!("anyqtama-check-eds-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let garbage = dir.join("garbage-p7s.zip");
    std::fs::write(&garbage, w.finish().unwrap()).unwrap();
    let trust = trusted();
    let mut args: Vec<&str> = trust.iter().map(String::as_str).collect();
    args.extend(["--json", "--lang", "en"]);
    let o = check(garbage.to_str().unwrap(), &args);
    assert_eq!(o.status.code(), Some(1));
    let entry = &json(&o)[0];
    assert_eq!(codes(&entry["errors"]), ["eds.invalid"]);
    assert_eq!(entry["eds"]["valid"], false);
    assert_eq!(entry["eds"]["error"]["code"], "eds-not-cms");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_valid_signature_by_another_person_than_the_applications_iin_is_refused_as_the_server_does() {
    // issue-eds-other-iin.zip: signed by the test key (IIN 123456789011); its application gives
    // IIN 791028302728. The intake server answers 422 `eds-iin-mismatch` (anyqtama-server's eds
    // tests); check and verify refuse it by the same rule, the signature itself shown valid.
    let bundle = fixture("bundles/issue-eds-other-iin.zip");
    let trust = trusted();
    let mut args: Vec<&str> = trust.iter().map(String::as_str).collect();
    args.extend(["--json", "--lang", "en"]);
    let o = check(&bundle, &args);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let entry = &json(&o)[0];
    assert_eq!(entry["status"], "refused");
    assert_eq!(codes(&entry["errors"]), ["eds.iin_mismatch"]);
    assert_eq!(entry["errors"][0]["path"], "signature.p7s");
    assert_eq!(entry["eds"]["valid"], true, "the signature itself is valid");
    assert_eq!(entry["eds"]["signers"][0]["iin"], "123456789011");
    for lang in ["kk", "ru", "en"] {
        let mut args: Vec<&str> = trust.iter().map(String::as_str).collect();
        args.extend(["--lang", lang]);
        let out = text(&check(&bundle, &args));
        assert!(out.contains("791028302728") && out.contains("123456789011"), "{lang}: {out}");
        assert!(!out.contains("bundle-eds"), "{lang}: a message id instead of a text: {out}");
    }
    // `verify` refuses it too, naming both IINs; the matching bundle stays valid for both.
    let mut args = vec!["verify", &bundle, "--today", "2026-11-25", "--lang", "en"];
    args.extend(trust.iter().map(String::as_str));
    let o = run(&args);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o).contains("the application is for IIN 791028302728, the signer's IIN is 123456789011"),
        "{}",
        text(&o)
    );
    let matching = fixture("bundles/issue-eds.zip");
    let mut args = vec!["verify", &matching, "--today", "2026-11-25"];
    args.extend(trust.iter().map(String::as_str));
    assert_eq!(run(&args).status.code(), Some(0));
}

#[test]
fn a_bundle_without_signature_p7s_reads_the_same_with_or_without_trust() {
    let plain = fixture("bundles/issue.zip");
    let trust = trusted();
    for extra in [&["--json"][..], &["--lang", "en"][..]] {
        let without = check(&plain, extra);
        let mut args: Vec<&str> = trust.iter().map(String::as_str).collect();
        args.extend_from_slice(extra);
        let with = check(&plain, &args);
        assert_eq!(without.status.code(), Some(0));
        assert_eq!(with.status.code(), Some(0));
        assert_eq!(text(&with), text(&without), "byte for byte");
        assert!(!text(&with).contains("\"eds\""));
    }
}

#[test]
fn a_signature_by_a_revoked_key_is_refused_through_the_crl() {
    // issue-eds.zip with its signature.p7s made anew by the NCA's revoked test key, over the same
    // tag manifest, dated the bundle's day (after the revocation).
    let bytes = std::fs::read(fixture("bundles/issue-eds.zip")).unwrap();
    let archive = anyqtama_bundle::zip::read(&bytes, &anyqtama_bundle::zip::Limits::default()).unwrap();
    let tagmanifest =
        archive.entries.iter().find(|e| e.name == "tagmanifest-sha256.txt").unwrap().data.clone();
    let p12 = std::fs::read(fixture("nca-test/keys/individual_revoked.p12")).unwrap();
    let key = signer::load_p12(&p12, "Qwerty12").unwrap();
    let cms = signer::sign_detached(&key, &tagmanifest, anyqtama_eds::time::parse_day("2026-11-25").unwrap());
    let mut w = anyqtama_bundle::zip::Writer::new(anyqtama_core::Date::parse("2026-11-25").unwrap());
    for e in archive.entries {
        let data = if e.name == "signature.p7s" { cms.clone() } else { e.data };
        w.add(&e.name, &data).unwrap();
    }
    let dir = std::env::temp_dir().join(format!("anyqtama-check-eds-revoked-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let revoked = dir.join("revoked.zip");
    std::fs::write(&revoked, w.finish().unwrap()).unwrap();
    let revoked = revoked.to_str().unwrap();

    let trust = trusted();
    let mut args: Vec<&str> = trust.iter().map(String::as_str).collect();
    args.extend(["--json", "--lang", "en"]);
    let o = check(revoked, &args);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let entry = &json(&o)[0];
    assert_eq!(codes(&entry["errors"]), ["eds.invalid"]);
    assert_eq!(codes(&entry["eds"]["signers"][0]["errors"]), ["eds-revoked"]);
    // Without the CRL (its last two arguments), nothing says the key was revoked.
    let unrevoked: Vec<&str> =
        trust[..4].iter().map(String::as_str).chain(["--json", "--lang", "en"]).collect();
    let o = check(revoked, &unrevoked);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert_eq!(json(&o)[0]["eds"]["signers"][0]["valid"], true);
    std::fs::remove_dir_all(&dir).unwrap();
}
