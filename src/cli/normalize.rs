//! `strata normalize INPUT... [-o FILE | --out-dir DIR] [--report]`.

use anyhow::{Context, Result, bail};
use std::collections::HashMap;
use std::path::PathBuf;
use strata::fsutil::write_set;
use strata::i18n::{Msg, trf};
use strata::normalize::{normalize_files_then, to_json};
use strata::output::{json, report, term};

/// Arguments of `strata normalize`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Raw strategy text files (UTF-8 or Windows-1251). A `<stem>.meta.toml` beside an input sets
    /// its version metadata.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Write the JSON to this file (one input only).
    #[arg(short = 'o', long = "output", conflicts_with = "out_dir")]
    output: Option<PathBuf>,
    /// Write one `<input stem>.json` per input into this folder.
    #[arg(long)]
    out_dir: Option<PathBuf>,
    /// Print the quality grade and warnings as a table on stderr.
    #[arg(long)]
    report: bool,
}

/// Normalizes every input first (in parallel); writes nothing unless all of them succeed.
pub fn run(args: Args) -> Result<i32> {
    if args.output.is_some() && args.inputs.len() > 1 {
        bail!(trf(Msg::OutputTakesOne, &[&args.inputs.len()]));
    }
    if args.output.is_none() && args.out_dir.is_none() && args.inputs.len() > 1 {
        bail!(trf(Msg::InputsWouldMix, &[&args.inputs.len()]));
    }
    let mut outputs = Vec::new();
    let mut failed = false;
    // Each document is serialised (and its report made) on the thread that normalized it, in
    // parallel, and freed there: that thread's heap serves the next document from its pages.
    let results = normalize_files_then(&args.inputs, |input, result| {
        result.map(|doc| (args.report.then(|| report(&input.display().to_string(), &doc)), to_json(&doc)))
    });
    for (input, result) in args.inputs.iter().zip(results) {
        match result {
            Ok((table, json)) => {
                if let Some(table) = table {
                    term::err(&table);
                }
                outputs.push((input, json));
            }
            Err(e) => {
                term::err(&format!("strata: {e}\n"));
                failed = true;
            }
        }
    }
    if failed {
        return Ok(2);
    }
    if let Some(dir) = &args.out_dir {
        std::fs::create_dir_all(dir).with_context(|| trf(Msg::CannotCreateFolder, &[&dir.display()]))?;
    }
    let mut targets: Vec<(PathBuf, String)> = Vec::new();
    let mut seen: HashMap<PathBuf, &PathBuf> = HashMap::new();
    for (input, json) in outputs {
        let target = match (&args.output, &args.out_dir) {
            (Some(o), _) => o.clone(),
            (None, Some(dir)) => dir.join(format!("{}.json", input.file_stem().unwrap_or_default().to_string_lossy())),
            (None, None) => {
                term::out_json(&json::escape_unsafe(json))?;
                continue;
            }
        };
        if let Some(other) = seen.insert(target.clone(), input) {
            bail!(trf(Msg::SameTarget, &[&other.display(), &input.display(), &target.display()]));
        }
        targets.push((target, json));
    }
    // All or nothing: every file is written and synced before any is renamed into place.
    let set: Vec<(&std::path::Path, &[u8])> = targets.iter().map(|(t, j)| (t.as_path(), j.as_bytes())).collect();
    write_set(&set)?;
    Ok(0)
}
