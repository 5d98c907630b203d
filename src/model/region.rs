//! The federal subjects of Russia: names, stable ASCII keys, and recognition in text.
//!
//! Recognition is by word stems of the name in any grammatical case ("Ивановской области",
//! "Ивановская область"), counted over the whole text: the region a strategy belongs to is the one
//! it names most. Nothing here knows about particular sample files.

/// One federal subject.
#[derive(Debug, Clone, Copy)]
pub struct RegionDef {
    /// Stable ASCII key used in file names and `meta.region.key`.
    pub key: &'static str,
    /// Nominative name.
    pub name: &'static str,
    /// Folded word stems that, consecutive, name the region in any case.
    pub stems: &'static [&'static str],
}

macro_rules! regions {
    ($( $key:literal, $name:literal, [$($stem:literal),+] ;)*) => {
        /// All federal subjects.
        pub const REGIONS: &[RegionDef] = &[ $( RegionDef { key: $key, name: $name, stems: &[$($stem),+] } ),* ];
    };
}

regions! {
    "adygea", "Республика Адыгея", ["адыге"];
    "altai-republic", "Республика Алтай", ["республик", "алта"];
    "bashkortostan", "Республика Башкортостан", ["башкортостан"];
    "buryatia", "Республика Бурятия", ["бурят"];
    "dagestan", "Республика Дагестан", ["дагестан"];
    "ingushetia", "Республика Ингушетия", ["ингушет"];
    "kabardino-balkaria", "Кабардино-Балкарская Республика", ["кабардино", "балкарск"];
    "kalmykia", "Республика Калмыкия", ["калмык"];
    "karachay-cherkessia", "Карачаево-Черкесская Республика", ["карачаево", "черкесск"];
    "karelia", "Республика Карелия", ["карел"];
    "komi", "Республика Коми", ["республик", "коми"];
    "crimea", "Республика Крым", ["республик", "крым"];
    "mari-el", "Республика Марий Эл", ["марии", "эл"];
    "mordovia", "Республика Мордовия", ["мордов"];
    "sakha", "Республика Саха (Якутия)", ["саха"];
    "north-ossetia", "Республика Северная Осетия — Алания", ["северн", "осет"];
    "tatarstan", "Республика Татарстан", ["татарстан"];
    "tuva", "Республика Тыва", ["тыв"];
    "udmurtia", "Удмуртская Республика", ["удмуртск"];
    "khakassia", "Республика Хакасия", ["хакас"];
    "chechnya", "Чеченская Республика", ["чеченск"];
    "chuvashia", "Чувашская Республика", ["чувашск"];
    "donetsk", "Донецкая Народная Республика", ["донецк", "народн"];
    "luhansk", "Луганская Народная Республика", ["луганск", "народн"];
    "altai-krai", "Алтайский край", ["алтаиск", "кра"];
    "zabaykalsky", "Забайкальский край", ["забаикальск", "кра"];
    "kamchatka", "Камчатский край", ["камчатск", "кра"];
    "krasnodar", "Краснодарский край", ["краснодарск", "кра"];
    "krasnoyarsk", "Красноярский край", ["красноярск", "кра"];
    "perm", "Пермский край", ["пермск", "кра"];
    "primorsky", "Приморский край", ["приморск", "кра"];
    "stavropol", "Ставропольский край", ["ставропольск", "кра"];
    "khabarovsk", "Хабаровский край", ["хабаровск", "кра"];
    "amur", "Амурская область", ["амурск", "област"];
    "arkhangelsk", "Архангельская область", ["архангельск", "област"];
    "astrakhan", "Астраханская область", ["астраханск", "област"];
    "belgorod", "Белгородская область", ["белгородск", "област"];
    "bryansk", "Брянская область", ["брянск", "област"];
    "vladimir", "Владимирская область", ["владимирск", "област"];
    "volgograd", "Волгоградская область", ["волгоградск", "област"];
    "vologda", "Вологодская область", ["вологодск", "област"];
    "voronezh", "Воронежская область", ["воронежск", "област"];
    "zaporizhzhia", "Запорожская область", ["запорожск", "област"];
    "ivanovo", "Ивановская область", ["ивановск", "област"];
    "irkutsk", "Иркутская область", ["иркутск", "област"];
    "kaliningrad", "Калининградская область", ["калининградск", "област"];
    "kaluga", "Калужская область", ["калужск", "област"];
    "kemerovo", "Кемеровская область — Кузбасс", ["кемеровск", "област"];
    "kirov", "Кировская область", ["кировск", "област"];
    "kostroma", "Костромская область", ["костромск", "област"];
    "kurgan", "Курганская область", ["курганск", "област"];
    "kursk", "Курская область", ["курск", "област"];
    "leningrad", "Ленинградская область", ["ленинградск", "област"];
    "lipetsk", "Липецкая область", ["липецк", "област"];
    "magadan", "Магаданская область", ["магаданск", "област"];
    "moscow-oblast", "Московская область", ["московск", "област"];
    "murmansk", "Мурманская область", ["мурманск", "област"];
    "nizhny-novgorod", "Нижегородская область", ["нижегородск", "област"];
    "novgorod", "Новгородская область", ["новгородск", "област"];
    "novosibirsk", "Новосибирская область", ["новосибирск", "област"];
    "omsk", "Омская область", ["омск", "област"];
    "orenburg", "Оренбургская область", ["оренбургск", "област"];
    "oryol", "Орловская область", ["орловск", "област"];
    "penza", "Пензенская область", ["пензенск", "област"];
    "pskov", "Псковская область", ["псковск", "област"];
    "rostov", "Ростовская область", ["ростовск", "област"];
    "ryazan", "Рязанская область", ["рязанск", "област"];
    "samara", "Самарская область", ["самарск", "област"];
    "saratov", "Саратовская область", ["саратовск", "област"];
    "sakhalin", "Сахалинская область", ["сахалинск", "област"];
    "sverdlovsk", "Свердловская область", ["свердловск", "област"];
    "smolensk", "Смоленская область", ["смоленск", "област"];
    "tambov", "Тамбовская область", ["тамбовск", "област"];
    "tver", "Тверская область", ["тверск", "област"];
    "tomsk", "Томская область", ["томск", "област"];
    "tula", "Тульская область", ["тульск", "област"];
    "tyumen", "Тюменская область", ["тюменск", "област"];
    "ulyanovsk", "Ульяновская область", ["ульяновск", "област"];
    "kherson", "Херсонская область", ["херсонск", "област"];
    "chelyabinsk", "Челябинская область", ["челябинск", "област"];
    "yaroslavl", "Ярославская область", ["ярославск", "област"];
    "moscow", "Москва", ["город", "москв"];
    "saint-petersburg", "Санкт-Петербург", ["санкт", "петербург"];
    "sevastopol", "Севастополь", ["город", "севастопол"];
    "jewish", "Еврейская автономная область", ["евреиск", "автономн"];
    "nenets", "Ненецкий автономный округ", ["ненецк", "автономн"];
    "khanty-mansi", "Ханты-Мансийский автономный округ — Югра", ["ханты", "мансиск"];
    "chukotka", "Чукотский автономный округ", ["чукотск", "автономн"];
    "yamalo-nenets", "Ямало-Ненецкий автономный округ", ["ямало", "ненецк"];
}

