//! Entity panels: long tables with one row per entity and date.
//!
//! ```text
//! countryname,ccode,year,troops,army,navy
//! Germany,255,1990,227586,200000,1200
//! Japan,740,1990,46593,2000,7000
//! ```
//!
//! Rules (docs/tables.md lists them for users):
//! - A table is a panel when a header names an **entity** (`country`, `countryname`, `entity`,
//!   `nation`, `state`, `theatre`, `base`, `location`, `region`, `land`, `pays`, `país`) and
//!   another names its **date** (`year`, `date`, ...), or when `--entity COL` is given.
//!   Tidy tables (a `series` column) are not panels.
//! - The **value columns** are those given by `--values`; else the columns named after troops
//!   (`troops`, `personnel`, `strength`), else every other column that holds numbers. Code
//!   columns (`code`, `ccode`, `iso3c`, `id`), other entity columns, totals and percentages
//!   are never values unless named.
//! - Each entity × value column becomes a series named after the entity (and the value column,
//!   when there are several); a casualty header ([`super::roles`]) makes casualty series
//!   covering each row's year, quarter, month or day.
//! - Which entities: `--only NAME...` (in that order); else all of them when there are at most
//!   [`MAX_ALL`], else the [`SUGGESTED`] largest by peak of the first value column, and the
//!   choice is reported with the flag to change it.
//! - A value cell that says a figure is unknown (`n/a`, `–`, `..`) gives an unknown point (a
//!   period of unknown count), never a zero; a blank value cell gives nothing.
//! - Only the entity, date and value columns of each row are read, so wide panels open fast.

use std::collections::HashMap;

use super::TableOptions;
use super::cells::{Cell, Reader, Row};
use super::dates::{Precision, last_day};
use super::detect::{Role, Slugs, normalize, role, split_unit};
use super::marks::{self, Figure, level_point};
use super::roles::{self, FigureRole};
use super::units;
use crate::dataset::{Casualties, Date, Deployment, Period, Point};

/// Headers of an entity column, best first.
pub(super) const ENTITY_NAMES: [&str; 16] = [
    "entity",
    "country",
    "countryname",
    "country name",
    "nation",
    "state",
    "theatre",
    "theater",
    "base",
    "location",
    "land",
    "pays",
    "pais",
    "país",
    "staat",
    "region",
];

/// Headers of code columns, which are never charted unless named.
pub(super) const CODE_NAMES: [&str; 12] = [
    "code", "ccode", "iso3c", "iso2c", "iso", "iso3", "iso2", "id", "cow", "cowcode", "statenme",
    "stateabb",
];

/// Words of a troop-count header, preferred as the value column.
pub(super) const TROOP_WORDS: [&str; 4] = ["troops", "personnel", "strength", "soldiers"];

/// With no `--only`, every entity is charted up to this many.
pub const MAX_ALL: usize = 12;

/// Beyond [`MAX_ALL`] entities, the largest this many are charted.
pub const SUGGESTED: usize = 10;

#[derive(Debug)]
struct Value {
    index: usize,
    header: String,
    label: String,
    scale: u32,
    casualties: bool,
    /// Named by the user: every cell must read.
    named: bool,
    /// A column not named whose cells are not numbers: left out.
    dropped: bool,
    /// `(entity, row, figure)`.
    figures: Vec<(u32, u32, Figure)>,
    /// `(entity, row, text)` of cells that say the figure is unknown (`n/a`, `–`, `..`).
    unknown: Vec<(u32, u32, Box<str>)>,
}

#[derive(Clone, Copy, Debug)]
struct Dated {
    date: Date,
    precision: Precision,
    line: u32,
}

/// A panel being read.
#[derive(Debug)]
pub struct Panel {
    entity: usize,
    entity_header: String,
    date: usize,
    values: Vec<Value>,
    only: Vec<String>,
    /// Entity names, in the order first seen.
    names: Vec<Box<str>>,
    ids: HashMap<Box<str>, u32>,
    /// Whether each entity is read (all, without `--only`).
    wanted: Vec<bool>,
    rows: Vec<Dated>,
    header_line: usize,
    column_offset: usize,
}

