//! Search speed, beside the peer tools in the same run.
//!
//! 1. Whole processes on the 255 documents of `strata corpus`: `strata search QUERY DIR` (index
//!    cache warm) against `rg -i` over the same documents exported as text, and `fzf --filter` over
//!    the same texts (one item per line): CPU and wall time, peak memory, ratios.
//! 2. In the TUI: keystroke to results drawn (key handled, search job run, results drawn into a
//!    buffer) as reviewer queries are typed letter by letter into the search overlay, on the samples
//!    and on the corpus.
//! 3. The engine alone per keystroke: from scratch, narrowed from the previous keystroke (as the TUI
//!    does), titles only (quick-jump palette).
//! 4. `keys` (not run by default): the TUI's first answer to each keystroke, the engine alone (the
//!    search job's call: a screenful, lazily, versions grouped, narrowed from the previous
//!    keystroke's full answer), as this thread's CPU time: the figure to profile (`perf record`).
//!
//! `cargo bench --bench search` (STRATA_BENCH_REGIONS sets the corpus size, default 85 regions x 3;
//! STRATA_BENCH_RUNS the runs per process measurement, default 3; STRATA_BENCH_PARTS which parts
//! to run, e.g. `tui,engine`, default all three: `processes,tui,engine`; STRATA_BENCH_KEEP a new
//! folder to build the corpus, its text and the cache in, kept afterwards). rg and fzf must be installed.

mod shared;

use shared::*;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use strata::load::{Loaded, load_paths};
use strata::search::{Index, Options, Query, Scope, run, run_grouped, search};
use strata::tui::testing::Harness;

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

/// The literal text rg is given for a query: its positive words as typed, operators removed (rg has
/// no word forms, so it is given the form that occurs).
fn rg_pattern(q: &str) -> String {
    q.split_whitespace()
        .filter(|w| !w.starts_with('!'))
        .map(|w| w.trim_start_matches(['\'', '^']))
        .collect::<Vec<_>>()
        .join(" ")
}

fn main() {
    let regions: usize = std::env::var("STRATA_BENCH_REGIONS").ok().and_then(|s| s.parse().ok()).unwrap_or(85);
    let runs: usize = std::env::var("STRATA_BENCH_RUNS").ok().and_then(|s| s.parse().ok()).unwrap_or(3).max(1);
    println!(
        "# strata search benchmark; {} cores, load average {}",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        load()
    );
    assert!(Path::new("/usr/bin/time").exists(), "/usr/bin/time is needed by this benchmark (apt-get install time)");
    for tool in ["rg", "fzf"] {
        let ok = Command::new(tool).arg("--version").stdout(Stdio::null()).status().is_ok_and(|s| s.success());
        assert!(ok, "{tool} is needed by this benchmark (apt-get install ripgrep fzf)");
    }
    // STRATA_BENCH_KEEP=DIR builds the corpus, its exported text and the cache in DIR (new or
    // empty) and keeps them, to measure single processes on them afterwards (`perf stat`).
    let temp = tempfile::tempdir().unwrap();
    let dir = std::env::var_os("STRATA_BENCH_KEEP").map_or_else(|| temp.path().to_path_buf(), std::path::PathBuf::from);
    std::fs::create_dir_all(&dir).unwrap();
    assert!(std::fs::read_dir(&dir).unwrap().next().is_none(), "STRATA_BENCH_KEEP names an empty folder");
    let corpus = dir.join("corpus");
    let status = Command::new(env!("CARGO_BIN_EXE_strata"))
        .args(["corpus", "--regions", &regions.to_string(), "--out"])
        .arg(&corpus)
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "strata corpus");
    let set = load_paths(std::slice::from_ref(&corpus));
    assert!(set.errors.is_empty(), "corpus loads");
    let parts = std::env::var("STRATA_BENCH_PARTS").unwrap_or_else(|_| "processes,tui,engine".into());
    let part = |p: &str| parts.split(',').any(|x| x.trim() == p);
    if part("processes") {
        processes(&set.docs, &corpus, &dir, runs);
    }
    let samples = strata::load::load_bundled().docs;
    if part("tui") {
        keystrokes("samples", samples.clone());
        keystrokes(&format!("corpus ({} documents)", set.docs.len()), set.docs.clone());
    }
    if part("engine") {
        engine("samples", &samples);
        engine(&format!("corpus ({} documents)", set.docs.len()), &set.docs);
    }
    if part("keys") {
        first_answers(&format!("corpus ({} documents)", set.docs.len()), &set.docs);
    }
    println!("\nload average at the end: {}", load());
}

