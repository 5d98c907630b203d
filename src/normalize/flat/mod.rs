//! Parser for flattened strategy text: one line, punctuation and lowercase stopwords stripped,
//! lone single digits dropped, possibly led by badly OCR'd text (a commission protocol).
//!
//! Nothing here knows a region or a file. The parser works on tokens with byte offsets
//! ([`tokens`]) and follows the federal template: «Раздел `<title>`» marks (listed twice when there
//! is a table of contents), the approval stamp that ends a preamble, the monotone chain of page
//! numbers, «Перечень проблем ...» per sector, «N `<sector>`» groups in the three tables, and the
//! «рекомендовано ФОИ» marks of federal projects ([`outline`], [`rows`]). Damage is measured, not
//! assumed ([`damage`]). [`flatten`] turns line-broken text into this form, for robustness tests.

pub mod blocks;
pub mod card;
pub mod damage;
pub mod decimals;
pub mod outline;
pub mod rows;
pub mod tables;
pub mod tokens;

use super::Parsed;
use crate::model::{Block, BlockKind, Section, SectorRef, Warning, keys};
use outline::{Heading, text_of};
use tokens::{Tok, tokenize};

/// Words an approval-less preamble must have before the strategy to count as one.
const MIN_PREAMBLE_WORDS: usize = 30;

