//! Navigation and state tests: the update step driven directly, with no terminal.

use super::common;
use crate::tui::testing::Harness;

use strata::load::LoadError;
use strata::tui::action::Action;
use strata::tui::content::Item;
use strata::tui::keymap::Key;
use strata::tui::state::{App, DocRow, Pane, Settings};
use strata::tui::update::{self, Effect};

fn app(w: u16, h: u16) -> Harness {
    let errors = vec![LoadError {
        origin: "broken.json".into(),
        position: Some((3, 11)),
        message: "not a strata document: expected value".into(),
    }];
    Harness::with_settings(common::docs(), errors, Settings::default(), w, h)
}

fn title_of(app: &App) -> String {
    let d = app.doc().unwrap();
    match app.item().unwrap() {
        Item::Overview => "overview".into(),
        Item::Section(p) => strata::tui::content::section_at(&app.docs[d].doc, p).unwrap().key.clone(),
    }
}

fn text(app: &App) -> String {
    app.layers
        .browse
        .content
        .lines
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

fn keys(app: &mut Harness, ks: &str) {
    app.press(ks);
}

#[test]
fn documents_grouped_by_region_newest_first() {
    let a = app(120, 40);
    let rows: Vec<String> = a
        .layers
        .browse
        .doc_rows
        .iter()
        .map(|r| match r {
            DocRow::Region(n, c) => format!("{n} ({c})"),
            DocRow::Doc(i) => a.docs[*i].doc.meta.version.label.clone(),
        })
        .collect();
    assert_eq!(
        rows,
        [
            "Астраханская область (1)",
            "2022-08-26",
            "Ивановская область (2)",
            "2022-08-26",
            "2021-08-20",
            "Тверская область (1)",
            "2021-12-30"
        ]
    );
    assert_eq!(a.layers.browse.doc_sel, 1, "the first document is selected, not a region heading");
    assert_eq!(a.layers.browse.focus, Pane::Sections);
}

#[test]
fn moving_through_documents_skips_region_rows() {
    let mut a = app(120, 40);
    update::apply(&mut a, Action::PrevPane);
    assert_eq!(a.layers.browse.focus, Pane::Documents);
    keys(&mut a, "j");
    assert_eq!(a.layers.browse.doc_sel, 3);
    keys(&mut a, "j");
    assert_eq!(a.layers.browse.doc_sel, 4);
    assert!(a.docs[a.doc().unwrap()].doc.meta.version.label == "2021-08-20");
    keys(&mut a, "G");
    assert_eq!(a.layers.browse.doc_sel, 6);
    assert_eq!(update::key(&mut a, Key::parse("j").unwrap()), Effect::None, "no redraw at the end");
    keys(&mut a, "g");
    assert_eq!(a.layers.browse.doc_sel, 1);
    keys(&mut a, "enter");
    assert_eq!(a.layers.browse.focus, Pane::Sections);
}

#[test]
fn tree_navigation_folding_and_content() {
    let mut a = app(120, 40);
    assert_eq!(title_of(&a), "overview");
    assert!(text(&a).contains("Астраханская область (astrakhan)"));
    keys(&mut a, "j j");
    assert_eq!(title_of(&a), "basics.grounds");
    // h on a leaf goes to the parent; h again folds it; l unfolds.
    keys(&mut a, "h");
    assert_eq!(title_of(&a), "basics");
    let n = a.layers.browse.tree.len();
    keys(&mut a, "h");
    assert_eq!(a.layers.browse.tree.len(), n - 1);
    keys(&mut a, "space");
    assert_eq!(a.layers.browse.tree.len(), n);
    keys(&mut a, "space l");
    assert_eq!(a.layers.browse.tree.len(), n);
    assert_eq!(a.layers.browse.focus, Pane::Sections);
    keys(&mut a, "l");
    assert_eq!(a.layers.browse.focus, Pane::Content, "l on an open section moves to the content");
    keys(&mut a, "shift-tab j j j j");
    assert_eq!(title_of(&a), "problems.healthcare");
    let t = text(&a);
    assert!(t.contains("4.2 Здравоохранение"));
    assert!(t.contains("  - устаревший парк компьютерной техники;"), "{t}");
    assert!(t.contains("ЕГИСЗ"));
}

#[test]
fn sector_sections_show_tables_and_raw_rows() {
    let mut a = app(120, 40);
    update::select_item(&mut a, &Item::Section(vec![2, 1]));
    assert_eq!(title_of(&a), "projects.healthcare");
    let t = text(&a);
    assert!(t.contains("No.   Project"), "{t}");
    assert!(t.contains("Цифровой контур здравоохран…"), "cells are cut to one line with an ellipsis:\n{t}");
    assert_eq!(a.layers.browse.content.rows.len(), 2, "one row per project: {t}");
    assert!(!t.contains("Библиотека"), "education projects stay out of the healthcare table");
    keys(&mut a, "tab r");
    assert!(a.layers.browse.raw);
    let t = text(&a);
    assert!(t.contains("[healthcare/1] 1 Цифровой контур"), "{t}");
    update::select_item(&mut a, &Item::Section(vec![3, 0]));
    keys(&mut a, "r");
    let t = text(&a);
    assert!(t.contains("Indicator"), "{t}");
    assert!(t.contains("2022") && t.contains("75.5"));
}

#[test]
fn content_scrolls_by_line_page_and_ends() {
    let mut a = app(80, 12);
    update::select_item(&mut a, &Item::Section(vec![1, 1]));
    keys(&mut a, "tab");
    assert_eq!(a.layers.browse.focus, Pane::Content);
    let d = a.doc().unwrap();
    let total = a.layers.browse.content.lines.len();
    let h = strata::tui::layout::inner(a.areas().content).height as usize;
    assert!(total > h, "the fixture section must overflow an 80x12 content pane ({total} <= {h})");
    keys(&mut a, "j");
    assert_eq!(a.layers.browse.views[d].scroll, 1);
    keys(&mut a, "G");
    assert_eq!(a.layers.browse.views[d].scroll, total - h);
    keys(&mut a, "j");
    assert_eq!(a.layers.browse.views[d].scroll, total - h, "never past the end");
    keys(&mut a, "ctrl-u");
    assert_eq!(a.layers.browse.views[d].scroll, total - h - (h / 2).min(total - h));
    keys(&mut a, "g");
    assert_eq!(a.layers.browse.views[d].scroll, 0);
}

#[test]
fn panes_cycle_maximise_and_narrow_layout() {
    let mut a = app(80, 24);
    let ar = a.areas();
    assert!(ar.docs.is_empty(), "at 80 columns the document list is a key away");
    assert!(!ar.tree.is_empty() && !ar.content.is_empty());
    keys(&mut a, "shift-tab");
    assert_eq!(a.layers.browse.focus, Pane::Documents);
    assert!(!a.areas().docs.is_empty() && a.areas().tree.is_empty());
    keys(&mut a, "z");
    assert_eq!(a.areas().docs.width, 80);
    keys(&mut a, "esc");
    assert!(!a.layers.browse.maximized);
    let mut w = app(120, 40);
    let ar = w.areas();
    assert!(!ar.docs.is_empty() && !ar.tree.is_empty() && !ar.content.is_empty());
    update::resize(&mut w, 50, 20);
    assert_eq!(w.areas().tree.width, 50, "under 60 columns only the focused pane shows");
}

#[test]
fn help_and_problems_overlays() {
    let mut a = app(80, 24);
    assert_eq!(a.status.text(), Some("1 file not opened: e lists them"));
    let d = a.doc().unwrap();
    let sel = a.layers.browse.views[d].sel;
    keys(&mut a, "?");
    assert_eq!(a.layers(), ["browse", "help"]);
    let top = a.screen();
    assert!(a.press("j"), "keys scroll the overlay");
    assert_ne!(a.screen(), top);
    assert_eq!(a.layers.browse.views[d].sel, sel, "not the panes");
    keys(&mut a, "G");
    assert!(!a.press("j"), "help stops at its end");
    assert!(a.screen().contains('/'), "the position shows in the border");
    keys(&mut a, "q");
    assert_eq!(a.layers(), ["browse"], "q closes the overlay instead of quitting");
    assert!(!a.quit);
    keys(&mut a, "e");
    assert_eq!(a.layers(), ["browse", "problems"]);
    keys(&mut a, "esc q");
    assert!(a.quit);
}

#[test]
fn mouse_click_selects_and_wheel_scrolls() {
    let mut a = app(120, 40);
    let tree = a.areas().tree;
    update::click(&mut a, tree.x + 3, tree.y + 3);
    assert_eq!(a.layers.browse.focus, Pane::Sections);
    assert_eq!(title_of(&a), "basics.grounds");
    let n = a.layers.browse.tree.len();
    update::click(&mut a, tree.x + 3, tree.y + 2);
    assert_eq!(title_of(&a), "basics");
    update::click(&mut a, tree.x + 3, tree.y + 2);
    assert_eq!(a.layers.browse.tree.len(), n - 1, "a second click folds");
    update::click(&mut a, tree.x + 3, tree.y + 2);
    assert_eq!(a.layers.browse.tree.len(), n, "a third unfolds");
    let docs = a.areas().docs;
    update::click(&mut a, docs.x + 2, docs.y + 4);
    assert_eq!(a.layers.browse.focus, Pane::Documents);
    assert_eq!(a.layers.browse.doc_sel, 3);
    // The wheel over the tree moves its selection, over the content scrolls the text by 3.
    let d = a.doc().unwrap();
    let sel = a.layers.browse.views[d].sel;
    assert_eq!(update::wheel(&mut a, tree.x + 3, tree.y + 3, 1), Effect::Redraw);
    assert_eq!(a.layers.browse.focus, Pane::Sections);
    assert_eq!(a.layers.browse.views[d].sel, sel + 1, "one row down");
    update::select_item(&mut a, &Item::Section(vec![1, 1]));
    update::resize(&mut a, 120, 12);
    let c = a.areas().content;
    assert!(a.layers.browse.content.lines.len() > 12, "the section is longer than the pane");
    assert_eq!(a.layers.browse.views[d].scroll, 0);
    assert_eq!(update::wheel(&mut a, c.x + 2, c.y + 2, 3), Effect::Redraw);
    assert_eq!(a.layers.browse.focus, Pane::Content);
    assert_eq!(a.layers.browse.views[d].scroll, 3, "three lines down");
    update::wheel(&mut a, c.x + 2, c.y + 2, -2);
    assert_eq!(a.layers.browse.views[d].scroll, 1, "two back up");
    assert_eq!(update::wheel(&mut a, c.x + 2, c.y + 2, -5), Effect::Redraw);
    assert_eq!(a.layers.browse.views[d].scroll, 0, "stops at the top");
    assert_eq!(update::wheel(&mut a, c.x + 2, c.y + 2, -1), Effect::None, "nothing left to scroll");
}

#[test]
fn no_documents_still_works() {
    let mut a = Harness::with_settings(Vec::new(), Vec::new(), Settings::default(), 80, 24);
    for k in ["j", "k", "tab", "enter", "G", "space", "r", "z", "h", "l"] {
        update::key(&mut a, Key::parse(k).unwrap());
    }
    assert!(a.doc().is_none());
}

/// Writes the fixture JSON files for trying the UI by hand:
/// `STRATA_FIXTURE_DIR=/tmp/f cargo test --lib tui::tests::state::dump_fixtures -- --ignored`.
#[test]
#[ignore]
fn dump_fixtures() {
    let dir = std::env::var("STRATA_FIXTURE_DIR").unwrap_or_else(|_| "/tmp/strata-fixtures".into());
    std::fs::create_dir_all(&dir).unwrap();
    common::write_json(std::path::Path::new(&dir));
}

#[test]
fn open_from_elsewhere_unfolds_selects_highlights_and_scrolls() {
    use strata::tui::content::Mark;
    let mut a = app(80, 14);
    let ivanovo_2021 = a.docs.iter().position(|l| l.origin == "ivanovo-2021.json").unwrap();
    // Fold "problems" first: opening must unfold it.
    update::select_item(&mut a, &Item::Section(vec![1]));
    keys(&mut a, "space");
    update::apply(&mut a, Action::PrevPane);
    keys(&mut a, "j j");
    let chars = common::HEALTH_PARA.chars().count();
    let marks = vec![
        Mark { block: 0, chars: 0..6 },
        Mark { block: 2, chars: 0..10 },
        Mark { block: 0, chars: chars - 8..chars },
    ];
    assert_eq!(update::open(&mut a, ivanovo_2021, &Item::Section(vec![1, 1]), marks), Effect::Redraw);
    assert_eq!(a.doc(), Some(ivanovo_2021));
    assert_eq!(title_of(&a), "problems.healthcare");
    assert_eq!(a.layers.browse.focus, Pane::Content);
    let ml = a.layers.browse.content.mark_lines.clone();
    assert!(ml.iter().all(Option::is_some), "{ml:?}");
    assert!(ml[1] > ml[2] && ml[2] > ml[0], "marks located in text order: {ml:?}");
    update::scroll_to(&mut a, ml[1].unwrap());
    let d = a.doc().unwrap();
    assert!(a.layers.browse.views[d].scroll > 0);
    // Moving to another section drops the highlights.
    keys(&mut a, "shift-tab j");
    assert!(a.layers.browse.marks.is_empty());
}

#[test]
fn nothing_changes_nothing_redraws() {
    let mut a = app(120, 40);
    update::apply(&mut a, Action::PrevPane);
    for k in ["k", "g", "x", "F5", "ctrl-x"] {
        assert_eq!(update::key(&mut a, Key::parse(k).unwrap()), Effect::None, "{k}");
    }
    keys(&mut a, "tab tab");
    assert_eq!(a.layers.browse.focus, Pane::Content);
    assert_eq!(update::key(&mut a, Key::parse("k").unwrap()), Effect::None, "content already at the top");
    // A resize to the same size changes nothing; a new size lays the panes out again.
    let before = a.areas();
    assert_eq!(update::resize(&mut a, 120, 40), Effect::None);
    assert_eq!(update::resize(&mut a, 100, 30), Effect::Redraw);
    assert_eq!((a.size.width, a.size.height), (100, 30));
    assert_ne!(a.areas(), before);
    assert_eq!(a.areas().status.y, 29, "the status line on the new last row");
    assert_eq!(update::resize(&mut a, 100, 30), Effect::None);
}

/// A section chain far deeper than any call stack allows for recursion: the search index and the
/// tree rows walk it with explicit stacks, on a thread with a 256 KiB stack. (Deeper chains are
/// bounded by memory, not stack: each index entry and tree row keeps its full path.)
#[test]
fn deep_section_chain_needs_no_call_stack() {
    use strata::model::{Block, BlockKind, Section};
    use strata::search::{Field, Index};
    use strata::tui::state::{Fold, tree_rows};

    const DEPTH: usize = 4_000;
    let section = |i: usize| Section {
        key: format!("deep.{i}"),
        number: None,
        title: format!("Раздел {i}"),
        blocks: vec![Block { kind: BlockKind::Paragraph, text: format!("текст {i}").into() }],
        children: Vec::new(),
        line: None,
        offset: None,
    };
    // Drops a chain level by level: derived drop glue would recurse once per level.
    fn dismantle(mut sections: Vec<Section>) {
        while let Some(mut s) = sections.pop() {
            sections.append(&mut s.children);
        }
    }
    let mut doc = std::sync::Arc::unwrap_or_clone(common::docs().remove(0).doc);
    let mut chain = section(DEPTH - 1);
    for i in (0..DEPTH - 1).rev() {
        let mut s = section(i);
        s.children.push(chain);
        chain = s;
    }
    dismantle(std::mem::replace(&mut doc.sections, vec![chain]));

    let run = std::thread::Builder::new().stack_size(256 * 1024).spawn(move || {
        let ix = Index::build(std::slice::from_ref(&doc));
        let rows = tree_rows(&doc, &Default::default());
        let closed: std::collections::HashSet<Vec<usize>> = [vec![0; 10]].into();
        let folded = tree_rows(&doc, &closed).len();
        dismantle(std::mem::take(&mut doc.sections));
        (ix, rows, folded)
    });
    let (ix, rows, folded) = run.unwrap().join().expect("no stack overflow");

    assert_eq!(ix.sections.len(), DEPTH);
    for (k, s) in ix.sections.iter().enumerate() {
        assert_eq!((s.key.as_str(), s.parent, s.path.len()), (format!("deep.{k}").as_str(), k.checked_sub(1), k + 1));
    }
    assert_eq!(ix.items.iter().filter(|it| it.field == Field::SectionTitle).count(), DEPTH);
    assert_eq!(ix.items.iter().filter(|it| matches!(it.field, Field::Block(0))).count(), DEPTH);

    assert_eq!(rows.len(), DEPTH + 1, "the overview and every section");
    for (k, r) in rows[1..].iter().enumerate() {
        let fold = if k + 1 == DEPTH { Fold::Leaf } else { Fold::Open };
        assert_eq!((r.depth, r.fold), (k, fold));
    }
    assert_eq!(folded, 1 + 10, "the overview and the sections down to the collapsed one");
}

/// The status message lasts by one rule whatever said it (see `tui::status`): a key that
/// changes nothing leaves it, one that changes something ends it, a job's report replaces it.
#[test]
fn a_status_message_lasts_until_a_key_changes_something() {
    let mut a = app(100, 30);
    a.press("esc");
    assert_eq!(a.message(), Some("1 file not opened: e lists them"), "Esc with nothing to leave keeps it");
    a.press("k");
    assert_eq!(a.message(), Some("1 file not opened: e lists them"), "k at the top moves nothing");
    a.press("r");
    assert_eq!(a.message(), Some("raw row text (r: tables)"), "a key that says something shows that");
    a.press("j");
    assert_eq!(a.message(), None, "a key that moves ends it");
}
