//! Calendar-aware ticks for the date axis: real year, month and day boundaries chosen by
//! zoom level, never fractional years.

use crate::dataset::Date;

/// One labelled position on the date axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// Chart x (days since 1970-01-01).
    pub x: f64,
    /// "2007", "Oct 2007" or "15 Oct 2007".
    pub label: String,
    /// Approximate days between ticks of this kind; egui_plot uses it for line strength.
    pub step_days: f64,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Step {
    Years(i32),
    Months(u32),
    Days(u32),
}

impl Step {
    fn approx_days(self) -> f64 {
        match self {
            Step::Years(n) => 365.25 * f64::from(n),
            Step::Months(n) => 30.44 * f64::from(n),
            Step::Days(n) => f64::from(n),
        }
    }
}

/// Candidate steps from finest to coarsest.
const STEPS: [Step; 14] = [
    Step::Days(1),
    Step::Days(2),
    Step::Days(7),
    Step::Days(14),
    Step::Months(1),
    Step::Months(2),
    Step::Months(3),
    Step::Months(6),
    Step::Years(1),
    Step::Years(2),
    Step::Years(5),
    Step::Years(10),
    Step::Years(20),
    Step::Years(50),
];

/// Pixels a label needs for each step kind (labels get longer as the step gets finer).
fn min_spacing_px(step: Step) -> f64 {
    match step {
        Step::Years(_) => 48.0,
        Step::Months(_) => 70.0,
        Step::Days(_) => 95.0,
    }
}

/// Ticks for the visible range `min_x..=max_x` drawn `width_px` wide: the finest calendar
/// step whose labels do not crowd each other.
pub fn date_ticks(min_x: f64, max_x: f64, width_px: f64) -> Vec<Tick> {
    if !(min_x.is_finite() && max_x.is_finite()) || max_x <= min_x || width_px <= 0.0 {
        return Vec::new();
    }
    let days_per_px = (max_x - min_x) / width_px;
    let step = STEPS
        .iter()
        .copied()
        .find(|step| step.approx_days() / days_per_px >= min_spacing_px(*step))
        .unwrap_or_else(|| Step::Years(centuries(days_per_px)));
    let (Some(start), Some(end)) = (Date::from_x(min_x), Date::from_x(max_x)) else {
        return Vec::new();
    };
    let mut ticks = Vec::new();
    let mut current = Some(first_boundary(start, step));
    while let Some(date) = current {
        if date > end || ticks.len() > 1000 {
            break;
        }
        if date.to_x() >= min_x {
            ticks.push(Tick {
                x: date.to_x(),
                label: label(date, step),
                step_days: step.approx_days(),
            });
        }
        current = advance(date, step);
    }
    ticks
}

/// Beyond the fixed steps (a range of many centuries): the first of 100, 200, 500, 1000, 2000,
/// ... years whose labels have room, so a zoomed-out axis of a long synthetic series keeps a
/// handful of ticks instead of hundreds.
fn centuries(days_per_px: f64) -> i32 {
    let mut scale = 100;
    loop {
        for years in [scale, scale * 2, scale * 5] {
            if f64::from(years) * 365.25 / days_per_px >= min_spacing_px(Step::Years(years)) {
                return years;
            }
        }
        match scale.checked_mul(10) {
            // Dates end long before: chrono's range is about 262,000 years.
            Some(next) if next <= 100_000_000 => scale = next,
            _ => return scale,
        }
    }
}

/// The first boundary of `step` on or before `date`.
fn first_boundary(date: Date, step: Step) -> Date {
    let fallback = date;
    match step {
        Step::Years(n) => Date::from_ymd(date.year().div_euclid(n) * n, 1, 1),
        Step::Months(n) => Date::from_ymd(date.year(), (date.month() - 1) / n * n + 1, 1),
        // Day steps align to the 1st of the month so labels are stable while panning.
        Step::Days(n) => Date::from_ymd(date.year(), date.month(), (date.day() - 1) / n * n + 1),
    }
    .unwrap_or(fallback)
}

fn advance(date: Date, step: Step) -> Option<Date> {
    match step {
        Step::Years(n) => Date::from_ymd(date.year().checked_add(n)?, 1, 1),
        Step::Months(n) => {
            let index = date.month() - 1 + n;
            #[allow(clippy::cast_possible_wrap)] // index / 12 is tiny
            Date::from_ymd(
                date.year().checked_add((index / 12) as i32)?,
                index % 12 + 1,
                1,
            )
        }
        Step::Days(n) => {
            let next = Date::from_x(date.to_x() + f64::from(n))?;
            // Restart at the 1st of each month rather than drifting into the next month's grid.
            if next.month() != date.month() || (n > 1 && next.day() + n > 32) {
                Date::from_ymd(
                    if date.month() == 12 {
                        date.year() + 1
                    } else {
                        date.year()
                    },
                    date.month() % 12 + 1,
                    1,
                )
            } else {
                Some(next)
            }
        }
    }
}

fn label(date: Date, step: Step) -> String {
    match step {
        Step::Years(_) => date.year().to_string(),
        Step::Months(_) => date.naive().format("%b %Y").to_string(),
        Step::Days(_) => date.long(),
    }
}

