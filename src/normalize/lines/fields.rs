//! Label/value parts of the template: the strategy card, the legal basis and the glossary.

use super::pages::Ln;
use super::reflow::{Vocab, join_into};
use crate::model::{BlockKind, CardField, Section};
use crate::text::fold::{key, words};
use std::collections::BTreeMap;

/// The card's labels as the template prints them.
pub const CARD_LABELS: &[&str] = &[
    "Наименование стратегии",
    "Срок реализации",
    "Краткое направление стратегии",
    "Что делаем",
    "Кто делает",
    "Результаты стратегии до 2024 года",
    "Бенефициары стратегии",
    "Ресурсы",
    "Долгосрочные социально-экономические эффекты",
    "Связь с показателями национальных целей",
];

/// If a label starts at line `i`, returns (label index, lines it takes).
fn label_at(lines: &[Ln], i: usize, after: usize) -> Option<(usize, usize)> {
    // Asked of every line of the card: the labels' words are read once, and a line's words are
    // read once as its comparison key (its words joined by single spaces), the next lines' only
    // when a label is followed over them, and then once for all the labels.
    static LABEL_WORDS: std::sync::LazyLock<Vec<Vec<String>>> =
        std::sync::LazyLock::new(|| CARD_LABELS.iter().map(|l| words(l).collect()).collect());
    let first = key(lines[i].text);
    let n_first = word_count(&first);
    if n_first == 0 || n_first > 4 {
        return None;
    }
    let mut next: [Option<String>; 4] = Default::default();
    for (k, lw) in LABEL_WORDS.iter().enumerate().skip(after) {
        if n_first > lw.len() || !words_at(&first, &lw[..]) {
            continue;
        }
        // Consume lines while they carry only the label's next words.
        // This line's words open it (above): the next lines follow.
        let (mut pos, mut j) = (n_first, i + 1);
        while j < lines.len() && j < i + 5 && pos < lw.len() {
            let ws = next[j - i - 1].get_or_insert_with(|| key(lines[j].text));
            let n = word_count(ws);
            if n == 0 || pos + n > lw.len() || !words_at(ws, &lw[pos..]) {
                break;
            }
            pos += n;
            j += 1;
        }
        if let Some(n) = label_taken(lines, i, j, pos, lw.len()) {
            return Some((k, n));
        }
    }
    None
}

/// The lines a label takes from line `i` when its words were followed over lines `i..j` up to
/// the `pos`-th of its `len`: the whole label, or its opening words when its tail is displaced
/// by a page break; `None` when they are no label.
fn label_taken(lines: &[Ln], i: usize, j: usize, pos: usize, len: usize) -> Option<usize> {
    let taken =
        pos == len || (pos >= 1 && j > i && lines.get(j).is_some_and(|l| l.brk || l.glyph)) || (pos >= 2 && j - i >= 2);
    taken.then_some(j - i)
}

/// The number of words of a comparison key ([`key`]: words joined by single spaces).
fn word_count(key: &str) -> usize {
    if key.is_empty() { 0 } else { key.bytes().filter(|&b| b == b' ').count() + 1 }
}

/// True when the words of the comparison key `ws` open the words `lw` (as many as `ws` holds).
fn words_at(ws: &str, lw: &[String]) -> bool {
    ws.split(' ').zip(lw).all(|(a, b)| a == b)
}

/// Reads the card's label/value pairs, labels in template order.
pub fn card(lines: &[Ln], vocab: &Vocab) -> Vec<CardField> {
    let mut out: Vec<CardField> = Vec::new();
    let mut next = 0;
    let mut i = 0;
    while i < lines.len() {
        if let Some((k, n)) = label_at(lines, i, next) {
            out.push(CardField { label: CARD_LABELS[k].to_string(), value: String::new() });
            next = k + 1;
            i += n;
            continue;
        }
        if let Some(f) = out.last_mut()
            && !lines[i].glyph
        {
            join_into(&mut f.value, lines[i].text, vocab);
        }
        i += 1;
    }
    for f in &mut out {
        f.value = f.value.trim().trim_start_matches(':').trim().to_string();
    }
    out
}

/// The numbered acts of the legal-basis section, without their numbers.
pub fn legal_basis(grounds: &Section) -> Vec<String> {
    grounds
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Item && b.text.starts_with(|c: char| c.is_ascii_digit()))
        .map(|b| {
            b.text.trim_start_matches(|c: char| c.is_ascii_digit()).trim_start_matches(['.', ')']).trim().to_string()
        })
        .collect()
}

fn is_abbreviation(w: &str) -> bool {
    let letters: Vec<char> = w.chars().filter(|c| crate::text::fold::is_letter(*c)).collect();
    letters.len() >= 2 && letters.iter().filter(|c| c.is_uppercase()).count() >= 2
}

