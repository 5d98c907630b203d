//! The search overlay (`/`) and the quick-jump palette (Ctrl-P, `:`): their state, keys and
//! results, on top of the library's [`crate::search`] engine.
//!
//! Typing never waits for a search: each keystroke submits the query to a background
//! [`Searcher`] and returns at once; the terminal loop polls for results only while one is
//! pending ([`SearchUi::pending`], [`wait`]) and redraws when they arrive. The index is built on
//! first use. Enter opens the selected hit's section with the query's matches highlighted
//! ([`crate::search::highlight`] on the displayed text), and `n`/`N` in the content pane move
//! between them.

use super::action::Action;
use super::content::{Item, Mark, section_at};
use super::keymap::{Context, Key};
use super::state::{App, Overlay};
use super::update::{self, Effect};
use crate::model::Document;
use crate::search::searcher::Response;
use crate::search::{self, Field, Hit, Index, Options, Query, Scope, Searcher};
use crate::text::sanitize::sanitize;
use crossterm::event::{KeyCode, KeyModifiers};
use std::rc::Rc;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};
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

/// The index of the open documents and its background search thread.
pub struct Engine {
    /// The index; hits refer to [`App::docs`] by position.
    pub index: Arc<Index>,
    searcher: Searcher,
    /// How many documents were indexed (a different count means the index is stale).
    docs: usize,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine").field("docs", &self.docs).field("items", &self.index.items.len()).finish()
    }
}

/// An index being built on another thread.
pub struct Building {
    rx: Receiver<Index>,
    /// How many documents are being indexed.
    pub docs: usize,
}

impl std::fmt::Debug for Building {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Building").field("docs", &self.docs).finish()
    }
}

/// The state of both modes (kept when the overlay closes, so reopening shows the last query).
#[derive(Debug, Clone)]
pub struct SearchUi {
    /// The index and searcher, built on first use.
    pub engine: Option<Rc<Engine>>,
    /// The index being built in the background, if any.
    pub building: Option<Rc<Building>>,
    /// The search query as typed.
    pub input: String,
    /// The palette query as typed.
    pub palette: String,
    /// Search all open documents (true) or only the selected one.
    pub all_docs: bool,
    /// The shown results (for the mode that asked last).
    pub hits: Vec<Hit>,
    /// How many items matched in all.
    pub total: usize,
    /// The query the shown results are for.
    pub shown: String,
    /// Selected result.
    pub sel: usize,
    /// First visible result.
    pub off: usize,
    /// The request in flight: generation, mode and when it was submitted.
    pub pending: Option<(u64, Mode, Instant)>,
    /// Time from the last keystroke to its results arriving.
    pub latency: Option<Duration>,
    /// The match `n`/`N` last moved to (index into [`App::marks`]).
    pub mark_cur: usize,
}

impl Default for SearchUi {
    fn default() -> Self {
        SearchUi {
            engine: None,
            building: None,
            input: String::new(),
            palette: String::new(),
            all_docs: true,
            hits: Vec::new(),
            total: 0,
            shown: String::new(),
            sel: 0,
            off: 0,
            pending: None,
            latency: None,
            mark_cur: 0,
        }
    }
}

impl SearchUi {
    /// True while results are awaited (the terminal loop then polls for them).
    pub fn pending(&self) -> bool {
        self.pending.is_some()
    }

    /// The query text of a mode.
    pub fn text(&self, mode: Mode) -> &str {
        match mode {
            Mode::Search => &self.input,
            Mode::Palette => &self.palette,
        }
    }
}

/// Results a search request asks for: enough to scroll through, snippets as wide as the overlay.
const LIMIT: usize = 200;

