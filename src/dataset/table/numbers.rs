//! Numbers as people type them in spreadsheets: `170000`, `170,000`, `170.000`, `170 000`,
//! `1,234.5`, `1.234,5`, `1'234`.
//!
//! Most cells say by themselves which mark groups thousands and which is the decimal mark
//! (`1,234,567`, `1,5`, `1.234,5`). Only a single mark followed by exactly three digits
//! (`170,000`) can be read both ways; the other cells of the file decide it (see [`Evidence`]).

use std::fmt;

/// The decimal mark of a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Decimal {
    /// `1234.5`
    Point,
    /// `1234,5`
    Comma,
}

/// How a file groups thousands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Thousands {
    /// Not at all: `170000`.
    None,
    /// `170,000`
    Comma,
    /// `170.000`
    Point,
    /// `170 000`, also with a no-break or thin space.
    Space,
    /// `170'000`
    Apostrophe,
}

/// How every number in a file is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NumberStyle {
    /// The decimal mark.
    pub decimal: Decimal,
    /// The thousands separator.
    pub thousands: Thousands,
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Point => "\".\"",
            Self::Comma => "\",\"",
        })
    }
}

impl fmt::Display for Thousands {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::None => "no separator",
            Self::Comma => "\",\"",
            Self::Point => "\".\"",
            Self::Space => "a space",
            Self::Apostrophe => "\"'\"",
        })
    }
}

/// A mark that may be either the decimal mark or the thousands separator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// `,`
    Comma,
    /// `.`
    Point,
}

impl Mark {
    fn as_decimal(self) -> Decimal {
        match self {
            Self::Comma => Decimal::Comma,
            Self::Point => Decimal::Point,
        }
    }

    fn as_thousands(self) -> Thousands {
        match self {
            Self::Comma => Thousands::Comma,
            Self::Point => Thousands::Point,
        }
    }

    fn other(self) -> Self {
        match self {
            Self::Comma => Self::Point,
            Self::Point => Self::Comma,
        }
    }
}

/// What one cell's text says.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Reading {
    /// The value, the same in every style consistent with the cell.
    Known(f64),
    /// `170,000`: `grouped` if `mark` separates thousands, `decimal` if it is the decimal mark.
    Either {
        /// The mark in question.
        mark: Mark,
        /// The value when it groups thousands.
        grouped: f64,
        /// The value when it is the decimal mark.
        decimal: f64,
    },
}

/// A number read from a cell, with what it tells about the file's style.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scan {
    /// The value (or its two readings).
    pub reading: Reading,
    /// The decimal mark the cell shows, if it shows one unambiguously.
    pub decimal: Option<Decimal>,
    /// The thousands separator the cell shows, if it shows one unambiguously.
    pub thousands: Option<Thousands>,
}

/// Why a cell is not a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberError {
    /// Letters, symbols, or marks in impossible places.
    NotANumber,
    /// Thousands groups that are not three digits (`1,23,456`).
    BadGrouping,
    /// A minus sign: counts are never negative.
    Negative,
    /// More digits than any count has.
    TooLong,
}

impl NumberError {
    /// The message for a cell holding `text`.
    pub fn message(self, text: &str) -> String {
        match self {
            Self::NotANumber => format!("{text:?} is not a number"),
            Self::BadGrouping => format!(
                "{text:?} is not a number: thousands separators must set off groups of three digits"
            ),
            Self::Negative => format!("{text:?} is negative: counts must be 0 or more"),
            Self::TooLong => format!("{text:?} is too large for a count"),
        }
    }
}

/// Kinds of separator between digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sep {
    Comma,
    Point,
    Space,
    Apostrophe,
}

/// At most this many separators in one number (`1,000,000,000,000.5` has five).
const MAX_SEPS: usize = 8;
/// At most this many digits: beyond, `u64` arithmetic could overflow, and no count is that long.
const MAX_DIGITS: usize = 18;

