//! What the user has chosen to see: range, toggles, theme, panels. Persisted between runs.

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::chart::range::DateRange;
use crate::chart::{BarMode, BarSeries};
use crate::dataset::TableOptions;

use super::shared::{Hovered, Theme};

/// How many recent files are remembered.
pub const RECENT_LIMIT: usize = 8;
/// How many datasets' last ranges are remembered.
const RANGES_LIMIT: usize = 32;

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

/// What casualty bar heights show, as the user chose it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
pub enum BarChoice {
    /// Each series as suits it: a rate where its periods differ in length, else counts.
    #[default]
    Auto,
    /// Counts per unit of time for every series.
    Rate,
    /// The count of each period.
    PerPeriod,
    /// Running totals.
    Cumulative,
}

impl BarChoice {
    /// Every choice, in the order offered.
    pub const ALL: [BarChoice; 4] = [
        BarChoice::Auto,
        BarChoice::Rate,
        BarChoice::PerPeriod,
        BarChoice::Cumulative,
    ];

    /// The mode `series` is drawn in.
    pub fn mode_for(self, series: &BarSeries) -> BarMode {
        match self {
            BarChoice::Auto => series.default_mode(),
            BarChoice::Rate => BarMode::Rate,
            BarChoice::PerPeriod => BarMode::PerPeriod,
            BarChoice::Cumulative => BarMode::Cumulative,
        }
    }

    /// The button's label.
    pub fn name(self) -> &'static str {
        match self {
            BarChoice::Auto => "Auto",
            BarChoice::Rate => "Rate",
            BarChoice::PerPeriod => "Per period",
            BarChoice::Cumulative => "Cumulative",
        }
    }

    /// What the button does.
    pub fn hint(self) -> &'static str {
        match self {
            BarChoice::Auto => {
                "Each series as suits it: where its periods differ in length, a rate, so bar                  areas compare; otherwise the count of each period"
            }
            BarChoice::Rate => "Counts per month or year: bars of unequal periods compare",
            BarChoice::PerPeriod => "The count of each period, as recorded",
            BarChoice::Cumulative => "Running totals since each series' first period",
        }
    }
}

/// The view the chart shows. Unknown or missing fields in a persisted copy fall back to defaults.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct ViewState {
    /// The visible range; `None` shows the whole dataset.
    pub range: Option<DateRange>,
    /// The last range of each dataset shown recently (by [`super::Origin::key`]), most recent
    /// first, so each dataset reopens where the user left it.
    pub ranges: Vec<(String, DateRange)>,
    /// The pinned event labels of each dataset shown recently (by [`super::Origin::key`]).
    pub pins: Vec<(String, BTreeSet<usize>)>,
    /// Whether events may be labelled at all (else every event is a tick).
    pub label_events: bool,
    /// Ids of deployment and casualty series the user has hidden.
    pub hidden_series: BTreeSet<String>,
    /// Event categories the user has hidden.
    pub hidden_categories: BTreeSet<String>,
    /// Whether events are drawn at all.
    pub show_events: bool,
    /// What casualty bar heights show.
    pub bars: BarChoice,
    /// Colour theme.
    pub theme: Theme,
    /// Files opened recently, most recent first (at most [`RECENT_LIMIT`]).
    pub recent_files: Vec<PathBuf>,
    /// How each table opened recently was read (the import dialog's choices), most recent
    /// first, so opening or reloading it again reads it the same way.
    pub table_choices: Vec<(PathBuf, TableOptions)>,
    /// What the panel beside the chart shows.
    pub side_view: SideView,
    /// Whether the left panel (series, views, events) is open.
    pub controls_open: bool,
    /// The event clicked in the list, drawn emphasised (index into `Dataset::events`).
    #[serde(skip)]
    pub highlighted_event: Option<usize>,
    /// A figure pointed at in the data table, marked in the chart.
    #[serde(skip)]
    pub marked: Option<Hovered>,
    /// Events (indices into `Dataset::events`) whose labels the user pinned: labelled before
    /// all others, in the window and in exports.
    #[serde(skip)]
    pub pinned_events: BTreeSet<usize>,
}

impl Default for ViewState {
    fn default() -> Self {
        Self {
            range: None,
            ranges: Vec::new(),
            pins: Vec::new(),
            label_events: true,
            hidden_series: BTreeSet::new(),
            hidden_categories: BTreeSet::new(),
            show_events: true,
            bars: BarChoice::Auto,
            theme: Theme::System,
            recent_files: Vec::new(),
            table_choices: Vec::new(),
            side_view: SideView::None,
            controls_open: true,
            highlighted_event: None,
            marked: None,
            pinned_events: BTreeSet::new(),
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

    /// Remembers how the table at `path` is read.
    pub fn remember_choices(&mut self, path: PathBuf, options: TableOptions) {
        self.table_choices.retain(|(p, _)| *p != path);
        self.table_choices.insert(0, (path, options));
        self.table_choices.truncate(RANGES_LIMIT);
    }

    /// How the table at `path` was read last time, if it was imported through the dialog.
    pub fn choices_for(&self, path: &std::path::Path) -> Option<&TableOptions> {
        self.table_choices
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, options)| options)
    }

