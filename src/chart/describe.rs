//! The words shown when hovering: a point, a bar or an event, with its source.

use crate::dataset::{Casualties, Dataset, Date, Estimate, Point, PointKind};

use super::format::{self, period, source_range, thousands};
use super::model::{BarSeries, ChartModel, NoData, values_at};

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

/// "170,000 troops", or for an unknown figure, that it is unknown.
fn troops_words(troops: Option<u32>) -> String {
    match troops {
        Some(troops) => format!("{} troops", thousands(u64::from(troops))),
        None => "No figure for this date: unknown, not zero (a gap in the line)".to_owned(),
    }
}

/// The day an estimate applies to, as precisely as its source gave it: an estimate without a
/// date of its own shares the point's date and precision.
fn estimate_date_label(estimate: &Estimate, point: &Point) -> String {
    match estimate.date {
        Some(date) => date.label(estimate.precision),
        None => point.date_label(),
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

/// Describes point `index` of deployment `series`: its figure, measure, range, other
/// estimates, source, and the other series' values at that date.
pub fn point(
    dataset: &Dataset,
    model: &ChartModel,
    series: usize,
    index: usize,
) -> Option<Description> {
    let deployment = dataset.deployments.get(series)?;
    let point = deployment.points.get(index)?;
    let line = model.lines.get(series)?;
    let mut lines = vec![point.date_label(), troops_words(point.troops)];
    let kind = point.kind();
    if kind != PointKind::Reported {
        lines.push(format!("Kind: {}, not a reported level", kind.name()));
    }
    if let Some(measure) = line.measure_at(index) {
        lines.push(format!("Measure: {measure}"));
    }
    if line.breaks.contains(&index) {
        lines.push(format!(
            "The measure changes here (before: {}): the step from the previous point is not a \
             change in troop numbers",
            line.measure_at(index - 1).unwrap_or("none given")
        ));
    }
    if line.breaks.contains(&(index + 1)) {
        lines.push(format!(
            "The next point is another measure ({}): the step to it is not a change in troop \
             numbers",
            line.measure_at(index + 1).unwrap_or("none given")
        ));
    }
    if let Some(range) = point
        .troops
        .and_then(|troops| source_range(troops, point.low, point.high))
    {
        lines.push(format!("Range across sources for this date: {range}"));
    }
    if let Some(note) = &point.note {
        lines.push(format!("Note: {note}"));
    }
    lines.push(source_line(dataset, deployment.source_of(point)));
    if !point.estimates().is_empty() {
        lines.push(String::new());
        lines.push("Other estimates, not part of the range:".to_owned());
        for estimate in point.estimates() {
            let date = estimate.date_for(point);
            let when = if date == point.date {
                String::new()
            } else {
                format!("{}; ", estimate_date_label(estimate, point))
            };
            let source = deployment
                .estimate_source(point, estimate)
                .map(|id| dataset.source(id).map_or(id, |s| s.title.as_str()))
                .unwrap_or("source not given");
            let mut text = format!("{} ({when}{source})", thousands(u64::from(estimate.value)));
            if !estimate.is_drawn() {
                text.push_str(", rejected, not drawn");
            }
            if let Some(note) = &estimate.note {
                text.push_str(&format!(": {note}"));
            }
            lines.push(text);
        }
    }
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

/// Describes estimate marker `mark` (an index into `LineSeries::estimates`) of deployment
/// `series`: a figure shown beside the line, and why it is not part of the range.
pub fn estimate(
    dataset: &Dataset,
    model: &ChartModel,
    series: usize,
    mark: usize,
) -> Option<Description> {
    let deployment = dataset.deployments.get(series)?;
    let mark = model.lines.get(series)?.estimates.get(mark)?;
    let point = deployment.points.get(mark.point)?;
    let estimate = point.estimates().get(mark.estimate)?;
    let date = estimate.date_for(point);
    let mut lines = vec![
        estimate_date_label(estimate, point),
        format!(
            "{} troops: another estimate, not part of the charted range",
            thousands(u64::from(estimate.value))
        ),
    ];
    if let Some(note) = &estimate.note {
        lines.push(format!("Note: {note}"));
    }
    lines.push(source_line(
        dataset,
        deployment.estimate_source(point, estimate),
    ));
    let figure = point.troops.map_or_else(
        || "no figure (unknown)".to_owned(),
        |troops| thousands(u64::from(troops)),
    );
    let charted = if date == point.date {
        format!("Charted for this date: {figure}")
    } else {
        format!(
            "Listed with the charted figure of {}: {figure}",
            point.date_label()
        )
    };
    lines.push(charted);
    Some(Description {
        heading: format!("{}: other estimate", deployment.label),
        lines,
    })
}

/// The legend tooltip of deployment `series`: what it measures, and its measures over time.
pub fn line_legend(dataset: &Dataset, model: &ChartModel, series: usize) -> Option<Description> {
    let deployment = dataset.deployments.get(series)?;
    let line = model.lines.get(series)?;
    let mut lines: Vec<String> = deployment.description.iter().cloned().collect();
    if line.measure_runs.len() > 1 {
        lines.push("Measures, in date order (the line breaks where they change):".to_owned());
        for (run_index, run) in line.measure_runs.iter().enumerate() {
            let last = line
                .measure_runs
                .get(run_index + 1)
                .map_or(deployment.points.len(), |next| next.first)
                .saturating_sub(1);
            let (Some(first), Some(last)) = (
                deployment.points.get(run.first),
                deployment.points.get(last),
            ) else {
                continue;
            };
            lines.push(format!(
                "{}: {}",
                year_span(first.date, last.date),
                run.measure.as_deref().unwrap_or("measure not given")
            ));
        }
    } else if let Some(measure) = line.measure_at(0) {
        lines.push(format!("Measure: {measure}"));
    }
    if !line.estimates.is_empty() {
        lines.push(format!(
            "{} other estimates are shown as separate markers, not part of the range",
            line.estimates.len()
        ));
    }
    let rejected = deployment
        .points
        .iter()
        .flat_map(|p| p.estimates())
        .filter(|e| !e.is_drawn())
        .count();
    if rejected > 0 {
        lines.push(format!(
            "{rejected} rejected figures are listed in tooltips, not drawn"
        ));
    }
    for kind in [
        PointKind::Estimated,
        PointKind::Forecast,
        PointKind::CarriedForward,
    ] {
        let n = line.unreported.iter().filter(|(_, k)| *k == kind).count();
        if n > 0 {
            lines.push(format!(
                "{n} {} (hollow rings), not reported levels",
                plural_kind(kind, n)
            ));
        }
    }
    if line.steps {
        lines.push("Drawn as steps: each level holds until the next".to_owned());
    }
    Some(Description {
        heading: deployment.label.clone(),
        lines,
    })
}

fn plural_kind(kind: PointKind, n: usize) -> &'static str {
    match (kind, n == 1) {
        (PointKind::Estimated, true) => "point is an estimate",
        (PointKind::Estimated, false) => "points are estimates",
        (PointKind::Forecast, true) => "point is a forecast",
        (PointKind::Forecast, false) => "points are forecasts",
        (PointKind::CarriedForward, true) => "point is carried forward (a placeholder)",
        (PointKind::CarriedForward, false) => "points are carried forward (placeholders)",
        (PointKind::Reported, _) => "points are reported levels",
    }
}

fn year_span(from: Date, to: Date) -> String {
    if from.year() == to.year() {
        from.year().to_string()
    } else {
        format!("{}–{}", from.year(), to.year())
    }
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
                format!(" (as of {})", point.date_label())
            };
            let figure = point.troops.map_or_else(
                || "no figure".to_owned(),
                |troops| thousands(u64::from(troops)),
            );
            Some(format!("{}: {figure}{when}", deployment.label))
        })
        .collect()
}

