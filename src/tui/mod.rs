//! The reviewer's terminal interface: three panes (documents, section tree, content), help,
//! themes and careful terminal handling for SSH sessions.
//!
//! Structure (state in, drawing out; everything but [`terminal`] and [`run`] is testable without a
//! terminal):
//! - [`layer`]: the [`layer::Component`] trait and the layer stack. Every mode is a component
//!   owning its state, keymap context, update and drawing: the browse view
//!   ([`layer::browse`]) at the bottom; compare mode ([`layer::compare`]: A/B marks, the diff
//!   job, the compare tree and diff) as a transparent layer over it; the help, problem list and
//!   project card
//!   ([`layer::help`], [`layer::problems`], [`layer::card`]) and the search and palette
//!   ([`search::Search`]) pushed over it. Keys, pastes, clicks and job results go to the top
//!   layer first and fall through.
//! - [`state`]: [`state::App`]: the documents, settings, the search index, the jobs and the
//!   stack; [`status`]: the status line's message, said through one function, lasting by one
//!   rule;
//! - [`action`] and [`keymap`]: what keys do, one table for keys, status hints and help;
//! - [`update`]: the browse view's update, and the entry points that hand events to the stack,
//!   returning an [`update::Effect`];
//! - [`view`]: drawing the browse view from `&App`; [`content`] and [`wrap`]: laying text out for
//!   a width; [`list`]: the one list-cursor and scroll logic;
//! - [`layout`]: pane rectangles for a screen size (also used for mouse hit-testing);
//! - [`theme`]: roles, TOML themes, colour depth; [`terminal`]: raw mode and restoring it;
//! - [`event`] and [`job`]: the one event channel (input, jobs, timers, signals) and the one
//!   background job type (generation number, cancel flag);
//! - [`search`]: the search and quick-jump palette component over the background searcher;
//! - [`loader`]: documents parsed on background threads and added as they arrive
//!   ([`state::App::add`] appends, so document indices stay valid); `app.load.progress` holds the
//!   progress. The search index is built once loading ends (or, if the reviewer searches earlier,
//!   of the documents in so far, rebuilt on the next search once more have arrived).
//! - [`testing`]: the façade tests and benchmarks drive the UI through.
//!
//! Extending with a new view or mode (the notes list in `review/`, the matrix in `across/`, a
//! picker): write a component in the feature's own folder; the doc of [`layer`] says how, step
//! by step, with an example. In short:
//! 1. State: a struct implementing [`layer::Component`], built from `&App` when it opens; what
//!    depends on the screen size or the documents is laid out in `relayout`, so the component
//!    knows its own content size.
//! 2. Keys: a [`keymap::Context`] (add it to `Context::ALL`, `name`, `title`) with default
//!    bindings in `themes/keys.default.toml`, and [`action::Action`] variants when no existing
//!    one fits (one entry in `action.rs`'s `actions!` list, which makes the enum and
//!    `Action::ALL`, and the catalogue's action texts); help, status hints and `keys.toml` pick
//!    them up. A text-input context ([`keymap::Context::is_input`]) gets
//!    plain characters in `Component::key`.
//! 3. Update: `Component::action` (and `key`, `paste`, `job`) return a [`layer::Outcome`]:
//!    consumed or ignored, an [`update::Effect`], and requests (push a component, close, open a
//!    section through [`layer::Opening`] with highlighted [`content::Mark`]s).
//! 4. Push it: return `Outcome::redraw().push(MyView::new(app))` from the action that opens it
//!    (an arm in [`layer::browse`]'s `action` for a key of the panes). A view that takes the
//!    whole screen draws over all of it; the browse view under it keeps its state.
//! 5. View: `Component::draw` into the screen's buffer; styles from [`theme::Role`], never colour
//!    alone; overlays use [`view::overlay_area`] and [`view::text_overlay`].
//! 6. Tests: through [`testing::Harness`] (keys in; screens, messages,
//!    [`testing::Harness::layers`] and the top component's state out), snapshots in
//!    `src/tui/tests/layout.rs`.

