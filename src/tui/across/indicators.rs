//! Indicator targets side by side: a list of indicators aligned across regions (sector filter
//! `f`, order `o` by how many regions have them), and under it the selected indicator's targets
//! per year, one line per region, with the lowest and highest target of each year marked `▼` and
//! `▲` (`v` and `^` with `--ascii`) and given in two lines of their own. `h`/`l` pick a region;
//! Enter opens that region's indicators of the sector.

use super::{Outcome, Rows, Step, Writer, sym};
use crate::across::indicators::{Filter, IndicatorRow, Indicators};
use crate::i18n::{Msg, Noun, number, tr, trf};
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

/// Columns of the region name in the targets table.
pub const REGION_W: usize = 18;
/// Columns of one year.
pub const YEAR_W: usize = 10;

/// The indicators view's state.
#[derive(Debug, Clone)]
pub struct IndicatorsView {
    /// Indicators of the columns.
    pub data: Indicators,
    /// Document index of each column.
    pub docs: Vec<usize>,
    /// The rows shown.
    pub rows: Rows,
    /// Selected region of the targets table (index into [`IndicatorsView::present`]).
    pub reg: usize,
}

/// Heights of the list and of the targets table's region lines for a view `height` high.
fn heights(height: usize) -> (usize, usize) {
    let list = (height.saturating_sub(1) * 2 / 5).max(3);
    // Below the list: project, indicator, table header, regions..., lowest, highest, legend.
    let regions = height.saturating_sub(1 + list + 6).max(1);
    (list, regions)
}

impl IndicatorsView {
    /// The indicators of `docs` (one per region), whose document indexes are `idx`.
    pub fn new(docs: &[&Document], idx: Vec<usize>) -> IndicatorsView {
        let data = crate::across::indicators::build(docs, Filter::default());
        let rows = Rows::new(&Self::keys(&data));
        IndicatorsView { data, docs: idx, rows, reg: 0 }
    }

    fn keys(d: &Indicators) -> Vec<(&str, usize)> {
        d.rows.iter().map(|r| (r.sector.as_str(), r.regions())).collect()
    }

    /// The selected row.
    pub fn row(&self) -> Option<&IndicatorRow> {
        self.rows.selected().map(|r| &self.data.rows[r])
    }

    /// Columns that have the selected indicator.
    pub fn present(&self) -> Vec<usize> {
        self.row().map_or(Vec::new(), |r| (0..r.cells.len()).filter(|&c| r.cells[c].is_some()).collect())
    }

    /// Applies an action.
    pub fn update(&mut self, a: Action, step: Step) -> Outcome {
        let (h, _) = heights(step.area.height as usize);
        if let Some(changed) = self.rows.update(a, step, h, &Self::keys(&self.data)) {
            self.reg = self.reg.min(self.present().len().saturating_sub(1));
            return if changed { Outcome::Redraw } else { Outcome::None };
        }
        match a {
            Action::Left if self.reg > 0 => {
                self.reg -= 1;
                Outcome::Redraw
            }
            Action::Right if self.reg + 1 < self.present().len() => {
                self.reg += 1;
                Outcome::Redraw
            }
            Action::Close => Outcome::Close,
            Action::Open => match (self.row(), self.present().get(self.reg)) {
                (Some(r), Some(&c)) => {
                    Outcome::OpenSection { doc: self.docs[c], key: format!("indicators.{}", r.sector) }
                }
                _ => Outcome::None,
            },
            _ => Outcome::None,
        }
    }

    /// Draws the view.
    pub fn draw(&self, app: &App, area: Rect, buf: &mut Buffer) {
        let t = &app.theme;
        let w = area.width as usize;
        let (list_h, regions_h) = heights(area.height as usize);
        let mut out = Writer::new(buf, area);
        out.put(self.rows.title(app, Msg::IndicatorsTitle, Noun::Indicator, self.docs.len()));
        let rs = &self.rows;
        let off = list::keep_visible(rs.sel, rs.off, list_h, rs.shown.len());
        if rs.shown.is_empty() {
            out.put(Line::styled(tr(Msg::NothingHere), t.style(Role::Muted)));
        }

        for (i, &r) in rs.shown.iter().enumerate().skip(off).take(list_h) {
            let row = &self.data.rows[r];
            let sel = i == rs.sel;
            let n = format!(" {}/{}", row.regions(), self.docs.len());
            let text = format!("{} / {}", sanitize(&row.project), sanitize(&row.name));
            let text = cut(&text, w.saturating_sub(1 + text_width(&n)), app.ascii);
            let pad = w.saturating_sub(1 + text_width(&text) + text_width(&n));
            let style = t.style(if sel { Role::Selection } else { Role::Text });
            out.put(Line::from(vec![
                Span::styled(if sel { ">" } else { " " }, style),
                Span::styled(text, style),
                Span::styled(" ".repeat(pad), style),
                Span::styled(n, if sel { style } else { t.style(Role::Muted) }),
            ]));
        }
        out.at(1 + list_h);
        let Some(row) = self.row() else { return };
        self.targets(app, row, regions_h, w, &mut out);
    }

