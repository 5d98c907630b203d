//! The search overlay (`/`) and the quick-jump palette (Ctrl-P, `:`): their state, keys and
//! results, on top of the library's [`crate::search`] engine.
//!
//! Both are one component, [`Search`], on the layer stack ([`super::layer`]), owning its query,
//! results and cursor; the index of the open documents ([`Indexed`]) and what the search
//! remembers between openings ([`Recall`]) are kept in [`App`].
//!
//! Typing never waits for a search: keys edit the query, and once per batch of events
//! ([`Component::after_batch`]) a [`Kind::Search`] job starts (cancelling the one running); its
//! results arrive on the event channel ([`Component::job`]). The index is built by a [`Kind::Index`] job when loading ends or on
//! first use. Enter opens the selected hit's section with the query's matches highlighted
//! ([`crate::search::highlight`] on the displayed text), and `n`/`N` in the content pane move
//! between them.

use super::action::Action;
use super::content::{Item, Mark, section_at};
use super::job::{Accepted, Found, Kind, Output};
use super::keymap::{Context, Key};
use super::layer::{Component, Opening, Outcome, Request};
use super::list::{self, Cursor};
use super::state::App;
use super::update::{self, Effect};
use crate::i18n::{Msg, Noun, count, tr, trf};
use crate::model::Document;
use crate::search::{self, Field, Hit, Index, Options, Query, Scope};
use crate::text::sanitize::sanitize;
use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Which of the two the component is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Full-text search (`/`).
    Search,
    /// Jump to a section by title or key (Ctrl-P, `:`).
    Palette,
}

impl Mode {
    /// The keymap context of the mode.
    pub fn context(self) -> Context {
        match self {
            Mode::Search => Context::Search,
            Mode::Palette => Context::Palette,
        }
    }
}

/// What the last finished search matched, so that the next, narrower query (one more letter)
/// searches only those items.
#[derive(Debug)]
pub struct Last {
    query: Query,
    options: Options,
    /// The items matched, ascending.
    matched: Vec<usize>,
    /// The items that may match, not matched yet (see [`search::Options::lazy`]), ascending: the next
    /// query is searched among them and `matched`.
    unsure: Vec<usize>,
    /// The matches were for another reading of the query, so they cannot narrow the next one.
    reread: bool,
}

/// The search index of the open documents, shared by the search and the palette (and built when
/// loading ends, so that the first `/` rarely waits).
#[derive(Debug, Clone, Default)]
pub(crate) struct Indexed {
    /// The index of the first [`Indexed::docs`] open documents, once built.
    pub(crate) index: Option<Arc<Index>>,
    /// How many documents the index holds.
    pub(crate) docs: usize,
    /// How many documents the index being built will hold.
    pub(crate) building: Option<usize>,
}

/// What the search remembers between openings: its query and its scope, and the results a hit
/// was last opened from, which `]`/`[` walk.
#[derive(Debug, Clone)]
pub(crate) struct Recall {
    /// The last search query.
    pub(crate) query: String,
    /// Search all open documents (true) or only the selected one.
    pub(crate) all_docs: bool,
    /// The results a hit was last opened from, and the query they are for.
    pub(crate) hits: Vec<Hit>,
    /// The query of `hits`.
    pub(crate) shown: String,
    /// The result last opened (index into `hits`).
    pub(crate) result: Option<usize>,
}

impl Default for Recall {
    fn default() -> Self {
        Recall { query: String::new(), all_docs: true, hits: Vec::new(), shown: String::new(), result: None }
    }
}

/// The search or palette overlay: a component owning its query, results and cursor.
#[derive(Debug)]
pub(crate) struct Search {
    /// Search or palette.
    pub(crate) mode: Mode,
    /// The query as typed.
    pub(crate) input: String,
    /// The query changed since the last search was sent ([`Component::after_batch`] sends it).
    dirty: bool,
    /// Search all open documents (true) or only the selected one.
    pub(crate) all_docs: bool,
    /// The shown results.
    pub(crate) hits: Vec<Hit>,
    /// How many items matched in all.
    pub(crate) total: usize,
    /// The hits are only the first: the rest are being found.
    pub(crate) counting: bool,
    /// `total` is only a lower bound until then (titles left uncounted).
    pub(crate) at_least: bool,
    /// How many results the first answer to a keystroke has.
    first: usize,
    /// The query the shown results are for.
    pub(crate) shown: String,
    /// The other reading of the query the shown results are for («егисз» for `tubcp`), if any.
    pub(crate) shown_for: Option<String>,
    /// The selected result and the first visible one.
    pub(crate) list: Cursor,
    /// Results awaited since then.
    pending: Option<Instant>,
    /// Time from the last keystroke to its results arriving.
    pub(crate) latency: Option<Duration>,
    /// The last finished search, to narrow the next one.
    last: Option<Arc<Last>>,
}

