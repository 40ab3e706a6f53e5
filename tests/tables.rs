//! Tables from disk: a fixture for each date and number style, workbooks saved by a spreadsheet
//! program (LibreOffice), messages with row and column, and the `import`, `new` and `check`
//! commands on them.

// Test helpers fail loudly by design: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use troopline::dataset::table::{DateOrder, load_table};
use troopline::dataset::{Dataset, Date, TableOptions, load_path};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tables")
        .join(name)
}

fn open(name: &str) -> Dataset {
    open_with(name, &TableOptions::default())
}

fn open_with(name: &str, options: &TableOptions) -> Dataset {
    load_path(&fixture(name), options).unwrap_or_else(|error| panic!("{name}:\n{error}"))
}

fn d(text: &str) -> Date {
    Date::parse(text).unwrap()
}

/// `(date, value)` of every known point of series `index` (cells with a figure).
fn series(dataset: &Dataset, index: usize) -> Vec<(Date, u32)> {
    dataset.deployments[index]
        .points
        .iter()
        .filter_map(|p| Some((p.date, p.troops?)))
        .collect()
}

/// The dates of series `index` whose figure is unknown (a gap in its line).
fn unknown(dataset: &Dataset, index: usize) -> Vec<Date> {
    dataset.deployments[index]
        .points
        .iter()
        .filter(|p| p.troops.is_none())
        .map(|p| p.date)
        .collect()
}

#[test]
fn wide_csv_with_a_blank_cell() {
    let dataset = open("wide.csv");
    assert_eq!(dataset.title, "wide");
    assert_eq!(dataset.deployments.len(), 3);
    assert_eq!(
        series(&dataset, 1),
        [(d("2019-01-01"), 55_000), (d("2020-01-01"), 54_000)]
    );
    // The blank cell between two figures is unknown: the line breaks there, never a zero.
    assert_eq!(unknown(&dataset, 1), [d("2019-07-01")]);
    assert!(unknown(&dataset, 0).is_empty());
}

#[test]
fn title_row_units_and_comma_thousands() {
    let dataset = open("units.csv");
    assert_eq!(dataset.title, "US troops abroad");
    assert_eq!(dataset.deployments[0].label, "Germany");
    assert_eq!(
        series(&dataset, 0),
        [
            (d("2019-01-01"), 35_000),
            (d("2020-01-01"), 34_500),
            (d("2021-01-01"), 1_034_500)
        ]
    );
    assert_eq!(
        series(&dataset, 1),
        [
            (d("2019-01-01"), 55_500),
            (d("2020-01-01"), 54_000),
            (d("2021-01-01"), 54_250)
        ]
    );
}

#[test]
fn semicolons_point_thousands_and_day_first_dates() {
    let dataset = open("european.csv");
    assert_eq!(
        series(&dataset, 0),
        [
            (d("2019-01-01"), 35_000),
            (d("2019-07-01"), 34_500),
            (d("2020-01-13"), 1_034_000)
        ]
    );
    assert_eq!(series(&dataset, 1).len(), 2);
}

#[test]
fn tabs_no_break_and_thin_spaces_and_months() {
    let dataset = open("spaces.tsv");
    assert_eq!(
        series(&dataset, 0),
        [
            (d("2019-01-01"), 35_000),
            (d("2019-02-01"), 34_500),
            (d("2019-03-01"), 34_000)
        ]
    );
    assert_eq!(
        series(&dataset, 1),
        [(d("2019-01-01"), 55_000), (d("2019-03-01"), 54_000)]
    );
}

#[test]
fn month_first_dates_told_by_a_day_over_12() {
    let dataset = open("us-dates.csv");
    assert_eq!(
        series(&dataset, 0)
            .iter()
            .map(|(date, _)| *date)
            .collect::<Vec<_>>(),
        [d("2019-01-15"), d("2019-02-01"), d("2019-12-31")]
    );
}

