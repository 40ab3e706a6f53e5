//! The troop-level plot: lines with their source ranges, each named at its end; dots only
//! while few points are in view; events in tiers (labels in the rows above the plot, ticks
//! along its top edge); the unit above the value axis; hover on points, lines, labels and
//! ticks, click to select an event and right-click to pin its label.

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
use super::sizes::{EVENT_HOVER_PX, HOVER_RADIUS_PX, LINE_WIDTH, TICK_LENGTH, VALUE_TICK_GAP};
use super::{ChartFrame, Shared};

/// The troop plot's vertical scale for this frame: the visible data up to a round tick just
/// above it (event labels sit above the plot, not on the data).
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
    let plot_height = f64::from(split(shared, height).1);
    let top = ticks::nice_top(data_max, plot_height, VALUE_TICK_GAP);
    ValueScale {
        top,
        labels: ticks::value_axis(top, plot_height, VALUE_TICK_GAP),
    }
}

/// The troop plot's `height` split into event label rows above it and the plot itself.
/// With no events there is still one row: the value axis's unit sits in it.
fn split(shared: &Shared<'_>, height: f32) -> (usize, f32) {
    let view = &*shared.view;
    let rows = if !view.show_events || !view.label_events || shared.model.events.is_empty() {
        0
    } else {
        events::label_rows(height)
    };
    (rows, (height - events::strip_height(rows.max(1))).max(1.0))
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
    let (rows, plot_height) = split(shared, height);
    let interactive = shared.interactive();
    let layout = events::layout(
        ui,
        model,
        shared.view,
        shared.range,
        (shared.columns.plot_left, shared.columns.plot_right),
        rows,
    );
    let strip = {
        let width = shared.columns.right - shared.columns.left;
        ui.allocate_exact_size(
            egui::vec2(width, events::strip_height(rows.max(1))),
            if interactive {
                egui::Sense::click()
            } else {
                egui::Sense::hover()
            },
        )
    };
    let ink = events::ink(ui);
    let highlight = shared.view.highlighted_event;
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
        height: plot_height,
        range: shared.range,
        scale,
        dates: shared.dates,
        interactive,
        date_labels: true,
    };
    let columns = shared.columns.plot_width().max(1.0) as usize;
    let vector = shared.vector();
    let background = ui.visuals().extreme_bg_color;
    let (response, place) = plot::show(ui, &row, |plot_ui| {
        events::add_marks(plot_ui, model, &layout, highlight, ink);
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
    frame.event_strip = strip.0;
    paint_unit(ui, shared, strip.0);
    let label_rects = events::paint_labels(ui, model, &layout, strip.0, highlight, ink);
    let line_labels = paint_line_labels(ui, model, &visible, &transform, shared.range);
    let tick_rects = events::paint_ticks(ui, &layout, &transform, ink);
    let with_events = |marks: &[(egui::Rect, usize)]| -> Vec<(egui::Rect, Vec<usize>)> {
        marks
            .iter()
            .map(|&(rect, cluster)| {
                let members = layout.events_of(cluster);
                (
                    rect,
                    members.iter().map(|&e| model.events[e].index).collect(),
                )
            })
            .collect()
    };
    frame.event_labels = with_events(&label_rects);
    frame.event_ticks = with_events(&tick_rects);
    if interactive {
        if let Some(change) = plot::pointer_change(ui, &response, shared.range) {
            frame.range_change = Some(change);
        }
        let current = hover(
            ui,
            shared,
            &response.response,
            &transform,
            (&layout, &label_rects, Some(&strip.1)),
            &visible,
            frame,
        );
        if frame.hovered.is_none() {
            line_label_hover(ui, &response.response, model, &line_labels);
        }
        if current != previous_hover {
            ui.ctx().data_mut(|d| d.insert_temp(hover_id, current));
            ui.ctx().request_repaint();
        }
        if let Some(Hovered::Event(index)) = frame.hovered {
            let responses = [&response.response, &strip.1];
            let (mut clicked, mut secondary) = (false, false);
            for r in responses {
                clicked |= r.clicked();
                secondary |= r.secondary_clicked();
            }
            let view = &mut *shared.view;
            if clicked {
                view.highlighted_event = (view.highlighted_event != Some(index)).then_some(index);
            }
            if secondary {
                view.toggle_pin(index);
            }
        }
    }
    if let Some(RangeChange::All) = frame.range_change {
        shared.view.highlighted_event = None;
    }
    place
}

/// A line's points are drawn as dots only while this few are in view; more would bury the line
/// (a hovered point is still ringed).
const DOTS_UP_TO: usize = 36;
/// At most this many lines are named at their ends; more would fill the plot with names (the
/// side panel and the hover name every line).
const MAX_LINE_LABELS: usize = 12;
/// The widest a line's direct label may be, as a share of the plot's width.
const LINE_LABEL_SHARE: f32 = 0.3;

/// The value axis's unit, in the gutter just above the plot.
fn paint_unit(ui: &Ui, shared: &Shared<'_>, strip: egui::Rect) {
    let columns = shared.columns;
    let color = ui.visuals().text_color();
    let galley = ui
        .painter()
        .layout_no_wrap("troops".to_owned(), plot::small_font(), color);
    let x = (columns.plot_left - super::sizes::GUTTER_PAD - galley.size().x).max(columns.left);
    let y = strip.bottom() - galley.size().y - 1.0;
    ui.painter().galley(egui::pos2(x, y), galley, color);
}

/// Each shown line's name at its last point in view, in a darker (or, dark theme, lighter)
/// tint of its colour: right of the point where there is room, else above it, ending at the
/// point. Labels are moved apart vertically so they never overlap; a long name is elided and
/// shown whole on hover. Returns each label's rectangle and series.
fn paint_line_labels(
    ui: &Ui,
    model: &ChartModel,
    visible: &[bool],
    transform: &PlotTransform,
    range: crate::chart::range::DateRange,
) -> Vec<(egui::Rect, usize)> {
    let frame = *transform.frame();
    let background = ui.visuals().panel_fill;
    let bg = [background.r(), background.g(), background.b()];
    let mut placed: Vec<(egui::Rect, usize, Arc<egui::Galley>, egui::Color32)> = Vec::new();
    for (series, line) in model.lines.iter().enumerate() {
        if !visible.get(series).copied().unwrap_or(false) {
            continue;
        }
        if placed.len() >= MAX_LINE_LABELS {
            break;
        }
        let end = line.xs.partition_point(|&x| x <= range.to());
        let Some(last) = end.checked_sub(1) else {
            continue;
        };
        if line.xs[last] < range.from() {
            continue;
        }
        let point =
            transform.position_from_point(&egui_plot::PlotPoint::new(line.xs[last], line.ys[last]));
        let color = solid(crate::chart::palette::text_tint(line.color, bg));
        let max_width = (frame.width() * LINE_LABEL_SHARE).max(40.0);
        let mut job = egui::text::LayoutJob::single_section(
            line.label.clone(),
            egui::TextFormat::simple(egui::FontId::proportional(12.5), color),
        );
        job.wrap = egui::text::TextWrapping {
            max_width,
            max_rows: 1,
            break_anywhere: true,
            overflow_character: Some('…'),
        };
        let galley = ui.painter().layout_job(job);
        let size = galley.size();
        let right_of = point.x + 6.0 + size.x <= frame.right() - 2.0;
        let min = if right_of {
            egui::pos2(point.x + 6.0, point.y - size.y / 2.0)
        } else {
            egui::pos2(
                (point.x - size.x).max(frame.left() + 2.0),
                point.y - size.y - 4.0,
            )
        };
        let mut rect = egui::Rect::from_min_size(min, size);
        if rect.top() < frame.top() + TICK_LENGTH + 1.0 {
            // No room above: under the point instead.
            rect = rect.translate(egui::vec2(0.0, point.y + 4.0 - rect.top()));
        }
        placed.push((rect, series, galley, color));
    }
    // Apart, top to bottom, then back inside the plot from the bottom up.
    placed.sort_by(|a, b| a.0.top().total_cmp(&b.0.top()));
    for i in 1..placed.len() {
        let (done, rest) = placed.split_at_mut(i);
        let current = &mut rest[0].0;
        for (above, ..) in done.iter() {
            if above.x_range().intersects(current.x_range()) && current.top() < above.bottom() {
                *current = current.translate(egui::vec2(0.0, above.bottom() - current.top()));
            }
        }
    }
    let mut floor = frame.bottom() - 1.0;
    for (rect, ..) in placed.iter_mut().rev() {
        if rect.bottom() > floor {
            *rect = rect.translate(egui::vec2(0.0, floor - rect.bottom()));
        }
        floor = floor.min(rect.top());
    }
    let painter = ui.painter().with_clip_rect(frame);
    placed
        .into_iter()
        .filter(|(rect, ..)| frame.contains_rect(*rect))
        .map(|(rect, series, galley, color)| {
            painter.rect_filled(rect.expand(1.0), 2.0, background.gamma_multiply(0.85));
            painter.galley(rect.min, galley, color);
            (rect, series)
        })
        .collect()
}

/// The whole name and description of a line when its label is hovered.
fn line_label_hover(
    ui: &Ui,
    response: &egui::Response,
    model: &ChartModel,
    labels: &[(egui::Rect, usize)],
) {
    let Some(pointer) = response.hover_pos() else {
        return;
    };
    if let Some(&(_, series)) = labels.iter().find(|(rect, _)| rect.contains(pointer))
        && let Some(line) = model.lines.get(series)
    {
        let description = describe::Description {
            heading: line.label.clone(),
            lines: line.description.iter().cloned().collect(),
        };
        tooltip::at_pointer(ui, response, &description);
    }
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
        let in_view =
            line.xs.partition_point(|&x| x <= to) - line.xs.partition_point(|&x| x < from);
        if in_view <= DOTS_UP_TO {
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
    let x_of = |index: usize| line.xs.get(index).copied().unwrap_or(f64::NAN);
    let first = line.error_bars.partition_point(|&i| x_of(i) < from);
    let last = line.error_bars.partition_point(|&i| x_of(i) <= to);
    let in_view = line.error_bars.get(first..last).unwrap_or_default();
    // More bars than fit apart: one uncapped bar per few pixels, spanning the ranges there,
    // so the drawing (and an export) stays bounded by the plot's width, not the data.
    let buckets = (columns / 4).max(1);
    if in_view.len() > buckets {
        let width = (to - from) / buckets as f64;
        let mut spans: Vec<Option<(f64, f64, f64)>> = vec![None; buckets];
        for &index in in_view {
            let (Some(&low), Some(&high)) = (lows.get(index), highs.get(index)) else {
                continue;
            };
            let x = x_of(index);
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // clamped
            let bucket = (((x - from) / width).max(0.0) as usize).min(buckets - 1);
            let span = spans[bucket].get_or_insert((x, low, high));
            span.1 = span.1.min(low);
            span.2 = span.2.max(high);
        }
        for (x, low, high) in spans.into_iter().flatten() {
            plot_ui.line(
                Line::new("", PlotPoints::new(vec![[x, low], [x, high]]))
                    .stroke(stroke)
                    .allow_hover(false),
            );
        }
        return;
    }
    for &index in in_view {
        let (x, Some(&low), Some(&high)) = (x_of(index), lows.get(index), highs.get(index)) else {
            continue;
        };
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
    (layout, label_rects, strip): (
        &EventLayout,
        &[(egui::Rect, usize)],
        Option<&egui::Response>,
    ),
    visible: &[bool],
    frame: &mut ChartFrame,
) -> Option<(usize, usize)> {
    // Over the label rows above the plot, their own response answers for the tooltip.
    let (response, pointer) = match (response.hover_pos(), strip) {
        (Some(pointer), _) => (response, pointer),
        (None, Some(strip)) => (strip, strip.hover_pos()?),
        (None, None) => return None,
    };
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
        .find(|(rect, _)| rect.contains(pointer))
        .map(|&(_, cluster)| layout.events_of(cluster));
    // Labelled events answer along their whole line; ticks only in their strip (and the label
    // rows above, where the pointer comes from).
    let in_strip = pointer.y <= transform.frame().top() + TICK_LENGTH + 3.0
        || strip.is_some_and(|s| s.rect.contains(pointer));
    let by_line = || {
        let candidates: Vec<usize> = (0..layout.clusters.len())
            .filter(|&i| in_strip || layout.labelled[i])
            .collect();
        let marks: Vec<EventMark> = candidates
            .iter()
            .map(|&i| {
                let cluster = &layout.clusters[i];
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
        .and_then(|i| candidates.get(i))
        .map(|&i| layout.events_of(i))
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
    if let Some(mut description) = description {
        if let Some(Hovered::Event(index)) = frame.hovered {
            let pinned = shared.view.pinned_events.contains(&index);
            description.lines.push(String::new());
            description.lines.push(
                if pinned {
                    "Right-click to unpin its label"
                } else {
                    "Right-click to pin its label (kept in exports)"
                }
                .to_owned(),
            );
        }
        tooltip::at_pointer(ui, response, &description);
    }
    None
}
