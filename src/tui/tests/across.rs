//! The across-regions views: the project matrix (`m` from the documents pane), indicators side by
//! side (`i`), one section of every region (`R`), template dimming (`B`) and the diff options of
//! compare mode (`p`, `O`), driven by keys over the bundled samples.

use super::screen::{render, styles, text};
use crate::tui::across::View;
use crate::tui::testing::Harness;
use strata::tui::content::Item;
use strata::tui::state::{Overlay, Pane, Settings};
use strata::tui::theme::{ColorDepth, Role, Theme};

/// The bundled samples (five regions, one with an illustrative revision) on a `w` x `h` screen.
fn app(w: u16, h: u16, depth: ColorDepth, ascii: bool) -> Harness {
    let set = strata::load::load_bundled();
    assert!(set.errors.is_empty(), "{:?}", set.errors);
    let settings = Settings { theme: Theme::default().adapt(depth), ascii, ..Settings::default() };
    Harness::with_settings(set.docs, Vec::new(), settings, w, h)
}

fn matrix(a: &Harness) -> &crate::tui::across::matrix::MatrixView {
    match a.across.view.as_deref() {
        Some(View::Matrix(m)) => m,
        other => panic!("no matrix view: {other:?}"),
    }
}

fn indicators(a: &Harness) -> &crate::tui::across::indicators::IndicatorsView {
    match a.across.view.as_deref() {
        Some(View::Indicators(m)) => m,
        other => panic!("no indicators view: {other:?}"),
    }
}

fn section(a: &Harness) -> &crate::tui::across::sections::SectionView {
    match a.across.view.as_deref() {
        Some(View::Section(m)) => m,
        other => panic!("no section view: {other:?}"),
    }
}

/// The matrix opened from the documents pane.
fn with_matrix(w: u16, h: u16) -> Harness {
    let mut a = app(w, h, ColorDepth::TrueColor, false);
    a.focus = Pane::Documents;
    a.press("m");
    a
}

/// Selects the document whose origin ends with `name`, and section `key` of it.
fn open_section(a: &mut Harness, name: &str, key: &str) -> usize {
    let d = a.docs.iter().position(|l| l.origin.ends_with(name)).unwrap_or_else(|| panic!("no {name}"));
    let path = crate::tui::across::path_of_key(&a.docs[d].doc, key).unwrap_or_else(|| panic!("no {key}"));
    crate::tui::update::open(a, d, &Item::Section(path), Vec::new());
    d
}

fn screen(a: &Harness) -> String {
    text(&render(a))
}

#[test]
fn matrix_opens_from_the_documents_pane_with_one_column_per_region() {
    let a = with_matrix(80, 24);
    let m = matrix(&a);
    // Five regions; ivanovo's illustrative revision is not a column of its own.
    assert_eq!(m.docs.len(), 5);
    assert!(m.docs.iter().all(|&d| !a.docs[d].doc.meta.version.illustrative));
    assert_eq!(a.context(), crate::tui::keymap::Context::Across);
    let s = screen(&a);
    assert!(s.contains("Matrix: 120 projects in 5 regions"), "{s}");
    assert!(s.contains("5/5"), "{s}");
    assert!(s.contains("Project matrix"), "status line names the view:\n{s}");
}

#[test]
fn enter_opens_the_project_of_the_selected_region_and_esc_comes_back() {
    let mut a = with_matrix(80, 24);
    // The first row of a region with the project: its cell, two columns right.
    let (row, col) = {
        let m = matrix(&a);
        let r = m.rows.shown.iter().position(|&r| m.matrix.rows[r].cells[2].is_some()).unwrap();
        (r, 2)
    };
    for _ in 0..row {
        a.press("j");
    }
    a.press("l l");
    let (doc, wording) = {
        let m = matrix(&a);
        assert_eq!((m.rows.sel, m.col), (row, col));
        let cell = m.row().unwrap().cells[col].clone().unwrap();
        (m.docs[col], cell.name)
    };
    a.press("enter");
    match a.overlay {
        Some(Overlay::Card { doc: d, project, .. }) => {
            assert_eq!(d, doc);
            assert_eq!(a.docs[d].doc.projects[project].name, wording);
        }
        ref o => panic!("no card: {o:?}"),
    }
    // Esc closes the card: the matrix is still there, as it was.
    a.press("esc");
    assert!(a.overlay.is_none());
    assert_eq!(matrix(&a).rows.sel, row);
    // Esc again: the project's row is selected in its region's projects section.
    a.press("esc");
    assert!(a.across.view.is_none());
    assert_eq!(a.doc(), Some(doc));
    assert_eq!(a.focus, Pane::Content);
    let p = a.project_row().expect("a projects table");
    assert_eq!(a.docs[doc].doc.projects[p].name, wording);
}

