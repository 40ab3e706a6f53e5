//! The numbers behind the lines: one table per series, and the events, sortable by column.
//! The row of the figure under the mouse in the chart is highlighted and scrolled into view, and
//! hovering a row marks its figure in the chart.
//!
//! Only the rows on screen are laid out and formatted, and the sort order is worked out once per
//! table, column and direction rather than every frame: a table of a million figures draws as
//! fast as one of ten.

use std::cmp::Ordering;
use std::collections::HashMap;

use egui::{Align, Layout, RichText, Sense, Ui};
use egui_extras::{Column, TableBuilder};

use crate::chart::format::{period, source_range, thousands};
use crate::dataset::{Dataset, Date};

use super::shared::Hovered;

/// Every table has this many columns.
const COLUMNS: usize = 5;

/// Which table is shown, how it is sorted, and the row order worked out for it.
#[derive(Clone, Debug, Default)]
pub struct TableState {
    /// 0.. deployments, then casualty series, then the events table.
    pub table: usize,
    /// Column to sort by; `None` keeps file order.
    pub sort: Option<usize>,
    /// Sort descending.
    pub descending: bool,
    /// The row order for the shown table and sort, kept between frames.
    order: RowOrder,
    /// The chart hover the table last followed: it scrolls once per newly hovered figure, so
    /// the user can still scroll away from it.
    followed: Option<Hovered>,
    /// The sort just changed: the next frame starts at the top of the new order.
    resorted: bool,
}

impl TableState {
    /// Forgets the row order worked out for the previous data. The window calls this whenever it
    /// replaces the dataset: a reloaded file may hold other figures in as many rows.
    pub fn dataset_replaced(&mut self) {
        self.order = RowOrder::default();
    }

    /// The row of `kind` to scroll to: the chart's hovered figure, when it is new and in this
    /// table.
    fn follow(&mut self, kind: Kind, chart_hover: Option<Hovered>) -> Option<usize> {
        let new = chart_hover != self.followed;
        self.followed = chart_hover;
        chart_hover.filter(|_| new).and_then(|h| kind.row_of(h))
    }
}

/// What the shown table lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// The points of deployment series `n`.
    Troops(usize),
    /// The periods of casualty series `n`.
    Casualties(usize),
    /// The events.
    Events,
}

impl Kind {
    /// The kind of table number `table` (see [`TableState::table`]).
    fn of(dataset: &Dataset, table: usize) -> Self {
        let deployments = dataset.deployments.len();
        if table < deployments {
            Self::Troops(table)
        } else if table - deployments < dataset.casualties.len() {
            Self::Casualties(table - deployments)
        } else {
            Self::Events
        }
    }

    fn headers(self) -> [&'static str; COLUMNS] {
        match self {
            Self::Troops(_) => ["Date", "Troops", "Low–high", "Source", "Note"],
            Self::Casualties(_) => ["Period", "Count", "Low–high", "Source", "Note"],
            Self::Events => ["Date", "End", "Title", "Category", "Source"],
        }
    }

    /// Column sizes: short values sized to their content, long texts cut to a width the user
    /// can drag (the full text shows on hover), the last column taking what is left.
    fn columns(self) -> [Column; COLUMNS] {
        let text = |width: f32| Column::initial(width).at_least(40.0).clip(true);
        let rest = Column::remainder().at_least(60.0).clip(true);
        match self {
            Self::Troops(_) | Self::Casualties(_) => [
                Column::auto(),
                Column::auto(),
                Column::auto(),
                text(110.0),
                rest,
            ],
            Self::Events => [
                Column::auto(),
                Column::auto(),
                text(160.0),
                text(80.0),
                rest,
            ],
        }
    }

    /// Numbers are right-aligned, so their digits line up.
    fn is_number(self, column: usize) -> bool {
        matches!(self, Self::Troops(_) | Self::Casualties(_)) && matches!(column, 1 | 2)
    }

    fn row_count(self, dataset: &Dataset) -> usize {
        match self {
            Self::Troops(s) => dataset.deployments.get(s).map_or(0, |d| d.points.len()),
            Self::Casualties(s) => dataset.casualties.get(s).map_or(0, |c| c.periods.len()),
            Self::Events => dataset.events.len(),
        }
    }

