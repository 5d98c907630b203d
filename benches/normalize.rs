//! Benchmark: normalize every raw sample text, repeated; reports per-run time and throughput,
//! beside its peers measured in the same run: decoding alone (the floor of any normalizer) in
//! process, and, as whole processes in alternating runs, `strata normalize --no-cache` of all the
//! texts against `awk` counting their words (one pass of a text tool over the same bytes), by
//! wall and by CPU time. The load average is printed at the start and the end: the machine is
//! shared.
//! Run with `cargo bench --bench normalize`.

use std::process::Command;
use std::time::Instant;

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/raw");
    let mut inputs: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("samples/raw")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()))
        .collect();
    inputs.sort();
    let total_bytes: usize = inputs.iter().map(|(_, b)| b.len()).sum();
    println!(
        "normalize: {} texts, {:.2} MB; load average at the start: {}",
        inputs.len(),
        total_bytes as f64 / 1e6,
        load()
    );
    for (name, bytes) in &inputs {
        let mut times = Vec::new();
        for _ in 0..10 {
            let t = Instant::now();
            let doc = strata::normalize::normalize(bytes, name);
            times.push(t.elapsed().as_secs_f64());
            assert!(doc.is_ok(), "{name}: {:?}", doc.err());
        }
        times.sort_by(f64::total_cmp);
        println!("  {name:<24} median {:>7.2} ms", times[times.len() / 2] * 1e3);
    }
    // Normalizing and decoding alone alternate, so both see the same load.
    // CPU time of this thread is reported beside wall time: it moves much less with the load.
    let (mut runs, mut dec, mut cpu_n, mut cpu_d) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..20 {
        let (t, c) = (Instant::now(), thread_cpu());
        for (name, bytes) in &inputs {
            std::hint::black_box(strata::normalize::normalize(bytes, name).ok());
        }
        runs.push(t.elapsed().as_secs_f64());
        cpu_n.push(thread_cpu() - c);
        let (t, c) = (Instant::now(), thread_cpu());
        for (_, bytes) in &inputs {
            std::hint::black_box(strata::normalize::decode::decode(bytes).ok());
        }
        dec.push(t.elapsed().as_secs_f64());
        cpu_d.push(thread_cpu() - c);
    }
    for v in [&mut runs, &mut dec, &mut cpu_n, &mut cpu_d] {
        v.sort_by(f64::total_cmp);
    }
    let (cn, cd) = (cpu_n[cpu_n.len() / 2], cpu_d[cpu_d.len() / 2]);
    println!(
        "  CPU time (this thread), medians: normalize {:.1} ms ({:.1} MB/s), decoding alone {:.1} ms ({:.1} MB/s); normalize/decode {:.1}",
        cn * 1e3,
        total_bytes as f64 / 1e6 / cn,
        cd * 1e3,
        total_bytes as f64 / 1e6 / cd,
        cn / cd
    );
    let (median, dmedian) = (runs[runs.len() / 2], dec[dec.len() / 2]);
    println!(
        "  all texts: median {:.1} ms, min {:.1} ms per run; throughput {:.1} MB/s (at the min {:.1} MB/s)",
        median * 1e3,
        runs[0] * 1e3,
        total_bytes as f64 / 1e6 / median,
        total_bytes as f64 / 1e6 / runs[0]
    );
    println!(
        "  peer in process: decoding alone, median {:.1} ms; throughput {:.1} MB/s; normalize/decode {:.1}",
        dmedian * 1e3,
        total_bytes as f64 / 1e6 / dmedian,
        median / dmedian
    );
    let paths: Vec<std::path::PathBuf> = inputs.iter().map(|(n, _)| dir.join(n)).collect();
    let mut par = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        std::hint::black_box(strata::normalize::normalize_files(&paths));
        par.push(t.elapsed().as_secs_f64());
    }
    par.sort_by(f64::total_cmp);
    println!(
        "  all texts with normalize_files on {} threads (what `strata normalize` does; includes reading): median {:.1} ms, min {:.1} ms",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        par[par.len() / 2] * 1e3,
        par[0] * 1e3
    );
    processes(&paths, total_bytes);
    println!("  load average at the end: {}", load());
}

/// CPU time consumed by the calling thread, in seconds.
fn thread_cpu() -> f64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid, writable timespec; the clock id is a constant the kernel knows.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID)");
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

/// The 1, 5 and 15 minute load averages (`/proc/loadavg`), or "unknown".
fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

/// `strata normalize --no-cache` of every text (into a temporary folder) against `awk` counting
/// the words of the same files: medians of alternating runs, as MB/s of input.
fn processes(paths: &[std::path::PathBuf], total_bytes: usize) {
    let out = tempfile::tempdir().unwrap();
    let mut strata = Command::new(env!("CARGO_BIN_EXE_strata"));
    strata.args(["normalize", "--no-cache", "--out-dir"]).arg(out.path()).args(paths);
    let mut awk = Command::new("awk");
    awk.arg("{ n += NF } END { print n }").args(paths);
    let (mut ts, mut ta, mut cs, mut ca) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for k in 0..23 {
        for (c, v, cpu) in [(&mut strata, &mut ts, &mut cs), (&mut awk, &mut ta, &mut ca)] {
            let (t, c0) = (Instant::now(), children_cpu());
            let o = c.output().expect("the command runs");
            assert!(o.status.success(), "{c:?}: {}", String::from_utf8_lossy(&o.stderr));
            if k >= 3 {
                v.push(t.elapsed().as_secs_f64());
                cpu.push(children_cpu() - c0);
            }
        }
    }
    for v in [&mut ts, &mut ta, &mut cs, &mut ca] {
        v.sort_by(f64::total_cmp);
    }
    let (s, a) = (ts[ts.len() / 2], ta[ta.len() / 2]);
    let mbs = |t: f64| total_bytes as f64 / 1e6 / t;
    println!(
        "  whole processes, alternating (median of 20): strata normalize {:.1} ms ({:.1} MB/s), awk word count {:.1} ms ({:.1} MB/s), ratio {:.2}",
        s * 1e3,
        mbs(s),
        a * 1e3,
        mbs(a),
        s / a
    );
    // CPU time (user + system, all threads) moves much less with the load than wall time.
    let (s, a) = (cs[cs.len() / 2], ca[ca.len() / 2]);
    println!(
        "  the same processes' CPU time (median of 20): strata normalize {:.1} ms, awk word count {:.1} ms, ratio {:.2}",
        s * 1e3,
        a * 1e3,
        s / a
    );
}

/// CPU time (user + system) of all waited-for child processes so far, in seconds.
fn children_cpu() -> f64 {
    // SAFETY: an all-zero rusage is a valid value; getrusage only writes into it.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `ru` is a valid, writable rusage; RUSAGE_CHILDREN is a constant the kernel knows.
    let rc = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut ru) };
    assert_eq!(rc, 0, "getrusage(RUSAGE_CHILDREN)");
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 * 1e-6;
    secs(ru.ru_utime) + secs(ru.ru_stime)
}
