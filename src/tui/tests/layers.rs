//! The layer stack: keys go to the top layer first and fall through while ignored; requests
//! push, close and open; job reports are offered top first. Driven through the façade with the
//! real components and with a probe component.

use super::common;
use crate::tui::action::Action;
use crate::tui::job::{Accepted, Kind};
use crate::tui::keymap::Context;
use crate::tui::layer::{self, Component, Outcome};
use crate::tui::state::App;
use crate::tui::testing::Harness;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::cell::RefCell;
use std::rc::Rc;

/// A component that takes `down` and the finished reports of diff jobs, and records what it was
/// offered.
struct Probe {
    seen: Rc<RefCell<Vec<String>>>,
}

impl Component for Probe {
    fn name(&self) -> &'static str {
        "probe"
    }

    fn context(&self, _app: &App) -> Context {
        Context::Overlay
    }

    fn place(&self, _app: &App) -> &'static str {
        "probe"
    }

    fn action(&mut self, _app: &mut App, a: Action) -> Outcome {
        self.seen.borrow_mut().push(a.name());
        if a == Action::Down { Outcome::redraw() } else { Outcome::ignored() }
    }

    fn job(&mut self, _app: &mut App, news: &mut Option<Accepted>) -> Outcome {
        if let Some(Accepted::Finished(Kind::Diff)) = news {
            news.take();
            self.seen.borrow_mut().push("diff finished".into());
            return Outcome::redraw();
        }
        Outcome::ignored()
    }

    fn draw(&self, _app: &App, screen: Rect, buf: &mut Buffer) {
        buf.set_string(screen.x, screen.y, "PROBE", ratatui::style::Style::default());
    }
}

fn with_probe() -> (Harness, Rc<RefCell<Vec<String>>>) {
    let mut a = Harness::new(common::docs(), Vec::new(), 100, 30);
    let seen = Rc::new(RefCell::new(Vec::new()));
    layer::push(&mut a, Box::new(Probe { seen: seen.clone() }));
    (a, seen)
}

#[test]
fn the_top_layer_takes_its_keys_and_draws_over_the_panes() {
    let (mut a, seen) = with_probe();
    let d = a.doc().unwrap();
    let sel = a.layers.browse.views[d].sel;
    assert!(a.press("j"));
    assert_eq!(a.layers.browse.views[d].sel, sel, "the tree under the probe did not move");
    assert_eq!(seen.borrow().as_slice(), ["down"]);
    assert!(a.screen().starts_with("PROBE"), "drawn last, over the panes");
    assert_eq!(a.context(), Context::Overlay, "the top layer's context");
}

#[test]
fn ignored_keys_fall_through_but_the_covered_browse_view_takes_only_app_wide_actions() {
    let (mut a, seen) = with_probe();
    let focus = a.layers.browse.focus;
    // Tab is the browse view's (next pane): ignored by the probe, not taken under it.
    assert!(!a.press("tab"));
    assert_eq!(a.layers.browse.focus, focus);
    assert_eq!(a.layers(), ["browse", "probe"]);
    // M (mouse capture) is app-wide: it falls through and applies.
    let mouse = a.mouse;
    assert!(a.press("M"));
    assert_ne!(a.mouse, mouse);
    assert_eq!(seen.borrow().as_slice(), ["next_pane", "toggle_mouse"]);
}

#[test]
fn job_reports_go_to_the_top_layer_first() {
    let (mut a, seen) = with_probe();
    let e = layer::job(&mut a, Accepted::Finished(Kind::Diff));
    assert_eq!(e, crate::tui::update::Effect::Redraw);
    assert_eq!(seen.borrow().as_slice(), ["diff finished"]);
}

#[test]
fn help_replaces_the_search_and_the_search_gives_way_to_the_palette() {
    let mut a = Harness::new(common::docs(), Vec::new(), 100, 30);
    a.press("/");
    assert_eq!(a.layers(), ["browse", "search"]);
    // (No default key does this from the search: Ctrl-P moves up there and `:` types.)
    layer::action(&mut a, Action::OpenPalette);
    assert_eq!(a.layers(), ["browse", "palette"]);
    a.press("f1");
    assert_eq!(a.layers(), ["browse", "help"]);
    a.press("esc");
    assert_eq!(a.layers(), ["browse"]);
}

