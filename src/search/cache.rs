//! The on-disk index cache: each document's part of the [`Index`], stored under the SHA-256 of the
//! file's content, so that `strata search` over many documents reads a few pages of a prepared
//! index per document instead of parsing every JSON file and folding every text again.
//!
//! Layout, in `$XDG_CACHE_HOME/strata/index/` (or `~/.cache/strata/index/`):
//! - `<sha256 of content>-<format>.idx`: one document's entry;
//! - `<hash of the file's identity>-<format>.stamp`: a symbolic link to the entry of the file's
//!   content as last seen, so that an unchanged file is neither read nor hashed (as git's index
//!   does): opening the link opens the entry. The identity and the rule of when it has settled
//!   are the JSON cache's ([`Identity`]: size, device, inode, modification and change times; a
//!   stamp is only made for a file last modified more than two seconds earlier, so a file changed
//!   in the same second is read again).
//!
//! An entry is memory-mapped and holds, each in its own region: the documents, sections and
//! shared strings; a table of items (field, where the item's record and folded text are); every
//! item's folded text back to back; the distinct words of the body items with the items each
//! occurs in, and a trigram index of those words; the items' records; and the title items with a
//! digest of what each is matched on (so that a search reads the table only for the items it
//! looks at).
//!
//! A search decides which items it can match before decoding any record ([`index_paths`]):
//! - a body item only matches through a literal occurrence of a term's folded stem
//!   ([`BodyFilter`]): a stem of word characters lies inside one word, so the items are those of
//!   the words that hold it, found in the word list (other stems are looked for in the folded
//!   texts);
//! - a title or name (also matched fuzzily) matches by its text, its key and the titles above it,
//!   which repeat across documents and versions: each distinct one is matched once, by the search
//!   engine itself ([`super::matching_any_reading`]), and the items of those that match are kept;
//! - the body items left are matched and scored on their mapped folded text
//!   (`BodyScorer`), and when more match than the search's hits can use, only the best
//!   are decoded (the others are counted: [`Indexed::undecoded_matches`]).
//!
//! Files are written atomically ([`crate::fsutil::write_atomic`]: random exclusive temporary,
//! then rename), so a mapped entry never changes under a search. An entry that cannot be read or
//! does not decode cleanly is rebuilt; a cache that cannot be written is skipped. Nothing here
//! changes what a search finds.

use super::index::{DocInfo, Field, Index, Item, SectionInfo, Store};
use super::{BodyFilter, BodyScorer, GROUP_SPAN, Options, Query, Scope};
use crate::compare::norm::FxMap;
use crate::load::{LoadError, load_file};
use crate::read::cache::Identity;
use crate::text::fold::is_word_char;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Bumped whenever the stored layout or the folding of indexed text changes.
const FORMAT: &str = "i8";

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
    /// Body items that match the query as typed and were left undecoded: more body items
    /// matched than a search's hits can use, and these rank below all of those (see
    /// [`index_paths`]). The search's count of matches is its `matched` and these.
    pub undecoded_matches: usize,
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

    /// One file's entry: through its stamp when the file is unchanged since, else from the entry
    /// of its content when that was indexed before, else read, indexed and stored. Returns
    /// whether it came from the cache.
    fn entry_of(&self, path: &Path) -> Result<(Part, bool), LoadError> {
        let id = std::fs::metadata(path).ok().map(|m| Identity::from_metadata(&m));
        let stamp = id.as_ref().map(|id| self.dir.join(format!("{}-{FORMAT}.stamp", stamp_name(id))));
        if let Some(e) = stamp.as_deref().and_then(Entry::open) {
            return Ok((Part::Entry(e), true));
        }
        let hash = content_hash(path)?;
        let stamp = stamp.filter(|_| id.is_some_and(|id| id.settled()));
        if let Some(e) = Entry::open(&self.entry_path(&hash)) {
            if let Some(s) = &stamp {
                self.link(s, &hash);
            }
            return Ok((Part::Entry(e), true));
        }
        Ok((self.build(path, &hash, stamp.as_deref())?, false))
    }

    /// Reads and indexes a file, stores its entry (replacing a damaged one) and its stamp.
    fn build(&self, path: &Path, hash: &str, stamp: Option<&Path>) -> Result<Part, LoadError> {
        let loaded = load_file(path)?;
        let ix = Index::build(std::slice::from_ref(&loaded.doc));
        drop(loaded);
        let bytes = encode(&ix);
        if self.store(&self.entry_path(hash), &bytes)
            && let Some(s) = stamp
        {
            self.link(s, hash);
        }
        Ok(match Entry::parse(Store::owned(bytes)) {
            Some(e) => Part::Entry(e),
            None => Part::Whole(Box::new(ix)),
        })
    }

    /// The index of a file whose entry turned out damaged: read and indexed again, the entry
    /// rewritten.
    fn rebuild(&self, path: &Path) -> Result<Index, LoadError> {
        let hash = content_hash(path)?;
        let loaded = load_file(path)?;
        let ix = Index::build(std::slice::from_ref(&loaded.doc));
        self.store(&self.entry_path(&hash), &encode(&ix));
        Ok(ix)
    }

    fn entry_path(&self, hash: &str) -> PathBuf {
        self.dir.join(format!("{hash}-{FORMAT}.idx"))
    }

    /// Writes a cache file; a cache that cannot be written is simply not used.
    fn store(&self, path: &Path, bytes: &[u8]) -> bool {
        std::fs::create_dir_all(&self.dir).is_ok() && crate::fsutil::write_atomic(path, bytes).is_ok()
    }

    /// Points a stamp at the entry of `hash` (a relative symbolic link, made under a random
    /// name and renamed into place).
    fn link(&self, stamp: &Path, hash: &str) {
        let target = format!("{hash}-{FORMAT}.idx");
        let made =
            tempfile::Builder::new().prefix(".stamp-").make_in(&self.dir, |p| std::os::unix::fs::symlink(&target, p));
        if let Ok(temp) = made {
            let _ = temp.persist(stamp);
        }
    }
}

/// A file as found: its entry, or (no cache, or an entry that could not be made) its whole index.
enum Part {
    Entry(Entry),
    Whole(Box<Index>),
}

