//! Comparing two renders of one picture, and editing an SVG to check that the comparison
//! notices a change (shared by the vector export tests).

#![allow(dead_code, clippy::unwrap_used)]

use troopline::export::Rgba;

/// A pixel "differs strongly" when a channel differs by more than this (0–255).
pub const STRONG: u8 = 96;

/// (mean absolute difference per channel, share of pixels that differ strongly).
pub fn difference(a: &Rgba, b: &Rgba) -> (f64, f64) {
    assert_eq!((a.width, a.height), (b.width, b.height));
    let mut total = 0u64;
    let mut strong = 0usize;
    for (p, q) in a.pixels.chunks_exact(4).zip(b.pixels.chunks_exact(4)) {
        let mut worst = 0;
        for c in 0..4 {
            let d = p[c].abs_diff(q[c]);
            total += u64::from(d);
            worst = worst.max(d);
        }
        if worst > STRONG {
            strong += 1;
        }
    }
    let pixels = a.pixels.len() / 4;
    #[allow(clippy::cast_precision_loss)]
    (
        total as f64 / (pixels * 4) as f64,
        strong as f64 / pixels as f64,
    )
}

/// `svg` without its `<tag …>…</tag>` elements.
pub fn strip_elements(svg: &str, tag: &str) -> String {
    let open = format!("<{tag} ");
    let close = format!("</{tag}>");
    let mut out = String::new();
    let mut rest = svg;
    while let Some(start) = rest.find(&open) {
        out.push_str(&rest[..start]);
        let end = rest[start..].find(&close).unwrap() + start + close.len();
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}
