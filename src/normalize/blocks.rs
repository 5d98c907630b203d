//! The template parser over [`crate::read`] blocks, from any reader.
//!
//! Text blocks are rendered as line-broken text ([`crate::read::blocks::to_lines`]) and go
//! through the line parser ([`super::lines`]), which finds the sections, sectors, card and
//! glossary. Real tables (DOCX, ODT, DOC) are not re-guessed from lines: their cells are read
//! here, columns named by their header cells, rows grouped by sector (a merged group row inside
//! the table, or a sector heading just before it), and they replace the projects and indicators
//! the line parser recovered from the rendered text. Nothing names a region or a file.

use super::{NormalizeError, lines::tables::parse_number, lines::tables::strip_federal_mark, sidecar::Sidecar};
use crate::model::{Block as DocBlock, BlockKind, Document, Indicator, Project, Section, Warning, sector};
use crate::read::{Block, Cell, Kind, ReadDoc, Table};
use crate::text::fold::fold;
use std::collections::BTreeMap;

/// Width text blocks are wrapped at when rendered as lines.
const WRAP: usize = 100;

/// Normalizes a read document. `raw` is the file's content (hashed into `source`), `file` its
/// name for messages.
pub fn normalize_read(read: &ReadDoc, raw: &[u8], file: &str, side: &Sidecar) -> Result<Document, NormalizeError> {
    let text = crate::read::blocks::to_lines(&read.blocks, WRAP);
    let mut doc = super::normalize_with(text.as_bytes(), file, side).map_err(|mut e| {
        e.problem = format!("{} (read as {} by {})", e.problem, read.format.name(), read.reader);
        e
    })?;
    let mut warnings = std::mem::take(&mut doc.source.quality.warnings);
    let tables = structured(&read.blocks);
    if !tables.projects.is_empty() {
        // The real tables replace what the line parser re-guessed from their rendered cells, and
        // so do the warnings about that guessing.
        warnings.retain(|w| {
            !matches!(w.code.as_str(), "count_mismatch" | "cell_split" | "name_uncertain" | "project_unlocated")
        });
        doc.projects = tables.projects;
        doc.indicators = tables.indicators;
        fill_rows(&mut doc.sections, &tables.rows);
        warnings.extend(cross_check(&doc.projects, &tables.listed));
    }
    warnings.extend(read.warnings.iter().cloned());
    warnings.push(Warning {
        code: "reader".into(),
        message: format!("read as {} by {}", read.format.name(), read.reader),
        line: None,
        offset: None,
        project: None,
    });
    doc.source.sha256 = crate::read::cache::content_hash(raw);
    doc.source.bytes = raw.len();
    if read.pages.is_some() {
        doc.source.pages = read.pages;
    }
    doc.source.quality = super::quality::grade(doc.source.format, warnings);
    Ok(doc)
}

/// What the real tables hold.
#[derive(Debug, Default)]
pub struct Structured {
    /// Project rows, enriched from the linkage table.
    pub projects: Vec<Project>,
    /// Indicator rows.
    pub indicators: Vec<Indicator>,
    /// Row texts per sector section key (`projects.education`), for the section bodies.
    pub rows: BTreeMap<String, Vec<String>>,
    /// (table, sector, project names) as each table lists them.
    pub listed: Vec<(String, String, Vec<String>)>,
}

/// Which template table a table is, from its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Which {
    Linkage,
    Projects,
    Indicators,
}

impl Which {
    fn key(self) -> &'static str {
        match self {
            Which::Linkage => "linkage",
            Which::Projects => "projects",
            Which::Indicators => "indicators",
        }
    }
}

/// A column's role, from its header text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Number,
    Name,
    Project,
    Indicator,
    Goal,
    Period,
    Description,
    Funding,
    Role,
    Technologies,
    Tasks,
    Beneficiaries,
    Benefits,
    Responsible,
    Unit,
    Year(u16),
    Other,
}

