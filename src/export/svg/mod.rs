//! SVG from egui's shapes: the vector form of an exported chart.
//!
//! There is one layout, egui's. The chart is laid out by egui and egui_plot in a headless egui
//! frame (`crate::ui::headless`: `egui::Context::run_ui` needs no GPU), and this writer turns the
//! frame's shapes *before tessellation* (`Vec<epaint::ClippedShape>`) into SVG: lines become
//! `<path>`s, rectangles `<rect>`s, text real `<text>` in the embedded fonts. PDF is made from
//! this SVG with `svg2pdf` (`super::pdf`, fonts embedded) and PNG is rasterised from the same SVG
//! with `resvg` (`super::raster`), so headless export needs no GPU driver and PNG, SVG and PDF
//! are the same picture by construction. The window keeps rendering with wgpu; a test
//! (`tests/vector_fidelity.rs`) shows that egui's own GPU render and the resvg render of this
//! SVG agree within a stated pixel tolerance. Drawing the chart a second time from the pure plot
//! model would give two layouts that drift apart; this way there is nothing to keep in step.
//!
//! Coordinates are egui points, the SVG's user unit, rounded to 2 decimals. Colours are written
//! as straight `#rrggbb` plus `*-opacity` (egui's `Color32` is premultiplied). Consecutive
//! shapes with the same clip rectangle share one `<g clip-path>`; shapes wholly outside their
//! clip are dropped and shapes wholly inside it are not clipped.
//!
//! Approximations, where SVG or the shapes cannot say what egui's tessellator does: blurred
//! rectangles use a Gaussian blur of the same spread; path strokes drawn inside or outside a
//! closed path are centred on it; a stroke coloured per position (`ColorMode::UV`) takes the
//! colour at the shape's centre; additive colours (alpha 0, colour > 0) are not drawn; textured
//! meshes and textured rectangle fills (images) are skipped, untextured meshes become filled
//! paths, one per colour; italic text uses `font-style="italic"` (egui shears the glyphs).
//!
//! The writer is in three parts: this file, the document (grouping by clip and transform,
//! clip paths and filters, the `<title>`/`<desc>`, attributes and numbers); [`shapes`]
//! (strokes, rectangles, paths, bands, curves, meshes); [`text`] (one `<text>` per line,
//! anchored, in the fonts of `super::fonts`).

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

use egui::emath::TSTransform;
use egui::epaint::text::FontDefinitions;
use egui::epaint::{ClippedShape, Color32, Stroke, TextShape};
use egui::{Pos2, Rect, Shape, Vec2};

use super::About;
use super::atomic::{WriteError, write_atomic};
use super::fonts::FontBook;

mod shapes;
#[cfg(test)]
mod test_support;
mod text;

use text::right_aligned;

/// Writes `shapes` (one egui frame of `size` points, in paint order) as an SVG document whose
/// text uses the faces of `fonts`, embedded.
pub fn write_svg(shapes: &[ClippedShape], size: Vec2, fonts: &FontDefinitions) -> String {
    write_svg_about(shapes, size, fonts, &About::default())
}

/// [`write_svg`], with a `<title>` and `<desc>` saying what the chart is (read by screen
/// readers, search engines and [`super::pdf`] for the PDF's title and subject).
pub fn write_svg_about(
    shapes: &[ClippedShape],
    size: Vec2,
    fonts: &FontDefinitions,
    about: &About,
) -> String {
    let canvas = Rect::from_min_size(Pos2::ZERO, size);
    let mut writer = Writer::new(fonts);
    let mut leaves = Vec::new();
    for clipped in shapes {
        flatten(
            &clipped.shape,
            clipped.clip_rect,
            clipped.transform_after_tessellation,
            canvas,
            &mut leaves,
        );
    }
    writer.right_aligned = right_aligned(&leaves);
    let mut group: Option<(Option<Rect>, TSTransform)> = None;
    for leaf in leaves {
        let key = (leaf.clip, leaf.transform);
        if group != Some(key) {
            writer.flush_lines();
            if group.is_some() {
                writer.close_group();
            }
            writer.open_group(leaf.clip, leaf.transform);
            group = Some(key);
        }
        writer.shape(leaf.shape);
    }
    writer.flush_lines();
    if group.is_some() {
        writer.close_group();
    }
    writer.finish(size, about)
}

