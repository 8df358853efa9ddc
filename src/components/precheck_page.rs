//! Pre-check a document package: choose (or drop) bundles, an unzipped bundle folder or a set of
//! documents, and get the report `anyqtama check` gives — nothing is uploaded.
//!
//! The check runs in a Web Worker with its own WebAssembly (`assets/precheck-worker.js`, crate
//! `anyqtama-precheck`) against the page's regulation (the portal's data URLs) and "today". To
//! keep the first page small, this component is only the heading, the back link and a place for
//! the body, which `assets/precheck-page.js` (loaded when the page opens) fills with what the
//! worker lays out from our texts — form, progress, report — in kk, ru and en at once, so that a
//! language switch needs no second check. The page's own texts (loading, could not run) go to it
//! with the language.

use anyqtama_i18n::Localizer;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

#[wasm_bindgen(module = "/src/js/shell.js")]
extern "C" {
    /// Shows the body in `host` in `lang` (started on the first call, with the widget's data
    /// URLs: the same regulation as the page's).
    #[allow(clippy::too_many_arguments)]
    fn show(
        page: &JsValue,
        host: &web_sys::Element,
        today: &str,
        rules: Vec<String>,
        calendar: Vec<String>,
        sectors: Vec<String>,
        lang: &str,
        loading: &str,
        failed: &str,
    );
    fn unmount(page: &JsValue);
}

/// The link that opens the page (on the first page and in the footer).
pub fn precheck_link(t: &Localizer, open: &Callback<bool>) -> Html {
    let onclick = open.reform(|e: MouseEvent| {
        e.prevent_default();
        true
    });
    html! { <p class="no-print"><a href="#precheck" data-testid="precheck-link" {onclick}>{ t.text("app-precheck-link") }</a></p> }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Called with `false`: back to the application, where the applicant was.
    pub on_back: Callback<bool>,
}

#[component]
pub fn PrecheckPage(props: &Props) -> Html {
    let shared = use_context::<crate::context::Shared>().expect("shared context");
    let t = &shared.t;
    let host = use_node_ref();
    // The body's state (`{page, texts}` in src/js/shell.js): it starts with the page, follows
    // the language, and stops (with its worker) when the page is left.
    let page = use_memo((), |()| js_sys::Object::new());
    {
        let page = page.clone();
        use_effect_with((), move |_| move || unmount(&page));
    }
    {
        let (page, today) = (page.clone(), shared.today.to_string());
        let data = shared.host.config.data.clone();
        let texts = [t.text("app-precheck-loading"), t.text("app-precheck-failed")];
        use_effect_with((host.clone(), t.lang()), move |(host, lang)| {
            if let Some(host) = host.cast::<web_sys::Element>() {
                let sectors = data.sectors.iter().cloned().collect();
                show(
                    &page,
                    &host,
                    &today,
                    data.rules.clone(),
                    data.calendar.clone(),
                    sectors,
                    lang.tag(),
                    &texts[0],
                    &texts[1],
                );
            }
        });
    }

    let back = props.on_back.reform(|e: MouseEvent| {
        e.prevent_default();
        false
    });
    html! {
        <>
            <a href="#" class="back-link no-print" data-testid="precheck-back" onclick={back}>{ t.text("app-back") }</a>
            <h1 class="heading-l" tabindex="-1" id="page-heading">{ t.text("app-precheck-link") }</h1>
            <div ref={host}></div>
        </>
    }
}