/// Whether `c` is a space people put in numbers: plain, no-break, narrow no-break, thin.
pub fn is_number_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// Reads `text` as a number, telling what it shows about the style.
pub fn scan(text: &str) -> Result<Scan, NumberError> {
    let text = text.trim_matches(|c: char| c.is_whitespace());
    let (negative, body) = match text.strip_prefix(['-', '\u{2212}']) {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    // Digits, and the separators between them with the number of digits before each.
    let mut seps = [(Sep::Comma, 0usize); MAX_SEPS];
    let mut count = 0;
    let mut group = 0usize;
    let mut digits = 0usize;
    let mut value: u64 = 0;
    for c in body.chars() {
        let sep = match c {
            '0'..='9' => {
                digits += 1;
                if digits > MAX_DIGITS {
                    return Err(NumberError::TooLong);
                }
                value = value * 10 + u64::from(c as u8 - b'0');
                group += 1;
                continue;
            }
            ',' => Sep::Comma,
            '.' => Sep::Point,
            '\'' | '\u{2019}' => Sep::Apostrophe,
            c if is_number_space(c) => Sep::Space,
            _ => return Err(NumberError::NotANumber),
        };
        if group == 0 || count == MAX_SEPS {
            return Err(NumberError::NotANumber);
        }
        seps[count] = (sep, group);
        count += 1;
        group = 0;
    }
    if digits == 0 || (count > 0 && group == 0) {
        return Err(NumberError::NotANumber);
    }
    let scan = classify(&seps[..count], group, value)?;
    if negative {
        return Err(NumberError::Negative);
    }
    Ok(scan)
}

/// `10^n` for the few digits a fraction has.
fn power_of_ten(n: usize) -> f64 {
    10f64.powi(i32::try_from(n).unwrap_or(i32::MAX))
}

/// The value of all digits `value`, the last `fraction` of which follow the decimal mark.
#[allow(clippy::cast_precision_loss)] // at most 18 digits: within f64's exact integers for counts
fn with_fraction(value: u64, fraction: usize) -> f64 {
    value as f64 / power_of_ten(fraction)
}

fn classify(seps: &[(Sep, usize)], last_group: usize, value: u64) -> Result<Scan, NumberError> {
    let known = |value: f64, decimal, thousands| Scan {
        reading: Reading::Known(value),
        decimal,
        thousands,
    };
    let Some(&(last, _)) = seps.last() else {
        return Ok(known(with_fraction(value, 0), None, None));
    };
    let has = |kind: Sep| seps.iter().any(|&(s, _)| s == kind);
    let commas = seps.iter().filter(|&&(s, _)| s == Sep::Comma).count();
    let points = seps.iter().filter(|&&(s, _)| s == Sep::Point).count();
    let spacer = match (has(Sep::Space), has(Sep::Apostrophe)) {
        (true, true) => return Err(NumberError::NotANumber),
        (true, false) => Some(Thousands::Space),
        (false, true) => Some(Thousands::Apostrophe),
        (false, false) => None,
    };
    // Groups before the decimal mark (or the end) must be 1–3 digits, then exactly 3.
    let grouped_ok = |groups: &[(Sep, usize)], tail: Option<usize>| {
        let mut sizes = groups.iter().map(|&(_, n)| n).chain(tail);
        sizes.next().is_some_and(|first| (1..=3).contains(&first)) && sizes.all(|n| n == 3)
    };
    let marks = commas + points;
    if marks == 0 {
        // Only spaces or apostrophes: they group thousands.
        if !grouped_ok(seps, Some(last_group)) {
            return Err(NumberError::BadGrouping);
        }
        return Ok(known(with_fraction(value, 0), None, spacer));
    }
    let last_mark = if last == Sep::Comma || last == Sep::Point {
        last
    } else {
        // `1,5 000`: a space after the decimal mark.
        return Err(NumberError::NotANumber);
    };
    let mark = if last_mark == Sep::Comma {
        Mark::Comma
    } else {
        Mark::Point
    };
    let (this, other) = if mark == Mark::Comma {
        (commas, points)
    } else {
        (points, commas)
    };
    if other > 0 {
        // `1,234.5` / `1.234,5`: the last mark is decimal, the other groups thousands.
        if this > 1 || spacer.is_some() {
            return Err(NumberError::NotANumber);
        }
        if !grouped_ok(seps, None) {
            return Err(NumberError::BadGrouping);
        }
        return Ok(known(
            with_fraction(value, last_group),
            Some(mark.as_decimal()),
            Some(mark.other().as_thousands()),
        ));
    }
    if this > 1 {
        // `1,234,567`: a mark used twice groups thousands.
        if spacer.is_some() {
            return Err(NumberError::NotANumber);
        }
        if !grouped_ok(seps, Some(last_group)) {
            return Err(NumberError::BadGrouping);
        }
        return Ok(known(
            with_fraction(value, 0),
            None,
            Some(mark.as_thousands()),
        ));
    }
    // One mark, last. With spaces before it (`1 234,5`) it is the decimal mark.
    if let Some(spacer) = spacer {
        if !grouped_ok(seps, None) {
            return Err(NumberError::BadGrouping);
        }
        return Ok(known(
            with_fraction(value, last_group),
            Some(mark.as_decimal()),
            Some(spacer),
        ));
    }
    let first_group = seps[0].1;
    let leading_zero = first_group == 1 && value < power_of_ten_u64(last_group);
    if last_group != 3 || first_group > 3 || leading_zero {
        // `1,5`, `1234,567`, `0,500`: only a decimal mark fits.
        return Ok(known(
            with_fraction(value, last_group),
            Some(mark.as_decimal()),
            None,
        ));
    }
    Ok(Scan {
        reading: Reading::Either {
            mark,
            grouped: with_fraction(value, 0),
            decimal: with_fraction(value, 3),
        },
        decimal: None,
        thousands: None,
    })
}

fn power_of_ten_u64(n: usize) -> u64 {
    10u64.saturating_pow(u32::try_from(n).unwrap_or(u32::MAX))
}

/// Reads `text` in a known style. The error is the message for the cell.
pub fn parse(text: &str, style: NumberStyle) -> Result<f64, String> {
    let scan = scan(text).map_err(|error| error.message(text))?;
    let mismatch = || {
        format!(
            "{text:?} does not fit the numbers of this file (decimal mark {}, thousands {})",
            style.decimal, style.thousands
        )
    };
    if scan.decimal.is_some_and(|d| d != style.decimal)
        || scan.thousands.is_some_and(|t| t != style.thousands)
    {
        return Err(mismatch());
    }
    match scan.reading {
        Reading::Known(value) => Ok(value),
        Reading::Either {
            mark,
            grouped,
            decimal,
        } => {
            if style.decimal == mark.as_decimal() {
                Ok(decimal)
            } else if style.thousands == mark.as_thousands() {
                Ok(grouped)
            } else {
                Err(mismatch())
            }
        }
    }
}

/// A count of people from a number, times the column's unit (1, or 1000 for "thousands").
pub fn to_count(value: f64, scale: u32, text: &str) -> Result<u32, String> {
    let scaled = value * f64::from(scale);
    let rounded = scaled.round();
    // A unit of thousands makes `165.6` exact; binary fractions leave a tiny error to forgive.
    if (scaled - rounded).abs() > 1e-6 * rounded.abs().max(1.0) {
        return Err(if scale == 1 {
            format!("{text:?} is not a whole number: counts are whole people")
        } else {
            format!("{text:?} times {scale} is not a whole number: counts are whole people")
        });
    }
    if !(0.0..=f64::from(u32::MAX)).contains(&rounded) {
        return Err(if rounded < 0.0 {
            format!("{text:?} is negative: counts must be 0 or more")
        } else {
            format!("{text:?} is too large: counts must be at most {}", u32::MAX)
        });
    }
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // range checked above
    Ok(rounded as u32)
}

/// Where a cell is, for messages about other cells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seen {
    /// Row (line) number, from 1; 0 for a command-line option.
    pub row: usize,
    /// Column number, from 1.
    pub column: usize,
    /// The cell's text, or the option as typed.
    pub text: String,
}

