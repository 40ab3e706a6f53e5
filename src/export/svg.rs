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

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use egui::emath::TSTransform;
use egui::epaint::text::{FontDefinitions, FontFamily, Galley, TextFormat};
use egui::epaint::{
    CircleShape, ClippedShape, Color32, ColorMode, CornerRadiusF32, CubicBezierShape, EllipseShape,
    Mesh, PathShape, PathStroke, QuadraticBezierShape, RectShape, Stroke, StrokeKind, TextShape,
    TextureId, WHITE_UV,
};
use egui::{Pos2, Rect, Shape, Vec2};

use super::atomic::{WriteError, write_atomic};
use super::fonts::{FaceId, FontBook};

/// Writes `shapes` (one egui frame of `size` points, in paint order) as an SVG document whose
/// text uses the faces of `fonts`, embedded.
pub fn write_svg(shapes: &[ClippedShape], size: Vec2, fonts: &FontDefinitions) -> String {
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
    writer.finish(size)
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
        }
    }

    fn finish(self, size: Vec2) -> String {
        let mut svg = String::with_capacity(self.body.len() + self.defs.len() + 512);
        svg.push_str("<svg xmlns=\"http://www.w3.org/2000/svg\"");
        write_attr(&mut svg, "width", size.x);
        write_attr(&mut svg, "height", size.y);
        svg.push_str(" viewBox=\"0 0 ");
        push_num(&mut svg, size.x);
        svg.push(' ');
        push_num(&mut svg, size.y);
        svg.push_str("\">\n");
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

    /// Opaque segments of the same stroke in a row (grid lines, dashes, event marks) share one
    /// path; translucent ones stay apart, as their overlaps would otherwise blend once, not twice.
    fn line_segment(&mut self, points: [Pos2; 2], stroke: Stroke) {
        if stroke.is_empty() || !points.iter().all(|p| p.x.is_finite() && p.y.is_finite()) {
            return;
        }
        if let Some(pending) = &self.pending
            && pending.stroke != stroke
        {
            self.flush_lines();
        }
        let pending = self.pending.get_or_insert_with(|| PendingLines {
            stroke,
            d: String::new(),
        });
        path_points(&mut pending.d, &points, false);
        if stroke.color.a() < 255 {
            self.flush_lines();
        }
    }

    fn flush_lines(&mut self) {
        if let Some(PendingLines { stroke, d }) = self.pending.take() {
            self.body.push_str("<path d=\"");
            self.body.push_str(&d);
            self.body.push_str("\" fill=\"none\"");
            stroke_attrs(&mut self.body, stroke.color, stroke.width);
            self.body.push_str("/>\n");
        }
    }

    fn circle(&mut self, circle: &CircleShape) {
        let CircleShape {
            center,
            radius,
            fill,
            stroke,
        } = *circle;
        if !(center.x.is_finite() && center.y.is_finite() && radius.is_finite()) {
            return;
        }
        self.body.push_str("<circle");
        write_attr(&mut self.body, "cx", center.x);
        write_attr(&mut self.body, "cy", center.y);
        write_attr(&mut self.body, "r", radius.max(0.0));
        fill_attrs(&mut self.body, fill);
        stroke_attrs(&mut self.body, stroke.color, stroke.width);
        self.body.push_str("/>\n");
    }

    fn ellipse(&mut self, ellipse: &EllipseShape) {
        let EllipseShape {
            center,
            radius,
            fill,
            stroke,
            angle,
        } = *ellipse;
        if !(center.x.is_finite()
            && center.y.is_finite()
            && radius.x.is_finite()
            && radius.y.is_finite())
        {
            return;
        }
        self.body.push_str("<ellipse");
        write_attr(&mut self.body, "cx", center.x);
        write_attr(&mut self.body, "cy", center.y);
        write_attr(&mut self.body, "rx", radius.x.max(0.0));
        write_attr(&mut self.body, "ry", radius.y.max(0.0));
        rotate_attr(&mut self.body, angle, center);
        fill_attrs(&mut self.body, fill);
        stroke_attrs(&mut self.body, stroke.color, stroke.width);
        self.body.push_str("/>\n");
    }

    fn path(&mut self, path: &PathShape) {
        let points: Vec<Pos2> = finite_points(&path.points);
        if points.len() < 2 {
            return;
        }
        let fill = if path.closed {
            path.fill
        } else {
            Color32::TRANSPARENT
        };
        let stroke = solid_stroke(&path.stroke, Rect::from_points(&points));
        if fill.a() == 0 && stroke.is_empty() {
            return;
        }
        self.body.push_str("<path d=\"");
        path_points(&mut self.body, &points, path.closed);
        self.body.push('"');
        fill_attrs(&mut self.body, fill);
        stroke_attrs(&mut self.body, stroke.color, stroke.width);
        self.body.push_str("/>\n");
    }

    /// A band (a line of varying width, e.g. a decimated series) is one filled outline per
    /// run: the lower boundary, then the upper boundary backwards, as egui tessellates it.
    fn band(&mut self, band: &egui::epaint::BandShape) {
        if !band.angle.is_finite() {
            return;
        }
        let inset = match band.stroke_kind {
            StrokeKind::Inside => band.stroke.width,
            StrokeKind::Middle => 0.5 * band.stroke.width,
            StrokeKind::Outside => 0.0,
        };
        let mut d = String::new();
        for run in band_runs(&band.points) {
            let mut outline = Vec::with_capacity(2 * run.len());
            for point in run {
                let (min, _) = shrink(point.y.min, point.y.max, inset);
                outline.push(Pos2::new(point.x, min));
            }
            for point in run.iter().rev() {
                let (_, max) = shrink(point.y.min, point.y.max, inset);
                outline.push(Pos2::new(point.x, max));
            }
            path_points(&mut d, &outline, true);
        }
        if d.is_empty() {
            return;
        }
        self.body.push_str("<path d=\"");
        self.body.push_str(&d);
        self.body.push('"');
        if band.angle != 0.0 {
            rotate_attr(&mut self.body, band.angle, Pos2::ZERO);
        }
        fill_attrs(&mut self.body, band.fill);
        // egui strokes a band outside the shrunk outline: centred on it, a stroke of twice the
        // width covers the same outside half.
        let outside = 2.0 * band.stroke.width;
        if !band.stroke.is_empty() && outside > 0.0 {
            stroke_attrs(&mut self.body, band.stroke.color, outside);
            self.body.push_str(" paint-order=\"stroke\"");
        }
        self.body.push_str("/>\n");
    }

    fn rect(&mut self, shape: &RectShape) {
        let mut rect = shape.rect;
        if !(rect.min.x.is_finite() && rect.min.y.is_finite()) {
            return;
        }
        rect.min = rect.min.max(Pos2::new(-1e7, -1e7));
        rect.max = rect.max.min(Pos2::new(1e7, 1e7));
        let textured = shape
            .brush
            .as_ref()
            .is_some_and(|brush| brush.fill_texture_id != TextureId::default());
        let mut fill = if textured {
            Color32::TRANSPARENT
        } else {
            shape.fill
        };
        let mut stroke = shape.stroke;
        if stroke.width <= 0.0 {
            stroke = Stroke::NONE;
        }
        let mut kind = shape.stroke_kind;
        let original = CornerRadiusF32::from(shape.corner_radius);
        // The outer edge of the stroke, as egui's tessellator computes it.
        let outer = match kind {
            StrokeKind::Inside => rect,
            StrokeKind::Middle => rect.expand(stroke.width * 0.5),
            StrokeKind::Outside => rect.expand(stroke.width),
        };
        if !stroke.is_empty() && outer.size().min_elem() <= 2.0 * stroke.width {
            // The stroke covers the fill: egui paints the whole outer rectangle in its colour.
            fill = stroke.color;
            stroke = Stroke::NONE;
            kind = StrokeKind::Inside;
        }
        let grow = match kind {
            StrokeKind::Inside => 0.0,
            StrokeKind::Middle => stroke.width * 0.5,
            StrokeKind::Outside => stroke.width,
        };
        let outer_radius = |radius: f32| {
            if radius == 0.0 {
                0.0
            } else {
                (radius + grow + 0.4).max(stroke.width + 0.1)
            }
        };
        // A visible stroke is centred on the line half a width inside the outer edge, and the
        // fill under it reaches that line; without one the fill reaches the outer edge.
        let half = if stroke.is_empty() {
            0.0
        } else {
            stroke.width * 0.5
        };
        let centre = outer.shrink(half);
        if centre.width() < 0.0 || centre.height() < 0.0 {
            return;
        }
        let limit = 0.5 * centre.size().min_elem();
        let radii = [original.nw, original.ne, original.se, original.sw]
            .map(|radius| (outer_radius(radius) - half).clamp(0.0, limit));
        if fill.a() == 0 && stroke.is_empty() {
            return;
        }
        let blur = if shape.blur_width > 0.0 {
            let limit = (rect.size().min_elem() - 0.1 - 2.0 * stroke.width).max(0.0);
            shape.blur_width.min(limit)
        } else {
            0.0
        };
        if radii.iter().all(|radius| *radius == radii[0]) {
            self.body.push_str("<rect");
            rect_attrs(&mut self.body, centre);
            if radii[0] > 0.0 {
                write_attr(&mut self.body, "rx", radii[0]);
            }
        } else {
            self.body.push_str("<path d=\"");
            rounded_rect_path(&mut self.body, centre, radii);
            self.body.push('"');
        }
        rotate_attr(&mut self.body, shape.angle, centre.center());
        fill_attrs(&mut self.body, fill);
        stroke_attrs(&mut self.body, stroke.color, stroke.width);
        if blur > 0.0 {
            let id = self.blur_id(blur);
            let _ = write!(self.body, " filter=\"url(#b{id})\"");
        }
        self.body.push_str("/>\n");
    }

    fn quadratic(&mut self, curve: &QuadraticBezierShape) {
        let [a, b, c] = curve.points;
        let d = format!(
            "M{} {}Q{} {} {} {}{}",
            num(a.x),
            num(a.y),
            num(b.x),
            num(b.y),
            num(c.x),
            num(c.y),
            if curve.closed { "Z" } else { "" }
        );
        self.curve(&d, &curve.points, curve.closed, curve.fill, &curve.stroke);
    }

    fn cubic(&mut self, curve: &CubicBezierShape) {
        let [a, b, c, e] = curve.points;
        let d = format!(
            "M{} {}C{} {} {} {} {} {}{}",
            num(a.x),
            num(a.y),
            num(b.x),
            num(b.y),
            num(c.x),
            num(c.y),
            num(e.x),
            num(e.y),
            if curve.closed { "Z" } else { "" }
        );
        self.curve(&d, &curve.points, curve.closed, curve.fill, &curve.stroke);
    }

    fn curve(
        &mut self,
        d: &str,
        points: &[Pos2],
        closed: bool,
        fill: Color32,
        stroke: &PathStroke,
    ) {
        if !points.iter().all(|p| p.x.is_finite() && p.y.is_finite()) {
            return;
        }
        let fill = if closed { fill } else { Color32::TRANSPARENT };
        let stroke = solid_stroke(stroke, Rect::from_points(points));
        if fill.a() == 0 && stroke.is_empty() {
            return;
        }
        self.body.push_str("<path d=\"");
        self.body.push_str(d);
        self.body.push('"');
        fill_attrs(&mut self.body, fill);
        stroke_attrs(&mut self.body, stroke.color, stroke.width);
        self.body.push_str("/>\n");
    }

    /// Untextured meshes as filled polygons, one path per colour: two triangles sharing an edge
    /// become one quadrilateral, so strips of quads (areas, text backgrounds) stay compact and
    /// show no seams. Textured meshes (images) are skipped. `offset` moves the mesh;
    /// `colors` rewrites vertex colours (for text decorations).
    fn mesh(&mut self, mesh: &Mesh, offset: Vec2, colors: Option<&dyn Fn(Color32) -> Color32>) {
        if mesh.texture_id != TextureId::default()
            || mesh.vertices.iter().any(|vertex| vertex.uv != WHITE_UV)
        {
            return;
        }
        let triangles: Vec<[u32; 3]> = mesh
            .indices
            .chunks_exact(3)
            .map(|t| [t[0], t[1], t[2]])
            .filter(|t| t.iter().all(|&i| (i as usize) < mesh.vertices.len()))
            .collect();
        self.triangles(mesh, &triangles, offset, colors);
    }

    fn triangles(
        &mut self,
        mesh: &Mesh,
        triangles: &[[u32; 3]],
        offset: Vec2,
        colors: Option<&dyn Fn(Color32) -> Color32>,
    ) {
        let color_of = |triangle: &[u32; 3]| {
            let color = mean_color(triangle.map(|i| mesh.vertices[i as usize].color));
            colors.map_or(color, |recolor| recolor(color))
        };
        let position = |i: u32| mesh.vertices[i as usize].pos + offset;
        let mut paths: Vec<(Color32, String)> = Vec::new();
        let mut i = 0;
        while i < triangles.len() {
            let triangle = triangles[i];
            let color = color_of(&triangle);
            let mut polygon: Vec<Pos2> = triangle.iter().map(|&v| position(v)).collect();
            if let Some(next) = triangles.get(i + 1)
                && color_of(next) == color
                && let Some(quad) = quad(triangle, *next)
            {
                polygon = quad.iter().map(|&v| position(v)).collect();
                i += 1;
            }
            i += 1;
            if color.a() == 0 || !polygon.iter().all(|p| p.x.is_finite() && p.y.is_finite()) {
                continue;
            }
            let d = match paths.iter_mut().find(|(c, _)| *c == color) {
                Some((_, d)) => d,
                None => {
                    paths.push((color, String::new()));
                    match paths.last_mut() {
                        Some((_, d)) => d,
                        None => continue,
                    }
                }
            };
            path_points(d, &polygon, true);
        }
        for (color, d) in paths {
            self.body.push_str("<path d=\"");
            self.body.push_str(&d);
            self.body.push('"');
            fill_attrs(&mut self.body, color);
            self.body.push_str("/>\n");
        }
    }

    fn text(&mut self, shape: &TextShape) {
        let galley = &shape.galley;
        if galley.is_empty() || shape.opacity_factor <= 0.0 || !shape.pos.x.is_finite() {
            return;
        }
        let rotated = shape.angle != 0.0 && shape.angle.is_finite();
        if rotated {
            self.body.push_str("<g");
            rotate_attr(&mut self.body, shape.angle, shape.pos);
            self.body.push_str(">\n");
        }
        let glyph_color = |section: &TextFormat| {
            let mut color = match shape.override_text_color {
                Some(color) => color,
                None if section.color == Color32::PLACEHOLDER => shape.fallback_color,
                None => section.color,
            };
            if shape.opacity_factor < 1.0 {
                color = color.gamma_multiply(shape.opacity_factor);
            }
            color
        };
        let decoration_color = |color: Color32| {
            let mut color = if color == Color32::PLACEHOLDER {
                shape.fallback_color
            } else {
                color
            };
            if shape.opacity_factor < 1.0 {
                color = color.gamma_multiply(shape.opacity_factor);
            }
            color
        };
        let sections = SectionCursor::new(galley);
        let mut sections = sections;
        for row in &galley.rows {
            let origin = shape.pos + row.pos.to_vec2();
            // Backgrounds, underlines and strike-throughs are the row mesh's non-glyph triangles.
            let glyph_vertices = &row.visuals.glyph_vertex_range;
            let decorations: Vec<[u32; 3]> = row
                .visuals
                .mesh
                .indices
                .chunks_exact(3)
                .map(|t| [t[0], t[1], t[2]])
                .filter(|t| {
                    t.iter().all(|&i| {
                        (i as usize) < row.visuals.mesh.vertices.len()
                            && !glyph_vertices.contains(&(i as usize))
                    })
                })
                .collect();
            if !decorations.is_empty() {
                self.triangles(
                    &row.visuals.mesh,
                    &decorations,
                    origin.to_vec2(),
                    Some(&decoration_color),
                );
            }
            let mut runs: Vec<Run> = Vec::new();
            let rtl = row.glyphs.iter().any(|glyph| is_rtl(glyph.chr));
            for glyph in &row.glyphs {
                let format = sections.format_of(glyph.chr);
                let size = format.font_id.size;
                let face = self.fonts.resolve(&format.font_id.family, glyph.chr);
                let font_size = face.map_or(size, |face| self.fonts.font_size(face, size));
                let x = origin.x + glyph.pos.x;
                let y = origin.y
                    + glyph.pos.y
                    + face.map_or(0.0, |face| self.fonts.baseline_shift(face, size));
                let color = glyph_color(format);
                let monospace = format.font_id.family == FontFamily::Monospace;
                // What a renderer advances with the embedded face; where egui placed the next
                // glyph elsewhere (kerning, ligatures) the run restarts at egui's position.
                let advance = face.map_or(glyph.advance_width, |face| {
                    self.fonts.advance(face, glyph.chr, font_size)
                });
                // A renderer places each glyph after the previous one; where egui put it
                // elsewhere (kerning, letter spacing, tabs, pixel snapping beyond half a pixel)
                // the run restarts at egui's position. Zero-width glyphs (the tail of a
                // ligature cluster) follow the renderer.
                let tolerance = 0.5 / galley.pixels_per_point.max(0.5) + 0.01;
                let joins = runs.last().is_some_and(|run| {
                    run.face == face
                        && run.font_size == font_size
                        && run.color == color
                        && run.italics == format.italics
                        && run.y == y
                        && (!rtl)
                        && (glyph.advance_width == 0.0 || (run.end_x - x).abs() <= tolerance)
                });
                let ch = xml_char(glyph.chr);
                match runs.last_mut() {
                    Some(run) if joins => {
                        run.text.push_str(&ch);
                        run.end_x += advance;
                    }
                    _ => runs.push(Run {
                        x,
                        y,
                        end_x: x + advance,
                        face,
                        monospace,
                        font_size,
                        color,
                        italics: format.italics,
                        text: ch.into_owned(),
                    }),
                }
            }
            sections.end_row(row.ends_with_newline);
            if !row.glyphs.iter().all(|glyph| glyph.chr.is_whitespace()) {
                self.text_row(&runs, rtl);
            }
            if shape.underline != Stroke::NONE && !row.visuals.mesh.is_empty() {
                let bounds = row.visuals.mesh_bounds.translate(origin.to_vec2());
                self.line_segment(
                    [bounds.left_bottom(), bounds.right_bottom()],
                    shape.underline,
                );
                self.flush_lines();
            }
        }
        if rotated {
            self.body.push_str("</g>\n");
        }
    }

    /// One `<text>` per row; the first run's style is the element's, later runs are `<tspan>`s
    /// that say only what differs.
    fn text_row(&mut self, runs: &[Run], rtl: bool) {
        let Some(first) = runs.first() else {
            return;
        };
        let family = |run: &Run| {
            run.face
                .map(|face| self.fonts.family_list(face, run.monospace))
                .unwrap_or_else(|| "sans-serif".to_owned())
        };
        let first_family = family(first);
        let body = &mut self.body;
        body.push_str("<text xml:space=\"preserve\"");
        if rtl {
            // egui lays text out left to right in logical order; keep renderers from reordering.
            body.push_str(" direction=\"ltr\" unicode-bidi=\"bidi-override\"");
        }
        let _ = write!(body, " font-family=\"{first_family}\"");
        write_attr(body, "font-size", first.font_size);
        if first.italics {
            body.push_str(" font-style=\"italic\"");
        }
        fill_attrs(body, first.color);
        write_attr(body, "x", first.x);
        write_attr(body, "y", first.y);
        body.push('>');
        body.push_str(&first.text);
        for run in &runs[1..] {
            let run_family = family(run);
            let body = &mut self.body;
            body.push_str("<tspan");
            write_attr(body, "x", run.x);
            if run.y != first.y {
                write_attr(body, "y", run.y);
            }
            if run_family != first_family {
                let _ = write!(body, " font-family=\"{run_family}\"");
            }
            if run.font_size != first.font_size {
                write_attr(body, "font-size", run.font_size);
            }
            if run.italics != first.italics {
                body.push_str(if run.italics {
                    " font-style=\"italic\""
                } else {
                    " font-style=\"normal\""
                });
            }
            if run.color != first.color {
                fill_attrs(body, run.color);
            }
            body.push('>');
            body.push_str(&run.text);
            body.push_str("</tspan>");
        }
        self.body.push_str("</text>\n");
    }
}

