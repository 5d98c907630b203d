//! Where the notes store is and who writes the notes.
//!
//! The store is the folder holding `notes.sqlite`:
//! 1. `$STRATA_DATA_DIR` when set (one run, tests);
//! 2. else `notes.store` in the config file, a shared folder for a team on one host;
//! 3. else `$XDG_DATA_HOME/strata`, else `~/.local/share/strata`.
//!
//! The config file is `$XDG_CONFIG_HOME/strata/config.toml`, else `~/.config/strata/config.toml`.
//! Only the `[notes]` table is read here:
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

/// Resolves the settings from the process environment and the config file.
pub fn settings() -> Result<Settings, StoreError> {
    settings_with(&|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
}

/// Resolves the settings with `env` standing for the environment (for tests).
pub fn settings_with(env: &dyn Fn(&str) -> Option<String>) -> Result<Settings, StoreError> {
    let home = env("HOME").map(PathBuf::from);
    let config_dir = env("XDG_CONFIG_HOME").map(PathBuf::from).or_else(|| home.as_ref().map(|h| h.join(".config")));
    let config_file = config_dir.map(|d| d.join("strata").join("config.toml")).filter(|p| p.is_file());
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
