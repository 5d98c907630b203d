//! The content pane's text: a section (or the document overview) laid out for a given width.
//!
//! Pure functions from the document to styled lines: paragraphs re-flowed, list items indented
//! with a hanging indent, projects and indicators of a sector section (`projects.<sector>`,
//! `indicators.<sector>`) as tables, or their raw row text. Every string from the document goes
//! through [`sanitize`] before it is placed.

use super::theme::{Role, Theme};
use super::wrap::{cut, width as text_width, wrap_hanging, wrap_str};
use crate::i18n::{Lang, Msg, Noun, act, count, lang, tr, trf};
use crate::model::{BlockKind, Document, Indicator, Project, Section, Warning};
use crate::text::sanitize::sanitize;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use std::collections::{BTreeSet, HashMap, HashSet};

/// What the content pane shows.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Item {
    /// The document's metadata, quality and warnings.
    Overview,
    /// A section, by its path of child indexes from the document root.
    Section(Vec<usize>),
}

/// Finds a section by path.
pub fn section_at<'a>(doc: &'a Document, path: &[usize]) -> Option<&'a Section> {
    let (first, rest) = path.split_first()?;
    let mut s = doc.sections.get(*first)?;
    for &i in rest {
        s = s.children.get(i)?;
    }
    Some(s)
}

/// The path of child indexes to a section of `doc` (found by identity, depth-first without
/// recursion).
pub fn path_of(doc: &Document, target: &Section) -> Option<Vec<usize>> {
    let mut stack: Vec<(Vec<usize>, &Section)> =
        doc.sections.iter().enumerate().rev().map(|(i, s)| (vec![i], s)).collect();
    while let Some((path, s)) = stack.pop() {
        if std::ptr::eq(s, target) {
            return Some(path);
        }
        for (i, c) in s.children.iter().enumerate().rev() {
            let mut p = path.clone();
            p.push(i);
            stack.push((p, c));
        }
    }
    None
}

/// A highlighted stretch of a section's text (a search match): block index within the section and
/// a character range (not bytes) within that block's text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Mark {
    /// Index into [`Section::blocks`].
    pub block: usize,
    /// Character range in the block's text.
    pub chars: std::ops::Range<usize>,
}

/// A reviewer's note shown in a section's text: under the heading for the whole section, or
/// under its paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NoteMark {
    /// Index into [`Section::blocks`], or the whole section.
    pub block: Option<usize>,
    /// Author, date and text (line breaks kept; sanitised when laid out).
    pub text: String,
}

/// The mark that starts a note's lines in the text and the section tree.
pub fn note_symbol(ascii: bool) -> &'static str {
    if ascii { "@" } else { "✎" }
}

/// A stretch of a section's text drawn in a role of its own (template text dimmed, a region's
/// own text emphasised: see [`crate::tui::across::dim`]): block index and character range.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Tint {
    /// Index into [`Section::blocks`].
    pub block: usize,
    /// Character range in the block's text.
    pub chars: std::ops::Range<usize>,
    /// The role it is drawn in.
    pub role: Role,
}

/// Laid-out content: the lines, and the line each [`Mark`] starts on (for jumping between matches).
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// Styled lines.
    pub lines: Vec<Line<'static>>,
    /// For each mark given to [`build_marked`], in order, the line it starts on (None if not shown).
    pub mark_lines: Vec<Option<usize>>,
    /// For a projects table, the line each project's row starts on, in [`Document::projects_of`]
    /// order (empty for other content).
    pub rows: Vec<usize>,
    /// The line each of the section's blocks starts on (empty when the text is not shown).
    pub blocks: Vec<usize>,
}

/// How content is laid out: the columns it gets and the display switches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Shape {
    /// Columns.
    pub width: usize,
    /// The raw row text of projects and indicators instead of tables.
    pub raw: bool,
    /// ASCII symbols only (table cells cut with `...` rather than `…`).
    pub ascii: bool,
}

/// What is drawn over a section's text: highlights, reviewers' notes and tints.
#[derive(Debug, Clone, Copy, Default)]
pub struct Over<'a> {
    /// Stretches drawn in the [`Role::SearchMatch`] style (over the tints).
    pub marks: &'a [Mark],
    /// Notes, under the heading or their paragraph.
    pub notes: &'a [NoteMark],
    /// Stretches drawn in roles of their own.
    pub tints: &'a [Tint],
}

