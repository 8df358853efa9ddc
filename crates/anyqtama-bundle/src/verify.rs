//! Verifying a bundle: the bytes of a ZIP → a [`VerifyReport`] with every reason it is refused.
//!
//! In order: the ZIP ([`zip::read`]: limits, names, CRCs), the bag (declaration, `bag-info.txt`,
//! Payload-Oxum, every payload file against `manifest-sha256.txt` and back, the tag files
//! against `tagmanifest-sha256.txt`), the signature over the tag manifest, `application.json`
//! (canonical, of a known schema, describing exactly the documents in the bag), and finally the
//! core's [`check`](anyqtama_core::check()) as of `today`, whose blockers make the bundle invalid too. Nothing stops at
//! the first problem except a ZIP that cannot be read at all.

use crate::bagit::{self, label};
use crate::encoding::hex;
use crate::zip::{self, Limits};
use crate::{build::is_uuid, canonical, jws, Digest, Problem, SignatureVerifier, FORMAT_VERSION};
use anyqtama_core::application::SCHEMA_VERSION;
use anyqtama_core::{check, filetype, Application, Date, Regulation, Report};
use serde::Serialize;
use std::collections::BTreeMap;

/// What to verify against.
#[derive(Clone, Copy, Debug)]
pub struct Options<'a> {
    /// The day the core's check counts from.
    pub today: Date,
    pub regulation: &'a Regulation,
    pub limits: Limits,
}

/// The verdict on a bundle.
#[derive(Clone, Debug, Serialize)]
pub struct VerifyReport {
    /// False when the bytes are not a ZIP that can be read at all (`errors` says why).
    pub readable: bool,
    /// The bundle's UUID, from `bag-info.txt`.
    pub id: Option<String>,
    /// `bag-info.txt`, as read.
    pub info: Vec<(String, String)>,
    /// The RFC 7638 thumbprint of the key that signed, when the signature verified.
    pub key_thumbprint: Option<String>,
    /// Every reason the bundle is refused; empty when it is valid.
    pub errors: Vec<Problem>,
    /// The application, when `application.json` parsed.
    pub application: Option<Application>,
    /// The core's report on it.
    pub report: Option<Report>,
}

impl VerifyReport {
    pub fn is_valid(&self) -> bool {
        self.readable && self.errors.is_empty()
    }

    /// The distinct error codes, in order.
    pub fn codes(&self) -> Vec<&'static str> {
        let mut codes: Vec<&'static str> = Vec::new();
        for p in &self.errors {
            if !codes.contains(&p.code) {
                codes.push(p.code);
            }
        }
        codes
    }
}

const DOCUMENTS: &str = "data/documents/";
const APPLICATION: &str = "data/application.json";

