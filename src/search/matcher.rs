//! Matching one term against one item: substring and word matching everywhere, fuzzy matching on
//! titles and names, OCR-skeleton matching on body text when asked.
//!
//! Items are folded as they are matched, with the same byte layout as their display text (see
//! [`super::index::fold_layout`]), so a byte offset found in the folded text is valid in the
//! display text too.

use super::index::Skeleton;
use super::query::{Term, TermKind};
use super::stem;
use crate::compare::norm::FxMap;
use crate::text::fold::{fold_yo, is_word_char, ocr_skeleton};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use memchr::memmem::Finder;
use std::ops::Range;
use std::sync::{LazyLock, Mutex, PoisonError};

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
    /// Another form of the word: the same Snowball stem.
    Stem,
    /// A whole word.
    Word,
    /// All words of the query, in order, next to each other.
    Phrase,
}

/// A term prepared for matching: pattern characters and OCR skeleton computed once per query.
#[derive(Debug)]
pub(crate) struct Prepared<'q> {
    pub(crate) term: &'q Term,
    /// The pattern a fuzzy match looks for: folded, or ё-folded only when the term is cased.
    pattern: String,
    /// The term's OCR skeleton, when the term is long enough for skeleton matching to be safe.
    skeleton: Option<String>,
    /// SIMD substring search for the folded stem (the whole folded term for operators), built once
    /// per query: every occurrence of the term is an occurrence of its stem. Its prefilter ranks
    /// bytes by their frequency in Russian text ([`super::cache::finder`]).
    finder: Finder<'static>,
    /// Characters of the stem, for the case-sensitive check of a stem occurrence.
    stem_chars: usize,
    /// Whether a word starting with the stem has that same stem, for the words seen so far: the
    /// stemmer runs once per distinct word of a query, not at every occurrence.
    same_stems: Mutex<FxMap<Box<str>, bool>>,
}

impl<'q> Prepared<'q> {
    /// Prepares a term.
    pub(crate) fn new(term: &'q Term) -> Self {
        let pattern = if term.cased { term.text.chars().map(fold_yo).collect() } else { term.folded.clone() };
        let plain_word = term.kind == TermKind::Fuzzy && !term.negated && term.text.chars().all(is_word);
        let skeleton = ocr_skeleton(&term.text);
        let skeleton =
            (plain_word && term.text.chars().count() >= 4 && skeleton.chars().count() >= 3).then_some(skeleton);
        let finder = super::cache::finder(&term.stem);
        let stem_chars = term.stem.chars().count();
        Prepared { term, pattern, skeleton, finder, stem_chars, same_stems: Mutex::default() }
    }

