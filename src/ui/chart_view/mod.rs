//! The chart: header, troop-level plot with events, casualty plots and a sources footer.
//! One function lays it out and draws it for the window and for exports alike, so what a file
//! shows is what the window shows.
//!
//! Layout, top to bottom: the header (wrapped, each text with a row limit), then the plots,
//! which share the remaining height by [`crate::chart::plot_plan`], then the footer. Every plot
//! has the same y label column and the same range, so a date sits at the same x in all of them.

mod band;
mod casualties;
mod events;
pub mod focus;
mod header;
mod line;
mod navigator;
mod plot;
mod sizes;
mod troops;

use egui::{Rect, Sense, Ui, UiBuilder, vec2};
use egui_plot::PlotTransform;
use serde::{Deserialize, Serialize};

use crate::chart::ChartModel;
use crate::chart::plot_plan;
use crate::chart::range::DateRange;
use crate::chart::ticks::DateAxis;
use crate::dataset::Dataset;

use super::shared::Hovered;
use super::view_state::ViewState;

pub use focus::{chart_id, focused_mark};
pub use navigator::NavigatorPlace;
pub use plot::{PlotPlace, RangeChange};
pub use sizes::EXPORT_MARGIN;

/// How the chart is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// In the window: toggles, hover, tooltips, and the pointer moves the view.
    Window,
    /// For a file or the clipboard: still, with a margin, and the parts chosen in `look`.
    Export(ExportLook),
}

/// Which parts of the chart an export shows besides the plots.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExportLook {
    /// Title and subtitle.
    pub title: bool,
    /// The "In view" summary line.
    pub summary: bool,
    /// The sources footer.
    pub footer: bool,
    /// Lines as paths and bands as outlines instead of triangles, for vector files.
    #[serde(skip)]
    pub vector: bool,
}

impl Default for ExportLook {
    fn default() -> Self {
        Self {
            title: true,
            summary: true,
            footer: true,
            vector: false,
        }
    }
}

/// What the chart reports after drawing.
#[derive(Clone, Debug)]
pub struct ChartFrame {
    /// The whole chart region on screen.
    pub rect: Rect,
    /// The range drawn.
    pub range: Option<DateRange>,
    /// Data ↔ screen mapping of the troop plot.
    pub troops_transform: Option<PlotTransform>,
    /// Data ↔ screen mapping of each drawn casualty plot, by casualty series index.
    pub casualty_transforms: Vec<(usize, PlotTransform)>,
    /// Every plot drawn, troops first: its frame and the row of date labels under it.
    pub plots: Vec<PlotPlace>,
    /// Every event label drawn: where, and the events it stands for (indices into
    /// `Dataset::events`; several for a group).
    pub event_labels: Vec<(Rect, Vec<usize>)>,
    /// The rows above the troop plot with its event labels and its unit.
    pub event_strip: Rect,
    /// The overview strip and its window over the range in view (window only).
    pub navigator: Option<NavigatorPlace>,
    /// Every unlabelled event's tick along the troop plot's top edge, with its events.
    pub event_ticks: Vec<(Rect, Vec<usize>)>,
    /// Shown casualty series left out for lack of room.
    pub left_out: usize,
    /// What the pointer is over.
    pub hovered: Option<Hovered>,
    /// How the pointer moved the view this frame (applied from the next frame on).
    pub range_change: Option<RangeChange>,
}

impl Default for ChartFrame {
    fn default() -> Self {
        Self {
            rect: Rect::NOTHING,
            range: None,
            troops_transform: None,
            casualty_transforms: Vec::new(),
            plots: Vec::new(),
            event_labels: Vec::new(),
            event_ticks: Vec::new(),
            event_strip: Rect::NOTHING,
            navigator: None,
            left_out: 0,
            hovered: None,
            range_change: None,
        }
    }
}

/// What every part of one chart frame shares.
pub struct Shared<'a> {
    dataset: &'a Dataset,
    model: &'a ChartModel,
    view: &'a mut ViewState,
    mode: Mode,
    range: DateRange,
    columns: &'a plot::Columns,
    dates: &'a DateAxis,
}

impl Shared<'_> {
    fn interactive(&self) -> bool {
        self.mode == Mode::Window
    }

    fn vector(&self) -> bool {
        matches!(self.mode, Mode::Export(look) if look.vector)
    }

    fn look(&self) -> ExportLook {
        match self.mode {
            Mode::Window => ExportLook::default(),
            Mode::Export(look) => look,
        }
    }
}

