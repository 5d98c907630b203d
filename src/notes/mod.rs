//! Reviewers' notes and reviewed marks, kept in a SQLite store shared by everyone on the host.
//!
//! - [`Note`]: a remark on a document version's section, optionally on one block of it (a
//!   paragraph, list item, project row or indicator row), with its author and time.
//! - [`store::Store`]: the database (WAL, busy timeout, versioned migrations); several processes
//!   may write at once, and a killed process loses no acknowledged note.
//! - [`config`]: where the store is (`$STRATA_DATA_DIR`, the config file's `notes.store`,
//!   `$XDG_DATA_HOME/strata`, `~/.local/share/strata`) and who the author is.
//! - [`anchor`]: notes carried forward to a revision through the section and paragraph aligner,
//!   and the orphans whose anchor is gone.
//! - [`review`]: reviewed marks per comparison and section, with progress counts.

pub mod anchor;
pub mod config;
pub mod review;
pub mod store;

use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::PathBuf;

pub use anchor::{Anchor, OrphanReason, Placement, carry_forward, place_on};
pub use review::{Pair, Progress, progress};
pub use store::Store;

/// A document version as notes name it: region key and version label.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct DocRef {
    /// Region key, e.g. `ivanovo`.
    pub region: String,
    /// Version label, e.g. `2021-08-20`.
    pub version: String,
}

impl DocRef {
    /// The reference of a loaded document.
    pub fn of(doc: &crate::model::Document) -> DocRef {
        DocRef { region: doc.meta.region.key.clone(), version: doc.meta.version.label.clone() }
    }
}

impl fmt::Display for DocRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}", self.region, self.version)
    }
}

/// One note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// The store's id (local to the store; printed by `strata note list`).
    pub id: i64,
    /// A random id that stays the same across stores, so an import never duplicates a note.
    pub uid: String,
    /// The document version the note was written on.
    pub doc: DocRef,
    /// Section key (as `strata diff` prints it, `#n` for a repeated key).
    pub section: String,
    /// 1-based block number in the section (as `strata show`/`diff` label it), or the whole section.
    pub block: Option<usize>,
    /// The block's text when the note was written, for finding it again in a revision.
    pub anchor: Option<Anchor>,
    /// The remark.
    pub text: String,
    /// Who wrote it.
    pub author: String,
    /// When it was written (UTC, RFC 3339).
    pub created: String,
    /// When it was last edited (UTC, RFC 3339).
    pub edited: Option<String>,
}

impl Note {
    /// The 0-based index of the block the note was written on.
    pub fn block_index(&self) -> Option<usize> {
        self.block.and_then(|b| b.checked_sub(1))
    }
}

/// A problem with the notes store or its configuration: the file and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreError {
    /// The file concerned (database or config file).
    pub file: PathBuf,
    /// What is wrong, in words a reviewer can act on.
    pub problem: String,
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file.display(), self.problem)
    }
}

impl std::error::Error for StoreError {}