/// Resources one child process used: CPU (user + system), wall time, peak resident memory.
#[derive(Clone, Copy)]
struct Used {
    cpu: Duration,
    wall: Duration,
    rss_kb: i64,
}

/// Runs a command to its end under `/usr/bin/time` (its peak memory: a child forked from this
/// process would count the benchmark's own pages until it execs), its CPU time through `wait4`
/// (which includes the waited-for command's), with `stdin` as its input.
#[allow(clippy::zombie_processes)]
fn measure(cmd: &Command, stdin: Option<std::fs::File>) -> (Used, Vec<u8>) {
    let report = tempfile::NamedTempFile::new().unwrap();
    let mut timed = Command::new("/usr/bin/time");
    timed.args(["-f", "%M", "-o"]).arg(report.path()).arg(cmd.get_program()).args(cmd.get_args());
    for (k, v) in cmd.get_envs() {
        if let Some(v) = v {
            timed.env(k, v);
        }
    }
    if let Some(f) = stdin {
        timed.stdin(f);
    }
    let t = Instant::now();
    let mut child = timed.stdout(Stdio::piped()).stderr(Stdio::null()).spawn().expect("spawn");
    let mut out = Vec::new();
    std::io::Read::read_to_end(child.stdout.as_mut().unwrap(), &mut out).unwrap();
    let mut status = 0;
    // SAFETY: wait4 writes only the status and the rusage struct it is given.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut ru) };
    assert_eq!(pid, child.id() as libc::pid_t, "wait4");
    let wall = t.elapsed();
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    let rss_kb = std::fs::read_to_string(report.path()).unwrap().trim().lines().last().unwrap().parse().unwrap();
    (Used { cpu: tv(ru.ru_utime) + tv(ru.ru_stime), wall, rss_kb }, out)
}

/// The median run by CPU time of `n` runs.
fn median(n: usize, mut f: impl FnMut() -> (Used, Vec<u8>)) -> (Used, Vec<u8>) {
    let mut v: Vec<(Used, Vec<u8>)> = (0..n).map(|_| f()).collect();
    v.sort_by_key(|r| r.0.cpu);
    v.swap_remove(n / 2)
}

fn secs(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64())
}

