//! The review side driven through the update step on the bundled samples, with a real notes
//! store in a temporary folder: writing a note (the input, its marks in the tree and under the
//! paragraph), the notes list (jump, edit, delete), notes carried into compare mode, orphans,
//! reviewed marks and their progress and filter, the report key, the copy key, the jump list and
//! bookmarks.

use crate::tui::testing::Harness;
use base64::Engine as _;
use std::time::Duration;
use strata::notes::config;
use strata::tui::content::{Item, path_of, section_at};
use strata::tui::layer::compare::Entry;
use strata::tui::state::{App, Pane, Settings};
use strata::tui::update;

struct Bench {
    h: Harness,
    dir: tempfile::TempDir,
}

impl std::ops::Deref for Bench {
    type Target = Harness;
    fn deref(&self) -> &Harness {
        &self.h
    }
}

impl std::ops::DerefMut for Bench {
    fn deref_mut(&mut self) -> &mut Harness {
        &mut self.h
    }
}

fn notes_settings(dir: &std::path::Path) -> config::Settings {
    config::Settings {
        store_dir: dir.to_path_buf(),
        author: "Иванова".into(),
        busy_timeout: Duration::from_secs(5),
        config_file: None,
    }
}

/// The bundled samples with a notes store of their own, on a `w` x `h` screen.
fn bench(w: u16, h: u16) -> Bench {
    let dir = tempfile::tempdir().unwrap();
    let h = with_store(dir.path(), w, h);
    Bench { h, dir }
}

fn with_store(dir: &std::path::Path, w: u16, h: u16) -> Harness {
    let set = strata::load::load_bundled();
    let settings = Settings { mouse: false, notes: Some(notes_settings(dir)), ..Settings::default() };
    let mut h = Harness::with_settings(set.docs, Vec::new(), settings, w, h);
    h.review.report_dir = Some(dir.to_path_buf());
    // The notes are read in the background.
    h.settle();
    h
}

fn doc_of(app: &App, name: &str) -> usize {
    app.docs.iter().position(|l| l.origin.ends_with(name)).unwrap_or_else(|| panic!("no {name}"))
}

/// Opens a section of a document by key, the text focused and the paragraph cursor on block
/// `block` (moved there with `}`).
fn open_at(app: &mut Harness, name: &str, key: &str, block: Option<usize>) {
    let d = doc_of(app, name);
    let s = app.docs[d].doc.section(key).unwrap();
    let path = path_of(&app.docs[d].doc, s).unwrap();
    update::open(app, d, &Item::Section(path), Vec::new());
    assert_eq!(app.layers.browse.focus, Pane::Content);
    if let Some(b) = block {
        // The first } puts the cursor on the paragraph at the top, each next one a paragraph on.
        for _ in 0..=b {
            app.press("}");
        }
        assert_eq!(strata::tui::review::current_block(app), Some(b));
    }
}

fn content(app: &App) -> Vec<String> {
    app.layers.browse.content.lines.iter().map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect()).collect()
}

/// The name of the top layer (`browse` when nothing is over the panes).
fn top(h: &Harness) -> &'static str {
    h.layers().last().copied().unwrap()
}

fn write_note(b: &mut Bench, text: &str) {
    b.press("i");
    assert_eq!(top(b), "note", "{:?}", b.message());
    b.paste(text);
    b.press("ctrl-s");
    // Acknowledged at once, written in the background.
    assert_eq!((b.message(), b.writes_pending()), (Some("Saving the note…"), 1));
    b.settle();
    assert_eq!(b.message(), Some("Note saved"), "{:?}", b.message());
}

fn compare(b: &mut Bench) {
    b.compare("ivanovo.json", "ivanovo-rev.json");
}

fn select_entry(app: &mut App, key: &str) {
    let c = app.layers.compare.on_mut().unwrap();
    let i = c.diff.sections.iter().position(|s| s.key == key).unwrap();
    c.sel = c.rows.iter().position(|e| *e == Entry::Section(i)).unwrap();
    c.scroll = 0;
    crate::tui::layer::relayout(app);
}

