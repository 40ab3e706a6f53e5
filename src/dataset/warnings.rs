//! What the format allows but a reader would question: `troopline check` prints these as
//! warnings (and `--strict` treats them as errors). A valid dataset may have any of them; each
//! names the item by path, says what a reader would ask, and what would answer it.

use std::collections::{HashMap, HashSet};

use super::Problem;
use super::model::{Casualties, Dataset};

/// Whether a note says a figure is missing ("no count", "not known", "withheld"): then a 0
/// beside it is probably a stand-in for "unknown", which the chart would draw as zero.
fn says_no_count(note: Option<&str>) -> bool {
    const WORDS: [&str; 11] = [
        "no count",
        "no figure",
        "no data",
        "no year-end",
        "no number",
        "not known",
        "unknown",
        "withheld",
        "not published",
        "not available",
        "not reported",
    ];
    note.is_some_and(|note| {
        let note = note.to_lowercase();
        WORDS.iter().any(|words| note.contains(words))
    })
}

/// A `high` this much above its value (or a `low` this much below) needs a note saying why.
const WIDE_RANGE: f64 = 0.5;

/// Warnings of one kind listed before the rest are summed up in one line: output stays
/// readable, and bounded, for a dataset of millions of points.
const SHOWN_PER_KIND: usize = 50;

/// The kinds of warning, for the per-kind limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Kind {
    Unequal,
    Gap,
    UnknownWithoutNote,
    Uncited,
    PlainHttp,
    WideRange,
    NoSource,
    EstimateWithoutNote,
    MeasureChangeWithoutNote,
    ViewOutsideData,
    Stub,
    NoPublisher,
    ZeroSaysNoCount,
}

impl Kind {
    /// What the summary line says the left-out warnings are about.
    fn plural(self) -> &'static str {
        match self {
            Self::Unequal => "series with unequal periods",
            Self::Gap => "gaps between periods",
            Self::UnknownWithoutNote => "unknown counts without a note",
            Self::Uncited => "uncited sources",
            Self::PlainHttp => "plain http:// links",
            Self::WideRange => "wide ranges without a note",
            Self::NoSource => "figures or events without a source",
            Self::EstimateWithoutNote => "estimates without a note",
            Self::MeasureChangeWithoutNote => "measure changes without a note",
            Self::ViewOutsideData => "views outside the data",
            Self::Stub => "sources left to fill in",
            Self::NoPublisher => "sources without a publisher",
            Self::ZeroSaysNoCount => "zeros whose note says there is no count",
        }
    }
}

#[derive(Default)]
struct Found {
    shown: Vec<Problem>,
    counts: HashMap<Kind, usize>,
    /// Kinds in order of first appearance, for the summary lines.
    order: Vec<Kind>,
}

impl Found {
    /// Records a warning; `path` and `message` are only built while the kind is under its limit.
    fn add(&mut self, kind: Kind, path: impl FnOnce() -> String, message: impl FnOnce() -> String) {
        let count = self.counts.entry(kind).or_insert_with(|| {
            self.order.push(kind);
            0
        });
        *count += 1;
        if *count <= SHOWN_PER_KIND {
            self.shown.push(Problem::item(path(), message()));
        }
    }

    fn finish(mut self) -> Vec<Problem> {
        for kind in self.order {
            let left_out = self.counts[&kind].saturating_sub(SHOWN_PER_KIND);
            if left_out > 0 {
                self.shown.push(Problem::item(
                    "(more)",
                    format!("… and {left_out} more {} not listed", kind.plural()),
                ));
            }
        }
        self.shown
    }
}

/// The mark `troopline import` and `troopline new` leave in fields the author must fill.
pub const TODO: &str = "TODO";

/// A text still holding the [`TODO`] mark.
fn unfilled(text: &str) -> bool {
    text.trim_start().starts_with(TODO)
}

