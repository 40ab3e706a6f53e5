//! The import dialog: how a table is read, chosen while seeing it (like a spreadsheet's CSV
//! import or Datawrapper's "check & describe" step).
//!
//! Rules:
//! - Every control sets a field of [`TableOptions`], the type the command line's flags fill,
//!   and the dialog shows the command that reads the table the same way.
//! - What is shown is what the reader does: the first rows as read
//!   ([`crate::dataset::table::preview`]), each column's role as the reader guesses it unless
//!   the user chose one, and a preview of the chart and the problems from reading the whole
//!   table with the current choices. Nothing here interprets cells itself.
//! - Problems are named in spreadsheet terms (sheet, cell, row) and flags in their messages are
//!   translated to the control that does the same here.
//! - Reading runs on a thread for files over [`BACKGROUND_BYTES`], so the dialog never freezes;
//!   a result for choices that have changed since is dropped.
//! - Open is offered only when the table reads without problems; Escape or Cancel leave the
//!   window as it was.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};

use egui::{Context, RichText, Ui};

use crate::dataset::table::preview::{self, FirstRows};
use crate::dataset::table::{
    self, ColumnRole, DateOrder, Decimal, Detailed, FileKind, TableOptions, Thousands,
};
use crate::dataset::{LoadError, Location};

/// Files larger than this are read for the preview on a thread.
pub const BACKGROUND_BYTES: usize = 2 * 1024 * 1024;

/// Rows of the table shown as read.
const SHOWN_ROWS: usize = 8;

/// Entities listed at most (the search narrows the list).
const LISTED_ENTITIES: usize = 200;

/// Problems listed at most.
const LISTED_PROBLEMS: usize = 30;

/// What the dialog asks the window to do.
#[derive(Debug, PartialEq)]
pub enum Outcome {
    /// Still choosing.
    Pending,
    /// Closed without opening.
    Cancelled,
    /// Open the file with these choices.
    Open(PathBuf, Box<TableOptions>),
}

/// The table read with one set of choices.
struct Preview {
    options: TableOptions,
    rows: Result<FirstRows, String>,
    read: Result<Detailed, LoadError>,
}

/// The dialog's state for one file.
pub struct ImportDialog {
    path: PathBuf,
    bytes: Result<Arc<[u8]>, String>,
    kind: FileKind,
    /// The choices so far.
    pub options: TableOptions,
    title: String,
    entity_search: String,
    shown: Option<Preview>,
    pending: Option<(TableOptions, Receiver<Preview>)>,
}

impl ImportDialog {
    /// A dialog for the table at `path`, starting from `options` (remembered or given).
    pub fn new(path: PathBuf, options: TableOptions) -> Self {
        let bytes = read_bytes(&path);
        let kind = table::table_kind(&path, bytes.as_deref().unwrap_or_default());
        Self {
            title: options.title.clone().unwrap_or_default(),
            path,
            bytes,
            kind,
            options,
            entity_search: String::new(),
            shown: None,
            pending: None,
        }
    }

    /// The file being imported.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the preview shows the current choices (not still reading).
    pub fn is_current(&self) -> bool {
        self.pending.is_none()
            && self
                .shown
                .as_ref()
                .is_some_and(|shown| shown.options == self.options)
    }

    /// The dataset the current choices give, if the table reads without problems.
    pub fn previewed(&self) -> Option<&crate::dataset::Dataset> {
        let shown = self.shown.as_ref()?;
        shown.read.as_ref().ok().map(|read| &read.dataset)
    }

