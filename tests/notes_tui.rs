//! End-to-end: the review keys of the real binary in a private tmux server with `set-clipboard
//! on`. A note written in the TUI is stored and its mark shows under the paragraph and in the
//! tree; the copy key's OSC 52 sequence arrives in tmux's paste buffer as exactly the paragraph.
//! Every step waits for its condition on screen with a generous deadline. Without tmux the test
//! is skipped with a notice, except under CI=true where it fails.

mod common;

use common::tmux::{self, Tmux};

/// The palette to a health-care section by its title, then the paragraph cursor on its first
/// paragraph.
fn to_first_health_paragraph(t: &Tmux) {
    t.keys(&[":"]);
    t.wait("Jump to section");
    t.text("здравоохр");
    t.wait("▶ ");
    t.keys(&["Enter"]);
    t.gone("Jump to section");
    t.keys(&["}"]);
}

#[test]
fn a_note_written_in_the_tui_is_stored_and_marked_and_the_copy_key_reaches_tmux() {
    if !tmux::present("the end-to-end review test") {
        return;
    }
    let data = tempfile::tempdir().unwrap();
    let cmd = format!(
        "env -i PATH=/usr/bin:/bin HOME=/nonexistent TERM=xterm-256color USER=tester STRATA_DATA_DIR='{}' \
         STRATA_CONFIG_DIR=/nonexistent '{}' --no-mouse --lang en; sleep 600",
        data.path().display(),
        env!("CARGO_BIN_EXE_strata")
    );
    let t = Tmux::start("review-e2e", 100, 30, &cmd);
    t.set("set-clipboard", "on");
    t.wait("About this document");
    to_first_health_paragraph(&t);
    // A note: the input names the paragraph; Enter is a new line, Ctrl-S saves.
    t.keys(&["i"]);
    t.wait("New note");
    t.wait("paragraph 1");
    t.text("Проверить сроки");
    t.keys(&["Enter"]);
    t.text("и ответственных");
    t.keys(&["C-s"]);
    let s = t.wait("Note saved");
    // The mark under the paragraph, with the author, and both lines of the note.
    let s = if s.contains("✎ tester ") { s } else { t.wait("✎ tester ") };
    assert!(s.contains(": Проверить сроки") && s.contains("  и ответственных"), "{s}");
    // And in the section tree, on the section's row (the one selected there).
    assert!(s.lines().any(|l| l.contains(">") && l.matches('✎').count() == 1 && !l.contains("tester")), "{s}");
    let store = strata::notes::Store::open(&data.path().join("notes.sqlite")).unwrap();
    let notes = store.list(None).unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(
        (notes[0].text.as_str(), notes[0].block, notes[0].author.as_str()),
        ("Проверить сроки\nи ответственных", Some(1), "tester")
    );
    // The copy key: the paragraph, as tmux's clipboard buffer holds it.
    t.keys(&["y"]);
    let s = t.wait("Copied to the clipboard: paragraph 1");
    let copied = t.poll("the copy in tmux's paste buffer", || t.buffer());
    let set = strata::load::load_bundled();
    let doc = set.docs.iter().find(|l| strata::notes::DocRef::of(&l.doc) == notes[0].doc).unwrap();
    let para = &doc.doc.section(&notes[0].section).unwrap().blocks[0].text;
    assert_eq!(&copied, para);
    assert!(s.contains(&format!("paragraph 1, {} characters", para.chars().count())), "{s}");
    // Quit: the store keeps the note for the next session.
    t.keys(&["q"]);
    t.until("strata quits", |s| !s.contains("About this document") && !s.contains("Note saved"));
}

/// A session with a note queued behind another reviewer's exclusive write: strata started under
/// tmux with `extra_env`, the note typed on a health-care section's first paragraph, the store
/// locked and Ctrl-S pressed. Returns the pane, strata's pid, the store's path and the lock.
fn note_queued_behind_a_lock(
    name: &str,
    data: &std::path::Path,
    extra_env: &str,
    note: &str,
) -> (Tmux, libc::pid_t, std::path::PathBuf, rusqlite::Connection) {
    let cmd = format!(
        "env -i PATH=/usr/bin:/bin HOME=/nonexistent TERM=xterm-256color USER=tester STRATA_DATA_DIR='{}' \
         STRATA_CONFIG_DIR=/nonexistent {extra_env} '{}' --no-mouse --lang en; echo \"exit=$?\"; sleep 600",
        data.display(),
        env!("CARGO_BIN_EXE_strata")
    );
    let t = Tmux::start(name, 100, 30, &cmd);
    t.wait("About this document");
    let pid = t.child_pid();
    to_first_health_paragraph(&t);
    t.keys(&["i"]);
    t.wait("New note");
    t.text(note);
    // Another reviewer's write holds the store.
    let path = data.join("notes.sqlite");
    drop(strata::notes::Store::open(&path).unwrap());
    let lock = rusqlite::Connection::open(&path).unwrap();
    lock.execute_batch("BEGIN EXCLUSIVE").unwrap();
    t.keys(&["C-s"]);
    t.wait("Saving the note");
    (t, pid, path, lock)
}

/// A closed SSH session (SIGHUP) while a note waits behind another reviewer's write: strata does
/// not die with the note unwritten; it saves it once the store is free, then exits as the signal
/// would have (129).
#[test]
fn a_note_queued_behind_a_locked_store_is_saved_when_the_session_hangs_up() {
    if !tmux::present("the end-to-end hang-up test") {
        return;
    }
    let data = tempfile::tempdir().unwrap();
    let (t, pid, path, lock) = note_queued_behind_a_lock("review-hup", data.path(), "", "Сохранить при обрыве");
    // SAFETY: sends SIGHUP to the strata process this test started.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGHUP) }, 0);
    t.wait("Writing to the notes store");
    lock.execute_batch("COMMIT").unwrap();
    drop(lock);
    t.wait("exit=129");
    let notes = strata::notes::Store::open(&path).unwrap().list(None).unwrap();
    assert_eq!(notes.iter().map(|n| n.text.as_str()).collect::<Vec<_>>(), ["Сохранить при обрыве"]);
}

/// A second terminating signal does not wait for the store: strata exits at once (here the
/// store's busy timeout is two minutes, past the test's deadline).
#[test]
fn a_second_signal_exits_at_once_without_waiting_for_the_store() {
    if !tmux::present("the end-to-end second-signal test") {
        return;
    }
    let data = tempfile::tempdir().unwrap();
    let cfg = tempfile::tempdir().unwrap();
    std::fs::write(cfg.path().join("config.toml"), "[notes]\nbusy_timeout_ms = 120000\n").unwrap();
    // The notes settings are read from the one config folder, STRATA_CONFIG_DIR's.
    let env = format!("STRATA_CONFIG_DIR='{}'", cfg.path().display());
    let (t, pid, _, lock) = note_queued_behind_a_lock("review-term2", data.path(), &env, "Не дождаться");
    // SAFETY: sends SIGTERM to the strata process this test started, twice.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    t.wait("Writing to the notes store");
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    t.wait("exit=143");
    lock.execute_batch("COMMIT").unwrap();
}
