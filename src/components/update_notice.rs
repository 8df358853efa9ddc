//! "A new version is ready": shown when the service worker has installed a newer version of the
//! widget that waits for this page (assets/sw-register.js says so with an event on `window`).
//! Nothing reloads by itself — the draft is saved anyway, but the applicant may be typing: the
//! button asks the registration code to switch, and it reloads once the new version controls.

use crate::context::Shared;
use gloo_events::EventListener;
use yew::prelude::*;

/// The events shared with assets/sw-register.js.
const READY: &str = "anyqtama-update-ready";
const QUERY: &str = "anyqtama-update-query";
const APPLY: &str = "anyqtama-update-apply";

fn announce(name: &str) {
    if let (Some(w), Ok(e)) = (web_sys::window(), web_sys::Event::new(name)) {
        let _ = w.dispatch_event(&e);
    }
}

#[component]
pub fn UpdateNotice() -> Html {
    let shared = use_context::<Shared>().expect("shared context");
    let ready = use_state(|| false);
    {
        let ready = ready.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| EventListener::new(&w, READY, move |_| ready.set(true)));
            // A version may have been waiting before this page started: ask (after the render).
            crate::later::after_render(|| announce(QUERY));
            // Dropping the listener removes it.
            move || drop(listener)
        });
    }
    let t = &shared.t;
    // The live region is always there, so that screen readers say what appears in it.
    html! {
        <div role="status" class={ready.then_some("panel update-notice no-print")} data-testid="update-notice">
            if *ready {
                <p>{ t.text("app-update-ready") }</p>
                <button type="button" class="button" onclick={Callback::from(|_: MouseEvent| announce(APPLY))}>
                    { t.text("app-update-reload") }
                </button>
            }
        </div>
    }
}
