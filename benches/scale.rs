//! Scale benchmark: the whole reviewer workload on the bundled samples and on a generated corpus of
//! every region in several versions (`strata::corpus`, 85 x 3 by default), beside `fzf --filter`
//! and `git diff --no-index --word-diff` doing the same work when they are installed.
//!
//! `cargo bench --bench scale` (`STRATA_BENCH_REGIONS` and `STRATA_BENCH_VERSIONS` change the
//! corpus size; `STRATA_BENCH_FZF=0` skips fzf; `STRATA_BENCH_MEMORY_ONLY=1` runs only the memory
//! stages, on the samples, the corpus and the corpus with each document's texts made its own,
//! `make_distinct`; `STRATA_BENCH_DIR=<folder>` keeps those corpora there). Reports load time (sequential and the TUI's background loader), first frame
//! (`TestBackend`), search per keystroke (p50/p99, narrowed from the previous keystroke as the
//! TUI's `Searcher` does), section and whole-document diff, the region-vs-all overview, normalize
//! throughput over samples/raw, and peak RSS (VmHWM) against the JSON size: of this process, and
//! per stage of fresh processes that hold only what a reviewer's session holds (documents loaded,
//! then indexed; the TUI with everything loaded and indexed), split into anonymous memory and
//! mapped files.

mod shared;

/// The binary's allocator, so that memory and speed are what `strata` itself would see.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

use shared::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};
use strata::compare::overview::overview;
use strata::compare::{Options as DiffOptions, diff_documents, words::diff_words};
use strata::model::Document;
use strata::search::{Index, Options, Query, run};
use strata::tui::loader::Source;
use strata::tui::testing::Harness;

/// Reviewer queries, typed one character at a time.
const QUERIES: &[&str] =
    &["цифровой профиль", "ЕГИСЗ", "искусственный интеллект", "центр управления регионом", "^проект", "'госуслуг"];

/// The section the overview and the section diff look at.
const SECTION: &str = "problems.healthcare";

fn main() {
    if let Some(dir) = std::env::var_os(MEMORY_CHILD) {
        if ["MIMALLOC_ALLOW_THP", "MIMALLOC_ARENA_RESERVE"].iter().any(|v| std::env::var_os(v).is_none()) {
            // Run directly: again, with the binary's allocator options.
            let out = with_binary_allocator(&mut Command::new(std::env::current_exe().unwrap()))
                .output()
                .expect("the benchmark runs itself");
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
            print!("{}", String::from_utf8_lossy(&out.stdout));
            return;
        }
        memory_child(Path::new(&dir));
        return;
    }
    println!("# strata scale benchmark");
    println!("machine: {}", machine());
    let total = Instant::now();
    let norm = normalize_throughput();
    let dir = tempfile::tempdir().unwrap();
    let samples = dir.path().join("samples");
    std::fs::create_dir_all(&samples).unwrap();
    for (name, json) in strata::samples::BUNDLED {
        std::fs::write(samples.join(name), json).unwrap();
    }
    let regions = env_usize("STRATA_BENCH_REGIONS", 85);
    let versions = env_usize("STRATA_BENCH_VERSIONS", 3);
    let big_dir = dir.path().join("corpus");
    if std::env::var_os("STRATA_BENCH_MEMORY_ONLY").is_some() {
        // `STRATA_BENCH_DIR`: write the corpora there and keep them (to run other builds' memory
        // stages on the same files: `STRATA_BENCH_MEMORY_CHILD=<folder> <bench binary>`).
        let keep = std::env::var_os("STRATA_BENCH_DIR").map(PathBuf::from);
        let root = keep.as_deref().unwrap_or(dir.path());
        let (big_dir, distinct_dir) = (root.join("corpus"), root.join("distinct"));
        let mut docs = generate_docs(regions, versions);
        write_docs(&big_dir, &docs, versions);
        let before = shared_text(&docs);
        make_distinct(&mut docs);
        write_docs(&distinct_dir, &docs, versions);
        let after = shared_text(&docs);
        drop(docs);
        println!("texts of 16 bytes or more, all / distinct: corpus {before}; distinct corpus {after}");
        for (name, folder) in [("samples", &samples), ("corpus", &big_dir), ("distinct corpus", &distinct_dir)] {
            let json: u64 =
                std::fs::read_dir(folder).unwrap().filter_map(|e| e.ok()?.metadata().ok()).map(|m| m.len()).sum();
            println!("\n## {name}, {:.1} MB JSON", json as f64 / 1e6);
            for (stage, figures) in memory_stages(folder) {
                println!("  peak RSS, {stage} (fresh process) / JSON: {}", ratio_of(&figures, json));
            }
            // What sharing repeated texts costs the load: `load_paths`, best of five.
            let load = (0..5)
                .map(|_| {
                    let t = Instant::now();
                    let set = strata::load::load_paths(std::slice::from_ref(folder));
                    assert!(set.errors.is_empty(), "{:?}", set.errors);
                    let took = t.elapsed();
                    drop(set);
                    took
                })
                .min()
                .expect("five runs");
            println!("  load, sequential (best of 5): {}", ms(load));
        }
        println!("\nload average at the end: {}", load_avg());
        return;
    }
    let small = measure("samples", &samples);
    let started = Instant::now();
    generate(&big_dir, regions, versions);
    let generated = started.elapsed();
    let big = measure(&format!("corpus {regions}x{versions}"), &big_dir);
    println!("\ncorpus generated and written in {}", ms(generated));
    println!("normalize: {norm}");
    println!("\n| | {} | {} |", small.name, big.name);
    println!("|---|---|---|");
    for (i, (label, _)) in small.rows.iter().enumerate() {
        println!("| {label} | {} | {} |", small.rows[i].1, big.rows[i].1);
    }
    println!("| normalize throughput (samples/raw) | {norm} | |");
    println!("\nload average at the end: {}; whole run {}", load_avg(), ms(total.elapsed()));
}

