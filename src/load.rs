//! Loading normalized documents from JSON files, folders and the bundled samples.
//!
//! A bad file never stops the others: it becomes a [`LoadError`] naming the file, the position and
//! the problem.

use crate::model::{Document, SCHEMA_VERSION};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A document and where it came from.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// File path, or `bundled:<name>` for samples compiled into the binary.
    pub origin: String,
    /// The document, shared: the TUI's index job and its views read the same copy.
    pub doc: Arc<Document>,
}

/// Why one file could not be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The file.
    pub origin: String,
    /// 1-based line and column of the problem, when known.
    pub position: Option<(usize, usize)>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((l, c)) => write!(f, "{}:{}:{}: {}", self.origin, l, c, self.message),
            None => write!(f, "{}: {}", self.origin, self.message),
        }
    }
}

/// The outcome of opening a set of paths.
#[derive(Debug, Default)]
pub struct LoadSet {
    /// Documents that opened, in path order.
    pub docs: Vec<Loaded>,
    /// Files that did not, with reasons.
    pub errors: Vec<LoadError>,
}

/// `bytes` as text, checked with SIMD (`simdutf8`, several times faster than the standard check on
/// Cyrillic text); `Err` holds the offset of the first invalid byte.
pub fn utf8(bytes: &[u8]) -> Result<&str, usize> {
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(_) => std::str::from_utf8(bytes).map_err(|e| e.valid_up_to()),
    }
}

/// Parses one document from JSON text; `origin` names it in errors.
pub fn parse(origin: &str, json: &str) -> Result<Document, LoadError> {
    // A UTF-8 byte-order mark (written by some Windows editors) is not part of the JSON.
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    let doc: Document = serde_json::from_str(json).map_err(|e| LoadError {
        origin: origin.to_string(),
        position: (e.line() > 0).then(|| (e.line(), e.column())),
        message: crate::i18n::trf(crate::i18n::Msg::NotADocument, &[&e]),
    })?;
    if doc.schema != SCHEMA_VERSION {
        return Err(LoadError {
            origin: origin.to_string(),
            position: None,
            message: crate::i18n::trf(crate::i18n::Msg::SchemaUnsupported, &[&doc.schema, &SCHEMA_VERSION]),
        });
    }
    Ok(doc)
}

/// Reads one document file: strata JSON, or a PDF, Word, ODT or raw text document normalized on
/// the fly (cached); FIFOs, devices and oversized files are refused before reading.
pub fn load_file(path: &Path) -> Result<Loaded, LoadError> {
    crate::read::open::open_cli(path)
}

/// Expands paths: files as given, folders recursively to their `*.json` files (sorted).
pub fn expand(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<LoadError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut files, &mut errors);
        } else if p.exists() {
            files.push(p.clone());
        } else {
            errors.push(LoadError {
                origin: p.display().to_string(),
                position: None,
                message: crate::i18n::tr(crate::i18n::Msg::NoSuchPath).into(),
            });
        }
    }
    (files, errors)
}

/// Collects `*.json` files under `root` in sorted depth-first order, with an explicit stack (no
/// recursion whose depth follows the folder tree) and each folder read once, so a symbolic link
/// back up the tree cannot loop.
fn walk(root: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<LoadError>) {
    use std::os::unix::fs::MetadataExt;
    let mut seen = std::collections::HashSet::new();
    let mut read = |dir: &Path, errors: &mut Vec<LoadError>| -> Option<std::vec::IntoIter<PathBuf>> {
        let m = std::fs::metadata(dir).ok()?;
        if !seen.insert((m.dev(), m.ino())) {
            return None;
        }
        match std::fs::read_dir(dir) {
            Ok(rd) => {
                let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok()).map(|e| e.path()).collect();
                entries.sort();
                Some(entries.into_iter())
            }
            Err(e) => {
                errors.push(LoadError {
                    origin: dir.display().to_string(),
                    position: None,
                    message: crate::i18n::trf(crate::i18n::Msg::CannotReadFolder, &[&e]),
                });
                None
            }
        }
    };
    let mut stack: Vec<std::vec::IntoIter<PathBuf>> = read(root, errors).into_iter().collect();
    while let Some(top) = stack.last_mut() {
        let Some(p) = top.next() else {
            stack.pop();
            continue;
        };
        if p.is_dir() {
            stack.extend(read(&p, errors));
        } else if p.extension().is_some_and(|x| x == "json") {
            files.push(p);
        }
    }
}

/// Opens files and folders; bad files are collected as errors, not fatal.
pub fn load_paths(paths: &[PathBuf]) -> LoadSet {
    let (files, mut errors) = expand(paths);
    let mut docs = Vec::new();
    for f in files {
        match load_file(&f) {
            Ok(l) => docs.push(l),
            Err(e) => errors.push(e),
        }
    }
    LoadSet { docs, errors }
}

/// Opens the samples compiled into the binary.
pub fn load_bundled() -> LoadSet {
    let mut set = LoadSet::default();
    for (name, json) in crate::samples::BUNDLED {
        let origin = format!("bundled:{name}");
        match parse(&origin, json) {
            Ok(doc) => set.docs.push(Loaded { origin, doc: Arc::new(doc) }),
            Err(e) => set.errors.push(e),
        }
    }
    set
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_files_are_reported_not_fatal() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("bad.json"), "{\n  \"schema\": 1,\n  oops").unwrap();
        std::fs::write(dir.path().join("skip.txt"), "x").unwrap();
        let set = load_paths(&[dir.path().to_path_buf(), dir.path().join("nope.json")]);
        assert!(set.docs.is_empty());
        assert_eq!(set.errors.len(), 2);
        let bad = set.errors.iter().find(|e| e.origin.ends_with("bad.json")).unwrap();
        assert_eq!(bad.position.map(|p| p.0), Some(3));
        assert!(set.errors.iter().any(|e| e.message.contains("no such file")));
    }
}
