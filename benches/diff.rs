//! Diff benchmark: section and whole-document diff times, beside `git diff --no-index
//! --word-diff=porcelain` on the same texts exported to files.
//!
//! `cargo bench --bench diff` (`STRATA_BENCH_SAMPLES=DIR` reads the JSON documents from DIR).
//! Inputs: the normalized samples (`samples/*.json`) when present: the
//! two largest documents, and ivanovo against its illustrative revision. Without them, documents
//! are built from the raw texts by a stand-in splitter (sections at `N.N.` headings, blocks at
//! sentence ends), which has the same size and wording as the real documents; the report says which
//! inputs it used.

mod shared;

use shared::*;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use strata::compare::{Options, diff_documents, words::diff_words};
use strata::model::{Block, BlockKind, Document, Section};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Median and minimum of `n` runs of `f`.
fn time<T>(n: usize, mut f: impl FnMut() -> T) -> (Duration, Duration) {
    let mut v: Vec<Duration> = (0..n)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed()
        })
        .collect();
    v.sort();
    (v[n / 2], v[0])
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

/// A stand-in document from a raw line-broken text: a section per `N.` / `N.N.` heading line,
/// a block per sentence-ending line run.
fn from_raw(path: &Path) -> Document {
    let text = std::fs::read_to_string(path).unwrap();
    let mut doc: Document = serde_json::from_value(serde_json::json!({
        "schema": 1,
        "meta": {"region": {"name": path.file_stem().unwrap().to_string_lossy(), "key": path.file_stem().unwrap().to_string_lossy()},
                 "title": "", "approval": null, "period": null, "version": {"label": "raw", "date": null}},
        "source": {"file": "", "sha256": "", "format": "lines", "quality": {"grade": "C", "score": 50, "warnings": []}}
    }))
    .unwrap();
    let heading = |l: &str| {
        let t = l.trim();
        let num: String = t.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
        let rest = &t[num.len()..];
        (num.len() >= 2
            && num.contains('.')
            && t.len() < 160
            && rest.starts_with(' ')
            && rest.trim_start().chars().next().is_some_and(char::is_uppercase)
            && (num.matches('.').count() >= 2 || rest.contains("Раздел")))
        .then(|| num.trim_end_matches('.').to_string())
    };
    let mut current = Section {
        key: "preamble".into(),
        number: None,
        title: String::new(),
        blocks: vec![],
        children: vec![],
        line: None,
        offset: None,
    };
    let mut para = String::new();
    for line in text.lines() {
        let t = line.trim();
        if t.is_empty() || t.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        if let Some(num) = heading(line) {
            if !para.is_empty() {
                current.blocks.push(Block { kind: BlockKind::Paragraph, text: std::mem::take(&mut para) });
            }
            let next = Section {
                key: format!("s{num}"),
                number: Some(num),
                title: t.to_string(),
                blocks: vec![],
                children: vec![],
                line: None,
                offset: None,
            };
            doc.sections.push(std::mem::replace(&mut current, next));
            continue;
        }
        if !para.is_empty() {
            para.push(' ');
        }
        para.push_str(t);
        if t.ends_with(['.', ':', ';']) {
            current.blocks.push(Block { kind: BlockKind::Paragraph, text: std::mem::take(&mut para) });
        }
    }
    if !para.is_empty() {
        current.blocks.push(Block { kind: BlockKind::Paragraph, text: para });
    }
    doc.sections.push(current);
    doc
}