    /// True when the term matches word forms through its stem.
    fn stems(&self) -> bool {
        self.term.kind == TermKind::Fuzzy
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

#[inline]
fn is_word(c: char) -> bool {
    is_word_char(c)
}

fn starts_word(s: &str, b: usize) -> bool {
    s[..b].chars().next_back().is_none_or(|c| !is_word(c))
}

fn ends_word(s: &str, e: usize) -> bool {
    s[e..].chars().next().is_none_or(|c| !is_word(c))
}

/// Byte offset of the end of the word that contains byte `b`.
pub(crate) fn word_end(s: &str, b: usize) -> usize {
    s[b..].char_indices().find(|&(_, c)| !is_word(c)).map_or(s.len(), |(i, _)| b + i)
}

/// True when `term` occurs at byte `b` of the haystack (honouring smart case).
pub(crate) fn occurs_at(hay: Hay, b: usize, term: &Term) -> bool {
    if !hay.folded[b..].starts_with(term.folded.as_str()) {
        return false;
    }
    !term.cased || hay.text[b..b + term.folded.len()].chars().map(fold_yo).eq(term.text.chars().map(fold_yo))
}

/// True when the term's stem occurs at byte `b` (honouring smart case).
fn stem_at(hay: Hay, b: usize, p: &Prepared) -> bool {
    let term = p.term;
    if !hay.folded[b..].starts_with(term.stem.as_str()) {
        return false;
    }
    !term.cased
        || hay.text[b..b + term.stem.len()].chars().map(fold_yo).eq(term.text.chars().take(p.stem_chars).map(fold_yo))
}

/// One place where a term matches: byte range to highlight and how well it matched.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Occurrence {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) class: Class,
}

/// Where a plain or exact term occurs: for a plain term, every word starting with its stem (the
/// whole word form, ranked exact form > same stem > word prefix) and every occurrence of the whole
/// term inside a word; for an exact term, its occurrences as typed.
pub(crate) fn occurrences<'a>(hay: Hay<'a>, p: &'a Prepared) -> impl Iterator<Item = Occurrence> + 'a {
    // The folded stem is valid UTF-8 and so only matches at character boundaries.
    let len = p.term.folded.len();
    p.finder.find_iter(hay.folded.as_bytes()).filter_map(move |b| {
        if !p.stems() {
            return occurs_at(hay, b, p.term).then(|| Occurrence {
                start: b,
                end: b + len,
                class: class_at(hay, b, len),
            });
        }
        if !stem_at(hay, b, p) {
            return None;
        }
        let whole = occurs_at(hay, b, p.term);
        if !starts_word(hay.folded, b) {
            return whole.then_some(Occurrence { start: b, end: b + len, class: Class::Substring });
        }
        let end = word_end(hay.folded, b + if whole { len } else { p.term.stem.len() });
        let class = if whole && end == b + len {
            Class::Word
        } else if same_stem(&hay.folded[b..end], p) {
            Class::Stem
        } else {
            Class::Prefix
        };
        Some(Occurrence { start: b, end, class })
    })
}

/// True when a folded word that starts with the term's stem has that same stem (another form of the
/// same word, not a longer word).
fn same_stem(word: &str, p: &Prepared) -> bool {
    // A stem is either the whole word or at least `MIN_STEM` letters: a shorter query stem is
    // only the same stem as the word itself (and short prefixes, typed first, skip the stemmer).
    if p.stem_chars < stem::MIN_STEM {
        return word == p.term.stem;
    }
    // Russian endings are short: a word much longer than the stem is another word.
    if word.len() > p.term.stem.len() + 16 {
        return false;
    }
    let seen = p.same_stems.lock().unwrap_or_else(PoisonError::into_inner).get(word).copied();
    seen.unwrap_or_else(|| {
        let same = stem::stem(word) == p.term.stem;
        p.same_stems.lock().unwrap_or_else(PoisonError::into_inner).insert(word.into(), same);
        same
    })
}

/// Where the term matches at a word start (a plain term's word forms and prefixes, an exact
/// term as typed there): the end of each such match, as [`occurrences`] of class
/// [`Class::Prefix`] or better end, without ranking them (no stemming).
pub(crate) fn word_start_ends<'a>(hay: Hay<'a>, p: &'a Prepared) -> impl Iterator<Item = usize> + 'a {
    (p.finder.find_iter(hay.folded.as_bytes()))
        .filter(move |&b| starts_word(hay.folded, b))
        .filter_map(move |b| word_match_end(hay, b, p))
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
            for o in occurrences(hay, p).take(SCAN) {
                if best.is_none_or(|m| o.class > m.class) {
                    best = at(o.start, o.class);
                }
                if o.class == Class::Word {
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

/// The end of the matched word when a phrase's next term matches the word at byte `b` (a word
/// start): by stem for plain terms, as typed for exact ones.
pub(crate) fn word_match_end(hay: Hay, b: usize, p: &Prepared) -> Option<usize> {
    if p.stems() {
        stem_at(hay, b, p).then(|| word_end(hay.folded, b + p.term.stem.len()))
    } else {
        occurs_at(hay, b, p.term).then(|| b + p.term.folded.len())
    }
}

/// Matches one positive term. `title` enables fuzzy fallback; `skeleton` enables OCR fallback.
pub(crate) fn match_term(hay: Hay, p: &Prepared, title: bool, skeleton: Option<&Skeleton>) -> Option<TermMatch> {
    match match_unscored(hay, p, title, skeleton)? {
        m if m.class == Class::Fuzzy => score_fuzzy(hay, p),
        m => Some(m),
    }
}

/// [`match_term`] without scoring a fuzzy match (the fuzzy matcher's costly part): a term that
/// matches only fuzzily gets class [`Class::Fuzzy`] with `first` and `fuzzy` 0, to be scored by
/// [`score_fuzzy`] when its score is needed. Whether it matches is exact.
pub(crate) fn match_unscored(hay: Hay, p: &Prepared, title: bool, skeleton: Option<&Skeleton>) -> Option<TermMatch> {
    if let Some(m) = match_literal(hay, p) {
        return Some(m);
    }
    if p.term.kind != TermKind::Fuzzy {
        return None;
    }
    if title {
        return fuzzy_fits(hay, p).then_some(TermMatch { class: Class::Fuzzy, first: 0, fuzzy: 0 });
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
            TermKind::Fuzzy | TermKind::Exact => out.extend(occurrences(hay, p).take(MAX).map(|o| o.start..o.end)),
            _ => {
                if let Some(m) = match_literal(hay, p) {
                    out.push(m.first..m.first + len);
                }
            }
        },
    }
}

/// The fuzzy matcher: fuzzy-matcher's skim algorithm (fzf's scoring) on strata's folded text.
static SKIM: LazyLock<SkimMatcherV2> = LazyLock::new(|| SkimMatcherV2::default().respect_case());

/// The fuzzy match of a term that [`match_unscored`] found to match only fuzzily: its score and
/// first matched byte; `None` when it does not match fuzzily.
pub(crate) fn score_fuzzy(hay: Hay, p: &Prepared) -> Option<TermMatch> {
    let (score, first) = fuzzy_scored(hay, p, None)?;
    Some(TermMatch { class: Class::Fuzzy, first, fuzzy: score })
}

/// Fuzzy match: fuzzy-matcher's `SkimMatcherV2` finds and scores the in-order letters (bonuses for
/// word starts and runs) over the folded text, and strata's word rules keep long titles from
/// matching by scattered letters: the match starts at a word start, after leaving a word it resumes
/// only at the start of the next word, and it never skips a whole word ("цпг" finds "Цифровой
/// профиль гражданина", "зрвх" finds "Здравоохранение", but "цифровой" does not find "Цифровизация
/// процесса финансовой"). Returns the score and the first matched byte; fills `positions` with
/// (byte, char) of each matched character when given.
fn fuzzy(hay: Hay, p: &Prepared, positions: Option<&mut Vec<(usize, char)>>) -> Option<(i32, usize)> {
    fuzzy_fits(hay, p).then(|| fuzzy_scored(hay, p, positions)).flatten()
}

/// The text a fuzzy match reads: folded, or the display text ё-folded when the term is cased.
fn fuzzy_source<'a>(hay: Hay<'a>, p: &Prepared) -> std::borrow::Cow<'a, str> {
    match p.term.cased {
        true if hay.text.contains(['ё', 'Ё']) => hay.text.chars().map(fold_yo).collect::<String>().into(),
        true => hay.text.into(),
        false => hay.folded.into(),
    }
}

/// True when the term matches `hay` fuzzily ([`fuzzy`] finds a match): some alignment of its
/// letters keeps strata's word rules (the fuzzy matcher then finds one, as the letters occur in
/// order). Linear in the characters per pattern character: no scoring.
fn fuzzy_fits(hay: Hay, p: &Prepared) -> bool {
    let pat = p.pattern.as_str();
    let cased = p.term.cased;
    let map = |c: char| if cased { fold_yo(c) } else { c };
    // Most titles do not hold the letters in order after a word that starts with the first one
    // (where every match starts): one cheap pass rejects them.
    let src = if cased { hay.text } else { hay.folded };
    let mut rest = pat.chars().peekable();
    let (mut started, mut after_word) = (false, false);
    for c in src.chars() {
        if rest.peek().is_some_and(|&x| x == map(c)) && (started || !after_word) {
            rest.next();
            started = true;
        }
        after_word = is_word(c);
    }
    if rest.peek().is_some() {
        return false;
    }
    // Most titles that pass hold no alignment the word rules allow, whichever the matcher picks.
    let chars: Vec<(usize, char)> = fuzzy_source(hay, p).char_indices().collect();
    aligns(&chars, pat, None)
}

/// The fuzzy match of a term whose letters [`fuzzy_fits`] `hay`: scored by the matcher on its best
/// alignment when that keeps the word rules, else on one that does.
fn fuzzy_scored(hay: Hay, p: &Prepared, positions: Option<&mut Vec<(usize, char)>>) -> Option<(i32, usize)> {
    let pat = p.pattern.as_str();
    let src = fuzzy_source(hay, p);
    let src = src.as_ref();
    let chars: Vec<(usize, char)> = src.char_indices().collect();
    let (mut score, mut idx) = SKIM.fuzzy_indices(src, pat)?;
    if !word_rules(&chars, &idx) {
        // The matcher's best alignment breaks the word rules though another keeps them («инф» in
        // «Мобильный идентификатор»: и, н from the first word): that one is taken, scored by the
        // matcher over its span. So whatever matches a longer query also matches its prefixes.
        let mut ours = Vec::with_capacity(idx.len());
        if !aligns(&chars, pat, Some(&mut ours)) {
            return None;
        }
        let span = &src[chars[ours[0]].0..chars[*ours.last()?].0 + chars[*ours.last()?].1.len_utf8()];
        score = SKIM.fuzzy_match(span, pat).map_or(score, |s| s.min(score));
        idx = ours;
    }
    let start = chars[idx[0]].0;
    if let Some(out) = positions {
        out.extend(idx.iter().map(|&i| chars[i]));
    }
    Some((score.clamp(0, i32::MAX as i64) as i32, start))
}

/// True when some alignment of the pattern's characters with `chars` keeps strata's word rules
/// ([`word_rules`]): without one, no alignment the fuzzy matcher picks can keep them. Linear in
/// the characters per pattern character, without allocating beyond one flag per character; with
/// `out`, one such alignment (character indices, ascending) is written there, keeping a flag per
/// character and pattern character to find it.
fn aligns(chars: &[(usize, char)], pat: &str, out: Option<&mut Vec<usize>>) -> bool {
    let n = chars.len();
    let kinds = kinds(chars);
    let word = |k: usize| kinds[k] & WORD != 0;
    let starts_at = |k: usize| kinds[k] & START != 0;
    // A long word starts here (only asked at word starts).
    let long_word = |k: usize| kinds[k] & LONG != 0;
    // reach[k]: the pattern so far can end matched at character k.
    let mut reach = vec![false; n];
    let mut pc = pat.chars();
    let Some(first) = pc.next() else { return false };
    let mut any = false;
    for k in 0..n {
        reach[k] = chars[k].1 == first && starts_at(k);
        any |= reach[k];
    }
    let mut steps: Vec<Vec<bool>> = Vec::new();
    for c in pc {
        if !any {
            return false;
        }
        if out.is_some() {
            steps.push(reach.clone());
        }
        any = false;
        // The last reachable character before k, whether one lies in k's word before it, and the
        // last start of a long word before k.
        let (mut last, mut in_word, mut long_start): (Option<usize>, bool, Option<usize>) = (None, false, None);
        for k in 0..n {
            let was = reach[k];
            if starts_at(k) {
                in_word = false;
            }
            let start = starts_at(k);
            let mid = word(k) && !start;
            reach[k] =
                chars[k].1 == c && if mid { in_word } else { last.is_some_and(|i| long_start.is_none_or(|l| l <= i)) };
            any |= reach[k];
            if start && long_word(k) {
                long_start = Some(k);
            }
            if was {
                last = Some(k);
                in_word |= word(k);
            }
        }
    }
    if let (true, Some(out)) = (any, out) {
        // Back from the last reachable end: each step's character is the latest one reachable
        // before the next (the one the forward pass let the next follow).
        let mut k = (0..n).rev().find(|&k| reach[k]).unwrap_or(0);
        out.clear();
        out.push(k);
        for prev in steps.iter().rev() {
            k = (0..k).rev().find(|&i| prev[i]).unwrap_or(0);
            out.push(k);
        }
        out.reverse();
    }
    any
}

/// Character kinds in [`aligns`]: a word character, a word start, the first of at least three word
/// characters in a row (at a word start: a long word, which a match may not skip).
const WORD: u8 = 1;
const START: u8 = 2;
const LONG: u8 = 4;

/// Each character's kind ([`WORD`], [`START`], [`LONG`]), read once, from the end (the count of
/// word characters from each one on).
fn kinds(chars: &[(usize, char)]) -> Vec<u8> {
    let n = chars.len();
    let (mut kinds, mut run) = (vec![0u8; n], 0);
    for k in (0..n).rev() {
        run = if is_word(chars[k].1) { run + 1 } else { 0 };
        kinds[k] = if run == 0 { 0 } else { WORD | if run >= 3 { LONG } else { 0 } };
        if run == 0 && k + 1 < n && kinds[k + 1] & WORD != 0 {
            kinds[k + 1] |= START;
        }
    }
    if kinds.first().is_some_and(|&f| f & WORD != 0) {
        kinds[0] |= START;
    }
    kinds
}

/// strata's word rules on a fuzzy alignment (character indices into `chars`, ascending).
fn word_rules(chars: &[(usize, char)], idx: &[usize]) -> bool {
    let starts_at = |k: usize| is_word(chars[k].1) && (k == 0 || !is_word(chars[k - 1].1));
    if idx.is_empty() || !starts_at(idx[0]) {
        return false;
    }
    // Words of one or two letters («и», «в», «на») may be skipped.
    let long_word = |k: usize| chars[k..].iter().take(3).take_while(|c| is_word(c.1)).count() == 3;
    idx.windows(2).all(|w| {
        let (i, j) = (w[0], w[1]);
        let skipped = (i + 1..j).filter(|&k| starts_at(k)).collect::<Vec<_>>();
        if !is_word(chars[j].1) || starts_at(j) { skipped.iter().all(|&k| !long_word(k)) } else { skipped.is_empty() }
    })
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

    /// The alignment check only rejects titles the fuzzy matcher and the word rules reject too.
    #[test]
    fn alignment_check_rejects_only_what_the_word_rules_reject_and_a_kept_alignment_is_found() {
        let docs: Vec<_> = crate::samples::BUNDLED.iter().map(|(n, j)| crate::load::parse(n, j).unwrap()).collect();
        let index = crate::search::Index::build(&docs);
        let patterns =
            ["цпг", "зрвх", "плат", "обра", "инфб", "цифпроф", "пг", "ии", "проект", "обратсвяз", "тм", "иб"];
        let (mut found, mut titles) = (0, 0);
        for it in index.items.iter().filter(|it| it.field.is_title()) {
            titles += 1;
            for pat in patterns {
                let q = Query::parse(pat);
                let p = Prepared::new(&q.groups[0][0]);
                let folded = it.folded();
                let chars: Vec<(usize, char)> = folded.as_str().char_indices().collect();
                let skim = SKIM.fuzzy_indices(folded.as_str(), pat);
                let ours = fuzzy(folded.hay(), &p, None);
                match skim {
                    // The matcher's best alignment keeps the word rules: its score is ours.
                    Some((score, idx)) if word_rules(&chars, &idx) => {
                        assert_eq!(ours.map(|o| o.0), Some(score as i32), "«{pat}» in «{}»", it.text)
                    }
                    // It breaks them: another alignment that keeps them is taken where one exists,
                    // scored no higher than the matcher's best.
                    Some((score, _)) if aligns(&chars, pat, None) => {
                        assert!(ours.is_some_and(|o| o.0 as i64 <= score), "«{pat}» in «{}»", it.text)
                    }
                    _ => assert_eq!(ours, None, "«{pat}» in «{}»", it.text),
                }
                found += usize::from(ours.is_some());
            }
        }
        assert!(titles > 1000 && found > 100, "{titles} titles, {found} matches");
    }

    /// Telling that a term matches fuzzily without scoring it (`fuzzy_fits`) is exact: the fuzzy
    /// matcher scores exactly the titles it admits, on every title of the samples and on generated
    /// text (short words of a few common letters, punctuation, case and ё, where scattered
    /// alignments abound).
    #[test]
    fn a_fuzzy_fit_is_exactly_a_scored_fuzzy_match() {
        let check = |text: &str, pat: &str| {
            let (t, f) = hay(text);
            let q = Query::parse(pat);
            let p = Prepared::new(&q.groups[0][0]);
            let h = Hay { text: &t, folded: &f };
            let fits = fuzzy_fits(h, &p);
            assert_eq!(fits, fuzzy_scored(h, &p, None).is_some(), "«{pat}» in «{text}»");
            if fits {
                assert!(SKIM.fuzzy_indices(&fuzzy_source(h, &p), &p.pattern).is_some(), "«{pat}» in «{text}»");
            }
            let unscored = match_unscored(h, &p, true, None).map(|m| m.class);
            assert_eq!(unscored, match_term(h, &p, true, None).map(|m| m.class), "«{pat}» in «{text}»");
            usize::from(fits)
        };
        let docs: Vec<_> = crate::samples::BUNDLED.iter().map(|(n, j)| crate::load::parse(n, j).unwrap()).collect();
        let index = crate::search::Index::build(&docs);
        let patterns = ["цпг", "про", "без", "ор", "инфб", "цифпроф", "пг", "ии", "обратсвяз", "иб", "Цп", "мо"];
        let mut fits = 0;
        for it in index.items.iter().filter(|it| it.field.is_title()) {
            for pat in patterns {
                fits += check(&it.text, pat);
            }
        }
        assert!(fits > 100, "{fits} fuzzy fits on the samples");
        let mut rng = crate::corpus::Rng::new(7);
        let letters: Vec<char> = "проабеёиПРОБ".chars().collect();
        let word = |rng: &mut crate::corpus::Rng, max: usize| -> String {
            (0..1 + rng.below(max)).map(|_| letters[rng.below(letters.len())]).collect()
        };
        let (mut generated, mut matched) = (0, 0);
        for _ in 0..20_000 {
            let mut text = String::new();
            for w in 0..1 + rng.below(6) {
                if w > 0 {
                    text.push_str([" ", " ", "-", ", ", " «"][rng.below(5)]);
                }
                text.push_str(&word(&mut rng, 5));
            }
            let pat = word(&mut rng, 4).to_string();
            let pat = if rng.chance(0.7) { pat.to_lowercase() } else { pat };
            if Query::parse(&pat).groups.first().is_none_or(|g| g.len() != 1) {
                continue;
            }
            generated += 1;
            matched += check(&text, &pat);
        }
        assert!(generated > 15_000 && matched > 1_000 && matched < generated, "{matched} of {generated}");
    }

    /// The character kinds `aligns` reads are those the word rules define character by character.
    #[test]
    fn character_kinds_are_word_starts_and_long_words() {
        let texts = ["", "и", " а", "Цифровой профиль", "«ИИ» в 3D-печати, т.е. и пр.", "аб вгд", "x  yz-"];
        for t in texts {
            let chars: Vec<(usize, char)> = t.char_indices().collect();
            let word = |k: usize| is_word(chars[k].1);
            let want: Vec<u8> = (0..chars.len())
                .map(|k| {
                    let start = word(k) && (k == 0 || !word(k - 1));
                    let long = chars[k..].iter().take(3).take_while(|c| is_word(c.1)).count() == 3;
                    (u8::from(word(k)) * WORD) | (u8::from(start) * START) | (u8::from(long) * LONG)
                })
                .collect();
            assert_eq!(kinds(&chars), want, "«{t}»");
        }
    }

    #[test]
    fn a_fuzzy_match_of_a_query_is_one_of_its_prefixes_too() {
        // The matcher's own best alignment of «инф» starts inside «Мобильный»; another keeps the
        // word rules, so «инф» matches as «инфо» does.
        let (t, f) = hay("Мобильный идентификатор гражданина");
        for q in ["инфо", "инф"] {
            let query = Query::parse(q);
            let p = Prepared::new(&query.groups[0][0]);
            let mut pos = Vec::new();
            let (_, start) = fuzzy(Hay { text: &t, folded: &f }, &p, Some(&mut pos)).unwrap_or_else(|| panic!("{q}"));
            assert_eq!(&t[start..start + "ид".len()], "ид", "{q}");
            assert_eq!(pos.len(), q.chars().count(), "{q}");
        }
        // Over every title of the bundled samples, every prefix of a query that matches fuzzily
        // matches too (the word rules hold for a prefix of any alignment that keeps them).
        let set = crate::load::load_bundled();
        let titles: Vec<String> =
            set.docs.iter().flat_map(|l| l.doc.walk().map(|(_, s)| s.title.clone()).collect::<Vec<_>>()).collect();
        for q in ["информационн", "цифровойпроф", "здравоохр", "инфраструктур", "мобильн", "госуслуг"]
        {
            let queries: Vec<(String, Query)> = q
                .char_indices()
                .skip(1)
                .map(|(b, _)| q[..b].to_string())
                .chain([q.to_string()])
                .map(|p| {
                    let query = Query::parse(&p);
                    (p, query)
                })
                .collect();
            let prepared: Vec<(&str, Prepared)> =
                queries.iter().map(|(p, query)| (p.as_str(), Prepared::new(&query.groups[0][0]))).collect();
            for t in &titles {
                let f = fold_same_layout(t);
                let hits: Vec<bool> =
                    prepared.iter().map(|(_, p)| fuzzy(Hay { text: t, folded: &f }, p, None).is_some()).collect();
                for w in hits.windows(2).enumerate() {
                    assert!(
                        w.1[0] || !w.1[1],
                        "«{}» matches «{t}» but «{}» does not",
                        prepared[w.0 + 1].0,
                        prepared[w.0].0
                    );
                }
            }
        }
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
