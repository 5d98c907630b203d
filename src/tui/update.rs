//! The entry points for events (keys, pastes, mouse, resizes, job reports), which hand them to
//! the layer stack ([`super::layer`]), and the browse view's own update: panes, tree, content,
//! opening a section ([`open_at`]).
//!
//! Each step returns an [`Effect`] telling the terminal loop what else to do; the loop redraws
//! only when a step reports a change. Tests drive these through [`super::testing::Harness`].

use super::action::Action;
use super::content::Item;
use super::job::{Accepted, Kind, Output, Report};
use super::keymap::Key;
use super::layer::{self, Opening, card::Card};
use super::layout;
use super::list::{self, Move};
use super::state::{App, DocRow, Fold, Pane};
use crate::i18n::{Msg, tr, trf};
use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::layout::Rect;

/// What the terminal loop must do after a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Nothing changed: no redraw.
    None,
    /// Redraw (only changed cells are sent).
    Redraw,
    /// Clear and redraw everything.
    FullRedraw,
    /// Turn mouse capture on or off, then redraw.
    SetMouse(bool),
    /// Suspend the process (Ctrl-Z), redraw on resume.
    Suspend,
    /// Leave.
    Quit,
}

/// Handles a key: offered to the layers from the top down (see [`super::layer::key`]), each
/// looking it up in its own keymap context. Digits not bound to anything make a count for the
/// next movement (`12j`). Jumps are recorded in the jump list ([`super::review::around_key`]).
pub fn key(app: &mut App, k: Key) -> Effect {
    if super::loader::hold(app, k) {
        return Effect::None;
    }
    super::review::around_key(app, k, key_step)
}

fn key_step(app: &mut App, k: Key) -> Effect {
    let context = app.context();
    if !context.is_input()
        && app.keymap.lookup(context, k).is_none()
        && let (KeyCode::Char(d @ '0'..='9'), true) = (k.code, k.mods == KeyModifiers::NONE)
        && (d != '0' || app.count.is_some())
    {
        let n = app.count.unwrap_or(0).saturating_mul(10).saturating_add(d as usize - '0' as usize).min(100_000);
        app.count = Some(n);
        app.status.say(trf(Msg::CountPrefix, &[&n]));
        return Effect::Redraw;
    }
    let e = layer::key(app, k);
    if app.count.take().is_some() && !context.is_input() {
        return merge(e, Effect::Redraw);
    }
    e
}

/// Pasted text (bracketed paste): to the layer that takes it (the open search or palette
/// query); elsewhere ignored.
pub fn paste(app: &mut App, text: &str) -> Effect {
    layer::paste(app, text)
}

/// Takes a background job's report: stale ones are dropped, the rest offered to the layers.
pub(crate) fn job(app: &mut App, r: Report) -> Effect {
    match app.jobs.accept(r) {
        Accepted::Stale => Effect::None,
        news => layer::job(app, news),
    }
}

/// The browse view's part of a job's report (loading, index, notes-store writes; what no
/// component took).
pub(crate) fn job_news(app: &mut App, news: Accepted) -> Effect {
    match news {
        Accepted::Stale => Effect::None,
        Accepted::Output(o) => match o {
            o @ (Output::LoadTotal(_) | Output::LoadFile(_) | Output::LoadProblem(_)) => {
                // The first document shows at once; after it, progress is drawn on a timer tick
                // rather than once per file.
                let first = app.docs.is_empty() && app.load.arrived.0.is_empty();
                super::loader::take(app, o);
                if first && !app.load.arrived.0.is_empty() {
                    return Effect::Redraw;
                }
                if !app.load.tick_pending {
                    app.load.tick_pending = true;
                    super::event::after(&app.jobs.sender(), super::loader::PROGRESS_TICK);
                }
                Effect::None
            }
            Output::Index { index, docs } => {
                super::search::install(app, index, docs);
                Effect::None
            }
            // Results for a search closed since.
            Output::Search(_) => Effect::None,
            // Taken by compare mode ([`super::layer::compare`]).
            Output::Diff { .. } => Effect::None,
            // An across view closed before it was computed.
            Output::Across(_) => Effect::None,
            Output::Stored(s) => super::review::writes::stored(app, *s),
            Output::Report(r) => super::review::report::written(app, r),
        },
        Accepted::Finished(Kind::Load) => {
            super::loader::finished(app);
            Effect::Redraw
        }
        Accepted::Finished(Kind::Store) => super::review::writes::finished(app),
        Accepted::Finished(Kind::Search | Kind::Index | Kind::Diff | Kind::Across | Kind::Report) => Effect::None,
    }
}

