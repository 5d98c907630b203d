//! The notes list of a document: every note at its place (section, paragraph), carried notes with
//! the version they came from, and orphans (whose paragraph or section is gone) with the reason,
//! never dropped. Enter jumps to the note's place, `e` edits, `d` twice deletes, `y` copies.

use super::editor::{NoteEditor, Target};
use super::input::NoteInput;
use crate::i18n::{Msg, tr, trf};
use crate::notes::Note;
use crate::notes::anchor::{OrphanReason, Placement, carry_forward, place_on};
use crate::text::sanitize::sanitize;
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::layer::{Component, Outcome};
use crate::tui::list::Move;
use crate::tui::state::App;
use crate::tui::theme::{Role, Theme};
use crate::tui::update::Effect;
use crate::tui::view;
use crate::tui::wrap::wrap_str;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// How many lines of a note's text the list shows.
const TEXT_LINES: usize = 3;

/// One note in the list.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The note.
    pub note: Note,
    /// Its section (unique key) in the document shown.
    pub section: String,
    /// Its block there (0-based), or the whole section.
    pub block: Option<usize>,
    /// Written on another version and carried here.
    pub carried: bool,
    /// Why it has no place, for an orphan.
    pub orphan: Option<OrphanReason>,
}

/// The list's state.
#[derive(Debug, Clone, PartialEq)]
pub struct NotesList {
    /// The document whose notes these are (B's in compare mode).
    pub doc: usize,
    /// The title: the document's name.
    pub title: String,
    /// Notes in reading order, then the orphans.
    pub rows: Vec<Row>,
    /// The selected row.
    pub sel: usize,
    /// `d` was pressed once: the next `d` deletes the selected note.
    pub confirm_delete: bool,
}

impl NotesList {
    /// The list of a placement: placed notes in the order of `order` (section keys in reading
    /// order), then orphans.
    pub fn new(doc: usize, title: String, p: &Placement, order: &[String]) -> NotesList {
        let rank = |k: &str| order.iter().position(|o| o == k).unwrap_or(usize::MAX);
        let mut placed: Vec<&crate::notes::anchor::PlacedNote> = p.placed.iter().collect();
        placed.sort_by_key(|n| (rank(&n.section), n.block.map_or(0, |b| b + 1), n.note.created.clone()));
        let mut rows: Vec<Row> = placed
            .into_iter()
            .map(|n| Row {
                note: n.note.clone(),
                section: n.section.clone(),
                block: n.block,
                carried: n.carried,
                orphan: None,
            })
            .collect();
        rows.extend(p.orphaned.iter().map(|o| Row {
            note: o.note.clone(),
            section: o.note.section.clone(),
            block: o.note.block_index(),
            carried: false,
            orphan: Some(o.reason),
        }));
        NotesList { doc, title, rows, sel: 0, confirm_delete: false }
    }

    /// The selected row.
    pub fn selected(&self) -> Option<&Row> {
        self.rows.get(self.sel)
    }

    /// The lines for `width` columns, and the first line of each row.
    pub fn lines(&self, width: usize, theme: &Theme) -> (Vec<Line<'static>>, Vec<usize>) {
        let mut out = Vec::new();
        let mut starts = Vec::new();
        if self.rows.is_empty() {
            out.push(Line::styled(tr(Msg::DocHasNoNotes), theme.style(Role::Muted)));
            out.push(Line::styled(tr(Msg::NoNotesHint), theme.style(Role::Muted)));
        }
        let w = width.saturating_sub(2).max(1);
        let mut orphans_heading = false;
        for (i, r) in self.rows.iter().enumerate() {
            if r.orphan.is_some() && !orphans_heading {
                orphans_heading = true;
                if !out.is_empty() {
                    out.push(Line::default());
                }
                out.push(Line::styled(tr(Msg::OrphanedNotes), theme.style(Role::Warning)));
            }
            starts.push(out.len());
            let place = match r.block {
                Some(b) => trf(Msg::NotePlaceBlock, &[&sanitize(&r.section), &(b + 1)]),
                None => trf(Msg::NotePlaceSection, &[&sanitize(&r.section)]),
            };
            let mut meta =
                format!("{} {}", sanitize(&r.note.author), r.note.created.get(..10).unwrap_or(&r.note.created));
            if r.carried {
                meta.push_str(&format!(" {}", trf(Msg::CarriedFrom, &[&sanitize(&r.note.doc.version)])));
            }
            if let Some(why) = r.orphan {
                meta.push_str(&format!(" — {}", orphan_reason(why)));
            }
            out.push(Line::from(vec![
                Span::styled(if i == self.sel { "> " } else { "  " }, theme.style(Role::Text)),
                Span::styled(place, theme.style(Role::Key)),
                Span::styled(format!("  {meta}"), theme.style(Role::Muted)),
            ]));
            let text = sanitize_lines(&r.note.text);
            let mut shown = 0;
            'lines: for l in text.lines() {
                for piece in wrap_str(l, w) {
                    if shown == TEXT_LINES {
                        out.push(Line::styled("  …", theme.style(Role::Muted)));
                        break 'lines;
                    }
                    out.push(Line::styled(format!("  {piece}"), theme.style(Role::Text)));
                    shown += 1;
                }
            }
        }
        (out, starts)
    }
}

/// Why a note is orphaned, in the interface language.
pub fn orphan_reason(r: OrphanReason) -> &'static str {
    tr(match r {
        OrphanReason::SectionGone => Msg::OrphanSectionGone,
        OrphanReason::BlockGone => Msg::OrphanBlockGone,
    })
}

/// Note text for the screen: each line sanitised, the line breaks kept.
pub fn sanitize_lines(text: &str) -> String {
    text.split('\n').map(|l| sanitize(l).into_owned()).collect::<Vec<_>>().join("\n")
}

