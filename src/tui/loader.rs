//! Loading documents in the background, so the first frame never waits for the corpus.
//!
//! [`start`] runs a [`Kind::Load`] job: it lists the files and parses them on worker threads (one
//! per core, at most four), sending each document or error as soon as it is ready; the run loop
//! adds them to the [`App`] as they arrive ([`App::add`] appends, so document indices stay
//! valid) and the job's end ([`finished`]) announces files that did not open.

use super::job::{Ctx, Jobs, Kind, Output};
use super::state::App;
use crate::load::{Loaded, expand, load_file, parse};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

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
    app.loading = Some((0, 0));
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
                let r = parse(&origin, json).map(|doc| Loaded { origin, doc });
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
    let (done, total) = app.loading.unwrap_or((0, 0));
    match out {
        Output::LoadTotal(n) => app.loading = Some((done, n)),
        Output::LoadFile(r) => {
            app.loading = Some((done + 1, total));
            match *r {
                Ok(l) => app.arrived.0.push(l),
                Err(e) => app.arrived.1.push(e),
            }
        }
        Output::LoadProblem(e) => app.arrived.1.push(e),
        _ => {}
    }
}

/// The load job is over: progress goes, files that did not open are announced, and the search
/// index starts building.
pub(crate) fn finished(app: &mut App) {
    app.finish_loading();
    super::search::prepare(app);
}
