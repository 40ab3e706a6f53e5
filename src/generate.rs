//! Synthetic datasets in the real format, for load tests and benchmarks: daily troop series,
//! yearly casualties and dated events, reproducible from a seed.

use std::io::{self, Write};

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::dataset::Date;

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
        "{0} points per series do not fit in years 1000–9999; use more --series (at most {MAX_DAYS} per series)"
    )]
    TooManyPoints(usize),
    /// At least one series is needed.
    #[error("--series must be at least 1")]
    NoSeries,
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
    Ok(())
}

/// Writes a valid dataset to `out`.
pub fn write(options: Options, out: &mut dyn Write) -> Result<(), GenerateError> {
    check(options)?;
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
}
