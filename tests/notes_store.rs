//! The notes store under real use through the command line: many processes adding notes at once,
//! some killed with SIGKILL mid-run; every acknowledged note is kept and the store stays intact.
//! A locked, read-only or corrupt store is a clear error naming the file, exit 2.

use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples").join(name)
}

/// `strata` with its store in `data` and a config folder of its own (no user config leaks in).
fn cmd(data: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_strata"));
    c.env("LC_ALL", "C.UTF-8") // the messages asserted are English
        .env("STRATA_DATA_DIR", data)
        .env("XDG_CONFIG_HOME", data.join("config"))
        .env("USER", "tester")
        .current_dir(data.parent().unwrap());
    c
}

fn run(data: &Path, args: &[&str]) -> Output {
    cmd(data).args(args).output().unwrap()
}

fn ok(o: &Output) -> String {
    assert!(o.status.success(), "status {:?}\nstderr: {}", o.status, String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn list(data: &Path) -> Vec<Value> {
    let out = ok(&run(data, &["note", "list", "--json"]));
    serde_json::from_str::<Value>(&out).unwrap().as_array().unwrap().clone()
}

fn integrity(db: &Path) -> String {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap()
}

/// A process whose stdout lines are collected as they come.
struct Watched {
    child: Child,
    lines: Arc<Mutex<Vec<String>>>,
    reader: Option<std::thread::JoinHandle<()>>,
}

impl Watched {
    fn spawn(mut c: Command) -> Watched {
        let mut child = c.stdout(Stdio::piped()).stderr(Stdio::null()).process_group(0).spawn().unwrap();
        let out = child.stdout.take().unwrap();
        let lines = Arc::new(Mutex::new(Vec::new()));
        let sink = lines.clone();
        let reader = std::thread::spawn(move || {
            for l in BufReader::new(out).lines().map_while(Result::ok) {
                sink.lock().unwrap().push(l);
            }
        });
        Watched { child, lines, reader: Some(reader) }
    }

    /// Lines printed so far; after [`Watched::finish`], all of them.
    fn lines(&self) -> Vec<String> {
        self.lines.lock().unwrap().clone()
    }

    fn kill_group(&mut self) {
        // SAFETY: kill(2) on the process group this test created.
        unsafe { libc::kill(-(self.child.id() as i32), libc::SIGKILL) };
    }

    fn finish(&mut self) -> std::process::ExitStatus {
        let st = self.child.wait().unwrap();
        if let Some(r) = self.reader.take() {
            r.join().unwrap();
        }
        st
    }
}

/// The note texts acknowledged in `strata note add` output lines ("note ID added: ...").
fn acknowledged(lines: &[String]) -> usize {
    lines.iter().filter(|l| l.starts_with("note ") && l.contains(" added: ")).count()
}

#[test]
fn concurrent_writers_and_kill_9_lose_no_acknowledged_note() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("store");
    let doc = sample("ivanovo.json");
    let doc = doc.to_str().unwrap();
    // Create the store first so the writers race on notes, not only on creation.
    ok(&run(&data, &["note", "add", doc, "problems.healthcare", "first", "--block", "6"]));
    let writers = 6;
    let per_writer = 12;
    let mut steady = Vec::new();
    for w in 0..writers {
        let mut c = Command::new("sh");
        let script = format!(
            "i=1; while [ $i -le {per_writer} ]; do \"$0\" note add \"$1\" problems.healthcare \"writer {w} note $i\" --block 6 || exit 1; i=$((i+1)); done"
        );
        c.arg("-c").arg(script).arg(env!("CARGO_BIN_EXE_strata")).arg(doc);
        c.env("STRATA_DATA_DIR", &data).env("XDG_CONFIG_HOME", data.join("config")).env("USER", format!("w{w}"));
        c.env("LC_ALL", "C.UTF-8"); // acknowledgements are counted by their English wording
        steady.push(Watched::spawn(c));
    }
    // Meanwhile, writers killed with SIGKILL at varying moments of their run.
    let mut killed_while_running = 0;
    let mut victim_acks = Vec::new();
    for k in 0..24u64 {
        let mut c = cmd(&data);
        c.args(["note", "add", doc, "basics.terms", &format!("victim {k}")]);
        let mut v = Watched::spawn(c);
        std::thread::sleep(Duration::from_millis(5 + (k * 37) % 160));
        if v.child.try_wait().unwrap().is_none() {
            killed_while_running += 1;
        }
        v.kill_group();
        v.finish();
        if acknowledged(&v.lines()) == 1 {
            victim_acks.push(format!("victim {k}"));
        }
    }
    for (w, s) in steady.iter_mut().enumerate() {
        assert!(s.finish().success(), "writer {w} failed");
        assert_eq!(acknowledged(&s.lines()), per_writer, "writer {w}: {:?}", s.lines());
    }
    assert!(killed_while_running > 0, "no victim was still running when killed");
    let db = data.join("notes.sqlite");
    assert_eq!(integrity(&db), "ok");
    let notes = list(&data);
    let texts: Vec<&str> = notes.iter().map(|n| n["text"].as_str().unwrap()).collect();
    for w in 0..writers {
        for i in 1..=per_writer {
            let t = format!("writer {w} note {i}");
            assert_eq!(texts.iter().filter(|x| **x == t).count(), 1, "{t} kept exactly once");
        }
    }
    for t in &victim_acks {
        assert!(texts.contains(&t.as_str()), "acknowledged {t} lost");
    }
    let ids: std::collections::BTreeSet<i64> = notes.iter().map(|n| n["id"].as_i64().unwrap()).collect();
    assert_eq!(ids.len(), notes.len(), "ids are unique");
    assert!(notes.len() >= 1 + writers * per_writer + victim_acks.len());
}

#[test]
fn add_list_edit_remove_export_import() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("store");
    let doc = sample("ivanovo.json");
    let doc = doc.to_str().unwrap();
    let out = ok(&run(&data, &["note", "add", doc, "problems.healthcare", "Уточнить сроки", "--block", "6"]));
    assert!(out.starts_with("note 1 added: ivanovo@2021-08-20 problems.healthcare [6]"), "{out}");
    ok(&run(&data, &["note", "add", "ivanovo@2021-08-20", "basics.terms", "Раздел в целом"]));
    let notes = list(&data);
    assert_eq!(notes.len(), 2);
    let n = &notes[1];
    assert_eq!(n["doc"], serde_json::json!({"region": "ivanovo", "version": "2021-08-20"}));
    assert_eq!((n["section"].as_str(), n["block"].as_u64()), (Some("problems.healthcare"), Some(6)));
    assert_eq!((n["author"].as_str(), n["text"].as_str()), (Some("tester"), Some("Уточнить сроки")));
    let keys: Vec<&String> = n.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["author", "block", "created", "doc", "id", "section", "text"]);
    ok(&run(&data, &["note", "edit", "1", "Уточнить сроки и ответственных"]));
    assert!(ok(&run(&data, &["note", "list", "ivanovo@2021-08-20"])).contains("Уточнить сроки и ответственных"));
    // Export, move to another store, import twice: nothing doubles.
    let export = dir.path().join("notes.json");
    ok(&run(&data, &["note", "export", "-o", export.to_str().unwrap()]));
    let other = dir.path().join("other");
    assert!(ok(&run(&other, &["note", "import", export.to_str().unwrap()])).contains("2 new"));
    assert!(ok(&run(&other, &["note", "import", export.to_str().unwrap()])).contains("0 new, 0 updated, 2 already"));
    let moved: Vec<String> = list(&other).iter().map(|n| n["text"].as_str().unwrap().to_string()).collect();
    assert_eq!(moved, ["Раздел в целом", "Уточнить сроки и ответственных"]);
    ok(&run(&data, &["note", "rm", "1"]));
    assert_eq!(list(&data).len(), 1);
    // Mistakes are errors, exit 2.
    for args in [
        vec!["note", "rm", "1"],
        vec!["note", "add", doc, "problems.nowhere", "x"],
        vec!["note", "add", doc, "problems.healthcare", "x", "--block", "999"],
        vec!["note", "add", doc, "problems.healthcare", "   "],
    ] {
        let o = run(&data, &args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(!o.stderr.is_empty());
    }
}

