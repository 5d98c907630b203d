//! Across-regions views: the project matrix ([`matrix`]), indicator targets side by side
//! ([`indicators`]), one section of every open region ([`sections`]), and the template dimming of
//! the content pane ([`dim`]).
//!
//! The matrix and the indicators are computed off the UI thread, as a background job of the one
//! job type ([`crate::tui::job`], kind `Across`): the view opens at once in a [`Pending`] state
//! («вычисляется…»), keys stay live (Esc closes it and cancels the job, `A`/`T` switch to the
//! other view, whose job replaces this one), and the result is drawn when it arrives; a result of
//! a job replaced or cancelled since is stale and dropped by the job's generation. The job works
//! on copies of the columns without their text ([`skeleton`]), the only data the two need.
//!
//! Each view is a struct owning its state, with its own `update` (an action in, an [`Outcome`]
//! out) and `draw` (from `&self` into a buffer); [`Layer`] puts one on the layer stack as a
//! component ([`crate::tui::layer`]). They work on the *columns*: each open region's newest
//! official version ([`crate::across::columns`]). What a view cannot do itself (open a project
//! card, a document's section, say something in the status line) it asks for in its [`Outcome`],
//! which [`Layer`] carries out on the app.

pub(crate) mod dim;
pub(crate) mod indicators;
pub(crate) mod matrix;
pub(crate) mod sections;

use super::action::Action;
use super::content::Item;
use super::job::{Accepted, Kind, Output};
use super::keymap::Context;
use super::layer::{self, Component, Opening, Request};
use super::list::{self, Move};
use super::state::App;
use super::theme::Role;
use super::update::{self, Effect};
use crate::i18n::{Msg, Noun, count, tr, trf};
use crate::model::Document;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

/// One of the across-regions views.
#[derive(Debug, Clone)]
pub enum View {
    /// Projects x regions.
    Matrix(matrix::MatrixView),
    /// Indicator targets x regions.
    Indicators(indicators::IndicatorsView),
    /// One section of every region.
    Section(sections::SectionView),
    /// The matrix or the indicators while their job computes them.
    Pending(Pending),
}

/// Which of the computed views.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Computed {
    /// The project matrix.
    Matrix,
    /// Indicators side by side.
    Indicators,
}

/// A view being computed in the background: which, over which columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    /// The view asked for.
    pub what: Computed,
    /// Document index of each column.
    pub docs: Vec<usize>,
}

impl View {
    /// The document index of each column.
    fn docs(&self) -> &[usize] {
        match self {
            View::Matrix(v) => &v.docs,
            View::Indicators(v) => &v.docs,
            View::Section(v) => &v.docs,
            View::Pending(p) => &p.docs,
        }
    }

    /// Which computed view this is (or will be); `None` for a section.
    fn computed(&self) -> Option<Computed> {
        match self {
            View::Matrix(_) => Some(Computed::Matrix),
            View::Indicators(_) => Some(Computed::Indicators),
            View::Pending(p) => Some(p.what),
            View::Section(_) => None,
        }
    }
}

/// A copy of a document with what the matrix and indicators read (metadata, projects,
/// indicators) and none of its text, for their background job.
pub fn skeleton(d: &Document) -> Document {
    Document {
        schema: d.schema,
        meta: d.meta.clone(),
        source: d.source.clone(),
        sectors: d.sectors.clone(),
        sections: Vec::new(),
        projects: d.projects.clone(),
        indicators: d.indicators.clone(),
        glossary: Default::default(),
        legal_basis: Vec::new(),
        card: Vec::new(),
    }
}

/// Starts computing `what` over the columns `cols` as the `Across` job (replacing one running)
/// and returns the view that waits for it.
fn compute(app: &mut App, what: Computed, cols: Vec<usize>) -> View {
    let docs: Vec<Document> = cols.iter().map(|&i| skeleton(&app.docs[i].doc)).collect();
    let idx = cols.clone();
    app.jobs.start(Kind::Across, move |ctx| {
        if ctx.cancelled() {
            return;
        }
        let refs: Vec<&Document> = docs.iter().collect();
        let view = match what {
            Computed::Matrix => View::Matrix(matrix::MatrixView::new(&refs, idx)),
            Computed::Indicators => View::Indicators(indicators::IndicatorsView::new(&refs, idx)),
        };
        ctx.send(Output::Across(Box::new(view)));
    });
    View::Pending(Pending { what, docs: cols })
}

