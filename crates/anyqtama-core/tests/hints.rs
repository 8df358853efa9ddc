//! Every hint is a promise the core keeps: for every field of the A1 form in the rule data, what
//! its hint (and its error message) asks for passes its validator, and what it rules out is
//! refused with the code whose message says why. A field added to the data without a row here
//! fails the first test.

use anyqtama_core::check::{normal_form, normalized};
use anyqtama_core::{check, Application, Date, Lang, Regulation, Report, Severity, Target};

const ISSUE: &str = include_str!("../../../tests/fixtures/applications/issue.json");
/// The other kinds: a first issue does not ask, for example, the employer's questions, and its
/// check ignores answers to them.
const OTHERS: [&str; 4] = [
    include_str!("../../../tests/fixtures/applications/extend.json"),
    include_str!("../../../tests/fixtures/applications/reissue-identity.json"),
    include_str!("../../../tests/fixtures/applications/reissue-employer.json"),
    include_str!("../../../tests/fixtures/applications/duplicate.json"),
];

fn today() -> Date {
    Date::parse("2026-11-25").unwrap()
}

/// The blocker codes about `field`.
fn blockers_of(r: &Report, field: &str) -> Vec<String> {
    r.findings
        .iter()
        .filter(|f| f.severity == Severity::Blocker && f.target == Target::Field(field.into()))
        .map(|f| f.code.clone())
        .collect()
}

const LONG_101: &str =
    "Ааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааа";

/// Per field: values that pass (`None`) and values refused with a code (`Some`).
#[allow(clippy::type_complexity)]
const TABLE: &[(&str, &[(&str, Option<&str>)])] = &[
    ("kind", &[("issue", None), ("renew-everything", Some("field.unknown_choice"))]),
    ("akimat", &[("almaty", None), ("atlantis", Some("field.unknown_choice"))]),
    ("surname", &[("Ivanov", None), (LONG_101, Some("field.too_long"))]),
    ("given_name", &[("Ivan", None), (LONG_101, Some("field.too_long"))]),
    ("patronymic", &[("Ivanovich", None), (LONG_101, Some("field.too_long"))]),
    // "12 digits": the check digit and the birth date are checked too.
    (
        "iin",
        &[
            ("791028302728", None),
            ("79102830272", Some("iin.length")),
            ("79102830272x", Some("iin.not_digits")),
            ("791028302729", Some("iin.check_digit")),
        ],
    ),
    // "5 to 20 letters and digits" (the message of document_number.format).
    (
        "id_doc_number",
        &[
            ("N1234567", None),
            ("ab 123456", None),
            ("N12", Some("document_number.format")),
            ("N1234/567", Some("document_number.format")),
        ],
    ),
    (
        "id_doc_issued_on",
        &[
            ("2021-05-14", None),
            ("2026-12-01", Some("field.date_in_future")),
            ("2031-05-13", Some("field.date_in_future")),
            ("2021-04-31", Some("field.date_no_such_day")),
            ("2021--14", Some("field.date_part_missing")),
            ("21-05-14", Some("field.date_part_invalid")),
        ],
    ),
    ("id_doc_issued_by", &[("Ministry of Internal Affairs", None)]),
    // "An expired document is refused".
    (
        "id_doc_expires_on",
        &[
            ("2031-05-13", None),
            ("2026-11-24", Some("identity_document.expired")),
            ("2031-02-29", Some("field.date_no_such_day")),
        ],
    ),
    ("kz_address", &[("Almaty, Abai ave. 10", None)]),
    // "For example: +7 777 123 45 67"; the other ways people write it are kept as +7 and ten digits.
    (
        "kz_phone",
        &[
            ("+7 777 123 45 67", None),
            ("8 777 123 45 67", None),
            ("777 123 45 67", None),
            ("+7 (777) 123-45-67", None),
            ("+7 912 123 45 67", Some("phone.not_kazakhstan")),
            ("+998 90 123 45 67", Some("phone.not_kazakhstan")),
            ("123 45 67", Some("phone.format")),
        ],
    ),
    ("kz_fax", &[("+7 727 123 4567", None), ("12345", Some("phone.format"))]),
    ("home_address", &[("Tashkent, Amir Temur st. 1", None)]),
    // "With the country code: +998 90 123 45 67".
    (
        "home_phone",
        &[
            ("+998 90 123 45 67", None),
            ("00998 90 123 45 67", None),
            ("90 123 45 67", Some("phone.format")),
            ("+998 90", Some("phone.format")),
        ],
    ),
    ("sector", &[("S-IT", None)]),
    ("profession", &[("P-IT-1", None)]),
    ("employer_name", &[("TOO Example", None)]),
    (
        "employer_id",
        &[("940140000385", None), ("791028302728", None), ("940140000386", Some("bin_or_iin.check_digit"))],
    ),
    ("change_on", &[("2026-11-20", None), ("2026-11-26", Some("field.date_in_future"))]),
    ("new_contract_on", &[("2026-11-20", None), ("2026-11-26", Some("field.date_in_future"))]),
    (
        "contract_ends_on",
        &[
            ("2027-12-31", None),
            ("2027-13-01", Some("field.date_part_invalid")),
            ("31 Dec 2027", Some("field.not_a_date")),
        ],
    ),
    ("loss_on", &[("2026-11-20", None), ("2026-11-26", Some("field.date_in_future"))]),
    ("termination_on", &[("2026-11-20", None), ("2026-11-26", Some("field.date_in_future"))]),
    ("certificate_number", &[("KZ-2024-001", None)]),
    ("consent", &[("true", None), ("false", Some("field.not_confirmed"))]),
    ("application_date", &[("2026-11-25", None), ("2026-11-26", Some("field.date_in_future"))]),
];

