//! Identification numbers (IIN, BIN), phone numbers and identity-document numbers.
//!
//! The check-digit arithmetic is re-implemented here from the regulation, independently of the
//! crate, so that a mistake in the crate's weights cannot hide behind itself.

use anyqtama_core::identifiers::{
    check_digit, check_digit_ok, parse_bin, parse_bin_or_iin, parse_document_number, parse_iin,
    parse_intl_phone, parse_kz_phone, BinKind, BinUnit, IdError, Sex, TaxpayerId,
};
use anyqtama_core::Date;
use proptest::prelude::*;

const IIN_1: &str = "791028302728"; // 1979-10-28, male (digit 7 = 3)
const IIN_2: &str = "061211600012"; // 2006-12-11, female (digit 7 = 6)
const BIN_1: &str = "940140000385"; // registered 1994-01, resident legal entity, head office
const BIN_2: &str = "990140004654"; // registered 1999-01, resident legal entity, head office

/// The regulation's weightings, written out again.
const W1: [u32; 11] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const W2: [u32; 11] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

fn weighted(d: &[u8; 11], w: &[u32; 11]) -> u32 {
    (0..11).map(|i| u32::from(d[i]) * w[i]).sum::<u32>() % 11
}

/// Reference check digit, straight from the regulation's wording.
fn reference_check(d: &[u8; 11]) -> Option<u8> {
    let s = weighted(d, &W1);
    if s != 10 {
        return Some(s as u8);
    }
    let s = weighted(d, &W2);
    if s != 10 {
        Some(s as u8)
    } else {
        None
    }
}

fn digits11(s: &str) -> [u8; 11] {
    assert_eq!(s.len(), 11, "{s}");
    let mut d = [0u8; 11];
    for (o, b) in d.iter_mut().zip(s.bytes()) {
        assert!(b.is_ascii_digit(), "{s}");
        *o = b - b'0';
    }
    d
}

fn digits12(s: &str) -> [u8; 12] {
    let mut d = [0u8; 12];
    d[..11].copy_from_slice(&digits11(&s[..11]));
    d[11] = s.as_bytes()[11] - b'0';
    d
}

/// The first 11 digits with the correct check digit appended, computed by the crate.
fn with_check(first11: &str) -> String {
    let c = check_digit(&digits11(first11)).unwrap_or_else(|| panic!("{first11} has no check digit"));
    assert_eq!(Some(c), reference_check(&digits11(first11)), "{first11}");
    format!("{first11}{c}")
}

/// Tries serial numbers `NNNN` after `prefix7` until one has a check digit; returns the full number.
fn with_some_serial(prefix7: &str) -> String {
    assert_eq!(prefix7.len(), 7);
    (0..10_000)
        .map(|n| format!("{prefix7}{n:04}"))
        .find(|p| check_digit(&digits11(p)).is_some())
        .map(|p| with_check(&p))
        .unwrap()
}

/// The number with its last digit replaced by the next one (mod 10).
fn bump_last(s: &str) -> String {
    let last = s.as_bytes()[11] - b'0';
    format!("{}{}", &s[..11], (last + 1) % 10)
}

fn date(y: i32, m: u8, d: u8) -> Date {
    Date::from_ymd(y, m, d).unwrap()
}

// ---------------------------------------------------------------------------------------------
// Codes
// ---------------------------------------------------------------------------------------------

#[test]
fn error_codes_are_stable() {
    let all = [
        (IdError::Empty, "empty"),
        (IdError::Length, "length"),
        (IdError::NotDigits, "not_digits"),
        (IdError::BirthDate, "birth_date"),
        (IdError::CenturyDigit, "century_digit"),
        (IdError::Month, "month"),
        (IdError::KindDigit, "kind_digit"),
        (IdError::UnitDigit, "unit_digit"),
        (IdError::CheckDigit, "check_digit"),
        (IdError::Format, "format"),
        (IdError::NotKazakhstan, "not_kazakhstan"),
    ];
    for (e, code) in all {
        assert_eq!(e.code(), code);
    }
    assert_eq!(IdError::ALL.len(), all.len());
    for (e, (e2, _)) in IdError::ALL.iter().zip(all) {
        assert_eq!(*e, e2);
    }
}

