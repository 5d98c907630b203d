//! Decoding real strategies: one flipped byte in a valid UTF-8 strategy no longer turns the file
//! into Windows-1251 (which rejected it); the byte becomes U+FFFD with a warning naming its
//! offset, and the figures hold. UTF-16 text reads too.

use std::path::Path;

fn raw(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/raw").join(name)).unwrap()
}

#[test]
fn a_flipped_byte_costs_one_character_not_the_strategy() {
    let bytes = raw("ivanovo.txt");
    let clean = strata::normalize::normalize(&bytes, "ivanovo.txt").unwrap();
    let mut broken = bytes.clone();
    // A lead byte of a Cyrillic letter a third into the file.
    let at = (bytes.len() / 3..bytes.len()).find(|&i| bytes[i] == 0xD0).unwrap();
    broken[at] = 0xFF;
    let doc = strata::normalize::normalize(&broken, "ivanovo.txt").expect("still a strategy");
    assert_eq!(doc.source.encoding, "utf-8");
    let w: Vec<_> = doc.source.quality.warnings.iter().filter(|w| w.code == "invalid_utf8").collect();
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].offset, Some(at));
    assert!(w[0].message.contains(&format!("byte {at}")), "{}", w[0].message);
    assert_eq!(doc.sectors, clean.sectors);
    assert_eq!(doc.projects.len(), clean.projects.len());
    assert_eq!(doc.indicators.len(), clean.indicators.len());
}

#[test]
fn utf16_strategies_read_like_utf8() {
    let bytes = raw("khabarovsk.txt");
    let clean = strata::normalize::normalize(&bytes, "k.txt").unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let mut le = b"\xFF\xFE".to_vec();
    le.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
    let doc = strata::normalize::normalize(&le, "k.txt").unwrap();
    assert_eq!(doc.source.encoding, "utf-16le");
    assert_eq!((doc.sectors.len(), doc.projects.len()), (clean.sectors.len(), clean.projects.len()));
}
