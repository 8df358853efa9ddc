//! Bundles end to end: built and verified for every kind of request, reproducible, and refused
//! with the right reason when anything in them is changed or forged.

mod common;

use anyqtama_bundle::crypto::{KeyPair, Sha256};
use anyqtama_bundle::encoding::{b64url, b64url_decode};
use anyqtama_bundle::zip::Limits;
use anyqtama_bundle::{canonical, jws, Document, Request, Signer, CODES};
use anyqtama_core::{Lang, Severity};
use common::*;
use std::borrow::Cow;

fn has(r: &anyqtama_bundle::VerifyReport, code: &str, path: Option<&str>) -> bool {
    r.errors.iter().any(|p| p.code == code && (path.is_none() || p.path.as_deref() == path))
}

fn assert_refused(r: &anyqtama_bundle::VerifyReport, code: &str, path: Option<&str>) {
    assert!(!r.is_valid(), "accepted");
    assert!(has(r, code, path), "no {code} at {path:?} in {:?}", r.errors);
}

/// `bytes` with the entry `name` replaced by what `change` makes of it.
fn with_entry(bytes: &[u8], name: &str, change: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
    let mut e = entries(bytes);
    let entry = e.iter_mut().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no {name}"));
    change(&mut entry.1);
    rezip(&e)
}

const DOC: &str = "data/documents/identity-document/passport.pdf";

#[test]
fn every_kind_round_trips_valid() {
    for (kind, _) in KINDS {
        let bytes = build(kind);
        let r = verify(&bytes);
        assert!(r.is_valid(), "{kind}: {:?}", r.errors);
        assert_eq!(r.id.as_deref(), Some(ID));
        let report = r.report.as_ref().unwrap();
        assert!(report.may_submit && report.kind.as_deref() == Some(kind), "{kind}");
        assert!(report.findings.iter().all(|f| f.severity != Severity::Blocker));
        assert_eq!(r.key_thumbprint, Some(key().public_jwk().thumbprint(&Sha256)));
        // The file descriptions were recomputed from the bytes.
        let app = r.application.unwrap();
        let f = &app.documents.iter().find(|d| !d.files.is_empty()).unwrap().files[0];
        assert!(f.sha256.as_ref().is_some_and(|s| s.len() == 64) && f.size < 100, "{f:?}");
    }
}

#[test]
fn the_same_request_gives_the_same_bytes() {
    assert_eq!(build("issue"), build("issue"));
}

#[test]
fn the_committed_example_bundles_are_valid_and_reproducible() {
    let fixtures: [(&str, &[u8]); 5] = [
        ("issue", include_bytes!("../../../tests/fixtures/bundles/issue.zip")),
        ("extend", include_bytes!("../../../tests/fixtures/bundles/extend.zip")),
        ("reissue-identity", include_bytes!("../../../tests/fixtures/bundles/reissue-identity.zip")),
        ("reissue-employer", include_bytes!("../../../tests/fixtures/bundles/reissue-employer.zip")),
        ("duplicate", include_bytes!("../../../tests/fixtures/bundles/duplicate.zip")),
    ];
    for (kind, bytes) in fixtures {
        let r = verify(bytes);
        assert!(r.is_valid(), "{kind}: {:?}", r.errors);
        // Rebuilt from the fixture application and the documents in the bundle: the same bytes.
        let docs: Vec<Document<'static>> = entries(bytes)
            .into_iter()
            .filter_map(|(name, data)| {
                let rest = name.strip_prefix("data/documents/")?;
                let (item, file) = rest.split_once('/')?;
                Some(Document { item: item.into(), name: file.into(), bytes: Cow::Owned(data), sha256: None })
            })
            .collect();
        let app = application(kind);
        let id = r.id.clone().unwrap();
        let request = request(&app, &docs, &id);
        let again = build_request(&request).unwrap();
        assert!(again == bytes, "{kind}: tests/bundle/make-fixtures.sh and the build disagree");
    }
}

