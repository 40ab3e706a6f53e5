//! What the user has chosen to see: range, toggles, theme. Persisted between runs.

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// Light, dark, or whatever the system uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Follow the operating system.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

/// The view the chart shows. Unknown or missing fields in a persisted copy fall back to defaults.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct ViewState {
    /// Visible date range in chart x (days since 1970-01-01), as last shown.
    pub x_range: Option<[f64; 2]>,
    /// Ids of deployment and casualty series the user has hidden.
    pub hidden_series: BTreeSet<String>,
    /// Event categories the user has hidden.
    pub hidden_categories: BTreeSet<String>,
    /// Whether events are drawn at all.
    pub show_events: bool,
    /// Casualty bars show running totals instead of per-period counts.
    pub cumulative: bool,
    /// Colour theme.
    pub theme: ThemeChoice,
    /// Files opened recently, most recent first (at most [`RECENT_LIMIT`]).
    pub recent_files: Vec<PathBuf>,
    /// What the panel beside the chart shows.
    pub side_view: SideView,
    /// A range change requested by a button, key or event click, applied on the next frame.
    #[serde(skip)]
    pub requested_range: Option<[f64; 2]>,
    /// The event clicked in the list, drawn emphasised (index into `Dataset::events`).
    #[serde(skip)]
    pub highlighted_event: Option<usize>,
    /// A figure pointed at in the data table, marked in the chart.
    #[serde(skip)]
    pub marked: Option<super::chart_view::Hovered>,
}

/// How many recent files are remembered.
pub const RECENT_LIMIT: usize = 8;

/// The panel beside the chart.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SideView {
    /// No panel.
    #[default]
    None,
    /// The data tables.
    Data,
    /// The sources list.
    Sources,
}

impl Default for ViewState {
    fn default() -> Self {
        Self {
            x_range: None,
            hidden_series: BTreeSet::new(),
            hidden_categories: BTreeSet::new(),
            show_events: true,
            cumulative: false,
            theme: ThemeChoice::System,
            requested_range: None,
            highlighted_event: None,
            recent_files: Vec::new(),
            side_view: SideView::None,
            marked: None,
        }
    }
}

impl ViewState {
    /// Puts `path` first in the recent files.
    pub fn remember(&mut self, path: PathBuf) {
        self.recent_files.retain(|p| *p != path);
        self.recent_files.insert(0, path);
        self.recent_files.truncate(RECENT_LIMIT);
    }

    /// Whether the series with this id is shown.
    pub fn shows_series(&self, id: &str) -> bool {
        !self.hidden_series.contains(id)
    }

    /// Shows or hides a series.
    pub fn set_series(&mut self, id: &str, shown: bool) {
        if shown {
            self.hidden_series.remove(id);
        } else {
            self.hidden_series.insert(id.to_owned());
        }
    }

    /// Whether events of this category are shown.
    pub fn shows_category(&self, name: &str) -> bool {
        self.show_events && !self.hidden_categories.contains(name)
    }

    /// Asks the chart to show `from..to` (chart x) on the next frame.
    pub fn request_range(&mut self, from: f64, to: f64) {
        if from.is_finite() && to.is_finite() && to > from {
            self.requested_range = Some([from, to]);
        }
    }

    /// The range the chart shows, or `fallback` before the first frame.
    pub fn current_range(&self, fallback: (f64, f64)) -> (f64, f64) {
        self.requested_range
            .or(self.x_range)
            .map_or(fallback, |[from, to]| (from, to))
    }

    /// Zooms by `factor` (< 1 zooms in) around the middle of the current range.
    pub fn zoom(&mut self, factor: f64, fallback: (f64, f64)) {
        let (from, to) = self.current_range(fallback);
        let middle = (from + to) / 2.0;
        let half = ((to - from) / 2.0 * factor).max(1.0);
        self.request_range(middle - half, middle + half);
    }

    /// Pans by `fraction` of the visible width (negative pans left).
    pub fn pan(&mut self, fraction: f64, fallback: (f64, f64)) {
        let (from, to) = self.current_range(fallback);
        let shift = (to - from) * fraction;
        self.request_range(from + shift, to + shift);
    }
}
