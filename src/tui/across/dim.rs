//! Template dimming in the content pane (`B`): the selected section's text that most open regions
//! share (by the rule of [`crate::across::sections`]) is drawn in [`Role::Boilerplate`], the
//! region's own text in [`Role::Specific`]. Without colour the two roles still differ by their
//! modifiers (dim against bold underlined).
//!
//! The marking of one (document, section) is kept in a [`Cache`], so moving about the content
//! pane costs nothing; selecting another section marks it once, in time linear in the text of
//! that section in every region.
//!
//! In compare mode the same marking tints a section's diff ([`diff_tints`], drawn through a
//! [`Tinter`] by [`crate::tui::layer::compare::diffview`]): each side's paragraphs against the open regions, so
//! that in a diff of two regions the template wording they share with the others is dimmed and
//! what is their own stands out, beside the diff's own marks.

use crate::across::sections::{MarkedBlock, Span, SpanKind, boilerplate, boilerplate_blocks};
use crate::compare::render::{Piece, Role as R};
use crate::text::sanitize::sanitize;
use crate::tui::content::{Item, Tint, section_at};
use crate::tui::state::App;
use crate::tui::theme::{Role, Theme};

/// The last marking: for which document, section key and columns, and its tints.
#[derive(Debug, Clone, Default)]
pub struct Cache {
    key: Option<(usize, String, Vec<usize>)>,
    /// The tints of that section.
    pub tints: Vec<Tint>,
}

/// Tints of the selected section of document `doc` when dimming is on (empty otherwise, or when
/// fewer than two regions are open).
pub fn tints(app: &mut App, doc: usize, item: &Item) -> Vec<Tint> {
    if !app.across.dim {
        return Vec::new();
    }
    let Item::Section(path) = item else { return Vec::new() };
    let Some(key) = section_at(&app.docs[doc].doc, path).map(|s| s.key.clone()) else { return Vec::new() };
    let cols = super::columns(app);
    let k = (doc, key, cols.clone());
    if app.across.cache.key.as_ref() != Some(&k) {
        let others = super::docs_of(app, &cols);
        let tints = match boilerplate(&app.docs[doc].doc, &k.1, &others) {
            Some(blocks) if others.iter().any(|o| o.meta.region.key != app.docs[doc].doc.meta.region.key) => {
                to_tints(&blocks)
            }
            _ => Vec::new(),
        };
        app.across.cache = Cache { key: Some(k), tints };
    }
    app.across.cache.tints.clone()
}

/// The tints of marked blocks: byte spans become character ranges.
pub fn to_tints(blocks: &[crate::across::sections::MarkedBlock]) -> Vec<Tint> {
    let mut out = Vec::new();
    for (bi, b) in blocks.iter().enumerate() {
        let mut chars = 0;
        let mut at = 0;
        for s in &b.spans {
            let start = chars + b.text[at..s.start].chars().count();
            let end = start + b.text[s.start..s.end].chars().count();
            chars = end;
            at = s.end;
            let role = match s.kind {
                SpanKind::Boilerplate => Role::Boilerplate,
                SpanKind::Specific => Role::Specific,
            };
            out.push(Tint { block: bi, chars: start..end, role });
        }
    }
    out
}

/// The template marking of one compare-mode section diff: for each of its rows, A's and B's spans
/// (byte ranges of the row's `text_a` / `text_b`); `None` for a side the row lacks or whose text
/// is not the section's block (nothing is tinted then).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RowTints {
    /// Per row: A's spans, B's spans.
    pub rows: Vec<[Option<Vec<crate::across::sections::Span>>; 2]>,
}

/// Which diff the last [`RowTints`] are of: A and B, the section key, the columns.
type DiffKey = (usize, usize, String, Vec<usize>);

/// The last diff marking computed (moving about the diff, resizing and re-laying cost nothing).
#[derive(Debug, Clone, Default)]
pub struct DiffCache {
    key: Option<DiffKey>,
    tints: std::sync::Arc<RowTints>,
}

