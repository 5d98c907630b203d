//! The cache of normalized documents and OCR'd pages: `$XDG_CACHE_HOME/strata` (else
//! `~/.cache/strata`), keyed by the input's content hash and the normalizer's version (a hash of
//! the reader and parser sources, made at build time), so a changed parser never serves stale
//! results. Files are written atomically (a random exclusive temp file, then rename); a cache that
//! cannot be written is skipped, never an error.
//!
//! JSON inputs of [`JSON_MIN_BYTES`] or more have a second cache, `json/`: the document in the
//! compact [`binary`] form, one entry per file path, holding the file's identity as last read
//! (size, device, inode, modification and change times), so an unchanged file is neither read nor
//! parsed, and a section can be decoded alone. An entry whose identity, version or checksum does
//! not match is ignored and rewritten; an entry is only written for a file last modified more than
//! two seconds before it was read, so a file changed within the same clock tick is read again.

pub mod binary;

use super::Options;
use crate::model::Document;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

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
    const HEX: &[u8; 16] = b"0123456789abcdef";
    h.finalize().iter().flat_map(|&b| [HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]]).map(char::from).collect()
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

/// JSON files smaller than this are parsed every time: their parse costs less than a cache entry.
pub const JSON_MIN_BYTES: u64 = 64 << 10;

/// Starts a binary entry; bumped whenever the [`binary`] layout changes.
const JSON_MAGIC: &[u8; 8] = b"STRATAB3";

/// What identifies a file's state without reading it, taken before it is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Identity([u64; 6]);

impl Identity {
    /// The identity of the regular file at `path` (following links), when it is one of at least
    /// [`JSON_MIN_BYTES`].
    pub fn of(path: &Path) -> Option<Identity> {
        let m = std::fs::metadata(path).ok().filter(|m| m.is_file() && m.len() >= JSON_MIN_BYTES)?;
        Some(Identity::from_metadata(&m))
    }

    /// The identity of a file from its metadata, whatever its size.
    pub fn from_metadata(m: &std::fs::Metadata) -> Identity {
        use std::os::unix::fs::MetadataExt;
        Identity([m.len(), m.dev(), m.ino(), m.mtime() as u64, m.mtime_nsec() as u64, m.ctime() as u64])
    }

    /// The identity as bytes (little-endian fields), to name or store it.
    pub fn to_bytes(&self) -> [u8; 48] {
        let mut b = [0; 48];
        for (chunk, n) in b.chunks_exact_mut(8).zip(self.0) {
            chunk.copy_from_slice(&n.to_le_bytes());
        }
        b
    }

    /// True when the file had not been modified for two seconds (by the clock now).
    pub fn settled(&self) -> bool {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        (self.0[3] as i64) < now as i64 - 2
    }
}

/// The entry of the file at `path` in the cache folder `dir`: one per absolute path, named by
/// the path's [`checksum`] (not SHA-256, whose first use probes the CPU's features: see
/// [`binary`]'s UTF-8 check). Two paths of one name would only take turns in it: an entry serves
/// only the file whose identity it holds.
fn json_path(dir: &Path, path: &Path) -> Option<PathBuf> {
    let abs = std::fs::canonicalize(path).ok()?;
    Some(dir.join("json").join(format!("{:016x}.bin", checksum(abs.as_os_str().as_encoded_bytes()))))
}

/// The fixed part of an entry before the document: magic, the version string's length and bytes,
/// the identity. The document's parts carry their own checksums, checked as they are decoded
/// ([`binary`]).
fn json_header(id: &Identity) -> Vec<u8> {
    let mut h = Vec::with_capacity(80 + NORMALIZER_VERSION.len());
    h.extend_from_slice(JSON_MAGIC);
    h.extend_from_slice(&(NORMALIZER_VERSION.len() as u32).to_le_bytes());
    h.extend_from_slice(NORMALIZER_VERSION.as_bytes());
    for n in id.0 {
        h.extend_from_slice(&n.to_le_bytes());
    }
    h
}

