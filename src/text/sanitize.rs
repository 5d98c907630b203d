//! Sanitising document text before it reaches a terminal.
//!
//! Control characters (C0, DEL, C1) become visible Unicode control pictures or `�`, so an escape
//! sequence inside a document can never drive the terminal. Bidirectional controls and other
//! invisible format characters that could reorder or hide text (soft hyphen, zero-width and
//! word-joiner characters, tag characters) are removed. [`crate::output::term`] applies the same
//! rules to everything strata writes to stdout and stderr.

use std::borrow::Cow;

/// True for invisible format characters that are dropped from terminal output: bidirectional
/// controls (U+061C, U+200E/F, U+202A–E, U+2066–9), the soft hyphen, zero-width and joiner
/// characters, invisible operators, the byte-order mark, interlinear annotation marks and tag
/// characters (U+E0000–U+E007F).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{61c}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}'
            | '\u{feff}'
            | '\u{fff9}'..='\u{fffb}'
            | '\u{e0000}'..='\u{e007f}'
    )
}

/// True for characters that must never be written to a terminal as they are.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_invisible(c)
}

/// What a byte says about the character it starts: [`SAFE`] (ASCII that passes, a continuation
/// byte, or the lead byte of a character that is never unsafe: all of Cyrillic), [`LAYOUT`]
/// (newline and tab), [`UNSAFE`] (every other C0 control and DEL) or [`CHECK`] (the lead byte of a
/// two-, three- or four-byte form that holds some unsafe character: C1 and the soft hyphen under
/// 0xC2, U+061C under 0xD8, U+180E under 0xE1, the U+20xx controls under 0xE2, U+FEFF and
/// U+FFF9..B under 0xEF, tags under 0xF3).
const SAFE: u8 = 0;
const LAYOUT: u8 = 1;
const UNSAFE: u8 = 2;
const CHECK: u8 = 3;

static BYTE_CLASS: [u8; 256] = {
    let mut t = [SAFE; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = UNSAFE;
        i += 1;
    }
    t[b'\n' as usize] = LAYOUT;
    t[b'\t' as usize] = LAYOUT;
    t[0x7f] = UNSAFE;
    t[0xc2] = CHECK;
    t[0xd8] = CHECK;
    t[0xe1] = CHECK;
    t[0xe2] = CHECK;
    t[0xef] = CHECK;
    t[0xf3] = CHECK;
    t
};

/// Bit 7 of every byte (see [`not_plain`]).
const HIGH: u64 = 0x8080_8080_8080_8080;
const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;

/// Bit 7 set in each byte of `y` that is zero (exact per byte: no carry crosses a byte).
#[inline]
fn zero_bytes(y: u64) -> u64 {
    !(((y & LOW7) + LOW7) | y) & HIGH
}

/// Eight bytes of text, little-endian, as one word (`i + 8 <= bytes.len()`).
#[inline]
pub(crate) fn word_at(bytes: &[u8], i: usize) -> u64 {
    u64::from_le_bytes(bytes[i..i + 8].try_into().expect("eight bytes"))
}

/// Bit 7 set in each byte of `x` (eight bytes of text, see [`word_at`]) that is not "plain":
/// plain bytes are printable ASCII (0x20..=0x7E) and the bytes of Cyrillic U+0400..U+047F (lead
/// bytes 0xD0, 0xD1 and any continuation byte 0x80..=0xBF), the bulk of a strategy's text. None
/// of them is unsafe, each is one column wide or a continuation. Eight bytes at a time, exact.
#[inline]
pub(crate) fn not_plain(x: u64) -> u64 {
    let (b7, b6, b5) = (x & HIGH, (x << 1) & HIGH, (x << 2) & HIGH);
    // ASCII below 0x20: bits 7, 6 and 5 all clear.
    let control = !(b7 | b6 | b5) & HIGH;
    let del = zero_bytes(x ^ 0x7f7f_7f7f_7f7f_7f7f);
    // A lead byte (0xC0 and above) other than 0xD0 and 0xD1.
    let lead = b7 & b6 & !zero_bytes((x & 0xfefe_fefe_fefe_fefe) ^ 0xd0d0_d0d0_d0d0_d0d0);
    control | del | lead
}

