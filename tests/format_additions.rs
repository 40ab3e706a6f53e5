//! The optional fields added to format 1 (views, event importance, series descriptions, measures,
//! unknown counts, other estimates): format-1 files without them load as before, files with
//! them load, every new rule is reported like the others, and `troopline check` warns and
//! `--strict` fails where a reader would question a dataset.

// Test helpers fail loudly by design: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::{Command, Output};

use troopline::dataset::{Importance, LoadError, Location, load_str, warnings::warnings};

const VALID: &str = r#"Dataset(
    format: 1,
    title: "Test",
    sources: [Source(id: "a", title: "Source A", publisher: "P", url: "https://example.org")],
    deployments: [
        Deployment(id: "troops", label: "Troops", source: "a", description: "What it measures.",
                   measure: "reported", points: [
            (date: "2007-09-01", troops: 165607),
            (date: "2007-10-15", troops: 170000, note: "peak",
             estimates: [(value: 182060, date: "2008-06-01", note: "rejected")]),
            (date: "2007-11-01", troops: 164424, measure: "count", note: "counted"),
        ]),
    ],
    casualties: [
        Casualties(id: "deaths", label: "Deaths", source: "a", unit: "deaths",
                   description: "Per year.", periods: [
            (from: "2003-03-20", to: "2003-12-31", count: 486),
            (from: "2004-01-01", to: "2004-12-31", count: None, note: "unknown"),
            (from: "2005-01-01", to: "2005-12-31", count: 846,
             estimates: [(value: 840, note: "Iraq only")]),
        ]),
    ],
    events: [
        Event(date: "2003-03-20", title: "Invasion", source: "a", importance: 3),
        Event(date: "2004-03-20", title: "Minor", source: "a", importance: 1),
        Event(date: "2005-03-20", title: "Normal", source: "a"),
    ],
    views: [View(title: "Early", from: "2003-03-20", to: "2004-12-31")],
)"#;

/// Replaces exactly one occurrence, so each test changes exactly one thing.
fn edited(from: &str, to: &str) -> String {
    assert_eq!(VALID.matches(from).count(), 1, "ambiguous edit {from:?}");
    VALID.replace(from, to)
}

fn errors(text: &str) -> LoadError {
    match load_str(text, "test.ron") {
        Ok(_) => panic!("expected errors for:\n{text}"),
        Err(error) => error,
    }
}

fn assert_item(error: &LoadError, path: &str, words: &str) {
    let found = error.problems.iter().any(|p| {
        matches!(&p.location, Location::Item(item) if item.starts_with(path))
            && p.message.contains(words)
    });
    assert!(
        found,
        "no problem at {path:?} mentioning {words:?} in:\n{error}"
    );
}

#[test]
fn the_new_fields_load() {
    let dataset = load_str(VALID, "test.ron").unwrap();
    assert_eq!(dataset.views[0].title, "Early");
    let importance: Vec<_> = dataset.events.iter().map(|e| e.importance).collect();
    assert_eq!(
        importance,
        [Some(Importance::Headline), Some(Importance::Minor), None]
    );
    let troops = &dataset.deployments[0];
    assert_eq!(troops.measure_of(&troops.points[0]), Some("reported"));
    assert_eq!(troops.measure_of(&troops.points[2]), Some("count"));
    assert_eq!(troops.points[1].estimates()[0].value, 182_060);
    let deaths = &dataset.casualties[0];
    assert_eq!(deaths.periods[1].count, None);
    assert_eq!(deaths.unit(), "deaths");
    assert_eq!(deaths.periods[2].estimates[0].value, 840);
    // An estimate's date widens the dataset's range like any other date.
    let (_, last) = dataset.date_range().unwrap();
    assert_eq!(last.to_string(), "2008-06-01");
    assert_eq!(warnings(&dataset), Vec::new(), "a careful dataset");
}

#[test]
fn format_1_files_without_the_new_fields_load_as_before() {
    let old = r#"Dataset(format: 1, title: "T",
        deployments: [Deployment(id: "a", label: "A", points: [(date: "2000-01-01", troops: 5, low: 4)])],
        casualties: [Casualties(id: "c", label: "C", periods: [
            (from: "2000-01-01", to: "2000-12-31", count: 0),
            (from: "2001-01-01", to: "2001-12-31", count: Some(7))])],
        events: [Event(date: "2000-06-01", title: "E")])"#;
    let dataset = load_str(old, "old.ron").unwrap();
    assert_eq!(
        dataset.casualties[0].periods[0].count,
        Some(0),
        "zero stays zero"
    );
    assert_eq!(dataset.casualties[0].periods[1].count, Some(7));
    assert_eq!(dataset.events[0].importance, None);
    assert!(dataset.views.is_empty());
    assert_eq!(dataset.casualties[0].unit(), "people");
    assert!(dataset.deployments[0].points[0].estimates().is_empty());
}

#[test]
fn a_missing_count_is_still_an_error() {
    let error = errors(&edited("count: 486)", ")"));
    assert!(error.problems[0].message.contains("count"), "{error}");
}

#[test]
fn importance_is_1_2_or_3() {
    for bad in ["0", "4", "300", "\"high\""] {
        let error = errors(&edited("importance: 1", &format!("importance: {bad}")));
        assert!(
            matches!(error.problems[0].location, Location::Text { line: 25, .. }),
            "{bad}: {error}"
        );
        if bad != "\"high\"" {
            assert!(
                error.problems[0]
                    .message
                    .contains("1 (minor), 2 (normal) or 3 (headline)"),
                "{bad}: {error}"
            );
        }
    }
}

