//! Datasets written for an author to continue: `troopline new` (every field once, commented)
//! and `troopline import` (a table's figures as RON, with a source stub to fill and a commented
//! example event). Both pass `troopline check`; its warnings say what is left to fill in.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::warnings::TODO;
use super::{Dataset, Estimate, Event, Period, Point, Source};

/// The dataset `troopline new` writes: every field once, each with a comment.
pub const STARTER: &str = r#"// A troopline dataset (format 1). Every field is shown once below, with what it means;
// the figures are an illustration: replace them with yours, and cite where they come from.
// Check your file with `troopline check FILE`; the format is described in docs/dataset-format.md.
// Comments start with `//`. Optional fields may be left out. Dates are "YYYY-MM-DD".
Dataset(
    // Always 1: the version of this format.
    format: 1,
    // The chart's title (required).
    title: "US troops in Examplestan",
    // A line beside the title (optional).
    subtitle: "An illustration of every field",
    // What a reader must know to read the chart right (optional): exports end "Note: …".
    notes: "Levels are troops in the country on each date; contractors are not counted.",

    // Publications the figures come from. Figures cite them by `id`.
    sources: [
        Source(
            id: "dod",                         // short name, cited by `source: "dod"`
            title: "DoD troop report",         // shown in tooltips
            publisher: "US Department of Defense",
            url: "https://example.org/report", // optional; only http(s) links are opened
            published: "2010-01-31",           // optional
        ),
    ],

    // Troop levels: one series per deployment, each a list of points in date order.
    deployments: [
        Deployment(
            id: "troops",       // unique among deployments
            label: "US troops", // legend label
            source: "dod",      // optional: the source of points that name none
            // Optional: what the series counts, shown in the legend tooltip and Sources panel.
            description: "Troops in the country at the end of each year, as the DoD reported them.",
            // Optional: how the figures were counted. A change of measure breaks the line.
            measure: "reported level",
            points: [
                (date: "2008-01-01", troops: 1000),
                // `low` and `high`: the range of credible figures (drawn as a band);
                // a point may name its own `source`, and a `note` shown with the figure.
                (date: "2009-01-01", troops: 5000, low: 4500, high: 5200, note: "sources disagree",
                    // Figures shown beside the point but not part of its range, with why.
                    estimates: [Estimate(value: 7000, date: "2009-02-15", note: "a press report the DoD did not confirm")]),
                // A point may be counted another way than its series; its note says how.
                (date: "2010-01-01", troops: 0, measure: "announced level", note: "the announced full withdrawal: an announced level, not a count"),
                // `None`: no figure is known for the date, which is not the same as 0 (a gap).
                (date: "2011-01-01", troops: None, note: "no year-end count"),
            ],
        ),
    ],

    // Casualty counts over periods (both days included), drawn as bars. Optional.
    casualties: [
        Casualties(
            id: "deaths",
            label: "US military deaths",
            source: "dod",
            // Optional: what the series counts, and how its periods were chosen.
            description: "Deaths of US service members in the country, by calendar year.",
            // Optional: what is counted, as a plural noun for captions ("deaths per year").
            unit: "deaths",
            periods: [
                (from: "2008-03-01", to: "2008-12-31", count: 12),
                (from: "2009-01-01", to: "2009-12-31", count: 20, low: 18, high: 20, note: "revised",
                    // Other counts for the same period, not part of its range.
                    estimates: [Estimate(value: 25, note: "includes deaths outside the country")]),
                // `None`: no figure is known for the period, which is not the same as 0.
                (from: "2010-01-01", to: "2010-12-31", count: None, note: "not yet published"),
            ],
        ),
    ],

    // Dated events, drawn as lines; with `end`, as a shaded span. Optional.
    events: [
        Event(
            date: "2008-03-01",
            title: "Deployment begins",         // drawn on the chart: keep it short
            detail: "First units arrive.",      // shown on hover
            category: "military",               // colour group, e.g. military, political
            source: "dod",
            importance: 3,                      // 1 minor, 2 normal (default), 3 headline
        ),
        Event(date: "2009-02-01", end: "2009-08-31", title: "Surge", category: "military", source: "dod"),
    ],

    // Named date ranges, offered as one-click views. Optional.
    views: [
        View(title: "Surge", from: "2009-01-01", to: "2009-12-31"),
    ],
)
"#;

/// Writes the starter dataset.
pub fn write_starter(out: &mut dyn Write) -> io::Result<()> {
    out.write_all(STARTER.as_bytes())
}

