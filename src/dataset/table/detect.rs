//! What the header row says: which column holds dates, which hold figures, whether the table
//! is "tidy" (one figure per row, as `troopline export-csv` writes) or "wide" (one column per
//! series), and what unit a header names (`Germany (troops)`, `Troops (thousands)`).

use std::collections::{HashMap, HashSet};

/// Header names (compared without case, spaces or underscores, after any unit is removed) of
/// the column that dates each row. The first such column is the date column.
pub const DATE_NAMES: [&str; 24] = [
    "date",
    "day",
    "as of",
    "asof",
    "as of date",
    "period",
    "time",
    "when",
    "year",
    "month",
    "week",
    "from",
    "start",
    "start date",
    "begin",
    "from date",
    "date from",
    "period start",
    "datum",
    "fecha",
    "data",
    "jahr",
    "annee",
    "ano",
];

/// Header names of a column giving the last day of a period (with a date column: periods).
pub const END_NAMES: [&str; 10] = [
    "to",
    "end",
    "end date",
    "until",
    "through",
    "thru",
    "to date",
    "date to",
    "period end",
    "bis",
];

/// Header names of a column naming each row's source.
pub const SOURCE_NAMES: [&str; 4] = ["source", "sources", "quelle", "fuente"];

/// Header names of a column with a note on each row.
pub const NOTE_NAMES: [&str; 6] = ["note", "notes", "comment", "comments", "remark", "remarks"];

/// What a column of a wide table holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// The date of each row (or first day of its period).
    Date,
    /// The last day of each row's period.
    End,
    /// The source of the row's figures.
    Source,
    /// A note on the row's figures.
    Note,
    /// Figures of one series.
    Figures,
}

/// A header reduced for comparison: lower case, accents of a few common letters removed, runs
/// of spaces, underscores and dashes as one space.
pub fn normalize(header: &str) -> String {
    let mut out = String::with_capacity(header.len());
    for c in header.trim().chars() {
        let c = match c {
            'é' | 'è' | 'É' => 'e',
            'ñ' | 'Ñ' => 'n',
            'ä' | 'Ä' => 'a',
            _ => c,
        };
        if c.is_whitespace() || c == '_' || c == '-' {
            if !out.ends_with(' ') && !out.is_empty() {
                out.push(' ');
            }
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out.trim_end().to_owned()
}

/// `"Germany (troops)"` → `("Germany", Some("troops"))`; also `[...]`. Without a unit,
/// `(label, None)`.
pub fn split_unit(header: &str) -> (&str, Option<&str>) {
    let header = header.trim();
    for (open, close) in [('(', ')'), ('[', ']')] {
        if let Some(inner) = header.strip_suffix(close)
            && let Some(at) = inner.rfind(open)
        {
            let label = inner[..at].trim_end();
            if !label.is_empty() {
                return (label, Some(inner[at + 1..].trim()));
            }
        }
    }
    (header, None)
}

/// The factor a unit stands for: 1000 for "thousands", "'000", "000s" or "k"; a million for
/// "millions" or "m"; otherwise 1 (troops, people, persons, number, ...).
pub fn unit_scale(unit: &str) -> u32 {
    let unit = normalize(unit);
    let unit = unit.trim_start_matches("in ");
    match unit {
        "thousands" | "thousand" | "'000" | "’000" | "000" | "000s" | "'000s" | "k" | "1000s"
        | "1,000s" | "x 1000" | "x1000" => 1_000,
        "millions" | "million" | "m" | "mn" => 1_000_000,
        _ => 1,
    }
}

/// The role of a column from its header.
pub fn role(header: &str) -> Role {
    let (label, _) = split_unit(header);
    let name = normalize(label);
    let name = name.as_str();
    if DATE_NAMES.contains(&name) {
        Role::Date
    } else if END_NAMES.contains(&name) {
        Role::End
    } else if SOURCE_NAMES.contains(&name) {
        Role::Source
    } else if NOTE_NAMES.contains(&name) {
        Role::Note
    } else {
        Role::Figures
    }
}

/// `"South Korea"` → `"south-korea"`: ids for series made from headers.
pub fn slug(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "series".to_owned()
    } else {
        slug.chars().take(60).collect()
    }
}

/// The slugs given out so far, so that each new one is unique in constant time (a table may
/// have 100,000 headers, all alike): `germany`, then `germany-2`, `germany-3`, ...
#[derive(Clone, Debug, Default)]
pub struct Slugs {
    taken: HashSet<String>,
    /// The next suffix to try for a base, so repeats never rescan the ones already given.
    next: HashMap<String, usize>,
    /// Candidates tried so far (at most two per slug given out, whatever the headers), for the
    /// test that holds the work linear.
    #[cfg_attr(not(test), allow(dead_code))]
    tries: usize,
}

impl Slugs {
    /// A slug of `text` not given out before, now taken.
    pub fn unique(&mut self, text: &str) -> String {
        let base = slug(text);
        self.tries += 1;
        if self.taken.insert(base.clone()) {
            return base;
        }
        let next = self.next.entry(base.clone()).or_insert(2);
        // Each suffix is tried once per base over the whole table: linear overall.
        loop {
            let candidate = format!("{base}-{next}");
            *next += 1;
            self.tries += 1;
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
        }
    }

    /// How many candidates were tried so far.
    #[cfg(test)]
    pub fn tries(&self) -> usize {
        self.tries
    }
}

/// The columns of a tidy table, by position. `troopline export-csv` writes all of them; a
/// table written by hand needs `series`, `from` (or `date`) and `value`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TidyColumns {
    /// `troops`, `casualties`, `event`, `series`, `source` or `dataset` (default `troops`).
    pub kind: Option<usize>,
    /// Series id.
    pub series: Option<usize>,
    /// Series label.
    pub series_label: Option<usize>,
    /// Date of a point, first day of a period or event.
    pub from: Option<usize>,
    /// Last day of a period or event.
    pub to: Option<usize>,
    /// The figure.
    pub value: Option<usize>,
    /// Lowest figure across sources.
    pub low: Option<usize>,
    /// Highest figure across sources.
    pub high: Option<usize>,
    /// Source id.
    pub source: Option<usize>,
    /// Note (event detail, source link, subtitle).
    pub note: Option<usize>,
    /// Event, source or dataset title.
    pub title: Option<usize>,
    /// Event category, source publisher, series kind.
    pub category: Option<usize>,
}

