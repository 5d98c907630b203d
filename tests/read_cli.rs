//! Direct use of documents on the command line: `strata diff a.docx b.pdf`, `show` of raw text,
//! the cache, and bad input (a FIFO, a password, a scan with OCR off, a file over the size limit):
//! exit 2 with a message naming the file, and nothing written.

mod read_support;

use read_support::{have, strategy_docx};
use std::path::Path;
use std::process::{Command, Output};

fn strata(args: &[&str], cache: &Path, env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_strata"));
    // The messages asserted are English.
    c.args(args).env("XDG_CACHE_HOME", cache).env_remove("NO_COLOR").env("LC_ALL", "C.UTF-8");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("strata runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn sample(name: &str) -> strata::model::Document {
    let raw = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/raw").join(name);
    strata::normalize::normalize_file(&raw).unwrap()
}

fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            if e.path().is_dir() { stack.push(e.path()) } else { out.push(e.path()) }
        }
    }
    out
}

#[test]
fn diff_of_two_word_files_is_the_whole_workflow_and_is_cached() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let old = sample("ivanovo.txt");
    let mut new = old.clone();
    let renamed = new.projects.iter_mut().find(|p| p.sector == "healthcare").unwrap();
    let was = renamed.name.clone();
    renamed.name = "Единая региональная телемедицинская платформа".into();
    let (a, b) = (dir.path().join("last-year.docx"), dir.path().join("this-year.docx"));
    std::fs::write(&a, strategy_docx(&old)).unwrap();
    std::fs::write(&b, strategy_docx(&new)).unwrap();
    let args =
        ["diff", a.to_str().unwrap(), b.to_str().unwrap(), "--section", "projects.healthcare", "--color", "never"];
    let o = strata(&args, &cache, &[]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{}{}", out, stderr(&o));
    assert!(out.contains("Единая региональная телемедицинская платформа") && out.contains(&was), "{out}");
    let cached = files_under(&cache);
    assert_eq!(cached.len(), 2, "two normalized documents cached: {cached:?}");
    assert!(cached.iter().all(|p| p.extension().is_some_and(|x| x == "json")));
    // The second run answers the same from the cache; --no-cache the same again.
    let again = strata(&args, &cache, &[]);
    assert_eq!(again.stdout, o.stdout);
    let fresh = strata(&[&args[..], &["--no-cache"]].concat(), &dir.path().join("other"), &[]);
    assert_eq!(fresh.stdout, o.stdout);
    assert!(!dir.path().join("other").exists(), "--no-cache wrote a cache");
}

#[test]
fn show_and_search_take_raw_text_and_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let raw = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/raw/ivanovo.txt");
    let o = strata(&["show", raw.to_str().unwrap(), "--section", "problems.healthcare"], dir.path(), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("Здравоохранение"));
    let docx = dir.path().join("ivanovo.docx");
    std::fs::write(&docx, strategy_docx(&sample("ivanovo.txt"))).unwrap();
    let o = strata(&["search", "телемедицин", docx.to_str().unwrap()], dir.path(), &[]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(out.to_lowercase().contains("телемедицин"), "{out}");
    if !have("pdftotext", "poppler-utils") {
        return;
    }
    // The fixture PDF is too small a strategy for the template parser: refused, naming the reader.
    let pdf = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/strategy.pdf");
    let o = strata(&["show", pdf.to_str().unwrap()], dir.path(), &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(err.contains("strategy.pdf") && err.contains("read as PDF by pdftotext"), "{err}");
}

#[test]
fn a_fifo_is_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.pdf");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let o = strata(&["show", fifo.to_str().unwrap()], dir.path(), &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("pipe.pdf") && err.contains("FIFO"), "{err}");
}

#[test]
fn a_file_over_the_size_limit_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("big.docx");
    std::fs::write(&f, strategy_docx(&sample("ivanovo.txt"))).unwrap();
    let o = strata(&["show", f.to_str().unwrap()], &dir.path().join("c"), &[("STRATA_MAX_BYTES", "1000")]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("big.docx") && err.contains("too large"), "{err}");
    assert!(!dir.path().join("c").exists(), "nothing cached for a refused file");
}