/// The across-regions state the app keeps between views: whether template text is dimmed, and
/// the view last closed (opening one of its kind over the same regions again resumes it).
#[derive(Debug, Clone, Default)]
pub struct Across {
    /// Template text dimmed in the content pane.
    pub dim: bool,
    /// The dimming of the last section shown (see [`dim::Cache`]).
    pub cache: dim::Cache,
    /// The dimming of the last section diff shown in compare mode.
    pub diff: dim::DiffCache,
    /// The view last closed.
    pub last: Option<Box<View>>,
}

/// What a view's update asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Nothing changed.
    None,
    /// The view changed: redraw.
    Redraw,
    /// Close the view.
    Close,
    /// Open the project with id `id` of document `doc` in its card.
    OpenProject {
        /// Document index.
        doc: usize,
        /// The project's id.
        id: String,
    },
    /// Open the section with canonical key `key` of document `doc`.
    OpenSection {
        /// Document index.
        doc: usize,
        /// Section key.
        key: String,
    },
    /// Say this in the status line.
    Say(String),
}

/// Geometry and movement of a step: the view's area and the count typed.
#[derive(Debug, Clone, Copy)]
pub struct Step {
    /// The view's area (the screen without the status line).
    pub area: Rect,
    /// A count typed before the key (1 when none).
    pub count: usize,
}

impl Step {
    /// The movement an action makes in a list `rows` high.
    pub(crate) fn movement(&self, a: Action, rows: usize) -> Option<Move> {
        Move::of(a, rows.max(1), self.count)
    }
}

/// The columns of the open documents: each region's newest official version, as document
/// indexes, in document-list order.
pub fn columns(app: &App) -> Vec<usize> {
    let order: Vec<usize> = app
        .layers
        .browse
        .doc_rows
        .iter()
        .filter_map(|r| match r {
            super::state::DocRow::Doc(i) => Some(*i),
            _ => None,
        })
        .collect();
    let docs: Vec<&Document> = order.iter().map(|&i| &*app.docs[i].doc).collect();
    crate::across::columns(&docs)
        .into_iter()
        .filter_map(|d| order.iter().copied().find(|&i| std::ptr::eq(&*app.docs[i].doc, d)))
        .collect()
}

/// The documents of column indexes.
pub fn docs_of<'a>(app: &'a App, cols: &[usize]) -> Vec<&'a Document> {
    cols.iter().map(|&i| &*app.docs[i].doc).collect()
}

/// The view's area: the screen without the status line.
pub fn area(screen: Rect) -> Rect {
    Rect { height: screen.height.saturating_sub(1), ..screen }
}

/// The selected section's canonical key in the browse view.
fn selected_key(app: &App) -> Option<String> {
    match (app.doc(), app.item()) {
        (Some(d), Some(Item::Section(p))) => super::content::section_at(&app.docs[d].doc, p).map(|s| s.key.clone()),
        _ => None,
    }
}

/// The view `a` asks for over the current columns, or why there is none. The view last closed is
/// resumed when it is of that kind, over the same regions (and, for a section, the same one).
fn build(app: &mut App, a: Action) -> Result<View, Msg> {
    let cols = columns(app);
    if cols.len() < 2 {
        return Err(Msg::NeedTwoRegions);
    }
    let key = selected_key(app);
    if let Some(last) = app.across.last.take() {
        let resumes = last.docs() == cols.as_slice()
            && match (last.as_ref(), a) {
                (View::Matrix(_), Action::OpenMatrix) | (View::Indicators(_), Action::OpenIndicators) => true,
                (View::Section(l), Action::CompareRegions) => key.as_deref() == Some(l.cmp.key.as_str()),
                _ => false,
            };
        if resumes {
            return Ok(*last);
        }
    }
    Ok(match a {
        Action::OpenMatrix => compute(app, Computed::Matrix, cols),
        Action::OpenIndicators => compute(app, Computed::Indicators, cols),
        _ => match key {
            Some(key) => View::Section(sections::SectionView::new(&docs_of(app, &cols), cols.clone(), &key)),
            None => return Err(Msg::PickTextSection),
        },
    })
}