pub(crate) mod across;
pub(crate) mod action;
pub(crate) mod content;
pub(crate) mod event;
pub(crate) mod job;
pub(crate) mod keymap;
pub(crate) mod layer;
pub(crate) mod layout;
pub(crate) mod list;
pub mod loader;
pub(crate) mod review;
pub(crate) mod screen;
pub(crate) mod search;
pub(crate) mod state;
pub(crate) mod status;
pub(crate) mod terminal;
pub mod testing;
pub mod theme;
pub(crate) mod update;
pub(crate) mod view;
pub(crate) mod wrap;

#[cfg(test)]
mod tests;

use crate::load::LoadSet;
use crossterm::event::{Event as Input, KeyCode, KeyModifiers, MouseEventKind};
use event::Event;
use loader::Source;
use state::{App, Settings};
use std::io;
use std::path::PathBuf;
use std::sync::mpsc::Receiver;
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
    /// `--ascii`: ASCII borders and symbols.
    pub ascii: bool,
    /// `--lang`: the interface language; `None` follows the locale.
    pub lang: Option<crate::i18n::Lang>,
    /// `--debug`: timings in the status line.
    pub debug: bool,
}

/// The user's config folder: `$STRATA_CONFIG_DIR`, else `$XDG_CONFIG_HOME/strata`, else
/// `~/.config/strata` (one rule for every config file, see [`crate::notes::config::config_dir`]).
pub fn config_dir() -> Option<PathBuf> {
    crate::notes::config::config_dir()
}

/// True when running over SSH (mouse capture then defaults to off, keeping the terminal's own
/// selection and copy).
pub fn over_ssh() -> bool {
    ["SSH_CONNECTION", "SSH_TTY"].iter().any(|k| std::env::var_os(k).is_some_and(|v| !v.is_empty()))
}

/// Resolves language, theme, keymap and mouse from the options and the config folder. A bad
/// theme is an error (naming file, key and valid values); bad keymap entries become problems
/// shown in the UI. Chooses the interface language for the process.
pub fn settings(opts: &Options) -> Result<Settings, String> {
    crate::i18n::set(opts.lang.unwrap_or_else(crate::i18n::Lang::from_env));
    let dir = config_dir();
    let depth = ColorDepth::from_env(opts.color);
    let theme = Theme::resolve(opts.theme.as_deref().unwrap_or("dark"), dir.as_deref())?.adapt(depth);
    let mut keymap = keymap::Keymap::default();
    let mut problems = Vec::new();
    // A bad notes configuration is shown with the other problems; reading still works.
    let notes = crate::notes::config::settings().map_err(|e| problems.push(e.to_string())).ok();
    if let Some(p) = dir.map(|d| d.join("keys.toml")).filter(|p| p.is_file()) {
        match std::fs::read_to_string(&p) {
            Ok(text) => problems.extend(keymap.apply_toml(&p.display().to_string(), &text)),
            Err(e) => problems
                .push(crate::i18n::trf(crate::i18n::Msg::CannotRead, &[&p.display(), &crate::i18n::os_error(&e)])),
        }
    }
    Ok(Settings {
        theme,
        keymap,
        mouse: opts.mouse.unwrap_or(!over_ssh()),
        ascii: opts.ascii,
        debug: opts.debug,
        problems,
        config_dir: config_dir(),
        notes,
    })
}

/// Runs the UI on the real terminal until the user quits, adding documents as they load in the
/// background (the first frame does not wait for any). The terminal is restored however this
/// returns (and on panic and signals).
pub fn run(source: Source, settings: Settings, color: ColorChoice) -> io::Result<()> {
    run_with(source, settings, color, || {})
}

