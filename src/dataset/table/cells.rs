//! Cells as both readers hand them over, and reading dates and counts out of them with the
//! file's style, collecting every problem with its row and column.

use std::borrow::Cow;

use super::dates::{self, DateOrder, DateReading, OrderEvidence, Precision};
use super::numbers::{self, Evidence, NumberStyle, Reading, Seen};
use crate::dataset::text::short;
use crate::dataset::{Date, Location, Problem};

/// No date or number is longer than this many bytes (`1 234 567 890,5` with thin spaces, a
/// date with its weekday and time): a longer cell is reported without being parsed, quoted
/// by its first characters only.
const LONGEST_FIGURE: usize = 200;

/// One cell of a table.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cell<'a> {
    /// Nothing in it.
    Empty,
    /// Text, as typed (CSV cells are always text).
    Text(&'a str),
    /// A spreadsheet number.
    Number(f64),
    /// A spreadsheet date.
    Date(Date),
}

impl Cell<'_> {
    /// Whether the cell holds nothing, or a mark people use for "no figure" (`-`, `n/a`, `..`).
    pub fn is_missing(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(text) => is_missing_text(text),
            Cell::Number(_) | Cell::Date(_) => false,
        }
    }

    /// The cell as text (numbers and dates as they would be typed); `None` when empty.
    pub fn text(&self) -> Option<Cow<'_, str>> {
        match *self {
            Cell::Empty => None,
            Cell::Text("") => None,
            Cell::Text(text) => Some(Cow::Borrowed(text)),
            Cell::Number(value) => Some(Cow::Owned(format_number(value))),
            Cell::Date(date) => Some(Cow::Owned(date.to_string())),
        }
    }
}

/// Texts that mean "no figure here", compared without case: empty cells are missing data,
/// not zero, and so are these.
pub fn is_missing_text(text: &str) -> bool {
    let text = text.trim();
    text.is_empty()
        || matches!(text, "-" | "–" | "—" | ".." | "…" | "?")
        || text.eq_ignore_ascii_case("n/a")
        || text.eq_ignore_ascii_case("na")
        || text.eq_ignore_ascii_case("nan")
        || text.eq_ignore_ascii_case("#n/a")
}

fn format_number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        value.to_string()
    }
}

/// A row of cells, read on demand so that no reader has to copy them.
pub trait Row {
    /// Number of cells.
    fn len(&self) -> usize;
    /// The cell at `column` (from 0); [`Cell::Empty`] past the end.
    fn cell(&self, column: usize) -> Cell<'_>;
    /// Whether every cell is empty.
    fn is_blank(&self) -> bool {
        (0..self.len()).all(|c| {
            matches!(self.cell(c), Cell::Empty)
                || self.cell(c).text().is_none_or(|t| t.trim().is_empty())
        })
    }
}

/// At most this many problems are listed; a last line says how many more there were.
pub const MAX_PROBLEMS: usize = 100;

/// Every problem found so far, with rows and columns.
#[derive(Debug, Default)]
pub struct Problems {
    list: Vec<Problem>,
    more: usize,
    /// Spreadsheets also name the cell (`C14`), as their programs show it.
    pub cell_names: bool,
    /// No table was found at all (no header row): a workbook then tries its next sheet.
    pub no_table: bool,
}

impl Problems {
    /// Adds a problem at `row`, `column` (both from 1; column 0 for the whole row).
    pub fn at(&mut self, row: usize, column: usize, message: impl Into<String>) {
        if self.list.len() >= MAX_PROBLEMS {
            self.more += 1;
            return;
        }
        let mut message = message.into();
        if self.cell_names && column > 0 {
            message.push_str(&format!(" (cell {})", cell_name(row, column)));
        }
        // A problem with a whole row (column 0) is named by the row alone.
        let location = if column == 0 {
            Location::Item(format!("row {row}"))
        } else {
            Location::Text { line: row, column }
        };
        self.list.push(Problem {
            location,
            message,
            excerpt: None,
        });
    }

    fn push(&mut self, problem: Problem) {
        if self.list.len() >= MAX_PROBLEMS {
            self.more += 1;
        } else {
            self.list.push(problem);
        }
    }

    /// Adds a problem with the whole table.
    pub fn table(&mut self, message: impl Into<String>) {
        if self.list.len() >= MAX_PROBLEMS {
            self.more += 1;
            return;
        }
        self.list.push(Problem {
            location: Location::File,
            message: message.into(),
            excerpt: None,
        });
    }

