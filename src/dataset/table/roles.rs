//! What a column of figures is, guessed from its header and overridable.
//!
//! Rules, in order:
//! 1. A column the user names with `--ignore`, `--troops` or `--casualties` (or the dialog's
//!    role picker) is what the user says.
//! 2. A header naming deaths or wounded is **casualties**: `deaths`, `dead`, `killed`,
//!    `fatalities`, `KIA`, `WIA`, `wounded`, `injured`, `casualties`, and `dræbte`, `døde`,
//!    `sårede`, `Tote`, `Getötete`, `Verwundete`, `morts`, `tués`, `blessés`, `muertos`,
//!    `heridos`, `bajas`.
//! 3. A header that is only `Total` (`Totals`, `Sum`, `I alt`, `Insgesamt`, `Gesamt`), or that
//!    names a share or change (`%`, `percent`, `pct`, `Prozent`, `procent`), is **ignored**: a
//!    total double-counts the other series and a percentage is not a count of people.
//! 4. Anything else is a **troop level**.
//!
//! Every guess of rules 2 and 3 is reported (`check`, the dialog), with the flag that undoes it.

use super::detect::{normalize, split_unit};

/// The role of a column of figures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FigureRole {
    /// Troop levels at dates.
    Troops,
    /// Casualty counts over periods.
    Casualties,
    /// Not charted.
    Ignore,
}

/// Words of casualty headers (lower case), matched whole.
const CASUALTY_WORDS: [&str; 22] = [
    "dead",
    "killed",
    "kia",
    "wia",
    "wounded",
    "injured",
    "dræbte",
    "døde",
    "sårede",
    "tote",
    "toten",
    "getötete",
    "gefallene",
    "verwundete",
    "verletzte",
    "morts",
    "tués",
    "blessés",
    "muertos",
    "heridos",
    "bajas",
    "victims",
];

/// Word starts of casualty headers (`deaths`, `fatalities`, `casualty`).
const CASUALTY_STEMS: [&str; 3] = ["death", "fatalit", "casualt"];

/// Whole headers (without unit) of a total column.
const TOTAL_NAMES: [&str; 7] = [
    "total",
    "totals",
    "sum",
    "i alt",
    "insgesamt",
    "gesamt",
    "all",
];

/// Words of a share or change.
const PERCENT_WORDS: [&str; 5] = ["percent", "pct", "prozent", "procent", "porcentaje"];

/// The role a header suggests (rules 2–4).
pub fn guess(header: &str) -> FigureRole {
    let (label, _) = split_unit(header);
    let name = normalize(label);
    if TOTAL_NAMES.contains(&name.as_str()) {
        return FigureRole::Ignore;
    }
    let lower = header.to_lowercase();
    if lower.contains('%') {
        return FigureRole::Ignore;
    }
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.iter().any(|w| PERCENT_WORDS.contains(w)) {
        return FigureRole::Ignore;
    }
    let casualty = words
        .iter()
        .any(|w| CASUALTY_WORDS.contains(w) || CASUALTY_STEMS.iter().any(|s| w.starts_with(s)));
    if casualty {
        FigureRole::Casualties
    } else {
        FigureRole::Troops
    }
}

/// Whether `wanted` (as the user typed it) names the column with this header or label.
pub fn names(wanted: &str, header: &str, label: &str, id: &str) -> bool {
    let key = normalize(wanted);
    normalize(label) == key || normalize(header) == key || id == wanted
}

/// What a guess means for the user, and the flag that undoes it.
pub fn explain(header: &str, role: FigureRole) -> Option<String> {
    match role {
        FigureRole::Troops => None,
        FigureRole::Casualties => Some(format!(
            "column {header:?} read as casualties (its header names deaths or wounded); give --troops {header:?} to read it as troop levels"
        )),
        FigureRole::Ignore => Some(format!(
            "column {header:?} left out (a total or a percentage is not a series); give --troops {header:?} to chart it"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn casualty_headers_in_six_languages() {
        for header in [
            "US military deaths",
            "Deaths",
            "Killed",
            "Fatalities",
            "KIA",
            "Wounded (WIA)",
            "US casualties",
            "Dræbte",
            "Sårede soldater",
            "Tote",
            "Verwundete",
            "Morts",
            "Muertos",
            "hostile_deaths",
        ] {
            assert_eq!(guess(header), FigureRole::Casualties, "{header:?}");
        }
    }

    #[test]
    fn totals_and_percentages_are_left_out() {
        for header in [
            "Total",
            "TOTAL",
            "Total (thousands)",
            "Change (%)",
            "% of total",
            "Share, percent",
            "I alt",
        ] {
            assert_eq!(guess(header), FigureRole::Ignore, "{header:?}");
        }
    }

    #[test]
    fn everything_else_is_troops() {
        for header in [
            "Germany",
            "Troops",
            "US troops in Iraq",
            "Total troops",
            "Kiama",
            "Deadline",
            "Totes",
        ] {
            assert_eq!(guess(header), FigureRole::Troops, "{header:?}");
        }
    }
}