/// Glyphs of a row that a renderer lays out one after another from `x`.
struct Run {
    x: f32,
    y: f32,
    /// Where the renderer will place the next glyph.
    end_x: f32,
    face: Option<FaceId>,
    monospace: bool,
    font_size: f32,
    color: Color32,
    italics: bool,
    /// XML-escaped.
    text: String,
}

/// Walks a galley's text alongside its glyphs to find each glyph's section (egui does not keep
/// it on the glyph after layout).
struct SectionCursor<'g> {
    galley: &'g Galley,
    chars: std::iter::Peekable<std::str::CharIndices<'g>>,
    section: usize,
    fallback: TextFormat,
}

impl<'g> SectionCursor<'g> {
    fn new(galley: &'g Galley) -> Self {
        Self {
            galley,
            chars: galley.job.text.char_indices().peekable(),
            section: 0,
            fallback: TextFormat::default(),
        }
    }

    /// The format of the next glyph, `chr`. A glyph not in the text (the `…` of elided text)
    /// keeps the format of the glyph before it.
    fn format_of(&mut self, chr: char) -> &TextFormat {
        if let Some(&(byte, c)) = self.chars.peek()
            && c == chr
        {
            self.chars.next();
            let sections = &self.galley.job.sections;
            while self.section + 1 < sections.len()
                && sections[self.section].byte_range.end.0 <= byte
            {
                self.section += 1;
            }
        }
        self.galley
            .job
            .sections
            .get(self.section)
            .map_or(&self.fallback, |section| &section.format)
    }

