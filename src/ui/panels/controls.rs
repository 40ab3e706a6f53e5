//! The left panel: series toggles, the dataset's named views, theme, and the event list with
//! its category filters.

use egui::{RichText, ScrollArea, Ui, Vec2};

use crate::chart::range::DateRange;
use crate::chart::{ChartModel, describe};
use crate::dataset::Dataset;

use super::super::chart_view::full_range;
use super::super::colors::solid;
use super::super::shared::Theme;
use super::super::tooltip;
use super::super::view_state::ViewState;

/// Series labels longer than this are elided in the panel (whole on hover).
const SERIES_LABEL_CHARS: usize = 48;
/// Event categories listed as filters; more are reachable through the event list.
const MAX_CATEGORY_FILTERS: usize = 40;

/// Draws the panel contents.
pub fn show(ui: &mut Ui, dataset: &Dataset, model: &ChartModel, view: &mut ViewState) {
    ui.heading("Series");
    for (series, line) in model.lines.iter().enumerate() {
        let about = describe::line_legend(dataset, model, series);
        series_toggle(
            ui,
            view,
            (&line.id, &line.label, line.color),
            about.as_ref(),
        );
    }
    for (series, bars) in model.bars.iter().enumerate() {
        let about = describe::bar_legend(dataset, model, series);
        series_toggle(
            ui,
            view,
            (&bars.id, &bars.label, bars.color),
            about.as_ref(),
        );
    }

    ui.separator();
    ui.heading("View");
    views(ui, model, view);
    ui.horizontal(|ui| {
        ui.label("Theme");
        ui.selectable_value(&mut view.theme, Theme::System, "System");
        ui.selectable_value(&mut view.theme, Theme::Light, "Light");
        ui.selectable_value(&mut view.theme, Theme::Dark, "Dark");
    });
    ui.label(
        RichText::new(
            "Drag or Left/Right keys to pan, scroll or +/- to zoom, Home shows all. \
             Tab (or F6) to the chart: arrows go point to point, Up/Down between series, \
             Home/End first/last in view, Enter zooms, Esc leaves.",
        )
        .small()
        .weak(),
    );

    ui.separator();
    ui.horizontal(|ui| {
        ui.heading("Events");
        ui.checkbox(&mut view.show_events, "Show on chart");
        ui.add_enabled(
            view.show_events,
            egui::Checkbox::new(&mut view.label_events, "Labels"),
        )
        .on_hover_text(
            "Label the events that fit (pinned ones first); without labels every event is a tick",
        );
    });
    category_filters(ui, model, view);
    event_list(ui, dataset, model, view);
}

/// "All" and the views the dataset names (its `views`), each a button.
fn views(ui: &mut Ui, model: &ChartModel, view: &mut ViewState) {
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("All")
            .on_hover_text("Show the whole dataset (Home, or double-click the chart)")
            .clicked()
        {
            view.range = None;
        }
        let data = full_range(model);
        for named in &model.views {
            let Some(range) = DateRange::new(named.from, named.to) else {
                continue;
            };
            if range.overlaps(data)
                && ui
                    .button(&named.title)
                    .on_hover_text(format!("Show {}", named.title))
                    .clicked()
            {
                view.range = Some(range);
            }
        }
    });
}

/// A series' checkbox with its colour; hovering it says what the series measures.
fn series_toggle(
    ui: &mut Ui,
    view: &mut ViewState,
    (id, label, color): (&str, &str, [u8; 3]),
    about: Option<&describe::Description>,
) {
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(Vec2::new(14.0, 4.0), egui::Sense::hover());
        ui.painter().rect_filled(rect, 1.0, solid(color));
        let mut shown = view.shows_series(id);
        // A long label is elided, whole on hover, so the panel keeps its width.
        let short = crate::chart::labels::shorten(label, SERIES_LABEL_CHARS);
        let response = ui.checkbox(&mut shown, short.as_str());
        let response = match about {
            Some(about) => response.on_hover_ui(|ui| tooltip::card(ui, about)),
            None => response.on_hover_text(label),
        };
        if response.changed() {
            view.set_series(id, shown);
        }
    });
}

fn category_filters(ui: &mut Ui, model: &ChartModel, view: &mut ViewState) {
    ui.horizontal_wrapped(|ui| {
        for category in model.categories.iter().take(MAX_CATEGORY_FILTERS) {
            let mut shown = !view.hidden_categories.contains(&category.name);
            let (swatch, _) = ui.allocate_exact_size(Vec2::new(8.0, 8.0), egui::Sense::hover());
            ui.painter().rect_filled(swatch, 1.0, solid(category.color));
            if ui.checkbox(&mut shown, category.name.as_str()).changed() {
                if shown {
                    view.hidden_categories.remove(&category.name);
                } else {
                    view.hidden_categories.insert(category.name.clone());
                }
            }
        }
        if model.categories.len() > MAX_CATEGORY_FILTERS {
            ui.label(
                RichText::new(format!(
                    "and {} more categories",
                    model.categories.len() - MAX_CATEGORY_FILTERS
                ))
                .small()
                .weak(),
            );
        }
    });
}

/// Every event of a shown category; only the rows on screen are laid out, so a dataset with
/// a hundred thousand events scrolls as smoothly as one with ten.
fn event_list(ui: &mut Ui, dataset: &Dataset, model: &ChartModel, view: &mut ViewState) {
    let listed: Vec<usize> = (0..model.events.len())
        .filter(|&i| {
            model
                .categories
                .get(model.events[i].category)
                .is_some_and(|c| !view.hidden_categories.contains(&c.name))
        })
        .collect();
    let row_height = ui.spacing().interact_size.y;
    ScrollArea::vertical()
        .auto_shrink([false, false])
        .show_rows(ui, row_height, listed.len(), |ui, rows| {
            for &i in &listed[rows] {
                let mark = &model.events[i];
                let Some(event) = dataset.events.get(mark.index) else {
                    continue;
                };
                let selected = view.highlighted_event == Some(mark.index);
                let text = format!("{}  {}", event.date, event.title);
                let response = ui
                    .horizontal(|ui| {
                        let pinned = view.pinned_events.contains(&mark.index);
                        if ui
                            .selectable_label(pinned, "Pin")
                            .on_hover_text(if pinned {
                                "Unpin: label this event only when there is room"
                            } else {
                                "Pin: always label this event on the chart and in exports"
                            })
                            .clicked()
                        {
                            view.toggle_pin(mark.index);
                        }
                        ui.add(egui::Button::selectable(selected, text).truncate())
                            .on_hover_text(event.detail.as_deref().unwrap_or(&event.title))
                    })
                    .inner;
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
