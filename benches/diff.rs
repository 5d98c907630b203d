//! Diff benchmark: section and whole-document diff times, beside `git diff --no-index
//! --word-diff=porcelain` on the same texts exported to files; then whole processes, alternating
//! runs (`strata diff A.json B.json` against `git diff --no-index --word-diff` on the exported
//! text, and `--section KEY` against git on that section's text), the growth of diff time with
//! input size (x1 against x8 concatenated documents) and JSON load throughput.
//!
//! `cargo bench --bench diff` (`STRATA_BENCH_SAMPLES=DIR` reads the JSON documents from DIR).
//! Inputs: the normalized samples (`samples/*.json`) when present: the
//! two largest documents, and ivanovo against its illustrative revision. Without them, documents
//! are built from the raw texts by a stand-in splitter (sections at `N.N.` headings, blocks at
//! sentence ends), which has the same size and wording as the real documents; the report says which
//! inputs it used.

mod shared;

/// The binary's allocator (`src/main.rs`), so that in-process figures are the product's.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

use shared::*;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use strata::compare::{Options, diff_documents, words::diff_words};
use strata::model::{Block, BlockKind, Document, Section};

/// The section the process-level section diff compares (the largest common one when absent).
const SECTION: &str = "problems.healthcare";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
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
    let mut current = Section { key: "preamble".into(), ..Default::default() };
    let mut para = String::new();
    for line in text.lines() {
        let t = line.trim();
        if t.is_empty() || t.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        if let Some(num) = heading(line) {
            if !para.is_empty() {
                current.blocks.push(Block { kind: BlockKind::Paragraph, text: std::mem::take(&mut para).into() });
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
            current.blocks.push(Block { kind: BlockKind::Paragraph, text: std::mem::take(&mut para).into() });
        }
    }
    if !para.is_empty() {
        current.blocks.push(Block { kind: BlockKind::Paragraph, text: para.into() });
    }
    doc.sections.push(current);
    doc
}

/// The documents to compare: (name, A, B) pairs, and a note on where they came from.
fn inputs() -> (Vec<(String, Document, Document)>, &'static str) {
    let dir = std::env::var_os("STRATA_BENCH_SAMPLES").map(PathBuf::from).unwrap_or_else(|| root().join("samples"));
    let samples = strata::load::load_paths(&[dir]);
    let mut docs: Vec<(u64, Document)> = samples
        .docs
        .into_iter()
        .map(|l| (std::fs::metadata(&l.origin).map(|m| m.len()).unwrap_or(0), std::sync::Arc::unwrap_or_clone(l.doc)))
        .collect();
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
    // `STRATA_BENCH_ONLY=growth` runs only the in-process growth measurement (quick to repeat).
    if std::env::var("STRATA_BENCH_ONLY").is_ok_and(|v| v == "growth") {
        growth(&Options::default());
        println!("\nload average at the end: {}", load_avg());
        return;
    }
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
        let (med, min) = time(21, || diff_words(&ta, &tb, &opts.norm));
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
    processes(&dir, &pairs);
    growth(&opts);
    load_throughput();
    println!("\nload average at the end: {}", load_avg());
    let _ = std::fs::remove_dir_all(&dir);
}

/// Medians of `n` alternating runs of some commands (each is a whole process): wall time, and
/// CPU time (user + system, of the child, from `wait4`).
fn alternate(n: usize, cmds: &mut [&mut Command]) -> Vec<(Duration, Duration)> {
    let mut times: Vec<Vec<(Duration, Duration)>> = vec![Vec::new(); cmds.len()];
    let run = |c: &mut Command| {
        let t = Instant::now();
        #[expect(clippy::zombie_processes, reason = "wait_cpu reaps the child with wait4")]
        let mut child = c.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::piped()).spawn().unwrap();
        let (status, cpu) = wait_cpu(child.id());
        let wall = t.elapsed();
        let mut err = String::new();
        std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err).unwrap();
        assert!(status.is_some_and(|c| c <= 1), "{c:?}: {err}");
        (wall, cpu)
    };
    for round in 0..n + 3 {
        for (c, v) in cmds.iter_mut().zip(&mut times) {
            let t = run(c);
            if round >= 3 {
                v.push(t);
            }
        }
    }
    times
        .into_iter()
        .map(|v| {
            let mut wall: Vec<Duration> = v.iter().map(|t| t.0).collect();
            let mut cpu: Vec<Duration> = v.iter().map(|t| t.1).collect();
            wall.sort();
            cpu.sort();
            (wall[n / 2], cpu[n / 2])
        })
        .collect()
}