impl TidyColumns {
    /// The tidy columns named in `headers`, if the header is a tidy one (it names `series`
    /// and `value`, or `kind`). Unknown headers are returned as `(column, header)`.
    pub fn from_headers(headers: &[String]) -> Option<(Self, Vec<(usize, String)>)> {
        let names: Vec<String> = headers.iter().map(|h| normalize(h)).collect();
        let has = |name: &str| names.iter().any(|n| n == name);
        if !(has("kind") || (has("series") && has("value"))) {
            return None;
        }
        let mut columns = Self::default();
        let mut unknown = Vec::new();
        for (index, name) in names.iter().enumerate() {
            let slot = match name.as_str() {
                "kind" => &mut columns.kind,
                "series" => &mut columns.series,
                "series label" => &mut columns.series_label,
                "from" | "date" => &mut columns.from,
                "to" | "end" => &mut columns.to,
                "value" => &mut columns.value,
                "low" => &mut columns.low,
                "high" => &mut columns.high,
                "source" => &mut columns.source,
                "note" => &mut columns.note,
                "title" => &mut columns.title,
                "category" => &mut columns.category,
                "" => continue,
                _ => {
                    unknown.push((index, headers[index].clone()));
                    continue;
                }
            };
            if slot.is_none() {
                *slot = Some(index);
            } else {
                unknown.push((index, headers[index].clone()));
            }
        }
        Some((columns, unknown))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_compared_loosely() {
        assert_eq!(normalize("  Start_Date "), "start date");
        assert_eq!(normalize("As-of  date"), "as of date");
        assert_eq!(normalize("Année"), "annee");
        assert_eq!(normalize("AÑO"), "ano");
        assert_eq!(normalize("Länge"), "lange");
        assert_eq!(normalize("_id"), "id");
        assert_eq!(normalize(""), "");
    }

    #[test]
    fn units_are_split_off_headers() {
        assert_eq!(split_unit("Germany (troops)"), ("Germany", Some("troops")));
        assert_eq!(
            split_unit("Troops [thousands]"),
            ("Troops", Some("thousands"))
        );
        assert_eq!(split_unit("Germany"), ("Germany", None));
        assert_eq!(split_unit("(troops)"), ("(troops)", None));
        assert_eq!(split_unit("A (b) (c)"), ("A (b)", Some("c")));
        assert_eq!(unit_scale("thousands"), 1_000);
        assert_eq!(unit_scale("in thousands"), 1_000);
        assert_eq!(unit_scale("'000"), 1_000);
        assert_eq!(unit_scale("K"), 1_000);
        assert_eq!(unit_scale("Millions"), 1_000_000);
        assert_eq!(unit_scale("troops"), 1);
        assert_eq!(unit_scale(""), 1);
    }

    #[test]
    fn roles_of_columns() {
        assert_eq!(role("Date"), Role::Date);
        assert_eq!(role("year"), Role::Date);
        assert_eq!(role("As of"), Role::Date);
        assert_eq!(role("Date (end of month)"), Role::Date);
        assert_eq!(role("to"), Role::End);
        assert_eq!(role("End date"), Role::End);
        assert_eq!(role("Source"), Role::Source);
        assert_eq!(role("Notes"), Role::Note);
        assert_eq!(role("Germany (troops)"), Role::Figures);
        assert_eq!(role("count"), Role::Figures);
    }

    #[test]
    fn slugs_are_ids() {
        assert_eq!(slug("South Korea"), "south-korea");
        assert_eq!(slug("  US troops, Korea! "), "us-troops-korea");
        assert_eq!(slug("Île-de-France"), "île-de-france");
        assert_eq!(slug("***"), "series");
        let mut slugs = Slugs::default();
        assert_eq!(slugs.unique("Germany"), "germany");
        assert_eq!(slugs.unique("germany 2"), "germany-2");
        assert_eq!(slugs.unique("Germany"), "germany-3");
        assert_eq!(slugs.unique("Japan"), "japan");
        assert_eq!(slugs.unique("Germany"), "germany-4");
    }

    #[test]
    fn unique_slugs_take_linear_work_whatever_the_headers() {
        // The worst case for a scan: every suffix already taken, then the same name again and
        // again. Each slug costs at most two tries in all (its base, then one fresh suffix,
        // since suffixes already tried are never tried again).
        for n in [1_000, 10_000] {
            let mut slugs = Slugs::default();
            let mut ids = HashSet::new();
            for i in 2..n + 2 {
                ids.insert(slugs.unique(&format!("a {i}")));
            }
            for _ in 0..n {
                ids.insert(slugs.unique("a"));
            }
            assert_eq!(ids.len(), 2 * n);
            assert!(
                slugs.tries() <= 4 * n + 2,
                "{} tries for {} slugs",
                slugs.tries(),
                2 * n
            );
        }
    }

    #[test]
    fn tidy_headers() {
        let headers: Vec<String> = crate::dataset::TIDY_COLUMNS
            .iter()
            .map(|h| (*h).to_owned())
            .collect();
        let (columns, unknown) = TidyColumns::from_headers(&headers).unwrap();
        assert!(unknown.is_empty());
        assert_eq!(columns.kind, Some(0));
        assert_eq!(columns.category, Some(11));
        let hand: Vec<String> = ["Series", "Date", "Value", "Extra"]
            .iter()
            .map(|h| (*h).to_owned())
            .collect();
        let (columns, unknown) = TidyColumns::from_headers(&hand).unwrap();
        assert_eq!(
            (columns.series, columns.from, columns.value, columns.kind),
            (Some(0), Some(1), Some(2), None)
        );
        assert_eq!(unknown, vec![(3, "Extra".to_owned())]);
        let wide: Vec<String> = ["date", "Germany"]
            .iter()
            .map(|h| (*h).to_owned())
            .collect();
        assert!(TidyColumns::from_headers(&wide).is_none());
        let headers =
            |names: &[&str]| -> Vec<String> { names.iter().map(|h| (*h).to_owned()).collect() };
        // A column named "series" alone does not make a table tidy.
        assert!(TidyColumns::from_headers(&headers(&["date", "series"])).is_none());
        // Empty headers are neither columns nor unknown.
        let (columns, unknown) =
            TidyColumns::from_headers(&headers(&["series", "", "date", "value"])).unwrap();
        assert!(unknown.is_empty());
        assert_eq!((columns.from, columns.value), (Some(2), Some(3)));
        // A repeated column is reported, not silently used twice.
        let twice =
            TidyColumns::from_headers(&headers(&["series", "date", "value", "Value"])).unwrap();
        assert_eq!(twice.1, vec![(3, "Value".to_owned())]);
    }
}
