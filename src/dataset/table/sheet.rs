//! Workbooks: XLSX, XLSM, XLS and ODS through calamine, the first sheet or a named one.
//!
//! Cells are kept sparse, as `(row, column, value)`, and handed over row by row: a sheet whose
//! used range claims a million columns but holds a few cells costs only those cells. XLSX
//! sheets are streamed cell by cell, so the number of cells is bounded while reading.

use std::borrow::Cow;
use std::io::Cursor;

use calamine::{CellErrorType, Data, Reader, Sheets, open_workbook_auto_from_rs};

use super::TableOptions;
use super::cells::{Cell, Problems, Row};
use super::guard;
use super::interpret::{Read, interpret};
use crate::dataset::Date;

/// At most this many cells are read from a sheet, or declared by a sheet's dimensions or
/// repeats (calamine keeps about 40 bytes a cell: 400 MB at most).
pub const MAX_CELLS: usize = 10_000_000;

/// One cell and where it is (from 0).
struct Placed {
    row: u32,
    column: u32,
    value: Data,
}

/// Reads the chosen sheet of the workbook in `bytes` into a dataset (not yet validated): the
/// one `options` names, else the first sheet that holds a table. A first sheet of notes or a
/// cover page is common; a sheet with a table and mistakes in it is never skipped.
pub fn read(bytes: &[u8], title: &str, options: &TableOptions) -> Result<Read, Problems> {
    // calamine reserves and expands what a file declares: the limits are checked first.
    guard::check(bytes, MAX_CELLS).map_err(|limit| Problems::of_file(limit.to_string()))?;
    let bytes = &*whole_sectors(bytes);
    if options.sheet.is_some() {
        return read_sheet(bytes, title, options);
    }
    let first = read_sheet(bytes, title, options);
    match first {
        Err(problems) if problems.no_table => {
            let names = sheet_names(bytes).map_err(Problems::of_file)?;
            for name in names.iter().skip(1) {
                let chosen = TableOptions {
                    sheet: Some(name.clone()),
                    ..options.clone()
                };
                match read_sheet(bytes, title, &chosen) {
                    Err(later) if later.no_table => {}
                    found => return found,
                }
            }
            let mut problems = problems;
            if names.len() > 1 {
                problems.table(format!(
                    "no sheet holds a table (sheets: {})",
                    listed(&names)
                ));
            }
            Err(problems)
        }
        Err(mut problems) => {
            // A sheet of notes (label, value rows) in front of the data is common: say which
            // sheet was read and how to read another.
            if let Ok(names) = sheet_names(bytes)
                && let [first, second, ..] = names.as_slice()
            {
                problems.lead(format!(
                    "read sheet {first:?}, the first of {}; if the table is on another sheet, give --sheet {second:?} (in the window: pick the sheet when opening)",
                    listed(&names)
                ));
            }
            Err(problems)
        }
        found => found,
    }
}

/// An XLS (OLE) file whose last sector is cut short, padded with zeros to whole sectors.
/// calamine asserts that every sector it reads splits into 4-byte words and panics on a file
/// cut mid-sector (found by the `table` fuzz target); real files are written in whole sectors,
/// so the padding changes nothing they hold. Other files are returned as they are.
pub(super) fn whole_sectors(bytes: &[u8]) -> Cow<'_, [u8]> {
    const HEADER: usize = 512;
    if !bytes.starts_with(b"\xD0\xCF\x11\xE0") || bytes.len() <= HEADER {
        return Cow::Borrowed(bytes);
    }
    // The sector size is 2^shift, the shift a little-endian u16 at offset 30 (9 or 12).
    let shift = u16::from_le_bytes([bytes[30], bytes[31]]);
    let Some(sector) = [9u16, 12].contains(&shift).then(|| 1usize << shift) else {
        return Cow::Borrowed(bytes);
    };
    let rest = (bytes.len() - HEADER) % sector;
    if rest == 0 {
        return Cow::Borrowed(bytes);
    }
    let mut padded = bytes.to_vec();
    padded.resize(bytes.len() + sector - rest, 0);
    Cow::Owned(padded)
}

