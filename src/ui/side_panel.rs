//! The side panel: series toggles, view presets, theme, and the event list with filters.

use egui::{RichText, ScrollArea, Ui, Vec2};

use crate::chart::ChartModel;
use crate::dataset::{Dataset, Date};

use super::chart_view::full_range;
use super::colors::solid;
use super::view_state::{ThemeChoice, ViewState};

/// A named date range offered as a one-click view.
struct Preset {
    label: &'static str,
    from: (i32, u32, u32),
    to: Option<(i32, u32, u32)>,
}

/// Presets for the periods readers ask about most; shown when the data covers them.
const PRESETS: [Preset; 2] = [
    Preset {
        label: "2003–2011 (Iraq War)",
        from: (2003, 1, 1),
        to: Some((2012, 1, 1)),
    },
    Preset {
        label: "2014–today (anti-IS campaign)",
        from: (2014, 1, 1),
        to: None,
    },
];

/// Draws the panel contents.
pub fn show(ui: &mut Ui, dataset: &Dataset, model: &ChartModel, view: &mut ViewState) {
    ui.heading("Series");
    for line in &model.lines {
        series_toggle(ui, view, &line.id, &line.label, line.color);
    }
    for bars in &model.bars {
        series_toggle(ui, view, &bars.id, &bars.label, bars.color);
    }

    ui.separator();
    ui.heading("View");
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("All")
            .on_hover_text("Show the whole dataset (Home, or double-click the chart)")
            .clicked()
        {
            let [from, to] = full_range(model);
            view.request_range(from, to);
        }
        let (data_from, data_to) = model.x_range;
        for preset in &PRESETS {
            let Some(from) = Date::from_ymd(preset.from.0, preset.from.1, preset.from.2) else {
                continue;
            };
            let to = preset
                .to
                .and_then(|(y, m, d)| Date::from_ymd(y, m, d))
                .map_or(data_to, Date::to_x);
            if from.to_x() < data_to && to > data_from && ui.button(preset.label).clicked() {
                view.request_range(from.to_x().max(data_from - 15.0), to.min(data_to + 15.0));
            }
        }
    });
    ui.horizontal(|ui| {
        ui.label("Theme");
        ui.selectable_value(&mut view.theme, ThemeChoice::System, "System");
        ui.selectable_value(&mut view.theme, ThemeChoice::Light, "Light");
        ui.selectable_value(&mut view.theme, ThemeChoice::Dark, "Dark");
    });
    ui.label(
        RichText::new("Drag or Left/Right keys to pan, scroll or +/- to zoom, Home shows all.")
            .small()
            .weak(),
    );

    ui.separator();
    ui.horizontal(|ui| {
        ui.heading("Events");
        ui.checkbox(&mut view.show_events, "Show on chart");
    });
    ui.horizontal_wrapped(|ui| {
        for category in &model.categories {
            let mut shown = !view.hidden_categories.contains(&category.name);
            let text = RichText::new(&category.name).color(solid(category.color));
            if ui.checkbox(&mut shown, text).changed() {
                if shown {
                    view.hidden_categories.remove(&category.name);
                } else {
                    view.hidden_categories.insert(category.name.clone());
                }
            }
        }
    });
    event_list(ui, dataset, model, view);
}

fn series_toggle(ui: &mut Ui, view: &mut ViewState, id: &str, label: &str, color: [u8; 3]) {
    ui.horizontal(|ui| {
        let mut shown = view.shows_series(id);
        if ui.checkbox(&mut shown, label).changed() {
            view.set_series(id, shown);
        }
        let (rect, _) = ui.allocate_exact_size(Vec2::new(14.0, 4.0), egui::Sense::hover());
        ui.painter().rect_filled(rect, 1.0, solid(color));
    });
}

fn event_list(ui: &mut Ui, dataset: &Dataset, model: &ChartModel, view: &mut ViewState) {
    ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for mark in &model.events {
                let Some(event) = dataset.events.get(mark.index) else {
                    continue;
                };
                let category = &model.categories[mark.category];
                if view.hidden_categories.contains(&category.name) {
                    continue;
                }
                let selected = view.highlighted_event == Some(mark.index);
                let text = format!("{}  {}", event.date, event.title);
                let response = ui
                    .selectable_label(selected, RichText::new(text).color(solid(category.color)))
                    .on_hover_text(event.detail.as_deref().unwrap_or(&event.title));
                if response.clicked() {
                    view.highlighted_event = Some(mark.index);
                    view.show_events = true;
                    let end = mark.end.unwrap_or(mark.start);
                    // Wide enough to show what led up to the event and what followed.
                    let margin = ((end - mark.start) * 0.5).max(180.0);
                    view.request_range(mark.start - margin, end + margin);
                }
            }
        });
}
