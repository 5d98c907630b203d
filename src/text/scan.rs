//! Fast splitting of text into whitespace-separated tokens and into word runs.
//!
//! The normalizer splits whole documents several times; the standard library's `split_whitespace`
//! and `split(|c| ...)` decode every character. These iterators give exactly the same pieces but
//! look at bytes: ASCII is tested by table, two-byte Cyrillic by its lead byte, and only the rare
//! other characters are decoded.

use super::fold::is_word_char;

/// True when the byte is ASCII whitespace in the sense of `char::is_whitespace`.
#[inline(always)]
fn ascii_space(b: u8) -> bool {
    // Space, \t, \n, \x0b, \x0c, \r as one bit mask.
    const MASK: u64 = (1 << b' ') | (1 << b'\t') | (1 << b'\n') | (1 << 0x0b) | (1 << 0x0c) | (1 << b'\r');
    b < 64 && (MASK >> b) & 1 == 1
}

/// The character starting at byte `i` of `s` (a char boundary).
#[inline]
fn char_at(s: &str, i: usize) -> char {
    s[i..].chars().next().expect("a char boundary inside the text")
}

/// Eight bytes of `b` from `i` (which has at least eight after it) as one word, the first byte lowest.
#[inline(always)]
pub(crate) fn word8(b: &[u8], i: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&b[i..i + 8]);
    u64::from_le_bytes(w)
}

pub(crate) const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
pub(crate) const HIGH: u64 = 0x8080_8080_8080_8080;

/// `b` in every byte of a word.
#[inline(always)]
pub(crate) const fn splat(b: u8) -> u64 {
    b as u64 * 0x0101_0101_0101_0101
}

/// 0x80 in each byte of `y` that is zero, 0 in the others (exact: no carry crosses a byte).
#[inline(always)]
pub(crate) fn zero_bytes(y: u64) -> u64 {
    !(((y & LOW7) + LOW7) | y | LOW7)
}

/// 0x80 in each byte of `x` that may end a token: ASCII below `!` (the ASCII spaces among them)
/// and the lead bytes of the non-ASCII spaces (0xC2, 0xE1-0xE3), with the other lead bytes
/// 0xC0-0xCF and 0xE0-0xEF that one test marks along with them (rare in Russian text). Cyrillic
/// letters (leads 0xD0, 0xD1) and continuation bytes are never marked.
#[inline(always)]
fn maybe_space(x: u64) -> u64 {
    let below = !(((x & LOW7) + splat(0x80 - b'!')) | x) & HIGH;
    // 0xC0-0xCF and 0xE0-0xEF are the bytes with bits 7, 6 set and 4 clear.
    below | zero_bytes((x & splat(0xD0)) ^ splat(0xC0))
}

/// 0x80 in each byte of `x` that is not a byte of a Cyrillic character U+0400-U+047F (lead 0xD0
/// or 0xD1, or a continuation byte): all of them letters, so word characters.
#[inline(always)]
fn not_cyrillic(x: u64) -> u64 {
    !(zero_bytes((x & splat(0xC0)) ^ splat(0x80)) | zero_bytes((x & splat(0xFE)) ^ splat(0xD0))) & HIGH
}

/// The first byte at or after `i` that `marks` marks, eight bytes at a time; the end of `b` when
/// none is. `marks` must judge each byte alone (no carry or shift across bytes). A text shorter
/// than eight bytes is left to the caller, who goes on byte by byte from the `i` returned.
#[inline(always)]
pub(crate) fn skip_unmarked(b: &[u8], mut i: usize, marks: impl Fn(u64) -> u64) -> usize {
    let n = b.len();
    while i + 8 <= n {
        let m = marks(word8(b, i));
        if m != 0 {
            return i + (m.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    // Fewer than eight bytes left (a line's last word): the text's last eight bytes are read as
    // one word, the ones before `i` shifted out, instead of stepping byte by byte.
    if i < n && n >= 8 {
        let m = marks(word8(b, n - 8)) >> (8 * (i + 8 - n));
        return if m != 0 { i + (m.trailing_zeros() / 8) as usize } else { n };
    }
    i
}

/// Exactly `s.split_whitespace()`, faster.
pub fn split_ws(s: &str) -> SplitWs<'_> {
    SplitWs { s, at: 0 }
}

/// Iterator of [`split_ws`].
#[derive(Debug, Clone)]
pub struct SplitWs<'a> {
    s: &'a str,
    at: usize,
}

impl SplitWs<'_> {
    /// Length in bytes of the whitespace character at `i`, or 0 when there is none.
    #[inline]
    fn space_len(&self, i: usize) -> usize {
        let b = self.s.as_bytes()[i];
        if b < 0x80 {
            return usize::from(ascii_space(b));
        }
        // Unicode whitespace beyond ASCII starts with one of these lead bytes (U+0085, U+00A0,
        // U+1680, U+2000-U+205F, U+3000); Cyrillic (0xD0, 0xD1) and continuation bytes never do.
        if matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3) {
            let c = char_at(self.s, i);
            if c.is_whitespace() {
                return c.len_utf8();
            }
        }
        0
    }
}

