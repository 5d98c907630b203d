//! Canonical section keys of the federal strategy template and recognition of headings.
//!
//! Top-level keys: `preamble`, `basics`, `card`, `priorities`, `problems`, `linkage`, `projects`,
//! `indicators`, `resources`, `glossary`, `appendices`, and `extra.<slug>` for anything else.
//! Sub-keys: `basics.grounds`, `basics.technologies`, `basics.terms`, `priorities.goal`,
//! `priorities.tasks`, `resources.participants`, `resources.financing`, and one child per sector
//! under `problems`, `linkage`, `projects` and `indicators` (`problems.healthcare`, ...).

use crate::text::fold::words;
use crate::text::translit::slug;

/// A recognisable part of the template.
#[derive(Debug, Clone, Copy)]
pub struct TemplatePart {
    /// Canonical key.
    pub key: &'static str,
    /// Canonical title.
    pub title: &'static str,
    /// Alternative folded stem sequences; any one matching (in order, stopwords dropped) is enough.
    pub patterns: &'static [&'static str],
}

/// Top-level sections of the template, in template order.
pub const TOP_LEVEL: &[TemplatePart] = &[
    TemplatePart {
        key: "basics", title: "Основные положения", patterns: &["основн положен"]
    },
    TemplatePart {
        key: "card", title: "Карточка стратегии", patterns: &["карточк стратег"]
    },
    TemplatePart {
        key: "priorities",
        title: "Приоритеты, цели и задачи цифровой трансформации",
        patterns: &["приоритет цел задач", "приоритет цел"],
    },
    TemplatePart {
        key: "problems", title: "Проблемы и вызовы цифровой трансформации", patterns: &["проблем вызов"]
    },
    TemplatePart {
        key: "linkage",
        title: "Взаимосвязь задач и проектов",
        patterns: &["взаимосвяз задач проект", "взаимосвяз"],
    },
    TemplatePart {
        key: "projects",
        title: "Проекты развития отрасли",
        patterns: &["проект развит отрасл", "проект цифров трансформац отрасл"],
    },
    TemplatePart {
        key: "indicators",
        title: "Показатели развития отрасли",
        patterns: &["показател развит отрасл", "показател цифров трансформац отрасл"],
    },
    TemplatePart {
        key: "resources",
        title: "Ресурсное обеспечение реализации стратегии",
        patterns: &["ресурсн обеспечен"],
    },
    TemplatePart {
        key: "glossary",
        title: "Сокращения, термины и определения",
        patterns: &["сокращен термин определен", "термин определен", "глоссари", "перечен сокращен", "список сокращен"],
    },
    TemplatePart { key: "appendices", title: "Приложения", patterns: &["приложен"] },
];

/// Sub-sections of the template: (parent key, part).
pub const SUB_PARTS: &[(&str, TemplatePart)] = &[
    (
        "basics",
        TemplatePart {
            key: "basics.grounds", title: "Основания разработки", patterns: &["основан разработк"]
        },
    ),
    (
        "basics",
        TemplatePart {
            key: "basics.technologies",
            title: "Перечень внедряемых отечественных технологий",
            patterns: &["внедряем отечествен технолог", "перечен внедряем", "отечествен технолог"],
        },
    ),
    (
        "basics",
        TemplatePart {
            key: "basics.terms",
            title: "Особенности и срок реализации",
            patterns: &["особенност срок реализац", "особенност реализац", "срок реализац"],
        },
    ),
    (
        "priorities",
        TemplatePart {
            key: "priorities.goal",
            title: "Цель цифровой трансформации",
            patterns: &["цел цифров трансформац"],
        },
    ),
    (
        "priorities",
        TemplatePart {
            key: "priorities.tasks",
            title: "Задачи цифровой трансформации",
            patterns: &["задач цифров трансформац"],
        },
    ),
    (
        "resources",
        TemplatePart {
            key: "resources.participants",
            title: "Участники реализации стратегии",
            patterns: &["участник реализац"],
        },
    ),
    (
        "resources",
        TemplatePart {
            key: "resources.financing", title: "Финансовое обеспечение", patterns: &["финансов обеспечен"]
        },
    ),
];

/// Top-level keys that have one child per sector.
pub const SECTORED: &[&str] = &["problems", "linkage", "projects", "indicators"];

/// True when the folded words of `title` contain the stems of `pattern` in order (each stem a
/// word prefix; other words may stand between them).
pub fn matches_pattern(title_words: &[String], pattern: &str) -> bool {
    let mut it = title_words.iter();
    pattern.split(' ').all(|stem| it.any(|w| w.starts_with(stem)))
}

/// Recognises a top-level heading title; returns its template part.
pub fn top_level(title: &str) -> Option<&'static TemplatePart> {
    let ws: Vec<String> = words(title).collect();
    TOP_LEVEL.iter().find(|p| p.patterns.iter().any(|pat| matches_pattern(&ws, pat)))
}

