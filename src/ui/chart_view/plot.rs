//! One plot row of the chart: y labels in a gutter shared by every plot, the plot itself, and
//! its date labels underneath. Every plot gets the same columns and the same range each frame,
//! so a date sits at the same screen x in all of them (egui_plot's own axes, link groups and
//! remembered bounds are not used: the view state is the only source of the range).

use egui::{Align2, Color32, FontId, Id, Rect, Sense, Stroke, Ui, UiBuilder, Vec2, pos2, vec2};
use egui_plot::{HLine, Plot, PlotResponse, PlotUi};

use crate::chart::range::DateRange;
use crate::chart::ticks::{AxisSpan, DateAxis, ValueLabel, date_axis};

use super::sizes::{AXIS_ROW, DATE_LABEL_GAP, GUTTER_PAD, MIN_GUTTER, RIGHT_PAD, SMALL_TEXT};

/// The horizontal layout every plot shares.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Columns {
    /// Left edge of the chart content (the y label column starts here).
    pub left: f32,
    /// Left edge of every plot.
    pub plot_left: f32,
    /// Right edge of every plot.
    pub plot_right: f32,
    /// Right edge of the chart content.
    pub right: f32,
}

impl Columns {
    /// Columns for content from `left` to `right` with a y label column `gutter` wide.
    pub fn new(left: f32, right: f32, gutter: f32) -> Self {
        let plot_left = (left + gutter).min(right - RIGHT_PAD - 1.0);
        Self {
            left,
            plot_left,
            plot_right: (right - RIGHT_PAD).max(plot_left + 1.0),
            right,
        }
    }

    /// Width of the plots.
    pub fn plot_width(&self) -> f32 {
        self.plot_right - self.plot_left
    }
}

/// Width of the y label column that fits every plot's labels.
pub fn gutter_width(ui: &Ui, labels: &[&[ValueLabel]]) -> f32 {
    let widest = labels
        .iter()
        .flat_map(|plot| plot.iter())
        .map(|label| text_width(ui, &label.text))
        .fold(0.0, f32::max);
    (widest + 2.0 * GUTTER_PAD).max(MIN_GUTTER)
}

/// Width of `text` in the small label font.
pub fn text_width(ui: &Ui, text: &str) -> f32 {
    ui.painter()
        .layout_no_wrap(text.to_owned(), small_font(), Color32::PLACEHOLDER)
        .size()
        .x
}

/// `text` on one line at most `max_width` wide, ending in "…" when cut.
pub fn one_line(
    ui: &Ui,
    text: &str,
    color: Color32,
    max_width: f32,
) -> std::sync::Arc<egui::Galley> {
    let mut job = egui::text::LayoutJob::single_section(
        text.to_owned(),
        egui::TextFormat::simple(small_font(), color),
    );
    job.wrap = egui::text::TextWrapping {
        max_width: max_width.max(1.0),
        max_rows: 1,
        break_anywhere: true,
        overflow_character: Some('…'),
    };
    ui.painter().layout_job(job)
}

/// Paints `text` on one line from `left` to at most `right`, centred on `y`.
pub fn paint_line(ui: &Ui, (left, right): (f32, f32), y: f32, text: &str, color: Color32) {
    let galley = one_line(ui, text, color, right - left);
    let top = y - galley.size().y / 2.0;
    ui.painter().galley(pos2(left, top), galley, color);
}

/// The font of axis and event labels.
pub fn small_font() -> FontId {
    FontId::proportional(SMALL_TEXT)
}

/// The date axis shared by every plot this frame.
pub fn shared_date_axis(ui: &Ui, range: DateRange, columns: &Columns) -> DateAxis {
    let span = AxisSpan {
        plot_left: f64::from(columns.plot_left),
        plot_right: f64::from(columns.plot_right),
        min_px: f64::from(columns.left),
        max_px: f64::from(columns.right),
    };
    date_axis(range, span, DATE_LABEL_GAP, &mut |text| {
        f64::from(text_width(ui, text))
    })
}

