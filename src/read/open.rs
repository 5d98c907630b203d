//! Opening any supported file as a document: a strata JSON document, raw strategy text, or a PDF,
//! DOCX, ODT or DOC document normalized on the fly through the [`super::cache`]. Files are read
//! with [`crate::fsutil::read_input`]: a FIFO, a device or a folder is refused before reading, and
//! so is a file over the size limit.

use super::{Format, Options, Progress, cache, sniff};
use crate::load::{LoadError, Loaded};
use crate::model::Document;
use std::path::Path;
use std::sync::RwLock;

static OPTIONS: RwLock<Option<Options>> = RwLock::new(None);

/// Sets the options every later [`open`] without explicit options uses (the CLI's `--ocr`,
/// `--no-cache`).
pub fn set_options(opts: Options) {
    *OPTIONS.write().unwrap_or_else(|e| e.into_inner()) = Some(opts);
}

/// The options set with [`set_options`], else the defaults.
pub fn options() -> Options {
    OPTIONS.read().unwrap_or_else(|e| e.into_inner()).clone().unwrap_or_default()
}

fn error(path: &Path, message: String) -> LoadError {
    LoadError { origin: path.display().to_string(), position: None, message }
}

/// Reads `path` through [`crate::fsutil::read_input`]: a FIFO, a device or a folder is refused
/// before anything is read, and so is a file over the size limit.
fn read_checked(path: &Path, opts: &Options) -> Result<Vec<u8>, LoadError> {
    crate::fsutil::read_input(path, opts.max_bytes).map_err(|e| error(path, e.to_string()))
}

/// Opens `path` for the command line: the options set with [`set_options`], progress on stderr.
/// [`crate::load::load_file`] comes here, so JSON and documents take one path: read once, checked
/// before reading, sniffed by content.
pub fn open_cli(path: &Path) -> Result<Loaded, LoadError> {
    let opts = options();
    if opts.progress_on_stderr { open(path, &opts, &progress_to_stderr(path)) } else { open(path, &opts, &|_| {}) }
}

/// Opens any supported file (for the TUI's loader and the CLI): `progress` hears of long steps.
pub fn load_any(path: &Path, progress: &(dyn Fn(Progress) + Sync)) -> Result<Loaded, LoadError> {
    open(path, &options(), progress)
}

/// Opens `path` with `opts`: JSON is parsed, anything else read and normalized (cached).
pub fn open(path: &Path, opts: &Options, progress: &(dyn Fn(Progress) + Sync)) -> Result<Loaded, LoadError> {
    // A JSON file unchanged since it was last read comes from the binary cache, unread.
    let id = cache::Identity::of(path);
    if let Some(doc) = id.as_ref().and_then(|id| cache::get_json(path, id, opts)) {
        return Ok(Loaded { origin: path.display().to_string(), doc: doc.into() });
    }
    open_bytes(path, read_checked(path, opts)?, id, opts, progress)
}

/// [`open`] on bytes already read from `path`.
fn open_bytes(
    path: &Path,
    bytes: Vec<u8>,
    id: Option<cache::Identity>,
    opts: &Options,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Loaded, LoadError> {
    let origin = path.display().to_string();
    let format = sniff(&bytes);
    if format == Format::Json {
        let text = crate::load::utf8(&bytes)
            .map_err(|at| error(path, crate::i18n::trf(crate::i18n::Msg::NotUtf8At, &[&at])))?;
        let doc = crate::load::parse(&origin, text)?;
        if let Some(id) = id {
            cache::put_json(path, &id, &doc, opts);
        }
        return Ok(Loaded { origin, doc: doc.into() });
    }
    // The sidecar's metadata is part of the result, so part of the key.
    let side = crate::fsutil::read_input(&crate::normalize::sidecar::path_for(path), 1 << 20).unwrap_or_default();
    let hash = cache::content_hash_of(&[&bytes, &side]);
    if let Some(doc) = cache::get_doc(&hash, opts) {
        return Ok(Loaded { origin, doc: renamed(doc, path).into() });
    }
    let doc = normalize_bytes(path, &bytes, opts, progress).map_err(|e| LoadError {
        origin: origin.clone(),
        position: None,
        message: match e.place {
            Some(p) => format!("{p}: {}", e.problem),
            None => e.problem,
        },
    })?;
    cache::put_doc(&hash, &doc, opts);
    Ok(Loaded { origin, doc: doc.into() })
}

/// A cached document carries the file name it was first made from; the current name wins.
fn renamed(mut doc: Document, path: &Path) -> Document {
    if let Some(n) = path.file_name() {
        doc.source.file = n.to_string_lossy().into_owned();
    }
    doc
}

/// Normalizes a document's or raw text's bytes (no cache).
pub fn normalize_bytes(
    path: &Path,
    bytes: &[u8],
    opts: &Options,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Document, crate::normalize::NormalizeError> {
    let file = path.display().to_string();
    let side = crate::normalize::sidecar::read(path)?.unwrap_or_default();
    match sniff(bytes) {
        Format::Text | Format::Json => crate::normalize::normalize_with(bytes, &file, &side),
        _ => {
            let read = super::read(path, bytes, opts, progress).map_err(|e| crate::normalize::NormalizeError {
                file: file.clone(),
                place: e.place,
                problem: e.problem,
            })?;
            crate::normalize::blocks::normalize_read(&read, bytes, &file, &side)
        }
    }
}

/// A progress reporter that writes to stderr: a line redrawn in place on a terminal, the first and
/// last step otherwise. The file name is sanitised.
pub fn progress_to_stderr(path: &Path) -> impl Fn(Progress) + Sync {
    use std::io::{IsTerminal, Write};
    let name = crate::text::sanitize::sanitize(&path.display().to_string()).into_owned();
    let tty = std::io::stderr().is_terminal();
    move |p: Progress| {
        let mut err = std::io::stderr().lock();
        let line = crate::i18n::trf(crate::i18n::Msg::ReadProgress, &[&name, &p.stage, &p.done, &p.total]);
        let _ = if tty {
            write!(err, "\r{line}\x1b[K{}", if p.done == p.total { "\n" } else { "" })
        } else if p.done == 0 || p.done == p.total {
            writeln!(err, "{line}")
        } else {
            Ok(())
        };
    }
}
