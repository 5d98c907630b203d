//! Nothing from a document reaches a terminal raw through the command line: crafted documents
//! carry an OSC 2 title change, a C1 control, bidi controls, a soft hyphen and tag characters in
//! every field that is printed (approval act type, region key, section keys and titles, sectors)
//! and in a file name; stdout and stderr must stay inert for every command, while JSON output
//! keeps the text exact.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// OSC 2 (set the window title), a C1 OSC, bidi override, soft hyphen, word joiner, tags.
const EVIL: &str = "\u{1b}]2;pwned\u{7}\u{9d}2;c1\u{9c}\u{202e}\u{ad}\u{2060}\u{61c}\u{2066}\u{e0041}\u{7f}";

fn strata(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_strata")).args(args).current_dir(cwd).env_remove("NO_COLOR").output().unwrap()
}

fn sample(name: &str) -> Value {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples").join(name);
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

fn append(v: &mut Value, s: &str) {
    let t = v.as_str().unwrap().to_string();
    *v = Value::String(t + s);
}

/// A sample with the crafted text appended to every printed field.
fn crafted(name: &str) -> Value {
    let mut d = sample(name);
    append(&mut d["meta"]["approval"]["act_type"], EVIL);
    append(&mut d["meta"]["region"]["key"], EVIL);
    append(&mut d["meta"]["region"]["name"], EVIL);
    append(&mut d["meta"]["version"]["label"], EVIL);
    append(&mut d["source"]["quality"]["grade"], EVIL);
    for s in d["sections"].as_array_mut().unwrap() {
        append(&mut s["title"], EVIL);
        for c in s["children"].as_array_mut().unwrap() {
            append(&mut c["key"], EVIL);
            append(&mut c["title"], EVIL);
        }
    }
    for p in d["projects"].as_array_mut().unwrap() {
        append(&mut p["sector"], EVIL);
        append(&mut p["name"], EVIL);
    }
    d
}

struct Fixture {
    dir: tempfile::TempDir,
    a: PathBuf,
    b: PathBuf,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join(format!("a{EVIL}.json"));
    let b = dir.path().join("b.json");
    std::fs::write(&a, serde_json::to_string(&crafted("ivanovo.json")).unwrap()).unwrap();
    std::fs::write(&b, serde_json::to_string(&crafted("ivanovo-rev.json")).unwrap()).unwrap();
    Fixture { dir, a, b }
}

/// Fails when `bytes` hold a control character other than newline and tab, an invisible format
/// character, or (unless `sgr` allows strata's colours) any escape sequence.
fn assert_inert(what: &str, bytes: &[u8], sgr: bool) {
    let s = String::from_utf8_lossy(bytes);
    let mut rest: &str = &s;
    while let Some(c) = rest.chars().next() {
        if c == '\u{1b}' && sgr {
            let params = rest[2.min(rest.len())..].bytes().take_while(|b| b.is_ascii_digit() || *b == b';').count();
            assert!(
                rest.as_bytes().get(1) == Some(&b'[') && rest.as_bytes().get(2 + params) == Some(&b'm'),
                "{what}: an escape other than colour: {:?}",
                &rest[..rest.len().min(20)]
            );
        } else {
            assert!(
                !strata::text::sanitize::is_unsafe(c) || c == '\n' || c == '\t',
                "{what}: raw {c:?} in output near {:?}",
                &rest[..rest.len().min(40)]
            );
        }
        rest = &rest[c.len_utf8()..];
    }
}

fn run_inert(f: &Fixture, args: &[&str], sgr: bool) -> Output {
    let o = strata(args, f.dir.path());
    let what = args.join(" ");
    assert_inert(&format!("{what} (stdout)"), &o.stdout, sgr);
    assert_inert(&format!("{what} (stderr)"), &o.stderr, false);
    o
}

#[test]
fn show_text_and_json() {
    let f = fixture();
    let a = f.a.to_str().unwrap();
    let o = run_inert(&f, &["show", a], false);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("распоряжение␛]2;pwned␇"), "the act type is shown visibly: {text:.600}");
    assert!(text.contains("ivanovo␛]2;pwned␇"), "the region key is shown visibly: {text:.600}");
    let o = run_inert(&f, &["show", a, "--json"], false);
    let back: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(back["meta"]["approval"]["act_type"], format!("распоряжение{EVIL}"), "JSON keeps text exact");
    let first_child = back["sections"][1]["children"][0]["key"].as_str().unwrap().to_string();
    let o = run_inert(&f, &["show", a, "--section", &first_child], false);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let o = run_inert(&f, &["show", a, "--section", &first_child, "--json"], false);
    let back: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(back["key"], first_child);
    // An unknown section: the error lists the crafted keys, sanitised.
    let o = run_inert(&f, &["show", a, "--section", &format!("nope{EVIL}")], false);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("␛]2;pwned␇"));
}

