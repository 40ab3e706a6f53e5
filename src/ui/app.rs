//! The window: one frame calls the named steps below, in order. Each concern lives in its own
//! module; this file only wires them together and carries out the user's [`Action`]s.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use egui::{Context, Ui};

use crate::chart::ChartModel;
use crate::chart::citations::Citations;
use crate::chart::format::thousands;
use crate::dataset::{self, Dataset};

use super::actions::Action;
use super::chart_view::{self, ChartFrame, Mode};
use super::data_panel::{self, TableState};
use super::document::{self, Document, Loaded, Opened, Origin};
use super::export_flow::{self, DialogOutcome, ExportChoices, Exporter};
use super::import_dialog::{self, ImportDialog};
use super::keys;
use super::panels::open_prompt::{self, Prompt};
use super::panels::problems::{self, Problems};
use super::panels::{controls, help, sources, toolbar};
use super::saved_state::{Persistence, SaveStateError, StateFile, WindowGeometry};
use super::shared::Theme;
use super::status::{self, Status};
use super::view_state::{SideView, ViewState};

/// Below this window width (points) the side panel starts folded.
const FOLD_SIDE_PANEL_BELOW: f32 = 1000.0;

/// The troopline application state.
pub struct TrooplineApp {
    dataset: Dataset,
    model: ChartModel,
    citations: Citations,
    origin: Origin,
    view: ViewState,
    export_choices: ExportChoices,
    status: Option<Status>,
    last_chart: ChartFrame,
    applied_theme: Option<Theme>,
    exporter: Exporter,
    document: Document,
    repaint: Arc<OnceLock<Context>>,
    problems: Option<Problems>,
    loaded_at: chrono::NaiveTime,
    /// Whether the fonts for the dataset's scripts still have to be set (on the next frame).
    fonts_pending: bool,
    open_prompt: Option<String>,
    table: TableState,
    title_sent: Option<String>,
    persistence: Option<Persistence>,
    help_open: bool,
    /// The import dialog, while a table is being opened.
    import: Option<ImportDialog>,
    /// Reading choices given on the command line, used for tables without remembered ones.
    given_options: Option<dataset::TableOptions>,
}

impl TrooplineApp {
    /// An app showing `dataset`, with a previously saved view (and that dataset's last range).
    pub fn new(dataset: Dataset, origin: Origin, mut view: ViewState) -> Self {
        let model = ChartModel::new(&dataset);
        let repaint: Arc<OnceLock<Context>> = Arc::new(OnceLock::new());
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
        view.restore_range(&origin.key());
        Self {
            citations: Citations::new(&dataset),
            document,
            repaint,
            problems: None,
            loaded_at: chrono::Local::now().time(),
            fonts_pending: true,
            open_prompt: None,
            table: TableState::default(),
            title_sent: None,
            persistence: None,
            help_open: false,
            import: None,
            given_options: None,
            dataset,
            model,
            origin,
            view,
            export_choices: ExportChoices::default(),
            status: None,
            last_chart: ChartFrame::default(),
            applied_theme: None,
            exporter: Exporter::new(export_flow::dialogs_available()),
        }
    }

    /// Shows the problems of `path`, which could not be opened at launch, over the data on
    /// screen (the built-in data), and watches it: it opens by itself once fixed. Started from a
    /// file manager, a broken file then still opens a window that says what is wrong.
    pub fn with_launch_problems(mut self, error: dataset::LoadError, path: PathBuf) -> Self {
        self.status = Some(Status::Failed(format!(
            "{} has {}; the chart shows {}",
            path.display(),
            error.count_text(),
            self.origin.describe()
        )));
        self.document.watch_only(path);
        self.problems = Some(Problems {
            error,
            reload: false,
            showing: self.origin.describe(),
            showing_since: self.loaded_at,
        });
        self
    }

    /// Reads tables with `options` (from the command line) when opening or reloading them.
    pub fn with_table_options(mut self, options: dataset::TableOptions) -> Self {
        if options != dataset::TableOptions::default() {
            self.given_options = Some(options.clone());
        }
        self.document.set_table_options(options);
        self
    }

