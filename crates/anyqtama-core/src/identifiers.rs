//! Kazakh identification numbers (IIN, BIN), phone numbers and identity-document numbers.
//!
//! * An **IIN** (individual identification number) and a **BIN** (business identification number)
//!   are both twelve digits, the last being a check digit (see [`check_digit`]).
//!   - IIN: digits 1–6 are the birth date `YYMMDD`; digit 7 gives the century and sex
//!     (1/2 = 1800s, 3/4 = 1900s, 5/6 = 2000s; odd = male, even = female).
//!   - BIN: digits 1–4 are the registration year and month `YYMM`; digit 5 the kind of entity
//!     (4 resident legal entity, 5 non-resident legal entity, 6 individual entrepreneur in a joint
//!     venture); digit 6 the unit (0 head office, 1 branch, 2 representative office, 3 peasant farm).
//! * **Phone numbers**: a Kazakhstan number ([`parse_kz_phone`], annex A1 "phone, fax in
//!   Kazakhstan") or a number anywhere in the world ([`parse_intl_phone`]); both come back in
//!   E.164 form (`+77771234567`).
//! * **Identity-document numbers** ([`parse_document_number`]): a loose plausibility check only.
//!
//! Every parser trims surrounding whitespace, never panics, and reports the first problem found
//! as an [`IdError`] whose [`code`](IdError::code) is a stable snake_case word.

use crate::date::Date;
use std::fmt;
use std::str::FromStr;

/// Why an identifier or number is not valid. [`IdError::code`] gives a stable snake_case code used
/// in finding codes (`iin.check_digit` etc. are built by others as `<kind>.<code>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IdError {
    /// Nothing but whitespace.
    Empty,
    /// Not the right number of characters (12 for an IIN or a BIN; 5–20 for a document number).
    Length,
    /// An IIN or BIN with something other than the ASCII digits 0–9.
    NotDigits,
    /// IIN: digits 1–6 (with the century from digit 7) are not a real calendar date.
    BirthDate,
    /// IIN: digit 7 is not 1–6.
    CenturyDigit,
    /// BIN: digits 3–4 are not a month 01–12.
    Month,
    /// BIN: digit 5 is not 4, 5 or 6.
    KindDigit,
    /// BIN: digit 6 is not 0–3.
    UnitDigit,
    /// The check digit (digit 12) is wrong, or the first eleven digits admit none.
    CheckDigit,
    /// Not a phone number / document number at all (wrong characters or number of digits).
    Format,
    /// A well-formed phone number, but not one of Kazakhstan (e.g. Russia's part of zone +7).
    NotKazakhstan,
}

impl IdError {
    /// Every error, in declaration order.
    pub const ALL: [IdError; 11] = [
        IdError::Empty,
        IdError::Length,
        IdError::NotDigits,
        IdError::BirthDate,
        IdError::CenturyDigit,
        IdError::Month,
        IdError::KindDigit,
        IdError::UnitDigit,
        IdError::CheckDigit,
        IdError::Format,
        IdError::NotKazakhstan,
    ];

    /// The stable snake_case code: `empty`, `length`, `not_digits`, `birth_date`, `century_digit`,
    /// `month`, `kind_digit`, `unit_digit`, `check_digit`, `format`, `not_kazakhstan`.
    pub fn code(self) -> &'static str {
        match self {
            IdError::Empty => "empty",
            IdError::Length => "length",
            IdError::NotDigits => "not_digits",
            IdError::BirthDate => "birth_date",
            IdError::CenturyDigit => "century_digit",
            IdError::Month => "month",
            IdError::KindDigit => "kind_digit",
            IdError::UnitDigit => "unit_digit",
            IdError::CheckDigit => "check_digit",
            IdError::Format => "format",
            IdError::NotKazakhstan => "not_kazakhstan",
        }
    }
}

impl fmt::Display for IdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            IdError::Empty => "empty",
            IdError::Length => "wrong length",
            IdError::NotDigits => "not all digits",
            IdError::BirthDate => "digits 1-6 are not a real birth date",
            IdError::CenturyDigit => "digit 7 (century and sex) is not 1-6",
            IdError::Month => "digits 3-4 (registration month) are not 01-12",
            IdError::KindDigit => "digit 5 (kind of entity) is not 4, 5 or 6",
            IdError::UnitDigit => "digit 6 (kind of unit) is not 0-3",
            IdError::CheckDigit => "wrong check digit",
            IdError::Format => "not in a recognised format",
            IdError::NotKazakhstan => "not a Kazakhstan number",
        })
    }
}

