//! The one event channel of the UI: terminal input (from its own thread), background job reports
//! ([`super::job`]), timers and job-control signals all arrive here, and the run loop takes them
//! in order: receive → update → draw when something changed.

use super::job::Report;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

/// Something for the UI to handle.
#[derive(Debug)]
pub(crate) enum Event {
    /// A key, mouse gesture, paste or resize from the terminal.
    Input(crossterm::event::Event),
    /// Reading the terminal failed (it is gone): the UI ends.
    InputFailed(String),
    /// A background job reported.
    Job(Report),
    /// A timer set with [`after`] ran out.
    Tick,
    /// SIGTSTP from outside (`kill -TSTP`): suspend as Ctrl-Z does.
    Stop,
    /// SIGCONT: the process was continued; take the terminal back and redraw.
    Continue,
    /// SIGTERM, SIGHUP, SIGINT or SIGQUIT (`kill`, a closed SSH session): end as quitting does,
    /// saving the queued notes first ([`super::terminal::hand_signals_to`]).
    Terminate,
}

/// A new event channel.
pub(crate) fn channel_pair() -> (Sender<Event>, Receiver<Event>) {
    channel()
}

/// Reads the terminal on its own thread, sending every event until the channel closes.
pub(crate) fn spawn_input(tx: Sender<Event>) {
    std::thread::spawn(move || {
        loop {
            let e = match crossterm::event::read() {
                Ok(e) => Event::Input(e),
                // A signal (SIGTSTP, SIGCONT, SIGWINCH) interrupted the wait: read on.
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    let _ = tx.send(Event::InputFailed(e.to_string()));
                    return;
                }
            };
            if tx.send(e).is_err() {
                return;
            }
        }
    });
}

/// Sends [`Event::Tick`] once, after `delay`.
pub(crate) fn after(tx: &Sender<Event>, delay: Duration) {
    let tx = tx.clone();
    std::thread::spawn(move || {
        std::thread::sleep(delay);
        let _ = tx.send(Event::Tick);
    });
}

/// Turns SIGTSTP and SIGCONT into [`Event::Stop`] and [`Event::Continue`], so an external
/// `kill -TSTP` gives the terminal back like Ctrl-Z, and `fg` (or `kill -CONT`) redraws.
pub(crate) fn spawn_signals(tx: Sender<Event>) {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGCONT, SIGTSTP};
        if let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTSTP, SIGCONT]) {
            std::thread::spawn(move || {
                for sig in signals.forever() {
                    let e = if sig == SIGTSTP { Event::Stop } else { Event::Continue };
                    if tx.send(e).is_err() {
                        return;
                    }
                }
            });
        }
    }
    #[cfg(not(unix))]
    let _ = tx;
}
