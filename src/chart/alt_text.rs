//! Alt text: a short, factual description of the chart as drawn, in plain sentences a screen
//! reader or a CMS alt-text field can take (`troopline describe`, the SVG's `<desc>`, the PDF's
//! subject, Copy alt text in the window).
//!
//! Rules: it says only what the chart shows for the range and series in view. The figures of
//! the summary line are the summary line's own ([`describe::visible_summary`]), quoted, never
//! recounted here, so the two cannot disagree. What the summary does not say (the latest
//! figure, the largest period, the events, the sources) is read from the same plot model the
//! chart draws.

use crate::dataset::{Dataset, Date};

/// How far before a view's (exclusive) end its last day is looked up.
const LAST_INSTANT: f64 = 1e-6;

use super::describe;
use super::format::thousands;
use super::model::ChartModel;

/// What is in view, as the source line takes it: one description of a view for both.
pub use super::citations::InView;

/// Publishers named in the alt text; the rest are counted, as on the chart's source line.
const MAX_PUBLISHERS: usize = 8;

/// The alt text of the chart of `dataset` as drawn for `view`: one paragraph of sentences.
pub fn alt_text(dataset: &Dataset, model: &ChartModel, view: &InView<'_>) -> String {
    let mut sentences = Vec::new();
    let mut what = format!("Chart: {}", dataset.title.trim());
    if let Some(subtitle) = dataset.subtitle.as_deref().map(str::trim)
        && !subtitle.is_empty()
    {
        what.push_str(&format!(" ({subtitle})"));
    }
    sentences.push(what);
    let shown_lines: Vec<&str> = dataset
        .deployments
        .iter()
        .filter(|d| (view.series)(&d.id))
        .map(|d| d.label.as_str())
        .collect();
    let shown_bars: Vec<&str> = dataset
        .casualties
        .iter()
        .filter(|c| (view.series)(&c.id))
        .map(|c| c.label.as_str())
        .collect();
    let mut kinds = Vec::new();
    if !shown_lines.is_empty() {
        kinds.push(format!("lines of {}", list(&shown_lines)));
    }
    if !shown_bars.is_empty() {
        kinds.push(format!("bars of {}", list(&shown_bars)));
    }
    // A whole-data view is padded on both sides; the words name the days with data. The
    // view's end is the end of its last day (exclusive): `--to 2011-12-31` ends at the first
    // instant of 1 Jan 2012, and its last day is 31 Dec.
    let (first, last) = model.x_range;
    let range = match (
        Date::from_x(view.from.max(first)),
        Date::from_x(view.to.min(last) - LAST_INSTANT),
    ) {
        (Some(from), Some(to)) => format!(" from {} to {}", from.long(), to.long()),
        _ => String::new(),
    };
    if kinds.is_empty() {
        sentences.push(format!("No series is shown{range}"));
    } else {
        sentences.push(format!("It shows {}{range}", kinds.join(" and ")));
    }
    let summary = describe::visible_summary(dataset, model, view.series, view.from, view.to);
    if !summary.is_empty() {
        sentences.push(format!("In view: {}", summary.replace(" · ", "; ")));
    }
    let latest = latest_figures(dataset, model, view);
    if !latest.is_empty() {
        sentences.push(format!("Latest: {}", latest.join("; ")));
    }
    let largest = largest_periods(dataset, model, view);
    if !largest.is_empty() {
        sentences.push(format!("Largest period: {}", largest.join("; ")));
    }
    let events = dataset
        .events
        .iter()
        .filter(|event| {
            let x = event.date.to_x();
            x >= view.from && x <= view.to && (view.event)(event)
        })
        .count();
    sentences.push(match events {
        0 => "No events are marked".to_owned(),
        1 => "1 event is marked".to_owned(),
        n => format!("{} events are marked", thousands(n as u64)),
    });
    // The publishers, as the chart's source line names them: a few, then how many more.
    let sources = super::citations::publishers_in_view(dataset, view, MAX_PUBLISHERS);
    if !sources.is_empty() {
        sentences.push(format!("Sources: {sources}"));
    }
    let mut text = String::new();
    for sentence in sentences {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(sentence.trim_end_matches('.'));
        text.push('.');
    }
    text
}

/// "a, b and c".
fn list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The last point in view of each shown troop series: "US troops 2,500 (1 Jan 2024)".
fn latest_figures(dataset: &Dataset, model: &ChartModel, view: &InView<'_>) -> Vec<String> {
    let mut out = Vec::new();
    for (line, deployment) in model.lines.iter().zip(&dataset.deployments) {
        if !(view.series)(&line.id) {
            continue;
        }
        let last = line.xs.partition_point(|&x| x <= view.to);
        let first = line.xs.partition_point(|&x| x < view.from);
        // The last figure known: an unknown point is a gap, never a latest figure.
        let latest = deployment
            .points
            .get(first..last)
            .unwrap_or_default()
            .iter()
            .rev()
            .find_map(|point| point.troops.map(|troops| (point, troops)));
        if let Some((point, troops)) = latest {
            out.push(format!(
                "{} {} ({})",
                deployment.label,
                thousands(u64::from(troops)),
                point.date_label()
            ));
        }
    }
    out
}