/// Figures for one folder of JSON documents: (label, value) rows in a fixed order.
struct Measured {
    name: String,
    rows: Vec<(String, String)>,
}

fn measure(name: &str, dir: &Path) -> Measured {
    let mut rows = Vec::new();
    let mut row = |l: &str, v: String| {
        println!("  {l:<44} {v}");
        rows.push((l.to_string(), v));
    };
    println!("\n## {name}");
    let json_bytes: u64 =
        std::fs::read_dir(dir).unwrap().filter_map(|e| e.ok()?.metadata().ok()).map(|m| m.len()).sum();

    // Loading: sequential (the library call), then the TUI's background loader.
    let t = Instant::now();
    let set = strata::load::load_paths(&[dir.to_path_buf()]);
    let seq = t.elapsed();
    assert!(set.errors.is_empty(), "{:?}", set.errors);
    row("documents, JSON size", format!("{}, {:.1} MB", set.docs.len(), json_bytes as f64 / 1e6));
    row("load, sequential", ms(seq));
    drop(set);
    let (first_frame, first_doc, all_in) = background_start(dir);
    row("first frame (TestBackend 80x24, before loading)", ms(first_frame));
    row("first document on screen", ms(first_doc));
    row("load, background loader (all documents in)", ms(all_in));

    // The old start for comparison: everything loaded before the first frame.
    let t = Instant::now();
    let set = strata::load::load_paths(&[dir.to_path_buf()]);
    let docs: Vec<Arc<Document>> = set.docs.iter().map(|l| Arc::clone(&l.doc)).collect();
    let app = Harness::new(set.docs, set.errors, 80, 24);
    app.buffer();
    row("first frame if loading first (load + draw)", ms(t.elapsed()));
    drop(app);

    // Search: the index is built lazily, on the first query; then every keystroke.
    let t = Instant::now();
    let ix = Index::build(&docs);
    row("search index build (once, lazily)", ms(t.elapsed()));
    let (p50, p99, n) = keystrokes(&ix);
    row("search per keystroke p50 / p99", format!("{} / {} ({n})", ms(p50), ms(p99)));
    row("fzf --filter per keystroke p50 / p99", fzf(&ix));

    // Diff: a revision (a region's first two versions) and two regions written from different
    // texts, whole documents and one section, beside git's word diff of the exported text.
    let opts = DiffOptions::default();
    let git_dir = tempfile::tempdir().unwrap();
    let refs: Vec<&Document> = docs.iter().map(|d| &**d).collect();
    for (what, (a, b)) in [("revision", revision_pair(&refs)), ("two regions", region_pair(&refs))] {
        let whole = median(9, || diff_documents(a, b, &opts));
        row(
            &format!("whole-document diff, {what} (git)"),
            format!("{} ({})", ms(whole), git_word_diff(git_dir.path(), &export(a), &export(b))),
        );
        let text = |d: &Document| d.section(SECTION).map(|s| s.text()).unwrap_or_default();
        let (ta, tb) = (text(a), text(b));
        let section = median(21, || diff_words(&ta, &tb, &opts.norm));
        row(
            &format!("section diff, {what}, {SECTION} (git)"),
            format!("{} ({})", ms(section), git_word_diff(git_dir.path(), &ta, &tb)),
        );
    }

    // Overview: the first document against all.
    let t = Instant::now();
    let ranked = overview(&refs, 0, SECTION, |_, _| {});
    row(&format!("overview, {SECTION} vs all"), format!("{} ({} ranked)", ms(t.elapsed()), ranked.len()));
    let peak = mem_now().peak;
    row(
        "peak RSS of this benchmark process so far / JSON",
        format!(
            "{:.0} MB / {:.1} MB = {:.1}x",
            peak as f64 / 1e6,
            json_bytes as f64 / 1e6,
            peak as f64 / json_bytes as f64
        ),
    );
    for (stage, figures) in memory_stages(dir) {
        let label = format!("peak RSS, {stage} (fresh process) / JSON");
        row(&label, ratio_of(&figures, json_bytes));
    }
    let (rss, secs) = search_process_rss(dir);
    row(
        "strata search process: peak RSS / JSON size (all loaded and indexed)",
        format!(
            "{:.0} MB / {:.1} MB = {:.2}x ({})",
            rss as f64 / 1e6,
            json_bytes as f64 / 1e6,
            rss as f64 / json_bytes as f64,
            ms(secs)
        ),
    );
    Measured { name: name.to_string(), rows }
}

