//! Re-flowing broken lines into paragraphs and list items, joining hyphenated words.
//!
//! Justified PDF text comes out one word per line and words are split at line ends, with a hyphen
//! (`Финансирова-` / `ние`) or without one (`Финансировани` / `е проекта`). A split is joined when
//! the joined word occurs elsewhere in the document; real compounds (`жилищно-коммунального`) keep
//! their hyphen.

use super::pages::Ln;
use crate::model::{Block, BlockKind};
use crate::text::fold::fold;
use crate::text::scan::trim;
use std::collections::HashSet;
use std::hash::BuildHasherDefault;

/// The vocabulary is hashed for every word inserted and every line join, with [`TokenHash`] as
/// the tokens met are. Words are kept as their folded bytes, so neither building nor asking
/// checks UTF-8 again.
type Words = HashSet<Box<[u8]>, BuildHasherDefault<TokenHash>>;

/// The hash of the sets of tokens and words met, asked once for every token of the document: Fx's step over
/// the token's eight-byte words, the last one read overlapping the one before it (the length,
/// hashed first, tells such tokens apart), so no partial word is copied into a buffer.
#[derive(Default)]
struct TokenHash(u64);

impl TokenHash {
    #[inline(always)]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl std::hash::Hasher for TokenHash {
    fn finish(&self) -> u64 {
        self.0
    }

    #[inline]
    fn write(&mut self, b: &[u8]) {
        let n = b.len();
        let word = |i: usize| u64::from_le_bytes(b[i..i + 8].try_into().expect("eight bytes"));
        let half = |i: usize| u64::from(u32::from_le_bytes(b[i..i + 4].try_into().expect("four bytes")));
        if n >= 8 {
            let mut i = 0;
            while i + 8 < n {
                self.add(word(i));
                i += 8;
            }
            self.add(word(n - 8));
        } else if n >= 4 {
            self.add(half(0) | half(n - 4) << 32);
        } else if n > 0 {
            self.add(u64::from(b[0]) | u64::from(b[n / 2]) << 8 | u64::from(b[n - 1]) << 16);
        }
    }

    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
}

/// The document's vocabulary: folded words as they occur whole inside lines.
#[derive(Debug, Default)]
pub struct Vocab {
    words: Words,
}

/// `w` without the characters around it that are neither word characters nor `-`.
#[inline(always)]
fn bare(w: &str) -> &str {
    // Asked for every token of the document: a token that opens with a letter or digit (ASCII or
    // the two-byte Cyrillic block, whose lead bytes 0xD0/0xD1 are all letters) and ends with one
    // needs no trimming; only the others are trimmed character by character.
    let b = w.as_bytes();
    let keep = |x: u8| x.is_ascii_alphanumeric() || x == b'-';
    let opens = b.first().is_some_and(|&x| keep(x) || x == 0xD0 || x == 0xD1);
    let n = b.len();
    let ends = n > 0 && (keep(b[n - 1]) || (n >= 2 && matches!(b[n - 2], 0xD0 | 0xD1)));
    if opens && ends {
        return w;
    }
    w.trim_matches(|c: char| !crate::text::fold::is_word_char(c) && c != '-')
}

/// True when the UTF-8 text `b` holds two characters or more: more bytes than its first
/// character's (read from its lead byte, without decoding).
#[inline(always)]
fn two_chars(b: &[u8]) -> bool {
    b.first().is_some_and(|&x| b.len() > char_len(x))
}

/// True when the character opening the non-empty text `b` is a lower-case letter; Russian and
/// ASCII letters are told by their bytes, only the others decoded.
#[inline(always)]
fn opens_lower(s: &str) -> bool {
    match *s.as_bytes() {
        [x, ..] if x < 0x80 => x.is_ascii_lowercase(),
        // а-п, р-я, ё.
        [0xD0, 0xB0..=0xBF, ..] | [0xD1, 0x80..=0x8F | 0x91, ..] => true,
        _ => s.chars().next().is_some_and(char::is_lowercase),
    }
}

/// The byte length of the UTF-8 character whose lead byte is `x`.
#[inline(always)]
fn char_len(x: u8) -> usize {
    match x {
        0..0xC0 => 1,
        0xC0..0xE0 => 2,
        0xE0..0xF0 => 3,
        _ => 4,
    }
}

