//! Submitting: the package becomes one signed bundle (docs/BUNDLE.md) and goes to the portal —
//! never lost, never twice.
//!
//! A Web Worker with its own WebAssembly (`assets/submit-worker.js`, crate `anyqtama-submit`,
//! downloaded only now) reads the attached files from IndexedDB, hashes them with WebCrypto
//! (progress file by file; the page never freezes), lays out the bag with `anyqtama-bundle` and
//! signs its tag manifest with the non-extractable WebCrypto key; the ZIP is posted with
//! `Idempotency-Key` = the bundle id, which is fixed in the draft from the first try. Network
//! errors and 5xx are retried with back-off; if the portal stays unreachable (or the browser is
//! offline) the ZIP waits in IndexedDB (`outbox/<id>`) and is sent when the connection is back.

use crate::context::Shared;
use crate::draft::{file_key, Receipt, Signer};
use crate::embed::Config;
use anyqtama_core::Date;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/js/shell.js")]
extern "C" {
    #[wasm_bindgen(js_name = submit)]
    fn submit_js(
        order: &str,
        files: &JsValue,
        id: &str,
        endpoint: &str,
        db: &str,
        on_progress: &Closure<dyn Fn(String, u32, u32)>,
        eds: bool,
    ) -> js_sys::Promise;

    #[wasm_bindgen(js_name = signEds)]
    fn sign_eds_js(
        order: &str,
        files: &JsValue,
        id: &str,
        db: &str,
        eds: &JsValue,
        on_progress: &Closure<dyn Fn(String, u32, u32)>,
    ) -> js_sys::Promise;
}

/// How far the submission has come (shown with a progress bar).
#[derive(Clone, Debug, PartialEq)]
pub enum Progress {
    /// Reading and hashing file `done + 1` of `total`.
    Hashing {
        done: usize,
        total: usize,
    },
    Signing,
    /// Waiting for the applicant to sign in NCALayer's window.
    Eds,
    /// Posting, `attempt` from 1.
    Sending {
        attempt: u32,
    },
    /// Not sent yet: kept in the browser, sent when the portal can be reached.
    Queued {
        reason: String,
    },
    /// Delivered: the receipt is in the draft.
    Sent(Receipt),
    /// The portal refused it (4xx): the reason, as the portal said it.
    Refused {
        status: u16,
        reason: String,
    },
    /// The bundle could not be made (a file missing from the browser, a key problem…).
    Failed(String),
    /// Not signed with the EDS: a stable code (`eds.unreachable`, `eds.cancelled`, `eds.error`,
    /// `eds.timeout`, `eds.unreadable`, `eds.not_signing_certificate`, `eds.iin_mismatch`), what
    /// NCALayer said, and the signer when the CMS could be read. The draft and the built bundle
    /// stay: signing again does not rebuild it.
    EdsRefused {
        code: String,
        detail: String,
        signer: Option<Signer>,
    },
    /// Signed with the EDS: the signed bundle waits in the outbox to be sent.
    EdsSigned(Signer),
}

fn reason(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "error".into())
}

/// A random (version 4) UUID from the browser's cryptographic generator.
pub fn new_bundle_id() -> String {
    let mut b = [0u8; 16];
    if let Some(c) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = c.get_random_values_with_u8_array(&mut b);
    }
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &h[0..8], &h[8..12], &h[12..16], &h[16..20], &h[20..32])
}

/// The request the submit worker builds a bundle from.
#[derive(serde::Serialize)]
struct Order<'a> {
    application: &'a anyqtama_core::Application,
    id: &'a str,
    date: Date,
    lang: anyqtama_core::Lang,
    rules_version: &'a str,
}

/// The worker's order (JSON) and the list of attached files, for bundle `id` of the draft.
fn order_and_files(shared: &Shared, id: &str, rules_version: &str) -> Option<(String, js_sys::Array)> {
    let draft = &shared.draft;
    // The bundle carries phones and document numbers in their one form (the core's).
    let application = anyqtama_core::check::normalized(&draft.application, shared.rules());
    let order = Order { application: &application, id, date: shared.today, lang: draft.lang, rules_version };
    let order = serde_json::to_string(&order).ok()?;
    let files = js_sys::Array::new();
    for doc in &draft.application.documents {
        for f in &doc.files {
            let entry = js_sys::Object::new();
            let set = |k: &str, v: &str| js_sys::Reflect::set(&entry, &k.into(), &v.into());
            let _ = set("item", &doc.item);
            let _ = set("name", &f.name);
            let _ = set("key", &file_key(&doc.item, &f.name));
            files.push(&entry);
        }
    }
    Some((order, files))
}

