//! Parser for line-broken text extracted from PDFs (placeholder until the parser lands).

use super::Parsed;

/// Parses line-broken strategy text.
pub fn parse(_text: &str) -> Parsed {
    Parsed::default()
}
