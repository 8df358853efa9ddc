//! The applicant's draft: the application as typed, where they are in the journey, and the
//! language they chose — the whole state of the form, changed only by [`Action`]s through
//! [`Draft::reduce`] (yew's `use_reducer`), and saved to the browser after every change.

use anyqtama_core::application::{Application, FileRef};
use anyqtama_core::json::{self, FromJson, Obj, Value};
use anyqtama_core::Lang;
use serde::Serialize;
use std::rc::Rc;
use yew::Reducible;

/// The version of the saved draft's shape; a draft of another version is not restored.
pub const DRAFT_VERSION: u32 = 1;

/// A page of the journey.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "page", content = "id", rename_all = "snake_case")]
pub enum Step {
    /// A section of the A1 form, by its id in the rule data.
    Section(String),
    /// The checklist of documents for the kind of request.
    Documents,
    /// Check your answers, consent, and every blocker.
    Check,
    /// The filled application laid out like the official A1 form, and the checklist.
    Print,
    /// Sign the package and send it to the portal; then the receipt.
    Submit,
}

/// `{"page": "section", "id": "…"}`, `{"page": "check"}` (as serde writes the adjacently tagged enum).
impl FromJson for Step {
    fn from_json(v: &Value) -> Result<Self, json::Error> {
        let o = Obj::new(v)?;
        let page = o.get("page").ok_or_else(|| json::Error::new("missing field `page`"))?;
        Ok(match json::variant(page, &["section", "documents", "check", "print", "submit"])? {
            0 => Step::Section(o.req("id")?),
            1 => Step::Documents,
            2 => Step::Check,
            3 => Step::Print,
            _ => Step::Submit,
        })
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Draft {
    pub version: u32,
    pub lang: Lang,
    pub step: Step,
    pub application: Application,
    /// Once "check your answers" has been reached, "continue" from a changed page returns there.
    pub reached_check: bool,
    /// The pages where "continue" was pressed: their errors are shown (and then update live).
    pub validated: Vec<Step>,
    /// The submission of this draft, once started: its bundle id is fixed from the first try, so
    /// every retry (and a second click) is the same bundle to the portal (`Idempotency-Key`).
    pub submission: Option<Submission>,
}

/// Where a submission stands.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Submission {
    /// The bundle's UUID (its `External-Identifier` and the `Idempotency-Key`).
    pub id: String,
    /// The built bundle waits in IndexedDB (`outbox/<id>`) until the portal has it.
    pub queued: bool,
    /// The portal's receipt, once sent: the submission is then done and the draft archived.
    pub receipt: Option<Receipt>,
    /// Who signed the bundle with an electronic signature (NCALayer), when the portal asks for
    /// one: the signed bundle is then in the outbox, ready to send.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signer: Option<Signer>,
}

/// Who signed the bundle (the submit worker writes it, the page reads it: one type for both).
pub use anyqtama_core::signer::Signer;

/// The portal's receipt for a bundle (the fields the widget shows; docs/SERVER.md has them all).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Receipt {
    pub id: String,
    pub registration_number: String,
    pub received_at: String,
    pub registered_on: String,
    pub expected_decision: String,
    /// The applicant's status token: with it, `GET /api/receipts/{registration_number}` answers
    /// this receipt again (docs/SERVER.md). Kept with the draft; empty from older servers.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub status_token: String,
    /// The signer the portal verified (when it requires an electronic signature).
    pub signer: Option<Signer>,
}

// Reading a saved draft (anyqtama_core::json; the fields read with `opt` may be absent: drafts
// of older versions of the widget, receipts of older servers).

impl FromJson for Draft {
    fn from_json(v: &Value) -> Result<Self, json::Error> {
        let o = Obj::new(v)?;
        Ok(Draft {
            version: o.req("version")?,
            lang: o.req("lang")?,
            step: o.req("step")?,
            application: o.req("application")?,
            reached_check: o.opt("reached_check")?,
            validated: o.opt("validated")?,
            submission: o.opt("submission")?,
        })
    }
}