/// Where one plot went on screen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlotPlace {
    /// The plot's frame.
    pub frame: Rect,
    /// The row of date labels under it ([`Rect::NOTHING`] where it shares the one below).
    pub axis_row: Rect,
}

/// A plot's vertical scale: top value and labelled ticks.
#[derive(Clone, Debug, PartialEq)]
pub struct ValueScale {
    /// Largest value shown (the bottom is 0).
    pub top: f64,
    /// Labelled ticks.
    pub labels: Vec<ValueLabel>,
}

/// What a plot row needs besides its content.
pub struct PlotRow<'a> {
    /// Stable id.
    pub id: Id,
    /// Shared columns.
    pub columns: &'a Columns,
    /// Height of the plot area.
    pub height: f32,
    /// Visible range.
    pub range: DateRange,
    /// Vertical scale.
    pub scale: &'a ValueScale,
    /// Shared date axis.
    pub dates: &'a DateAxis,
    /// Whether the plot reacts to the pointer.
    pub interactive: bool,
    /// Whether the row of date labels goes under this plot (plots stacked on a shared axis
    /// leave it to the last one).
    pub date_labels: bool,
}

/// Shows one plot row; `build` adds the plot's items after the grid.
pub fn show<R>(
    ui: &mut Ui,
    row: &PlotRow<'_>,
    build: impl FnOnce(&mut PlotUi<'_>) -> R,
) -> (PlotResponse<R>, PlotPlace) {
    let columns = row.columns;
    let width = columns.right - columns.left;
    let (rect, _) = ui.allocate_exact_size(vec2(width, row.height), Sense::hover());
    let frame = Rect::from_x_y_ranges(columns.plot_left..=columns.plot_right, rect.y_range());
    let mut child = ui.new_child(UiBuilder::new().max_rect(frame).id_salt(row.id));
    let grid = grid_color(ui);
    let (range, top) = (row.range, row.scale.top);
    let response = Plot::new(row.id)
        .id(row.id)
        .width(frame.width())
        .height(frame.height())
        .show_axes(false)
        .show_grid(false)
        .show_background(false)
        .show_x(false)
        .show_y(false)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .allow_axis_zoom_drag(false)
        .sense(if row.interactive {
            // Not a keyboard stop of its own: the chart is one (see `focus`), and a plot
            // would be a nameless node to a screen reader.
            Sense::CLICK | Sense::DRAG
        } else {
            Sense::hover()
        })
        .show(&mut child, |plot_ui| {
            plot_ui.set_plot_bounds_x(range.from()..=range.to());
            // A little room under 0, so a line along zero is not half hidden by the frame.
            let below = top * 2.5 / f64::from(frame.height().max(1.0));
            plot_ui.set_plot_bounds_y(-below..=top);
            // Horizontal grid lines only, as the chart desks draw them: the value is read
            // across, the date from the labels under the plot.
            for label in &row.scale.labels {
                plot_ui.hline(
                    HLine::new("", label.value)
                        .color(grid)
                        .width(1.0)
                        .allow_hover(false),
                );
            }
            build(plot_ui)
        });
    paint_value_labels(ui, &response, columns, &row.scale.labels);
    let axis_row = if row.date_labels {
        let (axis_row, _) = ui.allocate_exact_size(vec2(width, AXIS_ROW), Sense::hover());
        paint_date_labels(ui, axis_row, row.dates);
        axis_row
    } else {
        Rect::NOTHING
    };
    let place = PlotPlace {
        frame: *response.transform.frame(),
        axis_row,
    };
    (response, place)
}

fn grid_color(ui: &Ui) -> Color32 {
    ui.visuals()
        .widgets
        .noninteractive
        .bg_stroke
        .color
        .gamma_multiply(0.6)
}

/// Y labels right-aligned in the gutter, each kept inside the plot's height.
fn paint_value_labels<R>(
    ui: &Ui,
    response: &PlotResponse<R>,
    columns: &Columns,
    labels: &[ValueLabel],
) {
    let frame = *response.transform.frame();
    let painter = ui.painter();
    let color = ui.visuals().text_color();
    let mut last_top = f32::INFINITY;
    for label in labels {
        let galley = painter.layout_no_wrap(label.text.clone(), small_font(), color);
        let size = galley.size();
        let y = response.transform.position_from_point_y(label.value);
        let top = (y - size.y / 2.0).clamp(frame.top(), frame.bottom() - size.y);
        // Labels go bottom to top; one that would touch the label below is left out.
        if top + size.y > last_top {
            continue;
        }
        let x = (columns.plot_left - GUTTER_PAD - size.x).max(columns.left);
        painter.galley(pos2(x, top), galley, color);
        last_top = top;
    }
}

/// Date labels centred on their ticks in the row under a plot.
fn paint_date_labels(ui: &Ui, row: Rect, dates: &DateAxis) {
    let painter = ui.painter();
    let color = ui.visuals().text_color();
    for label in &dates.labels {
        #[allow(clippy::cast_possible_truncation)] // screen coordinates
        let x = label.center_px as f32;
        painter.text(
            pos2(x, row.top() + 1.0),
            Align2::CENTER_TOP,
            &label.text,
            small_font(),
            color,
        );
    }
}

/// How the user moved the view with the pointer over a plot this frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RangeChange {
    /// The range to show next.
    To(DateRange),
    /// Show everything (double-click).
    All,
}