/// Indexes files and folders of JSON documents for one search, through the cache when given: of
/// each document only the items `query` can match (in any of its readings, under `opts`) are
/// decoded, so a search over the result finds what it finds over the whole index (with at most
/// `opts.limit` hits, grouped or not; its count of matches is `matched` and
/// [`Indexed::undecoded_matches`]): body items are ranked on their mapped folded text and only
/// the best are decoded (see `Plan::load`). Files are opened on up to as many threads as there
/// are cores; bad files are collected as errors.
pub fn index_paths(paths: &[PathBuf], cache: Option<&Cache>, query: &Query, opts: &Options) -> Indexed {
    let (files, errors) = crate::load::expand(paths);
    let found = parallel(files.len(), |i| match cache {
        Some(c) => c.entry_of(&files[i]),
        None => {
            load_file(&files[i]).map(|l| (Part::Whole(Box::new(Index::build(std::slice::from_ref(&l.doc)))), false))
        }
    });
    let mut out = Indexed { errors, ..Indexed::default() };
    let mut parts = Vec::new();
    for (i, f) in found.into_iter().enumerate() {
        match f {
            Ok((part, cached)) => {
                out.cached += usize::from(cached);
                out.origins.push(files[i].display().to_string());
                parts.push((i, part));
            }
            Err(e) => out.errors.push(e),
        }
    }
    let plan = Plan::new(parts.iter().map(|p| &p.1), query, opts);
    let (decoded, undecoded) = plan.load(&parts.iter().map(|p| &p.1).collect::<Vec<_>>());
    out.undecoded_matches = undecoded;
    let indexes: Vec<Result<Index, LoadError>> = decoded
        .into_iter()
        .enumerate()
        .map(|(p, ix)| match ix {
            Some(ix) => Ok(ix),
            None => match cache {
                Some(c) => c.rebuild(&files[parts[p].0]),
                None => unreachable!("entries come from the cache"),
            },
        })
        .collect();
    let mut failed = Vec::new();
    let size = |f: fn(&Index) -> usize| indexes.iter().flatten().map(f).sum::<usize>();
    let (docs, sections, items) = (size(|ix| ix.docs.len()), size(|ix| ix.sections.len()), size(|ix| ix.items.len()));
    out.index.docs.reserve_exact(docs);
    out.index.sections.reserve_exact(sections);
    out.index.items.reserve_exact(items);
    for ((_, part), ix) in parts.into_iter().zip(indexes) {
        match (part, ix) {
            (Part::Whole(ix), _) => out.index.append(*ix),
            (_, Ok(ix)) => out.index.append(ix),
            (_, Err(e)) => failed.push(e),
        }
    }
    if !failed.is_empty() {
        // A file that vanished between being opened and being read again: not searched.
        let gone: Vec<String> = failed.iter().map(|e| e.origin.clone()).collect();
        out.origins.retain(|o| !gone.contains(o));
        out.errors.extend(failed);
    }
    out
}

/// Runs `f(0..n)` on up to as many threads as there are cores (at most 8), each taking the next
/// index; the results in index order.
fn parallel<R: Send>(n: usize, f: impl Fn(usize) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8).min(n);
    if threads <= 1 {
        return (0..n).map(f).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut done: Vec<(usize, R)> = std::thread::scope(|sc| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                sc.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        if i >= n {
                            break done;
                        }
                        done.push((i, f(i)));
                    }
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().expect("index thread")).collect()
    });
    done.sort_unstable_by_key(|d| d.0);
    done.into_iter().map(|d| d.1).collect()
}

/// A [`BodyFilter`] prepared for the entries: substring searchers built once.
enum Bodies {
    All,
    Nothing,
    Containing {
        /// For each group, each string's longest run of word characters (looked up in the word
        /// list; `None` when it has none) and the string itself; the first group is the most
        /// selective.
        runs: Vec<Vec<(Option<Run>, Finder)>>,
        /// Every group (the first too): an item is kept when its folded text holds one string
        /// of each.
        groups: Vec<Vec<Finder>>,
        /// The groups whose every term is anchored at the start (`^word`, `^word$`): the item's
        /// folded text must also start with one of their strings.
        anchored: Vec<Vec<String>>,
    },
}

type Finder = memchr::memmem::Finder<'static>;

/// A run of word characters looked up among an entry's words: its searcher, and the hashes of its
/// character trigrams (none when it has fewer than three characters: it is then looked for by a
/// scan of the whole word list).
struct Run {
    finder: Finder,
    grams: Vec<u32>,
}

impl Run {
    fn new(run: &str) -> Run {
        let mut grams = Vec::new();
        trigrams(run, |h| grams.push(h));
        grams.sort_unstable();
        grams.dedup();
        Run { finder: finder(run), grams }
    }
}

/// Calls `f` with the hash of each character trigram of `word` (three consecutive characters),
/// in order: what the trigram index of an entry's words is keyed by ([`GRAM_OFFS`]).
fn trigrams(word: &str, mut f: impl FnMut(u32)) {
    let mut at = [0usize; 4];
    let mut n = 0;
    for (i, _) in word.char_indices().chain(std::iter::once((word.len(), ' '))) {
        at.rotate_left(1);
        at[3] = i;
        n += 1;
        if n >= 4 {
            f(gram_hash(&word.as_bytes()[at[0]..at[3]]));
        }
    }
}

/// FNV-1a (32 bits) of a trigram's bytes, fixed here so that stored entries keep their meaning.
fn gram_hash(b: &[u8]) -> u32 {
    b.iter().fold(0x811c_9dc5u32, |h, &x| (h ^ u32::from(x)).wrapping_mul(0x0100_0193))
}

/// The bucket of a trigram hash among `1 << bits` buckets (the hash's top bits after a
/// multiplicative mix, so that every bit of it counts).
fn gram_bucket(h: u32, bits: u32) -> usize {
    (h.wrapping_mul(0x9E37_79B1) >> (32 - bits)) as usize
}

/// A substring searcher for folded Russian text: its prefilter looks for the two bytes of the
/// needle that are rarest in such text ([`RussianRank`]), not in the English text and binaries
/// memchr's own table is drawn from (which takes «р» and «т», among the commonest letters of
/// Russian, for rare bytes, and so stops at nearly every word of a Russian text).
pub(crate) fn finder(s: &str) -> Finder {
    memchr::memmem::FinderBuilder::new().build_forward_with_ranker_owned(RussianRank, s.as_bytes())
}

/// How common each byte is in folded Russian text (UTF-8), 0 (rare) to 255: the lead bytes of
/// Cyrillic letters (0xD0, 0xD1) are in nearly every pair of bytes; a continuation byte is as
/// common as the lower-case letter it ends (Russian letter frequencies, о 11% to ъ 0.04%); ASCII
/// letters are rare, spaces and punctuation common.
struct RussianRank;

/// Per mille frequencies of the lower-case letters а..п (0xD0 0xB0..0xBF) and р..я (0xD1
/// 0x80..0x8F) in Russian text.
const LETTERS_A_P: [u8; 16] = [80, 16, 45, 17, 30, 85, 9, 17, 74, 12, 35, 44, 32, 67, 110, 28];
const LETTERS_R_YA: [u8; 16] = [47, 55, 63, 26, 3, 10, 5, 14, 7, 4, 1, 19, 17, 3, 6, 20];

