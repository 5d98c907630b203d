//! `strata overview REGION[@VERSION] SECTION_KEY [PATH...] [--json]`: which documents differ most
//! from a chosen one in a chosen section.
//!
//! A bare REGION means its newest official (non-illustrative) version. Documents are read from the PATHs (files or folders), else as `strata diff` looks names up (the
//! current folder's JSON files, else the bundled samples). Exit 0, or 2 on bad input.

use super::diff::{default_catalogue, resolve};
use anyhow::{Result, bail};
use std::io::IsTerminal;
use std::path::PathBuf;
use strata::compare::overview::{has_section, overview};
use strata::i18n::{Msg, number, tr, trf};
use strata::load::load_paths;
use strata::output::{json, term};
use strata::text::sanitize::sanitize;

/// Arguments of `strata overview`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The chosen document: a JSON file or `REGION[@VERSION]` (e.g. `ivanovo@2021-08-20`).
    target: String,
    /// Canonical section key (e.g. `goals`, `problems.healthcare`, `projects.healthcare`).
    section: String,
    /// JSON documents or folders to compare against.
    paths: Vec<PathBuf>,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

/// Ranks the documents and prints the table (or JSON).
pub fn run(args: Args) -> Result<i32> {
    let mut set = if args.paths.is_empty() { default_catalogue(None) } else { load_paths(&args.paths) };
    for e in &set.errors {
        term::err(&format!("{}\n", trf(Msg::Skipped, &[e])));
    }
    // A bare REGION means its newest official version, as in `strata diff`.
    let mut catalogue = Some(std::mem::take(&mut set));
    let base = resolve(&args.target, None, &mut catalogue)?;
    set = catalogue.unwrap_or_default();
    let base_index = match set.docs.iter().position(|l| l.origin == base.origin) {
        Some(i) => i,
        None => {
            set.docs.push(base.clone());
            set.docs.len() - 1
        }
    };
    if !has_section(&base.doc, &args.section) {
        let mut keys: Vec<&str> = base.doc.walk().map(|(_, s)| s.key.as_str()).collect();
        keys.sort_unstable();
        keys.dedup();
        bail!(trf(Msg::NoSectionIn, &[&base.origin, &args.section, &keys.join(", ")]));
    }
    let docs: Vec<_> = set.docs.iter().map(|l| &*l.doc).collect();
    let tty = std::io::stderr().is_terminal();
    let rows = overview(&docs, base_index, &args.section, |done, total| {
        if tty && (done % 16 == 0 || done == total) {
            term::progress(&trf(Msg::ComparingOf, &[&done, &total]));
        }
    });
    if tty {
        term::progress_done();
    }
    let mut out = String::new();
    if args.json {
        let items: Vec<_> = rows
            .iter()
            .map(|r| {
                let l = &set.docs[r.index];
                serde_json::json!({
                    "region": l.doc.meta.region.key,
                    "region_name": l.doc.meta.region.name,
                    "version": l.doc.meta.version.label,
                    "origin": l.origin,
                    "similarity": (r.similarity * 1000.0).round() / 1000.0,
                    "words": r.words,
                    "present": r.present,
                })
            })
            .collect();
        let v = serde_json::json!({
            "base": {"origin": base.origin, "region": base.doc.meta.region.key,
                     "version": base.doc.meta.version.label},
            "section": args.section,
            "rows": items,
        });
        out = json::to_string_pretty(&v)?;
    } else {
        use std::fmt::Write as _;
        let heading =
            trf(Msg::OverviewHeading, &[&strata::i18n::doc_label(&base.doc), &sanitize(&args.section), &rows.len()]);
        let _ = writeln!(out, "{heading}");
        let [region, version, similarity, words] =
            [Msg::ColRegion, Msg::ColVersion, Msg::ColSimilarity, Msg::ColWords].map(tr);
        let _ = writeln!(out, "{region:<28} {version:<12} {similarity:>10} {words:>7}");
        for r in &rows {
            let d = &set.docs[r.index].doc;
            let sim = if r.present {
                format!("{}%", number((r.similarity * 1000.0).round() / 10.0))
            } else {
                tr(Msg::Absent).to_string()
            };
            let region: String = sanitize(&d.meta.region.name).chars().take(28).collect();
            let version: String = strata::i18n::version_label(&d.meta.version).chars().take(12).collect();
            let _ = writeln!(out, "{region:<28} {version:<12} {sim:>10} {:>7}", r.words);
        }
    }
    term::out(&out)?;
    Ok(0)
}
