//! The whole widget: the draft (a reducer, saved after every change), the regulation (built in,
//! or newer data named by the portal), the core's report on every change, and the page of the
//! journey the applicant is on. Every text comes from `locales/<lang>/app.ftl` (ids `app-…`).

use crate::components::check_page::CheckPage;
use crate::components::documents_page::DocumentsPage;
use crate::components::header::header;
use crate::components::precheck_page::{precheck_link, PrecheckPage};
use crate::components::print_page::PrintPage;
use crate::components::section_page::SectionPage;
use crate::components::start_again::StartAgain;
use crate::context::Shared;
use crate::data::{self, LoadError};
use crate::draft::{file_key, Action, Draft, Step};
use crate::embed::{self, Host};
use crate::steps;
use crate::storage::Store;
use anyqtama_core::{check, Date, Lang, Regulation, RuleSets};
use anyqtama_i18n::{Localizer, Value};
use std::rc::Rc;
use yew::prelude::*;

/// What the page says about the rules in use, computed by the core.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RulesFact {
    /// The newest rule set's version, e.g. `2026.1`.
    pub version: String,
    /// The day it comes into force.
    pub effective_from: Date,
    /// Whether that day is an estimate.
    pub provisional: bool,
    /// How many kinds of request it defines.
    pub kinds: usize,
}
impl RulesFact {
    /// Parses the built-in rules (the JSON under `data/rules/`) and reads the newest set.
    pub fn builtin() -> Option<RulesFact> {
        RulesFact::of(&anyqtama_core::builtin::rule_sets())
    }

    /// The newest set of `sets` (built-in or loaded by a portal).
    pub fn of(sets: &RuleSets) -> Option<RulesFact> {
        let latest = sets.latest()?;
        Some(RulesFact {
            version: latest.version.clone(),
            effective_from: latest.effective_from,
            provisional: latest.effective_from_provisional,
            kinds: latest.kinds.len(),
        })
    }

    /// The sentence of `app-rules-fact` in the localizer's language.
    pub fn sentence(&self, t: &Localizer) -> String {
        let kinds = i64::try_from(self.kinds).unwrap_or(i64::MAX);
        t.format(
            "app-rules-fact",
            &[
                ("version", Value::from(self.version.as_str())),
                ("date", Value::from(t.date(self.effective_from))),
                ("kinds", Value::from(kinds)),
            ],
        )
    }
}

/// Sets `<html lang>` at once and the document title after the render (setting it took ~1 ms
/// of the first render: `crate::later`), so that screen readers and the tab follow the language
/// switch (only when the widget is the whole page: a portal's document is its own).
fn update_document(lang: Lang, title: String) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Some(html) = document.document_element() {
        let _ = html.set_attribute("lang", lang.tag());
    }
    crate::later::after_render(move || document.set_title(&title));
}

/// Where the page's data stands: built in, being fetched from the portal's URLs, or loaded.
#[derive(Clone, Debug, PartialEq)]
enum DataState {
    Builtin,
    Loading,
    Loaded { files: usize },
    Failed(LoadError),
}

/// The first page of the journey.
fn first_step(regulation: &Regulation) -> Step {
    regulation.rules.latest().map_or(Step::Check, |r| steps::journey(r, None).remove(0))
}

/// The saved draft (or a fresh one on the first page, in the browser's preferred language), in
/// the language the host asks for, with
/// the host's answers (the applicant's IIN from the portal's session, a preset akimat) where
/// the applicant has not answered yet. A prefilled field the rules do not know is reported.
fn start_draft(host: &Host, store: &Store, regulation: &Regulation) -> Draft {
    let config = &host.config;
    let mut draft = store.load_draft().unwrap_or_else(|| {
        let lang =
            embed::preferred_lang(embed::browser_langs().iter().map(String::as_str), &config.offered());
        Draft::dated(lang, first_step(regulation), data::now(config, regulation).date)
    });
    draft.lang = config.start_lang(draft.lang);
    let Some(rules) = regulation.rules.latest() else { return draft };
    for (field, value) in &config.prefill {
        if rules.field(field).is_none() {
            host.error("config.prefill", &format!("prefill.{field}"));
        } else if draft.application.answer(field).is_none_or(str::is_empty) {
            draft.application.answers.insert(field.clone(), value.clone());
        }
    }
    draft
}

