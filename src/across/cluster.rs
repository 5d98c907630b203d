//! Grouping names of several regions into rows of the same thing (see [`super::names`]).
//!
//! Columns are added one at a time. An item joins the row whose every member is the same name by
//! [`same_name`] (complete linkage: a chain of near names never merges two different things), in
//! the same group (a sector, a project), and that has no item of its column yet; among several
//! such rows it joins the best scoring one, the column's pairs being taken best first. Otherwise it
//! starts a row. With `cross_group`, an item whose name is identical (by the rule's folding) to a
//! member's may also join a row of another group: a region that filed a federal project under
//! another sector. Identical names go through a hash lookup, so an aligned corpus costs little
//! more than reading it.

use super::names::{NameKey, same_name};
use std::collections::HashMap;

/// One row: its group and each column's item index.
#[derive(Debug, Clone)]
pub struct Cluster {
    /// The group all members share.
    pub group: String,
    /// Item index per column.
    pub members: Vec<Option<usize>>,
    /// The members' distinct keys (complete linkage needs each wording once).
    keys: Vec<NameKey>,
}

/// Rows being built.
#[derive(Debug, Clone)]
pub struct Clusters {
    columns: usize,
    cross_group: bool,
    /// The rows, in order of creation.
    pub rows: Vec<Cluster>,
    exact: HashMap<String, Vec<usize>>,
    /// Rows by group: a name that is not identical to a member can only join a row of its own
    /// group, so only those are tried (trying every row made indicators quadratic in the corpus).
    groups: HashMap<String, Vec<usize>>,
}

impl Clusters {
    /// No rows yet, `columns` columns; `cross_group` as in the module doc.
    pub fn new(columns: usize, cross_group: bool) -> Clusters {
        Clusters { columns, cross_group, rows: Vec::new(), exact: HashMap::new(), groups: HashMap::new() }
    }

    /// The score with which an item may join row `r`: its lowest score against the members.
    fn joins(&self, r: usize, c: usize, group: &str, k: &NameKey) -> Option<f64> {
        let row = &self.rows[r];
        if row.members[c].is_some() {
            return None;
        }
        if row.group != group && !(self.cross_group && row.keys.iter().any(|m| m.exact == k.exact)) {
            return None;
        }
        row.keys.iter().try_fold(f64::INFINITY, |worst, m| same_name(k, m).map(|s| worst.min(s)))
    }

    /// Adds column `c`'s items: `(item index, group, key)`. Returns the row of each item, in order.
    pub fn add(&mut self, c: usize, items: &[(usize, &str, &NameKey)]) -> Vec<usize> {
        let mut cands: Vec<(f64, usize, usize)> = Vec::new();
        for (n, &(_, group, k)) in items.iter().enumerate() {
            let before = cands.len();
            if let Some(rs) = self.exact.get(&k.exact) {
                for &r in rs {
                    if let Some(s) = self.joins(r, c, group, k) {
                        cands.push((s, n, r));
                    }
                }
            }
            if cands.len() == before {
                for &r in self.groups.get(group).map_or(&[][..], Vec::as_slice) {
                    if let Some(s) = self.joins(r, c, group, k) {
                        cands.push((s, n, r));
                    }
                }
            }
        }
        cands.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
        let mut placed: Vec<Option<usize>> = vec![None; items.len()];
        for (_, n, r) in cands {
            if placed[n].is_none() && self.rows[r].members[c].is_none() {
                placed[n] = Some(r);
                self.put(r, c, items[n]);
            }
        }
        for (n, item) in items.iter().enumerate() {
            if placed[n].is_none() {
                let r = self.rows.len();
                self.groups.entry(item.1.to_string()).or_default().push(r);
                self.rows.push(Cluster {
                    group: item.1.to_string(),
                    members: vec![None; self.columns],
                    keys: Vec::new(),
                });
                self.put(r, c, *item);
                placed[n] = Some(r);
            }
        }
        placed.into_iter().map(|p| p.unwrap_or_default()).collect()
    }

    fn put(&mut self, r: usize, c: usize, (i, _, k): (usize, &str, &NameKey)) {
        let row = &mut self.rows[r];
        row.members[c] = Some(i);
        if !row.keys.iter().any(|m| m.exact == k.exact) {
            row.keys.push(k.clone());
        }
        let slot = self.exact.entry(k.exact.clone()).or_default();
        if !slot.contains(&r) {
            slot.push(r);
        }
    }
}

/// The most frequent string (ties: the first seen).
pub fn most_common<'a>(items: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for n in items {
        match counts.iter_mut().find(|x| x.0 == n) {
            Some(x) => x.1 += 1,
            None => counts.push((n, 1)),
        }
    }
    let best = counts.iter().map(|x| x.1).max()?;
    counts.iter().find(|x| x.1 == best).map(|x| x.0.to_string())
}
