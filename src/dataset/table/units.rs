//! Unit words in a column's header that multiply its figures.
//!
//! Rules: a unit in brackets at the end of the header (`Troops (thousands)`, `US-Truppen (Tsd.)`,
//! `Effectifs [milliers]`, `Tropas (miles)`) or a unit word anywhere in it (`Troops, thousands`,
//! `Soldaten in Tausend`, `tropper i tusinde`) multiplies every figure of the column:
//! - by 1000: `thousands`, `thousand`, `000s`, `'000`, `1000s`, `k` (in brackets only),
//!   `Tsd.`, `Tausend`, `tusinde`, `tusind`, `milliers`, `miles` (in brackets or after `en`:
//!   alone it is a distance);
//! - by a million: `millions`, `million`, `Mio.`, `Millionen`, `millioner`, `millones`.
//!
//! A units row right under the header (`thousands` under each figure column) counts the same.

use super::detect::{split_unit, unit_scale};

/// Words that multiply by a thousand wherever they stand in a header.
const THOUSANDS: [&str; 13] = [
    "thousands",
    "thousand",
    "000s",
    "'000",
    "’000",
    "'000s",
    "1000s",
    "tsd",
    "tausend",
    "tusinde",
    "tusind",
    "milliers",
    "x1000",
];

/// Words that multiply by a million wherever they stand in a header.
const MILLIONS: [&str; 6] = [
    "millions",
    "million",
    "mio",
    "millionen",
    "millioner",
    "millones",
];

/// The factor a whole header (or a units-row cell) names: 1 when it names none.
pub fn scale(header: &str) -> u32 {
    let (_, unit) = split_unit(header);
    let in_brackets = unit.map_or(1, |unit| {
        let lower = unit.to_lowercase();
        let lower = lower.trim().trim_end_matches('.');
        match lower {
            "miles" | "k" | "en miles" | "en milliers" => 1_000,
            _ => unit_scale(unit),
        }
    });
    let lower = header.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut found = in_brackets;
    for (i, word) in words.iter().enumerate() {
        let after_en = i > 0 && words[i - 1] == "en";
        if THOUSANDS.contains(word) || (after_en && *word == "miles") {
            found = found.max(1_000);
        } else if MILLIONS.contains(word) {
            found = found.max(1_000_000);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_words_in_five_languages() {
        for header in [
            "Troops (thousands)",
            "Troops, thousands",
            "Troops ('000)",
            "Troops (000s)",
            "US-Truppen (Tsd.)",
            "US-Truppen in Tausend",
            "Amerikanske tropper (tusinde)",
            "tropper i tusind",
            "Effectifs (milliers)",
            "Tropas (miles)",
            "Tropas en miles",
            "Troops (k)",
        ] {
            assert_eq!(scale(header), 1_000, "{header:?}");
        }
        assert_eq!(scale("Spending (Mio.)"), 1_000_000);
        assert_eq!(scale("Troops (millions)"), 1_000_000);
        for header in [
            "Troops",
            "Germany",
            "Miles driven",
            "Troops (people)",
            "Kosovo",
        ] {
            assert_eq!(scale(header), 1, "{header:?}");
        }
    }
}
