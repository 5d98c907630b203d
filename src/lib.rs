//! strata: review and compare Russian regional digital-transformation strategies.
//!
//! The library holds everything that is not the terminal:
//! - [`model`]: the normalized document (schema 1) and its canonical keys;
//! - [`normalize`]: raw strategy text (PDF lines or flattened OCR) to a [`model::Document`];
//! - [`compare`]: alignment of sections, paragraphs, projects and indicators, and diffs;
//! - [`search`]: Cyrillic-aware search over open documents;
//! - [`output`]: plain-text and JSON rendering for the command line;
//! - [`load`]: reading documents from files, folders and the bundled samples;
//! - [`read`]: document readers (PDF, OCR, DOCX, ODT, DOC) into one block structure, and the
//!   normalized-document cache;
//! - [`tui`]: the reviewer's terminal interface, a thin layer over the above.

pub mod compare;
pub mod corpus;
pub mod fsutil;
pub mod load;
pub mod model;
pub mod normalize;
pub mod output;
pub mod read;
pub mod search;
pub mod text;
pub mod tui;

/// The sample documents compiled into the binary.
pub mod samples {
    include!(concat!(env!("OUT_DIR"), "/samples.rs"));
}
