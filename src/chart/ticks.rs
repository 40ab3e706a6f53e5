//! Calendar-aware ticks for the date axis and round ticks for value axes, laid out on screen:
//! real year, month and day boundaries chosen by zoom level and by the width of their labels,
//! so that every plot gets at least two labels that neither crowd nor leave the chart.

use crate::dataset::Date;

use super::format;
use super::range::DateRange;

/// A calendar step between ticks.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Step {
    Years(i32),
    Months(u32),
    Days(u32),
}

impl Step {
    fn approx_days(self) -> f64 {
        match self {
            Step::Years(n) => 365.25 * f64::from(n),
            Step::Months(n) => 30.44 * f64::from(n),
            Step::Days(n) => f64::from(n),
        }
    }
}

/// How much a label says: the long form names the year everywhere, the short one only where
/// the year changes ("Oct", "Nov", "2008"), for narrow plots.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    Long,
    Short,
}

/// Candidate steps from finest to coarsest; beyond them come 100, 200, 500, 1000, ... years.
const STEPS: [Step; 14] = [
    Step::Days(1),
    Step::Days(2),
    Step::Days(7),
    Step::Days(14),
    Step::Months(1),
    Step::Months(2),
    Step::Months(3),
    Step::Months(6),
    Step::Years(1),
    Step::Years(2),
    Step::Years(5),
    Step::Years(10),
    Step::Years(20),
    Step::Years(50),
];

/// No label is narrower than this, so steps closer together on screen are not tried.
const MIN_TICK_PX: f64 = 18.0;

/// Horizontal screen extents: where the plot is, and where its axis labels may go.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AxisSpan {
    /// Screen x of the plot's left edge (the range's start).
    pub plot_left: f64,
    /// Screen x of the plot's right edge (the range's end).
    pub plot_right: f64,
    /// Labels must not start left of this.
    pub min_px: f64,
    /// Labels must not end right of this.
    pub max_px: f64,
}

/// One labelled position on the date axis.
#[derive(Clone, Debug, PartialEq)]
pub struct AxisLabel {
    /// Chart x of the tick (days since 1970-01-01).
    pub x: f64,
    /// Screen x of the label's centre (the tick).
    pub center_px: f64,
    /// "2007", "Oct 2007", "15 Oct 2007" or a short form.
    pub text: String,
    /// Width of the text.
    pub width_px: f64,
}

impl AxisLabel {
    /// Left edge of the text.
    pub fn left_px(&self) -> f64 {
        self.center_px - self.width_px / 2.0
    }

    /// Right edge of the text.
    pub fn right_px(&self) -> f64 {
        self.center_px + self.width_px / 2.0
    }
}

/// The date axis of a plot: grid positions and labels.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DateAxis {
    /// Chart x of every tick in view (grid lines), labelled or not.
    pub grid: Vec<f64>,
    /// The labels, left to right, none overlapping and all inside the allowed span.
    pub labels: Vec<AxisLabel>,
}

/// Lays out the date axis for `range` drawn over `span`: the finest calendar step whose labels
/// (measured with `measure`) keep `gap_px` between neighbours, preferring steps that give at
/// least two labels inside the allowed span.
pub fn date_axis(
    range: DateRange,
    span: AxisSpan,
    gap_px: f64,
    measure: &mut dyn FnMut(&str) -> f64,
) -> DateAxis {
    let width_px = span.plot_right - span.plot_left;
    if !(width_px.is_finite() && width_px > 0.0) {
        return DateAxis::default();
    }
    let days_per_px = range.width() / width_px;
    let mut best: Option<DateAxis> = None;
    // Long labels at any step read better than short ones at a finer step.
    for style in [Style::Long, Style::Short] {
        for step in candidate_steps(days_per_px) {
            if style == Style::Short && matches!(step, Step::Years(_)) {
                continue;
            }
            let Some(axis) = try_step(
                range,
                span,
                (step, style, Crowding::Refuse),
                gap_px,
                measure,
            ) else {
                continue;
            };
            if axis.labels.len() >= 2 {
                return axis;
            }
            if best
                .as_ref()
                .is_none_or(|b| axis.labels.len() > b.labels.len())
            {
                best = Some(axis);
            }
        }
    }
    // A narrow plot where no whole step gives two labels: label every few ticks of a finer one.
    for style in [Style::Long, Style::Short] {
        for step in fine_steps(days_per_px) {
            if let Some(axis) =
                try_step(range, span, (step, style, Crowding::Thin), gap_px, measure)
                && axis.labels.len() >= 2
            {
                return axis;
            }
        }
    }
    best.unwrap_or_default()
}