fn col_of(header: &str) -> Col {
    let h = fold(header);
    let year = h
        .split(|c: char| !c.is_ascii_digit())
        .filter(|t| t.len() == 4)
        .filter_map(|t| t.parse::<u16>().ok())
        .find(|y| (2000..=2100).contains(y));
    let has = |s: &str| h.contains(s);
    if h.trim() == "№" || has("п/п") || h.trim() == "пп" || has("№ пп") || (has("№") && h.len() <= 8) {
        Col::Number
    } else if has("показател") && has("наименован") {
        Col::Indicator
    } else if has("наименован") && has("проект") {
        Col::Project
    } else if has("наименован") {
        Col::Name
    } else if has("бенефициар") && !has("выгод") {
        Col::Beneficiaries
    } else if has("выгод") {
        Col::Benefits
    } else if has("задач") {
        Col::Tasks
    } else if has("цел") && !has("показател") {
        Col::Goal
    } else if has("срок") {
        Col::Period
    } else if has("описан") {
        Col::Description
    } else if has("финансир") {
        Col::Funding
    } else if has("роль") {
        Col::Role
    } else if has("технолог") {
        Col::Technologies
    } else if has("ответствен") || has("роив") || has("исполнител") {
        Col::Responsible
    } else if has("единиц") || has("ед. изм") {
        Col::Unit
    } else if let Some(y) = year {
        Col::Year(y)
    } else {
        Col::Other
    }
}

fn which(cols: &[Col]) -> Option<Which> {
    let has = |c: Col| cols.contains(&c);
    if has(Col::Indicator) || (cols.iter().any(|c| matches!(c, Col::Year(_))) && has(Col::Unit)) {
        Some(Which::Indicators)
    } else if has(Col::Beneficiaries) || has(Col::Benefits) {
        Some(Which::Linkage)
    } else if (has(Col::Name) || has(Col::Project)) && (has(Col::Goal) || has(Col::Description) || has(Col::Funding)) {
        Some(Which::Projects)
    } else {
        None
    }
}

/// A number as a row-number cell prints it: "1", "1.", "12)".
fn row_number(s: &str) -> Option<u32> {
    let t = s.trim().trim_end_matches(['.', ')']);
    (!t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit())).then(|| t.parse().ok()).flatten()
}

/// A sector named by a heading or group row («4.2. Здравоохранение», «Образование и наука»).
fn sector_of(text: &str) -> Option<(String, String)> {
    let t = text.trim();
    let name = t.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ')' || c.is_whitespace());
    let name = name.trim().trim_end_matches('.').trim();
    if name.is_empty() || name.chars().count() > 120 || name.contains('\n') {
        return None;
    }
    sector::known(name).map(|d| (d.key.to_string(), name.to_string()))
}

/// A value cell: "49,00", "1 234.5", "100%"; `None` for empty or non-numeric cells.
fn value(s: &str) -> Option<f64> {
    let t: String = s.chars().filter(|c| !c.is_whitespace() && *c != '\u{a0}').collect();
    parse_number(t.trim_end_matches('%'))
}