// ---------------------------------------------------------------------------------------------
// Check digit
// ---------------------------------------------------------------------------------------------

#[test]
fn regulation_examples_have_their_check_digits() {
    for s in [IIN_1, IIN_2, BIN_1, BIN_2] {
        let d = digits12(s);
        assert_eq!(check_digit(&digits11(&s[..11])), Some(d[11]), "{s}");
        assert_eq!(reference_check(&digits11(&s[..11])), Some(d[11]), "{s}");
        assert!(check_digit_ok(&d), "{s}");
    }
    // 791028302728 by hand: 7·1+9·2+1·3+0·4+2·5+8·6+3·7+0·8+2·9+7·10+2·11 = 217 = 19·11 + 8.
    assert_eq!(check_digit(&[7, 9, 1, 0, 2, 8, 3, 0, 2, 7, 2]), Some(8));
}

#[test]
fn second_weighting_by_hand() {
    // 79102830091: first weighting 7+18+3+0+10+48+21+0+0+90+11 = 208 = 18·11 + 10 → redo;
    // second 21+36+5+0+14+64+27+0+0+9+2 = 178 = 16·11 + 2 → check digit 2.
    assert_eq!(check_digit(&[7, 9, 1, 0, 2, 8, 3, 0, 0, 9, 1]), Some(2));
    let iin = parse_iin("791028300912").unwrap();
    assert_eq!(iin.birth_date, date(1979, 10, 28));
    assert_eq!(parse_iin("791028300910"), Err(IdError::CheckDigit));
    // 79102830095: first 252 = 22·11 + 10, second 186 = 16·11 + 10 → no check digit at all.
    assert_eq!(check_digit(&[7, 9, 1, 0, 2, 8, 3, 0, 0, 9, 5]), None);
}

#[test]
fn second_weighting_found_by_search() {
    let prefix = (0..10_000)
        .map(|n| format!("7910283{n:04}"))
        .find(|p| {
            let d = digits11(p);
            weighted(&d, &W1) == 10 && weighted(&d, &W2) != 10
        })
        .expect("some serial needs the second weighting");
    let d = digits11(&prefix);
    let second = weighted(&d, &W2) as u8;
    // The crate used the second weighting: its digit is the second sum, and the first sum (10) is
    // not a digit at all.
    assert_eq!(check_digit(&d), Some(second));
    let full = format!("{prefix}{second}");
    assert!(parse_iin(&full).is_ok(), "{full}");
    for other in (0..10u8).filter(|&c| c != second) {
        assert_eq!(parse_iin(&format!("{prefix}{other}")), Err(IdError::CheckDigit), "{prefix}{other}");
    }
}

#[test]
fn both_weightings_ten_is_never_valid() {
    let prefix = (0..10_000)
        .map(|n| format!("7910283{n:04}"))
        .find(|p| {
            let d = digits11(p);
            weighted(&d, &W1) == 10 && weighted(&d, &W2) == 10
        })
        .expect("some serial has no check digit");
    assert_eq!(check_digit(&digits11(&prefix)), None);
    for c in 0..10 {
        let s = format!("{prefix}{c}");
        assert_eq!(parse_iin(&s), Err(IdError::CheckDigit), "{s}");
        assert!(!check_digit_ok(&digits12(&s)), "{s}");
    }
    // Same for a BIN-shaped prefix.
    let prefix =
        (0..100_000).map(|n| format!("940140{n:05}")).find(|p| check_digit(&digits11(p)).is_none()).unwrap();
    for c in 0..10 {
        assert_eq!(parse_bin(&format!("{prefix}{c}")), Err(IdError::CheckDigit));
    }
}

// ---------------------------------------------------------------------------------------------
// IIN
// ---------------------------------------------------------------------------------------------

