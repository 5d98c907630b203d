//! `strata corpus --out DIR [--seed N] [--regions N] [--versions N] [FROM...]`: a synthetic
//! corpus for scale tests and benchmarks.

use anyhow::{Context, Result, bail};
use std::io::IsTerminal;
use std::path::PathBuf;
use strata::corpus::{Spec, file_name, generate};
use strata::fsutil::write_atomic;
use strata::i18n::{Msg, Noun, count, number, tr, trf};
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
        term::err(&format!("{}\n", trf(Msg::Skipped, &[e])));
    }
    if set.docs.is_empty() {
        bail!(tr(Msg::NoBaseDocuments));
    }
    let bases: Vec<_> = set.docs.into_iter().map(|l| std::sync::Arc::unwrap_or_clone(l.doc)).collect();
    let tty = std::io::stderr().is_terminal();
    let spec = Spec { seed: args.seed, regions: args.regions, versions: args.versions };
    let docs = generate(&bases, spec, |done, total| {
        if tty {
            term::progress(&trf(Msg::Generating, &[&done, &total]));
        }
    });
    std::fs::create_dir_all(&args.out).with_context(|| trf(Msg::CannotCreateFolder, &[&args.out.display()]))?;
    let mut bytes = 0;
    for (i, doc) in docs.iter().enumerate() {
        let json = strata::normalize::to_json(doc);
        bytes += json.len();
        let path = args.out.join(file_name(doc, i % args.versions.max(1)));
        write_atomic(&path, json.as_bytes())?;
        if tty {
            term::progress(&trf(Msg::Writing, &[&(i + 1), &docs.len()]));
        }
    }
    if tty {
        term::progress_done();
    }
    let mb = number((bytes as f64 / 1e5).round() / 10.0);
    term::err(&format!(
        "{}\n",
        trf(Msg::CorpusWritten, &[&count(docs.len(), Noun::Document), &mb, &args.out.display()])
    ));
    Ok(0)
}