/// The period with the largest known count in view of each shown casualty series, among the
/// periods the summary counts (every period drawn, including those across an edge of the view).
fn largest_periods(dataset: &Dataset, model: &ChartModel, view: &InView<'_>) -> Vec<String> {
    let mut out = Vec::new();
    for (bars, series) in model.bars.iter().zip(&dataset.casualties) {
        if !(view.series)(&bars.id) {
            continue;
        }
        let first = bars.bars.partition_point(|bar| bar.end <= view.from);
        let last = bars.bars.partition_point(|bar| bar.start < view.to);
        let largest = (first..last)
            .filter_map(|i| bars.bars[i].count.map(|count| (i, count)))
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((i, count)) = largest
            && let Some(period) = series.periods.get(i)
        {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // a u32 count
            let count = count.max(0.0).round() as u64;
            let unit = series
                .unit
                .as_deref()
                .map(str::trim)
                .filter(|unit| !unit.is_empty())
                .map_or_else(String::new, |unit| format!(" {unit}"));
            out.push(format!(
                "{} {}{unit} ({} to {})",
                series.label,
                thousands(count),
                period.from.long(),
                period.to.long()
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{Event, builtin};

    fn whole(dataset: &Dataset) -> (f64, f64) {
        let (first, last) = dataset.date_range().unwrap();
        (first.to_x(), last.to_x() + 1.0)
    }

    #[test]
    fn the_alt_text_quotes_the_summary_line_and_adds_latest_events_and_sources() {
        let dataset = builtin().unwrap();
        let model = ChartModel::new(&dataset);
        let (from, to) = whole(&dataset);
        let all = |_: &str| true;
        let every = |_: &Event| true;
        let view = InView {
            series: &all,
            event: &every,
            from,
            to,
        };
        let text = alt_text(&dataset, &model, &view);
        let summary = describe::visible_summary(&dataset, &model, &all, from, to);
        for part in summary.split(" · ") {
            assert!(text.contains(part), "{part:?} in {text}");
        }
        assert!(
            text.starts_with(&format!("Chart: {}", dataset.title)),
            "{text}"
        );
        assert!(text.contains("peak 170,000 (Oct 2007)"), "{text}");
        assert!(text.contains("Latest: "), "{text}");
        let events = dataset
            .events
            .iter()
            .filter(|e| e.date.to_x() >= from && e.date.to_x() <= to)
            .count();
        assert!(
            text.contains(&format!("{events} events are marked")),
            "{text}"
        );
        assert!(text.contains("Sources: "), "{text}");
        assert!(!text.contains('\n'));
        // Hidden events and series are not described.
        let none = |_: &Event| false;
        let troops_only = |id: &str| dataset.deployments.iter().any(|d| d.id == id);
        let view = InView {
            series: &troops_only,
            event: &none,
            from,
            to,
        };
        let text = alt_text(&dataset, &model, &view);
        assert!(text.contains("No events are marked"), "{text}");
        assert!(!text.contains("bars of"), "{text}");
        assert!(!text.contains("Largest period"), "{text}");
    }

    #[test]
    fn the_range_names_the_first_and_last_day_in_view() {
        let dataset = builtin().unwrap();
        let model = ChartModel::new(&dataset);
        let all = |_: &str| true;
        let every = |_: &Event| true;
        let x = |text: &str| Date::parse(text).unwrap().to_x();
        // `--from 2007-01-01 --to 2011-12-31`: the view ends where 1 Jan 2012 begins.
        let view = InView {
            series: &all,
            event: &every,
            from: x("2007-01-01"),
            to: x("2012-01-01"),
        };
        let text = alt_text(&dataset, &model, &view);
        assert!(text.contains("from 1 Jan 2007 to 31 Dec 2011"), "{text}");
        // A view that ends part-way through a day names that day.
        let view = InView {
            series: &all,
            event: &every,
            from: x("2007-01-01"),
            to: x("2011-06-15") + 0.5,
        };
        let text = alt_text(&dataset, &model, &view);
        assert!(text.contains("to 15 Jun 2011"), "{text}");
        // The whole data: its first and last days.
        let (from, to) = whole(&dataset);
        let view = InView {
            series: &all,
            event: &every,
            from,
            to,
        };
        let (first, last) = dataset.date_range().unwrap();
        let text = alt_text(&dataset, &model, &view);
        assert!(
            text.contains(&format!("from {} to {}", first.long(), last.long())),
            "{text}"
        );
    }

    #[test]
    fn a_narrow_range_describes_only_what_is_in_it() {
        let dataset = builtin().unwrap();
        let model = ChartModel::new(&dataset);
        let x = |d: &str| Date::parse(d).unwrap().to_x();
        let all = |_: &str| true;
        let every = |_: &Event| true;
        let view = InView {
            series: &all,
            event: &every,
            from: x("2015-01-01"),
            to: x("2025-01-01"),
        };
        let text = alt_text(&dataset, &model, &view);
        assert!(!text.contains("170,000"), "{text}");
        assert!(text.contains("from 1 Jan 2015"), "{text}");
        let summary = describe::visible_summary(&dataset, &model, &all, view.from, view.to);
        assert!(text.contains(&summary.replace(" · ", "; ")), "{text}");
    }

    #[test]
    fn the_sources_are_those_of_what_the_view_draws() {
        let dataset = builtin().unwrap();
        let model = ChartModel::new(&dataset);
        let x = |d: &str| Date::parse(d).unwrap().to_x();
        let troops_only = |id: &str| dataset.deployments.iter().any(|d| d.id == id);
        let none = |_: &Event| false;
        let view = InView {
            series: &troops_only,
            event: &none,
            from: x("2004-01-01"),
            to: x("2006-12-31"),
        };
        let text = alt_text(&dataset, &model, &view);
        let sources = &text[text.find("Sources: ").expect("a sources sentence")..];
        // A troops-only view of 2004-06 credits no casualty count and no later report.
        assert!(!sources.contains("Iraq Body Count"), "{sources}");
        assert!(!sources.contains("Military.com"), "{sources}");
        assert!(sources.contains("Associated Press"), "{sources}");
    }
}
