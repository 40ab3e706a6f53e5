//! The fonts of exported vector charts: which face egui drew each character with, the family
//! lists that name it with installed fallbacks, and embedding the faces in the SVG so that it
//! looks the same on a machine without them.
//!
//! Each face is named in the SVG after its egui font name (`Ubuntu-Light`, `Hack`,
//! `egui-icons`, ...) and embedded in an `@font-face` rule with a base64 `data:` URL, as a
//! subset: the outlines of the glyphs drawn, every other glyph emptied, `cmap` and `hmtx` kept
//! whole (the subsetter svg2pdf uses drops the `cmap` that browsers need; emptying glyphs in
//! place keeps every table valid without renumbering, with no further dependency). Browsers use that rule; resvg,
//! usvg and svg2pdf ignore `@font-face`, so [`font_database`] loads the very same embedded bytes
//! from the SVG into a `fontdb::Database` under the same family names. One set of bytes, so every
//! renderer advances and kerns as egui did (the subset keeps the kerning tables).

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use egui::epaint::text::{FontDefinitions, FontFamily, FontTweak};

/// Where an embedded font starts in the SVG's style sheet; [`font_database`] looks for it.
const FACE_START: &str = "@font-face{font-family:\"";
/// Between the family name and the font data.
const FACE_SOURCE: &str = "\";src:url(\"data:font/ttf;base64,";
/// After the font data.
const FACE_END: &str = "\");}";

/// One face of the font definitions, parsed on first use.
struct Face<'a> {
    /// egui's name for the font, also its family name in the SVG.
    name: &'a str,
    data: &'a [u8],
    /// The parsed font; `None` when the bytes are not a font egui could have used either.
    parsed: Option<ttf_parser::Face<'a>>,
    tweak: &'a FontTweak,
    /// Characters drawn with this face: what its subset keeps.
    used: BTreeSet<char>,
}

/// The faces of a set of egui font definitions, resolving characters the way egui does: the
/// first font of the family that has a glyph for the character, else the family's first font.
pub(crate) struct FontBook<'a> {
    definitions: &'a FontDefinitions,
    faces: Vec<Face<'a>>,
    by_name: HashMap<&'a str, usize>,
    resolved: HashMap<(FontFamily, char), Option<usize>>,
}

/// Index of a face in a [`FontBook`].
pub(crate) type FaceId = usize;

impl<'a> FontBook<'a> {
    /// All the faces of `definitions`; nothing is parsed yet.
    pub(crate) fn new(definitions: &'a FontDefinitions) -> Self {
        let mut faces = Vec::new();
        let mut by_name = HashMap::new();
        for (name, data) in &definitions.font_data {
            let bytes: &'a [u8] = (*data.font).as_ref();
            let parsed = ttf_parser::Face::parse(bytes, data.index).ok();
            by_name.insert(name.as_str(), faces.len());
            faces.push(Face {
                name: name.as_str(),
                data: bytes,
                parsed,
                tweak: &data.tweak,
                used: BTreeSet::new(),
            });
        }
        Self {
            definitions,
            faces,
            by_name,
            resolved: HashMap::new(),
        }
    }

    /// The face egui draws `c` with in `family`, marked as used. `None` when the family has no
    /// usable font at all.
    pub(crate) fn resolve(&mut self, family: &FontFamily, c: char) -> Option<FaceId> {
        let key = (family.clone(), c);
        let face = match self.resolved.get(&key) {
            Some(face) => *face,
            None => {
                let face = self.find(family, c);
                self.resolved.insert(key, face);
                face
            }
        };
        if let Some(id) = face {
            self.faces[id].used.insert(c);
        }
        face
    }

    fn find(&self, family: &FontFamily, c: char) -> Option<FaceId> {
        let names = self.definitions.families.get(family)?;
        let mut first = None;
        for name in names {
            let Some(&id) = self.by_name.get(name.as_str()) else {
                continue;
            };
            let Some(parsed) = &self.faces[id].parsed else {
                continue;
            };
            first.get_or_insert(id);
            if parsed.glyph_index(c).is_some() {
                return Some(id);
            }
        }
        first
    }

    /// The font size to write for text of `size` points in `face` (egui scales some fallback
    /// faces, e.g. emoji, to fit the text around them).
    pub(crate) fn font_size(&self, face: FaceId, size: f32) -> f32 {
        size * self.faces[face].tweak.scale
    }

