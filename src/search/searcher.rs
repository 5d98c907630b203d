//! Searching in a background thread so typing never waits: every request gets a generation
//! number, a newer request cancels the one running, and only the newest results are delivered.
//! When a query extends the previous one (see [`Query::narrows`]), only the previous matches are
//! searched again.

use super::{Hit, Index, Options, Query, Reading, run};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Results of one request.
#[derive(Debug, Clone)]
pub struct Response {
    /// The generation returned by [`Searcher::submit`] for this request.
    pub generation: u64,
    /// The query text as submitted.
    pub query: String,
    /// The best hits, best first.
    pub hits: Vec<Hit>,
    /// How many items matched in all (hits are the best `limit` of them).
    pub total: usize,
    /// Time spent searching.
    pub elapsed: Duration,
    /// Set when the query as typed found little and these are the results of another reading of it
    /// («показаны результаты для «егисз»» for `tubcp`).
    pub shown_for: Option<Reading>,
}

/// A background search thread over one index.
pub struct Searcher {
    tx: Option<Sender<(u64, String, Options)>>,
    rx: Receiver<Response>,
    latest: Arc<AtomicU64>,
    handle: Option<JoinHandle<()>>,
}

/// What the worker remembers of its last finished search, to narrow the next one.
struct Last {
    query: Query,
    options: Options,
    matched: Vec<usize>,
    /// The matches are those of another reading of the query.
    reread: bool,
}

impl Searcher {
    /// Starts the search thread.
    pub fn spawn(index: Arc<Index>) -> Searcher {
        let (tx, requests) = channel::<(u64, String, Options)>();
        let (responses, rx) = channel();
        let latest = Arc::new(AtomicU64::new(0));
        let current = latest.clone();
        let handle = std::thread::spawn(move || {
            let mut last: Option<Last> = None;
            while let Ok(mut req) = requests.recv() {
                // Skip to the newest request.
                while let Ok(newer) = requests.try_recv() {
                    req = newer;
                }
                let (generation, text, options) = req;
                if current.load(Ordering::Acquire) != generation {
                    continue;
                }
                let started = Instant::now();
                let query = Query::parse(&text);
                let candidates = last
                    .as_ref()
                    // Matches of another reading of the query do not narrow the query as typed.
                    .filter(|l| !l.reread && !l.query.is_empty() && !options.ocr && l.options == options)
                    .filter(|l| query.narrows(&l.query))
                    .map(|l| l.matched.as_slice());
                let cancel = || current.load(Ordering::Acquire) != generation;
                let Some(outcome) = run(&index, &query, &options, candidates, &cancel) else { continue };
                let total = outcome.matched.len();
                let reread = outcome.shown_for.is_some();
                // A lazy search's unsure items may match the next query too.
                let matched = match outcome.unsure.is_empty() {
                    true => outcome.matched,
                    false => super::union(&outcome.matched, &outcome.unsure),
                };
                last = Some(Last { query, options, matched, reread });
                let response = Response {
                    generation,
                    query: text,
                    hits: outcome.hits,
                    total,
                    elapsed: started.elapsed(),
                    shown_for: outcome.shown_for,
                };
                if responses.send(response).is_err() {
                    break;
                }
            }
        });
        Searcher { tx: Some(tx), rx, latest, handle: Some(handle) }
    }

    /// Asks for a search; any older request still running is abandoned. Returns the request's generation.
    pub fn submit(&self, query: &str, options: Options) -> u64 {
        let generation = self.latest.fetch_add(1, Ordering::AcqRel) + 1;
        if let Some(tx) = &self.tx {
            // The worker only stops when the searcher is dropped, so a send cannot fail here.
            let _ = tx.send((generation, query.to_string(), options));
        }
        generation
    }

    /// The newest available results for the latest request, without waiting; stale results are dropped.
    pub fn try_recv(&self) -> Option<Response> {
        let mut newest = None;
        while let Ok(r) = self.rx.try_recv() {
            newest = Some(r);
        }
        newest.filter(|r| r.generation == self.latest.load(Ordering::Acquire))
    }

    /// Waits up to `timeout` for the results of the latest request.
    pub fn recv_timeout(&self, timeout: Duration) -> Option<Response> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            let r = self.rx.recv_timeout(left).ok()?;
            if r.generation == self.latest.load(Ordering::Acquire) {
                return Some(r);
            }
        }
    }
}

impl Drop for Searcher {
    fn drop(&mut self) {
        self.latest.fetch_add(1, Ordering::AcqRel);
        self.tx.take();
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}
