//! From rows of cells to a dataset: find the header, choose wide or tidy, read every row, and
//! read them all again in the rare file whose number or date style only its later rows reveal.

use super::TableOptions;
use super::cells::{Cell, DateMode, NumberMode, Problems, Reader, Row};
use super::dates::OrderEvidence;
use super::detect::TidyColumns;
use super::numbers::{Evidence, NumberStyle, Thousands};
use super::panels::Panel;
use super::tidy::Tidy;
use super::wide::{MAX_COLUMNS, Wide};
use crate::dataset::{Dataset, FORMAT_VERSION};

/// Where the rows are in the table.
enum Stage {
    /// Rows above the header: blank, or a title in one cell.
    Header,
    Wide(Box<Wide>),
    Tidy(Box<Tidy>),
    Panel(Box<Panel>),
    /// Nothing more can be read (the problem is noted).
    Stopped,
}

/// Reads rows one at a time.
pub struct Interpreter<'o> {
    options: &'o TableOptions,
    reader: Reader,
    stage: Stage,
    /// A one-cell row above the header: the table's title.
    title: Option<String>,
    column_offset: usize,
}

impl<'o> Interpreter<'o> {
    fn new(
        options: &'o TableOptions,
        numbers: NumberMode,
        dates: DateMode,
        column_offset: usize,
        cell_names: bool,
    ) -> Self {
        Self {
            options,
            reader: Reader::new(numbers, dates, cell_names),
            stage: Stage::Header,
            title: None,
            column_offset,
        }
    }

    /// Reads one row; `line` is its row number in the file or sheet (from 1).
    pub fn row<R: Row>(&mut self, line: usize, row: &R) {
        match &mut self.stage {
            Stage::Header => self.header(line, row),
            Stage::Wide(wide) => {
                if !wide.row(line, row, &mut self.reader) {
                    self.stage = Stage::Stopped;
                }
            }
            Stage::Tidy(tidy) => {
                if !row.is_blank() {
                    tidy.row(line, row, &mut self.reader);
                }
            }
            Stage::Panel(panel) => panel.row(line, row, &mut self.reader),
            Stage::Stopped => {}
        }
    }

    /// An interpreter for a later piece of the rows, once the layout is settled (a wide table
    /// past its header, units row and first figures); `None` otherwise.
    pub fn fork(&self) -> Option<Self> {
        match &self.stage {
            Stage::Wide(wide) if wide.is_settled() => Some(Self {
                options: self.options,
                reader: self.reader.fork(),
                stage: Stage::Wide(Box::new(wide.fork())),
                title: None,
                column_offset: self.column_offset,
            }),
            _ => None,
        }
    }

    /// Takes in what a fork read from the piece right after the rows read here.
    pub fn join(&mut self, piece: Self) {
        self.reader.join(piece.reader);
        match (&mut self.stage, piece.stage) {
            (Stage::Wide(mine), Stage::Wide(theirs)) => mine.join(*theirs),
            (_, Stage::Stopped) => self.stage = Stage::Stopped,
            _ => {}
        }
    }

    fn header<R: Row>(&mut self, line: usize, row: &R) {
        let is_filled = |c: usize| row.cell(c).text().is_some_and(|t| !t.trim().is_empty());
        // A row of millions of cells is refused before anything is kept per cell.
        if row.len() > MAX_COLUMNS
            && let Some(last) = (MAX_COLUMNS..row.len()).rev().find(|&c| is_filled(c))
        {
            self.reader.problems.at(
                line,
                0,
                format!(
                    "the header has {} cells; troopline reads tables of at most {MAX_COLUMNS} columns",
                    last + 1
                ),
            );
            self.stage = Stage::Stopped;
            return;
        }
        let filled: Vec<usize> = (0..row.len().min(MAX_COLUMNS))
            .filter(|&c| is_filled(c))
            .collect();
        // A header row the user named: rows above it are skipped (a one-cell row still gives
        // the title), and that row is the header however few cells it fills.
        let chosen = self.options.header_row;
        let forced = chosen.is_some_and(|row| line >= row);
        if chosen.is_some_and(|row| line < row) && filled.len() > 1 {
            return;
        }
        match filled.as_slice() {
            [] => {}
            [only] if !forced => {
                if self.title.is_none() {
                    self.title = row.cell(*only).text().map(|t| t.trim().to_owned());
                }
            }
            _ => {
                let last = filled.last().copied().unwrap_or(0);
                let headers: Vec<String> = (0..=last)
                    .map(|c| {
                        row.cell(c)
                            .text()
                            .map_or_else(String::new, |t| t.trim().to_owned())
                    })
                    .collect();
                self.stage = match TidyColumns::from_headers(&headers) {
                    Some((columns, unknown)) => Stage::Tidy(Box::new(Tidy::new(
                        columns,
                        &unknown,
                        line,
                        self.column_offset,
                        &mut self.reader,
                    ))),
                    None => match Panel::detect(
                        &headers,
                        self.options,
                        line,
                        self.column_offset,
                        &mut self.reader,
                    ) {
                        Some(panel) => Stage::Panel(Box::new(panel)),
                        None if self.options.entity.is_some() => Stage::Stopped,
                        None => Stage::Wide(Box::new(Wide::new(
                            &headers,
                            self.options,
                            line,
                            self.column_offset,
                            &mut self.reader,
                        ))),
                    },
                };
            }
        }
    }

