//! The scripted sample revision (samples/revisions/ivanovo-2022-rev.edits): the revised text is
//! up to date, the word counts of its edited sections agree with independent tools, and a diff of
//! the normalized documents shows exactly the scripted edits.

mod tools;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use strata::compare::norm::{Normalization, TokenKind, tokens, word_count};
use strata::compare::revision::Revision;
use strata::compare::words::{SpanKind, diff_words};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn script() -> (Revision, String, String) {
    let path = root().join("samples/revisions/ivanovo-2022-rev.edits");
    let rev = Revision::read(&path).unwrap();
    let (source, output) = rev.paths(&path);
    (rev, std::fs::read_to_string(source).unwrap(), std::fs::read_to_string(output).unwrap())
}

#[test]
fn revised_text_is_up_to_date_with_its_script() {
    let (rev, original, revised) = script();
    assert_eq!(rev.apply(&original, "ivanovo.txt").unwrap(), revised, "run `cargo run --example revise`");
    assert!(rev.edits.len() >= 6);
    let meta = std::fs::read_to_string(root().join("samples/raw/ivanovo-rev.meta.toml")).unwrap();
    let meta: toml::Value = toml::from_str(&meta).unwrap();
    assert_eq!(meta["version"]["illustrative"].as_bool(), Some(true));
    assert!(meta["version"]["note"].as_str().unwrap().contains("not an official document"));
}

