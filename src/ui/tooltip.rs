//! Tooltip content: the description of what is hovered, laid out as a small card.

use egui::{PopupAnchor, Response, RichText, Tooltip, Ui};

use crate::chart::describe::Description;

/// Widest a tooltip gets; on small windows it takes at most a third of the width, so it never
/// hides most of the chart.
const MAX_WIDTH: f32 = 340.0;

/// Shows the description next to the pointer at once: a chart is read by moving the mouse,
/// so the usual tooltip delay would only get in the way.
pub fn at_pointer(ui: &Ui, response: &Response, description: &Description) {
    let width = (ui.ctx().content_rect().width() / 3.0).clamp(200.0, MAX_WIDTH);
    Tooltip::always_open(
        response.ctx.clone(),
        response.layer_id,
        response.id,
        PopupAnchor::Pointer,
    )
    .gap(14.0)
    .show(|ui| show(ui, description, width));
}

/// The card inside a hover popup of a widget (legend entries, titles).
pub fn card(ui: &mut Ui, description: &Description) {
    show(ui, description, MAX_WIDTH);
}

/// Shows a heading and its lines; long details wrap at a readable width.
fn show(ui: &mut Ui, description: &Description, width: f32) {
    ui.set_max_width(width);
    ui.label(RichText::new(&description.heading).strong());
    for line in &description.lines {
        if line.is_empty() {
            ui.separator();
        } else {
            ui.label(line);
        }
    }
}