/// The notes list on the layer stack. It follows the store: after a note is saved or deleted
/// (the notes' generation moves) its rows are placed again, the selection kept.
pub(crate) struct NotesView {
    list: NotesList,
    /// Compare mode's A and B when the list is of B's side in a comparison.
    pair: Option<(usize, usize)>,
    generation: u64,
}

impl NotesView {
    /// The list of the selected document, or of B in compare mode; `None` without a document.
    pub(crate) fn new(app: &App) -> Option<NotesView> {
        let pair = app.layers.compare.on().map(|c| c.pair());
        let doc = match pair {
            Some((_, b)) => b,
            None => app.doc()?,
        };
        let m = &app.docs[doc].doc.meta;
        let title = format!("{} {}", m.region.name, crate::i18n::version_label(&m.version));
        let list = NotesList { doc, title, rows: Vec::new(), sel: 0, confirm_delete: false };
        let mut v = NotesView { list, pair, generation: u64::MAX };
        v.relayout(app);
        Some(v)
    }

    fn rebuild(&mut self, app: &App) {
        let d = &app.docs[self.list.doc].doc;
        let notes = &app.review.notes;
        let placement = match (self.pair, app.layers.compare.on()) {
            (Some((a, b)), Some(c)) if c.pair() == (a, b) => carry_forward(notes, &app.docs[a].doc, d, c.diff()),
            _ => place_on(notes, d),
        };
        let order = crate::compare::align::placed(d).1;
        let sel = self.list.sel;
        self.list = NotesList { sel: 0, ..NotesList::new(self.list.doc, self.list.title.clone(), &placement, &order) };
        self.list.sel = sel.min(self.list.rows.len().saturating_sub(1));
        self.generation = app.review.generation;
    }
}

impl Component for NotesView {
    fn name(&self) -> &'static str {
        "notes"
    }

    fn context(&self, _app: &App) -> Context {
        Context::Notes
    }

    fn place(&self, _app: &App) -> &'static str {
        tr(Msg::NotesPlace)
    }

    fn action(&mut self, app: &mut App, a: Action) -> Outcome {
        let l = &mut self.list;
        if a != Action::DeleteNote {
            l.confirm_delete = false;
        }
        if let Some(m) = Move::of(a, view::overlay_page(app.size), app.count.unwrap_or(1)) {
            return Outcome::moved(crate::tui::list::select(&mut l.sel, m, l.rows.len()));
        }
        match a {
            Action::Close | Action::NotesList => Outcome::close(),
            Action::Open => {
                let Some(r) = l.selected().cloned() else { return Outcome::consumed(Effect::None) };
                if let Some(why) = r.orphan {
                    app.status.say(trf(Msg::OrphanCannotOpen, &[&orphan_reason(why)]));
                    return Outcome::redraw();
                }
                let doc = l.doc;
                let mut out = Outcome::close();
                out.effect = crate::tui::update::merge(out.effect, super::open_note(app, doc, &r.section, r.block));
                out
            }
            Action::EditNote => {
                let Some(r) = l.selected() else { return Outcome::consumed(Effect::None) };
                let place = match r.block {
                    Some(b) => trf(Msg::NotePlaceBlock, &[&sanitize(&r.section), &(b + 1)]),
                    None => trf(Msg::NotePlaceSection, &[&sanitize(&r.section)]),
                };
                let ed = NoteEditor::new(Target::Edit(r.note.id), place, &r.note.text);
                Outcome::redraw().push(NoteInput::new(ed))
            }
            Action::DeleteNote => {
                let Some(id) = l.selected().map(|r| r.note.id) else { return Outcome::consumed(Effect::None) };
                if !l.confirm_delete {
                    l.confirm_delete = true;
                    app.status.say(tr(Msg::DeleteAgain));
                    return Outcome::redraw();
                }
                l.confirm_delete = false;
                super::delete(app, id);
                Outcome::redraw()
            }
            Action::Copy | Action::CopySection => match l.selected().map(|r| r.note.text.clone()) {
                Some(text) => Outcome::consumed(super::copy::put(app, &text, tr(Msg::CopiedNote))),
                None => Outcome::consumed(Effect::None),
            },
            _ => Outcome::ignored(),
        }
    }

    fn relayout(&mut self, app: &App) {
        if self.generation != app.review.generation && self.list.doc < app.docs.len() {
            self.rebuild(app);
        }
    }

    fn draw(&self, app: &App, screen: Rect, buf: &mut Buffer) {
        let l = &self.list;
        let area = view::overlay_area(screen);
        if area.width < 6 || area.height < 3 {
            return;
        }
        let title = format!(" {} ", trf(Msg::NotesTitle, &[&sanitize(&l.title), &l.rows.len()]));
        let inner = super::framed(app, title, format!(" {} ", super::hints(app, Context::Notes)), area, buf);
        let (lines, starts) = l.lines(inner.width as usize, &app.theme);
        let h = inner.height as usize;
        // Keep the selected note (its first line and, when it fits, the whole entry) in view.
        let sel_start = starts.get(l.sel).copied().unwrap_or(0);
        let sel_end = starts.get(l.sel + 1).copied().unwrap_or(lines.len());
        let top = if sel_end > h { (sel_end - h).min(sel_start) } else { 0 };
        let sel_style = app.theme.style(Role::Selection);
        for (i, line) in lines.iter().enumerate().skip(top).take(h) {
            let y = inner.y + (i - top) as u16;
            buf.set_line(inner.x, y, line, inner.width);
            if i == sel_start && !l.rows.is_empty() {
                buf.set_style(Rect { x: inner.x, y, width: inner.width, height: 1 }, sel_style);
            }
        }
    }
}