    /// Skips the newline that ended a row.
    fn end_row(&mut self, ends_with_newline: bool) {
        if ends_with_newline && self.chars.peek().is_some_and(|&(_, c)| c == '\n') {
            self.chars.next();
        }
    }
}

/// Runs of at least two valid band points with increasing x, as egui's tessellator forms them.
fn band_runs(points: &[egui::epaint::BandPoint]) -> Vec<&[egui::epaint::BandPoint]> {
    let valid = |p: &egui::epaint::BandPoint| {
        p.x.is_finite() && p.y.min.is_finite() && p.y.max.is_finite() && p.y.min <= p.y.max
    };
    let mut runs = Vec::new();
    let mut start = 0;
    while start < points.len() {
        if !valid(&points[start]) {
            start += 1;
            continue;
        }
        let mut end = start;
        while end + 1 < points.len() && valid(&points[end + 1]) && points[end].x < points[end + 1].x
        {
            end += 1;
        }
        if start < end {
            runs.push(&points[start..=end]);
        }
        start = end + 1;
    }
    runs
}

/// `min..max` shrunk by `inset` on both sides, never below zero width.
fn shrink(min: f32, max: f32, inset: f32) -> (f32, f32) {
    let center = 0.5 * (min + max);
    let half = (0.5 * (max - min) - inset).max(0.0);
    (center - half, center + half)
}

