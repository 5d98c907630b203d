//! First-frame time and redraw cost of the reviewer TUI.
//!
//! Measures, with the bundled samples (or the test fixtures while no samples are bundled):
//! start-up to first drawn frame (parse the JSON, build the state, lay out and draw into a
//! buffer) at 80x24 and 120x40, and the bytes the run loop's drawing path sends for the first frame
//! and for scrolling the content one line (what an SSH link carries); keystroke to search results
//! drawn, and a 200,000-character query typed and pasted.
//! Run: `cargo bench --bench first_frame` (`STRATA_BENCH_DIR=folder` measures JSON files there).

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::{Duration, Instant};
use strata::load::{LoadSet, Loaded};
use strata::tui::testing::{Harness, Wire};

fn sources() -> (&'static str, Vec<(String, String)>) {
    if let Some(dir) = std::env::var_os("STRATA_BENCH_DIR") {
        let (files, _) = strata::load::expand(&[dir.into()]);
        let v = files.iter().map(|f| (f.display().to_string(), std::fs::read_to_string(f).unwrap())).collect();
        return ("STRATA_BENCH_DIR", v);
    }
    if !strata::samples::BUNDLED.is_empty() {
        let v = strata::samples::BUNDLED.iter().map(|(n, j)| (format!("bundled:{n}"), j.to_string())).collect();
        return ("bundled samples", v);
    }
    let v = common::docs().into_iter().map(|l| (l.origin, serde_json::to_string(&*l.doc).unwrap())).collect();
    ("test fixtures (no samples bundled yet)", v)
}

/// The sources plus one long section (the healthcare problems repeated), so that scrolling moves
/// text.
fn with_long_section(src: &[(String, String)]) -> Vec<(String, String)> {
    let mut doc = common::strategy("ivanovo", "Ивановская область", "Ивановской области", "2020-01-01", "B", false);
    let s = &mut doc.sections[1].children[1];
    let blocks = s.blocks.clone();
    for _ in 0..30 {
        s.blocks.extend(blocks.iter().cloned());
    }
    let mut v = vec![("long.json".to_string(), serde_json::to_string(&doc).unwrap())];
    v.extend(src.iter().cloned());
    v
}

fn load(src: &[(String, String)]) -> LoadSet {
    let mut set = LoadSet::default();
    for (origin, json) in src {
        match strata::load::parse(origin, json) {
            Ok(doc) => set.docs.push(Loaded { origin: origin.clone(), doc: doc.into() }),
            Err(e) => set.errors.push(e),
        }
    }
    set
}

fn first_frame(src: &[(String, String)], w: u16, h: u16) -> Duration {
    let t0 = Instant::now();
    let set = load(src);
    let app = Harness::new(set.docs, set.errors, w, h);
    app.buffer();
    t0.elapsed()
}

fn stats(mut v: Vec<Duration>) -> String {
    v.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    format!(
        "median {:.3} ms, p90 {:.3} ms, max {:.3} ms",
        ms(v[v.len() / 2]),
        ms(v[v.len() * 9 / 10]),
        ms(v[v.len() - 1])
    )
}

/// Bytes the run loop's drawing path sends for the first frame (all documents open), and for one
/// line scroll of the long document's longest section, in the split view and maximised.
fn bytes(src: &[(String, String)], w: u16, h: u16) -> (usize, usize, usize) {
    let set = load(src);
    let mut app = Harness::new(set.docs, set.errors, w, h);
    let first = app.frame_bytes(&mut Wire::default()).len();
    // The long document alone, its section reached as a reviewer would, through the palette.
    let set = load(&src[..1]);
    let long = &set.docs[0].doc;
    let biggest = long.walk().max_by_key(|(_, s)| s.text().len()).map(|(_, s)| s.key.clone()).expect("sections");
    let mut app = Harness::new(set.docs, set.errors, w, h);
    app.press(":");
    app.type_text(&biggest);
    app.settle();
    app.press("enter");
    let mut wire = Wire::default();
    let scroll = |app: &mut Harness, wire: &mut Wire| {
        app.frame_bytes(wire);
        assert!(app.press("j"), "the long section scrolls");
        app.frame_bytes(wire).len()
    };
    let split = scroll(&mut app, &mut wire);
    app.press("z");
    let maximised = scroll(&mut app, &mut wire);
    (first, split, maximised)
}

/// Keystroke to results drawn, as the reviewer types queries letter by letter into the search
/// overlay: the key handled, the search job run and its results drawn into a buffer. p50/p99.
fn keystrokes(src: &[(String, String)]) -> String {
    let set = load(src);
    let n = set.docs.len();
    let mut app = Harness::new(set.docs, set.errors, 80, 24);
    let t0 = Instant::now();
    app.press("/");
    app.type_text("е");
    app.settle();
    let ready = t0.elapsed();
    let mut times = Vec::new();
    for q in ["егисз", "цифровой профиль", "платформа обратной связи", "ЕГИСЗ", "телемедицина", "гис жкх"]
    {
        app.press("ctrl-u");
        app.settle();
        for c in q.chars() {
            let t = Instant::now();
            app.type_text(&c.to_string());
            app.settle();
            app.buffer();
            times.push(t.elapsed());
        }
    }
    format!(
        "first `/` to first results (index built in the background) {:.1} ms; keystroke to results drawn \
         ({} keystrokes, {n} documents): {}",
        ready.as_secs_f64() * 1000.0,
        times.len(),
        stats(times)
    )
}

/// Typing and pasting a 200,000-character query: the key handling stays linear (the query is
/// bounded and searched once per batch of keys).
fn long_query() -> String {
    let text: String = "цифровая трансформация ".chars().cycle().take(200_000).collect();
    let mut app = Harness::new(common::docs(), Vec::new(), 80, 24);
    app.press("/");
    let t = Instant::now();
    app.type_text(&text);
    app.settle();
    app.buffer();
    let typed = t.elapsed();
    app.press("ctrl-u");
    let t = Instant::now();
    app.paste(&text);
    app.settle();
    app.buffer();
    format!(
        "200,000 characters typed {:.1} ms, pasted {:.1} ms",
        typed.as_secs_f64() * 1000.0,
        t.elapsed().as_secs_f64() * 1000.0
    )
}

fn main() {
    let (what, src) = sources();
    let kb: usize = src.iter().map(|(_, j)| j.len()).sum::<usize>() / 1024;
    println!("first_frame: {} documents from {what}, {kb} KiB of JSON", src.len());
    for (w, h) in [(80, 24), (120, 40)] {
        first_frame(&src, w, h);
        let runs: Vec<Duration> = (0..50).map(|_| first_frame(&src, w, h)).collect();
        println!("  start to first frame at {w}x{h}: {}", stats(runs));
        let (first, split, maximised) = bytes(&with_long_section(&src), w, h);
        println!(
            "  bytes sent at {w}x{h}: first frame {first}; one-line scroll of a long section {split} split, \
             {maximised} maximised"
        );
    }
    println!("  search: {}", keystrokes(&src));
    println!("  {}", long_query());
}
