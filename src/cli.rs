//! The command line: `troopline [FILE]` opens the window; subcommands work without one.
//!
//! Exit status: 0 when everything worked, 1 when a dataset has problems or a file cannot be read
//! or written, 2 when the command line is wrong ([`EXIT_STATUS`]). Nothing here panics on any
//! input or output: printing goes through [`output`], so a closed pipe or a full disk ends a
//! command with a status, not a crash.

mod output;
mod tables;
mod usage;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::chart::format::thousands;
use crate::dataset::{self, Dataset, Date, LoadError};
use crate::export::Written;
use crate::export::settings::{Format, SizePreset, TextMode};
use crate::ui::view_state::BarChoice;
use crate::ui::{self, ExportLook, Origin, RenderSettings, Theme, ViewState};
pub use output::Failure;
use output::{say, warn};
pub use tables::{ImportArgs, NewArgs, TableArgs};
pub use usage::parse;

/// The exit statuses, shown under every `--help`.
pub const EXIT_STATUS: &str = "Exit status: 0 when everything worked; 1 when a dataset has problems or a file cannot be read or written; 2 when the command line is wrong (an unknown command or option, a value out of range, --to before --from, ...).";

/// Explore US troop deployments, casualties and events over time.
#[derive(Debug, Parser)]
#[command(
    name = "troopline",
    version,
    about,
    args_conflicts_with_subcommands = true,
    after_help = EXIT_STATUS
)]
pub struct Cli {
    /// Dataset (RON) or table (CSV, TSV, XLSX, XLS, ODS) to open in the window; the built-in
    /// dataset if omitted.
    pub file: Option<PathBuf>,
    /// How to read a table.
    #[command(flatten)]
    pub table: TableArgs,
    /// What to do instead of opening the window.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load and validate dataset files; print a summary of each, or its problems (the first
    /// 100 in full), and warnings about what a reader would question.
    #[command(after_help = EXIT_STATUS)]
    Check {
        /// Files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Treat warnings as errors (exit status 1).
        #[arg(long)]
        strict: bool,
        /// How to read tables.
        #[command(flatten)]
        table: TableArgs,
    },
    /// Render the chart to a PNG, SVG or PDF file without opening a window.
    #[command(after_help = EXIT_STATUS)]
    Export(ExportArgs),
    /// Print a short description of the chart as drawn (alt text): what it shows, the range,
    /// the peak and latest figures with dates, the largest casualty figures, how many events,
    /// the sources. The same text is the SVG's <desc> and the PDF's subject.
    #[command(after_help = EXIT_STATUS)]
    Describe(DescribeArgs),
    /// Generate a synthetic dataset in the real format (for load and performance tests).
    #[command(after_help = EXIT_STATUS)]
    Gen {
        /// Total troop-level points.
        #[arg(long, default_value_t = 100_000)]
        points: usize,
        /// Number of events.
        #[arg(long, default_value_t = 1_000)]
        events: usize,
        /// Number of deployment series.
        #[arg(long, default_value_t = 1)]
        series: usize,
        /// Seed; the same options and seed give the same file.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// File to write; files troopline would not load (over 256 MiB) are refused.
        #[arg(long, short)]
        out: PathBuf,
    },
    /// Write every figure and event as one tidy CSV table (a `series` column names the series).
    /// Text cells that a spreadsheet would run as a formula (starting with = + - @) get a
    /// leading apostrophe.
    #[command(after_help = EXIT_STATUS)]
    ExportCsv(ExportCsvArgs),
    /// Turn a table (CSV, TSV, XLSX, XLS, ODS) into a commented RON dataset to annotate.
    #[command(after_help = EXIT_STATUS)]
    Import(ImportArgs),
    /// Write a documented starter dataset (every field once, with a comment).
    #[command(after_help = EXIT_STATUS)]
    New(NewArgs),
}

/// Options of `troopline export-csv`.
#[derive(Debug, clap::Args)]
pub struct ExportCsvArgs {
    /// Dataset file (RON or a table); the built-in dataset if omitted.
    pub file: Option<PathBuf>,
    /// CSV file to write, or a folder to write `<dataset-title>.csv` into.
    #[arg(long, short)]
    pub out: PathBuf,
    /// First day of the rows written (YYYY-MM-DD): points from this day, periods and events
    /// that end on or after it.
    #[arg(long, value_parser = parse_date)]
    pub from: Option<Date>,
    /// Last day of the rows written (YYYY-MM-DD): points up to this day, periods and events
    /// that start on or before it.
    #[arg(long, value_parser = parse_date)]
    pub to: Option<Date>,
    /// Write only these series (by id); repeat for several. All series if omitted.
    #[arg(long = "series", value_name = "ID")]
    pub series: Vec<String>,
    /// How to read a table.
    #[command(flatten)]
    pub table: TableArgs,
}

