//! The rule set: kinds of request and their checklists (A2), the application form (A1), the
//! time limits, file limits and working hours — all data, each rule citing its paragraph.
//!
//! A rule set has a version and the date from which it applies; [`RuleSets::in_force`] picks
//! the one in force on a date. The built-in set is compiled in (`data/rules/*.json`); a portal
//! can load a newer one at run time with [`RuleSets::load_json`].

use crate::date::{Date, LocalTime};
use crate::json::{self, FromJson, Obj, Value};
use crate::report::Severity;
use crate::text::Localized;
use serde::{Deserialize, Serialize};

pub const FORMAT: &str = "anyqtama-rules/1";

/// A kind of request, by id: `issue`, `extend`, `reissue-identity`, `reissue-employer`, `duplicate`.
pub type RequestKind = String;

/// The whole rule set of one version.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RuleSet {
    pub format: String,
    pub version: String,
    /// The first day this version applies.
    pub effective_from: Date,
    /// True when `effective_from` is an estimate (the publication date is not in our sources).
    pub effective_from_provisional: bool,
    pub effective_from_note: Option<Localized>,
    pub title: Localized,
    pub sources: Vec<String>,
    pub kinds: Vec<KindRule>,
    pub confirmations: Vec<Confirmation>,
    pub items: Vec<ChecklistItem>,
    pub form: Vec<Section>,
    pub limits: Vec<TimeLimit>,
    /// Which limits bind the applicant, counted from which form field, for which kinds.
    pub applicant_deadlines: Vec<ApplicantDeadline>,
    pub durations: Vec<Duration>,
    pub working_hours: WorkingHours,
    pub files: FileLimits,
    /// A deadline this many working days away or closer is "due soon".
    pub due_soon_working_days: u32,
}

/// One kind of request (a sub-kind of the service in A2).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KindRule {
    pub id: String,
    /// The sub-kind's number in A2 (1 issue, 2 extension, 3 re-issue, 4 duplicate).
    pub subkind: u8,
    pub label: Localized,
    pub description: Localized,
    pub checklist: Vec<ChecklistEntry>,
    /// The time limit within which the akimat decides (an id of `limits`).
    pub decision_limit: String,
    pub cite: String,
    /// Present where the rule is our reading of the text rather than its letter.
    pub our_reading: Option<Localized>,
}

/// An item of a kind's checklist and how it is required.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChecklistEntry {
    pub item: String,
    pub requirement: Requirement,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Requirement {
    /// The item must be attached.
    Required,
    /// At least one item of the group must be attached.
    OneOf { group: String, group_label: Localized },
    /// Made by the form itself (the application, A1).
    FromForm,
}

/// A property the applicant confirms about a document (notarised, translated …).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Confirmation {
    pub id: String,
    pub label: Localized,
    /// The question asked, e.g. "Is the translation notarised?"
    pub question: Localized,
    pub cite: String,
}

/// A document of the checklist.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChecklistItem {
    pub id: String,
    pub label: Localized,
    /// Why it is needed, in plain words.
    pub why: Localized,
    /// Confirmation ids the applicant must confirm.
    pub confirm: Vec<String>,
    /// Whether the document has an expiry date that must be given (A2, refusal ground 3).
    pub expiry: bool,
    pub cite: String,
    pub our_reading: Option<Localized>,
}

/// A section of the A1 form.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Section {
    pub id: String,
    pub label: Localized,
    pub fields: Vec<Field>,
}

/// A field of the A1 form.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Field {
    pub id: String,
    pub label: Localized,
    pub hint: Option<Localized>,
    #[serde(rename = "type")]
    pub field_type: FieldType,
    pub required: Required,
    /// Named validators (see [`VALIDATORS`]).
    pub validators: Vec<String>,
    pub max_len: Option<usize>,
    /// For choices: where the options come from.
    pub choices: Option<ChoiceSource>,
    /// The kinds of request for which an optional field is asked (absent: every kind). A field
    /// required only for some kinds (`if_kind`) is asked for those.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub asked_for: Option<Vec<String>>,
    pub cite: String,
}

