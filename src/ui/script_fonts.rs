//! Fonts for every script a dataset writes in: egui's own faces cover Latin, Greek and Cyrillic
//! (Ubuntu Light), emoji (Noto Emoji) and code (Hack); a title or note in Arabic, Hebrew, CJK
//! or another script would draw as boxes. For the characters they lack, this adds installed
//! system faces (found with fontdb, which reads the usual font folders and fontconfig) to the
//! end of egui's families, so the window, the PNG, the SVG (which embeds them as subsets) and
//! the PDF (whose text layer then maps each glyph to its own character) all draw them.
//!
//! Rules: egui's faces come first, so text they cover never changes; a system face is added
//! only for characters no face before it has, preferring regular sans faces with TrueType
//! outlines (which the SVG writer can subset), and at most [`MAX_ADDED`] faces, none larger
//! than [`MAX_FACE_BYTES`]. Characters no face has are returned, for a warning. The system
//! folders are scanned once per process.

use std::collections::BTreeSet;
use std::sync::{Arc, OnceLock};

use egui::epaint::text::{FontData, FontDefinitions, FontFamily};

use crate::dataset::Dataset;

/// At most this many system faces are added for one dataset.
const MAX_ADDED: usize = 6;
/// System faces larger than this (whole CJK collections) are not embedded.
const MAX_FACE_BYTES: usize = 24 * 1024 * 1024;

/// egui's faces with the system faces `text` needs, and what no face has.
#[derive(Clone)]
pub struct ScriptFonts {
    /// The font definitions to lay the text out with.
    pub definitions: FontDefinitions,
    /// Characters of the text that no face has: they draw as boxes.
    pub missing: BTreeSet<char>,
    /// Family names of the system faces added, in order.
    pub added: Vec<String>,
}

/// Every piece of `dataset` text the chart or its panels may draw.
pub fn drawn_text(dataset: &Dataset) -> BTreeSet<char> {
    let mut chars = BTreeSet::new();
    let mut add = |text: &str| chars.extend(text.chars().filter(|c| !c.is_control()));
    add(&dataset.title);
    dataset.subtitle.as_deref().map(&mut add);
    for deployment in &dataset.deployments {
        add(&deployment.label);
        deployment.description.as_deref().map(&mut add);
        deployment.measure.as_deref().map(&mut add);
        for point in &deployment.points {
            point.note.as_deref().map(&mut add);
        }
    }
    for casualties in &dataset.casualties {
        add(&casualties.label);
        casualties.unit.as_deref().map(&mut add);
        casualties.description.as_deref().map(&mut add);
        for period in &casualties.periods {
            period.note.as_deref().map(&mut add);
        }
    }
    for event in &dataset.events {
        add(&event.title);
        event.detail.as_deref().map(&mut add);
        event.category.as_deref().map(&mut add);
    }
    for source in &dataset.sources {
        add(&source.title);
        add(&source.publisher);
    }
    chars
}

/// egui's default faces: their bytes and face index.
fn default_faces() -> &'static Vec<(Vec<u8>, u32)> {
    static FACES: OnceLock<Vec<(Vec<u8>, u32)>> = OnceLock::new();
    FACES.get_or_init(|| {
        FontDefinitions::default()
            .font_data
            .values()
            .map(|data| ((*data.font).as_ref().to_vec(), data.index))
            .collect()
    })
}

/// Whether any of egui's default faces has a glyph for `c`.
fn default_has(c: char) -> bool {
    default_faces().iter().any(|(bytes, index)| {
        ttf_parser::Face::parse(bytes, *index).is_ok_and(|face| face.glyph_index(c).is_some())
    })
}

/// The installed fonts, scanned once.
fn system_fonts() -> &'static fontdb::Database {
    static DATABASE: OnceLock<fontdb::Database> = OnceLock::new();
    DATABASE.get_or_init(|| {
        let mut database = fontdb::Database::new();
        database.load_system_fonts();
        database
    })
}

/// egui's faces plus the system faces that `chars` need (see the module rules).
pub fn fonts_for(chars: &BTreeSet<char>) -> ScriptFonts {
    let mut definitions = FontDefinitions::default();
    let mut missing: BTreeSet<char> = chars
        .iter()
        .copied()
        .filter(|c| !c.is_whitespace() && !is_invisible(*c) && !default_has(*c))
        .collect();
    let mut added = Vec::new();
    if missing.is_empty() {
        return ScriptFonts {
            definitions,
            missing,
            added,
        };
    }
    let database = system_fonts();
    while !missing.is_empty() && added.len() < MAX_ADDED {
        let Some((id, covered)) = best_face(database, &missing) else {
            break;
        };
        let Some(data) = database.with_face_data(id, |data, index| (data.to_vec(), index)) else {
            break;
        };
        let name = database
            .face(id)
            .and_then(|face| face.families.first().map(|(name, _)| name.clone()))
            .unwrap_or_else(|| format!("system-{}", added.len()));
        let key = format!("{name} (system)");
        let mut font = FontData::from_owned(data.0);
        font.index = data.1;
        definitions.font_data.insert(key.clone(), Arc::new(font));
        for family in [FontFamily::Proportional, FontFamily::Monospace] {
            definitions
                .families
                .entry(family)
                .or_default()
                .push(key.clone());
        }
        missing.retain(|c| !covered.contains(c));
        added.push(name);
    }
    ScriptFonts {
        definitions,
        missing,
        added,
    }
}

