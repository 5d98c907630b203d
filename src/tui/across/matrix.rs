//! The adoption matrix view: projects aligned across regions (rows) by region (columns), a sector
//! filter (`f`), rows by sector or by how many regions have them (`o`), a cell cursor (`h`/`l`
//! between regions) and Enter to open the project in that region.
//!
//! A cell says whether the region has the project without colour: `●` it has it and marks it
//! federal, `○` it has it unmarked, `·` it has not (`X`, `o`, `.` with `--ascii`); the selected
//! cell is bracketed and the selected row starts with `>`.

use super::{Outcome, Rows, Step, Writer, sym};
use crate::across::matrix::{Matrix, Row};
use crate::across::render::short_labels;
use crate::i18n::{Msg, Noun, tr, trf};
use crate::model::Document;
use crate::text::sanitize::sanitize;
use crate::tui::action::Action;
use crate::tui::list;
use crate::tui::state::App;
use crate::tui::theme::Role;
use crate::tui::wrap::{cut, width as text_width};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// Columns of one region cell.
pub const CELL: usize = 4;
/// The narrowest project-name column.
pub const NAME_MIN: usize = 24;
/// Columns of the adoption count at the right (` 12/85`).
pub const COUNT_W: usize = 7;
/// Lines above the rows (title, region labels) and below (the cell, the row, the legend).
const HEAD: usize = 2;
const FOOT: usize = 3;

/// The matrix view's state.
#[derive(Debug, Clone)]
pub struct MatrixView {
    /// The matrix of the columns.
    pub matrix: Matrix,
    /// Document index of each column.
    pub docs: Vec<usize>,
    /// Short unique labels of the columns.
    pub labels: Vec<String>,
    /// The rows shown.
    pub rows: Rows,
    /// Selected column.
    pub col: usize,
    /// First column on screen.
    pub col_off: usize,
}

/// How many region columns fit in `width`, and the name column's width.
pub fn geometry(width: usize, columns: usize) -> (usize, usize) {
    let fit = (width.saturating_sub(NAME_MIN + COUNT_W + 1) / CELL).clamp(1, columns.max(1));
    let name = width.saturating_sub(fit * CELL + COUNT_W + 1).max(1);
    (fit, name)
}

impl MatrixView {
    /// The matrix of `docs` (one per region), whose document indexes are `idx`.
    pub fn new(docs: &[&Document], idx: Vec<usize>) -> MatrixView {
        let matrix = crate::across::matrix::build(docs, None);
        let labels = short_labels(&matrix.columns);
        let rows = Rows::new(&Self::keys(&matrix));
        MatrixView { matrix, docs: idx, labels, rows, col: 0, col_off: 0 }
    }

    fn keys(m: &Matrix) -> Vec<(&str, usize)> {
        m.rows.iter().map(|r| (r.sector.as_str(), r.adoption())).collect()
    }

    /// The selected row.
    pub fn row(&self) -> Option<&Row> {
        self.rows.selected().map(|r| &self.matrix.rows[r])
    }

    fn list_height(area: Rect) -> usize {
        (area.height as usize).saturating_sub(HEAD + FOOT).max(1)
    }

    /// Applies an action.
    pub fn update(&mut self, a: Action, step: Step) -> Outcome {
        let h = Self::list_height(step.area);
        let (fit, _) = geometry(step.area.width as usize, self.docs.len());
        if let Some(changed) = self.rows.update(a, step, h, &Self::keys(&self.matrix)) {
            return if changed { Outcome::Redraw } else { Outcome::None };
        }
        match a {
            Action::Left | Action::Right => {
                let next = if a == Action::Left { self.col.checked_sub(1) } else { Some(self.col + 1) };
                match next.filter(|&c| c < self.docs.len()) {
                    Some(c) => {
                        self.col = c;
                        self.col_off = list::keep_visible(c, self.col_off, fit, self.docs.len());
                        Outcome::Redraw
                    }
                    None => Outcome::None,
                }
            }
            Action::Close => Outcome::Close,
            Action::Open => self.open(),
            _ => Outcome::None,
        }
    }

    /// Enter: the selected row's project in the selected column's region.
    fn open(&self) -> Outcome {
        let Some(row) = self.row() else { return Outcome::None };
        match &row.cells[self.col] {
            Some(cell) => Outcome::OpenProject { doc: self.docs[self.col], id: cell.project_id.clone() },
            None => Outcome::Say(trf(Msg::NotInRegion, &[&sanitize(&self.matrix.columns[self.col].name)])),
        }
    }

