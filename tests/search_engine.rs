//! Search engine behaviour on realistic Cyrillic fixture documents.

mod search_fixtures;

use std::ops::Range;
use strata::search::{Class, Field, Hit, Index, Options, Query, ReadingKind, Scope, search};

fn index() -> Index {
    Index::build(&search_fixtures::docs())
}

fn find(ix: &Index, q: &str, opts: Options) -> Vec<Hit> {
    search(ix, &Query::parse(q), &Options { limit: 100, ..opts })
}

fn all(ix: &Index, q: &str) -> Vec<Hit> {
    find(ix, q, Options::default())
}

fn slice(s: &str, r: &Range<usize>) -> String {
    s.chars().skip(r.start).take(r.end - r.start).collect()
}

/// Each hit's matched substrings of its own text (character ranges applied to characters).
fn matched_words(ix: &Index, h: &Hit) -> Vec<String> {
    h.matches.iter().map(|r| slice(ix.items[h.item].text(), r)).collect()
}

fn texts(ix: &Index, hits: &[Hit]) -> Vec<String> {
    hits.iter().map(|h| ix.items[h.item].text().to_string()).collect()
}

#[test]
fn cyrillic_case_folds_both_ways() {
    let ix = index();
    let lower = texts(&ix, &all(&ix, "москва"));
    assert!(lower.iter().any(|t| t.contains("опытом Москва") || t.contains("опыта Москва")), "{lower:?}");
    assert!(lower.iter().any(|t| t.contains("МОСКВА")), "{lower:?}");
    let hits = all(&ix, "ЗДРАВООХРАНЕНИЕ");
    // Upper case in the query is case-sensitive (smart case), so the title "Здравоохранение" is not found...
    assert!(hits.is_empty(), "{:?}", texts(&ix, &hits));
    // ...while lower case finds titles written in any case.
    assert!(all(&ix, "здравоохранение").iter().any(|h| h.field == Field::SectionTitle));
}

#[test]
fn smart_case_upper_letter_is_case_sensitive() {
    let ix = index();
    let hits = texts(&ix, &all(&ix, "Москва"));
    assert!(hits.iter().any(|t| t.contains("Москва")));
    assert!(!hits.iter().any(|t| t.contains("МОСКВА")), "{hits:?}");
    let upper = texts(&ix, &all(&ix, "МОСКВА"));
    assert_eq!(upper, vec!["ОПЫТ МОСКВА УЧТЕН ЧАСТИЧНО.".to_string()]);
}

#[test]
fn yo_equals_ye_both_ways() {
    let ix = index();
    // The text has "учётом"; the query is typed with е.
    assert!(texts(&ix, &all(&ix, "учетом")).iter().any(|t| t.contains("учётом")));
    // The text has "УЧТЕН"; the query is typed with ё (and is case-sensitive: upper case).
    assert!(texts(&ix, &all(&ix, "УЧТЁН")).iter().any(|t| t.contains("УЧТЕН")));
    assert!(texts(&ix, &all(&ix, "учтён")).iter().any(|t| t.contains("УЧТЕН")));
}

#[test]
fn exact_operator_disables_fuzzy() {
    let ix = index();
    let fuzzy = all(&ix, "цпг");
    assert!(fuzzy.iter().any(|h| h.title == "Цифровой профиль гражданина" && h.class == Class::Fuzzy));
    assert!(all(&ix, "'цпг").is_empty());
    let exact = all(&ix, "'профил");
    assert!(!exact.is_empty() && exact.iter().all(|h| ix.items[h.item].text().to_lowercase().contains("профил")));
}

#[test]
fn prefix_suffix_and_equal_operators_anchor_the_field() {
    let ix = index();
    let pre = find(&ix, "^цифровой", Options { scope: Scope::Titles, ..Options::default() });
    let titles: Vec<&str> = pre.iter().map(|h| h.title.as_str()).collect();
    assert_eq!(titles, vec!["Цифровой профиль гражданина"]);
    let suf = find(&ix, "гражданина$", Options { scope: Scope::Titles, ..Options::default() });
    assert_eq!(suf.iter().map(|h| h.title.as_str()).collect::<Vec<_>>(), vec!["Цифровой профиль гражданина"]);
    let eq = find(&ix, "^здравоохранение$", Options { scope: Scope::Titles, ..Options::default() });
    assert_eq!(eq.len(), 3, "{:?}", eq.iter().map(|h| &h.key).collect::<Vec<_>>());
    assert!(eq.iter().all(|h| h.title == "Здравоохранение"));
}