/// Part 1: whole processes over the corpus, strata against rg and fzf.
fn processes(docs: &[Loaded], corpus: &Path, tmp: &Path, runs: usize) {
    let json: u64 = std::fs::read_dir(corpus).unwrap().map(|e| e.unwrap().metadata().unwrap().len()).sum();
    let text = tmp.join("text");
    std::fs::create_dir_all(&text).unwrap();
    let mut all = String::new();
    for (i, l) in docs.iter().enumerate() {
        let t = export(&l.doc);
        std::fs::write(text.join(format!("{i:03}.txt")), &t).unwrap();
        all.push_str(&t);
    }
    let lines = tmp.join("all.txt");
    std::fs::write(&lines, &all).unwrap();
    println!(
        "\n## Whole processes: {} documents, {:.0} MB of JSON, {:.0} MB exported as text; median of {runs} runs",
        docs.len(),
        json as f64 / 1e6,
        all.len() as f64 / 1e6
    );
    let cache = tmp.join("cache");
    let strata = |q: &str| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_strata"));
        c.arg("search").arg(q).arg(corpus).env("XDG_CACHE_HOME", &cache).env("LANG", "C");
        c
    };
    // The cache stamps a file (so that a later search neither reads nor hashes it) only once it
    // has not been modified for two seconds (`Identity::settled`, as git's index guards against
    // racy changes): the corpus was just written, so wait for that, or the first warm runs would
    // read and hash every file again (0.2 s CPU) instead of measuring the warm cache.
    let settled = || {
        std::fs::read_dir(corpus)
            .unwrap()
            .all(|e| strata::read::cache::Identity::from_metadata(&e.unwrap().metadata().unwrap()).settled())
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    while !settled() {
        assert!(Instant::now() < deadline, "the corpus files settle");
        std::thread::sleep(Duration::from_millis(100));
    }
    let (cold, _) = measure(&strata("цифровой профиль"), None);
    println!(
        "first run (cache empty: every JSON read and indexed): {} s CPU, {} s wall, peak {} MB",
        secs(cold.cpu),
        secs(cold.wall),
        cold.rss_kb / 1024
    );
    // Fixed costs: a query with no hits (every entry opened, nothing decoded) and a bare start.
    let (none, _) = median(runs, || measure(&strata("щъщъщ"), None));
    let mut version = Command::new(env!("CARGO_BIN_EXE_strata"));
    version.arg("--version");
    let (bare, _) = median(runs, || measure(&version, None));
    let (rg_none, _) = median(runs, || {
        let mut rg = Command::new("rg");
        rg.args(["-i", "-F", "--", "щъщъщ"]).arg(&text);
        measure(&rg, None)
    });
    println!(
        "fixed costs: a query with no hits {} s CPU ({} MB peak; rg -i {} s), `strata --version` {} s CPU",
        secs(none.cpu),
        none.rss_kb / 1024,
        secs(rg_none.cpu),
        secs(bare.cpu)
    );
    println!(
        "\n| query | strata search (CPU / wall, s) | rg -i (CPU / wall, s) | fzf --filter (CPU / wall, s) | strata / rg CPU | strata / fzf CPU | strata peak memory / JSON |"
    );
    println!("|---|---|---|---|---|---|---|");
    let (mut ratios, mut peak) = (Vec::new(), 0i64);
    for q in QUERIES {
        let (s, out) = median(runs, || measure(&strata(q), None));
        let pattern = rg_pattern(q);
        let (r, rg_out) = median(runs, || {
            let mut rg = Command::new("rg");
            rg.args(["-i", "-F", "--", &pattern]).arg(&text);
            measure(&rg, None)
        });
        let (f, _) = median(runs, || {
            let mut fzf = Command::new("fzf");
            fzf.arg("--filter").arg(q);
            measure(&fzf, Some(std::fs::File::open(&lines).unwrap()))
        });
        let ratio = s.cpu.as_secs_f64() / r.cpu.as_secs_f64().max(1e-3);
        ratios.push(ratio);
        peak = peak.max(s.rss_kb);
        println!(
            "| {q} | {} / {} ({} results) | {} / {} ({} lines) | {} / {} | {ratio:.2}x | {:.2}x | {:.2}x |",
            secs(s.cpu),
            secs(s.wall),
            out.split(|&b| b == b'\n').filter(|l| !l.is_empty()).count(),
            secs(r.cpu),
            secs(r.wall),
            rg_out.split(|&b| b == b'\n').filter(|l| !l.is_empty()).count(),
            secs(f.cpu),
            secs(f.wall),
            s.cpu.as_secs_f64() / f.cpu.as_secs_f64().max(1e-3),
            (s.rss_kb * 1024) as f64 / json as f64
        );
    }
    ratios.sort_by(f64::total_cmp);
    println!(
        "\nstrata / rg CPU: median {:.2}x, worst {:.2}x; strata's peak memory {} MB, {:.2}x the JSON",
        ratios[ratios.len() / 2],
        ratios[ratios.len() - 1],
        peak / 1024,
        (peak * 1024) as f64 / json as f64
    );
}

