//! The casualty plots: one per shown series, each with its own title row and scale, bars
//! spanning their periods in the mode chosen (a rate where periods differ in length, so bar
//! area is the count), "no data" hatching where a figure is missing, other estimates as
//! dashes across their bars, and hover on all of them.

use egui::{Color32, Id, Pos2, Rect, RichText, Sense, Stroke, Ui, pos2, vec2};
use egui_plot::{Bar as PlotBar, BarChart, PlotTransform};

use crate::chart::{BarMode, BarSeries, describe, hover, ticks};

use super::super::colors::{solid, translucent};
use super::super::shared::Hovered;
use super::super::tooltip;
use super::super::view_state::BarChoice;
use super::plot::{self, PlotPlace, PlotRow, ValueScale, small_font};
use super::sizes::{PLOT_TITLE_ROW, VALUE_TICK_GAP, caption_row};
use super::{ChartFrame, Shared};

/// Hatch lines of "no data" stretches, this far apart.
const HATCH_SPACING: f32 = 7.0;

/// A casualty series' vertical scale for this frame, or `None` when it has no period in view.
pub fn scale(shared: &Shared<'_>, series: usize, height: f32) -> Option<ValueScale> {
    let bars = shared.model.bars.get(series)?;
    let (from, to) = (shared.range.from(), shared.range.to());
    let first = bars.bars.partition_point(|bar| bar.end <= from);
    if bars.bars.get(first).is_none_or(|bar| bar.start >= to) {
        return None;
    }
    let mode = shared.view.bars.mode_for(bars);
    let estimates = bars
        .estimates_in(from, to)
        .iter()
        .filter_map(|e| bars.estimate_height(e, mode))
        .fold(0.0, f64::max);
    let top = ticks::nice_top(
        bars.max_in(from, to, mode).max(estimates),
        f64::from(height),
        VALUE_TICK_GAP,
    );
    Some(ValueScale {
        top,
        labels: ticks::value_axis(top, f64::from(height), VALUE_TICK_GAP),
    })
}

/// The row introducing the casualty plots: what the scales mean, and (in the window) the
/// choice of what bar heights show.
pub fn caption(ui: &mut Ui, shared: &mut Shared<'_>, shown: &[usize]) {
    let width = shared.columns.right - shared.columns.left;
    let interactive = shared.interactive();
    let height = caption_row(shown.len(), interactive);
    if height <= 0.0 {
        return;
    }
    let note = scales_note(shared, shown);
    ui.allocate_ui_with_layout(
        vec2(width, height),
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.set_min_size(vec2(width, height));
            ui.label(RichText::new("Casualties").strong());
            if interactive {
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    for choice in BarChoice::ALL.into_iter().rev() {
                        ui.selectable_value(&mut shared.view.bars, choice, choice.name())
                            .on_hover_text(choice.hint());
                    }
                    ui.add(egui::Label::new(RichText::new(note).small()).truncate());
                });
            } else if !note.is_empty() {
                ui.add(egui::Label::new(RichText::new(note).small()).truncate());
            }
        },
    );
}

/// Only what is true for the series shown: each has its own scale, and how far apart their
/// sizes are when that is worth saying.
pub fn scales_note(shared: &Shared<'_>, shown: &[usize]) -> String {
    if shown.len() < 2 {
        return String::new();
    }
    let (from, to) = (shared.range.from(), shared.range.to());
    let peaks: Vec<f64> = shown
        .iter()
        .filter_map(|&s| shared.model.bars.get(s))
        .map(|bars| bars.max_in(from, to, shared.view.bars.mode_for(bars)))
        .filter(|&peak| peak > 0.0)
        .collect();
    let largest = peaks.iter().copied().fold(0.0, f64::max);
    let smallest = peaks.iter().copied().fold(f64::INFINITY, f64::min);
    let ratio = largest / smallest;
    if peaks.len() >= 2 && ratio >= 10.0 {
        format!(
            "each series has its own scale: the largest bars in view are {}× the smallest",
            crate::chart::format::thousands(ratio.round() as u64)
        )
    } else {
        "each series has its own scale".to_owned()
    }
}

