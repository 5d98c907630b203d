//! `strata diff` of two regions reads as a comparison: blocks neither region pairs stand side by
//! side under both names, and a flattened text's lost punctuation is not shown as changes.

use std::process::Command;

fn diff(args: &[&str]) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_strata"))
        .env("LC_ALL", "C.UTF-8") // the wording asserted is English
        .arg("diff")
        .args(args)
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap())
}

const PAIR: [&str; 5] = ["ivanovo@2021-08-20", "tver", "--section", "problems.healthcare", "--width=100"];

#[test]
fn unmatched_blocks_of_two_regions_stand_side_by_side() {
    let (code, out) = diff(&PAIR);
    assert_eq!(code, 1);
    assert!(out.contains("comparing two regions: Ивановская область and Тверская область"), "{out}");
    let both = out.lines().find(|l| l.contains("only in Ивановская область") && l.contains("only in Тверская область"));
    assert!(both.is_some(), "one line names both regions above their unmatched blocks:\n{out}");
    // No edit script: no block is printed as a bare deletion or insertion.
    assert!(!out.lines().any(|l| l.starts_with("  - [") || l.starts_with("  + [")), "{out}");
    assert!(out.lines().all(|l| unicode_width::UnicodeWidthStr::width(l) <= 100), "{out}");
    // The side view names both documents above its columns.
    let (_, side) = diff(&[PAIR[0], PAIR[1], PAIR[2], PAIR[3], PAIR[4], "--format=side"]);
    let head = side.lines().find(|l| l.contains(" | ")).unwrap();
    assert!(head.contains("Ивановская область @ 2021-08-20") && head.contains("Тверская область @"), "{side}");
}

#[test]
fn flat_texts_lost_punctuation_is_ignored_unless_asked_for() {
    let (_, out) = diff(&PAIR);
    assert!(!out.contains("[-(-]") && !out.contains("[-),-]"), "{out}");
    let (_, kept) = diff(&[PAIR[0], PAIR[1], PAIR[2], PAIR[3], PAIR[4], "--keep-punct"]);
    assert!(kept.contains("[-(-]"), "--keep-punct compares punctuation:\n{kept}");
}

#[test]
fn a_revision_of_one_region_is_still_an_edit() {
    let (code, out) = diff(&["ivanovo@2021-08-20", "ivanovo@2022", "--width=100"]);
    assert_eq!(code, 1);
    assert!(!out.contains("comparing two regions") && !out.contains("only in "), "{out}");
}
