//! One section of several regions at once: the federal template's wording (text most regions
//! share) against what each region adds.
//!
//! # The rule
//!
//! Each region's section text is cut into words compared OCR-tolerantly (case, ё/е, й/и, Latin
//! look-alikes, punctuation and stopwords ignored, as [`crate::compare::norm`] does), because
//! flattened texts lost exactly those. Every run of [`SHINGLE`] consecutive words is a *shingle*;
//! a shingle's *share* is the number of regions whose section contains it. A word's share is the
//! highest share of the shingles it is part of. Text is **boilerplate** when its share reaches
//! [`Compare::threshold`]: more than half of the regions compared and at least two (for two regions,
//! both). Everything else is **region-specific**. Spans cover each block's text exactly, so a view
//! can dim one kind and emphasise the other without losing a character.
//!
//! Work is linear in the text: one hash per word and per shingle.

use super::matrix::Column;
use crate::compare::norm::{Interner, Normalization};
use crate::model::{BlockKind, Document, Section};
use serde::Serialize;
use std::collections::HashMap;

/// Words per shingle.
pub const SHINGLE: usize = 4;

/// Whether a span is shared wording or the region's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SpanKind {
    /// Shared with most regions: the template's wording.
    Boilerplate,
    /// This region's own text.
    Specific,
}

/// A byte range of a block's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// Byte after the last.
    pub end: usize,
    /// Boilerplate or specific.
    pub kind: SpanKind,
    /// The lowest share of the span's words: how many regions have this text (1 = only this one).
    pub regions: usize,
}

/// A block with its spans.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MarkedBlock {
    /// Paragraph or item.
    pub kind: BlockKind,
    /// The block's text.
    pub text: String,
    /// Spans covering `text` in order.
    pub spans: Vec<Span>,
}

impl MarkedBlock {
    /// The span texts of one kind.
    pub fn parts(&self, kind: SpanKind) -> impl Iterator<Item = &str> {
        self.spans.iter().filter(move |s| s.kind == kind).map(|s| &self.text[s.start..s.end])
    }
}

/// One region's column.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionColumn {
    /// The region.
    pub region: Column,
    /// The section's title in this region, `None` when the region has no such section.
    pub title: Option<String>,
    /// Printed number.
    pub number: Option<String>,
    /// Blocks with spans.
    pub blocks: Vec<MarkedBlock>,
    /// Compared words in the section.
    pub words: usize,
    /// Of which boilerplate.
    pub boilerplate_words: usize,
}

impl SectionColumn {
    /// Share (0..=1) of the region's words that are boilerplate.
    pub fn boilerplate_share(&self) -> f64 {
        if self.words == 0 { 0.0 } else { self.boilerplate_words as f64 / self.words as f64 }
    }

    /// The region's own passages: maximal runs of specific text, trimmed, in order, with at
    /// least `min_words` words each.
    pub fn additions(&self, min_words: usize) -> Vec<&str> {
        let mut out = Vec::new();
        for b in &self.blocks {
            for p in b.parts(SpanKind::Specific) {
                let t = p.trim_matches(|c: char| c.is_whitespace() || ",;:.".contains(c));
                if t.split_whitespace().count() >= min_words.max(1) {
                    out.push(t);
                }
            }
        }
        out
    }
}

/// A section of several regions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Compare {
    /// Canonical section key.
    pub key: String,
    /// The share from which text is boilerplate.
    pub threshold: usize,
    /// One column per region, in the order given.
    pub columns: Vec<SectionColumn>,
}

/// The share from which text counts as boilerplate among `n` regions: more than half, at least 2.
pub fn threshold(n: usize) -> usize {
    (n / 2 + 1).max(2)
}

fn hash_gram(ids: &[u32]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &id in ids {
        h = (h ^ u64::from(id)).wrapping_mul(0x100_0000_01b3).rotate_left(5);
    }
    h
}

/// A section's blocks with their compared tokens.
struct Keyed<'a> {
    blocks: Vec<(&'a crate::model::Block, crate::compare::norm::Keyed)>,
}

/// Compares section `key` of `docs` (one per region, in column order). A region without the
/// section gets an empty column (and still counts in the threshold only if it has the section).
pub fn compare_section(docs: &[&Document], key: &str) -> Compare {
    let sections: Vec<Option<&Section>> = docs.iter().map(|d| d.section(key)).collect();
    let with = sections.iter().filter(|s| s.is_some()).count();
    let texts: Vec<&[crate::model::Block]> = sections.iter().map(|s| s.map_or(&[][..], |s| &s.blocks[..])).collect();
    let marked = mark(&texts, threshold(with));
    let columns = docs
        .iter()
        .zip(&sections)
        .zip(marked)
        .map(|((d, s), (blocks, words, boilerplate_words))| SectionColumn {
            region: Column::of(d),
            title: s.map(|s| s.title.clone()),
            number: s.and_then(|s| s.number.clone()),
            blocks,
            words,
            boilerplate_words,
        })
        .collect();
    Compare { key: key.to_string(), threshold: threshold(with), columns }
}

