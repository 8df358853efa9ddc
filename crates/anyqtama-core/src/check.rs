//! The check: an application and its documents, a day, and the regulation in; a [`Report`] out.
//!
//! Pure and deterministic: the same input gives the same report, byte for byte. Every finding
//! carries a stable code, a severity, what it concerns, a message id with arguments, and the
//! paragraph it comes from. What is checked is driven by the rule data: the form's fields, their
//! validators and required-if conditions, the kind's checklist, the applicant's time limits.

use crate::application::{Application, DocumentState};
use crate::builtin::Regulation;
use crate::calendar::{Count, RegistrationShift};
use crate::date::Date;
use crate::deadline::{self, Status};
use crate::identifiers::{self, IdError};
use crate::moment::Moment;
use crate::report::{Arg, Finding, Report, Severity, Target};
use crate::rules::{ChoiceSource, Field, FieldType, Requirement, RuleSet, BEFORE_PREFIX};

/// Dates earlier than this are typing mistakes, not documents.
const EARLIEST_PLAUSIBLE: (i32, u8, u8) = (1900, 1, 1);

/// Checks `application` as of `now` — a local [`Moment`] (the forecast of registration then
/// follows the working-hours rule: after closing time, the next working day), or a [`Date`]
/// (its start, 00:00) — against the rule set in force on its application date (or on today
/// when that date is missing or malformed).
pub fn check(application: &Application, now: impl Into<Moment>, regulation: &Regulation) -> Report {
    check_at(application, now.into(), regulation)
}

fn check_at(application: &Application, now: Moment, regulation: &Regulation) -> Report {
    let today = now.date;
    let mut out = Vec::new();
    let on = application.answer("application_date").and_then(|s| Date::parse(s).ok()).unwrap_or(today);
    let Some(rules) = regulation.rules.in_force(on) else {
        out.push(
            Finding::new("rules.none_in_force", Severity::Blocker, Target::Package, "A2")
                .arg("date", Arg::Date(on)),
        );
        return finish(out, None, today, regulation, application.kind());
    };
    let ctx = Ctx { app: application, rules, reg: regulation, today, now };
    if rules.effective_from_provisional
        && on.days_since_epoch() - rules.effective_from.days_since_epoch() < 31
    {
        out.push(
            Finding::new("rules.provisional_start", Severity::Note, Target::Package, "A2")
                .arg("date", Arg::Date(rules.effective_from))
                .arg("version", Arg::Text(rules.version.clone())),
        );
    }
    let kind = application.kind().filter(|k| rules.kind(k).is_some());
    ctx.fields(kind, &mut out);
    if let Some(kind) = kind {
        ctx.checklist(kind, &mut out);
        ctx.deadlines(kind, &mut out);
    }
    ctx.assessment(&mut out);
    finish(out, Some(rules), today, regulation, application.kind())
}

/// The one form of `value` that `field`'s validator keeps (A1): a phone as `+7` and ten digits
/// in Kazakhstan (`8 777 123 45 67`, `777 123 45 67`, `+7 (777) 123-45-67` → `+77771234567`),
/// `+` and the country code abroad; a document number trimmed, in capitals. `None` when the
/// field has no such form or the value does not pass (the check's finding says why).
pub fn normal_form(field: &Field, value: &str) -> Option<String> {
    field.validators.iter().find_map(|v| match v.as_str() {
        "phone_kz" => identifiers::parse_kz_phone(value).ok(),
        "phone_intl" => identifiers::parse_intl_phone(value).ok(),
        "document_number" => identifiers::parse_document_number(value).ok(),
        _ => None,
    })
}

/// `application` with every answer in its field's [`normal_form`]: what the widget shows once
/// a field is left, and what a bundle carries, so that the widget, `anyqtama check` and the
/// server see the same value.
pub fn normalized(application: &Application, rules: &RuleSet) -> Application {
    let mut out = application.clone();
    for field in rules.fields() {
        if let Some(v) = out.answer(&field.id).and_then(|v| normal_form(field, v)) {
            out.set(&field.id, v);
        }
    }
    out
}

fn finish(
    mut findings: Vec<Finding>,
    rules: Option<&RuleSet>,
    today: Date,
    regulation: &Regulation,
    kind: Option<&str>,
) -> Report {
    crate::sort_by(&mut findings, |a, b| a.severity < b.severity); // stable: keeps the form's order within a severity
    let count = |s| findings.iter().filter(|f| f.severity == s).count();
    let (blockers, warnings, notes) =
        (count(Severity::Blocker), count(Severity::Warning), count(Severity::Note));
    Report {
        rules_version: rules.map(|r| r.version.clone()),
        calendar_version: regulation.calendar.version(),
        today,
        kind: kind.map(str::to_string),
        findings,
        blockers,
        warnings,
        notes,
        may_submit: blockers == 0,
    }
}

