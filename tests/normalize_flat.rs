//! The flattened-text parser on the two single-line sample texts (tver, astrakhan), on line-broken
//! texts flattened the same way (robustness), and determinism.

use strata::model::Document;
use strata::normalize::{normalize, to_json};

fn load(name: &str) -> Document {
    let path = format!("{}/samples/raw/{name}.txt", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).expect("sample text present");
    normalize(&bytes, &path).expect("sample normalizes")
}

fn sector_keys(doc: &Document) -> Vec<&str> {
    doc.sectors.iter().map(|s| s.key.as_str()).collect()
}

fn top_keys(doc: &Document) -> Vec<&str> {
    doc.sections.iter().map(|s| s.key.as_str()).collect()
}

const TEMPLATE: &[&str] =
    &["basics", "card", "priorities", "problems", "linkage", "projects", "indicators", "resources"];

#[test]
fn tver_structure_and_metadata() {
    let doc = load("tver");
    assert_eq!(doc.meta.region.name, "Тверская область");
    let a = doc.meta.approval.as_ref().expect("approval");
    assert_eq!(
        (a.act_type.as_str(), a.date.as_deref(), a.number.as_deref()),
        ("распоряжение", Some("2021-08-31"), Some("847-рп"))
    );
    assert_eq!(top_keys(&doc), TEMPLATE, "no preamble: the text starts with the appendix stamp");
    assert_eq!(
        sector_keys(&doc),
        ["education", "healthcare", "urban", "transport", "public_admin", "social", "industry"]
    );
    for parent in ["problems", "linkage", "projects", "indicators"] {
        let s = doc.section(parent).unwrap();
        let keys: Vec<String> = s.children.iter().map(|c| c.key.clone()).collect();
        let want: Vec<String> = doc.sectors.iter().map(|x| format!("{parent}.{}", x.key)).collect();
        assert_eq!(keys, want, "{parent}");
    }
    for key in [
        "basics.grounds",
        "basics.technologies",
        "basics.terms",
        "priorities.goal",
        "priorities.tasks",
        "resources.participants",
        "resources.financing",
    ] {
        let s = doc.section(key).unwrap_or_else(|| panic!("{key} missing"));
        assert!(!s.blocks.is_empty(), "{key} has text");
    }
    // Offsets point at the headings in the raw text.
    let raw = std::fs::read_to_string(format!("{}/samples/raw/tver.txt", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let p = doc.section("problems.healthcare").unwrap();
    assert!(raw[p.offset.unwrap()..].starts_with("9 Здравоохранение"), "{:?}", &raw[p.offset.unwrap()..][..40]);
    // The table of contents is skipped: the first section heading is the body's, not the TOC's.
    assert!(doc.sections[0].offset.unwrap() > raw.find("Оглавление").unwrap());
    // Page numbers and repeated table headers are gone from the text.
    let projects = doc.section("projects.education").unwrap().text();
    assert!(!projects.contains("пп Наименование проекта Цель проекта"), "repeated header kept");
    assert!(!projects.contains(" 48 "), "page number 48 kept");
    // Blocks, not one giant paragraph.
    let edu = doc.section("problems.education").unwrap();
    assert!(edu.blocks.len() >= 5);
    assert!(edu.blocks.iter().any(|b| b.text.starts_with("Перечень проблем текущего состояния отрасли")));
    let codes: Vec<&str> = doc.source.quality.warnings.iter().map(|w| w.code.as_str()).collect();
    for c in ["punct_stripped", "stopwords_stripped", "single_digits_dropped"] {
        assert!(codes.contains(&c), "{c}");
    }
}

#[test]
fn astrakhan_preamble_sectors_and_ocr() {
    let doc = load("astrakhan");
    assert_eq!(doc.meta.region.name, "Астраханская область");
    let a = doc.meta.approval.as_ref().expect("approval");
    assert_eq!((a.act_type.as_str(), a.date.as_deref()), ("протокол", Some("2022-08-26")));
    let mut want = vec!["preamble"];
    want.extend_from_slice(TEMPLATE);
    assert_eq!(top_keys(&doc), want);
    assert_eq!(
        sector_keys(&doc),
        ["education", "healthcare", "urban", "transport", "public_admin", "social", "agriculture", "finance"]
    );
    assert!(doc.sectors.iter().any(|s| s.name == "Финансовые услуги"));
    let pre = &doc.sections[0];
    let body_start = doc.sections[1].offset.unwrap();
    assert!(pre.text().to_lowercase().contains("протокол"));
    // OCR damage is measured, and only the protocol is damaged.
    let ocr: Vec<_> = doc.source.quality.warnings.iter().filter(|w| w.code == "ocr_damage").collect();
    assert!(!ocr.is_empty());
    let strategy_start = {
        let raw = std::fs::read_to_string(format!("{}/samples/raw/astrakhan.txt", env!("CARGO_MANIFEST_DIR"))).unwrap();
        raw.find("УТВЕРЖДЕНО").unwrap()
    };
    assert!(strategy_start < body_start);
    for w in ocr {
        assert!(w.offset.unwrap() < strategy_start, "ocr_damage outside the preamble: {w:?}");
    }
}

#[test]
fn output_is_deterministic() {
    for name in ["tver", "astrakhan"] {
        assert_eq!(to_json(&load(name)), to_json(&load(name)), "{name}");
    }
}
