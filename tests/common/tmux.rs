//! The one tmux driver of the end-to-end tests: a private server per test (its own `tmux -L`
//! socket), keys and text typed into its pane, the screen read back, and waits for a condition
//! on screen with a generous deadline (the suite runs on 2 shared cores under load: a slow
//! machine must never fail a test, so nothing sleeps and then reads once). The server is killed
//! and its socket removed when the driver is dropped, also when the test panics.

use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// How long any wait may take before the test fails with the screen.
pub const DEADLINE: Duration = Duration::from_secs(60);

/// True when tmux runs. Without it a notice naming `what` is printed and the caller returns
/// (the test is skipped, visibly), except under `CI=true`, where this fails the test.
pub fn present(what: &str) -> bool {
    if Command::new("tmux").arg("-V").output().is_ok_and(|o| o.status.success()) {
        return true;
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "tmux is not installed, and CI=true: {what} cannot be skipped"
    );
    eprintln!("NOTICE: tmux is not installed; SKIPPING {what} (install tmux to run it)");
    false
}

/// A private tmux server with one session `s`.
pub struct Tmux {
    socket: String,
    /// The server's socket file, removed when done.
    socket_path: String,
}

impl Tmux {
    /// A server on a socket of its own (named after `name`, the process and a counter, so tests
    /// running at once never share one) with a `w`x`h` window running `command`, the status
    /// line off.
    pub fn start(name: &str, w: u16, h: u16, command: &str) -> Tmux {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let socket = format!("strata-{name}-{}-{n}", std::process::id());
        let mut t = Tmux { socket, socket_path: String::new() };
        let (w, h) = (w.to_string(), h.to_string());
        let out = t.run(&["-f", "/dev/null", "new-session", "-d", "-s", "s", "-x", &w, "-y", &h, command]);
        assert!(out.status.success(), "tmux new-session: {}", String::from_utf8_lossy(&out.stderr));
        t.socket_path = t.info("#{socket_path}");
        t.set("status", "off");
        t
    }

    /// A server whose window runs a bare shell (`bash --norc`, prompt `prompt$ `, an empty
    /// environment but PATH, HOME=/nonexistent and TERM), once the prompt shows.
    pub fn shell(name: &str, w: u16, h: u16) -> Tmux {
        let t = Tmux::start(
            name,
            w,
            h,
            "env -i PATH=/usr/bin:/bin HOME=/nonexistent TERM=xterm-256color PS1='prompt$ ' bash --norc --noprofile",
        );
        t.wait("prompt$");
        t
    }

    /// Runs a tmux command on this server.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux").arg("-L").arg(&self.socket).args(args).output().expect("tmux runs")
    }

    /// Sets a global option (`set-clipboard on`).
    pub fn set(&self, option: &str, value: &str) {
        let o = self.run(&["set-option", "-g", option, value]);
        assert!(o.status.success(), "tmux set-option {option}: {}", String::from_utf8_lossy(&o.stderr));
    }

    /// Sends keys by tmux's names (`j`, `Enter`, `C-s`), a moment apart as typed.
    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.run(&["send-keys", "-t", "s", k]);
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Types text literally.
    pub fn text(&self, text: &str) {
        self.run(&["send-keys", "-t", "s", "-l", text]);
    }

    /// Types a line and Enter (a shell command).
    pub fn type_line(&self, text: &str) {
        self.text(text);
        self.run(&["send-keys", "-t", "s", "Enter"]);
    }

    /// The pane's text.
    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "s"]).stdout).into_owned()
    }

    /// The pane's text with its escape sequences (colours, attributes).
    pub fn styled_screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-e", "-t", "s"]).stdout).into_owned()
    }

    /// A tmux format expanded for the pane (`#{alternate_on}`).
    pub fn info(&self, fmt: &str) -> String {
        String::from_utf8_lossy(&self.run(&["display", "-p", "-t", "s", fmt]).stdout).trim().to_string()
    }

    /// The paste buffer, once a program's OSC 52 copy (or anything) has filled it.
    pub fn buffer(&self) -> Option<String> {
        let b = self.run(&["show-buffer"]);
        (b.status.success() && !b.stdout.is_empty()).then(|| String::from_utf8_lossy(&b.stdout).into_owned())
    }

    /// Polls `get` until it gives a value; fails naming `what` (and showing the screen) after
    /// [`DEADLINE`].
    pub fn poll<T>(&self, what: &str, mut get: impl FnMut() -> Option<T>) -> T {
        let end = Instant::now() + DEADLINE;
        loop {
            if let Some(v) = get() {
                return v;
            }
            assert!(
                Instant::now() < end,
                "{what}: not so after {} s; the screen:\n{}",
                DEADLINE.as_secs(),
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until `ok` holds for the screen and returns that screen.
    pub fn until(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        self.poll(what, || Some(self.screen()).filter(|s| ok(s)))
    }

    /// Waits until the screen shows `needle`.
    pub fn wait(&self, needle: &str) -> String {
        self.until(&format!("{needle:?} on screen"), |s| s.contains(needle))
    }

    /// Waits until the screen no longer shows `needle`.
    pub fn gone(&self, needle: &str) -> String {
        self.until(&format!("{needle:?} gone from the screen"), |s| !s.contains(needle))
    }

    /// Checks the shell of [`Tmux::shell`] is back: normal screen, no mouse capture, and a
    /// command runs. The shell counts as back once nothing runs under it and its last line is a
    /// bare prompt: the prompt its command was typed at stays on screen above, and a line typed
    /// while the program (or a test harness around it) still runs would be the program's input.
    pub fn assert_shell_usable(&self) {
        self.poll("the program ended and the shell's prompt back", || {
            (at_prompt(&self.screen()) && self.child().is_none()).then_some(())
        });
        assert_eq!(self.info("#{alternate_on}"), "0", "alternate screen left on");
        assert_eq!(self.info("#{mouse_any_flag}"), "0", "mouse capture left on");
        self.type_line("clear; echo ok-$((1+1))");
        self.wait("ok-2");
    }

    /// Waits until the shell of [`Tmux::shell`] shows a fresh prompt (see [`at_prompt`]).
    pub fn wait_prompt(&self) -> String {
        self.until("a fresh prompt on the last line", at_prompt)
    }

    /// The process id of the program the pane's shell runs.
    pub fn child_pid(&self) -> i32 {
        self.child().expect("a program runs under the shell")
    }

    /// The process id of a program the pane's shell runs, if one does (found in /proc, so no
    /// procps is needed).
    fn child(&self) -> Option<i32> {
        let shell: i32 = self.info("#{pane_pid}").parse().unwrap();
        std::fs::read_dir("/proc").unwrap().filter_map(|e| e.ok()?.file_name().to_str()?.parse::<i32>().ok()).find(
            |pid| {
                let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
                // Fields after the parenthesised command: state, ppid, ...
                let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
                rest.split_whitespace().nth(1).and_then(|p| p.parse::<i32>().ok()) == Some(shell)
            },
        )
    }
}

/// Whether the screen's last line that is not blank is a bare prompt of [`Tmux::shell`], nothing
/// typed after it.
fn at_prompt(screen: &str) -> bool {
    screen.lines().rev().find(|l| !l.trim().is_empty()).is_some_and(|l| l.trim_end() == "prompt$")
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
        if !self.socket_path.is_empty() {
            let _ = std::fs::remove_file(&self.socket_path);
        }
    }
}