    /// Remembers the view, window geometry and panel sizes in `file` from now on: every few
    /// seconds when they changed, and on exit. `window` is the geometry the window opened with.
    /// A SIGTERM or SIGHUP (logout, shutdown) saves it too before the process ends.
    pub fn remember_state_in(&mut self, file: StateFile, window: Option<WindowGeometry>) {
        let persistence = Persistence::new(file, window);
        persistence.save_on_signals();
        self.persistence = Some(persistence);
    }

    /// Starts with these Export dialog choices (as remembered from the last run).
    pub fn with_export_choices(mut self, choices: ExportChoices) -> Self {
        self.export_choices = choices;
        self
    }

    /// Saves the remembered state now, if a state file is set and the state changed.
    /// Returns whether it wrote.
    pub fn save_state(&mut self, ctx: &Context) -> Result<bool, SaveStateError> {
        let key = self.origin.key();
        match &mut self.persistence {
            Some(persistence) => persistence.save(ctx, (&self.view, &self.export_choices), &key),
            None => Ok(false),
        }
    }

    /// Draws the whole window into `ui`. Used by eframe and by the UI tests.
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        let _ = self.repaint.set(ctx.clone());
        self.apply_finished_loads();
        if std::mem::take(&mut self.fonts_pending) {
            // Installed faces for scripts egui's fonts lack (Arabic, Hebrew, CJK, ...).
            let fonts = super::script_fonts::fonts_for_dataset(&self.dataset);
            if let Some(warning) = super::script_fonts::missing_glyphs_warning(&fonts) {
                self.status = Some(Status::Failed(warning));
            }
            ctx.set_fonts(fonts.definitions);
        }
        self.apply_theme(&ctx);
        self.fold_side_panel_when_narrow(&ctx);
        // The import dialog is modal: the chart's keys wait until it closes.
        let mut actions = if self.import.is_some() {
            Vec::new()
        } else {
            keys::actions(&ctx)
        };
        actions.extend(self.dropped_files(&ctx));
        self.update_title(&ctx);
        actions.extend(self.top_and_bottom(ui));
        self.side_panels(ui);
        self.dialogs(&ctx);
        self.chart(ui);
        for action in actions {
            self.apply(&ctx, action);
        }
        self.autosave(&ctx);
    }

    /// A window opened narrower than [`FOLD_SIDE_PANEL_BELOW`] starts with the side panel folded
    /// (the toolbar's "Panel" button opens it), so the chart keeps its width.
    fn fold_side_panel_when_narrow(&mut self, ctx: &Context) {
        let checked = egui::Id::unique("troopline-side-panel-fold-checked");
        if ctx.data(|d| d.get_temp::<bool>(checked)).unwrap_or(false) {
            return;
        }
        ctx.data_mut(|d| d.insert_temp(checked, true));
        if ctx.content_rect().width() < FOLD_SIDE_PANEL_BELOW {
            self.view.controls_open = false;
        }
    }

    /// Carries out one user request.
    fn apply(&mut self, ctx: &Context, action: Action) {
        let all = chart_view::full_range(&self.model);
        match action {
            Action::ChooseFile => self.choose_file(),
            Action::Open(path) => self.open_file(path),
            Action::OpenBuiltin => self.open_builtin(),
            Action::ShowExport => self.exporter.dialog_open = true,
            Action::CopyChart => {
                self.status = Some(self.exporter.copy_chart(
                    ctx,
                    (&self.dataset, &self.model),
                    &self.view,
                    &self.export_choices,
                ));
            }
            Action::CopyAltText => {
                let text = super::render::alt_text(&self.dataset, &self.model, &self.view);
                let words = text.split_whitespace().count();
                ctx.copy_text(text);
                self.status = Some(Status::done(format!(
                    "Copied the alt text ({words} words) to the clipboard"
                )));
            }
            Action::CopyData => self.copy_data(ctx),
            Action::ExportCsv => self.status = Some(self.exporter.export_csv(&self.dataset)),
            Action::SaveAsDataset => {
                if let Some(table) = self.origin.table() {
                    self.status = Some(self.exporter.save_as_dataset(&self.dataset, table));
                }
            }
            Action::ImportSettings => {
                if let Some(table) = self.origin.table() {
                    let table = table.to_owned();
                    let options = self.reading_choices(&table);
                    self.import = Some(ImportDialog::new(table, options));
                }
            }
            Action::ToggleControls => self.view.controls_open = !self.view.controls_open,
            Action::ToggleSide(side) => {
                self.view.side_view = if self.view.side_view == side {
                    SideView::None
                } else {
                    side
                };
            }
            Action::ZoomIn => self.view.zoom(0.8, all),
            Action::ZoomOut => self.view.zoom(1.25, all),
            Action::Pan(fraction) => self.view.pan(fraction, all),
            Action::ShowAll => self.view.range = None,
            Action::ToggleHelp => self.help_open = !self.help_open,
            Action::FocusChart => {
                ctx.memory_mut(|m| m.request_focus(chart_view::focus::chart_id()));
            }
            Action::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
        }
    }

    /// Opens `path`: loads it in the background and watches it. The current data stays on
    /// screen until the new file has loaded, and stays if it is invalid.
    pub fn open_file(&mut self, path: PathBuf) {
        if !path.exists() {
            self.status = Some(Status::Failed(format!(
                "No such file: {} (check the path; the chart is unchanged)",
                path.display()
            )));
            return;
        }
        if !document::is_dataset_file(&path) {
            self.status = Some(Status::Failed(format!(
                "{} is not a file troopline can open: choose a .ron dataset or a table (.csv, .tsv, .xlsx, .xls, .ods)",
                path.display()
            )));
            return;
        }
        if dataset::table::is_table(&path) {
            let remembered = self.view.choices_for(&path).is_some() || self.given_options.is_some();
            if !remembered {
                self.status = Some(Status::Working(format!(
                    "Choose how to read {} in the import dialog",
                    path.display()
                )));
                self.import = Some(ImportDialog::new(path, dataset::TableOptions::default()));
                return;
            }
            let options = self.reading_choices(&path);
            self.document.set_table_options(options);
        }
        self.status = Some(Status::Working(format!("Opening {}…", path.display())));
        self.document.open(path);
    }

    /// How the table at `path` is read: as remembered for it, else as given on the command
    /// line, else guessed.
    fn reading_choices(&self, path: &std::path::Path) -> dataset::TableOptions {
        self.view
            .choices_for(path)
            .or(self.given_options.as_ref())
            .cloned()
            .unwrap_or_default()
    }

    /// Shows the built-in dataset again.
    pub fn open_builtin(&mut self) {
        self.document.close();
        self.problems = None;
        match dataset::builtin() {
            Ok(builtin) => {
                let model = ChartModel::new(&builtin);
                self.replace_dataset(builtin, model, Origin::Builtin);
                self.status = Some(Status::done(format!(
                    "Showing {}",
                    Origin::Builtin.describe()
                )));
            }
            Err(error) => self.status = Some(Status::Failed(error.to_string())),
        }
    }

    fn replace_dataset(&mut self, dataset: Dataset, model: ChartModel, origin: Origin) {
        if origin != self.origin {
            self.view.switch_dataset(&self.origin.key(), &origin.key());
        }
        self.citations = Citations::new(&dataset);
        self.table.dataset_replaced();
        self.model = model;
        self.dataset = dataset;
        self.origin = origin;
        self.loaded_at = chrono::Local::now().time();
        self.fonts_pending = true;
    }

    /// Applies a finished background load, if any. Returns whether one finished.
    fn apply_finished_loads(&mut self) -> bool {
        match self.document.poll() {
            Some(Loaded::Ok(opened, path)) => {
                let reloaded = self.origin == Origin::File(path.clone());
                let Opened { dataset, model } = *opened;
                self.replace_dataset(dataset, model, Origin::File(path.clone()));
                self.view.remember(path.clone());
                self.problems = None;
                let verb = if reloaded { "Reloaded" } else { "Opened" };
                self.status = Some(Status::done(format!("{verb} {}", path.display())));
                true
            }
            Some(Loaded::Failed(error, path)) => {
                let reload = self.origin == Origin::File(path.clone());
                if !reload && dataset::table::is_table(&path) && self.import.is_none() {
                    // A table that no longer reads as remembered: show how it reads now.
                    let options = self.reading_choices(&path);
                    self.import = Some(ImportDialog::new(path.clone(), options));
                }
                self.status = Some(Status::Failed(format!(
                    "{} has {}; the chart still shows {}",
                    path.display(),
                    error.count_text(),
                    self.origin.describe()
                )));
                self.problems = Some(Problems {
                    error,
                    reload,
                    showing: self.origin.describe(),
                    showing_since: self.loaded_at,
                });
                true
            }
            None => false,
        }
    }

    fn apply_theme(&mut self, ctx: &Context) {
        if self.applied_theme != Some(self.view.theme) {
            ctx.set_theme(self.view.theme.preference());
            self.applied_theme = Some(self.view.theme);
        }
    }

    fn update_title(&mut self, ctx: &Context) {
        let title = window_title(&self.dataset);
        if self.title_sent.as_ref() != Some(&title) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_sent = Some(title);
        }
    }

    /// The toolbar, the status line and the problems list.
    fn top_and_bottom(&mut self, ui: &mut Ui) -> Vec<Action> {
        let state = toolbar::ToolbarState {
            showing: self.origin.describe(),
            loading: self.document.is_loading(),
            table_open: self.origin.table().is_some(),
            view: &self.view,
        };
        let actions = egui::Panel::top("troopline-toolbar")
            .show(ui, |ui| toolbar::show(ui, &state))
            .inner;
        egui::Panel::bottom("troopline-status").show(ui, |ui| {
            status::show(ui, self.status.as_ref(), &self.dataset, &self.model);
        });
        if let Some(problems) = &self.problems {
            let copied = egui::Panel::bottom("troopline-problems")
                .resizable(true)
                .default_size(140.0)
                .show(ui, |ui| problems::show(ui, problems))
                .inner;
            if let Some(text) = copied {
                ui.ctx().copy_text(text.clone());
                self.status = Some(Status::done(format!("Copied: {text}")));
            }
        }
        actions
    }

    /// The panel beside the chart (data or sources) and the left controls panel.
    fn side_panels(&mut self, ui: &mut Ui) {
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
                    .show(ui, |ui| sources::show(ui, &self.dataset, &self.citations));
            }
        }
        if self.view.controls_open {
            // Never more than a third of the window (and at most 360 points), so long series
            // labels cannot squeeze the chart.
            let width = ui.ctx().content_rect().width();
            let widest = (width / 3.0).clamp(160.0, 360.0);
            egui::Panel::left("troopline-side")
                .resizable(true)
                .default_size(260.0_f32.min(widest))
                .size_range(140.0..=widest)
                .show(ui, |ui| {
                    controls::show(ui, &self.dataset, &self.model, &mut self.view);
                });
        }
    }

    /// The open-file prompt and the Export dialog, when open.
    fn dialogs(&mut self, ctx: &Context) {
        if self.help_open {
            help::show(ctx, &mut self.help_open);
        }
        if let Some(dialog) = &mut self.import {
            match dialog.show(ctx) {
                import_dialog::Outcome::Pending => {}
                import_dialog::Outcome::Cancelled => {
                    self.import = None;
                    self.status = Some(Status::done(format!(
                        "Import cancelled; still showing {}",
                        self.origin.describe()
                    )));
                }
                import_dialog::Outcome::Open(path, options) => {
                    let options = *options;
                    self.import = None;
                    self.view.remember_choices(path.clone(), options.clone());
                    self.document.set_table_options(options);
                    self.status = Some(Status::Working(format!("Opening {}…", path.display())));
                    self.document.open(path);
                }
            }
        }
        if let Some(text) = self.open_prompt.take() {
            match open_prompt::show(ctx, text) {
                Prompt::Open(text) => self.open_prompt = Some(text),
                Prompt::Chosen(path) => self.open_file(path),
                Prompt::Closed => {}
            }
        }
        match self.exporter.dialog(ctx, &mut self.export_choices) {
            DialogOutcome::Export => {
                self.status = Some(self.exporter.export_chart(
                    ctx,
                    (&self.dataset, &self.model),
                    &self.view,
                    &self.export_choices,
                ));
            }
            DialogOutcome::Cancelled | DialogOutcome::Pending => {}
        }
    }

    fn chart(&mut self, ui: &mut Ui) {
        egui::CentralPanel::default()
            .frame(egui::Frame::central_panel(ui.style()).inner_margin(4.0))
            .show(ui, |ui| {
                self.last_chart =
                    chart_view::show(ui, &self.dataset, &self.model, &mut self.view, Mode::Window);
            });
    }

    fn choose_file(&mut self) {
        if self.exporter.dialogs {
            if let Some(path) = rfd::FileDialog::new()
                .add_filter("Datasets and tables", &document::openable_extensions())
                .add_filter("troopline dataset", &["ron"])
                .add_filter("Tables", &dataset::table::TABLE_EXTENSIONS)
                .pick_file()
            {
                self.open_file(path);
            }
        } else {
            self.open_prompt = Some(String::new());
        }
    }

    fn copy_data(&mut self, ctx: &Context) {
        let range = chart_view::visible_range(&self.model, &self.view);
        let copied =
            crate::export::tsv::figures_in_view(&self.dataset, (range.from(), range.to()), &|id| {
                self.view.shows_series(id)
            });
        let message = if copied.rows < copied.in_view {
            format!(
                "Copied the first {} of {} figures in view to the clipboard, as a table",
                thousands(copied.rows as u64),
                thousands(copied.in_view as u64)
            )
        } else {
            format!(
                "Copied {} figures in view to the clipboard, as a table",
                thousands(copied.rows as u64)
            )
        };
        ctx.copy_text(copied.text);
        self.status = Some(Status::done(message));
    }

    /// Files dropped on the window, and the hint while they hover over it.
    fn dropped_files(&self, ctx: &Context) -> Vec<Action> {
        let dropped: Vec<Action> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .filter(|p| !p.as_os_str().is_empty())
                .take(1)
                .map(Action::Open)
                .collect()
        });
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
                "Drop a dataset file to open it",
                egui::FontId::proportional(24.0),
                egui::Color32::WHITE,
            );
        }
        dropped
    }

    fn autosave(&mut self, ctx: &Context) {
        let key = self.origin.key();
        if let Some(persistence) = &mut self.persistence
            && let Some(message) =
                persistence.autosave(ctx, (&self.view, &self.export_choices), &key)
        {
            self.status = Some(Status::Failed(message));
        }
    }
}

