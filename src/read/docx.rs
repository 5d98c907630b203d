//! DOCX (Word 2007+): `word/document.xml` read with quick-xml. Paragraphs keep their style; heading
//! levels come from the style's name or outline level; automatic numbering (`numbering.xml`) is
//! rendered into the text as Word prints it ("1.2."); tables are real tables with `w:gridSpan` and
//! `w:vMerge` merges; tracked deletions (`w:del`) and fallback copies (`mc:Fallback`) are skipped.
//! No recursion: nesting is an explicit stack.

use super::xml::{TableBuild, archive, attr, close_table, entry, resolve_ref, syntax};
use super::{Block, Format, Kind, Place, ReadDoc, ReadError};
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;

const DOCUMENT: &str = "word/document.xml";

/// Reads a DOCX file's bytes into blocks.
pub fn read(bytes: &[u8]) -> Result<ReadDoc, ReadError> {
    let mut zip = archive(bytes, crate::i18n::tr(crate::i18n::Msg::FormatWordDocument))?;
    let doc = entry(&mut zip, DOCUMENT)?
        .ok_or_else(|| ReadError::new(crate::i18n::trf(crate::i18n::Msg::DocxNoDocument, &[&DOCUMENT])))?;
    let styles = entry(&mut zip, "word/styles.xml")?.map(|s| Styles::parse(&s)).transpose()?.unwrap_or_default();
    let numbering =
        entry(&mut zip, "word/numbering.xml")?.map(|s| Numbering::parse(&s)).transpose()?.unwrap_or_default();
    let (blocks, pages) = body(&doc, &styles, numbering)?;
    Ok(ReadDoc { format: Format::Docx, reader: "docx (built in)".into(), blocks, warnings: Vec::new(), pages })
}

/// One paragraph style.
#[derive(Debug, Clone, Default)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    num: Option<(String, u8)>,
}

/// Paragraph styles by id.
#[derive(Debug, Default)]
struct Styles(HashMap<String, Style>);

