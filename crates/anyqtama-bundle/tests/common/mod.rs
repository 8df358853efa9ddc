//! What the tests share: the fixture applications, generated documents, the test key, and
//! ZIPs put together by hand (to forge what our writer never writes).
#![allow(dead_code)]

use anyqtama_bundle::crypto::{KeyPair, P256Verifier, Sha256};
use anyqtama_bundle::zip::{self, crc32, Limits};
use anyqtama_bundle::{Document, Options, Request, VerifyReport};
use anyqtama_core::{Application, Date, Lang, Regulation};
use std::borrow::Cow;

pub const KINDS: [(&str, &str); 5] = [
    ("issue", include_str!("../../../../tests/fixtures/applications/issue.json")),
    ("extend", include_str!("../../../../tests/fixtures/applications/extend.json")),
    ("reissue-identity", include_str!("../../../../tests/fixtures/applications/reissue-identity.json")),
    ("reissue-employer", include_str!("../../../../tests/fixtures/applications/reissue-employer.json")),
    ("duplicate", include_str!("../../../../tests/fixtures/applications/duplicate.json")),
];

pub const TEST_KEY: &str = include_str!("../../../../tests/fixtures/bundles/test-key.jwk");
pub const ID: &str = "6f1c2a3e-0000-4000-8000-0000000000ff";

pub fn date() -> Date {
    Date::parse("2026-11-25").unwrap()
}

pub fn application(kind: &str) -> Application {
    serde_json::from_str(KINDS.iter().find(|(k, _)| *k == kind).unwrap().1).unwrap()
}

pub fn key() -> KeyPair {
    KeyPair::from_jwk(TEST_KEY).unwrap()
}

/// One small document per file the application describes, of the media type it describes.
pub fn documents(app: &Application) -> Vec<Document<'static>> {
    let mut out = Vec::new();
    for d in &app.documents {
        for f in &d.files {
            let mut bytes: Vec<u8> = match f.media_type.as_str() {
                "image/jpeg" => vec![0xFF, 0xD8, 0xFF, 0xE0],
                _ => b"%PDF-1.4\n".to_vec(),
            };
            bytes.extend_from_slice(format!("test document {}/{}\n", d.item, f.name).as_bytes());
            out.push(Document {
                item: d.item.clone(),
                name: f.name.clone(),
                bytes: Cow::Owned(bytes),
                sha256: None,
            });
        }
    }
    out
}

/// The request the tests build from: bagged on 2026-11-25, in English, rules 2026.1.
pub fn request<'a>(app: &'a Application, docs: &'a [Document<'a>], id: &'a str) -> Request<'a> {
    Request { application: app, documents: docs, id, date: date(), lang: Lang::En, rules_version: "2026.1" }
}

pub fn build_request(request: &Request<'_>) -> Result<Vec<u8>, anyqtama_bundle::Problem> {
    anyqtama_bundle::build(request, &Sha256, &key())
}

pub fn build(kind: &str) -> Vec<u8> {
    let app = application(kind);
    let docs = documents(&app);
    build_request(&request(&app, &docs, ID)).unwrap()
}

pub fn verify(bytes: &[u8]) -> VerifyReport {
    verify_with(bytes, Limits::default())
}

pub fn verify_with(bytes: &[u8], limits: Limits) -> VerifyReport {
    let regulation = Regulation::builtin();
    let options = Options { today: date(), regulation: &regulation, limits };
    anyqtama_bundle::verify(bytes, &options, &Sha256, &P256Verifier)
}

/// The entries of a ZIP we wrote.
pub fn entries(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let archive = zip::read(bytes, &Limits::default()).unwrap();
    assert!(archive.problems.is_empty(), "{:?}", archive.problems);
    archive.entries.into_iter().map(|e| (e.name, e.data)).collect()
}

/// A ZIP of these entries, written by our writer (so the ZIP itself is sound).
pub fn rezip(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::Writer::new(date());
    for (name, data) in entries {
        w.add(name, data).unwrap();
    }
    w.finish().unwrap()
}

/// A ZIP entry put together by hand.
#[derive(Clone, Debug)]
pub struct Raw {
    pub name: Vec<u8>,
    pub method: u16,
    pub flags: u16,
    /// The bytes as stored (compressed for method 8).
    pub stored: Vec<u8>,
    pub crc: u32,
    /// The uncompressed size declared.
    pub size: u32,
}

impl Raw {
    pub fn stored(name: &str, data: &[u8]) -> Raw {
        Raw {
            name: name.into(),
            method: 0,
            flags: 0,
            stored: data.to_vec(),
            crc: crc32(data),
            size: data.len() as u32,
        }
    }

    pub fn deflated(name: &str, data: &[u8]) -> Raw {
        Raw {
            name: name.into(),
            method: 8,
            flags: 0,
            stored: miniz_oxide::deflate::compress_to_vec(data, 6),
            crc: crc32(data),
            size: data.len() as u32,
        }
    }

    fn header(&self, central: bool, offset: u32) -> Vec<u8> {
        let mut v = Vec::new();
        let sig: u32 = if central { 0x0201_4b50 } else { 0x0403_4b50 };
        v.extend_from_slice(&sig.to_le_bytes());
        if central {
            v.extend_from_slice(&20u16.to_le_bytes());
        }
        for x in [20u16, self.flags, self.method, 0, 0x5B79] {
            v.extend_from_slice(&x.to_le_bytes());
        }
        for x in [self.crc, self.stored.len() as u32, self.size] {
            v.extend_from_slice(&x.to_le_bytes());
        }
        v.extend_from_slice(&(self.name.len() as u16).to_le_bytes());
        v.extend_from_slice(&[0, 0]);
        if central {
            v.extend_from_slice(&[0; 10]);
            v.extend_from_slice(&offset.to_le_bytes());
        }
        v.extend_from_slice(&self.name);
        v
    }

    pub fn local(&self) -> Vec<u8> {
        let mut v = self.header(false, 0);
        v.extend_from_slice(&self.stored);
        v
    }

    pub fn central(&self, offset: u32) -> Vec<u8> {
        self.header(true, offset)
    }
}

/// A ZIP of hand-made entries, each local record at its natural place.
pub fn raw_zip(entries: &[Raw]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut offsets = Vec::new();
    for e in entries {
        offsets.push(out.len() as u32);
        out.extend(e.local());
    }
    let centrals: Vec<Vec<u8>> = entries.iter().zip(&offsets).map(|(e, &o)| e.central(o)).collect();
    finish_raw(out, &centrals)
}

/// Appends a central directory and the end record.
pub fn finish_raw(mut out: Vec<u8>, centrals: &[Vec<u8>]) -> Vec<u8> {
    let cd_offset = out.len() as u32;
    let cd: Vec<u8> = centrals.concat();
    out.extend_from_slice(&cd);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0, 0, 0, 0]);
    let n = centrals.len() as u16;
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&(cd.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out
}
