//! Events on the troop plot, in tiers: the events whose whole title fits are labelled above the
//! plot (laid out by [`crate::chart::labels`], pins and headlines first) with a line across the
//! plot; every other event is a short tick in a thin strip along the plot's top edge, with its
//! detail on hover. Spans are tinted bands. Every mark is in neutral ink
//! ([`crate::chart::palette::event_ink`]), so no event is ever mistaken for a series.

use egui::{Pos2, Rect, Stroke, Ui};
use egui_plot::{PlotTransform, PlotUi, Span, VLine};

use crate::chart::ChartModel;
use crate::chart::cluster::{self, EventGroup};
use crate::chart::labels::{self, LabelArea, LabelItem, PlacedLabel};
use crate::chart::palette::{self, Rgb};
use crate::chart::range::DateRange;

use super::super::colors::{solid, translucent};
use super::super::view_state::ViewState;
use super::plot::{small_font, text_width};
use super::sizes::{EVENT_LABEL_GAP, EVENT_MERGE_PX, LABEL_ROW, TICK_LENGTH};

/// The events in view for one frame: pixel-wide clusters and the labels of some of them.
pub struct EventLayout {
    /// Events (indices into `ChartModel::events`) close enough to share a line.
    pub clusters: Vec<EventGroup>,
    /// Labels; their `item` indexes `clusters`.
    pub labels: Vec<PlacedLabel>,
    /// For each cluster, whether it has a label (else it is a tick).
    pub labelled: Vec<bool>,
}

impl EventLayout {
    /// No events drawn.
    pub fn empty() -> Self {
        Self {
            clusters: Vec::new(),
            labels: Vec::new(),
            labelled: Vec::new(),
        }
    }

    /// Events (indices into `ChartModel::events`) of cluster `cluster`.
    pub fn events_of(&self, cluster: usize) -> Vec<usize> {
        self.clusters
            .get(cluster)
            .map(|c| c.members.clone())
            .unwrap_or_default()
    }
}

/// Label rows above a troop plot `height` tall.
pub fn label_rows(height: f32) -> usize {
    match height {
        h if h >= 420.0 => 3,
        h if h >= 200.0 => 2,
        _ => 1,
    }
}

/// Height of the label strip above the plot for `rows` rows.
pub fn strip_height(rows: usize) -> f32 {
    #[allow(clippy::cast_precision_loss)] // a few rows
    let rows = rows as f32;
    rows * LABEL_ROW + 2.0
}

/// At most this many labels on a plot `width` points wide: a handful, as an edited chart has.
fn max_labels(width: f64) -> usize {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // small positive
    let n = (width / 100.0).floor().max(0.0) as usize;
    n.clamp(2, 15)
}

/// Clusters the shown events in `range` and lays out labels for those that fit over a plot
/// spanning `plot_left..plot_right` with `rows` label rows.
pub fn layout(
    ui: &Ui,
    model: &ChartModel,
    view: &ViewState,
    range: DateRange,
    (plot_left, plot_right): (f32, f32),
    rows: usize,
) -> EventLayout {
    if !view.show_events || model.events.is_empty() {
        return EventLayout::empty();
    }
    let width = f64::from(plot_right - plot_left);
    let shown = |mark: &crate::chart::EventMark| {
        model
            .categories
            .get(mark.category)
            .is_some_and(|c| view.shows_category(&c.name))
    };
    let clusters = cluster::group_events(
        &model.events,
        &shown,
        range.from(),
        range.to(),
        width,
        EVENT_MERGE_PX,
    );
    let px_per_day = width / range.width();
    let items: Vec<LabelItem> = clusters
        .iter()
        .map(|cluster| {
            let lead = lead_event(model, view, cluster);
            LabelItem {
                x_px: f64::from(plot_left) + (cluster.start - range.from()) * px_per_day,
                importance: importance(model, lead),
                pinned: is_pinned(model, view, lead),
                title: model.events[lead].title.clone(),
            }
        })
        .collect();
    let area = LabelArea {
        left_px: f64::from(plot_left),
        right_px: f64::from(plot_right),
        rows,
        gap_px: EVENT_LABEL_GAP,
        max_labels: max_labels(width),
    };
    let labels = labels::layout(&items, area, &mut |text| f64::from(text_width(ui, text)));
    let mut labelled = vec![false; clusters.len()];
    for label in &labels {
        labelled[label.item] = true;
    }
    EventLayout {
        clusters,
        labels,
        labelled,
    }
}

fn is_pinned(model: &ChartModel, view: &ViewState, event: usize) -> bool {
    model
        .events
        .get(event)
        .is_some_and(|e| view.pinned_events.contains(&e.index))
}

