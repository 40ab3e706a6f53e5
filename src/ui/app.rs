//! The window: side panel, chart, status bar, keyboard, export and persistence.

use std::path::PathBuf;
use std::sync::{Arc, mpsc};

use egui::{Key, RichText, Ui};

use crate::chart::ChartModel;
use crate::dataset::{BUILTIN_NAME, Dataset};
use crate::export::{self, Rgba, naming};

use super::chart_view::{self, ChartFrame, full_range};
use super::side_panel;
use super::view_state::{ThemeChoice, ViewState};

/// Key under which the view state is persisted by eframe.
pub const STORAGE_KEY: &str = "troopline-view";

/// Where the shown dataset came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The embedded Iraq dataset.
    Builtin,
    /// A file the user opened.
    File(PathBuf),
}

impl Origin {
    /// How to name it in the UI.
    pub fn describe(&self) -> String {
        match self {
            Origin::Builtin => BUILTIN_NAME.to_owned(),
            Origin::File(path) => path.display().to_string(),
        }
    }
}

/// A message in the status bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// Something worked; optionally with a folder to open.
    Done {
        /// What happened.
        message: String,
        /// Folder to offer with "Open folder".
        folder: Option<PathBuf>,
    },
    /// Something failed.
    Failed(String),
}

/// Progress of a PNG export from the window.
enum Capture {
    /// Nothing in progress.
    Idle,
    /// Draw one frame without hover overlays, then take the screenshot.
    HideOverlays,
    /// Screenshot requested; waiting for the pixels.
    Waiting(mpsc::Receiver<Arc<egui::ColorImage>>),
}

/// The troopline application state.
pub struct TrooplineApp {
    dataset: Dataset,
    model: ChartModel,
    origin: Origin,
    /// What the user has chosen to see.
    pub view: ViewState,
    status: Option<Status>,
    last_chart: ChartFrame,
    capture: Capture,
    applied_theme: Option<ThemeChoice>,
    /// Where exports go when no save dialog is available (tests point this at a temp dir).
    pub export_folder: Option<PathBuf>,
    /// Whether to try the system save dialog (off in tests and when no portal is reachable).
    pub use_dialogs: bool,
}

impl TrooplineApp {
    /// An app showing `dataset`, with a previously saved view if any.
    pub fn new(dataset: Dataset, origin: Origin, view: ViewState) -> Self {
        let model = ChartModel::new(&dataset);
        Self {
            dataset,
            model,
            origin,
            view,
            status: None,
            last_chart: ChartFrame::default(),
            capture: Capture::Idle,
            applied_theme: None,
            export_folder: None,
            use_dialogs: dialogs_available(),
        }
    }

    /// The dataset shown.
    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    /// The plot model of the dataset shown.
    pub fn model(&self) -> &ChartModel {
        &self.model
    }

    /// What the chart reported on the last frame (positions, transforms, hover).
    pub fn last_chart(&self) -> &ChartFrame {
        &self.last_chart
    }

    /// The status bar message.
    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    /// Window title for the dataset shown.
    pub fn window_title(&self) -> String {
        format!("troopline — {}", self.dataset.title)
    }

    /// Starts a PNG export of the chart region (as the button and Ctrl+S do).
    pub fn start_export(&mut self) {
        if matches!(self.capture, Capture::Idle) {
            self.capture = Capture::HideOverlays;
        }
    }

