//! The casualty plots: one per shown series, each with its own title row and scale, bars
//! spanning their periods, and hover on bars.

use egui::{Id, RichText, Sense, Stroke, Ui, pos2, vec2};
use egui_plot::{Bar as PlotBar, BarChart};

use crate::chart::{describe, hover, ticks};

use super::super::colors::{solid, translucent};
use super::super::shared::Hovered;
use super::super::tooltip;
use super::plot::{self, PlotPlace, PlotRow, ValueScale};
use super::sizes::{CAPTION_ROW, PLOT_TITLE_ROW, VALUE_TICK_GAP};
use super::{ChartFrame, Shared};

/// A casualty series' vertical scale for this frame, or `None` when it has no period in view.
pub fn scale(shared: &Shared<'_>, series: usize, height: f32) -> Option<ValueScale> {
    let bars = shared.model.bars.get(series)?;
    let (from, to) = (shared.range.from(), shared.range.to());
    let first = bars.bars.partition_point(|bar| bar.end <= from);
    if bars.bars.get(first).is_none_or(|bar| bar.start >= to) {
        return None;
    }
    let top = (bars.max_in(from, to, shared.view.cumulative) * 1.1).max(1.0);
    Some(ValueScale {
        top,
        labels: ticks::value_axis(top, f64::from(height), VALUE_TICK_GAP),
    })
}

/// The row introducing the casualty plots: what the scales mean, and (in the window) the
/// per-period / cumulative switch.
pub fn caption(ui: &mut Ui, shared: &mut Shared<'_>, shown: &[usize]) {
    let width = shared.columns.right - shared.columns.left;
    let interactive = shared.interactive();
    let note = scales_note(shared, shown);
    ui.allocate_ui_with_layout(
        vec2(width, CAPTION_ROW),
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.set_min_size(vec2(width, CAPTION_ROW));
            ui.label(RichText::new("Casualties").strong());
            if !note.is_empty() {
                ui.label(RichText::new(note).weak().small());
            }
            if interactive {
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    ui.selectable_value(&mut shared.view.cumulative, true, "Cumulative")
                        .on_hover_text("Running totals since each series' first period");
                    ui.selectable_value(&mut shared.view.cumulative, false, "Per period")
                        .on_hover_text("The count of each period");
                });
            } else if shared.view.cumulative {
                ui.label(RichText::new("(cumulative totals)").weak().small());
            }
        },
    );
}

/// Only what is true for the series shown: each has its own scale, and how far apart their
/// sizes are when that is worth saying.
fn scales_note(shared: &Shared<'_>, shown: &[usize]) -> String {
    if shown.len() < 2 {
        return String::new();
    }
    let (from, to) = (shared.range.from(), shared.range.to());
    let peaks: Vec<f64> = shown
        .iter()
        .filter_map(|&s| shared.model.bars.get(s))
        .map(|bars| bars.max_in(from, to, shared.view.cumulative))
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
    height: f32,
    scale: &ValueScale,
    frame: &mut ChartFrame,
) -> Option<PlotPlace> {
    let bars = shared.model.bars.get(series)?;
    title_row(ui, shared, &bars.label, bars.color);
    let cumulative = shared.view.cumulative;
    let interactive = shared.interactive();
    let row = PlotRow {
        id: Id::unique(("troopline-plot", "casualties", series)),
        columns: shared.columns,
        height,
        range: shared.range,
        scale,
        dates: shared.dates,
        interactive,
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
                cumulative,
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
    frame.casualty_transforms.push((series, transform));
    if interactive {
        if let Some(change) = plot::pointer_change(ui, &response, shared.range) {
            frame.range_change = Some(change);
        }
        if let Some(pointer) = response.response.hover_pos() {
            let value = transform.value_from_position(pointer);
            if let Some((_, index)) = hover::bar_at(
                std::slice::from_ref(bars),
                &[true],
                (value.x, value.y),
                cumulative,
            ) {
                frame.hovered = Some(Hovered::Bar { series, index });
                if let Some(description) =
                    describe::bar(shared.dataset, shared.model, series, index)
                {
                    tooltip::at_pointer(ui, &response.response, &description);
                }
            }
        }
    }
    Some(place)
}

/// A casualty plot's title: a colour swatch and the series label, on a row of its own so the
/// title never covers bars.
pub fn title_row(ui: &mut Ui, shared: &Shared<'_>, label: &str, color: [u8; 3]) {
    let columns = shared.columns;
    let (rect, _) = ui.allocate_exact_size(
        vec2(columns.right - columns.left, PLOT_TITLE_ROW),
        Sense::hover(),
    );
    let swatch = egui::Rect::from_center_size(
        pos2(columns.plot_left + 5.0, rect.center().y),
        vec2(10.0, 10.0),
    );
    ui.painter().rect_filled(swatch, 2.0, solid(color));
    let text_color = ui.visuals().text_color();
    plot::paint_line(
        ui,
        (swatch.right() + 6.0, columns.right),
        rect.center().y,
        label,
        text_color,
    );
}