/// Lays out `item` of `doc` in `shape`, with what `over` holds drawn over the text.
pub fn build_marked(doc: &Document, item: &Item, shape: Shape, theme: &Theme, over: Over<'_>) -> Layout {
    let Shape { width, raw, ascii } = shape;
    let Over { marks, notes, tints } = over;
    let mut out = Out {
        lines: Vec::new(),
        width,
        theme,
        marks,
        tints,
        mark_lines: vec![None; marks.len()],
        block: None,
        ascii,
        rows: Vec::new(),
        notes,
        blocks: Vec::new(),
    };
    if width == 0 {
        return Layout::default();
    }
    match item {
        Item::Overview => overview(doc, &mut out),
        Item::Section(path) => match section_at(doc, path) {
            Some(s) => section(doc, s, raw, &mut out),
            None => out.styled(tr(Msg::NoSuchSection), Role::Muted),
        },
    }
    Layout { lines: out.lines, mark_lines: out.mark_lines, rows: out.rows, blocks: out.blocks }
}

struct Out<'t> {
    lines: Vec<Line<'static>>,
    width: usize,
    theme: &'t Theme,
    marks: &'t [Mark],
    tints: &'t [Tint],
    mark_lines: Vec<Option<usize>>,
    /// The block being laid out, whose marks apply.
    block: Option<usize>,
    /// ASCII symbols only.
    ascii: bool,
    /// Where each table row starts (see [`Layout::rows`]).
    rows: Vec<usize>,
    /// Reviewers' notes on the section.
    notes: &'t [NoteMark],
    /// Where each block starts (see [`Layout::blocks`]).
    blocks: Vec<usize>,
}

