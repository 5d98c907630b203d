//! The strategy card («Карточка стратегии»): its ten template labels, found in order, each value
//! running to the next label.

use super::outline::text_of;
use super::tokens::{Tok, match_at};
use crate::model::CardField;

/// The card's labels in template order, each as alternative stem phrases.
const LABELS: &[&[&str]] = &[
    &["наименован стратег"],
    &["срок реализац"],
    &[
        "кратк направлен стратег",
        "кратк направлен",
        "ключев направлен стратег",
        "ключев направлен",
        "направлен стратег",
    ],
    &["что делаем"],
    &["кто делает"],
    &["результат стратег", "ожидаем результат"],
    &["бенефициар стратег", "бенефициар"],
    &["ресурс"],
    &["долгосрочн социальн экономическ эффект", "долгосрочн социальн", "долгосрочн"],
    &["связ показател национальн цел", "связ показател"],
];

/// Finds the labels in `from..to`; returns (label start, label end) in order.
pub fn labels(toks: &[Tok], mask: &[bool], from: usize, to: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut cursor = from;
    for alts in LABELS {
        let hit = (cursor..to).find_map(|i| {
            if mask[i] || !toks[i].capitalized() {
                return None;
            }
            alts.iter().find_map(|p| {
                let stems: Vec<&str> = p.split(' ').collect();
                match_at(toks, mask, i, to, &stems).map(|e| (i, e))
            })
        });
        if let Some((s, e)) = hit {
            out.push((s, e));
            cursor = e;
        }
    }
    out
}

/// The card's fields: label as printed and the value up to the next label.
pub fn fields(toks: &[Tok], mask: &[bool], from: usize, to: usize) -> (Vec<CardField>, Vec<usize>) {
    let found = labels(toks, mask, from, to);
    let fields = found
        .iter()
        .enumerate()
        .map(|(n, &(s, e))| {
            let next = found.get(n + 1).map(|x| x.0).unwrap_or(to);
            CardField { label: text_of(toks, mask, s, e), value: text_of(toks, mask, e, next) }
        })
        .collect();
    (fields, found.iter().map(|f| f.0).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::flat::tokens::tokenize;

    #[test]
    fn labels_in_template_order() {
        let mut keys = String::new();
        let t = tokenize(
            "Наименование стратегии Стратегия края Срок реализации Период 2022 2024 годов Что делаем Сервисы Кто делает Министерство",
            &mut keys,
        );
        let m = vec![false; t.len()];
        let (f, _) = fields(&t, &m, 0, t.len());
        let got: Vec<(&str, &str)> = f.iter().map(|f| (f.label.as_str(), f.value.as_str())).collect();
        assert_eq!(
            got,
            [
                ("Наименование стратегии", "Стратегия края"),
                ("Срок реализации", "Период 2022 2024 годов"),
                ("Что делаем", "Сервисы"),
                ("Кто делает", "Министерство")
            ]
        );
    }
}
