//! Damage measured on flattened text: what the preparation stripped (punctuation, stopwords,
//! single digits), OCR-damaged spans (words missing from the document's own vocabulary), and
//! places where a stripped «не» may have reversed the meaning.

use super::tokens::Tok;
use crate::compare::norm::FxMap;
use crate::model::Warning;

fn warn(code: &str, message: String, offset: usize) -> Warning {
    Warning { code: code.into(), message, line: None, offset: Some(offset), project: None }
}

/// Flags for what the flattening removed, each measured on the text.
pub fn stripped_flags(text: &str, toks: &[Tok], first_page: Option<u64>) -> Vec<Warning> {
    let mut out = Vec::new();
    // Counted in byte-wide tallies over runs of 255 bytes, which the compiler does 16 bytes at a
    // time (a count straight into a `usize` goes byte by byte).
    let punct: usize = text
        .as_bytes()
        .chunks(255)
        .map(|run| {
            let marks = run.iter().map(|&b| u8::from(matches!(b, b'.' | b',' | b';' | b':' | b'(' | b')')));
            usize::from(marks.fold(0u8, u8::wrapping_add))
        })
        .sum();
    if punct * 10_000 < text.len() {
        out.push(warn(
            "punct_stripped",
            format!(
                "{punct} punctuation marks in {} bytes: full stops, commas and parentheses were stripped",
                text.len()
            ),
            0,
        ));
    }
    let words = toks.iter().filter(|t| t.key.bytes().any(|b| !b.is_ascii_digit())).count().max(1);
    // No stopword holds a digit (see the tests): a key with one is not looked up.
    let stop =
        toks.iter().filter(|t| !t.capitalized() && t.letters_only() && crate::text::fold::is_stopword(&t.key)).count();
    if stop * 200 < words {
        out.push(warn(
            "stopwords_stripped",
            format!("{stop} lowercase stopwords in {words} words (ordinary Russian prose has about a quarter): prepositions, conjunctions and «не» were removed"),
            0,
        ));
    }
    if let Some(p) = first_page.filter(|&p| p >= 10) {
        out.push(warn(
            "single_digits_dropped",
            format!("the page numbers start at {p}: lone single digits (pages, days, one-digit values) were dropped"),
            0,
        ));
    }
    out
}

/// Words checked for OCR damage: all letters, at least four of them.
fn checkable(t: &Tok) -> bool {
    let k = t.key.as_bytes();
    // A character is at most four bytes: 13 bytes or more hold four; fewer are counted by the
    // bytes that open a character.
    k.len() >= 4 && t.letters_only() && (k.len() >= 13 || k.iter().filter(|&&b| b & 0xC0 != 0x80).count() >= 4)
}

fn stem(k: &str) -> &str {
    let n = k.chars().count();
    match k.char_indices().nth((n.saturating_sub(3)).max(5)) {
        Some((end, _)) => &k[..end],
        None => k,
    }
}

/// Words per measuring window.
const WINDOW: usize = 50;
/// Share of unknown words that marks a window as damaged.
const DAMAGED: f64 = 0.4;

