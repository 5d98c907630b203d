//! Realistic fixture documents for TUI tests and benchmarks: Cyrillic text, several regions, two
//! versions of one region, sector sections with projects and indicators, quality warnings, and
//! a control sequence hidden in a title (it must never reach the terminal raw).
#![allow(dead_code)]

pub mod tmux;

use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use strata::load::Loaded;
use strata::model::Document;

/// The paragraph read back on screen by the end-to-end test.
pub const HEALTH_PARA: &str = "Низкий уровень интеграции региональных медицинских информационных систем с \
подсистемами единой государственной информационной системы в сфере здравоохранения (далее ЕГИСЗ) \
затрудняет обмен данными между медицинскими организациями Ивановской области.";

fn project(sector: &str, n: u32, name: &str, period: &str, funding: &str, federal: bool) -> Value {
    json!({
        "id": if n == 2 { format!("{sector}/{n}\u{1b}]0;x\u{7}") } else { format!("{sector}/{n}") }, "sector": sector, "number": n, "name": name,
        "recommended_federal": federal, "goal": "Повышение доступности услуг", "period": period,
        "funding": funding, "description": "Создание и развитие информационной системы",
        "raw": format!("{n} {name}{} Повышение доступности услуг {period} {funding}",
            if federal { " (рекомендовано ФОИВ)" } else { "" }),
        "confidence": if n == 3 { 0.4 } else { 0.9 }
    })
}

fn indicator(sector: &str, project: &str, name: &str, unit: &str, vals: &[(u16, f64)]) -> Value {
    let values: serde_json::Map<String, Value> = vals.iter().map(|(y, v)| (y.to_string(), json!(v))).collect();
    let raw =
        format!("{project} {name} {unit} {}", vals.iter().map(|(_, v)| v.to_string()).collect::<Vec<_>>().join(" "));
    json!({ "sector": sector, "project": project, "name": name, "unit": unit, "values": values,
            "raw": raw, "confidence": 0.9 })
}

fn section(key: &str, number: &str, title: &str, blocks: Vec<(&str, &str)>, children: Vec<Value>) -> Value {
    let blocks: Vec<Value> = blocks.into_iter().map(|(k, t)| json!({ "kind": k, "text": t })).collect();
    json!({ "key": key, "number": number, "title": title, "blocks": blocks, "children": children })
}