/// After a batch of events: documents that arrived are added (one re-sort for the batch) and
/// the query typed in the batch is searched (one search for the batch); see
/// [`super::layer::after_batch`].
pub fn after_batch(app: &mut App) -> Effect {
    let e = layer::after_batch(app);
    // Keys typed before the first document showed, now that it does (see [`super::loader::hold`]).
    merge(e, super::loader::replay(app, key))
}

/// Combines two steps' effects into what the loop must do once.
pub fn merge(a: Effect, b: Effect) -> Effect {
    use Effect::*;
    match (a, b) {
        (Quit, _) | (_, Quit) => Quit,
        (Suspend, _) | (_, Suspend) => Suspend,
        (SetMouse(_), SetMouse(m)) => SetMouse(m),
        (SetMouse(m), _) | (_, SetMouse(m)) => SetMouse(m),
        (FullRedraw, _) | (_, FullRedraw) => FullRedraw,
        (Redraw, _) | (_, Redraw) => Redraw,
        (None, None) => None,
    }
}

/// Handles a resize; [`Effect::None`] when the size did not change.
pub fn resize(app: &mut App, width: u16, height: u16) -> Effect {
    let size = Rect::new(0, 0, width, height);
    if size == app.size {
        return Effect::None;
    }
    app.size = size;
    layer::derive(app);
    Effect::Redraw
}

/// The actions that apply whatever is open: quit, suspend, redraw, mouse capture.
pub(crate) fn app_wide(app: &mut App, a: Action) -> Option<Effect> {
    Some(match a {
        Action::Quit => {
            app.quit = true;
            Effect::Quit
        }
        Action::Suspend => Effect::Suspend,
        Action::Redraw => Effect::FullRedraw,
        Action::ToggleMouse => {
            app.mouse = !app.mouse;
            app.status.say(tr(if app.mouse { Msg::MouseCaptureOn } else { Msg::MouseCaptureOff }));
            Effect::SetMouse(app.mouse)
        }
        _ => return None,
    })
}

/// Applies one action to the browse view.
pub fn apply(app: &mut App, a: Action) -> Effect {
    if let Some(effect) = super::review::apply(app, a) {
        return effect;
    }
    if let Some(effect) = super::across::apply(app, a) {
        return effect;
    }
    match a {
        Action::Close => {
            if !app.layers.browse.maximized {
                // Nothing to leave: the status message stays (see `super::status`).
                return Effect::None;
            }
            app.layers.browse.maximized = false;
            Effect::Redraw
        }
        Action::Maximize => {
            app.layers.browse.maximized = !app.layers.browse.maximized;
            Effect::Redraw
        }
        Action::NextPane => focus(app, cycle(app.layers.browse.focus, 1)),
        Action::PrevPane => focus(app, cycle(app.layers.browse.focus, -1)),
        Action::ToggleRaw => {
            app.layers.browse.raw = !app.layers.browse.raw;
            app.status.say(tr(if app.layers.browse.raw { Msg::RawShown } else { Msg::TablesShown }));
            Effect::Redraw
        }
        Action::NextMatch => super::search::step_match(app, 1),
        Action::PrevMatch => super::search::step_match(app, -1),
        Action::NextResult => super::search::step_result(app, 1),
        Action::PrevResult => super::search::step_result(app, -1),
        a => pane_action(app, a),
    }
}

fn cycle(p: Pane, step: isize) -> Pane {
    let i = Pane::ALL.iter().position(|&x| x == p).unwrap_or(0) as isize;
    Pane::ALL[(i + step).rem_euclid(Pane::ALL.len() as isize) as usize]
}

