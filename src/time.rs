//! Times people type for `--start-time`, `--end-time` and `--since`, turned into the API's
//! `YYYY-MM-DD HH:MM:SS`.
//!
//! A time without an offset is passed as typed. A time with an offset (RFC 3339) and `--since` are
//! converted to this machine's time zone (`TZ` changes it), on the reading that the API's times
//! are in the account's local time.

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::{Span, Timestamp, Zoned};

use crate::wire::TIME_FORMAT as API_FORMAT;

/// Parses `YYYY-MM-DD HH:MM:SS`, `YYYY-MM-DD` (midnight) or RFC 3339.
pub fn parse_time(text: &str) -> Result<String, String> {
    let text = text.trim();
    // jiff reads a leap second as the second before it: a time the user did not mean.
    if leap_second(text) {
        return Err(format!(
            "{text:?} is a leap second (:60), which the API's times cannot hold; use :59 or the next minute"
        ));
    }
    let dt = DateTime::strptime(API_FORMAT, text)
        .ok()
        .or_else(|| {
            let date = Date::strptime("%Y-%m-%d", text).ok()?;
            Some(date.to_datetime(jiff::civil::Time::midnight()))
        })
        .or_else(|| {
            let ts = text.parse::<Timestamp>().ok()?;
            Some(ts.to_zoned(TimeZone::system()).datetime())
        });
    if let Some(dt) = dt {
        // The API's format has four digits of year: year 0 in another zone is year -1 here.
        if !(1..=9999).contains(&dt.year()) {
            return Err(format!(
                "{text:?} is in the year {}: give a time from the year 1 to 9999",
                dt.year()
            ));
        }
        return Ok(format_api(dt));
    }
    Err(format!(
        "{text:?} is not a time: use YYYY-MM-DD HH:MM:SS, YYYY-MM-DD or RFC 3339 (2024-05-07T08:00:00+08:00)"
    ))
}

/// Whether the seconds of `YYYY-MM-DD HH:MM:SS...` (or `T` between) are 60.
fn leap_second(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() >= 19 && b[13] == b':' && b[16] == b':' && &b[17..19] == b"60"
}

/// Parses `--since`: a number and a unit (`30m`, `12h`, `7d`, `2w`), counted back from now.
pub fn parse_since(text: &str) -> Result<String, String> {
    since_from(text, &Zoned::now())
}

fn since_from(text: &str, now: &Zoned) -> Result<String, String> {
    let bad =
        || format!("{text:?} is not a duration: use a number and s, m, h, d, w or y (7d, 12h, 1y)");
    let too_large = || {
        format!("{text:?} is too large: it would start before the year -9999; use a shorter duration, or --start-time")
    };
    let text = text.trim();
    let split = text.find(|c: char| !c.is_ascii_digit()).ok_or_else(bad)?;
    let (number, unit) = text.split_at(split);
    if number.is_empty() || !matches!(unit, "s" | "m" | "h" | "d" | "w" | "y") {
        return Err(bad());
    }
    let n: i64 = number.parse().map_err(|_| too_large())?;
    let span = match unit {
        "s" => Span::new().try_seconds(n),
        "m" => Span::new().try_minutes(n),
        "h" => Span::new().try_hours(n),
        "d" => Span::new().try_days(n),
        "w" => Span::new().try_weeks(n),
        "y" => Span::new().try_years(n),
        _ => return Err(bad()),
    }
    .map_err(|_| too_large())?;
    let then = now.checked_sub(span).map_err(|_| too_large())?;
    Ok(format_api(then.datetime()))
}

/// Parses a length of time: a number and a unit, `500ms`, `10s`, `2m`, `1h`, `1d`
/// (`--interval`, `--lookback`).
pub fn parse_duration(text: &str) -> Result<std::time::Duration, String> {
    let bad = || format!("{text:?} is not a duration: use a number and ms, s, m, h or d (10s, 2m)");
    let text = text.trim();
    let split = text.find(|c: char| !c.is_ascii_digit()).ok_or_else(bad)?;
    let (number, unit) = text.split_at(split);
    let n: u64 = number.parse().map_err(|_| bad())?;
    let ms = match unit {
        "ms" => 1,
        "s" => 1000,
        "m" => 60_000,
        "h" => 3_600_000,
        "d" => 86_400_000,
        _ => return Err(bad()),
    };
    let ms = n.checked_mul(ms).ok_or_else(bad)?;
    Ok(std::time::Duration::from_millis(ms))
}

