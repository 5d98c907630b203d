//! Decoding raw input bytes and telling the two raw forms apart.

use crate::model::SourceFormat;

/// Why raw input was rejected before parsing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// No bytes, or only whitespace.
    Empty,
    /// NUL bytes or many control characters: not text.
    Binary {
        /// Offset of the first offending byte.
        offset: usize,
    },
    /// Neither UTF-8 nor Windows-1251 Russian text.
    UnknownEncoding {
        /// Offset of the first byte that is not valid UTF-8.
        offset: usize,
    },
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Empty => write!(f, "input is empty"),
            DecodeError::Binary { offset } => write!(f, "byte {offset}: binary data, not text"),
            DecodeError::UnknownEncoding { offset } => {
                write!(f, "byte {offset}: not UTF-8, and not Russian text in Windows-1251 either")
            }
        }
    }
}

/// Decoded text and how it was encoded.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text, BOM removed, CRLF turned into LF.
    pub text: String,
    /// "utf-8" or "windows-1251".
    pub encoding: &'static str,
}

/// Decodes raw bytes: UTF-8 (with or without BOM), else Windows-1251 when the result reads as
/// Russian text. Rejects empty and binary input.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(DecodeError::Empty);
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(DecodeError::Binary { offset });
    }
    let controls = bytes.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)).count();
    if controls * 100 > bytes.len() {
        let offset = bytes.iter().position(|&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)).unwrap_or(0);
        return Err(DecodeError::Binary { offset });
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let (text, encoding) = match std::str::from_utf8(body) {
        Ok(s) => (s.to_string(), "utf-8"),
        Err(e) => {
            let (s, _, _) = encoding_rs::WINDOWS_1251.decode(body);
            let letters = s.chars().filter(|c| crate::text::fold::is_letter(*c)).count();
            let cyr = s.chars().filter(|c| ('\u{400}'..='\u{4ff}').contains(c)).count();
            if letters == 0 || cyr * 2 < letters {
                return Err(DecodeError::UnknownEncoding { offset: e.valid_up_to() });
            }
            (s.into_owned(), "windows-1251")
        }
    };
    let text = if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text };
    Ok(Decoded { text, encoding })
}

/// Tells line-broken text (from a PDF) from a single flattened line.
pub fn detect_format(text: &str) -> SourceFormat {
    let lines = text.lines().filter(|l| !l.trim().is_empty()).count().max(1);
    let chars = text.chars().count();
    if chars / lines > 400 { SourceFormat::Flat } else { SourceFormat::Lines }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_empty_and_binary() {
        assert_eq!(decode(b"").unwrap_err(), DecodeError::Empty);
        assert_eq!(decode(b"  \n\t").unwrap_err(), DecodeError::Empty);
        assert_eq!(decode(b"ab\0cd").unwrap_err(), DecodeError::Binary { offset: 2 });
        assert!(matches!(decode(&[1, 2, 3, 4, 5, b'a']), Err(DecodeError::Binary { .. })));
    }

    #[test]
    fn reads_windows_1251_and_utf8_bom() {
        let (cp, _, _) = encoding_rs::WINDOWS_1251.encode("Стратегия цифровой трансформации\r\n");
        let d = decode(&cp).unwrap();
        assert_eq!(d.encoding, "windows-1251");
        assert_eq!(d.text, "Стратегия цифровой трансформации\n");
        let d = decode("\u{feff}Текст".as_bytes()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("Текст", "utf-8"));
    }

    #[test]
    fn detects_form() {
        assert_eq!(detect_format(" строка\n строка\n"), SourceFormat::Lines);
        assert_eq!(detect_format(&"слово ".repeat(500)), SourceFormat::Flat);
    }
}
