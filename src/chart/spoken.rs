//! What a screen reader says for a focused mark: the tooltip's facts as sentences, with
//! months spelled out and ranges said "from … to …", since "Oct" and "–" read badly aloud.
//!
//! Rules: the series (or event) comes first, then the date at the precision the data has
//! (a day, a period, a span), then the figure, then the range, then the source. Nothing here
//! is said that the tooltip does not show.

use crate::dataset::{Dataset, Date, PointKind, Precision};

use super::describe;
use super::format::thousands;
use super::model::ChartModel;
use super::navigation::Mark;

/// "15 October 2007".
fn day(date: Date) -> String {
    date.naive().format("%-d %B %Y").to_string()
}

/// A date as spoken, to the precision its source gave: "October 2007", never a day it did
/// not give.
fn date_to(date: Date, precision: Precision) -> String {
    match precision {
        Precision::Day => day(date),
        Precision::Month => date.naive().format("%B %Y").to_string(),
        Precision::Year => date.year().to_string(),
    }
}

/// A period as spoken: "2007", "1 January to 30 June 2001".
fn period(from: Date, to: Date) -> String {
    if from == to {
        return day(from);
    }
    let whole_year = from.year() == to.year()
        && (from.month(), from.day()) == (1, 1)
        && (to.month(), to.day()) == (12, 31);
    if whole_year {
        return from.year().to_string();
    }
    let start = if from.year() == to.year() {
        from.naive().format("%-d %B").to_string()
    } else {
        day(from)
    };
    format!("{start} to {}", day(to))
}

fn source(dataset: &Dataset, id: Option<&str>) -> String {
    match id {
        Some(id) => match dataset.source(id) {
            Some(source) => format!("Source: {}.", source.title),
            None => format!("Source: {id}."),
        },
        None => "Source not given.".to_owned(),
    }
}

/// The sentence for `mark`, or `None` when it no longer exists.
pub fn mark(dataset: &Dataset, model: &ChartModel, mark: Mark) -> Option<String> {
    match mark {
        Mark::Point { series, index } => point(dataset, model, series, index),
        Mark::Bar { series, index } => bar(dataset, model, series, index),
        Mark::Event(e) => event(dataset, model.events.get(e)?.index),
    }
}

/// "US troops in Iraq, 15 October 2007: 170,000 troops, range 165,607 to 172,000 across
/// sources. Source: Associated Press."
pub fn point(dataset: &Dataset, model: &ChartModel, series: usize, index: usize) -> Option<String> {
    let deployment = dataset.deployments.get(series)?;
    let point = deployment.points.get(index)?;
    let line = model.lines.get(series)?;
    let when = date_to(point.date, point.precision());
    let mut text = match point.troops {
        Some(troops) => {
            let mut text = format!(
                "{}, {when}: {} troops",
                deployment.label,
                thousands(u64::from(troops))
            );
            if point.low.is_some() || point.high.is_some() {
                let end = |v: Option<u32>| thousands(u64::from(v.unwrap_or(troops)));
                text.push_str(&format!(
                    ", range {} to {} across sources",
                    end(point.low),
                    end(point.high)
                ));
            }
            text
        }
        None => format!(
            "{}, {when}: no figure, unknown, not zero; the line has a gap here",
            deployment.label
        ),
    };
    text.push('.');
    let kind = point.kind();
    if kind != PointKind::Reported {
        text.push_str(&format!(" Kind: {}, not a reported level.", kind.name()));
    }
    if let Some(measure) = line.measure_at(index) {
        text.push_str(&format!(" Measure: {measure}."));
    }
    if line.breaks.contains(&index) {
        text.push_str(" The measure changes here: the step from the previous point is not a change in troop numbers.");
    }
    if let Some(note) = &point.note {
        text.push_str(&format!(" Note: {}", sentence(note)));
    }
    text.push(' ');
    text.push_str(&source(dataset, deployment.source_of(point)));
    let rejected = point.estimates().iter().filter(|e| !e.is_drawn()).count();
    match point.estimates().len() - rejected {
        0 => {}
        1 => text.push_str(" 1 other estimate, not part of the range."),
        n => text.push_str(&format!(" {n} other estimates, not part of the range.")),
    }
    match rejected {
        0 => {}
        1 => text.push_str(" 1 rejected figure, not drawn."),
        n => text.push_str(&format!(" {n} rejected figures, not drawn.")),
    }
    text.push_str(&format!(
        " Point {} of {}.",
        index + 1,
        deployment.points.len()
    ));
    Some(text)
}