/// `svg` (written by [`write_svg`]) with every glyph turned into a path: it looks the same in
/// every program, with or without fonts, but its text can no longer be edited, searched or
/// read aloud (the `<title>` and `<desc>` stay).
pub fn to_outlines(svg: &str) -> Result<String, String> {
    let tree = super::raster::parse_svg(svg)?;
    let options = usvg::WriteOptions {
        preserve_text: false,
        coordinates_precision: 2,
        transforms_precision: 4,
        ..Default::default()
    };
    let mut outlined = tree.to_string(&options);
    let about = super::pdf::about_of(svg);
    let mut head = String::new();
    for (tag, text) in [("title", &about.title), ("desc", &about.description)] {
        if !text.is_empty() {
            let escaped: String = text.chars().map(xml_char).collect();
            let _ = writeln!(head, "<{tag}>{escaped}</{tag}>");
        }
    }
    if let Some(start) = outlined.find("<svg")
        && let Some(end) = outlined[start..].find('>')
        && !outlined[..start + end].ends_with('/')
    {
        outlined.insert_str(start + end + 1, &format!("\n{head}"));
    }
    Ok(outlined)
}

/// Writes `svg` to `path` atomically.
pub fn save_svg(svg: &str, path: &Path) -> Result<(), WriteError> {
    write_atomic(path, |writer| writer.write_all(svg.as_bytes()))
}

/// A shape to write, with the clip it still needs (`None` when wholly inside its clip).
struct Leaf<'a> {
    shape: &'a Shape,
    clip: Option<Rect>,
    transform: TSTransform,
}

/// Collects the visible leaf shapes of `shape`, deciding for each whether it needs its clip.
fn flatten<'a>(
    shape: &'a Shape,
    clip_rect: Rect,
    transform: TSTransform,
    canvas: Rect,
    out: &mut Vec<Leaf<'a>>,
) {
    match shape {
        Shape::Vec(shapes) => {
            for shape in shapes {
                flatten(shape, clip_rect, transform, canvas, out);
            }
        }
        Shape::Noop | Shape::Callback(_) => {}
        _ => {
            let bounds = transform * shape.visual_bounding_rect();
            // NaN bounds compare false everywhere: such shapes are dropped here too.
            if !(bounds.min.x <= bounds.max.x && bounds.min.y <= bounds.max.y) {
                return;
            }
            if !clip_rect.intersects(bounds) || !canvas.intersects(bounds) {
                return;
            }
            let clip = if clip_rect.contains_rect(bounds) || clip_rect.contains_rect(canvas) {
                None
            } else {
                Some(clip_rect.intersect(canvas))
            };
            out.push(Leaf {
                shape,
                clip,
                transform,
            });
        }
    }
}

/// A line of consecutive, identical opaque strokes, written as one `<path>` when it ends.
struct PendingLines {
    stroke: Stroke,
    d: String,
}

/// The SVG being written: body, definitions, and the fonts the text used.
struct Writer<'a> {
    body: String,
    defs: String,
    clips: HashMap<String, usize>,
    blurs: HashMap<String, usize>,
    fonts: FontBook<'a>,
    pending: Option<PendingLines>,
    open_groups: usize,
    /// Labels anchored at their end: see [`right_aligned`].
    right_aligned: HashSet<*const TextShape>,
}

impl<'a> Writer<'a> {
    fn new(fonts: &'a FontDefinitions) -> Self {
        Self {
            body: String::new(),
            defs: String::new(),
            clips: HashMap::new(),
            blurs: HashMap::new(),
            fonts: FontBook::new(fonts),
            pending: None,
            open_groups: 0,
            right_aligned: HashSet::new(),
        }
    }

