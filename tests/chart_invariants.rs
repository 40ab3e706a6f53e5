//! The chart's invariants over a matrix of datasets × ranges (including those reached with the
//! keys) × themes × sizes, in the window and in exports, checked on what egui actually laid out:
//!
//! - every plot has at least two date labels, each inside the chart and inside its label row,
//!   and at least two value labels;
//! - every plot maps a date to the same screen x;
//! - every event in view is labelled or ticked, exactly once; labels sit in the rows above the
//!   troop plot, ticks along its top edge;
//! - an event label is always an event's whole title: never cut, never a count ("+2",
//!   "4 events");
//! - every text in the chart has at least 4.5:1 contrast with the background;
//! - event marks never take a colour near a series colour;
//! - no two texts overlap, and no text crosses the chart's edge or its clip rectangle.

// Test helpers fail loudly by design: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fmt::Write as _;

use egui::epaint::{ClippedShape, Shape};
use egui::{Color32, Rect, Theme};
use egui_kittest::Harness;
use troopline::chart::ChartModel;
use troopline::chart::{palette, vision};
use troopline::dataset::{Dataset, Date, builtin, load_str};
use troopline::ui::chart_view::{self, ExportLook, Mode};
use troopline::ui::{Action, ChartFrame, Origin, TrooplineApp, ViewState};

// ---------------------------------------------------------------------------------------------
// Datasets

fn x(date: &str) -> f64 {
    Date::parse(date).unwrap().to_x()
}

/// A small deterministic generator, so the datasets are varied but the same every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below.max(1)
    }
}

fn date(year: i32, day_of_year: u64) -> String {
    let first = Date::from_ymd(year, 1, 1).unwrap().to_x();
    Date::from_x(first + day_of_year.min(364) as f64)
        .unwrap()
        .to_string()
}

struct Spec {
    title: String,
    years: (i32, i32),
    series: usize,
    casualty_series: usize,
    events: usize,
    huge: bool,
    edge_events: bool,
    long_titles: bool,
}

impl Spec {
    fn new(title: &str, years: (i32, i32)) -> Self {
        Self {
            title: title.to_owned(),
            years,
            series: 1,
            casualty_series: 1,
            events: 6,
            huge: false,
            edge_events: false,
            long_titles: false,
        }
    }

    fn text(&self) -> String {
        let mut rng = Lcg(self.years.0 as u64 * 31 + self.series as u64);
        let (first, last) = self.years;
        let mut out = format!(
            "Dataset(format: 1, title: {:?}, subtitle: \"Generated for the invariant tests\",\n\
             sources: [Source(id: \"s\", title: \"Source\", publisher: \"Publisher\")],\ndeployments: [",
            self.title
        );
        for s in 0..self.series {
            let label = if self.long_titles {
                format!("Series {s} with a rather long label that names its measure in full")
            } else {
                format!("Series {s}")
            };
            write!(
                out,
                "Deployment(id: \"d{s}\", label: {label:?}, source: \"s\", points: ["
            )
            .unwrap();
            for year in first..=last {
                let (base, spread) = if self.huge {
                    (3_500_000_000, 790_000_000)
                } else {
                    (1_000 * (s as u64 + 1), 250 * (s as u64 + 1))
                };
                let troops = base + rng.next(spread);
                write!(out, "(date: \"{}\", troops: {troops}),", date(year, 120)).unwrap();
            }
            out.push_str("]),\n");
        }
        out.push_str("],\ncasualties: [");
        for c in 0..self.casualty_series {
            write!(
                out,
                "Casualties(id: \"c{c}\", label: \"Casualty series {c}\", source: \"s\", periods: ["
            )
            .unwrap();
            for year in first..=last {
                let count = rng.next(10u64.pow(c as u32 % 5 + 1));
                write!(
                    out,
                    "(from: \"{year}-01-01\", to: \"{year}-12-31\", count: {count}),"
                )
                .unwrap();
            }
            out.push_str("]),\n");
        }
        out.push_str("],\nevents: [");
        let categories = ["military", "political", "diplomatic", "attack"];
        for e in 0..self.events {
            let year = first + rng.next((last - first + 1) as u64) as i32;
            let title = if self.long_titles || e % 7 == 3 {
                format!("Event {e}: a long title that goes on well past twenty-five characters")
            } else {
                format!("Event {e}")
            };
            write!(
                out,
                "Event(date: \"{}\", title: {title:?}, category: {:?}),",
                date(year, rng.next(365)),
                categories[e % categories.len()]
            )
            .unwrap();
        }
        if self.edge_events {
            write!(
                out,
                "Event(date: \"{first}-01-01\", title: \"The very first event of the data\"),\
                 Event(date: \"{last}-12-31\", title: \"The very last event of the data\"),"
            )
            .unwrap();
        }
        out.push_str("])");
        out
    }

