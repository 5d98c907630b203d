//! A deterministic synthetic corpus for scale tests and benchmarks: every federal subject in
//! several versions, derived from real documents.
//!
//! Each region gets a base document (the real samples taken in turn) and then revisions: text
//! reworded, paragraphs added and removed, indicator values changed, projects added and dropped,
//! so that search and diff have real work to do. The same seed always gives the same corpus.
//! Documents are marked `illustrative`: they are test material, not official texts.

use crate::model::region::REGIONS;
use crate::model::{Block, BlockKind, Document, Region, Section, Version};

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// Seed of the pseudo-random generator.
    pub seed: u64,
    /// Number of regions (at most the number of federal subjects).
    pub regions: usize,
    /// Versions per region (the first is the unmodified base).
    pub versions: usize,
}

impl Default for Spec {
    fn default() -> Self {
        Spec { seed: 1, regions: 85, versions: 3 }
    }
}

/// A small, fast, seedable generator (SplitMix64); enough for test data, not for cryptography.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

/// Generates the corpus from `bases` (at least one document), calling `progress(done, total)`
/// after each document.
pub fn generate(bases: &[Document], spec: Spec, mut progress: impl FnMut(usize, usize)) -> Vec<Document> {
    assert!(!bases.is_empty(), "a corpus needs at least one base document");
    let regions = spec.regions.min(REGIONS.len());
    let total = regions * spec.versions;
    let mut rng = Rng::new(spec.seed);
    let mut out = Vec::with_capacity(total);
    for (r, def) in REGIONS.iter().take(regions).enumerate() {
        let mut doc = bases[r % bases.len()].clone();
        doc.meta.region = Region { name: def.name.to_string(), key: def.key.to_string() };
        doc.meta.title = format!("Стратегия в области цифровой трансформации: {}", def.name);
        doc.meta.approval = None;
        for v in 0..spec.versions {
            if v > 0 {
                revise(&mut doc, bases, &mut rng);
            }
            let date = format!("{}-{:02}-{:02}", 2021 + v, 1 + rng.below(12), 1 + rng.below(28));
            doc.meta.version = Version {
                label: date.clone(),
                date: Some(date),
                illustrative: true,
                note: Some(format!("synthetic corpus, seed {}, derived from {}", spec.seed, doc.source.file)),
            };
            out.push(doc.clone());
            progress(out.len(), total);
        }
    }
    out
}

/// File name for a generated document: `<region key>-v<version index>.json`.
pub fn file_name(doc: &Document, index: usize) -> String {
    format!("{}-v{}.json", doc.meta.region.key, index + 1)
}

/// One revision: rewording, paragraphs added/dropped, indicator values, projects.
fn revise(doc: &mut Document, bases: &[Document], rng: &mut Rng) {
    let vocabulary: Vec<String> = bases[rng.below(bases.len())]
        .walk()
        .flat_map(|(_, s)| s.blocks.iter())
        .take(400)
        .flat_map(|b| b.text.split_whitespace().map(str::to_string))
        .collect();
    let donor = &bases[rng.below(bases.len())];
    for s in doc.sections.iter_mut() {
        revise_section(s, donor, &vocabulary, rng);
    }
    for ind in doc.indicators.iter_mut() {
        if rng.chance(0.3) {
            for v in ind.values.values_mut() {
                if rng.chance(0.5) {
                    let factor = 1.0 + (rng.below(51) as f64 - 25.0) / 100.0;
                    *v = (*v * factor * 100.0).round() / 100.0;
                }
            }
        }
    }
    if !doc.projects.is_empty() && rng.chance(0.6) {
        let gone = doc.projects.remove(rng.below(doc.projects.len()));
        doc.indicators.retain(|i| i.project_id.as_deref() != Some(gone.id.as_str()));
    }
    if rng.chance(0.6) && !donor.projects.is_empty() {
        let mut p = donor.projects[rng.below(donor.projects.len())].clone();
        if doc.sectors.iter().any(|s| s.key == p.sector) {
            let n = doc.projects.iter().filter(|q| q.sector == p.sector).count() as u32 + 1;
            p.number = Some(n);
            p.id = format!("{}/{}", p.sector, n + 100);
            if !doc.projects.iter().any(|q| q.id == p.id) {
                doc.projects.push(p);
            }
        }
    }
}

