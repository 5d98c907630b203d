//! The normalized strategy model, schema version 1.
//!
//! This is the contract between `strata normalize` and everything that reads its output (the TUI,
//! `strata search`, `strata diff`, users' scripts). Field names listed here never change within a
//! schema version; new fields may be added beside them.
//!
//! ```text
//! Document {
//!   schema: 1,
//!   meta: {
//!     region: { name: "Ивановская область", key: "ivanovo" },
//!     title: "Стратегия в области цифровой трансформации ...",
//!     approval: { authority, act_type, date: "2021-08-20", number: "87-рп" } | null,
//!     period: { from: 2022, to: 2024 } | null,
//!     version: { label: "2021-08-20", date: "2021-08-20" | null, illustrative: false, note },
//!     coordinator: "Министерство ..." | null,
//!   },
//!   source: { file, sha256, format: "lines" | "flat", encoding, bytes, pages,
//!             quality: { grade: "A".."D", score: 0..100, warnings: [{ code, message, line?, offset? }] } },
//!   sectors: [{ key: "healthcare", name: "Здравоохранение" }],   // document order
//!   sections: [Section],                                       // document tree, in order
//!   projects: [Project], indicators: [Indicator],
//!   glossary: { "ЕГИСЗ": "..." }, legal_basis: ["..."], card: [{ label, value }],
//! }
//! Section { key, number, title, blocks: [{ kind: "paragraph" | "item", text }], children: [Section],
//!           line? (1-based, line-broken input), offset? (byte, flat input) }
//! Project { id: "<sector>/<number>", sector, number, name, recommended_federal,
//!           goal, period, funding, description, technologies, region_role,   // projects table
//!           tasks, beneficiaries, benefits,                                  // linkage table
//!           raw, confidence: 0..1 }                                          // null where not recovered
//! Indicator { sector, project, project_id, responsible, name, unit,
//!             values: { "2022": 10.0, "2023": 50.0 }, raw, confidence: 0..1 }
//! ```
//!
//! Warning codes in `source.quality.warnings` include: `lost_glyph` (a glyph the extraction dropped,
//! usually `%`), `cell_split` (a table row whose cells could not all be separated), `count_mismatch`
//! (the linkage/projects/indicators tables list different numbers of projects for a sector),
//! `no_approval`, `no_region`, `missing_section`, `truncated`, `ocr_damage` (an OCR-damaged span),
//! `punct_stripped`, `stopwords_stripped`, `single_digits_dropped`, `decimal_lost?`,
//! `value_missing?`, `negation_lost?`, `name_uncertain`, `encoding`, `period_inferred`. Each has a
//! `line` or `offset` where the text gives one.
//!
//! Section keys are canonical (see [`keys`]): the same part of the federal template has the same key
//! in every region whatever its printed number, e.g. `problems.healthcare`.

pub mod keys;
pub mod region;
pub mod sector;
pub mod shared;

pub use shared::Str;

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// The schema version written by this build of strata.
pub const SCHEMA_VERSION: u32 = 1;

/// One normalized strategy document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Schema version, always [`SCHEMA_VERSION`] for documents written by this build.
    pub schema: u32,
    /// What the document is: region, title, approving act, period, version.
    pub meta: Meta,
    /// Where the document came from and how trustworthy its text is.
    pub source: Source,
    /// Sectors ("отрасли") in document order.
    #[serde(default)]
    pub sectors: Vec<SectorRef>,
    /// The document tree in order.
    #[serde(default)]
    pub sections: Vec<Section>,
    /// One entry per project row of the projects section.
    #[serde(default)]
    pub projects: Vec<Project>,
    /// One entry per indicator row of the indicators section.
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    /// Abbreviation -> definition, where the document has a glossary.
    #[serde(default)]
    pub glossary: BTreeMap<String, String>,
    /// The legal-basis list ("Основания разработки"), one act per entry.
    #[serde(default)]
    pub legal_basis: Vec<String>,
    /// The strategy card ("Карточка стратегии") as label/value pairs.
    #[serde(default)]
    pub card: Vec<CardField>,
}

