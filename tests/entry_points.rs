//! A bounded property test of the four entry points the fuzz targets drive (normalize, load,
//! diff, search), on stable Rust as part of `cargo test`: the same harness and invariants as
//! `cargo fuzz` (fuzz/harness.rs), on inputs derived from the samples and on arbitrary ones.

#[path = "../fuzz/harness.rs"]
mod harness;

use proptest::prelude::*;
use std::path::Path;
use std::sync::OnceLock;

fn sample_text() -> &'static [u8] {
    static RAW: OnceLock<Vec<u8>> = OnceLock::new();
    RAW.get_or_init(|| std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/raw/tver.txt")).unwrap())
}

fn sample_json() -> &'static serde_json::Value {
    static JSON: OnceLock<serde_json::Value> = OnceLock::new();
    JSON.get_or_init(|| {
        let text =
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/astrakhan.json")).unwrap();
        serde_json::from_str(&text).unwrap()
    })
}

/// Text that includes controls, escapes, bidi and other invisible characters often.
fn hostile() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        any::<char>().prop_map(String::from),
        Just("\u{1b}]2;title\u{7}".to_string()),
        Just("\u{1b}[31m".to_string()),
        Just("\u{9b}".to_string()),
        Just("\u{202e}".to_string()),
        Just("\u{ad}\u{2060}\u{e0041}".to_string()),
        Just("Здравоохранение".to_string()),
        Just("\n".to_string()),
        Just("|".to_string()),
    ];
    proptest::collection::vec(pieces, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn normalize_sample_prefixes_with_damage(len in 0usize..40_000, hits in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..8)) {
        let raw = sample_text();
        let mut bytes = raw[..len.min(raw.len())].to_vec();
        for (at, b) in hits {
            if !bytes.is_empty() {
                let i = at % bytes.len();
                bytes[i] = b;
            }
        }
        harness::normalize(&bytes);
    }

    #[test]
    fn normalize_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..4000)) {
        harness::normalize(&bytes);
    }

    #[test]
    fn load_a_sample_with_hostile_fields(title in hostile(), act in hostile(), key in hostile(), text in hostile()) {
        let mut doc = sample_json().clone();
        doc["meta"]["title"] = title.into();
        doc["meta"]["approval"]["act_type"] = act.into();
        doc["sections"][1]["children"][0]["key"] = key.into();
        doc["sections"][1]["blocks"] = serde_json::json!([{ "kind": "paragraph", "text": text }]);
        harness::load(serde_json::to_string(&doc).unwrap().as_bytes());
    }

    #[test]
    fn load_damaged_json(cut in any::<usize>(), at in any::<usize>(), b in any::<u8>()) {
        let mut bytes = serde_json::to_vec(sample_json()).unwrap();
        let i = at % bytes.len();
        bytes[i] = b;
        bytes.truncate(cut % (bytes.len() + 1));
        harness::load(&bytes);
    }

    #[test]
    fn diff_two_documents(a in hostile(), b in hostile(), bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        // The first byte picks the format, colour and width: every one of the 30 choices.
        for pick in 0u8..30 {
            let mut input = vec![pick];
            input.extend_from_slice(format!("{a}\0{b}").as_bytes());
            harness::diff(&input);
        }
        harness::diff(&bytes);
    }

    #[test]
    fn search_queries(q in hostile(), bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        harness::search(q.as_bytes());
        harness::search(&bytes);
    }
}
