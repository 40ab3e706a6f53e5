//! What an export is: its file format and its size. Shared by the command line and the window's
//! Export dialog, so both offer the same choices with the same names.

use std::path::Path;

use serde::{Deserialize, Serialize};

/// How an SVG holds its text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "gui", derive(clap::ValueEnum))]
pub enum TextMode {
    /// Real, editable text in the embedded fonts, with installed fallbacks named.
    #[default]
    Real,
    /// Every glyph as a path: looks exactly the same everywhere, but is no longer text.
    Outlines,
}

/// A chart file format.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "gui", derive(clap::ValueEnum))]
pub enum Format {
    /// A raster image.
    #[default]
    Png,
    /// A vector drawing with real text.
    Svg,
    /// A vector page with embedded fonts.
    Pdf,
}

impl Format {
    /// Every format, in the order offered.
    pub const ALL: [Format; 3] = [Format::Png, Format::Svg, Format::Pdf];

    /// The format a file name asks for by its extension (case-insensitive).
    pub fn from_path(path: &Path) -> Option<Self> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "png" => Some(Format::Png),
            "svg" => Some(Format::Svg),
            "pdf" => Some(Format::Pdf),
            _ => None,
        }
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Png => "png",
            Format::Svg => "svg",
            Format::Pdf => "pdf",
        }
    }

    /// The name shown to users.
    pub fn name(self) -> &'static str {
        match self {
            Format::Png => "PNG image",
            Format::Svg => "SVG drawing",
            Format::Pdf => "PDF document",
        }
    }
}

/// A named chart size, in points (1/72 inch; a PNG has `scale` pixels per point).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "gui", derive(clap::ValueEnum))]
pub enum SizePreset {
    /// 1200 × 675: a web article.
    Web,
    /// 1600 × 900: a 16:9 slide.
    #[default]
    Slide,
    /// A4 landscape: 842 × 595 points.
    A4Landscape,
    /// A size the user types.
    Custom,
}

impl SizePreset {
    /// Every preset, in the order offered.
    pub const ALL: [SizePreset; 4] = [
        SizePreset::Web,
        SizePreset::Slide,
        SizePreset::A4Landscape,
        SizePreset::Custom,
    ];

    /// Width and height in points; `None` for [`SizePreset::Custom`].
    pub fn size(self) -> Option<[u32; 2]> {
        match self {
            SizePreset::Web => Some([1200, 675]),
            SizePreset::Slide => Some([1600, 900]),
            SizePreset::A4Landscape => Some([842, 595]),
            SizePreset::Custom => None,
        }
    }

    /// The name shown to users.
    pub fn name(self) -> &'static str {
        match self {
            SizePreset::Web => "Web (1200 × 675)",
            SizePreset::Slide => "Slide (1600 × 900)",
            SizePreset::A4Landscape => "A4 landscape (print)",
            SizePreset::Custom => "Custom",
        }
    }
}

/// Smallest chart side, in points: below it the plots have no room for labels.
pub const MIN_SIDE: u32 = 320;
/// Largest chart side, in points.
pub const MAX_SIDE: u32 = 8000;
/// Largest PNG side, in pixels (size × scale): what a PNG encoder and memory handle well.
pub const MAX_PIXELS_SIDE: u32 = 16_384;
/// Largest PNG, in pixels: 64 Mi pixels are 256 MiB of RGBA while rendering.
pub const MAX_PIXELS: u64 = 64 * 1024 * 1024;

/// Why a size cannot be exported.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SizeError {
    /// A side outside [`MIN_SIDE`]..=[`MAX_SIDE`].
    #[error("the chart must be {MIN_SIDE} to {MAX_SIDE} points on each side, not {0} × {1}")]
    Points(u32, u32),
    /// The scale is not a number from 0.5 to 8.
    #[error("the scale must be between 0.5 and 8, not {0}")]
    Scale(String),
    /// The image would be too large in pixels.
    #[error(
        "{width} × {height} points at scale {scale} would be {pixels_w} × {pixels_h} pixels; \
         a PNG may be at most {MAX_PIXELS_SIDE} pixels on a side and 64 million pixels in all: \
         lower the scale or the size"
    )]
    Pixels {
        /// Width in points.
        width: u32,
        /// Height in points.
        height: u32,
        /// Pixels per point.
        scale: String,
        /// Resulting width in pixels.
        pixels_w: u64,
        /// Resulting height in pixels.
        pixels_h: u64,
    },
}

