//! Dates: the document date from a dateline, time phrases in sentences, and resolving
//! relative phrases ("on Thursday", "earlier in the day", "yesterday") against an anchor.
//!
//! Calendar arithmetic uses the days-from-civil algorithm on the proleptic Gregorian calendar,
//! so there is no dependency on the clock or the time zone: the same text gives the same dates.

use crate::segment::{Token, TokenKind};
use kg_model::Span;

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Day of month, 1–31.
    pub day: u32,
}

impl Date {
    /// A valid date, or `None`.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Self> {
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days_in_month)
            .contains(&day)
            .then_some(Self { year, month, day })
    }

    /// Parse `YYYY-MM-DD`.
    pub fn parse_iso(text: &str) -> Option<Self> {
        let mut parts = text.trim().splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        Self::new(year, month, day)
    }

    /// Days since 1970-01-01.
    fn to_days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    fn from_days(days: i64) -> Self {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = u32::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
        let month = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
        let year = i32::try_from(yoe + era * 400 + i64::from(month <= 2)).unwrap_or(i32::MAX);
        Self { year, month, day }
    }

    /// The date `n` days later (earlier when negative).
    #[must_use]
    pub fn add_days(self, n: i64) -> Self {
        Self::from_days(self.to_days() + n)
    }

    /// Day of the week, 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (3).
        u32::try_from((self.to_days() + 3).rem_euclid(7)).unwrap_or(0)
    }

    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Month number of a (lower-case) month name or abbreviation.
pub fn month_number(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let w = word.trim_end_matches('.');
    if w.len() < 3 {
        return None;
    }
    // Full names and abbreviations of three or more letters ("Sep", "Sept.", "Nov").
    MONTHS
        .iter()
        .position(|m| m.starts_with(w))
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// Weekday index (0 = Monday) of a lower-case day name.
pub fn weekday_number(word: &str) -> Option<u32> {
    WEEKDAYS
        .iter()
        .position(|d| *d == word)
        .and_then(|i| u32::try_from(i).ok())
}

/// What a time phrase means before resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeMeaning {
    /// A full date.
    Absolute(Date),
    /// Month and day without a year ("on March 3"): the document's year.
    MonthDay(u32, u32),
    /// A weekday ("on Thursday"): the latest such day on or before the anchor.
    Weekday(u32),
    /// Days relative to the anchor ("yesterday" = -1, "today" = 0).
    DaysFromAnchor(i64),
    /// The same day as the previous time phrase ("earlier in the day").
    SameDayAsPrevious,
    /// A phrase with no single date ("last week").
    Vague,
}

/// A time phrase found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimePhrase {
    /// Where it is.
    pub span: Span,
    /// Token range.
    pub tokens: std::ops::Range<usize>,
    /// What it means.
    pub meaning: TimeMeaning,
}

fn lower(text: &str, t: &Token) -> String {
    t.text(text).to_lowercase()
}

fn number(text: &str, t: Option<&Token>) -> Option<u32> {
    let t = t?;
    if t.kind != TokenKind::Number {
        return None;
    }
    t.text(text).parse().ok()
}

/// Find the time phrases in tokens `range`, in order.
#[allow(clippy::many_single_char_names)]
pub fn find_time_phrases(
    text: &str,
    tokens: &[Token],
    range: std::ops::Range<usize>,
) -> Vec<TimePhrase> {
    let mut found = Vec::new();
    let mut i = range.start;
    let end = range.end.min(tokens.len());
    let word = |k: usize| {
        if k < end {
            lower(text, &tokens[k])
        } else {
            String::new()
        }
    };
    while i < end {
        let w = word(i);
        let mut hit: Option<(usize, usize, TimeMeaning)> = None;
        // Absolute dates: "July 21, 2017", "21 July 2017", "2017-07-21", "March 3".
        if let Some(month) = month_number(&w).filter(|_| tokens[i].is_capitalized(text)) {
            if let Some(day) = number(text, tokens.get(i + 1)).filter(|_| i + 1 < end) {
                let comma = usize::from(word(i + 2) == ",");
                match number(text, tokens.get(i + 2 + comma))
                    .filter(|y| *y > 1000 && i + 2 + comma < end)
                {
                    Some(year) => {
                        if let Some(date) = Date::new(i32::try_from(year).unwrap_or(0), month, day)
                        {
                            hit = Some((i, i + 3 + comma, TimeMeaning::Absolute(date)));
                        }
                    }
                    None if (1..=31).contains(&day) => {
                        hit = Some((i, i + 2, TimeMeaning::MonthDay(month, day)));
                    }
                    None => {}
                }
            }
        } else if let Some(day) = number(text, Some(&tokens[i])).filter(|d| (1..=31).contains(d)) {
            if let Some(month) = month_number(&word(i + 1))
                .filter(|_| i + 1 < end && tokens[i + 1].is_capitalized(text))
            {
                match number(text, tokens.get(i + 2)).filter(|y| *y > 1000 && i + 2 < end) {
                    Some(year) => {
                        if let Some(date) = Date::new(i32::try_from(year).unwrap_or(0), month, day)
                        {
                            hit = Some((i, i + 3, TimeMeaning::Absolute(date)));
                        }
                    }
                    None => hit = Some((i, i + 2, TimeMeaning::MonthDay(month, day))),
                }
            }
        } else if tokens[i].kind == TokenKind::Number && w.len() == 4 && word(i + 1) == "-" {
            // 2017-07-21 tokenizes as 2017 - 07 - 21.
            let y = number(text, Some(&tokens[i]));
            let m = number(text, tokens.get(i + 2));
            let d = number(text, tokens.get(i + 4));
            if let (Some(y), Some(m), Some(d), true) = (y, m, d, word(i + 3) == "-" && i + 4 < end)
            {
                if let Some(date) = Date::new(i32::try_from(y).unwrap_or(0), m, d) {
                    hit = Some((i, i + 5, TimeMeaning::Absolute(date)));
                }
            }
        } else if let Some(day) = weekday_number(&w).filter(|_| tokens[i].is_capitalized(text)) {
            let start = if i > range.start && word(i - 1) == "on" {
                i - 1
            } else {
                i
            };
            hit = Some((start, i + 1, TimeMeaning::Weekday(day)));
        } else {
            let relative = match w.as_str() {
                "today" => Some((i, i + 1, TimeMeaning::DaysFromAnchor(0))),
                "yesterday" => Some((i, i + 1, TimeMeaning::DaysFromAnchor(-1))),
                "tomorrow" => Some((i, i + 1, TimeMeaning::DaysFromAnchor(1))),
                "earlier" | "later"
                    if word(i + 1) == "in" && word(i + 2) == "the" && word(i + 3) == "day" =>
                {
                    Some((i, i + 4, TimeMeaning::SameDayAsPrevious))
                }
                "earlier" | "later" if matches!(word(i + 1).as_str(), "today" | "that") => {
                    let len = if word(i + 1) == "that" && word(i + 2) == "day" {
                        3
                    } else {
                        2
                    };
                    Some((i, i + len, TimeMeaning::SameDayAsPrevious))
                }
                "last" | "next" | "this"
                    if matches!(word(i + 1).as_str(), "week" | "month" | "year") =>
                {
                    Some((i, i + 2, TimeMeaning::Vague))
                }
                _ => None,
            };
            hit = relative.filter(|(_, e, _)| *e <= end);
        }
        if let Some((s, e, meaning)) = hit {
            let span = Span::new(tokens[s].span.start, tokens[e - 1].span.end);
            found.push(TimePhrase {
                span,
                tokens: s..e,
                meaning,
            });
            i = e;
        } else {
            i += 1;
        }
    }
    found
}

