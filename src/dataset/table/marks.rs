//! Marks people add around a figure in a table cell, and what each means.
//!
//! Rules (docs/tables.md lists them for users):
//! - **Footnote markers** after a figure are dropped: `98,000[3]`, `20,400[a]`, `9,800*`,
//!   `9,800**`, `9,800†`, `‡`, `§`, and superscript digits or letters (`9,800¹`, `9,800ᵃ`).
//! - **Approximations** give the figure and say it is approximate: a leading `~`, `≈`, `c.`,
//!   `ca.`, `circa`, `about`, `around`, `approx.`, `approximately`, `est.`, `estimated`, and the
//!   same in Danish, German, French and Spanish (`omkring`, `cirka`, `etwa`, `rund`, `environ`,
//!   `aprox.`); a trailing `(est.)`, `est.` or `(approx.)` too.
//! - **Ranges** `150,000–160,000` (en or em dash, a hyphen between two numbers, `to`, `til`,
//!   `bis`, `à`, `a`) give the low and high figures; the figure is their midpoint.
//! - Marks for "no figure" (`n/a`, `NA`, `–`, `—`, `..`, blanks) are handled before this: such
//!   cells are unknown, never zero ([`super::cells::is_missing_text`]).

use super::cells::{Cell, Reader, is_missing_text};

/// A figure read from a cell, with what its marks said.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Figure {
    /// The figure (the midpoint of a range, rounded down).
    pub value: u32,
    /// The low end of a range.
    pub low: Option<u32>,
    /// The high end of a range.
    pub high: Option<u32>,
    /// The cell said the figure is approximate.
    pub approximate: bool,
}

impl Figure {
    /// The kind of point the figure is: an approximate one is an estimate.
    pub fn kind(&self) -> crate::dataset::PointKind {
        if self.approximate {
            crate::dataset::PointKind::Estimated
        } else {
            crate::dataset::PointKind::Reported
        }
    }

    /// The note a figure's marks give, to show with it.
    pub fn note(&self) -> Option<&'static str> {
        match (self.approximate, self.low.is_some()) {
            (true, true) => Some("approximate range"),
            (true, false) => Some("approximate"),
            (false, _) => None,
        }
    }
}

/// The troop level a table gives at `date` (to `precision`): from `figure`, or unknown
/// (`None`, a break in the line). Wide tables and panels both make their points here. A fiscal
/// year's level is its strength at the year's end (30 September; see [`super::calendar`]), and
/// the precision stays on every label ("Oct 2007", never "1 Oct 2007").
pub fn level_point(
    date: crate::dataset::Date,
    precision: super::dates::Precision,
    figure: Option<&Figure>,
    source: Option<String>,
    note: Option<String>,
) -> crate::dataset::Point {
    let date = match precision {
        super::dates::Precision::FiscalYear => super::dates::last_day(date, precision),
        _ => date,
    };
    let mut point = crate::dataset::Point {
        date,
        troops: figure.map(|f| f.value),
        low: figure.and_then(|f| f.low),
        high: figure.and_then(|f| f.high),
        source,
        note,
        extra: None,
    };
    let kind = figure.map_or(crate::dataset::PointKind::Reported, Figure::kind);
    point.set_precision_and_kind(precision.of_figure(), kind);
    point
}

impl Reader {
    /// The figure in a cell, times `scale`, with footnote markers dropped and approximations
    /// and ranges read; `None` when missing or wrong (a problem is noted).
    pub fn figure(
        &mut self,
        cell: Cell<'_>,
        row: usize,
        column: usize,
        scale: u32,
    ) -> Option<Figure> {
        let Cell::Text(text) = cell else {
            return self.count(cell, row, column, scale).map(|value| Figure {
                value,
                ..Figure::default()
            });
        };
        if is_missing_text(text) {
            return None;
        }
        if text.bytes().all(|b| b.is_ascii_digit()) {
            return self.count(cell, row, column, scale).map(|value| Figure {
                value,
                ..Figure::default()
            });
        }
        let Some(marked) = strip(text) else {
            return self.count(cell, row, column, scale).map(|value| Figure {
                value,
                ..Figure::default()
            });
        };
        let low = self.count(Cell::Text(marked.figure), row, column, scale)?;
        let Some(high) = marked.high else {
            return Some(Figure {
                value: low,
                approximate: marked.approximate,
                ..Figure::default()
            });
        };
        let high = self.count(Cell::Text(high), row, column, scale)?;
        if high < low {
            self.problems.at(
                row,
                column,
                format!(
                    "{text:?}: the range ends below where it begins; write the lower figure first"
                ),
            );
            return None;
        }
        Some(Figure {
            value: low + (high - low) / 2,
            low: Some(low),
            high: Some(high),
            approximate: marked.approximate,
        })
    }
}

