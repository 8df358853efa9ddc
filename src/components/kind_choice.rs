//! "What do you need?": the kinds of request from the rule data, as radio buttons, each with its
//! description and paragraph.

use crate::components::message_list::{advice, error_message};
use crate::context::{field_id, Shared};
use crate::draft::{Action, Step};
use anyqtama_core::report::Target;
use anyqtama_core::rules::Field;
use yew::prelude::*;

/// The kinds of request (a function rather than a component: the same markup, less code).
pub fn kind_choice(shared: &Shared, field: &Field, step: &Step) -> Html {
    let lang = shared.t.lang();
    let value = shared.answer(&field.id);
    let target = Target::Field(field.id.clone());
    let errors: Vec<String> = shared.errors_for(step, &target).iter().map(|f| shared.message(f)).collect();
    let id = field_id(&field.id);
    let error_id = format!("{id}-error");

    let radios = shared.rules().kinds.iter().enumerate().map(|(i, k)| {
        // The first radio carries the field's id, so the error summary's link lands on it.
        let radio_id = if i == 0 { id.clone() } else { format!("{id}-{}", k.id) };
        let hint_id = format!("{radio_id}-hint");
        let onchange = {
            let shared = shared.clone();
            let name = field.id.clone();
            let kind = k.id.clone();
            Callback::from(move |_: Event| shared.dispatch(Action::Answer { field: name.clone(), value: kind.clone() }))
        };
        html! {
            <div class="radio">
                <input class="radio__input" type="radio" id={radio_id.clone()} name={field.id.clone()}
                    value={k.id.clone()} checked={value == k.id} {onchange} aria-describedby={hint_id.clone()} />
                <label class="radio__label" for={radio_id}>{ k.label.get(lang) }</label>
                <div class="hint radio__hint" id={hint_id}>
                    { k.description.get(lang) }{ " " }<span class="cite">{ format!("({})", k.cite) }</span>
                </div>
            </div>
        }
    });

    html! {
        <div class={if errors.is_empty() { "form-group" } else { "form-group form-group--error" }}>
            <fieldset class="fieldset" aria-describedby={(!errors.is_empty()).then(|| error_id.clone())}>
                <legend class="fieldset__legend">{ field.label.get(lang) }</legend>
                { error_message(shared, &error_id, &errors) }
                <div class="radios">{ for radios }</div>
            </fieldset>
            { advice(shared, &target) }
        </div>
    }
}
