//! The import dialog, driven as a user would (issue #24): open a table, see its first rows and
//! problems in spreadsheet terms, pick the sheet, change a column's role and see the preview
//! change, open it, and have the choices remembered for the next time.

// Test helpers fail loudly by design: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use troopline::dataset::builtin;
use troopline::ui::{Origin, TrooplineApp, ViewState};

fn fixture(name: &str, dir: &Path) -> PathBuf {
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tables")
        .join(name);
    let to = dir.join(name);
    std::fs::copy(from, &to).unwrap();
    to
}

fn window(view: ViewState) -> Harness<'static, TrooplineApp> {
    let mut app = TrooplineApp::new(builtin().unwrap(), Origin::Builtin, view);
    app.set_export_target(None, false);
    Harness::builder()
        .with_size(egui::vec2(1280.0, 1000.0))
        .build_ui_state(|ui, app: &mut TrooplineApp| app.show(ui), app)
}

/// Frames until the layout holds still: the dialog sizes itself, re-centres and widens its
/// grid over several frames after its content changes, and a click lands where the last frame
/// drew.
fn settle(harness: &mut Harness<'static, TrooplineApp>) {
    let mut last: Option<Vec<String>> = None;
    for _ in 0..40 {
        harness.run_steps(1);
        // Every node's box, gathered by a filter that matches none.
        let boxes = std::cell::RefCell::new(Vec::new());
        let _ = harness
            .query_all(egui_kittest::kittest::By::new().predicate(|node| {
                boxes
                    .borrow_mut()
                    .push(format!("{:?}", node.bounding_box()));
                false
            }))
            .count();
        let now = boxes.into_inner();
        if last.as_ref() == Some(&now) {
            return;
        }
        last = Some(now);
    }
}

fn until_opened(harness: &mut Harness<'static, TrooplineApp>, path: &Path) {
    let start = Instant::now();
    while harness.state().origin() != &Origin::File(path.to_owned()) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{path:?} did not open"
        );
        harness.state_mut().wait_for_load(Duration::from_millis(50));
        harness.run_steps(1);
    }
}

fn series_labels(harness: &Harness<'static, TrooplineApp>) -> Vec<String> {
    let dialog = harness.state().import_dialog().expect("the dialog is open");
    let dataset = dialog.previewed().expect("the table reads");
    dataset
        .deployments
        .iter()
        .map(|d| d.label.clone())
        .collect()
}

#[test]
fn pick_the_sheet_change_a_role_see_the_preview_and_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture("notes-first.xlsx", dir.path());
    let mut harness = window(ViewState::default());
    harness.state_mut().open_file(path.clone());
    settle(&mut harness);

    // The dialog shows the first sheet as read, and why it cannot be charted.
    assert!(harness.state().import_dialog().is_some());
    harness.get_by_label("Import notes-first.xlsx");
    harness.get_by_label_contains("Sheet \"Notes\", cell A2: \"Updated\" is not a number");
    assert!(
        harness
            .state()
            .import_dialog()
            .unwrap()
            .previewed()
            .is_none()
    );
    // Open does nothing while the table has problems.
    harness.get_by_label("Open").click();
    settle(&mut harness);
    assert!(
        harness.state().import_dialog().is_some(),
        "{:?}",
        harness.state().status()
    );

    // Pick the sheet with the data: the preview now lists its series.
    harness.get_by_label("Sheet").click();
    settle(&mut harness);
    // The toolbar has a "Data" button too: the sheet is the one in the open list.
    harness.get_all_by_label("Data").last().unwrap().click();
    settle(&mut harness);
    assert_eq!(series_labels(&harness), ["Germany", "Japan"]);
    harness.get_by_label_contains("2 troop-level series (Germany, Japan)");

    // Leave Japan out: the preview follows.
    harness.get_by_label("Role of column C (Japan)").click();
    settle(&mut harness);
    harness.get_by_label("Ignore").click();
    settle(&mut harness);
    assert_eq!(series_labels(&harness), ["Germany"]);
    let options = harness.state().import_dialog().unwrap().options.clone();
    assert_eq!(options.sheet.as_deref(), Some("Data"));
    assert_eq!(options.ignore, ["Japan"]);
    // The same choices, as a command line.
    harness.get_by_label_contains("--sheet Data --ignore Japan");

    // Open: the chart shows the table as chosen, and the choices are remembered.
    harness.get_by_label("Open").click();
    settle(&mut harness);
    assert!(harness.state().import_dialog().is_none());
    until_opened(&mut harness, &path);
    let labels: Vec<&str> = harness
        .state()
        .dataset()
        .deployments
        .iter()
        .map(|d| d.label.as_str())
        .collect();
    assert_eq!(labels, ["Germany"]);
    assert_eq!(harness.state().view().choices_for(&path), Some(&options));

    // Opened again (Recent, drop): read as remembered, without asking.
    let remembered = harness.state().view().clone();
    let mut again = window(remembered);
    again.state_mut().open_file(path.clone());
    settle(&mut again);
    assert!(again.state().import_dialog().is_none());
    until_opened(&mut again, &path);
    assert_eq!(again.state().dataset().deployments.len(), 1);

    // "Import settings…" reopens the dialog with those choices.
    again.get_by_label("Import settings…").click();
    settle(&mut again);
    let dialog = again.state().import_dialog().expect("the dialog reopens");
    assert_eq!(dialog.options, options);
}

