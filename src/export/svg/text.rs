//! Text as SVG that reads the same in every program: one `<text>` per line of a galley,
//! placed at its anchor (`text-anchor` start, middle or end: the galley's own alignment, else
//! the end for labels right-aligned in a column, else the start), with `<tspan>`s only where
//! the style changes and never with a position of their own. A renderer without the embedded
//! face (librsvg, Inkscape, Illustrator ignore `@font-face`) lays the whole line out as one
//! run in the next family of the list, so a wider face moves the free end of a label, never
//! the pieces of a word or a number. Backgrounds, underlines and strike-throughs are drawn as
//! shapes; right-to-left text is kept in the visual order egui shaped it into.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use egui::Shape;
use egui::epaint::text::{FontFamily, Galley, TextFormat};
use egui::epaint::{Color32, Stroke, TextShape};

use super::super::fonts::FaceId;
use super::{Leaf, Writer, fill_attrs, rotate_attr, write_attr, xml_char};

impl Writer<'_> {
    pub(super) fn text(&mut self, shape: &TextShape) {
        let galley = &shape.galley;
        if galley.is_empty() || shape.opacity_factor <= 0.0 || !shape.pos.x.is_finite() {
            return;
        }
        let rotated = shape.angle != 0.0 && shape.angle.is_finite();
        if rotated {
            self.body.push_str("<g");
            rotate_attr(&mut self.body, shape.angle, shape.pos);
            self.body.push_str(">\n");
        }
        let glyph_color = |section: &TextFormat| {
            let mut color = match shape.override_text_color {
                Some(color) => color,
                None if section.color == Color32::PLACEHOLDER => shape.fallback_color,
                None => section.color,
            };
            if shape.opacity_factor < 1.0 {
                color = color.gamma_multiply(shape.opacity_factor);
            }
            color
        };
        let decoration_color = |color: Color32| {
            let mut color = if color == Color32::PLACEHOLDER {
                shape.fallback_color
            } else {
                color
            };
            if shape.opacity_factor < 1.0 {
                color = color.gamma_multiply(shape.opacity_factor);
            }
            color
        };
        let anchor = self.anchor_of(shape);
        let mut sections = SectionCursor::new(galley);
        let rows = galley.rows.len();
        for (index, row) in galley.rows.iter().enumerate() {
            let origin = shape.pos + row.pos.to_vec2();
            // Backgrounds, underlines and strike-throughs are the row mesh's non-glyph triangles.
            let glyph_vertices = &row.visuals.glyph_vertex_range;
            let decorations: Vec<[u32; 3]> = row
                .visuals
                .mesh
                .indices
                .chunks_exact(3)
                .map(|t| [t[0], t[1], t[2]])
                .filter(|t| {
                    t.iter().all(|&i| {
                        (i as usize) < row.visuals.mesh.vertices.len()
                            && !glyph_vertices.contains(&(i as usize))
                    })
                })
                .collect();
            if !decorations.is_empty() {
                self.triangles(
                    &row.visuals.mesh,
                    &decorations,
                    origin.to_vec2(),
                    Some(&decoration_color),
                );
            }
            let mut line = Line::default();
            let mut style_of = |format: &TextFormat, chr: char, top: f32| {
                let size = format.font_id.size;
                let face = self.fonts.resolve(&format.font_id.family, chr);
                Style {
                    face,
                    monospace: format.font_id.family == FontFamily::Monospace,
                    font_size: face.map_or(size, |face| self.fonts.font_size(face, size)),
                    baseline: origin.y
                        + top
                        + face.map_or(0.0, |face| self.fonts.baseline_shift(face, size)),
                    color: glyph_color(format),
                    italics: format.italics,
                }
            };
            let drawn = row.glyphs.iter().filter(|glyph| !is_continuation(glyph));
            if rows == 1 && row.glyphs.iter().any(|glyph| is_rtl(glyph.chr)) {
                // One row of right-to-left text: written as the text says, in logical order,
                // each character in its section's style, over the width egui drew.
                let top = row.glyphs.first().map_or(0.0, |glyph| glyph.pos.y);
                let job = &galley.job;
                for (byte, chr) in job.text.char_indices().filter(|&(_, c)| c != '\n') {
                    let format = job
                        .sections
                        .iter()
                        .find(|section| {
                            section.byte_range.start.0 <= byte && byte < section.byte_range.end.0
                        })
                        .map_or(&sections.fallback, |section| &section.format);
                    line.push(style_of(format, chr, top), origin.x, 0.0, chr);
                }
                let mut drawn = drawn.peekable();
                if let Some(first) = drawn.peek() {
                    line.left = origin.x + first.pos.x;
                    line.right = line.left;
                }
                for glyph in drawn {
                    line.left = line.left.min(origin.x + glyph.pos.x);
                    line.right = line.right.max(origin.x + glyph.pos.x + glyph.advance_width);
                }
                line.logical = true;
            } else {
                for glyph in drawn {
                    let style = style_of(sections.format_of(glyph.chr), glyph.chr, glyph.pos.y);
                    line.push(
                        style,
                        origin.x + glyph.pos.x,
                        glyph.advance_width,
                        glyph.chr,
                    );
                }
            }
            sections.end_row(row.ends_with_newline);
            // A row that wrapped fills the width egui wrapped it to: held to that width, it
            // cannot run past the chart's edge in a wider fallback font.
            line.wrapped = !row.ends_with_newline && (index + 1 < rows || galley.elided);
            if !row.glyphs.iter().all(|glyph| glyph.chr.is_whitespace()) {
                line.finish();
                self.text_line(&line, anchor);
            }
            if shape.underline != Stroke::NONE && !row.visuals.mesh.is_empty() {
                let bounds = row.visuals.mesh_bounds.translate(origin.to_vec2());
                self.line_segment(
                    [bounds.left_bottom(), bounds.right_bottom()],
                    shape.underline,
                );
                self.flush_lines();
            }
        }
        if rotated {
            self.body.push_str("</g>\n");
        }
    }

    /// One `<text>` per line, placed at its anchor; spans of another style are `<tspan>`s that
    /// say only what differs and never carry a position of their own, so a renderer lays the
    /// whole line out as one run in whatever font it has.
    fn text_line(&mut self, line: &Line, anchor: Anchor) {
        let Some(first) = line.spans.first() else {
            return;
        };
        let family = |style: &Style| {
            style
                .face
                .map(|face| self.fonts.family_list(face, style.monospace))
                .unwrap_or_else(|| "sans-serif".to_owned())
        };
        let first_family = family(&first.style);
        let body = &mut self.body;
        body.push_str("<text xml:space=\"preserve\"");
        let _ = write!(body, " font-family=\"{first_family}\"");
        write_attr(body, "font-size", first.style.font_size);
        if first.style.italics {
            body.push_str(" font-style=\"italic\"");
        }
        fill_attrs(body, first.style.color);
        let x = match anchor {
            Anchor::Start => line.left,
            Anchor::Middle => 0.5 * (line.left + line.right),
            Anchor::End => line.right,
        };
        match anchor {
            Anchor::Start => {}
            Anchor::Middle => body.push_str(" text-anchor=\"middle\""),
            Anchor::End => body.push_str(" text-anchor=\"end\""),
        }
        write_attr(body, "x", x);
        write_attr(body, "y", first.style.baseline);
        if line.wrapped && line.right > line.left {
            write_attr(body, "textLength", line.right - line.left);
            body.push_str(" lengthAdjust=\"spacingAndGlyphs\"");
        }
        body.push('>');
        body.push_str(&first.text);
        let mut baseline = first.style.baseline;
        for span in &line.spans[1..] {
            let span_family = family(&span.style);
            let body = &mut self.body;
            let style = &span.style;
            body.push_str("<tspan");
            if style.baseline != baseline {
                write_attr(body, "dy", style.baseline - baseline);
                baseline = style.baseline;
            }
            if span_family != first_family {
                let _ = write!(body, " font-family=\"{span_family}\"");
            }
            if style.font_size != first.style.font_size {
                write_attr(body, "font-size", style.font_size);
            }
            if style.italics != first.style.italics {
                body.push_str(if style.italics {
                    " font-style=\"italic\""
                } else {
                    " font-style=\"normal\""
                });
            }
            if style.color != first.style.color {
                fill_attrs(body, style.color);
            }
            body.push('>');
            body.push_str(&span.text);
            body.push_str("</tspan>");
        }
        self.body.push_str("</text>\n");
    }

    /// Where `shape`'s lines are anchored: the galley's own alignment, else the end for labels
    /// found right-aligned in a column with others (see [`right_aligned`]), else the start.
    fn anchor_of(&self, shape: &TextShape) -> Anchor {
        match shape.galley.job.halign {
            egui::Align::Center => Anchor::Middle,
            egui::Align::Max => Anchor::End,
            egui::Align::Min if self.right_aligned.contains(&std::ptr::from_ref(shape)) => {
                Anchor::End
            }
            egui::Align::Min => Anchor::Start,
        }
    }
}