/// [`run`], calling `after_first_frame` once the first frame is drawn and input is read (the
/// testing façade's [`testing::panic_after_first_frame`] panics there; the program passes
/// nothing).
pub(crate) fn run_with(
    source: Source,
    settings: Settings,
    color: ColorChoice,
    after_first_frame: impl FnOnce(),
) -> io::Result<()> {
    if color == ColorChoice::Always {
        crossterm::style::force_color_output(true);
    }
    let mouse = settings.mouse;
    terminal::enter(mouse)?;
    let guard = terminal::Guard;
    let mut term = screen::Screen::with_caps(terminal::probe());
    let (w, h) = crossterm::terminal::size()?;
    let (tx, rx) = event::channel_pair();
    let size = ratatui::layout::Rect::new(0, 0, w, h);
    let mut app = App::new(Vec::new(), Vec::new(), settings, size, tx.clone());
    loader::start(&mut app, source);
    draw(&mut term, &mut app)?;
    event::spawn_input(tx.clone());
    terminal::hand_signals_to(tx.clone(), review::writes::quit_wait(&app) + std::time::Duration::from_secs(2));
    event::spawn_signals(tx);
    after_first_frame();
    let ended = run_loop(&mut term, &mut app, &rx);
    // However the loop ended, the notes-store writes still queued are waited for (bounded)...
    let pending = app.review.writes.pending();
    if pending > 0 {
        app.status.say(crate::i18n::trf(crate::i18n::Msg::SavingOnQuit, &[&pending]));
        let _ = draw(&mut term, &mut app);
    }
    let wait = review::writes::quit_wait(&app);
    let unsaved = review::writes::finish(&mut app, wait, |left| rx.recv_timeout(left).ok());
    drop(guard);
    // ...and what did not get written is said once the terminal is the shell's again.
    if !unsaved.is_empty() {
        let mut m = crate::i18n::trf(crate::i18n::Msg::NotSavedOnQuit, &[&unsaved.len()]);
        for u in &unsaved {
            m.push_str(&format!("\n  {u}"));
        }
        crate::output::term::err(&format!("{m}\n"));
    }
    if let Some(sig) = terminal::ui_ended() {
        std::process::exit(128 + sig);
    }
    ended
}

/// Receive → update → draw when changed. Every event waiting is taken before drawing, so key
/// repeat, wheel bursts, pastes and arriving documents cost one frame.
fn run_loop(term: &mut screen::Screen, app: &mut App, rx: &Receiver<Event>) -> io::Result<()> {
    while let Ok(first) = rx.recv() {
        let mut effect = step(app, first)?;
        while !matches!(effect, Effect::Quit | Effect::Suspend) {
            match rx.try_recv() {
                Ok(e) => effect = update::merge(effect, step(app, e)?),
                Err(_) => break,
            }
        }
        effect = update::merge(effect, update::after_batch(app));
        match effect {
            Effect::None => continue,
            Effect::Quit => break,
            Effect::Redraw => {}
            Effect::FullRedraw => term.invalidate(),
            Effect::SetMouse(on) => terminal::set_mouse(on)?,
            Effect::Suspend => {
                terminal::suspend(app.mouse)?;
                term.invalidate();
            }
        }
        draw(term, app)?;
    }
    Ok(())
}

/// One event's update.
fn step(app: &mut App, e: Event) -> io::Result<Effect> {
    Ok(match e {
        Event::Input(i) => handle(app, i),
        Event::InputFailed(why) => return Err(io::Error::other(format!("reading the terminal: {why}"))),
        Event::Job(r) => update::job(app, r),
        Event::Tick => {
            app.load.tick_pending = false;
            Effect::Redraw
        }
        Event::Stop => Effect::Suspend,
        Event::Terminate => Effect::Quit,
        Event::Continue => {
            // Continued without our own suspend (e.g. after an outside SIGSTOP): take the
            // terminal back; after our own suspend this only redraws.
            terminal::resume(app.mouse)?;
            Effect::FullRedraw
        }
    })
}