/// Waits for child `pid`: its exit code and its CPU time (user + system).
fn wait_cpu(pid: u32) -> (Option<i32>, Duration) {
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value for wait4 to fill.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is our own child, not yet waited for; status and ru point to live values.
    let r = unsafe { libc::wait4(pid as i32, &mut status, 0, &mut ru) };
    assert_eq!(r, pid as i32, "wait4");
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    (code, tv(ru.ru_utime) + tv(ru.ru_stime))
}

/// `strata diff` as a process against git's word diff of the exported texts, whole documents and
/// one section; the ratio is strata's median over git's (<= 1 is the goal).
fn processes(dir: &Path, pairs: &[(String, Document, Document)]) {
    println!(
        "\n{:<46} {:>15} {:>15} {:>15} {:>11}",
        "whole processes, alternating (median of 21)", "strata diff", "--no-cache", "git word-diff", "ratio"
    );
    println!("{:<46} {:>15} {:>15} {:>15} {:>11}", "", "wall / CPU", "wall / CPU", "wall / CPU", "wall / CPU");
    let strata_bin = env!("CARGO_BIN_EXE_strata");
    for (name, a, b) in pairs {
        let (ja, jb) = (dir.join("a.json"), dir.join("b.json"));
        std::fs::write(&ja, strata::normalize::to_json(a)).unwrap();
        std::fs::write(&jb, strata::normalize::to_json(b)).unwrap();
        // Files a reviewer diffs were not written in the last two seconds: old enough to cache.
        let hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
        for f in [&ja, &jb] {
            std::fs::File::options().write(true).open(f).unwrap().set_modified(hour_ago).unwrap();
        }
        let key = if a.section(SECTION).is_some() && b.section(SECTION).is_some() {
            SECTION.to_string()
        } else {
            a.walk().map(|(_, s)| s.key.clone()).find(|k| b.section(k).is_some()).unwrap_or_default()
        };
        let subtree = |d: &Document| {
            let s = d.section(&key).expect("a common section").clone();
            Document { sections: vec![s], ..d.clone() }
        };
        for (what, ta, tb, section) in [
            ("whole", export(a), export(b), None),
            ("section", export(&subtree(a)), export(&subtree(b)), Some(key.as_str())),
        ] {
            std::fs::write(dir.join("a.txt"), ta).unwrap();
            std::fs::write(dir.join("b.txt"), tb).unwrap();
            let strata = |extra: &[&str]| {
                let mut s = Command::new(strata_bin);
                s.args(["diff", "a.json", "b.json", "--color", "never"]).args(extra).current_dir(dir);
                s.env("XDG_CACHE_HOME", dir.join("cache"));
                if let Some(k) = section {
                    s.args(["--section", k]);
                }
                s
            };
            let (mut s, mut nc) = (strata(&[]), strata(&["--no-cache"]));
            let mut g = Command::new("git");
            g.args(["diff", "--no-index", "--word-diff", "a.txt", "b.txt"]).current_dir(dir);
            let t = alternate(21, &mut [&mut s, &mut nc, &mut g]);
            let label = match section {
                None => format!("{name}, {what}"),
                Some(k) => format!("{name}, --section {k}"),
            };
            let pair =
                |(w, c): (Duration, Duration)| format!("{:.2} / {:.2}", w.as_secs_f64() * 1e3, c.as_secs_f64() * 1e3);
            let ratio = |x: Duration, y: Duration| x.as_secs_f64() / y.as_secs_f64();
            println!(
                "{label:<46} {:>15} {:>15} {:>15} {:>11}",
                pair(t[0]),
                pair(t[1]),
                pair(t[2]),
                format!("{:.2} / {:.2}", ratio(t[0].0, t[2].0), ratio(t[0].1, t[2].1))
            );
        }
    }
}

