//! A word index of the items, for the TUI's keystrokes: every distinct word of the items' text
//! (and of section keys, and of section titles with the titles above them) with the items it occurs
//! in, so that a query finds the items it can match, and an upper bound of how well each matches,
//! from the vocabulary instead of scanning all text (the first letters of a query match most of a
//! large corpus).
//!
//! A plain or exact term's stem has only word characters, so each occurrence lies inside one word
//! of the text: the matches of such a term in an item are its matches in the item's words, and
//! [`matcher::occurrences`] run on a word alone gives the classes it gives on the item there.
//! Titles and names also match fuzzily: a per-title mask of its letters (and of the letters that
//! start its words) rejects the titles whose letters cannot hold the term's.

use super::index::{Item, fold_layout};
use super::matcher::{self, Class, Hay, Prepared};
use super::query::{Term, TermKind};
use super::{Found, ItemMatch, Options, Scored, rank};
use crate::compare::norm::FxMap;
use crate::text::fold::is_word_char;
use memchr::memmem::Finder;
use std::borrow::Cow;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// The words of the items' text, of section keys apart (a match in a key ranks below one in the
/// title), and of section titles' context (the titles above them); letter masks of titles.
#[derive(Debug, Default)]
pub(crate) struct WordIndex {
    /// Words of the items' text.
    pub(crate) text: Words,
    /// Words of section keys.
    pub(crate) keys: Words,
    /// Words of section titles with the titles of the sections above them.
    pub(crate) ctx: Words,
    /// The first word of each item's text, key and context, when the string starts with it: the
    /// only words a term anchored to the start (`^x`, `^x$`) can match in.
    leads: Leads,
    /// The title items (ascending) with the letter masks of their text and key.
    titles: Vec<(u32, Masks)>,
    /// The section titles with a context.
    contexts: Vec<u32>,
    /// The letters of each item's folded text and key (mask bits, see [`bit`]): which items hold a
    /// letter, and which may hold a term, without reading them.
    letters: Vec<u64>,
    /// Each item's field weight (see [`rank::field_weight`]), with [`TITLE`] set for titles and
    /// names: planning a query reads these rather than the items.
    kinds: Vec<u8>,
    /// Each item's folded length in bytes / 8, at most 24 999 (all [`rank::tie_bound`] reads of it).
    short: Vec<u16>,
}

/// A title or name, in [`WordIndex::kinds`].
const TITLE: u8 = 0x08;

/// The leading words of the items' text, keys and contexts (see [`WordIndex::leads`]).
#[derive(Debug, Default)]
struct Leads {
    text: Words,
    keys: Words,
    ctx: Words,
}

/// Letter masks of a title and of its key: letters present, letters starting a word.
#[derive(Debug, Clone, Copy, Default)]
struct Masks {
    text: (u64, u64),
    key: (u64, u64),
}

/// The mask bit of a folded character: Russian letters, Latin letters and digits apart, the rest
/// shared.
fn bit(c: char) -> u64 {
    let b = match c {
        'а'..='я' => c as u32 - 'а' as u32,
        'a'..='z' => 32 + (c as u32 - 'a' as u32),
        '0'..='9' => 58 + (c as u32 - '0' as u32) % 5,
        _ => 63,
    };
    1 << b
}

/// The characters of a folded text as mask bits (`masks(folded).0`), read byte by byte.
fn letters(folded: &str) -> u64 {
    let b = folded.as_bytes();
    let (mut all, mut i) = (0u64, 0);
    while i < b.len() {
        let x = b[i];
        let (bit, len) = match (x, b.get(i + 1).copied().unwrap_or(0)) {
            (b'a'..=b'z', _) => (32 + (x - b'a') as u32, 1),
            (b'0'..=b'9', _) => (58 + (x - b'0') as u32 % 5, 1),
            (0..0x80, _) => (63, 1),
            // а..п and р..я
            (0xd0, y @ 0xb0..=0xbf) => ((y - 0xb0) as u32, 2),
            (0xd1, y @ 0x80..=0x8f) => (16 + (y - 0x80) as u32, 2),
            _ => (63, x.leading_ones().clamp(1, 4) as usize),
        };
        all |= 1 << bit;
        i += len;
    }
    all
}

/// The characters of a folded text, and those that start a word.
fn masks(folded: &str) -> (u64, u64) {
    let (mut all, mut starts, mut after_word) = (0, 0, false);
    for c in folded.chars() {
        all |= bit(c);
        let word = is_word_char(c);
        if word && !after_word {
            starts |= bit(c);
        }
        after_word = word;
    }
    (all, starts)
}