#[test]
fn iin_examples_decode() {
    let a = parse_iin(IIN_1).unwrap();
    assert_eq!(a.digits, IIN_1);
    assert_eq!(a.birth_date, date(1979, 10, 28));
    assert_eq!(a.sex, Sex::Male);
    let b = parse_iin(IIN_2).unwrap();
    assert_eq!(b.digits, IIN_2);
    assert_eq!(b.birth_date, date(2006, 12, 11));
    assert_eq!(b.sex, Sex::Female);
    // Surrounding whitespace is trimmed, and `digits` holds the trimmed form.
    assert_eq!(parse_iin(&format!("  {IIN_1}\n")).unwrap().digits, IIN_1);
    assert_eq!(IIN_1.parse::<anyqtama_core::identifiers::Iin>().unwrap(), a);
}

#[test]
fn iin_century_and_sex_digits() {
    // Born 10 Feb 1950 / 1850 / 2050, every valid century digit.
    for (digit, year, sex) in [
        (1, 1850, Sex::Male),
        (2, 1850, Sex::Female),
        (3, 1950, Sex::Male),
        (4, 1950, Sex::Female),
        (5, 2050, Sex::Male),
        (6, 2050, Sex::Female),
    ] {
        let s = with_some_serial(&format!("500210{digit}"));
        let iin = parse_iin(&s).unwrap_or_else(|e| panic!("{s}: {e:?}"));
        assert_eq!((iin.birth_date, iin.sex), (date(year, 2, 10), sex), "{s}");
    }
    // 29 February 2000 exists, 29 February 1900 does not: the century is applied before the date.
    assert_eq!(parse_iin(&with_some_serial("0002295")).unwrap().birth_date, date(2000, 2, 29));
    assert_eq!(parse_iin(&with_some_serial("0002293")), Err(IdError::BirthDate));
}

#[test]
fn iin_wrong_check_digit() {
    for s in [IIN_1, IIN_2] {
        assert_eq!(parse_iin(&bump_last(s)), Err(IdError::CheckDigit), "{s}");
    }
    assert_eq!(parse_iin("791028302720"), Err(IdError::CheckDigit));
}

#[test]
fn iin_impossible_date() {
    // 30 February 1979, with a correct check digit so that only the date is wrong.
    let s = with_some_serial("7902303");
    assert!(check_digit_ok(&digits12(&s)));
    assert_eq!(parse_iin(&s), Err(IdError::BirthDate), "{s}");
    for p in ["7913013", "7900013", "7901003", "7904313", "7901323"] {
        let s = with_some_serial(p);
        assert_eq!(parse_iin(&s), Err(IdError::BirthDate), "{s}");
    }
}

#[test]
fn iin_century_digit() {
    for digit in [0, 7, 8, 9] {
        let s = with_some_serial(&format!("791028{digit}"));
        assert!(check_digit_ok(&digits12(&s)));
        assert_eq!(parse_iin(&s), Err(IdError::CenturyDigit), "{s}");
    }
}

#[test]
fn iin_shape_errors_in_order() {
    assert_eq!(parse_iin(""), Err(IdError::Empty));
    assert_eq!(parse_iin(" \t\n"), Err(IdError::Empty));
    assert_eq!(parse_iin("79102830272"), Err(IdError::Length));
    assert_eq!(parse_iin("7910283027281"), Err(IdError::Length));
    assert_eq!(parse_iin("7910 28302728"), Err(IdError::Length));
    assert_eq!(parse_iin("7910283O2728"), Err(IdError::NotDigits)); // letter O
    assert_eq!(parse_iin("79102830272-"), Err(IdError::NotDigits));
    assert_eq!(parse_iin("７９１０２８３０２７２８"), Err(IdError::NotDigits)); // full-width digits
    assert_eq!(parse_iin("ЖСНЖСНЖСНЖСН"), Err(IdError::NotDigits)); // 12 Cyrillic letters
    assert_eq!(parse_iin("🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂"), Err(IdError::NotDigits));
    assert_eq!(parse_iin(&"9".repeat(100_000)), Err(IdError::Length));
    // Length before digits, digits before structure, structure before check digit.
    assert_eq!(parse_iin("abc"), Err(IdError::Length));
    assert_eq!(parse_iin("999999999999"), Err(IdError::CenturyDigit));
    // A BIN is not an IIN: digit 7 is 0 in both examples, and digits 5–6 would be day 40.
    assert_eq!(parse_iin(BIN_1), Err(IdError::CenturyDigit));
    assert_eq!(parse_iin(&with_some_serial("9401403")), Err(IdError::BirthDate));
}

