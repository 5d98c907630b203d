//! Tokens of flattened text: whitespace-separated words with their byte offsets, a folded key, and
//! whether a wider gap (two or more spaces, the trace of a dropped token or a lost line break)
//! precedes them. Page numbers and repeated table headers are masked out, not deleted, so every
//! token keeps its offset in the raw text.

use crate::text::fold::fold_char;

/// One whitespace-separated token.
#[derive(Debug, Clone)]
pub struct Tok<'a> {
    /// The token as printed.
    pub text: &'a str,
    /// Byte offset in the raw text.
    pub off: usize,
    /// Two or more spaces (or a line break) precede the token.
    pub gap: bool,
    /// Tokens the flattening dropped right before this one: one less than the spaces before it (a
    /// line break counts as two), at most 255. The first token counts as following one.
    pub dropped: u8,
    /// Folded letters and digits (lower case, ё→е, й→и), punctuation and quotes dropped.
    pub key: Key<'a>,
    /// [`Tok::num`], in 32 bits (nine digits fit): a token is 56 bytes, not 64.
    value: Option<u32>,
    numeric: bool,
    upper: bool,
    letters: bool,
}

impl Tok<'_> {
    /// The token's integer value when it is all digits (at most 9 of them).
    pub fn num(&self) -> Option<u64> {
        self.value.map(u64::from)
    }

    /// True when the token is a number (possibly with a decimal comma or point).
    pub fn is_number(&self) -> bool {
        self.numeric
    }

    /// True when the key holds no digit.
    pub fn letters_only(&self) -> bool {
        self.letters
    }

    /// True when the first letter is upper case.
    pub fn capitalized(&self) -> bool {
        self.upper
    }

    /// True when the key starts with `stem`.
    pub fn starts(&self, stem: &str) -> bool {
        let (k, s) = (self.key.as_bytes(), stem.as_bytes());
        // Most asks fail at the first letter: its two bytes settle them before a call to compare.
        k.len() >= s.len() && (s.len() < 2 || (k[0] == s[0] && k[1] == s[1])) && k.starts_with(s)
    }
}

/// A token's folded key: the token's own text where that is its key already (most words of
/// the flattened texts: lower-case Russian or ASCII letters and digits, no й or ё), else a slice
/// of the buffer that [`tokenize`] writes the others' keys into, one after another (no string
/// per token).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key<'a>(&'a str);

impl<'a> Key<'a> {
    /// The key as a string slice.
    pub fn as_str(&self) -> &'a str {
        self.0
    }
}

impl std::ops::Deref for Key<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        self.0
    }
}

impl PartialEq<str> for Key<'_> {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Key<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for Key<'_> {
    fn eq(&self, other: &String) -> bool {
        self.0 == other
    }
}

/// `crate::text::fold::is_word_char` with a fast path for ASCII and Cyrillic.
fn alnum(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, 'А'..='я' | 'ё' | 'Ё')
        || (!c.is_ascii() && crate::text::fold::is_word_char(c))
}

/// The token without the characters at its ends that are not letters or digits.
fn core_of(t: &str) -> &str {
    // Most tokens are bare words: their first and last characters settle it.
    let mut c = t.chars();
    if c.next().is_some_and(alnum) && c.next_back().is_none_or(alnum) {
        return t;
    }
    t.trim_matches(|c: char| !alnum(c))
}

/// The value of a token's [`core_of`] when it is all digits (at most 9 of them).
fn value_of(core: &str) -> Option<u32> {
    (!core.is_empty() && core.len() <= 9 && core.bytes().all(|b| b.is_ascii_digit()))
        .then(|| core.parse().ok())
        .flatten()
}

/// True when a token's [`core_of`] is a number (possibly with a decimal comma or point).
fn numeric(core: &str) -> bool {
    !core.is_empty()
        && core.bytes().all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
        && core.as_bytes()[0].is_ascii_digit()
}

/// The length in bytes of the whitespace character (`char::is_whitespace`) at byte `i` of
/// `text`, a character boundary, or 0 when there is none.
fn space_at(text: &str, i: usize) -> usize {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        return usize::from(matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'));
    }
    // Whitespace beyond ASCII (U+0085, U+00A0, U+1680, U+2000-U+205F, U+3000) starts with one of
    // these lead bytes; a Cyrillic letter never does.
    if matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3) {
        let c = text[i..].chars().next().expect("a char boundary inside the text");
        if c.is_whitespace() {
            return c.len_utf8();
        }
    }
    0
}

