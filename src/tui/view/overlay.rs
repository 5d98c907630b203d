//! Overlays drawn over the panes: where they go, their frame, and scrolled text in them (the
//! components on the layer stack draw through these).

use crate::tui::state::App;
use crate::tui::theme::Role;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Clear, Widget};

/// Where an overlay goes on a screen.
pub fn overlay_area(screen: Rect) -> Rect {
    let w = screen.width.saturating_sub(4).min(84).max(screen.width.min(20));
    let h = screen.height.saturating_sub(2).max(screen.height.min(3));
    Rect { x: screen.x + (screen.width - w) / 2, y: screen.y + (screen.height - h) / 2, width: w, height: h }
}

/// Rows of text an overlay shows at once on a screen.
pub fn overlay_height(screen: Rect) -> usize {
    crate::tui::layout::inner(overlay_area(screen)).height as usize
}

/// Rows a page move covers in an overlay.
pub fn overlay_page(screen: Rect) -> usize {
    (screen.height as usize).saturating_sub(4).max(1)
}

/// An overlay's frame: double border (or ASCII) in the focus style, with a title.
pub(super) fn frame(app: &App, title: String) -> Block<'static> {
    let t = &app.theme;
    let block = if app.ascii {
        super::border(Block::bordered(), true, true)
    } else {
        Block::bordered().border_type(BorderType::Double)
    };
    block
        .border_style(t.style(Role::BorderFocus))
        .title_top(Line::from(title).style(t.style(Role::TitleFocus)))
        .style(t.style(Role::Overlay))
}

/// Draws an overlay of scrolled text: `lines` from `scroll` on (kept so the last line stays at
/// the bottom), the lines `picked` (from, to) in the selection style, and the position shown in
/// the bottom border when the text is longer than the overlay.
pub fn text_overlay(
    app: &App,
    title: String,
    lines: &[Line<'static>],
    scroll: usize,
    picked: Option<(usize, usize)>,
    screen: Rect,
    buf: &mut Buffer,
) {
    let area = overlay_area(screen);
    if area.width < 3 || area.height < 3 {
        return;
    }
    let t = &app.theme;
    Clear.render(area, buf);
    let block = frame(app, title);
    let inner = block.inner(area);
    block.render(area, buf);
    let scroll = scroll.min(lines.len().saturating_sub(inner.height as usize));
    for (i, l) in lines.iter().enumerate().skip(scroll).take(inner.height as usize) {
        let y = inner.y + (i - scroll) as u16;
        buf.set_line(inner.x, y, l, inner.width);
        if picked.is_some_and(|(a, b)| (a..b).contains(&i)) {
            buf.set_style(Rect { x: inner.x, y, width: inner.width, height: 1 }, t.style(Role::Selection));
        }
    }
    if lines.len() > inner.height as usize {
        let pos = format!(" {}-{}/{} ", scroll + 1, (scroll + inner.height as usize).min(lines.len()), lines.len());
        let pw = pos.len() as u16;
        if pw + 2 < area.width {
            buf.set_string(area.x + area.width - pw - 1, area.y + area.height - 1, pos, t.style(Role::Muted));
        }
    }
}
