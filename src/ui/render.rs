//! Rendering the chart without a window, for exports from the command line and the window.

use std::path::Path;

use crate::chart::ChartModel;
use crate::dataset::Dataset;
use crate::export::settings::Format;
use crate::export::{self, Rgba};

use super::chart_view::{self, ExportLook, Mode};
use super::offscreen::{OffscreenRenderer, RenderError};
use super::view_state::ViewState;

/// Settings of a headless chart render.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RenderSettings {
    /// Image width in points.
    pub width: f32,
    /// Image height in points.
    pub height: f32,
    /// Pixels per point of a PNG (2 gives crisp text).
    pub scale: f32,
    /// Light or dark.
    pub theme: egui::Theme,
    /// Which parts to include.
    pub look: ExportLook,
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Rendering failed.
    #[error(transparent)]
    Render(#[from] RenderError),
    /// Writing the file failed.
    #[error(transparent)]
    Save(#[from] export::SaveError),
    /// The format is not available in this build.
    #[error("{0} export is not available yet")]
    Unsupported(&'static str),
}

/// Renders the chart of `dataset` as the window would draw `view`, as pixels.
pub fn chart_image(
    dataset: &Dataset,
    model: &ChartModel,
    view: &ViewState,
    settings: &RenderSettings,
) -> Result<Rgba, RenderError> {
    let renderer = OffscreenRenderer::new()?;
    render_with(&renderer, dataset, model, view, settings)
}

/// As [`chart_image`], with a renderer the caller keeps (benchmarks render many frames).
pub fn render_with(
    renderer: &OffscreenRenderer,
    dataset: &Dataset,
    model: &ChartModel,
    view: &ViewState,
    settings: &RenderSettings,
) -> Result<Rgba, RenderError> {
    let ctx = egui::Context::default();
    ctx.set_theme(settings.theme);
    let mut view = view.clone();
    let mode = Mode::Export(settings.look);
    renderer.render(
        egui::vec2(settings.width, settings.height),
        settings.scale,
        &ctx,
        |ui| {
            egui::CentralPanel::default()
                .frame(egui::Frame::central_panel(ui.style()).inner_margin(0.0))
                .show(ui, |ui| {
                    chart_view::show(ui, dataset, model, &mut view, mode);
                });
        },
    )
}

/// Renders and saves the chart in `format` to `path`.
pub fn save_chart(
    dataset: &Dataset,
    model: &ChartModel,
    view: &ViewState,
    settings: &RenderSettings,
    format: Format,
    path: &Path,
) -> Result<(), ExportError> {
    match format {
        Format::Png => {
            let image = chart_image(dataset, model, view, settings)?;
            export::save_png(&image, path)?;
            Ok(())
        }
        Format::Svg => Err(ExportError::Unsupported("SVG")),
        Format::Pdf => Err(ExportError::Unsupported("PDF")),
    }
}
