//! PNG encoding and saving of chart images.
//!
//! Every PNG says its resolution (`pHYs`): a chart drawn at `scale` pixels per point is
//! `72 × scale` dots per inch (144 dpi at 2×), so office suites and page layout programs place
//! it at the size in points it was laid out for, not at one point per pixel.

use std::path::Path;

use super::atomic::{WriteError, write_atomic};

/// An RGBA image, 8 bits per channel, rows top to bottom.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rgba {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// `width * height * 4` bytes.
    pub pixels: Vec<u8>,
}

/// Why an image could not be saved.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The image could not be encoded (e.g. zero-sized).
    #[error("cannot encode the PNG: {0}")]
    Encode(String),
    /// The file could not be written.
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// Encodes and writes `image` to `path` atomically, at one pixel per point (72 dpi).
pub fn save_png(image: &Rgba, path: &Path) -> Result<(), SaveError> {
    save_png_scaled(image, 1.0, path)
}

/// Encodes and writes `image`, drawn at `scale` pixels per point, to `path` atomically.
pub fn save_png_scaled(image: &Rgba, scale: f32, path: &Path) -> Result<(), SaveError> {
    // Encode fully in memory first, so an encoding error never touches the disk.
    let encoded = encode_png_scaled(image, scale)?;
    write_atomic(path, |writer| writer.write_all(&encoded))?;
    Ok(())
}

/// `image` as the bytes of a PNG file, at one pixel per point (72 dpi).
pub fn encode_png(image: &Rgba) -> Result<Vec<u8>, SaveError> {
    encode_png_scaled(image, 1.0)
}

/// Pixels per metre of an image drawn at `scale` pixels per point (a point is 1/72 inch).
fn pixels_per_metre(scale: f32) -> u32 {
    let scale = if scale.is_finite() && scale > 0.0 {
        f64::from(scale)
    } else {
        1.0
    };
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // clamped just here
    let ppm = (scale * 72.0 / 0.0254)
        .round()
        .clamp(1.0, f64::from(u32::MAX)) as u32;
    ppm
}

/// `image`, drawn at `scale` pixels per point, as the bytes of a PNG file with its resolution.
pub fn encode_png_scaled(image: &Rgba, scale: f32) -> Result<Vec<u8>, SaveError> {
    let expected = (image.width as usize) * (image.height as usize) * 4;
    if image.width == 0 || image.height == 0 || image.pixels.len() != expected {
        return Err(SaveError::Encode(format!(
            "the image is {}×{} with {} bytes of pixels",
            image.width,
            image.height,
            image.pixels.len()
        )));
    }
    let mut encoded = Vec::new();
    let mut encoder = ::png::Encoder::new(&mut encoded, image.width, image.height);
    encoder.set_color(::png::ColorType::Rgba);
    encoder.set_depth(::png::BitDepth::Eight);
    encoder.set_compression(::png::Compression::Balanced);
    let ppm = pixels_per_metre(scale);
    encoder.set_pixel_dims(Some(::png::PixelDimensions {
        xppu: ppm,
        yppu: ppm,
        unit: ::png::Unit::Meter,
    }));
    let encode = |error: ::png::EncodingError| SaveError::Encode(error.to_string());
    let mut writer = encoder.write_header().map_err(encode)?;
    writer.write_image_data(&image.pixels).map_err(encode)?;
    writer.finish().map_err(encode)?;
    Ok(encoded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_png_decodes_to_the_same_pixels() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("chart.png");
        let image = Rgba {
            width: 2,
            height: 1,
            pixels: vec![255, 0, 0, 255, 0, 0, 255, 128],
        };
        save_png(&image, &path).unwrap();
        let decoded = image::open(&path).unwrap().to_rgba8();
        assert_eq!(decoded.dimensions(), (2, 1));
        assert_eq!(decoded.into_raw(), image.pixels);
    }

    #[test]
    fn the_resolution_follows_the_scale() {
        let image = Rgba {
            width: 2,
            height: 2,
            pixels: vec![128; 16],
        };
        for (scale, dpi) in [(1.0, 72.0), (2.0, 144.0), (3.0, 216.0)] {
            let bytes = encode_png_scaled(&image, scale).unwrap();
            let decoder = ::png::Decoder::new(std::io::Cursor::new(bytes));
            let reader = decoder.read_info().unwrap();
            let dims = reader.info().pixel_dims.unwrap();
            assert_eq!(dims.unit, ::png::Unit::Meter);
            assert_eq!(dims.xppu, dims.yppu);
            let measured = f64::from(dims.xppu) * 0.0254;
            assert!((measured - dpi).abs() < 0.05, "{scale}×: {measured} dpi");
        }
    }

    #[test]
    fn malformed_images_are_refused_before_touching_the_disk() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("chart.png");
        let image = Rgba {
            width: 0,
            height: 0,
            pixels: vec![],
        };
        assert!(matches!(save_png(&image, &path), Err(SaveError::Encode(_))));
        assert!(!path.exists());
    }
}
