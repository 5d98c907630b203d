//! Compare mode driven through the update step: marking A and B, the compare tree with statuses,
//! n/N over the changes, hiding unchanged sections, the layout toggle; and snapshots of the
//! compare screen at 80x24 and 120x40, with styles and without colour.

use super::common;
use crate::tui::testing::Harness;

use super::screen::{render, styles, text};
use strata::compare::{ChangeAt, Status};
use strata::tui::action::Action;
use strata::tui::keymap::Key;
use strata::tui::layer::compare::{DiffLayout, Entry};
use strata::tui::state::{App, DocRow, Pane, Settings};
use strata::tui::theme::{ColorDepth, Theme};
use strata::tui::update::{self, Effect};

/// The bundled samples (ivanovo and its illustrative revision among them).
fn app(w: u16, h: u16, depth: ColorDepth) -> Harness {
    let set = strata::load::load_bundled();
    assert!(set.errors.is_empty(), "{:?}", set.errors);
    let settings = Settings { theme: Theme::default().adapt(depth), mouse: false, ..Settings::default() };
    Harness::with_settings(set.docs, Vec::new(), settings, w, h)
}

fn keys(app: &mut Harness, ks: &str) {
    app.press(ks);
}

/// Selects the document whose origin ends with `name` in the documents pane.
fn select_doc(app: &mut App, name: &str) {
    let d = app.docs.iter().position(|l| l.origin.ends_with(name)).unwrap_or_else(|| panic!("no {name}"));
    app.layers.browse.focus = Pane::Documents;
    app.layers.browse.doc_sel = app.layers.browse.doc_rows.iter().position(|r| *r == DocRow::Doc(d)).unwrap();
    app.refresh();
}

/// ivanovo marked A, its revision B, compare mode entered with `c`.
fn comparing(w: u16, h: u16, depth: ColorDepth) -> Harness {
    let mut a = app(w, h, depth);
    select_doc(&mut a, "ivanovo.json");
    keys(&mut a, "a");
    select_doc(&mut a, "ivanovo-rev.json");
    keys(&mut a, "b");
    assert!(a.layers.compare.on().is_none());
    enter(&mut a);
    a
}

/// `c`, then waits for the comparison, which runs in the background.
fn enter(a: &mut Harness) {
    keys(a, "c");
    a.settle();
    assert!(a.layers.compare.on().is_some(), "{:?}", a.status.text());
}

