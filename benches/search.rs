//! Search latency per keystroke: a set of reviewer queries typed prefix by prefix, searched as the
//! TUI would (every keystroke from scratch, and narrowed from the previous keystroke's matches like
//! `Searcher` does), on the sample documents and on a large synthetic corpus, with the same
//! keystrokes run through `fzf --filter` over the same texts when fzf is installed.
//!
//! `cargo bench --bench search` (STRATA_BENCH_DOCS sets the synthetic corpus size, default 250).

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

fn keystrokes() -> Vec<String> {
    let mut out = Vec::new();
    for q in QUERIES {
        let mut prefix = String::new();
        for c in q.chars() {
            prefix.push(c);
            if !c.is_whitespace() {
                out.push(prefix.clone());
            }
        }
    }
    out
}

fn main() {
    let base = sample_docs();
    let keys = keystrokes();
    println!("# strata search benchmark: {} keystrokes from {} queries", keys.len(), QUERIES.len());
    bench("samples", &base.docs, &keys, &base.origin);
    let n: usize = std::env::var("STRATA_BENCH_DOCS").ok().and_then(|s| s.parse().ok()).unwrap_or(250);
    let big = synthetic(&base.docs, n);
    bench(&format!("synthetic ({n} documents)"), &big, &keys, "samples replicated with perturbed letters");
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

/// A large corpus: the samples replicated under other regions' names, with letters dropped from
/// words at random (seeded) as OCR does, so no two copies are equal.
fn synthetic(base: &[Document], n: usize) -> Vec<Document> {
    let regions = strata::model::region::REGIONS;
    let mut rng = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    (0..n)
        .map(|i| {
            let mut d = base[i % base.len()].clone();
            let r = &regions[i % regions.len()];
            d.meta.region = strata::model::Region { name: r.name.into(), key: r.key.into() };
            let mut stack: Vec<&mut Section> = d.sections.iter_mut().collect();
            while let Some(s) = stack.pop() {
                for b in &mut s.blocks {
                    b.text = b
                        .text
                        .split(' ')
                        .map(|w| {
                            let len = w.chars().count();
                            if len > 4 && next() % 20 == 0 {
                                let drop = (next() % len as u64) as usize;
                                w.chars().enumerate().filter(|&(k, _)| k != drop).map(|(_, c)| c).collect()
                            } else {
                                w.to_string()
                            }
                        })
                        .collect::<Vec<_>>()
                        .join(" ");
                }
                stack.extend(s.children.iter_mut());
            }
            d
        })
        .collect()
}

fn pct(v: &mut [Duration], p: usize) -> Duration {
    v.sort();
    v[(v.len() * p / 100).min(v.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

fn report(label: &str, v: &mut [Duration]) {
    let max = *v.iter().max().unwrap();
    println!("  {label:<44} p50 {:>10}  p99 {:>10}  max {:>10}", ms(pct(v, 50)), ms(pct(v, 99)), ms(max));
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
    let time = |f: &mut dyn FnMut(&str) -> usize| -> (Vec<Duration>, Vec<usize>) {
        let mut t = Vec::new();
        let mut counts = Vec::new();
        for k in keys {
            let s = Instant::now();
            counts.push(f(k));
            t.push(s.elapsed());
        }
        (t, counts)
    };
    let (mut fresh, counts) = time(&mut |k| run(&ix, &Query::parse(k), &opts, None, &|| false).unwrap().matched.len());
    report("all fields, each keystroke from scratch", &mut fresh);
    let mut prev: Option<(Query, Vec<usize>)> = None;
    let (mut narrowed, _) = time(&mut |k| {
        let q = Query::parse(k);
        let cand = prev.as_ref().filter(|(p, _)| !p.is_empty() && q.narrows(p)).map(|(_, m)| m.as_slice());
        let out = run(&ix, &q, &opts, cand, &|| false).unwrap();
        let n = out.matched.len();
        prev = Some((q, out.matched));
        n
    });
    report("all fields, narrowed from previous keystroke", &mut narrowed);
    let titles = Options { scope: Scope::Titles, ..opts };
    let (mut t, _) = time(&mut |k| search(&ix, &Query::parse(k), &titles).len());
    report("titles only (quick-jump palette)", &mut t);
    let s = Instant::now();
    let ocr = Options { ocr: true, ..opts };
    search(&ix, &Query::parse("области"), &ocr);
    println!("  OCR skeletons built on first OCR search in {}", ms(s.elapsed()));
    let (mut t, _) = time(&mut |k| search(&ix, &Query::parse(k), &ocr).len());
    report("all fields, OCR-tolerant", &mut t);
    fzf(&ix, keys, &counts);
}

/// The same keystrokes through `fzf --filter` over the same item texts, one per line.
fn fzf(ix: &Index, keys: &[String], ours: &[usize]) {
    if Command::new("fzf").arg("--version").output().is_err() {
        println!("  fzf: not installed, comparison skipped");
        return;
    }
    let mut file = tempfile::NamedTempFile::new().unwrap();
    for it in &ix.items {
        writeln!(file, "{}", it.text.replace('\n', " ")).unwrap();
    }
    file.flush().unwrap();
    let mut times = Vec::new();
    let mut fzf_counts = Vec::new();
    for k in keys {
        let input = std::fs::File::open(file.path()).unwrap();
        let s = Instant::now();
        let out = Command::new("fzf").arg("--filter").arg(k).stdin(input).stderr(Stdio::null()).output().unwrap();
        times.push(s.elapsed());
        fzf_counts.push(out.stdout.iter().filter(|&&b| b == b'\n').count());
    }
    report("fzf --filter (process, same texts)", &mut times);
    let total = ix.items.len();
    let share = |c: &[usize]| c.iter().map(|&n| n as f64 / total as f64).sum::<f64>() / c.len() as f64 * 100.0;
    println!(
        "  items matched per keystroke, mean share of {total}: strata {:.1}%, fzf {:.1}% (fzf matches body text fuzzily)",
        share(ours),
        share(&fzf_counts)
    );
}
