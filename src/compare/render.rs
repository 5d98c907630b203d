//! Text renderers for a [`DocDiff`]: unified, side by side, stat, JSON and Markdown.
//!
//! Colour has two levels, as delta does: a changed paragraph in the side's colour and the changed
//! words inside it emphasised. The markers `[-old-]` and `{+new+}` are always written, so the diff
//! reads the same without colour (NO_COLOR, pipes, colour-blind readers). Document text is
//! sanitised before it is written, and lines are wrapped by display width, never cut.

use super::words::SpanKind;
use super::{BlockRow, DocDiff, IndicatorDiff, ProjectDiff, SectionDiff, Status};
use crate::i18n::{Msg, tr, trf};
use crate::model::BlockKind;
use crate::text::sanitize::sanitize;
use std::fmt::Write;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

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

/// Renders the diff in the chosen format.
pub fn render(d: &DocDiff, o: &RenderOptions) -> String {
    match o.format {
        Format::Json => crate::output::json::to_string_pretty(d).expect("a diff always serialises"),
        Format::Stat => stat(d, o),
        Format::Markdown => markdown(d),
        Format::Unified | Format::Side => text(d, o),
    }
}

/// Appends pieces to `out`, in colour when `color` is set (text must already be sanitised).
pub fn paint(out: &mut String, pieces: &[Piece], color: bool) {
    for (role, t) in pieces {
        if color && *role != Role::Plain {
            let _ = write!(out, "{}{t}\x1b[0m", role.code());
        } else {
            out.push_str(t);
        }
    }
}

/// Display width of pieces.
pub fn width_of(pieces: &[Piece]) -> usize {
    pieces.iter().map(|(_, t)| text_width(t)).sum()
}

/// Display width of `s`: one column per character for printable ASCII and Russian letters (the
/// bulk of a strategy's text), `unicode-width` for anything else.
fn text_width(s: &str) -> usize {
    let mut n = 0;
    for c in s.chars() {
        if matches!(c, ' '..='~' | 'А'..='я' | 'Ё' | 'ё') {
            n += 1;
        } else {
            return s.width();
        }
    }
    n
}

/// Wraps pieces into lines no wider than `width` (at least 1). Lines break at whitespace; a run
/// of non-space text (a word, or a marked change such as `[-62-]{+71+}`) is kept whole when it
/// fits a line and cut by grapheme only when it is longer than a line. Whitespace at a break is
/// dropped.
pub fn wrap(pieces: &[Piece], width: usize) -> Vec<Vec<Piece>> {
    let mut w = Wrapper { width: width.max(1), lines: vec![Vec::new()], used: 0, pending: Vec::new() };
    // Units: maximal runs of non-space (or of space) text, possibly across pieces, borrowed.
    let mut unit: Vec<(Role, &str)> = Vec::new();
    let mut unit_space = false;
    for (role, text) in pieces {
        let mut rest = text.as_str();
        while let Some(c) = rest.chars().next() {
            let space = c.is_whitespace();
            let end = rest.find(|x: char| x.is_whitespace() != space).unwrap_or(rest.len());
            let (run, tail) = rest.split_at(end);
            rest = tail;
            if space != unit_space && !unit.is_empty() {
                w.unit(unit_space, &mut unit);
            }
            unit_space = space;
            unit.push((*role, run));
        }
    }
    if !unit.is_empty() {
        w.unit(unit_space, &mut unit);
    }
    w.lines
}

/// The state of [`wrap`]: lines so far, the width used on the last one, and the whitespace
/// waiting for the next word (dropped at a break).
struct Wrapper<'p> {
    width: usize,
    lines: Vec<Vec<Piece>>,
    used: usize,
    pending: Vec<(Role, &'p str)>,
}

impl<'p> Wrapper<'p> {
    fn push(&mut self, role: Role, s: &str) {
        let line = self.lines.last_mut().expect("a line");
        match line.last_mut() {
            Some((r, t)) if *r == role => t.push_str(s),
            _ => line.push((role, s.to_string())),
        }
    }

