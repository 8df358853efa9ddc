//! The server's only source of "now". The core has no clock ("today" is an argument); the
//! server reads one here, so that tests can inject a moment (Friday 19:00 in Astana) and check
//! the registration rule without waiting for a Friday evening.

/// Seconds since the Unix epoch, UTC.
pub trait Clock: Send + Sync {
    fn now_unix(&self) -> i64;
}

/// The system's clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_unix(&self) -> i64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0))
    }
}

/// Always the same moment.
#[derive(Clone, Copy, Debug)]
pub struct FixedClock(pub i64);

impl FixedClock {
    /// The moment of an RFC 3339 timestamp with an offset (`2026-11-27T19:00:00+05:00`).
    pub fn parse(s: &str) -> Option<FixedClock> {
        parse_rfc3339(s).map(FixedClock)
    }
}

impl Clock for FixedClock {
    fn now_unix(&self) -> i64 {
        self.0
    }
}

/// `YYYY-MM-DDTHH:MM:SS` followed by `Z` or `±HH:MM` → seconds since the epoch (the core's
/// parser: the widget reads its `?now=` with the same one).
pub use anyqtama_core::moment::parse_rfc3339;

/// RFC 3339 in UTC, to the second (`2026-11-27T14:00:00Z`).
pub fn rfc3339_utc(unix_seconds: i64) -> String {
    let days = unix_seconds.div_euclid(86_400);
    let s = unix_seconds.rem_euclid(86_400);
    let date = anyqtama_core::Date::from_days_since_epoch(days)
        .map_or_else(|| "1970-01-01".to_string(), |d| d.to_string());
    format!("{date}T{:02}:{:02}:{:02}Z", s / 3600, s % 3600 / 60, s % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let t = parse_rfc3339("2026-11-27T19:00:00+05:00").unwrap();
        assert_eq!(rfc3339_utc(t), "2026-11-27T14:00:00Z");
        assert_eq!(parse_rfc3339("2026-11-27T14:00:00Z"), Some(t));
        assert_eq!(parse_rfc3339("2026-11-27T14:00:00.123Z"), Some(t));
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_rfc3339("2026-11-27"), None);
        assert_eq!(parse_rfc3339("2026-11-27T25:00:00Z"), None);
    }
}
