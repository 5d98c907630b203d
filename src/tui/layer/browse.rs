//! The browse view at the bottom of the stack: documents, section tree and content, and compare
//! mode in their place. Its state is the browse part of [`App`] (focus, selections, laid-out
//! content, compare mode), changed by [`crate::tui::update`].

use super::{Component, Outcome};
use crate::tui::action::Action;
use crate::tui::job::Accepted;
use crate::tui::keymap::{Context, Key};
use crate::tui::state::{App, Overlay, Pane};
use crate::tui::update;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// The browse view (see the module doc).
pub(crate) struct Browse;

impl Component for Browse {
    fn name(&self) -> &'static str {
        "browse"
    }

    fn context(&self, app: &App) -> Context {
        match crate::tui::search::Mode::of(app.overlay.as_ref()) {
            Some(m) => m.context(),
            None if app.overlay.is_some() => Context::Overlay,
            None if app.compare.is_some() && app.focus != Pane::Documents => Context::Compare,
            None => app.focus.context(),
        }
    }

    fn place(&self, app: &App) -> &'static str {
        use crate::i18n::{Msg, tr};
        match &app.overlay {
            Some(Overlay::Problems { .. }) => tr(Msg::ProblemsPlace),
            Some(Overlay::Card { .. }) => tr(Msg::CardPlace),
            Some(Overlay::Search) => tr(Msg::SearchPlace),
            Some(Overlay::Palette) => tr(Msg::JumpPlace),
            None if app.compare.is_some() && app.focus != Pane::Documents => tr(Msg::ComparePlace),
            None => app.focus.title(),
        }
    }

    /// Under another layer only the app-wide actions (quit, suspend, redraw, mouse) apply.
    fn action(&mut self, app: &mut App, a: Action) -> Outcome {
        if let Some(e) = update::app_wide(app, a) {
            return Outcome::consumed(e);
        }
        if !app.layers.is_empty() {
            return Outcome::ignored();
        }
        if a == Action::Help && app.overlay.is_none() {
            return Outcome::redraw().push(super::help::Help::new());
        }
        Outcome::consumed(update::apply(app, a))
    }

    fn key(&mut self, app: &mut App, k: Key) -> Outcome {
        if !app.layers.is_empty() {
            return Outcome::ignored();
        }
        match crate::tui::search::key(app, k) {
            Some(e) => Outcome::consumed(e),
            None => Outcome::ignored(),
        }
    }

    fn paste(&mut self, app: &mut App, text: &str) -> Outcome {
        if !app.layers.is_empty() {
            return Outcome::ignored();
        }
        Outcome::consumed(crate::tui::search::paste(app, text))
    }

    fn job(&mut self, app: &mut App, news: &mut Option<Accepted>) -> Outcome {
        match news.take() {
            Some(n) => Outcome::consumed(update::job_news(app, n)),
            None => Outcome::ignored(),
        }
    }

    fn after_batch(&mut self, app: &mut App) -> Outcome {
        let arrived = app.take_arrivals();
        crate::tui::search::flush(app);
        Outcome::moved(arrived)
    }

    fn draw(&self, app: &App, screen: Rect, buf: &mut Buffer) {
        crate::tui::view::draw_browse(app, screen, buf);
    }
}

/// A click on the browse view (nothing over it).
pub(crate) fn click(app: &mut App, col: u16, row: u16) -> crate::tui::update::Effect {
    update::click_panes(app, col, row)
}
