//! Reading a dataset from text or a file: size cap, encoding, RON parsing, then validation.

use std::fmt;
use std::io::Read;
use std::path::Path;

use ron::extensions::Extensions;

use super::{Dataset, chunked, thousands, validate};

/// Files larger than this are refused before parsing (256 MiB): far beyond any real dataset,
/// small enough that a mistaken multi-gigabyte file cannot exhaust memory.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Nesting deeper than this is refused, so hostile input cannot overflow the stack.
/// A valid dataset nests four levels deep.
const RECURSION_LIMIT: usize = 64;

/// Texts at least this long have their big lists read apart from the rest: quickly, and on
/// several threads when the machine has the cores. Shorter ones, which includes every file
/// written by hand, are read by ron in one go (in well under 50 ms at this size); see "Does
/// the RON fast path still earn its keep?" in docs/performance.md.
const PIECEWISE_MIN_BYTES: usize = 1024 * 1024;

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

/// At most this many problems are kept and listed; the rest are only counted. A broken file can
/// have millions, and the first hundred are what an author fixes first anyway.
pub const MAX_LISTED_PROBLEMS: usize = 100;

/// Why a dataset could not be loaded: the first [`MAX_LISTED_PROBLEMS`] problems found, and how
/// many more there are.
#[derive(Debug, thiserror::Error)]
#[error("{}", render(origin, problems, *omitted))]
pub struct LoadError {
    /// The file name (or "built-in dataset") the problems refer to.
    pub origin: String,
    /// What is wrong, in file order for syntax errors and item order otherwise: all of it, or
    /// the first [`MAX_LISTED_PROBLEMS`] problems.
    pub problems: Vec<Problem>,
    /// Problems found beyond those listed.
    pub omitted: usize,
}

fn render(origin: &str, problems: &[Problem], omitted: usize) -> String {
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
    if omitted > 0 {
        out.push_str(&format!(
            "\n{origin}: … and {} more problem{}",
            thousands(omitted as u64),
            if omitted == 1 { "" } else { "s" }
        ));
    }
    out
}

impl LoadError {
    /// Problems listed in full, with nothing omitted.
    pub fn new(origin: &str, problems: Vec<Problem>) -> Self {
        Self {
            origin: origin.to_owned(),
            problems,
            omitted: 0,
        }
    }

    /// How many problems were found, listed or not.
    pub fn count(&self) -> usize {
        self.problems.len() + self.omitted
    }

    /// "1 problem", "12,345 problems".
    pub fn count_text(&self) -> String {
        let count = self.count();
        format!(
            "{} problem{}",
            thousands(count as u64),
            if count == 1 { "" } else { "s" }
        )
    }

    fn file(origin: &str, message: impl fmt::Display) -> Self {
        Self::new(
            origin,
            vec![Problem {
                location: Location::File,
                message: message.to_string(),
                excerpt: None,
            }],
        )
    }
}

/// Reads, parses and validates the dataset at `path`. Only regular files are read (after
/// following symbolic links): a folder, named pipe, socket or device gets an error at once
/// rather than a read that could block forever or never end.
pub fn load_file(path: &Path) -> Result<Dataset, LoadError> {
    let origin = path.display().to_string();
    let bytes = read_file(path, &origin)?;
    load_bytes(&bytes, &origin)
}

/// The bytes of the regular file at `path`, at most [`MAX_FILE_BYTES`]; `origin` names it in
/// errors. Every dataset reader (RON or table) reads through here.
pub fn read_file(path: &Path, origin: &str) -> Result<Vec<u8>, LoadError> {
    let cannot_open =
        |error: std::io::Error| LoadError::file(origin, format!("cannot open the file: {error}"));
    let metadata = std::fs::metadata(path).map_err(cannot_open)?;
    if !metadata.is_file() {
        return Err(not_regular(origin, &metadata));
    }
    let file = open_without_blocking(path).map_err(cannot_open)?;
    // The path may have been swapped for something else between the check and the open.
    let metadata = file.metadata().map_err(cannot_open)?;
    if !metadata.is_file() {
        return Err(not_regular(origin, &metadata));
    }
    let size = metadata.len();
    if size > MAX_FILE_BYTES {
        return Err(too_large(origin, size));
    }
    let mut bytes = Vec::new();
    // `take` guards files that grow while being read and special files that report size 0.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| LoadError::file(origin, format!("cannot read the file: {error}")))?;
    Ok(bytes)
}

