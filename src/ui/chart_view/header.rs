//! The chart's text around the plots: title, subtitle, one key line, the "in view" summary, and
//! the footer ("Note: …" from the dataset's `notes`, "Source: …" naming the publishers of what
//! this view draws). Long texts wrap, and each has a row limit, so a long title can never push
//! the plots off the chart.

use egui::text::{LayoutJob, TextWrapping};
use egui::{Color32, FontId, TextStyle, Ui};

use crate::chart::describe;

use super::Shared;

/// Rows the title may take before it is cut with an ellipsis (a fifth of the height at most).
const TITLE_ROWS: usize = 3;
/// Rows for the subtitle, the summary and the footer.
const TEXT_ROWS: usize = 3;
/// Publishers named in the source line; the rest are counted.
const MAX_PUBLISHERS: usize = 8;

/// Share of the width that paragraphs of an export wrap at. A renderer without the embedded
/// font (librsvg, for one, which also ignores `textLength`) sets the text in a fallback up to
/// a fifth wider; wrapped this much short of the edge, every line still ends inside the picture.
const EXPORT_MEASURE: f32 = 0.8;

/// The width paragraphs wrap at: the whole width in the window, [`EXPORT_MEASURE`] of it in an
/// export.
fn measure(shared: &Shared<'_>, width: f32) -> f32 {
    if shared.interactive() {
        width
    } else {
        width * EXPORT_MEASURE
    }
}

/// Draws everything above the plots.
pub fn show(ui: &mut Ui, shared: &mut Shared<'_>) {
    let look = shared.look();
    let width = ui.available_width();
    let paragraph = measure(shared, width);
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
                ui.visuals().text_color(),
                paragraph,
                TEXT_ROWS,
            );
        }
    }
    key(ui, shared);
    if look.summary {
        let summary = describe::visible_summary(
            shared.dataset,
            shared.model,
            &|id| shared.view.shows_series(id),
            shared.range.from(),
            shared.range.to(),
        );
        if !summary.is_empty() {
            let font = FontId::proportional(11.5);
            let color = ui.visuals().text_color();
            let text = format!("In view: {summary}");
            if shared.interactive() {
                // One line in the window, the whole of it on hover.
                let response = wrapped(ui, &text, font, color, width, 1);
                response.on_hover_text(format!(
                    "{text}\n\nPeak troop level and casualty totals for the periods in view; updates as you zoom"
                ));
            } else {
                wrapped(ui, &text, font, color, paragraph, 2);
            }
        }
    }
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
    // A wrapping label re-wraps at the space it is given: give it no more than `width`.
    ui.scope(|ui| {
        ui.set_max_width(width);
        ui.add(egui::Label::new(job).wrap())
    })
    .inner
}

/// One key line in normal-size text: what the shading, markers and dashes mean where the chart
/// has them. Series are named at their lines' ends (and toggled in the side panel).
fn key(ui: &mut Ui, shared: &Shared<'_>) {
    let model = shared.model;
    let shown = |l: &&crate::chart::LineSeries| shared.view.shows_series(&l.id);
    let keys = [
        (
            model
                .lines
                .iter()
                .filter(shown)
                .any(|l| l.band.is_some() || !l.error_bars.is_empty()),
            "shading or bars: range of credible figures",
        ),
        (
            model
                .lines
                .iter()
                .filter(shown)
                .any(|l| !l.estimates.is_empty()),
            "diamonds: other estimates",
        ),
        (
            model
                .lines
                .iter()
                .filter(shown)
                .any(|l| !l.unreported.is_empty()),
            "rings: not a reported level",
        ),
        (
            model
                .lines
                .iter()
                .filter(shown)
                .any(|l| !l.breaks.is_empty()),
            "dashed: the measure changes",
        ),
    ];
    let key: Vec<&str> = keys
        .iter()
        .filter(|(has, _)| *has)
        .map(|(_, text)| *text)
        .collect();
    if key.is_empty() {
        return;
    }
    let mut text = key.join(" · ");
    if let Some(first) = text.get(..1) {
        text = first.to_uppercase() + &text[1..];
    }
    let width = measure(shared, ui.available_width());
    let color = ui.visuals().text_color();
    wrapped(ui, &text, FontId::proportional(12.5), color, width, 2);
}

/// The footer's text laid out for `width`, to be placed under the plots: the dataset's notes and
/// that each casualty plot has its own scale when `scales` says so (exports), as "Note: …",
/// then "Source: …".
pub fn footer(
    ui: &Ui,
    shared: &Shared<'_>,
    width: f32,
    scales: &str,
) -> Option<std::sync::Arc<egui::Galley>> {
    if !shared.look().footer {
        return None;
    }
    let view = &*shared.view;
    let series = |id: &str| view.shows_series(id);
    let event = |e: &crate::dataset::Event| {
        view.show_events
            && view.shows_category(e.category.as_deref().unwrap_or(crate::chart::UNCATEGORISED))
    };
    let in_view = crate::chart::citations::InView {
        series: &series,
        event: &event,
        from: shared.range.from(),
        to: shared.range.to(),
    };
    let publishers =
        crate::chart::citations::publishers_in_view(shared.dataset, &in_view, MAX_PUBLISHERS);
    let mut notes: Vec<String> = shared
        .dataset
        .notes
        .iter()
        .map(|n| n.trim().to_owned())
        .collect();
    if !scales.is_empty() {
        notes.push("Each casualty plot has its own scale.".to_owned());
    }
    let mut text = String::new();
    if !notes.is_empty() {
        text.push_str(&format!("Note: {}\n", notes.join(" ")));
    }
    text.push_str("Source: ");
    text.push_str(if publishers.is_empty() {
        "not given"
    } else {
        &publishers
    });
    let mut job = LayoutJob::single_section(
        text,
        egui::TextFormat::simple(FontId::proportional(11.0), ui.visuals().text_color()),
    );
    job.wrap = TextWrapping {
        max_width: measure(shared, width),
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