#[test]
fn note_text_never_reaches_the_terminal_raw() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("store");
    let doc = sample("ivanovo.json");
    let evil = "смотри\u{1b}]2;pwned\u{7}\u{9b}31m\u{202e}конец";
    ok(&run(&data, &["note", "add", doc.to_str().unwrap(), "basics.terms", evil]));
    for args in [vec!["note", "list"], vec!["note", "list", "--json"], vec!["note", "export"]] {
        let out = ok(&run(&data, &args));
        assert!(!out.contains('\u{1b}') && !out.contains('\u{9b}') && !out.contains('\u{202e}'), "{args:?}: {out:?}");
    }
    let json: Value = serde_json::from_str(&ok(&run(&data, &["note", "list", "--json"]))).unwrap();
    assert_eq!(json[0]["text"], evil, "JSON keeps the text exact");
}

fn expect_store_error(o: &Output, db: &Path, problem: &str) {
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "stderr: {err}");
    assert!(err.contains(&db.display().to_string()), "names the file: {err}");
    assert!(err.contains(problem), "says {problem:?}: {err}");
}

#[test]
fn corrupt_locked_and_read_only_stores_exit_2_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let doc = sample("ivanovo.json");
    let doc = doc.to_str().unwrap();
    // Not a database at all.
    let junk = dir.path().join("junk");
    std::fs::create_dir_all(&junk).unwrap();
    std::fs::write(junk.join("notes.sqlite"), "this is not a database, just text\n".repeat(200)).unwrap();
    expect_store_error(&run(&junk, &["note", "list"]), &junk.join("notes.sqlite"), "not a notes store");
    // A database whose pages were overwritten.
    let bad = dir.path().join("bad");
    ok(&run(&bad, &["note", "add", doc, "basics.terms", "x"]));
    let db = bad.join("notes.sqlite");
    let mut bytes = std::fs::read(&db).unwrap();
    let page = 4096.min(bytes.len() / 2);
    for b in &mut bytes[page..] {
        *b = 0x5a;
    }
    std::fs::write(&db, bytes).unwrap();
    let o = run(&bad, &["note", "list"]);
    expect_store_error(&o, &db, "corrupt");
    // Locked: another connection holds the write lock longer than the configured wait.
    let locked = dir.path().join("locked");
    ok(&run(&locked, &["note", "add", doc, "basics.terms", "x"]));
    std::fs::create_dir_all(locked.join("config/strata")).unwrap();
    std::fs::write(locked.join("config/strata/config.toml"), "[notes]\nbusy_timeout_ms = 300\n").unwrap();
    let db = locked.join("notes.sqlite");
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN EXCLUSIVE; INSERT INTO reviewed VALUES ('a','b','c','d','e','f','g');").unwrap();
    let start = Instant::now();
    expect_store_error(&run(&locked, &["note", "add", doc, "basics.terms", "y"]), &db, "locked");
    assert!(start.elapsed() >= Duration::from_millis(300));
    holder.execute_batch("ROLLBACK").unwrap();
    drop(holder);
    assert_eq!(list(&locked).len(), 1);
    // Read-only: permissions for an ordinary user; root ignores them, so the file is made immutable.
    let ro = dir.path().join("ro");
    ok(&run(&ro, &["note", "add", doc, "basics.terms", "x"]));
    let db = ro.join("notes.sqlite");
    let root = unsafe { libc::geteuid() } == 0;
    let restore: Box<dyn Fn()> = if root {
        let st = Command::new("chattr").arg("+i").arg(&db).status();
        if !st.is_ok_and(|s| s.success()) {
            assert!(std::env::var("CI").as_deref() != Ok("true"), "chattr is needed for the read-only test as root");
            eprintln!("skipping the read-only store check: chattr +i failed (running as root)");
            return;
        }
        let d = db.clone();
        Box::new(move || {
            let _ = Command::new("chattr").arg("-i").arg(&d).status();
        })
    } else {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).unwrap();
        Box::new(|| {})
    };
    let o = run(&ro, &["note", "add", doc, "basics.terms", "y"]);
    let listed = run(&ro, &["note", "list", "--json"]);
    restore();
    expect_store_error(&o, &db, "read-only");
    // Reading a store one may not write still works.
    let listed: Value = serde_json::from_str(&ok(&listed)).unwrap();
    assert_eq!(listed.as_array().map(Vec::len), Some(1));
}

#[test]
fn writers_racing_to_create_the_store_all_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("fresh");
    let doc = sample("tver.json");
    let doc = doc.to_str().unwrap();
    let children: Vec<Child> = (0..8)
        .map(|i| {
            cmd(&data)
                .args(["note", "add", doc, "basics", &format!("first {i}")])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let o = c.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    assert_eq!(list(&data).len(), 8);
    assert_eq!(integrity(&data.join("notes.sqlite")), "ok");
}
