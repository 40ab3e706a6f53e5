//! The troop-level plot: lines with their source ranges, points when few, events with labels,
//! and hover on points, event lines and labels.

use std::sync::Arc;

use egui::{Id, Stroke, Ui};
use egui_plot::{
    FilledArea, Line, LineStyle, MarkerShape, PlotPoints, PlotTransform, PlotUi, Points,
};

use crate::chart::decimate::BandColumns;
use crate::chart::{
    ChartModel, Decimated, EventMark, LineSeries, cut_at_gaps, describe, hover, step_points, ticks,
};

use super::super::colors::{solid, translucent};
use super::super::shared::Hovered;
use super::super::tooltip;
use super::band::Band;
use super::events::{self, EventLayout};
use super::line::CachedLine;
use super::plot::{self, PlotPlace, PlotRow, RangeChange, ValueScale};
use super::sizes::{
    EVENT_HOVER_PX, HOVER_RADIUS_PX, LABEL_ROW, LINE_WIDTH, VALUE_TICK_GAP, label_rows,
};
use super::{ChartFrame, Shared};

/// The troop plot's vertical scale for this frame: the visible data, with room above it for
/// the event label rows so labels never sit on the data.
pub fn scale(shared: &Shared<'_>, height: f32) -> ValueScale {
    let (model, view, range) = (shared.model, &*shared.view, shared.range);
    // Other estimates count too: a marker above the top would be hidden, not shown apart.
    let data_max = model
        .lines
        .iter()
        .filter(|line| view.shows_series(&line.id))
        .map(|line| {
            let (from, to) = (range.from(), range.to());
            line.max_in(from, to).max(line.estimates_max_in(from, to))
        })
        .fold(0.0, f64::max);
    let label_px = if view.show_events && !model.events.is_empty() {
        label_rows(height) as f32 * LABEL_ROW + 6.0
    } else {
        6.0
    };
    let headroom = f64::from((label_px / height.max(1.0)).min(0.6));
    let top = (data_max * 1.04 / (1.0 - headroom)).max(10.0);
    ValueScale {
        top,
        labels: ticks::value_axis(top, f64::from(height), VALUE_TICK_GAP),
    }
}

/// Draws the troop plot `height` tall and reports its transform, hover and range changes.
pub fn show(
    ui: &mut Ui,
    shared: &mut Shared<'_>,
    height: f32,
    scale: &ValueScale,
    frame: &mut ChartFrame,
) -> PlotPlace {
    let model = shared.model;
    let visible: Vec<bool> = model
        .lines
        .iter()
        .map(|l| shared.view.shows_series(&l.id))
        .collect();
    let layout = events::layout(
        ui,
        model,
        shared.view,
        shared.range,
        (shared.columns.plot_left, shared.columns.plot_right),
        label_rows(height),
    );
    let highlight = shared.view.highlighted_event;
    let interactive = shared.interactive();
    let hover_id = Id::unique("troopline-hovered-point");
    let previous_hover: Option<(usize, usize)> = ui.ctx().data(|d| d.get_temp(hover_id));
    let marked = match shared.view.marked {
        Some(Hovered::Point { series, index }) => Some((series, index)),
        _ => None,
    };
    let ring = previous_hover.or(marked).filter(|_| interactive);
    let row = PlotRow {
        id: Id::unique(("troopline-plot", "troops")),
        columns: shared.columns,
        height,
        range: shared.range,
        scale,
        dates: shared.dates,
        interactive,
    };
    let columns = shared.columns.plot_width().max(1.0) as usize;
    let vector = shared.vector();
    let background = ui.visuals().extreme_bg_color;
    let (response, place) = plot::show(ui, &row, |plot_ui| {
        events::add_marks(plot_ui, model, &layout, highlight);
        add_lines(
            plot_ui,
            model,
            &visible,
            (shared.range.from(), shared.range.to()),
            columns,
            vector,
        );
        for (line, shown) in model.lines.iter().zip(&visible) {
            if *shown {
                add_unreported(
                    plot_ui,
                    line,
                    (shared.range.from(), shared.range.to()),
                    background,
                );
            }
        }
        if let Some((series, index)) = ring
            && let Some(line) = model.lines.get(series)
            && visible.get(series).copied().unwrap_or(false)
            && index < line.xs.len()
        {
            plot_ui.points(
                Points::new("", PlotPoints::new(vec![[line.xs[index], line.ys[index]]]))
                    .radius(6.0)
                    .filled(false)
                    .color(solid(line.color))
                    .allow_hover(false),
            );
        }
    });
    let transform = response.transform;
    frame.troops_transform = Some(transform);
    let label_rects = events::paint_labels(ui, model, &layout, &transform, highlight);
    frame.event_labels = layout
        .labels
        .iter()
        .zip(&label_rects)
        .map(|(label, rect)| {
            let events = layout.events_of(label);
            (
                *rect,
                events.iter().map(|&e| model.events[e].index).collect(),
            )
        })
        .collect();
    if interactive {
        if let Some(change) = plot::pointer_change(ui, &response, shared.range) {
            frame.range_change = Some(change);
        }
        let current = hover(
            ui,
            shared,
            &response.response,
            &transform,
            (&layout, &label_rects),
            &visible,
            frame,
        );
        if current != previous_hover {
            ui.ctx().data_mut(|d| d.insert_temp(hover_id, current));
            ui.ctx().request_repaint();
        }
    }
    if let Some(RangeChange::All) = frame.range_change {
        shared.view.highlighted_event = None;
    }
    place
}

