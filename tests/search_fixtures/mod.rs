//! Realistic fixture documents for the search tests: a clean line-broken strategy and an OCR-damaged
//! single-line one.
#![allow(dead_code)]

use serde_json::{Value, json};
use strata::model::Document;

fn meta(region: &str, key: &str) -> Value {
    json!({
        "region": { "name": region, "key": key },
        "title": format!("Стратегия в области цифровой трансформации отраслей экономики, социальной сферы и государственного управления {region}"),
        "approval": null,
        "period": { "from": 2022, "to": 2024 },
        "version": { "label": "2021-08-20", "date": "2021-08-20" }
    })
}

fn source(file: &str, format: &str, grade: &str) -> Value {
    json!({
        "file": file, "sha256": "0".repeat(64), "format": format,
        "quality": { "grade": grade, "score": 70, "warnings": [] }
    })
}

fn para(text: &str) -> Value {
    json!({ "kind": "paragraph", "text": text })
}

/// A clean strategy (Ивановская область).
pub fn ivanovo_json() -> Value {
    json!({
        "schema": 1,
        "meta": meta("Ивановская область", "ivanovo"),
        "source": source("ivanovo.txt", "lines", "A"),
        "sectors": [{ "key": "healthcare", "name": "Здравоохранение" }],
        "sections": [
            { "key": "basics", "title": "Общие положения", "blocks": [
                para("Стратегия разработана с учётом опыта Москва и других субъектов Российской Федерации."),
                para("ОПЫТ МОСКВА УЧТЕН ЧАСТИЧНО."),
                para("Обратной связи с гражданами служит платформа, созданная в 2020 году.")
            ]},
            { "key": "problems", "title": "Проблемы и вызовы отраслей", "children": [
                { "key": "problems.healthcare", "number": "3.1", "title": "Здравоохранение", "blocks": [
                    para("Недостаточная интеграция медицинских информационных систем с ЕГИСЗ; подключение к ЕГИСЗ не завершено."),
                    para("Развитие платформы обратной связи позволит гражданам сообщать о проблемах."),
                    para("Медицинские организации используют МИС разных производителей.")
                ]},
                { "key": "problems.security", "number": "3.2", "title": "Защита данных и равноправие доступа", "blocks": [
                    para("Требования к защите персональных данных пациентов.")
                ]}
            ]},
            { "key": "projects", "title": "Проекты развития отрасли", "children": [
                { "key": "projects.healthcare", "title": "Здравоохранение" }
            ]},
            { "key": "indicators", "title": "Показатели развития отрасли" }
        ],
        "projects": [
            { "id": "healthcare/1", "sector": "healthcare", "number": 1, "name": "Цифровой профиль гражданина",
              "recommended_federal": true, "raw": "Цифровой профиль гражданина рекомендовано ФОИВ Обеспечение доступа граждан к медицинским документам",
              "confidence": 0.9 },
            { "id": "healthcare/2", "sector": "healthcare", "number": 2, "name": "Платформа обратной связи",
              "recommended_federal": true, "raw": "Платформа обратной связи", "confidence": 0.9 },
            { "id": "healthcare/3", "sector": "healthcare", "number": 3, "name": "Развитие цифровой медицины",
              "recommended_federal": false, "raw": "Развитие цифровой медицины", "confidence": 0.6 }
        ],
        "indicators": [
            { "sector": "healthcare", "project": "Цифровой профиль гражданина",
              "name": "Доля медицинских организаций, подключенных к ЕГИСЗ", "unit": "%",
              "values": { "2022": 50.0, "2023": 75.0, "2024": 100.0 },
              "raw": "Доля медицинских организаций подключенных к ЕГИСЗ 50 75 100", "confidence": 0.8 }
        ],
        "glossary": { "ЕГИСЗ": "Единая государственная информационная система в сфере здравоохранения" }
    })
}

/// An OCR-damaged strategy (Астраханская область), flattened: letters л, н, т lost here and there.
pub fn astrakhan_json() -> Value {
    json!({
        "schema": 1,
        "meta": meta("Астраханская область", "astrakhan"),
        "source": source("astrakhan.txt", "flat", "D"),
        "sections": [
            { "key": "basics", "title": "Общие положения", "blocks": [
                para("Стратегия цифровой трансформации Асрахаской обасти  развитию информационных техоогий"),
                para("Правительство Астраханской области утверждает стратегию"),
                para("Министерство цифрового развития и связи обеспечивает выполнение")
            ]},
            { "key": "problems.healthcare", "title": "Здравоохранение", "blocks": [
                para("Низкий уровень внедрения ЕГИСЗ  медицинских организациях")
            ]}
        ]
    })
}

/// Both fixture documents, parsed.
pub fn docs() -> Vec<Document> {
    [ivanovo_json(), astrakhan_json()].into_iter().map(|v| serde_json::from_value(v).expect("fixture")).collect()
}
