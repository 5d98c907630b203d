//! The OSC 52 bytes as a real terminal sees them: tmux with `set-clipboard on` turns the sequence
//! written inside a pane into a paste buffer, which must hold exactly the (cleaned) text.
//! Without tmux the test is skipped, except under CI=true where it fails.

use std::process::Command;
use std::time::{Duration, Instant};
use strata::report::osc52::osc52;

struct Server(String);

impl Server {
    fn tmux(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux").args(["-L", &self.0, "-f", "/dev/null"]).args(args).output().unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
    }
}

#[test]
fn tmux_receives_the_copied_text() {
    if Command::new("tmux").arg("-V").output().is_err() {
        assert!(std::env::var("CI").as_deref() != Ok("true"), "tmux is required under CI");
        eprintln!("skipping: tmux not found");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let text =
        "4.2 Здравоохранение.\n5. Низкая активность граждан в прохождении «профилактических» осмотров\u{1b}]2;x\u{7}.";
    let copy = osc52(text);
    let seq = dir.path().join("seq");
    std::fs::write(&seq, &copy.sequence).unwrap();
    let go = dir.path().join("go");
    let server = Server(format!("strata-review-osc52-{}", std::process::id()));
    // The pane waits for the option to be set, then writes the sequence once.
    let script = format!(
        "while [ ! -e '{go}' ]; do sleep 0.05; done; cat '{seq}'; sleep 30",
        go = go.display(),
        seq = seq.display()
    );
    let o = server.tmux(&["new-session", "-d", "-x", "80", "-y", "24", "sh", "-c", &script]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(server.tmux(&["set-option", "-g", "set-clipboard", "on"]).status.success());
    std::fs::write(&go, "").unwrap();
    let want = "4.2 Здравоохранение.\n5. Низкая активность граждан в прохождении «профилактических» осмотров]2;x.";
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let buf = server.tmux(&["show-buffer"]);
        if buf.status.success() && String::from_utf8_lossy(&buf.stdout) == want {
            break;
        }
        assert!(Instant::now() < deadline, "tmux buffer: {:?}", String::from_utf8_lossy(&buf.stdout));
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(copy.chars, want.chars().count());
}
