//! Exports from the window: the Export dialog (format, size, theme, parts), the CSV table,
//! and copying the chart or its figures to the clipboard. Charts are rendered offscreen from
//! the current view at the chosen size, never cut out of the screen, so the file is the same
//! picture `troopline export` makes of the same view.

use std::path::{Path, PathBuf};

use egui::{Context, RichText, Ui};
use serde::{Deserialize, Serialize};

use crate::chart::ChartModel;
use crate::dataset::Dataset;
use crate::export::naming::{self, ExportKind};
use crate::export::settings::{Format, SizePreset, check_size};

use super::chart_view::ExportLook;
use super::render::{self, RenderSettings};
use super::shared::Theme;
use super::status::Status;
use super::view_state::ViewState;

/// The choices of the Export dialog, remembered between exports and runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExportChoices {
    /// File format.
    pub format: Format,
    /// Named size, or custom.
    pub preset: SizePreset,
    /// Width and height in points for a custom size.
    pub custom: [u32; 2],
    /// Pixels per point of a PNG.
    pub scale: f32,
    /// Light or dark (System follows the window).
    pub theme: Theme,
    /// Which parts to include.
    pub look: ExportLook,
}

impl Default for ExportChoices {
    fn default() -> Self {
        Self {
            format: Format::Png,
            preset: SizePreset::Slide,
            custom: [1600, 900],
            scale: 2.0,
            theme: Theme::Light,
            look: ExportLook::default(),
        }
    }
}

impl ExportChoices {
    /// Width and height in points.
    pub fn size(&self) -> [u32; 2] {
        self.preset.size().unwrap_or(self.custom)
    }
}

/// Where exports go and whether a save dialog can be shown.
pub struct Exporter {
    /// Folder for files when no save dialog is available (Pictures for images, Documents for
    /// tables, unless set).
    pub folder: Option<PathBuf>,
    /// Whether to use the system's save dialog (needs a desktop portal).
    pub dialogs: bool,
    /// The dialog is open.
    pub dialog_open: bool,
}

/// What the dialog asked for this frame.
pub enum DialogOutcome {
    /// Nothing yet.
    Pending,
    /// Export with the choices.
    Export,
    /// Closed without exporting.
    Cancelled,
}

impl Exporter {
    /// The exporter for a window; `dialogs` says whether a save dialog can be shown.
    pub fn new(dialogs: bool) -> Self {
        Self {
            folder: None,
            dialogs,
            dialog_open: false,
        }
    }

    /// A save dialog where one exists; otherwise a timestamped name in the default folder for
    /// `kind` (Pictures for images, Documents for tables), with a note saying where.
    /// `None` when the user cancelled the dialog.
    pub fn choose_path(
        &self,
        title: &str,
        (format_name, extension): (&str, &str),
        kind: ExportKind,
    ) -> Option<(PathBuf, &'static str)> {
        let now = chrono::Local::now().naive_local();
        let folder = self
            .folder
            .clone()
            .unwrap_or_else(|| naming::default_folder(kind));
        let suggested = naming::timestamped(&folder, title, now, extension);
        if !self.dialogs {
            let note = match kind {
                ExportKind::Image => " (no save dialog here, so it went to your Pictures folder)",
                ExportKind::Table => " (no save dialog here, so it went to your Documents folder)",
            };
            return Some((suggested, note));
        }
        let name = suggested
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        rfd::FileDialog::new()
            .set_directory(&folder)
            .set_file_name(name)
            .add_filter(format_name, &[extension])
            .save_file()
            .map(|path| (path, ""))
    }

