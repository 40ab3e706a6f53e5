//! All egui and egui_plot code: the window, the chart drawing, and headless rendering.
//!
//! - [`app`]: the window's frame, calling the steps below in order
//! - [`chart_view`]: the chart itself, for the window and exports alike
//! - [`panels`]: toolbar, left controls, sources, problems, open prompt; `data_panel`: tables
//! - [`document`]: the open file, background loading and reloading; [`import_dialog`]: how a
//!   table is read, chosen while seeing its first rows and the chart it gives
//! - [`export_flow`]: the Export dialog, CSV export and the clipboard; [`render`]: the chart
//!   laid out without a window ([`headless`]) for SVG, PDF and PNG files
//! - [`saved_state`]: what is remembered between runs; [`view_state`]: what is seen now
//! - [`actions`], [`keys`], [`status`], [`shared`], [`tooltip`], [`colors`]: small shared pieces

pub mod actions;
mod app;
pub mod chart_view;
mod colors;
pub mod data_panel;
pub mod document;
pub mod export_flow;
pub mod headless;
mod icon;
pub mod import_dialog;
pub mod keys;
pub mod panels;
pub mod render;
pub mod saved_state;
pub mod script_fonts;
pub mod shared;
pub mod status;
mod tooltip;
pub mod view_state;

pub use actions::Action;
pub use app::{TrooplineApp, window_title};
pub use chart_view::{ChartFrame, ExportLook, Mode};
pub use document::Origin;
pub use render::RenderSettings;
pub use saved_state::{
    MIN_WINDOW, STATE_VERSION, SaveStateError, SavedState, StateFile, WindowGeometry,
};
pub use shared::{Hovered, Theme};
pub use status::Status;
pub use view_state::{SideView, ViewState};

use crate::dataset::Dataset;

/// Opens the window on `dataset`, with the view, window and panel sizes of the last run.
/// Blocks until the window is closed.
/// Tables opened later are read with `table_options`.
pub fn run(
    dataset: Dataset,
    origin: Origin,
    table_options: crate::dataset::TableOptions,
) -> Result<(), eframe::Error> {
    run_showing(dataset, origin, table_options, None)
}

/// As [`run`], with the problems of a file that could not be opened at launch shown over the
/// data (see [`TrooplineApp::with_launch_problems`]).
pub fn run_showing(
    dataset: Dataset,
    origin: Origin,
    table_options: crate::dataset::TableOptions,
    failed: Option<(crate::dataset::LoadError, std::path::PathBuf)>,
) -> Result<(), eframe::Error> {
    run_with(dataset, origin, table_options, failed, None)
}

/// Opens the window on `dataset` and opens the table at `table` as a user would: with the
/// choices remembered for it, else through the import dialog.
pub fn run_importing(dataset: Dataset, table: std::path::PathBuf) -> Result<(), eframe::Error> {
    run_with(
        dataset,
        Origin::Builtin,
        crate::dataset::TableOptions::default(),
        None,
        Some(table),
    )
}

fn run_with(
    dataset: Dataset,
    origin: Origin,
    table_options: crate::dataset::TableOptions,
    failed: Option<(crate::dataset::LoadError, std::path::PathBuf)>,
    import: Option<std::path::PathBuf>,
) -> Result<(), eframe::Error> {
    let title = window_title(&dataset);
    let mut state_file = StateFile::default_location().map(StateFile::at);
    let saved = state_file.as_mut().map(StateFile::load).unwrap_or_default();
    let mut viewport = egui::ViewportBuilder::default()
        .with_title(&title)
        .with_app_id("troopline")
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size(MIN_WINDOW)
        .with_icon(egui::IconData {
            rgba: icon::pixels(),
            width: icon::SIZE,
            height: icon::SIZE,
        });
    if let Some(window) = &saved.window {
        if let Some(size) = window.clamped_size() {
            viewport = viewport.with_inner_size(size);
        }
        if let Some(position) = window.sane_position() {
            viewport = viewport.with_position(position);
        }
        viewport = viewport.with_maximized(window.maximized);
    }
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    eframe::run_native(
        "troopline",
        options,
        Box::new(move |cc| {
            if let Some(memory) = saved.egui_memory() {
                cc.egui_ctx.memory_mut(|m| *m = memory);
            }
            let mut app = TrooplineApp::new(dataset, origin, saved.view.clone())
                .with_table_options(table_options)
                .with_export_choices(saved.export.clone());
            if let Some((error, path)) = failed {
                app = app.with_launch_problems(error, path);
            }
            if let Some(file) = state_file {
                app.remember_state_in(file, saved.window);
            }
            if let Some(table) = import {
                app.open_file(table);
            }
            Ok(Box::new(app))
        }),
    )
}
