//! Drawing. Every function here takes the state by shared reference: drawing never changes it.
//!
//! New views (search results, compare mode) add a module here and a branch in [`draw`].

mod compare;
mod overlay;
mod panes;
mod search;
mod status;

pub use overlay::{overlay_area, overlay_height, overlay_page, text_overlay};
pub(crate) use search::draw as search_overlay;

use super::layout;
use super::state::{App, Pane};
use super::theme::Role;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::border::Set;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Widget};

/// Draws the whole screen for the current state.
pub fn draw(f: &mut Frame, app: &App) {
    let area = f.area();
    let buf = f.buffer_mut();
    draw_buf(app, area, buf);
}

/// Draws into a buffer (used by [`draw`] and by tests and benchmarks): the browse view, then the
/// layers over it.
pub fn draw_buf(app: &App, area: Rect, buf: &mut Buffer) {
    use super::layer::Component;
    super::layer::browse::Browse.draw(app, area, buf);
    app.layers.draw(app, area, buf);
}

/// Draws the browse view: the panes (or compare mode in their place) and the status line.
pub(crate) fn draw_browse(app: &App, area: Rect, buf: &mut Buffer) {
    let areas = layout::areas(area, app.focus, app.maximized);
    panes::documents(app, areas.docs, buf);
    match &app.compare {
        Some(c) => {
            compare::tree(app, c, areas.tree, buf);
            compare::content(app, c, areas.content, buf);
        }
        None => {
            panes::sections(app, areas.tree, buf);
            panes::content(app, areas.content, buf);
        }
    }
    status::draw(app, areas.status, buf);
}

/// A pane's frame: thick border and a `*` in the title when focused, so focus shows without
/// colour. Returns the inner area.
fn frame(app: &App, pane: Pane, title: Line<'static>, right: Option<String>, area: Rect, buf: &mut Buffer) -> Rect {
    let focused = app.focus == pane;
    let t = &app.theme;
    let (bs, ts) = if focused {
        (t.style(Role::BorderFocus), t.style(Role::TitleFocus))
    } else {
        (t.style(Role::Border), t.style(Role::Title))
    };
    let mut title = title;
    if focused {
        title.spans.insert(0, "*".into());
    }
    let mut b = border(Block::bordered(), app.ascii, focused).border_style(bs).title_top(title.style(ts));
    if let Some(r) = right {
        b = b.title_top(Line::from(r).right_aligned().style(t.style(Role::Muted)));
    }
    if area.width < 2 || area.height < 2 {
        // Too small for a border: the pane's body uses what there is.
        return area;
    }
    let inner = b.inner(area);
    b.render(area, buf);
    inner
}

/// ASCII border sets: `=` marks the focused pane, `-` the others.
const ASCII: Set = Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};
const ASCII_FOCUS: Set = Set { horizontal_top: "=", horizontal_bottom: "=", ..ASCII };

/// Gives a block its border characters: thick (focused) or plain box drawing, or ASCII.
pub(super) fn border(b: Block<'_>, ascii: bool, strong: bool) -> Block<'_> {
    match (ascii, strong) {
        (true, true) => b.border_set(ASCII_FOCUS),
        (true, false) => b.border_set(ASCII),
        (false, true) => b.border_type(BorderType::Thick),
        (false, false) => b.border_type(BorderType::Plain),
    }
}

/// Writes one row of a list, padded to the full width, with an optional row style on top.
fn row(buf: &mut Buffer, area: Rect, y: u16, line: &Line, over: Option<Style>) {
    if y >= area.y + area.height || area.width == 0 {
        return;
    }
    buf.set_line(area.x, y, line, area.width);
    if let Some(s) = over {
        buf.set_style(Rect { x: area.x, y, width: area.width, height: 1 }, s);
    }
}