/// True when all eight bytes of `x` are bytes of Cyrillic U+0400..U+047F (see [`not_plain`]).
#[inline]
pub(crate) fn all_cyrillic(x: u64) -> bool {
    x & HIGH == HIGH && not_plain(x) == 0
}

/// Byte offset of the first character of `s` that sanitising changes (newline and tab count as
/// clean when `layout` is set), or `None` when `s` is clean. A byte scan over a class table: the
/// characters a document is made of are never decoded.
pub fn first_unsafe(s: &str, layout: bool) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Eight plain bytes at a time (possibly ending inside a Cyrillic character: its
        // continuation byte is SAFE below).
        while i + 8 <= bytes.len() && not_plain(word_at(bytes, i)) == 0 {
            i += 8;
        }
        if i >= bytes.len() {
            break;
        }
        match BYTE_CLASS[bytes[i] as usize] {
            SAFE => {}
            LAYOUT if layout => {}
            LAYOUT | UNSAFE => return Some(i),
            _ => {
                // `i` is a lead byte, so a character boundary.
                if s[i..].chars().next().is_some_and(is_unsafe) {
                    return Some(i);
                }
            }
        }
        i += 1;
    }
    None
}

/// True when `s` holds no character that must not reach a terminal as it is (newline and tab
/// allowed when `layout` is set).
pub fn is_clean(s: &str, layout: bool) -> bool {
    first_unsafe(s, layout).is_none()
}

/// The visible stand-in of a control character: a control picture (`␛` for ESC) for C0 and
/// DEL, `�` for C1 controls.
fn picture(c: char) -> char {
    match c {
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('�'),
        '\u{7f}' => '␡',
        _ => '�',
    }
}

/// Replaces control characters with visible pictures and drops invisible format characters.
/// Tabs become a single space and newlines are kept only when `keep_newlines` is set.
pub fn sanitize_with(s: &str, keep_newlines: bool) -> Cow<'_, str> {
    let Some(first) = first_unsafe(s, false) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len() + 8);
    out.push_str(&s[..first]);
    for c in s[first..].chars() {
        match c {
            '\n' if keep_newlines => out.push('\n'),
            '\t' => out.push(' '),
            c if c.is_control() => out.push(picture(c)),
            c if is_invisible(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Sanitises one line of text for display (newlines are made visible too).
pub fn sanitize(s: &str) -> Cow<'_, str> {
    sanitize_with(s, false)
}

/// Sanitises text whose line layout is strata's own: newlines and tabs pass, every other control
/// character becomes visible and invisible format characters are dropped. With `keep_sgr`,
/// strata's own colour sequences (`ESC [ digits ; … m`, nothing else) pass too.
pub fn sanitize_layout(s: &str, keep_sgr: bool) -> Cow<'_, str> {
    let clean = |c: char| !is_unsafe(c) || c == '\n' || c == '\t';
    let Some(first) = first_unsafe(s, true) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len() + 8);
    out.push_str(&s[..first]);
    let mut rest = &s[first..];
    while let Some(c) = rest.chars().next() {
        if c == '\u{1b}' && keep_sgr {
            let n = sgr_len(rest);
            if n > 0 {
                out.push_str(&rest[..n]);
                rest = &rest[n..];
                continue;
            }
        }
        if clean(c) {
            out.push(c);
        } else if c.is_control() {
            out.push(picture(c));
        }
        rest = &rest[c.len_utf8()..];
    }
    Cow::Owned(out)
}

