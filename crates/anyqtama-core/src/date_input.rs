//! A date as people write it: day, month and year in three boxes (the GOV.UK date input). A
//! complete date is kept as `YYYY-MM-DD` (so the check, drafts and bundles are unchanged); one
//! that is incomplete or impossible is kept as its typed parts between dashes (`2026--31`,
//! `-4-31`), so that the check can say which part is wrong and the form can point at it.

use crate::date::{days_in_month, Date};

/// A part of a date input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Day,
    Month,
    Year,
}

impl Part {
    /// The part's key in messages and element ids: `day`, `month`, `year`.
    pub fn key(self) -> &'static str {
        match self {
            Part::Day => "day",
            Part::Month => "month",
            Part::Year => "year",
        }
    }
}

/// What is wrong with a date given in parts; the first wrong part in reading order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartError {
    /// Left empty.
    Missing(Part),
    /// Not a day 1–31, a month 1–12 or a four-digit year.
    Invalid(Part),
    /// Each part is fine, but the month has fewer days (31 April, 29 February 2027).
    NoSuchDay { day: u8, days: u8 },
}

impl PartError {
    /// The part to point at.
    pub fn part(self) -> Part {
        match self {
            PartError::Missing(p) | PartError::Invalid(p) => p,
            PartError::NoSuchDay { .. } => Part::Day,
        }
    }
}

/// The stored value's parts as `[day, month, year]`, as they are shown in the three boxes
/// (`2021-05-14` → `14`, `05`, `2021`). Anything that is not three dash-separated parts is
/// shown whole in the year box, so that nothing typed is lost.
pub fn parts(value: &str) -> [String; 3] {
    let split: Vec<&str> = value.split('-').collect();
    match split[..] {
        [y, m, d] => [d.to_string(), m.to_string(), y.to_string()],
        _ => [String::new(), String::new(), value.to_string()],
    }
}

/// The value to store for three typed parts: empty when all are empty; otherwise
/// `year-month-day`, day and month of one digit padded (`4`, `12`, `2026` → `2026-12-04`).
pub fn join(day: &str, month: &str, year: &str) -> String {
    let clean = |s: &str| s.trim().replace('-', "");
    let (d, m, y) = (clean(day), clean(month), clean(year));
    if d.is_empty() && m.is_empty() && y.is_empty() {
        return String::new();
    }
    let pad =
        |s: String| if s.len() == 1 && s.bytes().all(|b| b.is_ascii_digit()) { format!("0{s}") } else { s };
    format!("{y}-{}-{}", pad(m), pad(d))
}

/// Why a stored value is not a date, part by part; `None` for a real date or a value that is
/// not made of three parts (the check then says only that it is not a date).
pub fn wrong_part(value: &str) -> Option<PartError> {
    if Date::parse(value).is_ok() {
        return None;
    }
    let [d, m, y] = parts(value);
    if value.split('-').count() != 3 {
        return None;
    }
    let number = |s: &str, max_len: usize| -> Option<u32> {
        (!s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())?
    };
    let day = match number(&d, 2) {
        _ if d.is_empty() => return Some(PartError::Missing(Part::Day)),
        Some(n @ 1..=31) => n as u8,
        _ => return Some(PartError::Invalid(Part::Day)),
    };
    let month = match number(&m, 2) {
        _ if m.is_empty() => return Some(PartError::Missing(Part::Month)),
        Some(n @ 1..=12) => n as u8,
        _ => return Some(PartError::Invalid(Part::Month)),
    };
    let year = match number(&y, 4) {
        _ if y.is_empty() => return Some(PartError::Missing(Part::Year)),
        Some(n @ 1..=9999) if y.len() == 4 => n as i32,
        _ => return Some(PartError::Invalid(Part::Year)),
    };
    let days = days_in_month(year, month);
    (day > days).then_some(PartError::NoSuchDay { day, days })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_round_trip_and_old_values_still_show() {
        assert_eq!(parts("2021-05-14"), ["14", "05", "2021"]);
        assert_eq!(join("14", "05", "2021"), "2021-05-14");
        assert_eq!(join("4", "12", "2026"), "2026-12-04");
        assert_eq!(join(" ", "", ""), "");
        assert_eq!(join("31", "", "2026"), "2026--31");
        assert_eq!(parts("2026--31"), ["31", "", "2026"]);
        assert_eq!(join("3-", "1", "2026"), "2026-01-03", "a dash typed in a part does not split it");
        assert_eq!(parts("14.05.2021"), ["", "", "14.05.2021"]);
        assert_eq!(parts(""), ["", "", ""]);
    }

    #[test]
    fn the_first_wrong_part_is_named() {
        use PartError::*;
        assert_eq!(wrong_part("2026-04-30"), None);
        assert_eq!(wrong_part(&join("", "4", "2026")), Some(Missing(Part::Day)));
        assert_eq!(wrong_part(&join("", "", "")), None, "empty is 'required', not a wrong part");
        assert_eq!(wrong_part(&join("31", "", "2026")), Some(Missing(Part::Month)));
        assert_eq!(wrong_part(&join("31", "4", "")), Some(Missing(Part::Year)));
        assert_eq!(wrong_part(&join("32", "4", "2026")), Some(Invalid(Part::Day)));
        assert_eq!(wrong_part(&join("0", "4", "2026")), Some(Invalid(Part::Day)));
        assert_eq!(wrong_part(&join("1", "13", "2026")), Some(Invalid(Part::Month)));
        assert_eq!(wrong_part(&join("1", "4", "26")), Some(Invalid(Part::Year)));
        assert_eq!(wrong_part(&join("x", "4", "2026")), Some(Invalid(Part::Day)));
        assert_eq!(wrong_part(&join("31", "4", "2026")), Some(NoSuchDay { day: 31, days: 30 }));
        assert_eq!(wrong_part(&join("29", "2", "2027")), Some(NoSuchDay { day: 29, days: 28 }));
        assert_eq!(wrong_part(&join("29", "2", "2028")), None);
        assert_eq!(wrong_part("yesterday"), None);
        assert_eq!(NoSuchDay { day: 31, days: 30 }.part(), Part::Day);
    }
}
