//! Matching one term against one item: substring and word matching everywhere, fuzzy matching on
//! titles and names, OCR-skeleton matching on body text when asked.
//!
//! Items are folded once at index time with the same byte layout as their display text (see
//! [`super::index`]), so a byte offset found in the folded text is valid in the display text too.

use super::index::{Item, Skeleton};
use super::query::{Term, TermKind};
use crate::text::fold::{fold_yo, ocr_skeleton};
use memchr::memmem::Finder;
use std::ops::Range;

/// How well a term (or an item) matched, worst to best.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    /// Only the OCR skeleton of a word matched.
    Ocr,
    /// The letters occur in order, with gaps (titles and names only).
    Fuzzy,
    /// Inside a word.
    Substring,
    /// At the start of a word.
    Prefix,
    /// A whole word.
    Word,
    /// All words of the query, in order, next to each other.
    Phrase,
}

/// A term prepared for matching: pattern characters and OCR skeleton computed once per query.
#[derive(Debug)]
pub(crate) struct Prepared<'q> {
    pub(crate) term: &'q Term,
    /// The characters a fuzzy match looks for: folded, or ё-folded only when the term is cased.
    chars: Vec<char>,
    /// The term's OCR skeleton, when the term is long enough for skeleton matching to be safe.
    skeleton: Option<String>,
    /// SIMD substring search for the folded term, built once per query.
    finder: Finder<'static>,
}

impl<'q> Prepared<'q> {
    /// Prepares a term.
    pub(crate) fn new(term: &'q Term) -> Self {
        let chars = if term.cased { term.text.chars().map(fold_yo).collect() } else { term.folded.chars().collect() };
        let plain_word = term.kind == TermKind::Fuzzy && !term.negated && term.text.chars().all(char::is_alphanumeric);
        let skeleton = ocr_skeleton(&term.text);
        let skeleton =
            (plain_word && term.text.chars().count() >= 4 && skeleton.chars().count() >= 3).then_some(skeleton);
        let finder = Finder::new(term.folded.as_bytes()).into_owned();
        Prepared { term, chars, skeleton, finder }
    }
}

/// Result of matching one term against one string.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TermMatch {
    pub(crate) class: Class,
    /// Byte offset of the best occurrence.
    pub(crate) first: usize,
    /// Fuzzy score (0 for other classes).
    pub(crate) fuzzy: i32,
}

/// The haystack seen by the matcher: display text and its folded twin (same byte layout).
#[derive(Clone, Copy)]
pub(crate) struct Hay<'a> {
    pub(crate) text: &'a str,
    pub(crate) folded: &'a str,
}

