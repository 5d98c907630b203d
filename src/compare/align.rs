//! Alignment by meaning: sections by canonical key, paragraphs and list items by similarity.
//!
//! Blocks are first matched exactly (longest common subsequence of identical texts), then the rest
//! are paired greedily by normalized word-multiset similarity above [`PAIR_THRESHOLD`]. Pairs that keep
//! the reading order form the spine of the alignment; the other pairs are moved blocks, shown where
//! they are in B. Sections are matched by canonical key; a section whose parent changed, or that
//! left its siblings' order, is moved.

use super::norm::{FxMap, Interner, Keyed, Normalization, TokenKind, word_count};
use super::words::diff_keyed;
use super::{BlockRow, Status};
use crate::model::{Block, Document, Section};
use similar::{Algorithm, DiffOp, capture_diff_slices};

/// Minimum word-multiset similarity (Dice coefficient) for two different blocks to be paired.
pub const PAIR_THRESHOLD: f64 = 0.5;

/// Above this many candidate block pairs in one section, a block is only compared with blocks at
/// most 64 places away from its own position, to bound the cost of very long sections.
const MAX_PAIR_CANDIDATES: usize = 200_000;

/// Sorted word ids of a keyed text (a multiset).
fn bag(k: &Keyed) -> Vec<u32> {
    let mut v: Vec<u32> =
        k.tokens.iter().zip(&k.ids).filter(|(t, _)| t.kind == TokenKind::Word).map(|(_, id)| *id).collect();
    v.sort_unstable();
    v
}

/// Dice coefficient of two sorted multisets.
pub fn dice(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    (2 * common) as f64 / (a.len() + b.len()) as f64
}

/// Indices (into `seq`) of one longest strictly increasing subsequence.
pub fn longest_increasing(seq: &[usize]) -> Vec<usize> {
    let mut tails: Vec<usize> = Vec::new(); // index into seq of the smallest tail per length
    let mut prev = vec![usize::MAX; seq.len()];
    for (i, &x) in seq.iter().enumerate() {
        let pos = tails.partition_point(|&t| seq[t] < x);
        if pos > 0 {
            prev[i] = tails[pos - 1];
        }
        if pos == tails.len() {
            tails.push(i);
        } else {
            tails[pos] = i;
        }
    }
    let mut out = Vec::with_capacity(tails.len());
    let mut cur = tails.last().copied().unwrap_or(usize::MAX);
    while cur != usize::MAX {
        out.push(cur);
        cur = prev[cur];
    }
    out.reverse();
    out
}

/// Pairs of indices `(a, b)` matched one to one, and which of them keep the order.
#[derive(Debug, Default)]
struct Matching {
    /// `a -> b` for matched items.
    a_to_b: Vec<Option<usize>>,
    /// `b -> a` for matched items.
    b_to_a: Vec<Option<usize>>,
    /// True for A items whose pair keeps the reading order.
    in_order: Vec<bool>,
}

impl Matching {
    fn new(na: usize, nb: usize) -> Self {
        Matching { a_to_b: vec![None; na], b_to_a: vec![None; nb], in_order: vec![false; na] }
    }

    fn pair(&mut self, a: usize, b: usize) {
        self.a_to_b[a] = Some(b);
        self.b_to_a[b] = Some(a);
    }

    /// Marks the pairs on a longest order-keeping chain.
    fn order(&mut self) {
        let pairs: Vec<(usize, usize)> =
            self.a_to_b.iter().enumerate().filter_map(|(a, b)| b.map(|b| (a, b))).collect();
        let bs: Vec<usize> = pairs.iter().map(|p| p.1).collect();
        for i in longest_increasing(&bs) {
            self.in_order[pairs[i].0] = true;
        }
    }

