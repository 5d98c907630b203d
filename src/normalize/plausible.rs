//! Plausibility of indicator values, whatever the raw form: a share over 100 %, a count of people
//! (`чел.`, `тыс. чел.`, `млн чел.`) above the population of Russia's largest region, a count of
//! the population off by a factor of 100 or more from the document's other counts of the
//! population, and any count (`ед.`, `шт.`, people) off by 100 times from the same row's other
//! years (a lost decimal separator or a unit printed as «чел.» where «тыс. чел.» was meant).
//! Each implausible row becomes one `implausible_value?` warning naming the sector, the project,
//! the indicator and the first implausible year.

use crate::model::{Indicator, Warning};
use crate::text::fold::fold;

/// Persons per unit, for the units that count people (`чел.`, `тыс. чел.`, `млн чел.`).
fn people_scale(unit: &str) -> Option<f64> {
    let u: String = fold(unit).chars().filter(|c| c.is_alphabetic()).collect();
    if !u.ends_with("чел") && !u.ends_with("человек") {
        return None;
    }
    Some(if u.starts_with("тыс") {
        1e3
    } else if u.starts_with("млн") {
        1e6
    } else {
        1.0
    })
}

fn is_share(unit: Option<&str>) -> bool {
    unit.is_some_and(|u| u.trim() == "%" || fold(u).starts_with("процент"))
}

fn place(i: &Indicator, year: u16) -> String {
    let name: String = i.name.chars().take(80).collect();
    let project: String = i.project.chars().take(60).collect();
    format!("sector {}, project «{project}», indicator «{name}», {year}", i.sector)
}

fn warn(i: &Indicator, message: String) -> Warning {
    Warning { code: "implausible_value?".into(), message, line: None, offset: None, project: i.project_id.clone() }
}

/// The population of Russia's most populous region (Moscow: 13.15 million on 1 January 2024,
/// Rosstat), rounded up: a region's count of people above it is a lost decimal separator or a
/// unit printed as «тыс. чел.» where «чел.» was meant.
const LARGEST_REGION: f64 = 13_200_000.0;

/// The median of `values` (the upper one of an even count); `values` must not be empty.
fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn off_by_100(v: f64, median: f64) -> bool {
    v >= median * 100.0 || v * 100.0 <= median
}