impl<'a> Iterator for SplitWs<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let bytes = self.s.as_bytes();
        let mut i = self.at;
        while i < bytes.len() {
            match self.space_len(i) {
                0 => break,
                n => i += n,
            }
        }
        if i >= bytes.len() {
            self.at = i;
            return None;
        }
        let start = i;
        // Eight bytes at a time over bytes that cannot end a token, then byte by byte: only ASCII
        // and the lead bytes of the rare non-ASCII spaces can end a token (continuation bytes and
        // other lead bytes never do). Only a space's first byte stops the scan, so the token ends
        // on a character boundary.
        while i < bytes.len() {
            i = skip_unmarked(bytes, i, maybe_space);
            let Some(&b) = bytes.get(i) else { break };
            if b < 0x80 {
                if ascii_space(b) {
                    break;
                }
            } else if matches!(b, 0xD0 | 0xD1) {
                // A Cyrillic letter: its continuation byte is stepped over with it.
                i += 2;
                continue;
            } else if matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3) && self.space_len(i) > 0 {
                break;
            }
            i += 1;
        }
        self.at = i;
        Some(&self.s[start..i])
    }
}

/// Exactly `s.split(|c| !is_word_char(c)).filter(|w| !w.is_empty())`: runs of letters and
/// digits, faster.
pub fn word_runs(s: &str) -> WordRuns<'_> {
    WordRuns { s, at: 0 }
}

/// Iterator of [`word_runs`].
#[derive(Debug, Clone)]
pub struct WordRuns<'a> {
    s: &'a str,
    at: usize,
}

/// (is a word character, byte length) of the character at `i`.
#[inline(always)]
fn word_char_at(s: &str, i: usize) -> (bool, usize) {
    let b = s.as_bytes();
    let lead = b[i];
    if lead < 0x80 {
        return (lead.is_ascii_alphanumeric(), 1);
    }
    if i + 1 < b.len() {
        let next = b[i + 1];
        // А-п and Ё (0xD0 0x90-0xBF, 0xD0 0x81), р-я and ё (0xD1 0x80-0x8F, 0xD1 0x91).
        match lead {
            0xD0 if (0x90..=0xBF).contains(&next) || next == 0x81 => return (true, 2),
            0xD1 if (0x80..=0x8F).contains(&next) || next == 0x91 => return (true, 2),
            _ => {}
        }
    }
    let c = char_at(s, i);
    (is_word_char(c), c.len_utf8())
}

impl<'a> Iterator for WordRuns<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let len = self.s.len();
        let mut i = self.at;
        loop {
            if i >= len {
                self.at = len;
                return None;
            }
            let (w, n) = word_char_at(self.s, i);
            if w {
                break;
            }
            i += n;
        }
        let start = i;
        while i < len {
            // Eight bytes at a time over Cyrillic letters; the first other byte starts a character.
            i = skip_unmarked(self.s.as_bytes(), i, not_cyrillic);
            if i >= len {
                break;
            }
            let (w, n) = word_char_at(self.s, i);
            if !w {
                break;
            }
            i += n;
        }
        self.at = i;
        Some(&self.s[start..i])
    }
}

/// 0x80 in each byte of `x` that is 0xD0 or 0xD1: the lead byte of a Cyrillic character
/// U+0400-U+047F.
#[inline(always)]
fn cyrillic_lead(x: u64) -> u64 {
    zero_bytes((x & splat(0xFE)) ^ splat(0xD0))
}

/// Calls `f`, in order, with the byte offset of every character of `s` in the Cyrillic block
/// U+0400-U+047F that does not follow another one: where each run of them starts. Those are
/// letters, so a word of [`word_runs`] opening with one starts at such an offset, and does
/// exactly where [`follows_word_char`] is false.
///
/// Eight bytes at a time: a lead byte 0xD0 or 0xD1 is marked unless the byte two before it is
/// such a lead too (0xD0 and 0xD1 are never continuation bytes, so that one opens the two-byte
/// character just before); only the marked bytes are handed on.
pub fn cyrillic_run_starts(s: &str, mut f: impl FnMut(usize)) {
    let b = s.as_bytes();
    // The lead bytes of the eight bytes read last (none before the first): the two bytes before
    // the next eight.
    let mut last_leads = 0u64;
    let mut at = 0;
    while at + 8 <= b.len() {
        let leads = cyrillic_lead(word8(b, at));
        let lead_before = (leads << 16) | (last_leads >> 48);
        let mut marks = leads & !lead_before;
        while marks != 0 {
            f(at + (marks.trailing_zeros() / 8) as usize);
            marks &= marks - 1;
        }
        last_leads = leads;
        at += 8;
    }
    for i in at..b.len() {
        if b[i] & 0xFE == 0xD0 && !(i >= 2 && b[i - 2] & 0xFE == 0xD0) {
            f(i);
        }
    }
}

