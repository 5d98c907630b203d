//! What the terminal shows, and the fewest bytes that change it into the next frame: the cost
//! that matters over a slow SSH link.
//!
//! ratatui's own [`ratatui::Terminal`] diffs the frame cell by cell and writes each changed run
//! with an absolute cursor move and a full colour change. Scrolling a pane changes every one of
//! its rows, so a one-line scroll redraws the whole pane (about 3.5 KB at 80x24, where `less`
//! sends under 100 bytes). [`Screen`] keeps its own copy of the screen and, per frame:
//! 1. looks, in the rectangles the caller names (the panes that scroll), for rows of the new frame
//!    that equal rows of the shown one moved up or down by `k`;
//! 2. if so, prices a terminal scroll of those rows (DECSTBM scroll region and SU/SD, written by
//!    ratatui's `scrolling-regions` backend call): the terminal moves the rows itself, its model
//!    of the screen is shifted the same way (whole rows, as the terminal does), and the cells
//!    that still differ (the new lines, and in a split view the other pane's cells in those rows)
//!    are drawn;
//! 3. draws without scrolling otherwise, or whenever that is cheaper: the scroll is only an
//!    offer, the result is always a plain cell diff against an exact model of the terminal, so
//!    anything unexpected costs bytes, never a wrong screen.
//!
//! Changed cells are written with the shortest cursor move (relative moves, a carriage return,
//! or rewriting a short unchanged gap) and the shortest colour change from the current one.

use ratatui::backend::{Backend, CrosstermBackend};
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

/// A scroll of whole rows `top..bottom`, `by` rows up (positive) or down (negative).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Scroll {
    pub top: u16,
    pub bottom: u16,
    pub by: i32,
}

/// What one frame sends: the bytes, and the scroll used (for tests and measurements).
#[derive(Debug, Default)]
pub(crate) struct Output {
    pub bytes: Vec<u8>,
    #[cfg_attr(not(test), allow(dead_code))]
    pub scroll: Option<Scroll>,
}

impl Screen {
    /// A screen whose contents are unknown: the first frame clears it and draws everything.
    pub fn new() -> Screen {
        Screen::default()
    }

    /// Forgets what the terminal shows (after a suspend, a resume, or another program drew on
    /// it), so the next frame is drawn whole.
    pub fn invalidate(&mut self) {
        *self = Screen::default();
    }

    /// The bytes that turn the shown screen into `next`. `scrollable` are the rectangles whose
    /// contents may have moved by whole lines since the last frame (the pane bodies); their rows
    /// are offered to the terminal's scroll region. The new frame becomes the shown one.
    pub fn frame(&mut self, next: &Buffer, scrollable: &[Rect]) -> Output {
        let same_size = self.shown.as_ref().is_some_and(|s| s.area == next.area);
        if !same_size {
            // Unknown or resized: clear, then draw every cell that is not blank.
            let mut e = Encoder::new(next.area, None, None);
            e.bytes.extend_from_slice(b"\x1b[0m\x1b[2J");
            e.pen = Some(Pen::DEFAULT);
            let blank = Buffer::empty(next.area);
            e.diff(&blank, next);
            return self.finish(e, next, None);
        }
        let shown = self.shown.take().expect("checked above");
        let plain = {
            let mut e = Encoder::new(next.area, self.cursor, self.pen);
            e.diff(&shown, next);
            e
        };
        let mut best: (Encoder, Option<Scroll>) = (plain, None);
        for s in scrollable.iter().filter_map(|r| find_scroll(&shown, next, *r)) {
            let mut moved = shown.clone();
            shift(&mut moved, s);
            let mut e = Encoder::new(next.area, self.cursor, self.pen);
            e.scroll(s);
            e.diff(&moved, next);
            if e.bytes.len() < best.0.bytes.len() {
                best = (e, Some(s));
            }
        }
        self.finish(best.0, next, best.1)
    }

    fn finish(&mut self, e: Encoder, next: &Buffer, scroll: Option<Scroll>) -> Output {
        self.cursor = e.cursor;
        self.pen = e.pen;
        self.shown = Some(next.clone());
        Output { bytes: e.bytes, scroll }
    }
}

