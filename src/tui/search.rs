//! The search overlay (`/`) and the quick-jump palette (Ctrl-P, `:`): their state, keys and
//! results, on top of the library's [`crate::search`] engine.
//!
//! Typing never waits for a search: keys edit the query, and once per batch of events [`flush`]
//! starts a [`Kind::Search`] job (cancelling the one running); its results arrive on the event
//! channel ([`found`]). The index is built by a [`Kind::Index`] job when loading ends or on
//! first use. Enter opens the selected hit's section with the query's matches highlighted
//! ([`crate::search::highlight`] on the displayed text), and `n`/`N` in the content pane move
//! between them.

use super::action::Action;
use super::content::{Item, Mark, section_at};
use super::job::{Found, Kind, Output};
use super::keymap::{Context, Key};
use super::layer::Opening;
use super::list;
use super::state::{App, Overlay};
use super::update::{self, Effect};
use crate::i18n::{Msg, Noun, count, tr, trf};
use crate::model::Document;
use crate::search::{self, Field, Hit, Index, Options, Query, Scope};
use crate::text::sanitize::sanitize;
use crossterm::event::{KeyCode, KeyModifiers};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Which input overlay is open.
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

    /// The mode of an overlay, if it is one of these.
    pub fn of(o: Option<&Overlay>) -> Option<Mode> {
        match o {
            Some(Overlay::Search) => Some(Mode::Search),
            Some(Overlay::Palette) => Some(Mode::Palette),
            _ => None,
        }
    }
}

/// What the last finished search matched, so that the next, narrower query (one more letter)
/// searches only those items.
#[derive(Debug)]
pub struct Last {
    query: Query,
    options: Options,
    matched: Vec<usize>,
    /// The matches were for another reading of the query, so they cannot narrow the next one.
    reread: bool,
}

/// The state of both modes (kept when the overlay closes, so reopening the search shows the last
/// query).
#[derive(Debug, Clone)]
pub struct SearchUi {
    /// The index of the first [`SearchUi::indexed`] open documents, once built.
    pub index: Option<Arc<Index>>,
    /// How many documents the index holds.
    pub indexed: usize,
    /// How many documents the index being built will hold.
    pub building: Option<usize>,
    /// The last finished search, to narrow the next one.
    pub last: Option<Arc<Last>>,
    /// The search query as typed.
    pub input: String,
    /// The palette query as typed.
    pub palette: String,
    /// The mode whose query changed since the last search was sent ([`flush`] sends it).
    pub dirty: Option<Mode>,
    /// Search all open documents (true) or only the selected one.
    pub all_docs: bool,
    /// The shown results (for the mode that asked last).
    pub hits: Vec<Hit>,
    /// How many items matched in all.
    pub total: usize,
    /// The query the shown results are for.
    pub shown: String,
    /// The other reading of the query the shown results are for («егисз» for `tubcp`), if any.
    pub shown_for: Option<String>,
    /// Selected result.
    pub sel: usize,
    /// First visible result.
    pub off: usize,
    /// Results awaited: for which mode, since when.
    pub pending: Option<(Mode, Instant)>,
    /// Time from the last keystroke to its results arriving.
    pub latency: Option<Duration>,
    /// The match `n`/`N` last moved to (index into [`App::marks`]).
    pub mark_cur: usize,
    /// The mode the shown results were found for.
    pub results_for: Option<Mode>,
    /// The result last opened (index into `hits`), where `]`/`[` go on from.
    pub result_cur: Option<usize>,
}

impl Default for SearchUi {
    fn default() -> Self {
        SearchUi {
            index: None,
            indexed: 0,
            building: None,
            last: None,
            input: String::new(),
            palette: String::new(),
            dirty: None,
            all_docs: true,
            hits: Vec::new(),
            total: 0,
            shown: String::new(),
            shown_for: None,
            sel: 0,
            off: 0,
            pending: None,
            latency: None,
            mark_cur: 0,
            results_for: None,
            result_cur: None,
        }
    }
}

impl SearchUi {
    /// True while results are awaited.
    pub fn pending(&self) -> bool {
        self.pending.is_some() || self.dirty.is_some()
    }

    /// The query text of a mode.
    pub fn text(&self, mode: Mode) -> &str {
        match mode {
            Mode::Search => &self.input,
            Mode::Palette => &self.palette,
        }
    }

