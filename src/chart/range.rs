//! The visible stretch of time: one type for every range the chart, the view state, the
//! command line and the exports pass around, with the zoom and pan arithmetic in one place.

use serde::{Deserialize, Serialize};

use crate::dataset::Date;

/// The narrowest range the chart zooms to, in days: two days always hold two day boundaries,
/// so the date axis keeps at least two labels.
pub const MIN_SPAN_DAYS: f64 = 2.0;

/// Chart x of the earliest and latest day the calendar (and so the date axis) can name, with a
/// margin: ranges are kept inside so every visible x has a date.
const X_LIMIT: f64 = 9.0e7;

/// A range of chart x (days since 1970-01-01), `from < to`, both finite.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "[f64; 2]", into = "[f64; 2]")]
pub struct DateRange {
    from: f64,
    to: f64,
}

impl DateRange {
    /// The range `from..to`, if both are finite and `to > from`.
    pub fn new(from: f64, to: f64) -> Option<Self> {
        (from.is_finite() && to.is_finite() && to > from).then_some(Self { from, to })
    }

    /// The range `from..to` made usable: non-finite or backward input gives a one-day range,
    /// so callers that only need *some* range never have to handle a failure.
    pub fn covering(from: f64, to: f64) -> Self {
        let from = if from.is_finite() { from } else { 0.0 };
        Self::new(from, to)
            .or_else(|| Self::new(from, from + 1.0))
            .unwrap_or(Self { from: 0.0, to: 1.0 })
    }

    /// From the first day `first` to the end of the last day `last` (inclusive days).
    pub fn days(first: Date, last: Date) -> Option<Self> {
        Self::new(first.to_x(), last.to_x() + 1.0)
    }

    /// Start (chart x).
    pub fn from(self) -> f64 {
        self.from
    }

    /// End (chart x).
    pub fn to(self) -> f64 {
        self.to
    }

    /// Length in days.
    pub fn width(self) -> f64 {
        self.to - self.from
    }

    /// Middle (chart x).
    pub fn middle(self) -> f64 {
        (self.from + self.to) / 2.0
    }

    /// Whether `x` lies in the range (ends included).
    pub fn contains(self, x: f64) -> bool {
        (self.from..=self.to).contains(&x)
    }

    /// Whether the two ranges share any stretch of time.
    pub fn overlaps(self, other: Self) -> bool {
        self.from < other.to && other.from < self.to
    }

    /// The range grown by `fraction` of its width on both sides, and by at least `min_days`.
    pub fn padded(self, fraction: f64, min_days: f64) -> Self {
        let pad = (self.width() * fraction).max(min_days);
        Self {
            from: self.from - pad,
            to: self.to + pad,
        }
    }

    /// Zoomed by `factor` (below 1 zooms in) keeping chart x `anchor` at the same place on
    /// screen (the middle for keys, the pointer for the wheel).
    pub fn zoomed(self, factor: f64, anchor: f64) -> Self {
        let factor = if factor.is_finite() && factor > 0.0 {
            factor
        } else {
            1.0
        };
        let anchor = if anchor.is_finite() {
            anchor
        } else {
            self.middle()
        };
        Self {
            from: anchor - (anchor - self.from) * factor,
            to: anchor + (self.to - anchor) * factor,
        }
    }

    /// Moved by `days` (negative moves back in time).
    pub fn shifted(self, days: f64) -> Self {
        if !days.is_finite() {
            return self;
        }
        Self {
            from: self.from + days,
            to: self.to + days,
        }
    }

