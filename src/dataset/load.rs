//! Reading a dataset from text or a file: size cap, encoding, RON parsing, then validation.

use std::fmt;
use std::io::Read;
use std::path::Path;

use ron::extensions::Extensions;

use super::{Dataset, chunked, validate};

/// Files larger than this are refused before parsing (256 MiB): far beyond any real dataset,
/// small enough that a mistaken multi-gigabyte file cannot exhaust memory.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Nesting deeper than this is refused, so hostile input cannot overflow the stack.
/// A valid dataset nests four levels deep.
const RECURSION_LIMIT: usize = 64;

/// Texts at least this long have their big lists read apart from the rest: quickly, and on
/// several threads when the machine has the cores. Shorter ones are read by ron in one go.
const PIECEWISE_MIN_BYTES: usize = 64 * 1024;

/// Where a problem is in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Location {
    /// The file as a whole (unreadable, too large, ...).
    File,
    /// A line and column, both counted from 1.
    Text {
        /// Line number.
        line: usize,
        /// Column in characters.
        column: usize,
    },
    /// An item path such as `deployments[0].points[12] (2007-10-01)`.
    Item(String),
}

/// One thing wrong with a dataset, in words an author can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where it is.
    pub location: Location,
    /// What is wrong and what was expected.
    pub message: String,
    /// For text locations: the offending line and a caret under the column.
    pub excerpt: Option<String>,
}

impl Problem {
    /// A problem with an item of the parsed dataset.
    pub fn item(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            location: Location::Item(path.into()),
            message: message.into(),
            excerpt: None,
        }
    }

    /// The problem on one line, prefixed by `origin` (the file name): `FILE:LINE:COL: message`.
    pub fn headline(&self, origin: &str) -> String {
        match &self.location {
            Location::File => format!("{origin}: {}", self.message),
            Location::Text { line, column } => {
                format!("{origin}:{line}:{column}: {}", self.message)
            }
            Location::Item(path) => format!("{origin}: {path}: {}", self.message),
        }
    }
}

/// Why a dataset could not be loaded. Every variant lists every problem found, not just the first.
#[derive(Debug, thiserror::Error)]
#[error("{}", render(origin, problems))]
pub struct LoadError {
    /// The file name (or "built-in dataset") the problems refer to.
    pub origin: String,
    /// Everything that is wrong, in file order for syntax errors and item order otherwise.
    pub problems: Vec<Problem>,
}

fn render(origin: &str, problems: &[Problem]) -> String {
    let mut out = String::new();
    for (i, problem) in problems.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&problem.headline(origin));
        if let Some(excerpt) = &problem.excerpt {
            out.push('\n');
            out.push_str(excerpt);
        }
    }
    out
}

impl LoadError {
    fn file(origin: &str, message: impl fmt::Display) -> Self {
        Self {
            origin: origin.to_owned(),
            problems: vec![Problem {
                location: Location::File,
                message: message.to_string(),
                excerpt: None,
            }],
        }
    }
}

/// Reads, parses and validates the dataset at `path`.
pub fn load_file(path: &Path) -> Result<Dataset, LoadError> {
    let origin = path.display().to_string();
    let file = std::fs::File::open(path)
        .map_err(|error| LoadError::file(&origin, format!("cannot open the file: {error}")))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size > MAX_FILE_BYTES {
        return Err(too_large(&origin, size));
    }
    let mut bytes = Vec::new();
    // `take` guards files that grow while being read and special files that report size 0.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| LoadError::file(&origin, format!("cannot read the file: {error}")))?;
    load_bytes(&bytes, &origin)
}

fn too_large(origin: &str, size: u64) -> LoadError {
    LoadError::file(
        origin,
        format!(
            "the file is {} MiB; datasets are limited to {} MiB",
            size.div_ceil(1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        ),
    )
}

/// Parses and validates dataset bytes; `origin` names them in messages.
pub fn load_bytes(bytes: &[u8], origin: &str) -> Result<Dataset, LoadError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(origin, bytes.len() as u64));
    }
    let text = std::str::from_utf8(bytes).map_err(|error| {
        let valid = &bytes[..error.valid_up_to()];
        let valid = std::str::from_utf8(valid).unwrap_or_default();
        let (line, column) = end_position(valid);
        LoadError {
            origin: origin.to_owned(),
            problems: vec![Problem {
                location: Location::Text { line, column },
                message: format!(
                    "the file is not UTF-8 text (invalid byte at offset {}); save it as UTF-8",
                    error.valid_up_to()
                ),
                excerpt: None,
            }],
        }
    })?;
    load_str(text, origin)
}

