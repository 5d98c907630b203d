//! Overlays drawn over the panes: the key help (from the keymap table) and the problem list.

use crate::i18n::{Msg, tr, trf};
use crate::i18n::{Noun, count};
use crate::text::sanitize::sanitize;
use crate::tui::content::{self, Item};
use crate::tui::state::{App, DocRow, Overlay};
use crate::tui::theme::Role;
use crate::tui::wrap::wrap_str;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Widget};

/// Where an overlay goes on a screen.
pub fn overlay_area(screen: Rect) -> Rect {
    let w = screen.width.saturating_sub(4).min(84).max(screen.width.min(20));
    let h = screen.height.saturating_sub(2).max(screen.height.min(3));
    Rect { x: screen.x + (screen.width - w) / 2, y: screen.y + (screen.height - h) / 2, width: w, height: h }
}

/// The overlay's lines for an inner width.
pub fn overlay_lines(app: &App, o: &Overlay, width: usize) -> Vec<Line<'static>> {
    match o {
        Overlay::Problems { .. } => problems(app, width).0,
        Overlay::Card { doc, project, .. } => {
            match app.docs.get(*doc).and_then(|l| Some((l, l.doc.projects.get(*project)?))) {
                Some((l, p)) => crate::tui::content::project_card(&l.doc, p, width, &app.theme, app.ascii),
                None => Vec::new(),
            }
        }
        Overlay::Search | Overlay::Palette => Vec::new(),
    }
}

/// Rows of text an overlay shows at once on a screen.
pub fn overlay_height(screen: Rect) -> usize {
    crate::tui::layout::inner(overlay_area(screen)).height as usize
}

/// Rows a page move covers in an overlay.
pub fn overlay_page(screen: Rect) -> usize {
    (screen.height as usize).saturating_sub(4).max(1)
}

/// A quality warning in the problem list: the line it starts on and the section Enter opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Its first line in the list.
    pub line: usize,
    /// The line after its last.
    pub end: usize,
    /// The document.
    pub doc: usize,
    /// Its section (the overview for a warning outside sections).
    pub item: Item,
}

/// The quality warnings the problem list shows, with their lines (see [`Target`]).
pub fn problem_targets(app: &App, width: usize) -> Vec<Target> {
    problems(app, width).1
}

/// The spelled-out grade of a document.
fn grade(g: &str) -> String {
    match g {
        "A" => tr(Msg::GradeA).into(),
        "B" => tr(Msg::GradeB).into(),
        "C" => tr(Msg::GradeC).into(),
        "D" => tr(Msg::GradeD).into(),
        other => trf(Msg::GradeOther, &[&sanitize(other)]),
    }
}

/// The problem list: files that did not open, settings problems, then each open document's
/// grade spelled out and its quality warnings grouped by section, each with its place and
/// message.
fn problems(app: &App, width: usize) -> (Vec<Line<'static>>, Vec<Target>) {
    let t = &app.theme;
    let mut out = Vec::new();
    let mut targets = Vec::new();
    let push = |text: &str, role: Role, out: &mut Vec<Line<'static>>| {
        let clean = sanitize(text);
        for (i, l) in wrap_str(&clean, width.saturating_sub(2).max(1)).into_iter().enumerate() {
            let lead = if i == 0 { "- " } else { "  " };
            out.push(Line::from(vec![Span::raw(lead), Span::styled(l.to_string(), t.style(role))]));
        }
    };
    if app.load_errors.is_empty() && app.problems.is_empty() {
        out.push(Line::styled(tr(Msg::NoProblems), t.style(Role::Muted)));
    }
    if !app.load_errors.is_empty() {
        out.push(Line::styled(trf(Msg::FilesNotOpenedHeading, &[&app.load_errors.len()]), t.style(Role::Heading)));
        for e in &app.load_errors {
            push(&e.to_string(), Role::Error, &mut out);
        }
    }
    if !app.problems.is_empty() {
        if !out.is_empty() {
            out.push(Line::default());
        }
        out.push(Line::styled(tr(Msg::SettingsProblemsHeading), t.style(Role::Heading)));
        for p in &app.problems {
            push(p, Role::Warning, &mut out);
        }
    }
    let with_warnings = app.docs.iter().any(|l| !l.doc.source.quality.warnings.is_empty());
    if with_warnings {
        out.push(Line::default());
        out.push(Line::styled(tr(Msg::QualityWarnings), t.style(Role::Heading)));
        for l in wrap_str(tr(Msg::EnterOpensSection), width) {
            out.push(Line::styled(l.to_string(), t.style(Role::Muted)));
        }
    }
    // Documents in list order.
    for r in &app.doc_rows {
        let DocRow::Doc(d) = *r else { continue };
        let doc = &app.docs[d].doc;
        let q = &doc.source.quality;
        out.push(Line::default());
        let head =
            trf(Msg::DocQuality, &[&doc.label(), &grade(&q.grade), &q.score, &count(q.warnings.len(), Noun::Warning)]);
        for l in wrap_str(&sanitize(&head), width) {
            out.push(Line::styled(l.to_string(), t.style(Role::TableHeader)));
        }
        // Grouped by section, sections in the order their first warning comes.
        let places = doc.warning_sections();
        let mut groups: Vec<(Option<&crate::model::Section>, Vec<&crate::model::Warning>)> = Vec::new();
        for (w, s) in q.warnings.iter().zip(places) {
            let same = |g: &(Option<&crate::model::Section>, _)| match (g.0, s) {
                (Some(a), Some(b)) => std::ptr::eq(a, b),
                (None, None) => true,
                _ => false,
            };
            match groups.iter_mut().find(|g| same(g)) {
                Some(g) => g.1.push(w),
                None => groups.push((s, vec![w])),
            }
        }
        for (s, ws) in groups {
            let (title, item) = match s {
                Some(s) => (
                    match &s.number {
                        Some(n) => format!("{n} {}", s.title),
                        None => s.title.clone(),
                    },
                    content::path_of(doc, s).map_or(Item::Overview, Item::Section),
                ),
                None => (tr(Msg::OutsideSections).to_string(), Item::Overview),
            };
            for l in wrap_str(&sanitize(&title), width.saturating_sub(2).max(1)) {
                out.push(Line::styled(format!("  {l}"), t.style(Role::Heading)));
            }
            for w in ws {
                let line = out.len();
                let text = sanitize(&content::warning_text(w)).into_owned();
                for (i, l) in wrap_str(&text, width.saturating_sub(6).max(1)).into_iter().enumerate() {
                    let lead = if i == 0 { "    ! " } else { "      " };
                    out.push(Line::from(vec![Span::raw(lead), Span::styled(l.to_string(), t.style(Role::Warning))]));
                }
                targets.push(Target { line, end: out.len(), doc: d, item: item.clone() });
            }
        }
    }
    (out, targets)
}

