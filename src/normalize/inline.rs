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

/// The one-line form of `text` (see [`one_line`]) from byte `a` to byte `b`: the bytes
/// `one_line(text)` has between the places of those two. `b` is a character of a line's
/// content (between its leading and trailing whitespace), and `a` is 0 or follows such a
/// character, not a `-` (a hyphen a join could take away): the one-line form there depends only
/// on the lines from `a` on, so only they are read.
fn one_line_between(text: &str, a: usize, b: usize) -> String {
    let mut out = String::with_capacity(b - a + 2);
    let mut pos = a;
    let mut lines = crate::text::scan::split_lines(&text[a..]);
    if a > 0 {
        // The rest of the line `a` is in: its content after `a`, without the trailing whitespace.
        let first = lines.next().unwrap_or_default();
        if b <= a + first.len() {
            return text[a..b].to_string();
        }
        out.push_str(first.trim_end());
        pos += first.len() + 1;
    }
    for line in lines {
        let t = crate::text::scan::trim(line);
        let last = b <= pos + line.len();
        if t.is_empty() {
            out.push_str(". ");
        } else {
            if out.ends_with('-') && t.starts_with(|c: char| c.is_lowercase()) {
                out.pop();
            } else if a > 0 || !out.is_empty() {
                out.push(' ');
            }
            if last {
                let start = t.as_ptr() as usize - text.as_ptr() as usize;
                out.push_str(&text[start..b]);
                break;
            }
            out.push_str(t);
        }
        pos += line.len() + 1;
    }
    out
}

/// Whether a line break may fall inside a «(далее» of the one-line form: a `(` followed by the
/// start of «далее» and a hyphen at the end of its line, which a join can take away.
fn may_split_marker(text: &str) -> bool {
    const PREFIXES: [&str; 5] = ["", "д", "да", "дал", "дале"];
    memchr::memchr_iter(b'(', text.as_bytes()).any(|p| {
        PREFIXES.iter().any(|pre| {
            text[p + 1..].strip_prefix(pre).and_then(|r| r.strip_prefix('-')).is_some_and(|r| {
                r.split('\n').next().is_some_and(|rest| r.len() > rest.len() && rest.trim().is_empty())
            })
        })
    })
}

/// Where the last `c` (a two-byte character such as « or ») starts in `hay`: `memmem::rfind` of
/// its UTF-8, found by the vectorised search for its second byte, then checked for its first.
fn rfind_two_byte(hay: &[u8], c: char) -> Option<usize> {
    let mut utf8 = [0; 4];
    let &[first, second] = c.encode_utf8(&mut utf8).as_bytes() else { panic!("{c:?} takes two bytes") };
    memchr::memrchr_iter(second, hay).find(|&p| p > 0 && hay[p - 1] == first).map(|p| p - 1)
}

/// The definitions in `text`: term -> meaning.
///
/// They are read from the one-line form of the text (line breaks as spaces, hyphenated line
/// ends joined, blank lines as «. »), but without making it: the markers «(далее» are found in
/// the text itself, and only the stretches read around each (its clause, the quoted name before
/// it, the term after it) are put in that form. A text where a line break might fall inside a
/// marker is made one line first.
pub fn definitions(text: &str) -> BTreeMap<String, String> {
    if may_split_marker(text) {
        return definitions_in(&one_line(text));
    }
    definitions_in(text)
}

