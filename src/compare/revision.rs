//! Scripted revisions: a documented list of text edits that derives a revised raw text from an
//! original one, each edit stating the effect a version diff must show.
//!
//! The edit list is TOML (see `samples/revisions/*.edits`):
//!
//! ```toml
//! source = "../raw/ivanovo.txt"      # relative to the edits file
//! output = "../raw/ivanovo-rev.txt"
//!
//! [[edit]]
//! note = "4.2: a risk reworded"
//! find = "по соблюдению требований"  # must occur exactly once in the text at this point
//! replace = "по обеспечению требований"
//! [edit.expect]
//! section = "problems.healthcare"
//! inserted = "обеспечению"
//! deleted = "соблюдению"
//! ```
//!
//! Edits apply in order, each to the result of the previous ones.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// A revision script.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Revision {
    /// The original raw text, relative to the script's folder.
    pub source: String,
    /// Where the revised text goes, relative to the script's folder.
    pub output: String,
    /// Edits in order.
    #[serde(rename = "edit")]
    pub edits: Vec<Edit>,
}

/// One edit: replace the single occurrence of `find` with `replace`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Edit {
    /// What the edit does and why.
    pub note: String,
    /// Exact text to find; must occur exactly once.
    pub find: String,
    /// Replacement text.
    pub replace: String,
    /// The effect a diff of the normalized documents must show.
    pub expect: Expect,
}

/// The effect of an edit on the diff of the normalized documents. Fields are optional; an edit
/// states the ones that apply.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// The section whose text changes.
    pub section: Option<String>,
    /// Words inserted in that section (space-separated, as a multiset).
    pub inserted: Option<String>,
    /// Words deleted from that section.
    pub deleted: Option<String>,
    /// Name of a project that is added.
    pub project_added: Option<String>,
    /// Name of a project that is dropped.
    pub project_removed: Option<String>,
    /// Start of the name of an indicator whose value changes.
    pub indicator: Option<String>,
    /// Year of the changed value.
    pub year: Option<u16>,
    /// Old value.
    pub a: Option<f64>,
    /// New value.
    pub b: Option<f64>,
    /// Start of the name of an indicator that is added.
    pub indicator_added: Option<String>,
    /// Values of the added indicator by year.
    pub values: Option<BTreeMap<String, f64>>,
    /// Sections (table sections) whose text may change as a side effect, e.g. a table row added.
    #[serde(default)]
    pub may_change: Vec<String>,
}

/// Why a revision could not be read or applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevisionError {
    /// The script or text file.
    pub file: String,
    /// 1-based edit number, when the problem is one edit.
    pub edit: Option<usize>,
    /// What is wrong.
    pub problem: String,
}

impl fmt::Display for RevisionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.edit {
            Some(n) => write!(f, "{}: edit {}: {}", self.file, n, self.problem),
            None => write!(f, "{}: {}", self.file, self.problem),
        }
    }
}

impl std::error::Error for RevisionError {}

impl Revision {
    /// Reads a script.
    pub fn read(path: &Path) -> Result<Revision, RevisionError> {
        let err = |problem: String| RevisionError { file: path.display().to_string(), edit: None, problem };
        let bytes = crate::fsutil::read_input(path, crate::fsutil::MAX_INPUT_BYTES).map_err(|e| err(e.to_string()))?;
        let text = String::from_utf8(bytes).map_err(|_| err("not UTF-8 text".into()))?;
        toml::from_str(&text).map_err(|e| err(format!("not a revision script: {e}")))
    }

    /// The source and output paths, resolved against the script's folder.
    pub fn paths(&self, script: &Path) -> (PathBuf, PathBuf) {
        let dir = script.parent().unwrap_or(Path::new("."));
        (dir.join(&self.source), dir.join(&self.output))
    }

    /// Applies the edits in order; `file` names the text in errors.
    pub fn apply(&self, text: &str, file: &str) -> Result<String, RevisionError> {
        let mut out = text.to_string();
        for (i, e) in self.edits.iter().enumerate() {
            let err = |problem: String| RevisionError { file: file.to_string(), edit: Some(i + 1), problem };
            if e.find.is_empty() {
                return Err(err("empty `find`".into()));
            }
            let n = out.matches(&e.find).count();
            if n != 1 {
                return Err(err(format!("`find` occurs {n} times, expected exactly once ({})", e.note)));
            }
            out = out.replacen(&e.find, &e.replace, 1);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_apply_in_order_and_must_be_unique() {
        let rev: Revision = toml::from_str(
            r#"
            source = "a.txt"
            output = "b.txt"
            [[edit]]
            note = "one"
            find = "цели"
            replace = "задачи"
            [edit.expect]
            section = "priorities.goal"
            [[edit]]
            note = "two, sees the first edit's result"
            find = "задачи и"
            replace = "задачи, а также"
            [edit.expect]
            "#,
        )
        .unwrap();
        assert_eq!(rev.apply("цели и сроки", "a.txt").unwrap(), "задачи, а также сроки");
        let e = rev.apply("цели и цели", "a.txt").unwrap_err();
        assert_eq!(e.edit, Some(1));
        assert!(e.to_string().contains("occurs 2 times"), "{e}");
        assert!(
            toml::from_str::<Revision>(
                "source='a'\noutput='b'\n[[edit]]\nnote='x'\nfind='a'\nreplace='b'\nbogus=1\n[edit.expect]\n"
            )
            .is_err()
        );
    }
}