/// "US military deaths, 2007: 904 deaths. Total since 20 March 2003: 3,904. Source: …"
pub fn bar(dataset: &Dataset, model: &ChartModel, series: usize, index: usize) -> Option<String> {
    let casualties = dataset.casualties.get(series)?;
    let data = casualties.periods.get(index)?;
    let bars = model.bars.get(series)?;
    let unit = casualties.unit();
    let when = period(data.from, data.to);
    let mut text = match data.count {
        Some(count) => {
            let mut text = format!(
                "{}, {when}: {} {unit}",
                casualties.label,
                thousands(u64::from(count))
            );
            if data.low.is_some() || data.high.is_some() {
                let end = |v: Option<u32>| thousands(u64::from(v.unwrap_or(count)));
                text.push_str(&format!(
                    ", range {} to {} across sources",
                    end(data.low),
                    end(data.high)
                ));
            }
            text.push('.');
            // The running total, as the tooltip gives it.
            if let Some(bar) = bars.bars.get(index)
                && let Some(first) = casualties.periods.first()
            {
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // sum of u32s
                let total = bar.cumulative as u64;
                text.push_str(&format!(
                    " Total since {}: {}.",
                    day(first.from),
                    thousands(total)
                ));
            }
            if let Some(note) = &data.note {
                text.push_str(&format!(" Note: {}", sentence(note)));
            }
            text.push(' ');
            text.push_str(&source(dataset, casualties.source_of(data)));
            text
        }
        None => {
            let mut text = format!(
                "{}, {when}: no figure, unknown, not zero.",
                casualties.label
            );
            if let Some(note) = &data.note {
                text.push_str(&format!(" Note: {}", sentence(note)));
            }
            text
        }
    };
    text.push_str(&format!(
        " Period {} of {}.",
        index + 1,
        casualties.periods.len()
    ));
    Some(text)
}

/// "Event, 20 March 2003: Invasion of Iraq. Category: war. Detail. Source: …"
pub fn event(dataset: &Dataset, index: usize) -> Option<String> {
    let event = dataset.events.get(index)?;
    let when = match event.end {
        Some(end) => period(event.date, end),
        None => day(event.date),
    };
    let mut text = format!("Event, {when}: {}", sentence(&event.title));
    if let Some(category) = &event.category {
        text.push_str(&format!(" Category: {}", sentence(category)));
    }
    if let Some(detail) = &event.detail {
        text.push(' ');
        text.push_str(&sentence(detail));
    }
    if event.source.is_some() {
        text.push(' ');
        text.push_str(&source(dataset, event.source.as_deref()));
    }
    Some(text)
}

/// The chart's own name and description: the title, and the "In view" summary line.
pub fn chart(
    dataset: &Dataset,
    model: &ChartModel,
    shown: &dyn Fn(&str) -> bool,
    (from, to): (f64, f64),
) -> (String, String) {
    let summary = describe::visible_summary(dataset, model, shown, from, to);
    let between = match (Date::from_x(from), Date::from_x(to)) {
        (Some(a), Some(b)) => format!("Chart, {} to {}. ", day(a), day(b)),
        _ => "Chart. ".to_owned(),
    };
    let description = format!(
        "{between}In view: {}. Arrow keys move from point to point, up and down between series; Enter zooms to the point.",
        spoken_ranges(&summary)
    );
    (dataset.title.clone(), description)
}