/// The body of a raw section: lines from the heading starting with `from` up to the next line
/// starting with `to`, page numbers and blank lines dropped, joined with spaces. Table-of-contents
/// lines (with a dot leader) are not headings.
fn raw_section(text: &str, from: &str, to: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.starts_with(from) && !l.contains(".."))
        .unwrap_or_else(|| panic!("no heading {from:?}"));
    let end = start + 1 + lines[start + 1..].iter().position(|l| l.starts_with(to)).unwrap();
    lines[start + 1..end]
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty() && !l.chars().all(|c| c.is_ascii_digit()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Words added and removed as `git diff --no-index --word-diff=porcelain` counts them, with a
/// word regex that cuts tokens as Unicode word boundaries do for Russian prose.
fn git_counts(dir: &Path, a: &str, b: &str) -> (usize, usize) {
    std::fs::write(dir.join("a.txt"), format!("{a}\n")).unwrap();
    std::fs::write(dir.join("b.txt"), format!("{b}\n")).unwrap();
    let out = Command::new("git")
        .args([
            "diff",
            "--no-index",
            "--word-diff=porcelain",
            "--word-diff-regex=[[:alnum:]]*[[:digit:]]([.,][[:digit:]]+)+|[[:alnum:]]+|[^[:space:][:alnum:]]",
        ])
        .args(["a.txt", "b.txt"])
        .current_dir(dir)
        .env("LC_ALL", "C.UTF-8")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let (mut added, mut removed) = (0, 0);
    for line in text.lines().skip_while(|l| !l.starts_with("@@")).skip(1) {
        if let Some(t) = line.strip_prefix('+') {
            added += word_count(t);
        } else if let Some(t) = line.strip_prefix('-') {
            removed += word_count(t);
        }
    }
    (added, removed)
}

/// Tokens added and removed as `dwdiff --statistics -P` counts them (inserted or deleted plus
/// changed; with `-P` each punctuation character is a word of its own).
fn dwdiff_counts(dir: &Path) -> (usize, usize) {
    let out = Command::new("dwdiff")
        .args(["--statistics", "-P", "a.txt", "b.txt"])
        .current_dir(dir)
        .env("LC_ALL", "C.UTF-8")
        .output()
        .expect("dwdiff runs");
    let text = String::from_utf8_lossy(&out.stderr).into_owned();
    let numbers = |prefix: &str| -> Vec<usize> {
        let line = text.lines().find(|l| l.starts_with(prefix)).unwrap_or_else(|| panic!("no {prefix} in {text}"));
        let v: Vec<usize> = line.split_whitespace().filter_map(|w| w.trim_end_matches('%').parse().ok()).collect();
        // An empty side reads "new: 0 words".
        assert!(v.len() == 7 || v == [0], "unexpected dwdiff statistics: {text}");
        if v.len() == 7 { v } else { vec![0; 7] }
    };
    // "old: W words  C P% common  D P% deleted  X P% changed"
    let (old, new) = (numbers("old:"), numbers("new:"));
    (new[3] + new[5], old[3] + old[5])
}

#[test]
fn word_counts_agree_with_git_and_dwdiff_on_sample_sections() {
    if !tools::require("git") {
        return;
    }
    let dwdiff = tools::require("dwdiff");
    let (_, original, revised) = script();
    let kaliningrad = std::fs::read_to_string(root().join("samples/raw/kaliningrad.txt")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let health = (" 4.2. Здравоохранение", " 4.3.");
    let mut pairs = vec![];
    for (from, to) in [(" 1.3. Особенности", " 2. Раздел"), (" 4.1. Образование", " 4.2."), health]
    {
        pairs.push((raw_section(&original, from, to), raw_section(&revised, from, to)));
    }
    // Unrelated texts too: education against healthcare, and two regions' healthcare sections.
    pairs.push((raw_section(&original, " 4.1. Образование", " 4.2."), raw_section(&original, health.0, health.1)));
    // Kaliningrad's body heading (its table of contents repeats the title with a dot leader).
    let kal_health = kaliningrad
        .lines()
        .find(|l| l.trim_start().starts_with("4.") && l.contains("Здравоохранение") && !l.contains(".."))
        .unwrap();
    let kal = raw_section(&kaliningrad, kal_health, " 4.3.");
    assert!(word_count(&kal) > 100, "{kal}");
    pairs.push((raw_section(&original, health.0, health.1), kal));
    let mut checked_dwdiff = 0;
    for (i, (a, b)) in pairs.iter().enumerate() {
        let ours = diff_words(a, b, &Normalization::default());
        let git = git_counts(dir.path(), a, b);
        assert_eq!((ours.words_added, ours.words_removed), git, "pair {i} against git");
        if i < 3 {
            assert!(ours.words_added > 0, "pair {i}: the revision edits this section");
        }
        if dwdiff {
            let dw = dwdiff_counts(dir.path());
            // dwdiff counts punctuation marks too: count our non-space tokens the same way.
            let visible = |kind: SpanKind, b: bool| -> usize {
                ours.side(b)
                    .filter(|(k, _)| *k == kind)
                    .map(|(_, t)| tokens(t).iter().filter(|x| x.kind != TokenKind::Space).count())
                    .sum()
            };
            let ours_tokens = (visible(SpanKind::Inserted, true), visible(SpanKind::Deleted, false));
            if i < 4 {
                assert_eq!(ours_tokens, dw, "pair {i} against dwdiff");
            } else {
                // On two regions' unrelated texts dwdiff's own diff is not minimal (it keeps fewer
                // common words); ours never reports more changes than it does.
                assert!(ours_tokens.0 <= dw.0 && ours_tokens.1 <= dw.1, "pair {i}: {ours_tokens:?} vs dwdiff {dw:?}");
            }
            checked_dwdiff += 1;
        }
    }
    assert!(!dwdiff || checked_dwdiff == pairs.len(), "every pair is checked against dwdiff when it is there");
}

/// Normalizes both raw texts and checks that their diff shows exactly the scripted edits.
#[test]
fn version_diff_shows_exactly_the_scripted_edits() {
    use strata::compare::{Options, Status, diff_documents};
    let (rev, original, revised) = script();
    let a = strata::normalize::normalize(original.as_bytes(), "ivanovo.txt").unwrap();
    let b = strata::normalize::normalize(revised.as_bytes(), "ivanovo-rev.txt").unwrap();
    let d = diff_documents(&a, &b, &Options::default());
    let words = |s: &str| -> BTreeMap<String, usize> {
        let mut m = BTreeMap::new();
        for t in s.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()) {
            *m.entry(t.to_string()).or_insert(0) += 1;
        }
        m
    };
    // Expected inserted and deleted words per prose section, and sections allowed to change.
    let mut expected: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut may_change: Vec<String> = Vec::new();
    for e in &rev.edits {
        if let Some(key) = &e.expect.section {
            let entry = expected.entry(key.clone()).or_default();
            entry.0 += &format!(" {}", e.expect.inserted.as_deref().unwrap_or(""));
            entry.1 += &format!(" {}", e.expect.deleted.as_deref().unwrap_or(""));
        }
        may_change.extend(e.expect.may_change.iter().cloned());
    }
    for s in d.sections.iter().filter(|s| s.is_change()) {
        match expected.get(&s.key) {
            Some((ins, del)) => {
                let (mut got_ins, mut got_del) = (String::new(), String::new());
                for r in s.changes() {
                    match (&r.words, r.status) {
                        (Some(w), _) => {
                            for (kind, t) in w.side(true) {
                                if kind == strata::compare::words::SpanKind::Inserted {
                                    got_ins += &format!(" {t}");
                                }
                            }
                            for (kind, t) in w.side(false) {
                                if kind == strata::compare::words::SpanKind::Deleted {
                                    got_del += &format!(" {t}");
                                }
                            }
                        }
                        (None, Status::Added) => got_ins += &format!(" {}", r.text_b.as_deref().unwrap()),
                        (None, Status::Removed) => got_del += &format!(" {}", r.text_a.as_deref().unwrap()),
                        _ => {}
                    }
                }
                assert_eq!(words(&got_ins), words(ins), "{}: inserted words", s.key);
                assert_eq!(words(&got_del), words(del), "{}: deleted words", s.key);
            }
            None => assert!(may_change.contains(&s.key), "unexpected change in {}: {:?}", s.key, s.status),
        }
    }
    for key in expected.keys() {
        assert!(d.sections.iter().any(|s| &s.key == key && s.is_change()), "{key} should change");
    }
    // Projects: exactly the scripted additions and removals, nothing else.
    let fold = |s: &str| {
        strata::compare::norm::normalized(s, &Normalization { ignore_case: true, ignore_punct: true, ocr: false })
    };
    let changed_projects: Vec<_> = d.projects.iter().filter(|p| p.status != Status::Same).collect();
    let mut want_projects: Vec<(Status, String)> = Vec::new();
    for e in &rev.edits {
        if let Some(n) = &e.expect.project_added {
            want_projects.push((Status::Added, fold(n)));
        }
        if let Some(n) = &e.expect.project_removed {
            want_projects.push((Status::Removed, fold(n)));
        }
    }
    want_projects.sort();
    want_projects.dedup();
    let mut got_projects: Vec<(Status, String)> = changed_projects.iter().map(|p| (p.status, fold(&p.name))).collect();
    got_projects.sort();
    assert_eq!(got_projects, want_projects);
    // Indicators: the changed value and the added row, nothing else.
    let changed: Vec<_> = d.indicators.iter().filter(|i| i.status != Status::Same).collect();
    let mut n_expected = 0;
    for e in &rev.edits {
        if let Some(name) = &e.expect.indicator {
            n_expected += 1;
            let i = changed.iter().find(|i| fold(&i.name).starts_with(&fold(name))).expect("changed indicator");
            assert_eq!(i.status, Status::Changed);
            let v = &i.values[&e.expect.year.unwrap().to_string()];
            assert_eq!((v.a, v.b), (e.expect.a, e.expect.b));
            assert_eq!(i.values.values().filter(|v| v.differs()).count(), 1);
        }
        if let Some(name) = &e.expect.indicator_added {
            n_expected += 1;
            let i = changed.iter().find(|i| fold(&i.name).starts_with(&fold(name))).expect("added indicator");
            assert_eq!(i.status, Status::Added);
            let values: BTreeMap<String, f64> = i.values.iter().map(|(y, v)| (y.clone(), v.b.unwrap())).collect();
            assert_eq!(Some(&values), e.expect.values.as_ref());
        }
    }
    assert_eq!(changed.len(), n_expected, "{changed:#?}");
}

/// A section as the flattened OCR texts present it: punctuation and stopwords gone, one line.
fn flatten(s: &str) -> String {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !strata::text::fold::is_stopword(&strata::text::fold::fold(w)))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn ocr_mode_sees_content_changes_not_flattening_noise_on_a_sample_section() {
    let (_, original, revised) = script();
    let health = (" 4.2. Здравоохранение", " 4.3.");
    let clean = raw_section(&original, health.0, health.1);
    let flat = flatten(&clean);
    let strict = diff_words(&clean, &flat, &Normalization::default());
    assert!(
        strict.words_removed > 20,
        "without OCR tolerance the lost stopwords are changes: {}",
        strict.words_removed
    );
    let ocr = Normalization { ocr: true, ..Default::default() };
    let same = diff_words(&clean, &flat, &ocr);
    assert!(same.is_same(), "{:?}", same.spans.iter().filter(|s| s.kind != SpanKind::Equal).collect::<Vec<_>>());
    // The revision's edits of this section, flattened, show as exactly their content words.
    let flat_rev = flatten(&raw_section(&revised, health.0, health.1));
    let d = diff_words(&clean, &flat_rev, &ocr);
    let changed = |kind: SpanKind, b: bool| -> Vec<String> {
        d.side(b)
            .filter(|(k, _)| *k == kind)
            .flat_map(|(_, t)| flatten(t).split(' ').map(str::to_string).collect::<Vec<_>>())
            .filter(|w| !w.is_empty())
            .collect()
    };
    assert_eq!(
        changed(SpanKind::Inserted, true),
        [
            "медицинских",
            "взрослого",
            "населения",
            "обмене",
            "сведениями",
            "федеральными",
            "информационными",
            "системами",
            "обеспечению"
        ]
    );
    assert_eq!(changed(SpanKind::Deleted, false), ["соблюдению"]);
}