    /// The chart's name for row `index` of this table.
    fn figure(self, index: usize) -> Hovered {
        match self {
            Self::Troops(series) => Hovered::Point { series, index },
            Self::Casualties(series) => Hovered::Bar { series, index },
            Self::Events => Hovered::Event(index),
        }
    }

    /// The row of this table that the chart's `hovered` names, if it is one of them.
    fn row_of(self, hovered: Hovered) -> Option<usize> {
        match (self, hovered) {
            (Self::Troops(s), Hovered::Point { series, index })
            | (Self::Casualties(s), Hovered::Bar { series, index })
                if s == series =>
            {
                Some(index)
            }
            (Self::Events, Hovered::Event(index)) => Some(index),
            _ => None,
        }
    }
}

/// The order rows are shown in, worked out when the table, its length or the sort changes.
#[derive(Clone, Debug, Default)]
struct RowOrder {
    /// What `rows` was worked out for; `None` before the first table.
    made_for: Option<(Kind, usize, Option<usize>, bool)>,
    /// The row index shown at each position; empty for file order.
    rows: Vec<usize>,
    /// The position of each row index (`rows` inverted).
    positions: Vec<usize>,
}

impl RowOrder {
    fn update(&mut self, dataset: &Dataset, kind: Kind, sort: Option<usize>, descending: bool) {
        let wanted = (kind, kind.row_count(dataset), sort, descending);
        if self.made_for == Some(wanted) {
            return;
        }
        self.made_for = Some(wanted);
        self.rows = sort.map_or_else(Vec::new, |c| sorted_rows(dataset, kind, c, descending));
        self.positions = vec![0; self.rows.len()];
        for (position, &row) in self.rows.iter().enumerate() {
            self.positions[row] = position;
        }
    }

    /// The row index shown at `position`.
    fn row(&self, position: usize) -> usize {
        self.rows.get(position).copied().unwrap_or(position)
    }

    /// Where row `index` is shown.
    fn position(&self, index: usize) -> usize {
        self.positions.get(index).copied().unwrap_or(index)
    }
}

/// A value rows are sorted by.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Key<'a> {
    Number(f64),
    Text(&'a str),
}

impl Key<'_> {
    /// A count, with "none given" before every number.
    fn count(value: Option<u32>) -> Self {
        Self::Number(value.map_or(-1.0, f64::from))
    }

    fn compare(&self, other: &Self) -> Ordering {
        match (self, other) {
            (Self::Number(a), Self::Number(b)) => a.total_cmp(b),
            (Self::Text(a), Self::Text(b)) => a.cmp(b),
            (Self::Number(_), Self::Text(_)) => Ordering::Less,
            (Self::Text(_), Self::Number(_)) => Ordering::Greater,
        }
    }
}

/// Source titles by id, for sorting by source without a search per row.
struct SourceTitles<'a>(HashMap<&'a str, &'a str>);

impl<'a> SourceTitles<'a> {
    fn new(dataset: &'a Dataset) -> Self {
        // In reverse, so the first source with an id wins, as in `Dataset::source`.
        let titles = dataset.sources.iter().rev();
        Self(titles.map(|s| (s.id.as_str(), s.title.as_str())).collect())
    }

