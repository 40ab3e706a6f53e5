//! SVG text that reads the same in software without troopline's fonts (librsvg, Inkscape,
//! Illustrator ignore the embedded `@font-face`): every label is one `<text>` whose pieces carry
//! no position of their own, and rendered in another, wider font each label stays one run,
//! keeps its anchored edge where the embedded font put it, and stays inside its box widened by
//! at most what the wider font needs.

// Test helpers fail loudly by design: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use troopline::chart::ChartModel;
use troopline::dataset::{Dataset, builtin, load_str};
use troopline::export::font_database;
use troopline::ui::ViewState;
use troopline::ui::chart_view::ExportLook;
use troopline::ui::render::{RenderSettings, chart_svg};

const VIETNAM: &str = r#"Dataset(format: 1, title: "US troops in South Vietnam, 1962–1973",
    subtitle: "Year-end levels",
    sources: [Source(id: "dod", title: "DoD year-end strength", publisher: "US Department of Defense")],
    deployments: [Deployment(id: "us", label: "US troops", source: "dod", points: [
        (date: "1962-12-31", troops: 11300), (date: "1964-12-31", troops: 23300),
        (date: "1966-12-31", troops: 385300), (date: "1968-12-31", troops: 536100),
        (date: "1970-12-31", troops: 334600), (date: "1972-12-31", troops: 24200),
        (date: "1973-03-29", troops: 0)])],
    casualties: [Casualties(id: "kia", label: "US deaths", source: "dod", unit: "deaths", periods: [
        (from: "1965-01-01", to: "1965-12-31", count: 1928), (from: "1966-01-01", to: "1966-12-31", count: 6350),
        (from: "1967-01-01", to: "1967-12-31", count: 11363), (from: "1968-01-01", to: "1968-12-31", count: 16899)])],
    events: [
        Event(date: "1964-08-07", title: "Gulf of Tonkin Resolution", importance: 3),
        Event(date: "1968-01-30", title: "Tet Offensive", importance: 3),
    ])"#;

fn datasets() -> Vec<Dataset> {
    vec![
        builtin().unwrap(),
        load_str(VIETNAM, "vietnam.ron").unwrap(),
    ]
}

fn svg_of(dataset: &Dataset, width: f32, height: f32) -> String {
    let model = ChartModel::new(dataset);
    let settings = RenderSettings {
        width,
        height,
        scale: 1.0,
        theme: egui::Theme::Light,
        look: ExportLook::default(),
    };
    chart_svg(dataset, &model, &ViewState::default(), &settings)
}

#[test]
fn each_label_is_one_text_whose_pieces_have_no_position_of_their_own() {
    for dataset in datasets() {
        let svg = svg_of(&dataset, 1600.0, 900.0);
        let document = roxmltree::Document::parse(&svg).unwrap();
        for tspan in document.descendants().filter(|n| n.has_tag_name("tspan")) {
            for attribute in ["x", "y"] {
                assert!(
                    tspan.attribute(attribute).is_none(),
                    "a piece placed on its own: {:?} in {:?}",
                    tspan.attribute(attribute),
                    tspan
                        .parent()
                        .map(|p| p.descendants().filter_map(|t| t.text()).collect::<String>())
                );
            }
        }
        let texts: Vec<String> = document
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .map(|n| {
                n.descendants()
                    .filter(|t| t.is_text())
                    .filter_map(|t| t.text())
                    .collect()
            })
            .collect();
        assert!(
            texts.iter().any(|t| t == &dataset.title),
            "the title whole in one <text>: {texts:?}"
        );
        // Figures (axis labels, the summary) are never cut between their digits.
        for text in &texts {
            assert!(!text.is_empty());
        }
        let family = document
            .descendants()
            .find(|n| n.has_tag_name("text"))
            .and_then(|n| n.attribute("font-family"))
            .unwrap();
        assert!(
            family.starts_with("'Ubuntu-Light',") && family.contains("'Arial'"),
            "the embedded face first, then installed ones: {family}"
        );
    }
}

