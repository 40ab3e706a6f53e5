//! Who cites what: for every source id, the series (with how many of their figures and other
//! estimates) and the events that cite it; and the publishers behind what is drawn in a date
//! range, for the chart's "Sources:" line. Counted once per dataset ([`Citations`],
//! [`SourceIndex`]), so the sources panel and the footer never rescan the data per frame.
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

    /// How many figures and events cite `id`.
    pub fn count(&self, id: &str) -> usize {
        self.of(id).map_or(0, Cited::count)
    }

    /// "US troops (12 points); Deaths (3 periods); events: Surge" for source `id`, or empty.
    pub fn describe(&self, id: &str) -> String {
        self.of(id).map(Cited::describe).unwrap_or_default()
    }
}

/// A run of consecutive figures of one series citing one source.
#[derive(Clone, Debug, PartialEq)]
struct Run {
    /// Index of its first figure in the series.
    first: usize,
    /// Index after its last figure.
    last: usize,
    /// The cited source id.
    source: String,
}

/// Something else drawn that cites a source: an other estimate or an event, over `start..=end`.
#[derive(Clone, Debug, PartialEq)]
struct Mark {
    start: f64,
    end: f64,
    source: String,
}

/// One series' citations, as runs (sorted by x, so a date range finds its runs by search).
#[derive(Clone, Debug, Default)]
struct SeriesSources {
    id: String,
    /// Whether the series' figures are points (else periods).
    points: bool,
    /// Chart x of each figure's start, to count figures in a range.
    starts: Vec<f64>,
    /// Chart x of each period's end (the day after); empty for points, which end where
    /// they start.
    ends: Vec<f64>,
    runs: Vec<Run>,
    /// Drawn other estimates, sorted by start.
    estimates: Vec<Mark>,
}

/// The sources of every drawn figure, estimate and event by date, built once per dataset so
/// the "Sources:" line of any range and series selection costs a search, not a scan.
#[derive(Clone, Debug, Default)]
pub struct SourceIndex {
    series: Vec<SeriesSources>,
    events: Vec<Mark>,
}

impl SourceIndex {
    /// Indexes `dataset`, assumed valid (sorted points and periods).
    pub fn new(dataset: &Dataset) -> Self {
        let mut series = Vec::new();
        for d in &dataset.deployments {
            let starts: Vec<f64> = d.points.iter().map(|p| p.date.to_x()).collect();
            let runs = runs(d.points.iter().map(|p| d.source_of(p)));
            let mut estimates: Vec<Mark> = d
                .points
                .iter()
                .flat_map(|p| {
                    p.estimates()
                        .iter()
                        .filter(|e| e.is_drawn())
                        .filter_map(move |e| {
                            let x = e.date_for(p).to_x();
                            Some(Mark {
                                start: x,
                                end: x,
                                source: d.estimate_source(p, e)?.to_owned(),
                            })
                        })
                })
                .collect();
            estimates.sort_by(|a, b| a.start.total_cmp(&b.start));
            series.push(SeriesSources {
                id: d.id.clone(),
                points: true,
                starts,
                ends: Vec::new(),
                runs,
                estimates,
            });
        }
        for c in &dataset.casualties {
            let span = |p: &crate::dataset::Period| (p.from.to_x(), p.to.to_x() + 1.0);
            let starts = c.periods.iter().map(|p| p.from.to_x()).collect();
            let ends = c.periods.iter().map(|p| p.to.to_x() + 1.0).collect();
            // A period without a figure draws hatching, not a figure: it cites nothing.
            let runs = runs(
                c.periods
                    .iter()
                    .map(|p| c.source_of(p).filter(|_| p.count.is_some())),
            );
            let estimates = c
                .periods
                .iter()
                .flat_map(|p| {
                    p.estimates
                        .iter()
                        .filter(|e| e.is_drawn())
                        .filter_map(move |e| {
                            let (start, end) = span(p);
                            Some(Mark {
                                start,
                                end,
                                source: c.estimate_source(p, e)?.to_owned(),
                            })
                        })
                })
                .collect();
            series.push(SeriesSources {
                id: c.id.clone(),
                points: false,
                starts,
                ends,
                runs,
                estimates,
            });
        }
        let mut events: Vec<Mark> = dataset
            .events
            .iter()
            .filter_map(|e| {
                Some(Mark {
                    start: e.date.to_x(),
                    end: e.end.unwrap_or(e.date).to_x() + 1.0,
                    source: e.source.clone()?,
                })
            })
            .collect();
        events.sort_by(|a, b| a.start.total_cmp(&b.start));
        Self { series, events }
    }