    /// How far below egui's baseline this face's glyphs sit (a per-font tweak; 0 for the
    /// default fonts).
    pub(crate) fn baseline_shift(&self, face: FaceId, size: f32) -> f32 {
        let tweak = self.faces[face].tweak;
        size * tweak.scale * tweak.y_offset_factor + tweak.y_offset
    }

    /// The family list of `face` in the SVG: the embedded face first, then the font's own
    /// family name (for a machine that has it installed), then widely installed faces of
    /// similar widths, then a generic family. Renderers that ignore `@font-face` (librsvg,
    /// Inkscape, Illustrator) take the first they have; every line is one `<text>` placed at
    /// its anchor, so a wider face moves a label's free end, never its words.
    pub(crate) fn family_list(&self, face: FaceId, monospace: bool) -> String {
        let face = &self.faces[face];
        let mut names = vec![css_name(face.name)];
        if let Some(own) = face.parsed.as_ref().and_then(own_family_name) {
            names.push(css_name(&own));
        }
        let emoji = face.name.to_ascii_lowercase().contains("emoji");
        let fallbacks: &[&str] = if monospace {
            // Hack is drawn from DejaVu Sans Mono, whose metrics it keeps; Menlo is another.
            &["DejaVu Sans Mono", "Menlo", "Consolas", "Liberation Mono"]
        } else if emoji {
            &[
                "Noto Emoji",
                "Noto Color Emoji",
                "Apple Color Emoji",
                "Segoe UI Emoji",
            ]
        } else {
            // Humanist sans faces close to Ubuntu Light's widths, then the ubiquitous ones.
            &[
                "Ubuntu",
                "Segoe UI",
                "Helvetica Neue",
                "Arial",
                "Liberation Sans",
                "DejaVu Sans",
            ]
        };
        names.extend(fallbacks.iter().map(|name| (*name).to_owned()));
        let mut list = String::new();
        let mut seen = BTreeSet::new();
        for name in names {
            if name.is_empty() || !seen.insert(name.clone()) {
                continue;
            }
            list.push_str(&format!("'{name}',"));
        }
        list.push_str(if monospace { "monospace" } else { "sans-serif" });
        list
    }

    /// `@font-face` rules embedding every used face, each a subset of the characters drawn
    /// with it. Empty when no text was written.
    pub(crate) fn font_face_css(&self) -> String {
        let mut css = String::new();
        for face in &self.faces {
            if face.used.is_empty() || face.parsed.is_none() {
                continue;
            }
            let bytes = subset(face.data, face.parsed.as_ref(), &face.used)
                .unwrap_or_else(|| face.data.to_vec());
            css.push_str(FACE_START);
            css.push_str(&css_name(face.name));
            css.push_str(FACE_SOURCE);
            css.push_str(&BASE64.encode(bytes));
            css.push_str(FACE_END);
        }
        css
    }
}

/// A font or family name reduced to characters that need no quoting in CSS or XML.
fn css_name(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.'))
        .collect()
}

/// The font's typographic family name (name ID 16), else its family name (ID 1).
fn own_family_name(face: &ttf_parser::Face<'_>) -> Option<String> {
    let names = face.names();
    let find = |id: u16| {
        names
            .into_iter()
            .filter(|name| name.name_id == id && name.is_unicode())
            .find_map(|name| name.to_string())
    };
    find(ttf_parser::name_id::TYPOGRAPHIC_FAMILY).or_else(|| find(ttf_parser::name_id::FAMILY))
}

