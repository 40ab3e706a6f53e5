//! Working with dataset files in the window: open, live reload, the error panel, sources, and
//! the data table.

// Test helpers fail loudly by design: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use troopline::dataset::{Dataset, Date, Deployment, Point, builtin};
use troopline::ui::{Hovered, Origin, SideView, StateFile, Status, TrooplineApp, ViewState};

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
    app.set_export_target(None, false);
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
    harness.get_by_label_contains("could not be opened (1 problem); still showing");
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
        Some(30)
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
    harness.state_mut().view_mut().side_view = SideView::Sources;
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

/// The text of every cell in the column under `header`, top to bottom, with its rect. A cell
/// belongs to the column when its edge lines up with the header's (left edges, or right edges
/// for right-aligned numbers), so a misaligned header finds no cells.
fn column(
    harness: &Harness<'_, TrooplineApp>,
    header: &str,
    right_aligned: bool,
) -> Vec<(String, egui::Rect)> {
    let head = harness.get_by_label(header).rect();
    let edge = |r: egui::Rect| if right_aligned { r.right() } else { r.left() };
    let mut cells: Vec<(String, egui::Rect)> = harness
        .get_all_by_role(egui::accesskit::Role::Label)
        .filter(|node| {
            let rect = node.rect();
            rect.top() >= head.bottom() && (edge(rect) - edge(head)).abs() < 0.5
        })
        .map(|node| (node.value().unwrap_or_default(), node.rect()))
        .collect();
    cells.sort_by(|a, b| a.1.top().total_cmp(&b.1.top()));
    cells
}

/// Screen position of point `index` of the first series in the troop plot.
fn chart_point(harness: &Harness<'_, TrooplineApp>, index: usize) -> egui::Pos2 {
    let point = &harness.state().dataset().deployments[0].points[index];
    let transform = harness.state().last_chart().troops_transform.unwrap();
    transform.position_from_point(&egui_plot::PlotPoint::new(
        point.date.to_x(),
        f64::from(point.troops.unwrap_or(0)),
    ))
}

#[test]
fn the_data_table_follows_the_chart_hover() {
    let mut harness = harness();
    harness.state_mut().view_mut().side_view = SideView::Data;
    harness.run_steps(3);
    let points = harness.state().dataset().deployments[0].points.clone();
    let dates = column(&harness, "Date", false);
    assert!(dates.len() > 10, "{dates:?}");
    for (i, (date, _)) in dates.iter().take(10).enumerate() {
        assert_eq!(date, &points[i].date.to_string(), "file order");
    }
    assert!(
        !dates
            .iter()
            .any(|(d, _)| d == &points[points.len() - 1].date.to_string()),
        "the last row is below the fold"
    );

    // Hovering the last point in the chart scrolls its row into view.
    let last = points.len() - 1;
    harness.hover_at(chart_point(&harness, last));
    harness.run_steps(4);
    let Some(Hovered::Point { series: 0, index }) = harness.state().last_chart().hovered else {
        panic!(
            "no point hovered: {:?}",
            harness.state().last_chart().hovered
        );
    };
    let date = points[index].date.to_string();
    let shown = column(&harness, "Date", false);
    let row = shown.iter().find(|(d, _)| d == &date);
    let panel = harness.get_by_label("Date").rect();
    assert!(
        row.is_some_and(|(_, rect)| rect.bottom() <= 800.0 && rect.top() > panel.bottom()),
        "row {index} ({date}) not on screen: {shown:?}"
    );

    // Hovering a row marks its figure in the chart.
    let (_, rect) = row.unwrap().clone();
    harness.hover_at(rect.center());
    harness.run_steps(2);
    assert_eq!(
        harness.state().view().marked,
        Some(Hovered::Point { series: 0, index })
    );

    // Sorting by troops, descending, puts the peak first.
    harness.get_by_label("Troops").click();
    harness.run_steps(2);
    harness.get_by_label("Troops (asc)").click();
    harness.run_steps(2);
    let troops = column(&harness, "Troops (desc)", true);
    assert_eq!(troops[0].0, "170,000", "{troops:?}");
}

