//! The home page.
//!
//! PLACEHOLDER until the application form lands: a heading, what Anyqtama is, a language
//! switch, and one fact computed by the core (the built-in rule set), which proves that the
//! core runs in WebAssembly. Every text comes from `locales/<lang>/app.ftl` (ids `app-…`).

use crate::data::{self, DataUrls, LoadError};
use anyqtama_core::{Date, Lang, Regulation, RuleSets};
use anyqtama_i18n::{Localizer, Value};
use std::rc::Rc;
use yew::prelude::*;

/// What the page says about the rules compiled into this build, computed by the core.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RulesFact {
    /// The newest built-in rule set's version, e.g. `2026.1`.
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

/// Sets `<html lang>` and the document title, so that screen readers and the tab follow the
/// language switch.
fn update_document(lang: Lang, title: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Some(html) = document.document_element() {
        let _ = html.set_attribute("lang", lang.tag());
    }
    document.set_title(title);
}

/// Where the page's data stands: built in, being fetched from the portal's URLs, or loaded.
#[derive(Clone, Debug, PartialEq)]
enum DataState {
    Builtin,
    Loading,
    Loaded { files: usize },
    Failed(LoadError),
}

/// The whole app (for now, the placeholder home page).
#[component]
pub fn App() -> Html {
    let lang = use_state(Lang::default);
    let t = use_memo(*lang, |lang| Localizer::new(*lang));
    let regulation = use_state(|| Rc::new(Regulation::builtin()));
    let data_state = use_state(|| DataState::Builtin);
    let fact = RulesFact::of(&regulation.rules);

    // Rule and calendar files named in the address (`?rules=URL&calendar=URL`), loaded once.
    {
        let regulation = regulation.clone();
        let data_state = data_state.clone();
        use_effect_with((), move |_| {
            let urls = DataUrls::from_location();
            if !urls.is_empty() {
                data_state.set(DataState::Loading);
                wasm_bindgen_futures::spawn_local(async move {
                    match data::load(&urls).await {
                        Ok(loaded) => {
                            regulation.set(Rc::new(loaded));
                            data_state
                                .set(DataState::Loaded { files: urls.rules.len() + urls.calendar.len() });
                        }
                        Err(e) => data_state.set(DataState::Failed(e)),
                    }
                });
            }
        });
    }

    let title = t.text("app-title");
    use_effect_with((*lang, title), |(lang, title)| update_document(*lang, title));

    let switch = Lang::ALL
        .iter()
        .map(|&l| {
            let onclick = {
                let lang = lang.clone();
                Callback::from(move |_: MouseEvent| lang.set(l))
            };
            let pressed = if l == *lang { "true" } else { "false" };
            html! {
                <li>
                    <button type="button" class="lang-switch__button" lang={l.tag()}
                        aria-pressed={pressed} {onclick}>
                        { t.text(&format!("app-lang-{}", l.tag())) }
                    </button>
                </li>
            }
        })
        .collect::<Html>();

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

    html! {
        <>
            <a class="skip-link" href="#main">{ t.text("app-skip-link") }</a>
            <header class="header">
                <div class="header__bar">
                    <div class="width-container header__inner">
                        <span class="header__service">{ t.text("app-service-name") }</span>
                        <nav class="lang-switch" aria-label={t.text("app-lang-switch")}>
                            <ul class="lang-switch__list">{ switch }</ul>
                        </nav>
                    </div>
                </div>
                <div class="width-container">
                    <div class="phase-banner">
                        <strong class="tag">{ t.text("app-phase-tag") }</strong>
                        <span>{ t.text("app-phase-text") }</span>
                    </div>
                </div>
            </header>
            <main id="main" class="width-container main" tabindex="-1">
                <h1>{ t.text("app-heading") }</h1>
                <p class="lead">{ t.text("app-intro") }</p>
                <p>{ t.text("app-intro-what") }</p>
                <section class="inset" aria-labelledby="rules-heading">
                    <h2 id="rules-heading">{ t.text("app-rules-heading") }</h2>
                    { rules }
                    <p data-testid="calendar-fact">
                        { t.format("app-calendar-fact", &[("version", Value::from(regulation.calendar.version()))]) }
                    </p>
                    { data_status(&t, &data_state) }
                </section>
            </main>
        </>
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