impl fmt::Display for Seen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.row == 0 {
            write!(f, "{}", self.text)
        } else {
            write!(f, "{:?} at {}:{}", self.text, self.row, self.column)
        }
    }
}

/// What the cells of a file have shown so far about its number style.
#[derive(Clone, Debug, Default)]
pub struct Evidence {
    decimal: Option<(Decimal, Seen)>,
    thousands: Option<(Thousands, Seen)>,
    /// First cell read with a comma (0) or point (1) that could be either mark.
    either: [Option<Seen>; 2],
    /// First such cell in a column whose unit makes decimals plausible ("thousands").
    either_scaled: [Option<Seen>; 2],
}

/// Whether a decimal mark and a thousands separator are the same character.
fn same_char(decimal: Decimal, thousands: Thousands) -> bool {
    matches!(
        (decimal, thousands),
        (Decimal::Comma, Thousands::Comma) | (Decimal::Point, Thousands::Point)
    )
}

fn mark_index(mark: Mark) -> usize {
    match mark {
        Mark::Comma => 0,
        Mark::Point => 1,
    }
}

impl Evidence {
    /// Evidence from the command line (`--decimal`, `--thousands`), which cells must agree with.
    pub fn given(decimal: Option<Decimal>, thousands: Option<Thousands>) -> Self {
        let option = |text: String| Seen {
            row: 0,
            column: 0,
            text,
        };
        Self {
            decimal: decimal.map(|d| (d, option(format!("--decimal {d}")))),
            thousands: thousands.map(|t| (t, option(format!("--thousands {t}")))),
            ..Self::default()
        }
    }

