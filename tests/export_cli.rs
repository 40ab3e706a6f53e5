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
    assert!(text.contains("bad.ron: 2 problems"), "{text}");
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
    // The labelled events' lines and the other events' ticks, in the neutral event ink.
    let event_grey = troopline::chart::palette::event_ink(false);
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
        "400",
        "--height",
        "320",
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
        "400",
        "--height",
        "320",
        "--scale",
        "1",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(!missing.exists());
    // An unknown series (a wrong option: status 2) never touches the existing file.
    let output = troopline(&[
        "export",
        "--out",
        existing.to_str().unwrap(),
        "--series",
        "nope",
    ]);
    assert_eq!(output.status.code(), Some(2));
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
    assert_eq!(bad.status.code(), Some(2), "a wrong option");
    assert!(stderr(&bad).contains("--series must be at least 1"));
    assert!(!dir.path().join("c.ron").exists());
}

// ---- Hardening (issue #12): every case below is listed in docs/robustness.md. ----

use std::io::Read as _;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// A small valid dataset.
const SMALL: &str = r#"Dataset(format: 1, title: "Small", sources: [Source(id: "a", title: "A", publisher: "P")],
    deployments: [Deployment(id: "t", label: "Troops", source: "a", points: [
        (date: "2007-09-01", troops: 165607), (date: "2008-03-01", troops: 159700)])])"#;

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn code(output: &Output) -> Option<i32> {
    output.status.code()
}

/// Runs the binary, killing it if it has not ended after `limit`: a hang fails the test
/// instead of stalling the suite. The limit is generous; it measures nothing.
fn troopline_within(args: &[&str], limit: Duration) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_troopline"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            child.kill().unwrap();
            panic!("troopline {args:?} did not end within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// Whether `output` shows a panic (status 101 or Rust's panic message).
fn assert_no_panic(output: &Output) {
    assert_ne!(code(output), Some(101), "{}", stderr(output));
    assert!(!stderr(output).contains("panicked"), "{}", stderr(output));
}

#[test]
fn a_check_of_200_000_bad_references_prints_a_bounded_report() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("Dataset(format: 1, title: \"Bad\", sources: [");
    for i in 0..2_000 {
        text.push_str(&format!(
            "Source(id: \"source-{i}\", title: \"S\", publisher: \"P\"),"
        ));
    }
    text.push_str("], deployments: [Deployment(id: \"t\", label: \"T\", points: [\n");
    for day in 0..200_000 {
        let date = troopline::dataset::Date::from_x(f64::from(day)).unwrap();
        text.push_str(&format!(
            "(date: \"{date}\", troops: 1, source: \"nope\"),\n"
        ));
    }
    text.push_str("])])");
    let path = write(dir.path(), "bad.ron", &text);
    let output = troopline(&["check", path.to_str().unwrap()]);
    assert_eq!(code(&output), Some(1));
    let report = stderr(&output);
    // 100 problems, the line saying how many more, and the count: never a list per problem.
    assert!(report.len() < 40_000, "{} bytes", report.len());
    assert_eq!(report.lines().count(), 102, "{report}");
    assert!(report.contains("… and 199,900 more problems"), "{report}");
    assert!(report.ends_with("bad.ron: 200,000 problems\n"), "{report}");
    assert!(
        report.contains(
            "known source ids: source-0, source-1, source-2, source-3, source-4, … (2,000 in all)"
        ),
        "{report}"
    );
}

#[test]
fn a_closed_pipe_ends_quietly_with_status_0() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "small.ron", SMALL);
    // More output than a pipe holds, so writing must fail once the reader is gone.
    let files: Vec<&str> = std::iter::repeat_n(file.to_str().unwrap(), 2_000).collect();
    let mut child = Command::new(env!("CARGO_BIN_EXE_troopline"))
        .arg("check")
        .args(&files)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Like `| head -c 10`: read a little, then close the pipe.
    let mut first = [0u8; 10];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(code(&output), Some(0), "{}", stderr(&output));
    assert_eq!(stderr(&output), "", "quietly");

    // `gen … | true`: the file is written, then the closed pipe ends the command quietly.
    let out = dir.path().join("gen.ron");
    let mut child = Command::new(env!("CARGO_BIN_EXE_troopline"))
        .args(["gen", "--points", "100", "--events", "5", "--out"])
        .arg(&out)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_no_panic(&output);
    assert_eq!(code(&output), Some(0), "{}", stderr(&output));
    assert!(
        troopline(&["check", out.to_str().unwrap()])
            .status
            .success()
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_standard_output_is_reported_with_status_1() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return;
    };
    let output = Command::new(env!("CARGO_BIN_EXE_troopline"))
        .args(["check", "assets/iraq.ron"])
        .stdout(full.try_clone().unwrap())
        .output()
        .unwrap();
    assert_eq!(code(&output), Some(1));
    assert_eq!(
        stderr(&output),
        "troopline check: cannot write to standard output: the disk is full\n"
    );
    // Help has nowhere to go either.
    let output = Command::new(env!("CARGO_BIN_EXE_troopline"))
        .arg("--help")
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(code(&output), Some(1), "{}", stderr(&output));
    assert_no_panic(&output);
}

