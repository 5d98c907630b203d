//! Telling file formats apart by their content (magic bytes), never by the file name.

/// A document format recognised from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `%PDF-`.
    Pdf,
    /// A ZIP with `word/document.xml` (Word 2007+).
    Docx,
    /// A ZIP whose `mimetype` is `application/vnd.oasis.opendocument.text`.
    Odt,
    /// Any other ZIP.
    Zip,
    /// An OLE2 compound file (old Word `.doc`).
    Doc,
    /// `{\rtf`.
    Rtf,
    /// A strata JSON document (first non-blank byte `{`).
    Json,
    /// Anything else: raw text in one of its two forms (or binary, which decoding rejects).
    Text,
}

impl Format {
    /// A short name for messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Pdf => "PDF",
            Format::Docx => "DOCX",
            Format::Odt => "ODT",
            Format::Zip => "ZIP",
            Format::Doc => "DOC",
            Format::Rtf => "RTF",
            Format::Json => "JSON",
            Format::Text => "text",
        }
    }
}

/// Recognises the format of `bytes` (the whole file, or at least its first few kilobytes; a
/// ZIP's kind needs its entry names, which a truncated prefix may lack).
pub fn sniff(bytes: &[u8]) -> Format {
    let head = &bytes[..bytes.len().min(1024)];
    // A PDF header may follow a little junk (the spec allows it within the first 1024 bytes).
    if memchr::memmem::find(head, b"%PDF-").is_some() {
        return Format::Pdf;
    }
    if bytes.starts_with(b"PK\x03\x04") {
        if bytes.get(30..38) == Some(b"mimetype")
            && memchr::memmem::find(&bytes[..bytes.len().min(200)], b"opendocument.text").is_some()
        {
            return Format::Odt;
        }
        return if memchr::memmem::find(bytes, b"word/document.xml").is_some() {
            Format::Docx
        } else if memchr::memmem::find(bytes, b"content.xml").is_some()
            && memchr::memmem::find(bytes, b"opendocument.text").is_some()
        {
            Format::Odt
        } else {
            Format::Zip
        };
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Format::Doc;
    }
    let trimmed = {
        let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let start = b.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(b.len());
        &b[start..]
    };
    if trimmed.starts_with(b"{\\rtf") {
        return Format::Rtf;
    }
    if trimmed.starts_with(b"{") {
        return Format::Json;
    }
    Format::Text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_content_not_name() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), Format::Pdf);
        assert_eq!(sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]), Format::Doc);
        assert_eq!(sniff(b"{\\rtf1\\ansi"), Format::Rtf);
        assert_eq!(sniff(b"\xEF\xBB\xBF  {\"schema\": 1}"), Format::Json);
        assert_eq!(sniff(" Стратегия".as_bytes()), Format::Text);
        assert_eq!(sniff(b"PK\x03\x04....word/document.xml"), Format::Docx);
        assert_eq!(sniff(b"PK\x03\x04....other.bin"), Format::Zip);
    }
}