/// Options of `troopline describe`: the chart's view, as `export` takes it.
#[derive(Debug, clap::Args)]
pub struct DescribeArgs {
    /// Dataset file; the built-in dataset if omitted.
    pub file: Option<PathBuf>,
    /// First day shown (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub from: Option<Date>,
    /// Last day shown (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub to: Option<Date>,
    /// Describe only these series (by id); repeat for several. All series if omitted.
    #[arg(long = "series", value_name = "ID")]
    pub series: Vec<String>,
    /// Describe the chart without events.
    #[arg(long)]
    pub no_events: bool,
    /// Leave out events of this category; repeat for several.
    #[arg(long = "hide-category", value_name = "CATEGORY")]
    pub hide_categories: Vec<String>,
    /// How to read a table.
    #[command(flatten)]
    pub table: TableArgs,
}

/// Options of `troopline export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Dataset file; the built-in dataset if omitted.
    pub file: Option<PathBuf>,
    /// File to write: `.png`, `.svg` or `.pdf` (a name without an extension gets a PNG).
    #[arg(long, short)]
    pub out: PathBuf,
    /// File format; by default the one --out's extension names.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// A named size, as the Export dialog offers them: web (1200×675), slide (1600×900),
    /// a4-landscape (842×595 points); instead of --width and --height.
    #[arg(long, value_enum, conflicts_with_all = ["width", "height"])]
    pub size: Option<SizePreset>,
    /// Width in points, 320 to 8000 (a point is 1/72 inch; a PNG has --scale pixels per point).
    #[arg(long, default_value_t = 1600, value_parser = clap::value_parser!(u32).range(320..=8000))]
    pub width: u32,
    /// Height in points, 320 to 8000.
    #[arg(long, default_value_t = 900, value_parser = clap::value_parser!(u32).range(320..=8000))]
    pub height: u32,
    /// Pixels per point of a PNG, 0.5 to 8; 2 gives crisp text. A PNG may be at most 16,384
    /// pixels on a side and 64 million pixels in all.
    #[arg(long, default_value_t = 2.0)]
    pub scale: f32,
    /// First day shown (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub from: Option<Date>,
    /// Last day shown (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub to: Option<Date>,
    /// Colour theme.
    #[arg(long, value_enum, default_value_t = Theme::Light)]
    pub theme: Theme,
    /// Show only these series (by id); repeat for several. All series if omitted.
    #[arg(long = "series", value_name = "ID")]
    pub series: Vec<String>,
    /// Leave events off the chart.
    #[arg(long)]
    pub no_events: bool,
    /// What casualty bars show: auto (a rate where periods differ in length, else counts),
    /// rate (per unit of time), per-period (each period's count) or cumulative (running totals).
    #[arg(long, value_enum, default_value_t = BarChoice::Auto)]
    pub bars: BarChoice,
    /// Leave out events of this category; repeat for several.
    #[arg(long = "hide-category", value_name = "CATEGORY")]
    pub hide_categories: Vec<String>,
    /// How an SVG holds its text: real (editable, in the embedded fonts) or outlines (glyphs as
    /// paths: the same in every program, but no longer text).
    #[arg(long, value_enum, default_value_t = TextMode::Real)]
    pub text: TextMode,
    /// Label these events first, whatever their importance: their numbers in the file, from 1,
    /// comma separated (e.g. 1,4,12). Other events are labelled where room is left.
    #[arg(long = "label-events", value_name = "N,...", value_delimiter = ',')]
    pub label_events: Vec<usize>,
    /// Label no events: each is a short tick along the top of the troop plot.
    #[arg(long, conflicts_with = "label_events")]
    pub no_event_labels: bool,
    /// Leave out the title and subtitle.
    #[arg(long)]
    pub no_title: bool,
    /// Leave out the "In view" summary line.
    #[arg(long)]
    pub no_summary: bool,
    /// Leave out the sources footer.
    #[arg(long)]
    pub no_footer: bool,
    /// How to read a table.
    #[command(flatten)]
    pub table: TableArgs,
}