/// The documents to compare: (name, A, B) pairs, and a note on where they came from.
fn inputs() -> (Vec<(String, Document, Document)>, &'static str) {
    let dir = std::env::var_os("STRATA_BENCH_SAMPLES").map(PathBuf::from).unwrap_or_else(|| root().join("samples"));
    let samples = strata::load::load_paths(&[dir]);
    let mut docs: Vec<(u64, Document)> =
        samples.docs.into_iter().map(|l| (std::fs::metadata(&l.origin).map(|m| m.len()).unwrap_or(0), l.doc)).collect();
    if docs.len() >= 2 {
        docs.sort_by_key(|d| std::cmp::Reverse(d.0));
        // The largest document and the largest one of another region.
        let first = &docs[0].1;
        let second =
            docs.iter().map(|d| &d.1).find(|d| d.meta.region.key != first.meta.region.key).unwrap_or(&docs[1].1);
        let mut pairs = vec![(
            format!("{} vs {} (largest)", first.meta.region.key, second.meta.region.key),
            first.clone(),
            second.clone(),
        )];
        let iv: Vec<&Document> = docs.iter().map(|d| &d.1).filter(|d| d.meta.region.key == "ivanovo").collect();
        if let [a, b, ..] = iv.as_slice() {
            let (a, b) = if a.meta.version.illustrative { (b, a) } else { (a, b) };
            pairs.push(("ivanovo vs its revision".into(), (*a).clone(), (*b).clone()));
        }
        return (pairs, "normalized samples (samples/*.json)");
    }
    let raw = |n: &str| from_raw(&root().join("samples/raw").join(n));
    let iv = raw("ivanovo.txt");
    (
        vec![
            ("ivanovo vs khabarovsk (largest line-broken)".into(), iv.clone(), raw("khabarovsk.txt")),
            ("ivanovo vs its revision".into(), iv, raw("ivanovo-rev.txt")),
        ],
        "stand-in documents split from samples/raw/*.txt (samples/*.json not present yet)",
    )
}

fn git_word_diff(dir: &Path, a: &str, b: &str) -> Duration {
    std::fs::write(dir.join("a.txt"), a).unwrap();
    std::fs::write(dir.join("b.txt"), b).unwrap();
    time(7, || {
        Command::new("git")
            .args(["diff", "--no-index", "--word-diff=porcelain", "a.txt", "b.txt"])
            .current_dir(dir)
            .output()
            .unwrap()
    })
    .0
}

fn main() {
    let (pairs, source) = inputs();
    let dir = std::env::temp_dir().join(format!("strata-diff-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    println!("inputs: {source}");
    println!("{:<46} {:>11} {:>11} {:>9} {:>13}", "whole document", "median", "min", "sections", "git word-diff");
    let opts = Options::default();
    for (name, a, b) in &pairs {
        let (med, min) = time(21, || diff_documents(a, b, &opts));
        let d = diff_documents(a, b, &opts);
        let git = git_word_diff(&dir, &export(a), &export(b));
        println!(
            "{name:<46} {:>11} {:>11} {:>9} {:>13}{}",
            ms(med),
            ms(min),
            d.sections.len(),
            ms(git),
            if d.approximate { "  (approximate)" } else { "" }
        );
    }
    println!(
        "\n{:<46} {:>11} {:>11} {:>9} {:>13}",
        "largest common section (text diff)", "median", "min", "words", "git word-diff"
    );
    for (name, a, b) in &pairs {
        // The common key with the most text on both sides.
        let Some((key, ta, tb)) = a
            .walk()
            .filter_map(|(_, s)| b.section(&s.key).map(|t| (s.key.clone(), s.text(), t.text())))
            .max_by_key(|(_, x, y)| x.len().min(y.len()))
        else {
            continue;
        };
        let (med, min) = time(21, || diff_words(&ta, &tb, &opts.norm, None));
        let words = strata::compare::norm::word_count(&ta);
        let git = git_word_diff(&dir, &format!("{ta}\n"), &format!("{tb}\n"));
        println!("{:<46} {:>11} {:>11} {:>9} {:>13}", format!("{name}: {key}"), ms(med), ms(min), words, ms(git));
        let (med, _) = time(21, || {
            diff_documents(
                &Document {
                    sections: vec![a.section(&key).unwrap().clone()],
                    projects: vec![],
                    indicators: vec![],
                    ..a.clone()
                },
                &Document {
                    sections: vec![b.section(&key).unwrap().clone()],
                    projects: vec![],
                    indicators: vec![],
                    ..b.clone()
                },
                &opts,
            )
        });
        println!("{:<46} {:>11}", "  aligned (paragraph pairs + words)", ms(med));
    }
    let _ = std::fs::remove_dir_all(&dir);
}
