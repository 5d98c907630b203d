//! strata: review and compare Russian regional digital-transformation strategies.
//!
//! The library holds everything that is not the terminal:
//! - [`model`]: the normalized document (schema 1) and its canonical keys;
//! - [`normalize`]: raw strategy text (PDF lines or flattened OCR) to a [`model::Document`];
//! - [`compare`]: alignment of sections, paragraphs, projects and indicators, and diffs;
//! - [`search`]: Cyrillic-aware search over open documents;
//! - [`output`]: plain-text and JSON rendering for the command line;
//! - [`load`]: reading documents from files, folders and the bundled samples;
//! - [`i18n`]: the message catalogue (Russian and English), locale, number/date/plural formats;
//! - [`tui`]: the reviewer's terminal interface, a thin layer over the above.

// The crate under its own name, so that the TUI's in-crate tests share `tests/common` with the
// integration tests.
extern crate self as strata;

pub mod compare;
pub mod corpus;
pub mod fsutil;
pub mod i18n;
pub mod load;
pub mod model;
pub mod normalize;
pub mod output;
pub mod search;
pub mod text;
pub mod tui;

/// The sample documents compiled into the binary.
pub mod samples {
    include!(concat!(env!("OUT_DIR"), "/samples.rs"));
}
