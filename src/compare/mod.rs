//! Alignment and diffs between two documents: a revised strategy against last year's, or one
//! region's section against another's.
//!
//! [`diff_documents`] aligns sections by canonical key (the union of both trees), paragraphs and
//! list items inside each section by similarity ([`align`]), words inside each aligned pair
//! ([`words`]), projects by normalized name ([`projects`]) and indicators by project and name
//! ([`indicators`]). Every item gets a [`Status`]. The result, [`DocDiff`], serialises to the JSON
//! of `strata diff --format json` and carries everything a view needs: per section the status and
//! change size, per paragraph pair the word spans.

pub mod align;
pub mod changes;
pub mod indicators;
mod myers;
pub mod norm;
pub mod overview;
pub mod projects;
pub mod render;
pub mod revision;
pub mod words;

use crate::model::{BlockKind, Document, Section, Str};
use norm::Normalization;
use serde::{Serialize, Serializer};
use words::WordDiff;

pub use indicators::{IndicatorDiff, YearValues};
pub use projects::{FieldChange, ProjectDiff};

/// Below this many bytes of section text a comparison runs on one thread.
const PARALLEL_BYTES: usize = 64 * 1024;

/// How an item of B relates to its counterpart in A.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Present in both and equal (under the chosen normalisation).
    Same,
    /// Present in both with differences; see the item's similarity.
    Changed,
    /// Only in B.
    Added,
    /// Only in A.
    Removed,
    /// Present in both at a different place (possibly also edited; see the similarity).
    Moved,
}

impl Status {
    /// A one-character mark readable without colour: ` ` same, `~` changed, `+` added,
    /// `-` removed, `>` moved.
    pub fn mark(self) -> char {
        match self {
            Status::Same => ' ',
            Status::Changed => '~',
            Status::Added => '+',
            Status::Removed => '-',
            Status::Moved => '>',
        }
    }

    /// The lower-case name used in JSON and text output.
    pub fn name(self) -> &'static str {
        match self {
            Status::Same => "same",
            Status::Changed => "changed",
            Status::Added => "added",
            Status::Removed => "removed",
            Status::Moved => "moved",
        }
    }
}

/// Options of a comparison. There is no time budget: each pair's word diff has a work budget
/// proportional to its size ([`words::EXACT_ITEMS`]), so the same documents always give the same
/// comparison, whatever the machine's load.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Which differences to ignore.
    pub norm: Normalization,
    /// Rows of equal blocks carry both texts (`true`, the default: a view shows them). A caller
    /// that shows only changes (`strata diff`'s renderers and JSON list no `same` row) sets it to
    /// `false`: such rows then have `text_a` and `text_b` `None` and cost no copy of the
    /// documents' unchanged text.
    pub same_texts: bool,
    /// A large comparison (more than [`PARALLEL_BYTES`] of section text) splits its sections
    /// between two threads (`true`, the default: a view waits for it, and two threads halve the
    /// wait). Two threads cost more processor time in all than one (a second thread, its own
    /// heap to fault in, caches filled twice): a one-shot command whose cost is its CPU time
    /// (`strata diff`) sets it to `false`. The result is the same either way.
    pub parallel: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options { norm: Normalization::default(), same_texts: true, parallel: true }
    }
}

/// One row of an aligned section: a paragraph or item pair, or a block on one side only.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BlockRow {
    /// Same, changed, added, removed or moved.
    pub status: Status,
    /// 0..=1 share of words in common (1 for same, 0 for one-sided).
    pub similarity: f64,
    /// Index of the block in A's section.
    pub a: Option<usize>,
    /// Index of the block in B's section.
    pub b: Option<usize>,
    /// Paragraph or list item (B's kind when both exist).
    pub kind: BlockKind,
    /// A's text (`None` when A has no block here, or for a `same` row of a comparison made
    /// without [`Options::same_texts`]): the document's own text, shared, not copied.
    pub text_a: Option<Str>,
    /// B's text (as `text_a`).
    pub text_b: Option<Str>,
    /// Words only in B.
    pub words_added: usize,
    /// Words only in A.
    pub words_removed: usize,
    /// Words in both.
    pub words_equal: usize,
    /// The word diff of a pair whose texts differ.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub words: Option<WordDiff>,
}