/// The system face that has the most of `missing`, and which of them: regular sans faces with
/// TrueType outlines first, then any other.
fn best_face(
    database: &fontdb::Database,
    missing: &BTreeSet<char>,
) -> Option<(fontdb::ID, BTreeSet<char>)> {
    let mut best: Option<(fontdb::ID, BTreeSet<char>, u32)> = None;
    for info in database.faces() {
        let Some((covered, truetype, size)) = database.with_face_data(info.id, |data, index| {
            let face = ttf_parser::Face::parse(data, index).ok()?;
            let covered: BTreeSet<char> = missing
                .iter()
                .copied()
                .filter(|c| face.glyph_index(*c).is_some())
                .collect();
            Some((covered, face.tables().glyf.is_some(), data.len()))
        })?
        else {
            continue;
        };
        if covered.is_empty() || size > MAX_FACE_BYTES {
            continue;
        }
        let regular = info.style == fontdb::Style::Normal && info.weight == fontdb::Weight::NORMAL;
        let sans = !info.families.iter().any(|(name, _)| {
            name.to_ascii_lowercase().contains("serif")
                && !name.to_ascii_lowercase().contains("sans")
        });
        // Coverage counts most; among equals, a face the SVG can subset, regular, sans.
        #[allow(clippy::cast_possible_truncation)] // at most the number of distinct chars
        let score = (covered.len() as u32) * 8
            + u32::from(truetype) * 4
            + u32::from(regular) * 2
            + u32::from(sans);
        if best
            .as_ref()
            .is_none_or(|(_, _, best_score)| score > *best_score)
        {
            best = Some((info.id, covered, score));
        }
    }
    best.map(|(id, covered, _)| (id, covered))
}

/// Characters that draw nothing of their own (joiners, marks of direction, variation
/// selectors): no face needs a glyph for them.
fn is_invisible(c: char) -> bool {
    matches!(u32::from(c),
        0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0xFE00..=0xFE0F | 0xFEFF | 0xE0100..=0xE01EF)
}

/// The fonts for `dataset`, computed once per distinct set of characters needing a fallback
/// (the window asks every time a dataset loads; exports ask per file).
pub fn fonts_for_dataset(dataset: &Dataset) -> ScriptFonts {
    fonts_for(&drawn_text(dataset))
}

/// A warning naming the characters no installed font has, or `None` when all can be drawn.
pub fn missing_glyphs_warning(fonts: &ScriptFonts) -> Option<String> {
    if fonts.missing.is_empty() {
        return None;
    }
    let shown: String = fonts.missing.iter().take(20).collect();
    let more = fonts.missing.len().saturating_sub(20);
    let more = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    Some(format!(
        "{} character{} cannot be drawn by any installed font and will show as boxes: {shown}{more} (install a font for that script, e.g. Noto Sans)",
        fonts.missing.len(),
        if fonts.missing.len() == 1 { "" } else { "s" }
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_text_needs_nothing_added() {
        let fonts = fonts_for(&"US troops in Iraq, 2003–2024 · 170,000".chars().collect());
        assert!(fonts.missing.is_empty());
        assert!(fonts.added.is_empty());
        assert_eq!(
            fonts.definitions.families,
            FontDefinitions::default().families
        );
    }

    #[test]
    fn hebrew_and_arabic_come_from_an_installed_face_or_are_reported() {
        let chars: BTreeSet<char> = "עברית العربية".chars().collect();
        let fonts = fonts_for(&chars);
        let letters: BTreeSet<char> = chars
            .iter()
            .copied()
            .filter(|c| !c.is_whitespace())
            .collect();
        // Every letter is either drawn by an added face or named as missing.
        for c in &letters {
            let drawn = fonts.definitions.font_data.iter().any(|(name, data)| {
                name.ends_with("(system)")
                    && ttf_parser::Face::parse((*data.font).as_ref(), data.index)
                        .is_ok_and(|face| face.glyph_index(*c).is_some())
            });
            assert!(drawn != fonts.missing.contains(c), "{c}: {:?}", fonts.added);
        }
        // egui's own faces stay first.
        let proportional = &fonts.definitions.families[&FontFamily::Proportional];
        let defaults = &FontDefinitions::default().families[&FontFamily::Proportional];
        assert_eq!(&proportional[..defaults.len()], &defaults[..]);
        if fonts.missing.is_empty() {
            assert!(missing_glyphs_warning(&fonts).is_none());
        } else {
            assert!(missing_glyphs_warning(&fonts).unwrap().contains("boxes"));
        }
    }

    #[test]
    fn a_character_no_font_has_is_reported() {
        // A private-use character: no font has a glyph meaning it.
        let fonts = fonts_for(&['\u{10FFFD}'].into_iter().collect());
        assert!(fonts.missing.contains(&'\u{10FFFD}'));
        let warning = missing_glyphs_warning(&fonts).unwrap();
        assert!(
            warning.starts_with("1 character cannot be drawn"),
            "{warning}"
        );
    }
}