    fn finish(self, size: Vec2, about: &About) -> String {
        let mut svg = String::with_capacity(self.body.len() + self.defs.len() + 512);
        svg.push_str("<svg xmlns=\"http://www.w3.org/2000/svg\"");
        write_attr(&mut svg, "width", size.x);
        write_attr(&mut svg, "height", size.y);
        svg.push_str(" viewBox=\"0 0 ");
        push_num(&mut svg, size.x);
        svg.push(' ');
        push_num(&mut svg, size.y);
        svg.push_str("\">\n");
        for (tag, text) in [("title", &about.title), ("desc", &about.description)] {
            if !text.trim().is_empty() {
                let escaped: String = text.chars().map(xml_char).collect();
                let _ = writeln!(svg, "<{tag}>{escaped}</{tag}>");
            }
        }
        let css = self.fonts.font_face_css();
        if !css.is_empty() || !self.defs.is_empty() {
            svg.push_str("<defs>\n");
            if !css.is_empty() {
                svg.push_str("<style>");
                svg.push_str(&css);
                svg.push_str("</style>\n");
            }
            svg.push_str(&self.defs);
            svg.push_str("</defs>\n");
        }
        svg.push_str(&self.body);
        svg.push_str("</svg>\n");
        svg
    }

    fn open_group(&mut self, clip: Option<Rect>, transform: TSTransform) {
        if let Some(clip) = clip {
            let id = self.clip_id(clip);
            let _ = writeln!(self.body, "<g clip-path=\"url(#c{id})\">");
            self.open_groups += 1;
        }
        if transform != TSTransform::IDENTITY {
            self.body.push_str("<g transform=\"matrix(");
            push_num(&mut self.body, transform.scaling);
            self.body.push_str(" 0 0 ");
            push_num(&mut self.body, transform.scaling);
            self.body.push(' ');
            push_num(&mut self.body, transform.translation.x);
            self.body.push(' ');
            push_num(&mut self.body, transform.translation.y);
            self.body.push_str(")\">\n");
            self.open_groups += 1;
        }
    }

    fn close_group(&mut self) {
        for _ in 0..self.open_groups {
            self.body.push_str("</g>\n");
        }
        self.open_groups = 0;
    }

    fn clip_id(&mut self, clip: Rect) -> usize {
        let mut rect = String::new();
        rect_attrs(&mut rect, clip);
        let next = self.clips.len();
        let id = *self.clips.entry(rect.clone()).or_insert(next);
        if id == next {
            let _ = writeln!(self.defs, "<clipPath id=\"c{id}\"><rect{rect}/></clipPath>");
        }
        id
    }

    fn blur_id(&mut self, blur_width: f32) -> usize {
        // A linear ramp of width w, as egui feathers a blurred edge, is a box blur of width w:
        // a Gaussian with the same standard deviation, w/√12, looks the same.
        let deviation = blur_width / 12f32.sqrt();
        let mut key = String::new();
        push_num(&mut key, deviation);
        let next = self.blurs.len();
        let id = *self.blurs.entry(key.clone()).or_insert(next);
        if id == next {
            let _ = writeln!(
                self.defs,
                "<filter id=\"b{id}\" x=\"-1\" y=\"-1\" width=\"3\" height=\"3\"><feGaussianBlur stdDeviation=\"{key}\"/></filter>"
            );
        }
        id
    }

    fn shape(&mut self, shape: &Shape) {
        if let Shape::LineSegment { points, stroke } = shape {
            self.line_segment(*points, *stroke);
            return;
        }
        self.flush_lines();
        match shape {
            Shape::Circle(circle) => self.circle(circle),
            Shape::Ellipse(ellipse) => self.ellipse(ellipse),
            Shape::Path(path) => self.path(path),
            Shape::Band(band) => self.band(band),
            Shape::Rect(rect) => self.rect(rect),
            Shape::Text(text) => self.text(text),
            Shape::Mesh(mesh) => self.mesh(mesh, Vec2::ZERO, None),
            Shape::QuadraticBezier(curve) => self.quadratic(curve),
            Shape::CubicBezier(curve) => self.cubic(curve),
            // Flattened away, or nothing to draw.
            Shape::Vec(_) | Shape::Noop | Shape::Callback(_) | Shape::LineSegment { .. } => {}
        }
    }
}

