//! Where the notes store is and who writes the notes.
//!
//! The store is the folder holding `notes.sqlite`:
//! 1. `$STRATA_DATA_DIR` when set (one run, tests);
//! 2. else `notes.store` in the config file, a shared folder for a team on one host;
//! 3. else `$XDG_DATA_HOME/strata`, else `~/.local/share/strata`.
//!
//! The config file is `config.toml` in the config folder, the one folder every setting of strata
//! is in (the interface's `keys.toml`, `themes/` and language too, see [`config_dir`]):
//! `$STRATA_CONFIG_DIR`, else `$XDG_CONFIG_HOME/strata`, else `~/.config/strata`. Only the
//! `[notes]` table is read here:
//!
//! ```toml
//! [notes]
//! store = "/srv/review/strata"   # a group-writable folder shared by the reviewers
//! author = "Иванова А. А."       # instead of $USER
//! busy_timeout_ms = 15000         # how long a write waits for another reviewer's (default 15 s)
//! ```

use super::StoreError;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// File name of the database inside the store folder.
pub const DB_FILE: &str = "notes.sqlite";

/// The resolved settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The store folder.
    pub store_dir: PathBuf,
    /// The author name written on new notes.
    pub author: String,
    /// How long a write waits for another process's write.
    pub busy_timeout: Duration,
    /// The config file that was read, if there was one.
    pub config_file: Option<PathBuf>,
}

impl Settings {
    /// The database file.
    pub fn db_path(&self) -> PathBuf {
        self.store_dir.join(DB_FILE)
    }
}

