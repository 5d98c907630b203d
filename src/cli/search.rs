//! `strata search` (placeholder until the search engine lands).

/// Arguments of `strata search`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Arguments.
    rest: Vec<String>,
}

/// Not yet available.
pub fn run(_args: Args) -> anyhow::Result<i32> {
    anyhow::bail!("`strata search` is not available yet")
}