impl Field {
    /// Whether this field is asked for `kind`: a field required for some kinds only for those
    /// (not before a kind is chosen), an optional field for the kinds of its `asked_for` (every
    /// optional field before a kind is chosen).
    pub fn is_asked(&self, kind: Option<&str>) -> bool {
        if let Required::IfKind(_) = &self.required {
            return self.required.applies(kind);
        }
        match (&self.asked_for, kind) {
            (Some(kinds), Some(kind)) => kinds.iter().any(|k| k == kind),
            _ => true,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldType {
    Text,
    Date,
    Tel,
    Choice,
    Boolean,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChoiceSource {
    Kinds,
    Akimats,
    Sectors,
    Professions,
}

/// When a field must be answered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Required {
    Always,
    Never,
    /// Only for these kinds of request.
    IfKind(Vec<String>),
}

impl Required {
    pub fn applies(&self, kind: Option<&str>) -> bool {
        match self {
            Required::Always => true,
            Required::Never => false,
            Required::IfKind(kinds) => kind.is_some_and(|k| kinds.iter().any(|x| x == k)),
        }
    }
}

/// The validators a field may name. Which field uses which is data; what each does is code.
pub const VALIDATORS: &[&str] = &[
    "iin",
    "bin_or_iin",
    "phone_kz",
    "phone_intl",
    "document_number",
    "not_future",
    "not_expired",
    "must_be_true",
];

/// A validator with an argument: `before:<field>` — this date must be earlier than that field's.
pub const BEFORE_PREFIX: &str = "before:";

/// A time limit of the regulation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TimeLimit {
    /// Also the command-line event name: `employer-change-notice`.
    pub id: String,
    pub amount: u32,
    pub unit: Unit,
    /// The event the limit counts from (an id, explained by `from_label`).
    pub from: String,
    pub from_label: Localized,
    pub label: Localized,
    pub cite: String,
    /// The severity of missing this limit, when the applicant is the one bound by it.
    pub on_overdue: Severity,
    pub our_reading: Option<Localized>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    WorkingDays,
    CalendarDays,
    Months,
    Years,
}

/// A limit that binds the applicant: counted from a date the applicant gives in the form.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ApplicantDeadline {
    pub limit: String,
    pub from_field: String,
    /// The kinds it applies to; empty means all.
    pub kinds: Vec<String>,
}

/// A length of time that is not a deadline: the certificate's term, the extension's cap.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Duration {
    pub id: String,
    pub amount: u32,
    pub unit: Unit,
    pub label: Localized,
    pub cite: String,
}

/// The local time's offset (UTC+5, all of Kazakhstan) where no rule set gives one: only when none
/// is loaded at all; a rule set's [`WorkingHours::utc_offset_minutes`] always wins.
pub const FALLBACK_UTC_OFFSET_MINUTES: i32 = 300;

/// When a submission counts as made on the same working day (A2, working schedule).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WorkingHours {
    pub closes_at: LocalTime,
    pub utc_offset_minutes: i32,
    pub cite: String,
}

/// What files may be attached.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FileLimits {
    pub accepted_media_types: Vec<String>,
    pub max_file_bytes: u64,
    pub max_files_per_item: usize,
    pub max_package_bytes: u64,
    pub cite: String,
    pub our_reading: Option<Localized>,
}

// ---- Reading the rule file (crate::json; the fields marked "or default" may be absent) -------

impl FromJson for RuleSet {
    #[inline(never)]
    fn from_json(v: &Value) -> Result<Self, json::Error> {
        let o = Obj::new(v)?;
        Ok(RuleSet {
            format: o.req("format")?,
            version: o.req("version")?,
            effective_from: o.req("effective_from")?,
            effective_from_provisional: o.opt("effective_from_provisional")?,
            effective_from_note: o.opt("effective_from_note")?,
            title: o.req("title")?,
            sources: o.req("sources")?,
            kinds: o.req("kinds")?,
            confirmations: o.req("confirmations")?,
            items: o.req("items")?,
            form: o.req("form")?,
            limits: o.req("limits")?,
            applicant_deadlines: o.req("applicant_deadlines")?,
            durations: o.req("durations")?,
            working_hours: o.req("working_hours")?,
            files: o.req("files")?,
            due_soon_working_days: o.req("due_soon_working_days")?,
        })
    }
}

