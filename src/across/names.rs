//! When two regions' project (or indicator) names mean the same thing.
//!
//! Regions copy the federal menu's names with small differences: an abbreviation added or spelt
//! out («Платформа обратной связи (ПОС)», «РФ» / «Российской Федерации»), prepositions and
//! punctuation lost in flattened OCR text («Надежная инфраструктура сфере здравоохранения»), word
//! endings cut or words split («модернизированн ой», «ЖК» for «ЖКХ»), a framing word in front
//! («Проект …», «Инициатива …», «Создание …»). Names of *different* federal projects, on the other
//! hand, often differ in a single word («Цифровой помощник ученика» / «… учителя» / «… родителя»).
//!
//! # The rule
//!
//! A name becomes a list of *content tokens*: words split at non-letters and at a lower-to-upper
//! case joint («ПЭНМобильный» → «ПЭН», «Мобильный»); folded (case, ё/е, й/и); stopwords, lower-case
//! fragments of one or two letters and framing words ([`FRAMING`]) dropped; each word cut to its
//! stem by removing one inflectional ending ([`stem`]). Words of two or more capitals are
//! abbreviations and keep their letters.
//!
//! Two tokens match when their stems are equal, when one stem is a prefix of the other and the
//! shorter has at least [`MIN_PREFIX`] letters (a cut ending), or, for abbreviations, when one is a
//! prefix of the other (a lost last letter). An abbreviation also covers the words whose initials
//! spell it (one word may be skipped: «ЕГИСЗ» covers «единой государственной информационной системы
//! сфере здравоохранения»).
//!
//! Two names are **the same project** when every content token of one of them is covered by the
//! other (the other may add words: a framing, a spelt-out abbreviation, an explanation), and the
//! covered name has at least two content tokens (a one-word name only matches a name that it covers
//! completely in turn). A token of the covered name that the other lacks — «ученика» against
//! «учителя» — keeps them apart, which is what keeps different federal projects apart. The match's
//! score, used to choose among several candidates, is the share of both names' tokens covered.

use crate::text::fold::{fold_char, is_stopword, is_word_char, ocr_skeleton};

/// Framing words that say what is done to a project, not which project it is (compared by stem).
pub const FRAMING: &[&str] = &[
    "проект",
    "инициатива",
    "реализация",
    "суперсервис",
    "создание",
    "развитие",
    "внедрение",
    "формирование",
    "использование",
];

fn is_framing(stem_: &str) -> bool {
    static SET: std::sync::LazyLock<Vec<&'static str>> =
        std::sync::LazyLock::new(|| FRAMING.iter().map(|w| stem(w)).collect());
    SET.contains(&stem_)
}

/// The shortest stem that may match a longer one it begins (a word cut by the extraction).
pub const MIN_PREFIX: usize = 6;

/// Inflectional endings removed by [`stem`] (of folded words, so й is и), longest first.
const ENDINGS: &[&str] = &[
    "иями", "ями", "ами", "ого", "его", "ому", "ему", "ыми", "ими", "ая", "яя", "ое", "ее", "ые", "ие", "ыи", "ии",
    "ои", "еи", "ых", "их", "ую", "юю", "ом", "ем", "ам", "ям", "ах", "ях", "ию", "ия", "ов", "ев", "а", "я", "о", "е",
    "ы", "и", "у", "ю", "ь",
];

/// The stem of a folded word: the word without its longest inflectional ending, keeping at least
/// four letters.
pub fn stem(word: &str) -> &str {
    let n = word.chars().count();
    for e in ENDINGS {
        if let Some(s) = word.strip_suffix(e)
            && n - e.chars().count() >= 4
        {
            return s;
        }
    }
    word
}

/// One content token of a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Folded stem (abbreviations: all their folded letters).
    pub stem: String,
    /// Written in capitals: an abbreviation.
    pub abbr: bool,
    /// The folded first letter of the word (for abbreviation initials).
    pub initial: char,
    /// The stem's OCR skeleton (see [`ocr_skeleton`]), for stems of seven letters or more.
    pub skeleton: String,
}

