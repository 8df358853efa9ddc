//! The working-day calendar of Kazakhstan, built from data files.
//!
//! `data/calendar/holidays.json` holds the public holidays (with the years each applies), the
//! weekend-shift rule and its exceptions, Kurban Ait's dates, and the legal basis of counting;
//! `data/calendar/<YEAR>.json` holds each year's transferred days off and worked weekend days.
//! A year without its own file is still counted from the holiday rules, but flagged provisional.

use crate::date::{Date, LocalTime};
use crate::json::{self, FromJson, Obj, Value};
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
    rules: HolidayRules,
    /// The years with a data file, with their transfers, in year order.
    years: Vec<YearFile>,
    /// Every non-ordinary day of the covered years (holidays, observed days, transfers), in date
    /// order. Sorted vectors rather than maps: a few dozen entries, and far less WebAssembly.
    special: Vec<(Date, DayKind)>,
}

// ---- The data files -------------------------------------------------------------------------

/// `data/calendar/holidays.json`.
#[derive(Clone, Debug)]
struct HolidayRules {
    format: Option<String>,
    version: String,
    sources: Vec<String>,
    counting_basis: Basis,
    weekend_shift: Basis,
    holidays: Vec<FixedHoliday>,
    moving: Vec<MovingHoliday>,
}

/// A holiday on the same date every year (within `from_year..=to_year`).
#[derive(Clone, Debug)]
struct FixedHoliday {
    id: String,
    month: u8,
    day: u8,
    name: Localized,
    /// Whether a weekend occurrence gives the next working day off (Labour Code art. 84 exceptions: no).
    shift: bool,
    from_year: Option<i32>,
    to_year: Option<i32>,
}

/// A holiday whose date is set each year (Kurban Ait).
#[derive(Clone, Debug)]
struct MovingHoliday {
    id: String,
    name: Localized,
    shift: bool,
    dates: Vec<Date>,
}

/// `data/calendar/<YEAR>.json`.
#[derive(Clone, Debug)]
struct YearFile {
    format: Option<String>,
    year: i32,
    provisional: bool,
    provisional_reason: Option<Localized>,
    sources: Vec<String>,
    transfers: Vec<Transfer>,
}

/// A weekday made a day off in exchange for a weekend day worked.
#[derive(Clone, Debug)]
struct Transfer {
    day_off: Date,
    worked: Date,
    reason: Localized,
    source: String,
}

// Reading the files (crate::json): both refuse fields they do not know, so that a misspelt
// optional field is an error rather than silently absent.

impl FromJson for HolidayRules {
    #[inline(never)]
    fn from_json(v: &Value) -> Result<Self, json::Error> {
        let o = Obj::new(v)?;
        o.only(&["format", "version", "sources", "counting_basis", "weekend_shift", "holidays", "moving"])?;
        Ok(HolidayRules {
            format: o.opt("format")?,
            version: o.req("version")?,
            sources: o.opt("sources")?,
            counting_basis: o.req("counting_basis")?,
            weekend_shift: o.req("weekend_shift")?,
            holidays: o.req("holidays")?,
            moving: o.opt("moving")?,
        })
    }
}

/// A [`Basis`] in a data file: `{"rule": {…}, "cite": "…"}` (other fields ignored, as before).
impl FromJson for Basis {
    #[inline(never)]
    fn from_json(v: &Value) -> Result<Self, json::Error> {
        let o = Obj::new(v)?;
        Ok(Basis { rule: o.req("rule")?, cite: o.req("cite")? })
    }
}

impl FromJson for FixedHoliday {
    #[inline(never)]
    fn from_json(v: &Value) -> Result<Self, json::Error> {
        let o = Obj::new(v)?;
        o.only(&["id", "month", "day", "name", "shift", "from_year", "to_year"])?;
        Ok(FixedHoliday {
            id: o.req("id")?,
            month: o.req("month")?,
            day: o.req("day")?,
            name: o.req("name")?,
            shift: o.req("shift")?,
            from_year: o.opt("from_year")?,
            to_year: o.opt("to_year")?,
        })
    }
}

