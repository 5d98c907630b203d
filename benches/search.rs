//! Search latency per keystroke: a set of reviewer queries typed prefix by prefix, searched as the
//! TUI would (every keystroke from scratch, and narrowed from the previous keystroke's matches like
//! `Searcher` does), on the sample documents and on the `strata corpus` of 255 documents, with the same
//! keystrokes run through `fzf --filter` over the same texts when fzf is installed.
//!
//! `cargo bench --bench search` (STRATA_BENCH_REGIONS sets the corpus size, default 85 regions x 3;
//! STRATA_BENCH_FZF=0 skips fzf).

mod shared;

use shared::*;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use strata::model::{Block, BlockKind, Document, Section};
use strata::search::{Index, Options, Query, Scope, run, search};

/// What reviewers type: phrases, abbreviations, section titles, operators.
const QUERIES: &[&str] = &[
    "цифровой профиль",
    "ЕГИСЗ",
    "платформа обратной связи",
    "здравоохранение",
    "искусственный интеллект",
    "электронный документооборот",
    "центр управления регионом",
    "образование !дополнительн",
    "'госуслуг",
    "^проект",
    "медицинских организаций",
    "информационной безопасности",
];

fn main() {
    let base = sample_docs();
    let keys = typed_prefixes(QUERIES);
    println!(
        "# strata search benchmark: {} keystrokes from {} queries; {} cores, load average {}",
        keys.len(),
        QUERIES.len(),
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        load()
    );
    bench("samples", &base.docs, &keys, &base.origin);
    let regions: usize = std::env::var("STRATA_BENCH_REGIONS").ok().and_then(|s| s.parse().ok()).unwrap_or(85);
    let spec = strata::corpus::Spec { regions, ..strata::corpus::Spec::default() };
    let big = strata::corpus::generate(&base.docs, spec, |_, _| {});
    let n = big.len();
    bench(&format!("corpus ({n} documents)"), &big, &keys, "`strata corpus`: every region in 3 versions");
    println!("\nload average at the end: {}", load());
}

struct Base {
    docs: Vec<Document>,
    origin: String,
}

