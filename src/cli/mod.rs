//! Command-line interface: one module per subcommand, each a thin layer over the library.

mod corpus;
mod diff;
mod normalize;
mod overview;
mod search;
mod show;
mod tui;

use clap::{Parser, Subcommand};

/// Review and compare Russian regional digital-transformation strategies.
#[derive(Debug, Parser)]
#[command(name = "strata", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    open: tui::OpenArgs,
    /// When to OCR PDF pages: auto (pages with no text layer), always, never. (`diff --ocr` is
    /// the OCR-tolerant comparison, hence the longer name.)
    #[arg(long, global = true, value_enum, default_value_t = strata::read::OcrMode::Auto, value_name = "WHEN")]
    ocr_mode: strata::read::OcrMode,
    /// Read PDF, Word and text files afresh instead of from the cache of normalized documents.
    #[arg(long, global = true)]
    no_cache: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Turn raw strategy text (PDF lines or flattened OCR) into normalized JSON.
    Normalize(normalize::Args),
    /// Print a document or one of its sections as plain text or JSON.
    Show(show::Args),
    /// Search sections, projects and indicators across documents.
    Search(search::Args),
    /// Compare two documents section by section.
    Diff(diff::Args),
    /// Generate a synthetic corpus (every region, several versions) for scale tests.
    Corpus(corpus::Args),
    /// Rank documents by how much a section differs from one chosen document's.
    Overview(overview::Args),
}

/// Parses arguments and runs; returns the process exit code.
pub fn main() -> i32 {
    let cli = Cli::parse();
    strata::read::open::set_options(strata::read::Options {
        ocr: cli.ocr_mode,
        cache: !cli.no_cache,
        ..Default::default()
    });
    let result = match cli.command {
        Some(Command::Normalize(a)) => normalize::run(a),
        Some(Command::Show(a)) => show::run(a),
        Some(Command::Search(a)) => search::run(a),
        Some(Command::Diff(a)) => diff::run(a),
        Some(Command::Corpus(a)) => corpus::run(a),
        Some(Command::Overview(a)) => overview::run(a),
        None => tui::run(cli.open),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("strata: {e:#}");
            2
        }
    }
}
