//! Wide tables: a date column and one column of figures per series.
//!
//! ```text
//! date,Germany,Japan,South Korea
//! 2019-01-01,35000,55000,28500
//! ```
//!
//! Each figures column becomes a troop-level series, or a casualty series when its header names
//! deaths or wounded, when named by `--casualties`, or when the table has `from` and `to`
//! columns (periods); a `Total` or percentage column is left out (see [`super::roles`]). Cells
//! may carry footnote marks, approximations and ranges ([`super::marks`]); a unit word in the
//! header multiplies the figures ([`super::units`]).

use std::collections::{HashMap, HashSet};

use super::cells::{Cell, Reader, Row};
use super::dates::{Precision, last_day};
use super::detect::{Role, Slugs, role, split_unit};
use super::marks::{Figure, level_point};
use super::options::{Bound, TableOptions};
use super::roles::{self, FigureRole};
use super::units;
use crate::dataset::{Casualties, Date, Deployment, Period, Point, Source};

/// Whether a cell right of the header holds a figure: a number, or text of digits and the
/// marks numbers are written with (`1,234`, `1 234,5`, `12'000`).
fn looks_like_figure(cell: Cell<'_>) -> bool {
    match cell {
        Cell::Number(_) => true,
        Cell::Text(text) => {
            let text = text.trim();
            text.bytes().any(|b| b.is_ascii_digit())
                && text.chars().all(|c| {
                    c.is_ascii_digit()
                        || matches!(
                            c,
                            ',' | '.' | '\'' | '’' | ' ' | '\u{a0}' | '\u{202f}' | '-'
                        )
                })
        }
        Cell::Empty | Cell::Date(_) => false,
    }
}

/// The most columns a table may have (cells per row).
pub const MAX_COLUMNS: usize = 100_000;

/// One column of figures.
#[derive(Debug)]
struct Figures {
    /// Position in the row (from 0).
    index: usize,
    header: String,
    label: String,
    id: String,
    /// Factor of the header's unit ("thousands": 1000).
    scale: u32,
    casualties: bool,
    /// `(row, figure)`: the row's index in [`Wide::rows`].
    values: Vec<(u32, Figure)>,
    /// Rows (of [`Wide::rows`]) where this column has no figure, with the cell's text when it
    /// says so (`n/a`, `–`, `..`); `None` when it is blank.
    gaps: Vec<(u32, Option<Box<str>>)>,
}

/// A column giving one end of the ranges of another column's figures.
#[derive(Clone, Copy, Debug)]
struct BoundColumn {
    /// Position in the row (from 0).
    index: usize,
    /// Position of the series column whose ranges it gives.
    owner: usize,
    bound: Bound,
    scale: u32,
}

/// The date (and end, in a table of periods) of one row with figures.
#[derive(Clone, Copy, Debug)]
struct Dated {
    date: Date,
    precision: Precision,
    end: Option<Date>,
    line: u32,
}

/// A wide table being read.
#[derive(Debug)]
pub struct Wide {
    date: Option<usize>,
    end: Option<usize>,
    source: Option<usize>,
    note: Option<usize>,
    columns: Vec<Figures>,
    /// Columns giving the low or high end of another column's figures.
    bounds: Vec<BoundColumn>,
    rows: Vec<Dated>,
    /// Each row's source (index into `sources`), when the table has a source column.
    row_sources: Vec<Option<u32>>,
    /// Each row's note, when the table has a note column.
    row_notes: Vec<Option<Box<str>>>,
    sources: Vec<Source>,
    source_ids: HashMap<String, u32>,
    /// The ids of `sources`, kept so that a new one is unique without a scan.
    source_slugs: Slugs,
    /// The ids of `columns`, for columns found right of the header.
    column_slugs: Slugs,
    /// Cells from this index on are right of the header.
    header_width: usize,
    /// Indexes of the columns found right of the header.
    right: HashSet<usize>,
    header_line: usize,
    /// Absolute column number of the row's first cell, minus one.
    column_offset: usize,
    started: bool,
}