/// What resvg laid out for one `<text>`: its bounding box, how many chunks (runs placed on
/// their own) it has, and its anchor.
#[derive(Debug)]
struct Laid {
    text: String,
    rect: usvg::Rect,
    chunks: usize,
    anchor: usvg::TextAnchor,
}

fn lay_out(svg: &str, fontdb: fontdb::Database) -> Vec<Laid> {
    let options = usvg::Options {
        fontdb: Arc::new(fontdb),
        ..Default::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).unwrap();
    let mut out = Vec::new();
    collect(tree.root(), &mut out);
    out
}

fn collect(group: &usvg::Group, out: &mut Vec<Laid>) {
    for node in group.children() {
        match node {
            usvg::Node::Group(group) => collect(group, out),
            usvg::Node::Text(text) => out.push(Laid {
                text: text.chunks().iter().map(|c| c.text()).collect(),
                rect: text.abs_bounding_box(),
                chunks: text.chunks().len(),
                anchor: text
                    .chunks()
                    .first()
                    .map_or(usvg::TextAnchor::Start, |c| c.anchor()),
            }),
            _ => {}
        }
    }
}

/// A font database with only egui's monospace face, Hack, as every generic family: a font the
/// SVG does not embed under that name, and one much wider than the chart's Ubuntu Light.
fn another_font() -> fontdb::Database {
    let definitions = egui::FontDefinitions::default();
    let hack = &definitions.font_data["Hack"];
    let mut database = fontdb::Database::new();
    database.load_font_data((*hack.font).as_ref().to_vec());
    database.set_sans_serif_family("Hack");
    database.set_monospace_family("Hack");
    database.set_serif_family("Hack");
    database
}

#[test]
fn in_another_font_every_label_stays_whole_at_its_anchor_and_inside_its_box() {
    for dataset in datasets() {
        for (width, height) in [(1600.0, 900.0), (842.0, 595.0)] {
            let svg = svg_of(&dataset, width, height);
            let intended = lay_out(&svg, font_database(&svg));
            let fallback = lay_out(&svg, another_font());
            assert_eq!(intended.len(), fallback.len());
            assert!(intended.len() > 10, "{intended:?}");
            for (want, got) in intended.iter().zip(&fallback) {
                let context = format!(
                    "{:?} at {width}×{height}: {want:?} → {got:?}",
                    dataset.title
                );
                assert_eq!(want.text, got.text, "{context}");
                assert_eq!(got.chunks, 1, "one run: {context}");
                // A paragraph's lines, which span most of the width, never run off the
                // picture however much wider the fallback is (short labels get the slack below).
                if want.rect.width() > 0.4 * width {
                    assert!(
                        got.rect.left() >= 0.0 && got.rect.right() <= width,
                        "inside the picture: {context}"
                    );
                }
                // The anchored edge stays where the embedded font put it.
                let (wanted_edge, got_edge) = match got.anchor {
                    usvg::TextAnchor::Start => (want.rect.left(), got.rect.left()),
                    usvg::TextAnchor::Middle => (
                        0.5 * (want.rect.left() + want.rect.right()),
                        0.5 * (got.rect.left() + got.rect.right()),
                    ),
                    usvg::TextAnchor::End => (want.rect.right(), got.rect.right()),
                };
                assert!((wanted_edge - got_edge).abs() <= 1.5, "anchor: {context}");
                // Inside the box, widened only by what the wider font needs (Hack, monospaced,
                // is a third wider than Ubuntu Light on average and up to two thirds on short
                // words of narrow letters such as "political"), and on the same lines.
                let slack = 0.7 * want.rect.width() + 2.0;
                assert!(got.rect.left() >= want.rect.left() - slack, "{context}");
                assert!(got.rect.right() <= want.rect.right() + slack, "{context}");
                assert!(got.rect.width() <= want.rect.width() + slack, "{context}");
                let line = want.rect.height().max(4.0);
                assert!(
                    (got.rect.top() - want.rect.top()).abs() <= 0.5 * line,
                    "{context}"
                );
                assert!(
                    (got.rect.bottom() - want.rect.bottom()).abs() <= 0.5 * line,
                    "{context}"
                );
            }
        }
    }
}