impl WordIndex {
    /// Indexes the words of every item's text, section key and title context.
    pub(crate) fn build<'a>(items: &'a [Item]) -> WordIndex {
        // The items' texts are folded here (the index keeps no folded copy); keys and contexts
        // are folded already.
        let text_of = |it: &'a Item| Some(it.text.as_str());
        let key_of = |it: &'a Item| it.alt.as_deref();
        let ctx_of = |it: &'a Item| it.ctx.as_deref();
        let (text, keys, ctx) = (
            Words::build(items, false, true, text_of),
            Words::build(items, false, false, key_of),
            Words::build(items, false, false, ctx_of),
        );
        let leads = Leads {
            text: Words::build(items, true, true, text_of),
            keys: Words::build(items, true, false, key_of),
            ctx: Words::build(items, true, false, ctx_of),
        };
        let mut titles = Vec::new();
        let mut letters = Vec::with_capacity(items.len());
        for (id, it) in items.iter().enumerate() {
            let folded = it.folded();
            letters.push(self::letters(folded.as_str()) | it.alt.as_deref().map_or(0, self::letters));
            if it.field.is_title() {
                let key = it.alt.as_deref().map(masks).unwrap_or_default();
                titles.push((id as u32, Masks { text: masks(folded.as_str()), key }));
            }
        }
        let contexts = (0..items.len() as u32).filter(|&id| items[id as usize].ctx.is_some()).collect();
        let kinds = (items.iter())
            .map(|it| rank::field_weight(it.field, false) as u8 | if it.field.is_title() { TITLE } else { 0 })
            .collect();
        // Folding keeps the byte layout: the folded length is the text's.
        let short = items.iter().map(|it| (it.text.len() / 8).min(24_999) as u16).collect();
        WordIndex { text, keys, ctx, leads, titles, contexts, letters, kinds, short }
    }

    /// What the word index holds, part by part, in bytes (capacities; for the scale benchmark).
    pub(crate) fn parts(&self) -> Vec<(&'static str, usize)> {
        let words = |w: &Words| w.text.capacity() + w.folded.capacity() + 4 * w.starts.capacity() + w.stems.capacity();
        let all = [&self.text, &self.keys, &self.ctx, &self.leads.text, &self.leads.keys, &self.leads.ctx];
        vec![
            ("word index: items of the words of the texts", 4 * (self.text.ids.capacity() + self.text.offs.capacity())),
            (
                "word index: items of the other words",
                all[1..].iter().map(|w| 4 * (w.ids.capacity() + w.offs.capacity())).sum(),
            ),
            ("word index: the words", all.iter().map(|w| words(w)).sum()),
            (
                "word index: per item and per title",
                11 * self.letters.capacity()
                    + 4 * self.contexts.capacity()
                    + self.titles.capacity() * std::mem::size_of::<(u32, Masks)>(),
            ),
        ]
    }

    /// The section titles whose context (the titles above and their own) may match the query's
    /// groups: it holds a term of every group that must match literally there (no negation, not
    /// only stop words). The group of the longest term is looked up in the index, the others are
    /// looked for in its titles' contexts; every context when no such group can be looked up.
    pub(crate) fn in_context(&self, items: &[Item], groups: &[Vec<Prepared>]) -> Vec<usize> {
        let optional = |g: &Vec<Prepared>| g.iter().all(|p| p.term.stopword);
        let all_optional = groups.iter().all(optional);
        let needed: Vec<&Vec<Prepared>> =
            (groups.iter()).filter(|g| (all_optional || !optional(g)) && g.iter().all(|p| !p.term.negated)).collect();
        let longest = |g: &&&Vec<Prepared>| Reverse(g.iter().map(|p| p.term.stem.len()).min());
        let Some(&first) = needed.iter().filter(|g| g.iter().all(|p| indexable(p.term))).min_by_key(longest) else {
            return self.contexts.iter().map(|&id| id as usize).collect();
        };
        let mut out = Vec::new();
        for p in first {
            let ctx = self.sources(p).2;
            for (k, _, _) in ctx.matching(p) {
                out.extend(ctx.items(k).iter().map(|&id| id as usize));
            }
        }
        out.sort_unstable();
        out.dedup();
        out.retain(|&id| {
            let Some(c) = items[id].ctx.as_deref() else { return false };
            let hay = Hay { text: c, folded: c };
            let holds = |g: &Vec<Prepared>| g.iter().any(|p| matcher::match_term(hay, p, false, None).is_some());
            needed.iter().all(|g| std::ptr::eq(*g, first) || holds(g))
        });
        out
    }

    /// The words of the items' text, keys and contexts a term can match in: the leading words for
    /// a term anchored to the start, else all.
    pub(crate) fn sources(&self, p: &Prepared) -> (&Words, &Words, &Words) {
        match p.term.kind {
            TermKind::Prefix | TermKind::Equal => (&self.leads.text, &self.leads.keys, &self.leads.ctx),
            _ => (&self.text, &self.keys, &self.ctx),
        }
    }

    /// True when item `id` is a title or name.
    fn is_title(&self, id: u32) -> bool {
        self.kinds[id as usize] & TITLE != 0
    }

    /// The field weight of item `id`.
    fn weight(&self, id: u32) -> usize {
        (self.kinds[id as usize] & 0x07) as usize
    }

    /// True when item `id` is in the search's scope and document.
    fn admits(&self, items: &[Item], opts: &Options, id: u32) -> bool {
        let scoped = match opts.scope {
            super::Scope::All => true,
            super::Scope::Titles => self.is_title(id),
            super::Scope::Text => !self.is_title(id),
        };
        scoped && opts.doc.is_none_or(|d| d == items[id as usize].doc)
    }

    /// The highest score tie-break item `id` can get (see [`rank::tie_bound`]).
    fn tie_bound(&self, fuzzy: bool, id: u32) -> i64 {
        rank::tie_bound(fuzzy, self.short[id as usize] as usize * 8)
    }

    /// Titles whose text or key may match the fuzzy pattern of `p` (a plain term): they hold all
    /// its letters, and a word of them starts with its first.
    fn fuzzy_titles<'a>(&'a self, p: &Prepared) -> impl Iterator<Item = u32> + 'a {
        let (pattern, _) = masks(&p.term.folded);
        let first = p.term.folded.chars().next().filter(|&c| is_word_char(c)).map_or(0, bit);
        let fits = move |(all, starts): (u64, u64)| all & pattern == pattern && starts & first != 0;
        let live = first != 0 && p.term.kind == TermKind::Fuzzy;
        self.titles.iter().filter(move |(_, m)| live && (fits(m.text) || fits(m.key))).map(|&(id, _)| id)
    }
}

/// A word a term occurs in: the word, the best class there, and whether that is the term's match
/// in every item holding the word.
pub(crate) type WordMatch = (usize, Class, bool);

/// Distinct words with their items.
#[derive(Debug, Default)]
pub(crate) struct Words {
    /// The words as displayed, each after a `\n`: `"\nw1\nw2…\n"`.
    text: String,
    /// `text` folded, with the same byte layout.
    folded: String,
    /// Where word `k` starts in `text`: `starts[k]..starts[k + 1] - 1`.
    starts: Vec<u32>,
    /// Items of word `k`, ascending: `ids[offs[k]..offs[k + 1]]`.
    offs: Vec<u32>,
    ids: Vec<u32>,
    /// Only the first word of each string, when the string starts with it.
    lead: bool,
    /// The byte length of each word's stem (at most 255), for the words of an item that have a
    /// term's stem without reading the item.
    stems: Vec<u8>,
}

/// How many words (maximal runs of word characters) a text has, at least as many as its folded
/// form ([`tokens`]; folding keeps letters letters), read by bytes where it is ASCII or Russian.
fn runs(s: &str) -> usize {
    let b = s.as_bytes();
    let (mut n, mut in_word, mut i) = (0, false, 0);
    while i < b.len() {
        let (word, len) = match b[i] {
            x if x < 0x80 => (x.is_ascii_alphanumeric(), 1),
            // U+0400..U+047F: Cyrillic letters.
            0xD0 | 0xD1 => (true, 2),
            _ => {
                let c = s[i..].chars().next().unwrap_or_default();
                (is_word_char(c), c.len_utf8())
            }
        };
        n += usize::from(word && !in_word);
        in_word = word;
        i += len;
    }
    n
}

/// Appends a number to `out` in as few bytes as it takes: seven bits a byte, low bits first, the
/// top bit set on every byte but the last.
fn put_number(out: &mut Vec<u8>, mut k: u32) {
    while k >= 0x80 {
        out.push(k as u8 | 0x80);
        k >>= 7;
    }
    out.push(k as u8);
}

/// The numbers [`put_number`] wrote, in order.
fn numbers(b: &[u8]) -> impl Iterator<Item = u32> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        let (mut k, mut shift) = (0u32, 0);
        loop {
            let x = *b.get(i)?;
            i += 1;
            k |= u32::from(x & 0x7f) << shift;
            if x < 0x80 {
                return Some(k);
            }
            shift += 7;
        }
    })
}

/// Byte ranges of the words of a folded text (maximal runs of word characters).
fn tokens(folded: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut start: Option<usize> = None;
    folded.char_indices().map(Some).chain(std::iter::once(None)).filter_map(move |ci| match ci {
        Some((b, c)) if is_word_char(c) => {
            start.get_or_insert(b);
            None
        }
        Some((b, _)) => start.take().map(|s| (s, b)),
        None => start.take().map(|s| (s, folded.len())),
    })
}

