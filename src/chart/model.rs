//! The plot model: everything the chart draws, computed once per dataset from validated data.

use std::sync::{Arc, Mutex};

use crate::dataset::{Dataset, Date};

use super::decimate::{BandColumns, Extremes, XIndex, band_columns, m4_indexed};
use super::palette::{self, Rgb};

/// Range bits and pixel columns a decimation was computed for.
type DecimationKey = (u64, u64, usize);

/// A line (and band, if any) reduced to what the screen can show.
#[derive(Clone, Debug, Default)]
pub struct Decimated {
    /// Points of the line.
    pub line: Arc<Vec<[f64; 2]>>,
    /// Band as (xs, lows, highs).
    pub band: Option<Arc<BandColumns>>,
    /// The line's lowest and highest x and y, `([min_x, min_y], [max_x, max_y])`; `None` when
    /// it has no points. Kept with the points so a frame need not scan them again.
    pub line_bounds: Option<([f64; 2], [f64; 2])>,
}

/// A troop-level series ready to plot.
#[derive(Clone, Debug)]
pub struct LineSeries {
    /// Dataset id.
    pub id: String,
    /// Legend label.
    pub label: String,
    /// Line colour.
    pub color: Rgb,
    /// Chart x of each point (sorted, strictly increasing).
    pub xs: Vec<f64>,
    /// Troops at each point.
    pub ys: Vec<f64>,
    /// Low/high range per point (the value itself where no range is given); `None` when no
    /// point of the series has a range, so nothing is drawn.
    pub band: Option<(Vec<f64>, Vec<f64>)>,
    /// Block minima/maxima of `ys` for fast per-pixel decimation.
    pub extremes: Extremes,
    /// Sampled `xs` for fast searches.
    pub x_index: XIndex,
    /// The last decimation, reused while the range and width stay the same (most frames).
    cache: Arc<Mutex<Option<(DecimationKey, Decimated)>>>,
    /// Block minima of the band's lows and maxima of its highs.
    pub band_extremes: Option<(Extremes, Extremes)>,
}

impl LineSeries {
    /// A series from its points, with the decimation indexes built.
    pub fn new(
        id: String,
        label: String,
        color: Rgb,
        xs: Vec<f64>,
        ys: Vec<f64>,
        band: Option<(Vec<f64>, Vec<f64>)>,
    ) -> Self {
        let extremes = Extremes::new(&ys);
        let x_index = XIndex::new(&xs);
        let band_extremes = band
            .as_ref()
            .map(|(lows, highs)| (Extremes::new(lows), Extremes::new(highs)));
        Self {
            id,
            label,
            color,
            xs,
            ys,
            band,
            extremes,
            x_index,
            band_extremes,
            cache: Arc::default(),
        }
    }

    /// The line and its band decimated for `from..=to` over `columns` pixel columns; computed
    /// when the range or width changes, reused otherwise.
    pub fn decimated(&self, from: f64, to: f64, columns: usize) -> Decimated {
        let key = (from.to_bits(), to.to_bits(), columns);
        // A poisoned lock only means another frame panicked mid-update: recompute.
        let mut cache = self
            .cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((cached_key, cached)) = cache.as_ref()
            && *cached_key == key
        {
            return cached.clone();
        }
        let line = Arc::new(m4_indexed(
            &self.xs,
            &self.ys,
            (&self.x_index, &self.extremes),
            from,
            to,
            columns,
        ));
        let band = self.decimated_band(from, to, columns).map(Arc::new);
        let line_bounds = line.iter().fold(None, |bounds, &[x, y]| {
            let ([x0, y0], [x1, y1]) = bounds.unwrap_or(([x, y], [x, y]));
            Some(([x0.min(x), y0.min(y)], [x1.max(x), y1.max(y)]))
        });
        let result = Decimated {
            line,
            band,
            line_bounds,
        };
        *cache = Some((key, result.clone()));
        result
    }

