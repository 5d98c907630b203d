//! Myers' shortest edit script over interned ids: the same diff as `similar`'s
//! `Algorithm::RawMyers` (so the same word diffs, byte for byte), in a search loop written for
//! `u32` slices.
//!
//! `similar`'s middle-snake search is generic over its inputs and carries the bookkeeping of its
//! heuristic mode in the same loop; on the word diffs of a comparison it was a fifth of
//! `strata diff`'s instructions. This one runs the same divide and conquer (the same middle
//! snake at each step, the same order of output) with the furthest-reaching paths in two plain
//! arrays and an explicit stack instead of recursion. The two exact shortcuts `similar` takes on
//! some ranges (a front-anchor peel for heavily unbalanced ranges, and an exact search when one
//! side is tiny against a long other) are left to `similar` itself: such a range is handed to its
//! raw Myers whole, so the result stays its result. The ops then go through `similar`'s own
//! compaction and replace hooks, as `capture_diff_slices` does.

use similar::DiffOp;
use similar::algorithms::{Capture, Compact, DiffHook, NoFinishHook, Replace, myers};
use std::ops::Range;

/// `similar`'s thresholds for its exact shortcuts (see the module doc): a range where either
/// could apply goes to `similar` whole.
const ANCHOR_MIN_COMMON: usize = 96;
const SMALL_SIDE_MAX: usize = 64;
const SMALL_SIDE_MIN_LARGE: usize = 512;
const SMALL_SIDE_MAX_WORK: usize = 64_000_000;

/// The diff of `a` and `b`: `capture_diff_slices(Algorithm::RawMyers, a, b)`.
pub fn diff(a: &[u32], b: &[u32]) -> Vec<DiffOp> {
    let mut hook = Compact::new(Replace::new(Capture::new()), a, b);
    let Ok(()) = run(&mut hook, a, b);
    hook.into_inner().into_inner().into_ops()
}

/// A shortest edit script of `a` and `b` for two dissimilar texts: the items that occur on one
/// side only are set aside (as git's xdiff does before its search: no diff can match them, so
/// the rest has the same longest common subsequence), one longest common subsequence of the rest
/// is found bit-parallel ([`common`]: its work does not grow with the edit distance, Myers'
/// does), and the result goes through `similar`'s compaction like [`diff`]'s. The diff is as
/// short as [`diff`]'s (the same number of common items); of equally short diffs it may show
/// another.
pub fn diff_sparse(a: &[u32], b: &[u32]) -> Vec<DiffOp> {
    let len = a.iter().chain(b).max().map_or(0, |&x| x as usize + 1);
    // Bit 0: the id occurs in A; bit 1: in B.
    let mut seen = vec![0u8; len];
    for &x in a {
        seen[x as usize] |= 1;
    }
    for &x in b {
        seen[x as usize] |= 2;
    }
    let kept = |s: &[u32]| -> (Vec<u32>, Vec<usize>) {
        s.iter().enumerate().filter(|(_, x)| seen[**x as usize] == 3).map(|(i, &x)| (x, i)).unzip()
    };
    let ((ra, ia), (rb, ib)) = (kept(a), kept(b));
    let mut hook = Compact::new(Replace::new(Capture::new()), a, b);
    let mut at = (0, 0);
    // Matched pairs of the reduced texts, merged into runs of the whole ones (no item set aside
    // between them).
    let mut pending: Option<(usize, usize, usize)> = None;
    for (x, y) in common(&ra, &rb, len) {
        let (x, y) = (ia[x], ib[y]);
        match &mut pending {
            Some((px, py, n)) if *px + *n == x && *py + *n == y => *n += 1,
            _ => {
                if let Some((px, py, n)) = pending {
                    let Ok(()) = emit(&mut hook, &mut at, px, py, n);
                }
                pending = Some((x, y, 1));
            }
        }
    }
    if let Some((px, py, n)) = pending {
        let Ok(()) = emit(&mut hook, &mut at, px, py, n);
    }
    let Ok(()) = emit(&mut hook, &mut at, a.len(), b.len(), 0);
    let Ok(()) = hook.finish();
    hook.into_inner().into_inner().into_ops()
}

