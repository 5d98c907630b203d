//! Projects aligned by normalized name, with a fuzzy tolerance for small wording changes.
//!
//! Exact matches of the normalized name (case, ё, punctuation and stopwords folded) come first;
//! the rest are paired greedily by character similarity of the names (at least
//! [`RENAME_THRESHOLD`]), preferring the same sector. A pair whose printed names differ is a rename.

use super::Status;
use super::norm::{FxMap, Normalization, normalized, same_normalized};
use crate::model::Project;
use serde::Serialize;
use similar::TextDiff;

/// Alignment keys of a list of items: `(group, normalized name)` each.
pub type NameKeys = Vec<(String, String)>;

/// Minimum character similarity of two normalized names for a rename.
pub const RENAME_THRESHOLD: f64 = 0.8;

/// One field that differs between two versions of a project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    /// Field name as in the model, e.g. `goal`, `funding`.
    pub field: &'static str,
    /// A's value.
    pub a: Option<String>,
    /// B's value.
    pub b: Option<String>,
}

/// One aligned project.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectDiff {
    /// Same, changed, added or removed.
    pub status: Status,
    /// Name as printed in B (in A when only A has it).
    pub name: String,
    /// A's name when the project was renamed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
    /// Canonical sector key (B's when both exist).
    pub sector: String,
    /// Project id in A.
    pub id_a: Option<String>,
    /// Project id in B.
    pub id_b: Option<String>,
    /// 0..=1: share of compared fields (name included) that are equal.
    pub similarity: f64,
    /// Fields that differ.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldChange>,
}

/// Character similarity of two short strings.
pub fn name_similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    TextDiff::from_chars(a, b).ratio() as f64
}

/// Pairs items by exact key first, then greedily by similarity of keys (same group preferred).
/// Returns `a -> b` indices.
///
/// The fuzzy step does not compare all pairs: B's unmatched names are indexed by group and word
/// stem (the first [`STEM_CHARS`] characters of each word that is not a stopword, so that
/// inflected forms meet), and by whole name for an item that moved to another group. An A name
/// is compared only with the B names of its group that share a stem, and those whose length and
/// character multiset leave no chance of reaching `threshold` are skipped before the character
/// diff.
pub fn match_by_name(ka: &[(String, String)], kb: &[(String, String)], threshold: f64) -> Vec<Option<usize>> {
    let (mut a_to_b, taken) = match_exact(ka, kb);
    let cands = fuzzy_candidates(ka, kb, &a_to_b, &taken, threshold);
    assign(&mut a_to_b, taken, cands);
    a_to_b
}

/// Characters of a word that form its stem for blocking.
pub const STEM_CHARS: usize = 4;

/// Exact matches of whole keys, in order; returns `a -> b` and which B items are taken.
fn match_exact(ka: &[(String, String)], kb: &[(String, String)]) -> (Vec<Option<usize>>, Vec<bool>) {
    let mut a_to_b = vec![None; ka.len()];
    let mut taken = vec![false; kb.len()];
    let mut exact: FxMap<&(String, String), Vec<usize>> = FxMap::default();
    for (i, k) in kb.iter().enumerate().rev() {
        exact.entry(k).or_default().push(i);
    }
    for (i, k) in ka.iter().enumerate() {
        if let Some(b) = exact.get_mut(k).and_then(|v| v.pop()) {
            a_to_b[i] = Some(b);
            taken[b] = true;
        }
    }
    (a_to_b, taken)
}

/// Greedy one-to-one assignment of candidate pairs, best similarity first.
fn assign(a_to_b: &mut [Option<usize>], mut taken: Vec<bool>, mut cands: Vec<(f64, usize, usize)>) {
    cands.sort_by(|p, q| q.0.total_cmp(&p.0).then(p.1.cmp(&q.1)).then(p.2.cmp(&q.2)));
    for (_, i, j) in cands {
        if a_to_b[i].is_none() && !taken[j] {
            a_to_b[i] = Some(j);
            taken[j] = true;
        }
    }
}

