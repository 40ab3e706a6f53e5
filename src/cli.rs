//! The command line: `troopline [FILE]` opens the window; subcommands work without one.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::chart::format::thousands;
use crate::dataset::{self, Dataset, Date, LoadError};
use crate::ui::{self, Origin, RenderSettings, ViewState};

mod tables;
pub use tables::{ImportArgs, NewArgs, TableArgs};

/// Explore US troop deployments, casualties and events over time.
#[derive(Debug, Parser)]
#[command(
    name = "troopline",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Dataset (RON) or table (CSV, TSV, XLSX, ODS) to open in the window; the built-in Iraq
    /// 2003–2024 dataset if omitted.
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
    /// Load and validate dataset files; print a summary of each, or every problem found.
    Check {
        /// Files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// How to read tables.
        #[command(flatten)]
        table: TableArgs,
    },
    /// Render the chart to a PNG without opening a window.
    Export(ExportArgs),
    /// Generate a synthetic dataset in the real format (for load and performance tests).
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
        /// File to write.
        #[arg(long, short)]
        out: PathBuf,
    },
    /// Write every figure and event as one tidy CSV table (a `series` column names the series).
    ExportCsv {
        /// Dataset file; the built-in dataset if omitted.
        file: Option<PathBuf>,
        /// CSV file to write, or a folder to write `<dataset-title>.csv` into.
        #[arg(long, short)]
        out: PathBuf,
        /// How to read a table.
        #[command(flatten)]
        table: TableArgs,
    },
    /// Turn a table (CSV, TSV, XLSX, ODS) into a commented RON dataset to annotate.
    Import(ImportArgs),
    /// Write a documented starter dataset (every field once, with a comment).
    New(NewArgs),
}

/// Options of `troopline export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Dataset file; the built-in dataset if omitted.
    pub file: Option<PathBuf>,
    /// PNG file to write.
    #[arg(long, short)]
    pub out: PathBuf,
    /// Width in points.
    #[arg(long, default_value_t = 1600, value_parser = clap::value_parser!(u32).range(200..=8000))]
    pub width: u32,
    /// Height in points.
    #[arg(long, default_value_t = 900, value_parser = clap::value_parser!(u32).range(200..=8000))]
    pub height: u32,
    /// Pixels per point; 2 gives crisp text.
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
    /// How to read a table.
    #[command(flatten)]
    pub table: TableArgs,
}

/// Colour theme of an export.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Theme {
    /// Dark text on white.
    Light,
    /// Light text on dark grey.
    Dark,
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text)
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Some(Command::Check { files, table }) => check(&files, &table),
        Some(Command::Export(args)) => export(&args),
        Some(Command::ExportCsv { file, out, table }) => export_csv(file.as_deref(), &out, &table),
        Some(Command::Import(args)) => tables::import(&args),
        Some(Command::New(args)) => tables::new_dataset(&args),
        Some(Command::Gen {
            points,
            events,
            series,
            seed,
            out,
        }) => generate(
            crate::generate::Options {
                points,
                events,
                series,
                seed,
            },
            &out,
        ),
        None => open_window(cli.file.as_deref(), &cli.table),
    }
}

fn load(file: Option<&Path>, table: &TableArgs) -> Result<(Dataset, Origin), LoadError> {
    match file {
        Some(path) => Ok((tables::load(path, table)?, Origin::File(path.to_owned()))),
        None => Ok((dataset::builtin()?, Origin::Builtin)),
    }
}

fn open_window(file: Option<&Path>, table: &TableArgs) -> ExitCode {
    let (dataset, origin) = match load(file, table) {
        Ok(loaded) => loaded,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::FAILURE;
        }
    };
    match ui::run(dataset, origin) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("troopline: cannot open a window: {error}");
            eprintln!(
                "On Linux the window needs X11 or Wayland libraries; see README.md (\"Run\")."
            );
            ExitCode::FAILURE
        }
    }
}

/// One line about a valid dataset: series, points, events and dates covered.
pub fn summary(dataset: &Dataset) -> String {
    let points: usize = dataset.deployments.iter().map(|d| d.points.len()).sum();
    let periods: usize = dataset.casualties.iter().map(|c| c.periods.len()).sum();
    let range = dataset
        .date_range()
        .map_or_else(String::new, |(from, to)| format!(", {from} to {to}"));
    format!(
        "{} deployment series ({} points), {} casualty series ({} periods), {} events, {} sources{range}",
        dataset.deployments.len(),
        thousands(points as u64),
        dataset.casualties.len(),
        thousands(periods as u64),
        thousands(dataset.events.len() as u64),
        dataset.sources.len(),
    )
}

