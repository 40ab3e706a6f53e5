//! Robustness: mutated datasets never panic and always explain themselves; a corrupt saved
//! state is ignored.

// Test helpers fail loudly by design: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use troopline::dataset::{BUILTIN_RON, Location, load_bytes, load_str};
use troopline::ui::StateFile;
use troopline::ui::view_state::BarChoice;

const SMALL: &str = r#"Dataset(
    format: 1,
    title: "Small",
    sources: [Source(id: "a", title: "A", publisher: "P")],
    deployments: [
        Deployment(id: "t", label: "Troops", source: "a", points: [
            (date: "2007-09-01", troops: 165607),
            (date: "2007-10-15", troops: 170000, low: 165607, high: 172000, note: "peak"),
            (date: "2007-11-01", troops: 164424),
            (date: "2008-03-01", troops: 159700),
        ]),
    ],
    casualties: [
        Casualties(id: "d", label: "Deaths", source: "a", periods: [
            (from: "2003-03-20", to: "2003-12-31", count: 486),
            (from: "2004-01-01", to: "2004-12-31", count: 849),
        ]),
    ],
    events: [Event(date: "2003-03-20", end: "2003-05-01", title: "Invasion", source: "a")],
)"#;

/// Every error names a line:column, an item path, or the file as a whole.
fn assert_explained(text: &[u8]) {
    match load_bytes(text, "mutant.ron") {
        Ok(_) => {}
        Err(error) => {
            assert!(!error.problems.is_empty());
            for problem in &error.problems {
                let located = match &problem.location {
                    Location::Text { line, column } => *line >= 1 && *column >= 1,
                    Location::Item(path) => !path.is_empty(),
                    Location::File => true,
                };
                assert!(located && !problem.message.is_empty(), "{error}");
            }
            assert!(error.to_string().starts_with("mutant.ron"), "{error}");
        }
    }
}

fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::to_owned).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn truncated_files_are_explained(cut in 0usize..SMALL.len()) {
        let cut = (0..=cut).rev().find(|&i| SMALL.is_char_boundary(i)).unwrap_or(0);
        assert_explained(&SMALL.as_bytes()[..cut]);
    }

    #[test]
    fn dropped_duplicated_and_swapped_lines_are_explained(a in 0usize..30, b in 0usize..30, op in 0u8..3) {
        let mut lines = lines(SMALL);
        let (a, b) = (a % lines.len(), b % lines.len());
        match op {
            0 => { lines.remove(a); }
            1 => { let line = lines[a].clone(); lines.insert(b, line); }
            _ => lines.swap(a, b),
        }
        assert_explained(lines.join("\n").as_bytes());
    }

    #[test]
    fn perturbed_numbers_and_dates_are_explained(position in 0usize..2000, replacement in prop::sample::select(vec![
        "0", "-1", "4294967296", "99999999999999999999999", "1.5", "\"2007-02-30\"", "\"262143-01-01\"",
        "\"\"", "[[[[", "None", "Some(1)", "()", "true", "'x'", "1e400",
    ])) {
        // Replace the number or date string nearest `position` with a hostile value.
        let bytes = SMALL.as_bytes();
        let start = (position % bytes.len()..bytes.len()).find(|&i| bytes[i].is_ascii_digit() || bytes[i] == b'"');
        if let Some(start) = start {
            let end = (start + 1..bytes.len()).find(|&i| !(bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-' || bytes[i] == b'"')).unwrap_or(bytes.len());
            let mutated = format!("{}{}{}", &SMALL[..start], replacement, &SMALL[end..]);
            assert_explained(mutated.as_bytes());
        }
    }

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        assert_explained(&bytes);
    }

    #[test]
    fn random_edits_of_the_built_in_dataset_are_explained(position in 0usize..BUILTIN_RON.len(), byte in any::<u8>()) {
        let mut bytes = BUILTIN_RON.as_bytes().to_vec();
        bytes[position] = byte;
        assert_explained(&bytes);
    }
}

