//! The window: side panel, chart, status bar, keyboard, export and persistence.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock, mpsc};

use egui::{Key, RichText, Ui};

use crate::chart::ChartModel;
use crate::dataset::{self, BUILTIN_NAME, Dataset, LoadError};
use crate::export::{self, Rgba, naming};

use super::chart_view::{self, ChartFrame, full_range};
use super::data_panel::{self, TableState};
use super::document::{Document, Loaded, Opened};
use super::saved_state::{STATE_VERSION, SaveStateError, SavedState, StateFile, WindowGeometry};
use super::side_panel;
use super::sources_panel;
use super::view_state::{SideView, ThemeChoice, ViewState};

/// How often (seconds) the remembered state is compared with the file and saved if it changed.
const AUTOSAVE_SECONDS: f64 = 5.0;

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
    document: Document,
    repaint: Arc<OnceLock<egui::Context>>,
    problems: Option<Problems>,
    loaded_at: chrono::NaiveTime,
    open_prompt: Option<String>,
    table: TableState,
    title_sent: Option<String>,
    remembered: Option<Remembered>,
}

/// Where the state is remembered between runs, and what the window looked like.
struct Remembered {
    file: StateFile,
    window: Option<WindowGeometry>,
    next_save: f64,
    /// Whether the user did anything since the last save (an idle window does not wake up).
    touched: bool,
    last_error: Option<String>,
}

impl Remembered {
    /// Writes `view`, the window geometry and egui's memory, if they changed.
    fn save(&mut self, ctx: &egui::Context, view: &ViewState) -> Result<bool, SaveStateError> {
        self.window = window_geometry(ctx, self.window);
        let state = SavedState {
            version: STATE_VERSION,
            view: view.clone(),
            window: self.window,
            egui_memory: ctx.memory(ron::to_string).ok(),
        };
        self.file.save(&state)
    }
}

/// A reload that failed: what is wrong, and since when the shown data is from.
pub struct Problems {
    /// Every problem found.
    pub error: LoadError,
    /// When the data on screen was loaded.
    pub showing_since: chrono::NaiveTime,
}

