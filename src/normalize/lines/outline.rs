//! The document outline: template section headings, sub-sections and sector headings.
//!
//! Top-level headings are `N. Раздел «…»` (the number may touch the word: `2.Раздел`, the dot
//! may be missing, the number may be Roman or follow the word: `Раздел 4. …`, `IV. Раздел …`), or
//! a numbered/`Приложение №N` heading the template knows (its wording in any case). Sub-sections are
//! `N.M.` under the current section, numbered upwards. The sectors are the sub-sections of the
//! problems section; inside the table sections a sector heading `K. Name` is accepted only when K
//! is the next sector number and Name means the same sector as the K-th sector of the problems
//! section, so that a list item inside a cell (`4. Безопасность`) is never taken for one.

use super::pages::Ln;
use crate::model::SectorRef;
use crate::model::keys::{self, SECTORED};
use crate::model::sector;
use crate::text::fold::fold;

/// Level of a heading in the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// A template section (`basics`, `card`, ...).
    Top,
    /// A sub-section or a sector child.
    Sub,
}

/// One recognised heading.
#[derive(Debug, Clone)]
pub struct Head {
    /// Index of the heading's first line in the clean stream.
    pub idx: usize,
    /// Index of the first body line (after a wrapped heading).
    pub body: usize,
    /// Tree level.
    pub level: Level,
    /// Canonical key.
    pub key: String,
    /// Printed number.
    pub number: Option<String>,
    /// Printed title (without the number).
    pub title: String,
    /// The sector of a sector child.
    pub sector: Option<String>,
}

/// Splits a sub-section number `N.M` off a line: (N, M, rest). The dot after `M` is optional,
/// `N` needs its dot; a third number (`N.M.K.`) or a digit right after the number refuses the line.
fn sub_number(s: &str) -> Option<(u32, u32, &str)> {
    // Asked of every line under a section: the numbers are kept in place, not collected.
    let (mut nums, mut count) = ([0u32; 2], 0);
    let mut rest = s;
    loop {
        let d = rest.bytes().take_while(|b| b.is_ascii_digit()).count();
        if d == 0 || d > 2 {
            break;
        }
        if count == 2 {
            return None;
        }
        nums[count] = rest[..d].parse().ok()?;
        count += 1;
        let after = &rest[d..];
        match after.strip_prefix('.') {
            Some(a) => rest = a,
            None => {
                if count < 2 {
                    return None;
                }
                rest = after;
                break;
            }
        }
    }
    let rest = rest.trim_start();
    (count == 2 && !rest.starts_with(|c: char| c.is_ascii_digit())).then_some((nums[0], nums[1], rest))
}

/// A Roman numeral up to 39 (`IV`, `XII`); `None` for anything else.
fn roman(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 6 || !s.bytes().all(|b| matches!(b, b'I' | b'V' | b'X')) {
        return None;
    }
    let val = |b: u8| match b {
        b'I' => 1,
        b'V' => 5,
        _ => 10,
    };
    let b = s.as_bytes();
    let mut n = 0i32;
    for (i, &c) in b.iter().enumerate() {
        let v = val(c);
        if b.get(i + 1).is_some_and(|&d| val(d) > v) { n -= v } else { n += v }
    }
    // Only the canonical spelling: `IIII` or `VX` are not numerals.
    let canon = {
        let mut m = n as u32;
        let mut out = String::new();
        for (v, r) in [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")] {
            while m >= v {
                out.push_str(r);
                m -= v;
            }
        }
        out
    };
    (n > 0 && canon == s).then_some(n as u32)
}

