//! `anyqtama keygen`, `bundle` and `verify` as a user runs them: exit codes 0 valid, 1 invalid
//! (every reason), 2 unreadable; localised messages; never a panic.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_anyqtama")).args(args).output().expect("the binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).unwrap()
}

fn fixture(name: &str) -> String {
    format!("{}/../../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("anyqtama-bundle-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn keygen_bundle_verify() {
    let dir = temp("flow");
    let key = dir.join("key.jwk");
    let o = run(&["keygen", "--out", s(&key), "--lang", "en"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    // Never over an existing key.
    let o = run(&["keygen", "--out", s(&key), "--lang", "en"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("already exists"), "{}", text(&o.stderr));

    let docs = dir.join("docs");
    std::fs::create_dir_all(docs.join("changed-identity-document")).unwrap();
    std::fs::write(docs.join("changed-identity-document/паспорт.pdf"), b"%PDF-1.4\nhello\n").unwrap();
    let out = dir.join("out.zip");
    let app = fixture("applications/reissue-identity.json");
    let o = run(&[
        "bundle",
        "--application",
        &app,
        "--documents",
        s(&docs),
        "--key",
        s(&key),
        "--out",
        s(&out),
        "--date",
        "2026-11-25",
        "--json",
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["documents"], 1);
    assert_eq!(v["id"].as_str().unwrap().len(), 36, "a random UUID");

    let o = run(&["verify", s(&out), "--today", "2026-11-25", "--json", "--lang", "ru"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", text(&o.stdout), text(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["valid"], true);
    assert_eq!(v["id"], v["info"]["External-Identifier"]);
    assert_eq!(v["report"]["may_submit"], true);
    assert!(v["report"]["findings"][0]["message"].as_str().is_some());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_example_bundles_verify() {
    for kind in ["issue", "extend", "reissue-identity", "reissue-employer", "duplicate"] {
        let o = run(&[
            "verify",
            &fixture(&format!("bundles/{kind}.zip")),
            "--today",
            "2026-11-25",
            "--lang",
            "en",
        ]);
        assert_eq!(o.status.code(), Some(0), "{kind}: {}", text(&o.stdout));
        assert!(text(&o.stdout).starts_with("Bundle 6f1c2a3e-"), "{}", text(&o.stdout));
    }
}

#[test]
fn a_tampered_bundle_is_invalid_with_every_reason() {
    let dir = temp("tampered");
    let mut bytes = std::fs::read(fixture("bundles/issue.zip")).unwrap();
    // One byte of a document's content (found by its text), left with a wrong CRC: the ZIP
    // refuses the entry, so the bag misses the file.
    let i = bytes.windows(14).position(|w| w == b"Anyqtama test ").unwrap();
    bytes[i] ^= 1;
    let path = dir.join("bad.zip");
    std::fs::write(&path, &bytes).unwrap();
    let o = run(&["verify", s(&path), "--today", "2026-11-25", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stdout));
    let out = text(&o.stdout);
    assert!(out.contains("is not valid"), "{out}");
    assert!(out.contains("checksum in the archive does not match"), "{out}");
    assert!(out.contains("the bag does not hold it") || out.contains("not in the bag"), "{out}");

    let o = run(&["verify", s(&path), "--today", "2026-11-25", "--json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let codes: Vec<&str> =
        v["errors"].as_array().unwrap().iter().map(|e| e["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"zip.crc") && codes.contains(&"bag.file_missing"), "{codes:?}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn unreadable_input_is_exit_2_and_localised() {
    let dir = temp("unreadable");
    let path = dir.join("not.zip");
    std::fs::write(&path, b"%PDF-1.4 not a zip").unwrap();
    for (lang, expected) in
        [("en", "not a ZIP archive"), ("ru", "не является ZIP-архивом"), ("kk", "ZIP мұрағаты емес")]
    {
        let o = run(&["verify", s(&path), "--lang", lang]);
        assert_eq!(o.status.code(), Some(2), "{lang}");
        assert!(text(&o.stderr).contains(expected), "{lang}: {}", text(&o.stderr));
        assert!(!text(&o.stderr).contains("panicked"));
    }
    let o = run(&["verify", s(&dir.join("missing.zip")), "--lang", "en"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("Could not read"), "{}", text(&o.stderr));
    let o = run(&["verify", s(&path), "--today", "yesterday", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bundle_refuses_bad_inputs_with_exit_2() {
    let dir = temp("badinputs");
    let key = dir.join("key.jwk");
    std::fs::write(&key, r#"{"kty":"EC","crv":"P-256"}"#).unwrap();
    let docs = dir.join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    let app = fixture("applications/issue.json");
    let good_key = fixture("bundles/test-key.jwk");
    let out = dir.join("o.zip");
    let none = dir.join("none");
    let cases: [(Vec<&str>, &str); 4] = [
        (vec!["--key", s(&key)], "not a P-256 private key"),
        (vec!["--key", &good_key, "--id", "nope"], "is not a UUID"),
        (vec!["--key", &good_key, "--application", s(&key)], "is not an application"),
        (vec!["--key", &good_key, "--documents", s(&none)], "not a folder of documents"),
    ];
    for (extra, expected) in cases {
        let mut args = vec!["bundle", "--lang", "en", "--out", s(&out)];
        if !extra.contains(&"--application") {
            args.extend(["--application", &app]);
        }
        if !extra.contains(&"--documents") {
            args.extend(["--documents", s(&docs)]);
        }
        args.extend(extra.iter().copied());
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(text(&o.stderr).contains(expected), "{args:?}: {}", text(&o.stderr));
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// A phone typed `8 777 123 45 67` goes into the bag as `+77771234567` (the core's one form, as
/// the widget sends it), and `anyqtama check` passes the bundle.
#[test]
fn the_bag_carries_phones_in_their_one_form() {
    let dir = temp("phones");
    let key = dir.join("key.jwk");
    assert!(run(&["keygen", "--out", s(&key)]).status.success());
    let mut app: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixture("applications/reissue-identity.json")).unwrap(),
    )
    .unwrap();
    app["answers"]["kz_phone"] = "8 (777) 123-45-67".into();
    let app_path = dir.join("application.json");
    std::fs::write(&app_path, app.to_string()).unwrap();
    let docs = dir.join("docs");
    std::fs::create_dir_all(docs.join("changed-identity-document")).unwrap();
    std::fs::write(docs.join("changed-identity-document/passport.pdf"), b"%PDF-1.4\nhello\n").unwrap();
    let out = dir.join("out.zip");
    let o = run(&[
        "bundle",
        "--application",
        s(&app_path),
        "--documents",
        s(&docs),
        "--key",
        s(&key),
        "--out",
        s(&out),
        "--date",
        "2026-11-25",
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    // The entries are STORED: the application's JSON is in the ZIP as written.
    let zip = std::fs::read(&out).unwrap();
    let has = |needle: &str| zip.windows(needle.len()).any(|w| w == needle.as_bytes());
    assert!(has("\"+77771234567\""), "the normal form is in the bag");
    assert!(!has("8 (777) 123-45-67"), "not the typed form");
    let o = run(&["check", s(&out), "--today", "2026-11-25", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", text(&o.stdout), text(&o.stderr));
    std::fs::remove_dir_all(&dir).ok();
}
