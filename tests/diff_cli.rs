//! `strata diff` as a process: exit codes as diff(1), the JSON shape, names, formats, errors.

mod diff_fixtures;

use diff_fixtures::*;
use std::process::{Command, Output};

fn strata(args: &[&str], cwd: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_strata"))
        .args(args)
        .current_dir(cwd)
        .env_remove("NO_COLOR")
        .env("LC_ALL", "C.UTF-8") // the messages asserted are English
        .output()
        .unwrap()
}

fn fixtures() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_json(dir.path(), "ivanovo.json", &ivanovo());
    write_json(dir.path(), "ivanovo-rev.json", &ivanovo_rev());
    write_json(dir.path(), "tver.json", &tver());
    dir
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn exit_codes_follow_diff() {
    let dir = fixtures();
    let same = strata(&["diff", "ivanovo.json", "ivanovo.json"], dir.path());
    assert_eq!(same.status.code(), Some(0), "{}", String::from_utf8_lossy(&same.stderr));
    assert!(!stdout(&same).contains("\n~ "), "no section listed: {}", stdout(&same));
    let differ = strata(&["diff", "ivanovo.json", "ivanovo-rev.json"], dir.path());
    assert_eq!(differ.status.code(), Some(1));
    let missing = strata(&["diff", "ivanovo.json", "nope.json"], dir.path());
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("nope.json"));
    std::fs::write(dir.path().join("bad.json"), "{\"schema\": 1,\n oops").unwrap();
    let bad = strata(&["diff", "bad.json", "ivanovo.json"], dir.path());
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("bad.json:2:"), "{err}");
    assert!(bad.stdout.is_empty());
}

