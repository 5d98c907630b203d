//! The outline of a flattened strategy: preamble, table of contents, template sections and their
//! sub-parts, sectors, and the sector groups of the three sectored tables. Everything is found
//! from the federal template's wording («Раздел ...», «Перечень проблем ...», «N `<sector>`»), never
//! from positions known in advance.

use super::tokens::{Finder, Tok, find_phrase, find_phrase_near, match_near};
use crate::model::keys::{self, TOP_LEVEL, TemplatePart};
use crate::model::sector;

/// A recognised heading: token range of the heading itself and where its body starts.
#[derive(Debug, Clone)]
pub struct Heading {
    /// Canonical key.
    pub key: String,
    /// Number as printed, when one stands before the heading.
    pub number: Option<String>,
    /// Title as printed.
    pub title: String,
    /// First token of the heading (its number, when there is one).
    pub start: usize,
    /// First token after the title.
    pub body: usize,
}

/// Position of a template part in template order.
pub fn order(key: &str) -> usize {
    TOP_LEVEL.iter().position(|p| p.key == key).unwrap_or(usize::MAX)
}

/// Word stems (first five letters) that may form a heading's title for `part`.
fn title_stems(part: &TemplatePart) -> Vec<String> {
    let mut v: Vec<String> = crate::text::fold::words(part.title)
        .chain(part.patterns.iter().flat_map(|p| p.split(' ').map(str::to_string)))
        .map(|w| w.chars().take(5).collect())
        .collect();
    for w in ["стратег", "отрасл", "цифров", "трансф", "кратк", "содерж", "реализ", "задач", "проект"]
    {
        v.push(w.chars().take(5).collect());
    }
    v
}

/// Extent of a title starting at token `i`: a «quoted» run, or tokens up to a gap, or the run of
/// words belonging to the template title. Returns the end (exclusive).
fn title_end(toks: &[Tok], mask: &[bool], i: usize, part: Option<&TemplatePart>) -> usize {
    let limit = (i + 14).min(toks.len());
    if toks.get(i).is_some_and(|t| t.text.starts_with('«'))
        && let Some(j) = (i..limit).find(|&j| toks[j].text.ends_with('»'))
    {
        return j + 1;
    }
    if let Some(part) = part {
        let stems = title_stems(part);
        let mut j = i;
        while j < limit && !mask[j] {
            let k: String = toks[j].key.chars().take(5).collect();
            if j > i && (toks[j].gap || toks[j].capitalized()) {
                break;
            }
            if k.is_empty() || toks[j].num().is_some() || !stems.iter().any(|s| k.starts_with(s.as_str())) {
                break;
            }
            j += 1;
        }
        if j > i {
            return j;
        }
    }
    (i + 1..limit).find(|&j| toks[j].gap).unwrap_or((i + 6).min(toks.len()))
}

fn join(toks: &[Tok], mask: &[bool], from: usize, to: usize) -> String {
    let to = to.min(toks.len());
    // At most the range's bytes (one space where the text has one or more): one allocation, not
    // one per doubling.
    let span = if from < to { toks[to - 1].off + toks[to - 1].text.len() - toks[from].off } else { 0 };
    let mut s = String::with_capacity(span);
    for i in from..to {
        if mask[i] {
            continue;
        }
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(toks[i].text);
    }
    s
}

/// Text of tokens `from..to` that are not masked, single-spaced.
pub fn text_of(toks: &[Tok], mask: &[bool], from: usize, to: usize) -> String {
    join(toks, mask, from, to)
}

/// The heading number printed just before token `i`: a one- or two-digit token not masked.
fn number_before(toks: &[Tok], mask: &[bool], i: usize, max: u64) -> Option<usize> {
    let j = (0..i).rev().find(|&j| !mask[j])?;
    let v = toks[j].num()?;
    (v >= 1 && v <= max && i - j <= 3).then_some(j)
}

