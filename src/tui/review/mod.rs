//! The review side of the UI: notes (the input, marks in the tree and under paragraphs, the notes
//! list), reviewed marks and their progress in compare mode, the report key, OSC 52 copy, the
//! jump list and bookmarks.
//!
//! [`Review`] holds what outlives a mode: the notes (read from the shared SQLite store,
//! [`crate::notes::Store`], opened when there is one and created on the first write), the
//! reviewed marks of the comparison on screen, the jump list, bookmarks and a pending copy. The
//! modes are components on the layer stack ([`crate::tui::layer`]) that own their state: the note
//! input ([`input::NoteInput`] over [`editor::NoteEditor`]), the notes list
//! ([`list::NotesView`]) and a key waiting for its second key ([`prefix::Pending`]). The browse
//! view's review actions come through [`apply`].

pub mod copy;
pub mod editor;
pub mod input;
pub mod jumps;
pub mod list;
pub mod prefix;
pub mod report;
pub(crate) mod writes;

use super::action::Action;
use super::content::{Item, NoteMark};
use super::keymap::{Context, Key};
use super::layer::compare::Entry;
use super::state::{App, DocRow, Pane};
use super::theme::Role;
use super::update::{self, Effect};
use crate::i18n::{Msg, tr, trf};
use crate::load::Loaded;
use crate::notes::anchor::{Anchor, Placement, carry_forward, place_on};
use crate::notes::store::{Bookmark, NewNote};
use crate::notes::{DocRef, Note, Pair, config};
use crate::text::sanitize::sanitize;
use crossterm::event::KeyCode;
use editor::{NoteEditor, Target};
use jumps::{JumpList, Spot};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Widget};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A key that waits for the next one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prefix {
    /// `m`: the next letter names a bookmark here.
    SetBookmark,
    /// `'`: the next letter names the bookmark to go to.
    GoBookmark,
    /// `w` in compare mode: the next key picks the report format.
    Report,
}

/// What a paragraph cursor stands in: a document's section, or a section of a comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A document (index) and its section.
    Doc(usize, Item),
    /// A comparison (A, B) and its tree entry.
    Compare(usize, usize, Entry),
}

/// The paragraph cursor: `}` and `{` move it over the blocks of a section (the rows of a diff);
/// notes and copies take its paragraph. It is shown while its section is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    /// Where it stands.
    pub place: Place,
    /// The block (or diff row) index.
    pub index: usize,
}

/// The notes placed on the selected document, with its sections' unique keys.
#[derive(Debug, Clone)]
struct DocNotes {
    /// (document, number of open documents, notes generation) it was made for.
    made_for: (usize, usize, u64),
    /// Unique section key by tree path.
    keys: HashMap<Vec<usize>, String>,
    /// Tree path by unique key.
    paths: HashMap<String, Vec<usize>>,
    placement: Placement,
}

/// The review state.
#[derive(Debug, Default)]
pub struct Review {
    settings: Option<config::Settings>,
    /// Every note of the store (they are few; placing them is cheap).
    pub notes: Vec<Note>,
    /// Bumped whenever notes or reviewed marks change, so laid-out content is rebuilt.
    pub generation: u64,
    doc: Option<DocNotes>,
    /// B's notes in compare mode (its own and A's carried forward): (a, b, generation).
    carried: Option<((usize, usize, u64), Placement)>,
    /// Sections of the current comparison marked reviewed.
    pub reviewed: BTreeSet<String>,
    reviewed_for: Option<(usize, usize)>,
    /// The store answered with [`Review::reviewed`] for `reviewed_for`.
    reviewed_read: bool,
    /// Back and forward after jumps.
    pub jumps: JumpList,
    /// Bookmarks set in this session, by letter (with the scroll; compare spots too).
    pub bookmarks: BTreeMap<char, Spot>,
    /// This reviewer's bookmarks kept in the store from earlier sessions.
    saved_marks: Vec<Bookmark>,
    /// An OSC 52 sequence for the terminal, written after the next frame.
    pub clipboard: Option<String>,
    /// The paragraph cursor, when moved.
    pub cursor: Option<Cursor>,
    /// Where reports are written (the current folder when `None`).
    pub report_dir: Option<std::path::PathBuf>,
    /// Writes to the store waiting or running in the background.
    pub(crate) writes: writes::Queue,
}

