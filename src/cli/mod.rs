//! Command-line interface: one module per subcommand, each a thin layer over the library.

mod compare_section;
mod corpus;
mod diff;
mod help;
mod indicators;
mod matrix;
mod normalize;
mod note;
mod overview;
mod report;
mod search;
mod show;
mod tui;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

/// Review and compare Russian regional digital-transformation strategies.
#[derive(Debug, Parser)]
#[command(name = "strata", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    root: Root,
}

/// The options of `strata` itself (the global ones work with every command).
#[derive(Debug, clap::Args)]
struct Root {
    #[command(flatten)]
    open: tui::OpenArgs,
    /// When to OCR PDF pages: auto (pages with no text layer), always, never. Works with every
    /// command; `--ocr WHEN` is the same for `strata FILE...` (in `diff`, `report` and `search`,
    /// `--ocr` is their OCR-tolerant matching).
    #[arg(long, global = true, value_enum, default_value_t = strata::read::OcrMode::Auto, value_name = "WHEN")]
    ocr_mode: strata::read::OcrMode,
    /// When to OCR PDF pages opened in the TUI: auto, always, never (as `--ocr-mode`).
    #[arg(long, value_enum, value_name = "WHEN", conflicts_with = "ocr_mode")]
    ocr: Option<strata::read::OcrMode>,
    /// Read PDF, Word and text files afresh instead of from the cache of normalized documents.
    #[arg(long, global = true)]
    no_cache: bool,
    /// Interface language: ru or en (default: `interface.lang` in config.toml, else LC_ALL,
    /// LC_MESSAGES, LANG).
    #[arg(long, global = true, value_name = "ru|en", value_parser = parse_lang)]
    lang: Option<strata::i18n::Lang>,
}

fn parse_lang(s: &str) -> Result<strata::i18n::Lang, String> {
    strata::i18n::Lang::parse(s).ok_or_else(|| strata::i18n::trf(strata::i18n::Msg::BadLangFlag, &[&s]))
}

/// Chooses the interface language before the arguments are parsed, so that `--help` and the
/// parser's own messages are in it: `--lang`, else `interface.lang` in the config folder's
/// `config.toml`, else the locale.
fn choose_lang(args: &[std::ffi::OsString]) -> Result<strata::i18n::Lang, String> {
    let config = strata::tui::config_dir().map(|d| d.join("config.toml")).filter(|p| p.is_file());
    let text = match &config {
        Some(p) => Some(std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?),
        None => None,
    };
    let config = config.as_deref().zip(text.as_deref());
    strata::i18n::Lang::choose(strata::i18n::Lang::from_args(args), config)
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
    /// Reviewers' notes on sections and paragraphs, and reviewed marks.
    Note(note::Args),
    /// Write a comparison report (Markdown, HTML or DOCX) with the notes and reviewed marks.
    Report(report::Args),
    /// Which projects each region adopted: projects aligned by meaning across regions.
    Matrix(matrix::Args),
    /// Indicator targets of several regions side by side, with the spread per year.
    Indicators(indicators::Args),
    /// One section of several regions: what each adds beyond the shared text, or side by side.
    CompareSection(compare_section::Args),
}

/// Every subcommand's name and the function adding its arguments, as in [`Command`]: a run builds
/// only the command it runs (building and checking the whole tree, a dozen commands and their
/// arguments, was most of a short run's start-up). A test checks the table against [`Command`].
type Augment = fn(clap::Command) -> clap::Command;
const SUBCOMMANDS: &[(&str, Augment)] = &[
    ("normalize", <normalize::Args as clap::Args>::augment_args),
    ("show", <show::Args as clap::Args>::augment_args),
    ("search", <search::Args as clap::Args>::augment_args),
    ("diff", <diff::Args as clap::Args>::augment_args),
    ("corpus", <corpus::Args as clap::Args>::augment_args),
    ("overview", <overview::Args as clap::Args>::augment_args),
    ("note", <note::Args as clap::Args>::augment_args),
    ("report", <report::Args as clap::Args>::augment_args),
    ("matrix", <matrix::Args as clap::Args>::augment_args),
    ("indicators", <indicators::Args as clap::Args>::augment_args),
    ("compare-section", <compare_section::Args as clap::Args>::augment_args),
];

