//! JSON for stdout: serde_json's text with every character that is unsafe on a terminal (DEL,
//! C1 controls, bidi and other invisible format characters; serde_json already escapes C0)
//! written as a `\uXXXX` escape, so the text stays exact for a JSON reader and inert on a screen.

use crate::text::sanitize::{first_unsafe, is_unsafe};
use serde::Serialize;

/// `value` as pretty-printed, terminal-safe JSON followed by a newline.
pub fn to_string_pretty<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let mut s = escape_unsafe(serde_json::to_string_pretty(value)?);
    s.push('\n');
    Ok(s)
}

/// [`to_string_pretty`] as text for [`super::term::write_safe`], which needs no second scan.
pub fn to_safe_pretty<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<super::term::Safe> {
    Ok(super::term::escaped_json(to_string_pretty(value)?))
}

/// Rewrites the unsafe characters of serde_json output as `\uXXXX` escapes (surrogate pairs
/// above U+FFFF). serde_json writes such characters only inside strings, where the escape means
/// the same character.
pub fn escape_unsafe(json: String) -> String {
    let Some(first) = first_unsafe(&json, true) else {
        // serde_json writes newlines only as layout, and tabs never raw.
        return json;
    };
    let mut out = String::with_capacity(json.len() + 16);
    out.push_str(&json[..first]);
    for c in json[first..].chars() {
        if is_unsafe(c) && c != '\n' {
            let mut buf = [0u16; 2];
            for unit in c.encode_utf16(&mut buf) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_characters_are_escaped_and_round_trip() {
        let text = "a\u{1b}]2;t\u{7}\u{7f}\u{9b}\u{202e}\u{ad}\u{e0041}ё";
        let json = to_string_pretty(&serde_json::json!({ "t": text })).unwrap();
        assert!(!json.trim_end().chars().any(|c| is_unsafe(c) && c != '\n'), "{json}");
        assert!(json.contains("\\u001b") && json.contains("\\u009b") && json.contains("\\udb40\\udc41"));
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["t"], text);
    }
}
