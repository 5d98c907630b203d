//! The one list-cursor and scroll logic: every list (documents, section tree, compare tree,
//! search results) and every scrolled text (content, diff, help) moves through these functions.

use super::action::Action;

/// A movement asked for by a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Move {
    /// By this many rows (negative: up).
    By(isize),
    /// To the first row.
    Top,
    /// To the last row.
    Bottom,
}

impl Move {
    /// The movement of a moving action for a page of `page` rows, repeated `count` times
    /// (`12j`); `None` for other actions.
    pub fn of(a: Action, page: usize, count: usize) -> Option<Move> {
        let p = page.max(1) as isize;
        let n = count.clamp(1, 1_000_000) as isize;
        Some(match a {
            Action::Up => Move::By(-n),
            Action::Down => Move::By(n),
            Action::PageUp => Move::By(-p * n),
            Action::PageDown => Move::By(p * n),
            Action::HalfPageUp => Move::By(-(p / 2).max(1) * n),
            Action::HalfPageDown => Move::By((p / 2).max(1) * n),
            Action::Top => Move::Top,
            Action::Bottom => Move::Bottom,
            _ => return None,
        })
    }
}

/// Where a selection at `cur` goes in a list of `len` rows.
pub(crate) fn step(cur: usize, m: Move, len: usize) -> usize {
    let last = len.saturating_sub(1);
    match m {
        Move::By(d) => cur.saturating_add_signed(d).min(last),
        Move::Top => 0,
        Move::Bottom => last,
    }
}

/// Moves a selection; true when it moved.
pub(crate) fn select(sel: &mut usize, m: Move, len: usize) -> bool {
    let next = step(*sel, m, len);
    let moved = next != *sel;
    *sel = next;
    moved
}

/// Scrolls text of `len` lines shown `height` at a time; true when it moved. The last line
/// stops at the bottom of the pane.
pub(crate) fn scroll(top: &mut usize, m: Move, len: usize, height: usize) -> bool {
    let max = len.saturating_sub(height.max(1));
    let next = match m {
        Move::By(d) => top.saturating_add_signed(d).min(max),
        Move::Top => 0,
        Move::Bottom => max,
    };
    let moved = next != *top;
    *top = next;
    moved
}

/// The first visible line that shows `line` with `above` lines over it where the text allows
/// (jumps to a match or a change keep a little context above it); the last line stays at the
/// bottom of the pane.
pub(crate) fn top_for(line: usize, above: usize, len: usize, height: usize) -> usize {
    line.saturating_sub(above).min(len.saturating_sub(height.max(1)))
}

/// The first visible row that keeps `sel` on screen, scrolling as little as possible.
pub(crate) fn keep_visible(sel: usize, off: usize, height: usize, len: usize) -> usize {
    if height == 0 {
        return off;
    }
    let mut off = off.min(len.saturating_sub(height));
    if sel < off {
        off = sel;
    } else if sel >= off + height {
        off = sel + 1 - height;
    }
    off
}

/// A scrolled text's first visible line (help, problem list, card, content, diff).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Scroll {
    top: usize,
}

impl Scroll {
    /// The first visible line.
    pub fn top(&self) -> usize {
        self.top
    }

    /// Scrolls text of `len` lines shown `height` at a time (see [`scroll`]); true when it moved.
    pub fn scroll(&mut self, m: Move, len: usize, height: usize) -> bool {
        scroll(&mut self.top, m, len, height)
    }

    /// Scrolls as little as possible to show `line`; true when it moved.
    pub fn show(&mut self, line: usize, len: usize, height: usize) -> bool {
        let next = keep_visible(line, self.top, height, len);
        let moved = next != self.top;
        self.top = next;
        moved
    }

    /// Keeps the last line at the bottom of the pane after the text got shorter.
    pub fn clamp(&mut self, len: usize, height: usize) {
        self.top = self.top.min(len.saturating_sub(height.max(1)));
    }
}

/// A list's selected row and first visible row (search results, and the lists components
/// keep).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Cursor {
    sel: usize,
    off: usize,
}

impl Cursor {
    /// The selected row.
    pub fn sel(&self) -> usize {
        self.sel
    }

    /// The first visible row.
    pub fn off(&self) -> usize {
        self.off
    }

    /// Moves the selection in a list of `len` rows shown `height` at a time, keeping it visible;
    /// true when it moved.
    pub fn select(&mut self, m: Move, len: usize, height: usize) -> bool {
        let moved = select(&mut self.sel, m, len);
        self.off = keep_visible(self.sel, self.off, height, len);
        moved
    }

    /// Back to the first row.
    pub fn reset(&mut self) {
        *self = Cursor::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_stop_at_the_ends_and_counts_multiply() {
        let mut s = 3;
        assert!(select(&mut s, Move::of(Action::Down, 10, 12).unwrap(), 8));
        assert_eq!(s, 7);
        assert!(!select(&mut s, Move::By(1), 8), "no move past the end");
        assert!(select(&mut s, Move::of(Action::HalfPageUp, 10, 1).unwrap(), 8));
        assert_eq!(s, 2);
        assert_eq!(step(5, Move::Top, 8), 0);
        assert_eq!(step(0, Move::Bottom, 0), 0, "an empty list stays at 0");
        assert_eq!(Move::of(Action::Open, 10, 1), None);
    }

    #[test]
    fn scrolling_keeps_the_last_line_at_the_bottom() {
        let mut top = 0;
        assert!(scroll(&mut top, Move::Bottom, 100, 20));
        assert_eq!(top, 80);
        assert!(!scroll(&mut top, Move::By(5), 100, 20));
        let mut top = 0;
        assert!(!scroll(&mut top, Move::By(3), 10, 20), "text shorter than the pane does not scroll");
    }

    #[test]
    fn a_jump_keeps_context_above_but_not_past_the_end() {
        assert_eq!(top_for(10, 2, 100, 20), 8);
        assert_eq!(top_for(1, 2, 100, 20), 0);
        assert_eq!(top_for(95, 2, 100, 20), 80, "the last line stays at the bottom");
        assert_eq!(top_for(3, 1, 5, 20), 0, "text shorter than the pane");
    }

    #[test]
    fn visible_window_follows_the_selection() {
        assert_eq!(keep_visible(0, 5, 10, 50), 0);
        assert_eq!(keep_visible(25, 0, 10, 50), 16);
        assert_eq!(keep_visible(12, 10, 10, 50), 10);
        assert_eq!(keep_visible(3, 45, 10, 12), 2, "offset clamped to the list");
    }
}
