//! Text renderers for a [`DocDiff`]: unified, side by side, stat, JSON and Markdown.
//!
//! Colour has two levels, as delta does: a changed paragraph in the side's colour and the changed
//! words inside it emphasised. The markers `[-old-]` and `{+new+}` are always written, so the diff
//! reads the same without colour (NO_COLOR, pipes, colour-blind readers). Pieces carry document
//! text as it is; it is sanitised once, where it is written ([`crate::output::term::Painter`] for
//! the command line, the TUI's spans for the screen), and lines are wrapped by the display width
//! the sanitised text will have, never cut.

use super::words::SpanKind;
use super::{BlockRow, DocDiff, IndicatorDiff, ProjectDiff, SectionDiff, Status};
use crate::i18n::{Msg, tr, trf};
use crate::model::BlockKind;
use crate::output::term::{Painter, Safe, paint_into};
use crate::text::sanitize::is_invisible;
use std::borrow::Cow;
use std::fmt::Write;
use unicode_segmentation::UnicodeSegmentation;

/// Output formats of `strata diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One column, changed paragraphs with word markers.
    Unified,
    /// Two columns, A | B, aligned rows, wrapped.
    Side,
    /// Changed sections with counts of words added and removed.
    Stat,
    /// The [`DocDiff`] as JSON.
    Json,
    /// Markdown for reports.
    Markdown,
}

/// Rendering options.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions {
    /// Output format.
    pub format: Format,
    /// Write ANSI colour codes.
    pub color: bool,
    /// Total width in columns (at least 40 is used).
    pub width: usize,
}

/// Visual role of a piece of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Unchanged text.
    Plain,
    /// Text of a changed or removed paragraph in A.
    Minus,
    /// Deleted words inside a changed paragraph.
    MinusEmph,
    /// Text of a changed or added paragraph in B.
    Plus,
    /// Inserted words inside a changed paragraph.
    PlusEmph,
    /// A moved paragraph.
    Moved,
    /// Headers and labels.
    Header,
    /// Secondary information (numbers, counts).
    Dim,
}

impl Role {
    fn code(self) -> &'static str {
        match self {
            Role::Plain => "",
            Role::Minus => "\x1b[31m",
            Role::MinusEmph => "\x1b[1;37;41m",
            Role::Plus => "\x1b[32m",
            Role::PlusEmph => "\x1b[1;30;42m",
            Role::Moved => "\x1b[36m",
            Role::Header => "\x1b[1m",
            Role::Dim => "\x1b[2m",
        }
    }

    /// The role of a section, project or indicator row with this status.
    pub fn of(status: Status) -> Role {
        match status {
            Status::Same => Role::Plain,
            Status::Changed => Role::Header,
            Status::Added => Role::Plus,
            Status::Removed => Role::Minus,
            Status::Moved => Role::Moved,
        }
    }
}

/// A run of text with a role.
pub type Piece = (Role, String);

/// Renders the diff in the chosen format, sanitised for a terminal (see [`Painter`]).
pub fn render(d: &DocDiff, o: &RenderOptions) -> Safe {
    if o.format == Format::Json {
        return crate::output::json::to_safe_pretty(d).expect("a diff always serialises");
    }
    // The text is about the size of the changed rows' text: reserved at once, not doubled up.
    let size: usize = d.sections.iter().flat_map(|s| s.changes()).map(|r| row_bytes(r) * 5 / 4 + 16).sum();
    let items = 160 * (d.projects.len() + d.indicators.len());
    let mut out = Painter::with_capacity(o.color && o.format != Format::Markdown, size + items + 4096);
    let kept = build(&mut out, d, o, &mut |_| Ok(()));
    kept.expect("nothing is written while building in memory");
    out.finish()
}

/// Text [`render_to`] gathers before it writes it out.
const CHUNK: usize = 64 * 1024;

/// [`render`], written to `w` as it is made, a section or so at a time (about [`CHUNK`] bytes): a
/// long diff (a megabyte of text for two regions) is never held whole, and the reader starts on
/// it while the rest is made. The bytes are the same.
pub fn render_to(d: &DocDiff, o: &RenderOptions, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    if o.format == Format::Json {
        return w.write_all(render(d, o).as_str().as_bytes());
    }
    let mut out = Painter::with_capacity(o.color && o.format != Format::Markdown, 2 * CHUNK);
    build(&mut out, d, o, &mut |p| if p.len() >= CHUNK { p.flush_into(w) } else { Ok(()) })?;
    out.flush_into(w)
}

/// What a place where text may be written out does with the text built so far.
type Flush<'f> = dyn FnMut(&mut Painter) -> std::io::Result<()> + 'f;

/// The text formats, offering `flush` what is built after each section.
fn build(out: &mut Painter, d: &DocDiff, o: &RenderOptions, flush: &mut Flush<'_>) -> std::io::Result<()> {
    match o.format {
        Format::Stat => stat(out, d, o),
        Format::Markdown => markdown(out, d),
        _ => return text(out, d, o, flush),
    }
    Ok(())
}

/// Bytes of a row's texts.
fn row_bytes(r: &BlockRow) -> usize {
    r.text_a.as_deref().map_or(0, str::len) + r.text_b.as_deref().map_or(0, str::len)
}

/// Appends pieces to `out`, each sanitised, in colour when `color` is set.
pub fn paint(out: &mut String, pieces: &[Piece], color: bool) {
    for (role, t) in pieces {
        paint_into(out, role.code(), t, color);
    }
}