/// Recognises a sub-section heading under `parent` (a top-level key).
pub fn sub_part(parent: &str, title: &str) -> Option<&'static TemplatePart> {
    let ws: Vec<String> = words(title).collect();
    SUB_PARTS
        .iter()
        .filter(|(p, _)| *p == parent)
        .map(|(_, part)| part)
        .find(|p| p.patterns.iter().any(|pat| matches_pattern(&ws, pat)))
}

/// Key for an unrecognised section: `extra.<slug>`.
pub fn extra(title: &str) -> String {
    format!("extra.{}", slug(title))
}

/// Key of a sector child under a sectored top-level section, e.g. `problems.healthcare`.
pub fn sector_child(parent: &str, sector_key: &str) -> String {
    format!("{parent}.{sector_key}")
}

/// A short display name of a template key, for paths such as «Проекты › Здравоохранение»: the
/// first word of a top-level part's title («Проекты», «Показатели»), a sub-part's title, the
/// sector's name for a sector child; `None` for keys the template does not know.
pub fn short_title(key: &str) -> Option<&'static str> {
    if let Some(p) = TOP_LEVEL.iter().find(|p| p.key == key) {
        // An adjective needs its noun: «Основные положения», «Ресурсное обеспечение».
        let first = p.title.split(' ').next().unwrap_or(p.title);
        let adjective = ["ые", "ое", "ая", "ий", "ый"].iter().any(|e| first.ends_with(e));
        let words = if adjective { 2 } else { 1 };
        let end = p.title.match_indices(' ').nth(words - 1).map_or(p.title.len(), |(i, _)| i);
        return Some(p.title[..end].trim_end_matches(','));
    }
    if let Some((_, p)) = SUB_PARTS.iter().find(|(_, p)| p.key == key) {
        return Some(p.title);
    }
    let (parent, sector) = key.split_once('.')?;
    if !SECTORED.contains(&parent) {
        return None;
    }
    crate::model::sector::SECTORS.iter().find(|s| s.key == sector).map(|s| s.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_are_folded_like_words() {
        let parts = TOP_LEVEL.iter().chain(SUB_PARTS.iter().map(|(_, p)| p));
        for p in parts {
            for pat in p.patterns {
                assert_eq!(crate::text::fold::key(pat), *pat, "pattern `{pat}` of {} must be folded", p.key);
            }
        }
    }

    #[test]
    fn recognises_template_headings_in_their_variants() {
        let k = |t| top_level(t).map(|p| p.key);
        assert_eq!(k("1. Раздел «Основные положения»"), Some("basics"));
        assert_eq!(k("Раздел Карточка стратегии краткое содержани"), Some("card"));
        assert_eq!(k("Раздел Приоритеты цели задачи цифровой трансформации"), Some("priorities"));
        assert_eq!(k("Раздел «Проблемы и вызовы цифровой трансформации»"), Some("problems"));
        assert_eq!(k("5. Раздел Взаимосвязь задач и проектов отрасли."), Some("linkage"));
        assert_eq!(k("6. Раздел «Проекты развития отрасли»."), Some("projects"));
        assert_eq!(k("7. Раздел «Показатели развития отрасли»"), Some("indicators"));
        assert_eq!(
            k("8. Раздел «Ресурсное обеспечение реализации Стратегии цифровой трансформации»"),
            Some("resources")
        );
        assert_eq!(k("СОКРАЩЕНИЕ, ТЕРМИНЫ И ОПРЕДЕЛЕНИЯ"), Some("glossary"));
        assert_eq!(k("Что-то иное"), None);
        assert_eq!(sub_part("basics", "1.3. Особенности и срок реализации.").map(|p| p.key), Some("basics.terms"));
        assert_eq!(sub_part("resources", "8.2 Финансовое обеспечение").map(|p| p.key), Some("resources.financing"));
        assert_eq!(extra("Прочее важное"), "extra.prochee-vazhnoe");
    }

    #[test]
    fn short_titles_name_template_parts() {
        assert_eq!(short_title("projects"), Some("Проекты"));
        assert_eq!(short_title("basics"), Some("Основные положения"));
        assert_eq!(short_title("priorities"), Some("Приоритеты"));
        assert_eq!(short_title("glossary"), Some("Сокращения"));
        assert_eq!(short_title("resources"), Some("Ресурсное обеспечение"));
        assert_eq!(short_title("projects.healthcare"), Some("Здравоохранение"));
        assert_eq!(short_title("resources.financing"), Some("Финансовое обеспечение"));
        assert_eq!(short_title("extra.prochee"), None);
        assert_eq!(short_title("projects.x-kosmos"), None);
    }
}
