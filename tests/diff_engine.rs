//! The diff engine on fixture documents: known edits, self-diff, mirror symmetry, cross-region
//! alignment by key, moved paragraphs, projects and indicators.

mod diff_fixtures;

use diff_fixtures::*;
use strata::compare::words::SpanKind;
use strata::compare::{DocDiff, Status, diff_documents};

fn diff(a: &strata::model::Document, b: &strata::model::Document) -> DocDiff {
    diff_documents(a, b, &exact())
}

fn changed_keys(d: &DocDiff) -> Vec<(&str, Status)> {
    d.sections.iter().filter(|s| s.is_change()).map(|s| (s.key.as_str(), s.status)).collect()
}

#[test]
fn known_edits_show_exactly_those_changes() {
    let d = diff(&ivanovo(), &ivanovo_rev());
    assert_eq!(
        changed_keys(&d),
        vec![("problems.education", Status::Changed), ("problems.healthcare", Status::Changed)]
    );

    let edu = d.sections.iter().find(|s| s.key == "problems.education").unwrap();
    let edu_changes: Vec<_> = edu.changes().map(|r| (r.status, r.a, r.b)).collect();
    // Two swapped paragraphs: one of them is reported as moved, the other stays in place.
    assert!(
        edu_changes == vec![(Status::Moved, Some(1), Some(0))]
            || edu_changes == vec![(Status::Moved, Some(0), Some(1))],
        "{edu_changes:?}"
    );
    assert_eq!(edu.rows.len(), 2);
    assert_eq!((edu.words_added, edu.words_removed), (0, 0), "a moved unchanged paragraph adds no words");

    let health = d.sections.iter().find(|s| s.key == "problems.healthcare").unwrap();
    let changes: Vec<_> = health.changes().collect();
    assert_eq!(changes.len(), 2, "{changes:#?}");
    assert_eq!((changes[0].status, changes[0].a, changes[0].b), (Status::Changed, Some(1), Some(1)));
    let words = changes[0].words.as_ref().unwrap();
    let deleted: Vec<&str> =
        words.spans.iter().filter(|s| s.kind == SpanKind::Deleted).map(|s| s.text.as_str()).collect();
    let inserted: Vec<&str> =
        words.spans.iter().filter(|s| s.kind == SpanKind::Inserted).map(|s| s.text.as_str()).collect();
    assert_eq!(deleted, vec!["62"]);
    assert_eq!(inserted, vec!["71", "пока"]);
    assert_eq!((changes[1].status, changes[1].a, changes[1].b), (Status::Added, None, Some(4)));
    assert_eq!(health.words_removed, 1);
    assert_eq!(health.words_added, 2 + 10);

    let p: Vec<(Status, &str)> =
        d.projects.iter().filter(|p| p.status != Status::Same).map(|p| (p.status, p.name.as_str())).collect();
    assert_eq!(
        p,
        vec![
            (Status::Removed, "Телемедицинская сеть Ивановской области"),
            (Status::Added, "Система поддержки принятия врачебных решений")
        ]
    );
    let ind: Vec<_> = d.indicators.iter().filter(|i| i.status != Status::Same).collect();
    assert_eq!(ind.len(), 1);
    let v = &ind[0].values["2024"];
    assert_eq!((v.a, v.b, v.delta), (Some(80.0), Some(85.0), Some(5.0)));
    assert!(!ind[0].values["2023"].differs());
    assert!(!d.is_equal());
    assert!(!d.approximate);
}

#[test]
fn a_document_against_itself_is_empty() {
    for doc in [ivanovo(), ivanovo_rev(), tver()] {
        let d = diff(&doc, &doc);
        assert!(d.is_equal(), "{:?}", d.summary);
        assert!(d.sections.iter().all(|s| s.status == Status::Same && s.similarity == 1.0));
        assert_eq!((d.summary.words_added, d.summary.words_removed), (0, 0));
    }
}