    /// Reads the table again if the choices changed since the last reading.
    fn refresh(&mut self, ctx: &Context) {
        if let Some((options, receiver)) = &self.pending {
            match receiver.try_recv() {
                Ok(preview) => {
                    let current = *options == self.options;
                    self.pending = None;
                    if current {
                        self.shown = Some(preview);
                    }
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => {
                    ctx.request_repaint_after(std::time::Duration::from_millis(50));
                    return;
                }
                Err(std::sync::mpsc::TryRecvError::Disconnected) => self.pending = None,
            }
        }
        if self.is_current() || self.pending.is_some() {
            return;
        }
        let Ok(bytes) = &self.bytes else {
            return;
        };
        let (bytes, path, kind, options) = (
            Arc::clone(bytes),
            self.path.clone(),
            self.kind,
            self.options.clone(),
        );
        if bytes.len() <= BACKGROUND_BYTES {
            self.shown = Some(read_preview(&bytes, &path, kind, options));
            return;
        }
        let (send, receive) = channel();
        let wake = ctx.clone();
        self.pending = Some((options.clone(), receive));
        std::thread::spawn(move || {
            // The dialog may be gone by now; then nobody waits for this.
            let _ = send.send(read_preview(&bytes, &path, kind, options));
            wake.request_repaint();
        });
    }

    /// Draws the dialog; returns what the user decided.
    pub fn show(&mut self, ctx: &Context) -> Outcome {
        self.refresh(ctx);
        let mut outcome = Outcome::Pending;
        let screen = ctx.content_rect();
        egui::Modal::new(egui::Id::unique("troopline-import")).show(ctx, |ui| {
            ui.set_width((screen.width() - 60.0).clamp(300.0, 1100.0));
            // The command line and the buttons stay in view below the scrolled part.
            let max_height = (screen.height() - 200.0).max(120.0);
            let ready = egui::ScrollArea::vertical()
                .id_salt("troopline-import-scroll")
                .max_height(max_height)
                .auto_shrink([false, true])
                .show(ui, |ui| self.contents(ui))
                .inner;
            ui.separator();
            if self.bytes.is_ok() {
                self.command_line(ui);
            }
            self.buttons(ui, &mut outcome, ready);
        });
        // Escape cancels (after closing an open list); a click beside the dialog does not:
        // it would throw away the choices made.
        let escape = !egui::Popup::is_any_open(ctx)
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape));
        if matches!(outcome, Outcome::Pending) && escape {
            outcome = Outcome::Cancelled;
        }
        outcome
    }

    /// Everything above the buttons; returns whether the table can be opened as chosen.
    fn contents(&mut self, ui: &mut Ui) -> bool {
        let name = self.path.file_name().map_or_else(
            || self.path.display().to_string(),
            |n| n.to_string_lossy().into(),
        );
        ui.heading(format!("Import {name}"));
        ui.label(
            RichText::new(
                "Check how troopline reads the table; change what it guessed wrong. The chart below shows the result.",
            )
            .weak(),
        );
        if let Err(message) = &self.bytes {
            ui.colored_label(ui.visuals().warn_fg_color, message.as_str());
            return false;
        }
        ui.separator();
        self.settings(ui);
        ui.separator();
        self.columns(ui);
        self.entities(ui);
        ui.separator();
        self.result(ui)
    }

    /// Sheet, header row, date order, number marks and title.
    fn settings(&mut self, ui: &mut Ui) {
        let before = (self.options.sheet.clone(), self.options.header_row);
        self.settings_grid(ui);
        if (self.options.sheet.clone(), self.options.header_row) != before {
            // Another sheet or header row has other columns: choices by column are dropped.
            self.options.clear_columns();
        }
    }

    fn settings_grid(&mut self, ui: &mut Ui) {
        let rows = self
            .shown
            .as_ref()
            .and_then(|s| s.rows.as_ref().ok())
            .cloned();
        egui::Grid::new("troopline-import-settings")
            .num_columns(2)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                if let Some(rows) = rows.as_ref().filter(|r| !r.sheets.is_empty()) {
                    let label = ui.label("Sheet");
                    let current = rows.sheet.clone().unwrap_or_default();
                    egui::ComboBox::from_id_salt("troopline-import-sheet")
                        .selected_text(&current)
                        .show_ui(ui, |ui| {
                            for sheet in &rows.sheets {
                                let chosen = *sheet == current;
                                if ui.selectable_label(chosen, sheet).clicked() && !chosen {
                                    self.options.sheet = Some(sheet.clone());
                                    // Another sheet has its own header row.
                                    self.options.header_row = None;
                                }
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    ui.end_row();
                }
                let label = ui.label("Header row");
                let guessed = rows
                    .as_ref()
                    .and_then(|r| preview::header_index(&r.rows, None).map(|i| r.rows[i].0));
                let text = |row: Option<usize>| match row {
                    None => match guessed {
                        Some(line) => format!("Automatic (row {line})"),
                        None => "Automatic".to_owned(),
                    },
                    Some(line) => format!("Row {line}"),
                };
                egui::ComboBox::from_id_salt("troopline-import-header")
                    .selected_text(text(self.options.header_row))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut self.options.header_row, None, text(None));
                        for (line, _) in rows.iter().flat_map(|r| &r.rows) {
                            ui.selectable_value(
                                &mut self.options.header_row,
                                Some(*line),
                                text(Some(*line)),
                            );
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();

                let label = ui.label("Dates like 03/04/2009");
                choice(
                    ui,
                    "troopline-import-dates",
                    label.id,
                    &mut self.options.dates,
                    &[
                        (None, "Automatic (from the dates that tell)"),
                        (Some(DateOrder::DayFirst), "Day first: 3 April 2009"),
                        (Some(DateOrder::MonthFirst), "Month first: 4 March 2009"),
                    ],
                );
                ui.end_row();

                let label = ui.label("Decimal mark");
                choice(
                    ui,
                    "troopline-import-decimal",
                    label.id,
                    &mut self.options.decimal,
                    &[
                        (None, "Automatic"),
                        (Some(Decimal::Point), "Point: 1.5"),
                        (Some(Decimal::Comma), "Comma: 1,5"),
                    ],
                );
                ui.end_row();

                let label = ui.label("Thousands separator");
                choice(
                    ui,
                    "troopline-import-thousands",
                    label.id,
                    &mut self.options.thousands,
                    &[
                        (None, "Automatic"),
                        (Some(Thousands::Comma), "Comma: 170,000"),
                        (Some(Thousands::Point), "Point: 170.000"),
                        (Some(Thousands::Space), "Space: 170 000"),
                        (Some(Thousands::Apostrophe), "Apostrophe: 170'000"),
                        (Some(Thousands::None), "None: 170000"),
                    ],
                );
                ui.end_row();

                let label = ui.label("Title");
                let hint = self
                    .previewed()
                    .map(|d| d.title.clone())
                    .unwrap_or_default();
                let edit = ui
                    .add(
                        egui::TextEdit::singleline(&mut self.title)
                            .hint_text(hint)
                            .desired_width(420.0),
                    )
                    .labelled_by(label.id);
                if edit.changed() {
                    let title = self.title.trim();
                    self.options.title = (!title.is_empty()).then(|| title.to_owned());
                }
                ui.end_row();
            });
    }

    /// The first rows as read, with a role picker and a series name above each column.
    fn columns(&mut self, ui: &mut Ui) {
        let Some(rows) = self
            .shown
            .as_ref()
            .and_then(|s| s.rows.as_ref().ok())
            .cloned()
        else {
            if let Some(Err(message)) = self.shown.as_ref().map(|s| &s.rows) {
                ui.colored_label(ui.visuals().warn_fg_color, message.as_str());
            } else {
                ui.label("Reading…");
            }
            return;
        };
        let header_at = preview::header_index(&rows.rows, self.options.header_row);
        let headers: Vec<String> = match header_at {
            Some(at) => (0..rows.columns)
                .map(|c| {
                    let text = rows.rows[at].1.get(c).map_or("", String::as_str).trim();
                    if text.is_empty() {
                        format!("Column {}", c + 1)
                    } else {
                        text.to_owned()
                    }
                })
                .collect(),
            None => Vec::new(),
        };
        let guessed = preview::guessed_roles(&headers);
        ui.label(RichText::new("Columns").strong());
        match (&guessed, header_at) {
            (_, None) => {
                ui.label("No header row found: choose the row that names the columns above.");
            }
            (None, Some(_)) => {
                ui.label(
                    "A tidy table (one figure per row, with a series column): its columns are read by their names.",
                );
            }
            (Some(_), Some(_)) => {
                ui.label(
                    RichText::new(
                        "Each column's role, as guessed (\"Automatic\") or as you set it, and the name of each series.",
                    )
                    .weak(),
                );
            }
        }
        egui::ScrollArea::horizontal()
            .id_salt("troopline-import-columns")
            .show(ui, |ui| {
                egui::Grid::new("troopline-import-grid")
                    .striped(true)
                    .spacing([10.0, 4.0])
                    .show(ui, |ui| {
                        ui.label("");
                        for c in 0..rows.columns {
                            ui.label(RichText::new(preview::column_letters(c)).weak());
                        }
                        ui.end_row();
                        if let (Some(guessed), Some(_)) = (&guessed, header_at) {
                            ui.label("Role");
                            for (c, header) in headers.iter().enumerate() {
                                let guess = guessed.get(c).copied().unwrap_or(ColumnRole::Ignore);
                                self.role_picker(ui, c, header, guess);
                            }
                            ui.end_row();
                            // A panel's series are named after its entities.
                            let roles: Vec<ColumnRole> = headers
                                .iter()
                                .zip(guessed)
                                .map(|(h, g)| self.options.role_of(h).unwrap_or(*g))
                                .collect();
                            let panel = roles.contains(&ColumnRole::Entity);
                            if !panel {
                                ui.label("Series name");
                                for (c, header) in headers.iter().enumerate() {
                                    let role = roles.get(c).copied().unwrap_or(ColumnRole::Ignore);
                                    if role.is_series() {
                                        self.name_field(ui, c, header);
                                    } else {
                                        ui.label("");
                                    }
                                }
                                ui.end_row();
                            }
                        }
                        for (at, (line, cells)) in rows.rows.iter().enumerate() {
                            ui.label(RichText::new(format!("Row {line}")).weak());
                            for c in 0..rows.columns {
                                let text = cells.get(c).map_or("", String::as_str);
                                let text = RichText::new(text.replace('\n', " "));
                                if Some(at) == header_at {
                                    ui.label(text.strong());
                                } else {
                                    ui.label(text);
                                }
                            }
                            ui.end_row();
                        }
                    });
            });
    }

    fn role_picker(&mut self, ui: &mut Ui, column: usize, header: &str, guess: ColumnRole) {
        let chosen = self.options.role_of(header);
        let selected = match chosen {
            Some(role) => role.name().to_owned(),
            None => format!("Automatic: {}", guess.name()),
        };
        let mut picked = None;
        let combo = egui::ComboBox::from_id_salt(("troopline-import-role", column))
            .selected_text(selected)
            .width(150.0)
            // Every role in view without scrolling the list.
            .height(400.0)
            .show_ui(ui, |ui| {
                if ui
                    .selectable_label(chosen.is_none(), format!("Automatic: {}", guess.name()))
                    .clicked()
                {
                    picked = Some(None);
                }
                for role in ColumnRole::CHOICES {
                    if ui
                        .selectable_label(chosen == Some(role), role.name())
                        .clicked()
                    {
                        picked = Some(Some(role));
                    }
                }
            });
        combo.response.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::ComboBox,
                true,
                format!(
                    "Role of column {} ({header})",
                    preview::column_letters(column)
                ),
            )
        });
        if let Some(role) = picked {
            self.options.set_role(header, role);
        }
    }

    fn name_field(&mut self, ui: &mut Ui, column: usize, header: &str) {
        let default = table::series_label(header).to_owned();
        let mut text = self
            .options
            .names
            .iter()
            .find(|(c, _)| c == header)
            .map(|(_, n)| n.clone())
            .unwrap_or_default();
        let edit = ui.add(
            egui::TextEdit::singleline(&mut text)
                .hint_text(default)
                .desired_width(150.0)
                .id_salt(("troopline-import-name", column)),
        );
        // The row's "Series name" and the column's header name the field for a screen reader.
        let name = format!(
            "Series name of column {} ({header})",
            preview::column_letters(column)
        );
        ui.ctx()
            .accesskit_node_builder(edit.id, |node| node.set_label(name));
        if edit.changed() {
            self.options.names.retain(|(c, _)| c != header);
            let name = text.trim();
            if !name.is_empty() {
                self.options
                    .names
                    .push((header.to_owned(), name.to_owned()));
            }
        }
    }

    /// A panel's entities: a searchable list to choose which to chart.
    fn entities(&mut self, ui: &mut Ui) {
        let Some(shown) = &self.shown else {
            return;
        };
        let entities = match &shown.read {
            Ok(read) if !read.entities.is_empty() => read.entities.clone(),
            _ => return,
        };
        let charted: Vec<String> = shown
            .read
            .as_ref()
            .map(|read| {
                entities
                    .iter()
                    .filter(|(name, _)| {
                        read.dataset
                            .deployments
                            .iter()
                            .map(|d| &d.label)
                            .chain(read.dataset.casualties.iter().map(|c| &c.label))
                            .any(|label| label == name || label.starts_with(&format!("{name} – ")))
                    })
                    .map(|(name, _)| name.clone())
                    .collect()
            })
            .unwrap_or_default();
        ui.separator();
        ui.label(RichText::new(format!("Entities ({} in the table)", entities.len())).strong());
        ui.horizontal(|ui| {
            let label = ui.label("Search");
            ui.add(egui::TextEdit::singleline(&mut self.entity_search).desired_width(200.0))
                .labelled_by(label.id);
            if ui
                .button("Use the suggestion")
                .on_hover_text(format!(
                    "Chart every entity when there are at most 12, else the {} with the highest peaks",
                    table::SUGGESTED_ENTITIES
                ))
                .clicked()
            {
                self.options.only.clear();
            }
            if self.options.only.is_empty() {
                ui.label(RichText::new("(charting the suggestion)").weak());
            }
        });
        let search = self.entity_search.trim().to_lowercase();
        egui::ScrollArea::vertical()
            .id_salt("troopline-import-entities")
            .max_height(160.0)
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    for (name, peak) in entities
                        .iter()
                        .filter(|(name, _)| {
                            search.is_empty() || name.to_lowercase().contains(&search)
                        })
                        .take(LISTED_ENTITIES)
                    {
                        let mut on = charted.contains(name);
                        let label = format!(
                            "{name} ({})",
                            crate::chart::format::thousands(u64::from(*peak))
                        );
                        if ui.checkbox(&mut on, label).changed() {
                            if self.options.only.is_empty() {
                                self.options.only = charted.clone();
                            }
                            if on {
                                self.options.only.push(name.clone());
                            } else {
                                self.options.only.retain(|n| n != name);
                            }
                        }
                    }
                });
            });
    }

    /// The chart the choices give, what was guessed, and the problems. Returns whether the
    /// table reads without problems.
    fn result(&self, ui: &mut Ui) -> bool {
        let Some(shown) = &self.shown else {
            ui.label("Reading…");
            return false;
        };
        if self.pending.is_some() {
            ui.label(RichText::new("Reading with the new choices…").weak());
        }
        match &shown.read {
            Ok(read) => {
                ui.label(RichText::new("Preview").strong());
                ui.label(summary(&read.dataset));
                for guess in &read.guesses {
                    ui.label(RichText::new(format!("Guessed: {}", in_dialog_terms(guess))).weak());
                }
                preview_plot(ui, &read.dataset);
                self.is_current()
            }
            Err(error) => {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    RichText::new(format!(
                        "The table cannot be charted as read: {}",
                        error.count_text()
                    ))
                    .strong(),
                );
                let workbook = self.kind == FileKind::Workbook;
                if let Ok(rows) = &shown.rows
                    && rows.sheets.len() > 1
                {
                    let others: Vec<String> = rows
                        .sheets
                        .iter()
                        .filter(|s| Some(*s) != rows.sheet.as_ref())
                        .map(|s| format!("\"{s}\""))
                        .collect();
                    ui.label(format!(
                        "This workbook has other sheets ({}): if the table is on one of them, pick it under Sheet above.",
                        others.join(", ")
                    ));
                }
                egui::ScrollArea::vertical()
                    .id_salt("troopline-import-problems")
                    .max_height(180.0)
                    .show(ui, |ui| {
                        for problem in error.problems.iter().take(LISTED_PROBLEMS) {
                            ui.label(in_dialog_terms(&place_first(problem, workbook)));
                        }
                        let more = error.count().saturating_sub(LISTED_PROBLEMS);
                        if more > 0 {
                            ui.label(RichText::new(format!("… and {more} more")).weak());
                        }
                    });
                false
            }
        }
    }

    fn command_line(&self, ui: &mut Ui) {
        let mut words = vec!["troopline".to_owned(), "import".to_owned()];
        words.push(table::shell_word(&self.path.display().to_string()));
        words.extend(self.options.command_line());
        words.push("--out".to_owned());
        words.push("dataset.ron".to_owned());
        let line = words.join(" ");
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("The same on the command line:").weak());
            ui.add(egui::Label::new(RichText::new(&line).monospace()).selectable(true));
            if ui.small_button("Copy").clicked() {
                ui.ctx().copy_text(line.clone());
            }
        });
    }

    fn buttons(&self, ui: &mut Ui, outcome: &mut Outcome, ready: bool) {
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let open = ui
                .add_enabled(ready, egui::Button::new(RichText::new("Open").strong()))
                .on_disabled_hover_text("Fix the problems above (or change the choices) first");
            if open.clicked() {
                *outcome = Outcome::Open(self.path.clone(), Box::new(self.options.clone()));
            }
            if ui.button("Cancel").clicked() {
                *outcome = Outcome::Cancelled;
            }
            ui.label(RichText::new("Enter opens, Escape cancels").weak());
        });
        // Enter is Open when nothing else takes it: a focused button, list or field has its
        // own use for Enter (Cancel focused and Enter pressed is a cancel).
        let enter = ui.ctx().input(|i| i.key_pressed(egui::Key::Enter));
        let focus_elsewhere = ui.ctx().memory(|m| m.focused()).is_some();
        if ready
            && enter
            && !focus_elsewhere
            && !egui::Popup::is_any_open(ui.ctx())
            && matches!(outcome, Outcome::Pending)
        {
            *outcome = Outcome::Open(self.path.clone(), Box::new(self.options.clone()));
        }
    }
}