/// Draws casualty series `series` as a plot `height` tall with a title row above it.
pub fn show(
    ui: &mut Ui,
    shared: &mut Shared<'_>,
    series: usize,
    (height, last): (f32, bool),
    scale: &ValueScale,
    frame: &mut ChartFrame,
) -> Option<PlotPlace> {
    let bars = shared.model.bars.get(series)?;
    let mode = shared.view.bars.mode_for(bars);
    title_row(ui, shared, series, Some(mode));
    let interactive = shared.interactive();
    let row = PlotRow {
        id: Id::unique(("troopline-plot", "casualties", series)),
        columns: shared.columns,
        height,
        range: shared.range,
        scale,
        dates: shared.dates,
        interactive,
        date_labels: last,
    };
    let columns = shared.columns.plot_width().max(1.0) as usize;
    let (from, to) = (shared.range.from(), shared.range.to());
    let (response, place) = plot::show(ui, &row, |plot_ui| {
        let items: Vec<PlotBar> = bars
            // Twice the visible width, so a drag this frame shows no gap at the edges.
            .visible(
                from - (to - from) / 2.0,
                to + (to - from) / 2.0,
                columns * 2,
                mode,
            )
            .into_iter()
            .map(|(start, end, height)| {
                PlotBar::new((start + end) / 2.0, height)
                    .width((end - start) * 0.92)
                    .fill(translucent(bars.color, 200))
                    .stroke(Stroke::NONE)
            })
            .collect();
        plot_ui.bar_chart(
            BarChart::new(bars.label.clone(), items)
                .color(solid(bars.color))
                .allow_hover(false),
        );
    });
    let transform = response.transform;
    paint_no_data(ui, bars, &transform, (from, to));
    paint_series_end(ui, bars, &transform, to);
    paint_estimates(ui, bars, mode, &transform, (from, to));
    frame.casualty_transforms.push((series, transform));
    if interactive {
        if let Some(change) = plot::pointer_change(ui, &response, shared.range) {
            frame.range_change = Some(change);
        }
        hover(
            ui,
            shared,
            series,
            mode,
            (&response.response, &transform),
            frame,
        );
    }
    Some(place)
}

/// Shows the tooltip of the bar or "no data" stretch under the pointer.
fn hover(
    ui: &Ui,
    shared: &Shared<'_>,
    series: usize,
    mode: BarMode,
    (response, transform): (&egui::Response, &PlotTransform),
    frame: &mut ChartFrame,
) {
    let Some(pointer) = response.hover_pos() else {
        return;
    };
    let Some(bars) = shared.model.bars.get(series) else {
        return;
    };
    let value = transform.value_from_position(pointer);
    let (dataset, model) = (shared.dataset, shared.model);
    let description = match hover::bar_at(
        std::slice::from_ref(bars),
        &[true],
        (value.x, value.y),
        mode,
    ) {
        Some((_, index)) => {
            frame.hovered = Some(Hovered::Bar { series, index });
            describe::bar(dataset, model, series, index)
        }
        None => match bars.no_data_at(value.x) {
            Some(span) => describe::no_data(dataset, model, series, span),
            None if bars.bars.last().is_some_and(|bar| value.x >= bar.end) => {
                describe::series_end(dataset, model, series)
            }
            None => None,
        },
    };
    if let Some(description) = description {
        tooltip::at_pointer(ui, response, &description);
    }
}

/// Where a series ends inside the view: a thin rule at its end and "series ends" beside it, so
/// the empty plot after it does not read as zero.
fn paint_series_end(ui: &Ui, bars: &BarSeries, transform: &PlotTransform, to: f64) {
    let Some(end) = bars.bars.last().map(|bar| bar.end).filter(|&end| end < to) else {
        return;
    };
    let frame = *transform.frame();
    let x = transform.position_from_point_x(end);
    if x < frame.left() || x > frame.right() - 1.0 {
        return;
    }
    let painter = ui.painter().with_clip_rect(frame);
    let color = ui.visuals().weak_text_color();
    painter.line_segment(
        [pos2(x, frame.top()), pos2(x, frame.bottom())],
        Stroke::new(1.0, color),
    );
    let label = painter.layout_no_wrap(
        "series ends".to_owned(),
        small_font(),
        ui.visuals().text_color(),
    );
    if label.size().x + 8.0 <= frame.right() - x && label.size().y + 4.0 <= frame.height() {
        painter.galley(
            pos2(x + 4.0, frame.top() + 2.0),
            label,
            Color32::PLACEHOLDER,
        );
    }
}