#[test]
fn absurd_values_get_clear_messages() {
    let year = SMALL.replace("\"2007-09-01\"", "\"262143-01-01\"");
    let error = load_str(&year, "x.ron").unwrap_err();
    assert!(error.to_string().contains("YYYY-MM-DD"), "{error}");
    let count = SMALL.replace("165607),", "4294967296),");
    let error = load_str(&count, "x.ron").unwrap_err();
    assert!(
        error.to_string().contains("4294967296 is too large"),
        "{error}"
    );
}

#[test]
fn a_corrupt_or_old_saved_state_is_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.ron");
    for saved in [
        "garbage(((",
        "(view: (range: \"not a range\"))",
        "",
        "(view: (theme: Purple))",
        "(version: 2, view: (bars: Cumulative))",
        "(version: 99)",
        "\u{0}\u{1}",
    ] {
        std::fs::write(&path, saved).unwrap();
        let state = StateFile::at(path.clone()).load();
        assert!(
            state.view.show_events
                && state.view.range.is_none()
                && state.view.bars == BarChoice::Auto,
            "{saved}"
        );
    }
    // A folder where the file should be cannot be read: defaults, no panic.
    let state = StateFile::at(dir.path().to_owned()).load();
    assert!(state.window.is_none() && state.view.range.is_none());
    // A state saved by an older version, with fewer fields, keeps what it has.
    std::fs::write(&path, "(view: (bars: Cumulative))").unwrap();
    let state = StateFile::at(path).load();
    assert!(state.view.bars == BarChoice::Cumulative && state.view.show_events);
    // No file yet: defaults.
    let state = StateFile::at(dir.path().join("missing.ron")).load();
    assert!(state.view.recent_files.is_empty());
}

#[test]
fn a_100_mb_file_loads_while_the_window_keeps_drawing() {
    use std::io::Write as _;
    use std::time::{Duration, Instant};

    use egui_kittest::kittest::Queryable as _;
    use troopline::generate::{self, Options};
    use troopline::ui::{Origin, TrooplineApp, ViewState};

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    let options = Options {
        points: 2_200_000,
        events: 2_000,
        series: 2,
        seed: 7,
    };
    generate::write(options, &mut out).unwrap();
    out.flush().unwrap();
    drop(out);
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(size >= 100 << 20, "only {size} bytes");

    let app = TrooplineApp::new(
        troopline::dataset::builtin().unwrap(),
        Origin::Builtin,
        ViewState::default(),
    );
    let mut harness = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut TrooplineApp| app.show(ui), app);
    harness.run_steps(2);
    harness.state_mut().open_file(path);
    harness.run_steps(1);
    // The window draws the old chart with a spinner while the file loads in the background.
    harness.get_by_label_contains("Opening ");
    let mut frames_while_loading = 0;
    let start = Instant::now();
    while harness.state().is_loading() {
        assert_eq!(harness.state().dataset().title, "US troops in Iraq");
        assert!(
            start.elapsed() < Duration::from_secs(300),
            "the load never finished"
        );
        harness.run_steps(1);
        frames_while_loading += 1;
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(
        frames_while_loading >= 10,
        "the window drew only {frames_while_loading} frames during the load"
    );
    harness.run_steps(2);
    let app = harness.state();
    assert_eq!(app.dataset().title, "Synthetic deployments");
    let points: usize = app
        .dataset()
        .deployments
        .iter()
        .map(|d| d.points.len())
        .sum();
    assert_eq!(points, 2_200_000);
    assert!(app.problems().is_none());
    harness.get_by_label_contains("Opened");
}

// ---- Hardening (issue #12): command lines, categories, special files in the window. ----