    fn dataset(&self) -> Dataset {
        load_str(&self.text(), "generated.ron").unwrap_or_else(|e| panic!("{}: {e}", self.title))
    }
}

fn datasets() -> Vec<(&'static str, Dataset)> {
    let mut vietnam = Spec::new("US troops in Vietnam", (1959, 1975));
    vietnam.series = 2;
    vietnam.casualty_series = 2;
    vietnam.edge_events = true;
    let mut cold_war = Spec::new("US troops abroad, 1950–2020", (1950, 2020));
    cold_war.series = 6;
    cold_war.casualty_series = 3;
    cold_war.events = 40;
    let mut edges = Spec::new("Events at both edges", (2001, 2021));
    edges.edge_events = true;
    edges.events = 12;
    let mut crowd = Spec::new("Thousands of events", (1990, 2010));
    crowd.events = 3_000;
    let mut long = Spec::new(&"A very long title ".repeat(5_000), (2000, 2010));
    long.long_titles = true;
    long.series = 3;
    let mut eight = Spec::new("Eight casualty series", (1995, 2015));
    eight.casualty_series = 8;
    let mut huge = Spec::new("Huge counts", (2000, 2005));
    huge.huge = true;
    let one_point = load_str(
        r#"Dataset(format: 1, title: "One point", deployments: [Deployment(id: "a", label: "A", points: [(date: "2001-05-01", troops: 5)])])"#,
        "one.ron",
    )
    .unwrap();
    vec![
        ("built-in", builtin().unwrap()),
        ("vietnam", vietnam.dataset()),
        ("cold war", cold_war.dataset()),
        ("edges", edges.dataset()),
        ("crowd", crowd.dataset()),
        ("long title", long.dataset()),
        ("eight casualty series", eight.dataset()),
        ("huge counts", huge.dataset()),
        ("one point", one_point),
    ]
}

// ---------------------------------------------------------------------------------------------
// Checks

/// Texts drawn this frame, one entry per row of text, with the row's rectangle and the clip
/// rectangle (a wrapped label's rows are checked one by one: their bounding box would overlap
/// whatever sits beside its first row).
fn texts(shapes: &[ClippedShape]) -> Vec<(String, Rect, Rect)> {
    shapes
        .iter()
        .filter_map(|clipped| match &clipped.shape {
            Shape::Text(text) => Some((text, clipped.clip_rect)),
            _ => None,
        })
        .flat_map(|(text, clip)| {
            text.galley.rows.iter().filter_map(move |row| {
                let glyphs = &row.row.glyphs;
                let content: String = glyphs.iter().map(|g| g.chr).collect();
                let (first, last) = (glyphs.first()?, glyphs.last()?);
                // The glyphs' extent: a wrapped label's first row starts after a leading space.
                let offset = text.pos.to_vec2() + row.pos.to_vec2();
                let rect = Rect::from_x_y_ranges(
                    first.pos.x..=last.pos.x + last.advance_width,
                    row.rect().y_range(),
                )
                .translate(egui::vec2(offset.x, text.pos.y));
                (!content.trim().is_empty()).then_some((content, rect, clip))
            })
        })
        .collect()
}

