//! The error summary at the top of a page (GOV.UK pattern): it takes focus when it appears, and
//! each message links to the field or document it concerns.

use yew::prelude::*;

#[derive(Clone, PartialEq)]
pub struct SummaryItem {
    /// The `id` of the element the link moves focus to.
    pub anchor: String,
    pub message: String,
}

#[derive(Properties, PartialEq)]
pub struct ErrorSummaryProps {
    pub title: AttrValue,
    pub items: Vec<SummaryItem>,
}

/// Moves focus to the element with `id` (and scrolls it into view).
pub fn focus_element(id: &str) {
    use wasm_bindgen::JsCast;
    let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)) else {
        return;
    };
    el.scroll_into_view();
    if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
        let _ = el.focus();
    }
}

#[component]
pub fn ErrorSummary(props: &ErrorSummaryProps) -> Html {
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with(props.items.clone(), move |items| {
            if !items.is_empty() {
                if let Some(el) = node.cast::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    }
    if props.items.is_empty() {
        return html! {};
    }
    let links = props.items.iter().map(|item| {
        let anchor = item.anchor.clone();
        let onclick = Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            focus_element(&anchor);
        });
        html! { <li><a href={format!("#{}", item.anchor)} {onclick}>{ item.message.clone() }</a></li> }
    });
    html! {
        <div class="error-summary" ref={node} tabindex="-1" role="alert" aria-labelledby="error-summary-title"
            data-testid="error-summary">
            <h2 class="error-summary__title" id="error-summary-title">{ props.title.clone() }</h2>
            <ul class="error-summary__list">{ for links }</ul>
        </div>
    }
}
