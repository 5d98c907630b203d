//! Indicators aligned by project and name, with value changes per year.
//!
//! An indicator's project is resolved through the project alignment, so an indicator of a renamed
//! project still meets its counterpart. Within a project (or a sector, when the project is unknown)
//! names match exactly after normalisation, then fuzzily.

use super::norm::FxMap;
use super::projects::{NameKeyMemo, NameKeys, ProjectDiff, RENAME_THRESHOLD, match_by_name, name_key, union_order};
use super::{Status, norm::Normalization};
use crate::model::{Document, Indicator};
use serde::Serialize;
use std::collections::BTreeMap;

/// A's and B's values for one year, and the change.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct YearValues {
    /// Value in A.
    pub a: Option<f64>,
    /// Value in B.
    pub b: Option<f64>,
    /// `b - a` when both exist.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delta: Option<f64>,
}

impl YearValues {
    /// True when the year's values differ (or only one side has one).
    pub fn differs(&self) -> bool {
        match (self.a, self.b) {
            (Some(x), Some(y)) => (x - y).abs() > 1e-9,
            (None, None) => false,
            _ => true,
        }
    }
}

/// One aligned indicator.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorDiff {
    /// Same, changed, added or removed.
    pub status: Status,
    /// Project name (B's when both exist).
    pub project: String,
    /// Indicator name (B's when both exist).
    pub name: String,
    /// A's name when it was reworded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
    /// Canonical sector key.
    pub sector: String,
    /// Unit in A and B.
    pub unit_a: Option<String>,
    /// See `unit_a`.
    pub unit_b: Option<String>,
    /// 0..=1: share of years whose values agree.
    pub similarity: f64,
    /// Year -> values, all years of either side.
    pub values: BTreeMap<String, YearValues>,
}

fn round(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// Where an indicator belongs, as a grouping key for alignment: the B-side project name key when
/// its project is known (through the project alignment), else the sector.
fn group_keys<'d>(
    doc: &'d Document,
    inds: &'d [Indicator],
    rename: &FxMap<String, String>,
    memo: &mut NameKeyMemo<'d>,
) -> Vec<(String, String)> {
    let by_id: FxMap<&str, &str> = doc.projects.iter().map(|p| (p.id.as_str(), p.name.as_str())).collect();
    // A project's key once per project, not once per indicator.
    let mut project_keys: FxMap<&str, String> = FxMap::default();
    inds.iter()
        .map(|i| {
            let project = i.project_id.as_deref().and_then(|id| by_id.get(id).copied()).unwrap_or(&i.project);
            let pk = project_keys.entry(project).or_insert_with(|| {
                let pk = memo.key(project);
                rename.get(&pk).cloned().unwrap_or(pk)
            });
            (format!("{}\u{1f}{}", i.sector, pk), memo.key(&i.name))
        })
        .collect()
}

/// The alignment keys `(group, name)` of A's and B's indicators: the group is the sector and the
/// B-side project (A's renamed projects mapped to B's names through `projects`).
pub fn keys(a: &Document, b: &Document, projects: &[ProjectDiff], norm: &Normalization) -> (NameKeys, NameKeys) {
    let rename: FxMap<String, String> = projects
        .iter()
        .filter_map(|p| p.renamed_from.as_ref().map(|from| (name_key(from, norm), name_key(&p.name, norm))))
        .collect();
    // One memo for both sides: two versions share most names.
    let mut memo = NameKeyMemo::new(norm);
    let ka = group_keys(a, &a.indicators, &rename, &mut memo);
    (ka, group_keys(b, &b.indicators, &FxMap::default(), &mut memo))
}

/// Aligns and compares the indicators of two documents; `projects` is their project alignment.
pub fn diff_indicators(
    a: &Document,
    b: &Document,
    projects: &[ProjectDiff],
    norm: &Normalization,
) -> Vec<IndicatorDiff> {
    let (ka, kb) = keys(a, b, projects, norm);
    let a_to_b = match_by_name(&ka, &kb, RENAME_THRESHOLD);
    union_order(&a_to_b, kb.len())
        .into_iter()
        .map(|(i, j)| compare(i.map(|i| &a.indicators[i]), j.map(|j| &b.indicators[j]), norm))
        .collect()
}

fn compare(a: Option<&Indicator>, b: Option<&Indicator>, norm: &Normalization) -> IndicatorDiff {
    let main = b.or(a).expect("one side exists");
    let mut values: BTreeMap<String, YearValues> = BTreeMap::new();
    let years = a.iter().chain(b.iter()).flat_map(|i| i.values.keys().copied());
    for y in years {
        let va = a.and_then(|i| i.values.get(&y).copied());
        let vb = b.and_then(|i| i.values.get(&y).copied());
        let delta = va.zip(vb).map(|(x, z)| round(z - x));
        values.insert(y.to_string(), YearValues { a: va, b: vb, delta });
    }
    let (status, similarity, renamed_from) = match (a, b) {
        (Some(x), Some(z)) => {
            let differing = values.values().filter(|v| v.differs()).count();
            let renamed = x.name != z.name && !super::norm::same_normalized(&x.name, &z.name, norm);
            let unit_changed = x.unit.as_deref().map(str::trim) != z.unit.as_deref().map(str::trim);
            let status = if differing > 0 || renamed || unit_changed { Status::Changed } else { Status::Same };
            let sim = if values.is_empty() { 1.0 } else { 1.0 - differing as f64 / values.len() as f64 };
            (status, sim, renamed.then(|| x.name.to_string()))
        }
        (Some(_), None) => (Status::Removed, 0.0, None),
        _ => (Status::Added, 0.0, None),
    };
    IndicatorDiff {
        status,
        project: main.project.clone(),
        name: main.name.to_string(),
        renamed_from,
        sector: main.sector.clone(),
        unit_a: a.and_then(|i| i.unit.clone()),
        unit_b: b.and_then(|i| i.unit.clone()),
        similarity,
        values,
    }
}
