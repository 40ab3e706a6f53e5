//! Per-pixel decimation of a line (M4): for each pixel column of the visible range keep the
//! first, lowest, highest and last point. The drawn line looks the same as with every point,
//! but egui only has to tessellate a few points per pixel column however large the series.
//!
//! [`Extremes`] makes this cheap at any size: per block of points (and block of blocks) it
//! stores the lowest and highest values, so a column spanning millions of points costs a few
//! hundred reads.

/// Branching factor of [`Extremes`]: each level summarises blocks of 64 entries of the one below.
const FANOUT: usize = 64;

/// Minimum and maximum (value and index) of each block at one level.
#[derive(Clone, Debug, Default)]
struct Level {
    size: usize,
    low_at: Vec<u32>,
    low: Vec<f64>,
    high_at: Vec<u32>,
    high: Vec<f64>,
}

/// Where the minimum and maximum of blocks of 64, 4,096, 262,144… values are, so the lowest
/// and highest of any range are found in a few hundred steps however long the range.
/// Values are kept beside indices so queries never jump around the (large) data.
#[derive(Clone, Debug, Default)]
pub struct Extremes {
    levels: Vec<Level>,
}

impl Extremes {
    /// Indexes `values` (fewer than 4,294,967,296 of them).
    pub fn new(values: &[f64]) -> Self {
        let mut levels: Vec<Level> = Vec::new();
        let mut size = FANOUT;
        while size <= values.len() {
            let below = levels.last();
            let blocks = values.len() / size;
            let mut level = Level {
                size,
                ..Level::default()
            };
            for block in 0..blocks {
                let (low_at, high_at) = match below {
                    // Combine the 64 blocks of the level below.
                    Some(below) => {
                        let first = block * FANOUT;
                        let (mut lo, mut hi) = (first, first);
                        for b in first..first + FANOUT {
                            if below.low[b] < below.low[lo] {
                                lo = b;
                            }
                            if below.high[b] > below.high[hi] {
                                hi = b;
                            }
                        }
                        (below.low_at[lo] as usize, below.high_at[hi] as usize)
                    }
                    None => scan(values, block * size, (block + 1) * size),
                };
                #[allow(clippy::cast_possible_truncation)] // indices fit in u32 (documented limit)
                {
                    level.low_at.push(low_at as u32);
                    level.high_at.push(high_at as u32);
                }
                level.low.push(values[low_at]);
                level.high.push(values[high_at]);
            }
            levels.push(level);
            size = size.saturating_mul(FANOUT);
        }
        Self { levels }
    }

    /// Indices of the lowest and highest of `values[start..end]` (first of equals); `start < end`.
    pub fn range(&self, values: &[f64], start: usize, end: usize) -> (usize, usize) {
        let (mut low, mut high) = (start, start);
        let (mut low_value, mut high_value) = (values[start], values[start]);
        let mut position = start;
        while position < end {
            // The largest aligned block that starts here and fits; else a single value.
            let block =
                self.levels.iter().rev().find(|level| {
                    position.is_multiple_of(level.size) && position + level.size <= end
                });
            let (lo_at, lo, hi_at, hi, step) = match block {
                Some(level) => {
                    let b = position / level.size;
                    (
                        level.low_at[b] as usize,
                        level.low[b],
                        level.high_at[b] as usize,
                        level.high[b],
                        level.size,
                    )
                }
                None => (position, values[position], position, values[position], 1),
            };
            if lo < low_value {
                (low, low_value) = (lo_at, lo);
            }
            if hi > high_value {
                (high, high_value) = (hi_at, hi);
            }
            position += step;
        }
        (low, high)
    }
}

/// Every 64th x of a sorted series: binary searches run on this small array (which stays in
/// cache) and finish with a short scan, instead of jumping around the whole series.
#[derive(Clone, Debug, Default)]
pub struct XIndex {
    samples: Vec<f64>,
}

