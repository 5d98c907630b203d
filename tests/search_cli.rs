//! `strata search`: output lines, JSON shape and exit codes, on fixture files in a temporary folder.

mod search_fixtures;

use std::path::Path;
use std::process::{Command, Output};

fn fixtures() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, v: serde_json::Value| {
        std::fs::write(dir.path().join(name), serde_json::to_string_pretty(&v).unwrap()).unwrap();
    };
    write("ivanovo.json", search_fixtures::ivanovo_json());
    write("astrakhan.json", search_fixtures::astrakhan_json());
    dir
}

/// Runs `strata search ARGS DIR` with its index cache in `DIR/cache` (no `*.json` there).
fn strata(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_strata"))
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .arg("search")
        .args(args)
        .arg(dir)
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn lines_name_region_key_title_and_mark_matches() {
    let dir = fixtures();
    let o = strata(&["егисз", "--scope", "text"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let out = stdout(&o);
    let line = out.lines().find(|l| l.contains("информационных систем")).unwrap_or_else(|| panic!("{out}"));
    let cols: Vec<&str> = line.split('\t').collect();
    assert_eq!(cols[..3], ["Ивановская область", "problems.healthcare", "Здравоохранение"]);
    assert!(cols[3].contains("с [ЕГИСЗ];") && cols[3].contains("к [ЕГИСЗ]"), "{}", cols[3]);
    assert!(out.lines().any(|l| l.starts_with("Астраханская область\tproblems.healthcare\t")));
}

#[test]
fn json_has_the_documented_shape() {
    let dir = fixtures();
    let o = strata(&["москва", "--json", "--limit", "5"], dir.path());
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let arr = v.as_array().unwrap();
    assert_eq!(arr.len(), 2);
    for h in arr {
        for k in ["doc", "region", "key", "title", "score", "snippet", "matches"] {
            assert!(h.get(k).is_some(), "missing {k} in {h}");
        }
        assert!(h["doc"].as_str().unwrap().ends_with("ivanovo.json"));
        assert_eq!(h["region"], "Ивановская область");
        assert_eq!(h["key"], "basics");
        assert!(h["score"].is_i64());
        let snippet: Vec<char> = h["snippet"].as_str().unwrap().chars().collect();
        let m = h["matches"].as_array().unwrap();
        assert_eq!(m.len(), 1);
        let (s, e) = (m[0][0].as_u64().unwrap() as usize, m[0][1].as_u64().unwrap() as usize);
        let word: String = snippet[s..e].iter().collect();
        assert_eq!(word.to_lowercase(), "москва");
    }
}

#[test]
fn ocr_flag_widens_body_matches() {
    let dir = fixtures();
    let plain = stdout(&strata(&["Астраханской области", "--scope", "text"], dir.path()));
    let ocr = stdout(&strata(&["Астраханской области", "--scope", "text", "--ocr"], dir.path()));
    assert_eq!(plain.lines().count(), 1);
    assert_eq!(ocr.lines().count(), 2);
    assert!(ocr.contains("[Асрахаской] [обасти]"), "{ocr}");
}

#[test]
fn exit_codes() {
    let dir = fixtures();
    let none = strata(&["несуществующееслово"], dir.path());
    assert_eq!(none.status.code(), Some(1));
    assert!(stdout(&none).is_empty());
    let none_json = strata(&["несуществующееслово", "--json"], dir.path());
    assert_eq!(none_json.status.code(), Some(1));
    assert_eq!(stdout(&none_json).trim(), "[]");

    let empty = strata(&["  "], dir.path());
    assert_eq!(empty.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&empty.stderr).contains("empty query"));

    let bad_scope = strata(&["егисз", "--scope", "everything"], dir.path());
    assert_eq!(bad_scope.status.code(), Some(2));

    // A broken file is named on stderr; the good ones are still searched, and the exit code says error.
    std::fs::write(dir.path().join("broken.json"), "{\n  \"schema\": 1,\n  oops").unwrap();
    let broken = strata(&["егисз"], dir.path());
    assert_eq!(broken.status.code(), Some(2));
    let err = String::from_utf8_lossy(&broken.stderr);
    assert!(err.contains("broken.json:3:"), "{err}");
    assert!(stdout(&broken).contains("ЕГИСЗ"));

    let missing = strata(&["егисз"], &dir.path().join("nope.json"));
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("nope.json: no such file"));
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let mut v = search_fixtures::ivanovo_json();
    v["sections"][0]["blocks"][0]["text"] = serde_json::json!("Москва \u{1b}[31mкрасная\u{7}");
    std::fs::write(dir.path().join("evil.json"), v.to_string()).unwrap();
    let o = strata(&["москва"], dir.path());
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    assert!(out.contains("␛[31mкрасная"));
}

#[test]
fn versions_of_one_region_are_told_apart() {
    let dir = fixtures();
    let mut rev = search_fixtures::ivanovo_json();
    rev["meta"]["version"]["label"] = serde_json::json!("2022-08-26 (revision)");
    std::fs::write(dir.path().join("ivanovo-rev.json"), rev.to_string()).unwrap();
    let out = stdout(&strata(&["ЕГИСЗ", "--scope", "titles"], dir.path()));
    // The same text in both versions is one line naming both; a text of one version names it alone.
    assert!(out.lines().any(|l| l.starts_with("Ивановская область @ 2021-08-20, 2022-08-26 (revision)\t")), "{out}");
    assert!(!out.lines().any(|l| l.starts_with("Ивановская область @ 2021-08-20\t")), "{out}");
    assert!(!out.lines().any(|l| l.starts_with("Астраханская область @")), "{out}");
    rev["indicators"][0]["name"] = serde_json::json!("Доля организаций, подключенных к ЕГИСЗ в 2022 году");
    std::fs::write(dir.path().join("ivanovo-rev.json"), rev.to_string()).unwrap();
    let out = stdout(&strata(&["ЕГИСЗ", "--scope", "titles"], dir.path()));
    assert!(out.lines().any(|l| l.starts_with("Ивановская область @ 2022-08-26 (revision)\tindicators")), "{out}");
    assert!(out.lines().any(|l| l.starts_with("Ивановская область @ 2021-08-20\tindicators")), "{out}");
}

#[test]
fn other_reading_is_named_on_stderr_and_results_past_the_limit_counted() {
    let dir = fixtures();
    let o = strata(&["tubcp", "--scope", "text"], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("showing results for «егисз»"), "{}", stderr(&o));
    assert!(stdout(&o).lines().all(|l| l.contains("[ЕГИСЗ]")), "{}", stdout(&o));
    let ru = Command::new(env!("CARGO_BIN_EXE_strata"))
        .env("XDG_CACHE_HOME", dir.path().join("cache"))
        .env("LC_ALL", "ru_RU.UTF-8")
        .args(["search", "egisz"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(stderr(&ru).contains("показаны результаты для «егисз»"), "{}", stderr(&ru));
    let all = stdout(&strata(&["а", "--limit", "1000"], dir.path())).lines().count();
    let o = strata(&["а", "--limit", "2"], dir.path());
    assert_eq!(stdout(&o).lines().count(), 2);
    assert!(stderr(&o).contains(&format!("{} more results past --limit 2", all - 2)), "{} of {all}", stderr(&o));
}

#[test]
fn index_cache_follows_file_content() {
    let dir = fixtures();
    let first = strata(&["москва"], dir.path());
    let entries = || std::fs::read_dir(dir.path().join("cache/strata/index")).map_or(0, |d| d.count());
    assert!(entries() >= 2, "one entry per document");
    let again = strata(&["москва"], dir.path());
    assert_eq!(stdout(&first), stdout(&again));
    // A changed file is indexed again, even at the same size and within the same second.
    let path = dir.path().join("ivanovo.json");
    let text = std::fs::read_to_string(&path).unwrap().replace("МОСКВА", "ТВЕРЬ!");
    std::fs::write(&path, text).unwrap();
    let changed = stdout(&strata(&["москва"], dir.path()));
    assert!(!changed.contains("МОСКВА") && stdout(&first).contains("МОСКВА"), "{changed}");
    assert!(stdout(&strata(&["тверь"], dir.path())).contains("ТВЕРЬ"));
    // A damaged entry is rebuilt, not trusted.
    for e in std::fs::read_dir(dir.path().join("cache/strata/index")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "idx") {
            std::fs::write(&p, b"STRATAIX garbage").unwrap();
        }
    }
    assert_eq!(stdout(&strata(&["тверь"], dir.path())), stdout(&strata(&["тверь", "--no-cache"], dir.path())));
}
