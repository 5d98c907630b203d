//! `strata normalize`: raw strategy text to a [`Document`].
//!
//! The pipeline: [`decode`] the bytes (UTF-8 or Windows-1251; empty and binary input rejected),
//! tell the raw form apart, parse the structure with the parser for that form ([`lines`] for
//! line-broken PDF text, [`flat`] for single-line stripped text), read the metadata ([`meta`]),
//! cross-check the sections against each other ([`check`]), flag implausible values
//! ([`plausible`]), add inline «(далее — X)» definitions to the glossary ([`inline`]) and grade the
//! result ([`quality`]).
//! No rule names a region or a file: the parsers follow the federal template.

pub mod blocks;
pub mod check;
pub mod decode;
pub mod flat;
pub mod inline;
pub mod json;
pub mod lines;
pub mod meta;
pub mod plausible;
pub mod quality;
pub mod sidecar;

use crate::model::{
    CardField, Document, Indicator, Meta, Project, Region, SCHEMA_VERSION, Section, SectorRef, Source, SourceFormat,
    Version, Warning,
};
use std::collections::BTreeMap;

/// What a form-specific parser recovers from the text.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    /// The document tree with canonical keys.
    pub sections: Vec<Section>,
    /// Sectors in document order.
    pub sectors: Vec<SectorRef>,
    /// Project rows (projects section, enriched from the linkage table).
    pub projects: Vec<Project>,
    /// Indicator rows.
    pub indicators: Vec<Indicator>,
    /// Abbreviation -> definition.
    pub glossary: BTreeMap<String, String>,
    /// Legal-basis acts.
    pub legal_basis: Vec<String>,
    /// Strategy card fields.
    pub card: Vec<CardField>,
    /// Pages recognised from page numbers.
    pub pages: Option<u32>,
    /// Parser warnings.
    pub warnings: Vec<Warning>,
    /// Project names as each sectored table lists them: (section key such as `linkage`, sector key,
    /// names in order). Used to cross-check the tables.
    pub listed: Vec<(String, String, Vec<String>)>,
}

/// Why a file could not be normalized.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NormalizeError {
    /// The input file as named by the user.
    pub file: String,
    /// Where the problem is, e.g. "byte 12" or "line 3".
    pub place: Option<String>,
    /// What is wrong.
    pub problem: String,
}

impl std::fmt::Display for NormalizeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.place {
            Some(p) => write!(f, "{}: {}: {}", self.file, p, self.problem),
            None => write!(f, "{}: {}", self.file, self.problem),
        }
    }
}

impl std::error::Error for NormalizeError {}

/// Minimum number of recognised template sections for a text to count as a strategy.
const MIN_TEMPLATE_SECTIONS: usize = 3;

/// Normalizes one raw text. `file` is the name recorded in `source.file` and used in errors.
pub fn normalize(bytes: &[u8], file: &str) -> Result<Document, NormalizeError> {
    normalize_with(bytes, file, &sidecar::Sidecar::default())
}

/// Reads `path` and its sidecar (see [`sidecar`]) and normalizes it.
pub fn normalize_file(path: &std::path::Path) -> Result<Document, NormalizeError> {
    let name = path.display().to_string();
    let bytes = crate::fsutil::read_input(path, crate::fsutil::MAX_INPUT_BYTES).map_err(|e| NormalizeError {
        file: name.clone(),
        place: None,
        problem: e.to_string(),
    })?;
    if !matches!(crate::read::sniff(&bytes), crate::read::Format::Text | crate::read::Format::Json) {
        // A PDF, Word or ODT document: read into blocks first (see crate::read).
        let opts = crate::read::open::options();
        return crate::read::open::normalize_bytes(path, &bytes, &opts, &crate::read::open::progress_to_stderr(path));
    }
    let side = sidecar::read(path)?.unwrap_or_default();
    // The bytes are given up: their memory becomes the text (see `decode::decode_owned`).
    let (sha256, len) = (crate::read::cache::content_hash(&bytes), bytes.len());
    let decoded = decode::decode_owned(bytes).map_err(|e| decode_error(&name, e))?;
    normalize_decoded(decoded, Input { file: &name, sha256, bytes: len }, &side)
}

/// What [`normalize_decoded`] records of the raw input besides its text.
struct Input<'a> {
    /// The name recorded in `source.file` and used in errors.
    file: &'a str,
    /// The raw bytes' [`crate::read::cache::content_hash`].
    sha256: String,
    /// The raw bytes' length.
    bytes: usize,
}

