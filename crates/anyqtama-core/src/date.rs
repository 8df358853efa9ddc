//! Calendar dates (proleptic Gregorian), without time zones and without a clock.
//!
//! "Today" is always an argument in this crate; this type only knows how dates work. The
//! arithmetic is chrono's (`NaiveDate`, built without its clock); [`Date`] adds what the
//! regulation needs on top: years 1..=9999 only, a strict `YYYY-MM-DD` text form (also its serde
//! form), and civil-law month terms.

use chrono::{Datelike, Days, Months, NaiveDate, Timelike};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A calendar date. Ordered, hashable, `Copy`; years 1..=9999.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(NaiveDate);

/// Day of the week, ISO numbering (Monday = 1 … Sunday = 7). Our own (not chrono's) because
/// the rules data names days in lower case (`"sat"`) and messages are keyed by [`Weekday::key`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Weekday {
    Mon = 1,
    Tue = 2,
    Wed = 3,
    Thu = 4,
    Fri = 5,
    Sat = 6,
    Sun = 7,
}

impl Weekday {
    /// ISO number, Monday = 1.
    pub fn number(self) -> u8 {
        self as u8
    }
    /// Saturday or Sunday.
    pub fn is_weekend(self) -> bool {
        matches!(self, Weekday::Sat | Weekday::Sun)
    }
    /// A stable lower-case English abbreviation, used as a message-key suffix.
    pub fn key(self) -> &'static str {
        match self {
            Weekday::Mon => "mon",
            Weekday::Tue => "tue",
            Weekday::Wed => "wed",
            Weekday::Thu => "thu",
            Weekday::Fri => "fri",
            Weekday::Sat => "sat",
            Weekday::Sun => "sun",
        }
    }
}

impl From<chrono::Weekday> for Weekday {
    fn from(w: chrono::Weekday) -> Weekday {
        match w {
            chrono::Weekday::Mon => Weekday::Mon,
            chrono::Weekday::Tue => Weekday::Tue,
            chrono::Weekday::Wed => Weekday::Wed,
            chrono::Weekday::Thu => Weekday::Thu,
            chrono::Weekday::Fri => Weekday::Fri,
            chrono::Weekday::Sat => Weekday::Sat,
            chrono::Weekday::Sun => Weekday::Sun,
        }
    }
}

/// Why a text is not a date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateError {
    /// Not of the form `YYYY-MM-DD`.
    Format,
    /// Well-formed, but no such day (30 February, month 13 …).
    NoSuchDay,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Format => f.write_str("not a date of the form YYYY-MM-DD"),
            DateError::NoSuchDay => f.write_str("no such day in the calendar"),
        }
    }
}

impl std::error::Error for DateError {}

/// Days from 0001-01-01 (chrono's day 1 of the common era) to 1970-01-01.
const EPOCH_FROM_CE: i64 = 719_163;

/// Whether `year` is a Gregorian leap year.
pub fn is_leap_year(year: i32) -> bool {
    NaiveDate::from_ymd_opt(year, 2, 29).is_some()
}

/// Number of days in a month (1-12) of a year (0 for a month that does not exist).
pub fn days_in_month(year: i32, month: u8) -> u8 {
    (28..=31).rev().find(|&d| NaiveDate::from_ymd_opt(year, month.into(), d.into()).is_some()).unwrap_or(0)
}

impl Date {
    /// Only years 1..=9999 (chrono's range is wider; four-digit years are what the text has).
    fn new(d: NaiveDate) -> Option<Date> {
        (1..=9999).contains(&d.year()).then_some(Date(d))
    }

    /// A date from its parts, or `None` if there is no such day.
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Option<Date> {
        Date::new(NaiveDate::from_ymd_opt(year, month.into(), day.into())?)
    }

