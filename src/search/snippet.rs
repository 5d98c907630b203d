//! Snippets: a window of a matched text around its first match, with match positions in characters.

use serde::Serialize;
use std::ops::Range;

/// A short excerpt of a matched text with the matches' positions inside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// The excerpt; "…" marks text cut at either end.
    pub text: String,
    /// Matched character ranges of `text` (character units, not bytes), sorted, not overlapping.
    pub matches: Vec<Range<usize>>,
}

impl Snippet {
    /// The snippet with matches wrapped in `open`/`close`, e.g. `[` and `]`.
    pub fn marked(&self, open: &str, close: &str) -> String {
        let mut out = String::with_capacity(self.text.len() + self.matches.len() * 2);
        let mut ranges = self.matches.iter().peekable();
        for (i, c) in self.text.chars().enumerate() {
            if ranges.peek().is_some_and(|r| r.start == i) {
                out.push_str(open);
            }
            out.push(c);
            if ranges.peek().is_some_and(|r| r.end == i + 1) {
                out.push_str(close);
                ranges.next();
            }
        }
        out
    }
}

/// Cuts a window of about `width` characters from `text` around the first of `matches` (character
/// ranges, sorted), starting at a word boundary shortly before the match.
pub fn make(text: &str, matches: &[Range<usize>], width: usize) -> Snippet {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let width = width.max(8);
    if n <= width {
        return Snippet { text: text.to_string(), matches: matches.to_vec() };
    }
    let first = matches.first().map_or(0, |r| r.start);
    // Show some context before the match, but keep the match (and what follows) in view.
    let lead = (width / 4).min(24);
    let mut start = first.saturating_sub(lead).min(n.saturating_sub(width));
    if start > 0 && !chars[start - 1].is_whitespace() {
        // Start at a word: back to the start of the cut word when that keeps the match well in view,
        // else forward to the next word (never past the match).
        let back = (0..start).rev().find(|&i| i == 0 || chars[i - 1].is_whitespace()).unwrap_or(0);
        if first - back < width / 2 && start - back <= 16 {
            start = back;
        } else if let Some(k) = (start..first).find(|&i| chars[i - 1].is_whitespace()) {
            start = k;
        }
    }
    let mut end = (start + width).min(n);
    if end < n
        && let Some(k) = (start + width * 3 / 4..end).rev().find(|&i| chars[i].is_whitespace())
    {
        end = k.max(first + 1);
    }
    let mut s = String::new();
    let shift = if start > 0 {
        s.push('…');
        1
    } else {
        0
    };
    s.extend(chars[start..end].iter().copied().map(|c| if c.is_whitespace() { ' ' } else { c }));
    if end < n {
        s.push('…');
    }
    let matches = matches
        .iter()
        .filter(|r| r.end > start && r.start < end)
        .map(|r| r.start.max(start) - start + shift..r.end.min(end) - start + shift)
        .collect();
    Snippet { text: s, matches }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_keeps_match_and_char_positions() {
        let text = "Вступление ".repeat(20) + "внедрение ЕГИСЗ в медицинских организациях " + &"хвост ".repeat(30);
        let start = text.find("ЕГИСЗ").map(|b| text[..b].chars().count()).unwrap();
        let matches: Vec<Range<usize>> = std::iter::once(start..start + 5).collect();
        let sn = make(&text, &matches, 60);
        assert!(sn.text.starts_with('…') && sn.text.ends_with('…'), "{}", sn.text);
        let r = sn.matches[0].clone();
        let got: String = sn.text.chars().skip(r.start).take(r.end - r.start).collect();
        assert_eq!(got, "ЕГИСЗ");
        assert!(sn.text.chars().count() <= 62);
        assert_eq!(sn.marked("[", "]").matches("[ЕГИСЗ]").count(), 1);
    }
}