/// The pairs `(i, j)` of one longest common subsequence of `a` and `b` (ids below `len`), in
/// order. Hirschberg's divide and conquer (an explicit stack, not recursion) with each half's
/// row of LCS lengths computed bit-parallel (Allison and Dix; Hyyrö), 64 items of B per
/// machine word: about `2 * |a| * |b| / 64` word steps whatever the texts, where Myers' search
/// costs `(|a| + |b|)` times their edit distance, large for dissimilar texts.
fn common(a: &[u32], b: &[u32], len: usize) -> Vec<(usize, usize)> {
    let mut rows = Rows { slot: vec![u32::MAX; len], masks: Vec::new() };
    let mut out = Vec::new();
    let mut stack = vec![(0..a.len(), 0..b.len())];
    while let Some((ra, rb)) = stack.pop() {
        if ra.is_empty() || rb.is_empty() {
            continue;
        }
        if ra.len() == 1 {
            if let Some(p) = b[rb.clone()].iter().position(|&y| y == a[ra.start]) {
                out.push((ra.start, rb.start + p));
            }
            continue;
        }
        let mid = ra.start + ra.len() / 2;
        let (bs, nb) = (&b[rb.clone()], rb.len());
        // Zeros among the first `j` bits of a row are the LCS of the half against `j` items.
        let front = prefix_ones(&rows.row(a[ra.start..mid].iter(), bs.iter()), nb);
        let back = prefix_ones(&rows.row(a[mid..ra.end].iter().rev(), bs.iter().rev()), nb);
        let split = (0..=nb).max_by_key(|&j| (j - front[j] + (nb - j) - back[nb - j], std::cmp::Reverse(j)));
        let j = split.expect("a range of splits");
        stack.push((mid..ra.end, rb.start + j..rb.end));
        stack.push((ra.start..mid, rb.start..rb.start + j));
    }
    out
}

/// `ones[j]`: set bits among the first `j` bits of `v`, for `j` in `0..=n`.
fn prefix_ones(v: &[u64], n: usize) -> Vec<usize> {
    let mut ones = Vec::with_capacity(n + 1);
    let mut count = 0;
    ones.push(0);
    for j in 0..n {
        count += (v[j / 64] >> (j % 64) & 1) as usize;
        ones.push(count);
    }
    ones
}

/// One step of a bit-parallel LCS row (Allison and Dix; Hyyrö): `v` after an item whose
/// positions on the bit side are `m`, one addition with carry across the words.
pub(super) fn advance(v: &mut [u64], m: &[u64]) {
    let mut carry = false;
    for (w, mw) in v.iter_mut().zip(m) {
        let u = *w & mw;
        let (s1, c1) = w.overflowing_add(u);
        let (s2, c2) = s1.overflowing_add(u64::from(carry));
        carry = c1 || c2;
        *w = s2 | (*w & !u);
    }
}

/// Scratch of the bit-parallel rows: per id its mask's index (`u32::MAX`: none), and the masks.
struct Rows {
    slot: Vec<u32>,
    masks: Vec<u64>,
}

impl Rows {
    /// The bit vector of the LCS row of `a` against `b` (Hyyrö's form: bit `j` clear where the
    /// row grows at item `j`).
    fn row<'x>(&mut self, a: impl Iterator<Item = &'x u32>, b: impl Iterator<Item = &'x u32> + Clone) -> Vec<u64> {
        let nb = b.clone().count();
        let words = nb.div_ceil(64).max(1);
        self.masks.clear();
        for (j, &y) in b.clone().enumerate() {
            let s = &mut self.slot[y as usize];
            if *s == u32::MAX {
                *s = (self.masks.len() / words) as u32;
                self.masks.resize(self.masks.len() + words, 0);
            }
            self.masks[*s as usize * words + j / 64] |= 1 << (j % 64);
        }
        let mut v = vec![u64::MAX; words];
        for &x in a {
            let s = self.slot[x as usize];
            if s == u32::MAX {
                continue;
            }
            advance(&mut v, &self.masks[s as usize * words..(s as usize + 1) * words]);
        }
        for &y in b {
            self.slot[y as usize] = u32::MAX;
        }
        v
    }
}

/// Emits the items between `at` and `(x, y)` as deleted and inserted, then `n` equal items from
/// there; moves `at` past them.
fn emit<D: DiffHook>(d: &mut D, at: &mut (usize, usize), x: usize, y: usize, n: usize) -> Result<(), D::Error> {
    if x > at.0 {
        d.delete(at.0, x - at.0, at.1)?;
    }
    if y > at.1 {
        d.insert(x, at.1, y - at.1)?;
    }
    if n > 0 {
        d.equal(x, y, n)?;
    }
    *at = (x + n, y + n);
    Ok(())
}