    /// Pins the label of event `index` (into `Dataset::events`), or unpins it.
    pub fn toggle_pin(&mut self, index: usize) {
        if !self.pinned_events.remove(&index) {
            self.pinned_events.insert(index);
        }
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

    /// The range to draw: the chosen one, else everything (`all`). The one place that rule lives.
    pub fn range_or(&self, all: DateRange) -> DateRange {
        self.range.unwrap_or(all)
    }

    /// Shows `from..to` (chart x) from the next frame on; ignored unless `to > from`.
    pub fn request_range(&mut self, from: f64, to: f64) {
        if let Some(range) = DateRange::new(from, to) {
            self.range = Some(range);
        }
    }

    /// Zooms by `factor` (< 1 zooms in) around the middle of the current range.
    pub fn zoom(&mut self, factor: f64, all: DateRange) {
        let range = self.range_or(all);
        self.range = Some(range.zoomed(factor, range.middle()));
    }

    /// Pans by `fraction` of the visible width (negative pans back in time).
    pub fn pan(&mut self, fraction: f64, all: DateRange) {
        let range = self.range_or(all);
        self.range = Some(range.shifted(range.width() * fraction));
    }

    /// Switches from the dataset `old` to `new` (keys from [`super::Origin::key`]): remembers
    /// the old one's range and restores the new one's, or shows all of a dataset not seen before.
    pub fn switch_dataset(&mut self, old: &str, new: &str) {
        self.remember_range(old);
        self.restore_range(new);
        self.highlighted_event = None;
        self.marked = None;
    }

    /// Records the current range as the last one of dataset `key`.
    pub fn remember_range(&mut self, key: &str) {
        self.pins.retain(|(k, _)| k != key);
        if !self.pinned_events.is_empty() {
            self.pins
                .insert(0, (key.to_owned(), self.pinned_events.clone()));
            self.pins.truncate(RANGES_LIMIT);
        }
        self.ranges.retain(|(k, _)| k != key);
        if let Some(range) = self.range {
            self.ranges.insert(0, (key.to_owned(), range));
            self.ranges.truncate(RANGES_LIMIT);
        }
    }

    /// The range remembered for dataset `key` when the window starts on it.
    pub fn restore_range(&mut self, key: &str) {
        self.range = self
            .ranges
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, range)| *range);
        self.pinned_events = self
            .pins
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, pins)| pins.clone())
            .unwrap_or_default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(from: f64, to: f64) -> DateRange {
        DateRange::new(from, to).unwrap_or_else(|| panic!("{from}..{to}"))
    }

    #[test]
    fn each_dataset_keeps_its_own_range() {
        let mut view = ViewState::default();
        view.request_range(10.0, 20.0);
        view.switch_dataset("builtin", "/data/vietnam.ron");
        assert_eq!(view.range, None, "a new dataset shows everything");
        view.request_range(-3000.0, -2000.0);
        view.switch_dataset("/data/vietnam.ron", "builtin");
        assert_eq!(view.range, Some(range(10.0, 20.0)));
        view.switch_dataset("builtin", "/data/vietnam.ron");
        assert_eq!(view.range, Some(range(-3000.0, -2000.0)));
        // A restart restores what was saved for the dataset it opens on.
        let mut restarted = view.clone();
        restarted.range = None;
        restarted.restore_range("builtin");
        assert_eq!(restarted.range, Some(range(10.0, 20.0)));
    }

    #[test]
    fn pins_are_kept_per_dataset() {
        let mut view = ViewState::default();
        view.toggle_pin(3);
        view.switch_dataset("a", "b");
        assert!(view.pinned_events.is_empty(), "b has no pins");
        view.toggle_pin(7);
        view.switch_dataset("b", "a");
        assert_eq!(view.pinned_events, BTreeSet::from([3]));
        view.switch_dataset("a", "b");
        assert_eq!(view.pinned_events, BTreeSet::from([7]));
        view.toggle_pin(7);
        assert!(view.pinned_events.is_empty(), "unpinned");
    }

    #[test]
    fn remembered_ranges_are_bounded() {
        let mut view = ViewState::default();
        for i in 0..100 {
            view.request_range(f64::from(i), f64::from(i) + 1.0);
            view.remember_range(&format!("file{i}"));
        }
        assert_eq!(view.ranges.len(), RANGES_LIMIT);
        assert_eq!(view.ranges[0].0, "file99");
    }

    #[test]
    fn keys_zoom_and_pan_the_current_range() {
        let all = range(0.0, 100.0);
        let mut view = ViewState::default();
        view.zoom(0.5, all);
        assert_eq!(view.range, Some(range(25.0, 75.0)));
        view.pan(0.1, all);
        assert_eq!(view.range, Some(range(30.0, 80.0)));
        view.request_range(5.0, 5.0);
        assert_eq!(
            view.range,
            Some(range(30.0, 80.0)),
            "an empty range is ignored"
        );
    }

    #[test]
    fn recent_files_are_unique_and_bounded() {
        let mut view = ViewState::default();
        for i in 0..20 {
            view.remember(PathBuf::from(format!("{i}.ron")));
        }
        view.remember(PathBuf::from("15.ron"));
        assert_eq!(view.recent_files.len(), RECENT_LIMIT);
        assert_eq!(view.recent_files[0], PathBuf::from("15.ron"));
        assert_eq!(
            view.recent_files
                .iter()
                .filter(|p| p.as_path() == std::path::Path::new("15.ron"))
                .count(),
            1
        );
    }
}
