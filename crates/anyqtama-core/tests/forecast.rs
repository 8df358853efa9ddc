//! One truth for dates: when a request sent at a moment is registered (A2, working hours: at or
//! after 18:30 in Astana, or on a day off, the next working day), why it moved, and when the
//! decision is then due — the same in `deadline::forecast` (the server's receipt) and in the
//! check's `decision.expected` note (the widget's "if sent now"). Dates counted by hand.

use anyqtama_core::calendar::RegistrationShift;
use anyqtama_core::moment::parse_rfc3339;
use anyqtama_core::{check, deadline, Application, Arg, Date, Moment, Regulation};

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

/// The moment of an RFC 3339 timestamp, in Kazakhstan.
fn at(s: &str) -> Moment {
    Moment::from_unix(parse_rfc3339(s).unwrap(), 300).unwrap()
}

fn issue() -> Application {
    serde_json::from_str(include_str!("../../../tests/fixtures/applications/issue.json")).unwrap()
}

/// (moment, registered on, why, skipped days, decision due for a first issue: 5 working days)
const CASES: [(&str, &str, RegistrationShift, &[&str], &str); 6] = [
    // Friday 4 Dec 2026, 20:50: after hours → Monday 7 Dec; decision 8, 9, 10, 11, 14 Dec.
    (
        "2026-12-04T20:50:00+05:00",
        "2026-12-07",
        RegistrationShift::AfterHours,
        &["2026-12-05", "2026-12-06"],
        "2026-12-14",
    ),
    // The same moment written in UTC (15:50Z) is the same moment.
    (
        "2026-12-04T15:50:00Z",
        "2026-12-07",
        RegistrationShift::AfterHours,
        &["2026-12-05", "2026-12-06"],
        "2026-12-14",
    ),
    // Saturday 5 Dec, 10:00: a day off → Monday 7 Dec.
    (
        "2026-12-05T10:00:00+05:00",
        "2026-12-07",
        RegistrationShift::DayOff,
        &["2026-12-05", "2026-12-06"],
        "2026-12-14",
    ),
    // Tuesday 15 Dec, 20:50, the eve of Independence Day (Wed 16 Dec) → Thursday 17 Dec;
    // decision 18, 21, 22, 23, 24 Dec.
    ("2026-12-15T20:50:00+05:00", "2026-12-17", RegistrationShift::AfterHours, &["2026-12-16"], "2026-12-24"),
    // Thursday 3 Dec, 18:29: still the same day; decision 4, 7, 8, 9, 10 Dec.
    ("2026-12-03T18:29:00+05:00", "2026-12-03", RegistrationShift::SameDay, &[], "2026-12-10"),
    // Thursday 3 Dec, 18:30: closing time → Friday 4 Dec; decision 7, 8, 9, 10, 11 Dec.
    ("2026-12-03T18:30:00+05:00", "2026-12-04", RegistrationShift::AfterHours, &[], "2026-12-11"),
];

#[test]
fn registration_moves_after_closing_time_and_on_days_off() {
    let reg = Regulation::builtin();
    let rules = reg.rules.latest().unwrap();
    for (moment, registered, shift, skipped, due) in CASES {
        let f = deadline::forecast(rules, &reg.calendar, "issue", at(moment));
        assert_eq!(f.registration.registered_on, d(registered), "{moment}");
        assert_eq!(f.registration.shift, shift, "{moment}");
        let days: Vec<Date> = f.registration.skipped.iter().map(|s| s.date).collect();
        assert_eq!(days, skipped.iter().map(|s| d(s)).collect::<Vec<_>>(), "{moment}");
        assert_eq!(f.decision.unwrap().due, d(due), "{moment}");
    }
}

#[test]
fn the_holiday_eve_says_which_holiday_was_passed_over() {
    let reg = Regulation::builtin();
    let rules = reg.rules.latest().unwrap();
    let f = deadline::forecast(rules, &reg.calendar, "issue", at("2026-12-15T20:50:00+05:00"));
    assert!(
        matches!(&f.registration.skipped[0].kind, anyqtama_core::DayKind::Holiday { id, .. } if id == "independence-day"),
        "{:?}",
        f.registration.skipped
    );
}

#[test]
fn the_checks_forecast_is_the_same_function_of_the_same_moment() {
    let reg = Regulation::builtin();
    let rules = reg.rules.latest().unwrap();
    let mut app = issue();
    // The application date is the day of the moment (else a date "in the future" is refused).
    for (moment, registered, shift, _, due) in CASES {
        let now = at(moment);
        app.set("application_date", now.date.to_string());
        let report = check(&app, now, &reg);
        let f = report.findings.iter().find(|f| f.code == "decision.expected").expect("a forecast");
        assert_eq!(f.args["registered"], Arg::Date(d(registered)), "{moment}");
        assert_eq!(f.args["due"], Arg::Date(d(due)), "{moment}");
        let key = match shift {
            RegistrationShift::SameDay => "same_day",
            RegistrationShift::AfterHours => "after_hours",
            RegistrationShift::DayOff => "day_off",
        };
        assert_eq!(f.args["shift"], Arg::Text(key.into()), "{moment}");
        assert_eq!(f.args["sent"], Arg::Day(now.date), "{moment}");
        let forecast = deadline::forecast(rules, &reg.calendar, "issue", now);
        assert_eq!(Arg::Date(forecast.registration.registered_on), f.args["registered"]);
    }
}

#[test]
fn a_day_without_a_time_is_its_start_as_before() {
    let reg = Regulation::builtin();
    let mut app = issue();
    app.set("application_date", "2026-12-04");
    // As of Friday 4 Dec (no time): before closing, registered that day.
    let r = check(&app, d("2026-12-04"), &reg);
    let f = r.findings.iter().find(|f| f.code == "decision.expected").unwrap();
    assert_eq!(f.args["registered"], Arg::Date(d("2026-12-04")));
    assert_eq!(f.args["shift"], Arg::Text("same_day".into()));
}
