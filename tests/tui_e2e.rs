//! End-to-end: the real binary in a private tmux server, driven as a person would. Every step waits
//! for what it needs on screen, with a generous deadline (the suite runs on 2 shared cores under
//! load). Without tmux: a visible skip notice, and under `CI=true` a failure.

mod common;

use common::tmux::{self, Tmux};
use std::path::PathBuf;
use std::process::Command;

fn fixtures(name: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::Builder::new().prefix(name).tempdir().unwrap();
    let paths: Vec<PathBuf> = common::write_json(dir.path());
    let args: Vec<String> = paths.iter().map(|p| format!("'{}'", p.display())).collect();
    (dir, args.join(" "))
}

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_strata")
}

/// Writes fixtures, starts tmux and runs `ENV strata FLAGS files...` in it, waiting for the UI.
fn launch(name: &str, w: u16, h: u16, env: &str, flags: &str) -> (tempfile::TempDir, Tmux) {
    let (dir, args) = fixtures(name);
    let t = Tmux::shell(name, w, h);
    t.type_line(&format!("{env} {} {flags} {args}", bin()));
    t.wait("About this document");
    (dir, t)
}

macro_rules! need_tmux {
    () => {
        if !tmux::present("the end-to-end TUI test") {
            return;
        }
    };
}

#[test]
fn open_navigate_read_help_quit() {
    need_tmux!();
    let (_dir, t) = launch("main", 80, 24, "", "");
    assert_eq!(t.info("#{alternate_on}"), "1");
    assert_eq!(t.info("#{mouse_any_flag}"), "1", "mouse capture is on by default outside SSH");
    // The broken file is reported, the others open.
    t.wait("file not opened");
    // Down to 4.2 Здравоохранение, open it, read its text.
    t.keys(&["j", "j", "j", "j", "j"]);
    t.wait(">    4.2 Здравоохранение");
    // The content pane previews the section under the cursor, so its text alone does not show
    // that Enter was handled: wait for the focus mark too.
    t.keys(&["Enter"]);
    let s = t.until("the section's text in the focused content pane", |s| {
        s.contains("ЕГИСЗ") && s.contains("*4.2 Здравоохранение")
    });
    assert!(s.contains("Низкий уровень интеграции"), "{s}");
    // Help from the keymap table.
    t.keys(&["?"]);
    let s = t.wait("Keys (Esc/q closes)");
    assert!(s.contains("down one line"), "{s}");
    t.keys(&["Escape"]);
    t.gone("Keys (Esc/q closes)");
    // The problem list names the file, position and problem.
    t.keys(&["e"]);
    let s = t.wait("Files not opened");
    assert!(s.contains("broken.json:3:"), "{s}");
    t.keys(&["q", "q"]);
    t.assert_shell_usable();
}

/// The projects table at 80x24: one line per row, Enter on the second row opens its card with
/// the whole name and every field, Esc comes back to the table.
#[test]
fn project_card_opens_from_the_table_and_esc_comes_back() {
    need_tmux!();
    let (_dir, t) = launch("card", 80, 24, "", "");
    t.keys(&["j", "j", "j", "j", "j", "j", "j", "j"]);
    t.wait(">    6.2 Здравоохранение");
    t.keys(&["Enter"]);
    let s = t.wait("Enter opens the project card");
    assert!(s.contains("Телемедицинские консультации для жителей отд…"), "cut to one line:\n{s}");
    t.keys(&["j", "Enter"]);
    let s = t.wait("(Esc closes)");
    assert!(s.contains("Телемедицинские консультации для жителей отдалённых районов"), "{s}");
    assert!(s.contains("Beneficiaries:") && s.contains("Funding: Областной бюджет"), "{s}");
    t.keys(&["Escape"]);
    let s = t.gone("(Esc closes)");
    assert!(s.contains("*6.2 Здравоохранение"), "back in the table:\n{s}");
    t.keys(&["q"]);
    t.assert_shell_usable();
}