/// What a wide table holds, ready to become a dataset.
#[derive(Debug)]
pub struct WideParts {
    /// Troop-level series.
    pub deployments: Vec<Deployment>,
    /// Casualty series.
    pub casualties: Vec<Casualties>,
    /// Sources named in a source column.
    pub sources: Vec<Source>,
}

impl Wide {
    /// Reads the header row; problems (an unknown `--casualties` column) go to `reader`.
    pub fn new(
        headers: &[String],
        options: &TableOptions,
        header_line: usize,
        column_offset: usize,
        reader: &mut Reader,
    ) -> Self {
        let mut table = Self {
            date: None,
            end: None,
            source: None,
            note: None,
            columns: Vec::new(),
            bounds: Vec::new(),
            rows: Vec::new(),
            row_sources: Vec::new(),
            row_notes: Vec::new(),
            sources: Vec::new(),
            source_ids: HashMap::new(),
            source_slugs: Slugs::default(),
            column_slugs: Slugs::default(),
            header_width: headers.len(),
            right: HashSet::new(),
            header_line,
            column_offset,
            started: false,
        };
        let mut slugs = Slugs::default();
        let mut chosen = |flag: &str, wanted: Option<&str>| {
            let wanted = wanted?;
            let found = headers
                .iter()
                .position(|h| roles::names(wanted, h, split_unit(h).0, ""));
            if found.is_none() {
                reader.problems.at(
                    header_line,
                    0,
                    format!(
                        "{flag} {wanted:?}: no such column; the columns are {}",
                        listed(headers.iter())
                    ),
                );
            }
            found
        };
        let chosen_date = chosen("--date", options.date.as_deref());
        table.date = chosen_date;
        let chosen_source = chosen("--source-column", options.source.as_deref());
        let chosen_note = chosen("--note-column", options.note.as_deref());
        table.source = chosen_source;
        table.note = chosen_note;
        for (index, header) in headers.iter().enumerate() {
            if [chosen_date, chosen_source, chosen_note].contains(&Some(index)) {
                continue;
            }
            let bound = options
                .bounds
                .iter()
                .find(|(w, _)| roles::names(w, header, split_unit(header).0, ""));
            if let Some(&(_, bound)) = bound {
                // The range of the series column nearest on the left.
                match table.columns.last() {
                    Some(owner) => table.bounds.push(BoundColumn {
                        index,
                        owner: owner.index,
                        bound,
                        scale: units::scale(header).max(owner.scale),
                    }),
                    None => reader.problems.at(
                        header_line,
                        column_offset + index + 1,
                        format!(
                            "column {header:?} is the {} end of a range, but no series column is on its left; put it right of the column whose range it gives",
                            match bound {
                                Bound::Low => "low",
                                Bound::High => "high",
                            }
                        ),
                    ),
                }
                continue;
            }
            let own_role = match role(header) {
                Role::Date if chosen_date.is_some() => Role::Figures,
                Role::Source if chosen_source.is_some() => Role::Figures,
                Role::Note if chosen_note.is_some() => Role::Figures,
                other => other,
            };
            let slot = match own_role {
                Role::Date => &mut table.date,
                Role::End => &mut table.end,
                Role::Source => &mut table.source,
                Role::Note => &mut table.note,
                Role::Figures => {
                    let (label, _) = split_unit(header);
                    let label = if label.is_empty() {
                        format!("Column {}", column_offset + index + 1)
                    } else {
                        label.to_owned()
                    };
                    let id = slugs.unique(&label);
                    let header = header.trim();
                    let named =
                        |list: &[String]| list.iter().any(|w| roles::names(w, header, &label, &id));
                    let renamed = options
                        .name_of(|w| roles::names(w, header, &label, &id))
                        .map(str::to_owned);
                    let figure_role = if named(&options.ignore) {
                        FigureRole::Ignore
                    } else if named(&options.casualties) {
                        FigureRole::Casualties
                    } else if named(&options.troops) {
                        FigureRole::Troops
                    } else {
                        let guessed = roles::guess(header);
                        if let Some(said) = roles::explain(header, guessed) {
                            reader.guesses.push(said);
                        }
                        guessed
                    };
                    if figure_role == FigureRole::Ignore {
                        continue;
                    }
                    let (label, id) = match renamed {
                        Some(name) => {
                            let id = slugs.unique(&name);
                            (name, id)
                        }
                        None => (label, id),
                    };
                    table.columns.push(Figures {
                        index,
                        header: header.to_owned(),
                        label,
                        id,
                        scale: units::scale(header),
                        casualties: figure_role == FigureRole::Casualties,
                        values: Vec::new(),
                        gaps: Vec::new(),
                    });
                    continue;
                }
            };
            // A second date (or end, source, note) column is left alone: the first one counts.
            if slot.is_none() {
                *slot = Some(index);
            }
        }
        table.column_slugs = slugs;
        if table.date.is_none() && table.end.is_some() {
            // `to` alone is not a table of periods; read it as the date.
            table.date = table.end.take();
        }
        let periods = table.date.is_some() && table.end.is_some();
        let names: Vec<String> = options.names.iter().map(|(c, _)| c.clone()).collect();
        let low: Vec<String> = options
            .bounds
            .iter()
            .filter(|(_, b)| *b == Bound::Low)
            .map(|(c, _)| c.clone())
            .collect();
        let high: Vec<String> = options
            .bounds
            .iter()
            .filter(|(_, b)| *b == Bound::High)
            .map(|(c, _)| c.clone())
            .collect();
        for (flag, list) in [
            ("--casualties", &options.casualties),
            ("--troops", &options.troops),
            ("--ignore", &options.ignore),
            ("--name", &names),
            ("--low", &low),
            ("--high", &high),
        ] {
            for wanted in list {
                // A column without a header is named as troopline labels it: `Column N`.
                let known = headers.iter().enumerate().any(|(index, h)| {
                    roles::names(
                        wanted,
                        h,
                        split_unit(h).0,
                        &super::detect::slug(split_unit(h).0),
                    ) || (h.trim().is_empty()
                        && *wanted == format!("Column {}", column_offset + index + 1))
                });
                if !known {
                    reader.problems.at(
                        header_line,
                        0,
                        format!(
                            "{flag} {wanted:?}: no such column; the columns are {}",
                            listed(headers.iter())
                        ),
                    );
                }
            }
        }
        if periods {
            for column in &mut table.columns {
                column.casualties = true;
            }
        }
        table
    }

