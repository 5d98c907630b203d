//! Indicator targets of several regions side by side, with the spread per year.
//!
//! An indicator belongs to its project's row of the [`super::matrix`] (through its `project_id`,
//! else through its printed project name, matched to the region's projects by the rule of
//! [`super::names`]); within a project, indicator names are aligned by the same rule (see
//! [`super::cluster`]). Values of a year are compared only between regions that state the same
//! unit (the unit most of them use); the others are named, not mixed in.

use super::cluster::{Clusters, most_common};
use super::matrix::{self, Column};
use super::names::{Keys, NameKey, same_name};
use crate::model::Document;
use crate::text::fold::fold;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// One region's indicator.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorCell {
    /// The region's wording of the indicator.
    pub name: String,
    /// Unit as printed.
    pub unit: Option<String>,
    /// Year -> target.
    pub values: BTreeMap<u16, f64>,
}

/// The lowest or highest target of a year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Extreme {
    /// The value.
    pub value: f64,
    /// Keys of the regions with that value.
    pub regions: Vec<String>,
}

/// Lowest and highest targets of one year among regions with the same unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Spread {
    /// The year.
    pub year: u16,
    /// The unit compared (the one most regions use that year), as printed by the first of them.
    pub unit: Option<String>,
    /// How many regions' values were compared.
    pub compared: usize,
    /// Lowest target.
    pub lowest: Extreme,
    /// Highest target.
    pub highest: Extreme,
    /// Regions with a value that year in another unit (left out of the spread).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub other_units: Vec<String>,
}

/// One indicator across regions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorRow {
    /// Canonical sector key.
    pub sector: String,
    /// The project's name (its matrix row's name).
    pub project: String,
    /// The wording most regions use.
    pub name: String,
    /// One entry per column.
    pub cells: Vec<Option<IndicatorCell>>,
    /// Per year, the spread of targets.
    pub spread: Vec<Spread>,
}

impl IndicatorRow {
    /// Number of regions that have the indicator.
    pub fn regions(&self) -> usize {
        self.cells.iter().filter(|c| c.is_some()).count()
    }

    /// All years any region gives a value for, ascending.
    pub fn years(&self) -> Vec<u16> {
        let mut y: Vec<u16> = self.cells.iter().flatten().flat_map(|c| c.values.keys().copied()).collect();
        y.sort_unstable();
        y.dedup();
        y
    }
}

/// Indicators side by side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Indicators {
    /// Region columns.
    pub columns: Vec<Column>,
    /// Rows in sector and project order, most regions first within a project.
    pub rows: Vec<IndicatorRow>,
}

/// What to include.
#[derive(Debug, Clone, Copy, Default)]
pub struct Filter<'a> {
    /// Only this sector.
    pub sector: Option<&'a str>,
    /// Only projects whose name (any region's wording) is this project by the naming rule or
    /// contains it (case and ё folded).
    pub project: Option<&'a str>,
}

/// The comparison form of a unit: folded, spaces and dots dropped, "процент…" as "%".
pub fn unit_key(unit: Option<&str>) -> String {
    let u: String = fold(unit.unwrap_or("").trim()).chars().filter(|c| !c.is_whitespace() && *c != '.').collect();
    if u.starts_with("процент") { "%".into() } else { u }
}

