//! The app in a real browser (wasm-bindgen-test with ChromeDriver): it starts in Kazakh, the
//! language switch re-renders it, and the core's computed fact is on the page.
//!
//! Run by `scripts/test.sh`, or by hand:
//! `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER=/usr/bin/chromedriver
//! cargo test -p anyqtama-web --target wasm32-unknown-unknown`.
//! Natively this file compiles to nothing, so `cargo test --workspace` skips it.
#![cfg(target_arch = "wasm32")]

use anyqtama_core::Lang;
use anyqtama_i18n::Localizer;
use anyqtama_web::{App, RulesFact};
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts a fresh app into its own `<div>` and returns that div.
fn mount() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    root
}

/// Lets Yew's scheduler run the pending renders.
async fn tick() {
    yew::platform::time::sleep(Duration::from_millis(10)).await;
}

fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no element matches {selector}"))
}

fn text(root: &Element, selector: &str) -> String {
    find(root, selector).text_content().unwrap_or_default()
}

fn pressed(root: &Element, lang: Lang) -> Option<String> {
    find(root, &format!("button[lang={}]", lang.tag())).get_attribute("aria-pressed")
}

/// The message itself, and not its id (which is what a missing message formats to).
fn message(lang: Lang, id: &str) -> String {
    let text = Localizer::new(lang).text(id);
    assert_ne!(text, id, "{lang}: no message {id} in locales/{lang}/app.ftl");
    text
}

#[wasm_bindgen_test]
async fn starts_in_kazakh_and_switches_to_english() {
    let root = mount();
    tick().await;

    assert_eq!(text(&root, "h1"), message(Lang::Kk, "app-heading"));
    assert_eq!(pressed(&root, Lang::Kk).as_deref(), Some("true"));
    assert_eq!(pressed(&root, Lang::En).as_deref(), Some("false"));

    find(&root, "button[lang=en]").dyn_into::<HtmlElement>().unwrap().click();
    tick().await;

    assert_eq!(text(&root, "h1"), message(Lang::En, "app-heading"));
    assert_eq!(pressed(&root, Lang::En).as_deref(), Some("true"));
    assert_eq!(pressed(&root, Lang::Kk).as_deref(), Some("false"));
    let html_lang = web_sys::window().unwrap().document().unwrap().document_element().unwrap();
    assert_eq!(html_lang.get_attribute("lang").as_deref(), Some("en"));
}

#[wasm_bindgen_test]
async fn shows_the_rules_fact_computed_by_the_core() {
    let root = mount();
    tick().await;

    let fact = RulesFact::builtin().expect("the build has rules");
    let shown = text(&root, "[data-testid=rules-fact]");
    assert_eq!(shown, fact.sentence(&Localizer::new(Lang::Kk)));
    assert!(shown.contains(&fact.version), "{shown:?} lacks the version {}", fact.version);
}