impl std::error::Error for IdError {}

/// Sex as encoded in digit 7 of an IIN (odd = male, even = female).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Sex {
    Male,
    Female,
}

/// A valid individual identification number.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Iin {
    /// The twelve digits, as ASCII.
    pub digits: String,
    pub birth_date: Date,
    pub sex: Sex,
}

/// Digit 5 of a BIN: the kind of entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinKind {
    /// 4: a resident legal entity.
    ResidentLegalEntity,
    /// 5: a non-resident legal entity.
    NonResidentLegalEntity,
    /// 6: an individual entrepreneur carrying on business as a joint venture.
    JointVentureEntrepreneur,
}

/// Digit 6 of a BIN: the kind of unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinUnit {
    /// 0: the head office of a legal entity.
    HeadOffice,
    /// 1: a branch.
    Branch,
    /// 2: a representative office.
    Representative,
    /// 3: a peasant (farm) enterprise run as a joint venture.
    PeasantFarm,
}

/// A valid business identification number.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Bin {
    /// The twelve digits, as ASCII.
    pub digits: String,
    /// Digits 1–2: the last two digits of the year of registration.
    pub year_2digit: u8,
    /// Digits 3–4: the month of registration, 1–12.
    pub month: u8,
    pub kind: BinKind,
    pub unit: BinUnit,
}

/// An employer's identification: a BIN, or the IIN of an individual entrepreneur.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TaxpayerId {
    Iin(Iin),
    Bin(Bin),
}

impl TaxpayerId {
    /// The twelve digits.
    pub fn digits(&self) -> &str {
        match self {
            TaxpayerId::Iin(i) => &i.digits,
            TaxpayerId::Bin(b) => &b.digits,
        }
    }
}

impl FromStr for Iin {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Iin, IdError> {
        parse_iin(s)
    }
}

impl FromStr for Bin {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Bin, IdError> {
        parse_bin(s)
    }
}

impl FromStr for TaxpayerId {
    type Err = IdError;
    fn from_str(s: &str) -> Result<TaxpayerId, IdError> {
        parse_bin_or_iin(s)
    }
}

impl fmt::Display for Iin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.digits)
    }
}

impl fmt::Display for Bin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.digits)
    }
}

impl fmt::Display for TaxpayerId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.digits())
    }
}

// ---------------------------------------------------------------------------------------------
// Check digit
// ---------------------------------------------------------------------------------------------

/// The first weighting: digit i (1-based) has weight i.
pub const WEIGHTS_FIRST: [u32; 11] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
/// The second weighting, used when the first gives 10.
pub const WEIGHTS_SECOND: [u32; 11] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

fn weighted_mod11(digits: &[u8; 11], weights: &[u32; 11]) -> u32 {
    digits.iter().zip(weights).map(|(&d, &w)| u32::from(d) * w).sum::<u32>() % 11
}

/// The check digit for the first 11 digits (each 0–9), or `None` when both weightings give 10
/// (such numbers are never issued).
///
/// s = Σ dᵢ·i mod 11 (i = 1..11); if s = 10, s = Σ dᵢ·wᵢ mod 11 with w = 3,4,…,11,1,2; if that is
/// still 10 there is no check digit. Values above 9 are not digits but are not rejected here.
pub fn check_digit(first11: &[u8; 11]) -> Option<u8> {
    let first = weighted_mod11(first11, &WEIGHTS_FIRST);
    let s = if first == 10 { weighted_mod11(first11, &WEIGHTS_SECOND) } else { first };
    // s < 10 here, so the cast cannot truncate.
    (s != 10).then_some(s as u8)
}

/// Whether twelve digits (0–9 each) end with the right check digit.
pub fn check_digit_ok(digits: &[u8; 12]) -> bool {
    let mut first11 = [0u8; 11];
    first11.copy_from_slice(&digits[..11]);
    check_digit(&first11) == Some(digits[11])
}