/// Whether a source is still the stub `troopline import` and `troopline new` leave: such a
/// source is never printed on a chart, and `export` warns about it.
pub fn is_stub(source: &crate::dataset::Source) -> bool {
    unfilled(&source.title) || unfilled(&source.publisher)
}

/// Everything in `dataset` a careful reader would question; empty when there is nothing.
/// The dataset is assumed valid (see `validate`).
pub fn warnings(dataset: &Dataset) -> Vec<Problem> {
    let mut found = Found::default();
    casualty_warnings(dataset, &mut found);
    point_warnings(dataset, &mut found);
    source_warnings(dataset, &mut found);
    event_warnings(dataset, &mut found);
    view_warnings(dataset, &mut found);
    found.finish()
}

// Numbers in messages are written as in the file (182060, not 182,060), so an author can
// search for them.

/// `high` far above, or `low` far below, the value, with nothing saying why.
fn wide_without_note(value: u32, low: Option<u32>, high: Option<u32>, note: Option<&str>) -> bool {
    if note.is_some_and(|note| !note.trim().is_empty()) {
        return false;
    }
    let value = f64::from(value);
    high.is_some_and(|high| f64::from(high) > value * (1.0 + WIDE_RANGE))
        || low.is_some_and(|low| f64::from(low) < value * (1.0 - WIDE_RANGE))
}

fn range_message(value: u32, low: Option<u32>, high: Option<u32>) -> String {
    let (low, high) = (low.unwrap_or(value), high.unwrap_or(value));
    format!(
        "the range {low}–{high} is far from the value {value} (a high more than 50% above it, \
         or a low more than 50% below) and no note says why; explain it, or move figures the \
         dataset does not stand behind to `estimates`"
    )
}

fn has_note(note: Option<&str>) -> bool {
    note.is_some_and(|note| !note.trim().is_empty())
}

fn casualty_warnings(dataset: &Dataset, found: &mut Found) {
    for (index, series) in dataset.casualties.iter().enumerate() {
        let base = format!("casualties[{index}] ({:?})", series.id);
        let counted = series.periods.iter().filter(|p| p.count.is_some());
        let none_sourced =
            counted.clone().count() > 1 && counted.clone().all(|p| series.source_of(p).is_none());
        if none_sourced {
            found.add(
                Kind::NoSource,
                || base.clone(),
                || {
                    format!(
                        "none of its {} counts cites a source: give the series a `source`",
                        counted.count()
                    )
                },
            );
        }
        if series.unequal_periods() && !has_note(series.description.as_deref()) {
            found.add(Kind::Unequal, || base.clone(), || unequal_message(series));
        }
        for (i, period) in series.periods.iter().enumerate() {
            let path = || format!("{base}.periods[{i}] ({} to {})", period.from, period.to);
            if i > 0 {
                let previous = &series.periods[i - 1];
                if let (Some(first), Some(last)) =
                    (previous.to.succ(), period.from.naive().pred_opt())
                    && first.naive() <= last
                {
                    found.add(Kind::Gap, path, || {
                        format!(
                            "nothing is given from {first} to {last}, so the chart shows no \
                                 data there; if the count is unknown, add that period with \
                                 `count: None` and a note, if there were none, with `count: 0`"
                        )
                    });
                }
            }
            match period.count {
                None if !has_note(period.note.as_deref()) => {
                    found.add(Kind::UnknownWithoutNote, path, || {
                        "the count is unknown (None) and no note says why there is no figure".into()
                    });
                }
                Some(count)
                    if wide_without_note(
                        count,
                        period.low,
                        period.high,
                        period.note.as_deref(),
                    ) =>
                {
                    found.add(Kind::WideRange, path, || {
                        range_message(count, period.low, period.high)
                    });
                }
                _ => {}
            }
            if period.count == Some(0) && says_no_count(period.note.as_deref()) {
                found.add(Kind::ZeroSaysNoCount, path, || {
                    "the count is 0 but the note says there is no count: write `count: None` \
                     for an unknown count (drawn as no data), or reword the note"
                        .into()
                });
            }
            if !none_sourced && period.count.is_some() && series.source_of(period).is_none() {
                found.add(Kind::NoSource, path, || {
                    "cites no source, and the series names no default `source`".into()
                });
            }
            for (e, estimate) in period.estimates.iter().enumerate() {
                let path = || format!("{}.estimates[{e}]", path());
                estimate_warnings(
                    found,
                    path,
                    estimate.note.as_deref(),
                    series.estimate_source(period, estimate),
                );
            }
        }
    }
}

