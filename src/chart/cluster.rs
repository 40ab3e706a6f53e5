//! Events at scale: only events in view are considered, and events closer together on screen
//! than a label needs are drawn as one group with a count, which splits up as you zoom in.

use super::model::EventMark;

/// One mark to draw: a single event or a group of nearby ones.
#[derive(Clone, Debug, PartialEq)]
pub struct EventGroup {
    /// Indices into `ChartModel::events` (sorted by start), at least one.
    pub members: Vec<usize>,
    /// Chart x of the first member's start.
    pub start: f64,
}

impl EventGroup {
    /// The only member, when this is not a group.
    pub fn single(&self) -> Option<usize> {
        (self.members.len() == 1).then(|| self.members[0])
    }
}

/// Groups the events in `from..=to` for a plot `width_px` wide: events within `min_gap_px` of
/// a group's first event join it. `shown` filters events (e.g. by category).
pub fn group_events(
    events: &[EventMark],
    shown: &dyn Fn(&EventMark) -> bool,
    from: f64,
    to: f64,
    width_px: f64,
    min_gap_px: f64,
) -> Vec<EventGroup> {
    if !(from.is_finite() && to.is_finite()) || to <= from || width_px <= 0.0 {
        return Vec::new();
    }
    let reach = min_gap_px * (to - from) / width_px;
    // Events are sorted by start: everything starting after `to` is out of view.
    let last = events.partition_point(|e| e.start <= to);
    let mut groups: Vec<EventGroup> = Vec::new();
    for (index, event) in events[..last].iter().enumerate() {
        let end = event.end.unwrap_or(event.start);
        if end < from || !shown(event) {
            continue;
        }
        let start = event.start.max(from);
        match groups.last_mut() {
            Some(group) if start - group.start < reach => group.members.push(index),
            _ => groups.push(EventGroup {
                members: vec![index],
                start,
            }),
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(start: f64) -> EventMark {
        EventMark {
            index: 0,
            start,
            end: None,
            title: String::new(),
            category: 0,
            importance: crate::dataset::Importance::Normal,
        }
    }

    #[test]
    fn far_apart_events_stay_single_and_close_ones_group() {
        let events: Vec<EventMark> = [0.0, 100.0, 101.0, 102.0, 300.0]
            .into_iter()
            .map(mark)
            .collect();
        let all = |_: &EventMark| true;
        let groups = group_events(&events, &all, 0.0, 400.0, 400.0, 10.0);
        let sizes: Vec<usize> = groups.iter().map(|g| g.members.len()).collect();
        assert_eq!(sizes, [1, 3, 1]);
        // Zoomed in, the group splits up.
        let groups = group_events(&events, &all, 95.0, 105.0, 400.0, 10.0);
        assert_eq!(
            groups.iter().map(|g| g.members.len()).collect::<Vec<_>>(),
            [1, 1, 1]
        );
    }

    #[test]
    fn only_events_in_view_are_considered() {
        let mut events: Vec<EventMark> = (0..100_000).map(|i| mark(f64::from(i))).collect();
        events[10].end = Some(60_000.0); // a long span starting before the view
        let all = |_: &EventMark| true;
        let groups = group_events(&events, &all, 50_000.0, 50_100.0, 1000.0, 10.0);
        let members: usize = groups.iter().map(|g| g.members.len()).sum();
        assert_eq!(members, 102, "101 day events in view plus the span");
        assert!(groups.len() <= 101);
        let none = |_: &EventMark| false;
        assert!(group_events(&events, &none, 0.0, 10.0, 100.0, 10.0).is_empty());
    }

    #[test]
    fn a_hundred_thousand_events_become_at_most_one_group_per_gap() {
        let events: Vec<EventMark> = (0..100_000).map(|i| mark(f64::from(i))).collect();
        let all = |_: &EventMark| true;
        let groups = group_events(&events, &all, 0.0, 100_000.0, 1000.0, 8.0);
        assert!(groups.len() <= 1000 / 8 + 1, "{}", groups.len());
        assert_eq!(
            groups.iter().map(|g| g.members.len()).sum::<usize>(),
            100_000
        );
    }
}