impl<'a> Hay<'a> {
    /// The item's main text.
    pub(crate) fn main(item: &'a Item) -> Self {
        Hay { text: &item.text, folded: &item.folded }
    }
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

fn starts_word(s: &str, b: usize) -> bool {
    s[..b].chars().next_back().is_none_or(|c| !is_word(c))
}

fn ends_word(s: &str, e: usize) -> bool {
    s[e..].chars().next().is_none_or(|c| !is_word(c))
}

/// True when `term` occurs at byte `b` of the haystack (honouring smart case).
pub(crate) fn occurs_at(hay: Hay, b: usize, term: &Term) -> bool {
    if !hay.folded[b..].starts_with(term.folded.as_str()) {
        return false;
    }
    !term.cased || hay.text[b..b + term.folded.len()].chars().map(fold_yo).eq(term.text.chars().map(fold_yo))
}

/// Occurrences of a term as a substring (byte offsets), honouring smart case.
pub(crate) fn occurrences<'a>(hay: Hay<'a>, p: &'a Prepared) -> impl Iterator<Item = usize> + 'a {
    // The folded term is valid UTF-8 and so only matches at character boundaries.
    p.finder.find_iter(hay.folded.as_bytes()).filter(move |&b| occurs_at(hay, b, p.term))
}

fn class_at(hay: Hay, b: usize, len: usize) -> Class {
    match (starts_word(hay.folded, b), ends_word(hay.folded, b + len)) {
        (true, true) => Class::Word,
        (true, false) => Class::Prefix,
        _ => Class::Substring,
    }
}

/// How many occurrences are inspected to find the best one when only ranking.
const SCAN: usize = 8;

/// Matches a term without fuzzy or OCR fallback: the term's operator decides.
fn match_literal(hay: Hay, p: &Prepared) -> Option<TermMatch> {
    let term = p.term;
    let len = term.folded.len();
    let at = |b: usize, class: Class| Some(TermMatch { class, first: b, fuzzy: 0 });
    match term.kind {
        TermKind::Fuzzy | TermKind::Exact => {
            let mut best: Option<TermMatch> = None;
            for b in occurrences(hay, p).take(SCAN) {
                let class = class_at(hay, b, len);
                if best.is_none_or(|m| class > m.class) {
                    best = at(b, class);
                }
                if class == Class::Word {
                    break;
                }
            }
            best
        }
        TermKind::Prefix => occurs_at(hay, 0, term).then(|| at(0, class_at(hay, 0, len))).flatten(),
        TermKind::Suffix => {
            let b = hay.folded.len().checked_sub(len)?;
            (hay.folded.is_char_boundary(b) && occurs_at(hay, b, term)).then(|| at(b, class_at(hay, b, len))).flatten()
        }
        TermKind::Equal => (hay.folded.len() == len && occurs_at(hay, 0, term)).then(|| at(0, Class::Word)).flatten(),
    }
}

/// Matches one positive term. `title` enables fuzzy fallback; `skeleton` enables OCR fallback.
pub(crate) fn match_term(hay: Hay, p: &Prepared, title: bool, skeleton: Option<&Skeleton>) -> Option<TermMatch> {
    if let Some(m) = match_literal(hay, p) {
        return Some(m);
    }
    if p.term.kind != TermKind::Fuzzy {
        return None;
    }
    if title {
        let (score, first) = fuzzy(hay, p, None)?;
        return Some(TermMatch { class: Class::Fuzzy, first, fuzzy: score });
    }
    let (sk, pat) = (skeleton?, p.skeleton.as_deref()?);
    ocr_words(sk, pat).next().map(|w| TermMatch { class: Class::Ocr, first: sk.spans[w].0 as usize, fuzzy: 0 })
}

/// True when a negated term's text occurs in the haystack (the item is then excluded).
pub(crate) fn excluded(hay: Hay, p: &Prepared) -> bool {
    match_literal(hay, p).is_some()
}

/// Indices of words whose skeleton starts with `pat`.
fn ocr_words<'a>(sk: &'a Skeleton, pat: &'a str) -> impl Iterator<Item = usize> + 'a {
    sk.text
        .match_indices(pat)
        .filter(|(b, _)| *b == 0 || sk.text.as_bytes()[b - 1] == b' ')
        .map(|(b, _)| sk.starts.partition_point(|&s| s as usize <= b) - 1)
}

/// All byte ranges where a positive term matches, for highlighting.
pub(crate) fn term_ranges(
    hay: Hay,
    p: &Prepared,
    class: Class,
    skeleton: Option<&Skeleton>,
    out: &mut Vec<Range<usize>>,
) {
    const MAX: usize = 256;
    let len = p.term.folded.len();
    match class {
        Class::Ocr => {
            if let (Some(sk), Some(pat)) = (skeleton, p.skeleton.as_deref()) {
                out.extend(ocr_words(sk, pat).take(MAX).map(|w| sk.spans[w].0 as usize..sk.spans[w].1 as usize));
            }
        }
        Class::Fuzzy => {
            let mut pos = Vec::new();
            if fuzzy(hay, p, Some(&mut pos)).is_some() {
                out.extend(pos.into_iter().map(|(b, c)| b..b + c.len_utf8()));
            }
        }
        _ => match p.term.kind {
            TermKind::Fuzzy | TermKind::Exact => out.extend(occurrences(hay, p).take(MAX).map(|b| b..b + len)),
            _ => {
                if let Some(m) = match_literal(hay, p) {
                    out.push(m.first..m.first + len);
                }
            }
        },
    }
}

/// fzf-style scores.
const SCORE_MATCH: i32 = 16;
const GAP_START: i32 = -3;
const GAP_EXTENSION: i32 = -1;
const BONUS_BOUNDARY_WHITE: i32 = 10;
const BONUS_BOUNDARY: i32 = 8;
const BONUS_DIGIT: i32 = 7;
const BONUS_CONSECUTIVE: i32 = 4;
const BONUS_NON_WORD: i32 = 8;

fn bonus(prev: Option<char>, cur: char) -> i32 {
    if !is_word(cur) {
        return BONUS_NON_WORD;
    }
    match prev {
        None => BONUS_BOUNDARY_WHITE,
        Some(p) if p.is_whitespace() => BONUS_BOUNDARY_WHITE,
        Some(p) if !is_word(p) => BONUS_BOUNDARY,
        Some(p) if cur.is_numeric() && !p.is_numeric() => BONUS_DIGIT,
        _ => 0,
    }
}

/// Fuzzy match in the manner of fzf (in-order letters, scored with fzf's bonuses for word starts and
/// consecutive letters), with Unicode word boundaries so Cyrillic gets them too, and one rule that
/// keeps long titles from matching by scattered letters: the match starts at a word start, and after
/// leaving a word it may only resume at the start of another word ("цпг" finds "Цифровой профиль
/// гражданина", "зрвх" finds "Здравоохранение", but "цифровой" does not find "Цифровизация процесса
/// финансовой"). Every start is tried; the best score wins. Returns the score and the first matched
/// byte; fills `positions` with (byte, char) of each matched character when given.
fn fuzzy(hay: Hay, p: &Prepared, positions: Option<&mut Vec<(usize, char)>>) -> Option<(i32, usize)> {
    let pat = &p.chars;
    let first = *pat.first()?;
    let src = if p.term.cased { hay.text } else { hay.folded };
    let map = |c: char| if p.term.cased { fold_yo(c) } else { c };
    // Most titles do not hold the letters in order at all: one cheap pass rejects them.
    let mut rest = pat.iter().peekable();
    for c in src.chars() {
        if rest.peek().is_some_and(|&&x| x == map(c)) {
            rest.next();
        }
    }
    if rest.peek().is_some() {
        return None;
    }
    let mut best: Option<(i32, Vec<(usize, char)>)> = None;
    let mut prev: Option<char> = None;
    let mut buf = Vec::with_capacity(pat.len());
    for (b, c) in src.char_indices() {
        let word_start = prev.is_none_or(|q| !is_word(q));
        prev = Some(c);
        if map(c) != first || !word_start {
            continue;
        }
        buf.clear();
        buf.push((b, c));
        if align(src, b + c.len_utf8(), &pat[1..], map, &mut buf) {
            let score = score(src, &buf);
            if best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((score, buf.clone()));
            }
        }
    }
    let (score, pos) = best?;
    let start = pos[0].0;
    if let Some(out) = positions {
        out.extend(pos);
    }
    Some((score, start))
}

