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

/// Event category colours, kept apart from the first series colours so events never look like data.
pub const CATEGORIES: [Rgb; 6] = [
    [120, 120, 120], // grey
    [204, 121, 167], // reddish purple
    [0, 158, 115],   // bluish green
    [213, 94, 0],    // vermillion
    [86, 180, 233],  // sky blue
    [160, 140, 0],   // dark yellow
];

/// Colour for the `index`-th series.
pub fn series(index: usize) -> Rgb {
    SERIES[index % SERIES.len()]
}

/// Colour for the `index`-th event category.
pub fn category(index: usize) -> Rgb {
    CATEGORIES[index % CATEGORIES.len()]
}