/// Reads every recognised template table among `blocks`.
pub fn structured(blocks: &[Block]) -> Structured {
    let mut out = Structured::default();
    let mut last_sector: Option<(String, String)> = None;
    // (sector, project name, named cells) of each linkage row.
    type LinkRow = (String, String, Vec<(Col, String)>);
    let mut linkage: Vec<LinkRow> = Vec::new();
    let mut current: Option<(Which, Vec<Col>)> = None;
    for b in blocks {
        let t = match &b.kind {
            Kind::Table(t) => t,
            Kind::PageBreak => continue,
            _ => {
                if let Some(s) = sector_of(&b.text) {
                    last_sector = Some(s);
                } else if matches!(b.kind, Kind::Heading(_)) {
                    // A new section: a table after it starts afresh.
                    current = None;
                    last_sector = None;
                }
                continue;
            }
        };
        let (header_rows, cols) = header(t);
        let (kind, cols) = match which(&cols) {
            Some(k) => (k, cols),
            // A table split per sector may repeat no header: it continues the last one.
            None => match &current {
                Some((k, c)) if header_rows == 0 => (*k, c.clone()),
                _ => continue,
            },
        };
        current = Some((kind, cols.clone()));
        let mut sector = last_sector.clone();
        let mut counted: BTreeMap<String, u32> = BTreeMap::new();
        for row in &t.rows[header_rows..] {
            let grid = Table::grid_row(row);
            let filled: Vec<&str> = row.iter().map(|c| c.text.trim()).filter(|t| !t.is_empty()).collect();
            if filled.is_empty() {
                continue;
            }
            if is_group_row(row, &filled)
                && let Some(s) = sector_of(filled[0])
            {
                sector = Some(s);
                continue;
            }
            if repeats_header(&grid, &cols) {
                continue;
            }
            let Some((skey, _)) = &sector else { continue };
            let cells: Vec<(Col, String)> = cols
                .iter()
                .zip(&grid)
                .map(|(c, t)| (*c, t.trim().to_string()))
                .filter(|(_, t)| !t.is_empty())
                .collect();
            let get = |c: Col| cells.iter().find(|x| x.0 == c).map(|x| x.1.clone());
            let raw = filled.join(" | ");
            let section = format!("{}.{}", kind.key(), skey);
            out.rows.entry(section).or_default().push(raw.replace('\n', " "));
            match kind {
                Which::Projects => {
                    let Some(name) = get(Col::Name).or_else(|| get(Col::Project)) else { continue };
                    let n = counted.entry(skey.clone()).or_default();
                    *n += 1;
                    let number = get(Col::Number).and_then(|s| row_number(&s)).or(Some(*n));
                    let (name, federal) = strip_federal_mark(&one_line(&name));
                    let id = unique_id(&out.projects, skey, number.unwrap_or(*n));
                    out.projects.push(Project {
                        id,
                        sector: skey.clone(),
                        number,
                        name,
                        recommended_federal: federal,
                        goal: get(Col::Goal).map(|s| one_line(&s)),
                        period: get(Col::Period).map(|s| one_line(&s)),
                        funding: get(Col::Funding).map(|s| one_line(&s)),
                        description: get(Col::Description).map(|s| one_line(&s)),
                        technologies: get(Col::Technologies).map(|s| one_line(&s)),
                        region_role: get(Col::Role).map(|s| one_line(&s)),
                        tasks: None,
                        beneficiaries: None,
                        benefits: None,
                        raw: one_line(&raw).into(),
                        confidence: 1.0,
                    });
                }
                Which::Linkage => linkage.push((
                    skey.clone(),
                    get(Col::Project).or_else(|| get(Col::Name)).unwrap_or_default(),
                    cells,
                )),
                Which::Indicators => {
                    let values: BTreeMap<u16, f64> = cols
                        .iter()
                        .zip(&grid)
                        .filter_map(|(c, t)| match c {
                            Col::Year(y) => value(t).map(|v| (*y, v)),
                            _ => None,
                        })
                        .collect();
                    // A row with values but no name is kept: its values are the document's.
                    let Some(name) = get(Col::Indicator)
                        .or_else(|| get(Col::Name))
                        .or_else(|| (!values.is_empty()).then(String::new))
                    else {
                        continue;
                    };
                    let project = get(Col::Project).map(|s| one_line(&s)).unwrap_or_default();
                    let unit = get(Col::Unit).map(|s| one_line(&s));
                    let vals: Vec<String> = values.values().map(|v| v.to_string()).collect();
                    out.indicators.push(Indicator {
                        sector: skey.clone(),
                        project: strip_federal_mark(&project).0,
                        project_id: None,
                        responsible: get(Col::Responsible).map(|s| one_line(&s)),
                        name: one_line(&name).into(),
                        raw: format!("{} | {} | {}", one_line(&name), unit.clone().unwrap_or_default(), vals.join(" "))
                            .into(),
                        unit,
                        values,
                        confidence: 1.0,
                    });
                }
            }
        }
    }
    for ind in &mut out.indicators {
        ind.project_id = find_project(&out.projects, &ind.sector, &ind.project).map(|p| p.id.clone());
    }
    let mut listed: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for (skey, name, cells) in linkage {
        let (name, _) = strip_federal_mark(&one_line(&name));
        listed.entry(("linkage".into(), skey.clone())).or_default().push(name.clone());
        let get = |c: Col| cells.iter().find(|x| x.0 == c).map(|x| one_line(&x.1));
        let Some(i) = find_project(&out.projects, &skey, &name).map(|p| p.id.clone()) else { continue };
        if let Some(p) = out.projects.iter_mut().find(|p| p.id == i) {
            p.tasks = get(Col::Tasks);
            p.beneficiaries = get(Col::Beneficiaries);
            p.benefits = get(Col::Benefits);
        }
    }
    for p in &out.projects {
        listed.entry(("projects".into(), p.sector.clone())).or_default().push(p.name.clone());
    }
    let mut seen = std::collections::BTreeSet::new();
    for i in &out.indicators {
        if seen.insert((i.sector.clone(), i.project.clone())) {
            listed.entry(("indicators".into(), i.sector.clone())).or_default().push(i.project.clone());
        }
    }
    out.listed = listed.into_iter().map(|((t, s), n)| (t, s, n)).collect();
    out
}

