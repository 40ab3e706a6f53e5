//! Tidy tables: one figure per row, as `troopline export-csv` writes them.
//!
//! `kind` says what a row is: `troops` (a point), `casualties` (a period), `event`, and for a
//! complete round trip `dataset` (title, subtitle), `source`, `series` (a series' label,
//! default source, description and measure or unit), `view` (a named range of days) and
//! `estimate` (another figure for the point or period in the row before). The columns are
//! [`crate::dataset::TIDY_COLUMNS`]; docs/tables.md lists which column carries which field.

use std::collections::{HashMap, HashSet};

use super::cells::{Cell, Reader, Row};
use super::detect::{TidyColumns, normalize};
use crate::dataset::{
    Casualties, Date, Deployment, Estimate, EstimateStatus, Event, Importance, LineShape, Period,
    Point, PointKind, Precision, Source, View, words,
};

/// What a tidy row is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Troops,
    Casualties,
    Event,
    Source,
    Series,
    Dataset,
    Notes,
    View,
    Estimate,
}

const KINDS: &str = "troops, casualties, estimate, event, series, source, view, dataset, notes";

/// The words of a figure's cell in `column` (`title` of a troops row, `category` of an
/// estimate row): how precise its date is, what kind of figure, whether rejected. `None`, with
/// a problem noted, for a word that is none of them.
fn figure_words<R: Row>(
    cells: &Cells<'_, R>,
    reader: &mut Reader,
    column: Option<usize>,
    name: &str,
) -> Option<(Precision, PointKind, EstimateStatus)> {
    let text = cells.text(column).unwrap_or_default();
    match words::parse(&text) {
        Ok(found) => Some(found),
        Err(word) => {
            reader.problems.at(
                cells.line,
                cells.number(column),
                format!(
                    "{word:?} is not a word this row's {name} takes: use {} (or leave it empty)",
                    words::ALL
                ),
            );
            None
        }
    }
}

fn kind_of(text: &str) -> Option<Kind> {
    // The spellings export-csv writes first, without the cost of normalizing every row.
    match text {
        "troops" => return Some(Kind::Troops),
        "casualties" => return Some(Kind::Casualties),
        "event" => return Some(Kind::Event),
        _ => {}
    }
    Some(match normalize(text).as_str() {
        "troops" | "troop" | "point" | "deployment" => Kind::Troops,
        "casualties" | "casualty" | "period" => Kind::Casualties,
        "event" | "events" => Kind::Event,
        "source" | "sources" => Kind::Source,
        "series" => Kind::Series,
        "dataset" => Kind::Dataset,
        "notes" | "note" => Kind::Notes,
        "view" | "views" => Kind::View,
        "estimate" | "estimates" => Kind::Estimate,
        _ => return None,
    })
}

/// A series as its rows arrive.
#[derive(Debug, Default)]
struct SeriesRows<T> {
    id: String,
    label: Option<String>,
    source: Option<String>,
    description: Option<String>,
    /// The measure of a troop series, the unit of a casualty series.
    measure: Option<String>,
    /// A troop series drawn as steps.
    steps: bool,
    items: Vec<T>,
    /// Row of each item, for messages.
    lines: Vec<u32>,
}

/// A tidy table being read.
#[derive(Debug)]
pub struct Tidy {
    columns: TidyColumns,
    column_offset: usize,
    /// Title and subtitle from a `dataset` row.
    pub title: Option<String>,
    subtitle: Option<String>,
    /// The dataset's notes, from a `notes` row.
    notes: Option<String>,
    sources: Vec<Source>,
    deployments: Vec<SeriesRows<Point>>,
    deployment_index: HashMap<String, usize>,
    casualties: Vec<SeriesRows<Period>>,
    casualty_index: HashMap<String, usize>,
    events: Vec<Event>,
    views: Vec<View>,
    /// The figure the last row gave, which an `estimate` row that follows belongs to.
    last_figure: Option<Figure>,
}

/// Where a figure is: which list, which series in it (its last item is the figure).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Figure {
    Point(usize),
    Period(usize),
}