/// The shown series: their bands, lines (one cached run per measure), measure breaks, other
/// estimates, and dots where the line is sparse.
fn add_lines(
    plot_ui: &mut PlotUi<'_>,
    model: &ChartModel,
    visible: &[bool],
    (from, to): (f64, f64),
    columns: usize,
    vector: bool,
) {
    // Hand egui only what the screen can show (hover still searches every point). Decimate
    // over twice the visible width: a drag may reveal the edges before the next frame.
    let margin = (to - from) / 2.0;
    let decimated: Vec<Option<Decimated>> = model
        .lines
        .iter()
        .zip(visible)
        .map(|(line, shown)| shown.then(|| line.decimated(from - margin, to + margin, columns * 2)))
        .collect();
    for (line, decimated) in model.lines.iter().zip(&decimated) {
        let Some(band) = decimated.as_ref().and_then(|d| d.band.as_ref()) else {
            continue;
        };
        let fill = translucent(line.color, 50);
        // The band spans only runs of consecutive ranged points: a range given for one date
        // is never stretched towards its neighbours.
        for &(first, last) in &line.band_runs {
            let (Some(&x0), Some(&x1)) = (line.xs.get(first), line.xs.get(last)) else {
                continue;
            };
            if x1 < from - margin || x0 > to + margin {
                continue;
            }
            let part = Arc::new(band_between(band, x0, x1));
            if vector {
                plot_ui.add(Band::new(part, fill));
            } else {
                let (xs, lows, highs) = part.as_ref();
                plot_ui.add(
                    FilledArea::new("", xs, lows, highs)
                        .fill_color(fill)
                        .allow_hover(false),
                );
            }
        }
        add_error_bars(plot_ui, line, (from, to), columns);
    }
    for (series, (line, decimated)) in model.lines.iter().zip(&decimated).enumerate() {
        let Some(decimated) = decimated else { continue };
        let gap_xs: Vec<f64> = line
            .gaps
            .iter()
            .filter_map(|&i| line.xs.get(i).copied())
            .collect();
        if decimated.line.len() < columns / 2 {
            let dots: Vec<[f64; 2]> = cut_at_gaps(&decimated.line, &gap_xs)
                .into_iter()
                .flatten()
                .collect();
            plot_ui.points(
                Points::new("", PlotPoints::new(dots))
                    .radius(2.5)
                    .color(solid(line.color))
                    .allow_hover(false),
            );
        }
        let stroke = Stroke::new(LINE_WIDTH, solid(line.color));
        for (run, points) in measure_runs(line, decimated).into_iter().enumerate() {
            // An unknown figure cuts the line: a gap, never a dip to zero.
            let pieces = if gap_xs.is_empty() {
                vec![points]
            } else {
                cut_at_gaps(&points, &gap_xs)
                    .into_iter()
                    .map(Arc::new)
                    .collect()
            };
            for (piece, points) in pieces.into_iter().enumerate() {
                // A level that holds until the next point is drawn flat, then vertical.
                let points = if line.steps {
                    Arc::new(step_points(&points))
                } else {
                    points
                };
                let bounds = bounds_of(&points);
                plot_ui.add(CachedLine::new(
                    points,
                    bounds,
                    stroke,
                    Id::unique(("troopline-line-mesh", series, run, piece)),
                    decimated.line.len() > columns,
                    vector,
                ));
            }
        }
        add_breaks(plot_ui, line, stroke, (from - margin, to + margin));
        add_estimates(plot_ui, line, (from, to));
    }
}

