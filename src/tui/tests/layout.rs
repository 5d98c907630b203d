//! Layout snapshots (text and styles) at 80x24 and 120x40, style checks for focus and selection
//! with and without colour, and a property test drawing random sizes and key sequences.

use super::common;
use crate::tui::testing::Harness;

use super::screen::{render, styles, text};

use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use strata::load::LoadError;
use strata::tui::content::Item;
use strata::tui::state::Settings;
use strata::tui::theme::{ColorDepth, Role, Theme};
use strata::tui::update;

fn app_with(w: u16, h: u16, depth: ColorDepth) -> Harness {
    let errors = vec![LoadError {
        origin: "broken.json".into(),
        position: Some((3, 11)),
        message: "not a strata document: expected value".into(),
    }];
    let settings = Settings { theme: Theme::default().adapt(depth), mouse: false, ..Settings::default() };
    Harness::with_settings(common::docs(), errors, settings, w, h)
}

fn keys(app: &mut Harness, ks: &str) {
    app.press(ks);
}

#[test]
fn snapshot_120x40_section_focused() {
    let mut a = app_with(120, 40, ColorDepth::TrueColor);
    update::select_item(&mut a, &Item::Section(vec![1, 1]));
    let b = render(&a);
    insta::assert_snapshot!("120x40_text", text(&b));
    insta::assert_snapshot!("120x40_styles", styles(&b));
}

#[test]
fn snapshot_80x24_content_focused() {
    let mut a = app_with(80, 24, ColorDepth::Ansi256);
    update::select_item(&mut a, &Item::Section(vec![2, 1]));
    keys(&mut a, "tab");
    let b = render(&a);
    insta::assert_snapshot!("80x24_text", text(&b));
    insta::assert_snapshot!("80x24_styles", styles(&b));
}

/// The interface in Russian: the overview with the approving act and dates as Russian writes them,
/// a table with decimal commas, the help, the status line with Russian plurals.
#[test]
fn snapshot_russian_interface() {
    use crate::i18n::{Lang, with_lang};
    with_lang(Lang::Ru, || {
        let mut a = app_with(100, 30, ColorDepth::Ansi16);
        keys(&mut a, "tab");
        let t = text(&render(&a));
        assert!(t.contains("распоряжение от 26.08.2022 № 87-рп"), "{t}");
        assert!(t.contains("Регион:") && t.contains("не открыт"), "{t}");
        insta::assert_snapshot!("ru_100x30_overview", t);
        update::select_item(&mut a, &Item::Section(vec![3, 0]));
        let t = text(&render(&a));
        assert!(t.contains("75,5"), "decimal comma in the indicators table:\n{t}");
        insta::assert_snapshot!("ru_100x30_indicators", t);
        keys(&mut a, "?");
        let t = text(&render(&a));
        assert!(t.contains("Клавиши") && t.contains("выход"), "{t}");
        insta::assert_snapshot!("ru_100x30_help", t);
    });
}

#[test]
fn snapshot_80x24_help() {
    let mut a = app_with(80, 24, ColorDepth::Ansi16);
    keys(&mut a, "?");
    insta::assert_snapshot!("80x24_help", text(&render(&a)));
}

/// Finds the first cell of a row whose symbol starts `needle`.
fn find(buf: &Buffer, needle: &str) -> (u16, u16) {
    let t = text(buf);
    for (y, line) in t.lines().enumerate() {
        if let Some(bx) = line.find(needle) {
            return (line[..bx].chars().count() as u16, y as u16);
        }
    }
    panic!("{needle:?} not on screen:\n{t}");
}

#[test]
fn focus_and_selection_are_styled_and_visible_without_colour() {
    let theme = Theme::default();
    let mut a = app_with(120, 40, ColorDepth::TrueColor);
    keys(&mut a, "j");
    let b = render(&a);
    // The selected tree row carries the selection style and a marker; the focused pane a thick
    // border in the focus colour.
    let (x, y) = find(&b, ">- 1 Основные положения");
    assert_eq!(b[(x + 3, y)].style().bg, theme.style(Role::Selection).bg);
    let tree = a.areas().tree;
    assert_eq!(b[(tree.x, tree.y)].symbol(), "┏");
    assert_eq!(b[(tree.x, tree.y)].style().fg, theme.style(Role::BorderFocus).fg);
    // The unfocused documents pane shows its selection in the quieter style.
    let (dx, dy) = find(&b, "> 2022-08-26 grade D");
    assert_eq!(b[(dx + 2, dy)].style().bg, theme.style(Role::SelectionInactive).bg);
    assert_eq!(b[(a.areas().docs.x, a.areas().docs.y)].symbol(), "┌");

    let mut n = app_with(120, 40, ColorDepth::None);
    keys(&mut n, "j");
    let b = render(&n);
    let (x, y) = find(&b, ">- 1 Основные положения");
    let st = b[(x + 3, y)].style();
    assert!(st.add_modifier.contains(Modifier::REVERSED), "selection reversed without colour: {st:?}");
    for yy in 0..b.area.height {
        for xx in 0..b.area.width {
            let s = b[(xx, yy)].style();
            assert!(
                matches!(s.fg, None | Some(Color::Reset)) && matches!(s.bg, None | Some(Color::Reset)),
                "colour at {xx},{yy}: {s:?}"
            );
        }
    }
    assert_eq!(b[(n.areas().tree.x, n.areas().tree.y)].symbol(), "┏", "focus shows as a thick border");
}

