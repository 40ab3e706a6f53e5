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
}