/// The cluster member that speaks for it: pinned first, then the most important, the earliest
/// among equals.
fn lead_event(model: &ChartModel, view: &ViewState, cluster: &EventGroup) -> usize {
    cluster
        .members
        .iter()
        .copied()
        .max_by_key(|&m| {
            (
                is_pinned(model, view, m),
                importance(model, m),
                std::cmp::Reverse(m),
            )
        })
        .unwrap_or(cluster.members[0])
}

fn importance(model: &ChartModel, event: usize) -> u8 {
    model.events.get(event).map_or(1, |e| e.importance.level())
}

/// The ink of event marks in this theme.
pub fn ink(ui: &Ui) -> Rgb {
    palette::event_ink(ui.visuals().dark_mode)
}

/// Adds the events' spans and the lines of labelled and highlighted events to the plot,
/// behind the data.
pub fn add_marks(
    plot_ui: &mut PlotUi<'_>,
    model: &ChartModel,
    layout: &EventLayout,
    highlight: Option<usize>,
    ink: Rgb,
) {
    for (cluster, &labelled) in layout.clusters.iter().zip(&layout.labelled) {
        let emphasised = cluster
            .members
            .iter()
            .any(|&m| Some(model.events[m].index) == highlight);
        if let [only] = cluster.members[..]
            && let Some(end) = model.events[only].end
        {
            let start = model.events[only].start;
            plot_ui.span(
                Span::new("", start..=end)
                    .fill(translucent(ink, span_alpha(end - start, emphasised)))
                    .border_width(0.0),
            );
        }
        if labelled || emphasised {
            plot_ui.vline(
                VLine::new("", cluster.start)
                    .color(solid(ink))
                    .width(if emphasised { 2.0 } else { 1.0 })
                    .allow_hover(false),
            );
        }
    }
}

/// Spans are context, not data: long ones are barely tinted so the lines stay readable.
fn span_alpha(days: f64, emphasised: bool) -> u8 {
    match (emphasised, days > 3.0 * 365.0) {
        (true, _) => 50,
        (false, true) => 14,
        (false, false) => 28,
    }
}

/// Paints the ticks of the unlabelled events along the plot's top edge; returns each tick's
/// hover rectangle with its cluster.
pub fn paint_ticks(
    ui: &Ui,
    layout: &EventLayout,
    transform: &PlotTransform,
    ink: Rgb,
) -> Vec<(Rect, usize)> {
    let frame = *transform.frame();
    let painter = ui.painter().with_clip_rect(frame);
    let stroke = Stroke::new(1.5, solid(ink));
    layout
        .clusters
        .iter()
        .enumerate()
        .filter(|&(i, _)| !layout.labelled[i])
        .map(|(i, cluster)| {
            let x = transform.position_from_point_x(cluster.start);
            let top = frame.top();
            painter.line_segment([Pos2::new(x, top), Pos2::new(x, top + TICK_LENGTH)], stroke);
            let rect = Rect::from_x_y_ranges(x - 0.75..=x + 0.75, top..=top + TICK_LENGTH);
            (rect, i)
        })
        .collect()
}

/// Paints the labels in `strip`, the rows just above the plot, each beside a short line that
/// leads down to its event's line; returns each label's rectangle with its cluster.
pub fn paint_labels(
    ui: &Ui,
    model: &ChartModel,
    layout: &EventLayout,
    strip: Rect,
    highlight: Option<usize>,
    ink: Rgb,
) -> Vec<(Rect, usize)> {
    let painter = ui.painter().with_clip_rect(strip.expand(1.0));
    let text_color = ui.visuals().text_color();
    layout
        .labels
        .iter()
        .map(|label| {
            let galley = painter.layout_no_wrap(label.text.clone(), small_font(), text_color);
            #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)] // screen
            let pos = Pos2::new(
                label.left_px as f32,
                strip.bottom() - (label.row + 1) as f32 * LABEL_ROW + 1.0,
            );
            let rect = Rect::from_min_size(pos, galley.size());
            let emphasised = layout
                .events_of(label.item)
                .iter()
                .any(|&e| Some(model.events[e].index) == highlight);
            #[allow(clippy::cast_possible_truncation)] // screen
            let x = label.anchor_px as f32;
            let top = rect.top() + 1.0;
            painter.line_segment(
                [Pos2::new(x, top), Pos2::new(x, strip.bottom())],
                Stroke::new(if emphasised { 2.0 } else { 1.0 }, solid(ink)),
            );
            painter.galley(pos, galley, text_color);
            (rect, label.item)
        })
        .collect()
}
