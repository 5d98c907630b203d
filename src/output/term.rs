//! The one way strata writes to a terminal: every string bound for stdout or stderr passes
//! through here and is sanitised (see [`crate::text::sanitize::sanitize_layout`]) — document
//! text, file names and error messages alike. Newlines and tabs are strata's own layout and
//! pass; every other control character (ESC, C0, DEL, C1) is made visible, and invisible format
//! characters (bidi controls, soft hyphen, word joiner, tags) are dropped.
//!
//! [`Mode::Styled`] lets strata's own colour sequences (SGR, `ESC [ … m`) through and nothing
//! else; text put between them must be sanitised where it is formatted. [`Mode::Json`] is for
//! JSON made by [`super::json`], whose escapes keep text exact.
//!
//! Long output is better built with a [`Painter`]: it sanitises each piece of text once, as it is
//! appended, puts strata's colours around it, and gives a [`Safe`] string that [`write_safe`]
//! writes without scanning it again (`strata diff` writes megabytes this way).
//!
//! A closed pipe is an ordinary [`std::io::ErrorKind::BrokenPipe`] error here, never a panic:
//! the command line stops quietly on it (see [`is_closed_pipe`]).

use crate::text::sanitize::{first_unsafe, sanitize, sanitize_layout};
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
    write_bytes(stream, clean(s, mode).as_bytes())
}

/// Text that may be written to a terminal as it is: every piece of it was sanitised as it was
/// appended by a [`Painter`], and the rest is strata's own colours, spaces and newlines. There is
/// no other way to make one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Safe(String);

impl Safe {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The text as a `String`.
    pub fn into_string(self) -> String {
        self.0
    }
}

/// Builds [`Safe`] text: document text is sanitised as one line (control characters visible,
/// newlines and tabs too, invisible format characters dropped), coloured with strata's own SGR
/// sequences when colour is on; layout (newlines, spaces) is strata's own.
#[derive(Debug, Default)]
pub struct Painter {
    out: String,
    color: bool,
}

impl Painter {
    /// An empty text; `color` says whether SGR sequences are written.
    pub fn new(color: bool) -> Painter {
        Painter { out: String::new(), color }
    }

    /// An empty text with room for `bytes`.
    pub fn with_capacity(color: bool, bytes: usize) -> Painter {
        Painter { out: String::with_capacity(bytes), color }
    }

    /// True when colours are written.
    pub fn color(&self) -> bool {
        self.color
    }

    /// Appends `text`, sanitised, in the colour `sgr` (one of strata's constant SGR sequences,
    /// `""` for none) when colour is on.
    pub fn text(&mut self, sgr: &'static str, text: &str) {
        paint_into(&mut self.out, sgr, text, self.color);
    }

    /// Appends a newline.
    pub fn newline(&mut self) {
        self.out.push('\n');
    }

    /// Appends `n` spaces.
    pub fn spaces(&mut self, n: usize) {
        // Copied from a run of spaces, not pushed one character at a time (columns are padded
        // with them on every line of a side-by-side diff).
        const RUN: &str = "                                                                ";
        let mut left = n;
        while left > 0 {
            let k = left.min(RUN.len());
            self.out.push_str(&RUN[..k]);
            left -= k;
        }
    }

