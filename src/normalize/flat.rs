//! Parser for single-line text with punctuation and stopwords stripped (placeholder until the
//! parser lands).

use super::Parsed;

/// Parses flattened strategy text.
pub fn parse(_text: &str) -> Parsed {
    Parsed::default()
}