#[test]
fn the_bundles_the_browser_made_verify_natively() {
    // Made by the widget's submit worker (WebCrypto hashes and signature, our wasm layout) and
    // stored by the intake server: the same format, read by the native verifier.
    let fixtures: [(&str, &[u8]); 5] = [
        ("issue", include_bytes!("../../../tests/fixtures/bundles/browser/issue.zip")),
        ("extend", include_bytes!("../../../tests/fixtures/bundles/browser/extend.zip")),
        ("reissue-identity", include_bytes!("../../../tests/fixtures/bundles/browser/reissue-identity.zip")),
        ("reissue-employer", include_bytes!("../../../tests/fixtures/bundles/browser/reissue-employer.zip")),
        ("duplicate", include_bytes!("../../../tests/fixtures/bundles/browser/duplicate.zip")),
    ];
    for (kind, bytes) in fixtures {
        let r = verify(bytes);
        assert!(r.is_valid(), "{kind}: {:?}", r.errors);
        assert!(
            r.info.iter().any(|(k, v)| k == "Anyqtama-Request-Kind" && v == kind),
            "{kind}: {:?}",
            r.info
        );
        // A WebCrypto key, not the test key of the native examples.
        let native = verify(include_bytes!("../../../tests/fixtures/bundles/issue.zip"));
        assert_ne!(r.key_thumbprint, native.key_thumbprint, "{kind}");
    }
}

#[test]
fn a_changed_document_is_refused() {
    let bytes = with_entry(&build("issue"), DOC, |d| d[12] ^= 1);
    let r = verify(&bytes);
    assert_refused(&r, "bag.manifest_mismatch", Some(DOC));
    assert_refused(&r, "application.file_mismatch", Some(DOC));
    assert!(!has(&r, "signature.invalid", None), "the signature still holds: {:?}", r.errors);
}

#[test]
fn a_changed_application_is_refused() {
    let bytes = with_entry(&build("issue"), "data/application.json", |d| {
        let i = d.windows(5).position(|w| w == b"Ivan\"").unwrap();
        d[i] = b'J';
    });
    let r = verify(&bytes);
    assert_refused(&r, "bag.manifest_mismatch", Some("data/application.json"));
    assert_eq!(r.application.unwrap().answers["given_name"], "Jvan", "still read, and checked");
}

#[test]
fn a_changed_signature_is_refused() {
    let bytes = with_entry(&build("issue"), "signature.jws", |s| {
        let text = String::from_utf8(s.clone()).unwrap();
        let (head, sig) = text.rsplit_once('.').unwrap();
        let mut raw = b64url_decode(sig).unwrap();
        raw[10] ^= 1;
        *s = format!("{head}.{}", b64url(&raw)).into_bytes();
    });
    let r = verify(&bytes);
    assert_refused(&r, "signature.invalid", Some("signature.jws"));
    assert_eq!(r.codes(), ["signature.invalid"], "nothing else is wrong");
}

#[test]
fn a_changed_manifest_line_is_refused() {
    // A document swapped and its manifest line updated: the tag manifest catches it.
    let mut e = entries(&build("issue"));
    let new_doc = b"%PDF-1.4\nforged\n".to_vec();
    let new_hash = anyqtama_bundle::encoding::hex(&anyqtama_bundle::Digest::sha256(&Sha256, &new_doc));
    for (name, data) in e.iter_mut() {
        if name == DOC {
            *data = new_doc.clone();
        }
        if name == "manifest-sha256.txt" {
            let text = String::from_utf8(data.clone()).unwrap();
            let lines: Vec<String> = text
                .lines()
                .map(|l| if l.ends_with(DOC) { format!("{new_hash}  {DOC}") } else { l.to_string() })
                .collect();
            *data = format!("{}\n", lines.join("\n")).into_bytes();
        }
    }
    let r = verify(&rezip(&e));
    assert_refused(&r, "bag.tagmanifest_mismatch", Some("manifest-sha256.txt"));
    assert!(!has(&r, "bag.manifest_mismatch", None), "{:?}", r.errors);

    // And with the tag manifest updated too: the signature catches it.
    let manifest = e.iter().find(|(n, _)| n == "manifest-sha256.txt").unwrap().1.clone();
    let digest = anyqtama_bundle::encoding::hex(&anyqtama_bundle::Digest::sha256(&Sha256, &manifest));
    for (name, data) in e.iter_mut() {
        if name == "tagmanifest-sha256.txt" {
            let text = String::from_utf8(data.clone()).unwrap();
            let lines: Vec<String> = text
                .lines()
                .map(|l| {
                    if l.ends_with("  manifest-sha256.txt") {
                        format!("{digest}  manifest-sha256.txt")
                    } else {
                        l.to_string()
                    }
                })
                .collect();
            *data = format!("{}\n", lines.join("\n")).into_bytes();
        }
    }
    let r = verify(&rezip(&e));
    assert_refused(&r, "signature.invalid", None);
    assert!(!has(&r, "bag.tagmanifest_mismatch", None), "{:?}", r.errors);
}

