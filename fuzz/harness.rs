//! The four entry points strata exposes to untrusted input, with the invariants every input must
//! keep. The cargo fuzz targets in fuzz_targets/ call these, and so does the bounded property
//! test in tests/entry_points.rs (stable Rust, part of `cargo test`).
//!
//! - `normalize`: any bytes as a raw text: no panic; a document that comes out serialises,
//!   loads back, and prints inert text.
//! - `load`: any bytes as a JSON document: no panic; a document that loads prints inert text
//!   and terminal-safe JSON that loads back.
//! - `diff`: two documents built from the bytes: no panic; each format renders, text inert
//!   (colour only as SGR); a document against itself is equal.
//! - `search`: any bytes as a query over the bundled samples: no panic; at most `limit` hits,
//!   match ranges inside their snippets, snippets inert.
#![allow(dead_code)]

use std::sync::OnceLock;
use strata::compare::render::{Format, RenderOptions, render};
use strata::compare::{Options, diff_documents};
use strata::model::Document;
use strata::text::sanitize::is_unsafe;

/// Panics when `s` holds a character a terminal could act on: controls other than newline and
/// tab, invisible format characters, and (with `sgr`) any escape that is not an SGR colour.
pub fn assert_inert(what: &str, s: &str, sgr: bool) {
    let clean = strata::output::term::clean(
        s,
        if sgr { strata::output::term::Mode::Styled } else { strata::output::term::Mode::Text },
    );
    assert!(clean == s, "{what}: unsafe text would reach the terminal: {:?}", first_difference(s, &clean));
}

fn first_difference(a: &str, b: &str) -> String {
    let i = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    a.chars().skip(i.saturating_sub(10)).take(30).collect()
}

fn check_document(doc: &Document) {
    assert_inert("document_text", &strata::output::document_text(doc), false);
    assert_inert("report", &strata::output::report("fuzz", doc), false);
    for (_, s) in doc.walk() {
        assert_inert("section_text", &strata::output::section_text(doc, s), false);
    }
    let json = strata::output::json::to_string_pretty(doc).expect("a document serialises");
    assert!(!json.chars().any(|c| is_unsafe(c) && c != '\n'), "JSON output is terminal-safe");
    strata::load::parse("fuzz.json", &json).expect("JSON output loads back");
}

/// Raw text bytes through the normalizer.
pub fn normalize(data: &[u8]) {
    if let Ok(doc) = strata::normalize::normalize(data, "fuzz.txt") {
        let json = strata::normalize::to_json(&doc);
        let back = strata::load::parse("fuzz.json", &json).expect("normalize output loads back");
        check_document(&back);
    }
}

/// Bytes as a JSON document.
pub fn load(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(doc) = strata::load::parse("fuzz.json", text) {
        check_document(&doc);
    }
}

const KEYS: [&str; 8] = [
    "basics",
    "problems",
    "problems.healthcare",
    "problems.education",
    "projects.healthcare",
    "card",
    "glossary",
    "basics",
];

/// A document from bytes: one section per line, its key picked by the line's first byte from a
/// small set (so two documents share keys), title and blocks split at `|`.
pub fn document(data: &[u8]) -> Document {
    let text = String::from_utf8_lossy(data);
    let sections: Vec<serde_json::Value> = text
        .split('\n')
        .take(64)
        .map(|line| {
            let key = KEYS[line.bytes().next().unwrap_or(0) as usize % KEYS.len()];
            let mut parts = line.split('|');
            let title = parts.next().unwrap_or("");
            let blocks: Vec<serde_json::Value> = parts
                .enumerate()
                .map(|(i, t)| serde_json::json!({ "kind": if i % 3 == 2 { "item" } else { "paragraph" }, "text": t }))
                .collect();
            serde_json::json!({ "key": key, "title": title, "blocks": blocks })
        })
        .collect();
    let doc = serde_json::json!({
        "schema": 1,
        "meta": { "region": { "name": "Тверская область", "key": "tver" }, "title": "Стратегия",
                  "approval": null, "period": null, "version": { "label": "v1", "date": null } },
        "source": { "file": "fuzz.txt", "sha256": "", "format": "flat",
                    "quality": { "grade": "B", "score": 80, "warnings": [] } },
        "sections": sections,
    });
    serde_json::from_value(doc).expect("a well-formed document")
}

