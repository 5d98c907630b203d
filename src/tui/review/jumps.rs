//! The jump list (Ctrl-O back, Ctrl-I forward, as in vim and helix) and bookmarks (`m` and a
//! letter sets one, `'` and the letter goes there).
//!
//! A [`Spot`] is a place in the reading: a document's section and scroll, or a section of the
//! comparison on screen. Jumps (search results, the palette, `g`/`G`, next change, a note opened
//! from the list, a bookmark) record the spot they left; moving line by line records nothing.

use crate::tui::content::Item;
use crate::tui::layer::compare::Entry;

/// The most spots the jump list keeps (the oldest go first).
pub const MAX_JUMPS: usize = 100;

/// A place to come back to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Spot {
    /// A document's section (or overview) and the first line shown.
    Doc {
        /// Index into the open documents.
        doc: usize,
        /// The section.
        item: Item,
        /// The first content line shown.
        scroll: usize,
    },
    /// A section of a comparison.
    Compare {
        /// A's document.
        a: usize,
        /// B's document.
        b: usize,
        /// The tree entry.
        entry: Entry,
        /// The first diff line shown.
        scroll: usize,
    },
}

/// Back and forward through the spots left by jumps, as a browser's history: a new jump after
/// going back drops the spots ahead.
#[derive(Debug, Clone, Default)]
pub struct JumpList {
    spots: Vec<Spot>,
    /// Where in `spots` the reader is; `spots.len()` when at the newest place (not in the list).
    pos: usize,
}

impl JumpList {
    /// Records the spot a jump leaves.
    pub fn record(&mut self, from: Spot) {
        self.spots.truncate(self.pos);
        if self.spots.last() != Some(&from) {
            self.spots.push(from);
        }
        if self.spots.len() > MAX_JUMPS {
            self.spots.remove(0);
        }
        self.pos = self.spots.len();
    }

    /// The spot to go back to from `here`, if any.
    pub fn back(&mut self, here: Spot) -> Option<Spot> {
        if self.pos == self.spots.len() {
            // Coming back later needs the newest place too.
            if self.spots.last() != Some(&here) {
                self.spots.push(here);
            }
            self.pos = self.spots.len() - 1;
        }
        if self.pos == 0 {
            return None;
        }
        self.pos -= 1;
        Some(self.spots[self.pos].clone())
    }

    /// The spot to go forward to, if the reader went back.
    pub fn forward(&mut self) -> Option<Spot> {
        if self.pos + 1 >= self.spots.len() {
            return None;
        }
        self.pos += 1;
        Some(self.spots[self.pos].clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(doc: usize) -> Spot {
        Spot::Doc { doc, item: Item::Overview, scroll: 0 }
    }

    #[test]
    fn back_and_forward_like_a_browser() {
        let mut j = JumpList::default();
        assert_eq!(j.back(at(0)), None);
        j.record(at(1));
        j.record(at(2));
        // Now at 3.
        assert_eq!(j.back(at(3)), Some(at(2)));
        assert_eq!(j.back(at(2)), Some(at(1)));
        assert_eq!(j.back(at(1)), None);
        assert_eq!(j.forward(), Some(at(2)));
        assert_eq!(j.forward(), Some(at(3)));
        assert_eq!(j.forward(), None);
        assert_eq!(j.back(at(3)), Some(at(2)));
        // A new jump from 2 drops 3.
        j.record(at(2));
        assert_eq!(j.forward(), None);
        assert_eq!(j.back(at(4)), Some(at(2)));
    }
}
