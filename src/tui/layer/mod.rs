//! The layer stack: every mode of the UI is a [`Component`] that owns its state, names its
//! keymap context, handles the events it cares about and draws itself (in the manner of helix's
//! compositor and gitui's components).
//!
//! [`crate::tui::state::App`] holds the documents, the settings and a [`Stack`], bottom to top:
//! - the browse view ([`Stack::browse`], a [`browse::Browse`]: focus, document and section
//!   selections, folding, scroll, laid-out content);
//! - compare mode ([`Stack::compare`], a [`compare::CompareMode`]: the A/B marks, the diff job,
//!   the compare tree and diff), always there, drawing over the tree and content panes while on;
//! - the overlays pushed over them (help, problem list, search, palette, project card, notes,
//!   the across views, and whatever comes next).
//!
//! Drawing goes bottom to top; keys, pastes, clicks and job results go to the top layer first
//! and fall through to the layers below while they are ignored. How far they fall is the layer's
//! [`Cover`]:
//! - **modal** (every overlay): the layers under it are *covered*; they still see what falls
//!   through, but the browse view then takes only the app-wide actions (quit, suspend, redraw,
//!   mouse) and compare mode nothing, so overlays are modal without each repeating those;
//! - **transparent** (compare mode): the layers under it are not covered; what it ignores goes
//!   on to them as if it were not there, except that keys are looked up in *its* context (so in
//!   compare mode `R` stays unbound, as the compare table says, rather than the section tree's).
//!
//! # Writing a component
//!
//! ```ignore
//! pub(crate) struct Notes { list: Cursor, rows: Vec<Row> }
//!
//! impl Component for Notes {
//!     fn name(&self) -> &'static str { "notes" }
//!     fn context(&self, _app: &App) -> Context { Context::Overlay }  // or a new Context
//!     fn place(&self, _app: &App) -> &'static str { tr(Msg::NotesPlace) }
//!     fn action(&mut self, app: &mut App, a: Action) -> Outcome {
//!         match a {
//!             Action::Close => Outcome::close(),
//!             Action::Open => Outcome::redraw().request(Request::Open(Opening::section(d, item))),
//!             a => match Move::of(a, self.page(app), app.count.unwrap_or(1)) {
//!                 Some(m) => Outcome::moved(self.list.select(m, self.rows.len(), self.page(app))),
//!                 None => Outcome::ignored(),
//!             },
//!         }
//!     }
//!     fn draw(&self, app: &App, screen: Rect, buf: &mut Buffer) { /* into screen or a part */ }
//! }
//! ```
//!
//! 1. State lives in the component's struct, built from `&App` when it opens (`Notes::new(app)`).
//!    Anything whose size depends on the screen or the documents (laid-out lines, a list's
//!    height) is rebuilt in [`Component::relayout`], which the stack calls on every resize, after
//!    documents arrive, after each key and when the component is pushed; so the component always
//!    knows its own content size and never asks the view. Lists keep a [`crate::tui::list::Cursor`],
//!    scrolled text a [`crate::tui::list::Scroll`] (or a whole [`text::Text`], as help and the
//!    card do), moved by [`crate::tui::list::Move`].
//! 2. Keys: give it a [`Context`] (add a variant to `keymap::Context`, a table in
//!    `themes/keys.default.toml`, a heading in the i18n catalogue) and return it from
//!    [`Component::context`]. The stack looks each key up in that context (as text input when
//!    [`Context::is_input`], so letters type) and calls [`Component::action`]; keys not bound
//!    there go to [`Component::key`] (text input takes characters here). Help and the status
//!    hints come from the same table. Counts (`12j`) are in `app.count` during the call.
//! 3. Push it: from a key of the browse view or another layer, return
//!    `Outcome::redraw().push(Notes::new(app))`; it closes itself with [`Outcome::close`]. To
//!    show a document's section (closing every layer above the browse view), request
//!    [`Request::Open`] rather than calling `update::open`: during its own call a component is
//!    off the stack, so only requests reach it. A key of the panes that opens a component is an
//!    arm in [`browse::Browse`]'s `action`. A message for the status line is said with
//!    `app.status.say(..)`; how long it lasts is [`crate::tui::status`]'s rule, not the caller's.
//! 4. Background work: start a job through `app.jobs` ([`crate::tui::job`]; a new kind of work
//!    adds a `job::Kind` and an `Output` variant); its output comes to [`Component::job`], top
//!    layer first (take it out of the `Option` when it is yours; what nobody takes reaches the
//!    browse view).
//! 5. Draw with the theme's roles (`app.theme`), honouring `app.ascii`; overlays use
//!    [`crate::tui::view::overlay_area`] and `view::text_overlay` for scrolled text.
//! 6. Test through [`crate::tui::testing::Harness`]: keys in, screens and [`Harness::layers`]
//!    out.
//!
//! The trait grows only by methods with defaults, so components written against it keep
//! compiling.
//!
//! [`Harness::layers`]: crate::tui::testing::Harness::layers