/// True when the first word of the non-empty text `b` (up to its first space) has at most two
/// characters: the text ends or a space comes right after its first or its second character.
#[inline(always)]
fn short_first_word(b: &[u8]) -> bool {
    let second = char_len(b[0]);
    let Some(&x) = b.get(second) else { return true };
    x == b' ' || b.get(second + char_len(x)).is_none_or(|&y| y == b' ')
}

impl Vocab {
    /// Collects the words of all lines (a line's last word counts only when not hyphen-broken).
    pub fn new(lines: &[Ln]) -> Vocab {
        // The samples have one distinct word for every two or three lines: reserved at once, the
        // set is not rehashed a dozen times on the way.
        let mut words = Words::with_capacity_and_hasher(lines.len() / 2, Default::default());
        // The tokens are read from the lines as printed and only a token not met before is
        // folded: folding maps every character to one character, keeping whitespace, hyphens and
        // which characters are word characters, so the tokens, their trimming and their parts
        // are those of the folded line, and a token met again adds nothing new. Most tokens of
        // a document are repeats, so most of the text is never folded. (About as many distinct
        // tokens as distinct words: reserved alike.)
        let mut seen: HashSet<&[u8], BuildHasherDefault<TokenHash>> =
            HashSet::with_capacity_and_hasher(lines.len() / 2, Default::default());
        // A line printed again (a repeated table cell, a running header) brings no token not met
        // before: the samples print about two lines in five a second time, mostly short ones.
        let mut lines_met: HashSet<&[u8], BuildHasherDefault<TokenHash>> =
            HashSet::with_capacity_and_hasher(lines.len(), Default::default());
        let mut folded = Vec::new();
        // A token not met before mostly brings a word not met before: the word is inserted at
        // once (one hash and probe), not looked up first.
        let insert = |w: &[u8], words: &mut Words| {
            words.insert(w.into());
        };
        for l in lines {
            if !lines_met.insert(l.text.as_bytes()) {
                continue;
            }
            let mut toks = crate::text::scan::split_ws(l.text);
            let mut next = toks.next();
            while let Some(t) = next {
                next = toks.next();
                if next.is_none() && t.ends_with('-') {
                    continue;
                }
                let b = bare(t);
                if !two_chars(b.as_bytes()) || !seen.insert(b.as_bytes()) {
                    continue;
                }
                folded.clear();
                crate::text::fold::fold_bytes(b, &mut folded);
                insert(&folded, &mut words);
                // The parts of a compound count as words too.
                if folded.contains(&b'-') {
                    // Parts of two characters or more: two bytes or more that open a character.
                    let long = |p: &[u8]| p.iter().filter(|&&x| x & 0xC0 != 0x80).nth(1).is_some();
                    folded.split(|&x| x == b'-').filter(|p| long(p)).for_each(|p| insert(p, &mut words));
                }
            }
        }
        Vocab { words }
    }