/// `10s`, `2m`, `500ms`: as the flags take it.
pub fn show_duration(d: std::time::Duration) -> String {
    let ms = d.as_millis();
    match ms {
        ms if ms.is_multiple_of(3_600_000) => format!("{}h", ms / 3_600_000),
        ms if ms.is_multiple_of(60_000) => format!("{}m", ms / 60_000),
        ms if ms.is_multiple_of(1000) => format!("{}s", ms / 1000),
        ms => format!("{ms}ms"),
    }
}

fn format_api(dt: DateTime) -> String {
    dt.strftime(API_FORMAT).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepted_forms() {
        assert_eq!(
            parse_time("2024-05-07 08:09:10").unwrap(),
            "2024-05-07 08:09:10"
        );
        assert_eq!(parse_time("2024-05-07").unwrap(), "2024-05-07 00:00:00");
        assert!(parse_time("2024-13-07").is_err());
        assert!(parse_time("07/05/2024").unwrap_err().contains("RFC 3339"));
    }

    #[test]
    fn rfc3339_is_converted_to_the_local_zone() {
        let local = parse_time("2024-05-07T08:00:00+08:00").unwrap();
        let expected = "2024-05-07T00:00:00Z"
            .parse::<Timestamp>()
            .unwrap()
            .to_zoned(TimeZone::system())
            .strftime(API_FORMAT)
            .to_string();
        assert_eq!(local, expected);
    }

    #[test]
    fn since_counts_back_from_now() {
        let now: Zoned = "2024-05-08T12:00:00+00:00[UTC]".parse().unwrap();
        assert_eq!(since_from("7d", &now).unwrap(), "2024-05-01 12:00:00");
        assert_eq!(since_from("12h", &now).unwrap(), "2024-05-08 00:00:00");
        assert_eq!(since_from("90m", &now).unwrap(), "2024-05-08 10:30:00");
        assert_eq!(since_from("1w", &now).unwrap(), "2024-05-01 12:00:00");
        assert_eq!(since_from("1y", &now).unwrap(), "2023-05-08 12:00:00");
        assert!(since_from("7", &now).is_err());
        assert!(since_from("d", &now).is_err());
        assert!(since_from("7q", &now).is_err());
        for huge in [
            "99999999d",
            "7304484d",
            "99999999999999999999999s",
            "9999999w",
        ] {
            let err = since_from(huge, &now).unwrap_err();
            assert!(err.contains("too large"), "{err}");
        }
        assert!(since_from("7.5d", &now)
            .unwrap_err()
            .contains("not a duration"));
    }

    #[test]
    fn a_leap_second_is_refused_rather_than_moved() {
        for leap in [
            "2016-12-31 23:59:60",
            "2016-12-31T23:59:60Z",
            "2016-12-31T23:59:60+08:00",
        ] {
            let err = parse_time(leap).unwrap_err();
            assert!(err.contains("leap second"), "{err}");
        }
        assert!(parse_time("2016-12-31 23:59:59").is_ok());
        assert!(parse_time("2016-12-31 23:60:00").is_err());
    }

    #[test]
    fn durations_take_a_unit() {
        let ms = |t| parse_duration(t).map(|d| d.as_millis());
        assert_eq!(ms("500ms"), Ok(500));
        assert_eq!(ms(" 10s"), Ok(10_000));
        assert_eq!(ms("2m"), Ok(120_000));
        assert_eq!(ms("1d"), Ok(86_400_000));
        for bad in ["10", "s", "1.5s", "-1s", "3y", "99999999999999999999d"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
        let shown = |ms| show_duration(std::time::Duration::from_millis(ms));
        assert_eq!(
            (shown(120_000), shown(1500), shown(7_200_000)),
            ("2m".into(), "1500ms".into(), "2h".into())
        );
    }
}