/// Handles a key while the search or palette overlay is open: bound keys (looked up as text
/// input, so letters type) become actions, other characters edit the query. `None` when neither
/// overlay is open.
pub fn key(app: &mut App, k: Key) -> Option<Effect> {
    let mode = Mode::of(app.overlay.as_ref())?;
    if let Some(a) = app.keymap.lookup_input(mode.context(), k) {
        return Some(update::apply(app, a));
    }
    let plain = (k.mods - KeyModifiers::SHIFT).is_empty();
    let input = match mode {
        Mode::Search => &mut app.search.input,
        Mode::Palette => &mut app.search.palette,
    };
    let changed = match k.code {
        KeyCode::Char(c) if plain && !c.is_control() => {
            input.push(c);
            true
        }
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
    if !changed {
        return Some(Effect::None);
    }
    submit(app, mode);
    Some(Effect::Redraw)
}

/// Actions outside the overlays that belong to search: open the search or the palette, next or
/// previous match in the content.
pub fn global(app: &mut App, a: Action) -> Effect {
    match a {
        Action::OpenSearch => open_overlay(app, Mode::Search),
        Action::OpenPalette => open_overlay(app, Mode::Palette),
        Action::NextMatch => step_match(app, 1),
        Action::PrevMatch => step_match(app, -1),
        _ => Effect::None,
    }
}

/// Actions while the search or palette overlay is open.
pub fn apply(app: &mut App, a: Action) -> Effect {
    let Some(mode) = Mode::of(app.overlay.as_ref()) else { return Effect::None };
    let page = results_height(app, mode).max(1);
    let rows = page / rows_per_hit(mode);
    let s = &mut app.search;
    let n = s.hits.len();
    let sel = match a {
        Action::Up => s.sel.saturating_sub(1),
        Action::Down => (s.sel + 1).min(n.saturating_sub(1)),
        Action::PageUp | Action::HalfPageUp => s.sel.saturating_sub(rows.max(1)),
        Action::PageDown | Action::HalfPageDown => (s.sel + rows.max(1)).min(n.saturating_sub(1)),
        Action::Top => 0,
        Action::Bottom => n.saturating_sub(1),
        Action::ToggleScope => {
            s.all_docs = !s.all_docs;
            submit(app, mode);
            return Effect::Redraw;
        }
        Action::Open => return open_hit(app, mode),
        Action::OpenSearch | Action::OpenPalette => {
            let m = if a == Action::OpenSearch { Mode::Search } else { Mode::Palette };
            return if m == mode { Effect::None } else { open_overlay(app, m) };
        }
        Action::Help => {
            app.overlay = Some(Overlay::Help { scroll: 0 });
            return Effect::Redraw;
        }
        _ => return Effect::None,
    };
    if sel == s.sel {
        return Effect::None;
    }
    s.sel = sel;
    s.off = super::state::keep_visible(sel, s.off, rows.max(1), n);
    Effect::Redraw
}

/// Opens an overlay, building the index first if needed, and searches for its current query.
fn open_overlay(app: &mut App, mode: Mode) -> Effect {
    app.overlay = Some(match mode {
        Mode::Search => Overlay::Search,
        Mode::Palette => Overlay::Palette,
    });
    app.search.hits.clear();
    app.search.total = 0;
    app.search.shown.clear();
    submit(app, mode);
    Effect::Redraw
}

/// Starts building the index of the open documents on another thread unless it is current or
/// under way (the UI calls this at start, so that the first `/` rarely waits for it).
pub fn prepare(app: &mut App) {
    let n = app.docs.len();
    if app.search.engine.as_ref().is_some_and(|e| e.docs == n)
        || app.search.building.as_ref().is_some_and(|b| b.docs == n)
    {
        return;
    }
    let docs: Vec<Document> = app.docs.iter().map(|l| l.doc.clone()).collect();
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let _ = tx.send(Index::build(&docs));
    });
    app.search.building = Some(Rc::new(Building { rx, docs: n }));
}

