//! The overview strip under the chart (focus + context, as in Highcharts Stock): the whole
//! dataset's main line, the dataset's named views as light bands, and the range in view as a
//! window to drag (pan) or to resize by its edges (zoom). A click beside the window centres the
//! view there. Window only: an export shows its range in the date axis.

use egui::{Id, Pos2, Rect, Sense, Stroke, Ui, pos2, vec2};

use super::super::colors::{solid, translucent};
use super::plot::RangeChange;
use super::sizes::NAVIGATOR_HEIGHT;
use super::{ChartFrame, Shared, full_range};
use crate::chart::range::DateRange;

/// Where the pointer grabbed the window.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Grab {
    Move,
    Left,
    Right,
}

/// How close to an edge (points) a press resizes rather than moves.
const EDGE_REACH: f32 = 6.0;

/// Where the navigator went on screen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NavigatorPlace {
    /// The strip: the whole data from its left to its right edge.
    pub strip: Rect,
    /// The window over the range in view.
    pub window: Rect,
}

impl NavigatorPlace {
    /// The chart x at screen x `px` for data spanning `all`.
    pub fn x_at(&self, px: f32, all: DateRange) -> f64 {
        all.from() + f64::from((px - self.strip.left()) / self.strip.width().max(1.0)) * all.width()
    }
}

/// Draws the strip and applies the pointer's drags to `frame.range_change`.
pub fn show(ui: &mut Ui, shared: &Shared<'_>, frame: &mut ChartFrame) {
    let model = shared.model;
    let columns = shared.columns;
    let (row, _) = ui.allocate_exact_size(
        vec2(columns.right - columns.left, NAVIGATOR_HEIGHT),
        Sense::hover(),
    );
    let strip = Rect::from_x_y_ranges(
        columns.plot_left..=columns.plot_right,
        row.top() + 6.0..=row.bottom() - 2.0,
    );
    let all = full_range(model);
    let px_of = |x: f64| {
        #[allow(clippy::cast_possible_truncation)] // screen coordinates
        let px = (f64::from(strip.left())
            + (x - all.from()) / all.width() * f64::from(strip.width())) as f32;
        px
    };
    let painter = ui.painter().with_clip_rect(strip.expand(1.0));
    let visuals = ui.visuals();
    let ink = super::events::ink(ui);
    painter.rect_stroke(
        strip,
        2.0,
        Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color),
        egui::StrokeKind::Inside,
    );
    for named in &model.views {
        let band = Rect::from_x_y_ranges(px_of(named.from)..=px_of(named.to), strip.y_range());
        painter.rect_filled(band, 0.0, translucent(ink, 30));
    }
    // The first shown line, decimated to the strip's width, scaled to its own peak.
    if let Some(line) = model.lines.iter().find(|l| shared.view.shows_series(&l.id)) {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // screen width
        let columns = strip.width().max(1.0) as usize;
        let decimated = line.decimated(all.from(), all.to(), columns);
        let peak = line.max_in(all.from(), all.to()).max(1.0);
        let points: Vec<Pos2> = decimated
            .line
            .iter()
            .map(|&[x, y]| {
                #[allow(clippy::cast_possible_truncation)] // screen coordinates
                let dy = (y / peak) as f32 * (strip.height() - 4.0);
                pos2(px_of(x), strip.bottom() - 2.0 - dy)
            })
            .collect();
        if points.len() >= 2 {
            painter.add(egui::Shape::line(
                points,
                Stroke::new(1.25, solid(line.color).gamma_multiply(0.8)),
            ));
        }
    }
    let range = shared.range;
    let left = px_of(range.from()).clamp(strip.left(), strip.right());
    let right = px_of(range.to()).clamp(strip.left(), strip.right());
    let window = Rect::from_x_y_ranges(left..=right.max(left + 2.0), strip.y_range());
    painter.rect_filled(window, 2.0, visuals.selection.bg_fill.gamma_multiply(0.35));
    painter.rect_stroke(
        window,
        2.0,
        Stroke::new(1.5, visuals.selection.stroke.color),
        egui::StrokeKind::Inside,
    );
    let place = NavigatorPlace { strip, window };
    frame.navigator = Some(place);
    if shared.interactive() {
        interact(ui, &place, range, all, frame);
    }
}

fn interact(
    ui: &Ui,
    place: &NavigatorPlace,
    range: DateRange,
    all: DateRange,
    frame: &mut ChartFrame,
) {
    let id = Id::unique("troopline-navigator");
    let response = ui
        .interact(place.strip, id, Sense::click_and_drag())
        .on_hover_text(
            "The whole dataset: drag the window to move through time, drag its edges to zoom, \
             click elsewhere to go there; shaded bands are the dataset's named views",
        );
    let grab_id = id.with("grab");
    let Some(pointer) = response.interact_pointer_pos() else {
        return;
    };
    let window = place.window;
    if response.drag_started() {
        let grab = if (pointer.x - window.left()).abs() <= EDGE_REACH {
            Grab::Left
        } else if (pointer.x - window.right()).abs() <= EDGE_REACH {
            Grab::Right
        } else {
            Grab::Move
        };
        ui.ctx().data_mut(|d| d.insert_temp(grab_id, grab));
    }
    if response.clicked() && !window.contains(pointer) {
        let to = place.x_at(pointer.x, all);
        frame.range_change = Some(RangeChange::To(range.shifted(to - range.middle())));
        return;
    }
    if response.dragged() {
        let grab = ui
            .ctx()
            .data(|d| d.get_temp::<Grab>(grab_id))
            .unwrap_or(Grab::Move);
        let days = f64::from(response.drag_delta().x) / f64::from(place.strip.width().max(1.0))
            * all.width();
        let next = match grab {
            Grab::Move => Some(range.shifted(days)),
            Grab::Left => DateRange::new(range.from() + days, range.to()),
            Grab::Right => DateRange::new(range.from(), range.to() + days),
        };
        if let Some(next) = next
            && days != 0.0
        {
            frame.range_change = Some(RangeChange::To(next));
        }
    }
}
