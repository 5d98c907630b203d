//! The three panes: documents, section tree, content.

use super::{frame, row};
use crate::i18n::{Msg, Noun, count, number, tr, trf};
use crate::text::sanitize::sanitize;
use crate::tui::content::{Item, note_symbol, section_at};
use crate::tui::state::{App, DocRow, Fold, Pane};
use crate::tui::theme::Role;
use crate::tui::wrap::width as text_width;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

/// The selection style for a pane: strong when focused, quieter otherwise. A `>` marker is drawn
/// as well, so the selection shows without colour.
fn selection(app: &App, pane: Pane) -> ratatui::style::Style {
    app.theme.style(if app.layers.browse.focus == pane { Role::Selection } else { Role::SelectionInactive })
}

fn marker(selected: bool) -> Span<'static> {
    Span::raw(if selected { ">" } else { " " })
}

/// The document list, grouped by region.
pub fn documents(app: &App, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let n = app.docs.len();
    let title = format!("{} ({})", tr(Msg::Documents), number(n as f64));
    let inner = frame(app, Pane::Documents, Line::from(title), None, area, buf);
    let t = &app.theme;
    let mut y = inner.y;
    for (i, r) in app.layers.browse.doc_rows.iter().enumerate().skip(app.layers.browse.doc_off) {
        if y >= inner.y + inner.height {
            break;
        }
        let sel = i == app.layers.browse.doc_sel;
        let line = match r {
            DocRow::Region(name, count) => {
                let mut spans = vec![Span::styled(sanitize(name).into_owned(), t.style(Role::Region))];
                if *count > 1 {
                    spans.push(Span::styled(format!(" ({count})"), t.style(Role::Muted)));
                }
                Line::from(spans)
            }
            DocRow::Doc(d) => {
                let doc = &app.docs[*d].doc;
                let q = &doc.source.quality;
                let grade_role = if matches!(q.grade.as_str(), "A" | "B") { Role::GradeGood } else { Role::GradeBad };
                let mut spans = vec![marker(sel)];
                // Once documents are marked for compare mode, a column shows the A and B marks.
                if let Some(letter) = app.layers.compare.marks() {
                    spans.push(match letter(*d) {
                        Some(l) => Span::styled(l.to_string(), t.style(Role::Heading).add_modifier(Modifier::BOLD)),
                        None => Span::raw(" "),
                    });
                }
                // The grade spelled out, so that its letter never reads as an A/B mark.
                let grade = trf(Msg::Grade, &[&sanitize(&q.grade)]);
                spans.extend([
                    Span::raw(" "),
                    Span::styled(crate::i18n::version_label(&doc.meta.version), t.style(Role::Text)),
                    Span::raw(" "),
                    Span::styled(grade, t.style(grade_role)),
                ]);
                if doc.meta.version.illustrative {
                    spans.push(Span::styled(format!(" {}", tr(Msg::IllustrativeShort)), t.style(Role::Muted)));
                }
                Line::from(spans)
            }
        };
        row(buf, inner, y, &line, sel.then(|| selection(app, Pane::Documents)));
        y += 1;
    }
    if app.docs.is_empty() && inner.height > 0 {
        row(
            buf,
            inner,
            inner.y,
            &Line::styled(
                tr(if app.load.progress.is_some() { Msg::LoadingDocuments } else { Msg::NoDocuments }),
                t.style(Role::Muted),
            ),
            None,
        );
    }
    let problems = app.load_errors.len() + app.problems.len();
    if problems > 0 && inner.height > 2 {
        let bottom = inner.y + inner.height - 1;
        if y <= bottom {
            let line = if app.load_errors.is_empty() {
                Line::styled(trf(Msg::ProblemsShort, &[&count(problems, Noun::Problem)]), t.style(Role::Warning))
            } else {
                let n = count(app.load_errors.len(), Noun::File);
                Line::styled(trf(Msg::NotOpenedShort, &[&n]), t.style(Role::Error))
            };
            row(buf, inner, bottom, &line, None);
        }
    }
}

