//! Quality warnings in the interface language.
//!
//! A document's warnings are stored as a `code` and an English `message` (schema 1: documents
//! written before this module keep loading as they are). For display, a warning is rendered from
//! its code and the parameters in its message: each code has the English texts the normalizer
//! writes, as catalogue entries ([`TEMPLATES`]); the message is matched against them (a `{}`
//! takes any text) and the parameters found fill the same entry in the current language. A
//! message that matches none (a warning of a newer strata, or edited by hand) is shown as it is.
//! A test normalizes the raw samples and requires every warning they produce to match, so a
//! changed message in the normalizer cannot drift from its translation unnoticed.

use super::{Lang, Msg, Noun, fill, lang, number_in, plural_in};
use crate::model::Warning;

/// The English texts of each warning code, as catalogue entries.
pub const TEMPLATES: &[(&str, Msg)] = &[
    ("decimal_lost?", Msg::WDecimalLost),
    ("value_missing?", Msg::WValueMissing),
    ("decimals_glued", Msg::WDecimalsGlued),
    ("name_uncertain", Msg::WNameUncertain),
    ("cell_split", Msg::WCellSplitFlat),
    ("cell_split", Msg::WCellSplit),
    ("cell_split", Msg::WLinkageName),
    ("project_unlocated", Msg::WProjectUnlocated),
    ("punct_stripped", Msg::WPunctStripped),
    ("stopwords_stripped", Msg::WStopwordsStripped),
    ("single_digits_dropped", Msg::WSingleDigits),
    ("ocr_damage", Msg::WOcrDamage),
    ("negation_lost?", Msg::WNegationLost),
    ("negation_lost?", Msg::WNotLess),
    ("lost_glyph", Msg::WLostGlyph),
    ("missing_section", Msg::WMissingSection),
    ("missing_section", Msg::WMissingPart),
    ("missing_section", Msg::WMissingGroup),
    ("truncated", Msg::WTruncatedPage),
    ("truncated", Msg::WTruncatedSentence),
    ("no_values", Msg::WNoValues),
    ("reader", Msg::WReader),
    ("count_mismatch", Msg::WCountTable),
    ("count_mismatch", Msg::WCountSection),
    ("implausible_value?", Msg::WShareOver100),
    ("implausible_value?", Msg::WPeopleScale),
    ("implausible_value?", Msg::WPeopleOverRegions),
    ("implausible_value?", Msg::WRowYearsOff),
    ("invalid_utf8", Msg::WInvalidUtf8),
    ("invalid_utf8", Msg::WInvalidUtf8More),
    ("reader_fallback", Msg::WReaderFallback),
    ("ocr", Msg::WOcr),
    ("no_text_layer", Msg::WNoTextLayer),
    ("encoding", Msg::WEncoding),
    ("no_region", Msg::WNoRegion),
    ("no_approval", Msg::WNoApproval),
    ("period_inferred", Msg::WPeriodInferred),
    ("decimal_recovered?", Msg::WDecimalRecovered),
];

/// How a parameter is written in Russian: a number in the language's convention (decimal comma,
/// grouped thousands), or a count with its noun in the plural form the number takes.
#[derive(Clone, Copy)]
enum Arg {
    Number,
    Count(Noun),
    /// A sector's key (`healthcare`): its Russian name in quotes («Здравоохранение»).
    Sector,
    /// Project fields by their keys (`funding, region_role`): their card labels.
    Fields,
}

/// A project field's key as the card names it; unknown keys as they are.
fn field_label(key: &str, lang: Lang) -> String {
    let m = match key {
        "goal" => Msg::FieldGoal,
        "description" => Msg::FieldDescription,
        "tasks" => Msg::FieldTasks,
        "region_role" => Msg::FieldRole,
        "beneficiaries" => Msg::FieldBeneficiaries,
        "benefits" | "effects" => Msg::FieldEffects,
        "funding" => Msg::FieldFunding,
        "period" => Msg::FieldPeriod,
        "technologies" => Msg::FieldTechnologies,
        _ => return key.to_string(),
    };
    format!("«{}»", m.text(lang))
}