/// The command line with only the subcommand `args` name (the first argument that is not an
/// option), or with none when every argument is an option (`--version`, or the TUI with no
/// files); `None` when the first such argument is not a subcommand (files for the TUI, or an
/// option's value): then the whole tree is built. Help, parse errors and their suggestions come
/// from the whole tree too (see [`main`]), so this changes nothing but the time.
fn lazy_command(args: &[std::ffi::OsString]) -> Option<clap::Command> {
    use clap::Args;
    let first = args.iter().skip(1).find(|a| !a.as_encoded_bytes().starts_with(b"-"));
    let sub = match first {
        Some(name) => Some(SUBCOMMANDS.iter().find(|(n, _)| name.as_encoded_bytes() == n.as_bytes())?),
        None => None,
    };
    let mut cmd = Root::augment_args(
        clap::Command::new("strata").version(env!("CARGO_PKG_VERSION")).args_conflicts_with_subcommands(true),
    );
    if let Some((name, augment)) = sub {
        cmd = cmd.subcommand(augment(clap::Command::new(*name)));
    }
    Some(cmd)
}

/// Parses `args`: through [`lazy_command`] when it applies and the arguments parse (or ask for
/// the version), else through the whole command tree in the interface language.
fn parse(args: Vec<std::ffi::OsString>) -> Result<clap::ArgMatches, clap::Error> {
    if let Some(cmd) = lazy_command(&args) {
        match cmd.try_get_matches_from(&args) {
            Ok(m) => return Ok(m),
            Err(e) if e.kind() == clap::error::ErrorKind::DisplayVersion => return Err(e),
            Err(_) => {}
        }
    }
    help::localize(Cli::command(), strata::i18n::lang()).try_get_matches_from(args)
}

/// Resolves a `--section` argument (a key, or a Russian name where unambiguous) against the
/// sections of `docs`; the error names `origin` and lists the choices or the nearest keys.
fn section_key(arg: &str, docs: &[&strata::model::Document], origin: &str) -> anyhow::Result<String> {
    let sections: Vec<(&str, &str)> =
        docs.iter().flat_map(|d| d.walk()).map(|(_, s)| (s.key.as_str(), s.title.as_str())).collect();
    strata::model::keys::resolve_section(arg, &sections).map_err(|e| anyhow::anyhow!("{origin}: {e}"))
}

/// Parses a size option bounded to `LO..=HI`, so no option can ask for unbounded memory.
fn in_range<const LO: usize, const HI: usize>(s: &str) -> Result<usize, String> {
    use strata::i18n::{Msg, trf};
    let n: usize = s.trim().parse().map_err(|_| trf(Msg::NotAWholeNumber, &[&s]))?;
    if (LO..=HI).contains(&n) { Ok(n) } else { Err(trf(Msg::OutOfRange, &[&n, &LO, &HI])) }
}

