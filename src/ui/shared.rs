//! Small types every part of the window shares: what is under the pointer, and the theme.
//! They live apart from the code that fills them in, so no module imports another's drawing
//! code for its types.

use serde::{Deserialize, Serialize};

/// What is under the pointer (or marked from the data table).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hovered {
    /// Point `index` of deployment `series`.
    Point {
        /// Deployment index.
        series: usize,
        /// Point index.
        index: usize,
    },
    /// Period `index` of casualty series `series`.
    Bar {
        /// Casualty series index.
        series: usize,
        /// Period index.
        index: usize,
    },
    /// An event (index into `Dataset::events`).
    Event(usize),
}

/// Light, dark, or whatever the system uses; the command line offers light and dark only.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
pub enum Theme {
    /// Follow the operating system (the window only; exports then use light).
    #[default]
    #[value(skip)]
    System,
    /// Dark text on white.
    Light,
    /// Light text on dark grey.
    Dark,
}

impl Theme {
    /// The preference to hand egui for the window.
    pub fn preference(self) -> egui::ThemePreference {
        match self {
            Theme::System => egui::ThemePreference::System,
            Theme::Light => egui::ThemePreference::Light,
            Theme::Dark => egui::ThemePreference::Dark,
        }
    }

    /// The concrete theme of an export: light unless dark was chosen, or the system's theme
    /// (`system`, when known) for [`Theme::System`].
    pub fn resolved(self, system: Option<egui::Theme>) -> egui::Theme {
        match self {
            Theme::Dark => egui::Theme::Dark,
            Theme::Light => egui::Theme::Light,
            Theme::System => system.unwrap_or(egui::Theme::Light),
        }
    }
}