/// A leading number of one or two digits or a Roman numeral, and what follows it.
fn numeral(s: &str) -> Option<(u32, &str)> {
    // Asked of every line: a line that opens with neither a digit nor a Roman digit has no numeral.
    if !s.starts_with(|c: char| c.is_ascii_digit() || matches!(c, 'I' | 'V' | 'X')) {
        return None;
    }
    // The digits are ASCII: found by their bytes (a character beyond ASCII opens with a byte
    // none of them is, so the end falls on a character boundary).
    let end = s.bytes().position(|b| !(b.is_ascii_digit() || matches!(b, b'I' | b'V' | b'X'))).unwrap_or(s.len());
    let (num, after) = s.split_at(end);
    let n = if num.bytes().all(|b| b.is_ascii_digit()) && (1..=2).contains(&num.len()) {
        num.parse().ok()?
    } else {
        roman(num)?
    };
    Some((n, after))
}

/// True when the line may open a numbered heading: it opens with an ASCII digit, a Roman digit
/// (`I`, `V`, `X`) or `р`/`Р` (the only letters that fold to the first of `раздел`). What
/// [`top_number`], [`razdel_after`] and [`sub_number`] find in any other line is nothing: the
/// outline, asked of every line, reads the three only where this holds.
fn may_number(s: &str) -> bool {
    matches!(s.as_bytes(), [b'0'..=b'9' | b'I' | b'V' | b'X', ..] | [0xD1, 0x80, ..] | [0xD0, 0xA0, ..])
}

/// Splits a top-level section number off a line: `N.`, `N` (followed by a space), a Roman `IV.`
/// or `IV`, each followed by the title. Returns (number, rest).
fn top_number(s: &str) -> Option<(u32, &str)> {
    let (n, after) = numeral(s)?;
    let rest = match after.strip_prefix('.') {
        Some(r) => r,
        None if after.starts_with(char::is_whitespace) => after,
        None => return None,
    };
    let rest = rest.trim_start();
    rest.starts_with(opens_title).then_some((n, rest))
}

/// True for the character a heading's title opens with: a letter (Russian letters told before
/// the Unicode tables) or `«`.
fn opens_title(c: char) -> bool {
    matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё' | '«') || c.is_alphabetic()
}

/// A `Раздел` heading in any of its printed forms: `N. Раздел «Title»`, `Раздел N. Title`,
/// `Раздел IV «Title»`. Returns (number, title as printed without the number). The title is empty
/// when it stands on the next line.
pub fn razdel_heading(s: &str) -> Option<(u32, String)> {
    razdel_after(s, top_number(s))
}

/// [`razdel_heading`] of a line whose [`top_number`] is `top` (the outline reads it once a line).
fn razdel_after(s: &str, top: Option<(u32, &str)>) -> Option<(u32, String)> {
    // Called on every line: the leading word is compared letter by letter, without allocating
    // (Russian letters tested before the Unicode tables).
    fn word(t: &str) -> Option<&str> {
        // Only `р` and `Р` fold to the word's first letter.
        if !t.starts_with(['р', 'Р']) {
            return None;
        }
        // The leading letters must fold to `раздел`, letter by letter: a word is left at its
        // first letter that does not (`развитие` at its fourth), not read to its end first.
        let mut want = "раздел".chars();
        for (i, c) in t.char_indices() {
            if !(matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё') || c.is_alphabetic()) {
                return want.next().is_none().then(|| &t[i..]);
            }
            if want.next() != Some(crate::text::fold::fold_char(c)) {
                return None;
            }
        }
        want.next().is_none().then(|| &t[t.len()..])
    }
    if let Some((n, rest)) = top {
        return word(rest).map(|_| (n, rest.trim().to_string()));
    }
    let after = word(s)?;
    let after = after.trim_start();
    let (n, rest) = numeral(after)?;
    let rest = rest.trim_start_matches(['.', ':', ' ', '-', '–', '—']).trim();
    if !rest.is_empty() && !rest.starts_with(opens_title) {
        return None;
    }
    let title = if rest.is_empty() { String::new() } else { format!("Раздел {rest}") };
    Some((n, title))
}

fn quotes_open(s: &str) -> bool {
    s.matches('«').count() > s.matches('»').count()
}