/// One aligned section.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionDiff {
    /// Canonical key (with `#n` when the key repeats in a document).
    pub key: String,
    /// Title as printed in B (in A when only A has the section).
    pub title: String,
    /// A's title when it differs from B's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title_a: Option<String>,
    /// Printed numbers in A and B (they may differ: healthcare is 4.2 in one text, 4.5 in another).
    pub number_a: Option<String>,
    /// See `number_a`.
    pub number_b: Option<String>,
    /// Depth in the tree (0 for top level).
    pub depth: usize,
    /// Same, changed, added, removed or moved.
    pub status: Status,
    /// 0..=1 share of the section's words in common.
    pub similarity: f64,
    /// Words only in B.
    pub words_added: usize,
    /// Words only in A.
    pub words_removed: usize,
    /// True when some pair was past the exact search's limit and may show a coarser diff.
    pub approximate: bool,
    /// All rows; JSON lists only the rows that are not `same`, as `changes`.
    #[serde(rename = "changes", serialize_with = "changed_rows")]
    pub rows: Vec<BlockRow>,
}

fn changed_rows<S: Serializer>(rows: &[BlockRow], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(rows.iter().filter(|r| r.status != Status::Same))
}

impl SectionDiff {
    /// True when the section differs (in content, title or place).
    pub fn is_change(&self) -> bool {
        self.status != Status::Same
    }

    /// Rows that are not `same`.
    pub fn changes(&self) -> impl Iterator<Item = &BlockRow> {
        self.rows.iter().filter(|r| r.status != Status::Same)
    }
}

/// Counts of changed items by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Items with status changed.
    pub changed: usize,
    /// Items with status added.
    pub added: usize,
    /// Items with status removed.
    pub removed: usize,
    /// Items with status moved.
    pub moved: usize,
}

impl Counts {
    fn of(statuses: impl Iterator<Item = Status>) -> Counts {
        let mut c = Counts::default();
        for s in statuses {
            match s {
                Status::Same => {}
                Status::Changed => c.changed += 1,
                Status::Added => c.added += 1,
                Status::Removed => c.removed += 1,
                Status::Moved => c.moved += 1,
            }
        }
        c
    }

    /// Total of changed, added, removed and moved items.
    pub fn total(&self) -> usize {
        self.changed + self.added + self.removed + self.moved
    }
}

/// Totals for a summary line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Sections by status.
    pub sections: Counts,
    /// Projects by status.
    pub projects: Counts,
    /// Indicators by status.
    pub indicators: Counts,
    /// Words only in B, over all sections.
    pub words_added: usize,
    /// Words only in A, over all sections.
    pub words_removed: usize,
}

/// The comparison of two documents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocDiff {
    /// A's label: region and version.
    pub a: String,
    /// B's label.
    pub b: String,
    /// A's and B's regions: a diff of two regions is a comparison, not an edit.
    pub regions: [crate::model::Region; 2],
    /// The union of both section trees, in B's order with A-only sections at their place.
    pub sections: Vec<SectionDiff>,
    /// Projects aligned by name: same, changed (fields, renames), added, removed.
    pub projects: Vec<ProjectDiff>,
    /// Indicators aligned by project and name with per-year values.
    pub indicators: Vec<IndicatorDiff>,
    /// Totals.
    pub summary: Summary,
    /// True when some pair was past the exact search's limit and may show a coarser, still
    /// correct, diff.
    pub approximate: bool,
}

impl DocDiff {
    /// True when nothing differs.
    pub fn is_equal(&self) -> bool {
        self.summary.sections.total() == 0 && self.summary.projects.total() == 0 && self.summary.indicators.total() == 0
    }

    /// Keeps only the section with this key (and its sub-sections); drops projects and
    /// indicators unless the key is a projects or indicators section. Returns false when neither
    /// document has the key. [`diff_section`] gives the same result without computing the rest.
    pub fn retain_section(&mut self, key: &str) -> bool {
        if !self.sections.iter().any(|s| s.key == key) {
            return false;
        }
        let scope = Scope::of(key);
        self.sections.retain(|s| scope.holds(&s.key));
        self.projects.retain(|p| scope.keeps_project(p));
        self.indicators.retain(|i| scope.keeps_indicator(i));
        self.summary = summarize(&self.sections, &self.projects, &self.indicators);
        self.approximate = self.sections.iter().any(|s| s.approximate);
        true
    }
}

/// What a `--section KEY` comparison covers: the section and its sub-sections, and the projects
/// (indicators) of a sector when the key is `projects[.SECTOR]` (`indicators[.SECTOR]`).
struct Scope<'k> {
    key: &'k str,
    prefix: String,
    projects: bool,
    indicators: bool,
    sector: Option<&'k str>,
}

