//! The check, end to end over the built-in data: one full application per kind of request, and
//! each kind of defect an applicant makes. Dates are counted by hand in the comments.

use anyqtama_core::report::CODES;
use anyqtama_core::sectors::SectorList;
use anyqtama_core::{check, Application, Date, FileRef, Regulation, Report, Severity, Target};
use proptest::prelude::*;

const KINDS: [(&str, &str); 5] = [
    ("issue", include_str!("../../../tests/fixtures/applications/issue.json")),
    ("extend", include_str!("../../../tests/fixtures/applications/extend.json")),
    ("reissue-identity", include_str!("../../../tests/fixtures/applications/reissue-identity.json")),
    ("reissue-employer", include_str!("../../../tests/fixtures/applications/reissue-employer.json")),
    ("duplicate", include_str!("../../../tests/fixtures/applications/duplicate.json")),
];

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

fn today() -> Date {
    d("2026-11-25") // a Wednesday
}

fn fixture(kind: &str) -> Application {
    let json = KINDS.iter().find(|(k, _)| *k == kind).unwrap().1;
    serde_json::from_str(json).unwrap()
}

fn codes(r: &Report) -> Vec<&str> {
    r.findings.iter().map(|f| f.code.as_str()).collect()
}

fn find<'a>(r: &'a Report, code: &str) -> &'a anyqtama_core::Finding {
    r.findings.iter().find(|f| f.code == code).unwrap_or_else(|| panic!("no {code} in {:?}", codes(r)))
}

fn blockers(r: &Report) -> Vec<(&str, &Target)> {
    r.findings
        .iter()
        .filter(|f| f.severity == Severity::Blocker)
        .map(|f| (f.code.as_str(), &f.target))
        .collect()
}

#[test]
fn every_kind_complete_package_has_no_blocker() {
    let reg = Regulation::builtin();
    for (kind, _) in KINDS {
        let r = check(&fixture(kind), today(), &reg);
        assert!(r.may_submit, "{kind}: {:?}", blockers(&r));
        assert_eq!(r.blockers, 0);
        assert_eq!(r.rules_version.as_deref(), Some("2026.1"));
        assert_eq!(r.kind.as_deref(), Some(kind));
        // What could not be checked is said, not silently passed.
        assert!(codes(&r).contains(&"profession.list_not_loaded"), "{kind}");
        assert!(codes(&r).contains(&"scoring.not_loaded"), "{kind}");
    }
}

#[test]
fn expected_decision_dates() {
    let reg = Regulation::builtin();
    // Sent Wed 25 Nov 2026 (a working day): registered the same day.
    // Issue: 5 wd → Thu 26, Fri 27, Mon 30, Tue 1 Dec, Wed 2 Dec.
    let r = check(&fixture("issue"), today(), &reg);
    let f = find(&r, "decision.expected");
    assert_eq!(f.args["due"], anyqtama_core::Arg::Date(d("2026-12-02")));
    assert_eq!(f.cite, "A2 row 3");
    let count = f.count.as_ref().unwrap();
    assert_eq!(
        count.skipped.iter().map(|s| s.date).collect::<Vec<_>>(),
        vec![d("2026-11-28"), d("2026-11-29")]
    );
    // Extension, re-issue, duplicate: 3 wd → Mon 30 Nov.
    for kind in ["extend", "reissue-identity", "reissue-employer", "duplicate"] {
        let r = check(&fixture(kind), today(), &reg);
        assert_eq!(
            find(&r, "decision.expected").args["due"],
            anyqtama_core::Arg::Date(d("2026-11-30")),
            "{kind}"
        );
    }
}

#[test]
fn extension_runs_to_the_contract_end_but_at_most_three_years() {
    let reg = Regulation::builtin();
    let r = check(&fixture("extend"), today(), &reg);
    assert_eq!(find(&r, "extension.end").args["end"], anyqtama_core::Arg::Date(d("2027-12-31")));
    assert!(!codes(&r).contains(&"extension.capped"));

    let mut app = fixture("extend");
    app.set("contract_ends_on", "2031-06-30");
    let r = check(&app, today(), &reg);
    // Decision due Mon 30 Nov 2026; three years later is 30 Nov 2029.
    assert_eq!(find(&r, "extension.end").args["end"], anyqtama_core::Arg::Date(d("2029-11-30")));
    assert_eq!(find(&r, "extension.capped").cite, "P16");

    app.set("contract_ends_on", "2026-11-01");
    let r = check(&app, today(), &reg);
    assert_eq!(find(&r, "extension.contract_ended").severity, Severity::Warning);
}