#[test]
fn search_text_and_json() {
    let f = fixture();
    let dir = f.dir.path().to_str().unwrap();
    let o = run_inert(&f, &["search", "pwned", dir], false);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let o = run_inert(&f, &["search", "здравоохранение", dir, "--json", "--limit", "200"], false);
    let hits: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(hits.as_array().unwrap().iter().any(|h| h["doc"].as_str().unwrap().contains(EVIL)), "origin kept exact");
}

#[test]
fn diff_every_format() {
    let f = fixture();
    let (a, b) = (f.a.to_str().unwrap(), f.b.to_str().unwrap());
    for format in ["unified", "side", "stat", "markdown"] {
        for color in ["never", "always"] {
            let o = run_inert(&f, &["diff", a, b, "--format", format, "--color", color], color == "always");
            assert_eq!(o.status.code(), Some(1), "{format} {color}: {}", String::from_utf8_lossy(&o.stderr));
            let text = String::from_utf8(o.stdout).unwrap();
            assert!(text.contains("2;pwned␇"), "{format} {color}: crafted keys shown visibly");
            if color == "always" && format != "markdown" {
                assert!(text.contains("\u{1b}[32m") || text.contains("\u{1b}[31m"), "{format}: colours still work");
            }
        }
    }
    let o = run_inert(&f, &["diff", a, b, "--format", "json"], false);
    let d: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(d["sections"].as_array().unwrap().iter().any(|s| s["key"].as_str().unwrap().ends_with(EVIL)));
}

#[test]
fn overview_and_errors() {
    let f = fixture();
    let (a, dir) = (f.a.to_str().unwrap(), f.dir.path().to_str().unwrap());
    let o = run_inert(&f, &["overview", a, "problems", dir], false);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let o = run_inert(&f, &["overview", a, "problems", dir, "--json"], false);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v["base"]["origin"].as_str().unwrap().ends_with(&format!("a{EVIL}.json")));
    // An error message echoing JSON content and a crafted file name.
    let bad = f.dir.path().join(format!("bad{EVIL}.json"));
    std::fs::write(
        &bad,
        format!("{{\"schema\": \"{}\"}}", EVIL.replace('\u{1b}', "\\u001b").replace('\u{7}', "\\u0007")),
    )
    .unwrap();
    for args in [vec!["show", bad.to_str().unwrap()], vec!["diff", bad.to_str().unwrap(), a], vec!["search", "x", dir]]
    {
        let o = run_inert(&f, &args, false);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&o.stderr).contains("bad␛]2;pwned␇"), "{args:?}: the file is named");
    }
}

#[test]
fn normalize_stdout_and_report() {
    let dir = tempfile::tempdir().unwrap();
    let raw = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/raw/tver.txt")).unwrap();
    let raw = raw.replacen("Тверской", &format!("Тверской{EVIL}"), 40);
    let input = dir.path().join(format!("t{EVIL}.txt"));
    std::fs::write(&input, raw).unwrap();
    let o = strata(&["normalize", input.to_str().unwrap(), "--report"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert_inert("normalize (stdout)", &o.stdout, false);
    assert_inert("normalize --report (stderr)", &o.stderr, false);
    let _: Value = serde_json::from_slice(&o.stdout).unwrap();
}