#[test]
fn negation_excludes_and_space_is_and() {
    let ix = index();
    let titles = |q: &str| -> Vec<String> {
        find(&ix, q, Options { scope: Scope::Titles, ..Options::default() }).into_iter().map(|h| h.title).collect()
    };
    let both = titles("цифров");
    assert!(both.contains(&"Цифровой профиль гражданина".to_string()));
    assert!(both.contains(&"Развитие цифровой медицины".to_string()));
    let not = titles("цифров !профиль");
    assert!(!not.contains(&"Цифровой профиль гражданина".to_string()));
    assert!(not.contains(&"Развитие цифровой медицины".to_string()));
    let and = titles("цифров медицин");
    assert_eq!(and, vec!["Развитие цифровой медицины".to_string()]);
    let or = texts(&ix, &find(&ix, "'егисз | 'мис", Options { scope: Scope::Text, ..Options::default() }));
    assert!(or.iter().any(|t| t.contains("МИС")) && or.iter().any(|t| t.contains("ЕГИСЗ")));
}

#[test]
fn highlight_positions_are_characters_of_the_displayed_text() {
    let ix = index();
    for h in all(&ix, "москва") {
        assert!(!h.matches.is_empty());
        // Whole word forms are highlighted: «Москва», «Москве», «москвичи» (stem «москв»).
        for w in matched_words(&ix, &h) {
            assert!(w.to_lowercase().starts_with("москв"), "{w}");
        }
        for r in &h.snippet.matches {
            assert!(slice(&h.snippet.text, r).to_lowercase().starts_with("москв"));
        }
    }
    // Fuzzy matches highlight the matched letters, in characters.
    let h = all(&ix, "цпг").into_iter().find(|h| h.title == "Цифровой профиль гражданина").unwrap();
    assert_eq!(matched_words(&ix, &h).concat(), "Цпг");
    // Phrase matches highlight each word, whatever separates them.
    let h = all(&ix, "платформы обратной")
        .into_iter()
        .find(|h| h.class == Class::Phrase && ix.items[h.item].text().contains("платформы"))
        .unwrap();
    assert_eq!(matched_words(&ix, &h), vec!["платформы", "обратной"]);
}

#[test]
fn ranking_phrase_over_word_prefix_over_fuzzy() {
    let ix = index();
    let hits = all(&ix, "платформа обратной");
    let first = &hits[0];
    assert_eq!((first.title.as_str(), first.class), ("Платформа обратной связи", Class::Phrase));
    // "Обратной связи ... служит платформа" has both words but not as a phrase: ranked below.
    let pos = |needle: &str| hits.iter().position(|h| ix.items[h.item].text().contains(needle)).unwrap();
    assert!(pos("служит платформа") > 0);
    assert!(hits[pos("служит платформа")].class < Class::Phrase);

    let hits = find(&ix, "здрав", Options { scope: Scope::Titles, ..Options::default() });
    let prefix = hits.iter().position(|h| h.title == "Здравоохранение").unwrap();
    let fuzzy = hits.iter().position(|h| h.title == "Защита данных и равноправие доступа").unwrap();
    assert!(prefix < fuzzy);
    assert_eq!(hits[prefix].class, Class::Prefix);
    assert_eq!(hits[fuzzy].class, Class::Fuzzy);
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
}

#[test]
fn ranking_titles_over_body() {
    let ix = index();
    let hits = all(&ix, "егисз");
    let title = hits.iter().position(|h| h.field == Field::IndicatorName(0)).unwrap();
    let body = hits.iter().position(|h| matches!(h.field, Field::Block(_))).unwrap();
    assert!(title < body, "{:?}", hits.iter().map(|h| (&h.field, h.score)).collect::<Vec<_>>());
    assert_eq!(hits[title].class, hits[body].class);
}