#[test]
fn enter_on_a_region_without_the_project_says_so() {
    let mut a = with_matrix(80, 24);
    let (row, col) = {
        let m = matrix(&a);
        (0..m.rows.shown.len())
            .find_map(|i| {
                (0..m.docs.len()).find(|&c| m.matrix.rows[m.rows.shown[i]].cells[c].is_none()).map(|c| (i, c))
            })
            .unwrap()
    };
    for _ in 0..row {
        a.press("j");
    }
    for _ in 0..col {
        a.press("l");
    }
    let region = a.docs[matrix(&a).docs[col]].doc.meta.region.name.clone();
    a.press("enter");
    assert!(a.overlay.is_none());
    assert!(a.message().is_some_and(|m| m.contains(&region)), "{:?}", a.message());
}

#[test]
fn sector_filter_and_order_by_number_of_regions() {
    let mut a = with_matrix(80, 24);
    let all = matrix(&a).rows.shown.len();
    a.press("f");
    let m = matrix(&a);
    let first = m.rows.filter.sectors[0].clone();
    assert!(!m.rows.shown.is_empty() && m.rows.shown.len() < all);
    assert!(m.rows.shown.iter().all(|&r| m.matrix.rows[r].sector == first));
    assert!(screen(&a).contains(&format!("sector: {first}")), "{}", screen(&a));
    // Round the sectors back to all of them.
    let n = matrix(&a).rows.filter.sectors.len();
    for _ in 0..n {
        a.press("f");
    }
    assert_eq!(matrix(&a).rows.shown.len(), all);
    a.press("o");
    let m = matrix(&a);
    let counts: Vec<usize> = m.rows.shown.iter().map(|&r| m.matrix.rows[r].adoption()).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    assert!(screen(&a).contains("by number of regions"));
}

#[test]
fn ascii_cells_say_without_colour_or_box_symbols() {
    let mut a = app(80, 24, ColorDepth::None, true);
    a.focus = Pane::Documents;
    a.press("m");
    let s = screen(&a);
    assert!(s.contains("[X]"), "the selected cell is bracketed:\n{s}");
    assert!(!s.contains('●') && !s.contains('·'), "{s}");
    assert!(s.contains("X has it, marked federal"), "{s}");
}

