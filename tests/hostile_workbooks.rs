//! Small hostile workbooks that declare or expand to huge sizes (issue #21): each one must end
//! with status 1 and a message naming the limit, never an abort, a panic or gigabytes of
//! memory. The real binary runs each under a 3 GB address-space limit, so a reader that
//! reserves what a file declares fails here quickly instead of taking the machine.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use zip::write::SimpleFileOptions;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tables")
        .join(name)
}

/// The fixture's zip with `entry` changed by `edit` (its text in, the new bytes out).
fn rezip(name: &str, entry: &str, edit: impl Fn(&str) -> Vec<u8>) -> Vec<u8> {
    let bytes = std::fs::read(fixture(name)).expect("fixture");
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let mut found = false;
    for index in 0..archive.len() {
        let mut file = archive.by_index(index).expect("entry");
        let file_name = file.name().expect("entry name").into_owned();
        let mut content = Vec::new();
        file.read_to_end(&mut content).expect("read entry");
        if file_name == entry {
            found = true;
            content = edit(&String::from_utf8(content).expect("UTF-8 entry"));
        }
        // The best level, as a bomb maker would use (the default, fast level packs this
        // sample about 150 : 1; level 9 about 340 : 1, as zlib and Excel do).
        let options = SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(9));
        out.start_file(file_name, options).expect("start");
        out.write_all(&content).expect("write");
    }
    assert!(found, "{entry} not in {name}");
    out.finish().expect("finish").into_inner()
}