    /// Adds what one cell shows; an error when it contradicts an earlier cell or an option.
    pub fn note(
        &mut self,
        scan: &Scan,
        scaled: bool,
        seen: impl Fn() -> Seen,
    ) -> Result<(), String> {
        if let Some(decimal) = scan.decimal {
            if let Some((known, first)) = &self.decimal
                && *known != decimal
            {
                return Err(conflict(&seen(), first, "the decimal mark"));
            }
            if let Some((thousands, first)) = &self.thousands
                && same_char(decimal, *thousands)
            {
                return Err(conflict(
                    &seen(),
                    first,
                    "both the decimal mark and thousands",
                ));
            }
            if self.decimal.is_none() {
                self.decimal = Some((decimal, seen()));
            }
        }
        if let Some(thousands) = scan.thousands {
            if let Some((known, first)) = &self.thousands
                && *known != thousands
            {
                return Err(conflict(&seen(), first, "the thousands separator"));
            }
            if let Some((decimal, first)) = &self.decimal
                && same_char(*decimal, thousands)
            {
                return Err(conflict(
                    &seen(),
                    first,
                    "both the decimal mark and thousands",
                ));
            }
            if self.thousands.is_none() {
                self.thousands = Some((thousands, seen()));
            }
        }
        if let Reading::Either { mark, .. } = scan.reading {
            let slot = &mut self.either[mark_index(mark)];
            if slot.is_none() {
                *slot = Some(seen());
            }
            if scaled {
                let slot = &mut self.either_scaled[mark_index(mark)];
                if slot.is_none() {
                    *slot = Some(seen());
                }
            }
        }
        Ok(())
    }