/// Describes period `index` of casualty series `series`: count, period and its length, rate,
/// range, running total (and what it leaves out), note and source. A period without a figure
/// says so.
pub fn bar(
    dataset: &Dataset,
    model: &ChartModel,
    series: usize,
    index: usize,
) -> Option<Description> {
    let casualties = dataset.casualties.get(series)?;
    let period_data = casualties.periods.get(index)?;
    let bars = model.bars.get(series)?;
    let bar = bars.bars.get(index)?;
    let unit = casualties.unit();
    let mut lines = vec![format!(
        "{} ({})",
        period(period_data.from, period_data.to),
        format::days(period_data.days())
    )];
    match (period_data.count, bar.rate) {
        (Some(count), Some(rate)) => {
            lines.push(format!("{} {unit}", thousands(u64::from(count))));
            // Only where it says something: a calendar year's rate per year is its count.
            if (rate - f64::from(count)).abs() > f64::from(count).max(1.0) * 0.005 {
                lines.push(format!(
                    "Rate: {} {unit} per {} over the period",
                    format::rate(rate),
                    bars.rate_unit.name()
                ));
            }
            if let Some(range) = source_range(count, period_data.low, period_data.high) {
                lines.push(format!("Range across sources: {range}"));
            }
            lines.push(total_line(casualties, bars, index));
        }
        _ => {
            lines.push("No figure for this period: unknown, not zero".to_owned());
            lines.push("Running totals leave it out".to_owned());
        }
    }
    if let Some(note) = &period_data.note {
        lines.push(format!("Note: {note}"));
    }
    // A period without a figure has nothing to source; its note says why.
    if period_data.count.is_some() {
        lines.push(source_line(dataset, casualties.source_of(period_data)));
    }
    if !period_data.estimates.is_empty() {
        lines.push(String::new());
        lines.push("Other figures for this period, not part of the range:".to_owned());
        for estimate in &period_data.estimates {
            let source = casualties
                .estimate_source(period_data, estimate)
                .map(|id| dataset.source(id).map_or(id, |s| s.title.as_str()))
                .unwrap_or("source not given");
            let mut text = format!("{} ({source})", thousands(u64::from(estimate.value)));
            if !estimate.is_drawn() {
                text.push_str(", rejected, not drawn");
            }
            if let Some(note) = &estimate.note {
                text.push_str(&format!(": {note}"));
            }
            lines.push(text);
        }
    }
    Some(Description {
        heading: casualties.label.clone(),
        lines,
    })
}

