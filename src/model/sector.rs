//! Canonical sector ("отрасль") keys and recognition of sector names by meaning.
//!
//! Regions name the same sector differently ("Образование и наука" / "Образование наука",
//! "Социальная сфера" / "Социальное обеспечение", "Развитие городской среды" / "Городская среда"),
//! and number them differently. A name is classified by the word stems it contains; a name that no
//! known sector claims gets `x-<transliterated slug>`.

use crate::text::fold::words;
use crate::text::translit::slug;

/// One known sector.
#[derive(Debug, Clone, Copy)]
pub struct SectorDef {
    /// Canonical key, e.g. "healthcare".
    pub key: &'static str,
    /// Canonical Russian name.
    pub name: &'static str,
    /// Folded word stems; a name containing any of them (as a word prefix) is this sector.
    /// Multi-word stems ("государствен управлен") must match consecutive words.
    pub stems: &'static [&'static str],
}

/// All known sectors, in the order of the federal template. Earlier entries win ties.
pub const SECTORS: &[SectorDef] = &[
    SectorDef { key: "education", name: "Образование и наука", stems: &["образован"] },
    SectorDef {
        key: "healthcare", name: "Здравоохранение", stems: &["здравоохран", "медицин"]
    },
    SectorDef {
        key: "urban",
        name: "Развитие городской среды",
        stems: &["городск сред", "городск хозяиств", "жилищн коммунальн", "жкх", "городск"],
    },
    SectorDef {
        key: "transport", name: "Транспорт и логистика", stems: &["транспорт", "логистик"]
    },
    SectorDef {
        key: "public_admin",
        name: "Государственное управление",
        stems: &["государствен управлен", "госуправлен", "муниципальн управлен", "государствен муниципальн управлен"],
    },
    SectorDef { key: "social", name: "Социальная сфера", stems: &["социальн"] },
    SectorDef {
        key: "agriculture",
        name: "Сельское хозяйство",
        stems: &["сельск хозяиств", "агропромышлен", "сельскохозяиствен", "апк"],
    },
    SectorDef { key: "tourism", name: "Туризм", stems: &["туризм", "туристск"] },
    SectorDef {
        key: "industry", name: "Промышленность", stems: &["промышлен", "обрабатывающ"]
    },
    SectorDef {
        key: "trade_business",
        name: "Торговля и предпринимательство",
        stems: &["торговл", "предпринимательств", "малого бизнес", "бизнес"],
    },
    SectorDef {
        key: "construction", name: "Строительство", stems: &["строительств", "градостроительств"]
    },
    SectorDef {
        key: "energy",
        name: "Энергетическая инфраструктура",
        stems: &["энергетик", "энергетическ", "электроэнергет"],
    },
    SectorDef {
        key: "ecology",
        name: "Экология и природопользование",
        stems: &["эколог", "природопользован", "окружающ сред"],
    },
    SectorDef { key: "security", name: "Безопасность", stems: &["безопасност"] },
    SectorDef {
        key: "digital_personnel", name: "Кадровое обеспечение цифровой экономики", stems: &["кадров"]
    },
    SectorDef {
        key: "finance",
        name: "Финансовые услуги",
        stems: &["финансов услуг", "финансов рын", "финансов сектор", "финансов"],
    },
];

/// Classifies a sector name as printed into a canonical key.
///
/// The sector whose stem matches earliest in the name wins, so "Кадровое обеспечение цифровой
/// экономики" is `digital_personnel` and "Социальное обеспечение" is `social`. Unknown names
/// give `x-<slug>`.
pub fn classify(name: &str) -> String {
    known(name).map(|d| d.key.to_string()).unwrap_or_else(|| format!("x-{}", slug(name)))
}

/// The known sector a name refers to, if any.
pub fn known(name: &str) -> Option<&'static SectorDef> {
    let ws: Vec<String> = words(name).collect();
    // The first word where some stem matches decides, and there the earliest sector: word by
    // word, the rest of a name is not looked at once one does.
    (0..ws.len()).find_map(|i| SECTORS.iter().find(|def| def.stems.iter().any(|stem| stem_at(&ws, i, stem))))
}

/// True when the words of `stem` start the consecutive words of `ws` from word `i`.
fn stem_at(ws: &[String], i: usize, stem: &str) -> bool {
    stem.split(' ').enumerate().all(|(k, part)| ws.get(i + k).is_some_and(|w| w.starts_with(part)))
}

/// Canonical Russian name for a sector key (the key itself for unknown sectors).
pub fn display_name(key: &str) -> &str {
    SECTORS.iter().find(|d| d.key == key).map(|d| d.name).unwrap_or(key)
}

#[cfg(test)]
mod tests {
    use super::classify;

    #[test]
    fn names_vary_keys_do_not() {
        for (name, key) in [
            ("Образование и наука", "education"),
            ("Образование наука", "education"),
            ("Социальная сфера", "social"),
            ("Социальное обеспечение", "social"),
            ("Развитие городской среды", "urban"),
            ("Городская среда", "urban"),
            ("Госуправление", "public_admin"),
            ("Государственное управление", "public_admin"),
            ("Кадровое обеспечение цифровой экономики", "digital_personnel"),
            ("Экология и природопользование", "ecology"),
            ("Финансовые услуги", "finance"),
            ("Сельское хозяйство", "agriculture"),
            ("Энергетическая инфраструктура", "energy"),
            ("Торговля и предпринимательство", "trade_business"),
            ("Транспорт и логистика", "transport"),
            ("Сельское хозяйство", "agriculture"),
            ("Городское хозяйство", "urban"),
            ("ЗДРАВООХРАНЕНИЕ", "healthcare"),
        ] {
            assert_eq!(classify(name), key, "{name}");
        }
    }

    #[test]
    fn stems_are_folded_like_words() {
        for d in super::SECTORS {
            for s in d.stems {
                assert_eq!(crate::text::fold::key(s), *s, "stem `{s}` of {} must be folded (й->и, lower case)", d.key);
            }
        }
    }

    #[test]
    fn the_earliest_stem_wins_as_when_every_stem_is_tried_everywhere() {
        // Every stem at every word, the earliest (position, sector) kept.
        let by_every_stem = |name: &str| {
            let ws: Vec<String> = crate::text::fold::words(name).collect();
            let mut best: Option<(usize, usize)> = None;
            for (rank, def) in super::SECTORS.iter().enumerate() {
                for stem in def.stems {
                    let parts: Vec<&str> = stem.split(' ').collect();
                    let hit = (0..ws.len().saturating_sub(parts.len() - 1))
                        .find(|&i| parts.iter().enumerate().all(|(k, p)| ws[i + k].starts_with(p)));
                    if let Some(pos) = hit.filter(|&pos| best.is_none_or(|b| (pos, rank) < b)) {
                        best = Some((pos, rank));
                    }
                }
            }
            best.map(|b| super::SECTORS[b.1].key)
        };
        let texts = crate::testing::sample_texts();
        let names = texts.iter().flat_map(|t| t.lines().take(3000)).chain([
            "",
            "государственного и муниципального управления",
            "малого бизнеса",
            "Финансовые рынки и городская среда",
        ]);
        for name in names {
            assert_eq!(super::known(name).map(|d| d.key), by_every_stem(name), "{name}");
        }
    }

    #[test]
    fn unknown_sector_gets_transliterated_slug() {
        assert_eq!(classify("Культура"), "x-kultura");
        assert_eq!(classify("Спорт и молодёжь"), "x-sport-molodezh");
    }
}