/// One document made of several: each part's sections, projects and indicators under its own
/// prefix, so that the parts never meet (a strategy eight times as long, not eight copies).
fn concat(parts: &[&Document]) -> Document {
    fn prefix(s: &mut Section, p: &str) {
        s.key = format!("{p}.{}", s.key);
        for c in &mut s.children {
            prefix(c, p);
        }
    }
    let mut out = Document { sections: vec![], projects: vec![], indicators: vec![], ..parts[0].clone() };
    for (k, d) in parts.iter().enumerate() {
        let p = format!("c{k}");
        for s in &d.sections {
            let mut s = s.clone();
            prefix(&mut s, &p);
            out.sections.push(s);
        }
        for pr in &d.projects {
            let mut pr = pr.clone();
            pr.id = format!("{p}/{}", pr.id);
            pr.sector = format!("{p}/{}", pr.sector);
            out.projects.push(pr);
        }
        for i in &d.indicators {
            let mut i = i.clone();
            i.project_id = i.project_id.map(|id| format!("{p}/{id}"));
            i.sector = format!("{p}/{}", i.sector);
            out.indicators.push(i);
        }
    }
    out
}

/// CPU time of this process so far (user + system, all threads).
fn process_cpu() -> Duration {
    // SAFETY: a zeroed rusage is a valid value for getrusage to fill.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: ru points to a live value.
    let r = unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut ru) };
    assert_eq!(r, 0, "getrusage");
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(ru.ru_utime) + tv(ru.ru_stime)
}

/// Wall and CPU time (of the whole process: a large comparison uses two threads) of one call.
fn wall_cpu<T>(f: impl FnOnce() -> T) -> (Duration, Duration) {
    let (t, c) = (Instant::now(), process_cpu());
    std::hint::black_box(f());
    (t.elapsed(), process_cpu() - c)
}

/// Diff time of x1 and x8 inputs (eight regions of a generated corpus concatenated): a revision
/// and a region pair. Linear cost means the time ratio stays near the size ratio. The x1 diff,
/// the x8 diff and the eight parts of x8 diffed one by one alternate, so that a change of the
/// machine's load falls on all three; the last column is x8's CPU time over the parts' sum (above
/// 1: what the concatenation itself costs, e.g. data that no longer fits in the cache).
fn growth(opts: &Options) {
    const RUNS: usize = 11;
    let bases: Vec<Document> =
        strata::load::load_bundled().docs.into_iter().map(|l| std::sync::Arc::unwrap_or_clone(l.doc)).collect();
    let spec = strata::corpus::Spec { seed: 3, regions: 8, versions: 2 };
    let docs = strata::corpus::generate(&bases, spec, |_, _| {});
    let v1: Vec<&Document> = docs.iter().step_by(2).collect();
    let v2: Vec<&Document> = docs.iter().skip(1).step_by(2).collect();
    let shifted: Vec<&Document> = (0..v1.len()).map(|k| v1[(k + 1) % v1.len()]).collect();
    println!(
        "\n{:<46} {:>15} {:>15} {:>7} {:>13} {:>9}",
        format!("growth (in process, median of {RUNS} alternating)"),
        "x1",
        "x8",
        "size x",
        "time x",
        "x8/parts"
    );
    println!("{:<46} {:>15} {:>15} {:>7} {:>13} {:>9}", "", "wall / CPU", "wall / CPU", "", "wall / CPU", "CPU");
    for (what, bs) in [("revision", &v2), ("two regions", &shifted)] {
        let (a1, b1) = (v1[0], bs[0]);
        let (a8, b8) = (concat(&v1), concat(bs));
        let parts: Vec<(&Document, &Document)> = v1.iter().copied().zip(bs.iter().copied()).collect();
        let size = |a: &Document, b: &Document| (export(a).len() + export(b).len()) as f64;
        let (mut t1, mut t8, mut tp) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..RUNS {
            t1.push(wall_cpu(|| diff_documents(a1, b1, opts)));
            t8.push(wall_cpu(|| diff_documents(&a8, &b8, opts)));
            tp.push(wall_cpu(|| parts.iter().map(|(a, b)| diff_documents(a, b, opts).sections.len()).sum::<usize>()));
        }
        let median = |v: &mut Vec<(Duration, Duration)>| {
            let mut w: Vec<Duration> = v.iter().map(|t| t.0).collect();
            let mut c: Vec<Duration> = v.iter().map(|t| t.1).collect();
            w.sort();
            c.sort();
            (w[RUNS / 2].as_secs_f64(), c[RUNS / 2].as_secs_f64())
        };
        let ((w1, c1), (w8, c8), (_, cp)) = (median(&mut t1), median(&mut t8), median(&mut tp));
        println!(
            "{:<46} {:>15} {:>15} {:>7.1} {:>13} {:>9.2}",
            format!("whole-document diff, {what}"),
            format!("{:.2} / {:.2}", w1 * 1e3, c1 * 1e3),
            format!("{:.2} / {:.2}", w8 * 1e3, c8 * 1e3),
            size(&a8, &b8) / size(a1, b1),
            format!("{:.1} / {:.1}", w8 / w1, c8 / c1),
            c8 / cp
        );
    }
}