#[test]
fn the_table_has_every_field_of_the_form() {
    let reg = Regulation::builtin();
    for rules in reg.rules.all() {
        for field in rules.fields() {
            assert!(TABLE.iter().any(|(id, _)| *id == field.id), "no row for field {:?}", field.id);
        }
    }
}

#[test]
fn each_fields_validator_keeps_what_its_hint_and_message_promise() {
    let reg = Regulation::builtin();
    let rules = reg.rules.latest().unwrap();
    let bases: Vec<Application> =
        std::iter::once(ISSUE).chain(OTHERS).map(|f| serde_json::from_str(f).unwrap()).collect();
    for (field, rows) in TABLE {
        // The first fixture whose kind asks this field: an answer to a question the kind does not
        // ask is ignored by the check.
        let asked = |a: &&Application| {
            rules.fields().find(|f| f.id == *field).is_some_and(|f| f.is_asked(a.answer("kind")))
        };
        let base = bases.iter().find(asked).unwrap_or_else(|| panic!("no fixture asks {field}"));
        for (value, expected) in *rows {
            let mut app = base.clone();
            app.set(field, *value);
            let got = blockers_of(&check(&app, today(), &reg), field);
            match expected {
                None => assert!(got.is_empty(), "{field} = {value:?}: {got:?}"),
                Some(code) => {
                    assert!(got.iter().any(|c| c == code), "{field} = {value:?}: {got:?}, not {code}")
                }
            }
        }
    }
    // Every maximum length the data gives is enforced at length + 1 and not at the length.
    for field in rules.fields() {
        let Some(max) = field.max_len else { continue };
        let base = bases.iter().find(|a| field.is_asked(a.answer("kind"))).expect("a fixture asks it");
        for (len, refused) in [(max, false), (max + 1, true)] {
            let mut app = base.clone();
            app.set(&field.id, "А".repeat(len));
            let got = blockers_of(&check(&app, today(), &reg), &field.id);
            assert_eq!(got.iter().any(|c| c == "field.too_long"), refused, "{} at {len}: {got:?}", field.id);
        }
    }
}

/// The phone numbers a hint gives as its example (`+7 777 123 45 67`): from `+` to the last digit.
fn examples(hint: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = hint;
    while let Some(i) = rest.find('+') {
        let tail = &rest[i..];
        let end = tail[1..].find(|c: char| !(c.is_ascii_digit() || c == ' ')).map_or(tail.len(), |e| e + 1);
        out.push(tail[..end].trim_end().to_string());
        rest = &tail[end..];
    }
    out
}

#[test]
fn the_examples_in_the_hints_pass_in_every_language() {
    let reg = Regulation::builtin();
    let rules = reg.rules.latest().unwrap();
    let mut seen = 0;
    for field in rules.fields() {
        let Some(hint) = &field.hint else { continue };
        for lang in Lang::ALL {
            for example in examples(hint.get(lang)) {
                seen += 1;
                assert!(normal_form(field, &example).is_some(), "{} ({lang}): {example:?}", field.id);
            }
        }
    }
    assert!(seen >= 6, "the two phone hints give an example in each language");
}

#[test]
fn phones_are_kept_in_one_form() {
    let reg = Regulation::builtin();
    let rules = reg.rules.latest().unwrap();
    let kz = rules.field("kz_phone").unwrap();
    for typed in ["8 777 123 45 67", "777 123 45 67", "+7 (777) 123-45-67", "87771234567", "+7 777 123 45 67"]
    {
        assert_eq!(normal_form(kz, typed).as_deref(), Some("+77771234567"), "{typed}");
    }
    assert_eq!(normal_form(kz, "+7 912 123 45 67"), None, "Russia's part of +7 is refused, not rewritten");
    let abroad = rules.field("home_phone").unwrap();
    assert_eq!(normal_form(abroad, "00998 (90) 123-45-67").as_deref(), Some("+998901234567"));
    assert_eq!(normal_form(abroad, "90 123 45 67"), None);
    assert_eq!(normal_form(rules.field("surname").unwrap(), " Ivanov "), None, "no normal form for names");

    let mut app: Application = serde_json::from_str(ISSUE).unwrap();
    app.set("kz_phone", "8 777 123 45 67");
    app.set("home_phone", "+998 90 123 45 67");
    app.set("id_doc_number", "n1234567");
    let n = normalized(&app, rules);
    assert_eq!(n.answer("kz_phone"), Some("+77771234567"));
    assert_eq!(n.answer("home_phone"), Some("+998901234567"));
    assert_eq!(n.answer("id_doc_number"), Some("N1234567"));
    assert_eq!(n.answer("surname"), app.answer("surname"));
    // The normal form passes the same check.
    assert!(blockers_of(&check(&n, today(), &reg), "kz_phone").is_empty());
}