/// The `strata` binary's mimalloc options (its start in `src/main.rs`: no transparent huge pages,
/// a 64 MiB arena), for a child process whose memory stands for the binary's, unless the
/// environment sets them. mimalloc reads them when it starts; with huge pages allowed (mimalloc's
/// default), the kernel backs whole 2 MiB ranges of which a page was touched, and the stages
/// read 20-30 MB higher on the distinct corpus.
fn with_binary_allocator(cmd: &mut Command) -> &mut Command {
    for (name, value) in [("MIMALLOC_ALLOW_THP", "0"), ("MIMALLOC_ARENA_RESERVE", "65536")] {
        if std::env::var_os(name).is_none() {
            cmd.env(name, value);
        }
    }
    cmd
}

/// Set to a folder, the benchmark's own binary runs [`memory_child`] on it instead.
const MEMORY_CHILD: &str = "STRATA_BENCH_MEMORY_CHILD";

/// Memory of one stage: peak RSS (VmHWM), and the resident anonymous memory (heap) and mapped
/// file pages (RssAnon, RssFile) at its end, in bytes.
#[derive(Debug, Clone, Copy)]
struct Mem {
    peak: u64,
    anon: u64,
    file: u64,
}

fn mem_now() -> Mem {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = |k: &str| {
        s.lines()
            .find_map(|l| l.strip_prefix(k))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .map_or(0, |kb| kb * 1024)
    };
    Mem { peak: kb("VmHWM:"), anon: kb("RssAnon:"), file: kb("RssFile:") }
}

fn ratio_of(m: &Mem, json: u64) -> String {
    let mb = |b: u64| b as f64 / 1e6;
    format!(
        "{:.0} MB = {:.2}x (at its end: heap {:.0} MB, mapped files {:.0} MB)",
        mb(m.peak),
        m.peak as f64 / json as f64,
        mb(m.anon),
        mb(m.file)
    )
}

/// Runs this benchmark again as a child on `dir` ([`memory_child`]) and reads its stages.
fn memory_stages(dir: &Path) -> Vec<(String, Mem)> {
    let out = with_binary_allocator(Command::new(std::env::current_exe().unwrap()).env(MEMORY_CHILD, dir))
        .output()
        .expect("the benchmark runs itself");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    for l in text.lines().filter_map(|l| l.strip_prefix("part\t")) {
        let (part, bytes) = l.split_once('\t').unwrap_or((l, "0"));
        println!("  index part: {part}: {:.1} MB", bytes.parse::<f64>().unwrap_or(0.0) / 1e6);
    }
    text.lines()
        .filter(|l| !l.starts_with("part\t"))
        .filter_map(|l| {
            let (stage, nums) = l.split_once('\t')?;
            let n: Vec<u64> = nums.split(' ').filter_map(|x| x.parse().ok()).collect();
            Some((stage.to_string(), Mem { peak: n[0], anon: n[1], file: n[2] }))
        })
        .collect()
}

