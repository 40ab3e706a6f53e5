//! Running egui frames without a window or GPU and keeping what they paint as shapes.
//!
//! The vector export (`crate::export::svg`) turns these shapes into SVG, and PDF and PNG are made
//! from that SVG, so the exported picture comes from the very layout the window shows.

use std::sync::Arc;

use egui::epaint::ClippedShape;
use egui::epaint::text::FontDefinitions;

/// How many passes run before the shapes are taken: the first pass measures text and sizes
/// panels, the next ones lay out with those sizes (as a window does over its first frames).
const PASSES: usize = 3;

/// What one headless egui frame painted, before tessellation.
#[derive(Clone)]
pub struct HeadlessFrame {
    /// The shapes of the last pass, in paint order, each with its clip rectangle.
    pub shapes: Vec<ClippedShape>,
    /// The size of the frame in points.
    pub size: egui::Vec2,
    /// Pixels per point the text was laid out for (glyph positions are snapped to pixels).
    pub pixels_per_point: f32,
    /// The fonts the text was laid out with: the writer embeds the faces the text uses.
    pub fonts: Arc<FontDefinitions>,
}

impl std::fmt::Debug for HeadlessFrame {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HeadlessFrame")
            .field("shapes", &self.shapes.len())
            .field("size", &self.size)
            .field("pixels_per_point", &self.pixels_per_point)
            .finish_non_exhaustive()
    }
}

impl HeadlessFrame {
    /// The frame as an SVG document (see [`crate::export::svg`]).
    pub fn to_svg(&self) -> String {
        crate::export::svg::write_svg(&self.shapes, self.size, &self.fonts)
    }
}

/// The input of one headless pass: a screen of `size` points at `pixels_per_point`.
pub fn headless_input(size: egui::Vec2, pixels_per_point: f32) -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, size)),
        viewports: std::iter::once((
            egui::ViewportId::ROOT,
            egui::ViewportInfo {
                native_pixels_per_point: Some(pixels_per_point),
                ..Default::default()
            },
        ))
        .collect(),
        ..Default::default()
    }
}

/// Runs `draw` as egui frames of `size` points at `pixels_per_point` on `ctx` and returns what
/// the last frame painted. Needs no window and no graphics driver.
///
/// Texture uploads (the font atlas) are dropped: nothing here samples textures. A context used
/// here should not afterwards be rendered by a GPU renderer, which would miss those uploads.
pub fn layout_shapes(
    ctx: &egui::Context,
    size: egui::Vec2,
    pixels_per_point: f32,
    mut draw: impl FnMut(&mut egui::Ui),
) -> HeadlessFrame {
    let mut shapes = Vec::new();
    for _ in 0..PASSES {
        let mut output = ctx.run_ui(headless_input(size, pixels_per_point), &mut draw);
        shapes = std::mem::take(&mut output.shapes);
        output.textures_delta.clear();
    }
    let fonts = ctx.fonts(|fonts| Arc::new(fonts.definitions().clone()));
    HeadlessFrame {
        shapes,
        size,
        pixels_per_point,
        fonts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_is_painted_as_text_inside_the_frame() {
        let ctx = egui::Context::default();
        let frame = layout_shapes(&ctx, egui::vec2(200.0, 100.0), 2.0, |ui| {
            ui.label("headless");
        });
        assert_eq!(frame.size, egui::vec2(200.0, 100.0));
        assert!((frame.pixels_per_point - 2.0).abs() < f32::EPSILON);
        let texts: Vec<_> = frame
            .shapes
            .iter()
            .filter_map(|clipped| match &clipped.shape {
                egui::Shape::Text(text) => Some(text),
                _ => None,
            })
            .collect();
        assert_eq!(texts.len(), 1);
        assert_eq!(texts[0].galley.text(), "headless");
        assert!((texts[0].galley.pixels_per_point - 2.0).abs() < f32::EPSILON);
        assert!(!frame.fonts.font_data.is_empty());
    }

    #[test]
    fn layout_settles_after_the_first_pass() {
        // A right-aligned label's position depends on its width, known only after one pass.
        let ctx = egui::Context::default();
        let frame = layout_shapes(&ctx, egui::vec2(300.0, 100.0), 1.0, |ui| {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
                ui.label("right");
            });
        });
        let again = layout_shapes(&ctx, egui::vec2(300.0, 100.0), 1.0, |ui| {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
                ui.label("right");
            });
        });
        assert_eq!(frame.shapes, again.shapes);
    }
}
