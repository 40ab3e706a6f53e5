//! Event label layout: every event in view gets a label of its own or joins a labelled group.
//!
//! Labels sit in a few rows at the top of the plot. The most important events are placed first,
//! each with its full title to the right of its line, or to the left where the right would
//! cross the plot edge; a title is shortened only when the full one would overlap another
//! label. Events that find no room are gathered, left to right, into groups whose "N events"
//! badges share a row of their own, so nothing in view goes unlabelled and nothing overlaps.
//! Groups split up as the user zooms in, because the same events are then further apart.

use std::collections::BTreeMap;

/// An event (or a pixel-wide cluster of events) to label.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelItem {
    /// Screen x of the event's line.
    pub x_px: f64,
    /// 3 = headline, 2 = normal, 1 = minor: higher is placed first.
    pub importance: u8,
    /// The title to show.
    pub title: String,
    /// How many events this item stands for (1 for a single event).
    pub events: usize,
}

/// Which side of its line a label sits on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// Text starts just right of the line.
    Right,
    /// Text ends just left of the line.
    Left,
}

/// A placed label.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedLabel {
    /// The text drawn (the title, perhaps shortened, or "N events" for a group).
    pub text: String,
    /// Left edge of the text on screen.
    pub left_px: f64,
    /// Width of the text.
    pub width_px: f64,
    /// Row, 0 at the top.
    pub row: usize,
    /// Screen x of the line the label belongs to (the first member's, for a group).
    pub anchor_px: f64,
    /// Which side of the anchor the text is on.
    pub side: Side,
    /// Indices into the items this label stands for.
    pub members: Vec<usize>,
    /// Whether this is a group badge rather than an event's own title.
    pub group: bool,
}

impl PlacedLabel {
    /// Right edge of the text on screen.
    pub fn right_px(&self) -> f64 {
        self.left_px + self.width_px
    }
}

/// Where labels may go: the plot's horizontal extent and how many rows it has room for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabelArea {
    /// Left edge of the plot.
    pub left_px: f64,
    /// Right edge of the plot.
    pub right_px: f64,
    /// Rows available (at least 1).
    pub rows: usize,
    /// Space between a line and its text, and between neighbouring labels.
    pub gap_px: f64,
}

/// Titles are never cut shorter than this many characters (plus the ellipsis).
const MIN_SHORT_CHARS: usize = 8;
/// At most this many items try for a title of their own: more could never fit on a screen, and
/// it bounds the work per frame for charts with thousands of events in view.
const MAX_TITLE_CANDIDATES: usize = 400;

/// Lays out labels for `items` (any order) in `area`, measuring text with `measure` (pixels).
/// Every item is a member of exactly one returned label, unless the plot is too narrow for
/// even one badge; labels never overlap within a row and never leave `left_px..right_px`.
pub fn layout(
    items: &[LabelItem],
    area: LabelArea,
    measure: &mut dyn FnMut(&str) -> f64,
) -> Vec<PlacedLabel> {
    if items.is_empty() || area.rows == 0 || area.right_px <= area.left_px {
        return Vec::new();
    }
    let titled = place_titles(items, area, area.rows, measure);
    if titled.len() == items.len() {
        return titled;
    }
    if area.rows == 1 {
        // One row cannot hold both titles and the badges of what is left: group everything.
        return badges(items, &[], area, 0, measure);
    }
    // Some events found no room: keep the bottom row for the groups' badges.
    let title_rows = area.rows - 1;
    let mut labels = place_titles(items, area, title_rows, measure);
    let groups = badges(items, &labels, area, title_rows, measure);
    labels.extend(groups);
    labels
}

/// Occupied spans of one row, by left edge.
#[derive(Default)]
struct Row {
    spans: BTreeMap<OrderedPx, f64>,
}

/// A pixel coordinate usable as a map key (never NaN here: inputs are finite screen positions).
#[derive(Clone, Copy, Debug)]
struct OrderedPx(f64);