impl Words {
    /// Indexes the words of one text of each item (display text, folded here when `fold`, else
    /// folded already), or only its first word when the text starts with it (`lead`).
    fn build<'a>(items: &'a [Item], lead: bool, fold: bool, text: impl Fn(&'a Item) -> Option<&'a str>) -> Words {
        // One pass numbers the words and lists each item's distinct words in one flat sequence
        // (no list per word: their growth left the allocator a trail of outgrown buffers, and the
        // build peaked well above what the index keeps), each word's number in as few bytes as
        // it takes ([`put_number`]: the common words, numbered first, take one or two, a quarter
        // of the list's bytes in `u32`s); a counting sort then lays the items of each word out in
        // ascending order.
        // Words by their display form, which gives their folded form (folding maps characters).
        let mut map: FxMap<&str, u32> = FxMap::default();
        let mut order: Vec<&str> = Vec::new();
        // last[k]: the last item word k was seen in, so an item lists a word once.
        let mut last: Vec<u32> = Vec::new();
        // At most one entry per word of the texts, of at most three bytes while there are fewer
        // than 2^21 words: made at that size, the list is never moved (grown by doubling, it held
        // its old and new copies at once); the pages it does not fill are never touched.
        let bound: usize =
            items.iter().filter_map(&text).map(|t| if lead { usize::from(!t.is_empty()) } else { runs(t) }).sum();
        let mut seq: Vec<u8> = Vec::with_capacity(bound.saturating_mul(3));
        let mut entries = 0usize;
        let mut ends: Vec<(u32, u32)> = Vec::new();
        for (id, it) in items.iter().enumerate() {
            let id = id as u32;
            let Some(shown) = text(it) else { continue };
            // (`text` gives the item's display text when `fold`.)
            let held;
            let folded = if fold {
                held = it.folded();
                held.as_str()
            } else {
                shown
            };
            for (s, e) in tokens(folded) {
                if lead && s > 0 {
                    break;
                }
                let w = &shown[s..e];
                let k = *map.entry(w).or_insert_with(|| {
                    order.push(w);
                    last.push(u32::MAX);
                    (order.len() - 1) as u32
                });
                if last[k as usize] != id {
                    last[k as usize] = id;
                    put_number(&mut seq, k);
                    entries += 1;
                }
                if lead {
                    break;
                }
            }
            if ends.last().map_or(0, |e| e.1) as usize != seq.len() {
                ends.push((id, seq.len() as u32));
            }
        }
        drop((map, last));
        let mut offs = vec![0u32; order.len() + 1];
        for k in numbers(&seq) {
            offs[k as usize + 1] += 1;
        }
        for k in 1..offs.len() {
            offs[k] += offs[k - 1];
        }
        let mut ids = vec![0u32; entries];
        let mut next = offs.clone();
        let mut from = 0;
        for (id, end) in ends {
            for k in numbers(&seq[from..end as usize]) {
                ids[next[k as usize] as usize] = id;
                next[k as usize] += 1;
            }
            from = end as usize;
        }
        drop((seq, next));
        let bytes: usize = order.iter().map(|w| w.len() + 1).sum::<usize>() + 1;
        let mut out = Words {
            text: String::with_capacity(bytes),
            folded: String::with_capacity(bytes),
            starts: Vec::with_capacity(order.len() + 1),
            offs,
            ids,
            lead,
            stems: Vec::with_capacity(order.len()),
        };
        out.text.push('\n');
        out.folded.push('\n');
        for text in order {
            let folded = if fold { fold_layout(text) } else { Cow::Borrowed(text) };
            out.stems.push(super::stem::stem(&folded).len().min(255) as u8);
            out.starts.push(out.text.len() as u32);
            out.text.push_str(text);
            out.text.push('\n');
            out.folded.push_str(&folded);
            out.folded.push('\n');
        }
        out.starts.push(out.text.len() as u32);
        out
    }

    /// The items word `k` occurs in, ascending.
    pub(crate) fn items(&self, k: usize) -> &[u32] {
        &self.ids[self.offs[k] as usize..self.offs[k + 1] as usize]
    }

    fn word(&self, k: usize) -> Hay<'_> {
        let (s, e) = (self.starts[k] as usize, self.starts[k + 1] as usize - 1);
        Hay { text: &self.text[s..e], folded: &self.folded[s..e] }
    }

    /// The word holding byte `pos` of the folded list, at or after word `from`.
    fn word_at(&self, from: usize, pos: usize) -> usize {
        // Galloping: the next hit is usually near.
        let rest = &self.starts[from..];
        let mut end = 1;
        while end < rest.len() && rest[end] as usize <= pos {
            end *= 2;
        }
        from + rest[..end.min(rest.len())].partition_point(|&s| s as usize <= pos) - 1
    }

    /// Every word whose folded form contains `needle` (word characters only), in order, with
    /// where in the word it first occurs.
    fn containing<'a>(&'a self, needle: &'a str) -> impl Iterator<Item = (usize, usize)> + 'a {
        let finder = Finder::new(needle.as_bytes());
        let hay = self.folded.as_bytes();
        let (mut at, mut k) = (0, 0);
        std::iter::from_fn(move || {
            let pos = at + finder.find(&hay[at..])?;
            k = self.word_at(k, pos);
            at = self.starts[k + 1] as usize;
            Some((k, pos - self.starts[k] as usize))
        })
    }

    /// The best class of a plain or exact term in word `k`, where its stem first occurs at byte
    /// `at` of the word: [`matcher::occurrences`]' first (only its first can start the word),
    /// told from the word's length and stem length when the term ignores case.
    fn class_in(&self, k: usize, at: usize, p: &Prepared) -> Option<Class> {
        let (t, w) = (p.term, self.word(k).folded);
        let plain = t.kind == TermKind::Fuzzy;
        if t.cased || t.stem.len() >= 255 {
            return matcher::occurrences(self.word(k), p).next().map(|o| o.class);
        }
        if at > 0 {
            // Inside the word: only the whole term counts, as a substring.
            let whole = w[at..].starts_with(t.folded.as_str());
            return match whole || !plain {
                true => Some(Class::Substring),
                false => matcher::occurrences(self.word(k), p).next().map(|o| o.class),
            };
        }
        if w.len() == t.folded.len() && (!plain || w == t.folded) {
            return Some(Class::Word);
        }
        if !plain {
            return Some(Class::Prefix);
        }
        // Another form of the word: its own stem is the term's (see `matcher::same_stem`).
        let same = match t.stem.chars().count() < super::stem::MIN_STEM {
            true => w == t.stem,
            false => w.len() <= t.stem.len() + 16 && self.stems[k] as usize == t.stem.len(),
        };
        Some(if same { Class::Stem } else { Class::Prefix })
    }

    /// Every word starting with `needle` (word characters only), in order.
    fn starting<'a>(&'a self, needle: &str) -> impl Iterator<Item = usize> + 'a {
        let needle = format!("\n{needle}");
        let finder = Finder::new(needle.as_bytes()).into_owned();
        let hay = self.folded.as_bytes();
        let (mut at, mut k) = (0, 0);
        // Each word follows a `\n`; the one after the word ends it and starts the next.
        std::iter::from_fn(move || {
            let pos = at + finder.find(&hay[at..])?;
            k = self.word_at(k, pos + 1);
            at = self.starts[k + 1] as usize - 1;
            Some(k)
        })
    }

    /// The words whose folded form is `folded` (one per way of writing it).
    fn equal(&self, folded: &str) -> Vec<usize> {
        let needle = format!("\n{folded}\n");
        let finder = Finder::new(needle.as_bytes());
        let (mut out, mut at) = (Vec::new(), 0);
        while let Some(i) = finder.find(&self.folded.as_bytes()[at..]) {
            let k = self.word_at(out.last().copied().unwrap_or(0), at + i + 1);
            out.push(k);
            // The `\n` ending this word starts the next.
            at = self.starts[k + 1] as usize - 1;
        }
        out
    }

    /// Every word the term occurs in (a term of word characters), with the best class of its
    /// occurrences there, and whether that is the term's match in an item holding the word (plain
    /// and exact terms, and a `^x` term in the leading words: the item's text starts with the
    /// word); for other anchored terms (`x$`, `^x$`), the words holding the folded term, to be
    /// checked on the item.
    pub(crate) fn matching(&self, p: &Prepared) -> Vec<WordMatch> {
        self.matching_within(p, &mut { usize::MAX }).unwrap_or_default()
    }

    /// [`Words::matching`] while the words' items, counted off `budget`, fit in it; `None` past it.
    pub(crate) fn matching_within(&self, p: &Prepared, budget: &mut usize) -> Option<Vec<WordMatch>> {
        let t = p.term;
        let mut out = Vec::new();
        let mut take = |out: &mut Vec<WordMatch>, w: WordMatch| {
            *budget = budget.checked_sub(self.items(w.0).len())?;
            out.push(w);
            Some(())
        };
        match t.kind {
            TermKind::Prefix | TermKind::Equal if self.lead => {
                for k in self.starting(&t.folded).filter(|&k| matcher::occurs_at(self.word(k), 0, t)) {
                    match (self.word(k).folded.len() == t.folded.len(), t.kind) {
                        (true, _) => take(&mut out, (k, Class::Word, t.kind == TermKind::Prefix))?,
                        (false, TermKind::Prefix) => take(&mut out, (k, Class::Prefix, true))?,
                        (false, _) => {}
                    }
                }
            }
            // Inside one word only its first occurrence can start the word: the best class.
            TermKind::Fuzzy | TermKind::Exact => {
                for (k, at) in self.containing(&t.stem) {
                    if let Some(class) = self.class_in(k, at, p) {
                        take(&mut out, (k, class, true))?;
                    }
                }
            }
            _ => {
                for (k, _) in self.containing(&t.folded) {
                    take(&mut out, (k, Class::Word, false))?;
                }
            }
        }
        Some(out)
    }
}

