//! A comparison report to circulate: Markdown (mail, issue trackers), standalone HTML and DOCX
//! with the changes as Word tracked changes.
//!
//! [`build`] turns a comparison ([`DocDiff`], whose rule decides what counts as changed), the
//! notes placed on it ([`Placement`]) and the reviewed marks into one [`Report`]; the renderers
//! ([`markdown`], [`html`], [`docx`]) only lay it out. [`osc52`] encodes a copy payload for the
//! terminal's clipboard.

pub mod docx;
pub mod html;
pub mod labels;
pub mod markdown;
pub mod osc52;

use crate::compare::words::SpanKind;
use crate::compare::{BlockRow, DocDiff, Status, Summary};
use crate::model::Document;
use crate::notes::anchor::{OrphanReason, PlacedNote};
use crate::notes::{Placement, Progress, progress};
use std::collections::{BTreeMap, BTreeSet};

pub use labels::{Labels, Lang};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Markdown.
    Markdown,
    /// One standalone HTML file.
    Html,
    /// A Word document.
    Docx,
}

/// What a report is made from.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The old document.
    pub a: &'a Document,
    /// The new document.
    pub b: &'a Document,
    /// Their comparison.
    pub diff: &'a DocDiff,
    /// Notes placed on B's side (see [`crate::notes::carry_forward`]).
    pub notes: &'a Placement,
    /// Sections marked reviewed.
    pub reviewed: &'a BTreeSet<String>,
}

/// One document's identity.
#[derive(Debug, Clone, PartialEq)]
pub struct DocInfo {
    /// Region name.
    pub region: String,
    /// Version label.
    pub version: String,
    /// The version's date (ISO), when known.
    pub date: Option<String>,
    /// The approving act, when the text names it.
    pub approval: Option<crate::model::Approval>,
}

/// A note as a report shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteLine {
    /// Author.
    pub author: String,
    /// When written (date part).
    pub date: String,
    /// The remark.
    pub text: String,
    /// The version it was written on, when it was carried from another one.
    pub carried_from: Option<String>,
}

/// A run of a changed paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    /// Equal, deleted or inserted.
    pub kind: SpanKind,
    /// The text.
    pub text: String,
}

/// One paragraph or item of a section in the report.
#[derive(Debug, Clone, PartialEq)]
pub struct RowPart {
    /// Its number, as `strata diff` labels it (`[3]`, `[2>4]`).
    pub label: String,
    /// Its status.
    pub status: Status,
    /// The text with the changed words marked.
    pub spans: Vec<Span>,
    /// Notes on it.
    pub notes: Vec<NoteLine>,
}

/// One section in the report.
#[derive(Debug, Clone, PartialEq)]
pub struct SectionPart {
    /// Canonical key.
    pub key: String,
    /// Printed number (B's, else A's).
    pub number: Option<String>,
    /// Title.
    pub title: String,
    /// A's title when it differs.
    pub title_a: Option<String>,
    /// Its status.
    pub status: Status,
    /// Marked reviewed.
    pub reviewed: bool,
    /// Changed rows and rows with notes, in reading order.
    pub rows: Vec<RowPart>,
    /// Notes on the section as a whole.
    pub notes: Vec<NoteLine>,
}

/// One changed project.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectRow {
    /// Its status.
    pub status: Status,
    /// Name (B's).
    pub name: String,
    /// A's name when renamed.
    pub renamed_from: Option<String>,
    /// Sector key.
    pub sector: String,
    /// Changed fields: name, old value, new value.
    pub fields: Vec<(&'static str, Option<String>, Option<String>)>,
}

/// One changed indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorRow {
    /// Its status.
    pub status: Status,
    /// Project name.
    pub project: String,
    /// Indicator name.
    pub name: String,
    /// A's name when reworded.
    pub renamed_from: Option<String>,
    /// Unit in A and in B.
    pub unit: (Option<String>, Option<String>),
    /// Year -> (A's value, B's value).
    pub values: BTreeMap<String, (Option<f64>, Option<f64>)>,
}