/// Which end of a line of text its `x` names, as SVG's `text-anchor`: in a fallback font of
/// other widths the anchored end stays where egui put it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Anchor {
    Start,
    Middle,
    End,
}

/// What a `<text>` or `<tspan>` says about its glyphs.
#[derive(Clone, Copy, PartialEq)]
struct Style {
    face: Option<FaceId>,
    monospace: bool,
    font_size: f32,
    baseline: f32,
    color: Color32,
    italics: bool,
}

/// Consecutive glyphs of one style.
struct Span {
    style: Style,
    /// XML-escaped.
    text: String,
}

/// One row of a galley: its spans and where egui put its first and last glyph.
#[derive(Default)]
struct Line {
    /// Each glyph's style and character, in egui's order.
    glyphs: Vec<(Style, char)>,
    spans: Vec<Span>,
    left: f32,
    right: f32,
    rtl: bool,
    /// A row of a paragraph that wrapped (not its last): written with its width fixed.
    wrapped: bool,
    /// The glyphs are the text in logical order already (not egui's glyph order).
    logical: bool,
}

impl Line {
    fn push(&mut self, style: Style, x: f32, advance: f32, chr: char) {
        if self.glyphs.is_empty() {
            self.left = x;
            self.right = x;
        }
        self.left = self.left.min(x);
        self.right = self.right.max(x + advance);
        self.rtl |= is_rtl(chr);
        self.glyphs.push((style, chr));
    }

