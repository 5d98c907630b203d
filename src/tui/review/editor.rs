//! The note input: a small multi-line editor. Enter starts a new line (a note is prose, often
//! several paragraphs), Ctrl-S saves, Esc cancels (a second Esc when something was typed, so a
//! stray Esc loses nothing). Pasted text keeps its line breaks; control characters are dropped,
//! tabs become spaces, and the text is bounded by [`MAX_CHARS`].

use crate::text::sanitize::is_unsafe;
use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

use crate::tui::keymap::Key;
use crate::tui::wrap::{width as text_width, wrap};

/// The longest note, in characters (a page of text; more is a document, not a note).
pub const MAX_CHARS: usize = 8000;

/// What the note being written will be attached to, or which note is edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A new note.
    New {
        /// The document (index into the open documents).
        doc: usize,
        /// The section's unique key.
        section: String,
        /// 0-based block, or the whole section.
        block: Option<usize>,
    },
    /// An existing note, by store id.
    Edit(i64),
}

/// What a key did to the editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// The text or cursor changed.
    Changed,
    /// Nothing changed (the key means nothing here, or the text is full).
    Unchanged,
    /// The text is at [`MAX_CHARS`]: part of what was typed or pasted was dropped.
    Full,
}

/// The editor's state: the text as characters and the cursor (a character index).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteEditor {
    /// What the note is for.
    pub target: Target,
    /// A line naming the place (section, paragraph and its first words), shown above the text.
    pub place: String,
    text: Vec<char>,
    cursor: usize,
    /// Esc was pressed once with text typed: the next Esc discards it.
    pub confirm_discard: bool,
    original: Vec<char>,
}

impl NoteEditor {
    /// An editor for `target` starting with `text` (empty for a new note).
    pub fn new(target: Target, place: String, text: &str) -> NoteEditor {
        let text: Vec<char> = clean(text).chars().take(MAX_CHARS).collect();
        NoteEditor { target, place, cursor: text.len(), original: text.clone(), text, confirm_discard: false }
    }

    /// The text typed so far.
    pub fn text(&self) -> String {
        self.text.iter().collect()
    }

    /// True when the text differs from what the editor started with.
    pub fn dirty(&self) -> bool {
        self.text != self.original
    }

    /// The cursor as a character index.
    #[cfg(test)]
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Inserts text at the cursor (typed or pasted), cleaned; stops at [`MAX_CHARS`].
    pub fn insert(&mut self, s: &str) -> Edit {
        let clean = clean(s);
        let mut full = false;
        let mut changed = false;
        for c in clean.chars() {
            if self.text.len() >= MAX_CHARS {
                full = true;
                break;
            }
            self.text.insert(self.cursor, c);
            self.cursor += 1;
            changed = true;
        }
        self.confirm_discard = false;
        match (full, changed) {
            (true, _) => Edit::Full,
            (false, true) => Edit::Changed,
            (false, false) => Edit::Unchanged,
        }
    }

