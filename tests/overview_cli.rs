//! `strata overview` as a process: ranking over the bundled samples and a folder, JSON, errors.

use std::process::{Command, Output};

fn strata(args: &[&str], cwd: &std::path::Path) -> Output {
    // The messages asserted are English.
    Command::new(env!("CARGO_BIN_EXE_strata")).args(args).current_dir(cwd).env("LC_ALL", "C.UTF-8").output().unwrap()
}

fn json(o: &Output) -> serde_json::Value {
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn own_revision_ranks_last_among_bundled_samples() {
    let empty = tempfile::tempdir().unwrap();
    let v = json(&strata(&["overview", "ivanovo@2021-08-20", "problems.healthcare", "--json"], empty.path()));
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 5, "every other bundled sample: {v}");
    let last = rows.last().unwrap();
    assert_eq!(last["region"], "ivanovo", "the revision is the least different: {v}");
    assert!(last["similarity"].as_f64().unwrap() > 0.8);
    let sims: Vec<f64> = rows.iter().map(|r| r["similarity"].as_f64().unwrap()).collect();
    assert!(sims.windows(2).all(|w| w[0] <= w[1]), "most different first: {sims:?}");
    assert!(rows[0]["similarity"].as_f64().unwrap() < 0.5);
}

#[test]
fn folder_with_a_missing_section_and_text_table() {
    let dir = tempfile::tempdir().unwrap();
    let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    for f in ["ivanovo.json", "tver.json"] {
        std::fs::copy(samples.join(f), dir.path().join(f)).unwrap();
    }
    // A copy of tver without its healthcare problems section.
    let mut tver: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(samples.join("tver.json")).unwrap()).unwrap();
    fn strip(v: &mut serde_json::Value) {
        if let Some(a) = v.as_array_mut() {
            a.retain(|s| s["key"] != "problems.healthcare");
            a.iter_mut().for_each(|s| strip(&mut s["children"]));
        }
    }
    strip(&mut tver["sections"]);
    tver["meta"]["region"]["key"] = "tver2".into();
    std::fs::write(dir.path().join("tver2.json"), tver.to_string()).unwrap();
    let v = json(&strata(&["overview", "ivanovo", "problems.healthcare", ".", "--json"], dir.path()));
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!((rows[0]["region"].as_str(), rows[0]["present"].as_bool()), (Some("tver2"), Some(false)));
    assert_eq!(rows[0]["words"], 0);
    assert_eq!((rows[1]["region"].as_str(), rows[1]["present"].as_bool()), (Some("tver"), Some(true)));
    let text = strata(&["overview", "ivanovo", "problems.healthcare", "."], dir.path());
    let out = String::from_utf8(text.stdout).unwrap();
    assert!(out.contains("absent"), "{out}");
    assert!(out.lines().nth(1).unwrap().contains("similarity"), "{out}");
}

#[test]
fn bad_input_exits_2_with_a_clear_message() {
    let empty = tempfile::tempdir().unwrap();
    let o = strata(&["overview", "ivanovo@2021-08-20", "no.such.key"], empty.path());
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("no section `no.such.key`") && err.contains("problems.healthcare"), "{err}");
    let o = strata(&["overview", "atlantis", "goals"], empty.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("atlantis: no such file"));
    assert!(o.stdout.is_empty());
}