/// What a tidy table holds, ready to become a dataset.
#[derive(Debug)]
pub struct TidyParts {
    /// From a `dataset` row.
    pub title: Option<String>,
    /// From a `dataset` row.
    pub subtitle: Option<String>,
    /// The dataset's notes.
    pub notes: Option<String>,
    /// From `source` rows, then any id cited but not defined (as a stub to fill).
    pub sources: Vec<Source>,
    /// Troop-level series.
    pub deployments: Vec<Deployment>,
    /// Casualty series.
    pub casualties: Vec<Casualties>,
    /// Events, in the order of the table.
    pub events: Vec<Event>,
    /// Views, in the order of the table.
    pub views: Vec<View>,
}

fn series_slot<T>(
    list: &mut Vec<SeriesRows<T>>,
    index: &mut HashMap<String, usize>,
    id: &str,
) -> usize {
    if let Some(&at) = index.get(id) {
        return at;
    }
    list.push(SeriesRows {
        id: id.to_owned(),
        label: None,
        source: None,
        description: None,
        measure: None,
        steps: false,
        items: Vec::new(),
        lines: Vec::new(),
    });
    index.insert(id.to_owned(), list.len() - 1);
    list.len() - 1
}

/// The cells of one row, with what messages need to name them.
struct Cells<'r, R: Row> {
    row: &'r R,
    /// The row's line (from 1).
    line: usize,
    /// Columns before the table's first, for column numbers in messages.
    offset: usize,
}

impl<R: Row> Cells<'_, R> {
    fn at(&self, column: Option<usize>) -> Cell<'_> {
        column.map_or(Cell::Empty, |c| self.row.cell(c))
    }

    /// The column's number in messages (from 1).
    fn number(&self, column: Option<usize>) -> usize {
        self.offset + column.unwrap_or(0) + 1
    }

    /// The cell's text; `None` when empty.
    fn text(&self, column: Option<usize>) -> Option<String> {
        self.at(column)
            .text()
            .map(|t| t.into_owned())
            .filter(|t| !t.is_empty())
    }

    /// The cell's text, or a problem saying the row needs this `field`.
    fn required(&self, reader: &mut Reader, column: Option<usize>, field: &str) -> Option<String> {
        let found = self.text(column);
        if found.is_none() {
            reader.problems.at(
                self.line,
                self.number(column),
                format!("this row needs a {field}"),
            );
        }
        found
    }

    /// The cell's date; an empty cell is a problem when `need`ed.
    fn date(&self, reader: &mut Reader, column: Option<usize>, need: bool) -> Option<Date> {
        self.dated(reader, column, need).map(|(date, _)| date)
    }

    /// The date in `column` and how much of it the cell gave (`2007-10` is a month).
    fn dated(
        &self,
        reader: &mut Reader,
        column: Option<usize>,
        need: bool,
    ) -> Option<(Date, super::dates::Precision)> {
        let cell = self.at(column);
        if cell.is_missing() {
            if need {
                reader
                    .problems
                    .at(self.line, self.number(column), "this row needs a date here");
            }
            return None;
        }
        reader.date(cell, self.line, self.number(column))
    }
}

impl Tidy {
    /// A table with these columns. Missing required columns are reported at the header row.
    pub fn new(
        columns: TidyColumns,
        unknown: &[(usize, String)],
        header_line: usize,
        column_offset: usize,
        reader: &mut Reader,
    ) -> Self {
        for (index, header) in unknown {
            reader.problems.at(
                header_line,
                column_offset + index + 1,
                format!(
                    "unknown column {header:?} in a tidy table; its columns are {}",
                    crate::dataset::TIDY_COLUMNS.join(", ")
                ),
            );
        }
        for (name, column) in [
            ("series", columns.series),
            ("from", columns.from),
            ("value", columns.value),
        ] {
            if column.is_none() {
                reader.problems.at(
                    header_line,
                    0,
                    format!("a tidy table needs a {name:?} column"),
                );
            }
        }
        Self {
            columns,
            column_offset,
            title: None,
            subtitle: None,
            notes: None,
            sources: Vec::new(),
            deployments: Vec::new(),
            deployment_index: HashMap::new(),
            casualties: Vec::new(),
            casualty_index: HashMap::new(),
            events: Vec::new(),
            views: Vec::new(),
            last_figure: None,
        }
    }

