//! `strata [PATH...]`: open the reviewer TUI (placeholder until the TUI lands).

use std::path::PathBuf;

/// Arguments for opening documents in the TUI.
#[derive(Debug, clap::Args)]
pub struct OpenArgs {
    /// JSON documents or folders to open (default: the bundled samples).
    paths: Vec<PathBuf>,
}

/// Prints a summary of what would open.
pub fn run(args: OpenArgs) -> anyhow::Result<i32> {
    let set = if args.paths.is_empty() { strata::load::load_bundled() } else { strata::load::load_paths(&args.paths) };
    for l in &set.docs {
        println!("{}  {}", l.doc.label(), l.origin);
    }
    for e in &set.errors {
        println!("error: {e}");
    }
    Ok(0)
}
