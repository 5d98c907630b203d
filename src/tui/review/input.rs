//! The note input as a layer: the [`NoteEditor`] in a framed window over the screen. Modal: every
//! key is its own (letters type; `q` is a letter here), Ctrl-S saves, Esc cancels (twice when
//! something was typed).

use super::editor::{Edit, NoteEditor, Target};
use crate::i18n::{Msg, tr, trf};
use crate::tui::action::Action;
use crate::tui::keymap::{Context, Key};
use crate::tui::layer::{Component, Outcome};
use crate::tui::state::App;
use crate::tui::theme::Role;
use crate::tui::update::Effect;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

/// The note input on the layer stack.
pub(crate) struct NoteInput {
    ed: NoteEditor,
}

impl NoteInput {
    /// An input over `ed`.
    pub(crate) fn new(ed: NoteEditor) -> NoteInput {
        NoteInput { ed }
    }

    fn edited(&self, app: &mut App, e: Edit) -> Outcome {
        match e {
            Edit::Changed => Outcome::redraw(),
            // Still the input's: a key that does nothing here must not reach the panes below.
            Edit::Unchanged => Outcome::consumed(Effect::None),
            Edit::Full => {
                app.status.say(trf(Msg::NoteTooLong, &[&super::editor::MAX_CHARS]));
                Outcome::redraw()
            }
        }
    }
}

impl Component for NoteInput {
    fn name(&self) -> &'static str {
        "note"
    }

    fn context(&self, _app: &App) -> Context {
        Context::Note
    }

    fn place(&self, _app: &App) -> &'static str {
        tr(Msg::NotePlace)
    }

    fn action(&mut self, app: &mut App, a: Action) -> Outcome {
        match a {
            Action::SaveNote => {
                if super::save(app, &self.ed) {
                    Outcome::close()
                } else {
                    Outcome::redraw()
                }
            }
            Action::Close if self.ed.dirty() && !self.ed.confirm_discard => {
                self.ed.confirm_discard = true;
                app.status.say(tr(Msg::EscAgainDiscards));
                Outcome::redraw()
            }
            Action::Close => {
                app.status.say(tr(Msg::NoteDiscarded));
                Outcome::close()
            }
            // Everything else is editing (Enter, arrows, Ctrl-U...), in `key`.
            _ => Outcome::ignored(),
        }
    }

    fn key(&mut self, app: &mut App, k: Key) -> Outcome {
        let e = self.ed.key(k);
        self.edited(app, e)
    }

    fn paste(&mut self, app: &mut App, text: &str) -> Outcome {
        let e = self.ed.insert(text);
        self.edited(app, e)
    }

    fn click(&mut self, _app: &mut App, _col: u16, _row: u16) -> Outcome {
        // A stray click must not close the input and lose the text.
        Outcome::consumed(Effect::None)
    }

    fn draw(&self, app: &App, screen: Rect, buf: &mut Buffer) {
        let w = screen.width.saturating_sub(4).clamp(screen.width.min(20), 90);
        let h = screen.height.saturating_sub(4).clamp(screen.height.min(5), 14);
        let area =
            Rect { x: screen.x + (screen.width - w) / 2, y: screen.y + (screen.height - h) / 2, width: w, height: h };
        if area.width < 6 || area.height < 4 {
            return;
        }
        let edit = matches!(self.ed.target, Target::Edit(_));
        let title = format!(" {} ", tr(if edit { Msg::EditNoteTitle } else { Msg::NewNoteTitle }));
        let inner = super::framed(app, title, format!(" {} ", tr(Msg::NoteInputKeys)), area, buf);
        let t = &app.theme;
        buf.set_line(inner.x, inner.y, &Line::styled(self.ed.place.clone(), t.style(Role::Muted)), inner.width);
        let body = Rect { y: inner.y + 1, height: inner.height.saturating_sub(1), ..inner };
        self.ed.draw(body, buf, t.style(Role::Text), t.style(Role::Selection));
    }
}
