//! Tables as datasets: CSV, TSV, XLSX, XLS and ODS files read into a [`Dataset`] that the
//! usual validation then checks, so the chart, `check` and the exports work on them unchanged.
//!
//! Three shapes are read (docs/tables.md states every rule):
//! - **wide**: a date column and one column of figures per series;
//! - **panel**: one row per entity (country) and date (`panels`);
//! - **tidy**: one figure per row with a `series` column, as `troopline export-csv` writes.
//!
//! What a user chooses where the content cannot tell is one [`TableOptions`] (the import
//! dialog and the command line alike); [`preview`] shows the first rows as read.

mod calendar;
mod cells;
mod dates;
mod delimited;
mod detect;
pub mod guard;
pub mod interpret;
mod marks;
mod numbers;
mod options;
mod panels;
pub mod preview;
mod roles;
mod sheet;
mod tidy;
mod units;
mod wide;

use std::path::Path;

use super::load::{read_file, validated};
use super::{Dataset, LoadError, Location, MAX_FILE_BYTES, Problem, load_bytes};

pub use cells::MAX_PROBLEMS;
pub use dates::DateOrder;
pub use delimited::without_formula_guard;
pub use numbers::{Decimal, Thousands};
pub use options::{Bound, ColumnRole, TableOptions, shell_word};

/// What kind of file a path names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// A RON dataset.
    Ron,
    /// Delimited text; the delimiter when the extension says it (`.tsv`: tab).
    Delimited(Option<u8>),
    /// An XLSX, XLSM, XLSB, XLS or ODS workbook.
    Workbook,
}

/// File extensions read as tables (lower case).
pub const TABLE_EXTENSIONS: [&str; 9] = [
    "csv", "tsv", "tab", "txt", "xlsx", "xlsm", "xlsb", "xls", "ods",
];

/// The kind of file from its extension; `None` for an unknown or missing one.
pub fn kind_from_extension(path: &Path) -> Option<FileKind> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match extension.as_str() {
        "ron" => FileKind::Ron,
        "csv" | "txt" => FileKind::Delimited(None),
        "tsv" | "tab" => FileKind::Delimited(Some(b'\t')),
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => FileKind::Workbook,
        _ => return None,
    })
}

/// Whether `path` is read as a table (by its extension), e.g. to offer "Save as dataset…".
pub fn is_table(path: &Path) -> bool {
    matches!(
        kind_from_extension(path),
        Some(FileKind::Delimited(_) | FileKind::Workbook)
    )
}

/// The kind of file from its first bytes, for files without a known extension.
pub fn sniff_kind(bytes: &[u8]) -> FileKind {
    // Zip (XLSX, ODS) and OLE (XLS) containers.
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return FileKind::Workbook;
    }
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = text
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .map_or(&[][..], |at| &text[at..]);
    let ron = [&b"Dataset"[..], b"(", b"//", b"/*", b"#!["]
        .iter()
        .any(|prefix| start.starts_with(prefix));
    if ron {
        FileKind::Ron
    } else {
        FileKind::Delimited(None)
    }
}

/// Opens any dataset file: RON by the existing loader, tables by [`load_table`]. The kind
/// comes from the extension (`.ron`, `.csv`, `.tsv`, `.txt`, `.xlsx`, `.xlsm`, `.xls`,
/// `.ods`), or for other names from the content. This is what the CLI and the window call.
pub fn load_path(path: &Path, options: &TableOptions) -> Result<Dataset, LoadError> {
    load_path_reporting(path, options).map(|(dataset, _)| dataset)
}

/// As [`load_path`], with what was guessed about a table's columns (one sentence each, with
/// the flag that changes it; none for RON), for `check` and the import dialog.
pub fn load_path_reporting(
    path: &Path,
    options: &TableOptions,
) -> Result<(Dataset, Vec<String>), LoadError> {
    let origin = path.display().to_string();
    let bytes = read_file(path, &origin)?;
    let kind = kind_from_extension(path).unwrap_or_else(|| sniff_kind(&bytes));
    match kind {
        FileKind::Ron => load_bytes(&bytes, &origin).map(|dataset| (dataset, Vec::new())),
        FileKind::Delimited(_) | FileKind::Workbook => {
            load_table_reporting(&bytes, &origin, kind, &title_of(path, options), options)
        }
    }
}

