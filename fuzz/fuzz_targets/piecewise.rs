//! Fuzz the fast path for big files: reading the big lists piecewise (the scanner, the quick
//! element reader, putting the pieces back) must either decline or give exactly ron's result.

#![no_main]

use libfuzzer_sys::fuzz_target;
use troopline::dataset::fuzzing::both_parses;

fuzz_target!(|text: &str| {
    let (piecewise, plain) = both_parses(text);
    if let Some(piecewise) = piecewise {
        assert_eq!(Some(piecewise), plain, "the piecewise parse disagrees with ron");
    }
});
