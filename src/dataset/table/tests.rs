//! Tables read end to end from text: each shape, each style, and the messages for each mistake.

use super::*;
use crate::dataset::Date;

fn read(text: &str) -> Result<Dataset, LoadError> {
    read_with(text, &TableOptions::default())
}

fn read_with(text: &str, options: &TableOptions) -> Result<Dataset, LoadError> {
    load_table_bytes(
        text.as_bytes(),
        "t.csv",
        FileKind::Delimited(None),
        "t",
        options,
    )
}

fn ok(text: &str) -> Dataset {
    read(text).unwrap_or_else(|error| panic!("{error}"))
}

fn errors(text: &str) -> Vec<String> {
    errors_with(text, &TableOptions::default())
}

fn errors_with(text: &str, options: &TableOptions) -> Vec<String> {
    match read_with(text, options) {
        Ok(dataset) => panic!("expected problems, read {dataset:?}"),
        Err(error) => error.problems.iter().map(|p| p.headline("t.csv")).collect(),
    }
}

fn d(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn values(dataset: &Dataset, series: usize) -> Vec<(String, u32)> {
    dataset.deployments[series]
        .points
        .iter()
        .map(|p| (p.date.to_string(), p.troops.expect("a known figure")))
        .collect()
}

#[test]
fn a_wide_table_is_one_series_per_column() {
    let dataset = ok(
        "date,Germany,Japan,South Korea\n2019-01-01,35000,55000,28500\n2020-01-01,34500,,28500\n",
    );
    assert_eq!(dataset.title, "t");
    let ids: Vec<&str> = dataset.deployments.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["germany", "japan", "south-korea"]);
    assert_eq!(dataset.deployments[2].label, "South Korea");
    assert_eq!(
        values(&dataset, 0),
        [
            ("2019-01-01".to_owned(), 35_000),
            ("2020-01-01".to_owned(), 34_500)
        ]
    );
    // The empty cell is missing data, not zero.
    assert_eq!(values(&dataset, 1), [("2019-01-01".to_owned(), 55_000)]);
}

#[test]
fn titles_units_rows_and_unit_headers() {
    let text = "US troops abroad,,\n\nYear,Germany (troops),Japan (thousands)\n,troops,thousands\n2019,\"35,000\",55.5\n2020,\"34,500\",55\nSource: example footnote,,\n";
    let dataset = ok(text);
    assert_eq!(dataset.title, "US troops abroad");
    assert_eq!(dataset.deployments[0].label, "Germany");
    assert_eq!(dataset.deployments[1].label, "Japan");
    assert_eq!(values(&dataset, 0)[0], ("2019-01-01".to_owned(), 35_000));
    assert_eq!(values(&dataset, 1)[0], ("2019-01-01".to_owned(), 55_500));
    let units_row = ok("date,Germany\n,thousands\n2019-05-01,35\n");
    assert_eq!(values(&units_row, 0), [("2019-05-01".to_owned(), 35_000)]);
}

#[test]
fn number_styles_of_a_whole_file() {
    let styles = [
        ("date,a\n2019,\"170,000\"\n2020,\"1,234,567\"\n", 170_000),
        ("date;a\n2019;170.000\n2020;5\n", 170_000),
        ("date;a\n2019;170 000\n", 170_000),
        ("date;a\n2019;170\u{a0}000\n", 170_000),
        ("date;a\n2019;170\u{202f}000\n", 170_000),
        ("date,a\n2019,170'000\n", 170_000),
        ("date\ta\n2019\t170000\n", 170_000),
    ];
    for (text, expected) in styles {
        assert_eq!(
            ok(text).deployments[0].points[0].troops,
            Some(expected),
            "{text:?}"
        );
    }
    // `170,000` alone is thousands; with `1,5` elsewhere the comma is the decimal mark, so the
    // file is read again that way (and 170,000 is 170).
    let dataset = ok("date;a (thousands);b\n2019;170,000;1\n2020;1,5;2\n");
    assert_eq!(dataset.deployments[0].points[0].troops, Some(170_000));
    assert_eq!(dataset.deployments[0].points[1].troops, Some(1_500));
}

