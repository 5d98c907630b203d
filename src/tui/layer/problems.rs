//! The problem list (`e`): files that did not open, settings problems, then each open
//! document's grade spelled out and its quality warnings grouped by section; the cursor moves
//! between the warnings and Enter opens a warning's section.

use super::text::Text;
use super::{Component, Opening, Outcome, Request};
use crate::i18n::{Msg, Noun, count, tr, trf};
use crate::text::sanitize::sanitize;
use crate::tui::action::Action;
use crate::tui::content::{self, Item};
use crate::tui::keymap::Context;
use crate::tui::list::{self, Move};
use crate::tui::state::{App, DocRow};
use crate::tui::theme::Role;
use crate::tui::view;
use crate::tui::wrap::wrap_str;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// The problem list: its lines laid out for the overlay's width (rebuilt as documents arrive),
/// the warnings on them, the selected warning and the scroll.
#[derive(Default)]
pub(crate) struct Problems {
    text: Text,
    targets: Vec<Target>,
    /// The documents and files not opened the lines were laid out for.
    key: (usize, usize),
    sel: usize,
}

impl Problems {
    /// The list, laid out when pushed.
    pub(crate) fn new() -> Problems {
        Problems::default()
    }

    /// The selected warning's index among the warnings listed.
    #[cfg(test)]
    pub(crate) fn sel(&self) -> usize {
        self.sel
    }

    /// Moves the cursor between the warnings (scrolling to show the one selected), or scrolls
    /// when there are none or the cursor is at an end.
    fn step(&mut self, m: Move, height: usize) -> bool {
        let (len, scroll) = (self.text.lines.len(), &mut self.text.scroll);
        if !self.targets.is_empty() && list::select(&mut self.sel, m, self.targets.len()) {
            scroll.show(self.targets[self.sel].line, len, height);
            return true;
        }
        scroll.scroll(m, len, height)
    }
}

impl Component for Problems {
    fn name(&self) -> &'static str {
        "problems"
    }

    fn context(&self, _app: &App) -> Context {
        Context::Overlay
    }

    fn place(&self, _app: &App) -> &'static str {
        tr(Msg::ProblemsPlace)
    }

    fn action(&mut self, app: &mut App, a: Action) -> Outcome {
        match a {
            Action::Close => Outcome::close(),
            Action::Open => match self.targets.get(self.sel) {
                Some(t) => Outcome::redraw().request(Request::Open(Opening::section(t.doc, t.item.clone()))),
                None => Outcome::consumed(crate::tui::update::Effect::None),
            },
            a => match Text::movement(app, a) {
                Some(m) => Outcome::moved(self.step(m, view::overlay_height(app.size))),
                None => Outcome::ignored(),
            },
        }
    }

    fn relayout(&mut self, app: &App) {
        let key = (app.docs.len(), app.load_errors.len());
        let mut targets = None;
        let stale = self.key != key;
        if self.text.relayout(app, stale, |width| {
            let (lines, t) = lines(app, width);
            targets = Some(t);
            lines
        }) {
            self.targets = targets.unwrap_or_default();
            self.key = key;
            self.sel = self.sel.min(self.targets.len().saturating_sub(1));
        }
    }

    fn draw(&self, app: &App, screen: Rect, buf: &mut Buffer) {
        let picked = self.targets.get(self.sel).map(|t| (t.line, t.end));
        let title = tr(Msg::ProblemsTitle).to_string();
        self.text.draw(app, title, picked, screen, buf);
    }

    fn as_any(&self) -> Option<&dyn std::any::Any> {
        Some(self)
    }
}

/// A quality warning in the problem list: the line it starts on and the section Enter opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Target {
    /// Its first line in the list.
    pub(crate) line: usize,
    /// The line after its last.
    pub(crate) end: usize,
    /// The document.
    pub(crate) doc: usize,
    /// Its section (the overview for a warning outside sections).
    pub(crate) item: Item,
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
fn lines(app: &App, width: usize) -> (Vec<Line<'static>>, Vec<Target>) {
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
    for r in &app.layers.browse.doc_rows {
        let DocRow::Doc(d) = *r else { continue };
        let doc = &app.docs[d].doc;
        let q = &doc.source.quality;
        out.push(Line::default());
        let head = trf(
            Msg::DocQuality,
            &[&crate::i18n::doc_label(doc), &grade(&q.grade), &q.score, &count(q.warnings.len(), Noun::Warning)],
        );
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