impl<'k> Scope<'k> {
    fn of(key: &'k str) -> Scope<'k> {
        Scope {
            key,
            prefix: format!("{key}."),
            projects: key.starts_with("projects"),
            indicators: key.starts_with("indicators"),
            sector: key.split_once('.').map(|(_, s)| s),
        }
    }

    fn holds(&self, k: &str) -> bool {
        k == self.key || k.starts_with(&self.prefix)
    }

    fn keeps_project(&self, p: &ProjectDiff) -> bool {
        self.projects && self.sector.is_none_or(|s| p.sector == s)
    }

    fn keeps_indicator(&self, i: &IndicatorDiff) -> bool {
        self.indicators && self.sector.is_none_or(|s| i.sector == s)
    }
}

/// Where a change is: a section (by index in [`DocDiff::sections`]) and, for a paragraph or item
/// change, the row (by index in [`SectionDiff::rows`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ChangeAt {
    /// Section index.
    pub section: usize,
    /// Row index, or `None` for the section itself (its heading line in a view).
    pub row: Option<usize>,
}

impl DocDiff {
    /// Every change in reading order: each changed section, then its rows that are not `same`.
    /// A view's `n`/`N` walk this list.
    pub fn change_places(&self) -> Vec<ChangeAt> {
        let mut out = Vec::new();
        for (i, s) in self.sections.iter().enumerate().filter(|(_, s)| s.is_change()) {
            out.push(ChangeAt { section: i, row: None });
            out.extend(
                s.rows
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| r.status != Status::Same)
                    .map(|(j, _)| ChangeAt { section: i, row: Some(j) }),
            );
        }
        out
    }

    /// The next change after `from` (forward) or before it (backward); the first or last change
    /// when `from` is `None`. `None` past the end.
    pub fn next_change(&self, from: Option<ChangeAt>, forward: bool) -> Option<ChangeAt> {
        let places = self.change_places();
        match (from, forward) {
            (None, true) => places.first().copied(),
            (None, false) => places.last().copied(),
            (Some(at), true) => places.into_iter().find(|p| *p > at),
            (Some(at), false) => places.into_iter().rev().find(|p| *p < at),
        }
    }
}

fn summarize(sections: &[SectionDiff], projects: &[ProjectDiff], indicators: &[IndicatorDiff]) -> Summary {
    Summary {
        sections: Counts::of(sections.iter().map(|s| s.status)),
        projects: Counts::of(projects.iter().map(|p| p.status)),
        indicators: Counts::of(indicators.iter().map(|i| i.status)),
        words_added: sections.iter().map(|s| s.words_added).sum(),
        words_removed: sections.iter().map(|s| s.words_removed).sum(),
    }
}

/// Compares two documents.
pub fn diff_documents(a: &Document, b: &Document, opts: &Options) -> DocDiff {
    diff_scoped(a, b, opts, None).expect("an unscoped comparison always has a result")
}

/// Compares one section (and its sub-sections) of two documents, computing only that: the same
/// result as [`diff_documents`] followed by [`DocDiff::retain_section`]. `None` when neither
/// document has the key.
pub fn diff_section(a: &Document, b: &Document, key: &str, opts: &Options) -> Option<DocDiff> {
    diff_scoped(a, b, opts, Some(Scope::of(key)))
}

/// The section keys of either document (with `#n` for repeats), sorted: what `--section` takes.
pub fn section_keys(a: &Document, b: &Document) -> Vec<String> {
    let mut keys = align::placed(a).1;
    keys.extend(align::placed(b).1);
    keys.sort_unstable();
    keys.dedup();
    keys
}

