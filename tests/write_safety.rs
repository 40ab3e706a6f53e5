//! Nothing troopline writes destroys its input or is something it would refuse to read
//! (issue #21): the real binary, real files.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::{Command, Output};

fn troopline(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_troopline"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run troopline")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

const TABLE: &str = "date,Germany\n2019-01-01,35000\n2020-01-01,34500\n";

#[test]
fn an_output_that_is_the_input_is_refused_even_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("t.csv"), TABLE).unwrap();
    let dataset = troopline(&["import", "t.csv", "--out", "b.ron"], d);
    assert!(dataset.status.success(), "{}", stderr(&dataset));
    let ron = std::fs::read(d.join("b.ron")).unwrap();
    std::fs::hard_link(d.join("t.csv"), d.join("link.csv")).unwrap();
    std::os::unix::fs::symlink("b.ron", d.join("alias.ron")).unwrap();
    let cases: [&[&str]; 6] = [
        &["export", "b.ron", "--format", "png", "--out", "b.ron"],
        &["export", "b.ron", "--format", "svg", "--out", "./alias.ron"],
        &["export-csv", "t.csv", "--out", "t.csv"],
        &["export-csv", "t.csv", "--out", "link.csv"],
        &["import", "t.csv", "--out", "t.csv", "--force"],
        &["import", "link.csv", "--out", "./t.csv", "--force"],
    ];
    for args in cases {
        let output = troopline(args, d);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains("is the input file"),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    assert_eq!(std::fs::read_to_string(d.join("t.csv")).unwrap(), TABLE);
    assert_eq!(std::fs::read(d.join("b.ron")).unwrap(), ron);
}

#[test]
fn a_table_name_with_a_newline_stays_inside_the_import_comment() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let name = "a\nDataset(oops).csv";
    std::fs::write(d.join(name), TABLE).unwrap();
    let output = troopline(&["import", name, "--out", "b.ron"], d);
    assert!(output.status.success(), "{}", stderr(&output));
    let ron = std::fs::read_to_string(d.join("b.ron")).unwrap();
    assert!(
        ron.starts_with("// Imported by `troopline import` from a\\nDataset(oops).csv.\n"),
        "{ron}"
    );
    // The written path is printed on one line, its newline escaped.
    assert_eq!(String::from_utf8_lossy(&output.stdout), "b.ron\n");
    let check = troopline(&["check", "b.ron"], d);
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn control_characters_in_dataset_text_do_not_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let table = "date,\u{1b}[2J\u{1b}]0;pwned\u{7}Germany\n2019-01-01,35000\n";
    std::fs::write(d.join("t\u{1b}[31m.csv"), table).unwrap();
    let output = troopline(&["check", "t\u{1b}[31m.csv"], d);
    assert!(output.status.success(), "{}", stderr(&output));
    for bytes in [&output.stdout, &output.stderr] {
        assert!(!bytes.contains(&0x1b), "{}", String::from_utf8_lossy(bytes));
        assert!(!bytes.contains(&0x07));
    }
    assert!(String::from_utf8_lossy(&output.stdout).contains("t\\u{1b}[31m.csv: ok"));
}