    /// The selected indicator's targets table.
    fn targets(&self, app: &App, row: &IndicatorRow, regions_h: usize, w: usize, out: &mut Writer) {
        let t = &app.theme;
        out.put(Line::styled(cut(&sanitize(&row.project), w, app.ascii), t.style(Role::Heading)));
        let unit = row.spread.first().and_then(|s| s.unit.as_deref()).map(|u| format!(", {}", sanitize(u)));
        let name = format!("{}{}", sanitize(&row.name), unit.unwrap_or_default());
        out.put(Line::styled(cut(&name, w, app.ascii), t.style(Role::Text)));
        let years = row.years();
        let fit = (w.saturating_sub(REGION_W) / YEAR_W).max(1);
        let years = &years[..years.len().min(fit)];
        let mut head = vec![Span::styled(format!("{:<1$}", tr(Msg::ColRegion), REGION_W), t.style(Role::TableHeader))];
        for y in years {
            head.push(Span::styled(format!("{y:>0$}", YEAR_W), t.style(Role::TableHeader)));
        }
        out.put(Line::from(head));
        let (lo, hi) = (sym(app.ascii, "▼", "v"), sym(app.ascii, "▲", "^"));
        let present = self.present();
        let reg = self.reg.min(present.len().saturating_sub(1));
        let off = list::keep_visible(reg, 0, regions_h, present.len());
        let columns = &self.data.columns;
        for (k, &c) in present.iter().enumerate().skip(off).take(regions_h) {
            let Some(cell) = &row.cells[c] else { continue };
            let sel = k == reg;
            let style = t.style(if sel { Role::Selection } else { Role::Text });
            let label = cut(&sanitize(&columns[c].name), REGION_W - 2, app.ascii);
            let mut spans =
                vec![Span::styled(format!("{}{label:<1$} ", if sel { ">" } else { " " }, REGION_W - 2), style)];
            for year in years {
                let s = row.spread.iter().find(|s| s.year == *year);
                let key = &columns[c].key;
                let mark = match s {
                    Some(s) if s.compared > 1 && s.lowest.regions.contains(key) => lo,
                    Some(s) if s.compared > 1 && s.highest.regions.contains(key) => hi,
                    _ => " ",
                };
                let v = cell.values.get(year).map_or("-".to_string(), |v| number(*v));
                spans.push(Span::styled(
                    format!("{v:>0$}{mark}", YEAR_W - 1),
                    if sel { style } else { t.style(Role::Text) },
                ));
            }
            out.put(Line::from(spans));
        }
        for (label, highest) in [(lo, false), (hi, true)] {
            let mut spans = vec![Span::styled(format!(" {label:<0$}", REGION_W - 1), t.style(Role::Muted))];
            for year in years {
                let v = row
                    .spread
                    .iter()
                    .find(|s| s.year == *year && s.compared > 1)
                    .map_or("-".to_string(), |s| number(if highest { s.highest.value } else { s.lowest.value }));
                spans.push(Span::styled(format!("{v:>0$} ", YEAR_W - 1), t.style(Role::Muted)));
            }
            out.put(Line::from(spans));
        }
        let other: Vec<String> = row.spread.iter().flat_map(|s| s.other_units.iter().cloned()).collect();
        let legend = if other.is_empty() {
            trf(Msg::SpreadLegend, &[&lo, &hi])
        } else {
            let mut o = other;
            o.sort();
            o.dedup();
            format!("{}{}", trf(Msg::SpreadLegend, &[&lo, &hi]), trf(Msg::OtherUnits, &[&sanitize(&o.join(", "))]))
        };
        out.put(Line::styled(cut(&legend, w, app.ascii), t.style(Role::Muted)));
    }
}
