//! Rendering the chart without a window, for exports from the command line and the window.
//!
//! One path for every format: the chart is laid out by [`chart_view::show`] in a headless egui
//! frame ([`super::headless`]), its shapes become an SVG ([`crate::export::svg`]), and the PNG
//! ([`crate::export::raster`]) and PDF ([`crate::export::pdf`]) are made from that SVG. So the
//! three files show the same picture, and none needs a GPU.

use std::path::Path;

use crate::chart::ChartModel;
use crate::dataset::Dataset;
use crate::export::settings::Format;
use crate::export::{self, Rgba, raster, svg};

use super::chart_view::{self, ExportLook, Mode};
use super::headless::{self, HeadlessFrame};
use super::view_state::ViewState;

/// Vector files are laid out at two pixels per point: egui snaps glyphs to pixels, and at two
/// the text of a row needs few separate runs in the SVG.
const VECTOR_PIXELS_PER_POINT: f32 = 2.0;

/// Settings of a headless chart render.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RenderSettings {
    /// Chart width in points.
    pub width: f32,
    /// Chart height in points.
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
    /// The SVG could not be turned into pixels.
    #[error(transparent)]
    Raster(#[from] raster::RasterError),
    /// The SVG could not be turned into a PDF, or the PDF not written.
    #[error(transparent)]
    Pdf(#[from] export::pdf::PdfError),
    /// Writing the PNG failed.
    #[error(transparent)]
    Png(#[from] export::SaveError),
    /// Writing the SVG failed.
    #[error(transparent)]
    Write(#[from] export::WriteError),
}

/// The chart of `view` laid out at `pixels_per_point`, as shapes.
pub fn chart_frame(
    dataset: &Dataset,
    model: &ChartModel,
    view: &ViewState,
    settings: &RenderSettings,
    pixels_per_point: f32,
) -> HeadlessFrame {
    let ctx = egui::Context::default();
    ctx.set_theme(settings.theme);
    ctx.set_fonts(super::script_fonts::fonts_for_dataset(dataset).definitions);
    let mut view = view.clone();
    let mode = Mode::Export(ExportLook {
        vector: true,
        ..settings.look
    });
    headless::layout_shapes(
        &ctx,
        egui::vec2(settings.width, settings.height),
        pixels_per_point,
        |ui| {
            egui::CentralPanel::default()
                .frame(egui::Frame::central_panel(ui.style()).inner_margin(0.0))
                .show(ui, |ui| {
                    chart_view::show(ui, dataset, model, &mut view, mode);
                });
        },
    )
}

/// The chart as an SVG document.
pub fn chart_svg(
    dataset: &Dataset,
    model: &ChartModel,
    view: &ViewState,
    settings: &RenderSettings,
) -> String {
    let frame = chart_frame(dataset, model, view, settings, VECTOR_PIXELS_PER_POINT);
    let about = export::About {
        title: dataset.title.clone(),
        description: alt_text(dataset, model, view),
    };
    svg::write_svg_about(&frame.shapes, frame.size, &frame.fonts, &about)
}

/// The alt text of the chart of `view` (see [`crate::chart::alt_text`]): the range drawn, the
/// series and event categories shown.
pub fn alt_text(dataset: &Dataset, model: &ChartModel, view: &ViewState) -> String {
    let range = chart_view::visible_range(model, view);
    let series = |id: &str| view.shows_series(id);
    let event = |event: &crate::dataset::Event| {
        view.shows_category(
            event
                .category
                .as_deref()
                .unwrap_or(crate::chart::UNCATEGORISED),
        )
    };
    crate::chart::alt_text::alt_text(
        dataset,
        model,
        &crate::chart::alt_text::InView {
            series: &series,
            event: &event,
            from: range.from(),
            to: range.to(),
        },
    )
}

/// The chart as pixels, `settings.scale` pixels per point.
pub fn chart_image(
    dataset: &Dataset,
    model: &ChartModel,
    view: &ViewState,
    settings: &RenderSettings,
) -> Result<Rgba, ExportError> {
    // Laid out at the PNG's own scale, so text is placed on its pixel grid.
    let svg = chart_frame(dataset, model, view, settings, settings.scale).to_svg();
    Ok(raster::rasterize(&svg, settings.scale)?)
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
            export::save_png_scaled(&image, settings.scale, path)?;
        }
        Format::Svg => svg::save_svg(&chart_svg(dataset, model, view, settings), path)?,
        Format::Pdf => export::pdf::save_pdf(&chart_svg(dataset, model, view, settings), path)?,
    }
    Ok(())
}