/// The distinct blocking stems of a name key (words are separated by spaces); a name with no
/// stem gets the empty one, so that such names still meet each other.
fn stems(name: &str) -> Vec<&str> {
    let mut v: Vec<&str> = name
        .split(' ')
        .filter(|w| !w.is_empty() && !crate::text::fold::is_stopword(w))
        .map(|w| w.char_indices().nth(STEM_CHARS).map_or(w, |(i, _)| &w[..i]))
        .collect();
    v.sort_unstable();
    v.dedup();
    if v.is_empty() {
        v.push("");
    }
    v
}

/// One side of a bit-parallel longest-common-subsequence count (Allison and Dix; Hyyrö): for
/// each distinct character of the name, the bit mask of its positions. `2 * lcs / (la + lb)` bounds
/// [`name_similarity`] from above (a diff can only find fewer common characters than the longest
/// common subsequence), so pairs below the threshold are skipped without a diff.
struct Profile {
    len: usize,
    words: usize,
    chars: Vec<char>,
    masks: Vec<u64>,
}

impl Profile {
    fn of(name: &str) -> Profile {
        let all: Vec<char> = name.chars().collect();
        let mut chars = all.clone();
        chars.sort_unstable();
        chars.dedup();
        let words = all.len().div_ceil(64).max(1);
        let mut masks = vec![0u64; chars.len() * words];
        for (i, c) in all.iter().enumerate() {
            let k = chars.binary_search(c).expect("the character is listed");
            masks[k * words + i / 64] |= 1 << (i % 64);
        }
        Profile { len: all.len(), words, chars, masks }
    }

    /// Length of the longest common subsequence of this name and `other`.
    fn lcs(&self, other: &str) -> usize {
        let mut v = vec![u64::MAX; self.words];
        for c in other.chars() {
            let Ok(k) = self.chars.binary_search(&c) else { continue };
            super::myers::advance(&mut v, &self.masks[k * self.words..(k + 1) * self.words]);
        }
        let ones: usize = v
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let bits = (self.len - (i * 64).min(self.len)).min(64);
                let mask = if bits == 64 { u64::MAX } else { (1u64 << bits) - 1 };
                (w & mask).count_ones() as usize
            })
            .sum();
        self.len - ones
    }

    /// Upper bound of [`name_similarity`] of this name and `other` (`lb` characters long).
    fn bound(&self, other: &str, lb: usize) -> f64 {
        if self.len + lb == 0 {
            return 1.0;
        }
        (2 * self.lcs(other)) as f64 / (self.len + lb) as f64
    }
}

/// Candidate pairs `(similarity, a, b)` for the fuzzy step, found through the index.
fn fuzzy_candidates(
    ka: &[(String, String)],
    kb: &[(String, String)],
    a_to_b: &[Option<usize>],
    taken: &[bool],
    threshold: f64,
) -> Vec<(f64, usize, usize)> {
    let mut by_stem: FxMap<(&str, &str), Vec<usize>> = FxMap::default();
    let mut by_name: FxMap<&str, Vec<usize>> = FxMap::default();
    let mut lens = vec![0; kb.len()];
    for (j, (g, n)) in kb.iter().enumerate() {
        if taken[j] {
            continue;
        }
        for s in stems(n) {
            by_stem.entry((g.as_str(), s)).or_default().push(j);
        }
        by_name.entry(n.as_str()).or_default().push(j);
        lens[j] = n.chars().count();
    }
    let mut cands = Vec::new();
    let mut seen = vec![usize::MAX; kb.len()];
    for (i, (ga, na)) in ka.iter().enumerate() {
        if a_to_b[i].is_some() {
            continue;
        }
        let mut pa: Option<Profile> = None;
        for s in stems(na) {
            for &j in by_stem.get(&(ga.as_str(), s)).map_or(&[][..], Vec::as_slice) {
                if std::mem::replace(&mut seen[j], i) == i {
                    continue;
                }
                let pa = pa.get_or_insert_with(|| Profile::of(na));
                let (la, lb) = (pa.len, lens[j]);
                let nb = &kb[j].1;
                // The bound is exact arithmetic; the similarity is an f32 ratio: keep a margin.
                if (2 * la.min(lb)) as f64 / (la + lb).max(1) as f64 >= threshold
                    && pa.bound(nb, lb) >= threshold - 1e-6
                {
                    let s = name_similarity(na, nb);
                    if s >= threshold {
                        cands.push((s, i, j));
                    }
                }
            }
        }
        // The same name in another group: a moved item.
        for &j in by_name.get(na.as_str()).map_or(&[][..], Vec::as_slice) {
            if kb[j].0 != *ga {
                cands.push((0.99, i, j));
            }
        }
    }
    cands
}