    /// Takes one unit (and empties it): whitespace waits, a word goes on this line or the next.
    fn unit(&mut self, space: bool, parts: &mut Vec<(Role, &'p str)>) {
        if space {
            self.pending.clear();
            self.pending.append(parts);
            return;
        }
        let w: usize = parts.iter().map(|(_, t)| text_width(t)).sum();
        let pw: usize = if self.used == 0 { 0 } else { self.pending.iter().map(|(_, t)| text_width(t)).sum() };
        if self.used > 0 && self.used + pw + w > self.width {
            self.lines.push(Vec::new());
            self.used = 0;
        }
        if self.used > 0 {
            for (r, t) in std::mem::take(&mut self.pending) {
                self.push(r, t);
            }
            self.used += pw;
        }
        self.pending.clear();
        if self.used + w <= self.width {
            // The run fits on this line: no need to cut it.
            for (role, t) in parts.drain(..) {
                self.push(role, t);
            }
            self.used += w;
            return;
        }
        for (role, t) in parts.drain(..) {
            for g in t.graphemes(true) {
                let gw = g.width();
                if self.used + gw > self.width && self.used > 0 {
                    self.lines.push(Vec::new());
                    self.used = 0;
                }
                self.push(role, g);
                self.used += gw;
            }
        }
    }
}

/// The pieces of one side of a block row: `b` false for A, true for B. Changed words carry the
/// `[-…-]`/`{+…+}` markers.
pub fn row_side(row: &BlockRow, b: bool) -> Vec<Piece> {
    let text = if b { row.text_b.as_deref() } else { row.text_a.as_deref() };
    let Some(text) = text else { return Vec::new() };
    let (line, emph) = if b { (Role::Plus, Role::PlusEmph) } else { (Role::Minus, Role::MinusEmph) };
    match (&row.words, row.status) {
        (Some(w), _) => w
            .side(b)
            .map(|(kind, t)| match kind {
                SpanKind::Equal => (line, sanitize(t).into_owned()),
                SpanKind::Deleted => (emph, format!("[-{}-]", sanitize(t))),
                SpanKind::Inserted => (emph, format!("{{+{}+}}", sanitize(t))),
            })
            .collect(),
        (None, Status::Same) => vec![(Role::Plain, sanitize(text).into_owned())],
        (None, Status::Moved) => vec![(Role::Moved, sanitize(text).into_owned())],
        (None, _) => vec![(line, sanitize(text).into_owned())],
    }
}

/// The unified pieces of a block row: equal text once, deleted and inserted words marked.
pub fn row_unified(row: &BlockRow) -> Vec<Piece> {
    match &row.words {
        Some(w) => {
            let base = if row.status == Status::Moved { Role::Moved } else { Role::Plain };
            w.spans
                .iter()
                .map(|s| match s.kind {
                    SpanKind::Equal => (base, sanitize(&s.text).into_owned()),
                    SpanKind::Deleted => (Role::MinusEmph, format!("[-{}-]", sanitize(&s.text))),
                    SpanKind::Inserted => (Role::PlusEmph, format!("{{+{}+}}", sanitize(&s.text))),
                })
                .collect()
        }
        None => row_side(row, row.text_b.is_some()),
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
    let mut v = vec![(Role::of(s.status), format!("{} {}", s.status.mark(), sanitize(&s.key)))];
    let numbers = match (&s.number_a, &s.number_b) {
        (Some(a), Some(b)) if a != b => format!(" {} -> {}", sanitize(a), sanitize(b)),
        (Some(n), _) | (None, Some(n)) => format!(" {}", sanitize(n)),
        _ => String::new(),
    };
    v.push((Role::Dim, numbers));
    v.push((Role::Plain, format!(" {}", sanitize(&s.title))));
    if let Some(t) = &s.title_a {
        v.push((Role::Dim, format!(" ({})", trf(Msg::Was, &[&sanitize(t)]))));
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

fn text(d: &DocDiff, o: &RenderOptions) -> String {
    let width = o.width.max(40);
    let mut out = String::new();
    let header = [(Role::Minus, format!("--- {}", sanitize(&d.a))), (Role::Plus, format!("+++ {}", sanitize(&d.b)))];
    for p in header {
        paint(&mut out, &[p], o.color);
        out.push('\n');
    }
    let regional = is_region_comparison(d);
    if regional {
        let line = trf(Msg::DiffTwoRegions, &[&sanitize(&d.regions[0].name), &sanitize(&d.regions[1].name)]);
        for l in wrap(&[(Role::Dim, line)], width) {
            paint(&mut out, &l, o.color);
            out.push('\n');
        }
    }
    if o.format == Format::Side {
        let col = (width - 3) / 2;
        let names = [sanitize(&d.a).into_owned(), sanitize(&d.b).into_owned()];
        let left = wrap(&[(Role::Minus, names[0].clone())], col);
        let right = wrap(&[(Role::Plus, names[1].clone())], col);
        columns2(&mut out, &left, &right, col, " | ", o.color);
    }
    for s in d.sections.iter().filter(|s| s.is_change()) {
        out.push('\n');
        for line in wrap(&section_header(s), width) {
            paint(&mut out, &line, o.color);
            out.push('\n');
        }
        let rows: Vec<&BlockRow> = s.changes().collect();
        let mut i = 0;
        while i < rows.len() {
            let one_sided = |r: &BlockRow| matches!(r.status, Status::Added | Status::Removed);
            if regional && one_sided(rows[i]) {
                let end = (i..rows.len()).find(|&k| !one_sided(rows[k])).unwrap_or(rows.len());
                unmatched(&mut out, &rows[i..end], [&d.regions[0].name, &d.regions[1].name], width, o.color);
                i = end;
                continue;
            }
            if o.format == Format::Side {
                side_row(&mut out, rows[i], width, o.color);
            } else {
                unified_row(&mut out, rows[i], width, o.color);
            }
            i += 1;
        }
    }
    tables(&mut out, d, width, o.color);
    out.push('\n');
    for line in wrap(&[(Role::Plain, summary_line(d))], width) {
        paint(&mut out, &line, o.color);
        out.push('\n');
    }
    out
}

/// Two wrapped columns side by side, `col` wide, joined by `gutter`.
fn columns2(out: &mut String, left: &[Vec<Piece>], right: &[Vec<Piece>], col: usize, gutter: &str, color: bool) {
    for i in 0..left.len().max(right.len()) {
        let l = left.get(i).map(Vec::as_slice).unwrap_or(&[]);
        let r = right.get(i).map(Vec::as_slice).unwrap_or(&[]);
        paint(out, l, color);
        out.push_str(&" ".repeat(col.saturating_sub(width_of(l))));
        paint(out, &[(Role::Dim, gutter.to_string())], color);
        paint(out, r, color);
        out.push('\n');
    }
}

/// A run of blocks that only one region has, in a region comparison: A's beside B's, under both
/// regions' names, the n-th of each side on the same line.
fn unmatched(out: &mut String, rows: &[&BlockRow], names: [&str; 2], width: usize, color: bool) {
    let col = (width - 3) / 2;
    let side = |b: bool| -> Vec<&BlockRow> {
        rows.iter()
            .copied()
            .filter(|r| if b { r.status == Status::Added } else { r.status == Status::Removed })
            .collect()
    };
    let (a, b) = (side(false), side(true));
    let title = |n: &str, k: usize, role| wrap(&[(role, trf(Msg::DiffOnlyIn, &[&sanitize(n), &k]))], col);
    columns2(out, &title(names[0], a.len(), Role::Minus), &title(names[1], b.len(), Role::Plus), col, " | ", color);
    let block = |r: Option<&&BlockRow>, b: bool| -> Vec<Vec<Piece>> {
        let Some(r) = r else { return Vec::new() };
        let mut pieces = vec![(Role::Dim, format!("{} ", row_label(r)))];
        pieces.extend(row_side(r, b));
        wrap(&pieces, col)
    };
    for i in 0..a.len().max(b.len()) {
        columns2(out, &block(a.get(i), false), &block(b.get(i), true), col, " | ", color);
    }
}

fn unified_row(out: &mut String, row: &BlockRow, width: usize, color: bool) {
    let label = format!("  {} {} ", row.status.mark(), row_label(row));
    let indent = 6;
    let lines = wrap(&row_unified(row), width.saturating_sub(indent).max(20));
    for (i, line) in lines.iter().enumerate() {
        if i == 0 {
            paint(out, &[(Role::of(row.status), label.clone())], color);
            out.push_str(&" ".repeat(indent.saturating_sub(label.width())));
        } else {
            out.push_str(&" ".repeat(indent.max(label.width())));
        }
        paint(out, line, color);
        out.push('\n');
    }
}

fn side_row(out: &mut String, row: &BlockRow, width: usize, color: bool) {
    // `A text | B text` with a status mark in the gutter: col + 3 + col <= width.
    let col = (width - 3) / 2;
    let mut label = format!("  {} {} {}", row.status.mark(), row_label(row), status_word(row.status));
    if matches!(row.status, Status::Changed | Status::Moved) {
        let _ = write!(label, ", {:.0}% similar", row.similarity * 100.0);
    }
    for line in wrap(&[(Role::Dim, label)], width) {
        paint(out, &line, color);
        out.push('\n');
    }
    let left = wrap(&row_side(row, false), col);
    let right = wrap(&row_side(row, true), col);
    let n = left.len().max(right.len());
    for i in 0..n {
        let l = left.get(i).map(Vec::as_slice).unwrap_or(&[]);
        let r = right.get(i).map(Vec::as_slice).unwrap_or(&[]);
        paint(out, l, color);
        out.push_str(&" ".repeat(col.saturating_sub(width_of(l))));
        let gutter = if i == 0 { format!(" {} ", row.status.mark()) } else { " | ".into() };
        paint(out, &[(Role::of(row.status), gutter)], color);
        paint(out, r, color);
        out.push('\n');
    }
}

/// A number as printed in tables (the library's one formatter), `-` for none.
pub fn fmt_num(x: Option<f64>) -> String {
    x.map_or("-".into(), crate::i18n::number)
}

/// One line per changed project: mark, name, rename and field changes.
pub fn project_line(p: &ProjectDiff) -> String {
    let mut s = format!("{} {} [{}]", p.status.mark(), sanitize(&p.name), sanitize(&p.sector));
    if let Some(from) = &p.renamed_from {
        let _ = write!(s, " ({} {})", tr(Msg::ReportRenamedFrom), sanitize(from));
    }
    for f in &p.fields {
        let v = |x: &Option<String>| x.as_deref().map_or("-".to_string(), |t| format!("\"{}\"", sanitize(t)));
        let field = crate::i18n::catalog::field_text(f.field, crate::i18n::lang()).unwrap_or(f.field);
        let _ = write!(s, "; {field}: {} -> {}", v(&f.a), v(&f.b));
    }
    s
}

/// One line per changed indicator: mark, project, name, and old -> new per year that differs.
pub fn indicator_line(i: &IndicatorDiff) -> String {
    let mut s = format!("{} {} / {}", i.status.mark(), sanitize(&i.project), sanitize(&i.name));
    if let Some(from) = &i.renamed_from {
        let _ = write!(s, " ({})", trf(Msg::Was, &[&sanitize(from)]));
    }
    if i.unit_a != i.unit_b && i.status == Status::Changed {
        let unit = |u: &Option<String>| sanitize(u.as_deref().unwrap_or("-")).into_owned();
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

fn tables(out: &mut String, d: &DocDiff, width: usize, color: bool) {
    let projects: Vec<&ProjectDiff> = d.projects.iter().filter(|p| p.status != Status::Same).collect();
    let indicators: Vec<&IndicatorDiff> = d.indicators.iter().filter(|i| i.status != Status::Same).collect();
    let mut block = |title: &str, lines: Vec<(Status, String)>| {
        if lines.is_empty() {
            return;
        }
        out.push('\n');
        paint(out, &[(Role::Header, title.to_string())], color);
        out.push('\n');
        for (status, line) in lines {
            for (k, l) in wrap(&[(Role::of(status), line)], width.saturating_sub(4)).iter().enumerate() {
                out.push_str(if k == 0 { "  " } else { "    " });
                paint(out, l, color);
                out.push('\n');
            }
        }
    };
    block(tr(Msg::DiffProjects), projects.iter().map(|p| (p.status, project_line(p))).collect());
    block(tr(Msg::DiffIndicators), indicators.iter().map(|i| (i.status, indicator_line(i))).collect());
}

fn stat(d: &DocDiff, o: &RenderOptions) -> String {
    let mut out = String::new();
    // The shared rule (also the TUI's): a sector section differs when its projects or indicators do.
    let changed: Vec<&SectionDiff> =
        (0..d.sections.len()).filter(|&i| super::changes::differs(d, i)).map(|i| &d.sections[i]).collect();
    let keys: Vec<String> = changed.iter().map(|s| sanitize(&s.key).into_owned()).collect();
    let key_w = keys.iter().map(|k| k.width()).max().unwrap_or(0).min(40);
    let max_words = changed.iter().map(|s| s.words_added + s.words_removed).max().unwrap_or(0).max(1);
    let bar_w = o.width.max(40).saturating_sub(key_w + 32).clamp(5, 40);
    for (s, key) in changed.iter().zip(&keys) {
        let total = s.words_added + s.words_removed;
        let n = (total * bar_w).div_ceil(max_words);
        let plus = if total == 0 { 0 } else { (n * s.words_added).div_ceil(total).min(n) };
        let line = vec![
            (Role::of(s.status), format!("{} {:<key_w$}", s.status.mark(), key)),
            (Role::Dim, format!(" {:<8}", status_word(s.status))),
            (Role::Plain, format!(" {:>6} {:>6} ", format!("+{}", s.words_added), format!("-{}", s.words_removed))),
            (Role::Plus, "+".repeat(plus)),
            (Role::Minus, "-".repeat(n - plus)),
        ];
        paint(&mut out, &line, o.color);
        out.push('\n');
    }
    let p = d.projects.iter().filter(|p| p.status != Status::Same).count();
    let i = d.indicators.iter().filter(|i| i.status != Status::Same).count();
    let _ = writeln!(out, "{}", trf(Msg::DiffStat, &[&changed.len(), &p, &i]));
    out.push_str(&summary_line(d));
    out.push('\n');
    out
}

fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in sanitize(s).chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '~' | '[' | ']' | '<' | '>' | '|' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn markdown(d: &DocDiff) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {} -> {}\n", md_escape(&d.a), md_escape(&d.b));
    let _ = writeln!(out, "{}\n", md_escape(&summary_line(d)));
    for s in d.sections.iter().filter(|s| s.is_change()) {
        let title: String = section_header(s).into_iter().map(|p| p.1).collect();
        let _ = writeln!(out, "## {}\n", md_escape(title.trim_start_matches(|c: char| c != ' ').trim()));
        let _ = writeln!(out, "{}\n", trf(Msg::DiffStatus, &[&status_word(s.status)]));
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
            let _ = writeln!(out, "- *{}* {}: {}", status_word(row.status), md_escape(&row_label(row)), body);
        }
        out.push('\n');
    }
    let projects: Vec<_> = d.projects.iter().filter(|p| p.status != Status::Same).collect();
    if !projects.is_empty() {
        let _ = writeln!(out, "## {}\n", tr(Msg::SumProjects));
        for p in projects {
            let _ = writeln!(out, "- *{}* {}", status_word(p.status), md_escape(&project_line(p)[2..]));
        }
        out.push('\n');
    }
    let inds: Vec<_> = d.indicators.iter().filter(|i| i.status != Status::Same).collect();
    if !inds.is_empty() {
        let _ = writeln!(
            out,
            "## {}\n\n{}\n|---|---|---|---|---|---|---|",
            tr(Msg::SumIndicators),
            tr(Msg::DiffIndicatorsHeader)
        );
        for i in inds {
            for (year, v) in i.values.iter().filter(|(_, v)| i.status != Status::Changed || v.differs()) {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {year} | {} | {} | {} |",
                    status_word(i.status),
                    md_escape(&i.project),
                    md_escape(&i.name),
                    fmt_num(v.a),
                    fmt_num(v.b),
                    fmt_num(v.delta)
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_respects_width_and_keeps_text() {
        let pieces = vec![
            (Role::Plain, "Доля медицинских организаций ".to_string()),
            (Role::MinusEmph, "[-62-]".to_string()),
            (Role::Plain, " сверхдлинноесловобезпробеловкотороененаоднойстроке".to_string()),
        ];
        for w in [1, 7, 12, 30] {
            let lines = wrap(&pieces, w);
            assert!(lines.iter().all(|l| width_of(l) <= w), "{w}: {lines:?}");
            let joined: String = lines.iter().flatten().map(|p| p.1.as_str()).collect::<String>().replace(' ', "");
            let orig: String = pieces.iter().map(|p| p.1.as_str()).collect::<String>().replace(' ', "");
            assert_eq!(joined, orig);
        }
    }
}
