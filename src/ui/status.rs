//! The status line at the bottom of the window: what just happened, in words, or a summary of
//! the dataset when nothing did.

use std::path::{Path, PathBuf};

use egui::{RichText, Ui};

use crate::chart::ChartModel;
use crate::chart::format::thousands;
use crate::dataset::Dataset;
use crate::export::naming;

/// A message in the status line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// Something worked; optionally with a folder to open.
    Done {
        /// What happened.
        message: String,
        /// Folder to offer with "Open folder".
        folder: Option<PathBuf>,
    },
    /// Something is under way.
    Working(String),
    /// Something failed.
    Failed(String),
}

impl Status {
    /// A success without a folder.
    pub fn done(message: impl Into<String>) -> Self {
        Status::Done {
            message: message.into(),
            folder: None,
        }
    }

    /// A saved file, offering its folder.
    pub fn saved(path: &Path, note: &str) -> Self {
        Status::Done {
            message: format!("Saved {}{note}", path.display()),
            folder: path.parent().map(Path::to_owned),
        }
    }

    /// The message text.
    pub fn message(&self) -> &str {
        match self {
            Status::Done { message, .. } | Status::Working(message) | Status::Failed(message) => {
                message
            }
        }
    }
}

/// Draws the status line: the message, or what the dataset holds.
pub fn show(ui: &mut Ui, status: Option<&Status>, dataset: &Dataset, model: &ChartModel) {
    ui.horizontal(|ui| match status {
        None => {
            ui.label(
                RichText::new(format!(
                    "{} series · {} figures · {} events · {} sources",
                    model.lines.len() + model.bars.len(),
                    thousands(dataset.value_count() as u64),
                    thousands(dataset.events.len() as u64),
                    thousands(dataset.sources.len() as u64),
                ))
                .weak(),
            );
        }
        Some(Status::Done { message, folder }) => {
            ui.label(message);
            if let Some(url) = folder
                .as_deref()
                .and_then(|f| std::path::absolute(f).ok())
                .and_then(|f| naming::folder_url(&f))
                && ui.button("Open folder").clicked()
            {
                ui.ctx().open_url(egui::OpenUrl::new_tab(url));
            }
        }
        Some(Status::Working(message)) => {
            ui.spinner();
            ui.label(message);
        }
        Some(Status::Failed(message)) => {
            ui.colored_label(ui.visuals().error_fg_color, message);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_readable_whatever_the_kind() {
        assert_eq!(Status::done("Opened x").message(), "Opened x");
        assert_eq!(
            Status::Failed("No such file".into()).message(),
            "No such file"
        );
        let saved = Status::saved(Path::new("/tmp/a.png"), "");
        assert_eq!(saved.message(), "Saved /tmp/a.png");
        assert!(matches!(saved, Status::Done { folder: Some(f), .. } if f == Path::new("/tmp")));
    }
}
