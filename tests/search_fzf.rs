//! Differential test against fzf, the reference for the query syntax: on the fixture texts, the set of
//! items a query matches must be the set `fzf --filter` prints for the same query, for exact, anchored
//! and word-prefix terms. Fuzzy terms are compared on titles: strata's matches must be among fzf's
//! (strata is stricter: after leaving a word a match resumes only at a word start, so it drops fzf's
//! scattered-letter matches such as "цпг" in "Доля медицинских организаций, подключенных ..."). On body
//! text strata matches words and substrings only, so there only exact and anchored terms are compared. Queries avoid ё, which
//! fzf does not fold to е. CI installs fzf (`.ci/run`).

mod search_fixtures;

mod tools;

use std::io::Write;
use std::process::{Command, Stdio};
use strata::search::{Index, Options, Query, Scope, search};

fn fzf(lines: &[String], query: &str) -> Vec<String> {
    let mut child =
        match Command::new("fzf").arg("--filter").arg(query).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn() {
            Ok(c) => c,
            Err(e) => panic!("fzf could not be started: {e}"),
        };
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(lines.join("\n").as_bytes()).unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    let mut v: Vec<String> = String::from_utf8(out.stdout).unwrap().lines().map(String::from).collect();
    v.sort();
    v
}

fn ours(ix: &Index, query: &str, scope: Scope) -> Vec<String> {
    let opts = Options { scope, limit: usize::MAX, ..Options::default() };
    let mut v: Vec<String> = search(ix, &Query::parse(query), &opts)
        .into_iter()
        .filter(|h| !h.on_key)
        .map(|h| ix.items[h.item].text().to_string())
        .collect();
    v.sort();
    v
}

fn lines(ix: &Index, scope: Scope) -> Vec<String> {
    ix.items.iter().filter(|i| scope.includes(i.field)).map(|i| i.text().to_string()).collect()
}

#[test]
fn titles_match_the_same_items_as_fzf() {
    if !tools::require("fzf") {
        return;
    }
    let ix = Index::build(&search_fixtures::docs());
    let input = lines(&ix, Scope::Titles);
    for q in [
        "здрав",
        "Здрав",
        "ЗДРАВ",
        "^цифровой",
        "гражданина$",
        "^здравоохранение$",
        "цифров !профиль",
        "цифров медицин",
        "ЕГИСЗ",
        "'данных",
        "здрав | платф",
        "проф гражд",
    ] {
        let theirs = fzf(&input, q);
        assert!(!theirs.is_empty() || q == "ЗДРАВ", "fzf found nothing for {q:?}: a query that tests nothing");
        assert_eq!(ours(&ix, q, Scope::Titles), theirs, "query {q:?}");
    }
    for q in ["цпг", "зрвх", "цфрв", "здрвх", "прф грж"] {
        let (mine, theirs) = (ours(&ix, q, Scope::Titles), fzf(&input, q));
        assert!(!mine.is_empty(), "strata found nothing for {q:?}");
        assert!(mine.iter().all(|m| theirs.contains(m)), "query {q:?}: {mine:?} not within fzf's {theirs:?}");
    }
}

#[test]
fn exact_and_anchored_terms_match_the_same_body_items_as_fzf() {
    if !tools::require("fzf") {
        return;
    }
    let ix = Index::build(&search_fixtures::docs());
    let input = lines(&ix, Scope::All);
    for q in
        ["'москва", "'Москва", "'МОСКВА", "'егисз !мис", "^опыт", "завершено.$", "'платформ 'связи", "'егисз | 'мис"]
    {
        let theirs = fzf(&input, q);
        assert!(!theirs.is_empty(), "fzf found nothing for {q:?}");
        assert_eq!(ours(&ix, q, Scope::All), theirs, "query {q:?}");
    }
}
