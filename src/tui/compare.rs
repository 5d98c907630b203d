//! Compare mode: two documents marked A and B, their diff in the section tree (the union of both
//! trees with a status mark and change size) and the selected section's diff in the content pane.
//!
//! The diff comes from [`crate::compare::diff_documents`]; this module holds the mode's state
//! ([`Compare`]), its part of the update step ([`apply`]) and the derived rows and lines
//! ([`refresh`], laid out by [`super::diffview`]). Drawing is in `view/compare.rs`.

use super::action::Action;
use super::diffview;
use super::layout;
use super::state::{App, Pane, keep_visible};
use super::update::Effect;
use crate::compare::{self as engine, ChangeAt, DocDiff, Status};
use ratatui::text::Line;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// The documents marked for comparison (indexes into [`App::docs`]).
#[derive(Debug, Clone, Default)]
pub struct Picked {
    /// The old side.
    pub a: Option<usize>,
    /// The new side.
    pub b: Option<usize>,
    /// A comparison still running in the background.
    pub job: Option<Job>,
}

/// The result slot of a background comparison: the diff and how long it took.
type Slot = Arc<(Mutex<Option<(DocDiff, Duration)>>, Condvar)>;

/// A comparison running on its own thread, so a large pair never blocks the UI.
#[derive(Debug, Clone)]
pub struct Job {
    /// A's document index.
    pub a: usize,
    /// B's document index.
    pub b: usize,
    slot: Slot,
}

impl Job {
    /// Starts comparing documents `a` and `b` of the app on a new thread.
    pub fn start(app: &App, a: usize, b: usize) -> Job {
        let slot: Slot = Arc::default();
        let (da, db) = (app.docs[a].doc.clone(), app.docs[b].doc.clone());
        let out = Arc::clone(&slot);
        std::thread::spawn(move || {
            let t = Instant::now();
            let diff = engine::diff_documents(&da, &db, &engine::Options::default());
            let (m, cv) = &*out;
            *m.lock().unwrap_or_else(|e| e.into_inner()) = Some((diff, t.elapsed()));
            cv.notify_all();
        });
        Job { a, b, slot }
    }

    /// The result, waiting at most `timeout` for it (`None`: as long as it takes).
    pub fn wait(&self, timeout: Option<Duration>) -> Option<(DocDiff, Duration)> {
        let (m, cv) = &*self.slot;
        let mut g = m.lock().unwrap_or_else(|e| e.into_inner());
        match timeout {
            None => {
                while g.is_none() {
                    g = cv.wait(g).unwrap_or_else(|e| e.into_inner());
                }
            }
            Some(t) => {
                g = cv.wait_timeout_while(g, t, |r| r.is_none()).unwrap_or_else(|e| e.into_inner()).0;
            }
        }
        g.take()
    }
}

/// How long entering compare mode waits for the diff before showing "comparing..." and letting
/// the terminal loop collect it ([`poll`]).
pub const WAIT: Duration = Duration::from_millis(20);

impl Picked {
    /// `'A'` or `'B'` when the document is marked.
    pub fn letter(&self, doc: usize) -> Option<char> {
        if self.a == Some(doc) {
            Some('A')
        } else if self.b == Some(doc) {
            Some('B')
        } else {
            None
        }
    }
}

/// How a section's diff is laid out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DiffLayout {
    /// Side by side when the content pane is wide enough ([`SIDE_MIN_WIDTH`]), else unified.
    #[default]
    Auto,
    /// A | B in two columns.
    Side,
    /// One column with `[-old-]{+new+}` inside paragraphs.
    Unified,
}

/// The narrowest content pane (inner columns) that gets side by side in [`DiffLayout::Auto`].
pub const SIDE_MIN_WIDTH: usize = 90;

/// One row of the compare tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Entry {
    /// The summary: counts, and all changed projects and indicators.
    Summary,
    /// A section, by index into [`DocDiff::sections`].
    Section(usize),
}

