//! Helpers shared by the SVG writer's tests: a document of some shapes, and its elements.

use std::collections::HashMap;

use egui::epaint::ClippedShape;
use egui::epaint::text::FontDefinitions;
use egui::{Rect, Shape, Vec2, vec2};

use super::write_svg;

pub(super) const SIZE: Vec2 = vec2(200.0, 100.0);

pub(super) fn svg_of(shapes: Vec<Shape>) -> String {
    let clipped: Vec<ClippedShape> = shapes
        .into_iter()
        .map(|shape| ClippedShape::new(Rect::EVERYTHING, shape))
        .collect();
    write_svg(&clipped, SIZE, &FontDefinitions::default())
}

/// Parses `svg` and returns the elements named `tag`, in document order, as
/// (attributes, text) pairs.
pub(super) fn elements(svg: &str, tag: &str) -> Vec<(HashMap<String, String>, String)> {
    let document = roxmltree::Document::parse(svg).unwrap();
    document
        .descendants()
        .filter(|node| node.has_tag_name(tag))
        .map(|node| {
            let attributes = node
                .attributes()
                .map(|a| (a.name().to_owned(), a.value().to_owned()))
                .collect();
            let text: String = node
                .descendants()
                .filter(|n| n.is_text())
                .filter_map(|n| n.text())
                .collect();
            (attributes, text)
        })
        .collect()
}

pub(super) fn only(svg: &str, tag: &str) -> HashMap<String, String> {
    let mut found = elements(svg, tag);
    assert_eq!(found.len(), 1, "one <{tag}> expected in {svg}");
    found.remove(0).0
}
