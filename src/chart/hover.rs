//! Finding what is under the mouse, in screen distance, with binary searches on sorted data.

use super::model::{BarMode, BarSeries, EventMark, LineSeries};

/// How plot units map to screen pixels (egui_plot's transform, reduced to what lookup needs).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    /// Pixels per day.
    pub px_per_x: f64,
    /// Pixels per unit of y.
    pub px_per_y: f64,
}

/// The point nearest the pointer.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PointHit {
    /// Index into the lines.
    pub series: usize,
    /// Index of the point within its series.
    pub index: usize,
    /// Screen distance from the pointer, in pixels.
    pub distance_px: f64,
}

/// The nearest point of any visible line within `radius_px` of `(x, y)`, measured on screen.
/// `visible[i]` says whether line `i` is shown.
pub fn nearest_point(
    lines: &[LineSeries],
    visible: &[bool],
    (x, y): (f64, f64),
    scale: Scale,
    radius_px: f64,
) -> Option<PointHit> {
    if scale.px_per_x <= 0.0 || !scale.px_per_x.is_finite() || !x.is_finite() || !y.is_finite() {
        return None;
    }
    let reach = radius_px / scale.px_per_x;
    let mut best: Option<PointHit> = None;
    for (series, line) in lines.iter().enumerate() {
        if !visible.get(series).copied().unwrap_or(true) {
            continue;
        }
        // Only points within `reach` days can be within the radius: search that window.
        let first = line.xs.partition_point(|&px| px < x - reach);
        let last = line.xs.partition_point(|&px| px <= x + reach);
        for index in first..last {
            let dx = (line.xs[index] - x) * scale.px_per_x;
            let dy = (line.ys[index] - y) * scale.px_per_y;
            let distance_px = dx.hypot(dy);
            if distance_px <= radius_px && best.is_none_or(|b| distance_px < b.distance_px) {
                best = Some(PointHit {
                    series,
                    index,
                    distance_px,
                });
            }
        }
    }
    best
}

/// The bar under `(x, y)`: its period contains `x` and `y` is between 0 and its top in `mode`.
/// A period without a figure is drawn as "no data" over the whole height, so any `y` from 0
/// up finds it. Returns (series, bar index).
pub fn bar_at(
    series: &[BarSeries],
    visible: &[bool],
    (x, y): (f64, f64),
    mode: BarMode,
) -> Option<(usize, usize)> {
    // Later series are drawn on top, so they win where bars overlap.
    series.iter().enumerate().rev().find_map(|(s, bars)| {
        if !visible.get(s).copied().unwrap_or(true) {
            return None;
        }
        let index = bars.bars.partition_point(|bar| bar.end <= x);
        let bar = bars.bars.get(index)?;
        let top = bars.height(index, mode).unwrap_or(f64::INFINITY);
        (bar.start <= x && y >= 0.0 && y <= top).then_some((s, index))
    })
}

