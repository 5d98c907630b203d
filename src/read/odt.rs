//! ODT (OpenDocument text): `content.xml` read with quick-xml. Headings (`text:h` with their
//! outline level), paragraphs, list items by nesting depth, tables with column spans and covered
//! (merged) cells, soft page breaks; tracked changes (deleted text) skipped. List labels are not
//! in ODT's text (styles compute them) and are not rebuilt. No recursion.

use super::xml::{TableBuild, archive, attr, close_table, entry, resolve_ref, syntax};
use super::{Block, Format, Kind, Place, ReadDoc, ReadError};
use quick_xml::Reader;
use quick_xml::events::Event;

const CONTENT: &str = "content.xml";

/// Reads an ODT file's bytes into blocks.
pub fn read(bytes: &[u8]) -> Result<ReadDoc, ReadError> {
    let mut zip = archive(bytes, crate::i18n::tr(crate::i18n::Msg::FormatOdt))?;
    let xml = entry(&mut zip, CONTENT)?
        .ok_or_else(|| ReadError::new(crate::i18n::trf(crate::i18n::Msg::OdtNoContent, &[&CONTENT])))?;
    let mut r = Reader::from_str(&xml);
    let mut blocks = Vec::new();
    // (kind, text) of open text:p / text:h elements, innermost last.
    let mut paras: Vec<(Kind, String)> = Vec::new();
    let mut tables: Vec<TableBuild> = Vec::new();
    let mut lists = 0u8;
    let mut skip = 0usize;
    let mut page = 1u32;
    let mut para_no = 0u32;
    let mut breaks = false;
    // Columns still covered by the previous cell's span (covered cells that are not row merges).
    let mut span_left = 0u16;
    loop {
        let ev = r.read_event().map_err(|e| syntax(CONTENT, r.error_position(), e))?;
        let (e, empty) = match &ev {
            Event::Start(e) => (Some(e), false),
            Event::Empty(e) => (Some(e), true),
            _ => (None, false),
        };
        if let Some(e) = e {
            let name = e.name();
            let n = name.as_ref();
            if skip > 0 || n == "text:tracked-changes" || n == "office:annotation" {
                if !empty {
                    skip += 1;
                }
                continue;
            }
            match n {
                "text:p" | "text:h" if !empty => {
                    let kind = if n == "text:h" {
                        Kind::Heading(attr(e, "text:outline-level").and_then(|v| v.parse().ok()).unwrap_or(1))
                    } else if lists > 0 {
                        Kind::ListItem(lists - 1)
                    } else {
                        Kind::Paragraph
                    };
                    paras.push((kind, String::new()));
                }
                "text:list" if !empty => lists = lists.saturating_add(1),
                "table:table" if !empty => tables.push(TableBuild::default()),
                "table:table-row" => {
                    if let Some(t) = tables.last_mut() {
                        t.start_row();
                        span_left = 0;
                        if empty {
                            t.end_row();
                        }
                    }
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    let Some(t) = tables.last_mut() else { continue };
                    if n == "table:covered-table-cell" && span_left > 0 {
                        span_left -= 1;
                        continue;
                    }
                    let span: u16 =
                        attr(e, "table:number-columns-spanned").and_then(|v| v.parse().ok()).unwrap_or(1).max(1);
                    span_left = span - 1;
                    t.start_cell(span, n == "table:covered-table-cell");
                    if empty {
                        t.end_cell();
                    }
                }
                "text:s" => {
                    if let Some(p) = paras.last_mut() {
                        let c: usize = attr(e, "text:c").and_then(|v| v.parse().ok()).unwrap_or(1);
                        p.1.push_str(&" ".repeat(c.min(100)));
                    }
                }
                "text:tab" | "text:line-break" => {
                    if let Some(p) = paras.last_mut() {
                        p.1.push(if n == "text:tab" { ' ' } else { '\n' });
                    }
                }
                "text:soft-page-break" if tables.is_empty() => {
                    blocks.push(Block::new(Kind::PageBreak, "", Place { page, line: para_no }));
                    page += 1;
                    breaks = true;
                }
                _ => {}
            }
            continue;
        }
        match ev {
            Event::Text(t) if skip == 0 => {
                if let Some(p) = paras.last_mut() {
                    p.1.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(g) if skip == 0 => {
                if let (Some(p), Some(c)) = (paras.last_mut(), resolve_ref(&g)) {
                    p.1.push(c);
                }
            }
            Event::End(e) => {
                let name = e.name();
                let n = name.as_ref();
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                match n {
                    "text:p" | "text:h" => {
                        let Some((kind, text)) = paras.pop() else { continue };
                        para_no += 1;
                        match tables.last_mut() {
                            Some(t) if t.in_cell() => t.push_para(text),
                            _ if text.trim().is_empty() => {}
                            _ => {
                                let kind = if paras.is_empty() { kind } else { Kind::Paragraph };
                                blocks.push(Block::new(kind, text, Place { page, line: para_no }));
                            }
                        }
                    }
                    "text:list" => lists = lists.saturating_sub(1),
                    "table:table-cell" | "table:covered-table-cell" => {
                        if let Some(t) = tables.last_mut() {
                            t.end_cell()
                        }
                    }
                    "table:table-row" => {
                        if let Some(t) = tables.last_mut() {
                            t.end_row()
                        }
                    }
                    "table:table" => close_table(&mut tables, &mut blocks, Place { page, line: para_no }),
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(ReadDoc {
        format: Format::Odt,
        reader: "odt (built in)".into(),
        blocks,
        warnings: Vec::new(),
        pages: breaks.then_some(page),
    })
}
