//! The reviewer's terminal interface: three panes (documents, section tree, content), help,
//! themes and careful terminal handling for SSH sessions.
//!
//! Structure (state in, drawing out; everything but [`terminal`] and [`run`] is testable without a
//! terminal):
//! - [`state`]: [`state::App`], the whole UI state, and derived rows;
//! - [`action`] and [`keymap`]: what keys do, one table for keys, status hints and help;
//! - [`update`]: the only code that changes the state, returning an [`update::Effect`];
//! - [`view`]: drawing from `&App`; [`content`] and [`wrap`]: laying text out for a width;
//! - [`layout`]: pane rectangles for a screen size (also used for mouse hit-testing);
//! - [`theme`]: roles, TOML themes, colour depth; [`terminal`]: raw mode and restoring it;
//! - [`search`]: the search overlay and quick-jump palette over the background searcher;
//! - [`loader`]: documents parsed on background threads and added as they arrive
//!   ([`state::App::add`] appends, so document indices stay valid); `app.loading` holds the
//!   progress. The search index is built once loading ends (or, if the reviewer searches earlier,
//!   of the documents in so far, rebuilt on the next search once more have arrived).
//! - [`compare`] and [`diffview`]: compare mode (documents marked A and B, their diff in the
//!   tree and content panes; the diff runs on its own thread when it takes more than 20 ms).
//!
//! Extending with a new view or mode (search, compare):
//! 1. State: an [`state::Overlay`] variant holding the mode's own state (query, results, marked
//!    documents...), or a field on [`state::App`] for a mode that replaces the content pane.
//! 2. Keys: [`action::Action`] variants (add them to `Action::ALL` and `describe`/`short`), a
//!    [`keymap::Context`] (add it to `Context::ALL`, `name`, `title`) and default bindings in the
//!    `DEFAULTS` table; help, status hints and `keys.toml` pick them up. [`state::App::context`]
//!    maps the mode to its context. A text-input mode looks keys up with
//!    [`keymap::Keymap::lookup_input`] (plain characters only from its own table, so `q` and `j`
//!    type) and takes unbound characters as input.
//! 3. Update: a branch in [`update::apply`] (the overlay arms come first); reuse
//!    [`update::open`] to jump to a document's section with highlighted [`content::Mark`]s
//!    (character ranges, as the search engine reports them) and [`update::scroll_to`] with
//!    `app.content.mark_lines` for next/previous match.
//! 4. View: a module under `view/` drawing from `&App`, called from [`view::draw_buf`]; styles
//!    from [`theme::Role`] (diff and search roles exist already), never colour alone.
//! 5. Tests: drive `update` directly (see `tests/tui_state.rs`), draw into a `TestBackend`
//!    (`tests/tui_layout.rs`).

pub mod action;
pub mod compare;
pub mod content;
pub mod diffview;
pub mod keymap;
pub mod layout;
pub mod loader;
pub mod search;
pub mod state;
pub mod terminal;
pub mod theme;
pub mod update;
pub mod view;
pub mod wrap;

use crate::load::LoadSet;
use crossterm::event::{self, Event, KeyCode, KeyModifiers, MouseEventKind};
use loader::Loader;
use ratatui::backend::CrosstermBackend;
use state::{App, Settings};
use std::io;
use std::path::PathBuf;
use std::time::Duration;
use theme::{ColorChoice, ColorDepth, Theme};
use update::Effect;

/// Command-line choices that shape the UI.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--theme NAME|PATH` (default `dark`).
    pub theme: Option<String>,
    /// `--color`.
    pub color: ColorChoice,
    /// `--mouse` / `--no-mouse`; `None` decides from the environment (off over SSH).
    pub mouse: Option<bool>,
    /// `--ascii`: ASCII borders.
    pub ascii: bool,
}

/// The user's config folder: `$STRATA_CONFIG_DIR`, else `$XDG_CONFIG_HOME/strata`, else
/// `~/.config/strata`.
pub fn config_dir() -> Option<PathBuf> {
    let var = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty()).map(PathBuf::from);
    var("STRATA_CONFIG_DIR")
        .or_else(|| var("XDG_CONFIG_HOME").map(|d| d.join("strata")))
        .or_else(|| var("HOME").map(|h| h.join(".config").join("strata")))
}

