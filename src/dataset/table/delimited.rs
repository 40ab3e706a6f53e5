//! Delimited text: CSV, TSV, and the semicolon files of countries that write `1,5`.
//!
//! The text is decoded first (UTF-8 with or without a byte-order mark, UTF-16 with one, else
//! Windows-1252, which is what older spreadsheet programs save as "CSV"), then split by the
//! `csv` crate with the delimiter the extension or the first lines give.

use std::borrow::Cow;

use super::cells::{Cell, Row};
use super::interpret::Interpreter;

/// Delimiters tried when the extension does not say, in order of preference on a tie.
const CANDIDATES: [u8; 4] = [b',', b'\t', b';', b'|'];

/// Lines looked at to choose the delimiter.
const SNIFF_LINES: usize = 30;

/// The bytes as text: a byte-order mark is dropped, UTF-16 decoded, and bytes that are not
/// UTF-8 read as Windows-1252.
pub fn decode(bytes: &[u8]) -> Cow<'_, str> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return decode_utf8_or_legacy(rest);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return Cow::Owned(utf16(rest, u16::from_le_bytes));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return Cow::Owned(utf16(rest, u16::from_be_bytes));
    }
    decode_utf8_or_legacy(bytes)
}

fn decode_utf8_or_legacy(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => Cow::Owned(bytes.iter().map(|&b| windows_1252(b)).collect()),
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

/// Windows-1252: Latin-1 except for 0x80–0x9F, where it has typographic marks.
fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9F => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

/// The delimiter of `text`: of comma, tab, semicolon and bar, the one that splits the first
/// lines most consistently (outside quotes), preferring that order on a tie.
pub fn sniff(text: &str) -> u8 {
    let lines = first_records(text);
    let mut best = (0, 0, CANDIDATES[0]);
    for (i, &candidate) in CANDIDATES.iter().enumerate() {
        let counts: Vec<usize> = lines.iter().map(|c| c[i]).filter(|&n| n > 0).collect();
        // The most common non-zero count, and on how many lines it occurs.
        let mut modal = (0, 0);
        for &n in &counts {
            let lines_with_n = counts.iter().filter(|&&m| m == n).count();
            if (lines_with_n, n) > modal {
                modal = (lines_with_n, n);
            }
        }
        if modal > (best.0, best.1) {
            best = (modal.0, modal.1, candidate);
        }
    }
    best.2
}

/// How often each candidate occurs outside quotes in each of the first non-blank records (a
/// quoted field may span lines).
fn first_records(text: &str) -> Vec<[usize; 4]> {
    let mut records = Vec::new();
    let mut counts = [0; 4];
    let mut quoted = false;
    let mut blank = true;
    for byte in text.bytes() {
        match byte {
            b'"' => {
                quoted = !quoted;
                blank = false;
            }
            b'\n' if !quoted => {
                if !blank {
                    records.push(counts);
                    if records.len() == SNIFF_LINES {
                        return records;
                    }
                }
                counts = [0; 4];
                blank = true;
            }
            _ if quoted => {}
            _ => {
                if let Some(i) = CANDIDATES.iter().position(|&c| c == byte) {
                    counts[i] += 1;
                }
                blank &= byte.is_ascii_whitespace();
            }
        }
    }
    if !blank {
        records.push(counts);
    }
    records
}

/// A record of the file as a row of cells.
struct Record<'r>(&'r csv::ByteRecord);

/// What a spreadsheet-safe writer puts before text that a spreadsheet would run as a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The cell's text without the apostrophe that `export-csv` puts before `=`, `+`, `-`, `@`,
/// tab or carriage return (so spreadsheets show text, not a formula). Text that itself starts
/// with apostrophes and then one of those gets one more apostrophe when written, so exactly
/// one is taken off.
pub fn without_formula_guard(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches('\'').starts_with(FORMULA_STARTS) => rest,
        _ => text,
    }
}

impl Row for Record<'_> {
    fn len(&self) -> usize {
        self.0.len()
    }

    fn cell(&self, column: usize) -> Cell<'_> {
        match self.0.get(column) {
            None | Some(b"") => Cell::Empty,
            // The whole text is UTF-8 and the delimiters are ASCII, so every field is too.
            Some(bytes) => match std::str::from_utf8(bytes) {
                Ok(text) => Cell::Text(without_formula_guard(text)),
                Err(_) => Cell::Empty,
            },
        }
    }

    fn is_blank(&self) -> bool {
        self.0
            .iter()
            .all(|field| field.iter().all(u8::is_ascii_whitespace))
    }
}

/// Below this many bytes left to read, a table is read on one thread.
const PARALLEL_MIN_BYTES: usize = 1 << 20;

/// How many leading records may pass before the layout must be settled for a parallel read.
const SETTLE_WITHIN: usize = 64;

pub(super) fn csv_reader(bytes: &[u8], delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(bytes)
}

