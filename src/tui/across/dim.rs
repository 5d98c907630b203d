//! Template dimming in the content pane (`B`): the selected section's text that most open regions
//! share (by the rule of [`crate::across::sections`]) is drawn in [`Role::Boilerplate`], the
//! region's own text in [`Role::Specific`]. Without colour the two roles still differ by their
//! modifiers (dim against bold underlined).
//!
//! The marking of one (document, section) is kept in a [`Cache`], so moving about the content
//! pane costs nothing; selecting another section marks it once, in time linear in the text of
//! that section in every region.

use crate::across::sections::{SpanKind, boilerplate};
use crate::tui::content::{Item, Tint, section_at};
use crate::tui::state::App;
use crate::tui::theme::Role;

/// The last marking: for which document, section key and columns, and its tints.
#[derive(Debug, Clone, Default)]
pub struct Cache {
    key: Option<(usize, String, Vec<usize>)>,
    /// The tints of that section.
    pub tints: Vec<Tint>,
}

/// Tints of the selected section of document `doc` when dimming is on (empty otherwise, or when
/// fewer than two regions are open).
pub fn tints(app: &mut App, doc: usize, item: &Item) -> Vec<Tint> {
    if !app.across.dim {
        return Vec::new();
    }
    let Item::Section(path) = item else { return Vec::new() };
    let Some(key) = section_at(&app.docs[doc].doc, path).map(|s| s.key.clone()) else { return Vec::new() };
    let cols = super::columns(app);
    let k = (doc, key, cols.clone());
    if app.across.cache.key.as_ref() != Some(&k) {
        let others = super::docs_of(app, &cols);
        let tints = match boilerplate(&app.docs[doc].doc, &k.1, &others) {
            Some(blocks) if others.iter().any(|o| o.meta.region.key != app.docs[doc].doc.meta.region.key) => {
                to_tints(&blocks)
            }
            _ => Vec::new(),
        };
        app.across.cache = Cache { key: Some(k), tints };
    }
    app.across.cache.tints.clone()
}

/// The tints of marked blocks: byte spans become character ranges.
pub fn to_tints(blocks: &[crate::across::sections::MarkedBlock]) -> Vec<Tint> {
    let mut out = Vec::new();
    for (bi, b) in blocks.iter().enumerate() {
        let mut chars = 0;
        let mut at = 0;
        for s in &b.spans {
            let start = chars + b.text[at..s.start].chars().count();
            let end = start + b.text[s.start..s.end].chars().count();
            chars = end;
            at = s.end;
            let role = match s.kind {
                SpanKind::Boilerplate => Role::Boilerplate,
                SpanKind::Specific => Role::Specific,
            };
            out.push(Tint { block: bi, chars: start..end, role });
        }
    }
    out
}
