//! A small façade for driving the UI without a terminal, for tests and benchmarks: keys, pastes,
//! mouse and resizes go in as a person would make them, background jobs are waited for, and the
//! screen comes out as a buffer or text. Everything else in the TUI is internal.

use super::event::{Event, channel_pair};
use super::keymap::Key;
use super::loader::Source;
use super::state::{App, Settings};
use super::update::{self, Effect};
use crate::load::{LoadError, Loaded};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// Runs the UI on the real terminal as `strata` does, and panics once its first frame is drawn:
/// for the end-to-end test that a panic gives the terminal back (the program itself has no such
/// switch).
pub fn panic_after_first_frame(source: Source, settings: Settings) {
    let _ = super::run_with(source, settings, super::theme::ColorChoice::Auto, || {
        panic!("panicking after the first frame, as the test asked")
    });
}

/// The UI on a test screen.
pub struct Harness {
    pub(crate) app: App,
    rx: Receiver<Event>,
}

/// How long [`Harness::settle`] waits for background jobs before failing the test.
pub const SETTLE_DEADLINE: Duration = Duration::from_secs(120);

impl Harness {
    /// The UI with these documents open (default settings) on a `width` x `height` screen.
    pub fn new(docs: Vec<Loaded>, errors: Vec<LoadError>, width: u16, height: u16) -> Harness {
        Harness::with_settings(docs, errors, Settings::default(), width, height)
    }

    pub(crate) fn with_settings(
        docs: Vec<Loaded>,
        errors: Vec<LoadError>,
        settings: Settings,
        width: u16,
        height: u16,
    ) -> Harness {
        let (tx, rx) = channel_pair();
        let app = App::new(docs, errors, settings, Rect::new(0, 0, width, height), tx);
        Harness { app, rx }
    }

    /// The UI as `strata` starts it: nothing open yet, `source` loading in the background.
    pub fn loading(source: Source, width: u16, height: u16) -> Harness {
        let mut h = Harness::new(Vec::new(), Vec::new(), width, height);
        super::loader::start(&mut h.app, source);
        h
    }

    /// Presses keys named as in `keys.toml`, separated by spaces (`"j j enter"`, `"ctrl-p"`,
    /// `"space"`); each key is one batch of events. Returns true when any key changed the screen.
    /// Panics on a key name that does not parse.
    pub fn press(&mut self, keys: &str) -> bool {
        let mut changed = false;
        for k in keys.split_whitespace() {
            let key = Key::parse(k).unwrap_or_else(|e| panic!("{e}"));
            let e = update::key(&mut self.app, key);
            changed |= self.batch_end(e);
        }
        changed
    }

    /// Types text one character at a time, all in one batch of events (as fast typing or a
    /// terminal without bracketed paste delivers it).
    pub fn type_text(&mut self, text: &str) -> bool {
        let mut e = Effect::None;
        for c in text.chars() {
            e = update::merge(e, update::key(&mut self.app, Key::char(c)));
        }
        self.batch_end(e)
    }

    /// A bracketed paste.
    pub fn paste(&mut self, text: &str) -> bool {
        let e = update::paste(&mut self.app, text);
        self.batch_end(e)
    }

    /// The terminal was resized.
    pub fn resize(&mut self, width: u16, height: u16) -> bool {
        let e = update::resize(&mut self.app, width, height);
        self.batch_end(e)
    }

    /// A mouse click at a screen cell.
    pub fn click(&mut self, col: u16, row: u16) -> bool {
        let e = update::click(&mut self.app, col, row);
        self.batch_end(e)
    }

    /// The mouse wheel over a screen cell (`delta` rows, negative up).
    pub fn wheel(&mut self, col: u16, row: u16, delta: isize) -> bool {
        let e = update::wheel(&mut self.app, col, row, delta);
        self.batch_end(e)
    }

    fn batch_end(&mut self, e: Effect) -> bool {
        let e = update::merge(e, update::after_batch(&mut self.app));
        e != Effect::None
    }

    /// True while a background job (loading, index, search, diff) runs.
    pub fn busy(&self) -> bool {
        self.app.jobs.busy()
    }

    /// Applies every job report that has arrived, without waiting. Returns true when the screen
    /// changed.
    pub fn take_reports(&mut self) -> bool {
        let mut e = Effect::None;
        while let Ok(ev) = self.rx.try_recv() {
            e = update::merge(e, self.event(ev));
        }
        self.batch_end(e)
    }

    /// Waits until no background job runs, applying their reports as they arrive. Panics after
    /// [`SETTLE_DEADLINE`].
    pub fn settle(&mut self) {
        self.settle_until(|h| !h.busy());
    }

    /// Waits until the search overlay shows the results of its query as typed (its count may
    /// still be completed in the background), or no job runs; as [`Harness::settle`].
    pub fn settle_search(&mut self) {
        self.settle_until(|h| {
            let search = h.app.layers.top().and_then(|l| l.as_any()?.downcast_ref::<super::search::Search>());
            !h.busy() || search.is_some_and(|s| !s.pending())
        });
    }

