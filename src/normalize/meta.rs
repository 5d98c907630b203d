//! Document metadata from raw text: region, title, approving act, period.
//!
//! Works on whitespace-separated tokens, so the same rules read the line-broken and the flattened
//! forms ("от 20.08.2021 № 87-рп", "от 21 сентября 2022 г. № 1255-рп", "31082021 847рп").

use crate::model::region::{self, RegionDef};
use crate::model::{Approval, Period, Region};
use crate::text::fold::fold;

/// A whitespace-separated token with its byte offset in the text.
#[derive(Debug, Clone, Copy)]
struct Tok<'a> {
    text: &'a str,
    offset: usize,
}

fn tokens(text: &str) -> Vec<Tok<'_>> {
    let base = text.as_ptr() as usize;
    // A token and its space take eight bytes or more in nearly all texts (Cyrillic letters take
    // two): reserved at once, the vector is rarely regrown.
    let mut toks = Vec::with_capacity(text.len() / 8 + 1);
    toks.extend(crate::text::scan::split_ws(text).map(|t| Tok { text: t, offset: t.as_ptr() as usize - base }));
    toks
}

/// The characters of [`core`] before its trailing trim, without allocating.
fn core_chars(t: &str) -> impl Iterator<Item = char> + '_ {
    t.chars()
        .map(crate::text::fold::fold_char)
        .filter(|c| crate::text::fold::is_word_char(*c) || *c == '.' || *c == '-')
        .skip_while(|c| *c == '.' || *c == '-')
}

/// `core(t).starts_with(stem)` without allocating; `stem` holds no `.` or `-`.
fn core_starts(t: &str, stem: &str) -> bool {
    let mut c = core_chars(t);
    stem.chars().all(|s| c.next() == Some(s))
}

/// `core(t) == word` without allocating; `word` holds no `.` or `-`.
fn core_is(t: &str, word: &str) -> bool {
    let mut c = core_chars(t);
    word.chars().all(|s| c.next() == Some(s)) && c.all(|c| c == '.' || c == '-')
}

/// Letters and digits of a token, folded.
fn core(t: &str) -> String {
    fold(t)
        .chars()
        .filter(|c| crate::text::fold::is_word_char(*c) || *c == '.' || *c == '-')
        .collect::<String>()
        .trim_matches(|c| c == '.' || c == '-')
        .to_string()
}

/// What [`extract`] found.
#[derive(Debug, Clone)]
pub struct MetaFound {
    /// The region, when any is named.
    pub region: Option<Region>,
    /// The strategy's title.
    pub title: Option<String>,
    /// The approving act.
    pub approval: Option<Approval>,
    /// Byte offset where the approving act was read.
    pub approval_offset: Option<usize>,
    /// The implementation period.
    pub period: Option<Period>,
}

/// Bytes of text read first: the metadata stand on the opening pages; the rest of the text is
/// split into tokens only when a finder needs it (its answer could lie further on).
const HEAD_BYTES: usize = 64 << 10;

/// Tokens a finder may look at past the one it answers with (see [`extract`]).
const LOOK_AHEAD: usize = 48;

/// Reads the metadata from the whole raw text.
///
/// The finders run on the tokens of the first [`HEAD_BYTES`] first, and their answer is taken
/// when it could not change with more tokens: it was found (in the pass that is searched first)
/// at least [`LOOK_AHEAD`] tokens before the head's end, so every token looked at on the way
/// is the same in the whole text; otherwise they run again on the whole text.
pub fn extract(text: &str) -> MetaFound {
    // Cut at an ASCII space: the head's last token then ends where it does in the whole text.
    let cut = text.as_bytes().get(HEAD_BYTES..).and_then(|rest| rest.iter().position(|b| b.is_ascii_whitespace()));
    let head = tokens(cut.map_or(text, |p| &text[..HEAD_BYTES + p]));
    let whole = std::cell::OnceCell::new();
    let all = || whole_tokens(&head, &whole, text, cut.is_none());
    let settled = |i: usize| cut.is_none() || i + LOOK_AHEAD <= head.len();
    let region = region::detect(text).map(|(d, _)| d);
    // The approval is looked for before the first token past APPROVAL_BYTES only.
    let approval = match head.iter().position(|t| t.offset > APPROVAL_BYTES) {
        Some(limit) if settled(limit) => find_approval(&head, region),
        _ => find_approval(all(), region),
    };
    let (approval, approval_offset) = match approval {
        Some((a, off)) => (Some(a), Some(off)),
        None => (None, None),
    };
    let title = match nominative_title(&head, region) {
        Some((i, title)) if settled(i) => Some(title),
        _ => find_title(all(), region),
    };
    let period = match find_period(&head) {
        Some((i, p)) if settled(i) => Some(p),
        _ => find_period(all()).map(|(_, p)| p),
    };
    MetaFound {
        region: region.map(|d| Region { name: d.name.to_string(), key: d.key.to_string() }),
        title,
        approval,
        approval_offset,
        period,
    }
}