/// True when running over SSH (mouse capture then defaults to off, keeping the terminal's own
/// selection and copy).
pub fn over_ssh() -> bool {
    ["SSH_CONNECTION", "SSH_TTY"].iter().any(|k| std::env::var_os(k).is_some_and(|v| !v.is_empty()))
}

/// Resolves theme, keymap and mouse from the options and the config folder. A bad theme is an
/// error (naming file, key and valid values); bad keymap entries become problems shown in the UI.
pub fn settings(opts: &Options) -> Result<Settings, String> {
    let dir = config_dir();
    let depth = ColorDepth::from_env(opts.color);
    let theme = Theme::resolve(opts.theme.as_deref().unwrap_or("dark"), dir.as_deref())?.adapt(depth);
    let mut keymap = keymap::Keymap::default();
    let mut problems = Vec::new();
    if let Some(p) = dir.map(|d| d.join("keys.toml")).filter(|p| p.is_file()) {
        match std::fs::read_to_string(&p) {
            Ok(text) => problems.extend(keymap.apply_toml(&p.display().to_string(), &text)),
            Err(e) => problems.push(format!("{}: cannot read: {e}", p.display())),
        }
    }
    Ok(Settings {
        theme,
        keymap,
        mouse: opts.mouse.unwrap_or(!over_ssh()),
        ascii: opts.ascii,
        problems,
        config_dir: config_dir(),
    })
}

/// Runs the UI on the real terminal until the user quits, adding documents as the `loader` delivers
/// them (the first frame does not wait for any). The terminal is restored however this returns
/// (and on panic).
pub fn run(loader: Loader, settings: Settings, color: ColorChoice) -> io::Result<()> {
    if color == ColorChoice::Always {
        crossterm::style::force_color_output(true);
    }
    let mouse = settings.mouse;
    terminal::enter(mouse)?;
    let _guard = terminal::Guard;
    let mut term = ratatui::Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let size = term.size()?;
    let mut app = App::new(Vec::new(), Vec::new(), settings, ratatui::layout::Rect::new(0, 0, size.width, size.height));
    let mut loader = Some(loader);
    receive(&mut app, &mut loader);
    draw(&mut term, &mut app)?;
    // Lets the end-to-end tests prove that a panic still restores the terminal.
    if std::env::var_os("STRATA_TEST_PANIC").is_some() {
        panic!("STRATA_TEST_PANIC is set: panicking after the first frame");
    }
    // The search index builds in the background once the documents are in (see `receive`).
    loop {
        // A comparison running in the background: collect it as soon as it is done.
        if compare::pending(&app) && compare::poll(&mut app, false) != Effect::None {
            draw(&mut term, &mut app)?;
        }
        if app.search.pending() {
            // A search runs in the background: take its results as soon as they arrive, and keys
            // in between (no polling once nothing is pending).
            let mut effect = search::wait(&mut app, Duration::from_millis(4));
            if receive(&mut app, &mut loader) {
                effect = Effect::Redraw;
            }
            if effect != Effect::None {
                draw(&mut term, &mut app)?;
            }
            if !event::poll(Duration::ZERO)? {
                continue;
            }
        } else if compare::pending(&app) && loader.is_none() && !event::poll(Duration::from_millis(25))? {
            // (While loading, the loader's tick wakes the loop and the top of it collects.)
            continue;
        }
        // While loading, wake up to take arrived documents; afterwards, sleep until input.
        let mut effect = Effect::None;
        if loader.is_none() || event::poll(LOAD_TICK)? {
            effect = handle(&mut app, event::read()?);
            // Merge queued input (key repeat, wheel bursts, resize storms) into one frame.
            while !matches!(effect, Effect::Quit | Effect::Suspend) && event::poll(Duration::ZERO)? {
                effect = merge(effect, handle(&mut app, event::read()?));
            }
        }
        if receive(&mut app, &mut loader) {
            effect = merge(effect, Effect::Redraw);
        }
        match effect {
            Effect::None => continue,
            Effect::Quit => break,
            Effect::Redraw => {}
            Effect::FullRedraw => term.clear()?,
            Effect::SetMouse(on) => terminal::set_mouse(on)?,
            Effect::Suspend => {
                terminal::suspend(app.mouse)?;
                term.clear()?;
            }
        }
        draw(&mut term, &mut app)?;
    }
    Ok(())
}

