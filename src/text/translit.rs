//! Russian-to-ASCII transliteration for stable keys.

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
}
