//! A question page: one section of the A1 form, its fields drawn from the rule data.
//! "Continue" checks the page (GOV.UK: validate on continue) and goes on only without blockers.

use crate::components::error_summary::{ErrorSummary, SummaryItem};
use crate::components::field::FormField;
use crate::context::Shared;
use crate::draft::{Action, Step};
use crate::{steps, validation};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SectionPageProps {
    pub section: String,
}

/// Goes on from `step` if it has no blockers, else shows its errors.
pub fn continue_from(shared: &Shared, step: &Step) {
    shared.dispatch(Action::Validated(step.clone()));
    if !validation::page_blockers(shared, step).is_empty() {
        return;
    }
    let next = if shared.draft.reached_check {
        Some(Step::Check)
    } else {
        steps::next(shared.rules(), shared.kind(), step)
    };
    if let Some(next) = next {
        shared.dispatch(Action::GoTo(next));
    }
}

/// The summary items of a page's blockers, once its "continue" was pressed.
pub fn summary_items(shared: &Shared, step: &Step) -> Vec<SummaryItem> {
    if !shared.draft.is_validated(step) {
        return Vec::new();
    }
    validation::page_blockers(shared, step)
        .into_iter()
        .map(|f| SummaryItem { anchor: validation::anchor(f), message: shared.message(f) })
        .collect()
}

/// "Back" and "Continue" (a function rather than a component: the same markup, less code).
pub fn page_nav(shared: &Shared, step: &Step) -> Html {
    let back = steps::previous(shared.rules(), shared.kind(), step);
    let on_continue = {
        let shared = shared.clone();
        let step = step.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            continue_from(&shared, &step);
        })
    };
    let back = back.map(|to| {
        let text = shared.t.text("app-back");
        let shared = shared.clone();
        let onclick = Callback::from(move |_: MouseEvent| shared.dispatch(Action::GoTo(to.clone())));
        html! { <button type="button" class="button button--secondary" {onclick}>{ text }</button> }
    });
    html! {
        <form class="page-nav" onsubmit={on_continue} novalidate=true>
            <button type="submit" class="button" data-testid="continue">{ shared.t.text("app-continue") }</button>
            { for back }
        </form>
    }
}

#[component]
pub fn SectionPage(props: &SectionPageProps) -> Html {
    let shared = use_context::<Shared>().expect("shared context");
    let lang = shared.t.lang();
    let step = Step::Section(props.section.clone());
    let Some(section) = shared.rules().form.iter().find(|s| s.id == props.section).cloned() else {
        return html! { <p>{ shared.t.text("app-page-missing") }</p> };
    };
    let kind = shared.kind().map(str::to_string);
    let fields = steps::asked(&section, kind.as_deref()).cloned().collect::<Vec<_>>();
    let items = summary_items(&shared, &step);
    html! {
        <>
            <ErrorSummary title={shared.t.text("app-error-summary-title")} {items} />
            <h1 class="heading-l" tabindex="-1" id="page-heading">{ section.label.get(lang) }</h1>
            { for fields.into_iter().map(|f| { let key = f.id.clone(); html! { <FormField {key} field={f} step={step.clone()} /> } }) }
            { page_nav(&shared, &step) }
        </>
    }
}