/// An orphaned note with its place in the old document.
#[derive(Debug, Clone, PartialEq)]
pub struct OrphanLine {
    /// The section key it was written on.
    pub section: String,
    /// Its block number there.
    pub block: Option<usize>,
    /// Why it has no place.
    pub reason: OrphanReason,
    /// The note.
    pub note: NoteLine,
}

/// Everything a report says, ready to lay out.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Old and new document.
    pub docs: [DocInfo; 2],
    /// Counts.
    pub summary: Summary,
    /// Reviewed marks.
    pub progress: Progress,
    /// True when part of the diff is coarser than usual.
    pub approximate: bool,
    /// Changed sections, and unchanged ones that carry notes.
    pub sections: Vec<SectionPart>,
    /// Changed projects.
    pub projects: Vec<ProjectRow>,
    /// Changed indicators.
    pub indicators: Vec<IndicatorRow>,
    /// Every year of a changed indicator, sorted (the indicator table's columns).
    pub years: Vec<String>,
    /// Notes with no place in B.
    pub orphaned: Vec<OrphanLine>,
}

fn doc_info(d: &Document) -> DocInfo {
    DocInfo {
        region: d.meta.region.name.clone(),
        version: d.meta.version.label.clone(),
        date: d.meta.version.date.clone(),
        approval: d.meta.approval.clone(),
    }
}

fn note_line(p: &PlacedNote) -> NoteLine {
    NoteLine {
        author: p.note.author.clone(),
        date: p.note.created.get(..10).unwrap_or(&p.note.created).to_string(),
        text: p.note.text.clone(),
        carried_from: p.carried.then(|| p.note.doc.version.clone()),
    }
}

/// The spans of a row: its word diff, or the whole text as inserted, deleted or equal.
pub fn row_spans(row: &BlockRow) -> Vec<Span> {
    if let Some(w) = &row.words {
        return w.spans.iter().map(|s| Span { kind: s.kind, text: s.text.clone() }).collect();
    }
    let (kind, text) = match row.status {
        Status::Removed => (SpanKind::Deleted, row.text_a.as_deref()),
        Status::Added => (SpanKind::Inserted, row.text_b.as_deref()),
        _ => (SpanKind::Equal, row.text_b.as_deref().or(row.text_a.as_deref())),
    };
    vec![Span { kind, text: text.unwrap_or_default().to_string() }]
}

/// Builds the report of a comparison.
pub fn build(input: &Input<'_>) -> Report {
    let d = input.diff;
    let mut sections = Vec::new();
    for s in &d.sections {
        let noted = input.notes.count_in(&s.key) > 0;
        if !s.is_change() && !noted {
            continue;
        }
        let rows = s
            .rows
            .iter()
            .filter_map(|r| {
                let notes: Vec<NoteLine> =
                    r.b.map(|b| input.notes.on_block(&s.key, b).map(note_line).collect()).unwrap_or_default();
                (r.status != Status::Same || !notes.is_empty()).then(|| RowPart {
                    label: crate::compare::render::row_label(r),
                    status: r.status,
                    spans: row_spans(r),
                    notes,
                })
            })
            .collect();
        sections.push(SectionPart {
            key: s.key.clone(),
            number: s.number_b.clone().or(s.number_a.clone()),
            title: s.title.clone(),
            title_a: s.title_a.clone(),
            status: s.status,
            reviewed: input.reviewed.contains(&s.key),
            rows,
            notes: input.notes.on_section(&s.key).map(note_line).collect(),
        });
    }
    let projects = d
        .projects
        .iter()
        .filter(|p| p.status != Status::Same)
        .map(|p| ProjectRow {
            status: p.status,
            name: p.name.clone(),
            renamed_from: p.renamed_from.clone(),
            sector: p.sector.clone(),
            fields: p.fields.iter().map(|f| (f.field, f.a.clone(), f.b.clone())).collect(),
        })
        .collect();
    let indicators: Vec<IndicatorRow> = d
        .indicators
        .iter()
        .filter(|i| i.status != Status::Same)
        .map(|i| IndicatorRow {
            status: i.status,
            project: i.project.clone(),
            name: i.name.clone(),
            renamed_from: i.renamed_from.clone(),
            unit: (i.unit_a.clone(), i.unit_b.clone()),
            values: i.values.iter().map(|(y, v)| (y.clone(), (v.a, v.b))).collect(),
        })
        .collect();
    let years: BTreeSet<String> = indicators.iter().flat_map(|i| i.values.keys().cloned()).collect();
    let orphaned = input
        .notes
        .orphaned
        .iter()
        .map(|o| OrphanLine {
            section: o.note.section.clone(),
            block: o.note.block,
            reason: o.reason,
            note: note_line(&PlacedNote {
                note: o.note.clone(),
                section: o.note.section.clone(),
                block: None,
                carried: o.note.doc != crate::notes::DocRef::of(input.b),
            }),
        })
        .collect();
    Report {
        docs: [doc_info(input.a), doc_info(input.b)],
        summary: d.summary,
        progress: progress(d, input.reviewed),
        approximate: d.approximate,
        sections,
        projects,
        indicators,
        years: years.into_iter().collect(),
        orphaned,
    }
}

