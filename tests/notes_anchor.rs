//! Notes carried forward across the bundled Ivanovo revision (samples/ivanovo.json →
//! samples/ivanovo-rev.json): a note on last year's paragraph lands on the matching paragraph of
//! the revision, also when the paragraph moved down or was reworded; a note whose paragraph or
//! section is gone is listed as orphaned, never dropped.

use std::path::Path;
use strata::compare::{Options, diff_documents};
use strata::model::Document;
use strata::notes::anchor::Anchor;
use strata::notes::store::NewNote;
use strata::notes::{DocRef, Note, OrphanReason, Store, carry_forward, place_on};

fn load(name: &str) -> Document {
    strata::load::load_file(&Path::new(env!("CARGO_MANIFEST_DIR")).join("samples").join(name))
        .unwrap()
        .doc
        .as_ref()
        .clone()
}

fn block_text<'d>(d: &'d Document, key: &str, i: usize) -> &'d str {
    &d.section(key).unwrap().blocks[i].text
}

/// Notes written on `doc` through a real store, as the CLI writes them.
fn notes_on(doc: &Document, spots: &[(&str, Option<usize>, &str)]) -> Vec<Note> {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("notes.sqlite")).unwrap();
    for (key, block, text) in spots {
        let anchor = block.map(|b| Anchor::of(block_text(doc, key, b - 1)));
        store
            .add(&NewNote {
                doc: DocRef::of(doc),
                section: key.to_string(),
                block: *block,
                anchor,
                text: text.to_string(),
                author: "tester".into(),
            })
            .unwrap();
    }
    store.list(None).unwrap()
}

fn placed_at<'p>(p: &'p strata::notes::Placement, text: &str) -> Option<(&'p str, Option<usize>)> {
    p.placed.iter().find(|n| n.note.text == text).map(|n| (n.section.as_str(), n.block))
}

#[test]
fn notes_follow_their_paragraphs_into_the_revision() {
    let a = load("ivanovo.json");
    let b = load("ivanovo-rev.json");
    let notes = notes_on(
        &a,
        &[
            // Pushed down by the paragraph the revision inserts before it: [3] in A is [4] in B.
            ("basics.terms", Some(3), "о приоритетных проектах"),
            // Reworded in the revision (words added inside the item).
            ("problems.healthcare", Some(6), "о профилактике"),
            // A project row and an indicator row whose values changed.
            ("projects.trade_business", Some(1), "о платформе"),
            ("indicators.trade_business", Some(1), "о показателе"),
            // Unchanged paragraph, and a note on a whole section.
            ("problems.education", Some(1), "без изменений"),
            ("problems.healthcare", None, "о разделе"),
        ],
    );
    let diff = diff_documents(&a, &b, &Options::default());
    let p = carry_forward(&notes, &a, &b, &diff);
    assert!(p.orphaned.is_empty(), "{:?}", p.orphaned);
    assert_eq!(p.placed.len(), notes.len());
    assert!(p.placed.iter().all(|n| n.carried));
    assert_eq!(placed_at(&p, "о приоритетных проектах"), Some(("basics.terms", Some(3))));
    assert!(block_text(&b, "basics.terms", 3).starts_with("Приоритетные проекты"));
    assert_eq!(placed_at(&p, "о профилактике"), Some(("problems.healthcare", Some(5))));
    assert!(block_text(&b, "problems.healthcare", 5).contains("взрослого населения"));
    assert_eq!(placed_at(&p, "о платформе"), Some(("projects.trade_business", Some(0))));
    assert_eq!(placed_at(&p, "о показателе"), Some(("indicators.trade_business", Some(0))));
    assert_eq!(placed_at(&p, "без изменений"), Some(("problems.education", Some(0))));
    assert_eq!(placed_at(&p, "о разделе"), Some(("problems.healthcare", None)));
    assert_eq!(p.on_block("problems.healthcare", 5).count(), 1);
    assert_eq!(p.on_section("problems.healthcare").count(), 1);
    assert_eq!(p.count_in("problems.healthcare"), 2);
    // The revision's own notes stay where they were written.
    let own = notes_on(&b, &[("basics.terms", Some(3), "о новой редакции")]);
    let p = carry_forward(&own, &a, &b, &diff);
    assert_eq!(placed_at(&p, "о новой редакции"), Some(("basics.terms", Some(2))));
    assert!(!p.placed[0].carried);
}

#[test]
fn a_note_whose_anchor_is_gone_is_orphaned_not_dropped() {
    let a = load("ivanovo.json");
    let mut b = load("ivanovo-rev.json");
    // A further revision deletes the healthcare item 7 and the whole tourism problems section.
    let removed = block_text(&a, "problems.healthcare", 7).to_string();
    assert!(removed.starts_with("7. Защита"), "{removed}");
    for s in &mut b.sections {
        s.children.retain(|c| c.key != "problems.tourism");
        for c in &mut s.children {
            if c.key == "problems.healthcare" {
                c.blocks.retain(|blk| !blk.text.starts_with("7. Защита"));
            }
        }
    }
    let notes = notes_on(
        &a,
        &[
            ("problems.healthcare", Some(8), "о защите данных"),
            ("problems.tourism", Some(1), "о туризме"),
            ("problems.tourism", None, "о разделе туризма"),
            ("problems.healthcare", Some(6), "о профилактике"),
        ],
    );
    let diff = diff_documents(&a, &b, &Options::default());
    let p = carry_forward(&notes, &a, &b, &diff);
    let reason = |t: &str| p.orphaned.iter().find(|o| o.note.text == t).map(|o| o.reason);
    assert_eq!(reason("о защите данных"), Some(OrphanReason::BlockGone));
    assert_eq!(reason("о туризме"), Some(OrphanReason::SectionGone));
    assert_eq!(reason("о разделе туризма"), Some(OrphanReason::SectionGone));
    assert_eq!(p.placed.len() + p.orphaned.len(), notes.len(), "every note is either placed or orphaned");
    assert_eq!(placed_at(&p, "о профилактике"), Some(("problems.healthcare", Some(5))));
}

#[test]
fn notes_are_found_again_when_the_same_version_is_re_normalized() {
    let a = load("ivanovo.json");
    let notes = notes_on(&a, &[("basics.terms", Some(3), "о приоритетных проектах")]);
    // The parser improves and now splits the first paragraph in two: the block numbers shift.
    let mut again = a.clone();
    let terms =
        again.sections.iter_mut().flat_map(|s| s.children.iter_mut()).find(|c| c.key == "basics.terms").unwrap();
    let first = terms.blocks[0].clone();
    terms.blocks.insert(0, strata::model::Block { text: "Срок реализации.".into(), ..first });
    let p = place_on(&notes, &again);
    assert_eq!(placed_at(&p, "о приоритетных проектах"), Some(("basics.terms", Some(3))));
    // Notes of another document are not placed on this one.
    assert!(place_on(&notes, &load("tver.json")).placed.is_empty());
}
