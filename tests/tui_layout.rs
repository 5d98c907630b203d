//! Layout snapshots (text and styles) at 80x24 and 120x40, style checks for focus and selection
//! with and without colour, and a property test drawing random sizes and key sequences.

mod common;

use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use strata::load::LoadError;
use strata::tui::content::Item;
use strata::tui::keymap::Key;
use strata::tui::state::{App, Settings};
use strata::tui::theme::{ColorDepth, Role, Theme};
use strata::tui::{update, view};

fn app_with(w: u16, h: u16, depth: ColorDepth) -> App {
    let errors = vec![LoadError {
        origin: "broken.json".into(),
        position: Some((3, 11)),
        message: "not a strata document: expected value".into(),
    }];
    let settings = Settings { theme: Theme::default().adapt(depth), mouse: false, ..Settings::default() };
    App::new(common::docs(), errors, settings, Rect::new(0, 0, w, h))
}

fn render(app: &App) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(app.size.width, app.size.height)).unwrap();
    t.draw(|f| view::draw(f, app)).unwrap();
    t.backend().buffer().clone()
}

fn text(buf: &Buffer) -> String {
    let a = buf.area;
    let mut out = String::new();
    for y in 0..a.height {
        for x in 0..a.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

fn describe(s: Style) -> String {
    let c = |c: Option<Color>| match c {
        None | Some(Color::Reset) => "-".to_string(),
        Some(c) => format!("{c}"),
    };
    let mut d = format!("fg={} bg={}", c(s.fg), c(s.bg));
    if !s.add_modifier.is_empty() {
        d.push_str(&format!(" {:?}", s.add_modifier));
    }
    d
}

/// One line per run of equally styled cells: `y x0..x1 style "text"`, unstyled runs left out.
fn styles(buf: &Buffer) -> String {
    let a = buf.area;
    let mut out = String::new();
    for y in 0..a.height {
        let mut x = 0;
        while x < a.width {
            let st = buf[(x, y)].style();
            let start = x;
            let mut s = String::new();
            while x < a.width && buf[(x, y)].style() == st {
                s.push_str(buf[(x, y)].symbol());
                x += 1;
            }
            if describe(st) != "fg=- bg=-" {
                let short: String = s.chars().take(24).collect();
                out.push_str(&format!("{y:>2} {start:>3}..{x:<3} {} {:?}\n", describe(st), short.trim_end()));
            }
        }
    }
    out
}

fn keys(app: &mut App, ks: &str) {
    for k in ks.split_whitespace() {
        update::key(app, Key::parse(k).unwrap());
    }
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
    let (dx, dy) = find(&b, "> 2022-08-26 D");
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
    fn any_size_and_keys_draw_without_panic(w in 1u16..160, h in 1u16..60, ks in proptest::collection::vec(0usize..20, 0..30)) {
        const KEYS: [&str; 20] = ["j", "k", "g", "G", "h", "l", "tab", "backtab", "enter", "space", "ctrl-d", "ctrl-u",
            "pagedown", "pageup", "z", "r", "?", "e", "esc", "down"];
        let mut a = app_with(w, h, ColorDepth::Ansi16);
        for k in ks {
            update::key(&mut a, Key::parse(KEYS[k]).unwrap());
            render(&a);
        }
        update::resize(&mut a, h, w);
        render(&a);
    }
}

#[test]
fn tiny_sizes_draw() {
    for (w, h) in [(1, 1), (2, 1), (1, 2), (3, 3), (10, 2), (0, 0)] {
        let mut a = app_with(w.max(1), h.max(1), ColorDepth::TrueColor);
        keys(&mut a, "? j esc tab z e");
        render(&a);
        update::resize(&mut a, w, h);
    }
}

#[test]
fn ascii_borders_use_no_box_drawing_characters() {
    for (w, h) in [(120, 40), (80, 24)] {
        let settings = Settings { ascii: true, ..Settings::default() };
        let mut a = App::new(common::docs(), Vec::new(), settings, Rect::new(0, 0, w, h));
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
    let mut a = App::new(docs, Vec::new(), settings, Rect::new(0, 0, 80, 24));
    keys(&mut a, "/");
    for c in "ЕГИСЗ".chars() {
        update::key(&mut a, strata::tui::keymap::Key::char(c));
    }
    let until = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while a.search.pending() && std::time::Instant::now() < until {
        strata::tui::search::wait(&mut a, std::time::Duration::from_millis(20));
    }
    // The time taken varies; the snapshot shows the rest of the status line.
    a.search.latency = None;
    let b = render(&a);
    insta::assert_snapshot!("80x24_search_text", text(&b));
    insta::assert_snapshot!("80x24_search_styles", styles(&b));
}