#[test]
fn ambiguous_numbers_ask_for_options() {
    let text = "date,a\n2019,\"170,000\"\n2020,170.000\n";
    let found = errors(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("--decimal"), "{found:?}");
    let options = TableOptions {
        decimal: Some(Decimal::Comma),
        thousands: Some(Thousands::Point),
        ..TableOptions::default()
    };
    // Given the style, each cell is read in it: 170,000 is then 170.
    let given = read_with(text, &options).unwrap();
    assert_eq!(
        values(&given, 0)
            .iter()
            .map(|(_, v)| *v)
            .collect::<Vec<_>>(),
        [170, 170_000]
    );
    let options = TableOptions {
        thousands: Some(Thousands::Comma),
        ..TableOptions::default()
    };
    let given = read_with(text, &options).unwrap();
    assert_eq!(
        values(&given, 0)
            .iter()
            .map(|(_, v)| *v)
            .collect::<Vec<_>>(),
        [170_000, 170]
    );
    let options = TableOptions {
        thousands: Some(Thousands::Space),
        ..TableOptions::default()
    };
    let found = errors_with(text, &options);
    assert!(found[0].contains("\"170.000\" at 3:2"), "{found:?}");
    let mixed = errors("date,a\n2019,\"1,234,567\"\n2020,\"1,5\"\n");
    assert!(
        mixed[0].starts_with("t.csv:3:2: \"1,5\" does not fit"),
        "{mixed:?}"
    );
    assert!(mixed[0].contains("\"1,234,567\" at 2:2"), "{mixed:?}");
}

#[test]
fn every_date_form() {
    let forms = [
        ("2007-10-15", "2007-10-15"),
        ("2007-10", "2007-10-01"),
        ("2007", "2007-01-01"),
        ("15.10.2007", "2007-10-15"),
        ("2007-10-15T00:00:00", "2007-10-15"),
        ("Oct 2007", "2007-10-01"),
    ];
    for (written, expected) in forms {
        let dataset = ok(&format!("date,a\n{written},1\n"));
        assert_eq!(
            dataset.deployments[0].points[0].date,
            d(expected),
            "{written}"
        );
    }
    let us = ok("date,a\n10/15/2007,1\n10/01/2007,2\n");
    assert_eq!(us.deployments[0].points[1].date, d("2007-10-15"));
    // The first rows guess month first; 13/04 says day first, so the file is read again.
    let uk = ok("date,a\n03/04/2007,1\n13/04/2007,2\n");
    assert_eq!(uk.deployments[0].points[0].date, d("2007-04-03"));
    let found = errors("date,a\n03/04/2007,1\n05/06/2007,2\n");
    assert!(found[0].contains("--dates"), "{found:?}");
    let given = read_with(
        "date,a\n03/04/2007,1\n",
        &TableOptions {
            dates: Some(DateOrder::DayFirst),
            ..TableOptions::default()
        },
    )
    .unwrap();
    assert_eq!(given.deployments[0].points[0].date, d("2007-04-03"));
}

#[test]
fn mistakes_are_named_by_row_and_column() {
    let found = errors(
        "date,a,b\n2007-01-01,1,2\n2007-02-01,17O000,3\n2007-03-01,1.5,-4\n2007-02-30,1,1\n",
    );
    assert_eq!(
        found,
        [
            "t.csv:3:2: \"17O000\" is not a number",
            "t.csv:4:2: \"1.5\" is not a whole number: counts are whole people",
            "t.csv:4:3: \"-4\" is negative: counts must be 0 or more",
            "t.csv:5:1: \"2007-02-30\" is not a date: month 2 of 2007 has no day 30",
        ]
    );
    let found = errors("date,a\n2007-01-01,1\n,2\n2007-01-01,3\n");
    assert_eq!(found[0], "t.csv:3:1: this row has figures but no date");
    assert!(
        found[1].starts_with("t.csv:4:1: 2007-01-01 is already in row 2"),
        "{found:?}"
    );
}

#[test]
fn problems_are_capped() {
    let mut text = String::from("date,a\n");
    for i in 0..300 {
        text.push_str(&format!("{},x\n", 1000 + i));
    }
    let error = read_with(&text, &TableOptions::default()).unwrap_err();
    assert_eq!(error.problems.len(), MAX_PROBLEMS);
    assert_eq!(error.omitted, 200);
    assert_eq!(error.count_text(), "300 problems");
    assert!(
        error.to_string().contains("… and 200 more problems"),
        "{error}"
    );
}