/// Document metadata.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// The region the strategy belongs to.
    pub region: Region,
    /// The strategy's title as printed.
    pub title: String,
    /// The act that approved the strategy, or `None` when the text has none.
    pub approval: Option<Approval>,
    /// The implementation period.
    pub period: Option<Period>,
    /// Tells versions of one region's strategy apart.
    pub version: Version,
    /// The body that coordinates the strategy, when stated.
    #[serde(default)]
    pub coordinator: Option<String>,
}

/// A Russian federal subject.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Region {
    /// Nominative name, e.g. "Ивановская область".
    pub name: String,
    /// Stable ASCII key, e.g. "ivanovo".
    pub key: String,
}

/// The approving act.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Approval {
    /// Who issued the act, e.g. "Правительство Ивановской области".
    pub authority: String,
    /// Kind of act: "распоряжение", "постановление", "протокол", "указ".
    pub act_type: String,
    /// ISO date `YYYY-MM-DD`, when readable.
    pub date: Option<String>,
    /// The act's number as printed, e.g. "87-рп".
    pub number: Option<String>,
}

/// Implementation period in years, inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    /// First year.
    pub from: u16,
    /// Last year.
    pub to: u16,
}

/// Version label of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Version {
    /// Human label, e.g. "2021-08-20" or "2022-08-26 (illustrative revision)".
    pub label: String,
    /// ISO date of this version (usually the approval date).
    pub date: Option<String>,
    /// True for derived, non-official documents such as the scripted sample revision.
    #[serde(default)]
    pub illustrative: bool,
    /// Free-text note on the version's origin.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Version {
    /// The label the normalizer stores for a document with no date (shown in the interface's
    /// language by [`crate::i18n::version_label`]).
    pub const UNDATED: &'static str = "undated";
}

/// Where the text came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// File name of the raw text (no directories).
    pub file: String,
    /// SHA-256 of the raw bytes, lower-case hex.
    pub sha256: String,
    /// Raw text form.
    pub format: SourceFormat,
    /// Input encoding: "utf-8" or "windows-1251".
    #[serde(default = "default_encoding")]
    pub encoding: String,
    /// Size of the raw input in bytes.
    #[serde(default)]
    pub bytes: usize,
    /// Pages recognised from page numbers, when any.
    #[serde(default)]
    pub pages: Option<u32>,
    /// Quality grade and warnings.
    pub quality: Quality,
}

fn default_encoding() -> String {
    "utf-8".into()
}

/// The two raw text forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    /// Line-broken text from a PDF.
    Lines,
    /// One line, punctuation and stopwords stripped.
    Flat,
}

/// How far the normalized text can be trusted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quality {
    /// "A" (clean) to "D" (heavily damaged).
    pub grade: String,
    /// 0..=100, higher is better.
    pub score: u8,
    /// Everything the normalizer noticed, in document order.
    pub warnings: Vec<Warning>,
}

/// One quality finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// Stable reason code, e.g. `lost_glyph`, `ocr_damage`, `count_mismatch`, `no_approval`.
    pub code: String,
    /// Readable explanation.
    pub message: String,
    /// 1-based line in the raw text (line-broken input).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// Byte offset in the raw text (single-line input).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<usize>,
    /// The project row it concerns ([`Project::id`]), when it concerns one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
}

/// A sector as it appears in the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectorRef {
    /// Canonical sector key (see [`sector`]).
    pub key: String,
    /// Name as printed in the document.
    pub name: String,
}

/// A node of the document tree.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// Canonical key, e.g. `problems.healthcare` (see [`keys`]).
    pub key: String,
    /// Number as printed, e.g. "4.2", when there is one.
    #[serde(default)]
    pub number: Option<String>,
    /// Title as printed.
    pub title: String,
    /// Body text: paragraphs and list items, re-flowed.
    #[serde(default)]
    pub blocks: Vec<Block>,
    /// Sub-sections in order.
    #[serde(default)]
    pub children: Vec<Section>,
    /// 1-based first line (line-broken input) of the section heading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// Byte offset (single-line input) of the section heading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<usize>,
}