impl Styles {
    fn parse(xml: &str) -> Result<Styles, ReadError> {
        let mut r = Reader::from_str(xml);
        let mut out = HashMap::new();
        let mut cur: Option<(String, Style)> = None;
        loop {
            let ev = r.read_event().map_err(|e| syntax("word/styles.xml", r.error_position(), e))?;
            match &ev {
                Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                    "w:style" => {
                        let paragraph = attr(e, "w:type").is_none_or(|t| t == "paragraph");
                        cur = attr(e, "w:styleId").filter(|_| paragraph).map(|id| (id, Style::default()));
                        if matches!(ev, Event::Empty(_)) {
                            cur = None;
                        }
                    }
                    "w:name" => set(&mut cur, |s| s.name = attr(e, "w:val").unwrap_or_default()),
                    "w:basedOn" => set(&mut cur, |s| s.based_on = attr(e, "w:val")),
                    "w:outlineLvl" => set(&mut cur, |s| s.outline = attr(e, "w:val").and_then(|v| v.parse().ok())),
                    "w:numId" => set(&mut cur, |s| {
                        let lvl = s.num.as_ref().map_or(0, |n| n.1);
                        s.num = attr(e, "w:val").map(|v| (v, lvl));
                    }),
                    "w:ilvl" => set(&mut cur, |s| {
                        let l = attr(e, "w:val").and_then(|v| v.parse().ok()).unwrap_or(0);
                        s.num = Some((s.num.take().map(|n| n.0).unwrap_or_default(), l));
                    }),
                    _ => {}
                },
                Event::End(e) if e.name().as_ref() == "w:style" => {
                    if let Some((id, s)) = cur.take() {
                        out.insert(id, s);
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(Styles(out))
    }

    /// The style and the styles it is based on, nearest first (cycles and chains over 20 cut).
    fn chain(&self, id: &str) -> Vec<&Style> {
        let mut out = Vec::new();
        let mut next = Some(id.to_string());
        while let Some(id) = next.take() {
            let Some(s) = self.0.get(&id) else { break };
            out.push(s);
            if out.len() >= 20 {
                break;
            }
            next = s.based_on.clone();
        }
        out
    }

    /// Heading level of a style: "heading N"/"Заголовок N" in the name, else its outline level.
    fn heading(&self, id: &str) -> Option<u8> {
        let chain = self.chain(id);
        for s in &chain {
            let name = s.name.to_lowercase();
            for prefix in ["heading ", "заголовок "] {
                if let Some(n) = name.strip_prefix(prefix).and_then(|n| n.trim().parse::<u8>().ok()) {
                    return Some(n.clamp(1, 9));
                }
            }
            if name == "title" || name == "название" {
                return Some(1);
            }
        }
        chain.iter().find_map(|s| s.outline).filter(|&o| o < 9).map(|o| o + 1)
    }

    fn numbering(&self, id: &str) -> Option<(String, u8)> {
        self.chain(id).iter().find_map(|s| s.num.clone()).filter(|n| !n.0.is_empty())
    }

    fn name(&self, id: &str) -> Option<String> {
        self.0.get(id).map(|s| s.name.clone()).filter(|n| !n.is_empty())
    }
}

fn set(cur: &mut Option<(String, Style)>, f: impl FnOnce(&mut Style)) {
    if let Some((_, s)) = cur {
        f(s);
    }
}

/// One numbering level: start, format and label template ("%1.%2.").
#[derive(Debug, Clone)]
struct Level {
    start: u32,
    fmt: String,
    text: String,
}

/// Automatic numbering: levels per abstract numbering, and the counters as the body is read.
#[derive(Debug, Default)]
struct Numbering {
    abstracts: HashMap<String, Vec<Option<Level>>>,
    /// numId -> (abstractNumId, start overrides per level).
    nums: HashMap<String, (String, Vec<(u8, u32)>)>,
    counters: HashMap<String, [u32; 9]>,
    started: std::collections::HashSet<String>,
}

impl Numbering {
    fn parse(xml: &str) -> Result<Numbering, ReadError> {
        let mut r = Reader::from_str(xml);
        let mut n = Numbering::default();
        let mut abs: Option<String> = None;
        let mut lvl: Option<(usize, Level)> = None;
        let mut num: Option<String> = None;
        let mut override_lvl: Option<u8> = None;
        loop {
            let ev = r.read_event().map_err(|e| syntax("word/numbering.xml", r.error_position(), e))?;
            match &ev {
                Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                    "w:abstractNum" => abs = attr(e, "w:abstractNumId"),
                    "w:lvl" if num.is_none() => {
                        let i = attr(e, "w:ilvl").and_then(|v| v.parse().ok()).unwrap_or(0usize).min(8);
                        lvl = Some((i, Level { start: 1, fmt: "decimal".into(), text: String::new() }));
                    }
                    "w:start" => {
                        if let Some((_, l)) = &mut lvl {
                            l.start = attr(e, "w:val").and_then(|v| v.parse().ok()).unwrap_or(1);
                        }
                    }
                    "w:numFmt" => {
                        if let Some((_, l)) = &mut lvl {
                            l.fmt = attr(e, "w:val").unwrap_or_default();
                        }
                    }
                    "w:lvlText" => {
                        if let Some((_, l)) = &mut lvl {
                            l.text = attr(e, "w:val").unwrap_or_default();
                        }
                    }
                    "w:num" => num = attr(e, "w:numId"),
                    "w:abstractNumId" => {
                        if let (Some(id), Some(a)) = (&num, attr(e, "w:val")) {
                            n.nums.insert(id.clone(), (a, Vec::new()));
                        }
                    }
                    "w:lvlOverride" => override_lvl = attr(e, "w:ilvl").and_then(|v| v.parse().ok()),
                    "w:startOverride" => {
                        if let (Some(id), Some(l), Some(v)) =
                            (&num, override_lvl, attr(e, "w:val").and_then(|v| v.parse().ok()))
                            && let Some(entry) = n.nums.get_mut(id)
                        {
                            entry.1.push((l, v));
                        }
                    }
                    _ => {}
                },
                Event::End(e) => match e.name().as_ref() {
                    "w:lvl" => {
                        if let (Some(a), Some((i, l))) = (&abs, lvl.take()) {
                            let levels = n.abstracts.entry(a.clone()).or_default();
                            if levels.len() <= i {
                                levels.resize(i + 1, None);
                            }
                            levels[i] = Some(l);
                        }
                    }
                    "w:abstractNum" => abs = None,
                    "w:num" => num = None,
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(n)
    }

    /// Advances the counter of (`num_id`, `ilvl`) and returns the label as printed, e.g. "1.2.".
    fn label(&mut self, num_id: &str, ilvl: u8) -> Option<String> {
        let (abs, overrides) = self.nums.get(num_id)?.clone();
        let levels = self.abstracts.get(&abs)?.clone();
        let il = (ilvl as usize).min(8);
        let level = levels.get(il)?.clone()?;
        // Counters are shared by lists of one abstract numbering, unless a list restarts itself.
        let key = if overrides.is_empty() { abs.clone() } else { format!("num:{num_id}") };
        let start_of = |i: usize| -> u32 {
            overrides
                .iter()
                .find(|o| o.0 as usize == i)
                .map(|o| o.1)
                .or_else(|| levels.get(i).and_then(|l| l.as_ref()).map(|l| l.start))
                .unwrap_or(1)
        };
        let fresh = self.started.insert(key.clone());
        let c = self.counters.entry(key).or_insert([0; 9]);
        if fresh {
            for (i, v) in c.iter_mut().enumerate() {
                *v = start_of(i).saturating_sub(1);
            }
        }
        c[il] = if c[il] < start_of(il).saturating_sub(1) { start_of(il) } else { c[il] + 1 };
        for (i, v) in c.iter_mut().enumerate().skip(il + 1) {
            *v = start_of(i).saturating_sub(1);
        }
        let counts = *c;
        if level.fmt == "bullet" {
            return Some("•".into());
        }
        if level.fmt == "none" {
            return Some(level.text.clone()).filter(|t| !t.contains('%'));
        }
        let mut out = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(ch) = chars.next() {
            match (ch, chars.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(d)) if (1..=9).contains(&d) => {
                    chars.next();
                    let i = d as usize - 1;
                    let fmt = levels.get(i).and_then(|l| l.as_ref()).map_or("decimal", |l| l.fmt.as_str());
                    out.push_str(&format_number(counts[i].max(1), fmt));
                }
                _ => out.push(ch),
            }
        }
        Some(out)
    }
}

/// A counter in a Word number format.
fn format_number(n: u32, fmt: &str) -> String {
    const RU: &[char] = &[
        'а', 'б', 'в', 'г', 'д', 'е', 'ж', 'з', 'и', 'к', 'л', 'м', 'н', 'о', 'п', 'р', 'с', 'т', 'у', 'ф', 'х', 'ц',
        'ч', 'ш', 'щ', 'э', 'ю', 'я',
    ];
    let letters = |alphabet: &[char]| {
        let len = alphabet.len() as u32;
        let c = alphabet[((n - 1) % len) as usize];
        c.to_string().repeat(((n - 1) / len + 1) as usize)
    };
    let latin: Vec<char> = ('a'..='z').collect();
    match fmt {
        "lowerLetter" => letters(&latin),
        "upperLetter" => letters(&latin).to_uppercase(),
        "russianLower" => letters(RU),
        "russianUpper" => letters(RU).to_uppercase(),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "decimalZero" if n < 10 => format!("0{n}"),
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    const R: &[(u32, &str)] = &[
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for &(v, r) in R {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// A paragraph being read.
#[derive(Debug, Default)]
struct Para {
    style: Option<String>,
    num: Option<String>,
    ilvl: Option<u8>,
    outline: Option<u8>,
    text: String,
    break_after: bool,
    break_before: bool,
}

/// Reads the body into blocks; returns them and the page count when Word recorded page breaks.
fn body(xml: &str, styles: &Styles, mut numbering: Numbering) -> Result<(Vec<Block>, Option<u32>), ReadError> {
    let mut r = Reader::from_str(xml);
    let mut blocks: Vec<Block> = Vec::new();
    let mut paras: Vec<Para> = Vec::new();
    let mut tables: Vec<TableBuild> = Vec::new();
    let mut skip = 0usize; // inside w:del / mc:Fallback / w:instrText
    let mut in_run = 0usize;
    let mut in_ppr = 0usize;
    let mut page = 1u32;
    let mut para_no = 0u32;
    let mut breaks = 0u32;
    loop {
        let ev = r.read_event().map_err(|e| syntax(DOCUMENT, r.error_position(), e))?;
        match ev {
            Event::Start(e) => {
                let name = e.name();
                let n = name.as_ref();
                if skip > 0 || matches!(n, "w:del" | "mc:Fallback" | "w:instrText" | "w:delText") {
                    skip += 1;
                    continue;
                }
                match n {
                    "w:p" => paras.push(Para::default()),
                    "w:pPr" => in_ppr += 1,
                    "w:r" => in_run += 1,
                    "w:tbl" => tables.push(TableBuild::default()),
                    "w:tr" => {
                        if let Some(t) = tables.last_mut() {
                            t.start_row()
                        }
                    }
                    "w:tc" => {
                        if let Some(t) = tables.last_mut() {
                            t.start_cell(1, false)
                        }
                    }
                    _ => {}
                }
                empty(&e, &mut paras, &mut tables, in_run > 0, in_ppr > 0, &mut breaks);
            }
            Event::Empty(e) => {
                if skip > 0 {
                    continue;
                }
                empty(&e, &mut paras, &mut tables, in_run > 0, in_ppr > 0, &mut breaks);
            }
            Event::Text(t) if skip == 0 && in_run > 0 => {
                if let Some(p) = paras.last_mut() {
                    p.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(g) if skip == 0 && in_run > 0 => {
                if let (Some(p), Some(c)) = (paras.last_mut(), resolve_ref(&g)) {
                    p.text.push(c);
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
                    "w:pPr" => in_ppr = in_ppr.saturating_sub(1),
                    "w:r" => in_run = in_run.saturating_sub(1),
                    "w:p" => {
                        let Some(p) = paras.pop() else { continue };
                        para_no += 1;
                        if p.break_before && tables.is_empty() {
                            blocks.push(Block::new(Kind::PageBreak, "", Place { page, line: para_no }));
                            page += 1;
                        }
                        let place = Place { page, line: para_no };
                        let (kind, text) = paragraph(&p, styles, &mut numbering, tables.is_empty());
                        match tables.last_mut() {
                            Some(t) if t.in_cell() => t.push_para(text),
                            _ if text.trim().is_empty() && p.num.is_none() => {}
                            _ => {
                                let mut b = Block::new(kind, text, place);
                                b.style = p.style.as_deref().and_then(|s| styles.name(s));
                                blocks.push(b);
                            }
                        }
                        if p.break_after && tables.is_empty() {
                            blocks.push(Block::new(Kind::PageBreak, "", Place { page, line: para_no }));
                            page += 1;
                        }
                    }
                    "w:tc" => {
                        if let Some(t) = tables.last_mut() {
                            t.end_cell()
                        }
                    }
                    "w:tr" => {
                        if let Some(t) = tables.last_mut() {
                            t.end_row()
                        }
                    }
                    "w:tbl" => close_table(&mut tables, &mut blocks, Place { page, line: para_no }),
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok((blocks, (breaks > 0).then_some(page)))
}

/// Handles an empty element: properties, tabs, breaks and merges.
fn empty(e: &BytesStart, paras: &mut [Para], tables: &mut [TableBuild], in_run: bool, in_ppr: bool, breaks: &mut u32) {
    let val = || attr(e, "w:val");
    let p = paras.last_mut();
    match e.name().as_ref() {
        "w:pStyle" => {
            if let Some(p) = p {
                p.style = val()
            }
        }
        "w:numId" if in_ppr => {
            if let Some(p) = p {
                p.num = val()
            }
        }
        "w:ilvl" if in_ppr => {
            if let Some(p) = p {
                p.ilvl = val().and_then(|v| v.parse().ok())
            }
        }
        "w:outlineLvl" if in_ppr => {
            if let Some(p) = p {
                p.outline = val().and_then(|v| v.parse().ok())
            }
        }
        "w:pageBreakBefore" if in_ppr && val().is_none_or(|v| v != "0" && v != "false") => {
            if let Some(p) = p {
                p.break_before = true;
                *breaks += 1;
            }
        }
        "w:tab" if in_run => {
            if let Some(p) = p {
                p.text.push('\t')
            }
        }
        "w:br" | "w:cr" if in_run => {
            if let Some(p) = p {
                if attr(e, "w:type").as_deref() == Some("page") {
                    p.break_after = true;
                    *breaks += 1;
                } else {
                    p.text.push('\n');
                }
            }
        }
        "w:lastRenderedPageBreak" => {
            // Word's record of where its layout broke the page: before the paragraph when nothing
            // of it came yet, else counted from its end.
            if let Some(p) = p {
                if p.text.trim().is_empty() {
                    p.break_before = true
                } else {
                    p.break_after = true
                }
                *breaks += 1;
            }
        }
        "w:gridSpan" => {
            if let Some(t) = tables.last_mut() {
                t.set_span(val().and_then(|v| v.parse().ok()).unwrap_or(1))
            }
        }
        "w:vMerge" if val().is_none_or(|v| v != "restart") => {
            if let Some(t) = tables.last_mut() {
                t.set_merged_up()
            }
        }
        _ => {}
    }
}

/// The kind and text of a finished paragraph; numbering labels are rendered into the text.
fn paragraph(p: &Para, styles: &Styles, numbering: &mut Numbering, top: bool) -> (Kind, String) {
    let style = p.style.as_deref().unwrap_or("Normal");
    let (num, ilvl) = match (&p.num, styles.numbering(style)) {
        (Some(n), _) => (Some(n.clone()), p.ilvl.unwrap_or(0)),
        (None, Some((n, l))) => (Some(n), p.ilvl.unwrap_or(l)),
        (None, None) => (None, 0),
    };
    let label = num.filter(|n| n != "0").and_then(|n| numbering.label(&n, ilvl));
    let body = p.text.replace('\t', " ");
    let text = match &label {
        Some(l) if !l.is_empty() => format!("{l} {}", body.trim_start()),
        _ => body,
    };
    let heading = p.outline.filter(|&o| o < 9).map(|o| o + 1).or_else(|| styles.heading(style));
    let kind = match (heading, &label) {
        (Some(h), _) if top => Kind::Heading(h),
        (_, Some(_)) => Kind::ListItem(ilvl),
        _ => Kind::Paragraph,
    };
    (kind, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_labels_follow_levels_and_formats() {
        let xml = r#"<w:numbering xmlns:w="x">
          <w:abstractNum w:abstractNumId="0">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>
          </w:abstractNum>
          <w:abstractNum w:abstractNumId="1">
            <w:lvl w:ilvl="0"><w:numFmt w:val="russianLower"/><w:lvlText w:val="%1)"/></w:lvl>
          </w:abstractNum>
          <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
          <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
        </w:numbering>"#;
        let mut n = Numbering::parse(xml).unwrap();
        let labels: Vec<String> = [("1", 0), ("1", 1), ("1", 1), ("1", 0), ("1", 1), ("2", 0), ("2", 0)]
            .iter()
            .map(|(id, l)| n.label(id, *l).unwrap())
            .collect();
        assert_eq!(labels, ["1.", "1.1.", "1.2.", "2.", "2.1.", "а)", "б)"]);
        assert_eq!(roman(2024), "MMXXIV");
    }
}