    /// Groups the glyphs into spans of one style. A row with right-to-left text is written in
    /// logical order, for the renderer's own bidi: egui 0.37 shapes each right-to-left word on
    /// its own and places the words left to right (emilk/egui#8576), so its glyph order is
    /// neither logical nor visual; the letters of each right-to-left word are put back in the
    /// order they are read. SVG and PDF then show the text as written and copy it as written.
    fn finish(&mut self) {
        if self.rtl && !self.logical {
            let mut start = 0;
            while start < self.glyphs.len() {
                if !is_rtl(self.glyphs[start].1) {
                    start += 1;
                    continue;
                }
                let end = (start..self.glyphs.len())
                    .find(|&at| !is_rtl(self.glyphs[at].1))
                    .unwrap_or(self.glyphs.len());
                self.glyphs[start..end].reverse();
                start = end;
            }
            // A space between right-to-left words takes their style, so the words stay one
            // span: renderers that reorder each `<tspan>` on its own (librsvg) then see them
            // as one right-to-left run.
            for at in 1..self.glyphs.len().saturating_sub(1) {
                let (before, here, after) =
                    (self.glyphs[at - 1], self.glyphs[at], self.glyphs[at + 1]);
                if here.1.is_whitespace()
                    && is_rtl(before.1)
                    && is_rtl(after.1)
                    && before.0 == after.0
                {
                    self.glyphs[at].0 = before.0;
                }
            }
        }
        self.spans.clear();
        for &(style, chr) in &self.glyphs {
            let ch = xml_char(chr);
            match self.spans.last_mut() {
                Some(span) if span.style == style => span.text.push_str(&ch),
                _ => self.spans.push(Span {
                    style,
                    text: ch.into_owned(),
                }),
            }
        }
    }
}

