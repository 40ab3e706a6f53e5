//! Tooltip content: the description of what is hovered, laid out as a small card.

use egui::{PopupAnchor, Response, RichText, Tooltip, Ui};

use crate::chart::describe::Description;

/// Shows the description next to the pointer at once: a chart is read by moving the mouse,
/// so the usual tooltip delay would only get in the way.
pub fn at_pointer(response: &Response, description: &Description) {
    Tooltip::always_open(
        response.ctx.clone(),
        response.layer_id,
        response.id,
        PopupAnchor::Pointer,
    )
    .gap(14.0)
    .show(|ui| show(ui, description));
}

/// Shows a heading and its lines; long details wrap at a readable width.
fn show(ui: &mut Ui, description: &Description) {
    ui.set_max_width(340.0);
    ui.label(RichText::new(&description.heading).strong());
    for line in &description.lines {
        if line.is_empty() {
            ui.separator();
        } else {
            ui.label(line);
        }
    }
}