/// A single-choice combo box over `choices`.
fn choice<T: PartialEq + Copy>(
    ui: &mut Ui,
    id: &str,
    label: egui::Id,
    value: &mut T,
    choices: &[(T, &str)],
) {
    let selected = choices
        .iter()
        .find(|(v, _)| v == value)
        .map_or("", |(_, text)| *text);
    egui::ComboBox::from_id_salt(id)
        .selected_text(selected)
        .width(260.0)
        .show_ui(ui, |ui| {
            for (v, text) in choices {
                ui.selectable_value(value, *v, *text);
            }
        })
        .response
        .labelled_by(label);
}

/// The file's bytes through the one reader every dataset uses: regular files only (a named
/// pipe would block the window), at most the size troopline loads.
fn read_bytes(path: &Path) -> Result<Arc<[u8]>, String> {
    crate::dataset::read_file(path, &path.display().to_string())
        .map(Arc::from)
        .map_err(|error| error.to_string())
}

fn read_preview(bytes: &[u8], path: &Path, kind: FileKind, options: TableOptions) -> Preview {
    let rows = preview::first_rows(bytes, kind, options.sheet.as_deref(), SHOWN_ROWS);
    let origin = path.display().to_string();
    // The sheet the rows come from is the one read: a workbook's chosen sheet is said.
    let mut read_options = options.clone();
    if let Ok(rows) = &rows
        && read_options.sheet.is_none()
    {
        read_options.sheet.clone_from(&rows.sheet);
    }
    let title = table::default_title(path, &options);
    let read = table::load_table_detailed(bytes, &origin, kind, &title, &read_options);
    Preview {
        options,
        rows,
        read,
    }
}