#[test]
fn years_and_apostrophe_thousands() {
    let dataset = open("years.csv");
    assert_eq!(
        series(&dataset, 0),
        [(d("2019-01-01"), 35_000), (d("2020-01-01"), 34_500)]
    );
    assert_eq!(series(&dataset, 1), [(d("2019-01-01"), 55_000)]);
}

#[test]
fn a_casualty_column_by_name() {
    let options = TableOptions {
        casualties: vec!["US deaths".into()],
        ..TableOptions::default()
    };
    let dataset = open_with("monthly.csv", &options);
    assert_eq!(dataset.deployments[0].id, "us-troops");
    let periods: Vec<(Date, Date, Option<u32>)> = dataset.casualties[0]
        .periods
        .iter()
        .map(|p| (p.from, p.to, p.count))
        .collect();
    assert_eq!(
        periods,
        [
            (d("2007-01-01"), d("2007-01-31"), Some(83)),
            (d("2007-02-01"), d("2007-02-28"), Some(81)),
            (d("2007-03-01"), d("2007-03-31"), Some(81))
        ]
    );
}

#[test]
fn a_tidy_table_with_every_kind_of_row() {
    let dataset = open("tidy.csv");
    assert_eq!(dataset.title, "US troops in Examplestan");
    assert_eq!(dataset.subtitle.as_deref(), Some("An example"));
    assert_eq!(dataset.sources[0].publisher, "US Department of Defense");
    assert_eq!(dataset.sources[0].published, Some(d("2010-01-31")));
    assert_eq!(dataset.deployments[0].source.as_deref(), Some("dod"));
    assert_eq!(dataset.deployments[0].points[1].low, Some(4_500));
    assert_eq!(
        dataset.deployments[0].points[1].note.as_deref(),
        Some("sources disagree, slightly")
    );
    assert_eq!(dataset.casualties[0].periods[0].to, d("2008-12-31"));
    assert_eq!(dataset.events[0].end, Some(d("2009-08-31")));
    assert_eq!(dataset.events[0].category.as_deref(), Some("military"));
}

#[test]
fn every_mistake_with_its_row_and_column() {
    let error = load_path(&fixture("bad.csv"), &TableOptions::default()).unwrap_err();
    let origin = fixture("bad.csv").display().to_string();
    let lines: Vec<String> = error
        .to_string()
        .lines()
        .map(|l| l.replacen(&origin, "bad.csv", 1))
        .collect();
    assert_eq!(
        lines,
        [
            "bad.csv:3:2: \"17O000\" is not a number",
            "bad.csv:4:1: \"2019-02-30\" is not a date: month 2 of 2019 has no day 30",
            "bad.csv:5:3: \"-12\" is negative: counts must be 0 or more",
        ]
    );
}

/// The workbook saved by LibreOffice: a notes sheet first, then the figures under a title row,
/// with date cells, grouped numbers and a blank cell.
#[test]
fn xlsx_and_ods_from_a_spreadsheet_program() {
    for name in ["troops.xlsx", "troops.ods"] {
        let options = TableOptions {
            sheet: Some("Troops".into()),
            ..TableOptions::default()
        };
        let dataset = open_with(name, &options);
        assert_eq!(dataset.title, "US troops in East Asia and Europe", "{name}");
        let labels: Vec<&str> = dataset
            .deployments
            .iter()
            .map(|d| d.label.as_str())
            .collect();
        assert_eq!(labels, ["Germany", "Japan", "South Korea"], "{name}");
        assert_eq!(series(&dataset, 0)[4], (d("2021-01-01"), 35_500), "{name}");
        assert_eq!(series(&dataset, 1).len(), 4, "{name}");
        // The first sheet holds notes, not a table: without --sheet the first sheet that
        // holds one is read.
        let first_table = load_path(&fixture(name), &TableOptions::default()).unwrap();
        assert_eq!(first_table.deployments, dataset.deployments, "{name}");
        let error = load_path(
            &fixture(name),
            &TableOptions {
                sheet: Some("Missing".into()),
                ..TableOptions::default()
            },
        )
        .unwrap_err();
        assert!(
            error.to_string().contains("\"Notes\", \"Troops\""),
            "{name}: {error}"
        );
    }
}

