//! Drawing. Every function here takes the state by shared reference: drawing never changes it.
//!
//! Components draw themselves (compare mode in `layer/compare/draw.rs`) with the helpers here.

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
use ratatui::text::{Line, Span};
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
    super::layer::browse::BrowseLayer.draw(app, area, buf);
    app.layers.draw(app, area, buf);
    if app.ascii {
        to_ascii(buf);
    }
}

/// Draws the browse view: the panes and the status line (compare mode draws over the tree and
/// content panes, see [`super::layer::compare`]).
pub(crate) fn draw_browse(app: &App, area: Rect, buf: &mut Buffer) {
    let areas = layout::areas(area, app.layers.browse.focus, app.layers.browse.maximized);
    panes::documents(app, areas.docs, buf);
    panes::sections(app, areas.tree, buf);
    panes::content(app, areas.content, buf);
    status::draw(app, areas.status, buf);
}

/// `--ascii`: every symbol that is neither ASCII nor a letter or digit (borders, arrows, dashes,
/// quotes, ellipses from the catalogue or a document) becomes its nearest ASCII sign, one per
/// cell, so the layout is unchanged.
fn to_ascii(buf: &mut Buffer) {
    for cell in buf.content.iter_mut() {
        let sym = cell.symbol();
        // Letters stay (Russian text is letters); Σ is drawn as a sign, not written as a letter.
        if sym.chars().all(|c| c.is_ascii() || (c.is_alphanumeric() && c != 'Σ')) {
            continue;
        }
        let c = sym.chars().next().unwrap_or(' ');
        let a = match c {
            '─' | '━' | '═' | '–' | '—' | '‒' | '−' | '·' | '•' => '-',
            '…' => '.',
            '│' | '┃' | '║' => '|',
            '«' | '»' | '„' | '“' | '”' => '"',
            '‘' | '’' => '\'',
            '▶' | '›' | '→' | '⇒' | '▸' => '>',
            '◀' | '‹' | '←' => '<',
            '№' => '#',
            'Σ' => '*',
            '\u{a0}' => ' ',
            c if ('\u{2500}'..='\u{257f}').contains(&c) => '+',
            _ => '?',
        };
        cell.set_char(a);
    }
}

/// The rectangles whose contents move by whole lines when the reviewer scrolls: the bodies of
/// the panes on screen (offered to the terminal's scroll region when drawing, see
/// [`super::screen`]).
pub fn scrollable(app: &App, area: Rect) -> Vec<Rect> {
    let a = layout::areas(area, app.layers.browse.focus, app.layers.browse.maximized);
    // The focused pane first: it is the one that scrolls.
    let others = [Pane::Content, Pane::Sections, Pane::Documents].into_iter().filter(|&p| p != app.layers.browse.focus);
    std::iter::once(app.layers.browse.focus)
        .chain(others)
        .map(|p| layout::inner(a.pane(p)))
        .filter(|r| r.height >= 3)
        .collect()
}

/// A pane's frame: thick border and a `*` in the title when focused, so focus shows without
/// colour. Returns the inner area.
pub(crate) fn frame(
    app: &App,
    pane: Pane,
    title: Line<'static>,
    right: Option<String>,
    area: Rect,
    buf: &mut Buffer,
) -> Rect {
    let focused = app.layers.browse.focus == pane;
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
pub(crate) fn border(b: Block<'_>, ascii: bool, strong: bool) -> Block<'_> {
    match (ascii, strong) {
        (true, true) => b.border_set(ASCII_FOCUS),
        (true, false) => b.border_set(ASCII),
        (false, true) => b.border_type(BorderType::Thick),
        (false, false) => b.border_type(BorderType::Plain),
    }
}

/// Writes one row of a list, padded to the full width, with an optional row style on top.
pub(crate) fn row(buf: &mut Buffer, area: Rect, y: u16, line: &Line, over: Option<Style>) {
    if y >= area.y + area.height || area.width == 0 {
        return;
    }
    buf.set_line(area.x, y, line, area.width);
    if let Some(s) = over {
        buf.set_style(Rect { x: area.x, y, width: area.width, height: 1 }, s);
    }
}

/// A row's spans with `right` at the right edge: the spans are cut to leave it room (and a
/// space), with an ellipsis where a span is cut (`...` with `ascii`), then padded up to it.
pub(crate) fn with_right(spans: Vec<Span<'static>>, right: Span<'static>, w: usize, ascii: bool) -> Vec<Span<'static>> {
    let rw = super::wrap::width(&right.content);
    let mut used = 0;
    let mut kept = Vec::new();
    for s in spans {
        let sw = super::wrap::width(&s.content);
        if used + sw + 1 + rw > w {
            let room = (w - rw - 1).saturating_sub(used);
            let cut = super::wrap::cut(&s.content, room, ascii);
            used += super::wrap::width(&cut);
            kept.push(Span::styled(cut, s.style));
            break;
        }
        used += sw;
        kept.push(s);
    }
    kept.push(Span::raw(" ".repeat(w.saturating_sub(used + rw))));
    kept.push(right);
    kept
}
