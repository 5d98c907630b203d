//! The on-disk index cache: each document's part of the [`Index`], stored under the SHA-256 of the
//! file's content, so `strata search` over many documents reads the small prepared index instead
//! of parsing every JSON file and folding every text again.
//!
//! Layout, in `$XDG_CACHE_HOME/strata/index/` (or `~/.cache/strata/index/`):
//! - `<sha256 of content>-<format>.idx`: one document's items, sections and names;
//! - `<hash of path, size, mtime, inode>.stamp`: the content hash of a file as last seen, so an
//!   unchanged file is not even read (as git's index does); a stamp is only written for a file
//!   last modified more than two seconds earlier, so a file changed in the same second is re-read.
//!
//! Files are written atomically ([`crate::fsutil::write_atomic`]: random exclusive temporary,
//! then rename). An entry that cannot be read or does not decode cleanly is ignored and rebuilt;
//! a cache that cannot be written is skipped. Nothing here changes what a search finds.

use super::index::{DocInfo, Field, Index, Item, SectionInfo};
use crate::load::{LoadError, load_file};
use sha2::{Digest, Sha256};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Bumped whenever the stored layout or the folding of indexed text changes.
const FORMAT: &str = "i1";

/// The folder of the index cache.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

/// An index over a set of files.
#[derive(Debug, Default)]
pub struct Indexed {
    /// The index; document `i` is `origins[i]`.
    pub index: Index,
    /// Where each indexed document came from (the file path as given).
    pub origins: Vec<String>,
    /// Files that could not be opened, with reasons.
    pub errors: Vec<LoadError>,
    /// How many documents came from the cache.
    pub cached: usize,
}

impl Cache {
    /// The cache in `dir` (created when first written).
    pub fn new(dir: PathBuf) -> Cache {
        Cache { dir }
    }

