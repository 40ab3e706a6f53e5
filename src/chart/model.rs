//! The plot model: everything the chart draws, computed once per dataset from validated data.

use std::sync::{Arc, Mutex};

use crate::dataset::{
    Casualties, Dataset, Date, Deployment, Importance, LineShape, PointKind, TimeUnit,
};

use super::citations::{InView, publishers_in_view};
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
    /// What the series measures, for the legend tooltip and the Sources panel.
    pub description: Option<String>,
    /// Runs of consecutive points sharing one measure, in order; empty when the series names
    /// no measure at all.
    pub measure_runs: Vec<MeasureRun>,
    /// Indices of the points whose measure differs from the point before: the line between
    /// point `i - 1` and point `i` joins two measures and is drawn as a break, not a change.
    pub breaks: Vec<usize>,
    /// Figures that are not part of the band (another date or another measure), drawn as
    /// separate markers; sorted by x. Rejected figures are not among them.
    pub estimates: Vec<EstimateMark>,
    /// Whether the level holds until the next point, then changes at once (drawn as steps).
    pub steps: bool,
    /// The points that are not reported levels (estimates, forecasts, placeholders), by index,
    /// sorted: drawn as hollow markers and named in the key.
    pub unreported: Vec<(usize, PointKind)>,
    /// The points whose figure is unknown, by index, sorted: the line has a gap at each (its
    /// `ys` entry is 0, never drawn).
    pub gaps: Vec<usize>,
    /// Runs of two or more consecutive points that give a range, as (first, last) indices:
    /// the band is drawn only across them, never interpolated towards a point without one.
    pub band_runs: Vec<(usize, usize)>,
    /// Points that give a range with no ranged neighbour: drawn as an error bar at the point.
    pub error_bars: Vec<usize>,
}

/// Consecutive points of a line measured the same way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MeasureRun {
    /// Index of the run's first point.
    pub first: usize,
    /// The measure's label; `None` for points that name none.
    pub measure: Option<String>,
}

/// An "other estimate" marker: a figure shown beside a line but not part of its band.
#[derive(Clone, Debug, PartialEq)]
pub struct EstimateMark {
    /// Chart x of the day the figure applies to.
    pub x: f64,
    /// The figure (troops).
    pub value: f64,
    /// Index of the point that lists it, in the series.
    pub point: usize,
    /// Index in that point's `estimates`.
    pub estimate: usize,
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
            description: None,
            measure_runs: Vec::new(),
            breaks: Vec::new(),
            estimates: Vec::new(),
            steps: false,
            unreported: Vec::new(),
            gaps: Vec::new(),
            band_runs: Vec::new(),
            error_bars: Vec::new(),
        }
    }

    /// The series for `deployment`, drawn in `color`.
    fn from_deployment(deployment: &Deployment, color: Rgb) -> Self {
        let points = &deployment.points;
        let xs = points.iter().map(|p| p.date.to_x()).collect();
        // An unknown figure sits at 0 in `ys` so it never lifts a scale; it is listed in
        // `gaps`, and the line is cut there, never drawn through or down to it.
        let known = |p: &crate::dataset::Point| p.troops.unwrap_or(0);
        let ys = points.iter().map(|p| f64::from(known(p))).collect();
        let has_range = points.iter().any(|p| p.low.is_some() || p.high.is_some());
        let band = has_range.then(|| {
            let low = |p: &crate::dataset::Point| f64::from(p.low.unwrap_or(known(p)));
            let high = |p: &crate::dataset::Point| f64::from(p.high.unwrap_or(known(p)));
            (
                points.iter().map(low).collect(),
                points.iter().map(high).collect(),
            )
        });
        let mut line = Self::new(
            deployment.id.clone(),
            deployment.label.clone(),
            color,
            xs,
            ys,
            band,
        );
        line.description.clone_from(&deployment.description);
        line.steps = deployment.line == LineShape::Steps;
        let ranged: Vec<bool> = points
            .iter()
            .map(|p| p.troops.is_some() && (p.low.is_some() || p.high.is_some()))
            .collect();
        (line.band_runs, line.error_bars) = ranged_runs(&ranged);
        line.gaps = points
            .iter()
            .enumerate()
            .filter(|(_, p)| p.troops.is_none())
            .map(|(index, _)| index)
            .collect();
        line.unreported = points
            .iter()
            .enumerate()
            .filter(|(_, p)| p.kind() != PointKind::Reported && p.troops.is_some())
            .map(|(index, p)| (index, p.kind()))
            .collect();
        let any_measure =
            deployment.measure.is_some() || points.iter().any(|p| p.measure().is_some());
        if any_measure {
            for (index, point) in points.iter().enumerate() {
                let measure = deployment.measure_of(point);
                if line
                    .measure_runs
                    .last()
                    .is_none_or(|run| run.measure.as_deref() != measure)
                {
                    if index > 0 {
                        line.breaks.push(index);
                    }
                    line.measure_runs.push(MeasureRun {
                        first: index,
                        measure: measure.map(str::to_owned),
                    });
                }
            }
        }
        line.estimates = points
            .iter()
            .enumerate()
            .flat_map(|(index, point)| {
                // Rejected figures are listed in the point's tooltip, never drawn: they
                // neither mark the chart nor stretch its axis.
                point
                    .estimates()
                    .iter()
                    .enumerate()
                    .filter(|(_, estimate)| estimate.is_drawn())
                    .map(move |(e, estimate)| EstimateMark {
                        x: estimate.date_for(point).to_x(),
                        value: f64::from(estimate.value),
                        point: index,
                        estimate: e,
                    })
            })
            .collect();
        line.estimates.sort_by(|a, b| a.x.total_cmp(&b.x));
        line
    }

    /// The measure of point `index`, if the series names one for it.
    pub fn measure_at(&self, index: usize) -> Option<&str> {
        let run = self.measure_runs.partition_point(|run| run.first <= index);
        self.measure_runs
            .get(run.checked_sub(1)?)?
            .measure
            .as_deref()
    }

    /// The estimate markers between `from` and `to`.
    pub fn estimates_in(&self, from: f64, to: f64) -> &[EstimateMark] {
        let first = self.estimates.partition_point(|e| e.x < from);
        let last = self.estimates.partition_point(|e| e.x <= to).max(first);
        &self.estimates[first..last]
    }

    /// The highest estimate marker between `from` and `to` (0 when there is none). Not part
    /// of [`LineSeries::max_in`]: a rejected spike should not squash the line it sits beside.
    pub fn estimates_max_in(&self, from: f64, to: f64) -> f64 {
        self.estimates_in(from, to)
            .iter()
            .map(|e| e.value)
            .fold(0.0, f64::max)
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
    /// Count in the period; `None` when the dataset has no figure for it.
    pub count: Option<f64>,
    /// Count per [`BarSeries::rate_unit`], over the period's length; `None` when unknown.
    pub rate: Option<f64>,
    /// Sum of the known counts up to and including this period (unknown ones are skipped).
    pub cumulative: f64,
}

