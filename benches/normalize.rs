//! Benchmark: normalize every raw sample text, repeated; reports per-run time and throughput.
//! Run with `cargo bench --bench normalize`.

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
    println!("normalize: {} texts, {:.2} MB", inputs.len(), total_bytes as f64 / 1e6);
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
    let mut runs = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        for (name, bytes) in &inputs {
            std::hint::black_box(strata::normalize::normalize(bytes, name).ok());
        }
        runs.push(t.elapsed().as_secs_f64());
    }
    runs.sort_by(f64::total_cmp);
    let median = runs[runs.len() / 2];
    println!(
        "  all texts: median {:.1} ms, min {:.1} ms per run; throughput {:.1} MB/s",
        median * 1e3,
        runs[0] * 1e3,
        total_bytes as f64 / 1e6 / median
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
}
