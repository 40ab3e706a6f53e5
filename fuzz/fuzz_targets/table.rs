//! Fuzz the table readers: any bytes, read as delimited text and as a workbook (XLSX, XLS,
//! ODS), must give a dataset or located problems, never a panic, a hang or unbounded memory.
//! Seeds: `fuzz/seeds-table/` (CSV, TSV and workbooks saved by LibreOffice).

#![no_main]

use libfuzzer_sys::fuzz_target;
use troopline::dataset::table::{FileKind, load_table_bytes};
use troopline::dataset::{Location, TableOptions};

fuzz_target!(|bytes: &[u8]| {
    for kind in [FileKind::Delimited(None), FileKind::Workbook] {
        if let Err(error) = load_table_bytes(bytes, "fuzz", kind, "fuzz", &TableOptions::default()) {
            assert!(!error.problems.is_empty());
            for problem in &error.problems {
                if let Location::Text { line, column } = problem.location {
                    assert!(line >= 1 && column >= 1);
                }
            }
            let _ = error.to_string();
        }
    }
});
