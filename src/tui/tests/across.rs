//! The across-regions views: the project matrix (`m` from the documents pane), indicators side by
//! side (`i`), one section of every region (`R`), template dimming (`B`) and the diff options of
//! compare mode (`p`, `O`), driven by keys over the bundled samples.

use super::screen::{render, styles, text};
use crate::tui::layer::card::Card;
use crate::tui::testing::Harness;
use strata::tui::content::Item;
use strata::tui::state::{Pane, Settings};
use strata::tui::theme::{ColorDepth, Role, Theme};

/// The bundled samples (five regions, one with an illustrative revision) on a `w` x `h` screen.
fn app(w: u16, h: u16, depth: ColorDepth, ascii: bool) -> Harness {
    let set = strata::load::load_bundled();
    assert!(set.errors.is_empty(), "{:?}", set.errors);
    let settings = Settings { theme: Theme::default().adapt(depth), ascii, ..Settings::default() };
    Harness::with_settings(set.docs, Vec::new(), settings, w, h)
}

/// The matrix the view shows: of each open region's newest official version, in the view's
/// column order.
fn expected_matrix(a: &Harness) -> (strata::across::matrix::Matrix, Vec<usize>) {
    let cols = crate::tui::across::columns(a);
    (strata::across::matrix::build(&crate::tui::across::docs_of(a, &cols), None), cols)
}

fn expected_indicators(a: &Harness) -> (strata::across::indicators::Indicators, Vec<usize>) {
    let cols = crate::tui::across::columns(a);
    let docs = crate::tui::across::docs_of(a, &cols);
    (strata::across::indicators::build(&docs, Default::default()), cols)
}

fn top(a: &Harness) -> &'static str {
    a.layers().last().copied().unwrap_or("")
}

/// Screen lines of matrix rows (those ending in a count `k/n`): their counts.
fn row_counts(s: &str, n: usize) -> Vec<usize> {
    s.lines()
        .filter_map(|l| l.trim_end().strip_suffix(&format!("/{n}")))
        .filter_map(|l| l.rsplit(' ').next().and_then(|k| k.parse().ok()))
        .collect()
}

/// The matrix opened from the documents pane.
fn with_matrix(w: u16, h: u16) -> Harness {
    let mut a = app(w, h, ColorDepth::TrueColor, false);
    a.layers.browse.focus = Pane::Documents;
    a.press("A");
    a.settle();
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
    assert_eq!(top(&a), "matrix");
    assert_eq!(a.context(), crate::tui::keymap::Context::Across);
    let (m, cols) = expected_matrix(&a);
    // Five regions; ivanovo's illustrative revision is not a column of its own.
    assert_eq!(cols.len(), 5);
    assert!(cols.iter().all(|&d| !a.docs[d].doc.meta.version.illustrative));
    let s = screen(&a);
    assert!(s.contains(&format!("Matrix: {} projects in 5 regions", m.rows.len())), "{s}");
    assert!(s.contains("5/5"), "{s}");
    assert!(s.contains("Project matrix"), "status line names the view:\n{s}");
}

#[test]
fn enter_opens_the_project_of_the_selected_region_and_esc_comes_back() {
    let mut a = with_matrix(80, 24);
    let (m, cols) = expected_matrix(&a);
    // The first row where the third region has the project.
    let row = m.rows.iter().position(|r| r.cells[2].is_some()).unwrap();
    let wording = m.rows[row].cells[2].as_ref().unwrap().name.clone();
    for _ in 0..row {
        a.press("j");
    }
    a.press("l l");
    let s = screen(&a);
    let start: String = wording.chars().take(20).collect();
    assert!(s.contains(&format!("«{start}")), "the selected cell's wording shows:\n{s}");
    a.press("enter");
    let doc = cols[2];
    assert_eq!(a.layers(), ["browse", "matrix", "card"]);
    let (d, project) = a.top::<Card>().expect("the card on top").shows();
    assert_eq!(d, doc);
    assert_eq!(a.docs[d].doc.projects[project].name, wording);
    // Esc closes the card: the matrix as it was, the same cell selected.
    a.press("esc");
    assert_eq!(a.layers(), ["browse", "matrix"]);
    assert!(screen(&a).contains(&format!("«{start}")));
    // Esc again: the project's row is selected in its region's projects section.
    a.press("esc");
    assert_eq!(a.layers(), ["browse"]);
    assert_eq!(a.doc(), Some(doc));
    assert_eq!(a.layers.browse.focus, Pane::Content);
    let p = a.project_row().expect("a projects table");
    assert_eq!(a.docs[doc].doc.projects[p].name, wording);
    // m resumes the matrix where it was.
    a.press("A");
    assert_eq!(top(&a), "matrix");
    assert!(screen(&a).contains(&format!("«{start}")));
}