/// Reads a two-column glossary (term, definition) whose cells alternate line by line.
pub fn glossary(lines: &[Ln], vocab: &Vocab) -> BTreeMap<String, String> {
    const HEADER: &[&str] = &["сокращение", "описание", "термин", "определение", "расшифровка", "наименование"];
    let mut entries: Vec<(String, String)> = Vec::new();
    let mut prev: Option<&str> = None;
    for l in lines.iter().filter(|l| !l.glyph) {
        let t = l.text.trim();
        let folded = crate::text::fold::fold(t);
        if entries.is_empty() && HEADER.contains(&folded.trim_end_matches([':', '.'])) {
            continue;
        }
        let n_words = t.split_whitespace().count();
        let upper = t.starts_with(|c: char| c.is_uppercase());
        let def_empty = entries.last().is_none_or(|e| e.1.is_empty());
        let prev_closed = prev.is_none_or(|p| p.ends_with(['.', ';']) || !p.ends_with(['-', ',']));
        let term = n_words <= 3
            && (t.split_whitespace().any(is_abbreviation)
                || (upper && !def_empty && prev_closed)
                || entries.is_empty())
            && (!def_empty || entries.is_empty());
        if term {
            entries.push((t.to_string(), String::new()));
        } else if let Some(e) = entries.last_mut() {
            let continues_term =
                e.1.is_empty() && n_words == 1 && !upper && !e.0.split_whitespace().any(is_abbreviation);
            if continues_term {
                e.0.push(' ');
                e.0.push_str(t);
            } else {
                join_into(&mut e.1, t, vocab);
            }
        }
        prev = Some(t);
    }
    entries.into_iter().filter(|(_, d)| !d.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lns<'a>(t: &[&'a str]) -> Vec<Ln<'a>> {
        t.iter().enumerate().map(|(i, s)| Ln { no: i + 1, text: s, glyph: false, brk: false, gap: false }).collect()
    }

    /// [`label_at`] as it read the words: a list of words a line, read again for every label.
    fn label_at_by_words(lines: &[Ln], i: usize, after: usize) -> Option<(usize, usize)> {
        let first: Vec<String> = words(lines[i].text).collect();
        if first.is_empty() || first.len() > 4 {
            return None;
        }
        let label_words: Vec<Vec<String>> = CARD_LABELS.iter().map(|l| words(l).collect()).collect();
        for (k, lw) in label_words.iter().enumerate().skip(after) {
            if first.len() > lw.len() || first.iter().zip(lw).any(|(a, b)| a != b) {
                continue;
            }
            let (mut pos, mut j) = (first.len(), i + 1);
            while j < lines.len() && j < i + 5 && pos < lw.len() {
                let ws: Vec<String> = words(lines[j].text).collect();
                if ws.is_empty() || pos + ws.len() > lw.len() || ws.iter().zip(&lw[pos..]).any(|(a, b)| a != b) {
                    break;
                }
                pos += ws.len();
                j += 1;
            }
            if let Some(n) = label_taken(lines, i, j, pos, lw.len()) {
                return Some((k, n));
            }
        }
        None
    }

    #[test]
    fn labels_found_by_keys_are_those_found_by_words() {
        let mut texts = crate::testing::sample_texts();
        texts.push(CARD_LABELS.join("\n") + "\nНаименование\nстратегии что\nделаем\n\nКто делает:\nРесурсы и\nРесурсы");
        for t in &texts {
            let c = super::super::pages::clean(t);
            for i in 0..c.lines.len() {
                for after in [0, 1, 4, CARD_LABELS.len() - 1] {
                    assert_eq!(
                        label_at(&c.lines, i, after),
                        label_at_by_words(&c.lines, i, after),
                        "{}",
                        c.lines[i].text
                    );
                }
            }
        }
    }

    #[test]
    fn card_labels_wrap_and_values_follow() {
        let l =
            lns(&["Наименование", "стратегии:", "Стратегия в области", "Срок реализации:", "Период 2022 - 2024 годов"]);
        let c = card(&l, &Vocab::new(&l));
        assert_eq!(c.len(), 2);
        assert_eq!((c[0].label.as_str(), c[0].value.as_str()), ("Наименование стратегии", "Стратегия в области"));
        assert_eq!(c[1].value, "Период 2022 - 2024 годов");
    }

    #[test]
    fn glossary_alternates_terms_and_definitions() {
        let l = lns(&[
            "Сокращение",
            "Описание",
            "ЖКХ",
            "жилищно-коммунальное хозяйство",
            "ГИС",
            "государственная информационная система",
            "ГИС ЖКХ",
            "система жилищно-",
            "коммунального хозяйства.",
            "Субъект РФ",
            "Хабаровский край",
            "Органы местного",
            "самоуправления",
            "Органы местного самоуправления",
        ]);
        let g = glossary(&l, &Vocab::new(&l));
        assert_eq!(g["ГИС"], "государственная информационная система");
        assert_eq!(g["ГИС ЖКХ"], "система жилищно-коммунального хозяйства.");
        assert_eq!(g["Субъект РФ"], "Хабаровский край");
        assert_eq!(g["Органы местного самоуправления"], "Органы местного самоуправления");
    }
}