#[derive(Debug, Default, Deserialize)]
struct ConfigFile {
    #[serde(default)]
    notes: NotesConfig,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct NotesConfig {
    store: Option<PathBuf>,
    author: Option<String>,
    busy_timeout_ms: Option<u64>,
}

/// The config folder: `$STRATA_CONFIG_DIR`, else `$XDG_CONFIG_HOME/strata`, else
/// `~/.config/strata` (variables set but empty count as unset). The one rule for every config
/// file strata reads: `config.toml` (notes, interface language), `keys.toml`, `themes/`.
pub fn config_dir() -> Option<PathBuf> {
    config_dir_with(&|k| std::env::var_os(k).filter(|v| !v.is_empty()).map(PathBuf::from))
}

/// [`config_dir`] with `env` standing for the environment.
fn config_dir_with(env: &dyn Fn(&str) -> Option<PathBuf>) -> Option<PathBuf> {
    env("STRATA_CONFIG_DIR")
        .or_else(|| env("XDG_CONFIG_HOME").map(|d| d.join("strata")))
        .or_else(|| env("HOME").map(|h| h.join(".config").join("strata")))
}

/// Resolves the settings from the process environment and the config file.
pub fn settings() -> Result<Settings, StoreError> {
    settings_with(&|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
}

/// Resolves the settings with `env` standing for the environment (for tests).
pub fn settings_with(env: &dyn Fn(&str) -> Option<String>) -> Result<Settings, StoreError> {
    let home = env("HOME").map(PathBuf::from);
    let config_file =
        config_dir_with(&|k| env(k).map(PathBuf::from)).map(|d| d.join("config.toml")).filter(|p| p.is_file());
    let config = match &config_file {
        Some(p) => read_config(p)?,
        None => ConfigFile::default(),
    };
    let store_dir = env("STRATA_DATA_DIR")
        .map(PathBuf::from)
        .or(config.notes.store.clone())
        .or_else(|| env("XDG_DATA_HOME").map(|d| PathBuf::from(d).join("strata")))
        .or_else(|| home.as_ref().map(|h| h.join(".local/share/strata")))
        .ok_or_else(|| StoreError {
            file: PathBuf::from("~/.local/share/strata"),
            problem: crate::i18n::tr(crate::i18n::Msg::StoreNoPlace).into(),
        })?;
    let author = config
        .notes
        .author
        .clone()
        .map(|a| a.trim().to_string())
        .filter(|a| !a.is_empty())
        .or_else(|| env("USER"))
        .or_else(|| env("LOGNAME"))
        .unwrap_or_else(|| "unknown".into());
    let busy_timeout = config.notes.busy_timeout_ms.map_or(super::store::BUSY_TIMEOUT, Duration::from_millis);
    Ok(Settings { store_dir, author, busy_timeout, config_file })
}

fn read_config(path: &Path) -> Result<ConfigFile, StoreError> {
    let err = |problem: String| StoreError { file: path.to_path_buf(), problem };
    let text = std::fs::read_to_string(path)
        .map_err(|e| err(crate::i18n::trf(crate::i18n::Msg::ConfigCannotRead, &[&crate::i18n::os_error(&e)])))?;
    toml::from_str(&text).map_err(|e| {
        let place = e.span().map(|s| {
            let before = &text[..s.start.min(text.len())];
            format!("{}: ", crate::i18n::trf(crate::i18n::Msg::AtLine, &[&(before.matches('\n').count() + 1)]))
        });
        err(format!("{}{}", place.unwrap_or_default(), e.message().trim()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env_of(pairs: &[(&str, String)]) -> impl Fn(&str) -> Option<String> {
        let m: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
        move |k| m.get(k).cloned()
    }

    #[test]
    fn precedence_env_then_config_then_xdg_then_home() {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().to_string_lossy().to_string();
        let s = settings_with(&env_of(&[("HOME", home.clone()), ("USER", "ivanova".into())])).unwrap();
        assert_eq!(s.store_dir, dir.path().join(".local/share/strata"));
        assert_eq!(s.author, "ivanova");
        let xdg = settings_with(&env_of(&[("HOME", home.clone()), ("XDG_DATA_HOME", "/x".into())])).unwrap();
        assert_eq!(xdg.store_dir, PathBuf::from("/x/strata"));
        let cfg = dir.path().join(".config/strata");
        std::fs::create_dir_all(&cfg).unwrap();
        std::fs::write(
            cfg.join("config.toml"),
            "[notes]\nstore = \"/srv/review/strata\"\nauthor = \"Иванова А. А.\"\n",
        )
        .unwrap();
        let c = settings_with(&env_of(&[("HOME", home.clone()), ("XDG_DATA_HOME", "/x".into())])).unwrap();
        assert_eq!(c.store_dir, PathBuf::from("/srv/review/strata"));
        assert_eq!(c.author, "Иванова А. А.");
        let e = settings_with(&env_of(&[("HOME", home.clone()), ("STRATA_DATA_DIR", "/d".into())])).unwrap();
        assert_eq!(e.store_dir, PathBuf::from("/d"));
    }

    /// The notes settings come from the same config folder as the interface's: a
    /// `STRATA_CONFIG_DIR` holding `config.toml` is read, over `XDG_CONFIG_HOME` and `HOME`.
    #[test]
    fn the_config_folder_is_strata_config_dir_then_xdg_then_home() {
        let dir = tempfile::tempdir().unwrap();
        let p = |s: &str| dir.path().join(s);
        for (folder, store) in [("own", "/own"), ("xdg/strata", "/xdg"), ("home/.config/strata", "/home")] {
            std::fs::create_dir_all(p(folder)).unwrap();
            std::fs::write(p(folder).join("config.toml"), format!("[notes]\nstore = \"{store}\"\n")).unwrap();
        }
        let s = |v: &str| p(v).to_string_lossy().to_string();
        let all = [("STRATA_CONFIG_DIR", s("own")), ("XDG_CONFIG_HOME", s("xdg")), ("HOME", s("home"))];
        for (n, folder, want) in [(3, "own", "/own"), (2, "xdg/strata", "/xdg"), (1, "home/.config/strata", "/home")] {
            let env = &all[3 - n..];
            let got = settings_with(&env_of(env)).unwrap();
            assert_eq!(got.store_dir, PathBuf::from(want), "with {env:?}");
            assert_eq!(got.config_file, Some(p(folder).join("config.toml")), "with {env:?}");
            let dirs = |k: &str| env.iter().find(|(e, _)| *e == k).map(|(_, v)| PathBuf::from(v));
            assert_eq!(config_dir_with(&dirs), Some(p(folder)), "with {env:?}");
        }
    }

    #[test]
    fn a_bad_config_names_the_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let cfg = dir.path().join("strata");
        std::fs::create_dir_all(&cfg).unwrap();
        std::fs::write(cfg.join("config.toml"), "[notes]\nstore = \"/a\"\nstroe = 1\n").unwrap();
        let err = settings_with(&env_of(&[("XDG_CONFIG_HOME", dir.path().to_string_lossy().to_string())])).unwrap_err();
        assert!(err.file.ends_with("strata/config.toml"), "{err}");
        assert!(err.problem.starts_with("line 3: "), "{err}");
        assert!(err.problem.contains("stroe"), "{err}");
    }
}
