//! Reviewer friction from issue #11: overlays keep the background off their border, `--ascii`
//! draws no non-ASCII sign, the status line says what Enter does on a project row, and timings
//! show only with `--debug`.

use super::card;
use super::common;
use super::screen::{render, text};
use crate::tui::testing::Harness;

use ratatui::buffer::Buffer;
use strata::i18n::{Msg, tr};
use strata::tui::content::Item;
use strata::tui::state::{Pane, Settings};
use strata::tui::update;
use strata::tui::view::overlay_area;

/// The cells of a screen that are neither ASCII nor letters and digits (Σ counts as a sign).
fn signs(b: &Buffer) -> Vec<String> {
    b.content()
        .iter()
        .map(|c| c.symbol().to_string())
        .filter(|s| !s.chars().all(|c| c.is_ascii() || (c.is_alphanumeric() && c != 'Σ')))
        .collect()
}

#[test]
fn ascii_screens_draw_only_ascii_signs() {
    for (w, h) in [(80, 24), (120, 40)] {
        let settings = Settings { ascii: true, ..Settings::default() };
        let mut a = Harness::with_settings(card::docs(), Vec::new(), settings, w, h);
        // The overview, help, problems, search with hits, the palette, a projects table and its
        // card, and compare mode.
        let mut seen = 0;
        for ks in ["", "?", "esc e", "esc /", "esc :", "esc"] {
            a.press(ks);
            if ks.ends_with('/') || ks.ends_with(':') {
                a.type_text("цифров");
                a.settle();
            }
            let b = render(&a);
            assert_eq!(signs(&b), Vec::<String>::new(), "after {ks:?}:\n{}", text(&b));
            seen += 1;
        }
        update::select_item(&mut a, &Item::Section(vec![2, 1]));
        a.press("tab enter");
        let b = render(&a);
        assert_eq!(signs(&b), Vec::<String>::new(), "the project card:\n{}", text(&b));
        a.press("esc");
        a.press("shift-tab shift-tab a j b c");
        a.settle();
        let b = render(&a);
        assert_eq!(signs(&b), Vec::<String>::new(), "compare:\n{}", text(&b));
        assert_eq!(seen, 6);
    }
}

#[test]
fn without_ascii_the_same_screens_do_use_signs() {
    // The check above can fail: the ordinary screens draw box borders and dashes.
    let a = Harness::new(card::docs(), Vec::new(), 80, 24);
    assert!(!signs(&render(&a)).is_empty());
}

#[test]
fn overlays_keep_a_blank_column_between_the_background_and_their_border() {
    let mut a = Harness::new(common::docs(), Vec::new(), 80, 24);
    update::select_item(&mut a, &Item::Section(vec![1, 1]));
    a.press("z");
    for ks in ["?", "esc e", "esc /", "esc :"] {
        a.press(ks);
        let b = render(&a);
        let o = overlay_area(b.area);
        for y in o.y..o.bottom() {
            for x in [o.x - 1, o.right()] {
                assert_eq!(b[(x, y)].symbol(), " ", "cell {x},{y} beside the overlay after {ks:?}:\n{}", text(&b));
            }
        }
    }
}

#[test]
fn enter_on_a_project_row_is_hinted_as_opening_the_card() {
    let mut a = Harness::new(card::docs(), Vec::new(), 120, 40);
    update::select_item(&mut a, &Item::Section(vec![2, 1]));
    a.press("tab");
    assert_eq!(a.layers.browse.focus, Pane::Content);
    assert!(a.project_row().is_some());
    let status = |a: &Harness| text(&render(a)).lines().last().unwrap().to_string();
    let card_hint = format!("Enter {}", tr(Msg::HintCard));
    assert!(status(&a).contains(&card_hint), "{}", status(&a));
    // Elsewhere Enter keeps its own hint.
    a.press("shift-tab");
    assert!(!status(&a).contains(&card_hint), "{}", status(&a));
}

#[test]
fn search_timings_show_only_with_debug() {
    for debug in [false, true] {
        let settings = Settings { debug, ..Settings::default() };
        let mut a = Harness::with_settings(common::docs(), Vec::new(), settings, 80, 24);
        a.press("/");
        a.type_text("цифров");
        a.settle();
        let s = text(&render(&a));
        let timed = s.lines().any(|l| l.contains(" ms"));
        assert_eq!(timed, debug, "debug {debug}:\n{s}");
    }
}