/// Header rows (leading rows before the first data or group row) and the column roles on the
/// grid; cells spanning several columns name each of them.
fn header(t: &Table) -> (usize, Vec<Col>) {
    let mut n = 0;
    let width = t.rows.iter().map(|r| r.iter().map(|c| c.span.max(1) as usize).sum::<usize>()).max().unwrap_or(0);
    let mut labels = vec![String::new(); width];
    for row in &t.rows {
        let first = row.first().map(|c| c.text.trim()).unwrap_or("");
        let filled: Vec<&str> = row.iter().map(|c| c.text.trim()).filter(|t| !t.is_empty()).collect();
        if row_number(first).is_some() || (is_group_row(row, &filled) && sector_of(filled[0]).is_some()) || n >= 3 {
            break;
        }
        // A column-number row (1 2 3 ...) under the header.
        if !filled.is_empty() && filled.iter().all(|t| row_number(t).is_some_and(|n| n < 1000)) {
            break;
        }
        let mut col = 0;
        for c in row {
            for k in 0..c.span.max(1) as usize {
                if let Some(l) = labels.get_mut(col + k)
                    && !c.merged_up
                {
                    l.push(' ');
                    l.push_str(&c.text);
                }
            }
            col += c.span.max(1) as usize;
        }
        n += 1;
    }
    let mut cols: Vec<Col> = labels.iter().map(|l| col_of(l)).collect();
    // Under "Значения по годам" the year columns carry the shared label too: the year wins.
    for (c, l) in cols.iter_mut().zip(&labels) {
        if let Some(y) = fold(l)
            .split(|c: char| !c.is_ascii_digit())
            .filter(|t| t.len() == 4)
            .filter_map(|t| t.parse::<u16>().ok())
            .find(|y| (2000..=2100).contains(y))
            && !matches!(c, Col::Number)
        {
            *c = Col::Year(y);
        }
    }
    (n, cols)
}

/// One merged cell across the row, or a single filled cell with no row number.
fn is_group_row(row: &[Cell], filled: &[&str]) -> bool {
    if filled.len() != 1 {
        return false;
    }
    row.len() == 1 || row.iter().any(|c| c.span > 1 && !c.text.trim().is_empty()) || row_number(filled[0]).is_none()
}

fn repeats_header(grid: &[&str], cols: &[Col]) -> bool {
    let named = grid.iter().zip(cols).filter(|(t, _)| !t.trim().is_empty()).collect::<Vec<_>>();
    !named.is_empty() && named.iter().all(|(t, c)| col_of(t) == **c && !matches!(c, Col::Other))
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn unique_id(projects: &[Project], sector: &str, n: u32) -> String {
    let base = format!("{sector}/{n}");
    if !projects.iter().any(|p| p.id == base) {
        return base;
    }
    (2..).map(|k| format!("{base}-{k}")).find(|id| !projects.iter().any(|p| &p.id == id)).unwrap_or(base)
}

fn find_project<'a>(projects: &'a [Project], sector: &str, name: &str) -> Option<&'a Project> {
    let want = fold(&strip_federal_mark(name).0);
    let same = |p: &&Project| p.sector == sector;
    projects.iter().filter(same).find(|p| fold(&p.name) == want).or_else(|| {
        projects
            .iter()
            .filter(same)
            .find(|p| !want.is_empty() && (fold(&p.name).starts_with(&want) || want.starts_with(&fold(&p.name))))
    })
}

