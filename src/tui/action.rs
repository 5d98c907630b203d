//! Everything a key (or a mouse gesture) can ask the reviewer UI to do.
//!
//! Actions are named in snake_case in the keymap file (`page_down = ...`), so adding a variant here
//! (one entry in the `actions!` list, with its [`Action::describe`] text in the catalogue) makes
//! it bindable and listed in the help overlay at once.

use serde::{Deserialize, Serialize};

/// Declares [`Action`] and [`Action::ALL`] from one list, in help order, so a new action is
/// one entry here (and its texts in the catalogue, its default keys in `keys.default.toml`).
macro_rules! actions {
    ($($(#[$doc:meta])* $name:ident,)*) => {
        /// A user-level command.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Action {
            $($(#[$doc])* $name,)*
        }

        impl Action {
            /// Every action, in help order.
            pub const ALL: &'static [Action] = &[$(Action::$name,)*];
        }
    };
}

actions! {
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
    /// Mark the selected document as A (the old side of a comparison).
    MarkA,
    /// Mark the selected document as B (the new side of a comparison).
    MarkB,
    /// Compare the marked documents A and B, or leave compare mode.
    ToggleCompare,
    /// Compare mode: jump to the next change.
    NextChange,
    /// Compare mode: jump to the previous change.
    PrevChange,
    /// Compare mode: hide or show unchanged sections.
    HideSame,
    /// Compare mode: side by side or unified diff.
    ToggleLayout,
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
    /// Clear the text typed into a search or the palette.
    ClearInput,
    /// Quit strata.
    Quit,
    // The review: notes, reviewed marks, report, copy, jumps and bookmarks.
    /// Write a note on the section, or on the paragraph at the cursor (or the top of the text).
    AddNote,
    /// The paragraph cursor to the next paragraph (diff row).
    NextBlock,
    /// The paragraph cursor to the previous paragraph (diff row).
    PrevBlock,
    /// The notes of this document: jump to one, edit, delete, copy.
    NotesList,
    /// Save the note being written.
    SaveNote,
    /// Notes list: edit the selected note.
    EditNote,
    /// Notes list: delete the selected note (press twice).
    DeleteNote,
    /// Compare mode: mark the selected changed section reviewed, or clear the mark.
    MarkReviewed,
    /// Compare mode: only the changed sections not yet reviewed.
    OnlyUnreviewed,
    /// Compare mode: write the comparison as a report (then m, h or d for the format).
    WriteReport,
    /// Copy the paragraph (or diff row, or note) to the clipboard over OSC 52.
    Copy,
    /// Copy the whole section (or its whole diff) to the clipboard.
    CopySection,
    /// Back to where the last jump came from.
    JumpBack,
    /// Forward again after going back.
    JumpForward,
    /// Set a bookmark here (then a letter).
    SetBookmark,
    /// Go to a bookmark (then its letter).
    GoBookmark,
    /// Open the adoption matrix: projects of every open region side by side.
    OpenMatrix,
    /// Open indicator targets of every open region side by side.
    OpenIndicators,
    /// Compare the selected section across every open region.
    CompareRegions,
    /// Across views: show the next sector only (after the last, all sectors).
    NextSector,
    /// Across views: order rows by how many regions have them, or back to sector order.
    ToggleSort,
    /// Region columns side by side, or what each region adds beyond the shared text.
    ToggleAdditions,
    /// Dim the text most regions share (the template) and emphasise each region's own.
    ToggleBoilerplate,
    /// Compare mode: ignore punctuation, or compare it.
    TogglePunct,
    /// Compare mode: OCR-tolerant comparison on or off.
    ToggleOcr,
    /// Open the next search result, across sections and documents (vim's `:cnext`).
    NextResult,
    /// Open the previous search result.
    PrevResult,
}

impl Action {
    /// The name used in keymap files.
    pub fn name(self) -> String {
        toml::Value::try_from(self).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
    }

    /// Parses a keymap-file name.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|a| a.name() == name)
    }

    /// A short description for the help overlay, in the interface language.
    pub fn describe(self) -> &'static str {
        self.texts().0
    }

    /// A one-word label for the status line, in the interface language.
    pub fn short(self) -> &'static str {
        self.texts().1
    }

    fn texts(self) -> (&'static str, &'static str) {
        crate::i18n::catalog::action_text(&self.name(), crate::i18n::lang()).unwrap_or(("?", "?"))
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

    #[test]
    fn every_action_is_described_in_both_languages() {
        for &a in Action::ALL {
            for l in crate::i18n::Lang::ALL {
                let t = crate::i18n::catalog::action_text(&a.name(), l);
                assert!(t.is_some_and(|(d, s)| !d.is_empty() && !s.is_empty()), "{a:?} in {l:?}");
            }
        }
    }
}