fn unequal_message(series: &Casualties) -> String {
    let days = series
        .periods
        .iter()
        .filter(|p| p.count.is_some())
        .map(|p| p.days());
    let (shortest, longest) = days.fold((i64::MAX, 0), |(lo, hi), d| (lo.min(d), hi.max(d)));
    format!(
        "periods differ in length ({shortest} to {longest} days), so their counts do not compare \
         as they are: the chart shows {} per {} by default; add a `description` saying how the \
         periods were chosen",
        series.unit(),
        series.rate_unit().name()
    )
}

fn point_warnings(dataset: &Dataset, found: &mut Found) {
    for (index, deployment) in dataset.deployments.iter().enumerate() {
        let base = format!("deployments[{index}] ({:?})", deployment.id);
        // A series none of whose points names a source (as a table imported without one) gets
        // one warning, not one per point.
        let none_sourced = deployment.points.len() > 1
            && deployment
                .points
                .iter()
                .all(|p| deployment.source_of(p).is_none());
        if none_sourced {
            found.add(
                Kind::NoSource,
                || base.clone(),
                || {
                    format!(
                        "none of its {} points cites a source: give the series a `source`",
                        deployment.points.len()
                    )
                },
            );
        }
        let mut previous_measure = None;
        for (i, point) in deployment.points.iter().enumerate() {
            let path = || format!("{base}.points[{i}] ({})", point.date);
            let note = point.note.as_deref();
            if let Some(troops) = point.troops
                && wide_without_note(troops, point.low, point.high, note)
            {
                found.add(Kind::WideRange, path, || {
                    range_message(troops, point.low, point.high)
                });
            }
            if point.troops.is_none() && !has_note(note) {
                found.add(Kind::UnknownWithoutNote, path, || {
                    "the figure is unknown (None) and no note says why there is no figure".into()
                });
            }
            if point.troops == Some(0) && says_no_count(note) {
                found.add(Kind::ZeroSaysNoCount, path, || {
                    "the figure is 0 but the note says there is no count: write `troops: None` \
                     for an unknown figure (drawn as a gap in the line), or reword the note"
                        .into()
                });
            }
            if !none_sourced && deployment.source_of(point).is_none() {
                found.add(Kind::NoSource, path, || {
                    "cites no source, and the series names no default `source`".into()
                });
            }
            let measure = deployment.measure_of(point);
            if i > 0 && measure != previous_measure && !has_note(note) {
                found.add(Kind::MeasureChangeWithoutNote, path, || {
                    format!(
                        "the measure changes here (from {} to {}), so the line breaks, and no \
                         note says what changed",
                        describe_measure(previous_measure),
                        describe_measure(measure)
                    )
                });
            }
            previous_measure = measure;
            for (e, estimate) in point.estimates().iter().enumerate() {
                let path = || format!("{}.estimates[{e}]", path());
                estimate_warnings(
                    found,
                    path,
                    estimate.note.as_deref(),
                    deployment.estimate_source(point, estimate),
                );
            }
        }
    }
}

fn estimate_warnings(
    found: &mut Found,
    path: impl Fn() -> String + Copy,
    note: Option<&str>,
    source: Option<&str>,
) {
    if !has_note(note) {
        found.add(Kind::EstimateWithoutNote, path, || {
            "no note says why this figure is not part of the range".into()
        });
    }
    if source.is_none() {
        found.add(Kind::NoSource, path, || "cites no source".into());
    }
}