    /// Applies an editing key: characters, Enter (new line), Backspace, Delete, arrows, Home,
    /// End, Ctrl-W (the word before the cursor), Ctrl-U (to the start of the line).
    pub fn key(&mut self, k: Key) -> Edit {
        let plain = (k.mods - KeyModifiers::SHIFT).is_empty();
        let ctrl = k.mods == KeyModifiers::CONTROL;
        let before = (self.cursor, self.text.len());
        match k.code {
            KeyCode::Char(c) if plain => return self.insert(c.encode_utf8(&mut [0; 4])),
            KeyCode::Enter if plain => return self.insert("\n"),
            KeyCode::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                self.text.remove(self.cursor);
            }
            KeyCode::Delete if self.cursor < self.text.len() => {
                self.text.remove(self.cursor);
            }
            KeyCode::Left => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Right => self.cursor = (self.cursor + 1).min(self.text.len()),
            KeyCode::Home => self.cursor = self.line_start(self.cursor),
            KeyCode::End => self.cursor = self.line_end(self.cursor),
            KeyCode::Up => self.vertical(false),
            KeyCode::Down => self.vertical(true),
            KeyCode::Char('w') if ctrl => {
                let mut i = self.cursor;
                while i > 0 && self.text[i - 1].is_whitespace() {
                    i -= 1;
                }
                while i > 0 && !self.text[i - 1].is_whitespace() {
                    i -= 1;
                }
                self.text.drain(i..self.cursor);
                self.cursor = i;
            }
            KeyCode::Char('u') if ctrl => {
                let s = self.line_start(self.cursor);
                self.text.drain(s..self.cursor);
                self.cursor = s;
            }
            _ => return Edit::Unchanged,
        }
        if (self.cursor, self.text.len()) == before {
            return Edit::Unchanged;
        }
        self.confirm_discard = false;
        Edit::Changed
    }

    fn line_start(&self, at: usize) -> usize {
        self.text[..at].iter().rposition(|&c| c == '\n').map_or(0, |i| i + 1)
    }

    fn line_end(&self, at: usize) -> usize {
        self.text[at..].iter().position(|&c| c == '\n').map_or(self.text.len(), |i| at + i)
    }

    /// Up or down one line of text, keeping the column where the line is long enough.
    fn vertical(&mut self, down: bool) {
        let start = self.line_start(self.cursor);
        let col = self.cursor - start;
        let target = if down {
            let end = self.line_end(self.cursor);
            if end == self.text.len() {
                return;
            }
            end + 1
        } else {
            if start == 0 {
                return;
            }
            self.line_start(start - 1)
        };
        self.cursor = (target + col).min(self.line_end(target));
    }

    /// The text wrapped to `width` columns, with the screen row and column of the cursor.
    pub fn layout(&self, width: usize) -> (Vec<String>, (usize, usize)) {
        let width = width.max(2);
        let mut rows = Vec::new();
        let mut at = (0, 0);
        let mut offset = 0;
        let text = self.text();
        for line in text.split('\n') {
            let n = line.chars().count();
            let mut pieces = wrap(line, width - 1);
            if pieces.is_empty() {
                pieces.push(0..0);
            }
            let last = pieces.len() - 1;
            for (i, r) in pieces.into_iter().enumerate() {
                let start = line[..r.start].chars().count();
                let end = if i == last { n } else { start + line[r.clone()].chars().count() };
                if (offset + start..=offset + end).contains(&self.cursor) {
                    let before: String = line[r.clone()].chars().take(self.cursor - offset - start).collect();
                    at = (rows.len(), text_width(&before));
                }
                rows.push(line[r].to_string());
            }
            offset += n + 1;
        }
        (rows, at)
    }

    /// Draws the text into `area`, scrolled so that the cursor shows, the cursor cell in
    /// `cursor_style`.
    pub fn draw(&self, area: Rect, buf: &mut Buffer, text_style: Style, cursor_style: Style) {
        if area.is_empty() {
            return;
        }
        let (rows, (cy, cx)) = self.layout(area.width as usize);
        let h = area.height as usize;
        let top = (cy + 1).saturating_sub(h);
        for (i, r) in rows.iter().enumerate().skip(top).take(h) {
            buf.set_line(area.x, area.y + (i - top) as u16, &Line::styled(r.clone(), text_style), area.width);
        }
        let (x, y) = (area.x + (cx as u16).min(area.width - 1), area.y + (cy - top) as u16);
        if let Some(cell) = buf.cell_mut((x, y)) {
            if cell.symbol().is_empty() || cell.symbol() == " " {
                cell.set_symbol(" ");
            }
            cell.set_style(cursor_style);
        }
    }
}

/// Text made fit for a note: line breaks kept (CR LF and CR become LF), tabs become spaces,
/// every other control or invisible direction character dropped.
pub fn clean(s: &str) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    s.chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => Some(' '),
            c if is_unsafe(c) => None,
            c => Some(c),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ed() -> NoteEditor {
        NoteEditor::new(Target::Edit(1), String::new(), "")
    }

    #[test]
    fn enter_is_a_new_line_and_the_cursor_moves_by_lines() {
        let mut e = ed();
        e.insert("первая строка");
        e.key(Key::parse("enter").unwrap());
        e.insert("вторая");
        assert_eq!(e.text(), "первая строка\nвторая");
        e.key(Key::parse("up").unwrap());
        assert_eq!(e.cursor(), 6);
        e.key(Key::parse("end").unwrap());
        e.key(Key::parse("backspace").unwrap());
        assert_eq!(e.text(), "первая строк\nвторая");
        e.key(Key::parse("down").unwrap());
        assert_eq!(e.cursor(), e.text().chars().count());
        e.key(Key::parse("ctrl-w").unwrap());
        assert_eq!(e.text(), "первая строк\n");
        assert!(e.dirty());
    }

    #[test]
    fn paste_is_cleaned_and_bounded() {
        let mut e = ed();
        assert_eq!(e.insert("a\r\nb\tc\u{1b}[31m\u{202e}d\u{7}"), Edit::Changed);
        assert_eq!(e.text(), "a\nb c[31md");
        let long = "я".repeat(MAX_CHARS);
        assert_eq!(e.insert(&long), Edit::Full);
        assert_eq!(e.text().chars().count(), MAX_CHARS);
        assert_eq!(e.key(Key::char('x')), Edit::Full);
    }

    #[test]
    fn layout_wraps_and_places_the_cursor() {
        let mut e = ed();
        e.insert("один два три\n\nчетыре");
        let (rows, at) = e.layout(9);
        assert_eq!(rows, ["один два", "три", "", "четыре"]);
        assert_eq!(at, (3, 6));
        e.key(Key::parse("up").unwrap());
        e.key(Key::parse("up").unwrap());
        // Up through the empty line: the column is 0 there, so it is 0 above too.
        assert_eq!(e.layout(9).1, (0, 0));
        for _ in 0..6 {
            e.key(Key::parse("right").unwrap());
        }
        assert_eq!(e.layout(9).1, (0, 6));
        e.key(Key::parse("end").unwrap());
        assert_eq!(e.layout(9).1, (1, 3));
    }
}