    /// Puts a problem with the whole table first, even when the list is full: what to do
    /// about all the others.
    pub fn lead(&mut self, message: impl Into<String>) {
        if self.list.len() >= MAX_PROBLEMS {
            self.list.pop();
            self.more += 1;
        }
        self.list.insert(
            0,
            Problem {
                location: Location::File,
                message: message.into(),
                excerpt: None,
            },
        );
    }

    /// Whether anything was found.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Names `sheet` in every message that names a cell: "(sheet \"Data\", cell B4)", as a
    /// user finds it in a workbook of several sheets.
    pub fn name_sheet(&mut self, sheet: &str) {
        for problem in &mut self.list {
            if let Some(at) = problem.message.rfind(" (cell ") {
                problem
                    .message
                    .insert_str(at + 2, &format!("sheet {sheet:?}, "));
            }
        }
    }

    /// The problems listed, and how many more were found.
    pub fn into_parts(self) -> (Vec<Problem>, usize) {
        (self.list, self.more)
    }

    /// One problem with the whole file.
    pub fn of_file(message: impl Into<String>) -> Self {
        let mut problems = Self::default();
        problems.table(message);
        problems
    }
}

/// `C14` for row 14, column 3.
pub fn cell_name(row: usize, column: usize) -> String {
    let mut letters = Vec::new();
    let mut n = column;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &row.to_string()
}

/// How numbers are read: learning the file's style as they come, or in a style known.
#[derive(Clone, Debug)]
pub enum NumberMode {
    /// First pass: note what each cell shows, read `170,000` as thousands for now.
    Learn(Box<Evidence>),
    /// Second pass, or given on the command line.
    Known(NumberStyle),
}

/// How `a/b/YYYY` dates are read: learning the order, or in a known order.
#[derive(Clone, Debug)]
pub enum DateMode {
    /// First pass: note what each cell shows, guess meanwhile.
    Learn(OrderEvidence),
    /// Second pass, or given on the command line.
    Known(DateOrder),
}

/// Reads dates and counts out of cells, noting the file's style and every problem.
#[derive(Debug)]
pub struct Reader {
    /// Numbers' style.
    pub numbers: NumberMode,
    /// Dates' order.
    pub dates: DateMode,
    /// Problems found.
    pub problems: Problems,
    /// Whether a problem with the style itself was found (a second pass cannot help).
    pub style_conflict: bool,
    /// What was guessed about the columns, for `check` and the import dialog.
    pub guesses: Vec<String>,
}

impl Reader {
    /// A reader in the given modes.
    pub fn new(numbers: NumberMode, dates: DateMode, cell_names: bool) -> Self {
        Self {
            numbers,
            dates,
            problems: Problems {
                cell_names,
                ..Problems::default()
            },
            style_conflict: false,
            guesses: Vec::new(),
        }
    }

    /// A reader in the same modes, with what was learned so far, for a later piece of rows.
    pub fn fork(&self) -> Self {
        Self {
            numbers: self.numbers.clone(),
            dates: self.dates.clone(),
            problems: Problems {
                cell_names: self.problems.cell_names,
                ..Problems::default()
            },
            style_conflict: false,
            guesses: Vec::new(),
        }
    }

    /// Takes in what a fork found in the piece right after the rows read here: its problems,
    /// and its evidence of the file's style, checked against this reader's.
    pub fn join(&mut self, piece: Self) {
        self.style_conflict |= piece.style_conflict;
        for problem in piece.problems.list {
            self.problems.push(problem);
        }
        self.problems.more += piece.problems.more;
        let conflict = match (&mut self.numbers, &piece.numbers) {
            (NumberMode::Learn(mine), NumberMode::Learn(theirs)) => mine.merge(theirs).err(),
            _ => None,
        };
        let conflict = conflict.or_else(|| match (&mut self.dates, &piece.dates) {
            (DateMode::Learn(mine), DateMode::Learn(theirs)) => mine.merge(theirs).err(),
            _ => None,
        });
        if let Some(message) = conflict {
            self.style_conflict = true;
            self.problems.table(message);
        }
    }

