//! strata: review and compare Russian regional digital-transformation strategies.
//!
//! The library holds everything that is not the terminal:
//! - [`model`]: the normalized document (schema 1) and its canonical keys;
//! - [`normalize`]: raw strategy text (PDF lines or flattened OCR) to a [`model::Document`];
//! - [`across`]: several regions at once: the project matrix, indicator targets side by side,
//!   multi-region section compare and boilerplate;
//! - [`compare`]: alignment of sections, paragraphs, projects and indicators, and diffs;
//! - [`search`]: Cyrillic-aware search over open documents;
//! - [`notes`]: reviewers' notes and reviewed marks in a shared SQLite store;
//! - [`report`]: a comparison report to circulate (Markdown, HTML, DOCX) and OSC 52 copy;
//! - [`output`]: plain-text and JSON rendering for the command line;
//! - [`load`]: reading documents from files, folders and the bundled samples;
//! - [`i18n`]: the message catalogue (Russian and English), locale, number/date/plural formats;
//! - [`read`]: document readers (PDF, OCR, DOCX, ODT, DOC) into one block structure, and the
//!   normalized-document cache;
//! - [`threads`]: where worker threads run;
//! - [`tui`]: the reviewer's terminal interface, a thin layer over the above.

// The crate under its own name, so that the TUI's in-crate tests share `tests/common` with the
// integration tests.
extern crate self as strata;

pub mod across;
pub mod compare;
pub mod corpus;
pub mod fsutil;
pub mod i18n;
pub mod load;
pub mod model;
pub mod normalize;
pub mod notes;
pub mod output;
pub mod read;
pub mod report;
pub mod search;
pub mod text;
pub mod threads;
pub mod tui;

/// What the unit tests share.
#[cfg(test)]
pub(crate) mod testing {
    /// The text of every file in `samples/raw` that reads as UTF-8 (the raw strategies and their
    /// sidecars), in the folder's order: whole real texts to check a fast path against its
    /// reference on.
    pub fn sample_texts() -> Vec<String> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/raw");
        let texts: Vec<String> =
            std::fs::read_dir(dir).unwrap().filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok()).collect();
        assert!(!texts.is_empty(), "no text in {dir}");
        texts
    }
}

/// The sample documents compiled into the binary.
pub mod samples {
    include!(concat!(env!("OUT_DIR"), "/samples.rs"));
}