/// What a panel holds, ready to become a dataset.
#[derive(Debug, Default)]
pub struct PanelParts {
    /// Troop-level series.
    pub deployments: Vec<Deployment>,
    /// Casualty series.
    pub casualties: Vec<Casualties>,
    /// Every entity of the table with its peak in the first value column, largest first: the
    /// list the import dialog offers to choose from.
    pub entities: Vec<(String, u32)>,
}

fn find(headers: &[String], wanted: &str) -> Option<usize> {
    headers
        .iter()
        .position(|h| roles::names(wanted, h, split_unit(h).0, ""))
}

fn listed(headers: &[String]) -> String {
    headers
        .iter()
        .filter(|h| !h.trim().is_empty())
        .map(|h| format!("{:?}", h.trim()))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Panel {
    /// A panel when the header says so (see the module rules); `None` for other tables.
    /// Problems with the options (an unknown `--entity`) go to `reader`.
    pub fn detect(
        headers: &[String],
        options: &TableOptions,
        header_line: usize,
        column_offset: usize,
        reader: &mut Reader,
    ) -> Option<Self> {
        let entity = match &options.entity {
            Some(wanted) => {
                let Some(found) = find(headers, wanted) else {
                    reader.problems.at(
                        header_line,
                        0,
                        format!(
                            "--entity {wanted:?}: no such column; the columns are {}",
                            listed(headers)
                        ),
                    );
                    return None;
                };
                found
            }
            None => ENTITY_NAMES.iter().find_map(|name| {
                headers
                    .iter()
                    .position(|h| normalize(split_unit(h).0) == *name)
            })?,
        };
        let date = match &options.date {
            Some(wanted) => find(headers, wanted),
            None => (0..headers.len()).find(|&i| i != entity && role(&headers[i]) == Role::Date),
        };
        let Some(date) = date else {
            if options.entity.is_some() {
                reader.problems.at(
                    header_line,
                    0,
                    format!(
                        "--entity needs a column of dates or years beside it: name it with --date; the columns are {}",
                        listed(headers)
                    ),
                );
            }
            return None;
        };
        let mut values = Vec::new();
        let make = |index: usize, named: bool, casualties: bool| {
            let header = headers[index].trim().to_owned();
            Value {
                index,
                label: split_unit(&header).0.to_owned(),
                scale: units::scale(&header),
                casualties,
                named,
                dropped: false,
                figures: Vec::new(),
                unknown: Vec::new(),
                header,
            }
        };
        let named_casualty = |index: usize| {
            options
                .casualties
                .iter()
                .any(|w| roles::names(w, &headers[index], split_unit(&headers[index]).0, ""))
        };
        if options.values.is_empty() {
            let candidates: Vec<usize> = (0..headers.len())
                .filter(|&i| i != entity && i != date && !headers[i].trim().is_empty())
                .filter(|&i| {
                    let name = normalize(split_unit(&headers[i]).0);
                    role(&headers[i]) == Role::Figures
                        && !CODE_NAMES.contains(&name.as_str())
                        && !ENTITY_NAMES.contains(&name.as_str())
                        && !options
                            .ignore
                            .iter()
                            .any(|w| roles::names(w, &headers[i], &name, ""))
                        && (roles::guess(&headers[i]) != FigureRole::Ignore
                            || options
                                .troops
                                .iter()
                                .any(|w| roles::names(w, &headers[i], &name, "")))
                })
                .collect();
            let troops: Vec<usize> = candidates
                .iter()
                .copied()
                .filter(|&i| {
                    let name = normalize(&headers[i]);
                    TROOP_WORDS
                        .iter()
                        .any(|w| name.split(' ').any(|part| part == *w))
                })
                .collect();
            let chosen = if troops.is_empty() {
                candidates
            } else {
                troops
            };
            for index in chosen {
                let casualties = named_casualty(index)
                    || (roles::guess(&headers[index]) == FigureRole::Casualties
                        && !options.troops.iter().any(|w| {
                            roles::names(w, &headers[index], split_unit(&headers[index]).0, "")
                        }));
                values.push(make(index, false, casualties));
            }
        } else {
            for wanted in &options.values {
                match find(headers, wanted) {
                    Some(index) => {
                        let casualties = named_casualty(index)
                            || (roles::guess(&headers[index]) == FigureRole::Casualties
                                && !options.troops.iter().any(|w| {
                                    roles::names(
                                        w,
                                        &headers[index],
                                        split_unit(&headers[index]).0,
                                        "",
                                    )
                                }));
                        values.push(make(index, true, casualties));
                    }
                    None => reader.problems.at(
                        header_line,
                        0,
                        format!(
                            "--values {wanted:?}: no such column; the columns are {}",
                            listed(headers)
                        ),
                    ),
                }
            }
        }
        if values.is_empty() && reader.problems.is_empty() {
            reader.problems.at(
                header_line,
                0,
                format!(
                    "the table has an entity column {:?} but no column of figures to chart; name one with --values",
                    headers[entity].trim()
                ),
            );
        }
        if !options.names.is_empty() {
            reader.guesses.push(
                "--name is for a wide table's columns: a panel's series are named after its entities (and value columns)"
                    .to_owned(),
            );
        }
        reader.guesses.push(format!(
            "read as a panel: one series per {:?} by {:?}, values {}",
            headers[entity].trim(),
            headers[date].trim(),
            values
                .iter()
                .map(|v| format!("{:?}", v.header))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        Some(Self {
            entity,
            entity_header: headers[entity].trim().to_owned(),
            date,
            values,
            only: options.only.clone(),
            names: Vec::new(),
            ids: HashMap::new(),
            wanted: Vec::new(),
            rows: Vec::new(),
            header_line,
            column_offset,
        })
    }

    fn column_number(&self, index: usize) -> usize {
        self.column_offset + index + 1
    }

    fn entity_id(&mut self, name: &str) -> Option<u32> {
        if let Some(&id) = self.ids.get(name) {
            return Some(id);
        }
        let id = u32::try_from(self.names.len()).ok()?;
        let wanted = self.only.is_empty() || {
            let key = normalize(name);
            self.only.iter().any(|o| normalize(o) == key)
        };
        self.names.push(name.into());
        self.ids.insert(name.into(), id);
        self.wanted.push(wanted);
        Some(id)
    }

    /// Reads one row under the header.
    pub fn row<R: Row>(&mut self, line: usize, row: &R, reader: &mut Reader) {
        let cell = row.cell(self.entity);
        let Some(name) = cell.text() else {
            return;
        };
        let name = name.trim();
        if name.is_empty() {
            return;
        }
        let Some(entity) = self.entity_id(name) else {
            return;
        };
        if !self.wanted[entity as usize] {
            return;
        }
        // A row of blank value cells holds nothing; one that says "n/a" says a figure is
        // unknown at its date.
        if self
            .values
            .iter()
            .all(|v| v.dropped || row.cell(v.index).text().is_none_or(|t| t.trim().is_empty()))
        {
            return;
        }
        let date_cell = row.cell(self.date);
        let date_column = self.column_number(self.date);
        if date_cell.is_missing() {
            reader
                .problems
                .at(line, date_column, "this row has figures but no date");
            return;
        }
        let Some((date, precision)) = reader.date(date_cell, line, date_column) else {
            return;
        };
        let Ok(at) = u32::try_from(self.rows.len()) else {
            return;
        };
        self.rows.push(Dated {
            date,
            precision,
            line: u32::try_from(line).unwrap_or(u32::MAX),
        });
        let offset = self.column_offset;
        for value in &mut self.values {
            if value.dropped {
                continue;
            }
            let cell = row.cell(value.index);
            if !value.named
                && let Cell::Text(text) = cell
                && !cell.is_missing()
                && super::numbers::scan(text).is_err()
                && marks::strip(text).is_none()
            {
                // A column of words (a region, a name): not figures.
                value.dropped = true;
                value.figures.clear();
                continue;
            }
            if cell.is_missing() {
                if let Some(text) = cell.text() {
                    value
                        .unknown
                        .push((entity, at, text.trim().chars().take(20).collect()));
                }
            } else if let Some(figure) =
                reader.figure(cell, line, offset + value.index + 1, value.scale)
            {
                value.figures.push((entity, at, figure));
            }
        }
    }

    /// The series, once every row is read.
    pub fn finish(self, reader: &mut Reader) -> PanelParts {
        let mut parts = PanelParts::default();
        let values: Vec<&Value> = self.values.iter().filter(|v| !v.dropped).collect();
        parts.entities = self.peaks(&values);
        let chosen: Vec<u32> = if self.only.is_empty() {
            self.largest(&values, reader)
        } else {
            self.only
                .iter()
                .filter_map(|wanted| {
                    let key = normalize(wanted);
                    let found = self.names.iter().position(|n| normalize(n) == key);
                    if found.is_none() {
                        let mut some: Vec<&str> = self.names.iter().map(|n| &**n).collect();
                        some.sort_unstable();
                        some.truncate(12);
                        reader.problems.at(
                            self.header_line,
                            self.column_number(self.entity),
                            format!(
                                "--only {wanted:?}: no row has it in column {:?}; names there include {}",
                                self.entity_header,
                                some.iter().map(|n| format!("{n:?}")).collect::<Vec<_>>().join(", ")
                            ),
                        );
                    }
                    found.and_then(|i| u32::try_from(i).ok())
                })
                .collect()
        };
        let mut slugs = Slugs::default();
        for &entity in &chosen {
            let name = &self.names[entity as usize];
            for value in &values {
                let mut figures: Vec<(Dated, Figure)> = value
                    .figures
                    .iter()
                    .filter(|(e, _, _)| *e == entity)
                    .map(|&(_, row, figure)| (self.rows[row as usize], figure))
                    .collect();
                if figures.is_empty() {
                    continue;
                }
                figures.sort_by_key(|(dated, _)| (dated.date, dated.line));
                for pair in figures.windows(2) {
                    if pair[0].0.date == pair[1].0.date {
                        reader.problems.at(
                            pair[1].0.line as usize,
                            self.column_number(self.date),
                            format!(
                                "{name:?} has two rows for {} (rows {} and {}); keep one",
                                pair[1].0.date, pair[0].0.line, pair[1].0.line
                            ),
                        );
                    }
                }
                let label = if values.len() == 1 {
                    name.to_string()
                } else {
                    format!("{name} – {}", value.label)
                };
                let id = slugs.unique(&label);
                let note = |figure: &Figure| figure.note().map(str::to_owned);
                // Unknown figures, at dates without a figure: gaps, never zeros.
                let mut unknown: Vec<(Dated, &str)> = value
                    .unknown
                    .iter()
                    .filter(|(e, _, _)| *e == entity)
                    .map(|(_, row, text)| (self.rows[*row as usize], &**text))
                    .filter(|(dated, _)| !figures.iter().any(|(known, _)| known.date == dated.date))
                    .collect();
                unknown.sort_by_key(|(dated, _)| dated.date);
                unknown.dedup_by_key(|(dated, _)| dated.date);
                let unknown_note = |text: &str| Some(format!("no figure: the table says {text:?}"));
                if value.casualties {
                    let mut periods: Vec<Period> = figures
                        .iter()
                        .map(|(dated, figure)| Period {
                            from: dated.date,
                            to: last_day(dated.date, dated.precision),
                            count: Some(figure.value),
                            low: figure.low,
                            high: figure.high,
                            source: None,
                            note: note(figure),
                            estimates: Vec::new(),
                        })
                        .collect();
                    periods.extend(unknown.iter().map(|&(dated, text)| Period {
                        from: dated.date,
                        to: last_day(dated.date, dated.precision),
                        count: None,
                        low: None,
                        high: None,
                        source: None,
                        note: unknown_note(text),
                        estimates: Vec::new(),
                    }));
                    periods.sort_by_key(|p| p.from);
                    parts.casualties.push(Casualties {
                        id,
                        label,
                        source: None,
                        description: None,
                        unit: None,
                        periods,
                    });
                } else {
                    let mut points: Vec<Point> = figures
                        .iter()
                        .map(|(dated, figure)| {
                            level_point(
                                dated.date,
                                dated.precision,
                                Some(figure),
                                None,
                                note(figure),
                            )
                        })
                        .collect();
                    points.extend(unknown.iter().map(|&(dated, text)| {
                        level_point(dated.date, dated.precision, None, None, unknown_note(text))
                    }));
                    points.sort_by_key(|p| p.date);
                    parts.deployments.push(Deployment {
                        id,
                        label,
                        source: None,
                        description: None,
                        measure: None,
                        line: Default::default(),
                        points,
                    });
                }
            }
        }
        if parts.deployments.is_empty() && parts.casualties.is_empty() && reader.problems.is_empty()
        {
            reader.problems.at(
                self.header_line + 1,
                0,
                "no rows of figures under the header",
            );
        }
        parts
    }

    /// Every entity's name and peak in the first value column, largest first (ties by name).
    fn peaks(&self, values: &[&Value]) -> Vec<(String, u32)> {
        let mut peak = vec![0u32; self.names.len()];
        if let Some(first) = values.first() {
            for &(entity, _, figure) in &first.figures {
                let slot = &mut peak[entity as usize];
                *slot = (*slot).max(figure.value);
            }
        }
        let mut all: Vec<(String, u32)> = self
            .names
            .iter()
            .zip(peak)
            .map(|(name, peak)| (name.to_string(), peak))
            .collect();
        all.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        all
    }

    /// Every entity when there are few, else the largest by peak (reported as a guess).
    fn largest(&self, values: &[&Value], reader: &mut Reader) -> Vec<u32> {
        let mut peaks: Vec<(u32, u32)> = Vec::new();
        let mut seen = vec![false; self.names.len()];
        if let Some(first) = values.first() {
            let mut peak = vec![0u32; self.names.len()];
            for &(entity, _, figure) in &first.figures {
                let slot = &mut peak[entity as usize];
                *slot = (*slot).max(figure.value);
                seen[entity as usize] = true;
            }
            peaks = (0..self.names.len())
                .filter(|&e| seen[e])
                .filter_map(|e| Some((u32::try_from(e).ok()?, peak[e])))
                .collect();
        }
        for value in values.iter().skip(1) {
            for &(entity, _, _) in &value.figures {
                if !seen[entity as usize] {
                    seen[entity as usize] = true;
                    peaks.push((entity, 0));
                }
            }
        }
        if peaks.len() <= MAX_ALL {
            return peaks.into_iter().map(|(e, _)| e).collect();
        }
        let total = peaks.len();
        peaks.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        peaks.truncate(SUGGESTED);
        let names: Vec<String> = peaks
            .iter()
            .map(|&(e, _)| format!("{:?}", &*self.names[e as usize]))
            .collect();
        reader.guesses.push(format!(
            "{total} names in column {:?}: charting the {SUGGESTED} largest by peak ({}); give --only NAME... to choose",
            self.entity_header,
            names.join(", ")
        ));
        peaks.into_iter().map(|(e, _)| e).collect()
    }
}
