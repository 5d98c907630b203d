//! Decoding raw input bytes and telling the two raw forms apart.

use crate::model::{SourceFormat, Warning};

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
    /// More than a tenth of the bytes are neither UTF-8 nor Russian text in Windows-1251.
    UnknownEncoding {
        /// Offset of the first byte that is not valid UTF-8.
        offset: usize,
    },
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Empty => f.write_str(crate::i18n::tr(crate::i18n::Msg::DecodeEmpty)),
            DecodeError::Binary { offset } => f.write_str(&crate::i18n::trf(crate::i18n::Msg::DecodeBinary, &[offset])),
            DecodeError::UnknownEncoding { offset } => {
                f.write_str(&crate::i18n::trf(crate::i18n::Msg::DecodeUnknown, &[offset]))
            }
        }
    }
}

/// Decoded text and how it was encoded.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text, BOM removed, CRLF turned into LF.
    pub text: String,
    /// "utf-8", "windows-1251", "utf-8+windows-1251" (lines in each), "utf-16le" or "utf-16be".
    pub encoding: &'static str,
    /// Runs of invalid bytes replaced by U+FFFD: (byte offset in the input, 1-based line, bytes).
    pub replaced: Vec<(usize, usize, usize)>,
}

/// Replaced-byte warnings listed one by one before the rest are summed up in one.
pub const MAX_REPLACED_WARNINGS: usize = 20;

impl Decoded {
    /// Warnings for the replaced bytes, each naming its byte offset and line.
    pub fn warnings(&self) -> Vec<Warning> {
        let mut out: Vec<Warning> = self
            .replaced
            .iter()
            .take(MAX_REPLACED_WARNINGS)
            .map(|&(offset, line, n)| Warning {
                code: "invalid_utf8".into(),
                message: format!("byte {offset} (line {line}): {n} byte(s) not valid UTF-8, replaced by \u{FFFD}"),
                line: Some(line),
                offset: Some(offset),
                project: None,
            })
            .collect();
        if self.replaced.len() > MAX_REPLACED_WARNINGS {
            let rest = &self.replaced[MAX_REPLACED_WARNINGS..];
            out.push(Warning {
                code: "invalid_utf8".into(),
                message: format!(
                    "{} more invalid byte(s) in {} more place(s) replaced by \u{FFFD}",
                    rest.iter().map(|r| r.2).sum::<usize>(),
                    rest.len()
                ),
                line: None,
                offset: None,
                project: None,
            });
        }
        out
    }
}

/// Decodes raw bytes. UTF-16 with a byte-order mark (or plainly UTF-16: every other byte zero or
/// a Cyrillic high byte) is decoded as such. Otherwise the encoding is told per line: a line that
/// is valid UTF-8 is UTF-8; a line whose bytes are mostly invalid UTF-8 but read as Russian text
/// in Windows-1251 is Windows-1251; in any other line the invalid bytes become U+FFFD, recorded in
/// [`Decoded::replaced`], so one flipped byte never turns a whole file into Windows-1251. A UTF-8
/// BOM is skipped. Rejects empty and binary input.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    decode_cow(std::borrow::Cow::Borrowed(bytes))
}

/// [`decode`] of bytes the caller gives up: valid UTF-8 (the usual input) becomes the text in
/// the same memory, neither copied nor kept twice.
pub fn decode_owned(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    decode_cow(std::borrow::Cow::Owned(bytes))
}

