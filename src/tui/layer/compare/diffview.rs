//! Compare mode's content: a section's diff (side by side or unified), or the summary, laid out
//! as styled lines for a width.
//!
//! Two levels of emphasis, as delta does: a changed paragraph's lines carry the side's background
//! ([`Role::DiffRemoved`], [`Role::DiffAdded`]) and the changed words inside it the emphasised
//! style ([`Role::DiffRemovedEmph`], [`Role::DiffAddedEmph`]). The changed words are also written
//! as `[-old-]` and `{+new+}`, and every row has a status mark in its gutter, so the diff reads the
//! same without colour. Projects and indicators of sector sections (`projects.<sector>`,
//! `indicators.<sector>`), and all of them in the summary, are tables of changes: old -> new per
//! year. Text pieces come from [`crate::compare::render`]; their document text is sanitised in [`spans`].

use super::Entry;
use crate::across::sections::Span as TemplateSpan;
use crate::compare::render::{self, Piece, Role as R, row_side, row_unified, section_header, wrap};
use crate::compare::{BlockRow, DocDiff, IndicatorDiff, ProjectDiff, SectionDiff, Status};
use crate::i18n::{Msg, tr, trf, version_label};
use crate::model::Document;
use crate::text::sanitize::sanitize;
use crate::tui::across::dim::{RowTints, Tinter};
use crate::tui::content::format_value;
use crate::tui::theme::{Role, Theme};
use crate::tui::wrap::width as text_width;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// Laid-out diff lines.
#[derive(Debug, Clone, Default)]
pub struct DiffLines {
    /// Styled lines.
    pub lines: Vec<Line<'static>>,
    /// For each row of the section's diff, the line it starts on.
    pub row_lines: Vec<usize>,
}

/// The theme role of a renderer role.
pub fn role(r: R) -> Role {
    match r {
        R::Plain => Role::Text,
        R::Minus => Role::DiffRemoved,
        R::MinusEmph => Role::DiffRemovedEmph,
        R::Plus => Role::DiffAdded,
        R::PlusEmph => Role::DiffAddedEmph,
        R::Moved => Role::DiffMoved,
        R::Header => Role::Heading,
        R::Dim => Role::Muted,
    }
}

/// The theme role of an item with this status (marks in the tree and tables).
pub fn status_role(s: Status) -> Role {
    match s {
        Status::Same => Role::Muted,
        Status::Changed => Role::Warning,
        Status::Added => Role::DiffAdded,
        Status::Removed => Role::DiffRemoved,
        Status::Moved => Role::DiffMoved,
    }
}

/// A row's template spans: A's and B's.
type RowTint = [Option<Vec<TemplateSpan>>; 2];

/// Styled spans of pieces, their document text sanitised here (the pieces carry it as it is).
fn spans(pieces: &[Piece], theme: &Theme) -> Vec<Span<'static>> {
    pieces.iter().map(|(r, t)| Span::styled(sanitize(t).into_owned(), theme.style(role(*r)))).collect()
}

fn width_of(pieces: &[Piece]) -> usize {
    pieces.iter().map(|(_, t)| text_width(t)).sum()
}

struct Out<'t> {
    lines: Vec<Line<'static>>,
    theme: &'t Theme,
    width: usize,
}

impl Out<'_> {
    fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| !l.spans.is_empty()) {
            self.lines.push(Line::default());
        }
    }

    /// Wraps pieces with `indent` columns before every line.
    fn wrapped(&mut self, indent: usize, pieces: &[Piece]) {
        for l in wrap(pieces, self.width.saturating_sub(indent).max(1)) {
            let mut s = vec![Span::raw(" ".repeat(indent))];
            s.extend(spans(&l, self.theme));
            self.lines.push(Line::from(s));
        }
    }
}

