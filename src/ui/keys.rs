//! Keyboard shortcuts, mapped to [`Action`]s.

use egui::{Context, Key, KeyboardShortcut, Modifiers};

use super::actions::Action;

/// Shortcuts with modifiers, in the order they are checked.
const SHORTCUTS: [(KeyboardShortcut, Action); 5] = [
    (
        KeyboardShortcut::new(Modifiers::COMMAND, Key::O),
        Action::ChooseFile,
    ),
    (
        KeyboardShortcut::new(Modifiers::COMMAND, Key::S),
        Action::ShowExport,
    ),
    (
        KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::C),
        Action::CopyChart,
    ),
    (
        KeyboardShortcut::new(Modifiers::COMMAND, Key::B),
        Action::ToggleControls,
    ),
    (
        KeyboardShortcut::new(Modifiers::COMMAND, Key::Q),
        Action::Quit,
    ),
];

/// How the shortcuts read in tooltips, e.g. "Ctrl+S".
pub fn label(action: &Action, ctx: &Context) -> Option<String> {
    SHORTCUTS
        .iter()
        .find(|(_, a)| a == action)
        .map(|(shortcut, _)| ctx.format_shortcut(shortcut))
}

/// The actions asked for by keys this frame. Keys typed into a text field are left alone.
pub fn actions(ctx: &Context) -> Vec<Action> {
    let mut actions = Vec::new();
    let typing = ctx.egui_wants_keyboard_input();
    let text = ctx.text_edit_focused();
    ctx.input_mut(|input| {
        for (shortcut, action) in &SHORTCUTS {
            if input.consume_shortcut(shortcut) {
                actions.push(action.clone());
            }
        }
        // `?` is a character a text field may want; F1 never is.
        let help = input.key_pressed(Key::F1) || (input.key_pressed(Key::Questionmark) && !text);
        if help {
            actions.push(Action::ToggleHelp);
        }
        // F6 moves between a window's main parts in most desktop programs: here, to the chart.
        if input.key_pressed(Key::F6) {
            actions.push(Action::FocusChart);
        }
        if typing {
            return;
        }
        if input.modifiers.command {
            return;
        }
        if input.key_pressed(Key::ArrowLeft) {
            actions.push(Action::Pan(-0.1));
        }
        if input.key_pressed(Key::ArrowRight) {
            actions.push(Action::Pan(0.1));
        }
        // Some layouts send "=" for the "+" key: one press, one zoom.
        if input.key_pressed(Key::Plus) || input.key_pressed(Key::Equals) {
            actions.push(Action::ZoomIn);
        }
        if input.key_pressed(Key::Minus) {
            actions.push(Action::ZoomOut);
        }
        if input.key_pressed(Key::Home) {
            actions.push(Action::ShowAll);
        }
    });
    actions
}
