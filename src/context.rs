//! What every page needs, handed down by a yew context: the texts in the chosen language, the
//! regulation (built in, or newer data from the portal), the draft and its dispatcher, today's
//! date, and the core's report on the draft (recomputed after every change).

use crate::draft::{Action, Draft, Step};
use crate::embed::Host;
use crate::storage::Store;
use anyqtama_core::report::{Finding, Report, Severity, Target};
use anyqtama_core::rules::RuleSet;
use anyqtama_core::{Date, Regulation};
use anyqtama_i18n::Localizer;
use std::rc::Rc;
use yew::UseReducerHandle;

#[derive(Clone)]
pub struct Shared {
    pub t: Rc<Localizer>,
    pub regulation: Rc<Regulation>,
    pub draft: UseReducerHandle<Draft>,
    pub report: Rc<Report>,
    pub today: Date,
    /// The host page: its configuration, and where the widget's events go.
    pub host: Host,
    /// This widget's drafts and files in the browser.
    pub store: Store,
}

impl PartialEq for Shared {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.t, &other.t)
            && Rc::ptr_eq(&self.regulation, &other.regulation)
            && self.draft == other.draft
            && Rc::ptr_eq(&self.report, &other.report)
            && self.today == other.today
            && self.host == other.host
            && self.store == other.store
    }
}

impl Shared {
    /// The rule set the report used (the one in force on the application date).
    pub fn rules(&self) -> &RuleSet {
        let rules = &self.regulation.rules;
        self.report
            .rules_version
            .as_ref()
            .and_then(|v| rules.all().iter().find(|r| &r.version == v))
            .or_else(|| rules.latest())
            .expect("the build has rules")
    }

    /// The portal's name as the host configured it (`portalName`), else "the portal".
    pub fn portal_name(&self) -> String {
        self.host.config.portal_name.clone().unwrap_or_else(|| self.t.text("app-portal-default"))
    }

    /// The receipt of the draft, once the portal has given it.
    pub fn receipt(&self) -> Option<&crate::draft::Receipt> {
        self.draft.submission.as_ref().and_then(|s| s.receipt.as_ref())
    }

    pub fn dispatch(&self, action: Action) {
        self.draft.dispatch(action);
    }

    pub fn kind(&self) -> Option<&str> {
        self.draft.application.kind().filter(|k| self.rules().kind(k).is_some())
    }

    pub fn answer(&self, field: &str) -> String {
        self.draft.application.answers.get(field).cloned().unwrap_or_default()
    }

    /// A finding's message in the chosen language.
    pub fn message(&self, f: &Finding) -> String {
        self.t.finding(f, self.rules())
    }

    /// The blockers about `target`, shown once "continue" was pressed on `step`.
    pub fn errors_for(&self, step: &Step, target: &Target) -> Vec<&Finding> {
        if !self.draft.is_validated(step) {
            return Vec::new();
        }
        self.report
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Blocker && &f.target == target)
            .collect()
    }

    /// The warnings and notes about `target`, shown at all times.
    pub fn advice_for(&self, target: &Target) -> Vec<&Finding> {
        self.report
            .findings
            .iter()
            .filter(|f| f.severity != Severity::Blocker && &f.target == target)
            .collect()
    }
}

/// The `id` of the input of a form field, and of its error and hint.
pub fn field_id(field: &str) -> String {
    format!("field-{field}")
}

/// The `id` of a checklist item's block on the documents page.
pub fn item_id(item: &str) -> String {
    format!("item-{item}")
}
