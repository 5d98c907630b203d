//! Optional sidecar metadata beside a raw text: `<stem>.meta.toml`.
//!
//! Some facts are not in the text itself, chiefly which version of a region's strategy a file is
//! (for instance an illustrative revision derived by scripted edits). A sidecar states them:
//!
//! ```toml
//! [version]
//! label = "2022 rev. (illustrative)"
//! date = "2022-03-01"
//! illustrative = true
//! note = "derived by scripted edits, not an official document"
//! ```

use super::NormalizeError;
use crate::model::Version;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// Metadata that overrides what the text says.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Sidecar {
    /// Replaces `meta.version`.
    pub version: Option<VersionOverride>,
}

/// The `[version]` table.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct VersionOverride {
    /// Version label.
    pub label: String,
    /// ISO date `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Marks a derived, non-official document.
    #[serde(default)]
    pub illustrative: bool,
    /// Free-text note.
    pub note: Option<String>,
}

impl VersionOverride {
    /// The version this override sets.
    pub fn to_version(&self) -> Version {
        Version {
            label: self.label.clone(),
            date: self.date.clone(),
            illustrative: self.illustrative,
            note: self.note.clone(),
        }
    }
}

/// Largest sidecar read: 1 MiB (a sidecar holds a few lines of version metadata).
const MAX_SIDECAR_BYTES: u64 = 1 << 20;

/// The sidecar path for an input: `dir/stem.meta.toml`.
pub fn path_for(input: &Path) -> PathBuf {
    let stem = input.file_stem().unwrap_or_default().to_string_lossy();
    input.with_file_name(format!("{stem}.meta.toml"))
}

/// Reads the sidecar of `input` if there is one. A malformed sidecar is an error naming the file,
/// the line and the problem.
pub fn read(input: &Path) -> Result<Option<Sidecar>, NormalizeError> {
    let path = path_for(input);
    let name = path.display().to_string();
    let err = |problem: String| NormalizeError { file: name.clone(), place: None, problem };
    let bytes = match crate::fsutil::read_input(&path, MAX_SIDECAR_BYTES) {
        Ok(b) => b,
        Err(crate::fsutil::ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(err(e.to_string())),
    };
    let text = String::from_utf8(bytes)
        .map_err(|e| err(crate::i18n::trf(crate::i18n::Msg::NotUtf8At, &[&e.utf8_error().valid_up_to()])))?;
    parse(&name, &text).map(Some)
}

/// Parses sidecar text; `origin` names it in errors.
pub fn parse(origin: &str, text: &str) -> Result<Sidecar, NormalizeError> {
    let sidecar: Sidecar = toml::from_str(text).map_err(|e| {
        let place = e
            .span()
            .map(|s| crate::i18n::trf(crate::i18n::Msg::AtLine, &[&(text[..s.start].matches('\n').count() + 1)]));
        NormalizeError { file: origin.to_string(), place, problem: e.message().to_string() }
    })?;
    if let Some(d) = sidecar.version.as_ref().and_then(|v| v.date.as_deref()) {
        let ok = d.len() == 10
            && d.as_bytes()[4] == b'-'
            && d.as_bytes()[7] == b'-'
            && d.replace('-', "").chars().all(|c| c.is_ascii_digit());
        if !ok {
            return Err(NormalizeError {
                file: origin.into(),
                place: Some("[version] date".into()),
                problem: crate::i18n::trf(crate::i18n::Msg::SidecarBadDate, &[&d]),
            });
        }
    }
    Ok(sidecar)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_version_and_rejects_unknown_keys() {
        let s =
            parse("x.meta.toml", "[version]\nlabel = \"rev\"\ndate = \"2022-03-01\"\nillustrative = true\n").unwrap();
        let v = s.version.unwrap().to_version();
        assert!(v.illustrative);
        assert_eq!(v.date.as_deref(), Some("2022-03-01"));
        let e = parse("x.meta.toml", "[version]\nlabel = \"rev\"\ncolour = 1\n").unwrap_err();
        assert_eq!(e.place.as_deref(), Some("line 3"));
        assert!(e.problem.contains("colour"), "{e}");
        assert!(parse("x.meta.toml", "[version]\nlabel = \"r\"\ndate = \"1.3.2022\"\n").is_err());
        assert_eq!(path_for(Path::new("a/b/ivanovo-rev.txt")), Path::new("a/b/ivanovo-rev.meta.toml"));
    }
}
