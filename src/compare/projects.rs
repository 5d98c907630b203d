//! Projects aligned by normalized name, with a fuzzy tolerance for small wording changes.
//!
//! Exact matches of the normalized name (case, ё, punctuation and stopwords folded) come first;
//! the rest are paired greedily by character similarity of the names (at least
//! [`RENAME_THRESHOLD`]), preferring the same sector. A pair whose printed names differ is a rename.

use super::Status;
use super::norm::{Normalization, normalized};
use crate::model::Project;
use serde::Serialize;
use similar::TextDiff;
use std::collections::HashMap;

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
pub fn match_by_name(ka: &[(String, String)], kb: &[(String, String)], threshold: f64) -> Vec<Option<usize>> {
    let mut a_to_b = vec![None; ka.len()];
    let mut taken = vec![false; kb.len()];
    let mut exact: HashMap<&(String, String), Vec<usize>> = HashMap::new();
    for (i, k) in kb.iter().enumerate().rev() {
        exact.entry(k).or_default().push(i);
    }
    for (i, k) in ka.iter().enumerate() {
        if let Some(b) = exact.get_mut(k).and_then(|v| v.pop()) {
            a_to_b[i] = Some(b);
            taken[b] = true;
        }
    }
    // Then fuzzy names within a group, or the same name in another group (a moved project).
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
    cands.sort_by(|p, q| q.0.total_cmp(&p.0).then(p.1.cmp(&q.1)).then(p.2.cmp(&q.2)));
    for (_, i, j) in cands {
        if a_to_b[i].is_none() && !taken[j] {
            a_to_b[i] = Some(j);
            taken[j] = true;
        }
    }
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

/// Aligns and compares two project lists. Output order: B's order, removed projects after their
/// predecessor in A.
pub fn diff_projects(a: &[Project], b: &[Project], norm: &Normalization) -> Vec<ProjectDiff> {
    let ka: Vec<(String, String)> = a.iter().map(|p| (p.sector.clone(), name_key(&p.name, norm))).collect();
    let kb: Vec<(String, String)> = b.iter().map(|p| (p.sector.clone(), name_key(&p.name, norm))).collect();
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
            (Some(x), Some(y)) => x == y || normalized(x, norm) == normalized(y, norm),
            (None, None) => true,
            _ => false,
        };
        if !same {
            changes.push(FieldChange { field, a: va, b: vb });
        }
    }
    let renamed = pa.name != pb.name && normalized(&pa.name, norm) != normalized(&pb.name, norm);
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