/// All-pairs reference for [`match_by_name`] (every A name against every B name); tests check
/// that the index finds the same pairs.
#[doc(hidden)]
pub fn match_by_name_all_pairs(ka: &[(String, String)], kb: &[(String, String)], threshold: f64) -> Vec<Option<usize>> {
    let (mut a_to_b, taken) = match_exact(ka, kb);
    let mut cands = Vec::new();
    for (i, (ga, na)) in ka.iter().enumerate() {
        if a_to_b[i].is_some() {
            continue;
        }
        for (j, (gb, nb)) in kb.iter().enumerate() {
            if taken[j] {
                continue;
            }
            let (la, lb) = (na.chars().count(), nb.chars().count());
            if ga == gb && (2 * la.min(lb)) as f64 / (la + lb).max(1) as f64 >= threshold {
                let s = name_similarity(na, nb);
                if s >= threshold {
                    cands.push((s, i, j));
                }
            } else if ga != gb && na == nb {
                cands.push((0.99, i, j));
            }
        }
    }
    assign(&mut a_to_b, taken, cands);
    a_to_b
}

fn fields(p: &Project) -> [(&'static str, Option<String>); 11] {
    [
        ("sector", Some(p.sector.clone())),
        ("recommended_federal", Some(p.recommended_federal.to_string())),
        ("goal", p.goal.clone()),
        ("period", p.period.clone()),
        ("funding", p.funding.clone()),
        ("description", p.description.clone()),
        ("technologies", p.technologies.clone()),
        ("region_role", p.region_role.clone()),
        ("tasks", p.tasks.clone()),
        ("beneficiaries", p.beneficiaries.clone()),
        ("benefits", p.benefits.clone()),
    ]
}

/// The comparison key of a project or indicator name: case, ё and punctuation never matter for
/// alignment (they may still show as a rename).
pub fn name_key(name: &str, norm: &Normalization) -> String {
    let loose = Normalization { ignore_case: true, ignore_punct: true, ocr: norm.ocr };
    normalized(name, &loose)
}

/// [`name_key`] of each name once: two versions of a document share most names (and a project's
/// name recurs with each of its indicators).
pub struct NameKeyMemo<'d> {
    norm: Normalization,
    keys: FxMap<&'d str, String>,
}

impl<'d> NameKeyMemo<'d> {
    /// An empty memo for keys under `norm`.
    pub fn new(norm: &Normalization) -> NameKeyMemo<'d> {
        NameKeyMemo { norm: *norm, keys: FxMap::default() }
    }

    /// `name_key(name, norm)`.
    pub fn key(&mut self, name: &'d str) -> String {
        let norm = &self.norm;
        self.keys.entry(name).or_insert_with(|| name_key(name, norm)).clone()
    }
}

/// Aligns and compares two project lists. Output order: B's order, removed projects after their
/// predecessor in A.
pub fn diff_projects(a: &[Project], b: &[Project], norm: &Normalization) -> Vec<ProjectDiff> {
    fn keys<'d>(ps: &'d [Project], memo: &mut NameKeyMemo<'d>) -> NameKeys {
        ps.iter().map(|p| (p.sector.clone(), memo.key(&p.name))).collect()
    }
    let mut memo = NameKeyMemo::new(norm);
    let ka = keys(a, &mut memo);
    let kb = keys(b, &mut memo);
    let a_to_b = match_by_name(&ka, &kb, RENAME_THRESHOLD);
    let mut out = Vec::with_capacity(a.len().max(b.len()));
    for row in union_order(&a_to_b, b.len()) {
        out.push(match row {
            (Some(i), Some(j)) => compare(&a[i], &b[j], norm),
            (Some(i), None) => one_sided(&a[i], Status::Removed),
            (_, Some(j)) => one_sided(&b[j], Status::Added),
            (None, None) => unreachable!("a row has at least one side"),
        });
    }
    out
}

