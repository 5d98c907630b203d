//! Drawing the UI into a test buffer and reading it back: text, and runs of styled cells.

use crate::tui::state::App;
use crate::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Style};

/// Draws the whole screen for the app's size.
pub fn render(app: &App) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(app.size.width, app.size.height)).unwrap();
    t.draw(|f| view::draw(f, app)).unwrap();
    t.backend().buffer().clone()
}

/// The screen as text, one line per row.
pub fn text(buf: &Buffer) -> String {
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

/// A style as `fg=.. bg=.. MODIFIERS`.
pub fn describe(s: Style) -> String {
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
pub fn styles(buf: &Buffer) -> String {
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