/// The section of `doc` a diff's section key names: `key` or the `n`th section with that key for
/// `key#n` (as [`crate::compare`] numbers repeated keys).
fn diff_section<'d>(doc: &'d crate::model::Document, key: &str) -> Option<&'d crate::model::Section> {
    let (k, n) = match key.rsplit_once('#') {
        Some((k, n)) => (k, n.parse::<usize>().ok()?),
        None => (key, 1),
    };
    doc.walk().map(|(_, s)| s).filter(|s| s.key == k).nth(n.checked_sub(1)?)
}

/// The template marking of the section diff compare mode shows, when dimming is on and the entry
/// is a section; `None` otherwise (or with fewer than two regions open). Each side is marked
/// against the open regions' columns, by the rule of [`crate::across::sections`].
pub fn diff_tints(app: &mut App, c: &crate::tui::layer::compare::Compare) -> Option<std::sync::Arc<RowTints>> {
    if !app.across.dim {
        return None;
    }
    let (i, s) = c.section()?;
    let ((a, b), key) = (c.pair(), s.key.clone());
    let cols = super::columns(app);
    if cols.len() < 2 {
        return None;
    }
    let k = (a, b, key, cols);
    if app.across.diff.key.as_ref() != Some(&k) {
        let others = super::docs_of(app, &k.3);
        let canonical = k.2.split('#').next().unwrap_or(&k.2);
        let side = |d: usize| {
            let doc = &app.docs[d].doc;
            diff_section(doc, &k.2)
                .map(|s| (s, boilerplate_blocks(&s.blocks, &doc.meta.region.key, canonical, &others)))
        };
        let (ma, mb) = (side(a), side(b));
        let of = |m: &Option<(&crate::model::Section, Vec<MarkedBlock>)>,
                  at: Option<usize>,
                  text: &Option<crate::model::Str>| {
            let (_, blocks) = m.as_ref()?;
            let block = blocks.get(at?)?;
            (Some(block.text.as_str()) == text.as_deref()).then(|| block.spans.clone())
        };
        let rows =
            c.diff().sections[i].rows.iter().map(|r| [of(&ma, r.a, &r.text_a), of(&mb, r.b, &r.text_b)]).collect();
        app.across.diff = DiffCache { key: Some(k), tints: std::sync::Arc::new(RowTints { rows }) };
    }
    Some(app.across.diff.tints.clone())
}

/// Template marks over diff pieces: the kind of each byte of the pieces' text joined, and a
/// cursor that follows it through the wrapped lines (wrapping drops only whitespace at breaks).
#[derive(Debug)]
pub struct Tinter {
    joined: String,
    kinds: Vec<Option<SpanKind>>,
    at: usize,
}

impl Tinter {
    /// The marks of one side's pieces (as [`crate::compare::render::row_side`] makes them): their
    /// texts are consecutive runs of `text`, whose template spans are `spans`.
    pub fn side(pieces: &[Piece], text: &str, spans: &[Span]) -> Option<Tinter> {
        let mut at = 0;
        Tinter::new(pieces, [Some((text, spans)), None], |_, inner| {
            at += inner.len();
            Some((0, at - inner.len()))
        })
    }

    /// The marks of a row's unified pieces (as [`crate::compare::render::row_unified`] makes them
    /// from the word diff `w`, one piece per span): equal and inserted text reads from B, deleted
    /// text from A.
    pub fn unified(
        pieces: &[Piece],
        w: &crate::compare::words::WordDiff,
        a: (&str, &[Span]),
        b: (&str, &[Span]),
    ) -> Option<Tinter> {
        let (mut at_a, mut at_b) = (0, 0);
        let mut places = Vec::with_capacity(w.spans.len());
        for sp in &w.spans {
            let here = if sp.kind == crate::compare::words::SpanKind::Deleted { (0, at_a) } else { (1, at_b) };
            places.push(here);
            at_a += sp.text_a().map_or(0, str::len);
            at_b += sp.text_b().map_or(0, str::len);
        }
        Tinter::new(pieces, [Some(a), Some(b)], |i, _| places.get(i).copied())
    }