// ---------------------------------------------------------------------------------------------
// BIN
// ---------------------------------------------------------------------------------------------

#[test]
fn bin_examples_decode() {
    for (s, year) in [(BIN_1, 94), (BIN_2, 99)] {
        let b = parse_bin(s).unwrap();
        assert_eq!(b.digits, s);
        assert_eq!(b.year_2digit, year);
        assert_eq!(b.month, 1);
        assert_eq!(b.kind, BinKind::ResidentLegalEntity);
        assert_eq!(b.unit, BinUnit::HeadOffice);
    }
}

#[test]
fn bin_kinds_and_units() {
    for (k, kind) in [
        (4, BinKind::ResidentLegalEntity),
        (5, BinKind::NonResidentLegalEntity),
        (6, BinKind::JointVentureEntrepreneur),
    ] {
        for (u, unit) in [
            (0, BinUnit::HeadOffice),
            (1, BinUnit::Branch),
            (2, BinUnit::Representative),
            (3, BinUnit::PeasantFarm),
        ] {
            let s = with_some_serial(&format!("1507{k}{u}0"));
            let b = parse_bin(&s).unwrap_or_else(|e| panic!("{s}: {e:?}"));
            assert_eq!((b.year_2digit, b.month, b.kind, b.unit), (15, 7, kind, unit), "{s}");
        }
    }
}

#[test]
fn bin_wrong_check_digit() {
    for s in [BIN_1, BIN_2] {
        assert_eq!(parse_bin(&bump_last(s)), Err(IdError::CheckDigit), "{s}");
    }
}

#[test]
fn bin_structure_errors() {
    // Correct check digits throughout, so that only the named part is wrong.
    for p in ["9413400", "9400400"] {
        let s = with_some_serial(p);
        assert_eq!(parse_bin(&s), Err(IdError::Month), "{s}");
    }
    for k in [0, 1, 2, 3, 7, 8, 9] {
        let s = with_some_serial(&format!("9401{k}00"));
        assert_eq!(parse_bin(&s), Err(IdError::KindDigit), "{s}");
    }
    for u in [4, 5, 6, 7, 8, 9] {
        let s = with_some_serial(&format!("94014{u}0"));
        assert_eq!(parse_bin(&s), Err(IdError::UnitDigit), "{s}");
    }
    // Month is checked before kind, kind before unit.
    assert_eq!(parse_bin(&with_some_serial("9413390")), Err(IdError::Month));
    assert_eq!(parse_bin(&with_some_serial("9401390")), Err(IdError::KindDigit));
    assert_eq!(parse_bin(""), Err(IdError::Empty));
    assert_eq!(parse_bin("94014000038"), Err(IdError::Length));
    assert_eq!(parse_bin("94014000038x"), Err(IdError::NotDigits));
    // An IIN is not a BIN (digit 5 is the tens of the day, 2).
    assert_eq!(parse_bin(IIN_1), Err(IdError::KindDigit));
}

// ---------------------------------------------------------------------------------------------
// BIN or IIN
// ---------------------------------------------------------------------------------------------

#[test]
fn bin_or_iin_picks_the_kind() {
    for s in [IIN_1, IIN_2] {
        match parse_bin_or_iin(s) {
            Ok(TaxpayerId::Iin(i)) => assert_eq!(i, parse_iin(s).unwrap()),
            other => panic!("{s}: {other:?}"),
        }
    }
    for s in [BIN_1, BIN_2] {
        match parse_bin_or_iin(s) {
            Ok(TaxpayerId::Bin(b)) => assert_eq!(b, parse_bin(s).unwrap()),
            other => panic!("{s}: {other:?}"),
        }
    }
    assert_eq!(parse_bin_or_iin(&format!(" {BIN_1} ")).unwrap().digits(), BIN_1);
}