fn content_text(app: &App) -> String {
    let c = app.layers.compare.on().unwrap();
    c.lines
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

fn selected_key(app: &App) -> Option<String> {
    let c = app.layers.compare.on().unwrap();
    match c.entry() {
        Entry::Summary => None,
        Entry::Section(i) => Some(c.diff.sections[i].key.clone()),
    }
}

#[test]
fn marking_shows_letters_and_compare_needs_two_documents() {
    let mut a = app(120, 40, ColorDepth::TrueColor);
    keys(&mut a, "c");
    assert!(a.layers.compare.on().is_none());
    assert!(a.status.text().unwrap().contains("mark two documents"), "{:?}", a.status.text());
    select_doc(&mut a, "ivanovo.json");
    keys(&mut a, "a");
    let d = a.doc().unwrap();
    assert_eq!(a.layers.compare.picked.letter(d), Some('A'));
    // Marking the same document as B moves the mark.
    keys(&mut a, "b");
    assert_eq!(a.layers.compare.picked.letter(d), Some('B'));
    assert_eq!(a.layers.compare.picked.a, None);
    // Pressing it again unmarks.
    keys(&mut a, "b");
    assert_eq!(a.layers.compare.picked.letter(d), None);
    keys(&mut a, "a");
    select_doc(&mut a, "ivanovo-rev.json");
    keys(&mut a, "b");
    let s = text(&render(&a));
    assert!(s.contains(">B 2022-08-26"), "{s}");
    assert!(s.contains(" A 2021-08-20"), "{s}");
}

#[test]
fn compare_tree_shows_statuses_and_summary() {
    let a = comparing(120, 40, ColorDepth::TrueColor);
    let c = a.layers.compare.on().expect("compare mode");
    assert_eq!(a.layers.browse.focus, Pane::Sections);
    assert_eq!(c.rows[0], Entry::Summary);
    assert_eq!(c.rows.len(), c.diff.sections.len() + 1, "all sections shown");
    // The revision's scripted edits: healthcare text reworded, a trade project added, an
    // indicator target changed; most sections unchanged.
    let status = |k: &str| c.diff.sections.iter().find(|s| s.key == k).unwrap().status;
    assert_eq!(status("problems.healthcare"), Status::Changed);
    assert_eq!(status("problems.urban"), Status::Same);
    assert!(c.diff.summary.projects.added >= 1);
    assert!(c.diff.summary.indicators.changed >= 1);
    let s = text(&render(&a));
    assert!(s.contains("~  4.2 Здравоохране… +11 -1"), "{s}");
    assert!(s.contains("=  4.3 Развитие"), "{s}");
    assert!(s.contains("Σ Summary"), "{s}");
    assert!(s.contains("Sections   6 changed"), "summary in the content pane:\n{s}");
    assert!(s.contains(" Compare "), "status line names the mode:\n{s}");
}

#[test]
fn n_and_shift_n_walk_every_change_in_order() {
    let mut a = comparing(120, 40, ColorDepth::TrueColor);
    let places = strata::tui::layer::compare::places(&a.layers.compare.on().unwrap().diff);
    assert!(places.len() > 6, "{places:?}");
    let mut seen: Vec<ChangeAt> = Vec::new();
    for _ in 0..places.len() {
        assert_eq!(update::key(&mut a, Key::char('n')), Effect::Redraw);
        let c = a.layers.compare.on().unwrap();
        let at = c.at.unwrap();
        assert_eq!(c.entry(), Entry::Section(at.section), "the change's section is selected");
        if let Some(r) = at.row {
            // The changed row is on screen.
            let line = c.row_lines[r];
            let h = strata::tui::layout::inner(a.areas().content).height as usize;
            assert!(line >= c.scroll && line < c.scroll + h, "row {r} at {line}, scroll {}", c.scroll);
        }
        seen.push(at);
    }
    assert_eq!(seen, places);
    assert_eq!(a.status.text(), Some(format!("change {} of {}", places.len(), places.len()).as_str()));
    // At the last change, n says so and stays; n again starts from the top.
    keys(&mut a, "n");
    assert_eq!(a.layers.compare.on().unwrap().at, places.last().copied());
    assert!(a.status.text().unwrap_or("").contains("the last"), "{:?}", a.status.text());
    keys(&mut a, "n");
    assert_eq!(a.layers.compare.on().unwrap().at, places.first().copied());
    assert_eq!(a.status.text(), Some(format!("change 1 of {}", places.len()).as_str()));
    // N at the first change says so, then goes round to the last; then back one.
    keys(&mut a, "N");
    assert_eq!(a.layers.compare.on().unwrap().at, places.first().copied());
    assert!(a.status.text().unwrap_or("").contains("the first"), "{:?}", a.status.text());
    keys(&mut a, "N");
    assert_eq!(a.layers.compare.on().unwrap().at, places.last().copied());
    keys(&mut a, "N");
    assert_eq!(a.layers.compare.on().unwrap().at, places.get(places.len() - 2).copied());
}

#[test]
fn n_starts_from_the_selected_section() {
    let mut a = comparing(120, 40, ColorDepth::TrueColor);
    // Select the unchanged urban section by moving down the tree.
    let c = a.layers.compare.on().unwrap();
    let urban = c.diff.sections.iter().position(|s| s.key == "problems.urban").unwrap();
    let row = c.rows.iter().position(|e| *e == Entry::Section(urban)).unwrap();
    for _ in 0..row {
        keys(&mut a, "j");
    }
    assert_eq!(selected_key(&a).as_deref(), Some("problems.urban"));
    keys(&mut a, "n");
    let c = a.layers.compare.on().unwrap();
    let at = c.at.unwrap();
    assert!(at.section > urban, "{at:?}");
    assert!(c.diff.sections[urban + 1..at.section].iter().all(|s| !s.is_change()));
}

#[test]
fn hide_unchanged_keeps_changes_and_their_parents() {
    let mut a = comparing(120, 40, ColorDepth::TrueColor);
    keys(&mut a, "u");
    let c = a.layers.compare.on().unwrap();
    assert!(c.hide_same);
    let shown: Vec<&str> = c
        .rows
        .iter()
        .filter_map(|e| match e {
            Entry::Section(i) => Some(c.diff.sections[*i].key.as_str()),
            Entry::Summary => None,
        })
        .collect();
    assert!(shown.contains(&"problems.healthcare"), "{shown:?}");
    assert!(shown.contains(&"problems"), "the parent of a change stays: {shown:?}");
    assert!(!shown.contains(&"problems.urban"), "{shown:?}");
    assert!(shown.len() < c.diff.sections.len() / 2, "{shown:?}");
    let s = text(&render(&a));
    assert!(s.contains("(changed)"), "{s}");
    keys(&mut a, "u");
    let c = a.layers.compare.on().unwrap();
    assert_eq!(c.rows.len(), c.diff.sections.len() + 1);
}

#[test]
fn layout_follows_width_and_toggles() {
    // 80 columns: unified; sides under 30 columns would break words, so `s` keeps unified there;
    // with the content pane maximised (78 columns) it switches to side by side and back.
    let mut a = comparing(80, 24, ColorDepth::TrueColor);
    keys(&mut a, "n");
    let c = a.layers.compare.on().unwrap();
    assert_eq!(c.layout, DiffLayout::Auto);
    assert!(!c.side);
    keys(&mut a, "s");
    assert!(!a.layers.compare.on().unwrap().side, "48 columns are too narrow for two sides");
    keys(&mut a, "tab z");
    assert!(a.layers.compare.on().unwrap().side);
    assert!(content_text(&a).contains(" | "), "{}", content_text(&a));
    keys(&mut a, "s");
    assert!(!a.layers.compare.on().unwrap().side);
    keys(&mut a, "z backtab");
    // Switching layout keeps the current change in view.
    to_healthcare(&mut a);
    for _ in 0..2 {
        keys(&mut a, "s");
        let c = a.layers.compare.on().unwrap();
        let line = c.row_lines[c.at.unwrap().row.unwrap()];
        let h = strata::tui::layout::inner(a.areas().content).height as usize;
        assert!(line >= c.scroll && line < c.scroll + h, "line {line}, scroll {}", c.scroll);
    }
    // A maximised content pane at 120 columns is wide enough for side by side.
    let mut a = comparing(120, 40, ColorDepth::TrueColor);
    keys(&mut a, "n Tab z");
    assert_eq!(a.layers.browse.focus, Pane::Content);
    assert!(a.layers.compare.on().unwrap().side);
    keys(&mut a, "z");
    assert!(!a.layers.compare.on().unwrap().side);
}

#[test]
fn changed_words_are_marked_in_the_text() {
    let mut a = comparing(120, 40, ColorDepth::TrueColor);
    // Walk to the healthcare section.
    for _ in 0..50 {
        if selected_key(&a).as_deref() == Some("problems.healthcare") {
            break;
        }
        keys(&mut a, "n");
    }
    assert_eq!(selected_key(&a).as_deref(), Some("problems.healthcare"));
    let t = content_text(&a);
    assert!(t.contains("[-") && t.contains("{+"), "{t}");
    assert!(t.starts_with("~ problems.healthcare"), "{t}");
}

#[test]
fn sector_sections_show_tables_of_changes() {
    let mut a = comparing(120, 40, ColorDepth::TrueColor);
    let c = a.layers.compare.on_mut().unwrap();
    let i = c.diff.indicators.iter().find(|i| i.status == Status::Changed).unwrap().clone();
    let k = c.diff.sections.iter().position(|s| s.key == format!("indicators.{}", i.sector)).unwrap();
    let row = c.rows.iter().position(|e| *e == Entry::Section(k)).unwrap();
    c.sel = row;
    crate::tui::layer::relayout(&mut a);
    let t = content_text(&a);
    assert!(t.contains("Indicators: "), "{t}");
    // The section's own text is the same, but the tree marks it changed for its table.
    assert_eq!(strata::tui::layer::compare::shown_status(&a.layers.compare.on().unwrap().diff, k), Status::Changed);
    let s = text(&render(&a));
    assert!(s.contains(">~ "), "{s}");
    let (year, v) = i.values.iter().find(|(_, v)| v.differs()).unwrap();
    let line = t.lines().find(|l| l.trim_start().starts_with(year.as_str()) && l.contains("->")).unwrap();
    let fmt = strata::tui::content::format_value;
    assert!(line.contains(&fmt(v.a.unwrap())) && line.contains(&fmt(v.b.unwrap())), "{line}");
}

#[test]
fn escape_leaves_compare_mode() {
    let mut a = comparing(80, 24, ColorDepth::TrueColor);
    keys(&mut a, "esc");
    assert!(a.layers.compare.on().is_none());
    // The marks stay, so c compares again.
    enter(&mut a);
    assert!(a.layers.compare.on().is_some());
    crate::tui::layer::action(&mut a, Action::ToggleCompare);
    assert!(a.layers.compare.on().is_none());
}

/// Moves to the healthcare section's first changed paragraph with n.
fn to_healthcare(a: &mut Harness) {
    for _ in 0..60 {
        let c = a.layers.compare.on().unwrap();
        if selected_key(a).as_deref() == Some("problems.healthcare") && c.at.is_some_and(|at| at.row.is_some()) {
            return;
        }
        keys(a, "n");
    }
    panic!("no change in problems.healthcare");
}

/// Compare mode in Russian: tree, summary and the walk over changes.
#[test]
fn snapshot_russian_compare() {
    use crate::i18n::{Lang, with_lang};
    with_lang(Lang::Ru, || {
        let mut a = comparing(80, 24, ColorDepth::TrueColor);
        let t = text(&render(&a));
        assert!(t.contains("Сравнение A|B") && t.contains("Сводка"), "{t}");
        to_healthcare(&mut a);
        let t = text(&render(&a));
        assert!(a.status.text().unwrap_or("").starts_with("изменение "), "{:?}", a.status.text());
        insta::assert_snapshot!("ru_compare_80x24_text", t);
    });
}

#[test]
fn snapshot_80x24_unified_diff() {
    let mut a = comparing(80, 24, ColorDepth::TrueColor);
    to_healthcare(&mut a);
    let b = render(&a);
    insta::assert_snapshot!("compare_80x24_text", text(&b));
    insta::assert_snapshot!("compare_80x24_styles", styles(&b));
}

#[test]
fn snapshot_120x40_side_by_side() {
    let mut a = comparing(120, 40, ColorDepth::TrueColor);
    to_healthcare(&mut a);
    keys(&mut a, "s");
    let b = render(&a);
    insta::assert_snapshot!("compare_120x40_text", text(&b));
    insta::assert_snapshot!("compare_120x40_styles", styles(&b));
}

#[test]
fn snapshot_120x40_tree_hiding_unchanged() {
    let mut a = comparing(120, 40, ColorDepth::TrueColor);
    keys(&mut a, "u");
    insta::assert_snapshot!("compare_120x40_changed_only", text(&render(&a)));
}

/// Without colour the diff still reads: status marks, `[-old-]{+new+}`, and modifiers on the
/// changed words (reversed for the changed line, bold and underline or crossed out for words).
#[test]
fn no_colour_keeps_marks_and_emphasis() {
    let mut a = comparing(80, 24, ColorDepth::None);
    to_healthcare(&mut a);
    let b = render(&a);
    let st = styles(&b);
    assert!(!st.contains("fg=Rgb") && !st.contains("bg=Rgb"), "no colours:\n{st}");
    insta::assert_snapshot!("compare_80x24_no_colour_text", text(&b));
    insta::assert_snapshot!("compare_80x24_no_colour_styles", st);
    let s = text(&b);
    assert!(s.contains("[-") || s.contains("{+"), "{s}");
    // Emphasised words carry a modifier beyond the line's.
    assert!(st.lines().any(|l| l.contains("BOLD") && (l.contains("{+") || l.contains("[-"))), "{st}");
}

/// A sector section whose text is equal but whose indicators changed is a change: marked `~` in
/// the tree, visited by n, kept by hide-unchanged (fixture documents: the revision raises a target).
#[test]
fn table_only_changes_count_as_changes() {
    let settings = Settings { mouse: false, ..Settings::default() };
    let mut a = Harness::with_settings(common::docs(), Vec::new(), settings, 120, 40);
    let by_label = |a: &App, l: &str| {
        a.docs.iter().position(|d| d.doc.meta.region.key == "ivanovo" && d.doc.meta.version.label == l).unwrap()
    };
    a.layers.compare.picked.a = Some(by_label(&a, "2021-08-20"));
    a.layers.compare.picked.b = Some(by_label(&a, "2022-08-26"));
    enter(&mut a);
    let c = a.layers.compare.on().unwrap();
    let k = c.diff.sections.iter().position(|s| s.key == "indicators.healthcare").unwrap();
    assert_eq!(c.diff.sections[k].status, Status::Same, "the section's own text is equal");
    assert_eq!(strata::tui::layer::compare::shown_status(&c.diff, k), Status::Changed);
    let places = strata::tui::layer::compare::places(&c.diff);
    assert!(places.contains(&ChangeAt { section: k, row: None }), "{places:?}");
    assert!(!c.diff.change_places().contains(&ChangeAt { section: k, row: None }));
    keys(&mut a, "u");
    let c = a.layers.compare.on().unwrap();
    assert!(c.rows.contains(&Entry::Section(k)));
    let i = c.rows.iter().position(|e| *e == Entry::Section(k)).unwrap();
    let s = text(&render(&a));
    let line = s.lines().nth(1 + i - c.off).unwrap();
    assert!(line.contains("~ ") && line.contains("1 differ"), "{line}");
    // n reaches it and the content shows old -> new.
    for _ in 0..places.len() {
        keys(&mut a, "n");
        if a.layers.compare.on().unwrap().entry() == Entry::Section(k) {
            break;
        }
    }
    assert_eq!(a.layers.compare.on().unwrap().entry(), Entry::Section(k));
    let t = content_text(&a);
    assert!(t.lines().any(|l| l.contains("2024") && l.contains("90") && l.contains("-> 95")), "{t}");
}

/// Two regions: the sections align by key whatever their numbering; the comparison may run in the
/// background, and the tree then shows the sections of both.
#[test]
fn cross_region_comparison_runs_in_the_background_and_aligns_by_key() {
    let mut a = app(120, 40, ColorDepth::TrueColor);
    select_doc(&mut a, "tver.json");
    keys(&mut a, "a");
    select_doc(&mut a, "khabarovsk.json");
    keys(&mut a, "b");
    keys(&mut a, "c");
    // The diff always runs as a background job: until it reports, the old screen stays and says so.
    assert!(strata::tui::layer::compare::pending(&a));
    assert!(a.layers.compare.on().is_none());
    assert!(a.status.text().unwrap().contains("comparing"), "{:?}", a.status.text());
    assert!(text(&render(&a)).contains("comparing"));
    a.settle();
    assert!(!strata::tui::layer::compare::pending(&a));
    let c = a.layers.compare.on().expect("compare mode");
    let h = c.diff.sections.iter().find(|s| s.key == "problems.healthcare").expect("healthcare in both");
    assert!(h.number_a.is_some() && h.number_b.is_some());
    assert!(matches!(h.status, Status::Changed | Status::Moved));
    let s = text(&render(&a));
    assert!(s.contains("Σ Summary"), "{s}");
}

/// Cancelling a running comparison leaves compare mode off and forgets the job.
#[test]
fn a_running_comparison_can_be_cancelled() {
    let mut a = app(120, 40, ColorDepth::TrueColor);
    let tver = a.docs.iter().position(|l| l.origin.ends_with("tver.json")).unwrap();
    let kh = a.docs.iter().position(|l| l.origin.ends_with("khabarovsk.json")).unwrap();
    a.layers.compare.picked.a = Some(tver);
    a.layers.compare.picked.b = Some(kh);
    keys(&mut a, "c");
    assert!(strata::tui::layer::compare::pending(&a));
    keys(&mut a, "esc");
    assert!(!strata::tui::layer::compare::pending(&a));
    // Whatever the cancelled job still sends is stale.
    a.settle();
    assert!(a.layers.compare.on().is_none());
    assert_eq!(a.status.text(), Some("comparison cancelled"));
}

/// Help lists compare mode's keys from the keymap; a click in the tree selects a row.
#[test]
fn help_lists_compare_keys_and_clicks_select_rows() {
    let mut a = comparing(120, 40, ColorDepth::TrueColor);
    let tree = a.areas().tree;
    update::click(&mut a, tree.x + 3, tree.y + 1 + 3);
    assert_eq!(a.layers.compare.on().unwrap().sel, 3);
    assert_eq!(a.layers.browse.focus, Pane::Sections);
    keys(&mut a, "?");
    let mut all = String::new();
    for _ in 0..20 {
        all.push_str(&text(&render(&a)));
        keys(&mut a, "pagedown");
    }
    for needle in ["Compare mode", "next change", "hide / show unchanged", "mark document as A"] {
        assert!(all.contains(needle), "{needle}:\n{all}");
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(120))]
    /// Any size and any keys, compare keys included, draw without panic (fixture documents).
    #[test]
    fn any_size_and_compare_keys_draw_without_panic(
        w in 1u16..160,
        h in 1u16..60,
        w2 in 1u16..160,
        h2 in 1u16..60,
        ks in proptest::collection::vec(0usize..22, 0..40),
    ) {
        const KEYS: [&str; 22] = ["j", "k", "G", "tab", "backtab", "a", "b", "c", "n", "N", "u", "s", "esc", "z",
            "pagedown", "pageup", "enter", "h", "l", "space", "?", "g"];
        let settings = Settings { mouse: false, theme: Theme::default().adapt(ColorDepth::Ansi16), ..Settings::default() };
        let mut a = Harness::with_settings(common::docs(), Vec::new(), settings, w, h);
        for k in ks {
            a.press(KEYS[k]);
            a.settle();
            render(&a);
        }
        // Then resized (width first, height second): the new size is taken and drawn whole.
        let e = update::resize(&mut a, w2, h2);
        proptest::prop_assert_eq!(e == Effect::Redraw, (w2, h2) != (w, h));
        let b = render(&a);
        proptest::prop_assert_eq!((b.area.width, b.area.height), (w2, h2));
    }
}

