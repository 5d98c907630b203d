//! Prints how long each normalizer stage (metadata, region, the form's parser, the whole
//! normalizer) takes on the given raw texts, a mean of five runs each: a profiling aid for the
//! normalizer's author, beside `cargo bench --bench normalize`, which gives the figures README reports.
//!
//! `cargo run --release --example stage_times -- samples/raw/*.txt`
use std::time::Instant;
fn main() {
    for f in std::env::args().skip(1) {
        let t = std::fs::read_to_string(&f).unwrap();
        let fmt = strata::normalize::decode::detect_format(&t);
        let time = |run: &dyn Fn()| {
            let a = Instant::now();
            for _ in 0..5 {
                run();
            }
            a.elapsed() / 5
        };
        let meta = time(&|| drop(std::hint::black_box(strata::normalize::meta::extract(&t))));
        let region = time(&|| {
            std::hint::black_box(strata::model::region::detect(&t));
        });
        let parse = time(&|| {
            drop(std::hint::black_box(match fmt {
                strata::model::SourceFormat::Lines => strata::normalize::lines::parse(&t),
                strata::model::SourceFormat::Flat => strata::normalize::flat::parse(&t),
            }))
        });
        let all = time(&|| drop(std::hint::black_box(strata::normalize::normalize(t.as_bytes(), &f))));
        println!("{f}: meta {meta:?} (region {region:?}) parse {parse:?} normalize {all:?}");
    }
}