/// The whole data range with a little air on both sides: what "All" and Home show.
pub fn full_range(model: &ChartModel) -> DateRange {
    let (from, to) = model.x_range;
    DateRange::covering(from, to).padded(0.02, 15.0)
}

/// The range to draw for `view`: its own, held to the data and its small margin, so panning
/// stops at the data's ends and zooming out ends on the whole data, centred.
pub fn visible_range(model: &ChartModel, view: &ViewState) -> DateRange {
    let all = full_range(model);
    view.range_or(all).held_to(all)
}

/// The range an export draws: the one asked for (a `--from`/`--to` past the data is drawn as
/// asked, and said to be empty), only kept usable: overlapping the data, within the calendar.
fn export_range(model: &ChartModel, view: &ViewState) -> DateRange {
    let all = full_range(model);
    view.range_or(all)
        .limited(all, (all.width() * 4.0).max(3652.5))
}

/// Draws the whole chart into `ui`'s remaining space.
pub fn show(
    ui: &mut Ui,
    dataset: &Dataset,
    model: &ChartModel,
    view: &mut ViewState,
    mode: Mode,
) -> ChartFrame {
    let range = match mode {
        Mode::Window => visible_range(model, view),
        Mode::Export(_) => export_range(model, view),
    };
    if view.range.is_some() {
        view.range = Some(range);
    }
    let outer = ui.available_rect_before_wrap();
    let margin = match mode {
        Mode::Window => sizes::WINDOW_MARGIN,
        Mode::Export(_) => EXPORT_MARGIN,
    };
    let content = outer.shrink(margin);
    let mut frame = ChartFrame {
        rect: outer,
        range: Some(range),
        ..ChartFrame::default()
    };
    // Registered first, so the plots drawn over it keep the pointer.
    let focus = (mode == Mode::Window).then(|| focus::register(ui, outer));
    let mut child = ui.new_child(UiBuilder::new().max_rect(content));
    child.spacing_mut().item_spacing.y = 3.0;
    draw(&mut child, dataset, model, view, mode, range, &mut frame);
    ui.allocate_rect(outer, Sense::hover());
    if let Some(focus) = focus {
        focus::finish(ui, &focus, (dataset, model), view, &mut frame);
    }
    if let Some(change) = frame.range_change {
        view.range = match change {
            RangeChange::All => None,
            RangeChange::To(next) => Some(next),
        };
        ui.ctx().request_repaint();
    }
    frame
}

