//! A moment as the rules see it: the local date and wall-clock time in Kazakhstan. The core has
//! no clock; a shell reads one (the server's `Clock`, the browser's `Date.now()`) and turns its
//! Unix seconds into a [`Moment`] here, so that the widget's forecast and the server's receipt
//! are the same function of the same moment ([`crate::deadline::forecast`]).

use crate::date::{local_date_time, Date, LocalTime};

/// A local date and time (UTC+5 in Kazakhstan, the rule set's `working_hours.utc_offset_minutes`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Moment {
    pub date: Date,
    pub time: LocalTime,
}

impl Moment {
    /// The local moment of `unix_seconds` at `utc_offset_minutes` from UTC; `None` out of range.
    pub fn from_unix(unix_seconds: i64, utc_offset_minutes: i32) -> Option<Moment> {
        local_date_time(unix_seconds, utc_offset_minutes).map(|(date, time)| Moment { date, time })
    }

    /// The start of a day (00:00): what "as of this day" means when no time is given
    /// (`--today`, `?today=`), before any closing time.
    pub fn start_of(date: Date) -> Moment {
        Moment { date, time: LocalTime { hour: 0, minute: 0 } }
    }
}

impl From<Date> for Moment {
    fn from(date: Date) -> Moment {
        Moment::start_of(date)
    }
}

/// `YYYY-MM-DDTHH:MM:SS` (fractions dropped) followed by `Z` or `±HH:MM` → seconds since the
/// Unix epoch. `None` for anything else. The server's `--now`, the widget's `?now=` and a
/// portal's `now` are read with it.
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    let (date, rest) = s.trim().split_once(['T', 't', ' '])?;
    let date = Date::parse(date).ok()?;
    if rest.len() < 8 || !rest.is_char_boundary(8) {
        return None;
    }
    let (time, zone) = rest.split_at(8);
    let num = |a: &str| a.parse::<i64>().ok().filter(|_| a.len() == 2);
    let mut parts = time.split(':');
    let (h, m, sec) = (num(parts.next()?)?, num(parts.next()?)?, num(parts.next()?)?);
    if h > 23 || m > 59 || sec > 60 {
        return None;
    }
    let zone = zone.trim_start_matches(|c: char| c == '.' || c.is_ascii_digit());
    let offset = match zone {
        "Z" | "z" => 0,
        _ => {
            let sign = match zone.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let (oh, om) = zone[1..].split_once(':')?;
            let (oh, om) = (num(oh)?, num(om)?);
            if oh > 23 || om > 59 {
                return None;
            }
            sign * (oh * 3600 + om * 60)
        }
    };
    Some(date.days_since_epoch() * 86_400 + h * 3600 + m * 60 + sec - offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_with_an_offset_is_the_same_moment_as_in_utc() {
        let t = parse_rfc3339("2026-11-27T19:00:00+05:00").unwrap();
        assert_eq!(parse_rfc3339("2026-11-27T14:00:00Z"), Some(t));
        assert_eq!(parse_rfc3339("2026-11-27T14:00:00.123Z"), Some(t));
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some(0));
        let m = Moment::from_unix(t, 300).unwrap();
        assert_eq!((m.date.to_string(), m.time.to_string()), ("2026-11-27".into(), "19:00".into()));
        for bad in [
            "2026-11-27",
            "2026-11-27T25:00:00Z",
            "2026-11-27T19:00:00",
            "2026-11-27T19:00:00+5:00",
            "2026-11-27T1é:00:00Z",
            "",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_day_alone_is_its_start() {
        let d = Date::parse("2026-12-04").unwrap();
        assert_eq!(Moment::from(d), Moment { date: d, time: LocalTime::new(0, 0).unwrap() });
    }
}