#[test]
fn unsorted_rows_are_sorted() {
    let dataset = ok("date,a\n2009,3\n2007,1\n2008,2\n");
    assert_eq!(
        values(&dataset, 0)
            .iter()
            .map(|(_, v)| *v)
            .collect::<Vec<_>>(),
        [1, 2, 3]
    );
}

#[test]
fn the_date_column_is_found_by_name_or_content() {
    let by_name = ok("Germany,As of\n35000,2019-01-01\n");
    assert_eq!(by_name.deployments[0].id, "germany");
    let by_content = ok("when it was,Germany\n2019-01-01,35000\n");
    assert_eq!(by_content.deployments.len(), 1);
    assert_eq!(by_content.deployments[0].id, "germany");
    let found = errors("a,b\nx,1\n");
    assert!(found[0].contains("no column of dates"), "{found:?}");
}

#[test]
fn casualties_from_periods_or_a_named_column() {
    let periods = "from,to,troops,deaths\n2007-01-01,2007-06-30,1,2\n2007-07-01,2007-12-31,3,4\n";
    // With from and to, every column is a count over the period: troops are needed too.
    let found = errors(periods);
    assert!(
        found.iter().any(|f| f.contains("only casualty counts")),
        "{found:?}"
    );
    let monthly = "month,troops,deaths\n2007-01,100,2\n2007-02,110,3\n";
    let options = TableOptions {
        casualties: vec!["Deaths".into()],
        ..TableOptions::default()
    };
    let dataset = read_with(monthly, &options).unwrap();
    assert_eq!(dataset.deployments.len(), 1);
    let period = &dataset.casualties[0].periods[1];
    assert_eq!(
        (period.from, period.to, period.count),
        (d("2007-02-01"), d("2007-02-28"), Some(3))
    );
    let daily = "date,troops,deaths\n2007-01-01,100,2\n2007-01-15,110,3\n";
    let dataset = read_with(daily, &options).unwrap();
    let periods = &dataset.casualties[0].periods;
    assert_eq!(
        (periods[0].from, periods[0].to),
        (d("2007-01-01"), d("2007-01-14"))
    );
    assert_eq!(
        (periods[1].from, periods[1].to),
        (d("2007-01-15"), d("2007-01-28"))
    );
    let unknown = errors_with(
        monthly,
        &TableOptions {
            casualties: vec!["wounded".into()],
            ..TableOptions::default()
        },
    );
    assert!(
        unknown[0].contains("--casualties \"wounded\": no such column"),
        "{unknown:?}"
    );
    assert!(unknown[0].contains("\"troops\", \"deaths\""), "{unknown:?}");
}

#[test]
fn source_and_note_columns_apply_to_their_row() {
    let dataset = ok(
        "date,Germany,Source,Note\n2019,35000,DoD report,approximate\n2020,34000,https://example.org/x,\n",
    );
    assert_eq!(dataset.sources.len(), 2);
    assert_eq!(dataset.sources[0].id, "dod-report");
    assert_eq!(
        dataset.sources[1].url.as_deref(),
        Some("https://example.org/x")
    );
    let points = &dataset.deployments[0].points;
    assert_eq!(points[0].source.as_deref(), Some("dod-report"));
    assert_eq!(points[0].note.as_deref(), Some("approximate"));
    assert_eq!(points[1].note, None);
}

#[test]
fn a_tidy_table_written_by_hand() {
    let dataset = ok(
        "series,date,value\nGermany,2019-01-01,35000\nJapan,2019-01-01,55000\nGermany,2020-01-01,\n",
    );
    assert_eq!(dataset.deployments.len(), 2);
    assert_eq!(dataset.deployments[0].label, "Germany");
    // An empty level is an unknown figure (a gap), never zero and never dropped.
    let germany: Vec<Option<u32>> = dataset.deployments[0]
        .points
        .iter()
        .map(|p| p.troops)
        .collect();
    assert_eq!(germany, [Some(35_000), None]);
    let found = errors("kind,series,from,value,color\nwhat,a,2019,1,\ntroops,,2019,1,\n");
    assert!(
        found[0].starts_with("t.csv:1:5: unknown column \"color\""),
        "{found:?}"
    );
    assert!(
        found[1].starts_with("t.csv:2:1: unknown kind \"what\""),
        "{found:?}"
    );
    assert!(
        found[2].starts_with("t.csv:3:2: this row needs a series id"),
        "{found:?}"
    );
}