impl Review {
    /// The review state with the notes store's settings (`None`: no store, as in most tests).
    /// Nothing is read here: [`App::new`] asks for the notes in the background
    /// ([`writes::read`]).
    pub fn new(settings: Option<config::Settings>) -> Review {
        Review { settings, ..Default::default() }
    }

    /// True once the store answered with the reviewed marks of the comparison (A, B).
    pub(crate) fn reviewed_ready(&self, a: usize, b: usize) -> bool {
        self.settings.is_none() || (self.reviewed_for == Some((a, b)) && self.reviewed_read)
    }

    fn author(&self) -> String {
        self.settings.as_ref().map(|s| s.author.clone()).unwrap_or_else(|| "?".into())
    }

    /// Makes sure the selected document's notes are placed.
    pub fn sync_doc(&mut self, docs: &[Loaded], d: usize) {
        let made_for = (d, docs.len(), self.generation);
        if self.doc.as_ref().is_some_and(|n| n.made_for == made_for) {
            return;
        }
        let doc = &docs[d].doc;
        let (_, ukeys) = crate::compare::align::placed(doc);
        let mut paths = Vec::with_capacity(ukeys.len());
        crate::model::visit_sections(&doc.sections, |p, _| {
            paths.push(p.to_vec());
            true
        });
        let keys: HashMap<Vec<usize>, String> = paths.iter().cloned().zip(ukeys.iter().cloned()).collect();
        let paths = ukeys.iter().cloned().zip(paths).collect();
        self.doc = Some(DocNotes { made_for, keys, paths, placement: place_on(&self.notes, doc) });
    }

    /// Makes sure B's notes are placed for a comparison, and its reviewed marks are asked for (the
    /// store job started after the event reads them, see [`writes`]).
    pub fn sync_compare(&mut self, docs: &[Loaded], a: usize, b: usize, diff: &crate::compare::DocDiff) {
        let key = (a, b, self.generation);
        if self.carried.as_ref().is_none_or(|(k, _)| *k != key) {
            self.carried = Some((key, carry_forward(&self.notes, &docs[a].doc, &docs[b].doc, diff)));
        }
        if self.reviewed_for != Some((a, b)) {
            self.reviewed_for = Some((a, b));
            let pair = Pair::of(&docs[a].doc, &docs[b].doc);
            // Until the store answers: the marks still on their way to it.
            self.reviewed.clear();
            self.writes.overlay_reviewed(&pair, &mut self.reviewed);
            self.reviewed_read = false;
            self.writes.want_reviewed(pair);
        }
    }

    /// B's notes in the current comparison (see [`Review::sync_compare`]).
    pub fn compare_notes(&self) -> Option<&Placement> {
        self.carried.as_ref().map(|(_, p)| p)
    }

    /// The unique key of a section of the selected document.
    pub fn key_of(&self, path: &[usize]) -> Option<&str> {
        self.doc.as_ref()?.keys.get(path).map(String::as_str)
    }

    /// Notes anywhere in a section of the selected document (for its mark in the tree).
    pub fn count_at(&self, path: &[usize]) -> usize {
        let Some(n) = &self.doc else { return 0 };
        n.keys.get(path).map_or(0, |k| n.placement.count_in(k))
    }

    /// The notes to show in a section's text of the selected document.
    pub fn content_notes(&self, item: &Item) -> Vec<NoteMark> {
        let (Some(n), Item::Section(path)) = (&self.doc, item) else { return Vec::new() };
        let Some(key) = n.keys.get(path) else { return Vec::new() };
        marks_of(&n.placement, key)
    }
}

/// The notes of a section as the content shows them: on the section, then on each block.
pub fn marks_of(p: &Placement, key: &str) -> Vec<NoteMark> {
    p.placed
        .iter()
        .filter(|n| n.section == key)
        .map(|n| NoteMark { block: n.block, text: note_line(&n.note, n.carried) })
        .collect()
}

/// One note as a line under its paragraph: author, date, where it came from, the text.
fn note_line(n: &Note, carried: bool) -> String {
    let mut s = format!("{} {}", n.author, n.created.get(..10).unwrap_or(&n.created));
    if carried {
        s.push_str(&format!(" {}", trf(Msg::CarriedFrom, &[&n.doc.version])));
    }
    format!("{s}: {}", n.text)
}