/// An overlay's frame: double border (or ASCII) in the focus style, with a title.
pub(super) fn frame(app: &App, title: String) -> Block<'static> {
    let t = &app.theme;
    let block = if app.ascii {
        super::border(Block::bordered(), true, true)
    } else {
        Block::bordered().border_type(BorderType::Double)
    };
    block
        .border_style(t.style(Role::BorderFocus))
        .title_top(Line::from(title).style(t.style(Role::TitleFocus)))
        .style(t.style(Role::Overlay))
}

/// Draws an overlay.
pub fn draw(app: &App, o: &Overlay, screen: Rect, buf: &mut Buffer) {
    let title = match o {
        Overlay::Problems { .. } => tr(Msg::ProblemsTitle).to_string(),
        Overlay::Card { doc, project, .. } => {
            let id = app.docs.get(*doc).and_then(|l| l.doc.projects.get(*project)).map(|p| p.id.as_str());
            trf(Msg::CardTitle, &[&sanitize(id.unwrap_or("?"))])
        }
        Overlay::Search | Overlay::Palette => {
            let area = overlay_area(screen);
            if area.width < 3 || area.height < 3 {
                return;
            }
            Clear.render(area, buf);
            return super::search::draw(app, area, buf);
        }
    };
    let width = crate::tui::layout::inner(overlay_area(screen)).width as usize;
    let lines = overlay_lines(app, o, width);
    let scroll = match o {
        Overlay::Problems { scroll, .. } | Overlay::Card { scroll, .. } => *scroll,
        Overlay::Search | Overlay::Palette => 0,
    };
    // The selected warning of the problem list (Enter opens its section).
    let picked: Option<(usize, usize)> = match o {
        Overlay::Problems { sel, .. } => problem_targets(app, width).get(*sel).map(|t| (t.line, t.end)),
        _ => None,
    };
    text_overlay(app, title, &lines, scroll, picked, screen, buf);
}

/// Draws an overlay of scrolled text: `lines` from `scroll` on (kept so the last line stays at
/// the bottom), the lines `picked` (from, to) in the selection style, and the position shown in
/// the bottom border when the text is longer than the overlay.
pub fn text_overlay(
    app: &App,
    title: String,
    lines: &[Line<'static>],
    scroll: usize,
    picked: Option<(usize, usize)>,
    screen: Rect,
    buf: &mut Buffer,
) {
    let area = overlay_area(screen);
    if area.width < 3 || area.height < 3 {
        return;
    }
    let t = &app.theme;
    Clear.render(area, buf);
    let block = frame(app, title);
    let inner = block.inner(area);
    block.render(area, buf);
    let scroll = scroll.min(lines.len().saturating_sub(inner.height as usize));
    for (i, l) in lines.iter().enumerate().skip(scroll).take(inner.height as usize) {
        let y = inner.y + (i - scroll) as u16;
        buf.set_line(inner.x, y, l, inner.width);
        if picked.is_some_and(|(a, b)| (a..b).contains(&i)) {
            buf.set_style(Rect { x: inner.x, y, width: inner.width, height: 1 }, t.style(Role::Selection));
        }
    }
    if lines.len() > inner.height as usize {
        let pos = format!(" {}-{}/{} ", scroll + 1, (scroll + inner.height as usize).min(lines.len()), lines.len());
        let pw = pos.len() as u16;
        if pw + 2 < area.width {
            buf.set_string(area.x + area.width - pw - 1, area.y + area.height - 1, pos, t.style(Role::Muted));
        }
    }
}
