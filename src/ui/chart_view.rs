//! The chart: header, troop-level plot with events, casualty plots and a sources footer.
//! One function draws it for the window and for the PNG exporter alike.

use egui::{Color32, FontId, Pos2, Rect, RichText, Stroke, Ui, Vec2};
use egui_plot::{
    Bar as PlotBar, BarChart, Corner, FilledArea, Legend, PlotPoints, PlotTransform, Points, Span,
    VLine,
};

use std::sync::Arc;

use crate::chart::{BarMode, ChartModel, Decimated, EventMark, cluster, describe, hover, labels};
use crate::dataset::Dataset;

use super::cached_line::CachedLine;
use super::colors::{solid, translucent};
use super::plot_common::{self, apply_range, scale, time_plot};
use super::tooltip;
use super::view_state::ViewState;

/// Id of the troop-level plot (also used by tests to find its transform).
pub const TROOPS_PLOT: &str = "troopline-troops";

/// What was under the pointer this frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hovered {
    /// Point `index` of deployment `series`.
    Point {
        /// Deployment index.
        series: usize,
        /// Point index.
        index: usize,
    },
    /// Period `index` of casualty series `series`.
    Bar {
        /// Casualty series index.
        series: usize,
        /// Period index.
        index: usize,
    },
    /// An event (index into `Dataset::events`).
    Event(usize),
}

/// What the chart reports back after drawing.
#[derive(Clone, Debug)]
pub struct ChartFrame {
    /// The whole chart region on screen (what an export captures).
    pub rect: Rect,
    /// Data ↔ screen mapping of the troop plot.
    pub troops_transform: Option<PlotTransform>,
    /// Data ↔ screen mapping of each shown casualty plot, by casualty series index.
    pub casualty_transforms: Vec<(usize, PlotTransform)>,
    /// What the pointer is over.
    pub hovered: Option<Hovered>,
}

impl Default for ChartFrame {
    fn default() -> Self {
        Self {
            rect: Rect::NOTHING,
            troops_transform: None,
            casualty_transforms: Vec::new(),
            hovered: None,
        }
    }
}

/// What every plot of one chart frame shares.
#[derive(Clone, Copy)]
struct Shared<'a> {
    dataset: &'a Dataset,
    model: &'a ChartModel,
    /// False for exports: no cursor, tooltip or hover marker.
    interactive: bool,
    /// A range to apply this frame (button, key, first frame).
    requested: Option<[f64; 2]>,
    /// The visible range as of the start of this frame.
    range: (f64, f64),
}

/// Rows of event labels at the top of the troop plot.
const LABEL_ROWS: usize = 3;
/// Hover reach around points and event lines, in pixels.
const HOVER_RADIUS_PX: f64 = 14.0;

/// Draws the whole chart into `ui`. `interactive` is false for exports: no cursor, no tooltip.
pub fn show(
    ui: &mut Ui,
    dataset: &Dataset,
    model: &ChartModel,
    view: &mut ViewState,
    interactive: bool,
) -> ChartFrame {
    let top = ui.cursor().min;
    let mut frame = ChartFrame::default();
    let requested = view.requested_range.take().or_else(|| {
        // The first frame of a dataset shows everything.
        view.x_range.is_none().then(|| full_range(model))
    });
    let (from, to) = requested
        .or(view.x_range)
        .map_or(model.x_range, |[a, b]| (a, b));

    header(ui, dataset, model, view, interactive, (from, to));

    let casualty_shown: Vec<usize> = (0..model.bars.len())
        .filter(|&i| view.shows_series(&model.bars[i].id))
        .collect();
    let footer_height = plot_common::small_line_height(ui) * 2.0 + 8.0;
    let caption_height = if casualty_shown.is_empty() {
        0.0
    } else {
        ui.spacing().interact_size.y + 6.0
    };
    let available = (ui.available_height() - footer_height - caption_height).max(200.0);
    let troop_height = if casualty_shown.is_empty() {
        available
    } else {
        available * 0.58
    };
    let casualty_height = if casualty_shown.is_empty() {
        0.0
    } else {
        ((available - troop_height) / casualty_shown.len() as f32 - ui.spacing().item_spacing.y)
            .max(60.0)
    };

    let shared = Shared {
        dataset,
        model,
        interactive,
        requested,
        range: (from, to),
    };
    troop_plot(ui, shared, view, troop_height, &mut frame);

    if !casualty_shown.is_empty() {
        ui.horizontal(|ui| {
            ui.label(RichText::new("Casualties").strong());
            ui.label(
                RichText::new("— each series has its own scale: the counts differ a hundredfold")
                    .weak()
                    .small(),
            );
            if interactive {
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    ui.selectable_value(&mut view.cumulative, true, "Cumulative");
                    ui.selectable_value(&mut view.cumulative, false, "Per period");
                });
            } else if view.cumulative {
                ui.label(RichText::new("(cumulative totals)").weak().small());
            }
        });
        for &series in &casualty_shown {
            casualty_plot(ui, shared, view, series, casualty_height, &mut frame);
        }
    }

    footer(ui, dataset, model);
    frame.rect = Rect::from_min_max(top, Pos2::new(ui.max_rect().right(), ui.cursor().min.y));
    frame
}