#[test]
fn an_extra_payload_file_is_refused() {
    let mut e = entries(&build("issue"));
    e.push(("data/documents/identity-document/extra.pdf".into(), b"%PDF-1.4\n".to_vec()));
    let r = verify(&rezip(&e));
    assert_refused(&r, "bag.file_unlisted", Some("data/documents/identity-document/extra.pdf"));
    assert_refused(&r, "application.file_unlisted", Some("data/documents/identity-document/extra.pdf"));
    assert_refused(&r, "bag.oxum", None);

    let mut e = entries(&build("issue"));
    e.push(("notes.txt".into(), b"hello".to_vec()));
    assert_refused(&verify(&rezip(&e)), "bag.unexpected_file", Some("notes.txt"));
}

#[test]
fn missing_files_are_refused() {
    for (name, code) in [
        ("signature.jws", "signature.missing"),
        ("bagit.txt", "bag.missing_tag_file"),
        ("tagmanifest-sha256.txt", "bag.missing_tag_file"),
        (DOC, "bag.file_missing"),
        ("data/application.json", "application.missing"),
    ] {
        let e: Vec<_> = entries(&build("issue")).into_iter().filter(|(n, _)| n != name).collect();
        let r = verify(&rezip(&e));
        assert_refused(&r, code, Some(name));
    }
}

#[test]
fn a_bundle_resigned_with_another_key_verifies_under_that_key() {
    // The key travels in the bundle: a forger who re-signs makes a valid bundle under their own
    // key, and the thumbprint says so. Pinning keys is for the portal (docs/BUNDLE.md).
    let mut e = entries(&build("issue"));
    let other = KeyPair::from_bytes(&[9u8; 32]).unwrap();
    let tagmanifest = e.iter().find(|(n, _)| n == "tagmanifest-sha256.txt").unwrap().1.clone();
    let protected = jws::protected(&other.public_jwk());
    let sig = other.sign(&jws::signing_input(&protected, &tagmanifest)).unwrap();
    e.iter_mut().find(|(n, _)| n == "signature.jws").unwrap().1 = jws::compact(&protected, &sig).into_bytes();
    let r = verify(&rezip(&e));
    assert!(r.is_valid(), "{:?}", r.errors);
    assert_ne!(r.key_thumbprint, Some(key().public_jwk().thumbprint(&Sha256)));
}

#[test]
fn signature_headers_that_are_not_ours_are_refused() {
    let e0 = entries(&build("issue"));
    let jwk = key().public_jwk().to_value();
    let headers = [
        (serde_json::json!({"alg": "HS256", "b64": false, "crit": ["b64"], "jwk": jwk}), "signature.header"),
        (serde_json::json!({"alg": "ES256", "jwk": jwk}), "signature.header"),
        (serde_json::json!({"alg": "ES256", "b64": false, "crit": ["b64"]}), "signature.key"),
        (serde_json::json!({"alg": "none", "b64": false, "crit": ["b64"], "jwk": jwk}), "signature.header"),
    ];
    for (header, code) in headers {
        let mut e = e0.clone();
        let sig = e.iter().find(|(n, _)| n == "signature.jws").unwrap().1.clone();
        let sig = String::from_utf8(sig).unwrap();
        let s = sig.rsplit_once('.').unwrap().1;
        let text = format!("{}..{s}", b64url(&canonical::to_vec(&header)));
        e.iter_mut().find(|(n, _)| n == "signature.jws").unwrap().1 = text.into_bytes();
        assert_refused(&verify(&rezip(&e)), code, Some("signature.jws"));
    }
    for garbage in ["", "a.b", "a.b.c", "!!..!!"] {
        let mut e = e0.clone();
        e.iter_mut().find(|(n, _)| n == "signature.jws").unwrap().1 = garbage.as_bytes().to_vec();
        assert_refused(&verify(&rezip(&e)), "signature.malformed", Some("signature.jws"));
    }
}