/// A RON string literal.
fn quoted(text: &str) -> String {
    ron::to_string(text).unwrap_or_else(|_| format!("{text:?}"))
}

fn optional_fields(
    out: &mut String,
    low: Option<u32>,
    high: Option<u32>,
    source: Option<&str>,
    note: Option<&str>,
) {
    if let Some(low) = low {
        let _ = write!(out, ", low: {low}");
    }
    if let Some(high) = high {
        let _ = write!(out, ", high: {high}");
    }
    if let Some(source) = source {
        let _ = write!(out, ", source: {}", quoted(source));
    }
    if let Some(note) = note {
        let _ = write!(out, ", note: {}", quoted(note));
    }
}

fn point(point: &Point) -> String {
    let troops = point
        .troops
        .map_or_else(|| "None".to_owned(), |troops| troops.to_string());
    let mut out = format!("(date: \"{}\", troops: {troops}", point.date);
    optional_fields(
        &mut out,
        point.low,
        point.high,
        point.source.as_deref(),
        point.note.as_deref(),
    );
    if let Some(measure) = point.measure() {
        let _ = write!(out, ", measure: {}", quoted(measure));
    }
    if !point.precision().is_day() {
        let _ = write!(out, ", precision: {:?}", point.precision());
    }
    if !point.kind().is_reported() {
        let _ = write!(out, ", kind: {:?}", point.kind());
    }
    estimates(&mut out, point.estimates());
    out.push(')');
    out
}

fn period(period: &Period) -> String {
    let count = period
        .count
        .map_or_else(|| "None".to_owned(), |count| count.to_string());
    let mut out = format!(
        "(from: \"{}\", to: \"{}\", count: {count}",
        period.from, period.to
    );
    optional_fields(
        &mut out,
        period.low,
        period.high,
        period.source.as_deref(),
        period.note.as_deref(),
    );
    estimates(&mut out, &period.estimates);
    out.push(')');
    out
}

fn estimates(out: &mut String, estimates: &[Estimate]) {
    if estimates.is_empty() {
        return;
    }
    out.push_str(", estimates: [");
    for (i, estimate) in estimates.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let _ = write!(out, "Estimate(value: {}", estimate.value);
        if let Some(date) = estimate.date {
            let _ = write!(out, ", date: \"{date}\"");
        }
        for (name, value) in [("source", &estimate.source), ("note", &estimate.note)] {
            if let Some(value) = value {
                let _ = write!(out, ", {name}: {}", quoted(value));
            }
        }
        if !estimate.precision.is_day() {
            let _ = write!(out, ", precision: {:?}", estimate.precision);
        }
        if !estimate.status.is_shown() {
            let _ = write!(out, ", status: {:?}", estimate.status);
        }
        out.push(')');
    }
    out.push(']');
}

/// The `description:` and `measure:`/`unit:` lines of a series, where given.
fn series_texts(out: &mut String, description: Option<&str>, kind: &str, detail: Option<&str>) {
    if let Some(description) = description {
        let _ = writeln!(out, "            description: {},", quoted(description));
    }
    if let Some(detail) = detail {
        let _ = writeln!(out, "            {kind}: {},", quoted(detail));
    }
}

fn event(event: &Event) -> String {
    let mut line = format!("        Event(date: \"{}\"", event.date);
    if let Some(end) = event.end {
        let _ = write!(line, ", end: \"{end}\"");
    }
    let _ = write!(line, ", title: {}", quoted(&event.title));
    for (name, value) in [
        ("detail", &event.detail),
        ("category", &event.category),
        ("source", &event.source),
    ] {
        if let Some(value) = value {
            let _ = write!(line, ", {name}: {}", quoted(value));
        }
    }
    if let Some(importance) = event.importance {
        let _ = write!(line, ", importance: {}", importance.level());
    }
    line.push_str("),\n");
    line
}

fn source(source: &Source) -> String {
    let mut out = format!(
        "Source(id: {}, title: {}, publisher: {}",
        quoted(&source.id),
        quoted(&source.title),
        quoted(&source.publisher)
    );
    if let Some(url) = &source.url {
        let _ = write!(out, ", url: {}", quoted(url));
    }
    if let Some(published) = source.published {
        let _ = write!(out, ", published: \"{published}\"");
    }
    out.push(')');
    out
}

/// The id for the source stub: `source`, or `source-2`, ... if taken.
fn stub_id(dataset: &Dataset) -> String {
    let taken = |id: &str| dataset.sources.iter().any(|s| s.id == id);
    std::iter::once("source".to_owned())
        .chain((2..).map(|n| format!("source-{n}")))
        .find(|id| !taken(id))
        .unwrap_or_default()
}

