//! The key help (`?`): every context's bindings, generated from the keymap table, scrolled.

use super::text::Text;
use super::{Component, Outcome};
use crate::i18n::{Msg, tr, trf};
use crate::text::sanitize::sanitize;
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::state::App;
use crate::tui::theme::Role;
use crate::tui::wrap::{width as text_width, wrap_str};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// The help overlay: its text, laid out for the overlay's width, scrolled.
#[derive(Default)]
pub(crate) struct Help {
    text: Text,
}

impl Help {
    /// The help for the current keymap (laid out when pushed).
    pub(crate) fn new() -> Help {
        Help::default()
    }
}

impl Component for Help {
    fn name(&self) -> &'static str {
        "help"
    }

    fn context(&self, _app: &App) -> Context {
        Context::Overlay
    }

    fn place(&self, _app: &App) -> &'static str {
        tr(Msg::HelpPlace)
    }

    fn action(&mut self, app: &mut App, a: Action) -> Outcome {
        match a {
            Action::Help | Action::Close | Action::Open => Outcome::close(),
            a => self.text.scroll_action(app, a).unwrap_or_else(Outcome::ignored),
        }
    }

    fn relayout(&mut self, app: &App) {
        self.text.relayout(app, false, |width| lines(app, width));
    }

    fn draw(&self, app: &App, screen: Rect, buf: &mut Buffer) {
        self.text.draw(app, tr(Msg::KeysTitle).to_string(), None, screen, buf);
    }
}

/// The help's lines for an inner width: each context's bindings under its title, then where the
/// user's keys file is.
fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let mut out = Vec::new();
    let key_w = 18.min(width / 2);
    for &c in Context::ALL {
        let mut rows: Vec<(String, Action)> = Vec::new();
        for &a in Action::ALL {
            let keys = app.keymap.keys_for(c, a);
            if !keys.is_empty() {
                rows.push((keys, a));
            }
        }
        if rows.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(Line::default());
        }
        out.push(Line::styled(c.title(), t.style(Role::Heading)));
        for (keys, a) in rows {
            let desc_w = width.saturating_sub(key_w + 1).max(1);
            for (i, d) in wrap_str(a.describe(), desc_w).into_iter().enumerate() {
                let k = if i == 0 { keys.clone() } else { String::new() };
                let pad = key_w.saturating_sub(text_width(&k));
                out.push(Line::from(vec![
                    Span::styled(k, t.style(Role::StatusKey)),
                    Span::raw(" ".repeat(pad + 1)),
                    Span::styled(d.to_string(), t.style(Role::Text)),
                ]));
            }
        }
    }
    out.push(Line::default());
    let file = match &app.config_dir {
        Some(d) => d.join("keys.toml").display().to_string(),
        None => tr(Msg::KeysFileNowhere).into(),
    };
    let note = trf(Msg::KeysFileNote, &[&sanitize(&file)]);
    for l in wrap_str(&note, width) {
        out.push(Line::styled(l.to_string(), t.style(Role::Muted)));
    }
    out
}