/// The content tokens of a name, in order (see the module doc).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameKey {
    /// Content tokens.
    pub tokens: Vec<Token>,
    /// The tokens' stems joined by spaces: equal keys are the same name.
    pub exact: String,
    /// Some token is an abbreviation (which may cover words of another name).
    pub has_abbr: bool,
}

/// The keys of many lists of names (one list per region), each distinct name keyed once: regions
/// copy the federal menu, so most names recur and keying dominated building the rows.
#[derive(Debug, Clone, Default)]
pub struct Keys {
    keys: Vec<NameKey>,
    of: Vec<Vec<usize>>,
}

impl Keys {
    /// The keys of `lists[c][i]`.
    pub fn new<'a, L, I>(lists: L) -> Keys
    where
        L: IntoIterator<Item = I>,
        I: IntoIterator<Item = &'a str>,
    {
        let mut seen: std::collections::HashMap<&'a str, usize> = std::collections::HashMap::new();
        let mut keys = Vec::new();
        let of = lists
            .into_iter()
            .map(|l| {
                l.into_iter()
                    .map(|name| {
                        *seen.entry(name).or_insert_with(|| {
                            keys.push(NameKey::new(name));
                            keys.len() - 1
                        })
                    })
                    .collect()
            })
            .collect();
        Keys { keys, of }
    }

    /// The key of name `i` of list `c`.
    pub fn get(&self, c: usize, i: usize) -> &NameKey {
        &self.keys[self.of[c][i]]
    }
}

/// Splits a word at a lower-to-upper case joint and before the last capital of a capital run
/// followed by a lower-case letter ("ПЭНМобильный" → "ПЭН", "Мобильный").
fn split_joints(word: &str) -> Vec<&str> {
    let cs: Vec<(usize, char)> = word.char_indices().collect();
    let mut cuts = Vec::new();
    for i in 1..cs.len() {
        let (prev, cur) = (cs[i - 1].1, cs[i].1);
        let next_lower = cs.get(i + 1).is_some_and(|c| c.1.is_lowercase());
        if cur.is_uppercase() && (prev.is_lowercase() || (prev.is_uppercase() && next_lower && i >= 2)) {
            cuts.push(cs[i].0);
        }
    }
    let mut out = Vec::with_capacity(cuts.len() + 1);
    let mut from = 0;
    for c in cuts {
        out.push(&word[from..c]);
        from = c;
    }
    out.push(&word[from..]);
    out
}

impl NameKey {
    /// The key of a printed name.
    pub fn new(name: &str) -> NameKey {
        let mut all = Vec::new();
        for raw in name.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty()) {
            for w in split_joints(raw) {
                let letters = w.chars().filter(|c| c.is_alphabetic()).count();
                let abbr = letters >= 2 && w.chars().all(|c| !c.is_lowercase());
                let folded: String = w.chars().map(|c| if c == 'й' || c == 'Й' { 'и' } else { fold_char(c) }).collect();
                let initial = folded.chars().next().unwrap_or(' ');
                all.push((folded, abbr, initial));
            }
        }
        let content = |framing_too: bool| -> Vec<Token> {
            all.iter()
                .filter(|(w, abbr, _)| {
                    *abbr || !(is_stopword(w) || (w.chars().count() <= 2 && !w.chars().all(|c| c.is_ascii_digit())))
                })
                .map(|(w, abbr, initial)| {
                    let stem = if *abbr { w.clone() } else { stem(w).to_string() };
                    let skeleton =
                        if !*abbr && stem.chars().count() >= 7 { ocr_skeleton(&stem) } else { String::new() };
                    Token { stem, abbr: *abbr, initial: *initial, skeleton }
                })
                .filter(|t| framing_too || t.abbr || !is_framing(&t.stem))
                .collect()
        };
        let mut tokens = content(false);
        if tokens.is_empty() {
            tokens = content(true);
        }
        let exact = tokens.iter().map(|t| t.stem.as_str()).collect::<Vec<_>>().join(" ");
        let has_abbr = tokens.iter().any(|t| t.abbr);
        NameKey { tokens, exact, has_abbr }
    }

    /// True when the name has no content token at all.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }
}

