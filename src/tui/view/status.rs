//! The status line: the current pane, the keys that matter there, messages and problems.

use crate::i18n::{Msg, Noun, count, tr, trf};
use crate::tui::action::Action;
use crate::tui::state::{App, Pane};
use crate::tui::theme::Role;
use crate::tui::wrap::width as text_width;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// Draws the status line.
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let t = &app.theme;
    let base = t.style(Role::Status);
    buf.set_style(area, base);
    let key = t.style(Role::StatusKey);
    // Groups of spans that are kept or dropped whole: the place, the message, each key hint.
    let mut groups: Vec<Vec<Span>> = Vec::new();
    let where_ = crate::tui::layer::place(app);
    // Narrow screens skip the pane name (its border already shows focus) to keep the keys.
    if area.width >= 70 || !app.layers.is_empty() {
        groups.push(vec![Span::styled(format!(" {where_} "), key)]);
    }
    // Compare mode: how far the review of the changed sections is.
    if let Some(c) = app.layers.compare.on().filter(|_| app.layers.is_empty()) {
        let p = crate::notes::progress(c.diff(), &app.review.reviewed);
        groups.push(vec![Span::styled(format!(" {} ", crate::tui::review::progress_text(p)), base)]);
    }
    if let Some((done, total)) = app.load.progress {
        let what = if total == 0 {
            format!(" {} ", tr(Msg::Loading))
        } else {
            format!(" {} ", trf(Msg::LoadingOf, &[&done, &total]))
        };
        groups.push(vec![Span::styled(what, key)]);
    }
    let message_at = groups.len();
    if let Some(m) = app.status.text() {
        groups.push(vec![Span::styled(format!(" {m} "), t.style(Role::Warning).patch(base))]);
    }
    // On a project row Enter opens the project's card: the hint says so.
    let on_project = app.layers.is_empty() && app.layers.browse.focus == Pane::Content && app.project_row().is_some();
    for (k, label) in app.keymap.hints(app.context()) {
        let label = if on_project && label == Action::Open.short() { tr(Msg::HintCard) } else { label };
        groups.push(vec![Span::styled(format!(" {k}"), key), Span::styled(format!(" {label}"), base)]);
    }
    let mut right = Vec::new();
    let n = app.load_errors.len() + app.problems.len();
    if n > 0 {
        let what = trf(Msg::ProblemsKey, &[&count(n, Noun::Problem)]);
        right.push(Span::styled(format!(" {what} "), t.style(Role::Error).patch(base)));
    }
    if app.mouse && area.width >= 80 {
        right.push(Span::styled(format!(" {} ", tr(Msg::MouseOn)), base));
    }
    let rw: usize = right.iter().map(|s| text_width(&s.content)).sum();
    let w = area.width as usize;
    // Hints that do not fit are dropped whole, never cut in the middle.
    let mut used = 0;
    let mut kept = Vec::new();
    for (i, mut g) in groups.into_iter().enumerate() {
        let gw: usize = g.iter().map(|s| text_width(&s.content)).sum();
        // A message too long for what is left (a report's path) is cut, not dropped.
        if i == message_at && !app.status.is_empty() && used + gw + rw > w && used + rw + 8 < w {
            let room = w - used - rw;
            let cut = crate::tui::wrap::cut(&g[0].content, room, app.ascii);
            g[0].content = cut.into();
            used += text_width(&g[0].content);
            kept.extend(g);
            continue;
        }
        if used + gw + rw > w && !kept.is_empty() {
            continue;
        }
        used += gw;
        kept.extend(g);
    }
    buf.set_line(area.x, area.y, &Line::from(kept), area.width);
    if rw <= w.saturating_sub(used) {
        buf.set_line(area.x + (w - rw) as u16, area.y, &Line::from(right), rw as u16);
    }
}
