//! The report key in compare mode: `w` and then `m`, `h` or `d` writes the comparison on screen
//! with its notes and reviewed marks as Markdown, HTML or DOCX ([`crate::report`]) into the
//! current folder, atomically ([`crate::fsutil::write_atomic`]), and says where.

use crate::i18n::{Msg, trf};
use crate::notes::DocRef;
use crate::report::{Format, Input, Labels, Lang, build, render};
use crate::tui::state::App;
use crate::tui::update::Effect;
use std::path::{Path, PathBuf};

/// The format a key after `w` picks: `m` Markdown, `h` HTML, `d` DOCX.
pub fn format_of(c: char) -> Option<Format> {
    match c.to_ascii_lowercase() {
        'm' => Some(Format::Markdown),
        'h' => Some(Format::Html),
        'd' => Some(Format::Docx),
        _ => None,
    }
}

/// The report's file name: `strata-A-vs-B.ext`, each side `region_version` with anything but
/// letters, digits, `.`, `-` and `_` made `_`.
pub fn file_name(a: &DocRef, b: &DocRef, f: Format) -> String {
    let safe = |r: &DocRef| {
        format!("{}_{}", r.region, r.version)
            .chars()
            .map(|c| if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '_' })
            .collect::<String>()
    };
    let ext = match f {
        Format::Markdown => "md",
        Format::Html => "html",
        Format::Docx => "docx",
    };
    format!("strata-{}-vs-{}.{ext}", safe(a), safe(b))
}

/// Writes the report of the comparison on screen into `dir`; returns the file written.
pub fn write_into(app: &mut App, f: Format, dir: &Path) -> Result<PathBuf, String> {
    let c = app.compare.as_ref().ok_or_else(String::new)?;
    let (a, b) = (&app.docs[c.a].doc, &app.docs[c.b].doc);
    app.review.sync_compare(&app.docs, c.a, c.b, &c.diff);
    let empty = crate::notes::Placement::default();
    let notes = app.review.compare_notes().unwrap_or(&empty);
    let input = Input { a, b, diff: &c.diff, notes, reviewed: &app.review.reviewed };
    let lang = match crate::i18n::lang() {
        crate::i18n::Lang::Ru => Lang::Ru,
        crate::i18n::Lang::En => Lang::En,
    };
    let bytes = render(&build(&input), f, Labels::of(lang));
    let path = dir.join(file_name(&DocRef::of(a), &DocRef::of(b), f));
    crate::fsutil::write_atomic(&path, &bytes).map_err(|e| e.to_string())?;
    Ok(path)
}

/// Writes the report into the current folder and says where, or why not.
pub fn write(app: &mut App, f: Format) -> Effect {
    let dir = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let dir = app.review.report_dir.clone().unwrap_or(dir);
    app.message = Some(match write_into(app, f, &dir) {
        Ok(p) => trf(Msg::ReportWritten, &[&crate::text::sanitize::sanitize(&p.display().to_string())]),
        Err(e) => trf(Msg::ReportNotWritten, &[&crate::text::sanitize::sanitize(&e)]),
    });
    Effect::Redraw
}
