//! Keyboard navigation over the chart's marks, point by point: a cursor on one mark of one
//! lane (a troop line, a casualty series, or the event strip) and the moves the arrow keys,
//! Home and End make. Pure: the window says which lanes are drawn and which events shown, and
//! gets back the mark to focus and the range that keeps it on screen.
//!
//! Rules: a move never leaves the lane's data (no wrapping); a move from nothing starts at the
//! first (or, going back, last) mark in view; moving between lanes lands on the mark nearest
//! in date; Home and End stay within the visible range when the lane has marks there.

use super::model::ChartModel;
use super::range::DateRange;

/// A row of marks the cursor moves along.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lane {
    /// Troop line `n` (index into `ChartModel::lines`).
    Line(usize),
    /// Casualty series `n` (index into `ChartModel::bars`).
    Bars(usize),
    /// The shown events, in date order.
    Events,
}

/// One mark the cursor can rest on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mark {
    /// Point `index` of troop line `series`.
    Point {
        /// Index into `ChartModel::lines`.
        series: usize,
        /// Point index.
        index: usize,
    },
    /// Period `index` of casualty series `series`.
    Bar {
        /// Index into `ChartModel::bars`.
        series: usize,
        /// Period index.
        index: usize,
    },
    /// An event (index into `ChartModel::events`).
    Event(usize),
}

impl Mark {
    /// The lane the mark belongs to.
    pub fn lane(self) -> Lane {
        match self {
            Mark::Point { series, .. } => Lane::Line(series),
            Mark::Bar { series, .. } => Lane::Bars(series),
            Mark::Event(_) => Lane::Events,
        }
    }
}

/// A key's move.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    /// → : the next mark of the lane.
    Next,
    /// ← : the previous mark of the lane.
    Previous,
    /// ↑ : the lane above.
    Up,
    /// ↓ : the lane below.
    Down,
    /// Home: the lane's first mark in view.
    First,
    /// End: the lane's last mark in view.
    Last,
}

/// What can be navigated this frame.
#[derive(Clone, Debug)]
pub struct Marks<'a> {
    /// The plot model.
    pub model: &'a ChartModel,
    /// Lanes in screen order, top to bottom; only those drawn.
    pub lanes: Vec<Lane>,
    /// The shown events (indices into `ChartModel::events`), in date order.
    pub events: Vec<usize>,
}

