//! The pure plot model: series, ticks, hover lookup and label layout, computed from a dataset.
//! No egui here, so all of it is unit-tested without a window.

pub mod alt_text;
pub mod citations;
pub mod cluster;
pub mod decimate;
pub mod describe;
pub mod format;
pub mod hover;
pub mod labels;
mod model;
pub mod navigation;
pub mod palette;
pub mod plot_plan;
pub mod range;
pub mod spoken;
pub mod ticks;
pub mod vision;

pub use model::{
    Bar, BarEstimate, BarMode, BarSeries, Category, ChartModel, Decimated, EstimateMark, EventMark,
    LineSeries, MeasureRun, NoData, UNCATEGORISED, ViewRange, cut_at_gaps, ranged_runs,
    step_points, values_at,
};
