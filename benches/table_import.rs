//! Table and RON loading benchmarks: `cargo bench --bench tables` (results in
//! docs/performance.md).
//!
//! - tables: 1,000,000-row CSV files, wide (one and three series) and tidy (what
//!   `export-csv` writes), read and validated from memory;
//! - panel: a 30,000-row × 30-column entity panel (200 countries × 150 years, as the
//!   public data on US troops abroad), detected and read with and without `--only`;
//! - RON: the same datasets through `load_str` (with the quick reader and piecewise parse for
//!   texts over 64 KiB) against ron alone, from the hand-written built-in file to 1M points,
//!   to decide whether the fast path earns its keep.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ron::extensions::Extensions;
use troopline::dataset::table::{FileKind, load_table_bytes};
use troopline::dataset::{BUILTIN_RON, Dataset, Date, TableOptions, load_str};
use troopline::generate::{self, Options};

/// `date,s0,s1,...` with daily rows from 1000-01-01.
fn wide_csv(rows: usize, series: usize) -> String {
    let mut text = String::from("date");
    for s in 0..series {
        let _ = write!(text, ",Series {s}");
    }
    text.push('\n');
    let start = Date::from_ymd(1000, 1, 1).unwrap().to_x();
    for row in 0..rows {
        let date = Date::from_x(start + row as f64).unwrap();
        let _ = write!(text, "{date}");
        for s in 0..series {
            let _ = write!(text, ",{}", (row * 7919 + s * 104_729) % 200_000);
        }
        text.push('\n');
    }
    text
}

/// `countryname,ccode,iso3c,year,troops,...` with `countries` × `years` rows and 30 columns.
fn panel_csv(countries: usize, years: usize) -> String {
    let mut text =
        String::from("countryname,ccode,iso3c,year,troops,army,navy,air_force,marine_corps,region");
    for extra in 10..30 {
        let _ = write!(text, ",v{extra}");
    }
    text.push('\n');
    for c in 0..countries {
        for y in 0..years {
            let _ = write!(
                text,
                "Country {c},{c},C{c:02},{},{},{},{},{},{},Region {}",
                1875 + y,
                (c * 7919 + y * 104_729) % 200_000,
                c + y,
                c * 2 + y,
                c * 3 + y,
                c * 4 + y,
                c % 7
            );
            for extra in 10..30 {
                let _ = write!(text, ",{}", extra * y);
            }
            text.push('\n');
        }
    }
    text
}

fn panels(c: &mut Criterion) {
    let mut group = c.benchmark_group("panel load+validate");
    group.sample_size(10);
    let text = panel_csv(200, 150);
    group.throughput(Throughput::Elements(30_000));
    group.bench_function("30,000 rows × 30 columns, 10 largest", |b| {
        b.iter(|| black_box(read_table(text.as_bytes())));
    });
    let only = TableOptions {
        entity: Some("countryname".into()),
        values: vec!["troops".into()],
        only: vec![
            "Country 5".into(),
            "Country 17".into(),
            "Country 150".into(),
        ],
        ..TableOptions::default()
    };
    group.bench_function("30,000 rows × 30 columns, --only 3", |b| {
        b.iter(|| {
            black_box(
                load_table_bytes(
                    text.as_bytes(),
                    "bench.csv",
                    FileKind::Delimited(None),
                    "bench",
                    &only,
                )
                .unwrap(),
            )
        });
    });
    group.finish();
}

fn generated(points: usize) -> String {
    generate::to_string(Options {
        points,
        events: 0,
        series: 1,
        seed: 1,
    })
    .unwrap()
}

fn read_table(bytes: &[u8]) -> Dataset {
    load_table_bytes(
        bytes,
        "bench.csv",
        FileKind::Delimited(None),
        "bench",
        &TableOptions::default(),
    )
    .unwrap()
}

fn tables(c: &mut Criterion) {
    let mut group = c.benchmark_group("table load+validate");
    group.sample_size(10);
    let rows = 1_000_000;
    for series in [1usize, 3] {
        let text = wide_csv(rows, series);
        group.throughput(Throughput::Elements((rows * series) as u64));
        group.bench_with_input(
            BenchmarkId::new(format!("wide csv, {series} series"), rows),
            &text,
            |b, text| b.iter(|| black_box(read_table(text.as_bytes()))),
        );
    }
    let dataset = load_str(&generated(rows), "bench.ron").unwrap();
    let mut tidy = Vec::new();
    troopline::export::csv::write_csv(&dataset, &mut tidy).unwrap();
    group.throughput(Throughput::Elements(rows as u64));
    group.bench_with_input(
        BenchmarkId::new("tidy csv (export-csv)", rows),
        &tidy,
        |b, tidy| {
            b.iter(|| black_box(read_table(tidy)));
        },
    );
    group.finish();
}

fn ron_paths(c: &mut Criterion) {
    let plain = ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME);
    let mut group = c.benchmark_group("ron load");
    group.sample_size(10);
    let mut inputs = vec![(
        "built-in iraq.ron (hand-written, 64 KiB)".to_owned(),
        BUILTIN_RON.to_owned(),
    )];
    for points in [1_000usize, 10_000, 100_000, 1_000_000] {
        inputs.push((format!("generated, {points} points"), generated(points)));
    }
    for (name, text) in &inputs {
        let points = load_str(text, "bench.ron").unwrap().value_count();
        group.throughput(Throughput::Elements(points as u64));
        group.bench_with_input(
            BenchmarkId::new("load_str (fast path)", name),
            text,
            |b, text| {
                b.iter(|| black_box(load_str(text, "bench.ron").unwrap()));
            },
        );
        group.bench_with_input(BenchmarkId::new("ron alone", name), text, |b, text| {
            b.iter(|| black_box(plain.from_str::<Dataset>(text).unwrap()));
        });
    }
    group.finish();
}

criterion_group!(benches, tables, panels, ron_paths);
criterion_main!(benches);