impl ExportArgs {
    /// The format asked for: --format, else --out's extension, else PNG for a name without
    /// one. An extension troopline does not write is an error, not a silent PNG.
    pub fn format(&self) -> Result<Format, String> {
        if let Some(format) = self.format {
            return Ok(format);
        }
        match self.out.extension() {
            None => Ok(Format::Png),
            Some(_) => Format::from_path(&self.out).ok_or_else(|| {
                format!(
                    "cannot write {}: name the file .png, .svg or .pdf, or give --format",
                    self.out.display()
                )
            }),
        }
    }

    /// Which parts of the chart to include.
    pub fn look(&self) -> ExportLook {
        ExportLook {
            title: !self.no_title,
            summary: !self.no_summary,
            footer: !self.no_footer,
            vector: false,
        }
    }
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text)
}

/// The `troopline` program: parses `std::env::args_os()`, runs the command, and gives the exit
/// status.
pub fn main() -> ExitCode {
    match parse(std::env::args_os()) {
        Ok(cli) => run(cli),
        Err(error) => output::finish_clap(&error),
    }
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Some(Command::Check {
            files,
            strict,
            table,
        }) => output::finish("troopline check", check(&files, strict, &table)),
        Some(Command::Export(args)) => output::finish("troopline export", export(&args)),
        Some(Command::ExportCsv(args)) => output::finish("troopline export-csv", export_csv(&args)),
        Some(Command::Describe(args)) => output::finish("troopline describe", describe(&args)),
        Some(Command::Import(args)) => output::finish("troopline import", tables::import(&args)),
        Some(Command::New(args)) => output::finish("troopline new", tables::new_dataset(&args)),
        Some(Command::Gen {
            points,
            events,
            series,
            seed,
            out,
        }) => output::finish(
            "troopline gen",
            generate(
                crate::generate::Options {
                    points,
                    events,
                    series,
                    seed,
                },
                &out,
            ),
        ),
        None => output::finish("troopline", open_window(cli.file.as_deref(), &cli.table)),
    }
}

fn load(file: Option<&Path>, table: &TableArgs) -> Result<(Dataset, Origin), LoadError> {
    match file {
        Some(path) => Ok((
            dataset::load_path(path, &table.options())?,
            Origin::File(path.to_owned()),
        )),
        None => Ok((dataset::builtin()?, Origin::Builtin)),
    }
}

fn open_window(file: Option<&Path>, table: &TableArgs) -> Result<(), Failure> {
    // A table given without reading flags opens as from the window's Open: with the choices
    // remembered for it, else through the import dialog, over the built-in data.
    if let Some(path) = file
        && dataset::table::is_table(path)
        && path.is_file()
        && table.options() == dataset::TableOptions::default()
    {
        let builtin = dataset::builtin().map_err(|error| {
            warn(&error);
            Failure::Reported
        })?;
        return ui::run_importing(builtin, path.to_owned()).map_err(|error| no_window(&error));
    }
    // A file that cannot be opened still opens the window, with its problems listed over the
    // built-in data: from a file manager, nothing else would say what is wrong.
    let (dataset, origin, failed) = match (load(file, table), file) {
        (Ok((dataset, origin)), _) => (dataset, origin, None),
        (Err(error), Some(path)) => {
            warn(&error);
            let builtin = dataset::builtin().map_err(|builtin_error| {
                warn(&builtin_error);
                Failure::Reported
            })?;
            (builtin, Origin::Builtin, Some((error, path.to_owned())))
        }
        (Err(error), None) => {
            warn(&error);
            return Err(Failure::Reported);
        }
    };
    ui::run_showing(dataset, origin, table.options(), failed).map_err(|error| no_window(&error))
}

/// What to say when the window cannot open.
fn no_window(error: &eframe::Error) -> Failure {
    Failure::Data(format!(
        "cannot open a window: {error}\nOn Linux the window needs X11 or Wayland libraries; see README.md (\"Run\")."
    ))
}

/// One line about a valid dataset: series, points, events and dates covered.
pub fn summary(dataset: &Dataset) -> String {
    let points: usize = dataset.deployments.iter().map(|d| d.points.len()).sum();
    let unknown = dataset
        .deployments
        .iter()
        .flat_map(|d| &d.points)
        .filter(|p| p.troops.is_none())
        .count();
    let points = if unknown > 0 {
        format!(
            "{}, {} unknown",
            counted(points, "point"),
            thousands(unknown as u64)
        )
    } else {
        counted(points, "point")
    };
    let periods: usize = dataset.casualties.iter().map(|c| c.periods.len()).sum();
    let range = dataset
        .date_range()
        .map_or_else(String::new, |(from, to)| format!(", {from} to {to}"));
    format!(
        "{} deployment series ({}), {} casualty series ({}), {}, {}{range}",
        thousands(dataset.deployments.len() as u64),
        points,
        thousands(dataset.casualties.len() as u64),
        counted(periods, "period"),
        counted(dataset.events.len(), "event"),
        counted(dataset.sources.len(), "source"),
    )
}

