//! The reviewer UI's state: open documents, settings, background jobs, and the layer stack
//! ([`super::layer`]) whose bottom is the browse view with its own state
//! ([`super::layer::browse::Browse`]: focus, selections, folding, scroll) with compare mode over
//! it ([`super::layer::compare::CompareMode`]).
//!
//! The browse view's state is changed by [`super::update`]; each component on the stack owns
//! and changes its own. Derived data (document rows, the visible tree, the content laid out for
//! the current width) is rebuilt by [`App::refresh`] whenever its inputs change, so drawing is
//! cheap and never mutates.

use super::content::{self, Item, Mark};
use super::keymap::{Context, Keymap};
use super::layout::{self, Areas};
use super::theme::Theme;
use crate::i18n::{Msg, Noun, count, tr, trf};
use crate::load::{LoadError, Loaded};
use ratatui::layout::Rect;
use ratatui::text::Line;
use std::collections::HashSet;

/// A pane of the main screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Pane {
    /// Documents grouped by region.
    Documents,
    /// The selected document's section tree.
    #[default]
    Sections,
    /// The selected section's text.
    Content,
}

impl Pane {
    /// The panes in Tab order.
    pub const ALL: [Pane; 3] = [Pane::Documents, Pane::Sections, Pane::Content];

    /// The keymap context of the pane.
    pub fn context(self) -> Context {
        match self {
            Pane::Documents => Context::Documents,
            Pane::Sections => Context::Sections,
            Pane::Content => Context::Content,
        }
    }

    /// The pane's title.
    pub fn title(self) -> &'static str {
        match self {
            Pane::Documents => tr(Msg::Documents),
            Pane::Sections => tr(Msg::Sections),
            Pane::Content => tr(Msg::Content),
        }
    }
}

/// One row of the document list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocRow {
    /// A region heading: name and number of versions.
    Region(String, usize),
    /// A document (index into [`App::docs`]).
    Doc(usize),
}

/// Whether a tree row can fold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fold {
    /// No children.
    Leaf,
    /// Children shown.
    Open,
    /// Children hidden.
    Closed,
}

/// One visible row of the section tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeRow {
    /// What selecting the row shows.
    pub item: Item,
    /// Nesting depth (0 at the top).
    pub depth: usize,
    /// Folding state.
    pub fold: Fold,
}

/// Per-document view state, kept when switching documents.
#[derive(Debug, Clone, Default)]
pub struct DocView {
    /// Paths of collapsed sections.
    pub collapsed: HashSet<Vec<usize>>,
    /// Selected tree row.
    pub sel: usize,
    /// First visible tree row.
    pub off: usize,
    /// First visible content line.
    pub scroll: usize,
    /// Selected row of a projects table in the content.
    pub row: usize,
}

/// What laid-out content depends on (it is laid out again when any of it changes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LaidKey {
    /// The document (index into [`App::docs`]).
    pub doc: usize,
    /// What of it is shown.
    pub item: Item,
    /// Width and display switches.
    pub shape: content::Shape,
    /// Highlighted stretches.
    pub marks: Vec<Mark>,
    /// The notes' generation (see [`super::review::Review::generation`]).
    pub notes: u64,
    /// Tinted stretches.
    pub tints: Vec<content::Tint>,
}

/// Content laid out for one width.
#[derive(Debug, Clone, Default)]
pub struct Laid {
    /// What the lines are for.
    pub key: Option<LaidKey>,
    /// The lines.
    pub lines: Vec<Line<'static>>,
    /// The line each of [`Browse::marks`](super::layer::browse::Browse::marks) starts on.
    pub mark_lines: Vec<Option<usize>>,
    /// The line each project row of a projects table starts on (see [`content::Layout::rows`]).
    pub rows: Vec<usize>,
    /// The line each block of the section starts on (see [`content::Layout::blocks`]).
    pub blocks: Vec<usize>,
}

/// Start-up settings.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The theme, already adapted to the terminal's colours.
    pub theme: Theme,
    /// The keymap.
    pub keymap: Keymap,
    /// Mouse capture at start.
    pub mouse: bool,
    /// ASCII borders instead of box-drawing characters (which some terminals draw double-width).
    pub ascii: bool,
    /// Timings in the status line.
    pub debug: bool,
    /// Problems found in settings files (shown with the load errors).
    pub problems: Vec<String>,
    /// The config folder, named in the help.
    pub config_dir: Option<std::path::PathBuf>,
    /// Where the notes store is and who the author is (`None`: no store).
    pub notes: Option<crate::notes::config::Settings>,
}

