//! The message catalogue: every user-facing string in Russian and English, the language chosen
//! from the locale, and the number, date and plural conventions of each language.
//!
//! ```
//! use strata::i18n::{self, Lang, Msg, Noun};
//! i18n::set(Lang::Ru);
//! assert_eq!(i18n::tr(Msg::Documents), "Документы");
//! assert_eq!(i18n::count(3, Noun::Match), "3 совпадения");
//! assert_eq!(i18n::number(1234567.5), "1\u{202f}234\u{202f}567,5");
//! assert_eq!(i18n::trf(Msg::ChangeOf, &[&3, &12]), "изменение 3 из 12");
//! assert_eq!(i18n::act("распоряжение", Some("2022-09-21"), Some("1255-рп")), "распоряжение от 21.09.2022 № 1255-рп");
//! i18n::set(Lang::En);
//! assert_eq!(i18n::count(1, Noun::Match), "1 match");
//! assert_eq!(i18n::with_lang(Lang::Ru, || i18n::date("2022-09-21")), "21.09.2022");
//! ```
//!
//! - [`Msg`]: one variant per message ([`catalog`]); [`tr`] gives its text in the current
//!   language, [`trf`] fills its `{}` placeholders in order.
//! - [`Noun`] and [`count`]: a number with the right plural form («1 совпадение», «5
//!   совпадений», "2 matches").
//! - [`number`], [`date`], [`act`]: decimal comma and thin-space (U+202F) thousands in Russian, dates
//!   `21.09.2022`, approving acts «распоряжение от 21.09.2022 № 1255-рп».
//! - [`Lang::from_env`] reads `LC_ALL`, `LC_MESSAGES`, `LANG` (the first one set decides);
//!   [`set`] chooses the language for the process (a `--lang` option overrides the locale);
//!   [`with_lang`] for one thread (tests).
//!
//! - [`warnings::message`]: a document's quality warning in the current language, rendered from
//!   its code and the parameters of its stored English message.
//!
//! The language is English until [`set`] is called, so output that has not chosen one stays as
//! it was.

pub mod catalog;
mod format;
pub mod warnings;

pub use catalog::{Msg, Noun};
pub use format::{
    act, act_in, count, date, date_in, doc_label, number, number_in, plural, plural_in, version_label, version_label_in,
};

use std::sync::atomic::{AtomicU8, Ordering};

/// An interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Russian.
    Ru,
    /// English.
    En,
}

impl Lang {
    /// Both languages.
    pub const ALL: [Lang; 2] = [Lang::Ru, Lang::En];

    /// Parses a `--lang` value: `ru` or `en` (any case).
    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "ru" | "rus" | "russian" => Some(Lang::Ru),
            "en" | "eng" | "english" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language of a POSIX locale name (`ru_RU.UTF-8` → Russian); English for any other
    /// named locale; `None` for an empty one.
    pub fn from_locale(locale: &str) -> Option<Lang> {
        let l = locale.trim();
        if l.is_empty() {
            return None;
        }
        Some(if l.to_ascii_lowercase().starts_with("ru") { Lang::Ru } else { Lang::En })
    }

    /// The language of the environment: the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is
    /// set and not empty; English when none is.
    pub fn from_env() -> Lang {
        Lang::from_vars(|k| std::env::var(k).ok())
    }

    /// [`Lang::from_env`] over any variable lookup (for tests).
    pub fn from_vars(get: impl Fn(&str) -> Option<String>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|k| get(k).and_then(|v| Lang::from_locale(&v)))
            .unwrap_or(Lang::En)
    }

    /// The language code (`ru`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    /// The value of a `--lang X` / `--lang=X` option among command-line arguments, read before
    /// the arguments are parsed (the help itself must be in the chosen language). Arguments after
    /// `--` are not options. A value that is not a language counts as absent here: the parser
    /// reports it.
    pub fn from_args<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Option<Lang> {
        let mut it = args.iter().map(|a| a.as_ref().to_string_lossy());
        let mut found = None;
        while let Some(a) = it.next() {
            let value = if a == "--" {
                break;
            } else if a == "--lang" {
                it.next().map(|v| v.into_owned())
            } else if let Some(v) = a.strip_prefix("--lang=") {
                Some(v.to_string())
            } else {
                continue;
            };
            // The last one wins, as clap takes it.
            found = value.and_then(|v| Lang::parse(&v));
        }
        found
    }

    /// The `lang` key of the `[interface]` table of a config file's text (`lang = "ru"`);
    /// `Ok(None)` when the key is absent. The error names the key and the problem.
    pub fn from_config(text: &str) -> Result<Option<Lang>, String> {
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| e.message().to_string())?;
        let Some(v) = table.get("interface").and_then(|i| i.get("lang")) else { return Ok(None) };
        match v.as_str().and_then(Lang::parse) {
            Some(l) => Ok(Some(l)),
            None => Err(fill(Msg::BadConfigLang.text(Lang::from_env()), &[&v])),
        }
    }

    /// The interface language: `--lang` (`flag`), else the config file's `interface.lang`, else
    /// the locale ([`Lang::from_env`]). A bad value anywhere is an error naming where it is.
    pub fn choose(flag: Option<Lang>, config: Option<(&std::path::Path, &str)>) -> Result<Lang, String> {
        if let Some(l) = flag {
            return Ok(l);
        }
        if let Some((path, text)) = config
            && let Some(l) = Lang::from_config(text).map_err(|e| format!("{}: {e}", path.display()))?
        {
            return Ok(l);
        }
        Ok(Lang::from_env())
    }
}

