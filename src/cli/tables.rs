//! The command line for tables: the reading options every command that opens a file takes,
//! `troopline import` and `troopline new`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::dataset::table::{DateOrder, Decimal, Thousands};
use crate::dataset::{self, Dataset, LoadError, TableOptions, starter};

/// How to read a table (CSV, TSV, XLSX, ODS) where its content cannot tell.
#[derive(Clone, Debug, Default, clap::Args)]
pub struct TableArgs {
    /// Sheet of a workbook to read; the first sheet if omitted.
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Decimal mark of a table's numbers, where they cannot tell: "." or ",".
    #[arg(long, value_name = "MARK", value_parser = parse_decimal)]
    pub decimal: Option<Decimal>,
    /// Thousands separator of a table's numbers: "," "." "space" "'" or "none".
    #[arg(long, value_name = "SEP", value_parser = parse_thousands)]
    pub thousands: Option<Thousands>,
    /// Order of day and month in dates like 03/04/2007: "dmy" or "mdy".
    #[arg(long, value_name = "ORDER", value_parser = parse_order)]
    pub dates: Option<DateOrder>,
    /// A table column of casualty counts rather than troop levels (by header); repeat for several.
    #[arg(long, value_name = "COLUMN")]
    pub casualties: Vec<String>,
}

impl TableArgs {
    /// The options for the table reader.
    pub fn options(&self) -> TableOptions {
        TableOptions {
            sheet: self.sheet.clone(),
            decimal: self.decimal,
            thousands: self.thousands,
            dates: self.dates,
            casualties: self.casualties.clone(),
        }
    }
}

fn parse_decimal(text: &str) -> Result<Decimal, String> {
    match text {
        "." | "point" => Ok(Decimal::Point),
        "," | "comma" => Ok(Decimal::Comma),
        _ => Err(format!("{text:?}: the decimal mark is \".\" or \",\"")),
    }
}

fn parse_thousands(text: &str) -> Result<Thousands, String> {
    match text {
        "," | "comma" => Ok(Thousands::Comma),
        "." | "point" => Ok(Thousands::Point),
        " " | "space" => Ok(Thousands::Space),
        "'" | "apostrophe" => Ok(Thousands::Apostrophe),
        "" | "none" => Ok(Thousands::None),
        _ => Err(format!(
            "{text:?}: the thousands separator is \",\" \".\" \"space\" \"'\" or \"none\""
        )),
    }
}

fn parse_order(text: &str) -> Result<DateOrder, String> {
    match text.to_ascii_lowercase().as_str() {
        "dmy" | "day-first" => Ok(DateOrder::DayFirst),
        "mdy" | "month-first" => Ok(DateOrder::MonthFirst),
        _ => Err(format!("{text:?}: the date order is \"dmy\" or \"mdy\"")),
    }
}

/// Options of `troopline import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// Table to import: CSV, TSV, XLSX, XLS or ODS.
    pub table: PathBuf,
    /// RON dataset to write.
    #[arg(long, short)]
    pub out: PathBuf,
    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
    /// How to read the table.
    #[command(flatten)]
    pub read: TableArgs,
}

/// Options of `troopline new`.
#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// RON dataset to write.
    #[arg(long, short)]
    pub out: PathBuf,
    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// Loads any dataset file (RON or table) with the table options.
pub fn load(path: &Path, read: &TableArgs) -> Result<Dataset, LoadError> {
    dataset::load_path(path, &read.options())
}

/// The warnings `check` prints for a valid dataset: what it still lacks.
pub fn warnings(dataset: &Dataset, origin: &str) -> Vec<String> {
    dataset::advice(dataset)
        .iter()
        .map(|problem| format!("warning: {}", problem.headline(origin)))
        .collect()
}

fn refuse_to_replace(out: &Path, force: bool) -> Option<String> {
    (!force && out.exists()).then(|| {
        format!(
            "{} exists; give --force to replace it (it may hold your annotations)",
            out.display()
        )
    })
}

/// `troopline import TABLE --out DATASET.ron`.
pub fn import(args: &ImportArgs) -> ExitCode {
    let fail = |message: String| {
        eprintln!("troopline import: {message}");
        ExitCode::FAILURE
    };
    if let Some(message) = refuse_to_replace(&args.out, args.force) {
        return fail(message);
    }
    let dataset = match dataset::load_table(&args.table, &args.read.options()) {
        Ok(dataset) => dataset,
        Err(error) => {
            eprintln!("{error}");
            return fail(format!("cannot read {}", args.table.display()));
        }
    };
    let name = args.table.file_name().map_or_else(
        || args.table.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    match crate::export::write_atomic(&args.out, |out| {
        starter::write_imported(&dataset, &name, out)
    }) {
        Ok(()) => {
            println!("{}", args.out.display());
            ExitCode::SUCCESS
        }
        Err(error) => fail(error.to_string()),
    }
}

/// `troopline new --out my.ron`.
pub fn new_dataset(args: &NewArgs) -> ExitCode {
    let fail = |message: String| {
        eprintln!("troopline new: {message}");
        ExitCode::FAILURE
    };
    if let Some(message) = refuse_to_replace(&args.out, args.force) {
        return fail(message);
    }
    match crate::export::write_atomic(&args.out, starter::write_starter) {
        Ok(()) => {
            println!("{}", args.out.display());
            ExitCode::SUCCESS
        }
        Err(error) => fail(error.to_string()),
    }
}
