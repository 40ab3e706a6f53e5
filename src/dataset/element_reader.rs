//! A quick reader for the elements of the big lists, in the spelling nearly every file uses.
//!
//! ron is general: every field name, number and option goes through serde's visitor machinery,
//! about 0.8 µs per point. The big lists hold only three kinds of element (points, periods,
//! events), written the same simple way thousands of times:
//! `(date: "2007-10-15", troops: 170000, low: Some(165607), source: "crs")`.
//! This reader knows those three and reads that spelling directly, several times faster.
//!
//! It accepts a strict subset of what ron accepts and returns exactly what ron returns for it.
//! Anything outside that subset makes it decline with `None`, and ron reads the text instead:
//! escapes or raw strings, block comments, number forms other than plain decimal digits
//! (`1_000`, `0x10`, `7u32`, leading zeros), unknown or repeated fields, missing required
//! fields, invalid dates, counts that overflow, and points and periods with `estimates` (a
//! nested list that few have). So errors are always reported by ron, with its
//! line and column, and the tests hold this reader to ron's results.

use super::date::Date;
use super::model::{Event, Importance, Period, Point};

/// Reads the content of a `points` array (without its brackets).
pub(super) fn points(text: &str) -> Option<Vec<Point>> {
    list(text, "Point", point)
}

/// Reads the content of a `periods` array (without its brackets).
pub(super) fn periods(text: &str) -> Option<Vec<Period>> {
    list(text, "Period", period)
}

/// Reads the content of an `events` array (without its brackets).
pub(super) fn events(text: &str) -> Option<Vec<Event>> {
    list(text, "Event", event)
}

