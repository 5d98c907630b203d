//! Inline definitions: «единый контакт-центр взаимодействия с гражданами (далее — ЕКЦ)» defines
//! `ЕКЦ`. The term, an abbreviation, is what stands between «далее» and the closing parenthesis;
//! the meaning is a quoted name right before the parenthesis, or the words before it within the
//! clause: as many as the abbreviation has capitals (small words between them not counted), from
//! the first word with the abbreviation's initial. Runs in one pass over the text.

use std::collections::BTreeMap;

/// Longest term taken, in characters.
const MAX_TERM: usize = 60;
/// Most words a meaning takes.
const MAX_WORDS: usize = 14;

/// The text as one line: hyphenated line ends joined, other line breaks as spaces.
fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // `text.lines()` (each line is trimmed, so a line's `\r` goes anyway), found with the
    // vectorised byte search: no empty line after a last line break, none in an empty text.
    if text.is_empty() {
        return out;
    }
    for line in crate::text::scan::split_lines(text.strip_suffix('\n').unwrap_or(text)) {
        let t = crate::text::scan::trim(line);
        if t.is_empty() {
            out.push_str(". ");
            continue;
        }
        let joins = out.ends_with('-') && t.starts_with(|c: char| c.is_lowercase());
        if joins {
            out.pop();
        } else if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(t);
    }
    out
}

/// Whether a term reads as an abbreviation (`ЕКЦ`, `ГИС ЖКХ`, `ЕПГУ/РПГУ`).
fn abbreviation(term: &str) -> Option<usize> {
    let letters: Vec<char> = term.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    (upper >= 2 && upper * 2 >= letters.len() && letters.len() <= 16).then_some(upper)
}

