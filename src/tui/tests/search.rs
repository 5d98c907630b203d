//! The search overlay and the quick-jump palette, driven through `update` on the bundled samples
//! (no terminal), plus a layout snapshot and a keystroke-to-frame measurement.

use crate::tui::search::Search;
use crate::tui::testing::Harness;
use ratatui::buffer::Buffer;
use strata::search::Field;
use strata::tui::action::Action;
use strata::tui::content::{Item, section_at};
use strata::tui::keymap::Context;
use strata::tui::state::{App, Pane, Settings};
use strata::tui::theme::Role;
use strata::tui::update::Effect;

fn app(w: u16, h: u16) -> Harness {
    let set = strata::load::load_bundled();
    assert!(set.docs.len() >= 5, "bundled samples missing");
    Harness::with_settings(set.docs, set.errors, Settings::default(), w, h)
}

/// The open search or palette.
fn s(a: &Harness) -> &Search {
    a.top::<Search>().expect("the search or the palette is open")
}

fn press(app: &mut Harness, k: &str) -> Effect {
    if app.press(k) { Effect::Redraw } else { Effect::None }
}

fn type_text(app: &mut Harness, text: &str) {
    app.type_text(text);
}

/// Waits for the search's results (the background jobs end), as the run loop would.
fn settle(app: &mut Harness) {
    app.settle();
    assert!(app.top::<Search>().is_none_or(|s| !s.pending()), "search results never arrived");
}

fn content_text(app: &App) -> Vec<String> {
    app.layers.browse.content.lines.iter().map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect()).collect()
}

fn screen(app: &App) -> Buffer {
    let mut buf = Buffer::empty(app.size);
    strata::tui::view::draw_buf(app, app.size, &mut buf);
    buf
}

