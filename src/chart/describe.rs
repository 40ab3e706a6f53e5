//! The words shown when hovering: a point, a bar or an event, with its source.

use crate::dataset::{Dataset, Date};

use super::format::{period, thousands, value_with_range};
use super::model::{ChartModel, values_at};

/// Text of a tooltip: a heading and the lines under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Description {
    /// First line, shown emphasised: the series label or event title.
    pub heading: String,
    /// The rest, one fact per line.
    pub lines: Vec<String>,
}

impl Description {
    /// All text on one line each, for logs and tests.
    pub fn text(&self) -> String {
        std::iter::once(self.heading.as_str())
            .chain(self.lines.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

fn source_line(dataset: &Dataset, own: Option<&str>, fallback: Option<&str>) -> String {
    match own.or(fallback) {
        Some(id) => match dataset.source(id) {
            Some(source) => format!("Source: {}", source.title),
            None => format!("Source: {id}"),
        },
        None => "Source: not given".to_owned(),
    }
}

/// Describes point `index` of deployment `series`, with the other series' values at that date.
pub fn point(
    dataset: &Dataset,
    model: &ChartModel,
    series: usize,
    index: usize,
) -> Option<Description> {
    let deployment = dataset.deployments.get(series)?;
    let point = deployment.points.get(index)?;
    let mut lines = vec![
        point.date.long(),
        format!("{} troops", thousands(u64::from(point.troops))),
    ];
    if point.low.is_some() || point.high.is_some() {
        let range = value_with_range(point.troops, point.low, point.high);
        if let Some((_, range)) = range.split_once(" (range ") {
            lines.push(format!("Sources range: {}", range.trim_end_matches(')')));
        }
    }
    if let Some(note) = &point.note {
        lines.push(format!("Note: {note}"));
    }
    lines.push(source_line(
        dataset,
        point.source.as_deref(),
        deployment.source.as_deref(),
    ));
    let others = others_at(dataset, model, series, point.date);
    if !others.is_empty() {
        lines.push(String::new());
        lines.extend(others);
    }
    Some(Description {
        heading: deployment.label.clone(),
        lines,
    })
}

/// "Other series: value (as of date)" lines for every deployment but `except`.
fn others_at(dataset: &Dataset, model: &ChartModel, except: usize, date: Date) -> Vec<String> {
    values_at(&model.lines, date.to_x())
        .into_iter()
        .enumerate()
        .filter(|(s, _)| *s != except)
        .filter_map(|(s, index)| {
            let deployment = dataset.deployments.get(s)?;
            let point = deployment.points.get(index?)?;
            let when = if point.date == date {
                String::new()
            } else {
                format!(" (as of {})", point.date.long())
            };
            Some(format!(
                "{}: {}{when}",
                deployment.label,
                thousands(u64::from(point.troops))
            ))
        })
        .collect()
}

/// Describes period `index` of casualty series `series`.
pub fn bar(
    dataset: &Dataset,
    model: &ChartModel,
    series: usize,
    index: usize,
) -> Option<Description> {
    let casualties = dataset.casualties.get(series)?;
    let period_data = casualties.periods.get(index)?;
    let bar = model.bars.get(series)?.bars.get(index)?;
    let mut lines = vec![
        period(period_data.from, period_data.to),
        format!("{} people", thousands(u64::from(period_data.count))),
    ];
    if period_data.low.is_some() || period_data.high.is_some() {
        lines.push(format!(
            "Sources range: {}–{}",
            thousands(u64::from(period_data.low.unwrap_or(period_data.count))),
            thousands(u64::from(period_data.high.unwrap_or(period_data.count)))
        ));
    }
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // sum of u32 counts
    let total = bar.cumulative as u64;
    let first = casualties
        .periods
        .first()
        .map_or(period_data.from, |p| p.from);
    lines.push(format!(
        "Total since {}: {}",
        first.long(),
        thousands(total)
    ));
    if let Some(note) = &period_data.note {
        lines.push(format!("Note: {note}"));
    }
    lines.push(source_line(
        dataset,
        period_data.source.as_deref(),
        casualties.source.as_deref(),
    ));
    Some(Description {
        heading: casualties.label.clone(),
        lines,
    })
}

/// Describes event `index` (an index into `Dataset::events`).
pub fn event(dataset: &Dataset, index: usize) -> Option<Description> {
    let event = dataset.events.get(index)?;
    let when = match event.end {
        Some(end) => period(event.date, end),
        None => event.date.long(),
    };
    let mut lines = vec![when];
    if let Some(category) = &event.category {
        lines[0].push_str(&format!(" · {category}"));
    }
    if let Some(detail) = &event.detail {
        lines.push(detail.clone());
    }
    if event.source.is_some() {
        lines.push(source_line(dataset, event.source.as_deref(), None));
    }
    Some(Description {
        heading: event.title.clone(),
        lines,
    })
}
