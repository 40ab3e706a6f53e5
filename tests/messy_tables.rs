//! Tables as people really write them (issue #24): footnote marks, approximations, ranges,
//! unit words in five languages, month/quarter/fiscal-year dates, casualty and total columns
//! guessed, entity panels — each read from CSV and from a workbook LibreOffice saved from it
//! (English, German and Danish conventions), and every figure compared with its cell.

// Test helpers fail loudly by design: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;

use troopline::dataset::{Dataset, Date, TableOptions, load_path};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tables")
        .join(name)
}

fn open_with(name: &str, options: &TableOptions) -> Dataset {
    load_path(&fixture(name), options).unwrap_or_else(|error| panic!("{name}:\n{error}"))
}

fn open(name: &str) -> Dataset {
    open_with(name, &TableOptions::default())
}

fn d(text: &str) -> Date {
    Date::parse(text).unwrap()
}

/// `(date, troops, low, high, note)` of a point.
type Read = (Date, Option<u32>, Option<u32>, Option<u32>, Option<String>);

/// `(date, troops, low, high, note)` of every point of the series labelled `label`.
fn points(dataset: &Dataset, label: &str) -> Vec<Read> {
    let series = dataset
        .deployments
        .iter()
        .find(|s| s.label == label)
        .unwrap_or_else(|| panic!("no series {label:?} in {:?}", labels(dataset)));
    series
        .points
        .iter()
        .map(|p| {
            // A cell with a figure gives a known level; one that says "no figure" (`–`, `n/a`)
            // an unknown one (`None`), never zero.
            (p.date, p.troops, p.low, p.high, p.note.clone())
        })
        .collect()
}

/// `(from, to, count)` of every period of the casualty series labelled `label`.
fn periods(dataset: &Dataset, label: &str) -> Vec<(Date, Date, Option<u32>)> {
    let series = dataset
        .casualties
        .iter()
        .find(|s| s.label == label)
        .unwrap_or_else(|| panic!("no casualty series {label:?}"));
    series
        .periods
        .iter()
        .map(|p| (p.from, p.to, p.count))
        .collect()
}

fn labels(dataset: &Dataset) -> Vec<&str> {
    dataset
        .deployments
        .iter()
        .map(|s| s.label.as_str())
        .collect()
}

fn approx() -> Option<String> {
    Some("approximate".to_owned())
}

#[test]
fn english_footnotes_approximations_ranges_quarters_and_roles() {
    for name in ["messy_en.csv", "messy_en.xlsx"] {
        let dataset = open(name);
        assert_eq!(dataset.title, "US troops in Iraq and Afghanistan", "{name}");
        // `Total` and `Change (%)` are left out; the deaths column is casualties.
        assert_eq!(labels(&dataset), ["Iraq", "Afghanistan"], "{name}");
        assert_eq!(
            points(&dataset, "Iraq"),
            [
                (d("2009-01-01"), Some(144_000), None, None, approx()),
                (
                    d("2009-04-01"),
                    Some(134_000),
                    None,
                    None,
                    Some("approximate; -see CRS table 2".to_owned())
                ),
                (
                    d("2009-07-01"),
                    Some(131_000),
                    Some(130_000),
                    Some(132_000),
                    None
                ),
                (d("2009-10-01"), Some(115_000), None, None, None),
                (d("2010-01-01"), Some(98_000), None, None, None),
            ],
            "{name}"
        );
        assert_eq!(
            points(&dataset, "Afghanistan"),
            [
                (d("2009-01-01"), Some(32_800), None, None, None),
                (
                    d("2009-04-01"),
                    Some(44_000),
                    None,
                    None,
                    Some("-see CRS table 2".to_owned())
                ),
                (d("2009-07-01"), Some(60_000), None, None, approx()),
                (d("2009-10-01"), Some(68_000), None, None, approx()),
                (
                    d("2010-01-01"),
                    None,
                    None,
                    None,
                    Some("no figure: the table says \"—\"".to_owned())
                ),
            ],
            "{name}: an em dash is an unknown figure, not zero"
        );
        assert_eq!(
            periods(&dataset, "US military deaths"),
            [
                (d("2009-01-01"), d("2009-01-31"), Some(16)),
                (d("2009-04-01"), d("2009-06-30"), Some(45)),
                (d("2009-07-01"), d("2009-09-30"), Some(40)),
                (d("2009-10-01"), d("2009-12-31"), None),
                (d("2010-01-01"), d("2010-03-31"), None),
            ],
            "{name}: n/a and .. are unknown, never zero"
        );
    }
}

