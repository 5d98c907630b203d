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
    /// Handed to the writer thread, which stages it (its result comes back by the input's index).
    Sent,
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
    // file as soon as it is made, its writing to the disk started; only the syncs (one wait for
    // the disk for the whole set) and the renames are left for the end. Otherwise the folder is
    // made only once every input succeeded, as before.
    let stage_early =
        targets.iter().flatten().all(|t| t.parent().is_some_and(|d| d.as_os_str().is_empty() || d.is_dir()));
    // Writing a document (about a millisecond a megabyte into the page cache) is one writer
    // thread's work, so that the normalizing threads go on with the next input meanwhile.
    // Its JSON buffers come back emptied for the next documents: their pages are touched once.
    let spare: std::sync::Mutex<Vec<Vec<u8>>> = std::sync::Mutex::new(Vec::new());
    let take_spare = || spare.lock().unwrap_or_else(|e| e.into_inner()).pop().unwrap_or_default();
    let (results, mut written) = std::thread::scope(|scope| {
        // Made inside the scope: a worker's panic unwinding through here drops the sender, so the
        // writer's loop ends and the scope can join it.
        let (send, received) = std::sync::mpsc::channel::<(usize, &std::path::Path, Vec<u8>)>();
        let spare = &spare;
        let writer = stage_early.then(|| {
            scope.spawn(move || {
                let mut staged = Vec::new();
                for (n, t, json) in received {
                    staged.push((n, stage(t, &json)));
                    spare.lock().unwrap_or_else(|e| e.into_inner()).push(json);
                }
                staged
            })
        });
        let writing = writer.is_some();
        // Each document is serialised (and its report made) on the thread that normalized it, in
        // parallel, and freed there: that thread's heap serves the next document from its pages.
        let results = normalize_files_then(&args.inputs, |n, result| {
            result.map(|doc| {
                let table = args.report.then(|| report(&args.inputs[n].display().to_string(), &doc));
                let Some(t) = targets[n].as_deref().filter(|_| stage_early) else {
                    return (table, Output::Json(to_json(&doc)));
                };
                let mut json = take_spare();
                to_json_into(&doc, &mut json);
                drop(doc);
                if !writing {
                    return (table, Output::Staged(stage(t, &json)));
                }
                // A writer that is gone (it panicked) leaves the staging to this thread.
                match send.send((n, t, json)) {
                    Ok(()) => (table, Output::Sent),
                    Err(back) => (table, Output::Staged(stage(t, &back.0.2))),
                }
            })
        });
        drop(send);
        let written = writer.map(|w| w.join().unwrap_or_else(|p| std::panic::resume_unwind(p))).unwrap_or_default();
        (results, written)
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
    written.sort_by_key(|w| w.0);
    let mut written = written.into_iter().map(|w| w.1);
    for (out, target) in outputs.into_iter().zip(&targets) {
        match (out, target) {
            (Output::Staged(s), _) => staged.push(s?),
            (Output::Sent, _) => staged.push(written.next().expect("the writer stages every document sent")?),
            (Output::Json(json), Some(t)) => pending.push((t.as_path(), json)),
            (Output::Json(json), None) => term::out_json(&json::escape_unsafe(json))?,
        }
    }
    let set: Vec<(&std::path::Path, &[u8])> = pending.iter().map(|(t, j)| (*t, j.as_bytes())).collect();
    staged.extend(stage_set(&set)?);
    commit_set(staged)?;
    Ok(0)
}
