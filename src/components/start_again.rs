//! "Start again": asks first, then deletes the draft and its files from this browser.

use crate::context::Shared;
use crate::draft::{Action, Draft, Step};
use yew::prelude::*;

#[component]
pub fn StartAgain() -> Html {
    let shared = use_context::<Shared>().expect("shared context");
    let asking = use_state(|| false);
    let t = &shared.t;
    if !*asking {
        let onclick = {
            let asking = asking.clone();
            Callback::from(move |_: MouseEvent| asking.set(true))
        };
        return html! {
            <p class="start-again no-print">
                <button type="button" class="button button--link" data-testid="start-again" {onclick}>{ t.text("app-start-again") }</button>
            </p>
        };
    }
    let yes = {
        let shared = shared.clone();
        let asking = asking.clone();
        Callback::from(move |_: MouseEvent| {
            let first = crate::steps::journey(shared.rules(), None).into_iter().next().unwrap_or(Step::Check);
            // A draft the portal has received is archived with its receipt, not dropped.
            if shared.draft.submission.as_ref().is_some_and(|s| s.receipt.is_some())
                && !shared.store.archive_draft(&shared.draft)
            {
                return;
            }
            shared.store.forget_draft();
            shared.dispatch(Action::Replace(Box::new(Draft::dated(shared.t.lang(), first, shared.today))));
            asking.set(false);
            let store = shared.store.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let _ = store.clear_files().await;
            });
        })
    };
    let no = {
        let asking = asking.clone();
        Callback::from(move |_: MouseEvent| asking.set(false))
    };
    html! {
        <div class="panel panel--warning no-print" role="alertdialog" aria-labelledby="start-again-title"
            aria-describedby="start-again-text" data-testid="start-again-confirm">
            <h2 class="heading-m" id="start-again-title">{ t.text("app-start-again-title") }</h2>
            <p id="start-again-text">{ t.text("app-start-again-text") }</p>
            <div class="button-group">
                <button type="button" class="button button--warning" onclick={yes} data-testid="start-again-yes">{ t.text("app-start-again-yes") }</button>
                <button type="button" class="button button--secondary" onclick={no} autofocus=true>{ t.text("app-cancel") }</button>
            </div>
        </div>
    }
}
