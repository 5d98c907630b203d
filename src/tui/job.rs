//! One background job type for everything that runs off the UI thread: loading documents,
//! building the search index, searching, comparing two documents, computing the across-regions
//! matrix or indicators, reading and writing the notes store, writing a report.
//!
//! [`Jobs::start`] runs a closure on its own thread with a [`Ctx`]; the closure sends what it
//! produces with [`Ctx::send`] (as often as it likes: the loader sends one document at a time)
//! and the UI receives it as an [`Event::Job`] on the one event channel, beside keys and timers.
//! Each start gets a new generation number and cancels the job of the same [`Kind`] still
//! running: its [`Ctx::cancelled`] turns true and whatever it still sends is dropped by
//! [`Jobs::accept`]. When the closure and every clone of its `Ctx` are gone, a final
//! [`Report::Finished`] tells the UI the job is over, however it ended (even by a panic).

use super::event::Event;
use crate::compare::DocDiff;
use crate::load::{LoadError, Loaded};
use crate::search::{Index, Outcome, Query};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::time::Duration;

/// What a job does; one job of each kind runs at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    /// Reading the documents given on the command line.
    Load,
    /// Building the search index of the open documents.
    Index,
    /// One search (a newer keystroke cancels it).
    Search,
    /// Comparing the documents marked A and B.
    Diff,
    /// Computing the across-regions matrix or indicators (one replaces the other).
    Across,
    /// One write to the notes store (the next waits for it, see [`super::review::writes`]).
    Store,
    /// Rendering and writing a comparison report (see [`super::review::report`]).
    Report,
}

impl Kind {
    const ALL: [Kind; 7] = [Kind::Load, Kind::Index, Kind::Search, Kind::Diff, Kind::Across, Kind::Store, Kind::Report];

    fn slot(self) -> usize {
        self as usize
    }
}

/// A search's results, with what the next, narrower search may start from.
#[derive(Debug)]
pub(crate) struct Found {
    /// The query text as submitted.
    pub text: String,
    /// The parsed query.
    pub query: Query,
    /// The options it ran with.
    pub options: crate::search::Options,
    /// Hits and every matching item.
    pub outcome: Outcome,
    /// Time spent searching.
    pub took: Duration,
}

/// Something a job produced.
#[derive(Debug)]
pub(crate) enum Output {
    /// A load listed its files: this many will follow.
    LoadTotal(usize),
    /// One file's outcome.
    LoadFile(Box<Result<Loaded, LoadError>>),
    /// A path that could not be listed (not counted as a file).
    LoadProblem(LoadError),
    /// The search index of the first `docs` open documents.
    Index { index: Arc<Index>, docs: usize },
    /// Search results.
    Search(Box<Found>),
    /// The diff of documents `a` and `b` and how long it took.
    Diff { a: usize, b: usize, diff: Box<DocDiff>, took: Duration },
    /// An across-regions view computed.
    Across(Box<super::across::View>),
    /// A write to the notes store made (or not), with the notes read again.
    Stored(Box<super::review::writes::Stored>),
    /// A report written to this file, or why not.
    Report(Result<std::path::PathBuf, String>),
}

/// A message from a job to the UI.
#[derive(Debug)]
pub(crate) enum Report {
    /// The job produced something.
    Output { kind: Kind, generation: u64, output: Output },
    /// The job is over.
    Finished { kind: Kind, generation: u64 },
}

/// What the UI makes of a report.
#[derive(Debug)]
pub(crate) enum Accepted {
    /// Output of the current job of its kind.
    Output(Output),
    /// The current job of this kind is over.
    Finished(Kind),
    /// From a job that was cancelled or replaced: ignore it.
    Stale,
}

struct Inner {
    kind: Kind,
    generation: u64,
    cancel: Arc<AtomicBool>,
    tx: Sender<Event>,
}

impl Drop for Inner {
    fn drop(&mut self) {
        let _ = self.tx.send(Event::Job(Report::Finished { kind: self.kind, generation: self.generation }));
    }
}

/// A running job's side: send output, check for cancellation. Clone it for worker threads; the
/// job is finished when the last clone is dropped.
#[derive(Clone)]
pub(crate) struct Ctx(Arc<Inner>);

impl Ctx {
    /// True once the UI no longer wants this job's output (a newer job of its kind started, or it
    /// was cancelled).
    pub fn cancelled(&self) -> bool {
        self.0.cancel.load(Ordering::Acquire)
    }

    /// Sends output to the UI; false when the job was cancelled or the UI is gone (stop then).
    pub fn send(&self, output: Output) -> bool {
        if self.cancelled() {
            return false;
        }
        let r = Report::Output { kind: self.0.kind, generation: self.0.generation, output };
        self.0.tx.send(Event::Job(r)).is_ok()
    }
}

