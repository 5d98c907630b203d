//! Output for the command line: plain-text rendering of document outlines, sections and quality
//! reports, terminal-safe JSON ([`json`]) and the one writer to stdout and stderr ([`term`]),
//! which sanitises everything it writes. Document text is also sanitised field by field where
//! it is formatted (see [`crate::text::sanitize`]), so a newline inside a title cannot break a
//! line format.

pub mod json;
pub mod term;

use crate::i18n::{Msg, Noun, act, count, tr, trf};
use crate::model::{BlockKind, Document, Section};
use crate::text::sanitize::sanitize;
use std::fmt::Write;

/// The quality grade and warnings as a readable table.
pub fn report(file: &str, doc: &Document) -> String {
    let q = &doc.source.quality;
    let mut out = String::new();
    let (sectors, projects, indicators, warnings) = (
        count(doc.sectors.len(), Noun::Sector),
        count(doc.projects.len(), Noun::Project),
        count(doc.indicators.len(), Noun::Indicator),
        count(q.warnings.len(), Noun::Warning),
    );
    let region = (sanitize(&doc.meta.region.name), sanitize(&doc.meta.region.key));
    let line = trf(
        Msg::QualityReport,
        &[&file, &region.0, &region.1, &sanitize(&q.grade), &q.score, &sectors, &projects, &indicators, &warnings],
    );
    let _ = writeln!(out, "{line}");
    if !q.warnings.is_empty() {
        let [code, place, message] = [Msg::ColCode, Msg::ColWhere, Msg::ColMessage].map(tr);
        let _ = writeln!(out, "  {code:<18} {place:<12} {message}");
        for w in &q.warnings {
            let place = match (w.line, w.offset) {
                (Some(l), _) => trf(Msg::AtLine, &[&l]),
                (None, Some(o)) => trf(Msg::AtByte, &[&o]),
                _ => "-".into(),
            };
            let _ = writeln!(
                out,
                "  {:<18} {:<12} {}",
                sanitize(&w.code),
                place,
                sanitize(&crate::i18n::warnings::message(w))
            );
        }
    }
    out
}

/// A document's header and outline.
pub fn document_text(doc: &Document) -> String {
    let mut out = String::new();
    let m = &doc.meta;
    let _ = writeln!(out, "{}", sanitize(&m.title));
    // Labels padded to one width, so that the values line up in either language.
    let labels = [Msg::ShowRegion, Msg::ShowApproval, Msg::ShowPeriod, Msg::ShowVersion, Msg::ShowQuality].map(tr);
    let w = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0) + 1;
    let [region, approval, period, version, quality] = labels.map(|l| format!("{:<w$}", format!("{l}:")));
    let _ = writeln!(out, "{region} {} ({})", sanitize(&m.region.name), sanitize(&m.region.key));
    match &m.approval {
        Some(a) => {
            let acted = act(&a.act_type, a.date.as_deref(), a.number.as_deref());
            let _ = writeln!(out, "{approval} {} {}", sanitize(&a.authority), sanitize(&acted));
        }
        None => {
            let _ = writeln!(out, "{approval} {}", tr(Msg::NoAct));
        }
    }
    if let Some(p) = m.period {
        let _ = writeln!(out, "{period} {}-{}", p.from, p.to);
    }
    let _ = writeln!(out, "{version} {}", crate::i18n::version_label(&m.version));
    let _ = writeln!(out, "{quality} {} ({})", sanitize(&doc.source.quality.grade), doc.source.quality.score);
    let _ = writeln!(out);
    for (depth, s) in doc.walk() {
        let _ = writeln!(
            out,
            "{}{:<28} {} {}",
            "  ".repeat(depth),
            sanitize(&s.key),
            sanitize(s.number.as_deref().unwrap_or("")),
            sanitize(&s.title)
        );
    }
    out
}

/// One section's title and body text (not its children).
pub fn section_text(_doc: &Document, s: &Section) -> String {
    let mut out = String::new();
    let _ =
        writeln!(out, "{} {} [{}]", sanitize(s.number.as_deref().unwrap_or("")), sanitize(&s.title), sanitize(&s.key));
    let _ = writeln!(out);
    for b in &s.blocks {
        match b.kind {
            BlockKind::Paragraph => {
                let _ = writeln!(out, "{}\n", sanitize(&b.text));
            }
            BlockKind::Item => {
                let _ = writeln!(out, "  • {}", sanitize(&b.text));
            }
        }
    }
    out
}
