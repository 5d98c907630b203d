//! PDF tables rebuilt from positions, as camelot's "lattice" mode does: the words and their boxes
//! come from `pdftotext -bbox-layout`, the table rules (cell borders) from the page's content
//! stream (`lopdf`). The rules give a grid; a missing rule between two grid cells merges them
//! (a horizontal span or a vertical merge); every word falls into the cell holding its centre.
//! A table cut by a page break continues on the next page: the two parts become one table, and a
//! row split across the break (its first cell empty on the new page) is joined back. Words outside
//! every table stay text lines in their reading order. Nothing here knows the strategy template.

use super::{Block, Cell, Kind, Place, Table};

/// A word and its box, in points from the page's top left corner.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// Left edge.
    pub x0: f32,
    /// Top edge.
    pub y0: f32,
    /// Right edge.
    pub x1: f32,
    /// Bottom edge.
    pub y1: f32,
    /// The word.
    pub text: String,
}

/// One page of `pdftotext -bbox-layout` output: its size and its text lines (poppler's reading
/// order), each a list of words.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// Width in points.
    pub width: f32,
    /// Height in points.
    pub height: f32,
    /// Text lines in reading order.
    pub lines: Vec<Vec<Word>>,
}

impl Page {
    /// A page known only by its text (OCR): lines of words with no boxes.
    pub fn from_text(text: &str) -> Page {
        let word = |t: &str| Word { x0: 0.0, y0: 0.0, x1: 0.0, y1: 0.0, text: t.to_string() };
        let lines = text.lines().map(|l| l.split_whitespace().map(word).collect::<Vec<_>>()).collect();
        Page { width: 0.0, height: 0.0, lines }
    }
    /// The page as plain text: one line per text line, words joined by a space.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for l in &self.lines {
            out.push_str(&l.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" "));
            out.push('\n');
        }
        out
    }
}

/// Parses `pdftotext -bbox-layout` XHTML into pages, in one pass over the bytes: the markup
/// poppler writes is regular (a tag per page, line and word, attribute values in quotes, the five
/// XML entities in the text), so tags are found with `memchr` and only the attributes of `page`
/// and `word` tags are read; text outside words is not looked at. A DOM or event parser spent
/// more on the 4 MB of markup a long document gives than the tables cost to rebuild.
pub fn parse_bbox(xhtml: &[u8]) -> Result<Vec<Page>, String> {
    let mut p = BboxParser::default();
    p.feed(xhtml, true)?;
    Ok(p.pages)
}

/// [`parse_bbox`] over a stream (pdftotext's stdout as it is written): the markup is parsed in
/// pieces of a fixed buffer while poppler works on the next pages, and is never held whole.
pub fn parse_bbox_from(mut input: impl std::io::Read) -> Result<Vec<Page>, String> {
    let mut p = BboxParser::default();
    let mut buf = vec![0u8; 1 << 16];
    let mut have = 0;
    loop {
        if have == buf.len() {
            buf.resize(buf.len() * 2, 0); // a tag longer than the buffer
        }
        let n = match input.read(&mut buf[have..]) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(crate::i18n::trf(crate::i18n::Msg::PdfBadBoxes, &[&p.base, &e])),
        };
        have += n;
        let used = p.feed(&buf[..have], n == 0)?;
        if n == 0 {
            return Ok(p.pages);
        }
        buf.copy_within(used..have, 0);
        have -= used;
    }
}

/// The state of a [`parse_bbox`] between pieces of its input.
#[derive(Default)]
struct BboxParser {
    pages: Vec<Page>,
    line: Option<Vec<Word>>,
    word: Option<Word>,
    /// Offset in the whole input of the piece being fed (for error messages).
    base: usize,
}

impl BboxParser {
    /// Parses the complete tags of `x` (all of it when `eof`); returns how many bytes were used:
    /// the rest, an unfinished tag or text, comes again at the start of the next piece.
    fn feed(&mut self, x: &[u8], eof: bool) -> Result<usize, String> {
        use crate::i18n::{Msg, tr, trf};
        let base = self.base;
        let bad = |at: usize, m: Msg| trf(Msg::PdfBadBoxes, &[&(base + at), &tr(m)]);
        let mut i = 0;
        loop {
            let Some(off) = memchr::memchr(b'<', &x[i..]) else {
                if eof || self.word.is_none() {
                    i = x.len(); // text outside a word is not needed
                }
                break;
            };
            let at = i + off;
            let end = if x[at..].starts_with(b"<!--") {
                memchr::memmem::find(&x[at..], b"-->").map(|e| at + e + 2)
            } else {
                tag_end(x, at)
            };
            let Some(end) = end else {
                if eof {
                    return Err(bad(at, Msg::BboxUnclosedTag));
                }
                if self.word.is_none() {
                    i = at;
                }
                break;
            };
            if let Some(w) = &mut self.word {
                unescape(&x[i..at], &mut w.text).map_err(|k| bad(i + k, Msg::BboxBadReference))?;
            }
            i = end + 1;
            self.tag(&x[at + 1..end]);
        }
        self.base += i;
        Ok(i)
    }

    /// Takes in one tag (the bytes between `<` and `>`).
    fn tag(&mut self, tag: &[u8]) {
        if tag.last() == Some(&b'/') || tag.first() == Some(&b'!') {
            return; // an empty element holds no words; a comment or declaration none either
        }
        let name_len = tag.iter().position(|&b| b.is_ascii_whitespace()).unwrap_or(tag.len());
        let (name, attrs) = tag.split_at(name_len);
        match name {
            b"page" => {
                let (mut width, mut height) = (0.0, 0.0);
                for (k, v) in attributes(attrs) {
                    match k {
                        b"width" => width = number(v),
                        b"height" => height = number(v),
                        _ => {}
                    }
                }
                self.pages.push(Page { width, height, lines: Vec::new() });
            }
            b"line" => self.line = Some(Vec::new()),
            b"word" => {
                let mut w = Word { x0: 0.0, y0: 0.0, x1: 0.0, y1: 0.0, text: String::new() };
                for (k, v) in attributes(attrs) {
                    match k {
                        b"xMin" => w.x0 = number(v),
                        b"yMin" => w.y0 = number(v),
                        b"xMax" => w.x1 = number(v),
                        b"yMax" => w.y1 = number(v),
                        _ => {}
                    }
                }
                self.word = Some(w);
            }
            b"/word" => {
                if let (Some(w), Some(l)) = (self.word.take(), &mut self.line)
                    && !w.text.trim().is_empty()
                {
                    l.push(w);
                }
            }
            b"/line" => {
                if let (Some(l), Some(p)) = (self.line.take(), self.pages.last_mut())
                    && !l.is_empty()
                {
                    p.lines.push(l);
                }
            }
            _ => {}
        }
    }
}