#[test]
fn bin_or_iin_gives_the_helpful_error() {
    assert_eq!(parse_bin_or_iin(""), Err(IdError::Empty));
    assert_eq!(parse_bin_or_iin("12345"), Err(IdError::Length));
    assert_eq!(parse_bin_or_iin("94014000038a"), Err(IdError::NotDigits));
    // Digit 5 is 4–6: a BIN attempt, so BIN errors.
    assert_eq!(parse_bin_or_iin(&bump_last(BIN_1)), Err(IdError::CheckDigit));
    assert_eq!(parse_bin_or_iin(&with_some_serial("9401470")), Err(IdError::UnitDigit));
    assert_eq!(parse_bin_or_iin(&with_some_serial("9413400")), Err(IdError::Month));
    // Otherwise an IIN attempt, so IIN errors.
    assert_eq!(parse_bin_or_iin(&bump_last(IIN_1)), Err(IdError::CheckDigit));
    assert_eq!(parse_bin_or_iin(&with_some_serial("7902303")), Err(IdError::BirthDate));
    assert_eq!(parse_bin_or_iin(&with_some_serial("7910280")), Err(IdError::CenturyDigit));
}

// ---------------------------------------------------------------------------------------------
// Phones
// ---------------------------------------------------------------------------------------------

#[test]
fn kz_phone_formats() {
    for s in [
        "+7 777 123 45 67",
        "8 (777) 123-45-67",
        "87771234567",
        "+77771234567",
        "+7 (777) 123-45-67",
        "007 777 123 45 67",
        "7 777 123 45 67",
        "777 123 45 67",
        "  +7\u{a0}777\u{a0}123\u{a0}45\u{a0}67  ",
        "8.777.123.45.67",
    ] {
        assert_eq!(parse_kz_phone(s).as_deref(), Ok("+77771234567"), "{s:?}");
    }
    assert_eq!(parse_kz_phone("+7 727 123 4567").as_deref(), Ok("+77271234567"));
    assert_eq!(parse_kz_phone("8 (7172) 12-34-56").as_deref(), Ok("+77172123456"));
    assert_eq!(parse_kz_phone("+7 600 123 45 67").as_deref(), Ok("+76001234567"));
}

#[test]
fn kz_phone_rejects() {
    assert_eq!(parse_kz_phone(""), Err(IdError::Empty));
    assert_eq!(parse_kz_phone("   "), Err(IdError::Empty));
    // Russia's part of zone +7.
    for s in
        ["+7 495 123 45 67", "8 (495) 123-45-67", "+7 812 123 45 67", "+7 912 345 67 89", "+7 383 123 45 67"]
    {
        assert_eq!(parse_kz_phone(s), Err(IdError::NotKazakhstan), "{s}");
    }
    // Another country altogether.
    assert_eq!(parse_kz_phone("+44 20 7946 0958"), Err(IdError::NotKazakhstan));
    // Not a phone number.
    for s in [
        "+7 777 ABC 45 67",
        "phone",
        "телефон",
        "+7 777 123",             // too short
        "+7 777 123 45 678",      // too long
        "8 777 123 45 6",         // too short (not the Russian 877 …)
        "87771234567890",         // too long
        "++7 777 123 45 67",      // two plus signs
        "7+777 123 45 67",        // plus inside
        "+7 (777 123 45 67",      // unclosed
        "+7 777) 123 45 67",      // unopened
        "+7 (777) (123) 45 67",   // two pairs
        "+7 () 7771234567",       // empty group
        "+7 777 123 45 67 ext 5", // extension
        "+7 777 123 45 67🙂",     // emoji
        "+7 077 123 45 67",       // no such code
    ] {
        assert_eq!(parse_kz_phone(s), Err(IdError::Format), "{s}");
    }
    assert_eq!(parse_kz_phone(&"7".repeat(100_000)), Err(IdError::Format));
}

