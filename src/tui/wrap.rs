//! Word wrapping by grapheme cluster and display width.
//!
//! Lines break at whitespace; a word wider than the line is split between grapheme clusters, so a
//! combining stress mark (`Моск\u{301}ва`) never lands on a line of its own and nothing is cut.
//! The result is byte ranges into the input, so callers can map match positions onto wrapped lines.

use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Display width of a string in terminal columns.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// `text` on one line of at most `max` columns: runs of whitespace become one space, and a longer
/// text is cut with an ellipsis (`...` with `ascii`).
pub fn cut(text: &str, max: usize, ascii: bool) -> String {
    let one: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if width(&one) <= max {
        return one;
    }
    let dots = if ascii { "..." } else { "\u{2026}" };
    let room = max.saturating_sub(width(dots));
    let mut out = String::new();
    let mut w = 0;
    for g in one.graphemes(true) {
        let gw = width(g);
        if w + gw > room {
            break;
        }
        out.push_str(g);
        w += gw;
    }
    let mut out = out.trim_end().to_string();
    if width(dots) <= max {
        out.push_str(dots);
    }
    out
}

/// Wraps `text` to `max` columns; returns the byte range of each line, leading and trailing
/// whitespace of each line excluded. An empty or all-blank text gives no lines; `max == 0` gives none.
pub fn wrap(text: &str, max: usize) -> Vec<Range<usize>> {
    wrap_hanging(text, max, max)
}

/// Like [`wrap`], with a different width for the first line (for a prefix such as a list marker
/// followed by a hanging indent).
pub fn wrap_hanging(text: &str, first: usize, rest: usize) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    if first == 0 || rest == 0 {
        return lines;
    }
    // Current line: start byte, end byte (after the last word), width up to the end.
    let mut line: Option<(usize, usize, usize)> = None;
    for (start, word) in words(text) {
        let max = if lines.is_empty() { first } else { rest };
        let ww = width(word);
        if let Some((ls, le, lw)) = line {
            let gap = width(&text[le..start]).max(1);
            if lw + gap + ww <= max {
                line = Some((ls, start + word.len(), lw + gap + ww));
                continue;
            }
            lines.push(ls..le);
        }
        let max = if lines.is_empty() { first } else { rest };
        if ww <= max {
            line = Some((start, start + word.len(), ww));
            continue;
        }
        // A word wider than the line: split it between graphemes.
        let (mut cs, mut cw) = (start, 0);
        for (off, g) in word.grapheme_indices(true) {
            let gw = width(g);
            let max = if lines.is_empty() { first } else { rest };
            if cw + gw > max && cw > 0 {
                lines.push(cs..start + off);
                cs = start + off;
                cw = 0;
            }
            cw += gw;
        }
        line = Some((cs, start + word.len(), cw));
    }
    if let Some((ls, le, _)) = line {
        lines.push(ls..le);
    }
    lines
}

/// Wraps and returns the line texts (convenience for callers that need no positions).
pub fn wrap_str(text: &str, max: usize) -> Vec<&str> {
    wrap(text, max).into_iter().map(|r| &text[r]).collect()
}

/// True for whitespace a line may break at: not the no-break spaces (U+00A0, U+2007, U+202F,
/// the last one between thousands in Russian numbers).
fn breaks(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}')
}

/// Whitespace-separated words with their byte offsets.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while rest.next_if(|(_, c)| breaks(*c)).is_some() {}
        let (start, _) = *rest.peek()?;
        let mut end = text.len();
        for (i, c) in rest.by_ref() {
            if breaks(c) {
                end = i;
                break;
            }
        }
        Some((start, &text[start..end]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_cyrillic_at_spaces_within_width() {
        let t = "Цифровая трансформация отраслей экономики и социальной сферы";
        let ls = wrap_str(t, 20);
        assert_eq!(ls, ["Цифровая", "трансформация", "отраслей экономики и", "социальной сферы"]);
        assert!(ls.iter().all(|l| width(l) <= 20));
    }

    #[test]
    fn long_words_split_between_graphemes_and_nothing_is_lost() {
        let t = "Моск\u{301}ва-Моск\u{301}ва";
        let ls = wrap_str(t, 4);
        assert_eq!(ls, ["Моск\u{301}", "ва-М", "оск\u{301}в", "а"]);
        assert_eq!(ls.concat(), t);
    }

    #[test]
    fn no_break_spaces_hold_a_number_together() {
        assert_eq!(wrap_str("итого 1\u{202f}234\u{202f}567 руб.", 9), ["итого", "1\u{202f}234\u{202f}567", "руб."]);
    }

    #[test]
    fn hanging_indent_gets_its_own_width() {
        let ls: Vec<&str> =
            wrap_hanging("раз два три четыре", 3, 10).into_iter().map(|r| &"раз два три четыре"[r]).collect();
        assert_eq!(ls, ["раз", "два три", "четыре"]);
    }

    proptest::proptest! {
        /// Whatever the text and width: no line is wider than the width (unless one grapheme is),
        /// and the lines, in order, hold every non-blank character of the text.
        #[test]
        fn lines_fit_and_lose_nothing(text in "[а-яА-ЯёЁa-z0-9 ,.—№\u{301}漢\t\n-]{0,120}", max in 1usize..30) {
            let lines = wrap_str(&text, max);
            for l in &lines {
                let widest = l.graphemes(true).map(width).max().unwrap_or(0);
                proptest::prop_assert!(width(l) <= max.max(widest), "{l:?} wider than {max}");
                proptest::prop_assert!(!l.starts_with(char::is_whitespace) && !l.ends_with(char::is_whitespace));
            }
            let kept: String = lines.concat().chars().filter(|c| !c.is_whitespace()).collect();
            let all: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            proptest::prop_assert_eq!(kept, all);
        }
    }

    #[test]
    fn wide_characters_count_double_and_zero_width_gives_nothing() {
        assert_eq!(wrap_str("漢字 漢字", 4), ["漢字", "漢字"]);
        assert!(wrap("abc", 0).is_empty());
        assert!(wrap("   ", 10).is_empty());
        assert_eq!(wrap_str("  a  b ", 10), ["a  b"]);
    }
}
