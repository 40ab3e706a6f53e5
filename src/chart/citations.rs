//! Who cites what: for every source id, the series (with how many of their figures and other
//! estimates) and the events that cite it; and the publishers behind what is drawn in a date
//! range, for the chart's "Source:" line. [`Citations`] are counted once per dataset, so the
//! sources panel never rescans the data per frame; [`publishers_in_view`] reads what a view
//! draws.
//!
//! Rules: the footer names only what is drawn (shown series, figures and drawn estimates in
//! view, events in view), most-cited first; a publisher's qualifier that says the figure was
//! seen second-hand through an unnamed route ("via a blog", "via a mirror") is kept, other
//! parenthesised details are left to the tooltips.

use std::collections::HashMap;

use crate::dataset::{Dataset, Source};

/// A series citing a source, and how many of its figures do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CitingSeries {
    /// Series label.
    pub label: String,
    /// How many of its points or periods cite the source.
    pub figures: usize,
    /// How many of its other estimates (drawn or rejected) cite the source.
    pub estimates: usize,
    /// Whether the figures are troop-level points (else casualty periods).
    pub points: bool,
}

/// Citations of one source.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cited {
    /// The citing series, deployments then casualty series, in dataset order.
    pub series: Vec<CitingSeries>,
    /// Titles of events citing it, in dataset order.
    pub events: Vec<String>,
}

impl Cited {
    /// How many figures, other estimates (drawn or rejected) and events cite the source: a
    /// source cited only by estimates is cited.
    pub fn count(&self) -> usize {
        self.series
            .iter()
            .map(|s| s.figures + s.estimates)
            .sum::<usize>()
            + self.events.len()
    }

    /// "US troops (12 points); events: Surge, SOFA" — how the sources panel says it.
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = self
            .series
            .iter()
            .map(|s| {
                let unit = match (s.points, s.figures == 1) {
                    (true, true) => "point",
                    (true, false) => "points",
                    (false, true) => "period",
                    (false, false) => "periods",
                };
                let mut counts = Vec::new();
                if s.figures > 0 {
                    counts.push(format!("{} {unit}", s.figures));
                }
                match s.estimates {
                    0 => {}
                    1 => counts.push("1 other estimate".to_owned()),
                    n => counts.push(format!("{n} other estimates")),
                }
                format!("{} ({})", s.label, counts.join(", "))
            })
            .collect();
        if !self.events.is_empty() {
            parts.push(format!("events: {}", self.events.join(", ")));
        }
        parts.join("; ")
    }
}

/// Citations of every source id that anything cites (defined or not).
#[derive(Clone, Debug, Default)]
pub struct Citations {
    by_source: HashMap<String, Cited>,
}

impl Citations {
    /// Counts every citation in `dataset` in one pass.
    pub fn new(dataset: &Dataset) -> Self {
        let mut by_source: HashMap<String, Cited> = HashMap::new();
        // Each id with (figures, estimates) citing it, in order of first citation.
        let mut series =
            |label: &str, points: bool, ids: &mut dyn Iterator<Item = (Option<&str>, bool)>| {
                let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
                let mut order: Vec<&str> = Vec::new();
                for (id, estimate) in ids {
                    let Some(id) = id else { continue };
                    let n = counts.entry(id).or_insert_with(|| {
                        order.push(id);
                        (0, 0)
                    });
                    if estimate {
                        n.1 += 1;
                    } else {
                        n.0 += 1;
                    }
                }
                for id in order {
                    let (figures, estimates) = counts[id];
                    by_source
                        .entry(id.to_owned())
                        .or_default()
                        .series
                        .push(CitingSeries {
                            label: label.to_owned(),
                            figures,
                            estimates,
                            points,
                        });
                }
            };
        for d in &dataset.deployments {
            series(
                &d.label,
                true,
                &mut d.points.iter().flat_map(|p| {
                    std::iter::once((d.source_of(p), false)).chain(
                        p.estimates()
                            .iter()
                            .map(move |e| (d.estimate_source(p, e), true)),
                    )
                }),
            );
        }
        for c in &dataset.casualties {
            series(
                &c.label,
                false,
                &mut c.periods.iter().flat_map(|p| {
                    std::iter::once((c.source_of(p), false)).chain(
                        p.estimates
                            .iter()
                            .map(move |e| (c.estimate_source(p, e), true)),
                    )
                }),
            );
        }
        for event in &dataset.events {
            if let Some(id) = &event.source {
                by_source
                    .entry(id.clone())
                    .or_default()
                    .events
                    .push(event.title.clone());
            }
        }
        Self { by_source }
    }