#[test]
fn a_scan_with_ocr_off_exits_2_naming_file_and_remedy() {
    if !have("pdftotext", "poppler-utils") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let scan = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scan.pdf");
    let o = strata(&["show", scan.to_str().unwrap(), "--ocr-mode", "never"], dir.path(), &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("scan.pdf") && err.contains("no text layer") && err.contains("--ocr"), "{err}");
    assert!(files_under(dir.path()).is_empty(), "nothing cached: {:?}", files_under(dir.path()));
}

#[test]
fn ocr_when_is_taken_as_ocr_when_opening_files_and_diff_keeps_its_ocr_switch() {
    if !have("pdftotext", "poppler-utils") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let scan = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scan.pdf");
    let o = strata(&["--ocr", "never", scan.to_str().unwrap()], dir.path(), &[]);
    assert_eq!(o.status.code(), Some(2));
    // The viewer reports what it could not open (on stdout when it is not a terminal).
    let all = format!("{}{}", String::from_utf8_lossy(&o.stdout), stderr(&o));
    assert!(all.contains("scan.pdf") && all.contains("OCR is off"), "{all}");
    let o = strata(&["--ocr", "sometimes", scan.to_str().unwrap()], dir.path(), &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("auto, always, never"), "{}", stderr(&o));
    let json = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/ivanovo.json");
    let j = json.to_str().unwrap();
    let o = strata(&["diff", "--ocr", j, j, "--format", "stat"], dir.path(), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn without_tesseract_a_scan_names_the_package() {
    if !have("pdftotext", "poppler-utils") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // A PATH with pdftotext but no tesseract.
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let pdftotext = strata::read::tool::which("pdftotext").unwrap();
    std::os::unix::fs::symlink(pdftotext, bin.join("pdftotext")).unwrap();
    let scan = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scan.pdf");
    let o = strata(&["show", scan.to_str().unwrap()], &dir.path().join("c"), &[("PATH", bin.to_str().unwrap())]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("scan.pdf") && err.contains("tesseract-ocr-rus"), "{err}");
}

#[test]
fn without_poppler_pdfs_are_read_by_lopdf_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("s.docx");
    std::fs::write(&docx, strategy_docx(&sample("khabarovsk.txt"))).unwrap();
    if !have("libreoffice", "libreoffice-writer") {
        return;
    }
    let pdf = read_support::libreoffice(&docx, "pdf", dir.path());
    let empty = dir.path().join("empty-bin");
    std::fs::create_dir(&empty).unwrap();
    let o = strata(
        &["show", pdf.to_str().unwrap(), "--json", "--no-cache"],
        dir.path(),
        &[("PATH", empty.to_str().unwrap())],
    );
    let err = stderr(&o);
    // lopdf's text order is rougher; it must still read the file or refuse it clearly.
    match o.status.code() {
        Some(0) => {
            let doc: strata::model::Document = serde_json::from_slice(&o.stdout).unwrap();
            let w = &doc.source.quality.warnings;
            assert!(w.iter().any(|w| w.code == "reader_fallback" && w.message.contains("poppler-utils")), "{w:?}");
        }
        code => {
            assert_eq!(code, Some(2), "{err}");
            assert!(err.contains("s.pdf"), "{err}");
        }
    }
}

#[test]
fn password_protected_pdfs_are_refused_and_empty_passwords_open() {
    if !have("pdftotext", "poppler-utils") {
        return;
    }
    use lopdf::encryption::{EncryptionState, EncryptionVersion, Permissions};
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/strategy.pdf");
    let lock = |user: &str, out: &Path| {
        let mut doc = lopdf::Document::load(&src).unwrap();
        let v = EncryptionVersion::V2 {
            document: &doc,
            owner_password: "owner",
            user_password: user,
            key_length: 128,
            permissions: Permissions::all(),
        };
        let state = EncryptionState::try_from(v).unwrap();
        doc.encrypt(&state).unwrap();
        doc.save(out).unwrap();
    };
    let (locked, open) = (dir.path().join("locked.pdf"), dir.path().join("open.pdf"));
    lock("secret", &locked);
    lock("", &open);
    let o = strata(&["show", locked.to_str().unwrap()], dir.path(), &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("locked.pdf") && err.contains("password"), "{err}");
    let path = open.clone();
    let bytes = std::fs::read(&path).unwrap();
    let opts = strata::read::Options { ocr: strata::read::OcrMode::Never, cache: false, ..Default::default() };
    let doc = strata::read::read(&path, &bytes, &opts, &|_| {}).unwrap();
    assert!(doc.blocks.iter().any(|b| b.text.contains("Основные положения")));
}
