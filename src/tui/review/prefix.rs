//! A key that waits for the next one (`m` and a bookmark letter, `'` and a letter, `w` and the
//! report format) as a layer: the next key, whatever it is, goes to it; the status line says
//! what it waits for.

use super::Prefix;
use crate::i18n::{Msg, tr};
use crate::tui::action::Action;
use crate::tui::keymap::{Context, Key};
use crate::tui::layer::{Component, Outcome};
use crate::tui::state::App;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// Waiting for the second key of a prefix.
pub(crate) struct Pending(pub(crate) Prefix);

impl Component for Pending {
    fn name(&self) -> &'static str {
        "prefix"
    }

    fn context(&self, _app: &App) -> Context {
        // A text-input context with no bindings: every key comes to `key`.
        Context::Pending
    }

    fn place(&self, _app: &App) -> &'static str {
        tr(match self.0 {
            Prefix::SetBookmark | Prefix::GoBookmark => Msg::BookmarkPlace,
            Prefix::Report => Msg::ReportPlace,
        })
    }

    fn action(&mut self, _app: &mut App, _a: Action) -> Outcome {
        Outcome::ignored()
    }

    fn key(&mut self, app: &mut App, k: Key) -> Outcome {
        let mut out = Outcome::close();
        out.effect = crate::tui::update::merge(out.effect, super::prefixed(app, self.0, k));
        out
    }

    fn draw(&self, _app: &App, _screen: Rect, _buf: &mut Buffer) {}
}