/// The across part of the browse view's update step: `m`, `i` and `R` open a view on the layer
/// stack, `B` switches template dimming. `None` when the action is not one of these.
pub fn apply(app: &mut App, a: Action) -> Option<Effect> {
    if !app.layers.is_empty() {
        return None;
    }
    match a {
        Action::ToggleBoilerplate => {
            app.across.dim = !app.across.dim;
            app.status.say(tr(if app.across.dim { Msg::TemplateDimmed } else { Msg::TemplateShown }));
            Some(Effect::Redraw)
        }
        Action::OpenMatrix | Action::OpenIndicators | Action::CompareRegions => {
            match build(app, a) {
                Ok(view) => super::layer::push(app, Box::new(Layer { view })),
                Err(m) => app.status.say(tr(m)),
            }
            Some(Effect::Redraw)
        }
        _ => None,
    }
}

/// An across view on the layer stack.
pub(crate) struct Layer {
    /// The view and its state.
    pub(crate) view: View,
}

impl Component for Layer {
    fn name(&self) -> &'static str {
        match self.view {
            View::Matrix(_) => "matrix",
            View::Indicators(_) => "indicators",
            View::Section(_) => "regions",
            View::Pending(Pending { what: Computed::Matrix, .. }) => "matrix",
            View::Pending(Pending { what: Computed::Indicators, .. }) => "indicators",
        }
    }

    fn context(&self, _app: &App) -> Context {
        match self.view {
            View::Section(_) => Context::Regions,
            _ => Context::Across,
        }
    }

    fn place(&self, _app: &App) -> &'static str {
        tr(match self.view.computed() {
            Some(Computed::Matrix) => Msg::MatrixPlace,
            Some(Computed::Indicators) => Msg::IndicatorsPlace,
            None => Msg::SectionPlace,
        })
    }

    fn action(&mut self, app: &mut App, a: Action) -> layer::Outcome {
        let step = Step { area: area(app.size), count: app.count.unwrap_or(1) };
        let outcome = match (&mut self.view, a) {
            (_, Action::Help) => return layer::Outcome::redraw().push(layer::help::Help::new()),
            // Quit, suspend and the like fall through to the browse view.
            (_, Action::Quit | Action::Suspend | Action::Redraw | Action::ToggleMouse) => {
                return layer::Outcome::ignored();
            }
            (View::Pending(_), Action::Close) => {
                app.jobs.cancel(Kind::Across);
                return layer::Outcome::close();
            }
            (v, Action::OpenIndicators | Action::OpenMatrix)
                if v.computed().is_some()
                    && v.computed()
                        != Some(if a == Action::OpenMatrix { Computed::Matrix } else { Computed::Indicators }) =>
            {
                if !matches!(v, View::Pending(_)) {
                    app.across.last = Some(Box::new(self.view.clone()));
                }
                return match build(app, a) {
                    Ok(view) => layer::Outcome::close().push(Layer { view }),
                    Err(m) => {
                        app.status.say(tr(m));
                        layer::Outcome::redraw()
                    }
                };
            }
            (View::Matrix(v), a) => v.update(a, step),
            (View::Indicators(v), a) => v.update(a, step),
            (View::Section(v), a) => v.update(a, step, &app.theme, app.ascii),
            // Keys stay live while the view is computed; movement has nothing to move yet.
            (View::Pending(_), _) => Outcome::None,
        };
        self.carry(app, outcome)
    }

    /// The computed view arrives: drawn in place of the waiting one. A job that ended without a
    /// result (it failed) closes the waiting view and says so.
    fn job(&mut self, app: &mut App, news: &mut Option<Accepted>) -> layer::Outcome {
        let View::Pending(p) = &self.view else { return layer::Outcome::ignored() };
        match news.take() {
            Some(Accepted::Output(Output::Across(v)))
                if v.docs() == p.docs.as_slice() && v.computed() == Some(p.what) =>
            {
                self.view = *v;
                layer::Outcome::redraw()
            }
            Some(Accepted::Finished(Kind::Across)) => {
                app.status.say(tr(Msg::AcrossFailed));
                layer::Outcome::close()
            }
            other => {
                *news = other;
                layer::Outcome::ignored()
            }
        }
    }

    /// Documents that arrived after the view opened (it may open while they still load) join it
    /// once loading is over: the view is computed again over the new columns (the section view,
    /// instant, is rebuilt at once).
    fn after_batch(&mut self, app: &mut App) -> layer::Outcome {
        if app.load.progress.is_some() {
            return layer::Outcome::ignored();
        }
        let cols = columns(app);
        if cols.as_slice() == self.view.docs() || cols.len() < 2 {
            return layer::Outcome::ignored();
        }
        self.view = match (&self.view, self.view.computed()) {
            (_, Some(what)) => compute(app, what, cols),
            (View::Section(v), None) => {
                let key = v.cmp.key.clone();
                View::Section(sections::SectionView::new(&docs_of(app, &cols), cols, &key))
            }
            (_, None) => return layer::Outcome::ignored(),
        };
        layer::Outcome { consumed: false, ..layer::Outcome::redraw() }
    }

    fn draw(&self, app: &App, screen: Rect, buf: &mut Buffer) {
        let area = area(screen);
        let blank = app.theme.style(Role::Text);
        for y in area.y..area.y + area.height {
            buf.set_stringn(area.x, y, " ".repeat(area.width as usize), area.width as usize, blank);
        }
        match &self.view {
            View::Matrix(v) => v.draw(app, area, buf),
            View::Indicators(v) => v.draw(app, area, buf),
            View::Section(v) => v.draw(app, area, buf),
            View::Pending(_) => {
                let line = trf(Msg::AcrossComputing, &[&self.place(app)]);
                Writer::new(buf, area).put(Line::styled(
                    super::wrap::cut(&line, area.width as usize, app.ascii),
                    app.theme.style(Role::Heading),
                ));
            }
        }
    }
}