impl FromJson for KindRule {
    #[inline(never)]
    fn from_json(v: &Value) -> Result<Self, json::Error> {
        let o = Obj::new(v)?;
        Ok(KindRule {
            id: o.req("id")?,
            subkind: o.req("subkind")?,
            label: o.req("label")?,
            description: o.req("description")?,
            checklist: o.req("checklist")?,
            decision_limit: o.req("decision_limit")?,
            cite: o.req("cite")?,
            our_reading: o.opt("our_reading")?,
        })
    }
}

impl FromJson for ChecklistEntry {
    #[inline(never)]
    fn from_json(v: &Value) -> Result<Self, json::Error> {
        let o = Obj::new(v)?;
        Ok(ChecklistEntry { item: o.req("item")?, requirement: o.req("requirement")? })
    }
}

/// `{"type": "required"}`, `{"type": "one_of", "group": …, "group_label": …}`, `{"type": "from_form"}`.
impl FromJson for Requirement {
    #[inline(never)]
    fn from_json(v: &Value) -> Result<Self, json::Error> {
        let o = Obj::new(v)?;
        let kind = o.get("type").ok_or_else(|| json::Error::new("missing field `type`"))?;
        Ok(match json::variant(kind, &["required", "one_of", "from_form"])? {
            0 => Requirement::Required,
            1 => Requirement::OneOf { group: o.req("group")?, group_label: o.req("group_label")? },
            _ => Requirement::FromForm,
        })
    }
}

impl FromJson for Confirmation {
    #[inline(never)]
    fn from_json(v: &Value) -> Result<Self, json::Error> {
        let o = Obj::new(v)?;
        Ok(Confirmation {
            id: o.req("id")?,
            label: o.req("label")?,
            question: o.req("question")?,
            cite: o.req("cite")?,
        })
    }
}

impl FromJson for ChecklistItem {
    #[inline(never)]
    fn from_json(v: &Value) -> Result<Self, json::Error> {
        let o = Obj::new(v)?;
        Ok(ChecklistItem {
            id: o.req("id")?,
            label: o.req("label")?,
            why: o.req("why")?,
            confirm: o.opt("confirm")?,
            expiry: o.opt("expiry")?,
            cite: o.req("cite")?,
            our_reading: o.opt("our_reading")?,
        })
    }
}

impl FromJson for Section {
    #[inline(never)]
    fn from_json(v: &Value) -> Result<Self, json::Error> {
        let o = Obj::new(v)?;
        Ok(Section { id: o.req("id")?, label: o.req("label")?, fields: o.req("fields")? })
    }
}

impl FromJson for Field {
    #[inline(never)]
    fn from_json(v: &Value) -> Result<Self, json::Error> {
        let o = Obj::new(v)?;
        Ok(Field {
            id: o.req("id")?,
            label: o.req("label")?,
            hint: o.opt("hint")?,
            field_type: o.req("type")?,
            required: o.req("required")?,
            validators: o.opt("validators")?,
            max_len: o.opt("max_len")?,
            choices: o.opt("choices")?,
            asked_for: o.opt("asked_for")?,
            cite: o.req("cite")?,
        })
    }
}

impl FromJson for FieldType {
    #[inline(never)]
    fn from_json(v: &Value) -> Result<Self, json::Error> {
        const ALL: [FieldType; 5] =
            [FieldType::Text, FieldType::Date, FieldType::Tel, FieldType::Choice, FieldType::Boolean];
        Ok(ALL[json::variant(v, &["text", "date", "tel", "choice", "boolean"])?])
    }
}

impl FromJson for ChoiceSource {
    #[inline(never)]
    fn from_json(v: &Value) -> Result<Self, json::Error> {
        const ALL: [ChoiceSource; 4] =
            [ChoiceSource::Kinds, ChoiceSource::Akimats, ChoiceSource::Sectors, ChoiceSource::Professions];
        Ok(ALL[json::variant(v, &["kinds", "akimats", "sectors", "professions"])?])
    }
}

