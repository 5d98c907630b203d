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

use super::BodyFilter;
use super::index::{DocInfo, Field, Index, Item, SectionInfo};
use crate::load::{LoadError, load_file};
use sha2::{Digest, Sha256};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Bumped whenever the stored layout or the folding of indexed text changes.
const FORMAT: &str = "i4";

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

    /// The index of one file: from the cache when its content was indexed before (only the body
    /// items `filter` admits), else read, indexed and stored (all items). Returns whether it came
    /// from the cache.
    pub fn index_file(&self, path: &Path, filter: &BodyFilter) -> Result<(Index, bool), LoadError> {
        let meta = std::fs::metadata(path).ok();
        let stamp = meta.as_ref().map(|m| self.dir.join(format!("{}.stamp", stamp_name(path, m))));
        // The content hash, from the stamp when the file is unchanged since.
        let known = stamp.as_ref().and_then(|s| std::fs::read_to_string(s).ok()).filter(|h| is_hex64(h.trim()));
        if let Some(hash) = &known
            && let Some(ix) = self.read_entry(hash.trim(), filter)
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
        if let Some(ix) = self.read_entry(&hash, filter) {
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

    fn read_entry(&self, hash: &str, filter: &BodyFilter) -> Option<Index> {
        let file = std::fs::File::open(self.entry_path(hash)).ok()?;
        let size = file.metadata().ok()?.len();
        decode(&(file, size), filter)
    }

    /// Writes a cache file; a cache that cannot be written is simply not used.
    fn store(&self, path: &Path, bytes: &[u8]) {
        if std::fs::create_dir_all(&self.dir).is_ok() {
            let _ = crate::fsutil::write_atomic(path, bytes);
        }
    }
}

/// One file's index and whether it came from the cache, or why it could not be read.
type Part = Result<(Index, bool), LoadError>;

/// Indexes files and folders of JSON documents one file at a time (only one document per thread is
/// in memory at once besides the index), through the cache when given, on up to as many threads as
/// there are cores. Entries read from the cache hold only the body items `filter` admits; files
/// indexed afresh hold all. Bad files are collected as errors.
pub fn index_paths(paths: &[PathBuf], cache: Option<&Cache>, filter: &BodyFilter) -> Indexed {
    let (files, errors) = crate::load::expand(paths);
    let one = |f: &PathBuf| match cache {
        Some(c) => c.index_file(f, filter),
        None => load_file(f).map(|l| (Index::build(std::slice::from_ref(&l.doc)), false)),
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8).min(files.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    // Each thread takes the next file; the parts are put back in the order of the files.
    let mut parts: Vec<(usize, Part)> = std::thread::scope(|sc| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                sc.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(f) = files.get(i) else { break done };
                        done.push((i, one(f)));
                    }
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().expect("index thread")).collect()
    });
    parts.sort_unstable_by_key(|p| p.0);
    let mut out = Indexed { errors, ..Indexed::default() };
    for (i, part) in parts {
        match part {
            Ok((ix, cached)) => {
                out.cached += usize::from(cached);
                out.origins.push(files[i].display().to_string());
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

/// The title reference of an item whose title is its text.
const SAME_AS_TEXT: u32 = u32::MAX;

/// Serializes a one-document index. After the documents and sections come a table of items (field
/// tag, record offset, folded-text offset), every item's folded text back to back, and the items'
/// records: so a search reads the folded texts, finds which items may match
/// ([`BodyFilter`]), and decodes only those records.
fn encode<'a>(ix: &'a Index) -> Vec<u8> {
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
    // Keys and titles repeat over a section's items: each is stored once, records refer to it.
    let mut strings: crate::compare::norm::FxMap<&'a str, u32> = crate::compare::norm::FxMap::default();
    let mut table: Vec<&'a str> = Vec::new();
    let mut refs: Vec<(u32, u32)> = Vec::with_capacity(ix.items.len());
    for it in &ix.items {
        let mut string = |s: &'a str| -> u32 {
            *strings.entry(s).or_insert_with(|| {
                table.push(s);
                table.len() as u32 - 1
            })
        };
        let title = if it.title == it.text { SAME_AS_TEXT } else { string(&it.title) };
        refs.push((string(&it.key), title));
    }
    w.u32(table.len() as u32);
    for t in &table {
        w.str(t);
    }
    // Title records first (every search reads them), then body records (read only when admitted).
    let (mut titles, mut bodies) = (Writer(Vec::new()), Writer(Vec::new()));
    let mut folded = 0usize;
    w.u32(ix.items.len() as u32);
    for (k, it) in ix.items.iter().enumerate() {
        let (tag, n) = field_tag(it.field);
        w.0.push(tag);
        let records = if it.field.is_title() { &mut titles } else { &mut bodies };
        w.u32(records.0.len() as u32);
        w.u32(folded as u32);
        folded += it.folded.len();
        records.u32(it.doc as u32);
        records.opt_u32(it.section);
        records.u32(n as u32);
        records.u32(refs[k].0);
        records.u32(refs[k].1);
        records.str(&it.text);
        records.opt_str(it.alt.as_deref());
        records.opt_str(it.ctx.as_deref());
    }
    w.u32(folded as u32);
    for it in &ix.items {
        w.0.extend_from_slice(it.folded.as_bytes());
    }
    w.u32(titles.0.len() as u32);
    w.0.extend_from_slice(&titles.0);
    let body_start = w.0.len() as u64;
    w.0.extend_from_slice(&bodies.0);
    w.0.extend_from_slice(&body_start.to_le_bytes());
    w.0
}

/// Reads a serialized index back, keeping the body items `filter` admits (every title), checking
/// every length, index and string read; `None` on anything amiss (the entry is then rebuilt).
fn decode(src: &dyn Source, filter: &BodyFilter) -> Option<Index> {
    let size = src.size();
    let footer = src.read_at(size.checked_sub(8)?, 8)?;
    let body_start = u64::from_le_bytes(footer.as_slice().try_into().ok()?);
    let body_len = (size - 8).checked_sub(body_start)? as usize;
    let head = src.read_at(0, usize::try_from(body_start).ok()?)?;
    let bytes = head.as_slice();
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
    let mut strings = Vec::new();
    for _ in 0..r.count()? {
        strings.push(r.str()?);
    }
    let string = |r: &mut Reader| strings.get(r.u32()? as usize).copied();
    let mut table = Vec::new();
    for _ in 0..r.count()? {
        table.push((r.take(1)?[0], r.u32()? as usize, r.u32()? as usize));
    }
    // Not checked as UTF-8 here: each decoded item's slice is (a needle found in it is UTF-8, so it
    // is found at character boundaries of valid text).
    let len = r.u32()? as usize;
    let blob = r.take(len)?;
    let len = r.u32()? as usize;
    let titles = r.take(len)?;
    if r.at != bytes.len() {
        return None;
    }
    // Folded texts: item k's is blob[starts[k]..starts[k + 1]], each a UTF-8 string.
    let mut starts: Vec<usize> = table.iter().map(|t| t.2).collect();
    starts.push(blob.len());
    if starts[0] != 0 || starts.windows(2).any(|w| w[0] > w[1]) {
        return None;
    }
    let keep = admitted(&table, &starts, blob, filter);
    let is_title = |tag: u8| field_from(tag, 0).is_none_or(Field::is_title);
    // Body records are consecutive in item order: each ends where the next one starts.
    let body: Vec<usize> = (0..table.len()).filter(|&k| !is_title(table[k].0)).collect();
    let mut spans: Vec<(usize, usize, usize)> = Vec::new();
    for (i, &k) in body.iter().enumerate() {
        let end = body.get(i + 1).map_or(body_len, |&n| table[n].1);
        if keep[k] {
            spans.push((k, table[k].1, end));
        }
    }
    let bodies = read_spans(src, body_start, &spans)?;
    let mut bodies = bodies.iter();
    for (k, &(tag, at, _)) in table.iter().enumerate() {
        if !keep[k] {
            continue;
        }
        let folded = simdutf8::basic::from_utf8(&blob[starts[k]..starts[k + 1]]).ok()?;
        let mut r = if is_title(tag) { Reader { b: titles, at } } else { Reader { b: bodies.next()?, at: 0 } };
        let doc = r.index(docs)?;
        let section = match r.opt_u32()? {
            Some(s) if (s as usize) < sections => Some(s as usize),
            Some(_) => return None,
            None => None,
        };
        let field = field_from(tag, r.u32()? as usize)?;
        let key = string(&mut r)?.to_string();
        let title = r.u32()?;
        let text = r.str()?;
        let title = if title == SAME_AS_TEXT { text } else { strings.get(title as usize)? }.to_string();
        // The matcher relies on the folded text having the display text's byte layout (checked
        // without branches, so that it runs on whole vectors of bytes).
        let continuation = |b: u8| u8::from(b & 0xC0 == 0x80);
        let same_layout = text.len() == folded.len()
            && text.bytes().zip(folded.bytes()).fold(0u8, |acc, (a, b)| acc | (continuation(a) ^ continuation(b))) == 0;
        if !same_layout {
            return None;
        }
        let (text, folded) = (text.to_string(), folded.to_string());
        let alt = r.opt_str()?.map(str::to_string);
        let ctx = r.opt_str()?.map(str::to_string);
        ix.items.push(Item { doc, section, field, key, title, text, folded, alt, ctx });
    }
    Some(ix)
}

/// Where an entry is read from: a file (read in parts) or bytes.
trait Source {
    fn size(&self) -> u64;
    /// `len` bytes from `offset`, all of them or `None`.
    fn read_at(&self, offset: u64, len: usize) -> Option<Vec<u8>>;
}

impl Source for &[u8] {
    fn size(&self) -> u64 {
        self.len() as u64
    }
    fn read_at(&self, offset: u64, len: usize) -> Option<Vec<u8>> {
        let start = usize::try_from(offset).ok()?;
        self.get(start..start.checked_add(len)?).map(<[u8]>::to_vec)
    }
}

impl Source for (std::fs::File, u64) {
    fn size(&self) -> u64 {
        self.1
    }
    fn read_at(&self, offset: u64, len: usize) -> Option<Vec<u8>> {
        use std::os::unix::fs::FileExt;
        let mut buf = vec![0; len];
        self.0.read_exact_at(&mut buf, offset).ok()?;
        Some(buf)
    }
}

/// Reads the records `spans` (item, start, end in the body region at `base`), ascending, in few
/// reads: neighbours less than a page apart are read together. One buffer per span, in order.
fn read_spans(src: &dyn Source, base: u64, spans: &[(usize, usize, usize)]) -> Option<Vec<Vec<u8>>> {
    const GAP: usize = 4096;
    let mut out = Vec::with_capacity(spans.len());
    let mut i = 0;
    while i < spans.len() {
        let (from, mut to, mut j) = (spans[i].1, spans[i].2, i + 1);
        while j < spans.len() && spans[j].1 <= to + GAP {
            to = to.max(spans[j].2);
            j += 1;
        }
        if to < from {
            return None;
        }
        let chunk = src.read_at(base + from as u64, to - from)?;
        for &(_, s, e) in &spans[i..j] {
            out.push(chunk.get(s.checked_sub(from)?..e.checked_sub(from)?)?.to_vec());
        }
        i = j;
    }
    Some(out)
}

/// Which items to decode: every title, and the body items `filter` admits, found by one SIMD
/// substring scan per needle over all folded texts at once (as `rg` scans a file), not item by item.
fn admitted(table: &[(u8, usize, usize)], starts: &[usize], blob: &[u8], filter: &BodyFilter) -> Vec<bool> {
    let title = |tag: u8| field_from(tag, 0).is_none_or(Field::is_title);
    let mut keep: Vec<bool> = table.iter().map(|t| title(t.0) || *filter == BodyFilter::All).collect();
    let BodyFilter::Containing(needles) = filter else { return keep };
    for needle in needles {
        let finder = memchr::memmem::Finder::new(needle.as_bytes());
        let mut at = 0;
        while let Some(p) = finder.find(&blob[at..]) {
            let pos = at + p;
            let k = starts.partition_point(|&s| s <= pos) - 1;
            let end = starts[k + 1];
            if pos + needle.len() <= end {
                keep[k] = true;
                at = end;
            } else {
                at = pos + 1;
            }
        }
    }
    keep
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
        simdutf8::basic::from_utf8(self.take(n)?).ok()
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
    use crate::search::{Options, Query, Scope, find_grouped};

    fn sample_index() -> Index {
        let docs: Vec<_> = crate::samples::BUNDLED.iter().map(|(n, j)| crate::load::parse(n, j).unwrap()).collect();
        Index::build(&docs)
    }

    #[test]
    fn entries_round_trip_and_damage_is_refused() {
        let (_, json) = crate::samples::BUNDLED[0];
        let doc = crate::load::parse("x", json).unwrap();
        let ix = Index::build(std::slice::from_ref(&doc));
        let bytes = encode(&ix);
        let back = decode(&bytes.as_slice(), &BodyFilter::All).expect("decodes");
        assert_eq!(back.items.len(), ix.items.len());
        assert!(back.items.iter().zip(&ix.items).all(|(a, b)| a.text == b.text && a.folded == b.folded));
        assert_eq!(back.sections.len(), ix.sections.len());
        for cut in [0, 7, 20, bytes.len() / 2, bytes.len() - 1] {
            assert!(decode(&&bytes[..cut], &BodyFilter::All).is_none(), "cut at {cut}");
        }
        let mut extra = bytes.clone();
        extra.push(0);
        assert!(decode(&extra.as_slice(), &BodyFilter::All).is_none());
    }

    /// Decoding only the items a query's filter admits finds the same results as the whole index,
    /// in every reading of the query, and leaves most body text unread for a rare word.
    #[test]
    fn filtered_entries_find_what_the_whole_index_finds() {
        let full = sample_index();
        let bytes = encode(&full);
        let queries = [
            "телемедицина",
            "ЕГИСЗ",
            "tubcp",
            "egisz",
            "цифровой профиль",
            "образование !дополнительн",
            "и",
            "'госуслуг",
            "^проект",
            "школ | больниц",
            "здрав",
            "цпг",
            "!области",
        ];
        for q in queries {
            for scope in [Scope::All, Scope::Text, Scope::Titles] {
                let query = Query::parse(q);
                let opts = Options { scope, limit: 40, ..Options::default() };
                let filter = BodyFilter::new(&query, &opts);
                let part = decode(&bytes.as_slice(), &filter).expect("decodes");
                let (a, b) = (find_grouped(&full, &query, &opts), find_grouped(&part, &query, &opts));
                let view = |o: &crate::search::Outcome| {
                    o.hits.iter().map(|h| (h.doc, h.key.clone(), h.snippet.text.clone(), h.score)).collect::<Vec<_>>()
                };
                assert_eq!(view(&a), view(&b), "{q} {scope:?}");
                assert_eq!((a.matched.len(), a.strong, a.shown_for), (b.matched.len(), b.strong, b.shown_for));
            }
        }
        let rare = Options::default();
        let filter = BodyFilter::new(&Query::parse("телемедицина"), &rare);
        assert!(decode(&bytes.as_slice(), &filter).unwrap().items.len() * 2 < full.items.len());
    }
}
