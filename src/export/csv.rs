//! The dataset as one tidy CSV table: one row per figure, with a `series` column.
//!
//! Columns: `kind,series,series_label,from,to,value,low,high,source,note,title,category`.
//! One table keeps every figure in one file that spreadsheets and `pandas.read_csv` open
//! directly, and troopline opens it again as the same dataset. What each `kind` of row
//! carries (docs/tables.md has the same list for authors):
//!
//! - `dataset`: the title in `title`, the subtitle in `note`. First row.
//! - `notes`: the dataset's notes in `note`, when it has them.
//! - `source`: the id in `source`, `title`, the publisher in `category`, the link in `note`, the
//!   publication date in `from`.
//! - `series`: one per series: id in `series`, `series_label`, its default `source`, `troops` or
//!   `casualties` in `category` (`troops steps` for a series drawn as steps), its description in
//!   `note`, and its measure (troops) or unit (casualties) in `title`.
//! - `view`: a named range of days: `title`, `from`, `to`.
//! - `troops`: a point: `from` = `to` = its date, `value` (empty: unknown), `low`, `high`,
//!   `source` (its own or the series'), `note`, in `category` a measure of its own, and in
//!   `title` how precise its date is and what kind of figure it is (`month forecast`).
//! - `casualties`: a period `from`–`to` with its count in `value`; an empty `value` is a count
//!   nobody has (unknown), never zero.
//! - `estimate`: another figure for the point or period in the row before it (same `series`):
//!   `value`, the day it applies to in `from` (points only; empty = the figure's day), its own
//!   `source` (empty = the figure's), `note`, and in `category` `rejected` for a figure the
//!   dataset does not draw and `month` or `year` for how precise its date is.
//! - `event`: `from`/`to` = date/end, `title`, `category`, the detail in `note`, `source`, and
//!   its importance (1 minor, 2 normal, 3 headline) in `value` when given.
//!
//! The file is UTF-8 with a byte-order mark (so Excel shows "–" and curly quotes as written),
//! fields are quoted where RFC 4180 needs it, and records end with CRLF.
//!
//! **Formula guard.** A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and some
//! run one starting with a tab or carriage return) as a formula, so a dataset title such as
//! `+cmd|' /C calc'!A0` could run a program on the reader's machine. As OWASP recommends:
//! *a text cell starting with one of = + - @ TAB CR gets one leading apostrophe*, which
//! spreadsheets show as text. Plain numbers such as `-5` are not formulas and are written as
//! they are; the number columns (`from`, `to`, `value`, `low`, `high`) are never guarded. So that
//! the guard can be undone exactly, a text cell that already starts with apostrophes followed by
//! one of those characters also gets one more apostrophe. A reader undoes it with [`unguard`]:
//! remove one leading apostrophe from a cell made of one or more apostrophes followed by one of
//! = + - @ TAB CR.

use std::borrow::Cow;
use std::io::{self, Write};
use std::path::Path;

use crate::dataset::{Dataset, Estimate, LineShape, words};

use super::atomic::{WriteError, write_atomic};

/// Header row of the CSV: the tidy table's columns, as the dataset format defines them.
pub use crate::dataset::TIDY_COLUMNS as HEADER;

/// UTF-8 byte-order mark: Excel reads the file as UTF-8 only when it is there.
pub const BOM: &str = "\u{feff}";

/// First characters that make a spreadsheet evaluate a cell.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text cell as written: with one more leading apostrophe when a spreadsheet could take it
/// for a formula (see the module documentation).
pub fn guard(cell: &str) -> Cow<'_, str> {
    if cell.trim_start_matches('\'').starts_with(FORMULA_STARTS) && !is_plain_number(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A text cell as it was before [`guard`]: `unguard(&guard(s)) == s` for every `s`.
pub fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches('\'').starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

/// `-5`, `+12`, `-0.25`: a sign, digits and at most one decimal point with digits after it.
fn is_plain_number(cell: &str) -> bool {
    let unsigned = cell.strip_prefix(['+', '-']).unwrap_or(cell);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, "0"));
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && digits(fraction)
}

fn number(value: Option<u32>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

fn date(value: Option<crate::dataset::Date>) -> String {
    value.map(|d| d.to_string()).unwrap_or_default()
}

fn write_estimates(
    estimates: &[Estimate],
    series: &str,
    out: &mut csv::Writer<&mut dyn Write>,
) -> csv::Result<()> {
    for estimate in estimates {
        Row {
            kind: "estimate",
            series,
            from: date(estimate.date),
            value: estimate.value.to_string(),
            source: estimate.source.as_deref().unwrap_or_default(),
            note: estimate.note.as_deref().unwrap_or_default(),
            category: &words::of_estimate(estimate.status, estimate.precision),
            ..Row::default()
        }
        .write(out)?;
    }
    Ok(())
}

/// One row: the number columns as they are, every other column guarded.
#[derive(Default)]
struct Row<'a> {
    kind: &'a str,
    series: &'a str,
    series_label: &'a str,
    from: String,
    to: String,
    value: String,
    low: String,
    high: String,
    source: &'a str,
    note: &'a str,
    title: &'a str,
    category: &'a str,
}

impl Row<'_> {
    fn write(&self, out: &mut csv::Writer<&mut dyn Write>) -> csv::Result<()> {
        out.write_record([
            guard(self.kind).as_ref(),
            &guard(self.series),
            &guard(self.series_label),
            &self.from,
            &self.to,
            &self.value,
            &self.low,
            &self.high,
            &guard(self.source),
            &guard(self.note),
            &guard(self.title),
            &guard(self.category),
        ])
    }
}

