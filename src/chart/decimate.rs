//! Per-pixel decimation of a line (M4): for each pixel column of the visible range keep the
//! first, lowest, highest and last point. The drawn line looks the same as with every point,
//! but egui only has to tessellate a few points per pixel column however large the series.

/// The points of `(xs, ys)` to draw for the visible `from..=to` spread over `width_px` columns,
/// including one point beyond each edge so the line runs off the plot instead of stopping short.
/// `xs` must be sorted.
pub fn m4(xs: &[f64], ys: &[f64], from: f64, to: f64, width_px: usize) -> Vec<[f64; 2]> {
    let len = xs.len().min(ys.len());
    if len == 0 || !(from.is_finite() && to.is_finite()) || to <= from || width_px == 0 {
        return Vec::new();
    }
    let start = xs[..len].partition_point(|&x| x < from).saturating_sub(1);
    let end = (xs[..len].partition_point(|&x| x <= to) + 1).min(len);
    let px_per_x = width_px as f64 / (to - from);
    let column = |x: f64| ((x - from) * px_per_x).floor();

    let mut out = Vec::with_capacity((end - start).min(width_px * 4 + 4));
    let mut i = start;
    while i < end {
        let col = column(xs[i]);
        let first = i;
        let (mut low, mut high) = (i, i);
        while i < end && column(xs[i]) == col {
            if ys[i] < ys[low] {
                low = i;
            }
            if ys[i] > ys[high] {
                high = i;
            }
            i += 1;
        }
        let last = i - 1;
        let mut keep = [first, low, high, last];
        keep.sort_unstable();
        let mut previous = None;
        for index in keep {
            if previous != Some(index) {
                out.push([xs[index], ys[index]]);
                previous = Some(index);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(n: usize) -> (Vec<f64>, Vec<f64>) {
        let xs: Vec<f64> = (0..n).map(|i| i as f64).collect();
        // A deterministic zig-zag with spikes, so min and max differ in every column.
        let ys = (0..n)
            .map(|i| ((i * 7919) % 1000) as f64 + if i % 97 == 0 { 5000.0 } else { 0.0 })
            .collect();
        (xs, ys)
    }

    #[test]
    fn small_series_are_kept_exactly() {
        let (xs, ys) = series(50);
        let out = m4(&xs, &ys, 0.0, 49.0, 1000);
        assert_eq!(out.len(), 50);
        assert!(
            out.iter()
                .zip(xs.iter().zip(&ys))
                .all(|(p, (x, y))| p[0] == *x && p[1] == *y)
        );
    }

    #[test]
    fn every_pixel_column_keeps_its_extremes_and_ends() {
        let (xs, ys) = series(1_000_000);
        let width = 800;
        let out = m4(&xs, &ys, 0.0, 999_999.0, width);
        assert!(out.len() <= width * 4 + 4, "{}", out.len());
        assert_eq!(out.first().map(|p| p[0]), Some(0.0));
        assert_eq!(out.last().map(|p| p[0]), Some(999_999.0));
        let px = width as f64 / 999_999.0;
        let mut columns = std::collections::BTreeMap::<i64, (f64, f64)>::new();
        for (x, y) in xs.iter().zip(&ys) {
            let entry = columns
                .entry(((x - 0.0) * px).floor() as i64)
                .or_insert((f64::MAX, f64::MIN));
            entry.0 = entry.0.min(*y);
            entry.1 = entry.1.max(*y);
        }
        for (col, (low, high)) in columns {
            let kept: Vec<f64> = out
                .iter()
                .filter(|p| (p[0] * px).floor() as i64 == col)
                .map(|p| p[1])
                .collect();
            assert!(kept.contains(&low) && kept.contains(&high), "column {col}");
        }
    }

    #[test]
    fn the_visible_window_reaches_one_point_past_each_edge() {
        let (xs, ys) = series(1000);
        let out = m4(&xs, &ys, 100.5, 200.5, 2000);
        assert_eq!(out.first().map(|p| p[0]), Some(100.0));
        assert_eq!(out.last().map(|p| p[0]), Some(201.0));
        assert!(m4(&xs, &ys, 5.0, 5.0, 100).is_empty());
        assert!(m4(&[], &[], 0.0, 1.0, 100).is_empty());
    }
}
