//! Compare mode's panes, drawn over the browse view's tree and content: the union of A's and B's
//! section trees with status marks and change sizes, and the selected section's diff.

use super::diffview::{compact_counts, compact_total, status_role};
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

/// The change size's forms for a tree row, longest first: `+12 -3` words (thousands compact,
/// «+18 -11 тыс.»), then one figure («±29 тыс.»); a word (`moved`, «3 разл.») has one form.
pub fn change_sizes(c: &Compare, e: Entry, ascii: bool) -> Vec<String> {
    match e {
        Entry::Summary => vec![trf(Msg::Differ, &[&crate::compare::changes::sections_differing(&c.diff)])],
        Entry::Section(i) => {
            let s = &c.diff.sections[i];
            let tables = table_changes(&c.diff, i);
            let (a, r) = (s.words_added, s.words_removed);
            match s.status {
                Status::Same if tables > 0 => vec![trf(Msg::Differ, &[&tables])],
                Status::Same => Vec::new(),
                _ if a + r == 0 => vec![status_name(s.status).to_string()],
                _ => vec![compact_counts(a, r), compact_total(a, r, ascii)],
            }
        }
    }
}

/// The first of `forms` that leaves the title (`title` columns wide, after a `lead` of marks and
/// indent) a readable share of a row `w` wide: all of it, or at least three fifths of what the
/// lead leaves; `None` when none does.
pub fn fitting(forms: &[String], lead: usize, title: usize, w: usize) -> Option<&String> {
    let room = w.saturating_sub(lead);
    let share = title.min((room * 3).div_ceil(5));
    forms.iter().find(|f| {
        let left = room.saturating_sub(text_width(f) + 1);
        text_width(f) < room && left >= share
    })
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
        // The spans before the title (the number and the title): marks and indent.
        let mut lead = 1;
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
                lead = spans.len();
                if let Some(n) = &c.numbers[k] {
                    spans.push(Span::styled(format!("{} ", sanitize(n)), t.style(Role::Muted)));
                }
                let role = if st == Status::Same { Role::Muted } else { Role::Text };
                spans.push(Span::styled(sanitize(&s.title).into_owned(), t.style(role)));
            }
        }
        // The change size at the right, in the first form that leaves the title its share.
        let mut sizes = change_sizes(c, *e, app.ascii);
        // Sections with reviewers' notes (B's own and those carried from A) show the note mark
        // in every form, and alone when no size fits.
        if let (Entry::Section(k), Some(p)) = (*e, app.review.compare_notes())
            && p.count_in(&c.diff.sections[k].key) > 0
        {
            let mark = crate::tui::content::note_symbol(app.ascii);
            sizes = sizes.into_iter().map(|s| format!("{mark} {s}")).chain([mark.to_string()]).collect();
        }
        let w = inner.width as usize;
        let widths: Vec<usize> = spans.iter().map(|s| text_width(&s.content)).collect();
        let (lead_w, title_w): (usize, usize) = (widths[..lead].iter().sum(), widths[lead..].iter().sum());
        if let Some(size) = fitting(&sizes, lead_w, title_w, w) {
            let role = match *e {
                Entry::Section(k) => status_role(shown_status(&c.diff, k)),
                Entry::Summary => Role::Muted,
            };
            spans = crate::tui::view::with_right(spans, Span::styled(size.clone(), t.style(role)), w, app.ascii);
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