/// Every text row drawn, with its colour (the first section's, or the shape's fallback).
fn text_colors(shapes: &[ClippedShape]) -> Vec<(String, Rect, Color32)> {
    shapes
        .iter()
        .filter_map(|clipped| match &clipped.shape {
            Shape::Text(text) => Some(text),
            _ => None,
        })
        .flat_map(|text| {
            text.galley.rows.iter().filter_map(move |row| {
                let glyphs = &row.row.glyphs;
                let content: String = glyphs.iter().map(|g| g.chr).collect();
                glyphs.first()?;
                // The row's mesh carries its glyphs' colours (a placeholder until painted).
                let vertex = row.row.visuals.mesh.vertices.first();
                let mut color = vertex.map_or(Color32::PLACEHOLDER, |v| v.color);
                if let Some(over) = text.override_text_color {
                    color = over;
                }
                if color == Color32::PLACEHOLDER {
                    color = text.fallback_color;
                }
                let color = color.gamma_multiply(text.opacity_factor);
                let rect = row.rect().translate(text.pos.to_vec2());
                (!content.trim().is_empty()).then_some((content, rect, color))
            })
        })
        .collect()
}

/// `color` (perhaps translucent) over `background`, as sRGB.
fn over(color: Color32, background: Color32) -> [u8; 3] {
    let [r, g, b, a] = color.to_srgba_unmultiplied();
    let alpha = f32::from(a) / 255.0;
    let mix = |c: u8, bg: u8| (f32::from(c) * alpha + f32::from(bg) * (1.0 - alpha)).round() as u8;
    [
        mix(r, background.r()),
        mix(g, background.g()),
        mix(b, background.b()),
    ]
}

/// Every text inside the chart reads at 4.5:1 or better on `background`.
fn check_contrast(case: &str, frame: &ChartFrame, shapes: &[ClippedShape], background: Color32) {
    let bg = [background.r(), background.g(), background.b()];
    for (text, rect, color) in text_colors(shapes) {
        if !frame.rect.contains_rect(rect) {
            continue;
        }
        let ratio = vision::contrast(over(color, background), bg);
        assert!(
            ratio >= 4.5,
            "{case}: {text:?} in {color:?} has contrast {ratio:.2} on {background:?}"
        );
    }
}

/// Event ticks and the lines leading to labels keep well away from every series colour.
fn check_event_colors(
    case: &str,
    frame: &ChartFrame,
    shapes: &[ClippedShape],
    background: Color32,
) {
    let Some(troops) = frame.troops_transform else {
        return;
    };
    let top = troops.frame().top();
    let marks = frame
        .event_ticks
        .iter()
        .map(|(rect, _)| rect.expand(0.6))
        .collect::<Vec<_>>();
    for clipped in shapes {
        let Shape::LineSegment { points, stroke } = &clipped.shape else {
            continue;
        };
        let vertical = (points[0].x - points[1].x).abs() < 0.01;
        let tick = marks
            .iter()
            .any(|m| m.contains(points[0]) && m.contains(points[1]));
        let leader = vertical
            && frame.event_strip.expand(0.5).contains(points[0])
            && (points[1].y - top).abs() < 0.5;
        if !(tick || leader) {
            continue;
        }
        let ink = over(stroke.color, background);
        for index in 0..16 {
            let series = palette::series(index);
            let distance = vision::distance(ink, series, None);
            assert!(
                distance >= palette::MIN_DISTANCE,
                "{case}: an event mark in {ink:?} is {distance:.1} from series colour {series:?}"
            );
        }
    }
}

/// The overview strip's window covers exactly the range in view, and the range stays on the
/// data (the whole data with its small margin).
fn check_navigator(case: &str, frame: &ChartFrame, all: troopline::chart::range::DateRange) {
    let range = frame.range.unwrap();
    let nav = frame
        .navigator
        .unwrap_or_else(|| panic!("{case}: no navigator"));
    let day_per_px = all.width() / f64::from(nav.strip.width());
    let (from, to) = (
        nav.x_at(nav.window.left(), all),
        nav.x_at(nav.window.right(), all),
    );
    assert!(
        (from - range.from()).abs() <= day_per_px * 1.01
            && ((to - range.to()).abs() <= day_per_px * 1.01 || nav.window.width() <= 2.01),
        "{case}: the navigator shows {from}..{to}, the chart {range:?}"
    );
    assert!(
        range.from() >= all.from() - 1e-6 && range.to() <= all.to() + 1e-6,
        "{case}: {range:?} runs past the data {all:?}"
    );
}