/// A paragraph or list item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// Paragraph or list item.
    pub kind: BlockKind,
    /// The re-flowed text (shared with equal texts of other loaded documents).
    pub text: Str,
}

/// Kinds of body block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    /// Running prose.
    Paragraph,
    /// A list item (numbered or bulleted).
    Item,
}

/// One project row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Project {
    /// Document-unique id, `<sector>/<number>`.
    pub id: String,
    /// Canonical sector key.
    pub sector: String,
    /// Row number within its sector, as printed (or counted when the text lost it).
    pub number: Option<u32>,
    /// Project name, without the "(рекомендовано ФОИВ)" mark.
    pub name: String,
    /// The "(рекомендовано ФОИВ)" mark: a federal template project.
    pub recommended_federal: bool,
    /// Project goal.
    #[serde(default)]
    pub goal: Option<String>,
    /// Implementation term as printed, e.g. "До 2030 года".
    #[serde(default)]
    pub period: Option<String>,
    /// Funding as printed.
    #[serde(default)]
    pub funding: Option<String>,
    /// Short description.
    #[serde(default)]
    pub description: Option<String>,
    /// End-to-end technologies used.
    #[serde(default)]
    pub technologies: Option<String>,
    /// The region's role.
    #[serde(default)]
    pub region_role: Option<String>,
    /// Sector tasks the project serves (linkage table).
    #[serde(default)]
    pub tasks: Option<String>,
    /// Beneficiaries (linkage table).
    #[serde(default)]
    pub beneficiaries: Option<String>,
    /// Benefits for the beneficiaries (linkage table).
    #[serde(default)]
    pub benefits: Option<String>,
    /// The whole row's text as recovered, for search and diff.
    pub raw: Str,
    /// 0..=1: how sure the normalizer is of the cell split.
    pub confidence: f64,
}

/// One indicator row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    /// Canonical sector key.
    pub sector: String,
    /// The project's name, as printed in the indicators table.
    pub project: String,
    /// The matching [`Project::id`], when the project was found.
    #[serde(default)]
    pub project_id: Option<String>,
    /// Responsible executive body ("Ответственный РОИВ").
    #[serde(default)]
    pub responsible: Option<String>,
    /// Indicator name.
    pub name: Str,
    /// Unit of measure ("%" when the glyph was lost and inferred).
    #[serde(default)]
    pub unit: Option<String>,
    /// Year -> value.
    #[serde(default)]
    pub values: BTreeMap<u16, f64>,
    /// The whole row's text as recovered.
    pub raw: Str,
    /// 0..=1: how sure the normalizer is of the parse.
    pub confidence: f64,
}

/// One label/value pair of the strategy card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardField {
    /// Label as printed, e.g. "Срок реализации".
    pub label: String,
    /// Value text.
    pub value: String,
}

/// Visits `sections` and all their descendants depth-first in document order (pre-order), with an
/// explicit stack rather than recursion, so nesting depth costs heap, never call stack. `visit`
/// gets each section's path (child indices from the top level; depth is `path.len() - 1`) and
/// returns whether to descend into its children.
pub fn visit_sections<'a>(sections: &'a [Section], mut visit: impl FnMut(&[usize], &'a Section) -> bool) {
    let mut path = Vec::new();
    let mut stack = vec![sections.iter().enumerate()];
    while let Some(level) = stack.last_mut() {
        let Some((i, s)) = level.next() else {
            stack.pop();
            continue;
        };
        path.truncate(stack.len() - 1);
        path.push(i);
        if visit(&path, s) && !s.children.is_empty() {
            stack.push(s.children.iter().enumerate());
        }
    }
}

