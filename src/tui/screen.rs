//! What the terminal shows, and the fewest bytes that change it into the next frame: the cost
//! that matters over a slow SSH link.
//!
//! ratatui's own [`ratatui::Terminal`] diffs the frame cell by cell and writes each changed run
//! with an absolute cursor move and a full colour change. Scrolling a pane changes every one of
//! its rows, so a one-line scroll redraws the whole pane (about 3.5 KB at 80x24, where `less`
//! sends under 100 bytes). [`Screen`] keeps its own copy of the screen and, per frame:
//! 1. looks, in the rectangles the caller names (the panes that scroll), for rows of the new frame
//!    that equal rows of the shown one moved up or down by `k`;
//! 2. if so, prices a terminal scroll of those rows (a DECSTBM scroll region and SU/SD): over the
//!    whole width, and over the rectangle's own columns too where the terminal has left/right
//!    margins (DECSLRM, see [`Caps`]). The terminal moves the rows itself, its model of the
//!    screen is shifted the same way, and the cells that still differ (the new lines, and after a
//!    whole-width scroll the other pane's cells in those rows) are drawn;
//! 3. draws without scrolling otherwise, or whenever that is cheaper: the scroll is only an
//!    offer, the result is always a plain cell diff against an exact model of the terminal, so
//!    anything unexpected costs bytes, never a wrong screen.
//!
//! Changed cells are written with the shortest cursor move (absolute, relative, line feeds, a
//! carriage return, CHA or VPA, or rewriting a short unchanged gap), the shortest colour change
//! from the current one, runs of blanks erased (ECH, EL) and runs of one ASCII character repeated
//! (REP, where the terminal has it).
//!
//! The cursor position and colours are carried from frame to frame, so anything else written to
//! the terminal between frames must leave both alone (mode switches such as mouse capture and
//! OSC 52 do), or call [`Screen::invalidate`] (the run loop does on suspend and Ctrl-L).

use super::theme::ANSI16_COLORS;
use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use std::fmt::Write as _;
use unicode_width::UnicodeWidthStr;

/// The terminal's screen as last drawn, and where its cursor and colours stand.
#[derive(Debug, Default)]
pub(crate) struct Screen {
    /// What the terminal shows; `None` when unknown (start, after a suspend or a resize).
    shown: Option<Buffer>,
    /// Cursor position, `None` when unknown.
    cursor: Option<Cursor>,
    /// Current graphic rendition, `None` when unknown.
    pen: Option<Pen>,
    /// What the terminal was found to do beyond the common set.
    caps: Caps,
}

/// Sequences only some terminals implement, each used only once the terminal has shown it works
/// (see [`super::terminal::probe`]).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Caps {
    /// Left/right scroll margins (DECSLRM), with their mode (DECLRMM) switched on: a pane beside
    /// another can be scrolled alone.
    pub margins: bool,
    /// REP (`CSI n b`) repeats the ASCII character just written.
    pub rep: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Cursor {
    x: u16,
    y: u16,
    /// Just wrote the last column: the terminal's next character would wrap, so only explicit
    /// moves are safe.
    pending_wrap: bool,
}

/// Colours and modifiers in effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pen {
    fg: Color,
    bg: Color,
    modifier: Modifier,
}

impl Pen {
    const DEFAULT: Pen = Pen { fg: Color::Reset, bg: Color::Reset, modifier: Modifier::empty() };

    fn of(c: &Cell) -> Pen {
        Pen { fg: c.fg, bg: c.bg, modifier: c.modifier }
    }
}

/// A scroll of rows `top..bottom`, `by` rows up (positive) or down (negative), in columns
/// `left..right` (the whole width unless the terminal has left/right margins).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Scroll {
    pub top: u16,
    pub bottom: u16,
    pub by: i32,
    pub left: u16,
    pub right: u16,
}

/// What one frame sends: the bytes, and the scroll used (for tests and measurements).
#[derive(Debug, Default)]
pub(crate) struct Output {
    pub bytes: Vec<u8>,
    #[cfg_attr(not(test), allow(dead_code))]
    pub scroll: Option<Scroll>,
    /// The floor under any encoder: the fewest bytes of characters that must be written (the
    /// non-blank cells still different after the best scroll on offer, or with none), before
    /// any cursor move or colour.
    #[cfg_attr(not(test), allow(dead_code))]
    pub glyphs: usize,
}

impl Screen {
    /// A screen whose contents are unknown (the first frame clears it and draws everything), on
    /// a terminal with these extra sequences working.
    pub fn with_caps(caps: Caps) -> Screen {
        Screen { caps, ..Screen::default() }
    }

    /// Forgets what the terminal shows (after a suspend, a resume, or another program drew on
    /// it), so the next frame is drawn whole.
    pub fn invalidate(&mut self) {
        *self = Screen::with_caps(self.caps);
    }

    /// The bytes that turn the shown screen into `next`. `scrollable` are the rectangles whose
    /// contents may have moved by whole lines since the last frame (the pane bodies); their rows
    /// are offered to the terminal's scroll region. The new frame becomes the shown one.
    pub fn frame(&mut self, next: &Buffer, scrollable: &[Rect]) -> Output {
        let next = &canonical(next);
        let same_size = self.shown.as_ref().is_some_and(|s| s.area == next.area);
        if !same_size {
            // Unknown or resized: clear, then draw every cell that is not blank.
            let mut e = Encoder::new(next.area, None, None, self.caps.rep);
            e.bytes.extend_from_slice(b"\x1b[0m\x1b[2J");
            e.pen = Some(Pen::DEFAULT);
            let blank = Buffer::empty(next.area);
            e.diff(&blank, next);
            let glyphs = glyph_bytes(&blank, next);
            return self.finish(e, next, None, glyphs);
        }
        let shown = self.shown.take().expect("checked above");
        let plain = {
            let mut e = Encoder::new(next.area, self.cursor, self.pen, self.caps.rep);
            e.diff(&shown, next);
            e
        };
        let mut best: (Encoder, Option<Scroll>) = (plain, None);
        let mut glyphs = glyph_bytes(&shown, next);
        let w = next.area.width;
        let offers = scrollable.iter().filter_map(|r| find_scroll(&shown, next, *r)).flat_map(|s| {
            // The whole width always; the pane's own columns where margins work.
            let pane = (self.caps.margins && (s.left, s.right) != (0, w)).then_some(s);
            [Some(Scroll { left: 0, right: w, ..s }), pane].into_iter().flatten()
        });
        for s in offers {
            let mut moved = shown.clone();
            shift(&mut moved, s);
            let mut e = Encoder::new(next.area, self.cursor, self.pen, self.caps.rep);
            e.scroll(s);
            e.diff(&moved, next);
            glyphs = glyphs.min(glyph_bytes(&moved, next));
            if on_the_wire(e.bytes.len()) < on_the_wire(best.0.bytes.len()) {
                best = (e, Some(s));
            }
        }
        self.finish(best.0, next, best.1, glyphs)
    }

    fn finish(&mut self, e: Encoder, next: &Buffer, scroll: Option<Scroll>, glyphs: usize) -> Output {
        self.cursor = e.cursor;
        self.pen = e.pen;
        self.shown = Some(next.clone());
        Output { bytes: e.bytes, scroll, glyphs }
    }
}

/// What a frame of `n` bytes costs as sent: the run loop wraps large ones in a synchronized
/// update (see [`super::frame_bytes`]).
fn on_the_wire(n: usize) -> usize {
    if n > super::SYNC_OVER { n + b"\x1b[?2026h\x1b[?2026l".len() } else { n }
}