/// The error of a raw input `decode` rejected.
fn decode_error(file: &str, e: decode::DecodeError) -> NormalizeError {
    let err = |place: Option<String>, problem: String| NormalizeError { file: file.to_string(), place, problem };
    match e {
        decode::DecodeError::Empty => err(None, e.to_string()),
        decode::DecodeError::Binary { offset } | decode::DecodeError::UnknownEncoding { offset } => err(
            Some(crate::i18n::trf(crate::i18n::Msg::AtByte, &[&offset])),
            e.to_string().split_once(": ").map(|x| x.1.to_string()).unwrap_or_default(),
        ),
    }
}

/// Normalizes many files on all cores; results come back in input order.
pub fn normalize_files(paths: &[std::path::PathBuf]) -> Vec<Result<Document, NormalizeError>> {
    normalize_files_then(paths, |_, result| result)
}

/// [`normalize_files`], each result passed through `then` with its input's index, on the thread
/// that made it (say, to serialise the document there, in parallel, and free it on the thread
/// whose heap holds it).
pub fn normalize_files_then<T: Send>(
    paths: &[std::path::PathBuf],
    then: impl Fn(usize, Result<Document, NormalizeError>) -> T + Sync,
) -> Vec<T> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    // Largest input first (the time to normalize follows the size): the workers then end close
    // together instead of one finishing a large text alone, and each worker's first (largest)
    // document leaves it a heap the smaller ones after it fit in without fresh pages. An input
    // whose size cannot be read goes last; its error comes from `normalize_file`.
    let mut order: Vec<(u64, usize)> =
        paths.iter().enumerate().map(|(i, p)| (std::fs::metadata(p).map_or(0, |m| m.len()), i)).collect();
    order.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    // The calling thread is one of the workers: one thread fewer to start.
    let done = crate::threads::map_on(order.iter().map(|&(_, i)| i).collect(), workers, |i| {
        (i, then(i, normalize_file(&paths[i])))
    });
    let mut slots: Vec<Option<T>> = paths.iter().map(|_| None).collect();
    for (i, r) in done {
        slots[i] = Some(r);
    }
    slots.into_iter().map(|s| s.expect("every input is processed")).collect()
}

/// Normalizes one raw text with sidecar metadata applied.
pub fn normalize_with(bytes: &[u8], file: &str, side: &sidecar::Sidecar) -> Result<Document, NormalizeError> {
    let decoded = decode::decode(bytes).map_err(|e| decode_error(file, e))?;
    let input = Input { file, sha256: crate::read::cache::content_hash(bytes), bytes: bytes.len() };
    normalize_decoded(decoded, input, side)
}