impl FromJson for MovingHoliday {
    #[inline(never)]
    fn from_json(v: &Value) -> Result<Self, json::Error> {
        let o = Obj::new(v)?;
        o.only(&["id", "name", "shift", "dates"])?;
        Ok(MovingHoliday {
            id: o.req("id")?,
            name: o.req("name")?,
            shift: o.req("shift")?,
            dates: o.req("dates")?,
        })
    }
}

impl FromJson for YearFile {
    #[inline(never)]
    fn from_json(v: &Value) -> Result<Self, json::Error> {
        let o = Obj::new(v)?;
        o.only(&["format", "year", "provisional", "provisional_reason", "sources", "transfers"])?;
        Ok(YearFile {
            format: o.opt("format")?,
            year: o.req("year")?,
            provisional: o.opt("provisional")?,
            provisional_reason: o.opt("provisional_reason")?,
            sources: o.opt("sources")?,
            transfers: o.opt("transfers")?,
        })
    }
}

impl FromJson for Transfer {
    #[inline(never)]
    fn from_json(v: &Value) -> Result<Self, json::Error> {
        let o = Obj::new(v)?;
        o.only(&["day_off", "worked", "reason", "source"])?;
        Ok(Transfer {
            day_off: o.req("day_off")?,
            worked: o.req("worked")?,
            reason: o.req("reason")?,
            source: o.req("source")?,
        })
    }
}

/// More than this many holidays or transfers a year is not a calendar but a mistake; the limit
/// also guarantees that counting always reaches a working day.
/// The `format` tags of the two kinds of file (optional in the files; when present, checked).
pub const HOLIDAYS_FORMAT: &str = "anyqtama-holidays/1";
pub const YEAR_FORMAT: &str = "anyqtama-calendar-year/1";

const MAX_HOLIDAYS: usize = 40;
const MAX_TRANSFERS: usize = 20;

fn err(file: impl Into<String>, message: impl Into<String>) -> CalendarError {
    CalendarError { file: file.into(), message: message.into() }
}

fn check_text(file: &str, what: &str, text: &Localized) -> Result<(), CalendarError> {
    let missing = text.missing();
    if missing.is_empty() {
        Ok(())
    } else {
        let langs: Vec<&str> = missing.iter().map(|l| l.tag()).collect();
        Err(err(file, format!("{what}: no text in {}", langs.join(", "))))
    }
}

impl HolidayRules {
    fn parse(json: &str) -> Result<HolidayRules, CalendarError> {
        let rules: HolidayRules = json::from_str(json).map_err(|e| err("holidays", e.to_string()))?;
        let f = "holidays";
        if rules.format.as_deref().is_some_and(|x| x != HOLIDAYS_FORMAT) {
            return Err(err(f, format!("format is not {HOLIDAYS_FORMAT}")));
        }
        if rules.version.trim().is_empty() {
            return Err(err(f, "no version"));
        }
        check_text(f, "counting_basis", &rules.counting_basis.rule)?;
        check_text(f, "weekend_shift", &rules.weekend_shift.rule)?;
        if rules.holidays.len() + rules.moving.len() > MAX_HOLIDAYS {
            return Err(err(f, format!("more than {MAX_HOLIDAYS} holidays")));
        }
        for h in &rules.holidays {
            if h.id.trim().is_empty() {
                return Err(err(f, "a holiday without an id"));
            }
            // 2000 is a leap year: any valid month/day, 29 Feb included, parses.
            if Date::from_ymd(2000, h.month, h.day).is_none() {
                return Err(err(f, format!("{}: no such date {:02}-{:02}", h.id, h.month, h.day)));
            }
            check_text(f, &h.id, &h.name)?;
            if let (Some(a), Some(b)) = (h.from_year, h.to_year) {
                if a > b {
                    return Err(err(f, format!("{}: from_year {a} is after to_year {b}", h.id)));
                }
            }
        }
        for m in &rules.moving {
            if m.id.trim().is_empty() {
                return Err(err(f, "a moving holiday without an id"));
            }
            check_text(f, &m.id, &m.name)?;
            let mut years: Vec<i32> = m.dates.iter().map(|d| d.year()).collect();
            crate::sort_by(&mut years, |a, b| a < b);
            if years.windows(2).any(|w| w[0] == w[1]) {
                return Err(err(f, format!("{}: two dates in one year", m.id)));
            }
        }
        Ok(rules)
    }

