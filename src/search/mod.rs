//! Cyrillic-aware search over normalized documents.
//!
//! - [`query`]: fzf's extended syntax (`'exact ^prefix suffix$ !not`, space = AND, `|` = OR) with
//!   smart case;
//! - [`index`]: the searchable items of a set of documents (section titles and keys, project and
//!   indicator names, body blocks, project rows, glossary entries), folded once;
//! - [`matcher`]: word and substring matching everywhere, fuzzy matching on titles and names, and an
//!   optional OCR-tolerant skeleton match on body text;
//! - [`rank`]: phrase > word > word prefix > substring > fuzzy > OCR, then titles > keys > body;
//! - [`snippet`]: excerpts with match positions in characters;
//! - [`searcher`]: a background thread that drops stale queries, for the TUI.
//!
//! ```
//! use strata::search::{search, Index, Options, Query};
//! # let docs: Vec<strata::model::Document> = Vec::new();
//! let index = Index::build(&docs);
//! let hits = search(&index, &Query::parse("цифровой профиль"), &Options::default());
//! assert!(hits.is_empty());
//! ```

pub mod cache;
pub mod index;
pub mod matcher;
pub mod query;
pub mod rank;
pub mod searcher;
pub mod snippet;
pub mod stem;
mod words;

pub use index::{Field, Index};
pub use matcher::Class;
pub use query::Query;
pub use searcher::Searcher;
pub use snippet::Snippet;

use index::{Item, Skeleton};
use matcher::{Hay, Prepared};
use std::ops::Range;

/// Which items a search looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    /// Section titles and keys, project names, indicator names.
    Titles,
    /// Body text: paragraphs, list items, project rows, glossary entries.
    Text,
    /// Both.
    #[default]
    All,
}

impl Scope {
    /// True when the scope includes items of this field.
    pub fn includes(self, field: Field) -> bool {
        match self {
            Scope::All => true,
            Scope::Titles => field.is_title(),
            Scope::Text => !field.is_title(),
        }
    }
}

impl std::str::FromStr for Scope {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "titles" => Ok(Scope::Titles),
            "text" => Ok(Scope::Text),
            "all" => Ok(Scope::All),
            _ => Err(format!("unknown scope `{s}` (expected titles, text or all)")),
        }
    }
}

/// Search options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Which items to look at.
    pub scope: Scope,
    /// At most this many hits are returned (the best ones).
    pub limit: usize,
    /// Also match body words through OCR damage (skeleton keys), ranked below every other match.
    pub ocr: bool,
    /// Snippet width in characters.
    pub snippet_width: usize,
    /// Only items of this document (index into the indexed documents), e.g. the TUI's current one.
    pub doc: Option<usize>,
    /// Return the hits as soon as they are settled (the TUI's keystroke: the first letters of a
    /// word fuzzily match most titles of a large set): titles that can match only fuzzily and
    /// cannot be among the hits are left unmatched, in [`Outcome::unsure`], and `matched` holds
    /// only the matches found (a lower bound of the count). The hits, `strong` and the reading
    /// chosen are the same; [`settle`] completes `matched`, and a narrower query may be searched
    /// among `matched` and `unsure` together.
    pub lazy: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { scope: Scope::All, limit: 50, ocr: false, snippet_width: 100, doc: None, lazy: false }
    }
}

/// One search result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Index of the document in the indexed slice.
    pub doc: usize,
    /// Index of the item in [`Index::items`].
    pub item: usize,
    /// The enclosing section (index into [`Index::sections`]), if any.
    pub section: Option<usize>,
    /// Where in the document the match is.
    pub field: Field,
    /// The document's region name.
    pub region: String,
    /// Canonical key of the section (or part) the match is in.
    pub key: String,
    /// Section title, or the project's / indicator's name.
    pub title: String,
    /// Higher is better; see [`rank`].
    pub score: i64,
    /// How well the item matched.
    pub class: Class,
    /// True when a section matched through its canonical key rather than its title; `matches` then
    /// refer to the key.
    pub on_key: bool,
    /// Matched character ranges of the item's display text ([`index::Item::text`]), or of the key
    /// when `on_key`.
    pub matches: Vec<Range<usize>>,
    /// An excerpt around the first match with match positions.
    pub snippet: Snippet,
    /// Titles of the sections from the top of the document down to the one the match is in, short
    /// for template parts: `["Проекты", "Здравоохранение"]`, shown as «Проекты › Здравоохранение».
    pub path: Vec<String>,
    /// The documents this hit stands for, in index order: its own, and with
    /// [`find_grouped`] the other versions of the region with the same text there.
    pub versions: Vec<usize>,
}