/// "1 point", "12,345 points".
fn counted(count: usize, noun: &str) -> String {
    let plural = if count == 1 { "" } else { "s" };
    format!("{} {noun}{plural}", thousands(count as u64))
}

fn check(files: &[PathBuf], strict: bool, table: &TableArgs) -> Result<(), Failure> {
    let mut failed = false;
    for file in files {
        let name = dataset::text::path_line(file);
        match dataset::table::load_path_reporting(file, &table.options()) {
            Ok((dataset, guesses)) => {
                if let Some(glyphs) = glyph_warning(&dataset) {
                    warn(format_args!("{name}: warning: {glyphs}"));
                    failed |= strict;
                }
                let warnings = dataset::warnings::warnings(&dataset);
                let count = warnings.len();
                let plural = if count == 1 { "" } else { "s" };
                if strict && count > 0 {
                    failed = true;
                    for warning in &warnings {
                        warn(warning.headline(&name));
                    }
                    warn(format_args!(
                        "{name}: {} warning{plural}, errors under --strict",
                        thousands(count as u64)
                    ));
                    continue;
                }
                let said = say(format_args!("{name}: ok: {}", summary(&dataset)))
                    .and_then(|()| {
                        guesses
                            .iter()
                            .try_for_each(|g| say(format_args!("{name}: guessed: {g}")))
                    })
                    .and_then(|()| {
                        warnings
                            .iter()
                            .try_for_each(|w| say(w.headline(&format!("{name}: warning"))))
                    })
                    .and_then(|()| {
                        if count > 0 {
                            say(format_args!(
                                "{name}: {} warning{plural}",
                                thousands(count as u64)
                            ))
                        } else {
                            Ok(())
                        }
                    });
                match said {
                    Ok(()) => {}
                    Err(Failure::Closed { .. }) => return Err(Failure::Closed { failed }),
                    Err(other) => return Err(other),
                }
            }
            Err(error) => {
                failed = true;
                warn(&error);
                warn(format_args!("{name}: {}", error.count_text()));
            }
        }
    }
    if failed {
        Err(Failure::Reported)
    } else {
        Ok(())
    }
}

/// The view an export shows, from its options; an error (a wrong option for this dataset) says
/// what to change.
pub fn export_view(dataset: &Dataset, args: &ExportArgs) -> Result<ViewState, String> {
    view_of(
        dataset,
        &ViewArgs {
            from: args.from,
            to: args.to,
            series: &args.series,
            no_events: args.no_events,
            bars: args.bars,
            hide_categories: &args.hide_categories,
            label_events: &args.label_events,
            no_event_labels: args.no_event_labels,
        },
    )
}

/// The options that choose a chart's view, shared by `export` and `describe`.
struct ViewArgs<'a> {
    from: Option<Date>,
    to: Option<Date>,
    series: &'a [String],
    no_events: bool,
    bars: BarChoice,
    hide_categories: &'a [String],
    label_events: &'a [usize],
    no_event_labels: bool,
}