/// The stages of a reviewer's session, each in a fresh process of its own so that no stage
/// inherits another's peak: the documents loaded (`load_paths`), then indexed (`Index::build`
/// and its word index, over those documents); and the TUI's own start (the background loader,
/// then the index it builds when loading ends), with everything loaded and indexed. Prints
/// `stage<TAB>peak anon file` lines.
fn memory_child(dir: &Path) {
    let print = |stage: &str| {
        let m = mem_now();
        println!("{stage}\t{} {} {}", m.peak, m.anon, m.file);
    };
    if std::env::var_os("STRATA_BENCH_MEMORY_TUI").is_none() {
        let set = strata::load::load_paths(&[dir.to_path_buf()]);
        assert!(set.errors.is_empty(), "{:?}", set.errors);
        print("documents loaded");
        let docs: Vec<Arc<Document>> = set.docs.into_iter().map(|l| l.doc).collect();
        let ix = Index::build(&docs);
        print("documents loaded and indexed, before the word index");
        for (part, bytes) in ix.parts() {
            println!("part\t{part}\t{bytes}");
        }
        ix.build_words();
        print("documents loaded and indexed");
        for (part, bytes) in ix.word_parts() {
            println!("part\t{part}\t{bytes}");
        }
        std::hint::black_box((&docs, &ix));
        // The TUI's stages in a process of their own.
        let out = Command::new(std::env::current_exe().unwrap())
            .env(MEMORY_CHILD, dir)
            .env("STRATA_BENCH_MEMORY_TUI", "1")
            .output()
            .expect("the benchmark runs itself");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        print!("{}", String::from_utf8_lossy(&out.stdout));
        return;
    }
    let mut app = Harness::loading(Source::Paths(vec![dir.to_path_buf()]), 80, 24);
    // The loader's end starts the index build; settling waits for both.
    app.settle();
    app.buffer();
    print("TUI, everything loaded and indexed");
    std::hint::black_box(&app);
}

/// Peak RSS (bytes) and wall time of a whole `strata search` process over `dir`: every document
/// loaded and the search index built, measured by `/usr/bin/time -f %M` in its own process.
fn search_process_rss(dir: &Path) -> (u64, Duration) {
    let report = tempfile::NamedTempFile::new().unwrap();
    let t = Instant::now();
    let out = Command::new("/usr/bin/time")
        .arg("-o")
        .arg(report.path())
        .args(["-f", "%M", env!("CARGO_BIN_EXE_strata"), "search", "цифровой профиль", "--limit", "1"])
        .arg(dir)
        .output()
        .expect("/usr/bin/time runs strata search");
    let secs = t.elapsed();
    assert!(out.status.code().is_some_and(|c| c <= 1), "{}", String::from_utf8_lossy(&out.stderr));
    let kb: u64 = std::fs::read_to_string(report.path()).unwrap().trim().parse().expect("kilobytes");
    (kb * 1024, secs)
}

/// Runs the TUI's start as `tui::run` does, on a test backend: an empty app drawn at once, then
/// documents taken from the loader every 40 ms tick (`LOAD_TICK`). Returns (first frame, first frame with a document,
/// all documents in and drawn), each from the start.
fn background_start(dir: &Path) -> (Duration, Duration, Duration) {
    let t = Instant::now();
    let mut app = Harness::loading(Source::Paths(vec![dir.to_path_buf()]), 80, 24);
    app.buffer();
    let first = t.elapsed();
    let mut first_doc = None;
    while app.is_loading() {
        // The run loop's progress tick with no keys pressed: sleep, then take what has arrived.
        std::thread::sleep(Duration::from_millis(40));
        app.take_reports();
        app.buffer();
        if first_doc.is_none() && !app.origins().is_empty() {
            first_doc = Some(t.elapsed());
        }
    }
    (first, first_doc.unwrap_or_default(), t.elapsed())
}

