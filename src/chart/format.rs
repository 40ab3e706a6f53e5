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

/// `"20 Mar – 31 Dec 2003"`, or `"2007"` for a whole calendar year.
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