    /// True when the folded word occurs in the document.
    pub fn has(&self, w: &str) -> bool {
        // Asked on every joined line: the word is folded into a buffer kept between calls.
        thread_local! {
            static BUF: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        BUF.with_borrow_mut(|buf| {
            buf.clear();
            crate::text::fold::fold_bytes(bare(w), buf);
            self.words.contains(buf.as_slice())
        })
    }
}

/// Appends `next` to `acc`, joining a word split across the line end.
#[inline]
pub fn join_into(acc: &mut String, next: &str, vocab: &Vocab) {
    let next = trim(next);
    if next.is_empty() {
        return;
    }
    if acc.is_empty() {
        acc.push_str(next);
        return;
    }
    // Only a line opening in lower case can continue a split word (`next` is trimmed: its first
    // character is its first word's).
    // Asked for every line of every cell: only a line after a hyphen, or whose first word has at
    // most two letters (the split below), can join a word; the others are appended at once.
    if !opens_lower(next) || (!acc.ends_with('-') && !short_first_word(next.as_bytes())) {
        acc.reserve(next.len() + 1);
        acc.push(' ');
        acc.push_str(next);
        return;
    }
    join_split(acc, next, vocab);
}

/// [`join_into`] of a trimmed line `next` that opens in lower case after a hyphen or with a
/// short first word: the few lines that may continue a word split at the end of `acc`. Kept out
/// of line, so that the common appending above is small enough to inline.
#[inline(never)]
fn join_split(acc: &mut String, next: &str, vocab: &Vocab) {
    // The last word of `acc` and the first of `next`, split at a space found by its byte.
    let last = memchr::memrchr(b' ', acc.as_bytes()).map_or(acc.as_str(), |i| &acc[i + 1..]);
    let first = memchr::memchr(b' ', next.as_bytes()).map_or(next, |i| &next[..i]);
    if let Some(stem) = last.strip_suffix('-')
        && stem.chars().last().is_some_and(crate::text::fold::is_letter)
    {
        let joined = [stem, first].concat();
        let hyphened = [stem, "-", bare(first)].concat();
        let stem_word = bare(stem);
        let keep = if vocab.has(&joined) {
            false
        } else if vocab.has(&hyphened) || stem_word.contains('-') {
            true
        } else {
            // Compounds join a stem ending in -о/-е to a whole word ("социально-экономический").
            let ends_compound = stem_word.ends_with(['о', 'е']) && vocab.has(stem_word);
            ends_compound || (vocab.has(stem_word) && vocab.has(first))
        };
        if !keep {
            acc.pop();
        }
        acc.push_str(next);
        return;
    }
    // A split without hyphen: `Финансировани` + `е проекта`.
    if short_first_word(next.as_bytes())
        && !crate::text::fold::is_stopword(&fold(bare(first)))
        && last.chars().last().is_some_and(crate::text::fold::is_letter)
        && !vocab.has(last)
        && vocab.has(&[last, bare(first)].concat())
    {
        acc.push_str(next);
        return;
    }
    acc.push(' ');
    acc.push_str(next);
}

/// Joins lines into one string (hyphenation handled), skipping lost-glyph lines.
pub fn join_lines<'a, I>(lines: I, vocab: &Vocab) -> String
where
    I: IntoIterator<Item = &'a Ln<'a>>,
    I::IntoIter: Clone,
{
    // Sized once for the lines and a space between each two (joining only drops bytes), instead
    // of regrown by doubling line after line.
    let lines = lines.into_iter();
    let size = lines.clone().filter(|l| !l.glyph).map(|l| l.text.len() + 1).sum::<usize>();
    let mut s = String::with_capacity(size.saturating_sub(1));
    for l in lines {
        if !l.glyph {
            join_into(&mut s, l.text, vocab);
        }
    }
    s
}

/// True when a line opens a list item: `1.`, `1)`, `-`, `•`, `–`.
pub fn item_marker(s: &str) -> bool {
    let s = s.trim_start();
    if s.starts_with("- ") || s.starts_with('•') || s.starts_with("– ") || s.starts_with("— ") || s == "-" {
        return true;
    }
    let digits = s.bytes().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits > 2 {
        return false;
    }
    let rest = &s[digits..];
    (rest.starts_with(". ") || rest.starts_with(") ")) && rest[2..].chars().next().is_some_and(|c| !c.is_ascii_digit())
}

/// A list marker alone on its line (`1.`, `2)`, `-`, `•`): its text follows on the next line.
pub fn bare_marker(s: &str) -> bool {
    let s = s.trim();
    let digits = s.bytes().take_while(|b| b.is_ascii_digit()).count();
    matches!(s, "-" | "•" | "–" | "—") || ((1..=2).contains(&digits) && matches!(&s[digits..], "." | ")"))
}

fn ends_sentence(s: &str) -> bool {
    s.trim_end().ends_with(['.', ':', ';', '!', '?'])
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase() || c == '«' || c.is_ascii_digit())
}