/// True when a term can be looked up in the word index: its text and folded form are word
/// characters only.
fn indexable(t: &Term) -> bool {
    !t.stem.is_empty() && t.folded.chars().all(is_word_char) && t.text.chars().all(is_word_char)
}

/// An item's state while a query is planned: 0 (out), or 1 + the best class it may match with,
/// with [`UNSURE`] set when it must be matched to know (titles, anchored terms, negations that
/// may not apply).
const UNSURE: u8 = 0x80;
/// Matched already (in the first pass over unsure items).
const MATCHED: u8 = 0x40;
/// A title that can match only fuzzily, not matched yet: it waits in the tiers like a sure item,
/// and is matched only if its tier is reached (or when the count must be exact).
const DEFERRED: u8 = 0x20;
/// With [`DEFERRED`]: a title known to match, only fuzzily on its own text (see
/// [`ItemMatch::Fuzzy`]), not scored yet.
const KNOWN: u8 = 0x01;
/// A sure item in the phrase tier on its bound, its phrase not checked yet: moved to the tier of
/// its class when its words do not follow each other.
const PHRASED: u8 = 0x10;
/// The class part of a state.
const CLASS: u8 = 0x0f;
/// A planner's mark: the source is sure (see [`UNSURE`]).
const SURE: u8 = 0x80;
/// A planner's mark: the item holds the term as a whole word.
const TOP: u8 = 0x40;
/// A planner's mark: the item holds a word with the term's stem.
const STEMMED: u8 = 0x20;

/// Narrowed candidates fewer than this are matched one by one rather than planned from the index.
pub(crate) const FEW: usize = 1500;

