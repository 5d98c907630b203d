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

/// Why a `--section` argument names no single section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SectionError {
    /// A name that fits several sections: their keys and display paths.
    Ambiguous { input: String, choices: Vec<(String, String)> },
    /// Nothing fits; the closest keys, if any are close.
    Unknown { input: String, suggestions: Vec<String> },
}

impl std::fmt::Display for SectionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::i18n::{Msg, Noun, count, trf};
        match self {
            SectionError::Ambiguous { input, choices } => {
                write!(f, "{}", trf(Msg::SectionAmbiguous, &[input, &count(choices.len(), Noun::Section)]))?;
                for (key, path) in choices {
                    write!(f, "\n  {key:<28} {path}")?;
                }
                Ok(())
            }
            SectionError::Unknown { input, suggestions } if suggestions.is_empty() => {
                write!(f, "{}", trf(Msg::SectionUnknown, &[input]))
            }
            SectionError::Unknown { input, suggestions } => {
                write!(f, "{}", trf(Msg::SectionDidYouMean, &[input, &suggestions.join(", ")]))
            }
        }
    }
}

impl std::error::Error for SectionError {}

/// Longest `--section` argument looked at for names and suggestions, in characters.
const MAX_SECTION_ARG: usize = 200;

/// Resolves a `--section` argument against the sections at hand, given as (key, title): a key as
/// is (any case), else a Russian (or English) name by its words, each matching a word of the
/// section's names by stem: its titles in the documents, the template's title and short name, its
/// sector's name, its key's parts, and for a sub-section its parents' names too
/// («проблемы здравоохранение» → `problems.healthcare`). A section whose own names hold every
/// word is preferred over one that needs its parents'; several equally good are an
/// [`SectionError::Ambiguous`] listing them («здравоохранение»: the four sector children). Nothing
/// fitting gives the closest keys («did you mean»).
pub fn resolve_section(input: &str, sections: &[(&str, &str)]) -> Result<String, SectionError> {
    let trimmed = input.trim();
    // A key itself (in any case): the smallest that matches, as the first in the sorted list
    // below would be, without sorting every key first.
    if let Some(k) = sections.iter().map(|s| s.0).filter(|k| k.eq_ignore_ascii_case(trimmed)).min() {
        return Ok(k.to_string());
    }
    let mut keys: Vec<&str> = sections.iter().map(|s| s.0).collect();
    keys.sort_unstable();
    keys.dedup();
    let short: String = trimmed.chars().take(MAX_SECTION_ARG).collect();
    let wanted: Vec<String> = words(&short).map(|w| crate::search::stem::stem(&w)).collect();
    let own = |key: &str| -> Vec<String> {
        let mut text = String::new();
        for (_, t) in sections.iter().filter(|s| s.0 == key) {
            text.push_str(t);
            text.push(' ');
        }
        let template = TOP_LEVEL.iter().chain(SUB_PARTS.iter().map(|(_, p)| p)).find(|p| p.key == key);
        for t in [short_title(key), template.map(|p| p.title)].into_iter().flatten() {
            text.push_str(t);
            text.push(' ');
        }
        let last = key.rsplit('.').next().unwrap_or(key);
        text.push_str(&last.replace(['_', '-'], " "));
        words(&text).collect()
    };
    let fits = |names: &[String]| wanted.iter().all(|w| names.iter().any(|n| n.starts_with(w.as_str())));
    // Tiers: the section's own names; with its parents' short names («Проекты»); with their full
    // titles («Взаимосвязь задач и проектов»). The first tier with a fit decides.
    let mut tiers: [Vec<&str>; 3] = Default::default();
    if !wanted.is_empty() {
        for &key in &keys {
            let mut names = own(key);
            let mut short_names = names.clone();
            let mut prefix = key;
            while let Some((p, _)) = prefix.rsplit_once('.') {
                short_names.extend(short_title(p).map_or_else(|| own(p), |t| words(t).collect()));
                names.extend(own(p));
                prefix = p;
            }
            if let Some(t) = [own(key), short_names, names].iter().position(|n| fits(n)) {
                tiers[t].push(key);
            }
        }
    }
    let found = tiers.into_iter().find(|t| !t.is_empty()).unwrap_or_default();
    match found.as_slice() {
        [one] => Ok(one.to_string()),
        [] => Err(SectionError::Unknown { input: short.clone(), suggestions: closest(&short, &keys) }),
        many => Err(SectionError::Ambiguous {
            input: short.clone(),
            choices: many.iter().map(|k| (k.to_string(), display_path(k, sections))).collect(),
        }),
    }
}