/// The review actions from the panes and compare mode. `None` when the action is not one.
pub fn apply(app: &mut App, a: Action) -> Option<Effect> {
    Some(match a {
        Action::AddNote => add_note(app),
        Action::NextBlock => move_cursor(app, true),
        Action::PrevBlock => move_cursor(app, false),
        Action::NotesList => open_list(app),
        Action::Copy => copy::copy(app, false),
        Action::CopySection => copy::copy(app, true),
        Action::JumpBack => {
            let here = spot(app);
            match here.and_then(|h| app.review.jumps.back(h)) {
                Some(s) => go(app, &s),
                None => say(app, tr(Msg::NoEarlierJump).into()),
            }
        }
        Action::JumpForward => match app.review.jumps.forward() {
            Some(s) => go(app, &s),
            None => say(app, tr(Msg::NoLaterJump).into()),
        },
        Action::SetBookmark => prompt(app, Prefix::SetBookmark, Msg::BookmarkSetPrompt),
        Action::GoBookmark => prompt(app, Prefix::GoBookmark, Msg::BookmarkGoPrompt),
        _ => return None,
    })
}

fn say(app: &mut App, m: String) -> Effect {
    app.status.say(m);
    Effect::Redraw
}

fn prompt(app: &mut App, p: Prefix, m: Msg) -> Effect {
    super::layer::push(app, Box::new(prefix::Pending(p)));
    say(app, tr(m).into())
}

/// `w` in compare mode: waits for the report format's key.
pub(crate) fn prompt_report(app: &mut App) -> Effect {
    prompt(app, Prefix::Report, Msg::ReportPrompt)
}

/// The key after a prefix key.
pub(crate) fn prefixed(app: &mut App, p: Prefix, k: Key) -> Effect {
    app.status.clear();
    let letter = match k.code {
        KeyCode::Char(c) if k.mods.is_empty() || k.mods == crossterm::event::KeyModifiers::SHIFT => Some(c),
        _ => None,
    };
    let Some(c) = letter else { return say(app, tr(Msg::Cancelled).into()) };
    match p {
        Prefix::SetBookmark if c.is_alphabetic() => match spot(app) {
            Some(s) => {
                let kept = keep_bookmark(app, c, &s);
                app.review.bookmarks.insert(c, s);
                match kept {
                    Ok(()) => say(app, trf(Msg::BookmarkSet, &[&c])),
                    Err(e) => say(app, trf(Msg::BookmarkNotKept, &[&c, &sanitize(&e)])),
                }
            }
            None => say(app, tr(Msg::Cancelled).into()),
        },
        Prefix::GoBookmark if c.is_alphabetic() => match bookmark(app, c) {
            Some(s) => {
                if let Some(h) = spot(app) {
                    app.review.jumps.record(h);
                }
                let e = go(app, &s);
                if app.status.is_empty() {
                    app.status.say(trf(Msg::BookmarkWent, &[&c]));
                }
                e
            }
            None => say(app, trf(Msg::NoBookmark, &[&c])),
        },
        Prefix::Report => match report::format_of(c) {
            Some(f) => report::write(app, f),
            None => say(app, tr(Msg::Cancelled).into()),
        },
        _ => say(app, tr(Msg::Cancelled).into()),
    }
}

/// Keeps a document bookmark in the store for later sessions (a comparison's stays in this
/// one); written in the background (see [`writes`]).
fn keep_bookmark(app: &mut App, letter: char, s: &Spot) -> Result<(), String> {
    let Spot::Doc { doc, item, .. } = s else { return Ok(()) };
    if app.review.settings.is_none() {
        return Ok(());
    }
    app.review.sync_doc(&app.docs, *doc);
    let section = match item {
        Item::Section(p) => app.review.key_of(p).map(str::to_string),
        Item::Overview => None,
    };
    let b = Bookmark { letter, doc: DocRef::of(&app.docs[*doc].doc), section };
    app.review.saved_marks.retain(|m| m.letter != letter);
    app.review.saved_marks.push(b.clone());
    writes::submit(app, writes::Write::Bookmark(b))
}

