//! The real terminal: raw mode, alternate screen, mouse capture, bracketed paste, and getting all
//! of it back on quit, error, panic and Ctrl-Z.

use crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture};
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use crossterm::{cursor, execute};
use std::io::{self, Write};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether the terminal is currently in UI mode (so the panic hook knows to restore it).
static ACTIVE: AtomicBool = AtomicBool::new(false);

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
    Ok(())
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

/// Restores the terminal and exits when the process is told to stop (SIGTERM, SIGHUP, SIGINT,
/// SIGQUIT from `kill` or a closing SSH session), instead of dying with the terminal left raw.
pub fn restore_on_signals() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        #[cfg(unix)]
        {
            use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
            if let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT]) {
                std::thread::spawn(move || {
                    if let Some(sig) = signals.forever().next() {
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
