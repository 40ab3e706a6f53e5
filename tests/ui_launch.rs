//! A file that cannot be opened at launch still opens the window: its problems are listed over
//! the built-in data, and it opens by itself once fixed (issue #24, "never a dead end").

// Test helpers fail loudly by design: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use troopline::dataset::{TableOptions, builtin, load_path};
use troopline::ui::{Origin, TrooplineApp, ViewState};

#[test]
fn an_invalid_table_at_launch_shows_the_window_with_its_problems() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("troops.csv");
    std::fs::write(&bad, "date,Germany\n2019-01-01,35000\n2020-01-01,lots\n").unwrap();
    let error = load_path(&bad, &TableOptions::default()).unwrap_err();
    let mut app = TrooplineApp::new(builtin().unwrap(), Origin::Builtin, ViewState::default())
        .with_launch_problems(error, bad.clone());
    app.set_export_target(None, false);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut TrooplineApp| app.show(ui), app);
    harness.run_steps(2);
    assert!(harness.state().problems().is_some());
    harness.get_by_label_contains("troops.csv:3:2");
    harness.get_by_label_contains("\"lots\" is not a number");
    harness.get_by_label_contains("could not be opened (1 problem); still showing");
    assert_eq!(harness.state().dataset().title, "US troops in Iraq");

    // Fixed and saved: it opens by itself.
    std::fs::write(&bad, "date,Germany\n2019-01-01,35000\n2020-01-01,34500\n").unwrap();
    let start = Instant::now();
    while harness.state().dataset().title != "troops" {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the fixed file did not open"
        );
        harness.run_steps(1);
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(harness.state().problems().is_none());
}
