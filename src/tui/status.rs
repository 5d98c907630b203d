//! The status line's message, with one owner: every part of the UI says something through
//! [`Status::say`] (or takes it back with [`Status::clear`]), and how long a message lasts is
//! decided here once, for every layer:
//! - a key or action that changes something ends the message shown before it, unless it says
//!   something itself ([`Status::begin`] / [`Status::end`]);
//! - a key that changes nothing (a movement at the end of a list, an unbound key) leaves the
//!   message where it was, so a result is not lost to a stray key;
//! - job reports and timers say what they finished and leave the rest alone.
//!
//! The field is private: nothing else writes the message. Loading progress, the review progress
//! of a comparison and the key hints are not messages: the status line derives them from the
//! state when it is drawn ([`super::view::status`]).

/// The message on the status line.
#[derive(Debug, Default)]
pub(crate) struct Status {
    text: Option<String>,
}

/// The message shown before a key, given back by [`Status::begin`] to [`Status::end`].
#[derive(Debug)]
#[must_use]
pub(crate) struct Before(Option<String>);

impl Status {
    /// Shows `m` (replacing what was shown).
    pub(crate) fn say(&mut self, m: impl Into<String>) {
        self.text = Some(m.into());
    }

    /// Shows `m`, or nothing.
    pub(crate) fn set(&mut self, m: Option<String>) {
        self.text = m;
    }

    /// Shows nothing.
    pub(crate) fn clear(&mut self) {
        self.text = None;
    }

    /// Takes the message away, to say it again as part of a longer one.
    pub(crate) fn take(&mut self) -> Option<String> {
        self.text.take()
    }

    /// What is shown.
    pub(crate) fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }

    /// True when nothing is shown.
    pub(crate) fn is_empty(&self) -> bool {
        self.text.is_none()
    }

    /// A key or action starts: the message goes, kept aside for [`Status::end`].
    pub(crate) fn begin(&mut self) -> Before {
        Before(self.text.take())
    }

    /// The key or action is done; `changed`: it changed something. When it changed nothing and
    /// said nothing, the message from before it is shown again.
    pub(crate) fn end(&mut self, before: Before, changed: bool) {
        if !changed && self.text.is_none() {
            self.text = before.0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_lasts_until_a_key_changes_something_or_something_else_is_said() {
        let mut s = Status::default();
        s.say("Note saved");
        // A key that changes nothing leaves it.
        let b = s.begin();
        assert!(s.is_empty(), "nothing is shown while the key runs");
        s.end(b, false);
        assert_eq!(s.text(), Some("Note saved"));
        // A key that changes something ends it.
        let b = s.begin();
        s.end(b, true);
        assert_eq!(s.text(), None);
        // A key that says something shows that, whether or not it changed anything else.
        s.say("old");
        for changed in [false, true] {
            let b = s.begin();
            s.say("new");
            s.end(b, changed);
            assert_eq!(s.text(), Some("new"));
            s.say("old");
        }
        // Clearing is saying nothing: a key that clears and changes nothing else leaves the
        // message from before it.
        let b = s.begin();
        s.clear();
        s.end(b, false);
        assert_eq!(s.text(), Some("old"));
    }
}