/// Opening a section from elsewhere (a search result) leaves compare mode so that it shows.
#[test]
fn opening_a_search_result_leaves_compare_mode() {
    let mut a = comparing(120, 40, ColorDepth::TrueColor);
    let d = a.layers.compare.on().unwrap().b;
    assert_eq!(update::open(&mut a, d, &strata::tui::content::Item::Section(vec![1]), Vec::new()), Effect::Redraw);
    assert!(a.layers.compare.on().is_none());
    assert_eq!(a.layers.browse.focus, Pane::Content);
}

/// The summary's word counts go through the one number formatter: in Russian, thousands apart
/// by a narrow no-break space (astrakhan against ivanovo: over ten thousand words each way).
#[test]
fn the_summary_word_counts_use_the_number_formatter() {
    use crate::i18n::{Lang, with_lang};
    with_lang(Lang::Ru, || {
        let mut a = app(120, 40, ColorDepth::TrueColor);
        select_doc(&mut a, "astrakhan.json");
        keys(&mut a, "a");
        select_doc(&mut a, "ivanovo.json");
        keys(&mut a, "b");
        enter(&mut a);
        let c = a.layers.compare.on().unwrap();
        let s = &c.diff().summary;
        assert!(s.words_added >= 10_000 && s.words_removed >= 10_000, "{} {}", s.words_added, s.words_removed);
        let want =
            format!("+{} -{}", crate::i18n::number(s.words_added as f64), crate::i18n::number(s.words_removed as f64));
        assert!(want.contains('\u{202f}'), "{want}");
        let t = content_text(&a);
        assert!(t.contains(&want), "{want} not in\n{t}");
    });
}

