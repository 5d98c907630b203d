//! Compare mode as a component on the layer stack: two documents marked A and B, their diff in
//! the section tree's place (the union of both trees with a status mark and change size) and the
//! selected section's diff in the content pane's.
//!
//! [`CompareMode`] owns everything of the mode: the A/B marks and the options ([`Picked`]), the
//! generation of the diff job running in the background, and once it has reported the shown diff
//! ([`Compare`]: the compare tree, the laid-out diff, the filters). It sits in its own slot right
//! over the browse view ([`super::Stack::compare`]) as a *transparent* layer
//! ([`super::Cover::Transparent`]): it draws over the tree and content panes while on, takes the
//! keys of its context, and what it ignores goes on to the browse view (pane keys, `Tab`, `z`,
//! notes, copy) looked up in the same context. Under an overlay it takes nothing.
//!
//! The review code (notes, reviewed marks, the report, copy, the jump list) asks it through
//! [`CompareMode::on`] and the methods of [`Compare`] (`pair`, `entry`, `section`, `starts`,
//! `show`…), never through its fields. The diff comes from [`crate::compare::diff_documents`],
//! laid out by [`diffview`], drawn by `draw.rs`.

pub(crate) mod diffview;
mod draw;
#[cfg(test)]
pub use draw::fitting;

use super::{Component, Cover, Outcome};
pub use crate::compare::changes::{differs, places, shown_status, table_changes};
use crate::compare::{self as engine, ChangeAt, DocDiff, SectionDiff, Status};
use crate::i18n::{Msg, tr, trf};
use crate::model::Document;
use crate::tui::action::Action;
use crate::tui::job::{Accepted, Kind, Output};
use crate::tui::keymap::Context;
use crate::tui::layout;
use crate::tui::list::{self, Move, keep_visible};
use crate::tui::state::{App, Pane};
use crate::tui::update::Effect;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
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
    /// Each section's number as the tree shows it (see [`tree_numbers`]).
    pub numbers: Vec<Option<String>>,
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
    /// A diff row to scroll to once the selected entry is laid out (a note's paragraph).
    want_row: Option<usize>,
    /// (entry, width, side by side, notes generation, template dimmed) the lines are laid out for.
    laid: Option<(Entry, usize, bool, u64, bool)>,
}

impl Compare {
    /// Compare mode for a finished diff of documents `a` and `b` (`docs`: their texts, for the
    /// sections' numbers).
    pub fn new(
        (a, b): (usize, usize),
        docs: (&Document, &Document),
        diff: DocDiff,
        took: Duration,
        norm: engine::norm::Normalization,
    ) -> Compare {
        let numbers = tree_numbers(&diff, docs.0, docs.1);
        let mut c = Compare {
            numbers,
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
            want_row: None,
            laid: None,
        };
        c.rows = visible_rows(&c.diff, c.hide_same);
        c
    }

    /// The selected entry.
    pub fn entry(&self) -> Entry {
        self.rows.get(self.sel).copied().unwrap_or(Entry::Summary)
    }

    /// The documents compared: (A, B).
    pub fn pair(&self) -> (usize, usize) {
        (self.a, self.b)
    }

    /// The diff shown.
    pub fn diff(&self) -> &DocDiff {
        &self.diff
    }

    /// The selected section's index and diff (`None` on the summary).
    pub fn section(&self) -> Option<(usize, &SectionDiff)> {
        match self.entry() {
            Entry::Section(i) => self.diff.sections.get(i).map(|s| (i, s)),
            Entry::Summary => None,
        }
    }

    /// The line each row of the selected section's diff starts on, and the first line shown.
    pub fn starts(&self) -> (&[usize], usize) {
        (&self.row_lines, self.scroll)
    }

    /// Goes to a tree entry with this scroll (a jump back, a bookmark); false when the entry has
    /// no row now.
    pub fn show(&mut self, entry: Entry, scroll: usize) -> bool {
        match self.rows.iter().position(|e| *e == entry) {
            Some(i) => {
                self.sel = i;
                self.scroll = scroll;
                true
            }
            None => false,
        }
    }

    /// Selects a section by its key, shown even when the filters hid it, scrolled to the row of
    /// B's block `block` once laid out (a note's place). False when the diff has no such section.
    pub fn show_section(&mut self, key: &str, block: Option<usize>) -> bool {
        let Some(i) = self.diff.sections.iter().position(|s| s.key == key) else { return false };
        self.want_row = block.and_then(|b| self.diff.sections[i].rows.iter().position(|r| r.b == Some(b)));
        self.reveal(i);
        self.scroll = 0;
        true
    }