#[test]
fn ssh_session_leaves_the_mouse_and_ctrl_c_restores() {
    need_tmux!();
    let (_dir, t) = launch("ssh", 120, 40, "SSH_CONNECTION='10.0.0.1 5000 10.0.0.2 22'", "");
    assert_eq!(t.info("#{mouse_any_flag}"), "0", "no mouse capture over SSH");
    // Three panes at 120 columns, once every document has arrived.
    let s = t.wait("Documents (4)");
    assert!(s.contains("Documents (4)") && s.contains("Ивановская область (2)"), "{s}");
    // Narrower: the document list goes one Tab away; wider again: it comes back.
    t.run(&["resize-window", "-t", "s", "-x", "80", "-y", "24"]);
    t.gone("Documents (4)");
    t.run(&["resize-window", "-t", "s", "-x", "120", "-y", "40"]);
    t.wait("Documents (4)");
    t.keys(&["C-c"]);
    t.assert_shell_usable();
}

#[test]
fn ctrl_z_suspends_and_fg_redraws() {
    need_tmux!();
    let (_dir, t) = launch("tstp", 80, 24, "", "--mouse");
    t.keys(&["C-z"]);
    stopped_then_fg_redraws(&t);
}

/// After a stop: the shell has the terminal back (normal screen, no mouse); after `fg` the UI
/// has it again, redrawn, and keys reach it (raw mode back: no echo).
fn stopped_then_fg_redraws(t: &Tmux) {
    t.wait("Stopped");
    t.wait_prompt();
    assert_eq!(t.info("#{alternate_on}"), "0", "alternate screen left on while stopped");
    assert_eq!(t.info("#{mouse_any_flag}"), "0", "mouse capture left on while stopped");
    t.type_line("fg");
    t.wait("About this document");
    assert_eq!(t.info("#{alternate_on}"), "1");
    assert_eq!(t.info("#{mouse_any_flag}"), "1");
    t.keys(&["j"]);
    t.wait(">- 1 Основные положения");
    t.keys(&["q"]);
    t.assert_shell_usable();
}

/// An outside `kill -TSTP` gives the terminal back like Ctrl-Z; `fg` takes it again and redraws.
#[test]
fn outside_sigtstp_suspends_like_ctrl_z() {
    need_tmux!();
    let (_dir, t) = launch("xtstp", 80, 24, "", "--mouse");
    let child = t.child_pid();
    // SAFETY: sends SIGTSTP to the strata process this test started.
    assert_eq!(unsafe { libc::kill(child, libc::SIGTSTP) }, 0);
    stopped_then_fg_redraws(&t);
}

/// A bracketed paste goes into the search box, line breaks as spaces, control characters dropped.
#[test]
fn paste_into_the_search_box() {
    need_tmux!();
    let (_dir, t) = launch("paste", 80, 24, "", "");
    t.keys(&["/"]);
    t.wait("Search: all documents");
    t.run(&["set-buffer", "-b", "p", "ЕГИ\u{7}СЗ\nобмен"]);
    t.run(&["paste-buffer", "-p", "-d", "-b", "p", "-t", "s"]);
    let s = t.wait("/ ЕГИСЗ обмен");
    assert!(!s.contains("^G"), "{s}");
    t.wait("matches");
    t.keys(&["Escape", "q"]);
    t.assert_shell_usable();
}

/// A panic in the UI gives the terminal back (main screen, no mouse capture, a shell that
/// echoes). The program has no switch to panic, so this test runs its own binary in tmux as the
/// child below, which starts the UI through the testing façade and panics after the first frame.
#[test]
fn panic_restores_the_terminal() {
    need_tmux!();
    let (dir, _) = fixtures("panic");
    let t = Tmux::shell("panic", 80, 24);
    let me = std::env::current_exe().unwrap();
    t.type_line(&format!(
        "STRATA_E2E_PANIC_CHILD='{}' '{}' --exact ui_that_panics_after_its_first_frame --nocapture --test-threads=1",
        dir.path().display(),
        me.display()
    ));
    t.wait("panicking after the first frame, as the test asked");
    t.assert_shell_usable();
}

