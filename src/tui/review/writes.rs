//! Every use of the notes store happens off the UI thread: adding, editing and removing notes,
//! reviewed marks and kept bookmarks each become a [`Write`], and reading the notes again (at
//! start, when the notes list opens, when a comparison's reviewed marks are wanted) is a read;
//! one at a time they run as the background job [`Kind::Store`] (its own SQLite connection,
//! waiting on the store's busy timeout when another reviewer writes) and report back as
//! [`Output::Stored`] with the notes, bookmarks and the current comparison's reviewed marks read
//! again. The UI holds no connection to the store, so a store that is locked, slow (a shared
//! folder on a network disk) or large never holds a keystroke or a frame.
//!
//! A write is *acknowledged* when it is queued: the note input closes and the status line says
//! «сохраняется…». The result replaces that message; a note that could not be written comes back
//! in the note input with its text, a reviewed mark that could not be written is undone. On quit
//! the run loop waits for the queue a bounded time ([`finish`]) and lists what was not written
//! (with a note's whole text) after the terminal is restored.

use super::editor::NoteEditor;
use crate::i18n::{Msg, tr, trf};
use crate::notes::store::{Bookmark, NewNote};
use crate::notes::{Note, Pair, Store, config};
use crate::text::sanitize::sanitize;
use crate::tui::job::{Kind, Output};
use crate::tui::state::App;
use crate::tui::update::Effect;
use std::collections::BTreeSet;
use std::collections::VecDeque;
use std::time::{Duration, Instant};

/// One write to the notes store.
#[derive(Debug, Clone)]
pub(crate) enum Write {
    /// A new note, and the input it was written in (to give it back when it is not saved).
    Add(NewNote, NoteEditor),
    /// A note's new text.
    Edit(i64, NoteEditor),
    /// A note deleted.
    Remove(i64),
    /// A section of a comparison marked reviewed (`true`) or not.
    Reviewed { pair: Pair, section: String, on: bool },
    /// A bookmark kept for later sessions.
    Bookmark(Bookmark),
}

impl Write {
    /// What it is, in words, for the list of what was not saved on quit (a note's whole text,
    /// so that it can be written again).
    pub(crate) fn describe(&self) -> String {
        match self {
            Write::Add(n, _) => trf(Msg::UnsavedNote, &[&sanitize(&n.section), &sanitize(&n.text)]),
            Write::Edit(id, ed) => trf(Msg::UnsavedEdit, &[id, &sanitize(ed.text().trim_end())]),
            Write::Remove(id) => trf(Msg::UnsavedRemove, &[id]),
            Write::Reviewed { section, .. } => trf(Msg::UnsavedReviewed, &[&sanitize(section)]),
            Write::Bookmark(b) => trf(Msg::UnsavedBookmark, &[&b.letter]),
        }
    }

    /// Runs the write on `store`.
    fn run(&self, store: &Store, author: &str) -> Result<(), String> {
        let e = |e: crate::notes::StoreError| e.to_string();
        match self {
            Write::Add(n, _) => store.add(n).map(|_| ()).map_err(e),
            Write::Edit(id, ed) => store.edit(*id, ed.text().trim_end()).map(|_| ()).map_err(e),
            Write::Remove(id) => store.remove(*id).map(|_| ()).map_err(e),
            Write::Reviewed { pair, section, on } => store.set_reviewed(pair, section, author, *on).map_err(e),
            Write::Bookmark(b) => store.set_bookmark(author, b).map_err(e),
        }
    }
}

/// What a store job read: every note, this reviewer's bookmarks, and the reviewed marks of the
/// comparison on screen (when there is one).
#[derive(Debug, Default)]
pub(crate) struct Read {
    pub(crate) notes: Vec<Note>,
    pub(crate) marks: Vec<Bookmark>,
    pub(crate) reviewed: Option<(Pair, BTreeSet<String>)>,
}

/// What a store job reports: the write it ran (none for a read), and what it read after it (or
/// why it failed).
#[derive(Debug)]
pub(crate) struct Stored {
    /// The write it ran.
    pub(crate) write: Option<Write>,
    /// What was read after the write, or the error.
    pub(crate) result: Result<Read, String>,
}