impl PartialEq for OrderedPx {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for OrderedPx {}

impl PartialOrd for OrderedPx {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for OrderedPx {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

impl Row {
    /// Whether `left..right` keeps `gap` from everything in the row.
    fn is_free(&self, left: f64, right: f64, gap: f64) -> bool {
        let before = self.spans.range(..OrderedPx(left)).next_back();
        let after = self.spans.range(OrderedPx(left)..).next();
        before.is_none_or(|(_, &end)| end + gap <= left)
            && after.is_none_or(|(start, _)| right + gap <= start.0)
    }

    fn take(&mut self, left: f64, right: f64) {
        self.spans.insert(OrderedPx(left), right);
    }
}

/// Where a text of `width` may go for an anchor at `x`: right of the line first, then left.
fn spots(x: f64, width: f64, area: LabelArea) -> impl Iterator<Item = (f64, Side)> {
    let right = (x + area.gap_px, Side::Right);
    let left = (x - area.gap_px - width, Side::Left);
    [right, left]
        .into_iter()
        .filter(move |(start, _)| *start >= area.left_px && start + width <= area.right_px)
}

/// The texts to try for an item, longest first: the full title, then shortened versions.
fn title_variants(title: &str) -> impl Iterator<Item = String> + '_ {
    let chars = title.chars().count();
    let full = std::iter::once(title.to_owned());
    let cuts = [24, 16, MIN_SHORT_CHARS]
        .into_iter()
        .filter(move |&n| n < chars)
        .map(move |n| shorten(title, n + 1));
    full.chain(cuts)
}

/// The text of an item's own label: its title, with "+N" when it stands for several events.
fn with_count(text: String, events: usize) -> String {
    if events > 1 {
        format!("{text} +{}", events - 1)
    } else {
        text
    }
}

/// Gives titles to as many items as fit in `rows` rows, most important first.
fn place_titles(
    items: &[LabelItem],
    area: LabelArea,
    rows: usize,
    measure: &mut dyn FnMut(&str) -> f64,
) -> Vec<PlacedLabel> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| {
        items[b]
            .importance
            .cmp(&items[a].importance)
            .then(items[a].x_px.total_cmp(&items[b].x_px))
    });
    let mut grid: Vec<Row> = (0..rows).map(|_| Row::default()).collect();
    let mut placed = Vec::new();
    for &index in order.iter().take(MAX_TITLE_CANDIDATES) {
        let item = &items[index];
        'variants: for variant in title_variants(&item.title) {
            let text = with_count(variant, item.events);
            let width = measure(&text);
            for (left, side) in spots(item.x_px, width, area) {
                for (row, occupied) in grid.iter_mut().enumerate() {
                    if occupied.is_free(left, left + width, area.gap_px) {
                        occupied.take(left, left + width);
                        placed.push(PlacedLabel {
                            text,
                            left_px: left,
                            width_px: width,
                            row,
                            anchor_px: item.x_px,
                            side,
                            members: vec![index],
                            group: false,
                        });
                        break 'variants;
                    }
                }
            }
        }
    }
    placed
}

/// Gathers the items without a label, left to right, into groups whose badges fit side by side
/// in `row`, a row the titles do not use.
fn badges(
    items: &[LabelItem],
    titled: &[PlacedLabel],
    area: LabelArea,
    row: usize,
    measure: &mut dyn FnMut(&str) -> f64,
) -> Vec<PlacedLabel> {
    let mut has_label = vec![false; items.len()];
    for label in titled {
        for &member in &label.members {
            has_label[member] = true;
        }
    }
    let mut rest: Vec<usize> = (0..items.len()).filter(|&i| !has_label[i]).collect();
    rest.sort_by(|&a, &b| items[a].x_px.total_cmp(&items[b].x_px));
    let mut groups: Vec<PlacedLabel> = Vec::new();
    for index in rest {
        let x = items[index].x_px;
        // Join the current group while this item's line is under (or just past) its badge.
        if let Some(last) = groups.last_mut()
            && x <= last.right_px() + area.gap_px
        {
            last.members.push(index);
            relabel(last, items, area, measure);
            continue;
        }
        let mut group = PlacedLabel {
            text: String::new(),
            left_px: x,
            width_px: 0.0,
            row,
            anchor_px: x,
            side: Side::Right,
            members: vec![index],
            group: true,
        };
        relabel(&mut group, items, area, measure);
        groups.push(group);
    }
    settle(&mut groups, items, area, measure);
    name_lone_events(&mut groups, items, area, measure);
    groups
}

