//! Realistic fixture documents for the diff tests: two regions that number their sector sections
//! differently, and a revision of one of them edited in known places.
#![allow(dead_code)]

use std::collections::BTreeMap;
use strata::model::*;

/// Comparison options (the work budget makes every comparison deterministic).
pub fn exact() -> strata::compare::Options {
    strata::compare::Options::default()
}

pub fn para(text: &str) -> Block {
    Block { kind: BlockKind::Paragraph, text: text.into() }
}

pub fn item(text: &str) -> Block {
    Block { kind: BlockKind::Item, text: text.into() }
}

pub fn section(key: &str, number: &str, title: &str, blocks: Vec<Block>, children: Vec<Section>) -> Section {
    Section {
        key: key.into(),
        number: (!number.is_empty()).then(|| number.to_string()),
        title: title.into(),
        blocks,
        children,
        line: None,
        offset: None,
    }
}

pub fn project(id: &str, sector: &str, name: &str, goal: &str, funding: &str) -> Project {
    Project {
        id: id.into(),
        sector: sector.into(),
        number: id.rsplit('/').next().and_then(|n| n.parse().ok()),
        name: name.into(),
        recommended_federal: true,
        goal: Some(goal.into()),
        period: Some("До 2024 года".into()),
        funding: Some(funding.into()),
        description: None,
        technologies: Some("Большие данные, искусственный интеллект".into()),
        region_role: None,
        tasks: None,
        beneficiaries: None,
        benefits: None,
        raw: format!("{name} {goal} {funding}").into(),
        confidence: 0.9,
    }
}

pub fn indicator(sector: &str, project: &str, name: &str, values: &[(u16, f64)]) -> Indicator {
    Indicator {
        sector: sector.into(),
        project: project.into(),
        project_id: None,
        responsible: Some("Департамент здравоохранения".into()),
        name: name.into(),
        unit: Some("%".into()),
        values: values.iter().copied().collect::<BTreeMap<_, _>>(),
        raw: name.into(),
        confidence: 0.9,
    }
}

fn doc(
    region: (&str, &str),
    label: &str,
    sections: Vec<Section>,
    projects: Vec<Project>,
    indicators: Vec<Indicator>,
) -> Document {
    Document {
        schema: SCHEMA_VERSION,
        meta: Meta {
            region: Region { name: region.0.into(), key: region.1.into() },
            title: "Стратегия в области цифровой трансформации отраслей экономики, социальной сферы и государственного управления".into(),
            approval: None,
            period: Some(Period { from: 2022, to: 2024 }),
            version: Version { label: label.into(), date: Some(label.into()), illustrative: false, note: None },
            coordinator: None,
        },
        source: Source {
            file: format!("{}.txt", region.1),
            sha256: "0".repeat(64),
            format: SourceFormat::Lines,
            encoding: "utf-8".into(),
            bytes: 1000,
            pages: Some(100),
            quality: Quality { grade: "A".into(), score: 95, warnings: vec![] },
        },
        sectors: vec![
            SectorRef { key: "education".into(), name: "Образование и наука".into() },
            SectorRef { key: "healthcare".into(), name: "Здравоохранение".into() },
        ],
        sections,
        projects,
        indicators,
        glossary: BTreeMap::new(),
        legal_basis: vec![],
        card: vec![],
    }
}

pub const HEALTH_1: &str = "Ключевой проблемой отрасли остаётся низкий уровень оснащённости медицинских организаций компьютерной техникой: на одно автоматизированное рабочее место приходится более трёх медицинских работников.";
pub const HEALTH_2: &str = "Доля медицинских организаций, подключённых к защищённой сети передачи данных, составляет 62 %, что не позволяет обеспечить обмен электронными медицинскими документами.";
pub const HEALTH_3: &str = "Телемедицинские консультации проводятся только в областной клинической больнице и двух центральных районных больницах.";
pub const HEALTH_4: &str =
    "Отсутствует единая система учёта льготного лекарственного обеспечения, данные ведутся в разрозненных таблицах.";
pub const EDU_1: &str = "Доля образовательных организаций, обеспеченных доступом к сети Интернет со скоростью не менее 100 Мбит/с, составляет 48 %.";
pub const EDU_2: &str = "Педагоги не обладают достаточными компетенциями для использования цифровых образовательных ресурсов в учебном процессе.";

