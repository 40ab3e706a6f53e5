//! Dates as tables write them: `2007-10-15`, `2007-10` (the 1st), `2007` (1 January),
//! `2007/10/15`, `15.10.2007`, `10/15/2007`, `Oct 2007`, `15 Oct 2007`, with or without a time.
//!
//! Day-month-year and month-day-year differ only in order. A file that writes `15/10/2007`
//! somewhere settles it (15 cannot be a month); see [`OrderEvidence`].

use std::fmt;

use crate::dataset::Date;

/// How much of a date the cell gave.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    /// A day: `2007-10-15`.
    Day,
    /// A month: `2007-10` or `Oct 2007`.
    Month,
    /// A year: `2007`.
    Year,
    /// A quarter: `2007Q4`, `Q4 2007` (dated on its first day).
    Quarter,
    /// A US fiscal year: `FY2008` (dated 1 October 2007; see [`super::calendar`]).
    FiscalYear,
}

impl Precision {
    /// The dataset's precision for a figure dated this way: a quarter or a fiscal year is
    /// labelled by its year, never by a month or day the cell did not give.
    pub fn of_figure(self) -> crate::dataset::Precision {
        match self {
            Self::Day => crate::dataset::Precision::Day,
            Self::Month => crate::dataset::Precision::Month,
            Self::Year | Self::Quarter | Self::FiscalYear => crate::dataset::Precision::Year,
        }
    }
}

/// Which of the first two numbers of `a/b/YYYY` is the day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum DateOrder {
    /// `15/10/2007`, `15.10.2007`
    DayFirst,
    /// `10/15/2007`
    MonthFirst,
}

impl fmt::Display for DateOrder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::DayFirst => "day/month/year",
            Self::MonthFirst => "month/day/year",
        })
    }
}

/// What one cell's text says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateReading {
    /// A date whatever the file's order.
    Known(Date, Precision),
    /// `a/b/year` (or with dots or dashes): the order decides which is the day.
    Numeric {
        /// First number.
        first: u32,
        /// Second number.
        second: u32,
        /// Four-digit year.
        year: i32,
        /// Written with dots (`15.10.2007`), which only day-first countries do.
        dots: bool,
    },
}