#[test]
fn xlsx_and_xls_converted_from_csv_match_the_csv() {
    let csv = open("from-csv.csv");
    for name in ["from-csv.xlsx", "from-csv.xls"] {
        let book = open(name);
        assert_eq!(book.deployments, csv.deployments, "{name}");
    }
}

#[test]
fn load_table_reads_any_name_as_a_table() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("figures.dat");
    std::fs::copy(fixture("wide.csv"), &path).unwrap();
    assert_eq!(
        load_path(&path, &TableOptions::default())
            .unwrap()
            .deployments
            .len(),
        3
    );
    assert_eq!(
        load_table(&path, &TableOptions::default())
            .unwrap()
            .deployments
            .len(),
        3
    );
    let options = TableOptions {
        dates: Some(DateOrder::DayFirst),
        ..TableOptions::default()
    };
    assert!(load_table(&fixture("us-dates.csv"), &options).is_err());
}

fn troopline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_troopline"))
        .args(args)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn import_writes_a_dataset_that_check_accepts_and_explains() {
    let dir = tempfile::tempdir().unwrap();
    for (table, extra) in [
        ("units.csv", &[][..]),
        ("monthly.csv", &["--casualties", "US deaths"][..]),
        ("troops.xlsx", &["--sheet", "Troops"][..]),
        ("tidy.csv", &[][..]),
    ] {
        let out = dir.path().join(format!("{table}.ron"));
        let table_path = fixture(table);
        let mut args = vec![
            "import",
            table_path.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        let output = troopline(&args);
        assert!(output.status.success(), "{table}: {}", text(&output.stderr));
        let imported =
            troopline::dataset::load_file(&out).unwrap_or_else(|e| panic!("{table}: {e}"));
        let original = load_path(&table_path, &cli_options(extra)).unwrap();
        assert_eq!(imported.deployments.len(), original.deployments.len());
        for (a, b) in imported.deployments.iter().zip(&original.deployments) {
            assert_eq!(a.points, b.points, "{table}");
        }
        let check = troopline(&["check", out.to_str().unwrap()]);
        assert!(check.status.success(), "{table}: {}", text(&check.stderr));
        let said = text(&check.stdout);
        assert!(said.contains(": ok: "), "{said}");
        if table == "tidy.csv" {
            assert!(!said.contains("warning"), "{said}");
        } else {
            assert!(said.contains("warning:") && said.contains("stub"), "{said}");
        }
        // A second import does not overwrite the annotated file without --force.
        let again = troopline(&args);
        assert!(!again.status.success());
        assert!(text(&again.stderr).contains("--force"));
        args.push("--force");
        assert!(troopline(&args).status.success());
    }
}

fn cli_options(extra: &[&str]) -> TableOptions {
    let mut options = TableOptions::default();
    for pair in extra.chunks(2) {
        match pair[0] {
            "--casualties" => options.casualties.push(pair[1].into()),
            "--sheet" => options.sheet = Some(pair[1].into()),
            _ => unreachable!(),
        }
    }
    options
}

#[test]
fn new_writes_a_starter_that_check_accepts_without_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("my.ron");
    let output = troopline(&["new", "--out", out.to_str().unwrap()]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let check = troopline(&["check", out.to_str().unwrap()]);
    assert!(check.status.success());
    assert!(!text(&check.stdout).contains("warning"));
    let text_of_file = std::fs::read_to_string(&out).unwrap();
    for field in [
        "format:",
        "subtitle:",
        "url:",
        "published:",
        "low:",
        "high:",
        "note:",
        "end:",
        "detail:",
        "category:",
    ] {
        assert!(text_of_file.contains(field), "{field}");
    }
}

#[test]
fn check_export_csv_and_export_open_tables() {
    let dir = tempfile::tempdir().unwrap();
    let table = fixture("european.csv");
    let check = troopline(&["check", table.to_str().unwrap()]);
    assert!(check.status.success(), "{}", text(&check.stderr));
    assert!(text(&check.stdout).contains("2 deployment series (6 points, 1 unknown)"));
    let bad = troopline(&["check", fixture("bad.csv").to_str().unwrap()]);
    assert!(!bad.status.success());
    assert!(text(&bad.stderr).contains("bad.csv:3:2: \"17O000\" is not a number"));
    let csv = dir.path().join("out.csv");
    let exported = troopline(&[
        "export-csv",
        fixture("monthly.csv").to_str().unwrap(),
        "--casualties",
        "US deaths",
        "--out",
        csv.to_str().unwrap(),
    ]);
    assert!(exported.status.success(), "{}", text(&exported.stderr));
    let back = load_path(&csv, &TableOptions::default()).unwrap();
    let options = cli_options(&["--casualties", "US deaths"]);
    assert_eq!(
        back.casualties,
        open_with("monthly.csv", &options).casualties
    );
    let ambiguous = troopline(&[
        "check",
        fixture("us-dates.csv").to_str().unwrap(),
        "--dates",
        "dmy",
    ]);
    assert!(!ambiguous.status.success());
}

#[test]
fn export_csv_writes_the_rows_in_view_and_they_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("part.csv");
    let full = troopline::dataset::builtin().unwrap();
    let series = full.casualties[0].id.clone();
    let troops = full.deployments[0].id.clone();
    let exported = troopline(&[
        "export-csv",
        "--from",
        "2007-01-01",
        "--to",
        "2008-12-31",
        "--series",
        &troops,
        "--series",
        &series,
        "--out",
        csv.to_str().unwrap(),
    ]);
    assert!(exported.status.success(), "{}", text(&exported.stderr));
    let part = load_path(&csv, &TableOptions::default()).unwrap();
    let (from, to) = (d("2007-01-01"), d("2008-12-31"));
    assert_eq!(part.deployments.len(), 1);
    assert_eq!(part.casualties.len(), 1);
    let expected: Vec<_> = full.deployments[0]
        .points
        .iter()
        .filter(|p| p.date >= from && p.date <= to)
        .filter_map(|p| Some((p.date, p.troops?)))
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(series_of(&part.deployments[0]), expected);
    assert!(
        part.casualties[0]
            .periods
            .iter()
            .all(|p| p.to >= from && p.from <= to)
    );
    assert!(
        part.events
            .iter()
            .all(|e| e.end.unwrap_or(e.date) >= from && e.date <= to)
    );
    assert!(!part.events.is_empty());
    assert_eq!(part.sources, full.sources);

    // Mistakes are usage errors (status 2) that say what to change, and write nothing.
    let other = dir.path().join("other.csv");
    for (args, says) in [
        (vec!["--series", "nope"], "unknown series \"nope\""),
        (
            vec!["--from", "2010-01-01", "--to", "2009-01-01"],
            "--to 2009-01-01 is before --from 2010-01-01",
        ),
    ] {
        let mut all = vec!["export-csv", "--out", other.to_str().unwrap()];
        all.extend(args);
        let failed = troopline(&all);
        assert_eq!(failed.status.code(), Some(2), "{}", text(&failed.stderr));
        assert!(
            text(&failed.stderr).contains(says),
            "{}",
            text(&failed.stderr)
        );
        assert!(!other.exists());
    }
}

/// `(date, value)` of every known point of `series`.
fn series_of(series: &troopline::dataset::Deployment) -> Vec<(Date, u32)> {
    series
        .points
        .iter()
        .filter_map(|p| Some((p.date, p.troops?)))
        .collect()
}