/// The section tree of the selected document.
pub fn sections(app: &App, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let t = &app.theme;
    let (title, right) = match app.doc() {
        Some(d) => {
            let doc = &app.docs[d].doc;
            (format!("{} {}", sanitize(&doc.meta.region.name), crate::i18n::version_label(&doc.meta.version)), None)
        }
        None => (tr(Msg::Sections).to_string(), None),
    };
    let inner = frame(app, Pane::Sections, Line::from(title), right, area, buf);
    let Some(d) = app.doc() else { return };
    let doc = &app.docs[d].doc;
    let v = &app.layers.browse.views[d];
    for (i, r) in app.layers.browse.tree.iter().enumerate().skip(v.off).take(inner.height as usize) {
        let y = inner.y + (i - v.off) as u16;
        let sel = i == v.sel;
        let fold = match r.fold {
            Fold::Leaf => "  ",
            Fold::Open => "- ",
            Fold::Closed => "+ ",
        };
        let mut spans = vec![marker(sel), Span::raw("  ".repeat(r.depth)), Span::styled(fold, t.style(Role::Muted))];
        let key = match &r.item {
            Item::Overview => {
                spans.push(Span::styled(tr(Msg::AboutThisDocument), t.style(Role::Text)));
                None
            }
            Item::Section(p) => match section_at(doc, p) {
                Some(s) => {
                    if let Some(n) = &s.number {
                        spans.push(Span::styled(format!("{} ", sanitize(n)), t.style(Role::Muted)));
                    }
                    spans.push(Span::styled(sanitize(&s.title).into_owned(), t.style(Role::Text)));
                    Some(s.key.as_str())
                }
                None => None,
            },
        };
        // The canonical key goes at the right when there is room for it, after the note mark of
        // a section with reviewers' notes (the mark alone when the key does not fit).
        if let Some(k) = key {
            let notes = match &r.item {
                Item::Section(p) => app.review.count_at(p),
                Item::Overview => 0,
            };
            let mark = match notes {
                0 => String::new(),
                1 => format!("{} ", note_symbol(app.ascii)),
                n => format!("{}{n} ", note_symbol(app.ascii)),
            };
            let used: usize = spans.iter().map(|s| text_width(&s.content)).sum();
            let key_text = format!("{mark}{}", sanitize(k));
            let w = inner.width as usize;
            if used + 2 + text_width(&key_text) <= w {
                spans.push(Span::raw(" ".repeat(w - used - text_width(&key_text))));
                spans.push(Span::styled(key_text, t.style(Role::Key)));
            } else if !mark.is_empty() && w > 8 {
                // Over the end of a long title.
                spans = super::with_right(
                    spans,
                    Span::styled(mark.trim_end().to_string(), t.style(Role::Key)),
                    w,
                    app.ascii,
                );
            }
        }
        row(buf, inner, y, &Line::from(spans), sel.then(|| selection(app, Pane::Sections)));
    }
}

/// The selected section's laid-out text.
pub fn content(app: &App, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let Some(d) = app.doc() else {
        frame(app, Pane::Content, Line::from(tr(Msg::Content)), None, area, buf);
        return;
    };
    let v = &app.layers.browse.views[d];
    let lines = &app.layers.browse.content.lines;
    let title = match app.item() {
        Some(Item::Section(p)) => section_at(&app.docs[d].doc, p)
            .map(|s| match &s.number {
                Some(n) => format!("{} {}", sanitize(n), sanitize(&s.title)),
                None => sanitize(&s.title).into_owned(),
            })
            .unwrap_or_default(),
        _ => tr(Msg::About).into(),
    };
    let h = area.height.saturating_sub(2) as usize;
    let pos = if lines.len() > h && h > 0 {
        Some(format!("{}-{}/{}", v.scroll + 1, (v.scroll + h).min(lines.len()), lines.len()))
    } else {
        None
    };
    let inner = frame(app, Pane::Content, Line::from(title), pos, area, buf);
    // The selected row of a projects table (Enter opens its card).
    let picked = app.layers.browse.content.rows.get(v.row).copied();
    // The paragraph cursor's block (notes and copies take it).
    let cursor = crate::tui::review::cursor_lines(app, &app.layers.browse.content.blocks, lines).unwrap_or(0..0);
    for (i, l) in lines.iter().enumerate().skip(v.scroll).take(inner.height as usize) {
        let over = (Some(i) == picked || cursor.contains(&i)).then(|| selection(app, Pane::Content));
        row(buf, inner, inner.y + (i - v.scroll) as u16, l, over);
    }
}