/// The `deployments` and `casualties` of an imported dataset; series whose figures cite no
/// source cite the stub `stub`. Also says whether any does.
/// Whether some series has figures that cite no source: the import then writes a stub.
fn uses_stub(dataset: &Dataset) -> bool {
    dataset
        .deployments
        .iter()
        .any(|d| d.source.is_none() && d.points.iter().any(|p| p.source.is_none()))
        || dataset
            .casualties
            .iter()
            .any(|c| c.source.is_none() && c.periods.iter().any(|p| p.source.is_none()))
}

/// Text is handed to the output once it holds this many bytes, so a table of millions of
/// figures is written as it is formatted rather than held whole.
const FLUSH_BYTES: usize = 1 << 16;

/// Writes the deployments and casualties, streaming: memory stays bounded whatever the size.
fn series_section(dataset: &Dataset, stub: &str, out: &mut dyn Write) -> io::Result<()> {
    let needs_stub = |unsourced: bool| unsourced.then_some(stub);
    let mut series = String::new();
    let flush = |series: &mut String, out: &mut dyn Write| -> io::Result<()> {
        if series.len() >= FLUSH_BYTES {
            out.write_all(series.as_bytes())?;
            series.clear();
        }
        Ok(())
    };
    series.push_str("    deployments: [\n");
    for deployment in &dataset.deployments {
        let unsourced =
            deployment.source.is_none() && deployment.points.iter().any(|p| p.source.is_none());
        let default = deployment.source.as_deref().or(needs_stub(unsourced));
        let _ = writeln!(
            series,
            "        Deployment(\n            id: {},\n            label: {},",
            quoted(&deployment.id),
            quoted(&deployment.label)
        );
        if let Some(default) = default {
            let _ = writeln!(series, "            source: {},", quoted(default));
        }
        series_texts(
            &mut series,
            deployment.description.as_deref(),
            "measure",
            deployment.measure.as_deref(),
        );
        if !deployment.line.is_straight() {
            let _ = writeln!(series, "            line: {:?},", deployment.line);
        }
        series.push_str("            points: [\n");
        for p in &deployment.points {
            let _ = writeln!(series, "                {},", point(p));
            flush(&mut series, out)?;
        }
        series.push_str("            ],\n        ),\n");
    }
    series.push_str("    ],\n");
    if dataset.casualties.is_empty() {
        series.push_str("    casualties: [],\n");
    } else {
        series.push_str("    casualties: [\n");
        for casualties in &dataset.casualties {
            let unsourced = casualties.source.is_none()
                && casualties.periods.iter().any(|p| p.source.is_none());
            let default = casualties.source.as_deref().or(needs_stub(unsourced));
            let _ = writeln!(
                series,
                "        Casualties(\n            id: {},\n            label: {},",
                quoted(&casualties.id),
                quoted(&casualties.label)
            );
            if let Some(default) = default {
                let _ = writeln!(series, "            source: {},", quoted(default));
            }
            series_texts(
                &mut series,
                casualties.description.as_deref(),
                "unit",
                casualties.unit.as_deref(),
            );
            series.push_str("            periods: [\n");
            for p in &casualties.periods {
                let _ = writeln!(series, "                {},", period(p));
                flush(&mut series, out)?;
            }
            series.push_str("            ],\n        ),\n");
        }
        series.push_str("    ],\n");
    }
    out.write_all(series.as_bytes())
}