/// True when the index of the open documents is ready (installing it if it just arrived, waiting
/// up to `timeout` for it); starts building it otherwise.
fn ready(app: &mut App, timeout: Duration) -> bool {
    let n = app.docs.len();
    if app.search.engine.as_ref().is_some_and(|e| e.docs == n) {
        return true;
    }
    prepare(app);
    let Some(b) = app.search.building.clone() else { return false };
    let got = if timeout.is_zero() { b.rx.try_recv().ok() } else { b.rx.recv_timeout(timeout).ok() };
    let Some(index) = got else { return false };
    let index = Arc::new(index);
    let searcher = Searcher::spawn(index.clone());
    app.search.engine = Some(Rc::new(Engine { index, searcher, docs: b.docs }));
    app.search.building = None;
    true
}

/// True while the index is being built for a search that waits for it.
pub fn indexing(app: &App) -> bool {
    app.search.building.is_some() && app.search.engine.as_ref().is_none_or(|e| e.docs != app.docs.len())
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

/// Sends the mode's query to the background searcher (an empty query clears the results).
fn submit(app: &mut App, mode: Mode) {
    if !ready(app, Duration::ZERO) {
        // Searched as soon as the index arrives (generation 0 is never a searcher's).
        app.search.pending = Some((0, mode, Instant::now()));
        return;
    }
    let opts = options(app, mode);
    let text = app.search.text(mode).to_string();
    let Some(engine) = app.search.engine.clone() else { return };
    let generation = engine.searcher.submit(&text, opts);
    app.search.pending = Some((generation, mode, Instant::now()));
}

/// Takes results that have arrived, without waiting. Returns [`Effect::Redraw`] when the shown
/// results changed.
pub fn poll(app: &mut App) -> Effect {
    if let Some(e) = index_arrived(app, Duration::ZERO) {
        return e;
    }
    let r = app.search.engine.as_ref().and_then(|e| e.searcher.try_recv());
    receive(app, r)
}

/// Waits up to `timeout` for the pending results (returns at once when they arrive).
pub fn wait(app: &mut App, timeout: Duration) -> Effect {
    let Some((_, _, since)) = app.search.pending else { return Effect::None };
    if let Some(e) = index_arrived(app, timeout) {
        return e;
    }
    let r = app.search.engine.as_ref().and_then(|e| e.searcher.recv_timeout(timeout));
    if r.is_none() && since.elapsed() > Duration::from_secs(60) {
        // The search thread is gone: stop polling rather than spin.
        app.search.pending = None;
        app.message = Some("search stopped responding".into());
        return Effect::Redraw;
    }
    receive(app, r)
}

/// While the index is being built: waits up to `timeout` for it, then sends the pending query.
/// `None` when the index is ready (results are then awaited from the searcher).
fn index_arrived(app: &mut App, timeout: Duration) -> Option<Effect> {
    let (_, mode, _) = app.search.pending?;
    if !indexing(app) {
        return None;
    }
    if !ready(app, timeout) {
        return Some(Effect::None);
    }
    submit(app, mode);
    Some(Effect::Redraw)
}

fn receive(app: &mut App, r: Option<Response>) -> Effect {
    let (Some(r), Some((generation, mode, since))) = (r, app.search.pending) else { return Effect::None };
    if r.generation != generation {
        return Effect::None;
    }
    let cur = app.doc();
    let s = &mut app.search;
    s.pending = None;
    s.latency = Some(since.elapsed());
    s.hits = match mode {
        Mode::Search => r.hits,
        // The palette finds sections; project and indicator names are for the full search.
        Mode::Palette => r.hits.into_iter().filter(|h| h.field == Field::SectionTitle).collect(),
    };
    if mode == Mode::Palette {
        // Among equally good sections, the current document's first.
        s.hits.sort_by_key(|h| (std::cmp::Reverse(h.score), Some(h.doc) != cur));
    }
    s.total = if mode == Mode::Palette { s.hits.len() } else { r.total };
    s.shown = r.query;
    s.sel = 0;
    s.off = 0;
    if Mode::of(app.overlay.as_ref()) == Some(mode) { Effect::Redraw } else { Effect::None }
}

/// Screen rows a hit takes in a mode's list.
pub fn rows_per_hit(mode: Mode) -> usize {
    match mode {
        Mode::Search => 2,
        Mode::Palette => 1,
    }
}

/// Rows of the overlay available for results (below the input and status lines).
pub fn results_height(app: &App, _mode: Mode) -> usize {
    let inner = super::layout::inner(super::view::overlay_area(app.size));
    (inner.height as usize).saturating_sub(2)
}

/// The section path of a hit, "Title › Subtitle", enclosing titles cut to `part` characters so
/// the innermost one stays visible; the document's label for a hit outside sections.
pub fn hit_path(index: &Index, hit: &Hit, part: usize) -> String {
    let Some(s) = hit.section else { return index.docs.get(hit.doc).map(|d| d.label.clone()).unwrap_or_default() };
    let path = index.section_path(s);
    let n = path.len();
    let cut = |t: &str| match t.char_indices().nth(part.saturating_sub(1)) {
        Some((i, _)) if t.chars().count() > part => format!("{}…", t[..i].trim_end()),
        _ => t.to_string(),
    };
    let parts: Vec<String> =
        path.iter().enumerate().map(|(i, s)| if i + 1 < n { cut(&s.title) } else { s.title.clone() }).collect();
    parts.join(" › ")
}

/// The name a hit's document goes by in result rows: the region, or the document's label (region
/// and version, without a parenthesised note) when several open documents are of that region.
pub fn doc_name(index: &Index, hit: &Hit) -> String {
    let same = index.docs.iter().filter(|d| d.region == hit.region).count();
    match index.docs.get(hit.doc) {
        Some(d) if same > 1 => d.label.split(" (").next().unwrap_or(&d.label).to_string(),
        _ => hit.region.clone(),
    }
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
    let Some(engine) = app.search.engine.clone() else { return Effect::None };
    let Some(path) = hit.section.and_then(|s| engine.index.sections.get(s)).map(|s| s.path.clone()) else {
        return update::open(app, hit.doc, &Item::Overview, Vec::new());
    };
    let marks = match mode {
        Mode::Search => marks_for(&app.docs[hit.doc].doc, &path, &Query::parse(&app.search.shown)),
        Mode::Palette => Vec::new(),
    };
    let block = match hit.field {
        Field::Block(b) => Some(b),
        _ => None,
    };
    let e = update::open(app, hit.doc, &Item::Section(path), marks);
    if e == Effect::None {
        return e;
    }
    // Matches in the printed text of a table section: show that text so they can be seen.
    let hidden = !app.marks.is_empty() && app.content.mark_lines.iter().all(|l| l.is_none());
    let raw_on = hidden && !app.raw;
    if raw_on {
        app.raw = true;
        app.refresh();
    }
    // Start at the hit's own paragraph rather than the section's first match.
    let first = app
        .marks
        .iter()
        .enumerate()
        .position(|(i, m)| Some(m.block) == block && app.content.mark_lines.get(i).copied().flatten().is_some())
        .or_else(|| app.content.mark_lines.iter().position(|l| l.is_some()));
    app.search.mark_cur = first.unwrap_or(0);
    if let Some(Some(line)) = first.map(|i| app.content.mark_lines[i]) {
        update::scroll_to(app, line);
    }
    let shown = app.content.mark_lines.iter().filter(|l| l.is_some()).count();
    app.message = Some(match (mode, shown) {
        (Mode::Palette, _) => format!("{} ({})", hit.title, hit.key),
        (Mode::Search, 0) => "the match is in the title or a table (r: raw text)".into(),
        (Mode::Search, n) if raw_on => {
            format!("match {} of {n}; text as printed (r: tables)", rank_of(app, first.unwrap_or(0)))
        }
        (Mode::Search, n) => format!("match {} of {n} (n/N: next/previous)", rank_of(app, first.unwrap_or(0))),
    });
    Effect::Redraw
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
        app.message = Some(if app.marks.is_empty() {
            "no matches here (/ searches)".into()
        } else {
            "the matches are in text the table hides (r: raw text)".into()
        });
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
    app.message = Some(format!("match {} of {}", next + 1, shown.len()));
    Effect::Redraw
}