/// "Total since 20 Mar 2003: 4,490", with the stretches without a figure it leaves out.
fn total_line(casualties: &Casualties, bars: &BarSeries, index: usize) -> String {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // sum of u32 counts
    let total = bars.bars[index].cumulative as u64;
    let first = casualties.periods.first().map(|p| p.from);
    let mut text = match first {
        Some(first) => format!("Total since {}: {}", first.long(), thousands(total)),
        None => format!("Total: {}", thousands(total)),
    };
    if let Some(without) = without_words(casualties, bars.skipped_before(index)) {
        text.push_str(", ");
        text.push_str(&without);
    }
    text
}

/// "without 2021: no figure" for the stretches a total skips; `None` when it skips none.
fn without_words(casualties: &Casualties, skipped: &[NoData]) -> Option<String> {
    Some(match skipped {
        [] => return None,
        [only] => format!("without {}: no figure", no_data_period(casualties, only)),
        [first, second] => format!(
            "without {} and {}: no figures",
            no_data_period(casualties, first),
            no_data_period(casualties, second)
        ),
        more => format!("without {} stretches that have no figure", more.len()),
    })
}

/// The dates of a "no data" stretch, as a period: "2021", "3–31 Aug 2010".
fn no_data_period(casualties: &Casualties, span: &NoData) -> String {
    if let Some(p) = span.period.and_then(|i| casualties.periods.get(i)) {
        return period(p.from, p.to);
    }
    match (Date::from_x(span.start), Date::from_x(span.end - 1.0)) {
        (Some(from), Some(to)) => period(from, to),
        _ => "a gap".to_owned(),
    }
}

/// Describes "no data" stretch `span` (an index into `BarSeries::no_data`) of casualty series
/// `series`.
pub fn no_data(
    dataset: &Dataset,
    model: &ChartModel,
    series: usize,
    span: usize,
) -> Option<Description> {
    let casualties = dataset.casualties.get(series)?;
    let stretch = model.bars.get(series)?.no_data.get(span)?;
    if let Some(index) = stretch.period {
        return bar(dataset, model, series, index);
    }
    Some(Description {
        heading: casualties.label.clone(),
        lines: vec![
            no_data_period(casualties, stretch),
            "No data: the dataset gives no count for these days (unknown, not zero)".to_owned(),
            "Running totals leave it out".to_owned(),
        ],
    })
}

