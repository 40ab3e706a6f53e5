//! The chart window, driven headlessly with egui_kittest: hover points and events, toggle
//! series, click events, read the date axis.

// Test helpers fail loudly by design: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use egui::epaint::Shape;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use egui_plot::PlotPoint;
use troopline::dataset::{Date, builtin, load_str};
use troopline::ui::{Hovered, Origin, TrooplineApp, ViewState};

fn app() -> TrooplineApp {
    let mut app = TrooplineApp::new(builtin().unwrap(), Origin::Builtin, ViewState::default());
    app.set_export_target(None, false);
    app
}

fn harness(app: TrooplineApp) -> Harness<'static, TrooplineApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut TrooplineApp| app.show(ui), app);
    harness.run_steps(4);
    harness
}

fn x(date: &str) -> f64 {
    Date::parse(date).unwrap().to_x()
}

/// Screen position of a data point in the troop plot.
fn screen_of(harness: &Harness<'_, TrooplineApp>, date: &str, value: f64) -> egui::Pos2 {
    let transform = harness
        .state()
        .last_chart()
        .troops_transform
        .expect("troop plot drawn");
    transform.position_from_point(&PlotPoint::new(x(date), value))
}

#[test]
fn hovering_a_point_shows_its_date_value_and_source() {
    let mut harness = harness(app());
    let pos = screen_of(&harness, "2007-10-15", 170_000.0);
    harness.hover_at(pos + egui::vec2(2.0, -1.0));
    harness.run_steps(3);
    assert!(matches!(
        harness.state().last_chart().hovered,
        Some(Hovered::Point { series: 0, .. })
    ));
    harness.get_by_label("Oct 2007");
    harness.get_by_label("170,000 troops");
    harness.get_by_label_contains("Source: ");
    harness.get_by_label_contains("Other estimates, not part of the range:");
}

#[test]
fn hovering_an_event_line_shows_its_title() {
    let mut harness = harness(app());
    // Zoomed to 2003, where the invasion has a line of its own.
    harness
        .state_mut()
        .view_mut()
        .request_range(x("2002-11-01"), x("2003-12-31"));
    harness.run_steps(3);
    let transform = harness.state().last_chart().troops_transform.unwrap();
    // The invasion line, halfway down the plot where no data point is near.
    let top = transform.frame().top();
    let bottom = transform.frame().bottom();
    let pos = egui::pos2(
        transform.position_from_point_x(x("2003-03-20")),
        (top + bottom) / 2.0,
    );
    harness.hover_at(pos);
    harness.run_steps(3);
    assert!(matches!(
        harness.state().last_chart().hovered,
        Some(Hovered::Event(_))
    ));
    harness.get_by_label("Invasion begins");
}

#[test]
fn toggling_a_series_hides_it_from_chart_and_hover() {
    let mut harness = harness(app());
    let cap_label = harness.state().dataset().deployments[1].label.clone();
    let point = harness.state().dataset().deployments[1]
        .points
        .last()
        .unwrap()
        .clone();
    // The side panel's checkbox (the legend has one with the same label, drawn later).
    harness
        .get_all_by_role_and_label(egui::accesskit::Role::CheckBox, &cap_label)
        .next()
        .unwrap()
        .click();
    harness.run_steps(3);
    assert!(!harness.state().view().shows_series("authorized-cap"));
    let pos = screen_of(
        &harness,
        &point.date.to_string(),
        f64::from(point.troops.unwrap()),
    );
    harness.hover_at(pos);
    harness.run_steps(3);
    let hovered = harness.state().last_chart().hovered;
    assert!(
        !matches!(hovered, Some(Hovered::Point { series: 1, .. })),
        "{hovered:?}"
    );
}

#[test]
fn clicking_an_event_in_the_list_zooms_to_it() {
    let mut harness = harness(app());
    let (from, to) = range(&harness);
    harness
        .get_by_label_contains("2004-04-04  First Battle of Fallujah")
        .click();
    harness.run_steps(4);
    let (new_from, new_to) = range(&harness);
    let event = x("2004-04-04");
    assert!(new_from < event && event < new_to, "{new_from}..{new_to}");
    assert!(
        new_to - new_from < (to - from) / 4.0,
        "the view should zoom in: {new_from}..{new_to} vs {from}..{to}"
    );
    assert!(harness.state().view().highlighted_event.is_some());
}

/// The range drawn on the last frame.
fn range(harness: &Harness<'_, TrooplineApp>) -> (f64, f64) {
    let range = harness.state().last_chart().range.unwrap();
    (range.from(), range.to())
}

/// Texts painted in the date label row under the troop plot.
fn axis_labels(harness: &Harness<'_, TrooplineApp>) -> Vec<String> {
    let row = harness.state().last_chart().plots[0].axis_row;
    harness
        .output()
        .shapes
        .iter()
        .filter_map(|clipped| match &clipped.shape {
            Shape::Text(text) if row.contains(text.pos) => Some(text.galley.text().to_owned()),
            _ => None,
        })
        .collect()
}

