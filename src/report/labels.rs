//! The words of a report, in Russian and English.
//!
//! Kept as data in one place so the message catalogue (`src/i18n`, coming with the TUI rebuild)
//! can take them over without touching the renderers.

use crate::compare::Status;

/// Language of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Russian (the default: the reports go to Russian civil servants).
    #[default]
    Ru,
    /// English.
    En,
}

/// Every fixed string of a report.
#[derive(Debug, Clone, Copy)]
pub struct Labels {
    /// `lang` attribute / `w:lang` value.
    pub code: &'static str,
    /// Document title.
    pub title: &'static str,
    /// Column of the old document.
    pub old: &'static str,
    /// Column of the new document.
    pub new: &'static str,
    /// Row: region.
    pub region: &'static str,
    /// Row: version.
    pub version: &'static str,
    /// Row: approving act.
    pub act: &'static str,
    /// No approving act found.
    pub no_act: &'static str,
    /// Heading of the summary.
    pub summary: &'static str,
    /// Sections count label.
    pub sections: &'static str,
    /// Projects count label / heading.
    pub projects: &'static str,
    /// Indicators count label / heading.
    pub indicators: &'static str,
    /// Words count label.
    pub words: &'static str,
    /// Heading of the changed sections.
    pub changed_sections: &'static str,
    /// Marks a section reviewed.
    pub reviewed: &'static str,
    /// Marks a section not reviewed.
    pub not_reviewed: &'static str,
    /// Before the old title of a renamed section.
    pub was: &'static str,
    /// Table header: status.
    pub status: &'static str,
    /// Table header: project.
    pub project: &'static str,
    /// Table header: sector.
    pub sector: &'static str,
    /// Table header: what changed.
    pub changes: &'static str,
    /// Table header: indicator.
    pub indicator: &'static str,
    /// Table header: unit.
    pub unit: &'static str,
    /// Before a former name.
    pub renamed_from: &'static str,
    /// Heading over notes.
    pub notes: &'static str,
    /// Before the version a carried note was written on.
    pub carried_from: &'static str,
    /// Heading of the orphaned notes.
    pub orphaned: &'static str,
    /// Orphan reason: section gone.
    pub section_gone: &'static str,
    /// Orphan reason: paragraph gone.
    pub block_gone: &'static str,
    /// Shown when some diff hit its time budget.
    pub approximate: &'static str,
    /// Shown when nothing changed.
    pub no_changes: &'static str,
    /// Decimal separator.
    pub decimal: char,
}

impl Labels {
    /// The labels of a language.
    pub fn of(lang: Lang) -> &'static Labels {
        match lang {
            Lang::Ru => &RU,
            Lang::En => &EN,
        }
    }

    /// A status as a word.
    pub fn status(&self, s: Status) -> &'static str {
        let ru = self.code == "ru";
        match (s, ru) {
            (Status::Same, true) => "без изменений",
            (Status::Changed, true) => "изменено",
            (Status::Added, true) => "добавлено",
            (Status::Removed, true) => "удалено",
            (Status::Moved, true) => "перемещено",
            (s, false) => s.name(),
        }
    }

    /// The approving act as one line: «Правительство Ивановской области, распоряжение от 20.08.2021
    /// № 87-рп», or [`Labels::no_act`].
    pub fn act(&self, a: Option<&crate::model::Approval>) -> String {
        let Some(a) = a else { return self.no_act.to_string() };
        let mut s = format!("{}, {}", a.authority, a.act_type);
        if let Some(date) = &a.date {
            let shown = match (self.code, date.split('-').collect::<Vec<_>>().as_slice()) {
                ("ru", [y, m, d]) => format!("{d}.{m}.{y}"),
                _ => date.clone(),
            };
            s.push_str(&format!(" {} {shown}", if self.code == "ru" { "от" } else { "of" }));
        }
        if let Some(n) = &a.number {
            s.push_str(&format!(" № {n}"));
        }
        s
    }

    /// Why a note has no place, as words.
    pub fn reason(&self, r: crate::notes::OrphanReason) -> &'static str {
        match r {
            crate::notes::OrphanReason::SectionGone => self.section_gone,
            crate::notes::OrphanReason::BlockGone => self.block_gone,
        }
    }

    /// A project field name as a word.
    pub fn field(&self, f: &'static str) -> &'static str {
        if self.code != "ru" {
            return f;
        }
        match f {
            "sector" => "отрасль",
            "recommended_federal" => "рекомендовано ФОИВ",
            "goal" => "цель",
            "period" => "срок",
            "funding" => "финансирование",
            "description" => "описание",
            "technologies" => "технологии",
            "region_role" => "роль региона",
            "tasks" => "задачи",
            "beneficiaries" => "благополучатели",
            "benefits" => "выгоды",
            other => other,
        }
    }

    /// «просмотрено 12 из 40 изменённых разделов» / "reviewed 12 of 40 changed sections".
    pub fn progress(&self, reviewed: usize, changed: usize) -> String {
        if self.code == "ru" {
            let one = changed % 10 == 1 && changed % 100 != 11;
            let noun =
                if one { "изменённого раздела" } else { "изменённых разделов" };
            format!("просмотрено {reviewed} из {changed} {noun}")
        } else {
            format!("reviewed {reviewed} of {changed} changed sections")
        }
    }

    /// Counts by status, zero counts left out: «2 изменено, 1 добавлено».
    pub fn counts(&self, c: &crate::compare::Counts) -> String {
        let parts: Vec<String> = [
            (c.changed, Status::Changed),
            (c.added, Status::Added),
            (c.removed, Status::Removed),
            (c.moved, Status::Moved),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, s)| format!("{n} {}", self.status(*s)))
        .collect();
        if parts.is_empty() { self.status(Status::Same).to_string() } else { parts.join(", ") }
    }

    /// A number as written in this language (no trailing `.0`, decimal comma in Russian).
    pub fn number(&self, x: f64) -> String {
        let s = if x.fract() == 0.0 && x.abs() < 1e15 { format!("{x:.0}") } else { format!("{x}") };
        if self.decimal == '.' { s } else { s.replace('.', &self.decimal.to_string()) }
    }
}

