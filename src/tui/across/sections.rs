//! One section of every open region: the regions' texts in columns side by side (`h`/`l` shift
//! the columns shown), or what each region adds beyond the text they share (`s` switches). Text
//! most regions share is dimmed and each region's own emphasised (`B` switches it off and on); see
//! [`crate::across::sections`] for the rule.

use super::{Outcome, Step};
use crate::across::sections::{Compare, SectionColumn};
use crate::compare::render::{Piece, Role as R, width_of, wrap};
use crate::i18n::{Msg, tr, trf};
use crate::model::Document;
use crate::text::sanitize::sanitize;
use crate::tui::action::Action;
use crate::tui::list;
use crate::tui::state::App;
use crate::tui::theme::{Role, Theme};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// The narrowest text column.
pub const MIN_COLUMN: usize = 24;
/// Words a region's own passage needs to be listed among its additions.
pub const MIN_ADDITION_WORDS: usize = 3;

/// The section view's state.
#[derive(Debug, Clone)]
pub struct SectionView {
    /// The comparison of the columns.
    pub cmp: Compare,
    /// Document index of each column.
    pub docs: Vec<usize>,
    /// What each region adds, instead of columns.
    pub additions: bool,
    /// Template text dimmed, each region's own emphasised.
    pub dim: bool,
    /// First region column shown (an index into [`SectionView::present`]).
    pub col: usize,
    /// First line shown.
    pub scroll: usize,
}

/// The theme role of a piece.
pub fn role(r: R) -> Role {
    match r {
        R::Dim => Role::Boilerplate,
        R::PlusEmph => Role::Specific,
        R::Header => Role::Region,
        R::Moved => Role::Muted,
        _ => Role::Text,
    }
}

/// Styled spans of pieces.
pub fn spans(pieces: &[Piece], theme: &Theme) -> Vec<Span<'static>> {
    pieces.iter().map(|(r, t)| Span::styled(t.clone(), theme.style(role(*r)))).collect()
}

/// True when the theme cannot show the emphasis of region-specific text by colour, so it is also
/// written with `{+ +}` marks (as `--no-color` and `--ascii` need).
pub fn needs_marks(theme: &Theme, ascii: bool) -> bool {
    let s = theme.style(Role::Specific);
    ascii || (s.fg.is_none() && s.bg.is_none())
}

impl SectionView {
    /// Section `key` of `docs` (one per region), whose document indexes are `idx`.
    pub fn new(docs: &[&Document], idx: Vec<usize>, key: &str) -> SectionView {
        let cmp = crate::across::sections::compare_section(docs, key);
        SectionView { cmp, docs: idx, additions: false, dim: true, col: 0, scroll: 0 }
    }

    /// Columns of regions that have the section.
    pub fn present(&self) -> Vec<usize> {
        (0..self.cmp.columns.len()).filter(|&c| self.cmp.columns[c].title.is_some()).collect()
    }

    /// How many columns fit side by side in `width`, and their width.
    pub fn fit(&self, width: usize) -> (usize, usize) {
        let n = self.present().len().max(1);
        let k = ((width + 3) / (MIN_COLUMN + 3)).clamp(1, n);
        (k, (width.saturating_sub(3 * (k - 1)) / k).max(1))
    }

    /// Applies an action.
    pub fn update(&mut self, a: Action, step: Step, theme: &Theme, ascii: bool) -> Outcome {
        let w = step.area.width as usize;
        let h = step.area.height as usize;
        let present = self.present().len();
        let (k, _) = self.fit(w);
        match a {
            Action::Close => Outcome::Close,
            Action::ToggleAdditions => {
                self.additions = !self.additions;
                self.scroll = 0;
                Outcome::Redraw
            }
            Action::ToggleBoilerplate => {
                self.dim = !self.dim;
                Outcome::Say(tr(if self.dim { Msg::TemplateDimmed } else { Msg::TemplateShown }).into())
            }
            Action::Left if !self.additions && self.col > 0 => {
                self.col -= 1;
                Outcome::Redraw
            }
            Action::Right if !self.additions && self.col + k < present => {
                self.col += 1;
                Outcome::Redraw
            }
            Action::Open => match self.present().get(self.col) {
                Some(&c) => Outcome::OpenSection { doc: self.docs[c], key: self.cmp.key.clone() },
                None => Outcome::None,
            },
            a => match step.movement(a, h) {
                Some(m) => {
                    let len = self.lines(w, theme, ascii).len();
                    if list::scroll(&mut self.scroll, m, len, h) { Outcome::Redraw } else { Outcome::None }
                }
                None => Outcome::None,
            },
        }
    }

    /// The pieces of one region's block.
    fn pieces(&self, b: &crate::across::sections::MarkedBlock, marks: bool) -> Vec<Piece> {
        if !self.dim {
            return vec![(R::Plain, sanitize(&b.text).into_owned())];
        }
        if marks {
            return crate::across::render::marked_pieces(b);
        }
        b.spans
            .iter()
            .map(|s| {
                let r = match s.kind {
                    crate::across::sections::SpanKind::Boilerplate => R::Dim,
                    crate::across::sections::SpanKind::Specific => R::PlusEmph,
                };
                (r, sanitize(&b.text[s.start..s.end]).into_owned())
            })
            .collect()
    }

