//! Sanitising document text before it reaches a terminal.
//!
//! Control characters (C0, DEL, C1) become visible Unicode control pictures or `�`, so an escape
//! sequence inside a document can never drive the terminal. Bidirectional overrides and other
//! invisible format characters that could reorder or hide text are removed.

use std::borrow::Cow;

/// True for characters that must never be written to a terminal as they are.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// Replaces control characters with visible pictures and drops invisible format characters.
/// Tabs become a single space and newlines are kept only when `keep_newlines` is set.
pub fn sanitize_with(s: &str, keep_newlines: bool) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' if keep_newlines => out.push('\n'),
            '\t' => out.push(' '),
            '\u{0}'..='\u{1f}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('�')),
            '\u{7f}' => out.push('␡'),
            c if c.is_control() => out.push('�'),
            c if is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Sanitises one line of text for display (newlines are made visible too).
pub fn sanitize(s: &str) -> Cow<'_, str> {
    sanitize_with(s, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_never_survive() {
        let s = sanitize("a\u{1b}[31mred\u{7}\u{9b}x\u{202e}y\tz\n");
        assert!(!s.chars().any(is_unsafe), "{s:?}");
        assert_eq!(s, "a␛[31mred␇�xy z␊");
        assert!(matches!(sanitize("чистый текст"), Cow::Borrowed(_)));
        assert_eq!(sanitize_with("a\nb", true), "a\nb");
    }
}