/// Writes `dataset` (read from the table `table_name`) as a commented RON dataset for its
/// author to continue: every series cites a source stub unless its figures already name a
/// source, and an example event shows how to add events.
pub fn write_imported(dataset: &Dataset, table_name: &str, out: &mut dyn Write) -> io::Result<()> {
    let stub = stub_id(dataset);
    let mut text = String::new();
    // A newline in the file's name would end the comment and put the rest into the dataset.
    let _ = writeln!(
        text,
        "// Imported by `troopline import` from {}.",
        super::text::escape_controls(table_name, false)
    );
    let _ = writeln!(
        text,
        "// Still to do: fill in the source `{stub}` below (or cite your own sources), and add events."
    );
    let _ = writeln!(
        text,
        "// `troopline check FILE` lists what is missing; docs/dataset-format.md describes every field."
    );
    text.push_str("Dataset(\n    format: 1,\n");
    let _ = writeln!(text, "    title: {},", quoted(&dataset.title));
    match &dataset.subtitle {
        Some(subtitle) => {
            let _ = writeln!(text, "    subtitle: {},", quoted(subtitle));
        }
        None => text.push_str("    // subtitle: \"A line beside the title\",\n"),
    }
    if let Some(notes) = &dataset.notes {
        let _ = writeln!(text, "    notes: {},", quoted(notes));
    }
    let uses_stub = uses_stub(dataset);
    text.push_str("    sources: [\n");
    if uses_stub {
        let _ = writeln!(
            text,
            "        // {TODO}: say where the figures come from. `troopline check` warns until this is filled in."
        );
        let _ = writeln!(
            text,
            "        Source(id: {}, title: \"{TODO}: title of the publication\", publisher: \"{TODO}: who published it\"),",
            quoted(&stub)
        );
        text.push_str("        // Optional: url: \"https://...\", published: \"YYYY-MM-DD\"\n");
    }
    for s in &dataset.sources {
        let _ = writeln!(text, "        {},", source(s));
    }
    text.push_str("    ],\n");
    out.write_all(text.as_bytes())?;
    text.clear();
    series_section(dataset, &stub, out)?;
    let example = example_date(dataset);
    text.push_str("    events: [\n");
    for e in &dataset.events {
        text.push_str(&event(e));
    }
    let cite = if uses_stub {
        stub.clone()
    } else {
        dataset
            .sources
            .first()
            .map_or_else(|| stub.clone(), |s| s.id.clone())
    };
    let _ = writeln!(
        text,
        "        // Events mark what happened, e.g.:\n        // Event(date: \"{example}\", title: \"What happened\", detail: \"A sentence of context.\", category: \"political\", source: {}),",
        quoted(&cite)
    );
    text.push_str("    ],\n");
    if !dataset.views.is_empty() {
        text.push_str("    views: [\n");
        for view in &dataset.views {
            let _ = writeln!(
                text,
                "        View(title: {}, from: \"{}\", to: \"{}\"),",
                quoted(&view.title),
                view.from,
                view.to
            );
        }
        text.push_str("    ],\n");
    }
    text.push_str(")\n");
    out.write_all(text.as_bytes())
}

/// A day inside the dataset's range, for the example event.
fn example_date(dataset: &Dataset) -> String {
    dataset
        .date_range()
        .map_or_else(|| "2000-01-01".to_owned(), |(first, _)| first.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{load_str, warnings::warnings};

    #[test]
    fn the_starter_passes_check_with_no_warnings() {
        let dataset = load_str(STARTER, "new.ron").unwrap();
        assert!(warnings(&dataset).is_empty());
        assert_eq!(dataset.deployments[0].points[1].high, Some(5200));
        assert_eq!(
            dataset.events[1].end,
            crate::dataset::Date::from_ymd(2009, 8, 31)
        );
    }

    #[test]
    fn an_import_passes_check_and_warns_about_its_stub() {
        let mut dataset = load_str(STARTER, "new.ron").unwrap();
        dataset.sources.clear();
        dataset.deployments[0].source = None;
        dataset.casualties[0].source = None;
        for event in &mut dataset.events {
            event.source = None;
        }
        dataset.deployments[0].label = "Quote \" and \\ and\nnewline".into();
        let mut out = Vec::new();
        write_imported(&dataset, "troops.csv", &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let loaded = load_str(&text, "imported.ron").unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(loaded.deployments[0].label, dataset.deployments[0].label);
        assert_eq!(loaded.deployments[0].points, dataset.deployments[0].points);
        assert_eq!(loaded.casualties[0].periods, dataset.casualties[0].periods);
        assert_eq!(loaded.events, dataset.events);
        assert_eq!(loaded.deployments[0].source.as_deref(), Some("source"));
        // The stub, and the events that cite nothing (the import cannot know their source).
        let warnings = warnings(&loaded);
        assert_eq!(warnings.len(), 1 + dataset.events.len(), "{warnings:?}");
        assert!(warnings[0].message.contains("stub"));
        assert!(
            warnings[1..]
                .iter()
                .all(|w| w.message.contains("cites no source"))
        );
        assert!(text.contains("// Event(date: \"2008-01-01\""), "{text}");
        assert!(text.contains("from troops.csv"));
    }

    #[test]
    fn an_import_with_sources_needs_no_stub() {
        let dataset = load_str(STARTER, "new.ron").unwrap();
        let mut out = Vec::new();
        write_imported(&dataset, "t.csv", &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let loaded = load_str(&text, "imported.ron").unwrap();
        assert_eq!(loaded, dataset);
        assert!(!text.contains("TODO: title"));
    }
}
