//! Russian-to-ASCII transliteration for stable keys, and the reverse readings of a Latin query:
//! Cyrillic typed with the keyboard left on the Latin layout ([`swap_layout`]) and Cyrillic written
//! in Latin letters ([`from_latin`]).

use super::fold::words;

/// Transliterates one folded Cyrillic letter; other characters pass through.
fn letter(c: char) -> &'static str {
    match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' | 'й' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ы' => "y",
        'ю' => "yu",
        'я' => "ya",
        _ => "",
    }
}

/// Transliterates text to lower-case ASCII, keeping ASCII letters and digits.
pub fn translit(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = super::fold::fold_char(c);
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else {
            out.push_str(letter(c));
        }
    }
    out
}

/// An ASCII slug of at most six words: folded words (stopwords removed), transliterated, joined by
/// `-`. The same for "Образование и наука" and "Образование наука".
pub fn slug(s: &str) -> String {
    let parts: Vec<String> = words(s).map(|w| translit(&w)).filter(|w| !w.is_empty()).take(6).collect();
    if parts.is_empty() { "untitled".to_string() } else { parts.join("-") }
}

/// The ЙЦУКЕН and QWERTY keyboards, key by key: (Latin, Cyrillic), lower case.
const KEYS: &[(char, char)] = &[
    ('`', 'ё'),
    ('q', 'й'),
    ('w', 'ц'),
    ('e', 'у'),
    ('r', 'к'),
    ('t', 'е'),
    ('y', 'н'),
    ('u', 'г'),
    ('i', 'ш'),
    ('o', 'щ'),
    ('p', 'з'),
    ('[', 'х'),
    (']', 'ъ'),
    ('a', 'ф'),
    ('s', 'ы'),
    ('d', 'в'),
    ('f', 'а'),
    ('g', 'п'),
    ('h', 'р'),
    ('j', 'о'),
    ('k', 'л'),
    ('l', 'д'),
    (';', 'ж'),
    ('\'', 'э'),
    ('z', 'я'),
    ('x', 'ч'),
    ('c', 'с'),
    ('v', 'м'),
    ('b', 'и'),
    ('n', 'т'),
    ('m', 'ь'),
    (',', 'б'),
    ('.', 'ю'),
];

/// The same keys on the other keyboard layout: Latin letters and punctuation typed on QWERTY become
/// the Cyrillic letters of those keys on ЙЦУКЕН and back (`tubcp` → `егисз`, `TUBCP` → `ЕГИСЗ`).
/// Characters on neither layout are kept.
pub fn swap_layout(s: &str) -> String {
    s.chars()
        .map(|c| {
            let upper = c.is_uppercase();
            let l = c.to_lowercase().next().unwrap_or(c);
            let swapped = KEYS.iter().find_map(|&(lat, cyr)| {
                if l == lat {
                    Some(cyr)
                } else if l == cyr {
                    Some(lat)
                } else {
                    None
                }
            });
            match swapped {
                Some(x) if upper => x.to_uppercase().next().unwrap_or(x),
                Some(x) => x,
                None => c,
            }
        })
        .collect()
}

/// Latin spellings of Cyrillic letters, longest first within each scheme: GOST 7.79-2000 (system B)
/// and the common informal and passport (ICAO) spellings.
const LATIN: &[(&str, &str)] = &[
    ("shch", "щ"),
    ("shh", "щ"),
    ("sch", "щ"),
    ("zh", "ж"),
    ("kh", "х"),
    ("ts", "ц"),
    ("tc", "ц"),
    ("cz", "ц"),
    ("ch", "ч"),
    ("sh", "ш"),
    ("yu", "ю"),
    ("ju", "ю"),
    ("iu", "ю"),
    ("ya", "я"),
    ("ja", "я"),
    ("ia", "я"),
    ("yo", "ё"),
    ("jo", "ё"),
    ("y'", "ы"),
    ("e`", "э"),
    ("``", "ъ"),
    ("a", "а"),
    ("b", "б"),
    ("v", "в"),
    ("w", "в"),
    ("g", "г"),
    ("d", "д"),
    ("e", "е"),
    ("z", "з"),
    ("i", "и"),
    ("j", "й"),
    ("k", "к"),
    ("l", "л"),
    ("m", "м"),
    ("n", "н"),
    ("o", "о"),
    ("p", "п"),
    ("r", "р"),
    ("s", "с"),
    ("t", "т"),
    ("u", "у"),
    ("f", "ф"),
    ("h", "х"),
    ("c", "ц"),
    ("q", "к"),
    ("x", "кс"),
    ("'", "ь"),
    ("`", "ь"),
];