/// Steps at least a few pixels apart, finest first, for thinned labels.
fn fine_steps(days_per_px: f64) -> impl Iterator<Item = Step> {
    STEPS
        .into_iter()
        .filter(move |step| step.approx_days() / days_per_px >= MIN_TICK_PX / 3.0)
        .take(6)
}

/// Steps whose ticks are at least [`MIN_TICK_PX`] apart, finest first.
fn candidate_steps(days_per_px: f64) -> impl Iterator<Item = Step> {
    let centuries = std::iter::successors(Some(100_i32), |&scale| {
        scale.checked_mul(10).filter(|&next| next <= 100_000_000)
    })
    .flat_map(|scale| [scale, scale * 2, scale * 5])
    .map(Step::Years);
    STEPS
        .into_iter()
        .chain(centuries)
        .filter(move |step| step.approx_days() / days_per_px >= MIN_TICK_PX)
        // The coarsest steps are years apart; a handful of candidates suffices.
        .take(8)
}

/// What to do when a tick's label would crowd the one before.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Crowding {
    /// Give up on this step.
    Refuse,
    /// Leave that tick unlabelled (the grid line stays).
    Thin,
}

/// The axis with `step` and `style`, or `None` when neighbouring labels would crowd and
/// crowding is refused.
fn try_step(
    range: DateRange,
    span: AxisSpan,
    (step, style, crowding): (Step, Style, Crowding),
    gap_px: f64,
    measure: &mut dyn FnMut(&str) -> f64,
) -> Option<DateAxis> {
    let px_per_day = (span.plot_right - span.plot_left) / range.width();
    let to_px = |x: f64| span.plot_left + (x - range.from()) * px_per_day;
    let grid = ticks(range, step);
    let mut labels: Vec<AxisLabel> = Vec::new();
    for &x in &grid {
        let Some(date) = Date::from_x(x) else {
            continue;
        };
        let text = label(date, step, style);
        let width_px = measure(&text);
        let label = AxisLabel {
            x,
            center_px: to_px(x),
            text,
            width_px,
        };
        if label.left_px() < span.min_px || label.right_px() > span.max_px {
            continue;
        }
        if let Some(previous) = labels.last()
            && previous.right_px() + gap_px > label.left_px()
        {
            match crowding {
                Crowding::Refuse => return None,
                Crowding::Thin => continue,
            }
        }
        labels.push(label);
    }
    Some(DateAxis { grid, labels })
}

/// Every boundary of `step` inside `range`, at most a few hundred.
fn ticks(range: DateRange, step: Step) -> Vec<f64> {
    let (Some(start), Some(end)) = (Date::from_x(range.from()), Date::from_x(range.to())) else {
        return Vec::new();
    };
    let mut ticks = Vec::new();
    let mut current = Some(first_boundary(start, step));
    while let Some(date) = current {
        if date > end || ticks.len() > 500 {
            break;
        }
        let x = date.to_x();
        if range.contains(x) {
            ticks.push(x);
        }
        current = advance(date, step);
    }
    ticks
}

/// Day steps of several days fall on every n-th day counted from a Monday (1970-01-05), so
/// weekly ticks are Mondays and the grid stays put while panning.
const DAY_STEP_ORIGIN: f64 = 4.0;

/// The first boundary of `step` on or before `date`.
fn first_boundary(date: Date, step: Step) -> Date {
    match step {
        Step::Years(n) => Date::from_ymd(date.year().div_euclid(n) * n, 1, 1),
        Step::Months(n) => Date::from_ymd(date.year(), (date.month() - 1) / n * n + 1, 1),
        Step::Days(n) => {
            let n = f64::from(n);
            Date::from_x(((date.to_x() - DAY_STEP_ORIGIN) / n).floor() * n + DAY_STEP_ORIGIN)
        }
    }
    .unwrap_or(date)
}