/// The whole data range with a little air on both sides.
pub fn full_range(model: &ChartModel) -> [f64; 2] {
    let (from, to) = model.x_range;
    let pad = ((to - from) * 0.02).max(15.0);
    [from - pad, to + pad]
}

fn header(
    ui: &mut Ui,
    dataset: &Dataset,
    model: &ChartModel,
    view: &mut ViewState,
    interactive: bool,
    (from, to): (f64, f64),
) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(&dataset.title).heading().strong());
        if let Some(subtitle) = &dataset.subtitle {
            ui.label(RichText::new(subtitle).weak());
        }
    });
    // The troop legend sits above the plot, where it can never cover data or event labels.
    ui.horizontal_wrapped(|ui| {
        for line in &model.lines {
            let mut shown = view.shows_series(&line.id);
            if interactive {
                let text = RichText::new(&line.label).color(solid(line.color)).strong();
                if ui
                    .checkbox(&mut shown, text)
                    .on_hover_text("Show or hide this series")
                    .changed()
                {
                    view.set_series(&line.id, shown);
                }
            } else if shown {
                let (rect, _) = ui.allocate_exact_size(Vec2::new(18.0, 10.0), egui::Sense::hover());
                ui.painter().line_segment(
                    [rect.left_center(), rect.right_center()],
                    Stroke::new(3.0, solid(line.color)),
                );
                ui.label(RichText::new(&line.label).color(solid(line.color)).strong());
            }
            ui.add_space(10.0);
        }
        if model.lines.iter().any(|l| l.band.is_some()) {
            ui.label(RichText::new("Shaded: range across sources").small().weak());
        }
    });
    let summary = describe::visible_summary(dataset, model, &|id| view.shows_series(id), from, to);
    if !summary.is_empty() {
        ui.add(egui::Label::new(RichText::new(format!("In view: {summary}")).small()).truncate())
            .on_hover_text(
                "Peak troop level and casualty totals for the periods in view; updates as you zoom",
            );
    }
    if view.show_events && !model.events.is_empty() {
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing.x = 4.0;
            ui.label(RichText::new("Events:").small().weak());
            for category in &model.categories {
                if !view.shows_category(&category.name) {
                    continue;
                }
                let (rect, _) = ui.allocate_exact_size(Vec2::new(10.0, 10.0), egui::Sense::hover());
                ui.painter().rect_filled(rect, 2.0, solid(category.color));
                ui.label(RichText::new(&category.name).small());
                ui.add_space(6.0);
            }
        });
    }
}

fn footer(ui: &mut Ui, dataset: &Dataset, model: &ChartModel) {
    let text = format!("{} · Sources: {}", dataset.title, model.sources_line);
    ui.add(egui::Label::new(RichText::new(text).small().weak()).wrap());
}

/// Spans are context, not data: long ones are barely tinted so the lines stay readable.
fn span_alpha(days: f64, emphasised: bool) -> u8 {
    match (emphasised, days > 3.0 * 365.0) {
        (true, _) => 60,
        (false, true) => 12,
        (false, false) => 24,
    }
}

/// An event mark as drawn: one event, or a group of nearby events with a count.
struct Shown {
    mark: EventMark,
    /// Indices into `ChartModel::events`.
    members: Vec<usize>,
}