    /// The date in a cell; `None` when it is missing or wrong (then a problem is noted).
    pub fn date(&mut self, cell: Cell<'_>, row: usize, column: usize) -> Option<(Date, Precision)> {
        match cell {
            Cell::Date(date) if !(0..=9999).contains(&date.year()) => {
                // A dataset writes dates as YYYY-MM-DD: a spreadsheet date past that (a serial
                // number in the millions, or before year 0) could not be written back.
                self.problems.at(
                    row,
                    column,
                    format!(
                        "{date} is outside the years 0000–9999 that datasets hold; correct the cell's date"
                    ),
                );
                None
            }
            Cell::Date(date) => Some((date, Precision::Day)),
            Cell::Number(value) => {
                // A year typed into a spreadsheet is a number.
                if value.fract() == 0.0 && (1000.0..=9999.0).contains(&value) {
                    #[allow(clippy::cast_possible_truncation)] // range checked
                    let year = value as i32;
                    return Date::from_ymd(year, 1, 1).map(|d| (d, Precision::Year));
                }
                self.problems.at(
                    row,
                    column,
                    format!(
                        "{} is not a date; format the cell as a date, or write YYYY-MM-DD",
                        format_number(value)
                    ),
                );
                None
            }
            Cell::Empty => None,
            Cell::Text(text) => self.date_text(text, row, column),
        }
    }

    fn date_text(&mut self, text: &str, row: usize, column: usize) -> Option<(Date, Precision)> {
        if text.trim().is_empty() {
            return None;
        }
        if text.len() > LONGEST_FIGURE {
            self.problems.at(
                row,
                column,
                format!("{:?} is not a date; write dates as YYYY-MM-DD", short(text)),
            );
            return None;
        }
        let reading = match dates::scan(text) {
            Ok(reading) => reading,
            Err(message) => {
                self.problems.at(row, column, message);
                return None;
            }
        };
        let order = match &mut self.dates {
            DateMode::Known(order) => *order,
            DateMode::Learn(evidence) => {
                if let Err(message) = evidence.note(reading, row, column, text) {
                    self.style_conflict = true;
                    self.problems.at(row, column, message);
                    return None;
                }
                match reading {
                    // A cell that tells its own order (`15-01-2009`) is read in it; only
                    // ambiguous ones take the guess, which the second pass corrects.
                    DateReading::Numeric { first, .. } if first > 12 => DateOrder::DayFirst,
                    DateReading::Numeric { second, .. } if second > 12 => DateOrder::MonthFirst,
                    DateReading::Numeric { dots, .. } => evidence.guess(dots),
                    DateReading::Known(..) => DateOrder::DayFirst,
                }
            }
        };
        match dates::in_order(reading, order, text) {
            Ok(found) => Some(found),
            Err(message) => {
                self.problems.at(row, column, message);
                None
            }
        }
    }

    /// Whether a cell reads as a date, without noting anything (to find the date column).
    pub fn looks_like_date(cell: Cell<'_>) -> bool {
        match cell {
            Cell::Date(_) => true,
            Cell::Number(value) => value.fract() == 0.0 && (1000.0..=9999.0).contains(&value),
            Cell::Text(text) => dates::scan(text).is_ok(),
            Cell::Empty => false,
        }
    }

    /// The count in a cell, times `scale`; `None` when missing or wrong (a problem is noted).
    pub fn count(&mut self, cell: Cell<'_>, row: usize, column: usize, scale: u32) -> Option<u32> {
        let (value, text): (f64, Cow<'_, str>) = match cell {
            Cell::Empty => return None,
            Cell::Number(value) => (value, Cow::Owned(format_number(value))),
            Cell::Date(date) => {
                self.problems
                    .at(row, column, format!("{date} is a date, not a number"));
                return None;
            }
            Cell::Text(text) => {
                if let Some(value) = plain_digits(text) {
                    (value, Cow::Borrowed(text))
                } else if is_missing_text(text) {
                    return None;
                } else {
                    (
                        self.number_text(text, row, column, scale > 1)?,
                        Cow::Borrowed(text),
                    )
                }
            }
        };
        match numbers::to_count(value, scale, &text) {
            Ok(count) => Some(count),
            Err(message) => {
                self.problems.at(row, column, message);
                None
            }
        }
    }

