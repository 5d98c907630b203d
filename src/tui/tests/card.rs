//! The project card: opened from a projects-table row, every field shown, scrolled, closed with
//! Esc; table cells cut to one line; quality warnings before the data.

use super::common;
use super::screen::{render, text};
use crate::tui::testing::Harness;

use crate::tui::layer::card::Card;
use strata::load::Loaded;
use strata::model::Warning;
use strata::tui::content::Item;
use strata::tui::state::{Pane, Settings};
use strata::tui::update;

/// The fixtures with section headings placed in the raw text, and a `cell_split` warning inside
/// the healthcare projects section (the fixture's own warning, line 120, falls in section 1.1).
pub(super) fn docs() -> Vec<Loaded> {
    let mut docs = common::docs();
    for l in &mut docs {
        let d = std::sync::Arc::make_mut(&mut l.doc);
        // Headings in document order: section i at line 100 (i + 1), its children 10 lines apart.
        for (i, s) in d.sections.iter_mut().enumerate() {
            s.line = Some(100 * (i + 1));
            for (j, c) in s.children.iter_mut().enumerate() {
                c.line = Some(100 * (i + 1) + 10 * (j + 1));
            }
        }
        assert_eq!(d.section("projects.healthcare").and_then(|s| s.line), Some(320));
        d.source.quality.warnings.push(Warning {
            code: "cell_split".into(),
            message: "project row 2 of sector healthcare: could not find the cells funding".into(),
            line: Some(324),
            offset: None,
            project: None,
        });
    }
    docs
}

fn app(w: u16, h: u16, ascii: bool) -> Harness {
    let settings = Settings { ascii, ..Settings::default() };
    let mut a = Harness::with_settings(docs(), Vec::new(), settings, w, h);
    update::select_item(&mut a, &Item::Section(vec![2, 1]));
    a.press("tab");
    assert_eq!(a.layers.browse.focus, Pane::Content);
    a
}

fn content(a: &Harness) -> String {
    a.layers
        .browse
        .content
        .lines
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect::<String>() + "\n")
        .collect()
}

#[test]
fn enter_on_a_row_opens_its_card_and_esc_comes_back() {
    let mut a = app(120, 40, false);
    assert_eq!(a.layers.browse.content.rows.len(), 2);
    assert_eq!(a.project_row().map(|i| a.docs[a.doc().unwrap()].doc.projects[i].number), Some(Some(1)));
    a.press("j");
    let picked = a.project_row().unwrap();
    let d = a.doc().unwrap();
    assert_eq!(a.docs[d].doc.projects[picked].number, Some(2), "j moves the row cursor");
    assert!(a.press("enter"));
    assert_eq!(a.top::<Card>().map(Card::shows), Some((d, picked)));
    let s = text(&render(&a));
    for label in ["Sector:", "Goal:", "Description:", "Tasks:", "Region's role:", "Beneficiaries:", "Effects:"] {
        assert!(s.contains(label), "{label} on the card:\n{s}");
    }
    assert!(s.contains("Телемедицинские консультации для жителей отдалённых районов"), "the whole name:\n{s}");
    assert!(!s.contains('\u{1b}'), "the id's control sequence never reaches the screen");
    assert!(a.press("esc"));
    assert_eq!(a.layers(), ["browse"]);
    assert_eq!(a.layers.browse.focus, Pane::Content);
    assert_eq!(a.project_row(), Some(picked), "back on the same row");
    a.press("k k");
    assert_eq!(a.docs[d].doc.projects[a.project_row().unwrap()].number, Some(1));
}

#[test]
fn warnings_of_the_section_come_before_the_data() {
    let a = app(120, 40, false);
    let t = content(&a);
    let warn = t.find("could not find the cells funding").expect(&t);
    let table = t.find("No.   Project").expect(&t);
    assert!(warn < table, "{t}");
    assert!(t.contains("line 324, cell_split"), "{t}");
    assert!(!t.contains("буква «л»"), "a warning of another section stays there:\n{t}");
    let d = a.doc().unwrap();
    let places = a.docs[d].doc.warning_sections();
    let keys: Vec<Option<&str>> = places.iter().map(|s| s.map(|s| s.key.as_str())).collect();
    assert_eq!(keys, [Some("basics.grounds"), Some("projects.healthcare")]);
}

