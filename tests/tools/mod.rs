//! External tools some tests compare against (fzf, git, dwdiff, tmux). Under `CI=true` a missing
//! tool fails the test loudly; elsewhere the test prints a visible skip notice.
#![allow(dead_code)]

use std::process::{Command, Stdio};

/// True when `tool` runs (`tool --version`). When it does not: panics under `CI=true`, else
/// prints a skip notice on stderr and returns false.
pub fn require(tool: &str) -> bool {
    let found = Command::new(tool).arg("--version").stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok();
    if !found {
        if std::env::var("CI").is_ok_and(|v| v == "true" || v == "1") {
            panic!("{tool} is not installed, and CI=true needs it: install it (.ci/run does)");
        }
        eprintln!("SKIPPED: {tool} is not installed; install it to run this test");
    }
    found
}
