//! Documents arriving in the UI while it runs: selection and scroll stay put, progress shows in the
//! status line, problems are announced when loading ends, and the loader delivers a real folder.

mod common;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use std::time::Duration;
use strata::load::LoadError;
use strata::tui::keymap::Key;
use strata::tui::loader::Loader;
use strata::tui::state::{App, DocRow, Pane, Settings};
use strata::tui::{update, view};

fn screen(app: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(app.size.width, app.size.height)).unwrap();
    t.draw(|f| view::draw(f, app)).unwrap();
    let b = t.backend().buffer().clone();
    (0..b.area.height).map(|y| (0..b.area.width).map(|x| b[(x, y)].symbol()).collect::<String>() + "\n").collect()
}

fn empty(w: u16, h: u16) -> App {
    App::new(Vec::new(), Vec::new(), Settings::default(), Rect::new(0, 0, w, h))
}

#[test]
fn first_frame_before_any_document_then_progress() {
    let mut app = empty(100, 30);
    app.set_loading(Some((0, 0)));
    let s = screen(&app);
    assert!(s.contains("Loading documents…") && s.contains("loading…"), "{s}");
    app.set_loading(Some((2, 4)));
    assert!(screen(&app).contains("loading 2/4"));
    app.add(common::docs().into_iter().take(2).collect(), Vec::new());
    assert_eq!(app.focus, Pane::Sections, "the first document is shown at once");
    assert!(app.doc().is_some());
    app.set_loading(None);
    let s = screen(&app);
    assert!(!s.contains("loading"), "{s}");
}

fn region_doc(name: &str) -> strata::load::Loaded {
    let mut l = common::docs().pop().unwrap();
    l.doc.meta.region.name = name.to_string();
    l.doc.meta.region.key = name.to_lowercase().replace(' ', "-");
    l.origin = format!("{}.json", l.doc.meta.region.key);
    l
}

#[test]
fn selection_and_its_screen_row_survive_arrivals() {
    // One document arrives first; the user moves in it; twenty more arrive, half sorted above it.
    let mut app = empty(120, 24);
    app.add(vec![region_doc("Регион M")], Vec::new());
    let sel = app.doc().unwrap();
    let row_on_screen = app.doc_sel - app.doc_off;
    update::key(&mut app, Key::parse("j").unwrap());
    let others =
        (1..=10).flat_map(|i| [region_doc(&format!("Регион A{i:02}")), region_doc(&format!("Регион Z{i:02}"))]);
    app.add(others.collect(), Vec::new());
    assert_eq!(app.docs.len(), 21);
    assert_eq!(app.views.len(), 21);
    assert_eq!(app.doc_rows[app.doc_sel], DocRow::Doc(sel), "still the user's document");
    assert_eq!(app.doc_sel, 21, "below ten regions of two rows");
    assert_eq!(app.doc_sel - app.doc_off, row_on_screen, "and on the same screen row");
    assert!(app.views[sel].sel > 0, "its view state kept: {:?}", app.views[sel]);
}

#[test]
fn untouched_selection_follows_the_top_of_the_list() {
    let mut app = empty(120, 24);
    app.add(vec![region_doc("Регион M")], Vec::new());
    app.add(vec![region_doc("Регион A")], Vec::new());
    let d = app.doc().unwrap();
    assert_eq!(app.docs[d].doc.meta.region.name, "Регион A", "arrival order does not decide what is shown");
    assert_eq!(app.doc_sel, 1);
}

#[test]
fn errors_announced_when_loading_ends() {
    let mut app = empty(80, 24);
    app.set_loading(Some((0, 2)));
    let e = LoadError { origin: "bad.json".into(), position: Some((1, 3)), message: "not a strata document".into() };
    app.add(common::docs(), vec![e]);
    assert!(app.message.is_none(), "no nagging while still loading");
    app.set_loading(None);
    assert_eq!(app.message.as_deref(), Some("1 file(s) not opened: e lists them"));
    assert!(screen(&app).contains("1 problem(s)"));
}

#[test]
fn loader_delivers_a_folder_to_the_app() {
    let dir = tempfile::tempdir().unwrap();
    common::write_json(dir.path());
    let mut loader = Loader::paths(vec![dir.path().to_path_buf()]);
    let mut app = empty(80, 24);
    while !loader.finished() {
        let b = loader.wait(Duration::from_secs(10));
        app.add(b.docs, b.errors);
        app.set_loading(loader.progress());
    }
    assert_eq!((app.docs.len(), app.load_errors.len()), (4, 1));
    assert!(app.load_errors[0].origin.ends_with("broken.json"));
    let regions: Vec<_> = app.doc_rows.iter().filter(|r| matches!(r, DocRow::Region(..))).collect();
    assert_eq!(regions.len(), 3);
}