    /// The holidays on their own dates in `year`: (date, id, name, shifts).
    fn holidays_of(&self, year: i32) -> Vec<(Date, &str, &Localized, bool)> {
        let mut out = Vec::new();
        for h in &self.holidays {
            if h.from_year.is_some_and(|y| year < y) || h.to_year.is_some_and(|y| year > y) {
                continue;
            }
            // 29 Feb in a common year has no occurrence.
            if let Some(date) = Date::from_ymd(year, h.month, h.day) {
                out.push((date, h.id.as_str(), &h.name, h.shift));
            }
        }
        for m in &self.moving {
            for &date in m.dates.iter().filter(|d| d.year() == year) {
                out.push((date, m.id.as_str(), &m.name, m.shift));
            }
        }
        crate::sort_by(&mut out, |a, b| a.0 < b.0);
        out
    }
}

impl YearFile {
    fn parse(json: &str) -> Result<YearFile, CalendarError> {
        let value = json::parse(json).map_err(|e| err("year file", e.to_string()))?;
        let file = YearFile::from_json(&value).map_err(|e| {
            // Name the file by its year if it has an integer one.
            let year = Obj::new(&value).ok().and_then(|o| o.req::<i64>("year").ok());
            err(year.map_or_else(|| "year file".to_string(), |y| y.to_string()), e.to_string())
        })?;
        let f = file.year.to_string();
        if file.format.as_deref().is_some_and(|x| x != YEAR_FORMAT) {
            return Err(err(f, format!("format is not {YEAR_FORMAT}")));
        }
        if !(1..=9998).contains(&file.year) {
            return Err(err(f, "year out of range"));
        }
        if file.provisional && file.provisional_reason.is_none() {
            return Err(err(&f, "provisional without a provisional_reason"));
        }
        if let Some(reason) = &file.provisional_reason {
            check_text(&f, "provisional_reason", reason)?;
        }
        if file.transfers.len() > MAX_TRANSFERS {
            return Err(err(&f, format!("more than {MAX_TRANSFERS} transfers")));
        }
        for t in &file.transfers {
            let what = format!("transfer {} ↔ {}", t.day_off, t.worked);
            if t.day_off.year() != file.year {
                return Err(err(&f, format!("{what}: the day off is not in {}", file.year)));
            }
            if t.day_off.weekday().is_weekend() {
                return Err(err(&f, format!("{what}: the day off is a weekend day already")));
            }
            if !t.worked.weekday().is_weekend() {
                return Err(err(&f, format!("{what}: the worked day is not a Saturday or Sunday")));
            }
            if t.day_off.days_until(t.worked).abs() > 366 {
                return Err(err(&f, format!("{what}: the two days are more than a year apart")));
            }
            if t.source.trim().is_empty() {
                return Err(err(&f, format!("{what}: no source")));
            }
            check_text(&f, &what, &t.reason)?;
        }
        Ok(file)
    }
}

