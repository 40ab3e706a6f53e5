//! The troop-level plot: lines with their source ranges, points when few, events with labels,
//! and hover on points, event lines and labels.

use std::sync::Arc;

use egui::{Id, Stroke, Ui};
use egui_plot::{FilledArea, PlotPoints, PlotTransform, Points};

use crate::chart::{Decimated, EventMark, describe, hover, ticks};

use super::super::colors::{solid, translucent};
use super::super::shared::Hovered;
use super::super::tooltip;
use super::band::Band;
use super::events::{self, EventLayout};
use super::line::CachedLine;
use super::plot::{self, PlotPlace, PlotRow, RangeChange, ValueScale};
use super::sizes::{HOVER_RADIUS_PX, LABEL_ROW, LINE_WIDTH, VALUE_TICK_GAP, label_rows};
use super::{ChartFrame, Shared};

/// The troop plot's vertical scale for this frame: the visible data, with room above it for
/// the event label rows so labels never sit on the data.
pub fn scale(shared: &Shared<'_>, height: f32) -> ValueScale {
    let (model, view, range) = (shared.model, &*shared.view, shared.range);
    let data_max = model
        .lines
        .iter()
        .filter(|line| view.shows_series(&line.id))
        .map(|line| line.max_in(range.from(), range.to()))
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
    let (response, place) = plot::show(ui, &row, |plot_ui| {
        events::add_marks(plot_ui, model, &layout, highlight);
        // Hand egui only what the screen can show (hover still searches every point). Decimate
        // over twice the visible width: a drag may reveal the edges before the next frame.
        let (from, to) = (shared.range.from(), shared.range.to());
        let margin = (to - from) / 2.0;
        let decimated: Vec<Option<Decimated>> = model
            .lines
            .iter()
            .zip(&visible)
            .map(|(line, shown)| {
                shown.then(|| line.decimated(from - margin, to + margin, columns * 2))
            })
            .collect();
        for (line, decimated) in model.lines.iter().zip(&decimated) {
            if let Some(band) = decimated.as_ref().and_then(|d| d.band.as_ref()) {
                let fill = translucent(line.color, 50);
                if vector {
                    plot_ui.add(Band::new(Arc::clone(band), fill));
                } else {
                    let (xs, lows, highs) = band.as_ref();
                    plot_ui.add(
                        FilledArea::new("", xs, lows, highs)
                            .fill_color(fill)
                            .allow_hover(false),
                    );
                }
            }
        }
        for (series, (line, decimated)) in model.lines.iter().zip(&decimated).enumerate() {
            let Some(decimated) = decimated else { continue };
            if decimated.line.len() < columns / 2 {
                plot_ui.points(
                    Points::new("", PlotPoints::new(decimated.line.as_ref().clone()))
                        .radius(2.5)
                        .color(solid(line.color))
                        .allow_hover(false),
                );
            }
            plot_ui.add(CachedLine::new(
                Arc::clone(&decimated.line),
                decimated.line_bounds,
                Stroke::new(LINE_WIDTH, solid(line.color)),
                Id::unique(("troopline-line-mesh", series)),
                decimated.line.len() > columns,
                vector,
            ));
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
            HOVER_RADIUS_PX / 3.0,
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