static CURRENT: AtomicU8 = AtomicU8::new(1);

/// Chooses the language for the rest of the process.
pub fn set(lang: Lang) {
    CURRENT.store(if lang == Lang::Ru { 0 } else { 1 }, Ordering::Relaxed);
}

thread_local! {
    static OVERRIDE: std::cell::Cell<Option<Lang>> = const { std::cell::Cell::new(None) };
}

/// The current language: this thread's [`with_lang`] if inside one, else the process's.
pub fn lang() -> Lang {
    if let Some(l) = OVERRIDE.with(|o| o.get()) {
        return l;
    }
    if CURRENT.load(Ordering::Relaxed) == 0 { Lang::Ru } else { Lang::En }
}

/// Runs `f` with `lang` as this thread's language (for tests and for output that must be in a
/// given language whatever the process chose).
pub fn with_lang<R>(lang: Lang, f: impl FnOnce() -> R) -> R {
    struct Restore(Option<Lang>);
    impl Drop for Restore {
        fn drop(&mut self) {
            OVERRIDE.with(|o| o.set(self.0));
        }
    }
    let _restore = Restore(OVERRIDE.with(|o| o.replace(Some(lang))));
    f()
}

/// A message in the current language.
pub fn tr(m: Msg) -> &'static str {
    m.text(lang())
}

/// A message in the current language with its `{}` placeholders filled in order.
pub fn trf(m: Msg, args: &[&dyn std::fmt::Display]) -> String {
    fill(m.text(lang()), args)
}

/// An OS error in the current language: the common kinds (not found, permission denied, is a
/// folder, no space…) from their [`std::io::ErrorKind`] in Russian; in English, and for any
/// other kind, the system's own words (quoted after a Russian lead).
pub fn os_error(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    if lang() == Lang::En {
        return e.to_string();
    }
    let m = match e.kind() {
        K::NotFound => Msg::OsNotFound,
        K::PermissionDenied => Msg::OsPermissionDenied,
        K::IsADirectory => Msg::OsIsADirectory,
        K::NotADirectory => Msg::OsNotADirectory,
        K::StorageFull => Msg::OsStorageFull,
        K::QuotaExceeded => Msg::OsQuotaExceeded,
        K::ReadOnlyFilesystem => Msg::OsReadOnlyFilesystem,
        K::AlreadyExists => Msg::OsAlreadyExists,
        K::DirectoryNotEmpty => Msg::OsDirectoryNotEmpty,
        K::FileTooLarge => Msg::OsFileTooLarge,
        K::InvalidFilename => Msg::OsInvalidFilename,
        K::ResourceBusy | K::ExecutableFileBusy => Msg::OsResourceBusy,
        K::OutOfMemory => Msg::OsOutOfMemory,
        K::TimedOut => Msg::OsTimedOut,
        K::UnexpectedEof => Msg::OsUnexpectedEof,
        K::StaleNetworkFileHandle => Msg::OsStaleNetworkFile,
        K::Unsupported => Msg::OsUnsupported,
        K::CrossesDevices => Msg::OsCrossesDevices,
        // Our own errors made with a message (`io::Error::other`) and the rarer kinds.
        _ => return trf(Msg::OsOther, &[e]),
    };
    tr(m).to_string()
}