    /// This range made usable for a dataset spanning `data`: at least [`MIN_SPAN_DAYS`] and at
    /// most `max_width` wide, inside the calendar, and overlapping the data so that panning or
    /// zooming can never lose the data entirely.
    pub fn limited(self, data: Self, max_width: f64) -> Self {
        let max_width = if max_width.is_nan() {
            2.0 * X_LIMIT
        } else {
            max_width.clamp(MIN_SPAN_DAYS, 2.0 * X_LIMIT)
        };
        let width = self.width().clamp(MIN_SPAN_DAYS, max_width);
        let middle = self.middle();
        let mut from = middle - width / 2.0;
        // Keep a quarter of the view (or all of a narrow dataset) on the data.
        let keep = (width / 4.0).min(data.width());
        from = from.clamp(data.from + keep - width, data.to - keep);
        from = from.clamp(-X_LIMIT, X_LIMIT - width);
        Self {
            from,
            to: from + width,
        }
    }
}

impl DateRange {
    /// This range held to `data` (the whole data with its small margin): never wider than it,
    /// never reaching past its ends. Zooming out therefore ends on exactly `data`, centred,
    /// and panning stops at the first or last figure.
    pub fn held_to(self, data: Self) -> Self {
        let width = self
            .width()
            .clamp(MIN_SPAN_DAYS.min(data.width()), data.width());
        let from = (self.middle() - width / 2.0).clamp(data.from, data.to - width);
        Self {
            from,
            to: from + width,
        }
    }
}

impl TryFrom<[f64; 2]> for DateRange {
    type Error = String;

    fn try_from([from, to]: [f64; 2]) -> Result<Self, Self::Error> {
        Self::new(from, to).ok_or_else(|| format!("not a date range: {from}..{to}"))
    }
}

impl From<DateRange> for [f64; 2] {
    fn from(range: DateRange) -> Self {
        [range.from, range.to]
    }
}

#[cfg(test)]
mod held_tests {
    use super::*;