/// Trim, then demand exactly twelve ASCII digits. Returns their values.
fn twelve_digits(s: &str) -> Result<([u8; 12], &str), IdError> {
    let t = s.trim();
    if t.is_empty() {
        return Err(IdError::Empty);
    }
    // Count characters, not bytes, so that twelve Cyrillic letters are "not digits", not "length".
    // `take(13)` keeps this cheap on very long input.
    if t.chars().take(13).count() != 12 {
        return Err(IdError::Length);
    }
    let b = t.as_bytes();
    if b.len() != 12 || !b.iter().all(u8::is_ascii_digit) {
        return Err(IdError::NotDigits);
    }
    let mut d = [0u8; 12];
    for (out, byte) in d.iter_mut().zip(b) {
        *out = byte - b'0';
    }
    Ok((d, t))
}

fn two(d: &[u8; 12], i: usize) -> u8 {
    d[i] * 10 + d[i + 1]
}

/// The structural part of an IIN (digits 1–7): birth date and sex.
fn iin_structure(d: &[u8; 12]) -> Result<(Date, Sex), IdError> {
    let (century, sex) = match d[6] {
        1 => (1800, Sex::Male),
        2 => (1800, Sex::Female),
        3 => (1900, Sex::Male),
        4 => (1900, Sex::Female),
        5 => (2000, Sex::Male),
        6 => (2000, Sex::Female),
        _ => return Err(IdError::CenturyDigit),
    };
    let year = century + i32::from(two(d, 0));
    let date = Date::from_ymd(year, two(d, 2), two(d, 4)).ok_or(IdError::BirthDate)?;
    Ok((date, sex))
}

/// The structural part of a BIN (digits 1–6): month, kind and unit.
fn bin_structure(d: &[u8; 12]) -> Result<(u8, BinKind, BinUnit), IdError> {
    let month = two(d, 2);
    if !(1..=12).contains(&month) {
        return Err(IdError::Month);
    }
    let kind = match d[4] {
        4 => BinKind::ResidentLegalEntity,
        5 => BinKind::NonResidentLegalEntity,
        6 => BinKind::JointVentureEntrepreneur,
        _ => return Err(IdError::KindDigit),
    };
    let unit = match d[5] {
        0 => BinUnit::HeadOffice,
        1 => BinUnit::Branch,
        2 => BinUnit::Representative,
        3 => BinUnit::PeasantFarm,
        _ => return Err(IdError::UnitDigit),
    };
    Ok((month, kind, unit))
}

fn verify(d: &[u8; 12]) -> Result<(), IdError> {
    if check_digit_ok(d) {
        Ok(())
    } else {
        Err(IdError::CheckDigit)
    }
}

/// Parses an IIN: exactly twelve ASCII digits after trimming.
///
/// Checks, in order: [`Empty`](IdError::Empty), [`Length`](IdError::Length),
/// [`NotDigits`](IdError::NotDigits), [`CenturyDigit`](IdError::CenturyDigit) (digit 7, needed
/// to know the year), [`BirthDate`](IdError::BirthDate), [`CheckDigit`](IdError::CheckDigit).
pub fn parse_iin(s: &str) -> Result<Iin, IdError> {
    let (d, t) = twelve_digits(s)?;
    let (birth_date, sex) = iin_structure(&d)?;
    verify(&d)?;
    Ok(Iin { digits: t.to_string(), birth_date, sex })
}

/// Parses a BIN: exactly twelve ASCII digits after trimming.
///
/// Checks, in order: [`Empty`](IdError::Empty), [`Length`](IdError::Length),
/// [`NotDigits`](IdError::NotDigits), [`Month`](IdError::Month), [`KindDigit`](IdError::KindDigit),
/// [`UnitDigit`](IdError::UnitDigit), [`CheckDigit`](IdError::CheckDigit).
pub fn parse_bin(s: &str) -> Result<Bin, IdError> {
    let (d, t) = twelve_digits(s)?;
    let (month, kind, unit) = bin_structure(&d)?;
    verify(&d)?;
    Ok(Bin { digits: t.to_string(), year_2digit: two(&d, 0), month, kind, unit })
}