fn focus(app: &mut App, p: Pane) -> Effect {
    app.layers.browse.focus = p;
    Effect::Redraw
}

fn pane_action(app: &mut App, a: Action) -> Effect {
    let page = app.page();
    if let Some(m) = Move::of(a, page, app.count.unwrap_or(1)) {
        return match app.layers.browse.focus {
            Pane::Documents => move_doc(app, m),
            Pane::Sections => move_tree(app, m),
            Pane::Content => match move_row(app, m) {
                Effect::None => scroll_content(app, m),
                e => e,
            },
        };
    }
    match (app.layers.browse.focus, a) {
        (Pane::Documents, Action::Right | Action::Open) => focus(app, Pane::Sections),
        (Pane::Sections, Action::Open) => focus(app, Pane::Content),
        (Pane::Sections, Action::Right) => match selected_fold(app) {
            Some((path, Fold::Closed)) => set_fold(app, path, false),
            _ => focus(app, Pane::Content),
        },
        (Pane::Sections, Action::Left) => match selected_fold(app) {
            Some((path, Fold::Open)) => set_fold(app, path, true),
            Some((path, _)) if path.len() > 1 => select_item(app, &Item::Section(path[..path.len() - 1].to_vec())),
            _ => focus(app, Pane::Documents),
        },
        (Pane::Sections, Action::ToggleFold) => match selected_fold(app) {
            Some((path, Fold::Open)) => set_fold(app, path, true),
            Some((path, Fold::Closed)) => set_fold(app, path, false),
            _ => Effect::None,
        },
        (Pane::Content, Action::Left) => focus(app, Pane::Sections),
        (Pane::Content, Action::Open) => open_card(app),
        _ => Effect::None,
    }
}

fn selected_fold(app: &App) -> Option<(Vec<usize>, Fold)> {
    let d = app.doc()?;
    let row = app.layers.browse.tree.get(app.layers.browse.views[d].sel)?;
    match &row.item {
        Item::Section(p) => Some((p.clone(), row.fold)),
        Item::Overview => None,
    }
}

fn set_fold(app: &mut App, path: Vec<usize>, closed: bool) -> Effect {
    if let Some(d) = app.doc() {
        let c = &mut app.layers.browse.views[d].collapsed;
        if closed {
            c.insert(path)
        } else {
            c.remove(&path)
        };
    }
    Effect::Redraw
}

/// Selects a tree item (refreshing the tree first so the row exists).
pub fn select_item(app: &mut App, item: &Item) -> Effect {
    app.refresh();
    let Some(d) = app.doc() else { return Effect::None };
    match app.layers.browse.tree.iter().position(|r| &r.item == item) {
        Some(i) => {
            app.layers.browse.views[d].sel = i;
            app.layers.browse.views[d].scroll = 0;
            app.layers.browse.views[d].row = 0;
            app.refresh();
            Effect::Redraw
        }
        None => Effect::None,
    }
}

/// Opens a document's section from elsewhere (search results, compare mode): selects the
/// document, unfolds the section's ancestors, selects it, highlights `marks` in its text, focuses
/// the content and scrolls to the first mark.
pub fn open(app: &mut App, doc: usize, item: &Item, marks: Vec<super::content::Mark>) -> Effect {
    let Some(row) = app.layers.browse.doc_rows.iter().position(|r| *r == DocRow::Doc(doc)) else { return Effect::None };
    app.layers.browse.doc_sel = row;
    if let Item::Section(path) = item {
        for n in 1..path.len() {
            app.layers.browse.views[doc].collapsed.remove(&path[..n]);
        }
    }
    app.layers.browse.marks = marks;
    app.layers.clear();
    // Opening a document's section (a search result) leaves compare mode, which would hide it.
    app.layers.compare.close();
    if select_item(app, item) == Effect::None {
        return Effect::None;
    }
    app.layers.browse.focus = Pane::Content;
    app.refresh();
    if let Some(Some(line)) = app.layers.browse.content.mark_lines.first().copied() {
        scroll_to(app, line);
    }
    Effect::Redraw
}

