//! How colours look to readers who see them differently, and how far apart they look: colour
//! vision deficiency simulated with the Machado, Oliveira & Fernandes (2009) matrices at
//! severity 1.0 (applied to linear sRGB), distances in CIEDE2000 (CIELAB, D65), contrast and
//! luminance as WCAG 2 defines them. Used to test the palette, and to derive readable text
//! tints from series colours.

use super::palette::Rgb;

/// A form of colour blindness, at full severity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deficiency {
    /// No L cones (red-blind).
    Protanopia,
    /// No M cones (green-blind).
    Deuteranopia,
    /// No S cones (blue-blind).
    Tritanopia,
}

impl Deficiency {
    /// All three.
    pub const ALL: [Deficiency; 3] = [
        Deficiency::Protanopia,
        Deficiency::Deuteranopia,
        Deficiency::Tritanopia,
    ];

    /// Machado et al. 2009, table for severity 1.0, on linear RGB.
    fn matrix(self) -> [[f64; 3]; 3] {
        match self {
            Deficiency::Protanopia => [
                [0.152_286, 1.052_583, -0.204_868],
                [0.114_503, 0.786_281, 0.099_216],
                [-0.003_882, -0.048_116, 1.051_998],
            ],
            Deficiency::Deuteranopia => [
                [0.367_322, 0.860_646, -0.227_968],
                [0.280_085, 0.672_501, 0.047_413],
                [-0.011_820, 0.042_940, 0.968_881],
            ],
            Deficiency::Tritanopia => [
                [1.255_528, -0.076_749, -0.178_779],
                [-0.078_411, 0.930_809, 0.147_602],
                [0.004_733, 0.691_367, 0.303_900],
            ],
        }
    }
}