impl Out<'_> {
    fn blank(&mut self) {
        self.lines.push(Line::default());
    }

    /// Wrapped text in one style, with a first-line prefix and a hanging indent for the rest.
    fn wrapped(&mut self, prefix: &str, indent: usize, text: &str, role: Role) {
        let style = self.theme.style(role);
        let first = self.width.saturating_sub(text_width(prefix)).max(1);
        let rest = self.width.saturating_sub(indent).max(1);
        let clean = sanitize(text);
        // Marks of this block as byte ranges of the sanitised text (sanitising keeps one character
        // per character, except invisible format characters it drops).
        let marks: Vec<(usize, std::ops::Range<usize>)> = match self.block {
            Some(b) => {
                let byte = |c: usize| clean.char_indices().nth(c).map(|(i, _)| i).unwrap_or(clean.len());
                let mine = self.marks.iter().enumerate().filter(|(_, m)| m.block == b);
                mine.map(|(i, m)| (i, byte(m.chars.start)..byte(m.chars.end))).collect()
            }
            None => Vec::new(),
        };
        let hit = self.theme.style(Role::SearchMatch);
        let lines = wrap_hanging(&clean, first, rest);
        let tinted = self.tint_styles(&clean, style, &marks, hit);
        for (i, r) in lines.iter().enumerate() {
            let lead = if i == 0 { sanitize(prefix).into_owned() } else { " ".repeat(indent) };
            let mut spans = vec![Span::styled(lead, self.theme.style(Role::Muted))];
            let mut at = r.start;
            // A mark starting in the gap after this line belongs to the next line.
            let line_end = lines.get(i + 1).map_or(clean.len(), |n| n.start);
            for (mi, m) in &marks {
                if m.start >= r.start && m.start < line_end && self.mark_lines[*mi].is_none() {
                    self.mark_lines[*mi] = Some(self.lines.len());
                }
                let (s, e) = (m.start.max(at), m.end.min(r.end));
                if s >= e || tinted.is_some() {
                    continue;
                }
                spans.push(Span::styled(clean[at..s].to_string(), style));
                spans.push(Span::styled(clean[s..e].to_string(), hit));
                at = e;
            }
            match &tinted {
                // Runs of one style within the line.
                Some(styles) => {
                    let mut run = r.start;
                    for (i, _) in clean[r.start..r.end].char_indices().map(|(i, c)| (i + r.start, c)) {
                        if styles[i] != styles[run] {
                            spans.push(Span::styled(clean[run..i].to_string(), styles[run]));
                            run = i;
                        }
                    }
                    if run < r.end {
                        spans.push(Span::styled(clean[run..r.end].to_string(), styles[run]));
                    }
                }
                None => spans.push(Span::styled(clean[at..r.end].to_string(), style)),
            }
            spans.retain(|s| !s.content.is_empty());
            self.lines.push(Line::from(spans));
        }
    }

    /// With tints on this block: the style of each byte of `clean` (tints over `base`, marks over
    /// both); `None` without tints. Linear in the text.
    fn tint_styles(
        &self,
        clean: &str,
        base: Style,
        marks: &[(usize, std::ops::Range<usize>)],
        hit: Style,
    ) -> Option<Vec<Style>> {
        let b = self.block?;
        let mine: Vec<&Tint> = self.tints.iter().filter(|t| t.block == b).collect();
        if mine.is_empty() {
            return None;
        }
        let mut styles = vec![base; clean.len() + 1];
        let starts: Vec<usize> = clean.char_indices().map(|(i, _)| i).collect();
        let byte = |c: usize| starts.get(c).copied().unwrap_or(clean.len());
        for t in mine {
            let st = base.patch(self.theme.style(t.role));
            styles[byte(t.chars.start)..byte(t.chars.end)].fill(st);
        }
        for (_, m) in marks {
            styles[m.start.min(clean.len())..m.end.min(clean.len())].fill(hit);
        }
        Some(styles)
    }

    /// A quality warning: where to look, its code and what it says.
    fn warning(&mut self, w: &Warning) {
        self.wrapped("! ", 2, &warning_text(w), Role::Warning);
    }

    /// The warnings of a section, before its data.
    fn section_warnings(&mut self, ws: &[&Warning]) {
        self.warnings_under(Msg::SectionWarnings, ws);
    }

    /// Warnings under a heading (`heading` takes their count), then a blank line; nothing when
    /// there are none.
    fn warnings_under(&mut self, heading: Msg, ws: &[&Warning]) {
        if ws.is_empty() {
            return;
        }
        self.styled(&trf(heading, &[&count(ws.len(), Noun::Warning)]), Role::Warning);
        for w in ws {
            self.warning(w);
        }
        self.blank();
    }

    /// The warnings about a table row, under it and indented past its number.
    fn row_warnings(&mut self, ws: &[&Warning]) {
        for w in ws {
            // The row says where; a place in the raw text is added when there is one.
            let text = match (w.line, w.offset) {
                (None, None) => format!("{}: {}", w.code, w.message),
                _ => warning_text(w),
            };
            self.wrapped("    ! ", 6, &text, Role::Warning);
        }
    }

    fn styled(&mut self, text: &str, role: Role) {
        self.wrapped("", 0, text, role);
    }

    /// The notes on `block` (or on the whole section), each line of a note wrapped under the
    /// note mark.
    fn notes_on(&mut self, block: Option<usize>) {
        let saved = self.block.take();
        let mark = format!("{} ", note_symbol(self.ascii));
        for n in self.notes.iter().filter(|n| n.block == block) {
            for (i, l) in n.text.split('\n').enumerate() {
                self.wrapped(if i == 0 { &mark } else { "  " }, 2, l, Role::Key);
            }
        }
        self.block = saved;
    }

    /// `label: value` with the value wrapped under itself.
    fn field(&mut self, label: &str, value: &str) {
        let lw = 13.min(self.width / 3);
        let avail = self.width.saturating_sub(lw).max(1);
        let clean = sanitize(value);
        for (i, l) in wrap_str(&clean, avail).into_iter().enumerate() {
            let lead = if i == 0 { format!("{:<lw$}", format!("{label}:")) } else { " ".repeat(lw) };
            self.lines.push(Line::from(vec![
                Span::styled(lead, self.theme.style(Role::Muted)),
                Span::styled(l.to_string(), self.theme.style(Role::Text)),
            ]));
        }
    }
}

/// A warning as one text: its place in the raw text (line or byte), code and message.
pub fn warning_text(w: &Warning) -> String {
    format!("{}, {}: {}", warning_place(w), w.code, crate::i18n::warnings::message(w))
}

/// Where a warning points in the raw text: "line 12", "byte 3400", or "-".
pub fn warning_place(w: &Warning) -> String {
    match (w.line, w.offset) {
        (Some(l), _) => trf(Msg::AtLine, &[&l]),
        (None, Some(o)) => trf(Msg::AtByte, &[&o]),
        _ => "-".into(),
    }
}