/// Two documents from bytes split at the first NUL, compared and rendered in one of the formats,
/// colour modes and widths (picked by the first byte, so the fuzzer covers them all while each
/// run stays cheap).
pub fn diff(data: &[u8]) {
    let pick = data.first().copied().unwrap_or(0) as usize;
    let data = data.get(1..).unwrap_or(&[]);
    let cut = data.iter().position(|&b| b == 0).unwrap_or(data.len() / 2);
    let (a, b) = (document(&data[..cut]), document(data.get(cut + 1..).unwrap_or(&[])));
    let d = diff_documents(&a, &b, &Options::default());
    const FORMATS: [Format; 5] = [Format::Unified, Format::Side, Format::Stat, Format::Markdown, Format::Json];
    let format = FORMATS[pick % FORMATS.len()];
    let color = (pick / FORMATS.len()) % 2 == 1;
    let width = [1, 40, 80][(pick / (FORMATS.len() * 2)) % 3];
    let out = render(&d, &RenderOptions { format, color, width });
    assert_inert("diff", out.as_str(), color);
    assert!(diff_documents(&a, &a, &Options::default()).is_equal(), "a document against itself is equal");
}

/// Cuts `text` to its first `n` characters.
fn cut(text: &mut strata::model::Str, n: usize) {
    if let Some((at, _)) = text.char_indices().nth(n) {
        *text = text[..at].into();
    }
}

/// Keeps the first block of every section and the first eight projects, indicators and glossary
/// entries, each text cut to 300 characters: the search index then still holds every section
/// title and every kind of field of the samples, while a query costs a fraction of a millisecond.
fn trimmed(mut doc: Document) -> Document {
    let mut stack: Vec<&mut Vec<strata::model::Section>> = vec![&mut doc.sections];
    while let Some(sections) = stack.pop() {
        for s in sections.iter_mut() {
            s.blocks.truncate(1);
            for b in &mut s.blocks {
                cut(&mut b.text, 300);
            }
            stack.push(&mut s.children);
        }
    }
    doc.projects.truncate(8);
    for p in &mut doc.projects {
        cut(&mut p.raw, 300);
    }
    doc.indicators.truncate(8);
    doc.glossary = std::mem::take(&mut doc.glossary).into_iter().take(8).collect();
    doc
}

fn index() -> &'static strata::search::Index {
    static INDEX: OnceLock<strata::search::Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let docs: Vec<Document> = strata::load::load_bundled()
            .docs
            .into_iter()
            .map(|l| trimmed(std::sync::Arc::unwrap_or_clone(l.doc)))
            .collect();
        strata::search::Index::build(&docs)
    })
}

/// Bytes as a query over the bundled samples (trimmed, see [`trimmed`]).
pub fn search(data: &[u8]) {
    let q = String::from_utf8_lossy(data);
    let query = strata::search::Query::parse(&q);
    let ocr = data.first().is_some_and(|b| b & 1 == 1);
    let opts = strata::search::Options { limit: 20, ocr, ..strata::search::Options::default() };
    let hits = strata::search::search(index(), &query, &opts);
    assert!(hits.len() <= 20);
    for h in &hits {
        let n = h.snippet.text.chars().count();
        assert!(h.snippet.matches.iter().all(|r| r.start <= r.end && r.end <= n), "match inside its snippet");
        assert_inert("snippet", &h.snippet.marked("[", "]"), false);
        assert_inert("title", &h.title, false);
    }
}
