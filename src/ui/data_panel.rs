//! The numbers behind the lines: one table per series, and the events, sortable by column.
//! The row of the point under the mouse in the chart is highlighted, and hovering a row marks
//! its point in the chart.

use std::cmp::Ordering;

use egui::{RichText, ScrollArea, Ui};

use crate::chart::format::{period, thousands};
use crate::dataset::Dataset;

use super::chart_view::Hovered;

/// Which table is shown and how it is sorted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TableState {
    /// 0.. deployments, then casualty series, then the events table.
    pub table: usize,
    /// Column to sort by; `None` keeps file order.
    pub sort: Option<usize>,
    /// Sort descending.
    pub descending: bool,
}

/// One table row as text, with the values used for sorting.
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

fn range_text(low: Option<u32>, high: Option<u32>) -> String {
    match (low, high) {
        (None, None) => String::new(),
        (low, high) => format!(
            "{}–{}",
            low.map_or("…".into(), |v| thousands(u64::from(v))),
            high.map_or("…".into(), |v| thousands(u64::from(v)))
        ),
    }
}

fn source_title<'a>(
    dataset: &'a Dataset,
    own: Option<&'a str>,
    fallback: Option<&'a str>,
) -> &'a str {
    own.or(fallback)
        .map_or("", |id| dataset.source(id).map_or(id, |s| s.title.as_str()))
}

fn rows(dataset: &Dataset, table: usize) -> (Vec<&'static str>, Vec<Row>) {
    let deployments = dataset.deployments.len();
    if let Some(series) = dataset.deployments.get(table) {
        let rows = series
            .points
            .iter()
            .enumerate()
            .map(|(index, p)| Row {
                cells: vec![
                    p.date.to_string(),
                    thousands(u64::from(p.troops)),
                    range_text(p.low, p.high),
                    source_title(dataset, p.source.as_deref(), series.source.as_deref()).to_owned(),
                    p.note.clone().unwrap_or_default(),
                ],
                keys: vec![
                    SortKey::Number(p.date.to_x()),
                    SortKey::Number(f64::from(p.troops)),
                    number(p.low.or(p.high)),
                    SortKey::Text(
                        source_title(dataset, p.source.as_deref(), series.source.as_deref())
                            .to_owned(),
                    ),
                    SortKey::Text(p.note.clone().unwrap_or_default()),
                ],
                hovered: Hovered::Point {
                    series: table,
                    index,
                },
            })
            .collect();
        return (vec!["Date", "Troops", "Low–high", "Source", "Note"], rows);
    }
    if let Some(series) = dataset.casualties.get(table - deployments) {
        let s = table - deployments;
        let rows = series
            .periods
            .iter()
            .enumerate()
            .map(|(index, p)| Row {
                cells: vec![
                    period(p.from, p.to),
                    thousands(u64::from(p.count)),
                    range_text(p.low, p.high),
                    source_title(dataset, p.source.as_deref(), series.source.as_deref()).to_owned(),
                    p.note.clone().unwrap_or_default(),
                ],
                keys: vec![
                    SortKey::Number(p.from.to_x()),
                    SortKey::Number(f64::from(p.count)),
                    number(p.low.or(p.high)),
                    SortKey::Text(
                        source_title(dataset, p.source.as_deref(), series.source.as_deref())
                            .to_owned(),
                    ),
                    SortKey::Text(p.note.clone().unwrap_or_default()),
                ],
                hovered: Hovered::Bar { series: s, index },
            })
            .collect();
        return (vec!["Period", "Count", "Low–high", "Source", "Note"], rows);
    }
    let rows = dataset
        .events
        .iter()
        .enumerate()
        .map(|(index, e)| Row {
            cells: vec![
                e.date.to_string(),
                e.end.map(|d| d.to_string()).unwrap_or_default(),
                e.title.clone(),
                e.category.clone().unwrap_or_default(),
                source_title(dataset, e.source.as_deref(), None).to_owned(),
            ],
            keys: vec![
                SortKey::Number(e.date.to_x()),
                SortKey::Number(e.end.map_or(-1.0, |d| d.to_x())),
                SortKey::Text(e.title.clone()),
                SortKey::Text(e.category.clone().unwrap_or_default()),
                SortKey::Text(source_title(dataset, e.source.as_deref(), None).to_owned()),
            ],
            hovered: Hovered::Event(index),
        })
        .collect();
    (vec!["Date", "End", "Title", "Category", "Source"], rows)
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
        ui.label("Table");
        egui::ComboBox::from_id_salt("troopline-table")
            .selected_text(&names[state.table])
            .show_ui(ui, |ui| {
                for (i, name) in names.iter().enumerate() {
                    if ui.selectable_value(&mut state.table, i, name).changed() {
                        state.sort = None;
                    }
                }
            });
    });
    let (headers, mut rows) = rows(dataset, state.table);
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
    let mut hovered_row = None;
    ScrollArea::both()
        .id_salt("troopline-table-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            egui::Grid::new(("troopline-table-grid", state.table))
                .striped(true)
                .num_columns(headers.len())
                .show(ui, |ui| {
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
                        if ui
                            .button(RichText::new(format!("{header}{arrow}")).strong())
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
                    for row in &rows {
                        let highlighted = chart_hover == Some(row.hovered);
                        let mut row_rect: Option<egui::Rect> = None;
                        for (column, cell) in row.cells.iter().enumerate() {
                            let mut text = RichText::new(cell);
                            if highlighted {
                                text = text.strong().color(ui.visuals().selection.stroke.color);
                            }
                            let response = if column == 4
                                || (column == 2 && headers[0] == "Date" && headers[1] == "End")
                            {
                                ui.add(egui::Label::new(text).truncate())
                            } else {
                                ui.label(text)
                            };
                            row_rect =
                                Some(row_rect.map_or(response.rect, |r| r.union(response.rect)));
                        }
                        ui.end_row();
                        if let Some(rect) = row_rect
                            && ui.rect_contains_pointer(rect.expand2(egui::vec2(0.0, 2.0)))
                        {
                            hovered_row = Some(row.hovered);
                        }
                    }
                });
        });
    hovered_row
}