impl Bar {
    /// Days the period covers.
    pub fn days(&self) -> f64 {
        self.end - self.start
    }
}

/// What a casualty bar's height shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum BarMode {
    /// The count divided by the period's length (per month, per year): comparable when
    /// periods differ in length, with bar area proportional to the count.
    #[default]
    Rate,
    /// The raw count of each period.
    PerPeriod,
    /// The running total of known counts.
    Cumulative,
}

/// A stretch of a casualty series with no figure: a gap between two periods, or a period
/// whose count is unknown. Drawn as "no data", never as zero.
#[derive(Clone, Debug, PartialEq)]
pub struct NoData {
    /// Chart x of its first day.
    pub start: f64,
    /// Chart x of the day after its last day.
    pub end: f64,
    /// The period with an unknown count, or `None` for a gap between periods.
    pub period: Option<usize>,
}

/// An "other estimate" of a period's count: a mark across its bar, not part of its range.
#[derive(Clone, Debug, PartialEq)]
pub struct BarEstimate {
    /// Index of the bar (period) it belongs to.
    pub bar: usize,
    /// Index in that period's `estimates`.
    pub estimate: usize,
    /// The figure.
    pub count: f64,
    /// The figure per [`BarSeries::rate_unit`] over the period.
    pub rate: f64,
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
    /// What the series counts, for the legend tooltip and the Sources panel.
    pub description: Option<String>,
    /// What is counted, as a plural noun ("deaths").
    pub unit: String,
    /// The unit of time rates are given in, from the typical period length.
    pub rate_unit: TimeUnit,
    /// Bars in date order, one per period (unknown ones included, with no count).
    pub bars: Vec<Bar>,
    /// Stretches without a figure between the first and last period, in date order.
    pub no_data: Vec<NoData>,
    /// Other estimates of periods' counts, in bar order.
    pub estimates: Vec<BarEstimate>,
    /// Whether the known periods differ in length (calendar months or years count as equal).
    unequal: bool,
    /// Whether every known period is one calendar unit long, so its rate is its count.
    single_units: bool,
}

impl BarSeries {
    /// The series for `casualties`, drawn in `color`.
    pub fn new(casualties: &Casualties, color: Rgb) -> Self {
        let rate_unit = casualties.rate_unit();
        let mut total = 0.0;
        let mut single_units = true;
        let mut no_data = Vec::new();
        let mut estimates = Vec::new();
        let mut previous_end = None;
        let bars = casualties
            .periods
            .iter()
            .enumerate()
            .map(|(index, period)| {
                let (start, end) = (period.from.to_x(), day_after(period.to));
                if let Some(previous_end) = previous_end
                    && previous_end < start
                {
                    no_data.push(NoData {
                        start: previous_end,
                        end: start,
                        period: None,
                    });
                }
                previous_end = Some(end);
                let count = period.count.map(f64::from);
                let length = period.length_in(rate_unit);
                // Rejected figures are listed in the tooltip, never drawn.
                for (e, estimate) in period.estimates.iter().enumerate() {
                    if !estimate.is_drawn() {
                        continue;
                    }
                    let value = f64::from(estimate.value);
                    estimates.push(BarEstimate {
                        bar: index,
                        estimate: e,
                        count: value,
                        rate: value / length,
                    });
                }
                if let Some(count) = count {
                    total += count;
                    single_units &= (length - 1.0).abs() <= 0.02;
                } else {
                    no_data.push(NoData {
                        start,
                        end,
                        period: Some(index),
                    });
                }
                Bar {
                    start,
                    end,
                    count,
                    rate: count.map(|count| count / length),
                    cumulative: total,
                }
            })
            .collect();
        Self {
            id: casualties.id.clone(),
            label: casualties.label.clone(),
            color,
            description: casualties.description.clone(),
            unit: casualties.unit().to_owned(),
            rate_unit,
            bars,
            no_data,
            estimates,
            unequal: casualties.unequal_periods(),
            single_units,
        }
    }