fn prefix(a: &[u32], b: &[u32]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

fn suffix(a: &[u32], b: &[u32]) -> usize {
    a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count()
}

/// A step of the divide and conquer: diff two ranges, or emit the common suffix of a range whose
/// middle was split.
enum Task {
    Diff(Range<usize>, Range<usize>),
    Equal(usize, usize, usize),
}

fn run<D: DiffHook>(d: &mut D, a: &[u32], b: &[u32]) -> Result<(), D::Error> {
    let max_d = (a.len() + b.len()).div_ceil(2) + 1;
    let mut v = Paths { off: max_d as isize, f: vec![0; 2 * max_d], b: vec![0; 2 * max_d] };
    let mut stack = vec![Task::Diff(0..a.len(), 0..b.len())];
    while let Some(task) = stack.pop() {
        let (mut ra, mut rb) = match task {
            Task::Equal(i, j, n) => {
                d.equal(i, j, n)?;
                continue;
            }
            Task::Diff(ra, rb) => (ra, rb),
        };
        let p = prefix(&a[ra.clone()], &b[rb.clone()]);
        if p > 0 {
            d.equal(ra.start, rb.start, p)?;
        }
        ra.start += p;
        rb.start += p;
        let s = suffix(&a[ra.clone()], &b[rb.clone()]);
        let tail = (ra.end - s, rb.end - s, s);
        ra.end -= s;
        rb.end -= s;
        let (n, m) = (ra.len(), rb.len());
        let (small, large) = (n.min(m), n.max(m));
        if n == 0 && m == 0 {
        } else if m == 0 {
            d.delete(ra.start, n, rb.start)?;
        } else if n == 0 {
            d.insert(ra.start, rb.start, m)?;
        } else if (small > ANCHOR_MIN_COMMON && large >= 2 * small)
            || (small <= SMALL_SIDE_MAX && large >= SMALL_SIDE_MIN_LARGE && n * m <= SMALL_SIDE_MAX_WORK)
        {
            myers::diff_deadline_raw(&mut NoFinishHook::new(&mut *d), a, ra, b, rb, None)?;
        } else {
            let (x, y) = v.middle_snake(&a[ra.clone()], &b[rb.clone()]);
            if s > 0 {
                stack.push(Task::Equal(tail.0, tail.1, tail.2));
            }
            stack.push(Task::Diff(ra.start + x..ra.end, rb.start + y..rb.end));
            stack.push(Task::Diff(ra.start..ra.start + x, rb.start..rb.start + y));
            continue;
        }
        if s > 0 {
            d.equal(tail.0, tail.1, tail.2)?;
        }
    }
    d.finish()
}

/// The furthest-reaching forward and backward paths, by diagonal (`off` + diagonal).
struct Paths {
    off: isize,
    f: Vec<usize>,
    b: Vec<usize>,
}

impl Paths {
    /// The start of the middle snake of `a` against `b` (both non-empty, with no common prefix
    /// or suffix): the split point, relative to the ranges. The search of `similar`'s
    /// `find_middle_snake` in its raw mode, step for step.
    fn middle_snake(&mut self, a: &[u32], b: &[u32]) -> (usize, usize) {
        let (n, m) = (a.len(), b.len());
        let delta = n as isize - m as isize;
        let odd = delta & 1 == 1;
        let off = self.off;
        self.f[(off + 1) as usize] = 0;
        self.b[(off + 1) as usize] = 0;
        let d_max = ((n + m).div_ceil(2) + 1) as isize;
        for d in 0..d_max {
            if let Some(split) = step::<false>(&mut self.f, &self.b, off, a, b, d, odd) {
                return split;
            }
            if let Some(split) = step::<true>(&mut self.b, &self.f, off, a, b, d, !odd) {
                return split;
            }
        }
        unreachable!("a middle snake is found within (n + m) / 2 + 1 steps")
    }
}

/// Step `d` of the forward (`BACK` false) or backward search: extends the furthest-reaching
/// paths `v` by one edit and a snake on each diagonal, and returns the split point when one meets
/// a path of the other direction (`other`; looked for only when `meet`: the parity of the
/// difference of the lengths says which direction's paths meet first). Not inlined: alone, its
/// loop keeps its state in registers.
#[inline(never)]
#[allow(clippy::too_many_arguments)]
fn step<const BACK: bool>(
    v: &mut [usize],
    other: &[usize],
    off: isize,
    a: &[u32],
    b: &[u32],
    d: isize,
    meet: bool,
) -> Option<(usize, usize)> {
    let (n, m) = (a.len(), b.len());
    let delta = n as isize - m as isize;
    // A forward path meets a backward one of the previous step, a backward one a forward one
    // of this step.
    let reach = if BACK { d } else { d - 1 };
    let at = |k: isize| (k + off) as usize;
    let mut k = d;
    while k >= -d {
        let mut x = if k == -d || (k != d && v[at(k - 1)] < v[at(k + 1)]) { v[at(k + 1)] } else { v[at(k - 1)] + 1 };
        let mut y = (x as isize - k) as usize;
        let (x0, y0) = (x, y);
        if x < n && y < m {
            let s = if BACK { suffix(&a[..n - x], &b[..m - y]) } else { prefix(&a[x..], &b[y..]) };
            x += s;
            y += s;
        }
        v[at(k)] = x;
        if meet && (k - delta).abs() <= reach && x + other[at(delta - k)] >= n {
            return Some(if BACK { (n - x, m - y) } else { (x0, y0) });
        }
        k -= 2;
    }
    None
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use proptest::prelude::*;
    use similar::{Algorithm, capture_diff_slices};

    fn check(a: &[u32], b: &[u32]) {
        assert_eq!(diff(a, b), capture_diff_slices(Algorithm::RawMyers, a, b), "{a:?} {b:?}");
    }

    proptest! {
        #[test]
        fn same_ops_as_similar_raw_myers(
            a in prop::collection::vec(0u32..6, 0..120),
            b in prop::collection::vec(0u32..6, 0..120),
        ) {
            check(&a, &b);
        }

        #[test]
        fn same_ops_on_edits_of_one_text(
            a in prop::collection::vec(0u32..40, 0..300),
            edits in prop::collection::vec((0usize..300, 0u32..45, 0u8..3), 0..40),
        ) {
            let mut b = a.clone();
            for (at, x, op) in edits {
                let at = at.min(b.len());
                match op {
                    0 => b.insert(at, x),
                    1 if at < b.len() => { b.remove(at); }
                    _ if at < b.len() => b[at] = x,
                    _ => {}
                }
            }
            check(&a, &b);
        }
    }

    /// The length of a longest common subsequence (dynamic programming).
    pub(in crate::compare) fn lcs<T: PartialEq>(a: &[T], b: &[T]) -> usize {
        let mut row = vec![0usize; b.len() + 1];
        for x in a {
            let mut prev = 0;
            for (j, y) in b.iter().enumerate() {
                let cur = row[j + 1];
                row[j + 1] = if x == y { prev + 1 } else { row[j + 1].max(row[j]) };
                prev = cur;
            }
        }
        row[b.len()]
    }

    /// Rebuilds both sides from the ops (equal items must be equal) and counts the equal items.
    fn replay(ops: &[DiffOp], a: &[u32], b: &[u32]) -> usize {
        let (mut ra, mut rb, mut equal) = (Vec::new(), Vec::new(), 0);
        for op in ops {
            let (x, y) = (op.old_range(), op.new_range());
            if let DiffOp::Equal { .. } = op {
                assert_eq!(a[x.clone()], b[y.clone()]);
                equal += x.len();
            }
            ra.extend(x);
            rb.extend(y);
        }
        assert_eq!(ra, (0..a.len()).collect::<Vec<_>>());
        assert_eq!(rb, (0..b.len()).collect::<Vec<_>>());
        equal
    }

    proptest! {
        #[test]
        fn the_sparse_diff_is_a_shortest_one(
            a in prop::collection::vec(0u32..30, 0..150),
            b in prop::collection::vec(10u32..40, 0..150),
        ) {
            prop_assert_eq!(replay(&diff_sparse(&a, &b), &a, &b), lcs(&a, &b));
        }
    }

    #[test]
    fn same_ops_where_similar_takes_its_shortcuts() {
        // Unbalanced ranges (the front-anchor peel) and a tiny side against a long one.
        let long: Vec<u32> = (0..900).map(|i| i * 7 % 31).collect();
        let mut shifted = vec![99, 98];
        shifted.extend(&long[..300]);
        check(&long, &shifted);
        check(&shifted, &long);
        check(&long[..20], &long);
        check(&[5, 3, 9], &long);
        let text: Vec<u32> = (0..2000).map(|i| i * 13 % 257).collect();
        let other: Vec<u32> = (0..1800).map(|i| i * 11 % 251).collect();
        check(&text, &other);
    }
}
