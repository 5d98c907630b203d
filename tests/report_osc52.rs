//! The OSC 52 bytes as a real terminal sees them: tmux with `set-clipboard on` turns the sequence
//! written inside a pane into a paste buffer, which must hold exactly the (cleaned) text.
//! Without tmux the test is skipped, except under CI=true where it fails.

mod common;

use common::tmux::{self, Tmux};
use strata::report::osc52::osc52;

#[test]
fn tmux_receives_the_copied_text() {
    if !tmux::present("the OSC 52 test") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let text =
        "4.2 Здравоохранение.\n5. Низкая активность граждан в прохождении «профилактических» осмотров\u{1b}]2;x\u{7}.";
    let copy = osc52(text);
    let seq = dir.path().join("seq");
    std::fs::write(&seq, &copy.sequence).unwrap();
    let go = dir.path().join("go");
    // The pane waits for the option to be set, then writes the sequence once.
    let script = format!(
        "while [ ! -e '{go}' ]; do sleep 0.05; done; cat '{seq}'; sleep 30",
        go = go.display(),
        seq = seq.display()
    );
    let t = Tmux::start("review-osc52", 80, 24, &script);
    t.set("set-clipboard", "on");
    std::fs::write(&go, "").unwrap();
    let want = "4.2 Здравоохранение.\n5. Низкая активность граждан в прохождении «профилактических» осмотров]2;x.";
    t.poll("the paste buffer holds the cleaned text", || t.buffer().filter(|b| b == want));
    assert_eq!(copy.chars, want.chars().count());
}