/// Checks a chart size (points) and, for PNG, its scale; vector files ignore the scale.
pub fn check_size(width: u32, height: u32, scale: f32, format: Format) -> Result<(), SizeError> {
    let side = MIN_SIDE..=MAX_SIDE;
    if !side.contains(&width) || !side.contains(&height) {
        return Err(SizeError::Points(width, height));
    }
    if format != Format::Png {
        return Ok(());
    }
    if !(scale.is_finite() && (0.5..=8.0).contains(&scale)) {
        return Err(SizeError::Scale(scale.to_string()));
    }
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // bounded above
    let pixels = |points: u32| (f64::from(points) * f64::from(scale)).round() as u64;
    let (pixels_w, pixels_h) = (pixels(width), pixels(height));
    if pixels_w > u64::from(MAX_PIXELS_SIDE)
        || pixels_h > u64::from(MAX_PIXELS_SIDE)
        || pixels_w * pixels_h > MAX_PIXELS
    {
        return Err(SizeError::Pixels {
            width,
            height,
            scale: scale.to_string(),
            pixels_w,
            pixels_h,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_follow_the_file_name() {
        assert_eq!(
            Format::from_path(Path::new("a/chart.SVG")),
            Some(Format::Svg)
        );
        assert_eq!(Format::from_path(Path::new("chart.pdf")), Some(Format::Pdf));
        assert_eq!(Format::from_path(Path::new("chart.png")), Some(Format::Png));
        assert_eq!(Format::from_path(Path::new("chart.jpeg")), None);
        assert_eq!(Format::from_path(Path::new("chart")), None);
        for format in Format::ALL {
            let name = format!("x.{}", format.extension());
            assert_eq!(Format::from_path(Path::new(&name)), Some(format));
        }
    }

    #[test]
    fn presets_have_their_sizes() {
        assert_eq!(SizePreset::Web.size(), Some([1200, 675]));
        assert_eq!(SizePreset::Slide.size(), Some([1600, 900]));
        assert_eq!(SizePreset::A4Landscape.size(), Some([842, 595]));
        assert_eq!(SizePreset::Custom.size(), None);
        for preset in SizePreset::ALL.into_iter().filter_map(SizePreset::size) {
            assert!(check_size(preset[0], preset[1], 2.0, Format::Png).is_ok());
        }
    }

    #[test]
    fn sizes_are_checked_in_points_and_pixels() {
        assert!(check_size(8000, 4000, 2.0, Format::Svg).is_ok());
        assert!(check_size(8000, 4000, 1.0, Format::Png).is_ok());
        assert!(check_size(8000, 8000, 1.0, Format::Png).is_ok());
        let error = check_size(8000, 900, 3.0, Format::Png).unwrap_err();
        assert!(error.to_string().contains("24000 × 2700 pixels"), "{error}");
        assert!(check_size(8000, 900, 2.0, Format::Png).is_ok());
        // Each side fits, but not the whole: 16,000 × 8,000 pixels.
        assert!(check_size(8000, 4000, 2.0, Format::Png).is_err());
        assert_eq!(
            check_size(100, 900, 2.0, Format::Png),
            Err(SizeError::Points(100, 900))
        );
        assert_eq!(
            check_size(8001, 900, 1.0, Format::Svg),
            Err(SizeError::Points(8001, 900))
        );
        assert!(matches!(
            check_size(800, 900, 0.0, Format::Png),
            Err(SizeError::Scale(_))
        ));
        assert!(matches!(
            check_size(800, 900, f32::NAN, Format::Png),
            Err(SizeError::Scale(_))
        ));
        assert!(check_size(800, 900, f32::NAN, Format::Pdf).is_ok());
    }
}
