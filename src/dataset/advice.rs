//! What a valid dataset still lacks before it can be published: sources left as `TODO`, sources
//! without a publisher, figures that cite no source. `troopline check` prints these as warnings;
//! they never stop a dataset from loading.

use super::{Dataset, Problem};

/// The mark `troopline import` and `troopline new` leave in fields the author must fill.
pub const TODO: &str = "TODO";

fn unfilled(text: &str) -> bool {
    text.trim_start().starts_with(TODO)
}

/// Everything a valid dataset still lacks, each with the item's path; empty when complete.
pub fn advice(dataset: &Dataset) -> Vec<Problem> {
    let mut found = Vec::new();
    for (index, source) in dataset.sources.iter().enumerate() {
        let path = format!("sources[{index}] ({:?})", source.id);
        if unfilled(&source.title) || unfilled(&source.publisher) {
            found.push(Problem::item(
                path,
                "is a stub: fill in its title and publisher (and url, published) with where the figures come from",
            ));
        } else if source.publisher.trim().is_empty() {
            found.push(Problem::item(path, "has no publisher"));
        }
    }
    for (index, series) in dataset.deployments.iter().enumerate() {
        let unsourced = series
            .points
            .iter()
            .filter(|p| series.source_of(p).is_none())
            .count();
        if unsourced > 0 {
            found.push(Problem::item(
                format!("deployments[{index}] ({:?})", series.id),
                format!(
                    "{unsourced} of {} points cite no source: give the series a `source`",
                    series.points.len()
                ),
            ));
        }
    }
    for (index, series) in dataset.casualties.iter().enumerate() {
        let unsourced = series
            .periods
            .iter()
            .filter(|p| series.source_of(p).is_none())
            .count();
        if unsourced > 0 {
            found.push(Problem::item(
                format!("casualties[{index}] ({:?})", series.id),
                format!(
                    "{unsourced} of {} periods cite no source: give the series a `source`",
                    series.periods.len()
                ),
            ));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::load_str;

    #[test]
    fn stubs_missing_publishers_and_unsourced_figures_are_named() {
        let text = r#"Dataset(format: 1, title: "T",
            sources: [
                Source(id: "a", title: "TODO: title", publisher: "TODO"),
                Source(id: "b", title: "B", publisher: ""),
                Source(id: "c", title: "C", publisher: "P"),
            ],
            deployments: [
                Deployment(id: "d", label: "D", points: [
                    (date: "2007-01-01", troops: 1, source: "c"),
                    (date: "2007-02-01", troops: 2),
                ]),
                Deployment(id: "e", label: "E", source: "c", points: [(date: "2007-01-01", troops: 1)]),
            ],
            casualties: [Casualties(id: "k", label: "K", periods: [(from: "2007-01-01", to: "2007-01-31", count: 3)])],
        )"#;
        let dataset = load_str(text, "t.ron").unwrap();
        let found: Vec<String> = advice(&dataset)
            .iter()
            .map(|p| p.headline("t.ron"))
            .collect();
        assert_eq!(found.len(), 4, "{found:#?}");
        assert!(found[0].contains("sources[0] (\"a\")") && found[0].contains("stub"));
        assert!(found[1].contains("sources[1] (\"b\")") && found[1].contains("no publisher"));
        assert!(found[2].contains("deployments[0] (\"d\")") && found[2].contains("1 of 2 points"));
        assert!(found[3].contains("casualties[0] (\"k\")") && found[3].contains("1 of 1 periods"));
        assert!(advice(&crate::dataset::builtin().unwrap()).is_empty());
    }
}
