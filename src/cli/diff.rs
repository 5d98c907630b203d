//! `strata diff` (placeholder until the diff engine lands).

/// Arguments of `strata diff`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Arguments.
    rest: Vec<String>,
}

/// Not yet available.
pub fn run(_args: Args) -> anyhow::Result<i32> {
    anyhow::bail!("`strata diff` is not available yet")
}