#[test]
fn the_export_reads_back_as_the_same_dataset() {
    let builtin = crate::dataset::builtin().unwrap();
    let mut csv = Vec::new();
    crate::export::csv::write_csv(&builtin, &mut csv).unwrap();
    let read = load_table_bytes(
        &csv,
        "iraq.csv",
        FileKind::Delimited(None),
        "iraq",
        &TableOptions::default(),
    )
    .unwrap();
    assert_eq!(read, normalized(builtin));
}

/// A dataset as a table can say it: a figure citing its series' own default source says it
/// once, and an event ending on its first day has no end.
pub fn normalized(mut dataset: Dataset) -> Dataset {
    for series in &mut dataset.deployments {
        for point in &mut series.points {
            if point.source.is_some() && point.source == series.source {
                point.source = None;
            }
        }
    }
    for series in &mut dataset.casualties {
        for period in &mut series.periods {
            if period.source.is_some() && period.source == series.source {
                period.source = None;
            }
        }
    }
    for event in &mut dataset.events {
        if event.end == Some(event.date) {
            event.end = None;
        }
    }
    dataset
}

#[test]
fn bom_crlf_semicolons_and_legacy_encodings() {
    let dataset = ok("\u{feff}date;Zürich\r\n2019-01-01;1\r\n");
    assert_eq!(dataset.deployments[0].label, "Zürich");
    let latin1 = b"date,Z\xFCrich\n2019,1\n";
    let dataset = load_table_bytes(
        latin1,
        "t.csv",
        FileKind::Delimited(None),
        "t",
        &TableOptions::default(),
    )
    .unwrap();
    assert_eq!(dataset.deployments[0].label, "Zürich");
}

#[test]
fn files_are_told_apart() {
    assert_eq!(
        kind_from_extension(Path::new("a.CSV")),
        Some(FileKind::Delimited(None))
    );
    assert_eq!(
        kind_from_extension(Path::new("a.tsv")),
        Some(FileKind::Delimited(Some(b'\t')))
    );
    assert_eq!(
        kind_from_extension(Path::new("a.ods")),
        Some(FileKind::Workbook)
    );
    assert_eq!(kind_from_extension(Path::new("a.ron")), Some(FileKind::Ron));
    assert_eq!(kind_from_extension(Path::new("a.dat")), None);
    assert!(is_table(Path::new("x.xlsx")));
    assert!(!is_table(Path::new("x.ron")));
    assert_eq!(sniff_kind(b"PK\x03\x04rest"), FileKind::Workbook);
    assert_eq!(sniff_kind(b"\xD0\xCF\x11\xE0"), FileKind::Workbook);
    assert_eq!(sniff_kind(b"  // comment\nDataset("), FileKind::Ron);
    assert_eq!(sniff_kind(b"\xEF\xBB\xBFDataset("), FileKind::Ron);
    assert_eq!(sniff_kind(b"date,a\n"), FileKind::Delimited(None));
}

#[test]
fn empty_and_headerless_files() {
    assert!(errors("")[0].contains("no header row"));
    assert!(errors("just a title\n")[0].contains("no header row"));
    assert!(errors("date,a\n")[0].contains("no rows of figures"));
}

#[test]
fn a_broken_workbook_is_one_clear_problem() {
    let error = load_table_bytes(
        b"PK\x03\x04not a zip",
        "t.xlsx",
        FileKind::Workbook,
        "t",
        &TableOptions::default(),
    )
    .unwrap_err();
    assert_eq!(error.problems.len(), 1);
    assert!(
        error
            .to_string()
            .starts_with("t.xlsx: cannot read the workbook"),
        "{error}"
    );
}

fn assert_located(result: Result<Dataset, LoadError>) {
    if let Err(error) = result {
        assert!(!error.problems.is_empty());
        for problem in &error.problems {
            if let Location::Text { line, column } = problem.location {
                assert!(line >= 1 && column >= 1, "{problem:?}");
            }
        }
        let _ = error.to_string();
    }
}

mod robustness {
    use super::*;
    use proptest::prelude::*;

    const XLSX: &[u8] = include_bytes!("../../../tests/fixtures/tables/troops.xlsx");
    const ODS: &[u8] = include_bytes!("../../../tests/fixtures/tables/troops.ods");

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