/// The store jobs waiting and the one running.
#[derive(Debug, Default)]
pub(crate) struct Queue {
    waiting: VecDeque<Write>,
    /// The job that runs and has not reported yet (its write, `None` for a read).
    running: Option<Option<Write>>,
    /// A read is wanted (it runs when no write waits: every write reads again after it).
    read: bool,
    /// The comparison whose reviewed marks are shown, read with every job.
    pair: Option<Pair>,
}

impl Queue {
    /// Writes not yet reported (running or waiting).
    pub(crate) fn pending(&self) -> usize {
        self.waiting.len() + usize::from(matches!(self.running, Some(Some(_))))
    }

    /// Asks for the reviewed marks of `pair` (the comparison now on screen) to be read.
    pub(crate) fn want_reviewed(&mut self, pair: Pair) {
        self.pair = Some(pair);
        self.read = true;
    }

    /// Applies the reviewed marks of `pair` not yet written to a set read from the store.
    pub(crate) fn overlay_reviewed(&self, of: &Pair, set: &mut BTreeSet<String>) {
        for w in self.running.iter().flatten().chain(&self.waiting) {
            if let Write::Reviewed { pair, section, on } = w
                && pair == of
            {
                if *on {
                    set.insert(section.clone());
                } else {
                    set.remove(section);
                }
            }
        }
    }

    /// What was not written yet, in words (see [`Write::describe`]).
    pub(crate) fn describe(&self) -> Vec<String> {
        self.running.iter().flatten().chain(&self.waiting).map(Write::describe).collect()
    }
}

/// Queues a write (starting it when none runs). `Err` when there is no store configured, so
/// nothing could ever be written.
pub(crate) fn submit(app: &mut App, w: Write) -> Result<(), String> {
    if app.review.settings.is_none() {
        return Err(tr(Msg::NoNotesStore).into());
    }
    app.review.writes.waiting.push_back(w);
    start_next(app);
    Ok(())
}

/// Asks for the notes to be read again from the store, in the background (see the module doc).
pub(crate) fn read(app: &mut App) {
    app.review.writes.read = true;
    start_next(app);
}

/// Starts the next store job when none runs: the next waiting write, else a wanted read.
pub(crate) fn start_next(app: &mut App) {
    let q = &mut app.review.writes;
    if q.running.is_some() || (q.waiting.is_empty() && !q.read) {
        return;
    }
    let Some(s) = app.review.settings.clone() else {
        q.read = false;
        return;
    };
    let w = q.waiting.pop_front();
    // Every job reads again after its write.
    q.read = false;
    let (job, pair) = (w.clone(), q.pair.clone());
    // One store job at a time, so none is ever cancelled by the next (see `Jobs::start`).
    let lang = crate::i18n::lang();
    app.jobs.start(Kind::Store, move |ctx| {
        // The store's messages in the interface's language.
        let result = crate::i18n::with_lang(lang, || write_and_read(&s, job.as_ref(), pair));
        ctx.send(Output::Stored(Box::new(Stored { write: job, result })));
    });
    app.review.writes.running = Some(w);
}

/// On the job's thread: opens the store (creating it for a write), writes, and reads the notes,
/// bookmarks and `pair`'s reviewed marks. A read of a store not made yet reads nothing; one
/// this user may only read is read.
fn write_and_read(s: &config::Settings, w: Option<&Write>, pair: Option<Pair>) -> Result<Read, String> {
    let path = s.db_path();
    let store = match w {
        Some(_) => Store::open_with(&path, s.busy_timeout, true),
        None if !path.exists() => return Ok(Read::default()),
        None => {
            Store::open_with(&path, s.busy_timeout, true).or_else(|_| Store::open_with(&path, s.busy_timeout, false))
        }
    }
    .map_err(|e| e.to_string())?;
    if let Some(w) = w {
        w.run(&store, &s.author)?;
    }
    let e = |e: crate::notes::StoreError| e.to_string();
    let notes = store.list(None).map_err(e)?;
    let marks = store.bookmarks(&s.author).map_err(e)?;
    let reviewed = match pair {
        Some(p) => {
            let set = store.reviewed(&p).map_err(e)?;
            Some((p, set))
        }
        None => None,
    };
    Ok(Read { notes, marks, reviewed })
}