/// Spans whose words are largely unknown to the document's own vocabulary. The vocabulary is built
/// from `body` (the strategy proper); words outside it are checked against it, words inside it
/// against the rest of it (a word or stem occurring only once counts as unknown).
pub fn ocr_damage(toks: &[Tok], body: std::ops::Range<usize>) -> Vec<Warning> {
    // Each distinct checked word gets an id (in order of first use) once, and its stem is found
    // and given one only then: a token costs one lookup, not one per map and per question.
    // Reserved for every token (a filter's collect grows from nothing, copying and touching fresh
    // pages a dozen times); the maps borrow the tokens' keys and are sized for a distinct word
    // every fourth token (growing rehashes them).
    let (mut idx, mut word_of) = (Vec::with_capacity(toks.len()), Vec::with_capacity(toks.len()));
    let mut word_ids: FxMap<&str, u32> = FxMap::with_capacity_and_hasher(toks.len() / 4, Default::default());
    let mut stem_ids: FxMap<&str, u32> = FxMap::with_capacity_and_hasher(toks.len() / 4, Default::default());
    // Per word id: its stem's id and its count in `body`; per stem id: its count in `body`.
    let (mut stem_of, mut word_n, mut stem_n): (Vec<u32>, Vec<u32>, Vec<u32>) = Default::default();
    for (i, t) in toks.iter().enumerate().filter(|(_, t)| checkable(t)) {
        let w = *word_ids.entry(t.key.as_str()).or_insert(stem_of.len() as u32) as usize;
        if w == stem_of.len() {
            let s = *stem_ids.entry(stem(t.key.as_str())).or_insert(stem_n.len() as u32);
            if s as usize == stem_n.len() {
                stem_n.push(0);
            }
            stem_of.push(s);
            word_n.push(0);
        }
        if body.contains(&i) {
            word_n[w] += 1;
            stem_n[stem_of[w] as usize] += 1;
        }
        idx.push(i);
        word_of.push(w);
    }
    // `n`: the place in `idx`.
    let known = |n: usize| {
        let own = u32::from(body.contains(&idx[n]));
        let w = word_of[n];
        word_n[w] > own || stem_n[stem_of[w] as usize] > own
    };
    let mut spans: Vec<(usize, usize, usize, usize)> = Vec::new(); // first tok, last tok, unknown, total
    for (c, chunk) in idx.chunks(WINDOW).enumerate() {
        if chunk.len() < WINDOW / 2 {
            continue;
        }
        let unknown = (c * WINDOW..c * WINDOW + chunk.len()).filter(|&n| !known(n)).count();
        if (unknown as f64) < DAMAGED * chunk.len() as f64 {
            continue;
        }
        let (a, b) = (chunk[0], *chunk.last().expect("non-empty"));
        match spans.last_mut() {
            Some(s) if idx.binary_search(&s.1).ok().is_some_and(|p| idx.get(p + 1) == Some(&a)) => {
                s.1 = b;
                s.2 += unknown;
                s.3 += chunk.len();
            }
            _ => spans.push((a, b, unknown, chunk.len())),
        }
    }
    spans
        .into_iter()
        .map(|(a, b, u, n)| {
            let end = toks[b].off + toks[b].text.len();
            warn(
                "ocr_damage",
                format!(
                    "bytes {}-{end}: {u} of {n} words ({}%) are unknown to the document's own vocabulary (OCR damage)",
                    toks[a].off,
                    u * 100 / n
                ),
                toks[a].off,
            )
        })
        .collect()
}

/// Negatable phrases of the template's cells: `«обеспеченный федеральным финансированием»` is
/// one of two choices, the other being «не обеспеченный …»; with «не» stripped they read alike.
const NEGATABLE: &[&[&str]] = &[&["обеспечен", "федеральн", "финансирован"], &["предусмотрен", "федеральн"]];

/// Places where a stripped «не» may have reversed the meaning: «менее N» with no «не» before it
/// (probably «не менее»), and a template choice that also exists negated (see [`NEGATABLE`]).
pub fn negation_lost(toks: &[Tok], from: usize) -> Vec<Warning> {
    let phrase = |i: usize| {
        NEGATABLE.iter().any(|p| p.iter().enumerate().all(|(k, s)| toks.get(i + k).is_some_and(|t| t.starts(s))))
    };
    let negatable: Vec<Warning> = (from.max(1)..toks.len())
        .filter(|&i| toks[i - 1].key != "не" && phrase(i))
        .map(|i| {
            let ctx: Vec<&str> = toks[i.saturating_sub(3)..(i + 3).min(toks.len())].iter().map(|t| t.text).collect();
            warn(
                "negation_lost?",
                format!(
                    "«{}»: the text's «не» were stripped, so this may have read «не {}»: the meaning may be reversed",
                    ctx.join(" "),
                    toks[i].text
                ),
                toks[i].off,
            )
        })
        .collect();
    (from.max(1)..toks.len())
        .filter(|&i| toks[i].key == "менее" && toks[i - 1].key != "не" && toks[i - 1].key != "более")
        .map(|i| {
            let ctx: Vec<&str> = toks[i.saturating_sub(3)..(i + 3).min(toks.len())].iter().map(|t| t.text).collect();
            warn(
                "negation_lost?",
                format!("«{}»: probably «не менее», the «не» was stripped", ctx.join(" ")),
                toks[i].off,
            )
        })
        .chain(negatable)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_stopword_holds_a_digit() {
        assert!(crate::text::fold::STOPWORDS.iter().all(|w| !w.bytes().any(|b| b.is_ascii_digit())));
    }

    #[test]
    fn checkable_words_have_four_letters() {
        super::super::tokens::with_sample_tokens(
            "абв абвг abc abcd 1234 ab1cd 𝔸𝔹𝔺 𝔸𝔹𝔺𝔻 日本語 日本語版 Ёлка й ёё",
            |toks| {
                for t in toks {
                    let by_chars = t.key.len() >= 4 && t.letters_only() && t.key.chars().nth(3).is_some();
                    assert_eq!(checkable(t), by_chars, "{}", t.text);
                }
            },
        );
    }
}
