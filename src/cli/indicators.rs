//! `strata indicators [DOC...] [--sector KEY] [--project NAME] [--format ...] [--wording]`: each
//! region's targets per year for the same project and indicator, and the spread (lowest, highest).
//!
//! Documents and columns are chosen as for `strata matrix`. Exit 0, or 2 on bad input.

use super::matrix::{OutputArgs, check_sector, emit, region_columns};
use anyhow::{Result, bail};
use strata::across::indicators::{Filter, build};
use strata::across::render::Format;
use strata::i18n::{Msg, trf};
use strata::model::Document;
use strata::text::sanitize::sanitize;

/// Arguments of `strata indicators`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// JSON documents, folders, or `REGION[@VERSION]` names.
    docs: Vec<String>,
    /// Only this sector (canonical key, e.g. `healthcare`).
    #[arg(long)]
    sector: Option<String>,
    /// Only this project: its name in any region's wording, or part of it.
    #[arg(long)]
    project: Option<String>,
    #[command(flatten)]
    output: OutputArgs,
}

/// Aligns and prints the indicators.
pub fn run(args: Args) -> Result<i32> {
    let loaded = region_columns(&args.docs)?;
    check_sector(&loaded, args.sector.as_deref())?;
    let docs: Vec<&Document> = loaded.iter().map(|l| &*l.doc).collect();
    let ind = build(&docs, Filter { sector: args.sector.as_deref(), project: args.project.as_deref() });
    if ind.rows.is_empty()
        && let Some(p) = &args.project
    {
        bail!(trf(Msg::NoIndicatorsOfProject, &[&sanitize(p)]));
    }
    let opts = args.output.options();
    emit(&strata::across::render::indicators(&ind, &opts), opts.format == Format::Json)?;
    Ok(0)
}
