//! The receipt: what the applicant gets back for an accepted bundle, and what the store keeps.
//!
//! The registration date follows the working-hours rule of the rules in force (A2): a bundle
//! received after `closes_at` (18:30 in Astana, UTC+5) or on a day off is registered on the next
//! working day; the decision is expected within the kind's decision limit counted from then.
//! The moment comes from the server's clock; the rule and the counting are the core's.

use anyqtama_core::{deadline, Date, Regulation};
use serde::{Deserialize, Serialize};

/// The receipt of one registered bundle (also the JSON of `GET /api/bundles/{id}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    /// The bundle's UUID (`External-Identifier`).
    pub id: String,
    /// `ANQ-<year>-<6-digit sequence>`, given by the store.
    pub registration_number: String,
    /// When the server received it, UTC, RFC 3339.
    pub received_at: String,
    /// The registration date by the working-hours rule.
    pub registered_on: Date,
    /// The day the decision is due (the kind's decision limit from `registered_on`).
    pub expected_decision: Option<Date>,
    /// The id of the time limit counted (`decision-issue` …).
    pub decision_limit: Option<String>,
    pub kind: String,
    pub rules_version: String,
    /// SHA-256 of the ZIP as received, lowercase hex.
    pub sha256: String,
    pub size: u64,
}

/// What is known of a bundle before the store numbers it.
#[derive(Clone, Debug)]
pub struct Draft {
    pub id: String,
    pub received_at_unix: i64,
    pub kind: String,
    pub rules_version: String,
    pub sha256: String,
    pub size: u64,
}

impl Draft {
    /// The receipt, dated by the working-hours rule of the rule set `rules_version` (or the one
    /// in force on the day received).
    pub fn receipt(&self, regulation: &Regulation, registration_number: String) -> Receipt {
        let (set, offset, closes_at) = {
            let by_version = regulation.rules.all().iter().find(|r| r.version == self.rules_version);
            let utc_day = Date::from_days_since_epoch(self.received_at_unix.div_euclid(86_400));
            let set = by_version
                .or_else(|| utc_day.and_then(|d| regulation.rules.in_force(d)))
                .or_else(|| regulation.rules.latest());
            let offset = set.map_or(300, |s| s.working_hours.utc_offset_minutes);
            (set, offset, set.map(|s| s.working_hours.closes_at))
        };
        let (date, time) = anyqtama_core::date::local_date_time(self.received_at_unix, offset)
            .expect("a moment of this era has a local date");
        let registered_on = match closes_at {
            Some(closes_at) => regulation.calendar.registration(date, time, closes_at).registered_on,
            None => date,
        };
        let decision =
            set.and_then(|s| deadline::expected_decision(s, &regulation.calendar, &self.kind, registered_on));
        Receipt {
            id: self.id.clone(),
            registration_number,
            received_at: crate::clock::rfc3339_utc(self.received_at_unix),
            registered_on,
            expected_decision: decision.as_ref().map(|d| d.due),
            decision_limit: decision.map(|d| d.limit),
            kind: self.kind.clone(),
            rules_version: self.rules_version.clone(),
            sha256: self.sha256.clone(),
            size: self.size,
        }
    }
}

/// The registration number of the `n`th bundle registered in `year`.
pub fn registration_number(year: i32, n: i64) -> String {
    format!("ANQ-{year}-{n:06}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(at: &str) -> Draft {
        Draft {
            id: "6f1c2a3e-0000-4000-8000-000000000001".into(),
            received_at_unix: crate::clock::parse_rfc3339(at).unwrap(),
            kind: "issue".into(),
            rules_version: "2026.1".into(),
            sha256: "00".into(),
            size: 1,
        }
    }

    #[test]
    fn after_hours_on_friday_is_registered_on_monday() {
        let r = Regulation::builtin();
        let friday_evening = draft("2026-11-27T19:00:00+05:00").receipt(&r, registration_number(2026, 1));
        assert_eq!(friday_evening.registered_on.to_string(), "2026-11-30");
        assert_eq!(friday_evening.received_at, "2026-11-27T14:00:00Z");
        assert_eq!(friday_evening.registration_number, "ANQ-2026-000001");
        let friday_noon = draft("2026-11-27T12:00:00+05:00").receipt(&r, String::new());
        assert_eq!(friday_noon.registered_on.to_string(), "2026-11-27");
        let saturday = draft("2026-11-28T10:00:00+05:00").receipt(&r, String::new());
        assert_eq!(saturday.registered_on.to_string(), "2026-11-30");
        assert!(friday_evening.expected_decision.unwrap() > friday_evening.registered_on);
    }
}
