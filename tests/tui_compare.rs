//! Compare mode driven through the update step: marking A and B, the compare tree with statuses,
//! n/N over the changes, hiding unchanged sections, the layout toggle; and snapshots of the
//! compare screen at 80x24 and 120x40, with styles and without colour.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use strata::compare::{ChangeAt, Status};
use strata::tui::action::Action;
use strata::tui::compare::{DiffLayout, Entry};
use strata::tui::keymap::Key;
use strata::tui::state::{App, DocRow, Pane, Settings};
use strata::tui::theme::{ColorDepth, Theme};
use strata::tui::update::{self, Effect};
use strata::tui::view;

/// The bundled samples (ivanovo and its illustrative revision among them).
fn app(w: u16, h: u16, depth: ColorDepth) -> App {
    let set = strata::load::load_bundled();
    assert!(set.errors.is_empty(), "{:?}", set.errors);
    let settings = Settings { theme: Theme::default().adapt(depth), mouse: false, ..Settings::default() };
    App::new(set.docs, Vec::new(), settings, Rect::new(0, 0, w, h))
}

fn keys(app: &mut App, ks: &str) {
    for k in ks.split_whitespace() {
        update::key(app, Key::parse(k).unwrap());
    }
}

/// Selects the document whose origin ends with `name` in the documents pane.
fn select_doc(app: &mut App, name: &str) {
    let d = app.docs.iter().position(|l| l.origin.ends_with(name)).unwrap_or_else(|| panic!("no {name}"));
    app.focus = Pane::Documents;
    app.doc_sel = app.doc_rows.iter().position(|r| *r == DocRow::Doc(d)).unwrap();
    app.refresh();
}

/// ivanovo marked A, its revision B, compare mode entered with `c`.
fn comparing(w: u16, h: u16, depth: ColorDepth) -> App {
    let mut a = app(w, h, depth);
    select_doc(&mut a, "ivanovo.json");
    keys(&mut a, "a");
    select_doc(&mut a, "ivanovo-rev.json");
    keys(&mut a, "b");
    assert!(a.compare.is_none());
    keys(&mut a, "c");
    a
}

fn render(app: &App) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(app.size.width, app.size.height)).unwrap();
    t.draw(|f| view::draw(f, app)).unwrap();
    t.backend().buffer().clone()
}