    #[test]
    fn a_range_is_held_to_the_data() {
        let data = DateRange::new(0.0, 1000.0).unwrap_or_else(|| panic!());
        let past_the_end = DateRange::new(900.0, 1100.0).unwrap_or_else(|| panic!());
        assert_eq!(
            past_the_end.held_to(data),
            DateRange {
                from: 800.0,
                to: 1000.0
            }
        );
        let wide = DateRange::new(-5000.0, 100.0).unwrap_or_else(|| panic!());
        assert_eq!(wide.held_to(data), data);
        let inside = DateRange::new(10.0, 20.0).unwrap_or_else(|| panic!());
        assert_eq!(inside.held_to(data), inside);
        let tiny = DateRange::new(0.0, 1.0).unwrap_or_else(|| panic!());
        assert_eq!(tiny.held_to(tiny), tiny);
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn range(from: f64, to: f64) -> DateRange {
        DateRange::new(from, to).unwrap_or_else(|| panic!("{from}..{to}"))
    }

    #[test]
    fn only_forward_finite_ranges_exist() {
        assert!(DateRange::new(1.0, 1.0).is_none());
        assert!(DateRange::new(2.0, 1.0).is_none());
        assert!(DateRange::new(f64::NAN, 1.0).is_none());
        assert!(DateRange::new(0.0, f64::INFINITY).is_none());
        let r = range(10.0, 30.0);
        assert_eq!(
            (r.from(), r.to(), r.width(), r.middle()),
            (10.0, 30.0, 20.0, 20.0)
        );
        assert!(r.contains(10.0) && r.contains(30.0) && !r.contains(30.5));
    }

    #[test]
    fn covering_always_gives_a_range() {
        assert_eq!(DateRange::covering(3.0, 9.0), range(3.0, 9.0));
        assert_eq!(DateRange::covering(3.0, 3.0), range(3.0, 4.0));
        assert_eq!(DateRange::covering(f64::NAN, 9.0), range(0.0, 9.0));
        assert_eq!(DateRange::covering(1e300, 1e300), range(0.0, 1.0));
    }

    #[test]
    fn whole_days_end_after_the_last_day() {
        let first = Date::parse("2003-03-20").unwrap_or_else(|e| panic!("{e}"));
        let r = DateRange::days(first, first).unwrap_or_else(|| panic!("one day"));
        assert_eq!(r.width(), 1.0);
        assert_eq!(r.from(), first.to_x());
    }

    #[test]
    fn zoom_keeps_the_anchor_in_place() {
        let r = range(0.0, 100.0).zoomed(0.5, 20.0);
        assert_eq!((r.from(), r.to()), (10.0, 60.0));
        let out = range(0.0, 100.0).zoomed(2.0, 50.0);
        assert_eq!((out.from(), out.to()), (-50.0, 150.0));
        // Nonsense factors and anchors change nothing or fall back to the middle.
        assert_eq!(range(0.0, 100.0).zoomed(f64::NAN, 20.0), range(0.0, 100.0));
        assert_eq!(range(0.0, 100.0).zoomed(-1.0, 20.0), range(0.0, 100.0));
        assert_eq!(range(0.0, 100.0).zoomed(0.5, f64::NAN), range(25.0, 75.0));
    }

    #[test]
    fn shifting_and_padding() {
        assert_eq!(range(0.0, 10.0).shifted(5.0), range(5.0, 15.0));
        assert_eq!(range(0.0, 10.0).shifted(f64::NAN), range(0.0, 10.0));
        assert_eq!(range(0.0, 100.0).padded(0.1, 1.0), range(-10.0, 110.0));
        assert_eq!(range(0.0, 10.0).padded(0.01, 15.0), range(-15.0, 25.0));
        assert!(range(0.0, 10.0).overlaps(range(5.0, 20.0)));
        assert!(!range(0.0, 10.0).overlaps(range(10.0, 20.0)));
        assert!(!range(11.0, 12.0).overlaps(range(0.0, 10.0)));
    }

    #[test]
    fn limits_keep_width_and_data_in_view() {
        let data = range(0.0, 1000.0);
        // Too narrow: widened around its middle.
        let narrow = range(500.0, 500.5).limited(data, 1e6);
        assert_eq!(narrow.width(), MIN_SPAN_DAYS);
        assert!((narrow.middle() - 500.25).abs() < 1e-9);
        // Too wide: narrowed to the maximum.
        assert_eq!(range(-1e6, 1e6).limited(data, 5000.0).width(), 5000.0);
        // Panned far away: pulled back so a quarter of the view still shows data.
        let away = range(10_000.0, 10_100.0).limited(data, 1e6);
        assert_eq!(away, range(975.0, 1075.0));
        let before = range(-10_100.0, -10_000.0).limited(data, 1e6);
        assert_eq!(before, range(-75.0, 25.0));
        // A range that already shows data is left alone.
        assert_eq!(range(100.0, 200.0).limited(data, 1e6), range(100.0, 200.0));
    }

    #[test]
    fn serialises_as_a_pair_and_rejects_bad_pairs() {
        let text = ron::to_string(&range(1.0, 2.5)).unwrap_or_default();
        assert_eq!(text, "(1.0,2.5)");
        assert_eq!(
            ron::from_str::<DateRange>("(1.0,2.5)").ok(),
            Some(range(1.0, 2.5))
        );
        assert!(ron::from_str::<DateRange>("(3.0,2.5)").is_err());
    }

    proptest! {
        #[test]
        fn limited_ranges_are_valid_and_touch_the_data(
            from in -1.0e9f64..1.0e9, width in 1.0e-3f64..1.0e9,
            data_from in -1.0e6f64..1.0e6, data_width in 1.0f64..1.0e6,
            max_width in 1.0f64..1.0e9,
        ) {
            let data = range(data_from, data_from + data_width);
            let limited = range(from, from + width).limited(data, max_width);
            prop_assert!(limited.width() >= MIN_SPAN_DAYS - 1e-6);
            prop_assert!(limited.width() <= max_width.max(MIN_SPAN_DAYS) * (1.0 + 1e-9) + 1e-6);
            prop_assert!(limited.overlaps(data));
            prop_assert!(limited.from() >= -X_LIMIT && limited.to() <= X_LIMIT + 1e-6);
            prop_assert!(Date::from_x(limited.from()).is_some());
            prop_assert!(Date::from_x(limited.to()).is_some());
        }
    }
}
