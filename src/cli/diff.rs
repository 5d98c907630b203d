//! `strata diff A B [--section KEY] [--format ...] [--color ...] [--ignore-case] [--ignore-punct] [--ocr]`.
//!
//! Punctuation is ignored by default when either document is flattened text (`--keep-punct` to
//! compare it). Two different regions read as a comparison: blocks neither side pairs are shown
//! side by side under both regions' names, not as a deletion and an insertion.
//!
//! A and B are JSON files or `REGION@VERSION` names looked up in a folder (`--dir`, else the
//! current folder's JSON files, else the bundled samples). Exit status as diff(1): 0 when the
//! documents are equal, 1 when they differ, 2 on error.

use anyhow::{Result, anyhow, bail};
use clap::ValueEnum;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use strata::compare::render::{Format, RenderOptions, render_to};
use strata::compare::{Options, diff_documents, diff_section, section_keys};
use strata::i18n::{Msg, Noun, count, tr, trf};
use strata::load::{LoadSet, Loaded, load_bundled, load_file, load_paths};
use strata::output::term;
use strata::text::fold::fold;

/// Output format.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    Unified,
    Side,
    Stat,
    Json,
    Markdown,
}

/// When to colour the output.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

/// Arguments of `strata diff`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The old document: a JSON file or `REGION@VERSION` (e.g. `ivanovo@2021-08-20`).
    a: String,
    /// The new document, as A.
    b: String,
    /// Compare only this section and its sub-sections: a key (`problems.healthcare`) or a Russian
    /// name where unambiguous («проблемы здравоохранение»).
    #[arg(long)]
    section: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "unified")]
    format: FormatArg,
    /// Colour: auto (when stdout is a terminal and NO_COLOR is unset), always or never.
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorArg,
    /// Ignore letter case and ё/е.
    #[arg(long)]
    ignore_case: bool,
    /// Ignore punctuation (the default when either document is flattened text, which lost it).
    #[arg(long)]
    ignore_punct: bool,
    /// Compare punctuation even when a document is flattened text.
    #[arg(long, conflicts_with = "ignore_punct")]
    keep_punct: bool,
    /// OCR-tolerant comparison: also ignore stopwords, й/и and Latin look-alike letters.
    #[arg(long)]
    ocr: bool,
    /// Folder in which `REGION@VERSION` names are looked up.
    #[arg(long)]
    dir: Option<PathBuf>,
    /// Output width in columns, 1 to 1000 (default: the terminal's, or 100 when not a terminal).
    #[arg(long, value_parser = super::in_range::<1, 1000>)]
    width: Option<usize>,
}

/// Runs the comparison and prints it; returns 0 when equal, 1 when different.
pub fn run(args: Args) -> Result<i32> {
    let (a, b, cached_key) =
        if let Some((a, b, key)) = args.section.as_deref().and_then(|s| cached_section(&args.a, &args.b, s)) {
            (a, b, Some(key))
        } else if Path::new(&args.a).is_file() && Path::new(&args.b).is_file() {
            match (cached_whole(&args.a), cached_whole(&args.b)) {
                (Some(a), Some(b)) => (a, b, None),
                (Some(a), None) => (a, resolve(&args.b, None, &mut None)?, None),
                (None, Some(b)) => (resolve(&args.a, None, &mut None)?, b, None),
                // Two files to read and parse: side by side.
                (None, None) => std::thread::scope(|sc| {
                    let b = sc.spawn(|| resolve(&args.b, None, &mut None));
                    let a = resolve(&args.a, None, &mut None);
                    let b = b.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
                    Ok::<_, anyhow::Error>((a?, b?, None))
                })?,
            }
        } else {
            let mut catalogue: Option<LoadSet> = None;
            let a = resolve(&args.a, args.dir.as_deref(), &mut catalogue)?;
            (a, resolve(&args.b, args.dir.as_deref(), &mut catalogue)?, None)
        };
    // Every format shows changes only: rows of equal blocks need no copy of their texts. One
    // thread: a second one shortens the wait but costs more CPU in all.
    let mut opts = Options { same_texts: false, parallel: false, ..Options::default() };
    opts.norm.ignore_case = args.ignore_case;
    opts.norm.ignore_punct =
        args.ignore_punct || (!args.keep_punct && strata::across::ignore_punct_by_default(&a.doc, &b.doc));
    opts.norm.ocr = args.ocr;
    let section = match cached_key {
        Some(key) => Some(key),
        None => args.section.as_deref().map(|s| super::section_key(s, &[&a.doc, &b.doc], &a.origin)).transpose()?,
    };
    let d = match &section {
        None => diff_documents(&a.doc, &b.doc, &opts),
        Some(key) => match diff_section(&a.doc, &b.doc, key, &opts) {
            Some(d) => d,
            None => {
                let keys = section_keys(&a.doc, &b.doc);
                bail!(trf(Msg::NoSectionInEither, &[key, &a.origin, &b.origin, &keys.join(", ")]));
            }
        },
    };
    let stdout = std::io::stdout();
    let tty = stdout.is_terminal();
    let color = match args.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => {
            tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var("TERM").is_ok_and(|t| t != "dumb")
        }
    };
    let width = args
        .width
        .or_else(|| tty.then(|| crossterm::terminal::size().ok().map(|(w, _)| w as usize)).flatten())
        .unwrap_or(100);
    let format = match args.format {
        FormatArg::Unified => Format::Unified,
        FormatArg::Side => Format::Side,
        FormatArg::Stat => Format::Stat,
        FormatArg::Json => Format::Json,
        FormatArg::Markdown => Format::Markdown,
    };
    // Sanitised once, as it is rendered, and written out a section or so at a time as it is.
    let mut lock = stdout.lock();
    render_to(&d, &RenderOptions { format, color, width }, &mut lock)?;
    std::io::Write::flush(&mut lock)?;
    let code = if d.is_equal() { 0 } else { 1 };
    // The process ends here: freeing the documents and the diff (hundreds of thousands of small
    // allocations) one by one would cost more than the kernel's teardown of the heap.
    std::mem::forget((a, b, d));
    Ok(code)
}

