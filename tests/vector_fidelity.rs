//! The vector export draws what egui draws: a representative frame rendered by egui's own wgpu
//! renderer (Mesa lavapipe in CI) and the same frame written as SVG and rasterised by resvg agree
//! pixel by pixel within a stated tolerance; a writer that drops or shifts text does not.
//! Also: the PDF's text can be extracted, and the SVG grows linearly with the points drawn.

// Test helpers fail loudly by design: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use egui::{Color32, RichText, Stroke, pos2, vec2};
use egui_plot::{Bar, BarChart, Line, Plot, PlotPoints};
use troopline::export::Rgba;
use troopline::export::pdf::svg_to_pdf;
use troopline::export::raster::rasterize;
#[path = "support/offscreen.rs"]
mod offscreen;
#[path = "support/pixels.rs"]
mod pixels;

use pixels::{difference, strip_elements};

use offscreen::OffscreenRenderer;
use troopline::ui::headless::layout_shapes;

const SIZE: egui::Vec2 = vec2(640.0, 400.0);
const SCALE: f32 = 2.0;

/// How far the resvg render of our SVG may be from egui's own render of the same frame.
///
/// Both anti-alias differently (egui feathers edges over one pixel, resvg computes coverage),
/// and egui draws glyphs from a hinted atlas while resvg fills their outlines, so edges and text
/// differ slightly everywhere; a shape that is missing or misplaced differs a lot somewhere.
/// The mean absolute difference per channel (0–255) over the whole image stays low, and so does
/// the share of pixels that differ strongly (in any channel by more than `STRONG`).
/// Measured on lavapipe: mean 0.72, strong share 0.0015. Dropping the text gives 1.10 and
/// 0.0067, moving it 2 points 1.37 and 0.0085, moving the plot's line 3 points 1.52 and 0.012.
const MEAN_LIMIT: f64 = 1.0;
const STRONG_SHARE_LIMIT: f64 = 0.003;

/// A frame with what charts are made of: a heading, labels of several sizes and colours, a plot
/// with a line, bars, grid and axis labels, rounded rectangles, circles, a dashed and a thick line.
fn draw(ui: &mut egui::Ui) {
    egui::CentralPanel::default().show(ui, |ui| {
        ui.heading("US troops in Iraq, 2003–2024");
        ui.horizontal(|ui| {
            ui.label(
                RichText::new("Peak 170,000")
                    .size(18.0)
                    .color(Color32::from_rgb(200, 60, 40)),
            );
            ui.label(
                RichText::new("small grey note & <escapes>")
                    .size(10.0)
                    .color(Color32::GRAY),
            );
            ui.monospace("mono 42");
        });
        let (response, painter) = ui.allocate_painter(vec2(600.0, 60.0), egui::Sense::hover());
        let r = response.rect;
        painter.rect_filled(
            egui::Rect::from_min_size(r.min + vec2(4.0, 8.0), vec2(120.0, 40.0)),
            8.0,
            Color32::from_rgb(70, 130, 180),
        );
        painter.rect_stroke(
            egui::Rect::from_min_size(r.min + vec2(140.0, 8.0), vec2(100.0, 40.0)),
            6.0,
            Stroke::new(3.0, Color32::from_rgb(40, 160, 90)),
            egui::StrokeKind::Inside,
        );
        painter.circle_filled(
            r.min + vec2(280.0, 28.0),
            18.0,
            Color32::from_rgb(230, 160, 30),
        );
        painter.circle_stroke(
            r.min + vec2(330.0, 28.0),
            16.0,
            Stroke::new(2.0, Color32::DARK_RED),
        );
        painter.extend(egui::Shape::dashed_line(
            &[r.min + vec2(370.0, 10.0), r.min + vec2(590.0, 10.0)],
            Stroke::new(2.0, Color32::from_rgb(120, 60, 160)),
            8.0,
            5.0,
        ));
        painter.line_segment(
            [r.min + vec2(370.0, 45.0), r.min + vec2(590.0, 30.0)],
            Stroke::new(6.0, Color32::from_rgb(20, 20, 20)),
        );
        Plot::new("fidelity")
            .height(230.0)
            .allow_drag(false)
            .allow_zoom(false)
            .allow_scroll(false)
            .show(ui, |plot_ui| {
                let points: Vec<[f64; 2]> = (0..60)
                    .map(|i| {
                        let x = f64::from(i);
                        [x, 50.0 + 40.0 * (x / 6.0).sin()]
                    })
                    .collect();
                plot_ui.line(
                    Line::new("troops", PlotPoints::new(points))
                        .color(Color32::from_rgb(31, 119, 180))
                        .width(2.0),
                );
                let bars = (0..12)
                    .map(|i| {
                        Bar::new(f64::from(i) * 5.0 + 2.0, 10.0 + f64::from(i % 5) * 6.0).width(3.0)
                    })
                    .collect();
                plot_ui
                    .bar_chart(BarChart::new("deaths", bars).color(Color32::from_rgb(214, 39, 40)));
            });
    });
}