    /// Whether the layout is settled (header read, date column found, units row passed), so
    /// that the remaining rows can be read in pieces by [`Wide::fork`]s.
    pub fn is_settled(&self) -> bool {
        self.started && self.date.is_some()
    }

    /// An empty table with the same columns, to read a later piece of the rows.
    pub fn fork(&self) -> Self {
        Self {
            date: self.date,
            end: self.end,
            source: self.source,
            note: self.note,
            columns: self
                .columns
                .iter()
                .map(|c| Figures {
                    index: c.index,
                    header: c.header.clone(),
                    label: c.label.clone(),
                    id: c.id.clone(),
                    scale: c.scale,
                    casualties: c.casualties,
                    values: Vec::new(),
                    gaps: Vec::new(),
                })
                .collect(),
            bounds: self.bounds.clone(),
            rows: Vec::new(),
            row_sources: Vec::new(),
            row_notes: Vec::new(),
            sources: Vec::new(),
            source_ids: HashMap::new(),
            source_slugs: Slugs::default(),
            column_slugs: self.column_slugs.clone(),
            header_width: self.header_width,
            right: self.right.clone(),
            header_line: self.header_line,
            column_offset: self.column_offset,
            started: true,
        }
    }

    /// Appends the rows a fork read (from the piece right after this table's rows).
    pub fn join(&mut self, piece: Self) {
        let Ok(offset) = u32::try_from(self.rows.len()) else {
            return;
        };
        self.rows.extend(piece.rows);
        // A piece may have found columns right of the header that this table has not.
        let positions: HashMap<usize, usize> = self
            .columns
            .iter()
            .enumerate()
            .map(|(at, c)| (c.index, at))
            .collect();
        for mut theirs in piece.columns {
            let values = theirs
                .values
                .drain(..)
                .map(|(row, value)| (row + offset, value));
            let gaps: Vec<_> = theirs
                .gaps
                .drain(..)
                .map(|(row, said)| (row + offset, said))
                .collect();
            match positions.get(&theirs.index) {
                Some(&at) => {
                    self.columns[at].values.extend(values);
                    self.columns[at].gaps.extend(gaps);
                }
                None => {
                    let values: Vec<_> = values.collect();
                    theirs.id = self.column_slugs.unique(&theirs.label);
                    self.right.insert(theirs.index);
                    theirs.values = values;
                    theirs.gaps = gaps;
                    self.columns.push(theirs);
                }
            }
        }
        let remap: Vec<Option<u32>> = piece
            .sources
            .iter()
            .map(|source| self.source_id(&source.title))
            .collect();
        self.row_sources.extend(
            piece
                .row_sources
                .into_iter()
                .map(|s| s.and_then(|i| remap.get(i as usize).copied().flatten())),
        );
        self.row_notes.extend(piece.row_notes);
    }