/// Appends one wrapped line of borrowed pieces, a colour run per role; `clean` when the wrapper
/// saw only characters that sanitising leaves as they are ([`Measured::clean`]).
fn paint_line(out: &mut Painter, line: &[Part<'_>], clean: bool) {
    let mut i = 0;
    while i < line.len() {
        let role = line[i].0;
        let end = line[i..].iter().position(|p| p.0 != role).map_or(line.len(), |k| i + k);
        let texts = line[i..end].iter().map(|p| p.1);
        if clean {
            out.run_clean(role.code(), texts)
        } else {
            out.run(role.code(), texts)
        }
        i = end;
    }
}

/// Appends owned pieces (one line).
fn paint_pieces(out: &mut Painter, pieces: &[Piece]) {
    for (role, t) in pieces {
        out.text(role.code(), t);
    }
}

/// Display width of pieces.
pub fn width_of(pieces: &[Piece]) -> usize {
    pieces.iter().map(|(_, t)| text_width(t)).sum()
}

/// Display width `s` will have once sanitised: one column per character for printable ASCII and
/// Russian letters (the bulk of a strategy's text); a control character shows as one picture
/// (`␛`), an invisible format character as nothing, anything else as `unicode-width` says.
pub fn text_width(s: &str) -> usize {
    let bytes = s.as_bytes();
    let (mut i, mut n) = (0, 0);
    while i < bytes.len() {
        match bytes[i] {
            0x20..=0x7e => i += 1,
            // Cyrillic U+0400..U+047F (no combining marks there).
            0xd0 | 0xd1 => i += 2,
            _ => {
                let c = s[i..].chars().next().expect("a character boundary");
                i += c.len_utf8();
                n += match c {
                    c if c.is_control() => 1,
                    c if is_invisible(c) => 0,
                    c => unicode_width::UnicodeWidthChar::width(c).unwrap_or(0),
                };
                continue;
            }
        }
        n += 1;
    }
    n
}

/// Wraps pieces into lines no wider than `width` (at least 1). Lines break at whitespace; a run
/// of non-space text (a word, or a marked change such as `[-62-]{+71+}`) is kept whole when it
/// fits a line and cut by grapheme only when it is longer than a line. Whitespace at a break is
/// dropped.
pub fn wrap(pieces: &[Piece], width: usize) -> Vec<Vec<Piece>> {
    let m = wrap_measured(pieces, width);
    m.lines()
        .map(|line| {
            let mut out: Vec<Piece> = Vec::new();
            for &(role, t, _) in line {
                match out.last_mut() {
                    Some((r, s)) if *r == role => s.push_str(t),
                    _ => out.push((role, t.to_string())),
                }
            }
            out
        })
        .collect()
}

/// Wrapped lines that borrow the pieces' text (a role may repeat along a line), and the display
/// width of each, as the wrapper measured them: the lines' pieces end to end and where each line
/// ends, so that a line costs no allocation of its own. The text a line takes from one piece is
/// one part where it runs unbroken, not a part per word: the painter copies it at once.
struct Measured<'p> {
    pieces: Vec<Part<'p>>,
    /// Per line: the end of its pieces in `pieces`.
    ends: Vec<usize>,
    widths: Vec<usize>,
    /// Every character of the text is printable ASCII or a Cyrillic letter of U+0400..U+047F:
    /// nothing in it for sanitising to change ([`Runs`] saw no other).
    clean: bool,
}

impl<'p> Measured<'p> {
    /// Number of lines (at least 1).
    fn len(&self) -> usize {
        self.ends.len()
    }

    /// Line `i`'s pieces (none past the last line).
    fn line(&self, i: usize) -> &[Part<'p>] {
        let Some(&end) = self.ends.get(i) else { return &[] };
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.pieces[start..end]
    }

    fn lines(&self) -> impl Iterator<Item = &[Part<'p>]> {
        (0..self.len()).map(|i| self.line(i))
    }
}

/// Text of a wrapped line: its role, the text, and the index of the piece it was taken from.
type Part<'p> = (Role, &'p str, usize);

/// [`wrap`], borrowing, with each line's width (padding a column needs it: not measured twice).
fn wrap_measured<S: AsRef<str>>(pieces: &[(Role, S)], width: usize) -> Measured<'_> {
    let mut w = Wrapper {
        source: pieces,
        line_start: 0,
        width: width.max(1),
        out: Measured { pieces: Vec::new(), ends: Vec::new(), widths: Vec::new(), clean: false },
        used: 0,
        taken: At::default(),
        pending: None,
    };
    // Units: maximal runs of non-space (or of space) text, possibly across pieces: where the
    // unit being gathered starts, its width, and whether it is whitespace.
    let (mut unit, mut unit_w, mut unit_space) = (None::<At>, 0, false);
    let mut clean = true;
    for (i, (_, text)) in pieces.iter().enumerate() {
        let mut runs = Runs::new(text.as_ref());
        let mut off = 0;
        for (space, run, run_w) in runs.by_ref() {
            let at = At { piece: i, off };
            if space != unit_space {
                if let Some(start) = unit.take() {
                    w.unit(start, at, unit_w, unit_space);
                }
                unit_w = 0;
            }
            unit_space = space;
            unit.get_or_insert(at);
            unit_w += run_w;
            off += run.len();
        }
        clean &= !runs.slow;
    }
    w.out.clean = clean;
    let end = At { piece: pieces.len(), off: 0 };
    if let Some(start) = unit {
        w.unit(start, end, unit_w, unit_space);
    }
    // Whitespace after the last word is not written.
    let last = w.pending.take().map_or(end, |(p, _)| p);
    w.take_to(last);
    w.out.ends.push(w.out.pieces.len());
    w.out.widths.push(w.used);
    w.out
}