/// A figure's text with its marks taken off.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Marked<'a> {
    /// The figure (or the low end of a range).
    pub figure: &'a str,
    /// The high end of a range.
    pub high: Option<&'a str>,
    /// Whether the cell said the figure is approximate.
    pub approximate: bool,
}

/// Words before a figure that say it is approximate, compared without case. Longer first, so
/// `approximately` is not read as `approx` + `imately`.
const APPROXIMATE_BEFORE: [&str; 22] = [
    "approximately",
    "estimated",
    "ungefähr",
    "omkring",
    "environ",
    "approx.",
    "approx",
    "around",
    "circa",
    "cirka",
    "aprox.",
    "about",
    "etwa",
    "rund",
    "some",
    "est.",
    "ca.",
    "ca",
    "c.",
    "c",
    "~",
    "≈",
];

/// Words after a figure that say it is approximate.
const APPROXIMATE_AFTER: [&str; 6] = [
    "(est.)",
    "(est)",
    "(approx.)",
    "(approx)",
    "est.",
    "(estimate)",
];

/// Words between the two figures of a range.
const RANGE_WORDS: [&str; 5] = [" to ", " til ", " bis ", " à ", " a "];

fn is_figure_char(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, ',' | '.' | '\'' | ' ' | '\u{a0}' | '\u{202f}')
}

/// `text` without a case-insensitive `prefix`, when the figure follows it.
fn strip_word_before<'a>(text: &'a str, word: &str) -> Option<&'a str> {
    let head = text.get(..word.len())?;
    let same = if word.is_ascii() {
        head.eq_ignore_ascii_case(word)
    } else {
        head.to_lowercase() == word
    };
    if !same {
        return None;
    }
    let rest = &text[word.len()..];
    let spaced = rest.starts_with(char::is_whitespace);
    let rest = rest.trim_start();
    // A bare letter word (`c`, `ca`, `about`) needs a space or a point before the figure; a
    // sign (`~`, `≈`) or a word ending in a point does not.
    let glued_ok = word.ends_with('.') || !word.chars().any(char::is_alphabetic);
    (rest.starts_with(|c: char| c.is_ascii_digit()) && (spaced || glued_ok)).then_some(rest)
}

fn strip_word_after<'a>(text: &'a str, word: &str) -> Option<&'a str> {
    let cut = text.len().checked_sub(word.len())?;
    let tail = text.get(cut..)?;
    tail.eq_ignore_ascii_case(word)
        .then(|| text[..cut].trim_end())
        .filter(|rest| rest.ends_with(|c: char| c.is_ascii_digit()))
}

/// Superscript digits and letters that spreadsheets copied from the web carry as footnotes.
fn is_superscript(c: char) -> bool {
    matches!(c, '¹' | '²' | '³' | '⁰'..='⁹' | 'ᵃ'..='ᵯ' | 'ⁿ')
}

/// `text` without footnote markers at its end; `None` when there were none.
fn strip_footnote(text: &str) -> Option<&str> {
    let trimmed = text.trim_end();
    // `[3]`, `[a]`, `[note 3]`
    if let Some(inner) = trimmed.strip_suffix(']')
        && let Some(at) = inner.rfind('[')
        && inner.len() - at <= 12
        && inner[..at]
            .trim_end()
            .ends_with(|c: char| c.is_ascii_digit() || c == ']')
    {
        return Some(inner[..at].trim_end());
    }
    let stripped =
        trimmed.trim_end_matches(|c: char| matches!(c, '*' | '†' | '‡' | '§') || is_superscript(c));
    (stripped.len() < trimmed.len() && stripped.ends_with(|c: char| c.is_ascii_digit()))
        .then(|| stripped.trim_end())
}

/// The figure in `text` with its marks taken off; `None` when the text has no marks (then it is
/// read as it is). Never allocates.
pub fn strip(text: &str) -> Option<Marked<'_>> {
    let mut rest = text.trim();
    // Nearly every cell of a big file: digits and marks inside a number only.
    if rest
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b',' | b'.' | b'\''))
    {
        return None;
    }
    let mut approximate = false;
    let mut changed = false;
    // Marks can stack: `~98,000[3]*`, `c. 2,500 (est.)`.
    loop {
        if let Some(shorter) = strip_footnote(rest) {
            rest = shorter;
            changed = true;
            continue;
        }
        if let Some(shorter) = APPROXIMATE_BEFORE
            .iter()
            .find_map(|word| strip_word_before(rest, word))
        {
            rest = shorter;
            approximate = true;
            changed = true;
            continue;
        }
        if let Some(shorter) = APPROXIMATE_AFTER
            .iter()
            .find_map(|word| strip_word_after(rest, word))
        {
            rest = shorter;
            approximate = true;
            changed = true;
            continue;
        }
        break;
    }
    if let Some((low, high)) = split_range(rest) {
        let (low, low_approximate) = inner_approximation(low);
        let (high, high_approximate) = inner_approximation(high);
        return Some(Marked {
            figure: low,
            high: Some(high),
            approximate: approximate || low_approximate || high_approximate,
        });
    }
    changed.then_some(Marked {
        figure: rest,
        high: None,
        approximate,
    })
}

