//! The working-day calendar against days counted by hand from the published calendars, and its
//! invariants over arbitrary dates.

use anyqtama_core::calendar::{Calendar, DayKind, RegistrationShift, BUILTIN_HOLIDAYS, BUILTIN_YEARS};
use anyqtama_core::date::{Date, LocalTime};
use proptest::prelude::*;

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

fn t(s: &str) -> LocalTime {
    LocalTime::parse(s).unwrap()
}

fn days_off(cal: &Calendar, year: i32) -> Vec<String> {
    cal.year(year).unwrap().days_off.iter().map(|d| d.date.to_string()).collect()
}

/// Each case counted by hand on a printed calendar (and again by an independent script).
#[test]
fn working_days_counted_by_hand() {
    let cal = Calendar::builtin();
    let cases = [
        // (from, n, due, skipped non-working days)
        ("2024-05-03", 2, "2024-05-06", vec!["2024-05-05"]), // Sat 4 May worked
        ("2025-01-01", 5, "2025-01-10", vec!["2025-01-02", "2025-01-03", "2025-01-04", "2025-01-07"]),
        (
            "2025-12-31",
            3,
            "2026-01-08",
            vec!["2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04", "2026-01-07"],
        ),
        ("2023-06-30", 3, "2023-07-04", vec!["2023-07-02"]), // Sat 1 Jul worked
        ("2024-12-13", 3, "2024-12-19", vec!["2024-12-14", "2024-12-15", "2024-12-16"]),
        (
            "2026-03-20",
            5,
            "2026-04-01",
            vec![
                "2026-03-21",
                "2026-03-22",
                "2026-03-23",
                "2026-03-24",
                "2026-03-25",
                "2026-03-28",
                "2026-03-29",
            ],
        ),
        (
            "2025-03-20",
            5,
            "2025-04-01",
            vec![
                "2025-03-21",
                "2025-03-22",
                "2025-03-23",
                "2025-03-24",
                "2025-03-25",
                "2025-03-29",
                "2025-03-30",
            ],
        ),
        (
            "2024-03-20",
            5,
            "2024-04-01",
            vec![
                "2024-03-21",
                "2024-03-22",
                "2024-03-23",
                "2024-03-24",
                "2024-03-25",
                "2024-03-30",
                "2024-03-31",
            ],
        ),
        (
            "2023-03-20",
            5,
            "2023-03-30",
            vec!["2023-03-21", "2023-03-22", "2023-03-23", "2023-03-25", "2023-03-26"],
        ),
        ("2025-05-06", 3, "2025-05-13", vec!["2025-05-07", "2025-05-09", "2025-05-10", "2025-05-11"]),
        ("2024-10-23", 5, "2024-10-31", vec!["2024-10-25", "2024-10-26", "2024-10-27"]),
        // Kurban Ait on a Sunday is not moved (2024-06-16): Mon 17 Jun is a working day.
        ("2024-06-14", 1, "2024-06-17", vec!["2024-06-15", "2024-06-16"]),
        // 7 Jan 2024 is a Sunday and is not moved either: Mon 8 Jan is a working day.
        ("2024-01-05", 1, "2024-01-08", vec!["2024-01-06", "2024-01-07"]),
    ];
    for (from, n, due, skipped) in cases {
        let c = cal.add_working_days(d(from), n);
        assert_eq!(c.due, d(due), "{n} working days from {from}");
        let got: Vec<String> = c.skipped.iter().map(|s| s.date.to_string()).collect();
        assert_eq!(got, skipped, "skipped counting {n} from {from}");
        assert!(c.skipped.iter().all(|s| !s.kind.is_working()));
        assert_eq!(c.working_days, n);
    }
}