fn handle(app: &mut App, ev: Input) -> Effect {
    match ev {
        Input::Key(k) => match keymap::Key::from_event(&k) {
            // Ctrl-C always quits, whatever the keymap says.
            Some(key) if key.code == KeyCode::Char('c') && key.mods == KeyModifiers::CONTROL => {
                app.quit = true;
                Effect::Quit
            }
            Some(key) => update::key(app, key),
            None => Effect::None,
        },
        Input::Mouse(m) => match m.kind {
            MouseEventKind::Down(_) => update::click(app, m.column, m.row),
            MouseEventKind::ScrollDown => update::wheel(app, m.column, m.row, 3),
            MouseEventKind::ScrollUp => update::wheel(app, m.column, m.row, -3),
            _ => Effect::None,
        },
        Input::Resize(w, h) => update::resize(app, w, h),
        Input::Paste(text) => update::paste(app, &text),
        Input::FocusGained | Input::FocusLost => Effect::None,
    }
}

/// Draws one frame: the bytes that change what the terminal shows into the current state (see
/// [`screen`]), in one write.
fn draw(term: &mut screen::Screen, app: &mut App) -> io::Result<()> {
    use std::io::Write;
    let (w, h) = crossterm::terminal::size()?;
    update::resize(app, w, h);
    let bytes = frame_bytes(term, app);
    let mut out = io::stdout().lock();
    out.write_all(&bytes)?;
    // A copy (OSC 52) goes to the terminal after the frame: it moves no cursor and sets no
    // colour, so the screen model stays exact.
    if let Some(seq) = app.review.clipboard.take() {
        out.write_all(seq.as_bytes())?;
    }
    out.flush()
}

/// Frames larger than this are wrapped in a synchronized update, so the terminal shows them at
/// once even when they arrive in several reads; smaller ones (a scroll, a cursor move) arrive
/// in one and are not worth the 16 bytes.
const SYNC_OVER: usize = 512;

/// The bytes of the next frame for the state: drawn into a buffer, then encoded against what
/// the terminal shows, with the panes' bodies offered to the terminal's scroll region.
pub(crate) fn frame_bytes(term: &mut screen::Screen, app: &App) -> Vec<u8> {
    let area = app.size;
    let mut buf = ratatui::buffer::Buffer::empty(area);
    view::draw_buf(app, area, &mut buf);
    let out = term.frame(&buf, &view::scrollable(app, area));
    if out.bytes.len() <= SYNC_OVER {
        return out.bytes;
    }
    let mut v = Vec::with_capacity(out.bytes.len() + 16);
    v.extend_from_slice(b"\x1b[?2026h");
    v.extend_from_slice(&out.bytes);
    v.extend_from_slice(b"\x1b[?2026l");
    v
}

/// A one-screen plain-text summary of what the UI would open (for when stdout is not a terminal):
/// documents grouped by region, newest first, then the files that did not open. At most `max`
/// document lines and `max` error lines.
pub fn summary(set: &LoadSet, max: usize) -> String {
    use crate::i18n::{Msg, Noun, count, trf};
    use crate::text::sanitize::sanitize;
    use std::fmt::Write;
    let mut out = String::new();
    let (docs, errors) = (count(set.docs.len(), Noun::Document), count(set.errors.len(), Noun::File));
    let _ = writeln!(out, "{}", trf(Msg::SummaryHead, &[&docs, &errors]));
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
                let (sections, projects, indicators) = (
                    count(d.walk().count(), Noun::Section),
                    count(d.projects.len(), Noun::Project),
                    count(d.indicators.len(), Noun::Indicator),
                );
                let (version, grade) = (crate::i18n::version_label(&d.meta.version), sanitize(&d.source.quality.grade));
                let line =
                    trf(Msg::SummaryDoc, &[&version, &grade, &sections, &projects, &indicators, &sanitize(&l.origin)]);
                let _ = writeln!(out, "{line}");
                shown += 1;
            }
        }
    }
    if set.docs.len() > shown {
        let _ = writeln!(out, "{}", trf(Msg::SummaryMore, &[&(set.docs.len() - shown)]));
    }
    for e in set.errors.iter().take(max) {
        let _ = writeln!(out, "{}", trf(Msg::SummaryNotOpened, &[&sanitize(&e.to_string())]));
    }
    if set.errors.len() > max {
        let _ = writeln!(out, "{}", trf(Msg::SummaryMoreNotOpened, &[&(set.errors.len() - max)]));
    }
    out
}
