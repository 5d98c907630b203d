//! The adoption matrix, indicators side by side and the multi-region section compare on the five
//! bundled sample strategies, and the `strata matrix` / `indicators` / `compare-section` commands.

use std::collections::HashSet;
use std::process::Command;
use strata::across::names::same_project;
use strata::across::{columns, indicators, matrix, sections};
use strata::load::load_bundled;
use strata::model::{Block, BlockKind, Document};

fn samples() -> Vec<Document> {
    load_bundled().docs.into_iter().map(|l| std::sync::Arc::unwrap_or_clone(l.doc)).collect()
}

fn cols(all: &[Document]) -> Vec<&Document> {
    columns(&all.iter().collect::<Vec<_>>())
}

#[test]
fn columns_are_each_regions_newest_official_version() {
    let all = samples();
    let c = cols(&all);
    let keys: HashSet<&str> = all.iter().map(|d| d.meta.region.key.as_str()).collect();
    assert_eq!(c.len(), keys.len(), "one column per region");
    assert!(c.iter().all(|d| !d.meta.version.illustrative), "the illustrative revision is never a column");
    // A region with two versions: the official one wins even though the revision is newer.
    let ivanovo: Vec<&Document> =
        all.iter().filter(|d| all.iter().filter(|o| o.meta.region.key == d.meta.region.key).count() > 1).collect();
    assert!(!ivanovo.is_empty(), "the samples hold a region with a revision");
    for d in &c {
        assert!(
            all.iter().filter(|o| o.meta.region.key == d.meta.region.key && !o.meta.version.illustrative).all(|o| o
                .meta
                .version
                .date
                <= d.meta.version.date)
        );
    }
}

#[test]
fn every_project_lands_in_exactly_one_row_and_rows_hold_one_per_region() {
    let all = samples();
    let c = cols(&all);
    let m = matrix::build(&c, None);
    for (k, d) in c.iter().enumerate() {
        let mut ids: Vec<&str> =
            m.rows.iter().filter_map(|r| r.cells[k].as_ref().map(|x| x.project_id.as_str())).collect();
        ids.sort_unstable();
        let mut want: Vec<&str> = d.projects.iter().map(|p| p.id.as_str()).collect();
        want.sort_unstable();
        assert_eq!(ids, want, "{}: every project once", d.meta.region.key);
    }
    // Complete linkage: all wordings in a row are the same project pairwise.
    for r in &m.rows {
        let names: Vec<&str> = r.cells.iter().flatten().map(|x| x.name.as_str()).collect();
        for (i, a) in names.iter().enumerate() {
            for b in &names[i + 1..] {
                assert!(same_project(a, b), "row {:?} joins {a:?} and {b:?}", r.name);
            }
        }
    }
}

#[test]
fn fuzzy_rows_join_variant_wordings_and_keep_near_names_apart() {
    let all = samples();
    let c = cols(&all);
    let m = matrix::build(&c, None);
    let exact: HashSet<&str> =
        c.iter().flat_map(|d| d.projects.iter().filter(|p| p.recommended_federal).map(|p| p.name.as_str())).collect();
    let federal = m.federal_rows().count();
    assert!(federal < exact.len(), "aligned rows ({federal}) fewer than exact names ({})", exact.len());
    let row_of = |name: &str| {
        m.rows
            .iter()
            .position(|r| r.cells.iter().flatten().any(|x| x.name == name))
            .unwrap_or_else(|| panic!("no row has {name:?}"))
    };
    // Variants of one project share a row...
    let vimis = row_of("Создание медицинских платформенных решений федерального уровня (ВИМИС)");
    assert_eq!(vimis, row_of("Создание медицинских платформенных решений федерального уровня ВИМИ"));
    assert_eq!(m.rows[vimis].adoption(), c.len(), "{:?}", m.rows[vimis]);
    let egisz = row_of("Создание единого цифрового контура в здравоохранении на основе ЕГИСЗ");
    assert_eq!(
        egisz,
        row_of(
            "Создание единого цифрового контура здравоохранении основе единой государственной информационной системы сфере здравоохранения"
        )
    );
    assert!(m.rows[row_of("Платформа обратной связи")].adoption() >= 4);
    // ...near names of different projects do not.
    let helpers = ["Цифровой помощник ученика", "Цифровой помощник учителя", "Цифровой помощник родителя"];
    let rows: HashSet<usize> = helpers.iter().map(|h| row_of(h)).collect();
    assert_eq!(rows.len(), 3, "three helpers, three rows");
    for h in helpers {
        assert!(m.rows[row_of(h)].adoption() >= 3, "{h} is adopted widely");
    }
    let farms: Vec<usize> =
        m.rows.iter().enumerate().filter(|(_, r)| r.name.contains("Моя цифровая ферма")).map(|(i, _)| i).collect();
    assert!(farms.len() >= 2, "two farm projects of one region stay two rows");
}