/// MB/s of `load_file` over the sample JSON files, beside reading the same bytes.
fn load_throughput() {
    let dir = std::env::var_os("STRATA_BENCH_SAMPLES").map(PathBuf::from).unwrap_or_else(|| root().join("samples"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let bytes: u64 = files.iter().map(|f| std::fs::metadata(f).map_or(0, |m| m.len())).sum();
    let parse = strata::read::Options { cache: false, ..Default::default() };
    let (load, _) = time(9, || files.iter().filter(|f| strata::read::open::open(f, &parse, &|_| {}).is_ok()).count());
    // The binary cache, in a folder of the benchmark's own (an entry per file, written once).
    let cache = std::env::temp_dir().join(format!("strata-load-bench-{}", std::process::id()));
    let ids: Vec<_> = files.iter().map(|f| strata::read::cache::Identity::of(f)).collect();
    let entries = |dir: &Path| {
        files
            .iter()
            .zip(&ids)
            .filter_map(|(f, id)| {
                let entry = strata::read::cache::JsonEntry::get_in(dir, f, id.as_ref()?)?;
                entry.document(strata::read::cache::binary::Parts::ALL)
            })
            .count()
    };
    for ((f, id), l) in files.iter().zip(&ids).zip(files.iter().map(|f| strata::read::open::open(f, &parse, &|_| {}))) {
        if let (Some(id), Ok(l)) = (id, l) {
            strata::read::cache::put_json_in(&cache, f, id, &l.doc);
        }
    }
    let cached_n = entries(&cache);
    let (cached, _) = time(9, || entries(&cache));
    let _ = std::fs::remove_dir_all(&cache);
    let (read, _) = time(9, || files.iter().map(|f| std::fs::read(f).map_or(0, |b| b.len())).sum::<usize>());
    let mbs = |d: Duration| bytes as f64 / 1e6 / d.as_secs_f64();
    println!(
        "\nload {} JSON files, {:.1} MB: {:.0} MB/s parsed, {:.0} MB/s from the binary cache ({cached_n} entries; \
         reading the JSON bytes alone: {:.0} MB/s)",
        files.len(),
        bytes as f64 / 1e6,
        mbs(load),
        mbs(cached),
        mbs(read)
    );
}

fn load_avg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map_or("unknown".into(), |s| s.split(' ').take(3).collect::<Vec<_>>().join(" "))
}
