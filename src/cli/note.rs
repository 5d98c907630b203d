//! `strata note add|list|rm|edit|export|import|reviewed`: reviewers' notes from the command line.
//!
//! DOC is a JSON file or `REGION@VERSION` (looked up as `strata diff` does). The store is found by
//! [`strata::notes::config`]; any problem with it is an error naming the file, exit 2.
//! All printing of this command and of `strata report` goes through [`emit`].

use super::diff::resolve;
use anyhow::{Context, Result, anyhow, bail};
use serde::Serialize;
use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use strata::compare::align::placed;
use strata::compare::{Options, diff_documents};
use strata::i18n::{Msg, Noun, count, lang, tr, trf};
use strata::load::{LoadSet, Loaded};
use strata::notes::anchor::Anchor;
use strata::notes::review::unreviewed;
use strata::notes::store::{Export, NewNote};
use strata::notes::{DocRef, Note, Pair, Store, config, place_on, progress};
use strata::output::{json, term};
use strata::report::Labels;
use strata::text::sanitize::sanitize;

/// Arguments of `strata note`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: NoteCommand,
    /// Folder in which `REGION@VERSION` names are looked up.
    #[arg(long, global = true)]
    dir: Option<PathBuf>,
}

#[derive(Debug, clap::Subcommand)]
enum NoteCommand {
    /// Add a note to a section (or one block of it) of a document version.
    Add {
        /// The document: a JSON file or `REGION@VERSION`.
        doc: String,
        /// Section key, e.g. `problems.healthcare`.
        section: String,
        /// The note; `-` reads it from standard input.
        text: String,
        /// The block (paragraph, item, project or indicator row) number, 1-based as `strata diff` shows.
        #[arg(long)]
        block: Option<usize>,
    },
    /// List notes, of one document or all.
    List {
        /// The document: a JSON file or `REGION@VERSION`.
        doc: Option<String>,
        /// Print JSON: `[{id, doc: {region, version}, section, block, text, author, created}]`.
        #[arg(long)]
        json: bool,
    },
    /// Delete a note.
    Rm {
        /// The note's id.
        id: i64,
    },
    /// Replace a note's text.
    Edit {
        /// The note's id.
        id: i64,
        /// The new text; `-` reads it from standard input.
        text: String,
    },
    /// Write every note as JSON (to move notes to another host).
    Export {
        /// Output file (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Merge notes exported elsewhere; importing the same file twice changes nothing.
    Import {
        /// The exported JSON file; `-` reads standard input.
        file: PathBuf,
    },
    /// Mark changed sections of a comparison reviewed (or, with no section, show progress).
    Reviewed {
        /// The old document.
        a: String,
        /// The new document.
        b: String,
        /// Section keys to mark.
        sections: Vec<String>,
        /// Remove the marks instead.
        #[arg(long)]
        clear: bool,
    },
}

/// The one place this command and `strata report` write to standard output: through the
/// terminal writer, which sanitises everything ([`strata::output::term`]).
pub(super) fn emit(text: &str) -> Result<()> {
    Ok(term::out(text)?)
}

/// JSON on standard output, terminal-safe and exact ([`strata::output::json`]).
fn emit_json<T: Serialize>(v: &T) -> Result<()> {
    Ok(term::out_json(&json::to_string_pretty(v)?)?)
}

/// One line of document or note text made safe for a terminal (newlines made visible too).
fn line(s: &str) -> String {
    sanitize(s).into_owned()
}

/// Opens the store named by the environment and config for writing.
fn open_store() -> Result<Store> {
    let s = config::settings()?;
    Ok(Store::open_with(&s.db_path(), s.busy_timeout, true)?)
}

/// Opens the store for reading only when it exists (listing and reports do not create one; a
/// store this user may only read is fine).
pub(super) fn existing_store() -> Result<Option<Store>> {
    let s = config::settings()?;
    let path = s.db_path();
    if path.exists() { Ok(Some(Store::open_with(&path, s.busy_timeout, false)?)) } else { Ok(None) }
}

fn read_text(text: &str) -> Result<String> {
    let t = if text == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s).context(tr(Msg::CannotReadNote))?;
        s
    } else {
        text.to_string()
    };
    let t = t.trim_end_matches(['\n', '\r']).to_string();
    if t.trim().is_empty() {
        bail!(tr(Msg::EmptyNote));
    }
    Ok(t)
}