impl Search {
    /// Opens the search (with its last query and scope) or the palette (empty: a new jump), and
    /// searches; the index is built first if needed.
    pub(crate) fn open(app: &mut App, mode: Mode) -> Search {
        let input = if mode == Mode::Search { app.recall.query.clone() } else { String::new() };
        let mut s = Search {
            mode,
            input,
            dirty: false,
            all_docs: app.recall.all_docs,
            hits: Vec::new(),
            total: 0,
            counting: false,
            at_least: false,
            first: FIRST,
            shown: String::new(),
            shown_for: None,
            list: Cursor::default(),
            pending: None,
            latency: None,
            last: None,
        };
        s.submit(app);
        s
    }

    /// True while results are awaited.
    pub(crate) fn pending(&self) -> bool {
        self.pending.is_some() || self.dirty
    }

    /// Rows of the overlay available for results (below the input and status lines, and the
    /// line naming the query's other reading when the results are for one).
    pub(crate) fn results_height(&self, app: &App) -> usize {
        let above = if self.shown_for.is_some() { 3 } else { 2 };
        super::view::overlay_height(app.size).saturating_sub(above)
    }

    /// Screen rows a hit takes in the list.
    pub(crate) fn rows_per_hit(&self) -> usize {
        match self.mode {
            Mode::Search => 2,
            Mode::Palette => 1,
        }
    }

    fn edited(&mut self, app: &mut App, changed: bool) -> Outcome {
        if !changed {
            return Outcome::consumed(Effect::None);
        }
        self.dirty = true;
        self.remember(app);
        Outcome::redraw()
    }

    /// Keeps the query and scope for the next opening.
    fn remember(&self, app: &mut App) {
        if self.mode == Mode::Search {
            app.recall.query.clone_from(&self.input);
        }
        app.recall.all_docs = self.all_docs;
    }

    /// The search options for the current state.
    fn options(&self, app: &App) -> Options {
        let width = super::view::overlay_area(app.size).width.saturating_sub(6).max(20) as usize;
        Options {
            // The palette finds sections; the search looks at everything.
            scope: if self.mode == Mode::Palette { Scope::Titles } else { Scope::All },
            limit: LIMIT,
            ocr: false,
            snippet_width: width,
            doc: if self.all_docs { None } else { app.doc() },
            lazy: false,
        }
    }

    /// Starts a search job for the query (cancelling the one running); with the index not yet
    /// current, starts building it and searches when it arrives.
    fn submit(&mut self, app: &mut App) {
        self.dirty = false;
        self.pending = Some(Instant::now());
        let index = match &app.index.index {
            Some(ix) if app.index.docs == app.docs.len() => ix.clone(),
            _ => {
                prepare(app);
                app.jobs.cancel(Kind::Search);
                return;
            }
        };
        let options = self.options(app);
        // As many results as the overlay has rows, at least a few screens' worth.
        let first = self.results_height(app).max(FIRST);
        self.first = first;
        let text = self.input.clone();
        let last = self.last.clone();
        let mode = self.mode;
        app.jobs.start(Kind::Search, move |ctx| {
            let t = Instant::now();
            let query = Query::parse(&text);
            let narrow = last.as_ref().filter(|l| {
                !l.query.is_empty() && !l.reread && !options.ocr && l.options == options && query.narrows(&l.query)
            });
            let cancel = || ctx.cancelled();
            // The search folds versions of a region into one hit; the palette lists each document's sections.
            let group = mode == Mode::Search;
            let merged;
            let candidates = match narrow {
                Some(l) if l.unsure.is_empty() => Some(l.matched.as_slice()),
                Some(l) => {
                    merged = search::union(&l.matched, &l.unsure);
                    Some(merged.as_slice())
                }
                None => None,
            };
            // A screenful of the best results first (titles that only match fuzzily left
            // uncounted); then every result and the full count.
            let quick = Options { limit: first, lazy: true, ..options };
            let Some(outcome) = search::run_grouped(&index, &query, &quick, group, candidates, &cancel) else {
                return;
            };
            let more = more_to_come(&outcome, first);
            let found = Found { text: text.clone(), query: query.clone(), options, outcome, took: t.elapsed() };
            if !ctx.send(Output::Search(Box::new(found))) || !more {
                return;
            }
            if let Some(outcome) = search::run_grouped(&index, &query, &options, group, candidates, &cancel) {
                ctx.send(Output::Search(Box::new(Found { text, query, options, outcome, took: t.elapsed() })));
            }
        });
    }