/// Hands every record of `text` to `interpreter`, with its line number.
///
/// Big files are read in pieces on rayon's pool once the header and first rows have settled
/// the layout: the rest is cut at line ends into pieces, each read by a fork of the
/// interpreter, and the forks are joined in order. Only text without any quote is cut (a quoted
/// field may span lines); other files are read on one thread.
pub fn read(text: &str, delimiter: u8, interpreter: &mut Interpreter<'_>) {
    let bytes = text.as_bytes();
    let mut reader = csv_reader(bytes, delimiter);
    let mut record = csv::ByteRecord::new();
    let mut records = 0;
    // Reading from memory cannot fail with I/O errors, and byte records have no UTF-8 errors.
    while let Ok(true) = reader.read_byte_record(&mut record) {
        let line = record
            .position()
            .map_or(0, |p| usize::try_from(p.line()).unwrap_or(usize::MAX));
        interpreter.row(line, &Record(&record));
        records += 1;
        if records <= SETTLE_WITHIN {
            let next = reader.position();
            let start = usize::try_from(next.byte()).unwrap_or(usize::MAX);
            let Some(rest) = bytes.get(start..) else {
                continue;
            };
            if rest.len() >= PARALLEL_MIN_BYTES
                && rayon::current_num_threads() > 1
                && !rest.contains(&b'"')
                && interpreter.fork().is_some()
            {
                let first_line = usize::try_from(next.line()).unwrap_or(usize::MAX);
                read_in_pieces(rest, first_line, delimiter, interpreter);
                return;
            }
        }
    }
}

/// Reads `rest` (no quotes; its first line is line `first_line`) in pieces on rayon's pool.
fn read_in_pieces(
    rest: &[u8],
    first_line: usize,
    delimiter: u8,
    interpreter: &mut Interpreter<'_>,
) {
    use rayon::prelude::*;
    let count = rayon::current_num_threads() * 4;
    let target = rest.len() / count + 1;
    let mut pieces = Vec::with_capacity(count);
    let mut from = 0;
    while from < rest.len() {
        let end = (from + target).min(rest.len());
        let end = rest[end..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(rest.len(), |at| end + at + 1);
        pieces.push(&rest[from..end]);
        from = end;
    }
    let newlines: Vec<usize> = pieces
        .par_iter()
        .map(|piece| piece.iter().filter(|&&b| b == b'\n').count())
        .collect();
    let mut starts = Vec::with_capacity(pieces.len());
    let mut line = first_line;
    for n in &newlines {
        starts.push(line);
        line += n;
    }
    let shared: &Interpreter<'_> = interpreter;
    let forks: Vec<Option<Interpreter<'_>>> = pieces
        .par_iter()
        .zip(starts)
        .map(|(piece, start)| {
            let mut fork = shared.fork()?;
            let mut reader = csv_reader(piece, delimiter);
            let mut record = csv::ByteRecord::new();
            while let Ok(true) = reader.read_byte_record(&mut record) {
                let line = record
                    .position()
                    .map_or(0, |p| usize::try_from(p.line()).unwrap_or(usize::MAX));
                fork.row(start + line - 1, &Record(&record));
            }
            Some(fork)
        })
        .collect();
    for fork in forks.into_iter().flatten() {
        interpreter.join(fork);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        assert_eq!(decode(b"\xEF\xBB\xBFdate,a"), "date,a");
        assert_eq!(decode(b"caf\xE9 \x80"), "café €");
        assert_eq!(decode("Zürich".as_bytes()), "Zürich");
        let utf16le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("a,é".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16le), "a,é");
        let utf16be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("a;b".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&utf16be), "a;b");
    }

    #[test]
    fn delimiters_are_sniffed() {
        assert_eq!(sniff("date,Germany,Japan\n2007-01-01,1,2\n"), b',');
        assert_eq!(
            sniff("date;Germany;Japan\n2007-01-01;1,5;2,5\n2007-02-01;1,5;2,5\n"),
            b';'
        );
        assert_eq!(sniff("date\tGermany\n2007-01-01\t\"1,000\"\n"), b'\t');
        assert_eq!(sniff("date|a|b\n1|2|3\n"), b'|');
        assert_eq!(sniff("date,\"a;b\"\n2007,1\n"), b',');
        assert_eq!(sniff("Table 1\n\ndate;a\n2007;1\n2008;2\n"), b';');
        assert_eq!(sniff(""), b',');
        assert_eq!(
            sniff("a,b,c\n\"x\ny;z;w;v\",1,2\n\"p\nq;r;s;t\",3,4\n"),
            b','
        );
    }

    #[test]
    fn formula_guards_are_taken_off() {
        assert_eq!(without_formula_guard("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(without_formula_guard("'-5 troops"), "-5 troops");
        assert_eq!(without_formula_guard("'@x"), "@x");
        assert_eq!(without_formula_guard("'\tx"), "\tx");
        assert_eq!(without_formula_guard("''=x"), "'=x");
        assert_eq!(without_formula_guard("'quoted'"), "'quoted'");
        assert_eq!(without_formula_guard("'"), "'");
        assert_eq!(without_formula_guard("plain"), "plain");
    }
}
