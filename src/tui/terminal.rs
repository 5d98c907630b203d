//! The real terminal: raw mode, alternate screen, mouse capture, bracketed paste, and getting all
//! of it back on quit, error, panic and Ctrl-Z.

use super::screen::Caps;
use crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture};
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use crossterm::{cursor, execute};
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Mutex, Once};
use std::time::{Duration, Instant};

/// Whether the terminal is currently in UI mode (so the panic hook knows to restore it).
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Whether the terminal's left/right margin mode (DECLRMM, mode 69) is ours to switch on in UI
/// mode and off on restore (set by [`probe`]).
static MARGINS: AtomicBool = AtomicBool::new(false);

/// Switches left/right margin mode on: `CSI s` then sets the margins instead of saving the
/// cursor (nothing here saves it that way: crossterm uses `ESC 7`).
const MARGINS_ON: &[u8] = b"\x1b[?69h";
const MARGINS_OFF: &[u8] = b"\x1b[?69l";

/// Puts the terminal into UI mode: raw, alternate screen, bracketed paste, mouse when asked.
pub fn enter(mouse: bool) -> io::Result<()> {
    install_panic_hook();
    restore_on_signals();
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen, EnableBracketedPaste, cursor::Hide)?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
    }
    if MARGINS.load(Ordering::SeqCst) {
        out.write_all(MARGINS_ON)?;
        out.flush()?;
    }
    Ok(())
}

/// How long [`probe`] waits for the terminal's answers: one round trip over SSH, usually far
/// less. Only a terminal that never answers costs the whole wait, once at start.
const PROBE_DEADLINE: std::time::Duration = std::time::Duration::from_secs(2);

/// Asks the terminal, once after [`enter`] and before the first frame, which of the sequences
/// only some terminals implement work (see [`Caps`]), so that none is ever assumed:
/// - left/right margins: DECRQM for mode 69 (DECLRMM) answered "set" or "reset" (tmux, for one,
///   does not answer; it has no margins);
/// - REP: an ASCII character written and repeated twice at the top left moves the cursor three
///   columns, read back with a cursor position report.
///
/// A primary device attributes request, which every terminal answers, ends the exchange; what
/// has not come by then, or by the deadline, counts as not working. The probe's character is
/// cleared by the first frame. When margins work their mode is switched on here (and off by
/// [`restore`]).
pub fn probe() -> Caps {
    let mut caps = Caps::default();
    #[cfg(unix)]
    {
        let mut out = io::stdout();
        if out.write_all(b"\x1b[?69$p\x1b[H\x1b[0mx\x1b[2b\x1b[6n\x1b[c").and_then(|_| out.flush()).is_err() {
            return caps;
        }
        let answers = read_answers(PROBE_DEADLINE);
        caps = parse_answers(&answers);
        if caps.margins && out.write_all(MARGINS_ON).and_then(|_| out.flush()).is_ok() {
            MARGINS.store(true, Ordering::SeqCst);
        } else {
            caps.margins = false;
        }
    }
    caps
}

/// The terminal's answers, read byte by byte up to the end of the primary device attributes
/// answer (`CSI ? … c`), so that no key typed after it is taken from the UI.
#[cfg(unix)]
fn read_answers(deadline: std::time::Duration) -> Vec<u8> {
    use std::os::fd::AsRawFd;
    // The terminal crossterm reads: standard input when it is one, else the controlling terminal.
    // SAFETY: isatty only inspects the descriptor.
    let tty = if unsafe { libc::isatty(0) } == 1 { None } else { std::fs::File::open("/dev/tty").ok() };
    let fd = tty.as_ref().map_or(0, |f| f.as_raw_fd());
    let end = std::time::Instant::now() + deadline;
    let mut got = Vec::new();
    while !ends_with_device_attributes(&got) && got.len() < 4096 {
        let left = end.saturating_duration_since(std::time::Instant::now());
        if left.is_zero() {
            break;
        }
        let mut p = libc::pollfd { fd, events: libc::POLLIN, revents: 0 };
        // SAFETY: one valid pollfd for the call's duration.
        let ready = unsafe { libc::poll(&mut p, 1, left.as_millis().max(1) as libc::c_int) };
        if ready < 0 && io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
            continue;
        }
        if ready <= 0 {
            break;
        }
        let mut b = 0u8;
        // SAFETY: reads at most one byte into a valid byte.
        let n = unsafe { libc::read(fd, (&mut b as *mut u8).cast(), 1) };
        if n != 1 {
            break;
        }
        got.push(b);
    }
    got
}

/// True when `b` ends with a primary device attributes answer, `CSI ? digits;… c`.
fn ends_with_device_attributes(b: &[u8]) -> bool {
    let Some(start) = b.windows(3).rposition(|w| w == b"\x1b[?") else { return false };
    match b[start + 3..].split_last() {
        Some((b'c', params)) => params.iter().all(|c| c.is_ascii_digit() || *c == b';'),
        _ => false,
    }
}

/// What the answers to [`probe`]'s questions say works: margins when DECRQM for mode 69 answers
/// 1-3 (set, reset, permanently set), REP when the cursor report after `x` and two repeats
/// says column 4.
fn parse_answers(b: &[u8]) -> Caps {
    let text = String::from_utf8_lossy(b);
    let mut caps = Caps::default();
    for part in text.split('\x1b').filter_map(|p| p.strip_prefix('[')) {
        if let Some(mode) = part.strip_prefix("?69;").and_then(|r| r.strip_suffix("$y")) {
            caps.margins = matches!(mode, "1" | "2" | "3");
        } else if let Some((row, col)) = part.strip_suffix('R').and_then(|r| r.split_once(';')) {
            caps.rep = row == "1" && col == "4";
        }
    }
    caps
}