    /// Results arrived: the first screenful of a query (awaited since the keystroke), or then all
    /// of them with the full count.
    fn found(&mut self, app: &App, f: Found) -> Effect {
        let first = match self.pending.take() {
            Some(since) => {
                self.latency = Some(since.elapsed());
                true
            }
            // Every result of the shown query.
            None if self.counting && f.text == self.shown => false,
            None => return Effect::None,
        };
        let cur = app.doc();
        let reread = f.outcome.shown_for.is_some();
        let total = f.outcome.matched.len();
        self.counting = first && more_to_come(&f.outcome, self.first);
        self.at_least = first && !f.outcome.unsure.is_empty();
        let (matched, unsure) = (f.outcome.matched, f.outcome.unsure);
        let l = Last { query: f.query, options: f.options, matched, unsure, reread };
        self.last = Some(Arc::new(l));
        self.shown_for = f.outcome.shown_for.map(|r| r.query);
        self.hits = match self.mode {
            Mode::Search => f.outcome.hits,
            // The palette finds sections; project and indicator names are for the full search.
            Mode::Palette => f.outcome.hits.into_iter().filter(|h| h.field == Field::SectionTitle).collect(),
        };
        if self.mode == Mode::Palette {
            // Among equally good sections, the current document's first.
            self.hits.sort_by_key(|h| (std::cmp::Reverse(h.score), Some(h.doc) != cur));
        }
        // Grouped hits stand for several matches each: with fewer hits than asked for, all are shown.
        let asked = if first { self.first } else { LIMIT };
        let all = self.mode == Mode::Palette || self.hits.len() < asked;
        self.total = if all { self.hits.len() } else { total };
        self.shown = f.text;
        if first {
            // The second answer extends the list: the selection stays.
            self.list.reset();
        }
        let _ = f.took;
        Effect::Redraw
    }

    /// Opens the selected hit: its section, with the query's matches marked (search; the status
    /// line then says which match is shown) or none (palette: the line names the section).
    fn open_hit(&mut self, app: &mut App) -> Outcome {
        let Some(hit) = self.hits.get(self.list.sel()).cloned() else { return Outcome::consumed(Effect::None) };
        if self.mode == Mode::Search {
            app.recall.hits.clone_from(&self.hits);
            app.recall.shown.clone_from(&self.shown);
            app.recall.result = Some(self.list.sel());
        }
        let Some(index) = app.index.index.clone() else { return Outcome::consumed(Effect::None) };
        let hit = newest_version(app, &index, hit);
        let Some(path) = hit.section.and_then(|s| index.sections.get(s)).map(|s| s.path.clone()) else {
            return Outcome::redraw().request(Request::Open(Opening::section(hit.doc, Item::Overview)));
        };
        let marks = match self.mode {
            Mode::Search => marks_for(&app.docs[hit.doc].doc, &path, &Query::parse(&self.shown)),
            Mode::Palette => Vec::new(),
        };
        let block = match hit.field {
            Field::Block(b) => Some(b),
            _ => None,
        };
        app.status.set(match self.mode {
            Mode::Palette => Some(format!("{} ({})", sanitize(&hit.title), sanitize(&hit.key))),
            Mode::Search if marks.is_empty() => Some(tr(Msg::MatchHidden).into()),
            // Said by the browse view once it shows them.
            Mode::Search => None,
        });
        let at = Opening::section(hit.doc, Item::Section(path)).marks(marks).at_block(block);
        Outcome::redraw().request(Request::Open(at))
    }
}