fn advance(date: Date, step: Step) -> Option<Date> {
    match step {
        Step::Years(n) => Date::from_ymd(date.year().checked_add(n)?, 1, 1),
        Step::Months(n) => {
            let index = date.month() - 1 + n;
            #[allow(clippy::cast_possible_wrap)] // index / 12 is tiny
            Date::from_ymd(
                date.year().checked_add((index / 12) as i32)?,
                index % 12 + 1,
                1,
            )
        }
        Step::Days(n) => Date::from_x(date.to_x() + f64::from(n)),
    }
}

fn label(date: Date, step: Step, style: Style) -> String {
    let new_year = (date.month(), date.day()) == (1, 1);
    match (step, style) {
        (Step::Years(_), _) => date.year().to_string(),
        (Step::Months(_), Style::Long) => date.naive().format("%b %Y").to_string(),
        (Step::Months(_), Style::Short) if new_year => date.year().to_string(),
        (Step::Months(_), Style::Short) => date.naive().format("%b").to_string(),
        (Step::Days(_), Style::Long) => date.long(),
        (Step::Days(_), Style::Short) if new_year => date.year().to_string(),
        (Step::Days(_), Style::Short) => date.naive().format("%-d %b").to_string(),
    }
}

/// One labelled value on a value axis.
#[derive(Clone, Debug, PartialEq)]
pub struct ValueLabel {
    /// The value.
    pub value: f64,
    /// "150,000".
    pub text: String,
}

/// Round value ticks (1, 2 or 5 × 10ⁿ, whole numbers) for `0..=max` drawn `height_px` tall,
/// at least `min_gap_px` apart, with their labels.
pub fn value_axis(max: f64, height_px: f64, min_gap_px: f64) -> Vec<ValueLabel> {
    value_ticks(0.0, max, height_px, min_gap_px)
        .into_iter()
        .map(|(value, _)| ValueLabel {
            value,
            text: format::axis_number(value),
        })
        .collect()
}

/// The top of a value axis for data up to `data_max`: the first round tick at or just above it
/// (with a sliver of air), so the axis ends at a labelled line rather than far above the data.
pub fn nice_top(data_max: f64, height_px: f64, min_gap_px: f64) -> f64 {
    let wanted = if data_max.is_finite() && data_max > 0.0 {
        data_max * 1.02
    } else {
        return 10.0;
    };
    let mut top = wanted;
    // Rounding up can change the step; a few rounds settle on a top that is itself a tick.
    for _ in 0..4 {
        let Some(&(_, step)) = value_ticks(0.0, top, height_px, min_gap_px).first() else {
            return top.max(1.0);
        };
        let next = (wanted / step).ceil() * step;
        if (next - top).abs() <= f64::EPSILON * next.abs() {
            break;
        }
        top = next;
    }
    top.max(1.0)
}

