//! The entry points Trunk builds: `mount` renders [`anyqtama_web::App`] into an element, for the
//! standalone page (`assets/start.js`, on `<body>`) and for host pages (`assets/embed.js`: the
//! `<anyqtama-form>` element and `Anyqtama.mount`, in a shadow root). Nothing starts on load.

use anyqtama_web::embed::{Config, Host};
use anyqtama_web::{App, AppProps};
use std::rc::Rc;
use wasm_bindgen::prelude::*;

fn main() {}

/// A mounted widget. `unmount` destroys its components: their effects are cleaned up (timers,
/// listeners), its DOM is removed, and its memory is returned.
#[wasm_bindgen]
pub struct Widget {
    handle: Option<yew::AppHandle<App>>,
}

#[wasm_bindgen]
impl Widget {
    pub fn unmount(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
    }
}

/// Renders a widget into `root`; its events are dispatched on `host`. `config` is the object of
/// `docs/EMBEDDING.md` flattened by `assets/embed.js` into `[key, value, …]`; `["page", "true"]`
/// makes the widget the whole page, configured by the page's address.
#[wasm_bindgen]
pub fn mount(root: web_sys::Element, host: web_sys::Element, config: Vec<String>) -> Widget {
    let config = Config::from_flat(&config);
    let config = if config.page { Config::from_location() } else { config };
    let host = Host { element: Some(host), config: Rc::new(config) };
    let handle = yew::Renderer::<App>::with_root_and_props(root, AppProps { host }).render();
    Widget { handle: Some(handle) }
}

/// Gives the widget the texts of a language not compiled in (`lang`: `ru` or `en`) before it is
/// mounted, so that its first render is in that language rather than in Kazakh until they have
/// been fetched. The standalone page's `start.js` fetches them while the wasm loads. False when
/// `lang` is not a language or `text` not the widget's texts; the widget then fetches them itself
/// when it needs them.
#[wasm_bindgen]
pub fn texts(lang: &str, text: String) -> bool {
    anyqtama_core::Lang::parse(lang).and_then(|lang| anyqtama_web::locales::provide(lang, text)).is_some()
}

/// Reads the built-in data before the widget is mounted (once a page; optional). The page's
/// script calls it after loading the wasm, while the texts of its language may still be on their
/// way, so that the first render does not wait for it.
#[wasm_bindgen]
pub fn prepare() {
    anyqtama_web::data::builtin();
}

/// Talc instead of the standard library's dlmalloc: ~2.5 KB less gzipped WebAssembly.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
// SAFETY: wasm32-unknown-unknown without atomics: one thread allocates and frees.
static ALLOCATOR: talc::TalckWasm = unsafe { talc::TalckWasm::new_global() };
