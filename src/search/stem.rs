//! Russian morphology for search: the Snowball stemmer (`rust-stemmers`) on folded words.
//!
//! A plain query word is reduced to its stem once per query; a document word then matches when it
//! starts with that stem, and it is the *same* word form family when its own stem is the query's.

use crate::text::fold::is_word_char;
use rust_stemmers::{Algorithm, Stemmer};
use std::sync::LazyLock;

static RUSSIAN: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::Russian));

/// Stems shorter than this many characters are not used: the word itself is searched instead.
pub(crate) const MIN_STEM: usize = 3;

/// The stem of a folded word (lower case, ё→е): a prefix of it. Words with anything but letters,
/// and words whose stem would be shorter than three letters, are returned whole.
pub fn stem(folded: &str) -> String {
    if folded.is_empty() || !folded.chars().all(|c| is_word_char(c) && !c.is_ascii_digit()) {
        return folded.to_string();
    }
    let s = RUSSIAN.stem(folded);
    if s.chars().count() < MIN_STEM || !folded.starts_with(s.as_ref()) {
        return folded.to_string();
    }
    s.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_are_prefixes_and_join_word_forms() {
        assert_eq!(stem("беспилотный"), stem("беспилотных"));
        assert!("телемедицинских".starts_with(&stem("телемедицина")));
        assert!("телемедицины".starts_with(&stem("телемедицина")));
        assert_eq!(stem("егисз"), "егисз");
        assert_eq!(stem("2024"), "2024");
        assert_eq!(stem("ии"), "ии");
        assert_eq!(stem("a-b"), "a-b");
    }
}