    /// What cites source `id` (nothing for an uncited one).
    pub fn of(&self, id: &str) -> Option<&Cited> {
        self.by_source.get(id)
    }

    /// How many figures, other estimates and events cite `id`.
    pub fn count(&self, id: &str) -> usize {
        self.of(id).map_or(0, Cited::count)
    }

    /// "US troops (12 points); Deaths (3 periods); events: Surge" for source `id`, or empty.
    pub fn describe(&self, id: &str) -> String {
        self.of(id).map(Cited::describe).unwrap_or_default()
    }
}

/// The publisher as the footer names it: its name, with a qualifier kept only when it says the
/// figure was seen through an unnamed second-hand route ("Reuters (via a mirror)", "CounterVortex
/// (blog)"); other parenthesised details ("(Belasco)", "(via Denver Post)") are for tooltips.
pub fn publisher_name(source: &Source) -> String {
    let publisher = source.publisher.trim();
    let Some(open) = publisher.find(" (") else {
        return publisher.to_owned();
    };
    let (name, detail) = publisher.split_at(open);
    let detail = detail.trim().trim_start_matches('(').trim_end_matches(')');
    let lower = detail.to_lowercase();
    let second_hand = [
        "blog",
        "mirror",
        "forum",
        "digest",
        "translation site",
        "personal site",
    ];
    if lower.starts_with("via a ") || second_hand.iter().any(|w| lower.contains(w)) {
        format!("{name} ({detail})")
    } else {
        name.trim().to_owned()
    }
}

/// What one view of the chart draws: the shown series and events in `from..=to` (chart x).
pub struct InView<'a> {
    /// Whether the series with this id is shown.
    pub series: &'a dyn Fn(&str) -> bool,
    /// Whether this event is shown (events on, its category not hidden).
    pub event: &'a dyn Fn(&crate::dataset::Event) -> bool,
    /// First day in view.
    pub from: f64,
    /// Last day in view.
    pub to: f64,
}