    fn settle_until(&mut self, done: impl Fn(&Harness) -> bool) {
        let end = Instant::now() + SETTLE_DEADLINE;
        loop {
            self.take_reports();
            if done(self) {
                return;
            }
            match self.rx.recv_timeout(end.saturating_duration_since(Instant::now())) {
                Ok(ev) => {
                    let e = self.event(ev);
                    self.batch_end(e);
                }
                Err(RecvTimeoutError::Timeout) => panic!("background jobs still running after {SETTLE_DEADLINE:?}"),
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
    }

    fn event(&mut self, ev: Event) -> Effect {
        match ev {
            Event::Job(r) => update::job(&mut self.app, r),
            Event::Tick => {
                self.app.load.tick_pending = false;
                Effect::Redraw
            }
            _ => Effect::None,
        }
    }

    /// Quits as the run loop does: waits up to `wait` for the notes-store writes still queued,
    /// applying their reports; returns what was not written, in words (empty when all was).
    pub fn quit(&mut self, wait: Duration) -> Vec<String> {
        self.app.quit = true;
        let rx = &self.rx;
        super::review::writes::finish(&mut self.app, wait, |left| rx.recv_timeout(left).ok())
    }

    /// Notes-store writes queued or running.
    pub fn writes_pending(&self) -> usize {
        self.app.review.writes.pending()
    }

    /// True while documents are still loading.
    pub fn is_loading(&self) -> bool {
        self.app.load.progress.is_some()
    }

    /// Draws a frame on any terminal (for counting the bytes a real backend sends).
    pub fn draw_on<B: ratatui::backend::Backend>(&mut self, term: &mut Terminal<B>) -> Result<(), B::Error> {
        let size = term.size()?;
        update::resize(&mut self.app, size.width, size.height);
        term.draw(|f| super::view::draw(f, &self.app))?;
        Ok(())
    }

    /// The bytes the real terminal is sent for the next frame, given what `wire` says it shows
    /// (the run loop's own drawing path, for counting what an SSH link carries).
    pub fn frame_bytes(&mut self, wire: &mut Wire) -> Vec<u8> {
        super::frame_bytes(&mut wire.0, &self.app)
    }

    /// The screen as drawn now.
    pub fn buffer(&self) -> Buffer {
        let s = self.app.size;
        let mut t = Terminal::new(TestBackend::new(s.width, s.height)).expect("test backend");
        t.draw(|f| super::view::draw(f, &self.app)).expect("drawing");
        t.backend().buffer().clone()
    }

    /// The screen as text, one line per row.
    pub fn screen(&self) -> String {
        let b = self.buffer();
        let mut out = String::new();
        for y in 0..b.area.height {
            for x in 0..b.area.width {
                out.push_str(b[(x, y)].symbol());
            }
            out.push('\n');
        }
        out
    }

    /// The names of the layers on the stack, bottom to top: `["browse"]`, `["browse", "help"]`.
    pub fn layers(&self) -> Vec<&'static str> {
        self.app.layers.names()
    }

    /// The top layer, if it is a `T` (see [`super::layer::Component::as_any`]).
    #[cfg(test)]
    pub(crate) fn top<T: 'static>(&self) -> Option<&T> {
        self.app.layers.top()?.as_any()?.downcast_ref::<T>()
    }

    /// The top layer, if it is a `T`, to change.
    #[cfg(test)]
    pub(crate) fn top_mut<T: 'static>(&mut self) -> Option<&mut T> {
        self.app.layers.top_mut()?.as_any_mut()?.downcast_mut::<T>()
    }

    /// The status-line message, if any.
    pub fn message(&self) -> Option<&str> {
        self.app.status.text()
    }

    /// The open documents' origins, in the order they arrived.
    pub fn origins(&self) -> Vec<&str> {
        self.app.docs.iter().map(|l| l.origin.as_str()).collect()
    }

    /// Selects the document whose origin ends with `name` in the documents pane (a click on its
    /// row, as the reviewer would). Panics when there is none.
    pub fn select_doc(&mut self, name: &str) {
        use super::state::DocRow;
        let d = self.app.docs.iter().position(|l| l.origin.ends_with(name)).unwrap_or_else(|| panic!("no {name}"));
        let b = &mut self.app.layers.browse;
        b.focus = super::state::Pane::Documents;
        b.doc_sel = b.doc_rows.iter().position(|r| *r == DocRow::Doc(d)).expect("a document row");
        self.app.refresh();
    }

    /// Marks the documents named `a` and `b` (see [`Harness::select_doc`]) with `a` and `b`,
    /// presses `c` and waits for the comparison. Panics when compare mode does not come on.
    pub fn compare(&mut self, a: &str, b: &str) {
        for (name, key) in [(a, "a"), (b, "b")] {
            self.select_doc(name);
            self.press(key);
        }
        self.press("c");
        self.settle();
        assert!(self.app.layers.compare.on().is_some(), "{:?}", self.message());
    }

    /// The selected document's origin.
    pub fn selected(&self) -> Option<&str> {
        self.app.doc().map(|d| self.app.docs[d].origin.as_str())
    }
}

/// What a real terminal shows, as the run loop's drawing path tracks it (see
/// [`Harness::frame_bytes`]); starts unknown, so the first frame is drawn whole.
#[derive(Default)]
pub struct Wire(super::screen::Screen);

// The TUI's own tests reach the state behind the façade.
#[cfg(test)]
#[allow(private_interfaces)]
impl std::ops::Deref for Harness {
    type Target = App;
    fn deref(&self) -> &App {
        &self.app
    }
}

#[cfg(test)]
#[allow(private_interfaces)]
impl std::ops::DerefMut for Harness {
    fn deref_mut(&mut self) -> &mut App {
        &mut self.app
    }
}
