//! The sources: every publication with its details, a link, and what cites it.

use egui::{RichText, ScrollArea, Ui};

use crate::chart::citations::Citations;
use crate::dataset::Dataset;

/// Lists every source; links open in the browser on click (web links only).
pub fn show(ui: &mut Ui, dataset: &Dataset, citations: &Citations) {
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
                let cited = citations.describe(&source.id);
                if cited.is_empty() {
                    ui.label(
                        RichText::new("Not cited by any figure or event")
                            .small()
                            .weak(),
                    );
                } else {
                    ui.add(
                        egui::Label::new(
                            RichText::new(format!("Cited by: {cited}")).small().weak(),
                        )
                        .wrap(),
                    );
                }
                ui.separator();
            }
        });
}
