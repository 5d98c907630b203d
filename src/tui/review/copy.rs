//! The copy key: the paragraph, section, diff or note at hand onto the reviewer's own clipboard
//! through OSC 52 ([`crate::report::osc52`]), which works over SSH and through tmux. The terminal
//! loop writes the sequence after the next frame; the status line says what was copied.

use super::current_block;
use crate::compare::Status;
use crate::compare::render::{paint, row_label, row_unified, section_header, summary_line};
use crate::i18n::{Msg, tr, trf};
use crate::model::Section;
use crate::tui::content::{Item, section_at};
use crate::tui::layer::compare::Entry;
use crate::tui::state::{App, Pane};
use crate::tui::update::Effect;

/// `y` copies the paragraph at the top of the text (in compare mode, that row of the diff), or
/// the section from the tree; `Y` (`whole`) always the whole section or its whole diff.
pub fn copy(app: &mut App, whole: bool) -> Effect {
    let in_text = app.layers.browse.focus == Pane::Content && !whole;
    let picked = if let Some(c) = app.layers.compare.on() {
        match (c.entry(), c.section()) {
            (Entry::Summary, _) | (_, None) => Some((summary_line(c.diff()), tr(Msg::CopiedSummary).to_string())),
            (Entry::Section(_), Some((_, s))) => {
                let row = in_text.then(|| current_block(app).and_then(|r| s.rows.get(r))).flatten();
                Some(match row {
                    Some(r) => (row_text(r), trf(Msg::CopiedDiffRow, &[&row_label(r)])),
                    None => (section_diff(s), tr(Msg::CopiedDiff).to_string()),
                })
            }
        }
    } else {
        match (app.doc(), app.item().cloned()) {
            (Some(d), Some(Item::Section(path))) => section_at(&app.docs[d].doc, &path).map(|s| {
                let block = in_text.then(|| current_block(app)).flatten();
                match block.and_then(|b| s.blocks.get(b).map(|x| (b, x))) {
                    Some((b, x)) => (x.text.to_string(), trf(Msg::CopiedBlock, &[&(b + 1)])),
                    None => (section_text(s), tr(Msg::CopiedSection).to_string()),
                }
            }),
            _ => None,
        }
    };
    match picked {
        Some((text, what)) => put(app, &text, &what),
        None => {
            app.status.say(tr(Msg::NothingToCopy));
            Effect::Redraw
        }
    }
}

/// Queues `text` for the clipboard and says what was copied.
pub fn put(app: &mut App, text: &str, what: &str) -> Effect {
    let c = crate::report::osc52::osc52(text);
    app.review.clipboard = Some(c.sequence);
    let m = if c.truncated { Msg::CopiedTruncated } else { Msg::Copied };
    app.status.say(trf(m, &[&what, &c.chars]));
    Effect::Redraw
}

/// A section as plain text: its heading, then its blocks separated by blank lines.
pub fn section_text(s: &Section) -> String {
    let mut out = match &s.number {
        Some(n) => format!("{n} {}", s.title),
        None => s.title.clone(),
    };
    for b in &s.blocks {
        out.push_str("\n\n");
        out.push_str(&b.text);
    }
    out
}

/// One row of a diff as plain text: its label and the words with `[-deleted-]{+inserted+}`.
fn row_text(r: &crate::compare::BlockRow) -> String {
    let mut out = format!("{} ", row_label(r));
    paint(&mut out, &row_unified(r), false);
    out
}

/// A section's diff as plain text: the header line, then every changed row.
pub fn section_diff(s: &crate::compare::SectionDiff) -> String {
    let mut out = String::new();
    paint(&mut out, &section_header(s), false);
    for r in s.rows.iter().filter(|r| r.status != Status::Same) {
        out.push_str("\n\n");
        out.push_str(&row_text(r));
    }
    out
}
