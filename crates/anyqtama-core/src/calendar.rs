//! The working-day calendar of Kazakhstan, built from data files.
//!
//! `data/calendar/holidays.json` holds the public holidays (with the years each applies), the
//! weekend-shift rule and its exceptions, Kurban Ait's dates, and the legal basis of counting;
//! `data/calendar/<YEAR>.json` holds each year's transferred days off and worked weekend days.
//! A year without its own file is still counted from the holiday rules, but flagged provisional.

use crate::date::{Date, LocalTime};
use crate::text::Localized;
use serde::{Deserialize, Serialize};

/// What kind of day a date is, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DayKind {
    /// An ordinary working day (Mon–Fri, not a holiday, not a transferred day off).
    Working,
    /// Saturday or Sunday.
    Weekend,
    /// A Saturday or Sunday made a working day by a transfer.
    WorkedWeekend { reason: Localized, source: String },
    /// A public holiday on its own date.
    Holiday { id: String, name: Localized },
    /// The working day off that replaces a holiday that fell on a weekend.
    ObservedHoliday { id: String, name: Localized, original: Date },
    /// A weekday made a day off by a transfer.
    TransferredDayOff { reason: Localized, source: String },
}

impl DayKind {
    pub fn is_working(&self) -> bool {
        matches!(self, DayKind::Working | DayKind::WorkedWeekend { .. })
    }
}

/// A date with its kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Day {
    pub date: Date,
    #[serde(flatten)]
    pub kind: DayKind,
    /// True when the date's year has no data file (or its file says it is provisional).
    pub provisional: bool,
}

/// A day passed over while counting working days.
pub type Skipped = Day;

/// The result of counting working days, with how it was counted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    /// The event day; counting starts on the day after it.
    pub from: Date,
    pub working_days: u32,
    /// The last day of the limit: always a working day.
    pub due: Date,
    /// Every non-working day between `from` (exclusive) and `due`, in order.
    pub skipped: Vec<Skipped>,
    /// True when any day from `from` to `due` lies in a provisional year.
    pub provisional: bool,
}

/// When a submission made at a local date and time is registered (A2, working schedule).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registration {
    pub submitted_on: Date,
    pub submitted_at: LocalTime,
    pub registered_on: Date,
    /// Why the registration moved, if it did.
    pub shift: RegistrationShift,
    /// The non-working days passed over to reach `registered_on`.
    pub skipped: Vec<Skipped>,
    pub provisional: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegistrationShift {
    /// Submitted on a working day before closing time: registered the same day.
    SameDay,
    /// Submitted on a working day at or after closing time.
    AfterHours,
    /// Submitted on a day off.
    DayOff,
}

/// A legal basis stated in the data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Basis {
    pub rule: Localized,
    pub cite: String,
}

/// One year's days off on weekdays and worked weekend days.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearSummary {
    pub year: i32,
    pub days_off: Vec<Day>,
    pub working_days_on_weekends: Vec<Day>,
    pub provisional: bool,
    pub provisional_reason: Option<Localized>,
    pub sources: Vec<String>,
}

/// Why calendar data could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarError {
    /// Which file or part (`holidays`, `2026`).
    pub file: String,
    pub message: String,
}

impl std::fmt::Display for CalendarError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "calendar data {}: {}", self.file, self.message)
    }
}

impl std::error::Error for CalendarError {}

/// The calendar: holiday rules plus the per-year files.
#[derive(Clone, Debug)]
pub struct Calendar {
    _private: (),
}

impl Calendar {
    /// The calendar compiled into this build (`data/calendar/*.json`).
    pub fn builtin() -> Calendar {
        todo!()
    }

    /// A calendar from the holidays file and any number of year files.
    pub fn from_json(_holidays_json: &str, _year_jsons: &[&str]) -> Result<Calendar, CalendarError> {
        todo!()
    }

    /// Adds a year file, replacing the year's data if already present (a portal's update).
    pub fn load_year(&mut self, _year_json: &str) -> Result<(), CalendarError> {
        todo!()
    }

    /// A short identification of the data: the holidays file's version and the years covered.
    pub fn version(&self) -> String {
        todo!()
    }

    /// The years that have a data file, ascending.
    pub fn covered_years(&self) -> Vec<i32> {
        todo!()
    }

    /// The legal basis for starting a count on the day after the event.
    pub fn counting_basis(&self) -> &Basis {
        todo!()
    }

    /// What kind of day `date` is.
    pub fn day(&self, _date: Date) -> Day {
        todo!()
    }

    pub fn is_working_day(&self, date: Date) -> bool {
        self.day(date).kind.is_working()
    }

    /// The `n`-th working day after `from` (counting starts on the day after `from`).
    /// `n = 0` gives `from` itself if it is a working day, else the next working day.
    pub fn add_working_days(&self, _from: Date, _n: u32) -> Count {
        todo!()
    }

    /// Working days in `(from, to]`; negative (the count of `(to, from]`) when `to < from`.
    pub fn working_days_between(&self, _from: Date, _to: Date) -> i64 {
        todo!()
    }

    /// The registration date of a submission at local `date`/`time`, given the closing time.
    pub fn registration(&self, _date: Date, _time: LocalTime, _closes_at: LocalTime) -> Registration {
        todo!()
    }

    /// The year's summary, or `None` when the year has no data file.
    pub fn year(&self, _year: i32) -> Option<YearSummary> {
        todo!()
    }
}