/// The definitions in `text`: term -> meaning.
pub fn definitions(text: &str) -> BTreeMap<String, String> {
    let flat = one_line(text);
    let mut out = BTreeMap::new();
    let mut from = 0;
    // The last «, kept as the scan goes forward (looking back for it each time would be quadratic).
    let (mut quote_open, mut scanned) = (None, 0);
    // The vectorised searches of memchr (the standard library's decode and compare more).
    let marker = memchr::memmem::Finder::new("(далее");
    while let Some(p) = marker.find(&flat.as_bytes()[from..]) {
        let open = from + p;
        if let Some(q) = memchr::memmem::rfind(&flat.as_bytes()[scanned..open], "«".as_bytes()) {
            quote_open = Some(scanned + q);
        }
        scanned = open;
        from = open + "(далее".len();
        let rest = &flat[from..];
        let Some(close) = memchr::memchr(b')', rest.as_bytes()) else { break };
        let term = rest[..close].trim_start_matches([' ', '-', '–', '—', ':']).trim();
        let term = term.strip_prefix("по тексту").map(|t| t.trim_start_matches([' ', '-', '–', '—'])).unwrap_or(term);
        let term = match (term.strip_prefix('«'), term.strip_suffix('»')) {
            (Some(t), Some(_)) => t.strip_suffix('»').unwrap_or(t),
            _ => term,
        };
        // Only abbreviations: a defined phrase («Стратегия») has no place in the glossary.
        let Some(letters) = abbreviation(term) else { continue };
        if term.chars().count() > MAX_TERM
            || term.contains(['(', '.'])
            || term.matches('«').count() != term.matches('»').count()
        {
            continue;
        }
        let before = &flat[..open];
        let clause_start = before.rfind(['.', ';', ':', ',', '(', ')']).map(|i| i + 1).unwrap_or(0);
        let words: Vec<&str> = before[clause_start..].split_whitespace().collect();
        // A quoted name right before the parenthesis is the meaning.
        // (No « stands between the » and the parenthesis: the last « before it is the last before `open`.)
        let quoted = before
            .trim_end()
            .strip_suffix('»')
            .and_then(|b| quote_open.filter(|&q| q < b.len()).map(|q| &b[q + '«'.len_utf8()..]));
        if let Some(q) = quoted.filter(|q| !q.contains(['«', '»']) && q.split_whitespace().count() <= MAX_WORDS) {
            out.entry(term.to_string()).or_insert_with(|| q.trim().to_string());
            continue;
        }
        // As many content words as the abbreviation has capitals, plus the small words between
        // them; then from the first word whose initial is the abbreviation's.
        let mut take = 0;
        let mut content = 0;
        for w in words.iter().rev() {
            if content >= letters || take >= MAX_WORDS {
                break;
            }
            take += 1;
            content += usize::from(w.chars().count() > 3);
        }
        let initial = term.chars().find(|c| c.is_alphabetic()).map(crate::text::fold::fold_char);
        let window = &words[words.len() - take..];
        let Some(first) = window
            .iter()
            .position(|w| w.trim_start_matches(['«', '"']).chars().next().map(crate::text::fold::fold_char) == initial)
        else {
            continue;
        };
        // Every content word's initial is one of the abbreviation's letters, and a long one is not
        // spelled out by a single plain word.
        let caps: Vec<char> = term.chars().filter(|c| c.is_uppercase()).map(crate::text::fold::fold_char).collect();
        let content: Vec<&str> = window[first..].iter().copied().filter(|w| w.chars().count() > 3).collect();
        let initials_fit = content.iter().all(|w| {
            w.trim_start_matches(['«', '"'])
                .chars()
                .next()
                .is_some_and(|c| caps.contains(&crate::text::fold::fold_char(c)))
        });
        let compound = content.iter().any(|w| w.contains('-') || w.chars().count() > 16);
        if !initials_fit || (caps.len() >= 3 && content.len() < 2 && !compound) {
            continue;
        }
        let meaning = window[first..].join(" ");
        let meaning = meaning.trim_matches(['«', '»', ' ', '-', '–', '—']);
        if meaning.chars().filter(|c| c.is_alphabetic()).count() >= 3 {
            out.entry(term.to_string()).or_insert_with(|| meaning.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_reads_the_lines_as_str_lines_does() {
        let by_lines = |text: &str| {
            let mut out = String::new();
            for line in text.lines() {
                let t = crate::text::scan::trim(line);
                if t.is_empty() {
                    out.push_str(". ");
                    continue;
                }
                if out.ends_with('-') && t.starts_with(|c: char| c.is_lowercase()) {
                    out.pop();
                } else if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(t);
            }
            out
        };
        let mut texts: Vec<String> =
            ["", "\n", "\n\n", "a", "a\n", "a\r\n", "a\n\nb-\nв\r", "\r", "a\rb\n \n"].map(String::from).into();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/raw");
        for e in std::fs::read_dir(dir).unwrap().filter_map(|e| e.ok()) {
            texts.extend(std::fs::read_to_string(e.path()));
        }
        for t in &texts {
            assert_eq!(one_line(t), by_lines(t), "{t:.40?}");
        }
    }

    #[test]
    fn abbreviations_and_terms_defined_inline() {
        let d = definitions(
            " Создание информационной системы «Единый контакт-центр взаимодействия с гражданами» (далее – ЕКЦ).\n \
             Цифровая трансформация Калининградской области (далее — Стратегия цифровой трансформации) являются:\n \
             На базе государственной информаци-\n онной системы (далее ГИС) и (далее)",
        );
        assert_eq!(d.get("ЕКЦ").map(String::as_str), Some("Единый контакт-центр взаимодействия с гражданами"));
        assert!(!d.contains_key("Стратегия цифровой трансформации"), "phrases are not abbreviations");
        assert_eq!(d.get("ГИС").map(String::as_str), Some("государственной информационной системы"));
        assert_eq!(d.len(), 2);
        let d = definitions(" подключение к Единому контакт-центру (далее - ЕКЦ), а также (далее – ГИС ТОР КНД)");
        assert_eq!(d.get("ЕКЦ").map(String::as_str), Some("Единому контакт-центру"));
        assert!(!d.contains_key("ГИС ТОР КНД"), "no meaning with its initials");
        let d = definitions(
            " граждан Российской Федерации (далее – РОИВ) и Фонда социального страхования Федерации (далее – ФСС)",
        );
        assert!(d.is_empty(), "initials that do not fit: {d:?}");
    }
}