/// Rows of a one-to-one alignment in display order: B's order, unmatched A items after their
/// predecessor in A. `a_to_b` maps A indices to B indices; `nb` is B's length.
pub fn union_order(a_to_b: &[Option<usize>], nb: usize) -> Vec<(Option<usize>, Option<usize>)> {
    let mut b_to_a = vec![None; nb];
    for (i, j) in a_to_b.iter().enumerate() {
        if let Some(j) = j {
            b_to_a[*j] = Some(i);
        }
    }
    let mut rows = Vec::with_capacity(a_to_b.len().max(nb));
    let mut next_a = 0;
    let flush = |upto: usize, next_a: &mut usize, rows: &mut Vec<_>| {
        while *next_a < upto {
            if a_to_b[*next_a].is_none() {
                rows.push((Some(*next_a), None));
            }
            *next_a += 1;
        }
    };
    for (j, a) in b_to_a.iter().enumerate() {
        if let Some(i) = *a {
            flush(i, &mut next_a, &mut rows);
            next_a = next_a.max(i + 1);
        }
        rows.push((*a, Some(j)));
    }
    flush(a_to_b.len(), &mut next_a, &mut rows);
    rows
}

fn one_sided(p: &Project, status: Status) -> ProjectDiff {
    ProjectDiff {
        status,
        name: p.name.clone(),
        renamed_from: None,
        sector: p.sector.clone(),
        id_a: (status == Status::Removed).then(|| p.id.clone()),
        id_b: (status == Status::Added).then(|| p.id.clone()),
        similarity: 0.0,
        fields: Vec::new(),
    }
}

fn compare(pa: &Project, pb: &Project, norm: &Normalization) -> ProjectDiff {
    let mut changes = Vec::new();
    for ((field, va), (_, vb)) in fields(pa).into_iter().zip(fields(pb)) {
        let same = match (&va, &vb) {
            (Some(x), Some(y)) => x == y || same_normalized(x, y, norm),
            (None, None) => true,
            _ => false,
        };
        if !same {
            changes.push(FieldChange { field, a: va, b: vb });
        }
    }
    let renamed = pa.name != pb.name && !same_normalized(&pa.name, &pb.name, norm);
    let compared = (fields(pa).len() + 1) as f64;
    let differing = changes.len() as f64 + if renamed { 1.0 } else { 0.0 };
    ProjectDiff {
        status: if differing == 0.0 { Status::Same } else { Status::Changed },
        name: pb.name.clone(),
        renamed_from: renamed.then(|| pa.name.clone()),
        sector: pb.sector.clone(),
        id_a: Some(pa.id.clone()),
        id_b: Some(pb.id.clone()),
        similarity: (compared - differing) / compared,
        fields: changes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn lcs_dp(a: &str, b: &str) -> usize {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        super::super::myers::tests::lcs(&a, &b)
    }

    proptest! {
        #[test]
        fn bit_parallel_lcs_is_the_lcs(a in "[абвгд ]{0,150}", b in "[абвгде ]{0,150}") {
            prop_assert_eq!(Profile::of(&a).lcs(&b), lcs_dp(&a, &b));
            let bound = Profile::of(&a).bound(&b, b.chars().count());
            prop_assert!(bound + 1e-6 >= name_similarity(&a, &b));
        }
    }

    #[test]
    fn stems_skip_stopwords_and_cut_words() {
        assert_eq!(stems("развитие системы и сети для развития"), vec!["разв", "сети", "сист"]);
        assert_eq!(stems("и в"), vec![""]);
    }
}
