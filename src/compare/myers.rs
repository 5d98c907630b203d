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
    /// `find_middle_snake` in its raw mode, step for step. Not inlined: alone, its loop keeps its
    /// state in registers.
    #[inline(never)]
    fn middle_snake(&mut self, a: &[u32], b: &[u32]) -> (usize, usize) {
        let (n, m) = (a.len(), b.len());
        let delta = n as isize - m as isize;
        let odd = delta & 1 == 1;
        let off = self.off;
        let (vf, vb) = (&mut self.f, &mut self.b);
        let at = |k: isize| (k + off) as usize;
        vf[at(1)] = 0;
        vb[at(1)] = 0;
        let d_max = ((n + m).div_ceil(2) + 1) as isize;
        for d in 0..d_max {
            let mut k = d;
            while k >= -d {
                let mut x = if k == -d || (k != d && vf[at(k - 1)] < vf[at(k + 1)]) {
                    vf[at(k + 1)]
                } else {
                    vf[at(k - 1)] + 1
                };
                let y = (x as isize - k) as usize;
                let (x0, y0) = (x, y);
                if x < n && y < m {
                    x += prefix(&a[x..], &b[y..]);
                }
                vf[at(k)] = x;
                if odd && (k - delta).abs() < d && x + vb[at(delta - k)] >= n {
                    return (x0, y0);
                }
                k -= 2;
            }
            let mut k = d;
            while k >= -d {
                let mut x = if k == -d || (k != d && vb[at(k - 1)] < vb[at(k + 1)]) {
                    vb[at(k + 1)]
                } else {
                    vb[at(k - 1)] + 1
                };
                let mut y = (x as isize - k) as usize;
                if x < n && y < m {
                    let s = suffix(&a[..n - x], &b[..m - y]);
                    x += s;
                    y += s;
                }
                vb[at(k)] = x;
                if !odd && (k - delta).abs() <= d && x + vf[at(delta - k)] >= n {
                    return (n - x, m - y);
                }
                k -= 2;
            }
        }
        unreachable!("a middle snake is found within (n + m) / 2 + 1 steps")
    }
}

#[cfg(test)]
mod tests {
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