fn rect_attrs(out: &mut String, rect: Rect) {
    write_attr(out, "x", rect.left());
    write_attr(out, "y", rect.top());
    write_attr(out, "width", rect.width().max(0.0));
    write_attr(out, "height", rect.height().max(0.0));
}

/// ` transform="rotate(deg cx cy)"` for a clockwise rotation by `angle` radians.
fn rotate_attr(out: &mut String, angle: f32, pivot: Pos2) {
    if angle == 0.0 || !angle.is_finite() {
        return;
    }
    out.push_str(" transform=\"rotate(");
    push_num(out, angle.to_degrees());
    out.push(' ');
    push_num(out, pivot.x);
    out.push(' ');
    push_num(out, pivot.y);
    out.push_str(")\"");
}

fn fill_attrs(out: &mut String, color: Color32) {
    paint_attrs(out, "fill", color);
}

fn stroke_attrs(out: &mut String, color: Color32, width: f32) {
    if width <= 0.0 || !width.is_finite() || color.a() == 0 {
        return;
    }
    paint_attrs(out, "stroke", color);
    if width != 1.0 {
        write_attr(out, "stroke-width", width);
    }
}

/// ` fill="#rrggbb"` and ` fill-opacity="…"` (or `stroke…`) from a premultiplied colour;
/// `none` for a transparent one.
fn paint_attrs(out: &mut String, name: &str, color: Color32) {
    if color.a() == 0 {
        if name == "fill" {
            out.push_str(" fill=\"none\"");
        }
        return;
    }
    let [r, g, b, a] = color.to_srgba_unmultiplied();
    let _ = write!(out, " {name}=\"#{r:02x}{g:02x}{b:02x}\"");
    if a < 255 {
        let opacity = (f32::from(a) / 255.0 * 1000.0).round() / 1000.0;
        let _ = write!(out, " {name}-opacity=\"{opacity}\"");
    }
}

fn write_attr(out: &mut String, name: &str, value: f32) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    push_num(out, value);
    out.push('"');
}

/// `value` rounded to 2 decimals, without trailing zeros; non-finite values as 0.
fn push_num(out: &mut String, value: f32) {
    let hundredths = if value.is_finite() {
        // Bounded: shapes are clamped to ±1e7 points and f64 rounding of that is exact.
        #[allow(clippy::cast_possible_truncation)]
        let rounded = (f64::from(value) * 100.0).round() as i64;
        rounded
    } else {
        0
    };
    if hundredths < 0 {
        out.push('-');
    }
    let magnitude = hundredths.unsigned_abs();
    let _ = write!(out, "{}", magnitude / 100);
    let fraction = magnitude % 100;
    if fraction != 0 {
        if fraction % 10 == 0 {
            let _ = write!(out, ".{}", fraction / 10);
        } else {
            let _ = write!(out, ".{fraction:02}");
        }
    }
}

fn num(value: f32) -> String {
    let mut out = String::new();
    push_num(&mut out, value);
    out
}

/// `c` escaped for XML text; characters XML 1.0 cannot hold become U+FFFD.
fn xml_char(c: char) -> std::borrow::Cow<'static, str> {
    match c {
        '<' => "&lt;".into(),
        '>' => "&gt;".into(),
        '&' => "&amp;".into(),
        '"' => "&quot;".into(),
        '\'' => "&apos;".into(),
        // Parsers turn a raw carriage return into a line feed; a reference survives.
        '\r' => "&#13;".into(),
        '\t' | '\n' => c.to_string().into(),
        c if u32::from(c) < 0x20 || matches!(u32::from(c), 0xFFFE | 0xFFFF) => "\u{FFFD}".into(),
        c => c.to_string().into(),
    }
}