#[test]
fn views_need_a_unique_title_and_an_order() {
    let error = errors(&edited(
        r#"View(title: "Early", from: "2003-03-20", to: "2004-12-31")"#,
        r#"View(title: " ", from: "2003-03-20", to: "2004-12-31"),
           View(title: "Late", from: "2005-01-01", to: "2004-12-31"),
           View(title: "Late", from: "2004-01-01", to: "2004-12-31")"#,
    ));
    assert_item(&error, "views[0].title", "must not be empty");
    assert_item(
        &error,
        r#"views[1] ("Late")"#,
        "`to` (2004-12-31) is before `from` (2005-01-01)",
    );
    assert_item(
        &error,
        r#"views[2] ("Late")"#,
        "duplicate title: views[1] already uses it",
    );
    assert_eq!(error.problems.len(), 3, "{error}");
}

#[test]
fn an_unknown_count_has_no_range() {
    let error = errors(&edited(
        r#"count: None, note: "unknown""#,
        "count: None, high: 5",
    ));
    assert_item(
        &error,
        "casualties[0].periods[1] (2004-01-01 to 2004-12-31)",
        "cannot have a low or high",
    );
}

#[test]
fn estimates_cite_defined_sources_and_periods_take_no_date() {
    let error = errors(&edited(
        r#"(value: 840, note: "Iraq only")"#,
        r#"(value: 840, note: "Iraq only", date: "2005-06-01", source: "nope")"#,
    ));
    assert_item(
        &error,
        "casualties[0].periods[2].estimates[0].date",
        "leave `date` out",
    );
    assert_item(
        &error,
        "casualties[0].periods[2].estimates[0].source",
        r#"source "nope" is not defined"#,
    );
    let error = errors(&edited(
        r#"note: "rejected")"#,
        r#"note: "rejected", source: "nope")"#,
    ));
    assert_item(
        &error,
        "deployments[0].points[1].estimates[0].source",
        "is not defined",
    );
}

#[test]
fn given_texts_are_not_empty() {
    let error = errors(
        &edited(r#"description: "What it measures.""#, r#"description: """#)
            .replace(r#"unit: "deaths""#, r#"unit: " ""#)
            .replace(r#"measure: "count""#, r#"measure: """#),
    );
    assert_item(&error, "deployments[0].description", "must not be empty");
    assert_item(&error, "casualties[0].unit", "must not be empty");
    assert_item(
        &error,
        "deployments[0].points[2] (2007-11-01).measure",
        "must not be empty",
    );
    let error = errors(&edited(
        r#"description: "Per year.""#,
        r#"description: "  ""#,
    ));
    assert_item(
        &error,
        "casualties[0].description",
        "leave the field out instead",
    );
    let error = errors(&edited(r#"measure: "reported""#, r#"measure: """#));
    assert_item(&error, "deployments[0].measure", "must not be empty");
}

/// The complete example of docs/dataset-format.md loads and passes `check --strict`.
#[test]
fn the_documented_example_is_valid_and_careful() {
    let docs = include_str!("../docs/dataset-format.md");
    let start = docs.find("## A complete small example").unwrap();
    let example = &docs[start..];
    let code = example.split("```ron\n").nth(1).unwrap();
    let code = code.split("```").next().unwrap();
    let dataset = load_str(code, "example.ron").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(warnings(&dataset), Vec::new());
    assert_eq!(dataset.views.len(), 1);
    // Every `ron` snippet is at least valid RON syntax of some shape: the docs do not drift
    // into a spelling the loader would refuse.
    for snippet in docs.split("```ron\n").skip(1) {
        let snippet = snippet
            .split("```")
            .next()
            .unwrap()
            .trim()
            .trim_end_matches(',');
        let options = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
        // A field snippet (`views: [...]`) is read as the body of a struct.
        let parsed = options
            .from_str::<ron::Value>(snippet)
            .or_else(|_| options.from_str::<ron::Value>(&format!("({snippet})")));
        assert!(parsed.is_ok(), "{snippet}\n{parsed:?}");
    }
}

fn troopline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_troopline"))
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn check_strict_passes_the_built_in_dataset() {
    let output = troopline(&["check", "--strict", "assets/iraq.ron"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("assets/iraq.ron: ok: "), "{stdout}");
    assert!(!stdout.contains("warning"), "{stdout}");
}

#[test]
fn check_prints_warnings_and_strict_makes_them_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("loose.ron");
    let loose = VALID
        .replace("https://example.org", "http://example.org")
        .replace(r#"count: None, note: "unknown""#, "count: None");
    std::fs::write(&path, loose).unwrap();
    let file = path.to_str().unwrap();

    let output = troopline(&["check", file]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "warnings alone exit 0: {stdout}");
    assert!(stdout.contains(&format!("{file}: ok: ")), "{stdout}");
    assert!(
        stdout.contains(&format!(
            r#"{file}: warning: sources[0] ("a").url: "http://example.org" is a plain http:// link"#
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains("no note says why there is no figure"),
        "{stdout}"
    );
    assert!(stdout.contains(&format!("{file}: 2 warnings")), "{stdout}");

    let output = troopline(&["check", "--strict", file]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(r#"{file}: sources[0] ("a").url: "#)),
        "{stderr}"
    );
    assert!(
        stderr.contains("2 warnings, errors under --strict"),
        "{stderr}"
    );
    assert!(!String::from_utf8_lossy(&output.stdout).contains("ok"));
}