/// `"always"`, `"never"` or `{"if_kind": ["issue", …]}` (serde's externally tagged enum).
impl FromJson for Required {
    #[inline(never)]
    fn from_json(v: &Value) -> Result<Self, json::Error> {
        if let Value::Object(members) = v {
            if let [(tag, kinds)] = members.as_slice() {
                if tag == "if_kind" {
                    return Ok(Required::IfKind(
                        FromJson::from_json(kinds).map_err(|e| e.in_field("if_kind"))?,
                    ));
                }
            }
        }
        match json::variant(v, &["always", "never"]) {
            Ok(0) => Ok(Required::Always),
            Ok(_) => Ok(Required::Never),
            Err(_) => Err(json::Error::new("expected \"always\", \"never\" or {\"if_kind\": [kinds]}")),
        }
    }
}

impl FromJson for TimeLimit {
    #[inline(never)]
    fn from_json(v: &Value) -> Result<Self, json::Error> {
        let o = Obj::new(v)?;
        Ok(TimeLimit {
            id: o.req("id")?,
            amount: o.req("amount")?,
            unit: o.req("unit")?,
            from: o.req("from")?,
            from_label: o.req("from_label")?,
            label: o.req("label")?,
            cite: o.req("cite")?,
            on_overdue: o.req("on_overdue")?,
            our_reading: o.opt("our_reading")?,
        })
    }
}

impl FromJson for Unit {
    #[inline(never)]
    fn from_json(v: &Value) -> Result<Self, json::Error> {
        const ALL: [Unit; 4] = [Unit::WorkingDays, Unit::CalendarDays, Unit::Months, Unit::Years];
        Ok(ALL[json::variant(v, &["working_days", "calendar_days", "months", "years"])?])
    }
}

impl FromJson for ApplicantDeadline {
    #[inline(never)]
    fn from_json(v: &Value) -> Result<Self, json::Error> {
        let o = Obj::new(v)?;
        Ok(ApplicantDeadline {
            limit: o.req("limit")?,
            from_field: o.req("from_field")?,
            kinds: o.opt("kinds")?,
        })
    }
}

impl FromJson for Duration {
    #[inline(never)]
    fn from_json(v: &Value) -> Result<Self, json::Error> {
        let o = Obj::new(v)?;
        Ok(Duration {
            id: o.req("id")?,
            amount: o.req("amount")?,
            unit: o.req("unit")?,
            label: o.req("label")?,
            cite: o.req("cite")?,
        })
    }
}

impl FromJson for WorkingHours {
    #[inline(never)]
    fn from_json(v: &Value) -> Result<Self, json::Error> {
        let o = Obj::new(v)?;
        Ok(WorkingHours {
            closes_at: o.req("closes_at")?,
            utc_offset_minutes: o.req("utc_offset_minutes")?,
            cite: o.req("cite")?,
        })
    }
}

impl FromJson for FileLimits {
    #[inline(never)]
    fn from_json(v: &Value) -> Result<Self, json::Error> {
        let o = Obj::new(v)?;
        Ok(FileLimits {
            accepted_media_types: o.req("accepted_media_types")?,
            max_file_bytes: o.req("max_file_bytes")?,
            max_files_per_item: o.req("max_files_per_item")?,
            max_package_bytes: o.req("max_package_bytes")?,
            cite: o.req("cite")?,
            our_reading: o.opt("our_reading")?,
        })
    }
}

/// Why a rule set could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RulesError {
    pub problems: Vec<String>,
}

impl std::fmt::Display for RulesError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "rule set not valid: {}", self.problems.join("; "))
    }
}

impl std::error::Error for RulesError {}

impl RuleSet {
    /// Parses and validates a rule set.
    pub fn from_json(json: &str) -> Result<RuleSet, RulesError> {
        let set: RuleSet = json::from_str(json).map_err(|e| RulesError { problems: vec![e.to_string()] })?;
        let problems = set.problems();
        if problems.is_empty() {
            Ok(set)
        } else {
            Err(RulesError { problems })
        }
    }