        /// Any bytes, as text or as a workbook: a dataset or located problems, never a panic.
        #[test]
        fn any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
            for kind in [FileKind::Delimited(None), FileKind::Workbook] {
                assert_located(load_table_bytes(&bytes, "t", kind, "t", &TableOptions::default()));
            }
        }

        /// Text made of what tables are made of, in any order.
        #[test]
        fn table_like_text(text in "[0-9a-zA-Z,;\t\"\n .'/:-]{0,300}") {
            assert_located(read(&text));
            assert_located(read(&format!("date,a,b\n{text}")));
            assert_located(read(&format!("kind,series,from,to,value\n{text}")));
        }

        /// Workbooks from a spreadsheet program with a few bytes changed.
        #[test]
        fn damaged_workbooks(edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4), ods in any::<bool>()) {
            let mut bytes = if ods { ODS.to_vec() } else { XLSX.to_vec() };
            for (at, byte) in edits {
                let at = at.index(bytes.len());
                bytes[at] = byte;
            }
            let options = TableOptions { sheet: Some("Troops".into()), ..TableOptions::default() };
            assert_located(load_table_bytes(&bytes, "t.xlsx", FileKind::Workbook, "t", &options));
        }
    }

    /// Every input a fuzz run found to crash (tests/fixtures/fuzz/table/), read as the
    /// `table` target reads it, and shown in the import dialog's first rows.
    #[test]
    fn inputs_that_crashed_the_fuzzer_are_read_without_a_panic() {
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/fuzz/table");
        let mut read = 0;
        for entry in std::fs::read_dir(folder).into_iter().flatten().flatten() {
            let bytes = std::fs::read(entry.path()).unwrap_or_default();
            for kind in [FileKind::Delimited(None), FileKind::Workbook] {
                assert_located(load_table_bytes(
                    &bytes,
                    "t",
                    kind,
                    "t",
                    &TableOptions::default(),
                ));
                let _ = preview::first_rows(&bytes, kind, None, 5);
            }
            read += 1;
        }
        assert!(read >= 1, "the regression inputs are missing");
    }

    #[test]
    fn an_xls_whose_directory_runs_in_a_loop_is_refused_before_calamine() {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/fuzz/table/xls-directory-loop"
        ))
        .unwrap_or_default();
        let error = load_table_bytes(
            &bytes,
            "t.xls",
            FileKind::Workbook,
            "t",
            &TableOptions::default(),
        )
        .map(|_| ())
        .unwrap_err()
        .to_string();
        assert!(error.contains("its directory runs in a loop"), "{error}");
    }

    #[test]
    fn an_xls_cut_mid_sector_is_padded_and_others_are_untouched() {
        let mut cut = b"\xD0\xCF\x11\xE0".to_vec();
        cut.resize(512 + 700, 0);
        cut[30] = 9;
        assert_eq!(sheet::whole_sectors(&cut).len(), 512 + 1024);
        cut.resize(512 + 1024, 0);
        assert!(matches!(
            sheet::whole_sectors(&cut),
            std::borrow::Cow::Borrowed(_)
        ));
        assert!(matches!(
            sheet::whole_sectors(XLSX),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}

/// A file big enough to be read in pieces gives what the one-thread read gives (a quote
/// anywhere keeps a file on one thread), problems included, with their own line numbers.
#[test]
fn pieces_read_in_parallel_equal_the_sequential_read() {
    let mut text = String::from("Title\ndate,a (thousands),b,Source\n");
    let start = Date::parse("1000-01-01").unwrap().to_x();
    for i in 0..70_000usize {
        let date = Date::from_x(start + i as f64).unwrap();
        let b = if i % 7 == 0 {
            String::new()
        } else {
            (i % 5000).to_string()
        };
        text.push_str(&format!("{date},{},{b},src {}\n", i % 900, i % 3));
    }
    let parallel = text.clone() + "9000-01-01,1,2,src 0\n";
    let sequential = text.clone() + "9000-01-01,1,\"2\",src 0\n";
    assert!(parallel.len() > 1 << 20);
    let (a, b) = (ok(&parallel), ok(&sequential));
    assert_eq!(a, b);
    assert_eq!(a.deployments[0].points.len(), 70_001);
    assert_eq!(a.sources.len(), 3);
    // Problems late in the file, found by different pieces, keep their lines and order.
    let broken = parallel
        .replace("1100-01-01,", "1100-01-01x,")
        .replace("1150-06-01,", "1150-06-01,,x");
    let found = errors(&broken);
    let expected_first = 3 + (Date::parse("1100-01-01").unwrap().to_x() - start) as usize;
    assert!(
        found[0].starts_with(&format!("t.csv:{expected_first}:1: ")),
        "{found:?}"
    );
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found, errors(&(broken + "\"\"\n")));
}

#[test]
fn a_blank_or_n_a_troop_level_is_an_unknown_point_never_zero() {
    let dataset = ok(
        "kind,series,from,value,note\ntroops,a,2019-01-01,100,\ntroops,a,2020-01-01,n/a,no count\ntroops,a,2021-01-01,,\ntroops,a,2022-01-01,5,\n",
    );
    let troops: Vec<Option<u32>> = dataset.deployments[0]
        .points
        .iter()
        .map(|p| p.troops)
        .collect();
    assert_eq!(troops, [Some(100), None, None, Some(5)]);
}

#[test]
fn a_month_or_year_date_keeps_its_precision_in_both_layouts() {
    use crate::dataset::{PointKind, Precision};
    let wide = ok("date,a\n2007-10,170000\n2008,~150000\n2009-01-15,140000\n");
    let read: Vec<(Precision, PointKind)> = wide.deployments[0]
        .points
        .iter()
        .map(|p| (p.precision(), p.kind()))
        .collect();
    assert_eq!(
        read,
        [
            (Precision::Month, PointKind::Reported),
            (Precision::Year, PointKind::Estimated),
            (Precision::Day, PointKind::Reported)
        ]
    );
    assert_eq!(wide.deployments[0].points[0].date_label(), "Oct 2007");
    let tidy = ok(
        "kind,series,from,value,title\ntroops,a,2007-10,170000,\ntroops,a,2008-06-01,150000,year forecast\n",
    );
    let read: Vec<(Precision, PointKind)> = tidy.deployments[0]
        .points
        .iter()
        .map(|p| (p.precision(), p.kind()))
        .collect();
    assert_eq!(
        read,
        [
            (Precision::Month, PointKind::Reported),
            (Precision::Year, PointKind::Forecast)
        ]
    );
}

#[test]
fn figures_right_of_the_last_header_become_column_n_series() {
    let dataset = ok("date,Germany\n2019-01-01,35000,7,,9\n2020-01-01,34500,8\n");
    let labels: Vec<&str> = dataset
        .deployments
        .iter()
        .map(|d| d.label.as_str())
        .collect();
    assert_eq!(labels, ["Germany", "Column 3", "Column 5"]);
    assert_eq!(
        values(&dataset, 1),
        [("2019-01-01".to_owned(), 7), ("2020-01-01".to_owned(), 8)]
    );
    assert_eq!(values(&dataset, 2), [("2019-01-01".to_owned(), 9)]);
}

#[test]
fn column_n_series_found_in_pieces_read_in_parallel_are_merged() {
    // Over 1 MiB after the header, without quotes: read in pieces, each of which may meet a
    // column right of the header first.
    let mut text = String::from("date,a\n");
    let mut day = d("1900-01-01");
    for i in 0..60_000 {
        let extra = if i % 7 == 0 {
            String::new()
        } else {
            (i % 7).to_string()
        };
        text.push_str(&format!("{day},{i},{extra}\n"));
        day = Date::from_x(day.to_x() + 1.0).unwrap();
    }
    let dataset = ok(&text);
    assert_eq!(dataset.deployments.len(), 2);
    assert_eq!(dataset.deployments[1].label, "Column 3");
    assert_eq!(dataset.deployments[1].id, "column-3");
    let known: usize = dataset
        .deployments
        .iter()
        .flat_map(|d| &d.points)
        .filter(|p| p.troops.is_some())
        .count();
    assert_eq!(known, 60_000 + (0..60_000).filter(|i| i % 7 != 0).count());
    // Column 3 is blank in every seventh row: dense, so each blank between its first and
    // last figure is an unknown point (a break in the line), never a zero.
    let unknown: Vec<u32> = dataset.deployments[1]
        .points
        .iter()
        .filter(|p| p.troops.is_none())
        .map(|p| (p.date.to_x() - d("1900-01-01").to_x()).round() as u32)
        .collect();
    let blanks: Vec<u32> = (1..60_000).filter(|i| i % 7 == 0).collect();
    assert_eq!(unknown, blanks);
}

#[test]
fn wide_cells_that_say_unknown_break_the_line_and_blanks_do_in_dense_columns() {
    let dataset = ok("date,Dense,Sparse,Marked\n\
        2019-01-01,10,1,5\n\
        2019-02-01,,,n/a\n\
        2019-03-01,30,,–\n\
        2019-04-01,40,,..\n\
        2019-05-01,,2,7\n\
        2019-06-01,60,,\n");
    let series = |at: usize| -> Vec<(String, Option<u32>)> {
        dataset.deployments[at]
            .points
            .iter()
            .map(|p| (p.date.to_string(), p.troops))
            .collect()
    };
    // Dense: 4 figures, 1 blank between them → an unknown point.
    assert_eq!(
        series(0),
        [
            ("2019-01-01".to_owned(), Some(10)),
            ("2019-02-01".to_owned(), None),
            ("2019-03-01".to_owned(), Some(30)),
            ("2019-04-01".to_owned(), Some(40)),
            ("2019-05-01".to_owned(), None),
            ("2019-06-01".to_owned(), Some(60)),
        ]
    );
    // Sparse (2 figures, 3 blanks between): measured less often, the line joins them.
    assert_eq!(
        series(1),
        [
            ("2019-01-01".to_owned(), Some(1)),
            ("2019-05-01".to_owned(), Some(2)),
        ]
    );
    // Each unknown point says what the table had there.
    let notes: Vec<Option<&str>> = dataset.deployments[0]
        .points
        .iter()
        .filter(|p| p.troops.is_none())
        .map(|p| p.note.as_deref())
        .collect();
    assert_eq!(
        notes,
        [
            Some("no figure: the cell is blank"),
            Some("no figure: the cell is blank")
        ]
    );
    assert_eq!(
        dataset.deployments[2].points[1].note.as_deref(),
        Some("no figure: the table says \"n/a\"")
    );
    // Cells that say "no figure" are unknown wherever they are; a blank after the last
    // figure is not a point at all.
    assert_eq!(
        series(2),
        [
            ("2019-01-01".to_owned(), Some(5)),
            ("2019-02-01".to_owned(), None),
            ("2019-03-01".to_owned(), None),
            ("2019-04-01".to_owned(), None),
            ("2019-05-01".to_owned(), Some(7)),
        ]
    );
}

#[test]
fn unknown_casualty_counts_in_wide_tables_are_periods_without_a_count() {
    let dataset = ok("date,Troops,Deaths\n2019-01,10,1\n2019-02,10,n/a\n2019-03,10,3\n");
    let counts: Vec<Option<u32>> = dataset.casualties[0]
        .periods
        .iter()
        .map(|p| p.count)
        .collect();
    assert_eq!(counts, [Some(1), None, Some(3)]);
}

#[test]
fn a_row_wider_than_the_column_limit_is_refused() {
    let wide = format!(
        "date,a\n2019-01-01,1{}\n",
        ",5".repeat(wide::MAX_COLUMNS + 10)
    );
    let errors = errors(&wide);
    assert!(
        errors[0].contains(
            "this row has 100012 cells; troopline reads tables of at most 100000 columns"
        ),
        "{errors:?}"
    );
    let header = format!(
        "date{}\n2019-01-01,1\n",
        ",x".repeat(wide::MAX_COLUMNS + 10)
    );
    assert!(
        errors_with(&header, &TableOptions::default())[0].contains("the header has 100011 cells")
    );
}

#[test]
fn ten_thousand_equal_headers_get_distinct_ids() {
    let header = format!("date{}\n", ",Germany".repeat(10_000));
    let row = format!("2019-01-01{}\n", ",1".repeat(10_000));
    let dataset = ok(&format!("{header}{row}"));
    let ids: std::collections::HashSet<&str> =
        dataset.deployments.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids.len(), 10_000);
    assert!(ids.contains("germany-10000"));
}

