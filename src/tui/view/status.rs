//! The status line: the current pane, the keys that matter there, messages and problems.

use crate::i18n::{Msg, Noun, count, tr, trf};
use crate::tui::state::App;
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
    if let Some((done, total)) = app.loading {
        let what = if total == 0 {
            format!(" {} ", tr(Msg::Loading))
        } else {
            format!(" {} ", trf(Msg::LoadingOf, &[&done, &total]))
        };
        groups.push(vec![Span::styled(what, key)]);
    }
    if let Some(m) = &app.message {
        groups.push(vec![Span::styled(format!(" {m} "), t.style(Role::Warning).patch(base))]);
    }
    for (k, label) in app.keymap.hints(app.context()) {
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
    for g in groups {
        let gw: usize = g.iter().map(|s| text_width(&s.content)).sum();
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
