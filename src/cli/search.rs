//! `strata search QUERY [PATH...] [--scope titles|text|all] [--limit N] [--json] [--ocr]`.

use anyhow::{Result, bail};
use serde::Serialize;
use std::path::PathBuf;
use strata::load::{LoadSet, load_bundled, load_paths};
use strata::model::Document;
use strata::output::{json, term};
use strata::search::{Class, Field, Hit, Index, Options, Query, Scope, search};
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
}

/// One result in `--json` output.
#[derive(Serialize)]
struct JsonHit<'a> {
    /// Where the document came from (file path or `bundled:<name>`).
    doc: &'a str,
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
    let query = Query::parse(&args.query);
    if query.is_empty() {
        bail!("empty query: give a word to look for");
    }
    let set: LoadSet = if args.paths.is_empty() { load_bundled() } else { load_paths(&args.paths) };
    for e in &set.errors {
        term::err(&format!("strata: {e}\n"));
    }
    if set.docs.is_empty() {
        if set.errors.is_empty() {
            bail!("no documents to search: give PATH (normalized JSON files or folders)");
        }
        return Ok(2);
    }
    let docs: Vec<Document> = set.docs.iter().map(|l| l.doc.clone()).collect();
    let index = Index::build(&docs);
    let scope: Scope = args.scope.parse().map_err(anyhow::Error::msg)?;
    let opts = Options { scope, limit: args.limit, ocr: args.ocr, ..Options::default() };
    let hits = search(&index, &query, &opts);
    if args.json {
        let out: Vec<JsonHit> = hits.iter().map(|h| json_hit(h, &set.docs[h.doc].origin)).collect();
        term::out_json(&json::to_string_pretty(&out)?)?;
    } else {
        // Two versions of one region's strategy are told apart by their labels (region @ version).
        let shared = |region: &str| index.docs.iter().filter(|d| d.region == region).count() > 1;
        let mut text = String::new();
        for h in &hits {
            let name = if shared(&h.region) { &index.docs[h.doc].label } else { &h.region };
            let snippet = h.snippet.marked("[", "]");
            let fields = [name.as_str(), &h.key, &h.title, &snippet].map(sanitize);
            text.push_str(&fields.join("\t"));
            text.push('\n');
        }
        term::out(&text)?;
    }
    Ok(if !set.errors.is_empty() {
        2
    } else if hits.is_empty() {
        1
    } else {
        0
    })
}

fn json_hit<'a>(h: &'a Hit, origin: &'a str) -> JsonHit<'a> {
    JsonHit {
        doc: origin,
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