/// Smallest gap between event marks, in pixels: closer events are grouped.
const EVENT_GAP_PX: f64 = 6.0;

fn shown_events(
    model: &ChartModel,
    view: &ViewState,
    (from, to): (f64, f64),
    width_px: f64,
) -> Vec<Shown> {
    let shown = |mark: &EventMark| view.shows_category(&model.categories[mark.category].name);
    let mut groups = cluster::group_events(&model.events, &shown, from, to, width_px, 0.0);
    // A few dozen events are drawn one by one (labels are staggered); only crowds are grouped.
    if groups.len() as f64 > width_px / 8.0 {
        groups = cluster::group_events(&model.events, &shown, from, to, width_px, EVENT_GAP_PX);
    }
    groups
        .into_iter()
        .map(|group| match group.single() {
            Some(only) => Shown {
                mark: model.events[only].clone(),
                members: group.members,
            },
            None => {
                let first = &model.events[group.members[0]];
                let mark = EventMark {
                    index: first.index,
                    start: group.start,
                    end: None,
                    title: format!("{} events", group.members.len()),
                    category: first.category,
                    importance: first.importance,
                };
                Shown {
                    mark,
                    members: group.members,
                }
            }
        })
        .collect()
}

fn troop_plot(
    ui: &mut Ui,
    shared: Shared<'_>,
    view: &mut ViewState,
    height: f32,
    frame: &mut ChartFrame,
) {
    let Shared {
        dataset,
        model,
        interactive,
        requested,
        range: (from, to),
    } = shared;
    let visible: Vec<bool> = model
        .lines
        .iter()
        .map(|l| view.shows_series(&l.id))
        .collect();
    let data_max = model
        .lines
        .iter()
        .zip(&visible)
        .filter(|(_, shown)| **shown)
        .map(|(line, _)| line.max_in(from, to))
        .fold(0.0, f64::max);
    // Keep the top rows free for event labels so they never sit on the data.
    let label_px = if view.show_events {
        LABEL_ROWS as f32 * 15.0 + 10.0
    } else {
        8.0
    };
    let headroom = f64::from((label_px / (height - 30.0).max(label_px * 2.0)).min(0.5));
    let y_top = (data_max * 1.04 / (1.0 - headroom)).max(10.0);

    let highlight = view.highlighted_event;
    let hover_state_id = egui::Id::unique("troopline-hovered-point");
    let previous_hover: Option<(usize, usize)> = ui.ctx().data(|d| d.get_temp(hover_state_id));
    let width = ui.available_width();
    let plot = time_plot(TROOPS_PLOT, height, width, interactive);
    let events: Vec<Shown> = if view.show_events {
        shown_events(
            model,
            view,
            (from, to),
            f64::from(width - plot_common::Y_AXIS_WIDTH),
        )
    } else {
        Vec::new()
    };
    let response = plot.show(ui, |plot_ui| {
        apply_range(plot_ui, requested, y_top);
        for Shown { mark, members } in &events {
            let category = &model.categories[mark.category];
            let emphasised = highlight == Some(mark.index) && members.len() == 1;
            match mark.end {
                Some(end) => plot_ui.span(
                    Span::new("", mark.start..=end)
                        .fill(translucent(
                            category.color,
                            span_alpha(end - mark.start, emphasised),
                        ))
                        .border_width(0.0),
                ),
                None => plot_ui.vline(
                    VLine::new("", mark.start)
                        .color(translucent(
                            category.color,
                            if emphasised { 255 } else { 170 },
                        ))
                        .width(if emphasised || members.len() > 1 {
                            2.5
                        } else {
                            1.0
                        })
                        .allow_hover(false),
                ),
            }
        }
        // Hand egui only what the screen can show (hover still searches every point). Decimate
        // over twice the visible width: a drag this frame may reveal the edges before the next
        // frame recomputes.
        let columns = (width - plot_common::Y_AXIS_WIDTH).max(1.0) as usize;
        let margin = (to - from) / 2.0;
        let decimated: Vec<Option<Decimated>> = model
            .lines
            .iter()
            .zip(&visible)
            .map(|(line, shown)| {
                shown.then(|| line.decimated(from - margin, to + margin, columns * 2))
            })
            .collect();
        for (line, decimated) in model.lines.iter().zip(&decimated) {
            if let Some(band) = decimated.as_ref().and_then(|d| d.band.as_ref()) {
                let (xs, lows, highs) = band.as_ref();
                plot_ui.add(
                    FilledArea::new("", xs, lows, highs)
                        .fill_color(translucent(line.color, 50))
                        .allow_hover(false),
                );
            }
        }
        for (series, (line, decimated)) in model.lines.iter().zip(&decimated).enumerate() {
            let Some(decimated) = decimated else { continue };
            let few_enough = decimated.line.len() < columns / 2;
            if few_enough {
                plot_ui.points(
                    Points::new("", PlotPoints::new(decimated.line.as_ref().clone()))
                        .radius(2.5)
                        .color(solid(line.color))
                        .allow_hover(false),
                );
            }
            plot_ui.add(CachedLine::new(
                Arc::clone(&decimated.line),
                decimated.line_bounds,
                Stroke::new(2.0, solid(line.color)),
                egui::Id::unique("troopline-line-mesh").with(series),
                decimated.line.len() > columns,
            ));
        }
        let marked = match view.marked {
            Some(Hovered::Point { series, index }) => Some((series, index)),
            _ => None,
        };
        if let Some((series, index)) = previous_hover.or(marked).filter(|_| interactive)
            && let Some(line) = model.lines.get(series)
            && visible.get(series).copied().unwrap_or(false)
            && index < line.xs.len()
        {
            plot_ui.points(
                Points::new("", PlotPoints::new(vec![[line.xs[index], line.ys[index]]]))
                    .radius(6.0)
                    .filled(false)
                    .color(solid(line.color))
                    .allow_hover(false),
            );
        }
    });

    let transform = response.transform;
    let bounds = transform.bounds();
    view.x_range = Some([bounds.min()[0], bounds.max()[0]]);
    frame.troops_transform = Some(transform);

    let label_rects = paint_event_labels(ui, model, &events, &transform, highlight);

    let mut current_hover = None;
    if interactive && let Some(pointer) = response.response.hover_pos() {
        let value = transform.value_from_position(pointer);
        let hit = hover::nearest_point(
            &model.lines,
            &visible,
            (value.x, value.y),
            scale(&transform),
            HOVER_RADIUS_PX,
        );
        if let Some(hit) = hit {
            current_hover = Some((hit.series, hit.index));
            frame.hovered = Some(Hovered::Point {
                series: hit.series,
                index: hit.index,
            });
        }
        let mut hovered_group = None;
        if frame.hovered.is_none() {
            let by_label = label_rects
                .iter()
                .find(|(rect, _)| rect.contains(pointer))
                .map(|(_, i)| *i);
            let by_line = || {
                let marks: Vec<EventMark> = events.iter().map(|shown| shown.mark.clone()).collect();
                hover::event_at(
                    &marks,
                    &vec![true; marks.len()],
                    value.x,
                    scale(&transform),
                    4.0,
                )
            };
            if let Some(shown) = by_label.or_else(by_line).and_then(|i| events.get(i)) {
                frame.hovered = Some(Hovered::Event(shown.mark.index));
                hovered_group = (shown.members.len() > 1).then_some(&shown.members);
            }
        }
        let description = match (frame.hovered, hovered_group) {
            (Some(Hovered::Point { series, index }), _) => {
                describe::point(dataset, model, series, index)
            }
            (Some(Hovered::Event(_)), Some(members)) => {
                describe::event_group(dataset, model, members)
            }
            (Some(Hovered::Event(index)), None) => describe::event(dataset, index),
            _ => None,
        };
        if let Some(description) = description {
            tooltip::at_pointer(&response.response, &description);
        }
    }
    if current_hover != previous_hover {
        ui.ctx()
            .data_mut(|d| d.insert_temp(hover_state_id, current_hover));
        ui.ctx().request_repaint();
    }
}