#[test]
fn a_danish_table_is_fixed_in_the_dialog_and_keys_work() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tropper.csv");
    // 01-02-2009 and 03-04-2009 could be either order: the reader asks.
    std::fs::write(
        &path,
        "Dato;Tropper\n01-02-2009;\"1.500\"\n03-04-2009;\"2.500\"\n",
    )
    .unwrap();
    let mut harness = window(ViewState::default());
    harness.state_mut().open_file(path.clone());
    settle(&mut harness);
    harness.get_by_label_contains("(here: choose how Dates like 03/04/2009 read)");

    harness.get_by_label("Dates like 03/04/2009").click();
    settle(&mut harness);
    harness.get_by_label("Day first: 3 April 2009").click();
    settle(&mut harness);
    let dialog = harness.state().import_dialog().unwrap();
    let dataset = dialog.previewed().expect("read with the day first");
    let first = &dataset.deployments[0].points[0];
    assert_eq!(first.date.to_string(), "2009-02-01");
    assert_eq!(first.troops, Some(1500));

    // Enter opens, as the default button.
    harness.key_press(Key::Enter);
    settle(&mut harness);
    until_opened(&mut harness, &path);
    assert_eq!(harness.state().dataset().deployments[0].points.len(), 2);

    // Enter on a focused Cancel cancels: Enter opens only when nothing else takes it.
    harness.get_by_label("Import settings…").click();
    settle(&mut harness);
    harness.get_by_label("Cancel").focus();
    settle(&mut harness);
    harness.key_press(Key::Enter);
    settle(&mut harness);
    assert!(harness.state().import_dialog().is_none());
    assert!(
        matches!(
            harness.state().status(),
            Some(troopline::ui::Status::Done { message, .. }) if message.starts_with("Import cancelled")
        ),
        "{:?}",
        harness.state().status()
    );

    // Escape cancels and leaves the chart as it was.
    harness.get_by_label("Import settings…").click();
    settle(&mut harness);
    assert!(harness.state().import_dialog().is_some());
    harness.key_press(Key::Escape);
    settle(&mut harness);
    assert!(harness.state().import_dialog().is_none());
    assert_eq!(harness.state().origin(), &Origin::File(path));
}

#[test]
fn a_panel_lists_its_entities_to_tick_and_a_series_is_renamed() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture("panel.csv", dir.path());
    let mut harness = window(ViewState::default());
    harness.state_mut().open_file(path);
    settle(&mut harness);
    assert_eq!(
        series_labels(&harness),
        ["Germany", "Japan", "South Korea", "Italy"]
    );
    // Untick Italy: the others stay, in the order of their peaks.
    harness.get_by_label("Italy (11,841)").click();
    settle(&mut harness);
    assert_eq!(series_labels(&harness), ["Germany", "Japan", "South Korea"]);
    harness.get_by_label_contains("--only Germany Japan 'South Korea'");
    harness.get_by_label("Use the suggestion").click();
    settle(&mut harness);
    assert_eq!(series_labels(&harness).len(), 4);

    // A wide table's series take the name typed for their column.
    let wide = fixture("wide.csv", dir.path());
    let mut harness = window(ViewState::default());
    harness.state_mut().open_file(wide);
    settle(&mut harness);
    harness
        .get_by_label("Series name of column C (Japan)")
        .click();
    harness.run_steps(1);
    harness
        .get_by_label("Series name of column C (Japan)")
        .type_text("Japan (USFJ)");
    settle(&mut harness);
    assert_eq!(
        series_labels(&harness),
        ["Germany", "Japan (USFJ)", "South Korea"]
    );
    harness.get_by_label_contains("--name 'Japan=Japan (USFJ)'");
}

#[test]
fn a_big_table_is_read_for_the_preview_without_blocking_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.csv");
    let mut text = String::from("date,Germany,Japan\n");
    let start = troopline::dataset::Date::parse("1000-01-01")
        .unwrap()
        .to_x();
    let mut rows = 0;
    while text.len() <= troopline::ui::import_dialog::BACKGROUND_BYTES {
        let date = troopline::dataset::Date::from_x(start + f64::from(rows)).unwrap();
        text.push_str(&format!(
            "{date},{},{}\n",
            30_000 + rows % 7,
            50_000 + rows % 11
        ));
        rows += 1;
    }
    std::fs::write(&path, &text).unwrap();
    let mut harness = window(ViewState::default());
    harness.state_mut().open_file(path);
    harness.run_steps(1);
    // The frame came back before the reading finished; the preview follows.
    let start = Instant::now();
    loop {
        let ready = harness
            .state()
            .import_dialog()
            .is_some_and(|dialog| dialog.is_current());
        if ready {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(30), "no preview");
        std::thread::sleep(Duration::from_millis(20));
        harness.run_steps(1);
    }
    let dataset = harness
        .state()
        .import_dialog()
        .unwrap()
        .previewed()
        .unwrap()
        .clone();
    assert_eq!(dataset.deployments.len(), 2);
    assert_eq!(dataset.deployments[0].points.len(), rows as usize);
}

#[test]
fn a_named_pipe_called_csv_is_refused_without_blocking_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("feed.csv");
    let made = std::process::Command::new("mkfifo")
        .arg(&pipe)
        .status()
        .unwrap();
    assert!(made.success());
    let mut harness = window(ViewState::default());
    harness.state_mut().open_file(pipe);
    settle(&mut harness);
    harness.get_by_label_contains("named pipe");
    assert!(
        harness
            .state()
            .import_dialog()
            .unwrap()
            .previewed()
            .is_none()
    );
}
