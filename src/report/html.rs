//! The report as one standalone HTML file: inline CSS, no scripts, no network, readable printed.
//!
//! Deleted words are `<del>` and inserted words `<ins>`, styled by colour and by strike-through
//! and underline, so they survive a black-and-white printer. The markup is well-formed XML
//! (every element closed, text escaped), so tests and tools can parse it strictly.

use super::{DocInfo, Labels, NoteLine, Report, Span, YearCell, escape_xml as esc, heading, unit_cell, year_cell};
use crate::compare::Status;
use crate::compare::words::SpanKind;
use std::fmt::Write;

const CSS: &str = "
body { font-family: 'PT Serif', 'Times New Roman', serif; max-width: 60em; margin: 2em auto; padding: 0 1em;
  line-height: 1.45; color: #111; }
h1 { font-size: 1.6em; } h2 { font-size: 1.3em; border-bottom: 1px solid #999; margin-top: 2em; }
h3 { font-size: 1.1em; margin-bottom: 0.2em; }
table { border-collapse: collapse; margin: 0.5em 0 1em; width: 100%; }
th, td { border: 1px solid #888; padding: 0.2em 0.4em; vertical-align: top; text-align: left; }
th { background: #eee; }
td.num { text-align: right; white-space: nowrap; }
del { color: #8b0000; background: #fde2e2; text-decoration: line-through; }
ins { color: #004d00; background: #dcf5dc; text-decoration: underline; }
.key { font-family: monospace; color: #555; font-size: 0.9em; }
.status { font-weight: normal; font-size: 0.9em; color: #333; }
.reviewed { color: #004d00; } .unreviewed { color: #8b0000; }
.row { margin: 0.4em 0; } .label { font-family: monospace; color: #555; margin-right: 0.4em; }
.note { border-left: 3px solid #c90; background: #fff8e6; margin: 0.3em 0 0.6em 1.5em; padding: 0.2em 0.6em; }
.note .who { font-size: 0.85em; color: #555; }
@media print {
  body { max-width: none; margin: 0; font-size: 11pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  section { break-inside: avoid-page; } h2, h3 { break-after: avoid; }
  .note { border-left: 2px solid #000; }
}
";

fn spans(out: &mut String, sp: &[Span]) {
    for s in sp {
        match s.kind {
            SpanKind::Equal => out.push_str(&esc(&s.text)),
            SpanKind::Deleted => {
                let _ = write!(out, "<del>{}</del>", esc(&s.text));
            }
            SpanKind::Inserted => {
                let _ = write!(out, "<ins>{}</ins>", esc(&s.text));
            }
        }
    }
}

fn note(out: &mut String, n: &NoteLine, l: &Labels) {
    let carried = n.carried_from.as_ref().map(|v| format!(", {} {}", l.carried_from, esc(v))).unwrap_or_default();
    let _ = writeln!(
        out,
        "<div class=\"note\"><div class=\"who\">{}: {}, {}{carried}</div><div class=\"text\">{}</div></div>",
        l.notes,
        esc(&n.author),
        esc(&n.date),
        esc(&n.text).replace('\n', "<br/>")
    );
}

fn status_class(s: Status) -> &'static str {
    s.name()
}

fn docs_table(out: &mut String, docs: &[DocInfo; 2], l: &Labels) {
    let [a, b] = docs;
    let act = |d: &DocInfo| esc(&l.act(d.approval.as_ref()));
    let _ = write!(
        out,
        "<table class=\"docs\"><tr><th></th><th>{}</th><th>{}</th></tr>\n\
         <tr><th>{}</th><td>{}</td><td>{}</td></tr>\n\
         <tr><th>{}</th><td>{}</td><td>{}</td></tr>\n\
         <tr><th>{}</th><td>{}</td><td>{}</td></tr></table>\n",
        l.old,
        l.new,
        l.region,
        esc(&a.region),
        esc(&b.region),
        l.version,
        esc(&a.version),
        esc(&b.version),
        l.act,
        act(a),
        act(b)
    );
}

/// Renders the report.
pub fn render(r: &Report, l: &Labels) -> String {
    let mut out = String::new();
    let b = &r.docs[1];
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>{}: {}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        l.code,
        l.title,
        esc(&b.region)
    );
    let _ = writeln!(out, "<h1>{}: {}</h1>", l.title, esc(&b.region));
    docs_table(&mut out, &r.docs, l);
    let s = &r.summary;
    let _ = write!(
        out,
        "<h2>{}</h2>\n<ul class=\"summary\">\n<li>{}: {}</li>\n<li>{}: {}</li>\n<li>{}: {}</li>\n<li>{}: +{} −{}</li>\n\
         <li class=\"progress\">{}</li>\n</ul>\n",
        l.summary,
        l.sections,
        l.counts(&s.sections),
        l.projects,
        l.counts(&s.projects),
        l.indicators,
        l.counts(&s.indicators),
        l.words,
        s.words_added,
        s.words_removed,
        l.progress(r.progress.reviewed, r.progress.changed)
    );
    if r.approximate {
        let _ = writeln!(out, "<p>{}</p>", l.approximate);
    }
    if r.sections.is_empty() && r.projects.is_empty() && r.indicators.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", l.no_changes);
    }
    if !r.sections.is_empty() {
        let _ = writeln!(out, "<h2>{}</h2>", l.changed_sections);
    }
    for sec in &r.sections {
        let (rc, rl) = if sec.reviewed { ("reviewed", l.reviewed) } else { ("unreviewed", l.not_reviewed) };
        let _ = write!(
            out,
            "<section class=\"section {}\" data-key=\"{}\">\n<h3>{} <span class=\"status\">— {}, <span class=\"{rc}\">{rl}</span></span></h3>\n<div class=\"key\">{}",
            status_class(sec.status),
            esc(&sec.key),
            esc(&heading(sec)),
            l.status(sec.status),
            esc(&sec.key)
        );
        if let Some(t) = &sec.title_a {
            let _ = write!(out, " ({}: {})", l.was, esc(t));
        }
        out.push_str("</div>\n");
        for n in &sec.notes {
            note(&mut out, n, l);
        }
        for row in &sec.rows {
            let _ = write!(
                out,
                "<div class=\"row {}\"><span class=\"label\">{} {}</span>",
                status_class(row.status),
                esc(&row.label),
                l.status(row.status)
            );
            spans(&mut out, &row.spans);
            out.push_str("</div>\n");
            for n in &row.notes {
                note(&mut out, n, l);
            }
        }
        out.push_str("</section>\n");
    }
    if !r.projects.is_empty() {
        let _ = write!(
            out,
            "<h2>{}</h2>\n<table class=\"projects\">\n<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>\n",
            l.projects, l.status, l.project, l.sector, l.changes
        );
        for p in &r.projects {
            let mut changes = String::new();
            if let Some(f) = &p.renamed_from {
                let _ = write!(changes, "<div>{}: <del>{}</del></div>", l.renamed_from, esc(f));
            }
            let v = |x: &Option<String>| x.as_deref().map_or("—".to_string(), esc);
            for (field, old, new) in &p.fields {
                let _ = write!(changes, "<div>{}: <del>{}</del> → <ins>{}</ins></div>", l.field(field), v(old), v(new));
            }
            let name = match p.status {
                Status::Added => format!("<ins>{}</ins>", esc(&p.name)),
                Status::Removed => format!("<del>{}</del>", esc(&p.name)),
                _ => esc(&p.name),
            };
            let _ = writeln!(
                out,
                "<tr class=\"{}\"><td>{}</td><td>{name}</td><td>{}</td><td>{changes}</td></tr>",
                status_class(p.status),
                l.status(p.status),
                esc(&p.sector)
            );
        }
        out.push_str("</table>\n");
    }
    if !r.indicators.is_empty() {
        let _ = write!(
            out,
            "<h2>{}</h2>\n<table class=\"indicators\">\n<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th>",
            l.indicators, l.status, l.project, l.indicator, l.unit
        );
        for y in &r.years {
            let _ = write!(out, "<th>{}</th>", esc(y));
        }
        out.push_str("</tr>\n");
        for i in &r.indicators {
            let mut name = esc(&i.name);
            if let Some(f) = &i.renamed_from {
                let _ = write!(name, "<div>{}: <del>{}</del></div>", l.renamed_from, esc(f));
            }
            let _ = write!(
                out,
                "<tr class=\"{}\"><td>{}</td><td>{}</td><td>{name}</td><td>{}</td>",
                status_class(i.status),
                l.status(i.status),
                esc(&i.project),
                esc(&unit_cell(&i.unit))
            );
            for y in &r.years {
                let cell = match year_cell(i.values.get(y), l) {
                    YearCell::Empty => "—".to_string(),
                    YearCell::Same(v) => v,
                    YearCell::Changed { old: Some(a), new: Some(b) } => format!("<del>{a}</del> → <ins>{b}</ins>"),
                    YearCell::Changed { old: None, new } => format!("<ins>{}</ins>", new.unwrap_or_default()),
                    YearCell::Changed { old: Some(a), new: None } => format!("<del>{a}</del>"),
                };
                let _ = write!(out, "<td class=\"num\">{cell}</td>");
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</table>\n");
    }
    if !r.orphaned.is_empty() {
        let _ = writeln!(out, "<h2>{}</h2>\n<section class=\"orphaned\">", l.orphaned);
        for o in &r.orphaned {
            let place = o.block.map(|b| format!(" [{b}]")).unwrap_or_default();
            let _ = writeln!(out, "<div class=\"key\">{}{place} — {}</div>", esc(&o.section), l.reason(o.reason));
            note(&mut out, &o.note, l);
        }
        out.push_str("</section>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}
