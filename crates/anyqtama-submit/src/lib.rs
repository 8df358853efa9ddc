//! The bundle builder of the widget's submit worker (`assets/submit-worker.js`).
//!
//! The worker reads the attached files from IndexedDB and hashes them with WebCrypto; this
//! module lays out the bag with `anyqtama-bundle` ([`prepare`]), gives what to sign
//! ([`Prepared::signing_input`]) to the worker's non-extractable WebCrypto key, and writes the
//! ZIP ([`Prepared::finish`]). It is a WebAssembly module of its own, loaded only when the
//! applicant submits, so the first page does not carry the bundle code.
//!
//! When the portal asks for the applicant's electronic signature, the worker gives NCALayer the
//! built bundle's tag manifest ([`tagmanifest_of`]), reads and checks who signed the CMS it got
//! back ([`eds_signer`], module [`eds`]), and adds it to the bundle ([`with_eds`]).

pub mod eds;

use anyqtama_bundle::{Document, PublicJwk, Request, Unsigned};
use anyqtama_core::{Application, Date, Lang};
use serde::Deserialize;
use std::borrow::Cow;
use wasm_bindgen::prelude::*;

/// What the widget asks for (JSON): the application and how to label the bundle.
#[derive(Deserialize)]
struct Order {
    application: Application,
    id: String,
    date: Date,
    lang: Lang,
    rules_version: String,
}

/// A bag laid out and waiting for its signature.
#[wasm_bindgen]
pub struct Prepared {
    unsigned: Unsigned<'static>,
}

fn error(message: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&message.to_string()).into()
}

/// Lays out the bag: `order` is the JSON of the request; `items`, `names`, `files` and
/// `hashes` are the attached files (checklist item, file name, bytes, SHA-256 from WebCrypto).
#[wasm_bindgen]
pub fn prepare(
    order: &str,
    items: Vec<String>,
    names: Vec<String>,
    files: Vec<js_sys::Uint8Array>,
    hashes: Vec<js_sys::Uint8Array>,
) -> Result<Prepared, JsValue> {
    let order: Order = serde_json::from_str(order).map_err(error)?;
    if items.len() != names.len() || names.len() != files.len() || files.len() != hashes.len() {
        return Err(error("the lists of files do not match"));
    }
    let mut documents = Vec::with_capacity(files.len());
    for (((item, name), bytes), hash) in items.into_iter().zip(names).zip(files).zip(hashes) {
        let sha256: [u8; 32] = hash.to_vec().try_into().map_err(|_| error("a SHA-256 is not 32 bytes"))?;
        documents.push(Document { item, name, bytes: Cow::Owned(bytes.to_vec()), sha256: Some(sha256) });
    }
    let request = Request {
        application: &order.application,
        documents: &documents,
        id: &order.id,
        date: order.date,
        lang: order.lang,
        rules_version: &order.rules_version,
    };
    let unsigned = anyqtama_bundle::prepare(&request, &anyqtama_bundle::Sha256).map_err(|p| error(p.code))?;
    Ok(Prepared { unsigned: owned(unsigned) })
}

/// The documents were copied into owned buffers, so the bag borrows nothing.
fn owned(unsigned: Unsigned<'_>) -> Unsigned<'static> {
    unsigned.into_owned()
}

#[wasm_bindgen]
impl Prepared {
    /// What the key signs (the JWS signing input), for the public key (`x`, `y`, base64url).
    pub fn signing_input(&self, x: &str, y: &str) -> Vec<u8> {
        self.unsigned.signing_input(&PublicJwk { x: x.into(), y: y.into() })
    }

    /// The ZIP, given the ES256 signature (`r || s`, 64 bytes) over the signing input.
    pub fn finish(self, x: &str, y: &str, signature: &[u8]) -> Result<Vec<u8>, JsValue> {
        let signature: [u8; 64] = signature.try_into().map_err(|_| error("the signature is not 64 bytes"))?;
        self.unsigned.finish(&PublicJwk { x: x.into(), y: y.into() }, &signature).map_err(|p| error(p.code))
    }
}

/// The bytes of `tagmanifest-sha256.txt` in a built bundle: what the EDS signs.
#[wasm_bindgen]
pub fn tagmanifest_of(zip: &[u8]) -> Result<Vec<u8>, JsValue> {
    anyqtama_bundle::tagmanifest_of(zip).map_err(|p| error(p.code))
}

/// The built bundle with the applicant's CMS as `signature.p7s`.
#[wasm_bindgen]
pub fn with_eds(zip: &[u8], cms: &[u8]) -> Result<Vec<u8>, JsValue> {
    anyqtama_bundle::with_eds_signature(zip, cms).map_err(|p| error(p.code))
}

/// Who signed `cms` (detached, over `content`), and whether they may sign an application whose
/// IIN is `iin` (empty: none given). JSON: `{"signer": {name, iin, bin, not_after} | null,
/// "error": code | null, "detail": text}`.
#[wasm_bindgen]
pub fn eds_signer(cms: &[u8], content: &[u8], iin: &str) -> String {
    let value = match eds::read(cms, content) {
        Ok(facts) => serde_json::json!({
            "signer": facts.signer,
            "error": eds::judge(&facts, iin),
            "detail": "",
        }),
        Err(detail) => serde_json::json!({ "signer": null, "error": "eds.unreadable", "detail": detail }),
    };
    value.to_string()
}

/// Full verification of `cms` over `content`, with the chain up to `anchors` (DER or PEM
/// certificates) and `crls`, as of `now` (seconds since 1970): whether every signer is valid.
/// The widget itself does not use it (it has no trust anchors); the end-to-end benchmark
/// measures with it what the portal's check costs in a browser.
#[wasm_bindgen]
pub fn eds_verify(
    cms: &[u8],
    content: &[u8],
    anchors: Vec<js_sys::Uint8Array>,
    crls: Vec<js_sys::Uint8Array>,
    now: f64,
) -> Result<bool, JsValue> {
    let mut opts = anyqtama_eds::Options { now: now as u64, ..Default::default() };
    for a in anchors {
        opts.trust.extend(anyqtama_eds::Cert::parse_many(&a.to_vec()).map_err(error)?);
    }
    for c in crls {
        opts.crls.extend(anyqtama_eds::Crl::parse_many(&c.to_vec()).map_err(error)?);
    }
    let report = anyqtama_eds::verify(cms, Some(content), &opts).map_err(error)?;
    Ok(report.valid)
}