    fn column_number(&self, index: usize) -> usize {
        self.column_offset + index + 1
    }

    /// Reads one row under the header. `false`: the table cannot be read further.
    pub fn row<R: Row>(&mut self, line: usize, row: &R, reader: &mut Reader) -> bool {
        if !self.started && row.is_blank() {
            return true;
        }
        if !self.started {
            self.started = true;
            if self.date.is_none() {
                // No header names a date: the first column whose first cell is a date.
                let found = self
                    .columns
                    .iter()
                    .position(|c| Reader::looks_like_date(row.cell(c.index)));
                let Some(position) = found else {
                    reader.problems.at(
                        self.header_line,
                        0,
                        "no column of dates: name one \"date\" (or year, month, from, as of), or put dates in the first column",
                    );
                    return false;
                };
                self.date = Some(self.columns.remove(position).index);
            }
            if self.is_units_row(row) {
                for column in &mut self.columns {
                    if let Some(text) = row.cell(column.index).text() {
                        column.scale = column.scale.max(units::scale(&text));
                    }
                }
                return true;
            }
        }
        if !self.columns_right_of_header(row, line, reader) {
            return false;
        }
        let blank = |c: &Figures| row.cell(c.index).text().is_none_or(|t| t.trim().is_empty());
        if self.columns.iter().all(blank) {
            // No figures: a blank row, a footnote or a row of text. A row of "n/a" is kept:
            // it says the figures are unknown at its date.
            return true;
        }
        let Some(date_index) = self.date else {
            return false;
        };
        let Some((date, precision)) = self.date_at(row, date_index, line, reader, "date") else {
            return true;
        };
        let end = match self.end {
            Some(end_index) => match self.date_at(row, end_index, line, reader, "last day") {
                Some((end, end_precision)) => Some(last_day(end, end_precision)),
                None => return true,
            },
            None => None,
        };
        let Ok(index) = u32::try_from(self.rows.len()) else {
            reader
                .problems
                .table("the table has more rows than troopline reads (4 billion)");
            return false;
        };
        self.rows.push(Dated {
            date,
            precision,
            end,
            line: u32::try_from(line).unwrap_or(u32::MAX),
        });
        for column in &mut self.columns {
            let number = self.column_offset + column.index + 1;
            let cell = row.cell(column.index);
            if cell.is_missing() {
                column.gaps.push((
                    index,
                    cell.text().map(|t| t.trim().chars().take(20).collect()),
                ));
            } else if let Some(figure) = reader.figure(cell, line, number, column.scale) {
                column.values.push((index, figure));
            }
        }
        self.read_bounds(row, line, index, reader);
        if let Some(source_index) = self.source {
            let source = row
                .cell(source_index)
                .text()
                .map(|text| self.source_id(text.trim()));
            self.row_sources.push(source.flatten());
        }
        if let Some(note_index) = self.note {
            let note: Option<Box<str>> = row.cell(note_index).text().map(|text| text.trim().into());
            self.row_notes.push(note.filter(|n| !n.is_empty()));
        }
        true
    }

