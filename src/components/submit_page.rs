//! Send: sign the package and send it to the portal, with progress; then the receipt. A second
//! click, a reload or a retry sends the same bundle (same id); while the portal cannot be
//! reached the bundle waits in this browser and goes when the connection is back.

use crate::context::Shared;
use crate::draft::{Action, Signer, Step, Submission};
use crate::submit::{self, Progress};
use anyqtama_core::Date;
use anyqtama_i18n::Value;
use yew::prelude::*;

/// Builds (or takes from the outbox) and sends the bundle of the current draft; records the
/// bundle id first (so every later try is the same bundle), then the receipt or the queueing.
async fn send(shared: Shared, progress: Callback<Progress>) {
    let id = shared.draft.submission.as_ref().map_or_else(submit::new_bundle_id, |s| s.id.clone());
    let signer = shared.draft.submission.as_ref().and_then(|s| s.signer.clone());
    let submission = |queued, receipt| Submission { id: id.clone(), queued, receipt, signer: signer.clone() };
    shared.dispatch(Action::Submission(Box::new(submission(false, None))));
    let report: std::rc::Rc<dyn Fn(Progress)> = {
        let progress = progress.clone();
        std::rc::Rc::new(move |p: Progress| progress.emit(p))
    };
    let version = shared.rules().version.clone();
    let outcome = submit::send(&shared, &id, &version, report).await;
    match &outcome {
        Progress::Sent(receipt) => {
            shared.dispatch(Action::Submission(Box::new(submission(false, Some(receipt.clone())))))
        }
        Progress::Queued { .. } => shared.dispatch(Action::Submission(Box::new(submission(true, None)))),
        _ => {}
    }
    progress.emit(outcome);
}

/// Has the applicant sign the bundle with their EDS (NCALayer); records the signer, whose
/// signed bundle then waits in the outbox for "Send".
async fn sign(shared: Shared, progress: Callback<Progress>) {
    let id = shared.draft.submission.as_ref().map_or_else(submit::new_bundle_id, |s| s.id.clone());
    let submission = |signer| Submission { id: id.clone(), queued: false, receipt: None, signer };
    shared.dispatch(Action::Submission(Box::new(submission(None))));
    let report: std::rc::Rc<dyn Fn(Progress)> = {
        let progress = progress.clone();
        std::rc::Rc::new(move |p: Progress| progress.emit(p))
    };
    let version = shared.rules().version.clone();
    let outcome = submit::sign_eds(&shared, &id, &version, report).await;
    if let Progress::EdsSigned(signer) = &outcome {
        shared.dispatch(Action::Submission(Box::new(submission(Some(signer.clone())))));
    }
    progress.emit(outcome);
}

/// The signer's rows: name, IIN (or BIN), and, when known, the certificate's last valid day.
fn signer_rows(shared: &Shared, signer: &Signer) -> Html {
    let t = &shared.t;
    let row = |key: &str, value: String, testid: &str| {
        html! {
            <div class="summary__row">
                <dt class="summary__key">{ t.text(key) }</dt>
                <dd class="summary__value" data-testid={testid.to_string()}>{ value }</dd>
            </div>
        }
    };
    let until = signer
        .not_after
        .as_deref()
        .map(|d| Date::parse(d).map(|d| t.date(d)).unwrap_or_else(|_| d.to_string()));
    html! {
        <dl class="summary">
            { row("app-eds-name", signer.name.clone().unwrap_or_default(), "signer-name") }
            if let Some(iin) = &signer.iin { { row("app-eds-iin", iin.clone(), "signer-iin") } }
            if let Some(bin) = &signer.bin { { row("app-eds-bin", bin.clone(), "signer-bin") } }
            if let Some(until) = until { { row("app-eds-until", until, "signer-until") } }
        </dl>
    }
}

/// Why the bundle was not signed, in the applicant's language, and what to do.
fn eds_problem(shared: &Shared, code: &str, detail: &str, signer: Option<&Signer>) -> Html {
    let t = &shared.t;
    let key = match code {
        "eds.unreachable"
        | "eds.cancelled"
        | "eds.timeout"
        | "eds.unreadable"
        | "eds.not_signing_certificate"
        | "eds.iin_mismatch" => format!("app-{}", code.replace(['.', '_'], "-")),
        _ => "app-eds-error".to_string(),
    };
    let message = t.format(
        &key,
        &[
            ("detail", Value::from(detail)),
            ("signer", Value::from(signer.and_then(|s| s.iin.as_deref()).unwrap_or("—"))),
            ("iin", Value::from(shared.draft.application.answer("iin").unwrap_or("—"))),
        ],
    );
    html! {
        <div class="panel panel--blocker" role="alert" tabindex="-1" id="eds-problem" data-testid="eds-problem" data-code={code.to_string()}>
            <h2 class="heading-m">{ t.text("app-eds-not-signed") }</h2>
            <p>{ message }</p>
            <p>{ t.text("app-eds-kept") }</p>
        </div>
    }
}