/// The regions by the first three letters of their first stem (see [`opening_triple`]).
static BY_PREFIX: std::sync::LazyLock<crate::compare::norm::FxMap<usize, Vec<usize>>> =
    std::sync::LazyLock::new(|| {
        let mut m = crate::compare::norm::FxMap::<usize, Vec<usize>>::default();
        for (r, def) in REGIONS.iter().enumerate() {
            m.entry(opening_triple(def.stems[0], 0).expect("first stems open with three Russian letters"))
                .or_default()
                .push(r);
        }
        m
    });

/// The first three letters of the first stems, as bits: a word opening with three Russian
/// letters no first stem opens with (most words) is passed over without a lookup.
static TRIPLES: std::sync::LazyLock<[u64; 512]> = std::sync::LazyLock::new(|| {
    let mut bits = [0u64; 512];
    for &k in BY_PREFIX.keys() {
        bits[k / 64] |= 1 << (k % 64);
    }
    bits
});

/// Counts how often each region is named in `text` and returns the most named one with its count.
///
/// Ties go to the region named first. Returns `None` when no region is named at all. One pass over
/// the text without allocating: only the words opening with three Russian letters are looked at,
/// each against the regions whose first stem shares those (folded) letters.
pub fn detect(text: &str) -> Option<(&'static RegionDef, usize)> {
    // Words are runs of letters and digits (non-ASCII punctuation such as «» and dashes split too).
    let triples = &*TRIPLES;
    let mut counts = vec![(0usize, usize::MAX); REGIONS.len()]; // (count, first byte offset)
    // Every first stem is three or more Russian letters, so only words opening with three of
    // them can match: those open with a Cyrillic character, where a run of them starts, and
    // these are found without walking the other words. The test here is kept to the triple's
    // bit (it runs at every run start, inside the scan); the rare hits go on in `count_named_at`.
    crate::text::scan::cyrillic_run_starts(text, |at| {
        if let Some(k) = opening_triple(text, at)
            && triples[k / 64] & (1 << (k % 64)) != 0
        {
            count_named_at(text, at, k, &mut counts);
        }
    });
    let (best, &(count, _)) = counts
        .iter()
        .enumerate()
        .filter(|(_, c)| c.0 > 0)
        .max_by(|(_, a), (_, b)| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))?;
    Some((&REGIONS[best], count))
}

