//! The command-line help in the interface language.
//!
//! clap's derive writes the help from the doc comments, in English, at compile time. For Russian,
//! the built [`clap::Command`] is walked before parsing and every text replaced from the
//! catalogue: each command's `about`, each argument's help and its possible values from
//! [`strata::i18n::catalog::cli_help`] (keyed `"<command path> <arg id>"`, see [`key`]), clap's
//! own words (headings, `--help`, `--version`, the `help` command, defaults and possible values)
//! from [`Msg`]. English keeps the doc comments. A test checks that every command and argument
//! has its Russian text, and that the table names nothing that does not exist.

use clap::builder::PossibleValue;
use clap::{Arg, Command};
use strata::i18n::catalog::cli_help;
use strata::i18n::{Lang, Msg, fill};

/// The command in `lang`: built (so that `--help`, `--version` and the `help` command exist)
/// and, for Russian, translated.
pub fn localize(mut cmd: Command, lang: Lang) -> Command {
    cmd.build();
    if lang == Lang::En {
        return cmd;
    }
    translate(cmd, "", lang)
}

/// The catalogue key of an argument (`id`) or a possible value (`id=value`) of the command at
/// `path` (`""` for `strata` itself, `"note add"`): `"<path> <what>"`; a command's own about is
/// keyed by its path. Global options are keyed at the root and found from every command.
pub fn key(path: &str, what: &str) -> String {
    if path.is_empty() { what.to_string() } else { format!("{path} {what}") }
}

/// Looks `what` up for the command at `path`, then as a shared entry.
fn lookup(path: &str, what: &str, lang: Lang) -> Option<&'static str> {
    cli_help(&key(path, what), lang).or_else(|| cli_help(what, lang))
}

/// Translates one command and, through `mut_subcommands`, the ones below it (the tree is the
/// fixed command set, not input). The `help` command's copies of the tree are left alone:
/// `strata help diff` prints the real `diff`'s help.
fn translate(cmd: Command, path: &str, lang: Lang) -> Command {
    let is_help = cmd.get_name() == "help" && !path.is_empty();
    let about = if is_help { Some(Msg::HelpCommand.text(lang)) } else { cli_help(path, lang) };
    let mut cmd = cmd
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
            Msg::HelpUsage.text(lang)
        ))
        .subcommand_help_heading(Msg::HelpCommands.text(lang));
    if let Some(about) = about {
        cmd = cmd.about(about).long_about(None::<&str>);
    }
    cmd = cmd.mut_args(|a| translate_arg(a, path, is_help, lang));
    if is_help {
        return cmd;
    }
    cmd.mut_subcommands(|sub| {
        let sub_path = key(path, sub.get_name());
        translate(sub, &sub_path, lang)
    })
}

/// Translates one argument: its help, heading, possible values and default.
fn translate_arg(a: Arg, path: &str, in_help_command: bool, lang: Lang) -> Arg {
    let id = a.get_id().as_str().to_string();
    let heading = if a.is_positional() { Msg::HelpArguments } else { Msg::HelpOptions };
    let mut a = a.help_heading(heading.text(lang));
    let (short, long): (Option<String>, Option<String>) = match id.as_str() {
        "help" if a.get_long_help().is_some() => {
            (Some(Msg::HelpFlagMore.text(lang).into()), Some(Msg::HelpFlagLong.text(lang).into()))
        }
        "help" => (Some(Msg::HelpFlag.text(lang).into()), None),
        "version" => (Some(Msg::VersionFlag.text(lang).into()), None),
        "subcommand" if in_help_command => (Some(Msg::HelpCommandArg.text(lang).into()), None),
        _ => match lookup(path, &id, lang) {
            Some(t) => {
                let (values_short, values_long) = values(&a, path, &id, lang);
                (Some(format!("{t}{values_short}")), values_long.map(|v| format!("{t}{v}")))
            }
            None => (None, None),
        },
    };
    if let Some(s) = short {
        a = a.help(s).hide_possible_values(true).hide_default_value(true);
        a = match long {
            Some(l) => a.long_help(l),
            None => a.long_help(None::<&str>),
        };
    }
    a
}