#[test]
fn ocr_mode_finds_damaged_words_only_when_asked() {
    let ix = index();
    let q = "Астраханской области";
    let plain = texts(&ix, &find(&ix, q, Options::default()));
    assert_eq!(plain, vec!["Правительство Астраханской области утверждает стратегию".to_string()]);
    let ocr = find(&ix, q, Options { ocr: true, ..Options::default() });
    let t = texts(&ix, &ocr);
    assert_eq!(t[0], "Правительство Астраханской области утверждает стратегию");
    let damaged = ocr.iter().find(|h| ix.items[h.item].text().contains("Асрахаской")).expect("damaged text found");
    assert_eq!(damaged.class, Class::Ocr);
    assert_eq!(matched_words(&ix, damaged), vec!["Асрахаской", "обасти"]);
    // A word typed in full finds its damaged form; unrelated words are not dragged in.
    let tech = texts(&ix, &find(&ix, "технологий", Options { ocr: true, ..Options::default() }));
    assert_eq!(tech.len(), 1);
    assert!(tech[0].contains("техоогий"));
    assert!(find(&ix, "технологий", Options::default()).is_empty());
}

#[test]
fn scope_and_current_document_filter() {
    let ix = index();
    let titles = find(&ix, "здравоохранение", Options { scope: Scope::Titles, ..Options::default() });
    assert!(titles.iter().all(|h| h.field.is_title()));
    let text = find(&ix, "здравоохранения", Options { scope: Scope::Text, ..Options::default() });
    assert!(!text.is_empty() && text.iter().all(|h| !h.field.is_title()));
    let one = find(&ix, "егисз", Options { doc: Some(1), ..Options::default() });
    assert!(!one.is_empty() && one.iter().all(|h| h.doc == 1 && h.region == "Астраханская область"));
    // A limit keeps the best hits of the unlimited search, in the same order.
    let unlimited = find(&ix, "а", Options::default());
    assert!(unlimited.len() > 3, "the query must match more than the limit to test it");
    let limited = search(&ix, &Query::parse("а"), &Options { limit: 3, ..Options::default() });
    let key = |h: &Hit| (h.item, h.score);
    assert_eq!(limited.iter().map(key).collect::<Vec<_>>(), unlimited[..3].iter().map(key).collect::<Vec<_>>());
}

#[test]
fn section_keys_match_and_hits_carry_their_section() {
    let ix = index();
    let hits = find(&ix, "problems.health", Options { scope: Scope::Titles, ..Options::default() });
    assert_eq!(hits[0].key, "problems.healthcare");
    assert!(hits[0].on_key);
    assert_eq!(slice(&hits[0].snippet.text, &hits[0].snippet.matches[0]), "problems.healthcare");
    let hits = all(&ix, "платформы обратной");
    let h = hits.iter().find(|h| ix.items[h.item].text().contains("платформы обратной")).unwrap();
    let path: Vec<&str> = ix.section_path(h.section.unwrap()).iter().map(|s| s.key.as_str()).collect();
    assert_eq!(path, vec!["problems", "problems.healthcare"]);
    assert_eq!(h.title, "Здравоохранение");
    assert_eq!(h.region, "Ивановская область");
}

#[test]
fn searcher_delivers_latest_results_and_narrows() {
    use std::sync::Arc;
    use std::time::Duration;
    let ix = Arc::new(index());
    let s = strata::search::Searcher::spawn(ix.clone());
    let opts = Options::default();
    for q in ["п", "пл", "пла", "плат", "платф"] {
        s.submit(q, opts);
    }
    let r = s.recv_timeout(Duration::from_secs(10)).expect("results");
    assert_eq!(r.query, "платф");
    assert_eq!(r.hits, search(&ix, &Query::parse("платф"), &opts));
    s.submit("платформа обратной", opts);
    let r = s.recv_timeout(Duration::from_secs(10)).expect("results");
    assert_eq!(r.hits, search(&ix, &Query::parse("платформа обратной"), &opts));
    assert!(s.try_recv().is_none());
}

