//! Shapes as SVG: strokes (consecutive opaque segments of one stroke share a `<path>`),
//! circles, ellipses, paths, bands (one outline per run), rectangles (egui's stroke kinds and
//! corner radii as the tessellator draws them, blur as a Gaussian filter), Bézier curves and
//! untextured meshes (one path per colour, triangle pairs merged into quads).
//!
//! Rules: nothing non-finite is written; what draws nothing (transparent fill and no stroke)
//! is left out; textured fills are skipped, as images are not exported.

use std::fmt::Write as _;

use egui::epaint::{
    CircleShape, Color32, ColorMode, CornerRadiusF32, CubicBezierShape, EllipseShape, Mesh,
    PathShape, PathStroke, QuadraticBezierShape, RectShape, Stroke, StrokeKind, TextureId,
    WHITE_UV,
};
use egui::{Pos2, Rect, Vec2};

use super::{
    PendingLines, Writer, fill_attrs, num, push_num, rect_attrs, rotate_attr, stroke_attrs,
    write_attr,
};

impl Writer<'_> {
    /// Opaque segments of the same stroke in a row (grid lines, dashes, event marks) share one
    /// path; translucent ones stay apart, as their overlaps would otherwise blend once, not twice.
    pub(super) fn line_segment(&mut self, points: [Pos2; 2], stroke: Stroke) {
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

    pub(super) fn flush_lines(&mut self) {
        if let Some(PendingLines { stroke, d }) = self.pending.take() {
            self.body.push_str("<path d=\"");
            self.body.push_str(&d);
            self.body.push_str("\" fill=\"none\"");
            stroke_attrs(&mut self.body, stroke.color, stroke.width);
            self.body.push_str("/>\n");
        }
    }

    pub(super) fn circle(&mut self, circle: &CircleShape) {
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

    pub(super) fn ellipse(&mut self, ellipse: &EllipseShape) {
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

    pub(super) fn path(&mut self, path: &PathShape) {
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
    pub(super) fn band(&mut self, band: &egui::epaint::BandShape) {
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

    pub(super) fn rect(&mut self, shape: &RectShape) {
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

    pub(super) fn quadratic(&mut self, curve: &QuadraticBezierShape) {
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

    pub(super) fn cubic(&mut self, curve: &CubicBezierShape) {
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
    pub(super) fn mesh(
        &mut self,
        mesh: &Mesh,
        offset: Vec2,
        colors: Option<&dyn Fn(Color32) -> Color32>,
    ) {
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

    pub(super) fn triangles(
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

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use egui::epaint::{BandPoint, BandShape, Brush, CornerRadius, Vertex};
    use egui::{Color32, Shape, pos2, vec2};

    use super::super::test_support::{elements, only, svg_of};
    use super::*;

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
}
