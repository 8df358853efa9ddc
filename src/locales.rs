//! The widget's texts: Kazakh (the default) is compiled into the wasm; Russian and English are
//! fetched the first time they are needed (`locales/<lang>.ftl`, written by
//! `scripts/build-offline.mjs`, kept by the service worker), so the first page does not carry
//! them. [`use_texts`] keeps showing the current language until the chosen one has arrived; a
//! failed fetch is said, and the page goes on in the language it shows.

use crate::data::fetch_text;
use anyqtama_core::Lang;
use anyqtama_i18n::{embedded, Localizer, Value};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

thread_local! {
    /// Each language once: compiled in, or fetched (its text then lives as long as the page);
    /// and the first page's texts of ru and en, once each when they were needed.
    static LOADED: RefCell<Vec<Rc<Localizer>>> = const { RefCell::new(Vec::new()) };
}

fn find(lang: Lang, partial: bool) -> Option<Rc<Localizer>> {
    LOADED.with(|l| l.borrow().iter().find(|t| t.lang() == lang && t.is_partial() == partial).cloned())
}

/// The texts of `lang` if they are at hand (compiled in, or fetched before).
pub fn cached(lang: Lang) -> Option<Rc<Localizer>> {
    find(lang, false).or_else(|| embedded(lang).then(|| keep(Localizer::new(lang))))
}

/// The texts for a first page in `lang`: all of them when at hand, else the first page's, compiled
/// in (`Localizer::first_page`: the rest in Kazakh until the language's file has arrived).
pub fn first_page(lang: Lang) -> Rc<Localizer> {
    cached(lang).or_else(|| find(lang, true)).unwrap_or_else(|| keep(Localizer::first_page(lang)))
}

fn keep(t: Localizer) -> Rc<Localizer> {
    let t = Rc::new(t);
    LOADED.with(|l| l.borrow_mut().push(t.clone()));
    t
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// The address of the app's JS glue, at the root of the built site (also when a portal
    /// embeds the widget: its page's address says nothing about where the widget's files are).
    #[wasm_bindgen(thread_local_v2, js_namespace = ["import", "meta"], js_name = url)]
    static GLUE_URL: String;
}

/// Where the texts of a language not compiled in are: `locales/<lang>.ftl` next to the glue.
pub fn url(lang: Lang) -> String {
    let base = GLUE_URL.with(|u| u[..u.rfind('/').map_or(0, |i| i + 1)].to_string());
    format!("{base}locales/{}.ftl", lang.tag())
}

/// The texts of `lang`: at hand, or fetched. An answer that is not this widget's texts (no
/// title) is refused as an error, like a failed fetch.
pub async fn load(lang: Lang) -> Result<Rc<Localizer>, String> {
    if let Some(t) = cached(lang) {
        return Ok(t);
    }
    let text = fetch_text(&url(lang)).await?;
    provide(lang, text).ok_or_else(|| "not the widget's texts".into())
}

/// Keeps `text` as the texts of `lang` (a language not compiled in), unless they are at hand
/// already; `None` when it is not this widget's texts (no title). The standalone page's script
/// fetches the texts of the language it expects while the wasm loads and gives them here before
/// mounting (`texts` in main.rs), so that the first render is in that language.
pub fn provide(lang: Lang, text: String) -> Option<Rc<Localizer>> {
    if let Some(t) = cached(lang) {
        return Some(t); // fetched meanwhile
    }
    let t = Localizer::from_text(lang, &[Box::leak(text.into_boxed_str())]);
    t.has("app-title").then(|| keep(t))
}

/// The texts to show for `lang`: at once when at hand, else the current ones until `lang`'s have
/// arrived. Also the language whose texts could not be fetched, for an alert (until another
/// choice); `revert` is then told the language still shown, so that choosing again tries again.
/// A widget that starts on its first page (`first_page`) in a language whose texts are not at
/// hand starts with that page's texts, compiled in ([`first_page`]), not in Kazakh.
#[hook]
pub fn use_texts(lang: Lang, revert: Callback<Lang>, first_page: bool) -> (Rc<Localizer>, Option<Lang>) {
    let at_hand = cached(lang);
    // (Kazakh's texts are parsed only if they are shown: not on a first render in ru or en.)
    let shown = use_mut_ref(|| {
        at_hand
            .clone()
            .or_else(|| first_page.then(|| self::first_page(lang)))
            .or_else(|| cached(Lang::Kk))
            .expect("Kazakh is compiled in")
    });
    if let Some(t) = &at_hand {
        *shown.borrow_mut() = t.clone();
    }
    let shown = shown.borrow().clone();
    // (the language that failed, the one the page stayed in)
    let failed = use_state(|| None::<(Lang, Lang)>);
    let arrived = use_force_update();
    let wanted = use_mut_ref(|| lang);
    {
        // (Over the first page's texts, a failure goes back to Kazakh, the language whose
        // texts are all there.)
        let stayed = if shown.is_partial() { Lang::Kk } else { shown.lang() };
        let failed = failed.clone();
        let fetch = at_hand.is_none();
        use_effect_with(lang, move |&lang| {
            *wanted.borrow_mut() = lang;
            if !fetch {
                if failed.is_some_and(|(_, s)| s != lang) {
                    failed.set(None);
                }
                return;
            }
            crate::later::after_render(move || {
                wasm_bindgen_futures::spawn_local(async move {
                    let result = load(lang).await;
                    // Only the latest choice counts (a slow fetch must not undo a newer one).
                    if *wanted.borrow() != lang {
                        return;
                    }
                    match result {
                        Ok(_) => {
                            failed.set(None);
                            arrived.force_update();
                        }
                        Err(_) => {
                            failed.set(Some((lang, stayed)));
                            revert.emit(stayed);
                        }
                    }
                })
            });
        });
    }
    (shown, failed.map(|(l, _)| l))
}

/// The alert that `lang`'s texts could not be fetched, in the language shown (nothing if none).
pub fn failed_alert(t: &Localizer, lang: Option<Lang>) -> Html {
    let Some(lang) = lang else { return html! {} };
    let name = t.text(&format!("app-lang-{}", lang.tag()));
    html! {
        <div class="panel panel--warning" role="alert" data-testid="lang-failed">
            { t.format("app-lang-failed", &[("lang", Value::from(name))]) }
        </div>
    }
}
