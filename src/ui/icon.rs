//! The app icon, drawn in code: a rising and falling troop line over a bar, in the chart colours.

use crate::chart::palette;

/// Side length of the icon in pixels.
pub const SIZE: u32 = 64;

/// RGBA pixels of the icon.
pub fn pixels() -> Vec<u8> {
    let size = SIZE as usize;
    let mut rgba = vec![0u8; size * size * 4];
    let mut put = |x: usize, y: usize, color: [u8; 3]| {
        if x < size && y < size {
            let i = (y * size + x) * 4;
            rgba[i..i + 4].copy_from_slice(&[color[0], color[1], color[2], 255]);
        }
    };
    // Rounded light background.
    for y in 0..size {
        for x in 0..size {
            let corner = |c: usize| c.min(size - 1 - c);
            if corner(x) + corner(y) > 6 {
                put(x, y, [245, 245, 240]);
            }
        }
    }
    // Casualty bars along the bottom.
    for (i, height) in [6usize, 10, 14, 9, 5, 3].iter().enumerate() {
        for y in (size - 6 - height)..(size - 6) {
            for x in (8 + i * 8)..(14 + i * 8) {
                put(x, y, palette::series(2));
            }
        }
    }
    // The troop line: up to a peak, then down, drawn three pixels thick.
    let knots = [
        (6.0, 40.0),
        (20.0, 22.0),
        (30.0, 10.0),
        (40.0, 30.0),
        (50.0, 44.0),
        (58.0, 42.0),
    ];
    for pair in knots.windows(2) {
        let ((x0, y0), (x1, y1)): ((f32, f32), (f32, f32)) = (pair[0], pair[1]);
        for step in 0..=60 {
            let t = step as f32 / 60.0;
            let (x, y) = (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t);
            for dy in -1..=1 {
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                // inside the icon
                put(
                    x.round() as usize,
                    (y.round() as i32 + dy) as usize,
                    palette::series(0),
                );
            }
        }
    }
    rgba
}
