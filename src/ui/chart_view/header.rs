//! The chart's text around the plots: title, subtitle, legend, the "in view" summary, the event
//! categories, and the sources footer. Long texts wrap, and each has a row limit, so a long
//! title can never push the plots off the chart.

use egui::text::{LayoutJob, TextWrapping};
use egui::{Color32, FontId, RichText, Stroke, TextStyle, Ui, Vec2};

use crate::chart::describe;

use super::super::colors::solid;
use super::super::tooltip;
use super::Shared;

/// Rows the title may take before it is cut with an ellipsis (a fifth of the height at most).
const TITLE_ROWS: usize = 3;
/// Rows for the subtitle, the summary and the footer.
const TEXT_ROWS: usize = 3;
/// Event categories named in the legend; the rest are counted.
const MAX_CATEGORIES: usize = 12;

/// Draws everything above the plots.
pub fn show(ui: &mut Ui, shared: &mut Shared<'_>) {
    let look = shared.look();
    let width = ui.available_width();
    if look.title {
        let heading = ui
            .style()
            .text_styles
            .get(&TextStyle::Heading)
            .cloned()
            .unwrap_or_else(|| FontId::proportional(20.0));
        let rows = title_rows(ui.available_height(), heading.size);
        let color = ui.visuals().strong_text_color();
        wrapped(ui, &shared.dataset.title, heading, color, width, rows);
        if let Some(subtitle) = &shared.dataset.subtitle {
            let font = FontId::proportional(13.0);
            wrapped(
                ui,
                subtitle,
                font,
                ui.visuals().weak_text_color(),
                width,
                TEXT_ROWS,
            );
        }
    }
    legend(ui, shared);
    if look.summary {
        let summary = describe::visible_summary(
            shared.dataset,
            shared.model,
            &|id| shared.view.shows_series(id),
            shared.range.from(),
            shared.range.to(),
        );
        if !summary.is_empty() {
            let font = FontId::proportional(11.0);
            let color = ui.visuals().text_color();
            let response = wrapped(
                ui,
                &format!("In view: {summary}"),
                font,
                color,
                width,
                TEXT_ROWS,
            );
            if shared.interactive() {
                response.on_hover_text(
                    "Peak troop level and casualty totals for the periods in view; updates as you zoom",
                );
            }
        }
    }
    categories(ui, shared);
}

/// Rows the title may use: up to [`TITLE_ROWS`], fewer on a short chart.
fn title_rows(height: f32, size: f32) -> usize {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // small positive
    let fit = (height * 0.2 / (size * 1.3)).floor().max(1.0) as usize;
    fit.min(TITLE_ROWS)
}

/// A label that wraps at `width`, cut with "…" after `rows` rows.
fn wrapped(
    ui: &mut Ui,
    text: &str,
    font: FontId,
    color: Color32,
    width: f32,
    rows: usize,
) -> egui::Response {
    let mut job = LayoutJob::single_section(text.to_owned(), egui::TextFormat::simple(font, color));
    job.wrap = TextWrapping {
        max_width: width,
        max_rows: rows,
        break_anywhere: false,
        overflow_character: Some('…'),
    };
    ui.add(egui::Label::new(job).wrap())
}