#[test]
fn employer_details_are_required_only_where_the_kind_needs_them() {
    let reg = Regulation::builtin();
    for kind in ["extend", "reissue-employer"] {
        let mut app = fixture(kind);
        app.answers.remove("employer_name");
        app.answers.remove("employer_id");
        let r = check(&app, today(), &reg);
        let b = blockers(&r);
        assert!(b.contains(&("field.required", &Target::Field("employer_name".into()))), "{kind}: {b:?}");
        assert!(b.contains(&("field.required", &Target::Field("employer_id".into()))), "{kind}: {b:?}");
    }
    let r = check(&fixture("issue"), today(), &reg);
    assert!(r.for_field("employer_name").next().is_none());
}

#[test]
fn identifiers_are_checked_as_typed() {
    let reg = Regulation::builtin();
    let mut app = fixture("extend");
    app.set("iin", "791028302729"); // last digit wrong
    app.set("employer_id", "940140000386");
    app.set("kz_phone", "+7 495 123 45 67"); // Moscow, not Kazakhstan
    app.set("home_phone", "12");
    let r = check(&app, today(), &reg);
    let b = blockers(&r);
    assert!(b.contains(&("iin.check_digit", &Target::Field("iin".into()))), "{b:?}");
    assert!(b.contains(&("bin_or_iin.check_digit", &Target::Field("employer_id".into()))), "{b:?}");
    assert!(b.contains(&("phone.not_kazakhstan", &Target::Field("kz_phone".into()))), "{b:?}");
    assert!(b.contains(&("phone.format", &Target::Field("home_phone".into()))), "{b:?}");
    assert!(!r.may_submit);
}

#[test]
fn an_expired_identity_document_blocks_and_one_expiring_soon_warns() {
    let reg = Regulation::builtin();
    let mut app = fixture("issue");
    app.set("id_doc_expires_on", "2026-11-24");
    let r = check(&app, today(), &reg);
    let f = find(&r, "identity_document.expired");
    assert_eq!((f.severity, f.cite.as_str()), (Severity::Blocker, "A2"));
    assert!(!r.may_submit);

    // Valid today, but it expires before the decision (due Wed 2 Dec).
    app.set("id_doc_expires_on", "2026-12-01");
    let r = check(&app, today(), &reg);
    assert_eq!(find(&r, "identity_document.expires_before_decision").severity, Severity::Warning);
    assert!(r.may_submit);

    // Issued after it expires: impossible.
    app.set("id_doc_issued_on", "2026-12-05");
    app.set("id_doc_expires_on", "2026-12-04");
    let r = check(&app, today(), &reg);
    assert!(codes(&r).contains(&"field.not_before"));
    assert!(codes(&r).contains(&"field.date_in_future"));
}

#[test]
fn impossible_and_future_dates() {
    let reg = Regulation::builtin();
    let mut app = fixture("duplicate");
    app.set("loss_on", "2026-12-24");
    app.set("id_doc_issued_on", "2026-02-30");
    let r = check(&app, today(), &reg);
    assert!(blockers(&r).contains(&("field.date_in_future", &Target::Field("loss_on".into()))));
    // Said part by part: the day is wrong (February has 28 days).
    assert!(blockers(&r).contains(&("field.date_no_such_day", &Target::Field("id_doc_issued_on".into()))));
    app.set("id_doc_issued_on", "14.05.2021");
    let r = check(&app, today(), &reg);
    assert!(blockers(&r).contains(&("field.not_a_date", &Target::Field("id_doc_issued_on".into()))));

    // 1850 has no rule set in force at all: that is the one thing said.
    app.set("application_date", "1850-01-01");
    let r = check(&app, today(), &reg);
    assert_eq!(blockers(&r), vec![("rules.none_in_force", &Target::Package)]);
}