#[test]
fn sector_filter_keeps_only_that_sector() {
    let all = samples();
    let m = matrix::build(&cols(&all), Some("healthcare"));
    assert!(!m.rows.is_empty());
    assert!(m.rows.iter().all(|r| r.sector == "healthcare"));
}

#[test]
fn indicators_side_by_side_have_a_spread_over_the_same_unit() {
    let all = samples();
    let c = cols(&all);
    let ind = indicators::build(&c, indicators::Filter::default());
    let shared: Vec<_> = ind.rows.iter().filter(|r| r.regions() >= 2).collect();
    assert!(!shared.is_empty(), "some indicator is set by two regions");
    for r in &shared {
        for s in &r.spread {
            assert!(s.lowest.value <= s.highest.value);
            assert!(s.compared >= 1 && !s.lowest.regions.is_empty() && !s.highest.regions.is_empty());
            for k in s.lowest.regions.iter().chain(&s.highest.regions) {
                let col = ind.columns.iter().position(|c| &c.key == k).unwrap();
                let v = r.cells[col].as_ref().unwrap().values[&s.year];
                assert!(v == s.lowest.value || v == s.highest.value);
            }
        }
    }
    let one = indicators::build(&c, indicators::Filter { sector: None, project: Some("обратной связи") });
    assert!(!one.rows.is_empty());
    assert!(one.rows.iter().all(|r| r.project.to_lowercase().contains("обратной связи")), "{:?}", one.rows);
}

fn doc_with(region: &str, blocks: &[&str]) -> Document {
    let mut d = samples().into_iter().next().unwrap();
    d.meta.region.key = region.into();
    d.meta.region.name = region.into();
    d.sections[0].key = "x".into();
    d.sections[0].children.clear();
    d.sections[0].blocks = blocks.iter().map(|t| Block { kind: BlockKind::Paragraph, text: (*t).into() }).collect();
    d
}

#[test]
fn boilerplate_is_text_most_regions_share_and_spans_cover_the_text() {
    let shared = "Цифровая трансформация отрасли направлена на повышение качества и доступности услуг для граждан.";
    let a = doc_with("a", &[shared, "В области работает сеть из сорока фельдшерских пунктов на селе."]);
    let b = doc_with("b", &[&format!("{shared} Особое внимание уделяется телемедицине в районах.")]);
    let flat = shared.replace(" и ", " ").replace(" на ", " ").replace(" для ", " ").replace('.', "");
    let c = doc_with("c", &[&flat, "Регион строит новый центр обработки данных."]);
    let cmp = sections::compare_section(&[&a, &b, &c], "x");
    assert_eq!(cmp.threshold, 2);
    for col in &cmp.columns {
        for blk in &col.blocks {
            let joined: String = blk.spans.iter().map(|s| &blk.text[s.start..s.end]).collect();
            assert_eq!(joined, blk.text, "spans cover the text");
        }
    }
    // The shared sentence (without its stopwords and punctuation in c) is boilerplate everywhere.
    assert!(cmp.columns[2].blocks[0].spans.iter().all(|s| s.kind == sections::SpanKind::Boilerplate));
    let adds_a = cmp.columns[0].additions(3);
    assert_eq!(adds_a, vec!["В области работает сеть из сорока фельдшерских пунктов на селе"]);
    let adds_b = cmp.columns[1].additions(3);
    assert_eq!(adds_b, vec!["Особое внимание уделяется телемедицине в районах"]);
    assert!(cmp.columns[2].additions(3)[0].contains("центр обработки данных"));
}

#[test]
fn five_regions_section_compare_names_every_region() {
    let all = samples();
    let c = cols(&all);
    let cmp = sections::compare_section(&c, "basics.technologies");
    assert_eq!(cmp.columns.len(), c.len());
    assert!(cmp.columns.iter().all(|col| col.title.is_some()));
    assert!(cmp.columns.iter().any(|col| col.boilerplate_words > 0), "the template's wording is found");
    assert!(cmp.columns.iter().all(|col| col.boilerplate_words < col.words), "every region adds something");
}