/// Draws event labels in rows at the top of the plot; returns where each label landed so
/// hovering a label shows its event.
fn paint_event_labels(
    ui: &Ui,
    model: &ChartModel,
    events: &[Shown],
    transform: &PlotTransform,
    highlight: Option<usize>,
) -> Vec<(Rect, usize)> {
    let plot_rect = *transform.frame();
    let font = FontId::proportional(11.0);
    let painter = ui.painter().with_clip_rect(plot_rect);
    let galleys: Vec<_> = events
        .iter()
        .map(|Shown { mark, .. }| {
            let text = labels::shorten(&mark.title, 24);
            let color = ui.visuals().text_color();
            painter.layout_no_wrap(text, font.clone(), color)
        })
        .collect();
    let requests: Vec<labels::LabelRequest> = events
        .iter()
        .zip(&galleys)
        .map(|(Shown { mark, .. }, galley)| labels::LabelRequest {
            x_px: f64::from(
                transform
                    .position_from_point_x(mark.start)
                    .max(plot_rect.left())
                    + 3.0,
            ),
            width_px: f64::from(galley.size().x),
        })
        .collect();
    let rows = labels::layout(&requests, LABEL_ROWS, 6.0, f64::from(plot_rect.right()));
    let mut placed = Vec::new();
    for (position, ((Shown { mark, members }, galley), (request, row))) in events
        .iter()
        .zip(galleys)
        .zip(requests.iter().zip(rows))
        .enumerate()
    {
        let Some(row) = row else { continue };
        let category = &model.categories[mark.category];
        #[allow(clippy::cast_possible_truncation)] // screen coordinates
        let pos = Pos2::new(
            request.x_px as f32,
            plot_rect.top() + 4.0 + row as f32 * 15.0,
        );
        let rect = Rect::from_min_size(pos, galley.size());
        let background = ui.visuals().extreme_bg_color.gamma_multiply(0.8);
        painter.rect_filled(rect.expand(1.0), 2.0, background);
        let emphasised = highlight == Some(mark.index) && members.len() == 1;
        painter.line_segment(
            [
                Pos2::new(rect.left() - 2.0, rect.top()),
                Pos2::new(rect.left() - 2.0, rect.bottom()),
            ],
            Stroke::new(if emphasised { 3.0 } else { 2.0 }, solid(category.color)),
        );
        painter.galley(pos, galley, Color32::PLACEHOLDER);
        placed.push((rect, position));
    }
    placed
}

