//! Project and indicator matching through the name index finds the same pairs as comparing every
//! name with every other, on the bundled samples, on a generated corpus and on reworded names.

use strata::compare::projects::{RENAME_THRESHOLD, diff_projects, match_by_name, match_by_name_all_pairs, name_key};
use strata::compare::{indicators, norm::Normalization};
use strata::model::Document;

fn samples() -> Vec<Document> {
    strata::load::load_bundled().docs.into_iter().map(|l| std::sync::Arc::unwrap_or_clone(l.doc)).collect()
}

/// Checks projects and indicators of one pair; returns how many fuzzy (non-exact) pairs it saw.
fn check(a: &Document, b: &Document, norm: &Normalization) -> usize {
    let key = |d: &Document| -> Vec<(String, String)> {
        d.projects.iter().map(|p| (p.sector.clone(), name_key(&p.name, norm))).collect()
    };
    let (ka, kb) = (key(a), key(b));
    let fast = match_by_name(&ka, &kb, RENAME_THRESHOLD);
    assert_eq!(fast, match_by_name_all_pairs(&ka, &kb, RENAME_THRESHOLD), "projects {} vs {}", a.label(), b.label());
    let fuzzy = |m: &[Option<usize>], ka: &[(String, String)], kb: &[(String, String)]| {
        m.iter().enumerate().filter(|(i, j)| j.is_some_and(|j| ka[*i] != kb[j])).count()
    };
    let mut n = fuzzy(&fast, &ka, &kb);
    let projects = diff_projects(&a.projects, &b.projects, norm);
    let (ia, ib) = indicators::keys(a, b, &projects, norm);
    let fast = match_by_name(&ia, &ib, RENAME_THRESHOLD);
    assert_eq!(fast, match_by_name_all_pairs(&ia, &ib, RENAME_THRESHOLD), "indicators {} vs {}", a.label(), b.label());
    n += fuzzy(&fast, &ia, &ib);
    n
}

#[test]
fn index_matches_all_pairs_on_every_pair_of_samples() {
    let docs = samples();
    assert!(docs.len() >= 5);
    let mut fuzzy = 0;
    for norm in [Normalization::default(), Normalization { ocr: true, ..Default::default() }] {
        for a in &docs {
            for b in &docs {
                fuzzy += check(a, b, &norm);
            }
        }
    }
    // Region pairs do pair similar names across regions: the fuzzy path is exercised.
    assert!(fuzzy > 0);
}

#[test]
fn index_matches_all_pairs_on_the_corpus() {
    let spec = strata::corpus::Spec { seed: 7, regions: 12, versions: 3 };
    let docs = strata::corpus::generate(&samples(), spec, |_, _| {});
    let norm = Normalization::default();
    for w in docs.windows(2) {
        check(&w[0], &w[1], &norm);
    }
    for (i, a) in docs.iter().enumerate().step_by(5) {
        check(a, &docs[(i * 7 + 3) % docs.len()], &norm);
    }
}

/// Reworded names: endings changed, a word dropped, a letter changed, a word added.
#[test]
fn index_matches_all_pairs_on_reworded_names() {
    let edits: [fn(&str) -> String; 4] = [
        |s| s.replace("ый ", "ой ").replace("ая ", "ой ").replace("ие ", "ия "),
        |s| {
            let mut w: Vec<&str> = s.split(' ').collect();
            if w.len() > 3 {
                w.remove(w.len() / 2);
            }
            w.join(" ")
        },
        |s| s.replacen('а', "о", 2),
        |s| format!("{s} региона"),
    ];
    let norm = Normalization::default();
    let mut fuzzy = 0;
    for a in samples() {
        for (k, edit) in edits.iter().enumerate() {
            let mut b = a.clone();
            for (i, p) in b.projects.iter_mut().enumerate() {
                if (i + k) % 2 == 0 {
                    p.name = edit(&p.name);
                }
            }
            for (i, ind) in b.indicators.iter_mut().enumerate() {
                if (i + k) % 3 == 0 {
                    ind.name = edit(&ind.name).into();
                }
            }
            fuzzy += check(&a, &b, &norm);
        }
    }
    assert!(fuzzy > 100, "{fuzzy}");
}