/// The index of the `>` closing the tag opened at `at`, past quoted attribute values.
fn tag_end(x: &[u8], at: usize) -> Option<usize> {
    let mut i = at + 1;
    loop {
        let k = i + memchr::memchr3(b'>', b'"', b'\'', &x[i..])?;
        if x[k] == b'>' {
            return Some(k);
        }
        i = k + 1 + memchr::memchr(x[k], &x[k + 1..])? + 1;
    }
}

/// The `name="value"` pairs of a tag's attributes (values raw: numbers need no unescaping).
fn attributes(mut a: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    std::iter::from_fn(move || {
        let eq = memchr::memchr(b'=', a)?;
        let name = a[..eq].trim_ascii();
        let rest = a[eq + 1..].trim_ascii_start();
        let q = *rest.first()?;
        if q != b'"' && q != b'\'' {
            return None;
        }
        let close = memchr::memchr(q, &rest[1..])?;
        let value = &rest[1..1 + close];
        a = &rest[close + 2..];
        Some((name, value))
    })
}

/// An attribute's number, 0 when it is not one. Poppler writes `%f` (`-12.345678`): such a
/// number is read as an integer and divided by a power of ten in `f64`, then rounded to `f32`,
/// which gives the correctly rounded `f32` the general parser gives (with at most 8 decimals
/// and 15 digits, the `f64` quotient is nearer the exact value than any `f32` rounding midpoint
/// it is not equal to), at a fraction of the cost; anything else goes to the general parser.
fn number(v: &[u8]) -> f32 {
    const TEN: [f64; 9] = [1.0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8];
    let general = || std::str::from_utf8(v).ok().and_then(|s| s.trim().parse().ok()).unwrap_or(0.0);
    let (neg, digits) = match v.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, v),
    };
    let (mut n, mut count, mut decimals) = (0u64, 0usize, None::<usize>);
    for &b in digits {
        match b {
            b'0'..=b'9' => {
                n = n * 10 + u64::from(b - b'0');
                count += 1;
                if let Some(d) = &mut decimals {
                    *d += 1;
                }
                if count > 15 {
                    return general();
                }
            }
            b'.' if decimals.is_none() => decimals = Some(0),
            _ => return general(),
        }
    }
    let d = decimals.unwrap_or(0);
    if count == 0 || d >= TEN.len() {
        return general();
    }
    let x = (n as f64 / TEN[d]) as f32;
    if neg { -x } else { x }
}

/// Appends text with its entity and character references resolved (an unknown entity is
/// dropped), its line ends made `\n` and bytes that are not UTF-8 made U+FFFD; `Err` gives the
/// offset of a `&` with no `;`.
fn unescape(t: &[u8], out: &mut String) -> Result<(), usize> {
    let mut i = 0;
    while let Some(off) = memchr::memchr2(b'&', b'\r', &t[i..]) {
        let at = i + off;
        out.push_str(&String::from_utf8_lossy(&t[i..at]));
        if t[at] == b'\r' {
            out.push('\n');
            i = at + 1 + usize::from(t.get(at + 1) == Some(&b'\n'));
            continue;
        }
        let semi = memchr::memchr(b';', &t[at..]).ok_or(at)?;
        let name = &t[at + 1..at + semi];
        let c = match name {
            b"lt" => Some('<'),
            b"gt" => Some('>'),
            b"amp" => Some('&'),
            b"quot" => Some('"'),
            b"apos" => Some('\''),
            [b'#', b'x' | b'X', hex @ ..] => {
                std::str::from_utf8(hex).ok().and_then(|h| u32::from_str_radix(h, 16).ok()).and_then(char::from_u32)
            }
            [b'#', dec @ ..] => std::str::from_utf8(dec).ok().and_then(|d| d.parse().ok()).and_then(char::from_u32),
            _ => None,
        };
        out.extend(c);
        i = at + semi + 1;
    }
    out.push_str(&String::from_utf8_lossy(&t[i..]));
    Ok(())
}

/// An axis-parallel rule: horizontal (`at` is y, `from..to` along x) or vertical (`at` is x).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    /// Horizontal or vertical.
    pub horizontal: bool,
    /// Its y (horizontal) or x (vertical), top-down page coordinates.
    pub at: f32,
    /// Start along its axis.
    pub from: f32,
    /// End along its axis.
    pub to: f32,
}

/// How far apart two coordinates may be and still be the same rule, in points.
const SNAP: f32 = 2.0;

/// The rules of every page (page order), from the content streams; empty when the PDF cannot be
/// parsed in-process (the text is then read without tables). Their y is still PDF's bottom-up y,
/// negated: [`place_rules`] adds each page's height once it is known.
pub fn page_rules(bytes: &[u8]) -> Vec<Vec<Rule>> {
    let Ok(doc) = lopdf::Document::load_mem(bytes) else { return Vec::new() };
    doc.get_pages().values().map(|id| rules_of(&doc.get_page_content(*id), 0.0)).collect()
}

/// PDF's white-space characters.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | b'\0')
}