/// The full outcome of one search.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// The best hits, best first.
    pub hits: Vec<Hit>,
    /// Every matching item (indices into [`Index::items`], ascending), for narrowing the next search.
    pub matched: Vec<usize>,
    /// How many matching items matched better than fuzzily or through OCR damage.
    pub strong: usize,
    /// Set when the query as typed found little and these results are for another reading of it.
    pub shown_for: Option<Reading>,
    /// Items that may match but were not matched yet, ascending: titles that can match only
    /// fuzzily and could not be among the hits (see [`Options::lazy`]); not in `matched`, never
    /// strong. [`settle`] matches them. Empty unless the search was lazy.
    pub unsure: Vec<usize>,
}

/// Another reading of a query that found little as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// How the query was read.
    pub kind: ReadingKind,
    /// The query as read, e.g. «егисз» for `tubcp`.
    pub query: String,
}

/// How a query was read again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReadingKind {
    /// Typed with the keyboard on the other layout (ЙЦУКЕН ↔ QWERTY).
    Layout,
    /// Russian written in Latin letters (GOST 7.79 or informal transliteration).
    Translit,
}

/// A query finding fewer strong matches than this is also tried in its other readings.
const LITTLE: usize = 3;

/// A matching item: score, item index, class, matched on the key.
type Scored = (i64, usize, Class, bool);

/// Items are scanned in chunks of this size between cancellation checks.
const CHUNK: usize = 2048;

/// Indexes with at least this many items to scan are searched on several threads.
const PARALLEL_FROM: usize = 40_000;

/// Searches the index; returns at most `opts.limit` hits, best first.
pub fn search(index: &Index, query: &Query, opts: &Options) -> Vec<Hit> {
    find(index, query, opts).hits
}

/// Searches the index: the best hits, how many matched, and which reading of the query was used.
pub fn find(index: &Index, query: &Query, opts: &Options) -> Outcome {
    run(index, query, opts, None, &|| false).unwrap_or_default()
}

/// The hits in reading order (document, then place in it), as indices into `hits`: the order in
/// which a "next result" key (vim's `:cnext`) walks them across sections and documents.
pub fn reading_order(hits: &[Hit]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..hits.len()).collect();
    order.sort_by_key(|&i| (hits[i].doc, hits[i].section.unwrap_or(usize::MAX), hits[i].item));
    order
}

/// Like [`find`], with one hit for the same text at the same place in several versions of a
/// region's strategy, listing their documents in [`Hit::versions`].
pub fn find_grouped(index: &Index, query: &Query, opts: &Options) -> Outcome {
    run_grouped(index, query, opts, true, None, &|| false).unwrap_or_default()
}

/// Searches only `candidates` (all items when `None`), checking `cancel` now and then; returns
/// `None` when cancelled.
///
/// When the query as typed finds fewer than a few strong matches, it is also read as typed on the
/// other keyboard layout and as transliterated Russian (over the whole index); the reading with
/// the most strong matches, if it finds more, gives the outcome and is named in
/// [`Outcome::shown_for`].
pub fn run(
    index: &Index,
    query: &Query,
    opts: &Options,
    candidates: Option<&[usize]>,
    cancel: &(dyn Fn() -> bool + Sync),
) -> Option<Outcome> {
    run_grouped(index, query, opts, false, candidates, cancel)
}

/// [`run`], grouping versions when `group` (see [`find_grouped`]).
pub fn run_grouped(
    index: &Index,
    query: &Query,
    opts: &Options,
    group: bool,
    candidates: Option<&[usize]>,
    cancel: &(dyn Fn() -> bool + Sync),
) -> Option<Outcome> {
    let typed = run_as_typed(index, query, opts, group, candidates, cancel)?;
    if typed.strong >= LITTLE {
        return Some(typed);
    }
    let mut best = typed;
    for (kind, q) in other_readings(query) {
        let mut o = run_as_typed(index, &q, opts, group, None, cancel)?;
        if o.strong > best.strong {
            o.shown_for = Some(Reading { kind, query: q.to_string() });
            best = o;
        }
    }
    Some(best)
}