    /// How many drawn things in `from..to` (chart x, `to` exclusive) of the series `shown`
    /// cite each source id: points dated in it, periods overlapping it, drawn estimates and
    /// events in it.
    pub fn cited_in(
        &self,
        shown: &dyn Fn(&str) -> bool,
        from: f64,
        to: f64,
    ) -> HashMap<&str, usize> {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for series in self.series.iter().filter(|s| shown(&s.id)) {
            // Figures in view, by index: points dated in it, periods overlapping it.
            let a = if series.points {
                series.starts.partition_point(|&x| x < from)
            } else {
                series.ends.partition_point(|&x| x <= from)
            };
            let b = series.starts.partition_point(|&x| x < to);
            let first = series.runs.partition_point(|run| run.last <= a);
            for run in series.runs[first.min(series.runs.len())..]
                .iter()
                .take_while(|run| run.first < b)
            {
                let n = run.last.min(b).saturating_sub(run.first.max(a));
                if n > 0 {
                    *counts.entry(run.source.as_str()).or_default() += n;
                }
            }
            marks_in(&series.estimates, from, to, &mut counts);
        }
        marks_in(&self.events, from, to, &mut counts);
        counts
    }
}

fn marks_in<'a>(marks: &'a [Mark], from: f64, to: f64, counts: &mut HashMap<&'a str, usize>) {
    let last = marks.partition_point(|m| m.start < to);
    for mark in marks[..last].iter().filter(|m| m.end >= from) {
        *counts.entry(mark.source.as_str()).or_default() += 1;
    }
}

/// Runs of consecutive figures citing the same source, from each figure's source; figures
/// citing none start no run.
fn runs<'a>(sources: impl Iterator<Item = Option<&'a str>>) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    for (index, source) in sources.enumerate() {
        let Some(source) = source else { continue };
        match runs.last_mut() {
            Some(run) if run.last == index && run.source == source => run.last = index + 1,
            _ => runs.push(Run {
                first: index,
                last: index + 1,
                source: source.to_owned(),
            }),
        }
    }
    runs
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

/// "Iraq Body Count, Associated Press and 3 more": the publishers of what is drawn in
/// `from..to` (chart x, `to` exclusive) of the series `shown`, most-cited first (dataset order
/// among equals), at most `at_most` named. "not given" when nothing drawn names a source.
/// The chart's footer and exports use it, so a troops-only view never credits a casualty source.
pub fn sources_line(
    dataset: &Dataset,
    index: &SourceIndex,
    shown: &dyn Fn(&str) -> bool,
    (from, to): (f64, f64),
    at_most: usize,
) -> String {
    let counts = index.cited_in(shown, from, to);
    let mut cited: Vec<(String, usize)> = Vec::new();
    for source in &dataset.sources {
        let Some(&count) = counts.get(source.id.as_str()) else {
            continue;
        };
        // A stub (`TODO: who published it`) is no source to print.
        if crate::dataset::warnings::is_stub(source) {
            continue;
        }
        let name = publisher_name(source);
        match cited.iter_mut().find(|(n, _)| *n == name) {
            Some(entry) => entry.1 += count,
            None => cited.push((name, count)),
        }
    }
    // Ids cited but not defined (a dataset with problems) are named as written.
    let mut undefined: Vec<&str> = counts
        .keys()
        .copied()
        .filter(|id| dataset.source(id).is_none())
        .collect();
    undefined.sort_unstable();
    for id in undefined {
        cited.push((id.to_owned(), counts[id]));
    }
    if cited.is_empty() {
        return "not given".to_owned();
    }
    // Stable sort keeps dataset order among equally cited publishers.
    cited.sort_by_key(|entry| std::cmp::Reverse(entry.1));
    let named: Vec<&str> = cited
        .iter()
        .take(at_most)
        .map(|(name, _)| name.as_str())
        .collect();
    let more = cited.len().saturating_sub(at_most);
    if more == 0 {
        named.join(", ")
    } else {
        format!("{} and {more} more", named.join(", "))
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
        let index = SourceIndex::new(&dataset);
        let x = |d: &str| crate::dataset::Date::parse(d).unwrap().to_x();
        let all = |_: &str| true;
        let line = |shown: &dyn Fn(&str) -> bool, from: &str, to: &str| {
            sources_line(&dataset, &index, shown, (x(from), x(to)), 8)
        };
        // Everything: the qualifier "via a blog" stays, "(Smith)" goes; rejected is not drawn.
        assert_eq!(
            line(&all, "1999-01-01", "2003-01-01"),
            "Agency, Wire (via a blog), Counts, Estimator, Events desk"
        );
        // Troops only, 2000 alone: no casualty source, no estimate of 2001.
        assert_eq!(line(&|id| id == "d", "2000-01-01", "2000-12-31"), "Agency");
        // Casualties over 2001 only: its period has no figure, so nothing is cited.
        assert_eq!(
            line(&|id| id == "c", "2001-02-01", "2001-03-01"),
            "not given"
        );
        // A period overlapping the view counts.
        assert_eq!(line(&|id| id == "c", "2000-06-01", "2000-07-01"), "Counts");
        assert_eq!(line(&all, "2002-05-01", "2002-07-01"), "Events desk");
        assert_eq!(
            sources_line(
                &dataset,
                &index,
                &all,
                (x("1999-01-01"), x("2003-01-01")),
                2
            ),
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
