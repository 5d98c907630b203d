//! `strata corpus --out DIR [--seed N] [--regions N] [--versions N] [FROM...]`: a synthetic
//! corpus for scale tests and benchmarks.

use anyhow::{Context, Result, bail};
use std::io::IsTerminal;
use std::path::PathBuf;
use strata::corpus::{Spec, file_name, generate};
use strata::fsutil::write_atomic;
use strata::output::term;

/// Arguments of `strata corpus`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folder to write the generated JSON documents into.
    #[arg(long)]
    out: PathBuf,
    /// Seed: the same seed gives the same corpus.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Number of regions (1 to 1000; at most the number of federal subjects are made).
    #[arg(long, default_value_t = 85, value_parser = super::in_range::<1, 1000>)]
    regions: usize,
    /// Versions per region (1 to 100).
    #[arg(long, default_value_t = 3, value_parser = super::in_range::<1, 100>)]
    versions: usize,
    /// Base documents (JSON files or folders); default: the bundled samples.
    from: Vec<PathBuf>,
}

/// Generates and writes the corpus, showing progress.
pub fn run(args: Args) -> Result<i32> {
    let set = if args.from.is_empty() { strata::load::load_bundled() } else { strata::load::load_paths(&args.from) };
    for e in &set.errors {
        term::err(&format!("strata: skipped {e}\n"));
    }
    if set.docs.is_empty() {
        bail!("no base documents to derive a corpus from");
    }
    let bases: Vec<_> = set.docs.into_iter().map(|l| l.doc).collect();
    let tty = std::io::stderr().is_terminal();
    let spec = Spec { seed: args.seed, regions: args.regions, versions: args.versions };
    let docs = generate(&bases, spec, |done, total| {
        if tty {
            term::progress(&format!("generating {done}/{total}"));
        }
    });
    std::fs::create_dir_all(&args.out).with_context(|| format!("{}: cannot create folder", args.out.display()))?;
    let mut bytes = 0;
    for (i, doc) in docs.iter().enumerate() {
        let json = strata::normalize::to_json(doc);
        bytes += json.len();
        let path = args.out.join(file_name(doc, i % args.versions.max(1)));
        write_atomic(&path, json.as_bytes())?;
        if tty {
            term::progress(&format!("writing {}/{}", i + 1, docs.len()));
        }
    }
    if tty {
        term::progress_done();
    }
    term::err(&format!("{} documents, {:.1} MB in {}\n", docs.len(), bytes as f64 / 1e6, args.out.display()));
    Ok(0)
}
