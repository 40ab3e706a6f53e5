//! Sizes that several parts of the chart must agree on, in points.

use crate::chart::plot_plan::PlanSizes;

/// Empty space around an exported chart.
pub const EXPORT_MARGIN: f32 = 16.0;
/// Empty space around the chart in the window.
pub const WINDOW_MARGIN: f32 = 4.0;
/// Text size of axis labels, event labels and captions.
pub const SMALL_TEXT: f32 = 11.0;
/// Height of one row of event labels.
pub const LABEL_ROW: f32 = 15.0;
/// Height of the overview strip under the chart (window only).
pub const NAVIGATOR_HEIGHT: f32 = 36.0;
/// Length of an unlabelled event's tick along the troop plot's top edge.
pub const TICK_LENGTH: f32 = 7.0;
/// Height of the date label row under each plot.
pub const AXIS_ROW: f32 = 16.0;
/// Height of a casualty plot's title row.
pub const PLOT_TITLE_ROW: f32 = 15.0;
/// Height of the row introducing the casualty plots in the window (with its bar choices).
pub const CAPTION_ROW: f32 = 24.0;
/// Height of the line saying which casualty series did not fit.
pub const NOTE_ROW: f32 = 16.0;
/// Space between the y labels and the plot, and the least width of the y label column.
pub const GUTTER_PAD: f32 = 6.0;
/// The y label column is never narrower than this, so a chart of small counts still lines up
/// with itself as the counts change while panning.
pub const MIN_GUTTER: f32 = 40.0;
/// Room right of the plots for half of the last date label.
pub const RIGHT_PAD: f32 = 18.0;
/// Least space between neighbouring date labels.
pub const DATE_LABEL_GAP: f64 = 14.0;
/// Least space between value ticks.
pub const VALUE_TICK_GAP: f64 = 28.0;
/// Space between an event line and its label, and between labels.
pub const EVENT_LABEL_GAP: f64 = 4.0;
/// Events closer than this on screen share one line (and one label or badge).
pub const EVENT_MERGE_PX: f64 = 3.0;
/// Hover reach around points.
pub const HOVER_RADIUS_PX: f64 = 14.0;
/// Hover reach around event lines: narrower than around points, so a point near a line wins
/// and neighbouring lines stay apart.
pub const EVENT_HOVER_PX: f64 = 5.0;
/// Stroke width of the troop lines.
pub const LINE_WIDTH: f32 = 2.0;

/// The plot plan's fixed heights.
pub const PLAN: PlanSizes = PlanSizes {
    min_troops: 110.0,
    min_casualty: 20.0,
    axis_row: AXIS_ROW as f64,
    casualty_title: PLOT_TITLE_ROW as f64,
    caption: CAPTION_ROW as f64,
    note: NOTE_ROW as f64,
    troop_share: 0.56,
};

/// The plan's sizes for `casualty_plots` casualty plots: the fewer there are, the more of the
/// height the troop plot keeps (the story is the troop line). An export has no caption row:
/// each plot's title row names it, and the note says what the scales mean.
pub fn plan_for(casualty_plots: usize, interactive: bool) -> PlanSizes {
    PlanSizes {
        troop_share: match casualty_plots {
            0 | 1 => 0.88,
            2 => 0.84,
            _ => 0.8,
        },
        caption: f64::from(caption_row(casualty_plots, interactive)),
        ..PLAN
    }
}

/// Height of the row introducing `casualty_plots` casualty plots.
pub fn caption_row(casualty_plots: usize, interactive: bool) -> f32 {
    match (interactive, casualty_plots) {
        (true, _) => CAPTION_ROW,
        (false, _) => 0.0,
    }
}
