//! Across-regions benchmark: the project matrix, indicators side by side and a five-region
//! section compare, over the bundled samples and the synthetic corpus (85 regions x 3 versions,
//! 255 documents), beside `jq` grouping the same folder's project names exactly (the peer: the
//! least any tool must do to answer "which regions have project X").
//!
//! The TUI rows time a key (`A`, `T`) to the first frame (the view open while its job computes
//! it) and to the view drawn at 80x24, through the test harness.
//!
//! `cargo bench --bench across` (`STRATA_BENCH_REGIONS`, `STRATA_BENCH_VERSIONS` change the
//! corpus). Without jq the peer is skipped, said so; under `CI=true` a missing jq fails.

mod shared;

use shared::time;
use std::path::Path;
use std::process::Command;
use std::time::Duration;
use strata::across::{columns, indicators, matrix, sections};
use strata::model::Document;

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn library(label: &str, docs: &[Document]) {
    let all: Vec<&Document> = docs.iter().collect();
    let cols = columns(&all);
    println!("\n## {label}: {} documents, {} region columns", docs.len(), cols.len());
    let (med, min) = time(9, || matrix::build(&columns(&all), None));
    let m = matrix::build(&cols, None);
    println!(
        "  matrix (columns + rows)            median {:>10}  min {:>10}  ({} rows, {} federal)",
        ms(med),
        ms(min),
        m.rows.len(),
        m.federal_rows().count()
    );
    let (med, min) = time(9, || indicators::build(&columns(&all), indicators::Filter::default()));
    let ind = indicators::build(&cols, indicators::Filter::default());
    println!(
        "  indicators side by side            median {:>10}  min {:>10}  ({} rows)",
        ms(med),
        ms(min),
        ind.rows.len()
    );
    // In the TUI: the key that opens each view, to the first frame (the view open, computing in
    // the background) and to the view drawn (its job's result taken), at 80x24.
    let loaded: Vec<strata::load::Loaded> =
        docs.iter().map(|d| strata::load::Loaded { origin: String::new(), doc: d.clone().into() }).collect();
    for (key, what) in [("A", "matrix"), ("T", "indicators")] {
        // A fresh UI each run (set up and settled untimed), so the view is computed, not resumed.
        let mut runs: Vec<(Duration, Duration)> = (0..5)
            .map(|_| {
                let mut h = strata::tui::testing::Harness::new(loaded.clone(), Vec::new(), 80, 24);
                h.settle();
                let t = std::time::Instant::now();
                h.press(key);
                std::hint::black_box(h.screen());
                let first = t.elapsed();
                h.settle();
                std::hint::black_box(h.screen());
                (first, t.elapsed())
            })
            .collect();
        runs.sort_by_key(|r| r.1);
        let mut firsts: Vec<Duration> = runs.iter().map(|r| r.0).collect();
        firsts.sort();
        println!(
            "  TUI: {key} to the first frame ({what:<10})  median {:>10}  max {:>10}  (the UI is free again)",
            ms(firsts[2]),
            ms(firsts[4])
        );
        println!(
            "  TUI: {key} to the {what:<10} view drawn     median {:>10}  min {:>10}  (computed in the background)",
            ms(runs[2].1),
            ms(runs[0].1)
        );
    }
    let five: Vec<&Document> = cols.iter().copied().take(5).collect();
    for key in ["basics.technologies", "problems.healthcare", "priorities.goal"] {
        let (med, min) = time(21, || sections::compare_section(&five, key));
        let words: usize = sections::compare_section(&five, key).columns.iter().map(|c| c.words).sum();
        println!("  compare-section {key:<20} median {:>10}  min {:>10}  (5 regions, {words} words)", ms(med), ms(min));
    }
}

fn command(label: &str, dir: &Path) {
    let strata = env!("CARGO_BIN_EXE_strata");
    let run = |args: &[&str]| {
        let out = Command::new(strata).args(args).output().expect("strata runs");
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        out.stdout.len()
    };
    let d = dir.to_str().unwrap();
    let (m, _) = time(5, || run(&["matrix", d, "--format", "json"]));
    let (i, _) = time(5, || run(&["indicators", d, "--format", "json"]));
    println!("  strata matrix DIR --format json     median {:>10}  (reads and parses every document)", ms(m));
    println!("  strata indicators DIR --format json median {:>10}", ms(i));
    let files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path().to_string_lossy().into_owned())
        .filter(|p| p.ends_with(".json"))
        .collect();
    let program = "[.[] | .meta.region.key as $r | .projects[] | {r: $r, n: .name}] \
                   | group_by(.n) | map({n: .[0].n, c: (map(.r) | unique | length)})";
    let jq = Command::new("jq").arg("--version").output();
    if jq.is_err() {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("jq is not installed: the peer of this benchmark is missing");
        }
        println!("  (jq not installed: no peer figure)");
        return;
    }
    let (j, _) = time(5, || {
        let out = Command::new("jq").arg("-s").arg(program).args(&files).output().unwrap();
        assert!(out.status.success());
        out.stdout.len()
    });
    println!("  jq -s exact-name grouping (peer)    median {:>10}", ms(j));
    println!(
        "  {label}: strata matrix / jq = {:.2}, strata indicators / jq = {:.2}",
        m.as_secs_f64() / j.as_secs_f64(),
        i.as_secs_f64() / j.as_secs_f64()
    );
}

fn main() {
    println!("# strata across-regions benchmark");
    let bases: Vec<Document> =
        strata::load::load_bundled().docs.into_iter().map(|l| std::sync::Arc::unwrap_or_clone(l.doc)).collect();
    let dir = tempfile::tempdir().unwrap();
    let small = dir.path().join("samples");
    std::fs::create_dir_all(&small).unwrap();
    for (name, json) in strata::samples::BUNDLED {
        std::fs::write(small.join(name), json).unwrap();
    }
    library("samples", &bases);
    command("samples", &small);
    let spec = strata::corpus::Spec {
        regions: env_usize("STRATA_BENCH_REGIONS", 85),
        versions: env_usize("STRATA_BENCH_VERSIONS", 3),
        ..Default::default()
    };
    let corpus = strata::corpus::generate(&bases, spec, |_, _| {});
    let big = dir.path().join("corpus");
    std::fs::create_dir_all(&big).unwrap();
    for (i, d) in corpus.iter().enumerate() {
        let name = strata::corpus::file_name(d, i % spec.versions.max(1));
        std::fs::write(big.join(name), strata::normalize::to_json(d)).unwrap();
    }
    library(&format!("corpus {}x{}", spec.regions, spec.versions), &corpus);
    command("corpus", &big);
}
