//! Loading documents in the background, so the first frame never waits for the corpus.
//!
//! [`start`] runs a [`Kind::Load`] job: it lists the files and parses them on worker threads (one
//! per core, at most four), sending each document or error as soon as it is ready; the run loop
//! adds them to the [`App`] as they arrive ([`App::add`] appends, so document indices stay
//! valid) and the job's end ([`finished`]) announces files that did not open.

use super::action::Action;
use super::job::{Ctx, Jobs, Kind, Output};
use super::keymap::Key;
use super::state::App;
use super::update::Effect;
use crate::load::{LoadError, Loaded, expand, load_file, parse};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The background load's part of the UI state.
#[derive(Debug, Default)]
pub(crate) struct Load {
    /// `(files done, files in all)` while documents are still loading.
    pub(crate) progress: Option<(usize, usize)>,
    /// Documents and errors that arrived since the last [`App::take_arrivals`].
    pub(crate) arrived: (Vec<Loaded>, Vec<LoadError>),
    /// A progress tick is on its way (see [`super::event::after`]).
    pub(crate) tick_pending: bool,
    /// Keys typed before the first document showed, replayed once it does (see [`hold`]).
    held: Vec<Key>,
}

/// At most this many keys typed ahead are kept (the rest are dropped).
const HOLD_AT_MOST: usize = 256;

/// Keys typed before anything is shown: while documents load and none has arrived, with no
/// overlay open, a key is held back ([`replay`] gives it to the UI once the first document
/// shows or the load ends), so what the keys do does not depend on how fast the first document
/// parses (a `Tab` typed ahead would otherwise land in the documents pane or the tree, a `j`
/// move nothing or the tree). Quit, suspend, redraw, mouse capture, help and the problem list
/// act at once. True when the key was held.
pub(crate) fn hold(app: &mut App, k: Key) -> bool {
    if app.load.progress.is_none() || !app.docs.is_empty() || !app.layers.is_empty() {
        return false;
    }
    if !app.load.arrived.0.is_empty() {
        // The first document came in this batch of events: it is shown before the key acts.
        app.take_arrivals();
        return false;
    }
    let at_once = app.keymap.lookup(app.context(), k).is_some_and(|a| {
        matches!(
            a,
            Action::Quit | Action::Suspend | Action::Redraw | Action::ToggleMouse | Action::Help | Action::ShowProblems
        )
    });
    if at_once {
        return false;
    }
    if app.load.held.len() < HOLD_AT_MOST {
        app.load.held.push(k);
    }
    true
}

/// Gives the keys held by [`hold`] to the UI once the first document shows or the load is over.
pub(crate) fn replay(app: &mut App, key: impl Fn(&mut App, Key) -> Effect) -> Effect {
    if app.load.held.is_empty() || (app.docs.is_empty() && app.load.progress.is_some()) {
        return Effect::None;
    }
    let mut e = Effect::None;
    for k in std::mem::take(&mut app.load.held) {
        e = super::update::merge(e, key(app, k));
    }
    e
}

/// How often loading progress is redrawn while documents arrive.
pub(crate) const PROGRESS_TICK: std::time::Duration = std::time::Duration::from_millis(40);

/// What to load.
#[derive(Debug, Clone)]
pub enum Source {
    /// Files and folders (folders recursively, their `*.json` files).
    Paths(Vec<PathBuf>),
    /// The samples compiled into the binary.
    Bundled,
}

/// Starts loading `source` into the app; progress shows at once ("loading…").
pub(crate) fn start(app: &mut App, source: Source) {
    app.load.progress = Some((0, 0));
    spawn(&mut app.jobs, source);
}

/// Starts the load job itself.
pub(crate) fn spawn(jobs: &mut Jobs, source: Source) {
    jobs.start(Kind::Load, move |ctx| match source {
        Source::Paths(paths) => paths_job(&ctx, &paths),
        Source::Bundled => {
            ctx.send(Output::LoadTotal(crate::samples::BUNDLED.len()));
            for (name, json) in crate::samples::BUNDLED {
                let origin = format!("bundled:{name}");
                let r = parse(&origin, json).map(|doc| Loaded { origin, doc: doc.into() });
                if !ctx.send(Output::LoadFile(Box::new(r))) {
                    return;
                }
            }
        }
    });
}

fn paths_job(ctx: &Ctx, paths: &[PathBuf]) {
    let (files, errors) = expand(paths);
    for e in errors {
        ctx.send(Output::LoadProblem(e));
    }
    ctx.send(Output::LoadTotal(files.len()));
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 4).min(files.len());
    let files = Arc::new(files);
    let next = Arc::new(AtomicUsize::new(0));
    for _ in 0..workers {
        let (files, next, ctx) = (files.clone(), next.clone(), ctx.clone());
        std::thread::spawn(move || {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(f) = files.get(i) else { return };
                if !ctx.send(Output::LoadFile(Box::new(load_file(f)))) {
                    return;
                }
            }
        });
    }
}

/// Takes one output of the load job into the app; arrivals wait in [`App::arrived`] until the
/// end of the batch of events ([`App::take_arrivals`]).
pub(crate) fn take(app: &mut App, out: Output) {
    let (done, total) = app.load.progress.unwrap_or((0, 0));
    match out {
        Output::LoadTotal(n) => app.load.progress = Some((done, n)),
        Output::LoadFile(r) => {
            app.load.progress = Some((done + 1, total));
            match *r {
                Ok(l) => app.load.arrived.0.push(l),
                Err(e) => app.load.arrived.1.push(e),
            }
        }
        Output::LoadProblem(e) => app.load.arrived.1.push(e),
        _ => {}
    }
}

/// The load job is over: progress goes, files that did not open are announced, and the search
/// index starts building.
pub(crate) fn finished(app: &mut App) {
    app.finish_loading();
    super::search::prepare(app);
}
