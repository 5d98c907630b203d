//! The TUI's behaviour, driven through [`super::testing::Harness`] with no terminal: keys in,
//! screens and state out. (The real binary in a real terminal: `tests/tui_e2e.rs`.)

#[path = "../../../tests/common/mod.rs"]
mod common;

mod card;
mod compare;
mod layers;
mod layout;
mod loading;
mod problems;
mod screen;
mod search;
mod state;