/// One end of a range, which may carry its own marks (`c. 150,000 – 160,000[2]`).
fn inner_approximation(text: &str) -> (&str, bool) {
    match strip(text) {
        Some(Marked {
            figure,
            high: None,
            approximate,
        }) => (figure, approximate),
        _ => (text.trim(), false),
    }
}

/// One end of a range: digits and marks inside a number, after its own marks are taken off.
fn is_range_end(text: &str) -> bool {
    let text = strip(text)
        .filter(|m| m.high.is_none())
        .map_or(text, |m| m.figure);
    text.starts_with(|c: char| c.is_ascii_digit())
        && text.ends_with(|c: char| c.is_ascii_digit())
        && text.chars().all(is_figure_char)
}

fn both_figures<'a>(a: &'a str, b: &'a str) -> Option<(&'a str, &'a str)> {
    let (a, b) = (a.trim(), b.trim());
    (is_range_end(a) && is_range_end(b)).then_some((a, b))
}

/// `150,000–160,000` → `("150,000", "160,000")`.
fn split_range(text: &str) -> Option<(&str, &str)> {
    for dash in ['–', '—', '-', '‒'] {
        if let Some((a, b)) = text.split_once(dash) {
            return both_figures(a, b);
        }
    }
    let lower = text.to_lowercase();
    if lower.len() == text.len() {
        for word in RANGE_WORDS {
            if let Some(at) = lower.find(word) {
                return both_figures(text.get(..at)?, text.get(at + word.len()..)?);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> (&str, bool) {
        let marked = strip(text).unwrap_or_else(|| panic!("{text:?} has marks"));
        assert_eq!(marked.high, None, "{text:?}");
        (marked.figure, marked.approximate)
    }

    #[test]
    fn footnote_markers_are_dropped() {
        assert_eq!(plain("98,000[3]"), ("98,000", false));
        assert_eq!(plain("20,400 [2]"), ("20,400", false));
        assert_eq!(plain("20,400[a]"), ("20,400", false));
        assert_eq!(plain("9,800*"), ("9,800", false));
        assert_eq!(plain("9,800**"), ("9,800", false));
        assert_eq!(plain("9,800†"), ("9,800", false));
        assert_eq!(plain("9,800¹"), ("9,800", false));
        assert_eq!(plain("9,800²³"), ("9,800", false));
        assert_eq!(plain("98,000[3][4]"), ("98,000", false));
    }

    #[test]
    fn approximations_keep_the_figure_and_say_so() {
        assert_eq!(plain("~20,300"), ("20,300", true));
        assert_eq!(plain("~ 20,300"), ("20,300", true));
        assert_eq!(plain("≈20300"), ("20300", true));
        assert_eq!(plain("c. 2,500"), ("2,500", true));
        assert_eq!(plain("c.2,500"), ("2,500", true));
        assert_eq!(plain("c 2,500"), ("2,500", true));
        assert_eq!(plain("ca. 2.500"), ("2.500", true));
        assert_eq!(plain("Ca. 2.500"), ("2.500", true));
        assert_eq!(plain("about 5,000"), ("5,000", true));
        assert_eq!(plain("approx. 5,000"), ("5,000", true));
        assert_eq!(plain("approximately 5000"), ("5000", true));
        assert_eq!(plain("est. 5,000"), ("5,000", true));
        assert_eq!(plain("5,000 (est.)"), ("5,000", true));
        assert_eq!(plain("etwa 5.000"), ("5.000", true));
        assert_eq!(plain("omkring 5.000"), ("5.000", true));
        assert_eq!(plain("~98,000[3]"), ("98,000", true));
    }

    #[test]
    fn ranges_give_both_ends() {
        let range = |text| {
            let m = strip(text).unwrap();
            (m.figure, m.high.unwrap(), m.approximate)
        };
        assert_eq!(range("150,000–160,000"), ("150,000", "160,000", false));
        assert_eq!(range("150,000 – 160,000"), ("150,000", "160,000", false));
        assert_eq!(range("150,000-160,000"), ("150,000", "160,000", false));
        assert_eq!(range("150,000 to 160,000"), ("150,000", "160,000", false));
        assert_eq!(range("150.000 bis 160.000"), ("150.000", "160.000", false));
        assert_eq!(range("c. 150,000–160,000[2]"), ("150,000", "160,000", true));
    }

    #[test]
    fn plain_figures_and_words_are_left_alone() {
        for text in [
            "170000",
            "170,000",
            "1.234,5",
            "Germany",
            "cat",
            "about",
            "c",
            "~",
            "2007-10-15",
            "x[3]",
            "-5",
            "abc 5",
        ] {
            assert_eq!(strip(text), None, "{text:?}");
        }
    }
}