/// The possible values and default of an argument in words: for the short help (`[значения:
/// …] [по умолчанию: …]`), and for the long help when the values have their own help.
fn values(a: &Arg, path: &str, id: &str, lang: Lang) -> (String, Option<String>) {
    let pv: Vec<PossibleValue> = a.get_possible_values().into_iter().filter(|v| !v.is_hide_set()).collect();
    let defaults: Vec<String> =
        a.get_default_values().iter().map(|d| d.to_string_lossy().into_owned()).filter(|d| !d.is_empty()).collect();
    let default = if defaults.is_empty() || a.is_hide_default_value_set() {
        String::new()
    } else {
        format!(" {}", fill(Msg::HelpDefault.text(lang), &[&defaults.join(", ")]))
    };
    let names: Vec<&str> = pv.iter().map(|v| v.get_name()).collect();
    let is_flag = !a.get_action().takes_values();
    if pv.is_empty() || is_flag || a.is_hide_possible_values_set() {
        return (if is_flag { String::new() } else { default }, None);
    }
    let short = format!(" {}{default}", fill(Msg::HelpPossibleShort.text(lang), &[&names.join(", ")]));
    if pv.iter().all(|v| v.get_help().is_none()) {
        return (short, None);
    }
    let mut long = format!("\n\n{}", Msg::HelpPossible.text(lang));
    let width = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
    for v in &pv {
        let text = lookup(path, &format!("{id}={}", v.get_name()), lang)
            .map(str::to_string)
            .or_else(|| v.get_help().map(|h| h.to_string()));
        match text {
            Some(t) => long.push_str(&format!("\n- {:<w$} {t}", format!("{}:", v.get_name()), w = width + 1)),
            None => long.push_str(&format!("\n- {}", v.get_name())),
        }
    }
    if !default.is_empty() {
        long.push_str(&format!("\n\n{}", default.trim_start()));
    }
    (short, Some(long))
}

/// A parse error in the interface language, or `None` to let clap print its own (English, and
/// help or version output, which is not an error). Built from the error's kind and context, so
/// the argument names and suggestions are clap's.
pub fn error_text(e: &clap::Error, lang: Lang) -> Option<String> {
    use clap::error::{ContextKind as K, ContextValue as V, ErrorKind};
    if lang == Lang::En {
        return None;
    }
    let text = |k: K| match e.get(k) {
        Some(V::String(s)) => Some(s.clone()),
        Some(V::Strings(v)) => Some(v.join(", ")),
        Some(V::StyledStr(s)) => Some(s.to_string()),
        Some(V::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let m = |msg: Msg, args: &[&dyn std::fmt::Display]| fill(msg.text(lang), args);
    let arg = text(K::InvalidArg).unwrap_or_default();
    let value = text(K::InvalidValue).unwrap_or_default();
    let mut out = match e.kind() {
        ErrorKind::UnknownArgument => m(Msg::ClapUnknownArgument, &[&arg]),
        ErrorKind::InvalidSubcommand => m(Msg::ClapUnknownCommand, &[&text(K::InvalidSubcommand)?]),
        ErrorKind::InvalidValue if value.is_empty() => m(Msg::ClapValueMissing, &[&arg]),
        ErrorKind::InvalidValue => m(Msg::ClapInvalidValue, &[&value, &arg]),
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e).map(|s| format!(": {s}")).unwrap_or_default();
            format!("{}{why}", m(Msg::ClapInvalidValue, &[&value, &arg]))
        }
        ErrorKind::MissingRequiredArgument => {
            let Some(V::Strings(missing)) = e.get(K::InvalidArg) else { return None };
            let mut s = m(Msg::ClapMissing, &[]);
            for a in missing {
                s.push_str(&format!("\n  {a}"));
            }
            s
        }
        ErrorKind::ArgumentConflict => match text(K::PriorArg) {
            Some(prior) if prior != arg => m(Msg::ClapConflict, &[&arg, &prior]),
            _ => m(Msg::ClapTwice, &[&arg]),
        },
        ErrorKind::TooManyValues => m(Msg::ClapTooMany, &[&value, &arg]),
        ErrorKind::NoEquals => m(Msg::ClapNoEquals, &[&arg]),
        _ => return None,
    };
    out = format!("{} {out}", Msg::ClapError.text(lang));
    if let Some(V::Strings(valid)) = e.get(K::ValidValue).filter(|_| e.kind() == ErrorKind::InvalidValue) {
        out.push_str(&format!("\n  {}", fill(Msg::HelpPossibleShort.text(lang), &[&valid.join(", ")])));
    }
    for k in [K::SuggestedArg, K::SuggestedSubcommand, K::SuggestedValue] {
        if let Some(s) = text(k) {
            out.push_str(&format!("\n\n  {}", m(Msg::ClapDidYouMean, &[&s])));
        }
    }
    if let Some(usage) = text(K::Usage) {
        let usage = usage.trim();
        let usage = usage.strip_prefix("Usage:").map(str::trim_start).unwrap_or(usage);
        out.push_str(&format!("\n\n{} {usage}", Msg::HelpUsage.text(lang)));
    }
    out.push_str(&format!("\n\n{}\n", Msg::ClapMoreHelp.text(lang)));
    Some(out)
}