#[test]
fn card_scrolls_and_an_uncertain_row_says_so_first() {
    let mut a = app(80, 24, false);
    let d = a.doc().unwrap();
    // Make the first row uncertain.
    let first = a.project_row().unwrap();
    std::sync::Arc::make_mut(&mut a.docs[d].doc).projects[first].confidence = 0.3;
    a.layers.browse.content.key = None;
    a.refresh();
    a.press("enter");
    let s = text(&render(&a));
    let doubt = s.find("split with low confidence").expect(&s);
    assert!(doubt < s.find("Sector:").expect(&s), "{s}");
    assert!(a.press("G"), "a long card scrolls");
    let s = text(&render(&a));
    assert!(s.contains("Row as recovered"), "{s}");
    assert!(!a.press("G"), "it stops at its end");
}

#[test]
fn cells_are_cut_with_ascii_dots_under_ascii() {
    let a = app(120, 40, true);
    let t = content(&a);
    assert!(t.contains("здравоохр..."), "{t}");
    assert!(!t.contains('…'), "{t}");
}

#[test]
fn snapshot_card_80x24_in_both_languages() {
    use strata::i18n::{Lang, with_lang};
    for (lang, name) in [(Lang::En, "card_80x24_en"), (Lang::Ru, "card_80x24_ru")] {
        with_lang(lang, || {
            let mut a = app(80, 24, false);
            a.press("enter");
            let s = text(&render(&a));
            insta::assert_snapshot!(name, s);
        });
    }
}

/// A warning about a project row (no place in the raw text, only the row's id): under that row
/// in the table rather than at the section's top, and at the top of that project's card alone.
#[test]
fn a_warning_about_a_project_shows_at_its_row_and_on_its_card() {
    let mut docs = docs();
    for l in &mut docs {
        std::sync::Arc::make_mut(&mut l.doc).source.quality.warnings.push(Warning {
            code: "implausible_value?".into(),
            message: "a share of 802 %, over 100".into(),
            line: None,
            offset: None,
            project: Some("healthcare/1".into()),
        });
    }
    let mut a = Harness::with_settings(docs, Vec::new(), Settings::default(), 120, 40);
    update::select_item(&mut a, &Item::Section(vec![2, 1]));
    a.press("tab");
    let t = content(&a);
    let row1 = t.find("Цифровой контур").expect(&t);
    let warn = t.find("a share of 802 %").expect(&t);
    let row2 = t.find("Телемедицинские").expect(&t);
    assert!(row1 < warn && warn < row2, "under its row:\n{t}");
    assert!(t.contains("    ! implausible_value?: a share"), "indented past the number:\n{t}");
    assert!(t.find("could not find the cells funding").expect(&t) < t.find("No.   Project").expect(&t), "{t}");
    assert_eq!(t.matches("802 %").count(), 1, "not also at the section's top:\n{t}");
    let d = a.doc().unwrap();
    let places = a.docs[d].doc.warning_sections();
    assert_eq!(
        places.last().copied().flatten().map(|s| s.key.as_str()),
        Some("projects.healthcare"),
        "the problem list's place"
    );
    // Its card: the warning first, before the data; the second project's card does not have it.
    a.press("enter");
    let s = text(&render(&a));
    let own = s.find("1 warning about this project").expect(&s);
    assert!(
        own < s.find("a share of 802 %").expect(&s) && s.find("802 %").unwrap() < s.find("Sector:").expect(&s),
        "{s}"
    );
    a.press("esc j enter");
    let s = text(&render(&a));
    assert!(s.contains("Телемедицинские консультации") && !s.contains("802 %"), "{s}");
}
