//! Text, CSV, JSON and Markdown for the across-region views. Document text is sanitised before it
//! is written; table cells are wrapped by display width, never cut.

use super::indicators::Indicators;
use super::matrix::{Column, Matrix, Row};
use super::sections::{Compare, SpanKind};
use crate::compare::render::{Piece, Role, fmt_num, paint, width_of, wrap};
use crate::i18n::{Msg, tr, trf};
use crate::text::sanitize::sanitize;
use serde_json::{Map, Value, json};
use std::fmt::Write;
use unicode_width::UnicodeWidthStr;

/// Output formats of `strata matrix` and `strata indicators`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// An aligned table for the terminal.
    Table,
    /// Comma-separated values (RFC 4180 quoting).
    Csv,
    /// JSON.
    Json,
    /// A Markdown table.
    Markdown,
}

/// Rendering options.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Output format.
    pub format: Format,
    /// Each region's own wording (matrix: of the project name).
    pub wording: bool,
    /// Write ANSI colour (table only).
    pub color: bool,
    /// Width in columns (table only; at least 40 is used).
    pub width: usize,
}

/// Short unique column labels: the shortest prefix of each key (at least 3 characters) that no
/// other key shares.
pub fn short_labels(columns: &[Column]) -> Vec<String> {
    columns
        .iter()
        .map(|c| {
            let chars: Vec<char> = c.key.chars().collect();
            (3.min(chars.len())..=chars.len())
                .map(|n| chars[..n].iter().collect::<String>())
                .find(|p| columns.iter().filter(|o| o.key.starts_with(p.as_str())).count() == 1)
                .map_or_else(|| sanitize(&c.key).into_owned(), |p| sanitize(&p).into_owned())
        })
        .collect()
}

fn csv_field(s: &str) -> String {
    let s = sanitize(s);
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.into_owned() }
}

fn md_cell(s: &str) -> String {
    let mut out = String::new();
    for c in sanitize(s).chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '~' | '[' | ']' | '<' | '>' | '|' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn columns_json(columns: &[Column]) -> Value {
    Value::Array(columns.iter().map(|c| json!({"key": c.key, "name": c.name, "version": c.version})).collect())
}

fn legend(out: &mut String, columns: &[Column], labels: &[String]) {
    for (c, l) in columns.iter().zip(labels) {
        let _ = writeln!(out, "  {l:<5} {} ({}), {}", sanitize(&c.name), sanitize(&c.key), sanitize(&c.version));
    }
}

/// Writes pieces wrapped to `width`, each line after `indent` spaces.
fn indented(out: &mut String, pieces: &[Piece], indent: usize, width: usize, color: bool) {
    for line in wrap(pieces, width.saturating_sub(indent)) {
        out.push_str(&" ".repeat(indent));
        paint(out, &line, color);
        out.push('\n');
    }
}

/// Lays out a table: a wrapped text column of width `name_w` followed by fixed cells.
fn table_row(out: &mut String, lead: &[Piece], name: &[Piece], name_w: usize, cells: &[Piece], color: bool) {
    let lines = wrap(name, name_w);
    for (i, line) in lines.iter().enumerate() {
        if i == 0 {
            paint(out, lead, color);
        } else {
            out.push_str(&" ".repeat(width_of(lead)));
        }
        paint(out, line, color);
        if i == 0 {
            out.push_str(&" ".repeat(name_w.saturating_sub(width_of(line))));
            paint(out, cells, color);
        }
        out.push('\n');
    }
}

/// Renders the matrix.
pub fn matrix(m: &Matrix, o: &Options) -> String {
    match o.format {
        Format::Json => matrix_json(m, o.wording),
        Format::Csv => matrix_csv(m, o.wording),
        Format::Markdown => matrix_markdown(m, o.wording),
        Format::Table => matrix_table(m, o),
    }
}

fn mark(row: &Row, c: usize) -> &'static str {
    match &row.cells[c] {
        Some(cell) if cell.federal => "●",
        Some(_) => "○",
        None => "·",
    }
}

