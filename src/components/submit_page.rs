//! Send: sign the package and send it to the portal, with progress; then the receipt. A second
//! click, a reload or a retry sends the same bundle (same id); while the portal cannot be
//! reached the bundle waits in this browser and goes when the connection is back.

use crate::context::Shared;
use crate::draft::{Action, Step, Submission};
use crate::submit::{self, Progress};
use anyqtama_core::Date;
use anyqtama_i18n::Value;
use std::time::Duration;
use yew::prelude::*;

/// Builds (or takes from the outbox) and sends the bundle of the current draft; records the
/// bundle id first (so every later try is the same bundle), then the receipt or the queueing.
async fn send(shared: Shared, progress: Callback<Progress>) {
    let id = shared.draft.submission.as_ref().map_or_else(submit::new_bundle_id, |s| s.id.clone());
    shared.dispatch(Action::Submission(Submission { id: id.clone(), queued: false, receipt: None }));
    let report: std::rc::Rc<dyn Fn(Progress)> = {
        let progress = progress.clone();
        std::rc::Rc::new(move |p: Progress| progress.emit(p))
    };
    let version = shared.rules().version.clone();
    let outcome = submit::send(&shared, &id, &version, report).await;
    match &outcome {
        Progress::Sent(receipt) => shared.dispatch(Action::Submission(Submission {
            id: id.clone(),
            queued: false,
            receipt: Some(receipt.clone()),
        })),
        Progress::Queued { .. } => {
            shared.dispatch(Action::Submission(Submission { id: id.clone(), queued: true, receipt: None }))
        }
        _ => {}
    }
    progress.emit(outcome);
}

fn receipt_view(shared: &Shared, receipt: &crate::draft::Receipt) -> Html {
    let t = &shared.t;
    let field = |key: &str| {
        match key {
            "registration_number" => &receipt.registration_number,
            "registered_on" => &receipt.registered_on,
            "expected_decision" => &receipt.expected_decision,
            _ => &receipt.id,
        }
        .clone()
    };
    let date =
        |key: &str| Date::parse(&field(key)).map(|d| t.date_with_weekday(d)).unwrap_or_else(|_| field(key));
    html! {
        <div class="panel panel--ready" data-testid="receipt" role="status">
            <h2 class="heading-m">{ t.text("app-receipt-heading") }</h2>
            <dl class="summary">
                <div class="summary__row">
                    <dt class="summary__key">{ t.text("app-receipt-number") }</dt>
                    <dd class="summary__value" data-testid="receipt-number">{ field("registration_number") }</dd>
                </div>
                <div class="summary__row">
                    <dt class="summary__key">{ t.text("app-receipt-registered") }</dt>
                    <dd class="summary__value">{ date("registered_on") }</dd>
                </div>
                <div class="summary__row">
                    <dt class="summary__key">{ t.text("app-receipt-decision") }</dt>
                    <dd class="summary__value">{ date("expected_decision") }</dd>
                </div>
                <div class="summary__row">
                    <dt class="summary__key">{ t.text("app-receipt-id") }</dt>
                    <dd class="summary__value">{ field("id") }</dd>
                </div>
            </dl>
            <p>{ t.text("app-receipt-kept") }</p>
        </div>
    }
}

