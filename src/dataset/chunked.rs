//! Parsing a large dataset on every core (rayon's pool).
//!
//! Nearly all of a big file is the element lists of a few arrays (`points`, `periods`,
//! `events`). A light scanner finds those arrays and cuts them between elements; each piece is
//! parsed as a task of its own (by [`element_reader`] in the usual spelling, by ron otherwise), and
//! the rest of the file (the "skeleton", with those arrays emptied) by ron meanwhile. The pieces
//! are then put back in order.
//!
//! This is only a faster path to the same result. Whenever the scanner meets anything it does not
//! fully understand (block comments, raw strings, `#![enable(...)]`, non-ASCII outside strings) or
//! any piece fails to parse, it gives up and the caller parses the whole text sequentially, which
//! also produces the precise error messages.

use std::ops::Range;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use super::element_reader;
use super::model::{Dataset, Event, Period, Point};

/// Which list of the dataset an array fills.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// `deployments[owner].points`
    Points,
    /// `casualties[owner].periods`
    Periods,
    /// `events`
    Events,
}

/// An array worth parsing apart from the skeleton.
#[derive(Debug)]
struct LargeArray {
    kind: Kind,
    /// Index of the deployment or casualty series it belongs to (0 for events).
    owner: usize,
    /// The text between its brackets.
    content: Range<usize>,
    /// Commas between two elements where it may be cut.
    cuts: Vec<usize>,
}

/// The parsed pieces of one array.
enum Piece {
    Points(Vec<Point>),
    Periods(Vec<Period>),
    Events(Vec<Event>),
}

/// Smallest array content (bytes) parsed apart: below this, a thread costs more than it saves.
const MIN_ARRAY_BYTES: usize = 64 * 1024;

/// Parses `text`, on rayon's pool when `threads` is more than one, cutting arrays into pieces
/// of about `piece_bytes`. `None` means "parse it sequentially instead": the shape was not
/// understood or some part is invalid.
///
/// The scan and the parse overlap: each piece is handed to the pool as soon as the scanner has
/// found where it ends, and the skeleton is parsed here while the pieces are.
pub(super) fn parse(
    text: &str,
    options: &ron::Options,
    threads: usize,
    piece_bytes: usize,
) -> Option<Dataset> {
    let failed = AtomicBool::new(false);
    let results: Mutex<Vec<(Job, Option<Piece>)>> = Mutex::new(Vec::new());
    let run = |job: Job| {
        if failed.load(Ordering::Relaxed) {
            return;
        }
        let piece = parse_piece(job.kind, &text[job.range.clone()], options);
        if piece.is_none() {
            failed.store(true, Ordering::Relaxed);
        }
        match results.lock() {
            Ok(mut results) => results.push((job, piece)),
            Err(_) => failed.store(true, Ordering::Relaxed),
        }
    };
    let skeleton_of = |arrays: Option<Vec<LargeArray>>| {
        let arrays = arrays.filter(|arrays| !arrays.is_empty());
        let skeleton = arrays.as_ref().and_then(|arrays| {
            options
                .from_str::<Dataset>(&skeleton_text(text, arrays))
                .ok()
        });
        if skeleton.is_none() {
            failed.store(true, Ordering::Relaxed);
        }
        (arrays, skeleton)
    };
    let (arrays, skeleton) = if threads > 1 {
        rayon::scope(|scope| {
            let run = &run;
            let arrays = scan(text, piece_bytes.max(1), &mut |job| {
                scope.spawn(move |_| run(job));
            });
            skeleton_of(arrays)
        })
    } else {
        let arrays = scan(text, piece_bytes.max(1), &mut |job| run(job));
        skeleton_of(arrays)
    };
    if failed.into_inner() {
        return None;
    }
    let (arrays, mut dataset) = (arrays?, skeleton?);
    let mut pieces = results.into_inner().ok()?;
    pieces.sort_unstable_by_key(|(job, _)| (job.array, job.range.start));
    let mut pieces = pieces.into_iter().peekable();
    for (index, array) in arrays.iter().enumerate() {
        let mut parts = Vec::new();
        while let Some((_, piece)) = pieces.next_if(|(job, _)| job.array == index) {
            parts.push(piece?);
        }
        fill(&mut dataset, array, parts)?;
    }
    Some(dataset)
}

