//! Synthetic datasets in the real format, for load tests and benchmarks: daily troop series,
//! yearly casualties and dated events, reproducible from a seed.

use std::io::{self, Write};

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::dataset::{Date, MAX_FILE_BYTES, thousands};

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// Total troop-level points, spread over the series.
    pub points: usize,
    /// Number of events.
    pub events: usize,
    /// Number of deployment series.
    pub series: usize,
    /// Seed: the same options give the same file, byte for byte.
    pub seed: u64,
}

/// The first day of generated series.
const START: (i32, u32, u32) = (1000, 1, 1);
/// Dates must stay within four-digit years: this many days fit after [`START`].
pub const MAX_DAYS: usize = 3_280_000;

/// Why the options cannot be generated.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    /// Too many daily points per series for four-digit years.
    #[error(
        "{} points per series do not fit in years 1000–9999; use more --series (at most {} per series)",
        thousands(*.0 as u64),
        thousands(MAX_DAYS as u64)
    )]
    TooManyPoints(usize),
    /// At least one series is needed.
    #[error("--series must be at least 1")]
    NoSeries,
    /// The file would be larger than troopline loads ([`MAX_FILE_BYTES`]).
    #[error(
        "the file would be {}; troopline loads datasets of at most {} MiB, so use fewer --points, --events or --series",
        match .at_least {
            Some(bytes) => format!("at least {} MiB", thousands(bytes.div_ceil(1 << 20))),
            None => format!("over {} MiB", MAX_FILE_BYTES >> 20),
        },
        MAX_FILE_BYTES >> 20
    )]
    TooLarge {
        /// The smallest size the options can give, when known before writing.
        at_least: Option<u64>,
    },
    /// Writing failed.
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// Checks that `options` can be generated, before anything is written.
pub fn check(options: Options) -> Result<(), GenerateError> {
    if options.series == 0 {
        return Err(GenerateError::NoSeries);
    }
    let per_series = options.points.div_ceil(options.series).max(1);
    if per_series > MAX_DAYS {
        return Err(GenerateError::TooManyPoints(per_series));
    }
    let at_least = smallest_size(options);
    if at_least > MAX_FILE_BYTES {
        return Err(GenerateError::TooLarge {
            at_least: Some(at_least),
        });
    }
    Ok(())
}

/// The fewest bytes a file with these options can have: each line at its shortest (one-digit
/// numbers, the shortest category). Real files are a few percent larger; [`write`] stops at the
/// cap for those that pass this estimate but would still be too large.
pub fn smallest_size(options: Options) -> u64 {
    /// `            (date: "1000-01-01", troops: 5),` and its newline.
    const POINT_LINE: u64 = 45;
    /// `        Event(date: "1000-01-01", title: "Event 1", category: "attack", source: "gen"),`
    const EVENT_LINE: u64 = 88;
    /// A series' opening and closing lines.
    const SERIES_LINES: u64 = 71;
    /// `        (from: "1000-01-01", to: "1000-12-31", count: 5),` and its newline.
    const YEAR_LINE: u64 = 57;
    /// The title, sources and the lines around the lists.
    const FRAME: u64 = 370;
    let count = |n: usize| u64::try_from(n).unwrap_or(u64::MAX);
    let per_series = options.points.div_ceil(options.series.max(1)).max(1);
    let years = (per_series / 365).clamp(1, 9000);
    count(options.points.max(options.series))
        .saturating_mul(POINT_LINE)
        .saturating_add(count(options.events).saturating_mul(EVENT_LINE))
        .saturating_add(count(options.series).saturating_mul(SERIES_LINES))
        .saturating_add(count(years) * YEAR_LINE + FRAME)
}

/// Writes a valid dataset to `out`; refuses, having written part of it, once it would exceed
/// [`MAX_FILE_BYTES`] (the caller writes through the atomic writer, which then drops the part).
pub fn write(options: Options, out: &mut dyn Write) -> Result<(), GenerateError> {
    write_capped(options, out, MAX_FILE_BYTES)
}

