//! PDF: text with poppler's `pdftotext` (form feeds separate pages), in-process `lopdf` when
//! poppler is missing, and OCR ([`super::ocr`]) for pages with little or no text layer.

use super::{Block, Format, Kind, OcrMode, Options, Place, Progress, ReadDoc, ReadError, pdf_grid, tool, warning};
use std::path::Path;
use std::process::Command;

/// A page with fewer letters than this has no usable text layer.
pub const MIN_PAGE_LETTERS: usize = 25;

/// The package that provides `pdftotext` and `pdftoppm`.
pub const POPPLER_PACKAGE: &str = "poppler-utils";

/// Reads a PDF into line blocks, one per text line, with page breaks.
pub fn read(
    path: &Path,
    bytes: &[u8],
    opts: &Options,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<ReadDoc, ReadError> {
    let mut warnings = Vec::new();
    // Word boxes (pdftotext -bbox-layout) when poppler is there: tables are rebuilt from them.
    let mut boxed: Option<Vec<pdf_grid::Page>> = None;
    // The table rules come from the content streams, read in-process while pdftotext runs.
    let mut rules: Vec<Vec<pdf_grid::Rule>> = Vec::new();
    // Per page, its letters up to MIN_PAGE_LETTERS (enough to tell a text layer).
    let letters =
        |chars: &mut dyn Iterator<Item = char>| chars.filter(|c| c.is_alphabetic()).take(MIN_PAGE_LETTERS).count();
    // The page texts are kept only from lopdf: pdftotext's pages are their word boxes.
    let (mut pages, letters, reader): (Vec<String>, Vec<usize>, _) = match tool::which("pdftotext") {
        Some(exe) => {
            let b = std::thread::scope(|s| {
                let r = s.spawn(|| pdf_grid::page_rules(bytes));
                let b = pdftotext(&exe, path, opts);
                rules = r.join().unwrap_or_default();
                b
            })?;
            let counts =
                b.iter().map(|p| letters(&mut p.lines.iter().flatten().flat_map(|w| w.text.chars()))).collect();
            boxed = Some(b);
            (Vec::new(), counts, "pdftotext (poppler)".to_string())
        }
        None => {
            warnings.push(warning(
                "reader_fallback",
                format!(
                    "pdftotext is not installed (package {POPPLER_PACKAGE}): the PDF was read with the built-in lopdf \
                     reader, which may lose the order of table cells"
                ),
            ));
            let pages = lopdf_pages(bytes)?;
            let counts = pages.iter().map(|p| letters(&mut p.chars())).collect();
            (pages, counts, "lopdf (built in)".to_string())
        }
    };
    let textless: Vec<u32> =
        letters.iter().enumerate().filter(|(_, n)| **n < MIN_PAGE_LETTERS).map(|(i, _)| i as u32 + 1).collect();
    let count = letters.len();
    let scan = count > 0 && textless.len() * 2 > count;
    let to_ocr: Vec<u32> = match opts.ocr {
        OcrMode::Always => (1..=count as u32).collect(),
        OcrMode::Auto => textless.clone(),
        OcrMode::Never => Vec::new(),
    };
    if opts.ocr == OcrMode::Never && scan {
        return Err(ReadError::new(crate::i18n::trf(crate::i18n::Msg::PdfScanOcrOff, &[&textless.len(), &count])));
    }
    if !to_ocr.is_empty() {
        match super::ocr::ocr_pages(path, bytes, &to_ocr, opts, progress) {
            Ok(texts) => {
                for (p, text) in texts {
                    let i = p as usize - 1;
                    if let Some(b) = boxed.as_mut().and_then(|b| b.get_mut(i)) {
                        *b = pdf_grid::Page::from_text(&text);
                    }
                    if let Some(t) = pages.get_mut(i) {
                        *t = text;
                    }
                }
                warnings.push(warning(
                    "ocr",
                    format!(
                        "{} page(s) read by OCR (tesseract): {}; expect letter errors",
                        to_ocr.len(),
                        page_list(&to_ocr)
                    ),
                ));
            }
            Err(e) if scan || opts.ocr == OcrMode::Always => return Err(e),
            Err(e) => warnings.push(warning(
                "no_text_layer",
                format!("page(s) {} have no text layer and were not OCR'd: {}", page_list(&to_ocr), e.problem),
            )),
        }
    }
    let n = count as u32;
    let blocks = match &boxed {
        Some(b) => {
            let heights: Vec<f32> = b.iter().map(|p| p.height).collect();
            pdf_grid::place_rules(&mut rules, &heights);
            pdf_grid::blocks(b, &rules)
        }
        None => page_blocks(&pages),
    };
    Ok(ReadDoc { format: Format::Pdf, reader, blocks, warnings, pages: Some(n) })
}

/// Blocks for page texts: one paragraph block per line, a page break between pages.
pub fn page_blocks(pages: &[String]) -> Vec<Block> {
    let mut blocks = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        if i > 0 {
            blocks.push(Block::new(Kind::PageBreak, "", Place { page: i as u32, line: 0 }));
        }
        for (l, line) in page.lines().enumerate() {
            let t = line.trim_end();
            let place = Place { page: i as u32 + 1, line: l as u32 + 1 };
            blocks.push(Block::new(Kind::Paragraph, t.trim_start(), place));
        }
    }
    blocks
}