pub(crate) mod browse;
pub(crate) mod card;
pub(crate) mod compare;
pub(crate) mod help;
pub(crate) mod problems;
pub(crate) mod text;

use super::action::Action;
use super::content::{Item, Mark};
use super::job::Accepted;
use super::keymap::{Context, Key};
use super::state::App;
use super::update::{self, Effect};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// How a layer stands over the layers under it (see the module doc).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cover {
    /// The layers under it are covered: the browse view takes only app-wide actions.
    Modal,
    /// What it ignores goes on to the layers under it, keys looked up in its context.
    Transparent,
}

/// One mode of the UI on the layer stack: owns its state, keys, update and drawing.
pub(crate) trait Component {
    /// A short stable name (`"help"`, `"search"`), for tests and debugging.
    fn name(&self) -> &'static str;

    /// How it stands over the layers under it. Modal by default.
    fn cover(&self) -> Cover {
        Cover::Modal
    }

    /// The keymap context its keys are looked up in.
    fn context(&self, app: &App) -> Context;

    /// What the status line calls the place the reviewer is in.
    fn place(&self, app: &App) -> &'static str;

    /// An action a key is bound to in [`Component::context`].
    fn action(&mut self, app: &mut App, a: Action) -> Outcome;

    /// A key not bound in the context (or whose action was ignored): text input takes characters
    /// here. Ignored by default.
    fn key(&mut self, _app: &mut App, _key: Key) -> Outcome {
        Outcome::ignored()
    }

    /// Pasted text (bracketed paste, already bounded). Ignored by default.
    fn paste(&mut self, _app: &mut App, _text: &str) -> Outcome {
        Outcome::ignored()
    }

    /// A mouse click at a screen cell. By default ignored, and a layer over the browse view that
    /// ignores a click is closed by it.
    fn click(&mut self, _app: &mut App, _col: u16, _row: u16) -> Outcome {
        Outcome::ignored()
    }

    /// A background job's report. A component that wants it takes it (`news.take()`); what is
    /// left goes on to the layers below. Ignored by default.
    fn job(&mut self, _app: &mut App, _news: &mut Option<Accepted>) -> Outcome {
        Outcome::ignored()
    }

    /// Once after each batch of events (a burst of typing is searched once, here). Nothing by
    /// default.
    fn after_batch(&mut self, _app: &mut App) -> Outcome {
        Outcome::ignored()
    }

    /// Lays the component's content out again for the current screen size and documents (called
    /// after resizes and arrivals, and when the component is pushed). Nothing by default.
    fn relayout(&mut self, _app: &App) {}

    /// Draws into `buf`; `screen` is the whole screen (an overlay picks its own part of it).
    fn draw(&self, app: &App, screen: Rect, buf: &mut Buffer);

    /// The component itself, for tests that look at its state through
    /// [`crate::tui::testing::Harness::top`] (return `Some(self)`). `None` by default.
    #[cfg_attr(not(test), allow(dead_code))]
    fn as_any(&self) -> Option<&dyn std::any::Any> {
        None
    }

    /// The same, to change its state in a test ([`crate::tui::testing::Harness::top_mut`]).
    #[cfg_attr(not(test), allow(dead_code))]
    fn as_any_mut(&mut self) -> Option<&mut dyn std::any::Any> {
        None
    }
}