/// The bytes of the characters of the cells of `next` that differ from `shown` and are not
/// blank: what has to be written whatever the cursor moves and colours cost.
fn glyph_bytes(shown: &Buffer, next: &Buffer) -> usize {
    shown.diff(next).iter().filter(|(_, _, c)| !blank_ignores(c)).map(|(_, _, c)| c.symbol().len()).sum()
}

/// Modifiers that show on a blank cell.
const SHOWS_ON_BLANK: Modifier = Modifier::REVERSED.union(Modifier::UNDERLINED).union(Modifier::CROSSED_OUT);

/// True when a blank cell (with modifiers that do not show on it) takes this foreground and
/// modifiers invisibly.
fn blank_ignores(c: &Cell) -> bool {
    c.symbol() == " " && !c.modifier.intersects(SHOWS_ON_BLANK)
}

/// The frame with every blank cell's invisible attributes (foreground, bold...) reset, so that a
/// change nobody can see is neither diffed nor sent.
fn canonical(b: &Buffer) -> Buffer {
    let mut b = b.clone();
    for c in b.content.iter_mut().filter(|c| blank_ignores(c)) {
        c.fg = Color::Reset;
        c.modifier = Modifier::empty();
    }
    b
}

/// True when writing `c` with `pen` looks exactly like `c`: the same pen, or a blank on the
/// same background under a pen whose modifiers do not show on blanks.
fn looks_same(c: &Cell, pen: Pen) -> bool {
    Pen::of(c) == pen || (blank_ignores(c) && c.bg == pen.bg && !pen.modifier.intersects(SHOWS_ON_BLANK))
}

/// Finds, within `r`, the scroll that lines up most rows of `next` with rows of `shown`: the
/// longest run of rows `y` where `next`'s row equals `shown`'s row `y + k` over `r`'s columns.
/// Needs at least two rows moved and more than a third of the rectangle's rows.
fn find_scroll(shown: &Buffer, next: &Buffer, r: Rect) -> Option<Scroll> {
    let r = r.intersection(next.area);
    if r.height < 3 || r.width == 0 {
        return None;
    }
    // Rows compared by hash: one pass over the cells, then integers. (A collision can only make
    // the offer worse, never the screen wrong: the diff after the scroll draws what differs.)
    let hashes = |b: &Buffer| -> Vec<u64> {
        (r.y..r.bottom())
            .map(|y| {
                use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
                let start = b.index_of(r.x, y);
                BuildHasherDefault::<DefaultHasher>::default().hash_one(&b.content[start..start + r.width as usize])
            })
            .collect()
    };
    let (old, new) = (hashes(shown), hashes(next));
    let at = |v: &[u64], y: u16| v[(y - r.y) as usize];
    // Rows that already match need no scroll.
    let unchanged = (r.y..r.bottom()).filter(|&y| at(&old, y) == at(&new, y)).count();
    let mut best: Option<(usize, Scroll)> = None;
    let h = r.height as i32;
    for k in (1..h - 1).flat_map(|k| [k, -k]) {
        // Longest run of y with next[y] == shown[y + k], both inside r.
        let (mut run, mut run_start) = (0usize, 0u16);
        for y in r.y..r.bottom() {
            let src = y as i32 + k;
            let hit = src >= r.y as i32 && src < r.bottom() as i32 && at(&new, y) == at(&old, src as u16);
            if hit {
                if run == 0 {
                    run_start = y;
                }
                run += 1;
                let s = if k > 0 {
                    // Content moved up: the region spans the run and the rows it came from.
                    Scroll { top: run_start, bottom: y + 1 + k as u16, by: k, left: r.x, right: r.right() }
                } else {
                    Scroll { top: run_start - (-k) as u16, bottom: y + 1, by: k, left: r.x, right: r.right() }
                };
                if best.is_none_or(|(n, _)| run > n) {
                    best = Some((run, s));
                }
            } else {
                run = 0;
            }
        }
        if best.is_some_and(|(n, _)| n as i32 >= h - 2) {
            break;
        }
    }
    let (n, s) = best?;
    (n >= 2 && n * 3 > r.height as usize && n > unchanged).then_some(s)
}

/// Moves the rows of `b` (in the scroll's columns) as the terminal does: rows scrolled in are
/// blank.
fn shift(b: &mut Buffer, s: Scroll) {
    let w = b.area.width as usize;
    let (top, bottom) = (s.top as usize, s.bottom as usize);
    let (left, right) = (s.left as usize, s.right as usize);
    let k = s.by.unsigned_abs() as usize;
    let row = |y: usize| (y - b.area.y as usize) * w;
    for i in 0..bottom - top {
        // Rows filled in scroll order, each from the row `k` away or blank.
        let y = if s.by > 0 { top + i } else { bottom - 1 - i };
        let src = if s.by > 0 { y + k } else { y.wrapping_sub(k) };
        let dst = row(y);
        if (top..bottom).contains(&src) {
            let from = row(src);
            for x in left..right {
                b.content[dst + x] = b.content[from + x].clone();
            }
        } else {
            b.content[dst + left..dst + right].fill(Cell::default());
        }
    }
}

/// Runs of at least this many blanks are erased (`CSI n X`, 4-6 bytes) instead of written.
const ERASE_FROM: usize = 6;

/// Writes cell updates with the shortest cursor moves and colour changes.
#[derive(Clone)]
struct Encoder {
    area: Rect,
    bytes: Vec<u8>,
    cursor: Option<Cursor>,
    pen: Option<Pen>,
    /// REP may be used.
    rep: bool,
}

impl Encoder {
    fn new(area: Rect, cursor: Option<Cursor>, pen: Option<Pen>, rep: bool) -> Encoder {
        Encoder { area, bytes: Vec::new(), cursor, pen, rep }
    }

    /// The terminal scroll: the scroll region (DECSTBM) and, for part of the width, the left and
    /// right margins (DECSLRM) set around it, SU or SD, then both reset. Rows scrolled in take
    /// the current background, so a pen with one is reset first; setting or resetting a region
    /// leaves the cursor at the top left.
    fn scroll(&mut self, s: Scroll) {
        // Only the background (and reverse video) colour the rows scrolled in; the pen in effect is
        // kept otherwise, so the frame can go on with it.
        if !self.pen.is_some_and(|p| p.bg == Color::Reset && !p.modifier.contains(Modifier::REVERSED)) {
            self.bytes.extend_from_slice(b"\x1b[0m");
            self.pen = Some(Pen::DEFAULT);
        }
        let (w, h) = (self.area.width, self.area.height);
        let rows = (s.top, s.bottom) != (0, h);
        let cols = (s.left, s.right) != (0, w);
        let mut out = ByteSink(&mut self.bytes);
        if rows {
            // The bottom may be left out when it is the screen's.
            let _ = if s.bottom == h {
                write!(out, "\x1b[{}r", s.top + 1)
            } else {
                write!(out, "\x1b[{};{}r", s.top + 1, s.bottom)
            };
        }
        if cols {
            let _ = if s.right == w {
                write!(out, "\x1b[{}s", s.left + 1)
            } else {
                write!(out, "\x1b[{};{}s", s.left + 1, s.right)
            };
        }
        let n = s.by.unsigned_abs();
        let _ = write!(
            out,
            "\x1b[{}{}",
            if n == 1 { String::new() } else { n.to_string() },
            if s.by > 0 { 'S' } else { 'T' }
        );
        if cols {
            out.0.extend_from_slice(b"\x1b[s");
        }
        if rows {
            out.0.extend_from_slice(b"\x1b[r");
        }
        if rows || cols {
            self.cursor = Some(Cursor { x: 0, y: 0, pending_wrap: false });
        }
    }