/// The state of compare mode.
#[derive(Debug, Clone)]
pub struct Compare {
    /// A's document index.
    pub a: usize,
    /// B's document index.
    pub b: usize,
    /// The diff of A and B.
    pub diff: DocDiff,
    /// How long the diff took.
    pub took: Duration,
    /// Unchanged sections are hidden (their changed descendants keep them shown).
    pub hide_same: bool,
    /// The layout asked for.
    pub layout: DiffLayout,
    /// Visible tree rows.
    pub rows: Vec<Entry>,
    /// Selected tree row.
    pub sel: usize,
    /// First visible tree row.
    pub off: usize,
    /// First visible content line.
    pub scroll: usize,
    /// The change `n`/`N` last went to (or the selected section's heading).
    pub at: Option<ChangeAt>,
    /// The selected entry's diff laid out for the content pane.
    pub lines: Vec<Line<'static>>,
    /// For each row of the selected section's [`engine::SectionDiff::rows`], the line it starts on.
    pub row_lines: Vec<usize>,
    /// True when [`Compare::lines`] are side by side.
    pub side: bool,
    laid: Option<(Entry, usize, bool)>,
}

impl Compare {
    /// Compare mode for a finished diff of documents `a` and `b`.
    pub fn new(a: usize, b: usize, diff: DocDiff, took: Duration) -> Compare {
        let mut c = Compare {
            a,
            b,
            diff,
            took,
            hide_same: false,
            layout: DiffLayout::Auto,
            rows: Vec::new(),
            sel: 0,
            off: 0,
            scroll: 0,
            at: None,
            lines: Vec::new(),
            row_lines: Vec::new(),
            side: false,
            laid: None,
        };
        c.rows = visible_rows(&c.diff, c.hide_same);
        c
    }

    /// The selected entry.
    pub fn entry(&self) -> Entry {
        self.rows.get(self.sel).copied().unwrap_or(Entry::Summary)
    }

    /// Selects a section's row (showing it if hidden); false when it has no row.
    fn select_section(&mut self, section: usize) -> bool {
        match self.rows.iter().position(|e| *e == Entry::Section(section)) {
            Some(i) => {
                self.sel = i;
                true
            }
            None => false,
        }
    }
}

/// The tree rows: the summary, then every section, or with `hide_same` only the sections that
/// differ and their ancestors.
pub fn visible_rows(d: &DocDiff, hide_same: bool) -> Vec<Entry> {
    let mut out = vec![Entry::Summary];
    let ss = &d.sections;
    let changed: Vec<bool> = (0..ss.len()).map(|i| differs(d, i)).collect();
    for (i, s) in ss.iter().enumerate() {
        let shown = !hide_same
            || changed[i]
            || ss[i + 1..].iter().zip(&changed[i + 1..]).take_while(|(c, _)| c.depth > s.depth).any(|(_, &x)| x);
        if shown {
            out.push(Entry::Section(i));
        }
    }
    out
}

/// The projects (or indicators) of a `projects.<sector>` (`indicators.<sector>`) section that
/// differ; 0 for other sections.
pub fn table_changes(d: &DocDiff, section: usize) -> usize {
    let key = d.sections[section].key.split('#').next().unwrap_or_default();
    if let Some(sector) = key.strip_prefix("projects.") {
        d.projects.iter().filter(|p| p.sector == sector && p.status != Status::Same).count()
    } else if let Some(sector) = key.strip_prefix("indicators.") {
        d.indicators.iter().filter(|i| i.sector == sector && i.status != Status::Same).count()
    } else {
        0
    }
}

/// True when a section's text differs or, for a sector section, its projects or indicators do.
pub fn differs(d: &DocDiff, section: usize) -> bool {
    d.sections[section].is_change() || table_changes(d, section) > 0
}

/// The status shown for a section: its own, or `changed` for an unchanged sector section whose
/// projects or indicators differ.
pub fn shown_status(d: &DocDiff, section: usize) -> Status {
    match d.sections[section].status {
        Status::Same if table_changes(d, section) > 0 => Status::Changed,
        s => s,
    }
}