/// Parses flattened strategy text.
pub fn parse(text: &str) -> Parsed {
    let mut keys = String::new();
    let toks = tokenize(text, &mut keys);
    let mut mask = vec![false; toks.len()];
    let mut warnings: Vec<Warning> = Vec::new();
    let marks = outline::raw_section_marks(&toks);
    let (body_start, toc_start) = outline::body_and_toc(&toks, &marks);
    let pre_end = outline::preamble_end(&toks, toc_start.unwrap_or(body_start), MIN_PREAMBLE_WORDS);

    let chain = tokens::page_chain(&toks, body_start);
    mask_pages(&toks, &mut mask, &chain);
    let first_page = chain.first().and_then(|&i| toks[i].num());
    let pages = chain.last().and_then(|&i| toks[i].num()).map(|p| p as u32);

    let heads = outline::top_headings(&toks, &mask, &marks, body_start);
    let mut sections = Vec::new();
    if let Some(pe) = pre_end {
        sections.push(Section {
            key: "preamble".into(),
            number: None,
            title: text_of(&toks, &mask, 0, 8.min(pe)),
            blocks: blocks::blocks(&toks, &mask, 0, pe, &[]),
            children: Vec::new(),
            line: None,
            offset: Some(toks[0].off),
        });
    }
    let mut sectors: Vec<outline::SectorHead> = Vec::new();
    let mut card_fields = Vec::new();
    let mut legal_basis = Vec::new();
    let ends: Vec<usize> = heads.iter().skip(1).map(|h| h.start).chain([toks.len()]).collect();
    if let Some(p) = heads.iter().zip(&ends).find(|(h, _)| h.key == "problems") {
        sectors = outline::problem_sectors(&toks, &mask, p.0.body, *p.1, outline::order("problems") + 1);
    }
    // Tables: sector groups, learnt headers masked, then rows.
    let mut tables: Vec<rows::Table> = Vec::new();
    for (h, &end) in heads.iter().zip(&ends) {
        if !matches!(h.key.as_str(), "linkage" | "projects" | "indicators") {
            continue;
        }
        let groups = outline::table_groups(&toks, &mask, h.body, end, &sectors);
        let (mut header_from, mut header_end) = (h.body, groups.first().map(|g| g.1).unwrap_or(h.body));
        // The header may stand under each sector heading instead of above the first one.
        if h.key == "indicators"
            && year_run_end(&toks, &mask, header_from, header_end).is_none()
            && let Some(&(_, _, _, name_end)) = groups.first()
            && let Some(e) = year_run_end(&toks, &mask, name_end, (name_end + 80).min(end))
        {
            (header_from, header_end) = (name_end, e);
        }
        let header: Vec<String> =
            (header_from..header_end).filter(|&i| !mask[i]).map(|i| toks[i].key.to_string()).collect();
        let header_text = text_of(&toks, &mask, header_from, header_end);
        let mask_from = if header_from == h.body { header_end } else { header_from };
        mask_headers(&toks, &mut mask, &header, mask_from, end);
        let gs: Vec<rows::GroupAt> = groups
            .iter()
            .enumerate()
            .map(|(n, &(si, start, name, name_end))| rows::GroupAt {
                sector: sectors[si].key.clone(),
                title: text_of(&toks, &mask, name, name_end),
                number: if name > start { toks[start].text.to_string() } else { (si + 1).to_string() },
                start,
                group: tables::Group {
                    sector: sectors[si].key.clone(),
                    body: name_end,
                    end: groups.get(n + 1).map(|g| g.1).unwrap_or(end),
                },
            })
            .collect();
        tables.push(rows::Table { key: h.key.clone(), header: header_text, groups: gs });
    }
    let found = rows::parse_tables(&toks, &mask, &tables);
    warnings.extend(found.warnings);

    for (n, h) in heads.iter().enumerate() {
        let end = ends[n];
        let mut sec = heading_section(&toks, h);
        // The blocks of the section's own text, where its parts leave some before the first;
        // `None`: the whole section is its own text (cut only once it is known not to be parted).
        let mut own: Option<Vec<Block>> = None;
        match h.key.as_str() {
            "basics" | "priorities" | "resources" => {
                let subs = outline::sub_headings(&toks, &mask, &h.key, h.body, end);
                let sub_ends: Vec<usize> = subs.iter().skip(1).map(|s| s.start).chain([end]).collect();
                if let Some(first) = subs.first() {
                    own = Some(blocks::blocks(&toks, &mask, h.body, first.start, &[]));
                }
                sec.children = subs.iter().zip(&sub_ends).map(|(s, &e)| section(&toks, &mask, s, s.body, e)).collect();
                if let Some(g) = sec.children.iter().find(|c| c.key == "basics.grounds") {
                    legal_basis =
                        g.blocks.iter().filter(|b| b.kind == BlockKind::Item).map(|b| b.text.to_string()).collect();
                }
            }
            "card" => {
                let (fields, starts) = card::fields(&toks, &mask, h.body, end);
                own = Some(blocks::blocks(&toks, &mask, h.body, end, &starts));
                card_fields = fields;
            }
            "problems" => {
                let s_ends: Vec<usize> = sectors.iter().skip(1).map(|s| s.start).chain([end]).collect();
                if let Some(first) = sectors.first() {
                    own = Some(blocks::blocks(&toks, &mask, h.body, first.start, &[]));
                }
                sec.children = sectors
                    .iter()
                    .zip(&s_ends)
                    .map(|(s, &e)| Section {
                        key: keys::sector_child("problems", &s.key),
                        number: s.number.clone(),
                        title: s.name.clone(),
                        blocks: blocks::blocks(&toks, &mask, s.body, e, &[]),
                        children: Vec::new(),
                        line: None,
                        offset: Some(toks[s.start].off),
                    })
                    .collect();
            }
            "linkage" | "projects" | "indicators" => {
                if let Some(t) = tables.iter().find(|t| t.key == h.key) {
                    if let Some(first) = t.groups.first() {
                        own = Some(blocks::blocks(&toks, &mask, h.body, first.start, &[]));
                    }
                    sec.children = t
                        .groups
                        .iter()
                        .map(|g| {
                            let splits = found.splits.get(&(h.key.clone(), g.start)).cloned().unwrap_or_default();
                            Section {
                                key: keys::sector_child(&h.key, &g.sector),
                                number: Some(g.number.clone()),
                                title: g.title.clone(),
                                blocks: blocks::blocks(&toks, &mask, g.group.body, g.group.end, &splits),
                                children: Vec::new(),
                                line: None,
                                offset: Some(toks[g.start].off),
                            }
                        })
                        .collect();
                }
            }
            _ => {}
        }
        sec.blocks = own.unwrap_or_else(|| blocks::blocks(&toks, &mask, h.body, end, &[]));
        sections.push(sec);
    }
    for h in &heads {
        if matches!(h.key.as_str(), "linkage" | "projects" | "indicators") {
            let t = tables.iter().find(|t| t.key == h.key);
            for s in &sectors {
                if t.is_none_or(|t| !t.groups.iter().any(|g| g.sector == s.key)) {
                    warnings.push(Warning {
                        code: "missing_section".into(),
                        message: format!("no «{}» group in the {} table", s.name, h.key),
                        line: None,
                        offset: Some(toks[h.start].off),
                        project: None,
                    });
                }
            }
        }
    }
    let body_tok = pre_end.unwrap_or(0);
    warnings.extend(damage::stripped_flags(text, &toks, first_page));
    warnings.extend(damage::ocr_damage(&toks, body_tok..toks.len()));
    warnings.extend(damage::negation_lost(&toks, body_tok));
    let sector_refs = sectors.iter().map(|s| SectorRef { key: s.key.clone(), name: s.name.clone() }).collect();
    Parsed {
        sections,
        sectors: sector_refs,
        projects: found.projects,
        indicators: found.indicators,
        pages,
        warnings,
        listed: found.listed,
        card: card_fields,
        legal_basis,
        ..Default::default()
    }
}

