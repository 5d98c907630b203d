//! Word diff inside an aligned pair of paragraphs.
//!
//! Both texts are cut into tokens (see [`super::norm`]); the compared tokens are diffed with
//! Myers' algorithm (a minimal diff: [`super::myers`], the same diff as `similar`'s plain
//! Myers) when the pair is small enough for its worst case to be cheap, with the items found on
//! one side only set aside first when the whole search would be costly ([`EXACT_WORK`]: two
//! dissimilar texts), and with `similar`'s bounded, git-style search past [`EXACT_ITEMS`]. The budget is work, not time:
//! the same texts always give the same diff, whatever the machine's load. The result is a list of
//! spans in reading order (equal, deleted, inserted) that together reproduce both texts exactly,
//! so a view can draw the pair side by side or as one column at any width. A diff past the exact
//! limit is still a correct diff (possibly coarser than the best one) and is marked approximate.

use super::norm::{Interner, Keyed, Normalization, TokenKind};
use serde::Serialize;
use similar::{Algorithm, DiffOp, capture_diff_slices};

/// Above this many compared items (both sides together) a pair is diffed with the bounded search.
/// Plain Myers costs at most (n + m) x D steps, so below the limit a pair costs at most
/// `EXACT_ITEMS` steps per item: the work of a comparison is proportional to its input. The
/// longest paragraph of the bundled strategies has about 700 items.
pub const EXACT_ITEMS: usize = 4096;

/// Above this much estimated work (the pair's items times a lower bound of its edit distance),
/// a pair within [`EXACT_ITEMS`] sets aside the items found on one side only before its search
/// ([`super::myers::diff_sparse`]): a diff as short, found in a fraction of the work on two
/// dissimilar texts. Aligned paragraphs (at most about 700 items each, half their words in
/// common) stay well below it and get the whole search.
pub const EXACT_WORK: usize = 1 << 21;

/// True when the whole search of `a` against `b` would cost more than [`EXACT_WORK`]: the
/// edit distance is at least the items the two multisets do not share.
fn sparse_pays(a: &[u32], b: &[u32]) -> bool {
    let n = a.len() + b.len();
    if n * n <= EXACT_WORK {
        return false;
    }
    let len = a.iter().chain(b).max().map_or(0, |&x| x as usize + 1);
    let mut left = vec![0u32; len];
    for &x in a {
        left[x as usize] += 1;
    }
    let mut common = 0;
    for &x in b {
        if left[x as usize] > 0 {
            left[x as usize] -= 1;
            common += 1;
        }
    }
    n * (n - 2 * common) > EXACT_WORK
}

/// What a span of a word diff is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SpanKind {
    /// Present in both texts.
    Equal,
    /// Only in the old text (A).
    Deleted,
    /// Only in the new text (B).
    Inserted,
}

/// One run of text with its kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WordSpan {
    /// Equal, deleted or inserted.
    pub kind: SpanKind,
    /// The text: from B for equal spans, from the only side otherwise.
    pub text: String,
    /// For an equal span whose A text differs from B's only by ignored differences (case,
    /// punctuation, whitespace): A's text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<String>,
}

impl WordSpan {
    /// The span's text as it reads in A (`None` for inserted spans).
    pub fn text_a(&self) -> Option<&str> {
        match self.kind {
            SpanKind::Inserted => None,
            SpanKind::Equal => Some(self.old.as_deref().unwrap_or(&self.text)),
            SpanKind::Deleted => Some(&self.text),
        }
    }

    /// The span's text as it reads in B (`None` for deleted spans).
    pub fn text_b(&self) -> Option<&str> {
        match self.kind {
            SpanKind::Deleted => None,
            _ => Some(&self.text),
        }
    }
}

/// The word diff of one pair of texts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WordDiff {
    /// Spans in reading order; A is the equal and deleted spans, B the equal and inserted ones.
    pub spans: Vec<WordSpan>,
    /// Words only in B.
    pub words_added: usize,
    /// Words only in A.
    pub words_removed: usize,
    /// Words common to both.
    pub words_equal: usize,
    /// True when the pair was too large for the exact search ([`EXACT_ITEMS`]) and was diffed
    /// with the bounded one, which may be coarser than the best diff.
    pub approximate: bool,
}

impl WordDiff {
    /// True when nothing compared differs.
    pub fn is_same(&self) -> bool {
        self.spans.iter().all(|s| s.kind == SpanKind::Equal)
    }

    /// 0..=1: share of words in common (1 when both texts have no words and nothing differs).
    pub fn similarity(&self) -> f64 {
        let total = 2 * self.words_equal + self.words_added + self.words_removed;
        if total == 0 {
            return if self.is_same() { 1.0 } else { 0.0 };
        }
        (2 * self.words_equal) as f64 / total as f64
    }

