//! Compare mode's panes, drawn over the browse view's tree and content: the union of A's and B's
//! section trees with status marks and change sizes, and the selected section's diff.

use super::diffview::status_role;
use super::{Compare, Entry, shown_status, table_changes, tree_mark};
use crate::compare::Status;
use crate::i18n::{Msg, tr, trf};
use crate::text::sanitize::sanitize;
use crate::tui::state::{App, Pane};
use crate::tui::theme::Role;
use crate::tui::view::{frame, row};
use crate::tui::wrap::width as text_width;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

/// A status in words.
pub fn status_name(s: Status) -> &'static str {
    crate::compare::render::status_word(s)
}

/// The change size shown at the right of a tree row: `+12 -3` words, or `moved`.
pub fn change_size(c: &Compare, e: Entry) -> String {
    match e {
        Entry::Summary => trf(Msg::Differ, &[&crate::compare::changes::sections_differing(&c.diff)]),
        Entry::Section(i) => {
            let s = &c.diff.sections[i];
            let tables = table_changes(&c.diff, i);
            match s.status {
                Status::Same if tables > 0 => trf(Msg::Differ, &[&tables]),
                Status::Same => String::new(),
                _ if s.words_added + s.words_removed == 0 => status_name(s.status).to_string(),
                _ => super::diffview::word_counts(s.words_added, s.words_removed),
            }
        }
    }
}

/// The compare tree.
pub fn tree(app: &App, c: &Compare, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    // Over the browse view's section tree.
    Clear.render(area, buf);
    let t = &app.theme;
    let title = tr(if c.hide_same { Msg::CompareTitleChanged } else { Msg::CompareTitle });
    let inner = frame(app, Pane::Sections, Line::from(title), None, area, buf);
    let sel_style =
        t.style(if app.layers.browse.focus == Pane::Sections { Role::Selection } else { Role::SelectionInactive });
    for (i, e) in c.rows.iter().enumerate().skip(c.off).take(inner.height as usize) {
        let y = inner.y + (i - c.off) as u16;
        let sel = i == c.sel;
        let mut spans = vec![Span::raw(if sel { ">" } else { " " })];
        match *e {
            Entry::Summary => {
                let sigma = if app.ascii { "*" } else { "Σ" };
                spans.push(Span::styled(format!("{sigma} {}", tr(Msg::Summary)), t.style(Role::Heading)));
            }
            Entry::Section(k) => {
                let s = &c.diff.sections[k];
                let st = shown_status(&c.diff, k);
                spans.push(Span::styled(tree_mark(st).to_string(), t.style(status_role(st))));
                // A reviewed section shows a check mark in the gap after its status.
                if app.review.reviewed.contains(&s.key) {
                    spans.push(Span::styled(if app.ascii { "*" } else { "✓" }, t.style(Role::Key)));
                    spans.push(Span::raw(" ".repeat(s.depth)));
                } else {
                    spans.push(Span::raw(" ".repeat(1 + s.depth)));
                }
                if let Some(n) = s.number_b.as_ref().or(s.number_a.as_ref()) {
                    spans.push(Span::styled(format!("{} ", sanitize(n)), t.style(Role::Muted)));
                }
                let role = if st == Status::Same { Role::Muted } else { Role::Text };
                spans.push(Span::styled(sanitize(&s.title).into_owned(), t.style(role)));
            }
        }
        // The change size at the right, over the end of a long title.
        let mut size = change_size(c, *e);
        // Sections with reviewers' notes (B's own and those carried from A) show the note mark.
        if let (Entry::Section(k), Some(p)) = (*e, app.review.compare_notes())
            && p.count_in(&c.diff.sections[k].key) > 0
        {
            let mark = crate::tui::content::note_symbol(app.ascii);
            size = if size.is_empty() { mark.to_string() } else { format!("{mark} {size}") };
        }
        let w = inner.width as usize;
        let sw = text_width(&size);
        if !size.is_empty() && sw + 8 <= w {
            let role = match *e {
                Entry::Section(k) => status_role(shown_status(&c.diff, k)),
                Entry::Summary => Role::Muted,
            };
            spans = crate::tui::view::with_right(spans, Span::styled(size, t.style(role)), w);
        }
        row(buf, inner, y, &Line::from(spans), sel.then_some(sel_style));
    }
}

/// The selected entry's diff.
pub fn content(app: &App, c: &Compare, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    // Over the browse view's content.
    Clear.render(area, buf);
    let title = match c.entry() {
        Entry::Summary => tr(Msg::Summary).to_string(),
        Entry::Section(i) => {
            let s = &c.diff.sections[i];
            format!("{} {}", tree_mark(shown_status(&c.diff, i)), sanitize(&s.title))
        }
    };
    let h = area.height.saturating_sub(2) as usize;
    let n = c.lines.len();
    let mode = format!("{} {}", tr(if c.side { Msg::SideBySide } else { Msg::Unified }), super::options_label(&c.norm));
    let pos = if n > h && h > 0 {
        format!("{mode} {}-{}/{n}", c.scroll + 1, (c.scroll + h).min(n))
    } else {
        mode.to_string()
    };
    let inner = frame(app, Pane::Content, Line::from(title), Some(pos), area, buf);
    // The paragraph cursor's row (notes and copies take it).
    let cursor = crate::tui::review::cursor_lines(app, &c.row_lines, &c.lines).unwrap_or(0..0);
    let sel = app.theme.style(if app.layers.browse.focus == Pane::Content {
        Role::Selection
    } else {
        Role::SelectionInactive
    });
    for (i, l) in c.lines.iter().skip(c.scroll).take(inner.height as usize).enumerate() {
        row(buf, inner, inner.y + i as u16, l, cursor.contains(&(c.scroll + i)).then_some(sel));
    }
}