/// A "group" of one event says what the event is where the room up to the next badge allows,
/// rather than "1 event".
fn name_lone_events(
    groups: &mut [PlacedLabel],
    items: &[LabelItem],
    area: LabelArea,
    measure: &mut dyn FnMut(&str) -> f64,
) {
    for i in 0..groups.len() {
        let [member] = groups[i].members[..] else {
            continue;
        };
        if items[member].events != 1 || groups[i].side != Side::Right {
            continue;
        }
        let limit = groups
            .get(i + 1)
            .map_or(area.right_px, |next| next.left_px - area.gap_px);
        let left = groups[i].left_px;
        let fitting = title_variants(&items[member].title)
            .map(|text| {
                let width = measure(&text);
                (text, width)
            })
            .find(|(_, width)| left + width <= limit);
        if let Some((text, width)) = fitting {
            groups[i].text = text;
            groups[i].width_px = width;
        }
    }
}

/// Sets a group's text and width, and places it right of its anchor (left of it at the edge).
fn relabel(
    group: &mut PlacedLabel,
    items: &[LabelItem],
    area: LabelArea,
    measure: &mut dyn FnMut(&str) -> f64,
) {
    let events: usize = group.members.iter().map(|&m| items[m].events).sum();
    group.text = if events == 1 {
        "1 event".to_owned()
    } else {
        format!("{} events", crate::chart::format::thousands(events as u64))
    };
    group.width_px = measure(&group.text);
    group.left_px = (group.anchor_px + area.gap_px).min(area.right_px - group.width_px);
    group.side = if group.left_px > group.anchor_px {
        Side::Right
    } else {
        Side::Left
    };
    group.left_px = group.left_px.max(area.left_px);
}

/// Merges neighbouring groups until no two badges overlap.
fn settle(
    groups: &mut Vec<PlacedLabel>,
    items: &[LabelItem],
    area: LabelArea,
    measure: &mut dyn FnMut(&str) -> f64,
) {
    while let Some(at) = groups
        .windows(2)
        .position(|pair| pair[0].right_px() + area.gap_px > pair[1].left_px)
    {
        let next = groups.remove(at + 1);
        let group = &mut groups[at];
        group.members.extend(next.members);
        relabel(group, items, area, measure);
    }
}