/// What a component did with an event.
#[must_use]
pub(crate) struct Outcome {
    /// True when the event was the component's (it goes no further down the stack).
    pub(crate) consumed: bool,
    /// What the terminal loop must do.
    pub(crate) effect: Effect,
    /// Changes to the stack and the browse view, applied in order after the call.
    pub(crate) requests: Vec<Request>,
}

impl Outcome {
    /// Not this component's: the event goes on to the layer below.
    pub(crate) fn ignored() -> Outcome {
        Outcome { consumed: false, effect: Effect::None, requests: Vec::new() }
    }

    /// Taken, with this effect.
    pub(crate) fn consumed(effect: Effect) -> Outcome {
        Outcome { consumed: true, effect, requests: Vec::new() }
    }

    /// Taken, and the screen changed.
    pub(crate) fn redraw() -> Outcome {
        Outcome::consumed(Effect::Redraw)
    }

    /// Taken; the screen changed when `changed` (a movement that stopped at an end changes
    /// nothing).
    pub(crate) fn moved(changed: bool) -> Outcome {
        Outcome::consumed(if changed { Effect::Redraw } else { Effect::None })
    }

    /// Taken, and the component closes (leaves the stack).
    pub(crate) fn close() -> Outcome {
        Outcome::redraw().request(Request::Close)
    }

    /// Adds a request.
    pub(crate) fn request(mut self, r: Request) -> Outcome {
        self.requests.push(r);
        self
    }

    /// Pushes a component on top of the stack (after this one's other requests).
    pub(crate) fn push(self, c: impl Component + 'static) -> Outcome {
        self.request(Request::Push(Box::new(c)))
    }
}

/// A change a component asks of the stack or the browse view.
pub(crate) enum Request {
    /// Push this component on top.
    Push(Box<dyn Component>),
    /// Remove the component that asked (the browse view at the bottom stays).
    Close,
    /// Open a document's section in the browse view, closing every layer above it.
    Open(Opening),
}

/// A section to open in the browse view (see [`Request::Open`]). Build it with
/// [`Opening::section`] and the methods after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Opening {
    /// The document.
    pub(crate) doc: usize,
    /// The section (or the overview).
    pub(crate) item: Item,
    /// Stretches of its text to highlight (`n`/`N` move between them).
    pub(crate) marks: Vec<Mark>,
    /// The text block to scroll to first, when it holds a mark.
    pub(crate) block: Option<usize>,
}

impl Opening {
    /// A document's section, nothing highlighted.
    pub(crate) fn section(doc: usize, item: Item) -> Opening {
        Opening { doc, item, marks: Vec::new(), block: None }
    }

    /// With these highlights.
    pub(crate) fn marks(mut self, marks: Vec<Mark>) -> Opening {
        self.marks = marks;
        self
    }

    /// Scrolled to the first highlight in this text block.
    pub(crate) fn at_block(mut self, block: Option<usize>) -> Opening {
        self.block = block;
        self
    }
}

/// The browse view at the bottom, compare mode over it, and the overlays on top.
#[derive(Default)]
pub(crate) struct Stack {
    /// The browse view's state (always there, under every layer).
    pub(crate) browse: browse::Browse,
    /// Compare mode (always there, transparent; on while it shows a diff).
    pub(crate) compare: compare::CompareMode,
    layers: Vec<Box<dyn Component>>,
}

impl std::fmt::Debug for Stack {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.layers.iter().map(|l| l.name())).finish()
    }
}

impl Stack {
    /// True when no overlay is open (compare mode may be on).
    pub(crate) fn is_empty(&self) -> bool {
        self.layers.is_empty()
    }

    /// True when a modal layer stands over the browse view and compare mode (see [`Cover`]).
    pub(crate) fn covered(&self) -> bool {
        self.layers.iter().any(|l| l.cover() == Cover::Modal)
    }

