//! Numbers, dates, plural forms and approving acts in each language's conventions.

use super::{Lang, Noun, lang};

/// The one number formatter: as many decimals as the value has (up to nine; `0.0708` stays
/// `0.0708`, never rounded into its neighbour), no needless zeros; in Russian a decimal comma and
/// thousands apart by a narrow no-break space (U+202F, from five digits; never a line break), in English a decimal point and no grouping (so that
/// command-line output stays easy to parse).
pub fn number(v: f64) -> String {
    number_in(v, lang())
}

/// [`number`] in a given language.
pub fn number_in(v: f64, l: Lang) -> String {
    if !v.is_finite() {
        return if v.is_nan() {
            "-".into()
        } else if v > 0.0 {
            "∞".into()
        } else {
            "-∞".into()
        };
    }
    // Nine decimals hide binary noise (0.1 + 0.2) and keep every value a document can print.
    let r = (v * 1e9).round() / 1e9;
    let s = if r.fract() == 0.0 && r.abs() < 1e15 { format!("{}", r as i64) } else { format!("{r}") };
    let (sign, s) = match s.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", s.as_str()),
    };
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let (group, point) = match l {
        Lang::Ru => (Some('\u{202f}'), ','),
        Lang::En => (None, '.'),
    };
    let mut out = String::from(if sign == "-" && (int != "0" || !frac.is_empty()) { "-" } else { "" });
    if let (Some(group), true) = (group, int.len() >= 5) {
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                out.push(group);
            }
            out.push(c);
        }
    } else {
        out.push_str(int);
    }
    if !frac.is_empty() {
        out.push(point);
        out.push_str(frac);
    }
    out
}

/// The plural form of a noun for a count.
pub fn plural(n: usize, noun: Noun) -> &'static str {
    plural_in(n, noun, lang())
}

/// [`plural`] in a given language.
pub fn plural_in(n: usize, noun: Noun, l: Lang) -> &'static str {
    let f = noun.forms(l);
    match l {
        Lang::En => {
            if n == 1 {
                f[0]
            } else {
                f[1]
            }
        }
        Lang::Ru => {
            let (d, h) = (n % 10, n % 100);
            if d == 1 && h != 11 {
                f[0]
            } else if (2..=4).contains(&d) && !(12..=14).contains(&h) {
                f[1]
            } else {
                f[2]
            }
        }
    }
}

/// A count with its noun: «3 совпадения», "1 match".
pub fn count(n: usize, noun: Noun) -> String {
    format!("{} {}", number(n as f64), plural(n, noun))
}

/// A date as the language writes it: `21.09.2022` in Russian, ISO `2022-09-21` in English. Text
/// that is not an ISO date (`2022`, `2022-09`) is kept as it is, reordered where it has parts.
pub fn date(iso: &str) -> String {
    date_in(iso, lang())
}

/// A document's version as the interface shows it: its label with an ISO date written as the
/// language writes dates, «без даты» for a document whose text gives none; sanitized for the
/// terminal.
pub fn version_label(v: &crate::model::Version) -> String {
    version_label_in(v, lang())
}

/// A document as the interface names it: «Ивановская область @ 20.08.2021» (region and
/// [`version_label`]), sanitized for the terminal. `Document::label` is the language-neutral form
/// machine formats keep.
pub fn doc_label(d: &crate::model::Document) -> String {
    format!("{} @ {}", crate::text::sanitize::sanitize(&d.meta.region.name), version_label(&d.meta.version))
}

/// [`version_label`] in a given language.
pub fn version_label_in(v: &crate::model::Version, l: Lang) -> String {
    if v.date.is_none() && v.label == crate::model::Version::UNDATED {
        return super::Msg::Undated.text(l).to_string();
    }
    date_in(&crate::text::sanitize::sanitize(&v.label), l)
}

/// [`date`] in a given language.
pub fn date_in(iso: &str, l: Lang) -> String {
    let parts: Vec<&str> = iso.trim().split('-').collect();
    let digits = |p: &&str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    match (l, parts.as_slice()) {
        (Lang::Ru, [y, m, d]) if digits(y, 4) && digits(m, 2) && digits(d, 2) => format!("{d}.{m}.{y}"),
        (Lang::Ru, [y, m]) if digits(y, 4) && digits(m, 2) => format!("{m}.{y}"),
        _ => iso.trim().to_string(),
    }
}