/// Matches the unsure items of a lazy outcome (see [`Options::lazy`]; the same query and options),
/// adding those that match to `matched`: the outcome is then the one [`run_grouped`] gives.
/// False when cancelled (the outcome is then unchanged).
pub fn settle(index: &Index, query: &Query, opts: &Options, outcome: &mut Outcome, cancel: &dyn Fn() -> bool) -> bool {
    if outcome.unsure.is_empty() {
        return true;
    }
    let read;
    let query = match &outcome.shown_for {
        Some(r) => {
            read = Query::parse(&r.query);
            &read
        }
        None => query,
    };
    let terms = Terms::new(query);
    let skeletons = opts.ocr.then(|| index.skeletons());
    let mut found = Vec::new();
    for chunk in outcome.unsure.chunks(CHUNK) {
        if cancel() {
            return false;
        }
        found.extend(chunk.iter().copied().filter(|&id| match_item(index, &terms, opts, skeletons, id).is_some()));
    }
    outcome.matched = union(&outcome.matched, &found);
    outcome.unsure.clear();
    true
}

/// The other readings of a query tried when it finds little as typed: on the other keyboard
/// layout, and as transliterated Russian.
fn other_readings(query: &Query) -> impl Iterator<Item = (ReadingKind, Query)> {
    let layout = query.reread(crate::text::translit::swap_layout);
    let translit = query.reread(|s| crate::text::translit::from_latin(s).unwrap_or_else(|| s.into()));
    [(ReadingKind::Layout, layout), (ReadingKind::Translit, translit)].into_iter().filter_map(|(k, q)| Some((k, q?)))
}

/// Which body items (paragraphs, project rows, glossary entries) a search could match, judged
/// from their folded text alone, before they are loaded: a body item only matches through a
/// literal occurrence of a term's folded stem (body text is never matched fuzzily), so an item
/// holding none of the stems of a required group cannot match, in any reading of the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyFilter {
    /// Every body item may match (OCR matching, a query of only negations or stop words).
    All,
    /// No body item is searched (titles only).
    Nothing,
    /// Only items whose folded text contains, for every one of these groups, one of its folded
    /// strings may match; the most selective group (the longest shortest string) first.
    Containing(Vec<Vec<String>>),
}

impl BodyFilter {
    /// The filter for a search: the stems of every group required in the query as typed and in
    /// each of its other readings, joined over the readings.
    pub fn new(query: &Query, opts: &Options) -> BodyFilter {
        if opts.scope == Scope::Titles {
            return BodyFilter::Nothing;
        }
        if opts.ocr {
            return BodyFilter::All;
        }
        let readings: Vec<Query> =
            std::iter::once(query.clone()).chain(other_readings(query).map(|(_, q)| q)).collect();
        let required: Vec<Vec<bool>> = readings.iter().map(required_groups).collect();
        let mut groups: Vec<Vec<String>> = (0..query.groups.len())
            .filter(|&g| required.iter().all(|r| r.get(g) == Some(&true)))
            .map(|g| {
                let mut stems: Vec<String> =
                    readings.iter().flat_map(|q| q.groups[g].iter().map(|t| t.stem.clone())).collect();
                stems.sort_unstable();
                stems.dedup();
                stems
            })
            .collect();
        if groups.is_empty() {
            return BodyFilter::All;
        }
        groups.sort_by_key(|g| std::cmp::Reverse(g.iter().map(String::len).min()));
        BodyFilter::Containing(groups)
    }

    /// True when an item of this field and folded text may match.
    pub fn admits(&self, field: Field, folded: &str) -> bool {
        field.is_title()
            || match self {
                BodyFilter::All => true,
                BodyFilter::Nothing => false,
                BodyFilter::Containing(groups) => groups.iter().all(|g| g.iter().any(|s| folded.contains(s.as_str()))),
            }
    }
}