/// [`normalize_with`] of the decoded text of `input`.
fn normalize_decoded(
    decoded: decode::Decoded,
    input: Input<'_>,
    side: &sidecar::Sidecar,
) -> Result<Document, NormalizeError> {
    let file = input.file;
    let file_name = std::path::Path::new(file)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.to_string());
    let err = |place: Option<String>, problem: String| NormalizeError { file: file.to_string(), place, problem };
    let text = decoded.text.as_str();
    let format = decode::detect_format(text);
    let mut parsed = match format {
        SourceFormat::Lines => lines::parse(text),
        SourceFormat::Flat => flat::parse(text),
    };
    let template = parsed.sections.iter().filter(|s| !s.key.starts_with("extra.") && s.key != "preamble").count();
    if template < MIN_TEMPLATE_SECTIONS {
        return Err(err(None, crate::i18n::trf(crate::i18n::Msg::NotAStrategy, &[&template, &MIN_TEMPLATE_SECTIONS])));
    }
    let mut warnings = std::mem::take(&mut parsed.warnings);
    if decoded.encoding != "utf-8" {
        warnings.push(Warning {
            code: "encoding".into(),
            message: format!("input was {}, converted to UTF-8", decoded.encoding),
            line: None,
            offset: None,
            project: None,
        });
    }
    warnings.extend(decoded.warnings());
    let found = meta::extract(text);
    let region = found.region.unwrap_or_else(|| {
        warnings.push(Warning {
            code: "no_region".into(),
            message: "no Russian region is named in the text".into(),
            line: None,
            offset: None,
            project: None,
        });
        Region { name: "Неизвестный регион".into(), key: "unknown".into() }
    });
    if found.approval.is_none() {
        warnings.push(Warning {
            code: "no_approval".into(),
            message: "the text has no approving act (no «утверждена ...» or cover act found)".into(),
            line: None,
            offset: None,
            project: None,
        });
    }
    let period = found.period.or_else(|| {
        let years: Vec<u16> = parsed.indicators.iter().flat_map(|i| i.values.keys().copied()).collect();
        let p = years.iter().min().zip(years.iter().max()).map(|(&from, &to)| crate::model::Period { from, to });
        if p.is_some() {
            warnings.push(Warning {
                code: "period_inferred".into(),
                message: "no «Период ...» in the text; period taken from the indicator years".into(),
                line: None,
                offset: None,
                project: None,
            });
        }
        p
    });
    warnings.extend(check::cross_check(&parsed));
    warnings.extend(plausible::check(&parsed.indicators));
    // Inline «(далее — X)» definitions join the glossary (a glossary entry wins).
    if format == SourceFormat::Lines {
        for (term, meaning) in inline::definitions(text) {
            parsed.glossary.entry(term).or_insert(meaning);
        }
    }
    warnings.sort_by_key(|w| (w.line.or(w.offset).unwrap_or(0), w.code.clone()));
    let quality = quality::grade(format, warnings);
    let date = found.approval.as_ref().and_then(|a| a.date.clone());
    let coordinator = parsed
        .card
        .iter()
        .find(|f| {
            let l = crate::text::fold::fold(&f.label);
            l.contains("ответствен") || l.contains("координ") || l.contains("кто делает")
        })
        .map(|f| f.value.clone());
    let title = found.title.unwrap_or_else(|| format!("Стратегия цифровой трансформации: {}", region.name));
    Ok(Document {
        schema: SCHEMA_VERSION,
        meta: Meta {
            region,
            title,
            approval: found.approval,
            period,
            version: match &side.version {
                Some(v) => v.to_version(),
                None => Version {
                    label: date.clone().unwrap_or_else(|| Version::UNDATED.into()),
                    date,
                    illustrative: false,
                    note: None,
                },
            },
            coordinator,
        },
        source: Source {
            file: file_name,
            sha256: input.sha256,
            format,
            encoding: decoded.encoding.to_string(),
            bytes: input.bytes,
            pages: parsed.pages,
            quality,
        },
        sectors: parsed.sectors,
        sections: parsed.sections,
        projects: parsed.projects,
        indicators: parsed.indicators,
        glossary: parsed.glossary,
        legal_basis: parsed.legal_basis,
        card: parsed.card,
    })
}

/// Serialises a document the way `strata normalize` writes it: pretty JSON, trailing newline.
/// Deterministic: the same document always gives the same bytes.
pub fn to_json(doc: &Document) -> String {
    let mut v = Vec::new();
    to_json_into(doc, &mut v);
    // SAFETY: `to_json_into` writes only valid UTF-8 (see there); checking would read the whole
    // output once more.
    unsafe { String::from_utf8_unchecked(v) }
}

/// [`to_json`] into `out` (emptied first), whose memory is used again where it is large
/// enough: a writer serialising one document after another touches no fresh pages for it.
/// Writes only valid UTF-8: the strings' own bytes, ASCII escapes, brackets and numbers.
pub fn to_json_into(doc: &Document, out: &mut Vec<u8>) {
    out.clear();
    // The JSON of a raw text is about 2.6-2.9 times its size: reserved at once, the buffer is
    // not regrown (copied, and new pages touched) a dozen times on the way. Only what is
    // written is touched, so a generous guess costs nothing.
    out.reserve(doc.source.bytes.saturating_mul(3).clamp(1 << 12, 1 << 28));
    // The same bytes as serde_json's pretty writer, with strings escaped eight bytes at a time.
    json::write_pretty(out, doc).expect("documents always serialise");
    out.push(b'\n');
}

#[cfg(test)]
mod tests {
    #[test]
    fn files_come_back_in_input_order_whatever_order_they_are_worked_in() {
        // Worked largest first: the smallest sample, a missing file and the largest, given in
        // neither size order, come back as given, the missing one as its error.
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/raw");
        let mut texts: Vec<std::path::PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        texts.sort_by_key(|p| std::fs::metadata(p).unwrap().len());
        let missing = dir.join("no-such-strategy.txt");
        let paths = vec![texts[0].clone(), missing.clone(), texts[texts.len() - 1].clone(), texts[1].clone()];
        let results = super::normalize_files(&paths);
        assert_eq!(results.len(), paths.len());
        for (path, result) in paths.iter().zip(&results) {
            match result {
                Ok(doc) => assert_eq!(doc.source.file, path.file_name().unwrap().to_string_lossy()),
                Err(e) => assert_eq!((path, &e.file), (&missing, &missing.display().to_string())),
            }
        }
        assert!(results[1].is_err() && results.iter().filter(|r| r.is_ok()).count() == 3);
    }
}