    /// The band decimated the same way: (xs, lows, highs).
    fn decimated_band(&self, from: f64, to: f64, columns: usize) -> Option<BandColumns> {
        let (lows, highs) = self.band.as_ref()?;
        let (low_index, high_index) = self.band_extremes.as_ref()?;
        Some(band_columns(
            (&self.xs, &self.x_index),
            (lows, highs),
            (low_index, high_index),
            from,
            to,
            columns,
        ))
    }
}

/// One bar of a casualty series, spanning its period.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    /// Chart x where the period starts (its first day).
    pub start: f64,
    /// Chart x where the period ends (the day after its last day).
    pub end: f64,
    /// Count in the period.
    pub count: f64,
    /// Sum of counts up to and including this period.
    pub cumulative: f64,
}

/// A casualty series ready to plot.
#[derive(Clone, Debug)]
pub struct BarSeries {
    /// Dataset id.
    pub id: String,
    /// Legend label.
    pub label: String,
    /// Bar colour.
    pub color: Rgb,
    /// Bars in date order.
    pub bars: Vec<Bar>,
}

impl BarSeries {
    /// Height of bar `index` in the chosen mode.
    pub fn height(&self, index: usize, cumulative: bool) -> f64 {
        self.bars.get(index).map_or(0.0, |bar| {
            if cumulative {
                bar.cumulative
            } else {
                bar.count
            }
        })
    }

    /// Largest bar in the chosen mode.
    pub fn max(&self, cumulative: bool) -> f64 {
        (0..self.bars.len())
            .map(|i| self.height(i, cumulative))
            .fold(0.0, f64::max)
    }
}

/// An event marker: a line for a day, a band for a span.
#[derive(Clone, Debug)]
pub struct EventMark {
    /// Index into `Dataset::events`.
    pub index: usize,
    /// Chart x of the (first) day.
    pub start: f64,
    /// Chart x of the day after the last day, for spans.
    pub end: Option<f64>,
    /// Full title.
    pub title: String,
    /// Index into [`ChartModel::categories`].
    pub category: usize,
}

/// An event category with its colour.
#[derive(Clone, Debug, PartialEq)]
pub struct Category {
    /// Name as written in the dataset ("other" for events without one).
    pub name: String,
    /// Colour of its lines and bands.
    pub color: Rgb,
}

/// Everything the chart draws for one dataset.
#[derive(Clone, Debug)]
pub struct ChartModel {
    /// Troop-level lines.
    pub lines: Vec<LineSeries>,
    /// Casualty bars.
    pub bars: Vec<BarSeries>,
    /// Events sorted by start.
    pub events: Vec<EventMark>,
    /// Event categories in order of first appearance.
    pub categories: Vec<Category>,
    /// Chart x range covering all data and events.
    pub x_range: (f64, f64),
    /// The most-cited publishers, for the chart's footer.
    pub sources_line: String,
}

/// Name used for events without a category.
pub const UNCATEGORISED: &str = "other";

