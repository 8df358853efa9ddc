//! The widget in a real browser (wasm-bindgen-test with ChromeDriver): the app mounts in Kazakh
//! on the first page of the journey, validates on "continue" with a focused error summary,
//! switches language without losing answers; the draft survives in localStorage and the files
//! in IndexedDB; a file is recognised from its bytes, whatever its name.
//!
//! Run by `scripts/test.sh`, or by hand:
//! `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER=/usr/bin/chromedriver
//! cargo test -p anyqtama-web --target wasm32-unknown-unknown`.
//! Natively this file compiles to nothing, so `cargo test --workspace` skips it.
#![cfg(target_arch = "wasm32")]

use anyqtama_core::filetype::{sniff, Sniffed};
use anyqtama_core::{builtin, Lang};
use anyqtama_i18n::Localizer;
use anyqtama_web::draft::{Action, Draft, Step};
use anyqtama_web::storage::{self, Store};
use anyqtama_web::{App, RulesFact};
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement, HtmlInputElement};
use yew::Reducible;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A clean browser state, then a fresh app in its own `<div>`.
async fn mount() -> Element {
    web_sys::window().unwrap().local_storage().unwrap().unwrap().clear().unwrap();
    Store::default().clear_files().await.unwrap();
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    tick().await;
    root
}

fn unmount(root: Element) {
    root.remove();
}

/// Lets Yew's scheduler run the pending renders.
async fn tick() {
    yew::platform::time::sleep(Duration::from_millis(20)).await;
}

fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no element matches {selector}"))
}

fn text(root: &Element, selector: &str) -> String {
    find(root, selector).text_content().unwrap_or_default()
}

fn click(root: &Element, selector: &str) {
    find(root, selector).dyn_into::<HtmlElement>().unwrap().click();
}

/// Types into a text input as a user would (value, then an `input` event).
fn type_into(root: &Element, selector: &str, value: &str) {
    let input: HtmlInputElement = find(root, selector).dyn_into().unwrap();
    input.set_value(value);
    let event = web_sys::InputEvent::new("input").unwrap();
    input.dispatch_event(&event).unwrap();
}

fn first_section_label(lang: Lang) -> String {
    builtin::rule_sets().latest().unwrap().form[0].label.get(lang).to_string()
}

#[wasm_bindgen_test]
async fn starts_in_kazakh_on_the_first_question_page_and_switches_language_keeping_answers() {
    let root = mount().await;
    assert_eq!(text(&root, "h1"), first_section_label(Lang::Kk));
    assert_eq!(find(&root, "button[lang=kk]").get_attribute("aria-pressed").as_deref(), Some("true"));

    click(&root, "input[name=kind][value=extend]");
    tick().await;
    click(&root, "button[lang=en]");
    tick().await;
    assert_eq!(text(&root, "h1"), first_section_label(Lang::En));
    let extend: HtmlInputElement = find(&root, "input[name=kind][value=extend]").dyn_into().unwrap();
    assert!(extend.checked(), "the answer survives the language switch");
    // Mounted as a part of this page (not the whole page), it names only its own root's
    // language, not the document's (the standalone page's <html lang> is checked end to end).
    assert_eq!(find(&root, ".anyqtama").get_attribute("lang").as_deref(), Some("en"));
    assert_ne!(document().document_element().unwrap().get_attribute("lang").as_deref(), Some("en"));
    unmount(root);
}