/// Opens what a component asked for (see [`layer::Request::Open`]): the section, with its
/// highlights; when they are all in the printed text of a table, that text is shown so they can
/// be seen. The content starts at the first highlight in the asked-for block (else the first
/// shown), which `n`/`N` then move on from, and the status line says which it is.
pub(crate) fn open_at(app: &mut App, o: Opening) -> Effect {
    let e = open(app, o.doc, &o.item, o.marks);
    if e == Effect::None {
        return e;
    }
    app.layers.browse.mark_cur = 0;
    if app.layers.browse.marks.is_empty() {
        return e;
    }
    let raw_on = !app.layers.browse.raw && app.layers.browse.content.mark_lines.iter().all(|l| l.is_none());
    if raw_on {
        app.layers.browse.raw = true;
        app.refresh();
    }
    let lines = &app.layers.browse.content.mark_lines;
    let shown = |i: usize| lines.get(i).copied().flatten().is_some();
    let first = app
        .layers
        .browse
        .marks
        .iter()
        .enumerate()
        .position(|(i, m)| Some(m.block) == o.block && shown(i))
        .or_else(|| lines.iter().position(|l| l.is_some()));
    app.layers.browse.mark_cur = first.unwrap_or(0);
    let shown = lines.iter().filter(|l| l.is_some()).count();
    let rank = lines.iter().take(app.layers.browse.mark_cur + 1).filter(|l| l.is_some()).count();
    if let Some(Some(line)) = first.map(|i| lines[i]) {
        scroll_to(app, line);
    }
    app.status.say(match shown {
        0 => tr(Msg::MatchHidden).into(),
        n if raw_on => trf(Msg::MatchOfRaw, &[&rank, &n]),
        n => trf(Msg::MatchOfKeys, &[&rank, &n]),
    });
    e
}

/// Scrolls the content so that `line` shows, a few lines below the top when possible.
pub fn scroll_to(app: &mut App, line: usize) -> Effect {
    let Some(d) = app.doc() else { return Effect::None };
    let h = layout::inner(app.areas().content).height as usize;
    let next = list::top_for(line, 2, app.layers.browse.content.lines.len(), h);
    if next == app.layers.browse.views[d].scroll {
        return Effect::None;
    }
    app.layers.browse.views[d].scroll = next;
    Effect::Redraw
}

fn move_doc(app: &mut App, m: Move) -> Effect {
    let docs: Vec<usize> = app
        .layers
        .browse
        .doc_rows
        .iter()
        .enumerate()
        .filter(|(_, r)| matches!(r, DocRow::Doc(_)))
        .map(|(i, _)| i)
        .collect();
    let Some(mut cur) = docs.iter().position(|&i| i == app.layers.browse.doc_sel) else { return Effect::None };
    if !list::select(&mut cur, m, docs.len()) {
        return Effect::None;
    }
    app.layers.browse.doc_sel = docs[cur];
    Effect::Redraw
}

fn move_tree(app: &mut App, m: Move) -> Effect {
    let Some(d) = app.doc() else { return Effect::None };
    if !list::select(&mut app.layers.browse.views[d].sel, m, app.layers.browse.tree.len()) {
        return Effect::None;
    }
    app.layers.browse.views[d].scroll = 0;
    app.layers.browse.views[d].row = 0;
    app.layers.browse.marks.clear();
    Effect::Redraw
}

/// Moves the selected row of a projects table shown in the content, scrolling it into view.
/// [`Effect::None`] when there is no table or the row is already at that end (the text scrolls
/// on then, so what follows the table can be read).
fn move_row(app: &mut App, m: Move) -> Effect {
    let Some(d) = app.doc() else { return Effect::None };
    let rows = &app.layers.browse.content.rows;
    if rows.is_empty() || !list::select(&mut app.layers.browse.views[d].row, m, rows.len()) {
        return Effect::None;
    }
    let line = rows[app.layers.browse.views[d].row];
    let h = layout::inner(app.areas().content).height as usize;
    let v = &mut app.layers.browse.views[d];
    v.scroll = list::keep_visible(line, v.scroll, h, app.layers.browse.content.lines.len());
    Effect::Redraw
}

