//! The `anyqtama` binary as a user runs it: output, JSON shape, exit codes, languages.

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_anyqtama")).args(args).output().expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

#[test]
fn deadline_prints_the_due_date_first_then_how_it_was_counted() {
    let o = run(&["deadline", "employer-change-notice", "2026-03-20", "--lang", "en"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "Due: Wed 1 Apr 2026");
    assert!(out.contains("(P18)"), "{out}");
    assert!(out.contains("Sat 21 Mar 2026 — Nauryz"), "{out}");
    assert!(out.contains("Tue 24 Mar 2026 — day off for Nauryz"), "{out}");
    assert!(out.contains("Provisional"), "2026 is a provisional year: {out}");
}

#[test]
fn deadline_json_has_the_documented_shape() {
    let o = run(&["deadline", "employer-change-notice", "2026-03-20", "--json", "--lang", "ru"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["event"], "employer-change-notice");
    assert_eq!(v["from"], "2026-03-20");
    assert_eq!(v["due"], "2026-04-01");
    assert_eq!(v["working_days"], 5);
    assert_eq!(v["cite"], "P18");
    assert_eq!(v["provisional"], true);
    let skipped: Vec<&str> =
        v["skipped"].as_array().unwrap().iter().map(|d| d["date"].as_str().unwrap()).collect();
    assert_eq!(
        skipped,
        ["2026-03-21", "2026-03-22", "2026-03-23", "2026-03-24", "2026-03-25", "2026-03-28", "2026-03-29"]
    );
    assert!(v["skipped"][0]["reason"].as_str().unwrap().contains("Наурыз"), "{}", v["skipped"][0]);
}

#[test]
fn every_documented_event_is_known() {
    let events = [
        ("commission-referral", "2024-05-03", "2024-05-06"), // Sat 4 May is worked (1), Mon 6 (2)
        ("decision-issue", "2025-01-01", "2025-01-10"), // 2, 3 Jan off; Sun 5 worked (1), 6 (2); 7 Jan off; 8, 9, 10
        ("decision-extend", "2025-12-31", "2026-01-08"), // 1, 2 Jan off; 5 (1), 6 (2); 7 Jan off; 8 (3)
        ("decision-reissue", "2023-06-30", "2023-07-04"), // Sat 1 Jul worked (1), Mon 3 (2), Tue 4 (3)
        ("decision-duplicate", "2024-12-13", "2024-12-19"), // 16 Dec off
        ("employer-change-notice", "2026-03-20", "2026-04-01"),
        ("termination-notice", "2025-03-20", "2025-04-01"), // Nauryz 21 Fri, 22 Sat→24, 23 Sun→25
        ("reissue-application", "2024-03-20", "2024-04-01"), // Nauryz 21, 22, 23 Sat→Mon 25
        ("duplicate-application", "2023-03-20", "2023-03-30"), // Nauryz 21, 22, 23 Tue–Thu
        ("complaint-forwarding", "2025-05-06", "2025-05-13"), // 7 May off, 8 (1), 9 May off, 12 (2), 13 (3)
        ("complaint-review", "2024-10-23", "2024-10-31"),   // 25 Oct off
    ];
    for (event, from, due) in events {
        let o = run(&["deadline", event, from, "--json"]);
        assert!(o.status.success(), "{event}: {}", stderr(&o));
        assert_eq!(json(&o)["due"], due, "{event} from {from}");
    }
}

#[test]
fn calendar_lists_weekday_days_off_and_worked_weekends() {
    let o = run(&["calendar", "2024", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["year"], 2024);
    assert_eq!(v["provisional"], false);
    let days_off: Vec<&str> =
        v["days_off"].as_array().unwrap().iter().map(|d| d["date"].as_str().unwrap()).collect();
    assert!(days_off.contains(&"2024-05-08"), "{days_off:?}"); // transferred from Sat 4 May
    assert!(days_off.contains(&"2024-03-25"), "{days_off:?}"); // Nauryz on Sat 23 Mar moves to Mon 25
    assert!(!days_off.contains(&"2024-01-08"), "7 Jan 2024 is a Sunday and is not moved: {days_off:?}");
    let worked: Vec<&str> = v["working_days_on_weekends"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["date"].as_str().unwrap())
        .collect();
    assert_eq!(worked, ["2024-05-04"]);

    let o = run(&["calendar", "2026", "--lang", "en"]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(out.starts_with("Calendar of 2026"), "{out}");
    assert!(out.contains("Provisional"), "{out}");
}

#[test]
fn bad_input_is_a_localised_message_and_exit_status_2() {
    let cases: [(&[&str], &str); 6] = [
        (&["deadline", "visa-run", "2026-03-20", "--lang", "en"], "Unknown event “visa-run”"),
        (&["deadline", "visa-run", "2026-03-20", "--lang", "ru"], "Неизвестное событие"),
        (&["deadline", "decision-issue", "2026-02-30", "--lang", "en"], "is not a date"),
        (&["deadline", "decision-issue", "20.03.2026", "--lang", "en"], "is not a date"),
        (&["calendar", "2031", "--lang", "en"], "No calendar data for 2031"),
        (&["calendar", "twenty", "--lang", "en"], "No calendar data for twenty"),
    ];
    for (args, expected) in cases {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(expected), "{args:?}: {}", stderr(&o));
        assert!(!stderr(&o).contains("panicked"), "{args:?}");
    }
    // Kazakh is the default language.
    let o = run(&["calendar", "2031"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!stderr(&o).contains("No calendar data"), "{}", stderr(&o));
    // An unknown language is a usage error, also status 2.
    assert_eq!(run(&["calendar", "2026", "--lang", "de"]).status.code(), Some(2));
}

#[test]
fn a_newer_calendar_year_file_is_loaded_without_a_rebuild() {
    let dir = std::env::temp_dir().join(format!("anyqtama-cal-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // A portal learns that Fri 27 Mar 2026 is a transferred day off (worked on Sat 4 Apr).
    let mut year: serde_json::Value =
        serde_json::from_str(include_str!("../../../data/calendar/2026.json")).unwrap();
    let transfer = serde_json::json!({
        "day_off": "2026-03-27", "worked": "2026-04-04",
        "reason": {"kk": "сынақ", "ru": "тест", "en": "test transfer"},
        "source": "test"
    });
    year["transfers"].as_array_mut().unwrap().push(transfer);
    let file = dir.join("2026.json");
    std::fs::write(&file, year.to_string()).unwrap();

    let o = run(&[
        "deadline",
        "employer-change-notice",
        "2026-03-20",
        "--json",
        "--calendar",
        file.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(json(&o)["due"], "2026-04-02");

    std::fs::write(&file, "{ not json").unwrap();
    let o = run(&["calendar", "2026", "--calendar", file.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("Could not load"), "{}", stderr(&o));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    // `anyqtama calendar 2024 | head -1`: the reader goes away; no panic, no error message.
    let mut child = Command::new(env!("CARGO_BIN_EXE_anyqtama"))
        .args(["calendar", "2024", "--lang", "en"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}