fn describe_measure(measure: Option<&str>) -> String {
    measure.map_or_else(|| "none given".to_owned(), |m| format!("{m:?}"))
}

fn source_warnings(dataset: &Dataset, found: &mut Found) {
    let mut cited: HashSet<&str> = HashSet::new();
    for deployment in &dataset.deployments {
        cited.extend(deployment.source.as_deref());
        for point in &deployment.points {
            cited.extend(point.source.as_deref());
            cited.extend(point.estimates().iter().filter_map(|e| e.source.as_deref()));
        }
    }
    for series in &dataset.casualties {
        cited.extend(series.source.as_deref());
        for period in &series.periods {
            cited.extend(period.source.as_deref());
            cited.extend(period.estimates.iter().filter_map(|e| e.source.as_deref()));
        }
    }
    cited.extend(dataset.events.iter().filter_map(|e| e.source.as_deref()));
    for (index, source) in dataset.sources.iter().enumerate() {
        let path = || format!("sources[{index}] ({:?})", source.id);
        if unfilled(&source.title) || unfilled(&source.publisher) {
            found.add(Kind::Stub, path, || {
                format!(
                    "is a stub (marked {TODO}): fill in its title and publisher (and url, \
                     published) with where the figures come from"
                )
            });
        } else if source.publisher.trim().is_empty() {
            found.add(Kind::NoPublisher, path, || {
                "has no publisher: say who published it".into()
            });
        }
        if !cited.contains(source.id.as_str()) {
            found.add(Kind::Uncited, path, || {
                "no series, point, period, estimate or event cites it; cite it or remove it".into()
            });
        }
        if let Some(url) = source.url.as_deref()
            && url
                .trim()
                .get(..7)
                .is_some_and(|scheme| scheme.eq_ignore_ascii_case("http://"))
        {
            found.add(
                Kind::PlainHttp,
                || format!("{}.url", path()),
                || {
                    format!(
                        "{url:?} is a plain http:// link, which can be altered on the way; use \
                         https:// where the site serves it"
                    )
                },
            );
        }
    }
}

fn event_warnings(dataset: &Dataset, found: &mut Found) {
    for (index, event) in dataset.events.iter().enumerate() {
        if event.source.is_none() {
            found.add(
                Kind::NoSource,
                || format!("events[{index}] ({} {:?})", event.date, event.title),
                || "cites no source".into(),
            );
        }
    }
}