/// The JSON file `name` from the binary cache, as [`load_file`] opens it, but with its texts
/// borrowed from the cache entry's mapping, kept until the process exits, not copied into the
/// heap: decoding an entry then costs its checks and little more (README, "Diff", speed). `None`
/// when it is not cached (or the entry does not decode): [`resolve`] reads it.
fn cached_whole(name: &str) -> Option<Loaded> {
    use strata::read::cache::{Identity, JsonEntry};
    let path = Path::new(name);
    let entry = JsonEntry::get(path, &Identity::of(path)?, &strata::read::open::options())?;
    Some(Loaded { origin: path.display().to_string(), doc: entry.into_static_document()?.into() })
}

/// Two JSON files both in the binary cache, decoded with only what `--section` compares: every
/// section's key, title and place, the blocks of the sections under the key, and the projects or
/// indicators when the key is theirs; with the resolved key. `None` (read them whole) when either
/// is not cached or the section name does not resolve (the whole documents give the message).
/// The entries stay mapped until the process ends, as `run` leaves the documents: the texts
/// are borrowed from them, and unmapping them would cost two `munmap`s with their TLB flushes
/// just before the exit unmaps all.
fn cached_section(a: &str, b: &str, section: &str) -> Option<(Loaded, Loaded, String)> {
    use strata::read::cache::{Identity, JsonEntry, binary::Parts};
    let opts = strata::read::open::options();
    // Without the heads' card, glossary, legal basis, sectors and warnings: no comparison reads them.
    let outline = |name| {
        let path = Path::new(name);
        JsonEntry::get(path, &Identity::of(path)?, &opts)?.into_static_outline(false)
    };
    let (sa, sb) = (outline(a)?, outline(b)?);
    let key = super::section_key(section, &[sa.document(), sb.document()], a).ok()?;
    // Blocks of every section whose key starts with the chosen one's (without a `#n` repeat
    // mark): a superset of what the comparison's scope holds.
    let base = key.split('#').next().unwrap_or(&key);
    let parts = Parts {
        blocks: &|k| k.starts_with(base),
        projects: key.starts_with("projects") || key.starts_with("indicators"),
        indicators: key.starts_with("indicators"),
    };
    // Only the parts under the key are decoded into the outlines.
    let loaded = |name: &str, doc: strata::model::Document| Loaded { origin: name.to_string(), doc: doc.into() };
    Some((loaded(a, sa.fill(parts)?), loaded(b, sb.fill(parts)?), key))
}

