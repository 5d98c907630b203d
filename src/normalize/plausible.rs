//! Plausibility of indicator values, whatever the raw form: a share over 100 %, and a count of
//! people off by a factor of 100 or more from the document's other counts of people (a lost
//! decimal separator or a unit printed as «чел.» where «тыс. чел.» was meant). Each becomes an
//! `implausible_value?` warning naming the sector, the project, the indicator and the year.

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

/// Warnings for implausible indicator values.
pub fn check(indicators: &[Indicator]) -> Vec<Warning> {
    let mut out = Vec::new();
    for i in indicators.iter().filter(|i| is_share(i.unit.as_deref())) {
        for (&y, &v) in i.values.iter().filter(|(_, v)| **v > 100.0) {
            out.push(warn(i, format!("{}: a share of {v} %, over 100", place(i, y))));
        }
    }
    // Counts of the population: compared with the median of the document's other such values.
    let people: Vec<(&Indicator, u16, f64)> = indicators
        .iter()
        .filter(|i| fold(&i.name).contains("населени") || fold(&i.name).contains("численност"))
        .filter_map(|i| people_scale(i.unit.as_deref()?).map(|s| (i, s)))
        .flat_map(|(i, s)| i.values.iter().map(move |(&y, &v)| (i, y, v * s)))
        .filter(|x| x.2 > 0.0)
        .collect();
    if people.len() >= 3 {
        let mut sorted: Vec<f64> = people.iter().map(|x| x.2).collect();
        sorted.sort_by(f64::total_cmp);
        let median = sorted[sorted.len() / 2];
        for (i, y, v) in &people {
            if *v >= median * 100.0 || *v * 100.0 <= median {
                out.push(warn(i, format!(
                    "{}: {v} people, off by 100 times or more from the document's other counts of the population (median {median})",
                    place(i, *y)
                )));
            }
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
            raw: String::new(),
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