/// The matrix's JSON: `{regions: [{key, name, version}], rows: [{name, sector, federal,
/// regions: {KEY: bool}, wording?: {KEY: name}}], regional: {KEY: [name]}}`.
pub fn matrix_json(m: &Matrix, wording: bool) -> String {
    let rows: Vec<Value> = m
        .rows
        .iter()
        .map(|r| {
            let mut regions = Map::new();
            let mut words = Map::new();
            for (c, col) in m.columns.iter().enumerate() {
                regions.insert(col.key.clone(), Value::Bool(r.cells[c].is_some()));
                if let Some(cell) = &r.cells[c] {
                    words.insert(col.key.clone(), Value::String(cell.name.clone()));
                }
            }
            let mut v = json!({"name": r.name, "sector": r.sector, "federal": r.federal, "regions": regions});
            if wording {
                v["wording"] = Value::Object(words);
            }
            v
        })
        .collect();
    let mut regional = Map::new();
    for (c, col) in m.columns.iter().enumerate() {
        let names: Vec<Value> = m
            .rows
            .iter()
            .filter(|r| !r.federal)
            .filter_map(|r| r.cells[c].as_ref().map(|x| Value::String(x.name.clone())))
            .collect();
        regional.insert(col.key.clone(), Value::Array(names));
    }
    let v = json!({"regions": columns_json(&m.columns), "rows": rows, "regional": regional});
    crate::output::json::to_string_pretty(&v).expect("JSON values serialise")
}

fn matrix_csv(m: &Matrix, wording: bool) -> String {
    let mut out = String::from("sector,project,federal");
    for c in &m.columns {
        let _ = write!(out, ",{}", csv_field(&c.key));
    }
    out.push_str(",regions\n");
    for r in &m.rows {
        let _ = write!(out, "{},{},{}", csv_field(&r.sector), csv_field(&r.name), r.federal);
        for cell in &r.cells {
            let v = match cell {
                Some(x) if wording => csv_field(&x.name),
                Some(_) => "1".into(),
                None if wording => String::new(),
                None => "0".into(),
            };
            let _ = write!(out, ",{v}");
        }
        let _ = writeln!(out, ",{}", r.adoption());
    }
    out
}

fn matrix_markdown(m: &Matrix, wording: bool) -> String {
    let mut out = String::from("| sector | project | federal |");
    for c in &m.columns {
        let _ = write!(out, " {} |", md_cell(&c.key));
    }
    out.push_str(" regions |\n|---|---|---|");
    out.push_str(&"---|".repeat(m.columns.len() + 1));
    out.push('\n');
    for r in &m.rows {
        let _ =
            write!(out, "| {} | {} | {} |", md_cell(&r.sector), md_cell(&r.name), if r.federal { "yes" } else { "no" });
        for (c, cell) in r.cells.iter().enumerate() {
            let v = match cell {
                Some(x) if wording => md_cell(&x.name),
                _ => mark(r, c).to_string(),
            };
            let _ = write!(out, " {v} |");
        }
        let _ = writeln!(out, " {} |", r.adoption());
    }
    out
}