/// Greedily matches `pat` in `src` from byte `from`, resuming after a word boundary only at a word start.
fn align(src: &str, from: usize, pat: &[char], map: impl Fn(char) -> char, out: &mut Vec<(usize, char)>) -> bool {
    let mut pi = 0;
    let mut crossed = false;
    let mut prev = src[..from].chars().next_back();
    for (b, c) in src[from..].char_indices() {
        if pi == pat.len() {
            break;
        }
        let at_start = prev.is_none_or(|q| !is_word(q));
        prev = Some(c);
        if map(c) == pat[pi] && (!crossed || at_start || !is_word(c)) {
            out.push((from + b, c));
            pi += 1;
            crossed = false;
        } else if !is_word(c) {
            crossed = true;
        }
    }
    pi == pat.len()
}

/// fzf's score of matched positions: points per letter, bonuses at word starts and for runs, gap penalties.
fn score(src: &str, pos: &[(usize, char)]) -> i32 {
    let (start, end) = (pos[0].0, pos[pos.len() - 1].0 + pos[pos.len() - 1].1.len_utf8());
    let mut prev = src[..start].chars().next_back();
    let (mut score, mut k, mut consecutive, mut first_bonus, mut in_gap) = (0, 0, 0, 0, false);
    for (b, c) in src[start..end].char_indices() {
        if k < pos.len() && pos[k].0 == start + b {
            score += SCORE_MATCH;
            let mut bn = bonus(prev, c);
            if consecutive == 0 {
                first_bonus = bn;
            } else {
                if bn >= BONUS_BOUNDARY && bn > first_bonus {
                    first_bonus = bn;
                }
                bn = bn.max(first_bonus).max(BONUS_CONSECUTIVE);
            }
            score += if k == 0 { bn * 2 } else { bn };
            in_gap = false;
            consecutive += 1;
            k += 1;
        } else {
            score += if in_gap { GAP_EXTENSION } else { GAP_START };
            in_gap = true;
            consecutive = 0;
            first_bonus = 0;
        }
        prev = Some(c);
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::index::fold_same_layout;
    use crate::search::query::Query;

    fn hay(s: &str) -> (String, String) {
        (s.to_string(), fold_same_layout(s))
    }

    fn m(text: &str, q: &str, title: bool) -> Option<TermMatch> {
        let (t, f) = hay(text);
        let q = Query::parse(q);
        let p = Prepared::new(&q.groups[0][0]);
        match_term(Hay { text: &t, folded: &f }, &p, title, None)
    }

    #[test]
    fn classes() {
        assert_eq!(m("Здравоохранение", "здрав", true).unwrap().class, Class::Prefix);
        assert_eq!(m("система ЕГИСЗ региона", "егисз", false).unwrap().class, Class::Word);
        assert_eq!(m("система ЕГИСЗ региона", "гис", false).unwrap().class, Class::Substring);
        assert_eq!(m("Цифровой профиль гражданина", "цпг", true).unwrap().class, Class::Fuzzy);
        assert!(m("Цифровой профиль гражданина", "цпг", false).is_none());
        assert!(m("Цифровой профиль", "Профиль", true).is_none());
    }

    #[test]
    fn fuzzy_prefers_word_starts() {
        let (t1, f1) = hay("Цифровой профиль гражданина");
        let (t2, f2) = hay("Цифровизация прочих сервисов");
        let q = Query::parse("цпг");
        let p = Prepared::new(&q.groups[0][0]);
        let a = fuzzy(Hay { text: &t1, folded: &f1 }, &p, None).unwrap().0;
        assert!(fuzzy(Hay { text: &t2, folded: &f2 }, &p, None).is_none());
        let q2 = Query::parse("цифпроф");
        let p2 = Prepared::new(&q2.groups[0][0]);
        assert!(fuzzy(Hay { text: &t1, folded: &f1 }, &p2, None).unwrap().0 > a);
        // Scattered letters across words do not match; skipping letters inside a word does.
        let (t3, f3) = hay("Цифровизация процесса оказания финансовой помощи");
        let q3 = Query::parse("цифровой");
        assert!(fuzzy(Hay { text: &t3, folded: &f3 }, &Prepared::new(&q3.groups[0][0]), None).is_none());
        let (t4, f4) = hay("Здравоохранение");
        let q4 = Query::parse("зрвх");
        assert!(fuzzy(Hay { text: &t4, folded: &f4 }, &Prepared::new(&q4.groups[0][0]), None).is_some());
        // The best start wins: "пг" at "профиль гражданина", not at an earlier mid-word п.
        let q5 = Query::parse("пг");
        let mut pos = Vec::new();
        fuzzy(Hay { text: &t1, folded: &f1 }, &Prepared::new(&q5.groups[0][0]), Some(&mut pos)).unwrap();
        assert_eq!(pos.iter().map(|p| p.1).collect::<String>(), "пг");
        assert_eq!(t1[pos[0].0..].chars().next(), Some('п'));
    }
}