    /// Parses `YYYY-MM-DD` strictly (four-digit year, two-digit month and day).
    pub fn parse(s: &str) -> Result<Date, DateError> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(DateError::Format);
        }
        let num = |r: std::ops::Range<usize>| -> Result<u32, DateError> {
            let part = &b[r];
            if !part.iter().all(u8::is_ascii_digit) {
                return Err(DateError::Format);
            }
            Ok(part.iter().fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0')))
        };
        let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        NaiveDate::from_ymd_opt(y as i32, m, d).and_then(Date::new).ok_or(DateError::NoSuchDay)
    }

    pub fn year(self) -> i32 {
        self.0.year()
    }
    pub fn month(self) -> u8 {
        self.0.month() as u8
    }
    pub fn day(self) -> u8 {
        self.0.day() as u8
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        i64::from(self.0.num_days_from_ce()) - EPOCH_FROM_CE
    }

    /// The inverse of [`Date::days_since_epoch`]; `None` outside years 1..=9999.
    pub fn from_days_since_epoch(z: i64) -> Option<Date> {
        let ce = i32::try_from(z.checked_add(EPOCH_FROM_CE)?).ok()?;
        Date::new(NaiveDate::from_num_days_from_ce_opt(ce)?)
    }

    /// The day of the week.
    pub fn weekday(self) -> Weekday {
        self.0.weekday().into()
    }

    /// This date moved by `days` (negative goes back). `None` outside years 1..=9999.
    pub fn add_days(self, days: i64) -> Option<Date> {
        let n = Days::new(days.unsigned_abs());
        Date::new(if days >= 0 { self.0.checked_add_days(n) } else { self.0.checked_sub_days(n) }?)
    }

    /// The next day. Panics only past 9999-12-31.
    pub fn succ(self) -> Date {
        self.add_days(1).expect("date past year 9999")
    }

    /// The previous day. Panics only before 0001-01-01.
    pub fn pred(self) -> Date {
        self.add_days(-1).expect("date before year 1")
    }

    /// Signed number of days from `self` to `other`.
    pub fn days_until(self, other: Date) -> i64 {
        other.days_since_epoch() - self.days_since_epoch()
    }

    /// This date moved by whole months, clamping the day to the month's end
    /// (31 Jan + 1 month = 28/29 Feb), as civil-law terms in months are counted.
    pub fn add_months(self, months: i32) -> Option<Date> {
        let n = Months::new(months.unsigned_abs());
        Date::new(if months >= 0 { self.0.checked_add_months(n) } else { self.0.checked_sub_months(n) }?)
    }

    /// This date moved by whole years (29 Feb + 1 year = 28 Feb).
    pub fn add_years(self, years: i32) -> Option<Date> {
        self.add_months(years.checked_mul(12)?)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year(), self.month(), self.day())
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::str::FromStr for Date {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Date::parse(s)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Date::parse(&s).map_err(|e| serde::de::Error::custom(format!("{s:?}: {e}")))
    }
}

impl crate::json::FromJson for Date {
    #[inline(never)]
    fn from_json(v: &crate::json::Value) -> Result<Self, crate::json::Error> {
        let s = String::from_json(v)?;
        Date::parse(&s).map_err(|e| crate::json::Error::new(format!("{s:?}: {e}")))
    }
}

/// A local wall-clock time in Kazakhstan (hours and minutes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LocalTime {
    pub hour: u8,
    pub minute: u8,
}

impl LocalTime {
    pub fn new(hour: u8, minute: u8) -> Option<LocalTime> {
        (hour < 24 && minute < 60).then_some(LocalTime { hour, minute })
    }
    /// Parses `HH:MM`.
    pub fn parse(s: &str) -> Option<LocalTime> {
        let (h, m) = s.split_once(':')?;
        if h.len() != 2 || m.len() != 2 {
            return None;
        }
        LocalTime::new(h.parse().ok()?, m.parse().ok()?)
    }
}

impl fmt::Display for LocalTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

impl Serialize for LocalTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for LocalTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        LocalTime::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("{s:?}: not HH:MM")))
    }
}

impl crate::json::FromJson for LocalTime {
    #[inline(never)]
    fn from_json(v: &crate::json::Value) -> Result<Self, crate::json::Error> {
        let s = String::from_json(v)?;
        LocalTime::parse(&s).ok_or_else(|| crate::json::Error::new(format!("{s:?}: not HH:MM")))
    }
}

