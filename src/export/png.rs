//! PNG encoding and saving of chart images.

use std::path::Path;

use image::ImageEncoder;
use image::codecs::png::PngEncoder;

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

/// Encodes and writes `image` to `path` atomically.
pub fn save_png(image: &Rgba, path: &Path) -> Result<(), SaveError> {
    // Encode fully in memory first, so an encoding error never touches the disk.
    let encoded = encode_png(image)?;
    write_atomic(path, |writer| writer.write_all(&encoded))?;
    Ok(())
}

/// `image` as the bytes of a PNG file.
pub fn encode_png(image: &Rgba) -> Result<Vec<u8>, SaveError> {
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
    PngEncoder::new(&mut encoded)
        .write_image(
            &image.pixels,
            image.width,
            image.height,
            image::ExtendedColorType::Rgba8,
        )
        .map_err(|error| SaveError::Encode(error.to_string()))?;
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