    /// Whether the periods differ in length, so raw counts do not compare.
    pub fn unequal_periods(&self) -> bool {
        self.unequal
    }

    /// The mode a chart should start in: the rate where periods differ in length, the raw
    /// count where they do not.
    pub fn default_mode(&self) -> BarMode {
        if self.unequal {
            BarMode::Rate
        } else {
            BarMode::PerPeriod
        }
    }

    /// What the bar heights show in `mode`, for the axis caption: "deaths per year".
    pub fn caption(&self, mode: BarMode) -> String {
        let (unit, per) = (&self.unit, self.rate_unit.name());
        match mode {
            BarMode::Rate if self.single_units => format!("{unit} per {per}"),
            BarMode::Rate => format!("{unit} per {per}, averaged over each period"),
            BarMode::PerPeriod if self.single_units => format!("{unit} per {per}"),
            BarMode::PerPeriod if self.unequal => {
                format!("{unit} per period (periods differ in length)")
            }
            BarMode::PerPeriod => format!("{unit} per period"),
            BarMode::Cumulative => format!("{unit}, running total"),
        }
    }

    /// Height of bar `index` in `mode`; `None` for a period without a figure (and out of range).
    pub fn height(&self, index: usize, mode: BarMode) -> Option<f64> {
        let bar = self.bars.get(index)?;
        match mode {
            BarMode::Rate => bar.rate,
            BarMode::PerPeriod => bar.count,
            BarMode::Cumulative => bar.count.map(|_| bar.cumulative),
        }
    }

    /// Height of estimate mark `estimate` in `mode`; `None` in cumulative mode, where a
    /// single period's alternative count has no place.
    pub fn estimate_height(&self, estimate: &BarEstimate, mode: BarMode) -> Option<f64> {
        match mode {
            BarMode::Rate => Some(estimate.rate),
            BarMode::PerPeriod => Some(estimate.count),
            BarMode::Cumulative => None,
        }
    }

    /// The estimate marks of the bars overlapping `from..to`.
    pub fn estimates_in(&self, from: f64, to: f64) -> &[BarEstimate] {
        let first_bar = self.bars.partition_point(|bar| bar.end <= from);
        let last_bar = self.bars.partition_point(|bar| bar.start < to);
        let first = self.estimates.partition_point(|e| e.bar < first_bar);
        let last = self
            .estimates
            .partition_point(|e| e.bar < last_bar)
            .max(first);
        &self.estimates[first..last]
    }

    /// Largest bar in `mode`.
    pub fn max(&self, mode: BarMode) -> f64 {
        (0..self.bars.len())
            .filter_map(|i| self.height(i, mode))
            .fold(0.0, f64::max)
    }

    /// The "no data" stretches overlapping `from..to`.
    pub fn no_data_in(&self, from: f64, to: f64) -> &[NoData] {
        let first = self.no_data.partition_point(|span| span.end <= from);
        let last = self
            .no_data
            .partition_point(|span| span.start < to)
            .max(first);
        &self.no_data[first..last]
    }

    /// The "no data" stretch containing `x`, as an index into [`BarSeries::no_data`].
    pub fn no_data_at(&self, x: f64) -> Option<usize> {
        let index = self.no_data.partition_point(|span| span.end <= x);
        self.no_data
            .get(index)
            .is_some_and(|span| span.start <= x)
            .then_some(index)
    }