    fn number_text(&mut self, text: &str, row: usize, column: usize, scaled: bool) -> Option<f64> {
        if text.len() > LONGEST_FIGURE {
            self.problems
                .at(row, column, format!("{:?} is not a number", short(text)));
            return None;
        }
        let result = match &mut self.numbers {
            NumberMode::Known(style) => numbers::parse(text, *style),
            NumberMode::Learn(evidence) => match numbers::scan(text) {
                Err(error) => Err(error.message(text)),
                Ok(scan) => {
                    let seen = || Seen {
                        row,
                        column,
                        text: text.trim().to_owned(),
                    };
                    match evidence.note(&scan, scaled, seen) {
                        Err(message) => {
                            self.style_conflict = true;
                            Err(message)
                        }
                        Ok(()) => Ok(match scan.reading {
                            Reading::Known(value) => value,
                            Reading::Either { grouped, .. } => grouped,
                        }),
                    }
                }
            },
        };
        result
            .map_err(|message| self.problems.at(row, column, message))
            .ok()
    }

    /// After the first pass: the style and order the file uses, and whether the first pass's
    /// guesses were right (else the rows must be read again). `None` after a style conflict.
    pub fn settle(&mut self) -> Option<(NumberMode, DateMode, bool)> {
        if self.style_conflict {
            return None;
        }
        let mut holds = true;
        let numbers = match &self.numbers {
            NumberMode::Known(style) => NumberMode::Known(*style),
            NumberMode::Learn(evidence) => match evidence.resolve() {
                Ok(style) => {
                    holds &= evidence.guess_holds(style);
                    NumberMode::Known(style)
                }
                Err(message) => {
                    self.problems.table(message);
                    return None;
                }
            },
        };
        let dates = match &self.dates {
            DateMode::Known(order) => DateMode::Known(*order),
            DateMode::Learn(evidence) => match evidence.resolve() {
                Ok(order) => {
                    holds &= evidence.guess_holds(order);
                    DateMode::Known(order)
                }
                Err(message) => {
                    self.problems.table(message);
                    return None;
                }
            },
        };
        Some((numbers, dates, holds))
    }
}

