//! Where notes belong in a document, and notes carried forward to a revision.
//!
//! A note on a block keeps the block's text and a fingerprint of it (the text with case,
//! ё/е and punctuation folded, hashed). To place the note on a document the block is found again:
//! at its number when the fingerprint still matches there, else the nearest block with the same
//! fingerprint, else the block the paragraph aligner ([`crate::compare::align::align_blocks`])
//! pairs the old text with. Carried to a revision B in a comparison, a note on A is first found
//! in A, then follows the comparison's own row for that block ([`carry_forward`]). A note whose
//! section or block is gone is an [`Orphan`], listed with its reason, never dropped.

use super::{DocRef, Note};
use crate::compare::align::{align_blocks, placed};
use crate::compare::norm::{Normalization, normalized};
use crate::compare::{DocDiff, Status};
use crate::i18n::{Msg, tr};
use crate::model::{Block, BlockKind, Document, Section};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fmt::Write;

/// The text a note was written on and its fingerprint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// The block's text at the time.
    pub text: String,
    /// [`fingerprint`] of the text.
    pub fingerprint: String,
}

impl Anchor {
    /// The anchor of a block's text.
    pub fn of(text: &str) -> Anchor {
        Anchor { text: text.to_string(), fingerprint: fingerprint(text) }
    }
}

/// A short stable hash of a text that ignores case, ё/е, punctuation and spacing.
pub fn fingerprint(text: &str) -> String {
    let loose = Normalization { ignore_case: true, ignore_punct: true, ocr: false };
    let digest = Sha256::digest(normalized(text, &loose).as_bytes());
    let mut out = String::with_capacity(16);
    for b in &digest[..8] {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// A note at its place in the document shown.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedNote {
    /// The note.
    pub note: Note,
    /// Section key in the document shown.
    pub section: String,
    /// 0-based block index in that section, or `None` for a note on the whole section.
    pub block: Option<usize>,
    /// True when the note was written on another version and carried here.
    pub carried: bool,
}

/// Why a note could not be placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OrphanReason {
    /// The document shown has no section with the note's key.
    SectionGone,
    /// The section is there but no block matches the note's paragraph.
    BlockGone,
}

impl OrphanReason {
    /// A short explanation in the interface language.
    pub fn describe(self) -> &'static str {
        match self {
            OrphanReason::SectionGone => tr(Msg::OrphanSectionGone),
            OrphanReason::BlockGone => tr(Msg::OrphanBlockGone),
        }
    }
}

/// A note whose anchor is gone.
#[derive(Debug, Clone, PartialEq)]
pub struct Orphan {
    /// The note.
    pub note: Note,
    /// Why.
    pub reason: OrphanReason,
}

/// Notes placed on a document, and those that could not be.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Placement {
    /// Notes at their place, in the order given.
    pub placed: Vec<PlacedNote>,
    /// Notes whose anchor is gone.
    pub orphaned: Vec<Orphan>,
}

impl Placement {
    /// Notes on a section as a whole.
    pub fn on_section<'p>(&'p self, key: &'p str) -> impl Iterator<Item = &'p PlacedNote> + 'p {
        self.placed.iter().filter(move |p| p.section == key && p.block.is_none())
    }

    /// Notes on one block (0-based) of a section.
    pub fn on_block<'p>(&'p self, key: &'p str, block: usize) -> impl Iterator<Item = &'p PlacedNote> + 'p {
        self.placed.iter().filter(move |p| p.section == key && p.block == Some(block))
    }

    /// Number of notes anywhere in a section (for a mark in the section tree).
    pub fn count_in(&self, key: &str) -> usize {
        self.placed.iter().filter(|p| p.section == key).count()
    }

    fn put(&mut self, note: &Note, found: Result<(String, Option<usize>), OrphanReason>, carried: bool) {
        match found {
            Ok((section, block)) => self.placed.push(PlacedNote { note: note.clone(), section, block, carried }),
            Err(reason) => self.orphaned.push(Orphan { note: note.clone(), reason }),
        }
    }
}

/// A document's sections by unique key (as in a comparison: `#n` for repeats).
struct Sections<'d> {
    by_key: HashMap<String, &'d Section>,
    fingerprints: HashMap<String, Vec<String>>,
}