    /// Draws the whole window into `ui`. Used by eframe and by the UI tests.
    pub fn show(&mut self, ui: &mut Ui) {
        self.apply_theme(ui.ctx());
        self.handle_keys(ui.ctx());
        self.receive_screenshot(ui.ctx());

        egui::Panel::top("troopline-toolbar").show(ui, |ui| self.toolbar(ui));
        egui::Panel::bottom("troopline-status").show(ui, |ui| self.status_bar(ui));
        egui::Panel::left("troopline-side")
            .resizable(true)
            .default_size(280.0)
            .show(ui, |ui| {
                side_panel::show(ui, &self.dataset, &self.model, &mut self.view);
            });
        let interactive = matches!(self.capture, Capture::Idle);
        egui::CentralPanel::default().show(ui, |ui| {
            let frame =
                chart_view::show(ui, &self.dataset, &self.model, &mut self.view, interactive);
            if frame.troops_transform.is_some_and(|t| {
                t.frame()
                    .contains(ui.ctx().pointer_latest_pos().unwrap_or_default())
            }) && ui.input(|i| {
                i.pointer
                    .button_double_clicked(egui::PointerButton::Primary)
            }) {
                let [from, to] = full_range(&self.model);
                self.view.request_range(from, to);
            }
            self.last_chart = frame;
        });

        if matches!(self.capture, Capture::HideOverlays) {
            let (sender, receiver) = mpsc::channel();
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Screenshot(
                    egui::ScreenshotCallback::new(move |image| {
                        let _ = sender.send(image);
                    }),
                ));
            self.capture = Capture::Waiting(receiver);
        }
    }

    fn toolbar(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            ui.label(RichText::new("troopline").strong());
            ui.separator();
            ui.label(RichText::new(self.origin.describe()).weak());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .button("Export PNG…")
                    .on_hover_text("Save the chart as a PNG image (Ctrl+S)")
                    .clicked()
                {
                    self.start_export();
                }
            });
        });
    }

    fn status_bar(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| match &self.status {
            None => {
                let count = self.dataset.value_count();
                ui.label(
                    RichText::new(format!(
                        "{} series · {count} figures · {} events · {} sources",
                        self.model.lines.len() + self.model.bars.len(),
                        self.dataset.events.len(),
                        self.dataset.sources.len()
                    ))
                    .weak(),
                );
            }
            Some(Status::Done { message, folder }) => {
                ui.label(message);
                if let Some(folder) = folder
                    && ui.button("Open folder").clicked()
                {
                    ui.ctx().open_url(egui::OpenUrl::new_tab(format!(
                        "file://{}",
                        folder.display()
                    )));
                }
            }
            Some(Status::Failed(message)) => {
                ui.colored_label(ui.visuals().error_fg_color, message);
            }
        });
    }

    fn apply_theme(&mut self, ctx: &egui::Context) {
        if self.applied_theme != Some(self.view.theme) {
            ctx.set_theme(match self.view.theme {
                ThemeChoice::System => egui::ThemePreference::System,
                ThemeChoice::Light => egui::ThemePreference::Light,
                ThemeChoice::Dark => egui::ThemePreference::Dark,
            });
            self.applied_theme = Some(self.view.theme);
        }
    }

    fn handle_keys(&mut self, ctx: &egui::Context) {
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        let full = {
            let [from, to] = full_range(&self.model);
            (from, to)
        };
        ctx.input_mut(|input| {
            if input.consume_key(egui::Modifiers::COMMAND, Key::S) {
                self.capture = match std::mem::replace(&mut self.capture, Capture::Idle) {
                    Capture::Idle => Capture::HideOverlays,
                    busy => busy,
                };
            }
            if input.key_pressed(Key::ArrowLeft) {
                self.view.pan(-0.1, full);
            }
            if input.key_pressed(Key::ArrowRight) {
                self.view.pan(0.1, full);
            }
            if input.key_pressed(Key::Plus) || input.key_pressed(Key::Equals) {
                self.view.zoom(0.8, full);
            }
            if input.key_pressed(Key::Minus) {
                self.view.zoom(1.25, full);
            }
            if input.key_pressed(Key::Home) {
                self.view.request_range(full.0, full.1);
            }
        });
    }

    fn receive_screenshot(&mut self, ctx: &egui::Context) {
        let Capture::Waiting(receiver) = &self.capture else {
            return;
        };
        match receiver.try_recv() {
            Ok(image) => {
                self.capture = Capture::Idle;
                let cropped = crop(&image, self.last_chart.rect, ctx.pixels_per_point());
                self.status = Some(self.save_export(&cropped));
                ctx.copy_image(egui::ColorImage::new(
                    [cropped.width as usize, cropped.height as usize],
                    cropped
                        .pixels
                        .chunks_exact(4)
                        .map(|p| egui::Color32::from_rgba_unmultiplied(p[0], p[1], p[2], p[3]))
                        .collect(),
                ));
            }
            Err(mpsc::TryRecvError::Empty) => ctx.request_repaint(),
            Err(mpsc::TryRecvError::Disconnected) => {
                self.capture = Capture::Idle;
                self.status = Some(Status::Failed(
                    "Export failed: the window could not be captured".into(),
                ));
            }
        }
    }

    fn save_export(&self, image: &Rgba) -> Status {
        let now = chrono::Local::now().naive_local();
        let fallback_folder = self
            .export_folder
            .clone()
            .unwrap_or_else(naming::default_folder);
        let suggested = naming::timestamped(&fallback_folder, &self.dataset.title, now, "png");
        let (path, note) = if self.use_dialogs {
            let name = suggested
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            match rfd::FileDialog::new()
                .set_directory(&fallback_folder)
                .set_file_name(name)
                .add_filter("PNG image", &["png"])
                .save_file()
            {
                Some(path) => (path, ""),
                None => {
                    return Status::Done {
                        message: "Export cancelled".into(),
                        folder: None,
                    };
                }
            }
        } else {
            (
                suggested,
                " (no save dialog available, saved to the default folder; also copied to the clipboard)",
            )
        };
        match export::save_png(image, &path) {
            Ok(()) => Status::Done {
                message: format!("Saved {}{note}", path.display()),
                folder: path.parent().map(PathBuf::from),
            },
            Err(error) => Status::Failed(format!("Export failed: {error}")),
        }
    }
}

/// Whether a desktop save dialog can be shown: rfd's portal backend needs a D-Bus session.
fn dialogs_available() -> bool {
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|v| !v.is_empty())
}

/// The part of a screenshot inside `rect` (in points), clamped to the image.
pub fn crop(image: &egui::ColorImage, rect: egui::Rect, pixels_per_point: f32) -> Rgba {
    let bounds = egui::Rect::from_min_size(
        egui::Pos2::ZERO,
        egui::vec2(image.size[0] as f32, image.size[1] as f32) / pixels_per_point,
    );
    let rect = rect.intersect(bounds);
    let region = if rect.is_positive() {
        image.region(&rect, Some(pixels_per_point))
    } else {
        image.clone()
    };
    #[allow(clippy::cast_possible_truncation)] // screen sizes
    Rgba {
        width: region.size[0] as u32,
        height: region.size[1] as u32,
        pixels: region
            .pixels
            .iter()
            .flat_map(|c| c.to_srgba_unmultiplied())
            .collect(),
    }
}

impl eframe::App for TrooplineApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, STORAGE_KEY, &self.view);
    }
}

/// Loads the persisted view, ignoring (with a log line) a copy this version cannot read.
pub fn restore_view(storage: Option<&dyn eframe::Storage>) -> ViewState {
    let Some(text) = storage.and_then(|s| s.get_string(STORAGE_KEY)) else {
        return ViewState::default();
    };
    match ron::from_str(&text) {
        Ok(view) => view,
        Err(error) => {
            eprintln!("troopline: ignoring saved view state ({error}); starting with defaults");
            ViewState::default()
        }
    }
}