/// Every «Раздел `<title>`» whose title is a template part: (token index of «Раздел», part, title end).
pub fn raw_section_marks(toks: &[Tok]) -> Vec<(usize, &'static TemplatePart, usize)> {
    let mask = vec![false; toks.len()];
    let mut out = Vec::new();
    for i in 0..toks.len() {
        if toks[i].key != "раздел" {
            continue;
        }
        let end = title_end(toks, &mask, i + 1, None).max((i + 9).min(toks.len()));
        let window = join(toks, &mask, i + 1, end);
        if let Some(part) = keys::top_level(&window) {
            let te = title_end(toks, &mask, i + 1, Some(part));
            let title = join(toks, &mask, i + 1, te);
            if keys::top_level(&title).is_some_and(|p| p.key == part.key) {
                out.push((i, part, te));
            }
        }
    }
    out
}

/// Where the strategy proper starts (after a table of contents) and where the table of contents
/// starts, from the order of «Раздел» marks: the contents list them once, the body again.
pub fn body_and_toc(toks: &[Tok], marks: &[(usize, &'static TemplatePart, usize)]) -> (usize, Option<usize>) {
    let mut last = None;
    for (n, (i, part, _)) in marks.iter().enumerate() {
        let o = order(part.key);
        if last.is_some_and(|l| o <= l) {
            let toc_mark = marks[0].0;
            let toc_word =
                (0..toc_mark).rev().take(60).find(|&j| matches!(toks[j].key.as_str(), "оглавление" | "содержание"));
            return (*i, Some(toc_word.unwrap_or(toc_mark)));
        }
        let _ = n;
        last = Some(o);
    }
    // No repeated marks: a contents page without «Раздел» words may still stand before the body.
    let first = marks.first().map(|m| m.0).unwrap_or(0);
    let toc_word = (0..first).find(|&j| matches!(toks[j].key.as_str(), "оглавление" | "содержание"));
    (first, toc_word)
}

/// The start of the strategy proper when something else (a protocol, a cover act) stands before it:
/// the approval stamp «УТВЕРЖДЕН(А|О) протоколом/распоряжением ...» or «Приложение (к)
/// распоряжению ...» found before `limit`. Returns the stamp's token index when at least
/// `min_words` words precede it.
pub fn preamble_end(toks: &[Tok], limit: usize, min_words: usize) -> Option<usize> {
    let act =
        |t: &Tok| ["протокол", "распоряжени", "постановлени", "указ", "решени", "приказ"].iter().any(|s| t.starts(s));
    let stamp = (0..limit.min(toks.len())).find(|&i| {
        let t = &toks[i];
        let next_act = (i + 1..(i + 4).min(toks.len())).any(|j| act(&toks[j]));
        (t.key.starts_with("утвержден") && t.capitalized() && next_act) || (t.key == "приложение" && next_act)
    })?;
    (stamp >= min_words).then_some(stamp)
}

/// Finds the body's top-level headings: marks after `body_start` in template order, then the
/// template phrases for parts that have no mark (searched between their neighbours).
pub fn top_headings(
    toks: &[Tok],
    mask: &[bool],
    marks: &[(usize, &'static TemplatePart, usize)],
    body_start: usize,
) -> Vec<Heading> {
    let mut found: Vec<(usize, &'static TemplatePart, usize, usize)> = Vec::new(); // (start, part, title start, title end)
    let mut last = None;
    for &(i, part, te) in marks.iter().filter(|m| m.0 >= body_start) {
        let o = order(part.key);
        if last.is_some_and(|l| o <= l) {
            continue;
        }
        last = Some(o);
        found.push((i, part, i + 1, te));
    }
    // Fallback: a part's own phrase, in order between the parts found.
    for part in TOP_LEVEL {
        if found.iter().any(|f| f.1.key == part.key) {
            continue;
        }
        let o = order(part.key);
        let from = found.iter().filter(|f| order(f.1.key) < o).map(|f| f.3).max().unwrap_or(body_start);
        let to = found.iter().filter(|f| order(f.1.key) > o).map(|f| f.0).min().unwrap_or(toks.len());
        // Word for word first; then allowing the letter OCR may lose in each word («Ресурсое»).
        let finders: [Finder; 2] = [find_phrase, find_phrase_near];
        let hit =
            finders.iter().flat_map(|&f| part.patterns.iter().map(move |pat| (f, pat))).find_map(|(find, pat)| {
                let mut from = from;
                while let Some((s, _)) = find(toks, mask, from, to, pat) {
                    // A heading starts a line: a capitalised first word after a gap, a number, a quote
                    // or the word «Раздел».
                    let t = &toks[s];
                    let prev_num = s > 0 && toks[s - 1].num().is_some();
                    let after_mark = s > 0 && toks[s - 1].key == "раздел";
                    let heading_like =
                        (t.capitalized() && (t.gap || prev_num || after_mark)) || t.text.starts_with('«');
                    let shouty = t.text.chars().filter(|c| crate::text::fold::is_letter(*c)).all(|c| c.is_uppercase());
                    if heading_like || shouty {
                        if part.key == "appendices" && t.key != "приложения" && !shouty {
                            from = s + 1;
                            continue;
                        }
                        return Some(s);
                    }
                    from = s + 1;
                }
                None
            });
        if let Some(s) = hit {
            let te = title_end(toks, mask, s, Some(part));
            found.push((s, part, s, te));
            found.sort_by_key(|f| f.0);
        }
    }
    found.sort_by_key(|f| f.0);
    found
        .into_iter()
        .map(|(i, part, ts, te)| {
            let num = number_before(toks, mask, i, 9);
            Heading {
                key: part.key.to_string(),
                number: num.map(|j| toks[j].text.to_string()),
                title: join(toks, mask, ts, te),
                start: num.unwrap_or(i),
                body: te,
            }
        })
        .collect()
}

/// Sub-parts of `parent` (basics, priorities, resources) between `from` and `to`, in template order.
pub fn sub_headings(toks: &[Tok], mask: &[bool], parent: &str, from: usize, to: usize) -> Vec<Heading> {
    let mut out = Vec::new();
    let mut cursor = from;
    for (_, part) in keys::SUB_PARTS.iter().filter(|(p, _)| *p == parent) {
        let hit = part.patterns.iter().find_map(|pat| find_phrase(toks, mask, cursor, to, pat));
        if let Some((s, _)) = hit {
            let te = title_end(toks, mask, s, Some(part));
            // The phrase may have matched past the title's first words («Перечень внедряемых ...»).
            let stems = title_stems(part);
            let mut s = s;
            while s > cursor
                && !mask[s - 1]
                && !toks[s].capitalized()
                && stems.iter().any(|st| toks[s - 1].key.starts_with(st.as_str()))
            {
                s -= 1;
            }
            let num = number_before(toks, mask, s, 99);
            out.push(Heading {
                key: part.key.to_string(),
                number: num.map(|j| dotted(toks[j].text, parent_number_hint(parent))),
                title: join(toks, mask, s, te),
                start: num.unwrap_or(s),
                body: te,
            });
            cursor = te;
        }
    }
    out
}

fn parent_number_hint(parent: &str) -> usize {
    order(parent) + 1
}

/// «41» printed under section 4 is «4.1» once the dot was stripped.
pub fn dotted(num: &str, parent: usize) -> String {
    let p = parent.to_string();
    if num.len() >= 2 && num.starts_with(&p) && num.len() <= p.len() + 2 {
        format!("{}.{}", p, &num[p.len()..])
    } else {
        num.to_string()
    }
}

/// A sector heading in the problems section.
#[derive(Debug, Clone)]
pub struct SectorHead {
    /// Canonical sector key.
    pub key: String,
    /// Name as printed.
    pub name: String,
    /// First token of the heading (its number when printed).
    pub start: usize,
    /// First token after the name.
    pub body: usize,
    /// Number as printed.
    pub number: Option<String>,
}

/// Sectors of the problems section: each opens with the template's «Перечень проблем текущего
/// состояния отрасли»; the sector's name stands just before it, after its number.
pub fn problem_sectors(toks: &[Tok], mask: &[bool], from: usize, to: usize, parent_no: usize) -> Vec<SectorHead> {
    let mut out: Vec<SectorHead> = Vec::new();
    let mut cursor = from;
    while let Some((a, e)) = find_phrase(toks, mask, cursor, to, "перечен проблем") {
        cursor = e;
        let floor = out.last().map(|s| s.body).unwrap_or(from);
        let mut j = a;
        let mut num = None;
        let mut steps = 0;
        while j > floor && steps < 8 {
            let k = j - 1;
            if mask[k] {
                j -= 1;
                continue;
            }
            if toks[k].num().is_some() {
                if steps == 0 {
                    // A number right before the phrase is a page number the chain missed.
                    j -= 1;
                    continue;
                }
                num = Some(k);
                break;
            }
            j -= 1;
            steps += 1;
            if toks[k].gap && steps >= 1 {
                break;
            }
        }
        let mut name_start = j;
        // Without a number or gap, keep the shortest tail naming a known sector.
        if num.is_none() && !toks[j].gap {
            name_start = (j..a).rev().find(|&s| sector::known(&join(toks, mask, s, a)).is_some()).unwrap_or(j);
        }
        let mut name_end = a;
        while name_end > name_start && (mask[name_end - 1] || toks[name_end - 1].num().is_some()) {
            name_end -= 1;
        }
        let name = join(toks, mask, name_start, name_end);
        if name.is_empty() {
            continue;
        }
        out.push(SectorHead {
            key: sector::classify(&name),
            name,
            start: num.unwrap_or(name_start),
            body: a,
            number: num.map(|k| dotted(toks[k].text, parent_no)),
        });
    }
    out
}

/// The sector groups of a sectored table in `from..to`: «N `<sector name>`» for N = 1, 2, ... in the
/// order of `sectors`, or the full sector name after a gap where the flattening dropped a lone
/// digit N. Returns (sector index, group start, first token of the name, first token after it).
pub fn table_groups(
    toks: &[Tok],
    mask: &[bool],
    from: usize,
    to: usize,
    sectors: &[SectorHead],
) -> Vec<(usize, usize, usize, usize)> {
    let mut out = Vec::new();
    let mut cursor = from;
    for (n, s) in sectors.iter().enumerate() {
        let want = (n + 1) as u64;
        let name_keys: Vec<String> = crate::text::fold::words(&s.name).map(|w| w.chars().take(6).collect()).collect();
        let mut found = None;
        let mut i = cursor;
        while i < to {
            // The number was a lone digit the flattening dropped: its gap stands before the name.
            if want < 10
                && toks[i].gap
                && !mask[i]
                && toks[i].capitalized()
                && toks.get(i.wrapping_sub(1)).is_none_or(|p| p.num() != Some(want))
            {
                let stems: Vec<&str> = name_keys.iter().map(String::as_str).collect();
                // What follows the name (past a masked page number) is a new cell.
                let next = |end: usize| (end..to).find(|&j| !mask[j]);
                if let Some(end) = match_near(toks, mask, i, to, &stems)
                    && next(end).is_none_or(|j| (end..=j).any(|k| toks[k].gap) || toks[j].capitalized())
                {
                    found = Some((i, i, end));
                    break;
                }
            }
            // Masked small numbers are a column-number row after a page break, whose last number
            // may be the group's own («85 1 2 3 4 5 6 7 8 Безопасность»): look at them too.
            if toks[i].num() == Some(want) {
                let stems: Vec<&str> = name_keys.iter().map(String::as_str).collect();
                if let Some(end) = match_near(toks, mask, i + 1, to, &stems) {
                    found = Some((i, i + 1, end));
                    break;
                }
                // The table may name the sector differently: classify its first one or two words.
                let short = (i + 2..(i + 4).min(to)).find(|&e| sector::classify(&join(toks, mask, i + 1, e)) == s.key);
                if let Some(e) = short {
                    let e = (e..(i + 6).min(to)).take_while(|&x| !toks[x].gap).last().map(|x| x + 1).unwrap_or(e);
                    found = Some((i, i + 1, e.min(to)));
                    break;
                }
            }
            i += 1;
        }
        if let Some((a, name, e)) = found {
            out.push((n, a, name, e));
            cursor = e;
        }
    }
    out
}
