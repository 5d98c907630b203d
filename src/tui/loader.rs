//! Loading documents in the background, so the first frame never waits for the corpus.
//!
//! A [`Loader`] lists the files and parses them on worker threads (one per core, at most four),
//! sending each document or error over a channel as soon as it is ready. The run loop
//! [`Loader::drain`]s what has arrived between key presses and adds it to the
//! [`App`](super::state::App) with [`App::add`](super::state::App::add); nothing waits for the
//! whole set.

use crate::load::{LoadError, Loaded, expand, load_file, parse};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, TryRecvError, channel};
use std::time::{Duration, Instant};

/// One message from the loading threads.
#[derive(Debug)]
enum Msg {
    /// The number of files to parse (sent once, after listing).
    Total(usize),
    /// One file's outcome.
    File(Box<Result<Loaded, LoadError>>),
    /// A path that could not be listed (not counted as a file).
    Problem(LoadError),
}

/// What arrived since the last [`Loader::drain`].
#[derive(Debug, Default)]
pub struct Batch {
    /// Documents that opened.
    pub docs: Vec<Loaded>,
    /// Files that did not.
    pub errors: Vec<LoadError>,
}

impl Batch {
    /// Nothing arrived.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty() && self.errors.is_empty()
    }
}

/// Documents being loaded on background threads.
#[derive(Debug)]
pub struct Loader {
    rx: Receiver<Msg>,
    total: Option<usize>,
    done: usize,
    finished: bool,
}

impl Loader {
    /// Starts loading files and folders (folders recursively, their `*.json` files).
    pub fn paths(paths: Vec<PathBuf>) -> Loader {
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let (files, errors) = expand(&paths);
            for e in errors {
                let _ = tx.send(Msg::Problem(e));
            }
            let _ = tx.send(Msg::Total(files.len()));
            let workers = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 4).min(files.len());
            let files = Arc::new(files);
            let next = Arc::new(AtomicUsize::new(0));
            for _ in 0..workers {
                let (files, next, tx) = (files.clone(), next.clone(), tx.clone());
                std::thread::spawn(move || work(&files, &next, &tx));
            }
        });
        Loader::new(rx)
    }

    /// Starts parsing the samples compiled into the binary.
    pub fn bundled() -> Loader {
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let _ = tx.send(Msg::Total(crate::samples::BUNDLED.len()));
            for (name, json) in crate::samples::BUNDLED {
                let origin = format!("bundled:{name}");
                let r = parse(&origin, json).map(|doc| Loaded { origin, doc });
                if tx.send(Msg::File(Box::new(r))).is_err() {
                    return;
                }
            }
        });
        Loader::new(rx)
    }

    fn new(rx: Receiver<Msg>) -> Loader {
        Loader { rx, total: None, done: 0, finished: false }
    }

    /// Takes everything that has arrived, without waiting.
    pub fn drain(&mut self) -> Batch {
        let mut batch = Batch::default();
        loop {
            match self.rx.try_recv() {
                Ok(m) => self.take(m, &mut batch),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.finished = true;
                    break;
                }
            }
        }
        batch
    }

    /// Waits up to `timeout` for at least one message (or the end), then takes everything that
    /// has arrived.
    pub fn wait(&mut self, timeout: Duration) -> Batch {
        let mut batch = Batch::default();
        let deadline = Instant::now() + timeout;
        while !self.finished && batch.is_empty() {
            match self.rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                Ok(m) => self.take(m, &mut batch),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => self.finished = true,
            }
        }
        let rest = self.drain();
        batch.docs.extend(rest.docs);
        batch.errors.extend(rest.errors);
        batch
    }

    fn take(&mut self, m: Msg, batch: &mut Batch) {
        match m {
            Msg::Total(n) => self.total = Some(n),
            Msg::File(r) => {
                self.done += 1;
                match *r {
                    Ok(l) => batch.docs.push(l),
                    Err(e) => batch.errors.push(e),
                }
            }
            Msg::Problem(e) => batch.errors.push(e),
        }
    }

    /// All files are in (or the threads are gone).
    pub fn finished(&self) -> bool {
        self.finished
    }

    /// `(files done, files in all)` while loading; the total is 0 until the files are listed.
    /// `None` once finished.
    pub fn progress(&self) -> Option<(usize, usize)> {
        (!self.finished).then_some((self.done, self.total.unwrap_or(0)))
    }
}

fn work(files: &[PathBuf], next: &AtomicUsize, tx: &Sender<Msg>) {
    loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        let Some(f) = files.get(i) else { return };
        if tx.send(Msg::File(Box::new(load_file(f)))).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(mut l: Loader) -> Batch {
        let mut out = Batch::default();
        while !l.finished() {
            let b = l.wait(Duration::from_secs(10));
            out.docs.extend(b.docs);
            out.errors.extend(b.errors);
        }
        assert_eq!(l.progress(), None);
        out
    }

    #[test]
    fn loads_every_file_and_reports_bad_ones() {
        let dir = tempfile::tempdir().unwrap();
        for (name, json) in crate::samples::BUNDLED.iter().take(3) {
            std::fs::write(dir.path().join(name), json).unwrap();
        }
        std::fs::write(dir.path().join("bad.json"), "{ oops").unwrap();
        let b = all(Loader::paths(vec![dir.path().to_path_buf(), dir.path().join("missing")]));
        assert_eq!(b.docs.len(), 3);
        let mut errs: Vec<String> = b.errors.iter().map(|e| e.to_string()).collect();
        errs.sort();
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert!(errs[0].contains("bad.json:1:") && errs[1].contains("no such file"), "{errs:?}");
    }

    #[test]
    fn bundled_samples_arrive_with_progress() {
        let mut l = Loader::bundled();
        let first = l.wait(Duration::from_secs(10));
        let mut n = first.docs.len();
        if let Some((done, total)) = l.progress() {
            assert_eq!(total, crate::samples::BUNDLED.len());
            assert!(done >= n && done <= total);
        }
        n += all(l).docs.len();
        assert_eq!(n, crate::samples::BUNDLED.len());
    }
}