/// The outlines of the glyphs for `used` (with `.notdef` and the parts of composite glyphs)
/// from a TrueType font; every other glyph is emptied. Glyph ids, `cmap` and `hmtx` stay as
/// they are, so the result is a valid font for browsers and fontdb, and advances do not change.
/// Substitutions (`GSUB`: they could lead to emptied glyphs), device metrics and the signature
/// go; kerning stays. `None` for fonts this cannot subset (CFF outlines, collections); the
/// caller then embeds the whole font.
fn subset(
    data: &[u8],
    parsed: Option<&ttf_parser::Face<'_>>,
    used: &BTreeSet<char>,
) -> Option<Vec<u8>> {
    let parsed = parsed?;
    let tables = table_directory(data)?;
    let table = |tag: &[u8; 4]| {
        tables
            .iter()
            .find(|(t, _)| t == tag)
            .and_then(|(_, range)| data.get(range.clone()))
    };
    let head = table(b"head")?;
    let glyf = table(b"glyf")?;
    let loca = table(b"loca")?;
    let long_offsets = read_u16(head, 50)? == 1;
    let glyph_count = usize::from(parsed.number_of_glyphs());
    let glyph_range = |id: usize| -> Option<std::ops::Range<usize>> {
        let (start, end) = if long_offsets {
            (
                read_u32(loca, id * 4)? as usize,
                read_u32(loca, id * 4 + 4)? as usize,
            )
        } else {
            (
                usize::from(read_u16(loca, id * 2)?) * 2,
                usize::from(read_u16(loca, id * 2 + 2)?) * 2,
            )
        };
        (start <= end && end <= glyf.len()).then_some(start..end)
    };
    let mut keep = vec![false; glyph_count];
    let mut pending: Vec<usize> = std::iter::once(0)
        .chain(
            used.iter()
                .filter_map(|&c| parsed.glyph_index(c))
                .map(|id| usize::from(id.0)),
        )
        .collect();
    while let Some(id) = pending.pop() {
        if id >= glyph_count || keep[id] {
            continue;
        }
        keep[id] = true;
        pending.extend(components(glyf.get(glyph_range(id)?)?));
    }
    let mut new_glyf = Vec::new();
    let mut new_loca = Vec::with_capacity((glyph_count + 1) * 4);
    for (id, kept) in keep.iter().enumerate() {
        new_loca.extend_from_slice(&u32::try_from(new_glyf.len()).ok()?.to_be_bytes());
        if *kept {
            new_glyf.extend_from_slice(glyf.get(glyph_range(id)?)?);
            new_glyf.resize(new_glyf.len().next_multiple_of(4), 0);
        }
    }
    new_loca.extend_from_slice(&u32::try_from(new_glyf.len()).ok()?.to_be_bytes());
    let mut new_head = head.to_vec();
    // Long loca offsets; the checksum adjustment is set once the file is whole.
    new_head
        .get_mut(50..52)?
        .copy_from_slice(&1u16.to_be_bytes());
    new_head.get_mut(8..12)?.copy_from_slice(&[0; 4]);
    // Version 3 `post`: no glyph names, which are most of the table.
    let mut new_post = table(b"post")?.get(..32)?.to_vec();
    new_post[..4].copy_from_slice(&0x0003_0000u32.to_be_bytes());
    // Kerning (`GPOS`, `kern`) stays: egui kerns with it, and a renderer that kerns the same
    // way ends each line where egui did. Substitutions (`GSUB`) go, as they may lead to
    // glyphs the subset emptied.
    const DROPPED: [&[u8; 4]; 6] = [b"GSUB", b"hdmx", b"VDMX", b"LTSH", b"DSIG", b"TTFA"];
    let mut out_tables: Vec<([u8; 4], Vec<u8>)> = Vec::new();
    for (tag, range) in &tables {
        if DROPPED.contains(&tag) {
            continue;
        }
        let bytes = match tag {
            b"glyf" => std::mem::take(&mut new_glyf),
            b"loca" => std::mem::take(&mut new_loca),
            b"head" => std::mem::take(&mut new_head),
            b"post" => std::mem::take(&mut new_post),
            _ => data.get(range.clone())?.to_vec(),
        };
        out_tables.push((*tag, bytes));
    }
    Some(write_font(out_tables))
}

/// `(tag, byte range)` of each table of a TrueType font (not a collection).
fn table_directory(data: &[u8]) -> Option<Vec<([u8; 4], std::ops::Range<usize>)>> {
    if read_u32(data, 0)? != 0x0001_0000 && data.get(..4)? != b"true" {
        return None;
    }
    let count = usize::from(read_u16(data, 4)?);
    (0..count)
        .map(|i| {
            let record = 12 + 16 * i;
            let tag: [u8; 4] = data.get(record..record + 4)?.try_into().ok()?;
            let offset = read_u32(data, record + 8)? as usize;
            let length = read_u32(data, record + 12)? as usize;
            (offset.checked_add(length)? <= data.len()).then_some((tag, offset..offset + length))
        })
        .collect()
}

/// The glyph ids a composite glyph is made of (none for a simple glyph).
fn components(glyph: &[u8]) -> Vec<usize> {
    const ARGS_ARE_WORDS: u16 = 0x0001;
    const HAS_SCALE: u16 = 0x0008;
    const MORE_COMPONENTS: u16 = 0x0020;
    const HAS_XY_SCALE: u16 = 0x0040;
    const HAS_2X2: u16 = 0x0080;
    let mut ids = Vec::new();
    let Some(contours) = read_u16(glyph, 0) else {
        return ids;
    };
    if contours & 0x8000 == 0 {
        return ids;
    }
    let mut at = 10;
    while let (Some(flags), Some(id)) = (read_u16(glyph, at), read_u16(glyph, at + 2)) {
        ids.push(usize::from(id));
        at += 4 + if flags & ARGS_ARE_WORDS != 0 { 4 } else { 2 };
        at += if flags & HAS_SCALE != 0 {
            2
        } else if flags & HAS_XY_SCALE != 0 {
            4
        } else if flags & HAS_2X2 != 0 {
            8
        } else {
            0
        };
        if flags & MORE_COMPONENTS == 0 {
            break;
        }
    }
    ids
}

