//! A bare REGION names its newest official (non-illustrative) version in `diff` and `overview`,
//! and says which it picked; an ambiguity lists only the documents that match.

use std::path::Path;
use std::process::{Command, Output};

fn strata(args: &[&str], cwd: &Path) -> Output {
    // The messages asserted are English.
    Command::new(env!("CARGO_BIN_EXE_strata")).args(args).current_dir(cwd).env("LC_ALL", "C.UTF-8").output().unwrap()
}

fn sample(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples").join(name)
}

#[test]
fn readme_example_picks_the_newest_official_version() {
    // No JSON in the folder: the bundled samples, where ivanovo has an official version and a
    // newer illustrative revision.
    let dir = tempfile::tempdir().unwrap();
    let o = strata(&["diff", "ivanovo", "tver", "--section", "problems.healthcare"], dir.path());
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("ivanovo: using ivanovo@2021-08-20") && err.contains("newest official"), "{err}");
    assert!(!err.contains("tver: using"), "an unambiguous name needs no note: {err}");
    assert!(String::from_utf8_lossy(&o.stdout).contains("problems.healthcare"));
    let o = strata(&["overview", "ivanovo", "problems", "--json"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["base"]["version"], "2021-08-20");
    // An explicit version still picks the illustrative revision.
    let o = strata(&["diff", "ivanovo@2021-08-20", "ivanovo@2022", "--format", "stat"], dir.path());
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn an_ambiguity_lists_only_the_matching_documents() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(sample("tver.json"), dir.path().join("a.json")).unwrap();
    std::fs::copy(sample("tver.json"), dir.path().join("b.json")).unwrap();
    std::fs::copy(sample("ivanovo.json"), dir.path().join("ivanovo.json")).unwrap();
    for args in [vec!["diff", "tver", "ivanovo"], vec!["overview", "tver", "problems"]] {
        let o = strata(&args, dir.path());
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("2 documents match") && err.contains("a.json") && err.contains("b.json"), "{err}");
        assert!(!err.contains("ivanovo@"), "{args:?}: only the matching documents are listed: {err}");
    }
}