/// Puts table rows into their sector sections as list items (an explicit stack, no recursion).
pub(crate) fn fill_rows(sections: &mut [Section], rows: &BTreeMap<String, Vec<String>>) {
    let mut stack: Vec<&mut Section> = sections.iter_mut().collect();
    while let Some(s) = stack.pop() {
        if let Some(r) = rows.get(&s.key) {
            s.blocks = r.iter().map(|t| DocBlock { kind: BlockKind::Item, text: t.into() }).collect();
        }
        stack.extend(s.children.iter_mut());
    }
}

/// Projects the linkage or indicators table lists that the projects table lacks.
fn cross_check(projects: &[Project], listed: &[(String, String, Vec<String>)]) -> Vec<Warning> {
    let mut out = Vec::new();
    for (table, sector, names) in listed.iter().filter(|l| l.0 != "projects") {
        let own = projects.iter().filter(|p| &p.sector == sector).count();
        if names.len() != own {
            out.push(Warning {
                code: "count_mismatch".into(),
                message: format!(
                    "sector {sector}: the {table} table lists {} projects, the projects table {own}",
                    names.len()
                ),
                line: None,
                offset: None,
                project: None,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::Place;

    fn cell(t: &str, span: u16, up: bool) -> Cell {
        Cell { text: t.into(), span, merged_up: up }
    }

    fn table(rows: Vec<Vec<Cell>>) -> Block {
        Block::new(Kind::Table(Table { rows }), "", Place::default())
    }

    #[test]
    fn real_tables_give_projects_and_indicators_by_their_cells() {
        let c = |t: &str| cell(t, 1, false);
        let projects = table(vec![
            vec![
                c("№ п/п"),
                c("Наименование"),
                c("Цель"),
                c("Срок реализации"),
                c("Краткое описание"),
                c("Финансирование"),
            ],
            vec![cell("1. Здравоохранение", 6, false)],
            vec![
                c("1"),
                c("Телемедицина (рекомендовано ФОИВ)"),
                c("Доступность"),
                c("2024"),
                c("Создание"),
                c("Бюджет"),
            ],
            vec![c("2"), c("Электронная\nмедицинская карта"), c(""), c("2023"), c("Внедрение"), c("")],
        ]);
        let indicators = table(vec![
            vec![
                c("№"),
                c("Наименование проекта"),
                c("Наименование показателя"),
                c("Единица измерения"),
                cell("Значения по годам", 2, false),
            ],
            vec![cell("", 1, true), cell("", 1, true), cell("", 1, true), cell("", 1, true), c("2023"), c("2024")],
            vec![cell("Здравоохранение", 6, false)],
            vec![c("1"), c("Телемедицина"), c("Доля консультаций"), c("%"), c("40,5"), c("1 200")],
            vec![c("2"), cell("Телемедицина", 1, true), c("Число центров"), c("ед."), c(""), c("3")],
        ]);
        let s = structured(&[projects, indicators]);
        assert_eq!(s.projects.len(), 2);
        let p = &s.projects[0];
        assert_eq!((p.id.as_str(), p.name.as_str(), p.recommended_federal), ("healthcare/1", "Телемедицина", true));
        assert_eq!(p.period.as_deref(), Some("2024"));
        assert_eq!(s.projects[1].name, "Электронная медицинская карта");
        assert_eq!(s.projects[1].goal, None);
        assert_eq!(s.indicators.len(), 2);
        let i = &s.indicators[0];
        assert_eq!(i.values, BTreeMap::from([(2023, 40.5), (2024, 1200.0)]));
        assert_eq!(i.project_id.as_deref(), Some("healthcare/1"));
        assert_eq!(s.indicators[1].values, BTreeMap::from([(2024, 3.0)]));
        assert_eq!(s.indicators[1].project, "Телемедицина");
    }

    #[test]
    fn a_sector_heading_before_a_headerless_table_continues_the_last_table() {
        let c = |t: &str| cell(t, 1, false);
        let head = |t: &str| Block::new(Kind::Paragraph, t, Place::default());
        let blocks = vec![
            head("1. Образование и наука"),
            table(vec![vec![c("№"), c("Наименование"), c("Цель")], vec![c("1"), c("Цифровая школа"), c("Качество")]]),
            head("2. Туризм"),
            table(vec![vec![c("1"), c("Туристический портал"), c("Поток")]]),
        ];
        let s = structured(&blocks);
        let ids: Vec<&str> = s.projects.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["education/1", "tourism/1"]);
    }
}