/// `text` ending in a full stop, with number ranges said "from … to …".
fn sentence(text: &str) -> String {
    let text = spoken_ranges(text.trim());
    if text.ends_with(['.', '!', '?']) {
        text
    } else {
        format!("{text}.")
    }
}

/// "168,000–169,000" as "168,000 to 169,000": a screen reader says "dash", or nothing, for an
/// en dash. Dashes between words ("US–Iraq") stay.
fn spoken_ranges(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let between_digits = i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if c == '–' && between_digits {
            out.push_str(" to ");
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{builtin, load_str};

    #[test]
    fn a_point_is_said_with_its_figure_date_range_and_source() {
        let dataset = builtin().unwrap();
        let model = ChartModel::new(&dataset);
        let index = dataset.deployments[0]
            .points
            .iter()
            .position(|p| p.troops == Some(170_000))
            .unwrap();
        let text = point(&dataset, &model, 0, index).unwrap();
        assert!(
            text.starts_with(&format!(
                "{}, October 2007: 170,000 troops",
                dataset.deployments[0].label
            )),
            "{text}"
        );
        assert!(text.contains("Source: "), "{text}");
        assert!(!text.contains("0–"), "{text}");
        assert_eq!(spoken_ranges("US–Iraq, 2014–2017"), "US–Iraq, 2014 to 2017");
    }

    const SMALL: &str = r#"Dataset(format: 1, title: "T",
        sources: [Source(id: "s", title: "Report S", publisher: "P")],
        deployments: [Deployment(id: "a", label: "Troops", source: "s", points: [
            (date: "2000-01-01", troops: 10, low: 8, high: 12),
            (date: "2001-01-01", troops: 30)])],
        casualties: [Casualties(id: "c", label: "Deaths", source: "s", unit: "deaths", periods: [
            (from: "2000-01-01", to: "2000-12-31", count: 5, high: 6),
            (from: "2001-01-01", to: "2001-06-30", count: None, note: "not published")])],
        events: [Event(date: "2000-03-20", end: "2000-05-01", title: "Invasion",
            category: "war", detail: "Ground war", source: "s")])"#;

    #[test]
    fn points_bars_and_events_read_as_sentences() {
        let dataset = load_str(SMALL, "t").unwrap();
        let model = ChartModel::new(&dataset);
        assert_eq!(
            point(&dataset, &model, 0, 0).unwrap(),
            "Troops, 1 January 2000: 10 troops, range 8 to 12 across sources. Source: Report S. Point 1 of 2."
        );
        assert_eq!(
            bar(&dataset, &model, 0, 0).unwrap(),
            "Deaths, 2000: 5 deaths, range 5 to 6 across sources. Total since 1 January 2000: 5. Source: Report S. Period 1 of 2."
        );
        assert_eq!(
            bar(&dataset, &model, 0, 1).unwrap(),
            "Deaths, 1 January to 30 June 2001: no figure, unknown, not zero. Note: not published. Period 2 of 2."
        );
        assert_eq!(
            event(&dataset, 0).unwrap(),
            "Event, 20 March to 1 May 2000: Invasion. Category: war. Ground war. Source: Report S."
        );
        assert_eq!(mark(&dataset, &model, Mark::Event(0)), event(&dataset, 0));
        assert_eq!(
            mark(
                &dataset,
                &model,
                Mark::Point {
                    series: 3,
                    index: 0
                }
            ),
            None
        );
    }

    #[test]
    fn the_chart_is_named_by_its_title_and_described_by_its_summary() {
        let dataset = load_str(SMALL, "t").unwrap();
        let model = ChartModel::new(&dataset);
        let x = |d: &str| Date::parse(d).unwrap().to_x();
        let (name, description) = chart(
            &dataset,
            &model,
            &|_| true,
            (x("2000-01-01"), x("2002-01-01")),
        );
        assert_eq!(name, "T");
        assert!(
            description
                .starts_with("Chart, 1 January 2000 to 1 January 2002. In view: Troops: peak 30"),
            "{description}"
        );
    }
}