#[test]
fn a_renamed_executable_is_refused_by_its_content() {
    let reg = Regulation::builtin();
    let mut app = fixture("issue");
    app.document_mut("identity-document").files = vec![FileRef {
        name: "passport.pdf".into(),
        size: 40_000,
        media_type: anyqtama_core::filetype::sniff(b"MZ\x90\0").media_type().into(),
        sha256: None,
    }];
    let r = check(&app, today(), &reg);
    let f = find(&r, "file.type_refused");
    assert_eq!(f.target, Target::Item("identity-document".into()));
    assert_eq!(f.args["file"], anyqtama_core::Arg::Text("passport.pdf".into()));
    // The message can say what it really is ("a Windows program"), not just a media type.
    assert_eq!(f.args["kind"], anyqtama_core::Arg::Text("executable".into()));
    assert!(!r.may_submit);
    // The refused file does not stand for the document: the item is still missing.
    let missing = r.findings.iter().find(|f| f.code == "checklist.missing");
    assert_eq!(missing.map(|f| &f.target), Some(&Target::Item("identity-document".into())));

    // Nor does it fill a "one of" group; a good file beside it does.
    let mut app = fixture("issue");
    let group = reg.rules.latest().unwrap().kind("issue").unwrap().checklist.iter().find_map(|e| {
        match &e.requirement {
            anyqtama_core::rules::Requirement::OneOf { group, .. } => Some((group.clone(), e.item.clone())),
            _ => None,
        }
    });
    let (group, member) = group.expect("a first issue has a one-of group");
    for doc in app.documents.iter_mut() {
        doc.files.clear();
    }
    let program = FileRef {
        name: "diploma.pdf".into(),
        size: 40_000,
        media_type: anyqtama_core::filetype::sniff(b"MZ\x90\0").media_type().into(),
        sha256: None,
    };
    app.document_mut(&member).files = vec![program.clone()];
    assert!(codes(&check(&app, today(), &reg)).contains(&"checklist.group_missing"), "{group}");
    let good = FileRef { name: "diploma-2.pdf".into(), media_type: "application/pdf".into(), ..program };
    app.document_mut(&member).files.push(good);
    let r = check(&app, today(), &reg);
    assert!(!codes(&r).contains(&"checklist.group_missing"));
    assert!(codes(&r).contains(&"file.type_refused"), "the refused file is still reported");
}

#[test]
fn file_limits_come_from_the_rules() {
    let reg = Regulation::builtin();
    let limits = &reg.rules.latest().unwrap().files;
    let mut app = fixture("issue");
    let doc = app.document_mut("work-record");
    doc.files[0].size = limits.max_file_bytes + 1;
    doc.files.push(FileRef {
        name: "blank.pdf".into(),
        size: 0,
        media_type: "application/pdf".into(),
        sha256: None,
    });
    let r = check(&app, today(), &reg);
    assert!(codes(&r).contains(&"file.too_large"));
    assert!(codes(&r).contains(&"file.empty"));

    let mut app = fixture("issue");
    let too_many = limits.max_files_per_item + 1;
    app.document_mut("identity-document").files = (0..too_many)
        .map(|i| FileRef {
            name: format!("p{i}.pdf"),
            size: 10,
            media_type: "application/pdf".into(),
            sha256: None,
        })
        .collect();
    assert!(codes(&check(&app, today(), &reg)).contains(&"checklist.too_many_files"));
}

#[test]
fn the_checklist_follows_the_kind() {
    let reg = Regulation::builtin();
    // Issue without any qualification document: the group is missing, once.
    let mut app = fixture("issue");
    app.documents.retain(|d| d.item != "education-documents");
    let r = check(&app, today(), &reg);
    assert_eq!(blockers(&r), vec![("checklist.group_missing", &Target::Item("qualification".into()))]);

    // The English-teaching certificate satisfies the group, but must be confirmed.
    app.document_mut("english-teaching-certificate").files = fixture("issue").documents[0].files.clone();
    let r = check(&app, today(), &reg);
    assert_eq!(
        blockers(&r),
        vec![("checklist.not_confirmed", &Target::Item("english-teaching-certificate".into()))]
    );
    app.document_mut("english-teaching-certificate").confirmed.insert("notarised_translation".into());
    assert!(check(&app, today(), &reg).may_submit);

    // Duplicate without the work record; work record without its translation.
    let mut app = fixture("duplicate");
    app.document_mut("work-record").confirmed.remove("translation_kk_ru");
    let r = check(&app, today(), &reg);
    let f = find(&r, "checklist.not_confirmed");
    assert_eq!(f.args["confirmation"], anyqtama_core::Arg::Confirmation("translation_kk_ru".into()));
    app.documents.retain(|d| d.item != "work-record");
    let r = check(&app, today(), &reg);
    assert_eq!(blockers(&r), vec![("checklist.missing", &Target::Item("work-record".into()))]);
}