/// A document by name, or (for listing notes of a version not at hand) a literal `REGION@VERSION`.
fn doc_ref(name: &str, dir: Option<&Path>, cat: &mut Option<LoadSet>) -> Result<(DocRef, Option<Loaded>)> {
    match resolve(name, dir, cat) {
        Ok(l) => Ok((DocRef::of(&l.doc), Some(l))),
        Err(e) => match name.split_once('@') {
            Some((r, v)) if !r.is_empty() && !v.is_empty() && !Path::new(name).exists() => {
                Ok((DocRef { region: r.to_string(), version: v.to_string() }, None))
            }
            _ => Err(e),
        },
    }
}

#[derive(Serialize)]
struct JsonNote<'a> {
    id: i64,
    doc: &'a DocRef,
    section: &'a str,
    block: Option<usize>,
    text: &'a str,
    author: &'a str,
    created: &'a str,
}

fn place(n: &Note) -> String {
    match n.block {
        Some(b) => format!("{} [{b}]", line(&n.section)),
        None => line(&n.section),
    }
}

/// Why a note has no place, in the interface language.
fn reason(r: strata::notes::OrphanReason) -> &'static str {
    Labels::of(lang()).reason(r)
}

/// Runs a note command.
pub fn run(args: Args) -> Result<i32> {
    let dir = args.dir.as_deref();
    let mut cat = None;
    match args.command {
        NoteCommand::Add { doc, section, text, block } => {
            let loaded = resolve(&doc, dir, &mut cat)?;
            let d = &loaded.doc;
            let (p, keys) = placed(d);
            let section = super::section_key(&section, &[d], &loaded.origin)?;
            let Some(i) = keys.iter().position(|k| *k == section) else {
                bail!(trf(Msg::NoSectionIn, &[&line(&loaded.origin), &line(&section), &keys.join(", ")]));
            };
            let blocks = &p[i].section.blocks;
            let anchor = match block {
                None => None,
                Some(n) if n >= 1 && n <= blocks.len() => Some(Anchor::of(&blocks[n - 1].text)),
                Some(n) => bail!(trf(
                    Msg::NoSuchBlock,
                    &[&line(&loaded.origin), &section, &count(blocks.len(), Noun::Block), &n]
                )),
            };
            let text = read_text(&text)?;
            let store = open_store()?;
            let author = config::settings()?.author;
            let note =
                store.add(&NewNote { doc: DocRef::of(d), section: section.clone(), block, anchor, text, author })?;
            emit(&format!("{}\n", trf(Msg::NoteAdded, &[&note.id, &line(&note.doc.to_string()), &place(&note)])))?;
        }
        NoteCommand::List { doc, json: as_json } => {
            let (filter, loaded) = match &doc {
                Some(name) => {
                    let (r, l) = doc_ref(name, dir, &mut cat)?;
                    (Some(r), l)
                }
                None => (None, None),
            };
            let notes = match existing_store()? {
                Some(store) => store.list(filter.as_ref())?,
                None => Vec::new(),
            };
            if as_json {
                let rows: Vec<JsonNote> = notes
                    .iter()
                    .map(|n| JsonNote {
                        id: n.id,
                        doc: &n.doc,
                        section: &n.section,
                        block: n.block,
                        text: &n.text,
                        author: &n.author,
                        created: &n.created,
                    })
                    .collect();
                return emit_json(&rows).map(|_| 0);
            }
            // With the document at hand, say which notes lost their place in it.
            let orphans: Vec<(i64, &str)> = loaded
                .as_ref()
                .map(|l| place_on(&notes, &l.doc).orphaned.iter().map(|o| (o.note.id, reason(o.reason))).collect())
                .unwrap_or_default();
            let mut out = String::new();
            for n in &notes {
                out.push_str(&format!(
                    "{:>4}  {}  {}  {}  {}\n",
                    n.id,
                    line(&n.doc.to_string()),
                    place(n),
                    line(&n.author),
                    n.created
                ));
                if let Some((_, why)) = orphans.iter().find(|(id, _)| *id == n.id) {
                    out.push_str(&format!("      {}\n", trf(Msg::Orphaned, &[why])));
                }
                for l in n.text.lines() {
                    out.push_str(&format!("      {}\n", line(l)));
                }
            }
            if notes.is_empty() {
                out.push_str(&format!("{}\n", tr(Msg::NoNotes)));
            }
            emit(&out)?;
        }
        NoteCommand::Rm { id } => {
            if !open_store()?.remove(id)? {
                bail!(trf(Msg::NoNote, &[&id]));
            }
            emit(&format!("{}\n", trf(Msg::NoteDeleted, &[&id])))?;
        }
        NoteCommand::Edit { id, text } => {
            let text = read_text(&text)?;
            if !open_store()?.edit(id, &text)? {
                bail!(trf(Msg::NoNote, &[&id]));
            }
            emit(&format!("{}\n", trf(Msg::NoteEdited, &[&id])))?;
        }
        NoteCommand::Export { output } => {
            let export = match existing_store()? {
                Some(store) => store.export()?,
                None => Export { strata_notes: 1, notes: Vec::new(), deleted: Vec::new() },
            };
            match output {
                Some(p) => {
                    let text = serde_json::to_string_pretty(&export)? + "\n";
                    strata::fsutil::write_atomic(&p, text.as_bytes())?;
                }
                None => emit_json(&export)?,
            }
        }
        NoteCommand::Import { file } => {
            let origin = file.display().to_string();
            let text = if origin == "-" {
                let mut s = String::new();
                std::io::stdin().read_to_string(&mut s).context(tr(Msg::CannotReadStdin))?;
                s
            } else {
                std::fs::read_to_string(&file)
                    .map_err(|e| anyhow!(trf(Msg::CannotRead, &[&origin, &strata::i18n::os_error(&e)])))?
            };
            let ex: Export = serde_json::from_str(&text)
                .map_err(|e| anyhow!(trf(Msg::NotAnExport, &[&origin, &e.line(), &e.column(), &e])))?;
            if ex.strata_notes != 1 {
                bail!(trf(Msg::ExportFormat, &[&origin, &ex.strata_notes]));
            }
            let c = open_store()?.import(&ex)?;
            emit(&format!("{}\n", trf(Msg::Imported, &[&c.added, &c.updated, &c.unchanged, &c.deleted])))?;
        }
        NoteCommand::Reviewed { a, b, sections, clear } => {
            let la = resolve(&a, dir, &mut cat)?;
            let lb = resolve(&b, dir, &mut cat)?;
            let diff = diff_documents(&la.doc, &lb.doc, &Options::default());
            let pair = Pair::of(&la.doc, &lb.doc);
            let store = open_store()?;
            let author = config::settings()?.author;
            for s in &sections {
                if !diff.sections.iter().any(|d| d.key == *s && d.is_change()) {
                    let changed: Vec<&str> =
                        diff.sections.iter().filter(|d| d.is_change()).map(|d| d.key.as_str()).collect();
                    bail!(trf(Msg::NotChangedSection, &[&line(s), &changed.join(", ")]));
                }
                store.set_reviewed(&pair, s, &author, !clear)?;
            }
            let marks: BTreeSet<String> = store.reviewed(&pair)?;
            let p = progress(&diff, &marks);
            let mut out = format!("{}\n", Labels::of(lang()).progress(p.reviewed, p.changed));
            for k in unreviewed(&diff, &marks) {
                out.push_str(&format!("  {}\n", trf(Msg::NotReviewed, &[&line(k)])));
            }
            emit(&out)?;
        }
    }
    Ok(0)
}