impl FromJson for Submission {
    fn from_json(v: &Value) -> Result<Self, json::Error> {
        let o = Obj::new(v)?;
        Ok(Submission {
            id: o.req("id")?,
            queued: o.opt("queued")?,
            receipt: o.opt("receipt")?,
            signer: o.opt("signer")?,
        })
    }
}

/// Every field may be absent.
impl FromJson for Receipt {
    fn from_json(v: &Value) -> Result<Self, json::Error> {
        let o = Obj::new(v)?;
        Ok(Receipt {
            id: o.opt("id")?,
            registration_number: o.opt("registration_number")?,
            received_at: o.opt("received_at")?,
            registered_on: o.opt("registered_on")?,
            expected_decision: o.opt("expected_decision")?,
            status_token: o.opt("status_token")?,
            signer: o.opt("signer")?,
        })
    }
}

impl Draft {
    pub fn new(lang: Lang, first: Step) -> Draft {
        let mut application = Application::new();
        application.schema = anyqtama_core::application::SCHEMA_VERSION;
        Draft {
            version: DRAFT_VERSION,
            lang,
            step: first,
            application,
            reached_check: false,
            validated: Vec::new(),
            submission: None,
        }
    }

    /// A new application, dated `today` (the applicant can change the date).
    pub fn dated(lang: Lang, first: Step, today: anyqtama_core::Date) -> Draft {
        let mut draft = Draft::new(lang, first);
        draft.application.set("application_date", today.to_string());
        draft
    }

    /// Whether the errors of `step` are to be shown.
    pub fn is_validated(&self, step: &Step) -> bool {
        self.validated.contains(step)
    }
}

/// Everything that changes a draft.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    SetLang(Lang),
    /// An answer of the A1 form, as typed.
    Answer {
        field: String,
        value: String,
    },
    /// A confirmation about a checklist document ticked or unticked.
    Confirm {
        item: String,
        confirmation: String,
        yes: bool,
    },
    /// A checklist document's expiry date, as typed.
    Expiry {
        item: String,
        value: String,
    },
    /// A file attached to a checklist item (a file of the same name is replaced).
    Attach {
        item: String,
        file: FileRef,
    },
    Detach {
        item: String,
        name: String,
    },
    /// Remember that "continue" was pressed on this page (show its errors).
    Validated(Step),
    GoTo(Step),
    /// The submission started (its bundle id), was queued, or got its receipt.
    Submission(Box<Submission>),
    /// Replace the whole draft (restored from storage, or started again).
    Replace(Box<Draft>),
}

impl Reducible for Draft {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut d = (*self).clone();
        match action {
            Action::SetLang(lang) => d.lang = lang,
            Action::Answer { field, value } => {
                d.application.answers.insert(field, value);
            }
            Action::Confirm { item, confirmation, yes } => {
                let doc = d.application.document_mut(&item);
                if yes {
                    doc.confirmed.insert(confirmation);
                } else {
                    doc.confirmed.remove(&confirmation);
                }
            }
            Action::Expiry { item, value } => {
                d.application.document_mut(&item).expires_on = Some(value).filter(|v| !v.is_empty());
            }
            Action::Attach { item, file } => {
                let doc = d.application.document_mut(&item);
                doc.files.retain(|f| f.name != file.name);
                doc.files.push(file);
            }
            Action::Detach { item, name } => {
                d.application.document_mut(&item).files.retain(|f| f.name != name)
            }
            Action::Validated(step) => {
                if !d.validated.contains(&step) {
                    d.validated.push(step);
                }
            }
            Action::GoTo(step) => {
                if step == Step::Check {
                    d.reached_check = true;
                }
                d.step = step;
            }
            Action::Submission(s) => d.submission = Some(*s),
            Action::Replace(draft) => return Rc::new(*draft),
        }
        // A signature is of the application as it was: a change asks for a new one (the worker
        // then builds the bundle again, its order being another).
        if d.application != self.application {
            if let Some(s) = d.submission.as_mut().filter(|s| s.receipt.is_none()) {
                s.signer = None;
            }
        }
        if d == *self {
            self
        } else {
            Rc::new(d)
        }
    }
}

