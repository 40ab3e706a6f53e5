//! A part of a dataset: the figures and events of some series within some days, as
//! `troopline export-csv --from --to --series` writes them.
//!
//! A casualty period or an event that overlaps the days is kept whole: cutting a period would
//! change what its count means. Sources and the title stay, so the part is still a dataset whose
//! figures are traceable; views are kept when they overlap the days.

use super::{Dataset, Date};

/// What to keep: days (inclusive; `None` means open) and series ids (empty means all).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// First day kept.
    pub from: Option<Date>,
    /// Last day kept.
    pub to: Option<Date>,
    /// Series kept, by id; all when empty.
    pub series: Vec<String>,
}

impl Selection {
    fn keeps_series(&self, id: &str) -> bool {
        self.series.is_empty() || self.series.iter().any(|wanted| wanted == id)
    }

    /// Whether the days `start..=end` meet the selected days.
    fn overlaps(&self, start: Date, end: Date) -> bool {
        self.from.is_none_or(|from| end >= from) && self.to.is_none_or(|to| start <= to)
    }

    /// The series ids asked for that the dataset does not have.
    pub fn unknown_series<'a>(&'a self, dataset: &Dataset) -> Vec<&'a str> {
        self.series
            .iter()
            .filter(|wanted| {
                !dataset.deployments.iter().any(|d| &d.id == *wanted)
                    && !dataset.casualties.iter().any(|c| &c.id == *wanted)
            })
            .map(String::as_str)
            .collect()
    }

    /// The selected part of `dataset`. Events belong to no series and are kept by date alone.
    pub fn apply(&self, dataset: &Dataset) -> Dataset {
        let mut part = dataset.clone();
        part.deployments.retain(|d| self.keeps_series(&d.id));
        for series in &mut part.deployments {
            series.points.retain(|p| self.overlaps(p.date, p.date));
        }
        part.casualties.retain(|c| self.keeps_series(&c.id));
        for series in &mut part.casualties {
            series.periods.retain(|p| self.overlaps(p.from, p.to));
        }
        part.events
            .retain(|e| self.overlaps(e.date, e.end.unwrap_or(e.date)));
        part.views.retain(|v| self.overlaps(v.from, v.to));
        part
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn iraq() -> Dataset {
        crate::dataset::builtin().unwrap()
    }

    #[test]
    fn no_selection_keeps_everything() {
        assert_eq!(Selection::default().apply(&iraq()), iraq());
    }

    #[test]
    fn days_keep_points_inside_and_overlapping_periods_and_events_whole() {
        let (from, to) = (day("2008-01-01"), day("2008-12-31"));
        let selection = Selection {
            from: Some(from),
            to: Some(to),
            series: Vec::new(),
        };
        let full = iraq();
        let part = selection.apply(&full);
        for series in &part.deployments {
            assert!(series.points.iter().all(|p| p.date >= from && p.date <= to));
        }
        let kept: usize = part.deployments.iter().map(|d| d.points.len()).sum();
        let inside: usize = full
            .deployments
            .iter()
            .flat_map(|d| &d.points)
            .filter(|p| p.date >= from && p.date <= to)
            .count();
        assert_eq!(kept, inside);
        assert!(kept > 0);
        for series in &part.casualties {
            assert!(series.periods.iter().all(|p| p.to >= from && p.from <= to));
        }
        let periods: usize = part.casualties.iter().map(|c| c.periods.len()).sum();
        let overlapping = full
            .casualties
            .iter()
            .flat_map(|c| &c.periods)
            .filter(|p| p.to >= from && p.from <= to)
            .count();
        assert_eq!(periods, overlapping);
        assert!(
            part.events
                .iter()
                .all(|e| e.end.unwrap_or(e.date) >= from && e.date <= to)
        );
        assert!(!part.events.is_empty() && part.events.len() < full.events.len());
        assert_eq!(part.sources, full.sources);
    }

    #[test]
    fn open_ends_and_exact_boundaries_are_kept() {
        let full = iraq();
        let first = full.deployments[0].points[0].date;
        let only_first_day = Selection {
            from: None,
            to: Some(first),
            series: vec![full.deployments[0].id.clone()],
        };
        let part = only_first_day.apply(&full);
        assert_eq!(part.deployments.len(), 1);
        assert_eq!(part.deployments[0].points.len(), 1);
        assert!(part.casualties.is_empty());
    }

    #[test]
    fn series_choose_by_id_and_unknown_ids_are_named() {
        let full = iraq();
        let selection = Selection {
            series: vec![full.casualties[0].id.clone(), "nope".to_owned()],
            ..Selection::default()
        };
        assert_eq!(selection.unknown_series(&full), vec!["nope"]);
        let part = selection.apply(&full);
        assert!(part.deployments.is_empty());
        assert_eq!(part.casualties.len(), 1);
        assert_eq!(part.casualties[0], full.casualties[0]);
        assert_eq!(part.events, full.events);
    }
}