/// The special days of one year: holidays, the days off that replace weekend holidays, and the
/// year file's transfers. Weekend holidays of late December may give a day off in January, so
/// the previous year's shifts are computed too.
fn special_days(rules: &HolidayRules, file: Option<&YearFile>, year: i32) -> Vec<(Date, DayKind)> {
    // (date, kind), each date once: the first kind given for a date stays (as a map's
    // `entry().or_insert`), except for the observed days below (as a map's `insert`).
    let mut days: Vec<(Date, DayKind)> = Vec::new();
    fn or_insert(days: &mut Vec<(Date, DayKind)>, date: Date, kind: impl FnOnce() -> DayKind) {
        if !days.iter().any(|(d, _)| *d == date) {
            days.push((date, kind()));
        }
    }
    let own = rules.holidays_of(year);
    for &(date, id, name, _) in &own {
        or_insert(&mut days, date, || DayKind::Holiday { id: id.to_string(), name: name.clone() });
    }
    if let Some(file) = file {
        for t in &file.transfers {
            or_insert(&mut days, t.day_off, || DayKind::TransferredDayOff {
                reason: t.reason.clone(),
                source: t.source.clone(),
            });
            or_insert(&mut days, t.worked, || DayKind::WorkedWeekend {
                reason: t.reason.clone(),
                source: t.source.clone(),
            });
        }
    }
    // Weekend holidays move to the next weekday that is not already a day off (in date order, so
    // Nauryz on Sat 21 and Sun 22 gives Tue 24 and Wed 25 when Mon 23 is Nauryz itself).
    let previous = rules.holidays_of(year - 1);
    let holiday_dates: Vec<Date> = previous
        .iter()
        .chain(own.iter())
        .map(|(d, ..)| *d)
        .chain(rules.holidays_of(year + 1).iter().map(|(d, ..)| *d))
        .collect();
    let mut taken: Vec<Date> = Vec::new();
    for (date, id, name, shift) in previous.into_iter().chain(own) {
        if !shift || !date.weekday().is_weekend() {
            continue;
        }
        let mut d = date.succ();
        while d.weekday().is_weekend()
            || holiday_dates.contains(&d)
            || taken.contains(&d)
            || days.iter().any(|(x, k)| *x == d && matches!(k, DayKind::TransferredDayOff { .. }))
        {
            d = d.succ();
        }
        taken.push(d);
        if d.year() == year {
            let kind = DayKind::ObservedHoliday { id: id.to_string(), name: name.clone(), original: date };
            match days.iter_mut().find(|(x, _)| *x == d) {
                Some(entry) => entry.1 = kind,
                None => days.push((d, kind)),
            }
        }
    }
    days.retain(|(d, _)| d.year() == year);
    crate::sort_by(&mut days, |a, b| a.0 < b.0);
    days
}

impl Calendar {
    /// The calendar compiled into this build (`data/calendar/*.json`).
    pub fn builtin() -> Calendar {
        Calendar::from_json(BUILTIN_HOLIDAYS, BUILTIN_YEARS)
            .unwrap_or_else(|e| panic!("built-in calendar data is valid: {e}"))
    }

    /// A calendar from the holidays file and any number of year files.
    pub fn from_json(holidays_json: &str, year_jsons: &[&str]) -> Result<Calendar, CalendarError> {
        let mut calendar =
            Calendar { rules: HolidayRules::parse(holidays_json)?, years: Vec::new(), special: Vec::new() };
        for json in year_jsons {
            calendar.insert_year(YearFile::parse(json)?);
        }
        Ok(calendar)
    }

    /// Adds a year file, replacing the year's data if already present (a portal's update).
    pub fn load_year(&mut self, year_json: &str) -> Result<(), CalendarError> {
        let file = YearFile::parse(year_json)?;
        self.insert_year(file);
        Ok(())
    }

    fn insert_year(&mut self, file: YearFile) {
        let year = file.year;
        match self.years.iter().position(|f| f.year >= year) {
            Some(i) if self.years[i].year == year => self.years[i] = file,
            Some(i) => self.years.insert(i, file),
            None => self.years.push(file),
        }
        self.special.retain(|(d, _)| d.year() != year);
        let days = special_days(&self.rules, self.year_file(year), year);
        self.special.extend(days);
        crate::sort_by(&mut self.special, |a, b| a.0 < b.0);
    }