fn upper(t: &str) -> bool {
    t.chars().find(|&c| alnum(c) && !c.is_ascii_digit()).is_some_and(|c| {
        matches!(c, 'А'..='Я' | 'Ё' | 'A'..='Z') || (!c.is_ascii() && !matches!(c, 'а'..='я' | 'ё') && c.is_uppercase())
    })
}

/// Folded key of a token: letters and digits only (`crate::text::fold::is_word_char`), folded
/// by `fold_char`, й→и.
pub fn key_of(s: &str) -> String {
    key_and_digits(s).0
}

/// [`key_of`] `s`, with the number of ASCII digits in it.
fn key_and_digits(s: &str) -> (String, usize) {
    let (own, digits) = own_prefix(s);
    key_after(s, own, digits)
}

/// [`key_and_digits`] of `s` whose first `own` bytes, holding `digits` digits, are its
/// [`own_prefix`].
fn key_after(s: &str, own: usize, digits: usize) -> (String, usize) {
    let mut k = String::with_capacity(s.len());
    let (digits, _) = key_into::<false>(s, own, digits, &mut k);
    (k, digits)
}

/// Appends to `k` the key of `s` past its first `own` bytes, which are its [`own_prefix`] and
/// hold `digits` digits, and returns the key's digit count and the length of what was read.
/// `TOKEN`: `s` is the text from a token on, and the token ends at the first whitespace (as
/// `crate::text::scan::split_ws` ends it), so its end is found in the pass that keys it; else all
/// of `s` is read and whitespace is dropped like any other character that is no letter or digit.
fn key_into<const TOKEN: bool>(s: &str, own: usize, digits: usize, k: &mut String) -> (usize, usize) {
    k.push_str(&s[..own]);
    let (mut i, mut digits) = (own, digits);
    loop {
        // The character after the longest stretch that is its own key is folded or dropped (ASCII
        // digits are all in the stretches), then the next such stretch is copied whole (a
        // capitalised word is one folded letter and such a stretch).
        let Some(c) = s[i..].chars().next() else { return (digits, i) };
        let f = match c {
            'A'..='Z' => Some(c.to_ascii_lowercase()),
            'й' | 'Й' => Some('и'),
            'ё' | 'Ё' => Some('е'),
            'А'..='Я' => Some(fold_char(c)),
            // No whitespace is a letter or digit.
            c if TOKEN && c.is_whitespace() => return (digits, i),
            c if c.is_ascii() => None,
            c if crate::text::fold::is_word_char(c) => Some(fold_char(c)),
            _ => None,
        };
        i += c.len_utf8();
        if let Some(f) = f {
            k.push(f);
        }
        let (own, d) = own_prefix(&s[i..]);
        k.push_str(&s[i..i + own]);
        digits += d;
        i += own;
    }
}

/// The length of the longest prefix of `t` that is its own [`key_of`] (lower-case ASCII letters
/// and digits and the Russian letters а..я but й, which folds to и; ё folds to е, every other
/// character is dropped or folded), and how many digits that prefix holds.
fn own_prefix(t: &str) -> (usize, usize) {
    let b = t.as_bytes();
    let (mut i, mut digits) = (0, 0);
    // Four letters at a time while they are lower-case Russian ones (most of a word), then
    // character by character.
    while i + 8 <= b.len() && four_own_letters(crate::text::scan::word8(b, i)) {
        i += 8;
    }
    while i < b.len() {
        let c = b[i];
        // A Russian letter first (most bytes): а..п (D0 B0-BF) but й (D0 B9), р..я (D1 80-8F).
        // A `str` never ends inside a letter.
        if c >= 0xD0 && i + 1 < b.len() {
            let d = b[i + 1];
            let lower = if c == 0xD0 { d & 0xF0 == 0xB0 && d != 0xB9 } else { c == 0xD1 && d & 0xF0 == 0x80 };
            if !lower {
                break;
            }
            i += 2;
        } else if c.is_ascii_digit() {
            (i, digits) = (i + 1, digits + 1);
        } else if c.is_ascii_lowercase() {
            i += 1;
        } else {
            break;
        }
    }
    (i, digits)
}