/// Every item that matches the query as typed or in one of its other readings: the items a search
/// can return, whichever reading it settles on (the index cache decides with it which titles to
/// load).
pub fn matching_any_reading(index: &Index, query: &Query, opts: &Options) -> Vec<usize> {
    let exact = Options { lazy: false, ..*opts };
    let readings = std::iter::once(query.clone()).chain(other_readings(query).map(|(_, q)| q));
    let mut all: Vec<usize> = readings
        .filter_map(|q| run_as_typed(index, &q, &exact, false, None, &|| false))
        .flat_map(|o| o.matched)
        .collect();
    all.sort_unstable();
    all.dedup();
    all
}

/// Which groups of the query every matching body item must match, through a literal occurrence
/// of one of its terms' folded stems (see [`eval_hay`]: a group with a negated term can pass by
/// the negation, stop words need not match unless nothing else is asked).
fn required_groups(query: &Query) -> Vec<bool> {
    let optional = |g: &Vec<query::Term>| g.iter().all(|t| t.stopword);
    let all_optional = query.groups.iter().all(optional);
    let required =
        |g: &Vec<query::Term>| g.iter().all(|t| !t.negated && !t.stem.is_empty()) && (all_optional || !optional(g));
    query.groups.iter().map(required).collect()
}

/// A query's terms prepared for matching, and those of its phrase.
struct Terms<'q> {
    groups: Vec<Vec<Prepared<'q>>>,
    /// Indices into `groups` of the phrase's single-term groups, in order.
    phrase: Vec<usize>,
}

impl<'q> Terms<'q> {
    fn new(query: &'q Query) -> Terms<'q> {
        let groups: Vec<Vec<Prepared>> = query.groups.iter().map(|g| g.iter().map(Prepared::new).collect()).collect();
        let phrase_terms = query.phrase();
        let phrase =
            (0..groups.len()).filter(|&i| groups[i].len() == 1 && phrase_terms.contains(&groups[i][0].term)).collect();
        Terms { groups, phrase }
    }
}

/// Scores body items (paragraphs, project rows, glossary entries) for the query as typed from
/// their folded text alone, before they are loaded: the score [`eval_item`] gives the item, so the
/// index cache can rank and count body matches on its mapped texts and load only the best.
/// Without OCR matching and with no case-sensitive term, matching a body item reads only its
/// folded text (the display text is read for a case-sensitive term, and fuzzy matching is for
/// titles); a body item has no key or titles above it to match on.
pub(crate) struct BodyScorer<'q> {
    terms: Terms<'q>,
}