#[cfg(test)]
mod tests {
    use egui::epaint::text::FontDefinitions;
    use egui::{Color32, pos2, vec2};

    use super::test_support::{SIZE, elements, only, svg_of};
    use super::*;

    #[test]
    fn numbers_have_at_most_two_decimals_and_no_trailing_zeros() {
        let cases = [
            (12.5, "12.5"),
            (3.0, "3"),
            (-0.001, "0"),
            (-1.234, "-1.23"),
            (0.1, "0.1"),
            (100.456, "100.46"),
            (0.05, "0.05"),
            (-7.0, "-7"),
            (f32::NAN, "0"),
            (f32::INFINITY, "0"),
        ];
        for (value, expected) in cases {
            assert_eq!(num(value), expected, "{value}");
        }
    }

    #[test]
    fn the_document_is_sized_in_points() {
        let svg = svg_of(vec![]);
        let root = only(&svg, "svg");
        assert_eq!(root["width"], "200");
        assert_eq!(root["height"], "100");
        assert_eq!(root["viewBox"], "0 0 200 100");
        // Nothing drawn: no definitions, no fonts.
        assert!(elements(&svg, "defs").is_empty());
    }

    #[test]
    fn colours_are_straight_with_an_opacity() {
        let half_red = Color32::from_rgba_premultiplied(128, 0, 0, 128);
        let svg = svg_of(vec![Shape::circle_filled(pos2(5.0, 5.0), 2.0, half_red)]);
        let circle = only(&svg, "circle");
        assert_eq!(circle["fill"], "#ff0000");
        assert_eq!(circle["fill-opacity"], "0.502");
        let opaque = svg_of(vec![Shape::circle_filled(
            pos2(5.0, 5.0),
            2.0,
            Color32::from_rgb(1, 2, 255),
        )]);
        let circle = only(&opaque, "circle");
        assert_eq!(circle["fill"], "#0102ff");
        assert!(!circle.contains_key("fill-opacity"));
    }

    #[test]
    fn callbacks_and_noops_write_nothing() {
        let svg = svg_of(vec![Shape::Noop, Shape::Vec(vec![Shape::Noop])]);
        let document = roxmltree::Document::parse(&svg).unwrap();
        assert_eq!(
            document
                .root_element()
                .children()
                .filter(|n| n.is_element())
                .count(),
            0
        );
    }

    #[test]
    fn consecutive_shapes_with_one_clip_share_a_group() {
        let clip = Rect::from_min_size(pos2(10.0, 10.0), vec2(50.0, 50.0));
        let crossing = || {
            Shape::line_segment(
                [pos2(0.0, 20.0), pos2(100.0, 20.0)],
                Stroke::new(1.0, Color32::from_black_alpha(10)),
            )
        };
        let inside = Shape::circle_filled(pos2(30.0, 30.0), 5.0, Color32::RED);
        let outside = Shape::circle_filled(pos2(150.0, 80.0), 5.0, Color32::GREEN);
        let shapes = vec![
            ClippedShape::new(clip, crossing()),
            ClippedShape::new(clip, crossing()),
            ClippedShape::new(clip, inside),
            ClippedShape::new(clip, outside),
            ClippedShape::new(clip, crossing()),
        ];
        let svg = write_svg(&shapes, SIZE, &FontDefinitions::default());
        let document = roxmltree::Document::parse(&svg).unwrap();
        let clip_paths: Vec<_> = document
            .descendants()
            .filter(|n| n.has_tag_name("clipPath"))
            .collect();
        assert_eq!(clip_paths.len(), 1, "one clip rectangle, defined once");
        let rect = clip_paths[0].first_element_child().unwrap();
        assert_eq!(rect.attribute("x"), Some("10"));
        assert_eq!(rect.attribute("width"), Some("50"));
        let top: Vec<_> = document
            .root_element()
            .children()
            .filter(|n| n.is_element() && !n.has_tag_name("defs"))
            .collect();
        // Clipped lines, the circle wholly inside (unclipped), the line again (clipped).
        assert_eq!(top.len(), 3, "{svg}");
        assert_eq!(top[0].tag_name().name(), "g");
        assert_eq!(top[0].attribute("clip-path"), Some("url(#c0)"));
        assert_eq!(top[0].children().filter(|n| n.is_element()).count(), 2);
        assert_eq!(top[1].tag_name().name(), "circle");
        assert_eq!(top[2].attribute("clip-path"), Some("url(#c0)"));
        // The circle wholly outside its clip is dropped.
        assert!(!svg.contains("#00ff00"));
    }