#[test]
fn weekday_days_off_of_each_settled_year() {
    let cal = Calendar::builtin();
    #[rustfmt::skip]
    let expected: [(i32, &[&str]); 3] = [
        (2023, &["2023-01-02", "2023-01-03", "2023-03-08", "2023-03-21", "2023-03-22", "2023-03-23", "2023-05-01",
                 "2023-05-08", "2023-05-09", "2023-06-28", "2023-07-06", "2023-07-07", "2023-08-30", "2023-10-25",
                 "2023-12-18"]),
        (2024, &["2024-01-01", "2024-01-02", "2024-03-08", "2024-03-21", "2024-03-22", "2024-03-25", "2024-05-01",
                 "2024-05-07", "2024-05-08", "2024-05-09", "2024-07-08", "2024-08-30", "2024-10-25", "2024-12-16"]),
        (2025, &["2025-01-01", "2025-01-02", "2025-01-03", "2025-01-07", "2025-03-10", "2025-03-21", "2025-03-24",
                 "2025-03-25", "2025-05-01", "2025-05-07", "2025-05-09", "2025-06-06", "2025-07-07", "2025-09-01",
                 "2025-10-27", "2025-12-16"]),
    ];
    for (year, off) in expected {
        assert_eq!(days_off(&cal, year), off.to_vec(), "{year}");
        assert!(!cal.year(year).unwrap().provisional, "{year} is settled");
    }
    let worked = |y| -> Vec<String> {
        cal.year(y).unwrap().working_days_on_weekends.iter().map(|d| d.date.to_string()).collect()
    };
    assert_eq!(worked(2023), ["2023-07-01"]);
    assert_eq!(worked(2024), ["2024-05-04"]);
    assert_eq!(worked(2025), ["2025-01-05"]);
}

#[test]
fn each_day_says_why_it_is_not_worked() {
    let cal = Calendar::builtin();
    match cal.day(d("2024-03-25")).kind {
        DayKind::ObservedHoliday { id, original, name } => {
            assert_eq!(id, "nauryz");
            assert_eq!(original, d("2024-03-23"));
            assert_eq!(name.en, "Nauryz");
        }
        other => panic!("25 Mar 2024: {other:?}"),
    }
    // Nauryz on Sat 21 and Sun 22 Mar 2026, Mon 23 is Nauryz itself: Tue 24 and Wed 25 are off.
    for (date, original) in [("2026-03-24", "2026-03-21"), ("2026-03-25", "2026-03-22")] {
        assert!(
            matches!(cal.day(d(date)).kind, DayKind::ObservedHoliday { original: o, .. } if o == d(original)),
            "{date}"
        );
    }
    assert!(matches!(cal.day(d("2024-05-08")).kind, DayKind::TransferredDayOff { .. }));
    assert!(matches!(cal.day(d("2024-05-04")).kind, DayKind::WorkedWeekend { .. }));
    assert!(cal.is_working_day(d("2024-05-04")));
    assert!(matches!(cal.day(d("2024-05-09")).kind, DayKind::Holiday { ref id, .. } if id == "victory-day"));
    assert_eq!(cal.day(d("2024-05-11")).kind, DayKind::Weekend);
    assert_eq!(cal.day(d("2024-05-13")).kind, DayKind::Working);
    // Constitution Day moves to 15 March from 2027 (data, not code).
    assert!(
        matches!(cal.day(d("2027-03-15")).kind, DayKind::Holiday { ref id, .. } if id == "constitution-day")
    );
    assert_eq!(cal.day(d("2027-08-30")).kind, DayKind::Working);
    assert!(matches!(cal.day(d("2026-08-31")).kind, DayKind::ObservedHoliday { .. }));
}

#[test]
fn years_without_settled_data_are_provisional_but_still_counted() {
    let cal = Calendar::builtin();
    assert_eq!(cal.covered_years(), vec![2023, 2024, 2025, 2026, 2027]);
    assert!(cal.year(2026).unwrap().provisional);
    assert!(cal.year(2026).unwrap().provisional_reason.unwrap().en.contains("Constitution Day"));
    assert!(cal.year(2031).is_none());
    // 2031 has no file: its holidays still count (Nauryz 21 Mar 2031 is a Friday) but flagged.
    let day = cal.day(d("2031-03-21"));
    assert!(!day.kind.is_working());
    assert!(day.provisional);
    let c = cal.add_working_days(d("2031-03-20"), 1);
    assert_eq!(c.due, d("2031-03-26")); // Fri 21; Sat 22 → Mon 24; Sun 23 → Tue 25
    assert!(c.provisional);
    assert!(!cal.add_working_days(d("2024-03-01"), 3).provisional);
    assert!(cal.add_working_days(d("2025-12-30"), 3).provisional, "reaches into 2026");
}

