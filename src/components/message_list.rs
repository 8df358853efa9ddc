//! Warnings and notes from the core's report beside what they concern, and for deadlines how the
//! date was counted: every day skipped, and why.

use crate::context::Shared;
use anyqtama_core::calendar::Count;
use anyqtama_core::report::{Finding, Severity, Target};
use anyqtama_i18n::Value;
use yew::prelude::*;

/// The warnings and notes about one field or item. A function rather than a component: the
/// same markup, without a component's share of WebAssembly.
pub fn advice(shared: &Shared, target: &Target) -> Html {
    let findings = shared.advice_for(target);
    html! { <>{ for findings.into_iter().map(|f| finding_panel(shared, f)) }</> }
}

/// The error message beside a field or document (empty when there is none), with a hidden
/// "Error:" prefix for screen readers. `id` is what the input's `aria-describedby` names.
pub fn error_message(shared: &Shared, id: &str, errors: &[String]) -> Html {
    if errors.is_empty() {
        return Html::default();
    }
    html! {
        <p class="error-message" id={id.to_string()}>
            <span class="visually-hidden">{ format!("{}: ", shared.t.text("app-error-prefix")) }</span>
            { errors.join(" ") }
        </p>
    }
}

/// A warning or a note, with its cite and, for a deadline, how it was counted.
pub fn finding_panel(shared: &Shared, f: &Finding) -> Html {
    let class = match f.severity {
        Severity::Blocker => "panel panel--blocker",
        Severity::Warning => "panel panel--warning",
        Severity::Note => "panel panel--note",
    };
    let label = shared.t.text(&format!("app-severity-{}", f.severity.key()));
    html! {
        <div class={class} data-code={f.code.clone()}>
            <p>
                <strong class="panel__label">{ format!("{label}: ") }</strong>
                { shared.message(f) }
                { " " }<span class="cite">{ format!("({})", f.cite) }</span>
            </p>
            if let Some(count) = &f.count {
                { counted(shared, count) }
            }
        </div>
    }
}

/// "How this was counted": the basis, and each skipped day with its reason.
pub fn counted(shared: &Shared, count: &Count) -> Html {
    let t = &shared.t;
    let basis = shared.regulation.calendar.counting_basis();
    let days = count.skipped.iter().map(|d| {
        html! { <li>{ format!("{} — {}", t.date_with_weekday(d.date), t.day_reason(&d.kind, d.date)) }</li> }
    });
    html! {
        <details class="details">
            <summary class="details__summary">{ t.text("app-how-counted") }</summary>
            <div class="details__text">
                <p>{ t.format("app-counted-from", &[
                    ("from", Value::from(t.date_with_weekday(count.from))),
                    ("days", Value::from(i64::from(count.working_days))),
                    ("due", Value::from(t.date_with_weekday(count.due))),
                ]) }</p>
                if count.skipped.is_empty() {
                    <p>{ t.text("app-counted-none-skipped") }</p>
                } else {
                    <p>{ t.text("app-counted-skipped") }</p>
                    <ul class="list">{ for days }</ul>
                }
                <p class="hint">{ format!("{} ({})", basis.rule.get(t.lang()), basis.cite) }</p>
                if count.provisional {
                    <p class="hint">{ t.text("app-counted-provisional") }</p>
                }
            </div>
        </details>
    }
}