#[test]
fn a_note_on_a_paragraph_is_stored_and_marked_in_the_text_and_the_tree() {
    let mut b = bench(100, 30);
    open_at(&mut b, "ivanovo.json", "basics.terms", Some(2));
    b.press("i");
    assert_eq!(top(&b), "note");
    let screen = b.screen();
    assert!(screen.contains("§ basics.terms, paragraph 3: “Приоритетные проекты"), "{screen}");
    assert!(screen.contains("New note") && screen.contains("Ctrl-S saves"), "{screen}");
    // Letters type (q does not quit), Enter starts a new line, a paste keeps its line breaks
    // and loses its control characters.
    b.type_text("qj Уточнить");
    b.press("enter");
    b.paste("сроки\u{1b}[31m\r\nи ответственных");
    assert!(!b.quit);
    let screen = b.screen();
    let at = |t: &str| screen.find(t).unwrap_or_else(|| panic!("{t} not in\n{screen}"));
    assert!(at("qj Уточнить") < at("сроки[31m") && at("сроки[31m") < at("и ответственных"));
    b.press("ctrl-s");
    b.settle();
    assert_eq!(b.message(), Some("Note saved"));
    assert_eq!(top(&b), "browse");
    // In the store, on the paragraph, with its text as the anchor.
    let store = strata::notes::Store::open(&b.dir.path().join("notes.sqlite")).unwrap();
    let notes = store.list(None).unwrap();
    assert_eq!(notes.len(), 1);
    let n = &notes[0];
    assert_eq!((n.section.as_str(), n.block, n.author.as_str()), ("basics.terms", Some(3), "Иванова"));
    let d = doc_of(&b, "ivanovo.json");
    assert_eq!(n.anchor.as_ref().unwrap().text, b.docs[d].doc.section("basics.terms").unwrap().blocks[2].text);
    // Under the paragraph in the text, the mark in the tree.
    let lines = content(&b);
    let at = lines.iter().position(|l| l.starts_with("✎ Иванова ")).expect("note line");
    assert!(lines[at].ends_with(": qj Уточнить"), "{}", lines[at]);
    assert_eq!(lines[at + 1].trim(), "сроки[31m");
    assert!(at > b.layers.browse.content.blocks[2] && at < b.layers.browse.content.blocks[3]);
    let screen = b.screen();
    // The tree is too narrow for the key here: the mark stands over the end of the title, cut
    // with an ellipsis.
    assert!(screen.lines().any(|l| l.contains("1.3 Особенности…  ✎│")), "{screen}");
    let today = &notes[0].created[..10];
    insta::assert_snapshot!("note_marks_100x30", screen.replace(today, "YYYY-MM-DD"));
}

#[test]
fn the_note_input_keeps_text_until_esc_twice_and_refuses_an_empty_note() {
    let mut b = bench(80, 24);
    open_at(&mut b, "ivanovo.json", "basics.terms", None);
    b.layers.browse.focus = Pane::Sections;
    b.press("i");
    assert!(b.screen().contains("§ basics.terms, the whole section"));
    b.press("ctrl-s");
    assert!(b.message().unwrap().contains("empty"));
    b.type_text("черновик");
    b.press("esc");
    assert_eq!(top(&b), "note");
    assert_eq!(b.message(), Some("Esc again discards what you wrote"));
    b.press("esc");
    assert_eq!(top(&b), "browse");
    assert!(b.review.notes.is_empty());
    // Without a store nothing is saved and the text stays in the input.
    let set = strata::load::load_bundled();
    let mut h = Harness::with_settings(set.docs, Vec::new(), Settings::default(), 80, 24);
    let d = doc_of(&h, "ivanovo.json");
    let s = h.docs[d].doc.section("basics.terms").unwrap();
    let path = path_of(&h.docs[d].doc, s).unwrap();
    update::open(&mut h, d, &Item::Section(path), Vec::new());
    h.press("i");
    h.type_text("важно");
    h.press("ctrl-s");
    assert!(h.message().unwrap().starts_with("Not saved: no notes store"), "{:?}", h.message());
    assert_eq!(top(&h), "note");
    assert!(h.screen().contains("важно"));
}