impl<'q> BodyScorer<'q> {
    /// `None` when a body item's score needs more than its folded text (OCR matching, a
    /// case-sensitive term) or body text is not searched.
    pub(crate) fn new(query: &'q Query, opts: &Options) -> Option<BodyScorer<'q>> {
        let plain = !opts.ocr && opts.scope != Scope::Titles && opts.doc.is_none() && !query.is_empty();
        (plain && query.groups.iter().flatten().all(|t| !t.cased)).then(|| BodyScorer { terms: Terms::new(query) })
    }

    /// The score of a body item of this field and folded text, `None` when it does not match.
    pub(crate) fn score(&self, field: Field, folded: &str) -> Option<i64> {
        debug_assert!(!field.is_title());
        let hay = Hay { text: folded, folded };
        let (class, tie) = eval_hay(hay, &self.terms.groups, &self.terms.phrase, false, None)?;
        Some(rank::score(class, field, false, tie))
    }
}

/// Matches one item: its score, class, and whether it matched on its key; `None` when it does
/// not match or is outside the options' scope.
fn eval_item(
    index: &Index,
    terms: &Terms,
    opts: &Options,
    skeletons: Option<&[Option<Skeleton>]>,
    id: usize,
) -> Option<(i64, Class, bool)> {
    match match_item(index, terms, opts, skeletons, id)? {
        ItemMatch::Scored(score, class, on_key) => Some((score, class, on_key)),
        ItemMatch::Fuzzy(m) => {
            let item = &index.items[id];
            Some((rank::score(m.class, item.field, false, m.tie(item.folded().hay())?), m.class, false))
        }
    }
}

/// How an item matches (see [`match_item`]).
pub(crate) enum ItemMatch<'a, 'q> {
    /// Its score, class and whether on its key, as [`eval_item`] gives them.
    Scored(i64, Class, bool),
    /// A title or name that matches only fuzzily on its own text: class [`Class::Fuzzy`], not on
    /// its key, not scored yet ([`eval_item`] scores it).
    Fuzzy(HayMatch<'a, 'q>),
}

/// Matches one item as [`eval_item`] does, leaving a match that is only fuzzy on its own text
/// unscored (the fuzzy matcher is the costly part of matching a title, and a fuzzy match is
/// never strong, rarely among the best).
fn match_item<'a, 'q>(
    index: &Index,
    terms: &'a Terms<'q>,
    opts: &Options,
    skeletons: Option<&[Option<Skeleton>]>,
    id: usize,
) -> Option<ItemMatch<'a, 'q>> {
    let item = &index.items[id];
    if !opts.scope.includes(item.field) || opts.doc.is_some_and(|d| d != item.doc) {
        return None;
    }
    let (groups, phrase) = (&terms.groups, terms.phrase.as_slice());
    let skel = skeletons.and_then(|s| s[id].as_ref());
    let title = item.field.is_title();
    let folded = item.folded();
    let main = folded.hay();
    if let Some(m) = hay_match(main, groups, phrase, title, skel) {
        if !m.pending.is_empty() {
            return Some(ItemMatch::Fuzzy(m));
        }
        return Some(ItemMatch::Scored(rank::score(m.class, item.field, false, m.tie(main)?), m.class, false));
    }
    let alt = item.alt.as_deref()?;
    if let Some((class, tie)) = eval_hay(Hay { text: alt, folded: alt }, groups, phrase, true, None) {
        return Some(ItemMatch::Scored(rank::score(class, item.field, true, tie), class, true));
    }
    // A section title with the titles of the sections above it («проект здрав» finds
    // «Проекты › Здравоохранение»), when some word matches the title itself; ranked as a key match.
    let ctx = item.ctx.as_deref()?;
    groups
        .iter()
        .flatten()
        .any(|p| !p.term.negated && matcher::match_term(main, p, false, None).is_some())
        .then_some(())?;
    let (class, tie) = eval_hay(Hay { text: ctx, folded: ctx }, groups, phrase, false, None)?;
    Some(ItemMatch::Scored(rank::score(class, item.field, true, tie), class, false))
}

/// Searches the query as typed.
fn run_as_typed(
    index: &Index,
    query: &Query,
    opts: &Options,
    group: bool,
    candidates: Option<&[usize]>,
    cancel: &(dyn Fn() -> bool + Sync),
) -> Option<Outcome> {
    if query.is_empty() {
        return Some(Outcome::default());
    }
    let terms = Terms::new(query);
    let groups = &terms.groups;
    let skeletons = opts.ocr.then(|| index.skeletons());
    let eval = |id: usize| eval_item(index, &terms, opts, skeletons, id);
    let judge = |id: usize| match_item(index, &terms, opts, skeletons, id);
    let widened;
    let candidates = match candidates {
        Some(c) => {
            widened = with_context(index, groups, c);
            Some(widened.as_slice())
        }
        None => None,
    };
    // Large indexes are split between threads; each checks `cancel` between chunks of items.
    let total = candidates.map_or(index.items.len(), <[usize]>::len);
    let id_at = |i: usize| candidates.map_or(i, |c| c[i]);
    let threads =
        if total >= PARALLEL_FROM { std::thread::available_parallelism().map_or(1, |n| n.get().min(4)) } else { 1 };
    let scan = |from: usize, to: usize| -> Option<Vec<Scored>> {
        let mut out = Vec::new();
        for start in (from..to).step_by(CHUNK) {
            if cancel() {
                return None;
            }
            for i in start..(start + CHUNK).min(to) {
                let id = id_at(i);
                if let Some((s, c, k)) = eval(id) {
                    out.push((s, id, c, k));
                }
            }
        }
        Some(out)
    };
    let keep = if group { opts.limit.saturating_mul(GROUP_SPAN) } else { opts.limit };
    // A few narrowed candidates are matched one by one; otherwise the word index plans the search.
    let few = candidates.is_some_and(|c| c.len() < words::FEW);
    let by_words = match (skeletons, index.words()) {
        (None, Some(w)) if !few => {
            // Whether an item's words follow each other as the query's phrase.
            let phrased = |id: usize| phrase_at(index.items[id].folded().hay(), groups, &terms.phrase);
            let phrased = (terms.phrase.len() >= 2).then_some(&phrased as &(dyn Fn(usize) -> bool + Sync));
            words::find(index, w, groups, phrased, opts, keep, candidates, (&eval, &judge), cancel)
        }
        _ => None,
    };
    let (mut scored, matched, strong, unsure) = match by_words {
        Some(found) => found?,
        None => {
            let scored = scan_all(total, threads, &scan)?;
            let matched: Vec<usize> = scored.iter().map(|s| s.1).collect();
            let strong = scored.iter().filter(|s| s.2 >= Class::Substring).count();
            (scored, matched, strong, Vec::new())
        }
    };
    let order = |a: &Scored, b: &Scored| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
    // Grouping versions needs more candidates than hits: each group takes one per version.
    if scored.len() > keep && keep > 0 {
        scored.select_nth_unstable_by(keep - 1, order);
    }
    scored.truncate(keep);
    scored.sort_unstable_by(order);
    let grouped = if group {
        group_versions(index, scored, opts.limit)
    } else {
        scored.into_iter().map(|s| (s, vec![index.items[s.1].doc])).collect()
    };
    let hits = grouped
        .into_iter()
        .map(|((score, id, class, on_key), versions)| {
            let skel = skeletons.and_then(|s| s[id].as_ref());
            let mut h = hit(index, id, score, class, on_key, groups, skel, opts.snippet_width);
            h.versions = versions;
            h
        })
        .collect();
    Some(Outcome { hits, matched, strong, shown_for: None, unsure })
}

/// Narrowed candidates with the section titles that may match with the titles above them: a
/// longer query can match one its shorter form did not («проект з» finds «Проекты ›
/// Здравоохранение» through «з» in the title, «проект» alone does not). With the word index, those
/// whose context may match (`WordIndex::in_context`); without, every such title.
fn with_context(index: &Index, groups: &[Vec<Prepared>], candidates: &[usize]) -> Vec<usize> {
    let mut ctx = match index.words() {
        Some(w) => w.in_context(&index.items, groups),
        None => (0..index.items.len()).filter(|&id| index.items[id].ctx.is_some()).collect(),
    };
    ctx.sort_unstable();
    if !candidates.is_sorted() {
        ctx.extend_from_slice(candidates);
        ctx.sort_unstable();
        ctx.dedup();
        return ctx;
    }
    ctx.dedup();
    // The candidates (many, ascending, as searches return them) merged with the few titles.
    union(&ctx, candidates)
}

/// The union of two ascending lists of items (each without repeats), ascending: e.g. a lazy
/// outcome's `matched` and `unsure`, the candidates for a narrower query. Linear.
pub fn union(a: &[usize], b: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        out.push(x.min(y));
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// Scans items `0..total` (of the candidates) with `scan`, split over `threads` threads.
fn scan_all(
    total: usize,
    threads: usize,
    scan: &(dyn Fn(usize, usize) -> Option<Vec<Scored>> + Sync),
) -> Option<Vec<Scored>> {
    if threads <= 1 {
        return scan(0, total);
    }
    let part = total.div_ceil(threads);
    let parts: Vec<Option<Vec<Scored>>> = std::thread::scope(|sc| {
        let handles: Vec<_> =
            (0..threads).map(|t| sc.spawn(move || scan(t * part, ((t + 1) * part).min(total)))).collect();
        handles.into_iter().map(|h| h.join().expect("search thread")).collect()
    });
    let mut all = Vec::new();
    for p in parts {
        all.extend(p?);
    }
    Some(all)
}

/// Matching items, best `keep` first or all; every matching item's index; how many matched
/// strongly; the items left unsure by a lazy search.
type Found = (Vec<Scored>, Vec<usize>, usize, Vec<usize>);

/// When grouping versions, at most this many candidates per hit are looked at for
/// versions of the same text.
pub(crate) const GROUP_SPAN: usize = 8;

/// Folds hits of the same text at the same place in several versions of one region's strategy into
/// one hit (the best scored) listing the versions' documents, in index order; at most `limit` hits.
fn group_versions(index: &Index, scored: Vec<Scored>, limit: usize) -> Vec<(Scored, Vec<usize>)> {
    use std::collections::HashMap;
    let mut out: Vec<(Scored, Vec<usize>)> = Vec::new();
    let mut seen: HashMap<(&str, &str, std::mem::Discriminant<Field>, &str), usize> = HashMap::new();
    for s in scored {
        let item = &index.items[s.1];
        let key = (
            index.docs[item.doc].region.as_str(),
            item.key.as_str(),
            std::mem::discriminant(&item.field),
            item.text.as_str(),
        );
        match seen.get(&key) {
            Some(&g) if !out[g].1.contains(&item.doc) => {
                out[g].1.push(item.doc);
                out[g].1.sort_unstable();
            }
            Some(_) => {}
            None if out.len() < limit => {
                seen.insert(key, out.len());
                out.push((s, vec![item.doc]));
            }
            None => {}
        }
    }
    out
}

/// Matches all groups against one haystack: the item's class and tie-break, or `None`.
fn eval_hay(
    hay: Hay,
    groups: &[Vec<Prepared>],
    phrase: &[usize],
    title: bool,
    skel: Option<&Skeleton>,
) -> Option<(Class, i64)> {
    let m = hay_match(hay, groups, phrase, title, skel)?;
    Some((m.class, m.tie(hay)?))
}

/// How a haystack matched all groups, its fuzzy matches not scored yet (see [`hay_match`]).
pub(crate) struct HayMatch<'a, 'q> {
    class: Class,
    /// The fuzzy scores so far and the first matched byte, of the groups matched literally.
    fuzzy: i32,
    first: usize,
    /// The terms that match only fuzzily (one per group), to be scored for the tie-break.
    pending: Vec<&'a Prepared<'q>>,
}

impl HayMatch<'_, '_> {
    /// The tie-break (see [`rank::tie_break`]), the pending fuzzy matches scored; `None` if one of
    /// them does not match after all (never: [`matcher::match_unscored`] is exact).
    fn tie(&self, hay: Hay) -> Option<i64> {
        let (mut fuzzy, mut first) = (self.fuzzy, self.first);
        for p in &self.pending {
            let m = matcher::score_fuzzy(hay, p)?;
            fuzzy += m.fuzzy;
            first = first.min(m.first);
        }
        Some(rank::tie_break(fuzzy, first, hay.folded.len()))
    }
}

/// Matches all groups against one haystack: the class, with the fuzzy matches (titles) left to
/// score until the whole haystack is seen to match, and then only when the tie-break is asked
/// for ([`HayMatch::tie`]); `None` when it does not match.
fn hay_match<'a, 'q>(
    hay: Hay,
    groups: &'a [Vec<Prepared<'q>>],
    phrase: &[usize],
    title: bool,
    skel: Option<&Skeleton>,
) -> Option<HayMatch<'a, 'q>> {
    let mut class = Class::Phrase;
    let (mut fuzzy, mut first, mut positive) = (0, usize::MAX, false);
    let mut pending = Vec::new();
    // Stop words («и», «для», «в») need not match, unless the query is nothing but stop words.
    let optional = |g: &Vec<Prepared>| g.iter().all(|p| p.term.stopword);
    let all_optional = groups.iter().all(optional);
    for g in groups {
        let mut best: Option<(matcher::TermMatch, &Prepared)> = None;
        let mut negative_ok = false;
        for p in g {
            if p.term.negated {
                negative_ok |= !matcher::excluded(hay, p);
            } else if let Some(m) = matcher::match_unscored(hay, p, title, skel)
                && best.is_none_or(|b| m.class > b.0.class)
            {
                best = Some((m, p));
            }
        }
        match best {
            Some((m, p)) => {
                class = class.min(m.class);
                if m.class == Class::Fuzzy {
                    pending.push(p);
                } else {
                    fuzzy += m.fuzzy;
                    first = first.min(m.first);
                }
                positive = true;
            }
            None if negative_ok => {}
            None if !all_optional && optional(g) => {}
            None => return None,
        }
    }
    if !positive {
        class = Class::Substring;
        first = 0;
    } else if class == Class::Phrase {
        class = Class::Word;
    }
    if phrase.len() >= 2 && class >= Class::Substring && phrase_at(hay, groups, phrase) {
        class = Class::Phrase;
    }
    Some(HayMatch { class, fuzzy, first, pending })
}

/// True when the phrase terms occur in order as consecutive words (word forms by stem; the last may
/// be a word prefix), whatever spaces or punctuation separate them.
/// `phrase` holds the indices of the phrase's single-term groups in `groups`.
fn phrase_at(hay: Hay, groups: &[Vec<Prepared>], phrase: &[usize]) -> bool {
    let s = hay.folded;
    let word = crate::text::fold::is_word_char;
    matcher::word_start_ends(hay, &groups[phrase[0]][0]).take(64).any(|end| {
        let mut pos = end;
        for p in phrase[1..].iter().map(|&g| &groups[g][0]) {
            let gap = s[pos..].char_indices().find(|&(_, c)| word(c)).map_or(s.len() - pos, |(i, _)| i);
            if gap == 0 || !s[pos..pos + gap].chars().all(|c| !word(c) && c != '\n') {
                return false;
            }
            pos += gap;
            match matcher::word_match_end(hay, pos, p) {
                Some(end) => pos = end,
                None => return false,
            }
        }
        true
    })
}

/// Builds a hit: match ranges in characters and a snippet.
#[allow(clippy::too_many_arguments)]
fn hit(
    index: &Index,
    id: usize,
    score: i64,
    class: Class,
    on_key: bool,
    groups: &[Vec<Prepared>],
    skel: Option<&Skeleton>,
    width: usize,
) -> Hit {
    let item: &Item = &index.items[id];
    let folded = item.folded();
    let hay = match (&item.alt, on_key) {
        (Some(alt), true) => Hay { text: alt, folded: alt },
        _ => folded.hay(),
    };
    let skel = if on_key { None } else { skel };
    let matches = ranges(hay, groups.iter().flatten(), item.field.is_title() || on_key, skel);
    let snippet = snippet::make(hay.text, &matches, width);
    Hit {
        doc: item.doc,
        item: id,
        section: item.section,
        field: item.field,
        region: index.docs[item.doc].region.clone(),
        key: item.key.to_string(),
        title: item.title.to_string(),
        score,
        class,
        on_key,
        matches,
        snippet,
        path: item.section.map(|sec| index.path_titles(sec)).unwrap_or_default(),
        versions: vec![item.doc],
    }
}

/// Character ranges where the positive terms match in `hay`.
fn ranges<'a, 'q: 'a>(
    hay: Hay,
    terms: impl Iterator<Item = &'a Prepared<'q>>,
    fuzzy: bool,
    skel: Option<&Skeleton>,
) -> Vec<Range<usize>> {
    let mut bytes: Vec<Range<usize>> = Vec::new();
    for p in terms.filter(|p| !p.term.negated) {
        // Only the class is read: a fuzzy match is not scored here (`term_ranges` finds its letters).
        if let Some(m) = matcher::match_unscored(hay, p, fuzzy, skel) {
            matcher::term_ranges(hay, p, m.class, skel, &mut bytes);
        }
    }
    char_ranges(hay.text, merge(bytes))
}

