//! The rules a parsed dataset must follow beyond its syntax. Every broken rule is reported,
//! each naming the item by path and value so an author can find it without guessing.

use std::collections::{HashMap, HashSet};

use super::load::MAX_LISTED_PROBLEMS;
use super::model::FORMAT_VERSION;
use super::{Dataset, Problem};

/// The problems found: the first [`MAX_LISTED_PROBLEMS`] in full, the rest only counted, so a
/// file with millions of broken items costs no more memory than one with a hundred.
#[derive(Debug, Default)]
pub(super) struct Found {
    /// The first problems, in item order.
    pub listed: Vec<Problem>,
    /// How many more were found.
    pub omitted: usize,
}

impl Found {
    fn push(&mut self, problem: Problem) {
        if self.listed.len() < MAX_LISTED_PROBLEMS {
            self.listed.push(problem);
        } else {
            self.omitted += 1;
        }
    }

    /// Whether the dataset is valid.
    pub fn is_empty(&self) -> bool {
        self.listed.is_empty()
    }
}

/// Everything wrong with `dataset`; empty when it is valid.
pub(super) fn problems(dataset: &Dataset) -> Found {
    let mut found = Found::default();
    if dataset.format != FORMAT_VERSION {
        found.push(Problem::item(
            "format",
            format!(
                "format {} is not supported; this version of troopline reads format {FORMAT_VERSION}",
                dataset.format
            ),
        ));
    }
    non_empty(&mut found, "title", &dataset.title);
    non_empty_if_given(&mut found, || "notes".to_owned(), dataset.notes.as_deref());
    check_sources(dataset, &mut found);
    check_deployments(dataset, &mut found);
    check_casualties(dataset, &mut found);
    check_events(dataset, &mut found);
    check_views(dataset, &mut found);
    found
}

fn non_empty(found: &mut Found, path: &str, text: &str) {
    if text.trim().is_empty() {
        found.push(Problem::item(path, "must not be empty"));
    }
}

/// An optional text, when given, says something: an empty one is a slip, not a choice.
fn non_empty_if_given(found: &mut Found, path: impl Fn() -> String, text: Option<&str>) {
    if text.is_some_and(|text| text.trim().is_empty()) {
        found.push(Problem::item(
            path(),
            "must not be empty (leave the field out instead)",
        ));
    }
}

/// Reports ids that are empty or used twice within one list.
fn unique_ids<'a>(found: &mut Found, list: &str, ids: impl Iterator<Item = &'a str>) {
    let mut first_seen: HashMap<&str, usize> = HashMap::new();
    for (index, id) in ids.enumerate() {
        let path = format!("{list}[{index}].id");
        if id.trim().is_empty() {
            found.push(Problem::item(path, "must not be empty"));
        } else if let Some(first) = first_seen.get(id) {
            found.push(Problem::item(
                format!("{path} ({id:?})"),
                format!("duplicate id: {list}[{first}] already uses it"),
            ));
        } else {
            first_seen.insert(id, index);
        }
    }
}

/// Ids in messages are cut to this many characters: an id can be as long as the file.
const SHOWN_ID_CHARS: usize = 40;
/// Known ids listed in a message about an undefined reference.
const SHOWN_IDS: usize = 5;

fn shown(id: &str) -> String {
    match id.char_indices().nth(SHOWN_ID_CHARS) {
        Some((end, _)) => format!("{:?}…", &id[..end]),
        None => format!("{id:?}"),
    }
}

/// The source ids, looked up by hash: a file may cite them millions of times.
struct SourceIds<'a> {
    ids: HashSet<&'a str>,
    /// What to tell an author whose reference is undefined, built once.
    hint: String,
}