/// Every keystroke, narrowed from the previous one's matches when the query only grew.
fn keystrokes(ix: &Index) -> (Duration, Duration, String) {
    let opts = Options { limit: 50, ..Options::default() };
    let mut prev: Option<(Query, Vec<usize>)> = None;
    let mut times = Vec::new();
    let keys = typed_prefixes(QUERIES);
    for k in &keys {
        let t = Instant::now();
        let q = Query::parse(k);
        let cand = prev.as_ref().filter(|(p, _)| !p.is_empty() && q.narrows(p)).map(|(_, m)| m.as_slice());
        let out = run(ix, &q, &opts, cand, &|| false).unwrap();
        times.push(t.elapsed());
        prev = Some((q, out.matched));
    }
    let slowest = (0..keys.len()).max_by_key(|&i| times[i]).unwrap_or(0);
    let note = format!("{} keystrokes, slowest «{}»", keys.len(), keys[slowest]);
    (pct(&mut times, 50), pct(&mut times, 99), note)
}

/// The same keystrokes through `fzf --filter` over the index's item texts (one process per
/// keystroke, as a shell pipeline would run it).
fn fzf(ix: &Index) -> String {
    if std::env::var("STRATA_BENCH_FZF").is_ok_and(|v| v == "0") {
        return "skipped (STRATA_BENCH_FZF=0)".into();
    }
    if Command::new("fzf").arg("--version").output().is_err() {
        return "fzf not installed".into();
    }
    let mut file = tempfile::NamedTempFile::new().unwrap();
    for it in &ix.items {
        writeln!(file, "{}", it.text().replace('\n', " ")).unwrap();
    }
    file.flush().unwrap();
    let keys = typed_prefixes(QUERIES);
    // A large corpus: every third keystroke is enough for the percentiles.
    let step = if ix.items.len() > 20_000 { 3 } else { 1 };
    let mut times = Vec::new();
    for k in keys.iter().step_by(step) {
        let input = std::fs::File::open(file.path()).unwrap();
        let t = Instant::now();
        Command::new("fzf").arg("--filter").arg(k).stdin(input).stderr(Stdio::null()).output().unwrap();
        times.push(t.elapsed());
    }
    format!("{} / {}", ms(pct(&mut times, 50)), ms(pct(&mut times, 99)))
}

/// A region's first two versions (a revision).
fn revision_pair<'a>(docs: &[&'a Document]) -> (&'a Document, &'a Document) {
    docs.iter()
        .enumerate()
        .find_map(|(i, a)| docs[i + 1..].iter().find(|b| b.meta.region.key == a.meta.region.key).map(|b| (*a, *b)))
        .expect("a region with two versions")
}

/// The first document and the first one of another region derived from a different text.
fn region_pair<'a>(docs: &[&'a Document]) -> (&'a Document, &'a Document) {
    let a = docs[0];
    let other = |b: &&&Document| b.meta.region.key != a.meta.region.key && b.source.file != a.source.file;
    (a, docs.iter().find(other).copied().unwrap_or(docs[1]))
}

fn git_word_diff(dir: &Path, a: &str, b: &str) -> String {
    if Command::new("git").arg("--version").output().is_err() {
        return "git not installed".into();
    }
    std::fs::write(dir.join("a.txt"), a).unwrap();
    std::fs::write(dir.join("b.txt"), b).unwrap();
    let d = median(7, || {
        Command::new("git")
            .args(["diff", "--no-index", "--word-diff=porcelain", "a.txt", "b.txt"])
            .current_dir(dir)
            .output()
            .unwrap()
    });
    format!("git {}", ms(d))
}

fn generate(out: &Path, regions: usize, versions: usize) {
    write_docs(out, &generate_docs(regions, versions), versions);
}

/// The generated corpus: every region in `versions` versions, from the bundled samples.
fn generate_docs(regions: usize, versions: usize) -> Vec<Document> {
    let bases: Vec<Document> =
        strata::load::load_bundled().docs.into_iter().map(|l| std::sync::Arc::unwrap_or_clone(l.doc)).collect();
    let spec = strata::corpus::Spec { seed: 1, regions, versions };
    strata::corpus::generate(&bases, spec, |_, _| {})
}