#[test]
fn an_application_with_blockers_is_refused_with_the_findings() {
    let mut app = application("issue");
    app.answers.remove("surname");
    let docs = documents(&app);
    let request = Request { lang: Lang::Kk, ..request(&app, &docs, ID) };
    let r = verify(&build_request(&request).unwrap());
    assert_eq!(r.codes(), ["check.blockers"]);
    assert!(r.report.unwrap().findings.iter().any(|f| f.severity == Severity::Blocker));
}

#[test]
fn bag_info_must_agree_with_the_application() {
    let app = application("issue");
    let docs = documents(&app);
    let request = Request { rules_version: "1999.1", ..request(&app, &docs, ID) };
    let r = verify(&build_request(&request).unwrap());
    assert_refused(&r, "bag.info_mismatch", Some("bag-info.txt"));
}

#[test]
fn unsafe_names_and_ids_in_a_build() {
    let app = application("issue");
    let docs = vec![Document {
        item: "identity-document".into(),
        name: "../../etc/pass%wd".into(),
        bytes: Cow::Borrowed(b"%PDF-1.4\n"),
        sha256: None,
    }];
    let request = request(&app, &docs, ID);
    let bytes = build_request(&request).unwrap();
    let names: Vec<String> = entries(&bytes).into_iter().map(|(n, _)| n).collect();
    assert!(names.contains(&"data/documents/identity-document/pass_wd".to_string()), "{names:?}");
    assert!(!r_has_invalid_paths(&names));

    let bad_item = vec![Document {
        item: "../x".into(),
        name: "a.pdf".into(),
        bytes: Cow::Borrowed(b"x"),
        sha256: None,
    }];
    let request = Request { documents: &bad_item, ..request.clone() };
    assert_eq!(build_request(&request).unwrap_err().code, "name.unsafe");
    let request = Request { id: "not-a-uuid", documents: &docs, ..request };
    assert_eq!(build_request(&request).unwrap_err().code, "build.id");
}

fn r_has_invalid_paths(names: &[String]) -> bool {
    names.iter().any(|n| anyqtama_bundle::names::check_path(n).is_err())
}

// --- Forged ZIPs ----------------------------------------------------------------------------------

#[test]
fn not_a_zip_and_truncated_are_unreadable() {
    for (bytes, code) in [
        (b"".to_vec(), "zip.not_zip"),
        (b"%PDF-1.4 not a zip".to_vec(), "zip.not_zip"),
        (build("issue")[..1000].to_vec(), "zip.truncated"),
    ] {
        let r = verify(&bytes);
        assert!(!r.readable && !r.is_valid());
        assert_eq!(r.codes(), [code]);
    }
}

#[test]
fn unsafe_names_in_a_zip_are_refused() {
    for name in ["../x", "/etc/passwd", "a\\b", "data/../../x", "data//x", "C:/x", "a\u{1}b"] {
        let zip = raw_zip(&[Raw::stored(name, b"x"), Raw::stored("ok.txt", b"y")]);
        let a = anyqtama_bundle::zip::read(&zip, &Limits::default()).unwrap();
        assert_eq!(a.problems.len(), 1, "{name:?}");
        assert_eq!(a.problems[0].code, "name.unsafe", "{name:?}");
        assert_eq!(a.entries.len(), 1, "the safe one is read");
    }
    let zip = raw_zip(&[Raw { name: vec![b'a', 0xFF], ..Raw::stored("", b"x") }]);
    assert_eq!(anyqtama_bundle::zip::read(&zip, &Limits::default()).unwrap().problems[0].code, "name.unsafe");
}

#[test]
fn duplicate_entries_are_refused() {
    let zip = raw_zip(&[Raw::stored("bagit.txt", b"a"), Raw::stored("bagit.txt", b"b")]);
    let r = verify(&zip);
    assert_refused(&r, "zip.duplicate", Some("bagit.txt"));
}

