//! The readers on the committed fixtures (tests/fixtures): a DOCX and a Word-made PDF with
//! Cyrillic headings, a tracked deletion and a table with merged cells, and a scanned page (an
//! image-only PDF). `cargo test --test read_fixtures -- --ignored regenerate` remakes them
//! (needs libreoffice and pdftoppm).

mod read_support;

use read_support::have;
use std::path::{Path, PathBuf};
use strata::read::{Kind, OcrMode, Options, ReadDoc};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn read(name: &str, ocr: OcrMode) -> Result<ReadDoc, strata::read::ReadError> {
    let path = fixture(name);
    let bytes = std::fs::read(&path).unwrap();
    let opts = Options { ocr, cache: false, ..Default::default() };
    strata::read::read(&path, &bytes, &opts, &|_| {})
}

/// The document's tables in order.
fn tables(d: &ReadDoc) -> Vec<strata::read::Table> {
    d.blocks
        .iter()
        .filter_map(|b| match &b.kind {
            Kind::Table(t) => Some(t.clone()),
            _ => None,
        })
        .collect()
}

fn text(doc: &ReadDoc) -> String {
    let mut out = String::new();
    for b in &doc.blocks {
        match &b.kind {
            Kind::Table(t) => {
                for r in &t.rows {
                    out.push_str(&r.iter().map(|c| c.text.as_str()).collect::<Vec<_>>().join(" | "));
                    out.push('\n');
                }
            }
            _ => {
                out.push_str(&b.text);
                out.push('\n');
            }
        }
    }
    out
}

#[test]
#[ignore]
fn regenerate() {
    assert!(have("libreoffice", "libreoffice-writer") && have("pdftoppm", "poppler-utils"));
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("strategy.docx");
    std::fs::write(&docx, read_support::fixture_docx()).unwrap();
    std::fs::copy(&docx, fixture("strategy.docx")).unwrap();
    let pdf = read_support::libreoffice(&docx, "pdf", dir.path());
    std::fs::copy(&pdf, fixture("strategy.pdf")).unwrap();
    let prefix = dir.path().join("page");
    let ok = std::process::Command::new("pdftoppm")
        .args(["-r", "150", "-gray", "-png", "-singlefile", "-f", "1", "-l", "1"])
        .arg(&pdf)
        .arg(&prefix)
        .status()
        .unwrap()
        .success();
    assert!(ok);
    let png = std::fs::read(prefix.with_extension("png")).unwrap();
    std::fs::write(fixture("scan.pdf"), read_support::scan_pdf(&png, 150.0)).unwrap();
}

