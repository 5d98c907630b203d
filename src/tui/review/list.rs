//! The notes list of a document: every note at its place (section, paragraph), carried notes with
//! the version they came from, and orphans (whose paragraph or section is gone) with the reason,
//! never dropped. Enter jumps to the note's place, `e` edits, `d` twice deletes, `y` copies.

use crate::i18n::{Msg, tr, trf};
use crate::notes::Note;
use crate::notes::anchor::{OrphanReason, Placement};
use crate::text::sanitize::sanitize;
use crate::tui::theme::{Role, Theme};
use crate::tui::wrap::wrap_str;
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
            out.push(Line::styled(tr(Msg::NoNotes), theme.style(Role::Muted)));
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
