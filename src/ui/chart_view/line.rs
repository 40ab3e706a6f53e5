//! A plot line whose triangles are kept between frames.
//!
//! egui_plot turns a `Line` into screen points and a feathered triangle strip on every frame.
//! For a decimated series that is up to four vertices per pixel column, which made a still
//! 10M-point chart cost about twice a 1k-point one. The decimated points only change when the
//! range or size does, so the strip is built once for them and reused until then.
//!
//! For vector exports the line is handed over as one path instead of triangles.

use std::ops::RangeInclusive;
use std::sync::Arc;

use egui::epaint::{Mesh, Tessellator};
use egui::{Color32, Shape, Stroke, Ui};
use egui_plot::{PlotBounds, PlotGeometry, PlotItem, PlotItemBase, PlotPoint, PlotTransform};

/// A line through `points` (chart coordinates), drawn with a cached mesh.
pub struct CachedLine {
    base: PlotItemBase,
    points: Arc<Vec<[f64; 2]>>,
    stroke: Stroke,
    bounds: PlotBounds,
    cache: egui::Id,
    dense: bool,
    vector: bool,
}

/// What a cached mesh was built for. Holding the points keeps their allocation alive, so a new
/// decimation can never be mistaken for the cached one by address.
#[derive(Clone)]
struct Cached {
    points: Arc<Vec<[f64; 2]>>,
    frame: [u32; 4],
    bounds: [u64; 4],
    stroke: Stroke,
    pixels_per_point: u32,
    mesh: Arc<Mesh>,
}

impl CachedLine {
    /// A line through `points`; `cache` identifies it between frames (one id per series).
    /// `dense`: more points than pixel columns, drawn without edge feathering (see `build`).
    /// `bounds`: the points' `([min_x, min_y], [max_x, max_y])`, known from the decimation, so
    /// that a frame does not scan the points for them. `vector`: emit a path, not triangles.
    pub fn new(
        points: Arc<Vec<[f64; 2]>>,
        bounds: Option<([f64; 2], [f64; 2])>,
        stroke: Stroke,
        cache: egui::Id,
        dense: bool,
        vector: bool,
    ) -> Self {
        let bounds = bounds.map_or(PlotBounds::NOTHING, |(min, max)| {
            PlotBounds::from_min_max(min, max)
        });
        Self {
            base: PlotItemBase::new(String::new()),
            points,
            stroke,
            bounds,
            cache,
            dense,
            vector,
        }
    }

    /// The line's screen points near the frame, without repeats.
    fn screen_points(&self, transform: &PlotTransform) -> Vec<egui::Pos2> {
        let screen: Vec<egui::Pos2> = self
            .points
            .iter()
            .map(|&[x, y]| transform.position_from_point(&PlotPoint::new(x, y)))
            .collect();
        without_repeats(within_reach(&screen, transform.frame(), self.stroke.width))
    }

    fn build(&self, ui: &Ui, transform: &PlotTransform) -> Mesh {
        let screen = self.screen_points(transform);
        let ctx = ui.ctx();
        let mut options = ctx.tessellation_options(|options| *options);
        // A decimated dense series is mostly vertical strokes one pixel column apart, where
        // feathered edges are invisible but double the triangles copied every frame.
        options.feathering &= !self.dense;
        let mut tessellator = Tessellator::new(ctx.pixels_per_point(), options, [1, 1], Vec::new());
        let mut mesh = Mesh::default();
        tessellator.tessellate_shape(Shape::line(screen.to_vec(), self.stroke), &mut mesh);
        mesh
    }
}

/// The points without consecutive ones on the same spot. egui's tessellator handles one repeat
/// but not two: three points on one spot (a steep drop decimated into one pixel column) give a
/// zero normal and a stray wedge at the corner.
fn without_repeats(points: &[egui::Pos2]) -> Vec<egui::Pos2> {
    let mut kept: Vec<egui::Pos2> = Vec::with_capacity(points.len());
    for &point in points {
        if kept
            .last()
            .is_none_or(|last| last.distance_sq(point) > 1e-4)
        {
            kept.push(point);
        }
    }
    kept
}

/// The part of a line (screen points, sorted by x) that can touch `frame`. The decimation
/// covers a margin on each side so that panning does not recompute it at once, but the plot
/// clips to its frame: triangles out there would only be copied every frame and never seen.
/// The first point beyond each side is kept, so the line still runs off the edge.
fn within_reach<'a>(screen: &'a [egui::Pos2], frame: &egui::Rect, width: f32) -> &'a [egui::Pos2] {
    if !screen.is_sorted_by(|a, b| a.x <= b.x) {
        return screen;
    }
    // A stroke (and its feathering) reaches past its points by half its width and a pixel.
    let reach = width / 2.0 + 1.0;
    let start = screen
        .partition_point(|p| p.x < frame.left() - reach)
        .saturating_sub(1);
    let end = (screen.partition_point(|p| p.x <= frame.right() + reach) + 1).min(screen.len());
    &screen[start..end.max(start)]
}

fn rect_bits(rect: &egui::Rect) -> [u32; 4] {
    [rect.min.x, rect.min.y, rect.max.x, rect.max.y].map(f32::to_bits)
}

