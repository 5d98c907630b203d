//! Helpers shared by the benchmarks.
#![allow(dead_code)]

use std::time::{Duration, Instant};
use strata::model::Document;

/// One text per document for external tools (git, fzf): every title and block on its own line,
/// sections in document order.
pub fn export(doc: &Document) -> String {
    let mut out = String::new();
    for (_, s) in doc.walk() {
        out.push_str(&s.title);
        out.push('\n');
        for b in &s.blocks {
            out.push_str(&b.text);
            out.push('\n');
        }
    }
    out
}

/// The queries as a reviewer types them: every prefix that ends in a non-space character.
pub fn typed_prefixes(queries: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for q in queries {
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

/// Median and minimum of `n` runs of `f`.
pub fn time<T>(n: usize, mut f: impl FnMut() -> T) -> (Duration, Duration) {
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