/// Lays out an entry of the diff for `width` columns, side by side or unified; a section's rows
/// with the template marking `tints` when given (see [`crate::tui::across::dim`]).
#[allow(clippy::too_many_arguments)]
pub fn build(
    d: &DocDiff,
    entry: Entry,
    width: usize,
    side: bool,
    theme: &Theme,
    a: &Document,
    b: &Document,
    tints: Option<&RowTints>,
) -> DiffLines {
    let mut out = Out { lines: Vec::new(), theme, width: width.max(1) };
    let mut row_lines = Vec::new();
    match entry {
        Entry::Summary => summary(d, &mut out, a, b),
        Entry::Section(i) => {
            let s = &d.sections[i];
            out.wrapped(0, &section_header(s));
            if s.approximate {
                out.wrapped(0, &[(R::Dim, tr(Msg::ApproximateParagraph).into())]);
            }
            tables_for(d, s, &mut out);
            if side && out.width >= 20 {
                let col = (out.width - 3) / 2;
                let head = |label: String| -> Vec<Piece> { vec![(R::Dim, label)] };
                let la = wrap(&head(format!("A {}", version_label(&a.meta.version))), col);
                let lb = wrap(&head(format!("B {}", version_label(&b.meta.version))), col);
                out.blank();
                two_columns(&mut out, &la[..1.min(la.len())], &lb[..1.min(lb.len())], col, "   ", None, [None, None]);
            }
            for (i, r) in s.rows.iter().enumerate() {
                out.blank();
                row_lines.push(out.lines.len());
                let tint = tints.and_then(|t| t.rows.get(i));
                if side && out.width >= 20 {
                    side_row(&mut out, r, tint);
                } else {
                    unified_row(&mut out, r, tint);
                }
            }
            if s.rows.is_empty() {
                out.blank();
                out.wrapped(0, &[(R::Dim, tr(Msg::NoTextEither).into())]);
            }
        }
    }
    DiffLines { lines: out.lines, row_lines }
}

/// One side's pieces of a row; unchanged rows are plain.
fn side_pieces(r: &BlockRow, b: bool) -> Vec<Piece> {
    let mut p = row_side(r, b);
    if r.status == Status::Same {
        for x in &mut p {
            x.0 = R::Plain;
        }
    }
    p
}

/// The background of a side's lines for a row's status (the first level of emphasis).
fn side_fill(r: &BlockRow, b: bool) -> Option<R> {
    match (r.status, b) {
        (Status::Same, _) => None,
        (Status::Moved, _) if r.words.is_none() => Some(R::Moved),
        (Status::Added, false) | (Status::Removed, true) => None,
        (_, false) => Some(R::Minus),
        (_, true) => Some(R::Plus),
    }
}

/// A side's text and template spans, when the row has both.
fn source<'r>(r: &'r BlockRow, tint: Option<&'r RowTint>, b: bool) -> Option<(&'r str, &'r [TemplateSpan])> {
    let text = if b { r.text_b.as_deref() } else { r.text_a.as_deref() };
    Some((text?, tint?[usize::from(b)].as_deref()?))
}

/// Styled spans of a wrapped line: through its side's tinter when the row is tinted.
fn paint(pieces: &[Piece], theme: &Theme, tinter: &mut Option<Tinter>) -> Vec<Span<'static>> {
    match tinter {
        Some(t) => t.spans(pieces, theme, role),
        None => spans(pieces, theme),
    }
}

fn side_row(out: &mut Out, r: &BlockRow, tint: Option<&RowTint>) {
    let col = (out.width - 3) / 2;
    let (pa, pb) = (side_pieces(r, false), side_pieces(r, true));
    let left = wrap(&pa, col);
    let right = wrap(&pb, col);
    let left: Vec<Vec<Piece>> = if r.text_a.is_some() { left } else { Vec::new() };
    let right: Vec<Vec<Piece>> = if r.text_b.is_some() { right } else { Vec::new() };
    let mark = format!(" {} ", super::tree_mark(r.status));
    let tinter = |p: &[Piece], b: bool| source(r, tint, b).and_then(|(text, spans)| Tinter::side(p, text, spans));
    two_columns(out, &left, &right, col, &mark, Some(r), [tinter(&pa, false), tinter(&pb, true)]);
}