/// Every catalogue key the command tree needs, with its English text: commands (their path,
/// `""` for the root), arguments, and possible values that have help. Built-in `help`/`version` are left out
/// (they come from [`Msg`]).
#[cfg(test)]
pub fn needed_keys(cmd: &Command) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![(String::new(), cmd)];
    while let Some((path, c)) = stack.pop() {
        if c.get_name() == "help" && !path.is_empty() {
            continue;
        }
        out.push((path.clone(), c.get_about().map(|s| s.to_string()).unwrap_or_default()));
        for a in c.get_arguments().filter(|a| !a.is_hide_set()) {
            let id = a.get_id().as_str();
            if id == "help" || id == "version" || (a.is_global_set() && !path.is_empty()) {
                continue;
            }
            out.push((key(&path, id), a.get_help().map(|s| s.to_string()).unwrap_or_default()));
            for v in a.get_possible_values().iter().filter(|v| v.get_help().is_some() && !v.is_hide_set()) {
                out.push((key(&path, &format!("{id}={}", v.get_name())), v.get_help().unwrap().to_string()));
            }
        }
        for s in c.get_subcommands() {
            stack.push((key(&path, s.get_name()), s));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;
    use strata::i18n::catalog::CLI_HELP_RU;

    fn built() -> Command {
        let mut c = crate::cli::Cli::command();
        c.build();
        c
    }

    #[test]
    fn every_command_and_argument_has_its_russian_help_and_the_table_names_only_real_ones() {
        let needed = needed_keys(&built());
        let missing: Vec<&str> =
            needed.iter().map(|(k, _)| k.as_str()).filter(|k| cli_help(k, Lang::Ru).is_none()).collect();
        assert!(missing.is_empty(), "no Russian help in i18n::catalog::CLI_HELP_RU for: {missing:?}");
        let stale: Vec<&str> =
            CLI_HELP_RU.iter().map(|(k, _)| *k).filter(|k| !needed.iter().any(|(n, _)| n == k)).collect();
        assert!(stale.is_empty(), "CLI_HELP_RU names what the commands do not have: {stale:?}");
        let mut keys: Vec<&str> = CLI_HELP_RU.iter().map(|(k, _)| *k).collect();
        keys.sort_unstable();
        let before = keys.len();
        keys.dedup();
        assert_eq!(before, keys.len(), "a key twice in CLI_HELP_RU");
        for (k, ru) in CLI_HELP_RU {
            assert!(ru.chars().any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap_or(c))), "{k}: {ru}");
        }
    }

    /// The help of every command, short and long, as the user sees it.
    fn all_help(lang: Lang) -> Vec<(String, String)> {
        let mut root = localize(crate::cli::Cli::command(), lang);
        let mut out = vec![("strata -h".to_string(), root.render_help().to_string())];
        out.push(("strata --help".into(), root.render_long_help().to_string()));
        let names: Vec<String> = root.get_subcommands().map(|s| s.get_name().to_string()).collect();
        let mut stack: Vec<(String, Vec<String>)> = names.into_iter().map(|n| (n.clone(), vec![n])).collect();
        while let Some((label, path)) = stack.pop() {
            let mut c = &mut root;
            for p in &path {
                c = c.find_subcommand_mut(p).unwrap();
            }
            out.push((format!("{label} -h"), c.render_help().to_string()));
            out.push((format!("{label} --help"), c.render_long_help().to_string()));
            if path[0] != "help" {
                for s in c.get_subcommands().filter(|s| s.get_name() != "help") {
                    let mut p = path.clone();
                    p.push(s.get_name().to_string());
                    stack.push((format!("{label} {}", s.get_name()), p));
                }
            }
        }
        out
    }

    #[test]
    fn russian_help_has_no_english_words_of_clap_and_english_help_stays_as_written() {
        for (what, text) in all_help(Lang::Ru) {
            for english in
                ["Usage:", "Options:", "Arguments:", "Commands:", "Print help", "Possible values", "[default"]
            {
                assert!(!text.contains(english), "{what}: {english:?} in the Russian help:\n{text}");
            }
            assert!(text.contains("Использование:"), "{what}:\n{text}");
        }
        let en = all_help(Lang::En);
        let diff = en.iter().find(|(w, _)| w == "diff --help").unwrap();
        assert!(diff.1.contains("Usage: strata diff") && diff.1.contains("Compare two documents"), "{}", diff.1);
        let ru = all_help(Lang::Ru);
        let diff = &ru.iter().find(|(w, _)| w == "diff --help").unwrap().1;
        assert!(
            diff.contains("Сравнить два документа по разделам") && diff.contains("[по умолчанию: unified]"),
            "{diff}"
        );
        let root = &ru.iter().find(|(w, _)| w == "strata --help").unwrap().1;
        assert!(root.contains("Возможные значения:") && root.contains("- never:  никогда"), "{root}");
    }

    #[test]
    fn parse_errors_in_russian() {
        let err = |args: &[&str]| {
            // The value parsers speak the process language; this thread's is Russian here.
            let e = strata::i18n::with_lang(Lang::Ru, || {
                localize(crate::cli::Cli::command(), Lang::Ru).try_get_matches_from(args).unwrap_err()
            });
            (error_text(&e, Lang::Ru), error_text(&e, Lang::En))
        };
        let (ru, en) = err(&["strata", "diff", "a", "b", "--formt", "stat"]);
        let ru = ru.unwrap();
        assert!(ru.starts_with("ошибка: неизвестный параметр «--formt»"), "{ru}");
        assert!(ru.contains("может быть, «--format»?") && ru.contains("Использование: strata diff"), "{ru}");
        assert_eq!(en, None, "English is clap's own");
        let ru = err(&["strata", "diff", "a", "b", "--format", "sid"]).0.unwrap();
        assert!(ru.contains("недопустимое значение «sid» для «--format <FORMAT>»"), "{ru}");
        assert!(ru.contains("[значения: unified, side, stat, json, markdown]"), "{ru}");
        let ru = err(&["strata", "diff", "a"]).0.unwrap();
        assert!(ru.contains("не указаны обязательные аргументы:\n  <B>"), "{ru}");
        let ru = err(&["strata", "corpus", "--out", "x", "--regions", "0"]).0.unwrap();
        assert!(ru.contains("«0» для «--regions <REGIONS>»: 0 вне допустимого: укажите от 1 до 1000"), "{ru}");
        let ru = err(&["strata", "note", "ad"]).0.unwrap();
        assert!(ru.contains("неизвестная команда «ad»") && ru.contains("«add»"), "{ru}");
        let (ru, en) = err(&["strata", "diff", "-h"]);
        assert_eq!((ru, en), (None, None), "help is not an error");
    }

    #[test]
    fn the_localized_command_parses_as_the_derived_one() {
        use clap::FromArgMatches;
        let m = localize(crate::cli::Cli::command(), Lang::Ru)
            .try_get_matches_from(["strata", "diff", "a.json", "b.json", "--format", "stat", "--lang", "en"])
            .unwrap();
        let cli = crate::cli::Cli::from_arg_matches(&m).unwrap();
        assert_eq!(cli.root.lang, Some(Lang::En));
        let e =
            localize(crate::cli::Cli::command(), Lang::Ru).try_get_matches_from(["strata", "diff", "-h"]).unwrap_err();
        assert!(e.to_string().contains("Прежний документ"), "{e}");
    }
}