fn check(files: &[PathBuf], table: &TableArgs) -> ExitCode {
    let mut ok = true;
    for file in files {
        match tables::load(file, table) {
            Ok(dataset) => {
                println!("{}: ok: {}", file.display(), summary(&dataset));
                for warning in tables::warnings(&dataset, &file.display().to_string()) {
                    println!("{warning}");
                }
            }
            Err(error) => {
                ok = false;
                let count = error.problems.len();
                eprintln!("{error}");
                eprintln!(
                    "{}: {count} problem{}",
                    file.display(),
                    if count == 1 { "" } else { "s" }
                );
            }
        }
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The view an export shows, from its options; an error names an unknown series id.
pub fn export_view(dataset: &Dataset, args: &ExportArgs) -> Result<ViewState, String> {
    let mut view = ViewState {
        show_events: !args.no_events,
        ..ViewState::default()
    };
    let ids: Vec<&str> = dataset
        .deployments
        .iter()
        .map(|d| d.id.as_str())
        .chain(dataset.casualties.iter().map(|c| c.id.as_str()))
        .collect();
    for wanted in &args.series {
        if !ids.contains(&wanted.as_str()) {
            return Err(format!(
                "unknown series {wanted:?}; the dataset has: {}",
                ids.join(", ")
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
        let from = args.from.unwrap_or(first).to_x();
        let to = args.to.unwrap_or(last).to_x() + 1.0;
        if to <= from {
            return Err("--to must be after --from".to_owned());
        }
        view.request_range(from, to);
    }
    Ok(view)
}

fn export(args: &ExportArgs) -> ExitCode {
    let fail = |message: String| {
        eprintln!("troopline export: {message}");
        ExitCode::FAILURE
    };
    if !(args.scale.is_finite() && (0.5..=8.0).contains(&args.scale)) {
        return fail(format!(
            "--scale must be between 0.5 and 8, not {}",
            args.scale
        ));
    }
    let (dataset, _) = match load(args.file.as_deref(), &args.table) {
        Ok(loaded) => loaded,
        Err(error) => return fail(format!("cannot load the dataset:\n{error}")),
    };
    let view = match export_view(&dataset, args) {
        Ok(view) => view,
        Err(message) => return fail(message),
    };
    let renderer = match ui::OffscreenRenderer::new() {
        Ok(renderer) => renderer,
        Err(error) => return fail(error.to_string()),
    };
    #[allow(clippy::cast_precision_loss)] // sizes are at most 8000
    let settings = RenderSettings {
        width: args.width as f32,
        height: args.height as f32,
        scale: args.scale,
        dark: args.theme == Theme::Dark,
    };
    let image = match ui::render_chart(&renderer, &dataset, &view, &settings) {
        Ok(image) => image,
        Err(error) => return fail(error.to_string()),
    };
    match crate::export::save_png(&image, &args.out) {
        Ok(()) => {
            println!("{}", args.out.display());
            ExitCode::SUCCESS
        }
        Err(error) => fail(error.to_string()),
    }
}

fn export_csv(file: Option<&Path>, out: &Path, table: &TableArgs) -> ExitCode {
    let dataset = match load(file, table) {
        Ok((dataset, _)) => dataset,
        Err(error) => {
            eprintln!("troopline export-csv: cannot load the dataset:\n{error}");
            return ExitCode::FAILURE;
        }
    };
    let path = if out.is_dir() {
        out.join(format!(
            "{}.csv",
            crate::export::naming::slug(&dataset.title)
        ))
    } else {
        out.to_owned()
    };
    match crate::export::csv::save_csv(&dataset, &path) {
        Ok(()) => {
            println!("{}", path.display());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("troopline export-csv: {error}");
            ExitCode::FAILURE
        }
    }
}

fn generate(options: crate::generate::Options, out: &Path) -> ExitCode {
    let written = crate::generate::check(options)
        .map_err(|error| error.to_string())
        .and_then(|()| {
            crate::export::write_atomic(out, |writer| {
                crate::generate::write(options, writer).map_err(std::io::Error::other)
            })
            .map_err(|error| error.to_string())
        });
    match written {
        Ok(()) => {
            println!("{}", out.display());
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("troopline gen: {message}");
            ExitCode::FAILURE
        }
    }
}
