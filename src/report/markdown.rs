//! The report as Markdown for mail and issue trackers: deletions as `~~…~~`, insertions as
//! `**…**`, projects and indicators as tables.

use super::{Labels, NoteLine, Report, Span, YearCell, clean, heading, unit_cell, year_cell};
use crate::compare::words::SpanKind;
use std::fmt::Write;

/// Escapes Markdown syntax in document text; newlines become spaces (one line per paragraph).
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in clean(s).chars() {
        match c {
            '\n' => out.push(' '),
            '\\' | '`' | '*' | '_' | '~' | '[' | ']' | '<' | '>' | '|' | '#' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Wraps a span's text in a marker, keeping its outer whitespace outside (`~~ a~~` would not render).
fn marked(out: &mut String, text: &str, marker: &str) {
    let t = esc(text);
    let core = t.trim();
    if core.is_empty() {
        out.push_str(&t);
        return;
    }
    let lead = &t[..t.len() - t.trim_start().len()];
    let trail = &t[t.trim_end().len()..];
    let _ = write!(out, "{lead}{marker}{core}{marker}{trail}");
}

/// A paragraph with its changes marked.
pub fn spans(sp: &[Span]) -> String {
    let mut out = String::new();
    for s in sp {
        match s.kind {
            SpanKind::Equal => out.push_str(&esc(&s.text)),
            SpanKind::Deleted => marked(&mut out, &s.text, "~~"),
            SpanKind::Inserted => marked(&mut out, &s.text, "**"),
        }
    }
    out
}

fn note(out: &mut String, n: &NoteLine, l: &Labels, indent: &str) {
    let carried = n.carried_from.as_ref().map(|v| format!(", {} {}", l.carried_from, esc(v))).unwrap_or_default();
    let _ = writeln!(out, "{indent}> **{}** ({}, {}{carried}): {}", l.notes, esc(&n.author), n.date, esc(&n.text));
}

/// Renders the report.
pub fn render(r: &Report, l: &Labels) -> String {
    let mut out = String::new();
    let [a, b] = &r.docs;
    let _ = writeln!(out, "# {}: {}\n", l.title, esc(&b.region));
    let _ = writeln!(out, "| | {} | {} |\n|---|---|---|", l.old, l.new);
    let _ = writeln!(out, "| {} | {} | {} |", l.region, esc(&a.region), esc(&b.region));
    let _ = writeln!(out, "| {} | {} | {} |", l.version, esc(&a.version), esc(&b.version));
    let act = |d: &super::DocInfo| esc(&l.act(d.approval.as_ref()));
    let _ = writeln!(out, "| {} | {} | {} |\n", l.act, act(a), act(b));
    let s = &r.summary;
    let _ = writeln!(out, "## {}\n", l.summary);
    let _ = writeln!(out, "- {}: {}", l.sections, l.counts(&s.sections));
    let _ = writeln!(out, "- {}: {}", l.projects, l.counts(&s.projects));
    let _ = writeln!(out, "- {}: {}", l.indicators, l.counts(&s.indicators));
    let _ = writeln!(out, "- {}: +{} −{}", l.words, s.words_added, s.words_removed);
    let _ = writeln!(out, "- {}\n", l.progress(r.progress.reviewed, r.progress.changed));
    if r.approximate {
        let _ = writeln!(out, "{}\n", l.approximate);
    }
    if r.sections.is_empty() && r.projects.is_empty() && r.indicators.is_empty() {
        let _ = writeln!(out, "{}\n", l.no_changes);
    }
    if !r.sections.is_empty() {
        let _ = writeln!(out, "## {}\n", l.changed_sections);
    }
    for sec in &r.sections {
        let mark = if sec.reviewed { l.reviewed } else { l.not_reviewed };
        let _ = writeln!(out, "### {} — {}, {mark}\n", esc(&heading(sec)), l.status(sec.status));
        let _ = write!(out, "{}", esc(&sec.key));
        if let Some(t) = &sec.title_a {
            let _ = write!(out, " ({}: {})", l.was, esc(t));
        }
        out.push_str("\n\n");
        for n in &sec.notes {
            note(&mut out, n, l, "");
            out.push('\n');
        }
        for row in &sec.rows {
            let _ = writeln!(out, "- {} *{}*: {}", esc(&row.label), l.status(row.status), spans(&row.spans));
            for n in &row.notes {
                note(&mut out, n, l, "  ");
            }
        }
        out.push('\n');
    }
    if !r.projects.is_empty() {
        let _ = writeln!(out, "## {}\n", l.projects);
        let _ = writeln!(out, "| {} | {} | {} | {} |\n|---|---|---|---|", l.status, l.project, l.sector, l.changes);
        for p in &r.projects {
            let mut changes: Vec<String> = Vec::new();
            if let Some(f) = &p.renamed_from {
                changes.push(format!("{}: {}", l.renamed_from, esc(f)));
            }
            let v = |x: &Option<String>| x.as_deref().map_or("—".to_string(), esc);
            for (field, old, new) in &p.fields {
                changes.push(format!("{}: ~~{}~~ → **{}**", l.field(field), v(old), v(new)));
            }
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                l.status(p.status),
                esc(&p.name),
                esc(&p.sector),
                changes.join("; ")
            );
        }
        out.push('\n');
    }
    if !r.indicators.is_empty() {
        let _ = writeln!(out, "## {}\n", l.indicators);
        let _ = write!(out, "| {} | {} | {} | {} |", l.status, l.project, l.indicator, l.unit);
        for y in &r.years {
            let _ = write!(out, " {y} |");
        }
        let _ = writeln!(out, "\n|---|---|---|---|{}", "---|".repeat(r.years.len()));
        for i in &r.indicators {
            let name = match &i.renamed_from {
                Some(f) => format!("{} ({}: {})", esc(&i.name), l.renamed_from, esc(f)),
                None => esc(&i.name),
            };
            let _ =
                write!(out, "| {} | {} | {name} | {} |", l.status(i.status), esc(&i.project), esc(&unit_cell(&i.unit)));
            for y in &r.years {
                let cell = match year_cell(i.values.get(y), l) {
                    YearCell::Empty => "—".to_string(),
                    YearCell::Same(v) => v,
                    YearCell::Changed { old: Some(a), new: Some(b) } => format!("{a} → {b}"),
                    YearCell::Changed { old: None, new } => format!("**{}**", new.unwrap_or_default()),
                    YearCell::Changed { old: Some(a), new: None } => format!("~~{a}~~"),
                };
                let _ = write!(out, " {cell} |");
            }
            out.push('\n');
        }
        out.push('\n');
    }
    if !r.orphaned.is_empty() {
        let _ = writeln!(out, "## {}\n", l.orphaned);
        for o in &r.orphaned {
            let place = o.block.map(|b| format!(" [{b}]")).unwrap_or_default();
            let _ = writeln!(out, "- {}{place} — {}", esc(&o.section), l.reason(o.reason));
            note(&mut out, &o.note, l, "  ");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_keep_spaces_outside_and_syntax_is_escaped() {
        let sp = |kind, text: &str| Span { kind, text: text.into() };
        let got = spans(&[
            sp(SpanKind::Equal, "мероприятий по"),
            sp(SpanKind::Deleted, " соблюдению "),
            sp(SpanKind::Inserted, "*обеспечению*"),
            sp(SpanKind::Equal, " | требований\nдалее"),
        ]);
        assert_eq!(got, "мероприятий по ~~соблюдению~~ **\\*обеспечению\\*** \\| требований далее");
    }
}
