//! Events on the troop plot: their lines and spans, and their labels laid out by
//! [`crate::chart::labels`] so that every event in view is labelled or part of a labelled group.

use egui::{Color32, Pos2, Rect, Stroke, Ui};
use egui_plot::{PlotTransform, PlotUi, Span, VLine};

use crate::chart::ChartModel;
use crate::chart::cluster::{self, EventGroup};
use crate::chart::labels::{self, LabelArea, LabelItem, PlacedLabel, Side};
use crate::chart::range::DateRange;

use super::super::colors::{solid, translucent};
use super::super::view_state::ViewState;
use super::plot::{small_font, text_width};
use super::sizes::{EVENT_LABEL_GAP, EVENT_MERGE_PX, LABEL_ROW};

/// The events in view for one frame: pixel-wide clusters and their labels.
pub struct EventLayout {
    /// Events (indices into `ChartModel::events`) close enough to share a line.
    pub clusters: Vec<EventGroup>,
    /// Labels; their `members` index `clusters`.
    pub labels: Vec<PlacedLabel>,
    /// For each cluster, whether it has a title of its own (else it is in a group badge).
    pub titled: Vec<bool>,
}

impl EventLayout {
    /// No events drawn.
    pub fn empty() -> Self {
        Self {
            clusters: Vec::new(),
            labels: Vec::new(),
            titled: Vec::new(),
        }
    }

    /// Events (indices into `ChartModel::events`) behind label `label`.
    pub fn events_of(&self, label: &PlacedLabel) -> Vec<usize> {
        label
            .members
            .iter()
            .filter_map(|&c| self.clusters.get(c))
            .flat_map(|cluster| cluster.members.iter().copied())
            .collect()
    }
}

/// Clusters the shown events in `range` and lays out their labels over a plot spanning
/// `plot_left..plot_right` with `rows` label rows.
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
            let lead = lead_event(model, cluster);
            LabelItem {
                x_px: f64::from(plot_left) + (cluster.start - range.from()) * px_per_day,
                importance: importance(model, lead),
                title: model.events[lead].title.clone(),
                events: cluster.members.len(),
            }
        })
        .collect();
    // A pixel of air inside the frame: the plot clips its labels there.
    let area = LabelArea {
        left_px: f64::from(plot_left) + 1.0,
        right_px: f64::from(plot_right) - 1.0,
        rows,
        gap_px: EVENT_LABEL_GAP,
    };
    let labels = labels::layout(&items, area, &mut |text| f64::from(text_width(ui, text)));
    let mut titled = vec![false; clusters.len()];
    for label in labels.iter().filter(|l| !l.group) {
        for &member in &label.members {
            titled[member] = true;
        }
    }
    EventLayout {
        clusters,
        labels,
        titled,
    }
}

/// The cluster member that speaks for it: the most important, the earliest among equals.
fn lead_event(model: &ChartModel, cluster: &EventGroup) -> usize {
    cluster
        .members
        .iter()
        .copied()
        .max_by_key(|&m| (importance(model, m), std::cmp::Reverse(m)))
        .unwrap_or(cluster.members[0])
}

fn importance(model: &ChartModel, event: usize) -> u8 {
    model.events.get(event).map_or(1, |e| e.importance.level())
}

/// Adds the events' lines and spans to the plot, behind the data. Events in group badges are
/// drawn lighter, as marks that open up when zoomed in.
pub fn add_marks(
    plot_ui: &mut PlotUi<'_>,
    model: &ChartModel,
    layout: &EventLayout,
    highlight: Option<usize>,
) {
    for (cluster, &titled) in layout.clusters.iter().zip(&layout.titled) {
        let lead = &model.events[lead_event(model, cluster)];
        let Some(category) = model.categories.get(lead.category) else {
            continue;
        };
        let single = cluster.members.len() == 1;
        let emphasised = single && highlight == Some(lead.index);
        match lead.end.filter(|_| single) {
            Some(end) => plot_ui.span(
                Span::new("", lead.start..=end)
                    .fill(translucent(
                        category.color,
                        span_alpha(end - lead.start, emphasised),
                    ))
                    .border_width(0.0),
            ),
            None => plot_ui.vline(
                VLine::new("", cluster.start)
                    .color(translucent(
                        category.color,
                        match (
                            emphasised,
                            titled,
                            importance(model, lead_event(model, cluster)),
                        ) {
                            (true, _, _) => 255,
                            (false, true, 3) => 220,
                            (false, true, _) => 170,
                            (false, false, _) => 80,
                        },
                    ))
                    .width(if emphasised || !single { 2.0 } else { 1.0 })
                    .allow_hover(false),
            ),
        }
    }
}

/// Spans are context, not data: long ones are barely tinted so the lines stay readable.
fn span_alpha(days: f64, emphasised: bool) -> u8 {
    match (emphasised, days > 3.0 * 365.0) {
        (true, _) => 60,
        (false, true) => 12,
        (false, false) => 24,
    }
}

/// Paints the labels at the top of the plot; returns each label's rectangle so hovering a
/// label can show its events.
pub fn paint_labels(
    ui: &Ui,
    model: &ChartModel,
    layout: &EventLayout,
    transform: &PlotTransform,
    highlight: Option<usize>,
) -> Vec<Rect> {
    let frame = *transform.frame();
    let painter = ui.painter().with_clip_rect(frame);
    let text_color = ui.visuals().text_color();
    let background = ui.visuals().extreme_bg_color.gamma_multiply(0.85);
    layout
        .labels
        .iter()
        .map(|label| {
            let color = if label.group {
                ui.visuals().weak_text_color()
            } else {
                label_color(model, layout, label)
            };
            let galley = painter.layout_no_wrap(
                label.text.clone(),
                small_font(),
                if label.group {
                    ui.visuals().weak_text_color()
                } else {
                    text_color
                },
            );
            #[allow(clippy::cast_possible_truncation)] // screen coordinates
            let pos = Pos2::new(
                label.left_px as f32,
                frame.top() + 3.0 + label.row as f32 * LABEL_ROW,
            );
            let rect = Rect::from_min_size(pos, galley.size());
            painter.rect_filled(rect.expand(1.0), 2.0, background);
            let edge = match label.side {
                Side::Right => rect.left() - 2.0,
                Side::Left => rect.right() + 2.0,
            };
            let emphasised = !label.group
                && highlight.is_some()
                && layout
                    .events_of(label)
                    .iter()
                    .any(|&e| Some(model.events[e].index) == highlight);
            painter.line_segment(
                [Pos2::new(edge, rect.top()), Pos2::new(edge, rect.bottom())],
                Stroke::new(if emphasised { 3.0 } else { 2.0 }, color),
            );
            painter.galley(pos, galley, Color32::PLACEHOLDER);
            rect
        })
        .collect()
}

/// The colour of an event label's edge: its lead event's category.
fn label_color(model: &ChartModel, layout: &EventLayout, label: &PlacedLabel) -> Color32 {
    label
        .members
        .first()
        .and_then(|&c| layout.clusters.get(c))
        .map(|cluster| &model.events[lead_event(model, cluster)])
        .and_then(|event| model.categories.get(event.category))
        .map_or(Color32::GRAY, |category| solid(category.color))
}