/// The event under pointer x: a line within `radius_px`, or else a span containing x.
/// Returns an index into `events`. `shown[i]` says whether event mark `i` is drawn.
pub fn event_at(
    events: &[EventMark],
    shown: &[bool],
    x: f64,
    scale: Scale,
    radius_px: f64,
) -> Option<usize> {
    if scale.px_per_x <= 0.0 || !x.is_finite() {
        return None;
    }
    let reach = radius_px / scale.px_per_x;
    let near_line = events
        .iter()
        .enumerate()
        .filter(|(i, e)| shown.get(*i).copied().unwrap_or(true) && e.end.is_none())
        .map(|(i, e)| (i, (e.start - x).abs()))
        .filter(|(_, d)| *d <= reach)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i);
    near_line.or_else(|| {
        // Of the spans containing x, the shortest is the most specific.
        events
            .iter()
            .enumerate()
            .filter(|(i, _)| shown.get(*i).copied().unwrap_or(true))
            .filter_map(|(i, e)| e.end.map(|end| (i, e.start, end)))
            .filter(|(_, start, end)| *start <= x && x < *end)
            .min_by(|a, b| (a.2 - a.1).total_cmp(&(b.2 - b.1)))
            .map(|(i, _, _)| i)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(xs: &[f64], ys: &[f64]) -> LineSeries {
        LineSeries::new(
            "l".into(),
            "L".into(),
            [0, 0, 0],
            xs.to_vec(),
            ys.to_vec(),
            None,
        )
    }

    const SCALE: Scale = Scale {
        px_per_x: 1.0,
        px_per_y: 0.01,
    };

    #[test]
    fn snaps_to_the_nearest_point_on_screen_not_in_data_units() {
        // In data units (0, 1000) is "far" in y, but on screen it is only 10 px away.
        let lines = [line(&[0.0, 30.0], &[1000.0, 0.0])];
        let hit = nearest_point(&lines, &[true], (2.0, 0.0), SCALE, 20.0).unwrap();
        assert_eq!((hit.series, hit.index), (0, 0));
        assert!((hit.distance_px - 2.0f64.hypot(10.0)).abs() < 1e-9);
    }

    #[test]
    fn picks_the_nearest_series_and_skips_hidden_ones() {
        let lines = [line(&[10.0], &[0.0]), line(&[12.0], &[0.0])];
        let hit = nearest_point(&lines, &[true, true], (11.9, 0.0), SCALE, 20.0).unwrap();
        assert_eq!(hit.series, 1);
        let hit = nearest_point(&lines, &[true, false], (11.9, 0.0), SCALE, 20.0).unwrap();
        assert_eq!(hit.series, 0);
        assert!(nearest_point(&lines, &[true, true], (100.0, 0.0), SCALE, 20.0).is_none());
        assert!(nearest_point(&[], &[], (0.0, 0.0), SCALE, 20.0).is_none());
    }

    #[test]
    fn exact_on_large_series() {
        let xs: Vec<f64> = (0..1_000_000).map(f64::from).collect();
        let ys = vec![0.0; xs.len()];
        let lines = [line(&xs, &ys)];
        let hit = nearest_point(&lines, &[true], (654_321.4, 0.0), SCALE, 5.0).unwrap();
        assert_eq!(hit.index, 654_321);
    }

    #[test]
    fn bars_are_hit_inside_their_period_and_height() {
        let dataset = crate::dataset::load_str(
            r#"Dataset(format: 1, title: "T",
                deployments: [Deployment(id: "a", label: "A", points: [(date: "1970-01-01", troops: 1)])],
                casualties: [Casualties(id: "b", label: "B", periods: [
                    (from: "1970-01-01", to: "1970-01-10", count: 5),
                    (from: "1970-01-11", to: "1970-01-20", count: 3),
                    (from: "1970-01-21", to: "1970-01-30", count: None)])])"#,
            "t",
        )
        .unwrap();
        let series = crate::chart::ChartModel::new(&dataset).bars;
        let per_period = BarMode::PerPeriod;
        assert_eq!(
            bar_at(&series, &[true], (12.0, 2.0), per_period),
            Some((0, 1))
        );
        assert_eq!(bar_at(&series, &[true], (12.0, 4.0), per_period), None);
        assert_eq!(bar_at(&series, &[true], (12.0, -0.5), per_period), None);
        assert_eq!(
            bar_at(&series, &[true], (12.0, 7.0), BarMode::Cumulative),
            Some((0, 1))
        );
        assert_eq!(bar_at(&series, &[true], (35.0, 1.0), per_period), None);
        assert_eq!(bar_at(&series, &[false], (12.0, 2.0), per_period), None);
        // The unknown period is "no data" from the axis up.
        assert_eq!(
            bar_at(&series, &[true], (25.0, 1e9), per_period),
            Some((0, 2))
        );
    }

    #[test]
    fn events_prefer_lines_then_the_narrowest_span() {
        let mark = |start: f64, end: Option<f64>| EventMark {
            index: 0,
            start,
            end,
            title: String::new(),
            category: 0,
            importance: crate::dataset::Importance::Normal,
        };
        let events = [
            mark(0.0, Some(100.0)),
            mark(40.0, Some(60.0)),
            mark(50.0, None),
        ];
        let shown = [true; 3];
        assert_eq!(event_at(&events, &shown, 51.0, SCALE, 3.0), Some(2));
        assert_eq!(event_at(&events, &shown, 45.0, SCALE, 3.0), Some(1));
        assert_eq!(event_at(&events, &shown, 10.0, SCALE, 3.0), Some(0));
        assert_eq!(event_at(&events, &shown, 200.0, SCALE, 3.0), None);
        assert_eq!(
            event_at(&events, &[true, true, false], 51.0, SCALE, 3.0),
            Some(1)
        );
    }
}
