//! Parser for line-broken text extracted from PDFs (the `lines` raw form).
//!
//! Steps: [`pages`] removes the page furniture (page numbers found as a forward chain, column-number
//! rows, the table of contents) and keeps a clean line stream with page-break marks; [`outline`]
//! finds the template headings and sector headings; [`reflow`] turns lines into paragraphs and list
//! items; [`tables`] cuts the sectored tables into rows and recovers projects and indicators;
//! [`fields`] reads the card, the legal basis and the glossary. Nothing here names a region or a
//! file: every rule follows the federal template's wording, numbering and table headers.

pub mod fields;
pub mod outline;
pub mod pages;
pub mod reflow;
pub mod tables;
pub mod widths;

use super::Parsed;
use crate::model::{Block, Section, Warning};
use outline::{Head, Level};
use pages::Ln;
use reflow::Vocab;

/// Parses line-broken strategy text.
pub fn parse(text: &str) -> Parsed {
    let cleaned = pages::clean(text);
    let lines = &cleaned.lines;
    let vocab = Vocab::new(lines);
    let out = outline::outline(lines);
    let mut parsed = Parsed { pages: cleaned.pages, ..Default::default() };
    parsed.sectors = out.sectors.iter().map(|(s, _)| s.clone()).collect();
    for l in lines.iter().filter(|l| l.glyph) {
        parsed.warnings.push(warn("lost_glyph", "a character was lost here (usually «%» or a bullet)", l.no));
    }
    let heads = &out.heads;
    // Body ranges: from a heading's body to the next heading.
    let body = |k: usize| -> &[Ln] {
        let end = heads.get(k + 1).map(|h| h.idx).unwrap_or(lines.len());
        &lines[heads[k].body.min(end)..end]
    };
    let mut tables = tables::Tables::default();
    let mut sections: Vec<Section> = Vec::new();
    if let Some(first) = heads.first()
        && first.idx > 0
    {
        let pre = &lines[..first.idx];
        sections.push(Section {
            key: "preamble".into(),
            number: None,
            title: preamble_title(pre),
            blocks: reflow::blocks(pre, &vocab),
            children: Vec::new(),
            line: Some(pre[0].no),
            offset: None,
        });
    }
    for (k, h) in heads.iter().enumerate() {
        let b = body(k);
        let blocks = section_blocks(h, b, &vocab, &mut tables);
        let node = Section {
            key: h.key.clone(),
            number: h.number.clone(),
            title: h.title.clone(),
            blocks,
            children: Vec::new(),
            line: Some(lines[h.idx].no),
            offset: None,
        };
        match h.level {
            Level::Top => sections.push(node),
            Level::Sub => match sections.last_mut() {
                Some(parent) if parent.key != "preamble" => parent.children.push(node),
                _ => sections.push(node),
            },
        }
    }
    for h in heads {
        match h.key.as_str() {
            "basics.grounds" => {
                parsed.legal_basis = fields::legal_basis(&find(&sections, "basics.grounds"));
            }
            "card" => {
                let k = heads.iter().position(|x| std::ptr::eq(x, h)).unwrap_or(0);
                parsed.card = fields::card(body(k), &vocab);
            }
            "glossary" => {
                let k = heads.iter().position(|x| std::ptr::eq(x, h)).unwrap_or(0);
                parsed.glossary = fields::glossary(body(k), &vocab);
            }
            _ => {}
        }
    }
    let rows = tables.finish(&mut parsed, &vocab);
    super::blocks::fill_rows(&mut sections, &rows);
    check_template(&sections, heads, &cleaned, &mut parsed.warnings);
    parsed.sections = sections;
    parsed
}

fn find(sections: &[Section], key: &str) -> Section {
    // The first match in document order.
    let mut found = None;
    crate::model::visit_sections(sections, |_, s| {
        if found.is_none() && s.key == key {
            found = Some(s);
        }
        found.is_none()
    });
    found.cloned().unwrap_or_else(|| Section { key: key.into(), ..Default::default() })
}

/// The title of the cover part: the act's name when there is one («РАСПОРЯЖЕНИЕ»), else its first line.
fn preamble_title(pre: &[Ln]) -> String {
    const ACTS: &[&str] = &["распоряжение", "постановление", "протокол", "указ", "приказ", "утверждена", "утверждено"];
    pre.iter()
        .map(|l| l.text.trim())
        .find(|t| ACTS.contains(&crate::text::fold::fold(t).as_str()))
        .or_else(|| pre.iter().map(|l| l.text.trim()).find(|t| !t.is_empty()))
        .unwrap_or("")
        .to_string()
}

/// Blocks of one section body: table rows for the sectored tables, re-flowed text otherwise.
fn section_blocks<'a>(h: &Head, b: &[Ln<'a>], vocab: &Vocab, tables: &mut tables::Tables<'a>) -> Vec<Block> {
    let table = h.key.split('.').next().filter(|t| ["linkage", "projects", "indicators"].contains(t));
    match (table, &h.sector) {
        (Some(t), Some(sector)) => {
            // Filled with the table's rows once the tables are reconciled.
            tables.add(t, sector, h, b);
            Vec::new()
        }
        (Some(t), None) => {
            // The table's own header before the first sector heading.
            tables.header(t, b);
            if b.first().is_some_and(|l| l.text.starts_with('№')) { Vec::new() } else { reflow::blocks(b, vocab) }
        }
        _ => reflow::blocks(b, vocab),
    }
}

/// Warnings for template sections the text lacks and for a text that stops mid-section.
fn check_template(sections: &[Section], heads: &[Head], cleaned: &pages::Cleaned, warnings: &mut Vec<Warning>) {
    let lines = &cleaned.lines;
    let found: Vec<&str> = heads.iter().map(|h| h.key.as_str()).collect();
    let at = |i: usize| lines.get(i).map(|l| l.no).unwrap_or(1);
    for part in crate::model::keys::TOP_LEVEL.iter().filter(|p| !["glossary", "appendices"].contains(&p.key)) {
        if !found.contains(&part.key) {
            warnings.push(warn(
                "missing_section",
                &format!("the template section «{}» is not in the text", part.title),
                1,
            ));
        }
    }
    for (parent, sub) in crate::model::keys::SUB_PARTS {
        if found.contains(parent) && !found.contains(&sub.key) {
            let line = heads.iter().find(|h| h.key == *parent).map(|h| at(h.idx)).unwrap_or(1);
            warnings.push(warn(
                "missing_section",
                &format!("the template part «{}» is not in the text", sub.title),
                line,
            ));
        }
    }
    // A text that stops inside the body (not in a closing glossary or appendix) mid-sentence or on
    // a nearly empty last page.
    let closing = sections.last().is_none_or(|s| ["preamble", "glossary", "appendices"].contains(&s.key.as_str()));
    if let Some(last) = lines.iter().rev().find(|l| !l.glyph)
        && !closing
        && (!last.text.trim_end().ends_with(['.', '!', '?', '»', ')', ':', ';']) || cleaned.short_last_page())
    {
        let why = if cleaned.short_last_page() { "on a nearly empty last page" } else { "in mid-sentence" };
        let msg = format!(
            "the text stops inside «{}» {why}: the file may be cut short",
            heads.last().map_or("", |h| h.title.as_str())
        );
        warnings.push(warn("truncated", &msg, last.no));
    }
}

/// A warning at a 1-based raw line.
pub fn warn(code: &str, message: &str, line: usize) -> Warning {
    Warning { code: code.into(), message: message.into(), line: Some(line), offset: None, project: None }
}