/// A cache entry of a JSON file, mapped and checked; [`JsonEntry::document`] decodes it.
pub struct JsonEntry {
    /// The entry file mapped, not read: the decoded strings are the only copies made, and a
    /// process comparing two documents zeroes no heap pages for a megabyte buffer each.
    bytes: memmap2::Mmap,
    body: usize,
}

impl JsonEntry {
    /// The cached entry of the JSON file at `path` whose identity is `id`, when there is one that
    /// matches it and is whole.
    pub fn get(path: &Path, id: &Identity, opts: &Options) -> Option<JsonEntry> {
        if !opts.cache || id.0[0] > opts.max_bytes {
            return None;
        }
        JsonEntry::get_in(&dir()?, path, id)
    }

    /// [`JsonEntry::get`] in the cache folder `dir`, whatever the options.
    pub fn get_in(dir: &Path, path: &Path, id: &Identity) -> Option<JsonEntry> {
        let file = std::fs::File::open(json_path(dir, path)?).ok()?;
        // SAFETY: entries are written to a temporary and renamed into place, never changed in
        // place, so the mapped file stays as it is while mapped.
        let bytes = unsafe { memmap2::Mmap::map(&file) }.ok()?;
        let want = json_header(id);
        let body = want.len();
        if bytes.get(..body)? != want.as_slice() {
            return None;
        }
        Some(JsonEntry { bytes, body })
    }

    /// The document with the parts `parts` asks for; `None` when the entry does not decode.
    pub fn document(&self, parts: binary::Parts<'_>) -> Option<Document> {
        binary::decode(&self.bytes[self.body..], parts)
    }

    /// The whole document, its texts borrowed from the entry's mapping instead of copied
    /// ([`binary::decode_static`]): the mapping is kept until the process exits (also when the
    /// entry does not decode, `None`), for a command that loads a few documents and exits.
    pub fn into_static_document(self) -> Option<Document> {
        let bytes: &'static memmap2::Mmap = Box::leak(Box::new(self.bytes));
        binary::decode_static(&bytes[self.body..], binary::Parts::ALL)
    }

    /// The document's [`binary::Outline`], without the head's details unless `details`, its texts
    /// to be borrowed from the entry's mapping ([`binary::outline_static`]): the mapping is kept
    /// until the process exits (also when the entry does not decode, `None`), as
    /// [`JsonEntry::into_static_document`] keeps it.
    pub fn into_static_outline(self, details: bool) -> Option<binary::Outline<'static>> {
        let bytes: &'static memmap2::Mmap = Box::leak(Box::new(self.bytes));
        binary::outline_static(&bytes[self.body..], details)
    }
}

/// The whole cached document of the JSON file at `path` (identity `id`), when there is one.
pub fn get_json(path: &Path, id: &Identity, opts: &Options) -> Option<Document> {
    JsonEntry::get(path, id, opts)?.document(binary::Parts::ALL)
}

/// Stores the document parsed from the JSON file at `path`, whose identity before it was read was
/// `id`; skipped for a file modified in the last two seconds.
pub fn put_json(path: &Path, id: &Identity, doc: &Document, opts: &Options) {
    if opts.cache
        && let Some(dir) = dir()
    {
        put_json_in(&dir, path, id, doc);
    }
}

/// [`put_json`] in the cache folder `dir`, whatever the options.
pub fn put_json_in(dir: &Path, path: &Path, id: &Identity, doc: &Document) {
    let Some(p) = json_path(dir, path).filter(|_| id.settled()) else { return };
    let mut bytes = json_header(id);
    bytes.extend_from_slice(&binary::encode(doc));
    let _ = write_atomic(&p, &bytes);
}

