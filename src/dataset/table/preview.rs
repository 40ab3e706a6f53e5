//! A table's first rows as read, for the import dialog: what the file holds before any
//! interpretation, so a user can see which row names the columns and what each column is.
//!
//! Rules:
//! - Rows keep their numbers in the file or sheet (from 1), the numbers problems name.
//! - At most [`MAX_COLUMNS`] columns and [`MAX_CELL_CHARS`] characters a cell are kept: the
//!   dialog shows a sample, never the whole file.
//! - Workbooks are checked by [`super::guard`] before calamine opens them, as for reading.

use std::collections::HashSet;

use super::delimited;
use super::detect::{Role, TidyColumns, normalize, role, split_unit};
use super::options::ColumnRole;
use super::panels::{CODE_NAMES, ENTITY_NAMES, TROOP_WORDS};
use super::roles::{self, FigureRole};
use super::{FileKind, sheet};

/// Columns shown at most.
pub const MAX_COLUMNS: usize = 60;
/// Characters a cell shows at most.
pub const MAX_CELL_CHARS: usize = 80;

/// The first rows of a table.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FirstRows {
    /// A workbook's sheets, in order (empty for delimited text).
    pub sheets: Vec<String>,
    /// The sheet shown.
    pub sheet: Option<String>,
    /// `(row number from 1, cells)`.
    pub rows: Vec<(usize, Vec<String>)>,
    /// The number of columns of the widest row shown.
    pub columns: usize,
}

/// The first `limit` rows of the table in `bytes`: of `sheet` in a workbook, else of the
/// sheet the reader would take.
pub fn first_rows(
    bytes: &[u8],
    kind: FileKind,
    sheet: Option<&str>,
    limit: usize,
) -> Result<FirstRows, String> {
    let mut shown = match kind {
        FileKind::Workbook => {
            // calamine trusts what a workbook declares: the limits are checked first.
            super::guard::check(bytes, sheet::MAX_CELLS).map_err(|limit| limit.to_string())?;
            let sheets = sheet::sheet_names(bytes)?;
            let name = match sheet {
                Some(name) => name.to_owned(),
                None => sheet::table_sheet(bytes, &super::TableOptions::default())
                    .ok_or_else(|| "the workbook has no sheets".to_owned())?,
            };
            let rows = sheet::first_rows(bytes, &name, limit)?;
            FirstRows {
                sheets,
                sheet: Some(name),
                rows,
                columns: 0,
            }
        }
        FileKind::Delimited(_) | FileKind::Ron => {
            let text = delimited::decode(bytes);
            let delimiter = match kind {
                FileKind::Delimited(Some(delimiter)) => delimiter,
                _ => delimited::sniff(&text),
            };
            let mut reader = delimited::csv_reader(text.as_bytes(), delimiter);
            let mut record = csv::ByteRecord::new();
            let mut rows = Vec::new();
            while rows.len() < limit {
                match reader.read_byte_record(&mut record) {
                    Ok(true) => {}
                    Ok(false) | Err(_) => break,
                }
                let line = record
                    .position()
                    .map_or(0, |p| usize::try_from(p.line()).unwrap_or(usize::MAX));
                let cells = record
                    .iter()
                    .take(MAX_COLUMNS)
                    .map(|cell| {
                        delimited::without_formula_guard(&String::from_utf8_lossy(cell)).to_owned()
                    })
                    .collect();
                rows.push((line, cells));
            }
            FirstRows {
                rows,
                ..FirstRows::default()
            }
        }
    };
    for (_, cells) in &mut shown.rows {
        cells.truncate(MAX_COLUMNS);
        for cell in cells.iter_mut() {
            let trimmed = cell.trim();
            *cell = if trimmed.chars().count() > MAX_CELL_CHARS {
                let cut: String = trimmed.chars().take(MAX_CELL_CHARS - 1).collect();
                format!("{cut}…")
            } else {
                trimmed.to_owned()
            };
        }
        while cells.last().is_some_and(String::is_empty) {
            cells.pop();
        }
    }
    shown.columns = shown.rows.iter().map(|(_, c)| c.len()).max().unwrap_or(0);
    Ok(shown)
}