fn two_columns(
    out: &mut Out,
    left: &[Vec<Piece>],
    right: &[Vec<Piece>],
    col: usize,
    mark: &str,
    r: Option<&BlockRow>,
    mut tinters: [Option<Tinter>; 2],
) {
    let t = out.theme;
    let fill = |b: bool| r.and_then(|r| side_fill(r, b)).map_or(Style::default(), |f| t.style(role(f)));
    let gutter_style = t.style(r.map_or(Role::Muted, |r| status_role(r.status)));
    for i in 0..left.len().max(right.len()) {
        let l = left.get(i).map(Vec::as_slice).unwrap_or(&[]);
        let rr = right.get(i).map(Vec::as_slice).unwrap_or(&[]);
        let mut s = paint(l, t, &mut tinters[0]);
        let lfill = if i < left.len() { fill(false) } else { Style::default() };
        s.push(Span::styled(" ".repeat(col.saturating_sub(width_of(l))), lfill));
        let g = if i == 0 { mark.to_string() } else { " | ".to_string() };
        s.push(Span::styled(g, if i == 0 { gutter_style } else { t.style(Role::Muted) }));
        s.extend(paint(rr, t, &mut tinters[1]));
        let rfill = if i < right.len() { fill(true) } else { Style::default() };
        let rest = (out.width - col - 3).saturating_sub(width_of(rr));
        if rest > 0 && rfill != Style::default() {
            s.push(Span::styled(" ".repeat(rest), rfill));
        }
        out.lines.push(Line::from(s));
    }
}

fn unified_row(out: &mut Out, r: &BlockRow, tint: Option<&RowTint>) {
    let t = out.theme;
    let mut pieces = row_unified(r);
    if r.status == Status::Same {
        for x in &mut pieces {
            x.0 = R::Plain;
        }
    }
    let mut tinter = match &r.words {
        Some(w) => {
            source(r, tint, false).zip(source(r, tint, true)).and_then(|(a, b)| Tinter::unified(&pieces, w, a, b))
        }
        None => source(r, tint, r.text_b.is_some()).and_then(|(text, spans)| Tinter::side(&pieces, text, spans)),
    };
    let mark = super::tree_mark(r.status);
    let mark = if r.status == Status::Same { ' ' } else { mark };
    for (i, l) in wrap(&pieces, out.width.saturating_sub(2).max(1)).iter().enumerate() {
        let g = if i == 0 { format!("{mark} ") } else { "  ".into() };
        let mut s = vec![Span::styled(g, t.style(status_role(r.status)))];
        s.extend(paint(l, t, &mut tinter));
        out.lines.push(Line::from(s));
    }
}

/// The sector of a `projects.<sector>` or `indicators.<sector>` section, and which table it holds.
fn sector_of(key: &str) -> Option<(bool, &str)> {
    let key = key.split('#').next().unwrap_or(key);
    if let Some(s) = key.strip_prefix("projects.") {
        Some((true, s))
    } else {
        key.strip_prefix("indicators.").map(|s| (false, s))
    }
}

fn tables_for(d: &DocDiff, s: &SectionDiff, out: &mut Out) {
    let Some((projects, sector)) = sector_of(&s.key) else { return };
    if projects {
        let ps: Vec<&ProjectDiff> = d.projects.iter().filter(|p| p.sector == sector).collect();
        project_table(&ps, out);
    } else {
        let is: Vec<&IndicatorDiff> = d.indicators.iter().filter(|i| i.sector == sector).collect();
        indicator_table(&is, out);
    }
}

fn project_table(ps: &[&ProjectDiff], out: &mut Out) {
    let changed: Vec<&&ProjectDiff> = ps.iter().filter(|p| p.status != Status::Same).collect();
    out.blank();
    out.wrapped(0, &[(R::Header, trf(Msg::ProjectsDiffer, &[&changed.len(), &ps.len()]))]);
    for p in changed {
        out.wrapped(2, &[(status_piece(p.status), render::project_line(p))]);
    }
}

fn status_piece(s: Status) -> R {
    match s {
        Status::Changed => R::Header,
        other => R::of(other),
    }
}

fn num(v: Option<f64>) -> String {
    v.map_or("-".into(), format_value)
}

