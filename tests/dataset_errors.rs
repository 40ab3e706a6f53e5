//! Every validation rule, broken once each: the message must let an author find and fix it.

// Test helpers fail loudly by design: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use troopline::dataset::{LoadError, Location, load_bytes, load_file, load_str};

const VALID: &str = r#"Dataset(
    format: 1,
    title: "Test",
    sources: [
        Source(id: "a", title: "Source A", publisher: "P"),
        Source(id: "b", title: "Source B", publisher: "P", url: "https://example.org", published: "2007-09-20"),
    ],
    deployments: [
        Deployment(id: "troops", label: "Troops", source: "a", points: [
            (date: "2007-09-01", troops: 165607),
            (date: "2007-10-15", troops: 170000, low: 165607, high: 172000, source: "b", note: "peak"),
            (date: "2007-11-01", troops: 164424),
        ]),
    ],
    casualties: [
        Casualties(id: "deaths", label: "Deaths", source: "a", periods: [
            (from: "2003-03-20", to: "2003-12-31", count: 486),
            (from: "2004-01-01", to: "2004-12-31", count: 849, low: 845, high: 849, note: "n"),
        ]),
    ],
    events: [
        Event(date: "2003-03-20", title: "Invasion", detail: "d", category: "military", source: "a"),
        Event(date: "2007-01-10", end: "2007-12-31", title: "Surge", category: "military"),
    ],
)"#;

fn errors(text: &str) -> LoadError {
    match load_str(text, "test.ron") {
        Ok(_) => panic!("expected errors for:\n{text}"),
        Err(error) => error,
    }
}

/// Replaces exactly one occurrence, so each test breaks exactly one thing.
fn broken(from: &str, to: &str) -> String {
    assert_eq!(VALID.matches(from).count(), 1, "ambiguous edit {from:?}");
    VALID.replace(from, to)
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
    assert!(
        error.to_string().contains(&format!("test.ron: {path}")),
        "{error}"
    );
}

fn assert_text(error: &LoadError, line: usize, words: &str) {
    let problem = &error.problems[0];
    let Location::Text { line: at, column } = problem.location else {
        panic!("expected a line:column location, got {error}");
    };
    assert_eq!(at, line, "{error}");
    assert!(problem.message.contains(words), "{error}");
    assert!(
        error
            .to_string()
            .starts_with(&format!("test.ron:{line}:{column}: ")),
        "{error}"
    );
    let excerpt = problem.excerpt.as_deref().unwrap_or_default();
    assert!(excerpt.contains('^'), "no caret in {excerpt:?}");
}

#[test]
fn the_valid_example_loads() {
    let dataset = load_str(VALID, "test.ron").unwrap();
    assert_eq!(dataset.deployments[0].points[1].high, Some(172_000));
    assert_eq!(
        dataset.events[1].end.map(|d| d.to_string()).as_deref(),
        Some("2007-12-31")
    );
}

#[test]
fn format_must_be_1() {
    assert_item(
        &errors(&broken("format: 1", "format: 2")),
        "format",
        "format 2 is not supported",
    );
}