fn text(buf: &Buffer) -> String {
    let a = buf.area;
    let mut out = String::new();
    for y in 0..a.height {
        for x in 0..a.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

fn content_text(app: &App) -> String {
    let c = app.compare.as_ref().unwrap();
    c.lines
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

fn selected_key(app: &App) -> Option<String> {
    let c = app.compare.as_ref().unwrap();
    match c.entry() {
        Entry::Summary => None,
        Entry::Section(i) => Some(c.diff.sections[i].key.clone()),
    }
}

#[test]
fn marking_shows_letters_and_compare_needs_two_documents() {
    let mut a = app(120, 40, ColorDepth::TrueColor);
    keys(&mut a, "c");
    assert!(a.compare.is_none());
    assert!(a.message.as_deref().unwrap().contains("mark two documents"), "{:?}", a.message);
    select_doc(&mut a, "ivanovo.json");
    keys(&mut a, "a");
    let d = a.doc().unwrap();
    assert_eq!(a.picked.letter(d), Some('A'));
    // Marking the same document as B moves the mark.
    keys(&mut a, "b");
    assert_eq!(a.picked.letter(d), Some('B'));
    assert_eq!(a.picked.a, None);
    // Pressing it again unmarks.
    keys(&mut a, "b");
    assert_eq!(a.picked.letter(d), None);
    keys(&mut a, "a");
    select_doc(&mut a, "ivanovo-rev.json");
    keys(&mut a, "b");
    let s = text(&render(&a));
    assert!(s.contains(">B 2022-08-26"), "{s}");
    assert!(s.contains(" A 2021-08-20"), "{s}");
}

#[test]
fn compare_tree_shows_statuses_and_summary() {
    let a = comparing(120, 40, ColorDepth::TrueColor);
    let c = a.compare.as_ref().expect("compare mode");
    assert_eq!(a.focus, Pane::Sections);
    assert_eq!(c.rows[0], Entry::Summary);
    assert_eq!(c.rows.len(), c.diff.sections.len() + 1, "all sections shown");
    // The revision's scripted edits: healthcare text reworded, a trade project added, an
    // indicator target changed; most sections unchanged.
    let status = |k: &str| c.diff.sections.iter().find(|s| s.key == k).unwrap().status;
    assert_eq!(status("problems.healthcare"), Status::Changed);
    assert_eq!(status("problems.urban"), Status::Same);
    assert!(c.diff.summary.projects.added >= 1);
    assert!(c.diff.summary.indicators.changed >= 1);
    let s = text(&render(&a));
    assert!(s.contains("~  4.2 Здравоохранен"), "{s}");
    assert!(s.contains("=  4.3 Развитие"), "{s}");
    assert!(s.contains("Σ Summary"), "{s}");
    assert!(s.contains("Sections   6 changed"), "summary in the content pane:\n{s}");
    assert!(s.contains(" Compare "), "status line names the mode:\n{s}");
}

#[test]
fn n_and_shift_n_walk_every_change_in_order() {
    let mut a = comparing(120, 40, ColorDepth::TrueColor);
    let places = a.compare.as_ref().unwrap().diff.change_places();
    assert!(places.len() > 6, "{places:?}");
    let mut seen: Vec<ChangeAt> = Vec::new();
    for _ in 0..places.len() {
        assert_eq!(update::key(&mut a, Key::char('n')), Effect::Redraw);
        let c = a.compare.as_ref().unwrap();
        let at = c.at.unwrap();
        assert_eq!(c.entry(), Entry::Section(at.section), "the change's section is selected");
        if let Some(r) = at.row {
            // The changed row is on screen.
            let line = c.row_lines[r];
            let h = strata::tui::layout::inner(a.areas().content).height as usize;
            assert!(line >= c.scroll && line < c.scroll + h, "row {r} at {line}, scroll {}", c.scroll);
        }
        seen.push(at);
    }
    assert_eq!(seen, places);
    // Past the last change, n starts again from the top and says so.
    keys(&mut a, "n");
    assert_eq!(a.compare.as_ref().unwrap().at, places.first().copied());
    assert!(a.message.as_deref().unwrap_or("").contains("from the top"));
    // N goes back.
    keys(&mut a, "N");
    assert_eq!(a.compare.as_ref().unwrap().at, places.last().copied());
    keys(&mut a, "N");
    assert_eq!(a.compare.as_ref().unwrap().at, places.get(places.len() - 2).copied());
}

#[test]
fn n_starts_from_the_selected_section() {
    let mut a = comparing(120, 40, ColorDepth::TrueColor);
    // Select the unchanged urban section by moving down the tree.
    let c = a.compare.as_ref().unwrap();
    let urban = c.diff.sections.iter().position(|s| s.key == "problems.urban").unwrap();
    let row = c.rows.iter().position(|e| *e == Entry::Section(urban)).unwrap();
    for _ in 0..row {
        keys(&mut a, "j");
    }
    assert_eq!(selected_key(&a).as_deref(), Some("problems.urban"));
    keys(&mut a, "n");
    let c = a.compare.as_ref().unwrap();
    let at = c.at.unwrap();
    assert!(at.section > urban, "{at:?}");
    assert!(c.diff.sections[urban + 1..at.section].iter().all(|s| !s.is_change()));
}

#[test]
fn hide_unchanged_keeps_changes_and_their_parents() {
    let mut a = comparing(120, 40, ColorDepth::TrueColor);
    keys(&mut a, "u");
    let c = a.compare.as_ref().unwrap();
    assert!(c.hide_same);
    let shown: Vec<&str> = c
        .rows
        .iter()
        .filter_map(|e| match e {
            Entry::Section(i) => Some(c.diff.sections[*i].key.as_str()),
            Entry::Summary => None,
        })
        .collect();
    assert!(shown.contains(&"problems.healthcare"), "{shown:?}");
    assert!(shown.contains(&"problems"), "the parent of a change stays: {shown:?}");
    assert!(!shown.contains(&"problems.urban"), "{shown:?}");
    assert!(shown.len() < c.diff.sections.len() / 2, "{shown:?}");
    let s = text(&render(&a));
    assert!(s.contains("(changed)"), "{s}");
    keys(&mut a, "u");
    let c = a.compare.as_ref().unwrap();
    assert_eq!(c.rows.len(), c.diff.sections.len() + 1);
}

#[test]
fn layout_follows_width_and_toggles() {
    // 80 columns: unified; the key switches to side by side and back.
    let mut a = comparing(80, 24, ColorDepth::TrueColor);
    keys(&mut a, "n");
    let c = a.compare.as_ref().unwrap();
    assert_eq!(c.layout, DiffLayout::Auto);
    assert!(!c.side);
    keys(&mut a, "s");
    assert!(a.compare.as_ref().unwrap().side);
    assert!(content_text(&a).contains(" | "), "{}", content_text(&a));
    keys(&mut a, "s");
    assert!(!a.compare.as_ref().unwrap().side);
    // A maximised content pane at 120 columns is wide enough for side by side.
    let mut a = comparing(120, 40, ColorDepth::TrueColor);
    keys(&mut a, "n Tab z");
    assert_eq!(a.focus, Pane::Content);
    assert!(a.compare.as_ref().unwrap().side);
    keys(&mut a, "z");
    assert!(!a.compare.as_ref().unwrap().side);
}

#[test]
fn changed_words_are_marked_in_the_text() {
    let mut a = comparing(120, 40, ColorDepth::TrueColor);
    // Walk to the healthcare section.
    for _ in 0..50 {
        if selected_key(&a).as_deref() == Some("problems.healthcare") {
            break;
        }
        keys(&mut a, "n");
    }
    assert_eq!(selected_key(&a).as_deref(), Some("problems.healthcare"));
    let t = content_text(&a);
    assert!(t.contains("[-") && t.contains("{+"), "{t}");
    assert!(t.starts_with("~ problems.healthcare"), "{t}");
}

#[test]
fn sector_sections_show_tables_of_changes() {
    let mut a = comparing(120, 40, ColorDepth::TrueColor);
    let c = a.compare.as_mut().unwrap();
    let i = c.diff.indicators.iter().find(|i| i.status == Status::Changed).unwrap().clone();
    let k = c.diff.sections.iter().position(|s| s.key == format!("indicators.{}", i.sector)).unwrap();
    let row = c.rows.iter().position(|e| *e == Entry::Section(k)).unwrap();
    c.sel = row;
    a.refresh();
    let t = content_text(&a);
    assert!(t.contains("Indicators: "), "{t}");
    let (year, v) = i.values.iter().find(|(_, v)| v.differs()).unwrap();
    let line = t.lines().find(|l| l.trim_start().starts_with(year.as_str()) && l.contains("->")).unwrap();
    let fmt = strata::tui::content::format_value;
    assert!(line.contains(&fmt(v.a.unwrap())) && line.contains(&fmt(v.b.unwrap())), "{line}");
}

#[test]
fn escape_leaves_compare_mode() {
    let mut a = comparing(80, 24, ColorDepth::TrueColor);
    keys(&mut a, "esc");
    assert!(a.compare.is_none());
    // The marks stay, so c compares again.
    keys(&mut a, "c");
    assert!(a.compare.is_some());
    update::apply(&mut a, Action::ToggleCompare);
    assert!(a.compare.is_none());
}