#[test]
fn registration_after_hours_and_on_days_off_moves_to_the_next_working_day() {
    let cal = Calendar::builtin();
    let closes = t("18:30");
    let r = cal.registration(d("2025-11-25"), t("18:29"), closes);
    assert_eq!((r.registered_on, r.shift.clone()), (d("2025-11-25"), RegistrationShift::SameDay));
    assert!(r.skipped.is_empty());
    let r = cal.registration(d("2025-11-25"), t("18:30"), closes);
    assert_eq!((r.registered_on, r.shift.clone()), (d("2025-11-26"), RegistrationShift::AfterHours));
    // Friday evening before Nauryz 2025: Sat 22, Sun 23 and the two days off for them are skipped.
    let r = cal.registration(d("2025-03-20"), t("20:00"), closes);
    assert_eq!(r.registered_on, d("2025-03-26"));
    assert_eq!(r.skipped.len(), 5);
    // On a holiday: the holiday itself is among the skipped days.
    let r = cal.registration(d("2024-12-16"), t("09:00"), closes);
    assert_eq!((r.registered_on, r.shift.clone()), (d("2024-12-17"), RegistrationShift::DayOff));
    assert_eq!(r.skipped.iter().map(|s| s.date).collect::<Vec<_>>(), vec![d("2024-12-16")]);
    // A worked Saturday is a working day for registration too.
    let r = cal.registration(d("2024-05-04"), t("10:00"), closes);
    assert_eq!(r.shift, RegistrationShift::SameDay);
}

#[test]
fn a_portal_replaces_a_year_without_a_rebuild() {
    let mut cal = Calendar::builtin();
    assert!(cal.is_working_day(d("2026-03-27")));
    let mut year: serde_json::Value = serde_json::from_str(BUILTIN_YEARS[3]).unwrap();
    assert_eq!(year["year"], 2026);
    year["provisional"] = false.into();
    year["provisional_reason"] = serde_json::Value::Null;
    year["transfers"] = serde_json::json!([{
        "day_off": "2026-03-27", "worked": "2026-04-04",
        "reason": {"kk": "ауыстыру", "ru": "перенос", "en": "transfer"}, "source": "order"
    }]);
    cal.load_year(&year.to_string()).unwrap();
    assert!(!cal.is_working_day(d("2026-03-27")));
    assert!(cal.is_working_day(d("2026-04-04")));
    assert!(!cal.year(2026).unwrap().provisional);
    assert_eq!(cal.add_working_days(d("2026-03-20"), 5).due, d("2026-04-02"));
    // The observed days for Nauryz are recomputed with the year, not lost.
    assert!(!cal.is_working_day(d("2026-03-24")));
}