struct Ctx<'a> {
    app: &'a Application,
    rules: &'a RuleSet,
    reg: &'a Regulation,
    today: Date,
    now: Moment,
}

impl Ctx<'_> {
    fn date(&self, field: &str) -> Option<Date> {
        self.app.answer(field).and_then(|s| Date::parse(s).ok())
    }

    /// When the akimat would register a request of `kind` sent now, and decide on it: the one
    /// rule the server's receipt also follows ([`deadline::forecast`]).
    fn forecast(&self, kind: &str) -> deadline::Forecast {
        deadline::forecast(self.rules, &self.reg.calendar, kind, self.now)
    }

    fn fields(&self, kind: Option<&str>, out: &mut Vec<Finding>) {
        for field in self.rules.fields() {
            // An answer to a question not asked for the kind (left from another kind) is not
            // checked: the applicant is not shown it.
            if kind.is_some() && !field.is_asked(kind) {
                continue;
            }
            let target = || Target::Field(field.id.clone());
            let new = |code: &str, sev: Severity| {
                Finding::new(code, sev, target(), &field.cite).arg("field", Arg::Field(field.id.clone()))
            };
            if field.field_type == FieldType::Boolean {
                let wanted = field.validators.iter().any(|v| v == "must_be_true");
                if wanted && self.app.answer(&field.id) != Some("true") {
                    out.push(new("field.not_confirmed", Severity::Blocker));
                }
                continue;
            }
            let Some(value) = self.app.answer(&field.id) else {
                if field.required.applies(kind) {
                    out.push(new("field.required", Severity::Blocker));
                }
                continue;
            };
            if let Some(max) = field.max_len {
                let len = value.chars().count();
                if len > max {
                    out.push(new("field.too_long", Severity::Blocker).arg("max", Arg::Number(max as i64)));
                    continue;
                }
            }
            if field.field_type == FieldType::Date {
                self.date_field(field, value, kind, out);
            } else {
                self.text_field(field, value, out);
            }
            if let Some(source) = field.choices {
                self.choice(field, source, value, out);
            }
        }
    }

    fn date_field(&self, field: &Field, value: &str, kind: Option<&str>, out: &mut Vec<Finding>) {
        let new = |code: &str, sev: Severity| {
            Finding::new(code, sev, Target::Field(field.id.clone()), &field.cite)
                .arg("field", Arg::Field(field.id.clone()))
        };
        let Ok(date) = Date::parse(value) else {
            // Typed as day, month and year: say which part is wrong (the form points at it).
            use crate::date_input::PartError;
            let finding = match crate::date_input::wrong_part(value) {
                Some(e @ PartError::Missing(_)) => new("field.date_part_missing", Severity::Blocker)
                    .arg("part", Arg::Text(e.part().key().to_string())),
                Some(e @ PartError::Invalid(_)) => new("field.date_part_invalid", Severity::Blocker)
                    .arg("part", Arg::Text(e.part().key().to_string())),
                Some(PartError::NoSuchDay { day, days }) => new("field.date_no_such_day", Severity::Blocker)
                    .arg("part", Arg::Text("day".to_string()))
                    .arg("day", Arg::Number(i64::from(day)))
                    .arg("days", Arg::Number(i64::from(days))),
                None => new("field.not_a_date", Severity::Blocker).arg("value", Arg::Text(value.to_string())),
            };
            out.push(finding);
            return;
        };
        let (y, m, d) = EARLIEST_PLAUSIBLE;
        if date < Date::from_ymd(y, m, d).expect("a valid date") {
            out.push(new("field.date_too_old", Severity::Blocker).arg("date", Arg::Date(date)));
            return;
        }
        for v in &field.validators {
            match v.as_str() {
                "not_future" if date > self.today => {
                    out.push(
                        new("field.date_in_future", Severity::Blocker)
                            .arg("date", Arg::Date(date))
                            .arg("today", Arg::Date(self.today)),
                    );
                }
                "not_expired" if date < self.today => {
                    out.push(
                        new("identity_document.expired", Severity::Blocker).arg("date", Arg::Date(date)),
                    );
                }
                "not_expired" => {
                    let decision = kind.and_then(|k| self.forecast(k).decision);
                    if let Some(decision) = decision.filter(|dl| date <= dl.due) {
                        out.push(
                            new("identity_document.expires_before_decision", Severity::Warning)
                                .arg("date", Arg::Date(date))
                                .arg("decision", Arg::Date(decision.due)),
                        );
                    }
                }
                other => {
                    let Some(after) = other.strip_prefix(BEFORE_PREFIX) else { continue };
                    if let Some(later) = self.date(after).filter(|later| date >= *later) {
                        out.push(
                            new("field.not_before", Severity::Blocker)
                                .arg("date", Arg::Date(date))
                                .arg("other", Arg::Field(after.to_string()))
                                .arg("other_date", Arg::Date(later)),
                        );
                    }
                }
            }
        }
    }

    fn text_field(&self, field: &Field, value: &str, out: &mut Vec<Finding>) {
        for v in &field.validators {
            let (family, result): (&str, Result<(), IdError>) = match v.as_str() {
                "iin" => ("iin", identifiers::parse_iin(value).map(drop)),
                "bin_or_iin" => ("bin_or_iin", identifiers::parse_bin_or_iin(value).map(drop)),
                "phone_kz" => ("phone", identifiers::parse_kz_phone(value).map(drop)),
                "phone_intl" => ("phone", identifiers::parse_intl_phone(value).map(drop)),
                "document_number" => ("document_number", identifiers::parse_document_number(value).map(drop)),
                _ => continue,
            };
            if let Err(e) = result {
                let code = match family {
                    "phone" if e == IdError::NotKazakhstan => "phone.not_kazakhstan".to_string(),
                    "phone" | "document_number" => format!("{family}.format"),
                    _ => format!("{family}.{}", e.code()),
                };
                out.push(
                    Finding::new(&code, Severity::Blocker, Target::Field(field.id.clone()), &field.cite)
                        .arg("field", Arg::Field(field.id.clone()))
                        .arg("value", Arg::Text(value.to_string())),
                );
            }
        }
    }

    fn choice(&self, field: &Field, source: ChoiceSource, value: &str, out: &mut Vec<Finding>) {
        let target = || Target::Field(field.id.clone());
        let unknown = || {
            Finding::new("field.unknown_choice", Severity::Blocker, target(), &field.cite)
                .arg("field", Arg::Field(field.id.clone()))
                .arg("value", Arg::Text(value.to_string()))
        };
        match source {
            ChoiceSource::Kinds if self.rules.kind(value).is_none() => out.push(unknown()),
            ChoiceSource::Akimats if self.reg.akimats.get(value).is_none() => out.push(unknown()),
            ChoiceSource::Kinds | ChoiceSource::Akimats => {}
            ChoiceSource::Sectors => {}
            ChoiceSource::Professions => self.profession(field, value, out),
        }
    }

    /// The profession against the official list (A2, refusal ground 1) — only when one is loaded.
    fn profession(&self, field: &Field, value: &str, out: &mut Vec<Finding>) {
        let target = || Target::Field(field.id.clone());
        let Some(list) = self.reg.sectors.as_ref() else {
            out.push(Finding::new("profession.list_not_loaded", Severity::Note, target(), "A2"));
            return;
        };
        if !list.official {
            out.push(
                Finding::new("profession.list_is_sample", Severity::Note, target(), "A2")
                    .arg("version", Arg::Text(list.version.clone())),
            );
            return;
        }
        match list.sector_of(value) {
            None => out.push(
                Finding::new("profession.not_in_list", Severity::Blocker, target(), "A2")
                    .arg("value", Arg::Text(value.to_string()))
                    .arg("version", Arg::Text(list.version.clone())),
            ),
            Some(sector) => {
                if let Some(chosen) = self.app.answer("sector").filter(|s| *s != sector.code) {
                    out.push(
                        Finding::new("profession.sector_mismatch", Severity::Blocker, target(), "A2")
                            .arg("value", Arg::Text(value.to_string()))
                            .arg("sector", Arg::Text(chosen.to_string()))
                            .arg("expected", Arg::Label(sector.name.clone())),
                    );
                }
            }
        }
    }

    /// The P10 assessment: never scored here without the official criteria.
    fn assessment(&self, out: &mut Vec<Finding>) {
        if self.reg.scoring.as_ref().is_none_or(|c| !c.official) {
            out.push(Finding::new("scoring.not_loaded", Severity::Note, Target::Package, "P10"));
        }
    }

    fn checklist(&self, kind: &str, out: &mut Vec<Finding>) {
        let Some(k) = self.rules.kind(kind) else { return };
        let files = &self.rules.files;
        let mut total_bytes = 0u64;
        let mut groups_seen: Vec<&str> = Vec::new();
        // A document counts as given only with a file of an accepted type: a refused file (a
        // program renamed .pdf) is reported, and does not stand for the document.
        let given = |item: &str| {
            self.app
                .document(item)
                .is_some_and(|d| d.files.iter().any(|f| files.accepted_media_types.contains(&f.media_type)))
        };
        for entry in &k.checklist {
            let Some(item) = self.rules.item(&entry.item) else { continue };
            if entry.requirement == Requirement::FromForm {
                continue;
            }
            if let Some(doc) = self.app.document(&item.id).filter(|d| !d.files.is_empty()) {
                total_bytes += self.document(item, doc, files, out);
            }
            if given(&item.id) {
                continue;
            }
            match &entry.requirement {
                Requirement::OneOf { group, group_label } => {
                    let members = k.checklist.iter().filter(
                        |e| matches!(&e.requirement, Requirement::OneOf { group: g, .. } if g == group),
                    );
                    if !members.clone().any(|e| given(&e.item)) && !groups_seen.contains(&group.as_str()) {
                        groups_seen.push(group);
                        let mut f = Finding::new(
                            "checklist.group_missing",
                            Severity::Blocker,
                            Target::Item(group.clone()),
                            &item.cite,
                        )
                        .arg("group", Arg::Label(group_label.clone()));
                        for (i, e) in members.enumerate() {
                            f = f.arg(&format!("item{}", i + 1), Arg::Item(e.item.clone()));
                        }
                        out.push(f);
                    }
                }
                _ => out.push(
                    Finding::new(
                        "checklist.missing",
                        Severity::Blocker,
                        Target::Item(item.id.clone()),
                        &item.cite,
                    )
                    .arg("item", Arg::Item(item.id.clone())),
                ),
            }
        }
        if total_bytes > files.max_package_bytes {
            out.push(
                Finding::new("package.too_large", Severity::Blocker, Target::Package, &files.cite)
                    .arg("size", Arg::Number(megabytes(total_bytes)))
                    .arg("max", Arg::Number(megabytes(files.max_package_bytes))),
            );
        }
    }

    /// One attached document: confirmations, expiry, files. Returns its bytes.
    fn document(
        &self,
        item: &crate::rules::ChecklistItem,
        doc: &DocumentState,
        files: &crate::rules::FileLimits,
        out: &mut Vec<Finding>,
    ) -> u64 {
        let new = |code: &str, sev: Severity, cite: &str| {
            Finding::new(code, sev, Target::Item(item.id.clone()), cite)
                .arg("item", Arg::Item(item.id.clone()))
        };
        for c in &item.confirm {
            if !doc.confirmed.contains(c) {
                out.push(
                    new("checklist.not_confirmed", Severity::Blocker, &item.cite)
                        .arg("confirmation", Arg::Confirmation(c.clone())),
                );
            }
        }
        if item.expiry {
            match doc.expires_on.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(Date::parse) {
                None | Some(Err(_)) => out.push(new("checklist.expiry_missing", Severity::Blocker, "A2")),
                Some(Ok(d)) if d < self.today => {
                    out.push(new("checklist.expired", Severity::Blocker, "A2").arg("date", Arg::Date(d)))
                }
                Some(Ok(_)) => {}
            }
        }
        if doc.files.len() > files.max_files_per_item {
            out.push(
                new("checklist.too_many_files", Severity::Blocker, &files.cite)
                    .arg("count", Arg::Number(doc.files.len() as i64))
                    .arg("max", Arg::Number(files.max_files_per_item as i64)),
            );
        }
        let mut bytes = 0;
        for file in &doc.files {
            bytes += file.size;
            let with_file = |code: &str| {
                new(code, Severity::Blocker, &files.cite).arg("file", Arg::Text(file.name.clone()))
            };
            if file.size == 0 {
                out.push(with_file("file.empty"));
            } else if file.size > files.max_file_bytes {
                out.push(
                    with_file("file.too_large")
                        .arg("size", Arg::Number(megabytes(file.size)))
                        .arg("max", Arg::Number(megabytes(files.max_file_bytes))),
                );
            }
            if !files.accepted_media_types.contains(&file.media_type) {
                let kind = crate::filetype::Sniffed::from_media_type(&file.media_type).key();
                out.push(
                    with_file("file.type_refused")
                        .arg("type", Arg::Text(file.media_type.clone()))
                        .arg("kind", Arg::Text(kind.to_string())),
                );
            }
        }
        bytes
    }

    fn deadlines(&self, kind: &str, out: &mut Vec<Finding>) {
        let cal = &self.reg.calendar;
        let mut provisional = false;
        let mut track = |c: &Option<Count>| provisional |= c.as_ref().is_some_and(|c| c.provisional);
        for d in &self.rules.applicant_deadlines {
            if !(d.kinds.is_empty() || d.kinds.iter().any(|k| k == kind)) {
                continue;
            }
            let (Some(from), Some(limit)) = (self.date(&d.from_field), self.rules.limit(&d.limit)) else {
                continue;
            };
            let Ok(dl) = deadline::due(self.rules, cal, &limit.id, from) else { continue };
            track(&dl.count);
            let (code, severity, extra) =
                match deadline::status(cal, dl.due, self.today, self.rules.due_soon_working_days) {
                    Status::Overdue { days_late } => {
                        ("deadline.overdue", limit.on_overdue, ("days_late", days_late))
                    }
                    Status::DueSoon { working_days_left } => {
                        ("deadline.due_soon", Severity::Warning, ("working_days_left", working_days_left))
                    }
                    Status::InTime { working_days_left } => {
                        ("deadline.in_time", Severity::Note, ("working_days_left", working_days_left))
                    }
                };
            let mut f = Finding::new(code, severity, Target::Field(d.from_field.clone()), &limit.cite)
                .arg("limit", Arg::Label(limit.label.clone()))
                .arg("from", Arg::Date(from))
                .arg("due", Arg::Date(dl.due))
                .arg("working_days", Arg::Number(i64::from(limit.amount)))
                .arg(extra.0, Arg::Number(extra.1));
            if let Some(c) = dl.count {
                f = f.with_count(c);
            }
            out.push(f);
        }

        let forecast = self.forecast(kind);
        let registration = &forecast.registration;
        if let Some(decision) = forecast.decision {
            track(&decision.count);
            let shift = match registration.shift {
                RegistrationShift::SameDay => "same_day",
                RegistrationShift::AfterHours => "after_hours",
                RegistrationShift::DayOff => "day_off",
            };
            let mut f = Finding::new("decision.expected", Severity::Note, Target::Package, &decision.cite)
                .arg("registered", Arg::Date(registration.registered_on))
                .arg("due", Arg::Date(decision.due))
                .arg("working_days", Arg::Number(i64::from(decision.amount)))
                .arg("shift", Arg::Text(shift.to_string()))
                .arg("sent", Arg::Day(registration.submitted_on))
                .arg("closes_at", Arg::Text(self.rules.working_hours.closes_at.to_string()));
            if let Some(c) = decision.count.clone() {
                f = f.with_count(c);
            }
            out.push(f);

            if kind == "extend" {
                self.extension(decision.due, out);
            }
        }
        if provisional {
            out.push(Finding::new("deadline.provisional", Severity::Note, Target::Package, "A2"));
        }
    }

    /// P16: extended to the contract's end, at most three years.
    fn extension(&self, starts_on: Date, out: &mut Vec<Finding>) {
        let Some(contract_end) = self.date("contract_ends_on") else { return };
        let target = || Target::Field("contract_ends_on".to_string());
        if contract_end <= self.today {
            out.push(
                Finding::new("extension.contract_ended", Severity::Warning, target(), "P16")
                    .arg("date", Arg::Date(contract_end)),
            );
            return;
        }
        let Some(end) = deadline::extension_end(self.rules, contract_end, starts_on) else { return };
        out.push(
            Finding::new("extension.end", Severity::Note, target(), &end.cite)
                .arg("end", Arg::Date(end.end))
                .arg("contract_end", Arg::Date(contract_end)),
        );
        if end.capped {
            out.push(
                Finding::new("extension.capped", Severity::Note, target(), &end.cite)
                    .arg("cap", Arg::Date(end.cap))
                    .arg("contract_end", Arg::Date(contract_end)),
            );
        }
    }
}

/// Whole megabytes (MiB), rounded up, for messages.
fn megabytes(bytes: u64) -> i64 {
    bytes.div_ceil(1024 * 1024) as i64
}