/// A one-series dataset of `rows` daily points whose troop counts jump about.
fn big_dataset(rows: usize) -> Dataset {
    let start = Date::from_ymd(1950, 1, 1).unwrap().to_x();
    let points = (0..rows)
        .map(|i| Point {
            date: Date::from_x(start + i as f64).unwrap(),
            troops: Some(big_troops(i)),
            low: None,
            high: None,
            source: None,
            note: (i % 2 == 0)
                .then(|| format!("Note {i}: a long remark about where the count comes from")),
            extra: None,
        })
        .collect();
    Dataset {
        format: 1,
        title: "Big".into(),
        subtitle: None,
        notes: None,
        views: Vec::new(),
        sources: Vec::new(),
        deployments: vec![Deployment {
            id: "big".into(),
            label: "Big".into(),
            description: None,
            measure: None,
            source: None,
            line: Default::default(),
            points,
        }],
        casualties: Vec::new(),
        events: Vec::new(),
    }
}

fn big_troops(i: usize) -> u32 {
    u32::try_from(i * 7919 % 200_003).unwrap()
}

/// The rows on screen as (date, troops, note), read across by their cells' heights.
fn visible_rows(harness: &Harness<'_, TrooplineApp>, troops_header: &str) -> Vec<[String; 3]> {
    let dates = column(harness, "Date", false);
    let troops = column(harness, troops_header, true);
    let notes = column(harness, "Note", false);
    let at = |cells: &[(String, egui::Rect)], rect: egui::Rect| {
        cells
            .iter()
            .find(|(_, r)| (r.center().y - rect.center().y).abs() < 0.5)
            .map(|(text, _)| text.clone())
            .unwrap_or_default()
    };
    dates
        .iter()
        .map(|(date, rect)| [date.clone(), at(&troops, *rect), at(&notes, *rect)])
        .collect()
}

#[test]
fn a_20000_row_table_scrolls_sorts_and_shows_the_right_rows() {
    const ROWS: usize = 20_000;
    let data = big_dataset(ROWS);
    let view = ViewState {
        side_view: SideView::Data,
        ..ViewState::default()
    };
    let mut app = TrooplineApp::new(data.clone(), Origin::Builtin, view);
    app.set_export_target(None, false);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut TrooplineApp| app.show(ui), app);
    harness.run_steps(3);
    harness.get_by_label("20,000 rows");
    let expected = |i: usize| {
        let p = &data.deployments[0].points[i];
        let troops = troopline::chart::format::thousands(u64::from(p.troops.unwrap()));
        [
            p.date.to_string(),
            troops,
            p.note.clone().unwrap_or_default(),
        ]
    };
    let first = |rows: &[[String; 3]]| {
        data.deployments[0]
            .points
            .iter()
            .position(|p| p.date.to_string() == rows[0][0])
            .unwrap()
    };

    // Only the rows on screen are laid out, and each reads as its point.
    let rows = visible_rows(&harness, "Troops");
    assert!(
        (20..60).contains(&rows.len()),
        "{} rows laid out",
        rows.len()
    );
    for (i, row) in rows.iter().enumerate() {
        assert_eq!(row, &expected(i));
    }

    // Scrolling moves on to later rows, still one per point in file order.
    harness.hover_at(harness.get_by_label(&rows[3][0]).rect().center());
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, -2_000.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: egui::Modifiers::NONE,
    });
    harness.run_steps(20);
    let rows = visible_rows(&harness, "Troops");
    let start = first(&rows);
    assert!(start >= 50, "scrolled 2000 points, first row is {start}");
    for (offset, row) in rows.iter().enumerate() {
        assert_eq!(row, &expected(start + offset));
    }

    // The chart's hover near the end brings its row into view.
    harness.hover_at(chart_point(&harness, ROWS - 5));
    harness.run_steps(4);
    let Some(Hovered::Point { index, .. }) = harness.state().last_chart().hovered else {
        panic!("no point hovered");
    };
    assert!(index > ROWS - 1_000, "hovered {index}");
    let rows = visible_rows(&harness, "Troops");
    assert!(
        rows.iter().any(|row| row == &expected(index)),
        "{index} not in {rows:?}"
    );

    // Sorting descending by troops: the largest counts first, then in order, for all rows.
    harness.hover_at(egui::pos2(10.0, 790.0));
    harness.get_by_label("Troops").click();
    harness.run_steps(2);
    harness.get_by_label("Troops (asc)").click();
    harness.run_steps(2);
    let mut order: Vec<usize> = (0..ROWS).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(big_troops(i)));
    let rows = visible_rows(&harness, "Troops (desc)");
    let start = first(&rows);
    let at = order.iter().position(|&i| i == start).unwrap();
    for (offset, row) in rows.iter().enumerate() {
        assert_eq!(row, &expected(order[at + offset]));
    }
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
    assert!(!next.state().view().shows_series(&cap.id));
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
