//! Scrolled lines in an overlay, laid out for its width: what the help, the project card and the
//! problem list share.

use super::Outcome;
use crate::tui::action::Action;
use crate::tui::layout;
use crate::tui::list::{Move, Scroll};
use crate::tui::state::App;
use crate::tui::view;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

/// An overlay's lines, the width they were laid out for, and how far they are scrolled.
#[derive(Default)]
pub(crate) struct Text {
    /// The lines.
    pub(crate) lines: Vec<Line<'static>>,
    width: Option<usize>,
    /// The first line shown.
    pub(crate) scroll: Scroll,
}

impl Text {
    /// Lays the lines out again with `build` (given the overlay's inner width) when that width
    /// changed or `stale` says their content did; keeps the scroll in range. True when rebuilt.
    pub(crate) fn relayout(&mut self, app: &App, stale: bool, build: impl FnOnce(usize) -> Vec<Line<'static>>) -> bool {
        let width = layout::inner(view::overlay_area(app.size)).width as usize;
        let rebuild = stale || self.width != Some(width);
        if rebuild {
            self.lines = build(width);
            self.width = Some(width);
        }
        self.scroll.clamp(self.lines.len(), view::overlay_height(app.size));
        rebuild
    }

    /// The movement of a moving action (counts and pages for the overlay's height), `None` for
    /// other actions.
    pub(crate) fn movement(app: &App, a: Action) -> Option<Move> {
        Move::of(a, view::overlay_page(app.size), app.count.unwrap_or(1))
    }

    /// A moving action scrolls the text; `None` for other actions.
    pub(crate) fn scroll_action(&mut self, app: &App, a: Action) -> Option<Outcome> {
        let m = Text::movement(app, a)?;
        Some(Outcome::moved(self.scroll.scroll(m, self.lines.len(), view::overlay_height(app.size))))
    }

    /// Draws the overlay with a title, the lines `picked` (from, to) selected.
    pub(crate) fn draw(
        &self,
        app: &App,
        title: String,
        picked: Option<(usize, usize)>,
        screen: Rect,
        buf: &mut Buffer,
    ) {
        view::text_overlay(app, title, &self.lines, self.scroll.top(), picked, screen, buf);
    }
}
