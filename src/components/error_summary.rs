//! The error summary at the top of a page (GOV.UK pattern): it takes focus when it appears, and
//! each message links to the field or document it concerns (focus moves there itself: in a
//! shadow root, the link's `#id` would not be found).

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

#[component]
pub fn ErrorSummary(props: &ErrorSummaryProps) -> Html {
    let node = use_node_ref();
    // The widget's host finds the field in the widget's shadow root, when there is one.
    let host = use_context::<crate::context::Shared>().map(|s| s.host).unwrap_or_default();

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
        let host = host.clone();
        let onclick = Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            host.focus(&anchor);
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
