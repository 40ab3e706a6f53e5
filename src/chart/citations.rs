//! Who cites what: for every source id, the series (with how many of their figures) and the
//! events that cite it. Counted once per dataset, so the sources panel and the footer never
//! rescan the data per frame.

use std::collections::HashMap;

use crate::dataset::Dataset;

/// A series citing a source, and how many of its figures do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CitingSeries {
    /// Series label.
    pub label: String,
    /// How many of its points or periods cite the source.
    pub figures: usize,
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
    /// How many figures and events cite the source.
    pub fn count(&self) -> usize {
        self.series.iter().map(|s| s.figures).sum::<usize>() + self.events.len()
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
                format!("{} ({} {unit})", s.label, s.figures)
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
        let mut series =
            |label: &str, points: bool, ids: &mut dyn Iterator<Item = Option<&str>>| {
                let mut counts: HashMap<&str, usize> = HashMap::new();
                let mut order: Vec<&str> = Vec::new();
                for id in ids.flatten() {
                    let n = counts.entry(id).or_insert(0);
                    if *n == 0 {
                        order.push(id);
                    }
                    *n += 1;
                }
                for id in order {
                    by_source
                        .entry(id.to_owned())
                        .or_default()
                        .series
                        .push(CitingSeries {
                            label: label.to_owned(),
                            figures: counts[id],
                            points,
                        });
                }
            };
        for d in &dataset.deployments {
            series(&d.label, true, &mut d.points.iter().map(|p| d.source_of(p)));
        }
        for c in &dataset.casualties {
            series(
                &c.label,
                false,
                &mut c.periods.iter().map(|p| c.source_of(p)),
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

    /// How many figures and events cite `id`.
    pub fn count(&self, id: &str) -> usize {
        self.of(id).map_or(0, Cited::count)
    }

    /// "US troops (12 points); Deaths (3 periods); events: Surge" for source `id`, or empty.
    pub fn describe(&self, id: &str) -> String {
        self.of(id).map(Cited::describe).unwrap_or_default()
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
/// the line is drawn from), the periods overlapping it, and the events in it. Parenthesised
/// details in publisher names are dropped: the source line names organisations.
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
        for (point, &x) in d.points.iter().zip(&xs) {
            if (view.from..=view.to).contains(&x) || x == before || x == after {
                cite(d.source_of(point));
            }
        }
    }
    for c in dataset.casualties.iter().filter(|c| (view.series)(&c.id)) {
        for period in &c.periods {
            if period.from.to_x() <= view.to && period.to.to_x() + 1.0 >= view.from {
                cite(c.source_of(period));
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
        let name = source
            .publisher
            .split(" (")
            .next()
            .unwrap_or(&source.publisher)
            .trim()
            .to_owned();
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
