//! Event label layout, in tiers: the events that fit get their full title; the rest are
//! drawn as ticks (see `ui::chart_view::events`) and described on hover.
//!
//! Labels sit in a few rows above the troop plot. Pinned events go first, then the most
//! important ones, each with its whole title to the right of its line, or to the left where the
//! right would cross the plot edge. A title is never shortened and never replaced by a count:
//! an event whose title does not fit without overlap is simply not labelled. At most
//! [`LabelArea::max_labels`] labels are placed, so a crowded chart stays readable.

use std::collections::BTreeMap;

/// An event (or a pixel-wide cluster of events) to label.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelItem {
    /// Screen x of the event's line.
    pub x_px: f64,
    /// 3 = headline, 2 = normal, 1 = minor: higher is placed first.
    pub importance: u8,
    /// Whether the user pinned this label: pinned items are placed before all others.
    pub pinned: bool,
    /// The title to show.
    pub title: String,
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
    /// The text drawn: always the item's whole title.
    pub text: String,
    /// Left edge of the text on screen.
    pub left_px: f64,
    /// Width of the text.
    pub width_px: f64,
    /// Row, 0 nearest the plot.
    pub row: usize,
    /// Screen x of the line the label belongs to.
    pub anchor_px: f64,
    /// Which side of the anchor the text is on.
    pub side: Side,
    /// Index into the items of the item this label stands for.
    pub item: usize,
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
    /// Rows available.
    pub rows: usize,
    /// Space between a line and its text, and between neighbouring labels.
    pub gap_px: f64,
    /// At most this many labels.
    pub max_labels: usize,
}

/// At most this many items try for a label: more could never fit on a screen, and it bounds
/// the work per frame for charts with thousands of events in view.
const MAX_CANDIDATES: usize = 400;

/// Lays out labels for `items` (any order) in `area`, measuring text with `measure` (pixels).
/// Labels never overlap within a row, never leave `left_px..right_px`, and always carry the
/// item's whole title; items without a label are left to the caller's tick strip.
pub fn layout(
    items: &[LabelItem],
    area: LabelArea,
    measure: &mut dyn FnMut(&str) -> f64,
) -> Vec<PlacedLabel> {
    if items.is_empty() || area.rows == 0 || area.right_px <= area.left_px {
        return Vec::new();
    }
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| {
        (items[b].pinned, items[b].importance)
            .cmp(&(items[a].pinned, items[a].importance))
            .then(items[a].x_px.total_cmp(&items[b].x_px))
    });
    let mut grid: Vec<Row> = (0..area.rows).map(|_| Row::default()).collect();
    // Each label's line runs from its row down to the plot: (x, row) of every line so far.
    let mut leaders: Vec<(f64, usize)> = Vec::new();
    let mut placed = Vec::new();
    for &index in order.iter().take(MAX_CANDIDATES) {
        if placed.len() >= area.max_labels {
            break;
        }
        let item = &items[index];
        if item.title.trim().is_empty() {
            continue;
        }
        let width = measure(&item.title);
        let x = item.x_px;
        'spots: for (left, side) in spots(x, width, area) {
            for row in 0..grid.len() {
                let clear = grid[row].is_free(left, left + width, area.gap_px)
                    // Its line passes the rows below without crossing a label...
                    && grid[..row].iter().all(|below| below.is_free(x - 1.0, x + 1.0, 1.0))
                    // ...and no line from a row above crosses it.
                    && leaders.iter().all(|&(lx, lrow)| {
                        lrow <= row || lx < left - area.gap_px || lx > left + width + area.gap_px
                    });
                if clear {
                    grid[row].take(left, left + width);
                    leaders.push((x, row));
                    placed.push(PlacedLabel {
                        text: item.title.clone(),
                        left_px: left,
                        width_px: width,
                        row,
                        anchor_px: x,
                        side,
                        item: index,
                    });
                    break 'spots;
                }
            }
        }
    }
    placed
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

