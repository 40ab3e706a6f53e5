//! The dataset as one tidy CSV table: one row per figure, with a `series` column.
//!
//! Columns: `kind,series,series_label,from,to,value,low,high,source,note,title,category`.
//! `kind` is `troops` (a point: `from` = `to` = its date), `casualties` (a period) or `event`
//! (`from`/`to` = date/end, `title`/`category` filled, no value). One table keeps every figure
//! in one file that spreadsheets and `pandas.read_csv` open directly.
//!
//! So that troopline reads the table back as the same dataset, the first rows carry what is not
//! a figure: `dataset` (`title`, and the subtitle in `note`), one `source` row per source (id in
//! `source`, `title`, publisher in `category`, link in `note`, publication date in `from`) and
//! one `series` row per series (`series`, `series_label`, its default `source`, and `troops` or
//! `casualties` in `category`).

use std::io::{self, Write};
use std::path::Path;

use crate::dataset::Dataset;

use super::atomic::{WriteError, write_atomic};

/// Header row of the CSV.
pub const HEADER: [&str; 12] = [
    "kind",
    "series",
    "series_label",
    "from",
    "to",
    "value",
    "low",
    "high",
    "source",
    "note",
    "title",
    "category",
];

/// Quotes a field when it needs it (RFC 4180): commas, quotes and line breaks.
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

fn row(out: &mut dyn Write, cells: &[&str]) -> io::Result<()> {
    let line: Vec<String> = cells.iter().map(|cell| field(cell)).collect();
    writeln!(out, "{}", line.join(","))
}

fn number(value: Option<u32>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// Writes the whole dataset as CSV into `out`.
pub fn write_csv(dataset: &Dataset, out: &mut dyn Write) -> io::Result<()> {
    row(out, &HEADER)?;
    let subtitle = dataset.subtitle.as_deref().unwrap_or_default();
    row(
        out,
        &[
            "dataset",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            subtitle,
            &dataset.title,
            "",
        ],
    )?;
    for source in &dataset.sources {
        let published = source.published.map(|d| d.to_string()).unwrap_or_default();
        let url = source.url.as_deref().unwrap_or_default();
        row(
            out,
            &[
                "source",
                "",
                "",
                &published,
                "",
                "",
                "",
                "",
                &source.id,
                url,
                &source.title,
                &source.publisher,
            ],
        )?;
    }
    let series_rows = dataset
        .deployments
        .iter()
        .map(|d| (&d.id, &d.label, &d.source, "troops"))
        .chain(
            dataset
                .casualties
                .iter()
                .map(|c| (&c.id, &c.label, &c.source, "casualties")),
        );
    for (id, label, source, kind) in series_rows {
        let source = source.as_deref().unwrap_or_default();
        row(
            out,
            &[
                "series", id, label, "", "", "", "", "", source, "", "", kind,
            ],
        )?;
    }
    for series in &dataset.deployments {
        for point in &series.points {
            let date = point.date.to_string();
            let source = series.source_of(point).unwrap_or_default();
            row(
                out,
                &[
                    "troops",
                    &series.id,
                    &series.label,
                    &date,
                    &date,
                    &point.troops.to_string(),
                    &number(point.low),
                    &number(point.high),
                    source,
                    point.note.as_deref().unwrap_or_default(),
                    "",
                    "",
                ],
            )?;
        }
    }
    for series in &dataset.casualties {
        for period in &series.periods {
            let source = series.source_of(period).unwrap_or_default();
            row(
                out,
                &[
                    "casualties",
                    &series.id,
                    &series.label,
                    &period.from.to_string(),
                    &period.to.to_string(),
                    &period.count.to_string(),
                    &number(period.low),
                    &number(period.high),
                    source,
                    period.note.as_deref().unwrap_or_default(),
                    "",
                    "",
                ],
            )?;
        }
    }
    for event in &dataset.events {
        let end = event.end.unwrap_or(event.date).to_string();
        row(
            out,
            &[
                "event",
                "",
                "",
                &event.date.to_string(),
                &end,
                "",
                "",
                "",
                event.source.as_deref().unwrap_or_default(),
                event.detail.as_deref().unwrap_or_default(),
                &event.title,
                event.category.as_deref().unwrap_or_default(),
            ],
        )?;
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
    fn fields_with_commas_quotes_and_newlines_are_quoted() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
    }
}
