//! Comparison normalisation: which differences count as changes.
//!
//! Text is cut into tokens: words (runs of letters and digits), single punctuation characters and
//! whitespace runs. Whitespace
//! is never compared; punctuation is compared unless ignored; words are compared after optional
//! folding. The OCR-tolerant mode also folds Latin look-alike letters to Cyrillic, й to и, and skips
//! stopwords and punctuation, because the flattened OCR texts lost exactly those.

use crate::text::fold::{fold_into, is_stopword};
use crate::text::sanitize::{all_cyrillic, word_at};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Which differences to ignore when comparing text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Normalization {
    /// Ignore letter case and ё/е.
    pub ignore_case: bool,
    /// Ignore punctuation tokens.
    pub ignore_punct: bool,
    /// OCR-tolerant: case, ё/е, й/и, Latin look-alikes, punctuation and stopwords ignored.
    pub ocr: bool,
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters or digits.
    Word,
    /// Anything visible that is not a word.
    Punct,
    /// Whitespace.
    Space,
}

/// A token of a text: its byte range and kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
    /// Kind of token.
    pub kind: TokenKind,
}

/// True for characters that belong to a word: letters, digits and combining marks (a stress mark
/// inside a Russian word does not split it).
#[inline]
fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' | 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё' => true,
        c if c.is_ascii() => false,
        c => c.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&c),
    }
}

#[inline]
fn is_space(c: char) -> bool {
    c == ' ' || (!c.is_ascii() || c.is_ascii_control()) && c.is_whitespace()
}

/// Cuts `s` into tokens: runs of letters and digits (words; a decimal point or comma between
/// digits stays inside, so `2.621` is one word), runs of whitespace, and single other characters
/// (punctuation). The tokens cover `s` exactly. This is the tokenisation of `git diff
/// --word-diff-regex='[[:alnum:]]*[[:digit:]]([.,][[:digit:]]+)+|[[:alnum:]]+|[^[:space:][:alnum:]]'`,
/// Unicode-aware.
pub fn tokens(s: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(s.len() / 4);
    each_token(s, |t| out.push(t));
    out
}

/// The class of one character.
fn char_kind(c: char) -> TokenKind {
    if is_word_char(c) {
        TokenKind::Word
    } else if is_space(c) {
        TokenKind::Space
    } else {
        TokenKind::Punct
    }
}

/// The class of the character at byte `i` of `s` and its byte length: read from the lead byte
/// alone for ASCII and for Cyrillic U+0400..U+047F (lead bytes 0xD0, 0xD1: all letters), the bulk
/// of a strategy's text; decoded otherwise.
#[inline]
fn class_at(s: &str, i: usize) -> (TokenKind, usize, bool) {
    let b = s.as_bytes()[i];
    match b {
        b'a'..=b'z' | b'A'..=b'Z' => (TokenKind::Word, 1, false),
        b'0'..=b'9' => (TokenKind::Word, 1, true),
        b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => (TokenKind::Space, 1, false),
        0..=0x7f => (TokenKind::Punct, 1, false),
        0xd0 | 0xd1 => (TokenKind::Word, 2, false),
        _ => {
            let c = s[i..].chars().next().expect("a character boundary");
            (char_kind(c), c.len_utf8(), false)
        }
    }
}

/// Calls `f` with each token of `s` in order (see [`tokens`]).
#[inline]
pub fn each_token(s: &str, mut f: impl FnMut(Token)) {
    let mut start = 0;
    while start < s.len() {
        let (kind, end) = token_at(s, start);
        f(Token { start, end, kind });
        start = end;
    }
}

/// The tokens of a text in order (see [`tokens`]), one at a time.
pub struct Tokens<'s> {
    s: &'s str,
    i: usize,
}