fn write_capped(options: Options, out: &mut dyn Write, cap: u64) -> Result<(), GenerateError> {
    check(options)?;
    let mut capped = Capped {
        inner: out,
        left: cap,
        exceeded: false,
    };
    match write_unchecked(options, &mut capped) {
        Err(GenerateError::Io(_)) if capped.exceeded => {
            Err(GenerateError::TooLarge { at_least: None })
        }
        other => other,
    }
}

/// A writer that fails once more than `left` bytes would pass through it.
struct Capped<'a> {
    inner: &'a mut dyn Write,
    left: u64,
    exceeded: bool,
}

impl Write for Capped<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let len = buf.len() as u64;
        if len > self.left {
            self.exceeded = true;
            return Err(io::Error::other("the size limit is reached"));
        }
        let written = self.inner.write(buf)?;
        self.left -= written as u64;
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

fn write_unchecked(options: Options, out: &mut dyn Write) -> Result<(), GenerateError> {
    let per_series = options.points.div_ceil(options.series).max(1);
    let start = Date::from_ymd(START.0, START.1, START.2).map_or(0.0, Date::to_x);
    let day = |offset: usize| {
        Date::from_x(start + offset as f64).map_or_else(String::new, |d| d.to_string())
    };
    let mut rng = ChaCha8Rng::seed_from_u64(options.seed);
    writeln!(
        out,
        "Dataset(\n    format: 1,\n    title: \"Synthetic deployments\","
    )?;
    writeln!(
        out,
        "    subtitle: \"{} points, {} events, seed {}\",",
        options.points, options.events, options.seed
    )?;
    writeln!(
        out,
        "    sources: [Source(id: \"gen\", title: \"troopline gen\", publisher: \"troopline\")],"
    )?;
    writeln!(out, "    deployments: [")?;
    let mut remaining = options.points.max(options.series);
    for series in 0..options.series {
        let count = per_series.min(remaining - (options.series - series - 1));
        remaining -= count;
        writeln!(
            out,
            "        Deployment(id: \"s{series}\", label: \"Series {}\", source: \"gen\", points: [",
            series + 1
        )?;
        let mut level: f64 = rng.random_range(1_000.0..100_000.0);
        for i in 0..count {
            level = (level * rng.random_range(0.97..1.03) + rng.random_range(-50.0..50.0))
                .clamp(0.0, 1.0e6);
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // clamped above
            let troops = level as u32;
            if i % 50 == 0 {
                let spread = troops / 20;
                writeln!(
                    out,
                    "            (date: \"{}\", troops: {troops}, low: {}, high: {}),",
                    day(i),
                    troops - spread,
                    troops + spread
                )?;
            } else {
                writeln!(out, "            (date: \"{}\", troops: {troops}),", day(i))?;
            }
        }
        writeln!(out, "        ]),")?;
    }
    writeln!(out, "    ],")?;
    let years = (per_series / 365).max(1);
    writeln!(
        out,
        "    casualties: [Casualties(id: \"deaths\", label: \"Deaths\", source: \"gen\", periods: ["
    )?;
    for year in 0..years.min(9000) {
        let from = Date::from_ymd(START.0 + year as i32, 1, 1);
        let to = Date::from_ymd(START.0 + year as i32, 12, 31);
        if let (Some(from), Some(to)) = (from, to) {
            writeln!(
                out,
                "        (from: \"{from}\", to: \"{to}\", count: {}),",
                rng.random_range(0..5_000u32)
            )?;
        }
    }
    writeln!(out, "    ])],")?;
    writeln!(out, "    events: [")?;
    let categories = ["military", "political", "diplomatic", "attack", "context"];
    for i in 0..options.events {
        let at = rng.random_range(0..per_series);
        let category = categories[i % categories.len()];
        if i % 10 == 0 {
            let end = (at + rng.random_range(1..400)).min(per_series);
            writeln!(
                out,
                "        Event(date: \"{}\", end: \"{}\", title: \"Span {i}\", category: \"{category}\", source: \"gen\"),",
                day(at),
                day(end)
            )?;
        } else {
            writeln!(
                out,
                "        Event(date: \"{}\", title: \"Event {i}\", category: \"{category}\", source: \"gen\"),",
                day(at)
            )?;
        }
    }
    writeln!(out, "    ],\n)")?;
    Ok(())
}