/// `170000`: the shape of nearly every cell in a big file, read without any style.
fn plain_digits(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    if bytes.is_empty() || bytes.len() > 15 || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut value: u64 = 0;
    for &b in bytes {
        value = value * 10 + u64::from(b - b'0');
    }
    #[allow(clippy::cast_precision_loss)] // at most 15 digits: exact in f64
    Some(value as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names_as_spreadsheets_show_them() {
        assert_eq!(cell_name(14, 3), "C14");
        assert_eq!(cell_name(1, 26), "Z1");
        assert_eq!(cell_name(2, 27), "AA2");
        assert_eq!(cell_name(9, 703), "AAA9");
    }

    #[test]
    fn missing_marks_are_not_zero() {
        for text in [
            "", "  ", "-", "–", "—", "..", "…", "n/a", "N/A", "NA", "nan", "?", "#N/A",
        ] {
            assert!(is_missing_text(text), "{text:?}");
        }
        for text in ["0", "none", "x"] {
            assert!(!is_missing_text(text), "{text:?}");
        }
        assert!(Cell::Empty.is_missing());
        assert!(!Cell::Number(0.0).is_missing());
    }

    #[test]
    fn problems_are_capped_with_a_count_of_the_rest() {
        let mut problems = Problems::default();
        for i in 0..MAX_PROBLEMS + 5 {
            problems.at(i + 1, 2, "bad");
        }
        let (list, more) = problems.into_parts();
        assert_eq!(list.len(), MAX_PROBLEMS);
        assert_eq!(more, 5);
        let mut one = Problems {
            cell_names: true,
            ..Problems::default()
        };
        one.at(14, 3, "x");
        assert_eq!(one.into_parts().0[0].message, "x (cell C14)");
    }

    fn reader() -> Reader {
        Reader::new(
            NumberMode::Learn(Box::default()),
            DateMode::Learn(OrderEvidence::default()),
            false,
        )
    }

    #[test]
    fn counts_from_every_kind_of_cell() {
        let mut r = reader();
        assert_eq!(r.count(Cell::Text("170000"), 2, 2, 1), Some(170_000));
        assert_eq!(r.count(Cell::Text("170,000"), 2, 2, 1), Some(170_000));
        assert_eq!(r.count(Cell::Text(" n/a "), 2, 2, 1), None);
        assert_eq!(r.count(Cell::Number(5.0), 2, 2, 1), Some(5));
        assert_eq!(r.count(Cell::Number(165.6), 2, 2, 1000), Some(165_600));
        assert_eq!(r.count(Cell::Empty, 2, 2, 1), None);
        assert!(r.problems.is_empty());
        assert_eq!(r.count(Cell::Text("17O000"), 14, 3, 1), None);
        assert_eq!(r.count(Cell::Number(1.5), 15, 3, 1), None);
        let list = std::mem::take(&mut r.problems).into_parts().0;
        assert_eq!(
            list[0].location,
            Location::Text {
                line: 14,
                column: 3
            }
        );
        assert_eq!(list[0].message, "\"17O000\" is not a number");
        assert!(list[1].message.contains("not a whole number"));
    }

    #[test]
    fn a_wrong_guess_asks_for_a_second_pass() {
        let mut r = reader();
        assert_eq!(r.count(Cell::Text("170,000"), 2, 2, 1), Some(170_000));
        assert_eq!(r.count(Cell::Text("1,5"), 3, 2, 1), None);
        let (numbers, _, holds) = r.settle().unwrap();
        assert!(!holds);
        let mut again = Reader::new(numbers, DateMode::Known(DateOrder::DayFirst), false);
        assert_eq!(again.count(Cell::Text("170,000"), 2, 2, 1), Some(170));
        let mut r = reader();
        r.count(Cell::Text("1,234,567"), 2, 2, 1);
        r.count(Cell::Text("1,5"), 3, 2, 1);
        assert!(r.style_conflict);
        assert!(r.settle().is_none());
    }

    #[test]
    fn spreadsheet_dates_outside_four_digit_years_are_named() {
        let mut r = reader();
        for (year, shown) in [(-17, "-0017-06-19"), (12_000, "+12000-06-19")] {
            let date = Date::from_ymd(year, 6, 19).unwrap();
            assert_eq!(r.date(Cell::Date(date), 4, 2), None);
            let list = std::mem::take(&mut r.problems).into_parts().0;
            assert_eq!(list[0].location, Location::Text { line: 4, column: 2 });
            assert!(
                list[0]
                    .message
                    .starts_with(&format!("{shown} is outside the years 0000–9999")),
                "{}",
                list[0].message
            );
        }
        let edge = Date::from_ymd(9999, 12, 31).unwrap();
        assert_eq!(r.date(Cell::Date(edge), 4, 2), Some((edge, Precision::Day)));
    }

    #[test]
    fn huge_cells_are_quoted_by_a_short_prefix() {
        let mut r = reader();
        let huge = "9".repeat(10_000_000);
        assert_eq!(r.count(Cell::Text(&format!("x{huge}")), 2, 2, 1), None);
        assert_eq!(r.date(Cell::Text(&format!("x{huge}")), 3, 1), None);
        let list = std::mem::take(&mut r.problems).into_parts().0;
        assert_eq!(list.len(), 2);
        for problem in &list {
            assert!(problem.message.len() < 200, "{}", problem.message);
            assert!(problem.message.contains("…"), "{}", problem.message);
        }
    }

    #[test]
    fn dates_from_every_kind_of_cell() {
        let mut r = reader();
        let d = Date::parse("2007-10-15").unwrap();
        assert_eq!(r.date(Cell::Date(d), 2, 1), Some((d, Precision::Day)));
        assert_eq!(
            r.date(Cell::Text("2007-10-15"), 2, 1),
            Some((d, Precision::Day))
        );
        assert_eq!(
            r.date(Cell::Number(2007.0), 2, 1),
            Some((Date::parse("2007-01-01").unwrap(), Precision::Year))
        );
        assert_eq!(r.date(Cell::Empty, 2, 1), None);
        assert!(r.problems.is_empty());
        assert_eq!(r.date(Cell::Number(39_000.0), 3, 1), None);
        assert_eq!(r.date(Cell::Text("soon"), 4, 1), None);
        assert_eq!(std::mem::take(&mut r.problems).into_parts().0.len(), 2);
        assert_eq!(
            r.date(Cell::Text("10/15/2007"), 5, 1),
            Some((d, Precision::Day))
        );
        let (_, dates, holds) = r.settle().unwrap();
        assert!(holds);
        assert!(matches!(dates, DateMode::Known(DateOrder::MonthFirst)));
        assert!(Reader::looks_like_date(Cell::Text("2007")));
        assert!(!Reader::looks_like_date(Cell::Text("Germany")));
    }

    #[test]
    fn text_of_cells() {
        assert_eq!(Cell::Number(170_000.0).text().unwrap(), "170000");
        assert_eq!(Cell::Number(1.5).text().unwrap(), "1.5");
        assert_eq!(Cell::Text("").text(), None);
        assert_eq!(Cell::Empty.text(), None);
    }
}