/// The UI's side: starts jobs, cancels them, and tells current reports from stale ones.
#[derive(Debug)]
pub(crate) struct Jobs {
    tx: Sender<Event>,
    next: u64,
    running: [Option<(u64, Arc<AtomicBool>)>; Kind::ALL.len()],
}

impl Jobs {
    /// Jobs reporting on the event channel `tx`.
    pub fn new(tx: Sender<Event>) -> Jobs {
        Jobs { tx, next: 1, running: Default::default() }
    }

    /// The event channel (for the input thread and timers).
    pub fn sender(&self) -> Sender<Event> {
        self.tx.clone()
    }

    /// Runs `work` on a new thread as the current job of `kind`, cancelling the one running.
    /// Returns its generation.
    pub fn start(&mut self, kind: Kind, work: impl FnOnce(Ctx) + Send + 'static) -> u64 {
        self.cancel(kind);
        let generation = self.next;
        self.next += 1;
        let cancel = Arc::new(AtomicBool::new(false));
        self.running[kind.slot()] = Some((generation, cancel.clone()));
        let ctx = Ctx(Arc::new(Inner { kind, generation, cancel, tx: self.tx.clone() }));
        std::thread::spawn(move || work(ctx));
        generation
    }

    /// Cancels the running job of `kind`, if any; its later reports are stale.
    pub fn cancel(&mut self, kind: Kind) {
        if let Some((_, c)) = self.running[kind.slot()].take() {
            c.store(true, Ordering::Release);
        }
    }

    /// True while a job of `kind` runs.
    pub fn running(&self, kind: Kind) -> bool {
        self.running[kind.slot()].is_some()
    }

    /// The generation of the running job of `kind`, if any.
    pub fn generation(&self, kind: Kind) -> Option<u64> {
        self.running[kind.slot()].as_ref().map(|(g, _)| *g)
    }

    /// True while any job runs.
    pub fn busy(&self) -> bool {
        Kind::ALL.iter().any(|&k| self.running(k))
    }

    /// Sorts a report: current output, the end of the current job, or stale.
    pub fn accept(&mut self, r: Report) -> Accepted {
        let (kind, generation) = match &r {
            Report::Output { kind, generation, .. } | Report::Finished { kind, generation } => (*kind, *generation),
        };
        if self.running[kind.slot()].as_ref().map(|(g, _)| *g) != Some(generation) {
            return Accepted::Stale;
        }
        match r {
            Report::Output { output, .. } => Accepted::Output(output),
            Report::Finished { .. } => {
                self.running[kind.slot()] = None;
                Accepted::Finished(kind)
            }
        }
    }
}

impl Drop for Jobs {
    fn drop(&mut self) {
        for k in Kind::ALL {
            self.cancel(k);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reports(rx: &std::sync::mpsc::Receiver<Event>, n: usize) -> Vec<Report> {
        (0..n)
            .map(|_| match rx.recv_timeout(Duration::from_secs(30)).expect("a report") {
                Event::Job(r) => r,
                other => panic!("not a job report: {other:?}"),
            })
            .collect()
    }

    #[test]
    fn a_newer_job_makes_the_older_ones_reports_stale() {
        let (tx, rx) = std::sync::mpsc::channel();
        let mut jobs = Jobs::new(tx);
        let (go_tx, go_rx) = std::sync::mpsc::channel::<()>();
        jobs.start(Kind::Search, move |ctx| {
            go_rx.recv().unwrap();
            assert!(ctx.cancelled(), "the second start cancelled the first");
            assert!(!ctx.send(Output::LoadTotal(1)), "a cancelled job's send is refused");
        });
        jobs.start(Kind::Search, |ctx| {
            assert!(ctx.send(Output::LoadTotal(2)));
        });
        go_tx.send(()).unwrap();
        let mut got = Vec::new();
        let mut finished = 0;
        for r in reports(&rx, 3) {
            match jobs.accept(r) {
                Accepted::Output(Output::LoadTotal(n)) => got.push(n),
                Accepted::Finished(Kind::Search) => finished += 1,
                Accepted::Stale => {}
                other => panic!("{other:?}"),
            }
        }
        assert_eq!(got, [2], "only the current job's output");
        assert_eq!(finished, 1, "only the current job's end");
        assert!(!jobs.running(Kind::Search) && !jobs.busy());
    }

    #[test]
    fn a_job_is_finished_when_its_last_worker_is_done_even_by_panic() {
        let (tx, rx) = std::sync::mpsc::channel();
        let mut jobs = Jobs::new(tx);
        jobs.start(Kind::Load, |ctx| {
            let c = ctx.clone();
            std::thread::spawn(move || {
                c.send(Output::LoadTotal(7));
                panic!("worker fails");
            });
        });
        let rs = reports(&rx, 2);
        assert!(matches!(jobs.accept(rs.into_iter().nth(1).unwrap()), Accepted::Finished(Kind::Load)));
        assert!(!jobs.running(Kind::Load));
    }
}
