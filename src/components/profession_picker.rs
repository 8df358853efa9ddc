//! Sector and profession. With a sector/profession list loaded (a portal's `?sectors=URL`), a
//! search over it; without one, free entry — and the report's note says the list could not be
//! checked (we do not have the official list, and do not make one up).

use crate::components::message_list::{advice, error_message, finding_panel};
use crate::context::{field_id, Shared};
use crate::draft::{Action, Step};
use anyqtama_core::report::Target;
use anyqtama_core::rules::Field;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// How many matches the search shows at most.
const SHOWN: usize = 12;

#[derive(Properties, PartialEq)]
pub struct PickerProps {
    pub field: Field,
    pub step: Step,
    /// The profession field (searchable); otherwise the sector field.
    pub professions: bool,
}

#[component]
pub fn ProfessionPicker(props: &PickerProps) -> Html {
    let shared = use_context::<Shared>().expect("shared context");
    let query = use_state(String::new);
    let lang = shared.t.lang();
    let field = &props.field;
    let id = field_id(&field.id);
    let value = shared.answer(&field.id);
    let target = Target::Field(field.id.clone());
    let errors: Vec<String> =
        shared.errors_for(&props.step, &target).iter().map(|f| shared.message(f)).collect();
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let invalid = (!errors.is_empty()).then_some("true");
    let error = error_message(&shared, &error_id, &errors);
    let set = |name: &str| {
        let shared = shared.clone();
        let name = name.to_string();
        Callback::from(move |value: String| shared.dispatch(Action::Answer { field: name.clone(), value }))
    };

    let Some(list) = shared.regulation.sectors.as_ref() else {
        // No list: free entry. That the list is missing is said once on the page, under the
        // sector (the first of the two), not again under the profession.
        let on_input =
            set(&field.id).reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());
        let hinted = !props.professions;
        let notes = shared.advice_for(&target).into_iter().filter(|f| f.code != "profession.list_not_loaded");
        let described = [hinted.then(|| hint_id.clone()), (!errors.is_empty()).then(|| error_id.clone())]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        return html! {
            <div class={if errors.is_empty() { "form-group" } else { "form-group form-group--error" }}>
                <label class="label" for={id.clone()}>{ field.label.get(lang) }</label>
                if hinted {
                    <div class="hint" id={hint_id}>{ shared.t.text("app-profession-free-hint") }</div>
                }
                { error }
                <input class="input" type="text" id={id} name={field.id.clone()} value={value}
                    maxlength={field.max_len.map(|m| m.to_string())} oninput={on_input}
                    aria-describedby={(!described.is_empty()).then_some(described)} aria-invalid={invalid} />
                { for notes.map(|f| finding_panel(&shared, f)) }
            </div>
        };
    };

    if !props.professions {
        let on_change =
            set(&field.id).reform(|e: Event| e.target_unchecked_into::<web_sys::HtmlSelectElement>().value());
        let options = list.sectors.iter().map(|s| {
            html! { <option value={s.code.clone()} selected={s.code == value}>{ s.name.get(lang) }</option> }
        });
        return html! {
            <div class={if errors.is_empty() { "form-group" } else { "form-group form-group--error" }}>
                <label class="label" for={id.clone()}>{ field.label.get(lang) }</label>
                { error }
                <select class="select" id={id} name={field.id.clone()} onchange={on_change}
                    aria-describedby={(!errors.is_empty()).then(|| error_id.clone())} aria-invalid={invalid}>
                    <option value="" selected={value.is_empty()}>{ shared.t.text("app-choose") }</option>
                    { for options }
                </select>
                { advice(&shared, &target) }
            </div>
        };
    }

    // The profession: a search box and the matching professions as radio buttons.
    let sector = shared.answer("sector");
    let matches: Vec<_> =
        list.search(&query).into_iter().filter(|(s, _)| sector.is_empty() || s.code == sector).collect();
    let total = matches.len();
    let chosen = list
        .sectors
        .iter()
        .flat_map(|s| s.professions.iter().map(move |p| (s, p)))
        .find(|(_, p)| p.code == value);
    let on_search = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| query.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let radios = matches.into_iter().take(SHOWN).map(|(s, p)| {
        let radio_id = format!("{id}-{}", p.code);
        let onchange = {
            let shared = shared.clone();
            let (name, code, sector_code) = (field.id.clone(), p.code.clone(), s.code.clone());
            Callback::from(move |_: Event| {
                shared.dispatch(Action::Answer { field: name.clone(), value: code.clone() });
                shared.dispatch(Action::Answer { field: "sector".into(), value: sector_code.clone() });
            })
        };
        html! {
            <div class="radio">
                <input class="radio__input" type="radio" id={radio_id.clone()} name={field.id.clone()}
                    value={p.code.clone()} checked={p.code == value} {onchange} />
                <label class="radio__label" for={radio_id}>
                    { p.name.get(lang) }<span class="hint">{ format!(" — {}", s.name.get(lang)) }</span>
                </label>
            </div>
        }
    });
    html! {
        <div class={if errors.is_empty() { "form-group" } else { "form-group form-group--error" }}>
            <label class="label" for={id.clone()}>{ field.label.get(lang) }</label>
            <div class="hint" id={hint_id.clone()}>{ shared.t.text("app-profession-search-hint") }</div>
            { error }
            <input class="input" type="search" id={id.clone()} value={(*query).clone()} oninput={on_search}
                aria-describedby={hint_id} aria-controls={format!("{id}-results")} aria-invalid={invalid} />
            if let Some((s, p)) = chosen {
                <p class="chosen" data-testid="profession-chosen">
                    { shared.t.format("app-profession-chosen", &[
                        ("profession", p.name.get(lang).into()), ("sector", s.name.get(lang).into())]) }
                </p>
            }
            <fieldset class="fieldset" id={format!("{id}-results")}>
                <legend class="visually-hidden">{ field.label.get(lang) }</legend>
                <p class="hint" role="status">{ shared.t.format("app-profession-matches", &[
                    // 0 when all matches are shown (the message then says nothing more).
                    ("shown", i64::try_from(if total > SHOWN { SHOWN } else { 0 }).unwrap_or(0).into()),
                    ("total", i64::try_from(total).unwrap_or(0).into())]) }</p>
                <div class="radios">{ for radios }</div>
            </fieldset>
            { advice(&shared, &target) }
        </div>
    }
}
