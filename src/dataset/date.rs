//! Calendar dates as written in dataset files (`"YYYY-MM-DD"`).

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

/// A calendar day. Dataset files spell it `"YYYY-MM-DD"`; the chart uses [`Date::to_x`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(NaiveDate);

/// The day the chart's x axis counts from. Any fixed day works; the Unix epoch keeps numbers small.
const EPOCH: NaiveDate = NaiveDate::from_ymd_opt(1970, 1, 1).expect("1970-01-01 is a valid date");

impl Date {
    /// The date for `year-month-day`, if that day exists.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, month, day).map(Self)
    }

    /// Parses the strict `YYYY-MM-DD` form; the error says what is wrong in words.
    pub fn parse(text: &str) -> Result<Self, String> {
        let bytes = text.as_bytes();
        let shape_ok = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        if !shape_ok {
            return Err(format!("expected a date as \"YYYY-MM-DD\", found {text:?}"));
        }
        let number = |range: std::ops::Range<usize>| text[range].parse::<u32>().unwrap_or(0);
        let (year, month, day) = (number(0..4), number(5..7), number(8..10));
        if !(1..=12).contains(&month) {
            return Err(format!("{text:?} is not a date: month {month} is not 1–12"));
        }
        #[allow(clippy::cast_possible_wrap)] // four ASCII digits always fit in i32
        Self::from_ymd(year as i32, month, day).ok_or_else(|| {
            format!("{text:?} is not a date: month {month} of {year} has no day {day}")
        })
    }

    /// The wrapped chrono date.
    pub fn naive(self) -> NaiveDate {
        self.0
    }

    /// Days since 1970-01-01: the chart's x coordinate for this date.
    pub fn to_x(self) -> f64 {
        (self.0 - EPOCH).num_days() as f64
    }

    /// The date whose day contains chart coordinate `x` (`None` far outside chrono's range).
    pub fn from_x(x: f64) -> Option<Self> {
        if !x.is_finite() || x.abs() > 1.0e8 {
            return None;
        }
        #[allow(clippy::cast_possible_truncation)] // bounded just above
        let days = x.floor() as i64;
        EPOCH
            .checked_add_signed(chrono::TimeDelta::try_days(days)?)
            .map(Self)
    }

    /// Calendar year.
    pub fn year(self) -> i32 {
        self.0.year()
    }

    /// Month, 1–12.
    pub fn month(self) -> u32 {
        self.0.month()
    }

    /// Day of the month, 1–31.
    pub fn day(self) -> u32 {
        self.0.day()
    }

    /// The next calendar day.
    pub fn succ(self) -> Option<Self> {
        self.0.succ_opt().map(Self)
    }

    /// "15 Oct 2007": how dates read in tooltips and tables.
    pub fn long(self) -> String {
        self.0.format("%-d %b %Y").to_string()
    }
}

/// How much of a date a source gave: a figure "for October 2007" is placed on a day (say the
/// 15th) so it can be drawn, but every label says "Oct 2007", never a day the source did not give.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize, Serialize)]
pub enum Precision {
    /// A day: "15 Oct 2007".
    #[default]
    Day,
    /// A month: "Oct 2007".
    Month,
    /// A year: "2007".
    Year,
}

impl Precision {
    /// The default, left out when a dataset is written.
    pub fn is_day(&self) -> bool {
        *self == Self::Day
    }
}

impl Date {
    /// The date as a label, to `precision`: "15 Oct 2007", "Oct 2007" or "2007".
    pub fn label(self, precision: Precision) -> String {
        match precision {
            Precision::Day => self.long(),
            Precision::Month => self.0.format("%b %Y").to_string(),
            Precision::Year => self.year().to_string(),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl de::Visitor<'_> for Visitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date string \"YYYY-MM-DD\"")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Date, E> {
                Date::parse(text).map_err(E::custom)
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_strict_iso_dates_and_explains_bad_ones() {
        let date = Date::parse("2007-10-15").unwrap();
        assert_eq!((date.year(), date.month(), date.day()), (2007, 10, 15));
        assert_eq!(date.to_string(), "2007-10-15");
        assert_eq!(date.long(), "15 Oct 2007");
        assert_eq!(date.label(Precision::Day), "15 Oct 2007");
        assert_eq!(date.label(Precision::Month), "Oct 2007");
        assert_eq!(date.label(Precision::Year), "2007");
        assert!(Date::parse("2007-13-01").unwrap_err().contains("month 13"));
        assert!(Date::parse("2007-02-30").unwrap_err().contains("no day 30"));
        assert!(Date::parse("2007-1-5").unwrap_err().contains("YYYY-MM-DD"));
        assert!(Date::parse("262143-01-01").is_err());
    }

    #[test]
    fn chart_coordinates_round_trip() {
        let date = Date::parse("2003-03-20").unwrap();
        assert_eq!(Date::from_x(date.to_x()), Some(date));
        assert_eq!(Date::from_x(date.to_x() + 0.9), Some(date));
        assert_eq!(Date::from_x(f64::NAN), None);
        assert_eq!(Date::parse("1970-01-02").unwrap().to_x(), 1.0);
    }
}