/// Parses arguments and runs; returns the process exit code.
pub fn main() -> i32 {
    // Past the file-size limit a write fails with EFBIG instead of killing the process, so that
    // temporary files are removed and the old outputs stay as they were.
    // SAFETY: setting a signal's disposition to SIG_IGN before any thread starts.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    match choose_lang(&args) {
        Ok(lang) => strata::i18n::set(lang),
        Err(e) => {
            strata::output::term::err(&format!("strata: {e}\n"));
            return 2;
        }
    }
    let matches = match parse(args) {
        Ok(m) => m,
        Err(e) => match help::error_text(&e, strata::i18n::lang()) {
            Some(text) => {
                strata::output::term::err(&text);
                return e.exit_code();
            }
            None => e.exit(),
        },
    };
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    strata::read::open::set_options(strata::read::Options {
        ocr: cli.root.ocr.unwrap_or(cli.root.ocr_mode),
        cache: !cli.root.no_cache,
        ..Default::default()
    });
    let result = match cli.command {
        Some(Command::Normalize(a)) => normalize::run(a),
        Some(Command::Show(a)) => show::run(a),
        Some(Command::Search(a)) => search::run(a),
        Some(Command::Diff(a)) => diff::run(a),
        Some(Command::Corpus(a)) => corpus::run(a),
        Some(Command::Overview(a)) => overview::run(a),
        Some(Command::Note(a)) => note::run(a),
        Some(Command::Report(a)) => report::run(a),
        Some(Command::Matrix(a)) => matrix::run(a),
        Some(Command::Indicators(a)) => indicators::run(a),
        Some(Command::CompareSection(a)) => compare_section::run(a),
        None => tui::run(cli.root.open),
    };
    match result {
        Ok(code) => code,
        // The reader went away (`strata ... | head -1`): stop quietly, as ripgrep does.
        Err(e) if strata::output::term::is_closed_pipe(&e) => 0,
        Err(e) => {
            strata::output::term::err(&format!("strata: {e:#}\n"));
            2
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole tree's parse of `args`, and the lazy one's when it applies, as debug text.
    fn both(args: &[&str]) -> (String, Option<String>) {
        let args: Vec<std::ffi::OsString> = args.iter().map(Into::into).collect();
        let full =
            Cli::command().try_get_matches_from(&args).map(|m| Cli::from_arg_matches(&m).map(|c| format!("{c:?}")));
        let lazy = lazy_command(&args)
            .map(|c| c.try_get_matches_from(&args).map(|m| Cli::from_arg_matches(&m).map(|c| format!("{c:?}"))));
        let text = |r: Result<Result<String, clap::Error>, clap::Error>| match r {
            Ok(Ok(s)) => s,
            Ok(Err(e)) | Err(e) => format!("error {:?}", e.kind()),
        };
        (text(full), lazy.map(text))
    }

    #[test]
    fn the_subcommand_table_is_the_command_enum() {
        let full = Cli::command();
        let names: Vec<&str> = full.get_subcommands().map(|c| c.get_name()).collect();
        assert_eq!(names, SUBCOMMANDS.iter().map(|(n, _)| *n).collect::<Vec<_>>());
        for sub in full.get_subcommands() {
            let lazy = lazy_command(&["strata".into(), sub.get_name().into()]).unwrap();
            let one = lazy.get_subcommands().next().unwrap();
            let ids = |c: &clap::Command| c.get_arguments().map(|a| a.get_id().to_string()).collect::<Vec<_>>();
            assert_eq!(ids(one), ids(sub), "{}", sub.get_name());
        }
        assert_eq!(ids_of(&lazy_command(&["strata".into()]).unwrap()), ids_of(&full));
    }

    fn ids_of(c: &clap::Command) -> Vec<String> {
        c.get_arguments().map(|a| a.get_id().to_string()).collect()
    }

    #[test]
    fn building_only_the_run_command_parses_as_the_whole_tree() {
        let runs: &[&[&str]] = &[
            &["strata"],
            &["strata", "--version"],
            &["strata", "--no-cache", "diff", "a.json", "b.json", "--section", "problems", "--lang", "en"],
            &["strata", "diff", "a", "b", "--format", "side", "--width", "80", "--ocr-mode", "never"],
            &["strata", "search", "цифровой профиль", "--limit", "3"],
            &["strata", "note", "list"],
            &["strata", "--theme", "light", "diff"],
            &["strata", "diff", "a"],
            &["strata", "diff", "a", "b", "--format", "nope"],
            &["strata", "a.json", "b.json"],
        ];
        for r in runs {
            let (full, lazy) = both(r);
            if let Some(lazy) = lazy {
                // A lazy parse that fails is parsed again whole; one that succeeds must agree.
                if !lazy.starts_with("error") || lazy.contains("DisplayVersion") {
                    assert_eq!(lazy, full, "{r:?}");
                }
            }
        }
        assert!(both(&["strata", "diff", "a", "b"]).1.is_some_and(|l| !l.starts_with("error")));
    }
}