fn strata(args: &[&str]) -> (i32, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_strata"))
        .args(args)
        .env("LC_ALL", "C.UTF-8") // the messages asserted are English
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn matrix_json_has_the_documented_shape() {
    let (code, out, err) = strata(&["matrix", "--format", "json", "--wording"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let regions = v["regions"].as_array().unwrap();
    assert_eq!(regions.len(), 5);
    let keys: Vec<&str> = regions.iter().map(|r| r["key"].as_str().unwrap()).collect();
    assert!(regions.iter().all(|r| r["name"].is_string() && r["version"].is_string()));
    for row in v["rows"].as_array().unwrap() {
        assert!(row["name"].is_string() && row["sector"].is_string() && row["federal"].is_boolean());
        let present = row["regions"].as_object().unwrap();
        assert_eq!(present.len(), keys.len());
        let wording = row["wording"].as_object().unwrap();
        for k in &keys {
            assert_eq!(present[*k].as_bool().unwrap(), wording.contains_key(*k));
        }
    }
    assert!(v["regional"].as_object().unwrap().len() == 5);
}

#[test]
fn commands_print_tables_csv_and_reject_bad_input() {
    let (code, out, _) = strata(&["matrix", "--sector", "education", "--width", "80"]);
    assert_eq!(code, 0);
    assert!(out.contains("Цифровой помощник учителя") && out.contains("Ивановская область"));
    assert!(out.lines().all(|l| unicode_width::UnicodeWidthStr::width(l) <= 80), "{out}");
    let (code, out, _) = strata(&["matrix", "--format", "csv"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("sector,project,federal,astrakhan,"));
    let (code, _, err) = strata(&["matrix", "--sector", "nope"]);
    assert_eq!(code, 2);
    assert!(err.contains("no sector `nope`"), "{err}");
    let (code, out, _) = strata(&["indicators", "--format", "csv", "--sector", "healthcare"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("sector,project,indicator,region,wording,unit,year,value,lowest,highest\n"));
    assert!(out.lines().skip(1).all(|l| l.starts_with("healthcare,")));
    let (code, out, _) = strata(&["compare-section", "basics.technologies", "--view", "columns", "--width", "100"]);
    assert_eq!(code, 0);
    assert!(out.lines().all(|l| unicode_width::UnicodeWidthStr::width(l) <= 100));
    assert!(out.contains("{+"), "region-specific text is marked");
    let (code, _, err) = strata(&["compare-section", "no.such"]);
    assert_eq!(code, 2);
    assert!(err.contains("no section `no.such`"));
    let (code, out, _) = strata(&["matrix", "ivanovo@2022-08-26", "tver"]);
    assert_eq!(code, 0);
    assert!(out.contains("illustrative revision") && out.contains("2 regions"), "{out}");
}

#[test]
fn document_text_never_reaches_the_terminal_raw() {
    let dir = tempfile::tempdir().unwrap();
    for (i, mut d) in samples().into_iter().take(2).enumerate() {
        let evil = "\u{1b}]2;owned\u{7}\u{9b}31m\u{202e}";
        d.meta.region.key = format!("r{i}{evil}");
        d.meta.region.name.push_str(evil);
        d.projects[0].name.push_str(evil);
        d.projects[0].sector.push_str(evil);
        d.indicators[0].name = format!("{}{evil}", d.indicators[0].name).into();
        d.indicators[0].unit = Some(format!("%{evil}"));
        d.sections[0].blocks[0].text = format!("{}{evil}", d.sections[0].blocks[0].text).into();
        std::fs::write(dir.path().join(format!("{i}.json")), serde_json::to_string(&d).unwrap()).unwrap();
    }
    let p = dir.path().to_str().unwrap();
    let key = samples()[0].sections[0].key.clone();
    for args in [
        vec!["matrix", p, "--wording"],
        vec!["matrix", p, "--format", "csv"],
        vec!["matrix", p, "--format", "markdown"],
        vec!["matrix", p, "--format", "json"],
        vec!["indicators", p, "--wording"],
        vec!["indicators", p, "--format", "json"],
        vec!["compare-section", &key, p, "--view", "columns"],
        vec!["compare-section", &key, p, "--view", "json"],
    ] {
        let (code, out, err) = strata(&args);
        assert_eq!(code, 0, "{args:?}: {err}");
        for c in ['\u{1b}', '\u{9b}', '\u{7}', '\u{202e}'] {
            assert!(!out.contains(c) && !err.contains(c), "{args:?} wrote {c:?} raw");
        }
    }
}
