//! `strata report` end to end: notes written through the CLI on the Ivanovo strategy, a revision
//! of it, reviewed marks, and the report read back: the HTML parsed as XML, the DOCX unzipped and
//! its document XML parsed (tracked changes that accept to the new text and reject to the old),
//! the Markdown checked for its markers. Expectations come from the library's own comparison of
//! the same files, so they follow the diff engine's rule for what counts as changed.

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use strata::compare::words::SpanKind;
use strata::compare::{DocDiff, Options, Status, diff_documents};
use strata::model::Document;

struct Setup {
    dir: tempfile::TempDir,
    a: PathBuf,
    b: PathBuf,
    diff: DocDiff,
    doc_b: Document,
}

impl Setup {
    fn data(&self) -> PathBuf {
        self.dir.path().join("store")
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_strata"))
            .args(args)
            .env("STRATA_DATA_DIR", self.data())
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("USER", "Иванова")
            // The report follows the interface language: Russian from the locale here.
            .env("LANG", "ru_RU.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .current_dir(self.dir.path())
            .output()
            .unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let o = self.run(args);
        assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    }

    fn report(&self, format: &str) -> Vec<u8> {
        let out = self.dir.path().join(format!("report.{format}"));
        let (a, b) = (self.a.to_str().unwrap(), self.b.to_str().unwrap());
        self.ok(&["report", a, b, "--format", format, "-o", out.to_str().unwrap()]);
        std::fs::read(out).unwrap()
    }
}

const REMOVED_ITEM: &str = "7. Защита";

/// The Ivanovo strategy and its revision, with one more change in the revision (healthcare item
/// 7 deleted, so a note on it is orphaned), notes on both versions and one reviewed section.
fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let a = samples.join("ivanovo.json");
    let mut rev: Value =
        serde_json::from_str(&std::fs::read_to_string(samples.join("ivanovo-rev.json")).unwrap()).unwrap();
    for s in rev["sections"].as_array_mut().unwrap() {
        for c in s["children"].as_array_mut().unwrap() {
            if c["key"] == "problems.healthcare" {
                c["blocks"].as_array_mut().unwrap().retain(|b| !b["text"].as_str().unwrap().starts_with(REMOVED_ITEM));
            }
        }
    }
    let b = dir.path().join("ivanovo-rev2.json");
    std::fs::write(&b, serde_json::to_string(&rev).unwrap()).unwrap();
    let doc_a = std::sync::Arc::unwrap_or_clone(strata::load::load_file(&a).unwrap().doc);
    let doc_b = std::sync::Arc::unwrap_or_clone(strata::load::load_file(&b).unwrap().doc);
    let diff = diff_documents(&doc_a, &doc_b, &Options::default());
    let s = Setup { dir, a, b, diff, doc_b };
    let (pa, pb) = (s.a.to_str().unwrap().to_string(), s.b.to_str().unwrap().to_string());
    for (doc, key, block, text) in [
        (&pa, "problems.healthcare", Some("24"), "о стоимости защиты информации"),
        (&pa, "problems.healthcare", Some("8"), "о защите данных"),
        (&pa, "basics.terms", Some("3"), "о приоритетных проектах"),
        (&pa, "problems.tourism", None, "туризм <без> изменений & в порядке"),
        (&pb, "problems.education", None, "раздел образования"),
    ] {
        let mut args = vec!["note", "add", doc.as_str(), key, text];
        if let Some(n) = block {
            args.extend(["--block", n]);
        }
        s.ok(&args);
    }
    s.ok(&["note", "reviewed", &pa, &pb, "problems.healthcare"]);
    s
}

fn changed_keys(d: &DocDiff) -> Vec<&str> {
    d.sections.iter().filter(|s| s.is_change()).map(|s| s.key.as_str()).collect()
}

fn text_of(n: roxmltree::Node<'_, '_>) -> String {
    n.descendants().filter(|d| d.is_text()).map(|d| d.text().unwrap_or("")).collect()
}

fn has_class(n: &roxmltree::Node<'_, '_>, class: &str) -> bool {
    n.attribute("class").is_some_and(|c| c.split(' ').any(|x| x == class))
}