/// [`decode`], reusing `input`'s memory for the text when it is owned and valid UTF-8.
fn decode_cow(input: std::borrow::Cow<'_, [u8]>) -> Result<Decoded, DecodeError> {
    let bytes: &[u8] = &input;
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(DecodeError::Empty);
    }
    if let Some(d) = utf16(bytes) {
        return Ok(finish(d));
    }
    if let Some(offset) = memchr::memchr(0, bytes) {
        return Err(DecodeError::Binary { offset });
    }
    let control = |b: u8| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c);
    // Counted in blocks of 255 bytes with a byte-wide count each, which the compiler vectorises.
    let controls: usize =
        bytes.chunks(255).map(|c| usize::from(c.iter().fold(0u8, |n, &b| n + u8::from(control(b))))).sum();
    if controls * 100 > bytes.len() {
        let offset = bytes.iter().position(|&b| control(b)).unwrap_or(0);
        return Err(DecodeError::Binary { offset });
    }
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
    // simdutf8 validates several times faster than `std::str::from_utf8`; the slow path below
    // finds the invalid places line by line.
    if simdutf8::basic::from_utf8(&bytes[bom..]).is_ok() {
        // Owned bytes are kept; borrowed ones are copied, once, as before.
        let v = match input {
            std::borrow::Cow::Owned(mut v) => {
                v.drain(..bom);
                v
            }
            std::borrow::Cow::Borrowed(b) => b[bom..].to_vec(),
        };
        // SAFETY: `v` is the bytes simdutf8 has just validated as UTF-8. (The safe
        // `String::from_utf8` would validate them again, more slowly than the copy it saves.)
        let text = unsafe { String::from_utf8_unchecked(v) };
        return Ok(finish(Decoded { text, encoding: "utf-8", replaced: Vec::new() }));
    }
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
    let (mut utf8, mut cp1251) = (false, false);
    let mut replaced: Vec<(usize, usize, usize)> = Vec::new();
    let mut invalid_total = 0usize;
    let mut at = bom;
    for (i, line) in bytes[bom..].split_inclusive(|&b| b == b'\n').enumerate() {
        if let Ok(s) = std::str::from_utf8(line) {
            text.push_str(s);
            utf8 |= !s.is_ascii();
            at += line.len();
            continue;
        }
        let (valid_multi, invalid) = utf8_counts(line);
        let (win, _) = encoding_rs::WINDOWS_1251.decode_without_bom_handling(line);
        if invalid > valid_multi && reads_as_russian(&win) {
            text.push_str(&win);
            cp1251 = true;
        } else {
            utf8 = true;
            let mut off = at;
            for chunk in line.utf8_chunks() {
                text.push_str(chunk.valid());
                off += chunk.valid().len();
                let bad = chunk.invalid().len();
                if bad == 0 {
                    continue;
                }
                text.push('\u{FFFD}');
                invalid_total += bad;
                match replaced.last_mut() {
                    Some((o, l, n)) if *l == i + 1 && *o + *n == off => *n += bad,
                    _ => replaced.push((off, i + 1, bad)),
                }
                off += bad;
            }
        }
        at += line.len();
    }
    if invalid_total * 10 > bytes.len() {
        return Err(DecodeError::UnknownEncoding { offset: replaced.first().map_or(0, |r| r.0) });
    }
    let encoding = match (utf8, cp1251) {
        (true, true) => "utf-8+windows-1251",
        (false, true) => "windows-1251",
        _ => "utf-8",
    };
    Ok(finish(Decoded { text, encoding, replaced }))
}

/// UTF-16 by its BOM, or by every other byte being zero or a Cyrillic high byte (0x04).
fn utf16(bytes: &[u8]) -> Option<Decoded> {
    let (enc, body, name) = if let Some(b) = bytes.strip_prefix(b"\xFF\xFE") {
        (encoding_rs::UTF_16LE, b, "utf-16le")
    } else if let Some(b) = bytes.strip_prefix(b"\xFE\xFF") {
        (encoding_rs::UTF_16BE, b, "utf-16be")
    } else {
        let sample = &bytes[..bytes.len().min(4096) & !1];
        let half = sample.len() / 2;
        if half < 8 {
            return None;
        }
        let count = |k: usize, f: &dyn Fn(u8) -> bool| sample.iter().skip(k).step_by(2).filter(|&&b| f(b)).count();
        let high = |k: usize| count(k, &|b| b == 0 || b == 4);
        let looks = |k: usize| high(k) * 10 >= half * 9 && high(1 - k) * 2 < half;
        if looks(1) {
            (encoding_rs::UTF_16LE, bytes, "utf-16le")
        } else if looks(0) {
            (encoding_rs::UTF_16BE, bytes, "utf-16be")
        } else {
            return None;
        }
    };
    let (text, _) = enc.decode_without_bom_handling(body);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
    Some(Decoded { text, encoding: name, replaced: Vec::new() })
}

/// (valid multi-byte UTF-8 characters, invalid bytes) of a line.
fn utf8_counts(line: &[u8]) -> (usize, usize) {
    line.utf8_chunks()
        .fold((0, 0), |(v, i), c| (v + c.valid().chars().filter(|ch| !ch.is_ascii()).count(), i + c.invalid().len()))
}

/// True when at least half the letters are Cyrillic.
fn reads_as_russian(s: &str) -> bool {
    let letters = s.chars().filter(|c| crate::text::fold::is_letter(*c)).count();
    let cyr = s.chars().filter(|c| ('\u{400}'..='\u{4ff}').contains(c)).count();
    letters > 0 && cyr * 2 >= letters
}

fn finish(mut d: Decoded) -> Decoded {
    // Most texts hold no `\r`: looked for with the vectorised byte search.
    if memchr::memchr(b'\r', d.text.as_bytes()).is_some() {
        d.text = d.text.replace("\r\n", "\n").replace('\r', "\n");
    }
    d
}