/// Shortens `title` to at most `max_chars` characters, ending with an ellipsis when cut. For
/// window titles and such, never for event labels.
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
            pinned: false,
            title: title.to_owned(),
        }
    }

    fn area(right_px: f64, rows: usize) -> LabelArea {
        LabelArea {
            left_px: 0.0,
            right_px,
            rows,
            gap_px: 3.0,
            max_labels: 100,
        }
    }

    /// The invariants every layout keeps: each item in at most one label, with its whole title,
    /// labels inside the area, no two labels of a row closer than the gap, and no label's line
    /// (from its row down to row 0) crossing another label.
    fn check(items: &[LabelItem], area: LabelArea, labels: &[PlacedLabel]) {
        let mut owners = vec![0; items.len()];
        for label in labels {
            owners[label.item] += 1;
            assert_eq!(label.text, items[label.item].title);
            assert!(label.left_px >= area.left_px - 1e-9, "{label:?}");
            assert!(label.right_px() <= area.right_px + 1e-9, "{label:?}");
            assert!(label.row < area.rows, "{label:?}");
            assert_eq!(label.width_px, measure(&label.text));
        }
        assert!(owners.iter().all(|&n| n <= 1), "{owners:?} {labels:?}");
        assert!(labels.len() <= area.max_labels);
        for a in labels {
            for b in labels {
                if !std::ptr::eq(a, b) && b.row < a.row {
                    assert!(
                        a.anchor_px < b.left_px - 1e-9 || a.anchor_px > b.right_px() + 1e-9,
                        "the line of {a:?} crosses {b:?}"
                    );
                }
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
        assert_eq!(labels[0].side, Side::Left);
        assert_eq!(labels[0].right_px(), 987.0);
    }

    #[test]
    fn a_title_that_does_not_fit_is_left_out_never_cut() {
        let mut first = item(0.0, "A very long title indeed, to cut");
        first.importance = 3;
        let mut third = item(280.0, "Third");
        third.importance = 3;
        let items = [first, item(210.0, "Another long title here"), third];
        let labels = layout(&items, area(1000.0, 1), &mut measure);
        check(&items, area(1000.0, 1), &labels);
        assert!(labels.iter().all(|l| l.item != 1), "{labels:?}");
        assert!(labels.iter().all(|l| !l.text.ends_with('…')));
        // With a second row there is room for it.
        let roomy = layout(&items, area(1000.0, 2), &mut measure);
        check(&items, area(1000.0, 2), &roomy);
        assert_eq!(roomy.len(), 3, "{roomy:?}");
    }

    #[test]
    fn important_events_win_the_space_and_pins_beat_importance() {
        let mut key = item(12.0, "Invasion begins");
        key.importance = 3;
        let mut minor = item(10.0, "Minor thing happening here");
        minor.importance = 1;
        let mut other = item(14.0, "Another minor thing here");
        other.importance = 1;
        let items = [minor, key, other];
        let labels = layout(&items, area(200.0, 1), &mut measure);
        check(&items, area(200.0, 1), &labels);
        assert_eq!(labels.iter().map(|l| l.item).collect::<Vec<_>>(), [1]);
        let mut pinned = items;
        pinned[2].pinned = true;
        let labels = layout(&pinned, area(200.0, 1), &mut measure);
        assert_eq!(labels.iter().map(|l| l.item).collect::<Vec<_>>(), [2]);
    }

    #[test]
    fn crowds_get_a_few_labels_and_no_counts() {
        let items: Vec<LabelItem> = (0..500)
            .map(|i| item(f64::from(i) * 2.0, "Event"))
            .collect();
        let mut room = area(1000.0, 3);
        room.max_labels = 15;
        let labels = layout(&items, room, &mut measure);
        check(&items, room, &labels);
        assert_eq!(labels.len(), 15);
        assert!(labels.iter().all(|l| l.text == "Event"));
    }

    #[test]
    fn degenerate_areas_place_nothing() {
        let items = [item(5.0, "E")];
        assert!(layout(&items, area(1000.0, 0), &mut measure).is_empty());
        assert!(layout(&items, area(0.0, 2), &mut measure).is_empty());
        assert!(layout(&[], area(1000.0, 2), &mut measure).is_empty());
        assert!(layout(&[item(5.0, " ")], area(1000.0, 2), &mut measure).is_empty());
    }

    #[test]
    fn long_titles_are_shortened_with_an_ellipsis() {
        assert_eq!(shorten("Surge", 10), "Surge");
        assert_eq!(shorten("Operation New Dawn begins", 10), "Operation…");
    }

    proptest! {
        #[test]
        fn labels_are_whole_and_never_overlap(
            xs in proptest::collection::vec((0.0f64..800.0, 1u8..=3, 1usize..40, any::<bool>()), 0..200),
            rows in 1usize..5,
            max_labels in 0usize..30,
        ) {
            let items: Vec<LabelItem> = xs
                .iter()
                .map(|&(x_px, importance, len, pinned)| LabelItem {
                    x_px,
                    importance,
                    pinned,
                    title: "t".repeat(len),
                })
                .collect();
            let mut area = area(800.0, rows);
            area.max_labels = max_labels;
            let labels = layout(&items, area, &mut measure);
            check(&items, area, &labels);
        }
    }
}