#[test]
fn zip_bombs_are_refused() {
    let zeros = vec![0u8; 10 << 20];
    // A high compression ratio.
    let zip = raw_zip(&[Raw::deflated("data/zeros", &zeros)]);
    assert_refused(&verify(&zip), "zip.bomb", Some("data/zeros"));
    // An entry claiming a huge size.
    let zip = raw_zip(&[Raw { size: 3 << 30, ..Raw::stored("data/huge", b"x") }]);
    assert_refused(&verify(&zip), "zip.too_large", Some("data/huge"));
    // More data than declared: inflating stops at the declared size.
    let data: Vec<u8> = (0..200_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8).collect();
    let zip = raw_zip(&[Raw { size: 100_000, ..Raw::deflated("data/liar", &data) }]);
    assert_refused(&verify(&zip), "zip.bomb", Some("data/liar"));
    // In all, more than the limit.
    let limits = Limits { max_total_bytes: 1000, ..Limits::default() };
    let zip = raw_zip(&[Raw::stored("a", &[1; 600]), Raw::stored("b", &[2; 600])]);
    assert!(verify_with(&zip, limits).codes().contains(&"zip.too_large"));
}

#[test]
fn overlapping_entries_are_refused() {
    // "a" stores, as its data, the whole local record of "b": the two share bytes.
    let b = Raw::stored("b", b"inner");
    let a = Raw::stored("a", &b.local());
    let a_local = a.local();
    let b_offset = (a_local.len() - b.local().len()) as u32;
    let zip = finish_raw(a_local, &[a.central(0), b.central(b_offset)]);
    let r = verify(&zip);
    assert_refused(&r, "zip.bomb", Some("a"));
    assert_refused(&r, "zip.bomb", Some("b"));
}

#[test]
fn encrypted_and_other_methods_are_refused() {
    let zip = raw_zip(&[
        Raw { flags: 1, ..Raw::stored("data/x", b"x") },
        Raw { method: 12, ..Raw::stored("data/y", b"y") },
    ]);
    let r = verify(&zip);
    assert_refused(&r, "zip.unsupported", Some("data/x"));
    assert_refused(&r, "zip.unsupported", Some("data/y"));
    let zip = raw_zip(&[Raw { crc: 1, ..Raw::stored("data/x", b"x") }]);
    assert_refused(&verify(&zip), "zip.crc", Some("data/x"));
}

#[test]
fn a_bundle_rezipped_with_deflate_is_still_valid() {
    // Someone unzips and zips the bag again with an ordinary tool: DEFLATE, other timestamps.
    let raws: Vec<Raw> = entries(&build("extend")).iter().map(|(n, d)| Raw::deflated(n, d)).collect();
    let r = verify(&raw_zip(&raws));
    assert!(r.is_valid(), "{:?}", r.errors);
}

// --- Texts --------------------------------------------------------------------------------------------

#[test]
fn every_code_has_a_text_in_every_language() {
    let files = [
        ("kk", include_str!("../../../locales/kk/bundle.ftl")),
        ("ru", include_str!("../../../locales/ru/bundle.ftl")),
        ("en", include_str!("../../../locales/en/bundle.ftl")),
    ];
    for (lang, source) in files {
        let bundle = anyqtama_i18n::mini::Bundle::new(lang, &[source]);
        for code in CODES {
            let p = anyqtama_bundle::Problem::new(code);
            let id = p.message_id();
            assert!(bundle.has(&id), "{lang}: no {id}");
            let args: Vec<(&str, anyqtama_i18n::mini::Arg<'_>)> = [
                "reason",
                "field",
                "declared",
                "actual",
                "line",
                "limit",
                "id",
                "schema",
                "supported",
                "what",
                "described",
                "iin",
                "signer",
            ]
            .iter()
            .map(|k| (*k, anyqtama_i18n::mini::Arg::Str("X")))
            .chain([("count", anyqtama_i18n::mini::Arg::Num(3))])
            .collect();
            let text = bundle.format(&id, &args).unwrap();
            assert!(!text.contains('{') && !text.trim().is_empty(), "{lang} {id}: {text}");
        }
        // Full Fluent reads the file and says the same as the widget's small formatter.
        fluent_agrees(lang, source);
    }
}

