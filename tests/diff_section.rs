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
