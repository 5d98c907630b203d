//! `strata [PATH...]`: open the reviewer TUI, or print a summary when stdout is not a terminal.

use std::io::IsTerminal;
use std::path::PathBuf;
use strata::tui::loader::Source;
use strata::tui::theme::ColorChoice;

/// Arguments for opening documents in the TUI.
#[derive(Debug, clap::Args)]
pub struct OpenArgs {
    /// JSON documents or folders to open (default: the bundled samples).
    paths: Vec<PathBuf>,
    /// Theme: a built-in name (dark, light, high-contrast, ansi16), a name in the config folder's
    /// themes/, or a .toml file.
    #[arg(long, value_name = "NAME|PATH")]
    theme: Option<String>,
    /// When to use colour (NO_COLOR is honoured by auto).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    color: ColorChoice,
    /// Capture the mouse (wheel and click); the default is on, except over SSH.
    #[arg(long, overrides_with = "no_mouse")]
    mouse: bool,
    /// Leave the mouse to the terminal (its own select and copy).
    #[arg(long)]
    no_mouse: bool,
    /// Draw borders with ASCII characters (for terminals that show box-drawing characters
    /// double-width, e.g. with "ambiguous width = wide").
    #[arg(long)]
    ascii: bool,
    /// Show timings (search, comparison) in the status line.
    #[arg(long)]
    debug: bool,
}

/// Opens the documents and runs the UI; without a terminal, prints what it would open.
pub fn run(args: OpenArgs) -> anyhow::Result<i32> {
    let mouse = if args.mouse {
        Some(true)
    } else if args.no_mouse {
        Some(false)
    } else {
        None
    };
    let opts = strata::tui::Options {
        theme: args.theme,
        color: args.color,
        mouse,
        ascii: args.ascii,
        lang: Some(strata::i18n::lang()),
        debug: args.debug,
    };
    // Settings first, so that a bad theme is reported whether or not there is a terminal.
    let settings = strata::tui::settings(&opts).map_err(anyhow::Error::msg)?;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        let set =
            if args.paths.is_empty() { strata::load::load_bundled() } else { strata::load::load_paths(&args.paths) };
        let summary = strata::tui::summary(&set, 20);
        let note = strata::i18n::tr(strata::i18n::Msg::NotATerminal);
        strata::output::term::out(&format!("{summary}{note}\n"))?;
        return Ok(if set.errors.is_empty() { 0 } else { 2 });
    }
    // On a terminal the documents load in the background while the UI is already up.
    let source = if args.paths.is_empty() { Source::Bundled } else { Source::Paths(args.paths) };
    strata::tui::run(source, settings, opts.color)?;
    Ok(0)
}
