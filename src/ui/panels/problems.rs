//! The problems of a file that could not be opened or reloaded, each on its own line with its
//! place in the file; clicking one copies it.

use egui::{RichText, Ui};

use crate::dataset::LoadError;

/// A load that failed: what is wrong, and what is on screen instead.
pub struct Problems {
    /// Every problem found.
    pub error: LoadError,
    /// Whether the failing file is the one shown (a reload), rather than another one.
    pub reload: bool,
    /// What the window still shows.
    pub showing: String,
    /// When the data on screen was loaded.
    pub showing_since: chrono::NaiveTime,
}

/// Draws the list; returns the line the user clicked (to copy), if any.
pub fn show(ui: &mut Ui, problems: &Problems) -> Option<String> {
    let origin = &problems.error.origin;
    let count = problems.error.problems.len();
    let counted = problems.error.count_text();
    let (headline, hint) = if problems.reload {
        (
            format!(
                "{origin} has {counted}: showing its last valid version, loaded at {}",
                problems.showing_since.format("%H:%M:%S")
            ),
            "Fix the file and save: it reloads by itself. Click a problem to copy it.",
        )
    } else {
        (
            format!(
                "{origin} could not be opened ({counted}); still showing {}",
                problems.showing
            ),
            "Fix the file and save: it opens by itself once it is valid. Click a problem to copy it.",
        )
    };
    ui.horizontal_wrapped(|ui| {
        ui.colored_label(ui.visuals().warn_fg_color, RichText::new(headline).strong());
        ui.label(RichText::new(hint).small().weak());
    });
    let mut copied = None;
    let row_height = ui.text_style_height(&egui::TextStyle::Monospace) + 2.0;
    egui::ScrollArea::vertical()
        .id_salt("troopline-problem-list")
        .auto_shrink([false, true])
        .show_rows(ui, row_height, count, |ui, rows| {
            for problem in &problems.error.problems[rows] {
                let headline = problem.headline(origin);
                let response = ui.add(
                    egui::Label::new(RichText::new(&headline).monospace())
                        .sense(egui::Sense::click())
                        .truncate(),
                );
                let response = match &problem.excerpt {
                    Some(excerpt) => response.on_hover_text(RichText::new(excerpt).monospace()),
                    None => response.on_hover_text(&headline),
                };
                if response.clicked() {
                    copied = Some(headline);
                }
            }
        });
    if problems.error.omitted > 0 {
        ui.label(
            RichText::new(format!(
                "… and {} more problems, not listed: fix these first",
                crate::chart::format::thousands(problems.error.omitted as u64)
            ))
            .weak(),
        );
    }
    copied
}