/// True when the character before byte `i` of `s` (a character boundary) is a word character
/// (see [`word_runs`]); false at the start.
#[inline]
pub fn follows_word_char(s: &str, i: usize) -> bool {
    if i == 0 {
        return false;
    }
    let prev = s.as_bytes()[i - 1];
    if prev < 0x80 {
        return prev.is_ascii_alphanumeric();
    }
    let mut k = i - 1;
    while !s.is_char_boundary(k) {
        k -= 1;
    }
    is_word_char(char_at(s, k))
}

/// Exactly `s.trim()`: a text that opens and ends with a byte that cannot belong to whitespace
/// (no ASCII space, no lead or continuation byte of a non-ASCII space: ASCII, or a Cyrillic
/// letter's lead byte) is returned as it is, without decoding its ends.
#[inline]
pub fn trim(s: &str) -> &str {
    if solid_ends(s.as_bytes()) {
        return s;
    }
    trim_blank_ends(s)
}

/// True when `b` opens and ends with a byte that cannot belong to whitespace (see [`trim`]).
#[inline(always)]
fn solid_ends(b: &[u8]) -> bool {
    let solid = |x: u8| (x < 0x80 && !ascii_space(x)) || x == 0xD0 || x == 0xD1;
    let n = b.len();
    n > 0 && solid(b[0]) && ((b[n - 1] < 0x80 && solid(b[n - 1])) || (n >= 2 && matches!(b[n - 2], 0xD0 | 0xD1)))
}

/// [`trim`] of a text with a blank (or undecided) end: its ASCII whitespace is stripped byte by
/// byte (the lines of PDF text lead with a space), only what is left decoded at its ends.
#[inline(never)]
fn trim_blank_ends(s: &str) -> &str {
    let b = s.as_bytes();
    let (mut i, mut n) = (0, b.len());
    while i < n && ascii_space(b[i]) {
        i += 1;
    }
    while n > i && ascii_space(b[n - 1]) {
        n -= 1;
    }
    // ASCII bytes are character boundaries.
    let t = &s[i..n];
    let trimmed = if solid_ends(t.as_bytes()) { t } else { t.trim() };
    // An all-blank text trims to the empty slice at its start, as `str::trim` gives it.
    if trimmed.is_empty() { &s[..0] } else { trimmed }
}

