//! The window's Export dialog and tables in the window, driven as a user would: clicks on
//! labelled widgets, files checked on disk.

// Test helpers fail loudly by design: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use troopline::dataset::{builtin, load_file};
use troopline::export::settings::{Format, SizePreset};
use troopline::ui::{Origin, Status, TrooplineApp, ViewState};

fn harness(folder: &Path) -> Harness<'static, TrooplineApp> {
    let mut app = TrooplineApp::new(builtin().unwrap(), Origin::Builtin, ViewState::default());
    app.set_export_target(Some(folder.to_owned()), false);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut TrooplineApp| app.show(ui), app);
    harness.run_steps(2);
    harness
}

fn files_with_extension(folder: &Path, extension: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == extension))
        .collect();
    found.sort();
    found
}

fn status_text(harness: &Harness<'_, TrooplineApp>) -> String {
    match harness.state().status() {
        Some(Status::Done { message, .. }) => message.clone(),
        other => panic!("expected a success, got {other:?}"),
    }
}

/// The texts of an SVG's `<text>` elements, and the root's width and height attributes.
fn svg_texts(svg: &str) -> (Vec<String>, String, String) {
    let document = roxmltree::Document::parse(svg).unwrap();
    let root = document.root_element();
    let texts = document
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| {
            n.descendants()
                .filter(|t| t.is_text())
                .filter_map(|t| t.text())
                .collect::<String>()
        })
        .collect();
    (
        texts,
        root.attribute("width").unwrap_or_default().to_owned(),
        root.attribute("height").unwrap_or_default().to_owned(),
    )
}

#[test]
fn the_export_dialog_saves_an_svg_at_the_chosen_preset_and_remembers_the_choice() {
    let folder = tempfile::tempdir().unwrap();
    let mut harness = harness(folder.path());
    harness.get_by_label("Export…").click();
    // A window is measured in its first frame and shown from the next ones.
    harness.run_steps(4);
    harness.get_by_label("SVG").click();
    harness.run_steps(1);
    harness.get_by_label("Web (1200 × 675)").click();
    harness.run_steps(1);
    // PNG's scale choice is gone for a vector format.
    assert!(harness.query_by_label("2×").is_none());
    harness.get_by_label("Save…").click();
    harness.run_steps(3);

    let saved = files_with_extension(folder.path(), "svg");
    assert_eq!(saved.len(), 1, "{saved:?}");
    assert!(
        status_text(&harness).contains("Saved"),
        "{}",
        status_text(&harness)
    );
    let svg = std::fs::read_to_string(&saved[0]).unwrap();
    let (texts, width, height) = svg_texts(&svg);
    assert!(
        width.starts_with("1200") && height.starts_with("675"),
        "{width} × {height}"
    );
    let title = builtin().unwrap().title;
    assert!(
        texts.iter().any(|t| t.contains(&title)),
        "{title} in {texts:?}"
    );
    for year in ["2005", "2010", "2020"] {
        assert!(
            texts.iter().any(|t| t.trim() == year),
            "{year} in {texts:?}"
        );
    }
    assert!(!svg.contains("<image"), "no embedded raster");

    // The dialog closed, and remembers SVG at the web size for next time.
    assert!(harness.query_by_label("Save…").is_none());
    let choices = harness.state_mut().export_choices_mut().clone();
    assert_eq!(choices.format, Format::Svg);
    assert_eq!(choices.preset, SizePreset::Web);
}

#[test]
fn the_export_dialog_saves_a_pdf_and_cancel_saves_nothing() {
    let folder = tempfile::tempdir().unwrap();
    let mut harness = harness(folder.path());
    harness.get_by_label("Export…").click();
    harness.run_steps(4);
    harness.get_by_label("Cancel").click();
    harness.run_steps(2);
    assert!(std::fs::read_dir(folder.path()).unwrap().next().is_none());

    harness.get_by_label("Export…").click();
    harness.run_steps(4);
    harness.get_by_label("PDF").click();
    harness.get_by_label("A4 landscape (print)").click();
    harness.run_steps(1);
    harness.get_by_label("Save…").click();
    harness.run_steps(3);
    let saved = files_with_extension(folder.path(), "pdf");
    assert_eq!(saved.len(), 1, "{saved:?}");
    let pdf = std::fs::read(&saved[0]).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let text = pdf_extract::extract_text_from_mem(&pdf).unwrap();
    let squeezed: String = text.split_whitespace().collect();
    assert!(squeezed.contains("2010"), "{text}");
}

const WIDE_CSV: &str = "date,Germany,Japan\n1990,\"227,586\",\"46,593\"\n2000,\"69,203\",\"40,159\"\n2010,\"54,431\",\"35,688\"\n";

#[test]
fn a_table_opens_in_the_window_and_saves_as_a_dataset_beside_it_without_overwriting() {
    let folder = tempfile::tempdir().unwrap();
    let table = folder.path().join("bases.csv");
    std::fs::write(&table, WIDE_CSV).unwrap();
    let mut harness = harness(folder.path());
    assert!(harness.query_by_label("Save as dataset…").is_none());

    harness.state_mut().open_file(table.clone());
    // A table opens through the import dialog: what it guessed is fine, so Open.
    harness.run_steps(6);
    harness.get_by_label("Open").click();
    harness.run_steps(2);
    harness.state_mut().wait_for_load(Duration::from_secs(10));
    harness.run_steps(2);
    let shown = harness.state().dataset().clone();
    assert_eq!(shown.deployments.len(), 2);
    assert_eq!(shown.deployments[0].label, "Germany");
    assert_eq!(shown.deployments[0].points[0].troops, Some(227_586));
    assert_eq!(harness.state().origin(), &Origin::File(table));

    // The export target folder is where a dataset goes without a dialog, too.
    harness.get_by_label("Save as dataset…").click();
    harness.run_steps(2);
    let first = folder.path().join("bases.ron");
    let saved = load_file(&first).unwrap();
    assert_eq!(saved.deployments.len(), 2);
    assert_eq!(saved.deployments[1].points, shown.deployments[1].points);
    assert!(status_text(&harness).contains("bases.ron"));

    harness.get_by_label("Save as dataset…").click();
    harness.run_steps(2);
    assert!(folder.path().join("bases-2.ron").is_file());
    assert_eq!(load_file(&first).unwrap(), saved, "the first file is kept");
}

#[test]
fn a_spreadsheet_the_window_cannot_read_keeps_the_chart_and_says_where() {
    let folder = tempfile::tempdir().unwrap();
    let table = folder.path().join("bad.csv");
    std::fs::write(&table, "date,Troops\n2001,100\n2002,17O000\n").unwrap();
    let mut harness = harness(folder.path());
    let before = harness.state().dataset().clone();
    harness.state_mut().open_file(table);
    harness.run_steps(6);
    // The import dialog names the cell as a spreadsheet user looks for it, and cannot open.
    harness.get_by_label_contains("Row 3, column B: \"17O000\" is not a number");
    harness.get_by_label("Open").click();
    harness.run_steps(2);
    assert!(harness.state().import_dialog().is_some());
    harness.get_by_label("Cancel").click();
    harness.run_steps(2);
    assert!(harness.state().import_dialog().is_none());
    assert_eq!(harness.state().dataset(), &before);
}