#[test]
fn html_report_is_standalone_and_complete() {
    let s = setup();
    let html = String::from_utf8(s.report("html")).unwrap();
    let opts = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
    let doc = roxmltree::Document::parse_with_options(&html, opts).expect("well-formed HTML");
    // Standalone: no scripts, no external resources, inline CSS that knows about printing.
    for n in doc.descendants().filter(|n| n.is_element()) {
        let name = n.tag_name().name();
        assert!(!["script", "link", "img", "iframe", "object"].contains(&name), "<{name}>");
        assert!(n.attribute("src").is_none() && n.attribute("href").is_none(), "<{name}> refers outside");
    }
    assert!(!html.contains("http://") && !html.contains("https://") && !html.contains("url("));
    let style = doc.descendants().find(|n| n.has_tag_name("style")).map(text_of).unwrap();
    assert!(style.contains("@media print") && style.contains("line-through") && style.contains("underline"));
    // The two documents.
    let docs = doc.descendants().find(|n| has_class(n, "docs")).map(text_of).unwrap();
    for want in ["Ивановская область", "2021-08-20", &s.doc_b.meta.version.label, "распоряжение", "87-рп"]
    {
        assert!(docs.contains(want), "documents table lacks {want}: {docs}");
    }
    let summary = doc.descendants().find(|n| has_class(n, "summary")).map(text_of).unwrap();
    let l = strata::report::Labels::of(strata::report::Lang::Ru);
    assert!(summary.contains(&l.counts(&s.diff.summary.sections)), "{summary}");
    assert!(summary.contains(&l.progress(1, changed_keys(&s.diff).len())), "{summary}");
    // Every changed section, each changed word marked; unchanged sections only when they carry notes.
    let sections: Vec<roxmltree::Node> = doc.descendants().filter(|n| has_class(n, "section")).collect();
    let keys: Vec<&str> = sections.iter().map(|n| n.attribute("data-key").unwrap()).collect();
    let mut want: Vec<&str> = changed_keys(&s.diff);
    want.push("problems.tourism");
    assert_eq!(keys.iter().copied().collect::<BTreeSet<_>>(), want.into_iter().collect::<BTreeSet<_>>());
    for sd in s.diff.sections.iter().filter(|x| x.is_change()) {
        let node = sections.iter().find(|n| n.attribute("data-key") == Some(sd.key.as_str())).unwrap();
        let marked = |tag: &str| -> Vec<String> {
            node.descendants().filter(|n| n.has_tag_name(tag)).map(|n| text_of(n).trim().to_string()).collect()
        };
        let (dels, inss) = (marked("del"), marked("ins"));
        for row in sd.changes() {
            for sp in row.words.iter().flat_map(|w| &w.spans) {
                let t = sp.text.trim().to_string();
                match sp.kind {
                    SpanKind::Deleted => assert!(dels.contains(&t), "{}: <del>{t}</del> missing", sd.key),
                    SpanKind::Inserted => assert!(inss.contains(&t), "{}: <ins>{t}</ins> missing", sd.key),
                    SpanKind::Equal => {}
                }
            }
            match (row.status, row.words.is_none()) {
                (Status::Removed, _) => assert!(dels.contains(&row.text_a.as_deref().unwrap().trim().to_string())),
                (Status::Added, _) => assert!(inss.contains(&row.text_b.as_deref().unwrap().trim().to_string())),
                _ => {}
            }
        }
        let reviewed = node.descendants().any(|n| has_class(&n, "reviewed"));
        assert_eq!(reviewed, sd.key == "problems.healthcare", "{}", sd.key);
    }
    // Notes sit right after the row they were written on (carried to its place in the revision).
    let health = sections.iter().find(|n| n.attribute("data-key") == Some("problems.healthcare")).unwrap();
    let rows: Vec<roxmltree::Node> = health.children().filter(|n| has_class(n, "row")).collect();
    let costly = rows.iter().find(|r| text_of(**r).contains("обеспечению")).unwrap();
    let next = costly.next_sibling_element().unwrap();
    assert!(has_class(&next, "note") && text_of(next).contains("о стоимости защиты информации"));
    assert!(text_of(next).contains("Иванова") && text_of(next).contains("перенесено с редакции 2021-08-20"));
    let terms = sections.iter().find(|n| n.attribute("data-key") == Some("basics.terms")).unwrap();
    let row4 = terms.children().find(|r| has_class(r, "row") && text_of(*r).starts_with("[4]")).unwrap();
    assert!(text_of(row4.next_sibling_element().unwrap()).contains("о приоритетных проектах"));
    let tourism = sections.iter().find(|n| n.attribute("data-key") == Some("problems.tourism")).unwrap();
    assert!(text_of(*tourism).contains("туризм <без> изменений & в порядке"));
    let edu = sections.iter().find(|n| n.attribute("data-key") == Some("problems.education")).unwrap();
    let edu_note = edu.children().find(|n| has_class(n, "note")).map(text_of).unwrap();
    assert!(edu_note.contains("раздел образования") && !edu_note.contains("перенесено"));
    // The note on the deleted item is orphaned, with the reason.
    let orphans = doc.descendants().find(|n| has_class(n, "orphaned")).map(text_of).unwrap();
    assert!(orphans.contains("о защите данных") && orphans.contains("problems.healthcare [8]"), "{orphans}");
    assert!(orphans.contains(l.block_gone));
    // Indicator changes as a table: old → new per year, with units.
    let table = doc.descendants().find(|n| has_class(n, "indicators")).unwrap();
    let header: Vec<String> = table.descendants().filter(|n| n.has_tag_name("th")).map(text_of).collect();
    assert!(header.contains(&"Ед. изм.".to_string()) && header.contains(&"2024".to_string()), "{header:?}");
    let changed_row = table.children().find(|r| has_class(r, "changed")).unwrap();
    let cells: Vec<String> = changed_row.children().filter(|c| c.has_tag_name("td")).map(text_of).collect();
    assert!(cells.contains(&"тыс.ед.".to_string()), "{cells:?}");
    assert!(cells.contains(&"2,621 → 3".to_string()), "{cells:?}");
    let projects = doc.descendants().find(|n| has_class(n, "projects")).map(text_of).unwrap();
    assert!(projects.contains("Маркетплейс «Сделано в Иваново»"));
}