    /// Appends several texts, each sanitised, as one run in the colour `sgr` (see [`Self::text`]).
    pub fn run<'t>(&mut self, sgr: &'static str, texts: impl IntoIterator<Item = &'t str>) {
        self.run_checked(sgr, texts, true);
    }

    /// [`Self::run`] of texts whose every character is printable ASCII or a Cyrillic letter of
    /// U+0400..U+047F, as the diff renderer's wrapper finds while it measures them (its
    /// `Measured::clean`): sanitising leaves such text as it is, so it is not scanned again (a
    /// debug build checks).
    pub(crate) fn run_clean<'t>(&mut self, sgr: &'static str, texts: impl IntoIterator<Item = &'t str>) {
        self.run_checked(sgr, texts, false);
    }

    fn run_checked<'t>(&mut self, sgr: &'static str, texts: impl IntoIterator<Item = &'t str>, check: bool) {
        let color = self.color && !sgr.is_empty();
        if color {
            self.out.push_str(sgr);
        }
        // Sanitising works character by character, so the run is checked once as a whole (a
        // wrapped line's words are many short texts) and rewritten only when it needs it.
        let start = self.out.len();
        for t in texts {
            self.out.push_str(t);
        }
        if check && first_unsafe(&self.out[start..], false).is_some() {
            let raw = self.out.split_off(start);
            self.out.push_str(&sanitize(&raw));
        }
        debug_assert!(
            check || first_unsafe(&self.out[start..], false).is_none(),
            "not clean: {:?}",
            &self.out[start..]
        );
        if color {
            self.out.push_str("\x1b[0m");
        }
    }

    /// Bytes built so far (since the last [`Self::flush_into`]).
    pub fn len(&self) -> usize {
        self.out.len()
    }

    /// True when nothing was built since the last [`Self::flush_into`].
    pub fn is_empty(&self) -> bool {
        self.out.is_empty()
    }

    /// Writes the text built so far to `w` and empties the painter, keeping its room: output
    /// written as it is made.
    pub fn flush_into(&mut self, w: &mut dyn io::Write) -> io::Result<()> {
        w.write_all(self.out.as_bytes())?;
        self.out.clear();
        Ok(())
    }

    /// The text built.
    pub fn finish(self) -> Safe {
        Safe(self.out)
    }
}

/// Appends `text` to `out` sanitised as one line, between `sgr` (one of strata's constant SGR
/// sequences; `""` for none) and a reset when `color` is set: what [`Painter::text`] does, for
/// code that builds a plain `String` to pass through [`write`].
pub fn paint_into(out: &mut String, sgr: &'static str, text: &str, color: bool) {
    debug_assert!(sgr.is_empty() || sanitize_layout(sgr, true) == sgr, "not an SGR sequence: {sgr:?}");
    let text = sanitize(text);
    if color && !sgr.is_empty() {
        out.reserve(sgr.len() + text.len() + 4);
        out.push_str(sgr);
        out.push_str(&text);
        out.push_str("\x1b[0m");
    } else {
        out.push_str(&text);
    }
}

/// JSON made by [`super::json`], whose escapes already left nothing unsafe in it.
pub(super) fn escaped_json(json: String) -> Safe {
    debug_assert!(crate::text::sanitize::is_clean(&json, true));
    Safe(json)
}

/// Writes text built by a [`Painter`] whole, then flushes; it is not scanned again.
pub fn write_safe(stream: Stream, s: &Safe) -> io::Result<()> {
    write_bytes(stream, s.0.as_bytes())
}

fn write_bytes(stream: Stream, bytes: &[u8]) -> io::Result<()> {
    match stream {
        Stream::Stdout => {
            let mut lock = io::stdout().lock();
            lock.write_all(bytes)?;
            lock.flush()
        }
        Stream::Stderr => {
            let mut lock = io::stderr().lock();
            lock.write_all(bytes)?;
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

    #[test]
    fn a_painter_sanitises_every_piece_once_and_colours_only_its_own() {
        let mut p = Painter::new(true);
        p.text("\x1b[31m", "red\x1b[2J\nline\u{202e}");
        p.spaces(2);
        p.text("", "\x1b[32mplain\t");
        p.newline();
        let s = p.finish();
        assert_eq!(s.as_str(), "\x1b[31mred␛[2J␊line\x1b[0m  ␛[32mplain \n");
        assert_eq!(clean(s.as_str(), Mode::Styled), s.as_str());
        let mut plain = Painter::new(false);
        plain.text("\x1b[31m", "x\u{7}");
        assert_eq!(plain.finish().into_string(), "x␇");
    }

    #[test]
    fn a_run_is_sanitised_as_its_pieces_would_be_one_by_one() {
        let pieces = ["Доля ", "\x1b[2J", " ok\u{202e}", "\n", "конец"];
        for color in [false, true] {
            let mut p = Painter::new(color);
            p.run("\x1b[32m", pieces);
            p.run("\x1b[31m", ["чисто", " ", "да"]);
            let mut want = Painter::new(color);
            want.text("\x1b[32m", &pieces.concat());
            want.text("\x1b[31m", "чисто да");
            assert_eq!(p.finish(), want.finish());
        }
    }
}