/// Counts, for [`detect`], each region whose stems name it at byte `at` of `text`, where a run of
/// Cyrillic characters opening with the triple `k` starts: when a word starts there (no word
/// character before it), against the regions whose first stem opens with `k`.
#[inline(never)]
fn count_named_at(text: &str, at: usize, k: usize, counts: &mut [(usize, usize)]) {
    if crate::text::scan::follows_word_char(text, at) {
        return;
    }
    let Some(candidates) = BY_PREFIX.get(&k) else { return };
    let rest = &text[at..];
    for &r in candidates {
        let stems = REGIONS[r].stems;
        if !folded_opens(rest.as_bytes(), stems[0]) {
            continue;
        }
        // The later stems against the words after the one opening with the first stem (the
        // first word run of `rest`, which opens with a letter).
        let mut ahead = crate::text::scan::word_runs(rest).skip(1);
        if stems[1..].iter().all(|stem| ahead.next().is_some_and(|n| folded_opens(n.as_bytes(), stem))) {
            counts[r].0 += 1;
            counts[r].1 = counts[r].1.min(at);
        }
    }
}

/// The place of the three folded Russian letters (а..я) the text `s` opens with at byte `at` (a
/// character boundary), if it does, in [`detect`]'s triples: the first stems' (all of them
/// Russian letters) and the words' alike.
#[inline(always)]
fn opening_triple(s: &str, at: usize) -> Option<usize> {
    let &[l0, n0, l1, n1, l2, n2, ..] = &s.as_bytes()[at..] else { return None };
    // In UTF-8, from a character boundary, a lead byte 0xD0 or 0xD1 is followed by its one
    // continuation byte, and the character after it starts two bytes on: only the three leads
    // need testing, at once.
    if u32::from_le_bytes([l0, l1, l2, 0xD0]) & 0xFEFE_FEFE != 0xD0D0_D0D0 {
        return None;
    }
    let [t0, t1, t2] = [(l0, n0), (l1, n1), (l2, n2)].map(|(lead, next)| russian_place(lead, next));
    // Each place is below 32 or NOT_RUSSIAN, which has higher bits set.
    ((t0 | t1 | t2) < 32).then(|| (usize::from(t0) << 10) | (usize::from(t1) << 5) | usize::from(t2))
}