    /// The title of source `id`, or the id itself if it is not defined.
    fn of(&self, id: Option<&'a str>) -> &'a str {
        id.map_or("", |id| self.0.get(id).copied().unwrap_or(id))
    }
}

/// The title of source `id`, or the id itself if it is not defined.
fn source_title<'a>(dataset: &'a Dataset, id: Option<&'a str>) -> &'a str {
    id.map_or("", |id| dataset.source(id).map_or(id, |s| s.title.as_str()))
}

/// The sort key of every row of `kind` in `column`, in file order.
fn sort_keys<'a>(dataset: &'a Dataset, kind: Kind, column: usize) -> Vec<Key<'a>> {
    let titles = SourceTitles::new(dataset);
    // Points and periods share their last three columns: range, source and note.
    let shared =
        |low: Option<u32>, high: Option<u32>, source, note: &'a Option<String>| match column {
            2 => Key::count(low.or(high)),
            3 => Key::Text(titles.of(source)),
            _ => Key::Text(note.as_deref().unwrap_or_default()),
        };
    match kind {
        Kind::Troops(s) => dataset.deployments.get(s).map_or_else(Vec::new, |series| {
            let key = |p: &'a crate::dataset::Point| match column {
                0 => Key::Number(p.date.to_x()),
                1 => Key::count(p.troops),
                _ => shared(p.low, p.high, series.source_of(p), &p.note),
            };
            series.points.iter().map(key).collect()
        }),
        Kind::Casualties(s) => dataset.casualties.get(s).map_or_else(Vec::new, |series| {
            let key = |p: &'a crate::dataset::Period| match column {
                0 => Key::Number(p.from.to_x()),
                1 => Key::count(p.count),
                _ => shared(p.low, p.high, series.source_of(p), &p.note),
            };
            series.periods.iter().map(key).collect()
        }),
        Kind::Events => {
            let key = |e: &'a crate::dataset::Event| match column {
                0 => Key::Number(e.date.to_x()),
                1 => Key::Number(e.end.map_or(f64::NEG_INFINITY, Date::to_x)),
                2 => Key::Text(&e.title),
                3 => Key::Text(e.category.as_deref().unwrap_or_default()),
                _ => Key::Text(titles.of(e.source.as_deref())),
            };
            dataset.events.iter().map(key).collect()
        }
    }
}

/// The row indexes of `kind` ordered by `column`. Equal keys keep file order, descending too.
fn sorted_rows(dataset: &Dataset, kind: Kind, column: usize, descending: bool) -> Vec<usize> {
    let keys = sort_keys(dataset, kind, column);
    let mut rows: Vec<usize> = (0..keys.len()).collect();
    rows.sort_by(|&a, &b| {
        let order = keys[a].compare(&keys[b]);
        if descending { order.reverse() } else { order }
    });
    rows
}

/// The cells of row `index` of `kind`, formatted (only rows on screen are).
fn cells(dataset: &Dataset, kind: Kind, index: usize) -> Option<[String; COLUMNS]> {
    let note = |note: &Option<String>| note.clone().unwrap_or_default();
    Some(match kind {
        Kind::Troops(s) => {
            let series = dataset.deployments.get(s)?;
            let p = series.points.get(index)?;
            [
                p.date.to_string(),
                p.troops.map_or_else(
                    || "no figure".to_owned(),
                    |troops| thousands(u64::from(troops)),
                ),
                p.troops
                    .and_then(|troops| source_range(troops, p.low, p.high))
                    .unwrap_or_default(),
                source_title(dataset, series.source_of(p)).to_owned(),
                note(&p.note),
            ]
        }
        Kind::Casualties(s) => {
            let series = dataset.casualties.get(s)?;
            let p = series.periods.get(index)?;
            [
                period(p.from, p.to),
                p.count.map_or_else(
                    || "no figure".to_owned(),
                    |count| thousands(u64::from(count)),
                ),
                p.count
                    .and_then(|count| source_range(count, p.low, p.high))
                    .unwrap_or_default(),
                source_title(dataset, series.source_of(p)).to_owned(),
                note(&p.note),
            ]
        }
        Kind::Events => {
            let e = dataset.events.get(index)?;
            [
                e.date.to_string(),
                e.end.map(|d| d.to_string()).unwrap_or_default(),
                e.title.clone(),
                note(&e.category),
                source_title(dataset, e.source.as_deref()).to_owned(),
            ]
        }
    })
}

/// Draws the table picker and the table. Returns the figure of the row the mouse is over.
pub fn show(
    ui: &mut Ui,
    dataset: &Dataset,
    state: &mut TableState,
    chart_hover: Option<Hovered>,
) -> Option<Hovered> {
    picker(ui, dataset, state);
    let kind = Kind::of(dataset, state.table);
    state
        .order
        .update(dataset, kind, state.sort, state.descending);
    let scroll_to = state
        .follow(kind, chart_hover)
        .map(|i| state.order.position(i));
    table(ui, dataset, state, kind, chart_hover, scroll_to)
}