fn indicator_table(is: &[&IndicatorDiff], out: &mut Out) {
    let changed: Vec<&&IndicatorDiff> = is.iter().filter(|i| i.status != Status::Same).collect();
    out.blank();
    out.wrapped(0, &[(R::Header, trf(Msg::IndicatorsDiffer, &[&changed.len(), &is.len()]))]);
    for i in changed {
        let mut head = format!("{} {} / {}", i.status.mark(), sanitize(&i.project), sanitize(&i.name));
        if let Some(from) = &i.renamed_from {
            head.push_str(&format!(" ({})", trf(Msg::Was, &[&sanitize(from)])));
        }
        if i.unit_a != i.unit_b && i.status == Status::Changed {
            let u = |x: &Option<String>| x.as_deref().map_or("-".to_string(), |u| sanitize(u).into_owned());
            head.push_str(&format!("; {}", trf(Msg::UnitChange, &[&u(&i.unit_a), &u(&i.unit_b)])));
        }
        out.wrapped(2, &[(status_piece(i.status), head)]);
        for (year, v) in i.values.iter().filter(|(_, v)| i.status != Status::Changed || v.differs()) {
            let mut row: Vec<Piece> = vec![(R::Dim, format!("{:>6}  ", sanitize(year)))];
            row.push((if v.a.is_some() { R::MinusEmph } else { R::Dim }, format!("{:>8}", num(v.a))));
            row.push((R::Dim, " -> ".into()));
            row.push((if v.b.is_some() { R::PlusEmph } else { R::Dim }, format!("{:<8}", num(v.b))));
            if let Some(delta) = v.delta {
                row.push((R::Dim, format!(" ({}{})", if delta >= 0.0 { "+" } else { "" }, format_value(delta))));
            }
            out.wrapped(4, &row);
        }
    }
}

fn summary(d: &DocDiff, out: &mut Out, a: &Document, b: &Document) {
    let label = |doc: &Document| {
        let m = &doc.meta;
        let mut s = format!("{} {}", sanitize(&m.region.name), version_label(&m.version));
        if m.version.illustrative && !m.version.label.contains("illustrative") {
            s = format!("{s} {}", tr(Msg::IllustrativeRevision));
        }
        s
    };
    out.wrapped(0, &[(R::Minus, format!("A  {}", label(a)))]);
    out.wrapped(0, &[(R::Plus, format!("B  {}", label(b)))]);
    out.blank();
    let s = &d.summary;
    // Zero counts are left out so the line fits a narrow pane.
    let c = |x: &crate::compare::Counts| {
        let parts: Vec<String> =
            [(x.changed, Msg::NChanged), (x.added, Msg::NAdded), (x.removed, Msg::NRemoved), (x.moved, Msg::NMoved)]
                .iter()
                .filter(|(n, _)| *n > 0)
                .map(|(n, what)| trf(*what, &[n]))
                .collect();
        if parts.is_empty() { tr(Msg::NoChangesShort).to_string() } else { parts.join(", ") }
    };
    let heads = [Msg::SumSections, Msg::SumProjects, Msg::SumIndicators, Msg::SumWords].map(tr);
    let hw = heads.iter().map(|h| text_width(h)).max().unwrap_or(0) + 1;
    let head = |h: &str| format!("{h}{}", " ".repeat(hw.saturating_sub(text_width(h))));
    for (what, counts) in heads.iter().zip([&s.sections, &s.projects, &s.indicators]) {
        out.wrapped(0, &[(R::Header, head(what)), (R::Plain, c(counts))]);
    }
    out.wrapped(0, &[(R::Header, head(heads[3])), (R::Plain, word_counts(s.words_added, s.words_removed))]);
    if d.approximate {
        out.wrapped(0, &[(R::Dim, tr(Msg::Approximate).into())]);
    }
    out.blank();
    out.wrapped(0, &[(R::Dim, tr(Msg::Legend).into())]);
    let ps: Vec<&ProjectDiff> = d.projects.iter().collect();
    let is: Vec<&IndicatorDiff> = d.indicators.iter().collect();
    project_table(&ps, out);
    indicator_table(&is, out);
}

/// `+17 906 -10 976`: words added and removed, by the one number formatter.
pub(crate) fn word_counts(added: usize, removed: usize) -> String {
    let n = |v: usize| crate::i18n::number(v as f64);
    format!("+{} -{}", n(added), n(removed))
}

/// The unit of a compactly written count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scale {
    /// Exact.
    One,
    /// Rounded thousands.
    Thousands,
    /// Rounded millions.
    Millions,
}