fn overview(doc: &Document, out: &mut Out) {
    let m = &doc.meta;
    out.styled(&m.title, Role::Heading);
    out.blank();
    out.field(tr(Msg::Region), &trf(Msg::RegionValue, &[&m.region.name, &m.region.key]));
    let mut version = crate::i18n::version_label(&m.version);
    if m.version.illustrative {
        version = format!("{version} {}", tr(Msg::Illustrative));
    }
    out.field(tr(Msg::VersionField), &version);
    if let Some(note) = &m.version.note {
        out.field(tr(Msg::Note), note);
    }
    match &m.approval {
        Some(a) => {
            let the_act = act(&a.act_type, a.date.as_deref(), a.number.as_deref());
            out.field(tr(Msg::Approved), &trf(Msg::ApprovedValue, &[&a.authority, &the_act]));
        }
        None => out.field(tr(Msg::Approved), tr(Msg::NoAct)),
    }
    if let Some(p) = m.period {
        out.field(tr(Msg::Period), &format!("{}–{}", p.from, p.to));
    }
    if let Some(c) = &m.coordinator {
        out.field(tr(Msg::Coordinator), c);
    }
    let src = &doc.source;
    let fmt = tr(match src.format {
        crate::model::SourceFormat::Lines => Msg::LineBroken,
        crate::model::SourceFormat::Flat => Msg::Flattened,
    });
    let pages = src.pages.map(|p| format!(", {}", count(p as usize, Noun::Page))).unwrap_or_default();
    let size = count(src.bytes, Noun::Byte);
    out.field(tr(Msg::SourceField), &trf(Msg::SourceValue, &[&src.file, &fmt, &src.encoding, &size, &pages]));
    let q = &src.quality;
    let score = if lang() == Lang::Ru { count(q.score as usize, Noun::Point) } else { q.score.to_string() };
    out.field(tr(Msg::Quality), &trf(Msg::QualityValue, &[&q.grade, &score, &count(q.warnings.len(), Noun::Warning)]));
    let sectors: Vec<String> = doc.sectors.iter().map(|s| s.name.clone()).collect();
    if !sectors.is_empty() {
        out.field(tr(Msg::SectorsField), &sectors.join(", "));
    }
    let contents = trf(
        Msg::ContentsValue,
        &[
            &count(doc.walk().count(), Noun::Section),
            &count(doc.projects.len(), Noun::Project),
            &count(doc.indicators.len(), Noun::Indicator),
        ],
    );
    out.field(tr(Msg::ContentsField), &contents);
    if !doc.card.is_empty() {
        out.blank();
        out.styled(tr(Msg::StrategyCard), Role::TableHeader);
        for f in &doc.card {
            out.wrapped("", 2, &format!("{}: {}", f.label, f.value), Role::Text);
        }
    }
    if !q.warnings.is_empty() {
        out.blank();
        out.styled(tr(Msg::QualityWarnings), Role::TableHeader);
        for w in &q.warnings {
            out.warning(w);
        }
    }
}

fn section(doc: &Document, s: &Section, raw: bool, out: &mut Out) {
    let head = match &s.number {
        Some(n) => format!("{n} {}", s.title),
        None => s.title.clone(),
    };
    out.styled(&head, Role::Heading);
    out.styled(&s.key, Role::Key);
    out.blank();
    if out.notes.iter().any(|n| n.block.is_none()) {
        out.notes_on(None);
        out.blank();
    }
    // What the normalizer noticed in this section comes before its data.
    // A warning about a row of the projects table comes at that row instead.
    let ps: Vec<&Project> =
        s.key.strip_prefix("projects.").map(|sector| doc.projects_of(sector).collect()).unwrap_or_default();
    let at_rows = if raw { HashMap::new() } else { doc.project_warnings() };
    let ids: HashSet<&str> = ps.iter().map(|p| p.id.as_str()).filter(|id| at_rows.contains_key(id)).collect();
    let own: Vec<&Warning> = doc
        .warnings_in(&s.key)
        .into_iter()
        .filter(|w| w.project.as_deref().is_none_or(|id| !ids.contains(id)))
        .collect();
    out.section_warnings(&own);
    // Sector tables: the recognised rows first; the section's text as printed (usually the same
    // rows run together) only with the raw view.
    let table = if s.key.starts_with("projects.") {
        if raw {
            projects_raw(&ps, out)
        } else {
            projects_table(&ps, &at_rows, out)
        }
        true
    } else if let Some(sector) = s.key.strip_prefix("indicators.") {
        let is: Vec<&Indicator> = doc.indicators_of(sector).collect();
        if raw {
            indicators_raw(&is, out)
        } else {
            indicators_table(&is, out)
        }
        true
    } else {
        false
    };
    if table && !s.blocks.is_empty() {
        out.blank();
        if !raw {
            out.styled(&trf(Msg::RShowsText, &[&count(s.blocks.len(), Noun::Block)]), Role::Muted);
            return;
        }
        out.styled(tr(Msg::TextAsPrinted), Role::TableHeader);
    }
    blocks(s, out);
    if table {
        return;
    }
    if s.blocks.is_empty() && !s.children.is_empty() {
        out.styled(&trf(Msg::SubsectionsList, &[&count(s.children.len(), Noun::Subsection)]), Role::Muted);
        for c in &s.children {
            let t = match &c.number {
                Some(n) => format!("{n} {}", c.title),
                None => c.title.clone(),
            };
            out.wrapped("  - ", 4, &t, Role::Text);
        }
    } else if s.blocks.is_empty() {
        out.styled(tr(Msg::NoText), Role::Muted);
    }
}