#[test]
fn highlight_marks_any_displayed_text_in_characters() {
    let q = Query::parse("ёлки москва !нет");
    let text = "Ёлки в Москве и МОСКВА: москвичи";
    let got: Vec<String> = strata::search::highlight(text, &q, false).iter().map(|r| slice(text, r)).collect();
    // Words starting with the stem «москв» are highlighted whole; ё in the query finds Ё in the text.
    assert_eq!(got, vec!["Ёлки", "Москве", "МОСКВА", "москвичи"]);
    let exact = Query::parse("'москва");
    let got: Vec<String> = strata::search::highlight(text, &exact, false).iter().map(|r| slice(text, r)).collect();
    assert_eq!(got, vec!["МОСКВА"]);
    let ocr = strata::search::highlight("Асрахаской обасти", &Query::parse("Астраханской области"), true);
    assert_eq!(ocr, vec![0..10, 11..17]);
    assert!(strata::search::highlight("Асрахаской обасти", &Query::parse("Астраханской области"), false).is_empty());
}

#[test]
fn narrowing_from_the_previous_keystroke_gives_the_same_results() {
    use strata::search::run;
    let ix = index();
    let opts = Options { limit: 1000, ..Options::default() };
    for typed in ["платформа обратной связи", "цпг", "ЕГИСЗ", "'москва !опыт", "^здравоохранение$", "цифров | данн"]
    {
        let mut prev: Option<(Query, Vec<usize>)> = None;
        let mut narrowed_once = false;
        for end in typed.char_indices().map(|(i, c)| i + c.len_utf8()) {
            let q = Query::parse(&typed[..end]);
            let cand = prev.as_ref().filter(|(p, _)| !p.is_empty() && q.narrows(p)).map(|(_, m)| m.as_slice());
            narrowed_once |= cand.is_some();
            let narrowed = run(&ix, &q, &opts, cand, &|| false).unwrap();
            let fresh = run(&ix, &q, &opts, None, &|| false).unwrap();
            assert_eq!(narrowed.hits, fresh.hits, "{}", &typed[..end]);
            assert_eq!(narrowed.matched, fresh.matched);
            prev = Some((q, fresh.matched));
        }
        assert!(narrowed_once, "{typed}");
    }
}

#[test]
fn cancelled_search_returns_nothing() {
    let ix = index();
    assert!(strata::search::run(&ix, &Query::parse("а"), &Options::default(), None, &|| true).is_none());
}

#[test]
fn word_forms_match_through_their_stem_ranked_exact_first() {
    let ix = index();
    // «медицина» is nowhere as typed; «медицинских», «медицинским», «Медицинские», «медицины» are.
    let hits = find(&ix, "медицина", Options { scope: Scope::Text, ..Options::default() });
    let words: Vec<String> = hits.iter().flat_map(|h| matched_words(&ix, h)).map(|w| w.to_lowercase()).collect();
    assert!(words.contains(&"медицинских".to_string()) && words.contains(&"медицинские".to_string()), "{words:?}");
    assert!(words.iter().all(|w| w.starts_with("медицин")), "{words:?}");
    // Another form of the same word ranks above a longer word that merely starts with the stem,
    // and the exact form ranks above both.
    let hits = all(&ix, "организация");
    assert!(hits.iter().all(|h| h.class <= Class::Stem));
    assert!(hits.iter().any(|h| h.class == Class::Stem));
    let exact = all(&ix, "организаций");
    assert_eq!(exact[0].class, Class::Word);
    assert!(exact.iter().any(|h| h.class == Class::Stem));
    // `'exact` keeps matching as typed.
    assert!(all(&ix, "'медицина").is_empty());
    // A plain adjective finds its other case forms: «подключенных» for «подключенный».
    assert!(texts(&ix, &all(&ix, "подключенный")).iter().any(|t| t.contains("подключенных")));
}

#[test]
fn stop_words_need_not_match() {
    let ix = index();
    let with = texts(&ix, &all(&ix, "платформа для обратной связи"));
    assert!(with.iter().any(|t| t == "Платформа обратной связи"), "{with:?}");
    // A query of stop words alone still has to match.
    let text = Options { scope: Scope::Text, ..Options::default() };
    assert!(find(&ix, "для", text).iter().all(|h| ix.items[h.item].text().to_lowercase().contains("для")));
    assert!(find(&ix, "и для", text).iter().all(|h| ix.items[h.item].text().to_lowercase().contains("для")));
}

