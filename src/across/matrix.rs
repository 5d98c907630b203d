//! The adoption matrix: projects aligned by meaning across regions.
//!
//! Rows are built column by column (regions in the order given) by [`super::cluster`], within a
//! sector: federal projects (those marked «рекомендовано ФОИВ») first, then every region's other
//! projects. A project joins a row only when it is the same project as every member by the rule
//! of [`super::names`], and a row holds at most one project per region. A region's unmarked
//! project that is the same as a federal one counts as adopting it (its cell says it is unmarked);
//! the rest are the region's own projects (rows with `federal: false`).

use super::cluster::{Clusters, most_common};
use super::names::{Keys, NameKey};
use crate::model::{Document, SourceFormat};
use serde::Serialize;

/// A region column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Column {
    /// Region key.
    pub key: String,
    /// Region name.
    pub name: String,
    /// Version label of the document used.
    pub version: String,
}

impl Column {
    /// The column of a document.
    pub fn of(doc: &Document) -> Column {
        Column {
            key: doc.meta.region.key.clone(),
            name: doc.meta.region.name.clone(),
            version: doc.meta.version.label.clone(),
        }
    }
}

/// One region's project in a row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cell {
    /// The project's id in that region's document.
    pub project_id: String,
    /// The region's own wording of the name.
    pub name: String,
    /// Whether that region marks it «рекомендовано ФОИВ».
    pub federal: bool,
}

/// One project across regions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// The wording most regions use (ties: a region that marks it federal, then column order).
    pub name: String,
    /// Canonical sector key.
    pub sector: String,
    /// True when some region marks it «рекомендовано ФОИВ».
    pub federal: bool,
    /// One entry per column: the region's project, or `None` when it did not adopt it.
    pub cells: Vec<Option<Cell>>,
}

impl Row {
    /// Number of regions that have the project.
    pub fn adoption(&self) -> usize {
        self.cells.iter().filter(|c| c.is_some()).count()
    }
}

/// The matrix.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Matrix {
    /// Region columns.
    pub columns: Vec<Column>,
    /// Rows: federal rows by sector and adoption (most regions first), then regional rows.
    pub rows: Vec<Row>,
}

/// Builds the matrix of `docs` (one per region, in column order), optionally of one sector.
pub fn build(docs: &[&Document], sector: Option<&str>) -> Matrix {
    let columns: Vec<Column> = docs.iter().map(|d| Column::of(d)).collect();
    let keys = Keys::new(docs.iter().map(|d| d.projects.iter().map(|p| p.name.as_str())));
    let mut clusters = Clusters::new(docs.len(), true);
    for federal_pass in [true, false] {
        for (c, doc) in docs.iter().enumerate() {
            let items: Vec<(usize, &str, &NameKey)> = doc
                .projects
                .iter()
                .enumerate()
                .filter(|(_, p)| p.recommended_federal == federal_pass && sector.is_none_or(|s| p.sector == s))
                .map(|(i, p)| (i, p.sector.as_str(), keys.get(c, i)))
                .collect();
            clusters.add(c, &items);
        }
    }
    let sector_order =
        |key: &str| docs.iter().find_map(|d| d.sectors.iter().position(|s| s.key == key)).unwrap_or(usize::MAX);
    let mut rows: Vec<Row> = clusters
        .rows
        .into_iter()
        .map(|cl| {
            let cells: Vec<Option<Cell>> = cl
                .members
                .iter()
                .enumerate()
                .map(|(c, m)| {
                    m.map(|i| {
                        let p = &docs[c].projects[i];
                        Cell { project_id: p.id.clone(), name: p.name.clone(), federal: p.recommended_federal }
                    })
                })
                .collect();
            let federal = cells.iter().flatten().any(|c| c.federal);
            let sectors =
                cl.members.iter().enumerate().filter_map(|(c, m)| m.map(|i| docs[c].projects[i].sector.as_str()));
            let sector = most_common(sectors).unwrap_or(cl.group);
            Row { name: representative(&cells, docs), sector, federal, cells }
        })
        .collect();
    rows.sort_by(|a, b| {
        b.federal
            .cmp(&a.federal)
            .then(sector_order(&a.sector).cmp(&sector_order(&b.sector)))
            .then(a.sector.cmp(&b.sector))
            .then(b.adoption().cmp(&a.adoption()))
    });
    Matrix { columns, rows }
}

impl Matrix {
    /// The row holding project `id` of column `c`.
    pub fn row_of(&self, c: usize, id: &str) -> Option<usize> {
        self.rows.iter().position(|r| r.cells[c].as_ref().is_some_and(|x| x.project_id == id))
    }

    /// Rows with the federal mark.
    pub fn federal_rows(&self) -> impl Iterator<Item = &Row> {
        self.rows.iter().filter(|r| r.federal)
    }
}

/// The row's display name: the wording most regions use; ties go to a federal-marked wording,
/// then to the cleanest text (line-broken before flattened, then the higher quality score), then
/// to column order.
fn representative(cells: &[Option<Cell>], docs: &[&Document]) -> String {
    // (wording, regions, federal-marked, cleanest source, first column)
    type Tally<'a> = (&'a str, usize, bool, (bool, u8), usize);
    let mut counts: Vec<Tally> = Vec::new();
    for (c, cell) in cells.iter().enumerate() {
        if let Some(cell) = cell {
            let src = &docs[c].source;
            let clean = (src.format == SourceFormat::Lines, src.quality.score);
            match counts.iter_mut().find(|x| x.0 == cell.name) {
                Some(x) => {
                    x.1 += 1;
                    x.2 |= cell.federal;
                    x.3 = x.3.max(clean);
                }
                None => counts.push((&cell.name, 1, cell.federal, clean, c)),
            }
        }
    }
    counts
        .iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(a.2.cmp(&b.2)).then(a.3.cmp(&b.3)).then(b.4.cmp(&a.4)))
        .map(|b| b.0.to_string())
        .unwrap_or_default()
}