    /// The "no data" stretches before bar `index`: what its running total leaves out.
    pub fn skipped_before(&self, index: usize) -> &[NoData] {
        let Some(bar) = self.bars.get(index) else {
            return &[];
        };
        let before = self.no_data.partition_point(|span| span.start < bar.start);
        &self.no_data[..before]
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
    /// Which labels go first when space is short; minor events may be drawn as light marks.
    pub importance: Importance,
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
    /// The most-cited publishers of everything drawn, all series, events and dates ("not
    /// given" for none); the footer of a view uses [`publishers_in_view`] for what it shows.
    pub sources_line: String,
    /// The dataset's named views, as chart ranges, in dataset order.
    pub views: Vec<ViewRange>,
}

/// A dataset-defined view (its title, e.g. "Surge") as a chart range.
#[derive(Clone, Debug, PartialEq)]
pub struct ViewRange {
    /// Button label.
    pub title: String,
    /// Chart x of the first day.
    pub from: f64,
    /// Chart x of the day after the last day.
    pub to: f64,
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
                LineSeries::from_deployment(deployment, palette::series(index))
            })
            .collect();

        let bars = dataset
            .casualties
            .iter()
            .enumerate()
            .map(|(index, series)| BarSeries::new(series, palette::series(lines.len() + index)))
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
                    importance: event.importance.unwrap_or_default(),
                }
            })
            .collect();
        events.sort_by(|a, b| a.start.total_cmp(&b.start));

        let x_range = dataset
            .date_range()
            .map_or((0.0, 1.0), |(first, last)| (first.to_x(), day_after(last)));
        let everything = InView {
            series: &|_: &str| true,
            event: &|_: &crate::dataset::Event| true,
            from: f64::NEG_INFINITY,
            to: f64::INFINITY,
        };
        let sources_line = match publishers_in_view(dataset, &everything, 8) {
            line if line.is_empty() => "not given".to_owned(),
            line => line,
        };
        let views = dataset
            .views
            .iter()
            .map(|view| ViewRange {
                title: view.title.clone(),
                from: view.from.to_x(),
                to: day_after(view.to),
            })
            .collect();
        Self {
            lines,
            bars,
            events,
            categories,
            x_range,
            sources_line,
            views,
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

fn day_after(date: Date) -> f64 {
    date.to_x() + 1.0
}

/// The drawn pieces of a line: `points` (sorted by x) without those at the x of an unknown
/// figure (`gap_xs`, sorted), cut there, so the line shows a gap, never a dip to zero.
pub fn cut_at_gaps(points: &[[f64; 2]], gap_xs: &[f64]) -> Vec<Vec<[f64; 2]>> {
    let mut pieces = Vec::new();
    let mut piece = Vec::new();
    for &point in points {
        if gap_xs.binary_search_by(|x| x.total_cmp(&point[0])).is_ok() {
            if !piece.is_empty() {
                pieces.push(std::mem::take(&mut piece));
            }
        } else {
            piece.push(point);
        }
    }
    if !piece.is_empty() {
        pieces.push(piece);
    }
    pieces
}

/// Where ranges are drawn: runs of two or more consecutive `ranged` points (first, last) get a
/// band between them; a ranged point alone gets an error bar (its index).
pub fn ranged_runs(ranged: &[bool]) -> (Vec<(usize, usize)>, Vec<usize>) {
    let (mut runs, mut bars) = (Vec::new(), Vec::new());
    let mut start = None;
    for (index, &is_ranged) in ranged.iter().chain([&false]).enumerate() {
        match (is_ranged, start) {
            (true, None) => start = Some(index),
            (false, Some(first)) => {
                if index - first >= 2 {
                    runs.push((first, index - 1));
                } else {
                    bars.push(first);
                }
                start = None;
            }
            _ => {}
        }
    }
    (runs, bars)
}

/// `points` (sorted by x) as a step line: each level holds until the next point's x, then
/// changes at once. Adds one corner per step, so an n-point line has 2n − 1 points.
pub fn step_points(points: &[[f64; 2]]) -> Vec<[f64; 2]> {
    let mut out = Vec::with_capacity(points.len() * 2);
    for (i, &point) in points.iter().enumerate() {
        if let Some(&[_, previous_y]) = i.checked_sub(1).and_then(|p| points.get(p)) {
            out.push([point[0], previous_y]);
        }
        out.push(point);
    }
    out
}

/// For each line, the latest point at or before `x` (index), as OWID-style "values at this date".
/// `None` before a series' first point and after its last: a series that has ended has no
/// value, and carrying its last figure forward would state a level nobody reported.
pub fn values_at(lines: &[LineSeries], x: f64) -> Vec<Option<usize>> {
    lines
        .iter()
        .map(|line| {
            let ended = line.xs.last().is_some_and(|&last| x > last);
            if ended {
                return None;
            }
            line.xs.partition_point(|&px| px <= x).checked_sub(1)
        })
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
    /// The bars to draw for `from..to` in `mode` as (start, end, height): those in view with a
    /// figure, merged per pixel column (tallest wins) when periods are narrower than a pixel.
    pub fn visible(
        &self,
        from: f64,
        to: f64,
        columns: usize,
        mode: BarMode,
    ) -> Vec<(f64, f64, f64)> {
        let first = self.bars.partition_point(|bar| bar.end <= from);
        let last = self.bars.partition_point(|bar| bar.start < to).max(first);
        let known = (first..last).filter_map(|i| {
            let bar = &self.bars[i];
            Some((bar.start, bar.end, self.height(i, mode)?))
        });
        if last - first <= columns.max(1) {
            return known.collect();
        }
        let px = columns as f64 / (to - from);
        let mut merged: Vec<(f64, f64, f64)> = Vec::with_capacity(columns + 1);
        let mut current_column = f64::NAN;
        for (start, end, height) in known {
            let column = ((start - from) * px).floor();
            match merged.last_mut() {
                Some(last) if column == current_column => {
                    last.1 = end;
                    last.2 = last.2.max(height);
                }
                _ => {
                    merged.push((start, end, height));
                    current_column = column;
                }
            }
        }
        merged
    }

    /// Largest bar overlapping `from..to` in `mode`.
    pub fn max_in(&self, from: f64, to: f64, mode: BarMode) -> f64 {
        let first = self.bars.partition_point(|bar| bar.end <= from);
        let last = self.bars.partition_point(|bar| bar.start < to);
        (first..last.max(first))
            .filter_map(|i| self.height(i, mode))
            .fold(0.0, f64::max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{Period, load_str};

    const SMALL: &str = r#"Dataset(format: 1, title: "T",
        sources: [Source(id: "s", title: "S", publisher: "P")],
        deployments: [Deployment(id: "a", label: "A", source: "s", points: [
            (date: "2000-01-01", troops: 10), (date: "2001-01-01", troops: 30, high: 40),
            (date: "2002-01-01", troops: 20)])],
        casualties: [Casualties(id: "c", label: "C", periods: [
            (from: "2000-01-01", to: "2000-12-31", count: 5),
            (from: "2001-01-01", to: "2001-12-31", count: 7)])],
        events: [Event(date: "2001-06-01", title: "E", category: "x", importance: 3),
                 Event(date: "2000-06-01", end: "2000-07-01", title: "F")],
        views: [View(title: "Early", from: "2000-01-01", to: "2000-12-31")])"#;

    fn x(date: &str) -> f64 {
        Date::parse(date).unwrap().to_x()
    }

    /// A casualty series from `(from, to, count)` triples.
    fn series(periods: &[(&str, &str, Option<u32>)]) -> BarSeries {
        let casualties = Casualties {
            id: "c".into(),
            label: "C".into(),
            source: None,
            description: Some("what it counts".into()),
            unit: Some("deaths".into()),
            periods: periods
                .iter()
                .map(|&(from, to, count)| Period {
                    from: Date::parse(from).unwrap(),
                    to: Date::parse(to).unwrap(),
                    count,
                    low: None,
                    high: None,
                    source: None,
                    note: None,
                    estimates: Vec::new(),
                })
                .collect(),
        };
        BarSeries::new(&casualties, [0, 0, 0])
    }

    #[test]
    fn bars_span_their_periods_and_accumulate() {
        let model = ChartModel::new(&load_str(SMALL, "t").unwrap());
        let bars = &model.bars[0].bars;
        assert_eq!(bars[0].start, x("2000-01-01"));
        assert_eq!(bars[0].end, x("2001-01-01"));
        assert_eq!(bars[0].days(), 366.0);
        assert_eq!((bars[0].cumulative, bars[1].cumulative), (5.0, 12.0));
        assert_eq!(model.bars[0].max(BarMode::Cumulative), 12.0);
        assert_eq!(model.bars[0].max(BarMode::PerPeriod), 7.0);
        assert_eq!(model.bars[0].max(BarMode::Rate), 7.0);
        assert_eq!(model.bars[0].unit, "people");
    }

    #[test]
    fn calendar_years_compare_as_counts() {
        let years = series(&[
            ("2004-01-01", "2004-12-31", Some(849)),
            ("2005-01-01", "2005-12-31", Some(846)),
        ]);
        assert!(!years.unequal_periods());
        assert_eq!(years.default_mode(), BarMode::PerPeriod);
        assert_eq!(years.rate_unit, TimeUnit::Year);
        // A leap year is one year: the rate is the count.
        assert_eq!(years.height(0, BarMode::Rate), Some(849.0));
        assert_eq!(years.height(0, BarMode::PerPeriod), Some(849.0));
        assert_eq!(years.caption(BarMode::PerPeriod), "deaths per year");
        assert_eq!(years.caption(BarMode::Rate), "deaths per year");
        assert_eq!(years.caption(BarMode::Cumulative), "deaths, running total");
        assert_eq!(years.description.as_deref(), Some("what it counts"));
    }

    #[test]
    fn unequal_periods_are_compared_as_rates() {
        // The wounded periods of the built-in data: 130 days with the highest rate, 415 days
        // with the highest count.
        let wounded = series(&[
            ("2004-04-24", "2004-08-31", Some(3052)),
            ("2004-09-01", "2005-10-20", Some(8304)),
        ]);
        assert!(wounded.unequal_periods());
        assert_eq!(wounded.default_mode(), BarMode::Rate);
        assert_eq!(wounded.bars[0].days(), 130.0);
        assert_eq!(wounded.bars[1].days(), 415.0);
        let rate = |i| wounded.height(i, BarMode::Rate).unwrap();
        let count = |i| wounded.height(i, BarMode::PerPeriod).unwrap();
        assert!(rate(0) > rate(1) && count(0) < count(1));
        for i in 0..2 {
            // Area (height × days) is proportional to the count, within the calendar's
            // share of leap days.
            let years = wounded.bars[i].days() / 365.25;
            assert!((rate(i) * years / count(i) - 1.0).abs() < 0.003, "{i}");
        }
        assert!((rate(0) - 3052.0 * 366.0 / 130.0).abs() < 1e-6);
        assert!((rate(1) - 8304.0 / (122.0 / 366.0 + 293.0 / 365.0)).abs() < 1e-6);
        assert_eq!(
            wounded.caption(BarMode::Rate),
            "deaths per year, averaged over each period"
        );
        assert_eq!(
            wounded.caption(BarMode::PerPeriod),
            "deaths per period (periods differ in length)"
        );
        let quarters = series(&[
            ("2004-01-01", "2004-03-31", Some(30)),
            ("2004-04-01", "2004-06-30", Some(60)),
        ]);
        assert_eq!(quarters.rate_unit, TimeUnit::Month);
        assert_eq!(quarters.height(1, BarMode::Rate), Some(20.0));
        assert_eq!(quarters.caption(BarMode::PerPeriod), "deaths per period");
        assert_eq!(
            quarters.caption(BarMode::Rate),
            "deaths per month, averaged over each period"
        );
    }

    #[test]
    fn unknown_counts_and_gaps_are_no_data_and_skipped_in_totals() {
        let bars = series(&[
            ("2019-01-01", "2019-12-31", Some(2362)),
            ("2020-01-01", "2020-12-31", Some(902)),
            ("2021-01-01", "2021-12-31", None),
            ("2022-01-01", "2022-12-31", Some(740)),
            ("2024-01-01", "2024-12-31", Some(500)),
        ]);
        assert_eq!(
            bars.no_data,
            vec![
                NoData {
                    start: x("2021-01-01"),
                    end: x("2022-01-01"),
                    period: Some(2)
                },
                NoData {
                    start: x("2023-01-01"),
                    end: x("2024-01-01"),
                    period: None
                },
            ]
        );
        for mode in [BarMode::Rate, BarMode::PerPeriod, BarMode::Cumulative] {
            assert_eq!(bars.height(2, mode), None, "{mode:?}");
            assert_eq!(bars.height(9, mode), None, "{mode:?}");
        }
        assert_eq!(bars.bars[2].count, None);
        assert_eq!(bars.bars[3].cumulative, 2362.0 + 902.0 + 740.0);
        assert_eq!(bars.height(4, BarMode::Cumulative), Some(4504.0));
        assert!(bars.skipped_before(1).is_empty());
        assert!(
            bars.skipped_before(2).is_empty(),
            "a bar does not skip itself"
        );
        assert_eq!(bars.skipped_before(3), &bars.no_data[..1]);
        assert_eq!(bars.skipped_before(4), &bars.no_data[..]);
        assert!(bars.skipped_before(5).is_empty());
        assert_eq!(bars.no_data_at(x("2021-06-01")), Some(0));
        assert_eq!(bars.no_data_at(x("2023-12-31")), Some(1));
        assert_eq!(bars.no_data_at(x("2024-01-01")), None);
        assert_eq!(bars.no_data_at(x("2020-12-31")), None);
        assert_eq!(bars.no_data_in(x("2021-06-01"), x("2022-06-01")).len(), 1);
        assert_eq!(bars.no_data_in(x("2022-01-01"), x("2023-01-01")).len(), 0);
        assert_eq!(bars.no_data_in(x("2000-01-01"), x("2030-01-01")).len(), 2);
        let drawn = bars.visible(x("2019-01-01"), x("2025-01-01"), 100, BarMode::PerPeriod);
        assert_eq!(drawn.len(), 4, "the unknown year draws no bar: {drawn:?}");
        assert_eq!(
            bars.max_in(x("2021-02-01"), x("2021-03-01"), BarMode::Rate),
            0.0
        );
        // An unknown period does not make the known ones unequal.
        assert!(!bars.unequal_periods());
    }

    #[test]
    fn other_estimates_of_a_period_are_marks_in_every_mode_but_cumulative() {
        let text = SMALL.replace(
            "count: 7)",
            r#"count: 7, estimates: [(value: 4, note: "one country only"), (value: 9, note: "old")])"#,
        );
        let model = ChartModel::new(&load_str(&text, "t").unwrap());
        let bars = &model.bars[0];
        assert_eq!(bars.estimates.len(), 2);
        let first = &bars.estimates[0];
        assert_eq!((first.bar, first.estimate, first.count), (1, 0, 4.0));
        assert_eq!(bars.estimate_height(first, BarMode::PerPeriod), Some(4.0));
        assert_eq!(bars.estimate_height(first, BarMode::Rate), Some(4.0));
        assert_eq!(bars.estimate_height(first, BarMode::Cumulative), None);
        assert_eq!(bars.estimates_in(x("2001-06-01"), x("2001-07-01")).len(), 2);
        assert_eq!(bars.estimates_in(x("2000-06-01"), x("2000-07-01")).len(), 0);
        assert_eq!(bars.max(BarMode::PerPeriod), 7.0, "estimates are not bars");
        let partial = series(&[("2003-03-20", "2003-12-31", Some(486))]);
        assert!(partial.estimates.is_empty());
        let text = SMALL
            .replace(
                r#"to: "2001-12-31", count: 7"#,
                r#"to: "2001-06-30", count: 7"#,
            )
            .replace(
                "count: 7)",
                r#"count: 7, estimates: [(value: 4, note: "n")])"#,
            );
        let model = ChartModel::new(&load_str(&text, "t").unwrap());
        let half_year = &model.bars[0].estimates[0];
        assert!(
            (half_year.rate - 4.0 / (181.0 / 365.0)).abs() < 1e-9,
            "{half_year:?}"
        );
    }

    #[test]
    fn narrow_bars_merge_per_pixel_keeping_the_tallest() {
        let days: Vec<(String, Option<u32>)> = (0..10_000)
            .map(|i| {
                let date = Date::from_x(f64::from(i)).unwrap().to_string();
                let count = if i == 5 { None } else { Some(i % 100) };
                (date, count)
            })
            .collect();
        let periods: Vec<(&str, &str, Option<u32>)> = days
            .iter()
            .map(|(date, count)| (date.as_str(), date.as_str(), *count))
            .collect();
        let series = series(&periods);
        let merged = series.visible(0.0, 10_000.0, 100, BarMode::PerPeriod);
        assert_eq!(merged.len(), 100);
        assert!(merged.iter().all(|b| b.2 == 99.0));
        let exact = series.visible(10.0, 20.0, 100, BarMode::PerPeriod);
        assert_eq!(exact.len(), 10);
        assert_eq!(exact[0], (10.0, 11.0, 10.0));
        let around_unknown = series.visible(3.0, 8.0, 100, BarMode::PerPeriod);
        assert_eq!(around_unknown.len(), 4, "{around_unknown:?}");
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
    fn events_are_sorted_categorised_and_ranked() {
        let model = ChartModel::new(&load_str(SMALL, "t").unwrap());
        let titles: Vec<_> = model.events.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(titles, ["F", "E"]);
        let names: Vec<_> = model.categories.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["x", UNCATEGORISED]);
        assert_ne!(model.categories[0].color, model.categories[1].color);
        assert_eq!(model.events[0].importance, Importance::Normal);
        assert_eq!(model.events[1].importance, Importance::Headline);
    }

    #[test]
    fn views_become_chart_ranges() {
        let model = ChartModel::new(&load_str(SMALL, "t").unwrap());
        assert_eq!(
            model.views,
            vec![ViewRange {
                title: "Early".into(),
                from: x("2000-01-01"),
                to: x("2001-01-01"),
            }]
        );
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
    fn the_band_holds_only_the_range_given_for_each_point() {
        let text = SMALL.replace(
            "troops: 20)",
            r#"troops: 20, estimates: [(value: 99, date: "2001-06-01", note: "other date"),
                                      (value: 1, note: "rejected")])"#,
        );
        let model = ChartModel::new(&load_str(&text, "t").unwrap());
        let line = &model.lines[0];
        let (lows, highs) = line.band.as_ref().unwrap();
        assert_eq!(lows, &[10.0, 30.0, 20.0]);
        assert_eq!(highs, &[10.0, 40.0, 20.0]);
        assert_eq!(
            model.max_troops(),
            40.0,
            "estimates do not stretch the band"
        );
        assert_eq!(line.max_in(line.xs[0], line.xs[2]), 40.0);
        assert_eq!(
            line.estimates,
            vec![
                EstimateMark {
                    x: x("2001-06-01"),
                    value: 99.0,
                    point: 2,
                    estimate: 0
                },
                EstimateMark {
                    x: x("2002-01-01"),
                    value: 1.0,
                    point: 2,
                    estimate: 1
                },
            ]
        );
        assert_eq!(line.estimates_in(x("2001-01-01"), x("2001-12-31")).len(), 1);
        assert_eq!(line.estimates_in(x("2002-01-01"), x("2002-01-01")).len(), 1);
        assert_eq!(line.estimates_in(x("2003-01-01"), x("2004-01-01")).len(), 0);
        assert_eq!(
            line.estimates_max_in(x("2000-01-01"), x("2003-01-01")),
            99.0
        );
        assert_eq!(line.estimates_max_in(x("2001-12-01"), x("2003-01-01")), 1.0);
        assert_eq!(line.estimates_max_in(x("2003-01-01"), x("2004-01-01")), 0.0);
        let without = ChartModel::new(&load_str(SMALL, "t").unwrap());
        assert!(without.lines[0].estimates.is_empty());
    }

    #[test]
    fn an_unknown_figure_is_a_gap_never_a_zero() {
        let text = SMALL.replace(
            "troops: 30, high: 40)",
            r#"troops: None, note: "No year-end count.")"#,
        );
        let dataset = load_str(&text, "t").unwrap();
        let model = ChartModel::new(&dataset);
        let line = &model.lines[0];
        assert_eq!(line.gaps, vec![1]);
        assert!(line.band.is_none());
        assert_eq!(line.max_in(line.xs[0], line.xs[2]), 20.0);
        // The drawn line is cut at the unknown point: two pieces, no point at 0.
        let points: Vec<[f64; 2]> = line
            .xs
            .iter()
            .zip(&line.ys)
            .map(|(&x, &y)| [x, y])
            .collect();
        let pieces = cut_at_gaps(&points, &[line.xs[1]]);
        assert_eq!(pieces, vec![vec![points[0]], vec![points[2]]]);
        assert_eq!(cut_at_gaps(&points, &[]), vec![points.clone()]);
        let text = crate::chart::describe::point(&dataset, &model, 0, 1)
            .unwrap()
            .text();
        assert!(
            text.contains("No figure for this date: unknown, not zero"),
            "{text}"
        );
        assert!(!text.contains("0 troops"), "{text}");
    }

    #[test]
    fn ranges_are_drawn_only_where_given() {
        let (runs, bars) = ranged_runs(&[true, false, true, true, true, false, false, true]);
        assert_eq!(runs, vec![(2, 4)]);
        assert_eq!(bars, vec![0, 7]);
        assert_eq!(ranged_runs(&[]), (vec![], vec![]));
        // SMALL's one ranged point has unranged neighbours: an error bar, no band wedge.
        let model = ChartModel::new(&load_str(SMALL, "t").unwrap());
        assert!(model.lines[0].band_runs.is_empty());
        assert_eq!(model.lines[0].error_bars, vec![1]);
    }

    #[test]
    fn a_step_series_draws_steps() {
        assert_eq!(
            step_points(&[[0.0, 1.0], [2.0, 5.0], [3.0, 4.0]]),
            vec![[0.0, 1.0], [2.0, 1.0], [2.0, 5.0], [3.0, 5.0], [3.0, 4.0]]
        );
        assert_eq!(step_points(&[[0.0, 1.0]]), vec![[0.0, 1.0]]);
        assert!(step_points(&[]).is_empty());
        let text = SMALL.replace(
            r#"label: "A", source: "s","#,
            r#"label: "A", source: "s", line: Steps,"#,
        );
        let model = ChartModel::new(&load_str(&text, "t").unwrap());
        assert!(model.lines[0].steps);
        assert!(!ChartModel::new(&load_str(SMALL, "t").unwrap()).lines[0].steps);
    }

    #[test]
    fn points_that_are_not_reported_levels_are_listed_by_kind() {
        let text = SMALL
            .replace("troops: 10)", "troops: 10, kind: Forecast)")
            .replace(
                "troops: 20)",
                "troops: 20, kind: CarriedForward, precision: Year)",
            );
        let dataset = load_str(&text, "t").unwrap();
        let model = ChartModel::new(&dataset);
        assert_eq!(
            model.lines[0].unreported,
            vec![(0, PointKind::Forecast), (2, PointKind::CarriedForward)]
        );
        assert_eq!(dataset.deployments[0].points[2].date_label(), "2002");
    }

    #[test]
    fn rejected_figures_are_never_marks_and_never_scale_the_axis() {
        let text = SMALL.replace(
            "troops: 20)",
            r#"troops: 20, estimates: [(value: 9999, date: "2001-06-01", note: "a spike",
                                        status: Rejected),
                                       (value: 25, note: "a forecast")])"#,
        );
        let dataset = load_str(&text, "t").unwrap();
        let model = ChartModel::new(&dataset);
        let line = &model.lines[0];
        assert_eq!(line.estimates.len(), 1, "{:?}", line.estimates);
        assert_eq!(
            (line.estimates[0].value, line.estimates[0].estimate),
            (25.0, 1)
        );
        assert_eq!(
            line.estimates_max_in(x("2000-01-01"), x("2003-01-01")),
            25.0
        );
        // Still in the data the tooltip and the table read.
        assert_eq!(dataset.deployments[0].points[2].estimates().len(), 2);
    }

    #[test]
    fn measure_changes_are_breaks() {
        let model = ChartModel::new(&load_str(SMALL, "t").unwrap());
        assert!(model.lines[0].measure_runs.is_empty() && model.lines[0].breaks.is_empty());
        assert_eq!(model.lines[0].measure_at(0), None);
        let text = SMALL
            .replace(r#"label: "A","#, r#"label: "A", measure: "reported","#)
            .replace("high: 40)", r#"high: 40, measure: "count")"#);
        let model = ChartModel::new(&load_str(&text, "t").unwrap());
        let line = &model.lines[0];
        assert_eq!(line.breaks, vec![1, 2]);
        let measures: Vec<_> = (0..4).map(|i| line.measure_at(i)).collect();
        assert_eq!(
            measures,
            [
                Some("reported"),
                Some("count"),
                Some("reported"),
                Some("reported")
            ]
        );
        assert_eq!(line.measure_runs.len(), 3);
        // Points that name no measure in a series that names some form their own run.
        let text = SMALL.replace("troops: 20)", r#"troops: 20, measure: "count")"#);
        let model = ChartModel::new(&load_str(&text, "t").unwrap());
        assert_eq!(model.lines[0].breaks, vec![2]);
        assert_eq!(model.lines[0].measure_at(0), None);
        assert_eq!(model.lines[0].measure_at(2), Some("count"));
        let text = SMALL.replace(r#"label: "A","#, r#"label: "A", measure: "one","#);
        let model = ChartModel::new(&load_str(&text, "t").unwrap());
        assert!(model.lines[0].breaks.is_empty());
        assert_eq!(model.lines[0].measure_at(1), Some("one"));
    }

    #[test]
    fn estimate_markers_are_in_date_order_whatever_point_lists_them() {
        let text = SMALL
            .replace(
                "(date: \"2000-01-01\", troops: 10)",
                r#"(date: "2000-01-01", troops: 10, estimates: [(value: 7, date: "2000-09-01", note: "n")])"#,
            )
            .replace(
                "high: 40)",
                r#"high: 40, estimates: [(value: 8, date: "2000-03-01", note: "n")])"#,
            );
        let model = ChartModel::new(&load_str(&text, "t").unwrap());
        let line = &model.lines[0];
        let order: Vec<(f64, usize)> = line.estimates.iter().map(|e| (e.value, e.point)).collect();
        assert_eq!(order, [(8.0, 1), (7.0, 0)]);
        assert_eq!(line.description, None);
        let described = SMALL.replace(
            r#"label: "A","#,
            r#"label: "A", description: "What A is.","#,
        );
        let model = ChartModel::new(&load_str(&described, "t").unwrap());
        assert_eq!(model.lines[0].description.as_deref(), Some("What A is."));
    }

    #[test]
    fn the_footer_names_the_most_cited_publishers() {
        let model = ChartModel::new(&load_str(SMALL, "t").unwrap());
        assert_eq!(model.sources_line, "P");
        let text = SMALL.replace(
            r#"sources: [Source(id: "s", title: "S", publisher: "P")]"#,
            r#"sources: [Source(id: "u", title: "U", publisher: "Unused (a detail)"),
                        Source(id: "s", title: "S", publisher: "Cited (via a mirror)"),
                        Source(id: "t", title: "T", publisher: "Cited")]"#,
        );
        let model = ChartModel::new(&load_str(&text, "t").unwrap());
        // Only cited publishers; a second-hand route stays named.
        assert_eq!(model.sources_line, "Cited (via a mirror)");
        let stub = SMALL.replace(
            r#"publisher: "P""#,
            r#"publisher: "TODO: who published it""#,
        );
        // An imported table's stub source is never printed as a source.
        let model = ChartModel::new(&load_str(&stub, "t").unwrap());
        assert_eq!(model.sources_line, "not given");
        let none = SMALL
            .replace(
                r#"sources: [Source(id: "s", title: "S", publisher: "P")],"#,
                "",
            )
            .replace(r#", source: "s""#, "");
        let model = ChartModel::new(&load_str(&none, "t").unwrap());
        assert_eq!(model.sources_line, "not given");
    }

    #[test]
    fn values_at_a_date_are_the_latest_known() {
        let model = ChartModel::new(&load_str(SMALL, "t").unwrap());
        let x = Date::parse("2001-06-01").unwrap().to_x();
        assert_eq!(values_at(&model.lines, x), vec![Some(1)]);
        assert_eq!(values_at(&model.lines, 0.0), vec![None]);
        let last = Date::parse("2002-01-01").unwrap().to_x();
        assert_eq!(values_at(&model.lines, last), vec![Some(2)]);
        assert_eq!(
            values_at(&model.lines, last + 400.0),
            vec![None],
            "no value past the series' end"
        );
    }
}
