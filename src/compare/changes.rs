//! When a section counts as changed: the one rule the command line and the TUI share.
//!
//! A section differs when its own text, title or place does, or, for a sector section
//! (`projects.<sector>`, `indicators.<sector>`), when any of that sector's projects or indicators
//! differ — their tables are the section's real content even where its printed text is equal.

use super::{ChangeAt, DocDiff, Status};

/// The projects (or indicators) of a `projects.<sector>` (`indicators.<sector>`) section that
/// differ; 0 for other sections.
pub fn table_changes(d: &DocDiff, section: usize) -> usize {
    let key = d.sections[section].key.split('#').next().unwrap_or_default();
    if let Some(sector) = key.strip_prefix("projects.") {
        d.projects.iter().filter(|p| p.sector == sector && p.status != Status::Same).count()
    } else if let Some(sector) = key.strip_prefix("indicators.") {
        d.indicators.iter().filter(|i| i.sector == sector && i.status != Status::Same).count()
    } else {
        0
    }
}

/// True when a section's text differs or, for a sector section, its projects or indicators do.
pub fn differs(d: &DocDiff, section: usize) -> bool {
    d.sections[section].is_change() || table_changes(d, section) > 0
}

/// How many sections differ by [`differs`].
pub fn sections_differing(d: &DocDiff) -> usize {
    (0..d.sections.len()).filter(|&i| differs(d, i)).count()
}

/// The status shown for a section: its own, or `changed` for an unchanged sector section whose
/// projects or indicators differ.
pub fn shown_status(d: &DocDiff, section: usize) -> Status {
    match d.sections[section].status {
        Status::Same if table_changes(d, section) > 0 => Status::Changed,
        s => s,
    }
}

/// Every change in reading order, for walking them one by one: the engine's change places, and
/// the heading of each sector section whose projects or indicators differ.
pub fn places(d: &DocDiff) -> Vec<ChangeAt> {
    let mut out = d.change_places();
    out.extend(
        (0..d.sections.len())
            .filter(|&i| !d.sections[i].is_change() && table_changes(d, i) > 0)
            .map(|i| ChangeAt { section: i, row: None }),
    );
    out.sort();
    out
}