    /// Sets the low and high ends the bound columns give to the figures of row `index`.
    fn read_bounds<R: Row>(&mut self, row: &R, line: usize, index: u32, reader: &mut Reader) {
        for bound in &self.bounds {
            let cell = row.cell(bound.index);
            if cell.is_missing() {
                continue;
            }
            let number = self.column_offset + bound.index + 1;
            let Some(value) = reader.figure(cell, line, number, bound.scale) else {
                continue;
            };
            let Some(column) = self.columns.iter_mut().find(|c| c.index == bound.owner) else {
                continue;
            };
            let Some((_, figure)) = column.values.last_mut().filter(|(row, _)| *row == index)
            else {
                reader.problems.at(
                    line,
                    number,
                    format!(
                        "a range end without a figure: column {:?} has none in this row",
                        column.header
                    ),
                );
                continue;
            };
            match bound.bound {
                Bound::Low => figure.low = Some(value.low.unwrap_or(value.value)),
                Bound::High => figure.high = Some(value.high.unwrap_or(value.value)),
            }
            let (low, high) = (
                figure.low.unwrap_or(figure.value),
                figure.high.unwrap_or(figure.value),
            );
            if low > figure.value || figure.value > high {
                reader.problems.at(
                    line,
                    number,
                    format!(
                        "the range {low}–{high} does not hold the figure {}; check the low and high columns",
                        figure.value
                    ),
                );
            }
        }
    }

    /// Adds a `Column N` series for each cell right of the header that holds something, as
    /// docs/tables.md promises: no figure is dropped for want of a header. `false` when the
    /// row is wider than [`MAX_COLUMNS`] (a problem is noted).
    fn columns_right_of_header<R: Row>(
        &mut self,
        row: &R,
        line: usize,
        reader: &mut Reader,
    ) -> bool {
        let width = row.len();
        if width <= self.header_width {
            return true;
        }
        if width > MAX_COLUMNS {
            reader.problems.at(
                line,
                0,
                format!(
                    "this row has {width} cells; troopline reads tables of at most {MAX_COLUMNS} columns"
                ),
            );
            return false;
        }
        let periods = self.date.is_some() && self.end.is_some();
        for index in self.header_width..width {
            // Only figures start a series: a footnote or remark right of the table does not.
            if !looks_like_figure(row.cell(index)) || !self.right.insert(index) {
                continue;
            }
            let label = format!("Column {}", self.column_number(index));
            self.columns.push(Figures {
                index,
                header: String::new(),
                id: self.column_slugs.unique(&label),
                label,
                scale: 1,
                casualties: periods,
                values: Vec::new(),
                gaps: Vec::new(),
            });
        }
        true
    }

    fn date_at<R: Row>(
        &self,
        row: &R,
        index: usize,
        line: usize,
        reader: &mut Reader,
        what: &str,
    ) -> Option<(Date, Precision)> {
        let cell = row.cell(index);
        let column = self.column_number(index);
        if cell.is_missing() {
            reader
                .problems
                .at(line, column, format!("this row has figures but no {what}"));
            return None;
        }
        reader.date(cell, line, column)
    }

    /// The row right under the header holds units when it has no date and no numbers.
    fn is_units_row<R: Row>(&self, row: &R) -> bool {
        let Some(date) = self.date else { return false };
        if Reader::looks_like_date(row.cell(date)) {
            return false;
        }
        let mut any = false;
        for column in &self.columns {
            match row.cell(column.index) {
                Cell::Empty => {}
                Cell::Text(text) if text.trim().is_empty() => {}
                Cell::Text(text) => {
                    if super::numbers::scan(text).is_ok() {
                        return false;
                    }
                    any = true;
                }
                Cell::Number(_) | Cell::Date(_) => return false,
            }
        }
        any
    }

