//! Any valid dataset written by `export-csv` reads back as the same dataset.
//!
//! Every field of the format is generated: views, series descriptions, measures and units,
//! point measures, estimates of points and periods, unknown counts and event importance.
//! "The same" up to what one table row cannot tell apart: a figure that cites its own series'
//! default source says it once (at the series), and an event that ends on its first day has no
//! end. Empty texts are absent texts, so optional texts here are never empty. The same dataset
//! also survives `troopline import` (a commented RON file) and loading that file.

// Test helpers fail loudly by design: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use troopline::dataset::table::{FileKind, load_table_bytes};
use troopline::dataset::{
    Casualties, Dataset, Date, Deployment, Estimate, EstimateStatus, Event, Importance, Period,
    Point, Source, TableOptions, View,
};

/// Text as people type it, with the characters CSV must quote, numbers that look like
/// figures and a formula-like `=`, but never empty.
fn text() -> impl Strategy<Value = String> + Clone {
    prop_oneof![
        "[A-Za-z0-9][A-Za-z0-9 ,;\"\n=+.éü€-]{0,14}",
        Just("170,000".to_owned()),
        Just("n/a".to_owned()),
        Just("2007-10-15".to_owned()),
    ]
}

fn date() -> impl Strategy<Value = Date> + Clone {
    (0i64..3_000_000).prop_map(|days| {
        Date::from_x(Date::from_ymd(1000, 1, 1).unwrap().to_x() + days as f64).unwrap()
    })
}

fn count_range() -> impl Strategy<Value = (u32, Option<u32>, Option<u32>)> + Clone {
    (
        any::<u32>(),
        any::<bool>(),
        any::<bool>(),
        any::<u32>(),
        any::<u32>(),
    )
        .prop_map(|(value, has_low, has_high, a, b)| {
            let low = has_low.then(|| a % (value / 2 + 1));
            let high = has_high.then(|| value.saturating_add(b % 1000));
            (value, low, high)
        })
}

/// Sorted, distinct dates.
fn dates(max: usize) -> impl Strategy<Value = Vec<Date>> {
    prop::collection::btree_set(date(), 1..max).prop_map(|set| set.into_iter().collect())
}

/// Up to two other estimates; `dated` for a point's (a period's take no date).
fn estimates(ids: Vec<String>, dated: bool) -> impl Strategy<Value = Vec<Estimate>> + Clone {
    let date = if dated {
        prop::option::of(date()).boxed()
    } else {
        Just(None).boxed()
    };
    prop::collection::vec(
        (
            any::<u32>(),
            date,
            source_ref(ids),
            prop::option::of(text()),
            any::<bool>(),
        )
            .prop_map(|(value, date, source, note, rejected)| Estimate {
                value,
                date,
                source,
                note,
                status: if rejected {
                    EstimateStatus::Rejected
                } else {
                    EstimateStatus::Shown
                },
                precision: Default::default(),
            }),
        0..3,
    )
}

fn source_ref(ids: Vec<String>) -> BoxedStrategy<Option<String>> {
    if ids.is_empty() {
        Just(None).boxed()
    } else {
        prop::option::of(prop::sample::select(ids)).boxed()
    }
}