#[test]
fn german_thousands_and_fiscal_years() {
    for name in ["messy_de.csv", "messy_de.xlsx"] {
        let dataset = open(name);
        assert_eq!(
            labels(&dataset),
            ["US-Truppen"],
            "{name}: Insgesamt is left out"
        );
        // A fiscal year's level is its strength on 30 September.
        assert_eq!(
            points(&dataset, "US-Truppen"),
            [
                (d("2008-09-30"), Some(160_500), None, None, approx()),
                (d("2009-09-30"), Some(135_000), None, None, None),
                (d("2010-09-30"), Some(96_200), None, None, approx()),
                (
                    d("2011-09-30"),
                    None,
                    None,
                    None,
                    Some("no figure: the table says \"–\"".to_owned())
                ),
            ],
            "{name}"
        );
        assert_eq!(
            periods(&dataset, "Tote"),
            [
                (d("2007-10-01"), d("2008-09-30"), Some(904)),
                (d("2008-10-01"), d("2009-09-30"), Some(313)),
                (d("2009-10-01"), d("2010-09-30"), Some(60)),
                (d("2010-10-01"), d("2011-09-30"), None),
            ],
            "{name}"
        );
    }
}

#[test]
fn danish_thousands_and_ranges() {
    for name in ["messy_da.csv", "messy_da.ods"] {
        let dataset = open(name);
        assert_eq!(labels(&dataset), ["Amerikanske tropper"], "{name}");
        assert_eq!(
            points(&dataset, "Amerikanske tropper"),
            [
                (d("2009-01-15"), Some(144_500), None, None, approx()),
                (d("2009-04-15"), Some(134_200), None, None, None),
                (
                    d("2009-07-15"),
                    Some(131_000),
                    Some(130_000),
                    Some(132_000),
                    None
                ),
            ],
            "{name}"
        );
        assert_eq!(periods(&dataset, "Dræbte").len(), 3, "{name}");
    }
}

#[test]
fn roles_can_be_overridden() {
    let options = TableOptions {
        troops: vec!["Total".into(), "US military deaths".into()],
        ignore: vec!["Afghanistan".into()],
        title: Some("Iraq".into()),
        ..TableOptions::default()
    };
    let dataset = open_with("messy_en.csv", &options);
    assert_eq!(dataset.title, "Iraq");
    assert_eq!(labels(&dataset), ["Iraq", "US military deaths", "Total"]);
    assert!(dataset.casualties.is_empty());
    assert_eq!(points(&dataset, "Total")[0].1, Some(176_800));

    let unknown = TableOptions {
        ignore: vec!["Syria".into()],
        ..TableOptions::default()
    };
    let error = load_path(&fixture("messy_en.csv"), &unknown)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("--ignore \"Syria\": no such column"),
        "{error}"
    );
    assert!(error.contains("\"Afghanistan\""), "{error}");
}

#[test]
fn the_date_column_can_be_named() {
    let options = TableOptions {
        date: Some("dato".into()),
        ..TableOptions::default()
    };
    assert_eq!(open_with("messy_da.csv", &options).deployments.len(), 1);
}

fn cells(name: &str) -> Vec<(String, String, String)> {
    // (country, year, troops) as written in the CSV.
    let text = std::fs::read_to_string(fixture(name)).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_owned(), r[3].to_owned(), r[4].to_owned())
        })
        .collect()
}