fn matrix_table(m: &Matrix, o: &Options) -> String {
    let width = o.width.max(40);
    let labels = short_labels(&m.columns);
    let cell_w: Vec<usize> = labels.iter().map(|l| l.width().max(1) + 1).collect();
    let cells_w: usize = cell_w.iter().sum::<usize>() + 4;
    let sector_w = m.rows.iter().map(|r| sanitize(&r.sector).width()).max().unwrap_or(6).clamp(6, 24) + 1;
    let name_w = width.saturating_sub(sector_w + cells_w).max(20);
    let mut out = String::new();
    let federal = m.federal_rows().count();
    let everywhere = m.federal_rows().filter(|r| r.adoption() == m.columns.len()).count();
    let _ = writeln!(
        out,
        "{}",
        trf(Msg::MatrixHead, &[&m.columns.len(), &federal, &everywhere, &(m.rows.len() - federal)])
    );
    legend(&mut out, &m.columns, &labels);
    let key = tr(Msg::MatrixKey);
    indented(&mut out, &[(Role::Dim, key.to_string())], 2, width, o.color);
    out.push('\n');
    let mut head = String::new();
    for (l, w) in labels.iter().zip(&cell_w) {
        let _ = write!(head, "{l:>w$}");
    }
    let _ = write!(head, "{:>4}", "n");
    table_row(
        &mut out,
        &[(Role::Header, format!("{:<sector_w$}", tr(Msg::ColSector)))],
        &[(Role::Header, tr(Msg::ColFederalProject).into())],
        name_w,
        &[(Role::Header, head)],
        o.color,
    );
    for r in m.federal_rows() {
        let mut cells = String::new();
        for (c, w) in cell_w.iter().enumerate() {
            let _ = write!(cells, "{:>w$}", mark(r, c));
        }
        let _ = write!(cells, "{:>4}", r.adoption());
        let mut name = vec![(Role::Plain, sanitize(&r.name).into_owned())];
        if o.wording {
            let others: Vec<String> = r
                .cells
                .iter()
                .zip(&labels)
                .filter_map(|(c, l)| {
                    c.as_ref().filter(|c| c.name != r.name).map(|c| format!("{l}: {}", sanitize(&c.name)))
                })
                .collect();
            if !others.is_empty() {
                name.push((Role::Dim, format!(" ({})", others.join("; "))));
            }
        }
        table_row(
            &mut out,
            &[(Role::Dim, format!("{:<sector_w$}", sanitize(&r.sector)))],
            &name,
            name_w,
            &[(Role::Plain, cells)],
            o.color,
        );
    }
    let regional: Vec<&Row> = m.rows.iter().filter(|r| !r.federal).collect();
    if !regional.is_empty() {
        let _ = writeln!(out, "\n{}", tr(Msg::OwnProjects));
        for (c, col) in m.columns.iter().enumerate() {
            let mine: Vec<&&Row> = regional.iter().filter(|r| r.cells[c].is_some()).collect();
            if mine.is_empty() {
                continue;
            }
            let _ = writeln!(out, "  {} ({}):", sanitize(&col.name), mine.len());
            for r in mine {
                let own = r.cells[c].as_ref().map_or(r.name.as_str(), |x| x.name.as_str());
                let mut text = vec![(Role::Plain, format!("[{}] {}", sanitize(&r.sector), sanitize(own)))];
                let also: Vec<&str> = labels
                    .iter()
                    .enumerate()
                    .filter(|(k, _)| *k != c && r.cells[*k].is_some())
                    .map(|(_, l)| l.as_str())
                    .collect();
                if !also.is_empty() {
                    text.push((Role::Dim, format!(" ({})", trf(Msg::AlsoIn, &[&also.join(", ")]))));
                }
                for (i, line) in wrap(&text, width.saturating_sub(6)).iter().enumerate() {
                    out.push_str(if i == 0 { "    " } else { "      " });
                    paint(&mut out, line, o.color);
                    out.push('\n');
                }
            }
        }
    }
    out
}

/// Renders indicators side by side.
pub fn indicators(ind: &Indicators, o: &Options) -> String {
    match o.format {
        Format::Json => crate::output::json::to_string_pretty(ind).expect("indicators serialise"),
        Format::Csv => indicators_csv(ind),
        Format::Markdown => indicators_markdown(ind),
        Format::Table => indicators_table(ind, o),
    }
}

/// One row per (indicator, region, year): the long form that spreadsheets pivot.
fn indicators_csv(ind: &Indicators) -> String {
    let mut out = String::from("sector,project,indicator,region,wording,unit,year,value,lowest,highest\n");
    for r in &ind.rows {
        for (c, cell) in r.cells.iter().enumerate() {
            let Some(cell) = cell else { continue };
            for (year, v) in &cell.values {
                let sp = r.spread.iter().find(|s| s.year == *year);
                let _ = writeln!(
                    out,
                    "{},{},{},{},{},{},{year},{},{},{}",
                    csv_field(&r.sector),
                    csv_field(&r.project),
                    csv_field(&r.name),
                    csv_field(&ind.columns[c].key),
                    csv_field(&cell.name),
                    csv_field(cell.unit.as_deref().unwrap_or("")),
                    fmt_num(Some(*v)),
                    fmt_num(sp.map(|s| s.lowest.value)),
                    fmt_num(sp.map(|s| s.highest.value)),
                );
            }
        }
    }
    out
}