#[test]
fn the_notes_list_jumps_edits_and_deletes_and_a_second_session_sees_the_notes() {
    let mut b = bench(100, 30);
    open_at(&mut b, "ivanovo.json", "problems.healthcare", Some(5));
    write_note(&mut b, "о профилактике");
    open_at(&mut b, "ivanovo.json", "basics.terms", None);
    b.layers.browse.focus = Pane::Sections;
    write_note(&mut b, "о разделе в целом");
    b.press("v");
    assert_eq!(top(&b), "notes");
    let screen = b.screen();
    // Reading order: basics.terms before problems.healthcare.
    assert!(screen.find("о разделе в целом").unwrap() < screen.find("о профилактике").unwrap(), "{screen}");
    assert!(screen.contains("§ problems.healthcare paragraph 6"), "{screen}");
    // Enter on the second note: its section, scrolled to its paragraph.
    b.press("j enter");
    assert_eq!(top(&b), "browse");
    let d = doc_of(&b, "ivanovo.json");
    let item = b.item().cloned().unwrap();
    let Item::Section(p) = &item else { panic!() };
    assert_eq!(section_at(&b.docs[d].doc, p).unwrap().key, "problems.healthcare");
    let first = b.layers.browse.views[d].scroll;
    assert!(first <= b.layers.browse.content.blocks[5] && b.layers.browse.content.blocks[5] < first + 5, "{first}");
    // Ctrl-O goes back to where the list was opened.
    b.press("ctrl-o");
    let Some(Item::Section(p)) = b.item().cloned() else { panic!() };
    assert_eq!(section_at(&b.docs[d].doc, &p).unwrap().key, "basics.terms");
    b.press("alt-i");
    let Some(Item::Section(p)) = b.item().cloned() else { panic!() };
    assert_eq!(section_at(&b.docs[d].doc, &p).unwrap().key, "problems.healthcare");
    // Edit: the input starts with the text.
    b.press("v j e");
    assert_eq!(b.layers(), ["browse", "notes", "note"]);
    assert!(b.screen().contains("Edit note"));
    b.type_text(" и диспансеризации");
    b.press("ctrl-s");
    b.settle();
    // Back in the list, which shows the edit.
    assert_eq!(b.layers(), ["browse", "notes"]);
    assert!(b.screen().contains("о профилактике и диспансеризации"), "{}", b.screen());
    // Delete asks once.
    b.press("d");
    assert_eq!(b.review.notes.len(), 2);
    assert!(b.screen().contains("Notes: Ивановская область 2021-08-20 (2)"));
    b.press("d");
    assert_eq!(b.message(), Some("Deleting the note…"));
    b.settle();
    assert_eq!(b.message(), Some("Note deleted"));
    assert!(b.screen().contains("Notes: Ивановская область 2021-08-20 (1)"), "{}", b.screen());
    assert!(!b.screen().contains("о профилактике"));
    b.press("esc");
    assert_eq!(top(&b), "browse");
    // Another reviewer's session on the same store sees what is left.
    let other = with_store(b.dir.path(), 80, 24);
    assert_eq!(other.review.notes.iter().map(|n| n.text.as_str()).collect::<Vec<_>>(), ["о разделе в целом"]);
}

