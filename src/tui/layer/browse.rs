//! The browse view at the bottom of the stack: documents, section tree and content, and compare
//! mode in their place. Its state is the browse part of [`App`] (focus, selections, laid-out
//! content, compare mode), changed by [`crate::tui::update`].

use super::{Component, Outcome};
use crate::tui::action::Action;
use crate::tui::job::Accepted;
use crate::tui::keymap::Context;
use crate::tui::search::{Mode, Search};
use crate::tui::state::{App, Pane};
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
        if app.compare.is_some() && app.focus != Pane::Documents { Context::Compare } else { app.focus.context() }
    }

    fn place(&self, app: &App) -> &'static str {
        use crate::i18n::{Msg, tr};
        if app.compare.is_some() && app.focus != Pane::Documents { tr(Msg::ComparePlace) } else { app.focus.title() }
    }

    /// Under another layer only the app-wide actions (quit, suspend, redraw, mouse) apply.
    fn action(&mut self, app: &mut App, a: Action) -> Outcome {
        if let Some(e) = update::app_wide(app, a) {
            return Outcome::consumed(e);
        }
        if !app.layers.is_empty() {
            return Outcome::ignored();
        }
        match a {
            Action::Help => Outcome::redraw().push(super::help::Help::new()),
            Action::ShowProblems => Outcome::redraw().push(super::problems::Problems::new()),
            Action::OpenSearch => Outcome::redraw().push(Search::open(app, Mode::Search)),
            Action::OpenPalette => Outcome::redraw().push(Search::open(app, Mode::Palette)),
            a => Outcome::consumed(update::apply(app, a)),
        }
    }

    fn click(&mut self, app: &mut App, col: u16, row: u16) -> Outcome {
        Outcome::consumed(update::click_panes(app, col, row))
    }

    fn job(&mut self, app: &mut App, news: &mut Option<Accepted>) -> Outcome {
        match news.take() {
            Some(n) => Outcome::consumed(update::job_news(app, n)),
            None => Outcome::ignored(),
        }
    }

    fn draw(&self, app: &App, screen: Rect, buf: &mut Buffer) {
        crate::tui::view::draw_browse(app, screen, buf);
    }
}