    /// The names of the layers on screen, bottom to top: the browse view, compare mode while
    /// on, the overlays.
    pub(crate) fn names(&self) -> Vec<&'static str> {
        let compare = self.compare.on().map(|_| self.compare.name());
        std::iter::once(browse::BrowseLayer.name()).chain(compare).chain(self.layers.iter().map(|l| l.name())).collect()
    }

    /// The top layer over the browse view, if any.
    pub(crate) fn top(&self) -> Option<&dyn Component> {
        self.layers.last().map(|b| b.as_ref())
    }

    /// The top layer over the browse view, to change (tests).
    #[cfg(test)]
    pub(crate) fn top_mut(&mut self) -> Option<&mut (dyn Component + 'static)> {
        self.layers.last_mut().map(|b| b.as_mut())
    }

    /// Closes every layer over the browse view.
    pub(crate) fn clear(&mut self) {
        self.layers.clear();
    }

    /// Draws the layers over the browse view, bottom to top.
    pub(crate) fn draw(&self, app: &App, screen: Rect, buf: &mut Buffer) {
        self.compare.draw(app, screen, buf);
        for l in &self.layers {
            l.draw(app, screen, buf);
        }
    }
}

/// Pushes a component on the stack (laid out for the current screen first).
pub(crate) fn push(app: &mut App, mut c: Box<dyn Component>) {
    c.relayout(app);
    app.layers.layers.push(c);
}

/// The keymap context of the top layer (compare mode's when no overlay is open: it names the
/// browse view's pane context while off).
pub(crate) fn context(app: &App) -> Context {
    match app.layers.top() {
        Some(l) => l.context(app),
        None => app.layers.compare.context(app),
    }
}

/// What the status line calls the place the reviewer is in (the top layer's).
pub(crate) fn place(app: &App) -> &'static str {
    match app.layers.top() {
        Some(l) => l.place(app),
        None => app.layers.compare.place(app),
    }
}

/// Where an event is in its fall down the stack.
#[derive(Debug, Clone, Copy)]
struct Fall {
    /// The keymap context keys are looked up in: the layer's own, or the context of the
    /// transparent layer above it.
    context: Context,
}

/// Offers an event to the overlays from the top down, then to compare mode, then to the browse
/// view, until one takes it; applies the requests of each layer that answered. `call` gets the
/// layer and its [`Fall`].
fn dispatch(app: &mut App, mut call: impl FnMut(&mut dyn Component, &mut App, Fall) -> Outcome) -> Effect {
    let mut effect = Effect::None;
    // The context a transparent layer passes down with what it lets through.
    let mut through: Option<Context> = None;
    let mut i = app.layers.layers.len();
    while i > 0 {
        i -= 1;
        if i >= app.layers.layers.len() {
            // An earlier answer closed layers.
            continue;
        }
        // Taken out during the call, so that it can have the whole App.
        let mut layer = app.layers.layers.remove(i);
        let fall = Fall { context: through.unwrap_or_else(|| layer.context(app)) };
        let out = call(layer.as_mut(), app, fall);
        through = (layer.cover() == Cover::Transparent).then_some(fall.context);
        let at = i.min(app.layers.layers.len());
        app.layers.layers.insert(at, layer);
        effect = update::merge(effect, out.effect);
        effect = update::merge(effect, apply(app, at, out.requests));
        if out.consumed {
            return effect;
        }
    }
    // Compare mode, taken out of its slot during the call in the same way.
    let mut compare = std::mem::take(&mut app.layers.compare);
    let fall = Fall { context: through.unwrap_or_else(|| compare.context(app)) };
    let out = call(&mut compare, app, fall);
    app.layers.compare = compare;
    effect = update::merge(effect, out.effect);
    effect = update::merge(effect, apply(app, usize::MAX, out.requests));
    if out.consumed {
        return effect;
    }
    // Compare mode is transparent: the browse view sees keys in its context.
    let out = call(&mut browse::BrowseLayer, app, fall);
    effect = update::merge(effect, out.effect);
    update::merge(effect, apply(app, usize::MAX, out.requests))
}

/// Applies a layer's requests; `at` is its index (`usize::MAX` for the browse view).
fn apply(app: &mut App, at: usize, requests: Vec<Request>) -> Effect {
    let mut effect = Effect::None;
    for r in requests {
        match r {
            Request::Push(c) => {
                push(app, c);
                effect = update::merge(effect, Effect::Redraw);
            }
            Request::Close => {
                if at < app.layers.layers.len() {
                    app.layers.layers.remove(at);
                    effect = update::merge(effect, Effect::Redraw);
                }
            }
            Request::Open(o) => effect = update::merge(effect, update::open_at(app, o)),
        }
    }
    effect
}