/// Title of a heading starting at `i`, joined with continuation lines while a quote is open.
fn heading_title(lines: &[Ln], i: usize, first: &str) -> (String, usize) {
    let mut title = first.trim().to_string();
    let mut j = i + 1;
    while quotes_open(&title) && j < lines.len() && j - i <= 3 {
        title.push(' ');
        title.push_str(lines[j].text.trim());
        j += 1;
    }
    (title, j)
}

/// `Приложение №1`, `Приложение 2`, or a bare `Приложение` heading (capitalised, no full stop).
fn is_appendix_stamp(s: &str) -> bool {
    // Asked of many lines: folding maps each character to one, so only a line whose first
    // character folds to `п` is folded whole.
    if s.chars().next().is_none_or(|c| crate::text::fold::fold_char(c) != 'п') {
        return false;
    }
    let f = fold(s);
    let Some(rest) = f.strip_prefix("приложение") else { return false };
    let num = rest.trim().trim_start_matches('№').trim();
    s.starts_with(|c: char| c.is_uppercase()) && !s.ends_with('.') && num.bytes().all(|b| b.is_ascii_digit())
}

fn is_caps(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| crate::text::fold::is_letter(*c)).collect();
    letters.len() >= 4 && letters.iter().all(|c| c.is_uppercase())
}

/// The outline found in the clean lines.
#[derive(Debug, Default)]
pub struct Outline {
    /// Headings in document order.
    pub heads: Vec<Head>,
    /// Sectors from the problems section, in order, with the line of their heading.
    pub sectors: Vec<(SectorRef, usize)>,
}

