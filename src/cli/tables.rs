//! The command line for tables: the reading options every command that opens a file takes,
//! `troopline import` and `troopline new`.

use std::path::{Path, PathBuf};

use super::output::{Failure, warn};
use crate::dataset::table::{Bound, DateOrder, Decimal, Thousands};
use crate::dataset::{self, TableOptions, starter};

/// How to read a table (CSV, TSV, XLSX, ODS) where its content cannot tell.
#[derive(Clone, Debug, Default, clap::Args)]
pub struct TableArgs {
    /// Sheet of a workbook to read; the first sheet if omitted.
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// The row (from 1) naming the table's columns; by default the first row with two filled
    /// cells.
    #[arg(long, value_name = "ROW", value_parser = clap::value_parser!(u32).range(1..))]
    pub header_row: Option<u32>,
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
    /// A table column of troop levels, whatever its header suggests (a "Total" or a "deaths"
    /// column); repeat for several.
    #[arg(long, value_name = "COLUMN")]
    pub troops: Vec<String>,
    /// A table column to leave out; repeat for several.
    #[arg(long, value_name = "COLUMN")]
    pub ignore: Vec<String>,
    /// The table column that dates each row, where its header does not say so.
    #[arg(long, value_name = "COLUMN")]
    pub date: Option<String>,
    /// The table column naming the source of each row's figures, where its header does not say.
    #[arg(long, value_name = "COLUMN")]
    pub source_column: Option<String>,
    /// The table column of a note on each row's figures, where its header does not say.
    #[arg(long, value_name = "COLUMN")]
    pub note_column: Option<String>,
    /// A table column giving the low end of the range of the series column on its left.
    #[arg(long, value_name = "COLUMN")]
    pub low: Vec<String>,
    /// A table column giving the high end of the range of the series column on its left.
    #[arg(long, value_name = "COLUMN")]
    pub high: Vec<String>,
    /// The name of a column's series: COLUMN=NAME (by default the header without its unit).
    #[arg(long, value_name = "COLUMN=NAME", value_parser = parse_name)]
    pub name: Vec<(String, String)>,
    /// The column naming each row's country (theatre, base) in a long table: one series each.
    #[arg(long, value_name = "COLUMN")]
    pub entity: Option<String>,
    /// The columns of figures to chart for each entity of a long table.
    #[arg(long, value_name = "COLUMN", num_args = 1..)]
    pub values: Vec<String>,
    /// The entities of a long table to chart, by name (in that order).
    #[arg(long, value_name = "NAME", num_args = 1..)]
    pub only: Vec<String>,
    /// The dataset's title, instead of the table's title row or file name.
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
}

impl TableArgs {
    /// The options for the table reader.
    pub fn options(&self) -> TableOptions {
        TableOptions {
            sheet: self.sheet.clone(),
            header_row: self.header_row.map(|row| row as usize),
            decimal: self.decimal,
            thousands: self.thousands,
            dates: self.dates,
            casualties: self.casualties.clone(),
            troops: self.troops.clone(),
            ignore: self.ignore.clone(),
            date: self.date.clone(),
            source: self.source_column.clone(),
            note: self.note_column.clone(),
            bounds: self
                .low
                .iter()
                .map(|c| (c.clone(), Bound::Low))
                .chain(self.high.iter().map(|c| (c.clone(), Bound::High)))
                .collect(),
            names: self.name.clone(),
            entity: self.entity.clone(),
            values: self.values.clone(),
            only: self.only.clone(),
            title: self.title.clone(),
        }
    }
}

fn parse_name(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((column, name)) if !column.trim().is_empty() && !name.trim().is_empty() => {
            Ok((column.trim().to_owned(), name.trim().to_owned()))
        }
        _ => Err(format!(
            "{text:?}: give the column and its series name as COLUMN=NAME, e.g. \"de=Germany\""
        )),
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

fn refuse_to_replace(out: &Path, force: bool) -> Result<(), Failure> {
    if !force && out.exists() {
        return Err(Failure::Usage(format!(
            "{} exists; give --force to replace it (it may hold your annotations)",
            out.display()
        )));
    }
    Ok(())
}

/// `troopline import TABLE --out DATASET.ron`.
pub fn import(args: &ImportArgs) -> Result<(), Failure> {
    super::refuse_input(&args.out, Some(&args.table))?;
    refuse_to_replace(&args.out, args.force)?;
    let dataset = dataset::load_table(&args.table, &args.read.options()).map_err(|error| {
        warn(&error);
        Failure::Data(format!("cannot read {}", args.table.display()))
    })?;
    let name = args.table.file_name().map_or_else(
        || args.table.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    // What `check` would refuse is never written.
    let written = crate::export::write_atomic_limited(&args.out, dataset::MAX_FILE_BYTES, |out| {
        starter::write_imported(&dataset, &name, out)
    })
    .map_err(|error| Failure::Data(error.to_string()))?;
    super::report("troopline import", &args.out, &written)
}

/// `troopline new --out my.ron`.
pub fn new_dataset(args: &NewArgs) -> Result<(), Failure> {
    refuse_to_replace(&args.out, args.force)?;
    let written = crate::export::write_atomic_reporting(&args.out, starter::write_starter)
        .map_err(|error| Failure::Data(error.to_string()))?;
    super::report("troopline new", &args.out, &written)
}