/// Fills `{}` placeholders in order; missing arguments leave the placeholder empty.
pub fn fill(template: &str, args: &[&dyn std::fmt::Display]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(template.len() + 16);
    let mut args = args.iter();
    let mut rest = template;
    while let Some(i) = rest.find("{}") {
        out.push_str(&rest[..i]);
        if let Some(a) = args.next() {
            let _ = write!(out, "{a}");
        }
        rest = &rest[i + 2..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_exists_in_both_languages_with_the_same_placeholders() {
        for &m in Msg::ALL {
            let ru = m.text(Lang::Ru);
            let en = m.text(Lang::En);
            assert!(!ru.trim().is_empty() && !en.trim().is_empty(), "{m:?} is empty in a language");
            assert_eq!(
                ru.matches("{}").count(),
                en.matches("{}").count(),
                "{m:?}: placeholders differ: {ru:?} / {en:?}"
            );
            let cyr = |s: &str| s.chars().any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap_or(c)));
            let latin = |s: &str| s.chars().any(|c| c.is_ascii_alphabetic());
            assert!(cyr(ru) || ru == en || !latin(ru), "{m:?}: the Russian text has no Russian: {ru:?}");
        }
        for &n in Noun::ALL {
            for l in Lang::ALL {
                assert!(n.forms(l).iter().all(|f| !f.is_empty()), "{n:?} {l:?}");
            }
        }
    }

    #[test]
    fn os_errors_in_russian_by_their_kind_and_quoted_otherwise() {
        use std::io::{Error, ErrorKind};
        let missing = Error::from_raw_os_error(2);
        let full = Error::from(ErrorKind::StorageFull);
        let odd = Error::other("disk gone");
        with_lang(Lang::Ru, || {
            assert_eq!(os_error(&missing), "нет такого файла или папки");
            assert_eq!(os_error(&Error::from_raw_os_error(13)), "нет прав доступа");
            assert_eq!(os_error(&Error::from_raw_os_error(21)), "это папка, а не файл");
            assert_eq!(os_error(&full), "на диске не осталось места");
            assert_eq!(os_error(&odd), "ошибка системы (её сообщение: «disk gone»)");
        });
        with_lang(Lang::En, || {
            assert_eq!(os_error(&missing), missing.to_string());
            assert_eq!(os_error(&odd), "disk gone");
        });
    }

    #[test]
    fn locale_from_the_environment_in_posix_order() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
        };
        assert_eq!(Lang::from_vars(env(&[("LANG", "ru_RU.UTF-8")])), Lang::Ru);
        assert_eq!(Lang::from_vars(env(&[("LANG", "ru_RU.UTF-8"), ("LC_ALL", "C")])), Lang::En, "LC_ALL wins");
        assert_eq!(Lang::from_vars(env(&[("LC_ALL", ""), ("LC_MESSAGES", "ru_RU"), ("LANG", "en_US")])), Lang::Ru);
        assert_eq!(Lang::from_vars(env(&[])), Lang::En);
        assert_eq!(Lang::parse("RU"), Some(Lang::Ru));
        assert_eq!(Lang::parse("de"), None);
    }

    #[test]
    fn language_from_the_command_line_and_the_config_file() {
        assert_eq!(Lang::from_args(&["strata", "diff", "--lang", "ru", "a", "b"]), Some(Lang::Ru));
        assert_eq!(Lang::from_args(&["strata", "--lang=en", "--lang", "RU"]), Some(Lang::Ru), "the last one wins");
        assert_eq!(Lang::from_args(&["strata", "search", "--", "--lang", "ru"]), None, "after -- it is a query");
        assert_eq!(Lang::from_args(&["strata", "--lang", "de"]), None, "the parser reports it");
        assert_eq!(Lang::from_config("[interface]\nlang = \"ru\"\n[notes]\nauthor = \"И\"\n"), Ok(Some(Lang::Ru)));
        assert_eq!(Lang::from_config("[notes]\nauthor = \"И\"\n"), Ok(None));
        assert!(Lang::from_config("[interface]\nlang = \"de\"\n").unwrap_err().contains("interface.lang"));
        assert!(Lang::from_config("[interface\n").is_err());
        let path = std::path::Path::new("/etc/strata/config.toml");
        assert_eq!(Lang::choose(Some(Lang::En), Some((path, "[interface]\nlang = \"ru\""))), Ok(Lang::En));
        assert_eq!(Lang::choose(None, Some((path, "[interface]\nlang = \"ru\""))), Ok(Lang::Ru));
        let bad = Lang::choose(None, Some((path, "[interface]\nlang = 5"))).unwrap_err();
        assert!(bad.starts_with("/etc/strata/config.toml: interface.lang"), "{bad}");
    }

    #[test]
    fn a_thread_can_use_its_own_language() {
        let ru = with_lang(Lang::Ru, || (tr(Msg::Documents), count(5, Noun::Match)));
        assert_eq!(ru, ("Документы", "5 совпадений".to_string()));
        assert_eq!(with_lang(Lang::En, || tr(Msg::Documents)), "Documents");
    }

    #[test]
    fn placeholders_fill_in_order() {
        assert_eq!(fill("{} из {}", &[&3, &"12"]), "3 из 12");
        assert_eq!(fill("нет {}", &[]), "нет ");
    }
}
