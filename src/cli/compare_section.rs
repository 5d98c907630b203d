//! `strata compare-section KEY [DOC...] [--view adds|columns|json]`: one section of several
//! regions: what each adds beyond the text most of them share (the federal template's wording), or
//! the regions side by side with shared text dimmed and each region's own text marked `{+…+}`.
//!
//! Documents and columns are chosen as for `strata matrix`. Exit 0, or 2 on bad input.

use super::matrix::{color, emit, region_columns, width};
use anyhow::{Result, bail};
use clap::ValueEnum;
use strata::across::render::{SectionView, section};
use strata::across::sections::compare_section;
use strata::i18n::{Msg, trf};
use strata::model::Document;
use strata::text::sanitize::sanitize;

/// What to show.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum ViewArg {
    Adds,
    Columns,
    Json,
}

/// Arguments of `strata compare-section`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Canonical section key (e.g. `problems.healthcare`).
    key: String,
    /// JSON documents, folders, or `REGION[@VERSION]` names.
    docs: Vec<String>,
    /// What each region adds, the regions side by side, or JSON with the spans.
    #[arg(long, value_enum, default_value = "adds")]
    view: ViewArg,
    /// Output width in columns (default: the terminal's, or 100 when not a terminal).
    #[arg(long)]
    width: Option<usize>,
}

/// Compares and prints.
pub fn run(args: Args) -> Result<i32> {
    let loaded = region_columns(&args.docs)?;
    let docs: Vec<&Document> = loaded.iter().map(|l| &*l.doc).collect();
    if !docs.iter().any(|d| d.section(&args.key).is_some()) {
        let mut keys: Vec<&str> = docs.iter().flat_map(|d| d.walk().map(|(_, s)| s.key.as_str())).collect();
        keys.sort_unstable();
        keys.dedup();
        bail!(trf(Msg::NoSectionInThese, &[&sanitize(&args.key), &keys.join(", ")]));
    }
    let c = compare_section(&docs, &args.key);
    let view = match args.view {
        ViewArg::Adds => SectionView::Adds,
        ViewArg::Columns => SectionView::Columns,
        ViewArg::Json => SectionView::Json,
    };
    emit(&section(&c, view, view != SectionView::Json && color(), width(args.width)), view == SectionView::Json)?;
    Ok(0)
}