#[test]
fn a_click_closes_the_overlay_it_does_not_take() {
    let mut a = Harness::new(common::docs(), Vec::new(), 100, 30);
    a.press("?");
    assert!(a.click(1, 1));
    assert_eq!(a.layers(), ["browse"]);
}

#[test]
fn the_search_remembers_its_query_and_scope_and_the_palette_opens_empty() {
    let mut a = Harness::new(common::docs(), Vec::new(), 100, 30);
    a.press("/");
    a.type_text("цифр");
    a.press("tab esc /");
    let s = a.top::<crate::tui::search::Search>().unwrap();
    assert_eq!((s.input.as_str(), s.all_docs), ("цифр", false));
    a.press("esc :");
    let p = a.top::<crate::tui::search::Search>().unwrap();
    assert_eq!((p.input.as_str(), p.all_docs), ("", false));
}

/// ivanovo marked A and its revision B, compare mode on (the transparent layer over browse).
fn comparing() -> Harness {
    let mut a = Harness::new(crate::load::load_bundled().docs, Vec::new(), 120, 40);
    a.compare("ivanovo.json", "ivanovo-rev.json");
    a
}

/// Compare mode is a transparent layer: it draws over the browse view and takes its own keys;
/// what it ignores reaches the browse view (not covered), looked up in compare mode's context.
#[test]
fn compare_mode_is_transparent_keys_it_ignores_reach_the_browse_view_in_its_context() {
    let mut a = comparing();
    assert_eq!(a.layers(), ["browse", "compare"]);
    assert!(!a.layers.covered(), "a transparent layer covers nothing");
    assert_eq!(a.context(), Context::Compare);
    // j is compare mode's: its tree moves, the browse view's does not.
    let d = a.doc().unwrap();
    let tree_sel = a.layers.browse.views[d].sel;
    assert!(a.press("j"));
    assert_eq!(a.layers.compare.on().unwrap().sel, 1);
    assert_eq!(a.layers.browse.views[d].sel, tree_sel);
    // z and Tab are not: they fall through and the browse view takes them.
    assert!(a.press("z"));
    assert!(a.layers.browse.maximized);
    assert!(a.press("z tab"));
    assert_eq!(a.layers.browse.focus, crate::tui::state::Pane::Content);
    // R opens the regions view from the section tree on a section, but the compare table leaves
    // it unbound: the browse view under compare mode looks it up there and does nothing.
    a.press("shift-tab c j j c");
    a.settle();
    assert!(a.layers.compare.on().is_some());
    assert!(matches!(a.item(), Some(crate::tui::content::Item::Section(_))), "a section under compare mode");
    assert_eq!(a.layers.browse.focus, crate::tui::state::Pane::Sections);
    assert!(!a.press("R"));
    assert_eq!(a.layers(), ["browse", "compare"]);
    // Off, the same key in the same pane on the same section opens it.
    a.press("c");
    assert_eq!(a.layers(), ["browse"]);
    a.press("R");
    assert_eq!(a.layers(), ["browse", "regions"], "{:?}", a.message());
}

/// Under a modal overlay compare mode takes nothing, and comes back as it was.
#[test]
fn under_an_overlay_compare_mode_takes_nothing() {
    let mut a = comparing();
    let seen = Rc::new(RefCell::new(Vec::new()));
    layer::push(&mut a, Box::new(Probe { seen: seen.clone() }));
    assert!(a.layers.covered());
    assert_eq!(a.layers(), ["browse", "compare", "probe"]);
    // n (next change) and c (leave) are ignored by the probe and not taken under it.
    assert!(!a.press("n c"));
    assert_eq!(seen.borrow().as_slice(), ["toggle_compare"], "n is unbound in the probe's context");
    assert_eq!(a.layers.compare.on().unwrap().sel, 0);
    assert!(a.screen().starts_with("PROBE"), "the overlay drawn over compare mode");
    a.layers.clear();
    assert!(a.press("n"));
    assert!(a.layers.compare.on().unwrap().sel > 0, "compare mode takes its keys again");
}