    /// Draws the view.
    pub fn draw(&self, app: &App, area: Rect, buf: &mut Buffer) {
        let t = &app.theme;
        let w = area.width as usize;
        let (fit, name_w) = geometry(w, self.docs.len());
        let col_off = self.col_off.min(self.docs.len().saturating_sub(fit));
        let shown = col_off..(col_off + fit).min(self.docs.len());
        let mut out = Writer::new(buf, area);
        out.put(self.rows.title(app, Msg::MatrixTitle, Noun::Project, self.docs.len()));
        // Region labels over their cells.
        let mut head = vec![Span::raw(" ".repeat(name_w + 1))];
        for c in shown.clone() {
            let l = cut(&self.labels[c], CELL - 1, true);
            let role = if c == self.col { Role::TitleFocus } else { Role::TableHeader };
            head.push(Span::styled(format!("{l:<0$} ", CELL - 1), t.style(role)));
        }
        if col_off > 0 || shown.end < self.docs.len() {
            head.push(Span::styled(
                format!("{}-{}/{}", shown.start + 1, shown.end, self.docs.len()),
                t.style(Role::Muted),
            ));
        }
        out.put(Line::from(head));
        let h = Self::list_height(area);
        let rs = &self.rows;
        let off = list::keep_visible(rs.sel, rs.off, h, rs.shown.len());
        if rs.shown.is_empty() {
            out.put(Line::styled(tr(Msg::NothingHere), t.style(Role::Muted)));
        }
        for (i, &r) in rs.shown.iter().enumerate().skip(off).take(h) {
            let row = &self.matrix.rows[r];
            let sel = i == rs.sel;
            let base = if sel { t.style(Role::SelectionInactive) } else { t.style(Role::Text) };
            let name = cut(&sanitize(&row.name), name_w.saturating_sub(1), app.ascii);
            let pad = name_w.saturating_sub(1 + text_width(&name));
            let role = if row.federal { Role::Text } else { Role::Muted };
            let mut spans = vec![
                Span::styled(if sel { ">" } else { " " }, base),
                Span::styled(name, if sel { base } else { t.style(role) }),
                Span::styled(" ".repeat(pad + 1), base),
            ];
            for c in shown.clone() {
                let s = match &row.cells[c] {
                    Some(x) if x.federal => sym(app.ascii, "●", "X"),
                    Some(_) => sym(app.ascii, "○", "o"),
                    None => sym(app.ascii, "·", "."),
                };
                if sel && c == self.col {
                    spans.push(Span::styled(format!("[{s}]"), t.style(Role::Selection)));
                    spans.push(Span::styled(" ", base));
                } else {
                    let role = if row.cells[c].is_some() { Role::Text } else { Role::Muted };
                    spans.push(Span::styled(format!(" {s}  "), if sel { base } else { t.style(role) }));
                }
            }
            let n = format!("{:>1$}", format!("{}/{}", row.adoption(), self.docs.len()), COUNT_W);
            spans.push(Span::styled(n, if sel { base } else { t.style(Role::Muted) }));
            out.put(Line::from(spans));
        }
        // The footer: the selected cell, the selected row, the legend.
        out.at((area.height as usize).saturating_sub(FOOT));
        let col = &self.matrix.columns[self.col.min(self.matrix.columns.len().saturating_sub(1))];
        let region = format!("{} ({})", sanitize(&col.name), crate::i18n::date(&sanitize(&col.version)));
        if let Some(row) = self.row() {
            let cell = match &row.cells[self.col] {
                Some(c) => trf(Msg::CellWording, &[&region, &sanitize(&c.name)]),
                None => trf(Msg::CellMissing, &[&region]),
            };
            out.put(Line::styled(cut(&cell, w, app.ascii), t.style(Role::Region)));
            let level = tr(if row.federal { Msg::FederalShort } else { Msg::RegionalShort });
            let info = trf(Msg::RowInfo, &[&sanitize(&row.sector), &row.adoption(), &self.docs.len(), &level]);
            out.put(Line::styled(cut(&info, w, app.ascii), t.style(Role::Muted)));
        } else {
            out.at((area.height as usize).saturating_sub(1));
        }
        let legend =
            trf(Msg::MatrixLegend, &[&sym(app.ascii, "●", "X"), &sym(app.ascii, "○", "o"), &sym(app.ascii, "·", ".")]);
        out.put(Line::styled(cut(&legend, w, app.ascii), t.style(Role::Muted)));
    }
}