/// The widget's properties: the host page (its element and configuration). The default is a
/// widget with no host page around it (the browser tests mount it so).
#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    #[prop_or_default]
    pub host: Host,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let host = props.host.clone();
    let config = host.config.clone();
    let store = use_memo(config.instance.clone(), |instance| Store::new(instance));
    let store: Store = (*store).clone();
    let regulation = use_state(data::builtin);
    let data_generation = use_state(|| 0u32);
    let data_state = use_state(|| DataState::Builtin);
    // The built-in data is parsed once, above; a fresh draft starts on its first page.
    let draft = use_reducer({
        let regulation = (*regulation).clone();
        let (host, store) = (host.clone(), store.clone());
        move || start_draft(&host, &store, &regulation)
    });
    let lost_files = use_state(Vec::<String>::new);
    // The pre-check page, open over the journey (whose page stays as it was, to go back to).
    let precheck = use_state(|| false);
    let set_precheck = {
        let precheck = precheck.clone();
        Callback::from(move |open| precheck.set(open))
    };
    // (`_eq`: the save after every change sets it, mostly to what it was; a plain `use_state`
    // rendered the whole widget a second time for each change, the first render included.)
    let saved = use_state_eq(|| true);
    // Read at every render: the forecast follows the clock (the report is recomputed when the
    // minute has changed, not at every render).
    let now = data::now(&config, &regulation);
    let today = now.date;
    // Kazakh is compiled in; Russian and English are fetched when chosen (src/locales.rs).
    let on_lang = {
        let draft = draft.clone();
        Callback::from(move |lang: Lang| draft.dispatch(Action::SetLang(lang)))
    };
    let on_first_page = draft.step == first_step(&regulation);
    let (t, lang_failed) = crate::locales::use_texts(draft.lang, on_lang.clone(), on_first_page);

    // The core's verdict, on every change of the application (or of the data).
    let report = {
        let regulation = regulation.clone();
        use_memo((draft.application.clone(), now, *data_generation), move |(application, now, _)| {
            Rc::new(check(application, *now, &regulation))
        })
    };
    let report: Rc<anyqtama_core::Report> = (*report).clone();

    // Once, after the first render (one effect for both, in this order: less code than two).
    {
        let regulation = regulation.clone();
        let data_state = data_state.clone();
        let data_generation = data_generation.clone();
        let draft = draft.clone();
        let lost_files = lost_files.clone();
        let (host, store) = (host.clone(), store.clone());
        let report = report.clone();
        use_effect_with((), move |_| {
            for rejected in &host.config.rejected {
                host.error("config.value", rejected);
            }
            let detail = js_sys::Object::new();
            embed::set(&detail, "lang", draft.lang.tag());
            embed::set(&detail, "blockers", report.blockers as u32);
            host.emit("ready", &detail);

            // Rule, calendar and sector files named by the host (or the page's address), once.
            let urls = host.config.data.clone();
            if !urls.is_empty() {
                data_state.set(DataState::Loading);
                wasm_bindgen_futures::spawn_local(async move {
                    match data::load(&urls).await {
                        Ok(loaded) => {
                            regulation.set(Rc::new(loaded));
                            data_generation.set(*data_generation + 1);
                            data_state.set(DataState::Loaded { files: urls.count() });
                        }
                        Err(e) => {
                            host.error("data.load", &format!("{}: {}", e.url, e.reason));
                            data_state.set(DataState::Failed(e));
                        }
                    }
                });
            }

            // A restored draft's files must still be in the browser; any that are not are said,
            // not hidden.
            let documents = draft.application.documents.clone();
            if documents.iter().any(|d| !d.files.is_empty()) {
                wasm_bindgen_futures::spawn_local(async move {
                    let Ok(keys) = store.file_keys().await else { return };
                    let mut lost = Vec::new();
                    for doc in &documents {
                        for f in &doc.files {
                            if !keys.contains(&file_key(&doc.item, &f.name)) {
                                lost.push(f.name.clone());
                                draft.dispatch(Action::Detach {
                                    item: doc.item.clone(),
                                    name: f.name.clone(),
                                });
                            }
                        }
                    }
                    lost_files.set(lost);
                });
            }
        });
    }

    // Every change is saved at once: a reload or a crash resumes here. The host hears of each
    // save after the first (which only writes back what was loaded).
    {
        let saved = saved.clone();
        let (host, store) = (host.clone(), store.clone());
        let first = use_mut_ref(|| true);
        use_effect_with(draft.clone(), move |draft| {
            let ok = store.save_draft(draft);
            saved.set(ok);
            let first = std::mem::replace(&mut *first.borrow_mut(), false);
            if !ok {
                host.error("storage.draft", "the browser refused to keep the draft");
            } else if !first {
                let detail = js_sys::Object::new();
                embed::set(&detail, "step", serde_json::to_string(&draft.step).unwrap_or_default());
                host.emit("draft-saved", &detail);
            }
        });
    }

    // The verdict's count of blockers, to the host, whenever it changes.
    {
        let host = host.clone();
        let counts = (report.blockers, report.warnings, report.may_submit);
        use_effect_with(counts, move |(blockers, warnings, may_submit)| {
            let detail = js_sys::Object::new();
            embed::set(&detail, "blockers", *blockers as u32);
            embed::set(&detail, "warnings", *warnings as u32);
            embed::set(&detail, "maySubmit", *may_submit);
            host.emit("validity-changed", &detail);
        });
    }

    // The receipt, to the host, when the portal has given it (not again on a later visit).
    {
        let host = host.clone();
        let receipt = draft.submission.as_ref().and_then(|s| s.receipt.clone());
        let known = use_mut_ref(|| receipt.is_some());
        use_effect_with(receipt, move |receipt| {
            if let Some(receipt) = receipt {
                if !std::mem::replace(&mut *known.borrow_mut(), true) {
                    let detail = js_sys::Object::new();
                    let json = serde_json::to_string(receipt).unwrap_or_default();
                    embed::set(&detail, "receipt", js_sys::JSON::parse(&json).unwrap_or_default());
                    host.emit("submitted", &detail);
                }
            }
        });
    }

    // A new page: to the top, focus on its heading (screen readers hear where they are). Not on
    // the first render: a fresh load starts at the top of the document, so Tab reaches the skip
    // link and the language switch first.
    // An embedded widget only brings its heading into view (the host page is not scrolled to
    // its top).
    let first_render = use_mut_ref(|| true);
    {
        let host = host.clone();
        use_effect_with((draft.step.clone(), *precheck), move |_| {
            if std::mem::replace(&mut *first_render.borrow_mut(), false) {
                return;
            }
            if let (true, Some(w)) = (host.config.page, web_sys::window()) {
                w.scroll_to_with_x_and_y(0.0, 0.0);
            }
            host.focus("page-heading");
        });
    }

    let title = t.text("app-title");
    use_effect_with((t.lang(), title, config.page), |(lang, title, page)| {
        if *page {
            update_document(*lang, title.clone());
        }
    });

    let shared = Shared {
        t: t.clone(),
        regulation: (*regulation).clone(),
        draft: draft.clone(),
        report,
        today,
        host: host.clone(),
        store: store.clone(),
    };

    let page = match &draft.step {
        _ if *precheck => html! { <PrecheckPage on_back={set_precheck.clone()} /> },
        Step::Section(id) => html! { <SectionPage key={id.clone()} section={id.clone()} /> },
        Step::Documents => html! { <DocumentsPage /> },
        Step::Check => html! { <CheckPage /> },
        Step::Print => html! { <PrintPage /> },
        Step::Submit => html! { <crate::components::submit_page::SubmitPage /> },
    };
    let fact = RulesFact::of(&regulation.rules);
    let rules = match fact.as_ref() {
        Some(fact) => html! {
            <>
                <p data-testid="rules-fact">{ fact.sentence(&t) }</p>
                if fact.provisional {
                    <p>{ t.text("app-rules-provisional") }</p>
                }
            </>
        },
        None => html! { <p data-testid="rules-fact">{ t.text("app-rules-missing") }</p> },
    };
    let progress = progress(&shared);

    html! {
        <ContextProvider<Shared> context={shared.clone()}>
          // In a host page the widget is one named region of the portal's page, not a page of
          // its own: no <main>, <header> or <footer> landmarks, no skip link (the portal's).
          // (data-texts: only the first page's texts are at hand yet: src/locales.rs first_page.)
          <div class="anyqtama" lang={t.lang().tag()} data-texts={t.is_partial().then_some("first-page")}
              role={(!config.page).then_some("region")} aria-label={(!config.page).then(|| t.text("app-title"))}>
            if config.page {
                <a class="skip-link no-print" href="#main">{ t.text("app-skip-link") }</a>
            }
            { header(&shared, &on_lang) }
            <@{if config.page { "main" } else { "div" }} id="main" class="width-container main" tabindex="-1">
                <crate::components::update_notice::UpdateNotice />
                { crate::locales::failed_alert(&t, lang_failed) }
                if !lost_files.is_empty() {
                    <div class="panel panel--warning" role="alert" data-testid="lost-files">
                        { t.format("app-lost-files", &[("files", Value::from(lost_files.join(", ")))]) }
                    </div>
                }
                if !*saved {
                    <div class="panel panel--warning" role="alert">{ t.text("app-not-saved") }</div>
                }
                if !*precheck {
                    { progress }
                }
                if on_first_page && !*precheck && shared.receipt().is_some() {
                    { view_receipt(&shared) }
                }
                { page }
                if on_first_page && !*precheck {
                    { precheck_link(&t, &set_precheck) }
                }
                if !*precheck {
                    <StartAgain />
                }
            </@>
            <@{if config.page { "footer" } else { "div" }} class="footer no-print">
                <div class="width-container">
                    <section aria-labelledby="rules-heading">
                        <h2 id="rules-heading" class="heading-s">{ t.text("app-rules-heading") }</h2>
                        { rules }
                        <p data-testid="calendar-fact">
                            { t.format("app-calendar-fact", &[("version", Value::from(regulation.calendar.version()))]) }
                        </p>
                        { data_status(&t, &data_state) }
                        { precheck_link(&t, &set_precheck) }
                        <p class="hint">{ t.text("app-privacy") }</p>
                    </section>
                </div>
            </@>
          </div>
        </ContextProvider<Shared>>
    }
}