/// The band columns from `x0` to `x1` (inclusive).
fn band_between(band: &BandColumns, x0: f64, x1: f64) -> BandColumns {
    let (xs, lows, highs) = band;
    let first = xs.partition_point(|&x| x < x0);
    let last = xs.partition_point(|&x| x <= x1).max(first);
    (
        xs[first..last].to_vec(),
        lows[first..last].to_vec(),
        highs[first..last].to_vec(),
    )
}

/// A range given for one date only: a vertical bar from low to high at the point, with caps,
/// in the band's colour.
fn add_error_bars(
    plot_ui: &mut PlotUi<'_>,
    line: &LineSeries,
    (from, to): (f64, f64),
    columns: usize,
) {
    let Some((lows, highs)) = &line.band else {
        return;
    };
    // Caps three pixels either side.
    let cap = 3.0 * (to - from) / columns.max(1) as f64;
    let stroke = Stroke::new(1.5, translucent(line.color, 160));
    for &index in &line.error_bars {
        let (Some(&x), Some(&low), Some(&high)) =
            (line.xs.get(index), lows.get(index), highs.get(index))
        else {
            continue;
        };
        if x < from || x > to {
            continue;
        }
        for segment in [
            vec![[x, low], [x, high]],
            vec![[x - cap, low], [x + cap, low]],
            vec![[x - cap, high], [x + cap, high]],
        ] {
            plot_ui.line(
                Line::new("", PlotPoints::new(segment))
                    .stroke(stroke)
                    .allow_hover(false),
            );
        }
    }
}

/// The decimated line cut where the measure changes: each run is drawn solid, the joins between
/// runs as breaks. A line without measure changes is one run, drawn from the cached points.
fn measure_runs(line: &LineSeries, decimated: &Decimated) -> Vec<Arc<Vec<[f64; 2]>>> {
    if line.breaks.is_empty() {
        return vec![Arc::clone(&decimated.line)];
    }
    let mut runs = Vec::with_capacity(line.breaks.len() + 1);
    let mut rest: &[[f64; 2]] = &decimated.line;
    for &at in &line.breaks {
        let Some(&after) = line.xs.get(at) else {
            continue;
        };
        // No point lies strictly between the two sides of a break: cut at its later point.
        let cut = rest.partition_point(|p| p[0] < after);
        runs.push(Arc::new(rest[..cut].to_vec()));
        rest = &rest[cut..];
    }
    runs.push(Arc::new(rest.to_vec()));
    runs.retain(|run| !run.is_empty());
    runs
}

fn bounds_of(points: &[[f64; 2]]) -> Option<([f64; 2], [f64; 2])> {
    points.iter().fold(None, |bounds, &[x, y]| {
        let ([x0, y0], [x1, y1]) = bounds.unwrap_or(([x, y], [x, y]));
        Some(([x0.min(x), y0.min(y)], [x1.max(x), y1.max(y)]))
    })
}

/// Where the measure changes, the line between the two points is dashed: the jump is a change
/// of counting method, not a change of deployment.
fn add_breaks(plot_ui: &mut PlotUi<'_>, line: &LineSeries, stroke: Stroke, (from, to): (f64, f64)) {
    for &at in &line.breaks {
        let (Some(&x0), Some(&x1)) = (line.xs.get(at.wrapping_sub(1)), line.xs.get(at)) else {
            continue;
        };
        let gap = |i: usize| line.gaps.binary_search(&i).is_ok();
        if x1 < from || x0 > to || gap(at) || gap(at - 1) {
            continue;
        }
        let (y0, y1) = (line.ys[at - 1], line.ys[at]);
        plot_ui.line(
            Line::new("", PlotPoints::new(vec![[x0, y0], [x1, y1]]))
                .stroke(Stroke::new(stroke.width * 0.75, stroke.color))
                .style(LineStyle::dashed_dense())
                .allow_hover(false),
        );
    }
}

/// Points that are not reported levels (estimates, forecasts, placeholders): hollow rings on
/// the line, filled with the plot's background so the line does not run through them.
fn add_unreported(
    plot_ui: &mut PlotUi<'_>,
    line: &LineSeries,
    (from, to): (f64, f64),
    background: egui::Color32,
) {
    let marks: Vec<[f64; 2]> = line
        .unreported
        .iter()
        .filter_map(|&(index, _)| Some([*line.xs.get(index)?, *line.ys.get(index)?]))
        .filter(|[x, _]| (from..=to).contains(x))
        .collect();
    if marks.is_empty() {
        return;
    }
    plot_ui.points(
        Points::new("", PlotPoints::new(marks.clone()))
            .radius(3.5)
            .color(background)
            .allow_hover(false),
    );
    plot_ui.points(
        Points::new("", PlotPoints::new(marks))
            .radius(3.5)
            .filled(false)
            .color(solid(line.color))
            .allow_hover(false),
    );
}