#[test]
fn control_characters_never_reach_cells() {
    let clean = |b: &Buffer| {
        for c in b.content() {
            assert!(!c.symbol().chars().any(strata::text::sanitize::is_unsafe), "{:?}", c.symbol());
        }
    };
    let mut a = app_with(160, 40, ColorDepth::TrueColor);
    update::select_item(&mut a, &Item::Section(vec![4]));
    let b = render(&a);
    clean(&b);
    assert!(text(&b).contains("␛[31mкрасным"));
    assert!(text(&b).contains("управляющим символом ␇ внутри"));
    assert!(text(&b).contains("extra.bad␛[2J"), "{}", text(&b));
    // Raw project rows carry an id with an OSC sequence.
    update::select_item(&mut a, &Item::Section(vec![2, 1]));
    keys(&mut a, "r");
    let b = render(&a);
    clean(&b);
    assert!(text(&b).contains("[healthcare/2␛]0;x␇]"), "{}", text(&b));
    // The maximised tree shows canonical keys, sanitised too.
    keys(&mut a, "z");
    let b = render(&a);
    clean(&b);
    assert!(text(&b).contains("красным␛[0m") && text(&b).contains("extra.bad␛[2J┃"), "{}", text(&b));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn any_size_and_keys_draw_without_panic(
        w in 1u16..160, h in 1u16..60, w2 in 0u16..160, h2 in 0u16..60,
        ks in proptest::collection::vec(0usize..20, 0..30),
    ) {
        const KEYS: [&str; 20] = ["j", "k", "g", "G", "h", "l", "tab", "backtab", "enter", "space", "ctrl-d", "ctrl-u",
            "pagedown", "pageup", "z", "r", "?", "e", "esc", "down"];
        let mut a = app_with(w, h, ColorDepth::Ansi16);
        for k in ks {
            a.press(KEYS[k]);
            render(&a);
        }
        // Then resized (width first, height second): the new size is taken and drawn whole.
        let changed = update::resize(&mut a, w2, h2) == update::Effect::Redraw;
        prop_assert_eq!(changed, (w2, h2) != (w, h));
        let b = render(&a);
        prop_assert_eq!((b.area.width, b.area.height), (w2, h2));
    }
}

#[test]
fn tiny_sizes_draw() {
    for (w, h) in [(1, 1), (2, 1), (1, 2), (3, 3), (10, 2), (0, 0), (0, 5), (7, 0)] {
        // Started at the size, keys pressed and drawn there; then from a normal size down to it.
        let mut a = app_with(w, h, ColorDepth::TrueColor);
        keys(&mut a, "? j esc tab z e");
        let b = render(&a);
        assert_eq!((b.area.width, b.area.height), (w, h));
        let mut a = app_with(80, 24, ColorDepth::TrueColor);
        keys(&mut a, "/ j");
        assert_eq!(update::resize(&mut a, w, h), update::Effect::Redraw, "{w}x{h}");
        let b = render(&a);
        assert_eq!((b.area.width, b.area.height), (w, h), "drawn at {w}x{h}");
        // And back: everything is there again.
        update::resize(&mut a, 80, 24);
        keys(&mut a, "esc");
        assert!(text(&render(&a)).contains("Астраханская"), "{}", text(&render(&a)));
    }
}

#[test]
fn ascii_borders_use_no_box_drawing_characters() {
    for (w, h) in [(120, 40), (80, 24)] {
        let settings = Settings { ascii: true, ..Settings::default() };
        let mut a = Harness::with_settings(common::docs(), Vec::new(), settings, w, h);
        for ks in ["", "?"] {
            keys(&mut a, ks);
            let b = render(&a);
            let boxy: Vec<&str> = b
                .content()
                .iter()
                .map(|c| c.symbol())
                .filter(|s| s.chars().any(|c| ('\u{2500}'..='\u{257f}').contains(&c)))
                .collect();
            assert!(boxy.is_empty(), "{boxy:?}\n{}", text(&b));
            let tree = a.areas().tree;
            if ks.is_empty() {
                assert_eq!(
                    b[(tree.x + 3, tree.y + tree.height - 1)].symbol(),
                    "=",
                    "the focused pane's border is '='\n{}",
                    text(&b)
                );
            }
        }
    }
}

#[test]
fn snapshot_80x24_search_overlay() {
    let settings = Settings { theme: Theme::default().adapt(ColorDepth::Ansi16), mouse: false, ..Settings::default() };
    let docs = strata::load::load_bundled().docs;
    let mut a = Harness::with_settings(docs, Vec::new(), settings, 80, 24);
    keys(&mut a, "/");
    a.type_text("ЕГИСЗ");
    a.settle();
    assert!(!a.top::<crate::tui::search::Search>().expect("the search is open").pending());
    let b = render(&a);
    insta::assert_snapshot!("80x24_search_text", text(&b));
    insta::assert_snapshot!("80x24_search_styles", styles(&b));
}