#[test]
fn docx_fixture_gives_headings_real_tables_and_no_deleted_text() {
    let doc = read("strategy.docx", OcrMode::Never).unwrap();
    assert_eq!(doc.format, strata::read::Format::Docx);
    let headings: Vec<(u8, &str)> = doc
        .blocks
        .iter()
        .filter_map(|b| match b.kind {
            Kind::Heading(l) => Some((l, b.text.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(
        headings,
        [
            (1, "1. Раздел «Основные положения»"),
            (2, "1.1. Основания разработки."),
            (1, "6. Раздел «Проекты развития отрасли»")
        ]
    );
    let all = text(&doc);
    assert!(all.contains("Срок реализации до 2030 года."), "{all}");
    assert!(!all.contains("2023"), "tracked deletion read: {all}");
    let table = doc
        .blocks
        .iter()
        .find_map(|b| match &b.kind {
            Kind::Table(t) => Some(t),
            _ => None,
        })
        .expect("a table");
    assert_eq!(table.rows.len(), 4);
    assert_eq!((table.rows[1].len(), table.rows[1][0].span), (1, 5), "the sector row spans the table");
    assert_eq!(table.rows[3][2].text, "Доступность медицинской помощи", "vMerge repeats the upper cell");
    assert!(table.rows[3][2].merged_up);
    assert!(doc.blocks.iter().any(|b| b.kind == Kind::PageBreak));
    let page_of = |t: &str| doc.blocks.iter().find(|b| b.text.starts_with(t)).map(|b| b.place.page);
    assert_eq!((page_of("1."), page_of("6.")), (Some(1), Some(2)));
}

#[test]
fn docx_fixture_projects_come_from_the_cells() {
    let doc = read("strategy.docx", OcrMode::Never).unwrap();
    let s = strata::normalize::blocks::structured(&doc.blocks);
    let got: Vec<(&str, &str, bool, Option<&str>)> =
        s.projects.iter().map(|p| (p.id.as_str(), p.name.as_str(), p.recommended_federal, p.goal.as_deref())).collect();
    assert_eq!(
        got,
        [
            ("healthcare/1", "Телемедицинские консультации", true, Some("Доступность медицинской помощи")),
            ("healthcare/2", "Электронная медицинская карта", false, Some("Доступность медицинской помощи")),
        ]
    );
}

#[test]
fn pdf_fixture_table_is_rebuilt_from_positions_as_the_docx_has_it() {
    if !have("pdftotext", "poppler-utils") {
        return;
    }
    let pdf = read("strategy.pdf", OcrMode::Never).unwrap();
    let docx = read("strategy.docx", OcrMode::Never).unwrap();
    let (p, d) = (tables(&pdf), tables(&docx));
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p, d, "the PDF's table, cell by cell, spans and merges, as in the DOCX");
    let names = |d: &strata::read::ReadDoc| {
        strata::normalize::blocks::structured(&d.blocks)
            .projects
            .into_iter()
            .map(|p| (p.id, p.name))
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&pdf), names(&docx));
}

#[test]
fn docx_fixture_saved_as_rtf_by_libreoffice_gives_the_same_table_and_projects() {
    if !have("libreoffice", "libreoffice-writer") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("strategy.docx");
    std::fs::copy(fixture("strategy.docx"), &docx).unwrap();
    let rtf = read_support::libreoffice(&docx, "rtf", dir.path());
    let opts = strata::read::Options { ocr: OcrMode::Never, cache: false, ..Default::default() };
    let got = strata::read::read(&rtf, &std::fs::read(&rtf).unwrap(), &opts, &|_| {}).unwrap();
    assert_eq!(got.format, strata::read::Format::Rtf);
    let want = read("strategy.docx", OcrMode::Never).unwrap();
    assert_eq!(tables(&got), tables(&want));
    let all = text(&got);
    assert!(all.contains("Раздел «Основные положения»") && all.contains("Срок реализации до 2030 года."), "{all}");
    assert!(!all.contains("2023"), "tracked deletion read: {all}");
}

#[test]
fn pdf_fixture_reads_with_pages_and_cyrillic() {
    if !have("pdftotext", "poppler-utils") {
        return;
    }
    let doc = read("strategy.pdf", OcrMode::Never).unwrap();
    assert_eq!(doc.pages, Some(2));
    assert_eq!(doc.reader, "pdftotext (poppler)");
    let all = text(&doc);
    for want in ["Раздел «Основные положения»", "Телемедицинские", "Электронная", "Здравоохранение"]
    {
        assert!(all.contains(want), "{want} missing in {all}");
    }
    let brk = doc.blocks.iter().position(|b| b.kind == Kind::PageBreak).unwrap();
    assert!(doc.blocks[brk + 1..].iter().any(|b| b.text.contains("Проекты развития") && b.place.page == 2));
}

#[test]
fn scan_without_ocr_is_refused_naming_the_way_out() {
    if !have("pdftotext", "poppler-utils") {
        return;
    }
    let e = read("scan.pdf", OcrMode::Never).unwrap_err();
    assert!(e.problem.contains("no text layer") && e.problem.contains("--ocr"), "{e}");
}

#[test]
fn scan_is_read_by_ocr() {
    if !have("pdftotext", "poppler-utils") || !have("tesseract", "tesseract-ocr-rus") {
        return;
    }
    let seen = std::sync::Mutex::new(Vec::new());
    let path = fixture("scan.pdf");
    let bytes = std::fs::read(&path).unwrap();
    let opts = Options { ocr: OcrMode::Auto, cache: false, ..Default::default() };
    let doc = strata::read::read(&path, &bytes, &opts, &|p| seen.lock().unwrap().push((p.done, p.total))).unwrap();
    let all = text(&doc).to_lowercase();
    // OCR may lose a letter here and there; whole words of the heading and body must come through.
    let words = ["раздел", "основные", "положения", "стратегия", "цифровой", "трансформации"];
    let found = words.iter().filter(|w| all.contains(*w)).count();
    assert!(found >= 5, "OCR text: {all}");
    assert!(doc.warnings.iter().any(|w| w.code == "ocr"));
    assert_eq!(seen.into_inner().unwrap(), [(0, 1), (1, 1)]);
}
