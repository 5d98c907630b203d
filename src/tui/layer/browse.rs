//! The browse view at the bottom of the stack: documents, section tree and content. It owns its
//! state ([`Browse`]: focus, selections, folding, scroll, laid-out content); its updates are in
//! [`crate::tui::update`] and its drawing in [`crate::tui::view`]. Compare mode is the
//! transparent layer over it ([`super::compare`]).

use super::{Component, Outcome};
use crate::tui::action::Action;
use crate::tui::content::Mark;
use crate::tui::job::Accepted;
use crate::tui::keymap::Context;
use crate::tui::search::{Mode, Search};
use crate::tui::state::{App, DocRow, DocView, Laid, Pane, TreeRow};
use crate::tui::update;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// The browse view's state, kept at the bottom of the stack ([`super::Stack::browse`]).
#[derive(Debug, Default)]
pub(crate) struct Browse {
    /// The focused pane.
    pub(crate) focus: Pane,
    /// The focused pane fills the screen.
    pub(crate) maximized: bool,
    /// Raw row text instead of tables.
    pub(crate) raw: bool,
    /// Highlighted stretches (search matches) of the selected section's text.
    pub(crate) marks: Vec<Mark>,
    /// Document list rows.
    pub(crate) doc_rows: Vec<DocRow>,
    /// Selected document row (always a [`DocRow::Doc`] when there are documents).
    pub(crate) doc_sel: usize,
    /// First visible document row.
    pub(crate) doc_off: usize,
    /// Per-document view state, parallel to [`App::docs`].
    pub(crate) views: Vec<DocView>,
    /// Visible tree rows of the selected document.
    pub(crate) tree: Vec<TreeRow>,
    /// The content laid out for the content pane.
    pub(crate) content: Laid,
    /// The highlight in the content `n`/`N` last moved to (an index into [`Browse::marks`]).
    pub(crate) mark_cur: usize,
}

/// The browse view as a component: works on [`Browse`] through the [`App`], since its updates
/// need the documents, settings and jobs beside it ([`crate::tui::update`]).
pub(crate) struct BrowseLayer;

impl Component for BrowseLayer {
    fn name(&self) -> &'static str {
        "browse"
    }

    fn context(&self, app: &App) -> Context {
        app.layers.browse.focus.context()
    }

    fn place(&self, app: &App) -> &'static str {
        app.layers.browse.focus.title()
    }

    /// Under a modal layer only the app-wide actions (quit, suspend, redraw, mouse) apply.
    fn action(&mut self, app: &mut App, a: Action) -> Outcome {
        if let Some(e) = update::app_wide(app, a) {
            return Outcome::consumed(e);
        }
        if app.layers.covered() {
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