/// The parameters of each message that are numbers or counts (by position); the others (names,
/// years, page lists, values as printed) are written as stored.
const ARGS: &[(Msg, &[(usize, Arg)])] = &[
    (Msg::WDecimalLost, &[(0, Arg::Sector), (1, Arg::Number)]),
    (Msg::WValueMissing, &[(0, Arg::Sector)]),
    (Msg::WNameUncertain, &[(0, Arg::Sector)]),
    (Msg::WCellSplitFlat, &[(0, Arg::Sector), (2, Arg::Fields)]),
    (Msg::WProjectUnlocated, &[(0, Arg::Sector)]),
    (Msg::WNoValues, &[(1, Arg::Sector)]),
    (Msg::WCellSplit, &[(1, Arg::Sector), (2, Arg::Fields)]),
    (Msg::WLinkageName, &[(1, Arg::Sector)]),
    (Msg::WDecimalsGlued, &[(0, Arg::Number), (1, Arg::Count(Noun::IndicatorValueOf))]),
    (Msg::WPunctStripped, &[(0, Arg::Count(Noun::PunctMark)), (1, Arg::Count(Noun::Byte))]),
    (Msg::WStopwordsStripped, &[(0, Arg::Count(Noun::Stopword)), (1, Arg::Count(Noun::Word))]),
    (
        Msg::WOcrDamage,
        &[(0, Arg::Number), (1, Arg::Number), (2, Arg::Number), (3, Arg::Count(Noun::WordOf)), (4, Arg::Number)],
    ),
    (Msg::WCountTable, &[(0, Arg::Sector), (2, Arg::Number), (3, Arg::Number)]),
    (Msg::WCountSection, &[(0, Arg::Sector), (1, Arg::Number), (3, Arg::Number)]),
    (Msg::WShareOver100, &[(0, Arg::Sector), (4, Arg::Number)]),
    (Msg::WPeopleScale, &[(0, Arg::Sector), (4, Arg::Number), (5, Arg::Number)]),
    (Msg::WPeopleOverRegions, &[(0, Arg::Sector), (4, Arg::Number), (5, Arg::Number)]),
    (Msg::WRowYearsOff, &[(0, Arg::Sector), (4, Arg::Number), (6, Arg::Number)]),
    (Msg::WInvalidUtf8, &[(0, Arg::Number), (1, Arg::Number), (2, Arg::Number)]),
    (Msg::WInvalidUtf8More, &[(0, Arg::Number), (1, Arg::Number)]),
    (Msg::WOcr, &[(0, Arg::Number)]),
    (Msg::WDecimalRecovered, &[(0, Arg::Sector), (2, Arg::Number)]),
];

/// A parameter as `lang` writes it: numbers as the stored message wrote them (digits, at most one
/// decimal point) are reformatted; anything else is kept.
fn render_arg(msg: Msg, i: usize, arg: &str, lang: Lang) -> String {
    let how = ARGS.iter().find(|(m, _)| *m == msg).and_then(|(_, args)| args.iter().find(|(k, _)| *k == i));
    let numeric = !arg.is_empty()
        && arg.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && arg.bytes().filter(|&b| b == b'.').count() <= 1
        && arg.bytes().next().is_some_and(|b| b.is_ascii_digit());
    match (how, arg.parse::<f64>()) {
        (Some((_, Arg::Number)), Ok(v)) if numeric => number_in(v, lang),
        (Some((_, Arg::Count(noun))), Ok(v)) if numeric && !arg.contains('.') => {
            format!("{} {}", number_in(v, lang), plural_in(v as usize, *noun, lang))
        }
        // A count the stored message did not write as a whole number: the noun's plural, as «из» wants.
        (Some((_, Arg::Count(noun))), _) => format!("{arg} {}", plural_in(5, *noun, lang)),
        (Some((_, Arg::Sector)), _) if lang == Lang::Ru => {
            format!("«{}»", crate::model::sector::display_name(arg))
        }
        (Some((_, Arg::Fields)), _) if lang == Lang::Ru => {
            arg.split(", ").map(|f| field_label(f, lang)).collect::<Vec<_>>().join(", ")
        }
        _ => arg.to_string(),
    }
}