#[test]
fn intl_phone_formats() {
    assert_eq!(parse_intl_phone("+44 20 7946 0958").as_deref(), Ok("+442079460958"));
    assert_eq!(parse_intl_phone("0086 10 1234 5678").as_deref(), Ok("+861012345678"));
    assert_eq!(parse_intl_phone("+44 (0)20 7946 0958").as_deref(), Ok("+442079460958"));
    assert_eq!(parse_intl_phone("(+44) 20-7946-0958").as_deref(), Ok("+442079460958"));
    assert_eq!(parse_intl_phone("+1 (212) 555.0123").as_deref(), Ok("+12125550123"));
    assert_eq!(parse_intl_phone("+7 777 123 45 67").as_deref(), Ok("+77771234567"));
    assert_eq!(parse_intl_phone("+998 71 123 45 67").as_deref(), Ok("+998711234567"));
    // 8 and 15 digits are the limits.
    assert_eq!(parse_intl_phone("+1234 5678").as_deref(), Ok("+12345678"));
    assert_eq!(parse_intl_phone("+123 456 789 012 345").as_deref(), Ok("+123456789012345"));
}

#[test]
fn intl_phone_rejects() {
    assert_eq!(parse_intl_phone(""), Err(IdError::Empty));
    for s in [
        "+123 4567",            // 7 digits: too short
        "+1234 5678 9012 3456", // 16 digits: too long
        "00 123 4567",          // 7 digits after 00
        "8 777 123 45 67",      // national form, no + or 00
        "20 7946 0958",         // national form
        "+0 123 456 789",       // no country code starts with 0
        "+44 20 7946 O958",     // letter O
        "+44 20 7946 0958 (home)",
        "+44 (20) (7946) 0958", // two pairs of parentheses
        "+44/20/7946/0958",     // slashes are not separators here
        "+",
        "00",
    ] {
        assert_eq!(parse_intl_phone(s), Err(IdError::Format), "{s}");
    }
}

// ---------------------------------------------------------------------------------------------
// Document numbers
// ---------------------------------------------------------------------------------------------