const RANK: [u8; 256] = {
    let mut t = [20u8; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = match b as u8 {
            b' ' | b'\n' => 255,
            b',' | b'.' | b'-' | b'(' | b')' | b':' | b';' | b'"' => 200,
            b'0'..=b'9' => 120,
            b'a'..=b'z' | b'A'..=b'Z' => 40,
            0..=31 => 10,
            _ => 80,
        };
        b += 1;
    }
    // Upper-case letters (0xD0 0x90..0xAF) start sentences and names: far rarer than lower case.
    let mut i = 0x90;
    while i < 0xB0 {
        t[i] = 30;
        i += 1;
    }
    let mut i = 0;
    while i < 16 {
        t[0xB0 + i] = 10 + LETTERS_A_P[i] * 2;
        t[0x80 + i] = 10 + LETTERS_R_YA[i] * 2;
        i += 1;
    }
    // « » (0xC2 0xAB / 0xBB) and the dash, quotes and № (0xE2 0x80 ..., 0xE2 0x84 0x96).
    t[0xAB] = 120;
    t[0xC2] = 150;
    t[0xE2] = 150;
    t[0xD0] = 255;
    t[0xD1] = 255;
    t
};

impl memchr::arch::all::packedpair::HeuristicFrequencyRank for RussianRank {
    fn rank(&self, byte: u8) -> u8 {
        RANK[usize::from(byte)]
    }
}

impl Bodies {
    fn new(filter: &BodyFilter, query: &Query) -> Bodies {
        match filter {
            BodyFilter::All => Bodies::All,
            BodyFilter::Nothing => Bodies::Nothing,
            BodyFilter::Containing(groups) if groups.is_empty() => Bodies::All,
            BodyFilter::Containing(groups) => Bodies::Containing {
                runs: groups
                    .iter()
                    .map(|g| {
                        g.iter()
                            .map(|s| {
                                let run = s.split(|c: char| !is_word_char(c)).max_by_key(|r| r.len());
                                (run.filter(|r| !r.is_empty()).map(Run::new), finder(s))
                            })
                            .collect()
                    })
                    .collect(),
                groups: groups.iter().map(|g| g.iter().map(|s| finder(s)).collect()).collect(),
                anchored: groups.iter().filter(|g| anchored(g, query)).cloned().collect(),
            },
        }
    }
}

/// Whether a group of the filter (the stems of one query group in every reading, see
/// [`BodyFilter::new`]) can only match at the start of a text: it is the group of exactly one
/// group of the query, and every term there is positive and anchored at the start (`^word`,
/// `^word$`; the other readings keep the kinds). Such a term matches a body text only where its
/// folded form, which begins with its stem, starts the folded text.
fn anchored(group: &[String], query: &Query) -> bool {
    use super::query::TermKind;
    let mut of = query.groups.iter().filter(|g| g.iter().all(|t| group.contains(&t.stem)));
    match (of.next(), of.next()) {
        (Some(g), None) => {
            !g.is_empty() && g.iter().all(|t| !t.negated && matches!(t.kind, TermKind::Prefix | TermKind::Equal))
        }
        _ => false,
    }
}

/// Which items of each entry a search can match.
struct Plan<'q> {
    body: Bodies,
    /// Scores body items on their folded text, when that is all their score needs.
    scorer: Option<BodyScorer<'q>>,
    /// How many of the best matches a search's hits can use (see [`Plan::load`]).
    keep: usize,
    /// Whether titles are searched at all.
    titles: bool,
    /// Per entry (by position among the parts): each title item's class of what it is matched on.
    classes: Vec<Vec<(u32, u32)>>,
    /// Per class: whether it matches the query in some reading.
    matching: Vec<bool>,
}

/// What a search loads of one entry: the items marked, and of the body items marked, those that
/// match the query as typed with their scores and those that do not (when the plan scores them).
struct Admitted {
    keep: Vec<bool>,
    scored: Vec<(i64, u32)>,
    unmatched: Vec<u32>,
}

impl<'q> Plan<'q> {
    /// Classes the title items of all entries by what they are matched on (their digest), and
    /// matches one item of each class with the search engine.
    fn new<'a>(parts: impl Iterator<Item = &'a Part>, query: &'q Query, opts: &Options) -> Plan<'q> {
        let titles = opts.scope != Scope::Text;
        let mut first: FxMap<[u8; DIGEST], u32> = FxMap::default();
        let mut mini = Index::default();
        mini.docs.push(DocInfo { region: String::new(), label: String::new() });
        let mut classes = Vec::new();
        for part in parts {
            let mut mine = Vec::new();
            if let (Part::Entry(e), true) = (part, titles) {
                for t in 0..e.titles {
                    let (k, digest) = e.title(t);
                    let class = match first.get(&digest) {
                        Some(&c) => c,
                        None => {
                            // An item that does not decode joins no class, and is kept (the entry
                            // is then found damaged when decoded).
                            let Some(it) = e.matched_on(k as usize) else {
                                mine.push((k, u32::MAX));
                                continue;
                            };
                            mini.items.push(it);
                            first.insert(digest, mini.items.len() as u32 - 1);
                            mini.items.len() as u32 - 1
                        }
                    };
                    mine.push((k, class));
                }
            }
            classes.push(mine);
        }
        let mut matching = vec![false; mini.items.len()];
        if titles && !mini.items.is_empty() {
            let opts = Options { scope: Scope::Titles, limit: 1, doc: None, ..*opts };
            for id in super::matching_any_reading(&mini, query, &opts) {
                matching[id] = true;
            }
        }
        Plan {
            body: Bodies::new(&BodyFilter::new(query, opts), query),
            scorer: BodyScorer::new(query, opts),
            // Grouping versions looks at this many of the best matches (the most any search does).
            keep: opts.limit.saturating_mul(GROUP_SPAN),
            titles,
            classes,
            matching,
        }
    }

    /// The items of entry `p` the search can match, the body items among them scored; `None`
    /// when the entry is damaged.
    fn admit(&self, p: usize, e: &Entry) -> Option<Admitted> {
        let mut a = Admitted { keep: vec![false; e.items], scored: Vec::new(), unmatched: Vec::new() };
        if self.titles {
            for &(k, class) in &self.classes[p] {
                a.keep[k as usize] = self.matching.get(class as usize).is_none_or(|&m| m);
            }
        }
        e.admit_bodies(&self.body, self.scorer.as_ref(), &mut a)?;
        Some(a)
    }

