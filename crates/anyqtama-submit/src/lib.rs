//! The bundle builder of the widget's submit worker (`assets/submit-worker.js`).
//!
//! The worker reads the attached files from IndexedDB and hashes them with WebCrypto; this
//! module lays out the bag with `anyqtama-bundle` ([`prepare`]), gives what to sign
//! ([`Prepared::signing_input`]) to the worker's non-extractable WebCrypto key, and writes the
//! ZIP ([`Prepared::finish`]). It is a WebAssembly module of its own, loaded only when the
//! applicant submits, so the first page does not carry the bundle code.

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