/// A section's paragraphs (re-flowed) and list items (indented, hanging).
fn blocks(s: &Section, out: &mut Out) {
    for (bi, b) in s.blocks.iter().enumerate() {
        out.block = Some(bi);
        out.blocks.push(out.lines.len());
        match b.kind {
            BlockKind::Paragraph => {
                out.styled(&b.text, Role::Text);
                out.notes_on(Some(bi));
                out.blank();
            }
            BlockKind::Item => {
                out.wrapped("  - ", 4, &b.text, Role::Text);
                out.notes_on(Some(bi));
            }
        }
    }
    out.block = None;
    if s.blocks.last().is_some_and(|b| b.kind == BlockKind::Item) {
        out.blank();
    }
}

/// Lays out a table: columns separated by two spaces, cells wrapped in their column, or with
/// `one_line` cut to one line with an ellipsis (and each row's first line recorded in
/// [`Layout::rows`]).
/// A table: the header, then each row (its cells cut to one line, or wrapped), each row
/// followed by the warnings `under` it (parallel to `rows`; empty for none).
fn table(
    out: &mut Out,
    headers: &[&str],
    widths: &[usize],
    rows: &[Vec<String>],
    under: &[&[&Warning]],
    one_line: bool,
) {
    let header_style = out.theme.style(Role::TableHeader);
    let mut spans = Vec::new();
    for (i, (h, w)) in headers.iter().zip(widths).enumerate() {
        if i > 0 {
            spans.push(Span::raw("  "));
        }
        let cell: String = wrap_str(h, *w).first().copied().unwrap_or("").to_string();
        let pad = w.saturating_sub(text_width(&cell));
        spans.push(Span::styled(cell, header_style));
        spans.push(Span::raw(" ".repeat(pad)));
    }
    out.lines.push(Line::from(spans));
    let text = out.theme.style(Role::Text);
    let laid: Vec<Vec<Vec<String>>> = rows
        .iter()
        .map(|row| {
            row.iter()
                .zip(widths)
                .map(|(c, w)| match one_line {
                    true => vec![cut(&sanitize(c), *w, out.ascii)],
                    false => wrap_str(&sanitize(c), *w).into_iter().map(str::to_string).collect(),
                })
                .collect()
        })
        .collect();
    // Rows that take several lines are separated by a blank line so they read as rows.
    let spaced = laid.iter().any(|cells| cells.iter().any(|c| c.len() > 1));
    for (ri, (row, cells)) in rows.iter().zip(&laid).enumerate() {
        if spaced && ri > 0 {
            out.lines.push(Line::default());
        }
        if one_line {
            out.rows.push(out.lines.len());
        }
        let height = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
        for li in 0..height {
            let mut spans = Vec::new();
            for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
                if i > 0 {
                    spans.push(Span::raw("  "));
                }
                let t = cell.get(li).cloned().unwrap_or_default();
                let pad = w.saturating_sub(text_width(&t));
                // Numbers (the last columns of indicator tables) are right-aligned, whatever the
                // language writes as decimal point and thousands separator.
                if i > 0 && is_number(&row[i]) {
                    spans.push(Span::raw(" ".repeat(pad)));
                    spans.push(Span::styled(t, text));
                } else {
                    spans.push(Span::styled(t, text));
                    spans.push(Span::raw(" ".repeat(pad)));
                }
            }
            out.lines.push(Line::from(spans));
        }
        out.row_warnings(under.get(ri).copied().unwrap_or_default());
    }
}

/// True for a number as [`format_value`] writes it in either language.
fn is_number(cell: &str) -> bool {
    let plain: String = cell.chars().filter(|c| *c != '\u{202f}').map(|c| if c == ',' { '.' } else { c }).collect();
    !plain.is_empty() && plain.parse::<f64>().is_ok()
}