impl Component for Search {
    fn name(&self) -> &'static str {
        match self.mode {
            Mode::Search => "search",
            Mode::Palette => "palette",
        }
    }

    fn context(&self, _app: &App) -> Context {
        self.mode.context()
    }

    fn place(&self, _app: &App) -> &'static str {
        tr(match self.mode {
            Mode::Search => Msg::SearchPlace,
            Mode::Palette => Msg::JumpPlace,
        })
    }

    fn action(&mut self, app: &mut App, a: Action) -> Outcome {
        match a {
            Action::Close => {
                app.jobs.cancel(Kind::Search);
                return Outcome::close();
            }
            Action::ToggleScope => {
                self.all_docs = !self.all_docs;
                self.remember(app);
                self.submit(app);
                return Outcome::redraw();
            }
            Action::Open => return self.open_hit(app),
            Action::OpenSearch | Action::OpenPalette => {
                let m = if a == Action::OpenSearch { Mode::Search } else { Mode::Palette };
                if m == self.mode {
                    return Outcome::consumed(Effect::None);
                }
                return Outcome::close().push(Search::open(app, m));
            }
            // Help replaces the search rather than opening over it.
            Action::Help => return Outcome::close().push(super::layer::help::Help::new()),
            Action::ClearInput => {
                let changed = !self.input.is_empty();
                self.input.clear();
                return self.edited(app, changed);
            }
            _ => {}
        }
        let rows = (self.results_height(app).max(1) / self.rows_per_hit()).max(1);
        match list::Move::of(a, rows, 1) {
            Some(m) => Outcome::moved(self.list.select(m, self.hits.len(), rows)),
            None => Outcome::ignored(),
        }
    }

    /// Characters not bound in the input context edit the query.
    fn key(&mut self, app: &mut App, k: Key) -> Outcome {
        let plain = (k.mods - KeyModifiers::SHIFT).is_empty();
        let input = &mut self.input;
        let changed = match k.code {
            KeyCode::Char(c) if plain => insert(input, c.encode_utf8(&mut [0; 4])),
            KeyCode::Backspace => input.pop().is_some(),
            KeyCode::Char('w') if k.mods == KeyModifiers::CONTROL => {
                // Delete the last word.
                let keep = input.trim_end().rfind(' ').map_or(0, |i| i + 1);
                let changed = keep < input.len();
                input.truncate(keep);
                changed
            }
            _ => return Outcome::ignored(),
        };
        self.edited(app, changed)
    }

    fn paste(&mut self, app: &mut App, text: &str) -> Outcome {
        let changed = insert(&mut self.input, text);
        self.edited(app, changed)
    }

    fn job(&mut self, app: &mut App, news: &mut Option<Accepted>) -> Outcome {
        match news.take() {
            Some(Accepted::Output(Output::Index { index, docs })) => {
                install(app, index, docs);
                self.last = None;
                if self.pending.is_some() {
                    self.submit(app);
                }
                Outcome::redraw()
            }
            Some(Accepted::Output(Output::Search(f))) => Outcome::consumed(self.found(app, *f)),
            Some(Accepted::Finished(Kind::Search)) => {
                if self.pending.is_none() || app.jobs.running(Kind::Search) || indexing(app) {
                    return Outcome::consumed(Effect::None);
                }
                self.pending = None;
                app.status.say(tr(Msg::SearchFailed));
                Outcome::redraw()
            }
            other => {
                *news = other;
                Outcome::ignored()
            }
        }
    }

    /// The query typed in the batch is searched once.
    fn after_batch(&mut self, app: &mut App) -> Outcome {
        if self.dirty {
            self.submit(app);
        }
        Outcome::ignored()
    }

    fn draw(&self, app: &App, screen: Rect, buf: &mut Buffer) {
        super::view::search_overlay(app, self, screen, buf);
    }

    fn as_any(&self) -> Option<&dyn std::any::Any> {
        Some(self)
    }

    fn as_any_mut(&mut self) -> Option<&mut dyn std::any::Any> {
        Some(self)
    }
}

/// The longest query kept (typing or pasting more is ignored): far more than any real query,
/// and a bound on the work each keystroke can cause.
pub const MAX_QUERY: usize = 1000;