/// The documents `REGION@VERSION` names are looked up in: `dir`, else the current folder's own
/// JSON files (not its sub-folders), else the bundled samples.
pub(super) fn default_catalogue(dir: Option<&Path>) -> LoadSet {
    match dir {
        Some(d) => load_paths(&[d.to_path_buf()]),
        None => {
            let mut files: Vec<PathBuf> = std::fs::read_dir(".")
                .map(|rd| {
                    rd.filter_map(|e| e.ok())
                        .map(|e| e.path())
                        .filter(|p| p.extension().is_some_and(|x| x == "json"))
                        .collect()
                })
                .unwrap_or_default();
            files.sort();
            let set = load_paths(&files);
            if set.docs.is_empty() { load_bundled() } else { set }
        }
    }
}

/// Opens a document given as a path or as `REGION[@VERSION]` (looked up in `catalogue`, which is
/// filled from `dir` when empty).
pub(super) fn resolve(name: &str, dir: Option<&Path>, catalogue: &mut Option<LoadSet>) -> Result<Loaded> {
    let path = Path::new(name);
    let looks_like_path = name.ends_with(".json") || name.contains(std::path::MAIN_SEPARATOR);
    // Anything there that is not a folder (a FIFO, a device) is opened as a file, so that it is
    // refused with its file type named.
    if path.exists() && (looks_like_path || !path.is_dir()) {
        return load_file(path).map_err(|e| anyhow!("{e}"));
    }
    if looks_like_path {
        bail!(trf(Msg::NoSuchFile, &[&name]));
    }
    let set = catalogue.get_or_insert_with(|| default_catalogue(dir));
    let (region, version) = match name.split_once('@') {
        Some((r, v)) => (r, Some(v)),
        None => (name, None),
    };
    let want_region = fold(region.trim());
    let hits: Vec<&Loaded> = set
        .docs
        .iter()
        .filter(|l| {
            let m = &l.doc.meta;
            fold(&m.region.key) == want_region
                || fold(&m.region.name) == want_region
                || Path::new(&l.origin).file_stem().is_some_and(|s| fold(&s.to_string_lossy()) == want_region)
        })
        .filter(|l| {
            version.is_none_or(|v| {
                let ver = &l.doc.meta.version;
                ver.label == v || ver.date.as_deref() == Some(v) || ver.label.starts_with(v)
            })
        })
        .collect();
    let names = |docs: &mut dyn Iterator<Item = &Loaded>| {
        let mut v: Vec<String> =
            docs.map(|l| format!("{}@{} ({})", l.doc.meta.region.key, l.doc.meta.version.label, l.origin)).collect();
        v.sort();
        if v.is_empty() { tr(Msg::NoneListed).to_string() } else { v.join(", ") }
    };
    match hits.as_slice() {
        [one] => Ok((*one).clone()),
        [] => {
            let mut msg = trf(Msg::NoSuchDocument, &[&name, &names(&mut set.docs.iter())]);
            for e in &set.errors {
                msg.push_str(&format!("\n  {}", trf(Msg::CouldNotOpen, &[e])));
            }
            bail!(msg)
        }
        _ if version.is_none() => {
            let newest = newest_official(&hits).map_err(|tied| {
                let n = count(tied.len(), Noun::Document);
                anyhow!(trf(Msg::SeveralNewest, &[&name, &n, &names(&mut tied.into_iter())]))
            })?;
            let (m, n) = (&newest.doc.meta, hits.len());
            let using = trf(Msg::UsingNewest, &[&name, &m.region.key, &m.version.label, &newest.origin, &n]);
            term::err(&format!("{using}\n"));
            Ok(newest.clone())
        }
        _ => bail!(trf(
            Msg::SeveralMatch,
            &[&name, &count(hits.len(), Noun::Document), &names(&mut hits.iter().copied())]
        )),
    }
}

/// The newest official (not illustrative) document among one region's versions, by version date
/// (else approval date); the newest illustrative one when there is no official one. Several
/// documents sharing the newest date are an ambiguity: they are returned as the error.
fn newest_official<'a>(hits: &[&'a Loaded]) -> Result<&'a Loaded, Vec<&'a Loaded>> {
    let date = |l: &Loaded| {
        let m = &l.doc.meta;
        m.version.date.clone().or_else(|| m.approval.as_ref().and_then(|a| a.date.clone())).unwrap_or_default()
    };
    let official: Vec<&Loaded> = hits.iter().copied().filter(|l| !l.doc.meta.version.illustrative).collect();
    let pool = if official.is_empty() { hits.to_vec() } else { official };
    let best = pool.iter().map(|l| date(l)).max().unwrap_or_default();
    let newest: Vec<&Loaded> = pool.into_iter().filter(|l| date(l) == best).collect();
    match newest.as_slice() {
        [one] => Ok(one),
        _ => Err(newest),
    }
}