/// The quadrilateral of two triangles sharing an edge, in outline order.
fn quad(a: [u32; 3], b: [u32; 3]) -> Option<[u32; 4]> {
    let shared: Vec<u32> = a.iter().copied().filter(|v| b.contains(v)).collect();
    if shared.len() != 2 {
        return None;
    }
    let lone_a = a.iter().copied().find(|v| !shared.contains(v))?;
    let lone_b = b.iter().copied().find(|v| !shared.contains(v))?;
    Some([lone_a, shared[0], lone_b, shared[1]])
}

/// The average of three premultiplied colours (egui interpolates across the triangle).
fn mean_color(colors: [Color32; 3]) -> Color32 {
    if colors[0] == colors[1] && colors[1] == colors[2] {
        return colors[0];
    }
    let channel = |i: usize| {
        let sum: u32 = colors.iter().map(|c| u32::from(c.to_array()[i])).sum();
        #[allow(clippy::cast_possible_truncation)] // a mean of u8s fits in u8
        let mean = (sum / 3) as u8;
        mean
    };
    Color32::from_rgba_premultiplied(channel(0), channel(1), channel(2), channel(3))
}

/// A stroke of one colour for a path: per-position colours take the colour at the centre.
fn solid_stroke(stroke: &PathStroke, bounds: Rect) -> Stroke {
    if stroke.width <= 0.0 {
        return Stroke::NONE;
    }
    let color = match &stroke.color {
        ColorMode::Solid(color) => *color,
        ColorMode::UV(color_at) => color_at(bounds, bounds.center()),
    };
    Stroke::new(stroke.width, color)
}

fn finite_points(points: &[Pos2]) -> Vec<Pos2> {
    points
        .iter()
        .copied()
        .filter(|p| p.x.is_finite() && p.y.is_finite())
        .collect()
}

/// Appends `M x y L x y x y …` (and `Z` when `closed`) to a path's `d`.
fn path_points(d: &mut String, points: &[Pos2], closed: bool) {
    for (i, point) in points.iter().enumerate() {
        match i {
            0 => d.push('M'),
            1 => d.push('L'),
            _ => d.push(' '),
        }
        push_num(d, point.x);
        d.push(' ');
        push_num(d, point.y);
    }
    if closed {
        d.push('Z');
    }
}