/// The troop series with their colours (checkboxes in the window, with what each measures on
/// hover), and what the shading, markers and dashes mean where the chart has them.
fn legend(ui: &mut Ui, shared: &mut Shared<'_>) {
    let interactive = shared.interactive();
    let (dataset, model) = (shared.dataset, shared.model);
    ui.horizontal_wrapped(|ui| {
        for (series, line) in model.lines.iter().enumerate() {
            let mut shown = shared.view.shows_series(&line.id);
            let text = RichText::new(&line.label).color(solid(line.color)).strong();
            if interactive {
                let response = ui.checkbox(&mut shown, text);
                let response = match describe::line_legend(dataset, model, series) {
                    Some(description) => response.on_hover_ui(|ui| tooltip::card(ui, &description)),
                    None => response.on_hover_text("Show or hide this series"),
                };
                if response.changed() {
                    shared.view.set_series(&line.id, shown);
                }
            } else if shown {
                let (rect, _) = ui.allocate_exact_size(Vec2::new(18.0, 10.0), egui::Sense::hover());
                ui.painter().line_segment(
                    [rect.left_center(), rect.right_center()],
                    Stroke::new(3.0, solid(line.color)),
                );
                ui.label(text);
            }
            ui.add_space(8.0);
        }
        let keys = [
            (
                model.lines.iter().any(|l| l.band.is_some()),
                "shading or bars: range of credible figures",
            ),
            (
                model.lines.iter().any(|l| !l.estimates.is_empty()),
                "diamonds: other estimates",
            ),
            (
                model.lines.iter().any(|l| !l.unreported.is_empty()),
                "rings: estimate, forecast or placeholder, not a reported level",
            ),
            (
                model.lines.iter().any(|l| !l.breaks.is_empty()),
                "dashed line: the measure changes",
            ),
        ];
        let key: Vec<&str> = keys
            .iter()
            .filter(|(has, _)| *has)
            .map(|(_, text)| *text)
            .collect();
        if !key.is_empty() {
            let mut text = key.join(" · ");
            if let Some(first) = text.get(..1) {
                text = first.to_uppercase() + &text[1..];
            }
            ui.label(RichText::new(text).small().weak());
        }
    });
}

/// The event categories shown, with their colours.
fn categories(ui: &mut Ui, shared: &Shared<'_>) {
    let view = &*shared.view;
    if !view.show_events || shared.model.events.is_empty() {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        ui.label(RichText::new("Events:").small().weak());
        let shown: Vec<_> = shared
            .model
            .categories
            .iter()
            .filter(|category| view.shows_category(&category.name))
            .collect();
        for category in shown.iter().take(MAX_CATEGORIES) {
            let (rect, _) = ui.allocate_exact_size(Vec2::new(10.0, 10.0), egui::Sense::hover());
            ui.painter().rect_filled(rect, 2.0, solid(category.color));
            ui.label(RichText::new(&category.name).small());
            ui.add_space(6.0);
        }
        if shown.len() > MAX_CATEGORIES {
            let more = crate::chart::format::thousands((shown.len() - MAX_CATEGORIES) as u64);
            ui.label(RichText::new(format!("and {more} more")).small().weak());
        }
    });
}

/// The footer's text laid out for `width`, to be placed under the plots.
pub fn footer(ui: &Ui, shared: &Shared<'_>, width: f32) -> Option<std::sync::Arc<egui::Galley>> {
    if !shared.look().footer {
        return None;
    }
    // Sources of what this view draws: a troops-only view credits no casualty source.
    let sources = crate::chart::citations::sources_line(
        shared.dataset,
        &shared.model.source_index,
        &|id| shared.view.shows_series(id),
        (shared.range.from(), shared.range.to()),
        8,
    );
    let text = format!("{} · Sources: {sources}", shared.dataset.title);
    let mut job = LayoutJob::single_section(
        text,
        egui::TextFormat::simple(FontId::proportional(10.5), ui.visuals().weak_text_color()),
    );
    job.wrap = TextWrapping {
        max_width: width,
        max_rows: TEXT_ROWS,
        break_anywhere: false,
        overflow_character: Some('…'),
    };
    Some(ui.painter().layout_job(job))
}

#[cfg(test)]
mod tests {
    use super::title_rows;

    #[test]
    fn the_title_takes_at_most_a_fifth_of_the_height() {
        assert_eq!(title_rows(900.0, 20.0), 3);
        assert_eq!(title_rows(200.0, 20.0), 1);
        assert_eq!(title_rows(0.0, 20.0), 1);
    }
}