fn casualty_plot(
    ui: &mut Ui,
    shared: Shared<'_>,
    view: &ViewState,
    series: usize,
    height: f32,
    frame: &mut ChartFrame,
) {
    let Shared {
        dataset,
        model,
        interactive,
        requested,
        range: (from, to),
    } = shared;
    let bars = &model.bars[series];
    // The mode selector is still cumulative or per period (raw counts, as before).
    let mode = if view.cumulative {
        BarMode::Cumulative
    } else {
        BarMode::PerPeriod
    };
    let y_top = (bars.max_in(from, to, mode) * 1.12).max(5.0);
    let id = format!("troopline-casualties-{series}");
    let width = ui.available_width();
    let plot = time_plot(&id, height, width, interactive).legend(
        Legend::default()
            .position(Corner::RightTop)
            .background_alpha(0.85),
    );
    let response = plot.show(ui, |plot_ui| {
        apply_range(plot_ui, requested, y_top);
        let columns = (width - plot_common::Y_AXIS_WIDTH).max(1.0) as usize;
        let items: Vec<PlotBar> = bars
            // Twice the visible width, so a drag this frame shows no gap at the edges.
            .visible(
                from - (to - from) / 2.0,
                to + (to - from) / 2.0,
                columns * 2,
                mode,
            )
            .into_iter()
            .map(|(start, end, height)| {
                PlotBar::new((start + end) / 2.0, height)
                    .width((end - start) * 0.92)
                    .fill(translucent(bars.color, 200))
                    .stroke(Stroke::NONE)
            })
            .collect();
        plot_ui.bar_chart(
            BarChart::new(bars.label.clone(), items)
                .color(solid(bars.color))
                .allow_hover(false),
        );
    });
    let transform = response.transform;
    frame.casualty_transforms.push((series, transform));
    if interactive && let Some(pointer) = response.response.hover_pos() {
        let value = transform.value_from_position(pointer);
        if let Some((_, index)) = hover::bar_at(
            std::slice::from_ref(bars),
            &[true],
            (value.x, value.y),
            mode,
        ) {
            frame.hovered = Some(Hovered::Bar { series, index });
            if let Some(description) = describe::bar(dataset, model, series, index) {
                tooltip::at_pointer(&response.response, &description);
            }
        }
    }
}