/// Finds the headings.
pub fn outline(lines: &[Ln]) -> Outline {
    let mut out = Outline::default();
    let mut top: Option<(u32, String)> = None;
    let mut last_sub = 0u32;
    let mut next_sector = 0usize;
    let mut i = 0;
    // Top headings so far, counted on over the heads added since the last line: counting all the
    // heads again on every line would be quadratic.
    let (mut tops, mut counted) = (0, 0);
    while i < lines.len() {
        let text = lines[i].text;
        tops += out.heads[counted..].iter().filter(|h| h.level == Level::Top).count();
        counted = out.heads.len();
        let numbered = may_number(text);
        let top_num = if numbered { top_number(text) } else { None };
        let last_top = top.as_ref().map(|t| t.0).unwrap_or(0);
        // `N. Раздел «…»`, `Раздел N. …`, `IV. Раздел …`
        if numbered
            && let Some((n, first)) = razdel_after(text, top_num)
            && n > last_top
        {
            let (first, from) = match first.is_empty() {
                true => (format!("Раздел {}", lines.get(i + 1).map_or("", |l| l.text.trim())), i + 1),
                false => (first, i),
            };
            let (title, body) = heading_title(lines, from, &first);
            let part = keys::top_level(&title);
            // `Раздел 6 Стратегии …` inside a sentence is a reference, not a heading.
            if part.is_some() || n == last_top + 1 {
                let key = part.map(|p| p.key.to_string()).unwrap_or_else(|| keys::extra(&title));
                push_top(&mut out, i, body, key.clone(), Some(n.to_string()), title);
                top = Some((n, key));
                (last_sub, next_sector) = (0, 0);
                i = body;
                continue;
            }
        }
        // A numbered heading the template knows without the word «Раздел» (`9. Приложения`,
        // `4. ПРОБЛЕМЫ И ВЫЗОВЫ …`): the next number, a part not yet found, a short line.
        if let Some((n, rest)) = top_num
            && (n == last_top + 1 || (tops == 0 && n == 1))
            && rest.chars().count() <= 100
            && !rest.ends_with([',', ';'])
            && let Some(part) = keys::top_level(rest)
            && !out.heads.iter().any(|h| h.key == part.key)
        {
            let (title, body) = heading_title(lines, i, rest);
            push_top(&mut out, i, body, part.key.to_string(), Some(n.to_string()), title);
            top = Some((n, part.key.to_string()));
            (last_sub, next_sector) = (0, 0);
            i = body;
            continue;
        }
        // `Приложение №1` with its title on the next line.
        let in_body = || {
            top.as_ref()
                .is_some_and(|t| ["card", "problems", "linkage", "projects", "indicators"].contains(&t.1.as_str()))
        };
        if tops >= 3
            && is_appendix_stamp(text)
            && !in_body()
            && let next = lines.get(i + 1).map(|l| l.text).unwrap_or("")
            && (is_caps(next) || text.contains(|c: char| c.is_ascii_digit()))
        {
            let (title, body) =
                if is_caps(next) { (format!("{text} {next}"), i + 2) } else { (text.to_string(), i + 1) };
            let key = keys::top_level(next)
                .filter(|p| p.key == "glossary")
                .map(|p| p.key.to_string())
                .unwrap_or_else(|| "appendices".to_string());
            let key = if out.heads.iter().any(|h| h.key == key) { keys::extra(&title) } else { key };
            push_top(&mut out, i, body, key.clone(), None, title);
            top = Some((last_top, key));
            (last_sub, next_sector) = (0, 0);
            i = body;
            continue;
        }
        // Borrowed: nothing below changes `top`, and most lines are no heading.
        let Some((tn, tkey)) = top.as_ref().map(|(n, k)| (*n, k.as_str())) else {
            i += 1;
            continue;
        };
        // `N.M. Title` under the current section.
        if numbered
            && let Some((major, minor, rest)) = sub_number(text)
            && major == tn
            && minor > last_sub
            && minor <= last_sub + 3
        {
            let (mut title, mut body) = (rest.trim().to_string(), i + 1);
            if title.is_empty() && i + 1 < lines.len() {
                title = lines[i + 1].text.trim().to_string();
                body = i + 2;
            }
            let number = format!("{major}.{minor}");
            let (key, sector) = if tkey == "problems" {
                let name = title.trim_end_matches('.').trim().to_string();
                let s = sector::classify(&name);
                out.sectors.push((SectorRef { key: s.clone(), name }, lines[i].no));
                (keys::sector_child("problems", &s), Some(s))
            } else {
                let key =
                    keys::sub_part(tkey, &title).map(|p| p.key.to_string()).unwrap_or_else(|| keys::extra(&title));
                (key, None)
            };
            out.heads.push(Head { idx: i, body, level: Level::Sub, key, number: Some(number), title, sector });
            last_sub = minor;
            i = body;
            continue;
        }
        // `K. Sector` inside a sectored table section.
        if let Some((n, rest)) = top_num
            && n as usize == next_sector + 1
            && SECTORED.contains(&tkey)
            && tkey != "problems"
            && let Some(s) = sector_of(&out.sectors, n as usize, rest)
        {
            let title = rest.trim().to_string();
            out.heads.push(Head {
                idx: i,
                body: i + 1,
                level: Level::Sub,
                key: keys::sector_child(tkey, &s),
                number: Some(n.to_string()),
                title,
                sector: Some(s),
            });
            next_sector += 1;
        }
        i += 1;
    }
    out
}

/// The sector a table's sector heading `k. name` stands for, if it is one.
fn sector_of(sectors: &[(SectorRef, usize)], k: usize, name: &str) -> Option<String> {
    if name.chars().count() > 80 || name.ends_with([';', ',']) {
        return None;
    }
    let key = sector::classify(name.trim_end_matches('.'));
    match sectors.get(k - 1) {
        Some((s, _)) => (s.key == key).then_some(key),
        // Without a problems section: accept known sectors only.
        None => (sectors.is_empty() && sector::known(name).is_some()).then_some(key),
    }
}