impl Layer {
    /// Carries out what the view asked for.
    fn carry(&self, app: &mut App, o: Outcome) -> layer::Outcome {
        // A view that closes is kept, so that opening its kind again resumes it.
        let keep = |app: &mut App| app.across.last = Some(Box::new(self.view.clone()));
        match o {
            Outcome::None => layer::Outcome::moved(false),
            Outcome::Redraw => layer::Outcome::redraw(),
            Outcome::Say(m) => {
                app.status.say(m);
                layer::Outcome::redraw()
            }
            Outcome::Close => {
                keep(app);
                layer::Outcome::close()
            }
            Outcome::OpenSection { doc, key } => match path_of_key(&app.docs[doc].doc, &key) {
                Some(path) => {
                    keep(app);
                    layer::Outcome::close().request(Request::Open(Opening::section(doc, Item::Section(path))))
                }
                None => layer::Outcome::moved(false),
            },
            Outcome::OpenProject { doc, id } => {
                let d = &app.docs[doc].doc;
                let Some(project) = d.projects.iter().position(|p| p.id == id) else {
                    return layer::Outcome::moved(false);
                };
                let p = &d.projects[project];
                let nth = d.projects[..project].iter().filter(|q| q.sector == p.sector).count();
                let Some(path) = path_of_key(d, &format!("projects.{}", p.sector)) else {
                    return layer::Outcome::moved(false);
                };
                // Under the view, the project's row is selected in its region's projects section;
                // the card opens over the view. Esc closes the card (back to the view as it
                // was), Esc again the view (the row).
                update::open(app, doc, &Item::Section(path), Vec::new());
                app.layers.browse.views[doc].row = nth;
                app.refresh();
                if let Some(&line) = app.layers.browse.content.rows.get(nth) {
                    update::scroll_to(app, line);
                }
                layer::Outcome::redraw().push(layer::card::Card::new(doc, project))
            }
        }
    }
}

/// The path of the section with canonical key `key`.
pub fn path_of_key(doc: &Document, key: &str) -> Option<Vec<usize>> {
    let mut found = None;
    crate::model::visit_sections(&doc.sections, |path, s| {
        if found.is_none() && s.key == key {
            found = Some(path.to_vec());
        }
        found.is_none()
    });
    found
}

/// The sector filter shared by the matrix and indicators views: `None` is every sector.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SectorFilter {
    /// Sector keys in row order.
    pub sectors: Vec<String>,
    /// The one shown, as an index into `sectors`.
    pub at: Option<usize>,
}

impl SectorFilter {
    /// The filter over these rows' sectors (first-seen order).
    pub fn of<'a>(keys: impl Iterator<Item = &'a str>) -> SectorFilter {
        let mut sectors: Vec<String> = Vec::new();
        for k in keys {
            if !sectors.iter().any(|s| s == k) {
                sectors.push(k.to_string());
            }
        }
        SectorFilter { sectors, at: None }
    }

    /// Moves to the next sector; after the last, every sector.
    pub fn next(&mut self) {
        self.at = match self.at {
            None if !self.sectors.is_empty() => Some(0),
            Some(i) if i + 1 < self.sectors.len() => Some(i + 1),
            _ => None,
        };
    }

    /// Whether a row of `sector` shows.
    pub fn keeps(&self, sector: &str) -> bool {
        self.at.is_none_or(|i| self.sectors[i] == sector)
    }

    /// The filter in words.
    pub fn label(&self) -> String {
        match self.at {
            None => tr(Msg::AllSectors).to_string(),
            Some(i) => crate::text::sanitize::sanitize(&self.sectors[i]).into_owned(),
        }
    }
}