/// The spot of a bookmark: this session's, else one kept in the store (its document open).
fn bookmark(app: &mut App, letter: char) -> Option<Spot> {
    if let Some(s) = app.review.bookmarks.get(&letter) {
        return Some(s.clone());
    }
    let b = app.review.saved_marks.iter().find(|m| m.letter == letter)?.clone();
    let doc = app.docs.iter().position(|l| DocRef::of(&l.doc) == b.doc)?;
    let item = match &b.section {
        Some(key) => {
            app.review.sync_doc(&app.docs, doc);
            Item::Section(app.review.doc.as_ref()?.paths.get(key)?.clone())
        }
        None => Item::Overview,
    };
    Some(Spot::Doc { doc, item, scroll: 0 })
}

/// Where the reader is now.
pub fn spot(app: &App) -> Option<Spot> {
    if let Some(c) = app.layers.compare.on() {
        let ((a, b), (_, scroll)) = (c.pair(), c.starts());
        return Some(Spot::Compare { a, b, entry: c.entry(), scroll });
    }
    let d = app.doc()?;
    Some(Spot::Doc { doc: d, item: app.item()?.clone(), scroll: app.layers.browse.views[d].scroll })
}

/// Goes to a spot; says so when it cannot (its comparison was closed).
pub fn go(app: &mut App, s: &Spot) -> Effect {
    match s {
        Spot::Doc { doc, item, scroll } => {
            let Some(row) = app.layers.browse.doc_rows.iter().position(|r| *r == DocRow::Doc(*doc)) else {
                return say(app, tr(Msg::JumpGone).into());
            };
            app.layers.compare.close();
            app.layers.browse.doc_sel = row;
            if let Item::Section(path) = item {
                for n in 1..path.len() {
                    app.layers.browse.views[*doc].collapsed.remove(&path[..n]);
                }
            }
            app.layers.browse.marks.clear();
            if update::select_item(app, item) == Effect::None && app.item() != Some(item) {
                return say(app, tr(Msg::JumpGone).into());
            }
            app.layers.browse.views[*doc].scroll = *scroll;
            if app.layers.browse.focus == Pane::Documents {
                app.layers.browse.focus = Pane::Content;
            }
            Effect::Redraw
        }
        Spot::Compare { a, b, entry, scroll } => {
            let Some(c) = app.layers.compare.on_mut().filter(|c| c.pair() == (*a, *b)) else {
                return say(app, tr(Msg::JumpGone).into());
            };
            if c.show(*entry, *scroll) { Effect::Redraw } else { say(app, tr(Msg::JumpGone).into()) }
        }
    }
}

/// Runs a key through `step`, recording the spot it left in the jump list when the key was a
/// jump (search results, the palette, the problem list, `g`/`G`, next match or change).
pub fn around_key(app: &mut App, k: Key, step: impl FnOnce(&mut App, Key) -> Effect) -> Effect {
    let ctx = app.context();
    let action = if ctx.is_input() { app.keymap.lookup_input(ctx, k) } else { app.keymap.lookup(ctx, k) };
    let jump = match action {
        Some(Action::Open) => matches!(ctx, Context::Search | Context::Palette | Context::Overlay),
        Some(
            Action::Top
            | Action::Bottom
            | Action::NextMatch
            | Action::PrevMatch
            | Action::NextChange
            | Action::PrevChange,
        ) => matches!(ctx, Context::Sections | Context::Content | Context::Compare),
        _ => false,
    };
    let from = if jump { spot(app) } else { None };
    let e = step(app, k);
    if let Some(from) = from
        && spot(app).is_some_and(|to| to != from)
    {
        app.review.jumps.record(from);
    }
    e
}

/// The place a new note goes: the selected section, and the paragraph at the top of the text
/// when the text pane has the focus. In compare mode, B's section and paragraph.
fn add_note(app: &mut App) -> Effect {
    let target = if let Some(c) = app.layers.compare.on() {
        let Some((_, s)) = c.section() else { return say(app, tr(Msg::NoteNeedsSection).into()) };
        if s.status == crate::compare::Status::Removed {
            return say(app, tr(Msg::NoteOnRemoved).into());
        }
        let block = (app.layers.browse.focus == Pane::Content)
            .then(|| current_block(app).and_then(|r| s.rows.get(r)).and_then(|r| r.b))
            .flatten();
        Target::New { doc: c.pair().1, section: s.key.clone(), block }
    } else {
        let (Some(d), Some(Item::Section(path))) = (app.doc(), app.item().cloned()) else {
            return say(app, tr(Msg::NoteNeedsSection).into());
        };
        app.review.sync_doc(&app.docs, d);
        let Some(key) = app.review.key_of(&path).map(str::to_string) else { return Effect::None };
        let block = (app.layers.browse.focus == Pane::Content).then(|| current_block(app)).flatten();
        Target::New { doc: d, section: key, block }
    };
    let place = place_text(app, &target);
    super::layer::push(app, Box::new(input::NoteInput::new(NoteEditor::new(target, place, ""))));
    app.status.clear();
    Effect::Redraw
}

