//! The binary cache of JSON inputs, through `strata diff`: the output is the same with and
//! without the cache, whole or `--section`, and stays right when an entry is damaged or a file
//! changes; `--no-cache` neither reads nor writes it.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime};

fn strata(args: &[&str], dir: &Path) -> (Option<i32>, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_strata"))
        .args(args)
        .current_dir(dir)
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .env("LC_ALL", "C.UTF-8")
        .output()
        .unwrap();
    assert!(o.status.code().is_some_and(|c| c < 2), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    (o.status.code(), String::from_utf8(o.stdout).unwrap())
}

/// Copies a sample into `dir`, last modified an hour ago (a file modified in the last two
/// seconds is not cached).
fn settled_copy(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("samples").join(name), &path).unwrap();
    age(&path);
    path
}

fn age(path: &Path) {
    let hour_ago = SystemTime::now() - Duration::from_secs(3600);
    std::fs::File::options().write(true).open(path).unwrap().set_modified(hour_ago).unwrap();
}

fn entries(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir.join("cache/strata/json"))
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn cached_documents_diff_exactly_as_parsed_ones() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    settled_copy(dir, "ivanovo.json");
    settled_copy(dir, "ivanovo-rev.json");
    settled_copy(dir, "kaliningrad.json");
    // Two regions too: the diff's budget is work, not time, so a debug build under load gives
    // the same output as any other run.
    // `--section` from the cache decodes outlines without the heads' details: every format of it
    // must still match the parsed documents' output.
    let runs: [&[&str]; 8] = [
        &["diff", "ivanovo.json", "kaliningrad.json", "--color", "never"],
        &["diff", "ivanovo.json", "ivanovo-rev.json", "--color", "never"],
        &["diff", "ivanovo-rev.json", "ivanovo.json", "--format", "json"],
        &["diff", "ivanovo.json", "ivanovo-rev.json", "--section", "problems.healthcare", "--format", "side"],
        &["diff", "ivanovo-rev.json", "ivanovo.json", "--section", "indicators", "--format", "json"],
        &["diff", "ivanovo.json", "kaliningrad.json", "--section", "problems", "--format", "markdown"],
        &["diff", "kaliningrad.json", "ivanovo.json", "--section", "projects", "--color", "always"],
        &["diff", "ivanovo.json", "ivanovo-rev.json", "--section", "проблемы здравоохранение", "--format", "stat"],
    ];
    let fresh: Vec<_> = runs.iter().map(|r| strata(&[r, &["--no-cache"][..]].concat(), dir)).collect();
    assert!(entries(dir).is_empty(), "--no-cache wrote the cache");
    // The first run writes the entries, the second reads them.
    for _ in 0..2 {
        for (r, want) in runs.iter().zip(&fresh) {
            assert_eq!(&strata(r, dir), want, "{r:?}");
        }
        assert_eq!(entries(dir).len(), 3);
    }
    // Damaged entries are refused, the files parsed again and the entries rewritten.
    let good: Vec<Vec<u8>> = entries(dir).iter().map(|e| std::fs::read(e).unwrap()).collect();
    for e in entries(dir) {
        let mut b = std::fs::read(&e).unwrap();
        let mid = b.len() / 2;
        b[mid] ^= 0x20;
        std::fs::write(&e, b).unwrap();
    }
    // A `--section` run checks only the parts it decodes, so an entry damaged elsewhere may
    // serve it unchanged; the whole-document runs after it check every part and rewrite.
    for i in [3, 0, 1] {
        assert_eq!(strata(runs[i], dir), fresh[i]);
    }
    assert_eq!(entries(dir).iter().map(|e| std::fs::read(e).unwrap()).collect::<Vec<_>>(), good);
}

#[test]
fn a_changed_file_is_read_again() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let a = settled_copy(dir, "ivanovo.json");
    settled_copy(dir, "ivanovo-rev.json");
    let args = ["diff", "ivanovo.json", "ivanovo-rev.json", "--format", "stat"];
    let before = strata(&args, dir);
    assert_eq!(strata(&args, dir), before);
    // The old side becomes the revision: the documents are now equal.
    std::fs::copy(dir.join("ivanovo-rev.json"), &a).unwrap();
    age(&a);
    let after = strata(&args, dir);
    assert_ne!(after, before);
    assert_eq!(after.0, Some(0));
    assert_eq!(after, strata(&[&args[..], &["--no-cache"]].concat(), dir));
}