/// `A`, `B`, …, `Z`, `AA`: a column's letters as spreadsheets show them (from 0).
pub fn column_letters(index: usize) -> String {
    super::cells::cell_name(1, index + 1)
        .trim_end_matches('1')
        .to_owned()
}

/// What the reader guesses each column of `headers` is, when the user says nothing; `None`
/// for a tidy table (a `series` column), whose columns are read by their names.
pub fn guessed_roles(headers: &[String]) -> Option<Vec<ColumnRole>> {
    if TidyColumns::from_headers(headers).is_some() {
        return None;
    }
    let name = |h: &String| normalize(split_unit(h).0);
    let date = headers.iter().position(|h| role(h) == Role::Date);
    let entity = date.and_then(|_| {
        ENTITY_NAMES
            .iter()
            .find_map(|wanted| headers.iter().position(|h| name(h) == *wanted))
    });
    // A panel charts the columns named after troops when it has any, else every column of
    // figures (see `panels`).
    let troop_named = |h: &String| {
        normalize(h)
            .split(' ')
            .any(|part| TROOP_WORDS.contains(&part))
    };
    let only_troop_named = entity.is_some() && headers.iter().any(troop_named);
    let mut seen = HashSet::new();
    Some(
        headers
            .iter()
            .enumerate()
            .map(|(index, header)| {
                if Some(index) == entity {
                    return ColumnRole::Entity;
                }
                let own = role(header);
                // A second date (end, source, note) column is left alone by the reader.
                if own != Role::Figures && !seen.insert(own) {
                    return ColumnRole::Ignore;
                }
                match own {
                    Role::Date => ColumnRole::Date,
                    Role::End => ColumnRole::End,
                    Role::Source => ColumnRole::Source,
                    Role::Note => ColumnRole::Note,
                    Role::Figures => {
                        let plain = name(header);
                        let panel_only = entity.is_some()
                            && (CODE_NAMES.contains(&plain.as_str())
                                || ENTITY_NAMES.contains(&plain.as_str()));
                        match roles::guess(header) {
                            _ if panel_only => ColumnRole::Ignore,
                            _ if only_troop_named && !troop_named(header) => ColumnRole::Ignore,
                            FigureRole::Troops => ColumnRole::Troops,
                            FigureRole::Casualties => ColumnRole::Casualties,
                            FigureRole::Ignore => ColumnRole::Ignore,
                        }
                    }
                }
            })
            .collect(),
    )
}

