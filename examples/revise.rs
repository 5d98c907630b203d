//! Applies a revision script (see `strata::compare::revision`) and writes the revised raw text.
//!
//! `cargo run --example revise -- samples/revisions/ivanovo-2022-rev.edits`

use std::path::PathBuf;
use strata::compare::revision::Revision;

fn main() {
    let script = PathBuf::from(
        std::env::args().nth(1).unwrap_or_else(|| "samples/revisions/ivanovo-2022-rev.edits".to_string()),
    );
    let run = || -> Result<PathBuf, Box<dyn std::error::Error>> {
        let rev = Revision::read(&script)?;
        let (source, output) = rev.paths(&script);
        let text = std::fs::read_to_string(&source).map_err(|e| format!("{}: cannot read: {e}", source.display()))?;
        let revised = rev.apply(&text, &source.display().to_string())?;
        strata::fsutil::write_atomic(&output, revised.as_bytes())
            .map_err(|e| format!("{}: cannot write: {e}", output.display()))?;
        Ok(output)
    };
    match run() {
        Ok(out) => println!("wrote {}", out.display()),
        Err(e) => {
            eprintln!("revise: {e}");
            std::process::exit(2);
        }
    }
}