#[test]
fn a_to_b_mirrors_b_to_a() {
    for (a, b) in [(ivanovo(), ivanovo_rev()), (ivanovo(), tver())] {
        let ab = diff(&a, &b);
        let ba = diff(&b, &a);
        let mirror = |s: Status| match s {
            Status::Added => Status::Removed,
            Status::Removed => Status::Added,
            s => s,
        };
        let mut x: Vec<_> =
            ab.sections.iter().map(|s| (s.key.clone(), mirror(s.status), s.words_removed, s.words_added)).collect();
        let mut y: Vec<_> =
            ba.sections.iter().map(|s| (s.key.clone(), s.status, s.words_added, s.words_removed)).collect();
        x.sort();
        y.sort();
        assert_eq!(x, y);
        let mut px: Vec<_> = ab.projects.iter().map(|p| (p.name.clone(), mirror(p.status))).collect();
        let mut py: Vec<_> = ba.projects.iter().map(|p| (p.name.clone(), p.status)).collect();
        px.sort();
        py.sort();
        assert_eq!(px, py);
        // Indicators pair up by name (either side's, when renamed), whatever their order.
        assert_eq!(ab.indicators.len(), ba.indicators.len());
        let names = |i: &strata::compare::IndicatorDiff| {
            let mut n = [i.name.clone(), i.renamed_from.clone().unwrap_or_else(|| i.name.clone())];
            n.sort();
            (i.project.clone(), n)
        };
        for i in &ab.indicators {
            let j = ba.indicators.iter().find(|j| names(j) == names(i)).expect("mirrored indicator");
            assert_eq!(mirror(i.status), j.status, "{}", i.name);
            assert_eq!(i.values.keys().collect::<Vec<_>>(), j.values.keys().collect::<Vec<_>>());
            for (year, v) in &i.values {
                let w = &j.values[year];
                assert_eq!((v.a, v.b, v.delta.map(|d| -d)), (w.b, w.a, w.delta));
            }
        }
        assert_eq!(ab.summary.words_added, ba.summary.words_removed);
        // Each block row's word spans swap sides.
        assert_eq!(ab.sections.len(), ba.sections.len());
        for s in &ab.sections {
            let t = ba.sections.iter().find(|t| t.key == s.key).expect("every section on both sides");
            for r in s.changes().filter(|r| r.status == Status::Changed) {
                let w = r.words.as_ref().unwrap();
                let back = t.changes().find(|q| q.a == r.b && q.b == r.a).expect("mirrored row");
                let wb = back.words.as_ref().unwrap();
                let side =
                    |w: &strata::compare::words::WordDiff, b: bool| w.side(b).map(|(_, t)| t).collect::<String>();
                assert_eq!(side(w, false), side(wb, true));
                assert_eq!(side(w, true), side(wb, false));
            }
        }
    }
}

#[test]
fn cross_region_sections_align_by_key_whatever_the_numbering() {
    let d = diff(&ivanovo(), &tver());
    let h = d.sections.iter().find(|s| s.key == "problems.healthcare").unwrap();
    assert_eq!((h.number_a.as_deref(), h.number_b.as_deref()), (Some("4.2"), Some("4.5")));
    // Transport (B only) and education (A only) do not make healthcare a moved section.
    assert_eq!(h.status, Status::Changed);
    assert_eq!(h.title_a.as_deref(), Some("Здравоохранение"));
    // The shared first paragraph pairs as a changed paragraph, not a delete plus an add.
    let first = h.rows.iter().find(|r| r.a == Some(0)).unwrap();
    assert_eq!(first.status, Status::Changed);
    assert_eq!(first.b, Some(0));
    assert!(first.similarity > 0.5 && first.similarity < 1.0);
    let statuses: Vec<(&str, Status)> = d.sections.iter().map(|s| (s.key.as_str(), s.status)).collect();
    assert!(statuses.contains(&("problems.transport", Status::Added)));
    assert!(statuses.contains(&("problems.education", Status::Removed)));
    assert!(statuses.contains(&("basics", Status::Removed)));
    // Union of both trees, each key once.
    let mut keys: Vec<&str> = d.sections.iter().map(|s| s.key.as_str()).collect();
    let n = keys.len();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), n);
    assert_eq!(n, 5);
}

#[test]
fn json_has_the_issue_shape() {
    let d = diff(&ivanovo(), &ivanovo_rev());
    let v: serde_json::Value = serde_json::to_value(&d).unwrap();
    assert!(v["a"].as_str().unwrap().contains("Ивановская область"));
    assert!(v["b"].as_str().unwrap().contains("illustrative"));
    let s = &v["sections"][0];
    for f in ["key", "title", "status", "similarity", "changes"] {
        assert!(!s[f].is_null(), "section field {f} in {s}");
    }
    let health = v["sections"].as_array().unwrap().iter().find(|s| s["key"] == "problems.healthcare").unwrap();
    assert_eq!(health["status"], "changed");
    assert_eq!(health["changes"].as_array().unwrap().len(), 2, "only rows that are not same are listed");
    assert_eq!(v["projects"][0]["status"], "same");
    assert!(v["projects"][0]["name"].is_string());
    let ind = v["indicators"].as_array().unwrap().iter().find(|i| i["status"] == "changed").unwrap();
    assert_eq!(ind["project"], "Цифровой контур здравоохранения");
    assert_eq!(ind["values"]["2024"]["a"], 80.0);
    assert_eq!(ind["values"]["2024"]["b"], 85.0);
    assert_eq!(ind["values"]["2024"]["delta"], 5.0);
}