    /// Walks both sides in reading order: removed A items at their place, B items (added, moved,
    /// in order) at theirs. Calls `f(a, b)` with the indices of each row.
    fn rows(&self, mut f: impl FnMut(Option<usize>, Option<usize>)) {
        let (na, nb) = (self.a_to_b.len(), self.b_to_a.len());
        let (mut ia, mut ib) = (0, 0);
        loop {
            while ia < na && !self.in_order[ia] {
                if self.a_to_b[ia].is_none() {
                    f(Some(ia), None);
                }
                ia += 1;
            }
            while ib < nb && !self.b_to_a[ib].is_some_and(|a| self.in_order[a]) {
                f(self.b_to_a[ib], Some(ib));
                ib += 1;
            }
            if ia >= na && ib >= nb {
                break;
            }
            // Both cursors rest on the same in-order pair.
            f(Some(ia), Some(ib));
            ia += 1;
            ib += 1;
        }
    }
}

/// Matches blocks: identical texts in order first (longest common subsequence), then the rest by
/// similarity of their normalized words. Only the blocks left after the first step are tokenised;
/// their keyed forms are returned (`None` for blocks matched as identical).
fn match_blocks(
    a: &[Block],
    b: &[Block],
    norm: &Normalization,
    interner: &mut Interner,
) -> (Matching, Vec<Option<Keyed>>, Vec<Option<Keyed>>) {
    let mut m = Matching::new(a.len(), b.len());
    // Sized for every text distinct: no rehash as the table fills.
    let mut text_ids: FxMap<&str, usize> = FxMap::with_capacity_and_hasher(a.len() + b.len(), Default::default());
    let mut ia = Vec::with_capacity(a.len());
    let mut ib = Vec::with_capacity(b.len());
    for (side, out) in [(a, &mut ia), (b, &mut ib)] {
        for blk in side {
            let n = text_ids.len();
            out.push(*text_ids.entry(blk.text.as_str()).or_insert(n));
        }
    }
    for op in capture_diff_slices(Algorithm::Myers, &ia, &ib) {
        if let DiffOp::Equal { old_index, new_index, len } = op {
            for k in 0..len {
                m.pair(old_index + k, new_index + k);
            }
        }
    }
    let ka: Vec<Option<Keyed>> =
        a.iter().enumerate().map(|(i, x)| m.a_to_b[i].is_none().then(|| interner.keyed_block(&x.text, norm))).collect();
    let kb: Vec<Option<Keyed>> =
        b.iter().enumerate().map(|(j, y)| m.b_to_a[j].is_none().then(|| interner.keyed_block(&y.text, norm))).collect();
    let rest_a: Vec<usize> = (0..a.len()).filter(|&i| ka[i].is_some()).collect();
    let rest_b: Vec<usize> = (0..b.len()).filter(|&j| kb[j].is_some()).collect();
    if !rest_a.is_empty() && !rest_b.is_empty() {
        let bags_a: Vec<Vec<u32>> = rest_a.iter().map(|&i| bag(ka[i].as_ref().expect("tokenised"))).collect();
        let bags_b: Vec<Vec<u32>> = rest_b.iter().map(|&j| bag(kb[j].as_ref().expect("tokenised"))).collect();
        let mut cands: Vec<(f64, usize, usize)> = Vec::new();
        let exhaustive = rest_a.len() * rest_b.len() <= MAX_PAIR_CANDIDATES;
        for (x, ba) in bags_a.iter().enumerate() {
            for (y, bb) in bags_b.iter().enumerate() {
                // Cheap bound: Dice cannot exceed 2*min/(sum).
                let bound = 2.0 * ba.len().min(bb.len()) as f64 / (ba.len() + bb.len()).max(1) as f64;
                if bound < PAIR_THRESHOLD || (!exhaustive && x.abs_diff(y) > 64) {
                    continue;
                }
                let s = dice(ba, bb);
                if s >= PAIR_THRESHOLD {
                    cands.push((s, rest_a[x], rest_b[y]));
                }
            }
        }
        cands.sort_by(|p, q| q.0.total_cmp(&p.0).then(p.1.cmp(&q.1)).then(p.2.cmp(&q.2)));
        for (_, i, j) in cands {
            if m.a_to_b[i].is_none() && m.b_to_a[j].is_none() {
                m.pair(i, j);
            }
        }
    }
    m.order();
    (m, ka, kb)
}