    /// Reads one row.
    pub fn row<R: Row>(&mut self, line: usize, row: &R, reader: &mut Reader) {
        let cells = Cells {
            row,
            line,
            offset: self.column_offset,
        };
        let Some(kind) = self.kind(&cells, reader) else {
            return;
        };
        let figure_before = self.last_figure.take();
        match kind {
            Kind::Dataset => self.dataset_row(&cells),
            Kind::Notes => self.notes = cells.text(self.columns.note),
            Kind::Source => self.source_row(&cells, reader),
            Kind::Series => self.series_row(&cells, reader),
            Kind::Troops | Kind::Casualties => self.figure_row(kind, &cells, reader),
            Kind::Event => self.event_row(&cells, reader),
            Kind::View => self.view_row(&cells, reader),
            Kind::Estimate => self.estimate(&cells, figure_before, reader),
        }
    }

    /// The kind of the row (`troops` without a `kind` column); `None` after a problem.
    fn kind<R: Row>(&self, cells: &Cells<'_, R>, reader: &mut Reader) -> Option<Kind> {
        let Some(column) = self.columns.kind else {
            return Some(Kind::Troops);
        };
        let cell = cells.at(Some(column));
        let Some(text) = cell.text() else {
            reader.problems.at(
                cells.line,
                cells.number(Some(column)),
                format!("the kind of this row is missing; it is one of: {KINDS}"),
            );
            return None;
        };
        let kind = kind_of(&text);
        if kind.is_none() {
            reader.problems.at(
                cells.line,
                cells.number(Some(column)),
                format!("unknown kind {text:?}; it is one of: {KINDS}"),
            );
        }
        kind
    }

    /// A `dataset` row: the title and subtitle.
    fn dataset_row<R: Row>(&mut self, cells: &Cells<'_, R>) {
        self.title = cells.text(self.columns.title);
        self.subtitle = cells.text(self.columns.note);
    }

    /// A `source` row.
    fn source_row<R: Row>(&mut self, cells: &Cells<'_, R>, reader: &mut Reader) {
        let Some(id) = cells.required(reader, self.columns.source, "source id") else {
            return;
        };
        let published = cells.date(reader, self.columns.from, false);
        self.sources.push(Source {
            id,
            title: cells.text(self.columns.title).unwrap_or_default(),
            publisher: cells.text(self.columns.category).unwrap_or_default(),
            url: cells.text(self.columns.note),
            published,
        });
    }

    /// A `series` row: a series' label, default source, description and measure or unit.
    fn series_row<R: Row>(&mut self, cells: &Cells<'_, R>, reader: &mut Reader) {
        let Some(id) = cells.required(reader, self.columns.series, "series id") else {
            return;
        };
        let label = cells.text(self.columns.series_label);
        let source = cells.text(self.columns.source);
        let description = cells.text(self.columns.note);
        let measure = cells.text(self.columns.title);
        // "troops steps": a troop series drawn as steps.
        let category = cells.text(self.columns.category);
        let steps = category
            .as_deref()
            .is_some_and(|text| text.trim().to_ascii_lowercase().ends_with(" steps"));
        let category = if steps {
            category.map(|text| {
                let text = text.trim();
                text[..text.len() - " steps".len()].to_owned()
            })
        } else {
            category
        };
        let casualties = match category.as_deref().map(kind_of) {
            None | Some(Some(Kind::Troops)) => false,
            Some(Some(Kind::Casualties)) => true,
            Some(_) => {
                reader.problems.at(
                    cells.line,
                    cells.number(self.columns.category),
                    "a series row's category is \"troops\" or \"casualties\"",
                );
                return;
            }
        };
        let fields = if casualties {
            let at = series_slot(&mut self.casualties, &mut self.casualty_index, &id);
            let series = &mut self.casualties[at];
            (
                &mut series.label,
                &mut series.source,
                &mut series.description,
                &mut series.measure,
            )
        } else {
            let at = series_slot(&mut self.deployments, &mut self.deployment_index, &id);
            let series = &mut self.deployments[at];
            series.steps = steps;
            (
                &mut series.label,
                &mut series.source,
                &mut series.description,
                &mut series.measure,
            )
        };
        *fields.0 = label;
        *fields.1 = source;
        *fields.2 = description;
        *fields.3 = measure;
    }