/// A required group planned: its words in the items' text (`None` when they have too many
/// items), how many items they have (at most, counting repeats), the group.
type Planned<'w, 'g> = (Option<Vec<(&'w Words, WordMatch)>>, usize, &'g Vec<Prepared<'g>>);

/// The words of a group's terms, while their items fit in `cap`.
fn plan<'w, 'g>(words: &'w WordIndex, g: &'g Vec<Prepared<'g>>, cap: usize) -> Planned<'w, 'g> {
    let mut budget = cap;
    let mut ws = Vec::new();
    for p in g {
        let text = words.sources(p).0;
        match text.matching_within(p, &mut budget) {
            Some(found) => ws.extend(found.into_iter().map(|w| (text, w))),
            None => return (None, usize::MAX, g),
        }
    }
    (Some(ws), cap - budget, g)
}

/// True when a term's best class in an item is bounded by its words: a whole word or the same
/// stem only in the words that are, else at best a word prefix (plain and exact terms).
fn bounded(p: &Prepared) -> bool {
    matches!(p.term.kind, TermKind::Exact | TermKind::Fuzzy)
}

/// True when item `id` (its main text `hay`) holds a plain or exact term ([`matcher::occurrences`]
/// finds one): its letter mask alone tells for a term of one letter, and rules out most items
/// lacking a longer term's letters before its text is read.
fn holds(words: &WordIndex, id: u32, item: &Item, p: &Prepared) -> bool {
    let letters = words.letters[id as usize];
    match letter_bit(p) {
        Some(b) => letters & b != 0,
        None => {
            let need = self::letters(&p.term.stem) & !(1 << 63);
            letters & need == need && matcher::occurrences(item.folded().hay(), p).next().is_some()
        }
    }
}

/// Bounds group `g` on each candidate (into `group`, as the planner's marks): a body item holds a
/// plain or exact term or not (its first occurrence), and matches it as a whole word or by its
/// stem only if it holds such a word; other terms, and titles (also through their key, the
/// titles above and fuzzily), are matched literally.
fn match_candidates(words: &WordIndex, items: &[Item], g: &[Prepared], cand: &[u32], group: &mut [u8]) {
    let text = &words.text;
    for p in g.iter().filter(|p| bounded(p)) {
        for k in text.equal(&p.term.folded) {
            text.items(k).iter().for_each(|&id| group[id as usize] |= TOP);
        }
        let stem = &p.term.stem;
        if p.term.kind == TermKind::Fuzzy && stem.chars().count() >= super::stem::MIN_STEM {
            // Another form of the word: its own stem is the term's (see `matcher::same_stem`).
            let same = |k: usize| {
                let w = text.word(k).folded;
                text.stems[k] as usize == stem.len() && w.len() <= stem.len() + 16 && w != p.term.folded
            };
            for k in text.starting(stem).filter(|&k| same(k)) {
                text.items(k).iter().for_each(|&id| group[id as usize] |= STEMMED);
            }
        }
    }
    let literal = |hay: Hay| g.iter().filter_map(|p| matcher::match_term(hay, p, false, None)).max_by_key(|m| m.class);
    for &id in cand {
        let marks = group[id as usize];
        let v = if words.is_title(id) {
            let it = &items[id as usize];
            match literal(it.folded().hay()) {
                Some(m) => SURE | (m.class as u8 + 1),
                None => {
                    // A title may still match fuzzily, or through its key or the titles above.
                    let side = [it.alt.as_deref(), it.ctx.as_deref()].into_iter().flatten();
                    let side = side.filter_map(|s| literal(Hay { text: s, folded: s })).map(|m| m.class).max();
                    let fuzzy = g.iter().any(|p| p.term.kind == TermKind::Fuzzy).then_some(Class::Fuzzy);
                    side.max(fuzzy).map_or(0, |c| c as u8 + 1)
                }
            }
        } else {
            let item = &items[id as usize];
            let best = match (marks & TOP != 0, marks & STEMMED != 0) {
                (true, _) => Class::Word,
                (false, true) => Class::Stem,
                _ => Class::Prefix,
            };
            let bound = |p: &Prepared| match bounded(p) {
                true => holds(words, id, item, p).then_some(best),
                false => matcher::match_term(item.folded().hay(), p, false, None).map(|m| m.class),
            };
            g.iter().filter_map(bound).max().map_or(0, |c| SURE | (c as u8 + 1))
        };
        group[id as usize] = v;
    }
}

/// Tiers of items by the bound of their score: class, then field weight (see `rank::score`).
const WEIGHTS: usize = 5;

/// Matches a waiting item for [`Best::run`]: the item, its tier's field weight, the tiers (to move
/// it to a lower one); its score, class and whether on its key, if it matches.
type Visit<'v> = dyn FnMut(u32, usize, &mut [Vec<u32>]) -> Option<(i64, Class, bool)> + 'v;

/// Items waiting to be matched in tiers by the bound of their score, and the best `keep` scores
/// so far (a min-heap): once the worst of them is above the bound of every item not yet matched,
/// the best are settled.
struct Best {
    tiers: Vec<Vec<u32>>,
    top: BinaryHeap<Reverse<i64>>,
    keep: usize,
    /// Every item matched so far.
    scored: Vec<Scored>,
}

impl Best {
    fn new(keep: usize) -> Best {
        let tiers = vec![Vec::new(); (Class::Phrase as usize + 1) * WEIGHTS];
        Best { tiers, top: BinaryHeap::with_capacity(keep.saturating_add(1).min(1 << 16)), keep, scored: Vec::new() }
    }

    /// An item to match later, bounded by this class and its field's weight.
    fn wait(&mut self, class: usize, weight: usize, id: u32) {
        self.tiers[class * WEIGHTS + weight].push(id);
    }

    /// A matched item.
    fn add(&mut self, s: Scored) {
        self.top.push(Reverse(s.0));
        if self.top.len() > self.keep {
            self.top.pop();
        }
        self.scored.push(s);
    }

    /// True when the best `keep` are known for sure, every item not matched yet scoring at most `bound`.
    fn settled(&self, bound: i64) -> bool {
        self.keep == 0 || (self.top.len() >= self.keep && self.top.peek().is_some_and(|r| r.0 > bound))
    }

    /// Matches the waiting items through `visit`, best tier
    /// first and inside a tier in order of the bound (shorter texts rank higher on a tie), a batch
    /// at a time, until the best are settled: true then, false when every tier is done (the items
    /// not waiting must then be bounded apart); `None` when cancelled.
    fn run(&mut self, words: &WordIndex, visit: &mut Visit, cancel: &(dyn Fn() -> bool + Sync)) -> Option<bool> {
        for t in (0..self.tiers.len()).rev() {
            if self.tiers[t].is_empty() {
                continue;
            }
            let (class, weight) = (t / WEIGHTS, t % WEIGHTS);
            let base = class as i64 * 1_000_000 + weight as i64 * 100_000;
            if self.settled(base + 99_999) {
                return Some(true);
            }
            let fuzzy = class == Class::Fuzzy as usize;
            let bound = |id: u32| base + words.tie_bound(fuzzy, id);
            let mut rest: Vec<(i64, u32)> =
                std::mem::take(&mut self.tiers[t]).iter().map(|&id| (bound(id), id)).collect();
            let mut batch = self.keep.saturating_sub(self.top.len()).max(64);
            while !rest.is_empty() {
                if cancel() {
                    return None;
                }
                let m = batch.min(rest.len());
                if m < rest.len() {
                    rest.select_nth_unstable_by(m - 1, |a, b| b.0.cmp(&a.0));
                }
                for &(_, id) in &rest[..m] {
                    if let Some((score, c, k)) = visit(id, weight, &mut self.tiers) {
                        self.add((score, id as usize, c, k));
                    }
                }
                rest.drain(..m);
                let left = rest.iter().map(|r| r.0).max().unwrap_or(i64::MIN);
                if !rest.is_empty() && self.settled(left) {
                    return Some(true);
                }
                batch = batch.saturating_mul(2);
            }
        }
        Some(false)
    }
}

/// The mask bit of a one-letter term that [`WordIndex::letters`] answers exactly: a plain or
/// exact term of one Russian or Latin letter, not cased (an item matches it if and only if its
/// text or key holds the letter, and always at least as a substring).
fn letter_bit(p: &Prepared) -> Option<u64> {
    let t = p.term;
    let mut chars = t.folded.chars();
    let c = chars.next()?;
    let one = chars.next().is_none() && t.stem == t.folded && !t.cased && !t.negated;
    (one && matches!(t.kind, TermKind::Fuzzy | TermKind::Exact) && matches!(c, 'а'..='я' | 'a'..='z')).then(|| bit(c))
}

/// A query of one one-letter term (see [`letter_bit`]), from scratch: every item holding the letter
/// matches, strongly, told by the letter masks; the best `keep` come from the words equal to the
/// letter, then those starting with it, then those holding it inside, each class of words marked
/// only while the best are not settled (a letter's words hold most of the index's postings).
fn find_letter(
    index: &super::Index,
    words: &WordIndex,
    p: &Prepared,
    opts: &Options,
    keep: usize,
    eval: &(dyn Fn(usize) -> Option<(i64, Class, bool)> + Sync),
    cancel: &(dyn Fn() -> bool + Sync),
) -> Option<Option<Found>> {
    let (items, letter) = (&index.items, letter_bit(p)?);
    let admitted = |id: u32| words.admits(items, opts, id);
    let matched: Vec<usize> =
        (0..items.len()).filter(|&id| words.letters[id] & letter != 0 && admitted(id as u32)).collect();
    if cancel() {
        return Some(None);
    }
    let c = p.term.folded.as_str();
    let mut waiting = vec![false; items.len()];
    let mut best = Best::new(keep);
    for class in [Class::Word, Class::Prefix, Class::Substring] {
        if best.settled(rank::score(class, super::Field::SectionTitle, false, 99_999)) {
            break;
        }
        for side in [&words.text, &words.keys] {
            let found: Vec<usize> = match class {
                Class::Word => side.equal(c),
                Class::Prefix => side.starting(c).filter(|&k| side.word(k).folded.len() > c.len()).collect(),
                _ => side.containing(c).filter(|&(_, at)| at > 0).map(|(k, _)| k).collect(),
            };
            for k in found {
                for &id in side.items(k) {
                    let w = &mut waiting[id as usize];
                    if !*w && admitted(id) {
                        *w = true;
                        best.wait(class as usize, words.weight(id), id);
                    }
                }
            }
        }
        if cancel() {
            return Some(None);
        }
        best.run(words, &mut |id, _, _| eval(id as usize), cancel)?;
    }
    let strong = matched.len();
    Some(Some((best.scored, matched, strong, Vec::new())))
}

/// Matches an item: its score, class and whether on its key (see `super::eval_item`).
type Eval<'a> = dyn Fn(usize) -> Option<(i64, Class, bool)> + Sync + 'a;
/// Tells whether an item matches, without scoring a fuzzy match (see `super::match_item`).
type Judge<'a, 'q> = dyn Fn(usize) -> Option<ItemMatch<'a, 'q>> + Sync + 'a;

/// A query answered from the word index: the items every required group can match, with an
/// upper bound of each one's score, come from the vocabulary (and the title masks); items are
/// then matched in order of that bound, best first, only until `keep` of them score above every
/// item not yet matched. The outcome equals a scan's: the same best `keep` (the rest of `scored`
/// may be left out), every matching item in `matched`, the same `strong` count. Titles, terms
/// anchored to the field's start or end and groups the index cannot answer are matched, not
/// predicted. Only `candidates` are looked at when given (narrowed from the previous keystroke,
/// with [`super::with_context`]). When [`Options::lazy`], titles that can only match fuzzily (or worse) and
/// whose tier is not reached are left unmatched: they are returned as unsure, not in `matched`
/// (they cannot be among the best `keep`, nor strong). `None` when the index cannot narrow the
/// query (no required group of word terms); `Some(None)` when cancelled.
#[allow(clippy::too_many_arguments)]
pub(crate) fn find(
    index: &super::Index,
    words: &WordIndex,
    groups: &[Vec<Prepared>],
    phrased: Option<&(dyn Fn(usize) -> bool + Sync)>,
    opts: &Options,
    keep: usize,
    candidates: Option<&[usize]>,
    (eval, judge): (&Eval<'_>, &Judge<'_, '_>),
    cancel: &(dyn Fn() -> bool + Sync),
) -> Option<Option<Found>> {
    let optional = |g: &Vec<Prepared>| g.iter().all(|p| p.term.stopword);
    let all_optional = groups.iter().all(optional);
    let (mut required, mut negations, mut opaque) = (Vec::new(), Vec::new(), false);
    let mut skipped = false;
    for g in groups {
        if !all_optional && optional(g) {
            // Need not match: it only lowers the class, which stays bounded (but a title's
            // stop word may match fuzzily, and the title is then not strong).
            skipped = true;
        } else if g.iter().all(|p| !p.term.negated && indexable(p.term)) {
            required.push(g);
        } else if let [p] = g.as_slice()
            && p.term.negated
            && indexable(p.term)
        {
            negations.push(p);
        } else {
            opaque = true;
        }
    }
    if required.is_empty() {
        return None;
    }
    if let ([g], [], false, false, None) = (required.as_slice(), negations.as_slice(), opaque, skipped, candidates)
        && let [p] = g.as_slice()
        && letter_bit(p).is_some()
    {
        return find_letter(index, words, p, opts, keep, eval, cancel);
    }
    let items = &index.items;
    let n = items.len();
    // Each required group's words, the smallest group first: the group of the longest term is
    // looked up, then the others while their items fit in 8 times its own (`None` past that: far
    // more than the candidates, so the group is matched on each candidate instead).
    let longest = |g: &&&Vec<Prepared>| Reverse(g.iter().map(|p| p.term.stem.len()).min());
    let first = required.iter().min_by_key(longest).copied()?;
    let mut planned: Vec<Planned> = vec![plan(words, first, usize::MAX)];
    let cap = planned[0].1.saturating_mul(8);
    planned.extend(required.iter().filter(|g| !std::ptr::eq(**g, first)).map(|g| plan(words, g, cap)));
    planned.sort_by_key(|p| p.1);
    if cancel() {
        return Some(None);
    }
    // group[id]: the item's bound for the group at hand (`SURE` set when a source is sure, `TOP`
    // when it holds a whole-word match); state[id]: over the groups so far.
    let mut group = vec![0u8; n];
    let mut state = vec![0u8; n];
    let mut cand: Vec<u32> = Vec::new();
    // The best class any source allows; sure when one source is.
    let mark = |group: &mut [u8], id: u32, v: u8| {
        let g = &mut group[id as usize];
        *g = (*g & CLASS).max(v & CLASS) | ((*g | v) & SURE);
    };
    for (gi, (ws, postings, g)) in planned.iter().enumerate() {
        match ws {
            Some(ws) if gi == 0 || *postings <= cand.len().saturating_mul(8) => {
                for &(text, (k, class, exact)) in ws {
                    let v = (class as u8 + 1) | if exact { SURE } else { 0 };
                    text.items(k).iter().for_each(|&id| mark(&mut group, id, v));
                }
                // Section titles also match through their key and with the titles above them,
                // and titles and keys fuzzily: all matched later, each bounded by its best class.
                for p in g.iter() {
                    let (_, keys, ctx) = words.sources(p);
                    for side in [keys, ctx] {
                        for (k, class, _) in side.matching(p) {
                            side.items(k).iter().for_each(|&id| mark(&mut group, id, class as u8 + 1));
                        }
                    }
                    let v = Class::Fuzzy as u8 + 1;
                    words.fuzzy_titles(p).for_each(|id| mark(&mut group, id, v));
                }
            }
            // Far fewer candidates than postings: the group is matched on each candidate.
            _ => match_candidates(words, items, g, &cand, &mut group),
        }
        let unsure = |g: u8| match g & CLASS {
            0 => 0,
            c => c | if g & SURE == 0 { UNSURE } else { 0 },
        };
        if gi == 0 {
            cand = (0..n as u32).filter(|&id| group[id as usize] != 0).collect();
            cand.iter().for_each(|&id| state[id as usize] = unsure(group[id as usize]));
        } else {
            cand.retain(|&id| {
                let (s, g) = (&mut state[id as usize], unsure(group[id as usize]));
                *s = if g == 0 { 0 } else { (*s & CLASS).min(g & CLASS) | ((*s | g) & UNSURE) };
                *s != 0
            });
        }
        group.fill(0);
        if cancel() {
            return Some(None);
        }
    }
    // Negated words: body items surely holding one (an exact term, a `^x` leading word) are
    // out; the others are matched.
    for p in negations {
        let text = words.sources(p).0;
        for (k, _, sure) in text.matching(p) {
            for &id in text.items(k) {
                let s = &mut state[id as usize];
                if *s != 0 {
                    *s = if sure && !words.is_title(id) { 0 } else { *s | UNSURE };
                }
            }
        }
    }
    // Narrowed from the previous keystroke: nothing else can match (titles are the costly part).
    if let Some(c) = candidates {
        group.fill(0);
        c.iter().for_each(|&id| group[id] = 1);
        cand.retain(|&id| group[id as usize] != 0);
    }
    cand.sort_unstable();
    cand.retain(|&id| state[id as usize] != 0 && words.admits(items, opts, id));
    // Unsure items are matched now; the others go to tiers by the bound of their score: class,
    // then field weight (see `rank::score`). So do titles that can match only fuzzily: most of
    // a short query's matches, never strong, rarely among the best.
    let mut best = Best::new(keep);
    let mut strong = 0;
    let fuzzy_bound = Class::Fuzzy as u8 + 1;
    for (i, &id) in cand.iter().enumerate() {
        if i % 4096 == 0 && cancel() {
            return Some(None);
        }
        let (s, title) = (&mut state[id as usize], words.is_title(id));
        if !opaque && title && *s & UNSURE != 0 && *s & CLASS <= fuzzy_bound {
            let class = ((*s & CLASS) - 1) as usize;
            *s = DEFERRED;
            best.wait(class, words.weight(id), id);
            continue;
        }
        if opaque || *s & UNSURE != 0 || (skipped && title) {
            *s = 0;
            match judge(id as usize) {
                Some(ItemMatch::Scored(score, c, k)) => {
                    best.add((score, id as usize, c, k));
                    *s = MATCHED;
                    strong += usize::from(c >= Class::Substring);
                }
                // Matches, not strongly: scored only if its tier is reached.
                Some(ItemMatch::Fuzzy(_)) => {
                    *s = DEFERRED | KNOWN;
                    best.wait(Class::Fuzzy as usize, words.weight(id), id);
                }
                None => {}
            }
            continue;
        }
        strong += 1;
        let mut class = (*s & CLASS) - 1;
        if phrased.is_some() && class >= Class::Substring as u8 {
            // Bounded by the phrase until its words are seen to follow each other.
            class = Class::Phrase as u8;
            *s |= PHRASED;
        }
        best.wait(class as usize, words.weight(id), id);
    }
    let mut visit = |id: u32, weight: usize, tiers: &mut [Vec<u32>]| {
        let s = &mut state[id as usize];
        if *s & PHRASED != 0 {
            *s &= !PHRASED;
            if !phrased.is_some_and(|f| f(id as usize)) {
                tiers[((*s & CLASS) - 1) as usize * WEIGHTS + weight].push(id);
                return None;
            }
        }
        let found = eval(id as usize);
        let s = &mut state[id as usize];
        if *s & DEFERRED != 0 {
            *s = if found.is_some() { MATCHED } else { 0 };
        }
        found
    };
    best.run(words, &mut visit, cancel)?;
    // Deferred titles whose tier was not reached: unsure when lazy, else matched now (known
    // fuzzy matches are matches either way).
    let (lazy, mut unsure) = (opts.lazy, Vec::new());
    for (i, &id) in cand.iter().enumerate() {
        if !lazy && i % 4096 == 0 && cancel() {
            return Some(None);
        }
        let s = &mut state[id as usize];
        if *s & DEFERRED == 0 {
            continue;
        }
        if *s & KNOWN != 0 {
            *s = MATCHED;
            continue;
        }
        if lazy {
            unsure.push(id as usize);
            *s = 0;
            continue;
        }
        *s = if judge(id as usize).is_some() { MATCHED } else { 0 };
    }
    let matched: Vec<usize> = cand.iter().filter(|&&id| state[id as usize] != 0).map(|&id| id as usize).collect();
    Some(Some((best.scored, matched, strong, unsure)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One-term queries answered from the word index give exactly what a scan of every item gives:
    /// the same hits in the same order, every match, the same count of strong ones.
    #[test]
    fn word_index_answers_as_a_scan_does() {
        use crate::search::Index;
        let docs: Vec<_> = crate::samples::BUNDLED.iter().map(|(n, j)| crate::load::parse(n, j).unwrap()).collect();
        let (plain, indexed) = (Index::build(&docs), Index::build(&docs));
        indexed.build_words();
        let terms = [
            "и",
            "ц",
            "иск",
            "здрав",
            "Е",
            "ЕГИСЗ",
            "телемедицина",
            "'госуслуг",
            "цпг",
            "зрвх",
            "health",
            "problems",
            "2024",
            "в",
            "цифровой",
            "платформ",
            "ии",
            "ж",
            "tubcp",
            "egisz",
            "яяя",
            "phc",
            "цифровой профиль",
            "цифровой п",
            "проект здрав",
            "проекты здравоохранение",
            "образование !дополнительн",
            "образование !^доп",
            "здрав | образ",
            "^проект",
            "связи$",
            "^цифровая экономика$",
            "Цифровой проф",
            "и в",
            "цифр !'платформ",
            "platform.health",
            "медицинских организаций",
            "платформа обратной связи",
            "телемед !зрвх",
            "ии проект",
            "2024 год",
            "егисз | !школ",
            "problems цифр",
            // A second word's first letter (bounded from its whole-word matches, its phrase
            // checked in the phrase tier) and terms anchored to the start (leading words).
            "информационной б",
            "платформа о",
            "цифровой 'п",
            "п цифровой",
            "^п",
            "^Ц",
            "^з",
            "проект ^з",
            "^здрав | ^образ",
            "цифр !^цифр",
        ];
        for t in terms {
            answers_as_a_scan(&plain, &indexed, t);
        }
    }

    /// Every one-letter query (answered from the letter masks when not cased) gives what a scan of
    /// every item gives, lazily or not, in every scope.
    #[test]
    fn one_letter_queries_answer_as_a_scan_does() {
        let docs: Vec<_> = crate::samples::BUNDLED.iter().map(|(n, j)| crate::load::parse(n, j).unwrap()).collect();
        let (plain, indexed) = (crate::search::Index::build(&docs), crate::search::Index::build(&docs));
        indexed.build_words();
        let letters = ('а'..='я').chain('a'..='z').chain(['ё', 'И', 'Ц', 'P']);
        for t in letters.map(String::from).chain(["'п".into(), "'z".into()]) {
            answers_as_a_scan(&plain, &indexed, &t);
        }
    }

    /// One query searched in four scopes on an index without and with its word index: the same
    /// hits, matches, strong count and reading; lazily, the same hits and strong count at once,
    /// the same matches once settled.
    fn answers_as_a_scan(plain: &crate::search::Index, indexed: &crate::search::Index, t: &str) {
        use crate::search::{Options, Query, Scope, run_grouped, settle};
        for (scope, limit, group, doc) in [
            (Scope::All, 3, false, None),
            (Scope::All, 40, true, None),
            (Scope::Titles, 10, false, None),
            (Scope::Text, 7, true, Some(1)),
        ] {
            let q = Query::parse(t);
            let opts = Options { scope, limit, doc, ..Options::default() };
            let a = run_grouped(plain, &q, &opts, group, None, &|| false).unwrap();
            let b = run_grouped(indexed, &q, &opts, group, None, &|| false).unwrap();
            let view = |o: &crate::search::Outcome| {
                o.hits.iter().map(|h| (h.item, h.score, h.versions.clone(), h.snippet.clone())).collect::<Vec<_>>()
            };
            assert_eq!(view(&a), view(&b), "«{t}» {scope:?} {limit}");
            if a.matched != b.matched {
                let extra: Vec<_> = b.matched.iter().filter(|i| !a.matched.contains(i)).take(3).collect();
                for &&i in &extra {
                    eprintln!(
                        "{i} {:?} {:?}",
                        plain.items[i].field,
                        plain.items[i].text.chars().take(300).collect::<String>()
                    );
                }
            }
            assert_eq!(
                (&a.matched, a.strong, &a.shown_for),
                (&b.matched, b.strong, &b.shown_for),
                "«{t}» {scope:?} {limit}"
            );
            // Lazily: the same hits and strong count at once, the same matches once settled.
            let lazy = Options { lazy: true, ..opts };
            let mut c = run_grouped(indexed, &q, &lazy, group, None, &|| false).unwrap();
            assert_eq!(view(&a), view(&c), "lazy «{t}» {scope:?} {limit}");
            assert_eq!((a.strong, &a.shown_for), (c.strong, &c.shown_for), "lazy «{t}» {scope:?} {limit}");
            assert!(c.matched.iter().chain(&c.unsure).all(|i| a.matched.contains(i) || c.unsure.contains(i)));
            assert!(settle(indexed, &q, &lazy, &mut c, &|| false));
            assert_eq!((&a.matched, c.unsure.len()), (&c.matched, 0), "lazy «{t}» {scope:?} {limit}");
        }
    }

    /// Queries typed letter by letter, each narrowed from the previous keystroke's matches as the
    /// TUI does (lazily, among the matches and the unsure items, settled every other keystroke),
    /// give what a scan of every item gives from scratch.
    #[test]
    fn narrowed_keystrokes_answer_as_a_scan_does() {
        use crate::search::{Index, Options, Query, run_grouped, settle};
        let docs: Vec<_> = crate::samples::BUNDLED.iter().map(|(n, j)| crate::load::parse(n, j).unwrap()).collect();
        let (plain, indexed) = (Index::build(&docs), Index::build(&docs));
        indexed.build_words();
        let opts = Options { limit: 30, ..Options::default() };
        let lazy = Options { lazy: true, ..opts };
        for typed in [
            "цифровой профиль гражданина",
            "образование !дополнительн",
            "проект здрав",
            "ЕГИСЗ tubcp",
            "плат обр",
            "^проект цифр",
            "информационной безопасности",
            "цифровой п",
            "электронный д",
            "'п",
        ] {
            let mut prev: Option<(Query, Vec<usize>)> = None;
            for (k, end) in typed.char_indices().map(|(i, c)| i + c.len_utf8()).enumerate() {
                let q = Query::parse(&typed[..end]);
                let cand = prev.as_ref().filter(|(p, _)| !p.is_empty() && q.narrows(p)).map(|(_, m)| m.as_slice());
                let a = run_grouped(&plain, &q, &opts, true, None, &|| false).unwrap();
                let mut b = run_grouped(&indexed, &q, &lazy, true, cand, &|| false).unwrap();
                let view = |o: &crate::search::Outcome| o.hits.iter().map(|h| (h.item, h.score)).collect::<Vec<_>>();
                assert_eq!(view(&a), view(&b), "«{}»", &typed[..end]);
                assert_eq!(a.strong, b.strong, "«{}»", &typed[..end]);
                if k % 2 == 0 {
                    assert!(settle(&indexed, &q, &lazy, &mut b, &|| false));
                    assert_eq!(a.matched, b.matched, "«{}»", &typed[..end]);
                }
                let next = crate::search::union(&b.matched, &b.unsure);
                prev = (b.shown_for.is_none()).then_some((q, next));
            }
        }
    }

    /// Judging an item without scoring its fuzzy match gives what matching it gives: the same
    /// score, or a fuzzy match on its own text when judged so (every title of the samples).
    #[test]
    fn judging_an_item_is_matching_it_without_the_fuzzy_score() {
        use crate::search::{Index, ItemMatch, Options, Query, Terms, eval_item, match_item};
        let docs: Vec<_> = crate::samples::BUNDLED.iter().map(|(n, j)| crate::load::parse(n, j).unwrap()).collect();
        let index = Index::build(&docs);
        let opts = Options::default();
        let mut fuzzy = 0;
        for t in [
            "цифровой про",
            "информационной без",
            "медицинских ор",
            "цпг",
            "проект здрав",
            "Цифровой п",
            "и в",
            "ии | зрвх",
        ] {
            let q = Query::parse(t);
            let terms = Terms::new(&q);
            for id in (0..index.items.len()).filter(|&id| index.items[id].field.is_title()) {
                let (judged, eval) =
                    (match_item(&index, &terms, &opts, None, id), eval_item(&index, &terms, &opts, None, id));
                match (judged, eval) {
                    (None, None) => {}
                    (Some(ItemMatch::Scored(s, c, k)), Some(e)) => assert_eq!((s, c, k), e, "«{t}» {id}"),
                    (Some(ItemMatch::Fuzzy(_)), Some((_, Class::Fuzzy, false))) => fuzzy += 1,
                    (judged, eval) => panic!(
                        "«{t}» in «{}»: judged {:?}, evaluated {eval:?}",
                        index.items[id].text,
                        judged.map(|j| match j {
                            ItemMatch::Scored(s, c, k) => Some((s, c, k)),
                            ItemMatch::Fuzzy(_) => None,
                        })
                    ),
                }
            }
        }
        assert!(fuzzy > 100, "{fuzzy} fuzzy matches judged");
    }

    /// The letter masks read byte by byte are the masks of the characters.
    #[test]
    fn letters_are_the_masks_of_the_characters() {
        let docs: Vec<_> = crate::samples::BUNDLED.iter().map(|(n, j)| crate::load::parse(n, j).unwrap()).collect();
        let index = crate::search::Index::build(&docs);
        let mut texts: Vec<String> = index.items.iter().map(|it| it.folded().as_str().to_string()).collect();
        texts.extend(["".into(), "ё-й я.а п,р z0 9_ 𝔸ü€".into()]);
        for t in &texts {
            assert_eq!(letters(t), masks(t).0, "{t}");
        }
    }

    /// A text has at least as many runs of word characters as its folded form has words.
    #[test]
    fn a_text_has_at_least_the_words_of_its_folded_form() {
        let docs: Vec<_> = crate::samples::BUNDLED.iter().map(|(n, j)| crate::load::parse(n, j).unwrap()).collect();
        let index = crate::search::Index::build(&docs);
        for it in &index.items {
            assert!(runs(&it.text) >= tokens(it.folded().as_str()).count(), "«{}»", it.text);
        }
    }

    #[test]
    fn numbers_read_back_as_written() {
        let mut rng = crate::corpus::Rng::new(3);
        let want: Vec<u32> = (0..5000)
            .map(|i| match i % 4 {
                0 => rng.below(128) as u32,
                1 => rng.below(1 << 14) as u32,
                2 => rng.below(1 << 21) as u32,
                _ => u32::MAX - rng.below(1000) as u32,
            })
            .chain([0, 127, 128, 16383, 16384, u32::MAX])
            .collect();
        let mut b = Vec::new();
        want.iter().for_each(|&k| put_number(&mut b, k));
        assert_eq!(numbers(&b).collect::<Vec<_>>(), want);
    }

    #[test]
    fn tokens_are_runs_of_word_characters() {
        let s = "цифровой профиль, 2024-2030 гг.";
        let words: Vec<&str> = tokens(s).map(|(a, b)| &s[a..b]).collect();
        assert_eq!(words, ["цифровой", "профиль", "2024", "2030", "гг"]);
    }
}