    /// The index of each entry holding only the items the search can match and use (`None` for
    /// an entry found damaged), and how many matching body items were left out.
    ///
    /// When more body items match the query as typed than a search's hits can use (`keep`: the
    /// best matches it looks at), only the best `keep` of them are decoded, by score and then
    /// place, as the search orders matches: every other one ranks below them, so below every
    /// match the search looks at. Body matches are never fuzzy, so the search then has far more
    /// strong matches than it needs to keep the query as typed, and the body items that do not
    /// match it (kept for the other readings) are left out too. Otherwise every item admitted is
    /// decoded.
    fn load(&self, parts: &[&Part]) -> (Vec<Option<Index>>, usize) {
        let mut admitted = parallel(parts.len(), |p| match parts[p] {
            Part::Entry(e) => self.admit(p, e),
            Part::Whole(_) => Some(Admitted { keep: Vec::new(), scored: Vec::new(), unmatched: Vec::new() }),
        });
        let mut all: Vec<(i64, u32, u32)> = admitted
            .iter()
            .enumerate()
            .flat_map(|(p, a)| a.iter().flat_map(move |a| a.scored.iter().map(move |&(s, k)| (s, p as u32, k))))
            .collect();
        let order = |a: &(i64, u32, u32), b: &(i64, u32, u32)| b.0.cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2)));
        // Per entry, how many of its body matches are left undecoded.
        let mut left = vec![0; parts.len()];
        if all.len() > self.keep && self.keep > 0 {
            let (_, &mut last, _) = all.select_nth_unstable_by(self.keep - 1, order);
            for (p, a) in admitted.iter_mut().enumerate() {
                let Some(a) = a else { continue };
                for &k in &a.unmatched {
                    a.keep[k as usize] = false;
                }
                for &(s, k) in &a.scored {
                    if order(&(s, p as u32, k), &last).is_gt() {
                        a.keep[k as usize] = false;
                        left[p] += 1;
                    }
                }
            }
        }
        let decoded = parallel(parts.len(), |p| match (parts[p], &admitted[p]) {
            (Part::Entry(e), Some(a)) => e.decode(&a.keep),
            (Part::Entry(_), None) => None,
            (Part::Whole(_), _) => Some(Index::default()),
        });
        // An entry found damaged is read again whole: its matches are all decoded then.
        let undecoded = decoded.iter().zip(&left).filter(|(d, _)| d.is_some()).map(|(_, n)| n).sum();
        (decoded, undecoded)
    }
}

/// The SHA-256 of a file's content, in hex.
fn content_hash(path: &Path) -> Result<String, LoadError> {
    let bytes = crate::fsutil::read_input(path, crate::fsutil::MAX_INPUT_BYTES).map_err(|e| LoadError {
        origin: path.display().to_string(),
        position: None,
        message: e.to_string(),
    })?;
    Ok(crate::read::cache::content_hash(&bytes))
}

/// Names a file's stamp by what identifies its state without reading it, by the rule the JSON
/// cache uses too ([`Identity`]: which file, its size, the times of its last change).
fn stamp_name(id: &Identity) -> String {
    // The first 16 bytes of the identity's SHA-256, in hex.
    let mut name = crate::read::cache::content_hash(&id.to_bytes());
    name.truncate(32);
    name
}

const MAGIC: &[u8; 8] = b"STRATAIX";

/// The title reference of an item whose title is its text.
const SAME_AS_TEXT: u32 = u32::MAX;

/// Bytes of a title's digest (of its text, key and the titles above it).
const DIGEST: usize = 16;

/// Bytes of an item's row in the table: field tag and number, record start and end, folded-text
/// start (`u32` each).
const ROW: usize = 20;

/// Bytes of a title item's entry in [`TITLES`]: the item (`u32`), the digest.
const TITLE: usize = 4 + DIGEST;

/// The regions of an entry, in the order they are stored: what every search reads of an entry
/// (the title items, the trigram buckets) first, then what it reads in part, the bulk of the
/// texts last, so that the few pages a search touches are near each other (the kernel maps
/// 16 neighbouring pages of a mapped file on each fault, and the cost is per page mapped).
///
/// The title items, in order, each with the digest of what it is matched on ([`TITLE`] bytes).
const TITLES: usize = 0;
/// The trigram index of the body words: a power of two of buckets, each the start of its list in
/// [`GRAM_IDS`] (`u32`, and one more for the end); a word of three or more characters is in the
/// list of the bucket of each of its character trigrams' hashes ([`trigrams`], [`gram_bucket`]),
/// once, lists sorted by word.
const GRAM_OFFS: usize = 1;
const TABLE: usize = 2;
const HEAD: usize = 3;
const WORD_STARTS: usize = 4;
const WORD_OFFS: usize = 5;
/// The words of each trigram bucket (`u32` each).
const GRAM_IDS: usize = 6;
const WORD_IDS: usize = 7;
const WORDS: usize = 8;
const FOLDED: usize = 9;
const RECORDS: usize = 10;
const REGIONS: usize = 11;

/// An item record starts with its document, section, key and title (`u32` each); what follows
/// (text, key, titles above) is what a title is matched on.
const RECORD_HEAD: usize = 16;

/// One document's entry, its regions checked to lie inside it.
struct Entry {
    /// Mapped from the cache, or just made; the decoded items' texts point into it.
    bytes: Arc<Store>,
    regions: [(usize, usize); REGIONS],
    /// Number of items.
    items: usize,
    /// Number of distinct body words.
    words: usize,
    /// Number of title items.
    titles: usize,
}

/// An item's row in the table.
struct Row {
    tag: u8,
    n: u32,
    rec: usize,
    end: usize,
    folded: usize,
}

impl Entry {
    /// Maps an entry file; `None` when it is missing or its layout is not this format's.
    fn open(path: &Path) -> Option<Entry> {
        let file = std::fs::File::open(path).ok()?;
        // SAFETY: entries are written to a temporary and renamed into place, never changed in
        // place, so the mapped file stays as it is while mapped.
        let map = unsafe { memmap2::Mmap::map(&file) }.ok()?;
        Entry::parse(Store::map(map))
    }

    /// Checks the header and that the regions tile the entry.
    fn parse(bytes: Store) -> Option<Entry> {
        let mut r = Reader { b: &bytes, at: 0 };
        if r.take(MAGIC.len())? != MAGIC || r.str()? != FORMAT {
            return None;
        }
        let mut regions = [(0, 0); REGIONS];
        let mut at = r.at + REGIONS * 16;
        for reg in &mut regions {
            let (start, len) = (usize::try_from(r.u64()?).ok()?, usize::try_from(r.u64()?).ok()?);
            if start != at {
                return None;
            }
            at = start.checked_add(len)?;
            *reg = (start, at);
        }
        let len = |k: usize| regions[k].1 - regions[k].0;
        let starts = len(WORD_STARTS);
        if at != bytes.len() || len(TABLE) % ROW != 0 || starts % 4 != 0 || starts == 0 || len(WORD_OFFS) != starts {
            return None;
        }
        let buckets = (len(GRAM_OFFS) / 4).checked_sub(1)?;
        if len(GRAM_OFFS) % 4 != 0 || !buckets.is_power_of_two() || buckets < 2 || len(GRAM_IDS) % 4 != 0 {
            return None;
        }
        let (items, words) = (len(TABLE) / ROW, starts / 4 - 1);
        if len(TITLES) % TITLE != 0 {
            return None;
        }
        let titles = len(TITLES) / TITLE;
        let mut entry = Entry { bytes: Arc::new(bytes), regions, items, words, titles: 0 };
        // The title items are in order, each an item of the table.
        let mut last = None;
        for t in 0..titles {
            let k = entry.title(t).0;
            if (k as usize) >= items || last.is_some_and(|l| l >= k) {
                return None;
            }
            last = Some(k);
        }
        entry.titles = titles;
        Some(entry)
    }

    /// The `t`-th title item and the digest of what it is matched on (`t` below the number of
    /// title items).
    fn title(&self, t: usize) -> (u32, [u8; DIGEST]) {
        let b = &self.region(TITLES)[t * TITLE..(t + 1) * TITLE];
        (u32::from_le_bytes(b[..4].try_into().expect("4 bytes")), b[4..].try_into().expect("a digest"))
    }