/// The tokens of the whole text: `head` when it is the whole text, else split once.
fn whole_tokens<'a, 't>(
    head: &'a [Tok<'t>],
    whole: &'a std::cell::OnceCell<Vec<Tok<'t>>>,
    text: &'t str,
    head_is_whole: bool,
) -> &'a [Tok<'t>] {
    if head_is_whole { head } else { whole.get_or_init(|| tokens(text)) }
}

/// Where a document's own approval can stand: its opening bytes.
const APPROVAL_BYTES: usize = 40_000;

const MONTHS: &[&str] =
    &["январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"];

fn valid_date(d: u32, m: u32, y: u32) -> Option<String> {
    ((1..=31).contains(&d) && (1..=12).contains(&m) && (1990..=2100).contains(&y))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// Reads a date starting at token `i`; returns the ISO date and the tokens consumed.
fn parse_date(toks: &[Tok], i: usize) -> Option<(String, usize)> {
    let t = core(toks.get(i)?.text);
    let parts: Vec<&str> = t.split('.').collect();
    if parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit())) {
        let n = |s: &str| s.parse::<u32>().ok();
        return valid_date(n(parts[0])?, n(parts[1])?, n(parts[2])?).map(|d| (d, 1));
    }
    if t.len() == 8 && t.chars().all(|c| c.is_ascii_digit()) {
        return valid_date(t[0..2].parse().ok()?, t[2..4].parse().ok()?, t[4..8].parse().ok()?).map(|d| (d, 1));
    }
    if t.len() <= 2 && t.chars().all(|c| c.is_ascii_digit()) {
        let month_word = core(toks.get(i + 1)?.text);
        let m = MONTHS.iter().position(|m| month_word.starts_with(m) && month_word.len() <= m.len() + 4)? as u32 + 1;
        let y = core(toks.get(i + 2)?.text);
        let y: u32 = y.trim_end_matches('г').trim_end_matches('.').parse().ok()?;
        let mut used = 3;
        if toks.get(i + 3).is_some_and(|t| core(t.text) == "г") {
            used += 1;
        }
        return valid_date(t.parse().ok()?, m, y).map(|d| (d, used));
    }
    None
}

/// Reads an act number at token `i` ("№ 87-рп", "№87-рп", "847рп"); returns it and tokens consumed.
fn parse_number(toks: &[Tok], i: usize) -> Option<(String, usize)> {
    let t = toks.get(i)?.text;
    let (t, used) = if t == "№" { (toks.get(i + 1)?.text, 2) } else { (t.strip_prefix('№').unwrap_or(t), 1) };
    let explicit = toks[i].text.starts_with('№');
    let t = t.trim_end_matches(|c: char| !crate::text::fold::is_word_char(c));
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() {
        return None;
    }
    let rest = t[digits.len()..].trim_start_matches('-');
    if !explicit && rest.is_empty() {
        return None; // a bare number without "№" is not an act number
    }
    if !rest.chars().all(|c| crate::text::fold::is_letter(c) || c == '-') {
        return None;
    }
    Some((if rest.is_empty() { digits } else { format!("{digits}-{rest}") }, used))
}