/// The one-line, unrotated labels of `leaves` that are right-aligned: their right edges meet
/// those of other labels in the same clip and transform whose left edges differ (a column of
/// axis figures, say). egui hands over only where it put a label, not how it was aligned.
pub(super) fn right_aligned(leaves: &[Leaf<'_>]) -> HashSet<*const TextShape> {
    // Grouped by clip and transform, as text is only aligned with text drawn alongside it.
    let mut groups: HashMap<String, Vec<(*const TextShape, f32, f32)>> = HashMap::new();
    for leaf in leaves {
        let Shape::Text(text) = leaf.shape else {
            continue;
        };
        let galley = &text.galley;
        if galley.rows.len() != 1
            || text.angle != 0.0
            || galley.job.halign != egui::Align::Min
            || !is_figure(&galley.job.text)
        {
            continue;
        }
        let row = &galley.rows[0];
        let (Some(first), Some(last)) = (row.glyphs.first(), row.glyphs.last()) else {
            continue;
        };
        let left = text.pos.x + row.pos.x + first.pos.x;
        let right = text.pos.x + row.pos.x + last.pos.x + last.advance_width;
        if !(left.is_finite() && right.is_finite()) {
            continue;
        }
        let key = format!("{:?}", (leaf.clip, leaf.transform));
        groups
            .entry(key)
            .or_default()
            .push((std::ptr::from_ref(text), left, right));
    }
    let mut out = HashSet::new();
    for mut labels in groups.into_values() {
        labels.sort_by(|a, b| a.2.total_cmp(&b.2));
        // Right edges within half a point of the previous one form a column: egui snaps each
        // label to the pixel grid on its own.
        let mut start = 0;
        for end in 1..=labels.len() {
            if end < labels.len() && labels[end].2 - labels[end - 1].2 <= 0.5 {
                continue;
            }
            let column = &labels[start..end];
            let lefts = column.iter().map(|label| label.1);
            let spread = lefts.clone().fold(f32::NEG_INFINITY, f32::max)
                - lefts.fold(f32::INFINITY, f32::min);
            if column.len() >= 2 && spread > 1.0 {
                out.extend(column.iter().map(|label| label.0));
            }
            start = end;
        }
    }
    out
}

/// Whether `text` is a figure as axes write them (`120,000`, `-5`, `40 %`): only columns of
/// figures are right-aligned in a chart, and a title or key word whose end happens to meet
/// another label's is not one of them.
fn is_figure(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_digit())
        && text.chars().all(|c| {
            c.is_ascii_digit()
                || matches!(
                    c,
                    ',' | '.' | ' ' | '\'' | '’' | '%' | '+' | '-' | '−' | '\u{a0}' | '\u{202f}'
                )
        })
}

/// Walks a galley's text alongside its glyphs to find each glyph's section (egui does not keep
/// it on the glyph after layout).
struct SectionCursor<'g> {
    galley: &'g Galley,
    chars: std::iter::Peekable<std::str::CharIndices<'g>>,
    section: usize,
    fallback: TextFormat,
}

impl<'g> SectionCursor<'g> {
    fn new(galley: &'g Galley) -> Self {
        Self {
            galley,
            chars: galley.job.text.char_indices().peekable(),
            section: 0,
            fallback: TextFormat::default(),
        }
    }

    /// The format of the next glyph, `chr`. A glyph not in the text (the `…` of elided text)
    /// keeps the format of the glyph before it.
    fn format_of(&mut self, chr: char) -> &TextFormat {
        if let Some(&(byte, c)) = self.chars.peek()
            && c == chr
        {
            self.chars.next();
            let sections = &self.galley.job.sections;
            while self.section + 1 < sections.len()
                && sections[self.section].byte_range.end.0 <= byte
            {
                self.section += 1;
            }
        }
        self.galley
            .job
            .sections
            .get(self.section)
            .map_or(&self.fallback, |section| &section.format)
    }