impl ChartModel {
    /// Builds the plot model. The dataset is assumed valid (sorted points and periods).
    pub fn new(dataset: &Dataset) -> Self {
        let lines: Vec<LineSeries> = dataset
            .deployments
            .iter()
            .enumerate()
            .map(|(index, deployment)| {
                let xs = deployment.points.iter().map(|p| p.date.to_x()).collect();
                let ys = deployment
                    .points
                    .iter()
                    .map(|p| f64::from(p.troops))
                    .collect();
                let has_range = deployment
                    .points
                    .iter()
                    .any(|p| p.low.is_some() || p.high.is_some());
                let band = has_range.then(|| {
                    let low = |p: &crate::dataset::Point| f64::from(p.low.unwrap_or(p.troops));
                    let high = |p: &crate::dataset::Point| f64::from(p.high.unwrap_or(p.troops));
                    (
                        deployment.points.iter().map(low).collect(),
                        deployment.points.iter().map(high).collect(),
                    )
                });
                LineSeries::new(
                    deployment.id.clone(),
                    deployment.label.clone(),
                    palette::series(index),
                    xs,
                    ys,
                    band,
                )
            })
            .collect();

        let bars = dataset
            .casualties
            .iter()
            .enumerate()
            .map(|(index, series)| {
                let mut total = 0.0;
                let bars = series
                    .periods
                    .iter()
                    .map(|period| {
                        total += f64::from(period.count);
                        Bar {
                            start: period.from.to_x(),
                            end: day_after(period.to),
                            count: f64::from(period.count),
                            cumulative: total,
                        }
                    })
                    .collect();
                BarSeries {
                    id: series.id.clone(),
                    label: series.label.clone(),
                    color: palette::series(lines.len() + index),
                    bars,
                }
            })
            .collect();

        let mut categories: Vec<Category> = Vec::new();
        // Looked up by hash: a dataset may have as many distinct categories as events.
        let mut category_index: std::collections::HashMap<&str, usize> =
            std::collections::HashMap::new();
        let mut events: Vec<EventMark> = dataset
            .events
            .iter()
            .enumerate()
            .map(|(index, event)| {
                let name = event.category.as_deref().unwrap_or(UNCATEGORISED);
                let category = *category_index.entry(name).or_insert_with(|| {
                    categories.push(Category {
                        name: name.to_owned(),
                        color: palette::category(categories.len()),
                    });
                    categories.len() - 1
                });
                EventMark {
                    index,
                    start: event.date.to_x(),
                    end: event.end.map(day_after),
                    title: event.title.clone(),
                    category,
                }
            })
            .collect();
        events.sort_by(|a, b| a.start.total_cmp(&b.start));

        let x_range = dataset
            .date_range()
            .map_or((0.0, 1.0), |(first, last)| (first.to_x(), day_after(last)));
        let sources_line = sources_line(dataset, 8);
        Self {
            lines,
            bars,
            events,
            categories,
            x_range,
            sources_line,
        }
    }

    /// Largest value of any visible line, for the y axis.
    pub fn max_troops(&self) -> f64 {
        self.lines
            .iter()
            .flat_map(|line| {
                line.ys
                    .iter()
                    .chain(line.band.iter().flat_map(|(_, high)| high))
            })
            .copied()
            .fold(0.0, f64::max)
    }
}

/// The publishers cited most, most-cited first, then how many more there are. Parenthesised
/// details in publisher names are dropped: the footer names organisations, tooltips the rest.
fn sources_line(dataset: &Dataset, at_most: usize) -> String {
    fn cite<'a>(citations: &mut std::collections::HashMap<&'a str, usize>, id: Option<&'a str>) {
        if let Some(id) = id {
            *citations.entry(id).or_default() += 1;
        }
    }
    let mut citations = std::collections::HashMap::new();
    for d in &dataset.deployments {
        d.points
            .iter()
            .for_each(|p| cite(&mut citations, d.source_of(p)));
    }
    for c in &dataset.casualties {
        c.periods
            .iter()
            .for_each(|p| cite(&mut citations, c.source_of(p)));
    }
    dataset
        .events
        .iter()
        .for_each(|e| cite(&mut citations, e.source.as_deref()));
    let mut cited: Vec<(String, usize)> = Vec::new();
    for source in &dataset.sources {
        let name = source
            .publisher
            .split(" (")
            .next()
            .unwrap_or(&source.publisher)
            .trim()
            .to_owned();
        let count = citations.get(source.id.as_str()).copied().unwrap_or(0);
        match cited.iter_mut().find(|(n, _)| *n == name) {
            Some(entry) => entry.1 += count,
            None => cited.push((name, count)),
        }
    }
    if cited.is_empty() {
        return "not given".to_owned();
    }
    // Stable sort keeps dataset order among equally cited publishers.
    cited.sort_by_key(|entry| std::cmp::Reverse(entry.1));
    let shown: Vec<&str> = cited
        .iter()
        .take(at_most)
        .map(|(name, _)| name.as_str())
        .collect();
    let more = cited.len().saturating_sub(at_most);
    if more == 0 {
        shown.join(", ")
    } else {
        format!("{} and {more} more", shown.join(", "))
    }
}

