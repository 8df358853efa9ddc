//! One question of the A1 form, drawn from its rule data: a label, a hint, the error message
//! tied to the input with `aria-describedby`, and the input for its type (text, date, phone,
//! choice, yes/no). Every text comes from the data or the locale files.

use crate::components::message_list::{advice, error_message};
use crate::context::{field_id, Shared};
use crate::draft::{Action, Step};
use anyqtama_core::date_input;
use anyqtama_core::report::Target;
use anyqtama_core::rules::{ChoiceSource, Field, FieldType};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FieldProps {
    pub field: Field,
    pub step: Step,
}

#[component]
pub fn FormField(props: &FieldProps) -> Html {
    let shared = use_context::<Shared>().expect("shared context");
    let field = &props.field;
    let lang = shared.t.lang();
    let id = field_id(&field.id);
    let value = shared.answer(&field.id);
    let target = Target::Field(field.id.clone());
    let errors: Vec<String> =
        shared.errors_for(&props.step, &target).iter().map(|f| shared.message(f)).collect();
    let required = field.required.applies(shared.kind());

    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let mut described = Vec::new();
    if field.hint.is_some() {
        described.push(hint_id.clone());
    }
    if !errors.is_empty() {
        described.push(error_id.clone());
    }
    let described = (!described.is_empty()).then(|| described.join(" "));
    let invalid = (!errors.is_empty()).then_some("true");

    let on_text = {
        let shared = shared.clone();
        let name = field.id.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            shared.dispatch(Action::Answer { field: name.clone(), value: input.value() });
        })
    };
    // Leaving a phone or document-number field shows the one form the core keeps
    // (`8 777 123 45 67` → `+77771234567`); a value that does not pass stays as typed.
    let on_blur = {
        let shared = shared.clone();
        let field = field.clone();
        Callback::from(move |e: FocusEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(value) = anyqtama_core::check::normal_form(&field, &input.value()) {
                if value != input.value() {
                    input.set_value(&value);
                    shared.dispatch(Action::Answer { field: field.id.clone(), value });
                }
            }
        })
    };
    let on_select = {
        let shared = shared.clone();
        let name = field.id.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            shared.dispatch(Action::Answer { field: name.clone(), value: select.value() });
        })
    };

    let label_text = field.label.get(lang).to_string();
    let optional = (!required && field.field_type != FieldType::Boolean)
        .then(|| html! { <span class="optional">{ format!(" ({})", shared.t.text("app-optional")) }</span> });
    let hint =
        field.hint.as_ref().map(|h| html! { <div class="hint" id={hint_id.clone()}>{ h.get(lang) }</div> });
    let error = error_message(&shared, &error_id, &errors);
    let group_class = if errors.is_empty() { "form-group" } else { "form-group form-group--error" };
    let input_class = if errors.is_empty() { "input" } else { "input input--error" };

    let input = match (field.field_type, field.choices) {
        (FieldType::Boolean, _) => {
            let checked = value == "true";
            let shared = shared.clone();
            let name = field.id.clone();
            let onchange = Callback::from(move |e: Event| {
                let input: HtmlInputElement = e.target_unchecked_into();
                let v = if input.checked() { "true" } else { "false" };
                shared.dispatch(Action::Answer { field: name.clone(), value: v.into() });
            });
            return html! {
                <div class={group_class}>
                    { error }
                    <div class="checkbox">
                        <input class="checkbox__input" type="checkbox" id={id.clone()} name={field.id.clone()}
                            {checked} {onchange} aria-describedby={described} aria-invalid={invalid} />
                        <label class="checkbox__label" for={id}>{ label_text }</label>
                    </div>
                    { hint }
                </div>
            };
        }
        (FieldType::Choice, Some(ChoiceSource::Kinds)) => {
            return crate::components::kind_choice::kind_choice(&shared, field, &props.step);
        }
        (FieldType::Choice, Some(ChoiceSource::Akimats)) => {
            let options = shared.regulation.akimats.akimats.iter().map(|a| {
                html! { <option value={a.id.clone()} selected={a.id == value}>{ a.name.get(lang) }</option> }
            });
            html! {
                <select class={if errors.is_empty() { "select" } else { "select input--error" }} id={id.clone()}
                    name={field.id.clone()} onchange={on_select} aria-describedby={described} aria-invalid={invalid}>
                    <option value="" selected={value.is_empty()}>{ shared.t.text("app-choose") }</option>
                    { for options }
                </select>
            }
        }
        (FieldType::Choice, Some(source @ (ChoiceSource::Sectors | ChoiceSource::Professions))) => {
            return html! {
                <crate::components::profession_picker::ProfessionPicker field={field.clone()} step={props.step.clone()}
                    professions={source == ChoiceSource::Professions} />
            };
        }
        (FieldType::Date, _) => {
            // Day, month and year (the GOV.UK date input), in one fieldset named by its legend;
            // kept as YYYY-MM-DD once complete (anyqtama_core::date_input). The part an error
            // names is marked (all three for an error about the whole date); the day box has
            // the field's id, so the error summary's link lands on the first part.
            let wrong =
                shared.errors_for(&props.step, &target).iter().find_map(|f| match f.args.get("part") {
                    Some(anyqtama_core::Arg::Text(p)) => Some(p.clone()),
                    _ => None,
                });
            let parts = date_input::parts(&value);
            let boxes = ["day", "month", "year"].into_iter().enumerate().map(|(i, part)| {
                let box_id = if i == 0 { id.clone() } else { format!("{id}-{part}") };
                let marked = !errors.is_empty() && wrong.as_deref().is_none_or(|w| w == part);
                let class = classes!("input", if i == 2 { "input--w4" } else { "input--w2" }, marked.then_some("input--error"));
                // A day or month of two digits is shown as typed, without a padding zero.
                let shown = match parts[i].strip_prefix('0') {
                    Some(rest) if i < 2 && rest.len() == 1 => rest.to_string(),
                    _ => parts[i].clone(),
                };
                let oninput = {
                    let (shared, name, parts) = (shared.clone(), field.id.clone(), parts.clone());
                    Callback::from(move |e: InputEvent| {
                        let input: HtmlInputElement = e.target_unchecked_into();
                        let mut parts = parts.clone();
                        parts[i] = input.value();
                        let value = date_input::join(&parts[0], &parts[1], &parts[2]);
                        shared.dispatch(Action::Answer { field: name.clone(), value });
                    })
                };
                html! {
                    <div class="date-input__item">
                        <label class="label" for={box_id.clone()}>{ shared.t.text(&format!("app-date-{part}")) }</label>
                        <input {class} id={box_id} name={format!("{}-{part}", field.id)} type="text" inputmode="numeric"
                            value={shown} {oninput} aria-invalid={marked.then_some("true")} />
                    </div>
                }
            });
            let hint = hint.unwrap_or_else(
                || html! { <div class="hint" id={hint_id.clone()}>{ shared.t.text("app-date-hint") }</div> },
            );
            return html! {
                <div class={group_class}>
                    <fieldset class="fieldset" role="group" aria-describedby={if errors.is_empty() { hint_id.clone() } else { format!("{hint_id} {error_id}") }}>
                        <legend class="label">{ label_text }{ optional }</legend>
                        { hint }
                        { error }
                        <div class="date-input">{ for boxes }</div>
                    </fieldset>
                    { advice(&shared, &target) }
                </div>
            };
        }
        (FieldType::Tel, _) => html! {
            <input class={input_class} type="tel" id={id.clone()} name={field.id.clone()} value={value}
                autocomplete="tel" oninput={on_text} onblur={on_blur.clone()} aria-describedby={described} aria-invalid={invalid} />
        },
        _ => html! {
            <input class={input_class} type="text" id={id.clone()} name={field.id.clone()} value={value}
                maxlength={field.max_len.map(|m| m.to_string())} spellcheck="false"
                oninput={on_text} onblur={on_blur} aria-describedby={described} aria-invalid={invalid} />
        },
    };

    html! {
        <div class={group_class}>
            <label class="label" for={id}>{ label_text }{ optional }</label>
            { hint }
            { error }
            { input }
            { advice(&shared, &target) }
        </div>
    }
}