    /// A `troops` (point) or `casualties` (period) row.
    fn figure_row<R: Row>(&mut self, kind: Kind, cells: &Cells<'_, R>, reader: &mut Reader) {
        // Borrowed, not copied: this runs for every figure of a big table.
        let id_cell = cells.at(self.columns.series);
        let Some(id) = id_cell.text().filter(|t| !t.is_empty()) else {
            reader.problems.at(
                cells.line,
                cells.number(self.columns.series),
                "this row needs a series id",
            );
            return;
        };
        let Some((from, from_precision)) = cells.dated(reader, self.columns.from, true) else {
            return;
        };
        let to = cells.date(reader, self.columns.to, false);
        let value = reader.count(
            cells.at(self.columns.value),
            cells.line,
            cells.number(self.columns.value),
            1,
        );
        let low = reader.count(
            cells.at(self.columns.low),
            cells.line,
            cells.number(self.columns.low),
            1,
        );
        let high = reader.count(
            cells.at(self.columns.high),
            cells.line,
            cells.number(self.columns.high),
            1,
        );
        let label = || cells.text(self.columns.series_label);
        let source_cell = cells.at(self.columns.source);
        let source_text = source_cell.text().filter(|t| !t.is_empty());
        // The series' own default source is said once, at the series.
        let source = |default: &Option<String>| match &source_text {
            Some(text) if Some(text.as_ref()) != default.as_deref() => Some(text.to_string()),
            _ => None,
        };
        let note = cells.text(self.columns.note);
        let row_line = u32::try_from(cells.line).unwrap_or(u32::MAX);
        if kind == Kind::Troops {
            // An empty or "n/a" level is a figure nobody has: an unknown point (a gap in the
            // line), never zero. A value that could not be read was noted as a problem.
            if value.is_none() && !cells.at(self.columns.value).is_missing() {
                return;
            }
            if to.is_some_and(|to| to != from) {
                reader.problems.at(
                    cells.line,
                    cells.number(self.columns.to),
                    "a troop level is at one date: leave \"to\" empty or equal to \"from\"",
                );
                return;
            }
            let at = series_slot(&mut self.deployments, &mut self.deployment_index, &id);
            let series = &mut self.deployments[at];
            if series.label.is_none() {
                series.label = label();
            }
            let source = source(&series.source);
            let Some((precision, point_kind, _)) =
                figure_words(cells, reader, self.columns.title, "title")
            else {
                return;
            };
            // Words in the title say the precision; else the date cell does ("2007-10").
            let precision = if precision == Precision::Day {
                from_precision.of_figure()
            } else {
                precision
            };
            let mut point = Point {
                date: from,
                troops: value,
                low,
                high,
                source,
                note,
                extra: None,
            };
            point.set_extra(cells.text(self.columns.category), Vec::new());
            point.set_precision_and_kind(precision, point_kind);
            series.items.push(point);
            series.lines.push(row_line);
            self.last_figure = Some(Figure::Point(at));
        } else {
            let at = series_slot(&mut self.casualties, &mut self.casualty_index, &id);
            let series = &mut self.casualties[at];
            if series.label.is_none() {
                series.label = label();
            }
            let source = source(&series.source);
            // An empty count is a period whose count nobody has (unknown), not zero.
            series.items.push(Period {
                from,
                to: to.unwrap_or(from),
                count: value,
                low,
                high,
                source,
                note,
                estimates: Vec::new(),
            });
            series.lines.push(row_line);
            self.last_figure = Some(Figure::Period(at));
        }
    }