/// A rectangle with its own radius per corner, `radii` clockwise from the top left.
fn rounded_rect_path(d: &mut String, rect: Rect, radii: [f32; 4]) {
    let [nw, ne, se, sw] = radii;
    let _ = write!(
        d,
        "M{} {}H{}A{ne} {ne} 0 0 1 {} {}V{}A{se} {se} 0 0 1 {} {}H{}A{sw} {sw} 0 0 1 {} {}V{}A{nw} {nw} 0 0 1 {} {}Z",
        num(rect.left() + nw),
        num(rect.top()),
        num(rect.right() - ne),
        num(rect.right()),
        num(rect.top() + ne),
        num(rect.bottom() - se),
        num(rect.right() - se),
        num(rect.bottom()),
        num(rect.left() + sw),
        num(rect.left()),
        num(rect.bottom() - sw),
        num(rect.top() + nw),
        num(rect.left() + nw),
        num(rect.top()),
        ne = num(ne),
        se = num(se),
        sw = num(sw),
        nw = num(nw),
    );
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

/// Strong right-to-left characters (Hebrew, Arabic and their presentation forms, and the
/// historic RTL blocks).
fn is_rtl(c: char) -> bool {
    matches!(u32::from(c),
        0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
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
    use std::sync::Arc;

    use egui::epaint::text::{Fonts, LayoutJob, TextOptions};
    use egui::epaint::{BandPoint, BandShape, Brush, CornerRadius, FontId, Vertex};
    use egui::{Color32, pos2, vec2};
    use proptest::prelude::*;

    use super::*;

    const SIZE: Vec2 = vec2(200.0, 100.0);

    fn svg_of(shapes: Vec<Shape>) -> String {
        let clipped: Vec<ClippedShape> = shapes
            .into_iter()
            .map(|shape| ClippedShape::new(Rect::EVERYTHING, shape))
            .collect();
        write_svg(&clipped, SIZE, &FontDefinitions::default())
    }

    /// Parses `svg` and returns the elements named `tag`, in document order, as
    /// (attributes, text) pairs.
    fn elements(svg: &str, tag: &str) -> Vec<(HashMap<String, String>, String)> {
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

    fn only(svg: &str, tag: &str) -> HashMap<String, String> {
        let mut found = elements(svg, tag);
        assert_eq!(found.len(), 1, "one <{tag}> expected in {svg}");
        found.remove(0).0
    }

    fn galley(job: LayoutJob, pixels_per_point: f32) -> Arc<Galley> {
        let mut fonts = Fonts::new(TextOptions::default(), FontDefinitions::default());
        fonts
            .with_pixels_per_point(pixels_per_point)
            .layout_job(job)
    }

    /// The characters egui shows for `galley`, as the SVG writes them: row by row, rows of
    /// only whitespace left out, characters XML cannot hold as U+FFFD.
    fn shown(galley: &Galley) -> String {
        galley
            .rows
            .iter()
            .map(|row| row.glyphs.iter().map(|g| g.chr).collect::<String>())
            .filter(|row| !row.trim().is_empty())
            .flat_map(|row| row.chars().collect::<Vec<_>>())
            .map(|c| {
                if u32::from(c) < 0x20 && !matches!(c, '\t' | '\n' | '\r') {
                    '\u{FFFD}'
                } else {
                    c
                }
            })
            .collect()
    }

    /// Each character of the SVG's text with the fill it is drawn in (inherited or its own).
    fn fills(svg: &str) -> Vec<(char, String)> {
        let document = roxmltree::Document::parse(svg).unwrap();
        let mut out = Vec::new();
        for node in document.descendants().filter(|n| n.is_text()) {
            let fill = node
                .ancestors()
                .find_map(|a| a.attribute("fill"))
                .unwrap_or_default()
                .to_owned();
            if node.ancestors().any(|a| a.has_tag_name("text")) {
                out.extend(
                    node.text()
                        .unwrap_or_default()
                        .chars()
                        .map(|c| (c, fill.clone())),
                );
            }
        }
        out
    }

    fn text_shape(text: &str, size: f32, color: Color32) -> TextShape {
        let job = LayoutJob::simple_singleline(text.to_owned(), FontId::proportional(size), color);
        TextShape::new(pos2(10.0, 20.0), galley(job, 1.0), Color32::BLACK)
    }

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
    fn circles_keep_centre_radius_fill_and_stroke() {
        let svg = svg_of(vec![Shape::Circle(CircleShape {
            center: pos2(50.0, 40.25),
            radius: 7.5,
            fill: Color32::WHITE,
            stroke: Stroke::new(2.0, Color32::BLACK),
        })]);
        let circle = only(&svg, "circle");
        assert_eq!(circle["cx"], "50");
        assert_eq!(circle["cy"], "40.25");
        assert_eq!(circle["r"], "7.5");
        assert_eq!(circle["fill"], "#ffffff");
        assert_eq!(circle["stroke"], "#000000");
        assert_eq!(circle["stroke-width"], "2");
        let outline = svg_of(vec![Shape::circle_stroke(
            pos2(1.0, 1.0),
            1.0,
            Stroke::new(1.0, Color32::RED),
        )]);
        let circle = only(&outline, "circle");
        assert_eq!(circle["fill"], "none");
        assert_eq!(circle["stroke"], "#ff0000");
        assert!(
            !circle.contains_key("stroke-width"),
            "1 is the default width"
        );
    }

    #[test]
    fn ellipses_rotate_about_their_centre() {
        let svg = svg_of(vec![Shape::Ellipse(
            EllipseShape::filled(pos2(30.0, 30.0), vec2(10.0, 5.0), Color32::RED)
                .with_angle(std::f32::consts::FRAC_PI_2),
        )]);
        let ellipse = only(&svg, "ellipse");
        assert_eq!(ellipse["rx"], "10");
        assert_eq!(ellipse["ry"], "5");
        assert_eq!(ellipse["transform"], "rotate(90 30 30)");
    }

    #[test]
    fn opaque_segments_of_one_stroke_share_a_path() {
        let stroke = Stroke::new(1.5, Color32::BLUE);
        let svg = svg_of(vec![
            Shape::line_segment([pos2(0.0, 0.0), pos2(10.0, 0.0)], stroke),
            Shape::line_segment([pos2(20.0, 0.0), pos2(30.0, 0.0)], stroke),
            Shape::line_segment(
                [pos2(0.0, 5.0), pos2(10.0, 5.0)],
                Stroke::new(1.5, Color32::RED),
            ),
        ]);
        let paths = elements(&svg, "path");
        assert_eq!(paths.len(), 2);
        assert_eq!(paths[0].0["d"], "M0 0L10 0M20 0L30 0");
        assert_eq!(paths[0].0["stroke"], "#0000ff");
        assert_eq!(paths[0].0["stroke-width"], "1.5");
        assert_eq!(paths[0].0["fill"], "none");
        assert_eq!(paths[1].0["d"], "M0 5L10 5");
        // Translucent segments stay apart (their overlaps blend twice in egui).
        let faint = Stroke::new(1.0, Color32::from_black_alpha(100));
        let svg = svg_of(vec![
            Shape::line_segment([pos2(0.0, 0.0), pos2(10.0, 0.0)], faint),
            Shape::line_segment([pos2(5.0, 0.0), pos2(15.0, 0.0)], faint),
        ]);
        assert_eq!(elements(&svg, "path").len(), 2);
    }

    #[test]
    fn paths_are_polylines_closed_and_filled_only_when_closed() {
        let points = vec![pos2(0.0, 0.0), pos2(10.0, 0.0), pos2(10.0, 10.0)];
        let open = svg_of(vec![Shape::line(
            points.clone(),
            Stroke::new(2.0, Color32::RED),
        )]);
        let path = only(&open, "path");
        assert_eq!(path["d"], "M0 0L10 0 10 10");
        assert_eq!(path["fill"], "none");
        assert_eq!(path["stroke-width"], "2");
        let closed = svg_of(vec![Shape::convex_polygon(
            points.clone(),
            Color32::GREEN,
            Stroke::NONE,
        )]);
        let path = only(&closed, "path");
        assert_eq!(path["d"], "M0 0L10 0 10 10Z");
        assert_eq!(path["fill"], "#00ff00");
        assert!(!path.contains_key("stroke"));
        // A non-finite point is left out rather than written as garbage.
        let mut broken = points;
        broken.insert(1, pos2(f32::NAN, 3.0));
        let svg = svg_of(vec![Shape::line(broken, Stroke::new(1.0, Color32::RED))]);
        assert_eq!(only(&svg, "path")["d"], "M0 0L10 0 10 10");
    }

    #[test]
    fn rects_keep_their_geometry_for_every_stroke_kind() {
        let rect = Rect::from_min_size(pos2(10.0, 10.0), vec2(40.0, 20.0));
        let stroke = Stroke::new(2.0, Color32::BLACK);
        let of = |kind| {
            let svg = svg_of(vec![Shape::Rect(RectShape::new(
                rect,
                0,
                Color32::WHITE,
                stroke,
                kind,
            ))]);
            let r = only(&svg, "rect");
            ["x", "y", "width", "height"].map(|k| r[k].clone())
        };
        // The stroke's centre line: inside, on, or outside the rectangle's edge.
        assert_eq!(of(StrokeKind::Inside), ["11", "11", "38", "18"]);
        assert_eq!(of(StrokeKind::Middle), ["10", "10", "40", "20"]);
        assert_eq!(of(StrokeKind::Outside), ["9", "9", "42", "22"]);
        let filled = svg_of(vec![Shape::rect_filled(rect, 0, Color32::RED)]);
        let r = only(&filled, "rect");
        assert_eq!(
            ["x", "y", "width", "height"].map(|k| r[k].as_str()),
            ["10", "10", "40", "20"]
        );
        assert!(!r.contains_key("rx"));
        assert!(!r.contains_key("stroke"));
    }

    #[test]
    fn rounded_rects_use_rx_or_a_path_per_corner() {
        let rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(40.0, 20.0));
        let svg = svg_of(vec![Shape::rect_filled(rect, 4, Color32::RED)]);
        // egui rounds a little more than asked (+0.4), so the writer does too.
        assert_eq!(only(&svg, "rect")["rx"], "4.4");
        let corners = CornerRadius {
            nw: 4,
            ne: 0,
            sw: 0,
            se: 8,
        };
        let svg = svg_of(vec![Shape::rect_filled(rect, corners, Color32::RED)]);
        assert!(elements(&svg, "rect").is_empty());
        let d = &only(&svg, "path")["d"];
        assert_eq!(d.matches('A').count(), 4);
        assert!(d.starts_with("M4.4 0H40A0 0"), "{d}");
        assert!(d.contains("A8.4 8.4"), "{d}");
    }

    #[test]
    fn thin_stroked_rects_become_their_stroke_colour() {
        // Narrower than twice the stroke: egui fills the stroke's outer edge with its colour.
        let rect = Rect::from_min_size(pos2(10.0, 0.0), vec2(1.0, 30.0));
        let svg = svg_of(vec![Shape::Rect(RectShape::new(
            rect,
            0,
            Color32::WHITE,
            Stroke::new(1.0, Color32::BLUE),
            StrokeKind::Middle,
        ))]);
        let r = only(&svg, "rect");
        assert_eq!(r["fill"], "#0000ff");
        assert_eq!(r["x"], "9.5");
        assert_eq!(r["width"], "2");
        assert!(!r.contains_key("stroke"));
    }

    #[test]
    fn blurred_rects_get_a_shared_gaussian_filter() {
        let rect = Rect::from_min_size(pos2(10.0, 10.0), vec2(60.0, 40.0));
        let shadow = |blur| {
            Shape::Rect(
                RectShape::filled(rect, 0, Color32::from_black_alpha(60)).with_blur_width(blur),
            )
        };
        let svg = svg_of(vec![shadow(12.0), shadow(12.0), shadow(0.0)]);
        let filters = elements(&svg, "feGaussianBlur");
        assert_eq!(filters.len(), 1);
        assert_eq!(filters[0].0["stdDeviation"], num(12.0 / 12f32.sqrt()));
        let rects = elements(&svg, "rect");
        assert_eq!(rects[0].0["filter"], "url(#b0)");
        assert_eq!(rects[1].0["filter"], "url(#b0)");
        assert!(!rects[2].0.contains_key("filter"));
    }

    #[test]
    fn textured_fills_are_skipped_but_their_stroke_is_kept() {
        let rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(10.0, 10.0));
        let mut image = RectShape::new(
            rect,
            0,
            Color32::WHITE,
            Stroke::new(1.0, Color32::RED),
            StrokeKind::Inside,
        );
        image.brush = Some(Arc::new(Brush {
            fill_texture_id: TextureId::User(7),
            uv: Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0)),
        }));
        let svg = svg_of(vec![Shape::Rect(image)]);
        let r = only(&svg, "rect");
        assert_eq!(r["fill"], "none");
        assert_eq!(r["stroke"], "#ff0000");
    }

    #[test]
    fn beziers_are_curves() {
        let stroke = PathStroke::new(1.0, Color32::RED);
        let quadratic = QuadraticBezierShape::from_points_stroke(
            [pos2(0.0, 0.0), pos2(5.0, 10.0), pos2(10.0, 0.0)],
            false,
            Color32::TRANSPARENT,
            stroke.clone(),
        );
        let cubic = CubicBezierShape::from_points_stroke(
            [
                pos2(0.0, 0.0),
                pos2(3.0, 10.0),
                pos2(7.0, 10.0),
                pos2(10.0, 0.0),
            ],
            true,
            Color32::GREEN,
            stroke,
        );
        let svg = svg_of(vec![
            Shape::QuadraticBezier(quadratic),
            Shape::CubicBezier(cubic),
        ]);
        let paths = elements(&svg, "path");
        assert_eq!(paths[0].0["d"], "M0 0Q5 10 10 0");
        assert_eq!(paths[0].0["fill"], "none");
        assert_eq!(paths[1].0["d"], "M0 0C3 10 7 10 10 0Z");
        assert_eq!(paths[1].0["fill"], "#00ff00");
    }

    #[test]
    fn bands_are_one_outline_per_run() {
        let points = vec![
            BandPoint::new(0.0, 1.0..=3.0),
            BandPoint::new(2.0, 2.0..=4.0),
            // x goes back: a new run starts here.
            BandPoint::new(1.0, 0.0..=1.0),
            BandPoint::new(5.0, 0.0..=2.0),
            BandPoint::new(f32::NAN, 0.0..=2.0),
        ];
        let svg = svg_of(vec![Shape::Band(BandShape::filled(points, Color32::RED))]);
        let path = only(&svg, "path");
        assert_eq!(path["d"], "M0 1L2 2 2 4 0 3ZM1 0L5 0 5 2 1 1Z");
        assert_eq!(path["fill"], "#ff0000");
    }

    #[test]
    fn meshes_become_one_path_per_colour_with_quads_merged() {
        let mut mesh = Mesh::default();
        mesh.add_colored_rect(
            Rect::from_min_size(pos2(0.0, 0.0), vec2(10.0, 10.0)),
            Color32::RED,
        );
        mesh.add_colored_rect(
            Rect::from_min_size(pos2(20.0, 0.0), vec2(10.0, 10.0)),
            Color32::RED,
        );
        let base = u32::try_from(mesh.vertices.len()).unwrap();
        for pos in [pos2(0.0, 20.0), pos2(10.0, 20.0), pos2(0.0, 30.0)] {
            mesh.vertices.push(Vertex {
                pos,
                uv: WHITE_UV,
                color: Color32::BLUE,
            });
        }
        mesh.add_triangle(base, base + 1, base + 2);
        let svg = svg_of(vec![Shape::mesh(mesh)]);
        let paths = elements(&svg, "path");
        assert_eq!(paths.len(), 2);
        assert_eq!(paths[0].0["fill"], "#ff0000");
        // Two rectangles, four corners each: no triangle soup.
        assert_eq!(paths[0].0["d"].matches('M').count(), 2);
        assert_eq!(paths[0].0["d"].matches('Z').count(), 2);
        assert_eq!(paths[1].0["fill"], "#0000ff");
        assert_eq!(paths[1].0["d"], "M0 20L10 20 0 30Z");
        // A textured mesh (an image) is skipped.
        let mut image = Mesh::with_texture(TextureId::User(1));
        image.add_rect_with_uv(
            Rect::from_min_size(pos2(0.0, 0.0), vec2(10.0, 10.0)),
            Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0)),
            Color32::WHITE,
        );
        assert!(elements(&svg_of(vec![Shape::mesh(image)]), "path").is_empty());
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
    fn text_is_real_text_at_egui_baseline_in_the_embedded_font() {
        let shape = text_shape("Troops 2003", 14.0, Color32::from_rgb(10, 20, 30));
        let galley = Arc::clone(&shape.galley);
        let svg = svg_of(vec![Shape::Text(shape)]);
        let texts = elements(&svg, "text");
        assert_eq!(texts.len(), 1);
        let (attributes, content) = &texts[0];
        assert_eq!(content, "Troops 2003");
        assert_eq!(attributes["font-size"], "14");
        assert_eq!(attributes["fill"], "#0a141e");
        assert!(attributes["font-family"].starts_with("'Ubuntu-Light'"));
        let glyph = &galley.rows[0].glyphs[0];
        assert_eq!(
            attributes["x"],
            num(10.0 + galley.rows[0].pos.x + glyph.pos.x)
        );
        assert_eq!(
            attributes["y"],
            num(20.0 + galley.rows[0].pos.y + glyph.pos.y)
        );
        // The face is embedded, once.
        let style = elements(&svg, "style");
        assert_eq!(style.len(), 1);
        assert_eq!(style[0].1.matches("@font-face").count(), 1);
        assert!(style[0].1.contains("font-family:\"Ubuntu-Light\""));
    }

    #[test]
    fn special_characters_are_escaped_and_read_back_unchanged() {
        for text in [
            "a < b & c > d",
            "\"quoted\" 'single'",
            "x 😀 y",
            "tab\there",
            "cr\rhere",
        ] {
            let svg = svg_of(vec![Shape::Text(text_shape(text, 12.0, Color32::BLACK))]);
            let read: String = elements(&svg, "text").into_iter().map(|(_, t)| t).collect();
            assert_eq!(read, text);
        }
        // egui shapes right-to-left text into visual order; the SVG keeps that order.
        let shape = text_shape("שלום עולם", 12.0, Color32::BLACK);
        let expected = shown(&shape.galley);
        let rtl = svg_of(vec![Shape::Text(shape)]);
        let read: String = elements(&rtl, "text").into_iter().map(|(_, t)| t).collect();
        assert_eq!(read, expected);
        assert_eq!(only(&rtl, "text")["unicode-bidi"], "bidi-override");
    }

    #[test]
    fn text_colour_follows_override_section_placeholder_and_opacity() {
        let mut job = LayoutJob::default();
        job.append(
            "red ",
            0.0,
            TextFormat::simple(FontId::proportional(12.0), Color32::RED),
        );
        job.append(
            "placeholder ",
            0.0,
            TextFormat::simple(FontId::proportional(20.0), Color32::PLACEHOLDER),
        );
        job.append(
            "mono",
            0.0,
            TextFormat::simple(FontId::monospace(12.0), Color32::BLUE),
        );
        let galley = galley(job, 1.0);
        let shape = TextShape::new(pos2(0.0, 30.0), Arc::clone(&galley), Color32::GREEN);
        let svg = svg_of(vec![Shape::Text(shape.clone())]);
        let text = only(&svg, "text");
        assert_eq!(text["fill"], "#ff0000");
        assert_eq!(text["font-size"], "12");
        let colour_of = |wanted: &str| -> Vec<String> {
            let fills = fills(&svg);
            let all: String = fills.iter().map(|(c, _)| *c).collect();
            let start = all.find(wanted).unwrap();
            let start = all[..start].chars().count();
            fills[start..start + wanted.chars().count()]
                .iter()
                .map(|(_, f)| f.clone())
                .collect()
        };
        assert!(colour_of("red").iter().all(|f| f == "#ff0000"));
        assert!(
            colour_of("placeholder").iter().all(|f| f == "#00ff00"),
            "PLACEHOLDER takes the fallback colour"
        );
        assert!(colour_of("mono").iter().all(|f| f == "#0000ff"));
        let tspans = elements(&svg, "tspan");
        let big = tspans.iter().find(|(_, t)| t.starts_with('p')).unwrap();
        assert_eq!(big.0["font-size"], "20");
        let mono = tspans.iter().find(|(_, t)| t.starts_with('m')).unwrap();
        assert!(mono.0["font-family"].starts_with("'Hack'"));
        assert!(mono.0["font-family"].ends_with("monospace"));
        // An override colours every glyph; the opacity factor fades it.
        let overridden = shape.clone().with_override_text_color(Color32::WHITE);
        let svg = svg_of(vec![Shape::Text(overridden)]);
        assert!(
            elements(&svg, "tspan")
                .iter()
                .all(|(a, _)| !a.contains_key("fill"))
        );
        assert_eq!(only(&svg, "text")["fill"], "#ffffff");
        let faded = shape.clone().with_opacity_factor(0.5);
        let svg = svg_of(vec![Shape::Text(faded)]);
        let opacity: f32 = only(&svg, "text")["fill-opacity"].parse().unwrap();
        assert!((opacity - 0.5).abs() < 0.01, "{opacity}");
        let hidden = shape.with_opacity_factor(0.0);
        assert!(elements(&svg_of(vec![Shape::Text(hidden)]), "text").is_empty());
    }

    #[test]
    fn each_row_is_a_text_element_at_its_own_baseline() {
        let job = LayoutJob::simple(
            "first line\nsecond".to_owned(),
            FontId::proportional(12.0),
            Color32::BLACK,
            f32::INFINITY,
        );
        let galley = galley(job, 2.0);
        let svg = svg_of(vec![Shape::Text(TextShape::new(
            pos2(5.0, 5.0),
            Arc::clone(&galley),
            Color32::BLACK,
        ))]);
        let texts = elements(&svg, "text");
        assert_eq!(texts.len(), 2);
        assert_eq!(texts[0].1, "first line");
        assert_eq!(texts[1].1, "second");
        let y = |i: usize| texts[i].0["y"].parse::<f32>().unwrap();
        assert!((y(1) - y(0) - (galley.rows[1].pos.y - galley.rows[0].pos.y)).abs() < 0.01);
    }

    #[test]
    fn glyphs_egui_moved_start_a_new_positioned_run() {
        // Letter spacing moves every glyph away from where a renderer would put it.
        let mut format = TextFormat::simple(FontId::proportional(12.0), Color32::BLACK);
        format.extra_letter_spacing = 3.0;
        let job = LayoutJob::single_section("abc".to_owned(), format);
        let spaced = galley(job, 1.0);
        let svg = svg_of(vec![Shape::Text(TextShape::new(
            pos2(0.0, 0.0),
            Arc::clone(&spaced),
            Color32::BLACK,
        ))]);
        let tspans = elements(&svg, "tspan");
        assert_eq!(tspans.len(), 2, "{svg}");
        let glyphs = &spaced.rows[0].glyphs;
        assert_eq!(tspans[0].0["x"], num(glyphs[1].pos.x));
        assert_eq!(tspans[1].0["x"], num(glyphs[2].pos.x));
        // Every run starts where egui put its first glyph.
        let job = LayoutJob::simple_singleline(
            "Casualties per year, 2003".to_owned(),
            FontId::proportional(12.0),
            Color32::BLACK,
        );
        let plain_galley = galley(job, 2.0);
        let plain = svg_of(vec![Shape::Text(TextShape::new(
            pos2(0.0, 0.0),
            Arc::clone(&plain_galley),
            Color32::BLACK,
        ))]);
        let starts: Vec<String> = plain_galley.rows[0]
            .glyphs
            .iter()
            .map(|g| num(g.pos.x))
            .collect();
        let runs: Vec<String> = elements(&plain, "text")
            .into_iter()
            .chain(elements(&plain, "tspan"))
            .map(|(a, _)| a["x"].clone())
            .collect();
        assert!(runs.len() < starts.len() / 2, "{runs:?}");
        for x in &runs {
            assert!(starts.contains(x), "{x} in {starts:?}");
        }
    }

    #[test]
    fn rotated_text_turns_about_its_position() {
        let shape =
            text_shape("axis", 12.0, Color32::BLACK).with_angle(-std::f32::consts::FRAC_PI_2);
        let svg = svg_of(vec![Shape::Text(shape)]);
        assert_eq!(only(&svg, "g")["transform"], "rotate(-90 10 20)");
    }

    #[test]
    fn text_backgrounds_and_underlines_are_drawn() {
        let mut format = TextFormat::simple(FontId::proportional(12.0), Color32::BLACK);
        format.background = Color32::YELLOW;
        format.underline = Stroke::new(1.0, Color32::RED);
        let galley = galley(LayoutJob::single_section("note".to_owned(), format), 1.0);
        let svg = svg_of(vec![Shape::Text(TextShape::new(
            pos2(0.0, 0.0),
            galley,
            Color32::BLACK,
        ))]);
        let fills: Vec<String> = elements(&svg, "path")
            .into_iter()
            .filter_map(|(a, _)| a.get("fill").cloned())
            .collect();
        assert!(fills.contains(&"#ffff00".to_owned()), "{svg}");
        assert!(fills.contains(&"#ff0000".to_owned()), "{svg}");
    }

    proptest! {
        #[test]
        fn any_text_gives_valid_xml_that_reads_back(text in "\\PC{0,40}", control in proptest::char::range('\u{0}', '\u{1f}')) {
            // A line feed would start a new row, which has no glyph for it.
            let control = if control == '\n' { '\u{1}' } else { control };
            let text = format!("{text}{control}");
            let shape = text_shape(&text, 12.0, Color32::BLACK);
            // Text that draws nothing at all (only invisible glyphs) is left out.
            let visible = shape.galley.mesh_bounds.is_positive();
            let expected = if visible { shown(&shape.galley) } else { String::new() };
            let svg = svg_of(vec![Shape::Text(shape)]);
            let document = roxmltree::Document::parse(&svg);
            prop_assert!(document.is_ok(), "{svg}");
            let read: String = elements(&svg, "text").into_iter().map(|(_, t)| t).collect();
            prop_assert_eq!(read, expected);
        }
    }
}