#[test]
fn other_layout_and_transliteration_when_typed_finds_little() {
    let ix = index();
    let opts = Options { limit: 100, ..Options::default() };
    let o = strata::search::find(&ix, &Query::parse("tubcp"), &opts);
    let r = o.shown_for.expect("read on the other layout");
    assert_eq!((r.kind, r.query.as_str()), (ReadingKind::Layout, "егисз"));
    assert!(o.hits.iter().all(|h| ix.items[h.item].text().contains("ЕГИСЗ")) && o.hits.len() >= 3);
    let o = strata::search::find(&ix, &Query::parse("egisz"), &opts);
    assert_eq!(o.shown_for.map(|r| r.kind), Some(ReadingKind::Translit));
    assert!(o.hits.iter().any(|h| ix.items[h.item].text().contains("ЕГИСЗ")));
    let o = strata::search::find(&ix, &Query::parse("zdrav"), &Options { scope: Scope::Titles, ..opts });
    assert_eq!(o.shown_for.map(|r| r.query), Some("здрав".to_string()));
    assert_eq!(o.hits[0].title, "Здравоохранение");
    let o = strata::search::find(&ix, &Query::parse("meditsinskikh"), &opts);
    assert_eq!(o.shown_for.map(|r| r.query), Some("медицинских".to_string()));
    // A query that finds enough as typed is left alone.
    assert!(strata::search::find(&ix, &Query::parse("егисз"), &opts).shown_for.is_none());
    // And nothing is claimed when no reading finds more.
    let o = strata::search::find(&ix, &Query::parse("qqqxxx"), &opts);
    assert!(o.shown_for.is_none() && o.hits.is_empty());
}

#[test]
fn palette_finds_sections_by_parent_and_title_words() {
    let ix = index();
    let titles = Options { scope: Scope::Titles, ..Options::default() };
    let hits = find(&ix, "проект здрав", titles);
    let h = hits.iter().find(|h| h.key == "projects.healthcare").expect("Проекты › Здравоохранение");
    assert_eq!(h.path, vec!["Проекты".to_string(), "Здравоохранение".to_string()]);
    assert_eq!(matched_words(&ix, h), vec!["Здравоохранение"]);
    // Another section called «Здравоохранение» under «Проблемы» is not found by «проект здрав».
    assert!(
        hits.iter().all(|h| h.key != "problems.healthcare"),
        "{:?}",
        hits.iter().map(|h| &h.key).collect::<Vec<_>>()
    );
    // A word of the parent alone does not pull in all its children.
    assert!(
        find(&ix, "проект", titles).iter().all(|h| h.key != "projects.healthcare" || h.field != Field::SectionTitle)
    );
    // Body hits carry their path too.
    let body = all(&ix, "МИС");
    assert!(body.iter().any(|h| h.path == vec!["Проблемы".to_string(), "Здравоохранение".to_string()]));
}

#[test]
fn versions_of_one_region_fold_into_one_hit() {
    let mut docs = search_fixtures::docs();
    let mut v2 = docs[0].clone();
    v2.meta.version.label = "2023-01-01".into();
    docs.push(v2);
    let ix = Index::build(&docs);
    let q = Query::parse("платформы обратной");
    let opts = Options { limit: 100, ..Options::default() };
    let flat = strata::search::find(&ix, &q, &opts).hits;
    let grouped = strata::search::find_grouped(&ix, &q, &opts).hits;
    assert!(grouped.len() < flat.len());
    let h = grouped.iter().find(|h| ix.items[h.item].text().contains("платформы обратной")).unwrap();
    assert_eq!(h.versions, vec![0, docs.len() - 1]);
    assert!(flat.iter().all(|h| h.versions == vec![h.doc]));
}

#[test]
fn reading_order_walks_hits_through_documents_and_sections() {
    let ix = index();
    let hits = all(&ix, "егисз");
    let order = strata::search::reading_order(&hits);
    assert_eq!(order.len(), hits.len());
    let walked: Vec<(usize, usize)> =
        order.iter().map(|&i| (hits[i].doc, hits[i].section.unwrap_or(usize::MAX))).collect();
    assert!(walked.windows(2).all(|w| w[0] <= w[1]), "{walked:?}");
    assert!(walked.first().unwrap().0 < walked.last().unwrap().0, "crosses documents");
}