/// Opening a named pipe blocks until a writer appears; non-blocking, it returns at once. For a
/// regular file the flag changes nothing.
#[cfg(unix)]
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

fn not_regular(origin: &str, metadata: &std::fs::Metadata) -> LoadError {
    let kind = file_kind(metadata);
    if metadata.is_dir() {
        LoadError::file(origin, "it is a folder, not a dataset file")
    } else {
        LoadError::file(
            origin,
            format!("it is {kind}, not a regular file; troopline reads datasets from files only"),
        )
    }
}

#[cfg(unix)]
fn file_kind(metadata: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let kind = metadata.file_type();
    if kind.is_fifo() {
        "a named pipe (FIFO)"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn file_kind(_: &std::fs::Metadata) -> &'static str {
    "a special file"
}

fn too_large(origin: &str, size: u64) -> LoadError {
    LoadError::file(
        origin,
        format!(
            "the file is {} MiB; datasets are limited to {} MiB",
            thousands(size.div_ceil(1024 * 1024)),
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
        LoadError::new(
            origin,
            vec![Problem {
                location: Location::Text { line, column },
                message: format!(
                    "the file is not UTF-8 text (invalid byte at offset {}); save it as UTF-8",
                    thousands(error.valid_up_to() as u64)
                ),
                excerpt: None,
            }],
        )
    })?;
    load_str(text, origin)
}

/// Parses and validates dataset text; `origin` names it in messages.
pub fn load_str(text: &str, origin: &str) -> Result<Dataset, LoadError> {
    validated(parse(text, origin)?, origin)
}

/// `dataset` if it follows every rule, else its problems; `origin` names it in messages.
pub(super) fn validated(dataset: Dataset, origin: &str) -> Result<Dataset, LoadError> {
    let found = validate::problems(&dataset);
    if found.is_empty() {
        Ok(dataset)
    } else {
        Err(LoadError {
            origin: origin.to_owned(),
            problems: found.listed,
            omitted: found.omitted,
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
            LoadError::new(
                origin,
                vec![Problem {
                    location: Location::Text { line, column: col },
                    message: grouped_number(text, line, col)
                        .unwrap_or_else(|| explain(&error.code)),
                    excerpt: excerpt(text, line, col),
                }],
            )
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

/// A figure typed with thousands separators (`troops: 100,000`) where ron stopped: RON reads
/// `100` and then trips on `000`. The message says what to write instead.
fn grouped_number(text: &str, line: usize, column: usize) -> Option<String> {
    let source_line = text.lines().nth(line.checked_sub(1)?)?;
    let chars: Vec<char> = source_line.chars().collect();
    let at = column.checked_sub(1)?.min(chars.len());
    let part = |c: &char| c.is_ascii_digit() || *c == ',';
    let start = chars[..at]
        .iter()
        .rposition(|c| !part(c))
        .map_or(0, |p| p + 1);
    let end = chars[at..]
        .iter()
        .position(|c| !part(c))
        .map_or(chars.len(), |p| at + p);
    let token: String = chars[start..end].iter().collect::<String>();
    let token = token.trim_matches(',');
    let groups: Vec<&str> = token.split(',').collect();
    let grouped = groups.len() > 1
        && groups[0].len() <= 3
        && !groups[0].is_empty()
        && groups[1..].iter().all(|g| g.len() == 3);
    grouped.then(|| {
        format!(
            "{token} has a thousands separator, which a dataset file cannot hold: write {}",
            groups.concat()
        )
    })
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

#[cfg(test)]
mod grouped_number_tests {
    #[test]
    fn a_thousands_separator_gets_the_number_to_write() {
        let text = "Dataset(format: 1, title: \"T\", sources: [], deployments: [\n  Deployment(id: \"a\", label: \"A\", points: [(date: \"2007-01-01\", troops: 100,000)]),\n])";
        let error = super::load_str(text, "x.ron").unwrap_err().to_string();
        assert!(error.contains("write 100000"), "{error}");
        assert_eq!(
            super::grouped_number("a: 1,234,567)", 1, 9).as_deref(),
            Some(
                "1,234,567 has a thousands separator, which a dataset file cannot hold: write 1234567"
            )
        );
        assert_eq!(super::grouped_number("a: (1, 2)", 1, 7), None);
    }
}