const ACT_FORMS: &[(&str, &str)] = &[
    ("распоряжени", "распоряжение"),
    ("постановлени", "постановление"),
    ("протокол", "протокол"),
    ("указ", "указ"),
    ("решени", "решение"),
    ("приказ", "приказ"),
];

fn act_type(word: &str) -> Option<&'static str> {
    let w = core(word);
    ACT_FORMS.iter().find(|(stem, _)| w.starts_with(stem) && w.len() <= stem.len() + 8).map(|(_, n)| *n)
}

/// Nominative form of an authority phrase given in the genitive ("Правительства X" -> "Правительство X").
fn authority_nominative(words: &[&str], region: Option<&RegionDef>) -> String {
    let mut out = Vec::new();
    for (k, w) in words.iter().enumerate() {
        let w = w.trim_matches(|c: char| !crate::text::fold::is_word_char(c));
        if w.is_empty() {
            continue;
        }
        let lower = fold(w);
        let upper = w.chars().filter(|c| crate::text::fold::is_letter(*c)).all(|c| c.is_uppercase());
        let mut word = if upper && w.chars().count() > 1 {
            let capital = k == 0
                || region
                    .is_some_and(|r| lower.starts_with(r.stems[0]) && !matches!(r.stems[0], "республик" | "город"));
            if capital { capitalize(&lower) } else { lower.clone() }
        } else {
            w.to_string()
        };
        if k == 0 {
            for (genitive, nom) in [
                ("правительства", "Правительство"),
                ("губернатора", "Губернатор"),
                ("комиссии", "Комиссия"),
                ("министерства", "Министерство"),
                ("главы", "Глава"),
            ] {
                if lower == genitive {
                    word = nom.to_string();
                }
            }
            word = capitalize(&word);
        }
        out.push(word);
    }
    out.join(" ")
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Finds the act that approved the strategy: "УТВЕРЖДЕНА распоряжением ...", "Приложение к
/// распоряжению ...", or a cover act "ПРАВИТЕЛЬСТВО ... РАСПОРЯЖЕНИЕ от ... № ...".
fn find_approval(toks: &[Tok], region: Option<&RegionDef>) -> Option<(Approval, usize)> {
    // Only the opening part of a document can hold its own approval; later acts are references.
    let limit = toks.iter().position(|t| t.offset > APPROVAL_BYTES).unwrap_or(toks.len());
    for i in 0..limit {
        // Only a heading stamp counts ("УТВЕРЖДЕНА", "Приложение к ..."); "утверждена
        // постановлением ..." in running text refers to some other act.
        let t = toks[i].text;
        let capital = t.chars().find(|c| crate::text::fold::is_letter(*c)).is_some_and(|c| c.is_uppercase());
        let lead = capital && (core_starts(t, "утвержд") || core_is(t, "приложение") || core_is(t, "приложению"));
        if !lead {
            continue;
        }
        // The act word follows within two tokens ("Приложение к распоряжению").
        let Some(j) = (i + 1..(i + 3).min(toks.len())).find(|&j| act_type(toks[j].text).is_some()) else { continue };
        let kind = act_type(toks[j].text).unwrap();
        // Authority words run until the date.
        let mut k = j + 1;
        let mut auth = Vec::new();
        let date = loop {
            if k >= toks.len() || k > j + 25 {
                break None;
            }
            if let Some((d, used)) = parse_date(toks, k) {
                k += used;
                break Some(d);
            }
            if core(toks[k].text) != "от" {
                auth.push(toks[k].text);
            }
            k += 1;
        };
        let Some(date) = date else { continue };
        let number = parse_number(toks, k).map(|(n, _)| n).or_else(|| header_number(toks, i, kind));
        let authority = if auth.is_empty() {
            header_authority(toks, i, region).unwrap_or_default()
        } else {
            authority_nominative(&auth, region)
        };
        return Some((Approval { authority, act_type: kind.to_string(), date: Some(date), number }, toks[i].offset));
    }
    // A cover act: an upper-case act word followed by "от DATE № N".
    for i in 0..limit {
        let t = toks[i].text;
        if !t.chars().all(|c| c.is_uppercase()) {
            continue;
        }
        let Some(kind) = act_type(t) else { continue };
        let mut k = i + 1;
        if toks.get(k).is_some_and(|t| core(t.text) == "от") {
            k += 1;
        }
        let Some((date, used)) = parse_date(toks, k) else { continue };
        let number = parse_number(toks, k + used).map(|(n, _)| n);
        let authority = header_authority(toks, i, region).unwrap_or_default();
        return Some((Approval { authority, act_type: kind.to_string(), date: Some(date), number }, toks[i].offset));
    }
    None
}

/// Upper-case words right before token `i` ("ПРАВИТЕЛЬСТВО ИВАНОВСКОЙ ОБЛАСТИ").
fn header_authority(toks: &[Tok], i: usize, region: Option<&RegionDef>) -> Option<String> {
    let mut start = i;
    while start > 0 && i - start < 8 {
        let t = toks[start - 1].text;
        if t.chars().any(crate::text::fold::is_letter)
            && t.chars().filter(|c| crate::text::fold::is_letter(*c)).all(|c| c.is_uppercase())
        {
            start -= 1;
        } else {
            break;
        }
    }
    (start < i).then(|| authority_nominative(&toks[start..i].iter().map(|t| t.text).collect::<Vec<_>>(), region))
}

/// The number of an act of `kind` named in a header before token `i` ("Протокол № 7").
fn header_number(toks: &[Tok], i: usize, kind: &str) -> Option<String> {
    (0..i).find_map(|k| {
        if act_type(toks[k].text) != Some(kind) {
            return None;
        }
        let n = toks.get(k + 1)?.text.trim_start_matches('№');
        let n = if n.is_empty() { toks.get(k + 2)?.text } else { n };
        let n = n.trim_end_matches(|c: char| !crate::text::fold::is_word_char(c));
        (!n.is_empty() && n.len() <= 6 && n.chars().all(|c| c.is_ascii_digit())).then(|| n.to_string())
    })
}

fn year(s: &str) -> Option<u16> {
    let y: u16 = s.parse().ok()?;
    (2000..=2100).contains(&y).then_some(y)
}

/// "Период 2022 - 2024 годов", "Период 20222024 годов", "Период 2022 2024 годов"; with the
/// index of the token «Период».
fn find_period(toks: &[Tok]) -> Option<(usize, Period)> {
    for i in 0..toks.len() {
        if !core_starts(toks[i].text, "период") {
            continue;
        }
        let next: Vec<String> = toks[i + 1..(i + 5).min(toks.len())].iter().map(|t| core(t.text)).collect();
        let joined: String = next
            .iter()
            .take_while(|t| t.chars().all(|c| c.is_ascii_digit() || c == '-'))
            .cloned()
            .collect::<Vec<_>>()
            .join("-");
        let digits: Vec<&str> = joined.split('-').filter(|s| !s.is_empty()).collect();
        let pair = match digits.as_slice() {
            [a, b, ..] => year(a).zip(year(b)),
            [ab] if ab.len() == 8 => year(&ab[..4]).zip(year(&ab[4..])),
            _ => None,
        };
        if let Some((from, to)) = pair.filter(|(a, b)| a <= b && b - a <= 15) {
            return Some((i, Period { from, to }));
        }
    }
    None
}

/// The strategy's title: from "Стратегия ... цифровой трансформации" up to the region's name.
fn find_title(toks: &[Tok], region: Option<&RegionDef>) -> Option<String> {
    // Prefer the title page's nominative "Стратегия ..." over mentions such as "Об утверждении Стратегии".
    if let Some((_, title)) = nominative_title(toks, region) {
        return Some(title);
    }
    (0..toks.len()).filter(|&i| core_starts(toks[i].text, "стратеги")).find_map(|i| title_at(toks, i, region))
}

/// The first title opened by a nominative «Стратегия», with the index of that token.
fn nominative_title(toks: &[Tok], region: Option<&RegionDef>) -> Option<(usize, String)> {
    (0..toks.len()).filter(|&i| core_is(toks[i].text, "стратегия")).find_map(|i| Some((i, title_at(toks, i, region)?)))
}

/// The title opened by token `i`, when the template's words follow it and the region's name
/// closes it within 40 tokens.
fn title_at(toks: &[Tok], i: usize, region: Option<&RegionDef>) -> Option<String> {
    // The template title: "Стратегия [в] области цифровой трансформации отраслей ...".
    let next: Vec<String> = toks[i + 1..(i + 7).min(toks.len())]
        .iter()
        .map(|t| core(t.text))
        .filter(|w| !crate::text::fold::is_stopword(w))
        .collect();
    let template = ["област", "цифров", "трансформац", "отрасл"];
    if next.len() < template.len() || !template.iter().zip(&next).all(|(stem, w)| w.starts_with(stem)) {
        return None;
    }
    let end = (i + 1..(i + 40).min(toks.len())).find_map(|k| {
        let r = region?;
        let n = r.stems.len();
        (k + n <= toks.len()
            && r.stems.iter().enumerate().all(|(m, s)| core(toks[k + m].text).replace('й', "и").starts_with(s)))
        .then_some(k + n)
    })?;
    let mut words: Vec<&str> = toks[i..end].iter().map(|t| t.text).collect();
    if core(words[0]) != "стратегия" {
        words[0] =
            if words[0].chars().all(|c| !c.is_lowercase()) { "СТРАТЕГИЯ" } else { "Стратегия" };
    }
    let mut title = words.join(" ").trim_end_matches(|c: char| !crate::text::fold::is_word_char(c)).to_string();
    if title.chars().filter(|c| crate::text::fold::is_letter(*c)).all(|c| c.is_uppercase()) {
        title = capitalize(&fold(&title));
    }
    Some(title)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cover_act_in_lines_form() {
        let m = extract(
            " ПРАВИТЕЛЬСТВО ИВАНОВСКОЙ ОБЛАСТИ\n РАСПОРЯЖЕНИЕ\n от 20.08.2021 № 87-рп\n г. Иваново\n Об утверждении Стратегии в области цифровой трансформации Ивановской области Период 2022 - 2024 годов",
        );
        let a = m.approval.unwrap();
        assert_eq!(a.authority, "Правительство Ивановской области");
        assert_eq!(
            (a.act_type.as_str(), a.date.as_deref(), a.number.as_deref()),
            ("распоряжение", Some("2021-08-20"), Some("87-рп"))
        );
        assert_eq!(m.period, Some(Period { from: 2022, to: 2024 }));
        assert_eq!(m.region.unwrap().key, "ivanovo");
    }

    #[test]
    fn reads_written_month_and_flat_forms() {
        let m = extract(
            "УТВЕРЖДЕНА распоряжением Правительства Хабаровского края от 21 сентября 2022 г. № 1255-рп Стратегия в области цифровой трансформации отраслей экономики, социальной сферы и государственного управления Хабаровского края",
        );
        let a = m.approval.unwrap();
        assert_eq!((a.date.as_deref(), a.number.as_deref()), (Some("2022-09-21"), Some("1255-рп")));
        assert_eq!(a.authority, "Правительство Хабаровского края");
        assert_eq!(
            m.title.unwrap(),
            "Стратегия в области цифровой трансформации отраслей экономики, социальной сферы и государственного управления Хабаровского края"
        );
        let m = extract(
            "Приложение распоряжению Правительства Тверской области 31082021 847рп Стратегия Период 20222024 годов",
        );
        let a = m.approval.unwrap();
        assert_eq!((a.date.as_deref(), a.number.as_deref()), (Some("2021-08-31"), Some("847-рп")));
        assert_eq!(m.period, Some(Period { from: 2022, to: 2024 }));
    }

    #[test]
    fn no_act_gives_none() {
        let m = extract(
            "Стратегия цифровой трансформации Калининградской области. Основания разработки: постановление Правительства РФ от 03.04.2021 № 542",
        );
        assert!(m.approval.is_none());
    }
}
