//! Performance benchmarks: `cargo bench --bench performance` (results in docs/performance.md).
//!
//! A "frame" is what the window does each frame: run the egui UI of the chart and tessellate
//! its shapes (no GPU). The naive baseline hands every point to egui_plot, as a chart without
//! decimation would.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use egui_plot::{Line, Plot, PlotPoints};
use troopline::chart::ChartModel;
use troopline::chart::hover::{Scale, nearest_point};
use troopline::dataset::{Dataset, Date, Deployment, Event, Point, load_str};
use troopline::export::settings::Format;
use troopline::generate::{self, Options};
use troopline::ui::{ExportLook, RenderSettings, ViewState, chart_view, render};

/// A dataset built in memory: `points` daily points in one series, `events` events.
fn dataset(points: usize, events: usize) -> Dataset {
    let start = Date::from_ymd(1000, 1, 1).unwrap().to_x();
    // In memory, dates may pass year 9999 (only the file format is limited to four digits).
    let day = |i: usize| Date::from_x(start + i as f64).unwrap();
    let points = (0..points)
        .map(|i| Point {
            date: day(i),
            troops: Some(((i * 7919) % 100_000) as u32),
            low: None,
            high: None,
            source: None,
            note: None,
            extra: None,
        })
        .collect();
    let events = (0..events)
        .map(|i| Event {
            date: day(i * 37 % 10_000),
            end: None,
            title: format!("Event {i}"),
            detail: None,
            category: Some(["a", "b", "c"][i % 3].to_owned()),
            source: None,
            importance: None,
        })
        .collect::<Vec<_>>();
    let mut events = events;
    events.sort_by_key(|e| e.date);
    Dataset {
        format: 1,
        title: "Bench".into(),
        subtitle: None,
        notes: None,
        sources: Vec::new(),
        deployments: vec![Deployment {
            id: "s".into(),
            label: "S".into(),
            source: None,
            description: None,
            measure: None,
            line: Default::default(),
            points,
        }],
        casualties: Vec::new(),
        events,
        views: Vec::new(),
    }
}

fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1600.0, 900.0),
        )),
        ..Default::default()
    }
}

/// One frame of the real chart, panned a little each time (as when dragging).
fn chart_frame(
    ctx: &egui::Context,
    dataset: &Dataset,
    model: &ChartModel,
    view: &mut ViewState,
    shift: f64,
) {
    let (from, to) = model.x_range;
    view.request_range(from + shift, to + shift);
    let mut output = ctx.run_ui(input(), |ui| {
        chart_view::show(ui, dataset, model, view, chart_view::Mode::Window);
    });
    black_box(ctx.tessellate(std::mem::take(&mut output.shapes), 1.0));
    output.textures_delta.clear();
}

/// One frame of a plot given every point.
fn naive_frame(ctx: &egui::Context, points: &[[f64; 2]]) {
    let mut output = ctx.run_ui(input(), |ui| {
        Plot::new("naive").show(ui, |plot_ui| {
            plot_ui.line(Line::new("all", PlotPoints::new(points.to_vec())));
        });
    });
    black_box(ctx.tessellate(std::mem::take(&mut output.shapes), 1.0));
    output.textures_delta.clear();
}

fn frames(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame");
    group.sample_size(10);
    for &n in &[1_000usize, 100_000, 1_000_000, 10_000_000] {
        let data = dataset(n, 0);
        let model = ChartModel::new(&data);
        let ctx = egui::Context::default();
        let mut view = ViewState::default();
        group.bench_with_input(BenchmarkId::new("troopline-static", n), &n, |b, _| {
            b.iter(|| chart_frame(&ctx, &data, &model, &mut view, 0.0));
        });
        let mut shift = 0.0;
        group.bench_with_input(BenchmarkId::new("troopline-panning", n), &n, |b, _| {
            b.iter(|| {
                shift = (shift + 1.0) % 100.0;
                chart_frame(&ctx, &data, &model, &mut view, shift);
            });
        });
        let points: Vec<[f64; 2]> = model.lines[0]
            .xs
            .iter()
            .zip(&model.lines[0].ys)
            .map(|(&x, &y)| [x, y])
            .collect();
        if n <= 1_000_000 {
            let ctx = egui::Context::default();
            group.bench_with_input(BenchmarkId::new("naive", n), &n, |b, _| {
                b.iter(|| naive_frame(&ctx, &points));
            });
        }
    }
    let data = dataset(10_000, 100_000);
    let model = ChartModel::new(&data);
    let ctx = egui::Context::default();
    let mut view = ViewState::default();
    group.bench_function("troopline/100k-events", |b| {
        b.iter(|| chart_frame(&ctx, &data, &model, &mut view, 0.0));
    });
    group.finish();
}

fn loading(c: &mut Criterion) {
    let mut group = c.benchmark_group("load+validate");
    group.sample_size(10);
    for &n in &[10_000usize, 1_000_000] {
        let text = generate::to_string(Options {
            points: n,
            events: 0,
            series: 1,
            seed: 1,
        })
        .unwrap();
        group.throughput(criterion::Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, text| {
            b.iter(|| black_box(load_str(text, "bench.ron").unwrap()));
        });
    }
    group.finish();
}

fn hover(c: &mut Criterion) {
    let data = dataset(10_000_000, 0);
    let model = ChartModel::new(&data);
    let scale = Scale {
        px_per_x: 1600.0 / 10_000_000.0,
        px_per_y: 0.004,
    };
    c.bench_function("hover lookup/10M points, zoomed out", |b| {
        let mut x = 0.0;
        b.iter(|| {
            x = (x + 12_345.0) % 10_000_000.0;
            let start = model.lines[0].xs[0];
            black_box(nearest_point(
                &model.lines,
                &[true],
                (start + x, 50_000.0),
                scale,
                14.0,
            ))
        });
    });
}

/// What `troopline export` does after loading: build the plot model, lay the chart out
/// headless, write the SVG, rasterise it (no GPU), encode the PNG and write it atomically; and
/// the same chart as SVG and as PDF.
fn export(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let settings = RenderSettings {
        width: 1600.0,
        height: 900.0,
        scale: 2.0,
        theme: egui::Theme::Light,
        look: ExportLook::default(),
    };
    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    for &n in &[1_000usize, 1_000_000] {
        let data = dataset(n, 0);
        let model = ChartModel::new(&data);
        let view = ViewState::default();
        for format in Format::ALL {
            let out = dir.path().join(format!("chart.{}", format.extension()));
            let id = BenchmarkId::new(format.extension(), n);
            group.bench_with_input(id, &n, |b, _| {
                b.iter(|| {
                    render::save_chart(&data, &model, &view, &settings, format, &out).unwrap();
                });
            });
        }
    }
    group.finish();
}

criterion_group!(benches, loading, frames, hover, export);
criterion_main!(benches);