/// The range change from dragging, wheel or pinch over the plot, or a double-click.
pub fn pointer_change<R>(
    ui: &Ui,
    response: &PlotResponse<R>,
    range: DateRange,
) -> Option<RangeChange> {
    let plot = &response.response;
    if plot.double_clicked() {
        return Some(RangeChange::All);
    }
    let frame = *response.transform.frame();
    let days_per_px = range.width() / f64::from(frame.width().max(1.0));
    if plot.dragged() {
        let dx = f64::from(plot.drag_delta().x);
        if dx != 0.0 {
            return Some(RangeChange::To(range.shifted(-dx * days_per_px)));
        }
    }
    if !plot.hovered() {
        return None;
    }
    let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta()));
    let anchor = plot.hover_pos().map_or(range.middle(), |pos| {
        range.from() + f64::from(pos.x - frame.left()) * days_per_px
    });
    if zoom != 1.0 {
        return Some(RangeChange::To(range.zoomed(1.0 / f64::from(zoom), anchor)));
    }
    if scroll == Vec2::ZERO {
        return None;
    }
    // The wheel zooms around the pointer; a sideways swipe pans.
    if scroll.x.abs() > scroll.y.abs() {
        Some(RangeChange::To(
            range.shifted(-f64::from(scroll.x) * days_per_px),
        ))
    } else {
        let factor = (-f64::from(scroll.y) * 0.003).exp();
        Some(RangeChange::To(range.zoomed(factor, anchor)))
    }
}

/// A thin vertical guide at chart x `x` across `frame`, so a date can be followed from plot to
/// plot.
pub fn paint_guide(ui: &Ui, frame: Rect, x_px: f32) {
    if (frame.left()..=frame.right()).contains(&x_px) {
        let color = ui.visuals().weak_text_color().gamma_multiply(0.7);
        ui.painter()
            .with_clip_rect(frame)
            .vline(x_px, frame.y_range(), Stroke::new(1.0, color));
    }
}

/// The screen scale of a plot, for hover lookups in pixels.
pub fn hover_scale(transform: &egui_plot::PlotTransform) -> crate::chart::hover::Scale {
    crate::chart::hover::Scale {
        px_per_x: transform.dpos_dvalue_x().abs(),
        px_per_y: transform.dpos_dvalue_y().abs(),
    }
}