/// [`definitions`] of a text whose markers all stand within a line.
fn definitions_in(text: &str) -> BTreeMap<String, String> {
    const MARKER: &str = "(далее";
    const CLAUSE_ENDS: [char; 6] = ['.', ';', ':', ',', '(', ')'];
    let mut out = BTreeMap::new();
    let bytes = text.as_bytes();
    // The last «, kept as the scan goes forward (looking back for it each time would be quadratic).
    let (mut quote_open, mut scanned) = (None, 0);
    for open in memchr::memchr_iter(b'(', bytes) {
        if !text[open..].starts_with(MARKER) {
            continue;
        }
        if let Some(q) = rfind_two_byte(&bytes[scanned..open], '«') {
            quote_open = Some(scanned + q);
        }
        scanned = open;
        let from = open + MARKER.len();
        let Some(close) = memchr::memchr(b')', &bytes[from..]).map(|c| from + c) else { break };
        // A term with a `(` or `.` is refused (below) whatever else it holds.
        if bytes[from..close].iter().any(|&b| b == b'(' || b == b'.') {
            continue;
        }
        let rest = one_line_between(text, from, close);
        let term = rest.trim_start_matches([' ', '-', '–', '—', ':']).trim();
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
        // The clause: from the last clause mark before the marker (the one-line form adds
        // only the «.» of blank lines).
        let mark = bytes[..open].iter().rposition(|&b| CLAUSE_ENDS.contains(&char::from(b)));
        let before = one_line_between(text, mark.map_or(0, |m| m + 1), open);
        let clause_start = before.rfind(CLAUSE_ENDS).map(|i| i + 1).unwrap_or(0);
        let words: Vec<&str> = before[clause_start..].split_whitespace().collect();
        // A quoted name right before the parenthesis is the meaning: from the last « on, when
        // the only » after it closes the text before the marker.
        let quoted_text = quote_open
            .filter(|_| before.trim_end().ends_with('»'))
            .filter(|&q| {
                let inner = &bytes[q + '«'.len_utf8()..open];
                rfind_two_byte(inner, '»').is_some_and(|last| rfind_two_byte(&inner[..last], '»').is_none())
            })
            .map(|q| one_line_between(text, q + '«'.len_utf8(), open));
        let quoted = quoted_text.as_deref().and_then(|t| t.trim_end().strip_suffix('»'));
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
    fn two_byte_characters_are_found_last_as_memmem_finds_them() {
        let mut texts = crate::testing::sample_texts();
        texts.extend(["", "«", "Ы«»", "»«Ы", "«x«", "\u{ab}ЫЫ«"].map(String::from));
        for t in &texts {
            let b = t.as_bytes();
            for end in (0..=b.len()).step_by(b.len() / 100 + 1).chain([b.len()]) {
                for c in ['«', '»'] {
                    let want = memchr::memmem::rfind(&b[..end], c.to_string().as_bytes());
                    assert_eq!(rfind_two_byte(&b[..end], c), want, "{c} before {end} in {:.40}", t);
                }
            }
        }
    }

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
        texts.extend(crate::testing::sample_texts());
        for t in &texts {
            assert_eq!(one_line(t), by_lines(t), "{t:.40?}");
        }
    }

    #[test]
    fn definitions_read_around_the_markers_as_in_the_one_line_form() {
        // The markers' stretches put in one-line form against the whole text made one line.
        let mut texts: Vec<String> = [
            "",
            "(далее",
            " системы «Единый\n контакт-центр»\n (далее – ЕКЦ).",
            "Региональный центр «Бережливый\n\n регион» (далее – РЦБР), а также «Центр\r\n управления регионом»\r\n(далее\r\n- ЦУР)",
            "государственной информаци-\n онной системы (далее ГИС) и «Портал» «Госуслуги» (далее – ЕПГУ)",
            "«a» b » (далее – АБ) Многофункциональный центр (далее - МФЦ;\n\n) единой системы (далее – ЕС\n\nИ)",
            "Единый портал государственных услуг (да-\n лее – ЕПГУ) и (-\nдалее – ПОС) «x\n\n\n",
            "Система-\n(далее – СМЭВ) межведомственного электронного взаимодействия\n(далее – СМЭВ)",
        ]
        .map(String::from)
        .into();
        texts.extend(crate::testing::sample_texts());
        for t in &texts {
            assert_eq!(definitions(t), definitions_in(&one_line(t)), "{t:.60?}");
        }
        assert!(may_split_marker("(да-\n лее – ЕПГУ)") && !may_split_marker("(да-x\nлее) (далее-"));
    }

    proptest::proptest! {
        #[test]
        fn any_text_reads_as_its_one_line_form(parts in proptest::collection::vec(proptest::sample::select(&[
            "(далее", " – ", "ЕКЦ", "ГИС ЖКХ", ")", "«", "»", "\n", "\n\n", "\r\n", " ", "-\n", "Единый ",
            "контакт-центр ", "граждан", ".", ",", "(", "да-", "лее", "государственной ", "информационной ",
        ][..]), 0..40)) {
            let t: String = parts.concat();
            proptest::prop_assert_eq!(definitions(&t), definitions_in(&one_line(&t)));
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