/// The local date and time of a moment, given seconds since the Unix epoch (UTC)
/// and the offset of local time from UTC in minutes (+300 for Kazakhstan).
pub fn local_date_time(unix_seconds: i64, utc_offset_minutes: i32) -> Option<(Date, LocalTime)> {
    let local = unix_seconds.checked_add(i64::from(utc_offset_minutes) * 60)?;
    let moment = chrono::DateTime::from_timestamp(local, 0)?.naive_utc();
    let time = LocalTime::new(moment.hour() as u8, moment.minute() as u8)?;
    Some((Date::new(moment.date())?, time))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn parses_and_rejects() {
        assert_eq!(d("2026-03-20").to_string(), "2026-03-20");
        assert_eq!(Date::parse("2026-02-29"), Err(DateError::NoSuchDay));
        assert_eq!(Date::parse("2024-02-29").map(|x| x.day()), Ok(29));
        assert_eq!(Date::parse("2026-13-01"), Err(DateError::NoSuchDay));
        assert_eq!(Date::parse("2026-3-20"), Err(DateError::Format));
        assert_eq!(Date::parse("20260320"), Err(DateError::Format));
        assert_eq!(Date::parse("2026-03-2x"), Err(DateError::Format));
        assert_eq!(Date::parse("0000-01-01"), Err(DateError::NoSuchDay));
    }

    #[test]
    fn weekdays_of_known_dates() {
        assert_eq!(d("1970-01-01").weekday(), Weekday::Thu);
        assert_eq!(d("2026-03-20").weekday(), Weekday::Fri);
        assert_eq!(d("2026-04-01").weekday(), Weekday::Wed);
        assert_eq!(d("2024-05-04").weekday(), Weekday::Sat);
        assert_eq!(d("2025-01-05").weekday(), Weekday::Sun);
        assert_eq!(d("2000-02-29").weekday(), Weekday::Tue);
    }

    #[test]
    fn epoch_round_trip_across_centuries() {
        let mut x = d("1899-12-25");
        for _ in 0..80_000 {
            let n = x.days_since_epoch();
            assert_eq!(Date::from_days_since_epoch(n), Some(x));
            let y = x.succ();
            assert_eq!(y.days_since_epoch(), n + 1);
            x = y;
        }
    }

    #[test]
    fn only_years_one_to_9999() {
        assert_eq!(d("9999-12-31").add_days(1), None);
        assert_eq!(d("0001-01-01").add_days(-1), None);
        assert_eq!(d("0001-01-01").days_since_epoch(), -719_162);
        assert_eq!(Date::from_days_since_epoch(-719_163), None);
        assert_eq!(Date::from_days_since_epoch(i64::MAX), None);
        assert_eq!(d("9999-12-15").add_months(1), None);
        assert_eq!(local_date_time(i64::MAX, 300), None);
        assert_eq!((days_in_month(2024, 2), days_in_month(2026, 4), days_in_month(2026, 13)), (29, 30, 0));
        assert!(is_leap_year(2000) && !is_leap_year(1900));
    }

    #[test]
    fn months_and_years_clamp() {
        assert_eq!(d("2026-01-31").add_months(1), Some(d("2026-02-28")));
        assert_eq!(d("2024-02-29").add_years(3), Some(d("2027-02-28")));
        assert_eq!(d("2026-11-25").add_years(3), Some(d("2029-11-25")));
        assert_eq!(d("2026-03-15").add_months(-3), Some(d("2025-12-15")));
    }

    #[test]
    fn local_time_in_kazakhstan() {
        // 2026-03-20T13:30:00Z is 18:30 in UTC+5.
        let (date, time) = local_date_time(1_774_013_400, 300).unwrap();
        assert_eq!(date, d("2026-03-20"));
        assert_eq!(time, LocalTime::new(18, 30).unwrap());
        // 20:00Z is already the next day in Kazakhstan.
        let (date, _) = local_date_time(1_774_036_800, 300).unwrap();
        assert_eq!(date, d("2026-03-21"));
        assert_eq!(LocalTime::parse("18:30"), LocalTime::new(18, 30));
        assert_eq!(LocalTime::parse("24:00"), None);
    }

    #[test]
    fn serde_as_iso_string() {
        let x: Date = serde_json::from_str("\"2026-03-20\"").unwrap();
        assert_eq!(serde_json::to_string(&x).unwrap(), "\"2026-03-20\"");
        assert!(serde_json::from_str::<Date>("\"2026-02-30\"").is_err());
    }
}