/// «Проблемы › Здравоохранение» for `problems.healthcare`: each level's short name, else its title.
fn display_path(key: &str, sections: &[(&str, &str)]) -> String {
    let mut parts = Vec::new();
    let mut end = 0;
    for seg in key.split('.') {
        end += seg.len();
        let k = &key[..end];
        let title = sections.iter().find(|s| s.0 == k).map(|s| s.1.trim()).filter(|t| !t.is_empty());
        parts.push(short_title(k).or(title).unwrap_or(seg).to_string());
        end += 1;
    }
    parts.join(" › ")
}

/// Up to three keys close to `input`: by edit distance (at most a third of the key, and at most one
/// more than the nearest), or holding it.
fn closest(input: &str, keys: &[&str]) -> Vec<String> {
    let input = input.to_lowercase();
    if input.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(usize, &str)> = keys
        .iter()
        .filter_map(|&k| {
            let d = edit_distance(&input, k);
            let near = d <= (k.chars().count() / 3).max(2);
            (near || k.contains(input.as_str())).then_some((d, k))
        })
        .collect();
    scored.sort_unstable();
    // Only the nearest few: a key one letter off is not listed beside one three letters off.
    let best = scored.first().map_or(0, |s| s.0);
    scored.into_iter().filter(|s| s.0 <= best + 1).take(3).map(|(_, k)| k.to_string()).collect()
}

/// Levenshtein distance in characters (one row of memory; `b` is a short key).
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = (diag + usize::from(ca != cb)).min(up + 1).min(row[j] + 1);
            diag = up;
        }
    }
    row[b.len()]
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
    fn section_arguments_resolve_by_key_or_russian_name() {
        let secs = [
            ("problems", "Проблемы и вызовы цифровой трансформации"),
            ("problems.healthcare", "Здравоохранение"),
            ("problems.education", "Образование и наука"),
            ("projects", "6. Раздел «Проекты развития отрасли»"),
            ("projects.healthcare", "Здравоохранение"),
            ("indicators.healthcare", "Здравоохранение"),
            ("linkage.healthcare", "Здравоохранение"),
            ("basics.terms", "Особенности и срок реализации"),
        ];
        let r = |s: &str| resolve_section(s, &secs);
        assert_eq!(r("problems.healthcare").unwrap(), "problems.healthcare");
        assert_eq!(r("PROBLEMS").unwrap(), "problems");
        assert_eq!(r("проблемы здравоохранение").unwrap(), "problems.healthcare");
        assert_eq!(r("Проблемы здравоохранения").unwrap(), "problems.healthcare");
        assert_eq!(r("проблемы").unwrap(), "problems");
        assert_eq!(r("образование").unwrap(), "problems.education");
        assert_eq!(r("срок реализации").unwrap(), "basics.terms");
        assert_eq!(r("показатели здравоохранение").unwrap(), "indicators.healthcare");
        assert_eq!(r("проекты здрав").unwrap(), "projects.healthcare");
        match r("здравоохранение") {
            Err(SectionError::Ambiguous { choices, .. }) => {
                let keys: Vec<&str> = choices.iter().map(|c| c.0.as_str()).collect();
                assert_eq!(
                    keys,
                    ["indicators.healthcare", "linkage.healthcare", "problems.healthcare", "projects.healthcare"]
                );
                assert_eq!(choices[2].1, "Проблемы › Здравоохранение");
            }
            other => panic!("{other:?}"),
        }
        use crate::i18n::{Lang, with_lang};
        let e = r("problms.healthcare").unwrap_err();
        assert_eq!(
            with_lang(Lang::En, || e.to_string()),
            "no section `problms.healthcare`; did you mean problems.healthcare?"
        );
        assert_eq!(
            with_lang(Lang::Ru, || e.to_string()),
            "нет раздела `problms.healthcare`; может быть, problems.healthcare?"
        );
        let e = with_lang(Lang::En, || r("космос").unwrap_err().to_string());
        assert!(e.starts_with("no section `космос`") && !e.contains("did you mean"), "{e}");
        let e = with_lang(Lang::Ru, || r("здравоохранение").unwrap_err().to_string());
        assert!(e.starts_with("«здравоохранение» подходит к нескольким разделам (4 раздела)"), "{e}");
        assert!(r(&"я".repeat(100_000)).is_err());
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
