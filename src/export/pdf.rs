//! PDF from an exported SVG, with `svg2pdf`: vector shapes, text as real text in the embedded
//! fonts (subset into the PDF), one page the size of the chart in points.

use std::path::Path;

use super::atomic::{WriteError, write_atomic};
use super::raster::parse_svg;

/// Why a PDF could not be made or saved.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The SVG is not valid.
    #[error("the SVG cannot be read: {0}")]
    Parse(String),
    /// svg2pdf could not convert it.
    #[error("cannot convert the chart to PDF: {0}")]
    Convert(String),
    /// The file could not be written.
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// Converts an SVG written by [`super::svg`] to a one-page PDF whose page is the SVG's size
/// (one SVG unit, an egui point, is one PDF point).
pub fn svg_to_pdf(svg: &str) -> Result<Vec<u8>, PdfError> {
    let tree = parse_svg(svg).map_err(PdfError::Parse)?;
    svg2pdf::to_pdf(
        &tree,
        svg2pdf::ConversionOptions::default(),
        svg2pdf::PageOptions::default(),
    )
    .map_err(|error| PdfError::Convert(error.to_string()))
}

/// Converts `svg` to PDF and writes it to `path` atomically; nothing is written on error.
pub fn save_pdf(svg: &str, path: &Path) -> Result<(), PdfError> {
    let pdf = svg_to_pdf(svg)?;
    write_atomic(path, |writer| writer.write_all(&pdf))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SQUARE: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200" viewBox="0 0 300 200"><rect x="10" y="10" width="50" height="50" fill="#336699"/></svg>"##;

    #[test]
    fn the_page_is_the_chart_size_in_points() {
        let pdf = svg_to_pdf(SQUARE).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        let document = lopdf::Document::load_mem(&pdf).unwrap();
        let pages = document.get_pages();
        assert_eq!(pages.len(), 1);
        let page = document.get_dictionary(pages[&1]).unwrap();
        let media_box = page.get(b"MediaBox").unwrap().as_array().unwrap();
        let numbers: Vec<f32> = media_box.iter().map(|n| n.as_float().unwrap()).collect();
        assert_eq!(numbers, vec![0.0, 0.0, 300.0, 200.0]);
    }

    #[test]
    fn saving_writes_the_pdf_and_nothing_on_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("chart.pdf");
        save_pdf(SQUARE, &path).unwrap();
        assert!(std::fs::read(&path).unwrap().starts_with(b"%PDF-"));
        let bad = dir.path().join("bad.pdf");
        assert!(matches!(save_pdf("<svg", &bad), Err(PdfError::Parse(_))));
        assert!(!bad.exists());
    }
}