#[test]
fn json_output_has_the_issue_shape() {
    let dir = fixtures();
    let o = strata(&["diff", "ivanovo.json", "ivanovo-rev.json", "--format", "json"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v["a"].is_string() && v["b"].is_string());
    for s in v["sections"].as_array().unwrap() {
        for f in ["key", "title", "status", "similarity", "changes"] {
            assert!(s.get(f).is_some(), "{f} missing in {s}");
        }
    }
    let statuses: Vec<&str> = v["projects"].as_array().unwrap().iter().map(|p| p["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, vec!["same", "removed", "same", "added"]);
    let ind = &v["indicators"][0];
    assert_eq!(
        (ind["status"].as_str(), ind["values"]["2024"]["a"].as_f64(), ind["values"]["2024"]["b"].as_f64()),
        (Some("changed"), Some(80.0), Some(85.0))
    );
}

#[test]
fn names_resolve_within_a_folder() {
    let dir = fixtures();
    let o = strata(&["diff", "ivanovo@2021-08-20", "ivanovo@2022-08-26", "--format", "stat"], dir.path());
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let out = stdout(&o);
    assert!(out.contains("problems.healthcare"), "{out}");
    assert!(out.contains("+12") && out.contains("-1"), "{out}");
    // A region alone means its newest official version (the 2022 revision is illustrative).
    let o = strata(&["diff", "ivanovo", "tver"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("using ivanovo@2021-08-20"), "{err}");
    let o = strata(&["diff", "--dir", dir.path().to_str().unwrap(), "tver", "tver"], std::path::Path::new("/"));
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn section_filter_and_cross_region() {
    let dir = fixtures();
    let o = strata(
        &["diff", "ivanovo.json", "tver.json", "--section", "problems.healthcare", "--format", "json"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let keys: Vec<&str> = v["sections"].as_array().unwrap().iter().map(|s| s["key"].as_str().unwrap()).collect();
    assert_eq!(keys, vec!["problems.healthcare"]);
    assert_eq!(v["sections"][0]["number_a"], "4.2");
    assert_eq!(v["sections"][0]["number_b"], "4.5");
    assert!(v["projects"].as_array().unwrap().is_empty());
    // Only the section counts for the exit status.
    let o = strata(&["diff", "ivanovo.json", "ivanovo-rev.json", "--section", "basics"], dir.path());
    assert_eq!(o.status.code(), Some(0));
    let o = strata(&["diff", "ivanovo.json", "tver.json", "--section", "nope"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("problems.healthcare"));
}

#[test]
fn text_formats_mark_words_without_colour_and_fit_the_width() {
    let dir = fixtures();
    for format in ["unified", "side", "markdown"] {
        let o = strata(&["diff", "ivanovo.json", "ivanovo-rev.json", "--format", format, "--width", "60"], dir.path());
        let out = stdout(&o);
        assert!(!out.contains('\x1b'), "{format}: no colour when not a terminal");
        match format {
            "markdown" => assert!(out.contains("~~62~~") && out.contains("**71**"), "{out}"),
            _ => assert!(out.contains("[-62-]") && out.contains("{+71+}"), "{format}: {out}"),
        }
        if format != "markdown" {
            for line in out.lines() {
                assert!(unicode_width::UnicodeWidthStr::width(line) <= 60, "{format}: too wide: {line:?}");
            }
            assert!(out.contains("2024: 80 -> 85 (+5)"), "{out}");
        }
    }
    let o = strata(&["diff", "ivanovo.json", "ivanovo-rev.json", "--color", "always"], dir.path());
    let out = stdout(&o);
    assert!(out.contains("\x1b[1;37;41m[-62-]\x1b[0m"), "{out}");
    assert!(out.contains("[-62-]"), "markers stay with colour too");
}

#[test]
fn document_text_is_sanitised() {
    let dir = fixtures();
    let mut evil = ivanovo();
    let text = &mut evil.sections[1].children[1].blocks[0].text;
    *text = format!("{text} \u{1b}[2J\u{7}").into();
    write_json(dir.path(), "evil.json", &evil);
    for format in ["unified", "side", "stat", "markdown"] {
        let o = strata(&["diff", "ivanovo.json", "evil.json", "--format", format], dir.path());
        assert_eq!(o.status.code(), Some(1));
        assert!(!o.stdout.contains(&0x1b) && !o.stdout.contains(&0x07), "{format}");
    }
}

/// The binary sets mimalloc's arena reservation to 64 MiB and turns transparent huge pages off
/// (on for `normalize`, whose heap is large) before the runtime's first allocation
/// (`src/main.rs`): mimalloc's own listing of its options
/// (`MIMALLOC_VERBOSE`) shows the values under the options' names, so a shifted option index
/// fails here; the environment still wins. The listing has one line per option: its count is
/// the number of options `src/main.rs` marks as set at start (`OPTIONS`), which must not pass
/// mimalloc's own (a newer mimalloc with more or fewer options fails here first).
#[cfg(target_os = "linux")]
#[test]
fn the_allocator_reserves_small_arenas_of_small_pages_but_for_normalize_unless_told_otherwise() {
    let run_args = |args: &[&str], env: &[(&str, &str)]| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_strata"));
        c.args(args).env("MIMALLOC_VERBOSE", "1");
        c.env_remove("MIMALLOC_ARENA_RESERVE").env_remove("MIMALLOC_ALLOW_THP");
        for (k, v) in env {
            c.env(k, v);
        }
        let out = c.output().unwrap();
        assert!(out.status.success());
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        let value = |name: &str| {
            let key = format!("option '{name}': ");
            err.lines().find_map(|l| l.trim().strip_prefix(&key).map(|v| v.trim().to_string()))
        };
        (value("arena_reserve"), value("allow_thp"), err.clone())
    };
    let run = |env: &[(&str, &str)]| run_args(&["--version"], env);
    let (arena, thp, err) = run(&[]);
    assert_eq!((arena.as_deref(), thp.as_deref()), (Some("65536 KiB"), Some("0")), "{err}");
    assert_eq!(err.lines().filter(|l| l.trim().starts_with("option '")).count(), 47, "{err}");
    let (arena, thp, err) = run(&[("MIMALLOC_ARENA_RESERVE", "128MiB"), ("MIMALLOC_ALLOW_THP", "1")]);
    assert_eq!((arena.as_deref(), thp.as_deref()), (Some("131072 KiB"), Some("1")), "{err}");
    for (args, want) in [
        (&["normalize", "--help"][..], "1"),
        (&["--no-cache", "normalize", "--help"][..], "1"),
        (&["diff", "--help"][..], "0"),
    ] {
        let (arena, thp, err) = run_args(args, &[]);
        assert_eq!((arena.as_deref(), thp.as_deref()), (Some("65536 KiB"), Some(want)), "{args:?}: {err}");
    }
    let (_, thp, err) = run_args(&["normalize", "--help"], &[("MIMALLOC_ALLOW_THP", "0")]);
    assert_eq!(thp.as_deref(), Some("0"), "{err}");
}

/// The binary starts without std's start on Linux (`src/main.rs`) and does what it did that
/// matters here: `SIGPIPE` is ignored, so a reader that stops early ends the diff with an exit
/// status, not with the signal.
#[test]
fn a_reader_that_stops_early_does_not_kill_the_diff_by_a_signal() {
    use std::io::Read;
    let cache = tempfile::tempdir().unwrap();
    let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut child = Command::new(env!("CARGO_BIN_EXE_strata"))
        .args(["diff", "ivanovo-rev.json", "khabarovsk.json", "--color", "never", "--width", "40"])
        .current_dir(&samples)
        .env("XDG_CACHE_HOME", cache.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let status = child.wait().unwrap();
    assert!(status.code().is_some(), "ended by a signal: {status:?}");
}