fn push_top(out: &mut Outline, idx: usize, body: usize, key: String, number: Option<String>, title: String) {
    out.heads.push(Head { idx, body, level: Level::Top, key, number, title, sector: None });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the outline reads of a line that [`may_number`] refuses: nothing.
    fn no_number(s: &str) -> bool {
        top_number(s).is_none() && razdel_after(s, None).is_none() && sub_number(s).is_none()
    }

    proptest::proptest! {
        #[test]
        fn lines_refused_by_their_opening_hold_no_number(
            head in "(Приложение|ПРИЛОЖЕНИЕ|приложение|Прил|Раздел|)",
            tail in "[ 0-9IVXрРpPпПаА.№«»a-zа-яА-ЯёЁ\u{400}-\u{4ff}]{0,12}",
        ) {
            let s = format!("{head}{tail}");
            proptest::prop_assert!(may_number(&s) || no_number(&s));
            // The stamp as it was read: the whole line folded first.
            let stamp = crate::text::fold::fold(&s).strip_prefix("приложение").is_some_and(|rest| {
                let num = rest.trim().trim_start_matches('№').trim();
                s.starts_with(|c: char| c.is_uppercase()) && !s.ends_with('.') && num.bytes().all(|b| b.is_ascii_digit())
            });
            proptest::prop_assert_eq!(is_appendix_stamp(&s), stamp);
        }
    }

    #[test]
    fn sample_lines_refused_by_their_opening_hold_no_number() {
        for t in crate::testing::sample_texts() {
            for l in t.lines().map(str::trim) {
                assert!(may_number(l) || no_number(l), "{l}");
            }
        }
        assert!(!may_number("Раздел") || no_number("Раздел"));
        assert!(may_number("раздел 4") && !no_number("раздел 4") && may_number("Раздел IV"));
        assert!(is_appendix_stamp("Приложение №1") && is_appendix_stamp("ПРИЛОЖЕНИЕ 2"));
    }

    #[test]
    fn sub_numbers() {
        assert_eq!(sub_number("2.Раздел «Карточка»"), None);
        assert_eq!(sub_number("8.1.Участники"), Some((8, 1, "Участники")));
        assert_eq!(sub_number("3.1 Цель"), Some((3, 1, "Цель")));
        assert_eq!(sub_number("4.10. Строительство."), Some((4, 10, "Строительство.")));
        assert_eq!(sub_number("1.2.3. Пункт"), None);
        assert_eq!(sub_number("1.2 3"), None);
        assert_eq!(sub_number("2022 год"), None);
        assert_eq!(sub_number("3 Система"), None);
        assert_eq!(sub_number("100.00 100.00"), None);
    }

    #[test]
    fn razdel_headings_in_their_forms() {
        let t = |s: &str| razdel_heading(s);
        assert_eq!(t("4. Раздел «Проблемы»"), Some((4, "Раздел «Проблемы»".into())));
        assert_eq!(t("4 РАЗДЕЛ «ПРОБЛЕМЫ»"), Some((4, "РАЗДЕЛ «ПРОБЛЕМЫ»".into())));
        assert_eq!(t("IV. Раздел «Проблемы»"), Some((4, "Раздел «Проблемы»".into())));
        assert_eq!(t("Раздел 4. Проблемы и вызовы"), Some((4, "Раздел Проблемы и вызовы".into())));
        assert_eq!(t("Раздел IX"), Some((9, String::new())));
        assert_eq!(t("Разделе 6 Стратегии"), None);
        assert_eq!(t("4. Разделение труда"), None);
        assert_eq!(t("IIII. Раздел"), None);
        assert_eq!(t("Разде 4"), None);
        assert_eq!(t("Раздельный 4"), None);
        assert_eq!(t("Развитие 4"), None);
        assert_eq!(t("РАЗДЕЛ 4. Проблемы"), Some((4, "Раздел Проблемы".into())));
        assert_eq!(t("раздел4"), Some((4, String::new())));
        assert_eq!(top_number("12 Приложения"), Some((12, "Приложения")));
        assert_eq!(top_number("2022 год"), None);
        assert_eq!(top_number("3 5"), None);
    }
}