fn listed(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("{n:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The sheets of a workbook, in order. Callers check [`guard::check`] first.
pub(super) fn sheet_names(bytes: &[u8]) -> Result<Vec<String>, String> {
    contained(|| {
        open_workbook_auto_from_rs(Cursor::new(&*whole_sectors(bytes)))
            .map(|workbook| workbook.sheet_names())
            .map_err(|error| format!("cannot read the workbook: {error}"))
    })
}

thread_local! {
    /// Set while calamine runs on this thread: its panics are caught and reported as a
    /// damaged file, so the panic hook stays quiet about them.
    static IN_CALAMINE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `read` (a call into calamine) so that a panic in it is a damaged-file error, not a
/// crash. calamine indexes past the end of some damaged XLS files instead of returning an
/// error (two cases found by the `table` fuzz target, docs/robustness.md); what [`guard`]
/// checks first cannot foresee every such case, so this is the net under it.
fn contained<T>(read: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    static QUIET_HOOK: std::sync::Once = std::sync::Once::new();
    QUIET_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !IN_CALAMINE.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    IN_CALAMINE.with(|flag| flag.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read));
    IN_CALAMINE.with(|flag| flag.set(false));
    result.unwrap_or_else(|_| {
        Err("cannot read the workbook: it is damaged (its internal structure points past the end of the file); open it in a spreadsheet program and save it again".to_owned())
    })
}

fn read_sheet(bytes: &[u8], title: &str, options: &TableOptions) -> Result<Read, Problems> {
    let SheetCells { cells, uncached } = cells(bytes, options).map_err(Problems::of_file)?;
    if !uncached.is_empty() {
        // Read as empty, these would be figures dropped without a word.
        let mut problems = Problems::default();
        problems.cell_names = true;
        for &(row, column) in &uncached {
            problems.at(
                row as usize + 1,
                column as usize + 1,
                "this formula has no stored result: the file was written by a program that does not calculate (openpyxl, xlsxwriter, pandas); open and save it in a spreadsheet program, or save the sheet as CSV",
            );
        }
        problems.table(format!(
            "{} formula cell{} without a stored result",
            uncached.len(),
            if uncached.len() == 1 { "" } else { "s" }
        ));
        return Err(problems);
    }
    let rows = rows(&cells);
    let read = interpret(options, title, 0, true, &|interpreter| {
        for row in &rows {
            interpreter.row(row.line, row);
        }
    });
    match read {
        Err(mut problems) => {
            // Problems name their sheet, as a user finds a cell in a workbook.
            let sheet = options
                .sheet
                .clone()
                .or_else(|| sheet_names(bytes).ok()?.into_iter().next());
            if let Some(sheet) = sheet {
                problems.name_sheet(&sheet);
            }
            Err(problems)
        }
        read => read,
    }
}

/// The first `limit` rows (row number from 1, cells as text) of sheet `name`, and how many
/// columns the widest of them spans; for the import dialog.
pub(super) fn first_rows(
    bytes: &[u8],
    name: &str,
    limit: usize,
) -> Result<Vec<(usize, Vec<String>)>, String> {
    guard::check(bytes, MAX_CELLS).map_err(|limit| limit.to_string())?;
    let bytes = &*whole_sectors(bytes);
    let options = TableOptions {
        sheet: Some(name.to_owned()),
        ..TableOptions::default()
    };
    let SheetCells { cells, .. } = cells(bytes, &options)?;
    Ok(rows(&cells)
        .iter()
        .take(limit)
        .map(|row| {
            let texts = (0..row.len().min(super::preview::MAX_COLUMNS))
                .map(|c| {
                    row.cell(c)
                        .text()
                        .map(|t| t.into_owned())
                        .unwrap_or_default()
                })
                .collect();
            (row.line, texts)
        })
        .collect())
}

/// The sheet [`read`] takes when none is named: the first one, unless it holds no table and
/// a later one does. `None` for a workbook without sheets.
pub(super) fn table_sheet(bytes: &[u8], options: &TableOptions) -> Option<String> {
    let names = sheet_names(bytes).ok()?;
    let bytes = &*whole_sectors(bytes);
    let holds_table = |name: &String| {
        let chosen = TableOptions {
            sheet: Some(name.clone()),
            ..options.clone()
        };
        !matches!(read_sheet(bytes, "", &chosen), Err(problems) if problems.no_table)
    };
    names
        .iter()
        .skip(1)
        .find(|name| !holds_table(&names[0]) && holds_table(name))
        .or(names.first())
        .cloned()
}

/// What a sheet holds: its cells, and where formulas without a stored result are (row and
/// column from 0).
struct SheetCells {
    cells: Vec<Placed>,
    uncached: Vec<(u32, u32)>,
}

fn cells(bytes: &[u8], options: &TableOptions) -> Result<SheetCells, String> {
    contained(|| cells_of(bytes, options))
}

fn cells_of(bytes: &[u8], options: &TableOptions) -> Result<SheetCells, String> {
    let mut workbook = open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|error| format!("cannot read the workbook: {error}"))?;
    let names = workbook.sheet_names();
    let name = match &options.sheet {
        Some(wanted) => names
            .iter()
            .find(|n| *n == wanted)
            .or_else(|| names.iter().find(|n| n.eq_ignore_ascii_case(wanted)))
            .cloned()
            .ok_or_else(|| {
                format!(
                    "the workbook has no sheet named {wanted:?}; its sheets are: {}",
                    listed(&names)
                )
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| "the workbook has no sheets".to_owned())?,
    };
    let mut placed = Vec::new();
    let unreadable = |error: &dyn std::fmt::Display| format!("cannot read sheet {name:?}: {error}");
    // XLSX and XLSB sheets are streamed, so a hostile file cannot make calamine allocate its
    // whole claimed range first.
    macro_rules! stream {
        ($book:expr) => {{
            let mut reader = $book
                .worksheet_cells_reader(&name)
                .map_err(|error| unreadable(&error))?;
            while let Some(cell) = reader.next_cell().map_err(|error| unreadable(&error))? {
                let value = Data::from(cell.get_value().clone());
                if value == Data::Empty {
                    continue;
                }
                if placed.len() == MAX_CELLS {
                    return Err(too_many(&name));
                }
                let (row, column) = cell.get_position();
                placed.push(Placed { row, column, value });
            }
        }};
    }
    let mut uncached = Vec::new();
    if let Sheets::Xlsx(book) = &mut workbook {
        let mut reader = book
            .worksheet_cells_reader(&name)
            .map_err(|error| unreadable(&error))?;
        while let Some(record) = reader
            .next_cell_with_formula_metadata()
            .map_err(|error| unreadable(&error))?
        {
            let value = Data::from(record.value);
            if value == Data::Empty {
                if record.formula.is_some() {
                    uncached.push(record.pos);
                }
                continue;
            }
            if placed.len() == MAX_CELLS {
                return Err(too_many(&name));
            }
            let (row, column) = record.pos;
            placed.push(Placed { row, column, value });
        }
    } else if let Sheets::Xlsb(book) = &mut workbook {
        stream!(book);
    } else {
        let range = workbook
            .worksheet_range(&name)
            .map_err(|error| unreadable(&error))?;
        let (top, left) = range.start().unwrap_or((0, 0));
        for (row, column, value) in range.used_cells() {
            if placed.len() == MAX_CELLS {
                return Err(too_many(&name));
            }
            let (Ok(row), Ok(column)) = (u32::try_from(row), u32::try_from(column)) else {
                return Err(too_many(&name));
            };
            placed.push(Placed {
                row: top.saturating_add(row),
                column: left.saturating_add(column),
                value: value.clone(),
            });
        }
    }
    placed.sort_by_key(|cell| (cell.row, cell.column));
    Ok(SheetCells {
        cells: placed,
        uncached,
    })
}

fn too_many(name: &str) -> String {
    format!("sheet {name:?} has more than {MAX_CELLS} cells; troopline reads at most that many")
}

/// The cells of one sheet row, sorted by column.
struct SheetRow<'c> {
    line: usize,
    cells: &'c [Placed],
}

fn rows(cells: &[Placed]) -> Vec<SheetRow<'_>> {
    cells
        .chunk_by(|a, b| a.row == b.row)
        .map(|cells| SheetRow {
            line: cells.first().map_or(0, |c| c.row as usize + 1),
            cells,
        })
        .collect()
}