/// "1-3, 7": a compact list of page numbers.
pub fn page_list(pages: &[u32]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < pages.len() {
        let mut j = i;
        while j + 1 < pages.len() && pages[j + 1] == pages[j] + 1 {
            j += 1;
        }
        out.push(if j > i { format!("{}-{}", pages[i], pages[j]) } else { pages[i].to_string() });
        i = j + 1;
    }
    out.join(", ")
}

fn pdftotext(exe: &Path, path: &Path, opts: &Options) -> Result<Vec<pdf_grid::Page>, ReadError> {
    let mut cmd = Command::new(exe);
    cmd.args(["-bbox-layout", "-enc", "UTF-8", "-eol", "unix"]).arg(path).arg("-");
    // The XHTML is parsed as poppler writes it, page after page.
    let (out, pages) = tool::run_reading(cmd, opts.timeout, |o| pdf_grid::parse_bbox_from(o))
        .map_err(|e| ReadError::new(format!("pdftotext {e}")))?;
    if out.code != Some(0) {
        return Err(poppler_error(&out.stderr, "pdftotext"));
    }
    pages.map_err(ReadError::new)
}

/// Turns poppler's complaint into a readable error.
pub fn poppler_error(stderr: &str, tool: &str) -> ReadError {
    let low = stderr.to_lowercase();
    if low.contains("password") {
        return ReadError::new(crate::i18n::tr(crate::i18n::Msg::PdfPassword));
    }
    let first =
        stderr.lines().find(|l| !l.trim().is_empty()).unwrap_or(crate::i18n::tr(crate::i18n::Msg::ToolNoMessage));
    let first = crate::text::sanitize::sanitize(first);
    if low.contains("may not be a pdf") || low.contains("couldn't find trailer") || low.contains("couldn't read xref") {
        return ReadError::new(crate::i18n::trf(crate::i18n::Msg::PdfDamaged, &[&tool, &first]));
    }
    ReadError::new(crate::i18n::trf(crate::i18n::Msg::PdfToolFailed, &[&tool, &first]))
}

fn lopdf_pages(bytes: &[u8]) -> Result<Vec<String>, ReadError> {
    let doc = lopdf::Document::load_mem(bytes).map_err(|e| {
        let msg = e.to_string();
        if msg.to_lowercase().contains("decrypt") || msg.to_lowercase().contains("password") {
            ReadError::new(crate::i18n::tr(crate::i18n::Msg::PdfPassword))
        } else {
            ReadError::new(crate::i18n::trf(crate::i18n::Msg::PdfNotReadable, &[&msg]))
        }
    })?;
    let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
    Ok(numbers.iter().map(|&n| doc.extract_text(&[n]).unwrap_or_default()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_lists_are_compact() {
        assert_eq!(page_list(&[1, 2, 3, 7, 9, 10]), "1-3, 7, 9-10");
        assert_eq!(page_list(&[]), "");
    }

    #[test]
    fn lines_become_blocks_with_places() {
        let b = page_blocks(&["а\n б\n".into(), "в\n".into()]);
        let kinds: Vec<(&str, u32, u32)> = b.iter().map(|b| (b.text.as_str(), b.place.page, b.place.line)).collect();
        assert_eq!(kinds, [("а", 1, 1), ("б", 1, 2), ("", 1, 0), ("в", 2, 1)]);
        assert_eq!(b[2].kind, Kind::PageBreak);
    }

    #[test]
    fn password_errors_are_named() {
        let e = poppler_error("Command Line Error: Incorrect password\n", "pdftotext");
        assert!(e.problem.contains("password"), "{e}");
    }
}