/// One numbering scheme in the compare tree: every section shows its full number, a number its
/// document prints within its chapter only (`10` under chapter 5) with the chapter's in front,
/// and a document numbering none of a chapter's sub-sections, or counting on through the whole
/// text, gets them numbered by place.
#[test]
fn the_compare_tree_numbers_every_section_by_its_full_path() {
    use strata::tui::layer::compare::path_numbers;
    let set = strata::load::load_bundled();
    let doc = |name: &str| &set.docs.iter().find(|l| l.origin.ends_with(name)).unwrap().doc;
    let number_of = |name: &str, key: &str| {
        let d = doc(name);
        let keys = strata::compare::align::placed(d).1;
        let i = keys.iter().position(|k| k == key).unwrap_or_else(|| panic!("{key} in {name}"));
        path_numbers(d)[i].clone()
    };
    // Printed with the chapter's number, printed within the chapter, no number before chapter 1.
    assert_eq!(number_of("ivanovo.json", "problems.healthcare").as_deref(), Some("4.2"));
    assert_eq!(number_of("ivanovo.json", "linkage.trade_business").as_deref(), Some("5.10"));
    assert_eq!(number_of("ivanovo.json", "indicators.healthcare").as_deref(), Some("7.2"));
    assert_eq!(number_of("ivanovo.json", "preamble"), None);
    // astrakhan prints no numbers under its chapter 1: they come from their places.
    assert_eq!(number_of("astrakhan.json", "basics.grounds").as_deref(), Some("1.1"));
    assert_eq!(number_of("astrakhan.json", "basics.terms").as_deref(), Some("1.3"));
    // tver numbers no chapters and counts its sub-sections on through the text (4 and 5 are
    // the first two under the third chapter): all by their places.
    assert_eq!(number_of("tver.json", "priorities").as_deref(), Some("3"));
    assert_eq!(number_of("tver.json", "priorities.goal").as_deref(), Some("3.1"));
    assert_eq!(number_of("tver.json", "problems.healthcare").as_deref(), Some("4.2"));
    // Its first chapter's sub-sections are numbered from 1: as printed, under the chapter.
    assert_eq!(number_of("tver.json", "basics.terms").as_deref(), Some("1.3"));
    // No number twice among one document's sections.
    for l in &set.docs {
        let mut ns: Vec<String> = path_numbers(&l.doc).into_iter().flatten().collect();
        let n = ns.len();
        ns.sort();
        ns.dedup();
        assert_eq!(ns.len(), n, "a number repeats in {}", l.origin);
    }
    // On screen: the sector sections of chapters 5-7 read as theirs, never as chapter 10.
    let a = comparing(120, 40, ColorDepth::TrueColor);
    let c = a.layers.compare.on().unwrap();
    let row = |key: &str| c.numbers[c.diff.sections.iter().position(|s| s.key == key).unwrap()].clone();
    assert_eq!(row("linkage.trade_business").as_deref(), Some("5.10"));
    assert_eq!(row("projects.trade_business").as_deref(), Some("6.10"));
    let s = text(&render(&a));
    assert!(s.contains("5.10 Торговля"), "{s}");
    assert!(!s.contains(" 10 Торговля"), "{s}");
}