/// Ивановская область, first version: healthcare is 4.2.
pub fn ivanovo() -> Document {
    doc(
        ("Ивановская область", "ivanovo"),
        "2021-08-20",
        vec![
            section(
                "basics",
                "1",
                "Основные положения",
                vec![para(
                    "Стратегия разработана в соответствии с Указом Президента Российской Федерации от 21.07.2020 № 474.",
                )],
                vec![],
            ),
            section(
                "problems",
                "4",
                "Проблемы и вызовы цифровой трансформации",
                vec![],
                vec![
                    section("problems.education", "4.1", "Образование и наука", vec![para(EDU_1), para(EDU_2)], vec![]),
                    section(
                        "problems.healthcare",
                        "4.2",
                        "Здравоохранение",
                        vec![para(HEALTH_1), para(HEALTH_2), para(HEALTH_3), item(HEALTH_4)],
                        vec![],
                    ),
                ],
            ),
        ],
        vec![
            project(
                "healthcare/1",
                "healthcare",
                "Цифровой контур здравоохранения",
                "Обеспечение доступности медицинской помощи",
                "Федеральный бюджет",
            ),
            project(
                "healthcare/2",
                "healthcare",
                "Телемедицинская сеть Ивановской области",
                "Консультации в отдалённых районах",
                "Областной бюджет",
            ),
            project(
                "education/1",
                "education",
                "Цифровая образовательная среда",
                "Доступ школ к сети Интернет",
                "Федеральный бюджет",
            ),
        ],
        vec![
            indicator(
                "healthcare",
                "Цифровой контур здравоохранения",
                "Доля медицинских организаций, использующих медицинские информационные системы",
                &[(2022, 40.0), (2023, 60.0), (2024, 80.0)],
            ),
            indicator(
                "education",
                "Цифровая образовательная среда",
                "Доля школ с доступом к сети Интернет",
                &[(2022, 50.0), (2023, 75.0), (2024, 100.0)],
            ),
        ],
    )
}

/// The same document revised in known places (see `REVISION_EDITS`).
pub fn ivanovo_rev() -> Document {
    let mut d = ivanovo();
    d.meta.version = Version {
        label: "2022-08-26 (illustrative revision)".into(),
        date: Some("2022-08-26".into()),
        illustrative: true,
        note: Some("fixture".into()),
    };
    let health = &mut d.sections[1].children[1];
    // 1. Reworded: "62 %" -> "71 %" and "не позволяет" -> "пока не позволяет".
    health.blocks[1].text = HEALTH_2.replace("62 %", "71 %").replace("не позволяет", "пока не позволяет").into();
    // 2. A paragraph added at the end.
    health.blocks.push(para("В 2022 году начато внедрение системы поддержки принятия врачебных решений."));
    // 3. Education: the second paragraph moved before the first, unchanged.
    d.sections[1].children[0].blocks.swap(0, 1);
    // 4. An indicator target changed: 2024 80 -> 85.
    d.indicators[0].values.insert(2024, 85.0);
    // 5. A project dropped (telemedicine) and one added.
    d.projects.remove(1);
    d.projects.push(project(
        "healthcare/3",
        "healthcare",
        "Система поддержки принятия врачебных решений",
        "Снижение числа врачебных ошибок",
        "Областной бюджет",
    ));
    d
}

/// Another region: the same template, healthcare numbered 4.5, different text.
pub fn tver() -> Document {
    doc(
        ("Тверская область", "tver"),
        "2021-08-31",
        vec![section(
            "problems",
            "4",
            "Проблемы и вызовы цифровой трансформации",
            vec![],
            vec![
                section(
                    "problems.transport",
                    "4.1",
                    "Транспорт",
                    vec![para("Автобусы не оснащены системами безналичной оплаты проезда.")],
                    vec![],
                ),
                section(
                    "problems.healthcare",
                    "4.5",
                    "Отрасль «Здравоохранение»",
                    vec![
                        para(
                            "Ключевой проблемой отрасли остаётся низкий уровень оснащённости медицинских организаций компьютерной техникой и медицинскими изделиями.",
                        ),
                        para(
                            "В регионе не хватает специалистов по информационным технологиям в медицинских организациях.",
                        ),
                    ],
                    vec![],
                ),
            ],
        )],
        vec![],
        vec![],
    )
}

pub fn write_json(dir: &std::path::Path, name: &str, d: &Document) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, serde_json::to_string_pretty(d).unwrap()).unwrap();
    p
}