/// Paragraph texts of a WordprocessingML body: (as with all changes accepted, as with all rejected).
fn paragraphs(xml: &str) -> Vec<(String, String)> {
    let doc = roxmltree::Document::parse(xml).expect("well-formed document.xml");
    doc.descendants()
        .filter(|n| n.tag_name().name() == "p")
        .map(|p| {
            let (mut accepted, mut rejected) = (String::new(), String::new());
            for t in p.descendants().filter(|n| n.is_element()) {
                let inside = |name: &str| t.ancestors().any(|a| a.tag_name().name() == name);
                match t.tag_name().name() {
                    "t" => {
                        let x = t.text().unwrap_or("");
                        accepted.push_str(x);
                        if !inside("ins") {
                            rejected.push_str(x);
                        }
                    }
                    "delText" => rejected.push_str(t.text().unwrap_or("")),
                    _ => {}
                }
            }
            (accepted, rejected)
        })
        .collect()
}

#[test]
fn docx_report_is_a_word_document_with_tracked_changes() {
    let s = setup();
    let bytes = s.report("docx");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip file");
    let read = |zip: &mut zip::ZipArchive<std::io::Cursor<Vec<u8>>>, name: &str| {
        let mut f = zip.by_name(name).unwrap_or_else(|_| panic!("{name} in the package"));
        let mut t = String::new();
        std::io::Read::read_to_string(&mut f, &mut t).unwrap();
        t
    };
    let types = read(&mut zip, "[Content_Types].xml");
    assert!(types.contains("wordprocessingml.document.main+xml"));
    roxmltree::Document::parse(&read(&mut zip, "_rels/.rels")).unwrap();
    roxmltree::Document::parse(&read(&mut zip, "word/styles.xml")).unwrap();
    let xml = read(&mut zip, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    // Revisions: unique ids, an author each.
    let revs: Vec<roxmltree::Node> =
        doc.descendants().filter(|n| matches!(n.tag_name().name(), "ins" | "del")).collect();
    let ids: BTreeSet<&str> = revs.iter().map(|n| n.attribute((W, "id")).unwrap()).collect();
    assert_eq!(ids.len(), revs.len());
    assert!(revs.iter().all(|n| n.attribute((W, "author")).is_some_and(|a| a.contains("Ивановская область"))));
    assert!(revs.iter().all(|n| n.attribute((W, "date")) == Some("2022-08-26T00:00:00Z")));
    // Accepting every change gives the revision's text, rejecting them the old one, word for word
    // and sign for sign (spacing aside: text common to both is written with the new text's spaces).
    let squash = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let raw = paragraphs(&xml);
    let paras: Vec<(String, String)> = raw.iter().map(|(a, r)| (squash(a), squash(r))).collect();
    let mut checked = 0;
    for sd in s.diff.sections.iter().filter(|x| x.is_change()) {
        for row in sd.changes() {
            let (ta, tb) = (row.text_a.as_deref().map(squash), row.text_b.as_deref().map(squash));
            let found = paras.iter().any(|(acc, rej)| match (row.status, &ta, &tb) {
                (Status::Changed, Some(ta), Some(tb)) => acc.ends_with(tb.as_str()) && rej.ends_with(ta.as_str()),
                (Status::Added, _, Some(tb)) => acc.ends_with(tb.as_str()) && !rej.contains(tb.as_str()),
                (Status::Removed, Some(ta), _) => rej.ends_with(ta.as_str()) && !acc.contains(ta.as_str()),
                _ => true,
            });
            assert!(found, "{} {:?}: no paragraph with its tracked changes", sd.key, row_label(row));
            checked += 1;
        }
    }
    assert!(checked >= 8, "{checked}");
    let all: String = raw.iter().map(|p| p.0.clone() + "\n").collect();
    for want in ["о стоимости защиты информации", "туризм <без> изменений & в порядке", "о защите данных", "87-рп"]
    {
        assert!(all.contains(want), "{want}");
    }
    assert!(doc.descendants().filter(|n| n.tag_name().name() == "tbl").count() >= 3);
    // The indicator value change is itself a revision: 2,621 deleted, 3 inserted.
    let dels: Vec<&str> =
        doc.descendants().filter(|n| n.tag_name().name() == "delText").filter_map(|n| n.text()).collect();
    assert!(dels.contains(&"2,621") && dels.contains(&"соблюдению"), "{dels:?}");
    libreoffice_sees_the_revisions(&s, revs.len());
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn row_label(r: &strata::compare::BlockRow) -> String {
    strata::compare::render::row_label(r)
}

/// LibreOffice (the office suite on the review servers) opens the file and counts every revision
/// as a tracked change. Without LibreOffice the check is skipped, except under CI=true.
fn libreoffice_sees_the_revisions(s: &Setup, revisions: usize) {
    let docx = s.dir.path().join("report.docx");
    let profile = format!("file://{}", s.dir.path().join("lo-profile").display());
    let out = s.dir.path().join("lo");
    let run = Command::new("soffice")
        .arg(format!("-env:UserInstallation={profile}"))
        .args(["--headless", "--convert-to", "fodt", "--outdir"])
        .arg(&out)
        .arg(&docx)
        .output();
    let Ok(run) = run else {
        assert!(std::env::var("CI").as_deref() != Ok("true"), "soffice (libreoffice-writer) is required under CI");
        eprintln!("skipping the LibreOffice check: soffice not found");
        return;
    };
    assert!(run.status.success(), "soffice: {}", String::from_utf8_lossy(&run.stderr));
    let fodt = std::fs::read_to_string(out.join("report.fodt")).unwrap();
    assert_eq!(fodt.matches("<text:changed-region").count(), revisions, "LibreOffice tracked changes");
}

#[test]
fn markdown_report_marks_changes_and_notes() {
    let s = setup();
    let md = String::from_utf8(s.report("md")).unwrap();
    assert!(md.contains("~~соблюдению~~**обеспечению**"), "{md}");
    assert!(md.contains("| 2022 | 2023 | 2024 |") && md.contains("2,621 → 3"));
    assert!(md.contains("> **Замечания** (Иванова, "));
    assert!(md.contains("туризм \\<без\\> изменений & в порядке"));
    assert!(md.contains("просмотрено 1 из"));
    let en = s.ok(&["report", s.a.to_str().unwrap(), s.b.to_str().unwrap(), "--lang", "en"]);
    assert!(en.starts_with("# Strategy comparison: Ивановская область") && en.contains("reviewed 1 of"));
}

#[test]
fn output_files_are_replaced_whole_and_symlinks_are_refused() {
    let s = setup();
    let (a, b) = (s.a.to_str().unwrap(), s.b.to_str().unwrap());
    let dir = s.dir.path().join("out");
    std::fs::create_dir_all(&dir).unwrap();
    let target = dir.join("report.html");
    std::fs::write(&target, "old").unwrap();
    s.ok(&["report", a, b, "--format", "html", "-o", target.to_str().unwrap()]);
    assert!(std::fs::read_to_string(&target).unwrap().starts_with("<!DOCTYPE html>"));
    let real = dir.join("precious.txt");
    std::fs::write(&real, "keep me").unwrap();
    let link = dir.join("link.html");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let o = s.run(&["report", a, b, "--format", "html", "-o", link.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("link.html") && err.contains("symbolic link"), "{err}");
    assert_eq!(std::fs::read_to_string(&real).unwrap(), "keep me");
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    let names: BTreeSet<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["link.html", "precious.txt", "report.html"].iter().map(|x| x.to_string()).collect());
}

#[test]
fn a_bad_store_stops_the_report_with_exit_2() {
    let s = setup();
    let db = s.data().join("notes.sqlite");
    std::fs::write(&db, "not a database ".repeat(500)).unwrap();
    for ext in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(s.data().join(format!("notes.sqlite{ext}")));
    }
    let o = s.run(&["report", s.a.to_str().unwrap(), s.b.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains(&db.display().to_string()) && err.contains("это не хранилище заметок"), "{err}");
    assert!(o.stdout.is_empty());
}

/// Document text with control characters, escapes, bidi overrides and markup in it: every format
/// stays well-formed (XML forbids most C0 characters outright) and carries none of them raw.
#[test]
fn hostile_document_text_stays_inert_in_every_format() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let a = std::sync::Arc::unwrap_or_clone(strata::load::load_file(&samples.join("ivanovo.json")).unwrap().doc);
    let mut b = a.clone();
    let evil = "\u{1}\u{1b}]2;x\u{7}\u{1b}[31m\u{202e}<script>alert(1)</script> & \"q\" ]]>";
    b.meta.region.name.push_str(evil);
    b.meta.version.label = format!("2099{evil}");
    for s in b.sections.iter_mut().flat_map(|s| s.children.iter_mut()) {
        if s.key == "problems.healthcare" {
            s.blocks[0].text = format!("{}{evil}", s.blocks[0].text).into();
            s.title.push_str(evil);
        }
    }
    let diff = diff_documents(&a, &b, &Options::default());
    let notes = strata::notes::Placement::default();
    let reviewed = BTreeSet::new();
    let input = strata::report::Input { a: &a, b: &b, diff: &diff, notes: &notes, reviewed: &reviewed };
    let report = strata::report::build(&input);
    let l = strata::report::Labels::of(strata::report::Lang::Ru);
    let bad = |c: char| (c.is_control() && c != '\n') || ('\u{202a}'..='\u{202e}').contains(&c);
    let html = String::from_utf8(strata::report::render(&report, strata::report::Format::Html, &l)).unwrap();
    assert!(!html.chars().any(bad) && !html.contains("<script>"));
    let opts = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
    let parsed = roxmltree::Document::parse_with_options(&html, opts).expect("well-formed HTML");
    assert!(parsed.descendants().all(|n| !n.has_tag_name("script")));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; ]]&gt;"));
    let md = String::from_utf8(strata::report::render(&report, strata::report::Format::Markdown, &l)).unwrap();
    assert!(!md.chars().any(bad) && md.contains("\\<script\\>"));
    let docx = strata::report::render(&report, strata::report::Format::Docx, &l);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    for name in ["word/document.xml", "docProps/core.xml"] {
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut xml).unwrap();
        assert!(!xml.chars().any(bad), "{name}");
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{name}: {e}"));
        let text: String = doc.descendants().filter_map(|n| n.text()).collect();
        assert!(text.contains("<script>alert(1)</script> & \"q\" ]]>"), "{name} keeps the visible text");
    }
}