/// PDF's delimiters.
fn is_delim(b: u8) -> bool {
    matches!(b, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

/// Calls `f` with each operator of a content stream and the numbers before it. Only what the
/// rules need is read: strings, names, dictionaries and arrays (the text's `TJ` operands) are
/// skipped whole and an inline image's data is passed over, so a page full of text costs one
/// pass over its bytes and no allocation per operand (decoding every operand into objects cost
/// more than poppler's whole text extraction).
fn content_ops(c: &[u8], mut f: impl FnMut(&[u8], &[f32])) {
    let mut nums: Vec<f32> = Vec::with_capacity(8);
    let mut i = 0;
    let mut depth = 0usize; // inside an array
    while i < c.len() {
        let b = c[i];
        if is_space(b) {
            i += 1;
        } else if b == b'%' {
            while i < c.len() && c[i] != b'\n' && c[i] != b'\r' {
                i += 1;
            }
        } else if b == b'(' {
            // A literal string: balanced parentheses, backslash escapes.
            let mut level = 0usize;
            while i < c.len() {
                match c[i] {
                    b'\\' => i += 1,
                    b'(' => level += 1,
                    b')' => {
                        level -= 1;
                        if level == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            i += 1;
        } else if b == b'<' && c.get(i + 1) == Some(&b'<') {
            // A dictionary (an inline image's or a marked-content property list).
            let mut level = 0usize;
            while i + 1 < c.len() {
                if c[i] == b'<' && c[i + 1] == b'<' {
                    level += 1;
                    i += 2;
                } else if c[i] == b'>' && c[i + 1] == b'>' {
                    level -= 1;
                    i += 2;
                    if level == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if b == b'<' {
            while i < c.len() && c[i] != b'>' {
                i += 1;
            }
            i += 1;
        } else if b == b'[' {
            depth += 1;
            i += 1;
        } else if b == b']' {
            depth = depth.saturating_sub(1);
            i += 1;
        } else if b == b'/' {
            i += 1;
            while i < c.len() && !is_space(c[i]) && !is_delim(c[i]) {
                i += 1;
            }
        } else if is_delim(b) {
            i += 1;
        } else {
            let start = i;
            while i < c.len() && !is_space(c[i]) && !is_delim(c[i]) {
                i += 1;
            }
            let tok = &c[start..i];
            let numeric = tok.iter().all(|&x| x.is_ascii_digit() || matches!(x, b'.' | b'-' | b'+'))
                && tok.iter().any(u8::is_ascii_digit);
            if numeric {
                if depth == 0
                    && let Some(v) = std::str::from_utf8(tok).ok().and_then(|t| t.parse::<f32>().ok())
                {
                    nums.push(v);
                }
            } else if depth == 0 {
                if tok == b"ID" {
                    // Inline image data, up to `EI` between white space.
                    i += 1;
                    while i + 2 <= c.len() {
                        if &c[i..i + 2] == b"EI" && is_space(c[i - 1]) && c.get(i + 2).is_none_or(|&x| is_space(x)) {
                            i += 2;
                            break;
                        }
                        i += 1;
                    }
                } else {
                    f(tok, &nums);
                }
                nums.clear();
            }
        }
    }
}

/// Turns [`page_rules`]' y into top-down page coordinates with the pages' `heights`.
pub fn place_rules(rules: &mut [Vec<Rule>], heights: &[f32]) {
    for (page, h) in rules.iter_mut().zip(heights) {
        for r in page {
            if r.horizontal {
                r.at += h;
            } else {
                r.from += h;
                r.to += h;
            }
        }
    }
}

type Matrix = [f32; 6];

fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn apply(m: &Matrix, x: f32, y: f32) -> (f32, f32) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

/// Axis-parallel stroked or filled segments of one page's content (form XObjects are not
/// followed). A thin filled rectangle counts as a rule; a wide one gives its four edges.
pub fn rules_of(content: &[u8], height: f32) -> Vec<Rule> {
    let mut out = Vec::new();
    let mut ctm: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
    let mut stack: Vec<Matrix> = Vec::new();
    let mut path: Vec<((f32, f32), (f32, f32))> = Vec::new();
    let mut cur = (0.0f32, 0.0f32);
    let mut start = cur;
    content_ops(content, |op, n| match (op, n.len()) {
        (b"q", _) => stack.push(ctm),
        (b"Q", _) => ctm = stack.pop().unwrap_or(ctm),
        (b"cm", 6) => ctm = mul(&[n[0], n[1], n[2], n[3], n[4], n[5]], &ctm),
        (b"m", 2) => {
            cur = apply(&ctm, n[0], n[1]);
            start = cur;
        }
        (b"l", 2) => {
            let p = apply(&ctm, n[0], n[1]);
            path.push((cur, p));
            cur = p;
        }
        (b"h", _) => {
            path.push((cur, start));
            cur = start;
        }
        (b"re", 4) => {
            let c = [(n[0], n[1]), (n[0] + n[2], n[1]), (n[0] + n[2], n[1] + n[3]), (n[0], n[1] + n[3])];
            let c: Vec<(f32, f32)> = c.iter().map(|&(x, y)| apply(&ctm, x, y)).collect();
            let (w, h) = ((c[2].0 - c[0].0).abs(), (c[2].1 - c[0].1).abs());
            if w < SNAP && h >= SNAP {
                let x = (c[0].0 + c[2].0) / 2.0;
                path.push(((x, c[0].1), (x, c[2].1)));
            } else if h < SNAP && w >= SNAP {
                let y = (c[0].1 + c[2].1) / 2.0;
                path.push(((c[0].0, y), (c[2].0, y)));
            } else {
                for k in 0..4 {
                    path.push((c[k], c[(k + 1) % 4]));
                }
            }
            cur = c[0];
            start = cur;
        }
        (b"S" | b"s" | b"f" | b"F" | b"f*" | b"B" | b"B*" | b"b" | b"b*", _) => {
            for ((x0, y0), (x1, y1)) in path.drain(..) {
                let (y0, y1) = (height - y0, height - y1);
                if (y0 - y1).abs() < 0.5 && (x1 - x0).abs() >= SNAP {
                    out.push(Rule { horizontal: true, at: y0, from: x0.min(x1), to: x0.max(x1) });
                } else if (x0 - x1).abs() < 0.5 && (y1 - y0).abs() >= SNAP {
                    out.push(Rule { horizontal: false, at: x0, from: y0.min(y1), to: y0.max(y1) });
                }
            }
        }
        (b"n", _) => path.clear(),
        _ => {}
    });
    out
}

/// A table's grid on a page: column edges (x) and row edges (y), and which grid cells belong
/// together (`owner[r][c]` is the index of the merged region holding grid cell (r, c)).
#[derive(Debug, Clone)]
struct Grid {
    xs: Vec<f32>,
    ys: Vec<f32>,
    owner: Vec<Vec<usize>>,
}

impl Grid {
    fn top(&self) -> f32 {
        self.ys[0]
    }
    fn bottom(&self) -> f32 {
        *self.ys.last().unwrap_or(&0.0)
    }
    fn contains(&self, x: f32, y: f32) -> bool {
        x > self.xs[0] && x < *self.xs.last().unwrap_or(&0.0) && y > self.top() && y < self.bottom()
    }
}

/// Positions closer than [`SNAP`] become one (their mean).
fn cluster(mut v: Vec<f32>) -> Vec<f32> {
    v.sort_by(f32::total_cmp);
    let mut out: Vec<(f32, u32)> = Vec::new();
    for x in v {
        match out.last_mut() {
            Some((m, n)) if x - *m / *n as f32 <= SNAP => {
                *m += x;
                *n += 1;
            }
            _ => out.push((x, 1)),
        }
    }
    out.into_iter().map(|(m, n)| m / n as f32).collect()
}

/// True when some rule of this orientation at `at` covers the point `along`.
fn covered(rules: &[Rule], horizontal: bool, at: f32, along: f32) -> bool {
    rules.iter().any(|r| {
        r.horizontal == horizontal && (r.at - at).abs() <= SNAP && r.from - SNAP <= along && along <= r.to + SNAP
    })
}

/// A page with more rules than this (after joining collinear pieces) is a drawing, not a table
/// page: no tables are looked for, which also bounds the work on a hostile file.
const MAX_RULES: usize = 400;

/// Joins collinear rules that touch or overlap (a border drawn cell by cell becomes one rule).
fn merge_collinear(rules: &[Rule]) -> Vec<Rule> {
    let mut v = rules.to_vec();
    v.sort_by(|a, b| a.horizontal.cmp(&b.horizontal).then(a.at.total_cmp(&b.at)).then(a.from.total_cmp(&b.from)));
    let mut out: Vec<Rule> = Vec::new();
    for r in v {
        // Rules of one line sit within SNAP of each other; compare with the last few kept.
        if let Some(m) = out
            .iter_mut()
            .rev()
            .take(8)
            .find(|m| m.horizontal == r.horizontal && (m.at - r.at).abs() <= SNAP / 2.0 && r.from <= m.to + SNAP)
        {
            m.to = m.to.max(r.to);
            continue;
        }
        out.push(r);
    }
    out
}

/// The tables on a page: groups of crossing rules with at least two rows and two columns.
fn grids(rules: &[Rule]) -> Vec<Grid> {
    let rules = merge_collinear(rules);
    let rules = rules.as_slice();
    if rules.len() > MAX_RULES {
        return Vec::new();
    }
    // Group rules that touch or cross (union-find over rule indices; rules per page are few).
    let n = rules.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let hs: Vec<usize> = (0..n).filter(|&i| rules[i].horizontal).collect();
    let vs: Vec<usize> = (0..n).filter(|&i| !rules[i].horizontal).collect();
    for &h in &hs {
        for &v in &vs {
            let (a, b) = (rules[h], rules[v]);
            if b.at >= a.from - SNAP && b.at <= a.to + SNAP && a.at >= b.from - SNAP && a.at <= b.to + SNAP {
                let (x, y) = (find(&mut parent, h), find(&mut parent, v));
                parent[x] = y;
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<Rule>> = std::collections::BTreeMap::new();
    for (i, r) in rules.iter().enumerate() {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(*r);
    }
    let mut out = Vec::new();
    for rs in groups.into_values() {
        let xs = cluster(rs.iter().filter(|r| !r.horizontal).map(|r| r.at).collect());
        let ys = cluster(rs.iter().filter(|r| r.horizontal).map(|r| r.at).collect());
        if xs.len() < 2 || ys.len() < 2 || (xs.len() < 3 && ys.len() < 3) {
            continue;
        }
        let (rows, cols) = (ys.len() - 1, xs.len() - 1);
        // Merge grid cells not separated by a rule (union-find over cells).
        let mut p: Vec<usize> = (0..rows * cols).collect();
        for r in 0..rows {
            let ym = (ys[r] + ys[r + 1]) / 2.0;
            for c in 0..cols {
                let xm = (xs[c] + xs[c + 1]) / 2.0;
                if c + 1 < cols && !covered(&rs, false, xs[c + 1], ym) {
                    let (a, b) = (find(&mut p, r * cols + c), find(&mut p, r * cols + c + 1));
                    p[b] = a;
                }
                if r + 1 < rows && !covered(&rs, true, ys[r + 1], xm) {
                    let (a, b) = (find(&mut p, r * cols + c), find(&mut p, (r + 1) * cols + c));
                    p[b] = a;
                }
            }
        }
        let owner = (0..rows).map(|r| (0..cols).map(|c| find(&mut p, r * cols + c)).collect()).collect();
        out.push(Grid { xs, ys, owner });
    }
    out.sort_by(|a, b| a.top().total_cmp(&b.top()));
    out
}

/// Words of the document in lowercase, trimmed of punctuation, leaving out what may be a piece of
/// a word broken across lines in a table cell (see [`cell_text`]).
pub type Vocabulary = std::collections::HashSet<String>;

fn word_key(s: &str) -> String {
    s.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase()
}

/// Adds the words of a cell's lines that cannot be pieces of a broken word: all but a line that
/// may end in a broken piece and the first word after it.
fn learn(vocab: &mut Vocabulary, lines: &[Vec<&Word>], right: f32) {
    let mut after = false;
    for l in lines {
        let candidate = broken_piece(l, right).is_some();
        if !candidate {
            vocab.extend(l.iter().skip(usize::from(after)).map(|w| word_key(&w.text)));
        }
        after = candidate;
    }
}

/// The line's only word when it may be the first piece of a word broken for want of room: it ends
/// in a letter within a letter's width of the text's right edge `right`.
fn broken_piece<'a>(l: &[&'a Word], right: f32) -> Option<&'a Word> {
    let [w] = l else { return None };
    let letter = (w.x1 - w.x0) / w.text.chars().count().max(1) as f32;
    (w.x1 >= right - 1.2 * letter
        && w.text.chars().last().is_some_and(|c| c.is_alphabetic())
        && w.text.chars().count() >= 3)
        .then_some(*w)
}

/// The text of one cell from its lines (each a list of words, top to bottom), words joined by a
/// space. A line that is a single word ending within a letter's width of the text's right edge
/// (`right`), followed by a line starting with a lowercase letter, may be a word broken for want
/// of room: the pieces are joined when the joined word occurs elsewhere in the document, or when
/// the first piece does not and the second is short, as word endings are. A line ending in a
/// hyphen joins the next without a space.
fn cell_text(lines: &[Vec<&Word>], right: f32, vocab: &Vocabulary) -> String {
    let mut out = String::new();
    let mut broken: Option<&Word> = None;
    let mut hyphen = false;
    let mut at_edge = false;
    for l in lines {
        for (i, w) in l.iter().enumerate() {
            let lower = w.text.chars().next().is_some_and(|c| c.is_lowercase());
            // A comma or a hyphen that did not fit beside its word opens the next line.
            let mark = i == 0 && at_edge && (w.text == "-" || w.text.chars().all(|c| ",.;:)»!?".contains(c)));
            let glue = mark
                || i == 0
                    && lower
                    && (hyphen
                        || broken.is_some_and(|b| {
                            vocab.contains(&word_key(&format!("{}{}", b.text, w.text)))
                                || (!vocab.contains(&word_key(&b.text)) && word_key(&w.text).chars().count() <= 6)
                        }));
            if !out.is_empty() && !glue {
                out.push(' ');
            }
            out.push_str(&w.text);
        }
        let last = l.last().map(|w| w.text.as_str()).unwrap_or("");
        hyphen = last.ends_with('-') && last.chars().rev().nth(1).is_some_and(|c| c.is_alphabetic());
        broken = broken_piece(l, right);
        at_edge = l.last().is_some_and(|w| {
            let letter = (w.x1 - w.x0) / w.text.chars().count().max(1) as f32;
            w.x1 >= right - 1.5 * letter && w.text.chars().last().is_some_and(char::is_alphanumeric)
        });
    }
    out
}

/// A table found on a page: its cells' lines of words, not yet turned into text.
struct PageTable<'a> {
    /// Per merged region: its lines (top to bottom) and its text's right edge.
    regions: std::collections::BTreeMap<usize, (Vec<Vec<&'a Word>>, f32)>,
    grid: Grid,
}

impl PageTable<'_> {
    fn top(&self) -> f32 {
        self.grid.top()
    }
    /// The table, cell texts made with `vocab`.
    fn table(&self, vocab: &Vocabulary) -> Table {
        let g = &self.grid;
        let (rows, cols) = (g.ys.len() - 1, g.xs.len() - 1);
        let texts: std::collections::BTreeMap<usize, String> =
            self.regions.iter().map(|(k, (lines, right))| (*k, cell_text(lines, *right, vocab))).collect();
        let mut table = Table::default();
        for r in 0..rows {
            let mut row = Vec::new();
            let mut c = 0;
            while c < cols {
                let region = g.owner[r][c];
                let mut span = 1;
                while c + span < cols && g.owner[r][c + span] == region {
                    span += 1;
                }
                let merged_up = r > 0 && g.owner[r - 1][c] == region;
                row.push(Cell { text: texts.get(&region).cloned().unwrap_or_default(), span: span as u16, merged_up });
                c += span;
            }
            table.rows.push(row);
        }
        table
    }
}

/// Collects the words inside grid `g` into its cells; marks those words as used.
fn fill<'a>(g: &Grid, page: &'a Page, used: &mut [Vec<bool>]) -> PageTable<'a> {
    let (rows, cols) = (g.ys.len() - 1, g.xs.len() - 1);
    // Words per merged region, as (line index, word).
    let mut words: std::collections::BTreeMap<usize, Vec<(usize, &Word)>> = std::collections::BTreeMap::new();
    for (li, line) in page.lines.iter().enumerate() {
        for (wi, w) in line.iter().enumerate() {
            let (cx, cy) = ((w.x0 + w.x1) / 2.0, (w.y0 + w.y1) / 2.0);
            if !g.contains(cx, cy) {
                continue;
            }
            let c = g.xs.windows(2).position(|p| cx >= p[0] && cx < p[1]);
            let r = g.ys.windows(2).position(|p| cy >= p[0] && cy < p[1]);
            if let (Some(r), Some(c)) = (r, c) {
                words.entry(g.owner[r][c]).or_default().push((li, w));
                used[li][wi] = true;
            }
        }
    }
    // Each region's right border, and the cell padding: the least room any word leaves before
    // its border.
    let right_of = |region: usize| {
        (0..rows)
            .flat_map(|r| (0..cols).filter(move |&c| g.owner[r][c] == region).map(|c| g.xs[c + 1]))
            .fold(f32::MIN, f32::max)
    };
    let rights: std::collections::BTreeMap<usize, f32> = words.keys().map(|&k| (k, right_of(k))).collect();
    let pad = words
        .iter()
        .flat_map(|(k, ws)| {
            let r = rights[k];
            ws.iter().map(move |(_, w)| r - w.x1)
        })
        .fold(f32::MAX, f32::min)
        .max(0.0);
    let mut regions = std::collections::BTreeMap::new();
    for (region, ws) in words {
        let mut lines: Vec<Vec<&Word>> = Vec::new();
        let mut last: Option<usize> = None;
        for (li, w) in ws {
            if last != Some(li) {
                lines.push(Vec::new());
                last = Some(li);
            }
            if let Some(l) = lines.last_mut() {
                l.push(w);
            }
        }
        lines.sort_by(|a, b| a[0].y0.total_cmp(&b[0].y0));
        regions.insert(region, (lines, rights[&region] - pad));
    }
    PageTable { regions, grid: g.clone() }
}

/// True when a line is a bare page number.
fn page_number(line: &[&Word]) -> bool {
    line.len() == 1 && line[0].text.len() <= 4 && line[0].text.bytes().all(|b| b.is_ascii_digit())
}

/// Blocks for the pages: text lines as paragraph blocks, tables as table blocks, a page break
/// between pages; `rules` per page (missing pages have none). A table continuing on the next
/// page with the same columns is joined to the part before the break.
pub fn blocks(pages: &[Page], rules: &[Vec<Rule>]) -> Vec<Block> {
    // First the tables of every page, then the vocabulary (for broken words), then the blocks.
    let none = Vec::new();
    let mut found: Vec<(Vec<PageTable>, Vec<Vec<bool>>)> = Vec::new();
    let mut vocab = Vocabulary::new();
    for (pi, page) in pages.iter().enumerate() {
        let mut used: Vec<Vec<bool>> = page.lines.iter().map(|l| vec![false; l.len()]).collect();
        let mut tables: Vec<PageTable> =
            grids(rules.get(pi).unwrap_or(&none)).iter().map(|g| fill(g, page, &mut used)).collect();
        tables.retain(|t| !t.regions.is_empty());
        for t in &tables {
            for (lines, right) in t.regions.values() {
                learn(&mut vocab, lines, *right);
            }
        }
        for (l, u) in page.lines.iter().zip(&used) {
            vocab.extend(l.iter().zip(u).filter(|(_, u)| !**u).map(|(w, _)| word_key(&w.text)));
        }
        found.push((tables, used));
    }
    let mut out: Vec<Block> = Vec::new();
    // Index in `out` of the table ending the previous page, and its columns.
    let mut open: Option<(usize, Vec<f32>)> = None;
    for (pi, (page, (tables, used))) in pages.iter().zip(found).enumerate() {
        let pno = pi as u32 + 1;
        if pi > 0 {
            out.push(Block::new(Kind::PageBreak, "", Place { page: pi as u32, line: 0 }));
        }
        let mut tables = tables.into_iter().peekable();
        let mut seen_text = false;
        let mut line_no = 0u32;
        for (li, line) in page.lines.iter().enumerate() {
            let rest: Vec<&Word> = line.iter().zip(&used[li]).filter(|(_, u)| !**u).map(|(w, _)| w).collect();
            if rest.is_empty() {
                continue;
            }
            let y = rest[0].y0;
            while let Some(t) = tables.next_if(|t| t.top() <= y) {
                let place = Place { page: pno, line: line_no + 1 };
                emit_table(t.table(&vocab), &vocab, t.grid.xs, seen_text, &mut out, &mut open, place);
            }
            line_no += 1;
            if page_number(&rest) {
                out.push(Block::new(Kind::Paragraph, rest[0].text.clone(), Place { page: pno, line: line_no }));
                continue;
            }
            seen_text = true;
            open = None;
            let text = rest.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ");
            out.push(Block::new(Kind::Paragraph, text, Place { page: pno, line: line_no }));
        }
        for t in tables {
            let place = Place { page: pno, line: line_no + 1 };
            emit_table(t.table(&vocab), &vocab, t.grid.xs, seen_text, &mut out, &mut open, place);
        }
    }
    out
}

/// Adds a page's table to `out`, or joins it to the table ending the previous page (`open`) when
/// no text came between them and the columns are the same.
fn emit_table(
    table: Table,
    vocab: &Vocabulary,
    xs: Vec<f32>,
    seen_text: bool,
    out: &mut Vec<Block>,
    open: &mut Option<(usize, Vec<f32>)>,
    place: Place,
) {
    if let Some((i, cols)) = open.take()
        && !seen_text
        && same_columns(cols.as_slice(), &xs)
        && let Kind::Table(prev) = &mut out[i].kind
    {
        join(prev, table, vocab);
        *open = Some((i, cols));
        return;
    }
    out.push(Block::new(Kind::Table(table), "", place));
    *open = Some((out.len() - 1, xs));
}

fn same_columns(a: &[f32], b: &[f32]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() <= SNAP * 2.0)
}

/// Appends the rows of `next` (a table's part after a page break) to `prev`: header rows repeated
/// on the new page are dropped, and a first row whose first cell is empty continues the last row
/// (a word the break cut, `образовательн` + `ого`, is joined when the document knows it whole).
fn join(prev: &mut Table, mut next: Table, vocab: &Vocabulary) {
    let texts = |r: &Vec<Cell>| r.iter().map(|c| c.text.clone()).collect::<Vec<_>>();
    let head: Vec<Vec<String>> = prev.rows.iter().take(3).map(texts).collect();
    let mut skip = 0;
    while skip < next.rows.len() && skip < head.len() && texts(&next.rows[skip]) == head[skip] {
        skip += 1;
    }
    next.rows.drain(..skip);
    let Some(first) = next.rows.first() else { return };
    let cont = first.first().is_some_and(|c| c.text.trim().is_empty() && !c.merged_up)
        && first.iter().any(|c| !c.text.trim().is_empty());
    if cont && let Some(last) = prev.rows.last_mut() {
        let first = next.rows.remove(0);
        if Table::grid_row(last).len() == Table::grid_row(&first).len() && last.len() == first.len() {
            for (a, b) in last.iter_mut().zip(first) {
                if !b.text.trim().is_empty() {
                    let tail = a.text.rsplit(' ').next().unwrap_or("");
                    let head = b.text.split_whitespace().next().unwrap_or("");
                    let cut = head.starts_with(char::is_lowercase)
                        && tail.chars().last().is_some_and(char::is_alphabetic)
                        && head.chars().count() <= 6
                        && vocab.contains(&word_key(&format!("{tail}{head}")));
                    if !a.text.is_empty() && !cut {
                        a.text.push(' ');
                    }
                    a.text.push_str(b.text.trim());
                }
            }
        } else {
            prev.rows.push(first);
        }
    }
    prev.rows.extend(next.rows);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(x0: f32, y0: f32, x1: f32, text: &str) -> Word {
        Word { x0, y0, x1, y1: y0 + 10.0, text: text.into() }
    }
    fn h(y: f32, a: f32, b: f32) -> Rule {
        Rule { horizontal: true, at: y, from: a, to: b }
    }
    fn v(x: f32, a: f32, b: f32) -> Rule {
        Rule { horizontal: false, at: x, from: a, to: b }
    }
    fn page(lines: Vec<Vec<Word>>) -> Page {
        Page { width: 200.0, height: 100.0, lines }
    }

    #[test]
    fn rules_make_cells_and_missing_rules_merge_them() {
        // Two columns, three rows; row 0 spans both columns (no rule at x=100 there); the second
        // column of rows 1-2 is one merged cell (no rule at y=40 right of x=100).
        let rules = vec![
            h(0.0, 0.0, 200.0),
            h(20.0, 0.0, 200.0),
            h(40.0, 0.0, 100.0),
            h(60.0, 0.0, 200.0),
            v(0.0, 0.0, 60.0),
            v(100.0, 20.0, 60.0),
            v(200.0, 0.0, 60.0),
        ];
        let page = page(vec![
            vec![w(5.0, 5.0, 60.0, "Заголовок"), w(100.0, 5.0, 198.0, "таблицы")],
            vec![w(5.0, 25.0, 20.0, "1"), w(105.0, 25.0, 160.0, "Длинное")],
            vec![w(105.0, 45.0, 150.0, "значение")],
            vec![w(5.0, 45.0, 20.0, "2")],
            vec![w(5.0, 70.0, 80.0, "После"), w(85.0, 70.0, 120.0, "таблицы")],
        ]);
        let b = blocks(&[page], &[rules]);
        let Kind::Table(t) = &b[0].kind else { panic!("{b:?}") };
        let rows: Vec<Vec<(&str, u16, bool)>> =
            t.rows.iter().map(|r| r.iter().map(|c| (c.text.as_str(), c.span, c.merged_up)).collect()).collect();
        assert_eq!(
            rows,
            [
                vec![("Заголовок таблицы", 2, false)],
                vec![("1", 1, false), ("Длинное значение", 1, false)],
                vec![("2", 1, false), ("Длинное значение", 1, true)]
            ]
        );
        assert_eq!(b[1].text, "После таблицы");
    }

    #[test]
    fn a_table_cut_by_a_page_break_is_one_table_and_the_split_row_is_joined() {
        let rules = |top: f32| {
            vec![
                h(top, 0.0, 200.0),
                h(top + 20.0, 0.0, 200.0),
                h(top + 40.0, 0.0, 200.0),
                v(0.0, top, top + 40.0),
                v(50.0, top, top + 40.0),
                v(200.0, top, top + 40.0),
            ]
        };
        let p1 = page(vec![
            vec![w(5.0, 5.0, 20.0, "№"), w(55.0, 5.0, 120.0, "Наименование")],
            vec![w(5.0, 25.0, 20.0, "1"), w(55.0, 25.0, 199.0, "Информирова")],
        ]);
        let p2 = page(vec![
            vec![w(55.0, 5.0, 80.0, "ние"), w(85.0, 5.0, 120.0, "граждан")],
            vec![w(5.0, 25.0, 20.0, "2"), w(55.0, 25.0, 120.0, "Второй")],
            vec![w(90.0, 60.0, 110.0, "7")],
        ]);
        let b = blocks(&[p1, p2], &[rules(0.0), rules(0.0)]);
        let Kind::Table(t) = &b[0].kind else { panic!("{b:?}") };
        let rows: Vec<Vec<&str>> = t.rows.iter().map(|r| r.iter().map(|c| c.text.as_str()).collect()).collect();
        assert_eq!(rows, [vec!["№", "Наименование"], vec!["1", "Информирова ние граждан"], vec!["2", "Второй"]]);
        assert_eq!(b[1].kind, Kind::PageBreak);
        assert_eq!(b[2].text, "7");
    }

    #[test]
    fn a_word_broken_for_want_of_room_is_joined() {
        let none = Vocabulary::new();
        let a = w(0.0, 0.0, 68.0, "вовлеченност");
        let b = w(0.0, 10.0, 5.0, "и");
        let c = w(20.0, 10.0, 68.0, "контроля");
        assert_eq!(cell_text(&[vec![&a], vec![&b, &c]], 70.0, &none), "вовлеченности контроля");
        let d = w(0.0, 0.0, 30.0, "Проект");
        assert_eq!(cell_text(&[vec![&d], vec![&c]], 70.0, &none), "Проект контроля");
        // A whole word at the edge, known from elsewhere, is not glued to the next.
        let e = w(0.0, 0.0, 67.0, "Поступление");
        let known: Vocabulary = ["поступление".to_string()].into();
        assert_eq!(cell_text(&[vec![&e], vec![&b, &c]], 70.0, &known), "Поступление и контроля");
        let f = w(0.0, 0.0, 67.0, "программно-");
        let g = w(0.0, 10.0, 30.0, "аппаратных");
        assert_eq!(cell_text(&[vec![&f], vec![&g]], 70.0, &none), "программно-аппаратных");
        // A comma or a hyphen that did not fit beside its word at the edge opens the next line.
        let s = w(0.0, 0.0, 68.0, "строительства");
        let comma = w(0.0, 10.0, 2.0, ",");
        let dash = w(0.0, 10.0, 3.0, "-");
        let next = w(6.0, 10.0, 30.0, "Стройка");
        assert_eq!(cell_text(&[vec![&s], vec![&comma, &next]], 70.0, &none), "строительства, Стройка");
        assert_eq!(cell_text(&[vec![&s], vec![&dash, &next]], 70.0, &none), "строительства- Стройка");
        // A dashed item after a word short of the edge is a list item.
        let short = w(0.0, 0.0, 40.0, "задачи");
        assert_eq!(cell_text(&[vec![&short], vec![&dash, &next]], 70.0, &none), "задачи - Стройка");
    }

    #[test]
    fn a_word_cut_by_a_page_break_is_joined_when_the_document_knows_it() {
        let cell = |t: &str| Cell { text: t.into(), ..Default::default() };
        let table = |a: &str, b: &str| Table { rows: vec![vec![cell(a), cell(b)]] };
        let known: Vocabulary = ["образовательного".to_string()].into();
        let mut prev = table("1", "Библиотека образовательн");
        join(&mut prev, table("", "ого контента"), &known);
        assert_eq!(prev.rows[0][1].text, "Библиотека образовательного контента");
        let mut prev = table("1", "Библиотека образовательн");
        join(&mut prev, table("", "ого контента"), &Vocabulary::new());
        assert_eq!(prev.rows[0][1].text, "Библиотека образовательн ого контента");
    }

    #[test]
    fn rules_are_read_from_a_content_stream_past_text_and_images() {
        let content =
            b"q 1 0 0 1 10 20 cm\nBT /F1 12 Tf [(a) 5 (\\) 1 2 3 4 re f) -3 (b)] TJ (x (nested) 7 8 l) Tj ET\n\
            % 1 2 3 4 re f\n<< /W 2 >> BDC BI /W 1 /H 1 ID \x00 1 2 re S EI Q\n\
            0 0 m 100 0 l S 50.5 0 0.5 80 re f <3031> Tj 0 0 m 0 0 l n";
        let r = rules_of(content, 0.0);
        // The stroked line and the thin filled rectangle; nothing from strings, comments, arrays,
        // dictionaries or the image data; the `cm` ended with its `Q`.
        assert_eq!(r.len(), 2, "{r:?}");
        assert!(r[0].horizontal && r[0].at == 0.0 && r[0].from == 0.0 && r[0].to == 100.0, "{r:?}");
        assert!(!r[1].horizontal && (r[1].at - 50.75).abs() < 1e-3 && r[1].from == -80.0 && r[1].to == 0.0, "{r:?}");
    }

    /// Hands out its bytes one or a few at a time, as a pipe may.
    struct Trickle<'a>(&'a [u8], usize);
    impl std::io::Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.1.min(self.0.len()).min(buf.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn bbox_xhtml_read_in_pieces_gives_the_same_pages() {
        let x = r#"<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x.dtd">
            <html><head><title>a &gt; b</title><meta name="x" content="1 > 0"/></head><body><doc>
            <!-- a <word> in a comment is no word -->
            <page width="595.303937" height="841.889764"><flow><block><line>
            <word xMin="85.200000" yMin="56.500764" xMax="97.44" yMax="68.5">&#1055;&#x440;&quot;&apos;&lt;</word>
            <word xMin="1" yMin="2" xMax="3" yMax="4">  </word><word xMin="-1.5" yMin="2" xMax="3" yMax="4">Ж&amp;</word>
            </line></block></flow></page><page width="10" height="20"><line><word xMin="1">x</word></line></page>
            </doc></body></html>"#
            .as_bytes();
        let whole = parse_bbox(x).unwrap();
        assert_eq!(whole.len(), 2);
        assert_eq!(whole[0].text(), "Пр\"'< Ж&\n");
        assert_eq!(
            (whole[0].width, whole[0].lines[0][0].x0, whole[0].lines[0][1].x0),
            ("595.303937".parse::<f32>().unwrap(), 85.2, -1.5)
        );
        assert_eq!(whole[1].lines[0][0].text, "x");
        for step in [1, 2, 3, 7, 64] {
            assert_eq!(parse_bbox_from(Trickle(x, step)).unwrap(), whole, "in pieces of {step}");
        }
        // Broken markup is named with its byte, whole or in pieces.
        let e = parse_bbox(b"<page><line><word xMin=\"1").unwrap_err();
        assert!(e.contains(" 12"), "{e}");
        assert_eq!(parse_bbox_from(Trickle(b"<page><line><word xMin=\"1", 3)).unwrap_err(), e);
        assert!(parse_bbox(b"<line><word>a &amp b</word></line>").is_err());
    }

    #[test]
    fn poppler_numbers_are_read_as_the_general_parser_reads_them() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..200_000 {
            let (a, b) = (next() % 100_000, next() % 1_000_000);
            for t in
                [format!("{}.{:06}", a % 2000, b), format!("-{a}.{}", b % 1000), format!("{a}"), format!("0.{b:08}")]
            {
                assert_eq!(number(t.as_bytes()).to_bits(), t.parse::<f32>().unwrap().to_bits(), "{t}");
            }
        }
        for t in ["1e3", "", "-", ".", "1.2.3", "12345678901234567.5", "0.123456789", " 7 ", "-0.000000"] {
            assert_eq!(number(t.as_bytes()).to_bits(), t.trim().parse::<f32>().unwrap_or(0.0).to_bits(), "{t}");
        }
    }

    #[test]
    fn bbox_xhtml_is_read_with_entities() {
        let x = r#"<html><body><doc><page width="595.3" height="841.9"><flow><block><line>
            <word xMin="1" yMin="2" xMax="3" yMax="4">A&amp;B</word><word xMin="5" yMin="2" xMax="9" yMax="4">б</word>
            </line></block></flow></page><page width="10" height="20"></page></doc></body></html>"#;
        let p = parse_bbox(x.as_bytes()).unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].text(), "A&B б\n");
        assert_eq!(p[0].lines[0][1], Word { x0: 5.0, y0: 2.0, x1: 9.0, y1: 4.0, text: "б".into() });
    }
}
