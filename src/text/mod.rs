//! Text utilities shared by every layer: folding for comparison, transliteration, sanitising.

pub mod fold;
pub mod sanitize;
pub mod scan;
pub mod translit;