    /// Adds what a later piece of the file showed; an error when the pieces disagree.
    pub fn merge(&mut self, later: &Self) -> Result<(), String> {
        if let Some((decimal, seen)) = &later.decimal {
            let scan = Scan {
                reading: Reading::Known(0.0),
                decimal: Some(*decimal),
                thousands: None,
            };
            self.note(&scan, false, || seen.clone())?;
        }
        if let Some((thousands, seen)) = &later.thousands {
            let scan = Scan {
                reading: Reading::Known(0.0),
                decimal: None,
                thousands: Some(*thousands),
            };
            self.note(&scan, false, || seen.clone())?;
        }
        for (mine, theirs) in self.either.iter_mut().zip(&later.either) {
            if mine.is_none() {
                mine.clone_from(theirs);
            }
        }
        for (mine, theirs) in self.either_scaled.iter_mut().zip(&later.either_scaled) {
            if mine.is_none() {
                mine.clone_from(theirs);
            }
        }
        Ok(())
    }

    /// The file's style, once every cell has been noted; an error when the cells cannot tell.
    pub fn resolve(&self) -> Result<NumberStyle, String> {
        let mut decimal = self.decimal.as_ref().map(|(d, _)| *d);
        let mut thousands = self.thousands.as_ref().map(|(t, _)| *t);
        let mut undecided = Vec::new();
        for mark in [Mark::Comma, Mark::Point] {
            let Some(seen) = &self.either[mark_index(mark)] else {
                continue;
            };
            if decimal == Some(mark.as_decimal()) || thousands == Some(mark.as_thousands()) {
                continue;
            }
            if decimal.is_some() {
                // The other mark is the decimal one, so this one groups thousands.
                if let Some(t) = thousands {
                    return Err(format!(
                        "{seen} uses {} where this file's numbers use {t} for thousands",
                        mark.as_thousands()
                    ));
                }
                thousands = Some(mark.as_thousands());
            } else if thousands.is_some() {
                decimal = Some(mark.as_decimal());
            } else {
                undecided.push((mark, seen));
            }
        }
        match undecided.as_slice() {
            [] => {}
            [(mark, _)] => {
                // Counts are whole people: `170,000` alone means a hundred and seventy thousand,
                // unless a column's unit (thousands) makes `165,600` plausible as 165.6.
                if let Some(scaled) = &self.either_scaled[mark_index(*mark)] {
                    return Err(format!(
                        "{scaled} is in a column counted in thousands, where it could be a whole number or a decimal fraction; give --decimal or --thousands"
                    ));
                }
                thousands = Some(mark.as_thousands());
            }
            [(_, first), (_, second), ..] => {
                return Err(format!(
                    "{first} and {second} use different marks between the thousands; give --decimal and --thousands"
                ));
            }
        }
        let thousands = thousands.unwrap_or(Thousands::None);
        let decimal = decimal.unwrap_or(match thousands {
            Thousands::Point => Decimal::Comma,
            _ => Decimal::Point,
        });
        Ok(NumberStyle { decimal, thousands })
    }

    /// Whether reading an ambiguous mark as thousands (the first pass's guess) was right.
    pub fn guess_holds(&self, style: NumberStyle) -> bool {
        [Mark::Comma, Mark::Point].into_iter().all(|mark| {
            self.either[mark_index(mark)].is_none() || style.thousands == mark.as_thousands()
        })
    }
}