/// True when the eight bytes of `w` (the first lowest) are four lower-case Russian letters
/// that are their own keys (а..я but й), tested as 16-bit lanes: D0 B0-BF but D0 B9, or D1 80-8F.
#[inline(always)]
fn four_own_letters(w: u64) -> bool {
    const fn lanes(x: u16) -> u64 {
        x as u64 * 0x0001_0001_0001_0001
    }
    const LOW15: u64 = lanes(0x7FFF);
    // 0x8000 in each lane of `y` that is zero, 0 in the others (no carry crosses a lane).
    let zero = |y: u64| !(((y & LOW15) + LOW15) | y | LOW15);
    let a_to_p = zero((w ^ lanes(0xB0D0)) & lanes(0xF0FF)) & !zero(w ^ lanes(0xB9D0));
    let r_to_ya = zero((w ^ lanes(0x80D1)) & lanes(0xF0FF));
    a_to_p | r_to_ya == lanes(0x8000)
}

/// Splits text into tokens (as `crate::text::scan::split_ws` splits it). The keys that are not
/// a token's own text are written into `keys` (cleared first), one after another, and borrowed
/// from it.
pub fn tokenize<'a>(text: &'a str, keys: &'a mut String) -> Vec<Tok<'a>> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 7);
    keys.clear();
    // Room for the keys of half the text (the flattened texts key about a quarter of it) and a
    // keyed token every 16 bytes (about one every 64): growing would copy them.
    keys.reserve(text.len() / 2);
    // Per token keyed into `keys`: its place in `out` and its key's byte range there. The keys
    // are borrowed once all are written (the buffer may move while it grows).
    let mut placed: Vec<(usize, usize, usize)> = Vec::with_capacity(text.len() / 16);
    let mut i = 0;
    loop {
        // The whitespace before the token, a line break counting two; the first token follows two.
        let mut spaces = 0usize;
        while i < b.len() {
            match space_at(text, i) {
                0 => break,
                n => (spaces, i) = (spaces + 1 + usize::from(b[i] == b'\n'), i + n),
            }
        }
        if i >= b.len() {
            break;
        }
        if out.is_empty() {
            spaces = 2;
        }
        // Two or more whitespace characters, or a line break, make a gap.
        let (gap, dropped) = (spaces >= 2, spaces.saturating_sub(1).min(255) as u8);
        let start = i;
        // One pass finds the token's end and whether it is its own key: the own prefix (which no
        // whitespace is part of) is most tokens whole; where it stops short of a space, the pass
        // that keys the rest of the token finds its end (as `split_ws` would).
        let (own, digits) = own_prefix(&text[start..]);
        let whole = start + own == b.len() || space_at(text, start + own) > 0;
        out.push(if whole {
            let t = &text[start..start + own];
            i = start + own;
            // Lower-case letters and digits (most tokens): its own core and key, a number when all
            // digits, no capital.
            let number = digits == t.len();
            Tok {
                text: t,
                off: start,
                gap,
                dropped,
                key: Key(t),
                value: if number { value_of(t) } else { None },
                numeric: number,
                upper: false,
                letters: digits == 0,
            }
        } else {
            let from = keys.len();
            let (digits, len) = key_into::<true>(&text[start..], own, digits, keys);
            placed.push((out.len(), from, keys.len()));
            let t = &text[start..start + len];
            i = start + len;
            let core = core_of(t);
            Tok {
                text: t,
                off: start,
                gap,
                dropped,
                letters: digits == 0,
                // Set below, once every key is written.
                key: Key(""),
                value: value_of(core),
                numeric: numeric(core),
                upper: upper(t),
            }
        });
    }
    let keys: &'a String = keys;
    for (n, from, to) in placed {
        out[n].key = Key(&keys[from..to]);
    }
    out
}

/// Calls `f` with the tokens of `extra` followed by every raw sample's text, for the tests that
/// check a fast path against its definition.
#[cfg(test)]
pub(crate) fn with_sample_tokens(extra: &str, f: impl FnOnce(&[Tok])) {
    let mut texts = vec![extra.to_string()];
    texts.extend(crate::testing::sample_texts());
    let text = texts.concat();
    let mut keys = String::new();
    f(&tokenize(&text, &mut keys));
}