/// An employer may be identified by BIN or IIN (annex A1). Which one is decided from the structure.
///
/// The two structures never overlap: a BIN has 4–6 in digit 5, which as an IIN would be a day of
/// the month 40–69. So when digit 5 is 4, 5 or 6 the number is treated as a BIN (and a BIN error is
/// returned if it is not one); otherwise as an IIN (and an IIN error is returned). Empty, length and
/// non-digit errors come first, as for the single parsers.
pub fn parse_bin_or_iin(s: &str) -> Result<TaxpayerId, IdError> {
    let (d, _) = twelve_digits(s)?;
    if (4..=6).contains(&d[4]) {
        parse_bin(s).map(TaxpayerId::Bin)
    } else {
        parse_iin(s).map(TaxpayerId::Iin)
    }
}

// ---------------------------------------------------------------------------------------------
// Phone numbers
// ---------------------------------------------------------------------------------------------

/// Longest digit run worth looking at; anything longer is not a phone number.
const MAX_PHONE_DIGITS: usize = 20;

/// A phone number reduced to its digits.
struct PhoneDigits {
    /// Written with a leading `+`.
    plus: bool,
    /// The digits (ASCII), with a trunk-prefix group `(0)` after the country code dropped.
    digits: String,
}

/// Trims and scans a phone number: an optional `+` before any digit, ASCII digits, separators
/// (spaces, no-break spaces, `-`, `.`), and at most one pair of parentheses containing at least one
/// digit. A group written `(0)` after some digits (`+44 (0)20 …`) is the trunk prefix and dropped.
fn scan_phone(s: &str) -> Result<PhoneDigits, IdError> {
    let t = s.trim();
    if t.is_empty() {
        return Err(IdError::Empty);
    }
    let mut plus = false;
    let mut digits = String::new();
    let mut paren_open: Option<usize> = None; // index into `digits` where the group started
    let mut paren_used = false;
    let mut trunk_group: Option<usize> = None;
    for c in t.chars() {
        match c {
            '0'..='9' => {
                if digits.len() >= MAX_PHONE_DIGITS {
                    return Err(IdError::Format);
                }
                digits.push(c);
            }
            '+' if !plus && digits.is_empty() => plus = true,
            ' ' | '\u{a0}' | '\u{202f}' | '-' | '.' => {}
            '(' if !paren_used => {
                paren_used = true;
                paren_open = Some(digits.len());
            }
            ')' => {
                let start = paren_open.take().ok_or(IdError::Format)?;
                let group = &digits[start..];
                if group.is_empty() {
                    return Err(IdError::Format);
                }
                if group == "0" && start > 0 {
                    trunk_group = Some(start);
                }
            }
            _ => return Err(IdError::Format),
        }
    }
    if paren_open.is_some() {
        return Err(IdError::Format);
    }
    if let Some(i) = trunk_group {
        digits.remove(i);
    }
    Ok(PhoneDigits { plus, digits })
}

/// Digits of a number in international form (`+` or `00` prefix), without the prefix;
/// `None` when the number is written in a national form.
fn international_digits(p: &PhoneDigits) -> Option<&str> {
    if p.plus {
        Some(&p.digits)
    } else {
        p.digits.strip_prefix("00")
    }
}

/// Whether digits (without `+`) form a plausible E.164 number: 8–15 digits, country code not 0.
fn e164_plausible(digits: &str) -> bool {
    (8..=15).contains(&digits.len()) && !digits.starts_with('0')
}

/// A Kazakhstan phone number (A1 "phone, fax in Kazakhstan"), returned in E.164 form
/// (`+77771234567`).
///
/// Accepted: `+7 777 123 45 67`, `8 (777) 123-45-67`, `87771234567`, `+7 727 123 4567`,
/// `007 777 …`, `7 777 …` (eleven digits from 7) and the bare ten-digit national number (not
/// starting with 8, which would be the trunk prefix of a number missing a digit). The
/// national number is 10 digits starting with 6 or 7 (Kazakhstan's part of zone +7).
///
/// Errors: [`Empty`](IdError::Empty); [`Format`](IdError::Format) when it is not a phone number;
/// [`NotKazakhstan`](IdError::NotKazakhstan) when it is a well-formed number of zone +7 outside
/// Kazakhstan (national number starting 3, 4, 8 or 9: Russia), or a well-formed international
/// number of another country.
pub fn parse_kz_phone(s: &str) -> Result<String, IdError> {
    let p = scan_phone(s)?;
    let national = match international_digits(&p) {
        Some(intl) => match intl.strip_prefix('7') {
            Some(rest) if rest.len() == 10 => rest,
            _ if e164_plausible(intl) && !intl.starts_with('7') => return Err(IdError::NotKazakhstan),
            _ => return Err(IdError::Format),
        },
        None => {
            let d = p.digits.as_str();
            match d.len() {
                // A bare national number; one starting with 8 is a trunk prefix with a digit missing.
                10 if !d.starts_with('8') => d,
                11 if d.starts_with('8') || d.starts_with('7') => &d[1..],
                _ => return Err(IdError::Format),
            }
        }
    };
    match national.as_bytes().first() {
        Some(b'6' | b'7') => Ok(format!("+7{national}")),
        Some(b'3' | b'4' | b'8' | b'9') => Err(IdError::NotKazakhstan),
        _ => Err(IdError::Format),
    }
}