/// The index in `rows` of the header row: the row numbered `chosen`, else the first row with
/// at least two filled cells (the reader's rule).
pub fn header_index(rows: &[(usize, Vec<String>)], chosen: Option<usize>) -> Option<usize> {
    match chosen {
        Some(line) => rows.iter().position(|(at, _)| *at >= line),
        None => rows
            .iter()
            .position(|(_, cells)| cells.iter().filter(|c| !c.is_empty()).count() >= 2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimited_rows_keep_their_line_numbers_and_are_bounded() {
        let long = "x".repeat(500);
        let text = format!("Title\ndate,\"a\nb\",{long}\n2019-01-01,5,'=1+1,,\n");
        let shown =
            first_rows(text.as_bytes(), FileKind::Delimited(None), None, 10).unwrap_or_default();
        let lines: Vec<usize> = shown.rows.iter().map(|(line, _)| *line).collect();
        assert_eq!(lines, [1, 2, 4]);
        assert_eq!(shown.rows[1].1[1], "a\nb");
        assert_eq!(shown.rows[1].1[2].chars().count(), MAX_CELL_CHARS);
        assert!(shown.rows[1].1[2].ends_with('…'));
        // A cell of exactly the limit is shown whole.
        let exact = "y".repeat(MAX_CELL_CHARS);
        let whole = first_rows(
            format!("a,{exact}\n").as_bytes(),
            FileKind::Delimited(None),
            None,
            1,
        )
        .unwrap_or_default();
        assert_eq!(whole.rows[0].1[1], exact);
        // The formula guard is undone and trailing blanks are dropped.
        assert_eq!(shown.rows[2].1, ["2019-01-01", "5", "=1+1"]);
        assert_eq!(shown.columns, 3);
        let two =
            first_rows(text.as_bytes(), FileKind::Delimited(None), None, 2).unwrap_or_default();
        assert_eq!(two.rows.len(), 2);
        let wide = format!("{}\n", "1,".repeat(1000));
        let wide =
            first_rows(wide.as_bytes(), FileKind::Delimited(None), None, 2).unwrap_or_default();
        assert_eq!(wide.columns, MAX_COLUMNS);
    }

    #[test]
    fn a_delimiter_the_file_kind_names_is_used_not_sniffed() {
        // One comma and one tab a line: sniffing would take the comma.
        let text = "date\tvalue, thousands\n2019\t1,5\n";
        let tabs = first_rows(text.as_bytes(), FileKind::Delimited(Some(b'\t')), None, 5)
            .unwrap_or_default();
        assert_eq!(tabs.rows[0].1, ["date", "value, thousands"]);
        let sniffed =
            first_rows(text.as_bytes(), FileKind::Delimited(None), None, 5).unwrap_or_default();
        assert_ne!(sniffed.rows[0].1, tabs.rows[0].1);
    }

    #[test]
    fn workbooks_list_their_sheets_and_show_the_one_with_the_table() {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/tables/notes-first.xlsx"
        ))
        .unwrap_or_default();
        let shown = first_rows(&bytes, FileKind::Workbook, None, 5).unwrap_or_default();
        assert_eq!(shown.sheets, ["Notes", "Data"]);
        // A sheet of label/value notes reads as a table with mistakes: it is the one the
        // reader takes, and shown, so the user sees why and picks the other.
        assert_eq!(shown.sheet.as_deref(), Some("Notes"));
        let data = first_rows(&bytes, FileKind::Workbook, Some("Data"), 5).unwrap_or_default();
        assert_eq!(data.sheet.as_deref(), Some("Data"));
        assert_ne!(data.rows, shown.rows);
        assert!(data.rows.len() > 1);
        assert!(first_rows(&bytes, FileKind::Workbook, Some("nope"), 5).is_err());
    }

    #[test]
    fn columns_are_lettered_as_spreadsheets_do() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
    }
}

#[cfg(test)]
mod role_tests {
    use super::*;

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn wide_headers_get_the_reader_s_roles() {
        use ColumnRole::*;
        let roles = guessed_roles(&strings(&[
            "date",
            "Germany",
            "US deaths",
            "Total",
            "source",
            "note",
            "to",
            "date",
        ]));
        assert_eq!(
            roles,
            Some(vec![
                Date, Troops, Casualties, Ignore, Source, Note, End, Ignore
            ])
        );
    }

    #[test]
    fn panels_have_an_entity_and_their_codes_are_left_out() {
        use ColumnRole::*;
        let roles = guessed_roles(&strings(&["countryname", "ccode", "year", "troops"]));
        assert_eq!(roles, Some(vec![Entity, Ignore, Date, Troops]));
        // Columns named after troops are the values when there are any.
        let roles = guessed_roles(&strings(&["country", "year", "troops", "army", "deaths"]));
        assert_eq!(roles, Some(vec![Entity, Date, Troops, Ignore, Ignore]));
        let roles = guessed_roles(&strings(&["Entity", "Code", "Year", "US forces"]));
        assert_eq!(roles, Some(vec![Entity, Ignore, Date, Troops]));
        // Without a date column, a country column is just a column.
        let roles = guessed_roles(&strings(&["country", "troops"]));
        assert_eq!(roles, Some(vec![Troops, Troops]));
    }

    #[test]
    fn tidy_tables_have_no_roles_to_choose() {
        assert_eq!(guessed_roles(&strings(&["series", "date", "value"])), None);
    }

    #[test]
    fn the_header_is_the_chosen_row_or_the_first_with_two_cells() {
        let rows = vec![
            (1, strings(&["Title"])),
            (2, strings(&["date", "a"])),
            (4, strings(&["2019", "5"])),
        ];
        assert_eq!(header_index(&rows, None), Some(1));
        assert_eq!(header_index(&rows, Some(3)), Some(2));
        assert_eq!(header_index(&rows, Some(9)), None);
        assert_eq!(header_index(&rows[..1], None), None);
    }
}
