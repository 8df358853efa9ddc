//! The verdict: findings with a stable code, a severity, what they concern, a message and a cite.
//!
//! A finding's text is not here: `message` is a Fluent id whose kk/ru/en texts live in
//! `locales/*/core.ftl`, and `args` fill it. Every code the checker can emit is listed in
//! [`CODES`]; a test keeps that list, the checker and the locale files in step.

use crate::calendar::Count;
use crate::date::Date;
use crate::text::Localized;
use crate::vecmap::VecMap;
use serde::{Deserialize, Serialize};

/// How much a finding matters. Any blocker means the package may not be submitted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Blocker,
    Warning,
    Note,
}

impl crate::json::FromJson for Severity {
    #[inline(never)]
    fn from_json(v: &crate::json::Value) -> Result<Self, crate::json::Error> {
        const ALL: [Severity; 3] = [Severity::Blocker, Severity::Warning, Severity::Note];
        Ok(ALL[crate::json::variant(v, &["blocker", "warning", "note"])?])
    }
}

impl Severity {
    pub fn key(self) -> &'static str {
        match self {
            Severity::Blocker => "blocker",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// What a finding concerns: a field of the form, an item of the checklist, or the whole package.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "type", content = "id", rename_all = "lowercase")]
pub enum Target {
    Field(String),
    Item(String),
    Package,
}

/// An argument of a finding's message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "lowercase")]
pub enum Arg {
    Text(String),
    Number(i64),
    Date(Date),
    /// A date shown with its weekday ("Fri 4 Dec 2026").
    Day(Date),
    /// The label of a form field, by id (shown in the reader's language).
    Field(String),
    /// The label of a checklist item, by id.
    Item(String),
    /// The label of a property to confirm (notarised, translated …), by id.
    Confirmation(String),
    /// The label of a kind of request, by id.
    Kind(String),
    /// A text that comes with the data, in three languages.
    Label(Localized),
}

/// One thing the check found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable, dotted: `iin.check_digit`, `checklist.missing`, `deadline.overdue`.
    pub code: String,
    pub severity: Severity,
    pub target: Target,
    /// The Fluent message id (see [`message_id`]).
    pub message: String,
    pub args: VecMap<String, Arg>,
    /// The paragraph or annex the finding comes from: `P18`, `A2`, `A1`.
    pub cite: String,
    /// For deadlines: how the date was counted.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub count: Option<Count>,
}

impl Finding {
    pub fn new(code: &str, severity: Severity, target: Target, cite: &str) -> Finding {
        Finding {
            code: code.to_string(),
            severity,
            target,
            message: message_id(code),
            args: VecMap::new(),
            cite: cite.to_string(),
            count: None,
        }
    }

    pub fn arg(mut self, name: &str, value: Arg) -> Finding {
        self.args.insert(name.to_string(), value);
        self
    }

    pub fn with_count(mut self, count: Count) -> Finding {
        self.count = Some(count);
        self
    }
}

/// The Fluent id of a code's message: `iin.check_digit` → `finding-iin-check-digit`.
pub fn message_id(code: &str) -> String {
    // Whole parts between the separators, not char by char: this runs for every finding of every
    // keystroke, and char by char it was 9 % of the check.
    let mut id = String::with_capacity(code.len() + 8);
    id.push_str("finding");
    for part in code.split(['.', '_']) {
        id.push('-');
        id.push_str(part);
    }
    id
}

/// Every code the checker emits, with the Fluent message arguments it fills.
pub const CODES: &[&str] = &[
    // rule-set selection
    "rules.none_in_force",
    "rules.provisional_start",
    // the form (A1)
    "field.required",
    "field.too_long",
    "field.not_a_date",
    "field.date_part_missing",
    "field.date_part_invalid",
    "field.date_no_such_day",
    "field.date_in_future",
    "field.date_too_old",
    "field.unknown_choice",
    "field.not_confirmed",
    "iin.empty",
    "iin.length",
    "iin.not_digits",
    "iin.birth_date",
    "iin.century_digit",
    "iin.check_digit",
    "bin_or_iin.length",
    "bin_or_iin.not_digits",
    "bin_or_iin.birth_date",
    "bin_or_iin.century_digit",
    "bin_or_iin.month",
    "bin_or_iin.kind_digit",
    "bin_or_iin.unit_digit",
    "bin_or_iin.check_digit",
    "phone.format",
    "phone.not_kazakhstan",
    "document_number.format",
    "identity_document.expired",
    "identity_document.expires_before_decision",
    "field.not_before",
    // profession and sector (A2 refusal ground 1)
    "profession.list_not_loaded",
    "profession.list_is_sample",
    "profession.not_in_list",
    "profession.sector_mismatch",
    "scoring.not_loaded",
    // the checklist (A2)
    "checklist.missing",
    "checklist.group_missing",
    "checklist.not_confirmed",
    "checklist.expired",
    "checklist.expiry_missing",
    "checklist.too_many_files",
    "file.type_refused",
    "file.too_large",
    "file.empty",
    "package.too_large",
    // time limits
    "deadline.overdue",
    "deadline.due_soon",
    "deadline.in_time",
    "deadline.provisional",
    "decision.expected",
    "extension.end",
    "extension.capped",
    "extension.contract_ended",
];

/// The verdict on an application.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// The rule set used (the one in force on the application date), if any.
    pub rules_version: Option<String>,
    pub calendar_version: String,
    pub today: Date,
    pub kind: Option<String>,
    /// Blockers first, then warnings, then notes; within each, in the order of the form.
    pub findings: Vec<Finding>,
    pub blockers: usize,
    pub warnings: usize,
    pub notes: usize,
    /// False while any blocker remains.
    pub may_submit: bool,
}

impl Report {
    /// The findings about one field.
    pub fn for_field<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Finding> + 'a {
        self.findings.iter().filter(move |f| matches!(&f.target, Target::Field(x) if x == id))
    }
    /// The findings about one checklist item.
    pub fn for_item<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Finding> + 'a {
        self.findings.iter().filter(move |f| matches!(&f.target, Target::Item(x) if x == id))
    }
}