fn gpu_render() -> Option<Rgba> {
    let renderer = match OffscreenRenderer::new() {
        Ok(renderer) => renderer,
        Err(error) => {
            eprintln!("skipping the GPU comparison: {error}");
            return None;
        }
    };
    let ctx = egui::Context::default();
    Some(renderer.render(SIZE, SCALE, &ctx, draw).unwrap())
}

fn svg_of_frame() -> String {
    let ctx = egui::Context::default();
    layout_shapes(&ctx, SIZE, SCALE, draw).to_svg()
}

fn within_tolerance((mean, strong): (f64, f64)) -> bool {
    mean < MEAN_LIMIT && strong < STRONG_SHARE_LIMIT
}

fn save_for_inspection(name: &str, image: &Rgba) {
    if let Ok(dir) = std::env::var("TROOPLINE_FIDELITY_DIR") {
        troopline::export::save_png(image, &std::path::Path::new(&dir).join(name)).unwrap();
    }
}

#[test]
fn resvg_render_of_the_svg_matches_egui_gpu_render() {
    let Some(gpu) = gpu_render() else { return };
    let svg = svg_of_frame();
    let vector = rasterize(&svg, SCALE).unwrap();
    save_for_inspection("gpu.png", &gpu);
    save_for_inspection("vector.png", &vector);
    if let Ok(dir) = std::env::var("TROOPLINE_FIDELITY_DIR") {
        std::fs::write(std::path::Path::new(&dir).join("frame.svg"), &svg).unwrap();
    }
    let measured = difference(&gpu, &vector);
    eprintln!(
        "egui vs resvg: mean {:.3}, strong share {:.5}",
        measured.0, measured.1
    );
    assert!(within_tolerance(measured), "egui vs resvg: {measured:?}");

    // The tolerance catches a writer that loses text ...
    let without_text = strip_elements(&svg, "text");
    let dropped = difference(&gpu, &rasterize(&without_text, SCALE).unwrap());
    eprintln!("text dropped: {dropped:?}");
    assert!(!within_tolerance(dropped), "text dropped: {dropped:?}");
    // ... or puts it a few pixels off (2 points = 4 pixels here).
    let shifted = svg.replace("<text ", "<text transform=\"translate(2 0)\" ");
    let offset = difference(&gpu, &rasterize(&shifted, SCALE).unwrap());
    eprintln!("text shifted: {offset:?}");
    assert!(!within_tolerance(offset), "text shifted: {offset:?}");
    // ... or draws the plot's line elsewhere.
    let moved_line = svg.replacen(
        "stroke=\"#1f77b4\"",
        "stroke=\"#1f77b4\" transform=\"translate(0 3)\"",
        1,
    );
    assert_ne!(moved_line, svg, "the plot line is a stroked path");
    let line_off = difference(&gpu, &rasterize(&moved_line, SCALE).unwrap());
    eprintln!("line moved: {line_off:?}");
    assert!(!within_tolerance(line_off), "line moved: {line_off:?}");
}