/// The generated dataset as a string (for tests and benchmarks).
pub fn to_string(options: Options) -> Result<String, GenerateError> {
    let mut bytes = Vec::new();
    write(options, &mut bytes)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::load_str;

    #[test]
    fn generated_datasets_are_valid_and_reproducible() {
        let options = Options {
            points: 5_000,
            events: 300,
            series: 3,
            seed: 7,
        };
        let text = to_string(options).unwrap();
        let dataset = load_str(&text, "gen.ron").unwrap();
        assert_eq!(dataset.deployments.len(), 3);
        assert_eq!(
            dataset
                .deployments
                .iter()
                .map(|d| d.points.len())
                .sum::<usize>(),
            5_000
        );
        assert_eq!(dataset.events.len(), 300);
        assert_eq!(text, to_string(options).unwrap(), "same seed, same file");
        assert_ne!(text, to_string(Options { seed: 8, ..options }).unwrap());
    }

    #[test]
    fn impossible_options_are_refused() {
        let too_many = Options {
            points: MAX_DAYS + 1,
            events: 0,
            series: 1,
            seed: 0,
        };
        assert!(matches!(
            to_string(too_many),
            Err(GenerateError::TooManyPoints(_))
        ));
        assert!(matches!(
            to_string(Options {
                series: 0,
                ..too_many
            }),
            Err(GenerateError::NoSeries)
        ));
    }

    #[test]
    fn files_over_the_load_limit_are_refused_before_writing() {
        let huge = Options {
            points: 1_000_000_000_000,
            events: 0,
            series: 1_000_000,
            seed: 0,
        };
        let error = check(huge).unwrap_err();
        assert_eq!(
            error.to_string(),
            "the file would be at least 42,915,413 MiB; troopline loads datasets of at most 256 MiB, so use fewer --points, --events or --series"
        );
        let mut sink = Vec::new();
        assert!(write(huge, &mut sink).is_err());
        assert!(sink.is_empty(), "nothing written");
        let events = Options {
            points: 1,
            events: usize::MAX,
            series: 1,
            seed: 0,
        };
        assert!(matches!(
            check(events),
            Err(GenerateError::TooLarge { at_least: Some(_) })
        ));
    }

    #[test]
    fn the_estimate_never_exceeds_the_real_size() {
        for (points, events, series) in [(1, 0, 1), (10, 0, 10), (5_000, 300, 3), (999, 1_001, 7)] {
            let options = Options {
                points,
                events,
                series,
                seed: 3,
            };
            let real = to_string(options).unwrap().len() as u64;
            let estimate = smallest_size(options);
            assert!(estimate <= real, "{options:?}: {estimate} > {real}");
            // Close enough to refuse only what is really too large.
            assert!(
                estimate * 10 >= real * 8,
                "{options:?}: {estimate} vs {real}"
            );
        }
    }

    #[test]
    fn writing_stops_at_the_cap_when_the_estimate_passed() {
        let options = Options {
            points: 5_000,
            events: 10,
            series: 1,
            seed: 1,
        };
        let size = to_string(options).unwrap().len() as u64;
        let mut out = Vec::new();
        let error = write_capped(options, &mut out, size - 1).unwrap_err();
        assert!(matches!(error, GenerateError::TooLarge { at_least: None }));
        assert!(
            error
                .to_string()
                .starts_with("the file would be over 256 MiB")
        );
        let mut out = Vec::new();
        write_capped(options, &mut out, size).unwrap();
        assert_eq!(out.len() as u64, size);
    }
}
