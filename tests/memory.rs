//! Memory per point: loading allocates nothing per point beyond the parsed values themselves,
//! and what stays in memory is close to the data's own size.
//!
//! One test per file: the heap profiler counts every allocation of the process.
//! `cargo test --release --test memory -- --nocapture` prints the figures in docs/performance.md.

// Test helpers fail loudly by design: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use troopline::chart::ChartModel;
use troopline::dataset::{Point, load_str};
use troopline::generate::{self, Options};

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

#[test]
fn loading_and_indexing_cost_a_fixed_number_of_bytes_per_point() {
    const POINTS: usize = 200_000;
    let text = generate::to_string(Options {
        points: POINTS,
        events: 0,
        series: 1,
        seed: 1,
    })
    .unwrap();
    let per_point = |bytes: u64| bytes as f64 / POINTS as f64;

    // Only what happens after this line is counted; the text itself is already in memory.
    let _profiler = dhat::Profiler::builder().testing().build();
    let dataset = load_str(&text, "memory.ron").unwrap();
    let loaded = dhat::HeapStats::get();
    assert_eq!(dataset.deployments[0].points.len(), POINTS);

    let model = ChartModel::new(&dataset);
    let indexed = dhat::HeapStats::get();
    let model_bytes = indexed.curr_bytes - loaded.curr_bytes;
    let model_blocks = indexed.total_blocks - loaded.total_blocks;

    let point_size = size_of::<Point>();
    eprintln!(
        "{POINTS} points: text {:.1} B/point; dataset {:.1} B/point (a Point is {point_size} B); \
         peak while loading {:.1} B/point above the text; {} allocations while loading; \
         chart model {:.1} B/point in {model_blocks} allocations",
        per_point(text.len() as u64),
        per_point(loaded.curr_bytes as u64),
        per_point(loaded.max_bytes as u64),
        loaded.total_blocks,
        per_point(model_bytes as u64),
    );
    // No allocation per point: a few per series and per parse piece, whatever the length.
    assert!(
        loaded.total_blocks < 2_000,
        "{} allocations to load {POINTS} points",
        loaded.total_blocks
    );
    // What stays is the points themselves, without growth slack.
    assert!(
        per_point(loaded.curr_bytes as u64) < point_size as f64 * 1.05,
        "{} bytes kept",
        loaded.curr_bytes
    );
    // Parsing needs at most about two copies of the values on top of the text.
    assert!(
        per_point(loaded.max_bytes as u64) < point_size as f64 * 2.5 + per_point(text.len() as u64)
    );
    // The plot model: x and y as f64, and the band's low and high (generated series carry a
    // range), 32 bytes, plus indexes of a few percent.
    assert!(model.lines[0].band.is_some());
    assert!(per_point(model_bytes as u64) < 36.0, "{model_bytes} bytes");
    assert!(model_blocks < 1_000, "{model_blocks} allocations");
    drop(model);
}