    #[test]
    fn transformed_shapes_are_wrapped_in_their_transform() {
        let mut clipped = ClippedShape::new(
            Rect::EVERYTHING,
            Shape::circle_filled(pos2(5.0, 5.0), 2.0, Color32::RED),
        );
        clipped.transform_after_tessellation = TSTransform::new(vec2(10.0, 20.0), 2.0);
        let svg = write_svg(&[clipped], SIZE, &FontDefinitions::default());
        assert_eq!(only(&svg, "g")["transform"], "matrix(2 0 0 2 10 20)");
    }

    #[test]
    fn the_document_says_what_it_is_in_title_and_desc() {
        let about = About {
            title: "Troops & <casualties>".to_owned(),
            description: "A line chart. Peak 170,000.".to_owned(),
        };
        let clipped = vec![ClippedShape::new(
            Rect::EVERYTHING,
            Shape::circle_filled(pos2(5.0, 5.0), 2.0, Color32::RED),
        )];
        let svg = write_svg_about(&clipped, SIZE, &FontDefinitions::default(), &about);
        let document = roxmltree::Document::parse(&svg).unwrap();
        let root = document.root_element();
        let first = root.first_element_child().unwrap();
        assert!(first.has_tag_name("title"), "{svg}");
        assert_eq!(first.text(), Some("Troops & <casualties>"));
        assert_eq!(elements(&svg, "desc")[0].1, "A line chart. Peak 170,000.");
        assert_eq!(super::super::pdf::about_of(&svg), about);
        // Without them, neither element is written.
        let bare = svg_of(vec![Shape::circle_filled(
            pos2(5.0, 5.0),
            2.0,
            Color32::RED,
        )]);
        assert!(elements(&bare, "title").is_empty() && elements(&bare, "desc").is_empty());
    }

    #[test]
    fn outlines_turn_text_into_paths_and_keep_title_and_desc() {
        let galley = {
            let mut fonts = egui::epaint::text::Fonts::new(
                egui::epaint::text::TextOptions::default(),
                FontDefinitions::default(),
            );
            fonts.with_pixels_per_point(1.0).layout_no_wrap(
                "peak 170,000".to_owned(),
                egui::FontId::proportional(14.0),
                Color32::BLACK,
            )
        };
        let clipped = vec![ClippedShape::new(
            Rect::EVERYTHING,
            Shape::galley(pos2(10.0, 10.0), galley, Color32::BLACK),
        )];
        let about = About {
            title: "T".to_owned(),
            description: "D".to_owned(),
        };
        let svg = write_svg_about(&clipped, SIZE, &FontDefinitions::default(), &about);
        let outlined = to_outlines(&svg).unwrap();
        assert!(elements(&outlined, "text").is_empty(), "{outlined}");
        assert!(!elements(&outlined, "path").is_empty(), "{outlined}");
        assert_eq!(super::super::pdf::about_of(&outlined), about);
        // The same picture: rendered, the outlines cover the pixels the text did.
        let ink = |svg: &str| {
            let image = super::super::raster::rasterize(svg, 1.0).unwrap();
            image.pixels.chunks(4).filter(|p| p[3] > 128).count()
        };
        let (text_ink, outline_ink) = (ink(&svg), ink(&outlined));
        assert!(text_ink > 50, "{text_ink}");
        assert!(
            text_ink.abs_diff(outline_ink) * 20 < text_ink,
            "{text_ink} vs {outline_ink}"
        );
    }
}