    /// Saves the table `table` (shown as `dataset`) as a commented RON dataset to annotate: where
    /// the user says, or without a dialog beside the table under a name not yet taken.
    pub fn save_as_dataset(&self, dataset: &Dataset, table: &Path) -> Status {
        let folder = self.folder.clone().unwrap_or_else(|| {
            table
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map_or_else(|| PathBuf::from("."), Path::to_owned)
        });
        let stem = table.file_stem().map_or_else(
            || "dataset".to_owned(),
            |s| s.to_string_lossy().into_owned(),
        );
        let free = std::iter::once(format!("{stem}.ron"))
            .chain((2..).map(|n| format!("{stem}-{n}.ron")))
            .map(|name| folder.join(name))
            .find(|path| !path.exists())
            .unwrap_or_else(|| folder.join(format!("{stem}.ron")));
        let (path, note) = if self.dialogs {
            let name = free
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            match rfd::FileDialog::new()
                .set_directory(&folder)
                .set_file_name(name)
                .add_filter("troopline dataset", &["ron"])
                .save_file()
            {
                Some(path) => (path, ""),
                None => return Status::done("Save cancelled"),
            }
        } else {
            (free, " (no save dialog here, so it went beside the table)")
        };
        let name = table.file_name().map_or_else(
            || table.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        match crate::export::write_atomic(&path, |out| {
            crate::dataset::starter::write_imported(dataset, &name, out)
        }) {
            Ok(()) => Status::saved(&path, note),
            Err(error) => Status::Failed(format!("Save failed: {error}")),
        }
    }

    /// Saves every figure and event as a CSV table.
    pub fn export_csv(&self, dataset: &Dataset) -> Status {
        let Some((path, note)) =
            self.choose_path(&dataset.title, ("CSV table", "csv"), ExportKind::Table)
        else {
            return Status::done("Export cancelled");
        };
        match crate::export::csv::save_csv(dataset, &path) {
            Ok(()) => Status::saved(&path, note),
            Err(error) => Status::Failed(format!("Export failed: {error}")),
        }
    }

    /// Renders the chart of `view` with `choices` and saves it where the user says.
    pub fn export_chart(
        &self,
        ctx: &Context,
        (dataset, model): (&Dataset, &ChartModel),
        view: &ViewState,
        choices: &ExportChoices,
    ) -> Status {
        let [width, height] = choices.size();
        if let Err(error) = check_size(width, height, choices.scale, choices.format) {
            return Status::Failed(format!("Export failed: {error}"));
        }
        let Some((path, note)) = self.choose_path(
            &dataset.title,
            (choices.format.name(), choices.format.extension()),
            ExportKind::Image,
        ) else {
            return Status::done("Export cancelled");
        };
        let settings = settings(ctx, choices);
        match render::save_chart(dataset, model, view, &settings, choices.format, &path) {
            Ok(()) => Status::saved(&path, note),
            Err(error) => Status::Failed(format!("Export failed: {error}")),
        }
    }

    /// Copies the chart of `view`, at the dialog's size and theme, to the clipboard as an image.
    pub fn copy_chart(
        &self,
        ctx: &Context,
        (dataset, model): (&Dataset, &ChartModel),
        view: &ViewState,
        choices: &ExportChoices,
    ) -> Status {
        // At the dialog's scale, as the saved PNG is: a 2× chart pastes crisp.
        let settings = settings(ctx, choices);
        match render::chart_image(dataset, model, view, &settings) {
            Ok(image) => {
                let (width, height) = (image.width, image.height);
                ctx.copy_image(egui::ColorImage::from_rgba_unmultiplied(
                    [width as usize, height as usize],
                    &image.pixels,
                ));
                Status::done(format!(
                    "Copied the chart ({width} × {height} pixels) to the clipboard"
                ))
            }
            Err(error) => Status::Failed(format!("Could not copy the chart: {error}")),
        }
    }

    /// Shows the Export dialog while it is open.
    pub fn dialog(&mut self, ctx: &Context, choices: &mut ExportChoices) -> DialogOutcome {
        if !self.dialog_open {
            return DialogOutcome::Pending;
        }
        let mut outcome = DialogOutcome::Pending;
        let mut open = true;
        egui::Window::new("Export chart")
            .collapsible(false)
            .resizable(false)
            .open(&mut open)
            .show(ctx, |ui| outcome = dialog_contents(ui, choices));
        if !open {
            outcome = DialogOutcome::Cancelled;
        }
        if !matches!(outcome, DialogOutcome::Pending) {
            self.dialog_open = false;
        }
        outcome
    }
}

/// The render settings for `choices`; System follows the window's theme.
fn settings(ctx: &Context, choices: &ExportChoices) -> RenderSettings {
    let [width, height] = choices.size();
    #[allow(clippy::cast_precision_loss)] // sizes are at most 8000
    RenderSettings {
        width: width as f32,
        height: height as f32,
        scale: choices.scale,
        theme: choices.theme.resolved(Some(ctx.theme())),
        look: choices.look,
    }
}

fn dialog_contents(ui: &mut Ui, choices: &mut ExportChoices) -> DialogOutcome {
    egui::Grid::new("troopline-export-grid")
        .num_columns(2)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            ui.label("Format");
            ui.horizontal(|ui| {
                for format in Format::ALL {
                    ui.radio_value(
                        &mut choices.format,
                        format,
                        format.extension().to_uppercase(),
                    );
                }
            });
            ui.end_row();
            ui.label("Size");
            ui.vertical(|ui| {
                for preset in SizePreset::ALL {
                    ui.radio_value(&mut choices.preset, preset, preset.name());
                }
                if choices.preset == SizePreset::Custom {
                    ui.horizontal(|ui| {
                        ui.add(egui::DragValue::new(&mut choices.custom[0]).range(320..=8000));
                        ui.label("×");
                        ui.add(egui::DragValue::new(&mut choices.custom[1]).range(320..=8000));
                        ui.label("points");
                    });
                }
            });
            ui.end_row();
            if choices.format == Format::Png {
                ui.label("Scale");
                ui.horizontal(|ui| {
                    for scale in [1.0, 2.0, 3.0] {
                        ui.radio_value(&mut choices.scale, scale, format!("{scale}×"));
                    }
                });
                ui.end_row();
            }
            ui.label("Theme");
            ui.horizontal(|ui| {
                ui.radio_value(&mut choices.theme, Theme::Light, "Light");
                ui.radio_value(&mut choices.theme, Theme::Dark, "Dark");
                ui.radio_value(&mut choices.theme, Theme::System, "As the window");
            });
            ui.end_row();
            ui.label("Include");
            ui.vertical(|ui| {
                ui.checkbox(&mut choices.look.title, "Title and subtitle");
                ui.checkbox(&mut choices.look.summary, "Summary line (\"In view: …\")");
                ui.checkbox(&mut choices.look.footer, "Sources footer");
            });
            ui.end_row();
        });
    let [width, height] = choices.size();
    let problem = check_size(width, height, choices.scale, choices.format).err();
    if let Some(problem) = &problem {
        ui.colored_label(ui.visuals().error_fg_color, problem.to_string());
    } else {
        ui.label(
            RichText::new("The current view (range, series, events) at this size.")
                .small()
                .weak(),
        );
    }
    let mut outcome = DialogOutcome::Pending;
    ui.horizontal(|ui| {
        if ui
            .add_enabled(problem.is_none(), egui::Button::new("Save…"))
            .clicked()
        {
            outcome = DialogOutcome::Export;
        }
        if ui.button("Cancel").clicked() {
            outcome = DialogOutcome::Cancelled;
        }
    });
    outcome
}

/// Whether a desktop save dialog can be shown: rfd's portal backend needs a D-Bus session.
pub fn dialogs_available() -> bool {
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|v| !v.is_empty())
}
