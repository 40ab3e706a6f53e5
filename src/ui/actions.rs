//! What the user can ask the window to do, whichever way they ask: toolbar, keys, menus and
//! drops all produce these, and the app carries them out in one place.

use std::path::PathBuf;

use super::view_state::SideView;

/// One request from the user.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Choose a file to open (dialog, or the typed-path prompt without one).
    ChooseFile,
    /// Open this file.
    Open(PathBuf),
    /// Show the built-in dataset.
    OpenBuiltin,
    /// Open the export dialog.
    ShowExport,
    /// Put the chart as shown on the clipboard as an image.
    CopyChart,
    /// Put a short description of the chart as shown (alt text) on the clipboard.
    CopyAltText,
    /// Put the figures in view on the clipboard as tab-separated text.
    CopyData,
    /// Save every figure and event as a CSV table.
    ExportCsv,
    /// Save the table shown as a commented RON dataset to annotate.
    SaveAsDataset,
    /// Open the import dialog for the table shown, to change how it is read.
    ImportSettings,
    /// Open or close the left panel.
    ToggleControls,
    /// Open the panel beside the chart, or close it if it is open.
    ToggleSide(SideView),
    /// Zoom in around the middle.
    ZoomIn,
    /// Zoom out around the middle.
    ZoomOut,
    /// Pan by a fraction of the visible width (negative: back in time).
    Pan(f64),
    /// Show the whole dataset.
    ShowAll,
    /// Open or close the keyboard help.
    ToggleHelp,
    /// Give the chart keyboard focus (from anywhere, without tabbing through every control).
    FocusChart,
    /// Close the window.
    Quit,
}