#[test]
fn compare_mode_shows_carried_notes_lists_orphans_and_tracks_reviewed_sections() {
    let mut b = bench(120, 40);
    // On last year's paragraph [3] of basics.terms, which the revision pushes down to [4].
    open_at(&mut b, "ivanovo.json", "basics.terms", Some(2));
    write_note(&mut b, "о приоритетных проектах");
    compare(&mut b);
    select_entry(&mut b, "basics.terms");
    let c = b.layers.compare.on().unwrap();
    let lines: Vec<String> = c.lines.iter().map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect()).collect();
    let at = lines
        .iter()
        .position(|l| l.contains("о приоритетных"))
        .unwrap_or_else(|| panic!("carried note in the diff: {:?}\n{}", b.review.compare_notes(), lines.join("\n")));
    assert!(lines[at].starts_with("✎ Иванова ") && lines[at].contains("(from version 2021-08-20)"), "{}", lines[at]);
    // It sits after B's paragraph [4] and before the next row.
    let s = &c.diff.sections[c.diff.sections.iter().position(|s| s.key == "basics.terms").unwrap()];
    let r = s.rows.iter().position(|r| r.b == Some(3)).unwrap();
    assert!(c.row_lines[r] < at && c.row_lines.get(r + 1).is_none_or(|&n| at < n), "{at} {:?}", c.row_lines);
    assert!(b.screen().contains("✎"));
    // Reviewed marks: x on a changed section, the progress in the status line, U filters.
    let changed = c.diff.sections.iter().filter(|s| s.is_change()).count();
    assert!(changed > 1);
    assert!(b.screen().contains(&format!("reviewed 0 of {changed} changed sections")));
    b.layers.browse.focus = Pane::Sections;
    b.press("x");
    // Said once: the progress is derived from the marks, the message says what the key did.
    let status = b.screen().lines().last().unwrap().to_string();
    assert_eq!(status.matches(&format!("reviewed 1 of {changed}")).count(), 1, "{status}");
    assert!(!b.message().unwrap().contains("reviewed 1 of"), "{:?}", b.message());
    assert!(b.screen().contains("✓"));
    b.press("U");
    let c = b.layers.compare.on().unwrap();
    let shown: Vec<&str> = c
        .rows
        .iter()
        .filter_map(|e| if let Entry::Section(i) = e { Some(c.diff.sections[*i].key.as_str()) } else { None })
        .collect();
    assert!(!shown.contains(&"basics.terms"));
    assert!(shown.iter().any(|k| c.diff.sections.iter().any(|s| s.key == *k && s.is_change())));
    // Stored: a new session on the same store has the mark.
    let mut other = Bench { h: with_store(b.dir.path(), 120, 40), dir: tempfile::tempdir().unwrap() };
    compare(&mut other);
    assert!(other.review.reviewed.contains("basics.terms"));
    // An orphan: a note on a paragraph the revision removed stays in the list with its reason.
    b.press("U");
    let (a_doc, b_doc) = {
        let c = b.layers.compare.on().unwrap();
        (c.a, c.b)
    };
    let store = strata::notes::Store::open(&b.dir.path().join("notes.sqlite")).unwrap();
    let note = |section: &str, anchor: &str, text: &str| strata::notes::store::NewNote {
        doc: strata::notes::DocRef::of(&b.docs[a_doc].doc),
        section: section.into(),
        block: Some(1),
        anchor: Some(strata::notes::Anchor::of(anchor)),
        text: text.into(),
        author: "Петров".into(),
    };
    // A section neither version has any more, and a paragraph no block resembles.
    store.add(&note("basics.withdrawn", "Текст", "об изъятом разделе")).unwrap();
    store.add(&note("basics.terms", "Совсем другой текст про энергетику и тарифы.", "об исчезнувшем абзаце")).unwrap();
    b.press("v");
    // The list opens at once; another session's notes join it when the store answers.
    b.settle();
    // B's list: its title names the revision; orphans come last with their reasons.
    let screen = b.screen();
    let m = &b.docs[b_doc].doc.meta;
    assert!(screen.contains(&format!("Notes: {} {} (3)", m.region.name, m.version.label)), "{screen}");
    let at = |t: &str| screen.find(t).unwrap_or_else(|| panic!("{t} not in\n{screen}"));
    assert!(at("о приоритетных проектах") < at("Orphaned"));
    assert!(
        at("Orphaned") < at("§ basics.terms paragraph 1")
            && at("§ basics.terms paragraph 1") < at("the paragraph is gone")
    );
    assert!(at("Orphaned") < at("§ basics.withdrawn") && at("the section is gone") > at("§ basics.withdrawn"));
    assert!(b.screen().contains("Orphaned"), "{}", b.screen());
}