#[test]
fn indicators_side_by_side_with_the_lowest_and_highest_marked() {
    let mut a = app(80, 24, ColorDepth::TrueColor, false);
    a.focus = Pane::Documents;
    a.press("i");
    // The first indicator compared across regions in some year.
    let (row, spread) = {
        let v = indicators(&a);
        let i = v.rows.shown.iter().position(|&r| v.data.rows[r].spread.iter().any(|s| s.compared > 1)).unwrap();
        let s = v.data.rows[v.rows.shown[i]].spread.iter().find(|s| s.compared > 1).unwrap().clone();
        (i, s)
    };
    for _ in 0..row {
        a.press("j");
    }
    let s = screen(&a);
    assert!(s.contains('▼') && s.contains('▲'), "{s}");
    let low = strata::i18n::number(spread.lowest.value);
    assert!(s.lines().any(|l| l.trim_start().starts_with('▼') && l.contains(&low)), "lowest {low}:\n{s}");
    // Enter opens the selected region's indicators of the sector.
    let (doc, sector) = {
        let v = indicators(&a);
        (v.docs[v.present()[0]], v.row().unwrap().sector.clone())
    };
    a.press("enter");
    assert!(a.across.view.is_none());
    assert_eq!(a.doc(), Some(doc));
    let key = match a.item() {
        Some(Item::Section(p)) => strata::tui::content::section_at(&a.docs[doc].doc, p).unwrap().key.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(key, format!("indicators.{sector}"));
}

#[test]
fn m_and_i_switch_between_matrix_and_indicators() {
    let mut a = with_matrix(80, 24);
    a.press("i");
    indicators(&a);
    a.press("m");
    matrix(&a);
}

#[test]
fn a_section_of_every_region_in_columns_and_what_each_adds() {
    let mut a = app(80, 24, ColorDepth::TrueColor, false);
    open_section(&mut a, "ivanovo.json", "problems.healthcare");
    a.press("R");
    let v = section(&a);
    assert_eq!(v.present().len(), 5);
    assert_eq!(v.fit(80).0, 3, "three columns fit at 80");
    let s = screen(&a);
    assert!(s.contains("Астраханская область") && s.contains("template "), "{s}");
    // l shifts the columns shown: the fourth region comes in.
    let fourth = v.cmp.columns[v.present()[3]].region.name.clone();
    assert!(!s.contains(&fourth));
    a.press("l");
    assert!(screen(&a).contains(&fourth));
    a.press("s");
    let s = screen(&a);
    assert!(s.contains("adds:"), "{s}");
    // Each region's own passages are its specific text.
    let v = section(&a);
    let adds: usize = v.cmp.columns.iter().map(|c| c.additions(3).len()).sum();
    assert!(adds > 0);
}

#[test]
fn template_text_is_dimmed_and_own_text_emphasised_with_a_toggle() {
    let mut a = app(80, 24, ColorDepth::TrueColor, false);
    open_section(&mut a, "ivanovo.json", "priorities.tasks");
    let t = a.theme.clone();
    let has = |a: &Harness, r: Role| {
        a.content.lines.iter().flat_map(|l| &l.spans).any(|s| s.style == t.style(Role::Text).patch(t.style(r)))
    };
    assert!(!has(&a, Role::Boilerplate));
    a.press("B");
    assert!(a.across.dim);
    assert!(has(&a, Role::Boilerplate), "shared text dimmed");
    assert!(has(&a, Role::Specific), "own text emphasised");
    a.press("B");
    assert!(!has(&a, Role::Boilerplate) && !has(&a, Role::Specific));
}

#[test]
fn without_colour_region_text_is_marked_in_the_section_view() {
    let mut a = app(80, 24, ColorDepth::None, false);
    open_section(&mut a, "ivanovo.json", "priorities.tasks");
    // The roles still differ without colour.
    let (b, s) = (a.theme.style(Role::Boilerplate), a.theme.style(Role::Specific));
    assert_ne!(b.add_modifier, s.add_modifier);
    a.press("R");
    let v = section(&a);
    let lines = v.lines(80, &a.theme, a.ascii);
    let text: String = lines.iter().flat_map(|l| &l.spans).map(|s| s.content.as_ref()).collect();
    assert!(text.contains("{+"), "{text}");
}

#[test]
fn diff_options_punctuation_by_default_for_flat_text_and_keys() {
    let mut a = app(100, 30, ColorDepth::TrueColor, false);
    let tver = a.docs.iter().position(|l| l.origin.ends_with("tver.json")).unwrap();
    let iv = a.docs.iter().position(|l| l.origin.ends_with("ivanovo.json")).unwrap();
    a.picked = crate::tui::compare::Picked { a: Some(iv), b: Some(tver), norm: None };
    a.press("c");
    a.settle();
    let c = a.compare.as_ref().expect("compare mode");
    assert!(c.norm.ignore_punct, "tver is flattened text");
    assert!(!c.norm.ocr);
    a.press("tab");
    assert!(screen(&a).contains("no punct."), "{}", screen(&a));
    a.press("p");
    a.settle();
    assert!(!a.compare.as_ref().unwrap().norm.ignore_punct);
    a.press("O");
    a.settle();
    let c = a.compare.as_ref().unwrap();
    assert!(c.norm.ocr && !c.norm.ignore_punct);
    let s = screen(&a);
    assert!(s.contains("punct. OCR"), "{s}");
}

#[test]
fn snapshots_80x24_in_both_languages() {
    use strata::i18n::{Lang, with_lang};
    for lang in [Lang::En, Lang::Ru] {
        with_lang(lang, || {
            let code = lang.code();
            let mut a = with_matrix(80, 24);
            insta::assert_snapshot!(format!("matrix_80x24_{code}"), screen(&a));
            a.press("i j");
            insta::assert_snapshot!(format!("indicators_80x24_{code}"), screen(&a));
            a.press("esc");
            open_section(&mut a, "ivanovo.json", "priorities.goal");
            a.press("R");
            insta::assert_snapshot!(format!("section_80x24_{code}"), screen(&a));
            a.press("s");
            insta::assert_snapshot!(format!("section_adds_80x24_{code}"), screen(&a));
        });
    }
}

#[test]
fn template_styles_snapshot() {
    let mut a = app(80, 24, ColorDepth::TrueColor, false);
    open_section(&mut a, "ivanovo.json", "priorities.goal");
    a.press("B");
    insta::assert_snapshot!("content_template_80x24_styles", styles(&render(&a)));
}