    /// The user's cache: `$XDG_CACHE_HOME/strata/index`, else `~/.cache/strata/index`; `None`
    /// without either variable.
    pub fn user() -> Option<Cache> {
        let base = match std::env::var_os("XDG_CACHE_HOME").filter(|v| !v.is_empty()) {
            Some(x) => PathBuf::from(x),
            None => PathBuf::from(std::env::var_os("HOME").filter(|v| !v.is_empty())?).join(".cache"),
        };
        Some(Cache::new(base.join("strata").join("index")))
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The index of one file: from the cache when its content was indexed before, else read,
    /// indexed and stored. Returns whether it came from the cache.
    pub fn index_file(&self, path: &Path) -> Result<(Index, bool), LoadError> {
        let meta = std::fs::metadata(path).ok();
        let stamp = meta.as_ref().map(|m| self.dir.join(format!("{}.stamp", stamp_name(path, m))));
        // The content hash, from the stamp when the file is unchanged since.
        let known = stamp.as_ref().and_then(|s| std::fs::read_to_string(s).ok()).filter(|h| is_hex64(h.trim()));
        if let Some(hash) = &known
            && let Some(ix) = self.read_entry(hash.trim())
        {
            return Ok((ix, true));
        }
        let bytes = crate::fsutil::read_input(path, crate::fsutil::MAX_INPUT_BYTES).map_err(|e| LoadError {
            origin: path.display().to_string(),
            position: None,
            message: e.to_string(),
        })?;
        let hash = hex(&Sha256::digest(&bytes));
        let settled = meta
            .as_ref()
            .and_then(|m| m.modified().ok())
            .is_some_and(|t| SystemTime::now().duration_since(t).is_ok_and(|age| age > Duration::from_secs(2)));
        if let Some(ix) = self.read_entry(&hash) {
            if settled && let Some(s) = &stamp {
                self.store(s, hash.as_bytes());
            }
            return Ok((ix, true));
        }
        drop(bytes);
        let loaded = load_file(path)?;
        let ix = Index::build(std::slice::from_ref(&loaded.doc));
        drop(loaded);
        self.store(&self.entry_path(&hash), &encode(&ix));
        if settled && let Some(s) = &stamp {
            self.store(s, hash.as_bytes());
        }
        Ok((ix, false))
    }

    fn entry_path(&self, hash: &str) -> PathBuf {
        self.dir.join(format!("{hash}-{FORMAT}.idx"))
    }

    fn read_entry(&self, hash: &str) -> Option<Index> {
        decode(&std::fs::read(self.entry_path(hash)).ok()?)
    }

    /// Writes a cache file; a cache that cannot be written is simply not used.
    fn store(&self, path: &Path, bytes: &[u8]) {
        if std::fs::create_dir_all(&self.dir).is_ok() {
            let _ = crate::fsutil::write_atomic(path, bytes);
        }
    }
}

/// Indexes files and folders of JSON documents one file at a time (only one document is in memory
/// at once besides the index), through the cache when given. Bad files are collected as errors.
pub fn index_paths(paths: &[PathBuf], cache: Option<&Cache>) -> Indexed {
    let (files, errors) = crate::load::expand(paths);
    let mut out = Indexed { errors, ..Indexed::default() };
    for f in files {
        let part = match cache {
            Some(c) => c.index_file(&f),
            None => load_file(&f).map(|l| (Index::build(std::slice::from_ref(&l.doc)), false)),
        };
        match part {
            Ok((ix, cached)) => {
                out.cached += usize::from(cached);
                out.origins.push(f.display().to_string());
                out.index.append(ix);
            }
            Err(e) => out.errors.push(e),
        }
    }
    out
}

fn is_hex64(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Names a file's stamp by what identifies its state without reading it.
fn stamp_name(path: &Path, m: &std::fs::Metadata) -> String {
    let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let mut h = Sha256::new();
    h.update(abs.as_os_str().as_encoded_bytes());
    for n in [m.len(), m.dev(), m.ino(), m.mtime() as u64, m.mtime_nsec() as u64, m.ctime() as u64] {
        h.update(n.to_le_bytes());
    }
    h.update(FORMAT.as_bytes());
    hex(&h.finalize()[..16])
}

const MAGIC: &[u8; 8] = b"STRATAIX";

/// Serializes a one-document index.
fn encode(ix: &Index) -> Vec<u8> {
    let mut w = Writer(Vec::with_capacity(ix.items.iter().map(|i| i.text.len() * 2 + 64).sum::<usize>() + 1024));
    w.0.extend_from_slice(MAGIC);
    w.str(FORMAT);
    w.u32(ix.docs.len() as u32);
    for d in &ix.docs {
        w.str(&d.region);
        w.str(&d.label);
    }
    w.u32(ix.sections.len() as u32);
    for s in &ix.sections {
        w.u32(s.doc as u32);
        w.str(&s.key);
        w.str(&s.title);
        w.opt_u32(s.parent);
        w.u32(s.path.len() as u32);
        for &p in &s.path {
            w.u32(p as u32);
        }
    }
    w.u32(ix.items.len() as u32);
    for it in &ix.items {
        w.u32(it.doc as u32);
        w.opt_u32(it.section);
        let (tag, n) = field_tag(it.field);
        w.0.push(tag);
        w.u32(n as u32);
        w.str(&it.key);
        w.str(&it.title);
        w.str(&it.text);
        w.str(&it.folded);
        w.opt_str(it.alt.as_deref());
        w.opt_str(it.ctx.as_deref());
    }
    w.0
}

/// Reads a serialized index back, checking every length, index and string; `None` on anything
/// amiss (the entry is then rebuilt).
fn decode(bytes: &[u8]) -> Option<Index> {
    let mut r = Reader { b: bytes, at: 0 };
    if r.take(MAGIC.len())? != MAGIC || r.str()? != FORMAT {
        return None;
    }
    let mut ix = Index::default();
    for _ in 0..r.count()? {
        ix.docs.push(DocInfo { region: r.str()?.to_string(), label: r.str()?.to_string() });
    }
    let docs = ix.docs.len();
    let n = r.count()?;
    for i in 0..n {
        let doc = r.index(docs)?;
        let key = r.str()?.to_string();
        let title = r.str()?.to_string();
        let parent = r.opt_u32()?.map(|p| p as usize);
        if parent.is_some_and(|p| p >= i) {
            return None;
        }
        let mut path = Vec::new();
        for _ in 0..r.count()? {
            path.push(r.u32()? as usize);
        }
        ix.sections.push(SectionInfo { doc, key, title, parent, path });
    }
    let sections = ix.sections.len();
    for _ in 0..r.count()? {
        let doc = r.index(docs)?;
        let section = match r.opt_u32()? {
            Some(s) if (s as usize) < sections => Some(s as usize),
            Some(_) => return None,
            None => None,
        };
        let field = field_from(r.take(1)?[0], r.u32()? as usize)?;
        let key = r.str()?.to_string();
        let title = r.str()?.to_string();
        let text = r.str()?;
        let folded = r.str()?;
        // The matcher relies on the folded text having the display text's byte layout.
        let same_layout = text.len() == folded.len()
            && text.bytes().zip(folded.bytes()).all(|(a, b)| (a & 0xC0 == 0x80) == (b & 0xC0 == 0x80));
        if !same_layout {
            return None;
        }
        let (text, folded) = (text.to_string(), folded.to_string());
        let alt = r.opt_str()?.map(str::to_string);
        let ctx = r.opt_str()?.map(str::to_string);
        ix.items.push(Item { doc, section, field, key, title, text, folded, alt, ctx });
    }
    (r.at == bytes.len()).then_some(ix)
}

fn field_tag(f: Field) -> (u8, usize) {
    match f {
        Field::SectionTitle => (0, 0),
        Field::Block(n) => (1, n),
        Field::ProjectName(n) => (2, n),
        Field::ProjectRow(n) => (3, n),
        Field::IndicatorName(n) => (4, n),
        Field::Glossary(n) => (5, n),
    }
}

fn field_from(tag: u8, n: usize) -> Option<Field> {
    Some(match tag {
        0 => Field::SectionTitle,
        1 => Field::Block(n),
        2 => Field::ProjectName(n),
        3 => Field::ProjectRow(n),
        4 => Field::IndicatorName(n),
        5 => Field::Glossary(n),
        _ => return None,
    })
}

struct Writer(Vec<u8>);

impl Writer {
    fn u32(&mut self, n: u32) {
        self.0.extend_from_slice(&n.to_le_bytes());
    }
    fn opt_u32(&mut self, n: Option<usize>) {
        self.u32(n.map_or(u32::MAX, |n| n as u32));
    }
    fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.0.extend_from_slice(s.as_bytes());
    }
    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => {
                self.0.push(1);
                self.str(s);
            }
            None => self.0.push(0),
        }
    }
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.b.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    /// A count of following records: each takes at least one byte, so a count larger than the rest
    /// of the input is corrupt (and is not used to reserve memory).
    fn count(&mut self) -> Option<usize> {
        let n = self.u32()? as usize;
        (n <= self.b.len() - self.at).then_some(n)
    }
    fn index(&mut self, len: usize) -> Option<usize> {
        let n = self.u32()? as usize;
        (n < len).then_some(n)
    }
    fn opt_u32(&mut self) -> Option<Option<u32>> {
        let n = self.u32()?;
        Some((n != u32::MAX).then_some(n))
    }
    fn str(&mut self) -> Option<&'a str> {
        let n = self.u32()? as usize;
        std::str::from_utf8(self.take(n)?).ok()
    }
    fn opt_str(&mut self) -> Option<Option<&'a str>> {
        match self.take(1)?[0] {
            0 => Some(None),
            1 => self.str().map(Some),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_round_trip_and_damage_is_refused() {
        let (_, json) = crate::samples::BUNDLED[0];
        let doc = crate::load::parse("x", json).unwrap();
        let ix = Index::build(std::slice::from_ref(&doc));
        let bytes = encode(&ix);
        let back = decode(&bytes).expect("decodes");
        assert_eq!(back.items.len(), ix.items.len());
        assert!(back.items.iter().zip(&ix.items).all(|(a, b)| a.text == b.text && a.folded == b.folded));
        assert_eq!(back.sections.len(), ix.sections.len());
        for cut in [0, 7, 20, bytes.len() / 2, bytes.len() - 1] {
            assert!(decode(&bytes[..cut]).is_none(), "cut at {cut}");
        }
        let mut extra = bytes.clone();
        extra.push(0);
        assert!(decode(&extra).is_none());
    }
}
