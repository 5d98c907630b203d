//! Across regions: which federal projects each region adopted ([`matrix`]), indicator targets side
//! by side ([`indicators`]), one section of several regions at once and the federal template's
//! wording against each region's own ([`sections`]).
//!
//! Names are aligned by meaning with the rule of [`names`]. Columns are regions: [`columns`] picks
//! each region's newest official version from a set of documents.

pub mod cluster;
pub mod indicators;
pub mod matrix;
pub mod names;
pub mod render;
pub mod sections;

use crate::model::Document;

/// Whether a region diff of `a` and `b` ignores punctuation unless told otherwise: when either is
/// flattened text (punctuation and stopwords stripped), whose missing punctuation would show as
/// changes on every line.
pub fn ignore_punct_by_default(a: &Document, b: &Document) -> bool {
    use crate::model::SourceFormat::Flat;
    a.source.format == Flat || b.source.format == Flat
}

/// The date a version is ordered by: its own date, else the approval's, else none.
fn version_date(d: &Document) -> Option<&str> {
    d.meta.version.date.as_deref().or_else(|| d.meta.approval.as_ref().and_then(|a| a.date.as_deref()))
}

/// One document per region, in first-seen region order: the region's newest official version
/// (official before illustrative, then the latest date, then the latest label). A region with
/// only illustrative versions (a synthetic corpus) gets its newest illustrative one.
pub fn columns<'a>(docs: &[&'a Document]) -> Vec<&'a Document> {
    let mut out: Vec<&'a Document> = Vec::new();
    for &d in docs {
        match out.iter_mut().find(|o| o.meta.region.key == d.meta.region.key) {
            Some(o) => {
                let rank = |x: &Document| (!x.meta.version.illustrative, version_date(x).map(str::to_string));
                let (rd, ro) = (rank(d), rank(o));
                if rd > ro || (rd == ro && d.meta.version.label > o.meta.version.label) {
                    *o = d;
                }
            }
            None => out.push(d),
        }
    }
    out
}
