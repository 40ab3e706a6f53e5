//! Robustness: mutated datasets never panic and always explain themselves; a corrupt saved
//! state is ignored.

// Test helpers fail loudly by design: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use troopline::dataset::{BUILTIN_RON, Location, load_bytes, load_str};

const SMALL: &str = r#"Dataset(
    format: 1,
    title: "Small",
    sources: [Source(id: "a", title: "A", publisher: "P")],
    deployments: [
        Deployment(id: "t", label: "Troops", source: "a", points: [
            (date: "2007-09-01", troops: 165607),
            (date: "2007-10-15", troops: 170000, low: 165607, high: 172000, note: "peak"),
            (date: "2007-11-01", troops: 164424),
            (date: "2008-03-01", troops: 159700),
        ]),
    ],
    casualties: [
        Casualties(id: "d", label: "Deaths", source: "a", periods: [
            (from: "2003-03-20", to: "2003-12-31", count: 486),
            (from: "2004-01-01", to: "2004-12-31", count: 849),
        ]),
    ],
    events: [Event(date: "2003-03-20", end: "2003-05-01", title: "Invasion", source: "a")],
)"#;

/// Every error names a line:column, an item path, or the file as a whole.
fn assert_explained(text: &[u8]) {
    match load_bytes(text, "mutant.ron") {
        Ok(_) => {}
        Err(error) => {
            assert!(!error.problems.is_empty());
            for problem in &error.problems {
                let located = match &problem.location {
                    Location::Text { line, column } => *line >= 1 && *column >= 1,
                    Location::Item(path) => !path.is_empty(),
                    Location::File => true,
                };
                assert!(located && !problem.message.is_empty(), "{error}");
            }
            assert!(error.to_string().starts_with("mutant.ron"), "{error}");
        }
    }
}

fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::to_owned).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn truncated_files_are_explained(cut in 0usize..SMALL.len()) {
        let cut = (0..=cut).rev().find(|&i| SMALL.is_char_boundary(i)).unwrap_or(0);
        assert_explained(&SMALL.as_bytes()[..cut]);
    }

    #[test]
    fn dropped_duplicated_and_swapped_lines_are_explained(a in 0usize..30, b in 0usize..30, op in 0u8..3) {
        let mut lines = lines(SMALL);
        let (a, b) = (a % lines.len(), b % lines.len());
        match op {
            0 => { lines.remove(a); }
            1 => { let line = lines[a].clone(); lines.insert(b, line); }
            _ => lines.swap(a, b),
        }
        assert_explained(lines.join("\n").as_bytes());
    }

    #[test]
    fn perturbed_numbers_and_dates_are_explained(position in 0usize..2000, replacement in prop::sample::select(vec![
        "0", "-1", "4294967296", "99999999999999999999999", "1.5", "\"2007-02-30\"", "\"262143-01-01\"",
        "\"\"", "[[[[", "None", "Some(1)", "()", "true", "'x'", "1e400",
    ])) {
        // Replace the number or date string nearest `position` with a hostile value.
        let bytes = SMALL.as_bytes();
        let start = (position % bytes.len()..bytes.len()).find(|&i| bytes[i].is_ascii_digit() || bytes[i] == b'"');
        if let Some(start) = start {
            let end = (start + 1..bytes.len()).find(|&i| !(bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-' || bytes[i] == b'"')).unwrap_or(bytes.len());
            let mutated = format!("{}{}{}", &SMALL[..start], replacement, &SMALL[end..]);
            assert_explained(mutated.as_bytes());
        }
    }

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        assert_explained(&bytes);
    }

    #[test]
    fn random_edits_of_the_built_in_dataset_are_explained(position in 0usize..BUILTIN_RON.len(), byte in any::<u8>()) {
        let mut bytes = BUILTIN_RON.as_bytes().to_vec();
        bytes[position] = byte;
        assert_explained(&bytes);
    }
}

#[test]
fn absurd_values_get_clear_messages() {
    let year = SMALL.replace("\"2007-09-01\"", "\"262143-01-01\"");
    let error = load_str(&year, "x.ron").unwrap_err();
    assert!(error.to_string().contains("YYYY-MM-DD"), "{error}");
    let count = SMALL.replace("165607),", "4294967296),");
    let error = load_str(&count, "x.ron").unwrap_err();
    assert!(
        error.to_string().contains("4294967296 is too large"),
        "{error}"
    );
}

#[test]
fn a_corrupt_or_old_saved_view_is_ignored() {
    struct Store(Option<String>);
    impl eframe::Storage for Store {
        fn get_string(&self, _key: &str) -> Option<String> {
            self.0.clone()
        }
        fn set_string(&mut self, _key: &str, _value: String) {}
        fn remove_string(&mut self, _key: &str) {}
        fn flush(&mut self) {}
    }
    for saved in [
        "garbage(((",
        "(x_range: \"not a range\")",
        "",
        "(theme: Purple)",
    ] {
        let view = troopline::ui::restore_view(Some(&Store(Some(saved.to_owned()))));
        assert!(view.show_events && view.x_range.is_none(), "{saved}");
    }
    // A state saved by an older version, with fewer fields, keeps what it has.
    let view = troopline::ui::restore_view(Some(&Store(Some("(cumulative: true)".to_owned()))));
    assert!(view.cumulative && view.show_events);
    let view = troopline::ui::restore_view(None);
    assert!(view.recent_files.is_empty());
}