    /// The marks of `pieces` read from two sources (A's and B's text with their spans): `place`
    /// gives piece `i`'s source and first byte there, from its text without markers. Deleted and
    /// inserted words carry their `[-…-]` / `{+…+}` markers, which take the kind of the words
    /// they mark. `None` when a piece is not its source's text there (nothing is tinted then).
    fn new(
        pieces: &[Piece],
        sources: [Option<(&str, &[Span])>; 2],
        mut place: impl FnMut(usize, &str) -> Option<(usize, usize)>,
    ) -> Option<Tinter> {
        let mut joined = String::new();
        let mut kinds = Vec::new();
        for (i, (role, t)) in pieces.iter().enumerate() {
            let marked = matches!(role, R::MinusEmph | R::PlusEmph)
                && t.len() >= 4
                && (t.starts_with("[-") && t.ends_with("-]") || t.starts_with("{+") && t.ends_with("+}"));
            let inner = if marked { &t[2..t.len() - 2] } else { t.as_str() };
            let (s, at) = place(i, inner)?;
            let (text, spans) = sources.get(s).copied().flatten()?;
            if !text.get(at..)?.starts_with(inner) {
                return None;
            }
            let span_at = |byte: usize| spans.iter().find(|sp| sp.start <= byte && byte < sp.end);
            let marker = span_at(at).map(|sp| sp.kind);
            if marked {
                kinds.extend([marker; 2]);
            }
            // One lookup per span the piece crosses (a block has few), not per byte.
            let mut k = 0;
            while k < inner.len() {
                let span = span_at(at + k);
                let n = span.map_or(inner.len() - k, |sp| (sp.end - at - k).min(inner.len() - k));
                kinds.extend(std::iter::repeat_n(span.map(|sp| sp.kind), n));
                k += n;
            }
            if marked {
                kinds.extend([kinds.last().copied().flatten(); 2]);
            }
            joined.push_str(t);
        }
        Some(Tinter { joined, kinds, at: 0 })
    }

    /// The styled, sanitised spans of the next wrapped line: each piece in its role's style, with
    /// template text dimmed and region text emphasised. Unchanged text takes the roles' whole
    /// styles; text a diff colours keeps its colours and gains the roles' modifiers (dim, bold
    /// underlined), so the marks read the same without colour.
    pub fn spans(
        &mut self,
        line: &[Piece],
        theme: &Theme,
        role: impl Fn(R) -> Role,
    ) -> Vec<ratatui::text::Span<'static>> {
        let mut out = Vec::new();
        for (r, t) in line {
            let base = theme.style(role(*r));
            let style = |k: Option<SpanKind>| {
                let tint = match k {
                    Some(SpanKind::Boilerplate) => theme.style(Role::Boilerplate),
                    Some(SpanKind::Specific) => theme.style(Role::Specific),
                    None => return base,
                };
                if *r == R::Plain { base.patch(tint) } else { base.add_modifier(tint.add_modifier) }
            };
            let mut run = String::new();
            let mut kind = None;
            for ch in t.chars() {
                // Whitespace the wrapping dropped at a break.
                while self.at < self.joined.len() && !self.joined[self.at..].starts_with(ch) {
                    self.at += self.joined[self.at..].chars().next().map_or(1, char::len_utf8);
                }
                let k = self.kinds.get(self.at).copied().flatten();
                self.at = (self.at + ch.len_utf8()).min(self.joined.len());
                if k != kind && !run.is_empty() {
                    out.push(ratatui::text::Span::styled(
                        sanitize(&std::mem::take(&mut run)).into_owned(),
                        style(kind),
                    ));
                }
                kind = k;
                run.push(ch);
            }
            if !run.is_empty() {
                out.push(ratatui::text::Span::styled(sanitize(&run).into_owned(), style(kind)));
            }
        }
        out
    }
}