/// Exactly `s.split('\n')`, found with the vectorised byte search.
pub fn split_lines(s: &str) -> impl Iterator<Item = &str> {
    let mut at = 0;
    memchr::memchr_iter(b'\n', s.as_bytes()).chain([s.len()]).map(move |end| {
        let line = &s[at..end];
        at = end + 1;
        line
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const SAMPLE: &str =
        "  Раздел\u{a0}1.\tПроекты\u{2003}«ЕИСУ КС»\r\n\u{c}ёлка—Ёж 2022-2024\u{3000}x\u{85}y\u{2028}  z\u{1680}";

    #[test]
    fn same_pieces_as_the_standard_library() {
        assert_eq!(split_ws(SAMPLE).collect::<Vec<_>>(), SAMPLE.split_whitespace().collect::<Vec<_>>());
        let std_words: Vec<&str> = SAMPLE.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty()).collect();
        assert_eq!(word_runs(SAMPLE).collect::<Vec<_>>(), std_words);
        assert_eq!(split_ws("").count(), 0);
        assert_eq!(word_runs("«»").count(), 0);
    }

    #[test]
    fn the_samples_split_as_the_standard_library_does() {
        // Whole texts: the scans eight bytes at a time meet every kind of character boundary.
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/raw");
        for e in std::fs::read_dir(dir).unwrap().filter_map(|e| e.ok()) {
            let Ok(t) = std::fs::read_to_string(e.path()) else { continue };
            assert!(split_ws(&t).eq(t.split_whitespace()), "{:?}", e.path());
            assert!(word_runs(&t).eq(t.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty())), "{:?}", e.path());
        }
    }

    /// The starts of the word runs that open with a character U+0400-U+047F, found by walking them.
    fn cyrillic_starts_by_words(s: &str) -> Vec<usize> {
        word_runs(s)
            .filter(|w| ('\u{400}'..='\u{47f}').contains(&w.chars().next().unwrap()))
            .map(|w| w.as_ptr() as usize - s.as_ptr() as usize)
            .collect()
    }

    /// The run starts of [`cyrillic_run_starts`], by characters.
    fn cyrillic_runs_by_chars(s: &str) -> Vec<usize> {
        let cyrillic = |c: char| ('\u{400}'..='\u{47f}').contains(&c);
        let mut prev = None;
        let mut starts = Vec::new();
        for (i, c) in s.char_indices() {
            if cyrillic(c) && !prev.is_some_and(cyrillic) {
                starts.push(i);
            }
            prev = Some(c);
        }
        starts
    }

    /// The run starts and, of them, the word starts, found from the bytes.
    fn cyrillic_runs_and_words(s: &str) -> (Vec<usize>, Vec<usize>) {
        let mut runs = Vec::new();
        cyrillic_run_starts(s, |i| runs.push(i));
        let words = runs.iter().copied().filter(|&i| !follows_word_char(s, i)).collect();
        (runs, words)
    }

    #[test]
    fn cyrillic_runs_start_where_the_characters_say() {
        let mut texts = crate::testing::sample_texts();
        texts.extend(
            [SAMPLE, "", "ж", "2ж x\u{400}ѿ «Ё»ёж—Ж\u{e1}ж\u{3b1}ж", "abcdefgh\u{1F600}жжжжжжжжж"].map(String::from),
        );
        for t in &texts {
            let (runs, words) = cyrillic_runs_and_words(t);
            assert_eq!(runs, cyrillic_runs_by_chars(t), "{:.60}", t);
            assert_eq!(words, cyrillic_starts_by_words(t), "{:.60}", t);
        }
    }

    #[test]
    fn the_last_word_of_a_text_is_read_at_once() {
        // Every start and every tail length against the byte-by-byte search.
        let t = "ёж abcdefgh\tйцукенгш\u{a0}x";
        let b = t.as_bytes();
        for i in 0..=b.len() {
            let by_bytes = (i..b.len()).find(|&k| maybe_space(splat(b[k])) != 0);
            let found = skip_unmarked(b, i, maybe_space);
            if b.len() >= 8 {
                assert_eq!(found, by_bytes.unwrap_or(b.len()), "from {i}");
            }
        }
    }

    #[test]
    fn trim_of_lines_with_and_without_ink() {
        for l in ["", "  ", " \u{a0}\u{2003} ", "\t\u{3000}", " x", "\u{a0}й", "ё", "\u{b}", "\u{85}a", "  «", "ёж\r"]
        {
            assert_eq!(trim(l), l.trim(), "{l:?}");
            assert_eq!(trim(l).as_ptr(), l.trim().as_ptr(), "the same slice of {l:?}");
        }
    }

    proptest! {
        #[test]
        fn any_text_splits_as_the_standard_library(s in "[ \t\r\n\u{a0}\u{85}\u{2000}-\u{2030}\u{3000}\u{1680}а-яА-ЯёЁa-z0-9.,«»—\u{e1}\u{3b1}\u{400}-\u{4ff}\u{800}\u{4e00}\u{1F600}\u{1}\u{1f}]{0,40}") {
            prop_assert_eq!(split_ws(&s).collect::<Vec<_>>(), s.split_whitespace().collect::<Vec<_>>());
            let std_words: Vec<&str> = s.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty()).collect();
            prop_assert_eq!(word_runs(&s).collect::<Vec<_>>(), std_words);
        }

        #[test]
        fn cyrillic_runs_and_words_start_where_the_characters_say(s in "[ \t\n\u{a0}\u{2003}а-яА-ЯёЁa-z0-9.,«»—\u{e1}\u{3b1}\u{400}-\u{4ff}\u{800}\u{1F600}]{0,40}") {
            let (runs, words) = cyrillic_runs_and_words(&s);
            prop_assert_eq!(runs, cyrillic_runs_by_chars(&s));
            prop_assert_eq!(words, cyrillic_starts_by_words(&s));
        }

        #[test]
        fn trim_is_the_standard_trim(w in "[ \t\r\n\u{b}\u{c}\u{85}\u{a0}\u{2000}\u{3000}a-zA-Z0-9а-яё\u{400}-\u{4ff}«»—.-]{0,12}") {
            prop_assert_eq!(trim(&w), w.trim());
            prop_assert_eq!(trim(&w).as_ptr(), w.trim().as_ptr());
        }

        #[test]
        fn lines_split_as_the_standard_library(s in "[\n\r a-zа-я]{0,30}") {
            prop_assert_eq!(split_lines(&s).collect::<Vec<_>>(), s.split('\n').collect::<Vec<_>>());
        }
    }
}