/// Resolve a time phrase against the document date (`anchor`) and the previous resolved date.
pub fn resolve(meaning: TimeMeaning, anchor: Option<Date>, previous: Option<Date>) -> Option<Date> {
    match meaning {
        TimeMeaning::Absolute(d) => Some(d),
        TimeMeaning::MonthDay(m, d) => Date::new(anchor?.year, m, d),
        TimeMeaning::Weekday(w) => {
            let anchor = anchor?;
            let back = (i64::from(anchor.weekday()) - i64::from(w)).rem_euclid(7);
            Some(anchor.add_days(-back))
        }
        TimeMeaning::DaysFromAnchor(n) => Some(anchor?.add_days(n)),
        TimeMeaning::SameDayAsPrevious => previous.or(anchor),
        TimeMeaning::Vague => None,
    }
}

/// The document date from a dateline: an absolute date on one of the first three lines,
/// on a line short enough to be a dateline rather than prose.
pub fn dateline(text: &str, tokens: &[Token]) -> Option<Date> {
    let mut line = 0;
    let mut line_start = 0;
    for i in 0..=tokens.len() {
        let at_break = i == tokens.len() || (i > 0 && tokens[i].newline_before);
        if at_break && i > line_start {
            let span = Span::new(tokens[line_start].span.start, tokens[i - 1].span.end);
            // A short line that is a date, or a date at the head of a paragraph
            // ("BERLIN, March 5, 2026 — …").
            let phrases = find_time_phrases(text, tokens, line_start..i);
            let absolute = phrases.iter().find_map(|p| match p.meaning {
                TimeMeaning::Absolute(d) if span.len() <= 120 || p.span.start < span.start + 40 => {
                    Some(d)
                }
                _ => None,
            });
            {
                if absolute.is_some() {
                    return absolute;
                }
            }
            line += 1;
            line_start = i;
            if line >= 3 {
                break;
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::tokenize;

    #[test]
    fn calendar_round_trips() {
        let d = Date::new(2025, 11, 27).unwrap();
        assert_eq!(d.weekday(), 3, "2025-11-27 is a Thursday");
        assert_eq!(d.add_days(5).iso(), "2025-12-02");
        assert_eq!(
            Date::new(2024, 3, 1).unwrap().add_days(-1).iso(),
            "2024-02-29"
        );
        assert!(Date::new(2023, 2, 29).is_none());
    }

    #[test]
    fn weekday_resolves_to_latest_on_or_before_anchor() {
        let anchor = Date::new(2026, 3, 3).unwrap(); // a Tuesday
        assert_eq!(
            resolve(TimeMeaning::Weekday(0), Some(anchor), None)
                .unwrap()
                .iso(),
            "2026-03-02"
        );
        assert_eq!(
            resolve(TimeMeaning::Weekday(1), Some(anchor), None)
                .unwrap()
                .iso(),
            "2026-03-03"
        );
        assert_eq!(resolve(TimeMeaning::Weekday(3), None, None), None);
    }

    #[test]
    fn finds_datelines_and_phrases() {
        let text = "Talks resume\nFriday, July 21, 2017\nThey met on Thursday and again earlier in the day.";
        let toks = tokenize(text);
        assert_eq!(dateline(text, &toks).unwrap().iso(), "2017-07-21");
        let phrases = find_time_phrases(text, &toks, 0..toks.len());
        let texts: Vec<&str> = phrases.iter().map(|p| p.span.text(text).unwrap()).collect();
        assert_eq!(
            texts,
            [
                "Friday",
                "July 21, 2017",
                "on Thursday",
                "earlier in the day"
            ]
        );
        assert_eq!(month_number("sept."), Some(9));
        assert_eq!(month_number("may"), Some(5));
        assert_eq!(month_number("ma"), None);
    }
}