#[test]
fn ids_must_be_unique() {
    let error = errors(&broken(r#"Source(id: "b""#, r#"Source(id: "a""#));
    assert_item(&error, "sources[1].id (\"a\")", "duplicate id: sources[0]");
    let twice = broken(
        "        ]),\n    ],\n    casualties: [",
        "        ]),\n        Deployment(id: \"troops\", label: \"Again\", points: [(date: \"2001-01-01\", troops: 1)]),\n    ],\n    casualties: [",
    );
    assert_item(&errors(&twice), "deployments[1].id", "duplicate id");
}

#[test]
fn source_references_must_resolve() {
    let error = errors(&broken(
        r#"source: "b", note: "peak""#,
        r#"source: "ap-2008", note: "peak""#,
    ));
    assert_item(
        &error,
        "deployments[0].points[1].source",
        "\"ap-2008\" is not defined",
    );
    assert!(
        error.to_string().contains("known source ids: a, b"),
        "{error}"
    );
    let error = errors(&broken(
        r#"category: "military", source: "a")"#,
        r#"category: "military", source: "zz")"#,
    ));
    assert_item(&error, "events[0].source", "\"zz\" is not defined");
}

#[test]
fn at_least_one_deployment_with_points() {
    let start = VALID.find("    deployments: [").unwrap();
    let end = VALID.find("    casualties: [").unwrap();
    let none = format!("{}    deployments: [],\n{}", &VALID[..start], &VALID[end..]);
    assert_item(&errors(&none), "deployments", "at least one deployment");
    let empty = format!(
        "{}    deployments: [Deployment(id: \"x\", label: \"X\", points: [])],\n{}",
        &VALID[..start],
        &VALID[end..]
    );
    assert_item(
        &errors(&empty),
        "deployments[0].points",
        "at least one point",
    );
}

#[test]
fn point_dates_must_increase() {
    let error = errors(&broken(
        r#"(date: "2007-11-01", troops: 164424)"#,
        r#"(date: "2007-10-01", troops: 164424)"#,
    ));
    assert_item(
        &error,
        "deployments[0].points[2] (2007-10-01)",
        "date is not after the previous point (2007-10-15)",
    );
}

#[test]
fn low_and_high_must_bracket_the_value() {
    let error = errors(&broken(
        "low: 165607, high: 172000",
        "low: 171000, high: 169000",
    ));
    assert_item(
        &error,
        "deployments[0].points[1] (2007-10-15)",
        "low (171000) is above the value",
    );
    assert_item(
        &error,
        "deployments[0].points[1] (2007-10-15)",
        "high (169000) is below the value",
    );
    let error = errors(&broken("low: 845, high: 849", "low: 850"));
    assert_item(
        &error,
        "casualties[0].periods[1]",
        "low (850) is above the value (849)",
    );
}

#[test]
fn periods_must_be_ordered_and_disjoint() {
    let error = errors(&broken(
        r#"(from: "2004-01-01", to: "2004-12-31""#,
        r#"(from: "2004-01-01", to: "2003-12-31""#,
    ));
    assert_item(
        &error,
        "casualties[0].periods[1] (2004-01-01 to 2003-12-31)",
        "`to` is before `from`",
    );
    let error = errors(&broken(
        r#"(from: "2004-01-01", to: "2004-12-31""#,
        r#"(from: "2003-12-01", to: "2004-12-31""#,
    ));
    assert_item(
        &error,
        "casualties[0].periods[1]",
        "overlaps the previous period (2003-03-20 to 2003-12-31)",
    );
    let error = errors(&broken(
        r#"(from: "2004-01-01", to: "2004-12-31""#,
        r#"(from: "2002-01-01", to: "2002-12-31""#,
    ));
    assert_item(&error, "casualties[0].periods[1]", "periods must be sorted");
}

#[test]
fn event_end_must_not_precede_its_date() {
    let error = errors(&broken(r#"end: "2007-12-31""#, r#"end: "2006-12-31""#));
    assert_item(
        &error,
        "events[1] (2007-01-10)",
        "end (2006-12-31) is before the date",
    );
}

#[test]
fn titles_and_labels_must_not_be_empty() {
    assert_item(
        &errors(&broken(r#"title: "Test""#, r#"title: "  ""#)),
        "title",
        "must not be empty",
    );
    assert_item(
        &errors(&broken(r#"label: "Troops""#, r#"label: """#)),
        "deployments[0].label",
        "must not be empty",
    );
    assert_item(
        &errors(&broken(r#"title: "Surge""#, r#"title: """#)),
        "events[1] (2007-01-10).title",
        "must not be empty",
    );
}

#[test]
fn counts_must_fit_in_u32_and_be_whole() {
    let error = errors(&broken("troops: 164424", "troops: 4294967296"));
    assert_text(&error, 12, "4294967296 is too large");
    let error = errors(&broken("troops: 164424", "troops: -5"));
    assert_text(&error, 12, "negative");
    let error = errors(&broken("troops: 164424", "troops: 1.5"));
    assert_text(&error, 12, "not a whole number");
}

#[test]
fn all_problems_are_reported_together() {
    let text = broken("format: 1", "format: 3").replace(r#"label: "Troops""#, r#"label: """#);
    let error = errors(&text);
    assert!(error.problems.len() >= 2, "{error}");
}

#[test]
fn syntax_errors_point_at_line_and_column_with_a_caret() {
    let error = errors(&broken(
        r#"(date: "2007-09-01", troops: 165607),"#,
        r#"(date: "2007-9-01", troops: 165607),"#,
    ));
    assert_text(
        &error,
        10,
        "expected a date as \"YYYY-MM-DD\", found \"2007-9-01\"",
    );
    let error = errors(&broken("troops: 164424)", "trops: 164424)"));
    assert_text(&error, 12, "unknown field `trops`");
    assert!(
        error.to_string().contains("troops"),
        "should list expected fields: {error}"
    );
    let error = errors(&broken(r#"title: "Invasion", "#, ""));
    assert_text(&error, 22, "missing the required field `title`");
    let error = errors(&broken("    ],\n)", "    ]\n"));
    assert!(
        matches!(error.problems[0].location, Location::Text { .. }),
        "{error}"
    );
}

#[test]
fn hostile_input_never_panics_or_hangs() {
    let deep = "[".repeat(10_000);
    let nested = format!("Dataset(format: 1, title: \"x\", deployments: {deep}");
    let crlf = VALID.replace('\n', "\r\n");
    let bom = format!("\u{feff}{VALID}");
    let cases: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"   \n\n".to_vec(),
        vec![0xff, 0xfe, 0x00, 0x41, 0x80],
        (0..=255u8).cycle().take(4096).collect(),
        deep.into_bytes(),
        nested.into_bytes(),
        b"Dataset(".to_vec(),
        b"\"unterminated".to_vec(),
        b"/* unterminated comment".to_vec(),
    ];
    for case in &cases {
        let error = load_bytes(case, "test.ron").expect_err("garbage must not load");
        assert!(!error.problems.is_empty());
        assert!(error.to_string().starts_with("test.ron"), "{error}");
    }
    assert!(
        load_bytes(crlf.as_bytes(), "crlf.ron").is_ok(),
        "CRLF files must load"
    );
    assert!(
        load_bytes(bom.as_bytes(), "bom.ron").is_ok(),
        "a BOM must be accepted"
    );
}

#[test]
fn deep_nesting_is_refused_with_a_clear_message() {
    // Counts accept any value shape while parsing (to explain what is wrong), so they are
    // where unbounded nesting could reach the parser's recursion; it must stop at once.
    let nested = broken("troops: 164424", &format!("troops: {}", "[".repeat(10_000)));
    let error = load_str(&nested, "test.ron").unwrap_err();
    assert_text(&error, 12, "found a sequence");
}

#[test]
fn binary_files_are_reported_as_not_utf8() {
    let error = load_bytes(b"Dataset(\n  title: \xff", "test.ron").unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("test.ron:2:10: the file is not UTF-8"),
        "{error}"
    );
}

#[test]
fn missing_and_oversized_files_are_reported() {
    let error = load_file(std::path::Path::new("/nonexistent/data.ron")).unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("/nonexistent/data.ron: cannot open the file"),
        "{error}"
    );
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.ron");
    let file = std::fs::File::create(&big).unwrap();
    // A sparse file: no disk is used, but its size is over the cap.
    file.set_len(troopline::dataset::MAX_FILE_BYTES + 1)
        .unwrap();
    let error = load_file(&big).unwrap_err();
    assert!(error.to_string().contains("limited to 256 MiB"), "{error}");
}

#[test]
fn links_must_be_web_addresses() {
    for bad in [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,<b>x</b>",
        "ftp://example.org",
        "example.org",
    ] {
        let error = errors(&broken(
            r#"url: "https://example.org""#,
            &format!("url: {bad:?}"),
        ));
        assert_item(&error, "sources[1].url", "is not a web address");
        assert!(
            error
                .to_string()
                .contains("links must start with https:// or http://"),
            "{error}"
        );
    }
    assert!(
        load_str(
            &broken("https://example.org", "HTTP://example.org/a"),
            "t.ron"
        )
        .is_ok()
    );
}

#[test]
fn problems_are_capped_and_counted() {
    // 1,000 points, each with a low above its value: 1,000 problems, 100 listed.
    let mut points = String::new();
    for day in 0..1_000 {
        let date = troopline::dataset::Date::from_x(f64::from(day)).unwrap();
        points.push_str(&format!("(date: \"{date}\", troops: 1, low: 2),"));
    }
    let text = format!(
        "Dataset(format: 1, title: \"T\", deployments: [Deployment(id: \"t\", label: \"T\", points: [{points}])])"
    );
    let error = load_str(&text, "test.ron").unwrap_err();
    assert_eq!(
        error.problems.len(),
        troopline::dataset::MAX_LISTED_PROBLEMS
    );
    assert_eq!((error.omitted, error.count()), (900, 1_000));
    assert_eq!(error.count_text(), "1,000 problems");
    let shown = error.to_string();
    assert_eq!(shown.lines().count(), 101);
    assert!(
        shown.ends_with("test.ron: … and 900 more problems"),
        "{shown}"
    );
    // The listed ones are the first, in item order.
    assert_item(
        &error,
        "deployments[0].points[0] (",
        "low (2) is above the value (1)",
    );
    assert!(shown.contains("points[99] ("), "{shown}");
    assert!(!shown.contains("points[100] ("), "{shown}");
    let one = errors(&broken("format: 1", "format: 2"));
    assert_eq!((one.count(), one.count_text()), (1, "1 problem".to_owned()));
}

#[test]
fn undefined_references_name_few_ids_and_cut_long_ones() {
    let long = "x".repeat(10_000);
    let mut sources = String::new();
    for i in 0..50 {
        sources.push_str(&format!(
            "Source(id: \"{long}{i}\", title: \"S\", publisher: \"P\"),"
        ));
    }
    let text = format!(
        "Dataset(format: 1, title: \"T\", sources: [{sources}], deployments: [Deployment(id: \"t\", label: \"T\", points: [(date: \"2001-01-01\", troops: 1, source: \"{long}\")])])"
    );
    let error = load_str(&text, "test.ron").unwrap_err();
    let shown = error.to_string();
    assert_eq!(error.count(), 1);
    // Five ids of at most 40 characters, the count, and the reference cut the same way.
    assert!(shown.len() < 600, "{} bytes: {shown}", shown.len());
    assert!(shown.contains("… (50 in all)"), "{shown}");
    assert!(
        shown.contains(&format!("source \"{}\"… is not defined", "x".repeat(40))),
        "{shown}"
    );
}

#[test]
fn many_sources_cited_many_times_are_looked_up_by_hash() {
    // 20,000 sources and 200,000 points citing them: a linear search per point would take
    // billions of comparisons; the hash lookup takes 200,000.
    let mut text = String::from("Dataset(format: 1, title: \"T\", sources: [");
    for i in 0..20_000 {
        text.push_str(&format!(
            "Source(id: \"s{i}\", title: \"S\", publisher: \"P\"),"
        ));
    }
    text.push_str("], deployments: [Deployment(id: \"t\", label: \"T\", points: [\n");
    for day in 0..200_000u32 {
        let date = troopline::dataset::Date::from_x(f64::from(day)).unwrap();
        text.push_str(&format!(
            "(date: \"{date}\", troops: 1, source: \"s{}\"),\n",
            day * 7 % 20_000
        ));
    }
    text.push_str("])])");
    let dataset = load_str(&text, "test.ron").unwrap();
    assert_eq!(dataset.value_count(), 200_000);
}

#[cfg(unix)]
#[test]
fn only_regular_files_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.ron");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let socket = dir.path().join("socket.ron");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let link = dir.path().join("link.ron");
    std::os::unix::fs::symlink(&fifo, &link).unwrap();
    for (path, words) in [
        (
            fifo.as_path(),
            "it is a named pipe (FIFO), not a regular file",
        ),
        (
            link.as_path(),
            "it is a named pipe (FIFO), not a regular file",
        ),
        (socket.as_path(), "it is a socket, not a regular file"),
        (
            std::path::Path::new("/dev/null"),
            "it is a device, not a regular file",
        ),
        (dir.path(), "it is a folder, not a dataset file"),
    ] {
        // Opening a pipe for reading would wait for a writer forever: this returns at once.
        let error = load_file(path).unwrap_err();
        assert_eq!(
            error.to_string().lines().next().unwrap(),
            format!(
                "{}: {words}{}",
                path.display(),
                if words.contains("folder") {
                    ""
                } else {
                    "; troopline reads datasets from files only"
                }
            )
        );
    }
    // A symbolic link to a regular file is read as that file.
    let real = dir.path().join("real.ron");
    std::fs::write(&real, VALID).unwrap();
    let to_real = dir.path().join("to-real.ron");
    std::os::unix::fs::symlink(&real, &to_real).unwrap();
    assert!(load_file(&to_real).is_ok());
}
