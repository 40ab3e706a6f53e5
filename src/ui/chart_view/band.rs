//! A source-range band as one filled outline, for vector exports: the upper edge left to right,
//! then the lower edge back. (The window draws the same band with egui_plot's `FilledArea`,
//! whose triangle mesh the GPU fills correctly; a vector file wants one path instead.)

use std::ops::RangeInclusive;
use std::sync::Arc;

use egui::epaint::PathShape;
use egui::{Color32, Pos2, Shape, Stroke, Ui};

use egui_plot::{PlotBounds, PlotGeometry, PlotItem, PlotItemBase, PlotPoint, PlotTransform};

use crate::chart::decimate::BandColumns;

/// A band between lows and highs over shared xs, filled with one colour.
pub struct Band {
    base: PlotItemBase,
    columns: Arc<BandColumns>,
    fill: Color32,
    bounds: PlotBounds,
}

impl Band {
    /// The band of `columns` (xs, lows, highs) filled with `fill`.
    pub fn new(columns: Arc<BandColumns>, fill: Color32) -> Self {
        let (xs, lows, highs) = columns.as_ref();
        let mut bounds = PlotBounds::NOTHING;
        for ((&x, &low), &high) in xs.iter().zip(lows).zip(highs) {
            bounds.extend_with(&PlotPoint::new(x, low));
            bounds.extend_with(&PlotPoint::new(x, high));
        }
        Self {
            base: PlotItemBase::new(String::new()),
            columns,
            fill,
            bounds,
        }
    }
}

/// The band's outline on screen: highs left to right, then lows right to left.
pub fn outline(columns: &BandColumns, to_screen: impl Fn(f64, f64) -> Pos2) -> Vec<Pos2> {
    let (xs, lows, highs) = columns;
    let upper = xs.iter().zip(highs).map(|(&x, &y)| to_screen(x, y));
    let lower = xs.iter().zip(lows).rev().map(|(&x, &y)| to_screen(x, y));
    upper.chain(lower).collect()
}

impl PlotItem for Band {
    fn shapes(&self, _ui: &Ui, transform: &PlotTransform, shapes: &mut Vec<Shape>) {
        let points = outline(&self.columns, |x, y| {
            transform.position_from_point(&PlotPoint::new(x, y))
        });
        if points.len() >= 3 {
            // egui names this shape for convex outlines (what its tessellator fills); the band is
            // not convex, which the vector writer fills correctly as one SVG path.
            shapes.push(Shape::Path(PathShape::convex_polygon(
                points,
                self.fill,
                Stroke::NONE,
            )));
        }
    }

    fn initialize(&mut self, _x_range: RangeInclusive<f64>) {}

    fn color(&self) -> Color32 {
        self.fill
    }

    fn geometry(&self) -> PlotGeometry<'_> {
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
    use super::*;

    #[test]
    fn the_outline_runs_along_the_highs_and_back_along_the_lows() {
        let columns: BandColumns = (
            vec![0.0, 1.0, 2.0],
            vec![1.0, 2.0, 3.0],
            vec![5.0, 6.0, 7.0],
        );
        #[allow(clippy::cast_possible_truncation)]
        let points = outline(&columns, |x, y| Pos2::new(x as f32, y as f32));
        let pairs: Vec<(f32, f32)> = points.iter().map(|p| (p.x, p.y)).collect();
        assert_eq!(
            pairs,
            [
                (0.0, 5.0),
                (1.0, 6.0),
                (2.0, 7.0),
                (2.0, 3.0),
                (1.0, 2.0),
                (0.0, 1.0)
            ]
        );
    }
}
