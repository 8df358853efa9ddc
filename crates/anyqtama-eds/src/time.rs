//! Times as seconds since 1970 (UTC), and their RFC 3339 / `YYYY-MM-DD` forms, with the
//! core's calendar. No clock: "now" is always an argument.

use anyqtama_core::date::Date;

/// `YYYY-MM-DDTHH:MM:SSZ`.
pub fn rfc3339(secs: u64) -> String {
    let rem = secs % 86_400;
    match Date::from_days_since_epoch((secs / 86_400) as i64) {
        Some(d) => format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            d.year(),
            d.month(),
            d.day(),
            rem / 3600,
            rem / 60 % 60,
            rem % 60
        ),
        None => String::new(),
    }
}

/// `YYYY-MM-DD` → the seconds at noon UTC of that day (so that "valid on that day" holds for a
/// certificate issued or expiring in the day's middle hours); `None` when not a date.
pub fn parse_day(s: &str) -> Option<u64> {
    let days = Date::parse(s).ok()?.days_since_epoch();
    u64::try_from(days * 86_400 + 12 * 3600).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_664_280_000), "2022-09-27T12:00:00Z");
        assert_eq!(parse_day("2022-09-27"), Some(1_664_280_000));
        assert_eq!(parse_day("2024-02-29").map(rfc3339).as_deref(), Some("2024-02-29T12:00:00Z"));
        assert_eq!(parse_day("2023-02-29"), None);
        assert_eq!(parse_day("27.09.2022"), None);
    }
}
