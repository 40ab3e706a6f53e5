//! The sources: every publication with its details, a link, and what cites it.

use egui::{RichText, ScrollArea, Ui};

use crate::dataset::Dataset;

/// Lists every source; links open in the browser on click (web links only).
pub fn show(ui: &mut Ui, dataset: &Dataset) {
    ui.heading(format!("Sources ({})", dataset.sources.len()));
    ScrollArea::vertical()
        .id_salt("troopline-sources")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for source in &dataset.sources {
                ui.add_space(4.0);
                ui.label(RichText::new(&source.title).strong());
                let mut details = format!("{} · id: {}", source.publisher, source.id);
                if let Some(date) = source.published {
                    details.push_str(&format!(" · {}", date.long()));
                }
                ui.label(RichText::new(details).small());
                match source.web_url() {
                    Some(url) => {
                        // `hyperlink_to` opens through egui's OpenUrl, only when clicked.
                        ui.hyperlink_to(RichText::new(url).small(), url);
                    }
                    None if source.url.is_some() => {
                        ui.label(
                            RichText::new("(link not shown: only http and https links are opened)")
                                .small()
                                .weak(),
                        );
                    }
                    None => {}
                }
                let cited = cited_by(dataset, &source.id);
                if !cited.is_empty() {
                    ui.add(
                        egui::Label::new(
                            RichText::new(format!("Cited by: {}", cited.join("; ")))
                                .small()
                                .weak(),
                        )
                        .wrap(),
                    );
                }
                ui.separator();
            }
        });
}

/// Series (with how many of their figures) and events citing `id`.
pub fn cited_by(dataset: &Dataset, id: &str) -> Vec<String> {
    let mut out = Vec::new();
    for series in &dataset.deployments {
        let n = series
            .points
            .iter()
            .filter(|p| series.source_of(p) == Some(id))
            .count();
        if n > 0 {
            out.push(format!(
                "{} ({n} point{})",
                series.label,
                if n == 1 { "" } else { "s" }
            ));
        }
    }
    for series in &dataset.casualties {
        let n = series
            .periods
            .iter()
            .filter(|p| series.source_of(p) == Some(id))
            .count();
        if n > 0 {
            out.push(format!(
                "{} ({n} period{})",
                series.label,
                if n == 1 { "" } else { "s" }
            ));
        }
    }
    let events: Vec<&str> = dataset
        .events
        .iter()
        .filter(|e| e.source.as_deref() == Some(id))
        .map(|e| e.title.as_str())
        .collect();
    if !events.is_empty() {
        out.push(format!("events: {}", events.join(", ")));
    }
    out
}
