//! `strata matrix [DOC...] [--sector KEY] [--format table|csv|json|markdown] [--wording]`: which
//! projects each region adopted, rows aligned by meaning (see `strata::across::names`).
//!
//! Each DOC is a JSON file, a folder of them, or `REGION[@VERSION]` (looked up as `strata diff`
//! does: a bare region is its newest official version). Columns are regions: a named region uses
//! the version named; every region read from files and folders its newest official version. With no DOC, the current folder's
//! JSON files, else the bundled samples. Exit 0, or 2 on bad input.

use super::diff::{default_catalogue, resolve};
use anyhow::{Result, bail};
use clap::ValueEnum;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use strata::across::render::{Format, Options};
use strata::across::{columns, matrix};
use strata::i18n::{Msg, tr, trf};
use strata::load::{LoadSet, Loaded, load_paths};
use strata::model::Document;
use strata::output::term;
use strata::text::sanitize::sanitize;

/// Output format of the across-region commands.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub(super) enum FormatArg {
    Table,
    Csv,
    Json,
    Markdown,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Table => Format::Table,
            FormatArg::Csv => Format::Csv,
            FormatArg::Json => Format::Json,
            FormatArg::Markdown => Format::Markdown,
        }
    }
}

/// Output arguments shared by `strata matrix` and `strata indicators`.
#[derive(Debug, clap::Args)]
pub(super) struct OutputArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: FormatArg,
    /// Show each region's own wording of the names.
    #[arg(long)]
    wording: bool,
    /// Output width in columns (default: the terminal's, or 100 when not a terminal).
    #[arg(long)]
    width: Option<usize>,
}

impl OutputArgs {
    /// The rendering options these arguments ask for.
    pub(super) fn options(&self) -> Options {
        let format: Format = self.format.into();
        Options { format, wording: self.wording, color: format == Format::Table && color(), width: width(self.width) }
    }
}

/// Arguments of `strata matrix`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// JSON documents, folders, or `REGION[@VERSION]` names.
    docs: Vec<String>,
    /// Only this sector (canonical key, e.g. `healthcare`).
    #[arg(long)]
    sector: Option<String>,
    #[command(flatten)]
    output: OutputArgs,
}

/// The chosen documents, one per region, in column order (see the module doc).
pub(super) fn region_columns(args: &[String]) -> Result<Vec<Loaded>> {
    let mut pool = LoadSet::default();
    let mut chosen: Vec<Loaded> = Vec::new();
    let mut catalogue: Option<LoadSet> = None;
    for a in args {
        let p = Path::new(a);
        if p.exists() {
            let set = load_paths(&[PathBuf::from(a)]);
            pool.docs.extend(set.docs);
            pool.errors.extend(set.errors);
        } else {
            // `REGION@VERSION`, or a bare region: its newest official version (`diff`'s lookup).
            chosen.push(resolve(a, None, &mut catalogue)?);
        }
    }
    if args.is_empty() {
        pool = default_catalogue(None);
    }
    for e in &pool.errors {
        term::err(&format!("{}\n", trf(Msg::Skipped, &[e])));
    }
    let docs: Vec<&Document> = pool.docs.iter().map(|l| &*l.doc).collect();
    let newest = columns(&docs);
    let mut out = chosen;
    for d in newest {
        if !out.iter().any(|l| l.doc.meta.region.key == d.meta.region.key)
            && let Some(l) = pool.docs.iter().find(|l| std::ptr::eq(&*l.doc, d))
        {
            out.push(l.clone());
        }
    }
    if out.is_empty() {
        bail!(tr(Msg::NoDocumentsToCompare));
    }
    Ok(out)
}

/// Output width: `--width`, else the terminal's, else 100.
pub(super) fn width(arg: Option<usize>) -> usize {
    let tty = std::io::stdout().is_terminal();
    arg.or_else(|| tty.then(|| crossterm::terminal::size().ok().map(|(w, _)| w as usize)).flatten()).unwrap_or(100)
}

/// Colour when stdout is a terminal and NO_COLOR is unset.
pub(super) fn color() -> bool {
    std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::env::var("TERM").is_ok_and(|t| t != "dumb")
}

/// Writes to stdout through the terminal layer (`json`: made by `strata::output::json`).
pub(super) fn emit(text: &str, json: bool) -> Result<()> {
    let r = if json { term::out_json(text) } else { term::out_styled(text) };
    r.map_err(|e| anyhow::Error::new(e).context(tr(Msg::CannotWriteOutput)))
}

/// Checks that some document has the sector.
pub(super) fn check_sector(docs: &[Loaded], sector: Option<&str>) -> Result<()> {
    if let Some(s) = sector
        && !docs
            .iter()
            .any(|l| l.doc.sectors.iter().any(|x| x.key == s) || l.doc.projects.iter().any(|p| p.sector == s))
    {
        let mut keys: Vec<&str> = docs.iter().flat_map(|l| l.doc.sectors.iter().map(|x| x.key.as_str())).collect();
        keys.sort_unstable();
        keys.dedup();
        bail!(trf(Msg::NoSectorInThese, &[&sanitize(s), &keys.join(", ")]));
    }
    Ok(())
}

/// Builds and prints the matrix.
pub fn run(args: Args) -> Result<i32> {
    let loaded = region_columns(&args.docs)?;
    check_sector(&loaded, args.sector.as_deref())?;
    let docs: Vec<&Document> = loaded.iter().map(|l| &*l.doc).collect();
    let m = matrix::build(&docs, args.sector.as_deref());
    let opts = args.output.options();
    emit(&strata::across::render::matrix(&m, &opts), opts.format == Format::Json)?;
    Ok(0)
}