fn draw(
    ui: &mut Ui,
    dataset: &Dataset,
    model: &ChartModel,
    view: &mut ViewState,
    mode: Mode,
    range: DateRange,
    frame: &mut ChartFrame,
) {
    let content = ui.max_rect();
    // The header needs the view, the plots need columns fixed only after it: lay it out with
    // provisional columns (it reads neither the columns nor the date axis).
    let provisional = plot::Columns::new(content.left(), content.right(), 0.0);
    let no_dates = DateAxis::default();
    let mut shared = Shared {
        dataset,
        model,
        view,
        mode,
        range,
        columns: &provisional,
        dates: &no_dates,
    };
    header::show(ui, &mut shared);
    // Below the header every row's height is planned exactly: no spacing between rows.
    ui.add_space(4.0);
    ui.spacing_mut().item_spacing.y = 0.0;
    let shown: Vec<usize> = (0..model.bars.len())
        .filter(|&i| shared.view.shows_series(&model.bars[i].id))
        .collect();
    // A casualty series with nothing in view gets a line of text, not a plot of nothing.
    let (with_data, empty): (Vec<usize>, Vec<usize>) = shown
        .into_iter()
        .partition(|&s| casualties::scale(&shared, s, 100.0).is_some());
    // An export says what the casualty scales mean in its note, not in a row of its own.
    let scales = if shared.interactive() {
        String::new()
    } else {
        casualties::scales_note(&shared, &with_data)
    };
    let footer = header::footer(ui, &shared, content.width(), &scales);
    let footer_height = footer.as_ref().map_or(0.0, |g| g.size().y + 6.0);
    let empty_height = if empty.is_empty() {
        0.0
    } else {
        sizes::NOTE_ROW
    };
    let navigator_height = if shared.interactive() {
        sizes::NAVIGATOR_HEIGHT
    } else {
        0.0
    };
    let available =
        content.bottom() - ui.cursor().top() - footer_height - empty_height - navigator_height;
    let plan = plot_plan::plan(
        f64::from(available),
        with_data.len(),
        sizes::plan_for(with_data.len(), shared.interactive()),
    );
    #[allow(clippy::cast_possible_truncation)] // screen sizes
    let (troop_height, casualty_height) = (plan.troops as f32, plan.casualty as f32);
    let drawn = &with_data[..plan.casualties];

    let troop_scale = troops::scale(&shared, troop_height);
    let casualty_scales: Vec<Option<plot::ValueScale>> = drawn
        .iter()
        .map(|&s| casualties::scale(&shared, s, casualty_height))
        .collect();
    let mut all_labels: Vec<&[crate::chart::ticks::ValueLabel]> = vec![&troop_scale.labels];
    all_labels.extend(
        casualty_scales
            .iter()
            .flatten()
            .map(|s| s.labels.as_slice()),
    );
    let gutter = plot::gutter_width(ui, &all_labels);
    let columns = plot::Columns::new(content.left(), content.right(), gutter);
    let dates = plot::shared_date_axis(ui, range, &columns);
    shared.columns = &columns;
    shared.dates = &dates;

    let place = troops::show(ui, &mut shared, troop_height, &troop_scale, frame);
    frame.plots.push(place);
    if !drawn.is_empty() {
        casualties::caption(ui, &mut shared, drawn);
        for (i, (&series, scale)) in drawn.iter().zip(&casualty_scales).enumerate() {
            let last = i + 1 == drawn.len();
            if let Some(scale) = scale
                && let Some(place) = casualties::show(
                    ui,
                    &mut shared,
                    series,
                    (casualty_height, last),
                    scale,
                    frame,
                )
            {
                frame.plots.push(place);
            }
        }
    }
    if !empty.is_empty() {
        empty_note(ui, &columns, &empty, model);
    }
    let left: Vec<usize> = with_data[plan.casualties..].to_vec();
    frame.left_out = plan.left_out;
    if plan.left_out > 0 {
        left_out_note(ui, &columns, &left, model);
    }
    if shared.interactive() {
        navigator::show(ui, &shared, frame);
    }
    if let Some(galley) = footer {
        ui.add_space(6.0);
        let (rect, _) = ui.allocate_exact_size(galley.size(), Sense::hover());
        ui.painter()
            .galley(rect.min, galley, egui::Color32::PLACEHOLDER);
    }
    if shared.interactive() {
        guide(ui, frame);
    }
}

/// One line naming the shown casualty series with no figures in view.
fn empty_note(ui: &mut Ui, columns: &plot::Columns, empty: &[usize], model: &ChartModel) {
    let names: Vec<String> = empty
        .iter()
        .filter_map(|&s| model.bars.get(s))
        .map(|b| crate::chart::labels::shorten(&b.label, 60))
        .take(3)
        .collect();
    let more = match empty.len().saturating_sub(names.len()) {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    let text = format!("No figures in this range for {}{more}", names.join(", "));
    note_row(ui, columns, &text);
}

/// One row of plain text across the plot columns, where a plot would otherwise be.
fn note_row(ui: &mut Ui, columns: &plot::Columns, text: &str) {
    let (rect, _) = ui.allocate_exact_size(
        vec2(columns.right - columns.left, sizes::NOTE_ROW),
        Sense::hover(),
    );
    let color = ui.visuals().text_color();
    plot::paint_line(
        ui,
        (columns.plot_left, columns.right),
        rect.center().y,
        text,
        color,
    );
}

/// Says which casualty series did not fit, instead of cutting them off silently.
fn left_out_note(ui: &mut Ui, columns: &plot::Columns, left: &[usize], model: &ChartModel) {
    let names: Vec<&str> = left
        .iter()
        .filter_map(|&s| model.bars.get(s))
        .map(|b| b.label.as_str())
        .take(3)
        .collect();
    let more = if left.len() > names.len() {
        format!(" and {} more", left.len() - names.len())
    } else {
        String::new()
    };
    let text = format!(
        "{} more casualty series not shown for lack of room ({}{more}): enlarge the chart or hide series",
        left.len(),
        names.join(", ")
    );
    note_row(ui, columns, &text);
}

/// A vertical guide at the pointer's date across every plot.
fn guide(ui: &Ui, frame: &ChartFrame) {
    let Some(pointer) = ui.ctx().pointer_hover_pos() else {
        return;
    };
    if frame.plots.iter().any(|p| p.frame.contains(pointer)) {
        for place in &frame.plots {
            plot::paint_guide(ui, place.frame, pointer.x);
        }
    }
}
