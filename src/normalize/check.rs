//! Cross-checks between the sectored tables: the linkage, projects and indicators sections must
//! list the same projects per sector; every disagreement becomes a `count_mismatch` warning.

use super::Parsed;
use crate::model::Warning;
use std::collections::BTreeMap;

/// Compares the per-sector project counts of every sectored table against the projects section.
pub fn cross_check(parsed: &Parsed) -> Vec<Warning> {
    let mut by_table: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for (table, sector, names) in &parsed.listed {
        *by_table.entry(table.as_str()).or_default().entry(sector.as_str()).or_default() += names.len();
    }
    let Some(reference) = by_table.get("projects") else { return Vec::new() };
    let mut out = Vec::new();
    for (table, counts) in &by_table {
        if *table == "projects" {
            continue;
        }
        let sectors: std::collections::BTreeSet<&str> = reference.keys().chain(counts.keys()).copied().collect();
        for s in sectors {
            let (a, b) = (reference.get(s).copied().unwrap_or(0), counts.get(s).copied().unwrap_or(0));
            if a != b {
                out.push(Warning {
                    code: "count_mismatch".into(),
                    message: format!("sector {s}: the projects section lists {a} projects, the {table} section {b}"),
                    line: None,
                    offset: None,
                    project: None,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_disagreeing_counts_only() {
        let names = |n: usize| (0..n).map(|i| format!("p{i}")).collect::<Vec<_>>();
        let p = Parsed {
            listed: vec![
                ("projects".into(), "energy".into(), names(1)),
                ("linkage".into(), "energy".into(), names(2)),
                ("indicators".into(), "energy".into(), names(1)),
            ],
            ..Default::default()
        };
        let w = cross_check(&p);
        assert_eq!(w.len(), 1);
        assert!(w[0].message.contains("linkage section 2"));
    }
}