#[test]
fn remarks_right_of_the_table_start_no_series() {
    let dataset = ok("date,Germany\n2019-01-01,35000,see note 3\n2020-01-01,34500,1 200\n");
    let labels: Vec<&str> = dataset
        .deployments
        .iter()
        .map(|d| d.label.as_str())
        .collect();
    assert_eq!(labels, ["Germany", "Column 3"]);
    assert_eq!(values(&dataset, 1), [("2020-01-01".to_owned(), 1_200)]);
}

#[test]
fn a_chosen_header_row_skips_the_rows_above_it() {
    // Row 2 fills two cells but is a subtitle and a date; the user says row 3 names the
    // columns.
    let text = "US troops abroad\nas of,2019-06-30\ndate,Germany\n2019-01-01,35000\n";
    let options = TableOptions {
        header_row: Some(3),
        ..TableOptions::default()
    };
    let dataset = read_with(text, &options).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(dataset.title, "US troops abroad");
    assert_eq!(dataset.deployments[0].label, "Germany");
    assert_eq!(values(&dataset, 0), [("2019-01-01".to_owned(), 35_000)]);
    // Without the choice row 2 is taken for the header.
    assert!(read(text).is_err() || ok(text).deployments[0].label != "Germany");
}

#[test]
fn chosen_source_note_and_bound_columns_and_names_are_read_as_said() {
    let text = "Stichtag,de,Quelle,Hinweis,lo,hi,jp\n\
        2019-01-01,35000,DoD,first,34000,36000,55000\n\
        2020-01-01,34500,DMDC,,,,54000\n";
    let options = TableOptions {
        date: Some("Stichtag".into()),
        source: Some("Quelle".into()),
        note: Some("Hinweis".into()),
        bounds: vec![("lo".into(), Bound::Low), ("hi".into(), Bound::High)],
        names: vec![("de".into(), "Germany".into())],
        ..TableOptions::default()
    };
    let dataset = read_with(text, &options).unwrap_or_else(|e| panic!("{e}"));
    let labels: Vec<&str> = dataset
        .deployments
        .iter()
        .map(|d| d.label.as_str())
        .collect();
    assert_eq!(labels, ["Germany", "jp"]);
    assert_eq!(dataset.deployments[0].id, "germany");
    let first = &dataset.deployments[0].points[0];
    assert_eq!(
        (first.troops, first.low, first.high),
        (Some(35_000), Some(34_000), Some(36_000))
    );
    assert_eq!(first.note.as_deref(), Some("first"));
    assert_eq!(first.source.as_deref(), Some("dod"));
    let second = &dataset.deployments[0].points[1];
    assert_eq!(
        (second.low, second.high, second.note.as_deref()),
        (None, None, None)
    );
    assert_eq!(dataset.sources.len(), 2);
    // The bounds belong to the column on their left only.
    assert_eq!(dataset.deployments[1].points[0].low, None);
}