#[test]
fn an_expired_earlier_certificate_is_refused() {
    let reg = Regulation::builtin();
    let mut app = fixture("extend");
    app.document_mut("previous-certificate").expires_on = Some("2026-11-20".into());
    let r = check(&app, today(), &reg);
    assert_eq!(blockers(&r), vec![("checklist.expired", &Target::Item("previous-certificate".into()))]);
    app.document_mut("previous-certificate").expires_on = None;
    let r = check(&app, today(), &reg);
    assert_eq!(
        blockers(&r),
        vec![("checklist.expiry_missing", &Target::Item("previous-certificate".into()))]
    );
}

#[test]
fn applicant_deadlines_in_time_due_soon_and_overdue() {
    let reg = Regulation::builtin();
    let mut app = fixture("reissue-identity");
    // Changed Tue 24 Nov: 5 wd → Wed 25, Thu 26, Fri 27, Mon 30, Tue 1 Dec. From today (25th) 4 left.
    let r = check(&app, today(), &reg);
    let f = find(&r, "deadline.in_time");
    assert_eq!(f.args["due"], anyqtama_core::Arg::Date(d("2026-12-01")));
    assert_eq!(f.args["working_days_left"], anyqtama_core::Arg::Number(4));
    assert_eq!(f.cite, "P22");

    // Changed Fri 20 Nov: due Fri 27 Nov, 2 working days left → due soon.
    app.set("change_on", "2026-11-20");
    let r = check(&app, today(), &reg);
    let f = find(&r, "deadline.due_soon");
    assert_eq!(f.args["due"], anyqtama_core::Arg::Date(d("2026-11-27")));
    assert_eq!(f.severity, Severity::Warning);

    // Changed Tue 10 Nov: due Tue 17 Nov (skipping 14–15 Nov) → overdue by 8 days.
    app.set("change_on", "2026-11-10");
    let r = check(&app, today(), &reg);
    let f = find(&r, "deadline.overdue");
    assert_eq!(f.args["due"], anyqtama_core::Arg::Date(d("2026-11-17")));
    assert_eq!(f.args["days_late"], anyqtama_core::Arg::Number(8));
    let skipped: Vec<Date> = f.count.as_ref().unwrap().skipped.iter().map(|s| s.date).collect();
    assert_eq!(skipped, vec![d("2026-11-14"), d("2026-11-15")]);
    // Missing the application deadline is a warning (the akimat decides), not a blocker.
    assert!(r.may_submit);

    // An employer change counts both the P18 notice and the P22 application.
    let r = check(&fixture("reissue-employer"), today(), &reg);
    let cites: Vec<&str> =
        r.findings.iter().filter(|f| f.code.starts_with("deadline.")).map(|f| f.cite.as_str()).collect();
    // …and says the count is provisional: 2026's calendar is not settled (data/calendar/2026.json).
    assert_eq!(cites, vec!["P22", "P18", "A2"]);
    assert_eq!(find(&r, "deadline.provisional").severity, Severity::Note);
}

