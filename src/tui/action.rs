//! Everything a key (or a mouse gesture) can ask the reviewer UI to do.
//!
//! Actions are named in snake_case in the keymap file (`page_down = ...`), so adding a variant here
//! (with its [`Action::describe`] text and its entry in [`Action::ALL`]) makes it bindable and
//! listed in the help overlay at once.

use serde::{Deserialize, Serialize};

/// A user-level command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Move the selection (or the text) up one line.
    Up,
    /// Move the selection (or the text) down one line.
    Down,
    /// Up one page.
    PageUp,
    /// Down one page.
    PageDown,
    /// Up half a page.
    HalfPageUp,
    /// Down half a page.
    HalfPageDown,
    /// To the first line.
    Top,
    /// To the last line.
    Bottom,
    /// Collapse a section, or go to the pane on the left.
    Left,
    /// Expand a section, or go to the pane on the right.
    Right,
    /// Open the selected item.
    Open,
    /// Collapse or expand the selected section.
    ToggleFold,
    /// Focus the next pane.
    NextPane,
    /// Focus the previous pane.
    PrevPane,
    /// Maximise the focused pane, or restore the layout.
    Maximize,
    /// Show the raw row text of projects and indicators instead of tables.
    ToggleRaw,
    /// List the files that could not be opened and other problems.
    ShowProblems,
    /// Show or hide the key help.
    Help,
    /// Turn mouse capture on or off.
    ToggleMouse,
    /// Redraw the whole screen.
    Redraw,
    /// Suspend to the shell (resume with `fg`).
    Suspend,
    /// Close the overlay on top.
    Close,
    /// Search the open documents (results as you type).
    OpenSearch,
    /// Jump to a section by title or key.
    OpenPalette,
    /// Search the current document only, or all documents.
    ToggleScope,
    /// Next search match in the content.
    NextMatch,
    /// Previous search match in the content.
    PrevMatch,
    /// Quit strata.
    Quit,
}

impl Action {
    /// Every action, in help order.
    pub const ALL: &'static [Action] = &[
        Action::Up,
        Action::Down,
        Action::PageUp,
        Action::PageDown,
        Action::HalfPageUp,
        Action::HalfPageDown,
        Action::Top,
        Action::Bottom,
        Action::Left,
        Action::Right,
        Action::Open,
        Action::ToggleFold,
        Action::NextPane,
        Action::PrevPane,
        Action::Maximize,
        Action::ToggleRaw,
        Action::ShowProblems,
        Action::Help,
        Action::ToggleMouse,
        Action::Redraw,
        Action::Suspend,
        Action::Close,
        Action::OpenSearch,
        Action::OpenPalette,
        Action::ToggleScope,
        Action::NextMatch,
        Action::PrevMatch,
        Action::Quit,
    ];

    /// The name used in keymap files.
    pub fn name(self) -> String {
        toml::Value::try_from(self).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
    }

    /// Parses a keymap-file name.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|a| a.name() == name)
    }

    /// A short description for the help overlay.
    pub fn describe(self) -> &'static str {
        match self {
            Action::Up => "up one line",
            Action::Down => "down one line",
            Action::PageUp => "up one page",
            Action::PageDown => "down one page",
            Action::HalfPageUp => "up half a page",
            Action::HalfPageDown => "down half a page",
            Action::Top => "to the top",
            Action::Bottom => "to the bottom",
            Action::Left => "collapse / pane to the left",
            Action::Right => "expand / pane to the right",
            Action::Open => "open the selected item",
            Action::ToggleFold => "collapse or expand section",
            Action::NextPane => "next pane",
            Action::PrevPane => "previous pane",
            Action::Maximize => "maximise pane / restore",
            Action::ToggleRaw => "tables / raw row text",
            Action::ShowProblems => "files not opened, problems",
            Action::Help => "this help",
            Action::ToggleMouse => "mouse capture on/off",
            Action::Redraw => "redraw the screen",
            Action::Suspend => "suspend (fg resumes)",
            Action::Close => "close overlay",
            Action::OpenSearch => "search (results as you type)",
            Action::OpenPalette => "jump to a section by title or key",
            Action::ToggleScope => "current document / all documents",
            Action::NextMatch => "next match",
            Action::PrevMatch => "previous match",
            Action::Quit => "quit",
        }
    }

    /// A one-word label for the status line.
    pub fn short(self) -> &'static str {
        match self {
            Action::Up | Action::Down => "move",
            Action::PageUp | Action::PageDown | Action::HalfPageUp | Action::HalfPageDown => "page",
            Action::Top | Action::Bottom => "top/end",
            Action::Left => "left",
            Action::Right => "right",
            Action::Open => "open",
            Action::ToggleFold => "fold",
            Action::NextPane | Action::PrevPane => "pane",
            Action::Maximize => "max",
            Action::ToggleRaw => "raw",
            Action::ShowProblems => "problems",
            Action::Help => "help",
            Action::ToggleMouse => "mouse",
            Action::Redraw => "redraw",
            Action::Suspend => "suspend",
            Action::Close => "close",
            Action::OpenSearch => "search",
            Action::OpenPalette => "jump",
            Action::ToggleScope => "scope",
            Action::NextMatch | Action::PrevMatch => "match",
            Action::Quit => "quit",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Action;

    #[test]
    fn names_round_trip() {
        for &a in Action::ALL {
            assert_eq!(Action::from_name(&a.name()), Some(a), "{a:?}");
        }
        assert_eq!(Action::PageDown.name(), "page_down");
        assert_eq!(Action::from_name("frobnicate"), None);
    }
}