/// Adds typed or pasted text to a query: control characters dropped, line breaks and tabs as
/// spaces, at most [`MAX_QUERY`] characters in all. Returns true when the query changed. Linear
/// in the text added.
pub fn insert(query: &mut String, text: &str) -> bool {
    let mut room = MAX_QUERY.saturating_sub(query.chars().count());
    let before = query.len();
    for c in text.chars() {
        if room == 0 {
            break;
        }
        let c = if c == '\n' || c == '\r' || c == '\t' { ' ' } else { c };
        if c.is_control() || crate::text::sanitize::sanitize(c.encode_utf8(&mut [0; 4])).is_empty() {
            continue;
        }
        // Runs of spaces from pasted line breaks collapse into one.
        if c == ' ' && query.ends_with(' ') {
            continue;
        }
        query.push(c);
        room -= 1;
    }
    query.len() != before
}

/// The fewest results the first answer to a keystroke has (more when the overlay has more rows).
const FIRST: usize = 20;

/// True when the first answer to a keystroke, asked for `first` hits, may lack results or
/// matches that the full search finds: it left titles unsure, or more items matched than it
/// looked at all of.
fn more_to_come(first_answer: &search::Outcome, first: usize) -> bool {
    !first_answer.unsure.is_empty() || first_answer.matched.len() > first
}

/// Results a search request asks for: enough to scroll through, snippets as wide as the overlay.
pub(crate) const LIMIT: usize = 200;

/// Starts building the index of the open documents in the background unless it is current or
/// under way (the UI calls this when loading ends, so that the first `/` rarely waits).
pub fn prepare(app: &mut App) {
    let n = app.docs.len();
    if (app.index.index.is_some() && app.index.docs == n) || app.index.building == Some(n) {
        return;
    }
    // The job shares the app's documents (no copy), and the index reads their strings in place.
    let docs: Vec<Arc<Document>> = app.docs.iter().map(|l| Arc::clone(&l.doc)).collect();
    app.index.building = Some(n);
    app.jobs.start(Kind::Index, move |ctx| {
        let index = Index::build(&docs);
        index.build_words();
        ctx.send(Output::Index { index: Arc::new(index), docs: n });
    });
}

/// True while the index is being built for a search that waits for it.
pub fn indexing(app: &App) -> bool {
    app.index.building.is_some() && (app.index.index.is_none() || app.index.docs != app.docs.len())
}

/// The index arrived: installed (an open search waiting for it then sends its query again).
pub(crate) fn install(app: &mut App, index: Arc<Index>, docs: usize) {
    app.index = Indexed { index: Some(index), docs, building: None };
}

/// The section path of a hit, "Title › Subtitle", enclosing titles cut to `part` characters so
/// the innermost one stays visible; the document's label for a hit outside sections. `ascii`
/// uses `>` and `...` instead of `›` and `…`.
pub fn hit_path(index: &Index, hit: &Hit, part: usize, ascii: bool) -> String {
    let Some(s) = hit.section else {
        return index.docs.get(hit.doc).map(|d| sanitize(&d.label).into_owned()).unwrap_or_default();
    };
    let path = index.section_path(s);
    let n = path.len();
    let dots = if ascii { "..." } else { "…" };
    let cut = |t: &str| match t.char_indices().nth(part.saturating_sub(1)) {
        Some((i, _)) if t.chars().count() > part => format!("{}{dots}", t[..i].trim_end()),
        _ => t.to_string(),
    };
    let parts: Vec<String> = path
        .iter()
        .enumerate()
        .map(|(i, s)| sanitize(&if i + 1 < n { cut(&s.title) } else { s.title.clone() }).into_owned())
        .collect();
    parts.join(if ascii { " > " } else { " › " })
}

/// The name a hit's document goes by in result rows: the region with a count of versions when the
/// hit stands for several («Ивановская область (2 редакции)»); else the region, or the document's
/// label (region and version, without a parenthesised note) when several open documents are of
/// that region.
pub fn doc_name(index: &Index, hit: &Hit) -> String {
    if hit.versions.len() > 1 {
        let region = sanitize(&hit.region).into_owned();
        return trf(Msg::RegionVersions, &[&region, &count(hit.versions.len(), Noun::Edition)]);
    }
    let same = index.docs.iter().filter(|d| d.region == hit.region).count();
    let name = match index.docs.get(hit.doc) {
        Some(d) if same > 1 => d.label.split(" (").next().unwrap_or(&d.label),
        _ => &hit.region,
    };
    sanitize(name).into_owned()
}