fn diff_scoped(a: &Document, b: &Document, opts: &Options, scope: Option<Scope<'_>>) -> Option<DocDiff> {
    let (pa, ka) = align::placed(a);
    let (pb, kb) = align::placed(b);
    let key_of = |ia: Option<usize>, ib: Option<usize>| match (ia, ib) {
        (_, Some(i)) => (&kb[i], pb[i].depth),
        (Some(i), None) => (&ka[i], pa[i].depth),
        _ => unreachable!("an aligned row has at least one side"),
    };
    let mut rows = align::align_sections(&pa, &ka, &pb, &kb);
    if let Some(scope) = &scope {
        if !rows.iter().any(|&(ia, ib, _)| key_of(ia, ib).0 == scope.key) {
            return None;
        }
        rows.retain(|&(ia, ib, _)| scope.holds(key_of(ia, ib).0));
    }
    let section = |interner: &mut norm::Interner, &(ia, ib, moved): &(Option<usize>, Option<usize>, bool)| {
        let sa = ia.map(|i| pa[i].section);
        let sb = ib.map(|i| pb[i].section);
        let rows = align::align_blocks_in(
            sa.map_or(&[][..], |s| &s.blocks),
            sb.map_or(&[][..], |s| &s.blocks),
            &opts.norm,
            interner,
            opts.same_texts,
        );
        let words_added: usize = rows.iter().map(|r| r.words_added).sum();
        let words_removed: usize = rows.iter().map(|r| r.words_removed).sum();
        let words_equal: usize = rows.iter().map(|r| r.words_equal).sum();
        let approximate = rows.iter().any(|r| r.words.as_ref().is_some_and(|w| w.approximate));
        let title_changed = match (sa, sb) {
            (Some(x), Some(y)) => x.title != y.title && !norm::same_normalized(&x.title, &y.title, &opts.norm),
            _ => false,
        };
        let total = 2 * words_equal + words_added + words_removed;
        let similarity = if total == 0 { 1.0 } else { (2 * words_equal) as f64 / total as f64 };
        let status = match (sa, sb) {
            (None, _) => Status::Added,
            (_, None) => Status::Removed,
            _ if moved => Status::Moved,
            _ if title_changed || rows.iter().any(|r| r.status != Status::Same) => Status::Changed,
            _ => Status::Same,
        };
        let (key, depth) = key_of(ia, ib);
        let key = key.clone();
        let title = sb.or(sa).map(|s| s.title.clone()).unwrap_or_default();
        SectionDiff {
            key,
            title_a: sa.filter(|s| sb.is_some_and(|b| b.title != s.title)).map(|s| s.title.clone()),
            title,
            number_a: sa.and_then(|s| s.number.clone()),
            number_b: sb.and_then(|s| s.number.clone()),
            depth,
            status,
            similarity: match status {
                Status::Added | Status::Removed => 0.0,
                _ => similarity,
            },
            words_added,
            words_removed,
            approximate,
            rows,
        }
    };
    // Projects and indicators are aligned over the whole lists (a project may move between
    // sectors) and only then narrowed to the scope.
    let want_projects = scope.as_ref().is_none_or(|s| s.projects || s.indicators);
    let want_indicators = scope.as_ref().is_none_or(|s| s.indicators);
    let items = || {
        let mut projects =
            if want_projects { projects::diff_projects(&a.projects, &b.projects, &opts.norm) } else { Vec::new() };
        let mut indicators =
            if want_indicators { indicators::diff_indicators(a, b, &projects, &opts.norm) } else { Vec::new() };
        if let Some(scope) = &scope {
            projects.retain(|p| scope.keeps_project(p));
            indicators.retain(|i| scope.keeps_indicator(i));
        }
        (projects, indicators)
    };
    // Two halves of the sections by text size: the second half and the projects and indicators
    // on a second thread (a machine has at least two cores; small comparisons stay on one).
    let size = |&(ia, ib, _): &(Option<usize>, Option<usize>, bool)| {
        let len = |s: &Section| s.blocks.iter().map(|b| b.text.len()).sum::<usize>();
        ia.map_or(0, |i| len(pa[i].section)) + ib.map_or(0, |i| len(pb[i].section))
    };
    let total: usize = rows.iter().map(size).sum();
    // One interner per thread, shared by its sections.
    let sections_of = |rows: &[(Option<usize>, Option<usize>, bool)]| {
        let mut interner = norm::Interner::default();
        rows.iter().map(|r| section(&mut interner, r)).collect::<Vec<_>>()
    };
    let (sections, (projects, indicators)) = if !opts.parallel || total < PARALLEL_BYTES {
        (sections_of(&rows), items())
    } else {
        let mut acc = 0;
        let split = rows.iter().position(|r| {
            acc += size(r);
            2 * acc >= total
        });
        let (first, second) = rows.split_at(split.map_or(rows.len(), |i| i + 1));
        std::thread::scope(|sc| {
            let other = sc.spawn(|| (sections_of(second), items()));
            let mut sections: Vec<SectionDiff> = sections_of(first);
            let (rest, items) = other.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
            sections.extend(rest);
            (sections, items)
        })
    };
    let summary = summarize(&sections, &projects, &indicators);
    let approximate = sections.iter().any(|s| s.approximate);
    let regions = [a.meta.region.clone(), b.meta.region.clone()];
    Some(DocDiff { a: a.label(), b: b.label(), regions, sections, projects, indicators, summary, approximate })
}