/// Words a command line may hold: commands, near-misses, options, and awkward values.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "check",
            "export",
            "export-csv",
            "gen",
            "help",
            "chek",
            "exprot",
            "Check",
            "--out",
            "-o",
            "--width",
            "--height",
            "--scale",
            "--from",
            "--to",
            "--series",
            "--theme",
            "--no-events",
            "--points",
            "--events",
            "--seed",
            "--help",
            "-h",
            "--version",
            "-V",
            "--",
            "-",
            "0",
            "-1",
            "1",
            "2",
            "200",
            "8000",
            "8001",
            "4294967296",
            "99999999999999999999",
            "NaN",
            "inf",
            "-inf",
            "1e9",
            "0.5",
            "2.5",
            "2003-03-20",
            "2050-01-01",
            "1950-01-01",
            "2007-02-30",
            "light",
            "dark",
            "purple",
            "us-troops",
            "out.png",
            "out.csv",
            "out.ron",
            ".",
            "/",
            "",
            "assets/iraq.ron",
            "/dev/null",
            "/nonexistent/x.ron",
            "README.md",
        ])
        .prop_map(str::to_owned),
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    /// Any command line parses or is refused as clap refuses: with status 0 (help, version) or
    /// 2 (wrong usage); never a panic.
    #[test]
    fn random_command_lines_parse_or_are_refused_with_status_0_or_2(
        args in prop::collection::vec(token(), 0..8)
    ) {
        let argv = std::iter::once("troopline".to_owned()).chain(args);
        if let Err(error) = troopline::cli::parse(argv) {
            prop_assert!(matches!(error.exit_code(), 0 | 2), "{}", error);
            prop_assert!(!error.to_string().is_empty());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// The real program, on random arguments to the commands that need no window or graphics:
    /// status 0, 1 or 2, never a panic. It runs in an empty folder, where it may write files.
    #[test]
    fn random_commands_end_with_status_0_1_or_2(
        command in prop::sample::select(vec!["check", "gen", "export-csv"]),
        args in prop::collection::vec(token(), 0..6),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        // Relative dataset paths in the vocabulary point into the project.
        let args: Vec<String> = args
            .into_iter()
            .map(|a| if a == "assets/iraq.ron" { manifest.join(&a).display().to_string() } else { a })
            .collect();
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_troopline"))
            .arg(command)
            .args(&args)
            .current_dir(dir.path())
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        prop_assert!(matches!(output.status.code(), Some(0..=2)), "{command} {args:?}: {:?} {stderr}", output.status);
        prop_assert!(!stderr.contains("panicked"), "{command} {args:?}: {stderr}");
    }
}

#[test]
fn a_hundred_thousand_event_categories_are_indexed_once_each() {
    use troopline::chart::ChartModel;
    let mut text = String::from(
        "Dataset(format: 1, title: \"T\", deployments: [Deployment(id: \"t\", label: \"T\", points: [(date: \"2001-01-01\", troops: 1)])], events: [\n",
    );
    for i in 0..100_000u32 {
        let date = troopline::dataset::Date::from_x(f64::from(i % 20_000)).unwrap();
        text.push_str(&format!(
            "Event(date: \"{date}\", title: \"E\", category: \"c{}\"),\n",
            i % 100_000
        ));
    }
    // A repeated category maps to the one already seen.
    text.push_str("Event(date: \"2001-01-01\", title: \"E\", category: \"c7\"),\n])");
    let dataset = load_str(&text, "categories.ron").unwrap();
    let model = ChartModel::new(&dataset);
    assert_eq!(model.categories.len(), 100_000);
    for mark in &model.events {
        let event = &dataset.events[mark.index];
        assert_eq!(
            Some(model.categories[mark.category].name.as_str()),
            event.category.as_deref()
        );
    }
    assert_eq!(model.categories[7].name, "c7");
}

#[cfg(unix)]
#[test]
fn the_window_refuses_a_named_pipe_without_waiting_for_it() {
    use troopline::ui::{Origin, TrooplineApp, ViewState};
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.ron");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let app = TrooplineApp::new(
        troopline::dataset::builtin().unwrap(),
        Origin::Builtin,
        ViewState::default(),
    );
    let mut harness = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1000.0, 700.0))
        .build_ui_state(|ui, app: &mut TrooplineApp| app.show(ui), app);
    harness.run_steps(2);
    harness.state_mut().open_file(fifo);
    // A blocked open would keep it loading forever; bounded in frames, not time.
    for _ in 0..2_000 {
        if !harness.state().is_loading() {
            break;
        }
        harness.run_steps(1);
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(!harness.state().is_loading(), "still waiting for the pipe");
    harness.run_steps(2);
    let problems = harness.state().problems().expect("the pipe is refused");
    assert!(
        problems
            .error
            .to_string()
            .contains("it is a named pipe (FIFO), not a regular file"),
        "{}",
        problems.error
    );
    assert_eq!(harness.state().dataset().title, "US troops in Iraq");
}