/// The whole UI state.
#[derive(Debug)]
pub struct App {
    /// Open documents.
    pub(crate) docs: Vec<Loaded>,
    /// Files that did not open.
    pub(crate) load_errors: Vec<LoadError>,
    /// Other problems (keymap entries...), shown with the load errors.
    pub(crate) problems: Vec<String>,
    /// Colours and styles.
    pub(crate) theme: Theme,
    /// Keys.
    pub(crate) keymap: Keymap,
    /// Mouse capture wanted.
    pub(crate) mouse: bool,
    /// ASCII borders and symbols.
    pub(crate) ascii: bool,
    /// Timings in the status line (`--debug`).
    pub(crate) debug: bool,
    /// The config folder, named in the help.
    pub(crate) config_dir: Option<std::path::PathBuf>,
    /// The browse view at the bottom (its state: focus, selections, content), compare mode over
    /// it and the overlays on top (help...), see [`super::layer`].
    pub(crate) layers: super::layer::Stack,
    /// Screen size.
    pub(crate) size: Rect,
    /// The status line's message (its one owner: see [`super::status`]).
    pub(crate) status: super::status::Status,
    /// Set when the user asked to quit.
    pub(crate) quit: bool,
    /// The background load: progress, documents waiting to be added, keys typed ahead.
    pub(crate) load: super::loader::Load,
    /// The search index of the open documents (for the search and the palette).
    pub(crate) index: super::search::Indexed,
    /// What the search remembers between openings.
    pub(crate) recall: super::search::Recall,
    /// Background jobs (loading, index, search, diff), reporting on the event channel.
    pub(crate) jobs: super::job::Jobs,
    /// A count typed before a movement (`12j`).
    pub(crate) count: Option<usize>,
    /// Notes, reviewed marks, copy, jump list and bookmarks.
    pub(crate) review: super::review::Review,
    /// The across-regions views and template dimming.
    pub(crate) across: super::across::Across,
}

impl App {
    /// Builds the state for a set of documents; `size` is the screen size; background jobs report
    /// on `events`.
    pub(crate) fn new(
        docs: Vec<Loaded>,
        load_errors: Vec<LoadError>,
        settings: Settings,
        size: Rect,
        events: std::sync::mpsc::Sender<super::event::Event>,
    ) -> App {
        let views = vec![DocView::default(); docs.len()];
        let review = super::review::Review::new(settings.notes);
        let mut app = App {
            docs,
            load_errors,
            problems: settings.problems,
            theme: settings.theme,
            keymap: settings.keymap,
            mouse: settings.mouse,
            ascii: settings.ascii,
            debug: settings.debug,
            config_dir: settings.config_dir,
            layers: Default::default(),
            size,
            status: Default::default(),
            quit: false,
            load: Default::default(),
            index: Default::default(),
            recall: Default::default(),
            jobs: super::job::Jobs::new(events),
            count: None,
            review,
            across: Default::default(),
        };
        app.layers.browse.views = views;
        app.layers.browse.doc_rows = doc_rows(&app.docs);
        app.layers.browse.doc_sel =
            app.layers.browse.doc_rows.iter().position(|r| matches!(r, DocRow::Doc(_))).unwrap_or(0);
        if app.docs.is_empty() {
            app.layers.browse.focus = Pane::Documents;
        }
        app.announce_problems();
        app.refresh();
        // The notes, in the background (they show when the store answers).
        super::review::writes::read(&mut app);
        app
    }

    /// Says in the status line that files did not open or settings had problems (unless another
    /// message is showing).
    fn announce_problems(&mut self) {
        if !self.status.is_empty() {
            return;
        }
        self.status.set(match (self.load_errors.len(), self.problems.len()) {
            (0, 0) => None,
            (0, n) => Some(trf(Msg::SettingsProblems, &[&count(n, Noun::Problem)])),
            (n, _) => Some(trf(Msg::FilesNotOpened, &[&count(n, Noun::File)])),
        });
    }

    /// Adds what arrived from the background load since the last call (once per batch of
    /// events, so a burst of documents costs one re-sort). Returns true when anything did.
    pub fn take_arrivals(&mut self) -> bool {
        let (docs, errors) = std::mem::take(&mut self.load.arrived);
        if docs.is_empty() && errors.is_empty() {
            return false;
        }
        self.add(docs, errors);
        true
    }