impl TrooplineApp {
    /// An app showing `dataset`, with a previously saved view if any.
    pub fn new(dataset: Dataset, origin: Origin, view: ViewState) -> Self {
        let model = ChartModel::new(&dataset);
        let repaint: Arc<OnceLock<egui::Context>> = Arc::new(OnceLock::new());
        let wake_target = Arc::clone(&repaint);
        let wake = Arc::new(move || {
            if let Some(ctx) = wake_target.get() {
                ctx.request_repaint();
            }
        });
        let mut document = Document::new(wake);
        if let Origin::File(path) = &origin {
            // Watch the file the app was started on; its first version is already loaded.
            document.watch_only(path.clone());
        }
        Self {
            document,
            repaint,
            problems: None,
            loaded_at: chrono::Local::now().time(),
            open_prompt: None,
            table: TableState::default(),
            title_sent: None,
            remembered: None,
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

    /// Remembers the view, window geometry and panel sizes in `file` from now on: every few
    /// seconds when they changed, and on exit. `window` is the geometry the window opened with.
    pub fn remember_state_in(&mut self, file: StateFile, window: Option<WindowGeometry>) {
        self.remembered = Some(Remembered {
            file,
            window,
            next_save: AUTOSAVE_SECONDS,
            touched: false,
            last_error: None,
        });
    }

    /// Saves the remembered state now, if a state file is set and the state changed.
    /// Returns whether it wrote.
    pub fn save_state(&mut self, ctx: &egui::Context) -> Result<bool, SaveStateError> {
        match &mut self.remembered {
            Some(remembered) => remembered.save(ctx, &self.view),
            None => Ok(false),
        }
    }

    /// Saves the state every few seconds after the user did something; runs after the frame's
    /// UI so that what was just clicked is included.
    fn autosave(&mut self, ctx: &egui::Context) {
        let Some(remembered) = &mut self.remembered else {
            return;
        };
        let (now, input) = ctx.input(|i| (i.time, !i.events.is_empty()));
        // Resizing or moving the window sends no input event, so compare the geometry.
        remembered.touched |= input || window_geometry(ctx, remembered.window) != remembered.window;
        if !remembered.touched {
            return;
        }
        if now < remembered.next_save {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(
                remembered.next_save - now,
            ));
            return;
        }
        remembered.next_save = now + AUTOSAVE_SECONDS;
        remembered.touched = false;
        match remembered.save(ctx, &self.view) {
            Ok(_) => remembered.last_error = None,
            Err(error) => {
                let message = format!("Could not remember the view for next time: {error}");
                // Say it once, not every few seconds.
                if remembered.last_error.as_ref() != Some(&message) {
                    remembered.last_error = Some(message.clone());
                    self.status = Some(Status::Failed(message));
                }
            }
        }
    }

    /// Whether a file is being loaded in the background (the current data stays on screen).
    pub fn is_loading(&self) -> bool {
        self.document.is_loading()
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

    /// The problems of the last failed load, if the shown data is an older version.
    pub fn problems(&self) -> Option<&Problems> {
        self.problems.as_ref()
    }

    /// Where the shown dataset came from.
    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    /// Opens `path`: loads it in the background and watches it. The current data stays on
    /// screen until the new file has loaded, and stays if it is invalid.
    pub fn open_file(&mut self, path: PathBuf) {
        self.status = Some(Status::Done {
            message: format!("Loading {}…", path.display()),
            folder: None,
        });
        self.document.open(path);
    }

    /// Shows the built-in dataset again.
    pub fn open_builtin(&mut self) {
        self.document.close();
        self.problems = None;
        match dataset::builtin() {
            Ok(builtin) => {
                let model = ChartModel::new(&builtin);
                self.replace_dataset(builtin, model, Origin::Builtin);
            }
            Err(error) => self.status = Some(Status::Failed(error.to_string())),
        }
    }

    /// Waits (up to `timeout`) for a background load to finish and applies it: for tests and scripts.
    pub fn wait_for_load(&mut self, timeout: std::time::Duration) {
        let start = std::time::Instant::now();
        while start.elapsed() < timeout {
            if self.apply_loads() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }

    fn replace_dataset(&mut self, dataset: Dataset, model: ChartModel, origin: Origin) {
        if origin != self.origin {
            // A different dataset: start from its whole range, with nothing highlighted.
            self.view.x_range = None;
            self.view.highlighted_event = None;
            self.view.marked = None;
        }
        self.model = model;
        self.dataset = dataset;
        self.origin = origin;
        self.loaded_at = chrono::Local::now().time();
    }

    /// Applies a finished load, if any. Returns whether one finished.
    fn apply_loads(&mut self) -> bool {
        match self.document.poll() {
            Some(Loaded::Ok(opened, path)) => {
                let reloaded = self.origin == Origin::File(path.clone());
                let Opened { dataset, model } = *opened;
                self.replace_dataset(dataset, model, Origin::File(path.clone()));
                self.view.remember(path.clone());
                self.problems = None;
                let verb = if reloaded { "Reloaded" } else { "Opened" };
                self.status = Some(Status::Done {
                    message: format!("{verb} {}", path.display()),
                    folder: None,
                });
                true
            }
            Some(Loaded::Failed(error, path)) => {
                self.status = Some(Status::Failed(format!(
                    "{} has {}; still showing the last valid data",
                    path.display(),
                    error.count_text()
                )));
                self.problems = Some(Problems {
                    error,
                    showing_since: self.loaded_at,
                });
                true
            }
            None => false,
        }
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
        let _ = self.repaint.set(ui.ctx().clone());
        self.apply_loads();
        self.apply_theme(ui.ctx());
        self.handle_keys(ui.ctx());
        self.handle_drops(ui.ctx());
        self.receive_screenshot(ui.ctx());
        let title = self.window_title();
        if self.title_sent.as_ref() != Some(&title) {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_sent = Some(title);
        }

        egui::Panel::top("troopline-toolbar").show(ui, |ui| self.toolbar(ui));
        egui::Panel::bottom("troopline-status").show(ui, |ui| self.status_bar(ui));
        if self.problems.is_some() {
            egui::Panel::bottom("troopline-problems")
                .resizable(true)
                .default_size(140.0)
                .show(ui, |ui| self.problems_panel(ui));
        }
        match self.view.side_view {
            SideView::None => {}
            SideView::Data => {
                let chart_hover = self.last_chart.hovered;
                let hovered_row = egui::Panel::right("troopline-data")
                    .resizable(true)
                    .default_size(420.0)
                    .show(ui, |ui| {
                        data_panel::show(ui, &self.dataset, &mut self.table, chart_hover)
                    });
                self.view.marked = hovered_row.inner;
            }
            SideView::Sources => {
                egui::Panel::right("troopline-sources")
                    .resizable(true)
                    .default_size(420.0)
                    .show(ui, |ui| {
                        sources_panel::show(ui, &self.dataset);
                    });
            }
        }
        if let Some(prompt) = self.open_prompt.take() {
            self.open_prompt = self.open_prompt_window(ui.ctx(), prompt);
        }
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
        self.autosave(ui.ctx());
    }

    fn toolbar(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            ui.label(RichText::new("troopline").strong());
            ui.separator();
            if ui
                .button("Open…")
                .on_hover_text(
                    "Open a dataset file (Ctrl+O); you can also drop a .ron file on the window",
                )
                .clicked()
            {
                self.ask_for_file();
            }
            ui.menu_button("Recent", |ui| {
                if ui.button(BUILTIN_NAME).clicked() {
                    self.open_builtin();
                    ui.close();
                }
                let recent = self.view.recent_files.clone();
                for path in recent {
                    if ui.button(path.display().to_string()).clicked() {
                        self.open_file(path);
                        ui.close();
                    }
                }
            });
            ui.label(RichText::new(self.origin.describe()).weak());
            if self.document.is_loading() {
                ui.spinner();
                ui.label(RichText::new("loading…").weak());
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .button("Export PNG…")
                    .on_hover_text("Save the chart as a PNG image (Ctrl+S)")
                    .clicked()
                {
                    self.start_export();
                }
                if ui
                    .button("Export CSV…")
                    .on_hover_text("Save every figure and event as one CSV table")
                    .clicked()
                {
                    self.status = Some(self.export_csv());
                }
                ui.separator();
                for (view, label, hint) in [
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
                    let selected = self.view.side_view == view;
                    if ui
                        .selectable_label(selected, label)
                        .on_hover_text(hint)
                        .clicked()
                    {
                        // Clicking the open tab again closes the panel.
                        self.view.side_view = if selected { SideView::None } else { view };
                    }
                }
            });
        });
    }