/// Matched character ranges of `query` in any displayed text, e.g. the lines of the section a hit
/// opened, so that the TUI can highlight matches and move between them: word and substring matches
/// of each positive term, and OCR skeleton matches when `ocr` (no fuzzy matching outside titles).
pub fn highlight(text: &str, query: &Query, ocr: bool) -> Vec<Range<usize>> {
    let folded = index::fold_same_layout(text);
    let hay = Hay { text, folded: &folded };
    let skel = ocr.then(|| index::skeleton(&folded));
    let prepared: Vec<Prepared> = query.groups.iter().flatten().map(Prepared::new).collect();
    ranges(hay, prepared.iter(), false, skel.as_ref())
}

/// Sorts ranges and merges overlapping or touching ones.
fn merge(mut r: Vec<Range<usize>>) -> Vec<Range<usize>> {
    r.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(r.len());
    for x in r {
        match out.last_mut() {
            Some(last) if x.start <= last.end => last.end = last.end.max(x.end),
            _ => out.push(x),
        }
    }
    out
}

/// Converts sorted byte ranges of `text` to character ranges.
fn char_ranges(text: &str, bytes: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(bytes.len());
    let (mut b, mut c) = (0usize, 0usize);
    let mut to_char = |target: usize| {
        c += text[b..target].chars().count();
        b = target;
        c
    };
    for r in bytes {
        let s = to_char(r.start);
        let e = to_char(r.end);
        out.push(s..e);
    }
    out
}
