//! The bytes an SSH link carries: strata against `less` on the same text, both in a real terminal
//! (a private tmux server at 80x24), every byte the program writes captured with tmux's
//! `pipe-pane`.
//!
//! For the first frame, for 60 one-line scrolls of the content pane maximised (`z`), and for 60
//! in the split view (section tree beside the content), it prints strata's bytes, `less`'s bytes
//! on the section's plain text (`strata show --section`), and the ratio. The section is the one
//! with the most text in the first document, leaving out the projects and indicators tables
//! (there `j` moves a row cursor instead of scrolling).
//!
//! Each phase is captured into its own file: the pipe is opened while the program waits for a
//! key and closed only once the screen shows the phase's end, and the count is read after the
//! capturing process has exited, so no byte is missed or counted twice. Nothing is timed.
//!
//! Run: `cargo bench --bench ssh_bytes` (`cargo test --bench ssh_bytes` for a debug build;
//! `STRATA_BENCH_DOC=file.json` measures another document). Needs tmux and less.

#[path = "../tests/tools/mod.rs"]
mod tools;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const W: u16 = 80;
const H: u16 = 24;
const SCROLLS: usize = 60;
const DEADLINE: Duration = Duration::from_secs(120);

/// One program in its own tmux server.
struct Pane {
    socket: String,
    dir: PathBuf,
    phase: usize,
}

impl Pane {
    /// Starts `cmd` at 80x24, held until [`Pane::go`] so that the first byte is captured.
    fn start(name: &str, dir: &Path, cmd: &str) -> Pane {
        let socket = format!("strata-ssh-bytes-{}-{name}", std::process::id());
        let held = format!("stty -echo; read go; exec {cmd}");
        let p = Pane { socket, dir: dir.to_path_buf(), phase: 0 };
        let size = (W.to_string(), H.to_string());
        p.tmux(&["-f", "/dev/null", "new-session", "-d", "-x", &size.0, "-y", &size.1, "sh", "-c", &held]);
        p
    }

    fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux").arg("-L").arg(&self.socket).args(args).output().expect("running tmux");
        assert!(out.status.success(), "tmux {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p"])
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys"];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    /// Waits until the screen satisfies `ok`; panics with the screen after [`DEADLINE`].
    fn wait(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let end = Instant::now() + DEADLINE;
        loop {
            let s = self.screen();
            if ok(&s) {
                return s;
            }
            assert!(Instant::now() < end, "{}: waited {DEADLINE:?} for {what}; the screen:\n{s}", self.socket);
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Captures everything the program writes while `f` runs; returns the byte count.
    fn capture(&mut self, f: impl FnOnce(&Pane)) -> usize {
        self.phase += 1;
        let file = self.dir.join(format!("{}-{}.bytes", self.socket, self.phase));
        let done = file.with_extension("done");
        let cmd = format!("cat > '{}'; touch '{}'", file.display(), done.display());
        self.tmux(&["pipe-pane", "-O", &cmd]);
        f(self);
        self.tmux(&["pipe-pane"]);
        let end = Instant::now() + DEADLINE;
        while !done.exists() {
            assert!(Instant::now() < end, "the capture of {} did not finish", file.display());
            std::thread::sleep(Duration::from_millis(10));
        }
        std::fs::metadata(&file).expect("capture file").len() as usize
    }

    /// Presses `j` `n` times, each time waiting until the screen has changed.
    fn scroll(&self, n: usize) {
        let mut before = self.screen();
        for i in 0..n {
            self.keys(&["j"]);
            before = self.wait(&format!("scroll {}", i + 1), |s| s != before);
        }
    }
}

impl Drop for Pane {
    fn drop(&mut self) {
        let _ = Command::new("tmux").arg("-L").arg(&self.socket).arg("kill-server").output();
    }
}

fn quote(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', r"'\''"))
}

/// The section with the most text that the content pane shows as text.
fn longest_section(doc: &Path) -> String {
    let json = std::fs::read_to_string(doc).expect("reading the document");
    let d = strata::load::parse(&doc.display().to_string(), &json).expect("a strategy document");
    d.walk()
        .filter(|(_, s)| !s.key.starts_with("projects.") && !s.key.starts_with("indicators."))
        .max_by_key(|(_, s)| s.text().len())
        .map(|(_, s)| s.key.clone())
        .expect("the document has sections")
}

/// The first words of a text line, as they show on screen (to wait for).
fn first_words(text: &str) -> String {
    let line = text.lines().map(str::trim).find(|l| l.chars().count() > 12).expect("a line of text");
    line.chars().take(12).collect()
}

struct Figures {
    first: usize,
    max_scroll: usize,
    split_scroll: usize,
}

fn strata(bin: &Path, doc: &Path, key: &str, dir: &Path, title: &str) -> Figures {
    let run = |maximise: bool, name: &str| -> (usize, usize) {
        let cmd = format!("env LANG=ru_RU.UTF-8 {} --no-mouse --color always {}", quote(bin), quote(doc));
        let mut p = Pane::start(name, dir, &cmd);
        let first = p.capture(|p| {
            p.keys(&["Enter"]);
            p.wait("the documents", |s| s.contains(title));
        });
        p.keys(&[":"]);
        p.keys(&["-l", key]);
        // A hit: a row naming the key beside the title, not the query line.
        let query = format!(": {key}");
        p.wait("the palette's hit", |s| s.lines().any(|l| l.contains(key) && !l.contains(&query)));
        p.keys(&["Enter"]);
        let status = format!("({key})");
        p.wait("the section", |s| s.lines().last().is_some_and(|l| l.contains(&status)));
        if maximise {
            let before = p.screen();
            p.keys(&["z"]);
            p.wait("the maximised pane", |s| s != before);
        }
        (first, p.capture(|p| p.scroll(SCROLLS)))
    };
    let (first, max_scroll) = run(true, "max");
    let (_, split_scroll) = run(false, "split");
    Figures { first, max_scroll, split_scroll }
}

fn less(text: &Path, dir: &Path, first_line: &str) -> Figures {
    let cmd = format!("env LESS= LESSHISTFILE=- LESSCHARSET=utf-8 less {}", quote(text));
    let mut p = Pane::start("less", dir, &cmd);
    let first = p.capture(|p| {
        p.keys(&["Enter"]);
        p.wait("the text", |s| s.contains(first_line));
    });
    let scroll = p.capture(|p| p.scroll(SCROLLS));
    Figures { first, max_scroll: scroll, split_scroll: scroll }
}

fn main() {
    if !tools::require("tmux") || !tools::require("less") {
        return;
    }
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_strata"));
    let doc = std::env::var_os("STRATA_BENCH_DOC")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/ivanovo.json"));
    let dir = tempfile::tempdir().expect("a temporary folder");
    let key = longest_section(&doc);
    let shown = Command::new(&bin).arg("show").arg(&doc).arg("--section").arg(&key).output().expect("strata show");
    assert!(shown.status.success(), "strata show: {}", String::from_utf8_lossy(&shown.stderr));
    let text = String::from_utf8(shown.stdout).expect("UTF-8 text");
    let file = dir.path().join("section.txt");
    std::fs::write(&file, &text).expect("writing the section text");
    let json = std::fs::read_to_string(&doc).unwrap();
    let d = strata::load::parse("doc", &json).unwrap();
    // The documents pane shows the region's name once loaded.
    let title: String = d.meta.region.name.chars().take(12).collect();
    let lines = text.lines().count();

    let s = strata(&bin, &doc, &key, dir.path(), &title);
    let l = less(&file, dir.path(), &first_words(&text));
    println!(
        "ssh_bytes: {} section `{key}` ({lines} lines of text), {W}x{H}, tmux pipe-pane, {SCROLLS} one-line scrolls",
        doc.display()
    );
    let row = |what: &str, s: usize, l: usize| {
        println!("  {what:<34} strata {s:>6} B   less {l:>6} B   ratio {:.2}x", s as f64 / l as f64);
    };
    row("first frame", s.first, l.first);
    row("scrolls, content pane maximised", s.max_scroll, l.max_scroll);
    row("scrolls, split view", s.split_scroll, l.split_scroll);
    println!(
        "  per scroll: strata {:.0} B maximised, {:.0} B split; less {:.0} B",
        s.max_scroll as f64 / SCROLLS as f64,
        s.split_scroll as f64 / SCROLLS as f64,
        l.max_scroll as f64 / SCROLLS as f64
    );
}