/// An approving act: «распоряжение от 21.09.2022 № 1255-рп» in Russian, "распоряжение of
/// 2022-09-21, No. 1255-рп" in English (the act's own name stays as the document gives it).
pub fn act(act_type: &str, date: Option<&str>, number: Option<&str>) -> String {
    act_in(act_type, date, number, lang())
}

/// [`act`] in a given language.
pub fn act_in(act_type: &str, d: Option<&str>, n: Option<&str>, l: Lang) -> String {
    let mut s = act_type.trim().to_string();
    match l {
        Lang::Ru => {
            if let Some(d) = d {
                s.push_str(&format!(" от {}", date_in(d, l)));
            }
            if let Some(n) = n {
                s.push_str(&format!(" № {n}"));
            }
        }
        Lang::En => {
            if let Some(d) = d {
                s.push_str(&format!(" of {}", date_in(d, l)));
            }
            if let Some(n) = n {
                s.push_str(&format!(", No. {n}"));
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_decimals_in_each_convention() {
        assert_eq!(number_in(0.0708, Lang::En), "0.0708");
        assert_eq!(number_in(0.0708, Lang::Ru), "0,0708");
        assert_ne!(number_in(0.0708, Lang::En), number_in(0.07, Lang::En), "a real change stays visible");
        assert_eq!(number_in(40.0, Lang::Ru), "40");
        assert_eq!(number_in(1234.5, Lang::Ru), "1234,5", "four digits are not grouped");
        assert_eq!(number_in(1_234_567.25, Lang::Ru), "1\u{202f}234\u{202f}567,25");
        assert_eq!(number_in(-12345.0, Lang::En), "-12345");
        assert_eq!(number_in(-12345.5, Lang::Ru), "-12\u{202f}345,5");
        assert_eq!(number_in(0.1 + 0.2, Lang::En), "0.3");
        assert_eq!(number_in(-0.0, Lang::En), "0");
        assert_eq!(number_in(f64::NAN, Lang::Ru), "-");
    }

    #[test]
    fn plural_forms() {
        let ru = |n| format!("{n} {}", plural_in(n, Noun::Match, Lang::Ru));
        assert_eq!(
            [ru(1), ru(3), ru(5), ru(11), ru(21), ru(22), ru(112)],
            [
                "1 совпадение",
                "3 совпадения",
                "5 совпадений",
                "11 совпадений",
                "21 совпадение",
                "22 совпадения",
                "112 совпадений"
            ]
        );
        assert_eq!(plural_in(1, Noun::Match, Lang::En), "match");
        assert_eq!(plural_in(2, Noun::Match, Lang::En), "matches");
        assert_eq!(plural_in(0, Noun::Match, Lang::En), "matches");
    }

    #[test]
    fn version_labels_in_each_language() {
        use crate::model::Version;
        let v = |label: &str, date: Option<&str>| Version {
            label: label.into(),
            date: date.map(Into::into),
            illustrative: false,
            note: None,
        };
        assert_eq!(version_label_in(&v("2022-09-21", Some("2022-09-21")), Lang::Ru), "21.09.2022");
        assert_eq!(version_label_in(&v("2022-09-21", Some("2022-09-21")), Lang::En), "2022-09-21");
        assert_eq!(version_label_in(&v(Version::UNDATED, None), Lang::Ru), "без даты");
        assert_eq!(version_label_in(&v(Version::UNDATED, None), Lang::En), "undated");
        assert_eq!(version_label_in(&v("ред.\u{1b}[2J", None), Lang::Ru), "ред.␛[2J", "sanitized");
    }

    #[test]
    fn dates_and_acts() {
        assert_eq!(date_in("2022-09-21", Lang::Ru), "21.09.2022");
        assert_eq!(date_in("2022-09-21", Lang::En), "2022-09-21");
        assert_eq!(date_in("2022", Lang::Ru), "2022");
        assert_eq!(date_in("около 2022", Lang::Ru), "около 2022");
        assert_eq!(
            act_in("распоряжение", Some("2022-09-21"), Some("1255-рп"), Lang::Ru),
            "распоряжение от 21.09.2022 № 1255-рп"
        );
        assert_eq!(
            act_in("распоряжение", Some("2022-09-21"), Some("1255-рп"), Lang::En),
            "распоряжение of 2022-09-21, No. 1255-рп"
        );
    }
}