impl<'a> SourceIds<'a> {
    fn of(dataset: &'a Dataset) -> Self {
        let count = dataset.sources.len();
        let hint = if count == 0 {
            "the dataset has no `sources`".to_owned()
        } else {
            let listed: Vec<String> = dataset
                .sources
                .iter()
                .take(SHOWN_IDS)
                .map(|s| s.id.chars().take(SHOWN_ID_CHARS).collect())
                .collect();
            let more = if count > SHOWN_IDS {
                format!(", … ({} in all)", super::thousands(count as u64))
            } else {
                String::new()
            };
            format!("known source ids: {}{more}", listed.join(", "))
        };
        Self {
            ids: dataset.sources.iter().map(|s| s.id.as_str()).collect(),
            hint,
        }
    }

    fn check(&self, found: &mut Found, path: &str, source: Option<&str>) {
        let Some(id) = source else { return };
        if !self.ids.contains(id) {
            found.push(Problem::item(
                format!("{path}.source"),
                format!(
                    "source {} is not defined in `sources` ({})",
                    shown(id),
                    self.hint
                ),
            ));
        }
    }
}

fn check_range(
    found: &mut Found,
    path: impl Fn() -> String,
    value: u32,
    low: Option<u32>,
    high: Option<u32>,
) {
    if let Some(low) = low
        && low > value
    {
        found.push(Problem::item(
            path(),
            format!("low ({low}) is above the value ({value})"),
        ));
    }
    if let Some(high) = high
        && high < value
    {
        found.push(Problem::item(
            path(),
            format!("high ({high}) is below the value ({value})"),
        ));
    }
}

fn check_sources(dataset: &Dataset, found: &mut Found) {
    unique_ids(
        found,
        "sources",
        dataset.sources.iter().map(|s| s.id.as_str()),
    );
    for (index, source) in dataset.sources.iter().enumerate() {
        non_empty(found, &format!("sources[{index}].title"), &source.title);
        if let Some(url) = &source.url
            && source.web_url().is_none()
        {
            found.push(Problem::item(
                format!("sources[{index}].url"),
                format!(
                    "{} is not a web address: links must start with https:// or http://",
                    shown(url)
                ),
            ));
        }
    }
}

fn check_deployments(dataset: &Dataset, found: &mut Found) {
    if dataset.deployments.is_empty() {
        found.push(Problem::item(
            "deployments",
            "at least one deployment (a troop-level series) is required",
        ));
    }
    unique_ids(
        found,
        "deployments",
        dataset.deployments.iter().map(|d| d.id.as_str()),
    );
    let sources = SourceIds::of(dataset);
    for (index, deployment) in dataset.deployments.iter().enumerate() {
        let base = format!("deployments[{index}]");
        non_empty(found, &format!("{base}.label"), &deployment.label);
        sources.check(found, &base, deployment.source.as_deref());
        non_empty_if_given(
            found,
            || format!("{base}.description"),
            deployment.description.as_deref(),
        );
        non_empty_if_given(
            found,
            || format!("{base}.measure"),
            deployment.measure.as_deref(),
        );
        if deployment.points.is_empty() {
            found.push(Problem::item(
                format!("{base}.points"),
                "must list at least one point",
            ));
        }
        for (i, point) in deployment.points.iter().enumerate() {
            // Paths are only formatted for items with a problem: datasets may hold millions of points.
            let path = || format!("{base}.points[{i}] ({})", point.date);
            if i > 0 {
                let previous = deployment.points[i - 1].date;
                if point.date <= previous {
                    found.push(Problem::item(
                        path(),
                        format!("date is not after the previous point ({previous})"),
                    ));
                }
            }
            match point.troops {
                Some(troops) => check_range(found, path, troops, point.low, point.high),
                None if point.low.is_some() || point.high.is_some() => {
                    found.push(Problem::item(
                        path(),
                        "the figure is unknown (None), so it cannot have a low or high; \
                         give the figure, or leave low and high out",
                    ));
                }
                None => {}
            }
            if point.source.is_some() {
                sources.check(
                    found,
                    &format!("{base}.points[{i}]"),
                    point.source.as_deref(),
                );
            }
            non_empty_if_given(found, || format!("{}.measure", path()), point.measure());
            for (e, estimate) in point.estimates().iter().enumerate() {
                sources.check(
                    found,
                    &format!("{base}.points[{i}].estimates[{e}]"),
                    estimate.source.as_deref(),
                );
            }
        }
    }
}

