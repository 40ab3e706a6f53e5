//! The chart as a keyboard stop and an accessibility node: Tab reaches it, arrows walk its
//! marks ([`crate::chart::navigation`]), the focused mark gets a ring, the hover tooltip and a
//! spoken label ([`crate::chart::spoken`]).
//!
//! Rules: the chart widget is registered before anything is drawn, so every plot stays above
//! it for the pointer; keys are read only while it has focus (the window's panning keys work
//! whenever it has not); the focused mark is an AccessKit child of the chart, named by its
//! sentence and made the chart's active descendant, so a screen reader hears each move; Esc
//! leaves the chart and forgets the mark.

use egui::accesskit::Role;
use egui::{
    Event, EventFilter, Id, Key, Modifiers, PopupAnchor, Pos2, Rect, Response, Sense, Stroke,
    Tooltip, Ui, UiBuilder, WidgetInfo, pos2, vec2,
};
use egui_plot::{PlotPoint, PlotTransform};

use crate::chart::navigation::{self, Lane, Mark, Marks, Move};
use crate::chart::{ChartModel, describe, spoken};
use crate::dataset::Dataset;

use super::super::shared::Hovered;
use super::super::tooltip;
use super::super::view_state::ViewState;
use super::ChartFrame;

/// The chart widget's id: one chart per window.
pub fn chart_id() -> Id {
    Id::unique("troopline-chart")
}

/// Registers the chart as a focusable widget over `rect`, under everything drawn after it.
pub fn register(ui: &Ui, rect: Rect) -> Response {
    ui.interact(rect, chart_id(), Sense::focusable_noninteractive())
}

/// The mark under the keyboard cursor, if the chart has focus and one is chosen.
pub fn focused_mark(ctx: &egui::Context) -> Option<Mark> {
    let id = chart_id();
    if !ctx.memory(|m| m.has_focus(id)) {
        return None;
    }
    ctx.data(|d| d.get_temp::<Option<Mark>>(id)).flatten()
}

/// Reads the navigation keys, moves the cursor and the view, and draws and names the
/// focused mark. Call after the chart is drawn, with what it reported in `frame`.
pub fn finish(
    ui: &mut Ui,
    response: &Response,
    (dataset, model): (&Dataset, &ChartModel),
    view: &mut ViewState,
    frame: &mut ChartFrame,
) {
    let id = response.id;
    let ctx = ui.ctx().clone();
    let focused = response.has_focus();
    let marks = navigable(model, view, frame);
    let mut cursor: Option<Mark> = ctx
        .data(|d| d.get_temp::<Option<Mark>>(id))
        .flatten()
        .filter(|&mark| focused && marks.contains(mark));
    if focused {
        // Arrows walk the marks instead of moving focus to the next widget.
        ctx.memory_mut(|m| {
            m.set_focus_lock_filter(
                id,
                EventFilter {
                    horizontal_arrows: true,
                    vertical_arrows: true,
                    tab: false,
                    escape: false,
                },
            );
        });
        if let Some(range) = frame.range {
            let (moves, enter) = take_keys(ui);
            for step in &moves {
                cursor = marks.step(cursor, *step, range);
            }
            let mut next = range;
            if enter && let Some(mark) = cursor {
                next = navigation::focus_range(&marks, mark).unwrap_or(range);
            } else if !moves.is_empty()
                && let Some(span) = cursor.and_then(|mark| marks.span(mark))
            {
                next = navigation::keep_in_view(range, span);
            }
            if next != range {
                view.range = Some(next);
            }
            if !moves.is_empty() || enter {
                ctx.request_repaint();
            }
        }
    }
    ctx.data_mut(|d| d.insert_temp(id, cursor));

    let (name, description) = spoken::chart(
        dataset,
        model,
        &|series| view.shows_series(series),
        frame.range.map_or(model.x_range, |r| (r.from(), r.to())),
    );
    response.widget_info(|| WidgetInfo::labeled(Role::Figure, true, &name));
    let spot = cursor.and_then(|mark| place(&marks, view, frame, mark));
    let mark_node = cursor.zip(spot).and_then(|(mark, (rect, _))| {
        let label = spoken::mark(dataset, model, mark)?;
        let child = ui.new_child(
            UiBuilder::new()
                .id_salt(("troopline-chart-mark", mark))
                .max_rect(rect)
                .accessibility_parent(id)
                .accessibility_role(Role::Image)
                .accessibility_label(label),
        );
        Some(child.unique_id())
    });
    ctx.accesskit_node_builder(id, |node| {
        node.set_role(Role::Figure);
        node.set_label(name.clone());
        node.set_description(description);
        match mark_node {
            Some(mark) => node.set_active_descendant(mark.accesskit_id()),
            None => node.clear_active_descendant(),
        }
    });

    if !focused {
        return;
    }
    let stroke = Stroke::new(2.0, ui.visuals().selection.stroke.color);
    let painter = ui.painter();
    match (cursor, spot) {
        (Some(mark), Some((rect, anchor))) => {
            painter.rect_stroke(
                frame.rect.shrink(1.0),
                4.0,
                Stroke::new(1.0, stroke.color),
                egui::StrokeKind::Inside,
            );
            painter.rect_stroke(rect.expand(3.0), 3.0, stroke, egui::StrokeKind::Outside);
            if frame.hovered.is_none() {
                frame.hovered = hovered(model, mark);
                if let Some(description) = description_of(dataset, model, mark) {
                    Tooltip::always_open(ctx, response.layer_id, id, PopupAnchor::Position(anchor))
                        .gap(14.0)
                        .show(|ui| tooltip::card(ui, &description));
                }
            }
        }
        _ => {
            painter.rect_stroke(
                frame.rect.shrink(1.0),
                4.0,
                stroke,
                egui::StrokeKind::Inside,
            );
        }
    }
}