    /// The dataset, or every problem found.
    fn finish(mut self, fallback_title: &str) -> Result<Read, Problems> {
        let mut entities = Vec::new();
        let mut dataset = Dataset {
            format: FORMAT_VERSION,
            title: self
                .title
                .take()
                .unwrap_or_else(|| fallback_title.to_owned()),
            subtitle: None,
            notes: None,
            sources: Vec::new(),
            deployments: Vec::new(),
            casualties: Vec::new(),
            events: Vec::new(),
            views: Vec::new(),
        };
        match std::mem::replace(&mut self.stage, Stage::Stopped) {
            Stage::Header => {
                self.reader.problems.no_table = true;
                self.reader.problems.table("no header row: the table needs a row naming its columns (a date column and one column per series)");
            }
            Stage::Stopped => {}
            Stage::Wide(wide) => {
                let parts = wide.finish(&mut self.reader);
                dataset.deployments = parts.deployments;
                dataset.casualties = parts.casualties;
                dataset.sources = parts.sources;
            }
            Stage::Panel(panel) => {
                let parts = panel.finish(&mut self.reader);
                dataset.deployments = parts.deployments;
                dataset.casualties = parts.casualties;
                entities = parts.entities;
            }
            Stage::Tidy(tidy) => {
                let parts = tidy.finish(&mut self.reader);
                if let Some(title) = parts.title {
                    dataset.title = title;
                }
                dataset.subtitle = parts.subtitle;
                dataset.notes = parts.notes;
                dataset.sources = parts.sources;
                dataset.deployments = parts.deployments;
                dataset.casualties = parts.casualties;
                dataset.events = parts.events;
                dataset.views = parts.views;
            }
        }
        if let Some(title) = &self.options.title {
            dataset.title.clone_from(title);
        }
        if self.reader.problems.is_empty() {
            Ok(Read {
                dataset,
                guesses: std::mem::take(&mut self.reader.guesses),
                entities,
            })
        } else {
            Err(std::mem::take(&mut self.reader.problems))
        }
    }
}

fn first_modes(options: &TableOptions) -> (NumberMode, DateMode) {
    let numbers = match (options.decimal, options.thousands) {
        (Some(decimal), Some(thousands)) => NumberMode::Known(NumberStyle { decimal, thousands }),
        // A thousands separator other than a comma or point leaves the decimal mark open.
        (None, Some(Thousands::Comma)) => NumberMode::Known(NumberStyle {
            decimal: super::numbers::Decimal::Point,
            thousands: Thousands::Comma,
        }),
        (None, Some(Thousands::Point)) => NumberMode::Known(NumberStyle {
            decimal: super::numbers::Decimal::Comma,
            thousands: Thousands::Point,
        }),
        (decimal, thousands) => NumberMode::Learn(Box::new(Evidence::given(decimal, thousands))),
    };
    let dates = match options.dates {
        Some(order) => DateMode::Known(order),
        None => DateMode::Learn(OrderEvidence::default()),
    };
    (numbers, dates)
}

/// A table read: its dataset (not yet validated) and what was guessed about its columns.
#[derive(Debug)]
pub struct Read {
    /// The dataset.
    pub dataset: Dataset,
    /// What was guessed, one sentence each, with the flag that changes it.
    pub guesses: Vec<String>,
    /// A panel's entities with their peaks, largest first (empty for other shapes).
    pub entities: Vec<(String, u32)>,
}

/// Reads a table with `read`, which hands every row to the interpreter, and builds the dataset
/// (not yet validated). `read` is called a second time only when the first pass guessed an
/// ambiguous style (`170,000`, `03/04/2007`) that later rows contradicted.
pub fn interpret(
    options: &TableOptions,
    fallback_title: &str,
    column_offset: usize,
    cell_names: bool,
    read: &dyn Fn(&mut Interpreter<'_>),
) -> Result<Read, Problems> {
    let (numbers, dates) = first_modes(options);
    let mut first = Interpreter::new(options, numbers, dates, column_offset, cell_names);
    read(&mut first);
    let Some((numbers, dates, guesses_held)) = first.reader.settle() else {
        return first.finish(fallback_title);
    };
    if guesses_held {
        return first.finish(fallback_title);
    }
    let mut second = Interpreter::new(options, numbers, dates, column_offset, cell_names);
    read(&mut second);
    second.finish(fallback_title)
}

/// A row held in memory, for tests and for readers that have the cells as a list.
impl Row for [Cell<'_>] {
    fn len(&self) -> usize {
        <[Cell<'_>]>::len(self)
    }

    fn cell(&self, column: usize) -> Cell<'_> {
        self.get(column).copied().unwrap_or(Cell::Empty)
    }
}
