//! Benchmark: reading documents, in one run beside the peer tool. (1) A Word-made PDF of a sample
//! strategy of at least 130 pages (made here with LibreOffice from the DOCX the tests write, its
//! tables set in 12 pt as offices print them): `strata`'s whole read and normalize (pdftotext
//! with word boxes, table rules, tables rebuilt, template parser; no cache) against `pdftotext`
//! alone on the same file, as a ratio of medians, in wall time and in CPU time (the process's own
//! plus its finished children's). (2) OCR seconds per page on the committed scanned page
//! (pdftoppm at 300 dpi plus tesseract -l rus), no cache. The load average is printed at the
//! start and the end. Run with `cargo bench --bench read`; needs poppler-utils,
//! libreoffice-writer and tesseract-ocr-rus. `STRATA_BENCH_RUNS` sets the runs (default 7).

#[path = "../tests/read_support/mod.rs"]
mod read_support;

use std::path::Path;
use std::time::Instant;
use strata::read::{OcrMode, Options};

/// The fewest pages the PDF must have (the figure).
const MIN_PAGES: u32 = 130;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// CPU seconds (user + system) of this process and of its children that have been waited for.
fn cpu() -> (f64, f64) {
    let get = |who| {
        let mut u: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: `u` is a valid, writable rusage.
        let rc = unsafe { libc::getrusage(who, &mut u) };
        assert_eq!(rc, 0, "getrusage");
        let s = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
        s(u.ru_utime) + s(u.ru_stime)
    };
    (get(libc::RUSAGE_SELF), get(libc::RUSAGE_CHILDREN))
}

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

fn main() {
    for (tool, pkg) in
        [("pdftotext", "poppler-utils"), ("libreoffice", "libreoffice-writer"), ("tesseract", "tesseract-ocr-rus")]
    {
        if !read_support::have(tool, pkg) {
            return;
        }
    }
    println!("read: load average at start {}", load());
    let dir = tempfile::tempdir().unwrap();
    let raw = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/raw/khabarovsk.txt");
    let src = strata::normalize::normalize_file(&raw).unwrap();
    let docx = dir.path().join("strategy.docx");
    std::fs::write(&docx, read_support::strategy_docx_sized(&src, 24)).unwrap();
    let pdf = read_support::libreoffice(&docx, "pdf", dir.path());
    let bytes = std::fs::read(&pdf).unwrap();
    let opts = Options { ocr: OcrMode::Never, cache: false, ..Default::default() };
    let runs: usize = std::env::var("STRATA_BENCH_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(7);
    let (mut tool_wall, mut tool_cpu, mut our_wall, mut our_cpu) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut pages = 0;
    let mut projects = 0;
    for _ in 0..runs {
        let (c0, t) = (cpu(), Instant::now());
        let out = std::process::Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap();
        tool_wall.push(t.elapsed().as_secs_f64());
        tool_cpu.push(cpu().1 - c0.1);
        assert!(out.status.success());
        let (c0, t) = (cpu(), Instant::now());
        let doc = strata::read::open::normalize_bytes(&pdf, &bytes, &opts, &|_| {}).unwrap();
        our_wall.push(t.elapsed().as_secs_f64());
        let c1 = cpu();
        our_cpu.push((c1.0 - c0.0) + (c1.1 - c0.1));
        pages = doc.source.pages.unwrap_or(0);
        projects = doc.projects.len();
    }
    // Where the time goes: each step of the read alone, as many runs.
    let mut steps: [(&str, Vec<f64>, Vec<f64>); 5] = [
        ("pdftotext -bbox-layout", Vec::new(), Vec::new()),
        ("  its XHTML parsed", Vec::new(), Vec::new()),
        ("table rules (lopdf)", Vec::new(), Vec::new()),
        ("tables rebuilt (blocks)", Vec::new(), Vec::new()),
        ("template parser", Vec::new(), Vec::new()),
    ];
    for _ in 0..runs {
        let mut step = |k: usize, f: &mut dyn FnMut()| {
            let (c0, t) = (cpu(), Instant::now());
            f();
            steps[k].1.push(t.elapsed().as_secs_f64());
            let c1 = cpu();
            steps[k].2.push((c1.0 - c0.0) + (c1.1 - c0.1));
        };
        let mut xhtml = Vec::new();
        step(0, &mut || {
            let out = std::process::Command::new("pdftotext")
                .args(["-bbox-layout", "-enc", "UTF-8", "-eol", "unix"])
                .arg(&pdf)
                .arg("-")
                .output()
                .unwrap();
            xhtml = out.stdout;
        });
        let mut boxed = Vec::new();
        step(1, &mut || boxed = strata::read::pdf_grid::parse_bbox(&xhtml).unwrap());
        let mut rules = Vec::new();
        step(2, &mut || rules = strata::read::pdf_grid::page_rules(&bytes));
        let heights: Vec<f32> = boxed.iter().map(|p| p.height).collect();
        strata::read::pdf_grid::place_rules(&mut rules, &heights);
        let mut blocks = Vec::new();
        step(3, &mut || blocks = strata::read::pdf_grid::blocks(&boxed, &rules));
        step(4, &mut || {
            let read = strata::read::ReadDoc {
                format: strata::read::Format::Pdf,
                reader: "bench".into(),
                blocks: blocks.clone(),
                warnings: Vec::new(),
                pages: Some(pages),
            };
            let side = strata::normalize::sidecar::Sidecar::default();
            std::hint::black_box(strata::normalize::blocks::normalize_read(&read, &bytes, "bench.pdf", &side).unwrap());
        });
    }
    assert!(pages >= MIN_PAGES, "the bench PDF has {pages} pages, fewer than {MIN_PAGES}");
    assert_eq!(projects, src.projects.len(), "the PDF lost projects");
    let (tw, ow, tc, oc) = (median(tool_wall), median(our_wall), median(tool_cpu), median(our_cpu));
    println!(
        "read: Word-made PDF of khabarovsk (tables in 12 pt), {pages} pages, {:.2} MB, {projects} projects, medians of {runs}",
        bytes.len() as f64 / 1e6
    );
    println!("  pdftotext alone        wall {:>7.1} ms   CPU {:>7.1} ms", tw * 1e3, tc * 1e3);
    println!(
        "  strata read+normalize  wall {:>7.1} ms   CPU {:>7.1} ms   ({:.2}x pdftotext wall, {:.2}x CPU)",
        ow * 1e3,
        oc * 1e3,
        ow / tw,
        oc / tc
    );

    println!("  where strata's time goes (each step alone, medians):");
    for (name, wall, cpu) in steps {
        println!("    {name:<26} wall {:>7.1} ms   CPU {:>7.1} ms", median(wall) * 1e3, median(cpu) * 1e3);
    }

    let scan = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scan.pdf");
    let scan_bytes = std::fs::read(&scan).unwrap();
    let ocr = Options { ocr: OcrMode::Auto, cache: false, ..Default::default() };
    let mut per_page = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let doc = strata::read::read(&scan, &scan_bytes, &ocr, &|_| {}).unwrap();
        per_page.push(t.elapsed().as_secs_f64() / f64::from(doc.pages.unwrap_or(1).max(1)));
    }
    println!("  OCR (300 dpi, tesseract -l rus): median {:.2} s per page", median(per_page));
    println!("read: load average at end {}", load());
}