fn view_of(dataset: &Dataset, args: &ViewArgs<'_>) -> Result<ViewState, String> {
    let mut view = ViewState {
        show_events: !args.no_events,
        bars: args.bars,
        hidden_categories: args.hide_categories.iter().cloned().collect(),
        label_events: !args.no_event_labels,
        ..ViewState::default()
    };
    for &number in args.label_events {
        if number == 0 || number > dataset.events.len() {
            return Err(format!(
                "--label-events {number}: events are numbered from 1 in file order, and the dataset has {}",
                dataset.events.len()
            ));
        }
        view.pinned_events.insert(number - 1);
    }
    let ids: Vec<&str> = dataset
        .deployments
        .iter()
        .map(|d| d.id.as_str())
        .chain(dataset.casualties.iter().map(|c| c.id.as_str()))
        .collect();
    for wanted in args.series {
        if !ids.contains(&wanted.as_str()) {
            return Err(format!(
                "unknown series {wanted:?}; the dataset has: {}",
                ids.join(", ")
            ));
        }
    }
    for wanted in args.hide_categories {
        if !dataset
            .events
            .iter()
            .any(|event| event.category.as_deref() == Some(wanted.as_str()))
        {
            let mut known: Vec<&str> = dataset
                .events
                .iter()
                .filter_map(|event| event.category.as_deref())
                .collect();
            known.sort_unstable();
            known.dedup();
            return Err(format!(
                "no event has the category {wanted:?}; the dataset's categories: {}",
                if known.is_empty() {
                    "none".to_owned()
                } else {
                    known.join(", ")
                }
            ));
        }
    }
    if !args.series.is_empty() {
        for id in &ids {
            view.set_series(id, args.series.iter().any(|s| s == id));
        }
    }
    if args.from.is_some() || args.to.is_some() {
        let Some((first, last)) = dataset.date_range() else {
            return Err("the dataset has no dates to show".to_owned());
        };
        let (from, to) = match (args.from, args.to) {
            (Some(from), None) if from > last => {
                return Err(format!(
                    "--from {from} is after the last day of the data ({last}); choose an earlier day, or give --to as well to export an empty chart"
                ));
            }
            (None, Some(to)) if to < first => {
                return Err(format!(
                    "--to {to} is before the first day of the data ({first}); choose a later day, or give --from as well to export an empty chart"
                ));
            }
            (from, to) => (from.unwrap_or(first), to.unwrap_or(last)),
        };
        if to < from {
            return Err(format!("--to {to} is before --from {from}"));
        }
        view.request_range(from.to_x(), to.to_x() + 1.0);
    }
    Ok(view)
}

/// A warning when the exported range holds no data at all: the chart will be empty.
pub fn empty_range_notice(dataset: &Dataset, args: &ExportArgs) -> Option<String> {
    let (first, last) = dataset.date_range()?;
    let from = args.from.unwrap_or(first);
    let to = args.to.unwrap_or(last);
    (to < first || from > last).then(|| {
        format!("no data between {from} and {to} (the data covers {first} to {last}); the chart is empty")
    })
}

/// Refuses an output that is the input file (same device and inode), whatever `--force` says.
fn refuse_input(out: &Path, input: Option<&Path>) -> Result<(), Failure> {
    match input {
        Some(input) => crate::export::refuse_input(out, input)
            .map_err(|error| Failure::Usage(error.to_string())),
        None => Ok(()),
    }
}

/// Characters of the dataset's text that no font (egui's or an installed one) can draw.
fn glyph_warning(dataset: &Dataset) -> Option<String> {
    ui::script_fonts::missing_glyphs_warning(&ui::script_fonts::fonts_for_dataset(dataset))
}

fn describe(args: &DescribeArgs) -> Result<(), Failure> {
    let (dataset, _) = load(args.file.as_deref(), &args.table)
        .map_err(|error| Failure::Data(format!("cannot load the dataset:\n{error}")))?;
    let view = view_of(
        &dataset,
        &ViewArgs {
            from: args.from,
            to: args.to,
            series: &args.series,
            no_events: args.no_events,
            bars: BarChoice::Auto,
            hide_categories: &args.hide_categories,
            label_events: &[],
            no_event_labels: false,
        },
    )
    .map_err(Failure::Usage)?;
    let model = crate::chart::ChartModel::new(&dataset);
    let text = ui::render::alt_text(&dataset, &model, &view);
    // Dataset text goes to a terminal: control characters are shown, never run.
    say(dataset::text::escape_controls(&text, true))
}