#[component]
pub fn SubmitPage() -> Html {
    let shared = use_context::<Shared>().expect("shared context");
    let progress = use_state(|| None::<Progress>);
    let busy =
        matches!(*progress, Some(Progress::Hashing { .. } | Progress::Signing | Progress::Sending { .. }));
    let t = &shared.t;
    let submission = shared.draft.submission.clone();
    let receipt = submission.as_ref().and_then(|s| s.receipt.clone());

    // One submission at a time: a second click while one runs does nothing (and, once the id is
    // in the draft, any later one sends the same bundle).
    let in_flight = use_mut_ref(|| false);
    let start = {
        let shared = shared.clone();
        let progress = progress.clone();
        Callback::from(move |()| {
            if std::mem::replace(&mut *in_flight.borrow_mut(), true) {
                return;
            }
            let set = progress.setter();
            let on = Callback::from(move |p: Progress| set.set(Some(p)));
            let (shared, in_flight) = (shared.clone(), in_flight.clone());
            wasm_bindgen_futures::spawn_local(async move {
                send(shared, on).await;
                *in_flight.borrow_mut() = false;
            });
        })
    };

    // A queued bundle is tried again when the page opens, when the browser is back online, and
    // every 15 s (not at once when it has just been queued: three tries have just failed).
    let opened = use_mut_ref(|| true);
    {
        let start = start.clone();
        let queued = submission.as_ref().is_some_and(|s| s.queued && s.receipt.is_none());
        use_effect_with(queued, move |queued| {
            let alive = std::rc::Rc::new(std::cell::Cell::new(*queued));
            let mut listener = None;
            let just_opened = std::mem::replace(&mut *opened.borrow_mut(), false);
            if *queued {
                if just_opened {
                    start.emit(());
                }
                let on_online = {
                    let start = start.clone();
                    wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || start.emit(()))
                };
                if let Some(w) = web_sys::window() {
                    use wasm_bindgen::JsCast;
                    let _ = w.add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
                }
                listener = Some(on_online);
                let alive = alive.clone();
                let start = start.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    loop {
                        yew::platform::time::sleep(Duration::from_secs(15)).await;
                        if !alive.get() {
                            break;
                        }
                        start.emit(());
                    }
                });
            }
            move || {
                alive.set(false);
                if let (Some(l), Some(w)) = (listener, web_sys::window()) {
                    use wasm_bindgen::JsCast;
                    let _ = w.remove_event_listener_with_callback("online", l.as_ref().unchecked_ref());
                }
            }
        });
    }

    let onclick = {
        let start = start.clone();
        Callback::from(move |_: MouseEvent| start.emit(()))
    };
    let back = {
        let shared = shared.clone();
        Callback::from(move |_: MouseEvent| shared.dispatch(Action::GoTo(Step::Check)))
    };
    let status = match &*progress {
        None => Html::default(),
        Some(Progress::Hashing { done, total }) => html! {
            <div class="progress" role="status" data-testid="progress-hashing">
                <label for="submit-progress">{ t.format("app-submit-hashing", &[
                    ("done", Value::from(i64::try_from(*done + 1).unwrap_or(0))),
                    ("total", Value::from(i64::try_from(*total).unwrap_or(0)))]) }</label>
                <progress id="submit-progress" max={total.to_string()} value={done.to_string()}></progress>
            </div>
        },
        Some(Progress::Signing) => html! { <p role="status">{ t.text("app-submit-signing") }</p> },
        Some(Progress::Sending { attempt }) => html! {
            <p role="status" data-testid="sending">{ t.format("app-submit-sending", &[("attempt", Value::from(i64::from(*attempt)))]) }</p>
        },
        Some(Progress::Queued { reason }) => html! { <p class="hint">{ reason.clone() }</p> },
        Some(Progress::Sent(_)) => Html::default(),
        Some(Progress::Refused { status, reason }) => html! {
            <div class="panel panel--blocker" role="alert" data-testid="refused">
                <p>{ t.format("app-submit-refused", &[("status", Value::from(i64::from(*status)))]) }</p>
                <p>{ reason.clone() }</p>
            </div>
        },
        Some(Progress::Failed(why)) => html! {
            <div class="panel panel--blocker" role="alert" data-testid="failed">
                <p>{ t.format("app-submit-failed", &[("reason", Value::from(why.as_str()))]) }</p>
            </div>
        },
    };

    html! {
        <>
            <h1 class="heading-l" tabindex="-1" id="page-heading">{ t.text("app-submit-heading") }</h1>
            if let Some(receipt) = &receipt {
                { receipt_view(&shared, receipt) }
            } else {
                <p>{ t.text("app-submit-intro") }</p>
                <p class="inset">{ t.format("app-submit-where", &[("endpoint", Value::from(submit::endpoint(&shared.host.config)))]) }</p>
                if submission.as_ref().is_some_and(|s| s.queued) {
                    <div class="panel panel--warning" role="status" data-testid="queued">
                        <p>{ t.text("app-submit-queued") }</p>
                    </div>
                }
                { status }
                if !shared.report.may_submit {
                    <p class="panel panel--blocker" role="alert">{ t.text("app-continue-blocked") }</p>
                } else {
                    <div class="button-group">
                        <button type="button" class="button" data-testid="send" disabled={busy} {onclick}>
                            { t.text(if submission.as_ref().is_some_and(|s| s.queued) { "app-submit-retry" } else { "app-submit-send" }) }
                        </button>
                        <button type="button" class="button button--secondary" onclick={back}>{ t.text("app-back") }</button>
                    </div>
                }
            }
        </>
    }
}