/// Reads the table at `path` (CSV, TSV, XLSX, XLSM, XLS, ODS) into a validated dataset.
pub fn load_table(path: &Path, options: &TableOptions) -> Result<Dataset, LoadError> {
    let origin = path.display().to_string();
    let bytes = read_file(path, &origin)?;
    let kind = table_kind(path, &bytes);
    load_table_bytes(&bytes, &origin, kind, &title_of(path, options), options)
}

/// The kind of table at `path` with content `bytes`, for a file read as a table whatever it
/// is named: by its extension, else by its content; text that looks like RON is delimited.
pub fn table_kind(path: &Path, bytes: &[u8]) -> FileKind {
    match kind_from_extension(path) {
        Some(FileKind::Ron) | None => match sniff_kind(bytes) {
            FileKind::Ron => FileKind::Delimited(None),
            other => other,
        },
        Some(kind) => kind,
    }
}

/// The dataset title for a table without one: the file name without its extension (and the
/// sheet, when one was chosen).
fn title_of(path: &Path, options: &TableOptions) -> String {
    let stem = path
        .file_stem()
        .map_or_else(|| "Table".to_owned(), |s| s.to_string_lossy().into_owned());
    match &options.sheet {
        Some(sheet) => format!("{stem} – {sheet}"),
        None => stem,
    }
}

/// Reads table bytes into a validated dataset. `origin` names the file in messages, `title`
/// is used when the table has no title row.
pub fn load_table_bytes(
    bytes: &[u8],
    origin: &str,
    kind: FileKind,
    title: &str,
    options: &TableOptions,
) -> Result<Dataset, LoadError> {
    load_table_reporting(bytes, origin, kind, title, options).map(|(dataset, _)| dataset)
}

/// As [`load_table_bytes`], with what was guessed about the columns.
pub fn load_table_reporting(
    bytes: &[u8],
    origin: &str,
    kind: FileKind,
    title: &str,
    options: &TableOptions,
) -> Result<(Dataset, Vec<String>), LoadError> {
    load_table_detailed(bytes, origin, kind, title, options)
        .map(|read| (read.dataset, read.guesses))
}

/// A table read for the import dialog: the validated dataset, what was guessed, and a panel's
/// entities to choose from.
pub type Detailed = interpret::Read;

/// As [`load_table_bytes`], with what was guessed and a panel's entities.
pub fn load_table_detailed(
    bytes: &[u8],
    origin: &str,
    kind: FileKind,
    title: &str,
    options: &TableOptions,
) -> Result<Detailed, LoadError> {
    let error = |problems: cells::Problems| {
        let (problems, omitted) = problems.into_parts();
        LoadError {
            origin: origin.to_owned(),
            problems,
            omitted,
        }
    };
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::new(
            origin,
            vec![Problem {
                location: Location::File,
                message: format!(
                    "the file is {} MiB; datasets are limited to {} MiB",
                    (bytes.len() as u64).div_ceil(1024 * 1024),
                    MAX_FILE_BYTES / (1024 * 1024)
                ),
                excerpt: None,
            }],
        ));
    }
    let dataset = match kind {
        FileKind::Workbook => sheet::read(bytes, title, options),
        FileKind::Delimited(_) | FileKind::Ron => {
            let text = delimited::decode(bytes);
            let delimiter = match kind {
                FileKind::Delimited(Some(delimiter)) => delimiter,
                _ => delimited::sniff(&text),
            };
            interpret::interpret(options, title, 0, false, &|interpreter| {
                delimited::read(&text, delimiter, interpreter);
            })
        }
    }
    .map_err(error)?;
    let interpret::Read {
        dataset,
        guesses,
        entities,
    } = dataset;
    validated(dataset, origin).map(|dataset| interpret::Read {
        dataset,
        guesses,
        entities,
    })
}

/// The label a wide table's series gets from its column header: the header without a unit.
pub fn series_label(header: &str) -> &str {
    detect::split_unit(header).0
}

/// Beyond this many entities a panel charts only the largest (see `panels`).
pub const SUGGESTED_ENTITIES: usize = panels::SUGGESTED;

/// The title [`load_path`] gives a table at `path` read with `options` that has no title row.
pub fn default_title(path: &Path, options: &TableOptions) -> String {
    title_of(path, options)
}

#[cfg(test)]
mod tests;
