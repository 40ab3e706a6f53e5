//! The data layer: dataset types, loading and validation. Knows nothing about drawing.

mod chunked;
mod date;
mod element_reader;
mod load;
mod model;
mod numbers;
mod periods;
mod select;
pub mod starter;
pub mod table;
pub mod text;
mod tidy_columns;
mod validate;
pub mod warnings;

pub use date::{Date, Precision};
pub use load::{
    LoadError, Location, MAX_FILE_BYTES, MAX_LISTED_PROBLEMS, Problem, load_bytes, load_file,
    load_str, read_file,
};
pub use model::{
    Casualties, Dataset, Deployment, Estimate, EstimateStatus, Event, FORMAT_VERSION, Importance,
    LineShape, Period, Point, PointKind, Source, View, words,
};
pub use numbers::thousands;
pub use periods::TimeUnit;
pub use select::Selection;
pub use table::{TableOptions, load_path, load_table};
pub use tidy_columns::TIDY_COLUMNS;

/// The built-in dataset (`assets/`), embedded in the binary.
pub const BUILTIN_RON: &str = include_str!("../../assets/iraq.ron");

/// Name used for the built-in dataset in menus and messages: "Built-in: ", its title and the
/// years it covers, from the embedded file itself, so no dataset's name is written in the code.
pub fn builtin_name() -> &'static str {
    static NAME: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| match builtin() {
        Ok(dataset) => match dataset.date_range() {
            Some((first, last)) => format!(
                "Built-in: {}, {}–{}",
                dataset.title,
                first.year(),
                last.year()
            ),
            None => format!("Built-in: {}", dataset.title),
        },
        Err(_) => "Built-in dataset".to_owned(),
    });
    &NAME
}

/// Loads the built-in dataset. It is checked by the test suite, so an error here means a
/// broken build; callers still handle it rather than panic.
pub fn builtin() -> Result<Dataset, LoadError> {
    load_str(BUILTIN_RON, "assets/iraq.ron")
}

/// Entry points for the fuzz targets in `fuzz/` only (cargo fuzz builds with `--cfg fuzzing`).
#[cfg(fuzzing)]
pub mod fuzzing {
    use super::{Dataset, chunked, load};

    /// The text read piecewise, in tiny pieces on two threads (`None` where that path declines
    /// and would leave the text to ron), and read by ron alone (`None` for an error).
    pub fn both_parses(text: &str) -> (Option<Dataset>, Option<Dataset>) {
        let options = load::ron_options();
        (
            chunked::parse(text, &options, 2, 16),
            options.from_str(text).ok(),
        )
    }
}