impl Row for SheetRow<'_> {
    fn len(&self) -> usize {
        self.cells.last().map_or(0, |c| c.column as usize + 1)
    }

    fn cell(&self, column: usize) -> Cell<'_> {
        let Ok(column) = u32::try_from(column) else {
            return Cell::Empty;
        };
        match self.cells.binary_search_by_key(&column, |c| c.column) {
            Ok(at) => cell(&self.cells[at].value),
            Err(_) => Cell::Empty,
        }
    }
}

fn cell(value: &Data) -> Cell<'_> {
    match value {
        Data::Empty => Cell::Empty,
        #[allow(clippy::cast_precision_loss)] // counts are far below 2^53
        Data::Int(n) => Cell::Number(*n as f64),
        Data::Float(x) => Cell::Number(*x),
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => {
            Cell::Text(super::delimited::without_formula_guard(text))
        }
        Data::Bool(true) => Cell::Text("TRUE"),
        Data::Bool(false) => Cell::Text("FALSE"),
        Data::DateTime(moment) => {
            let date = moment
                .as_datetime()
                .filter(|_| moment.is_datetime())
                .and_then(|moment| {
                    Date::from_ymd(
                        chrono::Datelike::year(&moment),
                        chrono::Datelike::month(&moment),
                        chrono::Datelike::day(&moment),
                    )
                });
            match date {
                Some(date) => Cell::Date(date),
                None => Cell::Number(moment.as_f64()),
            }
        }
        Data::Error(error) => Cell::Text(match error {
            CellErrorType::Div0 => "#DIV/0!",
            CellErrorType::NA => "#N/A",
            CellErrorType::Name => "#NAME?",
            CellErrorType::Null => "#NULL!",
            CellErrorType::Num => "#NUM!",
            CellErrorType::Ref => "#REF!",
            CellErrorType::Value => "#VALUE!",
            CellErrorType::GettingData => "#GETTING_DATA",
        }),
    }
}
