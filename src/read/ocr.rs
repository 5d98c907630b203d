//! OCR of PDF pages: each page rendered with `pdftoppm` and read with `tesseract -l rus`, pages
//! in parallel on all cores, progress reported per page, and every page's text cached by the
//! PDF's content hash (a second run, or one after an interruption, reads only what is missing).

use super::{Options, Progress, ReadError, cache, tool};
use std::path::Path;
use std::process::Command;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The Debian/Ubuntu package with tesseract and its Russian data.
pub const TESSERACT_PACKAGE: &str = "tesseract-ocr-rus";

/// Resolution pages are rendered at for OCR.
pub const DPI: u32 = 300;

/// Checks that tesseract with Russian data and pdftoppm are installed.
pub fn check_tools(opts: &Options) -> Result<(), ReadError> {
    let missing = || {
        ReadError::new(crate::i18n::trf(crate::i18n::Msg::OcrNeedsTesseract, &[&TESSERACT_PACKAGE, &TESSERACT_PACKAGE]))
    };
    let exe = tool::which("tesseract").ok_or_else(missing)?;
    let mut cmd = Command::new(exe);
    cmd.arg("--list-langs");
    let out = tool::run(cmd, opts.timeout).map_err(|_| missing())?;
    let langs = String::from_utf8_lossy(&out.stdout).into_owned() + &out.stderr;
    if !langs.lines().any(|l| l.trim() == "rus") {
        return Err(missing());
    }
    if tool::which("pdftoppm").is_none() {
        return Err(ReadError::new(crate::i18n::trf(
            crate::i18n::Msg::OcrNeedsPdftoppm,
            &[&super::pdf::POPPLER_PACKAGE],
        )));
    }
    Ok(())
}

/// OCRs `pages` (1-based) of the PDF at `path` whose content is `bytes`; returns (page, text) in
/// page order.
pub fn ocr_pages(
    path: &Path,
    bytes: &[u8],
    pages: &[u32],
    opts: &Options,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Vec<(u32, String)>, ReadError> {
    check_tools(opts)?;
    let hash = cache::content_hash(bytes);
    let dir = tempfile::Builder::new().prefix("strata-ocr-").tempdir().map_err(|e| {
        ReadError::new(crate::i18n::trf(crate::i18n::Msg::OcrTempFolder, &[&crate::i18n::os_error(&e)]))
    })?;
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(pages.len()).max(1);
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let results: Mutex<Vec<(u32, Result<String, ReadError>)>> = Mutex::new(Vec::new());
    let report = Mutex::new(());
    progress(Progress { stage: "OCR", done: 0, total: pages.len() });
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(&page) = pages.get(i) else { break };
                    let r = match cache::get_ocr(&hash, page, opts) {
                        Some(t) => Ok(t),
                        None => {
                            ocr_page(path, page, dir.path(), opts).inspect(|t| cache::put_ocr(&hash, page, t, opts))
                        }
                    };
                    let failed = r.is_err();
                    results.lock().unwrap_or_else(|e| e.into_inner()).push((page, r));
                    let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                    let _g = report.lock().unwrap_or_else(|e| e.into_inner());
                    progress(Progress { stage: "OCR", done: n, total: pages.len() });
                    if failed {
                        // Stop handing out pages: the first failure is the answer.
                        next.store(pages.len(), Ordering::Relaxed);
                    }
                }
            });
        }
    });
    let mut results = results.into_inner().unwrap_or_else(|e| e.into_inner());
    results.sort_by_key(|r| r.0);
    results.into_iter().map(|(p, r)| r.map(|t| (p, t))).collect()
}

/// Renders and reads one page.
fn ocr_page(pdf: &Path, page: u32, dir: &Path, opts: &Options) -> Result<String, ReadError> {
    let place = || crate::i18n::trf(crate::i18n::Msg::AtPage, &[&page]);
    let prefix = dir.join(format!("p{page}"));
    let mut render = Command::new("pdftoppm");
    render
        .args(["-r", &DPI.to_string(), "-gray", "-png", "-singlefile"])
        .args(["-f", &page.to_string(), "-l", &page.to_string()])
        .arg(pdf)
        .arg(&prefix);
    let out = tool::run(render, opts.timeout).map_err(|e| ReadError::at(place(), format!("pdftoppm {e}")))?;
    if out.code != Some(0) {
        let e = super::pdf::poppler_error(&out.stderr, "pdftoppm");
        return Err(ReadError::at(place(), e.problem));
    }
    let png = prefix.with_extension("png");
    let mut read = Command::new("tesseract");
    read.arg(&png).arg("stdout").args(["-l", "rus"]).env("OMP_THREAD_LIMIT", "1");
    let out = tool::run(read, opts.timeout).map_err(|e| ReadError::at(place(), format!("tesseract {e}")))?;
    let _ = std::fs::remove_file(&png);
    if out.code != Some(0) {
        let first = tool::first_line(&out.stderr);
        return Err(ReadError::at(
            place(),
            crate::i18n::trf(crate::i18n::Msg::OcrFailed, &[&crate::text::sanitize::sanitize(&first)]),
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).replace('\u{c}', ""))
}