    fn year_file(&self, year: i32) -> Option<&YearFile> {
        self.years.iter().find(|f| f.year == year)
    }

    /// The kind of a special day of a covered year, if `date` is one.
    fn special_day(&self, date: Date) -> Option<DayKind> {
        find_day(&self.special, date)
    }

    /// A short, language-neutral identification of the data: the holidays file's version and the
    /// years with a file, e.g. `2026.1 (2023–2027)`.
    pub fn version(&self) -> String {
        match (self.years.first().map(|f| f.year), self.years.last().map(|f| f.year)) {
            (Some(a), Some(b)) => format!("{} ({a}–{b})", self.rules.version),
            _ => self.rules.version.clone(),
        }
    }

    /// The years that have a data file, ascending.
    pub fn covered_years(&self) -> Vec<i32> {
        self.years.iter().map(|f| f.year).collect()
    }

    /// The legal basis for starting a count on the day after the event.
    pub fn counting_basis(&self) -> &Basis {
        &self.rules.counting_basis
    }

    /// The rule that moves a weekend holiday to the next working day.
    pub fn weekend_shift(&self) -> &Basis {
        &self.rules.weekend_shift
    }

    fn is_provisional(&self, year: i32) -> bool {
        self.year_file(year).is_none_or(|f| f.provisional)
    }

    /// What kind of day `date` is.
    pub fn day(&self, date: Date) -> Day {
        let provisional = self.is_provisional(date.year());
        let kind = if self.year_file(date.year()).is_some() {
            self.special_day(date)
        } else {
            special_days(&self.rules, None, date.year()).into_iter().find(|(d, _)| *d == date).map(|(_, k)| k)
        };
        Day { date, kind: kind.unwrap_or_else(|| ordinary(date)), provisional }
    }

    pub fn is_working_day(&self, date: Date) -> bool {
        self.day(date).kind.is_working()
    }