    /// Writes the cells where `next` differs from `shown` (ratatui's own cell diff decides which),
    /// in the cheaper of two orders: row by row, or grouped by pen (all cells of one colour, then
    /// the next: fewer colour changes for more cursor moves, which pays on a first frame).
    fn diff(&mut self, shown: &Buffer, next: &Buffer) {
        let updates = shown.diff(next);
        let mut by_row = self.clone();
        by_row.put_all(&updates, next);
        // Groups by pen; a blank joins the group of the cell before it when it looks the same
        // under that pen, so that runs of words and blanks stay together.
        let mut keys: Vec<Pen> = Vec::with_capacity(updates.len());
        for (i, &(x, y, c)) in updates.iter().enumerate() {
            let key = match i.checked_sub(1).map(|j| (updates[j], keys[j])) {
                Some(((px, py, _), k)) if py == y && px + 1 == x && looks_same(c, k) => k,
                _ => Pen::of(c),
            };
            keys.push(key);
        }
        let mut pens: Vec<Pen> = Vec::new();
        for k in &keys {
            if !pens.contains(k) {
                pens.push(*k);
            }
        }
        if pens.len() > 1 {
            let mut by_pen = self.clone();
            // The pen in effect first, so a frame that continues it needs no change.
            if let Some(i) = by_pen.pen.and_then(|p| pens.iter().position(|&q| q == p)) {
                pens[..=i].rotate_right(1);
            }
            for pen in pens {
                let group: Vec<(u16, u16, &Cell)> =
                    updates.iter().zip(&keys).filter(|(_, k)| **k == pen).map(|(u, _)| *u).collect();
                by_pen.put_all(&group, next);
            }
            if by_pen.bytes.len() < by_row.bytes.len() {
                *self = by_pen;
                return;
            }
        }
        *self = by_row;
    }

    /// Writes updates in order. A run of blanks on one row is erased (ECH, or EL up to the right
    /// edge) when that is shorter, and a run of one ASCII character is written once and repeated
    /// (REP) where the terminal does it.
    fn put_all(&mut self, updates: &[(u16, u16, &Cell)], next: &Buffer) {
        let mut i = 0;
        while i < updates.len() {
            let (x, y, c) = updates[i];
            // The run of cells from here that look the same as this one under one pen.
            let run = updates[i..]
                .iter()
                .enumerate()
                .take_while(|&(n, &(ux, uy, uc))| {
                    uy == y
                        && ux == x + n as u16
                        && uc.symbol() == c.symbol()
                        && uc.diff_option == CellDiffOption::None
                        && (Pen::of(uc) == Pen::of(c) || (blank_ignores(c) && blank_ignores(uc) && uc.bg == c.bg))
                })
                .count();
            let repeatable = self.rep && c.diff_option == CellDiffOption::None && is_ascii_graphic(c.symbol());
            // The run goes on into more updates on the row: a REP leaves the cursor after it.
            let continues = updates.get(i + run).is_some_and(|&(ux, uy, _)| uy == y && ux == x + run as u16);
            if blank_ignores(c) && run >= ERASE_FROM && !(repeatable && continues) {
                self.move_to(x, y, next);
                if !self.pen.is_some_and(|p| looks_same(c, p)) {
                    self.set_pen(Pen::of(c));
                }
                // Erasing fills with the current background and leaves the cursor where it is.
                if x + run as u16 == self.area.right() {
                    self.bytes.extend_from_slice(b"\x1b[K");
                } else {
                    let _ = write!(self.bytes_str(), "\x1b[{run}X");
                }
                self.cursor = Some(Cursor { x, y, pending_wrap: false });
                i += run;
                continue;
            }
            self.put(x, y, c, next);
            let rest = run - 1;
            let seq = format!("\x1b[{rest}b");
            if repeatable && rest > 0 && seq.len() < rest {
                // Repeats the character just written, with its pen, as writing it would.
                self.bytes.extend_from_slice(seq.as_bytes());
                let end = x + run as u16;
                self.cursor = Some(if end >= self.area.right() {
                    Cursor { x: end - 1, y, pending_wrap: true }
                } else {
                    Cursor { x: end, y, pending_wrap: false }
                });
                i += run;
            } else {
                i += 1;
            }
        }
    }

    /// Writes one cell.
    fn put(&mut self, x: u16, y: u16, cell: &Cell, next: &Buffer) {
        self.move_to(x, y, next);
        if !self.pen.is_some_and(|p| looks_same(cell, p)) {
            self.set_pen(Pen::of(cell));
        }
        self.bytes.extend_from_slice(cell.symbol().as_bytes());
        let w = match cell.diff_option {
            CellDiffOption::ForcedWidth(n) => n.get(),
            _ => cell.symbol().width() as u16,
        };
        self.cursor = if w != 1 {
            // Wide, zero-width or forced: terminals disagree on where the cursor goes.
            None
        } else if x + 1 >= self.area.right() {
            Some(Cursor { x, y, pending_wrap: true })
        } else {
            Some(Cursor { x: x + 1, y, pending_wrap: false })
        };
    }

    /// The shortest way from the cursor to `(x, y)`: an absolute move, or a vertical part (line
    /// feeds, CUD/CUU, VPA) followed by a horizontal one (a carriage return, CUF/CUB, CHA, or
    /// rewriting the unchanged cells between, same row and colours).
    fn move_to(&mut self, x: u16, y: u16, next: &Buffer) {
        let (ax, ay) = (x - self.area.x, y - self.area.y);
        let mut best = cup(ax, ay);
        if let Some(c) = self.cursor {
            if !c.pending_wrap && c.y == y && c.x == x {
                return;
            }
            let (cx, cy) = (c.x - self.area.x, c.y - self.area.y);
            let arg = |n: u16| if n == 1 { String::new() } else { n.to_string() };
            let mut vertical = vec![format!("\x1b[{}d", ay + 1)];
            if ay == cy {
                vertical.push(String::new());
            } else if ay > cy {
                // Line feeds keep the column in raw mode, and never scroll above the last row.
                if ay - cy <= 3 {
                    vertical.push("\n".repeat((ay - cy) as usize));
                }
                vertical.push(format!("\x1b[{}B", arg(ay - cy)));
            } else {
                vertical.push(format!("\x1b[{}A", arg(cy - ay)));
            }
            // After a pending wrap the column is ambiguous to some terminals: only moves to an
            // absolute column.
            let mut horizontal = vec![format!("\x1b[{}G", if ax == 0 { String::new() } else { (ax + 1).to_string() })];
            horizontal.push(if ax == 0 { "\r".into() } else { format!("\r\x1b[{}C", arg(ax)) });
            if let Some(gap) = self.gap(0, x, y, next) {
                horizontal.push(format!("\r{gap}"));
            }
            if !c.pending_wrap {
                if ax == cx {
                    horizontal.push(String::new());
                } else if ax > cx {
                    horizontal.push(format!("\x1b[{}C", arg(ax - cx)));
                    if let Some(gap) = self.gap(c.x, x, y, next) {
                        horizontal.push(gap);
                    }
                } else {
                    horizontal.push(format!("\x1b[{}D", arg(cx - ax)));
                }
            }
            let v = vertical.iter().min_by_key(|v| v.len()).expect("one vertical move at least");
            let h = horizontal.iter().min_by_key(|h| h.len()).expect("one horizontal move at least");
            if v.len() + h.len() < best.len() {
                best = format!("{v}{h}");
            }
        }
        self.bytes.extend_from_slice(best.as_bytes());
    }