    pub fn kind(&self, id: &str) -> Option<&KindRule> {
        self.kinds.iter().find(|k| k.id == id)
    }
    pub fn item(&self, id: &str) -> Option<&ChecklistItem> {
        self.items.iter().find(|i| i.id == id)
    }
    pub fn confirmation(&self, id: &str) -> Option<&Confirmation> {
        self.confirmations.iter().find(|c| c.id == id)
    }
    pub fn limit(&self, id: &str) -> Option<&TimeLimit> {
        self.limits.iter().find(|l| l.id == id)
    }
    pub fn duration(&self, id: &str) -> Option<&Duration> {
        self.durations.iter().find(|d| d.id == id)
    }
    pub fn fields(&self) -> impl Iterator<Item = &Field> {
        self.form.iter().flat_map(|s| s.fields.iter())
    }
    pub fn field(&self, id: &str) -> Option<&Field> {
        self.fields().find(|f| f.id == id)
    }

    /// Everything wrong with this rule set: missing cites, missing translations, dangling
    /// references, unknown validators, duplicate ids. Empty when it is sound.
    pub fn problems(&self) -> Vec<String> {
        let mut p = Vec::new();
        if self.format != FORMAT {
            p.push(format!("format is {:?}, expected {FORMAT:?}", self.format));
        }
        let mut text = |what: String, t: &Localized| {
            for lang in t.missing() {
                p.push(format!("{what}: no {lang} text"));
            }
        };
        text("title".into(), &self.title);
        for k in &self.kinds {
            text(format!("kind {}", k.id), &k.label);
            text(format!("kind {} description", k.id), &k.description);
            if let Some(r) = &k.our_reading {
                text(format!("kind {} our_reading", k.id), r);
            }
            for e in &k.checklist {
                if let Requirement::OneOf { group, group_label } = &e.requirement {
                    text(format!("kind {} group {group}", k.id), group_label);
                }
            }
        }
        for c in &self.confirmations {
            text(format!("confirmation {}", c.id), &c.label);
            text(format!("confirmation {} question", c.id), &c.question);
        }
        for i in &self.items {
            text(format!("item {}", i.id), &i.label);
            text(format!("item {} why", i.id), &i.why);
        }
        for s in &self.form {
            text(format!("section {}", s.id), &s.label);
            for f in &s.fields {
                text(format!("field {}", f.id), &f.label);
                if let Some(h) = &f.hint {
                    text(format!("field {} hint", f.id), h);
                }
            }
        }
        for l in &self.limits {
            text(format!("limit {}", l.id), &l.label);
            text(format!("limit {} from", l.id), &l.from_label);
        }
        for d in &self.durations {
            text(format!("duration {}", d.id), &d.label);
        }

        // Every rule cites its paragraph.
        let mut cites: Vec<(String, &str)> = Vec::new();
        cites.extend(self.kinds.iter().map(|k| (format!("kind {}", k.id), k.cite.as_str())));
        cites.extend(self.items.iter().map(|i| (format!("item {}", i.id), i.cite.as_str())));
        cites.extend(self.confirmations.iter().map(|c| (format!("confirmation {}", c.id), c.cite.as_str())));
        cites.extend(self.fields().map(|f| (format!("field {}", f.id), f.cite.as_str())));
        cites.extend(self.limits.iter().map(|l| (format!("limit {}", l.id), l.cite.as_str())));
        cites.extend(self.durations.iter().map(|d| (format!("duration {}", d.id), d.cite.as_str())));
        cites.push(("working_hours".into(), self.working_hours.cite.as_str()));
        cites.push(("files".into(), self.files.cite.as_str()));
        for (what, cite) in cites {
            if !is_cite(cite) {
                p.push(format!("{what}: cite {cite:?} is not a paragraph (P7, P22-1) or annex (A2)"));
            }
        }

        // References resolve.
        for k in &self.kinds {
            if self.limit(&k.decision_limit).is_none() {
                p.push(format!("kind {}: unknown decision limit {}", k.id, k.decision_limit));
            }
            for e in &k.checklist {
                if self.item(&e.item).is_none() {
                    p.push(format!("kind {}: unknown item {}", k.id, e.item));
                }
            }
            // The message `checklist.group_missing` names the group's two alternatives.
            let mut groups: Vec<&str> = k
                .checklist
                .iter()
                .filter_map(|e| match &e.requirement {
                    Requirement::OneOf { group, .. } => Some(group.as_str()),
                    _ => None,
                })
                .collect();
            crate::sort_by(&mut groups, |a, b| a < b);
            for g in groups.chunk_by(|a, b| a == b) {
                if g.len() != 2 {
                    p.push(format!(
                        "kind {}: group {} has {} items; a group has exactly two",
                        k.id,
                        g[0],
                        g.len()
                    ));
                }
            }
        }
        for i in &self.items {
            for c in &i.confirm {
                if self.confirmation(c).is_none() {
                    p.push(format!("item {}: unknown confirmation {c}", i.id));
                }
            }
        }
        for f in self.fields() {
            for v in &f.validators {
                if let Some(other) = v.strip_prefix(BEFORE_PREFIX) {
                    if self.field(other).is_none_or(|o| o.field_type != FieldType::Date) {
                        p.push(format!("field {}: {v} does not name a date field", f.id));
                    }
                } else if !VALIDATORS.contains(&v.as_str()) {
                    p.push(format!("field {}: unknown validator {v}", f.id));
                }
            }
            if let Required::IfKind(kinds) = &f.required {
                for k in kinds {
                    if self.kind(k).is_none() {
                        p.push(format!("field {}: unknown kind {k}", f.id));
                    }
                }
            }
            if let Some(kinds) = &f.asked_for {
                if f.required != Required::Never {
                    p.push(format!("field {}: asked_for is for optional fields (required: never)", f.id));
                }
                if kinds.is_empty() {
                    p.push(format!("field {}: asked_for names no kind", f.id));
                }
                for k in kinds {
                    if self.kind(k).is_none() {
                        p.push(format!("field {}: asked_for names an unknown kind {k}", f.id));
                    }
                }
            }
            if f.field_type == FieldType::Choice && f.choices.is_none() {
                p.push(format!("field {}: a choice without a source of choices", f.id));
            }
        }
        for d in &self.applicant_deadlines {
            if self.limit(&d.limit).is_none() {
                p.push(format!("applicant deadline: unknown limit {}", d.limit));
            }
            match self.field(&d.from_field) {
                Some(f) if f.field_type == FieldType::Date => {}
                _ => p.push(format!("applicant deadline {}: {} is not a date field", d.limit, d.from_field)),
            }
            for k in &d.kinds {
                if self.kind(k).is_none() {
                    p.push(format!("applicant deadline {}: unknown kind {k}", d.limit));
                }
            }
        }
        if self.field("kind").is_none() {
            p.push("the form has no `kind` field".into());
        }

        // Ids are unique.
        let mut ids: Vec<String> = Vec::new();
        ids.extend(self.kinds.iter().map(|k| format!("kind {}", k.id)));
        ids.extend(self.items.iter().map(|i| format!("item {}", i.id)));
        ids.extend(self.confirmations.iter().map(|c| format!("confirmation {}", c.id)));
        ids.extend(self.fields().map(|f| format!("field {}", f.id)));
        ids.extend(self.limits.iter().map(|l| format!("limit {}", l.id)));
        crate::sort_by(&mut ids, |a, b| a < b);
        for w in ids.windows(2) {
            if w[0] == w[1] {
                p.push(format!("duplicate {}", w[0]));
            }
        }
        p
    }
}

