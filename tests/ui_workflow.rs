//! Working with dataset files in the window: open, live reload, the error panel, sources.

// Test helpers fail loudly by design: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use troopline::dataset::builtin;
use troopline::ui::{Origin, SideView, StateFile, Status, TrooplineApp, ViewState};

fn dataset_text(title: &str, troops: u32) -> String {
    format!(
        r#"Dataset(format: 1, title: "{title}",
    sources: [Source(id: "alpha", title: "Alpha report", publisher: "A", url: "https://example.org/a"),
              Source(id: "beta", title: "Beta report", publisher: "B"),
              Source(id: "gamma", title: "Gamma report", publisher: "C")],
    deployments: [Deployment(id: "t", label: "Troops", source: "alpha", points: [
        (date: "2001-01-01", troops: {troops}), (date: "2002-01-01", troops: 20, source: "beta")])],
    events: [Event(date: "2001-06-01", title: "Something", source: "gamma")])"#
    )
}

const BROKEN: &str = "Dataset(format: 1, title: \"Broken\",\n  deployments: [\n    Deployment(id: \"t\", label: \"T\", points: [(date: \"2001-13-01\", troops: 1)])])";

fn harness() -> Harness<'static, TrooplineApp> {
    let mut app = TrooplineApp::new(builtin().unwrap(), Origin::Builtin, ViewState::default());
    app.use_dialogs = false;
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut TrooplineApp| app.show(ui), app);
    harness.run_steps(2);
    harness
}

/// Runs frames until `done` holds (file watching is asynchronous), or fails after 10 s.
fn run_until(
    harness: &mut Harness<'_, TrooplineApp>,
    what: &str,
    done: impl Fn(&TrooplineApp) -> bool,
) {
    let start = Instant::now();
    while !done(harness.state()) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "timed out waiting for {what}"
        );
        harness.run_steps(1);
        std::thread::sleep(Duration::from_millis(20));
    }
    harness.run_steps(2);
}

fn open(harness: &mut Harness<'_, TrooplineApp>, path: &Path) {
    harness.state_mut().open_file(path.to_owned());
    harness.state_mut().wait_for_load(Duration::from_secs(10));
    harness.run_steps(2);
}

#[test]
fn an_invalid_file_keeps_the_valid_data_and_lists_its_problems() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, BROKEN).unwrap();
    let mut harness = harness();
    open(&mut harness, &bad);
    assert_eq!(
        harness.state().dataset().title,
        "US troops in Iraq",
        "the valid data stays"
    );
    assert!(harness.state().problems().is_some());
    harness.get_by_label_contains("bad.ron:3:");
    harness.get_by_label_contains("month 13 is not 1–12");
    harness.get_by_label_contains("showing the last valid version from");
}

#[test]
fn editing_the_watched_file_reloads_it_and_errors_clear_when_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.ron");
    std::fs::write(&path, dataset_text("First", 10)).unwrap();
    let mut harness = harness();
    open(&mut harness, &path);
    assert_eq!(harness.state().dataset().title, "First");
    assert_eq!(harness.state().origin(), &Origin::File(path.clone()));

    std::fs::write(&path, BROKEN).unwrap();
    run_until(&mut harness, "the broken reload", |app| {
        app.problems().is_some()
    });
    assert_eq!(
        harness.state().dataset().title,
        "First",
        "the last good data stays on screen"
    );

    std::fs::write(&path, dataset_text("Second", 30)).unwrap();
    run_until(&mut harness, "the fixed reload", |app| {
        app.dataset().title == "Second"
    });
    assert!(
        harness.state().problems().is_none(),
        "fixing the file clears the errors"
    );
    assert_eq!(
        harness.state().dataset().deployments[0].points[0].troops,
        30
    );

    std::fs::remove_file(&path).unwrap();
    run_until(&mut harness, "the deletion", |app| app.problems().is_some());
    harness.get_by_label_contains("cannot open the file");
    assert_eq!(harness.state().dataset().title, "Second");
}

#[test]
fn the_sources_panel_lists_every_source_and_only_web_links() {
    // Loading refuses links that are not http(s), so no file brings one; the panel must still
    // never offer one, whatever dataset it is given.
    let mut dataset =
        troopline::dataset::load_str(&dataset_text("Sources", 10), "sources.ron").unwrap();
    dataset.sources[1].url = Some("file:///etc/passwd".to_owned());
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(
            |ui, app: &mut TrooplineApp| app.show(ui),
            TrooplineApp::new(dataset, Origin::Builtin, ViewState::default()),
        );
    harness.run_steps(2);
    harness.state_mut().view.side_view = SideView::Sources;
    harness.run_steps(2);
    for id in ["alpha", "beta", "gamma"] {
        harness.get_by_label_contains(&format!("id: {id}"));
    }
    harness.get_by_label("https://example.org/a");
    assert!(
        harness
            .query_by_label_contains("file:///etc/passwd")
            .is_none(),
        "non-web links are not offered"
    );
    harness.get_by_label_contains("only http and https links are opened");
    assert_eq!(
        harness
            .get_all_by_label_contains("Cited by: Troops (1 point)")
            .count(),
        2
    );
}

#[test]
fn the_data_table_follows_the_chart_hover() {
    let mut harness = harness();
    harness.state_mut().view.side_view = SideView::Data;
    harness.run_steps(3);
    harness.get_by_label("Date");
    harness.get_by_label("170,000");
    // Sorting by troops, descending, puts the peak first.
    harness.get_by_label("Troops").click();
    harness.run_steps(2);
    harness.get_by_label("Troops (asc)").click();
    harness.run_steps(2);
    harness.get_by_label("Troops (desc)");
}

#[test]
fn the_view_is_saved_by_itself_and_the_next_run_opens_as_left() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state").join("state.ron");
    let mut harness = harness();
    harness
        .state_mut()
        .remember_state_in(StateFile::at(path.clone()), None);
    harness.get_by_label("Data").click();
    let cap = harness.state().dataset().deployments[1].clone();
    harness
        .get_all_by_role_and_label(egui::accesskit::Role::CheckBox, &cap.label)
        .next()
        .unwrap()
        .click();
    // Saving happens every few seconds of use, without any action (a step is 0.25 s).
    harness.run_steps(24);
    let saved = StateFile::at(path.clone()).load();
    assert_eq!(saved.view.side_view, SideView::Data);
    assert!(!saved.view.shows_series(&cap.id));
    assert!(saved.egui_memory().is_some(), "panel sizes are kept too");
    let leftovers = std::fs::read_dir(path.parent().unwrap()).unwrap().count();
    assert_eq!(leftovers, 1, "only the state file, no temporary files");

    // The next run starts from it: the data panel is open and the cap stays hidden.
    let app = TrooplineApp::new(builtin().unwrap(), Origin::Builtin, saved.view);
    let mut next = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut TrooplineApp| app.show(ui), app);
    next.run_steps(2);
    next.get_by_label("Date");
    assert!(!next.state().view.shows_series(&cap.id));
}

#[test]
fn a_state_file_that_cannot_be_written_is_reported_once_and_nothing_breaks() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness();
    // The state path is taken by a folder: the save must fail in words, not crash.
    harness
        .state_mut()
        .remember_state_in(StateFile::at(dir.path().to_owned()), None);
    harness.get_by_label("Sources").click();
    harness.run_steps(24);
    let Some(Status::Failed(message)) = harness.state().status().cloned() else {
        panic!("no failure shown: {:?}", harness.state().status());
    };
    assert!(
        message.contains("Could not remember the view") && message.contains("it is a folder"),
        "{message}"
    );
    harness.get_by_label_contains("Could not remember the view");
}