#[test]
fn bad_calendar_data_is_an_error_naming_the_file_never_a_panic() {
    let cases: [(&str, &str, &str); 7] = [
        ("{ not json", "year file", "key must be a string"),
        (r#"{"year": 2026, "provisional": true}"#, "2026", "provisional_reason"),
        (
            r#"{"year": 2026, "transfers": [{"day_off": "2026-03-28", "worked": "2026-03-29", "reason": {"kk":"a","ru":"b","en":"c"}, "source": "x"}]}"#,
            "2026",
            "weekend day already",
        ),
        (
            r#"{"year": 2026, "transfers": [{"day_off": "2026-03-27", "worked": "2026-03-30", "reason": {"kk":"a","ru":"b","en":"c"}, "source": "x"}]}"#,
            "2026",
            "not a Saturday or Sunday",
        ),
        (
            r#"{"year": 2026, "transfers": [{"day_off": "2025-03-27", "worked": "2026-03-28", "reason": {"kk":"a","ru":"b","en":"c"}, "source": "x"}]}"#,
            "2026",
            "not in 2026",
        ),
        (
            r#"{"year": 2026, "transfers": [{"day_off": "2026-03-27", "worked": "2026-03-28", "reason": {"kk":"","ru":"b","en":"c"}, "source": "x"}]}"#,
            "2026",
            "no text in kk",
        ),
        (
            r#"{"year": 2026, "transfers": [{"day_off": "2026-02-30", "worked": "2026-03-28", "reason": {"kk":"a","ru":"b","en":"c"}, "source": "x"}]}"#,
            "2026",
            "2026-02-30",
        ),
    ];
    // What serde's `deny_unknown_fields` and derives refused, the reader refuses too.
    let more = [
        (r#"{"year": 2026, "transfer": []}"#, "2026", "unknown field `transfer`"),
        (
            r#"{"year": 2026, "transfers": [{"day_off": "2026-03-27", "worked": "2026-03-28", "reason": {"kk":"a","ru":"b","en":"c"}, "source": "x", "note": 1}]}"#,
            "2026",
            "transfers[0]: unknown field `note`",
        ),
        (r#"{"year": 2026, "year": 2027}"#, "year file", "duplicate field `year`"),
        (r#"{"year": "2026"}"#, "year file", "year: invalid type: a string"),
        (r#"{"year": 2026,}"#, "year file", "line 1 column 15"),
    ];
    for (json, file, message) in cases.into_iter().chain(more) {
        let e = Calendar::builtin().load_year(json).unwrap_err();
        assert_eq!(e.file, file, "{json}");
        assert!(e.message.contains(message), "{json}: {}", e.message);
    }
    let mut holidays: serde_json::Value = serde_json::from_str(BUILTIN_HOLIDAYS).unwrap();
    holidays["holidays"][0]["day"] = 32.into();
    let e = Calendar::from_json(&holidays.to_string(), &[]).unwrap_err();
    assert_eq!(e.file, "holidays");
    assert!(e.message.contains("no such date"), "{}", e.message);
    // A file making every day a holiday is refused, so counting always ends.
    let mut holidays: serde_json::Value = serde_json::from_str(BUILTIN_HOLIDAYS).unwrap();
    let one = holidays["holidays"][0].clone();
    holidays["holidays"] = serde_json::Value::Array(vec![one; 100]);
    assert!(Calendar::from_json(&holidays.to_string(), &[]).unwrap_err().message.contains("more than"));
}

#[test]
fn the_counting_basis_is_stated_and_marked_as_our_reading() {
    let cal = Calendar::builtin();
    let basis = cal.counting_basis();
    assert_eq!(basis.cite, "P7");
    assert!(basis.rule.en.contains("our reading"));
    assert!(cal.version().contains("2023–2027"), "{}", cal.version());
}

fn any_date() -> impl Strategy<Value = Date> {
    // 2020-01-01 .. 2032-12-31: covered years, and years on either side without a file.
    (18262i64..23376).prop_map(|n| Date::from_days_since_epoch(n).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn the_due_day_is_the_nth_working_day_after_the_event(from in any_date(), n in 0u32..40) {
        let cal = Calendar::builtin();
        let c = cal.add_working_days(from, n);
        prop_assert!(cal.is_working_day(c.due));
        prop_assert!(c.due >= from);
        let expected = if n > 0 { i64::from(n) } else { i64::from(!cal.is_working_day(from)) };
        prop_assert_eq!(cal.working_days_between(from, c.due), expected);
        // Every day between is either counted or skipped, and the skipped ones are not working days.
        let span = from.days_until(c.due) as usize;
        let counted = cal.working_days_between(from, c.due) as usize;
        let skipped_after_from = c.skipped.iter().filter(|s| s.date > from).count();
        prop_assert_eq!(span, counted + skipped_after_from);
        prop_assert!(c.skipped.iter().all(|s| !s.kind.is_working() && s.date >= from && s.date < c.due));
    }

    #[test]
    fn more_working_days_never_end_earlier(from in any_date(), n in 1u32..30) {
        let cal = Calendar::builtin();
        prop_assert!(cal.add_working_days(from, n + 1).due > cal.add_working_days(from, n).due);
    }

    #[test]
    fn counting_between_is_antisymmetric(a in any_date(), b in any_date()) {
        let cal = Calendar::builtin();
        prop_assert_eq!(cal.working_days_between(a, b), -cal.working_days_between(b, a));
    }

    #[test]
    fn a_day_and_the_walk_agree(date in any_date()) {
        // `day` (one date) and `add_working_days` (a walk through the year) classify alike.
        let cal = Calendar::builtin();
        let c = cal.add_working_days(date.pred(), 1);
        prop_assert_eq!(c.due == date, cal.is_working_day(date));
    }
}