/// The change size gives way to the title: both counts when the title keeps 3/5 of the row, else
/// one figure, else nothing; counts over ten thousand are written in thousands.
#[test]
fn the_change_size_leaves_the_title_its_share() {
    use strata::tui::layer::compare::fitting;
    let forms = ["+18 -11 тыс.".to_string(), "±29 тыс.".to_string()];
    // A short title: everything fits.
    assert_eq!(fitting(&forms, 4, 6, 28), Some(&forms[0]));
    // A long title in 24 columns after the lead: both counts would leave it 11 < 15.
    assert_eq!(fitting(&forms, 4, 40, 28), Some(&forms[1]));
    assert_eq!(fitting(&forms, 4, 40, 60), Some(&forms[0]));
    assert_eq!(fitting(&forms, 4, 40, 12), None);
    assert_eq!(fitting(&[], 4, 40, 120), None);
    // Thousands of words changed in one section with a long title (ivanovo against itself, 11 000
    // words of A's and 18 000 of B's in 5.10).
    let grown = |origin: &str, word: &str, n: usize, version: &str| {
        let set = strata::load::load_bundled();
        let mut l = set.docs.into_iter().find(|l| l.origin.ends_with("ivanovo.json")).unwrap();
        l.origin = origin.to_string();
        let doc = std::sync::Arc::make_mut(&mut l.doc);
        doc.meta.version.label = version.to_string();
        let linkage = doc.sections.iter_mut().find(|s| s.key == "linkage").unwrap();
        let s = linkage.children.iter_mut().find(|s| s.key == "linkage.trade_business").unwrap();
        for b in 0..n / 100 {
            let text = (0..100).map(|w| format!("{word}{b}x{w}")).collect::<Vec<_>>().join(" ");
            s.blocks.push(strata::model::Block { kind: strata::model::BlockKind::Paragraph, text: text.into() });
        }
        l
    };
    let seen = |lang, w, h| {
        crate::i18n::with_lang(lang, || {
            let docs = vec![
                grown("big-a.json", "старое", 11_000, "2030-01-01"),
                grown("big-b.json", "новое", 18_000, "2031-01-01"),
            ];
            let settings = Settings { mouse: false, ..Settings::default() };
            let mut a = Harness::with_settings(docs, Vec::new(), settings, w, h);
            a.compare("big-a.json", "big-b.json");
            a.settle();
            keys(&mut a, "u");
            let c = a.layers.compare.on().expect("compare mode");
            let s = c.diff.sections.iter().find(|s| s.key == "linkage.trade_business").unwrap();
            assert_eq!((s.words_added, s.words_removed), (18_000, 11_000));
            let tree = strata::tui::layout::inner(a.areas().tree);
            let b = render(&a);
            let rows: Vec<String> = (tree.y..tree.y + tree.height)
                .map(|y| (tree.x..tree.x + tree.width).map(|x| b[(x, y)].symbol().to_string()).collect())
                .collect();
            rows.into_iter().find(|r| r.contains("5.10 ")).unwrap_or_else(|| panic!("no 5.10 row in\n{}", text(&b)))
        })
    };
    use crate::i18n::Lang;
    // 28 columns: both counts would leave the title 11 of 24, one figure leaves it 15.
    let r = seen(Lang::Ru, 80, 24);
    assert!(r.contains("5.10 Торговля") && r.trim_end().ends_with("±29\u{a0}тыс."), "{r:?}");
    // 100 columns give the tree 24: «±29 тыс.» would leave the title 11 of 20, so it goes; the
    // English figure is shorter.
    let r = seen(Lang::Ru, 100, 30);
    assert!(r.contains("5.10 Торговля и пред") && !r.contains("тыс"), "{r:?}");
    let r = seen(Lang::En, 100, 30);
    assert!(r.contains("5.10 Торговля") && r.trim_end().ends_with("±29k"), "{r:?}");
    let r = seen(Lang::Ru, 200, 50);
    assert!(r.contains("5.10 Торговля и предприн") && r.trim_end().ends_with("+18 -11\u{a0}тыс."), "{r:?}");
    let r = seen(Lang::En, 80, 24);
    assert!(r.contains("5.10 Торговля и") && r.trim_end().ends_with("±29k"), "{r:?}");
    let r = seen(Lang::En, 200, 50);
    assert!(r.contains("5.10 Торговля и предприн") && r.trim_end().ends_with("+18k -11k"), "{r:?}");
}