/// The child of [`panic_restores_the_terminal`]: only with `STRATA_E2E_PANIC_CHILD` (the fixture
/// folder) set, in tmux, does it run the UI (mouse capture on) and panic; otherwise it returns.
#[test]
fn ui_that_panics_after_its_first_frame() {
    let Some(dir) = std::env::var_os("STRATA_E2E_PANIC_CHILD") else { return };
    let opts = strata::tui::Options { mouse: Some(true), ..Default::default() };
    let settings = strata::tui::settings(&opts).unwrap();
    strata::tui::testing::panic_after_first_frame(strata::tui::loader::Source::Paths(vec![dir.into()]), settings);
}

#[test]
fn sigterm_restores_the_terminal() {
    need_tmux!();
    let (_dir, t) = launch("term", 80, 24, "", "--mouse");
    let child = t.child_pid();
    // SAFETY: sends SIGTERM to the strata process this test started.
    assert_eq!(unsafe { libc::kill(child, libc::SIGTERM) }, 0);
    t.assert_shell_usable();
}

#[test]
fn user_keymap_and_theme_from_the_config_folder() {
    need_tmux!();
    let cfg = tempfile::tempdir().unwrap();
    std::fs::write(cfg.path().join("keys.toml"), "[global]\n\"x\" = \"quit\"\n\"y\" = \"frob\"\n").unwrap();
    std::fs::create_dir(cfg.path().join("themes")).unwrap();
    std::fs::write(cfg.path().join("themes/dark.toml"), "[roles]\nselection = { fg = \"black\", bg = \"yellow\" }\n")
        .unwrap();
    let env = format!("STRATA_CONFIG_DIR='{}'", cfg.path().display());
    let (_dir, t) = launch("cfg", 100, 30, &env, "");
    t.keys(&["e"]);
    // The line itself is waited for: a frame can be caught half drawn.
    t.wait("[global] \"y\": unknown action \"frob\"");
    t.keys(&["Escape", "?"]);
    // The help overlay lists the user's binding, generated from the same table.
    t.wait("Keys (Esc/q closes)");
    // Scroll down to the global quit line (further help sections follow it).
    // (Each j is waited for: the scroll position in the corner moves to the next line.)
    let mut s = t.screen();
    for i in 2..80 {
        if s.contains("q/Ctrl-c/x         quit") {
            break;
        }
        t.keys(&["j"]);
        s = t.wait(&format!(" {i}-"));
    }
    assert!(s.contains("q/Ctrl-c/x         quit"), "{s}");
    t.keys(&["Escape", "x"]);
    t.assert_shell_usable();
}

#[test]
fn bad_theme_is_an_error_naming_file_key_and_values() {
    let cfg = tempfile::tempdir().unwrap();
    let theme = cfg.path().join("mine.toml");
    std::fs::write(&theme, "[roles]\nheading = { fg = \"#12345\" }\n").unwrap();
    let out = Command::new(bin()).arg("--theme").arg(&theme).arg("/nonexistent.json").output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        err.contains("mine.toml: roles.heading.fg: \"#12345\" is not a colour (valid: default, reset, black"),
        "{err}"
    );
    let out = Command::new(bin()).args(["--theme", "solarized", "/nonexistent.json"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown theme \"solarized\" (valid: dark, light, high-contrast, ansi16"), "{err}");
}

/// SGR parameters that set a colour (30-49 and 90-107 but the 39/49 defaults; covers 38;5/48;5).
fn colour_params(screen_with_escapes: &str) -> usize {
    let mut n = 0;
    for seq in screen_with_escapes.split("\u{1b}[").skip(1) {
        let Some(end) = seq.find(|c: char| c.is_ascii_alphabetic()) else { continue };
        if &seq[end..end + 1] != "m" {
            continue;
        }
        n += seq[..end]
            .split(';')
            .filter_map(|p| p.parse::<u16>().ok())
            .filter(|p| ((30..=49).contains(p) && *p != 39 && *p != 49) || (90..=107).contains(p))
            .count();
    }
    n
}