    fn source_id(&mut self, text: &str) -> Option<u32> {
        if text.is_empty() {
            return None;
        }
        if let Some(&id) = self.source_ids.get(text) {
            return Some(id);
        }
        let url =
            (text.starts_with("http://") || text.starts_with("https://")).then(|| text.to_owned());
        let index = u32::try_from(self.sources.len()).ok()?;
        self.sources.push(Source {
            id: self.source_slugs.unique(text),
            title: text.to_owned(),
            publisher: String::new(),
            url,
            published: None,
        });
        self.source_ids.insert(text.to_owned(), index);
        Some(index)
    }

    /// The series, once every row is read.
    pub fn finish(self, reader: &mut Reader) -> WideParts {
        let Self {
            date,
            columns,
            rows,
            row_sources,
            row_notes,
            sources,
            header_line,
            column_offset,
            ..
        } = self;
        let date_column = date.map_or(0, |d| column_offset + d + 1);
        if rows.is_empty() && reader.problems.is_empty() {
            reader
                .problems
                .at(header_line + 1, 0, "no rows of figures under the header");
        }
        // Distinct dates in order: a casualty count at one date runs to the next date.
        let calendar = if columns.iter().any(|c| c.casualties) {
            let mut all: Vec<Date> = rows.iter().map(|r| r.date).collect();
            all.sort_unstable();
            all.dedup();
            all
        } else {
            Vec::new()
        };
        let source = |row: u32| -> Option<String> {
            let index = (*row_sources.get(row as usize)?)?;
            sources.get(index as usize).map(|s| s.id.clone())
        };
        let note = |row: u32, figure: &Figure| -> Option<String> {
            let written = row_notes.get(row as usize).and_then(|n| n.as_deref());
            match (figure.note(), written) {
                (Some(mark), Some(written)) => Some(format!("{mark}; {written}")),
                (Some(mark), None) => Some(mark.to_owned()),
                (None, written) => written.map(str::to_owned),
            }
        };
        let mut parts = WideParts {
            deployments: Vec::new(),
            casualties: Vec::new(),
            sources: Vec::new(),
        };
        for mut column in columns {
            if column.values.is_empty() {
                // Said only when nothing else is wrong: a column of unreadable cells has
                // a problem for each already.
                if !column.header.is_empty() && reader.problems.is_empty() {
                    reader.problems.at(
                        header_line,
                        column_offset + column.index + 1,
                        format!("column {:?} has no figures", column.header),
                    );
                }
                continue;
            }
            let sorted = column
                .values
                .windows(2)
                .all(|w| rows[w[0].0 as usize].date < rows[w[1].0 as usize].date);
            if !sorted {
                column
                    .values
                    .sort_by_key(|&(row, _)| rows[row as usize].date);
                for pair in column.values.windows(2) {
                    let (a, b) = (&rows[pair[0].0 as usize], &rows[pair[1].0 as usize]);
                    if a.date == b.date {
                        let (first, again) = if a.line < b.line { (a, b) } else { (b, a) };
                        reader.problems.at(
                            again.line as usize,
                            date_column,
                            format!(
                                "{} is already in row {} and column {:?} has figures in both",
                                again.date, first.line, column.header
                            ),
                        );
                    }
                }
            }
            let unknown = unknown_rows(&column, &rows);
            if column.casualties {
                let mut periods = column
                    .values
                    .iter()
                    .map(|&(row, figure)| {
                        let dated = rows[row as usize];
                        Period {
                            from: dated.date,
                            to: dated.end.unwrap_or_else(|| period_end(&calendar, dated)),
                            count: Some(figure.value),
                            low: figure.low,
                            high: figure.high,
                            source: source(row),
                            note: note(row, &figure),
                            estimates: Vec::new(),
                        }
                    })
                    .collect::<Vec<_>>();
                check_periods(&periods, &column.values, &rows, reader, date_column);
                // A count nobody has is a period of unknown count: a gap, never zero.
                periods.extend(unknown.iter().map(|&(row, said)| {
                    let dated = rows[row as usize];
                    Period {
                        from: dated.date,
                        to: dated.end.unwrap_or_else(|| period_end(&calendar, dated)),
                        count: None,
                        low: None,
                        high: None,
                        source: source(row),
                        note: Some(unknown_note(
                            said,
                            row_notes.get(row as usize).and_then(|n| n.as_deref()),
                        )),
                        estimates: Vec::new(),
                    }
                }));
                periods.sort_by_key(|p| p.from);
                parts.casualties.push(Casualties {
                    id: column.id,
                    label: column.label,
                    source: None,
                    description: None,
                    unit: None,
                    periods,
                });
            } else {
                let mut points: Vec<Point> = column
                    .values
                    .iter()
                    .map(|&(row, figure)| {
                        let dated = rows[row as usize];
                        let note = note(row, &figure);
                        level_point(
                            dated.date,
                            dated.precision,
                            Some(&figure),
                            source(row),
                            note,
                        )
                    })
                    .collect();
                // A level nobody has is an unknown point: the line breaks there.
                points.extend(unknown.iter().map(|&(row, said)| {
                    let dated = rows[row as usize];
                    let written = row_notes.get(row as usize).and_then(|n| n.as_deref());
                    let note = Some(unknown_note(said, written));
                    level_point(dated.date, dated.precision, None, source(row), note)
                }));
                points.sort_by_key(|p| p.date);
                parts.deployments.push(Deployment {
                    id: column.id,
                    label: column.label,
                    source: None,
                    description: None,
                    measure: None,
                    line: Default::default(),
                    points,
                });
            }
        }
        if parts.deployments.is_empty() && !parts.casualties.is_empty() {
            reader.problems.table(
                "the table has only casualty counts; troopline charts them beside troop levels: add a column of troop levels, or leave one out of --casualties",
            );
        }
        parts.sources = sources;
        parts
    }
}