/// One piece to parse: elements of array number `array`, between two cuts.
#[derive(Debug)]
struct Job {
    kind: Kind,
    array: usize,
    range: Range<usize>,
}

fn parse_piece(kind: Kind, elements: &str, options: &ron::Options) -> Option<Piece> {
    let quick = match kind {
        Kind::Points => element_reader::points(elements).map(Piece::Points),
        Kind::Periods => element_reader::periods(elements).map(Piece::Periods),
        Kind::Events => element_reader::events(elements).map(Piece::Events),
    };
    if quick.is_some() {
        return quick;
    }
    let mut text = String::with_capacity(elements.len() + 2);
    text.push('[');
    text.push_str(elements);
    text.push(']');
    Some(match kind {
        Kind::Points => Piece::Points(options.from_str(&text).ok()?),
        Kind::Periods => Piece::Periods(options.from_str(&text).ok()?),
        Kind::Events => Piece::Events(options.from_str(&text).ok()?),
    })
}

/// Puts the pieces of `array` into the (empty) list of the skeleton they belong to.
fn fill(dataset: &mut Dataset, array: &LargeArray, parts: Vec<Piece>) -> Option<()> {
    fn append<T>(target: &mut Vec<T>, parts: Vec<Vec<T>>) -> Option<()> {
        if !target.is_empty() {
            return None;
        }
        let total: usize = parts.iter().map(Vec::len).sum();
        let mut parts = parts.into_iter();
        *target = parts.next().unwrap_or_default();
        target.reserve_exact(total - target.len());
        for part in parts {
            target.extend(part);
        }
        Some(())
    }
    macro_rules! collect {
        ($variant:ident) => {
            parts
                .into_iter()
                .map(|p| match p {
                    Piece::$variant(v) => Some(v),
                    _ => None,
                })
                .collect::<Option<Vec<_>>>()?
        };
    }
    match array.kind {
        Kind::Points => append(
            &mut dataset.deployments.get_mut(array.owner)?.points,
            collect!(Points),
        ),
        Kind::Periods => append(
            &mut dataset.casualties.get_mut(array.owner)?.periods,
            collect!(Periods),
        ),
        Kind::Events => append(&mut dataset.events, collect!(Events)),
    }
}

/// The text with the content of every large array removed.
fn skeleton_text(text: &str, arrays: &[LargeArray]) -> String {
    let removed: usize = arrays.iter().map(|a| a.content.len()).sum();
    let mut out = String::with_capacity(text.len() - removed);
    let mut from = 0;
    for array in arrays {
        out.push_str(&text[from..array.content.start]);
        from = array.content.end;
    }
    out.push_str(&text[from..]);
    out
}

/// One open bracket while scanning.
struct Frame<'a> {
    open: u8,
    /// The field this bracket is the value of (`points` in `points: [`).
    field: Option<&'a str>,
    /// Brackets opened directly inside this one (elements, for a list of structs).
    children: usize,
}

/// An array being scanned, and where it may be cut next.
struct Open {
    array: LargeArray,
    /// Its number among the arrays parsed apart.
    index: usize,
    depth: usize,
    /// Where the piece being scanned starts.
    piece_start: usize,
    next_cut_after: usize,
}

impl Open {
    /// Cuts at the comma at `cut` and hands out the piece before it.
    fn cut_at(&mut self, cut: usize, piece_bytes: usize, emit: &mut dyn FnMut(Job)) {
        emit(Job {
            kind: self.array.kind,
            array: self.index,
            range: self.piece_start..cut,
        });
        self.array.cuts.push(cut);
        self.piece_start = cut + 1;
        self.next_cut_after = cut + piece_bytes;
    }
}