/// Highlights of `query` in a section's displayed blocks, as content marks.
pub fn marks_for(doc: &Document, path: &[usize], query: &Query) -> Vec<Mark> {
    let Some(s) = section_at(doc, path) else { return Vec::new() };
    let mut out = Vec::new();
    for (i, b) in s.blocks.iter().enumerate() {
        let clean = sanitize(&b.text);
        out.extend(search::highlight(&clean, query, false).into_iter().map(|r| Mark { block: i, chars: r }));
    }
    out
}

/// A hit standing for several versions of a region's strategy, moved to the newest of them (the
/// latest version date; among equal or missing dates the last opened): the item there with the
/// same place and text. Other hits as they are.
fn newest_version(app: &App, index: &Index, hit: Hit) -> Hit {
    let date = |d: usize| app.docs.get(d).and_then(|l| l.doc.meta.version.date.clone());
    let Some(&newest) = hit.versions.iter().max_by_key(|&&d| (date(d), d)) else { return hit };
    if newest == hit.doc {
        return hit;
    }
    let own = &index.items[hit.item];
    let same = |it: &&search::index::Item| {
        it.doc == newest
            && it.key == own.key
            && std::mem::discriminant(&it.field) == std::mem::discriminant(&own.field)
            && it.text == own.text
    };
    let Some((item, it)) = index.items.iter().enumerate().find(|(_, it)| same(it)) else { return hit };
    Hit { doc: newest, item, section: it.section, field: it.field, ..hit }
}

/// Moves to the next (`dir` = 1) or previous (-1) shown match in the content, wrapping around.
pub(crate) fn step_match(app: &mut App, dir: isize) -> Effect {
    step_match_in(app, dir)
}

/// Opens the next (`dir` = 1) or previous (-1) search result in reading order (document, then
/// place in it: [`search::reading_order`]), across sections and documents like vim's `:cnext`,
/// stopping at either end; the status line says which result of how many, and the match there.
pub(crate) fn step_result(app: &mut App, dir: isize) -> Effect {
    let n = app.recall.hits.len();
    let Some(index) = app.index.index.clone().filter(|_| n > 0) else {
        app.status.say(tr(Msg::NoResults));
        return Effect::Redraw;
    };
    let order = search::reading_order(&app.recall.hits);
    let pos = app.recall.result.and_then(|c| order.iter().position(|&i| i == c));
    let next = match pos {
        Some(p) => p as isize + dir,
        None if dir > 0 => 0,
        None => n as isize - 1,
    };
    let Some(&i) = usize::try_from(next).ok().and_then(|k| order.get(k)) else {
        let at = pos.map_or(0, |p| p + 1);
        app.status.say(trf(if dir > 0 { Msg::LastResult } else { Msg::FirstResult }, &[&at, &n]));
        return Effect::Redraw;
    };
    app.recall.result = Some(i);
    let hit = newest_version(app, &index, app.recall.hits[i].clone());
    let e = match hit.section.and_then(|s| index.sections.get(s)).map(|s| s.path.clone()) {
        None => update::open_at(app, Opening::section(hit.doc, Item::Overview)),
        Some(path) => {
            let marks = marks_for(&app.docs[hit.doc].doc, &path, &Query::parse(&app.recall.shown));
            let block = match hit.field {
                Field::Block(b) => Some(b),
                _ => None,
            };
            update::open_at(app, Opening::section(hit.doc, Item::Section(path)).marks(marks).at_block(block))
        }
    };
    let matches = app.status.take().unwrap_or_default();
    app.status.say(trf(Msg::ResultOf, &[&(next + 1), &n, &matches]));
    update::merge(e, Effect::Redraw)
}

fn step_match_in(app: &mut App, dir: isize) -> Effect {
    let lines = &app.layers.browse.content.mark_lines;
    let shown: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].is_some()).collect();
    if shown.is_empty() {
        app.status.say(tr(if app.layers.browse.marks.is_empty() { Msg::NoMatchesHere } else { Msg::MatchesInTable }));
        return Effect::Redraw;
    }
    let cur = shown.iter().position(|&i| i == app.layers.browse.mark_cur);
    let next = match cur {
        Some(p) => (p as isize + dir).rem_euclid(shown.len() as isize) as usize,
        None if dir > 0 => 0,
        None => shown.len() - 1,
    };
    app.layers.browse.mark_cur = shown[next];
    if let Some(line) = app.layers.browse.content.mark_lines[shown[next]] {
        update::scroll_to(app, line);
    }
    app.status.say(trf(Msg::MatchOf, &[&(next + 1), &shown.len()]));
    Effect::Redraw
}