    fn region(&self, k: usize) -> &[u8] {
        &self.bytes[self.regions[k].0..self.regions[k].1]
    }

    /// The `i`-th `u32` of a region.
    fn u32_in(&self, k: usize, i: usize) -> Option<u32> {
        let b = self.region(k).get(i.checked_mul(4)?..i.checked_mul(4)? + 4)?;
        Some(u32::from_le_bytes(b.try_into().ok()?))
    }

    fn row(&self, k: usize) -> Option<Row> {
        let mut r = Reader { b: self.region(TABLE).get(k * ROW..(k + 1) * ROW)?, at: 0 };
        let tag = u8::try_from(r.u32()?).ok()?;
        let (n, rec, end, folded) = (r.u32()?, r.u32()? as usize, r.u32()? as usize, r.u32()? as usize);
        Some(Row { tag, n, rec, end, folded })
    }

    /// Item `k`'s folded text, unchecked.
    fn folded_bytes(&self, k: usize, row: &Row) -> Option<&[u8]> {
        let end = if k + 1 < self.items { self.row(k + 1)?.folded } else { self.region(FOLDED).len() };
        self.region(FOLDED).get(row.folded..end)
    }

    /// Item `k`'s folded text, checked to be UTF-8 with the display text's byte layout.
    fn folded<'a>(&'a self, k: usize, row: &Row, text: &str) -> Option<&'a str> {
        let folded = simdutf8::basic::from_utf8(self.folded_bytes(k, row)?).ok()?;
        // The matcher relies on the folded text having the display text's byte layout (checked
        // without branches, so that it runs on whole vectors of bytes).
        let continuation = |b: u8| u8::from(b & 0xC0 == 0x80);
        let same_layout = text.len() == folded.len()
            && text.bytes().zip(folded.bytes()).fold(0u8, |acc, (a, b)| acc | (continuation(a) ^ continuation(b))) == 0;
        same_layout.then_some(folded)
    }

    /// What title item `k` is matched on (its text, key and the titles above it), as an item of
    /// the first document and no section.
    fn matched_on(&self, k: usize) -> Option<Item> {
        let row = self.row(k)?;
        let mut r = Reader { b: self.region(RECORDS).get(row.rec..row.end)?, at: RECORD_HEAD };
        let field = field_from(row.tag, row.n as usize)?;
        let (text, alt, ctx) = (r.str()?, r.opt_str()?, r.opt_str()?);
        // The folded text is checked, though the item folds its text itself.
        self.folded(k, &row, text)?;
        let none = &text[..0];
        Some(Item::within(&self.bytes, 0, None, field, [none, none, text], alt, ctx))
    }

    /// Marks in `a.keep` the body items `filter` admits, and with a `scorer` lists those that
    /// match the query as typed with their scores and those that do not; `None` when the entry is
    /// damaged. The items holding a string of the most selective group are found in the word
    /// list, and kept only when the word list has them for every other group too (groups whose
    /// strings all have a run of three or more characters, looked up in the trigram index); then
    /// only those items' folded texts are checked.
    fn admit_bodies(&self, filter: &Bodies, scorer: Option<&BodyScorer>, a: &mut Admitted) -> Option<()> {
        // Body item `k` when its folded text passes `passes`: an item that matches the query as
        // typed holds a stem of every group of the filter (a body item matches only through a
        // literal occurrence of a stem, see `BodyFilter`), so it is not checked again.
        let mut admit = |k: usize, passes: &dyn Fn(&[u8]) -> bool| -> Option<()> {
            let row = self.row(k)?;
            if is_title_tag(row.tag) {
                return Some(());
            }
            let Some(scorer) = scorer else {
                a.keep[k] |= passes(self.folded_bytes(k, &row)?);
                return Some(());
            };
            let folded = self.folded_bytes(k, &row)?;
            match scorer.score(field_from(row.tag, row.n as usize)?, utf8(folded)?) {
                Some(score) => a.scored.push((score, k as u32)),
                None if passes(folded) => a.unmatched.push(k as u32),
                None => return Some(()),
            }
            a.keep[k] = true;
            Some(())
        };
        let (runs, groups, anchored) = match filter {
            Bodies::Nothing => return Some(()),
            Bodies::All => {
                for k in 0..self.items {
                    admit(k, &|_| true)?;
                }
                return Some(());
            }
            Bodies::Containing { runs, groups, anchored } => (runs, groups, anchored),
        };
        let mut candidates = vec![false; self.items];
        for (run, whole) in &runs[0] {
            match run {
                // Every occurrence of the string holds this run inside one word.
                Some(run) => self.words_holding(run, &mut candidates)?,
                None => self.texts_holding(whole, &mut candidates)?,
            }
        }
        // A run of three or more characters is looked up in the trigram index, so checking a
        // group this way costs a few lookups, not a scan.
        let narrowing = |g: &&Vec<(Option<Run>, Finder)>| {
            g.iter().all(|(run, _)| run.as_ref().is_some_and(|r| !r.grams.is_empty()))
        };
        let mut also = vec![false; self.items];
        for group in runs[1..].iter().filter(narrowing) {
            if !candidates.contains(&true) {
                break;
            }
            also.fill(false);
            for (run, _) in group {
                self.words_holding(run.as_ref()?, &mut also)?;
            }
            for (c, a) in candidates.iter_mut().zip(&also) {
                *c &= *a;
            }
        }
        let passes = |folded: &[u8]| {
            anchored.iter().all(|g| g.iter().any(|s| folded.starts_with(s.as_bytes())))
                && groups.iter().all(|g| g.iter().any(|f| f.find(folded).is_some()))
        };
        for k in (0..self.items).filter(|&k| candidates[k]) {
            admit(k, &passes)?;
        }
        Some(())
    }

    /// Marks the items of every body word that holds `run` (word characters only, so every
    /// occurrence in a text lies inside one of its words): the words that hold all of its
    /// trigrams, found in the trigram index and each checked, or for a run of fewer than three
    /// characters one SIMD substring scan of the words.
    fn words_holding(&self, run: &Run, keep: &mut [bool]) -> Option<()> {
        if run.grams.is_empty() {
            return self.words_scanned(&run.finder, keep);
        }
        let buckets = self.region(GRAM_OFFS).len() / 4 - 1;
        let bits = buckets.trailing_zeros();
        let mut buckets: Vec<usize> = run.grams.iter().map(|&h| gram_bucket(h, bits)).collect();
        buckets.sort_unstable();
        buckets.dedup();
        let mut lists = Vec::with_capacity(buckets.len());
        for b in buckets {
            let (from, to) = (self.u32_in(GRAM_OFFS, b)? as usize, self.u32_in(GRAM_OFFS, b + 1)? as usize);
            lists.push(self.region(GRAM_IDS).get(from.checked_mul(4)?..to.checked_mul(4)?)?);
        }
        lists.sort_unstable_by_key(|l| l.len());
        let id = |l: &[u8], i: usize| u32::from_le_bytes(l[i * 4..i * 4 + 4].try_into().expect("4 bytes"));
        let mut words: Vec<u32> = (0..lists[0].len() / 4).map(|i| id(lists[0], i)).collect();
        for list in &lists[1..] {
            if words.is_empty() {
                break;
            }
            let n = list.len() / 4;
            // Each list is sorted: the candidates are looked up by bisection.
            words.retain(|&w| {
                let (mut lo, mut hi) = (0, n);
                while lo < hi {
                    let mid = (lo + hi) / 2;
                    if id(list, mid) < w {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                lo < n && id(list, lo) == w
            });
        }
        let blob = self.region(WORDS);
        for w in words {
            let w = w as usize;
            let (start, end) = (self.u32_in(WORD_STARTS, w)? as usize, self.u32_in(WORD_STARTS, w + 1)? as usize);
            if run.finder.find(blob.get(start..end.checked_sub(1)?)?).is_some() {
                self.mark_word(w, keep)?;
            }
        }
        Some(())
    }

    /// Marks the items word `w` occurs in.
    fn mark_word(&self, w: usize, keep: &mut [bool]) -> Option<()> {
        let (from, to) = (self.u32_in(WORD_OFFS, w)? as usize, self.u32_in(WORD_OFFS, w + 1)? as usize);
        for id in self.region(WORD_IDS).get(from.checked_mul(4)?..to.checked_mul(4)?)?.chunks_exact(4) {
            *keep.get_mut(u32::from_le_bytes(id.try_into().ok()?) as usize)? = true;
        }
        Some(())
    }

    /// Marks the items of every body word that holds `needle`: one SIMD substring scan of the
    /// words.
    fn words_scanned(&self, needle: &Finder, keep: &mut [bool]) -> Option<()> {
        let blob = self.region(WORDS);
        let start = |k: usize| self.u32_in(WORD_STARTS, k).map(|s| s as usize);
        let mut at = 0;
        while let Some(p) = blob.get(at..).and_then(|b| needle.find(b)) {
            let pos = at + p;
            // The word holding `pos`: the last one starting at or before it.
            let (mut lo, mut hi) = (0, self.words);
            while hi - lo > 1 {
                let mid = (lo + hi) / 2;
                if start(mid)? <= pos {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            self.mark_word(lo, keep)?;
            let next = start(lo + 1)?;
            if next <= pos {
                return None;
            }
            at = next;
        }
        Some(())
    }

    /// Marks the items whose folded text holds `needle`: one SIMD substring scan over all folded
    /// texts at once (as `rg` scans a file), not item by item.
    fn texts_holding(&self, needle: &Finder, keep: &mut [bool]) -> Option<()> {
        let blob = self.region(FOLDED);
        let mut starts = Vec::with_capacity(self.items + 1);
        for k in 0..self.items {
            starts.push(self.row(k)?.folded);
        }
        starts.push(blob.len());
        if starts[0] != 0 || starts.windows(2).any(|w| w[0] > w[1]) {
            return None;
        }
        let len = needle.needle().len();
        let mut at = 0;
        while let Some(p) = needle.find(&blob[at..]) {
            let pos = at + p;
            let k = starts.partition_point(|&s| s <= pos) - 1;
            let end = starts[k + 1];
            if pos + len <= end {
                keep[k] = true;
                at = end;
            } else {
                at = pos + 1;
            }
        }
        Some(())
    }

    /// The entry's index holding the documents, the items marked in `keep` and the sections they
    /// are in with the sections above those (the path of a hit), checking every length, index and
    /// string read; `None` on anything amiss. Other sections are only checked, not decoded.
    fn decode(&self, keep: &[bool]) -> Option<Index> {
        let head = self.region(HEAD);
        let mut r = Reader { b: head, at: 0 };
        let mut ix = Index::default();
        for _ in 0..r.count()? {
            ix.docs.push(DocInfo { region: r.str()?.to_string(), label: r.str()?.to_string() });
        }
        let docs = ix.docs.len();
        if !keep.contains(&true) {
            // No item refers to a section.
            return (keep.len() == self.items).then_some(ix);
        }
        let mut raw = Vec::new();
        for i in 0..r.count()? {
            let doc = r.index(docs)?;
            let (key, title) = (r.bytes()?, r.bytes()?);
            let parent = r.opt_u32()?.map(|p| p as usize);
            if parent.is_some_and(|p| p >= i) {
                return None;
            }
            let n = r.count()?;
            let path = r.take(n.checked_mul(4)?)?;
            raw.push(RawSection { doc, key, title, parent, path });
        }
        let mut strings = Vec::new();
        for _ in 0..r.count()? {
            strings.push(r.bytes()?);
        }
        if r.at != head.len() || keep.len() != self.items {
            return None;
        }
        // Keys and titles are stored once per entry and shared by the items that use them.
        let mut shared: Vec<Option<&str>> = vec![None; strings.len()];
        let mut string = |r: &mut Reader| -> Option<&str> {
            let k = r.u32()? as usize;
            let slot = shared.get_mut(k)?;
            if slot.is_none() {
                *slot = Some(utf8(strings[k])?);
            }
            *slot
        };
        ix.items.reserve_exact(keep.iter().filter(|&&k| k).count());
        for k in (0..self.items).filter(|&k| keep[k]) {
            let row = self.row(k)?;
            let mut r = Reader { b: self.region(RECORDS).get(row.rec..row.end)?, at: 0 };
            let doc = r.index(docs)?;
            let section = match r.opt_u32()? {
                Some(s) if (s as usize) < raw.len() => Some(s as usize),
                Some(_) => return None,
                None => None,
            };
            let field = field_from(row.tag, row.n as usize)?;
            let key = string(&mut r)?;
            let same = r.b.get(r.at..r.at + 4) == Some(&SAME_AS_TEXT.to_le_bytes());
            let title = if same { r.u32().map(|_| None)? } else { Some(string(&mut r)?) };
            let text = r.str()?;
            self.folded(k, &row, text)?;
            let (alt, ctx) = (r.opt_str()?, r.opt_str()?);
            if r.at != r.b.len() {
                return None;
            }
            let title = title.unwrap_or(text);
            ix.items.push(Item::within(&self.bytes, doc, section, field, [key, title, text], alt, ctx));
        }
        // The sections kept: those of the items and every one above them, in their order (a
        // parent before its children), numbered anew.
        let mut new_id = vec![u32::MAX; raw.len()];
        for it in &ix.items {
            let mut cur = it.section;
            while let Some(s) = cur.filter(|&s| new_id[s] == u32::MAX) {
                new_id[s] = 0;
                cur = raw[s].parent;
            }
        }
        for (s, sec) in raw.iter().enumerate() {
            if new_id[s] == u32::MAX {
                continue;
            }
            new_id[s] = ix.sections.len() as u32;
            let path = sec.path.chunks_exact(4).map(|b| u32::from_le_bytes(b.try_into().expect("4 bytes")) as usize);
            ix.sections.push(SectionInfo {
                doc: sec.doc,
                key: utf8(sec.key)?.to_string(),
                title: utf8(sec.title)?.to_string(),
                parent: sec.parent.map(|p| new_id[p] as usize),
                path: path.collect(),
            });
        }
        for it in &mut ix.items {
            it.section = it.section.map(|s| new_id[s] as usize);
        }
        Some(ix)
    }
}

/// A section as stored, its strings not yet checked.
struct RawSection<'a> {
    doc: usize,
    key: &'a [u8],
    title: &'a [u8],
    parent: Option<usize>,
    /// The child indices, `u32` each.
    path: &'a [u8],
}

fn utf8(b: &[u8]) -> Option<&str> {
    simdutf8::basic::from_utf8(b).ok()
}

fn is_title_tag(tag: u8) -> bool {
    field_from(tag, 0).is_some_and(Field::is_title)
}

/// Byte ranges of the words of a folded text (maximal runs of word characters).
fn words_of(folded: &str) -> impl Iterator<Item = &str> + '_ {
    folded.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty())
}