/// Every change in reading order for `n`/`N`: the engine's change places, and the heading of each
/// sector section whose projects or indicators differ.
pub fn places(d: &DocDiff) -> Vec<ChangeAt> {
    let mut out = d.change_places();
    out.extend(
        (0..d.sections.len())
            .filter(|&i| !d.sections[i].is_change() && table_changes(d, i) > 0)
            .map(|i| ChangeAt { section: i, row: None }),
    );
    out.sort();
    out
}

/// The status mark shown in the tree: `=` same, `~` changed, `+` added, `-` removed, `>` moved.
pub fn tree_mark(s: Status) -> char {
    match s {
        Status::Same => '=',
        other => other.mark(),
    }
}

/// Compare mode's part of the update step. `None` when the action is not compare mode's (the
/// normal handling applies).
pub fn apply(app: &mut App, a: Action) -> Option<Effect> {
    match a {
        Action::MarkA | Action::MarkB => return Some(mark(app, a == Action::MarkB)),
        Action::ToggleCompare | Action::Close if pending(app) => {
            app.picked.job = None;
            app.message = Some("comparison cancelled".into());
            return Some(Effect::Redraw);
        }
        Action::ToggleCompare => return Some(if app.compare.is_some() { leave(app) } else { enter(app) }),
        _ => {}
    }
    let c = app.compare.as_mut()?;
    let effect = match (app.focus, a) {
        (_, Action::Close) if !app.maximized => leave(app),
        (_, Action::NextChange) => jump(app, true),
        (_, Action::PrevChange) => jump(app, false),
        (_, Action::HideSame) => {
            let entry = c.entry();
            c.hide_same = !c.hide_same;
            c.rows = visible_rows(&c.diff, c.hide_same);
            c.sel = c.rows.iter().position(|e| *e == entry).unwrap_or(0);
            app.message =
                Some(if c.hide_same { "unchanged sections hidden (u shows them)" } else { "all sections" }.into());
            Effect::Redraw
        }
        (_, Action::ToggleLayout) => {
            c.layout = if c.side { DiffLayout::Unified } else { DiffLayout::Side };
            Effect::Redraw
        }
        (Pane::Sections, a) => match moved(a, app.page()) {
            Some(m) => {
                let c = app.compare.as_mut()?;
                let next = m(c.sel).min(c.rows.len().saturating_sub(1));
                if next == c.sel {
                    return Some(Effect::None);
                }
                c.sel = next;
                c.scroll = 0;
                c.at = match c.entry() {
                    Entry::Section(s) => Some(ChangeAt { section: s, row: None }),
                    Entry::Summary => None,
                };
                Effect::Redraw
            }
            None => match a {
                Action::Open | Action::Right => focus(app, Pane::Content),
                Action::Left => focus(app, Pane::Documents),
                Action::ToggleFold | Action::ToggleRaw => Effect::None,
                _ => return None,
            },
        },
        (Pane::Content, a) => match moved(a, app.page()) {
            Some(m) => {
                let h = layout::inner(app.areas().content).height as usize;
                let c = app.compare.as_mut()?;
                let max = c.lines.len().saturating_sub(h.max(1));
                let next = m(c.scroll).min(max);
                if next == c.scroll {
                    return Some(Effect::None);
                }
                c.scroll = next;
                Effect::Redraw
            }
            None => match a {
                Action::Left => focus(app, Pane::Sections),
                Action::ToggleRaw | Action::Open | Action::Right => Effect::None,
                _ => return None,
            },
        },
        _ => return None,
    };
    Some(effect)
}

/// A click on line `line` of the compare tree: selects that row.
pub fn click_row(app: &mut App, line: usize) {
    let Some(c) = app.compare.as_mut() else { return };
    let i = c.off + line;
    if i < c.rows.len() && i != c.sel {
        c.sel = i;
        c.scroll = 0;
        c.at = match c.entry() {
            Entry::Section(s) => Some(ChangeAt { section: s, row: None }),
            Entry::Summary => None,
        };
    }
}

