//! How long casualty periods are, in the calendar's own units, and whether a series' periods
//! can be compared as raw counts.
//!
//! Lengths count calendar months and years exactly: February and 2004 are each one unit long
//! although they have 29 and 366 days, so monthly or yearly counts compare as they are. A period
//! that covers part of a month or year counts that part by its share of the month's or year's
//! days (20 March to 31 December 2003 is 287/365 of a year).

use chrono::{Datelike, NaiveDate};

use super::Date;
use super::model::{Casualties, Period};

/// A unit of time for rates ("per month") and period lengths.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TimeUnit {
    /// One day.
    Day,
    /// Seven days.
    Week,
    /// One calendar month.
    Month,
    /// One calendar year.
    Year,
}

/// Periods whose lengths differ by less than this share still count as equal: a 365-day
/// fiscal year beside a leap year, quarters of 90 to 92 days.
const EQUAL_WITHIN: f64 = 0.02;

impl TimeUnit {
    /// The unit's name, for "per month" and "3 months".
    pub fn name(self) -> &'static str {
        match self {
            Self::Day => "day",
            Self::Week => "week",
            Self::Month => "month",
            Self::Year => "year",
        }
    }

    /// The unit that suits periods of about `days` days: rates of yearly counts are given per
    /// year, of monthly counts per month, and so on.
    pub fn for_days(days: f64) -> Self {
        if days >= 300.0 {
            Self::Year
        } else if days >= 25.0 {
            Self::Month
        } else if days >= 6.0 {
            Self::Week
        } else {
            Self::Day
        }
    }

    /// Where `date` (its start) lies on a scale that counts this unit: whole calendar units
    /// are exactly 1 apart.
    fn position(self, date: NaiveDate) -> f64 {
        match self {
            Self::Day => f64::from(date.num_days_from_ce()),
            Self::Week => f64::from(date.num_days_from_ce()) / 7.0,
            Self::Month => {
                let month_days = f64::from(days_in_month(date.year(), date.month()));
                f64::from(date.year()) * 12.0
                    + f64::from(date.month0())
                    + f64::from(date.day0()) / month_days
            }
            Self::Year => {
                let year_days = if date.leap_year() { 366.0 } else { 365.0 };
                f64::from(date.year()) + f64::from(date.ordinal0()) / year_days
            }
        }
    }

    /// The length of the single day `date` in this unit.
    fn position_step(self, date: Date) -> f64 {
        let naive = date.naive();
        match self {
            Self::Day => 1.0,
            Self::Week => 1.0 / 7.0,
            Self::Month => 1.0 / f64::from(days_in_month(naive.year(), naive.month())),
            Self::Year => 1.0 / if naive.leap_year() { 366.0 } else { 365.0 },
        }
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let (next_year, next_month) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    match (
        NaiveDate::from_ymd_opt(year, month, 1),
        NaiveDate::from_ymd_opt(next_year, next_month, 1),
    ) {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // 28 to 31
        (Some(first), Some(next)) => (next - first).num_days() as u32,
        _ => 30,
    }
}

impl Period {
    /// Days covered, both ends inclusive (at least 1 for a valid period).
    pub fn days(&self) -> i64 {
        (self.to.naive() - self.from.naive()).num_days() + 1
    }

    /// Length in `unit`, counting calendar months and years exactly (see the module comment).
    pub fn length_in(&self, unit: TimeUnit) -> f64 {
        let start = unit.position(self.from.naive());
        let end = match self.to.succ() {
            Some(next) => unit.position(next.naive()),
            // The last representable day: its own length.
            None => unit.position(self.to.naive()) + unit.position_step(self.to),
        };
        end - start
    }
}

impl Casualties {
    /// The unit rates of this series are given in, from its typical (median) period length.
    pub fn rate_unit(&self) -> TimeUnit {
        let mut days: Vec<i64> = self.periods.iter().map(Period::days).collect();
        if days.is_empty() {
            return TimeUnit::Year;
        }
        let middle = days.len() / 2;
        let (_, median, _) = days.select_nth_unstable(middle);
        #[allow(clippy::cast_precision_loss)] // day counts are far below 2^52
        TimeUnit::for_days(*median as f64)
    }

