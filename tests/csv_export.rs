//! `troopline export-csv`: the CSV carries the dataset's numbers exactly.

// Test helpers fail loudly by design: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::Command;

use proptest::prelude::*;
use troopline::dataset::{Casualties, Dataset, Date, Deployment, Event, Period, Point, builtin};
use troopline::export::csv::{BOM, HEADER, unguard, write_csv};

/// The CSV's rows as read by the `csv` crate, after checking the byte-order mark.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let body = text
        .strip_prefix(BOM)
        .expect("a UTF-8 byte-order mark first");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body.as_bytes())
        .records()
        .map(|record| record.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn csv_round_trips_every_number_of_the_built_in_dataset() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_troopline"))
        .args(["export-csv", "--out", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let path = dir.path().join("us-troops-in-iraq.csv");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        path.to_str().unwrap()
    );
    let rows = parse_csv(&std::fs::read_to_string(&path).unwrap());
    assert_eq!(
        rows[0].join(","),
        "kind,series,series_label,from,to,value,low,high,source,note,title,category"
    );
    assert!(
        rows.iter().all(|r| r.len() == 12),
        "every row has 12 fields"
    );

    let dataset = builtin().unwrap();
    let opt = |v: Option<u32>| v.map(|v| v.to_string()).unwrap_or_default();
    let mut expected = Vec::new();
    for d in &dataset.deployments {
        for p in &d.points {
            expected.push(vec![
                "troops".to_owned(),
                d.id.clone(),
                p.date.to_string(),
                opt(p.troops),
                opt(p.low),
                opt(p.high),
            ]);
        }
    }
    for c in &dataset.casualties {
        for p in &c.periods {
            expected.push(vec![
                "casualties".to_owned(),
                c.id.clone(),
                p.from.to_string(),
                opt(p.count),
                opt(p.low),
                opt(p.high),
            ]);
        }
    }
    let found: Vec<Vec<String>> = rows[1..]
        .iter()
        .filter(|r| r[0] == "troops" || r[0] == "casualties")
        .map(|r| {
            vec![
                r[0].clone(),
                r[1].clone(),
                r[3].clone(),
                r[5].clone(),
                r[6].clone(),
                r[7].clone(),
            ]
        })
        .collect();
    assert_eq!(found, expected);
    let events: Vec<&Vec<String>> = rows.iter().filter(|r| r[0] == "event").collect();
    assert_eq!(events.len(), dataset.events.len());
    assert!(
        events
            .iter()
            .zip(&dataset.events)
            .all(|(r, e)| r[10] == e.title && r[3] == e.date.to_string())
    );
}

/// A dataset whose every text field is `texts[i]`, with one point, one period and one event.
fn dataset_of(texts: &[String; 9]) -> Dataset {
    let day = |text: &str| Date::parse(text).unwrap();
    Dataset {
        format: 1,
        title: texts[0].clone(),
        subtitle: None,
        notes: None,
        views: Vec::new(),
        sources: Vec::new(),
        deployments: vec![Deployment {
            id: texts[1].clone(),
            label: texts[2].clone(),
            description: None,
            measure: None,
            source: Some(texts[3].clone()),
            line: Default::default(),
            points: vec![Point {
                date: day("2007-01-01"),
                troops: Some(5),
                low: None,
                high: Some(7),
                source: None,
                note: Some(texts[4].clone()),
                extra: None,
            }],
        }],
        casualties: vec![Casualties {
            id: texts[5].clone(),
            label: texts[6].clone(),
            description: None,
            unit: None,
            source: None,
            periods: vec![Period {
                from: day("2007-01-01"),
                to: day("2007-12-31"),
                count: Some(0),
                low: None,
                high: None,
                source: None,
                note: None,
                estimates: Vec::new(),
            }],
        }],
        events: vec![Event {
            date: day("2003-03-20"),
            end: None,
            title: texts[7].clone(),
            detail: None,
            category: Some(texts[8].clone()),
            source: None,
            importance: None,
        }],
    }
}

/// Strings a spreadsheet or a CSV parser may trip on, mixed with arbitrary ones.
fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[=+\\-@\t\r'\",\n ]{0,4}[a-z0-9=+\\-@'\",\r\n]{0,6}",
        Just("+cmd|' /C calc'!A0".to_owned()),
        Just("-5".to_owned()),
        Just("'=1+1".to_owned()),
        Just("\u{feff}".to_owned()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    /// Any text survives the CSV: read back with the `csv` crate and unguarded, every cell is
    /// what was written; no cell a spreadsheet reads as text starts a formula.
    #[test]
    fn any_text_round_trips_and_no_cell_starts_a_formula(
        texts in prop::array::uniform9(hostile_text())
    ) {
        let dataset = dataset_of(&texts);
        let mut bytes = Vec::new();
        write_csv(&dataset, &mut bytes).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let all = parse_csv(&text);
        // Header, dataset, two series rows, then the figures and the event.
        prop_assert_eq!(all.len(), 7);
        prop_assert_eq!(&all[0], &HEADER.map(str::to_owned).to_vec());
        prop_assert_eq!(unguard(&all[1][10]), texts[0].as_str());
        prop_assert_eq!(unguard(&all[2][1]), texts[1].as_str());
        prop_assert_eq!(unguard(&all[3][1]), texts[5].as_str());
        let rows: Vec<Vec<String>> = std::iter::once(all[0].clone()).chain(all[4..].iter().cloned()).collect();
        for row in &all {
            prop_assert_eq!(row.len(), 12);
            for cell in row {
                let formula = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
                prop_assert!(!formula || cell.parse::<f64>().is_ok(), "unguarded {:?}", cell);
            }
        }
        let text_cells = |row: &Vec<String>| -> Vec<String> {
            [0, 1, 2, 8, 9, 10, 11].iter().map(|&i| unguard(&row[i]).to_owned()).collect()
        };
        let t = texts;
        prop_assert_eq!(text_cells(&rows[1]), vec!["troops".into(), t[1].clone(), t[2].clone(), t[3].clone(), t[4].clone(), String::new(), String::new()]);
        prop_assert_eq!(text_cells(&rows[2]), vec!["casualties".into(), t[5].clone(), t[6].clone(), String::new(), String::new(), String::new(), String::new()]);
        prop_assert_eq!(text_cells(&rows[3]), vec!["event".into(), String::new(), String::new(), String::new(), String::new(), t[7].clone(), t[8].clone()]);
        // Number columns are never touched.
        prop_assert_eq!(&rows[1][3..8], &["2007-01-01", "2007-01-01", "5", "", "7"].map(str::to_owned));
    }
}

#[test]
fn a_formula_in_a_dataset_is_written_as_text_with_a_bom() {
    let dir = tempfile::tempdir().unwrap();
    let source = troopline::dataset::BUILTIN_RON;
    // The first event's title starts a formula.
    let at = source.find("Event(").unwrap();
    let title = source[at..].find("title: \"").unwrap() + at + "title: \"".len();
    let source = format!(
        "{}=HYPERLINK(\\\"x\\\") {}",
        &source[..title],
        &source[title..]
    );
    let input = dir.path().join("hostile.ron");
    std::fs::write(&input, source).unwrap();
    let out = dir.path().join("out.csv");
    let output = Command::new(env!("CARGO_BIN_EXE_troopline"))
        .args([
            "export-csv",
            input.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("\u{feff}kind,series,"), "{}", &text[..40]);
    let rows = parse_csv(&text);
    let event = rows.iter().find(|r| r[0] == "event").unwrap();
    assert!(
        event[10].starts_with("'=HYPERLINK(\"x\") "),
        "{:?}",
        event[10]
    );
    assert!(
        rows.iter()
            .all(|row| row.iter().all(|cell| !cell.starts_with('=')))
    );
}