/// Parses and validates dataset text; `origin` names it in messages.
pub fn load_str(text: &str, origin: &str) -> Result<Dataset, LoadError> {
    let dataset = parse(text, origin)?;
    let problems = validate::problems(&dataset);
    if problems.is_empty() {
        Ok(dataset)
    } else {
        Err(LoadError {
            origin: origin.to_owned(),
            problems,
        })
    }
}

/// Parses RON text into a dataset without checking its rules.
pub fn parse(text: &str, origin: &str) -> Result<Dataset, LoadError> {
    // A byte-order mark is invisible in editors; accept it rather than report column 1 as wrong.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let options = ron_options();
    if text.len() >= PIECEWISE_MIN_BYTES {
        let threads = std::thread::available_parallelism()
            .map_or(1, usize::from)
            .min(8);
        // Many pieces per thread: the last ones to finish keep every core busy until the end.
        // On one core, one piece per list.
        let piece_bytes = if threads > 1 {
            text.len() / (threads * 16)
        } else {
            text.len()
        };
        if let Some(dataset) = chunked::parse(text, &options, threads, piece_bytes) {
            return Ok(without_slack(dataset));
        }
    }
    // The sequential parse is also the one that explains errors, with line and column.
    options
        .from_str::<Dataset>(text)
        .map(without_slack)
        .map_err(|error| {
            let ron::error::Position { line, col } = error.span.start;
            LoadError {
                origin: origin.to_owned(),
                problems: vec![Problem {
                    location: Location::Text { line, column: col },
                    message: explain(&error.code),
                    excerpt: excerpt(text, line, col),
                }],
            }
        })
}

/// How datasets are read: bare values for optional fields (`low: 5` for `Some(5)`), and a
/// nesting limit.
pub(super) fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(RECURSION_LIMIT)
}

/// The lists as long as their content: parsing grows them by doubling, which can leave up to
/// half of a large list's memory unused for as long as the dataset is open.
fn without_slack(mut dataset: Dataset) -> Dataset {
    for deployment in &mut dataset.deployments {
        deployment.points.shrink_to_fit();
    }
    for casualties in &mut dataset.casualties {
        casualties.periods.shrink_to_fit();
    }
    dataset.events.shrink_to_fit();
    dataset
}

/// ron's messages, reworded where they would puzzle someone who does not know RON's internals.
fn explain(code: &ron::Error) -> String {
    match code {
        ron::Error::Eof => "the file ends too early: a closing bracket or value is missing".into(),
        ron::Error::ExceededRecursionLimit => {
            format!("brackets are nested more than {RECURSION_LIMIT} deep; a dataset needs four")
        }
        ron::Error::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            let outer = outer.as_deref().unwrap_or("this item");
            format!(
                "unknown field `{found}` in {outer}; expected one of: {}",
                expected.join(", ")
            )
        }
        ron::Error::MissingStructField { field, outer } => {
            let outer = outer.as_deref().unwrap_or("this item");
            format!("{outer} is missing the required field `{field}`")
        }
        other => other.to_string(),
    }
}

/// The offending line with a caret under `column`, indented for terminal output.
fn excerpt(text: &str, line: usize, column: usize) -> Option<String> {
    let source_line = text.lines().nth(line.checked_sub(1)?)?;
    // Very long lines (minified files) are cut around the column so the caret stays visible.
    let chars: Vec<char> = source_line.trim_end_matches('\r').chars().collect();
    let start = column.saturating_sub(60).min(chars.len());
    let end = (start + 120).min(chars.len());
    let shown: String = chars[start..end]
        .iter()
        .map(|&c| if c == '\t' { ' ' } else { c })
        .collect();
    let caret = column.saturating_sub(1).saturating_sub(start);
    Some(format!("    {shown}\n    {}^", " ".repeat(caret)))
}

fn end_position(text: &str) -> (usize, usize) {
    let line = 1 + text.matches('\n').count();
    let column = 1 + text
        .rsplit('\n')
        .next()
        .map_or(0, |last| last.chars().count());
    (line, column)
}