fn row_text(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

#[test]
fn slash_types_a_cyrillic_query_and_enter_opens_the_section_with_marks() {
    let mut a = app(100, 30);
    assert_eq!(press(&mut a, "/"), Effect::Redraw);
    assert_eq!(a.layers(), ["browse", "search"]);
    assert_eq!(a.context(), Context::Search);
    // Letters that are keys elsewhere (q quits, j moves) type here.
    type_text(&mut a, "qj");
    assert_eq!(s(&a).input, "qj");
    assert!(!a.quit);
    press(&mut a, "backspace");
    press(&mut a, "backspace");
    // Typing returns before the search is done; results come later.
    type_text(&mut a, "егисз");
    assert_eq!(s(&a).input, "егисз");
    settle(&mut a);
    assert_eq!(s(&a).shown, "егисз");
    assert!(s(&a).hits.len() > 10, "{}", s(&a).hits.len());
    // Case folded: lower-case query finds the upper-case abbreviation, in several regions.
    let regions: std::collections::HashSet<&str> = s(&a).hits.iter().map(|h| h.region.as_str()).collect();
    assert!(regions.len() >= 4, "{regions:?}");
    // Pick a body-text hit and open it.
    let i = s(&a).hits.iter().position(|h| matches!(h.field, Field::Block(_))).expect("a body hit");
    for _ in 0..i {
        press(&mut a, "ctrl-n");
    }
    assert_eq!(s(&a).list.sel(), i);
    let hit = s(&a).hits[i].clone();
    press(&mut a, "enter");
    assert_eq!(a.layers(), ["browse"]);
    assert_eq!(a.layers.browse.focus, Pane::Content);
    assert_eq!(a.doc(), Some(hit.doc));
    let path = a.index.index.as_ref().unwrap().sections[hit.section.unwrap()].path.clone();
    assert_eq!(a.item(), Some(&Item::Section(path.clone())));
    // Marks cover exactly the term in the displayed text, in characters.
    assert!(!a.layers.browse.marks.is_empty());
    let s = section_at(&a.docs[hit.doc].doc, &path).unwrap();
    for m in &a.layers.browse.marks {
        let text = strata::text::sanitize::sanitize(&s.blocks[m.block].text).into_owned();
        let got: String = text.chars().skip(m.chars.start).take(m.chars.len()).collect();
        assert_eq!(got.to_lowercase(), "егисз", "{got}");
    }
    // The hit's paragraph is on screen, with the match styled.
    let d = a.doc().unwrap();
    let scroll = a.layers.browse.views[d].scroll;
    let h = strata::tui::layout::inner(a.areas().content).height as usize;
    let shown = content_text(&a)[scroll..(scroll + h).min(a.layers.browse.content.lines.len())].join("\n");
    assert!(shown.contains("ЕГИСЗ"), "{shown}");
    let hit_style = a.theme.style(Role::SearchMatch);
    let styled = a.layers.browse.content.lines.iter().flat_map(|l| &l.spans).filter(|s| s.style == hit_style).count();
    assert!(styled >= 1);
}

#[test]
fn n_and_n_upper_move_between_matches_and_wrap() {
    let mut a = app(100, 30);
    press(&mut a, "/");
    type_text(&mut a, "цифров");
    settle(&mut a);
    // Find a hit whose section shows several matches.
    let mut tried = 0;
    loop {
        press(&mut a, "enter");
        let shown: Vec<usize> = a.layers.browse.content.mark_lines.iter().flatten().copied().collect();
        if shown.len() >= 3 {
            break;
        }
        tried += 1;
        assert!(tried < 40, "no section with three matches");
        press(&mut a, "/");
        settle(&mut a);
        for _ in 0..tried {
            press(&mut a, "down");
        }
    }
    let lines: Vec<usize> = a.layers.browse.content.mark_lines.iter().flatten().copied().collect();
    let start = a.layers.browse.mark_cur;
    press(&mut a, "n");
    let next = a.layers.browse.mark_cur;
    assert_ne!(next, start);
    let d = a.doc().unwrap();
    let line = a.layers.browse.content.mark_lines[next].unwrap();
    let scroll = a.layers.browse.views[d].scroll;
    let h = strata::tui::layout::inner(a.areas().content).height as usize;
    assert!(line >= scroll && line < scroll + h, "match line {line} not in view at {scroll}");
    press(&mut a, "N");
    assert_eq!(a.layers.browse.mark_cur, start);
    // Going back past the first wraps to the last.
    for _ in 0..lines.len() {
        press(&mut a, "N");
    }
    assert_eq!(a.layers.browse.mark_cur, start);
    assert!(a.status.text().unwrap_or("").starts_with("match "), "{:?}", a.status.text());
}

#[test]
fn tab_toggles_current_document_and_all_documents() {
    let mut a = app(100, 30);
    let cur = a.doc().unwrap();
    press(&mut a, "/");
    type_text(&mut a, "егисз");
    settle(&mut a);
    let all = s(&a).total;
    assert!(s(&a).all_docs);
    assert!(s(&a).hits.iter().any(|h| h.doc != cur));
    press(&mut a, "tab");
    assert!(!s(&a).all_docs);
    settle(&mut a);
    assert!(!s(&a).hits.is_empty());
    assert!(s(&a).hits.iter().all(|h| h.doc == cur));
    assert!(s(&a).total < all);
    let title = row_text(&screen(&a), strata::tui::view::overlay_area(a.size).y);
    let region = &a.docs[cur].doc.meta.region.name;
    assert!(title.contains(region.as_str()) && title.contains("Tab: all"), "{title}");
    press(&mut a, "tab");
    settle(&mut a);
    assert_eq!(s(&a).total, all);
    // Esc closes and the panes are back.
    press(&mut a, "esc");
    assert_eq!(a.layers(), ["browse"]);
}

#[test]
fn palette_jumps_to_a_section_by_title_or_key_across_documents() {
    let mut a = app(100, 30);
    assert!(a.press("ctrl-p"));
    assert_eq!(a.layers(), ["browse", "palette"]);
    press(&mut a, "esc");
    press(&mut a, ":");
    assert_eq!(a.layers(), ["browse", "palette"]);
    type_text(&mut a, "здравоохр");
    settle(&mut a);
    assert!(!s(&a).hits.is_empty());
    assert!(s(&a).hits.iter().all(|h| h.field == Field::SectionTitle));
    // Best first; among equals, the current document's sections first.
    let cur = a.doc().unwrap();
    for w in s(&a).hits.windows(2) {
        assert!(w[0].score > w[1].score || (w[0].score == w[1].score && (w[0].doc == cur || w[1].doc != cur)));
    }
    // Tab: the current document only, and back.
    press(&mut a, "tab");
    settle(&mut a);
    assert!(!s(&a).hits.is_empty() && s(&a).hits.iter().all(|h| h.doc == cur));
    press(&mut a, "tab");
    settle(&mut a);
    // Pick a hit in a document other than the current one.
    let i = s(&a).hits.iter().position(|h| h.doc != cur).expect("hits in other documents");
    for _ in 0..i {
        press(&mut a, "down");
    }
    let hit = s(&a).hits[i].clone();
    press(&mut a, "enter");
    assert_eq!(a.layers(), ["browse"]);
    assert_eq!(a.doc(), Some(hit.doc));
    match a.item() {
        Some(Item::Section(p)) => {
            let s = section_at(&a.docs[hit.doc].doc, p).unwrap();
            assert_eq!(s.key, hit.key);
        }
        other => panic!("{other:?}"),
    }
    // By key: ASCII letters of a canonical key find it too.
    press(&mut a, "ctrl-p");
    for _ in 0..20 {
        press(&mut a, "backspace");
    }
    type_text(&mut a, "linkage");
    settle(&mut a);
    assert!(!s(&a).hits.is_empty());
    assert!(s(&a).hits.iter().all(|h| h.key.starts_with("linkage")), "{:?}", s(&a).hits.first());
}

#[test]
fn keys_are_in_the_keymap_table_and_the_help() {
    let a = app(100, 30);
    assert_eq!(a.keymap.keys_for(Context::Global, Action::OpenSearch), "/");
    assert_eq!(a.keymap.keys_for(Context::Global, Action::OpenPalette), "Ctrl-p/:");
    assert_eq!(a.keymap.keys_for(Context::Content, Action::NextMatch), "n");
    assert_eq!(a.keymap.keys_for(Context::Search, Action::ToggleScope), "Tab");
    // Status hints while typing do not offer letters that type.
    let hints = a.keymap.hints(Context::Search);
    assert!(hints.iter().all(|(k, _)| k.chars().count() != 1), "{hints:?}");
    assert!(hints.iter().any(|(k, l)| k == "Tab" && *l == "scope"), "{hints:?}");
}

/// The screen rows of the overlay's results area, as text.
fn screen_rows(app: &App) -> Vec<String> {
    let buf = screen(app);
    (0..buf.area.height).map(|y| row_text(&buf, y)).collect()
}

#[test]
fn a_query_typed_in_the_latin_layout_shows_results_for_its_cyrillic_reading_with_a_hint() {
    use strata::i18n::{Lang, with_lang};
    for (lang, hint) in [(Lang::Ru, "показаны результаты для «егисз»"), (Lang::En, "showing results for «егисз»")]
    {
        with_lang(lang, || {
            let mut a = app(100, 30);
            press(&mut a, "/");
            // ЕГИСЗ typed with the keyboard left in the Latin layout.
            type_text(&mut a, "tubcp");
            settle(&mut a);
            assert_eq!(s(&a).shown_for.as_deref(), Some("егисз"));
            assert!(s(&a).hits.len() > 3, "{}", s(&a).hits.len());
            let rows = screen_rows(&a);
            let at =
                rows.iter().position(|r| r.contains(hint)).unwrap_or_else(|| panic!("no hint:\n{}", rows.join("\n")));
            // The hint sits above the results, and the results are the ЕГИСЗ ones.
            let below = rows[at + 1..].join("\n");
            assert!(below.to_lowercase().contains("егисз"), "{}", rows.join("\n"));
            assert!(!rows[..at].join("\n").contains("ЕГИСЗ"), "{}", rows.join("\n"));
            // A query found as typed has no hint.
            press(&mut a, "ctrl-u");
            type_text(&mut a, "егисз");
            settle(&mut a);
            assert_eq!(s(&a).shown_for, None);
            assert!(!screen_rows(&a).iter().any(|r| r.contains(hint)));
        });
    }
}

#[test]
fn a_match_in_both_versions_of_a_region_is_one_row_naming_the_versions_and_opens_the_newest() {
    use strata::i18n::{Lang, with_lang};
    for (lang, versions) in [(Lang::Ru, "(2 редакции)"), (Lang::En, "(2 versions)")] {
        with_lang(lang, || {
            let mut a = app(100, 30);
            let ivanovo: Vec<usize> =
                (0..a.docs.len()).filter(|&d| a.docs[d].doc.meta.region.name == "Ивановская область").collect();
            assert_eq!(ivanovo.len(), 2, "the samples hold two versions of Ivanovo's strategy");
            press(&mut a, "/");
            type_text(&mut a, "ивановской");
            settle(&mut a);
            let hits = &s(&a).hits;
            let i = hits.iter().position(|h| h.versions == ivanovo).unwrap_or_else(|| {
                panic!("no hit standing for both versions: {:?}", hits.iter().map(|h| &h.versions).collect::<Vec<_>>())
            });
            let hit = hits[i].clone();
            // One row for the text: no other hit of the same place and text in the other version.
            let index = a.index.index.clone().unwrap();
            let text = &index.items[hit.item].text;
            let same = hits.iter().filter(|h| h.key == hit.key && &index.items[h.item].text == text).count();
            assert_eq!(same, 1, "the versions' hits were not folded into one");
            for _ in 0..i {
                press(&mut a, "ctrl-n");
            }
            assert_eq!(s(&a).list.sel(), i);
            let rows = screen_rows(&a);
            let name = format!("Ивановская область {versions}");
            assert!(rows.iter().any(|r| r.contains(&name)), "no row naming {name}:\n{}", rows.join("\n"));
            // Enter opens the newest version (the latest version date), also when the hit the
            // group kept (the best scored) is the older version's.
            let date = |d: usize| a.docs[d].doc.meta.version.date.clone();
            let newest = *ivanovo.iter().max_by_key(|&&d| date(d)).unwrap();
            let older = *ivanovo.iter().find(|&&d| d != newest).unwrap();
            let own = &index.items[hit.item];
            let (item, it) = index
                .items
                .iter()
                .enumerate()
                .find(|(_, it)| it.doc == older && it.key == own.key && it.field == own.field && it.text == own.text)
                .expect("the same text in the older version");
            let h = &mut a.top_mut::<Search>().unwrap().hits[i];
            (h.doc, h.item, h.section, h.field) = (older, item, it.section, it.field);
            press(&mut a, "enter");
            assert_eq!(a.layers(), ["browse"]);
            assert_eq!(a.doc(), Some(newest));
            assert!(!a.layers.browse.marks.is_empty(), "the opened section has no marks");
        });
    }
}

/// `]` and `[` open the next and previous search result in reading order (document, then place),
/// across sections and documents, with «result k of n» on the status line, and stop at the ends.
#[test]
fn brackets_walk_the_results_across_sections_in_reading_order() {
    use strata::i18n::{Lang, with_lang};
    with_lang(Lang::En, || {
        let mut a = app(100, 30);
        press(&mut a, "]");
        assert!(a.status.text().unwrap_or("").starts_with("no search results"), "{:?}", a.status.text());
        press(&mut a, "/");
        type_text(&mut a, "телемедицина");
        settle(&mut a);
        let hits = s(&a).hits.clone();
        let n = hits.len();
        assert!(n >= 3, "only {n} results");
        let order = strata::search::reading_order(&hits);
        // Enter opens the first result in rank order; ] goes on from it in reading order.
        press(&mut a, "enter");
        let from = order.iter().position(|&i| i == 0).unwrap();
        let mut sections = std::collections::HashSet::from([(hits[0].doc, hits[0].section)]);
        for (k, &i) in order.iter().enumerate().skip(from + 1) {
            press(&mut a, "]");
            let want = format!("result {} of {n}; ", k + 1);
            let msg = a.status.text().unwrap_or_default().to_string();
            assert!(msg.starts_with(&want), "{msg:?} at {k}");
            // The newest version of the hit's region is opened.
            let d = a.doc().expect("a document is open");
            assert!(hits[i].versions.contains(&d), "opened {d}, hit in {:?}", hits[i].versions);
            assert_eq!(a.recall.result, Some(i));
            sections.insert((hits[i].doc, hits[i].section));
        }
        // Now at the last; [ walks back to the first.
        for k in (0..n - 1).rev() {
            press(&mut a, "[");
            assert!(a.status.text().unwrap_or("").starts_with(&format!("result {} of {n}; ", k + 1)));
            sections.insert((hits[order[k]].doc, hits[order[k]].section));
        }
        press(&mut a, "[");
        assert_eq!(a.status.text(), Some(format!("result 1 of {n}: the first").as_str()));
        assert!(sections.len() >= 2, "the results are all in one section");
    });
}

/// A short query's best screenful of results is shown first, before the rest and before every
/// title it matches fuzzily is counted («≥ N» until then); then every result and the engine's
/// full count. Each next letter narrows among the matches and the titles not yet counted, and
/// finds what the engine finds from scratch.
#[test]
fn short_queries_show_their_best_results_before_the_rest_and_the_full_count() {
    use strata::search::{Options, Query, run_grouped};
    let mut a = app(100, 30);
    press(&mut a, "/");
    settle(&mut a);
    let index = a.app.index.index.clone().expect("the index is built");
    let mut lazy = 0;
    let typed_all = "проект цифр";
    for (i, c) in typed_all.char_indices() {
        let typed = &typed_all[..i + c.len_utf8()];
        type_text(&mut a, &c.to_string());
        a.settle_search();
        assert_eq!(s(&a).shown, typed);
        let opts = Options { limit: crate::tui::search::LIMIT, ..Options::default() };
        let q = Query::parse(typed);
        let full = run_grouped(&index, &q, &opts, true, None, &|| false).unwrap();
        let items =
            |h: &[strata::search::Hit]| h.iter().map(|h| (h.item, h.score, h.versions.clone())).collect::<Vec<_>>();
        let n = s(&a).hits.len();
        assert!(n >= 20.min(full.hits.len()), "«{typed}»: {n} first results");
        assert_eq!(items(&s(&a).hits), items(&full.hits[..n]), "«{typed}»");
        let quick = Options { limit: 20, lazy: true, ..opts };
        lazy += usize::from(!run_grouped(&index, &q, &quick, true, None, &|| false).unwrap().unsure.is_empty());
        // Unless the rest came before the screen was looked at.
        let status = screen_rows(&a.app).join("\n");
        if s(&a).at_least && s(&a).total > n {
            assert!(status.contains('≥') && s(&a).total <= full.matched.len(), "«{typed}»: {status}");
        }
        settle(&mut a);
        assert!(!s(&a).counting);
        assert_eq!(items(&s(&a).hits), items(&full.hits), "«{typed}»");
        if s(&a).hits.len() >= crate::tui::search::LIMIT {
            assert_eq!(s(&a).total, full.matched.len(), "«{typed}»");
        }
    }
    assert!(lazy > 0, "no keystroke left titles to count after showing its results");
}
