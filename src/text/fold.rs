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
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// `fold(s) == folded`, without allocating.
pub fn folds_to(s: &str, folded: &str) -> bool {
    s.chars().map(fold_char).eq(folded.chars())
}

/// Appends `s` folded (as [`fold_char`] folds each character) to `out`.
#[inline]
pub fn fold_into(s: &str, out: &mut String) {
    fold_pieces(s, |p| out.push_str(p));
}

/// Appends the UTF-8 of `s` folded (as [`fold_char`] folds each character) to `out`.
#[inline]
pub fn fold_bytes(s: &str, out: &mut Vec<u8>) {
    fold_pieces(s, |p| out.extend_from_slice(p.as_bytes()));
}

/// Calls `put` with the pieces of `s` folded, in order: the stretches that folding leaves as they
/// are (lower-case ASCII and Russian letters, digits, punctuation: found from the bytes) whole,
/// and every other character folded by [`fold_char`]. The normalizer and the comparison fold most
/// text several times, and it is mostly lower case: copying stretches decodes only capitals and
/// characters outside ASCII and а..я.
#[inline]
fn fold_pieces(s: &str, put: impl FnMut(&str)) {
    fold_pieces_as::<false>(s, put);
}

/// [`fold_pieces`], with й (and Й) folded further to и when `YOT` (as [`words`] folds them).
#[inline]
fn fold_pieces_as<const YOT: bool>(s: &str, mut put: impl FnMut(&str)) {
    let b = s.as_bytes();
    let (mut i, mut kept) = (0, 0);
    // Eight bytes at a time (from a character boundary), each of them judged with the byte after
    // it: only the characters [`may_change8`] marks are decoded, in order.
    let n = b.len();
    while i < n && n >= 8 {
        let (w, next, mut end) = if i + 8 <= n {
            let w = crate::text::scan::word8(b, i);
            let after = b.get(i + 8).map_or(0, |&x| u64::from(x) << 56);
            // Past the eight bytes, and past the continuation byte of a kept letter they end with
            // (a last byte with bits 7 and 6 set is a lead).
            (w, (w >> 8) | after, i + 8 + usize::from(w >> 62 == 3))
        } else {
            // Fewer than eight bytes left: the text's last eight, the ones before `i` shifted out
            // (zero bytes after the end are never marked).
            let w = crate::text::scan::word8(b, n - 8) >> (8 * (i + 8 - n));
            (w, w >> 8, n)
        };
        let mut marks = may_change8::<YOT>(w, next);
        while marks != 0 {
            let at = i + (marks.trailing_zeros() / 8) as usize;
            end = end.max(fold_char_at::<YOT>(s, at, &mut kept, &mut put));
            marks &= marks - 1;
        }
        i = end;
    }
    // A text shorter than eight bytes, byte by byte.
    while i < b.len() {
        let unchanged = match b[i] {
            b'A'..=b'Z' => 0,
            0..=0x7f => 1,
            // а..п (D0 B0-BF) and р..я (D1 80-8F).
            0xd0 if matches!(b.get(i + 1), Some(0xb0..=0xbf)) && !(YOT && b.get(i + 1) == Some(&0xb9)) => 2,
            0xd1 if matches!(b.get(i + 1), Some(0x80..=0x8f)) => 2,
            _ => 0,
        };
        i = if unchanged > 0 { i + unchanged } else { fold_char_at::<YOT>(s, i, &mut kept, &mut put) };
    }
    put(&s[kept..]);
}

/// For [`fold_pieces_as`]: folds the character at byte `at` of `s` (a character boundary) and,
/// when that changes it, puts the kept stretch from `kept` and the folded character, moving
/// `kept` past it. Returns where the character ends.
#[inline(always)]
fn fold_char_at<const YOT: bool>(s: &str, at: usize, kept: &mut usize, put: &mut impl FnMut(&str)) -> usize {
    let c = s[at..].chars().next().expect("a character boundary");
    let f = match fold_char(c) {
        'й' if YOT => 'и',
        f => f,
    };
    let end = at + c.len_utf8();
    if f != c {
        put(&s[*kept..at]);
        put(f.encode_utf8(&mut [0; 4]));
        *kept = end;
    }
    end
}

/// 0x80 in each byte of `w` (eight bytes read from a character boundary, the first lowest) that
/// starts a character folding may change, given `next`, each byte's next byte in the same
/// place: an ASCII capital, and every lead byte but those of а..п (D0 B0-BF) and р..я (D1
/// 80-8F), and of й (D0 B9) too when `YOT`. Other ASCII bytes and continuation bytes (whose
/// lead is judged) are never marked. Exact per byte: no carry crosses a byte.
#[inline(always)]
fn may_change8<const YOT: bool>(w: u64, next: u64) -> u64 {
    use crate::text::scan::{HIGH, LOW7, splat, zero_bytes};
    // A..Z: the high bit of x + (0x80 - 'A') is set for x >= 'A', of x + (0x80 - 'Z' - 1) for
    // x > 'Z' (x below 0x80).
    let low = w & LOW7;
    let capital = (low + splat(0x80 - b'A')) & !(low + splat(0x80 - b'Z' - 1)) & !w & HIGH;
    // Lead bytes are 0xC0 and above: bits 7 and 6 set.
    let lead = w & (w << 1) & HIGH;
    // The leads kept, D0 before B0-BF and D1 before 80-8F: `y` is 0 or 1 for D0 and D1, and
    // the next byte's high nibble xor 0xB is 0 for B and 3 for 8: three times `y`.
    let y = w ^ splat(0xD0);
    let odd = y & splat(0x01);
    let nibble = ((next >> 4) & splat(0x0F)) ^ splat(0x0B);
    let mut kept = zero_bytes((y & splat(0xFE)) | ((odd | (odd << 1)) ^ nibble));
    if YOT {
        // й: D0 before B9.
        kept &= !zero_bytes(y | (next ^ splat(0xB9)));
    }
    capital | (lead & !kept)
}