/// A column's width: its widest cell up to `cap`, but never narrower than its longest word (up to
/// 16 columns), so short values such as "2022-2024" are not split.
fn column_width(header: &str, cells: &[String], cap: usize) -> usize {
    let natural = cells.iter().map(|c| text_width(c)).max().unwrap_or(0).max(text_width(header));
    let word = cells
        .iter()
        .flat_map(|c| c.split_whitespace())
        .map(text_width)
        .max()
        .unwrap_or(0)
        .max(text_width(header))
        .min(16);
    natural.min(cap).max(word)
}

/// Gives the flexible column what is left after the fixed ones and the gaps; `None` when it would
/// be narrower than `min_flex`.
fn fit(total: usize, fixed: &[usize], min_flex: usize) -> Option<usize> {
    let used: usize = fixed.iter().sum::<usize>() + 2 * fixed.len();
    total.checked_sub(used).filter(|&f| f >= min_flex)
}

/// Quality warnings by the project row they concern (see [`Document::project_warnings`]).
type RowWarnings<'d> = HashMap<&'d str, Vec<&'d Warning>>;

/// A projects table: one row per project, each followed by the quality warnings about it.
fn projects_table(ps: &[&Project], warned: &RowWarnings, out: &mut Out) {
    if ps.is_empty() {
        out.styled(tr(Msg::NoProjects), Role::Muted);
        return;
    }
    out.styled(&trf(Msg::ProjectsHeading, &[&ps.len()]), Role::Muted);
    out.styled(tr(Msg::EnterOpensCard), Role::Muted);
    out.blank();
    let name = |p: &Project| {
        let mut n = p.name.clone();
        if p.recommended_federal {
            n = format!("{n} {}", tr(Msg::RecommendedFederal));
        }
        n
    };
    // A row split with low confidence is marked beside its number (the card says why).
    let num = |p: &Project| {
        let n = p.number.map(|n| n.to_string()).unwrap_or_default();
        if p.confidence < LOW_CONFIDENCE { format!("{n}!") } else { n }
    };
    let periods: Vec<String> = ps.iter().map(|p| p.period.clone().unwrap_or_default()).collect();
    let fundings: Vec<String> = ps.iter().map(|p| p.funding.clone().unwrap_or_default()).collect();
    let cap = (out.width / 5).max(8);
    let (h_no, h_project, h_period, h_funding) =
        (tr(Msg::ColNo), tr(Msg::ColProject), tr(Msg::ColPeriod), tr(Msg::ColFunding));
    let period_w = column_width(h_period, &periods, cap);
    let funding_w = column_width(h_funding, &fundings, cap);
    match fit(out.width, &[4, period_w, funding_w], 20) {
        Some(flex) => {
            let rows: Vec<Vec<String>> = ps
                .iter()
                .zip(periods.into_iter().zip(fundings))
                .map(|(p, (period, funding))| vec![num(p), name(p), period, funding])
                .collect();
            let under: Vec<&[&Warning]> = ps.iter().map(|p| warned.get(p.id.as_str()).map_or(&[][..], |w| w)).collect();
            let (heads, widths) = ([h_no, h_project, h_period, h_funding], [4, flex, period_w, funding_w]);
            table(out, &heads, &widths, &rows, &under, true);
        }
        None => {
            for (i, p) in ps.iter().enumerate() {
                if i > 0 {
                    out.blank();
                }
                out.rows.push(out.lines.len());
                // One line per field, cut: the card shows them whole.
                let line = |lead: String, v: &str, out: &mut Out| {
                    let w = out.width.saturating_sub(text_width(&lead));
                    let v = cut(&sanitize(v), w, out.ascii);
                    out.wrapped(&lead, text_width(&lead), &v, Role::Text);
                };
                line(format!("{}. ", num(p)), &name(p), out);
                if let Some(v) = &p.period {
                    line(format!("   {h_period}: "), v, out);
                }
                if let Some(v) = &p.funding {
                    line(format!("   {h_funding}: "), v, out);
                }
                out.row_warnings(warned.get(p.id.as_str()).map_or(&[], |w| w));
            }
        }
    }
    let uncertain = ps.iter().filter(|p| p.confidence < LOW_CONFIDENCE).count();
    if uncertain > 0 {
        out.blank();
        out.styled(&trf(Msg::LowConfidence, &[&count(uncertain, Noun::Row)]), Role::Warning);
    }
}

/// Below this [`Project::confidence`] a row's cell split is called uncertain.
const LOW_CONFIDENCE: f64 = 0.6;