/// A store job reported: the notes on screen are the store's again, and the status line says
/// how it went. A note not saved comes back in the note input; a reviewed mark not saved is
/// undone.
pub(crate) fn stored(app: &mut App, s: Stored) -> Effect {
    let Stored { write, result } = s;
    // Reported: the next write may start.
    app.review.writes.running = None;
    match result {
        Ok(read) => {
            let r = &mut app.review;
            r.notes = read.notes;
            r.saved_marks = read.marks;
            r.generation += 1;
            if let Some((pair, mut set)) = read.reviewed
                && r.writes.pair.as_ref() == Some(&pair)
            {
                // Marks still on their way to the store count already.
                r.writes.overlay_reviewed(&pair, &mut set);
                r.reviewed = set;
                r.reviewed_read = true;
            }
            let m = match write {
                Some(Write::Add(..) | Write::Edit(..)) => Some(Msg::NoteSaved),
                Some(Write::Remove(_)) => Some(Msg::NoteRemoved),
                // Shown at once when asked for; a read says nothing.
                Some(Write::Reviewed { .. } | Write::Bookmark(_)) | None => None,
            };
            if let Some(m) = m {
                app.status.say(tr(m));
            }
        }
        Err(e) => {
            let e = sanitize(&e).into_owned();
            let Some(write) = write else {
                // Also listed with the other problems (`e`), once, as a store that cannot be
                // read stays so.
                let m = trf(Msg::NotesNotRead, &[&e]);
                if !app.problems.contains(&m) {
                    app.problems.push(m.clone());
                }
                app.status.say(m);
                start_next(app);
                return Effect::Redraw;
            };
            let m = match write {
                Write::Add(_, ed) | Write::Edit(_, ed) => {
                    // Given back with its text, to save again or copy.
                    let place = ed.place.clone();
                    let ed = NoteEditor::new(ed.target.clone(), place, &ed.text());
                    crate::tui::layer::push(app, Box::new(super::input::NoteInput::new(ed)));
                    trf(Msg::NoteNotSaved, &[&e])
                }
                Write::Reviewed { section, on, .. } => {
                    let r = &mut app.review;
                    if on {
                        r.reviewed.remove(&section);
                    } else {
                        r.reviewed.insert(section);
                    }
                    r.generation += 1;
                    trf(Msg::NoteNotSaved, &[&e])
                }
                Write::Bookmark(b) => trf(Msg::BookmarkNotKept, &[&b.letter, &e]),
                Write::Remove(_) => trf(Msg::NoteNotSaved, &[&e]),
            };
            app.status.say(m);
        }
    }
    start_next(app);
    Effect::Redraw
}

/// The store job is over. One that ended without its report (it panicked) did not write: the
/// status line says what; then the next write starts.
pub(crate) fn finished(app: &mut App) -> Effect {
    if let Some(w) = app.review.writes.running.take().flatten() {
        app.status.say(trf(Msg::NoteNotSaved, &[&w.describe()]));
    }
    start_next(app);
    Effect::Redraw
}

/// How long quitting waits for the writes still queued, at most: the store's busy timeout (how
/// long one write may wait for another reviewer's) and a second.
pub(crate) fn quit_wait(app: &App) -> Duration {
    app.review.settings.as_ref().map_or(Duration::ZERO, |s| s.busy_timeout) + Duration::from_secs(1)
}

/// On quit: applies job reports from `next` (which waits up to the time given for the next
/// event) until no write is pending and no report is being written, or `wait` has passed;
/// returns what was not written, in words (empty when everything was).
pub(crate) fn finish(
    app: &mut App,
    wait: Duration,
    mut next: impl FnMut(Duration) -> Option<crate::tui::event::Event>,
) -> Vec<String> {
    let end = Instant::now() + wait;
    // A report being written is waited for too, so that it is not cut off.
    while app.review.writes.pending() > 0 || app.jobs.running(Kind::Report) {
        let left = end.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        match next(left) {
            Some(crate::tui::event::Event::Job(r)) => {
                let _ = crate::tui::update::job(app, r);
            }
            Some(_) => {}
            None => break,
        }
    }
    app.review.writes.describe()
}
