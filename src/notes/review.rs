//! Reviewed marks: per comparison (an ordered pair of document versions) and section.

use super::DocRef;
use crate::compare::DocDiff;
use serde::Serialize;
use std::collections::BTreeSet;

/// A comparison: the old document A and the new document B.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Pair {
    /// The old document.
    pub a: DocRef,
    /// The new document.
    pub b: DocRef,
}

impl Pair {
    /// The pair of two loaded documents.
    pub fn of(a: &crate::model::Document, b: &crate::model::Document) -> Pair {
        Pair { a: DocRef::of(a), b: DocRef::of(b) }
    }
}

/// How far the review of a comparison is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// Changed sections marked reviewed.
    pub reviewed: usize,
    /// Changed sections (by the comparison's rule, [`crate::compare::SectionDiff::is_change`]).
    pub changed: usize,
}

impl Progress {
    /// True when every changed section is reviewed.
    pub fn done(&self) -> bool {
        self.reviewed == self.changed
    }
}

/// Progress of a comparison given the sections marked reviewed. Marks on sections that are not
/// changed (any more) do not count.
pub fn progress(diff: &DocDiff, reviewed: &BTreeSet<String>) -> Progress {
    let changed: Vec<&str> = diff.sections.iter().filter(|s| s.is_change()).map(|s| s.key.as_str()).collect();
    Progress { reviewed: changed.iter().filter(|k| reviewed.contains(**k)).count(), changed: changed.len() }
}

/// The changed sections not yet reviewed, in the comparison's order (for an "unreviewed" filter).
pub fn unreviewed<'d>(diff: &'d DocDiff, reviewed: &BTreeSet<String>) -> Vec<&'d str> {
    diff.sections.iter().filter(|s| s.is_change() && !reviewed.contains(&s.key)).map(|s| s.key.as_str()).collect()
}
