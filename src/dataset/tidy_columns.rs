//! The tidy table's columns: part of the dataset format, shared by the table reader (which
//! recognises a tidy table by them) and the CSV writer (which writes them in this order).
//! docs/tables.md says which field of the dataset each column carries.

/// The columns of a tidy table, in the order `troopline export-csv` writes them.
pub const TIDY_COLUMNS: [&str; 12] = [
    "kind",
    "series",
    "series_label",
    "from",
    "to",
    "value",
    "low",
    "high",
    "source",
    "note",
    "title",
    "category",
];
