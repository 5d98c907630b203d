//! The report key in compare mode: `w` and then `m`, `h` or `d` writes the comparison on screen
//! with its notes and reviewed marks as Markdown, HTML or DOCX ([`crate::report`]) into the
//! current folder, atomically ([`crate::fsutil::write_atomic`]), in the background, and says
//! where.

use crate::i18n::{Msg, tr, trf};
use crate::model::Document;
use crate::report::{Format, Input, Labels, Lang, build, render};
use crate::tui::job::{Kind, Output};
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

/// The report's file name: `strata-A-vs-B.ext`, each side `region_date` (the version's label
/// when it has no date), anything but letters, digits, `.`, `-` and `_` made `_`.
pub fn file_name(a: &Document, b: &Document, f: Format) -> String {
    let safe = |d: &Document| {
        let v = &d.meta.version;
        format!("{}_{}", d.meta.region.key, v.date.as_deref().unwrap_or(&v.label))
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

/// Starts writing the report of the comparison on screen into `dir`: the report is gathered
/// here (documents, diff, notes, reviewed marks as they are now), rendered and written in the
/// background ([`Kind::Report`]), so a large DOCX or a slow folder never holds the screen.
/// `Err` with why nothing was started.
fn start(app: &mut App, f: Format, dir: &Path) -> Result<PathBuf, String> {
    let c = app.layers.compare.on().ok_or_else(String::new)?;
    let (ia, ib) = c.pair();
    let (a, b) = (&app.docs[ia].doc, &app.docs[ib].doc);
    app.review.sync_compare(&app.docs, ia, ib, c.diff());
    if !app.review.reviewed_ready(ia, ib) {
        return Err(tr(Msg::ReviewedStillReading).into());
    }
    let empty = crate::notes::Placement::default();
    let notes = app.review.compare_notes().unwrap_or(&empty);
    let input = Input { a, b, diff: c.diff(), notes, reviewed: &app.review.reviewed };
    let lang = match crate::i18n::lang() {
        crate::i18n::Lang::Ru => Lang::Ru,
        crate::i18n::Lang::En => Lang::En,
    };
    let report = build(&input);
    let path = dir.join(file_name(a, b, f));
    let to = path.clone();
    app.jobs.start(Kind::Report, move |ctx| {
        let bytes = render(&report, f, &Labels::of(lang));
        let written = crate::fsutil::write_atomic(&to, &bytes).map(|()| to).map_err(|e| e.to_string());
        ctx.send(Output::Report(written));
    });
    Ok(path)
}

/// Writes the report into the current folder (in the background); the status line says it is
/// being written, then where, or why not ([`written`]).
pub fn write(app: &mut App, f: Format) -> Effect {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let dir = app.review.report_dir.clone().unwrap_or(cwd);
    let m = match start(app, f, &dir) {
        Ok(_) => tr(Msg::ReportWriting).to_string(),
        Err(e) => trf(Msg::ReportNotWritten, &[&crate::text::sanitize::sanitize(&e)]),
    };
    app.status.say(m);
    Effect::Redraw
}

/// The report job's answer: the file written (named from the current folder when it is in it,
/// else by its whole path) or why not.
pub(crate) fn written(app: &mut App, r: Result<PathBuf, String>) -> Effect {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let m = match r {
        Ok(p) => {
            let shown = match p.strip_prefix(&cwd) {
                Ok(rel) => Path::new(".").join(rel),
                Err(_) => p,
            };
            trf(Msg::ReportWritten, &[&crate::text::sanitize::sanitize(&shown.display().to_string())])
        }
        Err(e) => trf(Msg::ReportNotWritten, &[&crate::text::sanitize::sanitize(&e)]),
    };
    app.status.say(m);
    Effect::Redraw
}