/// Shortens `title` to at most `max_chars` characters, ending with an ellipsis when cut.
pub fn shorten(title: &str, max_chars: usize) -> String {
    if title.chars().count() <= max_chars {
        return title.to_owned();
    }
    let mut short: String = title.chars().take(max_chars.saturating_sub(1)).collect();
    short = short.trim_end().to_owned();
    short.push('…');
    short
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Six pixels per character, as a stand-in for a font.
    fn measure(text: &str) -> f64 {
        6.0 * text.chars().count() as f64
    }

    fn item(x_px: f64, title: &str) -> LabelItem {
        LabelItem {
            x_px,
            importance: 2,
            title: title.to_owned(),
            events: 1,
        }
    }

    fn area(right_px: f64, rows: usize) -> LabelArea {
        LabelArea {
            left_px: 0.0,
            right_px,
            rows,
            gap_px: 3.0,
        }
    }

    /// The invariants every layout keeps: each item in exactly one label, labels inside the
    /// area, no two labels of a row closer than the gap, titles cut only where needed.
    fn check(items: &[LabelItem], area: LabelArea, labels: &[PlacedLabel]) {
        let mut owners = vec![0; items.len()];
        for label in labels {
            for &m in &label.members {
                owners[m] += 1;
            }
            assert!(label.left_px >= area.left_px - 1e-9, "{label:?}");
            assert!(label.right_px() <= area.right_px + 1e-9, "{label:?}");
            assert!(label.row < area.rows, "{label:?}");
            assert_eq!(label.width_px, measure(&label.text));
        }
        assert!(owners.iter().all(|&n| n == 1), "{owners:?} {labels:?}");
        for a in labels {
            for b in labels {
                if std::ptr::eq(a, b) || a.row != b.row {
                    continue;
                }
                assert!(
                    a.right_px() + area.gap_px <= b.left_px + 1e-9
                        || b.right_px() + area.gap_px <= a.left_px + 1e-9,
                    "{a:?} overlaps {b:?}"
                );
            }
        }
    }

    #[test]
    fn a_lone_event_keeps_its_whole_title() {
        let items = [item(100.0, "Mission Accomplished speech")];
        let labels = layout(&items, area(1000.0, 3), &mut measure);
        check(&items, area(1000.0, 3), &labels);
        assert_eq!(labels[0].text, "Mission Accomplished speech");
        assert_eq!((labels[0].side, labels[0].left_px), (Side::Right, 103.0));
    }

    #[test]
    fn events_at_the_right_edge_are_labelled_on_the_left() {
        let items = [item(990.0, "Drawdown talks")];
        let labels = layout(&items, area(1000.0, 3), &mut measure);
        check(&items, area(1000.0, 3), &labels);
        assert_eq!(labels[0].text, "Drawdown talks");
        assert_eq!(labels[0].side, Side::Left);
        assert_eq!(labels[0].right_px(), 987.0);
    }

    #[test]
    fn titles_are_cut_only_when_they_would_overlap() {
        let mut first = item(0.0, "A very long title indeed, to cut");
        first.importance = 3;
        let mut third = item(280.0, "Third");
        third.importance = 3;
        let items = [first, item(210.0, "Another long title here"), third];
        let labels = layout(&items, area(1000.0, 1), &mut measure);
        check(&items, area(1000.0, 1), &labels);
        let middle = labels
            .iter()
            .find(|l| l.members == [1])
            .unwrap_or_else(|| panic!());
        assert_eq!(middle.text, "Another…");
        assert!(
            labels
                .iter()
                .filter(|l| l.members != [1])
                .all(|l| !l.text.ends_with('…'))
        );
        // With a second row there is room for the whole title.
        let roomy = layout(&items, area(1000.0, 2), &mut measure);
        check(&items, area(1000.0, 2), &roomy);
        assert!(roomy.iter().all(|l| !l.text.ends_with('…')), "{roomy:?}");
    }

    #[test]
    fn important_events_win_the_space() {
        let mut key = item(12.0, "Invasion begins");
        key.importance = 3;
        let mut minor = item(10.0, "Minor thing happening here");
        minor.importance = 1;
        let mut other = item(14.0, "Another minor thing here");
        other.importance = 1;
        let items = [minor, key, other];
        let labels = layout(&items, area(200.0, 2), &mut measure);
        check(&items, area(200.0, 2), &labels);
        let own: Vec<&str> = labels
            .iter()
            .filter(|l| !l.group)
            .map(|l| l.text.as_str())
            .collect();
        assert_eq!(own, ["Invasion begins"]);
        let group = labels
            .iter()
            .find(|l| l.group)
            .unwrap_or_else(|| panic!("{labels:?}"));
        assert_eq!((group.members.clone(), group.row), (vec![0, 2], 1));
    }

    #[test]
    fn crowds_become_counted_groups() {
        let items: Vec<LabelItem> = (0..500)
            .map(|i| item(f64::from(i) * 2.0, "Event"))
            .collect();
        let labels = layout(&items, area(1000.0, 3), &mut measure);
        check(&items, area(1000.0, 3), &labels);
        let grouped: usize = labels
            .iter()
            .filter(|l| l.group)
            .map(|l| l.members.len())
            .sum();
        assert!(grouped > 300, "{grouped}");
        assert!(labels.iter().filter(|l| l.group).all(|l| l.row == 2));
        assert!(labels.iter().any(|l| l.text.ends_with(" events")));
    }

    #[test]
    fn a_cluster_item_says_how_many_it_holds() {
        let mut cluster = item(50.0, "Fall of Mosul");
        cluster.events = 4;
        let labels = layout(&[cluster.clone()], area(1000.0, 2), &mut measure);
        assert_eq!(labels[0].text, "Fall of Mosul +3");
        // As a badge, the count covers every event of the cluster.
        let crowd = vec![cluster; 40];
        let labels = layout(&crowd, area(300.0, 2), &mut measure);
        check(&crowd, area(300.0, 2), &labels);
        let counted: usize = labels
            .iter()
            .filter(|l| l.group)
            .map(|l| l.members.len() * 4)
            .sum();
        let badge_total: usize = labels
            .iter()
            .filter(|l| l.group)
            .map(|l| {
                l.text
                    .trim_end_matches(" events")
                    .replace(',', "")
                    .parse::<usize>()
                    .unwrap_or(0)
            })
            .sum();
        assert_eq!(counted, badge_total);
    }

    #[test]
    fn a_lone_event_in_the_badge_row_keeps_its_title_where_it_fits() {
        // Three rows: two crowded headlines take them, the minor one lands in the badge row.
        let xs = [
            10.0, 11.0, 12.0, 13.0, 14.0, 15.0, 300.0, 301.0, 398.0, 399.0,
        ];
        let mut items: Vec<LabelItem> = xs
            .iter()
            .map(|&x| {
                let mut it = item(x, &format!("Headline at {x}"));
                it.importance = 3;
                it
            })
            .collect();
        let mut minor = item(400.0, "A minor event far away");
        minor.importance = 1;
        items.push(minor);
        let labels = layout(&items, area(1000.0, 3), &mut measure);
        check(&items, area(1000.0, 3), &labels);
        let lone = labels
            .iter()
            .find(|l| l.members == [10])
            .unwrap_or_else(|| panic!("{labels:?}"));
        assert!(lone.group && lone.row == 2, "{lone:?}");
        assert_eq!(lone.text, "A minor event far away");
        let crowd = labels.iter().find(|l| l.group && l.members.len() > 1);
        assert!(
            crowd.is_some_and(|c| c.text.ends_with(" events")),
            "{labels:?}"
        );
    }

    #[test]
    fn degenerate_areas_place_nothing() {
        let items = [item(5.0, "E")];
        assert!(layout(&items, area(1000.0, 0), &mut measure).is_empty());
        assert!(layout(&items, area(0.0, 2), &mut measure).is_empty());
        assert!(layout(&[], area(1000.0, 2), &mut measure).is_empty());
    }

    #[test]
    fn long_titles_are_shortened_with_an_ellipsis() {
        assert_eq!(shorten("Surge", 10), "Surge");
        assert_eq!(shorten("Operation New Dawn begins", 10), "Operation…");
    }

    proptest! {
        #[test]
        fn every_item_is_labelled_once_without_overlap(
            xs in proptest::collection::vec((0.0f64..800.0, 1u8..=3, 1usize..40, 1usize..5), 0..200),
            rows in 1usize..5,
        ) {
            let items: Vec<LabelItem> = xs
                .iter()
                .map(|&(x_px, importance, len, events)| LabelItem {
                    x_px,
                    importance,
                    title: "t".repeat(len),
                    events,
                })
                .collect();
            let area = area(800.0, rows);
            let labels = layout(&items, area, &mut measure);
            check(&items, area, &labels);
        }
    }
}