/// Event labels in an export: each is one of its events' whole titles, and nothing reads like a
/// count standing in for events.
fn check_export_labels(case: &str, dataset: &Dataset, frame: &ChartFrame, shapes: &[ClippedShape]) {
    let all = texts(shapes);
    for (rect, members) in &frame.event_labels {
        let text: Vec<&String> = all
            .iter()
            .filter(|(_, r, _)| rect.expand(0.5).contains_rect(*r))
            .map(|(t, _, _)| t)
            .collect();
        assert_eq!(
            text.len(),
            1,
            "{case}: label at {rect:?} has texts {text:?}"
        );
        assert!(
            members.iter().any(|&m| dataset.events[m].title == *text[0]),
            "{case}: label {:?} is not the whole title of any of its events",
            text[0]
        );
    }
    for (text, _, _) in &all {
        let t = text.trim();
        let count_badge = t
            .strip_suffix(" events")
            .or_else(|| t.strip_suffix(" event"));
        assert!(
            count_badge.is_none_or(|n| n.replace(',', "").parse::<u64>().is_err()),
            "{case}: placeholder {t:?}"
        );
        let plus = t.rsplit_once(" +").map(|(_, n)| n).or(t.strip_prefix('+'));
        assert!(
            plus.is_none_or(|n| n.parse::<u64>().is_err()),
            "{case}: placeholder {t:?}"
        );
    }
}

/// Events of `dataset` that the chart should show between `from` and `to`.
fn events_in_view(dataset: &Dataset, view: &ViewState, (from, to): (f64, f64)) -> Vec<usize> {
    dataset
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            let start = e.date.to_x();
            let end = e.end.map_or(start, |d| d.to_x() + 1.0);
            let category = e.category.as_deref().unwrap_or("other");
            start <= to && end >= from && view.shows_category(category)
        })
        .map(|(i, _)| i)
        .collect()
}