/// A move as a function of the current position.
fn moved(a: Action, page: usize) -> Option<Box<dyn Fn(usize) -> usize>> {
    let half = (page / 2).max(1);
    Some(match a {
        Action::Up => Box::new(|x: usize| x.saturating_sub(1)),
        Action::Down => Box::new(|x: usize| x.saturating_add(1)),
        Action::PageUp => Box::new(move |x: usize| x.saturating_sub(page)),
        Action::PageDown => Box::new(move |x: usize| x.saturating_add(page)),
        Action::HalfPageUp => Box::new(move |x: usize| x.saturating_sub(half)),
        Action::HalfPageDown => Box::new(move |x: usize| x.saturating_add(half)),
        Action::Top => Box::new(|_| 0),
        Action::Bottom => Box::new(|_| usize::MAX),
        _ => return None,
    })
}

fn focus(app: &mut App, p: Pane) -> Effect {
    app.focus = p;
    Effect::Redraw
}

fn mark(app: &mut App, b: bool) -> Effect {
    let Some(d) = app.doc() else { return Effect::None };
    let p = &mut app.picked;
    let (this, other) = if b { (&mut p.b, &mut p.a) } else { (&mut p.a, &mut p.b) };
    let side = if b { 'B' } else { 'A' };
    if *this == Some(d) {
        *this = None;
        app.message = Some(format!("{side} unmarked"));
        return Effect::Redraw;
    }
    *this = Some(d);
    if *other == Some(d) {
        *other = None;
    }
    let ready = p.a.is_some() && p.b.is_some();
    app.message = Some(if ready {
        format!("{side} marked; c compares A with B")
    } else {
        format!("{side} marked; mark the other with {}", if b { 'a' } else { 'b' })
    });
    Effect::Redraw
}

/// Enters compare mode with the marked documents; with only one marked, the selected document is
/// the other side.
fn enter(app: &mut App) -> Effect {
    let sel = app.doc();
    let (a, b) = match (app.picked.a, app.picked.b) {
        (Some(a), Some(b)) => (a, b),
        (Some(a), None) if sel.is_some_and(|s| s != a) => (a, sel.unwrap_or(a)),
        (None, Some(b)) if sel.is_some_and(|s| s != b) => (sel.unwrap_or(b), b),
        _ => {
            app.message = Some("mark two documents first: a marks A, b marks B (documents pane)".into());
            return Effect::Redraw;
        }
    };
    app.picked = Picked { a: Some(a), b: Some(b), job: None };
    let job = Job::start(app, a, b);
    match job.wait(Some(WAIT)) {
        Some((diff, took)) => install(app, Compare::new(a, b, diff, took)),
        None => {
            app.picked.job = Some(job);
            app.message = Some("comparing A with B... (c or Esc cancels)".into());
            Effect::Redraw
        }
    }
}

/// True while a comparison runs in the background.
pub fn pending(app: &App) -> bool {
    app.picked.job.is_some()
}

/// Collects a background comparison when it has finished (`block`: waits for it) and enters
/// compare mode with it. The terminal loop calls this while [`pending`]; tests call it blocking.
pub fn poll(app: &mut App, block: bool) -> Effect {
    let Some(job) = &app.picked.job else { return Effect::None };
    let Some((diff, took)) = job.wait(if block { None } else { Some(Duration::ZERO) }) else { return Effect::None };
    let c = Compare::new(job.a, job.b, diff, took);
    app.picked.job = None;
    let e = install(app, c);
    app.refresh();
    e
}

fn install(app: &mut App, c: Compare) -> Effect {
    let n = (0..c.diff.sections.len()).filter(|&i| differs(&c.diff, i)).count();
    app.message =
        Some(format!("{} ms; {n} of {} sections differ; n: next change", c.took.as_millis(), c.diff.sections.len()));
    app.compare = Some(Box::new(c));
    if app.focus == Pane::Documents {
        app.focus = Pane::Sections;
    }
    Effect::Redraw
}

