//! The typed-path fallback for opening a file where no file dialog is available.

use std::path::PathBuf;

use egui::{Context, Key};

/// What the prompt decided this frame.
pub enum Prompt {
    /// Still open, with the text typed so far.
    Open(String),
    /// The user asked to open this path.
    Chosen(PathBuf),
    /// The user cancelled.
    Closed,
}

/// Shows the prompt with `text` typed so far.
pub fn show(ctx: &Context, mut text: String) -> Prompt {
    let mut outcome = None;
    egui::Window::new("Open dataset")
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            ui.label("No file dialog is available here. Type the path of a dataset file:");
            let edit = ui.add(
                egui::TextEdit::singleline(&mut text)
                    .hint_text("/path/to/dataset.ron")
                    .desired_width(360.0),
            );
            if !edit.has_focus() && text.is_empty() {
                edit.request_focus();
            }
            let entered = edit.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
            ui.horizontal(|ui| {
                if (ui.button("Open").clicked() || entered) && !text.trim().is_empty() {
                    outcome = Some(Prompt::Chosen(PathBuf::from(text.trim())));
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
                    outcome = Some(Prompt::Closed);
                }
            });
        });
    outcome.unwrap_or(Prompt::Open(text))
}