#[test]
fn the_report_key_writes_the_comparison_with_its_notes() {
    let mut b = bench(120, 40);
    open_at(&mut b, "ivanovo.json", "basics.terms", Some(2));
    write_note(&mut b, "о приоритетных проектах");
    compare(&mut b);
    b.layers.browse.focus = Pane::Sections;
    b.press("w");
    assert!(b.message().unwrap().starts_with("Report: m Markdown"));
    b.press("h");
    // Written in the background.
    assert_eq!(b.message(), Some("Writing the report…"));
    b.settle();
    let m = b.message().unwrap().to_string();
    let (da, db) = {
        let c = b.layers.compare.on().unwrap();
        (b.docs[c.a].doc.clone(), b.docs[c.b].doc.clone())
    };
    let name = |f| strata::tui::review::report::file_name(&da, &db, f);
    let path = b.dir.path().join(name(strata::report::Format::Html));
    assert_eq!(path.file_name().unwrap(), "strata-ivanovo_2021-08-20-vs-ivanovo_2022-08-26.html");
    assert!(path.exists(), "{m}; {:?}", std::fs::read_dir(b.dir.path()).unwrap().collect::<Vec<_>>());
    assert_eq!(m, format!("Report written: {}", path.display()));
    // On the status line even when the path is long: cut, never dropped.
    b.resize(80, 24);
    let status = b.screen().lines().last().unwrap().to_string();
    assert!(status.contains(" Report written: /") && status.trim_end().ends_with('…'), "{status}");
    b.resize(120, 40);
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.contains("о приоритетных проектах") && html.contains("<ins>"), "{}", &html[..400]);
    b.press("w d");
    b.settle();
    let docx = b.dir.path().join(name(strata::report::Format::Docx));
    assert!(std::fs::read(&docx).unwrap().starts_with(b"PK"));
    // Any other key cancels; no temporary files are left beside the reports.
    b.press("w q");
    assert_eq!(b.message(), Some("Cancelled"));
    assert!(!b.quit);
    let names: Vec<String> = std::fs::read_dir(b.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| n.starts_with("strata-") || n.starts_with("notes.sqlite")), "{names:?}");
}

fn copied(app: &App) -> String {
    let seq = app.review.clipboard.clone().expect("a copy waiting for the terminal");
    let b64 = seq.strip_prefix("\u{1b}]52;c;").and_then(|s| s.strip_suffix('\u{7}')).expect("OSC 52");
    String::from_utf8(base64::engine::general_purpose::STANDARD.decode(b64).unwrap()).unwrap()
}

#[test]
fn the_copy_key_puts_the_paragraph_section_diff_or_note_on_the_clipboard() {
    let mut b = bench(120, 40);
    open_at(&mut b, "ivanovo.json", "basics.terms", Some(2));
    let d = doc_of(&b, "ivanovo.json");
    let s = b.docs[d].doc.section("basics.terms").unwrap().clone();
    b.press("y");
    assert_eq!(copied(&b), s.blocks[2].text);
    assert!(b.message().unwrap().starts_with("Copied to the clipboard: paragraph 3,"), "{:?}", b.message());
    b.press("Y");
    let all = copied(&b);
    assert!(
        all.starts_with(s.number.as_deref().unwrap())
            && all.contains(&s.title)
            && all.contains(s.blocks[0].text.as_str())
            && all.ends_with(s.blocks[3].text.as_str())
    );
    assert_eq!(
        b.message(),
        Some(format!("Copied to the clipboard: the section, {} characters", all.chars().count()).as_str())
    );
    compare(&mut b);
    select_entry(&mut b, "basics.terms");
    b.layers.browse.focus = Pane::Sections;
    b.press("y");
    let diff = copied(&b);
    assert!(diff.starts_with("~ basics.terms") && diff.contains("\n\n[3] Настоящая редакция"), "{diff}");
    write_note(&mut b, "заметка для копии");
    b.press("v y");
    assert_eq!(copied(&b), "заметка для копии");
    assert!(b.message().unwrap().contains("the note"));
}