    fn text_mut(&mut self, mode: Mode) -> &mut String {
        match mode {
            Mode::Search => &mut self.input,
            Mode::Palette => &mut self.palette,
        }
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

/// Results a search request asks for: enough to scroll through, snippets as wide as the overlay.
const LIMIT: usize = 200;

/// Handles a key while the search or palette overlay is open: bound keys (looked up as text
/// input, so letters type) become actions, other characters edit the query. `None` when neither
/// overlay is open. The query is searched once per batch of keys ([`flush`]), so a burst of
/// typing costs one search, not one per key.
pub fn key(app: &mut App, k: Key) -> Option<Effect> {
    let mode = Mode::of(app.overlay.as_ref())?;
    if let Some(a) = app.keymap.lookup_input(mode.context(), k) {
        return Some(update::apply(app, a));
    }
    let plain = (k.mods - KeyModifiers::SHIFT).is_empty();
    let input = app.search.text_mut(mode);
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
        _ => false,
    };
    Some(edited(app, mode, changed))
}

/// Pasted text (bracketed paste) goes into the open search or palette query.
pub fn paste(app: &mut App, text: &str) -> Effect {
    let Some(mode) = Mode::of(app.overlay.as_ref()) else { return Effect::None };
    let changed = insert(app.search.text_mut(mode), text);
    edited(app, mode, changed)
}

fn edited(app: &mut App, mode: Mode, changed: bool) -> Effect {
    if !changed {
        return Effect::None;
    }
    app.search.dirty = Some(mode);
    Effect::Redraw
}

/// Sends the query typed since the last batch of events to the searcher (the run loop calls
/// this after each batch; tests after each key).
pub fn flush(app: &mut App) {
    if let Some(mode) = app.search.dirty.take() {
        submit(app, mode);
    }
}

/// Actions outside the overlays that belong to search: open the search or the palette, next or
/// previous match in the content.
pub fn global(app: &mut App, a: Action) -> Effect {
    match a {
        Action::OpenSearch => open_overlay(app, Mode::Search),
        Action::OpenPalette => open_overlay(app, Mode::Palette),
        Action::NextMatch => step_match(app, 1),
        Action::PrevMatch => step_match(app, -1),
        Action::NextResult => step_result(app, 1),
        Action::PrevResult => step_result(app, -1),
        _ => Effect::None,
    }
}

/// Actions while the search or palette overlay is open.
pub fn apply(app: &mut App, a: Action) -> Effect {
    let Some(mode) = Mode::of(app.overlay.as_ref()) else { return Effect::None };
    let page = results_height(app, mode).max(1);
    let rows = page / rows_per_hit(mode);
    let n = app.search.hits.len();
    match a {
        Action::ToggleScope => {
            app.search.all_docs = !app.search.all_docs;
            submit(app, mode);
            return Effect::Redraw;
        }
        Action::Open => return open_hit(app, mode),
        Action::OpenSearch | Action::OpenPalette => {
            let m = if a == Action::OpenSearch { Mode::Search } else { Mode::Palette };
            return if m == mode { Effect::None } else { open_overlay(app, m) };
        }
        Action::Help => {
            // Help replaces the search rather than opening over it.
            app.overlay = None;
            super::layer::push(app, Box::new(super::layer::help::Help::new()));
            return Effect::Redraw;
        }
        Action::ClearInput => {
            let changed = !app.search.text(mode).is_empty();
            app.search.text_mut(mode).clear();
            return edited(app, mode, changed);
        }
        _ => {}
    }
    let Some(m) = list::Move::of(a, rows.max(1), 1) else { return Effect::None };
    let s = &mut app.search;
    if !list::select(&mut s.sel, m, n) {
        return Effect::None;
    }
    s.off = list::keep_visible(s.sel, s.off, rows.max(1), n);
    Effect::Redraw
}

/// Opens an overlay, building the index first if needed, and searches for its current query.
/// The palette opens empty (a new jump); the search keeps its last query (Ctrl-U clears it).
fn open_overlay(app: &mut App, mode: Mode) -> Effect {
    app.overlay = Some(match mode {
        Mode::Search => Overlay::Search,
        Mode::Palette => Overlay::Palette,
    });
    if mode == Mode::Palette {
        app.search.palette.clear();
    }
    app.search.hits.clear();
    app.search.total = 0;
    app.search.shown.clear();
    app.search.shown_for = None;
    app.search.sel = 0;
    app.search.off = 0;
    submit(app, mode);
    Effect::Redraw
}

/// Starts building the index of the open documents in the background unless it is current or
/// under way (the UI calls this when loading ends, so that the first `/` rarely waits).
pub fn prepare(app: &mut App) {
    let n = app.docs.len();
    if (app.search.index.is_some() && app.search.indexed == n) || app.search.building == Some(n) {
        return;
    }
    let docs: Vec<Document> = app.docs.iter().map(|l| l.doc.clone()).collect();
    app.search.building = Some(n);
    app.jobs.start(Kind::Index, move |ctx| {
        let index = Index::build(&docs);
        index.build_words();
        ctx.send(Output::Index { index: Arc::new(index), docs: n });
    });
}

/// True while the index is being built for a search that waits for it.
pub fn indexing(app: &App) -> bool {
    app.search.building.is_some() && (app.search.index.is_none() || app.search.indexed != app.docs.len())
}

/// The search options of a mode for the current state.
fn options(app: &App, mode: Mode) -> Options {
    let width = super::view::overlay_area(app.size).width.saturating_sub(6).max(20) as usize;
    Options {
        // The palette finds sections; the search looks at everything.
        scope: if mode == Mode::Palette { Scope::Titles } else { Scope::All },
        limit: LIMIT,
        ocr: false,
        snippet_width: width,
        doc: if app.search.all_docs { None } else { app.doc() },
    }
}

/// Starts a search job for the mode's query (cancelling the one running); with the index not
/// yet current, starts building it and searches when it arrives.
fn submit(app: &mut App, mode: Mode) {
    app.search.pending = Some((mode, Instant::now()));
    let index = match &app.search.index {
        Some(ix) if app.search.indexed == app.docs.len() => ix.clone(),
        _ => {
            prepare(app);
            app.jobs.cancel(Kind::Search);
            return;
        }
    };
    let options = options(app, mode);
    let text = app.search.text(mode).to_string();
    let last = app.search.last.clone();
    app.jobs.start(Kind::Search, move |ctx| {
        let t = Instant::now();
        let query = Query::parse(&text);
        let narrow = last.as_ref().filter(|l| {
            !l.query.is_empty() && !l.reread && !options.ocr && l.options == options && query.narrows(&l.query)
        });
        let cancel = || ctx.cancelled();
        // The search folds versions of a region into one hit; the palette lists each document's sections.
        let group = mode == Mode::Search;
        let candidates = narrow.map(|l| l.matched.as_slice());
        if let Some(outcome) = search::run_grouped(&index, &query, &options, group, candidates, &cancel) {
            ctx.send(Output::Search(Box::new(Found { text, query, options, outcome, took: t.elapsed() })));
        }
    });
}

/// The index arrived: installed, and the search waiting for it sent.
pub(crate) fn index_arrived(app: &mut App, index: Arc<Index>, docs: usize) -> Effect {
    app.search.index = Some(index);
    app.search.indexed = docs;
    app.search.building = None;
    app.search.last = None;
    match app.search.pending {
        Some((mode, _)) => {
            submit(app, mode);
            Effect::Redraw
        }
        None => Effect::None,
    }
}

/// A search job ended without results (it failed): stop waiting.
pub(crate) fn search_finished(app: &mut App) -> Effect {
    if app.search.pending.is_none() || app.jobs.running(Kind::Search) || indexing(app) {
        return Effect::None;
    }
    app.search.pending = None;
    app.message = Some(tr(Msg::SearchFailed).into());
    Effect::Redraw
}

/// Results arrived: shown if they are for the open mode.
pub(crate) fn found(app: &mut App, f: Found) -> Effect {
    let Some((mode, since)) = app.search.pending else { return Effect::None };
    let cur = app.doc();
    let s = &mut app.search;
    s.pending = None;
    s.latency = Some(since.elapsed());
    let reread = f.outcome.shown_for.is_some();
    s.last = Some(Arc::new(Last { query: f.query, options: f.options, matched: f.outcome.matched, reread }));
    s.shown_for = f.outcome.shown_for.map(|r| r.query);
    let total = s.last.as_ref().map_or(0, |l| l.matched.len());
    s.hits = match mode {
        Mode::Search => f.outcome.hits,
        // The palette finds sections; project and indicator names are for the full search.
        Mode::Palette => f.outcome.hits.into_iter().filter(|h| h.field == Field::SectionTitle).collect(),
    };
    if mode == Mode::Palette {
        // Among equally good sections, the current document's first.
        s.hits.sort_by_key(|h| (std::cmp::Reverse(h.score), Some(h.doc) != cur));
    }
    // Grouped hits stand for several matches each: with fewer hits than asked for, all are shown.
    s.total = if mode == Mode::Palette || s.hits.len() < LIMIT { s.hits.len() } else { total };
    s.shown = f.text;
    s.results_for = Some(mode);
    s.result_cur = None;
    s.sel = 0;
    s.off = 0;
    let _ = f.took;
    if Mode::of(app.overlay.as_ref()) == Some(mode) { Effect::Redraw } else { Effect::None }
}

/// Screen rows a hit takes in a mode's list.
pub fn rows_per_hit(mode: Mode) -> usize {
    match mode {
        Mode::Search => 2,
        Mode::Palette => 1,
    }
}

/// Rows of the overlay available for results (below the input and status lines, and the line
/// naming the query's other reading when the results are for one).
pub fn results_height(app: &App, _mode: Mode) -> usize {
    let inner = super::layout::inner(super::view::overlay_area(app.size));
    let above = if app.search.shown_for.is_some() { 3 } else { 2 };
    (inner.height as usize).saturating_sub(above)
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

/// Opens the selected hit: its section, with the query's matches marked (search) or none
/// (palette).
fn open_hit(app: &mut App, mode: Mode) -> Effect {
    let Some(hit) = app.search.hits.get(app.search.sel).cloned() else { return Effect::None };
    app.search.result_cur = Some(app.search.sel);
    let Some(index) = app.search.index.clone() else { return Effect::None };
    let hit = newest_version(app, &index, hit);
    let Some(path) = hit.section.and_then(|s| index.sections.get(s)).map(|s| s.path.clone()) else {
        return update::open_at(app, Opening::section(hit.doc, Item::Overview));
    };
    let marks = match mode {
        Mode::Search => marks_for(&app.docs[hit.doc].doc, &path, &Query::parse(&app.search.shown)),
        Mode::Palette => Vec::new(),
    };
    let block = match hit.field {
        Field::Block(b) => Some(b),
        _ => None,
    };
    let was_raw = app.raw;
    let e = update::open_at(app, Opening::section(hit.doc, Item::Section(path)).marks(marks).at_block(block));
    if e == Effect::None {
        return e;
    }
    let raw_on = app.raw && !was_raw;
    let first = app.search.mark_cur;
    let shown = app.content.mark_lines.iter().filter(|l| l.is_some()).count();
    let rank = rank_of(app, first);
    app.message = Some(match (mode, shown) {
        (Mode::Palette, _) => format!("{} ({})", sanitize(&hit.title), sanitize(&hit.key)),
        (Mode::Search, 0) => tr(Msg::MatchHidden).into(),
        (Mode::Search, n) if raw_on => trf(Msg::MatchOfRaw, &[&rank, &n]),
        (Mode::Search, n) => trf(Msg::MatchOfKeys, &[&rank, &n]),
    });
    Effect::Redraw
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

/// Opens the next (`dir` = 1) or previous (-1) search result in reading order (document, then
/// place in it: [`search::reading_order`]), across sections and documents like vim's `:cnext`,
/// stopping at either end; the status line says which result of how many, and the match there.
fn step_result(app: &mut App, dir: isize) -> Effect {
    let n = app.search.hits.len();
    if n == 0 || app.search.results_for != Some(Mode::Search) {
        app.message = Some(tr(Msg::NoResults).into());
        return Effect::Redraw;
    }
    let order = search::reading_order(&app.search.hits);
    let pos = app.search.result_cur.and_then(|c| order.iter().position(|&i| i == c));
    let next = match pos {
        Some(p) => p as isize + dir,
        None if dir > 0 => 0,
        None => n as isize - 1,
    };
    let Some(&hit) = usize::try_from(next).ok().and_then(|i| order.get(i)) else {
        let at = pos.map_or(0, |p| p + 1);
        app.message = Some(trf(if dir > 0 { Msg::LastResult } else { Msg::FirstResult }, &[&at, &n]));
        return Effect::Redraw;
    };
    app.search.sel = hit;
    let e = open_hit(app, Mode::Search);
    let matches = app.message.take().unwrap_or_default();
    app.message = Some(trf(Msg::ResultOf, &[&(next + 1), &n, &matches]));
    update::merge(e, Effect::Redraw)
}

/// The 1-based position of mark `i` among the marks that are shown.
fn rank_of(app: &App, i: usize) -> usize {
    app.content.mark_lines.iter().take(i + 1).filter(|l| l.is_some()).count()
}

/// Moves to the next (`dir` = 1) or previous (-1) shown match in the content, wrapping around.
fn step_match(app: &mut App, dir: isize) -> Effect {
    let lines = &app.content.mark_lines;
    let shown: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].is_some()).collect();
    if shown.is_empty() {
        app.message = Some(tr(if app.marks.is_empty() { Msg::NoMatchesHere } else { Msg::MatchesInTable }).into());
        return Effect::Redraw;
    }
    let cur = shown.iter().position(|&i| i == app.search.mark_cur);
    let next = match cur {
        Some(p) => (p as isize + dir).rem_euclid(shown.len() as isize) as usize,
        None if dir > 0 => 0,
        None => shown.len() - 1,
    };
    app.search.mark_cur = shown[next];
    if let Some(line) = app.content.mark_lines[shown[next]] {
        update::scroll_to(app, line);
    }
    app.message = Some(trf(Msg::MatchOf, &[&(next + 1), &shown.len()]));
    Effect::Redraw
}