fn leave(app: &mut App) -> Effect {
    app.compare = None;
    app.message = Some("left compare mode".into());
    Effect::Redraw
}

/// `n`/`N`: selects the section of the next (previous) change and scrolls its diff to the changed
/// row. Wraps around at the ends, saying so.
fn jump(app: &mut App, forward: bool) -> Effect {
    let Some(c) = app.compare.as_mut() else { return Effect::None };
    let from = match (c.at, c.entry()) {
        (Some(at), Entry::Section(s)) if at.section == s => Some(at),
        (_, Entry::Section(s)) => Some(ChangeAt { section: s, row: None }),
        (_, Entry::Summary) => None,
    };
    let all = places(&c.diff);
    let after = match (from, forward) {
        (None, true) => all.first().copied(),
        (None, false) => all.last().copied(),
        (Some(at), true) => all.iter().copied().find(|p| *p > at),
        (Some(at), false) => all.iter().rev().copied().find(|p| *p < at),
    };
    let next = match after {
        Some(n) => Some(n),
        None => {
            let first = if forward { all.first().copied() } else { all.last().copied() };
            if first.is_some() {
                app.message = Some(if forward { "last change passed: from the top" } else { "from the bottom" }.into());
            }
            first
        }
    };
    let Some(to) = next else {
        app.message = Some("no changes: the documents are equal".into());
        return Effect::Redraw;
    };
    let c = app.compare.as_mut().expect("compare mode");
    if !c.select_section(to.section) {
        // A hidden section never holds a change; show everything to be safe.
        c.hide_same = false;
        c.rows = visible_rows(&c.diff, false);
        c.select_section(to.section);
    }
    c.at = Some(to);
    c.scroll = 0;
    refresh(app);
    let h = layout::inner(app.areas().content).height as usize;
    let c = app.compare.as_mut().expect("compare mode");
    let line = to.row.and_then(|r| c.row_lines.get(r).copied()).unwrap_or(0);
    c.scroll = line.saturating_sub(1).min(c.lines.len().saturating_sub(h.max(1)));
    if app.focus == Pane::Documents {
        app.focus = Pane::Sections;
    }
    Effect::Redraw
}

/// Rebuilds compare mode's derived rows and lines for the current size; keeps selection and scroll
/// in range. Called from [`App::refresh`].
pub fn refresh(app: &mut App) {
    // Marks of documents that no longer exist are dropped.
    let n = app.docs.len();
    for m in [&mut app.picked.a, &mut app.picked.b] {
        if m.is_some_and(|d| d >= n) {
            *m = None;
        }
    }
    let areas = app.areas();
    let Some(c) = app.compare.as_mut() else { return };
    c.sel = c.sel.min(c.rows.len().saturating_sub(1));
    let th = layout::inner(areas.tree).height as usize;
    if th > 0 {
        c.off = keep_visible(c.sel, c.off, th, c.rows.len());
    }
    let cw = layout::inner(if areas.content.width > 0 { areas.content } else { app.size }).width as usize;
    let side = match c.layout {
        DiffLayout::Auto => cw >= SIDE_MIN_WIDTH,
        DiffLayout::Side => true,
        DiffLayout::Unified => false,
    };
    let key = (c.entry(), cw, side);
    if c.laid != Some(key) {
        // A new width or layout for the same entry keeps the current change in view.
        let same_entry = c.laid.is_some_and(|(e, _, _)| e == key.0);
        let l = diffview::build(&c.diff, c.entry(), cw, side, &app.theme, &app.docs[c.a].doc, &app.docs[c.b].doc);
        c.lines = l.lines;
        c.row_lines = l.row_lines;
        c.side = side;
        c.laid = Some(key);
        if let (true, Some(ChangeAt { row: Some(r), .. })) = (same_entry, c.at) {
            c.scroll = c.row_lines.get(r).map_or(0, |l| l.saturating_sub(1));
        }
    }
    let ch = layout::inner(areas.content).height.max(1) as usize;
    c.scroll = c.scroll.min(c.lines.len().saturating_sub(ch));
}
