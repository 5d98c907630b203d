//! End to end: a sample strategy (samples/raw) written as a Word document and as a Word-made PDF
//! (LibreOffice), read back, and its figures — sectors, projects, indicator values — compared
//! with the document normalized from the text. Prints the figures (`--nocapture` shows them).

mod read_support;

use read_support::{figures, have, libreoffice, strategy_docx};
use std::path::Path;
use strata::read::{OcrMode, Options};

fn opts() -> Options {
    Options { ocr: OcrMode::Never, cache: false, ..Default::default() }
}

fn source(name: &str) -> strata::model::Document {
    let raw = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/raw").join(name);
    strata::normalize::normalize_file(&raw).expect("the sample normalizes")
}

#[test]
fn a_sample_strategy_as_docx_keeps_sectors_projects_and_values() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["ivanovo.txt", "khabarovsk.txt", "kaliningrad.txt"] {
        let src = source(name);
        let path = dir.path().join(name).with_extension("docx");
        std::fs::write(&path, strategy_docx(&src)).unwrap();
        let got = std::sync::Arc::unwrap_or_clone(
            strata::read::open::open(&path, &opts(), &|_| {}).unwrap_or_else(|e| panic!("{e}")).doc,
        );
        let (s0, p0, v0) = figures(&src);
        let (s1, p1, v1) = figures(&got);
        eprintln!("{name}: text {s0} sectors, {p0} projects, {v0} values; docx {s1}, {p1}, {v1}");
        let keys = |d: &strata::model::Document| d.sectors.iter().map(|s| s.key.clone()).collect::<Vec<_>>();
        assert_eq!(keys(&got), keys(&src), "{name}: sectors");
        let ids =
            |d: &strata::model::Document| d.projects.iter().map(|p| (p.id.clone(), p.name.clone())).collect::<Vec<_>>();
        assert_eq!(ids(&got), ids(&src), "{name}: projects");
        assert!(v1 * 100 >= v0 * 95, "{name}: {v1} of {v0} indicator values");
        assert_eq!(got.source.format, strata::model::SourceFormat::Lines);
        assert!(got.source.quality.warnings.iter().any(|w| w.code == "reader" && w.message.contains("DOCX")));
    }
}

#[test]
fn a_sample_strategy_as_word_made_pdf_reads() {
    if !have("libreoffice", "libreoffice-writer") || !have("pdftotext", "poppler-utils") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for name in ["ivanovo.txt", "khabarovsk.txt", "kaliningrad.txt"] {
        let src = source(name);
        let docx = dir.path().join(name).with_extension("docx");
        std::fs::write(&docx, strategy_docx(&src)).unwrap();
        let pdf = libreoffice(&docx, "pdf", dir.path());
        let got = std::sync::Arc::unwrap_or_clone(
            strata::read::open::open(&pdf, &opts(), &|_| {}).unwrap_or_else(|e| panic!("{e}")).doc,
        );
        let (s0, p0, v0) = figures(&src);
        let (s1, p1, v1) = figures(&got);
        eprintln!("{name}: text {s0} sectors, {p0} projects, {v0} values; Word-made PDF {s1}, {p1}, {v1}");
        assert!(got.source.pages.is_some_and(|p| p > 50), "{name}: pages: {:?}", got.source.pages);
        let keys = |d: &strata::model::Document| d.sectors.iter().map(|s| s.key.clone()).collect::<Vec<_>>();
        assert_eq!(keys(&got), keys(&src), "{name}: sectors");
        // The tables are rebuilt from word positions and rules: every project, by row and name.
        let ids = |d: &strata::model::Document| d.projects.iter().map(|p| p.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&got), ids(&src), "{name}: projects");
        let same_names = src.projects.iter().zip(&got.projects).filter(|(a, b)| a.name == b.name).count();
        for (a, b) in src.projects.iter().zip(&got.projects).filter(|(a, b)| a.name != b.name) {
            eprintln!("{name}: {}: text «{}», PDF «{}»", a.id, a.name, b.name);
        }
        // 96 %: kaliningrad's text spells «программно- аппаратных» (industry/4), and industry/2's
        // whole name (its text's name was cut short before the page-break fix) holds
        // «обеспечивающей», which LibreOffice breaks mid-word inside a line of the narrow name
        // cell without a hyphen; the reader rejoins such pieces only on a line of one word.
        assert!(same_names * 100 >= p0 * 96, "{name}: {same_names} of {p0} project names read exactly");
        // Indicator values, row by row within each sector.
        let mut same = 0;
        for s in &src.sectors {
            let a: Vec<_> = src.indicators_of(&s.key).collect();
            let b: Vec<_> = got.indicators_of(&s.key).collect();
            for (x, y) in a.iter().zip(&b) {
                same +=
                    x.values.iter().filter(|(k, v)| y.values.get(k).is_some_and(|w| (*v - w).abs() < 0.006)).count();
            }
        }
        eprintln!("{name}: Word-made PDF: {same_names} project names and {same} values as in the text");
        assert!(same * 100 >= v0 * 95, "{name}: {same} of {v0} indicator values read as in the text");
        assert!(v1 <= v0, "{name}: no values made up: {v1} against {v0}");
    }
}
