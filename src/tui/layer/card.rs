//! A project's card: every field of one project (opened with Enter on a projects-table row),
//! scrolled; Enter or Esc closes it.

use super::text::Text;
use super::{Component, Outcome};
use crate::i18n::{Msg, tr, trf};
use crate::text::sanitize::sanitize;
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::state::App;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// The card of project `project` of document `doc`, laid out for the overlay's width.
pub(crate) struct Card {
    doc: usize,
    project: usize,
    text: Text,
}

impl Card {
    /// The card of a document's project (an index into its projects), laid out when pushed.
    pub(crate) fn new(doc: usize, project: usize) -> Card {
        Card { doc, project, text: Text::default() }
    }

    /// The document and project shown.
    #[cfg(test)]
    pub(crate) fn shows(&self) -> (usize, usize) {
        (self.doc, self.project)
    }
}

impl Component for Card {
    fn name(&self) -> &'static str {
        "card"
    }

    fn context(&self, _app: &App) -> Context {
        Context::Overlay
    }

    fn place(&self, _app: &App) -> &'static str {
        tr(Msg::CardPlace)
    }

    fn action(&mut self, app: &mut App, a: Action) -> Outcome {
        match a {
            Action::Close | Action::Open => Outcome::close(),
            a => self.text.scroll_action(app, a).unwrap_or_else(Outcome::ignored),
        }
    }

    fn relayout(&mut self, app: &App) {
        let (doc, project) = (self.doc, self.project);
        self.text.relayout(app, false, |width| {
            match app.docs.get(doc).and_then(|l| Some((l, l.doc.projects.get(project)?))) {
                Some((l, p)) => crate::tui::content::project_card(&l.doc, p, width, &app.theme, app.ascii),
                None => Vec::new(),
            }
        });
    }

    fn draw(&self, app: &App, screen: Rect, buf: &mut Buffer) {
        let id = app.docs.get(self.doc).and_then(|l| l.doc.projects.get(self.project)).map(|p| p.id.as_str());
        let title = trf(Msg::CardTitle, &[&sanitize(id.unwrap_or("?"))]);
        self.text.draw(app, title, None, screen, buf);
    }

    fn as_any(&self) -> Option<&dyn std::any::Any> {
        Some(self)
    }
}