#[test]
fn the_frame_is_vectors_and_real_text() {
    let svg = svg_of_frame();
    let document = roxmltree::Document::parse(&svg).unwrap();
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
    for expected in [
        "US troops in Iraq, 2003–2024",
        "Peak 170,000",
        "small grey note & <escapes>",
        "mono 42",
    ] {
        assert!(
            texts.iter().any(|t| t == expected),
            "{expected} in {texts:?}"
        );
    }
    // Axis labels of the plot.
    assert!(texts.iter().any(|t| t.trim() == "40"), "{texts:?}");
    assert!(document.descendants().any(|n| n.has_tag_name("rect")));
    assert!(document.descendants().any(|n| n.has_tag_name("circle")));
    assert!(!svg.contains("<image"), "no embedded raster");
}

#[test]
fn pdf_text_can_be_extracted() {
    let pdf = svg_to_pdf(&svg_of_frame()).unwrap();
    if let Ok(dir) = std::env::var("TROOPLINE_FIDELITY_DIR") {
        std::fs::write(std::path::Path::new(&dir).join("frame.pdf"), &pdf).unwrap();
    }
    let text = pdf_extract::extract_text_from_mem(&pdf).unwrap();
    // Glyphs are placed one run at a time, so the extractor guesses spaces between some of
    // them: compare without whitespace.
    let squeezed: String = text.split_whitespace().collect();
    for expected in [
        "US troops in Iraq, 2003–2024",
        "Peak 170,000",
        "mono 42",
        "<escapes>",
        "60",
    ] {
        let expected: String = expected.split_whitespace().collect();
        assert!(squeezed.contains(&expected), "{expected:?} in {text:?}");
    }
}

/// A chart-like frame: a title, a label and a line of `points` points across 1200 points.
fn line_frame_svg(points: usize) -> String {
    let ctx = egui::Context::default();
    layout_shapes(&ctx, vec2(1200.0, 675.0), 1.0, |ui| {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading("US troops in Iraq");
            ui.label("Peak 170,000 · 4,431 US military deaths");
            let (response, painter) =
                ui.allocate_painter(ui.available_size(), egui::Sense::hover());
            let r = response.rect;
            #[allow(clippy::cast_precision_loss)]
            let line: Vec<egui::Pos2> = (0..points)
                .map(|i| {
                    let t = i as f32 / points as f32;
                    pos2(
                        r.left() + t * r.width(),
                        r.top() + r.height() * (0.5 + 0.4 * (t * 40.0).sin()),
                    )
                })
                .collect();
            painter.add(egui::Shape::line(
                line,
                Stroke::new(1.5, Color32::from_rgb(31, 119, 180)),
            ));
        });
    })
    .to_svg()
}

#[test]
fn svg_size_grows_linearly_with_the_points_drawn() {
    let small = line_frame_svg(1_000).len();
    let large = line_frame_svg(10_000).len();
    #[allow(clippy::cast_precision_loss)]
    let per_point = (large - small) as f64 / 9_000.0;
    eprintln!(
        "SVG of a 10,000-point frame: {large} bytes; {per_point:.2} bytes per point; {small} bytes at 1,000 points"
    );
    // "x.xx y.yy " is at most 16 bytes for coordinates below 10,000.
    assert!(per_point > 4.0 && per_point <= 16.0, "{per_point}");
    let fixed = small as f64 - per_point * 1_000.0;
    let predicted = fixed + per_point * 100_000.0;
    let huge = line_frame_svg(100_000).len();
    #[allow(clippy::cast_precision_loss)]
    let error = (huge as f64 - predicted).abs() / predicted;
    assert!(
        error < 0.05,
        "100,000 points: {huge} bytes, {predicted} predicted"
    );
}