/// Other estimates: hollow rings beside the line, visibly not part of it or its range.
fn add_estimates(plot_ui: &mut PlotUi<'_>, line: &LineSeries, (from, to): (f64, f64)) {
    let marks: Vec<[f64; 2]> = line
        .estimates_in(from, to)
        .iter()
        .map(|e| [e.x, e.value])
        .collect();
    if !marks.is_empty() {
        plot_ui.points(
            Points::new("", PlotPoints::new(marks))
                .radius(3.5)
                .filled(false)
                .shape(MarkerShape::Diamond)
                .color(solid(line.color).gamma_multiply(0.85))
                .allow_hover(false),
        );
    }
}

/// The other-estimate marker of any shown line within reach of `(x, y)`: (series, mark).
fn estimate_at(
    lines: &[LineSeries],
    visible: &[bool],
    (x, y): (f64, f64),
    scale: hover::Scale,
) -> Option<(usize, usize)> {
    let reach = HOVER_RADIUS_PX / scale.px_per_x;
    let mut best: Option<(f64, usize, usize)> = None;
    for (series, line) in lines.iter().enumerate() {
        if !visible.get(series).copied().unwrap_or(false) {
            continue;
        }
        let first = line.estimates.partition_point(|e| e.x < x - reach);
        for (i, mark) in line.estimates[first..].iter().enumerate() {
            if mark.x > x + reach {
                break;
            }
            let dx = (mark.x - x) * scale.px_per_x;
            let dy = (mark.value - y) * scale.px_per_y;
            let distance = dx.hypot(dy);
            if distance <= HOVER_RADIUS_PX && best.is_none_or(|b| distance < b.0) {
                best = Some((distance, series, first + i));
            }
        }
    }
    best.map(|(_, series, mark)| (series, mark))
}

/// Finds what is under the pointer (a point, else an event label or line) and shows its
/// tooltip. Returns the hovered point, remembered for next frame's ring.
fn hover(
    ui: &Ui,
    shared: &Shared<'_>,
    response: &egui::Response,
    transform: &PlotTransform,
    (layout, label_rects): (&EventLayout, &[egui::Rect]),
    visible: &[bool],
    frame: &mut ChartFrame,
) -> Option<(usize, usize)> {
    let pointer = response.hover_pos()?;
    let (dataset, model) = (shared.dataset, shared.model);
    let value = transform.value_from_position(pointer);
    let scale = plot::hover_scale(transform);
    if let Some(hit) = hover::nearest_point(
        &model.lines,
        visible,
        (value.x, value.y),
        scale,
        HOVER_RADIUS_PX,
    ) {
        frame.hovered = Some(Hovered::Point {
            series: hit.series,
            index: hit.index,
        });
        if let Some(description) = describe::point(dataset, model, hit.series, hit.index) {
            tooltip::at_pointer(ui, response, &description);
        }
        return Some((hit.series, hit.index));
    }
    if let Some((series, mark)) = estimate_at(&model.lines, visible, (value.x, value.y), scale) {
        if let Some(description) = describe::estimate(dataset, model, series, mark) {
            tooltip::at_pointer(ui, response, &description);
        }
        return None;
    }
    let by_label = label_rects
        .iter()
        .position(|rect| rect.contains(pointer))
        .and_then(|i| layout.labels.get(i))
        .map(|label| layout.events_of(label));
    let by_line = || {
        let marks: Vec<EventMark> = layout
            .clusters
            .iter()
            .map(|cluster| {
                let first = &model.events[cluster.members[0]];
                EventMark {
                    start: cluster.start,
                    end: first.end.filter(|_| cluster.members.len() == 1),
                    ..first.clone()
                }
            })
            .collect();
        hover::event_at(
            &marks,
            &vec![true; marks.len()],
            value.x,
            scale,
            EVENT_HOVER_PX,
        )
        .and_then(|i| layout.clusters.get(i))
        .map(|cluster| cluster.members.clone())
    };
    let members = by_label.or_else(by_line)?;
    let description = match members.as_slice() {
        [only] => {
            let index = model.events[*only].index;
            frame.hovered = Some(Hovered::Event(index));
            describe::event(dataset, index)
        }
        many => {
            frame.hovered = many.first().map(|&m| Hovered::Event(model.events[m].index));
            describe::event_group(dataset, model, many)
        }
    };
    if let Some(description) = description {
        tooltip::at_pointer(ui, response, &description);
    }
    None
}