    /// Walks the days after `start` (or from `start` itself when `inclusive`) with the kinds of
    /// days, computing a year's table once for a year without a data file.
    fn walk(&self, start: Date, inclusive: bool) -> DayWalk<'_> {
        DayWalk { calendar: self, next: if inclusive { Some(start) } else { start.add_days(1) }, table: None }
    }

    /// The `n`-th working day after `from` (counting starts on the day after `from`).
    /// `n = 0` gives `from` itself if it is a working day, else the next working day (and then
    /// `from` is among the skipped days).
    pub fn add_working_days(&self, from: Date, n: u32) -> Count {
        let mut skipped = Vec::new();
        let mut provisional = self.is_provisional(from.year());
        let mut due = from;
        let mut counted = 0;
        for day in self.walk(from, n == 0) {
            provisional |= day.provisional;
            due = day.date;
            if day.kind.is_working() {
                counted += 1;
                if counted >= n.max(1) {
                    break;
                }
            } else {
                skipped.push(day);
            }
        }
        Count { from, working_days: n, due, skipped, provisional }
    }

    /// Working days in `(from, to]`; negative (the count of `(to, from]`) when `to < from`.
    pub fn working_days_between(&self, from: Date, to: Date) -> i64 {
        let (a, b, sign) = if to >= from { (from, to, 1) } else { (to, from, -1) };
        let n = self.walk(a, false).take_while(|d| d.date <= b).filter(|d| d.kind.is_working()).count();
        sign * n as i64
    }

    /// The registration date of a submission at local `date`/`time`, given the closing time
    /// (A2, working schedule: after hours, on a weekend or holiday → the next working day).
    pub fn registration(&self, date: Date, time: LocalTime, closes_at: LocalTime) -> Registration {
        let today = self.day(date);
        let shift = if !today.kind.is_working() {
            RegistrationShift::DayOff
        } else if time >= closes_at {
            RegistrationShift::AfterHours
        } else {
            RegistrationShift::SameDay
        };
        let (registered_on, skipped, provisional) = match shift {
            RegistrationShift::SameDay => (date, Vec::new(), today.provisional),
            RegistrationShift::AfterHours => {
                let c = self.add_working_days(date, 1);
                (c.due, c.skipped, c.provisional)
            }
            RegistrationShift::DayOff => {
                let c = self.add_working_days(date, 0);
                (c.due, c.skipped, c.provisional)
            }
        };
        Registration { submitted_on: date, submitted_at: time, registered_on, shift, skipped, provisional }
    }

    /// The year's summary, or `None` when the year has no data file.
    pub fn year(&self, year: i32) -> Option<YearSummary> {
        let file = self.year_file(year)?;
        let mut days: Vec<Day> = self
            .special
            .iter()
            .filter(|(d, _)| d.year() == year)
            .map(|&(date, ref kind)| Day { date, kind: kind.clone(), provisional: file.provisional })
            .collect();
        crate::sort_by(&mut days, |a, b| a.date < b.date);
        let (working_days_on_weekends, days_off): (Vec<Day>, Vec<Day>) = days
            .into_iter()
            .filter(|d| !d.date.weekday().is_weekend() || d.kind.is_working())
            .partition(|d| d.kind.is_working());
        let mut sources = self.rules.sources.clone();
        sources.extend(file.sources.iter().cloned());
        Some(YearSummary {
            year,
            days_off,
            working_days_on_weekends,
            provisional: file.provisional,
            provisional_reason: file.provisional_reason.clone(),
            sources,
        })
    }
}

/// The kind of `date` in a date-ordered list of days.
fn find_day(days: &[(Date, DayKind)], date: Date) -> Option<DayKind> {
    days.binary_search_by(|(d, _)| d.cmp(&date)).ok().map(|i| days[i].1.clone())
}

fn ordinary(date: Date) -> DayKind {
    if date.weekday().is_weekend() {
        DayKind::Weekend
    } else {
        DayKind::Working
    }
}

/// Iterator over consecutive days with their kinds.
struct DayWalk<'a> {
    calendar: &'a Calendar,
    next: Option<Date>,
    /// For a year without a data file: its special days, computed once.
    table: Option<(i32, Vec<(Date, DayKind)>)>,
}

impl Iterator for DayWalk<'_> {
    type Item = Day;
    fn next(&mut self) -> Option<Day> {
        let date = self.next?;
        self.next = date.add_days(1);
        let year = date.year();
        let cal = self.calendar;
        let kind = if cal.year_file(year).is_some() {
            cal.special_day(date)
        } else {
            if self.table.as_ref().is_none_or(|(y, _)| *y != year) {
                self.table = Some((year, special_days(&cal.rules, None, year)));
            }
            self.table.as_ref().and_then(|(_, t)| find_day(t, date))
        };
        Some(Day {
            date,
            kind: kind.unwrap_or_else(|| ordinary(date)),
            provisional: cal.is_provisional(year),
        })
    }
}

/// The built-in data files.
pub const BUILTIN_HOLIDAYS: &str = include_str!(concat!(env!("OUT_DIR"), "/calendar-holidays.json"));
pub const BUILTIN_YEARS: &[&str] = &[
    include_str!(concat!(env!("OUT_DIR"), "/calendar-2023.json")),
    include_str!(concat!(env!("OUT_DIR"), "/calendar-2024.json")),
    include_str!(concat!(env!("OUT_DIR"), "/calendar-2025.json")),
    include_str!(concat!(env!("OUT_DIR"), "/calendar-2026.json")),
    include_str!(concat!(env!("OUT_DIR"), "/calendar-2027.json")),
];
