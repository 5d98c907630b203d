//! `diff_section` computes one section only and gives the same result for it as the whole
//! comparison narrowed with `retain_section`, for every section key of region and version pairs.

use strata::compare::{Options, diff_documents, diff_section, section_keys};
use strata::model::Document;

fn sample(name: &str) -> Document {
    let set = strata::load::load_bundled();
    set.docs
        .into_iter()
        .find(|l| l.origin.ends_with(name))
        .unwrap_or_else(|| panic!("no sample {name}"))
        .doc
        .as_ref()
        .clone()
}

#[test]
fn section_diff_equals_the_narrowed_whole_diff() {
    let opts = Options::default();
    let pairs =
        [("ivanovo.json", "ivanovo-rev.json"), ("ivanovo.json", "kaliningrad.json"), ("khabarovsk.json", "tver.json")];
    let mut checked = 0;
    for (x, y) in pairs {
        let (a, b) = (sample(x), sample(y));
        let whole = diff_documents(&a, &b, &opts);
        let keys = section_keys(&a, &b);
        assert!(keys.iter().any(|k| k.starts_with("projects")) && keys.iter().any(|k| k.starts_with("indicators")));
        for key in &keys {
            let mut narrowed = whole.clone();
            assert!(narrowed.retain_section(key), "{key}");
            let only = diff_section(&a, &b, key, &opts).unwrap_or_else(|| panic!("{x} {y}: no {key}"));
            assert_eq!(only, narrowed, "{x} vs {y}, section {key}");
            checked += 1;
        }
        assert!(diff_section(&a, &b, "no.such.section", &opts).is_none());
    }
    assert!(checked > 100, "{checked}");
}

/// A comparison without the texts of equal rows (`strata diff`'s) differs from the full one only
/// in those texts, and renders byte for byte the same in every format, in memory or written out.
#[test]
fn equal_rows_without_texts_render_the_same() {
    use strata::compare::render::{Format, RenderOptions, render, render_to};
    use strata::compare::{BlockRow, Status};
    let lean = Options { same_texts: false, ..Options::default() };
    let mut dropped = 0;
    for (x, y) in [("ivanovo.json", "ivanovo-rev.json"), ("ivanovo.json", "kaliningrad.json")] {
        let (a, b) = (sample(x), sample(y));
        let (full, short) = (diff_documents(&a, &b, &Options::default()), diff_documents(&a, &b, &lean));
        let mut stripped = full.clone();
        for r in stripped.sections.iter_mut().flat_map(|s| s.rows.iter_mut()) {
            if r.status == Status::Same {
                dropped += usize::from(r.text_a.is_some() || r.text_b.is_some());
                (r.text_a, r.text_b) = (None, None);
            }
        }
        assert_eq!(stripped, short, "{x} vs {y}");
        let changed: Vec<&BlockRow> = short.sections.iter().flat_map(|s| s.changes()).collect();
        assert!(changed.iter().all(|r| r.text_a.is_some() || r.text_b.is_some()), "{x} vs {y}");
        for format in [Format::Unified, Format::Side, Format::Stat, Format::Json, Format::Markdown] {
            for color in [false, true] {
                let o = RenderOptions { format, color, width: 100 };
                let whole = render(&full, &o);
                assert_eq!(whole.as_str(), render(&short, &o).as_str(), "{x} vs {y}, {format:?}");
                let mut streamed = Vec::new();
                render_to(&short, &o, &mut streamed).unwrap();
                assert!(streamed == whole.as_str().as_bytes(), "{x} vs {y}, {format:?}: written out differs");
            }
        }
    }
    assert!(dropped > 300, "only {dropped} equal rows");
}