/// Stretches without a figure, hatched across the plot's height and said in words where they
/// are wide enough: missing data must never look like zero.
fn paint_no_data(ui: &Ui, bars: &BarSeries, transform: &PlotTransform, (from, to): (f64, f64)) {
    let frame = *transform.frame();
    let painter = ui.painter().with_clip_rect(frame);
    let color = ui.visuals().weak_text_color().gamma_multiply(0.5);
    for span in bars.no_data_in(from, to) {
        let left = transform
            .position_from_point_x(span.start)
            .max(frame.left());
        let right = transform.position_from_point_x(span.end).min(frame.right());
        if right - left < 1.0 {
            continue;
        }
        let rect = Rect::from_x_y_ranges(left..=right, frame.y_range());
        let hatch = painter.with_clip_rect(rect);
        let mut x = left - frame.height();
        while x < right {
            hatch.line_segment(
                [
                    pos2(x, frame.bottom()),
                    pos2(x + frame.height(), frame.top()),
                ],
                Stroke::new(1.0, color),
            );
            x += HATCH_SPACING;
        }
        let label = painter.layout_no_wrap(
            "no data".to_owned(),
            small_font(),
            ui.visuals().text_color(),
        );
        if label.size().x + 8.0 <= rect.width() && label.size().y + 4.0 <= rect.height() {
            let pos = Pos2::new(rect.center().x - label.size().x / 2.0, rect.top() + 2.0);
            let background = ui.visuals().extreme_bg_color;
            painter.rect_filled(
                Rect::from_min_size(pos, label.size()).expand(1.0),
                2.0,
                background,
            );
            painter.galley(pos, label, Color32::PLACEHOLDER);
        }
    }
}

/// Other estimates of a period's count: a dash across the bar at that height, in the text
/// colour, so it reads as a figure beside the bar rather than part of it.
fn paint_estimates(
    ui: &Ui,
    bars: &BarSeries,
    mode: BarMode,
    transform: &PlotTransform,
    (from, to): (f64, f64),
) {
    let painter = ui.painter().with_clip_rect(*transform.frame());
    let color = ui.visuals().strong_text_color();
    for estimate in bars.estimates_in(from, to) {
        let (Some(bar), Some(height)) = (
            bars.bars.get(estimate.bar),
            bars.estimate_height(estimate, mode),
        ) else {
            continue;
        };
        let y = transform.position_from_point_y(height);
        let left = transform.position_from_point_x(bar.start + bar.days() * 0.04);
        let right = transform.position_from_point_x(bar.end - bar.days() * 0.04);
        let stroke = Stroke::new(1.5, color);
        painter.add(egui::Shape::dashed_line(
            &[pos2(left, y), pos2(right, y)],
            stroke,
            4.0,
            3.0,
        ));
    }
}

/// A casualty plot's title: a colour swatch, the series label and, for a drawn plot, what its
/// bar heights show, on a row of its own so the title never covers bars. Hovering it in the
/// window tells what the series counts.
pub fn title_row(ui: &mut Ui, shared: &Shared<'_>, series: usize, mode: Option<BarMode>) {
    let Some(bars) = shared.model.bars.get(series) else {
        return;
    };
    let columns = shared.columns;
    let (rect, response) = ui.allocate_exact_size(
        vec2(columns.right - columns.left, PLOT_TITLE_ROW),
        Sense::hover(),
    );
    let swatch = Rect::from_center_size(
        pos2(columns.plot_left + 5.0, rect.center().y),
        vec2(10.0, 10.0),
    );
    ui.painter().rect_filled(swatch, 2.0, solid(bars.color));
    let text = match mode {
        Some(mode) => format!("{} — {}", bars.label, bars.caption(mode)),
        None => bars.label.clone(),
    };
    let text_color = ui.visuals().text_color();
    plot::paint_line(
        ui,
        (swatch.right() + 6.0, columns.right),
        rect.center().y,
        &text,
        text_color,
    );
    if shared.interactive()
        && response.hovered()
        && let Some(description) = describe::bar_legend(shared.dataset, shared.model, series)
    {
        tooltip::at_pointer(ui, &response, &description);
    }
}
