//! `troopline export-csv`: the CSV carries the dataset's numbers exactly.

// Test helpers fail loudly by design: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::Command;

use troopline::dataset::builtin;

/// A small RFC 4180 reader, enough to check our own output independently of the writer.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
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
                p.troops.to_string(),
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
                p.count.to_string(),
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