#[test]
fn jumps_go_back_and_forward_and_bookmarks_return() {
    let mut b = bench(100, 30);
    open_at(&mut b, "ivanovo.json", "basics.terms", None);
    let d = doc_of(&b, "ivanovo.json");
    let key = |b: &Bench| match b.item() {
        Some(Item::Section(p)) => section_at(&b.docs[b.doc().unwrap()].doc, p).unwrap().key.clone(),
        _ => "overview".into(),
    };
    b.press("m a");
    assert_eq!(b.message(), Some("Bookmark a set"));
    // A palette jump is recorded.
    b.press(":");
    b.type_text("здравоохр");
    b.settle();
    b.press("enter");
    let there = key(&b);
    assert_ne!(there, "basics.terms");
    // G in the text is a jump too.
    b.press("G");
    let bottom = b.layers.browse.views[b.doc().unwrap()].scroll;
    assert!(bottom > 0);
    b.press("ctrl-o");
    assert_eq!((key(&b).as_str(), b.layers.browse.views[b.doc().unwrap()].scroll), (there.as_str(), 0));
    b.press("ctrl-o");
    assert_eq!(key(&b), "basics.terms");
    assert_eq!(b.doc(), Some(d));
    b.press("ctrl-o");
    assert_eq!(b.message(), Some("No earlier jump"));
    b.press("alt-i alt-i");
    assert_eq!(b.layers.browse.views[b.doc().unwrap()].scroll, bottom);
    // Moving line by line records nothing; the bookmark brings the section back.
    b.press("k k");
    b.press("' a");
    assert_eq!(key(&b), "basics.terms");
    assert_eq!(b.message(), Some("Bookmark a"));
    b.press("' z");
    assert_eq!(b.message(), Some("No bookmark z"));
    // The bookmark is kept in the store: the next session goes there too.
    let mut next = Bench { h: with_store(b.dir.path(), 100, 30), dir: tempfile::tempdir().unwrap() };
    assert_ne!(key(&next), "basics.terms");
    next.press("' a");
    assert_eq!((key(&next).as_str(), next.doc()), ("basics.terms", Some(d)));
}

/// Another reviewer's process holding the store's write lock (an exclusive transaction on its
/// own connection) until the connection is dropped.
fn lock_store(dir: &std::path::Path) -> rusqlite::Connection {
    let c = rusqlite::Connection::open(dir.join("notes.sqlite")).unwrap();
    c.execute_batch("BEGIN EXCLUSIVE;").unwrap();
    c
}

/// The bundled samples with a store whose writes wait `busy` for another writer.
fn bench_waiting(busy: Duration) -> Bench {
    let dir = tempfile::tempdir().unwrap();
    let set = strata::load::load_bundled();
    let notes = config::Settings { busy_timeout: busy, ..notes_settings(dir.path()) };
    let settings = Settings { mouse: false, notes: Some(notes), ..Settings::default() };
    let mut h = Harness::with_settings(set.docs, Vec::new(), settings, 100, 30);
    h.settle();
    Bench { h, dir }
}