/// "Step 2 of 7", for the pages of the journey; "Step 1" while the kind of request (and so the
/// number of pages) is not known: a total is never shown that would change later.
fn progress(shared: &Shared) -> Html {
    let journey = steps::journey(shared.rules(), shared.kind());
    let Some(i) = journey.iter().position(|s| *s == shared.draft.step) else { return html! {} };
    let step = ("step", Value::from(i64::try_from(i + 1).unwrap_or(0)));
    let text = match shared.kind() {
        Some(_) => shared.t.format(
            "app-progress",
            &[step, ("total", Value::from(i64::try_from(journey.len()).unwrap_or(0)))],
        ),
        None => shared.t.format("app-progress-open", &[step]),
    };
    html! { <p class="caption no-print" data-testid="progress">{ text }</p> }
}

/// "View your receipt": back to the receipt (on the send page) while the draft is kept.
fn view_receipt(shared: &Shared) -> Html {
    let onclick = {
        let shared = shared.clone();
        Callback::from(move |_: MouseEvent| shared.dispatch(Action::GoTo(Step::Submit)))
    };
    html! {
        <p class="no-print">
            <button type="button" class="button button--secondary" data-testid="view-receipt" {onclick}>
                { shared.t.text("app-receipt-view") }
            </button>
        </p>
    }
}