/// The test API: what the UI tests and benchmarks read and drive, besides [`TrooplineApp::show`].
impl TrooplineApp {
    /// The view (range, toggles, theme, panels).
    pub fn view(&self) -> &ViewState {
        &self.view
    }

    /// The view, to change it as a click or key would.
    pub fn view_mut(&mut self) -> &mut ViewState {
        &mut self.view
    }

    /// Where exports go when no save dialog is used, and whether to try the system dialog.
    pub fn set_export_target(&mut self, folder: Option<PathBuf>, dialogs: bool) {
        self.exporter.folder = folder;
        self.exporter.dialogs = dialogs;
    }

    /// The Export dialog's choices.
    pub fn export_choices_mut(&mut self) -> &mut ExportChoices {
        &mut self.export_choices
    }

    /// Carries out an action as the toolbar or a key would.
    pub fn perform(&mut self, ctx: &Context, action: Action) {
        self.apply(ctx, action);
    }

    /// Whether a file is being loaded in the background (the current data stays on screen).
    pub fn is_loading(&self) -> bool {
        self.document.is_loading()
    }

    /// Waits (up to `timeout`) for a background load to finish and applies it.
    pub fn wait_for_load(&mut self, timeout: std::time::Duration) {
        let start = std::time::Instant::now();
        while start.elapsed() < timeout {
            if self.apply_finished_loads() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
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

    /// The import dialog, while one is open.
    pub fn import_dialog(&self) -> Option<&ImportDialog> {
        self.import.as_ref()
    }

    /// The problems of the last failed load, if any.
    pub fn problems(&self) -> Option<&Problems> {
        self.problems.as_ref()
    }

    /// Where the shown dataset came from.
    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    /// The status line's message.
    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    /// The window title for the dataset shown.
    pub fn window_title(&self) -> String {
        window_title(&self.dataset)
    }
}

/// "troopline — <dataset title>": the one place the window title is made.
pub fn window_title(dataset: &Dataset) -> String {
    format!(
        "troopline — {}",
        crate::chart::labels::shorten(&dataset.title, 80)
    )
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