fn write_docs(out: &Path, docs: &[Document], versions: usize) {
    std::fs::create_dir_all(out).unwrap();
    for (i, d) in docs.iter().enumerate() {
        let p: PathBuf = out.join(strata::corpus::file_name(d, i % versions.max(1)));
        std::fs::write(p, strata::normalize::to_json(d)).unwrap();
    }
}

/// Every string of a document's JSON form, visited with an explicit stack (no recursion).
fn each_string(doc: &mut serde_json::Value, mut f: impl FnMut(&mut String)) {
    let mut stack = vec![doc];
    while let Some(v) = stack.pop() {
        match v {
            serde_json::Value::String(s) => f(s),
            serde_json::Value::Array(a) => stack.extend(a.iter_mut()),
            serde_json::Value::Object(o) => stack.extend(o.iter_mut().map(|(_, v)| v)),
            _ => {}
        }
    }
}

/// Makes the generated corpus's documents share (almost) no text, as strategies of different
/// regions written apart would: in every string of every document, the space-separated words are
/// put in an order of that document's own (a shuffle seeded by the document's position and the
/// text, so a text repeated inside one document stays equal to itself). Each text keeps its
/// bytes, its words and their counts (sizes, JSON size and word statistics are the corpus's), but
/// a paragraph of several words no longer equals any other document's. One-word strings (keys,
/// dates, ids) stay as they are.
fn make_distinct(docs: &mut [Document]) {
    use std::hash::{Hash, Hasher};
    for (i, doc) in docs.iter_mut().enumerate() {
        let mut v = serde_json::to_value(&*doc).unwrap();
        each_string(&mut v, |s| {
            let mut words: Vec<&str> = s.split(' ').collect();
            if words.len() < 2 {
                return;
            }
            let mut h = std::hash::DefaultHasher::new();
            (i, s.as_str()).hash(&mut h);
            let mut rng = strata::corpus::Rng::new(h.finish());
            for k in (1..words.len()).rev() {
                words.swap(k, rng.below(k + 1));
            }
            *s = words.join(" ");
        });
        *doc = serde_json::from_value(v).unwrap();
    }
}

/// How much of the documents' text is repeated: the bytes of all their strings of 16 bytes or
/// more (the ones loading shares, [`strata::model::Str`]) against those of the distinct ones.
fn shared_text(docs: &[Document]) -> String {
    let (mut all, mut seen) = (0usize, std::collections::HashSet::new());
    for doc in docs {
        each_string(&mut serde_json::to_value(doc).unwrap(), |s| {
            if s.len() >= 16 {
                all += s.len();
                seen.insert(std::mem::take(s));
            }
        });
    }
    let distinct: usize = seen.iter().map(String::len).sum();
    format!("{:.1} / {:.1} MB", all as f64 / 1e6, distinct as f64 / 1e6)
}

/// MB/s normalizing every raw sample text (median of 5 passes).
fn normalize_throughput() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/raw");
    let mut inputs: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()))
        .collect();
    inputs.sort();
    let bytes: usize = inputs.iter().map(|(_, b)| b.len()).sum();
    let d = median(5, || {
        for (name, b) in &inputs {
            std::hint::black_box(strata::normalize::normalize(b, name).ok());
        }
    });
    format!("{:.1} MB/s ({} texts, {:.1} MB)", bytes as f64 / 1e6 / d.as_secs_f64(), inputs.len(), bytes as f64 / 1e6)
}

/// Median of `n` runs of `f`.
fn median<T>(n: usize, f: impl FnMut() -> T) -> Duration {
    time(n, f).0
}

fn pct(v: &mut [Duration], p: usize) -> Duration {
    v.sort();
    v[(v.len() * p / 100).min(v.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

fn env_usize(k: &str, default: usize) -> usize {
    std::env::var(k).ok().and_then(|s| s.parse().ok()).unwrap_or(default)
}

/// Cores, CPU model and RAM, from /proc.
fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpu
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map_or("unknown CPU", |v| v.trim_start_matches([' ', '\t', ':']));
    let mem = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let ram = mem
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or("unknown".into(), |kb| format!("{:.1} GB RAM", kb as f64 / 1048576.0));
    format!("{} cores, {model}, {ram}", std::thread::available_parallelism().map_or(1, |n| n.get()))
}

fn load_avg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map_or("unknown".into(), |s| s.split(' ').take(3).collect::<Vec<_>>().join(" "))
}