/// The rows where a column's figure is unknown, in no particular order: every cell that says
/// so (`n/a`, `–`, `..`), and blank cells between its first and last figure when the column is
/// dense there (figures in at least half of those rows). A sparse column is one measured less
/// often than the table's other columns (yearly beside monthly): its blanks are dates it was
/// not measured at, and its line joins its figures. Rows at a date the column has a figure for
/// are left out (two rows of one date).
fn unknown_rows<'c>(column: &'c Figures, rows: &[Dated]) -> Vec<(u32, Option<&'c str>)> {
    let dates: HashSet<Date> = column
        .values
        .iter()
        .map(|&(row, _)| rows[row as usize].date)
        .collect();
    let (Some(first), Some(last)) = (dates.iter().min(), dates.iter().max()) else {
        return Vec::new();
    };
    let inside = |row: u32| {
        let date = rows[row as usize].date;
        *first < date && date < *last
    };
    let blanks_inside = column
        .gaps
        .iter()
        .filter(|(row, said)| said.is_none() && inside(*row))
        .count();
    let dense = column.values.len() >= blanks_inside;
    let mut seen = HashSet::new();
    column
        .gaps
        .iter()
        .filter(|(row, said)| said.is_some() || (dense && inside(*row)))
        .map(|(row, said)| (*row, said.as_deref()))
        .filter(|&(row, _)| {
            let date = rows[row as usize].date;
            !dates.contains(&date) && seen.insert(date)
        })
        .collect()
}

/// The note of an unknown figure: what the table had there, and the row's own note.
fn unknown_note(said: Option<&str>, written: Option<&str>) -> String {
    let had = match said {
        Some(text) => format!("no figure: the table says {text:?}"),
        None => "no figure: the cell is blank".to_owned(),
    };
    match written {
        Some(written) => format!("{had}; {written}"),
        None => had,
    }
}