#[test]
fn renamed_projects_keep_their_indicators() {
    let a = ivanovo();
    let mut b = ivanovo();
    b.projects[0].name = "Цифровой контур регионального здравоохранения".into();
    b.indicators[0].project = b.projects[0].name.clone();
    let d = diff(&a, &b);
    let p = &d.projects[0];
    assert_eq!(p.status, Status::Changed);
    assert_eq!(p.renamed_from.as_deref(), Some("Цифровой контур здравоохранения"));
    assert!(d.indicators.iter().all(|i| i.status == Status::Same), "{:#?}", d.indicators);
}

#[test]
fn normalisation_hides_noise_but_not_content() {
    let a = ivanovo();
    let mut b = ivanovo();
    // Noise a flattened OCR text shows: lower case, no punctuation, no stopwords, ё->е, Latin o.
    b.sections[1].children[1].blocks[0].text = "ключевои проблемои отрасли остается низкий уровень оснащенности медицинских организаций компьютерной техникой одно автоматизированное рабочее место приходится более трех медицинских работников".replace("отрасли", "oтрасли").into();
    let strict = diff(&a, &b);
    assert_eq!(changed_keys(&strict), vec![("problems.healthcare", Status::Changed)]);
    let mut opts = exact();
    opts.norm.ocr = true;
    let loose = diff_documents(&a, &b, &opts);
    assert!(loose.is_equal(), "{:#?}", loose.sections.iter().filter(|s| s.is_change()).collect::<Vec<_>>());
    // A real content change still shows through.
    let t = b.sections[1].children[1].blocks[0].text.replace("трех", "пяти");
    b.sections[1].children[1].blocks[0].text = t.into();
    let loose = diff_documents(&a, &b, &opts);
    assert_eq!(changed_keys(&loose), vec![("problems.healthcare", Status::Changed)]);
    assert_eq!((loose.summary.words_added, loose.summary.words_removed), (1, 1));
}

#[test]
fn changes_can_be_walked_forward_and_back() {
    use strata::compare::ChangeAt;
    let d = diff(&ivanovo(), &ivanovo_rev());
    let places = d.change_places();
    // Two changed sections: education (one moved row) and healthcare (two rows).
    let edu = d.sections.iter().position(|s| s.key == "problems.education").unwrap();
    let health = d.sections.iter().position(|s| s.key == "problems.healthcare").unwrap();
    assert_eq!(places.len(), 5);
    assert_eq!(places[0], ChangeAt { section: edu, row: None });
    assert_eq!(places[2], ChangeAt { section: health, row: None });
    let mut at = None;
    let mut forward = Vec::new();
    while let Some(p) = d.next_change(at, true) {
        forward.push(p);
        at = Some(p);
    }
    assert_eq!(forward, places);
    let mut back = Vec::new();
    let mut at = None;
    while let Some(p) = d.next_change(at, false) {
        back.push(p);
        at = Some(p);
    }
    back.reverse();
    assert_eq!(back, places);
    assert!(diff(&ivanovo(), &ivanovo()).next_change(None, true).is_none());
}

#[test]
fn renumbered_items_are_not_changes() {
    let mut a = ivanovo();
    a.sections[1].children[1].blocks = vec![item("1. Защита персональных данных."), item("2. Нехватка кадров.")];
    let mut b = a.clone();
    b.sections[1].children[1].blocks = vec![
        item("1. Низкая цифровая грамотность."),
        item("2. Защита персональных данных."),
        item("3. Нехватка кадров."),
    ];
    let d = diff(&a, &b);
    let h = d.sections.iter().find(|s| s.key == "problems.healthcare").unwrap();
    let rows: Vec<_> = h.rows.iter().map(|r| (r.status, r.a, r.b)).collect();
    assert_eq!(
        rows,
        vec![(Status::Added, None, Some(0)), (Status::Same, Some(0), Some(1)), (Status::Same, Some(1), Some(2))]
    );
    assert_eq!((h.words_added, h.words_removed), (3, 0));
}
