//! The cache of normalized documents and OCR'd pages: `$XDG_CACHE_HOME/strata` (else
//! `~/.cache/strata`), keyed by the input's content hash and the normalizer's version (a hash of
//! the reader and parser sources, made at build time), so a changed parser never serves stale
//! results. Files are written atomically (a random exclusive temp file, then rename); a cache that
//! cannot be written is skipped, never an error.

use super::Options;
use crate::model::Document;
use sha2::{Digest, Sha256};
use std::path::PathBuf;

/// The normalizer's version: crate version and a hash of `src/normalize` and `src/read`.
pub const NORMALIZER_VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "-", env!("STRATA_NORMALIZER_HASH"));

/// Lower-case hex SHA-256 of `bytes`.
pub fn content_hash(bytes: &[u8]) -> String {
    content_hash_of(&[bytes])
}

/// Lower-case hex SHA-256 of several byte strings, one after the other.
pub fn content_hash_of(parts: &[&[u8]]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The cache folder: `$XDG_CACHE_HOME/strata`, else `$HOME/.cache/strata`.
pub fn dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").filter(|v| !v.is_empty()).map(|h| PathBuf::from(h).join(".cache")))?;
    Some(base.join("strata"))
}

fn doc_path(hash: &str, opts: &Options) -> Option<PathBuf> {
    let ocr = format!("{:?}", opts.ocr).to_lowercase();
    Some(dir()?.join("docs").join(format!("{hash}-{NORMALIZER_VERSION}-ocr-{ocr}.json")))
}

fn ocr_path(hash: &str, page: u32) -> Option<PathBuf> {
    Some(dir()?.join("ocr").join(format!("{hash}-p{page}-{}dpi.txt", super::ocr::DPI)))
}

/// A cached normalized document for content `hash`, when there is one that still parses.
pub fn get_doc(hash: &str, opts: &Options) -> Option<Document> {
    if !opts.cache {
        return None;
    }
    let text = std::fs::read_to_string(doc_path(hash, opts)?).ok()?;
    crate::load::parse("cache", &text).ok()
}

/// Stores a normalized document for content `hash`.
pub fn put_doc(hash: &str, doc: &Document, opts: &Options) {
    if opts.cache
        && let Some(p) = doc_path(hash, opts)
    {
        let _ = write_atomic(&p, crate::normalize::to_json(doc).as_bytes());
    }
}

/// A cached OCR text of `page` of the PDF with content `hash`.
pub fn get_ocr(hash: &str, page: u32, opts: &Options) -> Option<String> {
    if !opts.cache {
        return None;
    }
    std::fs::read_to_string(ocr_path(hash, page)?).ok()
}

/// Stores the OCR text of one page.
pub fn put_ocr(hash: &str, page: u32, text: &str, opts: &Options) {
    if opts.cache
        && let Some(p) = ocr_path(hash, page)
    {
        let _ = write_atomic(&p, text.as_bytes());
    }
}

/// Writes `bytes` to `path` through a random exclusive temp file in the same folder, then renames.
pub fn write_atomic(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let parent = path.parent().ok_or_else(|| std::io::Error::other("no parent folder"))?;
    std::fs::create_dir_all(parent)?;
    let mut tmp = tempfile::NamedTempFile::new_in(parent)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
