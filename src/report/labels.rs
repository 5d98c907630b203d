//! The words of a report, from the message catalogue ([`crate::i18n`]) in the report's
//! language, gathered in one struct so that the renderers need no language logic.

use crate::compare::Status;
pub use crate::i18n::Lang;
use crate::i18n::{Msg, Noun, act_in, fill, number_in, plural_in};

/// Every fixed string of a report.
#[derive(Debug, Clone, Copy)]
pub struct Labels {
    /// The language.
    pub lang: Lang,
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
    /// Shown when some pair was too long for the exact diff.
    pub approximate: &'static str,
    /// Shown when nothing changed.
    pub no_changes: &'static str,
}

impl Labels {
    /// The labels of a language.
    pub fn of(lang: Lang) -> Labels {
        let t = |m: Msg| m.text(lang);
        Labels {
            lang,
            code: lang.code(),
            title: t(Msg::ReportTitle),
            old: t(Msg::ReportOld),
            new: t(Msg::ReportNew),
            region: t(Msg::Region),
            version: t(Msg::VersionField),
            act: t(Msg::ReportApproved),
            no_act: t(Msg::NoAct),
            summary: t(Msg::Summary),
            sections: t(Msg::SumSections),
            projects: t(Msg::SumProjects),
            indicators: t(Msg::SumIndicators),
            words: t(Msg::SumWords),
            changed_sections: t(Msg::ReportChangedSections),
            reviewed: t(Msg::ReportReviewed),
            not_reviewed: t(Msg::ReportNotReviewed),
            was: t(Msg::ReportWas),
            status: t(Msg::ReportStatus),
            project: t(Msg::ColProject),
            sector: t(Msg::FieldSector),
            changes: t(Msg::ReportChanges),
            indicator: t(Msg::ColIndicator),
            unit: t(Msg::ReportUnit),
            renamed_from: t(Msg::ReportRenamedFrom),
            notes: t(Msg::ReportNotes),
            carried_from: t(Msg::ReportCarriedFrom),
            orphaned: t(Msg::ReportOrphaned),
            section_gone: t(Msg::SectionGone),
            block_gone: t(Msg::BlockGone),
            approximate: t(Msg::ReportApproximate),
            no_changes: t(Msg::ReportNoChanges),
        }
    }

    /// A status as a word.
    pub fn status(&self, s: Status) -> &'static str {
        let m = match s {
            Status::Same => Msg::StatusSame,
            Status::Changed => Msg::ReportChanged,
            Status::Added => Msg::ReportAdded,
            Status::Removed => Msg::ReportRemoved,
            Status::Moved => Msg::ReportMoved,
        };
        m.text(self.lang)
    }

    /// The approving act as one line: «Правительство Ивановской области, распоряжение от 20.08.2021
    /// № 87-рп», or [`Labels::no_act`].
    pub fn act(&self, a: Option<&crate::model::Approval>) -> String {
        let Some(a) = a else { return self.no_act.to_string() };
        format!("{}, {}", a.authority, act_in(&a.act_type, a.date.as_deref(), a.number.as_deref(), self.lang))
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
        crate::i18n::catalog::field_text(f, self.lang).unwrap_or(f)
    }

    /// «просмотрено 12 из 40 изменённых разделов» / "reviewed 12 of 40 changed sections".
    pub fn progress(&self, reviewed: usize, changed: usize) -> String {
        let noun = plural_in(changed, Noun::ChangedSectionOf, self.lang);
        fill(Msg::ReviewedOf.text(self.lang), &[&reviewed, &changed, &noun])
    }

    /// Counts by status, zero counts left out: «2 изменено, 1 добавлено».
    pub fn counts(&self, c: &crate::compare::Counts) -> String {
        let parts: Vec<String> =
            [(c.changed, Msg::NChanged), (c.added, Msg::NAdded), (c.removed, Msg::NRemoved), (c.moved, Msg::NMoved)]
                .iter()
                .filter(|(n, _)| *n > 0)
                .map(|(n, m)| fill(m.text(self.lang), &[n]))
                .collect();
        if parts.is_empty() { self.status(Status::Same).to_string() } else { parts.join(", ") }
    }

    /// A number as written in this language (the one number formatter, [`crate::i18n::number`]).
    pub fn number(&self, x: f64) -> String {
        number_in(x, self.lang)
    }
}

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