    /// The spans of one side, in order: A (`false`) or B (`true`), each with its text on that side.
    pub fn side(&self, b: bool) -> impl Iterator<Item = (SpanKind, &str)> {
        self.spans.iter().filter_map(move |s| if b { s.text_b() } else { s.text_a() }.map(|t| (s.kind, t)))
    }
}

/// Diffs two texts word by word.
pub fn diff_words(a: &str, b: &str, norm: &Normalization) -> WordDiff {
    let mut interner = Interner::default();
    let ka = interner.keyed(a, norm);
    let kb = interner.keyed(b, norm);
    diff_keyed(a, &ka, b, &kb)
}

/// Diffs two texts already tokenised with one shared [`Interner`].
pub fn diff_keyed(a: &str, ka: &Keyed, b: &str, kb: &Keyed) -> WordDiff {
    let same = ka.ids == kb.ids;
    let approximate = !same && ka.ids.len() + kb.ids.len() > EXACT_ITEMS;
    let ops = if same {
        vec![DiffOp::Equal { old_index: 0, new_index: 0, len: ka.ids.len() }]
    } else if approximate {
        // Git's bounded middle-snake search: at most about sqrt(n + m) steps of search depth
        // per split, deterministic.
        capture_diff_slices(Algorithm::Myers, &ka.ids, &kb.ids)
    } else if sparse_pays(&ka.ids, &kb.ids) {
        super::myers::diff_sparse(&ka.ids, &kb.ids)
    } else {
        super::myers::diff(&ka.ids, &kb.ids)
    };
    let mut out = Builder { a, ka, b, kb, spans: Vec::new(), gap_a: 0, gap_b: 0 };
    let (mut added, mut removed, mut equal) = (0, 0, 0);
    // Merge consecutive non-equal ops so that changes and equal runs alternate.
    let mut i = 0;
    while i < ops.len() {
        let op = &ops[i];
        let (ra, rb) = (op.old_range(), op.new_range());
        if matches!(op, DiffOp::Equal { .. }) {
            if ra.is_empty() {
                i += 1;
                continue;
            }
            out.gaps(ra.start, rb.start);
            let ta = out.run_a(ra.clone());
            let tb = out.run_b(rb.clone());
            equal += count_words(ka, ra);
            out.push(SpanKind::Equal, tb, (ta != tb).then(|| ta.to_string()));
            i += 1;
            continue;
        }
        let (a0, b0) = (ra.start, rb.start);
        let (mut a1, mut b1) = (ra.end, rb.end);
        i += 1;
        while i < ops.len() && !matches!(ops[i], DiffOp::Equal { .. }) {
            a1 = ops[i].old_range().end;
            b1 = ops[i].new_range().end;
            i += 1;
        }
        out.gaps(a0, b0);
        removed += count_words(ka, a0..a1);
        added += count_words(kb, b0..b1);
        if a1 > a0 {
            let t = out.run_a(a0..a1);
            out.push(SpanKind::Deleted, t, None);
        }
        if b1 > b0 {
            let t = out.run_b(b0..b1);
            out.push(SpanKind::Inserted, t, None);
        }
    }
    out.gaps(ka.tokens.len(), kb.tokens.len());
    WordDiff { spans: out.spans, words_added: added, words_removed: removed, words_equal: equal, approximate }
}

fn count_words(k: &Keyed, items: std::ops::Range<usize>) -> usize {
    items.filter(|&i| k.tokens[i].kind == TokenKind::Word).count()
}

/// Turns item ranges back into text spans. Gap `g` of a side is the uncompared text before its
/// compared item `g` (after the last item for `g == items.len()`); each gap is emitted once.
struct Builder<'x> {
    a: &'x str,
    ka: &'x Keyed,
    b: &'x str,
    kb: &'x Keyed,
    spans: Vec<WordSpan>,
    gap_a: usize,
    gap_b: usize,
}

/// Byte range of the uncompared text before item `g`.
fn gap_range(text: &str, k: &Keyed, g: usize) -> (usize, usize) {
    let start = if g == 0 { 0 } else { k.tokens[g - 1].end };
    let end = if g == k.tokens.len() { text.len() } else { k.tokens[g].start };
    (start, end)
}

/// Byte range covering items `r` (with the gaps inside), or an empty range.
fn run_range(k: &Keyed, r: &std::ops::Range<usize>) -> (usize, usize) {
    if r.is_empty() {
        return (0, 0);
    }
    (k.tokens[r.start].start, k.tokens[r.end - 1].end)
}

