//! The search overlay and the quick-jump palette: input line, a status line (matches, time,
//! scope) and the results, matches in the search-match style plus bold and underline so they show
//! without colour too.

use crate::i18n::{Msg, Noun, count, number, tr, trf};
use crate::search::Hit;
use crate::text::sanitize::sanitize;
use crate::tui::search::{Mode, Search, doc_name, hit_path};
use crate::tui::state::App;
use crate::tui::theme::Role;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use std::ops::Range;

/// Draws the search or palette overlay over the screen.
pub fn draw(app: &App, s: &Search, screen: Rect, buf: &mut Buffer) {
    let area = super::overlay_area(screen);
    if area.width < 3 || area.height < 3 {
        return;
    }
    super::overlay::clear(area, screen, buf);
    let mode = s.mode;
    let t = &app.theme;
    let what = tr(match mode {
        Mode::Search => Msg::Search,
        Mode::Palette => Msg::JumpToSection,
    });
    let title = if s.all_docs {
        trf(Msg::ScopeAll, &[&what])
    } else {
        let label = app.doc().map(|d| sanitize(&app.docs[d].doc.meta.region.name).into_owned());
        trf(Msg::ScopeOne, &[&what, &label.unwrap_or_else(|| tr(Msg::NoDocument).into())])
    };
    let block = super::overlay::frame(app, title);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    // Input line with a visible cursor at the end: a query wider than the line shows its tail.
    let prompt = if mode == Mode::Search { "/ " } else { ": " };
    let room = (inner.width as usize).saturating_sub(3).max(1);
    let text = tail(&sanitize(&s.input), room);
    let input = Line::from(vec![
        Span::styled(prompt, t.style(Role::StatusKey)),
        Span::styled(text, t.style(Role::Text)),
        Span::styled(" ", t.style(Role::Text).add_modifier(Modifier::REVERSED)),
    ]);
    buf.set_line(inner.x, inner.y, &input, inner.width);
    if inner.height < 2 {
        return;
    }
    buf.set_line(inner.x, inner.y + 1, &Line::styled(status(app, s), t.style(Role::Muted)), inner.width);
    let rows = s.results_height(app);
    let per = s.rows_per_hit();
    let hit_style = t.style(Role::SearchMatch).add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    let Some(index) = &app.index.index else { return };
    let mut y = inner.y + 2;
    if let Some(q) = &s.shown_for
        && y < inner.y + inner.height
    {
        let line = Line::styled(trf(Msg::ShownFor, &[&sanitize(q)]), t.style(Role::Muted));
        buf.set_line(inner.x, y, &line, inner.width);
        y += 1;
    }
    for (i, h) in s.hits.iter().enumerate().skip(s.list.off()).take(rows / per.max(1)) {
        let selected = i == s.list.sel();
        let lead = match (selected, app.ascii) {
            (true, true) => "> ",
            (true, false) => "▶ ",
            (false, _) => "  ",
        };
        let lines = match mode {
            Mode::Search => {
                let head = Line::from(vec![
                    Span::raw(lead),
                    Span::styled(doc_name(index, h), t.style(Role::Region)),
                    Span::styled(if app.ascii { " - " } else { " · " }, t.style(Role::Muted)),
                    Span::styled(hit_path(index, h, 16, app.ascii), t.style(Role::Heading)),
                ]);
                let mut snip = vec![Span::raw("    ")];
                snip.extend(marked(&flat(&h.snippet.text), &h.snippet.matches, t.style(Role::Text), hit_style));
                vec![head, Line::from(snip)]
            }
            Mode::Palette => vec![palette_line(app, &doc_name(index, h), h, lead, hit_style)],
        };
        for l in lines {
            if y >= inner.y + inner.height {
                break;
            }
            super::row(buf, inner, y, &l, selected.then(|| t.style(Role::Selection)));
            y += 1;
        }
    }
}

/// The line under the input: what the results are.
fn status(app: &App, s: &Search) -> String {
    let mode = s.mode;
    let typed = &s.input;
    let dots = if app.ascii { "..." } else { "…" };
    if typed.trim().is_empty() {
        return tr(match mode {
            Mode::Search => Msg::SearchHint,
            Mode::Palette => Msg::PaletteHint,
        })
        .into();
    }
    if crate::tui::search::indexing(app) {
        return trf(Msg::Indexing, &[&count(app.docs.len(), Noun::Document)]).replace('…', dots);
    }
    let sep = if app.ascii { " - " } else { " · " };
    let ge = if app.ascii { ">=" } else { "≥" };
    let ms = match s.latency {
        Some(d) if app.debug => format!("{sep}{} ms", number((d.as_secs_f64() * 10_000.0).round() / 10.0)),
        _ => String::new(),
    };
    let pending = if s.pending() { format!("{sep}{}", tr(Msg::Searching)).replace('…', dots) } else { String::new() };
    match s.hits.len() {
        0 if s.pending() => tr(Msg::Searching).replace('…', dots),
        0 => format!("{}{ms}", tr(Msg::NoMatches)),
        n if s.total > n => {
            let total = count(s.total, Noun::Match);
            // Matches are still being counted after the best were shown.
            let total = if s.at_least { trf(Msg::AtLeast, &[&total]).replace('≥', ge) } else { total };
            format!("{}{ms}{pending}", trf(Msg::ShownOfTotal, &[&number(n as f64), &total]))
        }
        n => format!("{}{ms}{pending}", count(n, Noun::Match)),
    }
}

/// The last characters of `text` that fit `width` columns.
fn tail(text: &str, width: usize) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    let mut w = 0;
    let mut start = text.len();
    for (i, g) in text.grapheme_indices(true).rev() {
        w += crate::tui::wrap::width(g);
        if w > width {
            break;
        }
        start = i;
    }
    text[start..].to_string()
}

/// A palette row: title (matches marked), key, region.
fn palette_line(app: &App, doc: &str, h: &Hit, lead: &'static str, hit_style: Style) -> Line<'static> {
    let t = &app.theme;
    let mut spans = vec![Span::raw(lead)];
    let none: &[Range<usize>] = &[];
    let (tm, km) = if h.on_key { (none, h.matches.as_slice()) } else { (h.matches.as_slice(), none) };
    spans.extend(marked(&flat(&h.title), tm, t.style(Role::Heading), hit_style));
    spans.push(Span::raw("  "));
    spans.extend(marked(&h.key, km, t.style(Role::Key), hit_style));
    spans.push(Span::styled(format!("  {doc}"), t.style(Role::Region)));
    Line::from(spans)
}

/// Text on one line: line breaks and tabs become spaces (one character each, so positions hold).
fn flat(s: &str) -> String {
    s.chars().map(|c| if c.is_whitespace() { ' ' } else { c }).collect()
}

/// Spans of `text` with the character `ranges` in `hit` style and the rest in `base`.
fn marked(text: &str, ranges: &[Range<usize>], base: Style, hit: Style) -> Vec<Span<'static>> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_hit = false;
    for (i, c) in text.chars().enumerate() {
        let h = ranges.iter().any(|r| r.contains(&i));
        if h != in_hit && !cur.is_empty() {
            out.push(Span::styled(std::mem::take(&mut cur), if in_hit { hit } else { base }));
        }
        in_hit = h;
        cur.push(c);
    }
    if !cur.is_empty() {
        out.push(Span::styled(cur, if in_hit { hit } else { base }));
    }
    out
}
