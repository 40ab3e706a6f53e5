//! Settings shared by every plot of the chart, so their time axes line up and move together.

use std::ops::RangeInclusive;

use egui::{Id, Ui};
use egui_plot::{GridInput, GridMark, Plot, PlotTransform};

use crate::chart::{format, hover::Scale, ticks};

/// All plots of one chart share pan/zoom on x and the vertical cursor.
pub const TIME_AXIS_GROUP: &str = "troopline-time-axis";

/// Width reserved for y axis labels so every plot's time axis starts at the same x.
pub const Y_AXIS_WIDTH: f32 = 64.0;

/// A plot with the calendar date axis, linked to the other plots, zooming only in time.
pub fn time_plot(id: &str, height: f32, width_px: f32, interactive: bool) -> Plot<'static> {
    let group = Id::unique(TIME_AXIS_GROUP);
    let plot_width = f64::from((width_px - Y_AXIS_WIDTH).max(50.0));
    Plot::new(id)
        .id(Id::unique(id))
        .height(height)
        .link_axis(group, [true, false])
        .link_cursor(group, [true, false])
        .allow_zoom([true, false])
        .allow_drag([true, false])
        .allow_scroll([true, false])
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_x(interactive)
        .show_y(false)
        .y_axis_min_width(Y_AXIS_WIDTH)
        .x_grid_spacer(move |input: GridInput| {
            ticks::date_ticks(input.bounds.0, input.bounds.1, plot_width)
                .into_iter()
                .map(|tick| GridMark {
                    value: tick.x,
                    step_size: tick.step_days,
                })
                .collect()
        })
        .x_axis_formatter(|mark: GridMark, _range: &RangeInclusive<f64>| {
            ticks::label_for_step(mark.value, mark.step_size)
        })
        .y_axis_formatter(|mark: GridMark, _range: &RangeInclusive<f64>| {
            format::axis_number(mark.value)
        })
        .y_grid_spacer(move |input: GridInput| {
            ticks::value_ticks(
                input.bounds.0,
                input.bounds.1,
                f64::from(height - 24.0),
                26.0,
            )
            .into_iter()
            .map(|(value, step)| GridMark {
                value,
                step_size: step,
            })
            .collect()
        })
}

/// The screen scale of a plot, for hover lookups in pixels.
pub fn scale(transform: &PlotTransform) -> Scale {
    Scale {
        px_per_x: transform.dpos_dvalue_x().abs(),
        px_per_y: transform.dpos_dvalue_y().abs(),
    }
}

/// Applies the requested x range, or the range shown last, so all plots agree this frame.
pub fn apply_range(plot_ui: &mut egui_plot::PlotUi<'_>, range: Option<[f64; 2]>, y_top: f64) {
    if let Some([from, to]) = range {
        plot_ui.set_plot_bounds_x(from..=to);
    }
    plot_ui.set_plot_bounds_y(0.0..=y_top.max(1.0));
}

/// Text height of one line in the small style, for layout estimates.
pub fn small_line_height(ui: &Ui) -> f32 {
    ui.text_style_height(&egui::TextStyle::Small)
}