#[cfg(unix)]
#[test]
fn named_pipes_sockets_devices_and_folders_are_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("data.ron");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let socket = dir.path().join("socket.ron");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let out = dir.path().join("out.csv");
    let limit = Duration::from_secs(60);
    for (input, kind) in [
        (fifo.to_str().unwrap(), "a named pipe (FIFO)"),
        (socket.to_str().unwrap(), "a socket"),
        ("/dev/zero", "a device"),
    ] {
        for args in [
            vec!["check", input],
            vec!["export-csv", input, "--out", out.to_str().unwrap()],
        ] {
            let output = troopline_within(&args, limit);
            assert_eq!(code(&output), Some(1), "{args:?}: {}", stderr(&output));
            assert!(
                stderr(&output).contains(&format!(
                    "{input}: it is {kind}, not a regular file; troopline reads datasets from files only"
                )),
                "{args:?}: {}",
                stderr(&output)
            );
        }
    }
    let output = troopline(&["check", dir.path().to_str().unwrap()]);
    assert!(stderr(&output).contains("it is a folder, not a dataset file"));
    assert!(!out.exists());
}

#[test]
fn exit_status_is_0_ok_1_data_or_io_2_usage() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.ron", SMALL);
    let bad = write(dir.path(), "bad.ron", "Dataset(");
    let png = dir.path().join("x.png");
    let (good, bad, png) = (
        good.to_str().unwrap(),
        bad.to_str().unwrap(),
        png.to_str().unwrap(),
    );
    let cases: Vec<(Vec<&str>, i32, &str)> = vec![
        (vec!["check", good], 0, ""),
        (vec!["check", bad], 1, "the file ends too early"),
        (vec!["check", good, bad], 1, "bad.ron: 1 problem"),
        (vec!["check", "/nonexistent.ron"], 1, "cannot open the file"),
        (vec!["check"], 2, "required"),
        (
            vec!["check", "--bogus", good],
            2,
            "unexpected argument '--bogus'",
        ),
        (
            vec!["export", "--out", png, "--scale", "0"],
            2,
            "the scale must be between 0.5 and 8, not 0",
        ),
        (
            vec!["export", "--out", png, "--scale", "NaN"],
            2,
            "the scale must be between",
        ),
        (
            vec!["export", "--out", png, "--width", "100"],
            2,
            "100 is not in 320..=8000",
        ),
        (
            vec![
                "export",
                "--out",
                png,
                "--from",
                "2010-01-01",
                "--to",
                "2009-01-01",
            ],
            2,
            "--to 2009-01-01 is before --from 2010-01-01",
        ),
        (
            vec!["export", "--out", png, "--from", "2050-01-01"],
            2,
            "--from 2050-01-01 is after the last day of the data (",
        ),
        (
            vec!["export", "--out", png, "--to", "1950-01-01"],
            2,
            "--to 1950-01-01 is before the first day of the data (2003-",
        ),
        (
            vec!["export", "--out", png, "--from", "2010-13-01"],
            2,
            "is not a date",
        ),
        (
            vec!["export", "--out", png, "--series", "nope"],
            2,
            "unknown series \"nope\"",
        ),
        (
            vec!["gen", "--series", "0", "--out", png],
            2,
            "--series must be at least 1",
        ),
        (vec!["gen", "--points", "-1", "--out", png], 2, "error:"),
        (
            vec!["export", bad, "--out", png],
            1,
            "cannot load the dataset",
        ),
        (vec!["--help"], 0, ""),
        (vec!["--version"], 0, ""),
    ];
    for (args, expected, words) in cases {
        let output = troopline(&args);
        assert_no_panic(&output);
        assert_eq!(
            code(&output),
            Some(expected),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains(words),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    assert!(!Path::new(png).exists(), "no failed command wrote a file");
    let help = String::from_utf8_lossy(&troopline(&["--help"]).stdout).into_owned();
    assert!(help.contains(troopline::cli::EXIT_STATUS), "{help}");
    let help = String::from_utf8_lossy(&troopline(&["export", "--help"]).stdout).into_owned();
    assert!(
        help.contains("Exit status: 0 when everything worked"),
        "{help}"
    );
}

#[test]
fn a_misspelled_command_gets_a_suggestion_but_a_file_of_that_name_is_opened() {
    let dir = tempfile::tempdir().unwrap();
    let run_in = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_troopline"))
            .args(args)
            .current_dir(dir.path())
            // No window may open here, whatever happens.
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .output()
            .unwrap()
    };
    for (typed, meant) in [
        ("chek", "check"),
        ("Check", "check"),
        ("exprot", "export"),
        ("export-cvs", "export-csv"),
        ("generate", "gen"),
    ] {
        let output = run_in(&[typed, "x.ron"]);
        assert_eq!(code(&output), Some(2), "{typed}: {}", stderr(&output));
        assert!(
            stderr(&output).contains(&format!(
                "`{typed}` is not a command, and no file has that name; did you mean `{meant}`?"
            )),
            "{typed}: {}",
            stderr(&output)
        );
    }
    let output = run_in(&["zzzzqqq"]);
    assert_eq!(code(&output), Some(2));
    assert!(stderr(&output).contains("`zzzzqqq` is neither a command nor a file; the commands are check, export, describe, gen, export-csv"), "{}", stderr(&output));
    // A file name that does not exist is a missing file, not a command.
    let output = run_in(&["missing.ron"]);
    assert_eq!(code(&output), Some(1));
    assert!(stderr(&output).contains("missing.ron: cannot open the file"));
    // An existing file named like a misspelled command is opened (and here found broken: not
    // RON by its content, so read as a table without a header).
    std::fs::write(dir.path().join("chek"), "not a dataset").unwrap();
    let output = run_in(&["chek"]);
    assert_eq!(code(&output), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).starts_with("chek: no header row"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn export_csv_errors_say_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let base = write(dir.path(), "base.csv", "old");
    let nested = base.join("x.csv");
    let output = troopline(&["export-csv", "--out", nested.to_str().unwrap()]);
    assert_eq!(code(&output), Some(1));
    assert_eq!(
        stderr(&output),
        format!(
            "troopline export-csv: cannot save to {}: {} is a file, not a folder\n",
            nested.display(),
            base.display()
        )
    );
    if Path::new("/proc/self").is_dir() {
        let output = troopline(&["export-csv", "--out", "/proc/x.csv"]);
        assert_eq!(code(&output), Some(1));
        assert_eq!(
            stderr(&output),
            "troopline export-csv: cannot save to /proc/x.csv: files cannot be created in /proc\n"
        );
    }
    // The longest legal names work; one byte more is explained.
    let longest = dir.path().join(format!("{}.csv", "n".repeat(251)));
    let output = troopline(&["export-csv", "--out", longest.to_str().unwrap()]);
    assert_eq!(code(&output), Some(0), "{}", stderr(&output));
    let too_long = dir.path().join(format!("{}.csv", "n".repeat(252)));
    let output = troopline(&["export-csv", "--out", too_long.to_str().unwrap()]);
    assert_eq!(code(&output), Some(1));
    assert!(
        stderr(&output).contains("the file name is too long"),
        "{}",
        stderr(&output)
    );
}

#[cfg(unix)]
#[test]
fn export_csv_keeps_permissions_follows_links_and_reports_split_hard_links() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let private = write(dir.path(), "private.csv", "old");
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o600)).unwrap();
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink("private.csv", &link).unwrap();
    let other = dir.path().join("other-name.csv");
    std::fs::hard_link(&private, &other).unwrap();
    let output = troopline(&["export-csv", "--out", link.to_str().unwrap()]);
    assert_eq!(code(&output), Some(0), "{}", stderr(&output));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        link.to_str().unwrap()
    );
    assert_eq!(
        stderr(&output),
        format!(
            "troopline export-csv: note: {} had 1 other hard link; it still shows the old content\n",
            private.display()
        )
    );
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let mode = std::fs::metadata(&private).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    assert!(
        std::fs::read_to_string(&private)
            .unwrap()
            .contains("kind,series")
    );
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "old");
}