/// The publishers of what `view` draws, most-cited first, at most `at_most` of them and then
/// how many more: the figures of shown series in view (with the points just outside it, which
/// the line is drawn from), their drawn estimates, the periods overlapping it, and the events
/// in it. Figures not drawn (unknown, rejected) credit nobody; stub sources are never named.
/// Publishers are named as [`publisher_name`] does: second-hand routes stay ("via a blog").
pub fn publishers_in_view<'d>(dataset: &'d Dataset, view: &InView<'_>, at_most: usize) -> String {
    let mut counts: HashMap<&'d str, usize> = HashMap::new();
    let mut cite = |id: Option<&'d str>| {
        if let Some(id) = id {
            *counts.entry(id).or_default() += 1;
        }
    };
    for d in dataset.deployments.iter().filter(|d| (view.series)(&d.id)) {
        let xs: Vec<f64> = d.points.iter().map(|p| p.date.to_x()).collect();
        let before = xs
            .iter()
            .copied()
            .filter(|&x| x < view.from)
            .fold(f64::NEG_INFINITY, f64::max);
        let after = xs
            .iter()
            .copied()
            .filter(|&x| x > view.to)
            .fold(f64::INFINITY, f64::min);
        // A neighbour outside the view is drawn from only when the line crosses into it.
        let before = if xs.iter().any(|&x| x >= view.from) {
            before
        } else {
            f64::NAN
        };
        let after = if xs.iter().any(|&x| x <= view.to) {
            after
        } else {
            f64::NAN
        };
        for (point, &x) in d.points.iter().zip(&xs) {
            // An unknown figure draws a gap, not a figure: it cites nothing.
            if point.troops.is_some()
                && ((view.from..=view.to).contains(&x) || x == before || x == after)
            {
                cite(d.source_of(point));
            }
            // Other estimates drawn in view; a rejected one is never drawn.
            for estimate in point.estimates().iter().filter(|e| e.is_drawn()) {
                if (view.from..=view.to).contains(&estimate.date_for(point).to_x()) {
                    cite(d.estimate_source(point, estimate));
                }
            }
        }
    }
    for c in dataset.casualties.iter().filter(|c| (view.series)(&c.id)) {
        for period in &c.periods {
            if period.from.to_x() <= view.to && period.to.to_x() + 1.0 >= view.from {
                if period.count.is_some() {
                    cite(c.source_of(period));
                }
                for estimate in period.estimates.iter().filter(|e| e.is_drawn()) {
                    cite(c.estimate_source(period, estimate));
                }
            }
        }
    }
    for event in &dataset.events {
        let start = event.date.to_x();
        let end = event.end.map_or(start, |d| d.to_x() + 1.0);
        if start <= view.to && end >= view.from && (view.event)(event) {
            cite(event.source.as_deref());
        }
    }
    let mut publishers: Vec<(String, usize, usize)> = Vec::new();
    for (order, source) in dataset.sources.iter().enumerate() {
        let Some(&count) = counts.get(source.id.as_str()) else {
            continue;
        };
        // A stub (`TODO: who published it`) is no source to print.
        if crate::dataset::warnings::is_stub(source) {
            continue;
        }
        let name = publisher_name(source);
        match publishers.iter_mut().find(|(n, ..)| *n == name) {
            Some(entry) => entry.1 += count,
            None => publishers.push((name, count, order)),
        }
    }
    publishers.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    let names: Vec<&str> = publishers
        .iter()
        .take(at_most)
        .map(|(n, ..)| n.as_str())
        .collect();
    let more = publishers.len().saturating_sub(names.len());
    match (names.is_empty(), more) {
        (true, _) => String::new(),
        (false, 0) => names.join(", "),
        (false, more) => format!("{} and {more} more", names.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::load_str;

    const TEXT: &str = r#"Dataset(format: 1, title: "T",
        sources: [Source(id: "a", title: "A", publisher: "P"), Source(id: "b", title: "B", publisher: "Q"),
                  Source(id: "unused", title: "U", publisher: "R")],
        deployments: [Deployment(id: "d", label: "Troops", source: "a", points: [
            (date: "2000-01-01", troops: 1), (date: "2001-01-01", troops: 2, source: "b"),
            (date: "2002-01-01", troops: 3)])],
        casualties: [Casualties(id: "c", label: "Deaths", periods: [
            (from: "2000-01-01", to: "2000-12-31", count: 5, source: "b")])],
        events: [Event(date: "2001-06-01", title: "Surge", source: "a")])"#;

    #[test]
    fn every_citation_is_counted_once_per_figure() {
        let dataset = load_str(TEXT, "t").unwrap_or_else(|e| panic!("{e}"));
        let citations = Citations::new(&dataset);
        assert_eq!(citations.count("a"), 3);
        assert_eq!(citations.count("b"), 2);
        assert_eq!(citations.count("unused"), 0);
        assert_eq!(citations.describe("a"), "Troops (2 points); events: Surge");
        assert_eq!(
            citations.describe("b"),
            "Troops (1 point); Deaths (1 period)"
        );
        assert_eq!(citations.describe("unused"), "");
    }

    const VIEWS: &str = r#"Dataset(format: 1, title: "T",
        sources: [Source(id: "a", title: "A", publisher: "Agency (Smith)"),
                  Source(id: "b", title: "B", publisher: "Wire (via a blog)"),
                  Source(id: "c", title: "C", publisher: "Counts"),
                  Source(id: "e", title: "E", publisher: "Estimator"),
                  Source(id: "r", title: "R", publisher: "Rejected Ltd"),
                  Source(id: "v", title: "V", publisher: "Events desk")],
        deployments: [Deployment(id: "d", label: "Troops", source: "a", points: [
            (date: "2000-01-01", troops: 1), (date: "2001-01-01", troops: 2, source: "b",
             estimates: [(value: 5, source: "e", note: "x"),
                         (value: 9, source: "r", note: "y", status: Rejected)]),
            (date: "2002-01-01", troops: 3)])],
        casualties: [Casualties(id: "c", label: "Deaths", source: "c", periods: [
            (from: "2000-01-01", to: "2000-12-31", count: 5),
            (from: "2001-01-01", to: "2001-12-31", count: None, note: "n")])],
        events: [Event(date: "2002-06-01", title: "Later", source: "v")])"#;

    #[test]
    fn the_sources_panel_counts_estimates() {
        let dataset = load_str(VIEWS, "t").unwrap_or_else(|e| panic!("{e}"));
        let citations = Citations::new(&dataset);
        assert_eq!(citations.count("e"), 1);
        assert_eq!(citations.describe("e"), "Troops (1 other estimate)");
        assert_eq!(citations.count("r"), 1, "a rejected figure is still cited");
        assert_eq!(citations.describe("b"), "Troops (1 point)");
    }

    #[test]
    fn the_sources_line_names_what_is_drawn_in_view() {
        let dataset = load_str(VIEWS, "t").unwrap_or_else(|e| panic!("{e}"));
        let x = |d: &str| crate::dataset::Date::parse(d).map_or(f64::NAN, |d| d.to_x());
        let all = |_: &str| true;
        let events = |_: &crate::dataset::Event| true;
        let line = |series: &dyn Fn(&str) -> bool, from: &str, to: &str, at_most: usize| {
            let view = InView {
                series,
                event: &events,
                from: x(from),
                to: x(to),
            };
            publishers_in_view(&dataset, &view, at_most)
        };
        // Everything: the qualifier "via a blog" stays, "(Smith)" goes; rejected is not drawn.
        assert_eq!(
            line(&all, "1999-01-01", "2003-01-01", 8),
            "Agency, Wire (via a blog), Counts, Estimator, Events desk"
        );
        // Troops only, 2000: no casualty source, no estimate of 2001; the line runs to the
        // 2001 point (Wire).
        assert_eq!(
            line(&|id| id == "d", "2000-01-01", "2000-12-31", 8),
            "Agency, Wire (via a blog)"
        );
        // Casualties over 2001 only: its period has no figure, so nothing is cited.
        assert_eq!(line(&|id| id == "c", "2001-02-01", "2001-03-01", 8), "");
        // A period overlapping the view counts.
        assert_eq!(
            line(&|id| id == "c", "2000-06-01", "2000-07-01", 8),
            "Counts"
        );
        // After the line's last point nothing of it is drawn.
        assert_eq!(line(&all, "2002-05-01", "2002-07-01", 8), "Events desk");
        assert_eq!(
            line(&all, "1999-01-01", "2003-01-01", 2),
            "Agency, Wire (via a blog) and 3 more"
        );
    }

    #[test]
    fn the_source_line_names_only_what_the_view_draws() {
        let dataset = load_str(TEXT, "t").unwrap_or_else(|e| panic!("{e}"));
        let x = |d: &str| crate::dataset::Date::parse(d).map_or(f64::NAN, |d| d.to_x());
        let all = |_: &str| true;
        let events = |_: &crate::dataset::Event| true;
        let no_events = |_: &crate::dataset::Event| false;
        let view = |from: &str, to: &str| (x(from), x(to));
        let line = |(from, to): (f64, f64),
                    series: &dyn Fn(&str) -> bool,
                    event: &dyn Fn(&crate::dataset::Event) -> bool| {
            publishers_in_view(
                &dataset,
                &InView {
                    series,
                    event,
                    from,
                    to,
                },
                8,
            )
        };
        // Everything: both publishers, the most cited first.
        assert_eq!(
            line(view("1999-01-01", "2003-01-01"), &all, &events),
            "P, Q"
        );
        // 2002 alone: the troop line from its 2001 point (source b) to its 2002 point (a).
        assert_eq!(
            line(view("2001-07-01", "2002-06-01"), &all, &no_events),
            "P, Q"
        );
        // Casualties hidden, early 2000: the first troop point and its neighbour.
        let troops_only = |id: &str| id == "d";
        assert_eq!(
            line(view("1999-01-01", "2000-06-01"), &troops_only, &no_events),
            "P, Q"
        );
        let nothing = |_: &str| false;
        assert_eq!(
            line(view("2001-05-01", "2001-07-01"), &nothing, &events),
            "P"
        );
        assert_eq!(
            line(view("2001-05-01", "2001-07-01"), &nothing, &no_events),
            ""
        );
    }
}