/// The runs of whitespace and of other text in a string, each with its display width (as
/// [`text_width`] counts it), found in one pass over the bytes: ASCII and Cyrillic need no
/// character decoding.
/// `slow` tells whether any character outside the fast cases was met: with none, every
/// character was printable ASCII or a Cyrillic letter of U+0400..U+047F, which sanitising leaves
/// as they are.
struct Runs<'s> {
    rest: &'s str,
    slow: bool,
}

impl<'s> Runs<'s> {
    fn new(s: &'s str) -> Runs<'s> {
        Runs { rest: s, slow: false }
    }
}

impl<'s> Iterator for Runs<'s> {
    type Item = (bool, &'s str, usize);

    fn next(&mut self) -> Option<Self::Item> {
        let s = self.rest;
        let bytes = s.as_bytes();
        let slow = &mut self.slow;
        // A character outside the fast cases: whitespace or not, its length and width.
        let mut decode = |i: usize| {
            *slow = true;
            let c = s[i..].chars().next().expect("a character boundary");
            (c.is_whitespace(), c.len_utf8(), text_width(c.encode_utf8(&mut [0; 4])))
        };
        let space = match *bytes.first()? {
            b' ' => true,
            0x21..=0x7e | 0xd0 | 0xd1 => false,
            _ => decode(0).0,
        };
        let (mut i, mut w) = (0, 0);
        // One loop per kind of run, each with its own fast bytes.
        if space {
            while i < bytes.len() {
                if bytes[i] == b' ' {
                    (i, w) = (i + 1, w + 1);
                    continue;
                }
                match bytes[i] {
                    0x21..=0x7e | 0xd0 | 0xd1 => break,
                    _ => match decode(i) {
                        (true, len, cw) => (i, w) = (i + len, w + cw),
                        _ => break,
                    },
                }
            }
        } else {
            while i < bytes.len() {
                match bytes[i] {
                    0x21..=0x7e => (i, w) = (i + 1, w + 1),
                    // Cyrillic U+0400..U+047F: letters, one column each.
                    0xd0 | 0xd1 => (i, w) = (i + 2, w + 1),
                    b' ' => break,
                    _ => match decode(i) {
                        (false, len, cw) => (i, w) = (i + len, w + cw),
                        _ => break,
                    },
                }
            }
        }
        let (run, rest) = s.split_at(i);
        self.rest = rest;
        Some((space, run, w))
    }
}

/// A place in the pieces wrapped: a byte offset in one piece's text.
#[derive(Debug, Clone, Copy, Default)]
struct At {
    piece: usize,
    off: usize,
}

/// The state of [`wrap`]: lines so far, the width used on the last one, where the last line's
/// text not yet in its parts starts, and the whitespace waiting for the next word (dropped at a
/// break) with its width. Units of text are handed over whole, as places in the pieces: a line's
/// parts are written only when its text is known (at a break, at a dropped whitespace, at the
/// end), not a part per word and space.
struct Wrapper<'p, S> {
    /// The pieces wrapped.
    source: &'p [(Role, S)],
    /// Where the last line's parts start in `out.pieces`.
    line_start: usize,
    width: usize,
    out: Measured<'p>,
    used: usize,
    /// Where the last line's text not yet in `out.pieces` starts: it runs to the last word taken.
    taken: At,
    /// The waiting whitespace: where it starts (it runs to the next unit), its width.
    pending: Option<(At, usize)>,
}

impl<'p, S: AsRef<str>> Wrapper<'p, S> {
    /// Adds the text from `taken` to `to` to the last line, a part per piece it takes text from:
    /// text that continues the line's last part in its piece joins that part (the slice of its
    /// piece from that part's start on).
    fn take_to(&mut self, to: At) {
        let from = std::mem::replace(&mut self.taken, to);
        if self.source.is_empty() {
            return;
        }
        for i in from.piece..=to.piece.min(self.source.len().saturating_sub(1)) {
            let (role, text) = (self.source[i].0, self.source[i].1.as_ref());
            let start = if i == from.piece { from.off } else { 0 };
            let stop = if i == to.piece { to.off } else { text.len() };
            if start >= stop {
                continue;
            }
            let on_line = self.out.pieces.len() > self.line_start;
            match self.out.pieces.last_mut() {
                // Joined only where that part ends at `start`: whitespace dropped after a
                // zero-width word at a line's start lies between them and stays out.
                Some((_, t, j))
                    if *j == i && on_line && t.as_ptr() as usize + t.len() == text.as_ptr() as usize + start =>
                {
                    let at = t.as_ptr() as usize - text.as_ptr() as usize;
                    *t = &text[at..stop];
                }
                _ => self.out.pieces.push((role, &text[start..stop], i)),
            }
        }
    }

    /// Ends the line with the text up to `end` (its width is what was used of it) and starts
    /// another there.
    fn break_line(&mut self, end: At) {
        self.take_to(end);
        self.out.ends.push(self.out.pieces.len());
        self.line_start = self.out.pieces.len();
        self.out.widths.push(self.used);
        self.used = 0;
    }

