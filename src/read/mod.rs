//! Document readers: PDF (poppler's `pdftotext`, `lopdf` when poppler is missing, OCR with
//! tesseract for scans), DOCX and ODT (zip + XML), old Word DOC (`antiword` or `catdoc`), RTF, each
//! chosen by the file's content ([`sniff`]), never by its name. Every reader produces the same
//! [`blocks`] structure; [`crate::normalize::blocks`] runs the template parser over it. [`open`]
//! loads any supported file (JSON or a document) through the normalized-document [`cache`].

pub mod blocks;
pub mod cache;
pub mod doc;
pub mod docx;
pub mod ocr;
pub mod odt;
pub mod open;
pub mod pdf;
pub mod pdf_grid;
pub mod rtf;
pub mod sniff;
pub mod tool;
pub mod xml;

use crate::model::Warning;
pub use blocks::{Block, Cell, Kind, Place, Table};
pub use sniff::{Format, sniff};
use std::time::Duration;

/// When to run OCR on PDF pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum OcrMode {
    /// Pages with little or no text layer.
    #[default]
    Auto,
    /// Every page, ignoring the text layer.
    Always,
    /// Never: a PDF without a text layer is an error.
    Never,
}

/// How documents are read.
#[derive(Debug, Clone)]
pub struct Options {
    /// When to OCR.
    pub ocr: OcrMode,
    /// Time limit for one external tool run (one `pdftotext`, one page's OCR).
    pub timeout: Duration,
    /// Use the normalized-document cache.
    pub cache: bool,
    /// Report progress of long steps (OCR) on stderr when files are opened through
    /// [`crate::load::load_file`]; a TUI that owns the terminal sets this off and uses
    /// [`open::load_any`] with its own callback.
    pub progress_on_stderr: bool,
    /// Largest input accepted, in bytes (`STRATA_MAX_BYTES` overrides the default of 256 MiB).
    pub max_bytes: u64,
}

impl Default for Options {
    fn default() -> Self {
        let max_bytes = std::env::var("STRATA_MAX_BYTES")
            .ok()
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(crate::fsutil::MAX_INPUT_BYTES);
        Options {
            ocr: OcrMode::Auto,
            timeout: Duration::from_secs(300),
            cache: true,
            progress_on_stderr: true,
            max_bytes,
        }
    }
}

/// A reader's progress, for a progress line or the TUI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// What is being done, e.g. "OCR".
    pub stage: &'static str,
    /// Units done (pages).
    pub done: usize,
    /// Units in all.
    pub total: usize,
}

/// Why a document could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// Where, e.g. "page 3" or "word/document.xml, byte 120", when known.
    pub place: Option<String>,
    /// What is wrong, and what to do about it when something can be done.
    pub problem: String,
}

impl ReadError {
    /// An error with no place.
    pub fn new(problem: impl Into<String>) -> ReadError {
        ReadError { place: None, problem: problem.into() }
    }
    /// An error at `place`.
    pub fn at(place: impl Into<String>, problem: impl Into<String>) -> ReadError {
        ReadError { place: Some(place.into()), problem: problem.into() }
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.place {
            Some(p) => write!(f, "{p}: {}", self.problem),
            None => f.write_str(&self.problem),
        }
    }
}

impl std::error::Error for ReadError {}

/// A document as one reader read it.
#[derive(Debug, Clone)]
pub struct ReadDoc {
    /// The format the content was recognised as.
    pub format: Format,
    /// Which reader did it, e.g. "pdftotext (poppler)".
    pub reader: String,
    /// The blocks in document order.
    pub blocks: Vec<Block>,
    /// What the reader noticed (a fallback reader, OCR'd pages, replaced bytes).
    pub warnings: Vec<Warning>,
    /// Pages, when the format has them.
    pub pages: Option<u32>,
}

/// A warning with no line or offset.
pub(crate) fn warning(code: &str, message: String) -> Warning {
    Warning { code: code.into(), message, line: None, offset: None, project: None }
}

/// Reads a document file (not JSON, not raw text) into blocks. `path` is the file on disk, `bytes`
/// its content; `progress` hears of long steps (OCR).
pub fn read(
    path: &std::path::Path,
    bytes: &[u8],
    opts: &Options,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<ReadDoc, ReadError> {
    match sniff(bytes) {
        Format::Pdf => pdf::read(path, bytes, opts, progress),
        Format::Docx => docx::read(bytes),
        Format::Odt => odt::read(bytes),
        Format::Doc => doc::read(path, opts),
        Format::Rtf => rtf::read(bytes),
        Format::Zip => Err(ReadError::new(crate::i18n::tr(crate::i18n::Msg::ReadZipNeither))),
        f @ (Format::Json | Format::Text) => {
            Err(ReadError::new(crate::i18n::trf(crate::i18n::Msg::ReadNotDocFormat, &[&f.name()])))
        }
    }
}