/// How often the run loop takes arrived documents while loading (also the progress redraw rate).
const LOAD_TICK: Duration = Duration::from_millis(40);

/// Adds what the loader has delivered to the app; drops the loader when it is done. Returns true
/// when something changed on screen.
fn receive(app: &mut App, loader: &mut Option<Loader>) -> bool {
    let Some(l) = loader.as_mut() else { return false };
    let batch = l.drain();
    let changed = !batch.is_empty() || app.loading != l.progress();
    app.add(batch.docs, batch.errors);
    app.set_loading(l.progress());
    if l.finished() {
        *loader = None;
        search::prepare(app);
    }
    changed
}

fn merge(a: Effect, b: Effect) -> Effect {
    use Effect::*;
    match (a, b) {
        (Quit, _) | (_, Quit) => Quit,
        (Suspend, _) | (_, Suspend) => Suspend,
        (SetMouse(_), SetMouse(m)) => SetMouse(m),
        (SetMouse(m), _) | (_, SetMouse(m)) => SetMouse(m),
        (FullRedraw, _) | (_, FullRedraw) => FullRedraw,
        (Redraw, _) | (_, Redraw) => Redraw,
        (None, None) => None,
    }
}

fn handle(app: &mut App, ev: Event) -> Effect {
    match ev {
        Event::Key(k) => match keymap::Key::from_event(&k) {
            // Ctrl-C always quits, whatever the keymap says.
            Some(key) if key.code == KeyCode::Char('c') && key.mods == KeyModifiers::CONTROL => {
                app.quit = true;
                Effect::Quit
            }
            Some(key) => update::key(app, key),
            None => Effect::None,
        },
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(_) => update::click(app, m.column, m.row),
            MouseEventKind::ScrollDown => update::wheel(app, m.column, m.row, 3),
            MouseEventKind::ScrollUp => update::wheel(app, m.column, m.row, -3),
            _ => Effect::None,
        },
        Event::Resize(w, h) => update::resize(app, w, h),
        Event::FocusGained | Event::FocusLost | Event::Paste(_) => Effect::None,
    }
}

/// Draws one frame inside a synchronized update, so the terminal shows it at once.
fn draw(term: &mut terminal::Term, app: &mut App) -> io::Result<()> {
    let size = term.size()?;
    if (size.width, size.height) != (app.size.width, app.size.height) {
        update::resize(app, size.width, size.height);
    }
    crossterm::queue!(term.backend_mut(), crossterm::terminal::BeginSynchronizedUpdate)?;
    term.draw(|f| view::draw(f, app))?;
    crossterm::execute!(term.backend_mut(), crossterm::terminal::EndSynchronizedUpdate)?;
    Ok(())
}

/// A one-screen plain-text summary of what the UI would open (for when stdout is not a terminal):
/// documents grouped by region, newest first, then the files that did not open. At most `max`
/// document lines and `max` error lines.
pub fn summary(set: &LoadSet, max: usize) -> String {
    use crate::text::sanitize::sanitize;
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(out, "strata: {} documents, {} files not opened", set.docs.len(), set.errors.len());
    let mut shown = 0;
    for r in state::doc_rows(&set.docs) {
        if shown >= max {
            break;
        }
        match r {
            state::DocRow::Region(name, _) => {
                let _ = writeln!(out, "{}", sanitize(&name));
            }
            state::DocRow::Doc(i) => {
                let l = &set.docs[i];
                let d = &l.doc;
                let _ = writeln!(
                    out,
                    "  {}  grade {}  {} sections, {} projects, {} indicators  {}",
                    sanitize(&d.meta.version.label),
                    sanitize(&d.source.quality.grade),
                    d.walk().count(),
                    d.projects.len(),
                    d.indicators.len(),
                    sanitize(&l.origin)
                );
                shown += 1;
            }
        }
    }
    if set.docs.len() > shown {
        let _ = writeln!(out, "  ... and {} more", set.docs.len() - shown);
    }
    for e in set.errors.iter().take(max) {
        let _ = writeln!(out, "not opened: {}", sanitize(&e.to_string()));
    }
    if set.errors.len() > max {
        let _ = writeln!(out, "... and {} more files not opened", set.errors.len() - max);
    }
    out
}