fn export(args: &ExportArgs) -> Result<(), Failure> {
    refuse_input(&args.out, args.file.as_deref())?;
    let (dataset, _) = load(args.file.as_deref(), &args.table)
        .map_err(|error| Failure::Data(format!("cannot load the dataset:\n{error}")))?;
    let view = export_view(&dataset, args).map_err(Failure::Usage)?;
    if let Some(notice) = empty_range_notice(&dataset, args) {
        warn(format_args!("troopline export: {notice}"));
    }
    for stub in dataset
        .sources
        .iter()
        .filter(|s| dataset::warnings::is_stub(s))
    {
        warn(format_args!(
            "troopline export: warning: source {:?} is still a stub (TODO); the chart's source line leaves it out: say who published the figures in the dataset file",
            stub.id
        ));
    }
    if let Some(glyphs) = glyph_warning(&dataset) {
        warn(format_args!("troopline export: warning: {glyphs}"));
    }
    let format = args.format().map_err(Failure::Usage)?;
    let [width, height] = args
        .size
        .and_then(SizePreset::size)
        .unwrap_or([args.width, args.height]);
    #[allow(clippy::cast_precision_loss)] // sizes are at most 8000
    let settings = RenderSettings {
        width: width as f32,
        height: height as f32,
        scale: args.scale,
        theme: args.theme.resolved(None),
        look: args.look(),
    };
    let model = crate::chart::ChartModel::new(&dataset);
    let bytes = match format {
        Format::Png => {
            let image = ui::render::chart_image(&dataset, &model, &view, &settings)
                .map_err(|error| Failure::Data(error.to_string()))?;
            crate::export::encode_png_scaled(&image, settings.scale)
                .map_err(|error| Failure::Data(error.to_string()))?
        }
        Format::Svg => {
            let svg = ui::render::chart_svg(&dataset, &model, &view, &settings);
            match args.text {
                TextMode::Real => svg.into_bytes(),
                TextMode::Outlines => crate::export::svg::to_outlines(&svg)
                    .map_err(|error| Failure::Data(format!("cannot outline the text: {error}")))?
                    .into_bytes(),
            }
        }
        Format::Pdf => {
            let svg = ui::render::chart_svg(&dataset, &model, &view, &settings);
            crate::export::pdf::svg_to_pdf(&svg)
                .map_err(|error| Failure::Data(error.to_string()))?
        }
    };
    let written = crate::export::write_atomic_reporting(&args.out, |out| out.write_all(&bytes))
        .map_err(|error| Failure::Data(error.to_string()))?;
    report("troopline export", &args.out, &written)
}

/// The rows `export-csv` writes: the series and days its options choose.
fn csv_selection(dataset: &Dataset, args: &ExportCsvArgs) -> Result<Dataset, String> {
    let selection = dataset::Selection {
        from: args.from,
        to: args.to,
        series: args.series.clone(),
    };
    let unknown = selection.unknown_series(dataset);
    if let Some(wanted) = unknown.first() {
        let ids: Vec<&str> = dataset
            .deployments
            .iter()
            .map(|d| d.id.as_str())
            .chain(dataset.casualties.iter().map(|c| c.id.as_str()))
            .collect();
        return Err(format!(
            "unknown series {wanted:?}; the dataset has: {}",
            ids.join(", ")
        ));
    }
    if let (Some(from), Some(to)) = (args.from, args.to)
        && to < from
    {
        return Err(format!("--to {to} is before --from {from}"));
    }
    Ok(selection.apply(dataset))
}

/// Prints the written file's path, and on standard error anything the write changed besides it.
fn report(command: &str, path: &Path, written: &Written) -> Result<(), Failure> {
    if let Some(notice) = written.notice() {
        warn(format_args!("{command}: note: {notice}"));
    }
    // One line per written file, whatever its name holds.
    say(dataset::text::path_line(path))
}

fn export_csv(args: &ExportCsvArgs) -> Result<(), Failure> {
    let (dataset, _) = load(args.file.as_deref(), &args.table)
        .map_err(|error| Failure::Data(format!("cannot load the dataset:\n{error}")))?;
    let dataset = csv_selection(&dataset, args).map_err(Failure::Usage)?;
    let out = &args.out;
    let path = if out.is_dir() {
        out.join(format!(
            "{}.csv",
            crate::export::naming::slug(&dataset.title)
        ))
    } else {
        out.to_owned()
    };
    refuse_input(&path, args.file.as_deref())?;
    // What `check` would refuse is never written.
    let written = crate::export::write_atomic_limited(&path, dataset::MAX_FILE_BYTES, |writer| {
        crate::export::csv::write_csv(&dataset, writer)
    })
    .map_err(|error| Failure::Data(error.to_string()))?;
    report("troopline export-csv", &path, &written)
}

fn generate(options: crate::generate::Options, out: &Path) -> Result<(), Failure> {
    use crate::generate::GenerateError;
    // Options were checked with the command line; what remains is a file that turns out larger
    // than the estimate allowed (an option problem: status 2) or a failed write.
    let mut too_large = None;
    let written = crate::export::write_atomic_reporting(out, |writer| {
        crate::generate::write(options, writer).map_err(|error| match error {
            GenerateError::Io(error) => error,
            other => {
                let message = other.to_string();
                too_large = Some(message.clone());
                std::io::Error::other(message)
            }
        })
    });
    match (written, too_large) {
        (Ok(written), _) => report("troopline gen", out, &written),
        (Err(_), Some(message)) => Err(Failure::Usage(message)),
        (Err(error), None) => Err(Failure::Data(error.to_string())),
    }
}
