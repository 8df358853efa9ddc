//! The filled application laid out like the official form of annex 1 (in Kazakh or Russian,
//! the languages of the form), and a printable checklist of what is attached and what is
//! missing. The browser's print (Ctrl+P) prints just this page.

use crate::components::check_page::display_value;
use crate::context::Shared;
use crate::draft::{Action, Step};
use anyqtama_core::rules::Requirement;
use anyqtama_core::{Date, Lang};
use anyqtama_i18n::{Localizer, Value};
use yew::prelude::*;

#[component]
pub fn PrintPage() -> Html {
    let shared = use_context::<Shared>().expect("shared context");
    // The form exists in Kazakh and Russian; English readers get the Russian form.
    let form_lang = use_state(|| if shared.t.lang() == Lang::Kk { Lang::Kk } else { Lang::Ru });
    // Russian texts are fetched when first needed (src/locales.rs): the form shows the language
    // whose texts are at hand.
    let (f, failed) = {
        let form_lang = form_lang.clone();
        crate::locales::use_texts(*form_lang, Callback::from(move |l| form_lang.set(l)), false)
    };
    let t = &shared.t;
    let rules = shared.rules();
    let app = &shared.draft.application;
    let lang = f.lang();
    let form = Shared { t: f.clone(), ..shared.clone() };
    let answer = |id: &str| a1_answer(&form, id);
    let line = |text: String, caption: &str| a1_line(&f, text, caption);
    let kind = shared.kind().and_then(|k| rules.kind(k));
    let request = kind.map(|k| f.text(&format!("a1-request-{}", k.subkind))).unwrap_or_default();
    let attachments: Vec<String> = kind
        .map(|k| {
            k.checklist
                .iter()
                .filter(|e| !matches!(e.requirement, Requirement::FromForm))
                .filter_map(|e| rules.item(&e.item))
                .filter(|i| app.document(&i.id).is_some_and(|d| !d.files.is_empty()))
                .map(|i| i.label.get(lang).to_string())
                .collect()
        })
        .unwrap_or_default();
    let date = app
        .answer("application_date")
        .and_then(|d| Date::parse(d).ok())
        .map(|d| f.date(d))
        .unwrap_or_default();
    let name = [answer("surname"), answer("given_name"), answer("patronymic")].join(" ");
    let passport = given(&[answer("id_doc_number"), answer("id_doc_issued_on"), answer("id_doc_issued_by")]);
    let contacts = given(&[answer("kz_address"), answer("kz_phone"), answer("kz_fax")]);
    let home = given(&[answer("home_address"), answer("home_phone")]);
    let employer = given(&[answer("employer_name"), answer("employer_id")]);
    let profession = given(&[answer("profession"), answer("sector")]);

    // The checklist: each item, attached or missing.
    let checklist = kind.map(|k| {
        let rows = k.checklist.iter().filter_map(|e| rules.item(&e.item).map(|i| (e, i))).map(|(e, item)| {
            let files = app.document(&item.id).map(|d| d.files.clone()).unwrap_or_default();
            let status = match (&e.requirement, files.is_empty()) {
                (Requirement::FromForm, _) => f.text("a1-checklist-from-form"),
                (_, false) => f.format("a1-checklist-attached", &[("count", Value::from(i64::try_from(files.len()).unwrap_or(0)))]),
                (Requirement::OneOf { .. }, true) => f.text("a1-checklist-alternative"),
                (Requirement::Required, true) => f.text("a1-checklist-missing"),
            };
            let missing = matches!(e.requirement, Requirement::Required) && files.is_empty();
            html! {
                <tr class={missing.then_some("checklist__missing")}>
                    <td>{ item.label.get(lang) }</td>
                    <td>{ item.cite.clone() }</td>
                    <td>{ status }</td>
                    <td>{ files.iter().map(|f| f.name.clone()).collect::<Vec<_>>().join(", ") }</td>
                </tr>
            }
        });
        html! {
            <section class="checklist-print" aria-labelledby="checklist-title">
                <h2 id="checklist-title" class="heading-m">{ f.format("a1-checklist-title", &[("kind", Value::from(k.label.get(lang)))]) }</h2>
                <table class="table">
                    <thead><tr>
                        <th scope="col">{ f.text("a1-checklist-document") }</th>
                        <th scope="col">{ f.text("a1-checklist-cite") }</th>
                        <th scope="col">{ f.text("a1-checklist-status") }</th>
                        <th scope="col">{ f.text("a1-checklist-files") }</th>
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </section>
        }
    });

    let lang_buttons = [Lang::Kk, Lang::Ru].into_iter().map(|l| {
        let form_lang = form_lang.clone();
        let onclick = Callback::from(move |_: MouseEvent| form_lang.set(l));
        html! {
            <button type="button" class="button button--secondary" lang={l.tag()} aria-pressed={(l == lang).to_string()} {onclick}>
                { t.text(&format!("app-lang-{}", l.tag())) }
            </button>
        }
    });
    let print = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let back = {
        let shared = shared.clone();
        Callback::from(move |_: MouseEvent| shared.dispatch(Action::GoTo(Step::Check)))
    };

    html! {
        <>
            <div class="no-print">
                <h1 class="heading-l" tabindex="-1" id="page-heading">{ t.text("app-print-heading") }</h1>
                <p>{ t.text("app-print-intro") }</p>
                <div class="button-group" role="group" aria-label={t.text("app-print-form-lang")}>{ for lang_buttons }</div>
                { crate::locales::failed_alert(t, failed) }
                <div class="button-group">
                    <button type="button" class="button" onclick={print}>{ t.text("app-print") }</button>
                    <button type="button" class="button button--secondary" onclick={back}>{ t.text("app-back") }</button>
                </div>
            </div>
            <article class="a1" lang={lang.tag()} data-testid="a1-form">
                <div class="a1__annex">{ f.text("a1-annex") }<br />{ f.text("a1-form") }</div>
                <div class="a1__head">
                    { line(app.answer("akimat").map(|_| answer("akimat")).unwrap_or_default(), "a1-caption-akimat") }
                    { line(name, "a1-caption-name") }
                    { line(passport, "a1-caption-passport") }
                    { line(contacts, "a1-caption-contacts") }
                    { line(home, "a1-caption-home") }
                </div>
                <h2 class="a1__title">{ f.text("a1-title") }</h2>
                <p class="a1__text">{ f.format("a1-body", &[("request", Value::from(request))]) }</p>
                { line(profession, "a1-caption-profession") }
                <p class="a1__text">{ f.text("a1-employer") }</p>
                { line(employer, "a1-caption-employer") }
                <p class="a1__text">{ if app.answer("consent") == Some("true") { f.text("a1-consent") } else { f.text("a1-consent-missing") } }</p>
                <p class="a1__text">{ f.text("a1-attached") }</p>
                <ol class="a1__attachments">{ for attachments.iter().map(|a| html! { <li>{ a.clone() }</li> }) }</ol>
                <p class="a1__text">{ f.format("a1-date", &[("date", Value::from(date))]) }</p>
                <p class="a1__text">{ f.text("a1-signature") }</p>
            </article>
            { checklist }
        </>
    }
}

/// An answer as the form shows it, in the form's language (`shared.t` is the form's localizer).
#[inline(never)]
fn a1_answer(shared: &Shared, id: &str) -> String {
    let value = shared.answer(id);
    match shared.rules().field(id) {
        Some(field) => display_value(shared, field, &value),
        None => value,
    }
}

/// A line of the form: the value (a no-break space when empty, to keep the line) and its caption.
#[inline(never)]
fn a1_line(f: &Localizer, text: String, caption: &str) -> Html {
    html! {
        <div class="a1__line">
            <div class="a1__value">{ if text.trim().is_empty() { "\u{00a0}".to_string() } else { text } }</div>
            <div class="a1__caption">{ f.text(caption) }</div>
        </div>
    }
}

/// The non-empty parts, joined with ", ".
fn given(parts: &[String]) -> String {
    parts.iter().filter(|s| !s.is_empty()).map(String::as_str).collect::<Vec<_>>().join(", ")
}