/// A project's card: every field as `Label: value`, the value wrapped with a hanging indent, so
/// it reads at 80 columns. What to check comes first: the row's own doubt, the quality warnings
/// about it ([`Warning::project`]) and those of its section about no row, then the data, then
/// the row as recovered.
pub fn project_card(doc: &Document, p: &Project, width: usize, theme: &Theme, ascii: bool) -> Vec<Line<'static>> {
    let mut out = Out {
        lines: Vec::new(),
        width,
        theme,
        marks: &[],
        tints: &[],
        mark_lines: Vec::new(),
        block: None,
        ascii,
        rows: Vec::new(),
        notes: &[],
        blocks: Vec::new(),
    };
    if width == 0 {
        return Vec::new();
    }
    out.styled(&p.name, Role::Heading);
    out.styled(&p.id, Role::Key);
    out.blank();
    if p.confidence < LOW_CONFIDENCE {
        out.wrapped("", 2, tr(Msg::RowUncertain), Role::Warning);
        out.blank();
    }
    // Its own warnings, then its section's that concern no project row.
    let own: Vec<&Warning> =
        doc.source.quality.warnings.iter().filter(|w| w.project.as_deref() == Some(&p.id)).collect();
    out.warnings_under(Msg::ProjectWarnings, &own);
    let mut section = doc.warnings_in(&format!("projects.{}", p.sector));
    section.retain(|w| w.project.is_none());
    out.section_warnings(&section);
    let sector = doc.sectors.iter().find(|s| s.key == p.sector).map_or(p.sector.as_str(), |s| s.name.as_str());
    let level = tr(if p.recommended_federal { Msg::LevelFederal } else { Msg::LevelRegional });
    let number = p.number.map(|n| n.to_string());
    let fields: [(Msg, Option<&str>); 12] = [
        (Msg::FieldSector, Some(sector)),
        (Msg::FieldNumber, number.as_deref()),
        (Msg::FieldLevel, Some(level)),
        (Msg::FieldGoal, p.goal.as_deref()),
        (Msg::FieldDescription, p.description.as_deref()),
        (Msg::FieldTasks, p.tasks.as_deref()),
        (Msg::FieldRole, p.region_role.as_deref()),
        (Msg::FieldBeneficiaries, p.beneficiaries.as_deref()),
        (Msg::FieldEffects, p.benefits.as_deref()),
        (Msg::FieldFunding, p.funding.as_deref()),
        (Msg::FieldPeriod, p.period.as_deref()),
        (Msg::FieldTechnologies, p.technologies.as_deref()),
    ];
    for (label, value) in fields {
        let lead = format!("{}: ", tr(label));
        match value.map(str::trim).filter(|v| !v.is_empty()) {
            Some(v) => out.wrapped(&lead, 2, v, Role::Text),
            None => out.wrapped(&lead, 2, tr(Msg::NotGiven), Role::Muted),
        }
    }
    out.blank();
    out.styled(&format!("{}: {}", tr(Msg::FieldConfidence), crate::i18n::number(p.confidence)), Role::Muted);
    out.styled(&format!("{}:", tr(Msg::RawRow)), Role::TableHeader);
    out.wrapped("  ", 2, &p.raw, Role::Muted);
    out.lines
}

fn projects_raw(ps: &[&Project], out: &mut Out) {
    out.styled(&format!("Raw row text of {} projects; r shows the table", ps.len()), Role::Muted);
    out.blank();
    for p in ps {
        let lead = format!("[{}] ", p.id);
        out.wrapped(&lead, 2, &p.raw, Role::Text);
        out.blank();
    }
}

/// Formats an indicator value: the library's one number formatter, in the interface language.
pub fn format_value(v: f64) -> String {
    crate::i18n::number(v)
}