    /// Takes the unit `start..end` of width `w`: whitespace waits, a word goes on this line or
    /// the next.
    fn unit(&mut self, start: At, end: At, w: usize, space: bool) {
        if space {
            self.pending = Some((start, w));
            return;
        }
        let (p, pw) = self.pending.take().unwrap_or((start, 0));
        if self.used > 0 && self.used + pw + w > self.width {
            // The line ends before the whitespace.
            self.break_line(p);
        }
        if self.used > 0 {
            self.used += pw;
        } else {
            // Whitespace at a line's start is dropped.
            self.take_to(p);
            self.taken = start;
        }
        if self.used + w <= self.width {
            // The run fits on this line: no need to cut it.
            self.used += w;
            return;
        }
        // Cut by grapheme, each piece's text of the unit on its own.
        for i in start.piece..=end.piece.min(self.source.len() - 1) {
            let text = self.source[i].1.as_ref();
            let from = if i == start.piece { start.off } else { 0 };
            let to = if i == end.piece { end.off } else { text.len() };
            let mut off = from;
            for g in text[from..to.max(from)].graphemes(true) {
                let gw = text_width(g);
                if self.used + gw > self.width && self.used > 0 {
                    self.break_line(At { piece: i, off });
                }
                self.used += gw;
                off += g.len();
            }
        }
    }
}

/// A piece that borrows the row's text where it is unchanged (the command line's renderer
/// writes them straight out; only marked words are copied, with their markers).
type Borrowed<'r> = (Role, Cow<'r, str>);

/// The pieces of one side of a block row: `b` false for A, true for B. Changed words carry the
/// `[-…-]`/`{+…+}` markers.
pub fn row_side(row: &BlockRow, b: bool) -> Vec<Piece> {
    owned(side_pieces(row, b, &mut String::new()))
}

/// The unified pieces of a block row: equal text once, deleted and inserted words marked.
pub fn row_unified(row: &BlockRow) -> Vec<Piece> {
    owned(unified_pieces(row, &mut String::new()))
}

fn owned(pieces: Vec<Borrowed<'_>>) -> Vec<Piece> {
    pieces.into_iter().map(|(r, t)| (r, t.into_owned())).collect()
}

/// The changed words of `spans` with their markers, `[-…-]` and `{+…+}`, one after another in
/// `marks` (one buffer for a row, not a string per word); [`take_mark`] takes them back in order.
fn write_marks<'t>(marks: &mut String, spans: impl Iterator<Item = (SpanKind, &'t str)>) {
    marks.clear();
    for (kind, t) in spans {
        let (open, close) = match kind {
            SpanKind::Equal => continue,
            SpanKind::Deleted => ("[-", "-]"),
            SpanKind::Inserted => ("{+", "+}"),
        };
        marks.push_str(open);
        marks.push_str(t);
        marks.push_str(close);
    }
}

/// The next marked word of `marks` ([`write_marks`]), whose text is `t`; `at` is where it starts.
fn take_mark<'m>(marks: &'m str, at: &mut usize, t: &str) -> Cow<'m, str> {
    let start = *at;
    *at += t.len() + 4;
    Cow::Borrowed(&marks[start..*at])
}

/// [`row_side`], borrowing the row's texts, and `marks` for the marked words.
fn side_pieces<'r>(row: &'r BlockRow, b: bool, marks: &'r mut String) -> Vec<Borrowed<'r>> {
    let text = if b { row.text_b.as_deref() } else { row.text_a.as_deref() };
    let Some(text) = text else { return Vec::new() };
    let (line, emph) = if b { (Role::Plus, Role::PlusEmph) } else { (Role::Minus, Role::MinusEmph) };
    match (&row.words, row.status) {
        (Some(w), _) => {
            write_marks(marks, w.side(b));
            let (marks, mut at) = (&*marks, 0);
            w.side(b)
                .map(|(kind, t)| match kind {
                    SpanKind::Equal => (line, Cow::Borrowed(t)),
                    _ => (emph, take_mark(marks, &mut at, t)),
                })
                .collect()
        }
        (None, Status::Same) => vec![(Role::Plain, Cow::Borrowed(text))],
        (None, Status::Moved) => vec![(Role::Moved, Cow::Borrowed(text))],
        (None, _) => vec![(line, Cow::Borrowed(text))],
    }
}

/// [`row_unified`], borrowing the row's texts, and `marks` for the marked words.
fn unified_pieces<'r>(row: &'r BlockRow, marks: &'r mut String) -> Vec<Borrowed<'r>> {
    match &row.words {
        Some(w) => {
            let base = if row.status == Status::Moved { Role::Moved } else { Role::Plain };
            write_marks(marks, w.spans.iter().map(|s| (s.kind, s.text.as_str())));
            let (marks, mut at) = (&*marks, 0);
            w.spans
                .iter()
                .map(|s| match s.kind {
                    SpanKind::Equal => (base, Cow::Borrowed(s.text.as_str())),
                    SpanKind::Deleted => (Role::MinusEmph, take_mark(marks, &mut at, &s.text)),
                    SpanKind::Inserted => (Role::PlusEmph, take_mark(marks, &mut at, &s.text)),
                })
                .collect()
        }
        None => side_pieces(row, row.text_b.is_some(), marks),
    }
}

