//! Check your answers (GOV.UK pattern): every answer with a "Change" link, the documents, the
//! consent and date of the application, what the core notes about the package (expected
//! decision date, provisional calendar …), and every blocker. Going on is impossible while any
//! blocker remains.

use crate::components::error_summary::{ErrorSummary, SummaryItem};
use crate::components::field::FormField;
use crate::components::message_list::finding_panel;
use crate::context::Shared;
use crate::draft::{Action, Step};
use crate::{steps, validation};
use anyqtama_core::report::{Severity, Target};
use anyqtama_core::rules::{ChoiceSource, Field, FieldType};
use anyqtama_core::Date;
use anyqtama_i18n::Value;
use yew::prelude::*;

/// An answer as the applicant should read it: a kind's or akimat's name, a date the local way.
pub fn display_value(shared: &Shared, field: &Field, value: &str) -> String {
    let lang = shared.t.lang();
    let rules = shared.rules();
    match (field.field_type, field.choices) {
        (_, _) if value.trim().is_empty() => String::new(),
        // A phone or document number in the one form the bundle carries (+77771234567).
        _ if let Some(normal) = anyqtama_core::check::normal_form(field, value) => normal,
        (FieldType::Boolean, _) => shared.t.text(if value == "true" { "app-yes" } else { "app-no" }),
        (FieldType::Date, _) => {
            Date::parse(value).map(|d| shared.t.date(d)).unwrap_or_else(|_| value.to_string())
        }
        (_, Some(ChoiceSource::Kinds)) => {
            rules.kind(value).map_or(value.to_string(), |k| k.label.get(lang).into())
        }
        (_, Some(ChoiceSource::Akimats)) => {
            shared.regulation.akimats.get(value).map_or(value.to_string(), |a| a.name.get(lang).into())
        }
        (_, Some(ChoiceSource::Sectors)) => shared
            .regulation
            .sectors
            .as_ref()
            .and_then(|l| l.sector(value))
            .map_or(value.to_string(), |s| s.name.get(lang).into()),
        (_, Some(ChoiceSource::Professions)) => shared
            .regulation
            .sectors
            .as_ref()
            .and_then(|l| l.sectors.iter().flat_map(|s| &s.professions).find(|p| p.code == value))
            .map_or(value.to_string(), |p| p.name.get(lang).into()),
        _ => value.to_string(),
    }
}

fn change_link(shared: &Shared, to: Step, what: String) -> Html {
    let onclick = {
        let shared = shared.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            shared.dispatch(Action::GoTo(to.clone()));
        })
    };
    html! {
        <a href="#" class="summary__change" {onclick}>
            { shared.t.text("app-change") }<span class="visually-hidden">{ format!(" {what}") }</span>
        </a>
    }
}