/// Turns mouse capture on or off while running.
pub fn set_mouse(on: bool) -> io::Result<()> {
    if on { execute!(io::stdout(), EnableMouseCapture) } else { execute!(io::stdout(), DisableMouseCapture) }
}

/// Restores the terminal: every mode [`enter`] set is undone, whatever succeeded before. Safe to
/// call more than once.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    // Each step is attempted even if an earlier one failed.
    let _ = execute!(out, DisableMouseCapture);
    if MARGINS.load(Ordering::SeqCst) {
        let _ = out.write_all(MARGINS_OFF);
    }
    let _ = execute!(out, DisableBracketedPaste);
    let _ = execute!(out, crossterm::terminal::EndSynchronizedUpdate);
    let _ = execute!(out, LeaveAlternateScreen);
    let _ = execute!(out, cursor::Show);
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// Restores the terminal on drop, so an early return or `?` still leaves a usable shell.
pub struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// The run loop that ends itself on a terminating signal (to save what is queued first), and how
/// long the signal thread gives it: set by [`hand_signals_to`], cleared by [`ui_ended`].
static HANDOFF: Mutex<Option<(Sender<super::event::Event>, Duration)>> = Mutex::new(None);
/// The terminating signal that arrived while a run loop had it (0: none).
static SIGNALLED: AtomicI32 = AtomicI32::new(0);
/// Set once the run loop that had the signals is over (what it had to save is saved).
static UI_ENDED: AtomicBool = AtomicBool::new(false);

/// From now on a terminating signal is sent to the run loop as [`super::event::Event::Terminate`]
/// and the process exits only after it, or after `grace` if the loop does not end by then.
pub(crate) fn hand_signals_to(tx: Sender<super::event::Event>, grace: Duration) {
    UI_ENDED.store(false, Ordering::SeqCst);
    if let Ok(mut h) = HANDOFF.lock() {
        *h = Some((tx, grace));
    }
}

/// The run loop is over: returns the terminating signal it was ended by, if any (the caller
/// then exits with 128 + it, as the signal would have).
pub(crate) fn ui_ended() -> Option<i32> {
    if let Ok(mut h) = HANDOFF.lock() {
        *h = None;
    }
    UI_ENDED.store(true, Ordering::SeqCst);
    Some(SIGNALLED.load(Ordering::SeqCst)).filter(|s| *s != 0)
}

/// Restores the terminal and exits when the process is told to stop (SIGTERM, SIGHUP, SIGINT,
/// SIGQUIT from `kill` or a closing SSH session), instead of dying with the terminal left raw.
/// While a run loop has the signals ([`hand_signals_to`]), it is told first and given its grace
/// to save the queued notes and end; a second signal, or the grace running out, exits at once.
pub fn restore_on_signals() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        #[cfg(unix)]
        {
            use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
            if let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT]) {
                std::thread::spawn(move || {
                    loop {
                        let Some(sig) = signals.wait().next() else { continue };
                        let handoff = HANDOFF.lock().ok().and_then(|h| h.clone());
                        if let Some((tx, grace)) = handoff
                            && SIGNALLED.swap(sig, Ordering::SeqCst) == 0
                            && tx.send(super::event::Event::Terminate).is_ok()
                        {
                            let end = Instant::now() + grace;
                            while !UI_ENDED.load(Ordering::SeqCst) && Instant::now() < end {
                                if signals.pending().next().is_some() {
                                    break;
                                }
                                std::thread::sleep(Duration::from_millis(20));
                            }
                            if UI_ENDED.load(Ordering::SeqCst) {
                                // The UI saved what it had and exits with this signal's status.
                                continue;
                            }
                        }
                        restore();
                        std::process::exit(128 + sig);
                    }
                });
            }
        }
    });
}

fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}

/// Ctrl-Z or an outside SIGTSTP: gives the terminal back (alternate screen, mouse mode, raw
/// mode), stops the process, and takes the terminal again on `fg`. The caller redraws
/// everything afterwards.
pub fn suspend(mouse: bool) -> io::Result<()> {
    restore();
    #[cfg(unix)]
    // SAFETY: stopping our own process is what the shell's job control expects; the call has
    // no memory effects. SIGSTOP, because SIGTSTP is caught (to get here) and would not stop.
    unsafe {
        libc::raise(libc::SIGSTOP);
    }
    enter(mouse)
}

/// Takes the terminal back after the process was continued, unless it already has it.
pub fn resume(mouse: bool) -> io::Result<()> {
    if ACTIVE.load(Ordering::SeqCst) { Ok(()) } else { enter(mouse) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_probes_answers_are_read_as_the_terminal_meant_them() {
        // xterm: mode 69 known and reset, REP works.
        let xterm = parse_answers(b"\x1b[?69;2$y\x1b[1;4R\x1b[?64;1;2;6;9;15;18;21;22c");
        assert_eq!(xterm, Caps { margins: true, rep: true });
        // tmux 3.3a: no DECRQM answer; REP of an ASCII character works.
        assert_eq!(parse_answers(b"\x1b[1;4R\x1b[?1;2c"), Caps { margins: false, rep: true });
        // A terminal that knows neither: mode 69 not recognised, the cursor one column on.
        assert_eq!(parse_answers(b"\x1b[?69;0$y\x1b[1;2R\x1b[?62c"), Caps::default());
        assert!(ends_with_device_attributes(b"\x1b[1;2R\x1b[?62;22c"));
        assert!(!ends_with_device_attributes(b"\x1b[?69;2$y"));
        assert!(!ends_with_device_attributes(b"\x1b[?62;2"));
    }
}
