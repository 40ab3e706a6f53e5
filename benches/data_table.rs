//! The data table: `cargo bench --bench table` (results in docs/performance.md).
//!
//! A "frame" is one run of the egui UI with the data panel open in a 420-point side panel (as
//! the window opens it) on a 20,000-row series, plus tessellating its shapes (no GPU). The
//! baseline is the table as it was before `egui_extras`: a `Grid` that formatted and sorted
//! every row each frame (`support/grid_table.rs`).

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

#[path = "support/grid_table.rs"]
mod grid_table;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use troopline::dataset::{Dataset, Date, Deployment, Point, Source};
use troopline::ui::{Hovered, data_panel};

const ROWS: usize = 20_000;

/// One series of `rows` daily points with sources, ranges and notes, as a busy real series has.
fn dataset(rows: usize) -> Dataset {
    let start = Date::from_ymd(1950, 1, 1).unwrap().to_x();
    let sources = ["dod", "crs", "ap"];
    let points = (0..rows)
        .map(|i| Point {
            date: Date::from_x(start + i as f64).unwrap(),
            troops: Some(((i * 7919) % 200_000) as u32),
            low: (i % 4 == 0).then(|| ((i * 7919) % 200_000) as u32 / 2),
            high: None,
            source: Some(sources[i % 3].to_owned()),
            note: (i % 3 == 0).then(|| {
                format!("Monthly average of boots on the ground, report {i}, excluding contractors")
            }),
            extra: None,
        })
        .collect();
    let source = |id: &str, title: &str| Source {
        id: id.into(),
        title: title.into(),
        publisher: "Publisher".into(),
        url: None,
        published: None,
    };
    Dataset {
        format: 1,
        title: "Bench".into(),
        subtitle: None,
        notes: None,
        views: Vec::new(),
        sources: vec![
            source("dod", "DoD Boots on the Ground report"),
            source(
                "crs",
                "Congressional Research Service, troop levels in Iraq and Afghanistan",
            ),
            source("ap", "Associated Press"),
        ],
        deployments: vec![Deployment {
            id: "s".into(),
            label: "Troops".into(),
            description: None,
            measure: None,
            source: None,
            line: Default::default(),
            points,
        }],
        casualties: Vec::new(),
        events: Vec::new(),
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

/// One frame of the window's data panel drawn by `panel`, then tessellated.
fn frame(ctx: &egui::Context, panel: &mut dyn FnMut(&mut egui::Ui)) {
    let mut output = ctx.run_ui(input(), |ui| {
        egui::Panel::right("troopline-data")
            .default_size(420.0)
            .show(ui, |ui| panel(ui));
    });
    black_box(ctx.tessellate(std::mem::take(&mut output.shapes), 1.0));
    output.textures_delta.clear();
}

fn table(c: &mut Criterion) {
    let data = dataset(ROWS);
    // The chart hovers a point near the end: the table highlights it (and may scroll to it).
    let chart_hover = Some(Hovered::Point {
        series: 0,
        index: ROWS - 10,
    });
    let mut group = c.benchmark_group("data table, 20k rows");
    group.sample_size(20);
    for (name, sort) in [("file order", None), ("sorted by troops", Some(1))] {
        let ctx = egui::Context::default();
        let mut state = data_panel::TableState::default();
        state.sort = sort;
        group.bench_function(format!("table, {name}"), |b| {
            b.iter(|| {
                frame(&ctx, &mut |ui| {
                    black_box(data_panel::show(ui, &data, &mut state, chart_hover));
                });
            });
        });
        let ctx = egui::Context::default();
        let mut state = grid_table::TableState {
            sort,
            ..Default::default()
        };
        group.bench_function(format!("grid (before), {name}"), |b| {
            b.iter(|| {
                frame(&ctx, &mut |ui| {
                    black_box(grid_table::show(ui, &data, &mut state, chart_hover));
                });
            });
        });
    }
    group.finish();
}

criterion_group!(benches, table);
criterion_main!(benches);
