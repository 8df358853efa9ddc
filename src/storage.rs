//! Where the draft lives in the browser: the answers in `localStorage` (written after every
//! change, so a reload or a crash resumes where the applicant was), the files' bytes in
//! IndexedDB (`src/js/files.js`). Nothing here sends anything anywhere.

use crate::draft::{Draft, DRAFT_VERSION};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

const DRAFT_KEY: &str = "anyqtama.draft";

#[wasm_bindgen(module = "/src/js/files.js")]
extern "C" {
    #[wasm_bindgen(js_name = putFile)]
    fn put_file_js(key: &str, blob: &web_sys::Blob) -> js_sys::Promise;
    #[wasm_bindgen(js_name = getFile)]
    fn get_file_js(key: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = deleteFile)]
    fn delete_file_js(key: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = fileKeys)]
    fn file_keys_js() -> js_sys::Promise;
    #[wasm_bindgen(js_name = clearFiles)]
    fn clear_files_js() -> js_sys::Promise;
    #[wasm_bindgen(js_name = head)]
    fn head_js(blob: &web_sys::Blob, n: u32) -> js_sys::Promise;
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The saved draft, if there is one of the current version that parses.
pub fn load_draft() -> Option<Draft> {
    let text = local_storage()?.get_item(DRAFT_KEY).ok()??;
    let draft: Draft = serde_json::from_str(&text).ok()?;
    (draft.version == DRAFT_VERSION).then_some(draft)
}

/// Saves the draft; `false` when the browser refuses (private mode, storage full).
pub fn save_draft(draft: &Draft) -> bool {
    let Ok(text) = serde_json::to_string(draft) else { return false };
    local_storage().is_some_and(|s| s.set_item(DRAFT_KEY, &text).is_ok())
}

const ARCHIVE_KEY: &str = "anyqtama.archive";

/// Keeps a submitted draft (with its receipt) in the archive before a new one starts: a draft
/// that reached the portal is never silently dropped. `false` when the browser refuses.
pub fn archive_draft(draft: &Draft) -> bool {
    let Some(storage) = local_storage() else { return false };
    let Ok(entry) = serde_json::to_string(draft) else { return false };
    // A JSON array of drafts, appended to as text (no generic JSON value in the widget's code).
    let text = match storage.get_item(ARCHIVE_KEY).ok().flatten() {
        Some(old) if old.starts_with('[') && old.ends_with(']') && old.len() > 2 => {
            format!("{},{entry}]", &old[..old.len() - 1])
        }
        _ => format!("[{entry}]"),
    };
    storage.set_item(ARCHIVE_KEY, &text).is_ok()
}

pub fn forget_draft() {
    if let Some(s) = local_storage() {
        let _ = s.remove_item(DRAFT_KEY);
    }
}

fn reason(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "storage error".into())
}

pub async fn put_file(key: &str, blob: &web_sys::Blob) -> Result<(), String> {
    JsFuture::from(put_file_js(key, blob)).await.map(|_| ()).map_err(reason)
}

pub async fn get_file(key: &str) -> Result<Option<web_sys::Blob>, String> {
    let v = JsFuture::from(get_file_js(key)).await.map_err(reason)?;
    Ok(v.dyn_into::<web_sys::Blob>().ok())
}

pub async fn delete_file(key: &str) -> Result<(), String> {
    JsFuture::from(delete_file_js(key)).await.map(|_| ()).map_err(reason)
}

/// The keys of every stored file.
pub async fn file_keys() -> Result<Vec<String>, String> {
    let v = JsFuture::from(file_keys_js()).await.map_err(reason)?;
    Ok(js_sys::Array::from(&v).iter().filter_map(|k| k.as_string()).collect())
}

pub async fn clear_files() -> Result<(), String> {
    JsFuture::from(clear_files_js()).await.map(|_| ()).map_err(reason)
}

/// The first `n` bytes of a file.
pub async fn head(blob: &web_sys::Blob, n: u32) -> Result<Vec<u8>, String> {
    let v = JsFuture::from(head_js(blob, n)).await.map_err(reason)?;
    Ok(js_sys::Uint8Array::new(&v).to_vec())
}
