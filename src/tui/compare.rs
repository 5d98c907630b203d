//! Compare mode: two documents marked A and B, their diff in the section tree (the union of both
//! trees with a status mark and change size) and the selected section's diff in the content pane.
//!
//! The diff comes from [`crate::compare::diff_documents`]; this module holds the mode's state
//! ([`Compare`]), its part of the update step ([`apply`]) and the derived rows and lines
//! ([`refresh`], laid out by [`super::diffview`]). Drawing is in `view/compare.rs`.

use super::action::Action;
use super::diffview;
use super::job::{Kind, Output};
use super::layout;
use super::list::{self, Move, keep_visible};
use super::state::{App, Pane};
use super::update::Effect;
pub use crate::compare::changes::{differs, places, shown_status, table_changes};
use crate::compare::{self as engine, ChangeAt, DocDiff, Status};
use crate::i18n::{Msg, tr, trf};
use ratatui::text::Line;
use std::time::{Duration, Instant};

/// The documents marked for comparison (indexes into [`App::docs`]), and the options the
/// comparison runs with.
#[derive(Debug, Clone, Default)]
pub struct Picked {
    /// The old side.
    pub a: Option<usize>,
    /// The new side.
    pub b: Option<usize>,
    /// What the running or shown comparison ignores; `None` until the reviewer changes it (then
    /// punctuation is ignored when one side is flattened text, see
    /// [`crate::across::ignore_punct_by_default`]).
    pub norm: Option<engine::norm::Normalization>,
}

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

/// The narrowest column of a side by side diff, even when side by side is asked for.
pub const SIDE_MIN_COLUMN: usize = 28;

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
    /// What the diff ignored.
    pub norm: engine::norm::Normalization,
    /// How long the diff took.
    pub took: Duration,
    /// Unchanged sections are hidden (their changed descendants keep them shown).
    pub hide_same: bool,
    /// Only the changed sections not yet reviewed (and their ancestors) are shown.
    pub unreviewed_only: bool,
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
    /// `n` (`N`) was refused at the last (first) change; pressing it again goes round.
    pub at_end: bool,
    /// (entry, width, side by side, notes generation, template dimmed) the lines are laid out for.
    laid: Option<(Entry, usize, bool, u64, bool)>,
}