fn view_warnings(dataset: &Dataset, found: &mut Found) {
    let Some((first, last)) = dataset.date_range() else {
        return;
    };
    for (index, view) in dataset.views.iter().enumerate() {
        if view.to < first || view.from > last {
            found.add(
                Kind::ViewOutsideData,
                || format!("views[{index}] ({:?})", view.title),
                || {
                    format!(
                        "{} to {} holds no data or event (the data covers {first} to {last})",
                        view.from, view.to
                    )
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::load_str;

    /// A dataset with nothing to question, with `edit` applied to its text.
    fn with(edit: impl Fn(String) -> String) -> Dataset {
        let text = edit(
            r#"Dataset(format: 1, title: "T",
            sources: [Source(id: "s", title: "S", publisher: "P", url: "https://example.org")],
            deployments: [Deployment(id: "a", label: "A", source: "s", points: [
                (date: "2000-01-01", troops: 10),
                (date: "2001-01-01", troops: 30, low: 20, high: 40),
                (date: "2002-01-01", troops: 20)])],
            casualties: [Casualties(id: "c", label: "C", source: "s", periods: [
                (from: "2000-01-01", to: "2000-12-31", count: 5),
                (from: "2001-01-01", to: "2001-12-31", count: 7)])],
            events: [Event(date: "2001-06-01", title: "E", source: "s")],
            views: [View(title: "V", from: "2000-01-01", to: "2000-12-31")])"#
                .to_owned(),
        );
        load_str(&text, "t").unwrap()
    }

    fn messages(dataset: &Dataset) -> Vec<String> {
        warnings(dataset)
            .iter()
            .map(|problem| problem.headline("t"))
            .collect()
    }

    /// The one warning `edit` causes, as a headline.
    fn only_warning(edit: impl Fn(String) -> String) -> String {
        let found = messages(&with(edit));
        assert_eq!(found.len(), 1, "{found:#?}");
        found[0].clone()
    }

    #[test]
    fn a_careful_dataset_has_nothing_to_question() {
        assert_eq!(messages(&with(|t| t)), Vec::<String>::new());
    }

    #[test]
    fn a_series_without_any_source_gets_one_warning_and_a_single_figure_its_own() {
        let unsourced = |t: String| t.replace(r#"label: "A", source: "s","#, r#"label: "A","#);
        let warning = only_warning(unsourced);
        assert!(
            warning.contains(r#"deployments[0] ("a"): none of its 3 points cites a source"#),
            "{warning}"
        );
        // One point citing a source leaves the others named one by one.
        let found = messages(&with(|t| {
            unsourced(t).replace(
                r#"(date: "2000-01-01", troops: 10)"#,
                r#"(date: "2000-01-01", troops: 10, source: "s")"#,
            )
        }));
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(
            found
                .iter()
                .all(|w| w.contains(".points[") && w.contains("cites no source"))
        );
        let casualties =
            only_warning(|t| t.replace(r#"label: "C", source: "s","#, r#"label: "C","#));
        assert!(
            casualties.contains(r#"casualties[0] ("c"): none of its 2 counts cites a source"#),
            "{casualties}"
        );
    }

    #[test]
    fn a_zero_whose_note_says_there_is_no_count_is_questioned() {
        let warning = only_warning(|t| {
            t.replace(
                r#"(date: "2000-01-01", troops: 10)"#,
                r#"(date: "2000-01-01", troops: 0, note: "No year-end count was published.")"#,
            )
        });
        assert!(
            warning.contains("points[0]") && warning.contains("`troops: None`"),
            "{warning}"
        );
        let warning =
            only_warning(|t| t.replace("count: 5)", r#"count: 0, note: "Figures withheld.")"#));
        assert!(
            warning.contains("periods[0]") && warning.contains("`count: None`"),
            "{warning}"
        );
        // A zero that is a zero, or an unknown written as one, is fine.
        assert!(
            messages(&with(
                |t| t.replace("count: 5)", r#"count: 0, note: "None died.")"#)
            ))
            .is_empty()
        );
        assert!(
            messages(&with(|t| t.replace(
                r#"(date: "2000-01-01", troops: 10)"#,
                r#"(date: "2000-01-01", troops: None, note: "No count.")"#
            )))
            .is_empty()
        );
    }

    #[test]
    fn sources_left_to_fill_in_or_without_a_publisher() {
        for stub in [r#"title: "TODO: title""#, r#"title: "  TODO""#] {
            let warning = only_warning(|t| t.replace(r#"title: "S""#, stub));
            assert!(
                warning.contains(r#"sources[0] ("s")"#) && warning.contains("stub"),
                "{warning}"
            );
        }
        let warning = only_warning(|t| t.replace(r#"publisher: "P""#, r#"publisher: "TODO""#));
        assert!(warning.contains("stub"), "{warning}");
        let warning = only_warning(|t| t.replace(r#"publisher: "P""#, r#"publisher: " ""#));
        assert!(
            warning.contains(r#"sources[0] ("s")"#) && warning.contains("no publisher"),
            "{warning}"
        );
        // A title that only mentions the mark later is not a stub.
        assert!(messages(&with(|t| t.replace(r#"title: "S""#, r#"title: "S TODO""#))).is_empty());
    }

    #[test]
    fn unequal_periods_without_a_description() {
        let unequal = |t: String| t.replace(r#"to: "2001-12-31""#, r#"to: "2002-06-30""#);
        let warning = only_warning(unequal);
        assert!(
            warning.contains(r#"casualties[0] ("c")"#)
                && warning.contains("366 to 546 days")
                && warning.contains("people per year"),
            "{warning}"
        );
        let described = |t: String| {
            unequal(t).replace(
                r#"label: "C","#,
                r#"label: "C", description: "Periods follow the reports.","#,
            )
        };
        assert_eq!(messages(&with(described)), Vec::<String>::new());
    }

    #[test]
    fn gaps_between_periods() {
        let warning = only_warning(|t| {
            t.replace(r#"from: "2001-01-01""#, r#"from: "2001-03-01""#)
                .replace(r#"label: "C","#, r#"label: "C", description: "D","#)
        });
        assert!(
            warning.contains("periods[1] (2001-03-01 to 2001-12-31)")
                && warning.contains("from 2001-01-01 to 2001-02-28"),
            "{warning}"
        );
        // Adjacent periods leave no gap, however they fall in the calendar.
        let adjacent = with(|t| {
            t.replace(r#"to: "2000-12-31""#, r#"to: "2001-02-28""#)
                .replace(r#"from: "2001-01-01""#, r#"from: "2001-03-01""#)
                .replace(r#"label: "C","#, r#"label: "C", description: "D","#)
        });
        assert_eq!(messages(&adjacent), Vec::<String>::new());
    }

    #[test]
    fn unknown_counts_without_a_note() {
        let warning = only_warning(|t| t.replace("count: 7", "count: None"));
        assert!(warning.contains("no note says why"), "{warning}");
        let explained = with(|t| t.replace("count: 7", r#"count: None, note: "not published""#));
        assert_eq!(messages(&explained), Vec::<String>::new());
    }

    #[test]
    fn uncited_sources() {
        let warning = only_warning(|t| {
            t.replace(
                r#"sources: ["#,
                r#"sources: [Source(id: "u", title: "U", publisher: "P"), "#,
            )
        });
        assert!(
            warning.contains(r#"sources[0] ("u")"#) && warning.contains("cites it"),
            "{warning}"
        );
        // A source cited only by an estimate is cited.
        let by_estimate = with(|t| {
            t.replace(
                r#"sources: ["#,
                r#"sources: [Source(id: "u", title: "U", publisher: "P"), "#,
            )
            .replace(
                "troops: 20)",
                r#"troops: 20, estimates: [(value: 1, source: "u", note: "n")])"#,
            )
        });
        assert_eq!(messages(&by_estimate), Vec::<String>::new());
    }

    #[test]
    fn plain_http_links() {
        let warning = only_warning(|t| t.replace("https://example.org", "HTTP://example.org"));
        assert!(
            warning.contains(r#"sources[0] ("s").url"#) && warning.contains("https://"),
            "{warning}"
        );
    }

    #[test]
    fn wide_ranges_without_a_note() {
        for (range, wide) in [
            ("low: 20, high: 45", false),
            ("low: 20, high: 46", true),
            ("low: 15, high: 40", false),
            ("low: 14, high: 40", true),
            ("high: 46", true),
            ("low: 14", true),
        ] {
            let found = messages(&with(|t| t.replace("low: 20, high: 40", range)));
            assert_eq!(found.len(), usize::from(wide), "{range}: {found:?}");
            if wide {
                assert!(found[0].contains("points[1] (2001-01-01)"), "{found:?}");
            }
            let noted =
                with(|t| t.replace("low: 20, high: 40", &format!(r#"{range}, note: "why""#)));
            assert_eq!(messages(&noted), Vec::<String>::new(), "{range}");
        }
        let period = only_warning(|t| t.replace("count: 7", "count: 7, high: 11"));
        assert!(period.contains("periods[1]"), "{period}");
        let zero = only_warning(|t| t.replace("troops: 10", "troops: 0, high: 1"));
        assert!(zero.contains("points[0]"), "{zero}");
    }

    #[test]
    fn figures_and_events_without_a_source() {
        let point = only_warning(|t| {
            t.replace(r#"label: "A", source: "s","#, r#"label: "A","#)
                .replace("troops: 10)", r#"troops: 10, source: "s")"#)
                .replace("high: 40)", r#"high: 40, source: "s")"#)
        });
        assert!(
            point.contains("points[2]") && point.contains("no source"),
            "{point}"
        );
        let period = only_warning(|t| {
            t.replace(r#"label: "C", source: "s","#, r#"label: "C","#)
                .replace("count: 5)", r#"count: 5, source: "s")"#)
        });
        assert!(period.contains("periods[1]"), "{period}");
        let event = only_warning(|t| t.replace(r#"title: "E", source: "s""#, r#"title: "E""#));
        assert!(event.contains(r#"events[0] (2001-06-01 "E")"#), "{event}");
    }

    #[test]
    fn estimates_without_a_note_or_source() {
        let warning =
            only_warning(|t| t.replace("troops: 20)", r#"troops: 20, estimates: [(value: 100)])"#));
        assert!(
            warning.contains("points[2] (2002-01-01).estimates[0]")
                && warning.contains("not part of the range"),
            "{warning}"
        );
        // An estimate takes the point's source, which takes the series' default.
        let unsourced = messages(&with(|t| {
            t.replace(r#"label: "A", source: "s","#, r#"label: "A","#)
                .replace("troops: 10)", r#"troops: 10, source: "s")"#)
                .replace("high: 40)", r#"high: 40, source: "s")"#)
                .replace(
                    "troops: 20)",
                    r#"troops: 20, source: "s", estimates: [(value: 1, note: "n")])"#,
                )
        }));
        assert_eq!(unsourced, Vec::<String>::new());
    }

    #[test]
    fn measure_changes_without_a_note() {
        let warning =
            only_warning(|t| t.replace("troops: 20)", r#"troops: 20, measure: "count")"#));
        assert!(
            warning.contains("points[2]") && warning.contains(r#"from none given to "count""#),
            "{warning}"
        );
        // The series' default measure applies to every point that names none.
        let defaulted = with(|t| {
            t.replace(r#"label: "A","#, r#"label: "A", measure: "count","#)
                .replace("troops: 20)", r#"troops: 20, measure: "count")"#)
        });
        assert_eq!(messages(&defaulted), Vec::<String>::new());
        let explained = with(|t| {
            t.replace(
                "troops: 20)",
                r#"troops: 20, measure: "count", note: "DMDC from here")"#,
            )
        });
        assert_eq!(messages(&explained), Vec::<String>::new());
    }

    #[test]
    fn views_outside_the_data() {
        let warning = only_warning(|t| {
            t.replace(r#"to: "2000-12-31")]"#, r#"to: "1999-12-31")]"#)
                .replace(
                    r#"from: "2000-01-01", to: "1999"#,
                    r#"from: "1990-01-01", to: "1999"#,
                )
        });
        assert!(warning.contains(r#"views[0] ("V")"#), "{warning}");
        let after = only_warning(|t| {
            t.replace(
                r#"View(title: "V", from: "2000-01-01", to: "2000-12-31")"#,
                r#"View(title: "V", from: "2003-01-01", to: "2004-12-31")"#,
            )
        });
        assert!(after.contains("2003-01-01 to 2004-12-31"), "{after}");
    }

    #[test]
    fn many_warnings_of_one_kind_are_summed_up() {
        let events: String = (0..SHOWN_PER_KIND + 7)
            .map(|i| format!(r#"Event(date: "2001-06-01", title: "E{i}"), "#))
            .collect();
        let dataset = with(|t| t.replace("events: [", &format!("events: [{events}")));
        let found = messages(&dataset);
        assert_eq!(found.len(), SHOWN_PER_KIND + 1, "{found:#?}");
        assert!(
            found
                .last()
                .unwrap()
                .contains("… and 7 more figures or events without a source"),
            "{found:#?}"
        );
    }
}
