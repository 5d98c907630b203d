//! `strata search QUERY [PATH...] [--scope titles|text|all] [--limit N] [--json] [--ocr] [--no-cache]`.
//!
//! Documents given as paths are indexed through the on-disk cache ([`strata::search::cache`]).

use anyhow::{Result, bail};
use serde::Serialize;
use std::path::PathBuf;
use strata::i18n::{Msg, Noun, plural, tr, trf};
use strata::load::load_bundled;
use strata::output::{json, term};
use strata::search::cache::{Cache, Indexed, index_paths};
use strata::search::{Class, Field, Hit, Index, Options, Query, Scope, find_grouped};
use strata::text::sanitize::sanitize;

/// Arguments of `strata search`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to look for, in fzf's syntax: words are AND-ed, `'exact`, `^prefix`, `suffix$`, `!not`,
    /// `a | b` for either; an upper-case letter makes a word case-sensitive; ё = е.
    query: String,
    /// Normalized JSON documents or folders of them (default: the bundled samples).
    paths: Vec<PathBuf>,
    /// What to search: section titles and names, body text, or both.
    #[arg(long, default_value = "all", value_parser = ["titles", "text", "all"])]
    scope: String,
    /// Print at most this many results (1 to 100000).
    #[arg(long, default_value_t = 20, value_parser = super::in_range::<1, 100_000>)]
    limit: usize,
    /// Print a JSON array of results instead of lines.
    #[arg(long)]
    json: bool,
    /// Also find words damaged by OCR (dropped letters such as л, н, т), ranked last.
    #[arg(long)]
    ocr: bool,
    /// Do not read or write the index cache ($XDG_CACHE_HOME/strata/index).
    #[arg(long)]
    no_cache: bool,
}

/// One result in `--json` output.
#[derive(Serialize)]
struct JsonHit<'a> {
    /// Where the document came from (file path or `bundled:<name>`).
    doc: &'a str,
    /// Every version this hit stands for (the same text at the same place), `doc` among them.
    versions: Vec<&'a str>,
    /// Their labels, «region @ version».
    labels: Vec<String>,
    /// Section path, «Проекты › Здравоохранение».
    path: String,
    region: &'a str,
    key: &'a str,
    title: &'a str,
    score: i64,
    class: Class,
    field: Field,
    snippet: &'a str,
    /// Character ranges `[start, end)` of the matches inside `snippet`.
    matches: Vec<[usize; 2]>,
}

/// Searches and prints; exit 0 with results, 1 with none, 2 when a file could not be read.
pub fn run(args: Args) -> Result<i32> {
    no_huge_pages();
    let query = Query::parse(&args.query);
    if query.is_empty() {
        bail!(tr(Msg::EmptyQuery));
    }
    let scope: Scope = args.scope.parse().map_err(anyhow::Error::msg)?;
    let opts = Options { scope, limit: args.limit, ocr: args.ocr, ..Options::default() };
    let indexed = if args.paths.is_empty() {
        let set = load_bundled();
        let docs: Vec<_> = set.docs.iter().map(|l| std::sync::Arc::clone(&l.doc)).collect();
        let origins = set.docs.iter().map(|l| l.origin.clone()).collect();
        Indexed { index: Index::build(&docs), origins, errors: set.errors, ..Indexed::default() }
    } else {
        let cache = if args.no_cache { None } else { Cache::user() };
        index_paths(&args.paths, cache.as_ref(), &query, &opts)
    };
    for e in &indexed.errors {
        term::err(&format!("strata: {e}\n"));
    }
    let index = &indexed.index;
    if index.docs.is_empty() {
        if indexed.errors.is_empty() {
            bail!(tr(Msg::NoDocumentsToSearch));
        }
        return Ok(2);
    }
    let outcome = find_grouped(index, &query, &opts);
    if let Some(r) = &outcome.shown_for {
        term::err(&format!("{}\n", showing_results_for(&r.query)));
    }
    let hits = &outcome.hits;
    if args.json {
        let out: Vec<JsonHit> = hits.iter().map(|h| json_hit(h, index, &indexed.origins)).collect();
        term::out_json(&json::to_string_pretty(&out)?)?;
    } else {
        let mut text = String::new();
        for h in hits {
            let name = doc_name(index, h);
            let snippet = h.snippet.marked("[", "]");
            let fields = [name.as_str(), &h.key, &h.title, &snippet].map(sanitize);
            text.push_str(&fields.join("\t"));
            text.push('\n');
        }
        term::out(&text)?;
    }
    let shown: usize = hits.iter().map(|h| h.versions.len()).sum();
    // Body items that match below every hit were counted, not decoded (see `index_paths`).
    let left = (outcome.matched.len() + indexed.undecoded_matches).saturating_sub(shown);
    if left > 0 {
        let more = trf(Msg::MorePastLimit, &[&left, &plural(left, Noun::Result), &args.limit]);
        term::err(&format!("{more}\n"));
    }
    let code = if !indexed.errors.is_empty() {
        2
    } else if hits.is_empty() {
        1
    } else {
        0
    };
    // The process ends after this: freeing the index string by string would only cost time
    // (a tenth of a warm search over a large corpus).
    std::mem::forget(outcome);
    std::mem::forget(indexed);
    Ok(code)
}

/// Asks the kernel not to back this process's memory with transparent huge pages. A search
/// allocates a few tens of MB in small pieces across the allocator's per-thread pages, and each
/// 2 MB huge page touched is cleared whole: measured on the 255-document corpus, that cost a
/// tenth of the CPU time of a search (and more of its system time). Nothing changes when the
/// kernel has no such setting.
fn no_huge_pages() {
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and changes only this process's policy.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// The hint printed when the results are for another reading of the query.
fn showing_results_for(query: &str) -> String {
    trf(Msg::ShownFor, &[&query])
}

/// The document column: the region, and when the region has several versions, the versions this
/// hit stands for (`Ивановская область @ 2021-08-20, 2022-08-26`).
fn doc_name(index: &Index, h: &Hit) -> String {
    let shared = index.docs.iter().filter(|d| d.region == h.region).count() > 1;
    if !shared {
        return h.region.clone();
    }
    let mut versions: Vec<&str> = h
        .versions
        .iter()
        .map(|&d| {
            let label = &index.docs[d].label;
            label.strip_prefix(h.region.as_str()).and_then(|l| l.strip_prefix(" @ ")).unwrap_or(label)
        })
        .collect();
    versions.sort_unstable();
    format!("{} @ {}", h.region, versions.join(", "))
}

fn json_hit<'a>(h: &'a Hit, index: &Index, origins: &'a [String]) -> JsonHit<'a> {
    JsonHit {
        doc: &origins[h.doc],
        versions: h.versions.iter().map(|&d| origins[d].as_str()).collect(),
        labels: h.versions.iter().map(|&d| index.docs[d].label.clone()).collect(),
        path: h.path.join(" › "),
        region: &h.region,
        key: &h.key,
        title: &h.title,
        score: h.score,
        class: h.class,
        field: h.field,
        snippet: &h.snippet.text,
        matches: h.snippet.matches.iter().map(|r| [r.start, r.end]).collect(),
    }
}
