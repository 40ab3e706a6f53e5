//! Number and date wording shared by axes, tooltips, tables and the CLI.

use crate::dataset::Date;
pub use crate::dataset::thousands;

/// Axis label for a y value: thousands separators, no decimals for whole numbers.
pub fn axis_number(value: f64) -> String {
    if !value.is_finite() {
        return String::new();
    }
    let rounded = value.round();
    if (value - rounded).abs() < 1e-6 {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // finite, checked sign
        let magnitude = thousands(rounded.abs() as u64);
        if rounded < 0.0 {
            format!("−{magnitude}")
        } else {
            magnitude
        }
    } else {
        format!("{value:.1}")
    }
}

/// A rate or other fractional quantity for tooltips: `"6,869"`, `"24.5"`, `"0.83"`: whole
/// numbers from 100 up, then one decimal, then two below 10.
pub fn rate(value: f64) -> String {
    if !value.is_finite() {
        return String::new();
    }
    if value.abs() >= 100.0 {
        axis_number(value.round())
    } else if value.abs() >= 10.0 {
        format!("{value:.1}")
    } else {
        format!("{value:.2}")
    }
}

/// `"1 day"`, `"287 days"`.
pub fn days(count: i64) -> String {
    if count == 1 {
        "1 day".to_owned()
    } else {
        format!("{} days", thousands(count.unsigned_abs()))
    }
}

/// `"20 Mar – 31 Dec 2003"`, `"3–31 Aug 2010"`, or `"2007"` for a whole calendar year.
pub fn period(from: Date, to: Date) -> String {
    let whole_year = from.year() == to.year()
        && (from.month(), from.day()) == (1, 1)
        && (to.month(), to.day()) == (12, 31);
    if whole_year {
        return from.year().to_string();
    }
    if from == to {
        return from.long();
    }
    if (from.year(), from.month()) == (to.year(), to.month()) {
        return format!("{}–{}", from.day(), to.long());
    }
    let start = if from.year() == to.year() {
        from.naive().format("%-d %b").to_string()
    } else {
        from.long()
    };
    format!("{start} – {}", to.long())
}

/// `"165,607–172,000"` when sources give a low or high figure (a missing end is the value
/// itself); `None` when they agree.
pub fn source_range(value: u32, low: Option<u32>, high: Option<u32>) -> Option<String> {
    if low.is_none() && high.is_none() {
        return None;
    }
    let end = |v: Option<u32>| thousands(u64::from(v.unwrap_or(value)));
    Some(format!("{}–{}", end(low), end(high)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn numbers_get_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(170_000), "170,000");
        assert_eq!(thousands(4_294_967_295), "4,294,967,295");
        assert_eq!(axis_number(165_607.0), "165,607");
        assert_eq!(axis_number(-2000.0), "−2,000");
    }

    #[test]
    fn periods_read_like_prose() {
        assert_eq!(period(date("2007-01-01"), date("2007-12-31")), "2007");
        assert_eq!(
            period(date("2003-03-20"), date("2003-12-31")),
            "20 Mar – 31 Dec 2003"
        );
        assert_eq!(
            period(date("2009-12-01"), date("2010-08-02")),
            "1 Dec 2009 – 2 Aug 2010"
        );
        assert_eq!(period(date("2010-08-02"), date("2010-08-02")), "2 Aug 2010");
        assert_eq!(
            period(date("2010-08-03"), date("2010-08-31")),
            "3–31 Aug 2010"
        );
        assert_eq!(
            period(date("2010-07-03"), date("2010-08-31")),
            "3 Jul – 31 Aug 2010"
        );
        assert_eq!(
            period(date("2009-08-03"), date("2010-08-31")),
            "3 Aug 2009 – 31 Aug 2010"
        );
    }

    #[test]
    fn rates_keep_a_sensible_precision() {
        assert_eq!(rate(6868.7), "6,869");
        assert_eq!(rate(100.0), "100");
        assert_eq!(rate(99.96), "100.0");
        assert_eq!(rate(24.46), "24.5");
        assert_eq!(rate(10.0), "10.0");
        assert_eq!(rate(9.999), "10.00");
        assert_eq!(rate(0.834), "0.83");
        assert_eq!(rate(0.0), "0.00");
        assert_eq!(rate(f64::NAN), "");
        assert_eq!(rate(f64::INFINITY), "");
        assert_eq!(days(1), "1 day");
        assert_eq!(days(287), "287 days");
        assert_eq!(days(1461), "1,461 days");
    }

    #[test]
    fn ranges_show_only_when_given() {
        assert_eq!(source_range(170_000, None, None), None);
        assert_eq!(
            source_range(170_000, Some(165_607), Some(172_000)).as_deref(),
            Some("165,607–172,000")
        );
        assert_eq!(
            source_range(146_000, None, Some(150_000)).as_deref(),
            Some("146,000–150,000")
        );
    }
}