/// The receipt: every field the portal gave, the registration number large; "Print" (a print
/// style sheet leaves only the receipt) and "Save" (a text file named by the registration
/// number, from a `data:` link: no script, no extra browser API).
fn receipt_view(shared: &Shared, receipt: &crate::draft::Receipt) -> Html {
    let t = &shared.t;
    let date = |s: &str| Date::parse(s).map(|d| t.date_with_weekday(d)).unwrap_or_else(|_| s.to_string());
    // RFC 3339 in UTC (`…T14:00:00Z`, docs/SERVER.md): to the minute, and said to be UTC.
    let mut received = receipt.received_at.get(..16).unwrap_or(&receipt.received_at).replace('T', " ");
    if receipt.received_at.ends_with('Z') {
        received.push_str(" UTC");
    }
    let rows = [
        ("app-receipt-number", receipt.registration_number.clone()),
        ("app-receipt-received", received),
        ("app-receipt-registered", date(&receipt.registered_on)),
        ("app-receipt-decision", date(&receipt.expected_decision)),
        ("app-receipt-portal", shared.portal_name()),
        ("app-receipt-id", receipt.id.clone()),
    ];
    let heading = t.text("app-receipt-heading");
    let mut file = format!("{heading}\n\n");
    for (key, value) in &rows {
        file.push_str(&format!("{}: {value}\n", t.text(key)));
    }
    let href = format!("data:text/plain;charset=utf-8,{}", js_sys::encode_uri_component(&file));
    let number: String = receipt
        .registration_number
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' })
        .collect();
    let print = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let rows = rows.into_iter().enumerate().map(|(i, (key, value))| {
        html! {
            <div class="summary__row">
                <dt class="summary__key">{ t.text(key) }</dt>
                if i == 0 {
                    <dd class="summary__value receipt__number" data-testid="receipt-number">{ value }</dd>
                } else {
                    <dd class="summary__value">{ value }</dd>
                }
            </div>
        }
    });
    html! {
        <div class="panel panel--ready receipt" data-testid="receipt" role="status">
            <dl class="summary">{ for rows }</dl>
            if let Some(signer) = &receipt.signer {
                <h2 class="heading-m">{ t.text("app-eds-signed") }</h2>
                { signer_rows(shared, signer) }
            }
            <p>{ t.text("app-receipt-kept") }</p>
            <div class="button-group no-print">
                <button type="button" class="button" data-testid="receipt-print" onclick={print}>{ t.text("app-receipt-print") }</button>
                <a class="button button--secondary" data-testid="receipt-save" href={href}
                    download={format!("receipt-{number}.txt")}>{ t.text("app-receipt-save") }</a>
            </div>
        </div>
    }
}