impl<'d> Sections<'d> {
    fn of(doc: &'d Document) -> Sections<'d> {
        let (p, keys) = placed(doc);
        Sections {
            by_key: keys.into_iter().zip(p).map(|(k, p)| (k, p.section)).collect(),
            fingerprints: HashMap::new(),
        }
    }

    /// The block of `key` a note stands on, or why it cannot be found.
    fn find(&mut self, note: &Note) -> Result<(String, Option<usize>), OrphanReason> {
        let section = *self.by_key.get(&note.section).ok_or(OrphanReason::SectionGone)?;
        let Some(hint) = note.block_index() else { return Ok((note.section.clone(), None)) };
        let Some(anchor) = &note.anchor else {
            // No text kept (an old import): trust the number while it is in range.
            return (hint < section.blocks.len())
                .then(|| (note.section.clone(), Some(hint)))
                .ok_or(OrphanReason::BlockGone);
        };
        let fps = self
            .fingerprints
            .entry(note.section.clone())
            .or_insert_with(|| section.blocks.iter().map(|b| fingerprint(&b.text)).collect());
        locate(anchor, hint, &section.blocks, fps)
            .map(|i| (note.section.clone(), Some(i)))
            .ok_or(OrphanReason::BlockGone)
    }
}

/// Finds the block an anchor stands on: at `hint` when the fingerprint matches there, else the
/// nearest block with the same fingerprint, else the block the aligner pairs the old text with.
fn locate(anchor: &Anchor, hint: usize, blocks: &[Block], fps: &[String]) -> Option<usize> {
    if fps.get(hint) == Some(&anchor.fingerprint) {
        return Some(hint);
    }
    let same = (0..fps.len()).filter(|&i| fps[i] == anchor.fingerprint).min_by_key(|i| i.abs_diff(hint));
    if same.is_some() {
        return same;
    }
    let old = [Block { kind: BlockKind::Paragraph, text: anchor.text.as_str().into() }];
    align_blocks(&old, blocks, &Normalization::default()).into_iter().find(|r| r.a == Some(0)).and_then(|r| r.b)
}

/// Places the notes written on `doc` (other documents' notes are left out). A note on a block is
/// found again by its text when the document was re-normalized and its blocks moved.
pub fn place_on(notes: &[Note], doc: &Document) -> Placement {
    let me = DocRef::of(doc);
    let mut sections = Sections::of(doc);
    let mut out = Placement::default();
    for n in notes.iter().filter(|n| n.doc == me) {
        let found = sections.find(n);
        out.put(n, found, false);
    }
    out
}

/// Places notes on B's side of the comparison `diff` of `a` with `b`: B's own notes where they
/// are, A's notes carried through the comparison's alignment (a paragraph that was edited keeps
/// its notes; one that was removed orphans them). Notes of other documents are left out.
pub fn carry_forward(notes: &[Note], a: &Document, b: &Document, diff: &DocDiff) -> Placement {
    let (ra, rb) = (DocRef::of(a), DocRef::of(b));
    let mut out = place_on(notes, b);
    if ra == rb {
        return out;
    }
    let mut in_a = Sections::of(a);
    let by_key: HashMap<&str, usize> = diff.sections.iter().enumerate().map(|(i, s)| (s.key.as_str(), i)).collect();
    for n in notes.iter().filter(|n| n.doc == ra) {
        let found = in_a.find(n).and_then(|(key, block)| {
            let s = by_key.get(key.as_str()).map(|&i| &diff.sections[i]).ok_or(OrphanReason::SectionGone)?;
            if s.status == Status::Removed {
                return Err(OrphanReason::SectionGone);
            }
            match block {
                None => Ok((key, None)),
                Some(ia) => {
                    let row = s.rows.iter().find(|r| r.a == Some(ia)).ok_or(OrphanReason::BlockGone)?;
                    row.b.map(|ib| (key.clone(), Some(ib))).ok_or(OrphanReason::BlockGone)
                }
            }
        });
        out.put(n, found, true);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_ignore_case_punctuation_and_spacing() {
        assert_eq!(fingerprint("Ёлка,  и ель."), fingerprint("елка и ель"));
        assert_ne!(fingerprint("елка и ель"), fingerprint("елка и сосна"));
        assert_eq!(fingerprint("x").len(), 16);
    }

    #[test]
    fn locate_prefers_the_number_then_the_text_then_the_aligner() {
        let blocks: Vec<Block> =
            ["Первый абзац о кадрах.", "Второй абзац о телемедицине в районах области.", "Первый абзац о кадрах."]
                .iter()
                .map(|t| Block { kind: BlockKind::Paragraph, text: (*t).into() })
                .collect();
        let fps: Vec<String> = blocks.iter().map(|b| fingerprint(&b.text)).collect();
        let first = Anchor::of("Первый абзац о кадрах.");
        assert_eq!(locate(&first, 2, &blocks, &fps), Some(2));
        assert_eq!(locate(&first, 1, &blocks, &fps), Some(0));
        let reworded = Anchor::of("Второй абзац о телемедицине в отдалённых районах области.");
        assert_eq!(locate(&reworded, 0, &blocks, &fps), Some(1));
        assert_eq!(locate(&Anchor::of("Совсем другой текст про энергетику."), 0, &blocks, &fps), None);
    }
}