    /// An `event` row.
    fn event_row<R: Row>(&mut self, cells: &Cells<'_, R>, reader: &mut Reader) {
        let Some(date) = cells.date(reader, self.columns.from, true) else {
            return;
        };
        let end = date_end(cells.date(reader, self.columns.to, false), date);
        let Some(title) = cells.required(reader, self.columns.title, "title") else {
            return;
        };
        let value_cell = cells.at(self.columns.value);
        let importance = if value_cell.is_missing() {
            None
        } else {
            let level = reader.count(value_cell, cells.line, cells.number(self.columns.value), 1);
            let importance = level.and_then(Importance::from_level);
            if level.is_some() && importance.is_none() {
                reader.problems.at(
                    cells.line,
                    cells.number(self.columns.value),
                    "an event's value is its importance: 1 (minor), 2 (normal) or 3 (headline)",
                );
            }
            importance
        };
        self.events.push(Event {
            date,
            end,
            title,
            detail: cells.text(self.columns.note),
            category: cells.text(self.columns.category),
            source: cells.text(self.columns.source),
            importance,
        });
    }

    /// A `view` row: a named range of days.
    fn view_row<R: Row>(&mut self, cells: &Cells<'_, R>, reader: &mut Reader) {
        let from = cells.date(reader, self.columns.from, true);
        let to = cells.date(reader, self.columns.to, true);
        let title = cells.required(reader, self.columns.title, "title");
        if let (Some(from), Some(to), Some(title)) = (from, to, title) {
            self.views.push(View { title, from, to });
        }
    }

    /// An `estimate` row: another figure for the point or period in the row before it.
    fn estimate<R: Row>(
        &mut self,
        cells: &Cells<'_, R>,
        figure: Option<Figure>,
        reader: &mut Reader,
    ) {
        let id = cells.text(self.columns.series).unwrap_or_default();
        let series_id = match figure {
            Some(Figure::Point(at)) => Some(&self.deployments[at].id),
            Some(Figure::Period(at)) => Some(&self.casualties[at].id),
            None => None,
        };
        if series_id != Some(&id) {
            reader.problems.at(
                cells.line,
                0,
                "an estimate row belongs to the troops or casualties row right before it, of the same series",
            );
            return;
        }
        let value = reader.count(
            cells.at(self.columns.value),
            cells.line,
            cells.number(self.columns.value),
            1,
        );
        let date_cell = cells.at(self.columns.from);
        let date = if date_cell.is_missing() {
            None
        } else {
            reader
                .date(date_cell, cells.line, cells.number(self.columns.from))
                .map(|(date, _)| date)
        };
        let Some(value) = value else {
            if cells.at(self.columns.value).is_missing() {
                reader.problems.at(
                    cells.line,
                    cells.number(self.columns.value),
                    "an estimate needs a value",
                );
            }
            return;
        };
        let Some((precision, _, status)) =
            figure_words(cells, reader, self.columns.category, "category")
        else {
            return;
        };
        let estimate = Estimate {
            value,
            date,
            source: cells.text(self.columns.source),
            note: cells.text(self.columns.note),
            status,
            precision,
        };
        match figure {
            Some(Figure::Point(at)) => {
                if let Some(point) = self.deployments[at].items.last_mut() {
                    point
                        .extra
                        .get_or_insert_with(Box::default)
                        .estimates
                        .push(estimate);
                }
            }
            Some(Figure::Period(at)) => {
                if date.is_some() {
                    reader.problems.at(
                        cells.line,
                        cells.number(self.columns.from),
                        "a period's estimate covers the period: leave \"from\" empty",
                    );
                }
                if let Some(period) = self.casualties[at].items.last_mut() {
                    period.estimates.push(estimate);
                }
            }
            None => {}
        }
        self.last_figure = figure;
    }

