//! `strata show PATH [--section KEY] [--json]`.

use anyhow::{Result, bail};
use std::path::PathBuf;
use strata::i18n::{Msg, trf};
use strata::load::load_file;
use strata::output::{document_text, json, section_text, term};

/// Arguments of `strata show`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A normalized JSON document.
    path: PathBuf,
    /// Show only this section: a key (`problems.healthcare`) or a Russian name where unambiguous.
    #[arg(long)]
    section: Option<String>,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

/// Prints the document outline or one section.
pub fn run(args: Args) -> Result<i32> {
    let loaded = load_file(&args.path).map_err(|e| anyhow::anyhow!("{e}"))?;
    let doc = &*loaded.doc;
    match &args.section {
        Some(arg) => {
            let key = &super::section_key(arg, &[doc], &args.path.display().to_string())?;
            let Some(s) = doc.section(key) else {
                let keys: Vec<&str> = doc.walk().map(|(_, s)| s.key.as_str()).collect();
                bail!(trf(Msg::NoSectionIn, &[&args.path.display(), key, &keys.join(", ")]));
            };
            if args.json {
                term::out_json(&json::to_string_pretty(s)?)?;
            } else {
                term::out(&section_text(doc, s))?;
            }
        }
        None if args.json => term::out_json(&json::to_string_pretty(doc)?)?,
        None => term::out(&document_text(doc))?,
    }
    Ok(0)
}
