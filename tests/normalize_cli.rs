//! `strata normalize` on bad input: a clear message naming the file, exit 2, nothing written.

use std::path::Path;
use std::process::{Command, Output};

fn strata(args: &[&str]) -> Output {
    // The messages asserted are English.
    Command::new(env!("CARGO_BIN_EXE_strata")).args(args).env("LC_ALL", "C.UTF-8").output().expect("run strata")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn bad_inputs_exit_2_with_file_and_problem() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("empty.txt"), "").unwrap();
    std::fs::write(d.join("binary.txt"), b"\x7fELF\x02\x01\x01\0\0\0").unwrap();
    std::fs::write(d.join("letter.txt"), "Уважаемый коллега!\nПрошу рассмотреть вопрос о закупке бумаги.\n").unwrap();
    for (file, expect) in [
        ("empty.txt", "input is empty"),
        ("binary.txt", "byte 7: binary data"),
        ("letter.txt", "not a digital-transformation strategy"),
        ("missing.txt", "cannot read"),
    ] {
        let path = d.join(file);
        let o = strata(&["normalize", path.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2), "{file}");
        let err = stderr(&o);
        assert!(err.contains(file) && err.contains(expect), "{file}: {err}");
        assert!(o.stdout.is_empty(), "{file}: nothing on stdout");
    }
}

#[test]
fn one_failing_input_writes_nothing_and_keeps_old_output() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("empty.txt"), " \n").unwrap();
    let out = d.join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("empty.json"), "old").unwrap();
    let good = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/raw/tver.txt");
    let o = strata(&[
        "normalize",
        good.to_str().unwrap(),
        d.join("empty.txt").to_str().unwrap(),
        "--out-dir",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let names: Vec<_> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, vec![std::ffi::OsString::from("empty.json")], "no new or temporary files");
    assert_eq!(std::fs::read_to_string(out.join("empty.json")).unwrap(), "old");
}

#[test]
fn bad_sidecar_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let raw = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/raw/tver.txt")).unwrap();
    std::fs::write(d.join("t.txt"), raw).unwrap();
    std::fs::write(d.join("t.meta.toml"), "[version]\nlabel = 3\n").unwrap();
    let o = strata(&["normalize", d.join("t.txt").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("t.meta.toml") && err.contains("line 2"), "{err}");
}

#[test]
fn windows_1251_input_is_read_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let utf8 = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/raw/tver.txt")).unwrap();
    let (cp, _, unmappable) = encoding_rs::WINDOWS_1251.encode(&utf8);
    assert!(!unmappable);
    let p = dir.path().join("tver-cp1251.txt");
    std::fs::write(&p, &cp).unwrap();
    let o = strata(&["normalize", p.to_str().unwrap(), "--report"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["source"]["encoding"], "windows-1251");
    assert_eq!(doc["meta"]["region"]["key"], "tver");
    assert!(stderr(&o).contains("encoding"), "the report names the conversion");
}