/// A short label of a row's place: `[2]` in B, `[3>1]` for a block moved from 3 in A to 1 in B,
/// `[2]` in A for removed blocks (1-based).
pub fn row_label(row: &BlockRow) -> String {
    let item = if row.kind == BlockKind::Item { "*" } else { "" };
    match (row.a, row.b) {
        (Some(a), Some(b)) if row.status == Status::Moved => format!("[{}>{}]{item}", a + 1, b + 1),
        (_, Some(b)) => format!("[{}]{item}", b + 1),
        (Some(a), None) => format!("[{}]{item}", a + 1),
        (None, None) => String::new(),
    }
}

/// One line describing a section: mark, key, numbers, title, status, similarity, word counts.
pub fn section_header(s: &SectionDiff) -> Vec<Piece> {
    let mut v = vec![(Role::of(s.status), format!("{} {}", s.status.mark(), s.key))];
    let numbers = match (&s.number_a, &s.number_b) {
        (Some(a), Some(b)) if a != b => format!(" {a} -> {b}"),
        (Some(n), _) | (None, Some(n)) => format!(" {n}"),
        _ => String::new(),
    };
    v.push((Role::Dim, numbers));
    v.push((Role::Plain, format!(" {}", s.title)));
    if let Some(t) = &s.title_a {
        v.push((Role::Dim, format!(" ({})", trf(Msg::Was, &[t]))));
    }
    v.push((Role::Dim, format!(" ({}", status_word(s.status))));
    if matches!(s.status, Status::Changed | Status::Moved) {
        v.push((Role::Dim, format!(", {}", trf(Msg::DiffSimilar, &[&(s.similarity * 100.0).round()]))));
    }
    v.push((Role::Dim, format!(", {}", trf(Msg::DiffWords, &[&s.words_added, &s.words_removed]))));
    if s.approximate {
        v.push((Role::Dim, format!(", {}", tr(Msg::DiffApproximate))));
    }
    v.push((Role::Dim, ")".into()));
    v
}

/// A status in the interface language (`changed`, «изменён»); the TUI's word too.
pub fn status_word(s: Status) -> &'static str {
    tr(match s {
        Status::Same => Msg::StatusSame,
        Status::Changed => Msg::StatusChanged,
        Status::Added => Msg::StatusAdded,
        Status::Removed => Msg::StatusRemoved,
        Status::Moved => Msg::StatusMoved,
    })
}

/// The one-line summary: sections, projects and indicators by status, and word counts.
pub fn summary_line(d: &DocDiff) -> String {
    let s = &d.summary;
    let c = |x: &super::Counts| trf(Msg::DiffCounts, &[&x.changed, &x.added, &x.removed, &x.moved]);
    let approximate = if d.approximate { format!(" ({})", tr(Msg::DiffApproximate)) } else { String::new() };
    let (sections, projects, indicators) = (c(&s.sections), c(&s.projects), c(&s.indicators));
    let words = [&s.words_added as &dyn std::fmt::Display, &s.words_removed, &approximate];
    trf(Msg::DiffSummary, &[&sections, &projects, &indicators, words[0], words[1], words[2]])
}

/// True when the two documents belong to different regions: the diff is a comparison of two
/// regions' texts, not an edit of one.
pub fn is_region_comparison(d: &DocDiff) -> bool {
    d.regions[0].key != d.regions[1].key
}

fn text(out: &mut Painter, d: &DocDiff, o: &RenderOptions, flush: &mut Flush<'_>) -> std::io::Result<()> {
    let width = o.width.max(40);
    out.text(Role::Minus.code(), &format!("--- {}", d.a));
    out.newline();
    out.text(Role::Plus.code(), &format!("+++ {}", d.b));
    out.newline();
    let regional = is_region_comparison(d);
    if regional {
        let line = trf(Msg::DiffTwoRegions, &[&d.regions[0].name, &d.regions[1].name]);
        lines(out, &[(Role::Dim, line)], width, 0);
    }
    if o.format == Format::Side {
        let col = (width - 3) / 2;
        let (a, b) = ([(Role::Minus, d.a.clone())], [(Role::Plus, d.b.clone())]);
        columns2(out, &wrap_measured(&a, col), &wrap_measured(&b, col), col, |_| (Role::Dim, " | "));
    }
    for s in d.sections.iter().filter(|s| s.is_change()) {
        out.newline();
        lines(out, &section_header(s), width, 0);
        let rows: Vec<&BlockRow> = s.changes().collect();
        let mut i = 0;
        while i < rows.len() {
            let one_sided = |r: &BlockRow| matches!(r.status, Status::Added | Status::Removed);
            if regional && one_sided(rows[i]) {
                let end = (i..rows.len()).find(|&k| !one_sided(rows[k])).unwrap_or(rows.len());
                unmatched(out, &rows[i..end], [&d.regions[0].name, &d.regions[1].name], width, flush)?;
                i = end;
                continue;
            }
            if o.format == Format::Side {
                side_row(out, rows[i], width);
            } else {
                unified_row(out, rows[i], width);
            }
            i += 1;
            // Written out a row at a time (when a chunk is full): the text in memory stays
            // under a chunk and a row, whatever the section's length.
            flush(out)?;
        }
        flush(out)?;
    }
    tables(out, d, width, flush)?;
    out.newline();
    lines(out, &[(Role::Plain, summary_line(d))], width, 0);
    Ok(())
}

/// Wraps pieces to `width` and writes each line after `indent` spaces.
fn lines(out: &mut Painter, pieces: &[Piece], width: usize, indent: usize) {
    let m = wrap_measured(pieces, width);
    for line in m.lines() {
        out.spaces(indent);
        paint_line(out, line, m.clean);
        out.newline();
    }
}