#[test]
fn enter_on_a_region_without_the_project_says_so() {
    let mut a = with_matrix(80, 24);
    let (m, cols) = expected_matrix(&a);
    let (row, col) = (0..m.rows.len())
        .find_map(|i| (0..cols.len()).find(|&c| m.rows[i].cells[c].is_none()).map(|c| (i, c)))
        .unwrap();
    for _ in 0..row {
        a.press("j");
    }
    for _ in 0..col {
        a.press("l");
    }
    let region = a.docs[cols[col]].doc.meta.region.name.clone();
    a.press("enter");
    assert_eq!(top(&a), "matrix");
    assert!(a.message().is_some_and(|m| m.contains(&region)), "{:?}", a.message());
}

#[test]
fn sector_filter_and_order_by_number_of_regions() {
    let mut a = with_matrix(80, 24);
    let (m, _) = expected_matrix(&a);
    let mut sectors: Vec<&str> = Vec::new();
    for r in &m.rows {
        if !sectors.contains(&r.sector.as_str()) {
            sectors.push(&r.sector);
        }
    }
    a.press("f");
    let first = sectors[0];
    let n = m.rows.iter().filter(|r| r.sector == first).count();
    let s = screen(&a);
    assert!(s.contains(&format!("Matrix: {n} projects in 5 regions; sector: {first}")), "{s}");
    // Round the sectors back to all of them.
    for _ in 0..sectors.len() {
        a.press("f");
    }
    assert!(screen(&a).contains(&format!("Matrix: {} projects in 5 regions; sector: all", m.rows.len())));
    // The selection stays on its row; from the top, the most adopted rows come first.
    a.press("o g");
    let s = screen(&a);
    assert!(s.contains("by number of regions"), "{s}");
    let counts = row_counts(&s, 5);
    assert!(counts.len() > 10 && counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}\n{s}");
    assert_eq!(counts[0], m.rows.iter().map(|r| r.adoption()).max().unwrap());
}

#[test]
fn ascii_cells_say_without_colour_or_box_symbols() {
    let mut a = app(80, 24, ColorDepth::None, true);
    a.layers.browse.focus = Pane::Documents;
    a.press("A");
    a.settle();
    let s = screen(&a);
    assert!(s.contains("[X]"), "the selected cell is bracketed:\n{s}");
    assert!(!s.contains('●') && !s.contains('·'), "{s}");
    assert!(s.contains("X has it, marked federal"), "{s}");
}