/// Round y-axis steps (1, 2 or 5 × 10ⁿ) for `min..=max` drawn `height_px` tall: as many lines as
/// fit with at least `min_gap_px` between them. Returns (value, step) pairs.
pub fn value_ticks(min: f64, max: f64, height_px: f64, min_gap_px: f64) -> Vec<(f64, f64)> {
    if !(min.is_finite() && max.is_finite()) || max <= min || height_px <= 0.0 {
        return Vec::new();
    }
    let wanted = (height_px / min_gap_px.max(1.0)).max(1.0);
    let raw = (max - min) / wanted;
    let nice = |value: f64| {
        let magnitude = 10f64.powf(value.log10().floor());
        [1.0, 2.0, 5.0, 10.0].map(|m| m * magnitude)
    };
    let mut step = nice(raw)
        .into_iter()
        .find(|step| *step >= raw)
        .unwrap_or(raw)
        .max(1.0);
    // A short plot still gets a second tick: the largest round step that fits under the top.
    if step > max - min {
        step = nice(max - min)
            .into_iter()
            .rev()
            .find(|step| *step <= max - min)
            .unwrap_or(step)
            .max(1.0);
    }
    let first = (min / step).ceil() as i64;
    let last = (max / step).floor() as i64;
    (first..=last.min(first + 200))
        .map(|i| (i as f64 * step, step))
        .collect()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn the_axis_ends_at_a_round_tick_just_above_the_data() {
        let top = nice_top(170_300.0, 400.0, 28.0);
        assert!((170_300.0..=200_000.0).contains(&top), "{top}");
        let ticks = value_axis(top, 400.0, 28.0);
        assert_eq!(ticks.last().map(|t| t.value), Some(top), "{ticks:?}");
        let small = nice_top(5_262.0, 300.0, 28.0);
        assert!((5_262.0..=6_000.0).contains(&small), "{small}");
        assert_eq!(nice_top(0.0, 300.0, 28.0), 10.0);
    }

    fn x(text: &str) -> f64 {
        Date::parse(text).map_or(f64::NAN, Date::to_x)
    }

    fn range(from: &str, to: &str) -> DateRange {
        DateRange::new(x(from), x(to)).unwrap_or_else(|| panic!("{from}..{to}"))
    }

    /// Six and a half pixels per character: about the UI font at 11 points.
    fn measure(text: &str) -> f64 {
        6.5 * text.chars().count() as f64
    }

    fn span(width: f64) -> AxisSpan {
        AxisSpan {
            plot_left: 60.0,
            plot_right: 60.0 + width,
            min_px: 10.0,
            max_px: 60.0 + width + 12.0,
        }
    }

    fn axis(from: &str, to: &str, width: f64) -> DateAxis {
        date_axis(range(from, to), span(width), 12.0, &mut measure)
    }

    fn texts(axis: &DateAxis) -> Vec<&str> {
        axis.labels.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn two_decades_get_year_labels_on_january_first() {
        let axis = axis("2003-03-20", "2024-09-27", 1000.0);
        assert!(axis.labels.len() >= 5, "{axis:?}");
        for label in &axis.labels {
            assert!(
                label.text.len() == 4 && label.text.parse::<i32>().is_ok(),
                "{label:?}"
            );
            let date = Date::from_x(label.x).unwrap_or_else(|| panic!());
            assert_eq!((date.month(), date.day()), (1, 1));
        }
        assert!(texts(&axis).contains(&"2010"));
    }

    #[test]
    fn a_year_gets_months_and_a_fortnight_gets_days() {
        assert!(texts(&axis("2007-01-01", "2007-12-31", 1000.0)).contains(&"Oct 2007"));
        let days = axis("2007-10-05", "2007-10-20", 1000.0);
        assert!(days.labels.len() >= 4, "{days:?}");
        for text in texts(&days) {
            let (day, month) = text.split_once(' ').unwrap_or_default();
            assert!(day.parse::<u32>().is_ok() && month == "Oct 2007", "{text}");
        }
    }

    #[test]
    fn a_narrow_plot_of_twelve_days_labels_every_few_days() {
        // Twelve days on 200 pixels: no day step gives two labels whole, a thinned one does.
        let axis = axis("2007-08-15", "2007-08-27", 200.0);
        assert!(axis.labels.len() >= 2, "{axis:?}");
    }

    #[test]
    fn narrow_plots_switch_to_short_labels() {
        let axis = axis("2007-01-01", "2007-04-01", 90.0);
        assert!(axis.labels.len() >= 2, "{axis:?}");
        assert!(texts(&axis).iter().all(|t| !t.contains(' ')), "{axis:?}");
    }

    #[test]
    fn labels_at_the_edges_stay_inside_or_are_dropped() {
        // The last tick, 2024, sits at the plot's right edge: its label must not be cut.
        let axis = axis("2003-01-01", "2024-01-01", 900.0);
        let edge = span(900.0);
        assert!(
            axis.labels
                .iter()
                .all(|l| l.left_px() >= edge.min_px && l.right_px() <= edge.max_px)
        );
        assert!(axis.grid.contains(&x("2024-01-01")));
    }

    #[test]
    fn a_millennium_and_ten_thousand_years_have_labels() {
        assert!(axis("1000-01-01", "2000-01-01", 800.0).labels.len() >= 2);
        assert!(axis("0001-01-01", "9999-12-31", 300.0).labels.len() >= 2);
    }

    #[test]
    fn short_labels_name_the_year_where_it_changes() {
        let date = Date::parse("2008-01-01").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(label(date, Step::Months(1), Style::Short), "2008");
        assert_eq!(label(date, Step::Days(1), Style::Short), "2008");
        let date = Date::parse("2008-03-05").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(label(date, Step::Days(1), Style::Short), "5 Mar");
        assert_eq!(label(date, Step::Months(1), Style::Short), "Mar");
        assert_eq!(label(date, Step::Months(1), Style::Long), "Mar 2008");
    }

    #[test]
    fn day_ticks_fall_on_fixed_days_and_cross_months_and_years() {
        let date = Date::parse("2008-12-29").unwrap_or_else(|e| panic!("{e}"));
        let next = advance(date, Step::Days(7)).unwrap_or_else(|| panic!());
        assert_eq!(next.to_string(), "2009-01-05");
        // Weekly ticks are Mondays.
        let date = Date::parse("2008-03-14").unwrap_or_else(|e| panic!("{e}"));
        let monday = first_boundary(date, Step::Days(7));
        assert_eq!(monday.to_string(), "2008-03-10");
        assert_eq!(monday.naive().format("%A").to_string(), "Monday");
        assert_eq!(
            advance(date, Step::Days(2)).map(|d| d.to_string()),
            Some("2008-03-16".into())
        );
        assert_eq!(
            advance(date, Step::Months(6)).map(|d| d.to_string()),
            Some("2008-09-01".into())
        );
        assert_eq!(first_boundary(date, Step::Days(1)), date);
    }

    #[test]
    fn value_ticks_are_round_and_spaced() {
        let values: Vec<f64> = value_ticks(0.0, 212_000.0, 400.0, 40.0)
            .iter()
            .map(|t| t.0)
            .collect();
        assert_eq!(values, [0.0, 50_000.0, 100_000.0, 150_000.0, 200_000.0]);
        let values: Vec<f64> = value_ticks(0.0, 1000.0, 100.0, 30.0)
            .iter()
            .map(|t| t.0)
            .collect();
        assert_eq!(values, [0.0, 500.0, 1000.0]);
        // Small counts never get fractional steps.
        assert!(
            value_ticks(0.0, 3.0, 400.0, 40.0)
                .iter()
                .all(|t| t.0.fract() == 0.0)
        );
        assert!(value_ticks(0.0, 0.0, 100.0, 40.0).is_empty());
        // A short plot gets a tick under its top besides 0.
        let short: Vec<f64> = value_ticks(0.0, 990.0, 44.0, 28.0)
            .iter()
            .map(|t| t.0)
            .collect();
        assert_eq!(short, [0.0, 500.0]);
        let labels = value_axis(4_294_967_295.0, 200.0, 40.0);
        assert_eq!(
            labels.last().map(|l| l.text.as_str()),
            Some("4,000,000,000")
        );
    }

    #[test]
    fn degenerate_plots_give_no_axis() {
        let r = range("2000-01-01", "2001-01-01");
        let mut bad = span(100.0);
        bad.plot_right = bad.plot_left;
        assert!(date_axis(r, bad, 12.0, &mut measure).labels.is_empty());
        bad.plot_right = f64::NAN;
        assert!(date_axis(r, bad, 12.0, &mut measure).labels.is_empty());
    }

    proptest! {
        /// From two days to many millennia and from a narrow to a wide plot: at least two
        /// labels, in order, none crowding its neighbour, all inside the allowed span.
        #[test]
        fn every_zoom_has_two_tidy_labels(
            start in -700_000.0f64..2_900_000.0,
            log_days in (2.0f64).ln()..(3.6e6f64).ln(),
            width in 200.0f64..2400.0,
        ) {
            let days = log_days.exp();
            let r = DateRange::new(start, start + days).unwrap_or_else(|| panic!());
            let s = span(width);
            let axis = date_axis(r, s, 12.0, &mut measure);
            prop_assert!(axis.labels.len() >= 2, "{r:?} at {width}: {axis:?}");
            for pair in axis.labels.windows(2) {
                prop_assert!(pair[0].right_px() + 12.0 <= pair[1].left_px());
            }
            for label in &axis.labels {
                prop_assert!(label.left_px() >= s.min_px && label.right_px() <= s.max_px);
                prop_assert!(r.contains(label.x));
            }
        }

        /// Any plot at least a label high gets 0 and a round tick at or under its top.
        #[test]
        fn every_value_axis_has_two_round_ticks(max in 1.0f64..5.0e9, height in 30.0f64..2000.0) {
            let ticks = value_ticks(0.0, max, height, 28.0);
            prop_assert!(ticks.len() >= 2, "{max} at {height}: {ticks:?}");
            prop_assert_eq!(ticks[0].0, 0.0);
            for (value, step) in &ticks {
                prop_assert!(*value <= max && value.fract() == 0.0 && step.fract() == 0.0);
            }
        }
    }
}
