//! Opening any supported file as a document: a strata JSON document, raw strategy text, or a PDF,
//! DOCX, ODT or DOC document normalized on the fly through the [`super::cache`]. Checks come
//! before reading: a FIFO, a device or a folder is refused (reading a FIFO would block), and so is
//! a file over the size limit.

use super::{Format, Options, Progress, cache, sniff};
use crate::load::{LoadError, Loaded};
use crate::model::Document;
use std::io::Read;
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

/// Refuses what is not a regular file or is too big; returns the file's size.
pub fn check_file(path: &Path, opts: &Options) -> Result<u64, LoadError> {
    let meta = std::fs::metadata(path).map_err(|e| error(path, format!("cannot open: {e}")))?;
    let ft = meta.file_type();
    if !ft.is_file() {
        use std::os::unix::fs::FileTypeExt;
        let what = if ft.is_dir() {
            "a folder"
        } else if ft.is_fifo() {
            "a FIFO (named pipe)"
        } else if ft.is_char_device() || ft.is_block_device() {
            "a device"
        } else if ft.is_socket() {
            "a socket"
        } else {
            "not a regular file"
        };
        return Err(error(path, format!("{what}, not a document file: give a regular file")));
    }
    if meta.len() > opts.max_bytes {
        return Err(error(
            path,
            format!("{} bytes: over the size limit of {} bytes for one document", meta.len(), opts.max_bytes),
        ));
    }
    Ok(meta.len())
}

/// The hook for [`crate::load::load_file`]: `None` when `path` is a regular file holding JSON (the
/// JSON loader goes on), else the outcome of opening it here.
pub fn hook(path: &Path) -> Option<Result<Loaded, LoadError>> {
    let opts = options();
    if let Err(e) = check_file(path, &opts) {
        return Some(Err(e));
    }
    let mut head = [0u8; 1024];
    let n = std::fs::File::open(path).and_then(|mut f| read_up_to(&mut f, &mut head)).unwrap_or(0);
    if n > 0 && matches!(sniff(&head[..n]), Format::Json) {
        return None;
    }
    Some(open(path, &opts, &progress_to_stderr(path)))
}

fn read_up_to(f: &mut std::fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match f.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

/// Opens any supported file (for the TUI's loader and the CLI): `progress` hears of long steps.
pub fn load_any(path: &Path, progress: &(dyn Fn(Progress) + Sync)) -> Result<Loaded, LoadError> {
    open(path, &options(), progress)
}

/// Opens `path` with `opts`: JSON is parsed, anything else read and normalized (cached).
pub fn open(path: &Path, opts: &Options, progress: &(dyn Fn(Progress) + Sync)) -> Result<Loaded, LoadError> {
    let origin = path.display().to_string();
    let len = check_file(path, opts)?;
    let mut bytes = Vec::with_capacity(len as usize);
    std::fs::File::open(path)
        .and_then(|f| f.take(opts.max_bytes + 1).read_to_end(&mut bytes))
        .map_err(|e| error(path, format!("cannot read: {e}")))?;
    if bytes.len() as u64 > opts.max_bytes {
        return Err(error(path, format!("over the size limit of {} bytes for one document", opts.max_bytes)));
    }
    let format = sniff(&bytes);
    if format == Format::Json {
        let text = String::from_utf8(bytes).map_err(|e| {
            error(path, format!("not UTF-8 text (invalid byte at offset {})", e.utf8_error().valid_up_to()))
        })?;
        return crate::load::parse(&origin, &text).map(|doc| Loaded { origin, doc });
    }
    // The sidecar's metadata is part of the result, so part of the key.
    let side = std::fs::read(crate::normalize::sidecar::path_for(path)).unwrap_or_default();
    let hash = cache::content_hash_of(&[&bytes, &side]);
    if let Some(doc) = cache::get_doc(&hash, opts) {
        return Ok(Loaded { origin, doc: renamed(doc, path) });
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
    Ok(Loaded { origin, doc })
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
        let line = format!("strata: {name}: {} {}/{} pages", p.stage, p.done, p.total);
        let _ = if tty {
            write!(err, "\r{line}\x1b[K{}", if p.done == p.total { "\n" } else { "" })
        } else if p.done == 0 || p.done == p.total {
            writeln!(err, "{line}")
        } else {
            Ok(())
        };
    }
}