/// Opens the card of the selected project row.
fn open_card(app: &mut App) -> Effect {
    let (Some(doc), Some(project)) = (app.doc(), app.project_row()) else { return Effect::None };
    layer::push(app, Box::new(Card::new(doc, project)));
    Effect::Redraw
}

fn scroll_content(app: &mut App, m: Move) -> Effect {
    let Some(d) = app.doc() else { return Effect::None };
    let h = layout::inner(app.areas().content).height as usize;
    if list::scroll(&mut app.layers.browse.views[d].scroll, m, app.layers.browse.content.lines.len(), h) {
        Effect::Redraw
    } else {
        Effect::None
    }
}

/// A mouse click at a screen position: to the top layer (see [`layer::click`]).
pub fn click(app: &mut App, col: u16, row: u16) -> Effect {
    layer::click(app, col, row)
}

/// A click on the browse view: focuses the pane and selects the row under it.
pub(crate) fn click_panes(app: &mut App, col: u16, row: u16) -> Effect {
    let areas = app.areas();
    let Some(p) = areas.hit(col, row) else { return Effect::None };
    app.layers.browse.focus = p;
    let inner = layout::inner(areas.pane(p));
    if row >= inner.y && row < inner.y + inner.height {
        let line = (row - inner.y) as usize;
        match p {
            Pane::Documents => {
                let i = app.layers.browse.doc_off + line;
                if matches!(app.layers.browse.doc_rows.get(i), Some(DocRow::Doc(_))) {
                    app.layers.browse.doc_sel = i;
                }
            }
            Pane::Sections => {
                if let Some(d) = app.doc() {
                    let i = app.layers.browse.views[d].off + line;
                    // A click on the selected row folds or unfolds it.
                    if i == app.layers.browse.views[d].sel && pane_action(app, Action::ToggleFold) != Effect::None {
                        return Effect::Redraw;
                    }
                    if i < app.layers.browse.tree.len() && i != app.layers.browse.views[d].sel {
                        app.layers.browse.views[d].sel = i;
                        app.layers.browse.views[d].scroll = 0;
                        app.layers.browse.views[d].row = 0;
                        app.layers.browse.marks.clear();
                    }
                }
            }
            Pane::Content => {
                // A click on a projects-table row selects it; on the selected row, opens its card.
                if let Some(d) = app.doc() {
                    let at = app.layers.browse.views[d].scroll + line;
                    let rows = &app.layers.browse.content.rows;
                    if let Some(r) =
                        rows.iter().rposition(|&l| l <= at).filter(|&r| rows.get(r + 1).is_none_or(|&n| at < n))
                    {
                        if r == app.layers.browse.views[d].row {
                            return open_card(app);
                        }
                        app.layers.browse.views[d].row = r;
                    }
                }
            }
        }
    }
    Effect::Redraw
}

/// The mouse wheel over a pane: moves its selection (lists) or scrolls it (content) by `delta`.
pub fn wheel(app: &mut App, col: u16, row: u16, delta: isize) -> Effect {
    if !app.layers.is_empty() {
        let a = if delta < 0 { Action::Up } else { Action::Down };
        let mut e = Effect::None;
        for _ in 0..delta.unsigned_abs() {
            e = merge(e, layer::action(app, a));
        }
        return e;
    }
    let Some(p) = app.areas().hit(col, row) else { return Effect::None };
    let old = app.layers.browse.focus;
    app.layers.browse.focus = p;
    let a = if delta < 0 { Action::Up } else { Action::Down };
    let mut e = Effect::None;
    for _ in 0..delta.unsigned_abs() {
        // Through the stack: in compare mode its tree and diff move.
        if layer::action(app, a) != Effect::None {
            e = Effect::Redraw;
        }
    }
    if old != p {
        e = Effect::Redraw;
    }
    e
}