/// A store holding one note («первое», on a paragraph of ivanovo's basics.terms, shown), locked
/// by another reviewer; writes wait `busy` for the lock.
fn locked(busy: Duration) -> (Bench, rusqlite::Connection) {
    let mut b = bench_waiting(busy);
    open_at(&mut b, "ivanovo.json", "basics.terms", Some(1));
    write_note(&mut b, "первое");
    let lock = lock_store(b.dir.path());
    (b, lock)
}

/// Writes a note and presses Ctrl-S (without waiting for the store).
fn queue_note(b: &mut Bench, text: &str) {
    b.press("i");
    b.paste(text);
    b.press("ctrl-s");
}

fn stored_texts(dir: &std::path::Path) -> Vec<String> {
    let store = strata::notes::Store::open(&dir.join("notes.sqlite")).unwrap();
    store.list(None).unwrap().into_iter().map(|n| n.text).collect()
}

/// A write waiting on a locked store does not hold the UI: the input closes, the status line
/// says the note is being saved, keys still move; once the lock goes the note is saved.
#[test]
fn a_note_written_while_another_reviewer_holds_the_store_is_saved_when_the_lock_goes() {
    let (mut b, lock) = locked(Duration::from_secs(60));
    queue_note(&mut b, "второе");
    assert_eq!(top(&b), "browse", "acknowledged: the input closed");
    assert_eq!(b.message(), Some("Saving the note…"));
    assert!(b.screen().contains("Saving the note…"), "{}", b.screen());
    // The store is locked, so the write is still waiting; the UI is not.
    assert!(!b.take_reports());
    assert_eq!(b.writes_pending(), 1);
    let at = strata::tui::review::current_block(&b);
    assert!(b.press("}"), "keys stay live");
    assert_ne!(strata::tui::review::current_block(&b), at);
    drop(lock);
    b.settle();
    assert_eq!(b.message(), Some("Note saved"));
    assert_eq!(b.writes_pending(), 0);
    assert_eq!(stored_texts(b.dir.path()), ["первое", "второе"]);
    assert_eq!(b.review.notes.len(), 2, "the notes on screen are read again with it");
}

/// A store that stays locked past the busy timeout refuses the write: the status line says why
/// (in Russian too), and the note comes back in the input with its text; a reviewed mark is
/// undone.
#[test]
fn a_refused_write_gives_the_note_back_and_undoes_a_reviewed_mark() {
    let (mut b, lock) = locked(Duration::from_millis(200));
    crate::i18n::with_lang(crate::i18n::Lang::Ru, || {
        queue_note(&mut b, "не потерять");
        assert_eq!(b.message(), Some("Замечание сохраняется…"));
        b.settle();
        let m = b.message().unwrap().to_string();
        assert!(m.starts_with("Не сохранено: "), "{m}");
        assert_eq!(top(&b), "note", "given back");
        assert!(b.screen().contains("не потерять"), "{}", b.screen());
        b.press("esc esc");
    });
    // A reviewed mark shows at once and is taken back when the store refuses it.
    compare(&mut b);
    select_entry(&mut b, "basics.terms");
    b.press("x");
    assert!(b.message().unwrap().starts_with("Section marked reviewed"), "{:?}", b.message());
    assert!(b.review.reviewed.contains("basics.terms"));
    b.settle();
    assert!(b.message().unwrap().starts_with("Not saved: "), "{:?}", b.message());
    assert!(!b.review.reviewed.contains("basics.terms"), "undone");
    drop(lock);
    assert_eq!(stored_texts(b.dir.path()), ["первое"]);
}

