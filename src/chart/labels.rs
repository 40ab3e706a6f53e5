//! Event label layout: stagger labels over a few rows so none overlaps another; labels that do
//! not fit are hidden (their full title is still on hover).

/// A label to place: where its marker is on screen and how wide its text is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabelRequest {
    /// Screen x of the event marker's left edge.
    pub x_px: f64,
    /// Width of the label text in pixels.
    pub width_px: f64,
}

/// Assigns each label a row (0 = top) or `None` when it does not fit in `rows` rows.
/// Labels are placed left to right; each starts at its marker and must clear the previous
/// label in its row by `gap_px`.
pub fn layout(
    requests: &[LabelRequest],
    rows: usize,
    gap_px: f64,
    plot_right_px: f64,
) -> Vec<Option<usize>> {
    let mut row_end = vec![f64::NEG_INFINITY; rows];
    let mut order: Vec<usize> = (0..requests.len()).collect();
    order.sort_by(|&a, &b| requests[a].x_px.total_cmp(&requests[b].x_px));
    let mut placed = vec![None; requests.len()];
    for index in order {
        let request = requests[index];
        if request.x_px + request.width_px > plot_right_px {
            continue;
        }
        if let Some(row) = row_end.iter().position(|&end| end + gap_px <= request.x_px) {
            row_end[row] = request.x_px + request.width_px;
            placed[index] = Some(row);
        }
    }
    placed
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
    use super::*;

    fn req(x_px: f64, width_px: f64) -> LabelRequest {
        LabelRequest { x_px, width_px }
    }

    #[test]
    fn labels_never_overlap_within_a_row() {
        let requests: Vec<_> = (0..50).map(|i| req(f64::from(i) * 13.0, 60.0)).collect();
        let rows = layout(&requests, 3, 4.0, 10_000.0);
        for row in 0..3 {
            let mut spans: Vec<(f64, f64)> = requests
                .iter()
                .zip(&rows)
                .filter(|(_, r)| **r == Some(row))
                .map(|(q, _)| (q.x_px, q.x_px + q.width_px))
                .collect();
            spans.sort_by(|a, b| a.0.total_cmp(&b.0));
            for pair in spans.windows(2) {
                assert!(pair[0].1 + 4.0 <= pair[1].0, "{pair:?}");
            }
        }
        assert!(
            rows.iter().any(Option::is_none),
            "crowded labels must be hidden"
        );
        assert_eq!(rows[0], Some(0));
    }

    #[test]
    fn labels_that_would_leave_the_plot_are_hidden() {
        assert_eq!(layout(&[req(950.0, 100.0)], 3, 4.0, 1000.0), vec![None]);
    }

    #[test]
    fn long_titles_are_shortened_with_an_ellipsis() {
        assert_eq!(shorten("Surge", 10), "Surge");
        assert_eq!(shorten("Operation New Dawn begins", 10), "Operation…");
    }
}
