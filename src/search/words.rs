//! A word index of the items, for the TUI's short queries: every distinct word of the items' text
//! (and of section keys) with the items it occurs in, so that a one-term query finds the items it
//! matches, and an upper bound of how well each matches, from the vocabulary instead of scanning
//! all text (the first letters of a query match most of a large corpus).
//!
//! A plain or exact term's stem has only word characters, so each occurrence lies inside one word
//! of the text: the matches of such a term in an item are its matches in the item's words, and
//! [`matcher::occurrences`] run on a word alone gives the classes it gives on the item there.

use super::index::Item;
use super::matcher::{self, Class, Hay, Prepared};
use crate::compare::norm::FxMap;
use crate::text::fold::is_word_char;
use memchr::memmem::Finder;

/// The words of the items' text, and those of section keys apart (a match in a key ranks below
/// one in the title).
#[derive(Debug, Default)]
pub(crate) struct WordIndex {
    /// Words of the items' text.
    pub(crate) text: Words,
    /// Words of section keys.
    pub(crate) keys: Words,
}

impl WordIndex {
    /// Indexes the words of every item's text and section key.
    pub(crate) fn build(items: &[Item]) -> WordIndex {
        let text = Words::build(items, |it| Some((it.text.as_str(), it.folded.as_str())));
        let keys = Words::build(items, |it| it.alt.as_deref().map(|a| (a, a)));
        WordIndex { text, keys }
    }
}

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
    /// Indexes the words of one text of each item (display text and folded, same byte layout).
    fn build<'a>(items: &'a [Item], text: impl Fn(&'a Item) -> Option<(&'a str, &'a str)>) -> Words {
        let mut map: FxMap<(&str, &str), u32> = FxMap::default();
        let mut lists: Vec<Vec<u32>> = Vec::new();
        let mut order: Vec<(&str, &str)> = Vec::new();
        for (id, it) in items.iter().enumerate() {
            let id = id as u32;
            let Some((shown, folded)) = text(it) else { continue };
            for (s, e) in tokens(folded) {
                let w = (&shown[s..e], &folded[s..e]);
                let k = *map.entry(w).or_insert_with(|| {
                    lists.push(Vec::new());
                    order.push(w);
                    (lists.len() - 1) as u32
                });
                let list = &mut lists[k as usize];
                if list.last() != Some(&id) {
                    list.push(id);
                }
            }
        }
        let bytes: usize = order.iter().map(|w| w.0.len() + 1).sum::<usize>() + 1;
        let mut out = Words {
            text: String::with_capacity(bytes),
            folded: String::with_capacity(bytes),
            starts: Vec::with_capacity(order.len() + 1),
            offs: Vec::with_capacity(order.len() + 1),
            ids: Vec::with_capacity(lists.iter().map(Vec::len).sum()),
        };
        out.text.push('\n');
        out.folded.push('\n');
        for ((text, folded), list) in order.into_iter().zip(lists) {
            out.starts.push(out.text.len() as u32);
            out.text.push_str(text);
            out.text.push('\n');
            out.folded.push_str(folded);
            out.folded.push('\n');
            out.offs.push(out.ids.len() as u32);
            out.ids.extend_from_slice(&list);
        }
        out.starts.push(out.text.len() as u32);
        out.offs.push(out.ids.len() as u32);
        out
    }

    /// Number of distinct words.
    pub(crate) fn len(&self) -> usize {
        self.offs.len().saturating_sub(1)
    }

    /// The items word `k` occurs in, ascending.
    pub(crate) fn items(&self, k: usize) -> &[u32] {
        &self.ids[self.offs[k] as usize..self.offs[k + 1] as usize]
    }

    fn word(&self, k: usize) -> Hay<'_> {
        let (s, e) = (self.starts[k] as usize, self.starts[k + 1] as usize - 1);
        Hay { text: &self.text[s..e], folded: &self.folded[s..e] }
    }

    /// True when the term can be looked up here: a plain or exact term whose stem and text are
    /// word characters only.
    pub(crate) fn applies(p: &Prepared) -> bool {
        use super::query::TermKind;
        let t = p.term;
        matches!(t.kind, TermKind::Fuzzy | TermKind::Exact)
            && !t.negated
            && !t.stem.is_empty()
            && t.folded.chars().all(is_word_char)
            && t.text.chars().all(is_word_char)
    }

    /// Every word the term occurs in (see [`Words::applies`]), with the best class of its
    /// occurrences there.
    pub(crate) fn matching(&self, p: &Prepared) -> Vec<(usize, Class)> {
        let mut out = Vec::new();
        let finder = Finder::new(p.term.stem.as_bytes());
        let hay = self.folded.as_bytes();
        let mut at = 0;
        while let Some(i) = finder.find(&hay[at..]) {
            let pos = at + i;
            let k = self.starts.partition_point(|&s| s as usize <= pos) - 1;
            if let Some(best) = matcher::occurrences(self.word(k), p).map(|o| o.class).max() {
                out.push((k, best));
            }
            at = self.starts[k + 1] as usize;
        }
        out
    }

    /// Every word starting with the character `c` (folded).
    pub(crate) fn starting_with(&self, c: char) -> Vec<usize> {
        let mut needle = [0u8; 5];
        needle[0] = b'\n';
        let n = c.encode_utf8(&mut needle[1..]).len() + 1;
        let finder = Finder::new(&needle[..n]);
        finder
            .find_iter(self.folded.as_bytes())
            .map(|pos| self.starts.partition_point(|&s| s as usize <= pos + 1) - 1)
            .filter(|&k| k < self.len())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One-term queries answered from the word index give exactly what a scan of every item gives:
    /// the same hits in the same order, every match, the same count of strong ones.
    #[test]
    fn word_index_answers_as_a_scan_does() {
        use crate::search::{Index, Options, Query, Scope, run_grouped};
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
        ];
        for t in terms {
            for (scope, limit, group, doc) in [
                (Scope::All, 3, false, None),
                (Scope::All, 40, true, None),
                (Scope::Titles, 10, false, None),
                (Scope::Text, 7, true, Some(1)),
            ] {
                let q = Query::parse(t);
                let opts = Options { scope, limit, doc, ..Options::default() };
                let a = run_grouped(&plain, &q, &opts, group, None, &|| false).unwrap();
                let b = run_grouped(&indexed, &q, &opts, group, None, &|| false).unwrap();
                let view = |o: &crate::search::Outcome| {
                    o.hits.iter().map(|h| (h.item, h.score, h.versions.clone(), h.snippet.clone())).collect::<Vec<_>>()
                };
                assert_eq!(view(&a), view(&b), "«{t}» {scope:?} {limit}");
                assert_eq!((&a.matched, a.strong, &a.shown_for), (&b.matched, b.strong, &b.shown_for), "«{t}»");
            }
        }
    }

    #[test]
    fn tokens_are_runs_of_word_characters() {
        let s = "цифровой профиль, 2024-2030 гг.";
        let words: Vec<&str> = tokens(s).map(|(a, b)| &s[a..b]).collect();
        assert_eq!(words, ["цифровой", "профиль", "2024", "2030", "гг"]);
    }
}
