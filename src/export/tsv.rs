//! The figures in view as tab-separated text, for pasting into a spreadsheet: one row per
//! point or period, a header row first.

use crate::dataset::{Dataset, Date};

/// At most this many rows go to the clipboard: enough for any table someone pastes, and a
/// bound on memory for a ten-million-point dataset.
pub const MAX_ROWS: usize = 100_000;

/// Header row.
const HEADER: [&str; 8] = [
    "series", "from", "to", "value", "low", "high", "source", "note",
];

/// The table and how many figures were in view (more than its rows when capped).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Copied {
    /// Tab-separated rows, header first.
    pub text: String,
    /// Figures in the table.
    pub rows: usize,
    /// Figures in view.
    pub in_view: usize,
}

/// Points dated in `from..=to` (chart x) and periods overlapping it, of the series `shown`.
pub fn figures_in_view(
    dataset: &Dataset,
    (from, to): (f64, f64),
    shown: &dyn Fn(&str) -> bool,
) -> Copied {
    let mut text = HEADER.join("\t");
    text.push('\n');
    let mut rows = 0;
    let mut in_view = 0;
    let mut add = |cells: [&str; 8], text: &mut String| {
        in_view += 1;
        if rows < MAX_ROWS {
            rows += 1;
            let cells: Vec<String> = cells.iter().map(|c| cell(c)).collect();
            text.push_str(&cells.join("\t"));
            text.push('\n');
        }
    };
    let number = |value: Option<u32>| value.map(|v| v.to_string()).unwrap_or_default();
    for series in dataset.deployments.iter().filter(|s| shown(&s.id)) {
        let first = series.points.partition_point(|p| p.date.to_x() < from);
        for point in series.points[first..]
            .iter()
            .take_while(|p| p.date.to_x() <= to)
        {
            let date = point.date.to_string();
            add(
                [
                    &series.label,
                    &date,
                    &date,
                    &number(point.troops),
                    &number(point.low),
                    &number(point.high),
                    source_title(dataset, series.source_of(point)),
                    point.note.as_deref().unwrap_or_default(),
                ],
                &mut text,
            );
        }
    }
    for series in dataset.casualties.iter().filter(|s| shown(&s.id)) {
        let first = series.periods.partition_point(|p| day_after(p.to) <= from);
        for period in series.periods[first..]
            .iter()
            .take_while(|p| p.from.to_x() < to)
        {
            add(
                [
                    &series.label,
                    &period.from.to_string(),
                    &period.to.to_string(),
                    &number(period.count),
                    &number(period.low),
                    &number(period.high),
                    source_title(dataset, series.source_of(period)),
                    period.note.as_deref().unwrap_or_default(),
                ],
                &mut text,
            );
        }
    }
    Copied {
        text,
        rows,
        in_view,
    }
}

fn day_after(date: Date) -> f64 {
    date.to_x() + 1.0
}

fn source_title<'a>(dataset: &'a Dataset, id: Option<&'a str>) -> &'a str {
    id.map(|id| dataset.source(id).map_or(id, |s| s.title.as_str()))
        .unwrap_or_default()
}

/// A cell as a spreadsheet should see it: on one line, and never taken for a formula.
fn cell(text: &str) -> String {
    let flat: String = text
        .chars()
        .map(|c| {
            if matches!(c, '\t' | '\n' | '\r') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let numeric = flat.parse::<f64>().is_ok();
    if !numeric && flat.starts_with(['=', '+', '-', '@']) {
        format!("'{flat}")
    } else {
        flat
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::load_str;

    const TEXT: &str = r#"Dataset(format: 1, title: "T",
        sources: [Source(id: "s", title: "Report", publisher: "P")],
        deployments: [Deployment(id: "a", label: "Troops", source: "s", points: [
            (date: "2000-01-01", troops: 10), (date: "2001-01-01", troops: 30, high: 40, note: "=1+1"),
            (date: "2002-01-01", troops: 20, note: "two\tlines\nhere")]),
            Deployment(id: "hidden", label: "Hidden", points: [(date: "2001-01-01", troops: 1)])],
        casualties: [Casualties(id: "c", label: "Deaths", periods: [
            (from: "2000-01-01", to: "2000-12-31", count: 5),
            (from: "2001-01-01", to: "2001-12-31", count: 7)])])"#;

    fn x(date: &str) -> f64 {
        Date::parse(date).map_or(f64::NAN, Date::to_x)
    }

    #[test]
    fn only_shown_figures_in_view_are_copied() {
        let dataset = load_str(TEXT, "t").unwrap_or_else(|e| panic!("{e}"));
        let copied = figures_in_view(&dataset, (x("2000-06-01"), x("2002-06-01")), &|id| {
            id != "hidden"
        });
        let lines: Vec<&str> = copied.text.lines().collect();
        assert_eq!(lines[0], "series\tfrom\tto\tvalue\tlow\thigh\tsource\tnote");
        assert_eq!(
            lines[1],
            "Troops\t2001-01-01\t2001-01-01\t30\t\t40\tReport\t'=1+1"
        );
        assert_eq!(
            lines[2],
            "Troops\t2002-01-01\t2002-01-01\t20\t\t\tReport\ttwo lines here"
        );
        assert_eq!(lines[3], "Deaths\t2000-01-01\t2000-12-31\t5\t\t\t\t");
        assert_eq!(lines[4], "Deaths\t2001-01-01\t2001-12-31\t7\t\t\t\t");
        assert_eq!((copied.rows, copied.in_view, lines.len()), (4, 4, 5));
    }

    #[test]
    fn numbers_stay_numbers_and_text_never_becomes_a_formula() {
        assert_eq!(cell("-5"), "-5");
        assert_eq!(cell("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("plain"), "plain");
    }
}
