//! PNG pixels from an exported SVG, with `resvg`: the headless PNG export draws the very picture
//! the SVG and PDF hold, on the CPU, with no graphics driver.

use std::sync::Arc;

use super::fonts::font_database;
use super::png::Rgba;

/// The widest or tallest image rasterised, in pixels.
pub const MAX_SIDE: u32 = 16_384;
/// The most pixels rasterised at once (256 MB of RGBA).
pub const MAX_PIXELS: u64 = 64 * 1024 * 1024;

/// Why an SVG could not be rasterised.
#[derive(Debug, thiserror::Error)]
pub enum RasterError {
    /// The SVG is not valid.
    #[error("the SVG cannot be read: {0}")]
    Parse(String),
    /// The scale is zero, negative or not a number.
    #[error("the scale {0} is not a positive number")]
    Scale(f32),
    /// The image would be too large to hold in memory.
    #[error(
        "the image {width}×{height} px is too large (at most {MAX_SIDE} px per side and {MAX_PIXELS} pixels); lower the size or the scale"
    )]
    TooLarge {
        /// Requested width in pixels.
        width: u64,
        /// Requested height in pixels.
        height: u64,
    },
}

/// Parses an SVG written by [`super::svg`], with the fonts embedded in it.
pub(crate) fn parse_svg(svg: &str) -> Result<usvg::Tree, String> {
    let options = usvg::Options {
        fontdb: Arc::new(font_database(svg)),
        ..Default::default()
    };
    usvg::Tree::from_str(svg, &options).map_err(|error| error.to_string())
}

/// Renders `svg` at `pixels_per_point` pixels per SVG unit (egui point) as straight RGBA.
/// Where the SVG draws nothing the pixels stay transparent: a chart's panel paints its own
/// background, so the theme's background comes with the shapes.
pub fn rasterize(svg: &str, pixels_per_point: f32) -> Result<Rgba, RasterError> {
    if !(pixels_per_point.is_finite() && pixels_per_point > 0.0) {
        return Err(RasterError::Scale(pixels_per_point));
    }
    let tree = parse_svg(svg).map_err(RasterError::Parse)?;
    let size = tree.size();
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // checked just below
    let (width, height) = (
        (f64::from(size.width() * pixels_per_point))
            .round()
            .max(1.0) as u64,
        (f64::from(size.height() * pixels_per_point))
            .round()
            .max(1.0) as u64,
    );
    if width > u64::from(MAX_SIDE) || height > u64::from(MAX_SIDE) || width * height > MAX_PIXELS {
        return Err(RasterError::TooLarge { width, height });
    }
    #[allow(clippy::cast_possible_truncation)] // at most MAX_SIDE
    let (width, height) = (width as u32, height as u32);
    let mut pixmap = tiny_skia::Pixmap::new(width, height).ok_or(RasterError::TooLarge {
        width: u64::from(width),
        height: u64::from(height),
    })?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(pixels_per_point, pixels_per_point),
        &mut pixmap.as_mut(),
    );
    let mut pixels = Vec::with_capacity(width as usize * height as usize * 4);
    for pixel in pixmap.pixels() {
        let straight = pixel.demultiply();
        pixels.extend_from_slice(&[
            straight.red(),
            straight.green(),
            straight.blue(),
            straight.alpha(),
        ]);
    }
    Ok(Rgba {
        width,
        height,
        pixels,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pixel(image: &Rgba, x: u32, y: u32) -> [u8; 4] {
        let i = ((y * image.width + x) * 4) as usize;
        [
            image.pixels[i],
            image.pixels[i + 1],
            image.pixels[i + 2],
            image.pixels[i + 3],
        ]
    }

    #[test]
    fn shapes_are_drawn_at_the_scale_and_the_rest_stays_transparent() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="5" viewBox="0 0 10 5"><rect x="0" y="0" width="5" height="5" fill="#ff0000" fill-opacity="0.5"/></svg>"##;
        let image = rasterize(svg, 2.0).unwrap();
        assert_eq!((image.width, image.height), (20, 10));
        let red = pixel(&image, 2, 2);
        assert_eq!(red[0], 255);
        assert!((i32::from(red[3]) - 128).abs() <= 1, "{red:?}");
        assert_eq!(pixel(&image, 15, 5), [0, 0, 0, 0]);
    }

    #[test]
    fn bad_input_is_an_error_not_a_panic() {
        assert!(matches!(rasterize("<svg", 1.0), Err(RasterError::Parse(_))));
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>"#;
        assert!(matches!(rasterize(svg, 0.0), Err(RasterError::Scale(_))));
        assert!(matches!(
            rasterize(svg, f32::NAN),
            Err(RasterError::Scale(_))
        ));
        assert!(matches!(
            rasterize(svg, 5000.0),
            Err(RasterError::TooLarge { .. })
        ));
    }
}