/// "3 troop series (Germany, Japan, …), 1 casualty series; 2001 to 2021".
fn summary(dataset: &crate::dataset::Dataset) -> String {
    let names = |labels: Vec<&str>| {
        let shown: Vec<&str> = labels.iter().copied().take(6).collect();
        let more = labels.len().saturating_sub(shown.len());
        if more > 0 {
            format!("{}, and {more} more", shown.join(", "))
        } else {
            shown.join(", ")
        }
    };
    let troops: Vec<&str> = dataset
        .deployments
        .iter()
        .map(|d| d.label.as_str())
        .collect();
    let casualties: Vec<&str> = dataset
        .casualties
        .iter()
        .map(|c| c.label.as_str())
        .collect();
    let mut text = format!(
        "{} troop-level series ({})",
        troops.len(),
        names(troops.clone())
    );
    if !casualties.is_empty() {
        text.push_str(&format!(
            "; {} casualty series ({})",
            casualties.len(),
            names(casualties.clone())
        ));
    }
    if let Some((from, to)) = dataset.date_range() {
        text.push_str(&format!("; {from} to {to}"));
    }
    format!("“{}”: {text}", dataset.title)
}

/// The troop lines of `dataset`, small, for the preview.
fn preview_plot(ui: &mut Ui, dataset: &crate::dataset::Dataset) {
    use egui_plot::{Legend, Line, Plot, PlotPoints};
    Plot::new("troopline-import-preview")
        .height(160.0)
        .legend(Legend::default())
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .allow_axis_zoom_drag(false)
        // A picture of the result, not a control: it takes no clicks (a list opened above it
        // must get them) and shows figures on hover only.
        .sense(egui::Sense::hover())
        .show_grid([false, true])
        // Troop levels from zero, as on the chart, so the preview never exaggerates a change.
        .include_y(0.0)
        .x_axis_formatter(|mark, _| {
            let Some(date) = crate::dataset::Date::from_x(mark.value) else {
                return String::new();
            };
            // Years on a long axis; months where marks are less than a year apart.
            if mark.step_size >= 300.0 {
                date.year().to_string()
            } else {
                date.naive().format("%b %Y").to_string()
            }
        })
        .y_axis_formatter(|mark, _| crate::chart::format::thousands(mark.value.max(0.0) as u64))
        .show(ui, |plot| {
            for deployment in &dataset.deployments {
                // An unknown figure breaks the line, as on the chart.
                for run in deployment.points.split(|p| p.troops.is_none()) {
                    let points: Vec<[f64; 2]> = run
                        .iter()
                        .filter_map(|p| Some([p.date.to_x(), f64::from(p.troops?)]))
                        .collect();
                    if !points.is_empty() {
                        plot.line(Line::new(deployment.label.clone(), PlotPoints::new(points)));
                    }
                }
            }
        });
}