impl XIndex {
    /// Samples sorted `xs`.
    pub fn new(xs: &[f64]) -> Self {
        Self {
            samples: xs.iter().step_by(FANOUT).copied().collect(),
        }
    }

    /// The first index at or after `start` whose x is not `before(x)` (like `partition_point`
    /// on `xs[start..]`, plus `start`). `before` must be true then false along `xs`.
    pub fn partition_point(&self, xs: &[f64], start: usize, before: impl Fn(f64) -> bool) -> usize {
        let start = start.min(xs.len());
        let first_sample = start.div_ceil(FANOUT);
        let samples = self.samples.get(first_sample..).unwrap_or_default();
        let passed = samples.partition_point(|&x| before(x));
        // The answer lies after the last sample that is `before` and at or before the next one.
        let low = if passed == 0 {
            start
        } else {
            ((first_sample + passed - 1) * FANOUT).max(start)
        }
        .min(xs.len());
        let high = ((first_sample + passed) * FANOUT).min(xs.len()).max(low);
        low + xs[low..high].partition_point(|&x| before(x))
    }
}

fn scan(values: &[f64], start: usize, end: usize) -> (usize, usize) {
    let (mut low, mut high) = (start, start);
    for i in start..end {
        if values[i] < values[low] {
            low = i;
        }
        if values[i] > values[high] {
            high = i;
        }
    }
    (low, high)
}

/// Per-pixel M4 in O(columns × (log n + blocks per column)): the cost no longer grows with the
/// number of points visible, so panning a 10-million-point series stays smooth.
pub fn m4_indexed(
    xs: &[f64],
    ys: &[f64],
    (x_index, extremes): (&XIndex, &Extremes),
    from: f64,
    to: f64,
    width_px: usize,
) -> Vec<[f64; 2]> {
    let len = xs.len().min(ys.len());
    if len == 0 || !(from.is_finite() && to.is_finite()) || to <= from || width_px == 0 {
        return Vec::new();
    }
    let xs = &xs[..len];
    let step = (to - from) / width_px as f64;
    let mut out = Vec::with_capacity(width_px * 4 + 2);
    let push = |index: usize, out: &mut Vec<[f64; 2]>| out.push([xs[index], ys[index]]);
    let first_visible = x_index.partition_point(xs, 0, |x| x < from);
    if first_visible > 0 {
        push(first_visible - 1, &mut out);
    }
    let mut start = first_visible;
    for column in 0..width_px {
        let last_column = column + 1 == width_px;
        let edge = if last_column {
            to
        } else {
            from + step * (column + 1) as f64
        };
        let end = x_index.partition_point(xs, start, |x| x < edge || (last_column && x <= to));
        if end > start {
            let (low, high) = extremes.range(ys, start, end);
            let mut keep = [start, low, high, end - 1];
            keep.sort_unstable();
            let mut previous = None;
            for index in keep {
                if previous != Some(index) {
                    push(index, &mut out);
                    previous = Some(index);
                }
            }
        }
        start = end;
    }
    if start < len {
        push(start, &mut out);
    }
    out
}

/// A band reduced for drawing: (xs, lows, highs).
pub type BandColumns = (Vec<f64>, Vec<f64>, Vec<f64>);

