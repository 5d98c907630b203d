//! The checked-in samples are the normalizer's current output on samples/raw, byte for byte, and
//! the bundled copies compiled into the binary open cleanly.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn raw_texts() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("samples/raw"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    v.sort();
    v
}

#[test]
fn samples_are_fresh_and_deterministic() {
    let raws = raw_texts();
    assert!(raws.len() >= 5, "the five official texts are in samples/raw");
    let mut stale = Vec::new();
    for raw in &raws {
        let doc = strata::normalize::normalize_file(raw).unwrap_or_else(|e| panic!("{e}"));
        let json = strata::normalize::to_json(&doc);
        let again = strata::normalize::to_json(&strata::normalize::normalize_file(raw).unwrap());
        assert_eq!(json, again, "{}: output differs between two runs", raw.display());
        let target = root().join("samples").join(format!("{}.json", raw.file_stem().unwrap().to_string_lossy()));
        if std::fs::read_to_string(&target).ok().as_deref() != Some(json.as_str()) {
            stale.push(target.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "stale samples: {stale:?}\nregenerate with: cargo run --release -- normalize samples/raw/*.txt --out-dir samples"
    );
}

#[test]
fn every_sample_has_its_raw_text_and_bundled_copy() {
    let mut jsons: Vec<String> = std::fs::read_dir(root().join("samples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    jsons.sort();
    let mut raws: Vec<String> =
        raw_texts().iter().map(|p| p.file_stem().unwrap().to_string_lossy().into_owned()).collect();
    raws.sort();
    assert_eq!(jsons, raws, "samples/*.json and samples/raw/*.txt pair up");
    let bundled = strata::load::load_bundled();
    assert!(bundled.errors.is_empty(), "{:?}", bundled.errors);
    assert_eq!(bundled.docs.len(), jsons.len());
}