    /// The unchanged cells from column `from` to `x` on row `y`, when they can be written as they
    /// are (one column each, the current pen).
    fn gap(&self, from: u16, x: u16, y: u16, next: &Buffer) -> Option<String> {
        if from >= x || x - from > 8 {
            return None;
        }
        let pen = self.pen?;
        let mut s = String::new();
        for gx in from..x {
            let cell = &next[(gx, y)];
            let sym = cell.symbol();
            if !looks_same(cell, pen) || cell.diff_option != CellDiffOption::None || sym.width() != 1 || !is_plain(sym)
            {
                return None;
            }
            s.push_str(sym);
        }
        Some(s)
    }

    /// The shortest SGR sequence from the current pen to `to`.
    fn set_pen(&mut self, to: Pen) {
        if self.pen == Some(to) {
            return;
        }
        let mut full = String::from("0");
        push_pen(&mut full, Pen::DEFAULT, to);
        let mut best = full;
        if let Some(from) = self.pen {
            let mut delta = String::new();
            let from = push_removals(&mut delta, from, to);
            push_pen(&mut delta, from, to);
            if delta.len() < best.len() {
                best = delta;
            }
        }
        let _ = write!(self.bytes_str(), "\x1b[{best}m");
        self.pen = Some(to);
    }

    fn bytes_str(&mut self) -> ByteSink<'_> {
        ByteSink(&mut self.bytes)
    }
}

/// One printable ASCII character: what REP repeats in every terminal that has it (tmux repeats
/// nothing else).
fn is_ascii_graphic(sym: &str) -> bool {
    matches!(sym.as_bytes(), [b] if b.is_ascii_graphic() || *b == b' ')
}

/// A single printable character (no control characters reach the terminal through a gap).
fn is_plain(sym: &str) -> bool {
    let mut cs = sym.chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if !c.is_control())
}

/// `fmt::Write` into the byte buffer.
struct ByteSink<'a>(&'a mut Vec<u8>);

impl std::fmt::Write for ByteSink<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }
}

/// Absolute move (CUP), with the parameters that may be left out left out.
fn cup(x: u16, y: u16) -> String {
    match (x, y) {
        (0, 0) => "\x1b[H".into(),
        (0, y) => format!("\x1b[{}H", y + 1),
        (x, y) => format!("\x1b[{};{}H", y + 1, x + 1),
    }
}

/// Appends the SGR parameters that turn off the modifiers of `from` missing from `to` (22 turns
/// off bold and dim together, 25 both blinks); returns the pen after them.
fn push_removals(s: &mut String, from: Pen, to: Pen) -> Pen {
    const OFF: [(Modifier, &str); 7] = [
        (Modifier::BOLD.union(Modifier::DIM), "22"),
        (Modifier::ITALIC, "23"),
        (Modifier::UNDERLINED, "24"),
        (Modifier::SLOW_BLINK.union(Modifier::RAPID_BLINK), "25"),
        (Modifier::REVERSED, "27"),
        (Modifier::HIDDEN, "28"),
        (Modifier::CROSSED_OUT, "29"),
    ];
    let mut after = from;
    let gone = from.modifier - to.modifier;
    for (m, code) in OFF {
        if gone.intersects(m) {
            if !s.is_empty() {
                s.push(';');
            }
            s.push_str(code);
            after.modifier -= m;
        }
    }
    after
}

/// Appends the SGR parameters that change `from` into `to`, assuming no modifier of `from` is
/// missing from `to` (a reset comes first otherwise).
fn push_pen(s: &mut String, from: Pen, to: Pen) {
    let param = |s: &mut String, p: &str| {
        if !s.is_empty() {
            s.push(';');
        }
        s.push_str(p);
    };
    const CODES: [(Modifier, &str); 9] = [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::SLOW_BLINK, "5"),
        (Modifier::RAPID_BLINK, "6"),
        (Modifier::REVERSED, "7"),
        (Modifier::HIDDEN, "8"),
        (Modifier::CROSSED_OUT, "9"),
    ];
    for (m, code) in CODES {
        if to.modifier.contains(m) && !from.modifier.contains(m) {
            param(s, code);
        }
    }
    if to.fg != from.fg {
        param(s, &color(to.fg, false));
    }
    if to.bg != from.bg {
        param(s, &color(to.bg, true));
    }
}