impl<'s> Tokens<'s> {
    /// The tokens of `s`.
    pub fn new(s: &'s str) -> Tokens<'s> {
        Tokens { s, i: 0 }
    }
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    #[inline]
    fn next(&mut self) -> Option<Token> {
        let start = self.i;
        if start >= self.s.len() {
            return None;
        }
        let (kind, end) = token_at(self.s, start);
        self.i = end;
        Some(Token { start, end, kind })
    }
}

/// The kind and end of the token that starts at byte `i` of `s`. One pass over the bytes: ASCII
/// and Cyrillic are classed by their lead byte, other characters decoded; inside a word, runs of
/// ASCII and Cyrillic letters are skipped through a class table.
#[inline(always)]
fn token_at(s: &str, mut i: usize) -> (TokenKind, usize) {
    let bytes = s.as_bytes();
    let (kind, len, mut digit) = class_at(s, i);
    i += len;
    if kind != TokenKind::Punct {
        while i < bytes.len() {
            if kind == TokenKind::Word && WORD_CLASS[bytes[i] as usize] == WC_LETTER {
                // A run of letters that need no decoding (see [`WORD_CLASS`]).
                i = letters_end(bytes, i + 1);
                digit = false;
                continue;
            }
            let (k, len, d) = class_at(s, i);
            if k == kind {
                i += len;
                digit = d;
                continue;
            }
            // A decimal point or comma between digits stays inside the number: 2.621, 40,5.
            if kind == TokenKind::Word
                && digit
                && matches!(bytes[i], b'.' | b',')
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
            {
                i += 1;
                digit = false;
                continue;
            }
            break;
        }
    }
    (kind, i)
}

/// Classes of bytes for [`word_count`]: a byte inside a run of letters that needs no decoding
/// (ASCII letters, the lead bytes of Cyrillic U+0400..U+047F, all letters, and continuation
/// bytes, which only follow such a lead inside a run), an ASCII digit, any other ASCII byte (not
/// part of a word), or the lead byte of another character (decoded).
const WC_LETTER: u8 = 0;
const WC_DIGIT: u8 = 1;
const WC_OTHER: u8 = 2;
const WC_DECODE: u8 = 3;

static WORD_CLASS: [u8; 256] = {
    let mut t = [WC_DECODE; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            b'a'..=b'z' | b'A'..=b'Z' | 0x80..=0xbf | 0xd0 | 0xd1 => WC_LETTER,
            b'0'..=b'9' => WC_DIGIT,
            0..=0x7f => WC_OTHER,
            _ => WC_DECODE,
        };
        b += 1;
    }
    t
};

/// The end of the run of [`WC_LETTER`] bytes from `i`: eight Cyrillic bytes at a time, then a
/// byte at a time through the class table.
#[inline]
fn letters_end(bytes: &[u8], mut i: usize) -> usize {
    while i + 8 <= bytes.len() && all_cyrillic(word_at(bytes, i)) {
        i += 8;
    }
    while i < bytes.len() && WORD_CLASS[bytes[i] as usize] == WC_LETTER {
        i += 1;
    }
    i
}

