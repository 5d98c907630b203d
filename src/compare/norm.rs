//! Comparison normalisation: which differences count as changes.
//!
//! Text is cut into tokens (Unicode word boundaries): words, punctuation and whitespace. Whitespace
//! is never compared; punctuation is compared unless ignored; words are compared after optional
//! folding. The OCR-tolerant mode also folds Latin look-alike letters to Cyrillic, й to и, and skips
//! stopwords and punctuation, because the flattened OCR texts lost exactly those.

use crate::text::fold::{fold_char, is_stopword};
use std::collections::HashMap;
use unicode_segmentation::UnicodeSegmentation;

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

/// Cuts `s` into tokens at Unicode word boundaries; the tokens cover `s` exactly.
pub fn tokens(s: &str) -> Vec<Token> {
    s.split_word_bound_indices()
        .map(|(start, t)| {
            let kind = if t.chars().any(char::is_alphanumeric) {
                TokenKind::Word
            } else if t.chars().all(char::is_whitespace) {
                TokenKind::Space
            } else {
                TokenKind::Punct
            };
            Token { start, end: start + t.len(), kind }
        })
        .collect()
}

/// Number of words in `s` (as [`tokens`] counts them).
pub fn word_count(s: &str) -> usize {
    s.split_word_bounds().filter(|t| t.chars().any(char::is_alphanumeric)).count()
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

    /// Writes the comparison form of token `t` into `out`; returns false when the token is not
    /// compared at all (whitespace, ignored punctuation, stopwords in OCR mode).
    pub fn key_into(&self, t: &str, kind: TokenKind, out: &mut String) -> bool {
        out.clear();
        match kind {
            TokenKind::Space => return false,
            TokenKind::Punct if self.drops_punct() => return false,
            _ => {}
        }
        if !self.folds_case() {
            out.push_str(t);
            return true;
        }
        out.extend(t.chars().map(fold_char));
        if self.ocr {
            if is_stopword(out) {
                return false;
            }
            let has_cyrillic = out.chars().any(|c| ('а'..='я').contains(&c));
            if has_cyrillic {
                *out = out.chars().map(ocr_char).collect();
            } else {
                *out = out.chars().map(|c| if c == 'й' { 'и' } else { c }).collect();
            }
        }
        true
    }
}

/// Maps comparison keys to small integers so that diffs compare `u32`s, not strings.
#[derive(Debug, Default)]
pub struct Interner {
    ids: HashMap<String, u32>,
    buf: String,
}

/// One side of a comparison: the text's tokens and the ids of the compared ones.
#[derive(Debug, Clone, Default)]
pub struct Keyed {
    /// All tokens of the text.
    pub tokens: Vec<Token>,
    /// For each compared token: its index in `tokens`.
    pub items: Vec<usize>,
    /// For each compared token: its interned key.
    pub ids: Vec<u32>,
}

impl Interner {
    /// Interns one key.
    pub fn id(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.ids.get(key) {
            return id;
        }
        let id = self.ids.len() as u32;
        self.ids.insert(key.to_string(), id);
        id
    }

    /// Tokenises `s` and interns the keys of its compared tokens.
    pub fn keyed(&mut self, s: &str, norm: &Normalization) -> Keyed {
        let tokens = tokens(s);
        let mut items = Vec::new();
        let mut ids = Vec::new();
        let mut buf = std::mem::take(&mut self.buf);
        for (i, t) in tokens.iter().enumerate() {
            if norm.key_into(&s[t.start..t.end], t.kind, &mut buf) {
                items.push(i);
                ids.push(self.id(&buf));
            }
        }
        self.buf = buf;
        Keyed { tokens, items, ids }
    }
}

/// The comparison form of a whole short text (a name, a title): compared tokens joined by spaces.
pub fn normalized(s: &str, norm: &Normalization) -> String {
    let mut out = String::new();
    let mut buf = String::new();
    for t in tokens(s) {
        if norm.key_into(&s[t.start..t.end], t.kind, &mut buf) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&buf);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_cover_the_text_and_keys_follow_the_options() {
        let s = "Цели «цифровой» зрелости: 40,5 %.";
        let t = tokens(s);
        assert_eq!(t.iter().map(|t| &s[t.start..t.end]).collect::<String>(), s);
        assert_eq!(word_count(s), 4);
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