fn on_progress(progress: Rc<dyn Fn(Progress)>) -> Closure<dyn Fn(String, u32, u32)> {
    Closure::<dyn Fn(String, u32, u32)>::new(move |what: String, a: u32, b: u32| {
        progress(match what.as_str() {
            "hashing" => Progress::Hashing { done: a as usize, total: b as usize },
            "signing" => Progress::Signing,
            "eds" => Progress::Eds,
            _ => Progress::Sending { attempt: a },
        })
    })
}

/// Has the applicant sign bundle `id` with their EDS through NCALayer (built first if it was
/// not yet): [`Progress::EdsSigned`] with the signed bundle in the outbox, or
/// [`Progress::EdsRefused`] / [`Progress::Failed`].
pub async fn sign_eds(
    shared: &Shared,
    id: &str,
    rules_version: &str,
    progress: Rc<dyn Fn(Progress)>,
) -> Progress {
    let Some((order, files)) = order_and_files(shared, id, rules_version) else {
        return Progress::Failed("order".into());
    };
    let config = &shared.host.config;
    let eds = js_sys::Object::new();
    crate::embed::set(&eds, "url", config.ncalayer_url());
    crate::embed::set(&eds, "timestamp", config.timestamp);
    crate::embed::set(&eds, "locale", shared.draft.lang.tag());
    crate::embed::set(&eds, "timeoutMs", f64::from(config.ncalayer_timeout.unwrap_or(300)) * 1000.0);
    crate::embed::set(&eds, "iin", shared.draft.application.answer("iin").unwrap_or(""));
    let on_progress = on_progress(progress);
    let outcome =
        match JsFuture::from(sign_eds_js(&order, &files, id, shared.store.files_db(), &eds, &on_progress))
            .await
        {
            Ok(v) => v,
            Err(e) => return Progress::Failed(reason(e)),
        };
    let get = |k: &str| {
        js_sys::Reflect::get(&outcome, &k.into()).ok().filter(|v| !v.is_undefined() && !v.is_null())
    };
    let signer = get("signer")
        .and_then(|v| js_sys::JSON::stringify(&v).ok())
        .and_then(|s| anyqtama_core::json::from_str::<Signer>(&String::from(s)).ok());
    match (get("eds").and_then(|v| v.as_string()), signer) {
        (None, Some(signer)) => Progress::EdsSigned(signer),
        (code, signer) => Progress::EdsRefused {
            code: code.unwrap_or_else(|| "eds.unreadable".into()),
            detail: get("detail").and_then(|v| v.as_string()).unwrap_or_default(),
            signer,
        },
    }
}

/// Builds (or takes from the outbox) and sends the bundle `id` of `draft`; the outcome. When the
/// portal requires an EDS, only a bundle signed before ([`sign_eds`]) is sent.
pub async fn send(
    shared: &Shared,
    id: &str,
    rules_version: &str,
    progress: Rc<dyn Fn(Progress)>,
) -> Progress {
    let Some((order, files)) = order_and_files(shared, id, rules_version) else {
        return Progress::Failed("order".into());
    };
    let on_progress = on_progress(progress);
    let outcome = match JsFuture::from(submit_js(
        &order,
        &files,
        id,
        &endpoint(&shared.host.config),
        shared.store.files_db(),
        &on_progress,
        shared.host.config.signature.wants_eds(),
    ))
    .await
    {
        Ok(v) => v,
        Err(e) => return Progress::Failed(reason(e)),
    };
    let get = |k: &str| js_sys::Reflect::get(&outcome, &k.into()).ok().filter(|v| !v.is_undefined());
    if let Some(text) = get("receipt").and_then(|v| v.as_string()) {
        return match anyqtama_core::json::from_str::<Receipt>(&text) {
            Ok(receipt) => Progress::Sent(receipt),
            Err(e) => Progress::Queued { reason: format!("the portal's receipt is not JSON: {e}") },
        };
    }
    if let Some(status) = get("refused").and_then(|v| v.as_f64()) {
        let reason = get("reason").and_then(|v| v.as_string()).unwrap_or_default();
        return Progress::Refused { status: status as u16, reason };
    }
    Progress::Queued { reason: get("queued").and_then(|v| v.as_string()).unwrap_or_default() }
}

/// The portal's endpoint: the host's (`endpoint`, or `?submit=URL` on the standalone page),
/// else `/api/bundles` on this origin.
pub fn endpoint(config: &Config) -> String {
    config.endpoint.clone().unwrap_or_else(|| "/api/bundles".to_string())
}