/// A key: looked up in each layer's context from the top down, the action (or else the key)
/// offered to the layer. The status message lasts by [`crate::tui::status`]'s rule.
pub(crate) fn key(app: &mut App, k: Key) -> Effect {
    let before = app.status.begin();
    let e = dispatch(app, |layer, app, fall| {
        let ctx = fall.context;
        let action = if ctx.is_input() { app.keymap.lookup_input(ctx, k) } else { app.keymap.lookup(ctx, k) };
        if let Some(a) = action {
            let out = layer.action(app, a);
            if out.consumed {
                return out;
            }
        }
        layer.key(app, k)
    });
    finish(app, before, e)
}

/// An action (the mouse wheel's), as if a key bound to it was pressed.
pub(crate) fn action(app: &mut App, a: Action) -> Effect {
    let before = app.status.begin();
    let e = dispatch(app, |layer, app, _| layer.action(app, a));
    finish(app, before, e)
}

fn finish(app: &mut App, before: crate::tui::status::Before, e: Effect) -> Effect {
    app.status.end(before, e != Effect::None);
    derive(app);
    e
}

/// The one place derived state is rebuilt after an event (keys, actions, pastes, clicks; job
/// reports at the end of their batch): the browse view's rows and content
/// ([`App::refresh`]), then every layer's layout. Updates change state and leave this to it;
/// they call [`App::refresh`] themselves only to read derived state in the middle of a step.
pub(crate) fn derive(app: &mut App) {
    app.refresh();
    relayout(app);
}

/// Pasted text.
pub(crate) fn paste(app: &mut App, text: &str) -> Effect {
    let e = dispatch(app, |layer, app, _| layer.paste(app, text));
    derive(app);
    e
}

/// A click: to the top overlay, and an overlay that ignores it closes; without overlays, to
/// compare mode and then the browse view.
pub(crate) fn click(app: &mut App, col: u16, row: u16) -> Effect {
    let e = match app.layers.layers.pop() {
        None => dispatch(app, |layer, app, _| layer.click(app, col, row)),
        Some(mut top) => {
            let out = top.click(app, col, row);
            app.layers.layers.push(top);
            let at = app.layers.layers.len() - 1;
            if out.consumed {
                update::merge(out.effect, apply(app, at, out.requests))
            } else {
                app.layers.layers.pop();
                Effect::Redraw
            }
        }
    };
    derive(app);
    e
}

/// A background job's report, offered from the top down.
pub(crate) fn job(app: &mut App, news: Accepted) -> Effect {
    let mut news = Some(news);
    dispatch(app, |layer, app, _| {
        let out = layer.job(app, &mut news);
        if news.is_none() { Outcome { consumed: true, ..out } } else { out }
    })
}

/// The end of a batch of events: the documents that arrived in it are added (one re-sort for
/// the batch, before anything else sees them), then every layer's [`Component::after_batch`].
pub(crate) fn after_batch(app: &mut App) -> Effect {
    let arrived = if app.take_arrivals() { Effect::Redraw } else { Effect::None };
    let e = dispatch(app, |layer, app, _| Outcome { consumed: false, ..layer.after_batch(app) });
    derive(app);
    // What the screen now wants from the notes store (a comparison's reviewed marks) is read.
    crate::tui::review::writes::start_next(app);
    update::merge(arrived, e)
}

/// Lays every layer out again (after a key, a resize or arrivals): compare mode, then the
/// overlays.
pub(crate) fn relayout(app: &mut App) {
    let mut compare = std::mem::take(&mut app.layers.compare);
    compare.refresh(app);
    app.layers.compare = compare;
    let mut layers = std::mem::take(&mut app.layers.layers);
    for l in &mut layers {
        l.relayout(app);
    }
    // Nothing can push while laying out, but keep what might have been.
    layers.append(&mut app.layers.layers);
    app.layers.layers = layers;
}