/// The parameters of `message` if it is `template` with its `{}` filled; each `{}` takes the
/// shortest text up to the literal after it (the last one, everything up to the end's literal).
/// Linear in the message.
pub fn parameters<'m>(template: &str, message: &'m str) -> Option<Vec<&'m str>> {
    let parts: Vec<&str> = template.split("{}").collect();
    let (first, rest) = parts.split_first()?;
    let mut at = message.strip_prefix(first)?;
    let mut args = Vec::with_capacity(rest.len());
    for (i, lit) in rest.iter().enumerate() {
        if i + 1 == rest.len() {
            args.push(at.strip_suffix(lit)?);
            return Some(args);
        }
        let end = if lit.is_empty() { 0 } else { at.find(lit)? };
        args.push(&at[..end]);
        at = &at[end + lit.len()..];
    }
    // No placeholder: the message is the template.
    at.is_empty().then_some(args)
}

/// The catalogue entry and parameters a warning was written from, if any.
pub fn template_of(w: &Warning) -> Option<(Msg, Vec<&str>)> {
    TEMPLATES
        .iter()
        .filter(|(code, _)| *code == w.code)
        .find_map(|&(_, m)| parameters(m.text(Lang::En), &w.message).map(|p| (m, p)))
}

/// A warning's message in the current language.
pub fn message(w: &Warning) -> String {
    message_in(w, lang())
}

