//! All egui and egui_plot code: the window, the chart drawing, and headless rendering.

mod app;
mod cached_line;
pub mod chart_view;
mod colors;
mod data_panel;
mod document;
pub mod headless;
mod icon;
mod offscreen;
mod plot_common;
mod saved_state;
mod side_panel;
mod sources_panel;
mod tooltip;
mod view_state;

pub use app::{Origin, Problems, Status, TrooplineApp, crop};
pub use chart_view::{ChartFrame, Hovered, TROOPS_PLOT};
pub use offscreen::{OffscreenRenderer, RenderError};
pub use saved_state::{
    MIN_WINDOW, STATE_VERSION, SaveStateError, SavedState, StateFile, WindowGeometry,
};
pub use sources_panel::cited_by;
pub use view_state::{SideView, ThemeChoice, ViewState};

use crate::chart::ChartModel;
use crate::dataset::Dataset;
use crate::export::Rgba;

/// Opens the window on `dataset`, with the view, window and panel sizes of the last run.
/// Blocks until the window is closed.
pub fn run(dataset: Dataset, origin: Origin) -> Result<(), eframe::Error> {
    let title = format!("troopline — {}", dataset.title);
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
            let mut app = TrooplineApp::new(dataset, origin, saved.view);
            if let Some(file) = state_file {
                app.remember_state_in(file, saved.window);
            }
            Ok(Box::new(app))
        }),
    )
}

/// Settings of a headless chart render.
#[derive(Clone, Debug)]
pub struct RenderSettings {
    /// Image width in points.
    pub width: f32,
    /// Image height in points.
    pub height: f32,
    /// Pixels per point (2 gives crisp text).
    pub scale: f32,
    /// Light or dark.
    pub dark: bool,
}

/// Renders the chart of `dataset` as the window would draw it, without a window.
pub fn render_chart(
    renderer: &OffscreenRenderer,
    dataset: &Dataset,
    view: &ViewState,
    settings: &RenderSettings,
) -> Result<Rgba, RenderError> {
    let model = ChartModel::new(dataset);
    let ctx = egui::Context::default();
    ctx.set_theme(if settings.dark {
        egui::Theme::Dark
    } else {
        egui::Theme::Light
    });
    let mut view = view.clone();
    let range = view
        .requested_range
        .or(view.x_range)
        .unwrap_or_else(|| chart_view::full_range(&model));
    renderer.render(
        egui::vec2(settings.width, settings.height),
        settings.scale,
        &ctx,
        |ui| {
            // Each pass starts from the same requested range: the chart reads it back every frame.
            view.requested_range = Some(range);
            egui::CentralPanel::default().show(ui, |ui| {
                chart_view::show(ui, dataset, &model, &mut view, false);
            });
        },
    )
}