/// The axis label for a tick at `x` from a grid of `step_days`: years, months or days.
pub fn label_for_step(x: f64, step_days: f64) -> String {
    let Some(date) = Date::from_x(x) else {
        return String::new();
    };
    let step = if step_days >= 365.0 {
        Step::Years(1)
    } else if step_days >= 28.0 {
        Step::Months(1)
    } else {
        Step::Days(1)
    };
    label(date, step)
}

/// Round y-axis steps (1, 2 or 5 × 10ⁿ) for `0..=max` drawn `height_px` tall: as many lines as
/// fit with at least `min_gap_px` between them. Returns (value, step) pairs.
pub fn value_ticks(min: f64, max: f64, height_px: f64, min_gap_px: f64) -> Vec<(f64, f64)> {
    if !(min.is_finite() && max.is_finite()) || max <= min || height_px <= 0.0 {
        return Vec::new();
    }
    let wanted = (height_px / min_gap_px).max(1.0);
    let raw = (max - min) / wanted;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|step| *step >= raw)
        .unwrap_or(10.0 * magnitude)
        .max(1.0);
    let first = (min / step).ceil() as i64;
    let last = (max / step).floor() as i64;
    (first..=last.min(first + 200))
        .map(|i| (i as f64 * step, step))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn x(text: &str) -> f64 {
        Date::parse(text).unwrap().to_x()
    }

    #[test]
    fn two_decades_get_year_ticks_on_january_first() {
        let ticks = date_ticks(x("2003-03-20"), x("2024-09-27"), 1000.0);
        assert!(ticks.len() >= 5, "{ticks:?}");
        for tick in &ticks {
            assert!(
                tick.label.len() == 4 && tick.label.parse::<i32>().is_ok(),
                "{tick:?}"
            );
            let date = Date::from_x(tick.x).unwrap();
            assert_eq!((date.month(), date.day()), (1, 1));
        }
        assert!(ticks.iter().any(|t| t.label == "2010"));
    }

    #[test]
    fn a_year_gets_month_ticks() {
        let ticks = date_ticks(x("2007-01-01"), x("2007-12-31"), 1000.0);
        assert!(ticks.iter().any(|t| t.label == "Oct 2007"), "{ticks:?}");
        assert!(ticks.iter().all(|t| Date::from_x(t.x).unwrap().day() == 1));
    }

    #[test]
    fn a_fortnight_gets_day_ticks() {
        let ticks = date_ticks(x("2007-10-05"), x("2007-10-20"), 1000.0);
        assert!(ticks.iter().any(|t| t.label == "15 Oct 2007"), "{ticks:?}");
    }

    #[test]
    fn labels_never_crowd() {
        for width in [100.0, 400.0, 1600.0] {
            for (from, to) in [
                ("1900-01-01", "2100-01-01"),
                ("2007-01-01", "2007-03-01"),
                // Ten million daily points, as a generated dataset has.
                ("1000-01-01", "9999-12-31"),
                ("0001-01-01", "9999-12-31"),
            ] {
                let ticks = date_ticks(x(from), x(to), width);
                let px_per_day = width / (x(to) - x(from));
                for pair in ticks.windows(2) {
                    assert!((pair[1].x - pair[0].x) * px_per_day >= 40.0, "{pair:?}");
                }
                assert!(
                    !ticks.is_empty() || width < 200.0,
                    "{from}..{to} at {width}"
                );
            }
        }
    }

    #[test]
    fn value_ticks_are_round_and_spaced() {
        let ticks = value_ticks(0.0, 212_000.0, 400.0, 40.0);
        let values: Vec<f64> = ticks.iter().map(|t| t.0).collect();
        assert_eq!(values, [0.0, 50_000.0, 100_000.0, 150_000.0, 200_000.0]);
        let ticks = value_ticks(0.0, 1000.0, 100.0, 30.0);
        assert_eq!(
            ticks.iter().map(|t| t.0).collect::<Vec<_>>(),
            [0.0, 500.0, 1000.0]
        );
        // Small counts never get fractional steps.
        assert!(
            value_ticks(0.0, 3.0, 400.0, 40.0)
                .iter()
                .all(|t| t.0.fract() == 0.0)
        );
        assert!(value_ticks(0.0, 0.0, 100.0, 40.0).is_empty());
    }

    #[test]
    fn grid_labels_follow_the_step() {
        assert_eq!(label_for_step(x("2007-01-01"), 365.25), "2007");
        assert_eq!(label_for_step(x("2007-10-01"), 30.44), "Oct 2007");
        assert_eq!(label_for_step(x("2007-10-15"), 1.0), "15 Oct 2007");
    }

    #[test]
    fn degenerate_ranges_give_no_ticks() {
        assert!(date_ticks(5.0, 5.0, 100.0).is_empty());
        assert!(date_ticks(f64::NAN, 5.0, 100.0).is_empty());
        assert!(date_ticks(0.0, 5.0, 0.0).is_empty());
        assert!(date_ticks(-1e12, 1e12, 800.0).is_empty());
    }
}
