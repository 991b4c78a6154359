//! Publication dates: RFC 3339, plain dates, and the date lines of news pages.
//!
//! ```
//! use khoj_index::dates::{parse_date, parse_date_line};
//! assert!(parse_date("2020-03-01T10:00:00+05:30").is_some());
//! assert!(parse_date("2020-03-01").is_some());
//! assert!(parse_date("yesterday").is_none());
//! let d = parse_date_line("Thursday, November 6, 2025").unwrap();
//! assert_eq!((d.year(), d.month() as u8, d.day()), (2025, 11, 6));
//! ```

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time};

/// The earliest time the index holds (tantivy stores times as nanoseconds in an `i64`):
/// 1677-09-21T00:12:44Z.
pub const MIN_INDEXABLE_SECS: i64 = -9_223_372_036;
/// The latest time the index holds: 2262-04-11T23:47:16Z.
pub const MAX_INDEXABLE_SECS: i64 = 9_223_372_036;

/// Whether the index can hold `t` as a publication time.
///
/// ```
/// use khoj_index::dates::{indexable, parse_date};
/// assert!(indexable(parse_date("2020-03-01").unwrap()));
/// assert!(!indexable(parse_date("9999-12-31").unwrap()));
/// assert!(!indexable(parse_date("1600-01-01").unwrap()));
/// ```
pub fn indexable(t: OffsetDateTime) -> bool {
    (MIN_INDEXABLE_SECS..=MAX_INDEXABLE_SECS).contains(&t.unix_timestamp())
}

/// `t` in seconds, moved into the range the index holds: a filter bound beyond it means
/// no bound on that side (nothing the index holds lies beyond it).
pub fn clamp_to_indexable(t: OffsetDateTime) -> i64 {
    t.unix_timestamp()
        .clamp(MIN_INDEXABLE_SECS, MAX_INDEXABLE_SECS)
}

/// Parses a publication date as an article gives it: RFC 3339
/// (`2020-03-01T10:00:00+05:30`), `2020-03-01T10:00:00` or `2020-03-01 10:00:00`
/// (read as UTC), or a plain date `2020-03-01` (midnight UTC), or any date line that
/// [`parse_date_line`] reads.
pub fn parse_date(s: &str) -> Option<OffsetDateTime> {
    let s = s.trim();
    if let Ok(d) = OffsetDateTime::parse(s, &Rfc3339) {
        return Some(d);
    }
    let with_t = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");
    let with_space = format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
    for f in [with_t, with_space] {
        if let Ok(d) = PrimitiveDateTime::parse(s, f) {
            return Some(d.assume_utc());
        }
    }
    if let Ok(d) = Date::parse(s, format_description!("[year]-[month]-[day]")) {
        return Some(PrimitiveDateTime::new(d, Time::MIDNIGHT).assume_utc());
    }
    parse_date_line(s).map(|d| PrimitiveDateTime::new(d, Time::MIDNIGHT).assume_utc())
}

/// Reads a line that is a date and nothing else, as news pages print them:
/// `Thursday, November 6, 2025`, `November 6, 2025`, `6 November 2025`, `06 Nov 2025`,
/// `6 नवंबर 2025`, `गुरुवार, 6 नवंबर 2025`, `2025-11-06`. A weekday name may lead.
/// Returns `None` for anything else, including a line that holds a date among other words.
pub fn parse_date_line(line: &str) -> Option<Date> {
    let cleaned: String = line
        .chars()
        .map(|c| if c == ',' || c == '|' { ' ' } else { c })
        .collect();
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 {
        return None;
    }
    let words: Vec<&str> = match words.first() {
        Some(w) if is_weekday(w) => words[1..].to_vec(),
        _ => words,
    };
    match words.as_slice() {
        [iso] => Date::parse(iso, format_description!("[year]-[month]-[day]")).ok(),
        [a, b, c] => {
            let (month, day, year) = if let Some(m) = month_of(a) {
                (m, number(b)?, number(c)?)
            } else {
                (month_of(b)?, number(a)?, number(c)?)
            };
            let year = i32::try_from(year)
                .ok()
                .filter(|y| (1900..=2200).contains(y))?;
            Date::from_calendar_date(year, month, u8::try_from(day).ok()?).ok()
        }
        _ => None,
    }
}

fn number(s: &str) -> Option<u32> {
    let s = s.trim_end_matches(['.', ',']);
    let s = s
        .trim_end_matches("st")
        .trim_end_matches("nd")
        .trim_end_matches("rd")
        .trim_end_matches("th");
    let mut n: u32 = 0;
    let mut digits = 0;
    for c in s.chars() {
        let d = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '०'..='९' => c as u32 - '०' as u32,
            _ => return None,
        };
        n = n.checked_mul(10)?.checked_add(d)?;
        digits += 1;
    }
    (digits > 0).then_some(n)
}

fn is_weekday(w: &str) -> bool {
    let w = w.trim_end_matches(',').to_lowercase();
    const DAYS: &[&str] = &[
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
        "सोमवार",
        "मंगलवार",
        "बुधवार",
        "गुरुवार",
        "बृहस्पतिवार",
        "शुक्रवार",
        "शनिवार",
        "रविवार",
    ];
    DAYS.contains(&w.as_str())
}

fn month_of(w: &str) -> Option<Month> {
    let w = w.trim_end_matches(['.', ',']).to_lowercase();
    const MONTHS: &[(&[&str], Month)] = &[
        (&["january", "jan", "जनवरी"], Month::January),
        (&["february", "feb", "फरवरी", "फ़रवरी"], Month::February),
        (&["march", "mar", "मार्च"], Month::March),
        (&["april", "apr", "अप्रैल"], Month::April),
        (&["may", "मई"], Month::May),
        (&["june", "jun", "जून"], Month::June),
        (&["july", "jul", "जुलाई"], Month::July),
        (&["august", "aug", "अगस्त"], Month::August),
        (
            &["september", "sep", "sept", "सितंबर", "सितम्बर"],
            Month::September,
        ),
        (&["october", "oct", "अक्टूबर", "अक्तूबर"], Month::October),
        (&["november", "nov", "नवंबर", "नवम्बर"], Month::November),
        (&["december", "dec", "दिसंबर", "दिसम्बर"], Month::December),
    ];
    MONTHS
        .iter()
        .find(|(names, _)| names.contains(&w.as_str()))
        .map(|&(_, m)| m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_lines() {
        for line in [
            "Thursday, November 6, 2025",
            "November 6, 2025",
            "6 November 2025",
            "06 Nov 2025",
            "6 नवंबर 2025",
            "गुरुवार, 6 नवंबर 2025",
            "2025-11-06",
            "६ नवंबर २०२५",
        ] {
            let d = parse_date_line(line).unwrap_or_else(|| panic!("{line}"));
            assert_eq!(
                (d.year(), d.month(), d.day()),
                (2025, Month::November, 6),
                "{line}"
            );
        }
        for line in [
            "November 6",
            "News on 6 November 2025 in Delhi",
            "32 November 2025",
            "Latest Posts",
            "",
        ] {
            assert!(parse_date_line(line).is_none(), "{line}");
        }
    }

    #[test]
    fn article_dates() {
        let d = parse_date("2020-03-01T10:00:00+05:30").unwrap();
        assert_eq!(d.unix_timestamp(), 1583037000);
        assert_eq!(
            parse_date("2020-03-01 04:30:00").unwrap().unix_timestamp(),
            1583037000
        );
        assert!(parse_date("01/03/2020").is_none());
    }
}