/// Number of words in `s` (as [`tokens`] counts them): one pass that counts where words start,
/// without cutting the other tokens (every identical paragraph of a comparison is counted, so
/// this is a tenth of a revision's diff). Runs of letters and of other ASCII bytes are skipped
/// a byte at a time through a class table; only characters outside ASCII and Cyrillic are
/// decoded.
pub fn word_count(s: &str) -> usize {
    let bytes = s.as_bytes();
    let len = bytes.len();
    let (mut i, mut n) = (0, 0);
    let (mut in_word, mut digit) = (false, false);
    while i < len {
        if i + 8 <= len {
            let x = word_at(bytes, i);
            if let Some(w) = cyrillic_and_separators(x) {
                // A word starts at each Cyrillic byte after a byte of another kind.
                n += (w & !(w << 8 | if in_word { 0x80 } else { 0 })).count_ones() as usize;
                (in_word, digit) = (w >> 63 != 0, false);
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        match WORD_CLASS[b as usize] {
            WC_LETTER => {
                n += usize::from(!in_word);
                (in_word, digit) = (true, false);
                i = letters_end(bytes, i + 1);
            }
            WC_DIGIT => {
                n += usize::from(!in_word);
                (in_word, digit) = (true, true);
                i += 1;
            }
            WC_OTHER => {
                i += 1;
                if in_word && digit && matches!(b, b'.' | b',') && bytes.get(i).is_some_and(u8::is_ascii_digit) {
                    // A decimal point or comma between digits stays inside the number (see
                    // [`tokens`]).
                    digit = false;
                    continue;
                }
                in_word = false;
                while i < len && WORD_CLASS[bytes[i] as usize] == WC_OTHER {
                    i += 1;
                }
            }
            _ => {
                let (kind, l, _) = class_at(s, i);
                if kind == TokenKind::Word {
                    n += usize::from(!in_word);
                    (in_word, digit) = (true, false);
                } else {
                    in_word = false;
                }
                i += l;
            }
        }
    }
    n
}

/// For eight bytes of text (see [`word_at`]) made only of Cyrillic U+0400..U+047F (letters:
/// lead bytes 0xD0, 0xD1 and continuation bytes), whitespace and ASCII punctuation below `0`
/// (no digit, no letter, so no decimal point inside a number either), bit 7 set in each
/// Cyrillic byte; `None` for any other eight bytes. Most of a strategy's text passes.
#[inline]
fn cyrillic_and_separators(x: u64) -> Option<u64> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let high = x & HIGH;
    // ASCII bytes at or above b'0' (bit 7 of `(b | 0x80) - 0x30` is set exactly then).
    let ascii_from_zero = ((x | HIGH) - 0x30 * ONES) & !x & HIGH;
    // Lead bytes (0xC0..) other than 0xD0 and 0xD1: `b & 0xFE` differs from 0xD0.
    let leads = x & (x << 1) & HIGH;
    let t = (x & (0xfe * ONES)) ^ (0xd0 * ONES);
    let nonzero = (((t & !HIGH) + !HIGH) | t) & HIGH;
    ((ascii_from_zero | (leads & nonzero)) == 0).then_some(high)
}

/// Folds a Latin letter that OCR commonly confuses with a Cyrillic one.
fn ocr_char(c: char) -> char {
    match c {
        'a' => 'а',
        'b' => 'в',
        'c' => 'с',
        'e' => 'е',
        'h' => 'н',
        'k' => 'к',
        'm' => 'м',
        'o' => 'о',
        'p' => 'р',
        't' => 'т',
        'x' => 'х',
        'y' => 'у',
        'й' => 'и',
        c => c,
    }
}

impl Normalization {
    /// True when letter case and ё/е are folded.
    pub fn folds_case(&self) -> bool {
        self.ignore_case || self.ocr
    }

    /// True when punctuation is not compared.
    pub fn drops_punct(&self) -> bool {
        self.ignore_punct || self.ocr
    }

    /// True when tokens of this kind are compared (whitespace never is; punctuation unless
    /// ignored).
    #[inline]
    fn compares(&self, kind: TokenKind) -> bool {
        match kind {
            TokenKind::Space => false,
            TokenKind::Punct => !self.drops_punct(),
            TokenKind::Word => true,
        }
    }

    /// The comparison form of token `t`: `t` itself when case is not folded (no copy), else
    /// written into `buf`; `None` when the token is not compared at all (whitespace, ignored
    /// punctuation, stopwords in OCR mode).
    pub fn key<'a>(&self, t: &'a str, kind: TokenKind, buf: &'a mut String) -> Option<&'a str> {
        if !self.compares(kind) {
            return None;
        }
        if !self.folds_case() {
            return Some(t);
        }
        buf.clear();
        fold_into(t, buf);
        if self.ocr {
            if is_stopword(buf) {
                return None;
            }
            let has_cyrillic = buf.chars().any(|c| ('а'..='я').contains(&c));
            if has_cyrillic {
                *buf = buf.chars().map(ocr_char).collect();
            } else {
                *buf = buf.chars().map(|c| if c == 'й' { 'и' } else { c }).collect();
            }
        }
        Some(buf)
    }
}

/// A fast multiplicative hash (the Fx hash of rustc) taking eight bytes at a time, for the
/// interner's short keys. Documents are local files; a crafted one could make interning slower,
/// never wrong.
#[derive(Default)]
pub struct Fx(u64);

impl Fx {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }

    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("eight bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut buf = [0u8; 8];
            buf[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(buf));
        }
    }

    #[inline]
    fn write_u8(&mut self, b: u8) {
        self.add(u64::from(b));
    }

    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
}