/// Builds the side-by-side indicators of `docs` (one per region, in column order).
pub fn build(docs: &[&Document], filter: Filter<'_>) -> Indicators {
    let m = matrix::build(docs, filter.sector);
    let project_keys = Keys::new(docs.iter().map(|d| d.projects.iter().map(|p| p.name.as_str())));
    let wanted_project = filter.project.map(|p| (NameKey::new(p), fold(p)));
    let project_ok = |names: &[&str]| match &wanted_project {
        None => true,
        Some((k, f)) => names.iter().any(|n| fold(n).contains(f.as_str()) || same_name(k, &NameKey::new(n)).is_some()),
    };
    let row_ok: Vec<bool> = m
        .rows
        .iter()
        .map(|r| project_ok(&r.cells.iter().flatten().map(|c| c.name.as_str()).collect::<Vec<_>>()))
        .collect();
    let row_of: HashMap<(usize, &str), usize> = m
        .rows
        .iter()
        .enumerate()
        .flat_map(|(r, row)| {
            row.cells.iter().enumerate().filter_map(move |(c, x)| x.as_ref().map(|x| ((c, x.project_id.as_str()), r)))
        })
        .collect();
    let mut clusters = Clusters::new(docs.len(), false);
    let mut groups: Vec<(String, String)> = Vec::new(); // group id -> (sector, project name)
    let mut group_ids: BTreeMap<String, usize> = BTreeMap::new();
    let ind_keys = Keys::new(docs.iter().map(|d| d.indicators.iter().map(|i| i.name.as_str())));
    for (c, doc) in docs.iter().enumerate() {
        let mut labels = Vec::new();
        let mut by_text: HashMap<(&str, &str), Option<usize>> = HashMap::new();
        for (i, ind) in doc.indicators.iter().enumerate() {
            if filter.sector.is_some_and(|s| ind.sector != s) {
                continue;
            }
            let by_id = ind.project_id.as_deref().and_then(|id| row_of.get(&(c, id)).copied());
            // The printed project name, resolved once per column, sector and text.
            let by_name = || {
                *by_text.entry((ind.sector.as_str(), ind.project.as_str())).or_insert_with(|| {
                    let k = NameKey::new(&ind.project);
                    doc.projects
                        .iter()
                        .enumerate()
                        .filter(|(j, p)| p.sector == ind.sector && same_name(&k, project_keys.get(c, *j)).is_some())
                        .find_map(|(_, p)| row_of.get(&(c, p.id.as_str())).copied())
                })
            };
            let (label, project) = match by_id.or_else(by_name) {
                Some(r) if !row_ok[r] => continue,
                Some(r) => (format!("{}\u{1f}{r}", ind.sector), m.rows[r].name.clone()),
                None if !project_ok(&[ind.project.as_str()]) => continue,
                None => (format!("{}\u{1f}?{}", ind.sector, NameKey::new(&ind.project).exact), ind.project.clone()),
            };
            let next = groups.len();
            let g = *group_ids.entry(label.clone()).or_insert(next);
            if g == next {
                groups.push((ind.sector.clone(), project));
            }
            labels.push((i, label));
        }
        let items: Vec<(usize, &str, &NameKey)> =
            labels.iter().map(|(i, l)| (*i, l.as_str(), ind_keys.get(c, *i))).collect();
        clusters.add(c, &items);
    }
    let mut rows: Vec<(usize, IndicatorRow)> = clusters
        .rows
        .into_iter()
        .map(|cl| {
            let g = group_ids[&cl.group];
            let cells: Vec<Option<IndicatorCell>> = cl
                .members
                .iter()
                .enumerate()
                .map(|(c, m)| {
                    m.map(|i| {
                        let ind = &docs[c].indicators[i];
                        IndicatorCell { name: ind.name.to_string(), unit: ind.unit.clone(), values: ind.values.clone() }
                    })
                })
                .collect();
            let name = most_common(cells.iter().flatten().map(|c| c.name.as_str())).unwrap_or_default();
            let spread = spreads(&m.columns, &cells);
            (g, IndicatorRow { sector: groups[g].0.clone(), project: groups[g].1.clone(), name, cells, spread })
        })
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.regions().cmp(&a.1.regions())));
    Indicators { columns: m.columns, rows: rows.into_iter().map(|r| r.1).collect() }
}

/// The spread of each year's values among the regions with the year's majority unit.
fn spreads(columns: &[Column], cells: &[Option<IndicatorCell>]) -> Vec<Spread> {
    let mut years: Vec<u16> = cells.iter().flatten().flat_map(|c| c.values.keys().copied()).collect();
    years.sort_unstable();
    years.dedup();
    let mut out = Vec::new();
    for year in years {
        let have: Vec<(usize, &IndicatorCell, f64)> = cells
            .iter()
            .enumerate()
            .filter_map(|(c, x)| x.as_ref().and_then(|x| x.values.get(&year).map(|v| (c, x, *v))))
            .collect();
        let units: Vec<String> = have.iter().map(|h| unit_key(h.1.unit.as_deref())).collect();
        let unit = most_common(units.iter().map(String::as_str)).unwrap_or_default();
        let (same, other): (Vec<&(usize, &IndicatorCell, f64)>, Vec<_>) =
            have.iter().partition(|h| unit_key(h.1.unit.as_deref()) == unit);
        let lo = same.iter().map(|h| h.2).fold(f64::INFINITY, f64::min);
        let hi = same.iter().map(|h| h.2).fold(f64::NEG_INFINITY, f64::max);
        let at = |v: f64| Extreme {
            value: v,
            regions: same.iter().filter(|h| (h.2 - v).abs() < 1e-9).map(|h| columns[h.0].key.clone()).collect(),
        };
        out.push(Spread {
            year,
            unit: same.first().and_then(|h| h.1.unit.clone()),
            compared: same.len(),
            lowest: at(lo),
            highest: at(hi),
            other_units: other.iter().map(|h| columns[h.0].key.clone()).collect(),
        });
    }
    out
}