/// Comma-separated elements, each an optional struct name and a parenthesised field list.
fn list<T>(text: &str, name: &str, element: fn(&mut Reader<'_>) -> Option<T>) -> Option<Vec<T>> {
    let mut reader = Reader { text, at: 0 };
    // Generated and hand-written points take about 50 bytes each: a close guess saves the
    // list from regrowing, and unused capacity is trimmed after parsing.
    let mut elements = Vec::with_capacity(text.len() / 40 + 1);
    loop {
        reader.skip_space()?;
        if reader.at_end() {
            return Some(elements);
        }
        if reader.starts_identifier() && reader.identifier()? != name {
            return None;
        }
        elements.push(element(&mut reader)?);
        reader.skip_space()?;
        if reader.at_end() {
            return Some(elements);
        }
        reader.expect(b',')?;
    }
}

/// Points and periods with `estimates` (a nested list, rare) are declined and left to ron.
fn point(reader: &mut Reader<'_>) -> Option<Point> {
    let (mut date, mut troops, mut measure) = (None, None, None);
    let mut figure = FigureNotes::default();
    reader.fields(|reader, field| match field {
        "date" => set_once(&mut date, reader.date()?),
        "troops" => set_once(&mut troops, reader.optional(Reader::count)?),
        "measure" => set_once(&mut measure, reader.optional(Reader::owned_string)?),
        _ => figure.read(reader, field),
    })?;
    let mut point = Point {
        date: date?,
        troops: troops?,
        low: figure.low.flatten(),
        high: figure.high.flatten(),
        source: figure.source.flatten(),
        note: figure.note.flatten(),
        extra: None,
    };
    point.set_extra(measure.flatten(), Vec::new());
    Some(point)
}

fn period(reader: &mut Reader<'_>) -> Option<Period> {
    let (mut from, mut to, mut count) = (None, None, None);
    let mut figure = FigureNotes::default();
    reader.fields(|reader, field| match field {
        "from" => set_once(&mut from, reader.date()?),
        "to" => set_once(&mut to, reader.date()?),
        "count" => set_once(&mut count, reader.optional(Reader::count)?),
        _ => figure.read(reader, field),
    })?;
    Some(Period {
        from: from?,
        to: to?,
        count: count?,
        low: figure.low.flatten(),
        high: figure.high.flatten(),
        source: figure.source.flatten(),
        note: figure.note.flatten(),
        estimates: Vec::new(),
    })
}

/// The optional fields a point and a period share: the range across sources, the source and a
/// note. Each slot is `None` until the field is read.
#[derive(Default)]
struct FigureNotes {
    low: Option<Option<u32>>,
    high: Option<Option<u32>>,
    source: Option<Option<String>>,
    note: Option<Option<String>>,
}

impl FigureNotes {
    /// Reads `field` if it is one of these; declines any other field, and a repeated one.
    fn read(&mut self, reader: &mut Reader<'_>, field: &str) -> Option<()> {
        match field {
            "low" => set_once(&mut self.low, reader.optional(Reader::count)?),
            "high" => set_once(&mut self.high, reader.optional(Reader::count)?),
            "source" => set_once(&mut self.source, reader.optional(Reader::owned_string)?),
            "note" => set_once(&mut self.note, reader.optional(Reader::owned_string)?),
            _ => None,
        }
    }
}

fn event(reader: &mut Reader<'_>) -> Option<Event> {
    let (mut date, mut end, mut title, mut detail, mut category, mut source) =
        (None, None, None, None, None, None);
    let mut importance = None;
    reader.fields(|reader, field| match field {
        "date" => set_once(&mut date, reader.date()?),
        "end" => set_once(&mut end, reader.optional(Reader::date)?),
        "title" => set_once(&mut title, reader.owned_string()?),
        "detail" => set_once(&mut detail, reader.optional(Reader::owned_string)?),
        "category" => set_once(&mut category, reader.optional(Reader::owned_string)?),
        "source" => set_once(&mut source, reader.optional(Reader::owned_string)?),
        "importance" => set_once(&mut importance, reader.optional(Reader::importance)?),
        _ => None,
    })?;
    Some(Event {
        date: date?,
        end: end.flatten(),
        title: title?,
        detail: detail.flatten(),
        category: category.flatten(),
        source: source.flatten(),
        importance: importance.flatten(),
    })
}

/// Fills a field's slot; a field given twice is an error ron reports, so decline.
fn set_once<T>(slot: &mut Option<T>, value: T) -> Option<()> {
    if slot.is_some() {
        return None;
    }
    *slot = Some(value);
    Some(())
}

/// A cursor over the text. Every method returns `None` to decline.
struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Reader<'a> {
    fn rest(&self) -> &'a [u8] {
        &self.text.as_bytes()[self.at..]
    }

    fn at_end(&self) -> bool {
        self.at == self.text.len()
    }

    fn eat(&mut self, byte: u8) -> bool {
        let found = self.rest().first() == Some(&byte);
        self.at += usize::from(found);
        found
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        self.eat(byte).then_some(())
    }

    /// Spaces, tabs, line ends and `//` comments. ron also takes block comments and a few
    /// rarer whitespace characters; those decline.
    fn skip_space(&mut self) -> Option<()> {
        loop {
            match self.rest() {
                [b' ' | b'\t' | b'\n' | b'\r', ..] => self.at += 1,
                [b'/', b'/', comment @ ..] => {
                    let line_end = comment.iter().position(|&b| b == b'\n')?;
                    self.at += 2 + line_end + 1;
                }
                [b'/', ..] => return None,
                _ => return Some(()),
            }
        }
    }

    fn starts_identifier(&self) -> bool {
        self.rest()
            .first()
            .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_')
    }

    /// An ASCII identifier. ron's may go on in other Unicode letters or be raw (`r#name`);
    /// the byte after ours is then not one this reader expects, so those decline later.
    fn identifier(&mut self) -> Option<&'a str> {
        if !self.starts_identifier() {
            return None;
        }
        let rest = self.rest();
        let length = rest
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || *b == b'_'))
            .unwrap_or(rest.len());
        if rest.get(length).is_some_and(|b| !b.is_ascii()) {
            return None;
        }
        let start = self.at;
        self.at += length;
        Some(&self.text[start..self.at])
    }

    /// `(name: value, ...)`, with an optional trailing comma; `on_field` reads each value.
    fn fields(&mut self, mut on_field: impl FnMut(&mut Self, &'a str) -> Option<()>) -> Option<()> {
        self.expect(b'(')?;
        loop {
            self.skip_space()?;
            if self.eat(b')') {
                return Some(());
            }
            let name = self.identifier()?;
            self.skip_space()?;
            self.expect(b':')?;
            self.skip_space()?;
            on_field(self, name)?;
            self.skip_space()?;
            if self.eat(b')') {
                return Some(());
            }
            self.expect(b',')?;
        }
    }

    /// `None`, `Some(value)`, or the bare value (ron's implicit `Some`, which datasets enable).
    fn optional<T>(&mut self, value: fn(&mut Self) -> Option<T>) -> Option<Option<T>> {
        if !self.starts_identifier() {
            return value(self).map(Some);
        }
        match self.identifier()? {
            "None" => Some(None),
            "Some" => {
                self.expect(b'(')?;
                self.skip_space()?;
                let inner = value(self)?;
                self.skip_space()?;
                self.expect(b')')?;
                Some(Some(inner))
            }
            _ => None,
        }
    }

    /// A whole number written as plain decimal digits that fits a count.
    fn count(&mut self) -> Option<u32> {
        let rest = self.rest();
        let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 || digits > 10 || (digits > 1 && rest[0] == b'0') {
            return None;
        }
        // A letter, `_` or `.` right after the digits is a suffix, separator, fraction or
        // exponent, which ron reads (or rejects) its own way.
        if rest
            .get(digits)
            .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.'))
        {
            return None;
        }
        let value = rest[..digits]
            .iter()
            .fold(0u64, |value, digit| value * 10 + u64::from(digit - b'0'));
        self.at += digits;
        u32::try_from(value).ok()
    }

    /// A string without escapes, borrowed from the text.
    fn string(&mut self) -> Option<&'a str> {
        self.expect(b'"')?;
        let rest = self.rest();
        let length = rest.iter().position(|&b| b == b'"' || b == b'\\')?;
        if rest[length] == b'\\' {
            return None;
        }
        let start = self.at;
        self.at += length + 1;
        Some(&self.text[start..start + length])
    }

    fn owned_string(&mut self) -> Option<String> {
        self.string().map(str::to_owned)
    }

    fn date(&mut self) -> Option<Date> {
        Date::parse(self.string()?).ok()
    }

    /// 1, 2 or 3; any other number is an error ron reports.
    fn importance(&mut self) -> Option<Importance> {
        Importance::from_level(self.count()?)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use ron::extensions::Extensions;

    use super::*;

    /// What ron makes of the same text as an array, as the plain parse would read it.
    fn ron_reads<T: serde::de::DeserializeOwned>(content: &str) -> Result<Vec<T>, ron::Error> {
        ron::Options::default()
            .with_default_extension(Extensions::IMPLICIT_SOME)
            .from_str(&format!("[{content}]"))
            .map_err(|error| error.code)
    }

    /// The reader either declines or agrees with ron.
    fn agrees<T>(content: &str, quick: Option<Vec<T>>)
    where
        T: serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
    {
        if let Some(quick) = quick {
            assert_eq!(Ok(quick), ron_reads::<T>(content), "text: {content:?}");
        }
    }

    #[test]
    fn reads_the_usual_spelling_of_each_element_kind() {
        let text = r#"
            (date: "2007-10-15", troops: 170000, low: 165607, high: Some(172000), source: "crs"),
            Point(date: "2008-01-01", troops: 0, note: None,), // a comment
            (troops: 4294967295, date: "2008-02-29")
        "#;
        let read = points(text).expect("the usual spelling is read quickly");
        assert_eq!(read.len(), 3);
        assert_eq!(read[0].low, Some(165_607));
        assert_eq!(read[0].high, Some(172_000));
        assert_eq!(read[0].source.as_deref(), Some("crs"));
        assert_eq!(read[2].troops, Some(u32::MAX));
        agrees(text, Some(read));

        let text = r#"(from: "2004-01-01", to: "2004-12-31", count: 849, low: 840, note: "DoD"),
            (from: "2005-01-01", to: "2005-12-31", count: None, note: "no figure"),
            (from: "2006-01-01", to: "2006-12-31", count: Some(0))"#;
        let read = periods(text).expect("periods are read quickly");
        assert_eq!(read[0].count, Some(849));
        assert_eq!(read[1].count, None);
        assert_eq!(read[2].count, Some(0));
        agrees(text, Some(read));

        let text = r#"Event(date: "2003-03-20", end: "2003-05-01", title: "Invasion, “Shock”",
                        category: "military", importance: 3),
            (date: "2003-04-09", title: "B", importance: Some(1)),
            (date: "2003-04-10", title: "C", importance: None)"#;
        let read = events(text).expect("events are read quickly");
        assert_eq!(read[0].title, "Invasion, “Shock”");
        assert_eq!(read[0].importance, Some(Importance::Headline));
        assert_eq!(read[1].importance, Some(Importance::Minor));
        assert_eq!(read[2].importance, None);
        agrees(text, Some(read));

        let text = r#"(date: "2017-09-30", troops: 8892, measure: "DMDC count")"#;
        let read = points(text).expect("a measure is read quickly");
        assert_eq!(read[0].measure(), Some("DMDC count"));
        agrees(text, Some(read));

        // An unknown figure, and a known one spelled as an option, read as RON reads them.
        let text = r#"(date: "2019-01-01", troops: None), (date: "2020-01-01", troops: Some(7))"#;
        let read = points(text).expect("an optional figure is read quickly");
        assert_eq!(read[0].troops, None);
        assert_eq!(read[1].troops, Some(7));
        agrees(text, Some(read));

        assert_eq!(points("  \n ").map(|p| p.len()), Some(0));
    }

    #[test]
    fn declines_what_ron_reads_or_rejects_its_own_way() {
        for text in [
            r#"(date: "2007-10-15", troops: 1_000)"#,
            r#"(date: "2007-10-15", troops: 0x10)"#,
            r#"(date: "2007-10-15", troops: 7u32)"#,
            r#"(date: "2007-10-15", troops: 007)"#,
            r#"(date: "2007-10-15", troops: 4294967296)"#,
            r#"(date: "2007-10-15", troops: -1)"#,
            r#"(date: "2007-10-15", troops: 1.5)"#,
            r#"(date: "2007-02-30", troops: 1)"#,
            r#"(date: "2007-10-15", troops: 1, note: "a \"quote\"")"#,
            r#"(date: "2007-10-15", troops: 1, note: r"raw")"#,
            r#"(date: "2007-10-15", troops: 1, low: Some (1))"#,
            r#"(date: "2007-10-15", troops: 1, low: Some(1,))"#,
            r#"(date: "2007-10-15", troops: 1, troops: 2)"#,
            r#"(date: "2007-10-15", troops: 1, colour: "red")"#,
            r#"(date: "2007-10-15")"#,
            r#"(date: "2007-10-15", troops: 1 /* block */)"#,
            r#"(r#date: "2007-10-15", troops: 1)"#,
            r#"Event(date: "2007-10-15", troops: 1)"#,
            r#"Point (date: "2007-10-15", troops: 1)"#,
            r#"(date: "2007-10-15", troops: 1),, (date: "2007-10-16", troops: 1)"#,
            r#"(date: "2007-10-15", troops: 1) (date: "2007-10-16", troops: 1)"#,
            "(date: \"2007-10-15\", troops: 1)\u{0B}",
            r#"(date: "2007-10-15", troops: 1) // comment without a line end"#,
            r#"(date: "2007-10-15", troops: 1, estimates: [(value: 2)])"#,
            r#"(date: "2007-10-15", troops: 1, measure: "a", measure: "b")"#,
        ] {
            assert_eq!(points(text), None, "{text}");
        }
        for text in [
            r#"(from: "2004-01-01", to: "2004-12-31")"#,
            r#"(from: "2004-01-01", to: "2004-12-31", count: -1)"#,
            r#"(from: "2004-01-01", to: "2004-12-31", count: Nothing)"#,
            r#"(from: "2004-01-01", to: "2004-12-31", count: 1, estimates: [])"#,
        ] {
            assert_eq!(periods(text), None, "{text}");
        }
        for text in [
            r#"(date: "2004-01-01", title: "A", importance: 0)"#,
            r#"(date: "2004-01-01", title: "A", importance: 4)"#,
            r#"(date: "2004-01-01", title: "A", importance: 256)"#,
            r#"(date: "2004-01-01", title: "A", importance: "high")"#,
        ] {
            assert_eq!(events(text), None, "{text}");
            agrees::<Event>(text, None);
            assert!(ron_reads::<Event>(text).is_err(), "{text}");
        }
    }

    /// One way of writing a value: how the field is spelt, and what ron should read.
    fn spelling(value: Option<u32>, style: u8) -> String {
        match (value, style % 3) {
            (None, 0) => String::new(),
            (None, _) => "None".into(),
            (Some(v), 0) => v.to_string(),
            (Some(v), 1) => format!("Some({v})"),
            (Some(v), _) => format!("Some( {v} )"),
        }
    }

    fn space(style: u8) -> &'static str {
        [
            "",
            " ",
            "\n    ",
            "\t",
            " // note, with (brackets) and a \"quote\"\n",
            "\r\n",
            "/* block */",
            "\u{0B}",
        ][usize::from(style % 8)]
    }

    proptest! {
        // Each case takes microseconds, and most damaged texts are declined: many cases make
        // sure hundreds of answers are compared with ron on every run.
        // PROPTEST_CASES still raises it, as for the other property tests.
        #![proptest_config(ProptestConfig::with_cases(
            std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(5000)
        ))]

        /// Points spelt in many legal and illegal ways: whenever the quick reader answers, ron
        /// gives the same answer; and the common spellings are always read quickly.
        #[test]
        fn agrees_with_ron_on_many_spellings(
            elements in prop::collection::vec(
                (
                    (1u32..9999, 1u32..13, 1u32..32),
                    prop::num::u32::ANY,
                    prop::option::of(prop::num::u32::ANY),
                    prop::option::of("[a-z \\\\\"é,()]{0,6}"),
                    any::<[u8; 6]>(),
                    any::<bool>(),
                ),
                0..6,
            ),
            separators in any::<[u8; 6]>(),
        ) {
            let mut text = String::new();
            let mut all_common = true;
            for (i, ((year, month, day), troops, low, note, styles, named)) in
                elements.iter().enumerate()
            {
                let [s0, s1, s2, s3, s4, s5] = *styles;
                all_common &= s0 % 8 < 6 && s1 % 8 < 6 && s5 % 8 < 6;
                let mut fields = vec![
                    format!("date:{}\"{year:04}-{month:02}-{day:02}\"", space(s1)),
                    format!("troops: {troops}"),
                ];
                let low = spelling(*low, s2);
                if !low.is_empty() {
                    fields.push(format!("low: {low}"));
                }
                if let Some(note) = note {
                    all_common &= !note.contains('\\');
                    fields.push(format!("note: \"{}\"", note.replace('"', "")));
                }
                if s3 % 5 == 0 {
                    fields.swap(0, 1);
                }
                let trailing = if s4 % 4 == 0 { "," } else { "" };
                let name = if *named { "Point" } else { "" };
                let separator = space(s0);
                text.push_str(&format!(
                    "{name}({separator}{}{trailing}{})",
                    fields.join(&format!(",{}", space(s5))),
                    space(separators[i % 6]),
                ));
                all_common &= separators[i % 6] % 8 < 6;
                text.push_str(if i + 1 < elements.len() { ",\n" } else { "\n" });
            }
            let quick = points(&text);
            let valid_dates = elements.iter().all(|((y, m, d), ..)| {
                Date::from_ymd(i32::try_from(*y).unwrap_or(0), *m, *d).is_some()
            });
            if all_common && valid_dates {
                prop_assert!(quick.is_some(), "common spelling declined: {text:?}");
            }
            agrees(&text, quick);
        }

        /// Valid text with a few bytes inserted, replaced or removed: the reader never answers
        /// differently from ron, for any of the three kinds.
        #[test]
        fn never_disagrees_on_damaged_text(
            base in 0usize..3,
            edits in prop::collection::vec(
                (any::<prop::sample::Index>(), any::<prop::sample::Index>(), 0u8..3),
                1..4,
            ),
        ) {
            const BASES: [&str; 3] = [
                "(date: \"2007-10-15\", troops: 170000, low: Some(9), note: None),\n Point(date: \"2008-01-01\", troops: 10, high: 12, measure: \"m\")",
                "(from: \"2004-01-01\", to: \"2004-12-31\", count: 849, low: 840, source: \"x\"),\n (from: \"2005-01-01\", to: \"2005-12-31\", count: None)",
                "Event(date: \"2003-03-20\", end: Some(\"2003-05-01\"), title: \"A\", detail: None, importance: 3)",
            ];
            const BYTES: &[u8] = b"(),:\"\\ /\n*_.019aeNSomePint#r-+x\x0b";
            let mut bytes = BASES[base].as_bytes().to_vec();
            for (at, byte, how) in edits {
                let byte = BYTES[byte.index(BYTES.len())];
                match how {
                    0 => bytes.insert(at.index(bytes.len() + 1), byte),
                    1 if !bytes.is_empty() => {
                        let at = at.index(bytes.len());
                        bytes[at] = byte;
                    }
                    _ if !bytes.is_empty() => {
                        bytes.remove(at.index(bytes.len()));
                    }
                    _ => {}
                }
            }
            let text = String::from_utf8(bytes).unwrap_or_default();
            agrees(&text, points(&text));
            agrees(&text, periods(&text));
            agrees(&text, events(&text));
        }
    }
}
