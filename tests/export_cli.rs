//! `troopline export` and `troopline check` as a user runs them: real process, real files.

// Test helpers fail loudly by design: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::{Command, Output};

fn troopline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_troopline"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Whether a wgpu adapter exists here (Mesa lavapipe in CI); pixel tests need one.
fn can_render() -> bool {
    match troopline::ui::OffscreenRenderer::new() {
        Ok(_) => true,
        Err(error) => {
            eprintln!("skipping a rendering test: {error}");
            false
        }
    }
}

fn decode(path: &Path) -> image::RgbaImage {
    image::open(path).expect("a decodable PNG").to_rgba8()
}

/// Pixels within `tolerance` of `rgb` in every channel.
fn count_near(image: &image::RgbaImage, rgb: [u8; 3], tolerance: u8) -> usize {
    image
        .pixels()
        .filter(|p| (0..3).all(|c| p.0[c].abs_diff(rgb[c]) <= tolerance))
        .count()
}

#[test]
fn check_accepts_the_built_in_dataset() {
    let output = troopline(&["check", "assets/iraq.ron"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.starts_with("assets/iraq.ron: ok: 2 deployment series"),
        "{stdout}"
    );
}

#[test]
fn check_reports_every_problem_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "Dataset(format: 1, title: \"\", deployments: [])").unwrap();
    let output = troopline(&["check", bad.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(text.contains("bad.ron: title: must not be empty"), "{text}");
    assert!(
        text.contains("bad.ron: deployments: at least one deployment"),
        "{text}"
    );
    assert!(text.contains("2 problems"), "{text}");
    assert_eq!(
        troopline(&["check"]).status.code(),
        Some(2),
        "usage errors exit 2"
    );
    let help = String::from_utf8_lossy(&troopline(&["--help"]).stdout).into_owned();
    assert!(help.contains("check") && help.contains("export"), "{help}");
}

#[test]
fn export_writes_a_png_of_the_requested_size_with_the_chart_colours() {
    if !can_render() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("chart.png");
    let output = troopline(&[
        "export",
        "--out",
        out.to_str().unwrap(),
        "--width",
        "800",
        "--height",
        "500",
        "--scale",
        "1.5",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        out.to_str().unwrap()
    );
    let image = decode(&out);
    assert_eq!(image.dimensions(), (1200, 750));
    let troop_blue = troopline::chart::palette::series(0);
    assert!(
        count_near(&image, troop_blue, 12) > 300,
        "the troop line is drawn"
    );
    // The 'military' category's event lines (first category: grey) and spans.
    let event_grey = troopline::chart::palette::category(0);
    assert!(
        count_near(&image, event_grey, 30) > 200,
        "event lines are drawn"
    );
    let distinct: std::collections::HashSet<_> = image.pixels().map(|p| p.0).collect();
    assert!(
        distinct.len() > 100,
        "not blank: {} colours",
        distinct.len()
    );
}

#[test]
fn export_range_and_options_change_the_picture() {
    if !can_render() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let all = dir.path().join("all.png");
    let part = dir.path().join("part.png");
    let dark = dir.path().join("dark.png");
    let base = [
        "export", "--width", "600", "--height", "400", "--scale", "1",
    ];
    for (out, extra) in [
        (&all, vec![]),
        (&part, vec!["--from", "2014-01-01", "--to", "2018-12-31"]),
        (&dark, vec!["--theme", "dark", "--no-events"]),
    ] {
        let mut args: Vec<&str> = base.to_vec();
        args.extend(["--out", out.to_str().unwrap()]);
        args.extend(extra);
        let output = troopline(&args);
        assert!(output.status.success(), "{}", stderr(&output));
    }
    let (all, part, dark) = (decode(&all), decode(&part), decode(&dark));
    assert_ne!(
        all.as_raw(),
        part.as_raw(),
        "--from/--to must change the picture"
    );
    let brightness = |image: &image::RgbaImage| {
        image.pixels().map(|p| u64::from(p.0[0])).sum::<u64>() / image.pixels().len() as u64
    };
    assert!(
        brightness(&dark) < brightness(&all) / 2,
        "dark theme is dark"
    );
}

#[test]
fn export_failures_exit_1_and_keep_existing_files() {
    let dir = tempfile::tempdir().unwrap();
    let existing = dir.path().join("keep.png");
    std::fs::write(&existing, b"old picture").unwrap();
    // A directory as the target.
    let output = troopline(&[
        "export",
        "--out",
        dir.path().to_str().unwrap(),
        "--width",
        "300",
        "--height",
        "200",
        "--scale",
        "1",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("it is a folder") || stderr(&output).contains("adapter"),
        "{}",
        stderr(&output)
    );
    // A missing folder.
    let missing = dir.path().join("nope/chart.png");
    let output = troopline(&[
        "export",
        "--out",
        missing.to_str().unwrap(),
        "--width",
        "300",
        "--height",
        "200",
        "--scale",
        "1",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(!missing.exists());
    // An unknown series never touches the existing file.
    let output = troopline(&[
        "export",
        "--out",
        existing.to_str().unwrap(),
        "--series",
        "nope",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("unknown series \"nope\""),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read(&existing).unwrap(), b"old picture");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "{leftovers:?}");
}

#[test]
fn gen_writes_a_valid_reproducible_dataset() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.ron"), dir.path().join("b.ron"));
    for out in [&a, &b] {
        let output = troopline(&[
            "gen",
            "--points",
            "2000",
            "--events",
            "50",
            "--series",
            "2",
            "--seed",
            "9",
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(output.status.success(), "{}", stderr(&output));
    }
    assert_eq!(
        std::fs::read(&a).unwrap(),
        std::fs::read(&b).unwrap(),
        "same seed, same file"
    );
    let check = troopline(&["check", a.to_str().unwrap()]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(String::from_utf8_lossy(&check.stdout).contains("2 deployment series (2,000 points)"));
    let bad = troopline(&[
        "gen",
        "--series",
        "0",
        "--out",
        dir.path().join("c.ron").to_str().unwrap(),
    ]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("--series must be at least 1"));
    assert!(!dir.path().join("c.ron").exists());
}
