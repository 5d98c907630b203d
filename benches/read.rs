//! Benchmark: reading documents. (1) A Word-made PDF of a sample strategy (about 130 pages,
//! made here with LibreOffice from the DOCX the tests write): `strata`'s whole read and normalize
//! (pdftotext, blocks, template parser; no cache) against `pdftotext` alone on the same file, as a
//! ratio of medians. (2) OCR seconds per page on the committed scanned page (pdftoppm at 300 dpi
//! plus tesseract -l rus), no cache. Run with `cargo bench --bench read`; needs poppler-utils,
//! libreoffice-writer and tesseract-ocr-rus.

#[path = "../tests/read_support/mod.rs"]
mod read_support;

use std::path::Path;
use std::time::Instant;
use strata::read::{OcrMode, Options};

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    for (tool, pkg) in
        [("pdftotext", "poppler-utils"), ("libreoffice", "libreoffice-writer"), ("tesseract", "tesseract-ocr-rus")]
    {
        if !read_support::have(tool, pkg) {
            return;
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let raw = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/raw/khabarovsk.txt");
    let src = strata::normalize::normalize_file(&raw).unwrap();
    let docx = dir.path().join("strategy.docx");
    std::fs::write(&docx, read_support::strategy_docx(&src)).unwrap();
    let pdf = read_support::libreoffice(&docx, "pdf", dir.path());
    let bytes = std::fs::read(&pdf).unwrap();
    let opts = Options { ocr: OcrMode::Never, cache: false, ..Default::default() };
    let runs = 7;
    let mut tool_times = Vec::new();
    let mut ours = Vec::new();
    let mut pages = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let out = std::process::Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap();
        tool_times.push(t.elapsed().as_secs_f64());
        assert!(out.status.success());
        let t = Instant::now();
        let doc = strata::read::open::normalize_bytes(&pdf, &bytes, &opts, &|_| {}).unwrap();
        ours.push(t.elapsed().as_secs_f64());
        pages = doc.source.pages.unwrap_or(0);
    }
    let (a, b) = (median(tool_times), median(ours));
    println!("read: Word-made PDF of khabarovsk, {pages} pages, {:.2} MB", bytes.len() as f64 / 1e6);
    println!("  pdftotext alone        median {:>7.1} ms", a * 1e3);
    println!("  strata read+normalize  median {:>7.1} ms  ({:.2}x pdftotext)", b * 1e3, b / a);

    let scan = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scan.pdf");
    let scan_bytes = std::fs::read(&scan).unwrap();
    let ocr = Options { ocr: OcrMode::Auto, cache: false, ..Default::default() };
    let mut per_page = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        strata::read::read(&scan, &scan_bytes, &ocr, &|_| {}).unwrap();
        per_page.push(t.elapsed().as_secs_f64());
    }
    println!("  OCR (300 dpi, tesseract -l rus, one page): median {:.2} s per page", median(per_page));
}
