//! PDF from an exported SVG, with `svg2pdf`: vector shapes, text as real text in the embedded
//! fonts (subset into the PDF), one page the size of the chart in points.
//!
//! svg2pdf draws the chart as one form; this module writes the document around it, so that the
//! document information says what the file is: its title is the SVG's `<title>` (the chart
//! title), its subject the SVG's `<desc>` (the chart's description), its creator troopline and
//! its version, and its creation date the time of export (`SOURCE_DATE_EPOCH` when set, for
//! reproducible files).

use std::collections::HashMap;
use std::path::Path;

use pdf_writer::{Content, Date, Finish, Name, Pdf, Rect, Ref, TextStr};

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
    let (chunk, form) = svg2pdf::to_chunk(&tree, svg2pdf::ConversionOptions::default())
        .map_err(|error| PdfError::Convert(error.to_string()))?;
    let mut next = Ref::new(1);
    let catalog = next.bump();
    let pages = next.bump();
    let page = next.bump();
    let contents = next.bump();
    let info = next.bump();
    let mut renumbered = HashMap::new();
    let chunk = chunk.renumber(|old| *renumbered.entry(old).or_insert_with(|| next.bump()));
    let form = *renumbered
        .get(&form)
        .ok_or_else(|| PdfError::Convert("the drawing was lost in renumbering".to_owned()))?;
    let (width, height) = (tree.size().width(), tree.size().height());

    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(pages);
    pdf.pages(pages).kids([page]).count(1);
    let mut page_writer = pdf.page(page);
    page_writer.media_box(Rect::new(0.0, 0.0, width, height));
    page_writer.parent(pages);
    page_writer.contents(contents);
    page_writer
        .resources()
        .x_objects()
        .pair(Name(b"Chart"), form);
    page_writer.finish();
    // The form is one unit square (svg2pdf scales it so): stretched to the page.
    let mut content = Content::new();
    content
        .save_state()
        .transform([width, 0.0, 0.0, height, 0.0, 0.0])
        .x_object(Name(b"Chart"))
        .restore_state();
    pdf.stream(contents, &content.finish());
    pdf.extend(&chunk);

    let about = about_of(svg);
    let creator = format!("troopline {}", env!("CARGO_PKG_VERSION"));
    let mut document_info = pdf.document_info(info);
    if !about.title.is_empty() {
        document_info.title(TextStr(&about.title));
    }
    if !about.description.is_empty() {
        document_info.subject(TextStr(&about.description));
    }
    document_info.creator(TextStr(&creator));
    document_info.producer(TextStr(&creator));
    document_info.creation_date(creation_date());
    document_info.finish();
    Ok(pdf.finish())
}

/// The title and description an SVG written by [`super::svg`] carries (`<title>` and `<desc>`
/// of the root element); empty where it has none.
pub fn about_of(svg: &str) -> super::About {
    let Ok(document) = roxmltree::Document::parse(svg) else {
        return super::About::default();
    };
    let child_text = |tag: &str| {
        document
            .root_element()
            .children()
            .find(|node| node.has_tag_name(tag))
            .and_then(|node| node.text())
            .unwrap_or_default()
            .trim()
            .to_owned()
    };
    super::About {
        title: child_text("title"),
        description: child_text("desc"),
    }
}

/// Now in UTC, or `SOURCE_DATE_EPOCH` when it is set (reproducible builds of documents).
fn creation_date() -> Date {
    use chrono::{Datelike, Timelike};
    let now = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|seconds| seconds.trim().parse::<i64>().ok())
        .and_then(|seconds| chrono::DateTime::from_timestamp(seconds, 0))
        .unwrap_or_else(chrono::Utc::now);
    // Years outside 0..=9999 cannot be written in a PDF date; the clock gives none.
    let year = u16::try_from(now.year().clamp(0, 9999)).unwrap_or(0);
    #[allow(clippy::cast_possible_truncation)] // calendar fields fit in u8
    Date::new(year)
        .month(now.month() as u8)
        .day(now.day() as u8)
        .hour(now.hour() as u8)
        .minute(now.minute() as u8)
        .second(now.second() as u8)
        .utc_offset_hour(0)
        .utc_offset_minute(0)
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
    fn the_document_says_what_it_is_and_who_made_it() {
        let svg = SQUARE.replace(
            "<rect",
            "<title>US troops in Iraq &amp; Syria</title><desc>A line chart of עברית.</desc><rect",
        );
        let pdf = svg_to_pdf(&svg).unwrap();
        let document = lopdf::Document::load_mem(&pdf).unwrap();
        let info = document
            .trailer
            .get(b"Info")
            .and_then(|info| document.dereference(info))
            .and_then(|(_, info)| info.as_dict())
            .unwrap()
            .clone();
        let text = |key: &[u8]| lopdf::decode_text_string(info.get(key).unwrap()).unwrap();
        assert_eq!(text(b"Title"), "US troops in Iraq & Syria");
        assert_eq!(text(b"Subject"), "A line chart of עברית.");
        assert_eq!(
            text(b"Creator"),
            format!("troopline {}", env!("CARGO_PKG_VERSION"))
        );
        let created = info.get(b"CreationDate").unwrap().as_str().unwrap();
        assert!(created.starts_with(b"D:20"), "{created:?}");
        // Still one page of the chart's size, with the chart on it.
        let pages = document.get_pages();
        assert_eq!(pages.len(), 1);
        let page = document.get_dictionary(pages[&1]).unwrap();
        let media_box = page.get(b"MediaBox").unwrap().as_array().unwrap();
        let numbers: Vec<f32> = media_box.iter().map(|n| n.as_float().unwrap()).collect();
        assert_eq!(numbers, vec![0.0, 0.0, 300.0, 200.0]);
        // Without a title or description the fields are left out, not empty.
        let bare = lopdf::Document::load_mem(&svg_to_pdf(SQUARE).unwrap()).unwrap();
        let (_, info) = bare
            .dereference(bare.trailer.get(b"Info").unwrap())
            .unwrap();
        assert!(info.as_dict().unwrap().get(b"Title").is_err());
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