/// The rows a list view shows: a sector filter, an order, a selection.
#[derive(Debug, Clone, Default)]
pub struct Rows {
    /// The sector filter.
    pub filter: SectorFilter,
    /// Rows by how many regions have them (else in the data's sector order).
    pub by_regions: bool,
    /// Shown rows, as indexes into the data's rows.
    pub shown: Vec<usize>,
    /// Selected shown row.
    pub sel: usize,
    /// First shown row on screen.
    pub off: usize,
}

impl Rows {
    /// Every row of `keys` (each row's sector and number of regions) in data order.
    pub fn new(keys: &[(&str, usize)]) -> Rows {
        let mut r = Rows { filter: SectorFilter::of(keys.iter().map(|k| k.0)), ..Default::default() };
        r.reorder(keys);
        r
    }

    /// The selected row, as an index into the data's rows.
    pub fn selected(&self) -> Option<usize> {
        self.shown.get(self.sel).copied()
    }

    /// Rebuilds the shown rows after a filter or order change, keeping the selected row when it
    /// is still shown.
    fn reorder(&mut self, keys: &[(&str, usize)]) {
        let was = self.selected();
        self.shown = (0..keys.len()).filter(|&r| self.filter.keeps(keys[r].0)).collect();
        if self.by_regions {
            // Stable: equal counts keep the data's order.
            self.shown.sort_by_key(|&r| std::cmp::Reverse(keys[r].1));
        }
        self.sel = was.and_then(|w| self.shown.iter().position(|&r| r == w)).unwrap_or(0);
        self.off = 0;
    }

    /// Moves the selection in a list `height` rows high, or changes the filter or order. `None`
    /// when the action is none of these; else whether anything changed.
    pub fn update(&mut self, a: Action, step: Step, height: usize, keys: &[(&str, usize)]) -> Option<bool> {
        if let Some(m) = step.movement(a, height) {
            if !list::select(&mut self.sel, m, self.shown.len()) {
                return Some(false);
            }
            self.off = list::keep_visible(self.sel, self.off, height, self.shown.len());
            return Some(true);
        }
        match a {
            Action::NextSector => self.filter.next(),
            Action::ToggleSort => self.by_regions = !self.by_regions,
            _ => return None,
        }
        self.reorder(keys);
        Some(true)
    }

    /// The title line of the view: what (`msg`, rows counted as `noun`), in how many regions, the
    /// sector filter and the order.
    pub fn title(&self, app: &App, msg: Msg, noun: Noun, regions: usize) -> Line<'static> {
        let order = tr(if self.by_regions { Msg::SortByRegions } else { Msg::SortBySector });
        let title = trf(msg, &[&count(self.shown.len(), noun), &regions, &self.filter.label(), &order]);
        Line::styled(super::wrap::cut(&title, app.size.width as usize, app.ascii), app.theme.style(Role::Heading))
    }
}

/// Writes lines down an area, one a row, dropping those past its bottom.
pub struct Writer<'b> {
    buf: &'b mut Buffer,
    area: Rect,
    /// The next row.
    pub y: u16,
}

impl<'b> Writer<'b> {
    /// From the top of `area`.
    pub fn new(buf: &'b mut Buffer, area: Rect) -> Writer<'b> {
        Writer { buf, area, y: area.y }
    }

    /// Writes a line on the next row.
    pub fn put(&mut self, line: Line) {
        if self.y < self.area.y + self.area.height {
            self.buf.set_line(self.area.x, self.y, &line, self.area.width);
            self.y += 1;
        }
    }

    /// Goes on from `n` rows below the top.
    pub fn at(&mut self, n: usize) {
        self.y = self.area.y + (n as u16).min(self.area.height);
    }
}

/// The symbols of the views: `(unicode, ascii)` picked by the ascii setting.
pub fn sym(ascii: bool, unicode: &'static str, plain: &'static str) -> &'static str {
    if ascii { plain } else { unicode }
}