/// Bytes that matter inside a large array. Names, numbers, spaces and colons do not, and most
/// bytes are those, so the scan skips them in a tight loop.
static SPECIAL: [bool; 256] = {
    let mut table = [true; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        table[byte] = !(b.is_ascii_alphanumeric()
            || matches!(
                b,
                b' ' | b'\t' | b'\n' | b'\r' | b':' | b'.' | b'-' | b'+' | b'_'
            ));
        byte += 1;
    }
    table
};

/// Scans the elements of `current` from `i` and returns where its closing `]` is, handing out
/// pieces on the way. `None`: syntax the scanner does not follow.
fn scan_array(
    bytes: &[u8],
    mut i: usize,
    current: &mut Open,
    piece_bytes: usize,
    emit: &mut dyn FnMut(Job),
) -> Option<usize> {
    let mut nested: Vec<u8> = Vec::new();
    loop {
        while i < bytes.len() && !SPECIAL[usize::from(bytes[i])] {
            i += 1;
        }
        match *bytes.get(i)? {
            b'"' => i = skip_string(bytes, i)?,
            b'/' => i = skip_comment(bytes, i)?,
            open @ (b'(' | b'[' | b'{') => {
                nested.push(open);
                i += 1;
            }
            close @ (b')' | b']' | b'}') => {
                match nested.pop() {
                    None => return (close == b']').then_some(i),
                    Some(open) if closes(open) == close => {}
                    Some(_) => return None,
                }
                i += 1;
            }
            b',' => {
                if nested.is_empty()
                    && i >= current.next_cut_after
                    && ends_element(bytes, i)
                    && starts_element(bytes, i + 1)
                {
                    current.cut_at(i, piece_bytes, emit);
                }
                i += 1;
            }
            // Chars, attributes, raw identifiers, non-ASCII outside strings.
            _ => return None,
        }
    }
}

/// Whether a struct ends right before the comma at `comma`, on the same line. (Looking past a
/// line end could land in a comment.) So `a,,b` is never cut into two valid halves.
fn ends_element(bytes: &[u8], comma: usize) -> bool {
    bytes[..comma]
        .iter()
        .rev()
        .find(|&&b| b != b' ' && b != b'\t')
        .is_some_and(|&b| b == b')')
}

/// Whether a struct (`(` or `Name(`) comes next after `from`, past spaces and line comments.
fn starts_element(bytes: &[u8], mut from: usize) -> bool {
    loop {
        match bytes.get(from) {
            Some(b' ' | b'\t' | b'\n' | b'\r') => from += 1,
            Some(b'/') => match skip_comment(bytes, from) {
                Some(next) => from = next,
                None => return false,
            },
            Some(b) => return *b == b'(' || b.is_ascii_alphabetic() || *b == b'_',
            None => return false,
        }
    }
}