/// An sRGB channel (0–255) as linear light (0–1).
pub fn linear(channel: u8) -> f64 {
    let c = f64::from(channel) / 255.0;
    if c <= 0.040_45 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

fn linear_rgb(rgb: Rgb) -> [f64; 3] {
    rgb.map(linear)
}

/// `rgb` as seen with `deficiency` (or as it is, for `None`), in linear RGB clamped to gamut.
pub fn simulate(rgb: Rgb, deficiency: Option<Deficiency>) -> [f64; 3] {
    let lin = linear_rgb(rgb);
    let Some(deficiency) = deficiency else {
        return lin;
    };
    deficiency
        .matrix()
        .map(|row| (row[0] * lin[0] + row[1] * lin[1] + row[2] * lin[2]).clamp(0.0, 1.0))
}

/// Linear RGB as CIELAB (D65 white).
pub fn lab([r, g, b]: [f64; 3]) -> [f64; 3] {
    let x = 0.412_456_4 * r + 0.357_576_1 * g + 0.180_437_5 * b;
    let y = 0.212_672_9 * r + 0.715_152_2 * g + 0.072_175_0 * b;
    let z = 0.019_333_9 * r + 0.119_192_0 * g + 0.950_304_1 * b;
    let f = |t: f64| {
        const DELTA: f64 = 6.0 / 29.0;
        if t > DELTA.powi(3) {
            t.cbrt()
        } else {
            t / (3.0 * DELTA * DELTA) + 4.0 / 29.0
        }
    };
    let (fx, fy, fz) = (f(x / 0.950_47), f(y), f(z / 1.088_83));
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

/// The CIEDE2000 colour difference of two CIELAB colours (Sharma, Wu & Dalal 2005).
pub fn ciede2000([l1, a1, b1]: [f64; 3], [l2, a2, b2]: [f64; 3]) -> f64 {
    let pow7 = |c: f64| c.powi(7);
    let twenty_five7 = pow7(25.0);
    let c_bar = (a1.hypot(b1) + a2.hypot(b2)) / 2.0;
    let g = 0.5 * (1.0 - (pow7(c_bar) / (pow7(c_bar) + twenty_five7)).sqrt());
    let (a1p, a2p) = ((1.0 + g) * a1, (1.0 + g) * a2);
    let (c1p, c2p) = (a1p.hypot(b1), a2p.hypot(b2));
    let hue = |b: f64, a: f64| {
        if a == 0.0 && b == 0.0 {
            0.0
        } else {
            b.atan2(a).to_degrees().rem_euclid(360.0)
        }
    };
    let (h1p, h2p) = (hue(b1, a1p), hue(b2, a2p));
    let chroma_zero = c1p * c2p == 0.0;
    let dl = l2 - l1;
    let dc = c2p - c1p;
    let dh = if chroma_zero {
        0.0
    } else if (h2p - h1p).abs() <= 180.0 {
        h2p - h1p
    } else if h2p - h1p > 180.0 {
        h2p - h1p - 360.0
    } else {
        h2p - h1p + 360.0
    };
    let d_big_h = 2.0 * (c1p * c2p).sqrt() * (dh.to_radians() / 2.0).sin();
    let l_bar = (l1 + l2) / 2.0;
    let cp_bar = (c1p + c2p) / 2.0;
    let h_bar = if chroma_zero {
        h1p + h2p
    } else if (h1p - h2p).abs() <= 180.0 {
        (h1p + h2p) / 2.0
    } else if h1p + h2p < 360.0 {
        (h1p + h2p + 360.0) / 2.0
    } else {
        (h1p + h2p - 360.0) / 2.0
    };
    let cos = |deg: f64| deg.to_radians().cos();
    let t =
        1.0 - 0.17 * cos(h_bar - 30.0) + 0.24 * cos(2.0 * h_bar) + 0.32 * cos(3.0 * h_bar + 6.0)
            - 0.20 * cos(4.0 * h_bar - 63.0);
    let d_theta = 30.0 * (-((h_bar - 275.0) / 25.0).powi(2)).exp();
    let r_c = 2.0 * (pow7(cp_bar) / (pow7(cp_bar) + twenty_five7)).sqrt();
    let s_l = 1.0 + 0.015 * (l_bar - 50.0).powi(2) / (20.0 + (l_bar - 50.0).powi(2)).sqrt();
    let s_c = 1.0 + 0.045 * cp_bar;
    let s_h = 1.0 + 0.015 * cp_bar * t;
    let r_t = -(2.0 * d_theta).to_radians().sin() * r_c;
    let (l, c, h) = (dl / s_l, dc / s_c, d_big_h / s_h);
    (l * l + c * c + h * h + r_t * c * h).sqrt()
}

/// How far apart `a` and `b` look to a reader with `deficiency` (`None`: typical vision).
pub fn distance(a: Rgb, b: Rgb, deficiency: Option<Deficiency>) -> f64 {
    ciede2000(lab(simulate(a, deficiency)), lab(simulate(b, deficiency)))
}

/// WCAG relative luminance (0 black – 1 white).
pub fn luminance(rgb: Rgb) -> f64 {
    let [r, g, b] = linear_rgb(rgb);
    0.2126 * r + 0.7152 * g + 0.0722 * b
}

/// WCAG contrast ratio of two colours (1–21).
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// `top` at `alpha` (0–255) over `bottom`, blended in sRGB as the renderers do.
pub fn over(top: Rgb, alpha: u8, bottom: Rgb) -> Rgb {
    let a = f64::from(alpha) / 255.0;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // 0–255 by construction
    let blended: Rgb = std::array::from_fn(|i| {
        (f64::from(top[i]) * a + f64::from(bottom[i]) * (1.0 - a)).round() as u8
    });
    blended
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ciede2000_matches_sharmas_test_data() {
        // Pairs 1, 2 and 7 of Sharma, Wu & Dalal (2005), table 1.
        let pairs = [
            ([50.0, 2.6772, -79.7751], [50.0, 0.0, -82.7485], 2.0425),
            ([50.0, 3.1571, -77.2803], [50.0, 0.0, -82.7485], 2.8615),
            ([50.0, 0.0, 0.0], [50.0, -1.0, 2.0], 2.3669),
        ];
        for (a, b, expected) in pairs {
            let d = ciede2000(a, b);
            assert!((d - expected).abs() < 1e-4, "{a:?} {b:?}: {d} ≠ {expected}");
            assert!((ciede2000(b, a) - d).abs() < 1e-9, "symmetric");
        }
        assert_eq!(ciede2000([40.0, 10.0, 5.0], [40.0, 10.0, 5.0]), 0.0);
    }

    #[test]
    fn simulations_fold_the_axis_each_deficiency_loses() {
        let (red, green, blue) = ([213, 94, 0], [0, 158, 115], [0, 114, 178]);
        let yellow = [240, 228, 66];
        // Red and green merge for the red- and green-blind, not for the blue-blind.
        let typical = distance([200, 60, 60], [110, 120, 40], None);
        for d in [Deficiency::Protanopia, Deficiency::Deuteranopia] {
            assert!(distance([200, 60, 60], [110, 120, 40], Some(d)) < typical / 3.0);
        }
        assert!(distance(red, green, Some(Deficiency::Tritanopia)) > 20.0);
        // Blue and green come closer for the blue-blind.
        assert!(distance(blue, green, Some(Deficiency::Tritanopia)) < distance(blue, green, None));
        assert!(distance(blue, yellow, Some(Deficiency::Deuteranopia)) > 40.0);
        // Greys are unchanged.
        for d in Deficiency::ALL {
            let grey = simulate([128, 128, 128], Some(d));
            assert!(
                grey.iter().all(|c| (c - linear(128)).abs() < 2e-3),
                "{d:?}: {grey:?}"
            );
        }
    }

    #[test]
    fn contrast_follows_wcag() {
        assert!((contrast([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 1e-9);
        assert!((contrast([118, 118, 118], [255, 255, 255]) - 4.54).abs() < 0.01);
        assert_eq!(over([0, 0, 0], 255, [255, 255, 255]), [0, 0, 0]);
        assert_eq!(over([0, 0, 0], 0, [255, 255, 255]), [255, 255, 255]);
    }
}