/// True for a folded stopword.
pub fn is_stopword(w: &str) -> bool {
    is_stopword_bytes(w.as_bytes())
}

/// [`is_stopword`] of a word's UTF-8 bytes.
fn is_stopword_bytes(w: &[u8]) -> bool {
    // Asked for every word of every key: hashed with Fx (the words are short), on the bytes.
    type Set = std::collections::HashSet<&'static [u8], std::hash::BuildHasherDefault<crate::compare::norm::Fx>>;
    static SET: std::sync::LazyLock<Set> =
        std::sync::LazyLock::new(|| STOPWORDS.iter().map(|w| w.as_bytes()).collect());
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
    // The words of [`words`], folded straight into one buffer (no string per word).
    let mut out = String::with_capacity(s.len());
    for w in crate::text::scan::word_runs(s) {
        let start = out.len();
        if start > 0 {
            out.push(' ');
        }
        let from = out.len();
        fold_pieces_as::<true>(w, |p| out.push_str(p));
        if is_stopword_bytes(&out.as_bytes()[from..]) {
            out.truncate(start);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_into_by_pieces_folds_as_each_character_does() {
        let fold = |t: &str| {
            let mut out = String::from("x");
            fold_into(t, &mut out);
            out[1..].to_string()
        };
        let all: String = (0..0x3400u32).chain(0x1_0400..0x1_0500).filter_map(char::from_u32).collect();
        let mut texts = vec![all, "ЁлкА ёж İstanbul ΣΑΣ Ѐѐ Ѡѡ Ҁҁ ЀЏ Ѳѳ ABCxyz 2024".to_string()];
        texts.extend(crate::testing::sample_texts());
        for (i, t) in texts.iter().enumerate() {
            let want: String = t.chars().map(fold_char).collect();
            assert_eq!(fold(t), want);
            assert_eq!(key(t), words(t).collect::<Vec<_>>().join(" "));
            // Every place a text may start at (a token of a longer text), for the listed texts.
            for (k, _) in t.char_indices().filter(|_| i < 2).step_by(7) {
                assert_eq!(fold(&t[k..]), t[k..].chars().map(fold_char).collect::<String>());
            }
        }
    }

    #[test]
    fn eight_bytes_are_marked_where_characters_may_change() {
        // Every pair of characters from ASCII, two-byte characters and some longer ones, in both
        // alignments, against the characters `fold_pieces` keeps one by one: lower-case ASCII and
        // а..я (but й when folding it).
        let kept = |c: char, yot: bool| {
            (c.is_ascii() && !c.is_ascii_uppercase()) || (('а'..='я').contains(&c) && !(yot && c == 'й'))
        };
        let mut pool: Vec<char> = (0..0x80u32).chain((0x80..0x800).step_by(3)).filter_map(char::from_u32).collect();
        pool.extend(['й', 'Й', 'ё', 'Ё', 'а', 'я', 'п', 'р', 'А', 'Я', '—', '«', '\u{3000}', '\u{1F600}']);
        for &a in &pool {
            for &b in &pool {
                let s: String = [a, b, a, b, a, b, a, b, a, b].iter().collect();
                for from in [0, a.len_utf8()] {
                    let t = &s.as_bytes()[from..];
                    let w = crate::text::scan::word8(t, 0);
                    let next = crate::text::scan::word8(t, 1);
                    for (yot, marks) in [(false, may_change8::<false>(w, next)), (true, may_change8::<true>(w, next))] {
                        let want = s[from..]
                            .char_indices()
                            .filter(|&(k, c)| k < 8 && !kept(c, yot))
                            .fold(0u64, |m, (k, _)| m | 0x80 << (8 * k));
                        assert_eq!(marks, want, "{:?} from {from}, yot {yot}", &s[from..]);
                    }
                }
            }
        }
    }

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

    proptest::proptest! {
        #[test]
        fn folding_bytes_is_folding_each_char(s in "[ a-zA-Z0-9а-яА-ЯёЁ\u{400}-\u{4ff}\u{c0}-\u{24f}\u{130}\u{391}-\u{3c9}«»—\u{1F600}]{0,40}") {
            proptest::prop_assert_eq!(fold(&s), s.chars().map(fold_char).collect::<String>());
            proptest::prop_assert!(folds_to(&s, &fold(&s)));
            proptest::prop_assert_eq!(key(&s), words(&s).collect::<Vec<_>>().join(" "));
        }

        #[test]
        fn keys_drop_the_stopwords_words_drops(s in "((и|В|не|для|ДЛЯ|её|й|Йод|[а-яА-ЯёЁa-zA-Z0-9\u{400}-\u{4ff}\u{130}]{1,6})[ ,«»—.\u{a0}]){0,12}") {
            proptest::prop_assert_eq!(key(&s), words(&s).collect::<Vec<_>>().join(" "));
        }
    }
}
