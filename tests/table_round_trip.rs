//! Any valid dataset written by `export-csv` reads back as the same dataset.
//!
//! "The same" up to what one table row cannot tell apart: a figure that cites its own series'
//! default source says it once (at the series), and an event that ends on its first day has no
//! end. Empty texts are absent texts, so optional texts here are never empty.

// Test helpers fail loudly by design: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use troopline::dataset::table::{FileKind, load_table_bytes};
use troopline::dataset::{
    Casualties, Dataset, Date, Deployment, Event, Period, Point, Source, TableOptions,
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
            prop::option::of(text()),
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
            );
            let deployment = (
                text(),
                source_ref(ids.clone()),
                dates(12).prop_flat_map(move |dates| {
                    let n = dates.len();
                    (Just(dates), prop::collection::vec(point.clone(), n))
                }),
            );
            let period = (
                count_range(),
                source_ref(ids.clone()),
                prop::option::of(text()),
                0u32..40,
            );
            let casualties = (
                text(),
                source_ref(ids.clone()),
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
            );
            (
                Just(title),
                Just(subtitle),
                Just(sources),
                prop::collection::vec(deployment, 1..4),
                prop::collection::vec(casualties, 0..3),
                prop::collection::vec(event, 0..6),
            )
        })
        .prop_map(
            |(title, subtitle, sources, deployments, casualties, events)| {
                let deployments = deployments
                    .into_iter()
                    .enumerate()
                    .map(|(i, (label, source, (dates, points)))| Deployment {
                        id: format!("d{i}"),
                        label,
                        source,
                        points: dates
                            .into_iter()
                            .zip(points)
                            .map(|(date, ((troops, low, high), source, note))| Point {
                                date,
                                troops,
                                low,
                                high,
                                source,
                                note,
                            })
                            .collect(),
                    })
                    .collect();
                let casualties = casualties
                    .into_iter()
                    .enumerate()
                    .map(|(i, (label, source, (starts, periods)))| {
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
                            periods: starts
                                .iter()
                                .zip(ends)
                                .zip(periods)
                                .map(
                                    |(
                                        (&from, limit),
                                        ((count, low, high), source, note, length),
                                    )| {
                                        let to = Date::from_x(from.to_x() + f64::from(length))
                                            .unwrap_or(from);
                                        let to = limit.map_or(to, |limit| to.min(limit)).max(from);
                                        Period {
                                            from,
                                            to,
                                            count,
                                            low,
                                            high,
                                            source,
                                            note,
                                        }
                                    },
                                )
                                .collect(),
                        }
                    })
                    .collect();
                let events = events
                    .into_iter()
                    .map(|(date, length, title, detail, category, source)| Event {
                        date,
                        end: length.and_then(|l| Date::from_x(date.to_x() + f64::from(l))),
                        title,
                        detail,
                        category,
                        source,
                    })
                    .collect();
                Dataset {
                    format: 1,
                    title,
                    subtitle,
                    sources,
                    deployments,
                    casualties,
                    events,
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
        prop_assert_eq!(read, normalized(dataset));
    }
}
