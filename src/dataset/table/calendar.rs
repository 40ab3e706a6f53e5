//! Dates that stand for a month, quarter or fiscal year, as spreadsheets show them.
//!
//! Rules:
//! - `Jan-09`, `Jan-2009`: a month. Excel shows a typed "Jan 2009" as `Jan-09`; a two-digit
//!   year is read as Excel reads it: `00`–`29` are 2000–2029, `30`–`99` 1930–1999. Only with
//!   the hyphen Excel writes: `May 15` is more likely a day than May 2015.
//! - `1/2009`, `01/2009`, `1.2009`: a month (month, then a four-digit year).
//! - `2009Q1`, `2009-Q1`, `2009 Q1`, `Q1 2009`, `Q1-2009`, `Q1/2009`: a quarter, dated on its
//!   first day (1 January, 1 April, 1 July, 1 October).
//! - `FY2009`, `FY 2009`, `FY09`, `FY-2009`: a US federal fiscal year, which runs from 1 October
//!   of the year before to 30 September (FY2009: 1 Oct 2008 – 30 Sep 2009). Casualty counts cover
//!   that whole period; a troop level is dated on its last day, 30 September, because the
//!   Department of Defense reports strength as of the end of each fiscal year.

use super::dates::{MONTHS, Precision};
use crate::dataset::Date;

fn number(text: &str, max_digits: usize) -> Option<u32> {
    (!text.is_empty() && text.len() <= max_digits && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// A four-digit year, or a two-digit one read as Excel reads it.
fn year(text: &str, two_digits: bool) -> Option<i32> {
    let n = i32::try_from(number(text, 4)?).ok()?;
    match text.len() {
        4 => Some(n),
        2 if two_digits => Some(if n < 30 { 2000 + n } else { 1900 + n }),
        _ => None,
    }
}

fn quarter(text: &str) -> Option<u32> {
    let digit = text.strip_prefix(['Q', 'q'])?;
    number(digit, 1).filter(|q| (1..=4).contains(q))
}

fn month_of(name: &str) -> Option<u32> {
    const SHORT: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = name.trim_end_matches('.').to_ascii_lowercase();
    if lower.len() < 3 {
        return None;
    }
    let index = SHORT.iter().position(|m| lower.starts_with(m))?;
    // `Sept`, `June`, `January` but not `Marching`.
    let full = MONTHS[index];
    (full.starts_with(&lower) || lower == "sept").then(|| u32::try_from(index + 1).ok())?
}

/// The date a form above stands for, or `None` when `text` is none of them.
pub fn scan(text: &str) -> Option<(Date, Precision)> {
    let text = text.trim();
    let upper = text.to_ascii_uppercase();
    if let Some(rest) = upper.strip_prefix("FY") {
        let rest = rest.trim_start_matches([' ', '-']);
        let fiscal = year(rest, true)?;
        return Date::from_ymd(fiscal - 1, 10, 1).map(|d| (d, Precision::FiscalYear));
    }
    let mut parts: Vec<&str> = text
        .split([' ', '-', '/', '.'])
        .filter(|p| !p.is_empty())
        .collect();
    // `2009Q1`
    if let [one] = parts.as_slice() {
        let one: &str = one;
        parts = match (one.get(..4), one.get(4..)) {
            (Some(y), Some(q)) if q.len() == 2 && q.starts_with(['Q', 'q']) => vec![y, q],
            _ => return None,
        };
    }
    let (y, m, precision) = match parts.as_slice() {
        [a, b] => {
            if let (Some(q), Some(y)) = (quarter(a), year(b, false)) {
                (y, q * 3 - 2, Precision::Quarter)
            } else if let (Some(y), Some(q)) = (year(a, false), quarter(b)) {
                (y, q * 3 - 2, Precision::Quarter)
            } else if let (Some(m), Some(y)) = (month_of(a), year(b, text.contains('-'))) {
                (y, m, Precision::Month)
            } else if let (Some(m), Some(y)) = (
                number(a, 2).filter(|m| (1..=12).contains(m)),
                year(b, false),
            ) {
                (y, m, Precision::Month)
            } else {
                return None;
            }
        }
        _ => return None,
    };
    Date::from_ymd(y, m, 1).map(|d| (d, precision))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> (String, Precision) {
        let (date, precision) = scan(text).unwrap_or_else(|| panic!("{text:?}"));
        (date.to_string(), precision)
    }

    #[test]
    fn months_quarters_and_fiscal_years() {
        use Precision::{FiscalYear, Month, Quarter};
        assert_eq!(at("Jan-09"), ("2009-01-01".into(), Month));
        assert_eq!(at("Sep-29"), ("2029-09-01".into(), Month));
        assert_eq!(at("Dec-65"), ("1965-12-01".into(), Month));
        assert_eq!(at("1/2009"), ("2009-01-01".into(), Month));
        assert_eq!(at("12/2009"), ("2009-12-01".into(), Month));
        assert_eq!(at("2009Q1"), ("2009-01-01".into(), Quarter));
        assert_eq!(at("2009-Q3"), ("2009-07-01".into(), Quarter));
        assert_eq!(at("Q4 2009"), ("2009-10-01".into(), Quarter));
        assert_eq!(at("q2/2009"), ("2009-04-01".into(), Quarter));
        assert_eq!(at("FY2009"), ("2008-10-01".into(), FiscalYear));
        assert_eq!(at("FY 2009"), ("2008-10-01".into(), FiscalYear));
        assert_eq!(at("FY09"), ("2008-10-01".into(), FiscalYear));
        for text in [
            "Germany",
            "Q5 2009",
            "13/2009",
            "2009",
            "FY",
            "Jan",
            "Marching 09",
            "1/09",
            "May 15",
        ] {
            assert_eq!(scan(text), None, "{text:?}");
        }
    }
}