fn fluent_agrees(lang: &'static str, source: &'static str) {
    use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
    let mut fluent = FluentBundle::new(vec![lang.parse::<unic_langid::LanguageIdentifier>().unwrap()]);
    fluent.set_use_isolating(false);
    fluent.add_resource(FluentResource::try_new(source.to_string()).expect("bundle.ftl parses")).unwrap();
    let mini = anyqtama_i18n::mini::Bundle::new(lang, &[source]);
    for line in source.lines().filter(|l| l.starts_with("bundle-")) {
        let id = line.split(" =").next().unwrap();
        for n in [0i64, 1, 2, 3, 5, 11, 21, 22, 25, 101] {
            let names = ["count", "files", "bytes", "line", "limit", "path", "id", "reason", "field"];
            let mut args = FluentArgs::new();
            let mut margs = Vec::new();
            for k in names {
                args.set(k, FluentValue::from(n));
                margs.push((k, anyqtama_i18n::mini::Arg::Num(n)));
            }
            let mut errors = vec![];
            let msg = fluent.get_message(id).unwrap();
            let want = fluent.format_pattern(msg.value().unwrap(), Some(&args), &mut errors).to_string();
            assert_eq!(mini.format(id, &margs).unwrap(), want, "{lang} {id} n={n}");
        }
    }
}

#[test]
fn a_precomputed_hash_is_used_as_given() {
    // A browser hashes documents with WebCrypto and passes the result: the bag must carry it,
    // and a wrong one must make the bag fail verification (the manifest no longer matches).
    let app = application("issue");
    let bytes: &[u8] = b"%PDF-1.4\nprecomputed";
    let raw = anyqtama_bundle::Digest::sha256(&Sha256, bytes);
    let right = anyqtama_bundle::encoding::hex(&raw);
    let doc = |sha256| {
        vec![Document {
            item: "identity-document".into(),
            name: "p.pdf".into(),
            bytes: Cow::Borrowed(bytes),
            sha256,
        }]
    };
    let good = doc(Some(raw));
    let built = build_request(&request(&app, &good, ID)).unwrap();
    let manifest = entries(&built).into_iter().find(|(n, _)| n == "manifest-sha256.txt").unwrap().1;
    assert!(String::from_utf8(manifest).unwrap().contains(&right));
    let bad = doc(Some([0u8; 32]));
    let built = build_request(&request(&app, &bad, ID)).unwrap();
    let codes: Vec<String> = verify(&built).errors.iter().map(|p| p.code.to_string()).collect();
    assert!(codes.iter().any(|c| c.starts_with("bag.")), "{codes:?}");
}

#[test]
fn an_eds_signature_goes_in_beside_the_jws_and_changes_nothing_else() {
    let bytes = build("issue");
    let before = entries(&bytes);
    let tagmanifest = anyqtama_bundle::tagmanifest_of(&bytes).unwrap();
    assert_eq!(before.iter().find(|(n, _)| n == "tagmanifest-sha256.txt").unwrap().1, tagmanifest);

    let cms = b"\x30\x03\x02\x01\x01".to_vec();
    let with = anyqtama_bundle::with_eds_signature(&bytes, &cms).unwrap();
    let after = entries(&with);
    let names: Vec<&str> = after.iter().map(|(n, _)| n.as_str()).collect();
    let jws = names.iter().position(|n| *n == "signature.jws").unwrap();
    assert_eq!(names[jws + 1], "signature.p7s", "right after the JWS: {names:?}");
    assert_eq!(after[jws + 1].1, cms);
    let others: Vec<_> = after.iter().filter(|(n, _)| n != "signature.p7s").cloned().collect();
    assert_eq!(others, before, "every other entry unchanged, in its order");
    assert_eq!(anyqtama_bundle::tagmanifest_of(&with).unwrap(), tagmanifest, "the signed bytes are the same");

    // Signing again replaces the CMS instead of adding a second one.
    let again = anyqtama_bundle::with_eds_signature(&with, b"\x30\x00").unwrap();
    let again = entries(&again);
    assert_eq!(again.iter().filter(|(n, _)| n == "signature.p7s").count(), 1);
    assert_eq!(again.iter().find(|(n, _)| n == "signature.p7s").unwrap().1, b"\x30\x00");

    // Not a bundle: a clear problem, no panic.
    assert!(anyqtama_bundle::with_eds_signature(b"not a zip", &cms).is_err());
    assert!(anyqtama_bundle::tagmanifest_of(&rezip(&[("bagit.txt".into(), b"x".to_vec())])).is_err());
}