/// The place in а..я (0..32) of the two-byte character `lead` (0xD0 or 0xD1), `next` (its
/// continuation byte) folded (lower case, ё→е, й→и) when it is a letter of the Russian alphabet
/// (А-Я, а-я, Ё, ё), else [`NOT_RUSSIAN`]: one table look-up.
#[inline(always)]
fn russian_place(lead: u8, next: u8) -> u8 {
    RUSSIAN[usize::from(lead & 1) << 6 | usize::from(next & 0x3F)]
}

/// In [`RUSSIAN`]: the character is not a letter of the Russian alphabet.
const NOT_RUSSIAN: u8 = 0xFF;

/// [`russian_place`] of the characters D0 80 - D1 BF (U+0400-U+047F), by the lead's low bit and
/// the continuation's low six bits.
const RUSSIAN: [u8; 128] = {
    let mut t = [NOT_RUSSIAN; 128];
    let mut i = 0;
    while i < 128 {
        let (lead, next) = (0xD0 | (i >> 6) as u8, 0x80 | (i & 0x3F) as u8);
        let k = match (lead, next) {
            (0xD0, 0x90..=0xAF) => next - 0x90,
            (0xD0, 0xB0..=0xBF) => next - 0xB0,
            (0xD1, 0x80..=0x8F) => next - 0x80 + 16,
            (0xD0, 0x81) | (0xD1, 0x91) => 5,
            _ => NOT_RUSSIAN,
        };
        // й (9) folds to и (8).
        t[i] = if k == 9 { 8 } else { k };
        i += 1;
    }
    t
};

/// True when the text `b` (from a character boundary of UTF-8) opens with the folded `stem`, all
/// of it Russian letters а..я: as true as for the first word of `b` folded (lower case, ё→е, й→и)
/// starting with `stem`, for only a Russian letter folds to one, but without decoding. Each of
/// the stem's letters is matched by one two-byte character in the same place of а..я.
fn folded_opens(b: &[u8], stem: &str) -> bool {
    let s = stem.as_bytes();
    b.len() >= s.len()
        && s.chunks_exact(2)
            .zip(b.chunks_exact(2))
            .all(|(s, w)| w[0] & 0xFE == 0xD0 && russian_place(w[0], w[1]) == russian_place(s[0], s[1]))
}