#[test]
fn the_rule_set_in_force_on_the_application_date_is_used_and_a_portal_can_load_a_newer_one() {
    let mut reg = Regulation::builtin();
    let mut newer: serde_json::Value = serde_json::from_str(anyqtama_core::builtin::RULES_2026_1).unwrap();
    newer["version"] = "2027.1".into();
    newer["effective_from"] = "2027-01-01".into();
    newer["effective_from_provisional"] = false.into();
    // The amendment adds a required document to the issue checklist.
    newer["kinds"][0]["checklist"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"item": "employment-contract", "requirement": {"type": "required"}}));
    reg.rules.load_json(&newer.to_string()).unwrap();

    let app = fixture("issue");
    let r = check(&app, today(), &reg);
    assert_eq!(r.rules_version.as_deref(), Some("2026.1"));
    assert!(r.may_submit);

    let mut app = fixture("issue");
    app.set("application_date", "2027-01-05");
    let r = check(&app, d("2027-01-05"), &reg);
    assert_eq!(r.rules_version.as_deref(), Some("2027.1"));
    assert_eq!(blockers(&r), vec![("checklist.missing", &Target::Item("employment-contract".into()))]);
}

#[test]
fn a_rule_without_a_cite_or_a_translation_is_refused() {
    let mut bad: serde_json::Value = serde_json::from_str(anyqtama_core::builtin::RULES_2026_1).unwrap();
    bad["limits"][0]["cite"] = "".into();
    bad["items"][1]["label"]["kk"] = "".into();
    bad["kinds"][0]["checklist"][1]["item"] = "no-such-item".into();
    let err = anyqtama_core::RuleSet::from_json(&bad.to_string()).unwrap_err();
    let all = err.problems.join("\n");
    assert!(all.contains("limit commission-referral: cite"), "{all}");
    assert!(all.contains("item identity-document: no kk text"), "{all}");
    assert!(all.contains("unknown item no-such-item"), "{all}");

    // A "one of" group is two alternatives (its message names both): a third member is refused.
    let mut bad: serde_json::Value = serde_json::from_str(anyqtama_core::builtin::RULES_2026_1).unwrap();
    let checklist = bad["kinds"][0]["checklist"].as_array_mut().unwrap();
    let member = checklist.iter().find(|e| e["requirement"]["type"] == "one_of").unwrap().clone();
    checklist.push(member);
    let err = anyqtama_core::RuleSet::from_json(&bad.to_string()).unwrap_err();
    assert!(err.problems.join("\n").contains("has 3 items; a group has exactly two"), "{:?}", err.problems);
}

#[test]
fn the_builtin_rules_are_sound() {
    let reg = Regulation::builtin();
    for set in reg.rules.all() {
        assert_eq!(set.problems(), Vec::<String>::new(), "{}", set.version);
    }
}

#[test]
fn the_official_list_is_enforced_only_when_official() {
    let mut list = SectorList::from_json(anyqtama_core::builtin::SECTORS_SAMPLE).unwrap();
    let mut reg = Regulation::builtin();
    reg.sectors = Some(list.clone());
    let r = check(&fixture("issue"), today(), &reg);
    assert_eq!(find(&r, "profession.list_is_sample").severity, Severity::Note);

    list.official = true;
    reg.sectors = Some(list);
    let r = check(&fixture("issue"), today(), &reg);
    assert!(r.may_submit, "{:?}", blockers(&r));
    let mut app = fixture("issue");
    app.set("profession", "P-NOPE");
    assert_eq!(
        blockers(&check(&app, today(), &reg)),
        vec![("profession.not_in_list", &Target::Field("profession".into()))]
    );
    app.set("profession", "P-EDU-1"); // exists, but in another sector
    assert_eq!(
        blockers(&check(&app, today(), &reg)),
        vec![("profession.sector_mismatch", &Target::Field("profession".into()))]
    );
}

#[test]
fn the_check_is_deterministic() {
    let reg = Regulation::builtin();
    for (kind, _) in KINDS {
        let a = serde_json::to_string(&check(&fixture(kind), today(), &reg)).unwrap();
        let b = serde_json::to_string(&check(&fixture(kind), today(), &reg)).unwrap();
        assert_eq!(a, b);
    }
}

#[test]
fn blockers_come_first_and_counts_add_up() {
    let reg = Regulation::builtin();
    let mut app = fixture("extend");
    app.answers.remove("surname");
    app.set("change_on", "2026-11-10");
    let r = check(&app, today(), &reg);
    let sev: Vec<Severity> = r.findings.iter().map(|f| f.severity).collect();
    let mut sorted = sev.clone();
    sorted.sort();
    assert_eq!(sev, sorted);
    assert_eq!(r.blockers + r.warnings + r.notes, r.findings.len());
}

