//! Fuzz the CSV writer: any texts in a dataset must come back from a CSV parser exactly, once
//! the formula guard is undone, and no text cell may start a spreadsheet formula.

#![no_main]

use libfuzzer_sys::fuzz_target;
use troopline::dataset::{Dataset, Date, Deployment, Event, Point};
use troopline::export::csv::{BOM, unguard, write_csv};

fuzz_target!(|bytes: &[u8]| {
    // Up to five texts, separated by NUL bytes.
    let text = String::from_utf8_lossy(bytes);
    let mut parts = text.split('\0').map(str::to_owned);
    let mut next = || parts.next().unwrap_or_default();
    let (id, label, note, title, category) = (next(), next(), next(), next(), next());
    let Some(day) = Date::from_ymd(2007, 1, 1) else {
        return;
    };
    let dataset = Dataset {
        format: 1,
        title: String::new(),
        subtitle: None,
        notes: None,
        sources: Vec::new(),
        deployments: vec![Deployment {
            id: id.clone(),
            label: label.clone(),
            source: None,
            description: None,
            measure: None,
            line: Default::default(),
            points: vec![Point {
                date: day,
                troops: Some(1),
                low: None,
                high: None,
                source: None,
                note: Some(note.clone()),
                extra: None,
            }],
        }],
        casualties: Vec::new(),
        events: vec![Event {
            date: day,
            end: None,
            title: title.clone(),
            detail: None,
            category: Some(category.clone()),
            source: None,
            importance: None,
        }],
        views: Vec::new(),
    };
    let mut out = Vec::new();
    write_csv(&dataset, &mut out).expect("writing to memory cannot fail");
    let out = String::from_utf8(out).expect("the CSV is UTF-8");
    let body = out.strip_prefix(BOM).expect("a byte-order mark first");
    let rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body.as_bytes())
        .records()
        .map(|r| r.expect("our CSV parses").iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(rows.len(), 3);
    let back = |row: usize, column: usize| unguard(&rows[row][column]).to_owned();
    assert_eq!(
        [back(1, 1), back(1, 2), back(1, 9), back(2, 10), back(2, 11)],
        [id, label, note, title, category]
    );
    // No text cell starts a formula, unless it is a plain number.
    for cell in rows.iter().flatten() {
        if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            assert!(cell.parse::<f64>().is_ok(), "unguarded {cell:?}");
        }
    }
});