fn conflict(here: &Seen, first: &Seen, what: &str) -> String {
    let hint = if first.row == 0 {
        String::new()
    } else {
        "; give --decimal and --thousands".to_owned()
    };
    format!(
        "{:?} does not fit the numbers before it: {first} already uses another mark for {what}{hint}",
        here.text
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn known(text: &str) -> f64 {
        match scan(text).unwrap().reading {
            Reading::Known(v) => v,
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn plain_and_self_evident_numbers() {
        assert_eq!(known("170000"), 170_000.0);
        assert_eq!(known(" 42 "), 42.0);
        assert_eq!(known("+7"), 7.0);
        assert_eq!(known("1,234,567"), 1_234_567.0);
        assert_eq!(known("1.234.567"), 1_234_567.0);
        assert_eq!(known("1 234 567"), 1_234_567.0);
        assert_eq!(known("1\u{a0}234"), 1_234.0);
        assert_eq!(known("1\u{202f}234"), 1_234.0);
        assert_eq!(known("1\u{2009}234"), 1_234.0);
        assert_eq!(known("1'234'567"), 1_234_567.0);
        assert_eq!(known("1,234.5"), 1_234.5);
        assert_eq!(known("1.234,5"), 1_234.5);
        assert_eq!(known("1 234,5"), 1_234.5);
        assert_eq!(known("1,5"), 1.5);
        assert_eq!(known("0,500"), 0.5);
        assert_eq!(known("1234,567"), 1_234.567);
        assert_eq!(known("170000.0"), 170_000.0);
    }

    #[test]
    fn evidence_of_each_cell() {
        let s = scan("1,234.5").unwrap();
        assert_eq!(
            (s.decimal, s.thousands),
            (Some(Decimal::Point), Some(Thousands::Comma))
        );
        let s = scan("1.234,5").unwrap();
        assert_eq!(
            (s.decimal, s.thousands),
            (Some(Decimal::Comma), Some(Thousands::Point))
        );
        let s = scan("1,5").unwrap();
        assert_eq!((s.decimal, s.thousands), (Some(Decimal::Comma), None));
        let s = scan("1,234,567").unwrap();
        assert_eq!((s.decimal, s.thousands), (None, Some(Thousands::Comma)));
        let s = scan("1 234").unwrap();
        assert_eq!((s.decimal, s.thousands), (None, Some(Thousands::Space)));
        let s = scan("1'234").unwrap();
        assert_eq!(
            (s.decimal, s.thousands),
            (None, Some(Thousands::Apostrophe))
        );
        let s = scan("170000").unwrap();
        assert_eq!((s.decimal, s.thousands), (None, None));
        assert_eq!(
            scan("170,000").unwrap().reading,
            Reading::Either {
                mark: Mark::Comma,
                grouped: 170_000.0,
                decimal: 170.0
            }
        );
        assert_eq!(
            scan("1.500").unwrap().reading,
            Reading::Either {
                mark: Mark::Point,
                grouped: 1_500.0,
                decimal: 1.5
            }
        );
    }

    #[test]
    fn what_is_not_a_number() {
        for bad in [
            "",
            "abc",
            "17O000",
            "1,,000",
            ",5",
            "5,",
            "1.2.3,4,5",
            "1 234'567",
            "1,5 000",
            "12e3",
            "$5",
            "1.234.5",
            "--1",
        ] {
            assert!(scan(bad).is_err(), "{bad:?}");
        }
        assert_eq!(scan("1,23,456"), Err(NumberError::BadGrouping));
        assert_eq!(scan("12 34"), Err(NumberError::BadGrouping));
        assert_eq!(scan("1,2345.6"), Err(NumberError::BadGrouping));
        assert_eq!(scan("-5"), Err(NumberError::Negative));
        assert_eq!(scan("\u{2212}5"), Err(NumberError::Negative));
        assert_eq!(scan("1234567890123456789"), Err(NumberError::TooLong));
        assert_eq!(scan("1,2,3,4,5,6,7,8,9,0"), Err(NumberError::NotANumber));
    }

    #[test]
    fn messages_quote_the_cell() {
        assert_eq!(
            NumberError::NotANumber.message("17O000"),
            "\"17O000\" is not a number"
        );
        assert!(NumberError::Negative.message("-1").contains("negative"));
        assert!(
            NumberError::BadGrouping
                .message("1,23")
                .contains("groups of three")
        );
        assert!(NumberError::TooLong.message("9").contains("too large"));
    }

    fn style(decimal: Decimal, thousands: Thousands) -> NumberStyle {
        NumberStyle { decimal, thousands }
    }

    #[test]
    fn parsing_in_a_known_style() {
        let us = style(Decimal::Point, Thousands::Comma);
        let de = style(Decimal::Comma, Thousands::Point);
        let fr = style(Decimal::Comma, Thousands::Space);
        assert_eq!(parse("170,000", us), Ok(170_000.0));
        assert_eq!(parse("170.000", de), Ok(170_000.0));
        assert_eq!(parse("170,000", de), Ok(170.0));
        assert_eq!(parse("170,000", fr), Ok(170.0));
        assert_eq!(parse("170 000", fr), Ok(170_000.0));
        assert_eq!(parse("5", fr), Ok(5.0));
        assert!(parse("170.000", fr).unwrap_err().contains("does not fit"));
        assert!(parse("1,5", us).unwrap_err().contains("does not fit"));
        assert!(parse("1 000", us).unwrap_err().contains("does not fit"));
        assert!(parse("x", us).unwrap_err().contains("not a number"));
        let plain = style(Decimal::Point, Thousands::None);
        assert!(parse("170,000", plain).is_err());
        assert_eq!(parse("1.500", plain), Ok(1.5));
    }

    #[test]
    fn counts_are_whole_and_in_range() {
        assert_eq!(to_count(170_000.0, 1, "x"), Ok(170_000));
        assert_eq!(to_count(165.6, 1000, "x"), Ok(165_600));
        assert_eq!(to_count(0.0, 1, "x"), Ok(0));
        assert_eq!(to_count(f64::from(u32::MAX), 1, "x"), Ok(u32::MAX));
        assert!(
            to_count(1.5, 1, "1.5")
                .unwrap_err()
                .contains("not a whole number")
        );
        assert!(
            to_count(1.0001, 1000, "1.0001")
                .unwrap_err()
                .contains("times 1000")
        );
        assert!(
            to_count(4_294_967_296.0, 1, "x")
                .unwrap_err()
                .contains("too large")
        );
        assert!(to_count(-1.0, 1, "x").unwrap_err().contains("negative"));
    }

    fn noted(cells: &[&str]) -> Evidence {
        let mut evidence = Evidence::default();
        for (i, cell) in cells.iter().enumerate() {
            let scan = scan(cell).unwrap();
            evidence
                .note(&scan, false, || Seen {
                    row: i + 2,
                    column: 2,
                    text: (*cell).to_owned(),
                })
                .unwrap();
        }
        evidence
    }

    #[test]
    fn the_file_decides_ambiguous_marks() {
        let resolved = |cells: &[&str]| noted(cells).resolve().unwrap();
        assert_eq!(
            resolved(&["170,000"]),
            style(Decimal::Point, Thousands::Comma)
        );
        assert_eq!(
            resolved(&["170.000"]),
            style(Decimal::Comma, Thousands::Point)
        );
        assert_eq!(
            resolved(&["170,000", "1.5"]),
            style(Decimal::Point, Thousands::Comma)
        );
        assert_eq!(
            resolved(&["170,000", "1 234"]),
            style(Decimal::Comma, Thousands::Space)
        );
        assert_eq!(
            resolved(&["170,000", "1,5"]),
            style(Decimal::Comma, Thousands::None)
        );
        assert_eq!(
            resolved(&["170.000", "1,5"]),
            style(Decimal::Comma, Thousands::Point)
        );
        assert_eq!(resolved(&["5"]), style(Decimal::Point, Thousands::None));
        assert_eq!(
            resolved(&["1.234.567"]),
            style(Decimal::Comma, Thousands::Point)
        );
        let error = noted(&["170,000", "170.000"]).resolve().unwrap_err();
        assert!(error.contains("--decimal"), "{error}");
        assert!(error.contains("\"170,000\" at 2:2"), "{error}");
        assert!(noted(&["170,000"]).guess_holds(resolved(&["170,000"])));
        assert!(!noted(&["170,000", "1,5"]).guess_holds(resolved(&["170,000", "1,5"])));
    }

    #[test]
    fn contradictions_name_both_cells() {
        let mut evidence = noted(&["1,234,567"]);
        let error = evidence
            .note(&scan("1,5").unwrap(), false, || Seen {
                row: 9,
                column: 3,
                text: "1,5".into(),
            })
            .unwrap_err();
        assert!(error.contains("\"1,234,567\" at 2:2"), "{error}");
        assert!(error.contains("--decimal"), "{error}");
        let mut evidence = Evidence::given(Some(Decimal::Comma), None);
        let error = evidence
            .note(&scan("1.5").unwrap(), false, || Seen {
                row: 3,
                column: 2,
                text: "1.5".into(),
            })
            .unwrap_err();
        assert!(error.contains("--decimal \",\""), "{error}");
        let mut evidence = noted(&["1 234"]);
        assert!(
            evidence
                .note(&scan("1'234").unwrap(), false, || Seen {
                    row: 1,
                    column: 1,
                    text: String::new()
                })
                .is_err()
        );
        let mut evidence = noted(&["1,5"]);
        assert!(
            evidence
                .note(&scan("1,234,567").unwrap(), false, || Seen {
                    row: 1,
                    column: 1,
                    text: String::new()
                })
                .is_err()
        );
    }

    #[test]
    fn scaled_columns_make_a_lone_mark_ambiguous() {
        let mut evidence = Evidence::default();
        evidence
            .note(&scan("165,600").unwrap(), true, || Seen {
                row: 4,
                column: 2,
                text: "165,600".into(),
            })
            .unwrap();
        assert!(evidence.resolve().unwrap_err().contains("--decimal"));
        evidence
            .note(&scan("1.5").unwrap(), true, || Seen {
                row: 5,
                column: 2,
                text: "1.5".into(),
            })
            .unwrap();
        assert_eq!(
            evidence.resolve().unwrap(),
            style(Decimal::Point, Thousands::Comma)
        );
    }

    fn group(n: u64, sep: &str) -> String {
        let digits = n.to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push_str(sep);
            }
            out.push(c);
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

        /// Every count written in any style reads back as itself in that style.
        #[test]
        fn counts_in_every_style_read_back(n in 0u64..5_000_000_000, which in 0usize..5) {
            let (sep, style) = [
                (",", style(Decimal::Point, Thousands::Comma)),
                (".", style(Decimal::Comma, Thousands::Point)),
                (" ", style(Decimal::Comma, Thousands::Space)),
                ("\u{a0}", style(Decimal::Comma, Thousands::Space)),
                ("'", style(Decimal::Point, Thousands::Apostrophe)),
            ][which];
            let text = group(n, sep);
            prop_assert_eq!(parse(&text, style), Ok(n as f64));
            prop_assert_eq!(parse(&n.to_string(), style), Ok(n as f64));
        }

        /// Decimals in either mark read back.
        #[test]
        fn decimals_read_back(whole in 0u64..1_000_000, frac in 0u64..100) {
            let text = format!("{whole}.{frac:02}");
            let expected = whole as f64 + frac as f64 / 100.0;
            let point = parse(&text, style(Decimal::Point, Thousands::None)).unwrap();
            prop_assert!((point - expected).abs() < 1e-6);
            let comma = parse(&text.replace('.', ","), style(Decimal::Comma, Thousands::None)).unwrap();
            prop_assert!((comma - expected).abs() < 1e-6);
        }

        /// No text makes the scanner panic, and what it accepts has only digits, marks and spaces.
        #[test]
        fn any_text_is_scanned_without_panic(text in "\\PC{0,24}") {
            if scan(&text).is_ok() {
                prop_assert!(text.chars().any(|c| c.is_ascii_digit()));
            }
        }
    }
}