fn check_casualties(dataset: &Dataset, found: &mut Found) {
    unique_ids(
        found,
        "casualties",
        dataset.casualties.iter().map(|c| c.id.as_str()),
    );
    let sources = SourceIds::of(dataset);
    for (index, series) in dataset.casualties.iter().enumerate() {
        let base = format!("casualties[{index}]");
        non_empty(found, &format!("{base}.label"), &series.label);
        sources.check(found, &base, series.source.as_deref());
        non_empty_if_given(
            found,
            || format!("{base}.description"),
            series.description.as_deref(),
        );
        non_empty_if_given(found, || format!("{base}.unit"), series.unit.as_deref());
        for (i, period) in series.periods.iter().enumerate() {
            let path = || format!("{base}.periods[{i}] ({} to {})", period.from, period.to);
            if period.to < period.from {
                found.push(Problem::item(path(), "`to` is before `from`"));
            }
            if i > 0 {
                let previous = &series.periods[i - 1];
                if period.from < previous.from {
                    found.push(Problem::item(
                        path(),
                        format!(
                            "periods must be sorted: this starts before the previous period ({})",
                            previous.from
                        ),
                    ));
                } else if period.from <= previous.to {
                    found.push(Problem::item(
                        path(),
                        format!(
                            "overlaps the previous period ({} to {})",
                            previous.from, previous.to
                        ),
                    ));
                }
            }
            for (e, estimate) in period.estimates.iter().enumerate() {
                let estimate_path = format!("{base}.periods[{i}].estimates[{e}]");
                if estimate.date.is_some() {
                    found.push(Problem::item(
                        format!("{estimate_path}.date"),
                        "a period's estimates cover the period: leave `date` out (it is for \
                         the estimates of points)",
                    ));
                }
                sources.check(found, &estimate_path, estimate.source.as_deref());
            }
            match period.count {
                Some(count) => check_range(found, path, count, period.low, period.high),
                None if period.low.is_some() || period.high.is_some() => {
                    found.push(Problem::item(
                        path(),
                        "the count is unknown (None), so it cannot have a low or high; \
                         give the count, or leave low and high out",
                    ));
                }
                None => {}
            }
            if period.source.is_some() {
                sources.check(
                    found,
                    &format!("{base}.periods[{i}]"),
                    period.source.as_deref(),
                );
            }
        }
    }
}

fn check_events(dataset: &Dataset, found: &mut Found) {
    let sources = SourceIds::of(dataset);
    for (index, event) in dataset.events.iter().enumerate() {
        let base = format!("events[{index}]");
        let path = format!("{base} ({})", event.date);
        non_empty(found, &format!("{path}.title"), &event.title);
        if let Some(end) = event.end
            && end < event.date
        {
            found.push(Problem::item(
                &path,
                format!("end ({end}) is before the date"),
            ));
        }
        sources.check(found, &base, event.source.as_deref());
    }
}

fn check_views(dataset: &Dataset, found: &mut Found) {
    let mut first_seen: HashMap<&str, usize> = HashMap::new();
    for (index, view) in dataset.views.iter().enumerate() {
        let path = || format!("views[{index}] ({:?})", view.title);
        if view.title.trim().is_empty() {
            found.push(Problem::item(
                format!("views[{index}].title"),
                "must not be empty",
            ));
        } else if let Some(first) = first_seen.get(view.title.as_str()) {
            found.push(Problem::item(
                path(),
                format!("duplicate title: views[{first}] already uses it"),
            ));
        } else {
            first_seen.insert(&view.title, index);
        }
        if view.to < view.from {
            found.push(Problem::item(
                path(),
                format!("`to` ({}) is before `from` ({})", view.to, view.from),
            ));
        }
    }
}