/// A count's value in its unit: exact below 10 000 (as wide as «18 тыс.» at most), rounded
/// thousands below a million, then millions with one decimal below ten.
fn scaled(n: usize) -> (String, Scale) {
    let num = |v: f64| crate::i18n::number(v);
    let k = (n + 500) / 1000;
    if n < 10_000 {
        (num(n as f64), Scale::One)
    } else if k < 1000 {
        (num(k as f64), Scale::Thousands)
    } else if n < 9_950_000 {
        (num((n as f64 / 100_000.0).round() / 10.0), Scale::Millions)
    } else {
        (num((n as f64 / 1_000_000.0).round()), Scale::Millions)
    }
}

fn with_unit(v: String, s: Scale) -> String {
    match s {
        Scale::One => v,
        Scale::Thousands => trf(Msg::CountThousands, &[&v]),
        Scale::Millions => trf(Msg::CountMillions, &[&v]),
    }
}

/// A word count written compactly for the compare tree: exact below 10 000 («9 999»), else
/// rounded thousands («18 тыс.», `18k`) or millions («1,2 млн», `1.2M`).
pub(crate) fn compact_count(n: usize) -> String {
    let (v, s) = scaled(n);
    with_unit(v, s)
}

/// Words added and removed written compactly (see [`compact_count`]), the unit said once when
/// both share it: «+18 -11 тыс.», `+18k -11k`, «+18 тыс. -950».
pub(crate) fn compact_counts(added: usize, removed: usize) -> String {
    let ((a, sa), (r, sr)) = (scaled(added), scaled(removed));
    match (sa, sr) {
        (Scale::Thousands, Scale::Thousands) => trf(Msg::CountsThousands, &[&a, &r]),
        (Scale::Millions, Scale::Millions) => trf(Msg::CountsMillions, &[&a, &r]),
        _ => format!("+{} -{}", with_unit(a, sa), with_unit(r, sr)),
    }
}

/// One figure for a row too narrow for both counts: the words changed either way, «±29 тыс.»
/// (`+-` under `--ascii`).
pub(crate) fn compact_total(added: usize, removed: usize, ascii: bool) -> String {
    format!("{}{}", if ascii { "+-" } else { "±" }, compact_count(added + removed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, with_lang};

    #[test]
    fn small_counts_stay_exact() {
        with_lang(Lang::Ru, || {
            assert_eq!(compact_count(0), "0");
            assert_eq!(compact_count(950), "950");
            assert_eq!(compact_count(9_999), "9999");
            assert_eq!(compact_count(1_234), "1234");
            assert_eq!(compact_counts(11, 1), "+11 -1");
        });
        with_lang(Lang::En, || assert_eq!(compact_counts(9_999, 12), "+9999 -12"));
    }

    #[test]
    fn thousands_and_millions_are_rounded_in_each_language() {
        with_lang(Lang::Ru, || {
            assert_eq!(compact_count(17_906), "18\u{a0}тыс.");
            assert_eq!(compact_count(10_000), "10\u{a0}тыс.");
            assert_eq!(compact_count(999_499), "999\u{a0}тыс.");
            // Rounding up to a thousand thousands is a million.
            assert_eq!(compact_count(999_600), "1\u{a0}млн");
            assert_eq!(compact_count(1_250_000), "1,3\u{a0}млн");
            assert_eq!(compact_count(12_400_000), "12\u{a0}млн");
        });
        with_lang(Lang::En, || {
            assert_eq!(compact_count(17_906), "18k");
            assert_eq!(compact_count(1_240_000), "1.2M");
            assert_eq!(compact_count(9_960_000), "10M");
        });
    }

    #[test]
    fn a_pair_says_a_shared_unit_once_in_russian() {
        with_lang(Lang::Ru, || {
            assert_eq!(compact_counts(17_906, 10_976), "+18 -11\u{a0}тыс.");
            assert_eq!(compact_counts(17_906, 950), "+18\u{a0}тыс. -950");
            assert_eq!(compact_counts(2_000_000, 17_906), "+2\u{a0}млн -18\u{a0}тыс.");
            assert_eq!(compact_total(17_906, 10_976, false), "±29\u{a0}тыс.");
        });
        with_lang(Lang::En, || {
            assert_eq!(compact_counts(17_906, 10_976), "+18k -11k");
            assert_eq!(compact_total(17_906, 10_976, true), "+-29k");
        });
    }
}