#[wasm_bindgen_test]
async fn continue_on_an_empty_page_shows_a_focused_error_summary_linking_to_each_field() {
    let root = mount().await;
    click(&root, "[data-testid=continue]");
    tick().await;
    let summary = find(&root, "[data-testid=error-summary]");
    assert_eq!(document().active_element().unwrap(), summary, "the summary takes focus");
    let links = summary.query_selector_all("a").unwrap();
    assert_eq!(links.length(), 2, "kind and akimat are missing");
    let hrefs: Vec<String> = (0..links.length())
        .map(|i| links.get(i).unwrap().dyn_into::<Element>().unwrap().get_attribute("href").unwrap())
        .collect();
    assert_eq!(hrefs, ["#field-kind", "#field-akimat"]);
    // The message beside the field is tied to it.
    let akimat = find(&root, "#field-akimat");
    assert_eq!(akimat.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(akimat.get_attribute("aria-describedby").unwrap().contains("field-akimat-error"));
    // Following a link focuses the field.
    links.get(1).unwrap().dyn_into::<HtmlElement>().unwrap().click();
    assert_eq!(document().active_element().unwrap().id(), "field-akimat");
    // Still on the first page: nothing goes on while blockers remain.
    assert_eq!(text(&root, "h1"), first_section_label(Lang::Kk));
    unmount(root);
}

#[wasm_bindgen_test]
async fn a_complete_first_page_goes_on_and_the_draft_is_saved_at_once() {
    let root = mount().await;
    click(&root, "input[name=kind][value=issue]");
    let select: web_sys::HtmlSelectElement = find(&root, "#field-akimat").dyn_into().unwrap();
    select.set_value("almaty");
    select.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    tick().await;
    click(&root, "[data-testid=continue]");
    tick().await;
    let rules = builtin::rule_sets();
    assert_eq!(text(&root, "h1"), rules.latest().unwrap().form[1].label.kk);
    type_into(&root, "#field-surname", "Ivanov");
    tick().await;
    let saved = Store::default().load_draft().expect("a saved draft");
    assert_eq!(saved.application.answer("surname"), Some("Ivanov"));
    assert_eq!(saved.application.kind(), Some("issue"));
    assert_eq!(saved.step, Step::Section("applicant".into()));
    unmount(root);
}

#[wasm_bindgen_test]
async fn the_draft_and_files_survive_in_browser_storage() {
    web_sys::window().unwrap().local_storage().unwrap().unwrap().clear().unwrap();
    Store::default().clear_files().await.unwrap();
    assert!(Store::default().load_draft().is_none());
    let draft = std::rc::Rc::new(Draft::new(Lang::Ru, Step::Documents))
        .reduce(Action::Answer { field: "surname".into(), value: "Ivanov".into() });
    assert!(Store::default().save_draft(&draft));
    assert_eq!(Store::default().load_draft().as_ref(), Some(&*draft));

    let bytes = js_sys::Uint8Array::from(&b"%PDF-1.4 test"[..]);
    let parts = js_sys::Array::of1(&bytes);
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).unwrap();
    Store::default().put_file("work-record/a.pdf", &blob).await.unwrap();
    assert_eq!(Store::default().file_keys().await.unwrap(), ["work-record/a.pdf"]);
    let back = Store::default().get_file("work-record/a.pdf").await.unwrap().expect("stored");
    assert_eq!(back.size(), 13.0);
    Store::default().delete_file("work-record/a.pdf").await.unwrap();
    assert!(Store::default().get_file("work-record/a.pdf").await.unwrap().is_none());

    // A draft of another shape is not restored (and does not crash the app).
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .set_item("anyqtama.draft", "{ not json")
        .unwrap();
    assert!(Store::default().load_draft().is_none());
}

#[wasm_bindgen_test]
async fn a_file_is_recognised_from_its_bytes_not_its_name() {
    let blob = |bytes: &[u8]| {
        let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
        web_sys::Blob::new_with_u8_array_sequence(&parts).unwrap()
    };
    // An .exe renamed .pdf starts with "MZ".
    let exe = storage::head(&blob(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00rest"), 16)
        .await
        .unwrap();
    assert_eq!(exe.len(), 16);
    assert_eq!(sniff(&exe), Sniffed::Executable);
    let png = storage::head(&blob(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), 16).await.unwrap();
    assert_eq!(sniff(&png), Sniffed::Png);
    let pdf = storage::head(&blob(b"%PDF-1.7\n"), 16).await.unwrap();
    assert_eq!(sniff(&pdf), Sniffed::Pdf);
}

#[wasm_bindgen_test]
async fn shows_the_rules_fact_computed_by_the_core() {
    let root = mount().await;
    let fact = RulesFact::builtin().expect("the build has rules");
    let shown = text(&root, "[data-testid=rules-fact]");
    assert_eq!(shown, fact.sentence(&Localizer::new(Lang::Kk)));
    assert!(shown.contains(&fact.version), "{shown:?} lacks the version {}", fact.version);
    unmount(root);
}