fn field_ids() -> Vec<String> {
    Regulation::builtin().rules.latest().unwrap().fields().map(|f| f.id.clone()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    /// Whatever is typed, the check answers (no panic), only with listed codes, and any blocker
    /// forbids submission.
    #[test]
    fn any_input_gives_a_report(
        kind in prop::sample::select(vec!["issue", "extend", "reissue-identity", "reissue-employer", "duplicate", "bogus"]),
        values in prop::collection::vec(prop::option::of("\\PC{0,40}|[0-9]{12}|20[0-9]{2}-[01][0-9]-[0-3][0-9]"), 28),
        day in 0i64..1200,
    ) {
        let reg = Regulation::builtin();
        let mut app = fixture(if kind == "bogus" { "issue" } else { kind });
        for (id, v) in field_ids().into_iter().zip(values) {
            match v {
                Some(v) => { app.set(&id, v); }
                None => { app.answers.remove(&id); }
            }
        }
        app.set("kind", kind);
        let today = d("2023-01-01").add_days(day).unwrap();
        let r = check(&app, today, &reg);
        for f in &r.findings {
            prop_assert!(CODES.contains(&f.code.as_str()), "unlisted code {}", f.code);
            prop_assert!(anyqtama_core::rules::is_cite(&f.cite), "bad cite {} on {}", f.cite, f.code);
        }
        prop_assert_eq!(r.may_submit, r.blockers == 0);
        prop_assert_eq!(r.blockers, r.findings.iter().filter(|f| f.severity == Severity::Blocker).count());
    }
}

/// Which optional questions are asked for which kind is rule data (`asked_for`): a first issue
/// has no earlier certificate and no earlier contract with a certificate behind it (A3, P20).
#[test]
fn optional_questions_are_asked_only_for_the_kinds_they_name() {
    let reg = Regulation::builtin();
    let rules = reg.rules.latest().unwrap();
    for id in ["certificate_number", "termination_on"] {
        let field = rules.field(id).unwrap();
        assert!(!field.is_asked(Some("issue")), "{id} is not asked for a first issue");
        for kind in ["extend", "reissue-identity", "reissue-employer", "duplicate"] {
            assert!(field.is_asked(Some(kind)), "{id} is asked for {kind}");
        }
        assert!(field.is_asked(None), "before a kind is chosen nothing optional is hidden");
    }
    // Fields without `asked_for` are asked for every kind; `if_kind` fields only for theirs.
    assert!(rules.field("patronymic").unwrap().is_asked(Some("issue")));
    assert!(!rules.field("loss_on").unwrap().is_asked(Some("issue")));
    assert!(rules.field("loss_on").unwrap().is_asked(Some("duplicate")));

    // An answer left from another kind is not checked for a kind that does not ask it.
    let mut app = fixture("issue");
    app.set("termination_on", "2099-01-01");
    app.set("certificate_number", "9".repeat(80));
    let r = check(&app, today(), &reg);
    assert!(r.may_submit, "{:?}", blockers(&r));
    let mut app = fixture("extend");
    app.set("termination_on", "2099-01-01");
    let r = check(&app, today(), &reg);
    assert_eq!(blockers(&r), vec![("field.date_in_future", &Target::Field("termination_on".into()))]);
}

#[test]
fn asked_for_must_name_known_kinds_of_an_optional_field() {
    let mut bad: serde_json::Value = serde_json::from_str(anyqtama_core::builtin::RULES_2026_1).unwrap();
    let fields = bad["form"][1]["fields"].as_array_mut().unwrap();
    let patronymic = fields.iter_mut().find(|f| f["id"] == "patronymic").unwrap();
    patronymic["asked_for"] = serde_json::json!(["issue", "renewal"]);
    let surname = fields.iter_mut().find(|f| f["id"] == "surname").unwrap();
    surname["asked_for"] = serde_json::json!([]);
    let err = anyqtama_core::RuleSet::from_json(&bad.to_string()).unwrap_err();
    let all = err.problems.join("\n");
    assert!(all.contains("field patronymic: asked_for names an unknown kind renewal"), "{all}");
    assert!(all.contains("field surname: asked_for is for optional fields"), "{all}");
    assert!(all.contains("field surname: asked_for names no kind"), "{all}");
}