#[test]
fn a_bound_that_does_not_hold_its_figure_or_names_no_column_is_a_problem() {
    let text = "date,a,lo\n2019-01-01,100,150\n";
    let options = TableOptions {
        bounds: vec![("lo".into(), Bound::Low)],
        ..TableOptions::default()
    };
    let found = errors_with(text, &options);
    assert!(
        found.iter().any(|e| e.contains("does not hold")),
        "{found:?}"
    );
    for (options, flag) in [
        (
            TableOptions {
                names: vec![("nope".into(), "X".into())],
                ..TableOptions::default()
            },
            "--name",
        ),
        (
            TableOptions {
                bounds: vec![("nope".into(), Bound::High)],
                ..TableOptions::default()
            },
            "--high",
        ),
    ] {
        let found = errors_with(text, &options);
        assert!(
            found
                .iter()
                .any(|e| e.contains(&format!("{flag} \"nope\": no such column"))),
            "{found:?}"
        );
    }
    // A column without a header is named as troopline labels it.
    let unheaded = TableOptions {
        names: vec![("Column 2".into(), "Navy".into())],
        ..TableOptions::default()
    };
    let named =
        read_with("date,,a\n2019-01-01,7,100\n", &unheaded).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(named.deployments[0].label, "Navy");
    let options = TableOptions {
        source: Some("nope".into()),
        ..TableOptions::default()
    };
    let found = errors_with(text, &options);
    assert!(
        found
            .iter()
            .any(|e| e.contains("--source-column \"nope\": no such column")),
        "{found:?}"
    );
}