/// Renders a report in a format.
pub fn render(report: &Report, format: Format, labels: &Labels) -> Vec<u8> {
    match format {
        Format::Markdown => markdown::render(report, labels).into_bytes(),
        Format::Html => html::render(report, labels).into_bytes(),
        Format::Docx => docx::render(report, labels),
    }
}

/// Document text made safe for a file others will open: control characters that XML forbids and
/// invisible direction overrides are dropped, tabs become spaces, newlines are kept.
pub fn clean(s: &str) -> std::borrow::Cow<'_, str> {
    use crate::text::sanitize::is_unsafe;
    if !s.chars().any(|c| is_unsafe(c) && c != '\n') {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars()
            .filter_map(|c| {
                if c == '\t' {
                    Some(' ')
                } else if c == '\n' || !is_unsafe(c) {
                    Some(c)
                } else {
                    None
                }
            })
            .collect(),
    )
}

/// Escapes document text for XML and HTML content and attribute values (after [`clean`]).
pub fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in clean(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// One year's cell of a changed indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum YearCell {
    /// Neither side has a value.
    Empty,
    /// Both sides agree.
    Same(String),
    /// The value changed, appeared (`old` is `None`) or went (`new` is `None`).
    Changed {
        /// A's value.
        old: Option<String>,
        /// B's value.
        new: Option<String>,
    },
}

/// The cell of an indicator for one year, numbers written as the language writes them.
pub fn year_cell(v: Option<&(Option<f64>, Option<f64>)>, l: &Labels) -> YearCell {
    match v.copied().unwrap_or((None, None)) {
        (None, None) => YearCell::Empty,
        (Some(x), Some(y)) if (x - y).abs() <= 1e-9 => YearCell::Same(l.number(y)),
        (a, b) => YearCell::Changed { old: a.map(|x| l.number(x)), new: b.map(|x| l.number(x)) },
    }
}

/// The unit cell of an indicator: `%`, or `шт. → %` when it changed.
pub fn unit_cell(unit: &(Option<String>, Option<String>)) -> String {
    let t = |u: &Option<String>| u.as_deref().map(str::trim).filter(|u| !u.is_empty()).unwrap_or("—").to_string();
    let (a, b) = (t(&unit.0), t(&unit.1));
    if a == b || a == "—" {
        b
    } else if b == "—" {
        a
    } else {
        format!("{a} → {b}")
    }
}

/// A section heading: number and title.
pub fn heading(s: &SectionPart) -> String {
    match &s.number {
        Some(n) => format!("{n} {}", s.title),
        None => s.title.clone(),
    }
}
