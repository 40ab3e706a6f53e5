//! Text from files, made safe to quote in messages and print on a terminal.
//!
//! Rules: a message quotes at most [`QUOTE_CHARS`] characters of a cell or field (then "…"),
//! so one 100 MB cell cannot make a 100 MB message; and no control character from a file or a
//! path reaches a terminal as it is (an escape sequence could recolour, retitle or clear it, a
//! carriage return or newline could forge a line): they are written as Rust-style escapes.

use std::borrow::Cow;

/// The most characters of a cell or field a message quotes.
pub const QUOTE_CHARS: usize = 80;

/// `text` cut to its first [`QUOTE_CHARS`] characters, with "…" when anything was cut.
pub fn short(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(QUOTE_CHARS) {
        None => Cow::Borrowed(text),
        Some((at, _)) => Cow::Owned(format!("{}…", &text[..at])),
    }
}

/// Whether `c` changes what a terminal shows beyond printing itself: C0 and C1 controls, DEL,
/// and the bidirectional overrides that reorder the rest of a line.
fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every control character escaped (`\n`, `\r`, `\t`, `\u{1b}`, ...); newlines
/// stay when `keep_newlines` (for messages that are several lines on purpose).
pub fn escape_controls(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    let unsafe_char = |c: char| is_unsafe(c) && !(keep_newlines && c == '\n');
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A path for one line of terminal output: lossy UTF-8, controls (newlines too) escaped.
pub fn path_line(path: &std::path::Path) -> String {
    escape_controls(&path.to_string_lossy(), false).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_are_cut_with_an_ellipsis() {
        assert_eq!(short("short"), "short");
        let long = "é".repeat(10_000_000);
        let cut = short(&long);
        assert_eq!(cut.chars().count(), QUOTE_CHARS + 1);
        assert!(cut.ends_with('…'));
        assert_eq!(short(&"x".repeat(QUOTE_CHARS)), "x".repeat(QUOTE_CHARS));
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(escape_controls("plain – text", false), "plain – text");
        assert_eq!(
            escape_controls("red\u{1b}[31m\rx\u{7}\u{9b}", false),
            "red\\u{1b}[31m\\rx\\u{7}\\u{9b}"
        );
        assert_eq!(escape_controls("a\nb", true), "a\nb");
        assert_eq!(escape_controls("a\nb", false), "a\\nb");
        assert_eq!(escape_controls("x\u{202E}y", true), "x\\u{202e}y");
        assert_eq!(path_line(std::path::Path::new("a\nb.csv")), "a\\nb.csv");
    }
}
