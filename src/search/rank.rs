//! Ranking: the match class first (phrase > exact word form > same stem > word prefix > substring >
//! fuzzy > OCR),
//! then the field (titles and names > section keys > body text), then a tie-break inside the class.

use super::index::Field;
use super::matcher::Class;

/// Weight of a field: titles above keys above body text.
pub fn field_weight(field: Field, on_key: bool) -> i64 {
    match field {
        Field::SectionTitle if on_key => 2,
        Field::SectionTitle | Field::ProjectName(_) => 4,
        Field::IndicatorName(_) => 3,
        Field::Glossary(_) | Field::Block(_) => 1,
        Field::ProjectRow(_) => 0,
    }
}

/// The score of a match: class, then field, then `tie` (0..100_000, higher is better).
pub fn score(class: Class, field: Field, on_key: bool, tie: i64) -> i64 {
    class as i64 * 1_000_000 + field_weight(field, on_key) * 100_000 + tie.clamp(0, 99_999)
}

/// Tie-break inside a class and field: a better fuzzy score, an earlier first match and a shorter
/// field rank higher.
pub fn tie_break(fuzzy: i32, first_byte: usize, len_bytes: usize) -> i64 {
    let fuzzy = (fuzzy as i64 * 20).clamp(0, 49_999);
    let early = 25_000 - (first_byte as i64 / 4).min(25_000);
    let short = 24_999 - (len_bytes as i64 / 8).min(24_999);
    fuzzy + early + short
}

/// The highest [`tie_break`] an item of `len_bytes` can get, wherever its first match lies (and
/// with the best fuzzy score when `fuzzy`): an upper bound before it is matched.
pub fn tie_bound(fuzzy: bool, len_bytes: usize) -> i64 {
    tie_break(if fuzzy { i32::MAX / 20 } else { 0 }, 0, len_bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_dominates_field_and_field_dominates_ties() {
        let title = score(Class::Prefix, Field::SectionTitle, false, 0);
        let body = score(Class::Prefix, Field::Block(0), false, 99_999);
        assert!(title > body);
        assert!(
            score(Class::Phrase, Field::Block(0), false, 0) > score(Class::Word, Field::SectionTitle, false, 99_999)
        );
        assert!(tie_break(0, 0, 10) > tie_break(0, 400, 10));
        assert!(tie_break(0, 0, 10) > tie_break(0, 0, 4000));
        assert!(tie_bound(false, 10) >= tie_break(0, 7, 10) && tie_bound(true, 10) >= tie_break(900, 0, 10));
    }
}