/// One strategy document. `revised` makes the second version of a region.
pub fn strategy(key: &str, name: &str, genitive: &str, date: &str, grade: &str, revised: bool) -> Document {
    let health_extra = if revised {
        "В 2023 году к ЕГИСЗ подключены все медицинские организации, включая фельдшерско-акушерские пункты."
    } else {
        "Доля медицинских организаций, обеспечивающих электронный документооборот, остаётся недостаточной."
    };
    let mut projects = vec![
        project(
            "healthcare",
            1,
            "Цифровой контур здравоохранения",
            "2022-2024",
            "Федеральный бюджет, 120,5 млн руб.",
            true,
        ),
        project(
            "healthcare",
            2,
            "Телемедицинские консультации для жителей отдалённых районов",
            "До 2030 года",
            "Областной бюджет",
            false,
        ),
        project(
            "education",
            1,
            "Библиотека цифрового образовательного контента",
            "2022-2030",
            "Внебюджетные средства",
            true,
        ),
    ];
    if revised {
        projects.push(project(
            "healthcare",
            3,
            "Платформа обратной связи пациентов",
            "2023-2025",
            "Областной бюджет",
            false,
        ));
    }
    let target = if revised { 95.0 } else { 90.0 };
    let indicators = vec![
        indicator(
            "healthcare",
            "Цифровой контур здравоохранения",
            "Доля медицинских организаций, подключённых к ЕГИСЗ",
            "%",
            &[(2022, 60.0), (2023, 75.5), (2024, target)],
        ),
        indicator(
            "healthcare",
            "Цифровой контур здравоохранения",
            "Доля граждан, использующих электронную медицинскую карту",
            "%",
            &[(2022, 10.0), (2023, 25.0), (2024, 40.0)],
        ),
        indicator(
            "healthcare",
            "Телемедицинские консультации для жителей отдалённых районов",
            "Число консультаций",
            "тыс. ед.",
            &[(2022, 1.2), (2023, 3.4), (2024, 5.0)],
        ),
        indicator(
            "education",
            "Библиотека цифрового образовательного контента",
            "Доля школ с доступом к контенту",
            "%",
            &[(2022, 30.0), (2024, 100.0)],
        ),
    ];
    let doc = json!({
        "schema": 1,
        "meta": {
            "region": { "name": name, "key": key },
            "title": format!("Стратегия в области цифровой трансформации отраслей экономики, социальной сферы и государственного управления {genitive}"),
            "approval": { "authority": format!("Правительство {genitive}"), "act_type": "распоряжение", "date": date, "number": "87-рп" },
            "period": { "from": 2022, "to": 2030 },
            "version": { "label": date, "date": date, "illustrative": revised,
                         "note": if revised { json!("Сценарная редакция для демонстрации сравнения") } else { Value::Null } },
            "coordinator": "Департамент цифрового развития"
        },
        "source": { "file": format!("{key}.txt"), "sha256": "00", "format": if grade == "D" { "flat" } else { "lines" },
                    "encoding": "utf-8", "bytes": 123456, "pages": 54,
                    "quality": { "grade": grade, "score": if grade == "D" { 35 } else { 82 },
                                 "warnings": [ { "code": "lost_glyph", "message": "буква «л» часто пропущена", "line": 120 } ] } },
        "sectors": [ { "key": "healthcare", "name": "Здравоохранение" }, { "key": "education", "name": "Образование и наука" } ],
        "sections": [
            section("basics", "1", "Основные положения", vec![
                ("paragraph", "Стратегия определяет цели, задачи и приоритеты цифровой трансформации на период до 2030 года."),
            ], vec![
                section("basics.grounds", "1.1", "Основания разработки", vec![
                    ("item", "Указ Президента Российской Федерации от 21.07.2020 № 474 «О национальных целях развития Российской Федерации на период до 2030 года»;"),
                    ("item", "распоряжение Правительства Российской Федерации от 22.10.2021 № 2998-р;"),
                ], vec![]),
            ]),
            section("problems", "4", "Проблемы и вызовы цифровой трансформации", vec![], vec![
                section("problems.education", "4.1", "Образование и наука", vec![
                    ("paragraph", "Недостаточная скорость подключения образовательных организаций к сети Интернет."),
                ], vec![]),
                section("problems.healthcare", "4.2", "Здравоохранение", vec![
                    ("paragraph", HEALTH_PARA),
                    ("paragraph", health_extra),
                    ("item", "устаревший парк компьютерной техники;"),
                    ("item", "нехватка специалистов в области информационных технологий в медицинских организациях, особенно в сельской местности;"),
                ], vec![]),
            ]),
            section("projects", "6", "Проекты развития отрасли", vec![], vec![
                section("projects.education", "6.1", "Образование и наука", vec![], vec![]),
                section("projects.healthcare", "6.2", "Здравоохранение", vec![], vec![]),
            ]),
            section("indicators", "7", "Показатели развития отрасли", vec![], vec![
                section("indicators.healthcare", "7.2", "Здравоохранение", vec![], vec![]),
            ]),
            section("extra.bad\u{1b}[2J", "8", "Примечание \u{1b}[31mкрасным\u{1b}[0m", vec![("paragraph", "Текст с управляющим символом \u{7} внутри.")], vec![]),
        ],
        "projects": projects,
        "indicators": indicators,
        "card": [ { "label": "Срок реализации", "value": "2022-2030 годы" } ]
    });
    serde_json::from_value(doc).expect("fixture is a valid schema-1 document")
}

/// The fixture set: Ivanovo in two versions, Astrakhan (grade D), Tver.
pub fn docs() -> Vec<Loaded> {
    let ds = [
        (
            "ivanovo-2021.json",
            strategy("ivanovo", "Ивановская область", "Ивановской области", "2021-08-20", "B", false),
        ),
        (
            "astrakhan.json",
            strategy("astrakhan", "Астраханская область", "Астраханской области", "2022-08-26", "D", false),
        ),
        ("ivanovo-2022.json", strategy("ivanovo", "Ивановская область", "Ивановской области", "2022-08-26", "B", true)),
        ("tver.json", strategy("tver", "Тверская область", "Тверской области", "2021-12-30", "A", false)),
    ];
    ds.into_iter().map(|(o, doc)| Loaded { origin: o.to_string(), doc: doc.into() }).collect()
}

/// Writes the fixtures as JSON files into `dir`, plus one broken file; returns all paths.
pub fn write_json(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = docs()
        .into_iter()
        .map(|l| {
            let p = dir.join(&l.origin);
            std::fs::write(&p, serde_json::to_string_pretty(&*l.doc).unwrap()).unwrap();
            p
        })
        .collect();
    let bad = dir.join("broken.json");
    std::fs::write(&bad, "{\n  \"schema\": 1,\n  \"meta\": oops\n}\n").unwrap();
    paths.push(bad);
    paths
}
