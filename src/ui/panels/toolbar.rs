//! The toolbar across the top: open, recent files, the dataset's name, exports, and the
//! panel switches. It only reports what was clicked, as [`Action`]s.

use std::path::PathBuf;

use egui::{RichText, Ui};

use super::super::actions::Action;
use super::super::keys;
use super::super::view_state::{SideView, ViewState};

/// Below this width (points) the toolbar folds its export and copy buttons into a menu.
const FOLD_BELOW: f32 = 900.0;

/// What the toolbar shows besides its buttons.
pub struct ToolbarState<'a> {
    /// Name of the dataset shown.
    pub showing: String,
    /// Whether a file is loading.
    pub loading: bool,
    /// Whether the file shown is a table (which can be saved as a dataset).
    pub table_open: bool,
    /// Recent files and which panels are open.
    pub view: &'a ViewState,
}

/// Draws the toolbar; returns what the user asked for.
pub fn show(ui: &mut Ui, state: &ToolbarState<'_>) -> Vec<Action> {
    let mut actions = Vec::new();
    let ctx = ui.ctx().clone();
    let hint = |action: &Action, text: &str| match keys::label(action, &ctx) {
        Some(keys) => format!("{text} ({keys})"),
        None => text.to_owned(),
    };
    // Below this width the export and copy buttons fold into a menu, so nothing overlaps.
    let narrow = ui.available_width() < FOLD_BELOW;
    ui.horizontal(|ui| {
        if ui
            .selectable_label(state.view.controls_open, "Panel")
            .on_hover_text(hint(&Action::ToggleControls, "Show or hide the side panel"))
            .clicked()
        {
            actions.push(Action::ToggleControls);
        }
        if !narrow {
            ui.label(RichText::new("troopline").strong());
            ui.separator();
        }
        if ui
            .button("Open…")
            .on_hover_text(hint(
                &Action::ChooseFile,
                "Open a dataset (.ron) or a table (CSV, TSV, XLSX, ODS); you can also drop a file on the window",
            ))
            .clicked()
        {
            actions.push(Action::ChooseFile);
        }
        ui.menu_button("Recent", |ui| {
            if ui.button(crate::dataset::builtin_name()).clicked() {
                actions.push(Action::OpenBuiltin);
                ui.close();
            }
            for path in &state.view.recent_files {
                if ui.button(path.display().to_string()).clicked() {
                    actions.push(Action::Open(PathBuf::from(path)));
                    ui.close();
                }
            }
        });
        ui.add(egui::Label::new(RichText::new(&state.showing).weak()).truncate());
        if state.loading {
            ui.spinner();
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let buttons = [
                (
                    Action::ShowExport,
                    "Export…",
                    "Save the chart as PNG, SVG or PDF",
                ),
                (
                    Action::CopyChart,
                    "Copy chart",
                    "Copy the chart as an image",
                ),
                (
                    Action::CopyAltText,
                    "Copy alt text",
                    "Copy a short description of the chart as shown, for an image's alt text",
                ),
                (
                    Action::CopyData,
                    "Copy data",
                    "Copy the figures in view as a table to paste into a spreadsheet",
                ),
                (
                    Action::ExportCsv,
                    "Export CSV…",
                    "Save every figure and event as one CSV table",
                ),
            ];
            let add_buttons = |ui: &mut Ui| {
                if state.table_open
                    && ui
                        .button("Import settings…")
                        .on_hover_text(
                            "Change how this table is read: sheet, header row, dates, number marks, each column's role",
                        )
                        .clicked()
                {
                    actions.push(Action::ImportSettings);
                    if narrow {
                        ui.close();
                    }
                }
                if state.table_open
                    && ui
                        .button("Save as dataset…")
                        .on_hover_text(
                            "Save this table as a commented RON dataset, ready for sources, notes and events",
                        )
                        .clicked()
                {
                    actions.push(Action::SaveAsDataset);
                    if narrow {
                        ui.close();
                    }
                }
                for (action, label, text) in buttons {
                    if ui
                        .button(label)
                        .on_hover_text(hint(&action, text))
                        .clicked()
                    {
                        actions.push(action);
                        if narrow {
                            ui.close();
                        }
                    }
                }
            };
            if narrow {
                ui.menu_button("Export & copy", |ui| {
                    ui.with_layout(egui::Layout::top_down(egui::Align::Min), add_buttons);
                })
                .response
                .on_hover_text("Export, copy and save");
            } else {
                add_buttons(ui);
            }
            ui.separator();
            for (side, label, text) in [
                (
                    SideView::Sources,
                    "Sources",
                    "Every source, its link, and what cites it",
                ),
                (
                    SideView::Data,
                    "Data",
                    "The figures behind the chart, as tables",
                ),
            ] {
                if ui
                    .selectable_label(state.view.side_view == side, label)
                    .on_hover_text(text)
                    .clicked()
                {
                    actions.push(Action::ToggleSide(side));
                }
            }
            ui.separator();
            if ui
                .button("Keys")
                .on_hover_text("Every keyboard shortcut (? or F1)")
                .clicked()
            {
                actions.push(Action::ToggleHelp);
            }
        });
    });
    actions
}