/// Length in bytes of a Select Graphic Rendition sequence (`ESC [ [0-9;]* m`) at the start of
/// `s`, or 0 when `s` does not start with one.
fn sgr_len(s: &str) -> usize {
    let b = s.as_bytes();
    if b.len() < 3 || b[0] != 0x1b || b[1] != b'[' {
        return 0;
    }
    let params = b[2..].iter().take_while(|x| x.is_ascii_digit() || **x == b';').count();
    if params > 32 || b.get(2 + params) != Some(&b'm') {
        return 0;
    }
    3 + params
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

    #[test]
    fn byte_scan_agrees_with_the_character_rules() {
        // Every character up to U+3000 and the planes' interesting ranges, alone and in text.
        let cs = (0..0x3000u32).chain(0xfe00..0x10000).chain(0xe0000..0xe0100).filter_map(char::from_u32);
        for c in cs {
            let s = format!("жё{c}z");
            let want = is_unsafe(c);
            assert_eq!(first_unsafe(&s, false).is_some(), want, "{c:?}");
            assert_eq!(first_unsafe(&s, true).is_some(), want && c != '\n' && c != '\t', "{c:?}");
            if want {
                assert_eq!(first_unsafe(&s, false), Some("жё".len()), "{c:?}");
            }
        }
        // The same beside runs long enough for the eight-byte scan, at every alignment.
        let cs = (0..0x800u32).chain(0x2000..0x2100).chain(0xfe00..0x10000).chain(0xe0000..0xe0100);
        for c in cs.filter_map(char::from_u32) {
            for lead in ["", "a", "жё", "ж z"] {
                let s = format!("{lead}жжжжжжжжaaaaaaaa{c}жжжжжжжжжжz");
                let want = is_unsafe(c).then_some(lead.len() + 24);
                assert_eq!(first_unsafe(&s, false), want, "{c:?}");
                assert_eq!(first_unsafe(&s, true), want.filter(|_| c != '\n' && c != '\t'), "{c:?}");
            }
        }
        assert_eq!(sanitize_with("чисто\u{7}и\u{1b}", false), "чисто␇и␛");
        assert_eq!(sanitize_layout("ок\n\u{ad}да", false), "ок\nда");
    }

    #[test]
    fn word_masks_class_every_byte_as_the_byte_rules() {
        let plain = |b: u8| matches!(b, 0x20..=0x7e | 0x80..=0xbf | 0xd0 | 0xd1);
        // Every byte value at every place of a word, beside bytes of each kind.
        for fill in [0x41u8, 0x00, 0xd0, 0xbf, 0xff, 0x20, 0x7f, 0xd1] {
            for b in 0..=255u8 {
                for at in 0..8 {
                    let mut w = [fill; 8];
                    w[at] = b;
                    let x = u64::from_le_bytes(w);
                    let cyrillic = |c: &u8| matches!(c, 0x80..=0xbf | 0xd0 | 0xd1);
                    assert_eq!(all_cyrillic(x), w.iter().all(cyrillic), "{w:x?}");
                    for (k, &c) in w.iter().enumerate() {
                        let bit = |m: u64| m >> (8 * k + 7) & 1 == 1;
                        assert_eq!(bit(not_plain(x)), !plain(c), "{c:#x} in {w:x?}");
                    }
                }
            }
        }
    }

    #[test]
    fn invisible_format_characters_are_dropped() {
        let s = "пере\u{ad}нос \u{61c}\u{2066}x\u{2069}\u{2060}\u{e0041}\u{e007f}\u{feff}end";
        assert_eq!(sanitize(s), "перенос xend");
        assert_eq!(sanitize_layout(s, false), "перенос xend");
    }

    #[test]
    fn layout_keeps_lines_tabs_and_only_colour() {
        let s = "a\tb\n\u{1b}[1;31mred\u{1b}[0m \u{1b}]2;title\u{7} \u{1b}[2J \u{9d}0;t\u{9c}\r";
        assert_eq!(sanitize_layout(s, false), "a\tb\n␛[1;31mred␛[0m ␛]2;title␇ ␛[2J �0;t�␍");
        assert_eq!(sanitize_layout(s, true), "a\tb\n\u{1b}[1;31mred\u{1b}[0m ␛]2;title␇ ␛[2J �0;t�␍");
        assert!(matches!(sanitize_layout("строка\n\tи ещё", false), Cow::Borrowed(_)));
        assert_eq!(sanitize_layout("\u{1b}", true), "␛");
        assert_eq!(sanitize_layout("\u{1b}[", true), "␛[");
    }
}
