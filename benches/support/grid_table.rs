//! The data table as it was before `egui_extras::TableBuilder`: an `egui::Grid` that builds,
//! formats and sorts every row each frame (tables over 20,000 rows were shown in file order,
//! building only the rows on screen). Kept here, verbatim apart from imports and comments, as the
//! baseline the new table is measured against.

use std::cmp::Ordering;

use egui::{RichText, ScrollArea, Ui};
use troopline::chart::format::{period, source_range, thousands};
use troopline::dataset::Dataset;
use troopline::ui::Hovered;

/// Which table is shown and how it is sorted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TableState {
    pub table: usize,
    pub sort: Option<usize>,
    pub descending: bool,
}

struct Row {
    cells: Vec<String>,
    keys: Vec<SortKey>,
    hovered: Hovered,
}

#[derive(Clone, PartialEq, PartialOrd)]
enum SortKey {
    Number(f64),
    Text(String),
}

fn number(value: Option<u32>) -> SortKey {
    SortKey::Number(value.map_or(-1.0, f64::from))
}

fn source_title<'a>(dataset: &'a Dataset, id: Option<&'a str>) -> &'a str {
    id.map_or("", |id| dataset.source(id).map_or(id, |s| s.title.as_str()))
}

const SORTABLE_ROWS: usize = 20_000;

fn headers(dataset: &Dataset, table: usize) -> [&'static str; 5] {
    if table < dataset.deployments.len() {
        ["Date", "Troops", "Low–high", "Source", "Note"]
    } else if table < dataset.deployments.len() + dataset.casualties.len() {
        ["Period", "Count", "Low–high", "Source", "Note"]
    } else {
        ["Date", "End", "Title", "Category", "Source"]
    }
}

fn row_count(dataset: &Dataset, table: usize) -> usize {
    let deployments = dataset.deployments.len();
    if let Some(series) = dataset.deployments.get(table) {
        series.points.len()
    } else if let Some(series) = dataset.casualties.get(table - deployments) {
        series.periods.len()
    } else {
        dataset.events.len()
    }
}

fn row(dataset: &Dataset, table: usize, index: usize) -> Option<Row> {
    let deployments = dataset.deployments.len();
    if let Some(series) = dataset.deployments.get(table) {
        let p = series.points.get(index)?;
        let source = source_title(dataset, series.source_of(p)).to_owned();
        return Some(Row {
            cells: vec![
                p.date.to_string(),
                p.troops
                    .map_or_else(|| "no figure".to_owned(), |t| thousands(u64::from(t))),
                p.troops
                    .and_then(|t| source_range(t, p.low, p.high))
                    .unwrap_or_default(),
                source.clone(),
                p.note.clone().unwrap_or_default(),
            ],
            keys: vec![
                SortKey::Number(p.date.to_x()),
                SortKey::Number(p.troops.map_or(f64::NEG_INFINITY, f64::from)),
                number(p.low.or(p.high)),
                SortKey::Text(source),
                SortKey::Text(p.note.clone().unwrap_or_default()),
            ],
            hovered: Hovered::Point {
                series: table,
                index,
            },
        });
    }
    if let Some(series) = dataset.casualties.get(table - deployments) {
        let p = series.periods.get(index)?;
        let source = source_title(dataset, series.source_of(p)).to_owned();
        return Some(Row {
            cells: vec![
                period(p.from, p.to),
                p.count
                    .map_or_else(String::new, |c| thousands(u64::from(c))),
                p.count
                    .and_then(|c| source_range(c, p.low, p.high))
                    .unwrap_or_default(),
                source.clone(),
                p.note.clone().unwrap_or_default(),
            ],
            keys: vec![
                SortKey::Number(p.from.to_x()),
                number(p.count),
                number(p.low.or(p.high)),
                SortKey::Text(source),
                SortKey::Text(p.note.clone().unwrap_or_default()),
            ],
            hovered: Hovered::Bar {
                series: table - deployments,
                index,
            },
        });
    }
    let e = dataset.events.get(index)?;
    let source = source_title(dataset, e.source.as_deref()).to_owned();
    Some(Row {
        cells: vec![
            e.date.to_string(),
            e.end.map(|d| d.to_string()).unwrap_or_default(),
            e.title.clone(),
            e.category.clone().unwrap_or_default(),
            source.clone(),
        ],
        keys: vec![
            SortKey::Number(e.date.to_x()),
            SortKey::Number(e.end.map_or(-1.0, |d| d.to_x())),
            SortKey::Text(e.title.clone()),
            SortKey::Text(e.category.clone().unwrap_or_default()),
            SortKey::Text(source),
        ],
        hovered: Hovered::Event(index),
    })
}