/// Month names in English, lower case, January first.
pub(super) const MONTHS: [&str; 12] = [
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

/// Whether `text` is a short number: 1–`max` ASCII digits.
fn digits(text: &str, max: usize) -> Option<u32> {
    if text.is_empty() || text.len() > max || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn year(text: &str) -> Option<i32> {
    if text.len() != 4 {
        return None;
    }
    digits(text, 4).and_then(|y| i32::try_from(y).ok())
}

/// A month from its English name or three-letter abbreviation (`Oct`, `Sept.`, `October`).
fn month_name(text: &str) -> Option<u32> {
    let lower = text.trim_end_matches('.').to_ascii_lowercase();
    if lower.len() < 3 {
        return None;
    }
    let index = MONTHS
        .iter()
        .position(|m| *m == lower || (m.starts_with(&lower) && lower.len() <= 4))?;
    u32::try_from(index + 1).ok()
}

/// The text without a trailing time of day (`2007-10-15T00:00:00Z`, `10/15/2007 0:00`).
fn without_time(text: &str) -> &str {
    let cut = text.rfind(['T', ' ']).filter(|&at| {
        let time = &text[at + 1..];
        time.starts_with(|c: char| c.is_ascii_digit())
            && time.contains(':')
            && time.chars().all(|c| {
                c.is_ascii_digit()
                    || matches!(
                        c,
                        ':' | '.' | 'Z' | '+' | '-' | ' ' | 'A' | 'P' | 'M' | 'a' | 'p' | 'm'
                    )
            })
    });
    match cut {
        Some(at) => text[..at].trim_end(),
        None => text,
    }
}

fn day(year: i32, month: u32, day: u32, text: &str) -> Result<Date, String> {
    if !(1..=12).contains(&month) {
        return Err(format!("{text:?} is not a date: month {month} is not 1–12"));
    }
    Date::from_ymd(year, month, day)
        .ok_or_else(|| format!("{text:?} is not a date: month {month} of {year} has no day {day}"))
}

fn not_a_date(text: &str) -> String {
    format!("{text:?} is not a date; write dates as YYYY-MM-DD, YYYY-MM or YYYY")
}

/// Reads `text` as a date; the error is the message for the cell.
pub fn scan(text: &str) -> Result<DateReading, String> {
    let trimmed = text.trim();
    // The common case first, without any splitting.
    let b = trimmed.as_bytes();
    if b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && let (Some(y), Some(m), Some(d)) = (
            year(&trimmed[..4]),
            digits(&trimmed[5..7], 2),
            digits(&trimmed[8..10], 2),
        )
    {
        return day(y, m, d, text).map(|date| DateReading::Known(date, Precision::Day));
    }
    let body = without_time(trimmed);
    if let Some(y) = year(body) {
        return day(y, 1, 1, text).map(|date| DateReading::Known(date, Precision::Year));
    }
    // Numbers separated by one kind of mark.
    for sep in ['-', '/', '.'] {
        let mut parts = body.split(sep);
        let (Some(a), Some(b), c, None) = (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        if let Some(y) = year(a) {
            let Some(m) = digits(b, 2) else { break };
            return match c {
                None if sep != '.' => {
                    day(y, m, 1, text).map(|date| DateReading::Known(date, Precision::Month))
                }
                Some(c) => {
                    let Some(d) = digits(c, 2) else { break };
                    day(y, m, d, text).map(|date| DateReading::Known(date, Precision::Day))
                }
                None => Err(not_a_date(text)),
            };
        }
        if let (Some(first), Some(second), Some(y)) = (digits(a, 2), digits(b, 2), c.and_then(year))
        {
            if first > 12 && second > 12 {
                return Err(format!(
                    "{text:?} is not a date: neither {first} nor {second} is a month"
                ));
            }
            return Ok(DateReading::Numeric {
                first,
                second,
                year: y,
                dots: sep == '.',
            });
        }
        // `Oct-2007`
        if let (Some(m), Some(y), None) = (month_name(a), year(b), c) {
            return day(y, m, 1, text).map(|date| DateReading::Known(date, Precision::Month));
        }
    }
    // `Oct 2007`, `15 Oct 2007`, `October 15, 2007`
    let words: Vec<&str> = body
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .take(4)
        .collect();
    match words.as_slice() {
        [m, y] => {
            if let (Some(m), Some(y)) = (month_name(m), year(y)) {
                return day(y, m, 1, text).map(|date| DateReading::Known(date, Precision::Month));
            }
        }
        [a, b, y] => {
            let y = year(y);
            let dm = digits(a, 2).zip(month_name(b));
            let md = month_name(a).zip(digits(b, 2)).map(|(m, d)| (d, m));
            if let (Some(y), Some((d, m))) = (y, dm.or(md)) {
                return day(y, m, d, text).map(|date| DateReading::Known(date, Precision::Day));
            }
        }
        _ => {}
    }
    match super::calendar::scan(body) {
        Some((date, precision)) => Ok(DateReading::Known(date, precision)),
        None => Err(not_a_date(text)),
    }
}

/// Resolves a [`DateReading::Numeric`] in a known order.
pub fn in_order(
    reading: DateReading,
    order: DateOrder,
    text: &str,
) -> Result<(Date, Precision), String> {
    match reading {
        DateReading::Known(date, precision) => Ok((date, precision)),
        DateReading::Numeric {
            first,
            second,
            year,
            ..
        } => {
            let (d, m) = match order {
                DateOrder::DayFirst => (first, second),
                DateOrder::MonthFirst => (second, first),
            };
            if m > 12 {
                return Err(format!(
                    "{text:?} does not fit the dates of this file, which are written {order}"
                ));
            }
            day(year, m, d, text).map(|date| (date, Precision::Day))
        }
    }
}

/// What the cells of a file have shown about the order of day and month.
#[derive(Clone, Debug, Default)]
pub struct OrderEvidence {
    /// First cell that can only be day-first / month-first, as `(row, column, text)`.
    day_first: Option<(usize, usize, String)>,
    month_first: Option<(usize, usize, String)>,
    /// Whether any ambiguous cell used slashes or dashes, and whether any used dots.
    slashes: Option<(usize, usize, String)>,
    dots: bool,
}

impl OrderEvidence {
    /// Adds what one cell shows; an error when it contradicts an earlier cell.
    pub fn note(
        &mut self,
        reading: DateReading,
        row: usize,
        column: usize,
        text: &str,
    ) -> Result<(), String> {
        let DateReading::Numeric {
            first,
            second,
            dots,
            ..
        } = reading
        else {
            return Ok(());
        };
        let here = || (row, column, text.to_owned());
        if first > 12 {
            if let Some((r, c, t)) = &self.month_first {
                return Err(format!(
                    "{text:?} is day/month/year, but {t:?} at {r}:{c} is month/day/year; write dates as YYYY-MM-DD"
                ));
            }
            self.day_first.get_or_insert_with(here);
        } else if second > 12 {
            if let Some((r, c, t)) = &self.day_first {
                return Err(format!(
                    "{text:?} is month/day/year, but {t:?} at {r}:{c} is day/month/year; write dates as YYYY-MM-DD"
                ));
            }
            self.month_first.get_or_insert_with(here);
        } else if dots {
            self.dots = true;
        } else {
            self.slashes.get_or_insert_with(here);
        }
        Ok(())
    }

    /// Adds what a later piece of the file showed; an error when the pieces disagree.
    pub fn merge(&mut self, later: &Self) -> Result<(), String> {
        for (r, c, text) in later.day_first.iter() {
            if let Some((mr, mc, mt)) = &self.month_first {
                return Err(format!(
                    "{text:?} at {r}:{c} is day/month/year, but {mt:?} at {mr}:{mc} is month/day/year; write dates as YYYY-MM-DD"
                ));
            }
            self.day_first.get_or_insert_with(|| (*r, *c, text.clone()));
        }
        for (r, c, text) in later.month_first.iter() {
            if let Some((dr, dc, dt)) = &self.day_first {
                return Err(format!(
                    "{text:?} at {r}:{c} is month/day/year, but {dt:?} at {dr}:{dc} is day/month/year; write dates as YYYY-MM-DD"
                ));
            }
            self.month_first
                .get_or_insert_with(|| (*r, *c, text.clone()));
        }
        if self.slashes.is_none() {
            self.slashes.clone_from(&later.slashes);
        }
        self.dots |= later.dots;
        Ok(())
    }

    /// The file's order; an error when slashed dates never say which number is the day.
    pub fn resolve(&self) -> Result<DateOrder, String> {
        if self.day_first.is_some() {
            return Ok(DateOrder::DayFirst);
        }
        if self.month_first.is_some() {
            return Ok(DateOrder::MonthFirst);
        }
        if let Some((row, column, text)) = &self.slashes {
            return Err(format!(
                "{text:?} at {row}:{column} could be day/month/year or month/day/year, and no date in the file tells; give --dates dmy or --dates mdy, or write dates as YYYY-MM-DD"
            ));
        }
        Ok(DateOrder::DayFirst)
    }

    /// The order the first pass assumes for an ambiguous cell: day first for dots, month first
    /// for slashes. (An order given on the command line is not learned at all.)
    pub fn guess(&self, dots: bool) -> DateOrder {
        if dots {
            DateOrder::DayFirst
        } else {
            DateOrder::MonthFirst
        }
    }

    /// Whether the first pass's guesses agree with `order`.
    pub fn guess_holds(&self, order: DateOrder) -> bool {
        (!self.dots || self.guess(true) == order)
            && (self.slashes.is_none() || self.guess(false) == order)
    }
}

/// The last day of the month or year that `date` (given to `precision`) stands for.
pub fn last_day(date: Date, precision: Precision) -> Date {
    let next_start = match precision {
        Precision::Day => return date,
        Precision::Month if date.month() == 12 => Date::from_ymd(date.year() + 1, 1, 1),
        Precision::Month => Date::from_ymd(date.year(), date.month() + 1, 1),
        Precision::Year => Date::from_ymd(date.year() + 1, 1, 1),
        Precision::Quarter => {
            let month = date.month() + 3;
            if month > 12 {
                Date::from_ymd(date.year() + 1, month - 12, 1)
            } else {
                Date::from_ymd(date.year(), month, 1)
            }
        }
        Precision::FiscalYear => Date::from_ymd(date.year() + 1, 10, 1),
    };
    next_start
        .and_then(|next| Date::from_x(next.to_x() - 1.0))
        .unwrap_or(date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn known(text: &str) -> (Date, Precision) {
        match scan(text).unwrap() {
            DateReading::Known(d, p) => (d, p),
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn every_unambiguous_form() {
        use Precision::{Day, Month, Year};
        assert_eq!(known("2007-10-15"), (date("2007-10-15"), Day));
        assert_eq!(known(" 2007-10-15 "), (date("2007-10-15"), Day));
        assert_eq!(known("2007-10"), (date("2007-10-01"), Month));
        assert_eq!(known("2007/10"), (date("2007-10-01"), Month));
        assert_eq!(known("2007"), (date("2007-01-01"), Year));
        assert_eq!(known("2007/10/15"), (date("2007-10-15"), Day));
        assert_eq!(known("2007-9-1"), (date("2007-09-01"), Day));
        assert_eq!(known("2007.10.15"), (date("2007-10-15"), Day));
        assert_eq!(known("2007-10-15T00:00:00"), (date("2007-10-15"), Day));
        assert_eq!(known("2007-10-15 13:45:00"), (date("2007-10-15"), Day));
        assert_eq!(known("2007-10-15T00:00:00Z"), (date("2007-10-15"), Day));
        assert_eq!(known("Oct 2007"), (date("2007-10-01"), Month));
        assert_eq!(known("October 2007"), (date("2007-10-01"), Month));
        assert_eq!(known("Sept. 2007"), (date("2007-09-01"), Month));
        assert_eq!(known("Oct-2007"), (date("2007-10-01"), Month));
        assert_eq!(known("15 Oct 2007"), (date("2007-10-15"), Day));
        assert_eq!(known("October 15, 2007"), (date("2007-10-15"), Day));
    }

    #[test]
    fn wrong_dates_say_why() {
        assert!(scan("2007-13-01").unwrap_err().contains("month 13"));
        assert!(scan("2007-02-30").unwrap_err().contains("no day 30"));
        assert!(scan("31/31/2007").unwrap_err().contains("neither"));
        for bad in [
            "",
            "soon",
            "07",
            "2007.10",
            "10/2007x",
            "1/2/3/2007",
            "Oct",
            "May 15",
            "20071015",
            "2007-10-15-1",
        ] {
            assert!(scan(bad).is_err(), "{bad:?}");
        }
        assert!(scan("soon").unwrap_err().contains("YYYY-MM-DD"));
    }

    #[test]
    fn day_and_month_order_comes_from_the_file() {
        let numeric = |t: &str| scan(t).unwrap();
        assert_eq!(
            numeric("15.10.2007"),
            DateReading::Numeric {
                first: 15,
                second: 10,
                year: 2007,
                dots: true
            }
        );
        let mut evidence = OrderEvidence::default();
        evidence
            .note(numeric("03/04/2007"), 2, 1, "03/04/2007")
            .unwrap();
        assert!(evidence.resolve().unwrap_err().contains("--dates"));
        evidence
            .note(numeric("13/04/2007"), 3, 1, "13/04/2007")
            .unwrap();
        assert_eq!(evidence.resolve(), Ok(DateOrder::DayFirst));
        assert!(!evidence.guess_holds(DateOrder::DayFirst));
        let error = evidence
            .note(numeric("04/13/2007"), 4, 1, "04/13/2007")
            .unwrap_err();
        assert!(error.contains("\"13/04/2007\" at 3:1"), "{error}");

        let mut dots = OrderEvidence::default();
        dots.note(numeric("03.04.2007"), 2, 1, "03.04.2007")
            .unwrap();
        assert_eq!(dots.resolve(), Ok(DateOrder::DayFirst));
        assert!(dots.guess_holds(DateOrder::DayFirst));

        let mut us = OrderEvidence::default();
        us.note(numeric("10/15/2007"), 2, 1, "").unwrap();
        us.note(numeric("10/01/2007"), 3, 1, "").unwrap();
        assert_eq!(us.resolve(), Ok(DateOrder::MonthFirst));
        assert!(us.guess_holds(DateOrder::MonthFirst));

        assert_eq!(OrderEvidence::default().resolve(), Ok(DateOrder::DayFirst));

        assert_eq!(
            in_order(numeric("03/04/2007"), DateOrder::MonthFirst, "03/04/2007"),
            Ok((date("2007-03-04"), Precision::Day))
        );
        assert_eq!(
            in_order(numeric("03/04/2007"), DateOrder::DayFirst, "03/04/2007"),
            Ok((date("2007-04-03"), Precision::Day))
        );
        assert!(in_order(numeric("13/04/2007"), DateOrder::MonthFirst, "13/04/2007").is_err());
    }

    #[test]
    fn last_days_of_months_and_years() {
        assert_eq!(
            last_day(date("2007-02-01"), Precision::Month),
            date("2007-02-28")
        );
        assert_eq!(
            last_day(date("2008-02-01"), Precision::Month),
            date("2008-02-29")
        );
        assert_eq!(
            last_day(date("2007-12-01"), Precision::Month),
            date("2007-12-31")
        );
        assert_eq!(
            last_day(date("2007-01-01"), Precision::Year),
            date("2007-12-31")
        );
        assert_eq!(
            last_day(date("2007-05-09"), Precision::Day),
            date("2007-05-09")
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

        /// Every day written in each form reads back as that day.
        #[test]
        fn every_form_reads_back(days in 0i64..2_900_000) {
            let d = Date::from_x(Date::from_ymd(1000, 1, 1).unwrap().to_x() + days as f64).unwrap();
            let (y, m, dd) = (d.year(), d.month(), d.day());
            prop_assert_eq!(known(&d.to_string()), (d, Precision::Day));
            prop_assert_eq!(known(&format!("{y}/{m}/{dd}")), (d, Precision::Day));
            prop_assert_eq!(known(&d.long()), (d, Precision::Day));
            let dots = scan(&format!("{dd:02}.{m:02}.{y}")).unwrap();
            prop_assert_eq!(in_order(dots, DateOrder::DayFirst, ""), Ok((d, Precision::Day)));
            let us = scan(&format!("{m}/{dd}/{y}")).unwrap();
            prop_assert_eq!(in_order(us, DateOrder::MonthFirst, ""), Ok((d, Precision::Day)));
            prop_assert_eq!(known(&format!("{y}-{m:02}")).0, Date::from_ymd(y, m, 1).unwrap());
        }

        /// No text makes the date reader panic.
        #[test]
        fn any_text_is_scanned_without_panic(text in "\\PC{0,24}") {
            let _ = scan(&text);
        }
    }
}
