//! The problem list (`e`): files that did not open, then each open document's grade spelled out
//! and its quality warnings grouped by section; Enter on a warning opens its section.

use super::card::docs;
use super::screen::{render, text};
use crate::tui::testing::Harness;

use crate::tui::layer::problems::Problems;
use strata::load::LoadError;
use strata::tui::content::{Item, section_at};
use strata::tui::state::Pane;

fn app() -> Harness {
    let errors = vec![LoadError { origin: "broken.json".into(), position: Some((3, 11)), message: "bad".into() }];
    Harness::new(docs(), errors, 100, 60)
}

fn key_of(a: &Harness) -> String {
    let d = a.doc().unwrap();
    match a.item().unwrap() {
        Item::Overview => "overview".into(),
        Item::Section(p) => section_at(&a.docs[d].doc, p).unwrap().key.clone(),
    }
}

#[test]
fn warnings_are_grouped_by_section_with_the_grade_spelled_out() {
    let mut a = app();
    a.press("e");
    let s = text(&render(&a));
    assert!(s.contains("Files not opened (1)") && s.contains("broken.json"), "{s}");
    assert!(s.contains("grade D — heavily damaged"), "{s}");
    assert!(s.contains("grade B — minor damage"), "{s}");
    let group = s.find("6.2 Здравоохранение").expect(&s);
    let warning = s.find("! line 324, cell_split: project row 2").expect(&s);
    assert!(group < warning, "the warning under its section:\n{s}");
    assert!(s.contains("1.1 Основания разработки") && s.contains("! line 120, lost_glyph"), "{s}");
}

#[test]
fn enter_on_a_warning_opens_its_section() {
    let mut a = app();
    let first = a.doc().unwrap();
    a.press("e");
    assert_eq!(a.top::<Problems>().map(Problems::sel), Some(0));
    a.press("j");
    assert_eq!(a.top::<Problems>().map(Problems::sel), Some(1), "j picks the next warning");
    a.press("enter");
    assert_eq!(a.layers(), ["browse"]);
    assert_eq!(a.layers.browse.focus, Pane::Content);
    assert_eq!(a.doc(), Some(first), "the first listed document's second warning");
    assert_eq!(key_of(&a), "projects.healthcare");
    a.press("e k enter");
    assert_eq!(key_of(&a), "basics.grounds");
}

#[test]
fn the_list_reads_in_russian() {
    use strata::i18n::{Lang, with_lang};
    with_lang(Lang::Ru, || {
        let mut a = app();
        a.press("e");
        let s = text(&render(&a));
        assert!(s.contains("оценка D — сильно повреждён"), "{s}");
        assert!(s.contains("Предупреждения о качестве") && s.contains("! строка 324, cell_split"), "{s}");
        // The warning itself, rendered from its code and parameters (stored in English).
        assert!(s.contains("! строка 324, cell_split: строка проекта 2 отрасли"), "{s}");
        assert!(!s.contains("project row"), "{s}");
    });
}