fn is_population(i: &Indicator) -> bool {
    // The searchers made once: `str::contains` prepares its own at every call, for every row.
    static WORDS: std::sync::LazyLock<[memchr::memmem::Finder<'static>; 2]> =
        std::sync::LazyLock::new(|| ["населени", "численност"].map(memchr::memmem::Finder::new));
    let name = fold(&i.name);
    WORDS.iter().any(|w| w.find(name.as_bytes()).is_some())
}

/// The first of a row's values (year order) that `bad` picks.
fn first(i: &Indicator, bad: impl Fn(f64) -> bool) -> Option<(u16, f64)> {
    i.values.iter().map(|(&y, &v)| (y, v)).find(|&(_, v)| bad(v))
}

/// The one warning for a row, if any of its values is implausible: a share over 100, a count of
/// people above any region's population, a count of the population 100 times off the document's
/// (`population`: their median, in persons), or a value 100 times off the row's other years.
fn row_warning(i: &Indicator, population: Option<f64>) -> Option<String> {
    let unit = i.unit.as_deref().map(str::trim).filter(|u| !u.is_empty());
    if is_share(unit) {
        let (y, v) = first(i, |v| v > 100.0)?;
        return Some(format!("{}: a share of {v} %, over 100", place(i, y)));
    }
    if let Some(scale) = unit.and_then(people_scale) {
        if let Some((y, v)) = first(i, |v| v * scale > LARGEST_REGION) {
            let people = (v * scale).round();
            return Some(format!(
                "{}: {people} people, more than the population of any Russian region (about {LARGEST_REGION})",
                place(i, y)
            ));
        }
        if let Some(median) = population.filter(|_| is_population(i))
            && let Some((y, v)) = first(i, |v| v > 0.0 && off_by_100(v * scale, median))
        {
            let v = v * scale;
            return Some(format!(
                "{}: {v} people, off by 100 times or more from the document's other counts of the population (median {median})",
                place(i, y)
            ));
        }
    }
    let unit = unit?;
    // The year farthest from the row's median, against the median of the row's other years.
    let positive: Vec<(u16, f64)> = i.values.iter().map(|(&y, &v)| (y, v)).filter(|&(_, v)| v > 0.0).collect();
    if positive.len() < 2 {
        return None;
    }
    let row = median(positive.iter().map(|&(_, v)| v).collect());
    let far = |v: f64| (v / row).ln().abs();
    let (y, v) = positive.iter().copied().reduce(|a, b| if far(b.1) > far(a.1) { b } else { a })?;
    let m = median(positive.iter().filter(|&&(o, _)| o != y).map(|&(_, x)| x).collect());
    off_by_100(v, m).then(|| {
        format!("{}: {v} {unit}, off by 100 times or more from the same row's other years (median {m})", place(i, y))
    })
}

/// Warnings for implausible indicator values: one per indicator row, and one for rows repeated
/// with the same unit and values (a federal indicator printed under each of several projects
/// is one value to check, named at its first project).
pub fn check(indicators: &[Indicator]) -> Vec<Warning> {
    // Counts of the population: compared with the median of the document's other such values.
    let people: Vec<f64> = indicators
        .iter()
        .filter(|i| is_population(i))
        .filter_map(|i| people_scale(i.unit.as_deref()?).map(|s| (i, s)))
        .flat_map(|(i, s)| i.values.values().map(move |&v| v * s))
        .filter(|&v| v > 0.0)
        .collect();
    let population = (people.len() >= 3).then(|| median(people));
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for i in indicators {
        let Some(message) = row_warning(i, population) else { continue };
        let unit: String = i
            .unit
            .as_deref()
            .map(fold)
            .unwrap_or_default()
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == '%')
            .collect();
        let values: Vec<(u16, u64)> = i.values.iter().map(|(&y, v)| (y, v.to_bits())).collect();
        if seen.insert((unit, values)) {
            out.push(warn(i, message));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn ind(name: &str, unit: &str, vals: &[(u16, f64)]) -> Indicator {
        Indicator {
            sector: "social".into(),
            project: "Проект".into(),
            project_id: None,
            responsible: None,
            name: name.into(),
            unit: Some(unit.into()),
            values: vals.iter().copied().collect::<BTreeMap<_, _>>(),
            raw: Default::default(),
            confidence: 0.9,
        }
    }

    #[test]
    fn shares_over_100_and_populations_off_by_100x() {
        let w = check(&[
            ind("Доля услуг", "%", &[(2022, 50.0), (2023, 802.0)]),
            ind("Численность населения, охваченного", "тыс. чел.", &[(2022, 120.0), (2023, 130.0)]),
            ind("Численность населения региона", "чел.", &[(2022, 1_000_000.0)]),
            ind("Охват населения", "тыс. чел.", &[(2022, 1.2)]),
        ]);
        let msgs: Vec<&str> = w.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(w.len(), 2, "{msgs:?}");
        assert!(msgs[0].contains("802") && msgs[0].contains("2023") && msgs[0].contains("Доля услуг"));
        assert!(msgs[1].contains("Охват населения") && msgs[1].contains("1200"));
    }

    #[test]
    fn one_warning_per_row_and_per_repeated_row() {
        let portal = |project: &str| Indicator {
            project: project.into(),
            ..ind(
                "Число граждан, воспользовавшихся услугами",
                "тыс чел",
                &[(2022, 12051.0), (2023, 16902.0), (2024, 32115.0)],
            )
        };
        let w = check(&[
            portal("Первый"),
            ind("Доля услуг", "%", &[(2022, 150.0), (2023, 802.0)]),
            portal("Второй"),
            Indicator { name: "Иначе названная строка".into(), ..portal("Третий") },
        ]);
        let msgs: Vec<&str> = w.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(msgs.len(), 2, "{msgs:?}");
        assert!(
            msgs[0].starts_with("sector social, project «Первый», indicator «Число граждан, воспользовавшихся услугами», 2023: 16902000 people, more than the population of any Russian region"),
            "{msgs:?}"
        );
        assert!(msgs[1].contains("2022: a share of 150 %"), "{msgs:?}");
    }

    #[test]
    fn plausible_counts_pass_and_a_year_off_by_100_is_flagged() {
        let w = check(&[
            ind("Число граждан, воспользовавшихся услугами", "тыс. чел.", &[(2022, 287.66), (2023, 415.66)]),
            ind("Число туристических поездок", "тыс.чел.", &[(2022, 242.3), (2023, 272.1)]),
            ind("Количество услуг", "ед.", &[(2022, 0.0), (2023, 0.0), (2024, 1.0)]),
            ind("Количество пунктов контроля", "ед.", &[(2022, 3.0), (2023, 800.0), (2024, 5.0)]),
            ind("Число обученных", "Тыс. чел.", &[(2022, 0.04), (2023, 0.08), (2024, 12.0)]),
        ]);
        let msgs: Vec<&str> = w.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(msgs.len(), 2, "{msgs:?}");
        assert!(msgs[0].ends_with("«Количество пунктов контроля», 2023: 800 ед., off by 100 times or more from the same row's other years (median 5)"), "{msgs:?}");
        assert!(msgs[1].contains("«Число обученных», 2024: 12 Тыс. чел., off by 100"), "{msgs:?}");
    }

    #[test]
    fn a_warning_names_the_project_row_of_its_indicator() {
        let linked =
            Indicator { project_id: Some("social/2".into()), ..ind("Доля услуг", "%", &[(2023, 802.0)]) };
        let w = check(&[linked, ind("Доля сервисов", "%", &[(2023, 120.0)])]);
        let rows: Vec<Option<&str>> = w.iter().map(|w| w.project.as_deref()).collect();
        assert_eq!(rows, [Some("social/2"), None]);
        let json = serde_json::to_string(&w[1]).unwrap();
        assert!(!json.contains("\"project\""), "no key when it concerns no row: {json}");
        let back: Warning = serde_json::from_str(r#"{"code":"c","message":"m"}"#).unwrap();
        assert_eq!(back.project, None, "older JSON loads");
    }
}