static RU: Labels = Labels {
    code: "ru",
    title: "Сравнение редакций стратегии",
    old: "Прежняя редакция",
    new: "Новая редакция",
    region: "Регион",
    version: "Редакция",
    act: "Утверждена",
    no_act: "акт об утверждении в тексте не найден",
    summary: "Сводка",
    sections: "Разделы",
    projects: "Проекты",
    indicators: "Показатели",
    words: "Слова",
    changed_sections: "Изменённые разделы",
    reviewed: "просмотрен",
    not_reviewed: "не просмотрен",
    was: "прежнее название",
    status: "Изменение",
    project: "Проект",
    sector: "Отрасль",
    changes: "Что изменилось",
    indicator: "Показатель",
    unit: "Ед. изм.",
    renamed_from: "прежнее название",
    notes: "Замечания",
    carried_from: "перенесено с редакции",
    orphaned: "Замечания без места в новой редакции",
    section_gone: "раздела больше нет",
    block_gone: "абзаца больше нет",
    approximate: "Часть различий показана укрупнённо (превышено время сравнения).",
    no_changes: "Различий нет.",
    decimal: ',',
};

static EN: Labels = Labels {
    code: "en",
    title: "Strategy comparison",
    old: "Old version",
    new: "New version",
    region: "Region",
    version: "Version",
    act: "Approved by",
    no_act: "no approving act found in the text",
    summary: "Summary",
    sections: "Sections",
    projects: "Projects",
    indicators: "Indicators",
    words: "Words",
    changed_sections: "Changed sections",
    reviewed: "reviewed",
    not_reviewed: "not reviewed",
    was: "old title",
    status: "Change",
    project: "Project",
    sector: "Sector",
    changes: "What changed",
    indicator: "Indicator",
    unit: "Unit",
    renamed_from: "renamed from",
    notes: "Notes",
    carried_from: "carried from version",
    orphaned: "Notes with no place in the new version",
    section_gone: "the section is gone",
    block_gone: "the paragraph is gone",
    approximate: "Some differences are shown coarser (the comparison ran out of time).",
    no_changes: "No differences.",
    decimal: '.',
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_progress_numbers_and_acts() {
        let ru = Labels::of(Lang::Ru);
        assert_eq!(ru.progress(12, 40), "просмотрено 12 из 40 изменённых разделов");
        assert_eq!(ru.progress(0, 21), "просмотрено 0 из 21 изменённого раздела");
        assert_eq!(ru.progress(3, 11), "просмотрено 3 из 11 изменённых разделов");
        assert_eq!(Labels::of(Lang::En).progress(1, 2), "reviewed 1 of 2 changed sections");
        assert_eq!(
            (ru.number(2.621), ru.number(3.0), Labels::of(Lang::En).number(2.5)),
            ("2,621".into(), "3".into(), "2.5".into())
        );
        let act = crate::model::Approval {
            authority: "Правительство Ивановской области".into(),
            act_type: "распоряжение".into(),
            date: Some("2021-08-20".into()),
            number: Some("87-рп".into()),
        };
        assert_eq!(ru.act(Some(&act)), "Правительство Ивановской области, распоряжение от 20.08.2021 № 87-рп");
        assert_eq!(ru.act(None), ru.no_act);
        let c = crate::compare::Counts { changed: 2, added: 0, removed: 1, moved: 0 };
        assert_eq!(ru.counts(&c), "2 изменено, 1 удалено");
        assert_eq!(ru.counts(&crate::compare::Counts::default()), "без изменений");
    }
}