/// Tells line-broken text (from a PDF) from a single flattened line.
pub fn detect_format(text: &str) -> SourceFormat {
    // The lines of `str::lines` that hold ink (a `\r` before a `\n` is whitespace to `trim`; the
    // empty piece after a final `\n` holds none).
    let lines = crate::text::scan::split_lines(text).filter(|l| !crate::text::scan::trim(l).is_empty()).count();
    let lines = lines.max(1);
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
    fn a_flipped_byte_is_replaced_and_reported_not_a_whole_file_fallback() {
        let mut bytes = "Стратегия цифровой\nтрансформации области\n".as_bytes().to_vec();
        let at = "Стратегия цифровой\nтранс".len();
        bytes[at] = 0xFF;
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "utf-8");
        assert!(d.text.starts_with("Стратегия цифровой\nтранс\u{FFFD}"), "{}", d.text);
        // The flipped lead byte leaves its continuation byte stray: both are replaced.
        assert_eq!(d.replaced, [(at, 2, 2)]);
        let w = d.warnings();
        assert_eq!((w[0].offset, w[0].line), (Some(at), Some(2)));
        assert!(w[0].message.contains(&format!("byte {at}")));
    }

    #[test]
    fn many_replacements_are_summed_up() {
        let mut bytes = Vec::new();
        for _ in 0..30 {
            bytes.extend_from_slice("Проект ".as_bytes());
            bytes.push(0xFF);
            bytes.extend_from_slice("цифровой трансформации региона\n".as_bytes());
        }
        let d = decode(&bytes).unwrap();
        assert_eq!(d.replaced.len(), 30);
        let w = d.warnings();
        assert_eq!(w.len(), MAX_REPLACED_WARNINGS + 1);
        assert!(w.last().unwrap().message.starts_with("10 more invalid byte(s) in 10 more place(s)"));
    }

    #[test]
    fn encodings_are_told_per_line() {
        let (cp, _, _) = encoding_rs::WINDOWS_1251.encode("Показатели развития отрасли\n");
        let mut bytes = "Проекты развития отрасли\n".as_bytes().to_vec();
        bytes.extend_from_slice(&cp);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, "Проекты развития отрасли\nПоказатели развития отрасли\n");
        assert_eq!(d.encoding, "utf-8+windows-1251");
        assert!(d.replaced.is_empty());
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let text = "Стратегия\r\nцифровой трансформации\r\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        for (bytes, enc) in [
            ([b"\xFF\xFE".as_slice(), &le].concat(), "utf-16le"),
            ([b"\xFE\xFF".as_slice(), &be].concat(), "utf-16be"),
            (le.clone(), "utf-16le"),
        ] {
            let d = decode(&bytes).unwrap();
            assert_eq!((d.text.as_str(), d.encoding), ("Стратегия\nцифровой трансформации\n", enc));
        }
    }

    #[test]
    fn owned_bytes_decode_as_borrowed_ones_do() {
        let (cp, _, _) = encoding_rs::WINDOWS_1251.encode("Стратегия цифровой трансформации\r\n");
        let mut inputs: Vec<Vec<u8>> =
            [&b""[..], b" \n", b"ab\0cd", "\u{feff}Текст\r\n".as_bytes(), b"\xEF\xBB\xBF", &cp]
                .map(<[u8]>::to_vec)
                .into();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/raw");
        for e in std::fs::read_dir(dir).unwrap().filter_map(|e| e.ok()) {
            inputs.extend(std::fs::read(e.path()));
        }
        for bytes in inputs {
            let key = |d: Result<Decoded, DecodeError>| d.map(|d| (d.text, d.encoding, d.replaced));
            assert_eq!(key(decode(&bytes)), key(decode_owned(bytes.clone())), "{bytes:.40?}");
        }
    }

    #[test]
    fn mostly_invalid_bytes_are_rejected() {
        let bytes: Vec<u8> = (0..200).map(|i| if i % 2 == 0 { 0xA9 } else { b'a' }).collect();
        assert!(matches!(decode(&bytes), Err(DecodeError::UnknownEncoding { .. })));
    }

    #[test]
    fn detects_form() {
        assert_eq!(detect_format(" строка\n строка\n"), SourceFormat::Lines);
        assert_eq!(detect_format(&"слово ".repeat(500)), SourceFormat::Flat);
        // Blank, CR-only and trailing pieces are no lines: 605 characters over two inked lines
        // are lines, 505 over one are flat.
        let (l300, l500) = ("с".repeat(300), "с".repeat(500));
        assert_eq!(detect_format(&format!("{l300}\n\r\n \n{l300}\n")), SourceFormat::Lines);
        assert_eq!(detect_format(&format!("\n  \r\n{l500}\n")), SourceFormat::Flat);
    }
}
