//! The command line never panics or hangs on hostile input: a closed pipe stops it quietly,
//! folders, FIFOs and devices given as files are refused before anything is read, oversized
//! files are refused with a clear message, size options are bounded, and a UTF-8 byte-order
//! mark is accepted.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn sample(name: &str) -> PathBuf {
    root().join("samples").join(name)
}

/// Runs strata with a generous deadline: a command that hangs fails the test instead of
/// hanging the suite.
fn run(args: &[&str], cwd: &Path) -> (Option<i32>, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_strata"))
        .args(args)
        .env("LC_ALL", "C.UTF-8") // the messages asserted are English
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (mut out, mut err) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        out.read_to_end(&mut s).unwrap();
        s
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("strata {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut e = Vec::new();
    err.read_to_end(&mut e).unwrap();
    let o = reader.join().unwrap();
    (status.code(), String::from_utf8_lossy(&o).into_owned(), String::from_utf8_lossy(&e).into_owned())
}

fn mkfifo(p: &Path) {
    let c = std::ffi::CString::new(p.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

/// The reader of stdout goes away at once (as `| head -1` does after its line): strata must
/// stop quietly, not panic with exit 101.
#[test]
fn a_closed_pipe_stops_quietly() {
    let tver = sample("tver.json");
    let raw = sample("raw/tver.txt");
    let samples = root().join("samples");
    let cases: Vec<Vec<&str>> = vec![
        vec!["normalize", raw.to_str().unwrap()],
        vec!["show", tver.to_str().unwrap(), "--json"],
        vec!["show", tver.to_str().unwrap()],
        vec!["search", "цифровой", "--limit", "100000"],
        vec!["search", "цифровой", "--limit", "100000", "--json"],
        vec!["diff", "ivanovo@2021-08-20", "tver", "--format", "side"],
        vec![samples.to_str().unwrap()],
    ];
    for args in cases {
        let mut child = Command::new(env!("CARGO_BIN_EXE_strata"))
            .args(&args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let o = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_ne!(o.status.code(), Some(101), "{args:?}: {err}");
        assert!(o.status.code().is_some_and(|c| c <= 2), "{args:?}: {:?} {err}", o.status);
    }
}

#[test]
fn folders_fifos_and_devices_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    mkfifo(&d.join("fifo.json"));
    mkfifo(&d.join("fifo.txt"));
    std::fs::create_dir(d.join("folder.txt")).unwrap();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["show", "fifo.json"], "FIFO"),
        (vec!["show", "/dev/zero"], "device"),
        (vec!["show", "."], "folder"),
        (vec!["normalize", "fifo.txt"], "FIFO"),
        (vec!["normalize", "/dev/zero"], "device"),
        (vec!["normalize", "folder.txt"], "folder"),
        (vec!["search", "x", "fifo.json"], "FIFO"),
        (vec!["search", "x", "/dev/zero"], "device"),
        (vec!["diff", "tver", "fifo.json"], "FIFO"),
        (vec!["diff", "/dev/zero", "tver"], "device"),
    ];
    for (args, problem) in cases {
        let (code, _, err) = run(&args, d);
        assert_eq!(code, Some(2), "{args:?}: {err}");
        let file = args.iter().find(|a| a.contains('.') || a.starts_with('/')).unwrap();
        assert!(err.contains(problem) && err.contains(file), "{args:?}: file and problem named: {err}");
    }
    // overview skips the bad file with a message and compares the rest.
    let tver = sample("tver.json");
    let ivanovo = sample("ivanovo.json");
    let (code, out, err) =
        run(&["overview", "tver", "problems", tver.to_str().unwrap(), ivanovo.to_str().unwrap(), "fifo.json"], d);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("fifo.json") && err.contains("FIFO"), "{err}");
    assert!(out.contains("against 1 documents") && out.contains("Ивановская"), "{out}");
}

#[test]
fn a_sidecar_that_is_a_fifo_does_not_hang_normalize() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(sample("raw/tver.txt"), dir.path().join("tver.txt")).unwrap();
    mkfifo(&dir.path().join("tver.meta.toml"));
    let (code, _, err) = run(&["normalize", "tver.txt"], dir.path());
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("tver.meta.toml") && err.contains("FIFO"), "{err}");
}

#[test]
fn oversized_files_are_refused_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["big.json", "big.txt"] {
        let f = std::fs::File::create(dir.path().join(name)).unwrap();
        f.set_len(strata::fsutil::MAX_INPUT_BYTES + 1).unwrap(); // sparse: no disk used
    }
    for args in [vec!["show", "big.json"], vec!["normalize", "big.txt"], vec!["search", "x", "big.json"]] {
        let (code, _, err) = run(&args, dir.path());
        assert_eq!(code, Some(2), "{args:?}: {err}");
        let limit = err.contains("too large") || err.contains("size limit");
        assert!(err.contains("big.") && limit, "{args:?}: file and problem named: {err}");
    }
}

#[test]
fn size_options_are_bounded() {
    let cases: Vec<Vec<&str>> = vec![
        vec!["diff", "ivanovo@2021-08-20", "tver", "--width", "4294967296"],
        vec!["diff", "ivanovo@2021-08-20", "tver", "--width", "0"],
        vec!["search", "x", "--limit", "18446744073709551615"],
        vec!["corpus", "--out", "c", "--versions", "1000000000"],
        vec!["corpus", "--out", "c", "--regions", "0"],
    ];
    let dir = tempfile::tempdir().unwrap();
    for args in cases {
        let (code, _, err) = run(&args, dir.path());
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert!(err.contains("out of range"), "{args:?}: {err}");
    }
    assert!(!dir.path().join("c").exists());
    let (code, out, _) =
        run(&["diff", "ivanovo@2021-08-20", "tver", "--width", "1000", "--format", "side"], dir.path());
    assert_eq!(code, Some(1));
    assert!(out.lines().all(|l| unicode_width::UnicodeWidthStr::width(l) <= 1000));
}

#[test]
fn a_json_file_with_a_byte_order_mark_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let json = std::fs::read_to_string(sample("tver.json")).unwrap();
    std::fs::write(dir.path().join("bom.json"), format!("\u{feff}{json}")).unwrap();
    let (code, out, err) = run(&["show", "bom.json"], dir.path());
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("(tver)"), "{out:.300}");
    let (code, _, err) = run(&["search", "цифровой", "bom.json"], dir.path());
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn a_folder_with_a_link_loop_is_walked_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("docs")).unwrap();
    std::fs::copy(sample("tver.json"), dir.path().join("docs/tver.json")).unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("docs/up")).unwrap();
    let (code, out, err) = run(&["search", "цифровой", "docs", "--limit", "1"], dir.path());
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out.lines().count(), 1);
}