/// Verifies the bytes of a bundle.
pub fn verify(
    bytes: &[u8],
    options: &Options<'_>,
    digest: &dyn Digest,
    verifier: &dyn SignatureVerifier,
) -> VerifyReport {
    let mut report = VerifyReport {
        readable: true,
        id: None,
        info: Vec::new(),
        key_thumbprint: None,
        errors: Vec::new(),
        application: None,
        report: None,
    };
    let archive = match zip::read_borrowed(bytes, &options.limits) {
        Ok(a) => a,
        Err(p) => {
            report.readable = false;
            report.errors.push(p);
            return report;
        }
    };
    let errors = &mut report.errors;
    errors.extend(archive.problems);
    let files: BTreeMap<&str, &[u8]> = archive
        .entries
        .iter()
        .filter(|(name, _)| !name.ends_with('/'))
        .map(|(name, data)| (name.as_ref(), data.as_ref()))
        .collect();

    // Which files are which.
    let known_tags = [
        bagit::BAGIT_TXT,
        bagit::BAG_INFO_TXT,
        bagit::MANIFEST,
        bagit::TAGMANIFEST,
        bagit::SIGNATURE,
        bagit::EDS_SIGNATURE,
    ];
    for name in files.keys() {
        if !name.starts_with("data/") && !known_tags.contains(name) {
            errors.push(Problem::at("bag.unexpected_file", *name));
        }
    }
    let text = |name: &str, errors: &mut Vec<Problem>| -> Option<&str> {
        match files.get(name) {
            None => {
                let code =
                    if name == bagit::SIGNATURE { "signature.missing" } else { "bag.missing_tag_file" };
                errors.push(Problem::at(code, name));
                None
            }
            Some(b) => match std::str::from_utf8(b) {
                Ok(t) => Some(t),
                Err(_) => {
                    errors.push(Problem::at("bag.declaration", name).arg("reason", "not UTF-8"));
                    None
                }
            },
        }
    };

    // bagit.txt
    if let Some(t) = text(bagit::BAGIT_TXT, errors) {
        let fields = bagit::parse_tag_file(t).unwrap_or_default();
        let ok = bagit::field(&fields, "BagIt-Version") == Some("1.0")
            && bagit::field(&fields, "Tag-File-Character-Encoding") == Some("UTF-8");
        if !ok {
            errors.push(Problem::at("bag.declaration", bagit::BAGIT_TXT));
        }
    }

    // The payload against the manifest, and back.
    let payload: BTreeMap<&str, &[u8]> =
        files.iter().filter(|(n, _)| n.starts_with("data/")).map(|(n, b)| (*n, *b)).collect();
    // Each payload file is hashed once, for the manifest and for application.json.
    // All at once, so that an implementation can hash several files in step.
    let bodies: Vec<&[u8]> = payload.values().copied().collect();
    let payload_digests: BTreeMap<&str, String> =
        payload.keys().zip(digest.sha256_all(&bodies)).map(|(n, d)| (*n, hex(&d))).collect();
    if let Some(t) = text(bagit::MANIFEST, errors) {
        match bagit::parse_manifest(t, bagit::MANIFEST) {
            Err(p) => errors.push(p),
            Ok(lines) => {
                for (want, path) in &lines {
                    match payload_digests.get(path.as_str()) {
                        None => errors.push(Problem::at("bag.file_missing", path)),
                        Some(have) if have != want => errors.push(Problem::at("bag.manifest_mismatch", path)),
                        Some(_) => {}
                    }
                }
                for name in payload.keys() {
                    if !lines.iter().any(|(_, p)| p == name) {
                        errors.push(Problem::at("bag.file_unlisted", *name));
                    }
                }
            }
        }
    }

    // bag-info.txt
    let mut info_kind = None;
    let mut info_rules = None;
    if let Some(t) = text(bagit::BAG_INFO_TXT, errors) {
        let fields = bagit::parse_tag_file(t).unwrap_or_else(|| {
            errors.push(Problem::at("bag.info_invalid", bagit::BAG_INFO_TXT).arg("field", "syntax"));
            Vec::new()
        });
        let invalid = |field: &str| Problem::at("bag.info_invalid", bagit::BAG_INFO_TXT).arg("field", field);
        let get = |l: &str| bagit::field(&fields, l);
        match get(label::EXTERNAL_IDENTIFIER) {
            Some(id) if is_uuid(id) => report.id = Some(id.to_string()),
            _ => errors.push(invalid(label::EXTERNAL_IDENTIFIER)),
        }
        if get(label::BAGGING_DATE).is_none_or(|d| Date::parse(d).is_err()) {
            errors.push(invalid(label::BAGGING_DATE));
        }
        if get(label::FORMAT_VERSION) != Some(FORMAT_VERSION) {
            errors.push(invalid(label::FORMAT_VERSION));
        }
        if get(label::LANGUAGE).is_none_or(|l| anyqtama_core::Lang::parse(l).is_none()) {
            errors.push(invalid(label::LANGUAGE));
        }
        info_kind = get(label::REQUEST_KIND).map(str::to_string);
        info_rules = get(label::RULES_VERSION).map(str::to_string);
        if info_kind.is_none() {
            errors.push(invalid(label::REQUEST_KIND));
        }
        if info_rules.is_none() {
            errors.push(invalid(label::RULES_VERSION));
        }
        let actual = bagit::oxum(payload.values().map(|b| b.len() as u64).sum(), payload.len());
        match get(label::PAYLOAD_OXUM) {
            None => errors.push(invalid(label::PAYLOAD_OXUM)),
            Some(oxum) if oxum != actual => errors.push(
                Problem::at("bag.oxum", bagit::BAG_INFO_TXT).arg("declared", oxum).arg("actual", &actual),
            ),
            Some(_) => {}
        }
        report.info = fields;
    }

    // The tag files against the tag manifest; then the signature over the tag manifest.
    if let Some(t) = text(bagit::TAGMANIFEST, errors) {
        match bagit::parse_manifest(t, bagit::TAGMANIFEST) {
            Err(p) => errors.push(p),
            Ok(lines) => {
                for (want, path) in &lines {
                    match files.get(path.as_str()) {
                        None => errors.push(Problem::at("bag.file_missing", path)),
                        Some(b) if hex(&digest.sha256(b)) != *want => {
                            errors.push(Problem::at("bag.tagmanifest_mismatch", path))
                        }
                        Some(_) => {}
                    }
                }
                for required in bagit::SIGNED_TAG_FILES {
                    if !lines.iter().any(|(_, p)| p == required) {
                        errors.push(Problem::at("bag.tag_unlisted", required));
                    }
                }
            }
        }
        if let Some(signature) = text(bagit::SIGNATURE, errors) {
            match jws::verify(signature, t.as_bytes(), verifier) {
                Ok(key) => report.key_thumbprint = Some(key.thumbprint(digest)),
                Err(p) => errors.push(p),
            }
        }
    }

    // application.json, and the documents it describes.
    let application = match payload.get(APPLICATION) {
        None => {
            errors.push(Problem::at("application.missing", APPLICATION));
            None
        }
        Some(bytes) => read_application(bytes, errors),
    };
    if let Some(app) = &application {
        for name in payload.keys() {
            if *name == APPLICATION {
                continue;
            }
            let Some((item, file)) = name.strip_prefix(DOCUMENTS).and_then(|r| r.split_once('/')) else {
                errors.push(Problem::at("bag.unexpected_file", *name));
                continue;
            };
            let described = app.document(item).and_then(|d| d.files.iter().find(|f| f.name == file));
            let Some(f) = described else {
                if file.contains('/') {
                    errors.push(Problem::at("bag.unexpected_file", *name));
                } else {
                    errors.push(Problem::at("application.file_unlisted", *name));
                }
                continue;
            };
            let bytes = payload[name];
            let sniffed = filetype::sniff(bytes).media_type();
            let sha = payload_digests.get(name).cloned().unwrap_or_default();
            let mut mismatch = |what: &str, described: String, actual: String| {
                errors.push(
                    Problem::at("application.file_mismatch", *name)
                        .arg("what", what)
                        .arg("described", described)
                        .arg("actual", actual),
                )
            };
            if f.size != bytes.len() as u64 {
                mismatch("size", f.size.to_string(), bytes.len().to_string());
            }
            if f.media_type != sniffed {
                mismatch("media_type", f.media_type.clone(), sniffed.to_string());
            }
            if f.sha256.as_deref().map(str::to_ascii_lowercase) != Some(sha.clone()) {
                mismatch("sha256", f.sha256.clone().unwrap_or_default(), sha);
            }
        }
        for d in &app.documents {
            for f in &d.files {
                let path = format!("{DOCUMENTS}{}/{}", d.item, f.name);
                if !payload.contains_key(path.as_str()) {
                    errors.push(Problem::at("application.file_missing", path));
                }
            }
        }

        // The core's check, as of today.
        let r = check(app, options.today, options.regulation);
        if r.blockers > 0 {
            errors.push(Problem::at("check.blockers", APPLICATION).arg("count", r.blockers));
        }
        let mismatch = |field: &str, declared: &str, actual: &str| {
            Problem::at("bag.info_mismatch", bagit::BAG_INFO_TXT)
                .arg("field", field)
                .arg("declared", declared)
                .arg("actual", actual)
        };
        if let Some(k) = &info_kind {
            if app.kind().unwrap_or("") != k {
                errors.push(mismatch(label::REQUEST_KIND, k, app.kind().unwrap_or("")));
            }
        }
        if let Some(v) = &info_rules {
            if r.rules_version.as_deref().unwrap_or("") != v {
                errors.push(mismatch(label::RULES_VERSION, v, r.rules_version.as_deref().unwrap_or("")));
            }
        }
        report.report = Some(r);
    }
    report.application = application;
    report
}

fn read_application(bytes: &[u8], errors: &mut Vec<Problem>) -> Option<Application> {
    let invalid = |why: String| Problem::at("application.invalid", APPLICATION).arg("reason", why);
    let value: serde_json::Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => {
            errors.push(invalid(e.to_string()));
            return None;
        }
    };
    if canonical::to_vec(&value) != bytes {
        errors.push(Problem::at("application.not_canonical", APPLICATION));
    }
    let schema = value.get("schema").and_then(serde_json::Value::as_u64);
    if schema != Some(u64::from(SCHEMA_VERSION)) {
        let found = schema.map_or_else(|| "none".to_string(), |s| s.to_string());
        errors.push(
            Problem::at("application.schema", APPLICATION)
                .arg("schema", found)
                .arg("supported", SCHEMA_VERSION),
        );
        return None;
    }
    match serde_json::from_value::<Application>(value) {
        Ok(app) => Some(app),
        Err(e) => {
            errors.push(invalid(e.to_string()));
            None
        }
    }
}