/// Revises `top` and its descendants in document order (pre-order), with an explicit stack.
fn revise_section(top: &mut Section, donor: &Document, vocabulary: &[String], rng: &mut Rng) {
    let mut stack = vec![top];
    while let Some(s) = stack.pop() {
        revise_one(s, donor, vocabulary, rng);
        stack.extend(s.children.iter_mut().rev());
    }
}

/// Revises one section's own blocks (not its children).
fn revise_one(s: &mut Section, donor: &Document, vocabulary: &[String], rng: &mut Rng) {
    for b in s.blocks.iter_mut() {
        if rng.chance(0.15) && !vocabulary.is_empty() {
            b.text = reword(&b.text, vocabulary, rng).into();
        }
    }
    if s.blocks.len() > 2 && rng.chance(0.05) {
        s.blocks.remove(rng.below(s.blocks.len()));
    }
    if rng.chance(0.05) {
        let extra = donor.section(&s.key).and_then(|d| d.blocks.get(rng.below(d.blocks.len().max(1)))).cloned();
        let at = rng.below(s.blocks.len() + 1);
        s.blocks.insert(
            at,
            extra.unwrap_or(Block {
                kind: BlockKind::Paragraph,
                text: "Дополнительно предусмотрено развитие региональных цифровых сервисов.".into(),
            }),
        );
    }
}

/// Replaces, drops, inserts or swaps a few words.
fn reword(text: &str, vocabulary: &[String], rng: &mut Rng) -> String {
    let mut words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
    for _ in 0..1 + rng.below(3) {
        if words.is_empty() {
            break;
        }
        let i = rng.below(words.len());
        match rng.below(4) {
            0 => words[i] = vocabulary[rng.below(vocabulary.len())].clone(),
            1 if words.len() > 3 => {
                words.remove(i);
            }
            2 => words.insert(i, vocabulary[rng.below(vocabulary.len())].clone()),
            _ if i + 1 < words.len() => words.swap(i, i + 1),
            _ => {}
        }
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    fn base() -> Document {
        let para = |t: &str| Block { kind: BlockKind::Paragraph, text: t.into() };
        Document {
            schema: 1,
            meta: Meta {
                region: Region { name: "Тестовая область".into(), key: "test".into() },
                title: "t".into(),
                approval: None,
                period: None,
                version: Version { label: "v".into(), date: None, illustrative: false, note: None },
                coordinator: None,
            },
            source: Source {
                file: "t.txt".into(),
                sha256: String::new(),
                format: SourceFormat::Lines,
                encoding: "utf-8".into(),
                bytes: 0,
                pages: None,
                quality: Quality { grade: "A".into(), score: 100, warnings: vec![] },
            },
            sectors: vec![SectorRef { key: "healthcare".into(), name: "Здравоохранение".into() }],
            sections: vec![Section {
                key: "problems".into(),
                number: Some("4".into()),
                title: "Проблемы".into(),
                blocks: (0..40)
                    .map(|i| para(&format!("Абзац номер {i} о цифровой трансформации здравоохранения региона")))
                    .collect(),
                children: vec![],
                line: None,
                offset: None,
            }],
            projects: vec![],
            indicators: vec![],
            glossary: Default::default(),
            legal_basis: vec![],
            card: vec![],
        }
    }

    #[test]
    fn same_seed_same_corpus_and_versions_differ() {
        let spec = Spec { seed: 7, regions: 4, versions: 3 };
        let a = generate(&[base()], spec, |_, _| {});
        let b = generate(&[base()], spec, |_, _| {});
        assert_eq!(a, b);
        assert_eq!(a.len(), 12);
        let keys: std::collections::BTreeSet<_> = a.iter().map(|d| d.meta.region.key.clone()).collect();
        assert_eq!(keys.len(), 4);
        assert_ne!(a[0].sections, a[2].sections, "revisions change the text");
        assert!(a.iter().all(|d| d.meta.version.illustrative));
        let c = generate(&[base()], Spec { seed: 8, ..spec }, |_, _| {});
        assert_ne!(a, c);
    }
}