impl<'x> Builder<'x> {
    fn run_a(&self, r: std::ops::Range<usize>) -> &'x str {
        let (s, e) = run_range(self.ka, &r);
        &self.a[s..e]
    }

    fn run_b(&self, r: std::ops::Range<usize>) -> &'x str {
        let (s, e) = run_range(self.kb, &r);
        &self.b[s..e]
    }

    /// Emits the gaps before items `ga`/`gb` that were not emitted yet, as one equal span.
    fn gaps(&mut self, ga: usize, gb: usize) {
        let ta = if ga >= self.gap_a {
            let (s, e) = gap_range(self.a, self.ka, ga);
            self.gap_a = ga + 1;
            &self.a[s..e]
        } else {
            ""
        };
        let tb = if gb >= self.gap_b {
            let (s, e) = gap_range(self.b, self.kb, gb);
            self.gap_b = gb + 1;
            &self.b[s..e]
        } else {
            ""
        };
        let old = (ta != tb).then(|| ta.to_string());
        self.push(SpanKind::Equal, tb, old);
    }

    /// Appends a span, merging it with the previous one when both are equal.
    fn push(&mut self, kind: SpanKind, text: &str, old: Option<String>) {
        if text.is_empty() && old.as_deref().is_none_or(str::is_empty) {
            return;
        }
        if kind == SpanKind::Equal
            && let Some(last) = self.spans.last_mut()
            && last.kind == SpanKind::Equal
        {
            if old.is_some() || last.old.is_some() {
                let mut o = last.old.take().unwrap_or_else(|| last.text.clone());
                o.push_str(old.as_deref().unwrap_or(text));
                last.old = Some(o);
            }
            last.text.push_str(text);
            if last.old.as_deref() == Some(last.text.as_str()) {
                last.old = None;
            }
            return;
        }
        self.spans.push(WordSpan { kind, text: text.to_string(), old });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rebuild(d: &WordDiff, b: bool) -> String {
        d.side(b).map(|(_, t)| t).collect()
    }

    fn marked(d: &WordDiff) -> String {
        d.spans
            .iter()
            .map(|s| match s.kind {
                SpanKind::Equal => s.text.clone(),
                SpanKind::Deleted => format!("[-{}-]", s.text),
                SpanKind::Inserted => format!("{{+{}+}}", s.text),
            })
            .collect()
    }

    #[test]
    fn marks_exactly_the_changed_words() {
        let a = "Обеспечить доступ граждан к цифровым услугам в 2023 году.";
        let b = "Обеспечить быстрый доступ граждан к электронным услугам в 2024 году.";
        let d = diff_words(a, b, &Normalization::default());
        assert_eq!(
            marked(&d),
            "Обеспечить {+быстрый+} доступ граждан к [-цифровым-]{+электронным+} услугам в [-2023-]{+2024+} году."
        );
        assert_eq!((d.words_added, d.words_removed, d.words_equal), (3, 2, 7));
        assert_eq!(rebuild(&d, false), a);
        assert_eq!(rebuild(&d, true), b);
        assert!(!d.approximate);
    }

    #[test]
    fn ignored_differences_are_equal_but_both_texts_survive() {
        let a = "Цифровая  зрелость, ЁМКОСТЬ сетей";
        let b = "цифровая зрелость емкость сетей";
        let loose = Normalization { ignore_case: true, ignore_punct: true, ocr: false };
        let d = diff_words(a, b, &loose);
        assert!(d.is_same(), "{d:?}");
        assert_eq!(rebuild(&d, false), a);
        assert_eq!(rebuild(&d, true), b);
        assert!(!diff_words(a, b, &Normalization::default()).is_same());
    }

    #[test]
    fn a_pair_past_the_exact_limit_gets_the_same_correct_diff_every_time() {
        let text = |n: usize, step: usize, m: usize| -> String {
            (0..n).map(|i| format!("слово{} ", i * step % m)).collect()
        };
        let (a, b) = (text(3000, 7, 1001), text(3000, 13, 997));
        let d = diff_words(&a, &b, &Normalization::default());
        assert!(d.approximate, "6000 items are past the exact limit");
        assert_eq!(rebuild(&d, false), a);
        assert_eq!(rebuild(&d, true), b);
        assert_eq!(d.words_equal + d.words_removed, 3000);
        assert_eq!(d.words_equal + d.words_added, 3000);
        // The budget is work, not time: a busy machine gives the same diff.
        let busy: Vec<_> = (0..2).map(|_| std::thread::spawn(|| (0..20_000_000u64).fold(0, |x, y| x ^ y))).collect();
        for _ in 0..3 {
            assert_eq!(diff_words(&a, &b, &Normalization::default()), d);
        }
        busy.into_iter().for_each(|t| drop(t.join()));
        // Below the limit the diff is the exact one, not marked.
        let small = diff_words(&text(700, 7, 1001), &text(700, 13, 997), &Normalization::default());
        assert!(!small.approximate);
    }

    #[test]
    fn edge_cases_rebuild_both_sides() {
        let n = Normalization::default();
        for (a, b) in
            [("", ""), ("", "новый текст"), ("старый", ""), (" а ", "б"), ("x, y", "x; y"), ("а б в", "в б а")]
        {
            let d = diff_words(a, b, &n);
            assert_eq!(rebuild(&d, false), a, "{a:?} {b:?} {d:?}");
            assert_eq!(rebuild(&d, true), b, "{a:?} {b:?} {d:?}");
        }
    }
}