/// Says where the data came from; a failed load is an alert, and the built-in data stays.
fn data_status(t: &Localizer, state: &DataState) -> Html {
    match state {
        DataState::Builtin => {
            html! { <p class="hint" data-testid="data-status">{ t.text("app-rules-origin") }</p> }
        }
        DataState::Loading => html! {
            <p class="hint" data-testid="data-status" role="status">{ t.text("app-data-loading") }</p>
        },
        DataState::Loaded { files } => html! {
            <p class="hint" data-testid="data-status" role="status">
                { t.format("app-data-loaded", &[("files", Value::from(i64::try_from(*files).unwrap_or(i64::MAX)))]) }
            </p>
        },
        DataState::Failed(e) => html! {
            <div class="error-summary" data-testid="data-status" role="alert">
                { t.format("app-data-failed", &[("url", Value::from(e.url.as_str())), ("reason", Value::from(e.reason.as_str()))]) }
            </div>
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every message id the page uses.
    const IDS: &[&str] = &[
        "app-title",
        "app-skip-link",
        "app-service-name",
        "app-lang-switch",
        "app-lang-kk",
        "app-lang-ru",
        "app-lang-en",
        "app-phase-tag",
        "app-phase-text",
        "app-heading",
        "app-intro",
        "app-intro-what",
        "app-rules-heading",
        "app-rules-fact",
        "app-rules-provisional",
        "app-rules-origin",
        "app-rules-missing",
        "app-calendar-fact",
        "app-data-loading",
        "app-data-loaded",
        "app-data-failed",
        "app-lang-failed",
        "app-update-ready",
        "app-update-reload",
        // The pre-check page's own (its form and report are the worker's: precheck.ftl).
        "app-precheck-link",
        "app-precheck-loading",
        "app-precheck-failed",
        "app-back",
    ];

    #[test]
    fn every_text_of_the_page_exists_in_every_language() {
        for lang in Lang::ALL {
            let t = Localizer::new(lang);
            let missing: Vec<_> = IDS.iter().filter(|id| !t.has(id)).collect();
            assert!(missing.is_empty(), "{lang}: missing in locales/{lang}/app.ftl: {missing:?}");
        }
    }

    #[test]
    fn the_rules_fact_comes_from_the_builtin_rules() {
        let fact = RulesFact::builtin().expect("built-in rules");
        assert!(!fact.version.is_empty());
        assert!(fact.kinds > 0);
        for lang in Lang::ALL {
            let sentence = fact.sentence(&Localizer::new(lang));
            assert!(sentence.contains(&fact.version), "{lang}: {sentence}");
            assert!(sentence.contains(&fact.kinds.to_string()), "{lang}: {sentence}");
        }
    }
}