impl Marks<'_> {
    /// How many marks `lane` has.
    fn len(&self, lane: Lane) -> usize {
        match lane {
            Lane::Line(s) => self.model.lines.get(s).map_or(0, |l| l.xs.len()),
            Lane::Bars(s) => self.model.bars.get(s).map_or(0, |b| b.bars.len()),
            Lane::Events => self.events.len(),
        }
    }

    /// The mark at position `i` of `lane`.
    fn at(&self, lane: Lane, i: usize) -> Option<Mark> {
        (i < self.len(lane)).then_some(())?;
        Some(match lane {
            Lane::Line(series) => Mark::Point { series, index: i },
            Lane::Bars(series) => Mark::Bar { series, index: i },
            Lane::Events => Mark::Event(*self.events.get(i)?),
        })
    }

    /// Position of `mark` within its lane.
    fn position(&self, mark: Mark) -> Option<usize> {
        let position = match mark {
            Mark::Point { index, .. } | Mark::Bar { index, .. } => index,
            Mark::Event(e) => self.events.iter().position(|&shown| shown == e)?,
        };
        (position < self.len(mark.lane())).then_some(position)
    }

    /// Whether `mark` can be focused now: its lane is drawn and it exists.
    pub fn contains(&self, mark: Mark) -> bool {
        self.lanes.contains(&mark.lane()) && self.position(mark).is_some()
    }

    /// The date span a mark covers, as chart x: a point's day, a bar's period, an event's
    /// day or span.
    pub fn span(&self, mark: Mark) -> Option<(f64, f64)> {
        let model = self.model;
        match mark {
            Mark::Point { series, index } => {
                let x = *model.lines.get(series)?.xs.get(index)?;
                Some((x, x))
            }
            Mark::Bar { series, index } => {
                let bar = model.bars.get(series)?.bars.get(index)?;
                Some((bar.start, bar.end))
            }
            Mark::Event(e) => {
                let event = model.events.get(e)?;
                Some((event.start, event.end.unwrap_or(event.start)))
            }
        }
    }

    /// The date a mark stands at: its middle.
    pub fn x(&self, mark: Mark) -> Option<f64> {
        self.span(mark).map(|(from, to)| (from + to) / 2.0)
    }

    /// Positions in `lane` of the marks whose middle lies within `range`: `first..last`.
    fn in_view(&self, lane: Lane, range: DateRange) -> std::ops::Range<usize> {
        let len = self.len(lane);
        let x_at = |i: usize| self.at(lane, i).and_then(|m| self.x(m)).unwrap_or(f64::NAN);
        let first = partition(len, |i| x_at(i) < range.from());
        let last = partition(len, |i| x_at(i) <= range.to());
        first..last.max(first)
    }

    /// The mark of `lane` nearest in date to `x`.
    fn nearest(&self, lane: Lane, x: f64) -> Option<Mark> {
        let len = self.len(lane);
        let x_at = |i: usize| self.at(lane, i).and_then(|m| self.x(m)).unwrap_or(f64::NAN);
        let after = partition(len, |i| x_at(i) < x);
        let candidates = [after.checked_sub(1), (after < len).then_some(after)];
        let best = candidates
            .into_iter()
            .flatten()
            .min_by(|&a, &b| (x_at(a) - x).abs().total_cmp(&(x_at(b) - x).abs()))?;
        self.at(lane, best)
    }

    /// Where `step` takes the cursor from `current` with `range` in view; `None` when there
    /// is nothing to focus. A move that cannot go further stays put.
    pub fn step(&self, current: Option<Mark>, step: Move, range: DateRange) -> Option<Mark> {
        let current = current.filter(|&m| self.contains(m));
        let Some(current) = current else {
            // Nothing focused yet: start in the first lane with marks, in view if any.
            let lane = *self.lanes.iter().find(|&&lane| self.len(lane) > 0)?;
            let view = self.in_view(lane, range);
            let (first, last) = if view.is_empty() {
                (0, self.len(lane) - 1)
            } else {
                (view.start, view.end - 1)
            };
            let i = match step {
                Move::Previous | Move::Last => last,
                _ => first,
            };
            return self.at(lane, i);
        };
        let lane = current.lane();
        let position = self.position(current)?;
        let moved = match step {
            Move::Next => self.at(lane, position + 1),
            Move::Previous => position.checked_sub(1).and_then(|i| self.at(lane, i)),
            Move::First | Move::Last => {
                let view = self.in_view(lane, range);
                let i = match (view.is_empty(), step) {
                    (true, Move::First) => 0,
                    (true, _) => self.len(lane).saturating_sub(1),
                    (false, Move::First) => view.start,
                    (false, _) => view.end - 1,
                };
                self.at(lane, i)
            }
            Move::Up | Move::Down => {
                let here = self.lanes.iter().position(|&l| l == lane)?;
                let x = self.x(current)?;
                let mut others: Box<dyn Iterator<Item = &Lane>> = if step == Move::Up {
                    Box::new(self.lanes[..here].iter().rev())
                } else {
                    Box::new(self.lanes[here + 1..].iter())
                };
                others.find_map(|&other| self.nearest(other, x))
            }
        };
        Some(moved.unwrap_or(current))
    }
}

