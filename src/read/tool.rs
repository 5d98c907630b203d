//! Running external tools (pdftotext, pdftoppm, tesseract, antiword, catdoc) with a timeout.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{ChildStdout, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Finds `name` on `PATH`.
pub fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|d| d.join(name)).find(|p| is_executable(p))
}

fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// What a finished tool printed.
#[derive(Debug)]
pub struct Output {
    /// Exit code (`None` when killed by a signal).
    pub code: Option<i32>,
    /// Standard output.
    pub stdout: Vec<u8>,
    /// Standard error, lossily decoded.
    pub stderr: String,
}

/// Why a tool gave no output.
#[derive(Debug)]
pub enum ToolError {
    /// It could not be started.
    Spawn(std::io::Error),
    /// It ran longer than the timeout and was killed.
    Timeout(Duration),
}

impl std::fmt::Display for ToolError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ToolError::Spawn(e) => {
                f.write_str(&crate::i18n::trf(crate::i18n::Msg::ToolSpawn, &[&crate::i18n::os_error(e)]))
            }
            ToolError::Timeout(d) => f.write_str(&crate::i18n::trf(crate::i18n::Msg::ToolTimeout, &[&d.as_secs()])),
        }
    }
}

/// The first line of a tool's stderr that says something, for an error message («no message»
/// in the interface language when it said nothing).
pub fn first_line(stderr: &str) -> String {
    stderr
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or(crate::i18n::tr(crate::i18n::Msg::ToolNoMessage))
        .to_string()
}

/// Runs `cmd` with stdin closed, collecting stdout and stderr; kills it after `timeout`.
pub fn run(cmd: Command, timeout: Duration) -> Result<Output, ToolError> {
    let (mut out, stdout) = run_reading(cmd, timeout, |o| {
        let mut v = Vec::new();
        let _ = o.read_to_end(&mut v);
        v
    })?;
    out.stdout = stdout;
    Ok(out)
}

/// Runs `cmd` as [`run`] does, but hands its stdout to `consume` while it runs (on a thread of
/// its own, so the output is used as it comes: a long output is never held whole). What
/// `consume` leaves unread is read and dropped, so the tool never blocks on a full pipe. The
/// returned [`Output`] has no stdout. The wait ends when the tool's pipes close and it exits,
/// without polling; it is killed after `timeout`.
pub fn run_reading<T: Send>(
    mut cmd: Command,
    timeout: Duration,
    consume: impl FnOnce(&mut ChildStdout) -> T + Send,
) -> Result<(Output, T), ToolError> {
    cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().map_err(ToolError::Spawn)?;
    let mut out = child.stdout.take().expect("piped stdout");
    let mut err = child.stderr.take().expect("piped stderr");
    let start = Instant::now();
    let (done, closed) = mpsc::channel::<()>();
    std::thread::scope(|s| {
        let d = done.clone();
        let out_thread = s.spawn(move || {
            let v = consume(&mut out);
            let _ = std::io::copy(&mut out, &mut std::io::sink());
            let _ = d.send(());
            v
        });
        let err_thread = s.spawn(move || {
            let mut v = Vec::new();
            let _ = err.read_to_end(&mut v);
            let _ = done.send(());
            v
        });
        // Both pipes close when the tool exits (or closes them); then it is reaped. A tool that
        // keeps running past its closed pipes is polled until the timeout.
        let left = || timeout.saturating_sub(start.elapsed());
        for _ in 0..2 {
            if closed.recv_timeout(left()).is_err() {
                break;
            }
        }
        let mut nap = Duration::from_millis(1);
        let status = loop {
            match child.try_wait() {
                Ok(Some(s)) => break Some(s),
                Ok(None) if left().is_zero() => {
                    let _ = child.kill();
                    let _ = child.wait();
                    break None;
                }
                Ok(None) => {
                    std::thread::sleep(nap.min(left()));
                    nap = (nap * 2).min(Duration::from_millis(50));
                }
                Err(_) => break None,
            }
        };
        let value = out_thread.join().expect("the stdout reader does not panic");
        let stderr = String::from_utf8_lossy(&err_thread.join().unwrap_or_default()).into_owned();
        match status {
            Some(s) => Ok((Output { code: s.code(), stdout: Vec::new(), stderr }, value)),
            None => Err(ToolError::Timeout(timeout)),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_output_and_stops_a_tool_that_hangs() {
        let mut c = Command::new("sh");
        c.args(["-c", "printf 'да'; printf 'нет' >&2; exit 3"]);
        let o = run(c, Duration::from_secs(30)).unwrap();
        assert_eq!((o.code, o.stdout.as_slice(), o.stderr.as_str()), (Some(3), "да".as_bytes(), "нет"));
        let mut c = Command::new("sleep");
        c.arg("30");
        assert!(matches!(run(c, Duration::from_millis(200)), Err(ToolError::Timeout(_))));
        assert!(matches!(run(Command::new("/nonexistent/tool"), Duration::from_secs(1)), Err(ToolError::Spawn(_))));
    }

    #[test]
    fn finds_tools_on_path() {
        assert!(which("sh").is_some());
        assert!(which("no-such-tool-strata").is_none());
    }
}