/// A fast 64-bit checksum (four multiply-rotate lanes): it finds damage, it is no defence
/// against tampering (the cache folder is the user's own).
pub fn checksum(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut lanes = [K, K ^ 0x1234_5678, K.rotate_left(21), K.rotate_left(42)];
    let mut chunks = bytes.chunks_exact(32);
    for c in &mut chunks {
        for (i, lane) in lanes.iter_mut().enumerate() {
            let w = u64::from_le_bytes(c[i * 8..i * 8 + 8].try_into().expect("8 bytes"));
            *lane = (*lane ^ w).wrapping_mul(K).rotate_left(29);
        }
    }
    let mut tail = [0u8; 32];
    tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    let mut h = bytes.len() as u64;
    for (i, lane) in lanes.iter().enumerate() {
        let w = u64::from_le_bytes(tail[i * 8..i * 8 + 8].try_into().expect("8 bytes"));
        h = (h ^ (*lane ^ w).wrapping_mul(K)).wrapping_mul(K).rotate_left(31);
    }
    h
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A copy of a sample last modified an hour ago, its document, and a cache folder.
    fn setup(name: &str) -> (tempfile::TempDir, PathBuf, Document) {
        let dir = tempfile::tempdir().unwrap();
        let src = format!("{}/samples/{name}.json", env!("CARGO_MANIFEST_DIR"));
        let path = dir.path().join(format!("{name}.json"));
        std::fs::copy(&src, &path).unwrap();
        let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        std::fs::File::options().write(true).open(&path).unwrap().set_modified(hour_ago).unwrap();
        let doc = crate::load::parse(name, &std::fs::read_to_string(&path).unwrap()).unwrap();
        (dir, path, doc)
    }

    #[test]
    fn an_entry_serves_its_file_until_the_file_changes() {
        let (tmp, path, doc) = setup("tver");
        let cache = tmp.path().join("cache");
        let id = Identity::of(&path).unwrap();
        assert!(JsonEntry::get_in(&cache, &path, &id).is_none());
        put_json_in(&cache, &path, &id, &doc);
        let entry = JsonEntry::get_in(&cache, &path, &id).expect("written");
        assert_eq!(entry.document(binary::Parts::ALL).as_ref(), Some(&doc));
        // The file rewritten: a new identity, the old entry no longer answers.
        std::fs::write(&path, std::fs::read(&path).unwrap()).unwrap();
        let now = Identity::of(&path).unwrap();
        assert_ne!(now, id);
        assert!(JsonEntry::get_in(&cache, &path, &now).is_none());
        // Modified just now: not cached until it has settled.
        put_json_in(&cache, &path, &now, &doc);
        assert!(JsonEntry::get_in(&cache, &path, &now).is_none());
    }

    #[test]
    fn a_damaged_entry_is_refused_and_rewritten() {
        let (tmp, path, doc) = setup("astrakhan");
        let cache = tmp.path().join("cache");
        let id = Identity::of(&path).unwrap();
        put_json_in(&cache, &path, &id, &doc);
        let entry = json_path(&cache, &path).unwrap();
        let good = std::fs::read(&entry).unwrap();
        for at in [3, 20, good.len() / 3, good.len() - 5] {
            let mut bad = good.clone();
            bad[at] ^= 0x10;
            std::fs::write(&entry, &bad).unwrap();
            let decoded = JsonEntry::get_in(&cache, &path, &id).and_then(|e| e.document(binary::Parts::ALL));
            assert!(decoded.is_none(), "damage at {at}");
        }
        std::fs::write(&entry, &good[..good.len() - 1]).unwrap();
        assert!(JsonEntry::get_in(&cache, &path, &id).and_then(|e| e.document(binary::Parts::ALL)).is_none());
        put_json_in(&cache, &path, &id, &doc);
        assert_eq!(std::fs::read(&entry).unwrap(), good);
        // No temporary files are left beside the entries.
        assert_eq!(std::fs::read_dir(entry.parent().unwrap()).unwrap().count(), 1);
    }
}