#[test]
fn indicators_side_by_side_with_the_lowest_and_highest_marked() {
    let mut a = app(80, 24, ColorDepth::TrueColor, false);
    a.layers.browse.focus = Pane::Documents;
    a.press("T");
    a.settle();
    assert_eq!(top(&a), "indicators");
    let (ind, cols) = expected_indicators(&a);
    // The first indicator compared across regions in some year.
    let row = ind.rows.iter().position(|r| r.spread.iter().any(|s| s.compared > 1)).unwrap();
    let spread = ind.rows[row].spread.iter().find(|s| s.compared > 1).unwrap().clone();
    for _ in 0..row {
        a.press("j");
    }
    let s = screen(&a);
    assert!(s.contains('▼') && s.contains('▲'), "{s}");
    let low = strata::i18n::number(spread.lowest.value);
    assert!(s.lines().any(|l| l.trim_start().starts_with('▼') && l.contains(&low)), "lowest {low}:\n{s}");
    let high = strata::i18n::number(spread.highest.value);
    assert!(s.lines().any(|l| l.trim_start().starts_with('▲') && l.contains(&high)), "highest {high}:\n{s}");
    // Enter opens the first region's indicators of the sector.
    let first = ind.rows[row].cells.iter().position(|c| c.is_some()).unwrap();
    a.press("enter");
    assert_eq!(a.layers().len(), 1, "closed");
    assert_eq!(a.doc(), Some(cols[first]));
    let key = match a.item() {
        Some(Item::Section(p)) => strata::tui::content::section_at(&a.docs[cols[first]].doc, p).unwrap().key.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(key, format!("indicators.{}", ind.rows[row].sector));
}

#[test]
fn m_and_i_switch_between_matrix_and_indicators() {
    let mut a = with_matrix(80, 24);
    a.press("T");
    assert_eq!(a.layers(), ["browse", "indicators"]);
    a.press("A");
    assert_eq!(a.layers(), ["browse", "matrix"]);
    a.settle();
    assert!(screen(&a).contains("Matrix:"), "{}", screen(&a));
    a.press("esc");
    assert_eq!(a.layers(), ["browse"]);
}

#[test]
fn a_section_of_every_region_in_columns_and_what_each_adds() {
    let mut a = app(80, 24, ColorDepth::TrueColor, false);
    open_section(&mut a, "ivanovo.json", "problems.healthcare");
    a.press("R");
    assert_eq!(top(&a), "regions");
    let cols = crate::tui::across::columns(&a);
    let cmp = strata::across::sections::compare_section(&crate::tui::across::docs_of(&a, &cols), "problems.healthcare");
    let s = screen(&a);
    // Three columns fit at 80: the first three regions, and which of five they are.
    assert!(s.contains("columns 1-3/5"), "{s}");
    for c in &cmp.columns[..3] {
        assert!(s.contains(&c.region.name), "{s}");
        let share = format!("template {:.0}%", c.boilerplate_share() * 100.0);
        assert!(s.contains(&share), "{share}\n{s}");
    }
    let fourth = &cmp.columns[3].region.name;
    assert!(!s.contains(fourth.as_str()));
    a.press("l");
    assert!(screen(&a).contains(fourth.as_str()));
    a.press("s");
    let s = screen(&a);
    assert!(s.contains("adds:"), "{s}");
    // The first region's own passages are listed.
    let adds = cmp.columns[0].additions(crate::tui::across::sections::MIN_ADDITION_WORDS);
    let first: String = adds[0].split_whitespace().take(3).collect::<Vec<_>>().join(" ");
    assert!(s.contains(&first), "{first}\n{s}");
}

#[test]
fn template_text_is_dimmed_and_own_text_emphasised_with_a_toggle() {
    let mut a = app(80, 24, ColorDepth::TrueColor, false);
    open_section(&mut a, "ivanovo.json", "priorities.tasks");
    let t = a.theme.clone();
    let has = |a: &Harness, r: Role| {
        a.layers
            .browse
            .content
            .lines
            .iter()
            .flat_map(|l| &l.spans)
            .any(|s| s.style == t.style(Role::Text).patch(t.style(r)))
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
    let s = screen(&a);
    assert!(s.contains("{+"), "{s}");
}

#[test]
fn diff_options_punctuation_by_default_for_flat_text_and_keys() {
    let mut a = app(100, 30, ColorDepth::TrueColor, false);
    let tver = a.docs.iter().position(|l| l.origin.ends_with("tver.json")).unwrap();
    let iv = a.docs.iter().position(|l| l.origin.ends_with("ivanovo.json")).unwrap();
    a.layers.compare.picked = crate::tui::layer::compare::Picked { a: Some(iv), b: Some(tver), norm: None };
    a.press("c");
    a.settle();
    let c = a.layers.compare.on().expect("compare mode");
    assert!(c.norm.ignore_punct, "tver is flattened text");
    assert!(!c.norm.ocr);
    a.press("tab");
    assert!(screen(&a).contains("no punct."), "{}", screen(&a));
    a.press("p");
    a.settle();
    assert!(!a.layers.compare.on().unwrap().norm.ignore_punct);
    a.press("O");
    a.settle();
    let c = a.layers.compare.on().unwrap();
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
            a.press("T");
            a.settle();
            a.press("j");
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

#[test]
fn a_view_opened_while_documents_load_takes_them_in_when_loading_ends() {
    use strata::tui::loader::Source;
    let mut a = Harness::loading(Source::Bundled, 80, 24);
    // Wait for the first two regions, open the matrix, then let the rest arrive.
    let end = std::time::Instant::now() + crate::tui::testing::SETTLE_DEADLINE;
    while crate::tui::across::columns(&a).len() < 2 && a.is_loading() {
        assert!(std::time::Instant::now() < end, "documents never arrived");
        a.take_reports();
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    a.press("A");
    assert_eq!(top(&a), "matrix");
    a.settle();
    assert!(!a.is_loading());
    let (m, _) = expected_matrix(&a);
    let s = screen(&a);
    assert!(s.contains(&format!("Matrix: {} projects in 5 regions", m.rows.len())), "{s}");
}

/// Compare mode on a region diff (ivanovo against tver) showing section `key`, at `w` x `h`.
fn region_diff(w: u16, h: u16, depth: ColorDepth, key: &str) -> Harness {
    let mut a = app(w, h, depth, false);
    let tver = a.docs.iter().position(|l| l.origin.ends_with("tver.json")).unwrap();
    let iv = a.docs.iter().position(|l| l.origin.ends_with("ivanovo.json")).unwrap();
    a.layers.compare.picked = crate::tui::layer::compare::Picked { a: Some(iv), b: Some(tver), norm: None };
    a.press("c");
    a.settle();
    for _ in 0..200 {
        let c = a.layers.compare.on().expect("compare mode");
        if let crate::tui::layer::compare::Entry::Section(i) = c.entry()
            && c.diff.sections[i].key == key
        {
            return a;
        }
        a.press("j");
    }
    panic!("no {key} in the diff");
}

/// The text of the diff lines' spans styled with `style`, joined by spaces.
fn styled_text(a: &Harness, pick: impl Fn(ratatui::style::Style) -> bool) -> String {
    let c = a.layers.compare.on().unwrap();
    let parts: Vec<&str> =
        c.lines.iter().flat_map(|l| &l.spans).filter(|s| pick(s.style)).map(|s| s.content.as_ref()).collect();
    parts.join(" ")
}

#[test]
fn template_text_is_dimmed_inside_a_region_diff_with_the_same_toggle() {
    use ratatui::style::Modifier;
    let key = "problems.healthcare";
    let mut a = region_diff(120, 30, ColorDepth::TrueColor, key);
    let first = a.layers.compare.on().unwrap().side;
    // Both layouts: `s` switches side by side and unified.
    for side in [first, !first] {
        if a.layers.compare.on().unwrap().side != side {
            a.press("s");
        }
        let dimmed = |a: &Harness| styled_text(a, |s| s.add_modifier.contains(Modifier::DIM));
        let own = |a: &Harness| styled_text(a, |s| s.add_modifier.contains(Modifier::BOLD | Modifier::UNDERLINED));
        assert!(dimmed(&a).is_empty(), "nothing dimmed before B");
        let plain = a.layers.compare.on().unwrap().lines.clone();
        a.press("B");
        assert!(a.across.dim);
        assert_eq!(a.layers.compare.on().unwrap().side, side);
        let w = if side { "side by side" } else { "unified" };
        // What the library marks as ivanovo's template wording (against every open region) is what
        // the diff dims; its own text is what is emphasised.
        let c = a.layers.compare.on().unwrap();
        let cols = crate::tui::across::columns(&a);
        let others = crate::tui::across::docs_of(&a, &cols);
        let doc = &a.docs[c.a].doc;
        let blocks = strata::across::sections::boilerplate(doc, key, &others).unwrap();
        let word = |kind| {
            blocks
                .iter()
                .flat_map(|b| b.parts(kind))
                .flat_map(str::split_whitespace)
                .find(|w| w.chars().count() >= 12 && w.chars().all(char::is_alphabetic))
                .unwrap_or_else(|| panic!("a long {kind:?} word"))
                .to_string()
        };
        let template = word(strata::across::sections::SpanKind::Boilerplate);
        let specific = word(strata::across::sections::SpanKind::Specific);
        let (d, o) = (dimmed(&a), own(&a));
        assert!(d.contains(&template), "«{template}» dimmed at {w}: {d}");
        assert!(o.contains(&specific), "«{specific}» emphasised at {w}: {o}");
        // The diff's own marks stay: changed words are still written [-…-] / {+…+}.
        let all = styled_text(&a, |_| true);
        assert!(all.contains("[-") || all.contains("{+"), "{all}");
        a.press("B");
        assert!(dimmed(&a).is_empty(), "B switches it off");
        assert_eq!(a.layers.compare.on().unwrap().lines, plain, "the diff as it was");
    }
}

#[test]
fn without_colour_the_dimmed_diff_still_tells_template_from_own_text() {
    use ratatui::style::Modifier;
    let mut a = region_diff(80, 24, ColorDepth::None, "problems.healthcare");
    a.press("B");
    let b = render(&a);
    let cells: Vec<_> = b.content.iter().filter(|c| c.fg == ratatui::style::Color::Reset).collect();
    assert!(cells.iter().any(|c| c.modifier.contains(Modifier::DIM)), "template text dim without colour");
    assert!(
        cells.iter().any(|c| c.modifier.contains(Modifier::BOLD | Modifier::UNDERLINED)),
        "own text bold underlined"
    );
}

#[test]
fn dimmed_region_diff_styles_snapshot() {
    let mut a = region_diff(80, 24, ColorDepth::TrueColor, "problems.healthcare");
    a.press("B");
    insta::assert_snapshot!("region_diff_template_80x24_styles", styles(&render(&a)));
}

/// The samples at 80x24 with no job running, the documents pane focused.
fn idle_in_documents() -> Harness {
    let mut a = app(80, 24, ColorDepth::TrueColor, false);
    a.settle();
    a.layers.browse.focus = Pane::Documents;
    a
}

#[test]
fn the_matrix_and_indicators_are_computed_in_the_background_with_keys_live() {
    let mut a = idle_in_documents();
    a.press("A");
    // Open at once, waiting for its job: the reports are not taken yet.
    assert_eq!(a.layers(), ["browse", "matrix"]);
    assert!(a.busy());
    let s = screen(&a);
    assert!(s.contains("Project matrix: computing…"), "{s}");
    assert!(s.contains("Project matrix"), "the status line names the view:\n{s}");
    // Keys are live meanwhile: movement does nothing, help opens and closes.
    a.press("j ? q");
    assert_eq!(a.layers(), ["browse", "matrix"]);
    a.settle();
    let (m, _) = expected_matrix(&a);
    assert!(screen(&a).contains(&format!("Matrix: {} projects in 5 regions", m.rows.len())), "{}", screen(&a));
    // In Russian.
    strata::i18n::with_lang(strata::i18n::Lang::Ru, || {
        a.press("T");
        assert!(screen(&a).contains("Показатели регионов: вычисляется…"), "{}", screen(&a));
        a.settle();
        assert!(screen(&a).contains("Показатели:"), "{}", screen(&a));
    });
}

#[test]
fn a_view_replaced_or_closed_before_its_result_drops_the_result() {
    let mut a = idle_in_documents();
    // The matrix's job is replaced by the indicators' before either reports.
    a.press("A T");
    assert_eq!(a.layers(), ["browse", "indicators"]);
    a.settle();
    assert_eq!(a.layers(), ["browse", "indicators"]);
    let (ind, _) = expected_indicators(&a);
    assert!(screen(&a).contains(&format!("Indicators: {} indicators in 5 regions", ind.rows.len())), "{}", screen(&a));
    // Closed while computing: the job is cancelled and its result, if any, dropped.
    a.press("esc");
    a.press("esc A esc");
    assert_eq!(a.layers(), ["browse"]);
    a.settle();
    assert_eq!(a.layers(), ["browse"], "nothing reopens");
    assert!(!a.busy());
}