/// The table chooser, and how many rows the chosen table has.
fn picker(ui: &mut Ui, dataset: &Dataset, state: &mut TableState) {
    let names: Vec<&str> = dataset
        .deployments
        .iter()
        .map(|d| d.label.as_str())
        .chain(dataset.casualties.iter().map(|c| c.label.as_str()))
        .chain(std::iter::once("Events"))
        .collect();
    state.table = state.table.min(names.len() - 1);
    ui.horizontal(|ui| {
        let label = ui.label("Table");
        egui::ComboBox::from_id_salt("troopline-table")
            .selected_text(names[state.table])
            .show_ui(ui, |ui| {
                for (i, name) in names.iter().enumerate() {
                    if ui.selectable_value(&mut state.table, i, *name).changed() {
                        state.sort = None;
                    }
                }
            })
            .response
            .labelled_by(label.id);
        let rows = Kind::of(dataset, state.table).row_count(dataset) as u64;
        let noun = if rows == 1 { "row" } else { "rows" };
        ui.label(RichText::new(format!("{} {noun}", thousands(rows))).weak());
    });
}

/// The header and the rows on screen. Returns the figure of the row the mouse is over.
fn table(
    ui: &mut Ui,
    dataset: &Dataset,
    state: &mut TableState,
    kind: Kind,
    chart_hover: Option<Hovered>,
    scroll_to: Option<usize>,
) -> Option<Hovered> {
    let row_height = ui.spacing().interact_size.y;
    let mut builder = TableBuilder::new(ui)
        .id_salt(("troopline-table", state.table))
        .striped(true)
        .resizable(true)
        .sense(Sense::hover())
        .auto_shrink([false, false])
        .cell_layout(Layout::left_to_right(Align::Center));
    for column in kind.columns() {
        builder = builder.column(column);
    }
    if let Some(position) = scroll_to {
        builder = builder.scroll_to_row(position, None);
    } else if std::mem::take(&mut state.resorted) {
        builder = builder.vertical_scroll_offset(0.0);
    }
    let (sort, descending) = (&mut state.sort, &mut state.descending);
    let resorted = &mut state.resorted;
    let table = builder.header(row_height, |mut header| {
        for (column, title) in kind.headers().into_iter().enumerate() {
            header.col(|ui| {
                aligned(ui, kind.is_number(column), |ui| {
                    *resorted |= sort_button(ui, column, title, sort, descending);
                });
            });
        }
    });
    let mut hovered_row = None;
    table.body(|body| {
        // A click on a header this frame changed the sort: the rows follow at once.
        state
            .order
            .update(dataset, kind, state.sort, state.descending);
        body.rows(row_height, kind.row_count(dataset), |mut row| {
            let index = state.order.row(row.index());
            let figure = kind.figure(index);
            row.set_selected(chart_hover == Some(figure));
            for (column, text) in cells(dataset, kind, index)
                .into_iter()
                .flatten()
                .enumerate()
            {
                row.col(|ui| cell(ui, text, kind.is_number(column)));
            }
            // Not `hovered()`: the cells' selectable text sits on top and takes the hover.
            if row.col_index() > 0 && row.response().contains_pointer() {
                hovered_row = Some(figure);
            }
        });
    });
    hovered_row
}

/// Runs `add` right-aligned for numbers, else as the cell lays out (left-aligned). While the
/// table measures its columns (a sizing pass) everything is left-aligned: a right-aligned cell
/// would measure as wide as the room it is offered, and its column would never shrink.
fn aligned(ui: &mut Ui, number: bool, add: impl FnOnce(&mut Ui)) {
    if number && !ui.is_sizing_pass() {
        ui.with_layout(Layout::right_to_left(Align::Center), add);
    } else {
        add(ui);
    }
}

