//! The chart by keyboard and screen reader, driven headlessly with egui_kittest: Tab into the
//! chart, walk its marks with the arrows, read what AccessKit says for the focused mark.

// Test helpers fail loudly by design: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use troopline::dataset::builtin;
use troopline::ui::{Hovered, Origin, TrooplineApp, ViewState};

fn harness() -> Harness<'static, TrooplineApp> {
    let mut app = TrooplineApp::new(builtin().unwrap(), Origin::Builtin, ViewState::default());
    app.set_export_target(None, false);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut TrooplineApp| app.show(ui), app);
    harness.run_steps(4);
    harness
}

fn press(harness: &mut Harness<'_, TrooplineApp>, key: egui::Key) {
    harness.key_press(key);
    harness.run_steps(2);
}

/// Role and label of the node a screen reader is told has focus.
fn focused(harness: &Harness<'_, TrooplineApp>) -> Option<(Role, String)> {
    let node = harness.query_by(|node| node.is_focused())?;
    let node = node.accesskit_node();
    Some((node.role(), node.label().unwrap_or_default()))
}

/// Presses Tab until the chart has focus; panics if it never does.
fn tab_to_chart(harness: &mut Harness<'_, TrooplineApp>) {
    for _ in 0..400 {
        press(harness, egui::Key::Tab);
        if focused(harness).is_some_and(|(role, _)| role == Role::Figure) {
            return;
        }
    }
    panic!("Tab never reached the chart");
}

#[test]
fn tab_reaches_the_chart_and_the_arrows_walk_its_points() {
    let mut harness = harness();
    tab_to_chart(&mut harness);
    let (_, name) = focused(&harness).unwrap();
    assert_eq!(name, harness.state().dataset().title);
    let chart = harness.get_by_role(Role::Figure);
    let description = chart.accesskit_node().description().unwrap_or_default();
    assert!(description.contains("In view:"), "{description}");

    for _ in 0..3 {
        press(&mut harness, egui::Key::ArrowRight);
    }
    let (role, label) = focused(&harness).unwrap();
    assert_eq!(role, Role::Image);
    let first = &harness.state().dataset().deployments[0];
    let third = &first.points[2];
    // Said as precisely as the source gave the date: "March 2004" for a month.
    let day = match third.precision() {
        troopline::dataset::Precision::Day => third.date.naive().format("%-d %B %Y").to_string(),
        troopline::dataset::Precision::Month => third.date.naive().format("%B %Y").to_string(),
        troopline::dataset::Precision::Year => third.date.year().to_string(),
    };
    assert!(
        label.starts_with(&format!("{}, {day}: ", first.label)),
        "{label}"
    );
    assert!(
        label.contains(" troops") && label.contains("Source: "),
        "{label}"
    );
    assert_eq!(
        harness.state().last_chart().hovered,
        Some(Hovered::Point {
            series: 0,
            index: 2
        }),
        "the focused point shows its tooltip"
    );
    // The tooltip is the hover tooltip.
    assert!(
        harness
            .query_all_by_label(&third.date_label())
            .next()
            .is_some()
    );

    // Down through the troop lines into the casualty series.
    let casualties = harness.state().dataset().casualties[0].label.clone();
    for _ in 0..4 {
        if focused(&harness).is_some_and(|(_, label)| label.starts_with(&casualties)) {
            break;
        }
        press(&mut harness, egui::Key::ArrowDown);
    }
    let (_, label) = focused(&harness).unwrap();
    assert!(label.starts_with(&casualties), "{label}");

    press(&mut harness, egui::Key::End);
    let periods = harness.state().dataset().casualties[0].periods.len();
    let (_, label) = focused(&harness).unwrap();
    assert!(
        label.ends_with(&format!("Period {periods} of {periods}.")),
        "End goes to the last period in view: {label}"
    );
    let before = harness.state().view().range;
    press(&mut harness, egui::Key::Enter);
    let range = harness.state().view().range.expect("Enter zooms");
    assert_ne!(Some(range), before);
    let last = harness.state().dataset().casualties[0]
        .periods
        .last()
        .unwrap();
    assert!(range.from() <= last.from.to_x() && range.to() > last.to.to_x());
    assert!(range.width() < 3.0 * 366.0, "{range:?}");
    // Still on the same period, still spoken.
    let (_, label) = focused(&harness).unwrap();
    assert!(label.starts_with(&casualties), "{label}");

    // Esc leaves the chart.
    press(&mut harness, egui::Key::Escape);
    assert!(
        focused(&harness).is_none_or(|(role, _)| role != Role::Image && role != Role::Figure),
        "{:?}",
        focused(&harness)
    );
    assert_eq!(harness.state().last_chart().hovered, None);
}

#[test]
fn the_view_pans_to_keep_the_focused_point_on_screen() {
    let mut harness = harness();
    let first = harness.state().dataset().deployments[0].points[0]
        .date
        .to_x();
    harness
        .state_mut()
        .view_mut()
        .request_range(first + 4000.0, first + 5000.0);
    harness.run_steps(3);
    tab_to_chart(&mut harness);
    press(&mut harness, egui::Key::Home);
    let start = harness.state().view().range.unwrap();
    for _ in 0..200 {
        press(&mut harness, egui::Key::ArrowLeft);
    }
    let (_, label) = focused(&harness).unwrap();
    assert!(label.contains("Point 1 of "), "{label}");
    let range = harness.state().view().range.unwrap();
    assert!(range.from() < first && range.to() > first, "{range:?}");
    assert!(
        (range.width() - start.width()).abs() < 1e-6,
        "panned, not zoomed"
    );
}

#[test]
fn arrows_pan_when_the_chart_is_not_focused() {
    let mut harness = harness();
    harness
        .state_mut()
        .view_mut()
        .request_range(10_000.0, 12_000.0);
    harness.run_steps(2);
    press(&mut harness, egui::Key::ArrowRight);
    let range = harness.state().view().range.unwrap();
    assert!(range.from() > 10_000.0, "{range:?}");
}

#[test]
fn f6_goes_straight_to_the_chart_from_anywhere() {
    let mut harness = harness();
    // On a toolbar button first, as after a click or a few Tabs.
    press(&mut harness, egui::Key::Tab);
    assert!(focused(&harness).is_some_and(|(role, _)| role != Role::Figure));
    press(&mut harness, egui::Key::F6);
    let (role, name) = focused(&harness).expect("something has focus");
    assert_eq!(role, Role::Figure);
    assert_eq!(name, harness.state().dataset().title);
    // The arrows then walk the chart's points.
    press(&mut harness, egui::Key::ArrowRight);
    assert_eq!(focused(&harness).map(|(role, _)| role), Some(Role::Image));
}