/// The legend tooltip of casualty series `series`: what it counts, how its bars compare, and
/// the stretches without a figure.
pub fn bar_legend(dataset: &Dataset, model: &ChartModel, series: usize) -> Option<Description> {
    let casualties = dataset.casualties.get(series)?;
    let bars = model.bars.get(series)?;
    let mut lines: Vec<String> = casualties.description.iter().cloned().collect();
    if bars.unequal_periods() {
        lines.push(format!(
            "Periods differ in length, so bars show {} per {} by default: bar area is \
             proportional to the count",
            bars.unit,
            bars.rate_unit.name()
        ));
    }
    match bars.no_data.as_slice() {
        [] => {}
        [one] => lines.push(format!("No figure for {}", no_data_period(casualties, one))),
        [first, second] => lines.push(format!(
            "No figure for {} and {}",
            no_data_period(casualties, first),
            no_data_period(casualties, second)
        )),
        more => lines.push(format!("{} stretches have no figure", more.len())),
    }
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

/// One line about what is visible between `from` and `to` (chart x, `to` exclusive): the peak
/// of each shown troop series and the total of each shown casualty series over every period
/// drawn, that is every period overlapping the view. Periods reaching past an edge count
/// whole and are named ("including all of 2007"), never prorated. The window's "In view"
/// line, exports and `describe` all use this one function.
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
            // An unknown figure is never a peak (it sits at 0 only to keep scales honest).
            if let Some(point) = deployment.points.get(peak)
                && let Some(troops) = point.troops
            {
                parts.push(format!(
                    "{}: peak {} ({})",
                    deployment.label,
                    thousands(u64::from(troops)),
                    point.date_label()
                ));
            }
        }
    }
    for (bars, series) in model.bars.iter().zip(&dataset.casualties) {
        if !shown(&bars.id) {
            continue;
        }
        // Every bar drawn counts, whole: a period that overlaps an edge of the view is named
        // ("including all of 2007") rather than prorated, since a count says nothing of
        // how its deaths fall within the period.
        let first = bars.bars.partition_point(|bar| bar.end <= from);
        let last = bars.bars.partition_point(|bar| bar.start < to);
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
            let years = year_span(start, end);
            let skipped = bars.no_data_in(bars.bars[first].start, bars.bars[last - 1].end);
            let any_known = (first..last).any(|i| bars.bars[i].count.is_some());
            if any_known {
                let without = without_words(series, skipped)
                    .map_or_else(String::new, |words| format!(", {words}"));
                let mut partial = partial_words(series, bars, (first, last), (from, to))
                    .map_or_else(String::new, |words| format!(", {words}"));
                if let Some(end) = ended_in_view(series, bars, to) {
                    partial.push_str(&format!(", no figures after {end}"));
                }
                parts.push(format!(
                    "{}: {} ({years}{partial}{without})",
                    series.label,
                    thousands(total),
                ));
            } else {
                parts.push(format!("{}: no figure ({years})", series.label));
            }
        }
    }
    parts.join(" · ")
}

/// The last day of a casualty series that ends before `to` (chart x, exclusive): "2020" for
/// a series whose last period ends on 31 December, else the day. `None` when it runs on.
fn ended_in_view(series: &Casualties, bars: &BarSeries, to: f64) -> Option<String> {
    if bars.bars.last().is_none_or(|bar| bar.end >= to) {
        return None;
    }
    let day = series.periods.last()?.to;
    Some(if (day.month(), day.day()) == (12, 31) {
        day.year().to_string()
    } else {
        day.long()
    })
}