/// Looks a region up by its key.
pub fn by_key(key: &str) -> Option<&'static RegionDef> {
    REGIONS.iter().find(|r| r.key == key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold::fold_char;

    /// Folds a letter the way [`crate::text::fold::words`] does (lower case, ё→е, й→и).
    fn fold_word_char(c: char) -> char {
        match fold_char(c) {
            'й' => 'и',
            c => c,
        }
    }

    /// True when the folded `word` starts with the folded `stem`.
    fn folded_starts_with(word: &str, stem: &str) -> bool {
        let mut w = word.chars().map(fold_word_char);
        stem.chars().all(|s| w.next() == Some(s))
    }

    #[test]
    fn detects_most_named_region_in_any_case() {
        let t = "ПРАВИТЕЛЬСТВО ИВАНОВСКОЙ ОБЛАСТИ ... управления Ивановской области; опыт Московской области";
        assert_eq!(detect(t).unwrap().0.key, "ivanovo");
        assert_eq!(detect("Хабаровского края и Хабаровском крае").unwrap().1, 2);
        assert!(detect("ничего про регионы").is_none());
    }

    #[test]
    fn counts_as_every_region_checked_at_every_word() {
        // Without the prefix table and the triples: every region's stems against every word.
        let naive = |text: &str| {
            let words: Vec<&str> = crate::text::scan::word_runs(text).collect();
            let mut counts = vec![(0usize, usize::MAX); REGIONS.len()];
            for i in 0..words.len() {
                for (r, def) in REGIONS.iter().enumerate() {
                    if def
                        .stems
                        .iter()
                        .enumerate()
                        .all(|(k, s)| words.get(i + k).is_some_and(|w| folded_starts_with(w, s)))
                    {
                        counts[r] = (counts[r].0 + 1, counts[r].1.min(i + 1));
                    }
                }
            }
            let best = counts
                .iter()
                .enumerate()
                .filter(|(_, c)| c.0 > 0)
                .max_by(|(_, a), (_, b)| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
            best.map(|(r, c)| (REGIONS[r].key, c.0))
        };
        let mut texts: Vec<String> = REGIONS.iter().map(|r| r.name.to_string()).collect();
        texts.push(REGIONS.iter().map(|r| r.name.to_uppercase()).collect::<Vec<_>>().join(" "));
        texts.push("Ёлка ЙОД й ё Хабаровского края и Хабаровском крае, ивановской обл. Ивановской области".into());
        texts.extend(crate::testing::sample_texts());
        for t in &texts {
            assert_eq!(detect(t).map(|(r, n)| (r.key, n)), naive(t), "{t:.60}");
        }
    }

    #[test]
    fn stems_are_folded_like_words() {
        for r in REGIONS {
            for s in r.stems {
                assert!(
                    crate::text::fold::words(s).eq([s.to_string()]),
                    "stem `{s}` of {} must be one folded word",
                    r.key
                );
            }
        }
        // `detect` looks only at words opening with three Russian letters, and matches the stems
        // letter by letter in а..я.
        for r in REGIONS {
            let first: Vec<char> = r.stems[0].chars().collect();
            assert!(first.len() >= 3, "{}", r.key);
            assert!(r.stems.iter().all(|s| s.chars().all(|c| ('а'..='я').contains(&c))), "{}", r.key);
        }
        for (word, stem) in [("Ивановской", "ивановск"), ("ЁЛКА", "елк"), ("Йод", "иод"), ("Ивано", "ивановск")]
        {
            assert_eq!(folded_opens(word.as_bytes(), stem), folded_starts_with(word, stem), "{word}");
        }
        assert!(!folded_opens("Иванoвской".as_bytes(), "ивановск"), "a Latin o");
        assert_eq!(detect("Алтайского края").unwrap().0.key, "altai-krai");
    }

    /// [`fold_word_char`] of the two-byte character `lead`, `next` when it is a letter of the
    /// Russian alphabet (А-Я, а-я, Ё, ё), else `None`.
    fn russian_folded(lead: u8, next: u8) -> Option<char> {
        let k = (lead & 0xFE == 0xD0 && next & 0xC0 == 0x80).then(|| russian_place(lead, next))?;
        (k != NOT_RUSSIAN).then(|| char::from_u32(0x430 + u32::from(k)))?
    }

    #[test]
    fn russian_letters_fold_from_their_bytes_as_from_their_chars() {
        for c in ('А'..='я').chain(['Ё', 'ё']) {
            let mut b = [0; 4];
            let s = c.encode_utf8(&mut b).as_bytes();
            assert_eq!(russian_folded(s[0], s[1]), Some(fold_word_char(c)), "{c}");
        }
        assert_eq!(russian_folded(0xD1, 0x96), None, "і is not in the Russian alphabet");
        // Every two-byte character (and a lead before a byte that does not continue it).
        for c in (0x80..0x800u32).filter_map(char::from_u32) {
            let mut b = [0; 4];
            let s = c.encode_utf8(&mut b).as_bytes();
            let want = Some(fold_word_char(c)).filter(|f| ('а'..='я').contains(f));
            assert_eq!(russian_folded(s[0], s[1]), want, "{c}");
        }
        assert_eq!(opening_triple("ЁЛКА", 0), opening_triple("елка", 0));
        assert_eq!(opening_triple("Йод", 0), opening_triple("иод", 0));
        assert_eq!(opening_triple("Йо", 0), None);
        assert_eq!(opening_triple("x Йод", 2), opening_triple("иод", 0));
        // Not three Russian letters: another character among them, or a Cyrillic one beyond.
        for s in ["Йоx", "Й1д", "aЙод", "Йі д", "Йоѣ", "Й\u{a0}од", "ЙоЖ"] {
            assert_eq!(opening_triple(s, 0).is_some(), s == "ЙоЖ", "{s}");
        }
    }

    #[test]
    fn keys_are_unique_ascii() {
        let mut keys: Vec<_> = REGIONS.iter().map(|r| r.key).collect();
        assert!(keys.iter().all(|k| k.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')));
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), REGIONS.len());
    }
}