    /// Whether the periods that have a figure differ in length, so that their raw counts do not
    /// compare (calendar months, or calendar years, count as equal).
    pub fn unequal_periods(&self) -> bool {
        let unit = self.rate_unit();
        let (shortest, longest) = self
            .periods
            .iter()
            .filter(|period| period.count.is_some())
            .map(|period| period.length_in(unit))
            .fold((f64::INFINITY, 0.0_f64), |(low, high), length| {
                (low.min(length), high.max(length))
            });
        longest > shortest * (1.0 + EQUAL_WITHIN)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn period(from: &str, to: &str) -> Period {
        Period {
            from: Date::parse(from).unwrap(),
            to: Date::parse(to).unwrap(),
            count: Some(1),
            low: None,
            high: None,
            source: None,
            note: None,
            estimates: Vec::new(),
        }
    }

    fn series(periods: Vec<Period>) -> Casualties {
        Casualties {
            id: "c".into(),
            label: "C".into(),
            source: None,
            description: None,
            unit: None,
            periods,
        }
    }

    #[test]
    fn calendar_units_have_length_one_whatever_their_days() {
        assert_eq!(
            period("2004-01-01", "2004-12-31").length_in(TimeUnit::Year),
            1.0
        );
        assert_eq!(
            period("2005-01-01", "2005-12-31").length_in(TimeUnit::Year),
            1.0
        );
        assert_eq!(
            period("2004-02-01", "2004-02-29").length_in(TimeUnit::Month),
            1.0
        );
        assert_eq!(
            period("2005-02-01", "2005-02-28").length_in(TimeUnit::Month),
            1.0
        );
        assert_eq!(
            period("2005-01-01", "2005-03-31").length_in(TimeUnit::Month),
            3.0
        );
        assert_eq!(
            period("2005-01-03", "2005-01-09").length_in(TimeUnit::Week),
            1.0
        );
        assert_eq!(
            period("2005-01-03", "2005-01-03").length_in(TimeUnit::Day),
            1.0
        );
        assert_eq!(period("2005-01-03", "2005-01-03").days(), 1);
        assert_eq!(period("2004-01-01", "2004-12-31").days(), 366);
    }

    #[test]
    fn partial_units_count_their_share_of_days() {
        let invasion_year = period("2003-03-20", "2003-12-31");
        assert_eq!(invasion_year.days(), 287);
        assert!((invasion_year.length_in(TimeUnit::Year) - 287.0 / 365.0).abs() < 1e-12);
        // Half of January and all of February.
        let length = period("2005-01-17", "2005-02-28").length_in(TimeUnit::Month);
        assert!((length - (1.0 + 15.0 / 31.0)).abs() < 1e-12, "{length}");
        // Across a year end: 10 days of 2004 (leap) and 5 of 2005.
        let length = period("2004-12-22", "2005-01-05").length_in(TimeUnit::Year);
        assert!(
            (length - (10.0 / 366.0 + 5.0 / 365.0)).abs() < 1e-12,
            "{length}"
        );
        let max = NaiveDate::MAX;
        let last = Period {
            to: Date::from_ymd(max.year(), max.month(), max.day()).unwrap(),
            ..period("2005-01-01", "2005-01-01")
        };
        assert!(last.length_in(TimeUnit::Year).is_finite());
        assert!(last.length_in(TimeUnit::Day) > 1.0e7);
    }

    #[test]
    fn the_rate_unit_follows_the_typical_period() {
        assert_eq!(TimeUnit::for_days(366.0), TimeUnit::Year);
        assert_eq!(TimeUnit::for_days(300.0), TimeUnit::Year);
        assert_eq!(TimeUnit::for_days(299.0), TimeUnit::Month);
        assert_eq!(TimeUnit::for_days(25.0), TimeUnit::Month);
        assert_eq!(TimeUnit::for_days(24.0), TimeUnit::Week);
        assert_eq!(TimeUnit::for_days(6.0), TimeUnit::Week);
        assert_eq!(TimeUnit::for_days(5.0), TimeUnit::Day);
        let yearly = series(vec![
            period("2003-03-20", "2003-12-31"),
            period("2004-01-01", "2004-12-31"),
            period("2005-01-01", "2005-12-31"),
        ]);
        assert_eq!(yearly.rate_unit(), TimeUnit::Year);
        let monthly = series(vec![
            period("2005-01-01", "2005-01-31"),
            period("2005-02-01", "2005-02-28"),
            period("2005-03-01", "2006-12-31"),
        ]);
        assert_eq!(monthly.rate_unit(), TimeUnit::Month);
        assert_eq!(series(Vec::new()).rate_unit(), TimeUnit::Year);
    }

    #[test]
    fn calendar_months_and_years_are_equal_other_lengths_are_not() {
        let months = series(vec![
            period("2005-01-01", "2005-01-31"),
            period("2005-02-01", "2005-02-28"),
            period("2005-03-01", "2005-03-31"),
        ]);
        assert!(!months.unequal_periods());
        let years = series(vec![
            period("2004-01-01", "2004-12-31"),
            period("2005-01-01", "2005-12-31"),
        ]);
        assert!(!years.unequal_periods());
        let fiscal = series(vec![
            period("2004-10-01", "2005-09-30"),
            period("2005-10-01", "2006-09-30"),
        ]);
        assert!(!fiscal.unequal_periods());
        let korea = series(vec![
            period("1950-06-25", "1951-12-31"),
            period("1952-01-01", "1952-12-31"),
        ]);
        assert!(korea.unequal_periods());
        let partial_first = series(vec![
            period("2003-03-20", "2003-12-31"),
            period("2004-01-01", "2004-12-31"),
        ]);
        assert!(partial_first.unequal_periods());
        // Inside and outside the tolerance: 3 months against 3 months and 1 or 3 days.
        let close = series(vec![
            period("2005-01-01", "2005-03-31"),
            period("2005-04-01", "2005-07-01"),
        ]);
        assert!(!close.unequal_periods());
        let apart = series(vec![
            period("2005-01-01", "2005-03-31"),
            period("2005-04-01", "2005-07-03"),
        ]);
        assert!(apart.unequal_periods());
        let weeks = series(vec![
            period("2005-01-01", "2005-01-20"),
            period("2005-01-21", "2005-02-10"),
        ]);
        assert_eq!(weeks.rate_unit(), TimeUnit::Week);
        assert!(weeks.unequal_periods());
    }

    #[test]
    fn unknown_periods_do_not_make_a_series_unequal() {
        let mut with_unknown = series(vec![
            period("2004-01-01", "2004-12-31"),
            period("2005-01-01", "2006-06-30"),
            period("2007-01-01", "2007-12-31"),
        ]);
        with_unknown.periods[1].count = None;
        assert!(!with_unknown.unequal_periods());
        with_unknown.periods[1].count = Some(0);
        assert!(with_unknown.unequal_periods());
        assert!(!series(Vec::new()).unequal_periods());
    }
}