/// A phone number in any country (the country of residence), returned in E.164 form.
///
/// It must be written internationally: `+` or `00`, then 8–15 digits in all (country code
/// included, ITU E.164), the country code not starting with 0. Spaces, dashes, dots and one pair of
/// parentheses may separate the digits; a trunk prefix written `(0)` after the country code is
/// dropped (`+44 (0)20 7946 0958` → `+442079460958`). Errors: [`Empty`](IdError::Empty),
/// [`Format`](IdError::Format).
pub fn parse_intl_phone(s: &str) -> Result<String, IdError> {
    let p = scan_phone(s)?;
    match international_digits(&p) {
        Some(d) if e164_plausible(d) => Ok(format!("+{d}")),
        _ => Err(IdError::Format),
    }
}

// ---------------------------------------------------------------------------------------------
// Identity-document numbers
// ---------------------------------------------------------------------------------------------

/// A letter of the Latin (ASCII) or Cyrillic alphabets, Kazakh letters included.
fn is_document_letter(c: char) -> bool {
    // In the Cyrillic block every character is a letter but the signs U+0482..=U+0489 (as
    // `char::is_alphabetic` says, without its Unicode tables; tested).
    c.is_ascii_alphabetic()
        || (('\u{0400}'..='\u{04FF}').contains(&c) && !('\u{0482}'..='\u{0489}').contains(&c))
}

/// An identity-document (passport) number, returned trimmed and in upper case.
///
/// 5–20 characters after trimming ([`Length`](IdError::Length) otherwise), Latin letters,
/// Cyrillic letters and ASCII digits, optionally with one space or dash between a series and a
/// number (not at either end), and at least one digit ([`Format`](IdError::Format) otherwise).
/// `N1234567`, `AB 123456` and `N-1234567` pass; `45 09 123456` (two separators) does not.
pub fn parse_document_number(s: &str) -> Result<String, IdError> {
    let t = s.trim();
    if t.is_empty() {
        return Err(IdError::Empty);
    }
    if !(5..=20).contains(&t.chars().take(21).count()) {
        return Err(IdError::Length);
    }
    let mut separators = 0;
    let mut has_digit = false;
    let mut prev_sep = true; // as if a separator preceded the first character
    for c in t.chars() {
        if c == ' ' || c == '-' {
            separators += 1;
            if separators > 1 || prev_sep {
                return Err(IdError::Format);
            }
            prev_sep = true;
        } else if c.is_ascii_digit() {
            has_digit = true;
            prev_sep = false;
        } else if is_document_letter(c) {
            prev_sep = false;
        } else {
            return Err(IdError::Format);
        }
    }
    if prev_sep || !has_digit {
        return Err(IdError::Format);
    }
    // Only ASCII and Cyrillic letters get here: `upper_char` maps them as `to_uppercase` does.
    Ok(t.chars().map(crate::text::upper_char).collect())
}

#[cfg(test)]
mod tests {
    #[test]
    fn document_letters_are_the_alphabetic_ascii_and_cyrillic_characters() {
        for c in (0u32..0x600).filter_map(char::from_u32) {
            let expected =
                c.is_ascii_alphabetic() || (('\u{0400}'..='\u{04FF}').contains(&c) && c.is_alphabetic());
            assert_eq!(super::is_document_letter(c), expected, "{c:?}");
        }
    }
}