/// The section (or diff entry) on screen.
pub fn place(app: &App) -> Option<Place> {
    if let Some(c) = app.layers.compare.on() {
        let (a, b) = c.pair();
        return Some(Place::Compare(a, b, c.entry()));
    }
    Some(Place::Doc(app.doc()?, app.item()?.clone()))
}

/// The line starts of the blocks (diff rows) on screen, and the first line shown.
fn starts(app: &App) -> (&[usize], usize) {
    match (app.layers.compare.on(), app.doc()) {
        (Some(c), _) => c.starts(),
        (None, Some(d)) => (&app.layers.browse.content.blocks, app.layers.browse.views[d].scroll),
        (None, None) => (&[], 0),
    }
}

/// The paragraph the reader is at: the cursor's when it stands in this section, else the first
/// to start within the view (or the one the top line belongs to).
pub fn current_block(app: &App) -> Option<usize> {
    let here = place(app)?;
    let (starts, scroll) = starts(app);
    match &app.review.cursor {
        Some(c) if c.place == here && c.index < starts.len() => Some(c.index),
        _ => top_row(starts, scroll),
    }
}

/// The lines of the cursor's block (diff row) in `starts`, without the blank lines after it.
pub fn cursor_lines(app: &App, starts: &[usize], lines: &[Line<'_>]) -> Option<std::ops::Range<usize>> {
    let i = cursor_here(app)?;
    let start = *starts.get(i)?;
    let mut end = starts.get(i + 1).copied().unwrap_or(lines.len()).min(lines.len());
    while end > start + 1 && lines[end - 1].width() == 0 {
        end -= 1;
    }
    Some(start..end)
}

/// The cursor's block when it stands in the section shown (for drawing it).
pub fn cursor_here(app: &App) -> Option<usize> {
    let c = app.review.cursor.as_ref()?;
    (Some(&c.place) == place(app).as_ref()).then_some(c.index)
}

/// `}` / `{`: the paragraph cursor to the next (previous) block or diff row, scrolled into view.
fn move_cursor(app: &mut App, forward: bool) -> Effect {
    let Some(here) = place(app) else { return Effect::None };
    let n = starts(app).0.len();
    if n == 0 {
        return Effect::None;
    }
    let next = match (cursor_here(app), forward) {
        (Some(i), true) => (i + 1).min(n - 1),
        (Some(i), false) => i.saturating_sub(1),
        (None, _) => current_block(app).unwrap_or(0),
    };
    app.review.cursor = Some(Cursor { place: here, index: next });
    let line = starts(app).0[next];
    let h = super::layout::inner(app.areas().content).height as usize;
    match app.layers.compare.on_mut() {
        Some(c) => c.keep_in_view(line, h),
        None => {
            if let Some(d) = app.doc() {
                let v = &mut app.layers.browse.views[d];
                v.scroll = super::list::keep_visible(line, v.scroll, h.max(1), app.layers.browse.content.lines.len());
            }
        }
    }
    app.layers.browse.focus = Pane::Content;
    Effect::Redraw
}

/// The row (block) of a laid-out text the reader is at: the first to start within the view, else
/// the one the top line belongs to.
pub fn top_row(starts: &[usize], scroll: usize) -> Option<usize> {
    if starts.is_empty() {
        return None;
    }
    match starts.iter().position(|&l| l >= scroll) {
        Some(i) => Some(i),
        None => Some(starts.len() - 1),
    }
}

/// «§ problems.healthcare, абзац 3: «Первые слова…»» for the input's title.
fn place_text(app: &App, t: &Target) -> String {
    let Target::New { doc, section, block } = t else { return tr(Msg::EditingNote).into() };
    let d = &app.docs[*doc].doc;
    let text = block.and_then(|b| block_text(d, section, b));
    match (block, text) {
        (Some(b), Some(t)) => {
            let words: String = t.chars().take(40).collect();
            let more = if t.chars().count() > 40 { "…" } else { "" };
            trf(Msg::NoteOnBlock, &[&sanitize(section), &(b + 1), &format!("{}{more}", sanitize(&words))])
        }
        _ => trf(Msg::NoteOnSection, &[&sanitize(section)]),
    }
}

/// The text of block `b` of the section with unique key `section`.
fn block_text(d: &crate::model::Document, section: &str, b: usize) -> Option<String> {
    let (placed, keys) = crate::compare::align::placed(d);
    let i = keys.iter().position(|k| k == section)?;
    placed[i].section.blocks.get(b).map(|x| x.text.to_string())
}

/// Ctrl-S in the input: queues the note's write (see [`writes`]); true when it is queued (the
/// input closes; a note the store refuses comes back in a new input). When it cannot be, the
/// status line says why and the text stays in the input.
pub(crate) fn save(app: &mut App, ed: &NoteEditor) -> bool {
    let text = ed.text().trim_end().to_string();
    if text.trim().is_empty() {
        app.status.say(tr(Msg::NoteEmpty));
        return false;
    }
    let author = app.review.author();
    let w = match &ed.target {
        Target::New { doc, section, block } => {
            let d = &app.docs[*doc].doc;
            let anchor = block.and_then(|b| block_text(d, section, b)).map(|t| Anchor::of(&t));
            let n = NewNote {
                doc: DocRef::of(d),
                section: section.clone(),
                block: block.map(|b| b + 1),
                anchor,
                text,
                author,
            };
            writes::Write::Add(n, ed.clone())
        }
        Target::Edit(id) => writes::Write::Edit(*id, ed.clone()),
    };
    match writes::submit(app, w) {
        Ok(()) => {
            app.status.say(tr(Msg::NoteSaving));
            true
        }
        Err(e) => {
            app.status.say(trf(Msg::NoteNotSaved, &[&sanitize(&e)]));
            false
        }
    }
}

/// Opens the notes list of the selected document (B's in compare mode).
fn open_list(app: &mut App) -> Effect {
    // Others may have written since: the store is read again (the list follows when it answers).
    writes::read(app);
    match list::NotesView::new(app) {
        Some(v) => {
            super::layer::push(app, Box::new(v));
            Effect::Redraw
        }
        None => say(app, tr(Msg::NoDocumentOpen).into()),
    }
}

/// Deletes a note (the notes list's `d`, pressed twice), in the background; says so.
pub(crate) fn delete(app: &mut App, id: i64) {
    let m = match writes::submit(app, writes::Write::Remove(id)) {
        Ok(()) => tr(Msg::NoteRemoving).into(),
        Err(e) => trf(Msg::NoteNotSaved, &[&sanitize(&e)]),
    };
    app.status.say(m);
}

/// Shows a note's place: its section, scrolled to its paragraph (in compare mode, the section's
/// diff at the paragraph's row).
pub(crate) fn open_note(app: &mut App, doc: usize, section: &str, block: Option<usize>) -> Effect {
    if let Some(h) = spot(app) {
        app.review.jumps.record(h);
    }
    if let Some(c) = app.layers.compare.on_mut().filter(|c| c.pair().1 == doc) {
        // Scrolled to the paragraph's row once compare mode is laid out again.
        if !c.show_section(section, block) {
            return Effect::None;
        }
        app.layers.browse.focus = Pane::Content;
        return Effect::Redraw;
    }
    app.review.sync_doc(&app.docs, doc);
    let Some(path) = app.review.doc.as_ref().and_then(|n| n.paths.get(section).cloned()) else {
        return Effect::None;
    };
    let e = go(app, &Spot::Doc { doc, item: Item::Section(path), scroll: 0 });
    app.layers.browse.focus = Pane::Content;
    app.refresh();
    if let Some(line) = block.and_then(|b| app.layers.browse.content.blocks.get(b).copied()) {
        update::scroll_to(app, line);
    }
    e
}

/// Marks a section of the comparison (A, B) reviewed, or clears the mark, in the notes store (in
/// the background, undone on screen if the store refuses it); the reviewed set on screen changes
/// at once. `Err` with the message to show when there is no store to write to.
pub(crate) fn set_reviewed(app: &mut App, a: usize, b: usize, key: &str, on: bool) -> Result<(), String> {
    let pair = Pair::of(&app.docs[a].doc, &app.docs[b].doc);
    let w = writes::Write::Reviewed { pair, section: key.to_string(), on };
    writes::submit(app, w).map_err(|e| trf(Msg::NoteNotSaved, &[&sanitize(&e)]))?;
    if on {
        app.review.reviewed.insert(key.to_string());
    } else {
        app.review.reviewed.remove(key);
    }
    app.review.generation += 1;
    Ok(())
}

/// «просмотрено 12 из 40 изменённых разделов».
pub fn progress_text(p: crate::notes::Progress) -> String {
    let m = if p.changed == 1 { Msg::ReviewedProgressOne } else { Msg::ReviewedProgress };
    trf(m, &[&p.reviewed, &p.changed])
}

/// An overlay's frame: the title at the top, the keys at the bottom right; returns the inside.
pub(crate) fn framed(app: &App, title: String, hint: String, area: Rect, buf: &mut Buffer) -> Rect {
    let t = &app.theme;
    Clear.render(area, buf);
    let block = super::view::border(Block::bordered(), app.ascii, true)
        .style(t.style(Role::Overlay))
        .border_style(t.style(Role::BorderFocus))
        .title_top(Line::from(title).style(t.style(Role::TitleFocus)))
        .title_bottom(Line::from(hint).right_aligned().style(t.style(Role::Muted)));
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}

/// A context's own status hints as one line: `Enter open  e edit  ...`.
pub(crate) fn hints(app: &App, c: Context) -> String {
    let own = app.keymap.bindings().iter().filter(|b| b.context == c && b.hint);
    own.map(|b| format!("{} {}", b.key, b.action.short())).collect::<Vec<_>>().join("  ")
}

/// Puts notes into a section's laid-out diff: notes on the whole section before the first row,
/// notes on a block of B after that block's row; the row start lines move down with them.
pub fn annotate(
    l: &mut super::layer::compare::diffview::DiffLines,
    s: &crate::compare::SectionDiff,
    notes: &[NoteMark],
    width: usize,
    theme: &super::theme::Theme,
    ascii: bool,
) {
    let mut inserts: Vec<(usize, Vec<Line<'static>>)> = Vec::new();
    for n in notes {
        let at = match n.block {
            None => l.row_lines.first().copied().unwrap_or(l.lines.len()),
            Some(b) => {
                let Some(r) = s.rows.iter().position(|r| r.b == Some(b)) else { continue };
                let start = l.row_lines.get(r).copied().unwrap_or(l.lines.len());
                let mut end = l.row_lines.get(r + 1).copied().unwrap_or(l.lines.len());
                while end > start + 1 && l.lines[end - 1].width() == 0 {
                    end -= 1;
                }
                end
            }
        };
        let mut lines = note_lines(&n.text, width, theme, ascii);
        if n.block.is_none() {
            lines.push(Line::default());
        }
        inserts.push((at, lines));
    }
    // From the bottom up, so earlier places stay where they are; notes at one place keep order.
    inserts.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
    let mut i = 0;
    while i < inserts.len() {
        let at = inserts[i].0;
        let mut group = Vec::new();
        while i < inserts.len() && inserts[i].0 == at {
            group.push(std::mem::take(&mut inserts[i].1));
            i += 1;
        }
        let lines: Vec<Line<'static>> = group.into_iter().rev().flatten().collect();
        let n = lines.len();
        l.lines.splice(at..at, lines);
        for r in l.row_lines.iter_mut().filter(|r| **r >= at) {
            *r += n;
        }
    }
}

/// A note's lines: the note mark, then each line of its text wrapped with a hanging indent.
fn note_lines(text: &str, width: usize, theme: &super::theme::Theme, ascii: bool) -> Vec<Line<'static>> {
    let style = theme.style(Role::Key);
    let mark = super::content::note_symbol(ascii);
    let mut out = Vec::new();
    for (i, l) in text.split('\n').enumerate() {
        let clean = sanitize(l);
        for (j, piece) in super::wrap::wrap_str(&clean, width.saturating_sub(2).max(1)).into_iter().enumerate() {
            let lead = if i == 0 && j == 0 { format!("{mark} ") } else { "  ".into() };
            out.push(Line::styled(format!("{lead}{piece}"), style));
        }
        if clean.is_empty() {
            out.push(Line::default());
        }
    }
    out
}