impl Document {
    /// Depth-first iterator over all sections with their depth (0 for top level).
    pub fn walk(&self) -> impl Iterator<Item = (usize, &Section)> {
        let mut stack: Vec<(usize, &Section)> = self.sections.iter().rev().map(|s| (0, s)).collect();
        std::iter::from_fn(move || {
            let (depth, s) = stack.pop()?;
            stack.extend(s.children.iter().rev().map(|c| (depth + 1, c)));
            Some((depth, s))
        })
    }

    /// The section each quality warning falls in, parallel to `source.quality.warnings`: the last
    /// section in document order whose heading starts at or before the warning's line (or byte
    /// offset); for a warning with no place but a project row, the projects section of the
    /// project's sector. `None` for a warning with neither, or one before the first heading.
    pub fn warning_sections(&self) -> Vec<Option<&Section>> {
        let mut by_line: Vec<(usize, &Section)> = self.walk().filter_map(|(_, s)| Some((s.line?, s))).collect();
        let mut by_off: Vec<(usize, &Section)> = self.walk().filter_map(|(_, s)| Some((s.offset?, s))).collect();
        // Stable: among headings at one place the later (deeper) one wins.
        by_line.sort_by_key(|(p, _)| *p);
        by_off.sort_by_key(|(p, _)| *p);
        // A project's sector, and each sector's projects section (looked up once, not per warning).
        let sector_of: HashMap<&str, &str> = self.projects.iter().map(|p| (p.id.as_str(), p.sector.as_str())).collect();
        let tables: HashMap<&str, &Section> =
            self.walk().filter_map(|(_, s)| Some((s.key.strip_prefix("projects.")?, s))).collect();
        fn find<'a>(starts: &[(usize, &'a Section)], at: usize) -> Option<&'a Section> {
            let n = starts.partition_point(|(p, _)| *p <= at);
            n.checked_sub(1).map(|i| starts[i].1)
        }
        self.source
            .quality
            .warnings
            .iter()
            .map(|w| match (w.line, w.offset) {
                (Some(l), _) => find(&by_line, l),
                (None, Some(o)) => find(&by_off, o),
                (None, None) => w.project.as_deref().and_then(|id| tables.get(sector_of.get(id)?).copied()),
            })
            .collect()
    }

    /// The quality warnings about each project row ([`Warning::project`]), by project id, in
    /// document order.
    pub fn project_warnings(&self) -> HashMap<&str, Vec<&Warning>> {
        let mut out: HashMap<&str, Vec<&Warning>> = Default::default();
        for w in &self.source.quality.warnings {
            if let Some(id) = w.project.as_deref() {
                out.entry(id).or_default().push(w);
            }
        }
        out
    }

    /// The quality warnings that fall in the section with this key (see
    /// [`Document::warning_sections`]), in document order.
    pub fn warnings_in(&self, key: &str) -> Vec<&Warning> {
        let places = self.warning_sections();
        self.source
            .quality
            .warnings
            .iter()
            .zip(places)
            .filter(|(_, s)| s.is_some_and(|s| s.key == key))
            .map(|(w, _)| w)
            .collect()
    }

    /// Finds a section by canonical key anywhere in the tree.
    pub fn section(&self, key: &str) -> Option<&Section> {
        self.walk().map(|(_, s)| s).find(|s| s.key == key)
    }

    /// Projects of one sector, in document order.
    pub fn projects_of<'a>(&'a self, sector: &'a str) -> impl Iterator<Item = &'a Project> + 'a {
        self.projects.iter().filter(move |p| p.sector == sector)
    }

    /// Indicators of one sector, in document order.
    pub fn indicators_of<'a>(&'a self, sector: &'a str) -> impl Iterator<Item = &'a Indicator> + 'a {
        self.indicators.iter().filter(move |i| i.sector == sector)
    }

    /// A short label naming this document: region name and version label.
    pub fn label(&self) -> String {
        format!("{} @ {}", self.meta.region.name, self.meta.version.label)
    }
}

impl Section {
    /// All body text of this section (not its children), blocks joined by newlines.
    pub fn text(&self) -> String {
        self.blocks.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n")
    }
}