/// Headers for a message: `"date", "Germany"`.
fn listed<'a>(headers: impl Iterator<Item = &'a String>) -> String {
    headers
        .filter(|h| !h.trim().is_empty())
        .map(|h| format!("{:?}", h.trim()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The last day of a casualty count dated `dated`: the end of its month or year when the date
/// was written that way, else the day before the table's next date (the last date takes the
/// same step as the one before it).
fn period_end(calendar: &[Date], dated: Dated) -> Date {
    if dated.precision != Precision::Day {
        return last_day(dated.date, dated.precision);
    }
    let at = calendar.partition_point(|&d| d <= dated.date);
    let day_before = |d: Date| Date::from_x(d.to_x() - 1.0).unwrap_or(d);
    if let Some(&next) = calendar.get(at) {
        return day_before(next);
    }
    let Some(&previous) = at.checked_sub(2).and_then(|i| calendar.get(i)) else {
        return dated.date;
    };
    let date = dated.date;
    let next = if previous.day() == date.day() {
        // Monthly or yearly steps: the same number of calendar months again.
        let months =
            (date.year() - previous.year()) * 12 + date.month() as i32 - previous.month() as i32;
        let total = date.year() * 12 + date.month() as i32 - 1 + months;
        u32::try_from(total.rem_euclid(12) + 1)
            .ok()
            .and_then(|month| Date::from_ymd(total.div_euclid(12), month, date.day()))
    } else {
        Date::from_x(date.to_x() + (date.to_x() - previous.to_x()))
    };
    next.map_or(date, day_before)
}

fn check_periods(
    periods: &[Period],
    values: &[(u32, Figure)],
    rows: &[Dated],
    reader: &mut Reader,
    date_column: usize,
) {
    for (i, period) in periods.iter().enumerate() {
        let line = rows[values[i].0 as usize].line as usize;
        if period.to < period.from {
            reader.problems.at(
                line,
                date_column,
                format!(
                    "the period ends ({}) before it begins ({})",
                    period.to, period.from
                ),
            );
        } else if let Some(previous) = i.checked_sub(1).map(|p| &periods[p])
            && period.from <= previous.to
            && previous.from != period.from
        {
            let previous_line = rows[values[i - 1].0 as usize].line;
            reader.problems.at(
                line,
                date_column,
                format!(
                    "the period {} to {} overlaps the one in row {previous_line} ({} to {})",
                    period.from, period.to, previous.from, previous.to
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn dated(date: &str, precision: Precision) -> Dated {
        Dated {
            date: d(date),
            precision,
            end: None,
            line: 2,
        }
    }

    #[test]
    fn casualty_periods_run_to_the_next_date() {
        let calendar = [d("2007-01-01"), d("2007-02-01"), d("2007-03-01")];
        assert_eq!(
            period_end(&calendar, dated("2007-01-01", Precision::Day)),
            d("2007-01-31")
        );
        assert_eq!(
            period_end(&calendar, dated("2007-02-01", Precision::Day)),
            d("2007-02-28")
        );
        // The last one takes the step before it: one calendar month.
        assert_eq!(
            period_end(&calendar, dated("2007-03-01", Precision::Day)),
            d("2007-03-31")
        );
        let weekly = [d("2007-01-01"), d("2007-01-08")];
        assert_eq!(
            period_end(&weekly, dated("2007-01-08", Precision::Day)),
            d("2007-01-14")
        );
        let yearly = [d("2006-12-31"), d("2007-12-31")];
        assert_eq!(
            period_end(&yearly, dated("2007-12-31", Precision::Day)),
            d("2008-12-30")
        );
        assert_eq!(
            period_end(&[d("2007-05-05")], dated("2007-05-05", Precision::Day)),
            d("2007-05-05")
        );
        assert_eq!(
            period_end(&calendar, dated("2007-02-01", Precision::Month)),
            d("2007-02-28")
        );
        assert_eq!(
            period_end(&calendar, dated("2007-01-01", Precision::Year)),
            d("2007-12-31")
        );
        let december = [d("2006-11-01"), d("2006-12-01")];
        assert_eq!(
            period_end(&december, dated("2006-12-01", Precision::Day)),
            d("2006-12-31")
        );
    }
}
