//! Every message exists in Kazakh, Russian and English, parses, and fills all its arguments.

use anyqtama_core::report::{message_id, CODES};
use anyqtama_core::{check, Application, Date, Lang, Regulation};
use anyqtama_i18n::{message_ids, parse_errors, Localizer};

#[test]
fn the_three_languages_have_the_same_messages() {
    let en = message_ids(Lang::En);
    assert!(en.len() > 80, "only {} ids", en.len());
    for lang in [Lang::Kk, Lang::Ru] {
        let other = message_ids(lang);
        let missing: Vec<_> = en.iter().filter(|id| !other.contains(id)).collect();
        let extra: Vec<_> = other.iter().filter(|id| !en.contains(id)).collect();
        assert!(missing.is_empty() && extra.is_empty(), "{lang}: missing {missing:?}, extra {extra:?}");
        let mut dedup = other.clone();
        dedup.dedup();
        assert_eq!(dedup.len(), other.len(), "{lang}: an id is defined twice");
    }
}

#[test]
fn every_file_parses() {
    for lang in Lang::ALL {
        assert_eq!(parse_errors(lang), Vec::<String>::new());
    }
}

#[test]
fn every_finding_code_has_a_text_in_every_language() {
    for lang in Lang::ALL {
        let t = Localizer::new(lang);
        for code in CODES {
            assert!(t.has(&message_id(code)), "{lang}: no text for {code} ({})", message_id(code));
        }
    }
}

#[test]
fn dates_are_written_the_local_way() {
    let d = Date::parse("2026-04-01").unwrap();
    assert_eq!(Localizer::new(Lang::En).date(d), "1 Apr 2026");
    assert_eq!(Localizer::new(Lang::En).date_with_weekday(d), "Wed 1 Apr 2026");
    assert_eq!(Localizer::new(Lang::Ru).date(d), "1 апреля 2026 г.");
    assert_eq!(Localizer::new(Lang::Kk).date(d), "2026 ж. 1 сәуір");
}

/// An application with as many defects as possible, so that many kinds of finding are formatted.
fn defective() -> Vec<Application> {
    let base: Application =
        serde_json::from_str(include_str!("../../../tests/fixtures/applications/extend.json")).unwrap();
    let mut a = base.clone();
    a.set("iin", "791028302729").set("employer_id", "12345").set("kz_phone", "+7 495 1234567");
    a.set("id_doc_expires_on", "2026-01-01").set("surname", "x".repeat(150)).set("consent", "false");
    a.set("contract_ends_on", "2031-01-01").set("akimat", "atlantis").set("id_doc_issued_on", "2026-13-01");
    a.documents[0].expires_on = Some("2026-01-01".into());
    a.documents[1].files[0].media_type = "application/vnd.microsoft.portable-executable".into();
    a.documents[1].files[0].size = 900 * 1024 * 1024;
    let mut b: Application =
        serde_json::from_str(include_str!("../../../tests/fixtures/applications/issue.json")).unwrap();
    b.documents.retain(|d| d.item == "work-record");
    b.documents[0].confirmed.clear();
    b.set("home_phone", "abc").set("id_doc_number", "<script>");
    let mut c: Application =
        serde_json::from_str(include_str!("../../../tests/fixtures/applications/reissue-identity.json"))
            .unwrap();
    c.set("change_on", "2026-11-10").set("termination_on", "2026-11-24");
    vec![a, b, c]
}

#[test]
fn every_finding_fills_its_arguments_in_every_language() {
    let reg = Regulation::builtin();
    let today = Date::parse("2026-11-25").unwrap();
    let rules = reg.rules.latest().unwrap();
    let mut seen = std::collections::BTreeSet::new();
    for app in defective() {
        let report = check(&app, today, &reg);
        for f in &report.findings {
            seen.insert(f.code.clone());
            for lang in Lang::ALL {
                let text = Localizer::new(lang).finding(f, rules);
                assert!(!text.contains('{') && !text.contains('}'), "{lang} {}: {text}", f.code);
                assert!(!text.starts_with("finding-"), "{lang}: unresolved {}", f.code);
            }
        }
    }
    assert!(seen.len() >= 20, "only {} kinds of finding exercised: {seen:?}", seen.len());
}

#[test]
fn skipped_days_explain_themselves() {
    let reg = Regulation::builtin();
    let from = Date::parse("2026-03-20").unwrap();
    let count = reg.calendar.add_working_days(from, 5);
    let en = Localizer::new(Lang::En);
    let reasons: Vec<String> = count
        .skipped
        .iter()
        .map(|d| format!("{} — {}", en.date(d.date), en.day_reason(&d.kind, d.date)))
        .collect();
    assert!(reasons[0].starts_with("21 Mar 2026 — Nauryz"), "{reasons:?}");
    assert!(
        reasons.iter().any(|r| r.starts_with("24 Mar 2026") && r.contains("Sat 21 Mar 2026")),
        "{reasons:?}"
    );
    let ru = Localizer::new(Lang::Ru);
    assert!(ru.day_reason(&count.skipped[0].kind, count.skipped[0].date).contains("Наурыз"));
}
