//! Folding for comparison: case, ё/е, й/и, punctuation and Russian stopwords.
//!
//! The single-line raw texts lost their punctuation and lowercase stopwords, so anything that must
//! agree between the two raw forms (heading recognition, slugs, alignment keys) compares folded
//! words with stopwords removed on both sides.

/// The Russian stopword list used when the flat raw texts were prepared (NLTK's list).
pub const STOPWORDS: &[&str] = &[
    "и",
    "в",
    "во",
    "не",
    "что",
    "он",
    "на",
    "я",
    "с",
    "со",
    "как",
    "а",
    "то",
    "все",
    "она",
    "так",
    "его",
    "но",
    "да",
    "ты",
    "к",
    "у",
    "же",
    "вы",
    "за",
    "бы",
    "по",
    "только",
    "ее",
    "мне",
    "было",
    "вот",
    "от",
    "меня",
    "еще",
    "нет",
    "о",
    "из",
    "ему",
    "теперь",
    "когда",
    "даже",
    "ну",
    "вдруг",
    "ли",
    "если",
    "уже",
    "или",
    "ни",
    "быть",
    "был",
    "него",
    "до",
    "вас",
    "нибудь",
    "опять",
    "уж",
    "вам",
    "ведь",
    "там",
    "потом",
    "себя",
    "ничего",
    "ей",
    "может",
    "они",
    "тут",
    "где",
    "есть",
    "надо",
    "ней",
    "для",
    "мы",
    "тебя",
    "их",
    "чем",
    "была",
    "сам",
    "чтоб",
    "без",
    "будто",
    "чего",
    "раз",
    "тоже",
    "себе",
    "под",
    "будет",
    "ж",
    "тогда",
    "кто",
    "этот",
    "того",
    "потому",
    "этого",
    "какой",
    "совсем",
    "ним",
    "здесь",
    "этом",
    "один",
    "почти",
    "мой",
    "тем",
    "чтобы",
    "нее",
    "сейчас",
    "были",
    "куда",
    "зачем",
    "всех",
    "никогда",
    "можно",
    "при",
    "наконец",
    "два",
    "об",
    "другой",
    "хоть",
    "после",
    "над",
    "больше",
    "тот",
    "через",
    "эти",
    "нас",
    "про",
    "всего",
    "них",
    "какая",
    "много",
    "разве",
    "три",
    "эту",
    "моя",
    "впрочем",
    "хорошо",
    "свою",
    "этой",
    "перед",
    "иногда",
    "лучше",
    "чуть",
    "том",
    "нельзя",
    "такой",
    "им",
    "более",
    "всегда",
    "конечно",
    "всю",
    "между",
];

/// Folds one character for case-insensitive Russian comparison: lower case, ё→е.
#[inline]
pub fn fold_char(c: char) -> char {
    match c {
        'ё' | 'Ё' => 'е',
        c if c.is_ascii() => c.to_ascii_lowercase(),
        // Fast path for the Russian alphabet (the texts are almost all Cyrillic).
        'а'..='я' => c,
        'А'..='Я' => char::from_u32(c as u32 + 32).unwrap_or(c),
        c => c.to_lowercase().next().unwrap_or(c),
    }
}

/// Folds only ё→е (and Ё→Е), keeping case: the comparison used for case-sensitive search.
#[inline]
pub fn fold_yo(c: char) -> char {
    match c {
        'ё' => 'е',
        'Ё' => 'Е',
        c => c,
    }
}

/// The OCR skeleton of one folded character (see [`fold_char`]), or `None` when the skeleton drops it.
///
/// The skeleton compares words through the damage seen in OCR'd strategies: й→и, and the letters the
/// recognizer loses or confuses most (н л т п ц д, with г read as т, and the digit 1) are deleted, so
/// "Асрахаской обасти" and "Астраханской области" share a skeleton.
#[inline]
pub fn ocr_skeleton_char(folded: char) -> Option<char> {
    match folded {
        'й' => Some('и'),
        'н' | 'л' | 'т' | 'п' | 'ц' | 'д' | 'г' | '1' => None,
        c => Some(c),
    }
}

/// The OCR skeleton of a word or phrase: folded, then [`ocr_skeleton_char`] applied to each letter.
pub fn ocr_skeleton(s: &str) -> String {
    s.chars().filter_map(|c| ocr_skeleton_char(fold_char(c))).collect()
}

/// Fast `char::is_alphanumeric`: ASCII and Cyrillic letters answer without the Unicode tables.
#[inline]
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{410}'..='\u{44f}').contains(&c) || c == 'ё' || c == 'Ё' {
        true
    } else {
        c.is_alphanumeric()
    }
}

/// Fast `char::is_alphabetic`, with the same shortcuts as [`is_word_char`].
#[inline]
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else if ('\u{410}'..='\u{44f}').contains(&c) || c == 'ё' || c == 'Ё' {
        true
    } else {
        c.is_alphabetic()
    }
}

/// Folds a string: lower case, ё→е. Keeps everything else, so char positions are preserved.
pub fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// True for a folded stopword.
pub fn is_stopword(w: &str) -> bool {
    static SET: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
        std::sync::LazyLock::new(|| STOPWORDS.iter().copied().collect());
    // Stopwords are at most 7 letters (14 bytes of Cyrillic): longer words skip the lookup.
    w.len() <= 14 && SET.contains(w)
}

/// Folded words of `s` (runs of letters and digits), stopwords removed, й→и.
pub fn words(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().map(|c| if c == 'й' || c == 'Й' { 'и' } else { fold_char(c) }).collect::<String>())
        .filter(|w| !is_stopword(w))
}

/// A comparison key: folded words joined by single spaces (stopwords removed).
pub fn key(s: &str) -> String {
    words(s).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_yo_and_stopwords() {
        assert_eq!(fold("Ёжик В ТУМАНЕ"), "ежик в тумане");
        assert_eq!(key("Образование и наука"), key("Образование наука"));
        assert_eq!(key("«Цифровой» профиль, гражданина!"), "цифровои профиль гражданина");
        assert_eq!(fold("ЗДРАВООХРАНЕНИЕ").chars().count(), "ЗДРАВООХРАНЕНИЕ".chars().count());
        assert_eq!(ocr_skeleton("Астраханской"), ocr_skeleton("Асрахаской"));
        assert_eq!(ocr_skeleton("области"), ocr_skeleton("обасти"));
        assert_eq!(ocr_skeleton("технологий"), ocr_skeleton("техоогий"));
        assert_ne!(ocr_skeleton("области"), ocr_skeleton("обязательства"));
        assert_eq!(fold_yo('Ё'), 'Е');
    }
}