fn pct(v: &mut [Duration], p: usize) -> Duration {
    v.sort();
    v[(v.len() * p / 100).min(v.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

/// Part 2: keystroke to results drawn in the TUI's search overlay at 80x24.
fn keystrokes(name: &str, docs: Vec<Loaded>) {
    let mut app = Harness::new(docs, Vec::new(), 80, 24);
    let t = Instant::now();
    app.press("/");
    app.type_text("е");
    app.settle();
    let ready = t.elapsed();
    let (mut times, mut cpus, mut slowest) = (Vec::new(), Vec::new(), (Duration::ZERO, String::new()));
    let (mut counted, mut counted_cpu, mut by_cpu) = (Vec::new(), Vec::new(), Vec::new());
    for q in QUERIES {
        app.press("ctrl-u");
        app.settle();
        let mut typed = String::new();
        for c in q.chars() {
            typed.push(c);
            let (t, cpu) = (Instant::now(), cpu_time());
            app.type_text(&c.to_string());
            // The best results drawn; the count of the rest may still run (shown as «≥ N»).
            app.settle_search();
            app.buffer();
            let took = t.elapsed();
            cpus.push(cpu_time().saturating_sub(cpu));
            by_cpu.push((cpus[cpus.len() - 1], typed.clone()));
            if took > slowest.0 {
                slowest = (took, typed.clone());
            }
            times.push(took);
            // Then the count completed and drawn, before the next keystroke.
            app.settle();
            app.buffer();
            counted.push(t.elapsed());
            counted_cpu.push(cpu_time().saturating_sub(cpu));
        }
    }
    println!(
        "\n## TUI, {name}: keystroke to results drawn ({} keystrokes; first `/` to first results, index built, {}): \
         wall p50 {}, p99 {}, max {} («{}»); CPU of all threads p50 {}, p99 {}; \
         to the count complete and drawn: wall p50 {}, p99 {}, CPU p50 {}, p99 {}",
        times.len(),
        ms(ready),
        ms(pct(&mut times, 50)),
        ms(pct(&mut times, 99)),
        ms(slowest.0),
        slowest.1,
        ms(pct(&mut cpus, 50)),
        ms(pct(&mut cpus, 99)),
        ms(pct(&mut counted, 50)),
        ms(pct(&mut counted, 99)),
        ms(pct(&mut counted_cpu, 50)),
        ms(pct(&mut counted_cpu, 99))
    );
    print_costliest(&mut by_cpu, 6);
}

/// CPU time (user + system) of this process's threads so far: what a keystroke costs whatever the
/// machine's load.
fn cpu_time() -> Duration {
    // SAFETY: getrusage writes only the struct it is given.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut ru) };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(ru.ru_utime) + tv(ru.ru_stime)
}

/// Part 3: the engine alone, per keystroke.
fn engine(name: &str, docs: &[Loaded]) {
    let docs: Vec<_> = docs.iter().map(|l| l.doc.clone()).collect();
    let keys = typed_prefixes(QUERIES);
    let started = Instant::now();
    let ix = Index::build(&docs);
    let build = started.elapsed();
    let started = Instant::now();
    ix.build_words();
    let words = started.elapsed();
    let bytes: usize = ix.items.iter().map(|i| i.text().len()).sum();
    println!(
        "\n## Engine, {name}: {} items, {:.1} MB of text, index built in {}, word index (as the TUI) in {}; \
         {} keystrokes, 50 best hits",
        ix.items.len(),
        bytes as f64 / 1e6,
        ms(build),
        ms(words),
        keys.len()
    );
    let opts = Options { limit: 50, ..Options::default() };
    let time = |label: &str, f: &mut dyn FnMut(&str)| {
        let (mut wall, mut slowest) = (Vec::new(), (Duration::ZERO, ""));
        for k in &keys {
            let s = Instant::now();
            f(k);
            let took = s.elapsed();
            if took > slowest.0 {
                slowest = (took, k.as_str());
            }
            wall.push(took);
        }
        println!(
            "  {label:<46} p50 {:>9} p99 {:>9} max {:>9} («{}»)",
            ms(pct(&mut wall, 50)),
            ms(pct(&mut wall, 99)),
            ms(slowest.0),
            slowest.1
        );
    };
    time("all fields, each keystroke from scratch", &mut |k| {
        run(&ix, &Query::parse(k), &opts, None, &|| false).unwrap();
    });
    let mut prev: Option<(Query, Vec<usize>)> = None;
    time("all fields, narrowed from previous keystroke", &mut |k| {
        let q = Query::parse(k);
        let cand = prev.as_ref().filter(|(p, _)| !p.is_empty() && q.narrows(p)).map(|(_, m)| m.as_slice());
        let out = run(&ix, &q, &opts, cand, &|| false).unwrap();
        // Matches of another reading of the query do not narrow the query as typed.
        prev = out.shown_for.is_none().then_some((q, out.matched));
    });
    let tui = Options { limit: 200, ..opts };
    let mut prev: Option<(Query, Vec<usize>)> = None;
    time("as the TUI: 200 best, versions grouped, narrowed", &mut |k| {
        let q = Query::parse(k);
        let cand = prev.as_ref().filter(|(p, _)| !p.is_empty() && q.narrows(p)).map(|(_, m)| m.as_slice());
        let out = run_grouped(&ix, &q, &tui, true, cand, &|| false).unwrap();
        prev = out.shown_for.is_none().then_some((q, out.matched));
    });
    let lazy = Options { lazy: true, ..tui };
    let mut prev: Option<(Query, Vec<usize>)> = None;
    time("as the TUI, lazily (best first, count after)", &mut |k| {
        let q = Query::parse(k);
        let cand = prev.as_ref().filter(|(p, _)| !p.is_empty() && q.narrows(p)).map(|(_, m)| m.as_slice());
        let out = run_grouped(&ix, &q, &lazy, true, cand, &|| false).unwrap();
        let next = strata::search::union(&out.matched, &out.unsure);
        prev = out.shown_for.is_none().then_some((q, next));
    });
    let titles = Options { scope: Scope::Titles, ..opts };
    time("titles only (quick-jump palette)", &mut |k| {
        search(&ix, &Query::parse(k), &titles);
    });
}

/// CPU time of the calling thread.
fn thread_cpu() -> Duration {
    // SAFETY: clock_gettime writes only the struct it is given.
    let mut ts: libc::timespec = unsafe { std::mem::zeroed() };
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Part 4: the TUI's first answer to each keystroke, the engine alone: the search job's first call
/// (20 hits, lazily, versions grouped, narrowed from the previous keystroke's full answer, which is
/// what the TUI narrows from once the count is complete), this thread's CPU time; the median of
/// three passes over the queries for each keystroke. The full answers are found first, so that a
/// profile of this part is mostly first answers.
fn first_answers(name: &str, docs: &[Loaded]) {
    let docs: Vec<_> = docs.iter().map(|l| l.doc.clone()).collect();
    let ix = Index::build(&docs);
    ix.build_words();
    let full = Options { limit: 200, snippet_width: 74, ..Options::default() };
    let quick = Options { limit: 20, lazy: true, ..full };
    // Each keystroke's query and the candidates it is narrowed to.
    let mut keys: Vec<(String, Query, Option<Vec<usize>>)> = Vec::new();
    let only = std::env::var("STRATA_BENCH_ONLY").ok();
    for q in QUERIES.iter().filter(|q| only.as_ref().is_none_or(|o| o.starts_with(*q) || q.starts_with(o.as_str()))) {
        let mut prev: Option<(Query, Vec<usize>)> = None;
        let mut typed = String::new();
        for c in q.chars() {
            typed.push(c);
            let query = Query::parse(&typed);
            let cand = prev.filter(|(p, _)| !p.is_empty() && query.narrows(p)).map(|(_, m)| m);
            let out = run_grouped(&ix, &query, &full, true, cand.as_deref(), &|| false).unwrap();
            keys.push((typed.clone(), query.clone(), cand));
            prev = out.shown_for.is_none().then_some((query, out.matched));
        }
    }
    // STRATA_BENCH_ONLY=KEYSTROKE: that keystroke alone, STRATA_BENCH_REPEAT times (default 300;
    // to profile it: the line printed before says when to attach, e.g. `perf record -p`).
    if let Some(only) = only {
        let (_, query, cand) =
            keys.iter().find(|k| k.0 == only).expect("STRATA_BENCH_ONLY: a keystroke of the queries");
        let repeat = std::env::var("STRATA_BENCH_REPEAT").ok().and_then(|s| s.parse().ok()).unwrap_or(300);
        println!("«{only}» alone, {repeat} times (pid {}):", std::process::id());
        std::io::Write::flush(&mut std::io::stdout()).unwrap();
        let mut cpus: Vec<Duration> = (0..repeat.max(1))
            .map(|_| {
                let t = thread_cpu();
                run_grouped(&ix, query, &quick, true, cand.as_deref(), &|| false).unwrap();
                thread_cpu().saturating_sub(t)
            })
            .collect();
        println!("«{only}» alone: thread CPU p50 {}", ms(pct(&mut cpus, 50)));
        return;
    }
    let passes: Vec<Vec<Duration>> = (0..3)
        .map(|_| {
            (keys.iter())
                .map(|(_, query, cand)| {
                    let t = thread_cpu();
                    run_grouped(&ix, query, &quick, true, cand.as_deref(), &|| false).unwrap();
                    thread_cpu().saturating_sub(t)
                })
                .collect()
        })
        .collect();
    let mut keys: Vec<(Duration, &str)> = (keys.iter().enumerate())
        .map(|(i, k)| {
            let mut v: Vec<Duration> = passes.iter().map(|p| p[i]).collect();
            v.sort();
            (v[1], k.0.as_str())
        })
        .collect();
    let mut cpus: Vec<Duration> = keys.iter().map(|k| k.0).collect();
    println!(
        "\n## First answers, {name}, the engine alone ({} keystrokes): thread CPU p50 {}, p90 {}, p99 {}, max {}",
        cpus.len(),
        ms(pct(&mut cpus, 50)),
        ms(pct(&mut cpus, 90)),
        ms(pct(&mut cpus, 99)),
        ms(pct(&mut cpus, 100))
    );
    print_costliest(&mut keys, 12);
}

/// Prints the `n` keystrokes that took the most CPU, costliest first.
fn print_costliest<Q: std::fmt::Display>(keys: &mut [(Duration, Q)], n: usize) {
    keys.sort_by_key(|k| std::cmp::Reverse(k.0));
    let worst: Vec<String> = keys.iter().take(n).map(|(d, q)| format!("«{q}» {}", ms(*d))).collect();
    println!("most CPU: {}", worst.join(", "));
}

/// The machine's load average, printed with the figures: wall-clock latencies on a busy machine
/// include waiting for a core.
fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map_or("unknown".into(), |s| s.split(' ').take(3).collect::<Vec<_>>().join(" "))
}
