//! OSC 52: putting text on the reviewer's own clipboard through the terminal, over SSH.
//!
//! The sequence is `ESC ] 52 ; c ; <base64 of the text> BEL`. The terminal (or tmux with
//! `set-clipboard on`) decodes it into its clipboard; nothing of the text is interpreted on the
//! way. The text itself is cleaned first ([`super::clean`]): a control character or an escape in
//! a document must not ride along into the clipboard and from there into a shell by a paste.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

/// Terminals and multiplexers cap the size of one OSC 52 sequence; xterm's default buffer and
/// tmux both handle this much text comfortably.
pub const MAX_BYTES: usize = 74_994;

/// An encoded copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copy {
    /// The bytes to write to the terminal.
    pub sequence: String,
    /// Characters of the text that were copied.
    pub chars: usize,
    /// True when the text was longer than [`MAX_BYTES`] and only its beginning was copied.
    pub truncated: bool,
}

/// Encodes `text` for the clipboard (`c`) selection.
pub fn osc52(text: &str) -> Copy {
    let clean = super::clean(text);
    let mut end = clean.len().min(MAX_BYTES);
    while !clean.is_char_boundary(end) {
        end -= 1;
    }
    let part = &clean[..end];
    Copy {
        sequence: format!("\x1b]52;c;{}\x07", STANDARD.encode(part.as_bytes())),
        chars: part.chars().count(),
        truncated: end < clean.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_cleans_and_truncates_on_a_char_boundary() {
        let c = osc52("Здравоохранение\n\u{1b}[31mкрасный");
        assert!(c.sequence.starts_with("\x1b]52;c;") && c.sequence.ends_with('\x07'));
        let b64 = &c.sequence[7..c.sequence.len() - 1];
        let back = String::from_utf8(STANDARD.decode(b64).unwrap()).unwrap();
        assert_eq!(back, "Здравоохранение\n[31mкрасный");
        assert!(!c.truncated);
        let long = "я".repeat(MAX_BYTES);
        let c = osc52(&long);
        assert!(c.truncated);
        assert_eq!(c.chars, MAX_BYTES / 2);
        assert!(!c.sequence[7..].contains('\x1b'));
    }
}
