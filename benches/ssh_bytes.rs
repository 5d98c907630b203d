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
//! tmux has no left/right margins (DECSLRM), so there the split view's pane cannot be scrolled
//! by the terminal. The same phases run again in xterm (which has them, and says so when strata
//! asks), on a virtual X display (Xvfb): keys typed with xdotool, every byte the program writes
//! logged by script(1), the screen read through xterm's own print-immediate dump. script logs
//! after the terminal has the bytes, so a phase's count is read once the log stops growing. The
//! final screens of the split-view phase in tmux and in xterm must be the same text.
//!
//! Run: `cargo bench --bench ssh_bytes` (`cargo test --bench ssh_bytes` for a debug build;
//! `STRATA_BENCH_DOC=file.json` measures another document). Needs tmux and less; the xterm phase
//! needs xterm, Xvfb, xdotool and script (util-linux) and is skipped with a notice without them.

#[path = "../tests/tools/mod.rs"]
mod tools;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const W: u16 = 80;
const H: u16 = 24;
const SCROLLS: usize = 60;
const DEADLINE: Duration = Duration::from_secs(120);

/// A terminal running one program, whose screen can be read and whose output can be counted.
trait Term {
    /// Types keys, named as tmux's `send-keys` names them (`Enter`, a single character, or
    /// `-l` and literal text).
    fn keys(&self, keys: &[&str]);
    /// The screen's text.
    fn screen(&self) -> String;
    /// Counts everything the program writes while `f` runs.
    fn capture(&mut self, f: &dyn Fn(&dyn Term)) -> usize;
    fn name(&self) -> String;

    /// Waits until the screen satisfies `ok`; panics with the screen after [`DEADLINE`].
    fn wait(&self, what: &str, ok: &dyn Fn(&str) -> bool) -> String {
        let end = Instant::now() + DEADLINE;
        loop {
            let s = self.screen();
            if ok(&s) {
                return s;
            }
            assert!(Instant::now() < end, "{}: waited {DEADLINE:?} for {what}; the screen:\n{s}", self.name());
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Presses `j` `n` times, each time waiting until the screen has changed and then reads the
    /// same twice running: a frame the terminal has only partly shown yet would otherwise let
    /// the next key arrive while the program is still busy, and two keys merged into one frame
    /// would count fewer bytes.
    fn scroll(&self, n: usize) {
        let mut before = self.screen();
        for i in 0..n {
            self.keys(&["j"]);
            let mut shown = self.wait(&format!("scroll {}", i + 1), &|s| s != before);
            loop {
                let again = self.screen();
                if again == shown {
                    break;
                }
                shown = again;
            }
            before = shown;
        }
    }
}

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
}

impl Term for Pane {
    fn name(&self) -> String {
        self.socket.clone()
    }

    fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p"])
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys"];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    /// Captures everything the program writes while `f` runs; returns the byte count.
    fn capture(&mut self, f: &dyn Fn(&dyn Term)) -> usize {
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
}

impl Drop for Pane {
    fn drop(&mut self) {
        let _ = Command::new("tmux").arg("-L").arg(&self.socket).arg("kill-server").output();
    }
}

/// A virtual X display for xterm: Xvfb, started here and stopped on drop.
struct Display {
    name: String,
    server: std::process::Child,
}

impl Display {
    fn start() -> Display {
        let name = format!(":{}", 50 + std::process::id() % 400);
        let server = Command::new("Xvfb")
            .args([name.as_str(), "-screen", "0", "1024x768x24", "-nolisten", "tcp"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("starting Xvfb");
        let d = Display { name, server };
        let end = Instant::now() + DEADLINE;
        while !Command::new("xdotool")
            .arg("getdisplaygeometry")
            .env("DISPLAY", &d.name)
            .output()
            .is_ok_and(|o| o.status.success())
        {
            assert!(Instant::now() < end, "Xvfb {} did not start", d.name);
            std::thread::sleep(Duration::from_millis(20));
        }
        d
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        let _ = self.server.kill();
        let _ = self.server.wait();
    }
}

/// One program in an xterm on the virtual display, under script(1).
struct Xterm {
    name: String,
    display: String,
    window: String,
    log: PathBuf,
    /// Where xterm's print-immediate writes the screen (this prefix and a time stamp).
    dump: PathBuf,
    xterm: std::process::Child,
}

impl Xterm {
    /// Starts `cmd` in an 80x24 xterm, held until the first key so that the first byte is
    /// counted. F12 dumps the screen as text.
    fn start(display: &Display, name: &str, dir: &Path, cmd: &str) -> Xterm {
        let title = format!("strata-ssh-bytes-{}-{name}", std::process::id());
        let log = dir.join(format!("{title}.log"));
        let dump = dir.join(format!("{title}-screen"));
        let held = format!("stty -echo; read go; exec {cmd}");
        let xrm = [
            "XTerm*allowSendEvents: true".to_string(),
            format!("XTerm*printFileImmediate: {}", dump.display()),
            "XTerm*printAttributes: 0".to_string(),
            "XTerm*VT100.translations: #override <Key>F12: print-immediate()".to_string(),
        ];
        let mut c = Command::new("xterm");
        c.env("DISPLAY", &display.name).args(["-u8", "-geometry", &format!("{W}x{H}"), "-title", &title]);
        for r in &xrm {
            c.arg("-xrm").arg(r);
        }
        c.arg("-e").arg("script").arg("-qfc").arg(&held).arg(&log);
        let xterm = c.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn().expect("xterm");
        let end = Instant::now() + DEADLINE;
        let window = loop {
            let out = Command::new("xdotool").env("DISPLAY", &display.name).args(["search", "--name", &title]).output();
            if let Some(w) =
                out.ok().and_then(|o| String::from_utf8_lossy(&o.stdout).lines().next().map(str::to_string))
            {
                break w;
            }
            assert!(Instant::now() < end, "no xterm window {title}");
            std::thread::sleep(Duration::from_millis(20));
        };
        let x = Xterm { name: title, display: display.name.clone(), window, log, dump, xterm };
        // script has started the command once its log exists.
        while !x.log.exists() {
            assert!(Instant::now() < end, "script did not start in {}", x.name);
            std::thread::sleep(Duration::from_millis(20));
        }
        x
    }

    fn xdotool(&self, args: &[&str]) {
        let out = Command::new("xdotool")
            .env("DISPLAY", &self.display)
            .args(&args[..1])
            .args(["--window", &self.window])
            .args(&args[1..])
            .output()
            .expect("xdotool");
        assert!(out.status.success(), "xdotool {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }

    fn log_len(&self) -> usize {
        std::fs::metadata(&self.log).map_or(0, |m| m.len() as usize)
    }
}

impl Term for Xterm {
    fn name(&self) -> String {
        self.name.clone()
    }

    fn keys(&self, keys: &[&str]) {
        if keys.first() == Some(&"-l") {
            return self.xdotool(&["type", keys[1]]);
        }
        for k in keys {
            match *k {
                "Enter" => self.xdotool(&["key", "Return"]),
                k => self.xdotool(&["type", k]),
            }
        }
    }

    /// F12, then the dump file once xterm has written it whole (its size stops changing); F12
    /// again each second without one (a key sent before the window is ready is lost).
    fn screen(&self) -> String {
        let (dir, prefix) =
            (self.dump.parent().unwrap(), self.dump.file_name().unwrap().to_string_lossy().into_owned());
        let find = || {
            std::fs::read_dir(dir)
                .unwrap()
                .filter_map(|e| e.ok().map(|e| e.path()))
                .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(&prefix)))
        };
        let end = Instant::now() + DEADLINE;
        let mut last = None;
        let mut asked = Instant::now() - Duration::from_secs(2);
        loop {
            if last.is_none() && asked.elapsed() >= Duration::from_secs(1) {
                self.xdotool(&["key", "F12"]);
                asked = Instant::now();
            }
            if let Some(p) = find() {
                let len = std::fs::metadata(&p).map(|m| m.len()).ok();
                if len.is_some_and(|n| n > 0) && len == last {
                    let text = std::fs::read_to_string(&p).unwrap_or_default();
                    let _ = std::fs::remove_file(&p);
                    return text;
                }
                last = len;
            }
            assert!(Instant::now() < end, "{}: xterm wrote no screen dump", self.name);
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The log's growth while `f` runs, read once it has stopped growing (script writes its log
    /// just after the terminal).
    fn capture(&mut self, f: &dyn Fn(&dyn Term)) -> usize {
        let before = self.log_len();
        f(self);
        let (mut len, mut same) = (self.log_len(), 0);
        while same < 5 {
            std::thread::sleep(Duration::from_millis(50));
            let now = self.log_len();
            same = if now == len { same + 1 } else { 0 };
            len = now;
        }
        len - before
    }
}

impl Drop for Xterm {
    fn drop(&mut self) {
        let _ = self.xterm.kill();
        let _ = self.xterm.wait();
        // script(1) keeps its own pty open when the xterm goes, so it and the program it runs
        // would outlive the bench: stop them by the log path, which only this phase uses.
        let _ = Command::new("pkill").arg("-f").arg(&self.log).status();
    }
}

/// Lines without trailing blanks, and no blank lines at the end: the screen's text as tmux and
/// xterm's dump both give it.
fn text_of(screen: &str) -> String {
    let lines: Vec<&str> = screen.lines().map(str::trim_end).collect();
    let n = lines.iter().rposition(|l| !l.is_empty()).map_or(0, |i| i + 1);
    lines[..n].join("\n")
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
    /// The screen at the end of the split-view scrolls.
    split_screen: String,
}

/// Starts a program (named, command) in one kind of terminal.
type Start<'a> = &'a dyn Fn(&str, &str) -> Box<dyn Term>;

fn strata(start: Start, bin: &Path, doc: &Path, key: &str, title: &str) -> Figures {
    let run = |maximise: bool, name: &str| -> (usize, usize, String) {
        let cmd = format!("env LANG=ru_RU.UTF-8 {} --no-mouse --color always {}", quote(bin), quote(doc));
        let mut p = start(name, &cmd);
        let first = p.capture(&|p| {
            p.keys(&["Enter"]);
            p.wait("the documents", &|s| s.contains(title));
        });
        p.keys(&[":"]);
        p.keys(&["-l", key]);
        // A hit: a row naming the key beside the title, not the query line.
        let query = format!(": {key}");
        p.wait("the palette's hit", &|s| s.lines().any(|l| l.contains(key) && !l.contains(&query)));
        p.keys(&["Enter"]);
        let status = format!("({key})");
        p.wait("the section", &|s| s.lines().last().is_some_and(|l| l.contains(&status)));
        if maximise {
            let before = p.screen();
            p.keys(&["z"]);
            p.wait("the maximised pane", &|s| s != before);
        }
        let scrolls = p.capture(&|p| p.scroll(SCROLLS));
        (first, scrolls, p.screen())
    };
    let (first, max_scroll, _) = run(true, "max");
    let (_, split_scroll, split_screen) = run(false, "split");
    Figures { first, max_scroll, split_scroll, split_screen }
}

fn less(start: Start, text: &Path, first_line: &str) -> Figures {
    let cmd = format!("env LESS= LESSHISTFILE=- LESSCHARSET=utf-8 less {}", quote(text));
    let mut p = start("less", &cmd);
    let first = p.capture(&|p| {
        p.keys(&["Enter"]);
        p.wait("the text", &|s| s.contains(first_line));
    });
    let scroll = p.capture(&|p| p.scroll(SCROLLS));
    Figures { first, max_scroll: scroll, split_scroll: scroll, split_screen: String::new() }
}

/// Prints one terminal's figures.
fn report(terminal: &str, s: &Figures, l: &Figures) {
    println!("  {terminal}:");
    let row = |what: &str, s: usize, l: usize| {
        println!("    {what:<34} strata {s:>6} B   less {l:>6} B   ratio {:.2}x", s as f64 / l as f64);
    };
    row("first frame", s.first, l.first);
    row("scrolls, content pane maximised", s.max_scroll, l.max_scroll);
    row("scrolls, split view", s.split_scroll, l.split_scroll);
    println!(
        "    per scroll: strata {:.0} B maximised, {:.0} B split; less {:.0} B",
        s.max_scroll as f64 / SCROLLS as f64,
        s.split_scroll as f64 / SCROLLS as f64,
        l.max_scroll as f64 / SCROLLS as f64
    );
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

    let tmux: Start = &|name, cmd| Box::new(Pane::start(name, dir.path(), cmd));
    let s = strata(tmux, &bin, &doc, &key, &title);
    let l = less(tmux, &file, &first_words(&text));
    let version =
        Command::new("tmux").arg("-V").output().map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    println!(
        "ssh_bytes: {} section `{key}` ({lines} lines of text), {W}x{H}, {SCROLLS} one-line scrolls",
        doc.display()
    );
    report(&format!("{} (pipe-pane)", version.unwrap_or_default()), &s, &l);
    if !["xterm", "Xvfb", "xdotool", "script"].iter().all(|t| tools::require(t)) {
        return;
    }
    let display = Display::start();
    let xterm: Start = &|name, cmd| Box::new(Xterm::start(&display, name, dir.path(), cmd));
    let xs = strata(xterm, &bin, &doc, &key, &title);
    let xl = less(xterm, &file, &first_words(&text));
    assert_eq!(
        text_of(&xs.split_screen),
        text_of(&s.split_screen),
        "the split view after the scrolls: xterm (with margins) and tmux (without) show different text"
    );
    report("xterm (script log, left/right margins)", &xs, &xl);
}