/// One cell: its text, cut to the column's width with all of it on hover. A number is pushed
/// to the right edge by a space the width it leaves free (rather than laid out in a child `Ui`
/// of its own as [`aligned`] does: a frame has hundreds of cells).
fn cell(ui: &mut Ui, text: String, number: bool) {
    if number && !ui.is_sizing_pass() {
        let galley = egui::WidgetText::from(text).into_galley(
            ui,
            Some(egui::TextWrapMode::Truncate),
            ui.available_width(),
            egui::TextStyle::Body,
        );
        ui.add_space((ui.available_width() - galley.size().x).max(0.0));
        ui.add(egui::Label::new(galley));
    } else {
        ui.add(egui::Label::new(text).truncate());
    }
}

/// A column header: click to sort by it, again to reverse. Returns whether it was clicked.
fn sort_button(
    ui: &mut Ui,
    column: usize,
    title: &str,
    sort: &mut Option<usize>,
    descending: &mut bool,
) -> bool {
    let direction = match *sort {
        Some(c) if c == column && *descending => " (desc)",
        Some(c) if c == column => " (asc)",
        _ => "",
    };
    let button = egui::Button::new(RichText::new(format!("{title}{direction}")).strong())
        .frame_when_inactive(false);
    let clicked = ui
        .add(button)
        .on_hover_text("Sort by this column")
        .clicked();
    if clicked {
        if *sort == Some(column) {
            *descending = !*descending;
        } else {
            *sort = Some(column);
            *descending = false;
        }
    }
    clicked
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{Casualties, Deployment, Event, Period, Point, Source};

    fn date(day: u32) -> Date {
        Date::from_ymd(2001, 1, day).unwrap()
    }

    fn point(day: u32, troops: u32, source: Option<&str>, note: Option<&str>) -> Point {
        Point {
            date: date(day),
            troops: Some(troops),
            low: (troops == 30).then_some(25),
            high: None,
            source: source.map(str::to_owned),
            note: note.map(str::to_owned),
            extra: None,
        }
    }

    fn dataset() -> Dataset {
        let source = |id: &str, title: &str| Source {
            id: id.into(),
            title: title.into(),
            publisher: "P".into(),
            url: None,
            published: None,
        };
        Dataset {
            format: 1,
            title: "T".into(),
            subtitle: None,
            notes: None,
            views: Vec::new(),
            sources: vec![source("z", "Alpha report"), source("a", "Zulu report")],
            deployments: vec![Deployment {
                id: "d".into(),
                label: "Troops".into(),
                description: None,
                measure: None,
                source: Some("a".into()),
                line: Default::default(),
                points: vec![
                    point(1, 30, None, Some("b")),
                    point(2, 10, Some("z"), None),
                    point(3, 20, Some("undefined"), Some("a")),
                    point(4, 10, None, Some("a")),
                ],
            }],
            casualties: vec![Casualties {
                id: "c".into(),
                label: "Deaths".into(),
                description: None,
                unit: None,
                source: None,
                periods: vec![Period {
                    from: date(1),
                    to: date(2),
                    count: Some(5),
                    low: None,
                    high: None,
                    source: None,
                    note: None,
                    estimates: Vec::new(),
                }],
            }],
            events: vec![
                event(1, Some(5), "Second"),
                event(2, None, "First"),
                event(3, Some(4), "Third"),
            ],
        }
    }

    fn event(day: u32, end: Option<u32>, title: &str) -> Event {
        Event {
            date: date(day),
            end: end.map(date),
            title: title.into(),
            detail: None,
            category: None,
            source: None,
            importance: None,
        }
    }

    #[test]
    fn rows_sort_by_each_column_and_ties_keep_file_order() {
        let data = dataset();
        let troops = Kind::Troops(0);
        assert_eq!(sorted_rows(&data, troops, 0, true), [3, 2, 1, 0]);
        assert_eq!(sorted_rows(&data, troops, 1, false), [1, 3, 2, 0]);
        assert_eq!(
            sorted_rows(&data, troops, 1, true),
            [0, 2, 1, 3],
            "ties stay in order"
        );
        assert_eq!(
            sorted_rows(&data, troops, 2, true),
            [0, 1, 2, 3],
            "only row 0 has a range"
        );
        // By source title, not id: "Alpha report" (z), "Zulu report" (a, the series' default),
        // then "undefined", a source the file does not define (bytewise, as before).
        assert_eq!(sorted_rows(&data, troops, 3, false), [1, 0, 3, 2]);
        assert_eq!(
            sorted_rows(&data, troops, 4, false),
            [1, 2, 3, 0],
            "no note first"
        );
        let events = Kind::Events;
        assert_eq!(
            sorted_rows(&data, events, 1, false),
            [1, 2, 0],
            "no end first"
        );
        assert_eq!(sorted_rows(&data, events, 2, false), [1, 0, 2]);
        assert_eq!(sorted_rows(&data, Kind::Casualties(0), 1, true), [0]);
    }

    #[test]
    fn the_order_is_worked_out_again_only_when_it_changes() {
        let mut data = dataset();
        let mut order = RowOrder::default();
        order.update(&data, Kind::Troops(0), None, false);
        assert_eq!((order.row(2), order.position(2)), (2, 2), "file order");
        order.update(&data, Kind::Troops(0), Some(1), true);
        assert_eq!(
            (0..4).map(|p| order.row(p)).collect::<Vec<_>>(),
            [0, 2, 1, 3]
        );
        assert_eq!(
            (0..4).map(|i| order.position(i)).collect::<Vec<_>>(),
            [0, 2, 1, 3]
        );
        // Same table, same sort: the cached order stands even if the figures changed...
        data.deployments[0].points[3].troops = Some(99);
        order.update(&data, Kind::Troops(0), Some(1), true);
        assert_eq!(order.row(0), 0);
        // ...until the window says the data was replaced.
        let mut state = TableState {
            order,
            ..TableState::default()
        };
        state.dataset_replaced();
        state.order.update(&data, Kind::Troops(0), Some(1), true);
        assert_eq!(state.order.row(0), 3);
        // A new row count alone is enough to notice.
        data.deployments[0].points.push(point(9, 1000, None, None));
        state.order.update(&data, Kind::Troops(0), Some(1), true);
        assert_eq!(state.order.row(0), 4);
    }

    #[test]
    fn tables_name_their_rows_as_the_chart_does() {
        let data = dataset();
        assert_eq!(Kind::of(&data, 0), Kind::Troops(0));
        assert_eq!(Kind::of(&data, 1), Kind::Casualties(0));
        assert_eq!(Kind::of(&data, 2), Kind::Events);
        for kind in [Kind::Troops(0), Kind::Casualties(0), Kind::Events] {
            for index in 0..kind.row_count(&data) {
                assert_eq!(kind.row_of(kind.figure(index)), Some(index));
                assert!(cells(&data, kind, index).is_some());
            }
            assert_eq!(cells(&data, kind, kind.row_count(&data)), None);
        }
        assert_eq!(Kind::Troops(1).row_of(Kind::Troops(0).figure(1)), None);
        assert_eq!(Kind::Events.row_of(Kind::Casualties(0).figure(0)), None);
    }

    #[test]
    fn the_table_scrolls_once_to_each_newly_hovered_figure() {
        let mut state = TableState::default();
        let kind = Kind::Troops(0);
        let hover = Some(kind.figure(3));
        assert_eq!(state.follow(kind, hover), Some(3));
        assert_eq!(state.follow(kind, hover), None, "the user may scroll away");
        assert_eq!(state.follow(kind, None), None);
        assert_eq!(state.follow(kind, hover), Some(3), "hovered again");
        assert_eq!(state.follow(Kind::Events, Some(kind.figure(1))), None);
    }

    #[test]
    fn cells_read_as_in_the_file() {
        let data = dataset();
        let row = cells(&data, Kind::Troops(0), 0).unwrap();
        assert_eq!(row, ["2001-01-01", "30", "25–30", "Zulu report", "b"]);
        let row = cells(&data, Kind::Troops(0), 2).unwrap();
        assert_eq!(row[3], "undefined", "an unknown source shows its id");
        let row = cells(&data, Kind::Events, 0).unwrap();
        assert_eq!(row, ["2001-01-01", "2001-01-05", "Second", "", ""]);
    }
}