/// A colour's SGR parameter, as crossterm writes it for ratatui's colours.
fn color(c: Color, bg: bool) -> String {
    let base = |n: u8| (if bg { n + 10 } else { n }).to_string();
    let ext = if bg { "48" } else { "38" };
    match c {
        Color::Reset => base(39),
        Color::Indexed(i) => format!("{ext};5;{i}"),
        Color::Rgb(r, g, b) => format!("{ext};2;{r};{g};{b}"),
        // Every other colour is one of the 16.
        c => match ANSI16_COLORS.iter().position(|&a| a == c).map(|i| i as u8) {
            Some(i) => base(if i < 8 { 30 + i } else { 90 + i - 8 }),
            None => base(39),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::{Backend, CrosstermBackend, TestBackend};
    use ratatui::style::Style;

    /// A byte sink shared with a backend.
    #[derive(Clone, Default)]
    struct Sink(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

    impl std::io::Write for Sink {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn text(b: &mut Buffer, y: u16, s: &str) {
        b.set_string(0, y, s, Style::default());
    }

    /// A vt100 model just good enough for the sequences the encoder writes, to check that the
    /// bytes really produce the frame: CUP, CUF/CUB/CUU/CUD, CHA, VPA, CR, LF, DECSTBM and
    /// DECSLRM (with its mode, 69) with SU/SD, ED 2, EL, ECH, REP (of an ASCII character written
    /// just before, as tmux has it), SGR. Each cell is kept as [`shows`] describes it: symbol, and
    /// the colours and modifiers that can be seen.
    fn play(t: &mut Term, bytes: &[u8]) {
        let (mut x, mut y) = (t.x, t.y);
        let (screen, pen) = (&mut t.cells, &mut t.pen);
        let text = std::str::from_utf8(bytes).unwrap();
        let (h, w) = (screen.len(), screen[0].len());
        let (mut top, mut bottom) = (0usize, h);
        let (mut left, mut right) = (0usize, w);
        // The character REP would repeat.
        let mut last: Option<char> = None;
        let mut cs = text.chars().peekable();
        // Erased and scrolled-in cells take the current background (as tmux and xterm do).
        let blank = |pen: &Pen| shows(Cell::default().set_bg(pen.bg));
        while let Some(c) = cs.next() {
            match c {
                '\x1b' => {
                    assert_eq!(cs.next(), Some('['));
                    let mut params = String::new();
                    let fin = loop {
                        let c = cs.next().unwrap();
                        if c.is_ascii_digit() || c == ';' || c == '?' {
                            params.push(c);
                        } else {
                            break c;
                        }
                    };
                    let ps: Vec<usize> = params.split(';').map(|p| p.parse().unwrap_or(0)).collect();
                    let n = ps[0].max(1);
                    let repeated = last.take();
                    match fin {
                        'H' => {
                            y = ps[0].max(1) - 1;
                            x = ps.get(1).copied().unwrap_or(1).max(1) - 1;
                        }
                        'A' => y -= n,
                        'B' => y += n,
                        'C' => x = (x + n).min(w - 1),
                        'D' => x -= n,
                        'G' => x = n - 1,
                        'd' => y = n - 1,
                        'K' => {
                            assert_eq!(params, "", "EL to the right only");
                            let blank = shows(Cell::default().set_bg(pen.bg));
                            screen[y][x.min(w - 1)..].fill(blank);
                            x = x.min(w - 1);
                        }
                        'b' => {
                            let c = repeated.expect("REP right after an ASCII character");
                            assert!(x + n <= w, "REP past the right edge");
                            let mut cell = Cell::default();
                            cell.set_char(c).set_fg(pen.fg).set_bg(pen.bg).modifier = pen.modifier;
                            screen[y][x..x + n].fill(shows(&cell));
                            x += n;
                        }
                        's' => {
                            assert!(t.lrmm, "DECSLRM without its mode (CSI s would save the cursor)");
                            if params.is_empty() {
                                (left, right) = (0, w);
                            } else {
                                (left, right) = (ps[0] - 1, ps.get(1).copied().unwrap_or(w));
                            }
                            (x, y) = (0, 0);
                        }
                        'J' => screen.iter_mut().for_each(|r| r.iter_mut().for_each(|c| *c = blank(pen))),
                        'm' => sgr(pen, &ps),
                        'r' => {
                            if params.is_empty() {
                                (top, bottom) = (0, h);
                            } else {
                                (top, bottom) = (ps[0] - 1, ps[1]);
                            }
                            (x, y) = (0, 0);
                        }
                        'S' | 'T' => {
                            for _ in 0..n {
                                let rows: Vec<usize> =
                                    if fin == 'S' { (top..bottom).collect() } else { (top..bottom).rev().collect() };
                                for (i, &r) in rows.iter().enumerate() {
                                    let row = match rows.get(i + 1) {
                                        Some(&from) => screen[from][left..right].to_vec(),
                                        None => vec![blank(pen); right - left],
                                    };
                                    screen[r][left..right].clone_from_slice(&row);
                                }
                            }
                        }
                        'X' => {
                            let blank = shows(Cell::default().set_bg(pen.bg));
                            let end = (x + n).min(w);
                            screen[y][x..end].fill(blank);
                        }
                        'h' | 'l' if params == "?69" => t.lrmm = fin == 'h',
                        // Synchronized update on and off.
                        'h' | 'l' if params.starts_with('?') => {}
                        other => panic!("unexpected CSI {other}"),
                    }
                }
                '\r' => {
                    last = None;
                    x = 0
                }
                '\n' => {
                    last = None;
                    assert!(y + 1 < h, "a line feed on the last row would scroll");
                    y += 1
                }
                c => {
                    if x >= w {
                        panic!("wrote past the right edge");
                    }
                    let mut cell = Cell::default();
                    cell.set_char(c).set_fg(pen.fg).set_bg(pen.bg).modifier = pen.modifier;
                    screen[y][x] = shows(&cell);
                    last = c.is_ascii().then_some(c);
                    x += 1;
                    if x == w {
                        // Pending wrap: the next move must be explicit.
                        x = w;
                    }
                }
            }
        }
        (t.x, t.y) = (x, y);
    }

    /// The terminal model's state: what is shown, the pen and the cursor (all kept between
    /// writes, as a terminal keeps them).
    struct Term {
        cells: Vec<Vec<String>>,
        pen: Pen,
        x: usize,
        y: usize,
        /// Left/right margin mode (DECLRMM).
        lrmm: bool,
    }

    impl Term {
        fn new(w: u16, h: u16) -> Term {
            let cells = vec![vec![" ".to_string(); w as usize]; h as usize];
            Term { cells, pen: Pen::DEFAULT, x: 0, y: 0, lrmm: false }
        }
    }

    /// What a cell looks like: its symbol, and for a blank only what shows on it.
    fn shows(c: &Cell) -> String {
        if blank_ignores(c) {
            return if c.bg == Color::Reset { " ".into() } else { format!(" {:?}", c.bg) };
        }
        if c.fg == Color::Reset && c.bg == Color::Reset && c.modifier.is_empty() {
            return c.symbol().into();
        }
        format!("{} {:?} {:?} {:?}", c.symbol(), c.fg, c.bg, c.modifier)
    }

    /// Applies SGR parameters to the pen.
    fn sgr(pen: &mut Pen, ps: &[usize]) {
        let basic = |n: usize| ANSI16_COLORS[n];
        let bright = |n: usize| ANSI16_COLORS[8 + n];
        let mut i = 0;
        while i < ps.len() {
            let ext = |i: &mut usize| -> Color {
                if ps[*i + 1] == 5 {
                    *i += 2;
                    Color::Indexed(ps[*i] as u8)
                } else {
                    *i += 4;
                    Color::Rgb(ps[*i - 2] as u8, ps[*i - 1] as u8, ps[*i] as u8)
                }
            };
            match ps[i] {
                0 => *pen = Pen::DEFAULT,
                n @ 1..=9 => pen.modifier |= Modifier::from_bits_truncate(1 << (n - 1)),
                22 => pen.modifier -= Modifier::BOLD | Modifier::DIM,
                23 => pen.modifier -= Modifier::ITALIC,
                24 => pen.modifier -= Modifier::UNDERLINED,
                25 => pen.modifier -= Modifier::SLOW_BLINK | Modifier::RAPID_BLINK,
                27 => pen.modifier -= Modifier::REVERSED,
                28 => pen.modifier -= Modifier::HIDDEN,
                29 => pen.modifier -= Modifier::CROSSED_OUT,
                n @ 30..=37 => pen.fg = basic(n - 30),
                38 => pen.fg = ext(&mut i),
                39 => pen.fg = Color::Reset,
                n @ 40..=47 => pen.bg = basic(n - 40),
                48 => pen.bg = ext(&mut i),
                49 => pen.bg = Color::Reset,
                n @ 90..=97 => pen.fg = bright(n - 90),
                n @ 100..=107 => pen.bg = bright(n - 100),
                n => panic!("unexpected SGR {n}"),
            }
            i += 1;
        }
    }

    fn symbols(b: &Buffer) -> Vec<Vec<String>> {
        (0..b.area.height).map(|y| (0..b.area.width).map(|x| shows(&b[(x, y)])).collect()).collect()
    }

    fn page(lines: &[String], from: usize, w: u16, h: u16) -> Buffer {
        let mut b = Buffer::empty(Rect::new(0, 0, w, h));
        text(&mut b, 0, "header");
        for y in 1..h - 1 {
            if let Some(l) = lines.get(from + y as usize - 1) {
                text(&mut b, y, l);
            }
        }
        text(&mut b, h - 1, &format!("status {from}"));
        b
    }

    fn lines() -> Vec<String> {
        (0..200).map(|i| format!("строка {i} текст {}", "слово ".repeat(i % 9))).collect()
    }

    #[test]
    fn scrolling_sends_one_line_and_the_result_is_the_frame() {
        let (w, h) = (80, 24);
        let ls = lines();
        let mut s = Screen::default();
        let mut term = Term::new(w, h);
        let first = s.frame(&page(&ls, 0, w, h), &[Rect::new(0, 1, w, h - 2)]);
        play(&mut term, &first.bytes);
        assert_eq!(term.cells, symbols(&page(&ls, 0, w, h)));
        for (from, by) in [(1, 1), (2, 1), (5, 3), (4, -1), (0, -4)] {
            let next = page(&ls, from, w, h);
            let out = s.frame(&next, &[Rect::new(0, 1, w, h - 2)]);
            play(&mut term, &out.bytes);
            assert_eq!(term.cells, symbols(&next), "after scrolling to {from}");
            assert_eq!(out.scroll.map(|s| s.by), Some(by), "scroll to {from}");
            let one_line: usize =
                (0..by.unsigned_abs() as usize).map(|i| ls[if by > 0 { from + 21 - i } else { from + i }].len()).sum();
            assert!(out.bytes.len() < one_line + 60, "{} bytes for a {by}-line scroll", out.bytes.len());
        }
    }

    #[test]
    fn a_scroll_costs_a_small_part_of_a_full_redraw() {
        let (w, h) = (80, 24);
        let ls = lines();
        let mut s = Screen::default();
        s.frame(&page(&ls, 0, w, h), &[Rect::new(0, 1, w, h - 2)]);
        let scrolled = s.frame(&page(&ls, 1, w, h), &[Rect::new(0, 1, w, h - 2)]).bytes.len();
        // The same step drawn by ratatui's own terminal, cell diff and crossterm backend.
        let sink = Sink::default();
        let mut t = ratatui::Terminal::with_options(
            CrosstermBackend::new(sink.clone()),
            ratatui::TerminalOptions { viewport: ratatui::Viewport::Fixed(Rect::new(0, 0, w, h)) },
        )
        .unwrap();
        t.draw(|f| f.buffer_mut().merge(&page(&ls, 0, w, h))).unwrap();
        let before = sink.0.borrow().len();
        t.draw(|f| f.buffer_mut().merge(&page(&ls, 1, w, h))).unwrap();
        let redraw = sink.0.borrow().len() - before;
        assert!(scrolled * 8 < redraw, "scroll {scrolled} bytes, ratatui's redraw {redraw}");
    }

    #[test]
    fn split_views_scroll_the_rows_and_repair_the_other_pane_only_when_cheaper() {
        let (w, h) = (80, 24);
        let ls = lines();
        let split = |from: usize, tree: &[&str]| {
            let mut b = Buffer::empty(Rect::new(0, 0, w, h));
            for y in 1..h - 1 {
                b.set_string(0, y, tree.get(y as usize - 1).copied().unwrap_or(""), Style::default());
                b.set_string(30, y, "│", Style::default());
                if let Some(l) = ls.get(from + y as usize - 1) {
                    b.set_stringn(31, y, l, 49, Style::default());
                }
            }
            b
        };
        let mut s = Screen::default();
        let mut term = Term::new(w, h);
        let pane = [Rect::new(31, 1, 49, h - 2)];
        // A short tree: scrolling and repairing it is cheaper than redrawing the content.
        let tree = ["1 Общие", "2 Здравоохранение", "3 Образование"];
        play(&mut term, &s.frame(&split(0, &tree), &pane).bytes);
        let next = split(1, &tree);
        let out = s.frame(&next, &pane);
        play(&mut term, &out.bytes);
        assert_eq!(term.cells, symbols(&next));
        assert!(out.scroll.is_some());
        // Whatever was chosen, it is never worse than the plain diff.
        let mut plain = Encoder::new(next.area, None, None, false);
        plain.diff(&split(1, &tree), &split(2, &tree));
        let out = s.frame(&split(2, &tree), &pane);
        assert!(out.bytes.len() <= plain.bytes.len());
        play(&mut term, &out.bytes);
        assert_eq!(term.cells, symbols(&split(2, &tree)));
    }

    #[test]
    fn unrelated_frames_and_resizes_are_drawn_right() {
        let (w, h) = (40, 10);
        let mut s = Screen::default();
        let mut term = Term::new(w, h);
        let mut a = Buffer::empty(Rect::new(0, 0, w, h));
        for y in 0..h {
            a.set_string(0, y, format!("{y} первый вид").repeat(3), Style::default().fg(Color::Red));
        }
        let mut b = Buffer::empty(Rect::new(0, 0, w, h));
        for y in 0..h {
            b.set_string((y * 3) % 20, y, "второй", Style::default().bg(Color::Indexed(236)));
        }
        for next in [&a, &b, &a] {
            let out = s.frame(next, &[Rect::new(0, 0, w, h)]);
            play(&mut term, &out.bytes);
            assert_eq!(term.cells, symbols(next));
        }
        // A resize: unknown screen, cleared and drawn whole.
        let c = Buffer::empty(Rect::new(0, 0, 30, 5));
        let out = s.frame(&c, &[]);
        assert!(out.bytes.starts_with(b"\x1b[0m\x1b[2J"));
    }

    #[test]
    fn blanks_ignore_invisible_attributes_and_the_screen_stays_exact() {
        // Words in two colours with blanks between: the blanks need no colour change of their own.
        let (w, h) = (40, 3);
        let mut b = Buffer::empty(Rect::new(0, 0, w, h));
        b.set_string(0, 0, "один два", Style::default().fg(Color::Red).add_modifier(Modifier::BOLD));
        b.set_string(8, 0, "  три", Style::default().fg(Color::Blue));
        b.set_string(0, 1, "   ", Style::default().fg(Color::Blue).add_modifier(Modifier::REVERSED));
        let mut s = Screen::default();
        let mut term = Term::new(w, h);
        let out = s.frame(&b, &[]);
        play(&mut term, &out.bytes);
        assert_eq!(term.cells, symbols(&b));
        let text = String::from_utf8(out.bytes).unwrap();
        // SGR sequences: CSI parameters ending in `m`.
        let sgr =
            text.split("\x1b[").skip(1).filter(|p| p.chars().find(|c| c.is_ascii_alphabetic()) == Some('m')).count();
        // The clear's reset, red bold, blue, and the reversed blanks (they show).
        assert!(sgr <= 4, "{sgr} colour changes: {text:?}");
        // A blank whose only difference is its foreground is not redrawn.
        let mut c = b.clone();
        c[(20, 2)].set_fg(Color::Green);
        assert!(s.frame(&c, &[]).bytes.is_empty());
    }

    /// The key of the first document's longest text section (not a projects or indicators
    /// table, where `j` moves a row cursor).
    fn longest_text_section(a: &crate::tui::testing::Harness) -> String {
        a.docs[0]
            .doc
            .walk()
            .filter(|(_, s)| !s.key.starts_with("projects.") && !s.key.starts_with("indicators."))
            .max_by_key(|(_, s)| s.text().len())
            .map(|(_, s)| s.key.clone())
            .expect("the document has sections")
    }

    /// Opens a section as a reviewer does, through the palette.
    fn open_section(a: &mut crate::tui::testing::Harness, key: &str) {
        a.press(":");
        a.type_text(key);
        a.settle();
        a.press("enter");
    }

    /// The real UI, driven by keys: every frame the run loop's drawing path sends, played on the
    /// terminal model, gives exactly the screen drawn, and a one-line scroll of the maximised
    /// content costs a small part of what ratatui's own terminal sends for it.
    #[test]
    fn the_uis_frames_play_back_exactly_and_scroll_cheaply() {
        use crate::tui::testing::Harness;
        for (w, h) in [(80, 24), (120, 40)] {
            let docs = crate::load::load_bundled().docs;
            let mut a = Harness::new(docs, Vec::new(), w, h);
            let mut screen = Screen::default();
            let mut term = Term::new(w, h);
            let sink = Sink::default();
            let mut ratatui_term = ratatui::Terminal::with_options(
                CrosstermBackend::new(sink.clone()),
                ratatui::TerminalOptions { viewport: ratatui::Viewport::Fixed(Rect::new(0, 0, w, h)) },
            )
            .unwrap();
            // The longest text section (not a projects or indicators table), reached through the
            // palette (the "open" step), then maximised and scrolled.
            let biggest = longest_text_section(&a);
            let steps = [
                "", "j", "j", "tab", "j", "j", "enter", "tab", "j", "k", "ctrl-d", "?", "j", "esc", "e", "esc", "open",
                "j", "j", "k", "z", "j", "j", "k", "G", "g", "z", "tab", "tab", "j",
            ];
            let mut scrolls = 0;
            for keys in steps {
                if keys == "open" {
                    open_section(&mut a, &biggest);
                } else {
                    a.press(keys);
                }
                let bytes = crate::tui::frame_bytes(&mut screen, &a);
                play(&mut term, &bytes);
                let drawn = a.buffer();
                assert_eq!(
                    term.cells,
                    symbols(&drawn),
                    "{w}x{h} after {keys:?}: {:?}",
                    String::from_utf8_lossy(&bytes)
                );
                let before = sink.0.borrow().len();
                ratatui_term.draw(|f| crate::tui::view::draw(f, &a)).unwrap();
                let theirs = sink.0.borrow().len() - before;
                if a.layers.browse.maximized
                    && a.layers.browse.focus == crate::tui::state::Pane::Content
                    && keys == "j"
                    && theirs > 0
                {
                    assert!(
                        bytes.len() * 6 < theirs,
                        "{w}x{h}: a maximised one-line scroll sent {} bytes, ratatui's terminal {theirs}",
                        bytes.len()
                    );
                    scrolls += 1;
                }
            }
            assert_eq!(scrolls, 2, "{w}x{h}: the maximised one-line scrolls were checked");
        }
    }

    #[test]
    fn runs_of_blanks_are_erased() {
        let (w, h) = (40, 2);
        let mut a = Buffer::empty(Rect::new(0, 0, w, h));
        a.set_string(0, 0, "длинная строка текста до края", Style::default().bg(Color::Blue));
        let mut b = Buffer::empty(Rect::new(0, 0, w, h));
        b.set_string(0, 0, "коротко", Style::default().bg(Color::Blue));
        let mut s = Screen::default();
        let mut term = Term::new(w, h);
        play(&mut term, &s.frame(&a, &[]).bytes);
        let out = s.frame(&b, &[]);
        play(&mut term, &out.bytes);
        assert_eq!(term.cells, symbols(&b));
        let text = String::from_utf8(out.bytes).unwrap();
        assert!(text.contains("\x1b[22X"), "{text:?}");
        assert!(text.len() < 40, "{text:?}");
    }

    #[test]
    fn pens_change_by_the_shortest_sequence() {
        let mut e = Encoder::new(Rect::new(0, 0, 10, 1), None, None, false);
        e.set_pen(Pen { fg: Color::Red, ..Pen::DEFAULT });
        assert_eq!(e.bytes, b"\x1b[0;31m");
        e.bytes.clear();
        e.set_pen(Pen { fg: Color::Red, bg: Color::Indexed(236), modifier: Modifier::BOLD });
        assert_eq!(e.bytes, b"\x1b[1;48;5;236m");
        e.bytes.clear();
        e.set_pen(Pen { fg: Color::Red, bg: Color::Indexed(236), modifier: Modifier::ITALIC });
        assert_eq!(e.bytes, b"\x1b[22;3m", "bold off, italic on");
        e.bytes.clear();
        e.set_pen(Pen::DEFAULT);
        assert_eq!(e.bytes, b"\x1b[0m");
    }

    #[test]
    fn the_scroll_model_matches_ratatuis_test_backend() {
        // TestBackend implements the scrolling-regions calls as the terminal does; the shift
        // used for the model must agree with it.
        let mut tb = TestBackend::new(5, 6);
        let mut b = Buffer::empty(Rect::new(0, 0, 5, 6));
        for y in 0..6 {
            text(&mut b, y, &format!("r{y}"));
        }
        for s in [
            Scroll { top: 1, bottom: 5, by: 1, left: 0, right: 5 },
            Scroll { top: 2, bottom: 6, by: -2, left: 0, right: 5 },
        ] {
            let mut t = ratatui::Terminal::new(TestBackend::new(5, 6)).unwrap();
            t.draw(|f| f.buffer_mut().merge(&b)).unwrap();
            tb = t.backend().clone();
            let n = s.by.unsigned_abs() as u16;
            if s.by > 0 {
                tb.scroll_region_up(s.top..s.bottom, n).unwrap();
            } else {
                tb.scroll_region_down(s.top..s.bottom, n).unwrap();
            }
            let mut m = b.clone();
            shift(&mut m, s);
            assert_eq!(symbols(tb.buffer()), symbols(&m), "{s:?}");
        }
        let _ = tb;
    }

    /// The real UI's split view (section tree beside the content) scrolled line by line, on a
    /// terminal without left/right margins (as tmux) and on one with them: every frame plays back
    /// exactly; without margins the bytes stay close to the floor of the characters that must
    /// be written, with them a scroll costs about its new line.
    #[test]
    fn split_view_scrolls_near_the_floor_and_by_its_line_with_margins() {
        use crate::tui::testing::Harness;
        let docs = crate::load::load_bundled().docs;
        let mut a = Harness::new(docs, Vec::new(), 80, 24);
        let biggest = longest_text_section(&a);
        open_section(&mut a, &biggest);
        let area = a.app.size;
        let draw = |a: &Harness| {
            let mut buf = Buffer::empty(area);
            crate::tui::view::draw_buf(&a.app, area, &mut buf);
            buf
        };
        let mut totals = Vec::new();
        for caps in [Caps { rep: true, margins: false }, Caps { rep: true, margins: true }] {
            let mut screen = Screen::with_caps(caps);
            let mut term = Term::new(area.width, area.height);
            term.lrmm = caps.margins;
            let first = draw(&a);
            play(&mut term, &screen.frame(&first, &crate::tui::view::scrollable(&a.app, area)).bytes);
            let (mut bytes, mut glyphs, mut lines) = (0, 0, 0);
            for i in 0..60 {
                a.press(if i < 40 { "j" } else { "k" });
                let next = draw(&a);
                let out = screen.frame(&next, &crate::tui::view::scrollable(&a.app, area));
                play(&mut term, &out.bytes);
                assert_eq!(
                    term.cells,
                    symbols(&next),
                    "{caps:?} after scroll {i}: {:?}",
                    String::from_utf8_lossy(&out.bytes)
                );
                bytes += out.bytes.len();
                glyphs += out.glyphs;
                // The content line scrolled in.
                let y = if i < 40 { area.height - 3 } else { 1 };
                lines += (31..area.width - 1).map(|x| next[(x, y)].symbol().len()).sum::<usize>();
            }
            eprintln!(
                "{caps:?}: 60 split-view scrolls {bytes} B, characters that must be written {glyphs} B, the new lines {lines} B"
            );
            if caps.margins {
                assert!(bytes < lines + 60 * 60, "{bytes} B with margins for {lines} B of new lines");
            } else {
                assert!(bytes * 10 < glyphs * 17, "{bytes} B without margins over a floor of {glyphs} B");
            }
            totals.push(bytes);
            for _ in 0..20 {
                a.press("k");
            }
        }
        assert!(totals[1] * 5 < totals[0], "margins cut the split view's bytes: {totals:?}");
    }

    /// A private tmux server whose pane shows what is written to its terminal (raw, as the UI
    /// runs it): the encoder's frames checked on a real terminal. `None`, with a notice, when
    /// tmux is not installed; under `CI=true` that fails.
    struct RealTmux {
        socket: String,
        tty: std::fs::File,
    }

    impl RealTmux {
        fn start(name: &str, w: u16, h: u16) -> Option<RealTmux> {
            use std::process::Command;
            if Command::new("tmux").arg("-V").output().is_err() {
                let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
                assert!(!ci, "tmux is not installed, and CI=true needs it");
                eprintln!("SKIPPED: tmux is not installed; install it to run this test");
                return None;
            }
            let socket = format!("strata-screen-{name}-{}", std::process::id());
            let t = |args: &[&str]| {
                let out = Command::new("tmux").arg("-L").arg(&socket).args(args).output().expect("tmux");
                assert!(out.status.success(), "tmux {args:?}: {}", String::from_utf8_lossy(&out.stderr));
                String::from_utf8(out.stdout).unwrap()
            };
            let (ws, hs) = (w.to_string(), h.to_string());
            t(&["-f", "/dev/null", "new-session", "-d", "-x", &ws, "-y", &hs, "sleep", "600"]);
            let path = t(&["display-message", "-p", "#{pane_tty}"]).trim().to_string();
            let raw = Command::new("stty").args(["-F", &path, "raw", "-echo"]).status().expect("stty");
            assert!(raw.success(), "stty raw on {path}");
            let tty = std::fs::OpenOptions::new().write(true).open(&path).expect("the pane's terminal");
            Some(RealTmux { socket, tty })
        }

        /// Writes `bytes` to the pane, then waits (with a generous deadline) until the pane shows
        /// the characters of `b`.
        fn show(&mut self, bytes: &[u8], b: &Buffer, what: &str) {
            use std::io::Write;
            self.tty.write_all(bytes).unwrap();
            self.tty.flush().unwrap();
            let want: Vec<String> = (0..b.area.height)
                .map(|y| {
                    let mut row = String::new();
                    let mut skip = 0;
                    for x in 0..b.area.width {
                        if skip > 0 {
                            skip -= 1;
                            continue;
                        }
                        let sym = b[(x, y)].symbol();
                        skip = sym.width().saturating_sub(1);
                        row.push_str(sym);
                    }
                    row.trim_end().to_string()
                })
                .collect();
            let end = std::time::Instant::now() + std::time::Duration::from_secs(60);
            loop {
                let out = std::process::Command::new("tmux")
                    .args(["-L", &self.socket, "capture-pane", "-p"])
                    .output()
                    .expect("tmux capture-pane");
                let got: Vec<String> =
                    String::from_utf8_lossy(&out.stdout).lines().map(|l| l.trim_end().to_string()).collect();
                let got: Vec<String> = (0..want.len()).map(|i| got.get(i).cloned().unwrap_or_default()).collect();
                if got == want {
                    return;
                }
                assert!(
                    std::time::Instant::now() < end,
                    "{what}: tmux shows\n{}\ninstead of\n{}\nafter {:?}",
                    got.join("\n"),
                    want.join("\n"),
                    String::from_utf8_lossy(bytes)
                );
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
        }
    }

    impl Drop for RealTmux {
        fn drop(&mut self) {
            let _ = std::process::Command::new("tmux").args(["-L", &self.socket, "kill-server"]).output();
        }
    }

    /// Each sequence the encoder writes has, in a real tmux, the effect the model gives it: CHA,
    /// VPA, EL, ECH, REP after an ASCII character, the scroll region; then the real UI's split
    /// view and maximised pane scrolled, frame by frame, show exactly what was drawn.
    #[test]
    fn a_real_tmux_shows_exactly_the_frames() {
        let (w, h) = (80, 24);
        let Some(mut tmux) = RealTmux::start("frames", w, h) else { return };
        let caps = Caps { rep: true, margins: false };
        let mut s = Screen::with_caps(caps);
        let mut term = Term::new(w, h);
        // Synthetic frames that call for each sequence.
        let mut a = Buffer::empty(Rect::new(0, 0, w, h));
        for y in 0..h {
            a.set_string(0, y, format!("{y:02}{}", "ж".repeat(78)), Style::default());
        }
        let mut b = a.clone();
        b.set_string(3, 4, "----------------====", Style::default());
        b.set_string(40, 5, " ".repeat(40), Style::default());
        b.set_string(10, 6, " ".repeat(12), Style::default());
        b.set_string(30, 6, "x", Style::default());
        b.set_string(9, 9, "a", Style::default());
        b.set_string(9, 15, "b", Style::default());
        b.set_string(60, 16, "c", Style::default());
        // Two colours over far rows: grouped by colour, the second group starts with a move up.
        for (x, y, colour) in [(5, 2, Color::Red), (5, 20, Color::Red), (9, 3, Color::Blue), (9, 21, Color::Blue)] {
            b.set_string(x, y, "цвет", Style::default().fg(colour));
        }
        let mut frames = Vec::new();
        for (i, next) in [&a, &b].into_iter().enumerate() {
            let out = s.frame(next, &[]);
            play(&mut term, &out.bytes);
            assert_eq!(term.cells, symbols(next));
            tmux.show(&out.bytes, next, &format!("synthetic frame {i}"));
            frames.push(String::from_utf8(out.bytes).unwrap());
        }
        let finals: String =
            frames[1].split("\x1b[").skip(1).filter_map(|p| p.chars().find(|c| c.is_ascii_alphabetic())).collect();
        for (seq, what) in [("\x1b[K", "EL"), ("\x1b[12X", "ECH"), ("-\x1b[15b", "REP")] {
            assert!(frames[1].contains(seq), "{what} not used: {:?}", frames[1]);
        }
        assert!(finals.contains('G') && finals.contains('d'), "CHA and VPA not used: {:?}", frames[1]);
        // The real UI.
        let docs = crate::load::load_bundled().docs;
        let mut ui = crate::tui::testing::Harness::new(docs, Vec::new(), w, h);
        let key = longest_text_section(&ui);
        let mut scrolled = 0;
        for step in ["", "open", "j", "j", "j", "k", "k", "ctrl-d", "z", "j", "j", "k", "ctrl-d", "z", "tab", "j"] {
            if step == "open" {
                open_section(&mut ui, &key);
            } else {
                ui.press(step);
            }
            let area = ui.app.size;
            let mut next = Buffer::empty(area);
            crate::tui::view::draw_buf(&ui.app, area, &mut next);
            let out = s.frame(&next, &crate::tui::view::scrollable(&ui.app, area));
            scrolled += usize::from(out.scroll.is_some());
            play(&mut term, &out.bytes);
            assert_eq!(term.cells, symbols(&next), "the model after {step:?}");
            tmux.show(&out.bytes, &next, &format!("after {step:?}"));
        }
        assert!(scrolled >= 8, "{scrolled} frames used the scroll region");
    }
}