/// Past the string starting at `i`; `None` for raw and byte strings or an unclosed one.
fn skip_string(bytes: &[u8], mut i: usize) -> Option<usize> {
    // `r"..."` and `b"..."` strings follow other rules.
    if i > 0 && bytes[i - 1].is_ascii_alphanumeric() {
        return None;
    }
    i += 1;
    loop {
        match bytes.get(i)? {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
}

/// Past the line comment at `i`; `None` for block comments.
fn skip_comment(bytes: &[u8], i: usize) -> Option<usize> {
    if bytes.get(i + 1) != Some(&b'/') {
        return None;
    }
    Some(
        bytes[i..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |n| i + n + 1),
    )
}

/// The bracket that closes `open`.
fn closes(open: u8) -> u8 {
    match open {
        b'(' => b')',
        b'[' => b']',
        _ => b'}',
    }
}

/// Finds the large arrays and where to cut them. `None`: the text uses syntax the scanner does
/// not follow (or is malformed), so only a sequential parse can be trusted.
/// `emit` receives each piece as soon as its end is known.
fn scan(text: &str, piece_bytes: usize, emit: &mut dyn FnMut(Job)) -> Option<Vec<LargeArray>> {
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame<'_>> = Vec::new();
    let mut arrays = Vec::new();
    let mut open: Option<Open> = None;
    let mut last_ident: Option<&str> = None;
    let mut field: Option<&str> = None;
    let mut previous = 0u8;
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        let token_start = i;
        match byte {
            b' ' | b'\t' | b'\n' | b'\r' => {
                // Indentation comes in runs; a tight loop keeps the scan far cheaper than the parse.
                i += 1;
                while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r') {
                    i += 1;
                }
                continue;
            }
            b'/' => {
                i = skip_comment(bytes, i)?;
                continue;
            }
            b'"' => i = skip_string(bytes, i)?,
            b'(' | b'[' | b'{' => {
                let named = if previous == b':' { field } else { None };
                if let Some(parent) = stack.last_mut() {
                    parent.children += 1;
                }
                if byte == b'['
                    && open.is_none()
                    && let Some((kind, owner)) = target(&stack, named)
                {
                    open = Some(Open {
                        array: LargeArray {
                            kind,
                            owner,
                            content: i + 1..i + 1,
                            cuts: Vec::new(),
                        },
                        index: arrays.len(),
                        depth: stack.len() + 1,
                        piece_start: i + 1,
                        next_cut_after: i + piece_bytes,
                    });
                }
                stack.push(Frame {
                    open: byte,
                    field: named,
                    children: 0,
                });
                i += 1;
                if let Some(current) = &mut open {
                    // Straight to the closing `]`, which the next round handles.
                    i = scan_array(bytes, i, current, piece_bytes, emit)?;
                }
            }
            b')' | b']' | b'}' => {
                let frame = stack.pop()?;
                if byte != closes(frame.open) {
                    return None;
                }
                if let Some(current) = open.take_if(|o| stack.len() + 1 == o.depth) {
                    let mut array = current.array;
                    array.content.end = i;
                    // Once a piece is out, the array is parsed apart whatever its length.
                    if !array.cuts.is_empty() || array.content.len() >= MIN_ARRAY_BYTES {
                        emit(Job {
                            kind: array.kind,
                            array: current.index,
                            range: current.piece_start..i,
                        });
                        arrays.push(array);
                    }
                }
                i += 1;
            }
            b',' => i += 1,
            b':' => {
                field = last_ident;
                i += 1;
            }
            b'A'..=b'Z' | b'a'..=b'z' | b'_' => {
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                last_ident = Some(&text[token_start..i]);
            }
            b'0'..=b'9' | b'-' | b'+' | b'.' => {
                while i < bytes.len()
                    && (bytes[i].is_ascii_alphanumeric()
                        || matches!(bytes[i], b'_' | b'.' | b'+' | b'-'))
                {
                    i += 1;
                }
            }
            // Block comments, chars, attributes, raw identifiers, non-ASCII outside strings.
            _ => return None,
        }
        previous = match byte {
            b'"' => b'"',
            b'A'..=b'Z' | b'a'..=b'z' | b'_' => b'a',
            b'0'..=b'9' | b'-' | b'+' | b'.' => b'0',
            other => other,
        };
    }
    (stack.is_empty() && open.is_none()).then_some(arrays)
}