    fn share(c: &SectionColumn) -> String {
        trf(Msg::TemplateShare, &[&format!("{:.0}", c.boilerplate_share() * 100.0)])
    }

    /// The view's lines for `width` columns.
    pub fn lines(&self, width: usize, theme: &Theme, ascii: bool) -> Vec<Line<'static>> {
        let marks = needs_marks(theme, ascii);
        let mut out: Vec<Line<'static>> = Vec::new();
        let title = self.cmp.columns.iter().find_map(|c| c.title.as_deref()).unwrap_or("");
        let mut view = tr(if self.additions { Msg::ViewAdditions } else { Msg::ViewColumns }).to_string();
        let (k, _) = self.fit(width);
        let n = self.present().len();
        if !self.additions && n > k {
            // Which regions are shown, when not all fit (h/l shift them).
            let first = self.col.min(n - k);
            view = format!("{view} {}-{}/{n}", first + 1, first + k);
        }
        let head = format!(
            "{}; {view}",
            trf(
                Msg::SectionTitle,
                &[&sanitize(&self.cmp.key), &sanitize(title), &self.present().len(), &self.cmp.threshold]
            )
        );
        for l in wrap(&[(R::Header, head)], width) {
            out.push(Line::from(spans(&l, theme)).style(theme.style(Role::Heading)));
        }
        let missing: Vec<String> = self
            .cmp
            .columns
            .iter()
            .filter(|c| c.title.is_none())
            .map(|c| sanitize(&c.region.name).into_owned())
            .collect();
        if !missing.is_empty() {
            let text = format!("{}: {}", tr(Msg::NoSuchSection), missing.join(", "));
            for l in wrap(&[(R::Moved, text)], width) {
                out.push(Line::from(spans(&l, theme)));
            }
        }
        out.push(Line::default());
        if self.additions {
            for &c in &self.present() {
                let col = &self.cmp.columns[c];
                let head = format!("{} — {}", trf(Msg::RegionAdds, &[&sanitize(&col.region.name)]), Self::share(col));
                for l in wrap(&[(R::Header, head)], width) {
                    out.push(Line::from(spans(&l, theme)));
                }
                let adds = col.additions(MIN_ADDITION_WORDS);
                if adds.is_empty() {
                    out.push(Line::styled(format!("  {}", tr(Msg::NothingBeyond)), theme.style(Role::Muted)));
                }
                for a in adds {
                    let r = if self.dim { R::PlusEmph } else { R::Plain };
                    for (i, l) in wrap(&[(r, sanitize(a).into_owned())], width.saturating_sub(4)).iter().enumerate() {
                        let mut s = vec![Span::raw(if i == 0 { "  - " } else { "    " })];
                        s.extend(spans(l, theme));
                        out.push(Line::from(s));
                    }
                }
                out.push(Line::default());
            }
            return out;
        }
        let (k, col_w) = self.fit(width);
        let present = self.present();
        let shown: Vec<usize> =
            present.iter().copied().skip(self.col.min(present.len().saturating_sub(k))).take(k).collect();
        let columns: Vec<Vec<Vec<Piece>>> = shown
            .iter()
            .map(|&c| {
                let col = &self.cmp.columns[c];
                let mut lines = wrap(&[(R::Header, sanitize(&col.region.name).into_owned())], col_w);
                lines.extend(wrap(&[(R::Moved, Self::share(col))], col_w));
                for b in &col.blocks {
                    lines.push(Vec::new());
                    lines.extend(wrap(&self.pieces(b, marks), col_w));
                }
                lines
            })
            .collect();
        let rows = columns.iter().map(Vec::len).max().unwrap_or(0);
        for i in 0..rows {
            let mut s: Vec<Span<'static>> = Vec::new();
            for (n, lines) in columns.iter().enumerate() {
                let l = lines.get(i).map(Vec::as_slice).unwrap_or(&[]);
                if n > 0 {
                    s.push(Span::styled(if ascii { " | " } else { " │ " }, theme.style(Role::Border)));
                }
                s.extend(spans(l, theme));
                if n + 1 < columns.len() {
                    s.push(Span::raw(" ".repeat(col_w.saturating_sub(width_of(l)))));
                }
            }
            out.push(Line::from(s));
        }
        out
    }

    /// Draws the view.
    pub fn draw(&self, app: &App, area: Rect, buf: &mut Buffer) {
        let lines = self.lines(area.width as usize, &app.theme, app.ascii);
        let h = area.height as usize;
        let top = self.scroll.min(lines.len().saturating_sub(h));
        for (i, l) in lines.iter().skip(top).take(h).enumerate() {
            buf.set_line(area.x, area.y + i as u16, l, area.width);
        }
    }
}
