//! A session in the window: restarting where the user left off, switching datasets, and a
//! status line that says what really happened.

// Test helpers fail loudly by design: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::time::Duration;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use troopline::dataset::{Date, builtin};
use troopline::ui::{Action, Origin, StateFile, Status, TrooplineApp, ViewState};

const OTHER: &str = r#"Dataset(format: 1, title: "Vietnam",
    deployments: [Deployment(id: "v", label: "Troops", points: [
        (date: "1960-01-01", troops: 900), (date: "1968-06-30", troops: 536000), (date: "1973-03-29", troops: 0)])],
    casualties: [Casualties(id: "d", label: "Deaths", periods: [
        (from: "1965-01-01", to: "1965-12-31", count: 1928), (from: "1966-01-01", to: "1966-12-31", count: 6350)])])"#;

fn x(date: &str) -> f64 {
    Date::parse(date).unwrap().to_x()
}

fn harness(app: TrooplineApp) -> Harness<'static, TrooplineApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut TrooplineApp| app.show(ui), app);
    harness.run_steps(3);
    harness
}

fn app(view: ViewState) -> TrooplineApp {
    let mut app = TrooplineApp::new(builtin().unwrap(), Origin::Builtin, view);
    app.set_export_target(None, false);
    app
}

fn drawn_range(harness: &Harness<'_, TrooplineApp>) -> (f64, f64) {
    let range = harness.state().last_chart().range.unwrap();
    (range.from(), range.to())
}

/// Every plot maps the same dates to the same screen x.
fn assert_aligned(harness: &Harness<'_, TrooplineApp>) {
    let chart = harness.state().last_chart();
    let troops = chart.troops_transform.unwrap();
    assert!(!chart.casualty_transforms.is_empty());
    let (from, to) = drawn_range(harness);
    for (_, plot) in &chart.casualty_transforms {
        for day in [from, (from + to) / 2.0, to] {
            let (a, b) = (
                troops.position_from_point_x(day),
                plot.position_from_point_x(day),
            );
            assert!((a - b).abs() < 0.01, "{a} vs {b}");
        }
    }
}

fn open(harness: &mut Harness<'_, TrooplineApp>, path: &Path) {
    harness.state_mut().open_file(path.to_owned());
    harness.state_mut().wait_for_load(Duration::from_secs(10));
    harness.run_steps(3);
}

#[test]
fn a_restart_reopens_the_zoomed_range_with_every_plot_aligned() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.ron");
    let mut first = harness(app(ViewState::default()));
    first
        .state_mut()
        .remember_state_in(StateFile::at(state.clone()), None);
    for _ in 0..3 {
        first.key_press(egui::Key::Plus);
        first.run_steps(1);
    }
    first.key_press(egui::Key::ArrowRight);
    first.run_steps(2);
    let zoomed = drawn_range(&first);
    let ctx = first.ctx.clone();
    first.state_mut().save_state(&ctx).unwrap();
    drop(first);

    let saved = StateFile::at(state).load();
    let mut second = harness(app(saved.view));
    let restored = drawn_range(&second);
    assert!((restored.0 - zoomed.0).abs() < 1e-6 && (restored.1 - zoomed.1).abs() < 1e-6);
    assert_aligned(&second);
    // Exports of that state draw the same range too.
    second.run_steps(2);
    assert_aligned(&second);
}

#[test]
fn each_dataset_opens_at_its_own_range() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("vietnam.ron");
    std::fs::write(&other, OTHER).unwrap();
    let mut harness = harness(app(ViewState::default()));
    harness
        .state_mut()
        .view_mut()
        .request_range(x("2007-01-01"), x("2009-01-01"));
    harness.run_steps(2);
    open(&mut harness, &other);
    assert_eq!(harness.state().dataset().title, "Vietnam");
    let (from, to) = drawn_range(&harness);
    assert!(
        from < x("1960-01-01") && to > x("1973-03-29"),
        "a new dataset shows all of it"
    );
    assert_aligned(&harness);
    let status = harness.state().status().unwrap().message().to_owned();
    assert!(
        status.starts_with("Opened ") && status.contains("vietnam.ron"),
        "{status}"
    );

    let ctx = harness.ctx.clone();
    harness.state_mut().perform(&ctx, Action::OpenBuiltin);
    harness.run_steps(2);
    let (from, to) = drawn_range(&harness);
    assert!((from - x("2007-01-01")).abs() < 1e-6 && (to - x("2009-01-01")).abs() < 1e-6);
    let status = harness.state().status().unwrap().message().to_owned();
    assert!(
        status.contains("Built-in") && !status.contains("vietnam"),
        "{status}"
    );
    assert_aligned(&harness);
}

#[test]
fn the_status_line_says_what_happened() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(app(ViewState::default()));

    harness
        .state_mut()
        .open_file(dir.path().join("missing.ron"));
    harness.run_steps(2);
    let Some(Status::Failed(message)) = harness.state().status().cloned() else {
        panic!("{:?}", harness.state().status());
    };
    assert!(
        message.starts_with("No such file: ") && !message.contains("valid version"),
        "{message}"
    );
    assert!(
        harness.state().problems().is_none(),
        "no problem list for a missing file"
    );

    let picture = dir.path().join("chart.png");
    std::fs::write(&picture, [0x89, b'P', b'N', b'G']).unwrap();
    harness.state_mut().open_file(picture);
    harness.run_steps(2);
    let message = harness.state().status().unwrap().message().to_owned();
    assert!(
        message.contains("is not a file troopline can open")
            && message.contains(".ron dataset or a table")
            && !message.contains("UTF-8"),
        "{message}"
    );
    harness.get_by_label_contains("is not a file troopline can open");

    // A valid file replaces the error, and says "Opened", not "Reloaded".
    let other = dir.path().join("vietnam.ron");
    std::fs::write(&other, OTHER).unwrap();
    open(&mut harness, &other);
    let message = harness.state().status().unwrap().message().to_owned();
    assert!(message.starts_with("Opened "), "{message}");
}

#[test]
fn the_side_panel_folds_away_with_a_key_and_stays_folded() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.ron");
    let mut harness = harness(app(ViewState::default()));
    harness
        .state_mut()
        .remember_state_in(StateFile::at(state.clone()), None);
    let wide = harness
        .state()
        .last_chart()
        .troops_transform
        .unwrap()
        .frame()
        .width();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::B);
    harness.run_steps(3);
    assert!(!harness.state().view().controls_open);
    let wider = harness
        .state()
        .last_chart()
        .troops_transform
        .unwrap()
        .frame()
        .width();
    assert!(wider > wide + 150.0, "{wide} -> {wider}");
    let ctx = harness.ctx.clone();
    harness.state_mut().save_state(&ctx).unwrap();
    assert!(!StateFile::at(state).load().view.controls_open);
}