/// Aligns the blocks of two sections and word-diffs each pair (see [`super::words`] for its work
/// budget).
pub fn align_blocks(a: &[Block], b: &[Block], norm: &Normalization) -> Vec<BlockRow> {
    align_blocks_with(a, b, norm, &mut Interner::default())
}

/// [`align_blocks`] with an interner whose storage the sections of one comparison share. It is
/// cleared first (word ids are compared only within a section), so its table holds one section's
/// words: the cost of interning a word does not grow with the document.
pub fn align_blocks_with(a: &[Block], b: &[Block], norm: &Normalization, interner: &mut Interner) -> Vec<BlockRow> {
    align_blocks_in(a, b, norm, interner, true)
}

/// [`align_blocks_with`]; rows of equal blocks carry their texts only when `same_texts` is set
/// (see [`super::Options::same_texts`]).
pub(super) fn align_blocks_in(
    a: &[Block],
    b: &[Block],
    norm: &Normalization,
    interner: &mut Interner,
    same_texts: bool,
) -> Vec<BlockRow> {
    interner.clear();
    let (m, ka, kb) = match_blocks(a, b, norm, interner);
    let mut rows = Vec::with_capacity(a.len().max(b.len()));
    m.rows(|ia, ib| {
        let words = match (ia, ib) {
            (Some(x), Some(y)) => match (&ka[x], &kb[y]) {
                (Some(kx), Some(ky)) => Some(diff_keyed(&a[x].text, kx, &b[y].text, ky)),
                _ => None, // identical texts
            },
            _ => None,
        };
        let count =
            |k: &Option<Keyed>| k.as_ref().map_or(0, |k| k.tokens.iter().filter(|t| t.kind == TokenKind::Word).count());
        let moved = ia.is_some_and(|x| !m.in_order[x]);
        let (status, similarity) = match (ia, ib, &words) {
            (Some(_), Some(_), Some(w)) if moved => (Status::Moved, w.similarity()),
            (Some(_), Some(_), None) if moved => (Status::Moved, 1.0),
            (Some(_), Some(_), Some(w)) if !w.is_same() => (Status::Changed, w.similarity()),
            (Some(_), Some(_), _) => (Status::Same, 1.0),
            (Some(_), None, _) => (Status::Removed, 0.0),
            _ => (Status::Added, 0.0),
        };
        let (added, removed, equal) = match (&words, ia, ib) {
            (Some(w), _, _) => (w.words_added, w.words_removed, w.words_equal),
            (None, Some(x), Some(_)) => (0, 0, word_count(&a[x].text)),
            (None, x, y) => (y.map_or(0, |y| count(&kb[y])), x.map_or(0, |x| count(&ka[x])), 0),
        };
        rows.push(BlockRow {
            status,
            similarity,
            a: ia,
            b: ib,
            kind: ib.map(|y| b[y].kind).or(ia.map(|x| a[x].kind)).unwrap_or(crate::model::BlockKind::Paragraph),
            text_a: ia.filter(|_| same_texts || status != Status::Same).map(|x| a[x].text.clone()),
            text_b: ib.filter(|_| same_texts || status != Status::Same).map(|y| b[y].text.clone()),
            words_added: added,
            words_removed: removed,
            words_equal: equal,
            words: words.filter(|w| !w.is_same()),
        });
    });
    rows
}

/// A section of a document with its place in the tree.
#[derive(Debug, Clone, Copy)]
pub struct Placed<'d> {
    /// The section.
    pub section: &'d Section,
    /// Depth in the tree (0 for top level).
    pub depth: usize,
    /// Index of the parent in the walk order, if any.
    pub parent: Option<usize>,
}