#[test]
fn gen_refuses_files_over_the_load_limit_before_writing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("huge.ron");
    let output = troopline(&[
        "gen",
        "--points",
        "1000000000000",
        "--series",
        "1000000",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code(&output), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains(
            "the file would be at least 42,915,413 MiB; troopline loads datasets of at most 256 MiB"
        ),
        "{}",
        stderr(&output)
    );
    // Just over the limit by the estimate (45 bytes a point at least).
    let output = troopline(&[
        "gen",
        "--points",
        "6000000",
        "--series",
        "2",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code(&output), Some(2), "{}", stderr(&output));
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing written"
    );
}

#[cfg(unix)]
#[test]
fn an_interrupted_gen_leaves_no_temporary_file() {
    for (signal, status) in [("INT", 130), ("TERM", 143)] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("big.ron");
        let child = Command::new(env!("CARGO_BIN_EXE_troopline"))
            .args(["gen", "--points", "5000000", "--series", "2", "--out"])
            .arg(&out)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Wait until the temporary file exists, then interrupt.
        let start = Instant::now();
        while std::fs::read_dir(dir.path()).unwrap().count() == 0 {
            assert!(
                start.elapsed() < Duration::from_secs(120),
                "no temporary file appeared"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
        let sent = Command::new("kill")
            .args([format!("-{signal}"), child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        // Five million points take seconds to write; the signal arrives within milliseconds.
        let output = child.wait_with_output().unwrap();
        assert_eq!(
            code(&output),
            Some(status),
            "SIG{signal}: {}",
            stderr(&output)
        );
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert!(left.is_empty(), "SIG{signal} left {left:?}");
    }
}

#[test]
fn wide_exports_are_checked_against_the_renderable_size() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("wide.png");
    let output = troopline(&[
        "export",
        "--out",
        out.to_str().unwrap(),
        "--width",
        "8000",
        "--scale",
        "3",
    ]);
    assert_eq!(code(&output), Some(2));
    assert!(
        stderr(&output).contains("8000 × 900 points at scale 3 would be 24000 × 2700 pixels"),
        "{}",
        stderr(&output)
    );
    assert!(!out.exists());
    // The same size as a vector file has no pixels to limit.
    let svg = dir.path().join("wide.svg");
    let output = troopline(&[
        "export",
        "--out",
        svg.to_str().unwrap(),
        "--width",
        "8000",
        "--scale",
        "3",
    ]);
    assert_eq!(code(&output), Some(0), "{}", stderr(&output));
}

#[test]
fn an_export_of_a_range_without_data_says_so_and_still_writes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("empty.png");
    let output = troopline(&[
        "export",
        "--out",
        out.to_str().unwrap(),
        "--width",
        "400",
        "--height",
        "320",
        "--scale",
        "1",
        "--from",
        "2040-01-01",
        "--to",
        "2041-12-31",
    ]);
    assert_eq!(code(&output), Some(0), "{}", stderr(&output));
    // Graphics drivers may add lines of their own.
    let notice = stderr(&output)
        .lines()
        .find(|line| line.starts_with("troopline export: "))
        .map(str::to_owned)
        .unwrap_or_default();
    assert!(
        notice.starts_with(
            "troopline export: no data between 2040-01-01 and 2041-12-31 (the data covers 2003-"
        ),
        "{}",
        stderr(&output)
    );
    assert!(notice.ends_with("; the chart is empty"), "{notice}");
    assert_eq!(decode(&out).dimensions(), (400, 320));
}

#[test]
fn export_labels_pinned_events_and_can_label_none() {
    let dir = tempfile::tempdir().unwrap();
    let svg = |name: &str, extra: &[&str]| {
        let out = dir.path().join(name);
        let mut args = vec!["export", "--format", "svg", "--out", out.to_str().unwrap()];
        args.extend_from_slice(extra);
        let output = troopline(&args);
        assert!(output.status.success(), "{}", stderr(&output));
        std::fs::read_to_string(&out).unwrap()
    };
    let default = svg("default.svg", &[]);
    assert!(
        default.contains("Invasion begins"),
        "a headline event is labelled"
    );
    let none = svg("none.svg", &["--no-event-labels"]);
    assert!(!none.contains("Invasion begins"), "no event is labelled");
    // Event 20, a minor one beside a headline, is labelled once pinned.
    let pinned = svg("pinned.svg", &["--label-events", "20,1"]);
    assert!(pinned.contains("Last combat brigade leaves"));
    assert!(pinned.contains("Invasion begins"));
    // 0, and one past the built-in dataset's last event.
    let past = troopline::dataset::builtin()
        .unwrap()
        .events
        .len()
        .saturating_add(1)
        .to_string();
    for wrong in ["0", past.as_str()] {
        let output = troopline(&["export", "--out", "x.png", "--label-events", wrong]);
        assert_eq!(output.status.code(), Some(2), "{wrong}");
        assert!(
            stderr(&output).contains("numbered from 1"),
            "{}",
            stderr(&output)
        );
    }
}