impl Compare {
    /// Compare mode for a finished diff of documents `a` and `b`.
    pub fn new(a: usize, b: usize, diff: DocDiff, took: Duration, norm: engine::norm::Normalization) -> Compare {
        let mut c = Compare {
            a,
            b,
            diff,
            norm,
            took,
            hide_same: false,
            unreviewed_only: false,
            layout: DiffLayout::Auto,
            rows: Vec::new(),
            sel: 0,
            off: 0,
            scroll: 0,
            at: None,
            lines: Vec::new(),
            row_lines: Vec::new(),
            side: false,
            at_end: false,
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
    visible_where(d, |i| !hide_same || differs(d, i))
}

/// The tree rows for the mode's filters: unchanged sections hidden, or only the changed sections
/// not in `reviewed`.
pub fn rows_of(c: &Compare, reviewed: &std::collections::BTreeSet<String>) -> Vec<Entry> {
    if c.unreviewed_only {
        visible_where(&c.diff, |i| c.diff.sections[i].is_change() && !reviewed.contains(&c.diff.sections[i].key))
    } else {
        visible_rows(&c.diff, c.hide_same)
    }
}

/// The summary, then the sections `keep` keeps and their ancestors.
fn visible_where(d: &DocDiff, keep: impl Fn(usize) -> bool) -> Vec<Entry> {
    let mut out = vec![Entry::Summary];
    let ss = &d.sections;
    let changed: Vec<bool> = (0..ss.len()).map(keep).collect();
    for (i, s) in ss.iter().enumerate() {
        let shown = changed[i]
            || ss[i + 1..].iter().zip(&changed[i + 1..]).take_while(|(c, _)| c.depth > s.depth).any(|(_, &x)| x);
        if shown {
            out.push(Entry::Section(i));
        }
    }
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
            app.jobs.cancel(Kind::Diff);
            app.message = Some(tr(Msg::ComparisonCancelled).into());
            return Some(Effect::Redraw);
        }
        Action::ToggleCompare => {
            return Some(if app.layers.browse.compare.is_some() { leave(app) } else { enter(app) });
        }
        _ => {}
    }
    let c = app.layers.browse.compare.as_mut()?;
    let effect = match (app.layers.browse.focus, a) {
        (_, Action::Close) if !app.layers.browse.maximized => leave(app),
        (_, Action::NextChange) => jump(app, true),
        (_, Action::PrevChange) => jump(app, false),
        (_, Action::HideSame) => {
            let entry = c.entry();
            c.hide_same = !c.hide_same;
            c.unreviewed_only = false;
            c.rows = rows_of(c, &app.review.reviewed);
            c.sel = c.rows.iter().position(|e| *e == entry).unwrap_or(0);
            app.message = Some(tr(if c.hide_same { Msg::SameHidden } else { Msg::AllSections }).into());
            Effect::Redraw
        }
        (_, Action::TogglePunct | Action::ToggleOcr) => {
            let mut norm = c.norm;
            if a == Action::TogglePunct {
                norm.ignore_punct = !norm.ignore_punct;
            } else {
                norm.ocr = !norm.ocr;
            }
            app.layers.browse.picked.norm = Some(norm);
            let e = enter(app);
            app.message = Some(trf(Msg::ComparingAgain, &[&options_label(&norm)]));
            e
        }
        (_, Action::ToggleLayout) => {
            c.layout = if c.side { DiffLayout::Unified } else { DiffLayout::Side };
            Effect::Redraw
        }
        (Pane::Sections, a) => match Move::of(a, app.page(), app.count.unwrap_or(1)) {
            Some(m) => {
                let c = app.layers.browse.compare.as_mut()?;
                if !list::select(&mut c.sel, m, c.rows.len()) {
                    return Some(Effect::None);
                }
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
        (Pane::Content, a) => match Move::of(a, app.page(), app.count.unwrap_or(1)) {
            Some(m) => {
                let h = layout::inner(app.areas().content).height as usize;
                let c = app.layers.browse.compare.as_mut()?;
                if !list::scroll(&mut c.scroll, m, c.lines.len(), h) {
                    return Some(Effect::None);
                }
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
    let Some(c) = app.layers.browse.compare.as_mut() else { return };
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

fn focus(app: &mut App, p: Pane) -> Effect {
    app.layers.browse.focus = p;
    Effect::Redraw
}

fn mark(app: &mut App, b: bool) -> Effect {
    let Some(d) = app.doc() else { return Effect::None };
    // Options chosen for one pair do not carry over to another.
    app.layers.browse.picked.norm = None;
    let p = &mut app.layers.browse.picked;
    let (this, other) = if b { (&mut p.b, &mut p.a) } else { (&mut p.a, &mut p.b) };
    let side = if b { 'B' } else { 'A' };
    if *this == Some(d) {
        *this = None;
        app.message = Some(trf(Msg::Unmarked, &[&side]));
        return Effect::Redraw;
    }
    *this = Some(d);
    if *other == Some(d) {
        *other = None;
    }
    let ready = p.a.is_some() && p.b.is_some();
    app.message = Some(if ready {
        trf(Msg::MarkedReady, &[&side])
    } else {
        trf(Msg::MarkedOne, &[&side, &if b { 'a' } else { 'b' }])
    });
    Effect::Redraw
}

/// Enters compare mode with the marked documents; with only one marked, the selected document is
/// the other side.
fn enter(app: &mut App) -> Effect {
    let sel = app.doc();
    let (a, b) = match (app.layers.browse.picked.a, app.layers.browse.picked.b) {
        (Some(a), Some(b)) => (a, b),
        (Some(a), None) if sel.is_some_and(|s| s != a) => (a, sel.unwrap_or(a)),
        (None, Some(b)) if sel.is_some_and(|s| s != b) => (sel.unwrap_or(b), b),
        (Some(_), None) => {
            app.message = Some(trf(Msg::MarkOtherFirst, &[&'A', &'b']));
            return Effect::Redraw;
        }
        (None, Some(_)) => {
            app.message = Some(trf(Msg::MarkOtherFirst, &[&'B', &'a']));
            return Effect::Redraw;
        }
        _ => {
            app.message = Some(tr(Msg::MarkTwoFirst).into());
            return Effect::Redraw;
        }
    };
    let (da, db) = (app.docs[a].doc.clone(), app.docs[b].doc.clone());
    // Options the reviewer chose stay for the same pair; a new pair starts from the defaults.
    let same_pair = app.layers.browse.picked.a == Some(a) && app.layers.browse.picked.b == Some(b);
    let norm = match app.layers.browse.picked.norm {
        Some(n) if same_pair => n,
        _ => engine::norm::Normalization {
            ignore_punct: crate::across::ignore_punct_by_default(&da, &db),
            ..Default::default()
        },
    };
    app.layers.browse.picked = Picked { a: Some(a), b: Some(b), norm: Some(norm) };
    let opts = engine::Options { norm };
    app.jobs.start(Kind::Diff, move |ctx| {
        let t = Instant::now();
        let diff = engine::diff_documents(&da, &db, &opts);
        ctx.send(Output::Diff { a, b, diff: Box::new(diff), took: t.elapsed() });
    });
    app.message = Some(tr(Msg::Comparing).into());
    Effect::Redraw
}

/// The comparison's options in words, for the diff's header: punctuation, OCR.
pub fn options_label(n: &engine::norm::Normalization) -> String {
    let mut s = tr(if n.ignore_punct { Msg::PunctIgnored } else { Msg::PunctCompared }).to_string();
    if n.ocr {
        s = format!("{s} {}", tr(Msg::OcrTolerant));
    }
    s
}

/// True while a comparison runs in the background.
pub fn pending(app: &App) -> bool {
    app.jobs.running(Kind::Diff)
}

/// A background comparison finished: compare mode shows it.
pub(crate) fn arrived(app: &mut App, a: usize, b: usize, diff: DocDiff, took: Duration) -> Effect {
    let norm = app.layers.browse.picked.norm.unwrap_or_default();
    let e = install(app, Compare::new(a, b, diff, took, norm));
    app.refresh();
    e
}

fn install(app: &mut App, c: Compare) -> Effect {
    let n = crate::compare::changes::sections_differing(&c.diff);
    let mut m = trf(Msg::CompareReady, &[&n, &c.diff.sections.len()]);
    if app.debug {
        m = format!("{}; {m}", trf(Msg::CompareTook, &[&c.took.as_millis()]));
    }
    app.message = Some(m);
    app.layers.browse.compare = Some(Box::new(c));
    if app.layers.browse.focus == Pane::Documents {
        app.layers.browse.focus = Pane::Sections;
    }
    Effect::Redraw
}

fn leave(app: &mut App) -> Effect {
    app.layers.browse.compare = None;
    app.message = Some(tr(Msg::LeftCompare).into());
    Effect::Redraw
}

/// `n`/`N`: selects the section of the next (previous) change and scrolls its diff to the changed
/// row, saying «change 3 of 12». At the last (first) change it says so and stays; pressing again
/// goes round to the first (last).
fn jump(app: &mut App, forward: bool) -> Effect {
    let Some(c) = app.layers.browse.compare.as_mut() else { return Effect::None };
    let from = match (c.at, c.entry()) {
        (Some(at), Entry::Section(s)) if at.section == s => Some(at),
        (_, Entry::Section(s)) => Some(ChangeAt { section: s, row: None }),
        (_, Entry::Summary) => None,
    };
    let all = places(&c.diff);
    if all.is_empty() {
        app.message = Some(tr(Msg::NoChanges).into());
        return Effect::Redraw;
    }
    let after = match (from, forward) {
        (None, true) => all.first().copied(),
        (None, false) => all.last().copied(),
        (Some(at), true) => all.iter().copied().find(|p| *p > at),
        (Some(at), false) => all.iter().rev().copied().find(|p| *p < at),
    };
    let to = match after {
        Some(n) => n,
        None if c.at_end => {
            if forward {
                all[0]
            } else {
                all[all.len() - 1]
            }
        }
        None => {
            // At the end: say so and stay; the same key again goes round.
            c.at_end = true;
            let here = from.and_then(|f| all.iter().position(|p| *p == f)).map_or(all.len(), |i| i + 1);
            let m = if forward { Msg::LastChange } else { Msg::FirstChange };
            app.message = Some(trf(m, &[&here, &all.len()]));
            return Effect::Redraw;
        }
    };
    c.at_end = false;
    let rank = all.iter().position(|p| *p == to).map_or(0, |i| i + 1);
    app.message = Some(trf(Msg::ChangeOf, &[&rank, &all.len()]));
    let c = app.layers.browse.compare.as_mut().expect("compare mode");
    if !c.select_section(to.section) {
        // A hidden section never holds a change (or is reviewed); show everything to be safe.
        c.hide_same = false;
        c.unreviewed_only = false;
        c.rows = visible_rows(&c.diff, false);
        c.select_section(to.section);
    }
    c.at = Some(to);
    c.scroll = 0;
    refresh(app);
    let h = layout::inner(app.areas().content).height as usize;
    let c = app.layers.browse.compare.as_mut().expect("compare mode");
    let line = to.row.and_then(|r| c.row_lines.get(r).copied()).unwrap_or(0);
    c.scroll = list::top_for(line, 1, c.lines.len(), h);
    if app.layers.browse.focus == Pane::Documents {
        app.layers.browse.focus = Pane::Sections;
    }
    Effect::Redraw
}

/// Rebuilds compare mode's derived rows and lines for the current size; keeps selection and scroll
/// in range. Called from [`App::refresh`].
pub fn refresh(app: &mut App) {
    // Marks of documents that no longer exist are dropped.
    let n = app.docs.len();
    for m in [&mut app.layers.browse.picked.a, &mut app.layers.browse.picked.b] {
        if m.is_some_and(|d| d >= n) {
            *m = None;
        }
    }
    let areas = app.areas();
    if let Some(c) = &app.layers.browse.compare {
        app.review.sync_compare(&app.docs, c.a, c.b, &c.diff);
    }
    // Template dimming (`B`) of the selected section's diff, when on.
    let tints = super::across::dim::diff_tints(app);
    let Some(c) = app.layers.browse.compare.as_mut() else { return };
    c.sel = c.sel.min(c.rows.len().saturating_sub(1));
    let th = layout::inner(areas.tree).height as usize;
    if th > 0 {
        c.off = keep_visible(c.sel, c.off, th, c.rows.len());
    }
    let cw = layout::inner(if areas.content.width > 0 { areas.content } else { app.size }).width as usize;
    let side = match c.layout {
        DiffLayout::Auto => cw >= SIDE_MIN_WIDTH,
        // Sides narrower than SIDE_MIN_COLUMN break every other word: unified instead.
        DiffLayout::Side => cw >= 2 * SIDE_MIN_COLUMN + 3,
        DiffLayout::Unified => false,
    };
    let key = (c.entry(), cw, side, app.review.generation, tints.is_some());
    if c.laid != Some(key) {
        // A new width or layout for the same entry keeps the current change in view.
        let same_entry = c.laid.is_some_and(|(e, ..)| e == key.0);
        let (da, db) = (&app.docs[c.a].doc, &app.docs[c.b].doc);
        let mut l = diffview::build(&c.diff, c.entry(), cw, side, &app.theme, da, db, tints.as_deref());
        if let (Entry::Section(i), Some(p)) = (c.entry(), app.review.compare_notes()) {
            // Notes on B (its own and A's carried forward) under their rows.
            let notes = super::review::marks_of(p, &c.diff.sections[i].key);
            super::review::annotate(&mut l, &c.diff.sections[i], &notes, cw, &app.theme, app.ascii);
        }
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