/// The first `i` in `0..len` for which `before(i)` is false (`before` true, then false).
fn partition(len: usize, before: impl Fn(usize) -> bool) -> usize {
    let (mut low, mut high) = (0, len);
    while low < high {
        let middle = low + (high - low) / 2;
        if before(middle) {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    low
}

/// `range` shifted just enough that `span` is inside it with a margin of a twentieth of its
/// width on either side; unchanged when it already is. A span wider than the range is shown
/// from its start.
pub fn keep_in_view(range: DateRange, (from, to): (f64, f64)) -> DateRange {
    let margin = range.width() / 20.0;
    let (left, right) = (range.from() + margin, range.to() - margin);
    if from < left {
        range.shifted(from - left)
    } else if to > right {
        range.shifted((to - right).min(from - left))
    } else {
        range
    }
}

/// The range Enter focuses on `mark`: its period or event span with a little air, or for a
/// point the stretch from the point before it to the point after it; never under a month.
pub fn focus_range(marks: &Marks<'_>, mark: Mark) -> Option<DateRange> {
    const MIN_DAYS: f64 = 31.0;
    let (from, to) = match mark {
        Mark::Point { series, index } => {
            let xs = &marks.model.lines.get(series)?.xs;
            let x = *xs.get(index)?;
            let before = index.checked_sub(1).and_then(|i| xs.get(i)).copied();
            let after = xs.get(index + 1).copied();
            (before.unwrap_or(x), after.unwrap_or(x))
        }
        _ => marks.span(mark)?,
    };
    let middle = (from + to) / 2.0;
    let half = ((to - from) * 1.2).max(MIN_DAYS) / 2.0;
    DateRange::new(middle - half, middle + half)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{Date, load_str};

    const DATA: &str = r#"Dataset(format: 1, title: "T",
        deployments: [
            Deployment(id: "a", label: "A", points: [
                (date: "2000-01-01", troops: 10), (date: "2001-01-01", troops: 20),
                (date: "2002-01-01", troops: 30), (date: "2003-01-01", troops: 40)]),
            Deployment(id: "b", label: "B", points: [
                (date: "2000-06-01", troops: 1), (date: "2002-06-01", troops: 2)])],
        casualties: [Casualties(id: "c", label: "C", periods: [
            (from: "2000-01-01", to: "2000-12-31", count: 5),
            (from: "2001-01-01", to: "2001-12-31", count: None),
            (from: "2002-01-01", to: "2002-12-31", count: 7)])],
        events: [
            Event(date: "2001-09-11", title: "E1"),
            Event(date: "2003-03-20", end: "2003-05-01", title: "E2")])"#;

    fn x(date: &str) -> f64 {
        Date::parse(date).unwrap().to_x()
    }

    fn range(from: &str, to: &str) -> DateRange {
        DateRange::new(x(from), x(to)).unwrap()
    }

    fn model() -> ChartModel {
        ChartModel::new(&load_str(DATA, "t").unwrap())
    }

    fn marks(model: &ChartModel) -> Marks<'_> {
        Marks {
            model,
            lanes: vec![Lane::Line(0), Lane::Line(1), Lane::Bars(0), Lane::Events],
            events: vec![0, 1],
        }
    }

    const fn point(series: usize, index: usize) -> Mark {
        Mark::Point { series, index }
    }

    #[test]
    fn arrows_walk_a_lane_and_stop_at_its_ends() {
        let model = model();
        let marks = marks(&model);
        let all = range("1999-01-01", "2004-01-01");
        let mut at = marks.step(None, Move::Next, all);
        assert_eq!(at, Some(point(0, 0)), "the first mark of the first lane");
        for expected in [1, 2, 3, 3] {
            at = marks.step(at, Move::Next, all);
            assert_eq!(at, Some(point(0, expected)));
        }
        at = marks.step(at, Move::Previous, all);
        assert_eq!(at, Some(point(0, 2)));
        assert_eq!(
            marks.step(Some(point(0, 0)), Move::Previous, all),
            Some(point(0, 0))
        );
        assert_eq!(marks.step(None, Move::Previous, all), Some(point(0, 3)));
    }

    #[test]
    fn up_and_down_land_on_the_nearest_date_of_the_next_lane() {
        let model = model();
        let marks = marks(&model);
        let all = range("1999-01-01", "2004-01-01");
        // 1 Jan 2002 → line B's nearest is 1 Jun 2002.
        assert_eq!(
            marks.step(Some(point(0, 2)), Move::Down, all),
            Some(point(1, 1))
        );
        // 1 Jan 2001 → 1 Jun 2000 → the bar of 2000 → the event of Sep 2001.
        let b = marks.step(Some(point(0, 1)), Move::Down, all);
        assert_eq!(b, Some(point(1, 0)));
        let bars = marks.step(b, Move::Down, all);
        assert_eq!(
            bars,
            Some(Mark::Bar {
                series: 0,
                index: 0
            })
        );
        let event = marks.step(bars, Move::Down, all);
        assert_eq!(event, Some(Mark::Event(0)));
        assert_eq!(marks.step(event, Move::Down, all), event, "the last lane");
        assert_eq!(
            marks.step(event, Move::Up, all),
            Some(Mark::Bar {
                series: 0,
                index: 1
            })
        );
        assert_eq!(marks.step(b, Move::Up, all), Some(point(0, 0)));
        assert_eq!(
            marks.step(Some(point(0, 2)), Move::Up, all),
            Some(point(0, 2))
        );
    }

    #[test]
    fn home_and_end_stay_in_view() {
        let model = model();
        let marks = marks(&model);
        let middle = range("2000-06-01", "2002-06-01");
        assert_eq!(
            marks.step(Some(point(0, 3)), Move::First, middle),
            Some(point(0, 1))
        );
        assert_eq!(
            marks.step(Some(point(0, 0)), Move::Last, middle),
            Some(point(0, 2))
        );
        let bar = Mark::Bar {
            series: 0,
            index: 0,
        };
        assert_eq!(
            marks.step(Some(bar), Move::Last, middle),
            Some(Mark::Bar {
                series: 0,
                index: 1
            })
        );
        // Nothing in view: the lane's ends.
        let empty = range("1990-01-01", "1991-01-01");
        assert_eq!(
            marks.step(Some(point(0, 2)), Move::Last, empty),
            Some(point(0, 3))
        );
        assert_eq!(marks.step(None, Move::Next, middle), Some(point(0, 1)));
    }

    #[test]
    fn hidden_lanes_and_events_are_skipped() {
        let model = model();
        let all = range("1999-01-01", "2004-01-01");
        let marks = Marks {
            model: &model,
            lanes: vec![Lane::Line(1), Lane::Events],
            events: vec![1],
        };
        assert_eq!(marks.step(None, Move::Next, all), Some(point(1, 0)));
        // A mark of a hidden lane is dropped: the cursor starts over.
        assert_eq!(
            marks.step(Some(point(0, 2)), Move::Next, all),
            Some(point(1, 0))
        );
        assert_eq!(
            marks.step(Some(point(1, 1)), Move::Down, all),
            Some(Mark::Event(1))
        );
        assert!(!marks.contains(Mark::Event(0)));
        let nothing = Marks {
            model: &model,
            lanes: Vec::new(),
            events: Vec::new(),
        };
        assert_eq!(nothing.step(None, Move::Next, all), None);
    }

    #[test]
    fn the_view_follows_the_cursor() {
        let view = range("2000-01-01", "2001-01-01");
        assert_eq!(keep_in_view(view, (x("2000-06-01"), x("2000-06-01"))), view);
        let later = keep_in_view(view, (x("2002-01-01"), x("2002-01-01")));
        assert!(later.to() > x("2002-01-01"));
        assert!((later.width() - view.width()).abs() < 1e-6);
        let earlier = keep_in_view(view, (x("1999-01-01"), x("1999-02-01")));
        assert!(earlier.from() < x("1999-01-01"));
        let wide = keep_in_view(view, (x("2001-01-01"), x("2005-01-01")));
        assert!(wide.from() < x("2001-01-01") && wide.to() > x("2001-01-01"));
    }

    #[test]
    fn enter_focuses_the_range_around_the_mark() {
        let model = model();
        let marks = marks(&model);
        let around = focus_range(&marks, point(0, 1)).unwrap();
        assert!(around.from() < x("2000-01-01") && around.to() > x("2002-01-01"));
        assert!(around.width() < 3.0 * 366.0);
        let bar = focus_range(
            &marks,
            Mark::Bar {
                series: 0,
                index: 2,
            },
        )
        .unwrap();
        assert!(bar.from() < x("2002-01-01") && bar.to() > x("2003-01-01"));
        let event = focus_range(&marks, Mark::Event(0)).unwrap();
        assert!((event.width() - 31.0).abs() < 1e-9);
        assert!(event.from() < x("2001-09-11") && event.to() > x("2001-09-11"));
    }
}
