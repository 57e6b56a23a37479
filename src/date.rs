//! Publication dates: many spellings in, RFC 3339 out (naive when no zone is given).

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::Offset;
use jiff::Timestamp;
use regex::Regex;
use std::sync::OnceLock;

/// Parses a date as publishers write it. Returns RFC 3339 (`2021-08-12T06:07:34Z`,
/// `2021-08-12T14:07:34+08:00`) when the zone is known, `2021-10-28T14:08:07` or
/// `2021-10-28` when it is not (a zone is never invented). `None` when nothing valid is found.
pub(crate) fn parse(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if raw.is_empty() || raw.len() > 200 {
        return None;
    }
    if let Ok(zoned) = jiff::fmt::rfc2822::parse(raw) {
        return Some(with_offset(zoned.timestamp(), zoned.offset()));
    }
    if let Ok(ts) = raw.parse::<Timestamp>() {
        // RFC 3339 / ISO 8601 with an offset: keep the offset the publisher gave.
        let offset = explicit_offset(raw).unwrap_or(Offset::UTC);
        return Some(with_offset(ts, offset));
    }
    if let Ok(dt) = raw.parse::<DateTime>() {
        if raw.len() > 10 {
            return Some(naive(dt, true));
        }
    }
    if let Ok(d) = raw.parse::<Date>() {
        return Some(d.to_string());
    }
    loose(raw).or_else(|| unix(raw))
}

/// Seconds (10 digits) or milliseconds (13) since 1970, as some pages state a date
/// (`1651626439`): UTC, between 1993 and 2039.
fn unix(raw: &str) -> Option<String> {
    if !raw.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i64 = raw.parse().ok()?;
    let seconds = match raw.len() {
        10 => n,
        13 => n / 1000,
        _ => return None,
    };
    // 1993-01-01 to 2040-01-01.
    if !(725_846_400..2_208_988_800).contains(&seconds) {
        return None;
    }
    Some(Timestamp::from_second(seconds).ok()?.to_string())
}

fn with_offset(ts: Timestamp, offset: Offset) -> String {
    if offset == Offset::UTC {
        ts.to_string()
    } else {
        ts.display_with_offset(offset).to_string()
    }
}

fn naive(dt: DateTime, with_time: bool) -> String {
    if with_time {
        dt.strftime("%Y-%m-%dT%H:%M:%S").to_string()
    } else {
        dt.date().to_string()
    }
}

fn explicit_offset(raw: &str) -> Option<Offset> {
    let re = offset_regex();
    let caps = re.captures(raw)?;
    offset_from(caps.get(1)?.as_str())
}

fn offset_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(Z|[+-]\d{2}:?\d{2})$").expect("valid regex"))
}

fn offset_from(s: &str) -> Option<Offset> {
    if s.eq_ignore_ascii_case("z") || s.eq_ignore_ascii_case("utc") || s.eq_ignore_ascii_case("gmt")
    {
        return Some(Offset::UTC);
    }
    let sign = if s.starts_with('-') { -1 } else { 1 };
    let digits: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
    if digits.len() != 4 {
        return None;
    }
    let (h, m) = digits.split_at_checked(2)?;
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    Offset::from_seconds(sign * (h * 3600 + m * 60)).ok()
}

/// `2021/10/28 14:08`, `2021.10.28`, `2021年10月28日 14:08`, with an optional zone.
fn loose(raw: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(
            r"(?x)(?:^|\D)(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?
              (?:[\sT]*(\d{1,2})\s*[:时]\s*(\d{1,2})(?:\s*[:分]\s*(\d{1,2}))?)?
              \s*(Z|[+-]\d{2}:?\d{2}|UTC|GMT)?",
        )
        .expect("valid regex")
    });
    let caps = re.captures(raw)?;
    let num = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<i8>().ok());
    let year: i16 = caps.get(1)?.as_str().parse().ok()?;
    let date = Date::new(year, num(2)?, num(3)?).ok()?;
    let Some(hour) = num(4) else {
        return Some(date.to_string());
    };
    let time = Time::new(hour, num(5)?, num(6).unwrap_or(0), 0).ok()?;
    let dt = date.to_datetime(time);
    match caps.get(7).and_then(|m| offset_from(m.as_str())) {
        Some(offset) => {
            let ts = offset.to_timestamp(dt).ok()?;
            Some(with_offset(ts, offset))
        }
        None => Some(naive(dt, true)),
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn rfc2822_gmt_becomes_utc_rfc3339() {
        assert_eq!(
            parse("Thu, 12 Aug 2021 06:07:34 GMT").as_deref(),
            Some("2021-08-12T06:07:34Z")
        );
        assert_eq!(
            parse("Thu, 12 Aug 2021 14:07:34 +0800").as_deref(),
            Some("2021-08-12T14:07:34+08:00")
        );
    }

    #[test]
    fn naive_dates_stay_naive() {
        assert_eq!(
            parse("2021-10-28 14:08:07").as_deref(),
            Some("2021-10-28T14:08:07")
        );
        assert_eq!(parse("2021-10-28").as_deref(), Some("2021-10-28"));
        assert_eq!(
            parse("2021/10/28 14:08").as_deref(),
            Some("2021-10-28T14:08:00")
        );
        assert_eq!(
            parse("2021年10月28日 14:08").as_deref(),
            Some("2021-10-28T14:08:00")
        );
    }

    #[test]
    fn offsets_are_kept() {
        assert_eq!(
            parse("2021-10-28T14:08:07+08:00").as_deref(),
            Some("2021-10-28T14:08:07+08:00")
        );
        assert_eq!(
            parse("2021-10-28T06:08:07Z").as_deref(),
            Some("2021-10-28T06:08:07Z")
        );
    }

    #[test]
    fn unix_timestamps_are_utc() {
        assert_eq!(parse("1651626439").as_deref(), Some("2022-05-04T01:07:19Z"));
        assert_eq!(
            parse("1651626439000").as_deref(),
            Some("2022-05-04T01:07:19Z")
        );
        assert_eq!(parse("123456"), None);
        assert_eq!(parse("4102444800"), None);
    }

    #[test]
    fn garbage_and_out_of_range_give_none() {
        for bad in [
            "",
            "yesterday",
            "2021-13-45",
            "99999-01-01",
            "2021-02-30 25:61",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}