    /// Adds documents and errors that arrived from a background load. The selected document stays
    /// selected and on the same screen row once the reviewer has moved; until then the first
    /// document in list order is selected and shown.
    pub fn add(&mut self, docs: Vec<Loaded>, errors: Vec<LoadError>) {
        self.load_errors.extend(errors);
        if docs.is_empty() {
            return;
        }
        let prev = self.doc();
        let old_sel = self.layers.browse.doc_sel;
        self.layers.browse.views.resize(self.docs.len() + docs.len(), DocView::default());
        self.docs.extend(docs);
        self.layers.browse.doc_rows = doc_rows(&self.docs);
        let first_doc = || self.layers.browse.doc_rows.iter().position(|r| matches!(r, DocRow::Doc(_))).unwrap_or(0);
        // An untouched first document (the reviewer has not moved yet) gives way to the new first.
        let untouched = |i: usize| {
            let v = &self.layers.browse.views[i];
            old_sel <= 1 && v.sel == 0 && v.scroll == 0 && v.collapsed.is_empty()
        };
        self.layers.browse.doc_sel = match prev {
            Some(i) if !untouched(i) => {
                self.layers.browse.doc_rows.iter().position(|r| *r == DocRow::Doc(i)).unwrap_or_else(first_doc)
            }
            _ => first_doc(),
        };
        // Rows inserted above the selection scroll the list with it.
        self.layers.browse.doc_off = (self.layers.browse.doc_off + self.layers.browse.doc_sel).saturating_sub(old_sel);
        if prev.is_none() && self.layers.browse.focus == Pane::Documents && self.layers.is_empty() {
            self.layers.browse.focus = Pane::Sections;
        }
        self.refresh();
    }

    /// Loading is over: the progress goes and files that did not open are announced, however
    /// early or late the load finished.
    pub fn finish_loading(&mut self) {
        self.take_arrivals();
        self.load.progress = None;
        self.announce_problems();
    }

    /// The selected document's index.
    pub fn doc(&self) -> Option<usize> {
        match self.layers.browse.doc_rows.get(self.layers.browse.doc_sel) {
            Some(DocRow::Doc(i)) => Some(*i),
            _ => None,
        }
    }

    /// The current pane areas.
    pub fn areas(&self) -> Areas {
        layout::areas(self.size, self.layers.browse.focus, self.layers.browse.maximized)
    }

    /// The keymap context for the current mode (the top layer's).
    pub fn context(&self) -> Context {
        super::layer::context(self)
    }

    /// The selected tree row's item.
    pub fn item(&self) -> Option<&Item> {
        let d = self.doc()?;
        self.layers.browse.tree.get(self.layers.browse.views[d].sel).map(|r| &r.item)
    }

    /// Rebuilds derived data (tree rows, laid-out content) and keeps selections and scroll inside
    /// their ranges and visible.
    pub fn refresh(&mut self) {
        let areas = self.areas();
        let list_h = |r: Rect| layout::inner(r).height as usize;
        // Lists scroll with the pane that shows them; hidden panes keep their offsets.
        let dh = list_h(areas.docs);
        if dh > 0 {
            self.layers.browse.doc_off = keep_visible(
                self.layers.browse.doc_sel,
                self.layers.browse.doc_off,
                dh,
                self.layers.browse.doc_rows.len(),
            );
            if dh > 1
                && self.layers.browse.doc_sel > 0
                && matches!(self.layers.browse.doc_rows.get(self.layers.browse.doc_sel - 1), Some(DocRow::Region(..)))
            {
                // Keep the region heading of the selected document in view.
                self.layers.browse.doc_off = self.layers.browse.doc_off.min(self.layers.browse.doc_sel - 1);
            }
        }
        let Some(d) = self.doc() else {
            self.layers.browse.tree.clear();
            self.layers.browse.content = Laid::default();
            return;
        };
        self.layers.browse.tree = tree_rows(&self.docs[d].doc, &self.layers.browse.views[d].collapsed);
        let th = list_h(areas.tree);
        let v = &mut self.layers.browse.views[d];
        v.sel = v.sel.min(self.layers.browse.tree.len().saturating_sub(1));
        if th > 0 {
            v.off = keep_visible(v.sel, v.off, th, self.layers.browse.tree.len());
        }
        let item = self.layers.browse.tree.get(v.sel).map(|r| r.item.clone()).unwrap_or(Item::Overview);
        // Content is laid out for the content pane, or for the widest it may get when hidden.
        let cw = layout::inner(if areas.content.width > 0 { areas.content } else { self.size }).width as usize;
        self.review.sync_doc(&self.docs, d);
        let tints = super::across::dim::tints(self, d, &item);
        let shape = content::Shape { width: cw, raw: self.layers.browse.raw, ascii: self.ascii };
        let key = LaidKey {
            doc: d,
            item,
            shape,
            marks: self.layers.browse.marks.clone(),
            notes: self.review.generation,
            tints,
        };
        if self.layers.browse.content.key.as_ref() != Some(&key) {
            let notes = self.review.content_notes(&key.item);
            let over = content::Over { marks: &key.marks, notes: &notes, tints: &key.tints };
            let l = content::build_marked(&self.docs[d].doc, &key.item, shape, &self.theme, over);
            let (lines, mark_lines, rows, blocks) = (l.lines, l.mark_lines, l.rows, l.blocks);
            self.layers.browse.content = Laid { key: Some(key), lines, mark_lines, rows, blocks };
        }
        let ch = list_h(areas.content).max(1);
        let v = &mut self.layers.browse.views[d];
        v.scroll = v.scroll.min(self.layers.browse.content.lines.len().saturating_sub(ch));
        v.row = v.row.min(self.layers.browse.content.rows.len().saturating_sub(1));
    }