#[component]
pub fn CheckPage() -> Html {
    let shared = use_context::<Shared>().expect("shared context");
    let t = &shared.t;
    let lang = t.lang();
    let rules = shared.rules();
    let kind = shared.kind();
    let step = Step::Check;

    // The answers, page by page.
    let mut sections = Vec::new();
    for page in steps::journey(rules, kind) {
        match &page {
            Step::Section(id) => {
                let Some(section) = rules.form.iter().find(|s| &s.id == id) else { continue };
                let rows = steps::asked(section, kind).map(|f| {
                    let value = display_value(&shared, f, &shared.answer(&f.id));
                    let label = f.label.get(lang).to_string();
                    html! {
                        <div class="summary__row" data-field={f.id.clone()}>
                            <dt class="summary__key">{ label.clone() }</dt>
                            <dd class="summary__value">
                                if value.is_empty() { <span class="hint">{ t.text("app-not-given") }</span> } else { { value } }
                            </dd>
                            <dd class="summary__actions">{ change_link(&shared, page.clone(), label) }</dd>
                        </div>
                    }
                });
                sections.push(html! {
                    <>
                        <h2 class="heading-m">{ section.label.get(lang) }</h2>
                        <dl class="summary">{ for rows }</dl>
                    </>
                });
            }
            Step::Documents => {
                let Some(k) = kind.and_then(|k| rules.kind(k)) else { continue };
                let rows = k.checklist.iter().filter_map(|e| rules.item(&e.item).map(|i| (e, i))).map(|(e, item)| {
                    let files = shared.draft.application.document(&item.id).map(|d| d.files.clone()).unwrap_or_default();
                    let label = item.label.get(lang).to_string();
                    let value = if matches!(e.requirement, anyqtama_core::rules::Requirement::FromForm) {
                        html! { <span class="hint">{ t.text("app-made-from-answers") }</span> }
                    } else if files.is_empty() {
                        html! { <span class="hint">{ t.text("app-not-attached") }</span> }
                    } else {
                        let until = shared
                            .draft
                            .application
                            .document(&item.id)
                            .and_then(|d| d.expires_on.as_deref())
                            .and_then(|d| Date::parse(d).ok())
                            .map(|d| format!("{}: {}", t.text("app-document-expires"), t.date(d)));
                        html! {
                            <>
                                <ul class="list">{ for files.iter().map(|f| html! { <li>{ f.name.clone() }</li> }) }</ul>
                                if let Some(until) = until { <p class="hint">{ until }</p> }
                            </>
                        }
                    };
                    html! {
                        <div class="summary__row" data-item={item.id.clone()}>
                            <dt class="summary__key">{ label.clone() }</dt>
                            <dd class="summary__value">{ value }</dd>
                            <dd class="summary__actions">{ change_link(&shared, Step::Documents, label) }</dd>
                        </div>
                    }
                });
                sections.push(html! {
                    <>
                        <h2 class="heading-m">{ t.text("app-documents-heading") }</h2>
                        <dl class="summary">{ for rows }</dl>
                    </>
                });
            }
            _ => {}
        }
    }

    // Consent and date: asked here.
    let declaration = rules.form.iter().find(|s| s.id == steps::DECLARATION).cloned();
    let declaration = declaration.map(|s| {
        html! {
            <>
                <h2 class="heading-m">{ s.label.get(lang) }</h2>
                { for s.fields.iter().map(|f| html! { <FormField key={f.id.clone()} field={f.clone()} step={step.clone()} /> }) }
            </>
        }
    });

    // Every blocker, wherever it is, with a way to it.
    let blockers: Vec<_> =
        shared.report.findings.iter().filter(|f| f.severity == Severity::Blocker).collect();
    let blocker_list = blockers.iter().map(|f| {
        let page = validation::page_of(&shared, f);
        let on_page = page == Step::Check;
        let anchor = validation::anchor(f);
        let onclick = {
            let shared = shared.clone();
            let anchor = anchor.clone();
            Callback::from(move |e: MouseEvent| {
                e.prevent_default();
                if on_page {
                    shared.host.focus(&anchor);
                } else {
                    shared.dispatch(Action::Validated(page.clone()));
                    shared.dispatch(Action::GoTo(page.clone()));
                }
            })
        };
        html! { <li><a href={format!("#{anchor}")} {onclick}>{ shared.message(f) }</a></li> }
    });
    let summary: Vec<SummaryItem> = if shared.draft.is_validated(&step) {
        validation::page_blockers(&shared, &step)
            .into_iter()
            .filter(|f| validation::page_of(&shared, f) == Step::Check)
            .map(|f| SummaryItem { anchor: validation::anchor(f), message: shared.message(f) })
            .collect()
    } else {
        Vec::new()
    };
    let package_notes: Vec<_> = shared
        .report
        .findings
        .iter()
        .filter(|f| f.target == Target::Package && f.severity != Severity::Blocker)
        .map(|f| finding_panel(&shared, f))
        .collect();

    let ready = shared.report.may_submit;
    let on_continue = {
        let shared = shared.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            shared.dispatch(Action::Validated(Step::Check));
            if shared.report.may_submit {
                shared.dispatch(Action::GoTo(Step::Submit));
            }
        })
    };
    let to_print = {
        let shared = shared.clone();
        Callback::from(move |_: MouseEvent| shared.dispatch(Action::GoTo(Step::Print)))
    };

    html! {
        <>
            <ErrorSummary title={t.text("app-error-summary-title")} items={summary} />
            <h1 class="heading-l" tabindex="-1" id="page-heading">{ t.text("app-check-heading") }</h1>
            { for sections }
            { declaration }
            if !package_notes.is_empty() {
                <h2 class="heading-m">{ t.text("app-notes-heading") }</h2>
                { for package_notes }
            }
            if blockers.is_empty() {
                <div class="panel panel--ready" data-testid="ready" role="status">
                    <h2 class="heading-m">{ t.text("app-ready-heading") }</h2>
                    <p>{ t.text("app-ready-text") }</p>
                </div>
            } else {
                <div class="panel panel--blocker" data-testid="blockers">
                    <h2 class="heading-m">{ t.format("app-blockers-heading", &[("count", Value::from(i64::try_from(blockers.len()).unwrap_or(0)))]) }</h2>
                    <ul class="list">{ for blocker_list }</ul>
                </div>
            }
            <form class="page-nav" onsubmit={on_continue} novalidate=true>
                <button type="submit" class="button" data-testid="continue" aria-disabled={(!ready).then_some("true")}
                    aria-describedby={(!ready).then_some("continue-blocked")}>
                    { t.text("app-continue-to-submit") }
                </button>
                <button type="button" class="button button--secondary" onclick={to_print}>{ t.text("app-print-view") }</button>
            </form>
            if !ready {
                <p class="hint" id="continue-blocked">{ t.text("app-continue-blocked") }</p>
            }
        </>
    }
}