/// Whether `s` cites a paragraph of the Rules (`P7`, `P22-1`) or one of their annexes
/// (`A1`, `A2`, `A3`), optionally followed by detail (`A2 row 3`, `P16, A2 row 3`).
pub fn is_cite(s: &str) -> bool {
    let first = s.split([',', ' ', ';']).next().unwrap_or("");
    let mut chars = first.chars();
    match chars.next() {
        Some('P') => {
            let rest: String = chars.collect();
            let (num, sub) = rest.split_once('-').unwrap_or((&rest, "1"));
            !num.is_empty()
                && num.chars().all(|c| c.is_ascii_digit())
                && !sub.is_empty()
                && sub.chars().all(|c| c.is_ascii_digit())
        }
        Some('A') => matches!(chars.as_str(), "1" | "2" | "3"),
        _ => false,
    }
}

/// All the rule sets known, oldest first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RuleSets {
    sets: Vec<RuleSet>,
}

impl RuleSets {
    pub fn new(sets: Vec<RuleSet>) -> RuleSets {
        let mut r = RuleSets { sets: Vec::new() };
        for s in sets {
            r.add(s);
        }
        r
    }

    /// Adds a rule set; one with the same version replaces the old one.
    pub fn add(&mut self, set: RuleSet) {
        self.sets.retain(|s| s.version != set.version);
        self.sets.push(set);
        crate::sort_by(&mut self.sets, |a, b| {
            (a.effective_from, &a.version) < (b.effective_from, &b.version)
        });
    }

