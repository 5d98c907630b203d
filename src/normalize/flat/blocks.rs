//! Cutting a run of flattened text into blocks. Sentences cannot be recovered without
//! punctuation, so blocks start where the layout left a trace: a gap before a capitalised word (a
//! lost line break, bullet or table cell), the next number of a numbered list, a template
//! sub-phrase, or a split point the caller knows (a table row).

use super::tokens::{Tok, match_at};
use crate::model::{Block, BlockKind};

/// Template phrases that open a block of their own (folded stems).
pub const SUB_PHRASES: &[&str] = &[
    "перечен проблем текущ",
    "вызов развит отрасл",
    "общ вызов",
    "наименован стратег",
    "срок реализац период",
    "кратк направлен",
    "ключев направлен",
    "что делаем",
    "кто делает",
    "для кого",
    "ожидаем результат",
    "бенефициар",
    "ресурс",
    "долгосрочн социальн",
    "связ показател",
];

/// Smallest block worth keeping apart (tokens); smaller ones join their neighbour.
const MIN_BLOCK: usize = 4;

/// The bit of the letter a key (or stem) opens with: bit n for the n-th lower-case Russian letter
/// а..я, bit 32 for any other opening (or none). A key that starts with a stem has its bit.
fn opening_bit(k: &[u8]) -> u64 {
    match k {
        [0xD0, b @ 0xB0..=0xBF, ..] => 1 << (b - 0xB0),
        [0xD1, b @ 0x80..=0x8F, ..] => 1 << (16 + b - 0x80),
        _ => 1 << 32,
    }
}

/// [`SUB_PHRASES`] split into stems, once for every call (a document cuts dozens of ranges).
static PHRASES: std::sync::LazyLock<Vec<Vec<&str>>> =
    std::sync::LazyLock::new(|| SUB_PHRASES.iter().map(|p| p.split(' ').collect()).collect());

/// The [`opening_bit`]s of the phrases' first stems: a word without one of them opens no phrase
/// (most capitalised words), settled before the phrases are tried.
static OPENINGS: std::sync::LazyLock<u64> = std::sync::LazyLock::new(|| {
    // An empty stem opens every word.
    PHRASES
        .iter()
        .map(|stems| stems.first().filter(|s| !s.is_empty()).map_or(u64::MAX, |s| opening_bit(s.as_bytes())))
        .fold(0, |a, b| a | b)
});

/// Cuts `from..to` (masked tokens skipped) into blocks; `splits` (sorted) are extra token indices where a
/// block must start.
pub fn blocks(toks: &[Tok], mask: &[bool], from: usize, to: usize, splits: &[usize]) -> Vec<Block> {
    let phrases: &[Vec<&str>] = &PHRASES;
    let openings = *OPENINGS;
    let mut starts: Vec<(usize, bool)> = Vec::new(); // (token, is list item)
    let mut next_item = 1u64;
    // The first split at or after `i` (`splits` is sorted and `i` only grows).
    let mut split = 0;
    let mut i = from;
    while i < to {
        if mask[i] {
            i += 1;
            continue;
        }
        let t = &toks[i];
        let next_word = || toks.get(i + 1).is_some_and(|n| n.num().is_none() && !n.key.is_empty());
        if let Some(v) = t.num()
            && next_word()
            && (v == next_item || (v == 1 && next_item > 2))
        {
            starts.push((i, true));
            next_item = v + 1;
            i += 1;
            continue;
        }
        while splits.get(split).is_some_and(|&s| s < i) {
            split += 1;
        }
        if splits.get(split) == Some(&i) {
            starts.push((i, false));
        } else if t.capitalized()
            && openings & opening_bit(t.key.as_bytes()) != 0
            && phrases.iter().any(|stems| t.starts(stems[0]) && match_at(toks, mask, i, to, stems).is_some())
        {
            starts.push((i, false));
            next_item = 1;
        } else if t.gap && t.capitalized() && i > from {
            starts.push((i, false));
        }
        i += 1;
    }
    if starts.first().is_none_or(|s| s.0 > from) {
        starts.insert(0, (from, false));
    }
    let mut out: Vec<Block> = Vec::new();
    // The block being built: text, item, token count. Words are appended to its text in place.
    let mut pending: Option<(String, bool, usize)> = None;
    for (n, &(s, item)) in starts.iter().enumerate() {
        let e = starts.get(n + 1).map(|x| x.0).unwrap_or(to);
        let Some(first) = (s..e).find(|&k| !mask[k]) else { continue };
        let forced = splits.binary_search(&s).is_ok();
        match pending.as_mut() {
            // A block too small to stand alone takes this one's words.
            Some((p, pitem, count)) if *count < MIN_BLOCK && !forced => {
                p.push(' ');
                *pitem |= item;
            }
            _ => {
                if let Some((p, pitem, _)) = pending.take() {
                    out.push(block(p, pitem));
                }
                pending = Some((String::new(), item, 0));
            }
        }
        let (text, _, count) = pending.as_mut().expect("set above");
        // At most the chunk's bytes: one allocation for the block's text, not one per doubling.
        let last = &toks[e - 1];
        text.reserve(last.off + last.text.len() - toks[first].off);
        text.push_str(toks[first].text);
        *count += 1;
        for k in (first + 1..e).filter(|&k| !mask[k]) {
            text.push(' ');
            text.push_str(toks[k].text);
            *count += 1;
        }
    }
    if let Some((p, item, count)) = pending {
        match out.last_mut() {
            Some(last) if count < MIN_BLOCK => {
                last.text = format!("{} {p}", last.text).into();
            }
            _ => out.push(block(p, item)),
        }
    }
    out
}

fn block(text: String, item: bool) -> Block {
    Block { kind: if item { BlockKind::Item } else { BlockKind::Paragraph }, text: text.into() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::flat::tokens::tokenize;

    #[test]
    fn numbered_lists_and_template_phrases_open_blocks() {
        let text = "являются 1 Указ Президента первый 2 Указ Президента второй Перечень проблем текущего состояния отрасли 1 нехватка кадров везде";
        let mut keys = String::new();
        let t = tokenize(text, &mut keys);
        let mask = vec![false; t.len()];
        let b = blocks(&t, &mask, 0, t.len(), &[]);
        let texts: Vec<&str> = b.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "являются 1 Указ Президента первый",
                "2 Указ Президента второй",
                "Перечень проблем текущего состояния отрасли",
                "1 нехватка кадров везде"
            ]
        );
        assert_eq!(b[1].kind, BlockKind::Item);
    }

    #[test]
    fn a_word_a_phrase_opens_with_has_its_opening() {
        let mut opened = 0;
        crate::normalize::flat::tokens::with_sample_tokens(
            "Перечень перечен Вызов Общий Ёлка ёлка й Й Zeta 12 «Срок» Я я",
            |toks| {
                for t in toks {
                    if PHRASES.iter().any(|stems| t.starts(stems[0])) {
                        assert_ne!(*OPENINGS & opening_bit(t.key.as_bytes()), 0, "{}", t.text);
                        opened += 1;
                    }
                }
            },
        );
        assert!(opened > 0);
        // Each letter and any other opening have bits of their own.
        let bits: Vec<u64> = ('а'..='я').map(|c| opening_bit(c.to_string().as_bytes())).collect();
        assert_eq!(bits.iter().fold(0, |a, b| a | b).count_ones(), 32);
        assert_eq!(opening_bit("ё".as_bytes()), 1 << 32);
        assert_eq!(opening_bit(b"z"), 1 << 32);
        assert_eq!(opening_bit(b""), 1 << 32);
    }
}