/// A TrueType file of `tables`: directory sorted by tag, tables 4-byte aligned, checksums and
/// `head.checkSumAdjustment` set.
fn write_font(mut tables: Vec<([u8; 4], Vec<u8>)>) -> Vec<u8> {
    tables.sort_by_key(|(tag, _)| *tag);
    let count = u16::try_from(tables.len()).unwrap_or(u16::MAX);
    let mut power = 1u16;
    let mut log2 = 0u16;
    while power.saturating_mul(2) <= count {
        power *= 2;
        log2 += 1;
    }
    let mut font = Vec::new();
    font.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    for value in [count, power * 16, log2, count * 16 - power * 16] {
        font.extend_from_slice(&value.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    let mut head_offset = None;
    for (tag, bytes) in &tables {
        font.extend_from_slice(tag);
        font.extend_from_slice(&checksum(bytes).to_be_bytes());
        font.extend_from_slice(&u32::try_from(offset).unwrap_or(0).to_be_bytes());
        font.extend_from_slice(&u32::try_from(bytes.len()).unwrap_or(0).to_be_bytes());
        if tag == b"head" {
            head_offset = Some(offset);
        }
        offset += bytes.len().next_multiple_of(4);
    }
    for (_, bytes) in &tables {
        font.extend_from_slice(bytes);
        font.resize(font.len().next_multiple_of(4), 0);
    }
    if let Some(head) = head_offset
        && let Some(adjustment) = font.get_mut(head + 8..head + 12)
    {
        adjustment.copy_from_slice(&[0; 4]);
        let whole = checksum(&font);
        if let Some(adjustment) = font.get_mut(head + 8..head + 12) {
            adjustment.copy_from_slice(&0xB1B0_AFBAu32.wrapping_sub(whole).to_be_bytes());
        }
    }
    font
}

/// The OpenType checksum: the sum of big-endian u32 words, the last one zero-padded.
fn checksum(bytes: &[u8]) -> u32 {
    bytes.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

fn read_u16(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(data.get(at..at + 2)?.try_into().ok()?))
}

fn read_u32(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(data.get(at..at + 4)?.try_into().ok()?))
}

/// The fonts embedded in an SVG written by [`crate::export::svg`], loaded under the family
/// names the SVG uses. An SVG without embedded fonts gives an empty database (its text is then
/// not drawn: no system fonts are consulted, so the output never depends on the machine).
pub fn font_database(svg: &str) -> fontdb::Database {
    let mut database = fontdb::Database::new();
    for (family, data) in embedded_fonts(svg) {
        let source = fontdb::Source::Binary(Arc::new(data));
        for id in database.load_font_source(source) {
            rename_family(&mut database, id, &family);
        }
    }
    database
}

/// Gives the face `id` the SVG's family name first, so that `font-family` finds it.
fn rename_family(database: &mut fontdb::Database, id: fontdb::ID, family: &str) {
    let Some(mut info) = database.face(id).cloned() else {
        return;
    };
    database.remove_face(id);
    info.families.insert(
        0,
        (family.to_owned(), fontdb::Language::English_UnitedStates),
    );
    database.push_face_info(info);
}

/// `(family, font bytes)` of every `@font-face` written by this module into `svg`.
fn embedded_fonts(svg: &str) -> Vec<(String, Vec<u8>)> {
    let mut fonts = Vec::new();
    let mut rest = svg;
    while let Some(start) = rest.find(FACE_START) {
        rest = &rest[start + FACE_START.len()..];
        let Some(name_end) = rest.find(FACE_SOURCE) else {
            break;
        };
        let family = rest[..name_end].to_owned();
        rest = &rest[name_end + FACE_SOURCE.len()..];
        let Some(data_end) = rest.find(FACE_END) else {
            break;
        };
        if let Ok(data) = BASE64.decode(&rest[..data_end]) {
            fonts.push((family, data));
        }
        rest = &rest[data_end..];
    }
    fonts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_resolve_to_the_first_font_of_the_family_that_has_them() {
        let definitions = FontDefinitions::default();
        let mut book = FontBook::new(&definitions);
        let latin = book.resolve(&FontFamily::Proportional, 'a').unwrap();
        assert_eq!(book.faces[latin].name, "Ubuntu-Light");
        let mono = book.resolve(&FontFamily::Monospace, 'a').unwrap();
        assert_eq!(book.faces[mono].name, "Hack");
        // Neither has egui's icons: both families fall back to the icon font.
        let icon = egui::special_emojis::GITHUB;
        let fallback = book.resolve(&FontFamily::Monospace, icon).unwrap();
        assert_eq!(book.faces[fallback].name, "egui-icons");
        // No default font has this: the family's first font draws its `.notdef`.
        let missing = book
            .resolve(&FontFamily::Proportional, '\u{10FFFD}')
            .unwrap();
        assert_eq!(missing, latin);
        assert!(book.faces[latin].used.contains(&'a'));
    }

    #[test]
    fn embedded_fonts_load_under_their_svg_family_names() {
        let definitions = FontDefinitions::default();
        let mut book = FontBook::new(&definitions);
        book.resolve(&FontFamily::Proportional, 'A');
        let css = book.font_face_css();
        let svg = format!("<svg><style>{css}</style></svg>");
        let database = font_database(&svg);
        let query = fontdb::Query {
            families: &[fontdb::Family::Name("Ubuntu-Light")],
            ..Default::default()
        };
        let id = database.query(&query).unwrap();
        let has_a = database
            .with_face_data(id, |data, index| {
                ttf_parser::Face::parse(data, index)
                    .unwrap()
                    .glyph_index('A')
                    .is_some()
            })
            .unwrap();
        assert!(has_a);
    }

    #[test]
    fn an_svg_without_fonts_gives_an_empty_database() {
        assert_eq!(font_database("<svg/>").len(), 0);
        // A damaged rule is skipped, never a panic.
        let damaged = format!("{FACE_START}X{FACE_SOURCE}!!!{FACE_END}{FACE_START}Y");
        assert_eq!(font_database(&damaged).len(), 0);
    }

    #[test]
    fn a_subset_keeps_the_used_outlines_and_metrics_and_empties_the_rest() {
        let data = epaint_default_fonts_ubuntu();
        let full = ttf_parser::Face::parse(&data, 0).unwrap();
        let used: BTreeSet<char> = "Ab1é".chars().collect();
        let bytes = subset(&data, Some(&full), &used).unwrap();
        assert!(
            bytes.len() * 4 < data.len(),
            "{} of {} bytes",
            bytes.len(),
            data.len()
        );
        let small = ttf_parser::Face::parse(&bytes, 0).unwrap();
        assert_eq!(small.number_of_glyphs(), full.number_of_glyphs());
        for c in "Ab1éZ ".chars() {
            let id = small.glyph_index(c).unwrap();
            assert_eq!(Some(id), full.glyph_index(c), "{c}: the cmap is kept");
            assert_eq!(
                small.glyph_hor_advance(id),
                full.glyph_hor_advance(id),
                "{c}"
            );
            let has_outline = small.glyph_bounding_box(id).is_some();
            assert_eq!(has_outline, used.contains(&c), "{c}");
        }
        // Kerning stays (renderers then end each line where egui did); substitutions go.
        assert_eq!(small.tables().gpos.is_some(), full.tables().gpos.is_some());
        assert!(small.tables().gsub.is_none());
        // The file's checksum adjustment makes the whole font sum to the magic number.
        assert_eq!(checksum(&bytes), 0xB1B0_AFBA);
        // The fonts module refuses what it cannot subset instead of writing garbage.
        assert!(subset(b"OTTO....", Some(&full), &used).is_none());
    }

    #[test]
    fn composite_glyphs_keep_their_parts() {
        // A composite glyph: header, then two components (the second with word arguments).
        let mut glyph = vec![0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0];
        glyph.extend_from_slice(&[0x00, 0x20, 0x00, 0x05, 1, 2]);
        glyph.extend_from_slice(&[0x00, 0x09, 0x00, 0x07, 0, 1, 0, 2, 0x40, 0x00]);
        assert_eq!(components(&glyph), vec![5, 7]);
        assert!(components(&[0, 1, 0, 0, 0, 0, 0, 0, 0, 0]).is_empty());
        assert!(components(&[]).is_empty());
    }

    fn epaint_default_fonts_ubuntu() -> Vec<u8> {
        let definitions = FontDefinitions::default();
        let font = &definitions.font_data["Ubuntu-Light"];
        (*font.font).as_ref().to_vec()
    }
}