fn dataset() -> impl Strategy<Value = Dataset> {
    let sources = prop::collection::btree_map(
        "[a-z][a-z0-9-]{0,6}",
        (
            text(),
            prop::option::of(text()),
            // Only web links are valid.
            prop::option::of("https?://[a-z]{1,8}\\.org/[a-z0-9=+,-]{0,8}"),
            prop::option::of(date()),
        ),
        0..4,
    );
    (text(), prop::option::of(text()), sources)
        .prop_flat_map(|(title, subtitle, sources)| {
            let sources: Vec<Source> = sources
                .into_iter()
                .map(|(id, (title, publisher, url, published))| Source {
                    id,
                    title,
                    publisher: publisher.unwrap_or_default(),
                    url,
                    published,
                })
                .collect();
            let ids: Vec<String> = sources.iter().map(|s| s.id.clone()).collect();
            let point = (
                count_range(),
                source_ref(ids.clone()),
                prop::option::of(text()),
                prop::option::of(text()),
                estimates(ids.clone(), true),
            );
            let deployment = (
                (
                    text(),
                    source_ref(ids.clone()),
                    prop::option::of(text()),
                    prop::option::of(text()),
                ),
                dates(12).prop_flat_map(move |dates| {
                    let n = dates.len();
                    (Just(dates), prop::collection::vec(point.clone(), n))
                }),
            );
            let period = (
                prop::option::of(count_range()),
                source_ref(ids.clone()),
                prop::option::of(text()),
                0u32..40,
                estimates(ids.clone(), false),
            );
            let casualties = (
                (
                    text(),
                    source_ref(ids.clone()),
                    prop::option::of(text()),
                    prop::option::of(text()),
                ),
                prop::collection::btree_set(date(), 0..8).prop_flat_map(move |starts| {
                    let n = starts.len();
                    (
                        Just(starts.into_iter().collect::<Vec<_>>()),
                        prop::collection::vec(period.clone(), n),
                    )
                }),
            );
            let event = (
                date(),
                prop::option::of(0u32..400),
                text(),
                prop::option::of(text()),
                prop::option::of(text()),
                source_ref(ids),
                prop::option::of(1u32..=3),
            );
            // View titles are unique: a number keeps them apart.
            let view = (text(), date(), 0u32..5000);
            (
                Just(title),
                Just(subtitle),
                Just(sources),
                prop::collection::vec(deployment, 1..4),
                prop::collection::vec(casualties, 0..3),
                prop::collection::vec(event, 0..6),
                prop::collection::vec(view, 0..3),
            )
        })
        .prop_map(
            |(title, subtitle, sources, deployments, casualties, events, views)| {
                let deployments = deployments
                    .into_iter()
                    .enumerate()
                    .map(
                        |(i, ((label, source, description, measure), (dates, points)))| {
                            Deployment {
                                id: format!("d{i}"),
                                label,
                                source,
                                description,
                                measure,
                                line: Default::default(),
                                points: dates
                                    .into_iter()
                                    .zip(points)
                                    .map(
                                        |(
                                            date,
                                            ((troops, low, high), source, note, measure, estimates),
                                        )| {
                                            let mut point = Point {
                                                date,
                                                troops: Some(troops),
                                                low,
                                                high,
                                                source,
                                                note,
                                                extra: None,
                                            };
                                            point.set_extra(measure, estimates);
                                            point
                                        },
                                    )
                                    .collect(),
                            }
                        },
                    )
                    .collect();
                let casualties = casualties
                    .into_iter()
                    .enumerate()
                    .map(
                        |(i, ((label, source, description, unit), (starts, periods)))| {
                            // Each period ends before the next one starts.
                            let ends: Vec<Option<Date>> = starts
                                .iter()
                                .skip(1)
                                .map(|next| Date::from_x(next.to_x() - 1.0))
                                .chain(std::iter::once(None))
                                .collect();
                            Casualties {
                                id: format!("c{i}"),
                                label,
                                source,
                                description,
                                unit,
                                periods: starts
                                    .iter()
                                    .zip(ends)
                                    .zip(periods)
                                    .map(
                                        |(
                                            (&from, limit),
                                            (figure, source, note, length, estimates),
                                        )| {
                                            // An unknown count has no range.
                                            let (count, low, high) = match figure {
                                                Some((count, low, high)) => {
                                                    (Some(count), low, high)
                                                }
                                                None => (None, None, None),
                                            };
                                            let to = Date::from_x(from.to_x() + f64::from(length))
                                                .unwrap_or(from);
                                            let to =
                                                limit.map_or(to, |limit| to.min(limit)).max(from);
                                            Period {
                                                from,
                                                to,
                                                count,
                                                low,
                                                high,
                                                source,
                                                note,
                                                estimates,
                                            }
                                        },
                                    )
                                    .collect(),
                            }
                        },
                    )
                    .collect();
                let events = events
                    .into_iter()
                    .map(
                        |(date, length, title, detail, category, source, importance)| Event {
                            date,
                            end: length.and_then(|l| Date::from_x(date.to_x() + f64::from(l))),
                            title,
                            detail,
                            category,
                            source,
                            importance: importance.and_then(Importance::from_level),
                        },
                    )
                    .collect();
                let views = views
                    .into_iter()
                    .enumerate()
                    .map(|(i, (title, from, length))| View {
                        title: format!("{title} {i}"),
                        from,
                        to: Date::from_x(from.to_x() + f64::from(length)).unwrap_or(from),
                    })
                    .collect();
                Dataset {
                    format: 1,
                    title,
                    subtitle,
                    notes: None,
                    sources,
                    deployments,
                    casualties,
                    events,
                    views,
                }
            },
        )
}