/// Marks boilerplate in each region's blocks: `(blocks, words, boilerplate words)` per region.
/// `regions[i]` are region i's blocks; text is boilerplate when its share reaches `threshold`.
pub fn mark(regions: &[&[crate::model::Block]], threshold: usize) -> Vec<(Vec<MarkedBlock>, usize, usize)> {
    let norm = Normalization { ocr: true, ..Default::default() };
    let mut interner = Interner::default();
    let keyed: Vec<Keyed> = regions
        .iter()
        .map(|blocks| Keyed { blocks: blocks.iter().map(|b| (b, interner.keyed(&b.text, &norm))).collect() })
        .collect();
    // Shingles run across block boundaries within a region: a paragraph split differently in
    // another region is still the same text.
    let mut share: HashMap<u64, (usize, usize)> = HashMap::new(); // hash -> (regions, last region)
    let ids: Vec<Vec<u32>> =
        keyed.iter().map(|k| k.blocks.iter().flat_map(|(_, kb)| kb.ids.iter().copied()).collect()).collect();
    for (r, ids) in ids.iter().enumerate() {
        for g in grams(ids) {
            let e = share.entry(hash_gram(g)).or_insert((0, usize::MAX));
            if e.1 != r {
                e.0 += 1;
                e.1 = r;
            }
        }
    }
    keyed
        .iter()
        .zip(&ids)
        .map(|(k, ids)| {
            // Per word, the highest share of the shingles covering it.
            let mut word_share = vec![1usize; ids.len()];
            let n = ids.len();
            if n >= SHINGLE {
                for s in 0..=n - SHINGLE {
                    let c = share.get(&hash_gram(&ids[s..s + SHINGLE])).map_or(1, |e| e.0);
                    for w in &mut word_share[s..s + SHINGLE] {
                        *w = (*w).max(c);
                    }
                }
            } else if n > 0 {
                let c = share.get(&hash_gram(ids)).map_or(1, |e| e.0);
                word_share.iter_mut().for_each(|w| *w = c);
            }
            let boilerplate_words = word_share.iter().filter(|&&s| s >= threshold).count();
            let mut at = 0;
            let blocks = k
                .blocks
                .iter()
                .map(|(b, kb)| {
                    let shares = &word_share[at..at + kb.ids.len()];
                    at += kb.ids.len();
                    MarkedBlock { kind: b.kind, text: b.text.to_string(), spans: spans(&b.text, kb, shares, threshold) }
                })
                .collect();
            (blocks, n, boilerplate_words)
        })
        .collect()
}

fn grams(ids: &[u32]) -> Vec<&[u32]> {
    if ids.len() < SHINGLE {
        return if ids.is_empty() { Vec::new() } else { vec![ids] };
    }
    ids.windows(SHINGLE).collect()
}

/// Spans of one block from its words' shares. Text between words goes with the word before it,
/// except that text before the first word goes with the first word.
fn spans(text: &str, k: &crate::compare::norm::Keyed, shares: &[usize], threshold: usize) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let kind_of = |s: usize| if s >= threshold { SpanKind::Boilerplate } else { SpanKind::Specific };
    for (i, t) in k.tokens.iter().enumerate() {
        let start = if i == 0 { 0 } else { t.start };
        let end = k.tokens.get(i + 1).map_or(text.len(), |n| n.start);
        let kind = kind_of(shares[i]);
        match out.last_mut() {
            Some(last) if last.kind == kind => {
                last.end = end;
                last.regions = last.regions.min(shares[i]);
            }
            _ => out.push(Span { start, end, kind, regions: shares[i] }),
        }
    }
    if out.is_empty() && !text.is_empty() {
        out.push(Span { start: 0, end: text.len(), kind: SpanKind::Specific, regions: 1 });
    }
    out
}

/// One document's section with boilerplate marked against `others` (the document itself may be
/// among them; it is counted once). `None` when the document has no such section.
pub fn boilerplate(doc: &Document, key: &str, others: &[&Document]) -> Option<Vec<MarkedBlock>> {
    let section = doc.section(key)?;
    Some(boilerplate_blocks(&section.blocks, &doc.meta.region.key, key, others))
}

/// `blocks` of region `region` (a section with canonical key `key`, or any version of it) marked
/// against section `key` of `others`; documents of the same region among them are left out. The
/// threshold counts the regions that have the section, this one included.
pub fn boilerplate_blocks(
    blocks: &[crate::model::Block],
    region: &str,
    key: &str,
    others: &[&Document],
) -> Vec<MarkedBlock> {
    let mut texts: Vec<&[crate::model::Block]> = vec![blocks];
    texts.extend(
        others.iter().filter(|o| o.meta.region.key != region).filter_map(|o| o.section(key)).map(|s| &s.blocks[..]),
    );
    let threshold = threshold(texts.len());
    mark(&texts, threshold).into_iter().next().map(|m| m.0).unwrap_or_default()
}