fn section(toks: &[Tok], mask: &[bool], h: &Heading, from: usize, to: usize) -> Section {
    Section { blocks: blocks::blocks(toks, mask, from, to, &[]), ..heading_section(toks, h) }
}

/// The section a heading opens, without its blocks yet.
fn heading_section(toks: &[Tok], h: &Heading) -> Section {
    Section {
        key: h.key.clone(),
        number: h.number.clone(),
        title: h.title.clone(),
        blocks: Vec::new(),
        children: Vec::new(),
        line: None,
        offset: Some(toks[h.start].off),
    }
}

/// Masks page numbers and a column-number row (1 2 3 ...) right after each.
fn mask_pages(toks: &[Tok], mask: &mut [bool], chain: &[usize]) {
    for &p in chain {
        mask[p] = true;
        let mut want = 1;
        let mut j = p + 1;
        while toks.get(j).and_then(Tok::num) == Some(want) {
            j += 1;
            want += 1;
        }
        if want > 3 {
            mask[p + 1..j].iter_mut().for_each(|m| *m = true);
        }
    }
}

/// Masks every repetition of a table's header (its longest prefix of at least four tokens) in
/// `from..to`.
/// The end of the first run of consecutive years (`2022 2023 2024`) in `from..to`.
fn year_run_end(toks: &[Tok], mask: &[bool], from: usize, to: usize) -> Option<usize> {
    let year = |i: usize| toks[i].num().filter(|y| (2015..=2040).contains(y));
    let live: Vec<usize> = (from..to.min(toks.len())).filter(|&i| !mask[i]).collect();
    let start = live.windows(2).position(|w| year(w[0]).is_some_and(|y| year(w[1]) == Some(y + 1)))?;
    let mut k = start + 1;
    while k + 1 < live.len() && year(live[k]).is_some_and(|y| year(live[k + 1]) == Some(y + 1)) {
        k += 1;
    }
    Some(live[k] + 1)
}

fn mask_headers(toks: &[Tok], mask: &mut [bool], header: &[String], from: usize, to: usize) {
    if header.len() < 4 {
        return;
    }
    let mut i = from;
    while i < to {
        if toks[i].key == header[0] && !mask[i] {
            let mut j = i;
            let mut k = 0;
            while j < to && k < header.len() {
                if mask[j] || toks[j].key.is_empty() {
                    j += 1;
                    continue;
                }
                if toks[j].key != header[k] {
                    break;
                }
                j += 1;
                k += 1;
            }
            if k >= 4 {
                mask[i..j].iter_mut().for_each(|m| *m = true);
                i = j;
                continue;
            }
        }
        i += 1;
    }
}

/// Simulates how the flat raw texts were prepared from line-broken text: everything on one line,
/// lone single digits dropped (page numbers, days; «1.» survives as «1»), punctuation stripped
/// except «», lowercase NLTK stopwords ([`crate::text::fold::STOPWORDS`]) removed. A dropped digit
/// or a token made only of punctuation leaves a double space, as in the real texts; a removed
/// stopword does not.
pub fn flatten(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_gap = false;
    for line in text.lines() {
        for tok in line.split_whitespace() {
            let lone_digit = tok.len() == 1 && tok.as_bytes()[0].is_ascii_digit();
            let kept: String =
                tok.chars().filter(|c| crate::text::fold::is_word_char(*c) || matches!(c, '«' | '»')).collect();
            if lone_digit || kept.chars().all(|c| matches!(c, '«' | '»')) {
                if !kept.is_empty() && !lone_digit {
                    push_tok(&mut out, &kept, &mut pending_gap);
                    continue;
                }
                pending_gap = true;
                continue;
            }
            let lower = kept.chars().all(|c| !c.is_uppercase());
            if lower && crate::text::fold::is_stopword(&crate::text::fold::fold(&kept)) {
                continue;
            }
            push_tok(&mut out, &kept, &mut pending_gap);
        }
    }
    out
}

fn push_tok(out: &mut String, tok: &str, gap: &mut bool) {
    if !out.is_empty() {
        out.push_str(if *gap { "  " } else { " " });
    }
    out.push_str(tok);
    *gap = false;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flatten_strips_like_the_prepared_texts() {
        let f = flatten(
            " Приложение к распоряжению\n от 31.08.2021 № 847-рп\n 5\n 1. Раздел «Основные положения»\n не менее 85 %",
        );
        assert_eq!(f, "Приложение распоряжению 31082021  847рп  1 Раздел «Основные положения» менее 85");
    }
}