/// A problem with its place first, as a spreadsheet user looks for it: `Sheet "Data", cell
/// B4: …` in a workbook, `Row 4, column B: …` in a text table.
fn place_first(problem: &crate::dataset::Problem, workbook: bool) -> String {
    let message = &problem.message;
    if let Some(at) = message.rfind(" (sheet ")
        && message.ends_with(')')
    {
        let place = &message[at + 2..message.len() - 1];
        let mut place = place.to_owned();
        if let Some(first) = place.get(..1) {
            place.replace_range(..1, &first.to_uppercase());
        }
        return format!("{place}: {}", &message[..at]);
    }
    match &problem.location {
        Location::Text { line, column } if !workbook => format!(
            "Row {line}, column {}: {message}",
            preview::column_letters(column.saturating_sub(1))
        ),
        Location::Text { line, .. } => format!("Row {line}: {message}"),
        Location::Item(item) => format!("{}: {message}", capitalised(item)),
        Location::File => message.clone(),
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Flags in a message, and the control that does the same in this dialog (longest first, so
/// `--dates` is not read as `--date`).
const FLAG_CONTROLS: [(&str, &str); 14] = [
    ("--casualties", "set the column's role to Casualties"),
    ("--header-row", "choose the Header row"),
    ("--thousands", "choose the Thousands separator"),
    ("--decimal", "choose the Decimal mark"),
    ("--entity", "set a column's role to Entity"),
    ("--values", "set the value columns' role to Troop level"),
    ("--troops", "set the column's role to Troop level"),
    ("--ignore", "set the column's role to Ignore"),
    ("--dates", "choose how Dates like 03/04/2009 read"),
    ("--sheet", "pick the Sheet"),
    ("--title", "type the Title"),
    ("--only", "tick the Entities to chart"),
    ("--date", "set the date column's role to Date"),
    ("--name", "type the Series name"),
];

/// `message`, with what to do in this dialog where it names a command-line flag.
pub fn in_dialog_terms(message: &str) -> String {
    match FLAG_CONTROLS.iter().find(|(flag, _)| {
        message.match_indices(flag).any(|(at, _)| {
            let next = message[at + flag.len()..].chars().next();
            !next.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-')
        })
    }) {
        Some((_, control)) => format!("{message} (here: {control})"),
        None => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::Problem;

    fn problem(location: Location, message: &str) -> Problem {
        Problem {
            location,
            message: message.to_owned(),
            excerpt: None,
        }
    }

    #[test]
    fn problems_name_their_place_as_a_spreadsheet_user_looks_for_it() {
        let cell = problem(
            Location::Text { line: 4, column: 2 },
            "\"lots\" is not a number (sheet \"Data\", cell B4)",
        );
        assert_eq!(
            place_first(&cell, true),
            "Sheet \"Data\", cell B4: \"lots\" is not a number"
        );
        let text = problem(
            Location::Text { line: 4, column: 2 },
            "\"lots\" is not a number",
        );
        assert_eq!(
            place_first(&text, false),
            "Row 4, column B: \"lots\" is not a number"
        );
        let row = problem(Location::Item("row 7".into()), "no date");
        assert_eq!(place_first(&row, false), "Row 7: no date");
        let file = problem(Location::File, "no header row");
        assert_eq!(place_first(&file, false), "no header row");
    }

    #[test]
    fn flags_in_messages_point_to_the_dialog_control() {
        assert_eq!(
            in_dialog_terms("03/04/2007 could be either; give --dates dmy or --dates mdy"),
            "03/04/2007 could be either; give --dates dmy or --dates mdy (here: choose how Dates like 03/04/2009 read)"
        );
        assert!(
            in_dialog_terms("--date \"x\": no such column")
                .ends_with("(here: set the date column's role to Date)")
        );
        assert_eq!(in_dialog_terms("no flags here"), "no flags here");
    }
}