/// Finds the first position in `from..to` where consecutive token keys start with the stems of
/// `pattern` (space-separated). Tokens with an empty key (lone punctuation) are skipped.
pub fn find_phrase(toks: &[Tok], mask: &[bool], from: usize, to: usize, pattern: &str) -> Option<(usize, usize)> {
    find_with(toks, mask, from, to, &[pattern.split(' ').collect()], match_at)
}

/// As [`find_phrase`], allowing each word the one letter OCR may lose ([`match_near`]).
pub fn find_phrase_near(toks: &[Tok], mask: &[bool], from: usize, to: usize, pattern: &str) -> Option<(usize, usize)> {
    find_with(toks, mask, from, to, &[pattern.split(' ').collect()], match_near)
}

/// The earliest of `patterns` in `from..to` (as [`find_phrase`] finds each), the first listed
/// where several start at the same token: one pass over the tokens for all the phrases, where
/// asking for each phrase in turn scans the range once for each phrase that is not there.
pub fn find_first_phrase(
    toks: &[Tok],
    mask: &[bool],
    from: usize,
    to: usize,
    patterns: &[&str],
) -> Option<(usize, usize)> {
    let stems: Vec<Vec<&str>> = patterns.iter().map(|p| p.split(' ').collect()).collect();
    find_with(toks, mask, from, to, &stems, match_at)
}

/// A phrase finder: [`find_phrase`] or [`find_phrase_near`].
pub type Finder = fn(&[Tok], &[bool], usize, usize, &str) -> Option<(usize, usize)>;

/// The first position in `from..to` where one of the phrases (each as its stems) matches by `m`,
/// the first listed where several start there, with the match's end.
fn find_with(
    toks: &[Tok],
    mask: &[bool],
    from: usize,
    to: usize,
    phrases: &[Vec<&str>],
    m: impl Fn(&[Tok], &[bool], usize, usize, &[&str]) -> Option<usize>,
) -> Option<(usize, usize)> {
    let to = to.min(toks.len());
    // Both matchers keep a word's first letter: a phrase whose first stem opens with another
    // letter is not tried at a word (most are not). `None`: an empty phrase or stem, tried at all.
    let firsts: Vec<Option<char>> = phrases.iter().map(|p| p.first().and_then(|s| s.chars().next())).collect();
    // A phrase starts at a live word (the matcher would skip masked and empty tokens).
    (from..to).find_map(|i| {
        if mask[i] || toks[i].key.is_empty() {
            return None;
        }
        let first = toks[i].key.chars().next();
        phrases
            .iter()
            .zip(&firsts)
            .filter(|(_, f)| f.is_none() || **f == first)
            .find_map(|(stems, _)| m(toks, mask, i, to, stems))
            .map(|e| (i, e))
    })
}

/// Matches `stems` starting at token `i`; returns the end (exclusive) on success.
pub fn match_at(toks: &[Tok], mask: &[bool], i: usize, to: usize, stems: &[&str]) -> Option<usize> {
    match_with(toks, mask, i, to, stems, |t, stem| t.starts(stem))
}

/// As [`match_at`], also when a word lost one letter of its stem or the stem one of the word's
/// (OCR drops letters), for stems of five letters or more.
pub fn match_near(toks: &[Tok], mask: &[bool], i: usize, to: usize, stems: &[&str]) -> Option<usize> {
    match_with(toks, mask, i, to, stems, |t, stem| t.starts(stem) || near_prefix(&t.key, stem))
}

fn match_with(
    toks: &[Tok],
    mask: &[bool],
    i: usize,
    to: usize,
    stems: &[&str],
    fits: impl Fn(&Tok, &str) -> bool,
) -> Option<usize> {
    let mut j = i;
    for stem in stems {
        while j < to && (mask[j] || toks[j].key.is_empty()) {
            j += 1;
        }
        if j >= to || !fits(&toks[j], stem) {
            return None;
        }
        j += 1;
    }
    Some(j)
}