/// Display width of a borrowed line.
fn line_width(line: &[Part<'_>]) -> usize {
    line.iter().map(|(_, t, _)| text_width(t)).sum()
}

/// Two wrapped columns side by side, `col` wide, joined by the gutter `gutter(i)` of line `i`.
fn columns2(
    out: &mut Painter,
    left: &Measured<'_>,
    right: &Measured<'_>,
    col: usize,
    gutter: impl Fn(usize) -> (Role, &'static str),
) {
    for i in 0..left.len().max(right.len()) {
        let (l, r) = (left.line(i), right.line(i));
        let lw = left.widths.get(i).copied().unwrap_or(0);
        debug_assert_eq!(lw, line_width(l), "the wrapper measures a line as its text is measured");
        paint_line(out, l, left.clean);
        out.spaces(col.saturating_sub(lw));
        let (role, g) = gutter(i);
        out.text(role.code(), g);
        paint_line(out, r, right.clean);
        out.newline();
    }
}

/// A run of blocks that only one region has, in a region comparison: A's beside B's, under both
/// regions' names, the n-th of each side on the same line; offered to `flush` after each line pair.
fn unmatched(
    out: &mut Painter,
    rows: &[&BlockRow],
    names: [&str; 2],
    width: usize,
    flush: &mut Flush<'_>,
) -> std::io::Result<()> {
    let col = (width - 3) / 2;
    let side = |b: bool| -> Vec<&BlockRow> {
        rows.iter()
            .copied()
            .filter(|r| if b { r.status == Status::Added } else { r.status == Status::Removed })
            .collect()
    };
    let (a, b) = (side(false), side(true));
    let gutter = |_| (Role::Dim, " | ");
    let title = |n: &str, k: usize, role| [(role, trf(Msg::DiffOnlyIn, &[&n, &k]))];
    let (ta, tb) = (title(names[0], a.len(), Role::Minus), title(names[1], b.len(), Role::Plus));
    columns2(out, &wrap_measured(&ta, col), &wrap_measured(&tb, col), col, gutter);
    fn block<'x>(r: Option<&&'x BlockRow>, b: bool, marks: &'x mut String) -> Vec<Borrowed<'x>> {
        let Some(r) = r else { return Vec::new() };
        let mut pieces = vec![(Role::Dim, Cow::Owned(format!("{} ", row_label(r))))];
        pieces.extend(side_pieces(r, b, marks));
        pieces
    }
    for i in 0..a.len().max(b.len()) {
        let (mut ma, mut mb) = (String::new(), String::new());
        let (pa, pb) = (block(a.get(i), false, &mut ma), block(b.get(i), true, &mut mb));
        columns2(out, &wrap_measured(&pa, col), &wrap_measured(&pb, col), col, gutter);
        flush(out)?;
    }
    Ok(())
}

fn unified_row(out: &mut Painter, row: &BlockRow, width: usize) {
    let label = format!("  {} {} ", row.status.mark(), row_label(row));
    let indent = 6;
    let label_w = text_width(&label);
    let mut marks = String::new();
    let pieces = unified_pieces(row, &mut marks);
    let m = wrap_measured(&pieces, width.saturating_sub(indent).max(20));
    for (i, line) in m.lines().enumerate() {
        if i == 0 {
            out.text(Role::of(row.status).code(), &label);
            out.spaces(indent.saturating_sub(label_w));
        } else {
            out.spaces(indent.max(label_w));
        }
        paint_line(out, line, m.clean);
        out.newline();
    }
}

fn side_row(out: &mut Painter, row: &BlockRow, width: usize) {
    // `A text | B text` with a status mark in the gutter: col + 3 + col <= width.
    let col = (width - 3) / 2;
    let mut label = format!("  {} {} {}", row.status.mark(), row_label(row), status_word(row.status));
    if matches!(row.status, Status::Changed | Status::Moved) {
        let _ = write!(label, ", {:.0}% similar", row.similarity * 100.0);
    }
    lines(out, &[(Role::Dim, label)], width, 0);
    let (mut ma, mut mb) = (String::new(), String::new());
    let (pa, pb) = (side_pieces(row, false, &mut ma), side_pieces(row, true, &mut mb));
    let role = Role::of(row.status);
    let mark = match row.status.mark() {
        ' ' => "   ",
        '~' => " ~ ",
        '+' => " + ",
        '-' => " - ",
        _ => " > ",
    };
    columns2(out, &wrap_measured(&pa, col), &wrap_measured(&pb, col), col, |i| {
        (role, if i == 0 { mark } else { " | " })
    });
}

/// A number as printed in tables (the library's one formatter), `-` for none.
pub fn fmt_num(x: Option<f64>) -> String {
    x.map_or("-".into(), crate::i18n::number)
}

/// One line per changed project: mark, name, rename and field changes.
pub fn project_line(p: &ProjectDiff) -> String {
    let mut s = format!("{} {} [{}]", p.status.mark(), p.name, p.sector);
    if let Some(from) = &p.renamed_from {
        let _ = write!(s, " ({} {from})", tr(Msg::ReportRenamedFrom));
    }
    for f in &p.fields {
        let v = |x: &Option<String>| x.as_deref().map_or("-".to_string(), |t| format!("\"{t}\""));
        let field = crate::i18n::catalog::field_text(f.field, crate::i18n::lang()).unwrap_or(f.field);
        let _ = write!(s, "; {field}: {} -> {}", v(&f.a), v(&f.b));
    }
    s
}

/// One line per changed indicator: mark, project, name, and old -> new per year that differs.
pub fn indicator_line(i: &IndicatorDiff) -> String {
    let mut s = format!("{} {} / {}", i.status.mark(), i.project, i.name);
    if let Some(from) = &i.renamed_from {
        let _ = write!(s, " ({})", trf(Msg::Was, &[from]));
    }
    if i.unit_a != i.unit_b && i.status == Status::Changed {
        let unit = |u: &Option<String>| u.as_deref().unwrap_or("-").to_string();
        let _ = write!(s, "; {}", trf(Msg::UnitChange, &[&unit(&i.unit_a), &unit(&i.unit_b)]));
    }
    for (year, v) in &i.values {
        if i.status != Status::Changed || v.differs() {
            let _ = write!(s, "; {year}: {} -> {}", fmt_num(v.a), fmt_num(v.b));
            if let Some(delta) = v.delta {
                let _ = write!(s, " ({}{})", if delta >= 0.0 { "+" } else { "" }, fmt_num(Some(delta)));
            }
        }
    }
    s
}

/// The changed projects and indicators, a line each (wrapped), offered to `flush` after each.
fn tables(out: &mut Painter, d: &DocDiff, width: usize, flush: &mut Flush<'_>) -> std::io::Result<()> {
    let mut block = |title: &str, rows: &mut dyn Iterator<Item = (Status, String)>| {
        let mut rows = rows.peekable();
        if rows.peek().is_none() {
            return Ok(());
        }
        out.newline();
        out.text(Role::Header.code(), title);
        out.newline();
        for (status, line) in rows {
            let piece = [(Role::of(status), line)];
            let m = wrap_measured(&piece, width.saturating_sub(4));
            for (k, l) in m.lines().enumerate() {
                out.spaces(if k == 0 { 2 } else { 4 });
                paint_line(out, l, m.clean);
                out.newline();
            }
            flush(out)?;
        }
        Ok(())
    };
    let projects = d.projects.iter().filter(|p| p.status != Status::Same);
    block(tr(Msg::DiffProjects), &mut projects.map(|p| (p.status, project_line(p))))?;
    let indicators = d.indicators.iter().filter(|i| i.status != Status::Same);
    block(tr(Msg::DiffIndicators), &mut indicators.map(|i| (i.status, indicator_line(i))))
}

fn stat(out: &mut Painter, d: &DocDiff, o: &RenderOptions) {
    // The shared rule (also the TUI's): a sector section differs when its projects or indicators do.
    let changed: Vec<&SectionDiff> =
        (0..d.sections.len()).filter(|&i| super::changes::differs(d, i)).map(|i| &d.sections[i]).collect();
    let key_w = changed.iter().map(|s| text_width(&s.key)).max().unwrap_or(0).min(40);
    let max_words = changed.iter().map(|s| s.words_added + s.words_removed).max().unwrap_or(0).max(1);
    let bar_w = o.width.max(40).saturating_sub(key_w + 32).clamp(5, 40);
    for s in &changed {
        let total = s.words_added + s.words_removed;
        let n = (total * bar_w).div_ceil(max_words);
        let plus = if total == 0 { 0 } else { (n * s.words_added).div_ceil(total).min(n) };
        let pad = key_w.saturating_sub(text_width(&s.key));
        let line = vec![
            (Role::of(s.status), format!("{} {}{}", s.status.mark(), s.key, " ".repeat(pad))),
            (Role::Dim, format!(" {:<8}", status_word(s.status))),
            (Role::Plain, format!(" {:>6} {:>6} ", format!("+{}", s.words_added), format!("-{}", s.words_removed))),
            (Role::Plus, "+".repeat(plus)),
            (Role::Minus, "-".repeat(n - plus)),
        ];
        paint_pieces(out, &line);
        out.newline();
    }
    let p = d.projects.iter().filter(|p| p.status != Status::Same).count();
    let i = d.indicators.iter().filter(|i| i.status != Status::Same).count();
    out.text("", &trf(Msg::DiffStat, &[&changed.len(), &p, &i]));
    out.newline();
    out.text("", &summary_line(d));
    out.newline();
}

/// `s` with Markdown's special characters escaped (sanitised later, where it is written).
fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '~' | '[' | ']' | '<' | '>' | '|' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Markdown, written line by line: a newline inside document text shows as `␊`, so it cannot
/// break a list item or a table row.
fn markdown(out: &mut Painter, d: &DocDiff) {
    let mut line = |text: &str| {
        out.text("", text);
        out.newline();
    };
    line(&format!("# {} -> {}", md_escape(&d.a), md_escape(&d.b)));
    line("");
    line(&md_escape(&summary_line(d)));
    line("");
    for s in d.sections.iter().filter(|s| s.is_change()) {
        let title: String = section_header(s).into_iter().map(|p| p.1).collect();
        line(&format!("## {}", md_escape(title.trim_start_matches(|c: char| c != ' ').trim())));
        line("");
        line(&trf(Msg::DiffStatus, &[&status_word(s.status)]));
        line("");
        for row in s.changes() {
            let mut body = String::new();
            match &row.words {
                Some(w) => {
                    for sp in &w.spans {
                        let t = md_escape(&sp.text);
                        match sp.kind {
                            SpanKind::Equal => body.push_str(&t),
                            SpanKind::Deleted => {
                                let _ = write!(body, "~~{}~~", t.trim());
                            }
                            SpanKind::Inserted => {
                                let _ = write!(body, "**{}**", t.trim());
                            }
                        }
                    }
                }
                None => body = md_escape(row.text_b.as_deref().or(row.text_a.as_deref()).unwrap_or("")),
            }
            line(&format!("- *{}* {}: {}", status_word(row.status), md_escape(&row_label(row)), body));
        }
        line("");
    }
    let projects: Vec<_> = d.projects.iter().filter(|p| p.status != Status::Same).collect();
    if !projects.is_empty() {
        line(&format!("## {}", tr(Msg::SumProjects)));
        line("");
        for p in projects {
            line(&format!("- *{}* {}", status_word(p.status), md_escape(&project_line(p)[2..])));
        }
        line("");
    }
    let inds: Vec<_> = d.indicators.iter().filter(|i| i.status != Status::Same).collect();
    if !inds.is_empty() {
        line(&format!("## {}", tr(Msg::SumIndicators)));
        line("");
        line(tr(Msg::DiffIndicatorsHeader));
        line("|---|---|---|---|---|---|---|");
        for i in inds {
            for (year, v) in i.values.iter().filter(|(_, v)| i.status != Status::Changed || v.differs()) {
                line(&format!(
                    "| {} | {} | {} | {year} | {} | {} | {} |",
                    status_word(i.status),
                    md_escape(&i.project),
                    md_escape(&i.name),
                    fmt_num(v.a),
                    fmt_num(v.b),
                    fmt_num(v.delta)
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The runs of a text as a character-by-character scan finds them.
    fn runs_by_chars(s: &str) -> Vec<(bool, &str, usize)> {
        let mut out: Vec<(bool, &str, usize)> = Vec::new();
        let mut start = 0;
        for (i, c) in s.char_indices() {
            let (space, w) = (c.is_whitespace(), text_width(c.encode_utf8(&mut [0; 4])));
            match out.last_mut() {
                Some((sp, run, rw)) if *sp == space => {
                    *run = &s[start..i + c.len_utf8()];
                    *rw += w;
                }
                _ => {
                    start = i;
                    out.push((space, &s[i..i + c.len_utf8()], w));
                }
            }
        }
        out
    }

    #[test]
    fn runs_are_cut_and_measured_as_characters_are() {
        let texts = [
            "",
            " ",
            "Доля медицинских  организаций,\u{a0}62%\tи ёлка\u{200b}x\u{7f}\n 全角 é",
            "\u{a0}\u{3000}слово\u{2003} end ",
            "ѐѿ\u{480}҂ a\u{301} 😀",
        ];
        for t in texts {
            assert_eq!(Runs::new(t).collect::<Vec<_>>(), runs_by_chars(t), "{t:?}");
        }
        for l in crate::load::load_bundled().docs {
            for (_, s) in l.doc.walk() {
                for b in &s.blocks {
                    let mut runs = Runs::new(&b.text);
                    assert_eq!(runs.by_ref().collect::<Vec<_>>(), runs_by_chars(&b.text), "{}", l.origin);
                    // Text it calls clean needs no sanitising.
                    assert!(runs.slow || crate::text::sanitize::is_clean(&b.text, false), "{}", l.origin);
                }
            }
        }
    }

    #[test]
    fn wrap_respects_width_and_keeps_text() {
        let pieces = vec![
            (Role::Plain, "Доля медицинских организаций ".to_string()),
            (Role::MinusEmph, "[-62-]".to_string()),
            (Role::PlusEmph, "{+71+}".to_string()),
            (Role::Plain, " процентов,   в регионе сверхдлинноесловобезпробеловкотороененаоднойстроке".to_string()),
        ];
        for w in [1, 5, 7, 12, 20, 30, 80] {
            let lines = wrap(&pieces, w);
            assert!(lines.iter().all(|l| width_of(l) <= w), "{w}: {lines:?}");
            let joined: String = lines.iter().flatten().map(|p| p.1.as_str()).collect::<String>().replace(' ', "");
            let orig: String = pieces.iter().map(|p| p.1.as_str()).collect::<String>().replace(' ', "");
            assert_eq!(joined, orig);
            // A line holds one part per piece it takes text from, measured as its text is.
            let m = wrap_measured(&pieces, w);
            for (i, line) in m.lines().enumerate() {
                let mut from: Vec<usize> = line.iter().map(|p| p.2).collect();
                from.dedup();
                assert_eq!(from.len(), line.len(), "{w}: {line:?}");
                assert_eq!(m.widths[i], line_width(line), "{w}: {line:?}");
            }
        }
    }

    #[test]
    fn whitespace_dropped_after_a_zero_width_word_stays_out_of_the_line() {
        // A zero-width word leaves the line's width at 0, so the whitespace after it is dropped
        // as at a line's start: the line's text must not take it back in.
        for text in ["\u{200b} aaaa bbbb", "\u{ad}  слово слово", "a\u{200b} \u{200b} bb cc"] {
            let pieces = vec![(Role::Plain, text.to_string())];
            for w in 1..=12 {
                let m = wrap_measured(&pieces, w);
                for (i, line) in m.lines().enumerate() {
                    assert_eq!(m.widths[i], line_width(line), "{text:?} at {w}: {line:?}");
                    assert!(line_width(line) <= w, "{text:?} at {w}: {line:?}");
                }
            }
        }
    }
}