    /// Parses, validates and adds a rule set (a portal's newer rules, loaded at run time).
    pub fn load_json(&mut self, json: &str) -> Result<&RuleSet, RulesError> {
        let set = RuleSet::from_json(json)?;
        let version = set.version.clone();
        self.add(set);
        Ok(self.sets.iter().find(|s| s.version == version).expect("just added"))
    }

    /// The rule set in force on `date`: the latest whose `effective_from` is on or before it.
    pub fn in_force(&self, date: Date) -> Option<&RuleSet> {
        self.sets.iter().rev().find(|s| s.effective_from <= date)
    }

    /// The newest rule set, whatever its date.
    pub fn latest(&self) -> Option<&RuleSet> {
        self.sets.last()
    }

    pub fn all(&self) -> &[RuleSet] {
        &self.sets
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand-written reader keeps what serde's derives did: errors name the field's path,
    /// optional fields default, and the enums read as they are written.
    #[test]
    fn the_reader_names_what_is_wrong() {
        let good: serde_json::Value = serde_json::from_str(crate::builtin::RULES_2026_1).unwrap();
        let read = |v: &serde_json::Value| RuleSet::from_json(&v.to_string());
        assert!(read(&good).is_ok());

        let mut bad = good.clone();
        bad["kinds"][1]["checklist"][0]["requirement"] = serde_json::json!({"type": "one_of"});
        let e = read(&bad).unwrap_err().to_string();
        assert!(e.contains("kinds[1].checklist[0].requirement: missing field `group`"), "{e}");

        let mut bad = good.clone();
        bad["form"][0]["fields"][0]["type"] = "number".into();
        let e = read(&bad).unwrap_err().to_string();
        assert!(e.contains("form[0].fields[0].type: unknown variant `number`"), "{e}");

        let mut bad = good.clone();
        bad["files"]["max_files_per_item"] = (-1).into();
        let e = read(&bad).unwrap_err().to_string();
        assert!(e.contains("files.max_files_per_item: invalid value: -1"), "{e}");

        let mut bad = good.clone();
        bad.as_object_mut().unwrap().remove("title");
        assert!(read(&bad).unwrap_err().to_string().contains("missing field `title`"));

        let mut bad = good.clone();
        bad["effective_from"] = "2026-02-30".into();
        assert!(read(&bad).unwrap_err().to_string().contains("effective_from: \"2026-02-30\""));

        // Optional fields absent or null; `required` in both its forms.
        let mut ok = good.clone();
        ok.as_object_mut().unwrap().remove("effective_from_provisional");
        ok["effective_from_note"] = serde_json::Value::Null;
        let set = read(&ok).unwrap();
        assert!(!set.effective_from_provisional && set.effective_from_note.is_none());
        let field = |set: &RuleSet| set.fields().find(|f| matches!(f.required, Required::IfKind(_))).cloned();
        let reference = RuleSet::from_json(crate::builtin::RULES_2026_1).unwrap();
        assert!(field(&reference).is_some(), "the built-in rules have an if_kind field");
        assert!(reference.fields().any(|f| f.required == Required::Always));
        // Serialising and reading again gives the same rule set.
        assert_eq!(read(&serde_json::to_value(&reference).unwrap()).unwrap(), reference);
        let mut bad = good;
        bad["form"][0]["fields"][0]["required"] = serde_json::json!({"if_kind": "issue"});
        let e = read(&bad).unwrap_err().to_string();
        assert!(
            e.contains("form[0].fields[0].required.if_kind: invalid type: a string, expected an array"),
            "{e}"
        );
    }

    #[test]
    fn recognises_cites() {
        for ok in ["P7", "P22-1", "A2", "A2 row 3", "P16, A2 row 3", "A1"] {
            assert!(is_cite(ok), "{ok}");
        }
        for bad in ["", "p7", "P", "A4", "P22-", "Annex 2", "see P7"] {
            assert!(!is_cite(bad), "{bad}");
        }
    }
}