/// Re-flows lines into paragraphs and list items.
pub fn blocks(lines: &[Ln], vocab: &Vocab) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut cur: Option<(BlockKind, String)> = None;
    let mut prev: Option<&str> = None;
    for (k, l) in lines.iter().enumerate() {
        if l.glyph {
            continue;
        }
        // A bare marker whose next line opens an item itself is stray text, not an item.
        let bare =
            bare_marker(l.text) && lines.get(k + 1).is_some_and(|n| !item_marker(n.text) && !bare_marker(n.text));
        let item = item_marker(l.text) || bare;
        let para =
            prev.is_some_and(|p| ends_sentence(p) && starts_upper(l.text) && !bare_marker(p)) && !bare_marker(l.text);
        if cur.is_none() || item || para {
            if let Some((kind, text)) = cur.take() {
                out.push(Block { kind, text: text.into() });
            }
            let kind = if item { BlockKind::Item } else { BlockKind::Paragraph };
            cur = Some((kind, String::new()));
        }
        if let Some((_, text)) = cur.as_mut() {
            join_into(text, l.text, vocab);
        }
        prev = Some(l.text);
    }
    out.extend(cur.map(|(kind, text)| Block { kind, text: text.into() }));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ln(text: &str) -> Ln<'_> {
        Ln { no: 1, text, glyph: false, brk: false, gap: false }
    }

    proptest::proptest! {
        #[test]
        fn bare_is_trimming_every_char(w in "[ a-zA-Z0-9а-яА-ЯёЁ\u{400}-\u{4ff}\u{c0}-\u{24f}«»—.,;()\u{a0}-]{0,12}") {
            let trimmed = w.trim_matches(|c: char| !crate::text::fold::is_word_char(c) && c != '-');
            proptest::prop_assert_eq!(bare(&w), trimmed);
        }
    }

    proptest::proptest! {
        #[test]
        fn byte_tests_of_a_line_opening_are_the_char_tests(w in "[ a-zA-Z0-9а-яА-ЯёЁ\u{400}-\u{4ff}\u{c0}-\u{24f}\u{3b1}\u{1F600}«»—.-]{1,8}") {
            let mut chars = w.chars();
            proptest::prop_assert_eq!(opens_lower(&w), chars.next().is_some_and(char::is_lowercase));
            proptest::prop_assert_eq!(short_first_word(w.as_bytes()), (0..2).any(|_| chars.next().is_none_or(|c| c == ' ')));
            proptest::prop_assert_eq!(two_chars(w.as_bytes()), w.chars().nth(1).is_some());
        }
    }

    #[test]
    fn folding_keeps_what_the_vocabulary_splits_and_trims_by() {
        // `Vocab::new` reads tokens from the folded line: that is reading the line's tokens
        // folded only while folding keeps whitespace, hyphens and word characters as they are.
        use crate::text::fold::{fold_char, is_word_char};
        for c in (0..=0x10_FFFFu32).filter_map(char::from_u32) {
            let f = fold_char(c);
            assert_eq!(c.is_whitespace(), f.is_whitespace(), "{c:?}");
            assert_eq!(is_word_char(c), is_word_char(f), "{c:?}");
            assert_eq!(c == '-', f == '-', "{c:?}");
        }
    }

    #[test]
    fn joins_syllable_breaks_and_keeps_compounds() {
        let lines = [ln("Финансирование проекта"), ln("жилищно-коммунального хозяйства")];
        let v = Vocab::new(&lines);
        let mut s = "Финансирова-".to_string();
        join_into(&mut s, "ние проекта", &v);
        assert_eq!(s, "Финансирование проекта");
        let mut s = "сферы жилищно-".to_string();
        join_into(&mut s, "коммунального хозяйства", &v);
        assert_eq!(s, "сферы жилищно-коммунального хозяйства");
        let mut s = "Финансировани".to_string();
        join_into(&mut s, "е проекта", &v);
        assert_eq!(s, "Финансирование проекта");
        let mut s = "в".to_string();
        join_into(&mut s, "и проекта", &v);
        assert_eq!(s, "в и проекта");
    }

    #[test]
    fn reflows_words_per_line_into_paragraphs_and_items() {
        let lines = [
            ln("Основаниями"),
            ln("разработки"),
            ln("являются:"),
            ln("1. Указ Президента"),
            ln("от 2020."),
            ln("- пункт"),
        ];
        let b = blocks(&lines, &Vocab::new(&lines));
        assert_eq!(b.len(), 3);
        assert_eq!(b[0].text, "Основаниями разработки являются:");
        assert_eq!((b[1].kind, b[1].text.as_str()), (BlockKind::Item, "1. Указ Президента от 2020."));
        assert_eq!(b[2].kind, BlockKind::Item);
        assert!(item_marker("1) пункт") && !item_marker("2022 год") && !item_marker("1.1. Раздел"));
        let lines = [ln("1."), ln("Повышение эффективности."), ln("2. Доступность")];
        let b = blocks(&lines, &Vocab::new(&lines));
        assert_eq!(
            b.iter().map(|b| b.text.as_str()).collect::<Vec<_>>(),
            vec!["1. Повышение эффективности.", "2. Доступность"]
        );
    }
}