/// Serializes a one-document index (see the module documentation for the regions).
fn encode<'a>(ix: &'a Index) -> Vec<u8> {
    let mut w = Writer(Vec::with_capacity(ix.items.iter().map(|i| i.text.len() * 2 + 64).sum::<usize>() + 4096));
    w.0.extend_from_slice(MAGIC);
    w.str(FORMAT);
    let directory = w.0.len();
    w.0.resize(directory + REGIONS * 16, 0);
    // Each region is made apart, then they are stored in the order of their numbers.
    let mut bufs: Vec<Writer> = (0..REGIONS).map(|_| Writer(Vec::new())).collect();
    let mut region = |k: usize, fill: &mut dyn FnMut(&mut Writer)| fill(&mut bufs[k]);
    // Keys and titles repeat over a section's items: each is stored once, records refer to it.
    let mut strings: FxMap<&'a str, u32> = FxMap::default();
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
    region(HEAD, &mut |w| {
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
        w.u32(table.len() as u32);
        for t in &table {
            w.str(t);
        }
    });
    let mut records = Writer(Vec::new());
    let mut rows = Writer(Vec::with_capacity(ix.items.len() * ROW));
    let mut folded = 0usize;
    let mut titles = Writer(Vec::new());
    for (k, it) in ix.items.iter().enumerate() {
        let rec = records.0.len();
        records.u32(it.doc as u32);
        records.opt_u32(it.section);
        records.u32(refs[k].0);
        records.u32(refs[k].1);
        records.str(&it.text);
        records.opt_str(it.alt.as_deref());
        records.opt_str(it.ctx.as_deref());
        let (tag, n) = field_tag(it.field);
        rows.u32(u32::from(tag));
        rows.u32(n as u32);
        rows.u32(rec as u32);
        rows.u32(records.0.len() as u32);
        rows.u32(folded as u32);
        if it.field.is_title() {
            titles.u32(k as u32);
            titles.0.extend_from_slice(&Sha256::digest(&records.0[rec + RECORD_HEAD..])[..DIGEST]);
        }
        // Folding keeps the byte layout.
        folded += it.text.len();
    }
    region(TABLE, &mut |w| w.0.extend_from_slice(&rows.0));
    region(FOLDED, &mut |w| {
        for it in &ix.items {
            w.0.extend_from_slice(it.folded().as_str().as_bytes());
        }
    });
    region(RECORDS, &mut |w| w.0.extend_from_slice(&records.0));
    // The distinct words of body items, each after a `\n`, with the items each occurs in.
    // (The items keep no folded text: each is folded here, and the words are kept.)
    let mut words: FxMap<Box<str>, usize> = FxMap::default();
    let mut lists: Vec<(Box<str>, Vec<u32>)> = Vec::new();
    for (id, it) in ix.items.iter().enumerate().filter(|(_, it)| !it.field.is_title()) {
        let folded = it.folded();
        for word in words_of(folded.as_str()) {
            let k = match words.get(word) {
                Some(&k) => k,
                None => {
                    lists.push((word.into(), Vec::new()));
                    words.insert(word.into(), lists.len() - 1);
                    lists.len() - 1
                }
            };
            let list = &mut lists[k].1;
            if list.last() != Some(&(id as u32)) {
                list.push(id as u32);
            }
        }
    }
    let mut starts = Vec::with_capacity(lists.len() + 1);
    region(WORDS, &mut |w| {
        let base = w.0.len();
        w.0.push(b'\n');
        for (word, _) in &lists {
            starts.push((w.0.len() - base) as u32);
            w.0.extend_from_slice(word.as_bytes());
            w.0.push(b'\n');
        }
        starts.push((w.0.len() - base) as u32);
    });
    region(WORD_STARTS, &mut |w| starts.iter().for_each(|&s| w.u32(s)));
    region(WORD_OFFS, &mut |w| {
        let mut at = 0u32;
        w.u32(0);
        for (_, list) in &lists {
            at += list.len() as u32;
            w.u32(at);
        }
    });
    region(WORD_IDS, &mut |w| lists.iter().flat_map(|l| &l.1).for_each(|&id| w.u32(id)));
    // Each word of three or more characters under the hash of each of its trigrams, once.
    let mut grams: Vec<(u32, u32)> = Vec::new();
    for (k, (word, _)) in lists.iter().enumerate() {
        trigrams(word, |h| grams.push((h, k as u32)));
    }
    grams.sort_unstable();
    grams.dedup();
    let distinct = grams.chunk_by(|a, b| a.0 == b.0).count();
    // About one trigram per bucket: a lookup reads a list about as long as the trigram's own.
    let bits = distinct.next_power_of_two().clamp(2, 1 << 20).trailing_zeros();
    let mut postings: Vec<(usize, u32)> = grams.iter().map(|&(h, k)| (gram_bucket(h, bits), k)).collect();
    postings.sort_unstable();
    postings.dedup();
    region(GRAM_OFFS, &mut |w| {
        let mut at = 0;
        for b in 0..=1usize << bits {
            w.u32(at as u32);
            while postings.get(at).is_some_and(|p| p.0 == b) {
                at += 1;
            }
        }
    });
    region(GRAM_IDS, &mut |w| postings.iter().for_each(|&(_, k)| w.u32(k)));
    region(TITLES, &mut |w| w.0.extend_from_slice(&titles.0));
    for (k, buf) in bufs.into_iter().enumerate() {
        let at = directory + k * 16;
        let start = w.0.len() as u64;
        w.0[at..at + 8].copy_from_slice(&start.to_le_bytes());
        w.0[at + 8..at + 16].copy_from_slice(&(buf.0.len() as u64).to_le_bytes());
        w.0.extend_from_slice(&buf.0);
    }
    w.0
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
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
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
        utf8(self.bytes()?)
    }
    /// A string's bytes, not yet checked to be UTF-8.
    fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.u32()? as usize;
        self.take(n)
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

    fn docs() -> Vec<crate::model::Document> {
        crate::samples::BUNDLED.iter().map(|(n, j)| crate::load::parse(n, j).unwrap()).collect()
    }

    fn entry(ix: &Index) -> Entry {
        Entry::parse(Store::owned(encode(ix))).expect("parses")
    }

    /// The index a search decodes from one entry per document, as the cache stores them.
    fn planned(docs: &[crate::model::Document], query: &Query, opts: &Options) -> (Index, usize) {
        let parts: Vec<Part> =
            docs.iter().map(|d| Part::Entry(entry(&Index::build(std::slice::from_ref(d))))).collect();
        let plan = Plan::new(parts.iter(), query, opts);
        let (decoded, undecoded) = plan.load(&parts.iter().collect::<Vec<_>>());
        let mut ix = Index::default();
        for part in decoded {
            ix.append(part.expect("decodes"));
        }
        (ix, undecoded)
    }

    #[test]
    fn entries_round_trip_and_damage_is_refused() {
        let ix = Index::build(&docs()[..1]);
        let bytes = encode(&ix);
        let e = entry(&ix);
        let back = e.decode(&vec![true; e.items]).expect("decodes");
        assert_eq!(back.items.len(), ix.items.len());
        for (a, b) in back.items.iter().zip(&ix.items) {
            assert_eq!((a.doc, a.section, a.field, &a.key, &a.title), (b.doc, b.section, b.field, &b.key, &b.title));
            assert_eq!((&a.text, &a.alt, &a.ctx), (&b.text, &b.alt, &b.ctx));
        }
        assert_eq!(back.sections.len(), ix.sections.len());
        assert!(back.sections.iter().zip(&ix.sections).all(|(a, b)| a.key == b.key && a.path == b.path));
        for cut in [0, 7, 20, bytes.len() / 2, bytes.len() - 1] {
            assert!(Entry::parse(Store::owned(bytes[..cut].to_vec())).is_none(), "cut at {cut}");
        }
        let mut extra = bytes.clone();
        extra.push(0);
        assert!(Entry::parse(Store::owned(extra)).is_none());
        // A record whose text length runs past it is found when decoded.
        let mut bad = bytes.clone();
        let at = e.regions[RECORDS].0 + RECORD_HEAD;
        bad[at..at + 4].copy_from_slice(&u32::MAX.to_le_bytes());
        let bad = Entry::parse(Store::owned(bad)).expect("the layout is intact");
        assert!(bad.decode(&vec![true; bad.items]).is_none());
        assert!(bad.matched_on(0).is_none());
    }

    /// A stamp is named by the hex of its identity's SHA-256, as the JSON cache writes hashes.
    #[test]
    fn stamp_names_are_the_identity_hash() {
        let m = std::fs::metadata(env!("CARGO_MANIFEST_DIR")).unwrap();
        let id = Identity::from_metadata(&m);
        assert_eq!(stamp_name(&id), crate::read::cache::content_hash(&id.to_bytes())[..32]);
    }

    /// The trigram index finds the items of exactly the words a scan of the word list finds, for
    /// runs inside the words, whole words, runs across no word and runs of other scripts.
    #[test]
    fn trigram_lookup_finds_what_a_scan_finds() {
        let ix = Index::build(&docs()[..2]);
        let e = entry(&ix);
        let blob = std::str::from_utf8(e.region(WORDS)).unwrap();
        let words: Vec<&str> = blob.split('\n').filter(|w| !w.is_empty()).collect();
        assert!(words.len() > 500, "{}", words.len());
        let mut needles: Vec<String> =
            ["цифров", "здравоохранен", "егисз", "щъщъщ", "abc", "1", "ени", "ооо"].map(String::from).into();
        for w in words.iter().step_by(7) {
            let chars: Vec<char> = w.chars().collect();
            needles.push(w.to_string());
            for (from, len) in [(0, 3), (1, 4), (chars.len() / 3, 5), (chars.len().saturating_sub(3), 3)] {
                needles.push(chars.iter().skip(from).take(len).collect());
            }
        }
        let (mut indexed, mut found) = (0, 0);
        for n in needles.iter().filter(|n| !n.is_empty()) {
            let run = Run::new(n);
            indexed += usize::from(!run.grams.is_empty());
            let (mut a, mut b) = (vec![false; e.items], vec![false; e.items]);
            e.words_holding(&run, &mut a).expect("intact");
            e.words_scanned(&run.finder, &mut b).expect("intact");
            assert_eq!(a, b, "{n}");
            found += usize::from(a.contains(&true));
        }
        assert!(indexed * 10 > needles.len() * 8 && found * 10 > needles.len() * 8, "{indexed} {found}");
    }

    /// Decoding only the items a query can match finds the same results as the whole index, in
    /// every reading of the query, and leaves most items undecoded for a rare word.
    #[test]
    fn planned_entries_find_what_the_whole_index_finds() {
        let docs = docs();
        let full = Index::build(&docs);
        let queries = [
            "телемедицина",
            "ЕГИСЗ",
            "tubcp",
            "egisz",
            "zdrav",
            "цифровой профиль",
            "образование !дополнительн",
            "и",
            "'госуслуг",
            "^проект",
            "школ | больниц",
            "здрав",
            "цпг",
            "зрвх",
            "проект здрав",
            "!области",
            "covid-19",
            "т.д",
            "здравоохранение$",
            "Здравоохранение",
        ];
        let mut ranked = 0;
        for q in queries.iter().chain(&["цифровых сервисов", "информационной безопасности", "Цифровой"])
        {
            for (scope, limit) in
                [(Scope::All, 40), (Scope::Text, 40), (Scope::Titles, 40), (Scope::All, 1), (Scope::Text, 2)]
            {
                let query = Query::parse(q);
                let opts = Options { scope, limit, ..Options::default() };
                let (part, undecoded) = planned(&docs, &query, &opts);
                ranked += usize::from(undecoded > 0);
                let (a, b) = (find_grouped(&full, &query, &opts), find_grouped(&part, &query, &opts));
                let view = |o: &crate::search::Outcome| {
                    o.hits
                        .iter()
                        .map(|h| {
                            (h.doc, h.key.clone(), h.snippet.text.clone(), h.score, h.path.clone(), h.versions.clone())
                        })
                        .collect::<Vec<_>>()
                };
                assert_eq!(view(&a), view(&b), "{q} {scope:?} {limit}");
                // The body matches left undecoded are counted, and all of them are strong.
                assert_eq!(
                    (a.matched.len(), a.strong, a.shown_for),
                    (b.matched.len() + undecoded, b.strong + undecoded, b.shown_for),
                    "{q} {scope:?} {limit}"
                );
                if undecoded > 0 {
                    assert!(part.items.len() + undecoded <= full.items.len());
                }
            }
        }
        // Small limits leave body matches undecoded for many of these queries (phrases too).
        assert!(ranked >= 10, "{ranked}");
        let rare = Query::parse("телемедицина");
        assert!(planned(&docs, &rare, &Options::default()).0.items.len() * 10 < full.items.len());
        // A case-sensitive term is matched on the display text: every body match is decoded.
        let cased = Query::parse("Цифровой");
        assert_eq!(planned(&docs, &cased, &Options { limit: 1, ..Options::default() }).1, 0);
    }
}