/// A hash map keyed by text with the [`Fx`] hash.
pub type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

/// Maps comparison keys to small integers so that diffs compare `u32`s, not strings.
///
/// The keys are stored one after another in one buffer and found through an open-addressing
/// table of ids (linear probing, at most half full), so interning a new word allocates nothing
/// but the buffer's occasional growth. [`Interner::clear`] forgets every key while keeping the
/// storage: a comparison clears it between sections, so the table stays the size of one
/// section's vocabulary (and in the processor's cache), whatever the size of the documents.
#[derive(Debug, Default)]
pub struct Interner {
    /// `id + 1` per occupied slot, 0 for an empty one; a power of two long (or empty).
    slots: Vec<u32>,
    /// `64 - log2(slots.len())`: a hash's top bits pick its first slot.
    shift: u32,
    /// Per id: the key's hash and its byte range in `keys`.
    entries: Vec<(u64, usize, usize)>,
    /// The keys, end to end.
    keys: String,
    buf: String,
}

/// The [`Fx`] hash of a key.
#[inline]
fn key_hash(key: &str) -> u64 {
    let mut h = Fx::default();
    let bytes = key.as_bytes();
    let n = bytes.len();
    // Eight bytes at a time; the last, partial word is read as whole (overlapping) loads, not
    // copied into a buffer first: a load from a buffer just written byte by byte waits for the
    // stores (a tenth of a comparison's interning).
    let mut i = 0;
    while i + 8 <= n {
        h.add(u64::from_le_bytes(bytes[i..i + 8].try_into().expect("eight bytes")));
        i += 8;
    }
    let rest = n - i;
    if rest > 0 {
        let tail = if n >= 8 {
            u64::from_le_bytes(bytes[n - 8..].try_into().expect("eight bytes")) >> (8 * (8 - rest))
        } else if rest >= 4 {
            let lo = u32::from_le_bytes(bytes[..4].try_into().expect("four bytes"));
            let hi = u32::from_le_bytes(bytes[n - 4..].try_into().expect("four bytes"));
            u64::from(lo) | u64::from(hi) << 32
        } else {
            u64::from(bytes[0]) | u64::from(bytes[rest / 2]) << 8 | u64::from(bytes[rest - 1]) << 16
        };
        h.add(tail);
    }
    // One more round, so that the top bits (which pick the slot) depend on the last bytes too.
    h.add(key.len() as u64);
    h.finish()
}

impl Interner {
    /// Interns one key.
    pub fn id(&mut self, key: &str) -> u32 {
        if 2 * (self.entries.len() + 1) > self.slots.len() {
            self.grow();
        }
        let hash = key_hash(key);
        let mask = self.slots.len() - 1;
        let mut i = (hash >> self.shift) as usize;
        loop {
            let slot = self.slots[i];
            if slot == 0 {
                break;
            }
            let (h, start, end) = self.entries[slot as usize - 1];
            if h == hash && &self.keys[start..end] == key {
                return slot - 1;
            }
            i = (i + 1) & mask;
        }
        let id = self.entries.len() as u32;
        let start = self.keys.len();
        self.keys.push_str(key);
        self.entries.push((hash, start, self.keys.len()));
        self.slots[i] = id + 1;
        id
    }

    /// Doubles the table (64 slots at first) and places every key again.
    fn grow(&mut self) {
        let n = (2 * self.slots.len()).max(64);
        self.shift = 64 - n.trailing_zeros();
        self.slots.clear();
        self.slots.resize(n, 0);
        let mask = n - 1;
        for (id, &(hash, _, _)) in self.entries.iter().enumerate() {
            let mut i = (hash >> self.shift) as usize;
            while self.slots[i] != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = id as u32 + 1;
        }
    }

