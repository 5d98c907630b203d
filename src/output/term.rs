//! The one way strata writes to a terminal: every string bound for stdout or stderr passes
//! through here and is sanitised (see [`crate::text::sanitize::sanitize_layout`]) — document
//! text, file names and error messages alike. Newlines and tabs are strata's own layout and
//! pass; every other control character (ESC, C0, DEL, C1) is made visible, and invisible format
//! characters (bidi controls, soft hyphen, word joiner, tags) are dropped.
//!
//! [`Mode::Styled`] lets strata's own colour sequences (SGR, `ESC [ … m`) through and nothing
//! else; text put between them must be sanitised where it is formatted (as
//! [`crate::compare::render`] does). [`Mode::Json`] is for JSON made by [`super::json`], whose
//! escapes keep text exact.
//!
//! A closed pipe is an ordinary [`std::io::ErrorKind::BrokenPipe`] error here, never a panic:
//! the command line stops quietly on it (see [`is_closed_pipe`]).

use crate::text::sanitize::sanitize_layout;
use std::io::{self, Write};

/// Where output goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    /// Standard output.
    Stdout,
    /// Standard error.
    Stderr,
}

/// How a string is made safe before it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Plain text: no escape sequence passes.
    Text,
    /// Text coloured by strata: SGR colour sequences pass, nothing else.
    Styled,
    /// JSON from [`super::json`]: already all ASCII-safe; checked like text.
    Json,
}

/// The string as it may be written to a terminal in `mode`.
pub fn clean(s: &str, mode: Mode) -> std::borrow::Cow<'_, str> {
    sanitize_layout(s, mode == Mode::Styled)
}

/// Sanitises `s` and writes it whole, then flushes.
pub fn write(stream: Stream, s: &str, mode: Mode) -> io::Result<()> {
    let s = clean(s, mode);
    match stream {
        Stream::Stdout => {
            let mut lock = io::stdout().lock();
            lock.write_all(s.as_bytes())?;
            lock.flush()
        }
        Stream::Stderr => {
            let mut lock = io::stderr().lock();
            lock.write_all(s.as_bytes())?;
            lock.flush()
        }
    }
}

/// Writes plain text to stdout.
pub fn out(s: &str) -> io::Result<()> {
    write(Stream::Stdout, s, Mode::Text)
}

/// Writes text coloured by strata to stdout.
pub fn out_styled(s: &str) -> io::Result<()> {
    write(Stream::Stdout, s, Mode::Styled)
}

/// Writes JSON made by [`super::json`] to stdout.
pub fn out_json(s: &str) -> io::Result<()> {
    write(Stream::Stdout, s, Mode::Json)
}

/// Writes a message to stderr. A closed or failing stderr is ignored: there is nowhere left to
/// report it.
pub fn err(s: &str) {
    let _ = write(Stream::Stderr, s, Mode::Text);
}

/// Shows a one-line progress message on stderr, replacing the previous one (`\r`, erase line).
/// Call only when stderr is a terminal.
pub fn progress(s: &str) {
    let line = clean(s, Mode::Text).replace(['\n', '\t'], " ");
    let mut lock = io::stderr().lock();
    let _ = lock.write_all(format!("\r{line}\x1b[K").as_bytes()).and_then(|_| lock.flush());
}

/// Erases the progress line.
pub fn progress_done() {
    let mut lock = io::stderr().lock();
    let _ = lock.write_all(b"\r\x1b[K").and_then(|_| lock.flush());
}

/// True when `e` (or an error it wraps) is a write to a closed pipe: the reader went away
/// (`strata ... | head -1`), so the command stops quietly.
pub fn is_closed_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| c.downcast_ref::<io::Error>().is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes() {
        let s = "x\u{1b}]2;owned\u{7}\u{1b}[31my\u{1b}[0m\n";
        assert_eq!(clean(s, Mode::Text), "x␛]2;owned␇␛[31my␛[0m\n");
        assert_eq!(clean(s, Mode::Json), "x␛]2;owned␇␛[31my␛[0m\n");
        assert_eq!(clean(s, Mode::Styled), "x␛]2;owned␇\u{1b}[31my\u{1b}[0m\n");
        let broken = anyhow::Error::new(io::Error::from(io::ErrorKind::BrokenPipe)).context("writing");
        assert!(is_closed_pipe(&broken));
        assert!(!is_closed_pipe(&anyhow::anyhow!("other")));
    }
}
