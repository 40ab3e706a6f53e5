//! The words shown when hovering: a point, a bar or an event, with its source.

use crate::dataset::{Dataset, Date};

use super::format::{period, source_range, thousands};
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

fn source_line(dataset: &Dataset, id: Option<&str>) -> String {
    match id {
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
    if let Some(range) = source_range(point.troops, point.low, point.high) {
        lines.push(format!("Sources range: {range}"));
    }
    if let Some(note) = &point.note {
        lines.push(format!("Note: {note}"));
    }
    lines.push(source_line(dataset, deployment.source_of(point)));
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
    if let Some(range) = source_range(period_data.count, period_data.low, period_data.high) {
        lines.push(format!("Sources range: {range}"));
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
    lines.push(source_line(dataset, casualties.source_of(period_data)));
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
        lines.push(source_line(dataset, event.source.as_deref()));
    }
    Some(Description {
        heading: event.title.clone(),
        lines,
    })
}

/// Describes a group of nearby events (indices into `ChartModel::events`).
pub fn event_group(
    dataset: &Dataset,
    model: &ChartModel,
    members: &[usize],
) -> Option<Description> {
    const LISTED: usize = 8;
    let mut lines: Vec<String> = members
        .iter()
        .take(LISTED)
        .filter_map(|&m| dataset.events.get(model.events.get(m)?.index))
        .map(|e| format!("{}  {}", e.date, e.title))
        .collect();
    if members.len() > LISTED {
        lines.push(format!("… and {} more", members.len() - LISTED));
    }
    lines.push("Zoom in to see them one by one".to_owned());
    Some(Description {
        heading: format!("{} events", members.len()),
        lines,
    })
}

/// One line about what is visible between `from` and `to`: the peak of each shown troop series
/// and the total of each shown casualty series over the periods that start in view.
pub fn visible_summary(
    dataset: &Dataset,
    model: &ChartModel,
    shown: &dyn Fn(&str) -> bool,
    from: f64,
    to: f64,
) -> String {
    let mut parts = Vec::new();
    for (line, deployment) in model.lines.iter().zip(&dataset.deployments) {
        if !shown(&line.id) {
            continue;
        }
        let first = line.xs.partition_point(|&x| x < from);
        let last = line.xs.partition_point(|&x| x <= to);
        if first < last {
            // The block index finds the peak without visiting every point in view.
            let (_, peak) = line.extremes.range(&line.ys, first, last);
            if let Some(point) = deployment.points.get(peak) {
                parts.push(format!(
                    "{}: peak {} ({})",
                    deployment.label,
                    thousands(u64::from(point.troops)),
                    point.date.long()
                ));
            }
        }
    }
    for (bars, series) in model.bars.iter().zip(&dataset.casualties) {
        if !shown(&bars.id) {
            continue;
        }
        let first = bars.bars.partition_point(|bar| bar.start < from);
        let last = bars.bars.partition_point(|bar| bar.start <= to);
        if first < last {
            // Running totals give the sum of any run of periods in constant time.
            let before = if first == 0 {
                0.0
            } else {
                bars.bars[first - 1].cumulative
            };
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // sums of u32 counts
            let total = (bars.bars[last - 1].cumulative - before) as u64;
            let (start, end) = (series.periods[first].from, series.periods[last - 1].to);
            parts.push(format!(
                "{}: {} ({}–{})",
                series.label,
                thousands(total),
                start.year(),
                end.year()
            ));
        }
    }
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::builtin;

    #[test]
    fn point_descriptions_name_value_date_and_source() {
        let dataset = builtin().unwrap();
        let model = ChartModel::new(&dataset);
        let index = dataset.deployments[0]
            .points
            .iter()
            .position(|p| p.troops == 170_000)
            .unwrap();
        let text = point(&dataset, &model, 0, index).unwrap().text();
        assert!(
            text.contains("15 Oct 2007")
                && text.contains("170,000 troops")
                && text.contains("Source: "),
            "{text}"
        );
    }

    #[test]
    fn the_summary_follows_the_visible_range() {
        let dataset = builtin().unwrap();
        let model = ChartModel::new(&dataset);
        let all = |_: &str| true;
        let x = |d: &str| Date::parse(d).unwrap().to_x();
        let whole = visible_summary(&dataset, &model, &all, x("2003-01-01"), x("2025-01-01"));
        assert!(whole.contains("peak 170,000 (15 Oct 2007)"), "{whole}");
        let later = visible_summary(&dataset, &model, &all, x("2015-01-01"), x("2025-01-01"));
        assert!(!later.contains("170,000"), "{later}");
        let deaths_2007 = visible_summary(&dataset, &model, &all, x("2007-01-01"), x("2007-06-01"));
        assert!(
            deaths_2007.contains("US military deaths in Iraq: 904 (2007–2007)"),
            "{deaths_2007}"
        );
    }
}
