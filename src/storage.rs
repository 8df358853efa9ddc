//! Where the draft lives in the browser: the answers in `localStorage` (written after every
//! change, so a reload or a crash resumes where the applicant was), the files' bytes in
//! IndexedDB (`src/js/shell.js`, the one IndexedDB helper: the submit outbox and the submit worker
//! use it too). Nothing here sends anything anywhere.
//!
//! `localStorage` is reached through web-sys, not gloo-storage: gloo-storage's `LocalStorage`
//! throws (a trap, with `panic = "abort"`) where the browser refuses storage — a portal's iframe
//! with third-party storage blocked, some private modes —, and there the widget must go on
//! without saving (`save_draft` says `false`), not stop.
//!
//! Each widget on a page has its own [`Store`], named by its instance: two widgets never share
//! a draft or a file. The default instance keeps the names of the standalone page
//! (`anyqtama.draft`, IndexedDB `anyqtama`), so drafts saved before embedding existed resume.

use crate::draft::{Draft, DRAFT_VERSION};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/js/shell.js")]
extern "C" {
    #[wasm_bindgen(js_name = putFile)]
    fn put_file_js(db: &str, key: &str, blob: &web_sys::Blob) -> js_sys::Promise;
    #[wasm_bindgen(js_name = getFile)]
    fn get_file_js(db: &str, key: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = deleteFile)]
    fn delete_file_js(db: &str, key: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = fileKeys)]
    fn file_keys_js(db: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = clearFiles)]
    fn clear_files_js(db: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = head)]
    fn head_js(blob: &web_sys::Blob, n: u32) -> js_sys::Promise;
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn reason(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "storage error".into())
}

/// One widget's storage: `anyqtama.<instance>.draft` and the IndexedDB `anyqtama.<instance>`,
/// or, for the default instance, `anyqtama.draft` and `anyqtama`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Store {
    /// `anyqtama` or `anyqtama.<instance>`.
    prefix: String,
}

/// The default instance's (the standalone page's).
impl Default for Store {
    fn default() -> Store {
        Store::new("")
    }
}

impl Store {
    /// The store of the instance named `instance` (empty or `default`: the standalone page's).
    pub fn new(instance: &str) -> Store {
        match instance {
            "" | "default" => Store { prefix: "anyqtama".into() },
            name => Store { prefix: format!("anyqtama.{name}") },
        }
    }

    fn key(&self, what: &str) -> String {
        format!("{}.{what}", self.prefix)
    }

    /// The IndexedDB database of the files (also read by the submit worker).
    pub fn files_db(&self) -> &str {
        &self.prefix
    }

    /// The saved draft, if there is one of the current version that parses.
    pub fn load_draft(&self) -> Option<Draft> {
        let text = local_storage()?.get_item(&self.key("draft")).ok()??;
        let draft: Draft = anyqtama_core::json::from_str(&text).ok()?;
        (draft.version == DRAFT_VERSION).then_some(draft)
    }

    /// Saves the draft; `false` when the browser refuses (private mode, storage full).
    pub fn save_draft(&self, draft: &Draft) -> bool {
        let Ok(text) = serde_json::to_string(draft) else { return false };
        local_storage().is_some_and(|s| s.set_item(&self.key("draft"), &text).is_ok())
    }

    /// Keeps a submitted draft (with its receipt) in the archive before a new one starts: a
    /// draft that reached the portal is never silently dropped. `false` when the browser
    /// refuses.
    pub fn archive_draft(&self, draft: &Draft) -> bool {
        let Some(storage) = local_storage() else { return false };
        let Ok(entry) = serde_json::to_string(draft) else { return false };
        let key = self.key("archive");
        // A JSON array of drafts, appended to as text (no generic JSON value in the widget's code).
        let text = match storage.get_item(&key).ok().flatten() {
            Some(old) if old.starts_with('[') && old.ends_with(']') && old.len() > 2 => {
                format!("{},{entry}]", &old[..old.len() - 1])
            }
            _ => format!("[{entry}]"),
        };
        storage.set_item(&key, &text).is_ok()
    }

    pub fn forget_draft(&self) {
        if let Some(s) = local_storage() {
            let _ = s.remove_item(&self.key("draft"));
        }
    }

    pub async fn put_file(&self, key: &str, blob: &web_sys::Blob) -> Result<(), String> {
        JsFuture::from(put_file_js(&self.prefix, key, blob)).await.map(|_| ()).map_err(reason)
    }

    pub async fn get_file(&self, key: &str) -> Result<Option<web_sys::Blob>, String> {
        let v = JsFuture::from(get_file_js(&self.prefix, key)).await.map_err(reason)?;
        Ok(v.dyn_into::<web_sys::Blob>().ok())
    }

    pub async fn delete_file(&self, key: &str) -> Result<(), String> {
        JsFuture::from(delete_file_js(&self.prefix, key)).await.map(|_| ()).map_err(reason)
    }

    /// The keys of every stored file.
    pub async fn file_keys(&self) -> Result<Vec<String>, String> {
        let v = JsFuture::from(file_keys_js(&self.prefix)).await.map_err(reason)?;
        Ok(js_sys::Array::from(&v).iter().filter_map(|k| k.as_string()).collect())
    }

    pub async fn clear_files(&self) -> Result<(), String> {
        JsFuture::from(clear_files_js(&self.prefix)).await.map(|_| ()).map_err(reason)
    }
}

/// The first `n` bytes of a file. (Not gloo-file: its reader costs 1.6 KB of gzipped wasm more
/// than these five lines of JS, BENCHMARKS.md.)
pub async fn head(blob: &web_sys::Blob, n: u32) -> Result<Vec<u8>, String> {
    let v = JsFuture::from(head_js(blob, n)).await.map_err(reason)?;
    Ok(js_sys::Uint8Array::new(&v).to_vec())
}

#[cfg(test)]
mod tests {
    use super::Store;

    #[test]
    fn the_default_instance_keeps_the_standalone_names_and_others_are_apart() {
        assert_eq!(Store::new("").key("draft"), "anyqtama.draft");
        assert_eq!(Store::new("default").files_db(), "anyqtama");
        assert_eq!(Store::default(), Store::new(""));
        let a = Store::new("a");
        assert_eq!(a.key("draft"), "anyqtama.a.draft");
        assert_eq!(a.files_db(), "anyqtama.a");
        assert_ne!(Store::new("b").key("archive"), a.key("archive"));
    }
}