    fn ask_for_file(&mut self) {
        if self.use_dialogs {
            if let Some(path) = rfd::FileDialog::new()
                .add_filter("troopline dataset", &["ron"])
                .pick_file()
            {
                self.open_file(path);
            }
        } else {
            self.open_prompt = Some(String::new());
        }
    }

    /// The typed-path fallback when no file dialog is available. Returns the prompt to keep open.
    fn open_prompt_window(&mut self, ctx: &egui::Context, mut text: String) -> Option<String> {
        let mut keep = true;
        let mut open = None;
        egui::Window::new("Open dataset")
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                ui.label("No file dialog is available here. Type the path of a .ron dataset:");
                let edit = ui.add(
                    egui::TextEdit::singleline(&mut text)
                        .hint_text("/path/to/dataset.ron")
                        .desired_width(360.0),
                );
                if !edit.has_focus() && text.is_empty() {
                    edit.request_focus();
                }
                let entered = edit.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                ui.horizontal(|ui| {
                    if ui.button("Open").clicked() || entered {
                        open = Some(PathBuf::from(text.trim()));
                    }
                    if ui.button("Cancel").clicked() {
                        keep = false;
                    }
                });
            });
        if let Some(path) = open.filter(|p| !p.as_os_str().is_empty()) {
            self.open_file(path);
            return None;
        }
        keep.then_some(text)
    }

    fn handle_drops(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            self.open_file(path);
        }
        if ctx.input(|i| !i.raw.hovered_files.is_empty()) {
            let painter = ctx.layer_painter(egui::LayerId::new(
                egui::Order::Foreground,
                egui::Id::unique("troopline-drop"),
            ));
            let rect = ctx.content_rect();
            painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(160));
            painter.text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                "Drop a .ron dataset to open it",
                egui::FontId::proportional(24.0),
                egui::Color32::WHITE,
            );
        }
    }

    fn problems_panel(&mut self, ui: &mut Ui) {
        let Some(problems) = &self.problems else {
            return;
        };
        let origin = problems.error.origin.clone();
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                RichText::new(format!(
                    "{origin} has {}: showing the last valid version from {}",
                    problems.error.count_text(),
                    problems.showing_since.format("%H:%M:%S")
                ))
                .strong(),
            );
            ui.label(
                RichText::new(
                    "Fix the file and save: it reloads by itself. Click a problem to copy it.",
                )
                .small()
                .weak(),
            );
        });
        let mut copied = None;
        egui::ScrollArea::vertical()
            .id_salt("troopline-problem-list")
            .auto_shrink([false, true])
            .show(ui, |ui| {
                for problem in &problems.error.problems {
                    let headline = problem.headline(&origin);
                    let response = ui.add(
                        egui::Label::new(RichText::new(&headline).monospace())
                            .sense(egui::Sense::click()),
                    );
                    let response = match &problem.excerpt {
                        Some(excerpt) => response.on_hover_text(RichText::new(excerpt).monospace()),
                        None => response,
                    };
                    if response.clicked() {
                        copied = Some(headline);
                    }
                }
            });
        if let Some(text) = copied {
            ui.ctx().copy_text(text.clone());
            self.status = Some(Status::Done {
                message: format!("Copied: {text}"),
                folder: None,
            });
        }
    }

    fn export_csv(&self) -> Status {
        let now = chrono::Local::now().naive_local();
        let folder = self
            .export_folder
            .clone()
            .unwrap_or_else(naming::default_folder);
        let suggested = naming::timestamped(&folder, &self.dataset.title, now, "csv");
        let (path, note) = match self.choose_save_path(&folder, &suggested, "CSV table", "csv") {
            Some(chosen) => chosen,
            None => {
                return Status::Done {
                    message: "Export cancelled".into(),
                    folder: None,
                };
            }
        };
        match export::csv::save_csv(&self.dataset, &path) {
            Ok(()) => Status::Done {
                message: format!("Saved {}{note}", path.display()),
                folder: path.parent().map(PathBuf::from),
            },
            Err(error) => Status::Failed(format!("Export failed: {error}")),
        }
    }

    /// A save dialog where one exists; otherwise `suggested`, with a note saying so.
    fn choose_save_path(
        &self,
        folder: &Path,
        suggested: &Path,
        kind: &str,
        extension: &str,
    ) -> Option<(PathBuf, &'static str)> {
        if !self.use_dialogs {
            return Some((
                suggested.to_owned(),
                " (no save dialog available, saved to the default folder)",
            ));
        }
        let name = suggested
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        rfd::FileDialog::new()
            .set_directory(folder)
            .set_file_name(name)
            .add_filter(kind, &[extension])
            .save_file()
            .map(|path| (path, ""))
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
        let mut want_open = false;
        ctx.input_mut(|input| {
            want_open = input.consume_key(egui::Modifiers::COMMAND, Key::O);
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
        // Outside the input lock: a native dialog blocks until it closes.
        if want_open {
            self.ask_for_file();
        }
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
        let folder = self
            .export_folder
            .clone()
            .unwrap_or_else(naming::default_folder);
        let suggested = naming::timestamped(&folder, &self.dataset.title, now, "png");
        let Some((path, note)) = self.choose_save_path(&folder, &suggested, "PNG image", "png")
        else {
            return Status::Done {
                message: "Export cancelled".into(),
                folder: None,
            };
        };
        match export::save_png(image, &path) {
            Ok(()) => Status::Done {
                message: format!(
                    "Saved {}{note}; also copied to the clipboard",
                    path.display()
                ),
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

    fn on_exit(&mut self) {
        let Some(ctx) = self.repaint.get().cloned() else {
            return;
        };
        if let Err(error) = self.save_state(&ctx) {
            eprintln!("troopline: could not remember the view for next time: {error}");
        }
    }
}

/// The window's size and place now; while maximised or full screen, the normal size from before.
fn window_geometry(
    ctx: &egui::Context,
    previous: Option<WindowGeometry>,
) -> Option<WindowGeometry> {
    ctx.input(|i| {
        let viewport = i.viewport();
        let maximized = viewport.maximized.unwrap_or(false);
        if maximized || viewport.fullscreen.unwrap_or(false) {
            return previous.map(|g| WindowGeometry { maximized, ..g });
        }
        let Some(inner) = viewport.inner_rect else {
            return previous;
        };
        Some(WindowGeometry {
            size: [inner.width(), inner.height()],
            position: viewport.outer_rect.map(|r| [r.min.x, r.min.y]),
            maximized: false,
        })
    })
}
