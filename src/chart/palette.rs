//! Colours: the Okabe–Ito palette, distinguishable with the common forms of colour blindness.

/// An sRGB colour, kept free of egui so the chart model stays pure.
pub type Rgb = [u8; 3];

/// Series colours in the order series are assigned them.
pub const SERIES: [Rgb; 7] = [
    [0, 114, 178],   // blue
    [213, 94, 0],    // vermillion
    [0, 158, 115],   // bluish green
    [204, 121, 167], // reddish purple
    [230, 159, 0],   // orange
    [86, 180, 233],  // sky blue
    [160, 140, 0],   // dark yellow (pure yellow is unreadable on white)
];

/// Event category tints: greys with a hint of hue, far from every series colour, so an event
/// mark never looks like data. They tell categories apart side by side (a swatch, a label's
/// edge); the marks on the plot are drawn in [`event_ink`].
pub const CATEGORIES: [Rgb; 6] = [
    [128, 128, 128], // grey
    [150, 118, 106], // warm grey
    [108, 122, 150], // slate
    [138, 134, 104], // olive grey
    [128, 112, 140], // mauve grey
    [102, 134, 128], // teal grey
];

/// Neutral ink of event lines and ticks on a light or a dark background.
pub fn event_ink(dark: bool) -> Rgb {
    if dark {
        [150, 150, 150]
    } else {
        [105, 105, 105]
    }
}

/// Every colour an event mark may take in a theme: the ink and the category tints.
pub fn event_colors(dark: bool) -> Vec<Rgb> {
    std::iter::once(event_ink(dark)).chain(CATEGORIES).collect()
}

/// Perceptual distance between two colours (CIE76 ΔE in CIELAB): about 2 is a just noticeable
/// difference, above 20 two colours are not mistaken for each other in a chart.
pub fn distance(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (lab(a), lab(b));
    ((la[0] - lb[0]).powi(2) + (la[1] - lb[1]).powi(2) + (la[2] - lb[2]).powi(2)).sqrt()
}

/// sRGB to CIELAB (D65).
fn lab(rgb: Rgb) -> [f64; 3] {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let [r, g, b] = rgb.map(linear);
    let x = (0.412_4 * r + 0.357_6 * g + 0.180_5 * b) / 0.950_47;
    let y = 0.212_6 * r + 0.715_2 * g + 0.072_2 * b;
    let z = (0.019_3 * r + 0.119_2 * g + 0.950_5 * b) / 1.088_83;
    let f = |t: f64| {
        if t > 216.0 / 24_389.0 {
            t.cbrt()
        } else {
            (24_389.0 / 27.0 * t + 16.0) / 116.0
        }
    };
    let (fx, fy, fz) = (f(x), f(y), f(z));
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

/// WCAG 2 contrast ratio of two opaque colours (1 to 21).
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let luminance = |rgb: Rgb| {
        let [r, g, b] = rgb.map(|c| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        });
        0.212_6 * r + 0.715_2 * g + 0.072_2 * b
    };
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// A darker (light theme) or lighter (dark theme) tint of `rgb` with at least 4.5:1 contrast
/// against `background`, for text in a series' colour, as the chart desks label their lines.
pub fn text_tint(rgb: Rgb, background: Rgb) -> Rgb {
    let target = if luminance_is_dark(background) {
        [255, 255, 255]
    } else {
        [0, 0, 0]
    };
    let mut tint = rgb;
    for step in 0..=20u8 {
        let t = f64::from(step) / 20.0;
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // 0..=255
        let mix = |a: u8, b: u8| {
            (f64::from(a) * (1.0 - t) + f64::from(b) * t)
                .round()
                .clamp(0.0, 255.0) as u8
        };
        tint = [
            mix(rgb[0], target[0]),
            mix(rgb[1], target[1]),
            mix(rgb[2], target[2]),
        ];
        if contrast(tint, background) >= 4.6 {
            break;
        }
    }
    tint
}

fn luminance_is_dark(rgb: Rgb) -> bool {
    contrast(rgb, [0, 0, 0]) < contrast(rgb, [255, 255, 255])
}

/// Colour for the `index`-th series.
pub fn series(index: usize) -> Rgb {
    SERIES[index % SERIES.len()]
}

/// Colour for the `index`-th event category.
pub fn category(index: usize) -> Rgb {
    CATEGORIES[index % CATEGORIES.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_marks_never_look_like_a_series() {
        for dark in [false, true] {
            for event in event_colors(dark) {
                for index in 0..SERIES.len() * 2 {
                    let line = series(index);
                    let d = distance(event, line);
                    assert!(d >= 20.0, "event {event:?} is {d:.1} from series {line:?}");
                }
            }
        }
    }

    #[test]
    fn text_tints_are_readable_on_both_themes() {
        for background in [[255, 255, 255], [248, 248, 248], [27, 27, 27], [10, 10, 10]] {
            for index in 0..SERIES.len() {
                let tint = text_tint(series(index), background);
                assert!(
                    contrast(tint, background) >= 4.5,
                    "{tint:?} on {background:?}"
                );
            }
        }
    }

    #[test]
    fn contrast_and_distance_have_their_known_values() {
        assert!((contrast([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 0.01);
        assert!(distance([0, 0, 0], [255, 255, 255]) > 99.0);
        assert!(distance([10, 20, 30], [10, 20, 30]) < 1e-9);
    }
}
