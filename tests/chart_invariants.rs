//! The chart's invariants over a matrix of datasets × ranges (including those reached with the
//! keys) × themes × sizes, in the window and in exports, checked on what egui actually laid out:
//!
//! - every plot has at least two date labels, each inside the chart and inside its label row,
//!   and at least two value labels;
//! - every plot maps a date to the same screen x;
//! - every event in view is labelled, alone or in a group, and each label is inside its plot;
//! - no two texts overlap, and no text crosses the chart's edge or its clip rectangle.

// Test helpers fail loudly by design: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fmt::Write as _;

use egui::epaint::{ClippedShape, Shape};
use egui::{Rect, Theme};
use egui_kittest::Harness;
use troopline::chart::ChartModel;
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

    // Date labels under every plot.
    for (i, plot) in frame.plots.iter().enumerate() {
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

    // Every event in view labelled or grouped, labels inside the plot.
    if view.show_events {
        let mut labelled = vec![0usize; dataset.events.len()];
        for (rect, members) in &frame.event_labels {
            assert!(
                troops.frame().expand(0.5).contains_rect(*rect),
                "{case}: event label {rect:?} outside the plot {:?}",
                troops.frame()
            );
            for &m in members {
                labelled[m] += 1;
            }
        }
        for event in events_in_view(dataset, view, (range.from(), range.to())) {
            assert_eq!(
                labelled[event], 1,
                "{case}: event {:?} ({}) has {} labels",
                dataset.events[event].title, dataset.events[event].date, labelled[event]
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
                    check(
                        &case,
                        app.dataset(),
                        app.view(),
                        app.last_chart(),
                        &harness.output().shapes,
                        area,
                    );
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
    drop(harness);
    (frame.into_inner(), shapes)
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
                let (frame, shapes) = export_frame(&dataset, &view, size, theme);
                let case = format!("export of {name} at {size:?} {theme:?}, {start}");
                let area =
                    Rect::from_min_size(egui::Pos2::ZERO, size).shrink(chart_view::EXPORT_MARGIN);
                check(&case, &dataset, &view, &frame, &shapes, area);
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
        egui::vec2(842.0, 595.0),
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