/// Reads Latin letters as transliterated Russian (`egisz` → `егисз`, `zdrav` → `здрав`,
/// `telemeditsin` → `телемедицин`, `shkola` → `школа`), longest spelling first; `ye` is е, `y` is й
/// after a vowel and ы elsewhere. Case is kept per letter.
/// Returns `None` when `s` has no Latin letter.
pub fn from_latin(s: &str) -> Option<String> {
    if !s.chars().any(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let lower: Vec<char> = s.chars().map(|c| c.to_ascii_lowercase()).collect();
    let orig: Vec<char> = s.chars().collect();
    let vowel = |c: Option<&char>| c.is_none_or(|c| "aeiouyаеёиоуыэюя".contains(*c) || !c.is_alphanumeric());
    let mut out = String::with_capacity(s.len() * 2);
    let mut i = 0;
    while i < lower.len() {
        let rest: String = lower[i..].iter().take(4).collect();
        let upper = orig[i].is_uppercase();
        let push = |out: &mut String, cyr: &str| {
            if upper {
                out.extend(cyr.chars().flat_map(char::to_uppercase));
            } else {
                out.push_str(cyr);
            }
        };
        if rest.starts_with("ye") {
            push(&mut out, "е");
            i += 2;
            continue;
        }
        if lower[i] == 'y' && !rest.starts_with("ya") && !rest.starts_with("yu") && !rest.starts_with("yo") {
            let after_vowel = i > 0 && vowel(lower.get(i - 1));
            push(&mut out, if after_vowel { "й" } else { "ы" });
            i += 1;
            continue;
        }
        match LATIN.iter().find(|(lat, _)| rest.starts_with(lat)) {
            Some((lat, cyr)) => {
                push(&mut out, cyr);
                i += lat.chars().count();
            }
            None => {
                out.push(orig[i]);
                i += 1;
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_and_form_independent() {
        assert_eq!(slug("Развитие городской среды"), "razvitie-gorodskoi-sredy");
        assert_eq!(slug("Образование и наука"), slug("Образование наука"));
        assert_eq!(slug("!!!"), "untitled");
        assert_eq!(translit("Щука-2"), "shchuka2");
    }

    #[test]
    fn latin_queries_read_as_russian() {
        assert_eq!(swap_layout("tubcp"), "егисз");
        assert_eq!(swap_layout("TUBCP"), "ЕГИСЗ");
        assert_eq!(swap_layout("ntktvtlbwbyf"), "телемедицина");
        assert_eq!(swap_layout("егисз"), "tubcp");
        assert_eq!(swap_layout("2024"), "2024");
        assert_eq!(from_latin("egisz").as_deref(), Some("егисз"));
        assert_eq!(from_latin("zdrav").as_deref(), Some("здрав"));
        assert_eq!(from_latin("telemeditsin").as_deref(), Some("телемедицин"));
        assert_eq!(from_latin("shkola").as_deref(), Some("школа"));
        assert_eq!(from_latin("obrazovaniye").as_deref(), Some("образование"));
        assert_eq!(from_latin("kraj").as_deref(), Some("край"));
        assert_eq!(from_latin("noviy").as_deref(), Some("новий"));
        assert_eq!(from_latin("EGISZ").as_deref(), Some("ЕГИСЗ"));
        assert_eq!(from_latin("Khabarovsk").as_deref(), Some("Хабаровск"));
        assert_eq!(from_latin("бег"), None);
        // Every Cyrillic word transliterated for keys reads back for the letters the scheme keeps.
        assert_eq!(from_latin(&translit("цифровизация")).as_deref(), Some("цифровизация"));
    }
}