fn day_after(date: Date) -> f64 {
    date.to_x() + 1.0
}

/// For each line, the latest point at or before `x` (index), as OWID-style "values at this date".
pub fn values_at(lines: &[LineSeries], x: f64) -> Vec<Option<usize>> {
    lines
        .iter()
        .map(|line| line.xs.partition_point(|&px| px <= x).checked_sub(1))
        .collect()
}

impl LineSeries {
    /// Largest value (including the high end of ranges) drawn between `from` and `to`,
    /// counting the points just outside because the line runs to them.
    pub fn max_in(&self, from: f64, to: f64) -> f64 {
        let first = self.xs.partition_point(|&x| x < from).saturating_sub(1);
        let last = (self.xs.partition_point(|&x| x <= to) + 1).min(self.xs.len());
        if first >= last {
            return 0.0;
        }
        let (_, top) = self.extremes.range(&self.ys, first, last);
        let band_top = match (&self.band, &self.band_extremes) {
            (Some((_, highs)), Some((_, high_index))) => {
                highs[high_index.range(highs, first, last).1]
            }
            _ => 0.0,
        };
        self.ys[top].max(band_top)
    }
}

impl BarSeries {
    /// The bars to draw for `from..to` as (start, end, height): those in view, merged per pixel
    /// column (tallest wins) when periods are narrower than a pixel.
    pub fn visible(
        &self,
        from: f64,
        to: f64,
        columns: usize,
        cumulative: bool,
    ) -> Vec<(f64, f64, f64)> {
        let first = self.bars.partition_point(|bar| bar.end <= from);
        let last = self.bars.partition_point(|bar| bar.start < to).max(first);
        if last - first <= columns.max(1) {
            return (first..last)
                .map(|i| {
                    (
                        self.bars[i].start,
                        self.bars[i].end,
                        self.height(i, cumulative),
                    )
                })
                .collect();
        }
        let px = columns as f64 / (to - from);
        let mut merged: Vec<(f64, f64, f64)> = Vec::with_capacity(columns + 1);
        let mut current_column = f64::NAN;
        for i in first..last {
            let bar = &self.bars[i];
            let column = ((bar.start - from) * px).floor();
            let height = self.height(i, cumulative);
            match merged.last_mut() {
                Some(last) if column == current_column => {
                    last.1 = bar.end;
                    last.2 = last.2.max(height);
                }
                _ => {
                    merged.push((bar.start, bar.end, height));
                    current_column = column;
                }
            }
        }
        merged
    }