/// A low–high band reduced to one (x, lowest low, highest high) per pixel column, plus the
/// points just beyond each edge; exact where a column holds a single point.
pub fn band_columns(
    (xs, x_index): (&[f64], &XIndex),
    (lows, highs): (&[f64], &[f64]),
    (low_index, high_index): (&Extremes, &Extremes),
    from: f64,
    to: f64,
    width_px: usize,
) -> BandColumns {
    let len = xs.len().min(lows.len()).min(highs.len());
    let mut out = (Vec::new(), Vec::new(), Vec::new());
    if len == 0 || !(from.is_finite() && to.is_finite()) || to <= from || width_px == 0 {
        return out;
    }
    let xs = &xs[..len];
    let step = (to - from) / width_px as f64;
    let mut push = |x: f64, low: f64, high: f64| {
        out.0.push(x);
        out.1.push(low);
        out.2.push(high);
    };
    let mut start = x_index.partition_point(xs, 0, |x| x < from);
    if start > 0 {
        push(xs[start - 1], lows[start - 1], highs[start - 1]);
    }
    for column in 0..width_px {
        let last_column = column + 1 == width_px;
        let edge = from + step * (column + 1) as f64;
        let end = x_index.partition_point(xs, start, |x| x < edge || (last_column && x <= to));
        if end > start {
            let (low, _) = low_index.range(lows, start, end);
            let (_, high) = high_index.range(highs, start, end);
            push(xs[start], lows[low], highs[high]);
        }
        start = end;
    }
    if start < len {
        push(xs[start], lows[start], highs[start]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain O(n) M4, the reference the indexed version is tested against: the points of
    /// `(xs, ys)` to draw for the visible `from..=to` spread over `width_px` columns,
    /// including one point beyond each edge so the line runs off the plot instead of stopping short.
    /// `xs` must be sorted.
    fn m4(xs: &[f64], ys: &[f64], from: f64, to: f64, width_px: usize) -> Vec<[f64; 2]> {
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
    fn sampled_search_matches_partition_point() {
        let xs: Vec<f64> = (0..5_000).map(|i| f64::from(i / 3)).collect();
        let index = XIndex::new(&xs);
        for start in [0, 1, 63, 64, 65, 1000, 4_999, 5_000] {
            for bound in [-1.0, 0.0, 0.5, 21.0, 333.0, 1_666.0, 1_667.0, 9_999.0] {
                let expected = start + xs[start..].partition_point(|&x| x < bound);
                assert_eq!(
                    index.partition_point(&xs, start, |x| x < bound),
                    expected,
                    "{start} {bound}"
                );
            }
        }
    }

    #[test]
    fn block_extremes_match_a_plain_scan() {
        let (_, ys) = series(10_000);
        let extremes = Extremes::new(&ys);
        for (start, end) in [
            (0, 1),
            (0, 10_000),
            (5, 70),
            (63, 65),
            (100, 9_000),
            (9_999, 10_000),
            (128, 192),
        ] {
            let (low, high) = extremes.range(&ys, start, end);
            let (scan_low, scan_high) = scan(&ys, start, end);
            assert_eq!(
                (ys[low], ys[high]),
                (ys[scan_low], ys[scan_high]),
                "{start}..{end}"
            );
        }
    }

    #[test]
    fn the_indexed_version_keeps_the_same_extremes() {
        let (xs, ys) = series(200_000);
        let extremes = Extremes::new(&ys);
        for (from, to, width) in [
            (0.0, 199_999.0, 700),
            (1_000.5, 5_000.5, 1_600),
            (10.0, 60.0, 1_000),
        ] {
            let plain = m4(&xs, &ys, from, to, width);
            let fast = m4_indexed(&xs, &ys, (&XIndex::new(&xs), &extremes), from, to, width);
            let extremes_of = |points: &[[f64; 2]]| {
                points
                    .iter()
                    .filter(|p| p[0] >= from && p[0] <= to)
                    .fold((f64::MAX, f64::MIN), |(lo, hi), p| {
                        (lo.min(p[1]), hi.max(p[1]))
                    })
            };
            assert_eq!(extremes_of(&plain), extremes_of(&fast));
            assert_eq!(plain.first(), fast.first());
            assert_eq!(plain.last(), fast.last());
            assert!(fast.len() <= width * 4 + 2);
        }
        // Exact at small sizes: every point survives.
        assert_eq!(
            m4_indexed(
                &xs[..50],
                &ys[..50],
                (&XIndex::new(&xs[..50]), &Extremes::new(&ys[..50])),
                0.0,
                49.0,
                1000
            )
            .len(),
            50
        );
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