/// Whether a `[` opened as the value of `field`, inside `stack`, is one of the big lists.
fn target(stack: &[Frame<'_>], field: Option<&str>) -> Option<(Kind, usize)> {
    let field = field?;
    match stack {
        [root] if root.open == b'(' && field == "events" => Some((Kind::Events, 0)),
        [root, list, item]
            if root.open == b'(' && list.open == b'[' && item.open == b'(' && list.children > 0 =>
        {
            let owner = list.children - 1;
            match (list.field?, field) {
                ("deployments", "points") => Some((Kind::Points, owner)),
                ("casualties", "periods") => Some((Kind::Periods, owner)),
                _ => None,
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{self, Options};
    use proptest::prelude::*;

    fn options() -> ron::Options {
        super::super::load::ron_options()
    }

    fn sequential(text: &str) -> Option<Dataset> {
        options().from_str(text).ok()
    }

    fn generated(points: usize, series: usize, events: usize) -> String {
        generate::to_string(Options {
            points,
            events,
            series,
            seed: 3,
        })
        .unwrap()
    }

    #[test]
    fn pieces_put_back_together_equal_the_sequential_parse() {
        let text = generated(12_000, 3, 3_000);
        let arrays = scan(&text, 20_000, &mut |_| {}).unwrap();
        let kinds: Vec<Kind> = arrays.iter().map(|a| a.kind).collect();
        assert_eq!(
            kinds,
            [Kind::Points, Kind::Points, Kind::Points, Kind::Events]
        );
        assert!(arrays.iter().all(|a| a.cuts.len() >= 3), "{arrays:?}");
        let expected = sequential(&text).unwrap();
        for (threads, piece) in [(1, 20_000), (2, 20_000), (3, 7_000), (8, 1)] {
            let parsed = parse(&text, &options(), threads, piece).unwrap();
            assert_eq!(
                parsed, expected,
                "threads {threads}, pieces of {piece} bytes"
            );
        }
    }

    /// A list long enough to be parsed apart, with syntax the scanner must step over.
    fn tricky_text() -> String {
        let mut points = String::new();
        for i in 0..2_000 {
            let year = 1000 + i;
            points.push_str(&format!(
                "  // point {i}: ], ) ,(\n  Point(date: \"{year}-01-01\", troops: {i}, note: \"a \\\"quoted\\\" ),( [x] é\"),\n"
            ));
            points.push_str(&format!(
                "  (date: \"{year}-06-01\", troops: {}, ),\n",
                i + 1
            ));
        }
        format!(
            "Dataset(format: 1, title: \"T [x]\", deployments: [Deployment(id: \"a\", label: \"A\", points: [\n{points}]), Deployment(id: \"b\", label: \"B\", points: [(date: \"2000-01-01\", troops: 1)])])"
        )
    }

    #[test]
    fn comments_strings_names_and_trailing_commas_are_stepped_over() {
        let text = tricky_text();
        let expected = sequential(&text).unwrap();
        assert_eq!(expected.deployments[0].points.len(), 4_000);
        let parsed = parse(&text, &options(), 2, 3_000).unwrap();
        assert_eq!(parsed, expected);
    }

    #[test]
    fn syntax_the_scanner_does_not_follow_falls_back() {
        let text = tricky_text();
        for (from, to) in [
            ("// point 7:", "/* point 7 */ //"),
            ("\"1007-01-01\"", "r\"1007-01-01\""),
            ("Dataset(", "#![enable(implicit_some)]\nDataset("),
            ("troops: 7,", "troops: 7, x: 'c',"),
            ("id: \"a\"", "r#id: \"a\""),
        ] {
            let changed = text.replacen(from, to, 1);
            assert_ne!(changed, text, "{from}");
            assert!(parse(&changed, &options(), 2, 3_000).is_none(), "{to}");
        }
    }

    #[test]
    fn small_arrays_stay_in_the_skeleton_unless_cut() {
        let text = generated(100, 1, 10);
        assert!(
            parse(&text, &options(), 2, 1 << 20).is_none(),
            "nothing to cut"
        );
        // Tiny pieces still put together the same dataset.
        assert_eq!(parse(&text, &options(), 2, 10), sequential(&text));
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        /// Cutting never turns an invalid file into a valid one, nor changes a valid one.
        #[test]
        fn damaged_files_parse_the_same_or_fall_back(
            at in 0.0f64..1.0,
            len in 0usize..4,
            with in prop::sample::select(vec!["", ",", ",,", "]", ")", "(", "\"", "//", "\n", "[", "x:"]),
        ) {
            let text = tricky_text();
            let mut start = (text.len() as f64 * at) as usize;
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            let mut end = (start + len).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            let damaged = format!("{}{with}{}", &text[..start], &text[end..]);
            if let Some(parsed) = parse(&damaged, &options(), 2, 2_000) {
                prop_assert_eq!(Some(parsed), sequential(&damaged));
            }
        }
    }
}