    /// Largest bar overlapping `from..to` in the chosen mode.
    pub fn max_in(&self, from: f64, to: f64, cumulative: bool) -> f64 {
        let first = self.bars.partition_point(|bar| bar.end <= from);
        let last = self.bars.partition_point(|bar| bar.start < to);
        (first..last.max(first))
            .map(|i| self.height(i, cumulative))
            .fold(0.0, f64::max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::load_str;

    const SMALL: &str = r#"Dataset(format: 1, title: "T",
        sources: [Source(id: "s", title: "S", publisher: "P")],
        deployments: [Deployment(id: "a", label: "A", source: "s", points: [
            (date: "2000-01-01", troops: 10), (date: "2001-01-01", troops: 30, high: 40),
            (date: "2002-01-01", troops: 20)])],
        casualties: [Casualties(id: "c", label: "C", periods: [
            (from: "2000-01-01", to: "2000-12-31", count: 5),
            (from: "2001-01-01", to: "2001-12-31", count: 7)])],
        events: [Event(date: "2001-06-01", title: "E", category: "x"),
                 Event(date: "2000-06-01", end: "2000-07-01", title: "F")])"#;

    #[test]
    fn bars_span_their_periods_and_accumulate() {
        let model = ChartModel::new(&load_str(SMALL, "t").unwrap());
        let bars = &model.bars[0].bars;
        assert_eq!(bars[0].start, Date::parse("2000-01-01").unwrap().to_x());
        assert_eq!(bars[0].end, Date::parse("2001-01-01").unwrap().to_x());
        assert_eq!((bars[0].cumulative, bars[1].cumulative), (5.0, 12.0));
        assert_eq!(model.bars[0].max(true), 12.0);
        assert_eq!(model.bars[0].max(false), 7.0);
    }

    #[test]
    fn narrow_bars_merge_per_pixel_keeping_the_tallest() {
        let bars: Vec<Bar> = (0..10_000)
            .map(|i| Bar {
                start: f64::from(i),
                end: f64::from(i + 1),
                count: f64::from(i % 100),
                cumulative: 0.0,
            })
            .collect();
        let series = BarSeries {
            id: "b".into(),
            label: "B".into(),
            color: [0, 0, 0],
            bars,
        };
        let merged = series.visible(0.0, 10_000.0, 100, false);
        assert_eq!(merged.len(), 100);
        assert!(merged.iter().all(|b| b.2 == 99.0));
        let exact = series.visible(10.0, 20.0, 100, false);
        assert_eq!(exact.len(), 10);
        assert_eq!(exact[0], (10.0, 11.0, 10.0));
    }

    #[test]
    fn a_decimated_line_knows_its_bounds() {
        let model = ChartModel::new(&load_str(SMALL, "t").unwrap());
        let line = &model.lines[0];
        let decimated = line.decimated(line.xs[0] - 100.0, line.xs[2] + 100.0, 50);
        let (min, max) = decimated.line_bounds.unwrap();
        let ys = decimated.line.iter().map(|p| p[1]);
        assert_eq!(min, [line.xs[0], ys.clone().fold(f64::INFINITY, f64::min)]);
        assert_eq!(max, [line.xs[2], ys.fold(f64::NEG_INFINITY, f64::max)]);
        let nothing = line.decimated(line.xs[2] + 10.0, line.xs[2] + 20.0, 50);
        assert!(nothing.line.len() <= 1);
        assert_eq!(nothing.line_bounds.is_none(), nothing.line.is_empty());
    }

    #[test]
    fn events_are_sorted_and_categorised() {
        let model = ChartModel::new(&load_str(SMALL, "t").unwrap());
        let titles: Vec<_> = model.events.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(titles, ["F", "E"]);
        let names: Vec<_> = model.categories.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["x", UNCATEGORISED]);
        assert_ne!(model.categories[0].color, model.categories[1].color);
    }

    #[test]
    fn visible_maximum_includes_ranges_and_neighbours() {
        let model = ChartModel::new(&load_str(SMALL, "t").unwrap());
        let line = &model.lines[0];
        assert_eq!(line.max_in(line.xs[0], line.xs[2]), 40.0);
        // Between the last two points the line still comes down from 30 (high 40).
        assert_eq!(line.max_in(line.xs[1] + 10.0, line.xs[2] - 10.0), 40.0);
        assert_eq!(line.max_in(line.xs[2] + 10.0, line.xs[2] + 20.0), 20.0);
        assert_eq!(model.max_troops(), 40.0);
    }

    #[test]
    fn values_at_a_date_are_the_latest_known() {
        let model = ChartModel::new(&load_str(SMALL, "t").unwrap());
        let x = Date::parse("2001-06-01").unwrap().to_x();
        assert_eq!(values_at(&model.lines, x), vec![Some(1)]);
        assert_eq!(values_at(&model.lines, 0.0), vec![None]);
    }
}