/// Draws the table picker and the table. Returns the row the mouse is over, if any.
pub fn show(
    ui: &mut Ui,
    dataset: &Dataset,
    state: &mut TableState,
    chart_hover: Option<Hovered>,
) -> Option<Hovered> {
    let names: Vec<String> = dataset
        .deployments
        .iter()
        .map(|d| d.label.clone())
        .chain(dataset.casualties.iter().map(|c| c.label.clone()))
        .chain(std::iter::once("Events".to_owned()))
        .collect();
    state.table = state.table.min(names.len() - 1);
    ui.horizontal(|ui| {
        let label = ui.label("Table");
        egui::ComboBox::from_id_salt("troopline-table")
            .selected_text(&names[state.table])
            .show_ui(ui, |ui| {
                for (i, name) in names.iter().enumerate() {
                    if ui.selectable_value(&mut state.table, i, name).changed() {
                        state.sort = None;
                    }
                }
            })
            .response
            .labelled_by(label.id);
    });
    let headers = headers(dataset, state.table);
    let count = row_count(dataset, state.table);
    let sortable = count <= SORTABLE_ROWS;
    let mut hovered_row = None;
    let header_row = |ui: &mut Ui, state: &mut TableState| {
        for (column, header) in headers.iter().enumerate() {
            let arrow = match state.sort {
                Some(c) if c == column => {
                    if state.descending {
                        " (desc)"
                    } else {
                        " (asc)"
                    }
                }
                _ => "",
            };
            let label = RichText::new(format!("{header}{arrow}")).strong();
            if !sortable {
                ui.label(label);
            } else if ui
                .button(label)
                .on_hover_text("Sort by this column")
                .clicked()
            {
                if state.sort == Some(column) {
                    state.descending = !state.descending;
                } else {
                    state.sort = Some(column);
                    state.descending = false;
                }
            }
        }
        ui.end_row();
    };
    let mut draw_rows = |ui: &mut Ui, rows: &mut dyn Iterator<Item = Row>| {
        for row in rows {
            let highlighted = chart_hover == Some(row.hovered);
            let mut row_rect: Option<egui::Rect> = None;
            for (column, cell) in row.cells.iter().enumerate() {
                let mut text = RichText::new(cell);
                if highlighted {
                    text = text.strong().color(ui.visuals().selection.stroke.color);
                }
                let response = if column >= 2 && cell.chars().count() > 40 {
                    ui.add(egui::Label::new(text).truncate())
                } else {
                    ui.label(text)
                };
                row_rect = Some(row_rect.map_or(response.rect, |r| r.union(response.rect)));
            }
            ui.end_row();
            if let Some(rect) = row_rect
                && ui.rect_contains_pointer(rect.expand2(egui::vec2(0.0, 2.0)))
            {
                hovered_row = Some(row.hovered);
            }
        }
    };
    let table = state.table;
    let grid = |id| {
        egui::Grid::new(("troopline-table-grid", table, id))
            .striped(true)
            .num_columns(headers.len())
    };
    if sortable {
        let mut rows: Vec<Row> = (0..count).filter_map(|i| row(dataset, table, i)).collect();
        if let Some(column) = state.sort {
            rows.sort_by(|a, b| {
                let order = a.keys[column]
                    .partial_cmp(&b.keys[column])
                    .unwrap_or(Ordering::Equal);
                if state.descending {
                    order.reverse()
                } else {
                    order
                }
            });
        }
        ScrollArea::both()
            .id_salt("troopline-table-scroll")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                grid(0).show(ui, |ui| {
                    header_row(ui, state);
                    draw_rows(ui, &mut rows.into_iter());
                });
            });
    } else {
        ui.label(
            RichText::new(format!(
                "{} rows, in file order (sorting is offered up to {} rows)",
                thousands(count as u64),
                thousands(SORTABLE_ROWS as u64)
            ))
            .small()
            .weak(),
        );
        grid(1).show(ui, |ui| header_row(ui, state));
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y;
        ScrollArea::both()
            .id_salt("troopline-table-scroll")
            .auto_shrink([false, false])
            .show_rows(ui, row_height, count, |ui, range| {
                grid(2).show(ui, |ui| {
                    draw_rows(ui, &mut range.filter_map(|i| row(dataset, table, i)));
                });
            });
    }
    hovered_row
}