#[component]
pub fn SubmitPage() -> Html {
    let shared = use_context::<Shared>().expect("shared context");
    let progress = use_state(|| None::<Progress>);
    let busy = matches!(
        *progress,
        Some(Progress::Hashing { .. } | Progress::Signing | Progress::Eds | Progress::Sending { .. })
    );
    let wants_eds = shared.host.config.signature.wants_eds();
    let t = &shared.t;
    let submission = shared.draft.submission.clone();
    let receipt = submission.as_ref().and_then(|s| s.receipt.clone());
    let signer = submission.as_ref().and_then(|s| s.signer.clone());

    // The outcome of signing is announced and takes the focus, so that a keyboard or screen
    // reader user lands on it: the problem, or who signed (with "Send" right after it).
    {
        let host = shared.host.clone();
        let target = match &*progress {
            Some(Progress::EdsRefused { .. }) => Some("eds-problem"),
            Some(Progress::EdsSigned(_)) => Some("eds-signer"),
            _ => None,
        };
        use_effect_with(target, move |target| {
            if let Some(id) = target {
                host.focus(id);
            }
        });
    }
    // One submission (or signature) at a time: a second click while one runs does nothing (and,
    // once the id is in the draft, any later one sends the same bundle). `true` signs with the EDS.
    let in_flight = use_mut_ref(|| false);
    let run = {
        let shared = shared.clone();
        let progress = progress.clone();
        Callback::from(move |eds: bool| {
            if std::mem::replace(&mut *in_flight.borrow_mut(), true) {
                return;
            }
            let set = progress.setter();
            let on = Callback::from(move |p: Progress| set.set(Some(p)));
            let (shared, in_flight) = (shared.clone(), in_flight.clone());
            wasm_bindgen_futures::spawn_local(async move {
                if eds {
                    sign(shared, on).await;
                } else {
                    send(shared, on).await;
                }
                *in_flight.borrow_mut() = false;
            });
        })
    };
    let start = run.reform(|()| false);
    let start_sign = run.reform(|_: MouseEvent| true);

    // A queued bundle is tried again when the page opens, when the browser is back online, and
    // every 15 s (not at once when it has just been queued: three tries have just failed).
    let opened = use_mut_ref(|| true);
    {
        let start = start.clone();
        let queued = submission.as_ref().is_some_and(|s| s.queued && s.receipt.is_none());
        use_effect_with(queued, move |queued| {
            let just_opened = std::mem::replace(&mut *opened.borrow_mut(), false);
            // Both are removed when dropped (gloo-events, gloo-timers).
            let mut retries = None;
            if *queued {
                if just_opened {
                    start.emit(());
                }
                let on_online = start.clone();
                let online = web_sys::window()
                    .map(|w| gloo_events::EventListener::new(&w, "online", move |_| on_online.emit(())));
                let every = gloo_timers::callback::Interval::new(15_000, move || start.emit(()));
                retries = Some((online, every));
            }
            move || drop(retries)
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
        Some(Progress::Eds) => {
            html! { <p role="status" data-testid="eds-waiting">{ t.text("app-eds-waiting") }</p> }
        }
        Some(Progress::EdsSigned(_)) => Html::default(),
        Some(Progress::EdsRefused { code, detail, signer }) => {
            eds_problem(&shared, code, detail, signer.as_ref())
        }
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
            // Once sent, the page is the receipt's (what is printed starts with its heading).
            <h1 class="heading-l" tabindex="-1" id="page-heading">
                { t.text(if receipt.is_some() { "app-receipt-heading" } else { "app-submit-heading" }) }
            </h1>
            if let Some(receipt) = &receipt {
                { receipt_view(&shared, receipt) }
            } else {
                <p>{ t.text(if wants_eds { "app-submit-intro-eds" } else { "app-submit-intro" }) }</p>
                <p class="inset" data-testid="submit-where">{ t.format("app-submit-where", &[("portal", Value::from(shared.portal_name()))]) }</p>
                if submission.as_ref().is_some_and(|s| s.queued) {
                    <div class="panel panel--warning" role="status" data-testid="queued">
                        <p>{ t.text("app-submit-queued") }</p>
                    </div>
                }
                { status }
                if !shared.report.may_submit {
                    <p class="panel panel--blocker" role="alert">{ t.text("app-continue-blocked") }</p>
                } else if wants_eds && signer.is_none() {
                    <p>{ t.text("app-eds-intro") }</p>
                    <div class="button-group">
                        <button type="button" class="button" data-testid="sign-eds" disabled={busy} onclick={start_sign}>
                            { t.text(if matches!(*progress, Some(Progress::EdsRefused { .. })) { "app-eds-sign-again" } else { "app-eds-sign" }) }
                        </button>
                        <button type="button" class="button button--secondary" onclick={back}>{ t.text("app-back") }</button>
                    </div>
                } else {
                    if let Some(signer) = &signer {
                        <div class="panel panel--ready" role="status" tabindex="-1" id="eds-signer" data-testid="signer">
                            <h2 class="heading-m">{ t.text("app-eds-signed") }</h2>
                            { signer_rows(&shared, signer) }
                        </div>
                    }
                    <div class="button-group">
                        <button type="button" class="button" data-testid="send" disabled={busy} {onclick}>
                            { t.text(match (submission.as_ref().is_some_and(|s| s.queued), signer.is_some()) {
                                (true, _) => "app-submit-retry",
                                // Signed already (EDS): the button only sends.
                                (false, true) => "app-submit-send-signed",
                                (false, false) => "app-submit-send",
                            }) }
                        </button>
                        <button type="button" class="button button--secondary" onclick={back}>{ t.text("app-back") }</button>
                    </div>
                }
            }
        </>
    }
}
