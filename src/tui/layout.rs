//! Where each pane goes for a terminal size, shared by drawing, scrolling and mouse hit-testing.
//!
//! Wide terminals (at least [`WIDE`] columns) show all three panes. Narrower ones show the section
//! tree (or the document list while it has focus) beside the content; under [`NARROW`] columns
//! only the focused pane shows. Every other pane stays one key (Tab) away.

use super::state::Pane;
use ratatui::layout::Rect;

/// Width from which all three panes show.
pub const WIDE: u16 = 100;
/// Width under which only one pane shows.
pub const NARROW: u16 = 60;

/// Pane rectangles (zero-sized when hidden) and the status line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Areas {
    /// Document list.
    pub docs: Rect,
    /// Section tree.
    pub tree: Rect,
    /// Content.
    pub content: Rect,
    /// Status line.
    pub status: Rect,
}

impl Areas {
    /// The rectangle of a pane.
    pub fn pane(&self, p: Pane) -> Rect {
        match p {
            Pane::Documents => self.docs,
            Pane::Sections => self.tree,
            Pane::Content => self.content,
        }
    }

    /// The pane under a screen position.
    pub fn hit(&self, col: u16, row: u16) -> Option<Pane> {
        let pos = ratatui::layout::Position { x: col, y: row };
        [Pane::Documents, Pane::Sections, Pane::Content].into_iter().find(|&p| self.pane(p).contains(pos))
    }
}

/// The inside of a bordered pane.
pub fn inner(r: Rect) -> Rect {
    if r.width < 2 || r.height < 2 {
        return Rect { x: r.x, y: r.y, width: 0, height: 0 };
    }
    Rect { x: r.x + 1, y: r.y + 1, width: r.width - 2, height: r.height - 2 }
}

/// Computes the areas for a screen.
pub fn areas(screen: Rect, focus: Pane, maximized: bool) -> Areas {
    let mut a = Areas::default();
    let (main, status) = if screen.height >= 3 {
        (Rect { height: screen.height - 1, ..screen }, Rect { y: screen.y + screen.height - 1, height: 1, ..screen })
    } else {
        (screen, Rect::default())
    };
    a.status = status;
    let set = |a: &mut Areas, p: Pane, r: Rect| match p {
        Pane::Documents => a.docs = r,
        Pane::Sections => a.tree = r,
        Pane::Content => a.content = r,
    };
    if maximized || main.width < NARROW {
        set(&mut a, focus, main);
        return a;
    }
    let w = main.width;
    let split = |x: u16, width: u16| Rect { x, width, ..main };
    if w >= WIDE {
        let dw = (w * 22 / 100).clamp(24, 34);
        let tw = (w * 25 / 100).clamp(26, 44);
        a.docs = split(main.x, dw);
        a.tree = split(main.x + dw, tw);
        a.content = split(main.x + dw + tw, w - dw - tw);
    } else {
        let lw = w * 38 / 100;
        let left = split(main.x, lw);
        if focus == Pane::Documents {
            a.docs = left
        } else {
            a.tree = left
        }
        a.content = split(main.x + lw, w - lw);
    }
    a
}
