//! `strata report A B [--format md|html|docx] [-o FILE]`: the comparison as a report to circulate,
//! with the notes under their sections and the reviewed marks.

use super::diff::resolve;
use super::note::{emit, existing_store};
use anyhow::{Result, anyhow, bail};
use clap::ValueEnum;
use std::collections::BTreeSet;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use strata::compare::{Options, diff_documents};
use strata::fsutil::write_atomic;
use strata::i18n::{Msg, tr, trf};
use strata::notes::{Pair, Placement, carry_forward};
use strata::report::{Format, Input, Labels, build, render};

/// Report format.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    /// Markdown for mail and issue trackers.
    Md,
    /// One standalone HTML file.
    Html,
    /// A Word document with the changes as tracked changes.
    Docx,
}

/// Arguments of `strata report`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The old document: a JSON file or `REGION@VERSION`.
    a: String,
    /// The new document, as A.
    b: String,
    /// Output format.
    #[arg(long, value_enum, default_value = "md")]
    format: FormatArg,
    /// Write to this file (atomically; a symbolic link there is refused). Default: standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Ignore letter case and ё/е.
    #[arg(long)]
    ignore_case: bool,
    /// Ignore punctuation.
    #[arg(long)]
    ignore_punct: bool,
    /// OCR-tolerant comparison.
    #[arg(long)]
    ocr: bool,
    /// Folder in which `REGION@VERSION` names are looked up.
    #[arg(long)]
    dir: Option<PathBuf>,
}

/// Writes the report; returns 0.
pub fn run(args: Args) -> Result<i32> {
    let mut cat = None;
    let a = resolve(&args.a, args.dir.as_deref(), &mut cat)?;
    let b = resolve(&args.b, args.dir.as_deref(), &mut cat)?;
    let mut opts = Options::default();
    opts.norm.ignore_case = args.ignore_case;
    opts.norm.ignore_punct = args.ignore_punct;
    opts.norm.ocr = args.ocr;
    let diff = diff_documents(&a.doc, &b.doc, &opts);
    let (notes, reviewed) = match existing_store()? {
        Some(store) => {
            let mut all = store.list(Some(&strata::notes::DocRef::of(&a.doc)))?;
            all.extend(store.list(Some(&strata::notes::DocRef::of(&b.doc)))?);
            (carry_forward(&all, &a.doc, &b.doc, &diff), store.reviewed(&Pair::of(&a.doc, &b.doc))?)
        }
        None => (Placement::default(), BTreeSet::new()),
    };
    let format = match args.format {
        FormatArg::Md => Format::Markdown,
        FormatArg::Html => Format::Html,
        FormatArg::Docx => Format::Docx,
    };
    let report = build(&Input { a: &a.doc, b: &b.doc, diff: &diff, notes: &notes, reviewed: &reviewed });
    let bytes = render(&report, format, &Labels::of(strata::i18n::lang()));
    match &args.output {
        Some(p) => write_atomic(p, &bytes)?,
        None if format == Format::Docx => {
            let mut out = std::io::stdout().lock();
            if out.is_terminal() {
                bail!(tr(Msg::DocxToFile));
            }
            out.write_all(&bytes)
                .and_then(|_| out.flush())
                .map_err(|e| anyhow!(trf(Msg::CannotWriteReport, &[&strata::i18n::os_error(&e)])))?;
        }
        // Markdown and HTML are text files for other programs; they reach a terminal only
        // through `emit`, with the document text escaped for their format, never raw control
        // characters (see `strata::report::clean`).
        None => emit(&String::from_utf8(bytes).expect("text formats are UTF-8"))?,
    }
    Ok(0)
}