    /// The selected project row of the content's projects table, as an index into the document's
    /// projects; `None` when the content shows no projects table.
    pub fn project_row(&self) -> Option<usize> {
        let d = self.doc()?;
        if self.layers.browse.content.rows.is_empty() {
            return None;
        }
        let Some(Item::Section(path)) = self.item() else { return None };
        let sector = content::section_at(&self.docs[d].doc, path)?.key.strip_prefix("projects.")?;
        let nth = self.layers.browse.views[d].row;
        self.docs[d].doc.projects.iter().enumerate().filter(|(_, p)| p.sector == sector).nth(nth).map(|(i, _)| i)
    }

    /// Rows a page move covers in the focused pane.
    pub fn page(&self) -> usize {
        (layout::inner(self.areas().pane(self.layers.browse.focus)).height as usize).max(1)
    }
}

/// Groups documents by region (regions by name), versions newest first.
pub fn doc_rows(docs: &[Loaded]) -> Vec<DocRow> {
    let mut order: Vec<usize> = (0..docs.len()).collect();
    let date = |i: usize| {
        let m = &docs[i].doc.meta;
        m.version.date.clone().or_else(|| m.approval.as_ref().and_then(|a| a.date.clone())).unwrap_or_default()
    };
    // Keys computed once per document (folding per comparison made every arrival during a
    // background load cost O(n log n) folds).
    order.sort_by_cached_key(|&i| {
        let m = &docs[i].doc.meta;
        (
            crate::text::fold::fold(&m.region.name),
            m.region.key.clone(),
            std::cmp::Reverse(date(i)),
            std::cmp::Reverse(m.version.label.clone()),
            i,
        )
    });
    let mut rows = Vec::new();
    let mut i = 0;
    while i < order.len() {
        let key = &docs[order[i]].doc.meta.region.key;
        let n = order[i..].iter().take_while(|&&j| &docs[j].doc.meta.region.key == key).count();
        rows.push(DocRow::Region(docs[order[i]].doc.meta.region.name.clone(), n));
        rows.extend(order[i..i + n].iter().map(|&j| DocRow::Doc(j)));
        i += n;
    }
    rows
}

/// The visible rows of a document's tree: the overview first, then sections depth-first, skipping
/// the children of collapsed sections.
pub fn tree_rows(doc: &crate::model::Document, collapsed: &HashSet<Vec<usize>>) -> Vec<TreeRow> {
    let mut out = vec![TreeRow { item: Item::Overview, depth: 0, fold: Fold::Leaf }];
    crate::model::visit_sections(&doc.sections, |path, s| {
        let fold = match (s.children.is_empty(), collapsed.contains(path)) {
            (true, _) => Fold::Leaf,
            (false, true) => Fold::Closed,
            (false, false) => Fold::Open,
        };
        out.push(TreeRow { item: Item::Section(path.to_vec()), depth: path.len() - 1, fold });
        fold == Fold::Open
    });
    out
}

pub(crate) use super::list::keep_visible;