/// Every invariant, for one laid-out frame. `area` is what the chart may draw in.
fn check(
    case: &str,
    dataset: &Dataset,
    view: &ViewState,
    frame: &ChartFrame,
    shapes: &[ClippedShape],
    area: Rect,
) {
    let range = frame.range.unwrap_or_else(|| panic!("{case}: no range"));
    let all = texts(shapes);
    let inside: Vec<&(String, Rect, Rect)> = all
        .iter()
        .filter(|(_, rect, _)| rect.intersects(frame.rect))
        .collect();
    assert!(!frame.plots.is_empty(), "{case}: no plot");

    // Date labels under the troop plot and the last casualty plot (the casualty plots share
    // theirs).
    let last = frame.plots.len() - 1;
    for (i, plot) in frame.plots.iter().enumerate() {
        if i != 0 && i != last {
            assert!(
                plot.axis_row == Rect::NOTHING,
                "{case}: plot {i} has its own dates"
            );
            continue;
        }
        let labels: Vec<&String> = inside
            .iter()
            .filter(|(_, rect, _)| plot.axis_row.contains(rect.center()))
            .map(|(text, rect, _)| {
                assert!(
                    rect.left() >= area.left() - 0.5 && rect.right() <= area.right() + 0.5,
                    "{case}: date label {text:?} at {rect:?} leaves the chart {area:?}"
                );
                text
            })
            .collect();
        assert!(
            labels.len() >= 2,
            "{case}: plot {i} has date labels {labels:?}"
        );
    }

    // One x mapping.
    let troops = frame
        .troops_transform
        .unwrap_or_else(|| panic!("{case}: no troop plot"));
    for (series, transform) in &frame.casualty_transforms {
        for x in [range.from(), range.middle(), range.to()] {
            let a = troops.position_from_point_x(x);
            let b = transform.position_from_point_x(x);
            assert!(
                (a - b).abs() < 0.01,
                "{case}: casualty plot {series} maps x to {b}, troops to {a}"
            );
        }
    }

    // Every event in view labelled or ticked once; labels above the plot, ticks on its edge.
    if view.show_events {
        let mut marked = vec![0usize; dataset.events.len()];
        for (rect, members) in &frame.event_labels {
            assert!(
                frame.event_strip.expand(0.5).contains_rect(*rect),
                "{case}: event label {rect:?} outside its rows {:?}",
                frame.event_strip
            );
            for &m in members {
                marked[m] += 1;
            }
        }
        for (rect, members) in &frame.event_ticks {
            assert!(
                troops.frame().expand(1.0).contains_rect(*rect),
                "{case}: event tick {rect:?} outside the plot {:?}",
                troops.frame()
            );
            for &m in members {
                marked[m] += 1;
            }
        }
        for event in events_in_view(dataset, view, (range.from(), range.to())) {
            assert_eq!(
                marked[event], 1,
                "{case}: event {:?} ({}) has {} marks",
                dataset.events[event].title, dataset.events[event].date, marked[event]
            );
        }
    }

    // No text overlaps another or crosses its edges.
    for (text, rect, clip) in &inside {
        assert!(
            area.expand(0.5).contains_rect(*rect),
            "{case}: {text:?} at {rect:?} crosses the chart's edge {area:?}"
        );
        assert!(
            clip.expand(0.5).contains_rect(*rect),
            "{case}: {text:?} at {rect:?} is cut by its clip {clip:?}"
        );
    }
    for (i, (a, ra, _)) in inside.iter().enumerate() {
        for (b, rb, _) in &inside[i + 1..] {
            let overlap = ra.intersect(*rb);
            assert!(
                !(overlap.width() > 0.5 && overlap.height() > 0.5),
                "{case}: {a:?} at {ra:?} overlaps {b:?} at {rb:?}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Ranges

/// Key presses from a starting range: what a user reaches with +, −, ← and →.
const KEY_PATHS: [&[Action]; 6] = [
    &[Action::ZoomIn],
    &[
        Action::ZoomIn,
        Action::ZoomIn,
        Action::ZoomIn,
        Action::Pan(0.1),
    ],
    &[Action::ZoomOut, Action::ZoomOut, Action::ZoomOut],
    &[Action::Pan(-0.1), Action::Pan(-0.1), Action::Pan(-0.1)],
    &[const { Action::ZoomIn }; 12],
    &[
        Action::ZoomIn,
        Action::ZoomIn,
        Action::ZoomIn,
        Action::ZoomIn,
        Action::ZoomIn,
        Action::ZoomIn,
        Action::Pan(0.1),
        Action::Pan(0.1),
        Action::Pan(0.1),
        Action::Pan(0.1),
        Action::Pan(0.1),
        Action::Pan(0.1),
        Action::Pan(0.1),
        Action::Pan(0.1),
        Action::Pan(0.1),
        Action::Pan(0.1),
    ],
];

/// Ranges to start from: everything, a week, a year, a decade and a millennium around the
/// middle of the data.
fn starts(dataset: &Dataset) -> Vec<(&'static str, Option<(f64, f64)>)> {
    let model = ChartModel::new(dataset);
    let middle = (model.x_range.0 + model.x_range.1) / 2.0;
    let around = |days: f64| Some((middle - days / 2.0, middle + days / 2.0));
    vec![
        ("all", None),
        ("a week", around(7.0)),
        ("a year", around(365.0)),
        ("a decade", around(3652.0)),
        ("a millennium", around(365_242.0)),
    ]
}

// ---------------------------------------------------------------------------------------------
// The matrix

/// The window at `size` points, `scale` physical pixels per point: 1.5 is egui's zoom at 150 %
/// (Ctrl +), which leaves a window `1 / scale` as many points.
fn window_harness(
    dataset: Dataset,
    size: egui::Vec2,
    theme: Theme,
    scale: f32,
) -> Harness<'static, TrooplineApp> {
    let mut app = TrooplineApp::new(dataset, Origin::Builtin, ViewState::default());
    app.set_export_target(None, false);
    let mut harness = Harness::builder()
        .with_size(size)
        .with_pixels_per_point(scale)
        .with_theme(theme)
        .build_ui_state(|ui, app: &mut TrooplineApp| app.show(ui), app);
    harness.run_steps(3);
    harness
}

#[test]
fn the_window_keeps_its_invariants_everywhere() {
    for (name, dataset) in datasets() {
        for (size, theme, scale) in [
            (egui::vec2(1280.0, 800.0), Theme::Light, 1.0),
            (egui::vec2(1024.0, 600.0), Theme::Dark, 1.0),
            // A 1280×800 window zoomed to 150 %.
            (egui::vec2(1280.0, 800.0) / 1.5, Theme::Light, 1.5),
        ] {
            let mut harness = window_harness(dataset.clone(), size, theme, scale);
            let all = chart_view::full_range(&ChartModel::new(&dataset));
            for (start, range) in starts(&dataset) {
                for path in KEY_PATHS {
                    {
                        let view = harness.state_mut().view_mut();
                        view.range = None;
                        if let Some((from, to)) = range {
                            view.request_range(from, to);
                        }
                    }
                    harness.run_steps(2);
                    let ctx = harness.ctx.clone();
                    for action in path {
                        harness.state_mut().perform(&ctx, action.clone());
                    }
                    harness.run_steps(2);
                    let case = format!(
                        "{name} at {size:?} ×{scale} {theme:?}, from {start} then {path:?}"
                    );
                    let app = harness.state();
                    let area = app.last_chart().rect;
                    let shapes = &harness.output().shapes;
                    check(
                        &case,
                        app.dataset(),
                        app.view(),
                        app.last_chart(),
                        shapes,
                        area,
                    );
                    let background = harness.ctx.global_style().visuals.panel_fill;
                    check_contrast(&case, app.last_chart(), shapes, background);
                    check_event_colors(&case, app.last_chart(), shapes, background);
                    check_navigator(&case, app.last_chart(), all);
                }
            }
        }
    }
}

/// A headless export frame of `dataset` at `size`, as `troopline export` lays it out.
fn export_frame(
    dataset: &Dataset,
    view: &ViewState,
    size: egui::Vec2,
    theme: Theme,
) -> (ChartFrame, Vec<ClippedShape>) {
    let (frame, shapes, _) = export_frame_on(dataset, view, size, theme);
    (frame, shapes)
}

/// As [`export_frame`], with the background the chart was drawn on.
fn export_frame_on(
    dataset: &Dataset,
    view: &ViewState,
    size: egui::Vec2,
    theme: Theme,
) -> (ChartFrame, Vec<ClippedShape>, Color32) {
    let model = ChartModel::new(dataset);
    let mut view = view.clone();
    let frame = std::cell::RefCell::new(ChartFrame::default());
    let mut harness = Harness::builder()
        .with_size(size)
        .with_theme(theme)
        .build_ui(|ui| {
            egui::CentralPanel::default()
                .frame(egui::Frame::central_panel(ui.style()).inner_margin(0.0))
                .show(ui, |ui| {
                    let drawn = chart_view::show(
                        ui,
                        dataset,
                        &model,
                        &mut view,
                        Mode::Export(ExportLook::default()),
                    );
                    *frame.borrow_mut() = drawn;
                });
        });
    harness.run_steps(3);
    let shapes = harness.output().shapes.clone();
    let background = harness.ctx.global_style().visuals.panel_fill;
    drop(harness);
    (frame.into_inner(), shapes, background)
}

#[test]
fn exports_keep_their_invariants_everywhere() {
    for (name, dataset) in datasets() {
        for (size, theme) in [
            (egui::vec2(1600.0, 900.0), Theme::Light),
            (egui::vec2(842.0, 595.0), Theme::Dark),
            (egui::vec2(1200.0, 675.0), Theme::Light),
        ] {
            for (start, range) in starts(&dataset) {
                let mut view = ViewState::default();
                if let Some((from, to)) = range {
                    view.request_range(from, to);
                }
                let (frame, shapes, background) = export_frame_on(&dataset, &view, size, theme);
                let case = format!("export of {name} at {size:?} {theme:?}, {start}");
                let area =
                    Rect::from_min_size(egui::Pos2::ZERO, size).shrink(chart_view::EXPORT_MARGIN);
                check(&case, &dataset, &view, &frame, &shapes, area);
                check_export_labels(&case, &dataset, &frame, &shapes);
                check_contrast(&case, &frame, &shapes, background);
                check_event_colors(&case, &frame, &shapes, background);
            }
        }
    }
}

#[test]
fn a_chart_that_cannot_fit_every_casualty_series_says_so() {
    let mut spec = Spec::new("Eight casualty series", (1995, 2015));
    spec.casualty_series = 8;
    let (frame, shapes) = export_frame(
        &spec.dataset(),
        &ViewState::default(),
        egui::vec2(842.0, 400.0),
        Theme::Light,
    );
    assert!(frame.left_out > 0, "the small page cannot hold eight plots");
    assert_eq!(frame.casualty_transforms.len() + frame.left_out, 8);
    let note = texts(&shapes)
        .into_iter()
        .find(|(t, _, _)| t.contains("more casualty series not shown"));
    assert!(note.is_some(), "the left-out series are named");
}

#[test]
fn a_huge_title_never_pushes_the_plots_off_the_chart() {
    let long = Spec::new(&"A very long title ".repeat(5_000), (2000, 2010));
    let size = egui::vec2(1200.0, 675.0);
    let (frame, _) = export_frame(&long.dataset(), &ViewState::default(), size, Theme::Light);
    let plot = frame.troops_transform.unwrap();
    assert!(plot.frame().height() >= 100.0, "{:?}", plot.frame());
    assert!(plot.frame().top() < size.y * 0.4, "{:?}", plot.frame());
}

#[test]
fn a_week_of_a_pre_1970_dataset_has_day_labels() {
    let vietnam = Spec::new("US troops in Vietnam", (1959, 1975)).dataset();
    let mut view = ViewState::default();
    view.request_range(x("1968-01-28"), x("1968-02-04"));
    let (frame, shapes) = export_frame(&vietnam, &view, egui::vec2(1600.0, 900.0), Theme::Light);
    let row = frame.plots[0].axis_row;
    let labels: Vec<String> = texts(&shapes)
        .into_iter()
        .filter(|(_, rect, _)| row.contains(rect.center()))
        .map(|(t, _, _)| t)
        .collect();
    assert!(
        labels
            .iter()
            .any(|l| l.contains("Feb 1968") || l.contains("Jan 1968")),
        "{labels:?}"
    );
}

/// The troop plot (its label rows included) takes at least `share` of the picture from the
/// title to the source line.
fn troop_share(frame: &ChartFrame, size: egui::Vec2) -> f32 {
    let picture = size.y - 2.0 * chart_view::EXPORT_MARGIN;
    let troops = *frame.troops_transform.unwrap().frame();
    (troops.bottom() - frame.event_strip.top()) / picture
}

#[test]
fn the_troop_plot_gets_the_most_room() {
    let mut cases = Vec::new();
    for (casualty_series, least) in [(3, 0.45), (1, 0.55)] {
        let mut spec = Spec::new("Troops and casualties", (2003, 2011));
        spec.casualty_series = casualty_series;
        spec.events = 20;
        cases.push((spec.dataset(), casualty_series, least));
    }
    let mut builtin = builtin().unwrap();
    builtin.casualties.truncate(3);
    let three = builtin.casualties.len();
    cases.push((builtin, three, 0.45));
    for (dataset, series, least) in &cases {
        for size in [egui::vec2(1600.0, 900.0), egui::vec2(1000.0, 560.0)] {
            for theme in [Theme::Light, Theme::Dark] {
                let (frame, _) = export_frame(dataset, &ViewState::default(), size, theme);
                assert_eq!(frame.left_out, 0, "{series} series at {size:?}");
                let share = troop_share(&frame, size);
                assert!(
                    share >= *least,
                    "{} with {series} casualty series at {size:?}: the troop plot has {share:.2}",
                    dataset.title
                );
            }
        }
    }
}

#[test]
fn the_built_in_export_labels_a_handful_of_events() {
    let (frame, _) = export_frame(
        &builtin().unwrap(),
        &ViewState::default(),
        egui::vec2(1600.0, 900.0),
        Theme::Light,
    );
    let labelled = frame.event_labels.len();
    assert!((5..=15).contains(&labelled), "{labelled} labelled events");
}
