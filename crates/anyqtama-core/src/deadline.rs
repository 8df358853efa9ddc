//! Time limits applied to dates: due dates with how they were counted, their status against
//! "today", the expected decision date, and the end of an extension (P16).

use crate::calendar::{Calendar, Count, Registration};
use crate::date::Date;
use crate::moment::Moment;
use crate::rules::{RuleSet, Unit};
use serde::{Deserialize, Serialize};

/// A due date computed from a time limit of the rule set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    /// The limit's id (also the command-line event name).
    pub limit: String,
    pub from: Date,
    pub due: Date,
    pub amount: u32,
    pub unit: Unit,
    pub cite: String,
    /// How it was counted (the skipped days); for working-day limits.
    pub count: Option<Count>,
    pub provisional: bool,
}

/// Why a deadline could not be computed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeadlineError {
    UnknownLimit(String),
    OutOfRange,
}

impl std::fmt::Display for DeadlineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DeadlineError::UnknownLimit(id) => write!(f, "unknown time limit {id:?}"),
            DeadlineError::OutOfRange => f.write_str("date out of range"),
        }
    }
}

impl std::error::Error for DeadlineError {}

/// The due date of limit `limit_id` counted from the event on `from`.
pub fn due(
    rules: &RuleSet,
    calendar: &Calendar,
    limit_id: &str,
    from: Date,
) -> Result<Deadline, DeadlineError> {
    let limit = rules.limit(limit_id).ok_or_else(|| DeadlineError::UnknownLimit(limit_id.to_string()))?;
    let (due, count) = match limit.unit {
        Unit::WorkingDays => {
            let c = calendar.add_working_days(from, limit.amount);
            (c.due, Some(c))
        }
        Unit::CalendarDays => {
            (from.add_days(i64::from(limit.amount)).ok_or(DeadlineError::OutOfRange)?, None)
        }
        Unit::Months => (from.add_months(limit.amount as i32).ok_or(DeadlineError::OutOfRange)?, None),
        Unit::Years => (from.add_years(limit.amount as i32).ok_or(DeadlineError::OutOfRange)?, None),
    };
    let provisional = count.as_ref().map_or_else(|| calendar.day(due).provisional, |c| c.provisional);
    Ok(Deadline {
        limit: limit.id.clone(),
        from,
        due,
        amount: limit.amount,
        unit: limit.unit,
        cite: limit.cite.clone(),
        count,
        provisional,
    })
}

/// Where a deadline stands on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Status {
    /// More than the "due soon" margin of working days left.
    InTime { working_days_left: i64 },
    /// Due today or within the margin.
    DueSoon { working_days_left: i64 },
    /// Past the due date.
    Overdue { days_late: i64 },
}

/// The status of a due date on `today`; "due soon" when at most `due_soon` working days are left.
pub fn status(calendar: &Calendar, due: Date, today: Date, due_soon: u32) -> Status {
    if today > due {
        return Status::Overdue { days_late: due.days_until(today) };
    }
    let left = calendar.working_days_between(today, due);
    if left <= i64::from(due_soon) {
        Status::DueSoon { working_days_left: left }
    } else {
        Status::InTime { working_days_left: left }
    }
}

/// The expected decision date of a request of `kind` registered on `registered_on`.
pub fn expected_decision(
    rules: &RuleSet,
    calendar: &Calendar,
    kind: &str,
    registered_on: Date,
) -> Option<Deadline> {
    let k = rules.kind(kind)?;
    due(rules, calendar, &k.decision_limit, registered_on).ok()
}

/// What happens to a request of a kind sent at a moment: when it is registered (A2, working
/// hours: at or after closing time, or on a day off, the next working day) and why it moved,
/// and when the decision is then due. The widget's forecast ("if sent now") and the server's
/// receipt are both this function, of the browser's and the server's clock.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Forecast {
    pub registration: Registration,
    /// The kind's decision limit counted from the registration date (`None`: unknown kind).
    pub decision: Option<Deadline>,
}

/// The [`Forecast`] of a request of `kind` sent at local moment `at`, under `rules`.
pub fn forecast(rules: &RuleSet, calendar: &Calendar, kind: &str, at: Moment) -> Forecast {
    let registration = calendar.registration(at.date, at.time, rules.working_hours.closes_at);
    let decision = expected_decision(rules, calendar, kind, registration.registered_on);
    Forecast { registration, decision }
}

/// The local moment of `unix_seconds` by the rules' working-hours offset (UTC+5).
pub fn local_moment(rules: &RuleSet, unix_seconds: i64) -> Option<Moment> {
    Moment::from_unix(unix_seconds, rules.working_hours.utc_offset_minutes)
}

/// The end of an extension (P16): the end of the employment contract, but at most the
/// `extension-max` duration from the extension's start.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtensionEnd {
    pub end: Date,
    /// The latest end the cap allows.
    pub cap: Date,
    /// True when the contract runs past the cap.
    pub capped: bool,
    pub cite: String,
}

pub fn extension_end(rules: &RuleSet, contract_ends_on: Date, starts_on: Date) -> Option<ExtensionEnd> {
    let max = rules.duration("extension-max")?;
    let cap = match max.unit {
        Unit::Years => starts_on.add_years(max.amount as i32)?,
        Unit::Months => starts_on.add_months(max.amount as i32)?,
        Unit::CalendarDays | Unit::WorkingDays => starts_on.add_days(i64::from(max.amount))?,
    };
    let capped = contract_ends_on > cap;
    Some(ExtensionEnd {
        end: if capped { cap } else { contract_ends_on },
        cap,
        capped,
        cite: max.cite.clone(),
    })
}