/// Whether `key` starts with `stem` once one letter is deleted from one of them.
pub fn near_prefix(key: &str, stem: &str) -> bool {
    // Either way the first letter stays (see `near_letters`): a word that opens with another
    // letter is settled before any is copied (most asks).
    if key.chars().next() != stem.chars().next() {
        return false;
    }
    // The letters on the stack (stems are short words); a longer stem takes the heap.
    const ON_STACK: usize = 24;
    let (mut s_buf, mut k_buf) = (['\0'; ON_STACK], ['\0'; ON_STACK + 1]);
    let mut n = 0;
    for c in stem.chars() {
        if n == ON_STACK {
            let s: Vec<char> = stem.chars().collect();
            let k: Vec<char> = key.chars().take(s.len() + 1).collect();
            return near_letters(&s, &k);
        }
        s_buf[n] = c;
        n += 1;
    }
    if n < 5 {
        return false;
    }
    let mut m = 0;
    for c in key.chars().take(n + 1) {
        k_buf[m] = c;
        m += 1;
    }
    near_letters(&s_buf[..n], &k_buf[..m])
}

/// [`near_prefix`] on the stem's letters `s` (five or more) and the key's first `s.len() + 1`.
fn near_letters(s: &[char], k: &[char]) -> bool {
    if s.len() < 5 {
        return false;
    }
    // One letter gone from the word: the word's first len-1 letters are the stem less one letter.
    let less = |long: &[char], short: &[char]| {
        let p = short.iter().zip(long).take_while(|(a, b)| a == b).count();
        p >= 1 && short[p..] == long[p + 1..long.len().min(short.len() + 1)]
    };
    (k.len() >= s.len() - 1 && less(s, &k[..s.len() - 1])) || (k.len() == s.len() + 1 && less(k, s))
}

/// The monotone chain of page numbers: numeric tokens of two or three digits whose values run
/// 10, 11, 12, ... in document order (single-digit pages were dropped from flattened text). Found
/// by dynamic programming over predecessors `v-1` (or `v-2`, one page lost), preferring tokens that
/// stand at a gap. A second pass knows the typical page length and penalises links far shorter or
/// longer: heading numbers «4.1» ... «4.8» (flattened to 41 ... 48) also count up, but not a page
/// apart. Returns token indices in order.
pub fn page_chain(toks: &[Tok], from: usize) -> Vec<usize> {
    // The tokens that may be pages, with their values, found once for both passes: the passes'
    // tables then hold a few thousand numbers, not an entry per token.
    let pages: Vec<(usize, usize)> = (from..toks.len())
        .filter_map(|i| {
            let v = toks[i].num()? as usize;
            ((10..1000).contains(&v) && !toks[i].text.starts_with('0')).then_some((i, v))
        })
        .collect();
    let first = chain_pass(toks, &pages, None);
    if first.len() < 6 {
        return first;
    }
    let mut gaps: Vec<usize> = first.windows(2).map(|w| toks[w[1]].off - toks[w[0]].off).collect();
    gaps.sort_unstable();
    let typical = gaps[gaps.len() / 2].max(1);
    let mut chain = chain_pass(toks, &pages, Some(typical));
    recentre(toks, &mut chain, typical);
    chain
}

/// Among tokens of the same value between a page's neighbours, keeps the one that sits most
/// evenly a page from both (a heading «2.1» right before the real page 21 ties with it in the
/// chain's score, but not in its spacing).
fn recentre(toks: &[Tok], chain: &mut [usize], typical: usize) {
    let t = typical as f64;
    let cost = |a: usize, b: usize, c: usize| {
        let d1 = (toks[b].off - toks[a].off).max(1) as f64;
        let d2 = (toks[c].off - toks[b].off).max(1) as f64;
        (d1 / t).ln().abs() + (d2 / t).ln().abs()
    };
    for k in 1..chain.len().saturating_sub(1) {
        let (a, c) = (chain[k - 1], chain[k + 1]);
        let v = toks[chain[k]].num();
        let best = (a + 1..c)
            .filter(|&i| toks[i].num() == v)
            .min_by(|&x, &y| cost(a, x, c).total_cmp(&cost(a, y, c)).then(x.cmp(&y)));
        if let Some(b) = best {
            chain[k] = b;
        }
    }
}

