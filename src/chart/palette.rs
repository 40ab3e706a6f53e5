//! Colours: the Okabe–Ito palette, distinguishable with the common forms of colour blindness,
//! extended to seven colours that stay apart too.
//!
//! Rules (tested): every pair of series colours is at least [`MIN_DISTANCE`] apart in
//! CIEDE2000 for typical vision and under simulated protanopia, deuteranopia and tritanopia
//! (Machado et al. 2009, severity 1.0; see [`super::vision`]); text in a series' colour uses
//! [`text_tint`], at least 4.5:1 against its background; bars (series colours at
//! [`BAR_ALPHA`]) stand out from the background in greyscale; event marks ([`event_colors`]) are
//! greys at least [`MIN_DISTANCE`] from every series colour, so an event never reads as data.

/// An sRGB colour, kept free of egui so the chart model stays pure.
pub type Rgb = [u8; 3];

/// Series colours in the order series are assigned them.
pub const SERIES: [Rgb; 7] = [
    [0, 114, 178],   // blue
    [213, 94, 0],    // vermillion
    [0, 158, 115],   // bluish green
    [204, 121, 167], // reddish purple
    [230, 159, 0],   // orange
    // Okabe–Ito's sky blue and yellow fold into blue and vermillion for the green-blind
    // (CIEDE2000 1.3 between vermillion and dark yellow): these two keep every pair apart.
    [119, 85, 102],  // mauve
    [153, 153, 255], // periwinkle
];

/// The least CIEDE2000 distance between any two series colours, for typical vision and under
/// each simulated colour blindness.
pub const MIN_DISTANCE: f64 = 10.0;

/// Opacity of casualty bars' fill.
pub const BAR_ALPHA: u8 = 200;

/// Backgrounds the chart is drawn on: egui's light and dark panel fills.
pub const BACKGROUNDS: [Rgb; 2] = [[248, 248, 248], [27, 27, 27]];

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

/// Colour for the `index`-th series.
pub fn series(index: usize) -> Rgb {
    SERIES[index % SERIES.len()]
}

/// Colour for the `index`-th event category.
pub fn category(index: usize) -> Rgb {
    CATEGORIES[index % CATEGORIES.len()]
}

/// `color` darkened (on a light `background`) or lightened (on a dark one) just enough for
/// text: at least 4.5:1 contrast (WCAG AA), keeping its hue.
pub fn text_tint(color: Rgb, background: Rgb) -> Rgb {
    use super::vision::{contrast, luminance, over};
    let toward = if luminance(background) > 0.18 {
        [0, 0, 0]
    } else {
        [255, 255, 255]
    };
    (0..=64u16)
        .map(|step| {
            over(
                toward,
                u8::try_from(step * 255 / 64).unwrap_or(u8::MAX),
                color,
            )
        })
        .find(|&tint| contrast(tint, background) >= 4.5)
        .unwrap_or(toward)
}

#[cfg(test)]
mod tests {
    use super::super::vision::{Deficiency, contrast, distance, luminance, over};
    use super::*;

    #[test]
    fn every_pair_of_series_colours_stays_apart_for_colour_blind_readers() {
        let visions = std::iter::once(None).chain(Deficiency::ALL.map(Some));
        for vision in visions {
            for (i, a) in SERIES.iter().enumerate() {
                for b in &SERIES[i + 1..] {
                    let d = distance(*a, *b, vision);
                    assert!(
                        d >= MIN_DISTANCE,
                        "{a:?} and {b:?} are {d:.1} apart under {vision:?}, under {MIN_DISTANCE}"
                    );
                }
            }
        }
    }

    #[test]
    fn event_marks_never_look_like_a_series() {
        for dark in [false, true] {
            for event in event_colors(dark) {
                for line in SERIES {
                    let d = distance(event, line, None);
                    assert!(
                        d >= MIN_DISTANCE,
                        "event {event:?} is {d:.1} from series {line:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn text_tints_are_readable_on_both_backgrounds() {
        for background in BACKGROUNDS {
            for color in SERIES.iter().chain(&CATEGORIES) {
                let tint = text_tint(*color, background);
                let ratio = contrast(tint, background);
                assert!(ratio >= 4.5, "{color:?} on {background:?}: {ratio:.2}");
                if contrast(*color, background) >= 4.5 {
                    assert_eq!(tint, *color, "a readable colour is kept");
                }
            }
        }
        // Tints stay as far apart as the colours they come from allow.
        for background in BACKGROUNDS {
            let tints: Vec<Rgb> = SERIES.iter().map(|c| text_tint(*c, background)).collect();
            for (i, a) in tints.iter().enumerate() {
                for b in &tints[i + 1..] {
                    assert!(
                        distance(*a, *b, None) >= 5.0,
                        "{a:?} {b:?} on {background:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn bars_stand_out_from_the_background_in_greyscale() {
        for background in BACKGROUNDS {
            for color in SERIES {
                let fill = over(color, BAR_ALPHA, background);
                let ratio = contrast(fill, background);
                assert!(ratio >= 1.8, "{color:?} on {background:?}: {ratio:.2}");
            }
        }
        // Printed in grey, the first series' bars and the next one's differ in lightness.
        let greys: Vec<f64> = SERIES
            .iter()
            .map(|c| luminance(over(*c, BAR_ALPHA, BACKGROUNDS[0])))
            .collect();
        assert!(
            greys.windows(2).all(|w| (w[0] - w[1]).abs() > 0.02),
            "{greys:?}"
        );
    }
}
