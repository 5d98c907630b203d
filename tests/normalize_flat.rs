//! The flattened-text parser on the two single-line sample texts (tver, astrakhan), on line-broken
//! texts flattened the same way (robustness), and determinism.

use strata::model::Document;
use strata::normalize::{normalize, to_json};

fn load(name: &str) -> Document {
    let path = format!("{}/samples/raw/{name}.txt", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).expect("sample text present");
    normalize(&bytes, &path).expect("sample normalizes")
}

fn sector_keys(doc: &Document) -> Vec<&str> {
    doc.sectors.iter().map(|s| s.key.as_str()).collect()
}

fn top_keys(doc: &Document) -> Vec<&str> {
    doc.sections.iter().map(|s| s.key.as_str()).collect()
}

const TEMPLATE: &[&str] =
    &["basics", "card", "priorities", "problems", "linkage", "projects", "indicators", "resources"];

#[test]
fn tver_structure_and_metadata() {
    let doc = load("tver");
    assert_eq!(doc.meta.region.name, "Тверская область");
    let a = doc.meta.approval.as_ref().expect("approval");
    assert_eq!(
        (a.act_type.as_str(), a.date.as_deref(), a.number.as_deref()),
        ("распоряжение", Some("2021-08-31"), Some("847-рп"))
    );
    assert_eq!(top_keys(&doc), TEMPLATE, "no preamble: the text starts with the appendix stamp");
    assert_eq!(
        sector_keys(&doc),
        ["education", "healthcare", "urban", "transport", "public_admin", "social", "industry"]
    );
    for parent in ["problems", "linkage", "projects", "indicators"] {
        let s = doc.section(parent).unwrap();
        let keys: Vec<String> = s.children.iter().map(|c| c.key.clone()).collect();
        let want: Vec<String> = doc.sectors.iter().map(|x| format!("{parent}.{}", x.key)).collect();
        assert_eq!(keys, want, "{parent}");
    }
    for key in [
        "basics.grounds",
        "basics.technologies",
        "basics.terms",
        "priorities.goal",
        "priorities.tasks",
        "resources.participants",
        "resources.financing",
    ] {
        let s = doc.section(key).unwrap_or_else(|| panic!("{key} missing"));
        assert!(!s.blocks.is_empty(), "{key} has text");
    }
    // Offsets point at the headings in the raw text.
    let raw = std::fs::read_to_string(format!("{}/samples/raw/tver.txt", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let p = doc.section("problems.healthcare").unwrap();
    assert!(raw[p.offset.unwrap()..].starts_with("9 Здравоохранение"), "{:?}", &raw[p.offset.unwrap()..][..40]);
    // The table of contents is skipped: the first section heading is the body's, not the TOC's.
    assert!(doc.sections[0].offset.unwrap() > raw.find("Оглавление").unwrap());
    // Page numbers and repeated table headers are gone from the text.
    let projects = doc.section("projects.education").unwrap().text();
    assert!(!projects.contains("пп Наименование проекта Цель проекта"), "repeated header kept");
    assert!(!projects.contains(" 48 "), "page number 48 kept");
    // Blocks, not one giant paragraph.
    let edu = doc.section("problems.education").unwrap();
    assert!(edu.blocks.len() >= 5);
    assert!(edu.blocks.iter().any(|b| b.text.starts_with("Перечень проблем текущего состояния отрасли")));
    let codes: Vec<&str> = doc.source.quality.warnings.iter().map(|w| w.code.as_str()).collect();
    for c in ["punct_stripped", "stopwords_stripped", "single_digits_dropped"] {
        assert!(codes.contains(&c), "{c}");
    }
}

#[test]
fn astrakhan_preamble_sectors_and_ocr() {
    let doc = load("astrakhan");
    assert_eq!(doc.meta.region.name, "Астраханская область");
    let a = doc.meta.approval.as_ref().expect("approval");
    assert_eq!((a.act_type.as_str(), a.date.as_deref()), ("протокол", Some("2022-08-26")));
    let mut want = vec!["preamble"];
    want.extend_from_slice(TEMPLATE);
    assert_eq!(top_keys(&doc), want);
    assert_eq!(
        sector_keys(&doc),
        ["education", "healthcare", "urban", "transport", "public_admin", "social", "agriculture", "finance"]
    );
    assert!(doc.sectors.iter().any(|s| s.name == "Финансовые услуги"));
    let pre = &doc.sections[0];
    let body_start = doc.sections[1].offset.unwrap();
    assert!(pre.text().to_lowercase().contains("протокол"));
    // OCR damage is measured, and only the protocol is damaged.
    let ocr: Vec<_> = doc.source.quality.warnings.iter().filter(|w| w.code == "ocr_damage").collect();
    assert!(!ocr.is_empty());
    let strategy_start = {
        let raw = std::fs::read_to_string(format!("{}/samples/raw/astrakhan.txt", env!("CARGO_MANIFEST_DIR"))).unwrap();
        raw.find("УТВЕРЖДЕНО").unwrap()
    };
    assert!(strategy_start < body_start);
    for w in ocr {
        assert!(w.offset.unwrap() < strategy_start, "ocr_damage outside the preamble: {w:?}");
    }
}

/// Share of indicators whose values cover every year of the table.
fn full_value_share(doc: &Document) -> f64 {
    let full = doc.indicators.iter().filter(|i| i.values.len() == 3).count();
    full as f64 / doc.indicators.len().max(1) as f64
}

#[test]
fn tver_projects_and_indicators() {
    let doc = load("tver");
    let federal: Vec<_> = doc.projects.iter().filter(|p| p.recommended_federal).collect();
    assert!(federal.len() >= 30, "{} federal projects", federal.len());
    let names: Vec<&str> = doc.projects.iter().map(|p| p.name.as_str()).collect();
    for want in ["Библиотека цифрового образовательного контента", "Цифровизация мировых судов", "Гособлако"]
    {
        assert!(names.contains(&want), "{want} missing from {names:?}");
    }
    let lib = doc.projects.iter().find(|p| p.name == "Библиотека цифрового образовательного контента").unwrap();
    assert_eq!((lib.sector.as_str(), lib.period.as_deref()), ("education", Some("До 2030 года далее постоянно")));
    assert!(lib.raw.contains("рекомендовано ФОИ"));
    // Per sector as the projects table lists them (48 rows).
    let per_sector: Vec<usize> = doc.sectors.iter().map(|s| doc.projects_of(&s.key).count()).collect();
    assert_eq!(per_sector, [4, 9, 3, 2, 19, 8, 3]);
    // «ЕИСУ КС»: a page break took its mark in the projects table and cut its responsible body in
    // the indicators table; the linkage table's row names it, and its cells are its own.
    let eisu = doc.projects.iter().find(|p| p.name.starts_with("Единая информационная система управления кадровым"));
    let eisu = eisu.expect("ЕИСУ КС row");
    assert_eq!((eisu.sector.as_str(), eisu.goal.as_deref()), ("public_admin", Some("Развитие проекта ЕИСУ КС")));
    // A mark whose «ФОИВ)» went past a page break still makes a row.
    assert!(names.iter().any(|n| n.contains("«Мое здоровье» «Госуслугах»")), "{names:?}");
    // «(далее — ЕКЦ)» inside the name cell does not send the row to another project's name.
    let ekc = doc.projects.iter().find(|p| p.raw.contains("Единый контакт центр")).expect("ЕКЦ row");
    assert!(ekc.name.contains("Единый контакт центр взаимодействия гражданами"), "{}", ekc.name);
    let unique: std::collections::BTreeSet<&str> = names.iter().copied().collect();
    assert_eq!(unique.len(), names.len(), "no project name twice");
    // Every sector has projects, and every project a sector that exists.
    for s in &doc.sectors {
        assert!(doc.projects_of(&s.key).count() > 0, "{}", s.key);
    }
    // Indicator values per year.
    assert!(doc.indicators.len() >= 100, "{} indicators", doc.indicators.len());
    assert!(full_value_share(&doc) >= 0.7, "{}", full_value_share(&doc));
    let first = &doc.indicators[0];
    assert_eq!(first.project, "Библиотека цифрового образовательного контента");
    assert_eq!(first.responsible.as_deref(), Some("Министерство образования Тверской области"));
    assert_eq!(first.values.values().copied().collect::<Vec<f64>>(), [70.0, 80.0, 90.0]);
    assert!(doc.indicators.iter().filter(|i| i.project_id.is_some()).count() * 10 >= doc.indicators.len() * 7);
    // «802» for a share: the decimal separator was lost. A share cannot exceed 100, and of 80.2
    // and 8.02 the first lies closer to the row's 100: read so, flagged, and not trusted.
    let w = &doc.source.quality.warnings;
    assert!(w.iter().any(|w| w.code == "decimal_recovered?" && w.message.contains("value 802 read as 80.2")));
    let school =
        doc.indicators.iter().find(|i| i.raw.contains("«Цифровая школа»   802") || i.raw.contains("802 100")).unwrap();
    assert!(school.confidence <= 0.5 && !school.values.values().any(|&v| v == 802.0), "{school:?}");
    assert_eq!(school.values.get(&2023), Some(&80.2));
    // A rating of 3.9, 4 and 4.4 flattened to «39  44» (the 4 dropped): no one-digit value lies
    // between 39 and 44, one lies between 3.9 and 4.4.
    let rating = doc.indicators.iter().find(|i| i.raw.ends_with("балл 39  44") || i.raw.ends_with("балл 39 44"));
    let rating = rating.expect("rating row");
    assert_eq!(rating.values.values().copied().collect::<Vec<f64>>(), [3.9, 4.4], "{rating:?}");
    assert!(w.iter().any(|w| w.code == "decimal_recovered?" && w.message.contains("value 39 read as 3.9")));
    // The tables disagree (34/34/36 federal marks): the cross-check says so.
    assert!(w.iter().any(|w| w.code == "count_mismatch"));
    assert!(w.iter().any(|w| w.code == "negation_lost?"));
    // «не обеспеченный федеральным финансированием» reads as its opposite once «не» is stripped:
    // every such funding cell is flagged.
    let funding =
        w.iter().filter(|w| w.code == "negation_lost?" && w.message.contains("обеспеченный федеральным")).count();
    assert!(funding >= 8, "{funding} funding cells flagged");
}

#[test]
fn astrakhan_projects_and_indicators() {
    let doc = load("astrakhan");
    let federal = doc.projects.iter().filter(|p| p.recommended_federal).count();
    assert_eq!(federal, 41);
    assert!(doc.projects_of("finance").count() >= 2);
    assert!(doc.indicators.len() >= 60);
    assert!(full_value_share(&doc) >= 0.8, "{}", full_value_share(&doc));
    let lib = doc.projects.iter().find(|p| p.name == "Библиотека цифрового образовательного контента").unwrap();
    assert_eq!(lib.funding.as_deref(), Some("Не предусмотрено"));
    assert!(lib.region_role.as_deref().is_some_and(|r| r.starts_with("Использование сервиса")));
    // The technologies cell, named by the federal list, is split off the description.
    assert_eq!(lib.technologies.as_deref(), Some("Облачные технологии"));
    assert!(lib.description.as_deref().is_some_and(|d| !d.contains("Облачные")));
    let tech = doc.projects.iter().filter(|p| p.technologies.is_some()).count();
    assert!(tech >= 18, "{tech} of 42 projects have technologies (was 1, then 11, then 13)");
    // A numbered list of the federal technologies that a page break put inside the role is
    // taken out of it.
    let services = doc.projects.iter().find(|p| p.name.starts_with("Перевод массовых социально значимых")).unwrap();
    let t = services.technologies.as_deref().unwrap_or_default();
    assert!(t.starts_with("1 Системы поддержки принятия решений") && t.ends_with("4 Генерация текстов"), "{t}");
    assert!(services.region_role.as_deref().is_some_and(|r| !r.contains("Машинный перевод")), "{services:?}");
    // «Не предусмотрено» as the technologies cell, with the role after it.
    let contour = doc.projects.iter().find(|p| p.name.starts_with("Создание единого цифрового контура")).unwrap();
    assert_eq!(contour.technologies.as_deref(), Some("Не предусмотрено"));
    assert!(contour.region_role.as_deref().is_some_and(|r| r.starts_with("Перечень мероприятий")), "{contour:?}");
    assert!(contour.description.as_deref().is_some_and(|d| !d.contains("Не предусмотрено")), "{contour:?}");
}

#[test]
fn output_is_deterministic() {
    for name in ["tver", "astrakhan"] {
        assert_eq!(to_json(&load(name)), to_json(&load(name)), "{name}");
    }
}

/// Federal project names as the line-broken text prints them: the text before «(рекомендовано
/// ФОИВ)» on the same line, or the previous line when the mark stands alone (a wrapped name's last
/// line), flattened like the text itself (a lone «1» cannot survive) and folded. An independent,
/// naive reading used only to check the flat parser.
fn federal_name_tails(raw: &str) -> Vec<String> {
    let lines: Vec<&str> = raw.lines().map(str::trim).collect();
    let mut v = Vec::new();
    for (n, l) in lines.iter().enumerate() {
        let Some(p) = l.find("(рекомендовано") else { continue };
        let fold = |x: &str| strata::text::fold::key(&strata::normalize::flat::flatten(x));
        let mut k = fold(&l[..p]);
        if k.is_empty() {
            let prev = lines[..n].iter().rev().find(|x| x.chars().any(char::is_alphabetic));
            k = prev.map(|x| fold(x)).unwrap_or_default();
        }
        if !k.is_empty() {
            v.push(k);
        }
    }
    v.sort();
    v.dedup();
    v
}

#[test]
fn flattened_line_broken_texts_keep_sectors_and_federal_projects() {
    use strata::normalize::flat::flatten;
    let cases: &[(&str, &[&str])] = &[
        (
            "ivanovo",
            &[
                "education",
                "healthcare",
                "urban",
                "transport",
                "public_admin",
                "social",
                "agriculture",
                "tourism",
                "industry",
                "trade_business",
                "construction",
                "energy",
            ],
        ),
        (
            "khabarovsk",
            &[
                "education",
                "healthcare",
                "urban",
                "transport",
                "public_admin",
                "social",
                "ecology",
                "security",
                "digital_personnel",
                "construction",
            ],
        ),
        (
            "kaliningrad",
            &[
                "education",
                "healthcare",
                "urban",
                "transport",
                "public_admin",
                "social",
                "tourism",
                "industry",
                "construction",
            ],
        ),
    ];
    let mut report = Vec::new();
    for (name, sectors) in cases {
        let raw = std::fs::read_to_string(format!("{}/samples/raw/{name}.txt", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let flat = flatten(&raw);
        if let Some(dir) = std::env::var_os("STRATA_DUMP_FLAT") {
            std::fs::write(std::path::Path::new(&dir).join(format!("{name}-flat.txt")), &flat).unwrap();
        }
        assert!(!flat.contains('\n') && !flat.contains('.') && !flat.contains(','));
        let doc = normalize(flat.as_bytes(), &format!("{name}-flattened.txt")).expect("flattened text normalizes");
        assert_eq!(doc.source.format, strata::model::SourceFormat::Flat, "{name}");
        assert_eq!(sector_keys(&doc), *sectors, "{name}: sectors");
        let names: Vec<String> =
            doc.projects.iter().filter(|p| p.recommended_federal).map(|p| strata::text::fold::key(&p.name)).collect();
        let tails = federal_name_tails(&raw);
        let found =
            tails.iter().filter(|t| names.iter().any(|n| n.ends_with(t.as_str()) || n.contains(t.as_str()))).count();
        let share = found as f64 / tails.len() as f64;
        if std::env::var_os("STRATA_SHOW_MISSED").is_some() {
            for t in tails.iter().filter(|t| !names.iter().any(|n| n.ends_with(t.as_str()) || n.contains(t.as_str()))) {
                eprintln!("  {name} missed: {t}");
            }
        }
        let per_sector: Vec<usize> = doc.sectors.iter().map(|s| doc.projects_of(&s.key).count()).collect();
        report.push(format!(
            "{name}: {found}/{} federal name tails found ({:.0}%); {} projects {per_sector:?}, {} indicators",
            tails.len(),
            share * 100.0,
            doc.projects.len(),
            doc.indicators.len()
        ));
        assert!(share >= 0.8, "{name}: only {found} of {} federal project names found", tails.len());
    }
    eprintln!("{}", report.join("\n"));
}

/// CPU time of this thread (user + system) from /proc, in clock ticks of 10 ms; `None` off Linux.
/// The machine may be shared, so wall-clock time alone overstates the cost.
fn thread_cpu_ticks() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split(' ').collect();
    Some(f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?)
}

/// Speed figures (run with `cargo test --release --test normalize_flat -- --ignored --nocapture`).
#[test]
#[ignore]
fn timing_of_flat_parsing() {
    for name in ["tver", "astrakhan"] {
        let path = format!("{}/samples/raw/{name}.txt", env!("CARGO_MANIFEST_DIR"));
        let bytes = std::fs::read(&path).unwrap();
        let text = std::str::from_utf8(&bytes).unwrap();
        let runs = 50;
        let (t, c) = (std::time::Instant::now(), thread_cpu_ticks());
        for _ in 0..runs {
            std::hint::black_box(strata::normalize::flat::parse(text));
        }
        let (wall, cpu) = (t.elapsed() / runs, thread_cpu_ticks().zip(c).map(|(b, a)| (b - a) * 10 / runs as u64));
        let (t, c) = (std::time::Instant::now(), thread_cpu_ticks());
        for _ in 0..runs {
            std::hint::black_box(normalize(&bytes, &path).unwrap());
        }
        let (wall2, cpu2) = (t.elapsed() / runs, thread_cpu_ticks().zip(c).map(|(b, a)| (b - a) * 10 / runs as u64));
        eprintln!(
            "{name}: {} bytes; flat::parse {wall:?} wall, {cpu:?} ms CPU; whole normalize {wall2:?} wall, {cpu2:?} ms CPU (mean of {runs})",
            bytes.len()
        );
    }
}