fn indicators_table(is: &[&Indicator], out: &mut Out) {
    if is.is_empty() {
        out.styled(tr(Msg::NoIndicators), Role::Muted);
        return;
    }
    out.styled(&trf(Msg::IndicatorsHeading, &[&is.len()]), Role::Muted);
    let years: BTreeSet<u16> = is.iter().flat_map(|i| i.values.keys().copied()).collect();
    let mut projects: Vec<&str> = Vec::new();
    for i in is {
        if !projects.contains(&i.project.as_str()) {
            projects.push(&i.project);
        }
    }
    let cell = |i: &Indicator, y: u16| i.values.get(&y).map(|v| format_value(*v)).unwrap_or_default();
    let year_ws: Vec<usize> =
        years.iter().map(|&y| is.iter().map(|i| text_width(&cell(i, y))).max().unwrap_or(0).max(4)).collect();
    let unit_w = is.iter().map(|i| text_width(i.unit.as_deref().unwrap_or(""))).max().unwrap_or(0).clamp(4, 10);
    let mut fixed = vec![unit_w];
    fixed.extend(&year_ws);
    let flex = fit(out.width, &fixed, 16);
    for p in projects {
        out.blank();
        out.wrapped(tr(Msg::ProjectLabel), 2, p, Role::Heading);
        let rows: Vec<&&Indicator> = is.iter().filter(|i| i.project == p).collect();
        match flex {
            Some(flex) => {
                let ys: Vec<String> = years.iter().map(|y| y.to_string()).collect();
                let mut headers = vec![tr(Msg::ColIndicator), tr(Msg::ColUnit)];
                headers.extend(ys.iter().map(String::as_str));
                let mut widths = vec![flex, unit_w];
                widths.extend(&year_ws);
                let data: Vec<Vec<String>> = rows
                    .iter()
                    .map(|i| {
                        let mut r = vec![i.name.to_string(), i.unit.clone().unwrap_or_default()];
                        r.extend(years.iter().map(|&y| cell(i, y)));
                        r
                    })
                    .collect();
                table(out, &headers, &widths, &data, &[], false);
            }
            None => {
                for i in rows {
                    let unit = i.unit.as_deref().map(|u| format!(", {u}")).unwrap_or_default();
                    out.wrapped("- ", 2, &format!("{}{unit}", i.name), Role::Text);
                    let vals: Vec<String> =
                        i.values.iter().map(|(y, v)| format!("{y}: {}", format_value(*v))).collect();
                    if !vals.is_empty() {
                        out.wrapped("  ", 2, &vals.join("  "), Role::Muted);
                    }
                }
            }
        }
    }
}

fn indicators_raw(is: &[&Indicator], out: &mut Out) {
    out.styled(&format!("Raw row text of {} indicators; r shows the table", is.len()), Role::Muted);
    out.blank();
    for i in is {
        out.wrapped("- ", 2, &i.raw, Role::Text);
        out.blank();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_highlighted_where_the_text_wraps() {
        use crate::model::{Block, Section};
        let sec = Section {
            key: "problems.healthcare".into(),
            number: Some("4.2".into()),
            title: "Здравоохранение".into(),
            blocks: vec![Block {
                kind: BlockKind::Paragraph,
                text: "Подключение к ЕГИСЗ всех медицинских организаций".into(),
            }],
            children: vec![],
            line: None,
            offset: None,
        };
        let doc: Document = serde_json::from_value(serde_json::json!({
            "schema": 1,
            "meta": { "region": { "name": "Тверская область", "key": "tver" }, "title": "t", "approval": null,
                      "period": null, "version": { "label": "v", "date": null } },
            "source": { "file": "f", "sha256": "0", "format": "lines", "quality": { "grade": "A", "score": 90, "warnings": [] } },
            "sections": [sec],
        }))
        .unwrap();
        let theme = Theme::default();
        let marks = [Mark { block: 0, chars: 14..19 }, Mark { block: 0, chars: 25..36 }];
        let l = build_marked(
            &doc,
            &Item::Section(vec![0]),
            Shape { width: 24, raw: false, ascii: false },
            &theme,
            Over { marks: &marks, ..Over::default() },
        );
        let hits: Vec<(usize, String)> = l
            .lines
            .iter()
            .enumerate()
            .flat_map(|(i, line)| {
                line.spans
                    .iter()
                    .filter(|s| s.style == theme.style(Role::SearchMatch))
                    .map(move |s| (i, s.content.to_string()))
            })
            .collect();
        assert_eq!(hits, [(3, "ЕГИСЗ".to_string()), (4, "медицинских".to_string())], "{:#?}", l.lines);
        assert_eq!(l.mark_lines, [Some(3), Some(4)]);
    }

    #[test]
    fn values_print_without_needless_decimals() {
        assert_eq!(format_value(40.0), "40");
        assert_eq!(format_value(12.5), "12.5");
        assert_eq!(format_value(0.333), "0.333");
        assert_eq!(format_value(0.0708), "0.0708", "never rounded into its neighbour 0.07");
        assert_eq!(crate::i18n::with_lang(crate::i18n::Lang::Ru, || format_value(12.5)), "12,5");
    }
}