/// The bundled samples; until they exist, the raw sample texts normalized, or (while the parsers are
/// still being written) split into paragraphs and sections crudely so the text volume is real.
fn sample_docs() -> Base {
    let bundled: Vec<Document> =
        strata::samples::BUNDLED.iter().filter_map(|(n, j)| strata::load::parse(n, j).ok()).collect();
    if !bundled.is_empty() {
        return Base { docs: bundled, origin: "bundled samples/*.json".into() };
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/raw");
    let mut files: Vec<_> =
        std::fs::read_dir(&dir).expect("samples/raw").filter_map(|e| e.ok()).map(|e| e.path()).collect();
    files.sort();
    let (mut docs, mut crude) = (Vec::new(), 0);
    for f in files.iter().filter(|p| p.extension().is_some_and(|x| x == "txt")) {
        let bytes = std::fs::read(f).unwrap();
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        match strata::normalize::normalize(&bytes, &name) {
            Ok(d) => docs.push(d),
            Err(_) => {
                crude += 1;
                docs.push(crude_doc(&bytes, &name));
            }
        }
    }
    let origin = format!(
        "samples/raw/*.txt ({crude} of {} split crudely: normalizer parsers not in this branch yet)",
        docs.len()
    );
    Base { docs, origin }
}

fn para(text: String) -> Block {
    Block { kind: BlockKind::Paragraph, text }
}

fn section(key: String, title: String, blocks: Vec<Block>) -> Section {
    Section { key, number: None, title, blocks, children: Vec::new(), line: None, offset: None }
}

/// A document from raw text without the real parsers: headings are short numbered lines or lines the
/// template recognises; paragraphs end at blank lines; single-line texts are cut every 100 words.
fn crude_doc(bytes: &[u8], name: &str) -> Document {
    let text = strata::normalize::decode::decode(bytes).unwrap().text;
    let meta = strata::normalize::meta::extract(&text);
    let mut sections: Vec<Section> = Vec::new();
    let mut cur = section("preamble".into(), "Преамбула".into(), Vec::new());
    let mut buf = String::new();
    let flush = |buf: &mut String, cur: &mut Section| {
        if !buf.trim().is_empty() {
            cur.blocks.push(para(std::mem::take(buf).trim().to_string()));
        }
        buf.clear();
    };
    if text.lines().count() > 100 {
        for line in text.lines() {
            let l = line.trim();
            let numbered = l.split_whitespace().next().is_some_and(|w| {
                w.trim_end_matches('.').split('.').all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
            });
            let heading = l.chars().count() < 100
                && l.chars().any(char::is_alphabetic)
                && (numbered || strata::model::keys::top_level(l).is_some());
            if heading {
                flush(&mut buf, &mut cur);
                let done = std::mem::replace(
                    &mut cur,
                    section(format!("extra.s{}", sections.len()), l.to_string(), Vec::new()),
                );
                sections.push(done);
            } else if l.is_empty() {
                flush(&mut buf, &mut cur);
            } else {
                buf.push_str(l);
                buf.push(' ');
            }
        }
        flush(&mut buf, &mut cur);
        sections.push(cur);
    } else {
        let words: Vec<&str> = text.split_whitespace().collect();
        for (i, chunk) in words.chunks(1500).enumerate() {
            let title = chunk.iter().take(6).copied().collect::<Vec<_>>().join(" ");
            let blocks = chunk.chunks(100).map(|p| para(p.join(" "))).collect();
            sections.push(section(format!("extra.s{i}"), title, blocks));
        }
    }
    let region = meta.region.unwrap_or(strata::model::Region { name: name.into(), key: name.into() });
    let json = serde_json::json!({
        "schema": 1,
        "meta": { "region": region, "title": meta.title.unwrap_or_default(), "approval": null, "period": null,
                  "version": { "label": "raw", "date": null } },
        "source": { "file": name, "sha256": "", "format": "lines",
                    "quality": { "grade": "C", "score": 50, "warnings": [] } },
    });
    let mut doc: Document = serde_json::from_value(json).unwrap();
    doc.sections = sections;
    doc
}

fn pct(v: &mut [Duration], p: usize) -> Duration {
    v.sort();
    v[(v.len() * p / 100).min(v.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

/// CPU time used so far by the whole process (all threads): unlike wall-clock time it does not grow
/// while the benchmark waits for a core on a busy machine.
fn cpu() -> Duration {
    rusage(libc::RUSAGE_SELF)
}

/// CPU time used by finished child processes (fzf), all threads.
fn cpu_children() -> Duration {
    rusage(libc::RUSAGE_CHILDREN)
}

fn rusage(who: libc::c_int) -> Duration {
    // SAFETY: getrusage only writes the struct it is given.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(who, &mut u) };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(u.ru_utime) + tv(u.ru_stime)
}

/// Prints wall-clock and CPU-time percentiles of one series.
fn report(label: &str, wall: &mut [Duration], used: &mut [Duration]) {
    println!(
        "  {label:<46} wall p50 {:>9} p99 {:>9} max {:>9} | cpu p50 {:>9} p99 {:>9}  ({} runs)",
        ms(pct(wall, 50)),
        ms(pct(wall, 99)),
        ms(*wall.iter().max().unwrap()),
        ms(pct(used, 50)),
        ms(pct(used, 99)),
        wall.len()
    );
}

/// The machine's load average, printed with the figures: wall-clock latencies on a busy machine
/// include waiting for a core.
fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map_or("unknown".into(), |s| s.split(' ').take(3).collect::<Vec<_>>().join(" "))
}

fn bench(name: &str, docs: &[Document], keys: &[String], origin: &str) {
    let started = Instant::now();
    let ix = Index::build(docs);
    let build = started.elapsed();
    let bytes: usize = ix.items.iter().map(|i| i.text.len()).sum();
    println!(
        "\n## {name}: {} documents, {} items, {:.1} MB of text ({origin}); index built in {}",
        docs.len(),
        ix.items.len(),
        bytes as f64 / 1e6,
        ms(build)
    );
    let opts = Options { limit: 50, ..Options::default() };
    let time = |label: &str, f: &mut dyn FnMut(&str) -> usize| -> Vec<usize> {
        let (mut wall, mut used, mut counts) = (Vec::new(), Vec::new(), Vec::new());
        for k in keys {
            let (s, c) = (Instant::now(), cpu());
            counts.push(f(k));
            wall.push(s.elapsed());
            used.push(cpu() - c);
        }
        let slowest = (0..keys.len()).max_by_key(|&i| used[i]).unwrap();
        report(label, &mut wall, &mut used);
        println!("  {:<46} slowest keystroke by CPU: «{}»", "", keys[slowest]);
        counts
    };
    let counts = time("all fields, each keystroke from scratch", &mut |k| {
        run(&ix, &Query::parse(k), &opts, None, &|| false).unwrap().matched.len()
    });
    let mut prev: Option<(Query, Vec<usize>)> = None;
    time("all fields, narrowed from previous keystroke", &mut |k| {
        let q = Query::parse(k);
        let cand = prev.as_ref().filter(|(p, _)| !p.is_empty() && q.narrows(p)).map(|(_, m)| m.as_slice());
        let out = run(&ix, &q, &opts, cand, &|| false).unwrap();
        let n = out.matched.len();
        prev = Some((q, out.matched));
        n
    });
    let titles = Options { scope: Scope::Titles, ..opts };
    time("titles only (quick-jump palette)", &mut |k| search(&ix, &Query::parse(k), &titles).len());
    let s = Instant::now();
    let ocr = Options { ocr: true, ..opts };
    search(&ix, &Query::parse("области"), &ocr);
    println!("  OCR skeletons built on first OCR search in {}", ms(s.elapsed()));
    time("all fields, OCR-tolerant", &mut |k| search(&ix, &Query::parse(k), &ocr).len());
    fzf(&ix, keys, &counts);
}

/// The same keystrokes through `fzf --filter` over the same item texts, one per line.
fn fzf(ix: &Index, keys: &[String], ours: &[usize]) {
    if std::env::var("STRATA_BENCH_FZF").is_ok_and(|v| v == "0") {
        println!("  fzf: skipped (STRATA_BENCH_FZF=0)");
        return;
    }
    if Command::new("fzf").arg("--version").output().is_err() {
        println!("  fzf: not installed, comparison skipped");
        return;
    }
    let mut file = tempfile::NamedTempFile::new().unwrap();
    for it in &ix.items {
        writeln!(file, "{}", it.text.replace('\n', " ")).unwrap();
    }
    file.flush().unwrap();
    // fzf rereads and rematches everything per run: on a large corpus use every n-th keystroke only.
    let step = (ix.items.len() / 20_000).max(1);
    let picked: Vec<usize> = (0..keys.len()).step_by(step).collect();
    let (mut wall, mut used, mut fzf_counts) = (Vec::new(), Vec::new(), Vec::new());
    for k in picked.iter().map(|&i| &keys[i]) {
        let input = std::fs::File::open(file.path()).unwrap();
        let (s, c) = (Instant::now(), cpu_children());
        let out = Command::new("fzf").arg("--filter").arg(k).stdin(input).stderr(Stdio::null()).output().unwrap();
        wall.push(s.elapsed());
        used.push(cpu_children() - c);
        fzf_counts.push(out.stdout.iter().filter(|&&b| b == b'\n').count());
    }
    report(&format!("fzf --filter (process, same texts, 1 in {step})"), &mut wall, &mut used);
    let ours: Vec<usize> = picked.iter().map(|&i| ours[i]).collect();
    let total = ix.items.len();
    let share = |c: &[usize]| c.iter().map(|&n| n as f64 / total as f64).sum::<f64>() / c.len() as f64 * 100.0;
    println!(
        "  items matched per keystroke, mean share of {total}: strata {:.1}%, fzf {:.1}% (fzf matches body text fuzzily)",
        share(&ours),
        share(&fzf_counts)
    );
}