/// One pass of [`page_chain`] over `pages`, the candidates (token index, value) in order.
fn chain_pass(toks: &[Tok], pages: &[(usize, usize)], typical: Option<usize>) -> Vec<usize> {
    // best[v] = (score, place in `pages`) of the best chain ending in a token of value v so far.
    let mut best: Vec<Option<(u32, usize)>> = vec![None; 1000];
    // Per place in `pages`: the place of its predecessor in its best chain, and that chain's score.
    let mut prev: Vec<Option<usize>> = vec![None; pages.len()];
    let mut score_of: Vec<u32> = vec![0; pages.len()];
    let link_cost = |a: usize, b: usize| -> u32 {
        match typical {
            Some(t) => {
                let d = toks[b].off - toks[a].off;
                if d * 5 < t || d > t * 5 { 4 } else { 0 }
            }
            None => 0,
        }
    };
    for (n, &(i, v)) in pages.iter().enumerate() {
        let bonus = u32::from(toks[i].gap) + u32::from(toks.get(i + 1).is_some_and(|t| t.gap));
        let mut s = 3 + bonus;
        let mut p = None;
        for (back, cost) in [(1usize, 0u32), (2, 6)] {
            if let Some((bs, bn)) = v.checked_sub(back).and_then(|u| best[u]) {
                let cand = (bs + 3 + bonus).saturating_sub(cost + link_cost(pages[bn].0, i));
                if cand > s {
                    s = cand;
                    p = Some(bn);
                }
            }
        }
        score_of[n] = s;
        prev[n] = p;
        if best[v].is_none_or(|(bs, _)| s > bs) {
            best[v] = Some((s, n));
        }
    }
    // The best score, the earliest where several tie.
    let Some(end) = (0..pages.len()).max_by_key(|&n| (score_of[n], usize::MAX - n)) else {
        return Vec::new();
    };
    let mut chain = vec![pages[end].0];
    let mut cur = end;
    while let Some(p) = prev[cur] {
        chain.push(pages[p].0);
        cur = p;
    }
    chain.reverse();
    if chain.len() < 3 { Vec::new() } else { chain }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The key [`tokenize`] gives the token `t` (empty where `t` is whitespace, which holds no
    /// token), and whether it is `t`'s own text, borrowed.
    fn key_of_token(t: &str) -> (String, bool) {
        let mut keys = String::new();
        let toks = tokenize(t, &mut keys);
        toks.first().map_or((String::new(), false), |k| (k.key.to_string(), k.key.as_ptr() == t.as_ptr()))
    }

    /// [`own_prefix`] character by character, by its definition.
    fn own_prefix_by_chars(t: &str) -> (usize, usize) {
        let own = |c: char| (matches!(c, 'а'..='я') && c != 'й') || c.is_ascii_lowercase() || c.is_ascii_digit();
        let end = t.char_indices().find(|&(_, c)| !own(c)).map_or(t.len(), |(i, _)| i);
        (end, t[..end].bytes().filter(u8::is_ascii_digit).count())
    }

    #[test]
    fn four_own_letters_are_four_lower_case_russian_letters_but_yot() {
        let own = |c: char| matches!(c, 'а'..='я') && c != 'й';
        let letters: Vec<char> = ('\u{400}'..='\u{47F}').collect();
        for (n, &a) in letters.iter().enumerate() {
            for &b in [letters[(n * 7 + 3) % letters.len()], 'б', 'й', 'я', 'р'].iter() {
                let s: String = [a, b, 'о', b].iter().collect();
                let w = crate::text::scan::word8(s.as_bytes(), 0);
                assert_eq!(four_own_letters(w), own(a) && own(b), "{s}");
            }
        }
        assert!(!four_own_letters(crate::text::scan::word8("абв d".as_bytes(), 0)));
    }

    #[test]
    fn a_stem_matches_a_word_with_one_letter_lost_either_side() {
        assert!(near_prefix("развиие", "развит"));
        assert!(near_prefix("логисика", "логист"));
        assert!(near_prefix("развитие", "развиие"));
        assert!(!near_prefix("разница", "развит"));
        assert!(!near_prefix("тур", "туризм"));
    }

    #[test]
    fn a_token_borrowed_as_its_key_is_its_key() {
        let mut texts = vec!["й ё Ё ѐ ѝ а я п р А Я z Z 0 9 - « Ѳѳ ъь abcйd ёлка пр1ме́р".to_string()];
        texts.extend(crate::testing::sample_texts());
        // The definition `key_of` settles its common letters ahead of.
        let by_rules = |s: &str| -> String {
            s.chars()
                .filter(|&c| crate::text::fold::is_word_char(c))
                .map(|c| if c == 'й' || c == 'Й' { 'и' } else { fold_char(c) })
                .collect()
        };
        let (mut own, mut all) = (0, 0);
        let mut keys = String::new();
        for t in crate::text::scan::split_ws(&texts.concat()) {
            let (k, borrowed) = key_of_token(t);
            assert_eq!(k, key_of(t), "{t}");
            assert_eq!(key_of(t), by_rules(t), "{t}");
            assert_eq!(own_prefix(t), own_prefix_by_chars(t), "{t}");
            assert_eq!(borrowed, own_prefix(t).0 == t.len(), "{t}");
            // What `tokenize` reads off an own key is what the general rules give.
            let (tok, core) = (&tokenize(t, &mut keys)[0], core_of(t));
            let letters = !k.bytes().any(|b| b.is_ascii_digit());
            assert_eq!(
                (tok.num(), tok.is_number(), tok.capitalized(), tok.letters_only()),
                (value_of(core).map(u64::from), numeric(core), upper(t), letters),
                "{t}"
            );
            own += usize::from(borrowed);
            all += 1;
        }
        assert!(own * 2 > all, "most tokens are their own keys ({own} of {all})");
        for c in (0..0x800u32).chain(0x1E00..0x2200).filter_map(char::from_u32) {
            let s = c.to_string();
            assert_eq!(key_of_token(&s).0, key_of(&s), "{c:?}");
            assert_eq!(own_prefix(&s), own_prefix_by_chars(&s), "{c:?}");
            assert_eq!(key_of(&s), by_rules(&s), "{c:?}");
        }
    }

    #[test]
    fn tokens_keep_offsets_keys_and_gaps() {
        let mut keys = String::new();
        let t = tokenize("Раздел  «Основные положения» 12", &mut keys);
        assert_eq!(t.len(), 4);
        assert_eq!((t[1].off, t[1].gap, t[1].key.as_str()), ("Раздел  ".len(), true, "основные"));
        assert!(!t[2].gap);
        assert_eq!(t[3].num(), Some(12));
    }

    #[test]
    fn page_chain_skips_values_between_pages() {
        let text = "текст 10 слово 100 слово 11 ещё 12 значения 45 13 конец 14";
        let mut keys = String::new();
        let t = tokenize(text, &mut keys);
        let chain: Vec<u64> = page_chain(&t, 0).iter().map(|&i| t[i].num().unwrap()).collect();
        assert_eq!(chain, vec![10, 11, 12, 13, 14]);
    }

    #[test]
    fn page_chain_is_not_fooled_by_numbered_headings() {
        // Pages 10..=30, a page of filler apart; in the middle of page 20 come headings numbered
        // 21..=25 (flattened «2.1» ... «2.5»), a few words apart, that also count up.
        let half = "слово ".repeat(30);
        let mut text = String::new();
        for p in 10..=30 {
            text.push_str(&format!("{p} {half}"));
            if p == 20 {
                for h in 21..=25 {
                    text.push_str(&format!("{h} Заголовок раздела "));
                }
            }
            text.push_str(&half);
        }
        let mut keys = String::new();
        let t = tokenize(&text, &mut keys);
        let chain = page_chain(&t, 0);
        let values: Vec<u64> = chain.iter().map(|&i| t[i].num().unwrap()).collect();
        assert_eq!(values, (10..=30).collect::<Vec<u64>>());
        let heading_21 = t.iter().position(|x| x.num() == Some(21)).unwrap();
        assert!(!chain.contains(&heading_21), "the heading 21 was taken for page 21");
    }

    #[test]
    fn phrases_match_by_stem() {
        let mut keys = String::new();
        let t = tokenize("1 Перечень проблем текущего состояния", &mut keys);
        let mask = vec![false; t.len()];
        assert_eq!(find_phrase(&t, &mask, 0, t.len(), "перечен проблем"), Some((1, 3)));
    }
}