#[test]
fn a_panel_gives_one_series_per_entity() {
    let options = TableOptions {
        entity: Some("countryname".into()),
        values: vec!["troops".into()],
        only: vec!["Germany".into(), "Japan".into(), "South Korea".into()],
        ..TableOptions::default()
    };
    for name in ["panel.csv", "panel.xlsx"] {
        let dataset = open_with(name, &options);
        assert_eq!(
            labels(&dataset),
            ["Germany", "Japan", "South Korea"],
            "{name}"
        );
        for country in ["Germany", "Japan", "South Korea"] {
            let expected: Vec<(Date, u32)> = cells("panel.csv")
                .into_iter()
                .filter(|(c, _, _)| c == country)
                .map(|(_, year, troops)| {
                    (
                        d(&format!("{year}-01-01")),
                        troops.replace(',', "").parse().unwrap(),
                    )
                })
                .collect();
            let read: Vec<(Date, u32)> = points(&dataset, country)
                .into_iter()
                .map(|p| (p.0, p.1.expect("a known figure")))
                .collect();
            assert_eq!(read, expected, "{name}: {country}");
        }
    }
    // Detected without any option: the troops column, every country; `n/a` is an unknown
    // figure (a gap), never zero.
    for name in ["panel.csv", "panel.xlsx"] {
        let dataset = open(name);
        assert_eq!(
            labels(&dataset),
            ["Germany", "Japan", "South Korea", "Italy"],
            "{name}"
        );
        assert_eq!(
            points(&dataset, "Italy")
                .into_iter()
                .map(|p| (p.0, p.1))
                .collect::<Vec<_>>(),
            [
                (d("2005-01-01"), Some(11_841)),
                (d("2006-01-01"), Some(10_000)),
                (d("2007-01-01"), None)
            ],
            "{name}"
        );
    }
    let several = TableOptions {
        values: vec!["army".into(), "navy".into()],
        only: vec!["Japan".into()],
        ..TableOptions::default()
    };
    let dataset = open_with("panel.csv", &several);
    assert_eq!(labels(&dataset), ["Japan – army", "Japan – navy"]);
    let missing = TableOptions {
        only: vec!["Gremany".into()],
        ..TableOptions::default()
    };
    let error = load_path(&fixture("panel.csv"), &missing)
        .unwrap_err()
        .to_string();
    assert!(error.contains("--only \"Gremany\""), "{error}");
    assert!(error.contains("\"Germany\""), "{error}");
}

fn troopline(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_troopline"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn panel_round_trip_through_import() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("abroad.ron");
    let panel = fixture("panel.csv");
    let output = troopline(&[
        "import",
        panel.to_str().unwrap(),
        "--entity",
        "countryname",
        "--values",
        "troops",
        "--only",
        "Germany",
        "Japan",
        "South Korea",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let dataset = load_path(&out, &TableOptions::default()).unwrap();
    assert_eq!(labels(&dataset), ["Germany", "Japan", "South Korea"]);
    for (country, year, troops) in cells("panel.csv") {
        if country == "Italy" {
            continue;
        }
        let date = d(&format!("{year}-01-01"));
        let point = points(&dataset, &country)
            .into_iter()
            .find(|p| p.0 == date)
            .unwrap_or_else(|| panic!("{country} {year}"));
        assert_eq!(
            point.1.map(|v| v.to_string()).unwrap_or_default(),
            troops.replace(',', ""),
            "{country} {year}"
        );
    }
}

#[test]
fn check_says_what_was_guessed() {
    let output = troopline(&["check", fixture("messy_en.csv").to_str().unwrap()]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(
        said.contains("guessed: column \"US military deaths\" read as casualties"),
        "{said}"
    );
    assert!(said.contains("--troops \"Total\""), "{said}");
    assert!(said.contains("\"Change (%)\" left out"), "{said}");
}

#[test]
fn a_notes_sheet_in_front_names_itself_and_the_way_out() {
    let error = load_path(&fixture("notes-first.xlsx"), &TableOptions::default())
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("read sheet \"Notes\", the first of \"Notes\", \"Data\""),
        "{error}"
    );
    assert!(error.contains("--sheet \"Data\""), "{error}");
    let options = TableOptions {
        sheet: Some("Data".into()),
        ..TableOptions::default()
    };
    let dataset = open_with("notes-first.xlsx", &options);
    assert_eq!(
        points(&dataset, "Japan"),
        [
            (d("2019-01-01"), Some(55_000), None, None, None),
            (d("2020-01-01"), Some(54_000), None, None, approx()),
        ]
    );
}
