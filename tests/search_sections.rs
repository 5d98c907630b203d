//! `--section` takes Russian names where unambiguous, lists the choices otherwise, and answers a
//! wrong key with the nearest keys (`strata show`, `strata diff`).

use std::process::{Command, Output};

fn strata(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_strata"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("LC_ALL", "C.UTF-8") // the messages asserted are English
        .args(args)
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn show_takes_a_russian_name() {
    let o = strata(&["show", "samples/ivanovo.json", "--section", "Проблемы здравоохранения"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("[problems.healthcare]"), "{}", text(&o.stdout));
    let by_key = strata(&["show", "samples/ivanovo.json", "--section", "problems.healthcare"]);
    assert_eq!(o.stdout, by_key.stdout);
}

#[test]
fn an_ambiguous_name_lists_the_choices_and_a_wrong_key_gets_did_you_mean() {
    let o = strata(&["show", "samples/ivanovo.json", "--section", "здравоохранение"]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    for k in ["problems.healthcare", "projects.healthcare", "indicators.healthcare", "Проекты › Здравоохранение"]
    {
        assert!(err.contains(k), "{err}");
    }
    let o = strata(&["diff", "samples/ivanovo.json", "samples/ivanovo-rev.json", "--section", "problms.healthcare"]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(err.contains("did you mean problems.healthcare?"), "{err}");
    assert!(err.lines().count() <= 2 && !err.contains("glossary"), "no list of every key: {err}");
}

#[test]
fn diff_takes_a_russian_name() {
    let o = strata(&["diff", "samples/ivanovo.json", "samples/ivanovo-rev.json", "--section", "проекты здрав"]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", text(&o.stderr));
    let by_key =
        strata(&["diff", "samples/ivanovo.json", "samples/ivanovo-rev.json", "--section", "projects.healthcare"]);
    assert_eq!(text(&o.stdout), text(&by_key.stdout));
}