/// Finds, within `r`, the scroll that lines up most rows of `next` with rows of `shown`: the
/// longest run of rows `y` where `next`'s row equals `shown`'s row `y + k` over `r`'s columns.
/// Needs at least two rows moved and more than a third of the rectangle's rows.
fn find_scroll(shown: &Buffer, next: &Buffer, r: Rect) -> Option<Scroll> {
    let r = r.intersection(next.area);
    if r.height < 3 || r.width == 0 {
        return None;
    }
    fn cells(b: &Buffer, r: Rect, y: u16) -> &[Cell] {
        let start = b.index_of(r.x, y);
        &b.content[start..start + r.width as usize]
    }
    let row = |b, y| cells(b, r, y);
    // Rows that already match need no scroll.
    let unchanged = (r.y..r.bottom()).filter(|&y| row(shown, y) == row(next, y)).count();
    let mut best: Option<(usize, Scroll)> = None;
    let h = r.height as i32;
    for k in (1..h - 1).flat_map(|k| [k, -k]) {
        // Longest run of y with next[y] == shown[y + k], both inside r.
        let (mut run, mut run_start) = (0usize, 0u16);
        for y in r.y..r.bottom() {
            let src = y as i32 + k;
            let hit = src >= r.y as i32 && src < r.bottom() as i32 && row(next, y) == row(shown, src as u16);
            if hit {
                if run == 0 {
                    run_start = y;
                }
                run += 1;
                let s = if k > 0 {
                    // Content moved up: the region spans the run and the rows it came from.
                    Scroll { top: run_start, bottom: y + 1 + k as u16, by: k }
                } else {
                    Scroll { top: run_start - (-k) as u16, bottom: y + 1, by: k }
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

/// Moves whole rows of `b` as the terminal does for the scroll: rows scrolled in are blank.
fn shift(b: &mut Buffer, s: Scroll) {
    let w = b.area.width as usize;
    let (top, bottom) = (s.top as usize, s.bottom as usize);
    let rows = |y: usize| (y - b.area.y as usize) * w;
    let k = s.by.unsigned_abs() as usize;
    let (start, end) = (rows(top), rows(bottom));
    let region = &mut b.content[start..end];
    if k >= bottom - top {
        region.fill(Cell::default());
    } else if s.by > 0 {
        region.rotate_left(k * w);
        let n = region.len();
        region[n - k * w..].fill(Cell::default());
    } else {
        region.rotate_right(k * w);
        region[..k * w].fill(Cell::default());
    }
}

/// Writes cell updates with the shortest cursor moves and colour changes.
struct Encoder {
    area: Rect,
    bytes: Vec<u8>,
    cursor: Option<Cursor>,
    pen: Option<Pen>,
}

impl Encoder {
    fn new(area: Rect, cursor: Option<Cursor>, pen: Option<Pen>) -> Encoder {
        Encoder { area, bytes: Vec::new(), cursor, pen }
    }

    /// The terminal scroll, through ratatui's scrolling-regions backend call (DECSTBM, SU or
    /// SD, DECSTBM reset). Rows scrolled in take the current background, so the pen is reset
    /// first; the scroll region's reset leaves the cursor at the top left.
    fn scroll(&mut self, s: Scroll) {
        if self.pen != Some(Pen::DEFAULT) {
            self.bytes.extend_from_slice(b"\x1b[0m");
            self.pen = Some(Pen::DEFAULT);
        }
        let mut b = CrosstermBackend::new(&mut self.bytes);
        let n = s.by.unsigned_abs() as u16;
        // Writing into a Vec cannot fail.
        let _ =
            if s.by > 0 { b.scroll_region_up(s.top..s.bottom, n) } else { b.scroll_region_down(s.top..s.bottom, n) };
        self.cursor = Some(Cursor { x: 0, y: 0, pending_wrap: false });
    }

    /// Writes the cells where `next` differs from `shown` (ratatui's own cell diff decides which).
    fn diff(&mut self, shown: &Buffer, next: &Buffer) {
        for (x, y, cell) in shown.diff(next) {
            self.move_to(x, y, next);
            self.set_pen(Pen::of(cell));
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
    }

    /// The shortest way from the cursor to `(x, y)`: already there; rewriting the unchanged cells
    /// between (same row, same colours); a relative move; or an absolute one.
    fn move_to(&mut self, x: u16, y: u16, next: &Buffer) {
        let mut best = cup(x - self.area.x, y - self.area.y);
        if let Some(c) = self.cursor {
            if !c.pending_wrap && c.y == y && c.x == x {
                return;
            }
            if let Some(gap) = self.gap(c, x, y, next)
                && gap.len() <= best.len()
            {
                best = gap;
            }
            let rel = relative(c, x - self.area.x, y - self.area.y, self.area.x);
            if rel.len() < best.len() {
                best = rel;
            }
        }
        self.bytes.extend_from_slice(best.as_bytes());
    }

    /// The unchanged cells between the cursor and `x` on its row, when they can be written as
    /// they are (one column each, the current pen).
    fn gap(&self, c: Cursor, x: u16, y: u16, next: &Buffer) -> Option<String> {
        if c.pending_wrap || c.y != y || c.x >= x || x - c.x > 8 {
            return None;
        }
        let pen = self.pen?;
        let mut s = String::new();
        for gx in c.x..x {
            let cell = &next[(gx, y)];
            let sym = cell.symbol();
            if Pen::of(cell) != pen || cell.diff_option != CellDiffOption::None || sym.width() != 1 || !is_plain(sym) {
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
        if let Some(from) = self.pen
            && from.modifier - to.modifier == Modifier::empty()
        {
            let mut delta = String::new();
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

/// The shortest relative move: vertical by line feeds or CUU/CUD, then horizontal by a carriage
/// return and CUF, or CUF/CUB. (Line feeds are only used above the last row, where they cannot
/// scroll; in raw mode a line feed keeps the column.)
fn relative(c: Cursor, x: u16, y: u16, left: u16) -> String {
    let cx = c.x - left;
    let cy = c.y;
    let mut v = String::new();
    if y > cy {
        let n = y - cy;
        if n <= 3 {
            v.extend(std::iter::repeat_n('\n', n as usize))
        } else {
            let _ = write!(v, "\x1b[{n}B");
        }
    } else if y < cy {
        let n = cy - y;
        let _ = write!(v, "\x1b[{}A", if n == 1 { String::new() } else { n.to_string() });
    }
    let n_arg = |n: u16| if n == 1 { String::new() } else { n.to_string() };
    let mut h = String::new();
    // After a pending wrap the column is ambiguous to some terminals: a carriage return first.
    if c.pending_wrap || x == 0 {
        h.push('\r');
        if x > 0 {
            let _ = write!(h, "\x1b[{}C", n_arg(x));
        }
    } else if x > cx {
        let _ = write!(h, "\x1b[{}C", n_arg(x - cx));
        let cr = format!("\r\x1b[{}C", n_arg(x));
        if cr.len() < h.len() {
            h = cr;
        }
    } else if x < cx {
        let _ = write!(h, "\x1b[{}D", n_arg(cx - x));
        let cr = format!("\r\x1b[{}C", n_arg(x));
        if cr.len() < h.len() {
            h = cr;
        }
    }
    v + &h
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
        Color::Black => base(30),
        Color::Red => base(31),
        Color::Green => base(32),
        Color::Yellow => base(33),
        Color::Blue => base(34),
        Color::Magenta => base(35),
        Color::Cyan => base(36),
        Color::Gray => base(37),
        Color::DarkGray => base(90),
        Color::LightRed => base(91),
        Color::LightGreen => base(92),
        Color::LightYellow => base(93),
        Color::LightBlue => base(94),
        Color::LightMagenta => base(95),
        Color::LightCyan => base(96),
        Color::White => base(97),
        Color::Indexed(i) => format!("{ext};5;{i}"),
        Color::Rgb(r, g, b) => format!("{ext};2;{r};{g};{b}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::TestBackend;
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
    /// bytes really produce the frame: CUP, CUF/CUB/CUU/CUD, CR, LF, DECSTBM with SU/SD, ED 2,
    /// SGR (colours and modifiers are not checked here: only the symbols).
    fn play(screen: &mut Vec<Vec<String>>, bytes: &[u8]) {
        let text = std::str::from_utf8(bytes).unwrap();
        let (h, w) = (screen.len(), screen[0].len());
        let (mut x, mut y, mut top, mut bottom) = (0usize, 0usize, 0usize, h);
        let mut cs = text.chars().peekable();
        let blank = || " ".to_string();
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
                    match fin {
                        'H' => {
                            y = ps[0].max(1) - 1;
                            x = ps.get(1).copied().unwrap_or(1).max(1) - 1;
                        }
                        'A' => y -= n,
                        'B' => y += n,
                        'C' => x = (x + n).min(w - 1),
                        'D' => x -= n,
                        'J' => screen.iter_mut().for_each(|r| r.iter_mut().for_each(|c| *c = blank())),
                        'm' => {}
                        'r' => {
                            if params.is_empty() {
                                (top, bottom) = (0, h);
                            } else {
                                (top, bottom) = (ps[0] - 1, ps[1]);
                            }
                            (x, y) = (0, 0);
                        }
                        'S' => {
                            for _ in 0..n {
                                screen.remove(top);
                                screen.insert(bottom - 1, vec![blank(); w]);
                            }
                        }
                        'T' => {
                            for _ in 0..n {
                                screen.remove(bottom - 1);
                                screen.insert(top, vec![blank(); w]);
                            }
                        }
                        other => panic!("unexpected CSI {other}"),
                    }
                }
                '\r' => x = 0,
                '\n' => {
                    assert!(y + 1 < h, "a line feed on the last row would scroll");
                    y += 1
                }
                c => {
                    if x >= w {
                        panic!("wrote past the right edge");
                    }
                    screen[y][x] = c.to_string();
                    x += 1;
                    if x == w {
                        // Pending wrap: the next move must be explicit.
                        x = w;
                    }
                }
            }
        }
    }

    fn symbols(b: &Buffer) -> Vec<Vec<String>> {
        (0..b.area.height).map(|y| (0..b.area.width).map(|x| b[(x, y)].symbol().to_string()).collect()).collect()
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
        let mut s = Screen::new();
        let mut term = vec![vec![" ".to_string(); w as usize]; h as usize];
        let first = s.frame(&page(&ls, 0, w, h), &[Rect::new(0, 1, w, h - 2)]);
        play(&mut term, &first.bytes);
        assert_eq!(term, symbols(&page(&ls, 0, w, h)));
        for (from, by) in [(1, 1), (2, 1), (5, 3), (4, -1), (0, -4)] {
            let next = page(&ls, from, w, h);
            let out = s.frame(&next, &[Rect::new(0, 1, w, h - 2)]);
            play(&mut term, &out.bytes);
            assert_eq!(term, symbols(&next), "after scrolling to {from}");
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
        let mut s = Screen::new();
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
        let mut s = Screen::new();
        let mut term = vec![vec![" ".to_string(); w as usize]; h as usize];
        let pane = [Rect::new(31, 1, 49, h - 2)];
        // A short tree: scrolling and repairing it is cheaper than redrawing the content.
        let tree = ["1 Общие", "2 Здравоохранение", "3 Образование"];
        play(&mut term, &s.frame(&split(0, &tree), &pane).bytes);
        let next = split(1, &tree);
        let out = s.frame(&next, &pane);
        play(&mut term, &out.bytes);
        assert_eq!(term, symbols(&next));
        assert!(out.scroll.is_some());
        // Whatever was chosen, it is never worse than the plain diff.
        let mut plain = Encoder::new(next.area, None, None);
        plain.diff(&split(1, &tree), &split(2, &tree));
        let out = s.frame(&split(2, &tree), &pane);
        assert!(out.bytes.len() <= plain.bytes.len());
        play(&mut term, &out.bytes);
        assert_eq!(term, symbols(&split(2, &tree)));
    }

    #[test]
    fn unrelated_frames_and_resizes_are_drawn_right() {
        let (w, h) = (40, 10);
        let mut s = Screen::new();
        let mut term = vec![vec![" ".to_string(); w as usize]; h as usize];
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
            assert_eq!(term, symbols(next));
        }
        // A resize: unknown screen, cleared and drawn whole.
        let c = Buffer::empty(Rect::new(0, 0, 30, 5));
        let out = s.frame(&c, &[]);
        assert!(out.bytes.starts_with(b"\x1b[0m\x1b[2J"));
    }

    #[test]
    fn pens_change_by_the_shortest_sequence() {
        let mut e = Encoder::new(Rect::new(0, 0, 10, 1), None, None);
        e.set_pen(Pen { fg: Color::Red, ..Pen::DEFAULT });
        assert_eq!(e.bytes, b"\x1b[0;31m");
        e.bytes.clear();
        e.set_pen(Pen { fg: Color::Red, bg: Color::Indexed(236), modifier: Modifier::BOLD });
        assert_eq!(e.bytes, b"\x1b[1;48;5;236m");
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
        for s in [Scroll { top: 1, bottom: 5, by: 1 }, Scroll { top: 2, bottom: 6, by: -2 }] {
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
}