#[test]
fn date_axis_labels_are_calendar_dates_at_every_zoom() {
    let mut harness = harness(app());
    let is_year = |s: &str| s.len() == 4 && s.parse::<i32>().is_ok();
    let labels = axis_labels(&harness);
    assert!(labels.iter().any(|l| l == "2010"), "{labels:?}");
    assert!(labels.iter().all(|l| is_year(l)), "{labels:?}");

    harness
        .state_mut()
        .view_mut()
        .request_range(x("2007-01-01"), x("2008-01-01"));
    harness.run_steps(3);
    let labels = axis_labels(&harness);
    assert!(labels.iter().any(|l| l == "Oct 2007"), "{labels:?}");

    harness
        .state_mut()
        .view_mut()
        .request_range(x("2007-10-05"), x("2007-10-25"));
    harness.run_steps(3);
    let labels = axis_labels(&harness);
    assert!(labels.len() >= 2, "{labels:?}");
    for label in &labels {
        let (day, month) = label.split_once(' ').unwrap_or_default();
        assert!(
            day.parse::<u32>().is_ok() && month == "Oct 2007",
            "{labels:?}"
        );
    }
}

#[test]
fn keyboard_pans_and_zooms_and_home_resets() {
    let mut harness = harness(app());
    let (from, to) = range(&harness);
    harness.key_press(egui::Key::Plus);
    harness.run_steps(3);
    let (zf, zt) = range(&harness);
    assert!(zt - zf < to - from);
    harness.key_press(egui::Key::ArrowRight);
    harness.run_steps(3);
    assert!(range(&harness).0 > zf);
    harness.key_press(egui::Key::Home);
    harness.run_steps(3);
    let (hf, ht) = range(&harness);
    assert!((hf - from).abs() < 1.0 && (ht - to).abs() < 1.0);
    assert_eq!(harness.state().view().range, None, "Home shows everything");
}

#[test]
fn dragging_and_the_wheel_move_every_plot_together() {
    let mut harness = harness(app());
    // Zoomed in first: the whole data cannot be panned past its ends.
    harness
        .state_mut()
        .view_mut()
        .request_range(x("2008-01-01"), x("2012-01-01"));
    harness.run_steps(3);
    let (from, to) = range(&harness);
    let frame = *harness
        .state()
        .last_chart()
        .troops_transform
        .unwrap()
        .frame();
    harness.drag_at(frame.center());
    harness.run_steps(1);
    harness.hover_at(frame.center() + egui::vec2(-100.0, 0.0));
    harness.run_steps(1);
    harness.hover_at(frame.center() + egui::vec2(-200.0, 0.0));
    harness.run_steps(1);
    harness.drop_at(frame.center() + egui::vec2(-200.0, 0.0));
    harness.run_steps(3);
    let (df, dt) = range(&harness);
    assert!(
        df > from && dt > to,
        "dragging left moves later in time: {df}..{dt}"
    );
    assert!(
        ((dt - df) - (to - from)).abs() < 1e-6,
        "dragging keeps the width"
    );
    let chart = harness.state().last_chart();
    let troops = chart.troops_transform.unwrap();
    for (_, casualty) in &chart.casualty_transforms {
        assert_eq!(casualty.bounds().min()[0], troops.bounds().min()[0]);
        assert_eq!(casualty.frame().left(), troops.frame().left());
    }
}

#[test]
fn small_and_degenerate_datasets_draw_without_panicking() {
    let cases = [
        r#"Dataset(format: 1, title: "One point", deployments: [Deployment(id: "a", label: "A", points: [(date: "2001-01-01", troops: 5)])])"#,
        r#"Dataset(format: 1, title: "Zeros", deployments: [Deployment(id: "a", label: "A", points: [(date: "2001-01-01", troops: 0), (date: "2002-01-01", troops: 0)])],
            casualties: [Casualties(id: "c", label: "C", periods: [(from: "2001-01-01", to: "2001-01-01", count: 0)])])"#,
        r#"Dataset(format: 1, title: "One event", deployments: [Deployment(id: "a", label: "A", points: [(date: "2001-01-01", troops: 5)])],
            events: [Event(date: "2001-01-01", title: "E")])"#,
    ];
    for text in cases {
        let dataset = load_str(text, "case.ron").unwrap();
        let mut harness = harness(TrooplineApp::new(
            dataset,
            Origin::Builtin,
            ViewState::default(),
        ));
        let center = harness
            .state()
            .last_chart()
            .troops_transform
            .unwrap()
            .frame()
            .center();
        harness.hover_at(center);
        harness.run_steps(2);
        harness.key_press(egui::Key::Minus);
        harness.run_steps(2);
    }
}
