//! Mapping the chart model's sRGB colours to egui, adjusted for the theme.

use egui::Color32;

use crate::chart::palette::Rgb;

/// The colour as egui wants it.
pub fn solid(rgb: Rgb) -> Color32 {
    Color32::from_rgb(rgb[0], rgb[1], rgb[2])
}

/// The colour at `alpha` (0–255) for bands and spans.
pub fn translucent(rgb: Rgb, alpha: u8) -> Color32 {
    Color32::from_rgba_unmultiplied(rgb[0], rgb[1], rgb[2], alpha)
}