/// The lanes drawn this frame, top to bottom, and the shown events.
fn navigable<'a>(model: &'a ChartModel, view: &ViewState, frame: &ChartFrame) -> Marks<'a> {
    let mut lanes = Vec::new();
    if frame.troops_transform.is_some() {
        lanes.extend(
            model
                .lines
                .iter()
                .enumerate()
                .filter(|(_, line)| view.shows_series(&line.id))
                .map(|(s, _)| Lane::Line(s)),
        );
    }
    lanes.extend(
        frame
            .casualty_transforms
            .iter()
            .map(|(s, _)| Lane::Bars(*s)),
    );
    let events: Vec<usize> = if view.show_events && frame.troops_transform.is_some() {
        (0..model.events.len())
            .filter(|&e| {
                model
                    .categories
                    .get(model.events[e].category)
                    .is_some_and(|c| view.shows_category(&c.name))
            })
            .collect()
    } else {
        Vec::new()
    };
    if !events.is_empty() {
        lanes.push(Lane::Events);
    }
    Marks {
        model,
        lanes,
        events,
    }
}

/// The moves asked for this frame, in order, and whether Enter was pressed; the keys are
/// consumed so nothing else acts on them.
fn take_keys(ui: &Ui) -> (Vec<Move>, bool) {
    let step = |key: Key| match key {
        Key::ArrowRight => Some(Move::Next),
        Key::ArrowLeft => Some(Move::Previous),
        Key::ArrowUp => Some(Move::Up),
        Key::ArrowDown => Some(Move::Down),
        Key::Home => Some(Move::First),
        Key::End => Some(Move::Last),
        _ => None,
    };
    let ours = |event: &Event| match event {
        Event::Key {
            key,
            pressed: true,
            modifiers,
            ..
        } if modifiers.matches_exact(Modifiers::NONE) => {
            (step(*key).is_some() || *key == Key::Enter).then_some(*key)
        }
        _ => None,
    };
    ui.ctx().input_mut(|input| {
        let keys: Vec<Key> = input.events.iter().filter_map(ours).collect();
        input.events.retain(|event| ours(event).is_none());
        let moves = keys.iter().filter_map(|&k| step(k)).collect();
        (moves, keys.contains(&Key::Enter))
    })
}

/// Where `mark` is on screen: the rectangle to ring, and where its tooltip goes.
fn place(
    marks: &Marks<'_>,
    view: &ViewState,
    frame: &ChartFrame,
    mark: Mark,
) -> Option<(Rect, Pos2)> {
    let model = marks.model;
    let on = |transform: &PlotTransform, rect: Rect| {
        let visible = rect.intersect(*transform.frame());
        (visible.width() >= 0.0 && visible.height() >= 0.0)
            .then(|| (visible, pos2(visible.right(), visible.center().y)))
    };
    match mark {
        Mark::Point { series, index } => {
            let transform = frame.troops_transform.as_ref()?;
            let line = model.lines.get(series)?;
            let at = transform
                .position_from_point(&PlotPoint::new(*line.xs.get(index)?, *line.ys.get(index)?));
            on(transform, Rect::from_center_size(at, vec2(8.0, 8.0)))
        }
        Mark::Bar { series, index } => {
            let (_, transform) = frame
                .casualty_transforms
                .iter()
                .find(|(s, _)| *s == series)?;
            let bars = model.bars.get(series)?;
            let bar = bars.bars.get(index)?;
            let plot = transform.frame();
            let top = bars
                .height(index, view.bars.mode_for(bars))
                .map_or(plot.top(), |h| transform.position_from_point_y(h));
            let rect = Rect::from_x_y_ranges(
                transform.position_from_point_x(bar.start)
                    ..=transform.position_from_point_x(bar.end),
                top.min(plot.bottom() - 2.0)..=plot.bottom(),
            );
            on(transform, rect)
        }
        Mark::Event(e) => {
            let transform = frame.troops_transform.as_ref()?;
            let event = model.events.get(e)?;
            if let Some((label, _)) = frame
                .event_labels
                .iter()
                .find(|(_, members)| members.contains(&event.index))
            {
                return Some((*label, pos2(label.right(), label.center().y)));
            }
            let (from, to) = marks.span(mark)?;
            let plot = transform.frame();
            let rect = Rect::from_x_y_ranges(
                transform.position_from_point_x(from) - 2.0
                    ..=transform.position_from_point_x(to) + 2.0,
                plot.y_range(),
            );
            on(transform, rect)
        }
    }
}

fn hovered(model: &ChartModel, mark: Mark) -> Option<Hovered> {
    Some(match mark {
        Mark::Point { series, index } => Hovered::Point { series, index },
        Mark::Bar { series, index } => Hovered::Bar { series, index },
        Mark::Event(e) => Hovered::Event(model.events.get(e)?.index),
    })
}

/// The hover tooltip's text for `mark`.
fn description_of(
    dataset: &Dataset,
    model: &ChartModel,
    mark: Mark,
) -> Option<describe::Description> {
    match mark {
        Mark::Point { series, index } => describe::point(dataset, model, series, index),
        Mark::Bar { series, index } => describe::bar(dataset, model, series, index),
        Mark::Event(e) => describe::event(dataset, model.events.get(e)?.index),
    }
}