/// Runs `troopline check` on `bytes` saved as `name`, under a 3 GB address-space limit, and
/// returns (status, standard error).
fn check(name: &str, bytes: &[u8]) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write");
    let output = Command::new("sh")
        .arg("-c")
        .arg(r#"ulimit -v 3000000; exec "$0" check "$1""#)
        .arg(env!("CARGO_BIN_EXE_troopline"))
        .arg(&path)
        .output()
        .expect("run troopline");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn assert_refused(name: &str, bytes: &[u8], limit: &str) {
    assert!(
        bytes.len() < 2 * 1024 * 1024,
        "{name} should be small: {}",
        bytes.len()
    );
    let (status, stderr) = check(name, bytes);
    assert_eq!(
        status,
        Some(1),
        "{name}: status {status:?}, stderr: {stderr}"
    );
    assert!(
        stderr.contains(limit),
        "{name}: the message should name the limit ({limit}): {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{name}: {stderr}");
}

#[test]
fn unchanged_fixtures_still_pass_the_guard() {
    for name in ["troops.xlsx", "from-csv.xlsx"] {
        let bytes = rezip(name, "xl/sharedStrings.xml", |text| {
            text.as_bytes().to_vec()
        });
        let (status, stderr) = check(name, &bytes);
        assert_eq!(status, Some(0), "{name}: {stderr}");
    }
    let bytes = rezip("troops.ods", "content.xml", |text| text.as_bytes().to_vec());
    assert_eq!(check("troops.ods", &bytes).0, Some(0));
    let bytes = std::fs::read(fixture("from-csv.xls")).expect("fixture");
    assert_eq!(check("from-csv.xls", &bytes).0, Some(0));
}

#[test]
fn a_huge_declared_shared_string_count_is_refused() {
    for count in ["1000000000000", "1000000000000000000"] {
        let bytes = rezip("troops.xlsx", "xl/sharedStrings.xml", |text| {
            text.replace(r#"uniqueCount="6""#, &format!(r#"uniqueCount="{count}""#))
                .into_bytes()
        });
        assert_refused(
            "strings.xlsx",
            &bytes,
            &format!("shared-string table declares {count} strings (limit: 5000000)"),
        );
    }
}

#[test]
fn a_zip_bomb_of_shared_strings_is_refused_by_its_ratio() {
    let bytes = rezip("troops.xlsx", "xl/sharedStrings.xml", |text| {
        let (head, tail) = text.split_at(text.find("</sst>").expect("sst end"));
        let mut out = String::with_capacity(64 << 20);
        out.push_str(head);
        let one = "<si><t>Figures on the next sheet; illustrative.</t></si>";
        while out.len() < 64 << 20 {
            out.push_str(one);
        }
        out.push_str(tail);
        out.into_bytes()
    });
    assert_refused(
        "bomb.xlsx",
        &bytes,
        "(limit: 200 times); it looks like a zip bomb",
    );
}

#[test]
fn a_huge_inline_string_is_refused() {
    let bytes = rezip("troops.xlsx", "xl/worksheets/sheet2.xml", |text| {
        let at = text.find("</sheetData>").expect("sheetData");
        let cell = format!(
            r#"<row r="999"><c r="A999" t="inlineStr"><is><t>{}</t></is></c></row>"#,
            "x".repeat(3 << 20)
        );
        format!("{}{cell}{}", &text[..at], &text[at..]).into_bytes()
    });
    assert_refused("inline.xlsx", &bytes, "(limit: 1024 KiB)");
}

fn ods_with_row(row: &str) -> Vec<u8> {
    rezip("troops.ods", "content.xml", |text| {
        let at = text.find("</table:table>").expect("table end");
        format!("{}{row}{}", &text[..at], &text[at..]).into_bytes()
    })
}

#[test]
fn ods_repeat_claims_are_refused() {
    let rows = ods_with_row(
        r#"<table:table-row table:number-rows-repeated="1000000"><table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16000" office:value-type="float" office:value="2"><text:p>2</text:p></table:table-cell></table:table-row>"#,
    );
    assert_refused("repeats.ods", &rows, "number-rows-repeated");
    let columns = ods_with_row(
        &r#"<table:table-row><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="2"><text:p>2</text:p></table:table-cell></table:table-row>"#.repeat(1000),
    );
    assert_refused(
        "columns.ods",
        &columns,
        "troopline reads at most 10000000 cells",
    );
    let spaces = ods_with_row(
        r#"<table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s text:c="2000000000"/>b</text:p></table:table-cell></table:table-row>"#,
    );
    assert_refused("spaces.ods", &spaces, "(limit: 1024 KiB)");
}

/// from-csv.xls with its DIMENSIONS record (BIFF8: first row, row past the last, first
/// column, column past the last) replaced.
fn xls_with_dimensions(rows: (u32, u32), columns: (u16, u16)) -> Vec<u8> {
    let mut bytes = std::fs::read(fixture("from-csv.xls")).expect("fixture");
    let at = bytes
        .windows(4)
        .position(|w| w == [0x00, 0x02, 0x0E, 0x00])
        .expect("DIMENSIONS record");
    let mut record = Vec::new();
    record.extend(rows.0.to_le_bytes());
    record.extend(rows.1.to_le_bytes());
    record.extend(columns.0.to_le_bytes());
    record.extend(columns.1.to_le_bytes());
    bytes[at + 4..at + 4 + record.len()].copy_from_slice(&record);
    bytes
}

#[test]
fn huge_or_reversed_xls_dimensions_are_refused() {
    assert_refused(
        "dims.xls",
        &xls_with_dimensions((0, 0x7FFF_FFFF), (0, 0xFF)),
        "2147483647 rows × 255 columns (DIMENSIONS record), that is 547608329985 cells; troopline reads at most 10000000",
    );
    assert_refused(
        "reversed.xls",
        &xls_with_dimensions((9, 3), (0, 4)),
        "an empty or reversed range",
    );
}

#[test]
fn formulas_without_a_stored_result_are_named_not_dropped() {
    let bytes = rezip("troops.xlsx", "xl/worksheets/sheet2.xml", |text| {
        let cell = r#"<c r="B7" s="2" t="n"><v>33500</v></c>"#;
        assert!(text.contains(cell));
        text.replace(cell, r#"<c r="B7" s="2"><f>SUM(B5:B6)</f></c>"#)
            .into_bytes()
    });
    let (status, stderr) = check("formula.xlsx", &bytes);
    assert_eq!(status, Some(1), "{stderr}");
    assert!(
        stderr.contains("this formula has no stored result") && stderr.contains("(cell B7)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 formula cell without a stored result"),
        "{stderr}"
    );
}
