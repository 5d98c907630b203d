//! Quality grade of a normalized document: a 0-100 score and a grade A-D from its warnings.

use crate::model::{Quality, SourceFormat, Warning};

/// Penalty for each warning code: (points per warning, cap for the code).
fn penalty(code: &str) -> (f64, f64) {
    match code {
        "lost_glyph" => (0.05, 5.0),
        "ocr_damage" => (3.0, 25.0),
        "count_mismatch" => (5.0, 20.0),
        "no_approval" => (5.0, 5.0),
        "no_region" => (20.0, 20.0),
        "cell_split" => (0.5, 10.0),
        "truncated" => (5.0, 5.0),
        "missing_section" => (4.0, 16.0),
        // Flat-text traits: the lower base score for flat input already prices them in.
        "punct_stripped" | "stopwords_stripped" => (0.0, 0.0),
        "single_digits_dropped" => (2.0, 2.0),
        "value_missing?" | "decimal_lost?" | "decimal_recovered?" => (0.5, 6.0),
        "negation_lost?" => (0.5, 3.0),
        "name_uncertain" | "project_unlocated" => (1.0, 6.0),
        // A value the reviewer must check against the source: one warning per indicator row (a
        // row repeated under several projects is one), so one lost separator costs one point.
        "implausible_value?" => (1.0, 10.0),
        "encoding" | "period_inferred" => (0.0, 0.0),
        _ => (1.0, 10.0),
    }
}

/// Grades a document from its raw form and warnings. Flattened text starts lower: it lost its
/// punctuation, stopwords and line structure.
pub fn grade(format: SourceFormat, warnings: Vec<Warning>) -> Quality {
    let mut per_code: std::collections::BTreeMap<&str, f64> = Default::default();
    for w in &warnings {
        let (each, _) = penalty(&w.code);
        *per_code.entry(w.code.as_str()).or_default() += each;
    }
    let lost: f64 = per_code.iter().map(|(code, p)| p.min(penalty(code).1)).sum();
    let base = match format {
        SourceFormat::Lines => 100.0,
        SourceFormat::Flat => 85.0,
    };
    let score = (base - lost).clamp(0.0, 100.0).round() as u8;
    let grade = match score {
        85..=100 => "A",
        70..=84 => "B",
        50..=69 => "C",
        _ => "D",
    };
    Quality { grade: grade.into(), score, warnings }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(code: &str) -> Warning {
        Warning { code: code.into(), message: String::new(), line: None, offset: None, project: None }
    }

    #[test]
    fn grades_fall_with_warnings_and_caps_hold() {
        assert_eq!(grade(SourceFormat::Lines, vec![]).grade, "A");
        assert_eq!(grade(SourceFormat::Lines, vec![w("lost_glyph"); 1000]).score, 95);
        let q = grade(SourceFormat::Flat, vec![w("ocr_damage"); 20]);
        assert_eq!((q.score, q.grade.as_str()), (60, "C"));
        assert_eq!(grade(SourceFormat::Lines, vec![w("count_mismatch"), w("no_approval")]).score, 90);
    }
}
