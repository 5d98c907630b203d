//! Documents arriving in the UI while it runs: selection and scroll stay put, progress shows in the
//! status line, problems are announced when loading ends, and the loader delivers a real folder.

use super::common;
use crate::tui::testing::Harness;

use strata::load::LoadError;
use strata::tui::keymap::Key;
use strata::tui::loader::Source;
use strata::tui::state::{DocRow, Pane, Settings};
use strata::tui::update;

fn screen(app: &Harness) -> String {
    app.screen()
}

fn empty(w: u16, h: u16) -> Harness {
    Harness::with_settings(Vec::new(), Vec::new(), Settings::default(), w, h)
}

#[test]
fn first_frame_before_any_document_then_progress() {
    let mut app = empty(100, 30);
    app.load.progress = Some((0, 0));
    let s = screen(&app);
    assert!(s.contains("Loading documents…") && s.contains("loading…"), "{s}");
    app.load.progress = Some((2, 4));
    assert!(screen(&app).contains("loading 2/4"));
    app.add(common::docs().into_iter().take(2).collect(), Vec::new());
    assert_eq!(app.layers.browse.focus, Pane::Sections, "the first document is shown at once");
    assert!(app.doc().is_some());
    app.finish_loading();
    let s = screen(&app);
    assert!(!s.contains("loading"), "{s}");
}

fn region_doc(name: &str) -> strata::load::Loaded {
    let mut l = common::docs().pop().unwrap();
    let doc = std::sync::Arc::make_mut(&mut l.doc);
    doc.meta.region.name = name.to_string();
    doc.meta.region.key = name.to_lowercase().replace(' ', "-");
    l.origin = format!("{}.json", l.doc.meta.region.key);
    l
}

#[test]
fn selection_and_its_screen_row_survive_arrivals() {
    // One document arrives first; the user moves in it; twenty more arrive, half sorted above it.
    let mut app = empty(120, 24);
    app.add(vec![region_doc("Регион M")], Vec::new());
    let sel = app.doc().unwrap();
    let row_on_screen = app.layers.browse.doc_sel - app.layers.browse.doc_off;
    update::key(&mut app, Key::parse("j").unwrap());
    let others =
        (1..=10).flat_map(|i| [region_doc(&format!("Регион A{i:02}")), region_doc(&format!("Регион Z{i:02}"))]);
    app.add(others.collect(), Vec::new());
    assert_eq!(app.docs.len(), 21);
    assert_eq!(app.layers.browse.views.len(), 21);
    assert_eq!(app.layers.browse.doc_rows[app.layers.browse.doc_sel], DocRow::Doc(sel), "still the user's document");
    assert_eq!(app.layers.browse.doc_sel, 21, "below ten regions of two rows");
    assert_eq!(app.layers.browse.doc_sel - app.layers.browse.doc_off, row_on_screen, "and on the same screen row");
    assert!(app.layers.browse.views[sel].sel > 0, "its view state kept: {:?}", app.layers.browse.views[sel]);
}

#[test]
fn untouched_selection_follows_the_top_of_the_list() {
    let mut app = empty(120, 24);
    app.add(vec![region_doc("Регион M")], Vec::new());
    app.add(vec![region_doc("Регион A")], Vec::new());
    let d = app.doc().unwrap();
    assert_eq!(app.docs[d].doc.meta.region.name, "Регион A", "arrival order does not decide what is shown");
    assert_eq!(app.layers.browse.doc_sel, 1);
}

#[test]
fn errors_announced_when_loading_ends() {
    let mut app = empty(80, 24);
    app.load.progress = Some((0, 2));
    let e = LoadError { origin: "bad.json".into(), position: Some((1, 3)), message: "not a strata document".into() };
    app.add(common::docs(), vec![e]);
    assert!(app.status.is_empty(), "no nagging while still loading");
    app.finish_loading();
    assert_eq!(app.status.text(), Some("1 file not opened: e lists them"));
    assert!(screen(&app).contains("e: 1 problem"), "{}", screen(&app));
}

/// The load finishes (every report already waiting) before the UI takes its first event: the
/// files that did not open are still announced.
#[test]
fn errors_announced_when_loading_ends_before_the_first_event() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("broken.json"), "{ oops").unwrap();
    let mut app = Harness::loading(Source::Paths(vec![dir.path().to_path_buf(), dir.path().join("gone.json")]), 80, 24);
    // Wait for the job to be over without taking its reports, then take them all at once.
    let end = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while std::time::Instant::now() < end && app.jobs.running(crate::tui::job::Kind::Load) {
        app.settle();
    }
    assert!(app.load.progress.is_none());
    assert_eq!(app.status.text(), Some("2 files not opened: e lists them"));
    let s = screen(&app);
    assert!(s.contains("2 files not opened") && s.contains("e: 2 problems"), "{s}");
}

#[test]
fn loader_delivers_a_folder_to_the_app() {
    let dir = tempfile::tempdir().unwrap();
    common::write_json(dir.path());
    let mut app = Harness::loading(Source::Paths(vec![dir.path().to_path_buf()]), 80, 24);
    assert!(screen(&app).contains("loading"), "progress from the first frame");
    app.settle();
    assert!(app.load.progress.is_none() && !screen(&app).contains("loading"));
    assert_eq!((app.docs.len(), app.load_errors.len()), (4, 1));
    assert!(app.load_errors[0].origin.ends_with("broken.json"));
    let regions: Vec<_> = app.layers.browse.doc_rows.iter().filter(|r| matches!(r, DocRow::Region(..))).collect();
    assert_eq!(regions.len(), 3);
}

/// Keys typed before the first document shows (a reviewer typing ahead while strata starts, keys
/// sent right after the command) do what they do once it shows: the screen is the same whether
/// the document arrived before the keys or after them. (With several documents the keys act on
/// the first to arrive, the one on screen when they do.)
#[test]
fn keys_typed_before_the_first_document_act_as_if_it_had_shown() {
    let dir = tempfile::tempdir().unwrap();
    let doc = common::docs().into_iter().next().unwrap();
    std::fs::write(dir.path().join(&doc.origin), serde_json::to_string(&*doc.doc).unwrap()).unwrap();
    let open = || Harness::loading(Source::Paths(vec![dir.path().to_path_buf()]), 100, 30);
    let keys = "tab j j 3 j";
    // Typed ahead: the load's reports are not taken before the keys.
    let mut early = open();
    assert!(early.docs.is_empty());
    early.press(keys);
    assert_eq!(early.layers.browse.focus, Pane::Documents, "nothing moved before anything showed");
    early.settle();
    // Typed once everything showed.
    let mut late = open();
    late.settle();
    late.press(keys);
    assert_eq!(early.layers.browse.focus, Pane::Content, "Tab went from the tree to the text");
    let d = early.doc().unwrap();
    assert_eq!(early.layers.browse.views[d].scroll, late.layers.browse.views[d].scroll);
    assert_eq!(early.screen(), late.screen());
}

/// Quit and help do not wait for the first document.
#[test]
fn quit_and_help_act_while_nothing_has_shown() {
    let dir = tempfile::tempdir().unwrap();
    common::write_json(dir.path());
    let mut app = Harness::loading(Source::Paths(vec![dir.path().to_path_buf()]), 100, 30);
    app.press("?");
    assert_eq!(app.layers(), ["browse", "help"]);
    app.press("esc q");
    assert!(app.quit, "q quits before any document arrived");
}