fn indicators_markdown(ind: &Indicators) -> String {
    let mut out = String::new();
    for r in &ind.rows {
        let years = r.years();
        let _ = writeln!(out, "### {} — {}\n", md_cell(&r.project), md_cell(&r.name));
        out.push_str("| region | unit |");
        for y in &years {
            let _ = write!(out, " {y} |");
        }
        out.push_str("\n|---|---|");
        out.push_str(&"---|".repeat(years.len()));
        out.push('\n');
        for (c, cell) in r.cells.iter().enumerate() {
            let Some(cell) = cell else { continue };
            let _ =
                write!(out, "| {} | {} |", md_cell(&ind.columns[c].key), md_cell(cell.unit.as_deref().unwrap_or("")));
            for y in &years {
                let _ = write!(out, " {} |", fmt_num(cell.values.get(y).copied()));
            }
            out.push('\n');
        }
        let _ = write!(out, "| *spread* | |");
        for y in &years {
            let s = r.spread.iter().find(|s| s.year == *y);
            let _ = write!(
                out,
                " {} |",
                s.map_or("-".into(), |s| format!(
                    "{}–{}",
                    fmt_num(Some(s.lowest.value)),
                    fmt_num(Some(s.highest.value))
                ))
            );
        }
        out.push_str("\n\n");
    }
    out
}

fn indicators_table(ind: &Indicators, o: &Options) -> String {
    let width = o.width.max(40);
    let labels = short_labels(&ind.columns);
    let mut out = String::new();
    let shared = ind.rows.iter().filter(|r| r.regions() >= 2).count();
    let _ = writeln!(out, "{}", trf(Msg::IndicatorsHead, &[&ind.columns.len(), &ind.rows.len(), &shared]));
    legend(&mut out, &ind.columns, &labels);
    let mut project = None;
    for r in &ind.rows {
        if project != Some((&r.sector, &r.project)) {
            project = Some((&r.sector, &r.project));
            out.push('\n');
            for line in wrap(&[(Role::Header, format!("[{}] {}", sanitize(&r.sector), sanitize(&r.project)))], width) {
                paint(&mut out, &line, o.color);
                out.push('\n');
            }
        }
        indented(&mut out, &[(Role::Plain, sanitize(&r.name).into_owned())], 2, width, o.color);
        let years = r.years();
        let unit_w = r
            .cells
            .iter()
            .flatten()
            .map(|c| sanitize(c.unit.as_deref().unwrap_or("")).width())
            .max()
            .unwrap_or(0)
            .clamp(1, 24);
        let val_w = r
            .cells
            .iter()
            .flatten()
            .flat_map(|c| c.values.values().map(|v| fmt_num(Some(*v)).width()))
            .chain(years.iter().map(|_| 4))
            .max()
            .unwrap_or(4)
            + 1;
        let lab_w = labels.iter().map(|l| l.width()).max().unwrap_or(3).max(6);
        let mut head = format!("    {:<lab_w$} {:<unit_w$}", "", "");
        for y in &years {
            let _ = write!(head, "{y:>val_w$}");
        }
        paint(&mut out, &[(Role::Dim, head)], o.color);
        out.push('\n');
        for (c, cell) in r.cells.iter().enumerate() {
            let Some(cell) = cell else { continue };
            let unit = sanitize(cell.unit.as_deref().unwrap_or("-")).into_owned();
            let mut line =
                format!("    {:<lab_w$} {}{}", labels[c], unit, " ".repeat(unit_w.saturating_sub(unit.width())));
            for y in &years {
                let v = cell.values.get(y).copied();
                let _ = write!(line, "{:>val_w$}", fmt_num(v));
            }
            if o.wording && cell.name != r.name {
                let _ = write!(line, "  ({})", sanitize(&cell.name));
            }
            paint(&mut out, &[(Role::Plain, line)], o.color);
            out.push('\n');
        }
        if r.regions() >= 2 {
            for s in &r.spread {
                if s.compared < 2 {
                    continue;
                }
                let name = |v: &[String]| {
                    v.iter()
                        .filter_map(|k| ind.columns.iter().position(|c| &c.key == k).map(|i| labels[i].clone()))
                        .collect::<Vec<_>>()
                        .join(",")
                };
                let (low, high) = (fmt_num(Some(s.lowest.value)), fmt_num(Some(s.highest.value)));
                let (low_in, high_in) = (name(&s.lowest.regions), name(&s.highest.regions));
                let mut line = trf(Msg::Spread, &[&s.year, &low, &low_in, &high, &high_in]);
                if !s.other_units.is_empty() {
                    let _ = write!(line, "; {}", trf(Msg::OtherUnit, &[&name(&s.other_units)]));
                }
                indented(&mut out, &[(Role::Dim, line)], 4, width, o.color);
            }
        }
    }
    out
}