/// Flattens a document tree in reading order, with parents, and unique keys (an occurrence suffix
/// `#2` when a key repeats in the document).
pub fn placed(doc: &Document) -> (Vec<Placed<'_>>, Vec<String>) {
    let mut flat: Vec<(usize, &Section)> = doc.walk().collect();
    // Sized for every key distinct, as they mostly are: no rehash as the table fills.
    let mut seen: FxMap<&str, usize> = FxMap::with_capacity_and_hasher(flat.len(), Default::default());
    let ukeys: Vec<String> = flat
        .iter()
        .map(|(_, s)| {
            let n = seen.entry(s.key.as_str()).or_insert(0);
            *n += 1;
            if *n == 1 { s.key.clone() } else { format!("{}#{}", s.key, n) }
        })
        .collect();
    let mut stack: Vec<usize> = Vec::new();
    let mut parents = Vec::with_capacity(flat.len());
    for (i, (depth, _)) in flat.iter().enumerate() {
        stack.truncate(*depth);
        parents.push(stack.last().copied());
        stack.push(i);
    }
    let out =
        flat.drain(..).enumerate().map(|(i, (depth, section))| Placed { section, depth, parent: parents[i] }).collect();
    (out, ukeys)
}

/// The union of two documents' sections, aligned by key: `(a index, b index, moved)` rows in
/// display order (B's order, A-only sections after their predecessor in A).
pub fn align_sections(
    pa: &[Placed<'_>],
    ka: &[String],
    pb: &[Placed<'_>],
    kb: &[String],
) -> Vec<(Option<usize>, Option<usize>, bool)> {
    let index_b: FxMap<&str, usize> = kb.iter().enumerate().map(|(i, k)| (k.as_str(), i)).collect();
    let a_to_b: Vec<Option<usize>> = ka.iter().map(|k| index_b.get(k.as_str()).copied()).collect();
    let mut b_to_a = vec![None; kb.len()];
    for (a, b) in a_to_b.iter().enumerate() {
        if let Some(b) = b {
            b_to_a[*b] = Some(a);
        }
    }
    // Moved: the parent changed, or the section left its siblings' order.
    let parent_key = |p: &[Placed<'_>], k: &[String], i: usize| p[i].parent.map(|x| k[x].clone());
    let mut moved = vec![false; ka.len()];
    let mut groups: FxMap<Option<String>, Vec<(usize, usize)>> = FxMap::default();
    for (a, b) in a_to_b.iter().enumerate() {
        let Some(b) = *b else { continue };
        let (pa_key, pb_key) = (parent_key(pa, ka, a), parent_key(pb, kb, b));
        if pa_key != pb_key {
            moved[a] = true;
        } else {
            groups.entry(pa_key).or_default().push((a, b));
        }
    }
    for pairs in groups.values() {
        let bs: Vec<usize> = pairs.iter().map(|p| p.1).collect();
        let keep: Vec<usize> = longest_increasing(&bs);
        let mut keep_set = vec![false; pairs.len()];
        for i in keep {
            keep_set[i] = true;
        }
        for (i, (a, _)) in pairs.iter().enumerate() {
            if !keep_set[i] {
                moved[*a] = true;
            }
        }
    }
    // Display order: B's order; A-only sections follow their nearest preceding A section.
    let mut after: FxMap<Option<usize>, Vec<usize>> = FxMap::default(); // anchor a index -> A-only
    let mut anchor = None;
    for (a, to_b) in a_to_b.iter().enumerate() {
        if to_b.is_none() {
            after.entry(anchor).or_default().push(a);
        }
        anchor = Some(a);
    }
    let mut rows = Vec::with_capacity(ka.len().max(kb.len()));
    /// Emits the A-only sections anchored on `anchor`, each followed by those anchored on it, in
    /// that order; an explicit stack, since runs of A-only sections chain anchors as deep as the
    /// run is long (70,000 removed sections would overflow the call stack).
    fn emit_after(
        anchor: Option<usize>,
        after: &mut FxMap<Option<usize>, Vec<usize>>,
        rows: &mut Vec<(Option<usize>, Option<usize>, bool)>,
    ) {
        let mut stack: Vec<std::vec::IntoIter<usize>> = after.remove(&anchor).map(Vec::into_iter).into_iter().collect();
        while let Some(top) = stack.last_mut() {
            let Some(a) = top.next() else {
                stack.pop();
                continue;
            };
            rows.push((Some(a), None, false));
            stack.extend(after.remove(&Some(a)).map(Vec::into_iter));
        }
    }
    emit_after(None, &mut after, &mut rows);
    for (b, &a) in b_to_a.iter().enumerate() {
        rows.push((a, Some(b), a.is_some_and(|a| moved[a])));
        if a.is_some() {
            emit_after(a, &mut after, &mut rows);
        }
    }
    // Anything left (anchored on sections not reached) goes last, in A order.
    let mut rest: Vec<usize> = after.into_values().flatten().collect();
    rest.sort_unstable();
    rows.extend(rest.into_iter().map(|a| (Some(a), None, false)));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::BlockKind;

    fn blocks(texts: &[&str]) -> Vec<Block> {
        texts.iter().map(|t| Block { kind: BlockKind::Paragraph, text: (*t).into() }).collect()
    }

    #[test]
    fn a_long_run_of_removed_sections_needs_no_deep_stack() {
        let n = 200_000;
        // Run on a small stack: the old recursive version overflowed here.
        let rows = std::thread::Builder::new()
            .stack_size(256 << 10)
            .spawn(move || {
                let s = Section { key: "x".into(), ..Default::default() };
                let pa: Vec<Placed<'_>> = (0..n).map(|_| Placed { section: &s, depth: 0, parent: None }).collect();
                let ka: Vec<String> = (0..n).map(|i| format!("s{i}")).collect();
                let pb = vec![Placed { section: &s, depth: 0, parent: None }];
                align_sections(&pa, &ka, &pb, &["s0".to_string()])
            })
            .unwrap()
            .join()
            .unwrap();
        assert_eq!(rows.len(), n);
        assert_eq!(rows[0], (Some(0), Some(0), false));
        assert!(rows[1..].iter().enumerate().all(|(i, r)| *r == (Some(i + 1), None, false)), "A order kept");
    }

    #[test]
    fn lis_finds_a_longest_chain() {
        assert_eq!(longest_increasing(&[0, 4, 1, 2, 3]), vec![0, 2, 3, 4]);
        assert!(longest_increasing(&[]).is_empty());
    }

    #[test]
    fn moved_edited_added_and_removed_blocks() {
        let a = blocks(&[
            "Первый абзац о здравоохранении региона и его медицинских организациях.",
            "Второй абзац о кадрах отрасли и нехватке специалистов.",
            "Третий абзац о телемедицине в отдалённых районах области.",
            "Четвёртый абзац, который будет удалён целиком без замены.",
        ]);
        let b = blocks(&[
            "Третий абзац о телемедицине в отдалённых районах области.",
            "Первый абзац о здравоохранении региона и его медицинских организациях.",
            "Второй абзац о кадрах отрасли и острой нехватке специалистов.",
            "Совсем новый абзац про искусственный интеллект.",
        ]);
        let rows = align_blocks(&a, &b, &Normalization::default());
        let got: Vec<(Status, Option<usize>, Option<usize>)> = rows.iter().map(|r| (r.status, r.a, r.b)).collect();
        assert_eq!(
            got,
            vec![
                (Status::Moved, Some(2), Some(0)),
                (Status::Same, Some(0), Some(1)),
                (Status::Changed, Some(1), Some(2)),
                (Status::Removed, Some(3), None),
                (Status::Added, None, Some(3)),
            ]
        );
        assert_eq!((rows[2].words_added, rows[2].words_removed), (1, 0));
        assert!(rows[0].words.is_none(), "an unchanged moved block carries no word diff");
    }
}
