//! `anyqtama eds verify` on the NCA's test files: exit codes, the JSON shape, the text.

use std::process::{Command, Output};

fn fx(path: &str) -> String {
    format!("{}/../../tests/fixtures/nca-test/{path}", env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_anyqtama")).args(args).output().expect("the binary runs")
}

fn nca_args(extra: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = vec![
        "eds".into(),
        "verify".into(),
        fx("cms/test123.detached.p7s"),
        "--content".into(),
        fx("cms/test123.txt"),
        "--trust".into(),
        fx("ca/root_test_gost_2022.cer"),
        "--trust".into(),
        fx("ca/nca_gost2022_test.cer"),
        "--trust".into(),
        fx("ca/nca_rsa_test.crt"),
        "--crl".into(),
        fx("crl/nca_gost2022_test.crl"),
    ];
    v.extend(extra.iter().map(|s| s.to_string()));
    v
}

fn run_nca(extra: &[&str]) -> Output {
    let args = nca_args(extra);
    run(&args.iter().map(String::as_str).collect::<Vec<_>>())
}

#[test]
fn json_shape_and_exit_one_when_a_signer_is_refused() {
    let o = run_nca(&["--json", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["valid"], false);
    assert_eq!(v["content_sha256"], "ecd71870d1963316a97e3ac3408c9835ad8cf0f3c1bc703527c30265534f75ae");
    let g = &v["signers"][0];
    assert_eq!(g["valid"], true);
    assert_eq!(g["algorithm"], "gost2015-512");
    assert_eq!(g["iin"], "123456789012");
    assert_eq!(g["bin"], serde_json::Value::Null);
    assert_eq!(g["name"], "ТЕСТТОВ ТЕСТТ");
    assert_eq!(g["certificate_serial"], "0FF06211DC82BEB00253FFA000F1DE84ABEF454F");
    assert_eq!(g["not_before"], "2022-07-28T12:34:48Z");
    assert_eq!(g["not_after"], "2023-07-28T12:34:48Z");
    assert!(g["signed_at"].as_str().unwrap().starts_with("2022-09-27T"));
    assert_eq!(g["chain"].as_array().unwrap().len(), 2);
    assert_eq!(g["errors"], serde_json::json!([]));
    let r = &v["signers"][1];
    assert_eq!(r["valid"], false);
    assert_eq!(r["algorithm"], "rsa-sha256");
    assert_eq!(r["errors"][0]["code"], "eds-not-valid-at-time");
    assert!(r["errors"][0]["message"].as_str().unwrap().contains("not valid"));
}

#[test]
fn at_a_day_the_rsa_certificate_was_valid_only_it_passes() {
    let o = run_nca(&["--json", "--at", "2021-06-01"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["signers"][1]["valid"], true);
    assert_eq!(v["signers"][0]["valid"], false);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn text_output_in_russian_names_signer_and_reason() {
    let o = run_nca(&["--lang", "ru"]);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.starts_with("Подпись НЕ действительна."), "{out}");
    assert!(out.contains("Подписант 1: ТЕСТТОВ ТЕСТТ — действительна"), "{out}");
    assert!(out.contains("ИИН: 123456789012"), "{out}");
    assert!(out.contains("не действовал в момент подписания"), "{out}");
}

#[test]
fn exit_two_for_unreadable_signature_and_bad_inputs() {
    let o = run(&["eds", "verify", &fx("cms/test123.txt"), "--lang", "en"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a CMS signature"));
    let o = run_nca(&["--at", "2021-13-01"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["eds", "verify", &fx("cms/test123.detached.p7s"), "--trust", &fx("cms/test123.txt")]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn only_the_gost_signer_trusted_still_exit_one() {
    // Without the RSA NCA, the RSA signer is also untrusted; the GOST one stays valid.
    let o = run(&[
        "eds",
        "verify",
        &fx("cms/test123.detached.p7s"),
        "--content",
        &fx("cms/test123.txt"),
        "--trust",
        &fx("ca/nca_gost2022_test.cer"),
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["signers"][0]["valid"], true);
    let codes: Vec<&str> =
        v["signers"][1]["errors"].as_array().unwrap().iter().map(|e| e["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"eds-untrusted"), "{codes:?}");
}

#[test]
fn verify_shows_the_bundle_signer_and_needs_its_anchor() {
    let bundle = format!("{}/../../tests/fixtures/bundles/issue-eds.zip", env!("CARGO_MANIFEST_DIR"));
    let base = ["verify", bundle.as_str(), "--today", "2026-11-25", "--json"];
    let nca = fx("ca/nca_gost2022_test.cer");
    let trusted: Vec<&str> = base.iter().copied().chain(["--trust", nca.as_str()]).collect();
    let o = run(&trusted);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["eds"]["signers"][0]["iin"], "123456789011");
    assert_eq!(v["eds"]["valid"], true);
    let o = run(&base);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["valid"], false);
    assert_eq!(v["eds"]["signers"][0]["errors"][0]["code"], "eds-untrusted");
}