/// The dataset as a table says it (see the module comment).
fn normalized(mut dataset: Dataset) -> Dataset {
    for series in &mut dataset.deployments {
        for point in &mut series.points {
            if point.source.is_some() && point.source == series.source {
                point.source = None;
            }
        }
    }
    for series in &mut dataset.casualties {
        for period in &mut series.periods {
            if period.source.is_some() && period.source == series.source {
                period.source = None;
            }
        }
    }
    for event in &mut dataset.events {
        if event.end == Some(event.date) {
            event.end = None;
        }
    }
    dataset
}

/// The dataset without the source stub `import` adds, and with no series citing it.
fn without_stub(mut dataset: Dataset) -> Dataset {
    let stubs: Vec<String> = dataset
        .sources
        .iter()
        .filter(|s| s.title.starts_with(troopline::dataset::warnings::TODO))
        .map(|s| s.id.clone())
        .collect();
    dataset.sources.retain(|s| !stubs.contains(&s.id));
    for series in &mut dataset.deployments {
        if series.source.as_ref().is_some_and(|id| stubs.contains(id)) {
            series.source = None;
        }
    }
    for series in &mut dataset.casualties {
        if series.source.as_ref().is_some_and(|id| stubs.contains(id)) {
            series.source = None;
        }
    }
    dataset
}

#[test]
fn the_built_in_dataset_round_trips_through_csv_with_precision_kinds_steps_and_rejections() {
    let dataset = troopline::dataset::builtin().unwrap();
    let mut csv = Vec::new();
    troopline::export::csv::write_csv(&dataset, &mut csv).unwrap();
    let read = load_table_bytes(
        &csv,
        "export.csv",
        FileKind::Delimited(None),
        "export",
        &TableOptions::default(),
    )
    .unwrap_or_else(|error| panic!("{error}"));
    let expected = normalized(dataset);
    assert_eq!(read.deployments, expected.deployments);
    assert_eq!(read.casualties, expected.casualties);
    let mut ron = Vec::new();
    troopline::dataset::starter::write_imported(&read, "export.csv", &mut ron).unwrap();
    let text = String::from_utf8(ron).unwrap();
    let imported = troopline::dataset::load_str(&text, "imported.ron")
        .unwrap_or_else(|error| panic!("{error}\n{text}"));
    assert_eq!(imported.deployments, read.deployments);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn export_csv_then_open_gives_the_same_dataset(dataset in dataset()) {
        // The strategy builds valid datasets only; reading validates the result again.
        let mut csv = Vec::new();
        troopline::export::csv::write_csv(&dataset, &mut csv).unwrap();
        let read = load_table_bytes(&csv, "export.csv", FileKind::Delimited(None), "export", &TableOptions::default());
        let read = match read {
            Ok(read) => read,
            Err(error) => panic!("{error}\n{}", String::from_utf8_lossy(&csv)),
        };
        prop_assert_eq!(&read, &normalized(dataset));
        // The table, imported as a commented RON dataset, loads as the same dataset (plus the
        // source stub the import adds for series that cite none).
        let mut ron = Vec::new();
        troopline::dataset::starter::write_imported(&read, "export.csv", &mut ron).unwrap();
        let text = String::from_utf8(ron).unwrap();
        let imported = match troopline::dataset::load_str(&text, "imported.ron") {
            Ok(imported) => imported,
            Err(error) => panic!("{error}\n{text}"),
        };
        prop_assert_eq!(without_stub(imported), without_stub(read));
    }
}