/// Whether two tokens are the same word (see the module doc).
pub fn tokens_match(a: &Token, b: &Token) -> bool {
    if a.stem == b.stem {
        return true;
    }
    let (s, l) = if a.stem.len() <= b.stem.len() { (a, b) } else { (b, a) };
    if a.abbr && b.abbr {
        return s.stem.chars().count() >= 2 && l.stem.starts_with(&s.stem);
    }
    if a.abbr || b.abbr {
        return false;
    }
    let n = s.stem.chars().count();
    (n >= MIN_PREFIX && l.stem.starts_with(&s.stem)) || (!s.skeleton.is_empty() && s.skeleton == l.skeleton)
}

/// Marks the tokens of `words` (from `start`) whose initials spell `abbr`, one skipped word
/// allowed; returns the covered positions. With `cut`, words that end after at least three
/// letters of the abbreviation are spelt too (a name cut short by the extraction).
fn spelled_at(abbr: &str, words: &[Token], start: usize, cut: bool) -> Option<Vec<usize>> {
    let letters: Vec<char> = abbr.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 2 || words[start].abbr || words[start].initial != letters[0] {
        return None;
    }
    let mut at = vec![start];
    let (mut k, mut i, mut skipped) = (1, start + 1, false);
    while k < letters.len() {
        let Some(w) = words.get(i) else {
            return (cut && k >= 3).then_some(at);
        };
        if !w.abbr && w.initial == letters[k] {
            at.push(i);
            k += 1;
        } else if !skipped {
            skipped = true;
        } else {
            return None;
        }
        i += 1;
    }
    Some(at)
}

/// Which tokens of `a` are covered by `b`: matched by a token, spelt by an abbreviation of `b`, or
/// an abbreviation of `a` spelling words of `b`.
fn covered(a: &NameKey, b: &NameKey) -> Vec<bool> {
    let mut cov: Vec<bool> = a.tokens.iter().map(|t| b.tokens.iter().any(|u| tokens_match(t, u))).collect();
    for (i, t) in a.tokens.iter().enumerate() {
        if !cov[i] && t.abbr && (0..b.tokens.len()).any(|j| spelled_at(&t.stem, &b.tokens, j, false).is_some()) {
            cov[i] = true;
        }
    }
    for u in b.tokens.iter().filter(|u| u.abbr) {
        for j in 0..a.tokens.len() {
            if let Some(at) = spelled_at(&u.stem, &a.tokens, j, true) {
                for p in at {
                    cov[p] = true;
                }
            }
        }
    }
    cov
}

/// The score of two names when the rule says they are the same project, else `None`.
pub fn same_name(a: &NameKey, b: &NameKey) -> Option<f64> {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    if a.exact == b.exact {
        return Some(1.0);
    }
    // Quick reject: a word of `x` that no token of `y` matches, where `y` has no abbreviation to
    // spell it, means `x` is not covered; most different names stop at their first words.
    let may_cover = |x: &NameKey, y: &NameKey| {
        y.has_abbr || x.tokens.iter().all(|t| t.abbr || y.tokens.iter().any(|u| tokens_match(t, u)))
    };
    if !may_cover(a, b) && !may_cover(b, a) {
        return None;
    }
    let ca = covered(a, b);
    let cb = covered(b, a);
    let full_a = ca.iter().all(|&c| c);
    let full_b = cb.iter().all(|&c| c);
    let ok = (full_a && (a.tokens.len() >= 2 || full_b)) || (full_b && (b.tokens.len() >= 2 || full_a));
    if !ok {
        return None;
    }
    let n = ca.iter().chain(&cb).filter(|&&c| c).count();
    Some(n as f64 / (ca.len() + cb.len()) as f64)
}

/// [`same_name`] on printed names.
pub fn same_project(a: &str, b: &str) -> bool {
    same_name(&NameKey::new(a), &NameKey::new(b)).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_joints_and_keeps_abbreviations() {
        let k = NameKey::new("Паспорт ПЭНМобильны й");
        let stems: Vec<&str> = k.tokens.iter().map(|t| t.stem.as_str()).collect();
        assert_eq!(stems, ["паспорт", "пэн", "мобильн"]);
        assert!(k.tokens[1].abbr);
        assert_eq!(stem("населения"), stem("населени"));
        assert_ne!(stem("транспортной"), stem("трансформации"));
    }
}
