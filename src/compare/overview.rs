//! Region-against-all overview: which documents differ most from a chosen one in a chosen section.
//!
//! Built for hundreds of documents in well under a second: each document's section is reduced once
//! to a multiset of hashed word bigrams (folded, stopwords removed, so case, ё and punctuation do
//! not count), and documents are ranked by the Dice similarity of those multisets. This is a
//! screening measure; the exact word diff of any pair is one step away (`strata diff --section`).

use crate::model::Document;
use crate::text::fold::words;
use serde::Serialize;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

/// One document's standing against the chosen one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OverviewRow {
    /// Index of the document in the slice given to [`overview`].
    pub index: usize,
    /// 0..=1: 1 for the same words in the same order, 0 for nothing in common or no section.
    pub similarity: f64,
    /// Words in this document's section (0 when it has no such section).
    pub words: usize,
    /// Whether the document has the section (or, for a sector key, rows of that sector) at all.
    pub present: bool,
}

/// All words under a section key: the section and its children, and for `projects.SECTOR` and
/// `indicators.SECTOR` keys also that sector's project and indicator rows.
pub fn section_words(doc: &Document, key: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(s) = doc.section(key) {
        let mut stack = vec![s];
        while let Some(s) = stack.pop() {
            out.extend(words(&s.title));
            for b in &s.blocks {
                out.extend(words(&b.text));
            }
            stack.extend(s.children.iter().rev());
        }
    }
    if let Some(sector) = key.strip_prefix("projects.") {
        for p in doc.projects_of(sector) {
            out.extend(words(&p.raw));
        }
    }
    if let Some(sector) = key.strip_prefix("indicators.") {
        for i in doc.indicators_of(sector) {
            out.extend(words(&i.raw));
        }
    }
    out
}

/// Whether the document has anything under `key` (see [`section_words`]).
pub fn has_section(doc: &Document, key: &str) -> bool {
    doc.section(key).is_some()
        || key.strip_prefix("projects.").is_some_and(|s| doc.projects_of(s).next().is_some())
        || key.strip_prefix("indicators.").is_some_and(|s| doc.indicators_of(s).next().is_some())
}

/// A multiset of hashed word bigrams, with its total count.
#[derive(Debug, Clone, Default)]
struct Bag {
    counts: HashMap<u64, u32>,
    total: u32,
}

impl Bag {
    fn of(ws: &[String]) -> Bag {
        let mut bag = Bag { counts: HashMap::with_capacity(ws.len()), total: 0 };
        let mut add = |a: &str, b: &str| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            (a, b).hash(&mut h);
            *bag.counts.entry(h.finish()).or_default() += 1;
            bag.total += 1;
        };
        match ws {
            [] => {}
            [one] => add(one, ""),
            _ => ws.windows(2).for_each(|w| add(&w[0], &w[1])),
        }
        bag
    }

    /// Dice coefficient of the two multisets; two empty bags are equal.
    fn dice(&self, other: &Bag) -> f64 {
        if self.total + other.total == 0 {
            return 1.0;
        }
        let (small, large) = if self.counts.len() <= other.counts.len() { (self, other) } else { (other, self) };
        let common: u32 = small.counts.iter().map(|(k, &n)| n.min(large.counts.get(k).copied().unwrap_or(0))).sum();
        2.0 * common as f64 / (self.total + other.total) as f64
    }
}

/// Ranks every document but `base` by how much its section `key` differs from `base`'s, most
/// different first: documents without the section, then by rising similarity (ties by index).
/// `progress(done, total)` is called after each document.
pub fn overview(
    docs: &[&Document],
    base: usize,
    key: &str,
    mut progress: impl FnMut(usize, usize),
) -> Vec<OverviewRow> {
    let reference = Bag::of(&section_words(docs[base], key));
    let mut rows = Vec::with_capacity(docs.len().saturating_sub(1));
    for (i, d) in docs.iter().enumerate() {
        if i != base {
            let present = has_section(d, key);
            let ws = if present { section_words(d, key) } else { Vec::new() };
            let similarity = if present { reference.dice(&Bag::of(&ws)) } else { 0.0 };
            rows.push(OverviewRow { index: i, similarity, words: ws.len(), present });
        }
        progress(i + 1, docs.len());
    }
    rows.sort_by(|a, b| {
        a.present.cmp(&b.present).then(a.similarity.total_cmp(&b.similarity)).then(a.index.cmp(&b.index))
    });
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, BlockKind, Section};

    fn doc(region: &str, version: &str, sections: Vec<(&str, &str)>) -> Document {
        let mut d = std::sync::Arc::unwrap_or_clone(crate::load::load_bundled().docs.remove(0).doc);
        d.meta.region.key = region.into();
        d.meta.version.label = version.into();
        d.projects.clear();
        d.indicators.clear();
        d.sections = sections
            .into_iter()
            .map(|(key, text)| Section {
                key: key.into(),
                blocks: vec![Block { kind: BlockKind::Paragraph, text: text.into() }],
                ..Default::default()
            })
            .collect();
        d
    }

    const GOALS: &str = "Повышение доступности государственных услуг в электронном виде для жителей \
        области, развитие инфраструктуры связи в малых населённых пунктах и подготовка кадров";

    #[test]
    fn own_revision_is_most_similar_and_missing_section_ranks_as_absent() {
        let base = doc("ivanovo", "2021", vec![("goals", GOALS)]);
        let rev = doc("ivanovo", "2022", vec![("goals", &GOALS.replace("малых", "отдалённых"))]);
        let other = doc(
            "tver",
            "2021",
            vec![("goals", "Цифровизация здравоохранения: телемедицина и электронные медицинские карты")],
        );
        let missing = doc("kaliningrad", "2021", vec![("problems", GOALS)]);
        let docs = [&base, &other, &missing, &rev];
        let mut calls = Vec::new();
        let rows = overview(&docs, 0, "goals", |d, t| calls.push((d, t)));
        assert_eq!(calls.last(), Some(&(4, 4)));
        assert_eq!(rows.len(), 3);
        // Most different first: the absent section, then the other region, then the revision.
        assert_eq!(rows.iter().map(|r| r.index).collect::<Vec<_>>(), vec![2, 1, 3]);
        assert!(!rows[0].present);
        assert_eq!((rows[0].similarity, rows[0].words), (0.0, 0));
        assert!(rows[1].present && rows[1].similarity < 0.2, "{rows:?}");
        assert!(rows[2].similarity > 0.8 && rows[2].similarity < 1.0, "{rows:?}");
    }

    #[test]
    fn case_yo_and_punctuation_do_not_count() {
        let base = doc("a", "1", vec![("goals", GOALS)]);
        let same = doc("b", "1", vec![("goals", &GOALS.to_uppercase().replace(',', ";").replace('ё', "е"))]);
        let rows = overview(&[&base, &same], 0, "goals", |_, _| {});
        assert_eq!(rows[0].similarity, 1.0);
        assert_eq!(rows[0].words, section_words(&base, "goals").len());
    }

    #[test]
    fn word_order_matters_through_bigrams() {
        let base = doc("a", "1", vec![("goals", "связь кадры услуги медицина транспорт образование")]);
        let shuffled = doc("b", "1", vec![("goals", "образование медицина кадры транспорт связь услуги")]);
        let rows = overview(&[&base, &shuffled], 0, "goals", |_, _| {});
        assert!(rows[0].similarity < 0.3, "{rows:?}");
    }
}