#[test]
fn no_color_draws_without_colour_but_keeps_selection_visible() {
    need_tmux!();
    let styled = |env: &str, flags: &str, name: &str| {
        let (_dir, t) = launch(name, 100, 30, env, flags);
        let s = t.styled_screen();
        t.keys(&["q"]);
        t.assert_shell_usable();
        s
    };
    let coloured = styled("", "", "colour");
    assert!(colour_params(&coloured) > 0, "the default draws in colour");
    let plain = styled("NO_COLOR=1", "", "nocolour");
    assert_eq!(colour_params(&plain), 0, "NO_COLOR: no colour at all");
    assert!(plain.contains("\u{1b}[7m") || plain.contains(";7m") || plain.contains(";7;"), "selection drawn reversed");
    let never = styled("", "--color never", "never");
    assert_eq!(colour_params(&never), 0, "--color never");
    let forced = styled("NO_COLOR=1", "--color always", "forced");
    assert!(colour_params(&forced) > 0, "--color always overrides NO_COLOR");
}

#[test]
fn without_a_terminal_prints_a_summary() {
    let (_dir, args) = fixtures("pipe");
    let paths: Vec<String> = args.split(' ').map(|a| a.trim_matches('\'').to_string()).collect();
    let english = |c: &mut Command| c.env("LANG", "C").env_remove("LC_ALL").env_remove("LC_MESSAGES").output().unwrap();
    let out = english(Command::new(bin()).args(&paths));
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.starts_with("strata: 4 documents, 1 file not opened\n"), "{s}");
    assert!(s.contains("Ивановская область\n  2022-08-26  grade B"), "{s}");
    assert!(s.contains("not opened: ") && s.contains("broken.json:3:"), "{s}");
    assert!(s.contains("not a terminal"));
    assert!(!s.contains('\u{1b}'), "no escape sequences in the summary");
    assert_eq!(out.status.code(), Some(2), "a file that did not open makes the exit status 2");
}

#[test]
fn search_as_you_type_opens_the_match_and_quits_cleanly() {
    need_tmux!();
    // No paths: the bundled samples.
    let t = Tmux::shell("search", 80, 24);
    t.type_line(&format!("STRATA_CONFIG_DIR=/nonexistent {}", bin()));
    t.wait("About");
    t.keys(&["/"]);
    t.wait("Search: all documents (Tab: current)");
    t.text("ЕГИСЗ");
    let s = t.wait("▶ ");
    assert!(s.contains("/ ЕГИСЗ") && s.contains("matches"), "{s}");
    // Tab: the current document only, named in the title.
    t.keys(&["Tab"]);
    t.wait("(Tab: all)");
    t.keys(&["Tab"]);
    t.wait("(Tab: current)");
    // The results for the scope come before moving in them (their arrival resets the cursor).
    t.gone("searching…");
    t.keys(&["Down", "Enter"]);
    t.gone("Search: all documents");
    let s = t.wait("match ");
    assert!(s.contains("ЕГИСЗ"), "the match is on screen:\n{s}");
    // The status line counts the matches (a table section shows its printed text to show them).
    assert!(s.contains("match 1 of"), "{s}");
    t.keys(&["n"]);
    t.wait("match 2 of");
    // The palette jumps to a section by a few letters of its title.
    t.keys(&[":"]);
    t.wait("Jump to section: all documents");
    t.text("здравоохр");
    t.wait("▶ ");
    t.keys(&["Enter"]);
    let s = t.gone("Jump to section: all documents");
    assert!(s.contains("Здравоохранение"), "{s}");
    t.keys(&["q"]);
    t.assert_shell_usable();
}