/// Writes the whole dataset as CSV into `out`.
pub fn write_csv(dataset: &Dataset, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(BOM.as_bytes())?;
    let mut csv = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    csv.write_record(HEADER)?;
    write_description(dataset, &mut csv)?;
    write_figures(dataset, &mut csv)?;
    csv.flush()
}

/// The rows that are not figures: the dataset, its sources, series and views.
fn write_description(dataset: &Dataset, csv: &mut csv::Writer<&mut dyn Write>) -> csv::Result<()> {
    Row {
        kind: "dataset",
        note: dataset.subtitle.as_deref().unwrap_or_default(),
        title: &dataset.title,
        ..Row::default()
    }
    .write(csv)?;
    if let Some(notes) = &dataset.notes {
        Row {
            kind: "notes",
            note: notes,
            ..Row::default()
        }
        .write(csv)?;
    }
    for source in &dataset.sources {
        Row {
            kind: "source",
            from: date(source.published),
            source: &source.id,
            note: source.url.as_deref().unwrap_or_default(),
            title: &source.title,
            category: &source.publisher,
            ..Row::default()
        }
        .write(csv)?;
    }
    let series_rows = dataset
        .deployments
        .iter()
        .map(|d| {
            (
                &d.id,
                &d.label,
                &d.source,
                &d.description,
                &d.measure,
                if d.line == LineShape::Steps {
                    "troops steps"
                } else {
                    "troops"
                },
            )
        })
        .chain(dataset.casualties.iter().map(|c| {
            (
                &c.id,
                &c.label,
                &c.source,
                &c.description,
                &c.unit,
                "casualties",
            )
        }));
    for (id, label, source, description, detail, kind) in series_rows {
        Row {
            kind: "series",
            series: id,
            series_label: label,
            source: source.as_deref().unwrap_or_default(),
            note: description.as_deref().unwrap_or_default(),
            title: detail.as_deref().unwrap_or_default(),
            category: kind,
            ..Row::default()
        }
        .write(csv)?;
    }
    for view in &dataset.views {
        Row {
            kind: "view",
            from: view.from.to_string(),
            to: view.to.to_string(),
            title: &view.title,
            ..Row::default()
        }
        .write(csv)?;
    }
    Ok(())
}

/// The points, periods (each followed by its estimates) and events.
fn write_figures(dataset: &Dataset, csv: &mut csv::Writer<&mut dyn Write>) -> csv::Result<()> {
    for series in &dataset.deployments {
        for point in &series.points {
            let date = point.date.to_string();
            Row {
                kind: "troops",
                series: &series.id,
                series_label: &series.label,
                from: date.clone(),
                to: date,
                value: number(point.troops),
                low: number(point.low),
                high: number(point.high),
                source: series.source_of(point).unwrap_or_default(),
                note: point.note.as_deref().unwrap_or_default(),
                title: &words::of_point(point.precision(), point.kind()),
                category: point.measure().unwrap_or_default(),
            }
            .write(csv)?;
            write_estimates(point.estimates(), &series.id, csv)?;
        }
    }
    for series in &dataset.casualties {
        for period in &series.periods {
            Row {
                kind: "casualties",
                series: &series.id,
                series_label: &series.label,
                from: period.from.to_string(),
                to: period.to.to_string(),
                value: number(period.count),
                low: number(period.low),
                high: number(period.high),
                source: series.source_of(period).unwrap_or_default(),
                note: period.note.as_deref().unwrap_or_default(),
                title: "",
                category: "",
            }
            .write(csv)?;
            write_estimates(&period.estimates, &series.id, csv)?;
        }
    }
    for event in &dataset.events {
        Row {
            kind: "event",
            series: "",
            series_label: "",
            from: event.date.to_string(),
            to: event.end.unwrap_or(event.date).to_string(),
            value: event
                .importance
                .map(|i| i.level().to_string())
                .unwrap_or_default(),
            low: String::new(),
            high: String::new(),
            source: event.source.as_deref().unwrap_or_default(),
            note: event.detail.as_deref().unwrap_or_default(),
            title: &event.title,
            category: event.category.as_deref().unwrap_or_default(),
        }
        .write(csv)?;
    }
    Ok(())
}

/// Saves the dataset as CSV at `path`, atomically.
pub fn save_csv(dataset: &Dataset, path: &Path) -> Result<(), WriteError> {
    write_atomic(path, |out| write_csv(dataset, out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_get_one_apostrophe_and_everything_else_stays() {
        for (cell, written) in [
            ("plain", "plain"),
            ("", ""),
            ("=1+1", "'=1+1"),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("'=x", "''=x"),
            ("''+", "'''+"),
            ("'quoted'", "'quoted'"),
            ("-5", "-5"),
            ("+12", "+12"),
            ("-0.25", "-0.25"),
            ("-", "'-"),
            ("-.5", "'-.5"),
            ("-5.", "'-5."),
            ("1-2", "1-2"),
            (" =x", " =x"),
        ] {
            assert_eq!(guard(cell), written, "{cell:?}");
            assert_eq!(unguard(written), cell, "{written:?}");
        }
    }

    #[test]
    fn save_csv_writes_the_whole_table_to_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("iraq.csv");
        let dataset = crate::dataset::builtin().unwrap();
        save_csv(&dataset, &path).unwrap();
        let mut expected = Vec::new();
        write_csv(&dataset, &mut expected).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), expected);
        assert!(expected.starts_with(b"\xef\xbb\xbfkind,series,"));
    }
}
