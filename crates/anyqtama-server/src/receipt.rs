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
    /// The applicant's status token (random, 256 bits, hex): with it, and only with it,
    /// `GET /api/receipts/{registration_number}` answers this receipt. Empty in receipts made
    /// before it existed, and in what officers are shown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub status_token: String,
    /// Who signed the bundle with a qualified electronic signature (`signature.p7s`), when it
    /// carries a valid one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signer: Option<Box<Signer>>,
}

/// The signer of a bundle's electronic signature, as the receipt shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signer {
    pub iin: Option<String>,
    pub bin: Option<String>,
    pub name: String,
    pub certificate_serial: String,
    pub algorithm: String,
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
    /// The status token the receipt will carry ([`crate::access::random_token`]).
    pub status_token: String,
    pub signer: Option<Box<Signer>>,
}

impl Draft {
    /// The receipt, dated by the working-hours rule of the rule set `rules_version` (or the one
    /// in force on the day received).
    pub fn receipt(&self, regulation: &Regulation, registration_number: String) -> Receipt {
        let by_version = regulation.rules.all().iter().find(|r| r.version == self.rules_version);
        let utc_day = Date::from_days_since_epoch(self.received_at_unix.div_euclid(86_400));
        let set = by_version
            .or_else(|| utc_day.and_then(|d| regulation.rules.in_force(d)))
            .or_else(|| regulation.rules.latest());
        // The same function of the moment as the widget's forecast ("if sent now").
        let forecast = set.and_then(|s| {
            let at = deadline::local_moment(s, self.received_at_unix)?;
            Some(deadline::forecast(s, &regulation.calendar, &self.kind, at))
        });
        let registered_on = forecast.as_ref().map_or_else(
            || {
                let offset = anyqtama_core::rules::FALLBACK_UTC_OFFSET_MINUTES;
                let local = anyqtama_core::Moment::from_unix(self.received_at_unix, offset);
                local.expect("a moment of this era has a local date").date
            },
            |f| f.registration.registered_on,
        );
        let decision = forecast.and_then(|f| f.decision);
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
            status_token: self.status_token.clone(),
            signer: self.signer.clone(),
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
            status_token: "ab".repeat(32),
            signer: None,
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

    /// The receipt and the widget's "if sent now" (the check's `decision.expected`) are the same
    /// function of the same moment: Friday 20:50, Saturday, the eve of a holiday, 18:29, 18:30.
    #[test]
    fn the_receipt_is_the_checks_forecast_of_the_same_moment() {
        use anyqtama_core::{Application, Arg, Moment};
        let r = Regulation::builtin();
        let issue: Application =
            serde_json::from_str(include_str!("../../../tests/fixtures/applications/issue.json")).unwrap();
        let cases = [
            ("2026-12-04T20:50:00+05:00", "2026-12-07"),
            ("2026-12-05T10:00:00+05:00", "2026-12-07"),
            ("2026-12-15T20:50:00+05:00", "2026-12-17"),
            ("2026-12-03T18:29:00+05:00", "2026-12-03"),
            ("2026-12-03T18:30:00+05:00", "2026-12-04"),
        ];
        for (at, registered) in cases {
            let receipt = draft(at).receipt(&r, String::new());
            assert_eq!(receipt.registered_on.to_string(), registered, "{at}");
            let now = Moment::from_unix(crate::clock::parse_rfc3339(at).unwrap(), 300).unwrap();
            let mut app = issue.clone();
            app.set("application_date", now.date.to_string());
            let report = anyqtama_core::check(&app, now, &r);
            let f = report.findings.iter().find(|f| f.code == "decision.expected").unwrap();
            assert_eq!(f.args["registered"], Arg::Date(receipt.registered_on), "{at}");
            assert_eq!(f.args["due"], Arg::Date(receipt.expected_decision.unwrap()), "{at}");
        }
    }
}