    /// Scrolls so that `line` is in view in a pane `h` lines high (the paragraph cursor).
    pub fn keep_in_view(&mut self, line: usize, h: usize) {
        self.scroll = keep_visible(line, self.scroll, h.max(1), self.lines.len());
    }

    /// Selects a section's row; a section the filters hide is shown by showing everything.
    fn reveal(&mut self, section: usize) {
        if !self.select_section(section) {
            self.hide_same = false;
            self.unreviewed_only = false;
            self.rows = visible_rows(&self.diff, false);
            self.select_section(section);
        }
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

    /// Selects tree row `i` (a move or a click): the diff starts at the top, at the section's
    /// heading.
    fn select_row(&mut self, i: usize) {
        self.sel = i;
        self.scroll = 0;
        self.at = match self.entry() {
            Entry::Section(s) => Some(ChangeAt { section: s, row: None }),
            Entry::Summary => None,
        };
    }

    /// The tree rows again after a filter or the reviewed marks changed, the selection kept on
    /// `entry` when it is still shown.
    fn filter(&mut self, entry: Entry, reviewed: &std::collections::BTreeSet<String>) {
        self.rows = rows_of(self, reviewed);
        self.sel = self.rows.iter().position(|e| *e == entry).unwrap_or(0);
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

/// The summary, then the sections `keep` keeps and their ancestors (one pass: a kept section
/// marks its ancestors up to the first already marked).
fn visible_where(d: &DocDiff, keep: impl Fn(usize) -> bool) -> Vec<Entry> {
    let ss = &d.sections;
    let mut shown = vec![false; ss.len()];
    // The ancestors of the section at hand, outermost first.
    let mut up: Vec<usize> = Vec::new();
    for (i, s) in ss.iter().enumerate() {
        while up.last().is_some_and(|&j| ss[j].depth >= s.depth) {
            up.pop();
        }
        if keep(i) {
            shown[i] = true;
            for &j in up.iter().rev() {
                if shown[j] {
                    break;
                }
                shown[j] = true;
            }
        }
        up.push(i);
    }
    std::iter::once(Entry::Summary).chain((0..ss.len()).filter(|&i| shown[i]).map(Entry::Section)).collect()
}

/// The full number of each of a document's sections, in [`engine::align::placed`] order: one
/// scheme for the compare tree whatever the document prints. A number printed with its parents
/// (`4.2`) is kept. Where a chapter's sub-sections are numbered within it from 1 (`1`, `2` under
/// `5`), the chapter's number goes in front (`5.1`); where a document numbers none of them, or
/// counts on through the whole text (`4`, `5` as the first two under its third chapter), they
/// are numbered by their place (`3.1`, `3.2`), under a numbered chapter or at the top level; else
/// a section without a number has none (a preamble before chapter 1).
pub fn path_numbers(doc: &Document) -> Vec<Option<String>> {
    let (placed, _) = engine::align::placed(doc);
    let own = |i: usize| {
        placed[i].section.number.as_deref().map(|n| n.trim().trim_end_matches('.')).filter(|n| !n.is_empty())
    };
    let full_path = |n: &str| n.contains('.');
    // Per parent (the top level at index `placed.len()`): whether the children's own numbers
    // are a scheme of this chapter (some are printed, and the first printed within the chapter
    // is 1), and the count of children seen so far.
    let slot = |i: usize| placed[i].parent.unwrap_or(placed.len());
    let mut numbered = vec![false; placed.len() + 1];
    let mut first_local: Vec<Option<&str>> = vec![None; placed.len() + 1];
    for i in 0..placed.len() {
        if let Some(n) = own(i) {
            numbered[slot(i)] = true;
            if !full_path(n) && first_local[slot(i)].is_none() {
                first_local[slot(i)] = Some(n);
            }
        }
    }
    let printed = |g: usize| numbered[g] && first_local[g].is_none_or(|n| n == "1");
    let mut seen = vec![0usize; placed.len() + 1];
    let mut full: Vec<Option<String>> = Vec::with_capacity(placed.len());
    for (i, p) in placed.iter().enumerate() {
        let g = slot(i);
        seen[g] += 1;
        // Parents come before their children in the walk; `None` at the top level.
        let up = p.parent.map(|p| full[p].as_deref());
        let n = match (own(i), up) {
            (Some(n), _) if full_path(n) => Some(n.to_string()),
            (Some(n), Some(Some(p))) if printed(g) => Some(format!("{p}.{n}")),
            (Some(n), None) if printed(g) => Some(n.to_string()),
            (None, _) if printed(g) => None,
            (_, None) => Some(seen[g].to_string()),
            (_, Some(Some(p))) => Some(format!("{p}.{}", seen[g])),
            (n, Some(None)) => n.map(str::to_string),
        };
        full.push(n);
    }
    full
}

/// Each diff section's number for the compare tree: its full number in B (see
/// [`path_numbers`]), else in A, matched by the section's key.
pub fn tree_numbers(d: &DocDiff, a: &Document, b: &Document) -> Vec<Option<String>> {
    let by_key = |doc: &Document| {
        let keys = engine::align::placed(doc).1;
        keys.into_iter().zip(path_numbers(doc)).collect::<std::collections::HashMap<String, Option<String>>>()
    };
    let (na, nb) = (by_key(a), by_key(b));
    d.sections.iter().map(|s| nb.get(&s.key).cloned().flatten().or_else(|| na.get(&s.key).cloned().flatten())).collect()
}

/// The status mark shown in the tree: `=` same, `~` changed, `+` added, `-` removed, `>` moved.
pub fn tree_mark(s: Status) -> char {
    match s {
        Status::Same => '=',
        other => other.mark(),
    }
}

/// Compare mode on the layer stack: the marks, the running diff job, and the diff when shown.
#[derive(Debug, Default)]
pub(crate) struct CompareMode {
    /// The documents marked A and B and the comparison's options.
    pub(crate) picked: Picked,
    /// The diff on screen, when compare mode is on.
    view: Option<Box<Compare>>,
    /// The generation of the diff job started for it (see [`crate::tui::job::Jobs::start`]).
    job: Option<u64>,
}

impl CompareMode {
    /// The diff on screen, when compare mode is on.
    pub(crate) fn on(&self) -> Option<&Compare> {
        self.view.as_deref()
    }

    /// The same, to move in it (a jump, a note's place, the paragraph cursor).
    pub(crate) fn on_mut(&mut self) -> Option<&mut Compare> {
        self.view.as_deref_mut()
    }

    /// The mark column of the document list: `None` while nothing is marked, else each
    /// document's `'A'`, `'B'` or nothing.
    pub(crate) fn marks(&self) -> Option<impl Fn(usize) -> Option<char> + '_> {
        (self.picked.a.is_some() || self.picked.b.is_some()).then_some(|d| self.picked.letter(d))
    }

    /// Leaves compare mode (a section of a document is opened elsewhere); the marks stay.
    pub(crate) fn close(&mut self) {
        self.view = None;
    }

    /// True while its comparison runs in the background.
    pub(crate) fn pending(&self, jobs: &crate::tui::job::Jobs) -> bool {
        self.job.is_some() && self.job == jobs.generation(Kind::Diff)
    }

    /// Compare mode's part of an action; `None` when the action is not its own (it goes on to
    /// the browse view).
    fn apply(&mut self, app: &mut App, a: Action) -> Option<Effect> {
        match a {
            Action::MarkA | Action::MarkB => return Some(self.mark(app, a == Action::MarkB)),
            Action::ToggleCompare | Action::Close if self.pending(&app.jobs) => {
                app.jobs.cancel(Kind::Diff);
                self.job = None;
                return Some(say(app, tr(Msg::ComparisonCancelled).into()));
            }
            Action::ToggleCompare => {
                return Some(if self.view.is_some() { self.leave(app) } else { self.enter(app) });
            }
            _ => {}
        }
        let c = self.view.as_deref_mut()?;
        let effect = match (app.layers.browse.focus, a) {
            (_, Action::Close) if !app.layers.browse.maximized => self.leave(app),
            (_, Action::NextChange) => self.jump(app, true),
            (_, Action::PrevChange) => self.jump(app, false),
            (_, Action::HideSame) => {
                c.hide_same = !c.hide_same;
                c.unreviewed_only = false;
                c.filter(c.entry(), &app.review.reviewed);
                say(app, tr(if c.hide_same { Msg::SameHidden } else { Msg::AllSections }).into())
            }
            (_, Action::OnlyUnreviewed) => {
                c.unreviewed_only = !c.unreviewed_only;
                c.filter(c.entry(), &app.review.reviewed);
                say(app, tr(if c.unreviewed_only { Msg::OnlyUnreviewedShown } else { Msg::AllSections }).into())
            }
            (_, Action::MarkReviewed) => self.mark_reviewed(app),
            (_, Action::WriteReport) => crate::tui::review::prompt_report(app),
            (_, Action::TogglePunct | Action::ToggleOcr) => {
                let mut norm = c.norm;
                if a == Action::TogglePunct {
                    norm.ignore_punct = !norm.ignore_punct;
                } else {
                    norm.ocr = !norm.ocr;
                }
                self.picked.norm = Some(norm);
                let e = self.enter(app);
                app.status.say(trf(Msg::ComparingAgain, &[&options_label(&norm)]));
                e
            }
            (_, Action::ToggleLayout) => {
                c.layout = if c.side { DiffLayout::Unified } else { DiffLayout::Side };
                Effect::Redraw
            }
            (Pane::Sections, a) => match Move::of(a, app.page(), app.count.unwrap_or(1)) {
                Some(m) => {
                    let mut i = c.sel;
                    if !list::select(&mut i, m, c.rows.len()) {
                        return Some(Effect::None);
                    }
                    c.select_row(i);
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

    fn mark(&mut self, app: &mut App, b: bool) -> Effect {
        let Some(d) = app.doc() else { return Effect::None };
        // Options chosen for one pair do not carry over to another.
        self.picked.norm = None;
        let p = &mut self.picked;
        let (this, other) = if b { (&mut p.b, &mut p.a) } else { (&mut p.a, &mut p.b) };
        let side = if b { 'B' } else { 'A' };
        if *this == Some(d) {
            *this = None;
            return say(app, trf(Msg::Unmarked, &[&side]));
        }
        *this = Some(d);
        if *other == Some(d) {
            *other = None;
        }
        let ready = p.a.is_some() && p.b.is_some();
        say(
            app,
            if ready {
                trf(Msg::MarkedReady, &[&side])
            } else {
                trf(Msg::MarkedOne, &[&side, &if b { 'a' } else { 'b' }])
            },
        )
    }

    /// Starts the comparison of the marked documents in the background; with only one marked,
    /// the selected document is the other side.
    fn enter(&mut self, app: &mut App) -> Effect {
        let sel = app.doc();
        let (a, b) = match (self.picked.a, self.picked.b) {
            (Some(a), Some(b)) => (a, b),
            (Some(a), None) if sel.is_some_and(|s| s != a) => (a, sel.unwrap_or(a)),
            (None, Some(b)) if sel.is_some_and(|s| s != b) => (sel.unwrap_or(b), b),
            (Some(_), None) => return say(app, trf(Msg::MarkOtherFirst, &[&'A', &'b'])),
            (None, Some(_)) => return say(app, trf(Msg::MarkOtherFirst, &[&'B', &'a'])),
            _ => return say(app, tr(Msg::MarkTwoFirst).into()),
        };
        let (da, db) = (app.docs[a].doc.clone(), app.docs[b].doc.clone());
        // Options the reviewer chose stay for the same pair; a new pair starts from the defaults.
        let same_pair = self.picked.a == Some(a) && self.picked.b == Some(b);
        let norm = match self.picked.norm {
            Some(n) if same_pair => n,
            _ => engine::norm::Normalization {
                ignore_punct: crate::across::ignore_punct_by_default(&da, &db),
                ..Default::default()
            },
        };
        self.picked = Picked { a: Some(a), b: Some(b), norm: Some(norm) };
        let opts = engine::Options { norm, ..Default::default() };
        self.job = Some(app.jobs.start(Kind::Diff, move |ctx| {
            let t = Instant::now();
            let diff = engine::diff_documents(&da, &db, &opts);
            ctx.send(Output::Diff { a, b, diff: Box::new(diff), took: t.elapsed() });
        }));
        say(app, tr(Msg::Comparing).into())
    }

    /// The comparison finished: compare mode shows it.
    fn arrived(&mut self, app: &mut App, a: usize, b: usize, diff: DocDiff, took: Duration) -> Effect {
        let norm = self.picked.norm.unwrap_or_default();
        let c = Compare::new((a, b), (&app.docs[a].doc, &app.docs[b].doc), diff, took, norm);
        let n = crate::compare::changes::sections_differing(&c.diff);
        let mut m = trf(Msg::CompareReady, &[&n, &c.diff.sections.len()]);
        if app.debug {
            m = format!("{}; {m}", trf(Msg::CompareTook, &[&c.took.as_millis()]));
        }
        app.status.say(m);
        self.view = Some(Box::new(c));
        if app.layers.browse.focus == Pane::Documents {
            app.layers.browse.focus = Pane::Sections;
        }
        self.refresh(app);
        Effect::Redraw
    }

    fn leave(&mut self, app: &mut App) -> Effect {
        self.view = None;
        say(app, tr(Msg::LeftCompare).into())
    }

    /// `x`: marks the selected changed section reviewed, or clears the mark (written to the
    /// notes store in the background, see [`crate::tui::review::set_reviewed`]).
    fn mark_reviewed(&mut self, app: &mut App) -> Effect {
        let Some(c) = self.view.as_deref_mut() else { return Effect::None };
        let Some((_, s)) = c.section() else { return say(app, tr(Msg::ReviewNeedsSection).into()) };
        if !s.is_change() {
            return say(app, tr(Msg::ReviewUnchanged).into());
        }
        let key = s.key.clone();
        let on = !app.review.reviewed.contains(&key);
        if let Err(e) = crate::tui::review::set_reviewed(app, c.a, c.b, &key, on) {
            return say(app, e);
        }
        if c.unreviewed_only {
            let sel = c.sel;
            c.rows = rows_of(c, &app.review.reviewed);
            c.sel = sel.min(c.rows.len().saturating_sub(1));
            c.scroll = 0;
        }
        // The progress itself is on the status line already (derived from the marks).
        say(app, tr(if on { Msg::MarkedReviewed } else { Msg::UnmarkedReviewed }).into())
    }

    /// `n`/`N`: selects the section of the next (previous) change and scrolls its diff to the
    /// changed row, saying «change 3 of 12». At the last (first) change it says so and stays;
    /// pressing again goes round to the first (last).
    fn jump(&mut self, app: &mut App, forward: bool) -> Effect {
        let Some(c) = self.view.as_deref_mut() else { return Effect::None };
        let from = match (c.at, c.entry()) {
            (Some(at), Entry::Section(s)) if at.section == s => Some(at),
            (_, Entry::Section(s)) => Some(ChangeAt { section: s, row: None }),
            (_, Entry::Summary) => None,
        };
        let all = places(&c.diff);
        if all.is_empty() {
            return say(app, tr(Msg::NoChanges).into());
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
                return say(app, trf(m, &[&here, &all.len()]));
            }
        };
        c.at_end = false;
        let rank = all.iter().position(|p| *p == to).map_or(0, |i| i + 1);
        app.status.say(trf(Msg::ChangeOf, &[&rank, &all.len()]));
        // A hidden section never holds a change (or is reviewed); everything is shown to be safe.
        c.reveal(to.section);
        c.at = Some(to);
        c.scroll = 0;
        // The row's line is known once the section is laid out.
        self.refresh(app);
        let h = layout::inner(app.areas().content).height as usize;
        let Some(c) = self.view.as_deref_mut() else { return Effect::Redraw };
        let line = to.row.and_then(|r| c.row_lines.get(r).copied()).unwrap_or(0);
        c.scroll = list::top_for(line, 1, c.lines.len(), h);
        if app.layers.browse.focus == Pane::Documents {
            app.layers.browse.focus = Pane::Sections;
        }
        Effect::Redraw
    }

    /// Rebuilds the derived rows and lines for the current size, documents and notes; keeps
    /// selection and scroll in range (the stack calls it with [`super::relayout`]).
    pub(crate) fn refresh(&mut self, app: &mut App) {
        // Marks of documents that no longer exist are dropped.
        let n = app.docs.len();
        for m in [&mut self.picked.a, &mut self.picked.b] {
            if m.is_some_and(|d| d >= n) {
                *m = None;
            }
        }
        let Some(c) = self.view.as_deref_mut() else { return };
        let areas = app.areas();
        app.review.sync_compare(&app.docs, c.a, c.b, &c.diff);
        // Template dimming (`B`) of the selected section's diff, when on.
        let tints = crate::tui::across::dim::diff_tints(app, c);
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
                let notes = crate::tui::review::marks_of(p, &c.diff.sections[i].key);
                crate::tui::review::annotate(&mut l, &c.diff.sections[i], &notes, cw, &app.theme, app.ascii);
            }
            c.lines = l.lines;
            c.row_lines = l.row_lines;
            c.side = side;
            c.laid = Some(key);
            if let (true, Some(ChangeAt { row: Some(r), .. })) = (same_entry, c.at) {
                c.scroll = c.row_lines.get(r).map_or(0, |l| l.saturating_sub(1));
            }
        }
        if let Some(r) = c.want_row.take() {
            c.scroll = c.row_lines.get(r).map_or(0, |l| l.saturating_sub(1));
        }
        let ch = layout::inner(areas.content).height.max(1) as usize;
        c.scroll = c.scroll.min(c.lines.len().saturating_sub(ch));
    }

    /// A click on the tree or the diff: focuses the pane; in the tree, selects the row.
    fn click_panes(&mut self, app: &mut App, col: u16, row: u16) -> Option<Effect> {
        let c = self.view.as_deref_mut()?;
        let areas = app.areas();
        let p = areas.hit(col, row).filter(|&p| p != Pane::Documents)?;
        app.layers.browse.focus = p;
        let inner = layout::inner(areas.pane(p));
        if p == Pane::Sections && row >= inner.y && row < inner.y + inner.height {
            let i = c.off + (row - inner.y) as usize;
            if i < c.rows.len() && i != c.sel {
                c.select_row(i);
            }
        }
        Some(Effect::Redraw)
    }
}

impl Component for CompareMode {
    fn name(&self) -> &'static str {
        "compare"
    }

    /// Transparent: what it does not take goes on to the browse view under it.
    fn cover(&self) -> Cover {
        Cover::Transparent
    }

    fn context(&self, app: &App) -> Context {
        if self.view.is_some() && app.layers.browse.focus != Pane::Documents {
            Context::Compare
        } else {
            app.layers.browse.focus.context()
        }
    }

    fn place(&self, app: &App) -> &'static str {
        if self.view.is_some() && app.layers.browse.focus != Pane::Documents {
            tr(Msg::ComparePlace)
        } else {
            app.layers.browse.focus.title()
        }
    }

    /// Under an overlay it takes nothing.
    fn action(&mut self, app: &mut App, a: Action) -> Outcome {
        if app.layers.covered() {
            return Outcome::ignored();
        }
        match self.apply(app, a) {
            Some(e) => Outcome::consumed(e),
            None => Outcome::ignored(),
        }
    }

    fn click(&mut self, app: &mut App, col: u16, row: u16) -> Outcome {
        match self.click_panes(app, col, row) {
            Some(e) => Outcome::consumed(e),
            None => Outcome::ignored(),
        }
    }

    fn job(&mut self, app: &mut App, news: &mut Option<Accepted>) -> Outcome {
        match news.take() {
            Some(Accepted::Output(Output::Diff { a, b, diff, took })) => {
                self.job = None;
                Outcome::consumed(self.arrived(app, a, b, *diff, took))
            }
            Some(Accepted::Finished(Kind::Diff)) => {
                self.job = None;
                Outcome::consumed(Effect::None)
            }
            other => {
                *news = other;
                Outcome::ignored()
            }
        }
    }

    fn draw(&self, app: &App, screen: Rect, buf: &mut Buffer) {
        if let Some(c) = self.on() {
            let areas = layout::areas(screen, app.layers.browse.focus, app.layers.browse.maximized);
            draw::tree(app, c, areas.tree, buf);
            draw::content(app, c, areas.content, buf);
        }
    }
}

/// The comparison's options in words, for the diff's header: punctuation, OCR.
pub fn options_label(n: &engine::norm::Normalization) -> String {
    let mut s = tr(if n.ignore_punct { Msg::PunctIgnored } else { Msg::PunctCompared }).to_string();
    if n.ocr {
        s = format!("{s} {}", tr(Msg::OcrTolerant));
    }
    s
}

/// True while a comparison runs in the background (for tests).
#[cfg(test)]
pub fn pending(app: &App) -> bool {
    app.layers.compare.pending(&app.jobs)
}

fn focus(app: &mut App, p: Pane) -> Effect {
    app.layers.browse.focus = p;
    Effect::Redraw
}

fn say(app: &mut App, m: String) -> Effect {
    app.status.say(m);
    Effect::Redraw
}