    /// The dataset's parts, once every row is read.
    pub fn finish(self, reader: &mut Reader) -> TidyParts {
        let from_column = self.column_offset + self.columns.from.unwrap_or(0) + 1;
        let mut sources = self.sources;
        let deployments = self
            .deployments
            .into_iter()
            .map(|series| {
                let default = series.source.clone();
                let (points, _) =
                    in_order(series.items, series.lines, |p| p.date, reader, from_column);
                Deployment {
                    label: series.label.unwrap_or_else(|| series.id.clone()),
                    id: series.id,
                    description: series.description,
                    measure: series.measure,
                    line: if series.steps {
                        LineShape::Steps
                    } else {
                        LineShape::Straight
                    },
                    points: said_once(points, &default, |p| &mut p.source),
                    source: default,
                }
            })
            .collect::<Vec<_>>();
        let casualties = self
            .casualties
            .into_iter()
            .map(|series| {
                let default = series.source.clone();
                let (periods, _) =
                    in_order(series.items, series.lines, |p| p.from, reader, from_column);
                Casualties {
                    label: series.label.unwrap_or_else(|| series.id.clone()),
                    id: series.id,
                    description: series.description,
                    unit: series.measure,
                    periods: said_once(periods, &default, |p| &mut p.source),
                    source: default,
                }
            })
            .collect::<Vec<_>>();
        // Sources cited but not listed become stubs, titled by their id, for the author to fill.
        let cited = deployments
            .iter()
            .flat_map(|d| {
                d.source.iter().chain(d.points.iter().flat_map(|p| {
                    p.source
                        .iter()
                        .chain(p.estimates().iter().filter_map(|e| e.source.as_ref()))
                }))
            })
            .chain(casualties.iter().flat_map(|c| {
                c.source.iter().chain(c.periods.iter().flat_map(|p| {
                    p.source
                        .iter()
                        .chain(p.estimates.iter().filter_map(|e| e.source.as_ref()))
                }))
            }))
            .chain(self.events.iter().filter_map(|e| e.source.as_ref()));
        let mut known: HashSet<String> = sources.iter().map(|s| s.id.clone()).collect();
        let mut stubs = Vec::new();
        for id in cited {
            if known.insert(id.clone()) {
                stubs.push(Source {
                    id: id.clone(),
                    title: id.clone(),
                    publisher: String::new(),
                    url: None,
                    published: None,
                });
            }
        }
        sources.extend(stubs);
        TidyParts {
            title: self.title,
            subtitle: self.subtitle,
            notes: self.notes,
            sources,
            deployments,
            casualties,
            events: self.events,
            views: self.views,
        }
    }
}

/// `items` without the sources that are the series' `default`: the table repeats the series'
/// source on each row; the dataset says it once.
fn said_once<T>(
    mut items: Vec<T>,
    default: &Option<String>,
    source: impl Fn(&mut T) -> &mut Option<String>,
) -> Vec<T> {
    for item in &mut items {
        let source = source(item);
        if source.is_some() && *source == *default {
            *source = None;
        }
    }
    items
}

/// An event's end, which the table writes as its date when it has none.
fn date_end(end: Option<Date>, date: Date) -> Option<Date> {
    end.filter(|&end| end != date)
}

/// Items sorted by their date (stable, so equal dates keep the table's order), with a problem
/// for each date that a series has twice.
fn in_order<T>(
    items: Vec<T>,
    lines: Vec<u32>,
    date: impl Fn(&T) -> Date,
    reader: &mut Reader,
    column: usize,
) -> (Vec<T>, Vec<u32>) {
    if items.windows(2).all(|w| date(&w[0]) < date(&w[1])) {
        return (items, lines);
    }
    let mut paired: Vec<(T, u32)> = items.into_iter().zip(lines).collect();
    paired.sort_by_key(|(item, _)| date(item));
    for pair in paired.windows(2) {
        if date(&pair[0].0) == date(&pair[1].0) {
            reader.problems.at(
                pair[1].1 as usize,
                column,
                format!(
                    "{} is already in row {} for this series",
                    date(&pair[1].0),
                    pair[0].1
                ),
            );
        }
    }
    paired.into_iter().unzip()
}