/// Quitting waits for the writes still queued (a bounded time) and says what was not written,
/// with a note's whole text.
#[test]
fn quitting_waits_for_queued_writes_and_names_what_was_not_written() {
    // The lock goes while quitting waits: everything is written.
    let (mut b, lock) = locked(Duration::from_secs(60));
    queue_note(&mut b, "дождаться");
    assert_eq!(b.writes_pending(), 1);
    let release = std::thread::spawn(move || {
        // (Not a read after a sleep: only the other reviewer finishing a little later.)
        std::thread::sleep(Duration::from_millis(300));
        drop(lock);
    });
    assert_eq!(b.quit(Duration::from_secs(60)), Vec::<String>::new());
    assert_eq!(b.writes_pending(), 0);
    release.join().unwrap();
    assert_eq!(stored_texts(b.dir.path()), ["первое", "дождаться"]);
    // The lock stays: after the wait, what is still queued is named, text and all.
    let lock = lock_store(b.dir.path());
    queue_note(&mut b, "не дождались");
    queue_note(&mut b, "и это");
    assert_eq!(b.writes_pending(), 2, "the second waits for the first");
    let left = b.quit(Duration::from_millis(300));
    assert_eq!(left.len(), 2, "{left:?}");
    assert!(left[0].contains("basics.terms") && left[0].ends_with("не дождались"), "{left:?}");
    assert!(left[1].ends_with("и это"), "{left:?}");
    // (Once the lock goes they are written after all, before the store's folder is removed.)
    drop(lock);
    b.settle();
    assert_eq!(stored_texts(b.dir.path()), ["первое", "дождаться", "не дождались", "и это"]);
}

/// Another reviewer holds the store so that it cannot even be read (an exclusive lock on the
/// database): the UI still starts, opens the notes list and takes keys, since every read of the
/// store is a background job; once the lock goes the notes read show, in the list too.
#[test]
fn reading_the_notes_never_waits_on_the_ui_thread_for_a_locked_store() {
    let dir = tempfile::tempdir().unwrap();
    {
        // A note from an earlier session.
        let mut first = Bench { h: with_store(dir.path(), 100, 30), dir: tempfile::tempdir().unwrap() };
        open_at(&mut first, "ivanovo.json", "basics.terms", Some(1));
        write_note(&mut first, "из прошлого сеанса");
    }
    let lock = rusqlite::Connection::open(dir.path().join("notes.sqlite")).unwrap();
    lock.execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; SELECT count(*) FROM notes;").unwrap();
    let set = strata::load::load_bundled();
    let notes = config::Settings { busy_timeout: Duration::from_secs(60), ..notes_settings(dir.path()) };
    let settings = Settings { mouse: false, notes: Some(notes), ..Settings::default() };
    // Built at once, the read waiting in the background.
    let mut h = Harness::with_settings(set.docs, Vec::new(), settings, 100, 30);
    assert!(h.busy(), "the notes are read by a job");
    assert!(h.review.notes.is_empty());
    assert!(!h.take_reports(), "the store is still locked");
    let d = doc_of(&h, "ivanovo.json");
    let s = h.docs[d].doc.section("basics.terms").unwrap();
    let path = path_of(&h.docs[d].doc, s).unwrap();
    update::open(&mut h, d, &Item::Section(path), Vec::new());
    h.press("v");
    assert_eq!(top(&h), "notes", "the list opens without waiting for the store");
    assert!(h.press("esc"), "keys stay live");
    h.press("v");
    drop(lock);
    h.settle();
    assert_eq!(h.review.notes.iter().map(|n| n.text.as_str()).collect::<Vec<_>>(), ["из прошлого сеанса"]);
    assert!(h.screen().contains("из прошлого сеанса"), "{}", h.screen());
}

/// A store file that is not a database: strata still starts; the status line says the notes
/// were not read and why, and the problem list keeps it.
#[test]
fn a_store_that_cannot_be_read_is_said_and_listed_with_the_problems() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.sqlite"), "not a database, just text").unwrap();
    let h = with_store(dir.path(), 100, 30);
    let m = h.message().unwrap_or_default().to_string();
    assert!(m.starts_with("Notes not read: "), "{m}");
    assert!(h.problems.contains(&m), "{:?}", h.problems);
    assert!(h.screen().contains("e: 1 problem"), "{}", h.screen());
}
