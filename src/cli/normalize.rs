//! `strata normalize INPUT... [-o FILE | --out-dir DIR] [--report]`.

use anyhow::{Context, Result, bail};
use std::collections::HashMap;
use std::path::PathBuf;
use strata::fsutil::{Staged, WriteError, commit_set, stage, stage_set};
use strata::i18n::{Msg, trf};
use strata::normalize::{normalize_files_then, to_json, to_json_into};
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

/// One input's output: its JSON, or that JSON already staged beside its target.
enum Output<'a> {
    Json(String),
    Staged(Result<Staged<'a>, WriteError>),
}

/// Normalizes every input first (in parallel); writes nothing unless all of them succeed.
pub fn run(args: Args) -> Result<i32> {
    if args.output.is_some() && args.inputs.len() > 1 {
        bail!(trf(Msg::OutputTakesOne, &[&args.inputs.len()]));
    }
    if args.output.is_none() && args.out_dir.is_none() && args.inputs.len() > 1 {
        bail!(trf(Msg::InputsWouldMix, &[&args.inputs.len()]));
    }
    let target_of = |input: &PathBuf| match (&args.output, &args.out_dir) {
        (Some(o), _) => Some(o.clone()),
        (None, Some(dir)) => {
            Some(dir.join(format!("{}.json", input.file_stem().unwrap_or_default().to_string_lossy())))
        }
        (None, None) => None,
    };
    let targets: Vec<Option<PathBuf>> = args.inputs.iter().map(target_of).collect();
    // Where the output folder is there already, each document is also written to its temporary
    // file as soon as it is made, its writing to the disk started; only the syncs (side by side)
    // and the renames are left for the end. Otherwise the folder is made only once every input
    // succeeded, as before.
    let stage_early =
        targets.iter().flatten().all(|t| t.parent().is_some_and(|d| d.as_os_str().is_empty() || d.is_dir()));
    // Each document is serialised (and its report made) on the thread that normalized it, in
    // parallel, and freed there: that thread's heap serves the next document from its pages. That
    // thread also writes it (about a millisecond a megabyte into the page cache): the workers'
    // last documents are written side by side. Its JSON buffer is then left for the next
    // document: its pages are touched once.
    let spare: std::sync::Mutex<Vec<Vec<u8>>> = std::sync::Mutex::new(Vec::new());
    let lock_spare = || spare.lock().unwrap_or_else(|e| e.into_inner());
    let results = normalize_files_then(&args.inputs, |n, result| {
        result.map(|doc| {
            let table = args.report.then(|| report(&args.inputs[n].display().to_string(), &doc));
            let Some(t) = targets[n].as_deref().filter(|_| stage_early) else {
                return (table, Output::Json(to_json(&doc)));
            };
            let mut json = lock_spare().pop().unwrap_or_default();
            to_json_into(&doc, &mut json);
            drop(doc);
            let staged = stage(t, &json);
            lock_spare().push(json);
            (table, Output::Staged(staged))
        })
    });
    let mut outputs = Vec::new();
    let mut failed = false;
    for result in results {
        match result {
            Ok((table, out)) => {
                if let Some(table) = table {
                    term::err(&table);
                }
                outputs.push(out);
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
    let mut seen: HashMap<&PathBuf, &PathBuf> = HashMap::new();
    for (input, target) in args.inputs.iter().zip(&targets) {
        if let Some(target) = target
            && let Some(other) = seen.insert(target, input)
        {
            bail!(trf(Msg::SameTarget, &[&other.display(), &input.display(), &target.display()]));
        }
    }
    // All or nothing: every file is written and synced before any is renamed into place.
    let mut staged = Vec::new();
    let mut pending: Vec<(&std::path::Path, String)> = Vec::new();
    for (out, target) in outputs.into_iter().zip(&targets) {
        match (out, target) {
            (Output::Staged(s), _) => staged.push(s?),
            (Output::Json(json), Some(t)) => pending.push((t.as_path(), json)),
            (Output::Json(json), None) => term::out_json(&json::escape_unsafe(json))?,
        }
    }
    let set: Vec<(&std::path::Path, &[u8])> = pending.iter().map(|(t, j)| (*t, j.as_bytes())).collect();
    staged.extend(stage_set(&set)?);
    commit_set(staged)?;
    Ok(0)
}