    /// Skips the newline that ended a row.
    fn end_row(&mut self, ends_with_newline: bool) {
        if ends_with_newline && self.chars.peek().is_some_and(|&(_, c)| c == '\n') {
            self.chars.next();
        }
    }
}

/// A glyph egui adds for a character its shaper drew as part of another glyph (no width, no
/// image). egui 0.37 pads a right-to-left run with one per character after shaping it
/// (emilk/egui#8576), which would write the run's text twice: those are not text.
fn is_continuation(glyph: &egui::epaint::text::Glyph) -> bool {
    // Only right-to-left ones: a left-to-right ligature's (`fi`) continuation is its second
    // letter, written once.
    glyph.advance_width == 0.0 && glyph.uv_rect.is_nothing() && is_rtl(glyph.chr)
}

/// Strong right-to-left characters (Hebrew, Arabic and their presentation forms, and the
/// historic RTL blocks).
fn is_rtl(c: char) -> bool {
    matches!(u32::from(c),
        0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use egui::epaint::FontId;
    use egui::epaint::text::{FontDefinitions, Fonts, LayoutJob, TextOptions};
    use egui::{Pos2, pos2};
    use proptest::prelude::*;

    use super::super::num;
    use super::super::test_support::{elements, only, svg_of};
    use super::*;

    fn galley(job: LayoutJob, pixels_per_point: f32) -> Arc<Galley> {
        let mut fonts = Fonts::new(TextOptions::default(), FontDefinitions::default());
        fonts
            .with_pixels_per_point(pixels_per_point)
            .layout_job(job)
    }

    /// The characters egui shows for `galley`, as the SVG writes them: row by row, rows of
    /// only whitespace left out, characters XML cannot hold as U+FFFD.
    fn shown(galley: &Galley) -> String {
        // One row with right-to-left text is written as the text says (logical order).
        if let [row] = galley.rows.as_slice()
            && row.glyphs.iter().any(|g| is_rtl(g.chr))
        {
            return galley
                .job
                .text
                .chars()
                .filter(|&c| c != '\n')
                .map(|c| {
                    if u32::from(c) < 0x20 && !matches!(c, '\t' | '\n' | '\r') {
                        '\u{FFFD}'
                    } else {
                        c
                    }
                })
                .collect();
        }
        galley
            .rows
            .iter()
            .map(|row| row.glyphs.iter().map(|g| g.chr).collect::<String>())
            .filter(|row| !row.trim().is_empty())
            .flat_map(|row| row.chars().collect::<Vec<_>>())
            .map(|c| {
                if u32::from(c) < 0x20 && !matches!(c, '\t' | '\n' | '\r') {
                    '\u{FFFD}'
                } else {
                    c
                }
            })
            .collect()
    }

    /// Each character of the SVG's text with the fill it is drawn in (inherited or its own).
    fn fills(svg: &str) -> Vec<(char, String)> {
        let document = roxmltree::Document::parse(svg).unwrap();
        let mut out = Vec::new();
        for node in document.descendants().filter(|n| n.is_text()) {
            let fill = node
                .ancestors()
                .find_map(|a| a.attribute("fill"))
                .unwrap_or_default()
                .to_owned();
            if node.ancestors().any(|a| a.has_tag_name("text")) {
                out.extend(
                    node.text()
                        .unwrap_or_default()
                        .chars()
                        .map(|c| (c, fill.clone())),
                );
            }
        }
        out
    }

    fn text_shape(text: &str, size: f32, color: Color32) -> TextShape {
        let job = LayoutJob::simple_singleline(text.to_owned(), FontId::proportional(size), color);
        TextShape::new(pos2(10.0, 20.0), galley(job, 1.0), Color32::BLACK)
    }

    #[test]
    fn text_is_real_text_at_egui_baseline_in_the_embedded_font() {
        let shape = text_shape("Troops 2003", 14.0, Color32::from_rgb(10, 20, 30));
        let galley = Arc::clone(&shape.galley);
        let svg = svg_of(vec![Shape::Text(shape)]);
        let texts = elements(&svg, "text");
        assert_eq!(texts.len(), 1);
        let (attributes, content) = &texts[0];
        assert_eq!(content, "Troops 2003");
        assert_eq!(attributes["font-size"], "14");
        assert_eq!(attributes["fill"], "#0a141e");
        assert!(attributes["font-family"].starts_with("'Ubuntu-Light'"));
        let glyph = &galley.rows[0].glyphs[0];
        assert_eq!(
            attributes["x"],
            num(10.0 + galley.rows[0].pos.x + glyph.pos.x)
        );
        assert_eq!(
            attributes["y"],
            num(20.0 + galley.rows[0].pos.y + glyph.pos.y)
        );
        // The face is embedded, once.
        let style = elements(&svg, "style");
        assert_eq!(style.len(), 1);
        assert_eq!(style[0].1.matches("@font-face").count(), 1);
        assert!(style[0].1.contains("font-family:\"Ubuntu-Light\""));
    }

    #[test]
    fn special_characters_are_escaped_and_read_back_unchanged() {
        for text in [
            "a < b & c > d",
            "\"quoted\" 'single'",
            "x 😀 y",
            "tab\there",
            "cr\rhere",
        ] {
            let svg = svg_of(vec![Shape::Text(text_shape(text, 12.0, Color32::BLACK))]);
            let read: String = elements(&svg, "text").into_iter().map(|(_, t)| t).collect();
            assert_eq!(read, text);
        }
        // Right-to-left text is written as it is read (logical order), once, for the
        // renderer's bidi: egui 0.37's glyphs hold each word reversed and the run twice.
        let shape = text_shape("שלום עולם", 12.0, Color32::BLACK);
        let rtl = svg_of(vec![Shape::Text(shape)]);
        let read: String = elements(&rtl, "text").into_iter().map(|(_, t)| t).collect();
        assert_eq!(read, "שלום עולם");
        assert!(!only(&rtl, "text").contains_key("unicode-bidi"));
        let mixed = svg_of(vec![Shape::Text(text_shape(
            "In view: עיראק: peak",
            12.0,
            Color32::BLACK,
        ))]);
        let read: String = elements(&mixed, "text")
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        assert_eq!(read, "In view: עיראק: peak");
    }

    #[test]
    fn text_colour_follows_override_section_placeholder_and_opacity() {
        let mut job = LayoutJob::default();
        job.append(
            "red ",
            0.0,
            TextFormat::simple(FontId::proportional(12.0), Color32::RED),
        );
        job.append(
            "placeholder ",
            0.0,
            TextFormat::simple(FontId::proportional(20.0), Color32::PLACEHOLDER),
        );
        job.append(
            "mono",
            0.0,
            TextFormat::simple(FontId::monospace(12.0), Color32::BLUE),
        );
        let galley = galley(job, 1.0);
        let shape = TextShape::new(pos2(0.0, 30.0), Arc::clone(&galley), Color32::GREEN);
        let svg = svg_of(vec![Shape::Text(shape.clone())]);
        let text = only(&svg, "text");
        assert_eq!(text["fill"], "#ff0000");
        assert_eq!(text["font-size"], "12");
        let colour_of = |wanted: &str| -> Vec<String> {
            let fills = fills(&svg);
            let all: String = fills.iter().map(|(c, _)| *c).collect();
            let start = all.find(wanted).unwrap();
            let start = all[..start].chars().count();
            fills[start..start + wanted.chars().count()]
                .iter()
                .map(|(_, f)| f.clone())
                .collect()
        };
        assert!(colour_of("red").iter().all(|f| f == "#ff0000"));
        assert!(
            colour_of("placeholder").iter().all(|f| f == "#00ff00"),
            "PLACEHOLDER takes the fallback colour"
        );
        assert!(colour_of("mono").iter().all(|f| f == "#0000ff"));
        let tspans = elements(&svg, "tspan");
        let big = tspans.iter().find(|(_, t)| t.starts_with('p')).unwrap();
        assert_eq!(big.0["font-size"], "20");
        let mono = tspans.iter().find(|(_, t)| t.starts_with('m')).unwrap();
        assert!(mono.0["font-family"].starts_with("'Hack'"));
        assert!(mono.0["font-family"].ends_with("monospace"));
        // An override colours every glyph; the opacity factor fades it.
        let overridden = shape.clone().with_override_text_color(Color32::WHITE);
        let svg = svg_of(vec![Shape::Text(overridden)]);
        assert!(
            elements(&svg, "tspan")
                .iter()
                .all(|(a, _)| !a.contains_key("fill"))
        );
        assert_eq!(only(&svg, "text")["fill"], "#ffffff");
        let faded = shape.clone().with_opacity_factor(0.5);
        let svg = svg_of(vec![Shape::Text(faded)]);
        let opacity: f32 = only(&svg, "text")["fill-opacity"].parse().unwrap();
        assert!((opacity - 0.5).abs() < 0.01, "{opacity}");
        let hidden = shape.with_opacity_factor(0.0);
        assert!(elements(&svg_of(vec![Shape::Text(hidden)]), "text").is_empty());
    }

    #[test]
    fn each_row_is_a_text_element_at_its_own_baseline() {
        let job = LayoutJob::simple(
            "first line\nsecond".to_owned(),
            FontId::proportional(12.0),
            Color32::BLACK,
            f32::INFINITY,
        );
        let galley = galley(job, 2.0);
        let svg = svg_of(vec![Shape::Text(TextShape::new(
            pos2(5.0, 5.0),
            Arc::clone(&galley),
            Color32::BLACK,
        ))]);
        let texts = elements(&svg, "text");
        assert_eq!(texts.len(), 2);
        assert_eq!(texts[0].1, "first line");
        assert_eq!(texts[1].1, "second");
        let y = |i: usize| texts[i].0["y"].parse::<f32>().unwrap();
        assert!((y(1) - y(0) - (galley.rows[1].pos.y - galley.rows[0].pos.y)).abs() < 0.01);
    }

    #[test]
    fn a_line_is_one_text_and_its_pieces_are_never_placed_on_their_own() {
        // Letter spacing and kerning move glyphs away from where a renderer would put them in
        // another font; the line still stays one run from its anchor.
        let mut format = TextFormat::simple(FontId::proportional(12.0), Color32::BLACK);
        format.extra_letter_spacing = 3.0;
        let mut job = LayoutJob::single_section("peak 170,000 ".to_owned(), format);
        job.append(
            "AVATAR",
            0.0,
            TextFormat::simple(FontId::proportional(12.0), Color32::RED),
        );
        let spaced = galley(job, 1.0);
        let svg = svg_of(vec![Shape::Text(TextShape::new(
            pos2(0.0, 0.0),
            Arc::clone(&spaced),
            Color32::BLACK,
        ))]);
        let texts = elements(&svg, "text");
        assert_eq!(texts.len(), 1, "{svg}");
        assert_eq!(texts[0].1, "peak 170,000 AVATAR");
        assert_eq!(texts[0].0["x"], num(spaced.rows[0].glyphs[0].pos.x));
        assert!(!texts[0].0.contains_key("text-anchor"), "{svg}");
        let tspans = elements(&svg, "tspan");
        assert_eq!(tspans.len(), 1, "{svg}");
        assert_eq!(tspans[0].1, "AVATAR");
        assert!(!tspans[0].0.contains_key("x") && !tspans[0].0.contains_key("y"));
    }

    #[test]
    fn labels_are_anchored_at_the_end_egui_aligned_them_to() {
        let label = |text: &str, pos: Pos2| {
            let mut shape = text_shape(text, 12.0, Color32::BLACK);
            shape.pos = pos;
            shape
        };
        let right_edge = |shape: &TextShape| {
            let row = &shape.galley.rows[0];
            let last = row.glyphs.last().unwrap();
            shape.pos.x + row.pos.x + last.pos.x + last.advance_width
        };
        // A column of figures right-aligned at x = 100, as axis labels are.
        let mut column = Vec::new();
        for (i, figure) in ["0", "50,000", "170,000"].into_iter().enumerate() {
            let probe = label(figure, pos2(0.0, 0.0));
            let width = right_edge(&probe);
            column.push(label(figure, pos2(100.0 - width, 20.0 * i as f32)));
        }
        let edges: Vec<String> = column.iter().map(|s| num(right_edge(s))).collect();
        // A lone label is anchored at its start.
        column.push(label("Source: DoD", pos2(5.0, 90.0)));
        let svg = svg_of(column.into_iter().map(Shape::Text).collect());
        let texts = elements(&svg, "text");
        assert_eq!(texts.len(), 4);
        for (i, edge) in edges.iter().enumerate() {
            assert_eq!(texts[i].0["text-anchor"], "end", "{svg}");
            assert_eq!(&texts[i].0["x"], edge);
        }
        assert!(!texts[3].0.contains_key("text-anchor"), "{svg}");
        // A galley that is centred says so itself.
        let mut job = LayoutJob::simple_singleline(
            "2008".to_owned(),
            FontId::proportional(12.0),
            Color32::BLACK,
        );
        job.halign = egui::Align::Center;
        let centred = galley(job, 1.0);
        let svg = svg_of(vec![Shape::Text(TextShape::new(
            pos2(50.0, 10.0),
            Arc::clone(&centred),
            Color32::BLACK,
        ))]);
        let text = only(&svg, "text");
        assert_eq!(text["text-anchor"], "middle");
        let row = &centred.rows[0];
        let last = row.glyphs.last().unwrap();
        let middle =
            50.0 + row.pos.x + 0.5 * (row.glyphs[0].pos.x + last.pos.x + last.advance_width);
        assert_eq!(text["x"], num(middle));
    }

    #[test]
    fn rotated_text_turns_about_its_position() {
        let shape =
            text_shape("axis", 12.0, Color32::BLACK).with_angle(-std::f32::consts::FRAC_PI_2);
        let svg = svg_of(vec![Shape::Text(shape)]);
        assert_eq!(only(&svg, "g")["transform"], "rotate(-90 10 20)");
    }

    #[test]
    fn text_backgrounds_and_underlines_are_drawn() {
        let mut format = TextFormat::simple(FontId::proportional(12.0), Color32::BLACK);
        format.background = Color32::YELLOW;
        format.underline = Stroke::new(1.0, Color32::RED);
        let galley = galley(LayoutJob::single_section("note".to_owned(), format), 1.0);
        let svg = svg_of(vec![Shape::Text(TextShape::new(
            pos2(0.0, 0.0),
            galley,
            Color32::BLACK,
        ))]);
        let fills: Vec<String> = elements(&svg, "path")
            .into_iter()
            .filter_map(|(a, _)| a.get("fill").cloned())
            .collect();
        assert!(fills.contains(&"#ffff00".to_owned()), "{svg}");
        assert!(fills.contains(&"#ff0000".to_owned()), "{svg}");
    }

    proptest! {
        #[test]
        fn any_text_gives_valid_xml_that_reads_back(text in "\\PC{0,40}", control in proptest::char::range('\u{0}', '\u{1f}')) {
            // A line feed would start a new row, which has no glyph for it.
            let control = if control == '\n' { '\u{1}' } else { control };
            let text = format!("{text}{control}");
            let shape = text_shape(&text, 12.0, Color32::BLACK);
            // Text that draws nothing at all (only invisible glyphs) is left out.
            let visible = shape.galley.mesh_bounds.is_positive();
            let expected = if visible { shown(&shape.galley) } else { String::new() };
            let svg = svg_of(vec![Shape::Text(shape)]);
            let document = roxmltree::Document::parse(&svg);
            prop_assert!(document.is_ok(), "{svg}");
            let read: String = elements(&svg, "text").into_iter().map(|(_, t)| t).collect();
            prop_assert_eq!(read, expected);
        }
    }
}