#[test]
fn document_numbers() {
    assert_eq!(parse_document_number("N1234567").as_deref(), Ok("N1234567"));
    assert_eq!(parse_document_number("AB 123456").as_deref(), Ok("AB 123456"));
    assert_eq!(parse_document_number("  ab-123456 ").as_deref(), Ok("AB-123456"));
    assert_eq!(parse_document_number("АБ 1234567").as_deref(), Ok("АБ 1234567")); // Cyrillic
    assert_eq!(parse_document_number("ққ123456").as_deref(), Ok("ҚҚ123456")); // Kazakh letter
    assert_eq!(parse_document_number("12345").as_deref(), Ok("12345")); // 5 characters
    assert_eq!(parse_document_number("A1234567890123456789").as_deref(), Ok("A1234567890123456789")); // 20

    assert_eq!(parse_document_number(""), Err(IdError::Empty));
    assert_eq!(parse_document_number("12"), Err(IdError::Length));
    assert_eq!(parse_document_number("A12345678901234567890"), Err(IdError::Length)); // 21
    for s in [
        "<script>",
        "ABCDEFG",    // no digit
        "AB  123456", // two spaces
        "AB 12 3456", // two separators
        "AB-12-3456",
        "AB 123456-", // separator at the end (not trimmed)
        "№ 1234567",
        "AB_123456",
        "AB/123456",
        "ΑΒ123456", // Greek, not Latin
        "N1234567🙂",
    ] {
        assert_eq!(parse_document_number(s), Err(IdError::Format), "{s}");
    }
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

fn all_parsers(s: &str) {
    let _ = parse_iin(s);
    let _ = parse_bin(s);
    let _ = parse_bin_or_iin(s);
    let _ = parse_kz_phone(s);
    let _ = parse_intl_phone(s);
    let _ = parse_document_number(s);
}

proptest! {
    #[test]
    fn parsers_never_panic(s in any::<String>()) {
        all_parsers(&s);
    }

    #[test]
    fn parsers_never_panic_on_near_misses(s in "[0-9 +()\\-.\u{a0}A-Za-zА-я🙂]{0,40}") {
        all_parsers(&s);
    }

    #[test]
    fn check_digit_matches_reference(d in proptest::array::uniform11(0u8..10)) {
        let c = check_digit(&d);
        prop_assert_eq!(c, reference_check(&d));
        let mut full = [0u8; 12];
        full[..11].copy_from_slice(&d);
        for last in 0..10u8 {
            full[11] = last;
            // Passes the check-digit stage exactly when the last digit is the computed one.
            prop_assert_eq!(check_digit_ok(&full), c == Some(last));
        }
    }

    #[test]
    fn generated_iins_parse(days in 0i64..109_573, sex_female in any::<bool>(), serial in 0u32..10_000) {
        // Any day from 1800-01-01 to 2099-12-31.
        let birth = date(1800, 1, 1).add_days(days).unwrap();
        let century = match birth.year() / 100 { 18 => 1, 19 => 3, _ => 5 } + u8::from(sex_female);
        let first11 = format!(
            "{:02}{:02}{:02}{century}{serial:04}",
            birth.year() % 100, birth.month(), birth.day()
        );
        let parsed = parse_iin(&format!("{first11}0"));
        match check_digit(&digits11(&first11)) {
            Some(c) => {
                let iin = parse_iin(&format!("{first11}{c}")).unwrap();
                prop_assert_eq!(iin.birth_date, birth);
                prop_assert_eq!(iin.sex, if sex_female { Sex::Female } else { Sex::Male });
                prop_assert!(matches!(parse_bin_or_iin(&iin.digits), Ok(TaxpayerId::Iin(_))));
                prop_assert_eq!(parsed.is_ok(), c == 0);
            }
            None => prop_assert_eq!(parsed, Err(IdError::CheckDigit)),
        }
    }

    #[test]
    fn generated_bins_parse(year in 0u8..100, month in 1u8..=12, kind in 4u8..=6, unit in 0u8..=3, serial in 0u32..100_000) {
        let first11 = format!("{year:02}{month:02}{kind}{unit}{serial:05}");
        if let Some(c) = check_digit(&digits11(&first11)) {
            let s = format!("{first11}{c}");
            let bin = parse_bin(&s).unwrap();
            prop_assert_eq!((bin.year_2digit, bin.month), (year, month));
            prop_assert!(matches!(parse_bin_or_iin(&s), Ok(TaxpayerId::Bin(_))));
            prop_assert!(parse_iin(&s).is_err());
        }
    }

    #[test]
    fn bin_or_iin_agrees_with_the_single_parsers(d in proptest::array::uniform12(0u8..10)) {
        let s: String = d.iter().map(|x| char::from(b'0' + x)).collect();
        let (iin, bin, either) = (parse_iin(&s), parse_bin(&s), parse_bin_or_iin(&s));
        // The two structures never overlap.
        prop_assert!(!(iin.is_ok() && bin.is_ok()));
        match either {
            Ok(TaxpayerId::Iin(i)) => prop_assert_eq!(Ok(i), iin),
            Ok(TaxpayerId::Bin(b)) => prop_assert_eq!(Ok(b), bin),
            Err(e) => {
                prop_assert!(iin.is_err() && bin.is_err());
                prop_assert!(iin == Err(e) || bin == Err(e));
            }
        }
    }

    #[test]
    fn kz_phones_round_trip(national in "[67][0-9]{9}", style in 0usize..4) {
        let n = &national;
        let written = match style {
            0 => format!("+7 {} {} {} {}", &n[..3], &n[3..6], &n[6..8], &n[8..]),
            1 => format!("8 ({}) {}-{}-{}", &n[..3], &n[3..6], &n[6..8], &n[8..]),
            2 => format!("8{n}"),
            _ => format!("+7{n}"),
        };
        let e164 = parse_kz_phone(&written).unwrap();
        prop_assert_eq!(&e164, &format!("+7{n}"));
        prop_assert_eq!(parse_intl_phone(&e164), Ok(e164.clone()));
        prop_assert_eq!(parse_kz_phone(&e164), Ok(e164));
    }
}