/// The key under which a file's bytes are kept in the browser (IndexedDB).
pub fn file_key(item: &str, name: &str) -> String {
    format!("{item}/{name}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> Rc<Draft> {
        Rc::new(Draft::new(Lang::Kk, Step::Section("request".into())))
    }

    fn file(name: &str, size: u64) -> FileRef {
        FileRef { name: name.into(), size, media_type: "application/pdf".into(), sha256: None }
    }

    #[test]
    fn answers_and_documents_change_only_through_actions() {
        let d = draft().reduce(Action::Answer { field: "surname".into(), value: "Ivanov".into() });
        assert_eq!(d.application.answer("surname"), Some("Ivanov"));
        let d = d.reduce(Action::Attach { item: "work-record".into(), file: file("a.pdf", 1) });
        let d = d.reduce(Action::Attach { item: "work-record".into(), file: file("a.pdf", 2) });
        let files = &d.application.document("work-record").unwrap().files;
        assert_eq!(files.len(), 1, "a file of the same name replaces the earlier one");
        assert_eq!(files[0].size, 2);
        let d = d.reduce(Action::Confirm {
            item: "work-record".into(),
            confirmation: "notarised_copy".into(),
            yes: true,
        });
        assert!(d.application.document("work-record").unwrap().confirmed.contains("notarised_copy"));
        let d = d.reduce(Action::Detach { item: "work-record".into(), name: "a.pdf".into() });
        assert!(d.application.document("work-record").unwrap().files.is_empty());
    }

    #[test]
    fn a_change_to_the_application_after_signing_asks_for_a_new_signature() {
        let signer = Signer { iin: Some("123456789011".into()), ..Signer::default() };
        let signed = Submission { id: "b".into(), queued: false, receipt: None, signer: Some(signer) };
        let d = draft().reduce(Action::Submission(Box::new(signed.clone())));
        let moved = d.clone().reduce(Action::GoTo(Step::Check));
        assert!(moved.submission.as_ref().unwrap().signer.is_some(), "moving around keeps it");
        let changed = moved.reduce(Action::Answer { field: "iin".into(), value: "791028302728".into() });
        let s = changed.submission.as_ref().unwrap();
        assert_eq!((s.id.as_str(), s.signer.as_ref()), ("b", None), "same bundle id, no signer");
        // A sent application keeps the signer the receipt was for.
        let sent = Submission { receipt: Some(Receipt::default()), ..signed };
        let d = draft().reduce(Action::Submission(Box::new(sent)));
        let d = d.reduce(Action::Answer { field: "surname".into(), value: "X".into() });
        assert!(d.submission.as_ref().unwrap().signer.is_some());
    }

    #[test]
    fn an_action_that_changes_nothing_keeps_the_same_state() {
        // use_reducer skips the re-render when the same Rc comes back.
        let d = draft().reduce(Action::SetLang(Lang::Ru));
        let again = d.clone().reduce(Action::SetLang(Lang::Ru));
        assert!(Rc::ptr_eq(&d, &again));
    }

    #[test]
    fn every_step_reads_back_from_the_json_the_derived_writer_makes() {
        let steps =
            [Step::Section("applicant".into()), Step::Documents, Step::Check, Step::Print, Step::Submit];
        for step in steps {
            let json = serde_json::to_string(&step).unwrap();
            assert_eq!(json::from_str::<Step>(&json).unwrap(), step, "{json}");
        }
        assert_eq!(
            json::from_str::<Step>(r#"{"id":"events","page":"section"}"#).unwrap(),
            Step::Section("events".into())
        );
        assert!(json::from_str::<Step>(r#"{"page":"section"}"#).is_err());
        assert!(json::from_str::<Step>(r#"{"page":"elsewhere"}"#).is_err());
    }

    #[test]
    fn reaching_check_your_answers_is_remembered_and_the_draft_round_trips() {
        let d =
            draft().reduce(Action::GoTo(Step::Check)).reduce(Action::GoTo(Step::Section("applicant".into())));
        assert!(d.reached_check);
        let json = serde_json::to_string(&*d).unwrap();
        let back: Draft = json::from_str(&json).unwrap();
        assert_eq!(back, *d);
    }
}