    /// Forgets every key (ids start again from 0), keeping the storage. Costs the number of
    /// keys held, not the table's size: a small section after a large one clears only its own.
    pub fn clear(&mut self) {
        if 4 * self.entries.len() >= self.slots.len() {
            self.slots.fill(0);
        } else {
            let mask = self.slots.len().wrapping_sub(1);
            for (id, &(hash, _, _)) in self.entries.iter().enumerate() {
                // Every key is in the table: probe until its own slot (past slots already emptied).
                let mut i = (hash >> self.shift) as usize;
                while self.slots[i] != id as u32 + 1 {
                    i = (i + 1) & mask;
                }
                self.slots[i] = 0;
            }
        }
        self.entries.clear();
        self.keys.clear();
    }
}
/// One side of a comparison: the compared tokens of a text and their interned keys.
#[derive(Debug, Clone, Default)]
pub struct Keyed {
    /// The compared tokens, in order (whitespace and ignored tokens are left out).
    pub tokens: Vec<Token>,
    /// For each compared token: its interned key.
    pub ids: Vec<u32>,
}

impl Interner {
    /// Tokenises a paragraph or list item like [`Interner::keyed`], leaving its leading list
    /// marker (`5.`, `1.2)`, `-`, `•`) uncompared: renumbered items are not changed items.
    pub fn keyed_block(&mut self, s: &str, norm: &Normalization) -> Keyed {
        let skip = list_marker_len(s);
        let mut k = self.keyed(&s[skip..], norm);
        for t in &mut k.tokens {
            t.start += skip;
            t.end += skip;
        }
        k
    }

    /// Tokenises `s` and interns the keys of its compared tokens.
    pub fn keyed(&mut self, s: &str, norm: &Normalization) -> Keyed {
        let mut tokens = Vec::with_capacity(s.len() / 8);
        let mut ids = Vec::with_capacity(s.len() / 8);
        let mut buf = std::mem::take(&mut self.buf);
        let folds = norm.folds_case();
        each_token(s, |t| {
            if !norm.compares(t.kind) {
                return;
            }
            let text = &s[t.start..t.end];
            let key = if folds {
                let Some(key) = norm.key(text, t.kind, &mut buf) else { return };
                key
            } else {
                text
            };
            tokens.push(t);
            ids.push(self.id(key));
        });
        self.buf = buf;
        Keyed { tokens, ids }
    }
}

/// Byte length of a leading list marker with the whitespace after it: `5. `, `1.2) `, `- `, `• `;
/// 0 when the text does not start with one.
pub fn list_marker_len(s: &str) -> usize {
    let body = s.trim_start();
    let lead = s.len() - body.len();
    let marker = if body.starts_with(|c: char| c.is_ascii_digit()) {
        let n = body.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(body.len());
        let (num, rest) = body.split_at(n);
        if rest.starts_with(')') {
            n + 1
        } else if num.ends_with('.') {
            n
        } else {
            return 0;
        }
    } else if let Some(c) = body.chars().next().filter(|c| matches!(c, '-' | '–' | '—' | '•' | '·' | '*')) {
        c.len_utf8()
    } else {
        return 0;
    };
    let after = &body[marker..];
    let space = after.len() - after.trim_start().len();
    if space == 0 && !after.is_empty() {
        return 0;
    }
    lead + marker + space
}

/// The comparison form of a whole short text (a name, a title): compared tokens joined by spaces.
pub fn normalized(s: &str, norm: &Normalization) -> String {
    let mut out = String::with_capacity(s.len());
    let mut buf = String::new();
    each_token(s, |t| {
        if !norm.compares(t.kind) {
            return;
        }
        let text = &s[t.start..t.end];
        // In OCR mode the key is made apart (stopwords drop out: only a kept key gets its
        // separator); else it is folded straight into `out`.
        let key = if norm.ocr {
            let Some(key) = norm.key(text, t.kind, &mut buf) else { return };
            Some(key)
        } else {
            None
        };
        if !out.is_empty() {
            out.push(' ');
        }
        match key {
            Some(key) => out.push_str(key),
            None if norm.folds_case() => fold_into(text, &mut out),
            None => out.push_str(text),
        }
    });
    out
}

