//! The page header: the service's name and the language switch (kk, ru, en, or the languages
//! the host offers). Switching language
//! changes only how things are said: the draft is kept as it is.

use crate::context::Shared;
use anyqtama_core::Lang;
use yew::prelude::*;

/// What happens to the data: it stays here until sent; once sent, where it went and when.
fn phase_text(shared: &Shared) -> String {
    let t = &shared.t;
    let Some(receipt) = shared.receipt() else { return t.text("app-phase-text") };
    let day = receipt.received_at.get(..10).and_then(|d| anyqtama_core::Date::parse(d).ok());
    let date = day.map_or_else(|| receipt.received_at.clone(), |d| t.date(d));
    t.format(
        "app-phase-sent",
        &[
            ("portal", anyqtama_i18n::Value::from(shared.portal_name())),
            ("date", anyqtama_i18n::Value::from(date)),
        ],
    )
}

/// The header (a function rather than a component: the same markup, less code).
pub fn header(shared: &Shared, on_lang: &Callback<Lang>) -> Html {
    let t = &shared.t;
    let offered = shared.host.config.offered();
    let switch = offered.iter().map(|&l| {
        let onclick = on_lang.reform(move |_: MouseEvent| l);
        let pressed = if l == t.lang() { "true" } else { "false" };
        html! {
            <li>
                <button type="button" class="lang-switch__button" lang={l.tag()} aria-pressed={pressed} {onclick}>
                    { t.text(&format!("app-lang-{}", l.tag())) }
                </button>
            </li>
        }
    });
    html! {
        <@{if shared.host.config.page { "header" } else { "div" }} class="header no-print">
            <div class="header__bar">
                <div class="width-container header__inner">
                    <span class="header__service">{ t.text("app-service-name") }</span>
                    if offered.len() > 1 {
                        <nav class="lang-switch" aria-label={t.text("app-lang-switch")}>
                            <ul class="lang-switch__list">{ for switch }</ul>
                        </nav>
                    }
                </div>
            </div>
            <div class="width-container">
                <div class="phase-banner">
                    <strong class="tag">{ t.text("app-phase-tag") }</strong>
                    <span data-testid="phase-text">{ phase_text(shared) }</span>
                </div>
            </div>
        </@>
    }
}