/// A warning's message in `lang`: rendered from its code and parameters, or as stored.
pub fn message_in(w: &Warning, lang: Lang) -> String {
    if lang == Lang::En {
        return w.message.clone();
    }
    match template_of(w) {
        Some((m, args)) => {
            let args: Vec<String> = args.iter().enumerate().map(|(i, a)| render_arg(m, i, a, lang)).collect();
            let args: Vec<&dyn std::fmt::Display> = args.iter().map(|a| a as &dyn std::fmt::Display).collect();
            fill(m.text(lang), &args)
        }
        None => w.message.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(code: &str, message: &str) -> Warning {
        Warning { code: code.into(), message: message.into(), line: None, offset: None, project: None }
    }

    #[test]
    fn parameters_are_found_between_the_literals() {
        assert_eq!(parameters("{} of {} pages", "3 of 12 pages"), Some(vec!["3", "12"]));
        assert_eq!(parameters("bytes {}-{}: x", "bytes 10-20: x"), Some(vec!["10", "20"]));
        assert_eq!(parameters("no args", "no args"), Some(vec![]));
        assert_eq!(parameters("no args", "no args!"), None);
        assert_eq!(parameters("«{}»: stop", "«а: б»: stop"), Some(vec!["а: б"]), "the last takes up to the end");
        assert_eq!(parameters("{} of {} pages", "3 of 12"), None);
    }

    #[test]
    fn a_warning_renders_in_russian_from_its_code_and_parameters_and_unknown_ones_stay() {
        let share = w(
            "implausible_value?",
            "sector healthcare, project «Телемедицина», indicator «Доля», 2024: a share of 120 %, over 100",
        );
        assert_eq!(
            message_in(&share, Lang::Ru),
            "отрасль «Здравоохранение», проект «Телемедицина», показатель «Доля», 2024: доля 120 %, больше 100"
        );
        assert_eq!(message_in(&share, Lang::En), share.message);
        let glyph = w("lost_glyph", "a character was lost here (usually «%» or a bullet)");
        assert_eq!(message_in(&glyph, Lang::Ru), "здесь потерян символ (обычно «%» или маркер списка)");
        let other = w("something_new", "a warning of a newer strata");
        assert_eq!(message_in(&other, Lang::Ru), "a warning of a newer strata");
        // The code decides: the same text under another code is not translated.
        assert_eq!(message_in(&w("reader", glyph.message.as_str()), Lang::Ru), glyph.message);
    }

    #[test]
    fn counts_take_their_plural_and_numbers_the_russian_convention() {
        let stop = w(
            "stopwords_stripped",
            "34 lowercase stopwords in 242062 words (ordinary Russian prose has about a quarter): prepositions, conjunctions and «не» were removed",
        );
        assert!(
            message_in(&stop, Lang::Ru).starts_with("34 служебных слова в нижнем регистре на 242\u{202f}062 слова ("),
            "{}",
            message_in(&stop, Lang::Ru)
        );
        let punct =
            w("punct_stripped", "1 punctuation marks in 1205 bytes: full stops, commas and parentheses were stripped");
        assert_eq!(message_in(&punct, Lang::Ru), "1 знак препинания на 1205 байт: точки, запятые и скобки удалены");
        let glued = w(
            "decimals_glued",
            "12 of 21 indicator values end in 00: the table printed two decimals and the flattening glued them; values divided by 100",
        );
        assert!(message_in(&glued, Lang::Ru).starts_with("12 из 21 значения показателей оканчиваются"));
        let share = w(
            "implausible_value?",
            "sector healthcare, project «Т», indicator «Доля», 2024: a share of 120.5 %, over 100",
        );
        assert!(message_in(&share, Lang::Ru).ends_with("2024: доля 120,5 %, больше 100"), "the year is kept");
        let cells =
            w("cell_split", "project row 2 of sector healthcare: could not find the cells funding, region_role");
        assert_eq!(
            message_in(&cells, Lang::Ru),
            "строка проекта 2 отрасли «Здравоохранение»: не найдены ячейки «Финансирование», «Роль региона»"
        );
        // Every position named in ARGS is a placeholder of its message.
        for (m, args) in ARGS {
            for (i, _) in args.iter() {
                assert!(*i < m.text(Lang::Ru).matches("{}").count(), "{m:?} has no parameter {i}");
            }
        }
    }

    #[test]
    fn every_code_has_one_template_per_text_and_each_has_both_languages() {
        for (code, m) in TEMPLATES {
            assert!(!code.is_empty());
            assert_eq!(m.text(Lang::En).matches("{}").count(), m.text(Lang::Ru).matches("{}").count(), "{m:?}");
        }
    }

    #[test]
    fn every_warning_the_samples_give_is_rendered_from_its_template() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/raw");
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        paths.sort();
        assert!(paths.len() >= 5, "{paths:?}");
        let mut seen = std::collections::BTreeSet::new();
        for doc in crate::normalize::normalize_files(&paths) {
            let doc = doc.unwrap();
            for w in &doc.source.quality.warnings {
                assert!(
                    template_of(w).is_some(),
                    "{}: warning `{}` has no catalogue text matching «{}»: add or fix its entry in TEMPLATES",
                    doc.source.file,
                    w.code,
                    w.message
                );
                seen.insert(w.code.clone());
            }
        }
        assert!(seen.len() >= 5, "the samples exercise several codes: {seen:?}");
    }

    #[test]
    fn the_decoders_warnings_are_rendered_too() {
        // Invalid bytes in UTF-8 text, more places than are listed one by one.
        let mut bytes = Vec::new();
        for _ in 0..40 {
            bytes.extend_from_slice("Стратегия цифровой трансформации\n".as_bytes());
            bytes.push(0xff);
        }
        let d = crate::normalize::decode::decode(&bytes).unwrap();
        let ws = d.warnings();
        assert!(ws.len() > 1, "{ws:?}");
        for w in &ws {
            let (_, args) = template_of(w).unwrap_or_else(|| panic!("{w:?}"));
            assert!(!args.is_empty());
            assert!(message_in(w, Lang::Ru).contains("заменены"), "{}", message_in(w, Lang::Ru));
        }
    }
}