/// `normalized(a, norm) == normalized(b, norm)`, without building either: the keys of the
/// compared tokens are compared in order, and the first difference ends the walk (two different
/// texts of a comparison mostly differ early). Keys never hold a space, so the joined forms are
/// equal exactly when the key sequences are.
pub fn same_normalized(a: &str, b: &str, norm: &Normalization) -> bool {
    let (mut ta, mut tb) = (Tokens::new(a), Tokens::new(b));
    let (mut ba, mut bb) = (String::new(), String::new());
    loop {
        match (next_key(a, &mut ta, norm, &mut ba), next_key(b, &mut tb, norm, &mut bb)) {
            (None, None) => return true,
            (Some(x), Some(y)) if x == y => {}
            _ => return false,
        }
    }
}

/// The key of the next compared token of `s` (see [`Normalization::key`]).
fn next_key<'k>(s: &'k str, it: &mut Tokens<'_>, norm: &Normalization, buf: &'k mut String) -> Option<&'k str> {
    let mut t = it.next()?;
    // In OCR mode a compared kind may still drop out (a stopword): its key says so.
    while !norm.compares(t.kind) || (norm.ocr && norm.key(&s[t.start..t.end], t.kind, buf).is_none()) {
        t = it.next()?;
    }
    norm.key(&s[t.start..t.end], t.kind, buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interned_ids_are_equal_exactly_when_keys_are() {
        let mut i = Interner::default();
        // Through several growths, then after a clear of a full table and of a sparse one.
        for round in 0..3 {
            let n = if round == 2 { 10 } else { 5000 };
            let keys: Vec<String> = (0..n).map(|k| format!("слово{}", k * 7919 % 3001)).collect();
            let ids: Vec<u32> = keys.iter().map(|k| i.id(k)).collect();
            let mut first: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
            for (k, id) in keys.iter().zip(&ids) {
                assert_eq!(*first.entry(k).or_insert(*id), *id, "{k}");
            }
            let distinct: std::collections::HashSet<u32> = first.values().copied().collect();
            assert_eq!(distinct.len(), first.len(), "different keys get different ids");
            assert!(ids.iter().all(|&id| (id as usize) < first.len()), "ids count from 0");
            assert_eq!(i.id(""), first.len() as u32);
            assert_eq!(i.id(""), first.len() as u32);
            i.clear();
        }
    }

    #[test]
    fn same_normalized_agrees_with_comparing_normalized_forms() {
        let texts = [
            "",
            " ",
            "Ёлка, и ель",
            "елка и ель",
            "елка, и ель",
            "ЕЛКА и ель.",
            "Pазвитие и внедрение, новой системы",
            "развитие внедрение новои системы",
            "развитие  внедрение новой системы",
            "в",
            "и в на",
            "40,5 %",
            "40.5 %",
            "40, 5 %",
        ];
        let norms = [
            Normalization::default(),
            Normalization { ignore_case: true, ..Default::default() },
            Normalization { ignore_punct: true, ..Default::default() },
            Normalization { ocr: true, ..Default::default() },
        ];
        for n in &norms {
            for a in texts {
                for b in texts {
                    assert_eq!(same_normalized(a, b, n), normalized(a, n) == normalized(b, n), "{a:?} {b:?} {n:?}");
                }
            }
        }
    }

    #[test]
    fn list_markers_are_recognised() {
        for (s, n) in
            [("5. Текст", 3), ("1.2) Текст", 5), ("- пункт", 2), ("• пункт", 4), ("2024 год", 0), ("3.5 %", 0)]
        {
            assert_eq!(list_marker_len(s), n, "{s:?}");
        }
        assert_eq!(list_marker_len("7."), 2);
        let mut i = Interner::default();
        let n = Normalization::default();
        assert_eq!(
            i.keyed_block("6. Развитие инфраструктуры", &n).ids,
            i.keyed_block("1. Развитие инфраструктуры", &n).ids
        );
    }

    /// The tokenisation character by character, as it was written first: the byte scan must
    /// cut every text the same way.
    fn tokens_by_char(s: &str) -> Vec<Token> {
        let mut out = Vec::new();
        let mut it = s.char_indices().peekable();
        while let Some((start, c)) = it.next() {
            let kind = char_kind(c);
            let (mut end, mut last) = (start + c.len_utf8(), c);
            if kind != TokenKind::Punct {
                while let Some(&(i, d)) = it.peek() {
                    let same = if kind == TokenKind::Word { is_word_char(d) } else { is_space(d) };
                    let decimal = kind == TokenKind::Word
                        && last.is_ascii_digit()
                        && matches!(d, '.' | ',')
                        && s[i + 1..].chars().next().is_some_and(|n| n.is_ascii_digit());
                    if !same && !decimal {
                        break;
                    }
                    end = i + d.len_utf8();
                    last = d;
                    it.next();
                }
            }
            out.push(Token { start, end, kind });
        }
        out
    }

    #[test]
    fn the_byte_scan_cuts_as_the_character_scan() {
        let mut texts: Vec<String> = [
            "1.2.3, 4,5. 6.x 7, 8 ¹2.3 ٣.4 x2.5y",
            "Моск\u{301}ва\u{a0}и\u{2009}Тверь\u{3000}ѢѣѲ ҂ Ӑ 𝔸 ß\t\r\n\u{b}\u{c}\u{1c}\u{85}",
            "«ЕГИСЗ» — 40 %; 2024–2030 гг. … e\u{301} \u{200b}x\u{feff}",
            "привет, мир. 1.5 раза,2,3 ;; дом 7.8.9 ёж\tЯ\n1,  2. 3 ,4 ..5 ѣѢ҂ӐӑЀ аб1 в.г 9.в",
            "",
            "9",
            "9.",
        ]
        .map(String::from)
        .to_vec();
        texts.extend(crate::testing::sample_texts());
        for t in &texts {
            // Every start within the first bytes: word_count reads eight bytes at a time.
            for (k, _) in t.char_indices().take_while(|(k, _)| *k < 96) {
                let rest = &t[k..];
                let rest = &rest[..rest.char_indices().nth(200).map_or(rest.len(), |(e, _)| e)];
                let words = tokens(rest).iter().filter(|x| x.kind == TokenKind::Word).count();
                assert_eq!(word_count(rest), words, "{rest:?}");
            }
            assert_eq!(tokens(t), tokens_by_char(t), "{:?}", t.chars().take(40).collect::<String>());
            let words = tokens(t).iter().filter(|k| k.kind == TokenKind::Word).count();
            assert_eq!(word_count(t), words, "{:?}", t.chars().take(40).collect::<String>());
            for line in t.lines() {
                assert_eq!(word_count(line), tokens(line).iter().filter(|k| k.kind == TokenKind::Word).count());
            }
        }
    }

    #[test]
    fn tokens_cover_the_text_and_keys_follow_the_options() {
        let s = "Цели «цифровой» зрелости: 40,5 %.";
        let t = tokens(s);
        assert_eq!(t.iter().map(|t| &s[t.start..t.end]).collect::<String>(), s);
        // "40,5" is one word; a stress mark does not split a word.
        assert_eq!(word_count(s), 4);
        assert_eq!(word_count("в 2024 г. 3.000, 1.2.3 и 5,"), 7);
        assert_eq!(word_count("Моск\u{301}ва и Тверь"), 3);
        let plain = Normalization::default();
        let loose = Normalization { ignore_case: true, ignore_punct: true, ocr: false };
        assert_ne!(normalized("Ёлка, и ель", &plain), normalized("елка и ель", &plain));
        assert_eq!(normalized("Ёлка, и ель", &loose), normalized("елка и ель", &loose));
        let ocr = Normalization { ocr: true, ..Default::default() };
        // Latin look-alikes inside a Cyrillic word, lost stopwords and punctuation.
        assert_eq!(
            normalized("Pазвитие и внедрение, новой системы", &ocr),
            normalized("развитие внедрение новои системы", &ocr)
        );
    }
}