fn bounds_bits(bounds: &PlotBounds) -> [u64; 4] {
    let [x0, y0] = bounds.min();
    let [x1, y1] = bounds.max();
    [x0, y0, x1, y1].map(f64::to_bits)
}

impl PlotItem for CachedLine {
    fn shapes(&self, ui: &Ui, transform: &PlotTransform, shapes: &mut Vec<Shape>) {
        if self.points.len() < 2 {
            return;
        }
        if self.vector {
            let points = self.screen_points(transform);
            if points.len() >= 2 {
                shapes.push(Shape::line(points, self.stroke));
            }
            return;
        }
        let frame = rect_bits(transform.frame());
        let bounds = bounds_bits(transform.bounds());
        let pixels_per_point = ui.ctx().pixels_per_point().to_bits();
        let cached: Option<Cached> = ui.ctx().data(|d| d.get_temp(self.cache));
        let fresh = cached.filter(|c| {
            Arc::ptr_eq(&c.points, &self.points)
                && c.frame == frame
                && c.bounds == bounds
                && c.stroke == self.stroke
                && c.pixels_per_point == pixels_per_point
        });
        let mesh = match fresh {
            Some(cached) => cached.mesh,
            None => {
                let mesh = Arc::new(self.build(ui, transform));
                let entry = Cached {
                    points: Arc::clone(&self.points),
                    frame,
                    bounds,
                    stroke: self.stroke,
                    pixels_per_point,
                    mesh: Arc::clone(&mesh),
                };
                ui.ctx().data_mut(|d| d.insert_temp(self.cache, entry));
                mesh
            }
        };
        shapes.push(Shape::Mesh(mesh));
    }

    fn initialize(&mut self, _x_range: RangeInclusive<f64>) {}

    fn color(&self) -> Color32 {
        self.stroke.color
    }

    fn geometry(&self) -> PlotGeometry<'_> {
        // Hover is troopline's own exact lookup on the full data, not egui_plot's.
        PlotGeometry::None
    }

    fn bounds(&self) -> PlotBounds {
        self.bounds
    }

    fn base(&self) -> &PlotItemBase {
        &self.base
    }

    fn base_mut(&mut self) -> &mut PlotItemBase {
        &mut self.base
    }
}

#[cfg(test)]
mod tests {
    use egui::{Pos2, Rect, pos2};

    use egui::epaint::{Mesh, TessellationOptions, Tessellator};
    use egui::{Color32, Shape, Stroke};

    use super::{within_reach, without_repeats};

    #[test]
    fn repeated_points_never_make_stray_geometry() {
        // A decimated column can repeat a point; three repeats at the start of a path give
        // egui's tessellator a zero normal and vertices at NaN or far off the line.
        let start = pos2(400.0, 100.0);
        let corner = pos2(402.0, 380.0);
        let lines = [
            vec![start, start, start, corner, pos2(600.0, 380.0)],
            vec![
                pos2(390.0, 100.0),
                corner,
                corner,
                corner,
                pos2(600.0, 380.0),
            ],
        ];
        let stroke = Stroke::new(2.0, Color32::WHITE);
        let bounds = |points: &[Pos2]| {
            let mut mesh = Mesh::default();
            let mut tessellator =
                Tessellator::new(1.0, TessellationOptions::default(), [1, 1], Vec::new());
            tessellator.tessellate_shape(Shape::line(points.to_vec(), stroke), &mut mesh);
            let finite = mesh
                .vertices
                .iter()
                .all(|v| v.pos.x.is_finite() && v.pos.y.is_finite());
            if finite {
                mesh.calc_bounds()
            } else {
                Rect::EVERYTHING
            }
        };
        for line in lines {
            let drawn = bounds(&without_repeats(&line));
            // The stroke reaches past the points by its half width, a miter and feathering.
            let reach = Rect::from_points(&line).expand(6.0);
            assert!(reach.contains_rect(drawn), "{drawn:?} for {line:?}");
            assert!(without_repeats(&line).len() <= 3);
        }
    }

    #[test]
    fn only_the_part_of_a_line_that_can_touch_the_frame_is_tessellated() {
        let frame = Rect::from_min_max(pos2(100.0, 0.0), pos2(200.0, 100.0));
        let line: Vec<Pos2> = (0..300u16).map(|x| pos2(f32::from(x), 50.0)).collect();
        // A 2-point stroke reaches 2 points past its points; one more point runs off each edge.
        let kept = within_reach(&line, &frame, 2.0);
        assert_eq!((kept[0].x, kept[kept.len() - 1].x), (97.0, 203.0));

        let left_of_frame = &line[..50];
        assert_eq!(within_reach(left_of_frame, &frame, 2.0).len(), 1);
        let spanning = [pos2(0.0, 0.0), pos2(500.0, 90.0)];
        assert_eq!(within_reach(&spanning, &frame, 2.0), &spanning);

        let unsorted = [pos2(300.0, 0.0), pos2(0.0, 0.0), pos2(150.0, 0.0)];
        assert_eq!(within_reach(&unsorted, &frame, 2.0), &unsorted);
    }
}
