//! Fuzz the loader: any bytes must give a dataset or located problems, never a panic or hang.

#![no_main]

use libfuzzer_sys::fuzz_target;
use troopline::dataset::{Location, load_bytes};

fuzz_target!(|bytes: &[u8]| {
    if let Err(error) = load_bytes(bytes, "fuzz.ron") {
        assert!(!error.problems.is_empty());
        for problem in &error.problems {
            if let Location::Text { line, column } = problem.location {
                assert!(line >= 1 && column >= 1);
            }
        }
        // Rendering the message must not panic either (excerpts slice the input).
        let _ = error.to_string();
    }
});