/// Views of a multi-region section comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionView {
    /// What each region adds beyond the text most share.
    Adds,
    /// Regions side by side, boilerplate dimmed and region-specific text marked `{+…+}`.
    Columns,
    /// The [`Compare`] as JSON.
    Json,
}

/// Renders a multi-region section comparison.
pub fn section(c: &Compare, view: SectionView, color: bool, width: usize) -> String {
    let width = width.max(40);
    if view == SectionView::Json {
        return crate::output::json::to_string_pretty(c).expect("a comparison serialises");
    }
    let mut out = String::new();
    let title = c.columns.iter().find_map(|col| col.title.as_deref()).unwrap_or("");
    let head = trf(Msg::SectionHead, &[&sanitize(&c.key), &sanitize(title), &c.columns.len(), &c.threshold]);
    for l in wrap(&[(Role::Header, head)], width) {
        paint(&mut out, &l, color);
        out.push('\n');
    }
    for col in &c.columns {
        let line = match &col.title {
            None => trf(Msg::RegionNoSection, &[&sanitize(&col.region.name), &sanitize(&col.region.version)]),
            Some(_) => trf(
                Msg::RegionWords,
                &[
                    &sanitize(&col.region.name),
                    &sanitize(&col.region.version),
                    &col.words,
                    &(col.boilerplate_share() * 100.0).round(),
                ],
            ),
        };
        indented(&mut out, &[(Role::Dim, line)], 2, width, color);
    }
    match view {
        SectionView::Adds => {
            for col in c.columns.iter().filter(|c| c.title.is_some()) {
                out.push('\n');
                paint(&mut out, &[(Role::Header, trf(Msg::RegionAdds, &[&sanitize(&col.region.name)]))], color);
                out.push('\n');
                let adds = col.additions(3);
                if adds.is_empty() {
                    out.push_str(&format!("  {}\n", tr(Msg::NothingBeyond)));
                }
                for a in adds {
                    for (i, l) in
                        wrap(&[(Role::Plain, sanitize(a).into_owned())], width.saturating_sub(4)).iter().enumerate()
                    {
                        out.push_str(if i == 0 { "  - " } else { "    " });
                        paint(&mut out, l, color);
                        out.push('\n');
                    }
                }
            }
        }
        SectionView::Columns => columns(&mut out, c, color, width),
        SectionView::Json => {}
    }
    out
}

/// The pieces of a marked block: boilerplate dimmed, specific text emphasised and marked.
pub fn marked_pieces(b: &super::sections::MarkedBlock) -> Vec<Piece> {
    b.spans
        .iter()
        .map(|s| {
            let t = sanitize(&b.text[s.start..s.end]).into_owned();
            match s.kind {
                SpanKind::Boilerplate => (Role::Dim, t),
                SpanKind::Specific => {
                    let trimmed = t.trim_end();
                    (Role::PlusEmph, format!("{{+{trimmed}+}}{}", &t[trimmed.len()..]))
                }
            }
        })
        .collect()
}

fn columns(out: &mut String, c: &Compare, color: bool, width: usize) {
    let present: Vec<_> = c.columns.iter().filter(|c| c.title.is_some()).collect();
    let n = present.len().max(1);
    let col_w = (width.saturating_sub(3 * (n - 1)) / n).max(12);
    let wrapped: Vec<Vec<Vec<Piece>>> = present
        .iter()
        .map(|col| {
            let mut lines = wrap(&[(Role::Header, sanitize(&col.region.name).into_owned())], col_w);
            for b in &col.blocks {
                lines.push(Vec::new());
                lines.extend(wrap(&marked_pieces(b), col_w));
            }
            lines
        })
        .collect();
    let rows = wrapped.iter().map(Vec::len).max().unwrap_or(0);
    out.push('\n');
    for i in 0..rows {
        for (k, lines) in wrapped.iter().enumerate() {
            let l = lines.get(i).map(Vec::as_slice).unwrap_or(&[]);
            if k > 0 {
                out.push_str(" | ");
            }
            paint(out, l, color);
            if k + 1 < wrapped.len() {
                out.push_str(&" ".repeat(col_w.saturating_sub(width_of(l))));
            }
        }
        out.push('\n');
    }
}