#[test]
fn mark_two_versions_compare_and_walk_the_changes() {
    need_tmux!();
    // The bundled samples: Ivanovo and its illustrative revision.
    let t = Tmux::shell("cmp", 80, 24);
    t.type_line(&format!("{} --no-mouse", bin()));
    t.wait("About this document");
    // Every document in before moving through the list (arrivals re-sort it).
    t.gone("loading");
    // Documents pane: the revision as B, the original as A, then compare.
    t.keys(&["BTab", "j", "b", "j", "a"]);
    let s = t.wait(">A 2021-08-20");
    assert!(s.contains(" B 2022-08-26"), "{s}");
    t.keys(&["c"]);
    let s = t.wait("Summary");
    assert!(s.contains("*Compare A|B"), "the compare tree has focus:\n{s}");
    assert!(s.contains("Sections "), "{s}");
    // n walks the changes until a changed word's marker shows.
    let mut found = false;
    for i in 1..=12 {
        t.keys(&["n"]);
        // Each n says which change it is on; wait for that before reading the diff.
        if t.wait(&format!("change {i} of")).contains("{+") {
            found = true;
            break;
        }
    }
    assert!(found, "no {{+ marker after 12 changes:\n{}", t.screen());
    // Hide unchanged sections, switch the layout, leave compare mode, quit.
    t.keys(&["u"]);
    t.wait("(changed)");
    t.keys(&["s"]);
    t.wait("A|B");
    t.keys(&["Escape"]);
    t.wait("About this document");
    t.keys(&["q"]);
    t.assert_shell_usable();
}

/// The project matrix over the five bundled samples at 80x24: `m` opens it, Enter on a cell opens
/// that region's project card over it, Esc comes back to the matrix, Esc again to the project's
/// row in its projects table.
#[test]
fn matrix_view_opens_a_project_of_a_region() {
    need_tmux!();
    let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/samples");
    let t = Tmux::shell("matrix", 80, 24);
    t.type_line(&format!("{} --lang en {samples}/*.json", bin()));
    t.wait("About this document");
    // Every sample in (the status line shows the loading progress until then).
    t.gone("loading");
    t.keys(&["A"]);
    // The status line is drawn last: the whole frame is there once it names the view.
    t.wait("Project matrix");
    let s = t.wait("Matrix: ");
    assert!(s.contains("in 5 regions") && s.contains("5/5"), "{s}");
    // The third region's cell of the first row, then its card.
    t.keys(&["l", "l"]);
    t.wait(" [●] ");
    t.keys(&["Enter"]);
    t.wait("Project card");
    t.wait("(Esc closes)");
    t.keys(&["Escape"]);
    t.wait("Project matrix");
    t.keys(&["Escape"]);
    t.wait("Enter opens the project card");
    t.gone("Matrix: ");
    t.keys(&["q"]);
    t.assert_shell_usable();
}

/// Keys typed while strata starts act as they would once the first document shows: a Tab sent
/// while the only document is still loading (padded to tens of megabytes, so that it parses for
/// a while) moves from the tree to the text, as it does after loading; it used to land in the
/// empty documents pane and be lost.
#[test]
fn a_key_typed_while_the_first_document_loads_acts_once_it_shows() {
    need_tmux!();
    let dir = tempfile::Builder::new().prefix("ahead").tempdir().unwrap();
    let doc = std::sync::Arc::unwrap_or_clone(common::docs().into_iter().next().unwrap().doc);
    let mut v = serde_json::to_value(&doc).unwrap();
    v["padding"] = serde_json::Value::String("x".repeat(60 << 20));
    let path = dir.path().join("slow.json");
    std::fs::write(&path, serde_json::to_vec(&v).unwrap()).unwrap();
    drop(v);
    let t = Tmux::shell("ahead", 100, 30);
    t.type_line(&format!("{} --no-mouse '{}'", bin(), path.display()));
    t.wait("Loading documents");
    t.keys(&["Tab"]);
    t.wait("About this document");
    t.until("the text pane focused", |s| s.contains("*About"));
    t.keys(&["q"]);
    t.assert_shell_usable();
}
