//! The keyboard help window (`?` or F1, or Help in the toolbar): every key the window answers
//! to, in the order a keyboard user meets them.

use egui::{Context, Grid, RichText, Window};

/// Keys and what they do, grouped; shown in this order.
pub const KEYS: [(&str, &[(&str, &str)]); 3] = [
    (
        "Anywhere",
        &[
            (
                "Tab / Shift+Tab",
                "Next / previous control; the chart is one stop",
            ),
            ("F6", "Go straight to the chart (from anywhere)"),
            (
                "Enter or Space",
                "Press the focused button, toggle, preset or event",
            ),
            ("Ctrl+O", "Open a dataset or table"),
            ("Ctrl+S", "Export the chart"),
            ("Ctrl+Shift+C", "Copy the chart as an image"),
            ("Ctrl+B", "Show or hide the side panel"),
            ("Ctrl + / Ctrl −", "Make everything larger / smaller"),
            ("? or F1", "This help"),
        ],
    ),
    (
        "While the chart is not focused",
        &[
            ("← / →", "Pan back / forward in time"),
            ("+ / −", "Zoom in / out"),
            ("Home", "Show everything"),
        ],
    ),
    (
        "With the chart focused",
        &[
            ("→ / ←", "Next / previous point, bar or event of the series"),
            (
                "↑ / ↓",
                "The series above / below: troop lines, casualties, events",
            ),
            ("Home / End", "First / last one in view"),
            ("Enter", "Zoom to it"),
            ("Esc", "Leave the chart"),
        ],
    ),
];

/// Shows the help window while `open`; its close button clears `open`.
pub fn show(ctx: &Context, open: &mut bool) {
    Window::new("Keyboard")
        .open(open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            for (group, keys) in KEYS {
                ui.label(RichText::new(group).strong());
                Grid::new(("troopline-help", group))
                    .num_columns(2)
                    .spacing([16.0, 4.0])
                    .show(ui, |ui| {
                        for (key, what) in keys {
                            ui.label(RichText::new(*key).monospace());
                            ui.label(*what);
                            ui.end_row();
                        }
                    });
                ui.add_space(6.0);
            }
        });
}