/// Describes the stretch after the end of casualty series `series`: no figures, not zero.
/// `None` when the series has no periods.
pub fn series_end(dataset: &Dataset, model: &ChartModel, series: usize) -> Option<Description> {
    let casualties = dataset.casualties.get(series)?;
    let bars = model.bars.get(series)?;
    let end = ended_in_view(casualties, bars, f64::INFINITY)?;
    Some(Description {
        heading: casualties.label.clone(),
        lines: vec![
            format!("The series ends: no figures after {end}"),
            "Unknown, not zero: the sources used give no count for these dates".to_owned(),
        ],
    })
}

/// "including all of 2007" for the periods in `first..last` that reach past the view
/// `from..to`: a total counts them whole. `None` when every period lies inside the view.
fn partial_words(
    series: &Casualties,
    bars: &BarSeries,
    (first, last): (usize, usize),
    (from, to): (f64, f64),
) -> Option<String> {
    let named = |index: usize| {
        let known = bars.bars.get(index)?.count.is_some();
        let p = series.periods.get(index)?;
        known.then(|| period(p.from, p.to))
    };
    let head = bars
        .bars
        .get(first)
        .filter(|bar| bar.start < from)
        .and_then(|_| named(first));
    let tail = (last > first + 1)
        .then(|| bars.bars.get(last - 1))
        .flatten()
        .filter(|bar| bar.end > to)
        .and_then(|_| named(last - 1));
    // A single period reaching past both edges is named once.
    let tail = tail.or_else(|| {
        (last == first + 1 && head.is_none())
            .then(|| bars.bars.get(first))
            .flatten()
            .filter(|bar| bar.end > to)
            .and_then(|_| named(first))
    });
    match (head, tail) {
        (None, None) => None,
        (Some(one), None) | (None, Some(one)) => Some(format!("including all of {one}")),
        (Some(head), Some(tail)) => Some(format!("including all of {head} and {tail}")),
    }
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
            .position(|p| p.troops == Some(170_000))
            .unwrap();
        let text = point(&dataset, &model, 0, index).unwrap().text();
        // A month-only figure prints as a month: the 15th is where it is drawn, not a fact.
        assert!(
            text.starts_with("US troops in Iraq\nOct 2007\n")
                && !text.contains("15 Oct 2007")
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
        assert!(whole.contains("peak 170,000 (Oct 2007)"), "{whole}");
        let later = visible_summary(&dataset, &model, &all, x("2015-01-01"), x("2025-01-01"));
        assert!(!later.contains("170,000"), "{later}");
        let deaths_2007 = visible_summary(&dataset, &model, &all, x("2007-01-01"), x("2007-06-01"));
        assert!(
            deaths_2007.contains("US military deaths in Iraq: 904 (2007, including all of 2007)"),
            "{deaths_2007}"
        );
    }

    #[test]
    fn a_view_counts_every_period_it_draws_and_names_the_partial_ones() {
        let dataset = builtin().unwrap();
        let model = ChartModel::new(&dataset);
        let view = dataset
            .views
            .iter()
            .find(|v| v.title.starts_with("Surge and drawdown"))
            .unwrap();
        // The view opens on 10 Jan 2007: the 2007 bar is drawn, so it is counted.
        let summary = visible_summary(
            &dataset,
            &model,
            &|_| true,
            view.from.to_x(),
            view.to.to_x() + 1.0,
        );
        assert!(
            summary.contains("1,486 (2007–2011, including all of 2007 and 2011)"),
            "{summary}"
        );
        assert!(summary.contains("50,109 (2007–2011"), "{summary}");
    }

    /// A dataset with every kind of thing a tooltip describes.
    const SMALL: &str = r#"Dataset(format: 1, title: "T",
        sources: [Source(id: "s", title: "Report S", publisher: "P"),
                  Source(id: "o", title: "Other O", publisher: "P")],
        deployments: [Deployment(id: "a", label: "Troops", source: "s",
            description: "Troops in the country.", measure: "reported", points: [
            (date: "2000-01-01", troops: 10),
            (date: "2001-01-01", troops: 30, high: 40,
             estimates: [(value: 99, date: "2000-06-01", source: "o", note: "a spike"),
                         (value: 25, note: "a forecast"),
                         (value: 500, note: "a typo", status: Rejected)]),
            (date: "2002-01-01", troops: 20, measure: "counted")])],
        casualties: [Casualties(id: "c", label: "Deaths", source: "s", unit: "deaths",
            description: "Deaths per period.", periods: [
            (from: "2000-01-01", to: "2000-12-31", count: 5),
            (from: "2001-01-01", to: "2001-06-30", count: 7, low: 6,
             estimates: [(value: 3, source: "o", note: "one country only")]),
            (from: "2001-07-01", to: "2001-12-31", count: None, note: "not published"),
            (from: "2002-03-01", to: "2002-12-31", count: 9)])])"#;

    fn small() -> (Dataset, ChartModel) {
        let dataset = crate::dataset::load_str(SMALL, "t").unwrap();
        let model = ChartModel::new(&dataset);
        (dataset, model)
    }

    #[test]
    fn points_name_their_measure_breaks_and_other_estimates() {
        let (dataset, model) = small();
        let text = point(&dataset, &model, 0, 1).unwrap().text();
        for words in [
            "1 Jan 2001",
            "30 troops",
            "Measure: reported",
            "The next point is another measure (counted)",
            "Range across sources for this date: 30–40",
            "Source: Report S",
            "Other estimates, not part of the range:",
            "99 (1 Jun 2000; Other O): a spike",
            "25 (Report S): a forecast",
            "500 (Report S), rejected, not drawn: a typo",
        ] {
            assert!(text.contains(words), "{words:?} in {text}");
        }
        assert!(!text.contains("The measure changes here"), "{text}");
        let text = point(&dataset, &model, 0, 2).unwrap().text();
        assert!(
            text.contains("The measure changes here (before: reported)"),
            "{text}"
        );
        assert!(!text.contains("Other estimates"), "{text}");
        let first = point(&dataset, &model, 0, 0).unwrap().text();
        assert!(
            !first.contains("measure changes") && !first.contains("next point"),
            "{first}"
        );
        assert_eq!(point(&dataset, &model, 0, 3), None);
        assert_eq!(point(&dataset, &model, 1, 0), None);
    }

    #[test]
    fn estimate_markers_say_they_are_not_the_range() {
        let (dataset, model) = small();
        // Markers are sorted by date: the spike of June 2000 comes first.
        let text = estimate(&dataset, &model, 0, 0).unwrap().text();
        for words in [
            "Troops: other estimate",
            "1 Jun 2000",
            "99 troops: another estimate, not part of the charted range",
            "Note: a spike",
            "Source: Other O",
            "Listed with the charted figure of 1 Jan 2001: 30",
        ] {
            assert!(text.contains(words), "{words:?} in {text}");
        }
        let same_day = estimate(&dataset, &model, 0, 1).unwrap().text();
        assert!(same_day.contains("Charted for this date: 30"), "{same_day}");
        assert!(same_day.contains("Source: Report S"), "{same_day}");
        assert_eq!(estimate(&dataset, &model, 0, 2), None);
    }

    #[test]
    fn bars_give_count_period_days_and_rate() {
        let (dataset, model) = small();
        let year = bar(&dataset, &model, 0, 0).unwrap().text();
        assert!(
            year.contains("2000 (366 days)") && year.contains("5 deaths"),
            "{year}"
        );
        assert!(
            !year.contains("Rate:"),
            "a calendar year's rate is its count: {year}"
        );
        let half = bar(&dataset, &model, 0, 1).unwrap().text();
        for words in [
            "1 Jan – 30 Jun 2001 (181 days)",
            "7 deaths",
            "Rate: 14.1 deaths per year over the period",
            "Range across sources: 6–7",
            "Total since 1 Jan 2000: 12",
            "3 (Other O): one country only",
        ] {
            assert!(half.contains(words), "{words:?} in {half}");
        }
        let unknown = bar(&dataset, &model, 0, 2).unwrap().text();
        for words in [
            "1 Jul – 31 Dec 2001 (184 days)",
            "No figure for this period: unknown, not zero",
            "Running totals leave it out",
            "Note: not published",
        ] {
            assert!(unknown.contains(words), "{words:?} in {unknown}");
        }
        assert!(!unknown.contains("Source"), "{unknown}");
        assert!(!unknown.contains("deaths\n"), "{unknown}");
        let after = bar(&dataset, &model, 0, 3).unwrap().text();
        assert!(
            after.contains("Total since 1 Jan 2000: 21, without 1 Jul – 31 Dec 2001 and 1 Jan – 28 Feb 2002: no figures"),
            "{after}"
        );
        assert_eq!(bar(&dataset, &model, 0, 4), None);
    }

    #[test]
    fn no_data_stretches_say_so() {
        let (dataset, model) = small();
        let bars = &model.bars[0];
        assert_eq!(bars.no_data.len(), 2);
        let unknown = no_data(&dataset, &model, 0, 0).unwrap();
        assert_eq!(unknown, bar(&dataset, &model, 0, 2).unwrap());
        let gap = no_data(&dataset, &model, 0, 1).unwrap().text();
        assert!(
            gap.contains("1 Jan – 28 Feb 2002") && gap.contains("unknown, not zero"),
            "{gap}"
        );
        assert_eq!(no_data(&dataset, &model, 0, 2), None);
    }

    #[test]
    fn legends_say_what_a_series_is() {
        let (dataset, model) = small();
        let line = line_legend(&dataset, &model, 0).unwrap().text();
        for words in [
            "Troops",
            "Troops in the country.",
            "the line breaks where they change",
            "2000–2001: reported",
            "2002: counted",
            "2 other estimates are shown as separate markers",
        ] {
            assert!(line.contains(words), "{words:?} in {line}");
        }
        let bars = bar_legend(&dataset, &model, 0).unwrap().text();
        for words in [
            "Deaths per period.",
            "Periods differ in length, so bars show deaths per year by default",
            "No figure for 1 Jul – 31 Dec 2001 and 1 Jan – 28 Feb 2002",
        ] {
            assert!(bars.contains(words), "{words:?} in {bars}");
        }
        assert_eq!(line_legend(&dataset, &model, 1), None);
        assert_eq!(bar_legend(&dataset, &model, 1), None);
    }

    #[test]
    fn the_summary_says_what_totals_leave_out() {
        let (dataset, model) = small();
        let x = |d: &str| Date::parse(d).unwrap().to_x();
        let all = |_: &str| true;
        let whole = visible_summary(&dataset, &model, &all, x("2000-01-01"), x("2003-01-01"));
        assert!(
            whole.contains("Deaths: 21 (2000–2002, without 1 Jul – 31 Dec 2001 and 1 Jan – 28 Feb 2002: no figures)"),
            "{whole}"
        );
        let known = visible_summary(&dataset, &model, &all, x("2000-01-01"), x("2001-03-01"));
        assert!(
            known.contains("Deaths: 12 (2000–2001, including all of 1 Jan – 30 Jun 2001)"),
            "{known}"
        );
        let inside = visible_summary(&dataset, &model, &all, x("2000-01-01"), x("2001-07-01"));
        assert!(inside.contains("Deaths: 12 (2000–2001)"), "{inside}");
        let both = visible_summary(&dataset, &model, &all, x("2000-03-01"), x("2000-04-01"));
        assert!(
            both.contains("Deaths: 5 (2000, including all of 2000)"),
            "{both}"
        );
        let unknown_only =
            visible_summary(&dataset, &model, &all, x("2001-07-01"), x("2001-12-01"));
        assert!(
            unknown_only.contains("Deaths: no figure (2001)"),
            "{unknown_only}"
        );
        let past_end = visible_summary(&dataset, &model, &all, x("2002-06-01"), x("2004-01-01"));
        assert!(
            past_end.contains(
                "Deaths: 9 (2002, including all of 1 Mar – 31 Dec 2002, no figures after 2002)"
            ),
            "{past_end}"
        );
        let end = series_end(&dataset, &model, 0).unwrap().text();
        assert!(
            end.contains("The series ends: no figures after 2002"),
            "{end}"
        );
        let hidden = visible_summary(
            &dataset,
            &model,
            &|id| id != "c",
            x("2000-01-01"),
            x("2003-01-01"),
        );
        assert!(!hidden.contains("Deaths"), "{hidden}");
    }
}
