//! Column widths of a table printed as line-broken text, learnt from the table itself.
//!
//! A PDF's text keeps each table cell as the lines the cell was wrapped into, so the lines of one
//! column are about as long as the column is wide, and a line breaks only where its next word
//! would not have fitted. Where a row crosses a page break, a cell's part on either side may stop
//! mid-phrase, and the next column's part then follows it with nothing to mark the change. The
//! widths tell it: a line whose first word would have fitted on the cell's last line (or that is
//! longer than the column is wide) does not continue that cell. A column is measured only on rows
//! no page break cuts, and the rule is used for it only where it holds on those rows' own lines.

/// The measured width, in characters, of each column (none where it cannot be trusted).
#[derive(Debug, Clone, Default)]
pub struct Widths(Vec<Option<usize>>);

/// Cells with fewer lines say little about their column's width.
const MIN_LINES: usize = 3;
/// Cells needed to measure a column.
const MIN_CELLS: usize = 3;
/// A word fits on a line when the line and the word fill at most this share (in %) of the column:
/// the letters' widths are only estimated.
const FIT: usize = 92;
/// Line pairs needed to check the rule on a column.
const MIN_PAIRS: usize = 8;

/// A line's printed width in thousandths of an em, by the widths of a Times-like serif face (the
/// face of official documents; in other faces letters keep about the same proportions). A count
/// of characters would make `ш` as narrow as `г`.
fn len(s: &str) -> usize {
    // Asked several times for every table line: ASCII and Cyrillic read their widths from a table
    // made by [`glyph`] itself, so the figures are the same.
    static TABLE: std::sync::LazyLock<[u16; TABLE_END]> = std::sync::LazyLock::new(|| {
        let mut t = [0u16; TABLE_END];
        for (i, w) in t.iter_mut().enumerate() {
            let c = char::from_u32(i as u32).expect("no surrogates below U+0460");
            *w = u16::try_from(glyph(c)).expect("glyph widths fit in u16");
        }
        t
    });
    let table = &*TABLE;
    s.trim().chars().map(|c| table.get(c as usize).map_or_else(|| glyph(c), |&w| usize::from(w))).sum()
}

/// The characters [`len`] reads from its table: ASCII, Latin-1 and Cyrillic (U+0000-U+045F).
const TABLE_END: usize = 0x460;

/// The width of one character in thousandths of an em.
fn glyph(c: char) -> usize {
    match c {
        ' ' | '.' | ',' | '\'' => 250,
        ':' | ';' | 'i' | 'j' | 'l' | 'I' | '!' => 278,
        '(' | ')' | '-' | '[' | ']' | 'f' | 't' | 'r' => 333,
        '0'..='9' | '«' | '»' | '"' | 'n' | 'u' | 'h' | 'o' | 'p' | 'b' | 'd' | 'q' | 'k' | 'v' | 'x' | 'y' | 'g' => {
            500
        }
        'a' | 'c' | 'e' | 'z' | 's' => 420,
        'm' => 778,
        'w' => 722,
        'ж' => 690,
        'м' | 'ф' => 640,
        'ш' | 'щ' | 'ю' => 760,
        'ы' => 670,
        'г' | 'з' | 'э' | 'т' => 420,
        'а' | 'е' | 'ё' | 'с' => 444,
        'ь' | 'я' | 'в' | 'к' => 470,
        'Ш' | 'Щ' | 'Ю' => 1040,
        'Ж' | 'Ы' | 'М' | 'W' => 900,
        'Р' | 'Г' | 'З' | 'Б' | 'Ь' => 570,
        'Е' | 'Т' | 'F' | 'L' | 'E' => 611,
        '–' => 500,
        '—' => 1000,
        c if c.is_uppercase() => 700,
        c if c.is_alphabetic() => 510,
        _ => 500,
    }
}

/// The first unbreakable piece of a line: its first word, with a number after it (`от 21`,
/// `№ 2395-1`), which typesetters keep together.
fn first_word(s: &str) -> &str {
    let t = s.trim_start();
    let mut words = t.split_whitespace();
    let Some(first) = words.next() else { return "" };
    match words.next() {
        Some(w) if w.starts_with(|c: char| c.is_ascii_digit()) => {
            let end = t.find(w).map_or(first.len(), |p| p + w.len());
            &t[..end]
        }
        _ => first,
    }
}

/// True when a line ends where a cell's text may break of its own accord: a sentence, a list item,
/// a heading before a list, or a word hyphenated over the line end.
pub fn ends_freely(prev: &str) -> bool {
    prev.trim_end().ends_with(['.', ';', ':', '!', '?', '-', '–', '—'])
}

/// True when a line opens a list item, which starts a line of its own whatever room was left.
fn opens_item(next: &str) -> bool {
    let t = next.trim_start();
    if t.starts_with(['-', '–', '—', '•', '·', '*']) {
        return true;
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && t[digits..].starts_with(['.', ')'])
}

/// True when `next`'s first word would have fitted on `prev` in a column `width` wide.
fn fits(prev: &str, next: &str, width: usize) -> bool {
    let w = first_word(next);
    !w.is_empty() && (len(prev) + glyph(' ') + len(w)) * 100 <= width * FIT
}

impl Widths {
    /// Measures the columns on `rows` (each a list of cells, each cell its lines), rows that no
    /// page break cuts and whose cells were all found.
    pub fn learn(rows: &[Vec<Vec<&str>>], columns: usize) -> Self {
        let mut out = Vec::with_capacity(columns);
        for k in 0..columns {
            let cells: Vec<&Vec<&str>> =
                rows.iter().filter_map(|r| r.get(k)).filter(|c| c.len() >= MIN_LINES).collect();
            if cells.len() < MIN_CELLS {
                out.push(None);
                continue;
            }
            let mut maxes: Vec<usize> = cells.iter().map(|c| c.iter().map(|l| len(l)).max().unwrap_or(0)).collect();
            maxes.sort_unstable();
            let width = maxes[maxes.len() / 2];
            // The rule must hold on the column's own lines: a line that goes on with its cell
            // never leaves room for the next line's first word.
            let (mut pairs, mut wrong) = (0usize, 0usize);
            for c in &cells {
                for p in c.windows(2) {
                    if ends_freely(p[0]) || opens_item(p[1]) {
                        continue;
                    }
                    pairs += 1;
                    wrong += usize::from(fits(p[0], p[1], width) || len(p[1]) > Self::widest(width));
                }
            }
            let trusted = pairs >= MIN_PAIRS && wrong * 25 <= pairs;
            out.push(trusted.then_some(width));
        }
        Widths(out)
    }

    /// The longest line a column `width` wide may hold: proportional letters vary in width.
    fn widest(width: usize) -> usize {
        width + width / 5 + 1
    }

    /// True when `next` cannot continue the cell of column `k` whose last line is `prev`: its
    /// first word would have fitted on `prev`, or it is longer than the column is wide.
    pub fn ends_before(&self, k: usize, prev: &str, next: &str) -> bool {
        let Some(Some(width)) = self.0.get(k) else { return false };
        if prev.trim().is_empty() || next.trim().is_empty() {
            return false;
        }
        len(next) > Self::widest(*width) || (!ends_freely(prev) && !opens_item(next) && fits(prev, next, *width))
    }

    /// True when a line could belong to column `k` by its length (unknown widths admit any).
    pub fn admits(&self, k: usize, line: &str) -> bool {
        self.0.get(k).copied().flatten().is_none_or(|w| len(line) <= Self::widest(w))
    }

    /// True when no column was measured.
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(Option::is_none)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(lines: &[&'static str], copies: usize) -> Vec<Vec<Vec<&'static str>>> {
        (0..copies).map(|_| vec![lines.to_vec()]).collect()
    }

    #[test]
    fn a_line_whose_word_would_have_fitted_opens_the_next_cell() {
        let lines = [
            "Объем",
            "финансирования",
            "определен",
            "паспортом",
            "федерального",
            "проекта Создание",
            "единого цифрового",
        ];
        let w = Widths::learn(&column(&lines, 4), 1);
        assert!(!w.is_empty());
        assert!(w.ends_before(0, "входящего в", "В результате цифровизации"));
        assert!(!w.ends_before(0, "контура в", "здравоохранении"));
        assert!(!w.ends_before(0, "здравоохранения.", "Не"), "a full stop may end a line anywhere");
        assert!(!w.ends_before(0, "задач:", "- управления"), "a list item opens a line of its own");
        assert!(w.ends_before(0, "контура в", "здравоохранения гражданам обеспечена"), "too wide for the column");
    }

    #[test]
    fn a_column_whose_lines_break_anywhere_is_not_measured() {
        // One paragraph a line (a Word file's text): short lines followed by words that would fit.
        let lines =
            ["Сервис", "Библиотека цифрового контента", "для учителей", "Проект", "по всей стране", "и районам"];
        let w = Widths::learn(&column(&lines, 4), 1);
        assert!(w.is_empty());
        assert!(!w.ends_before(0, "для", "учителей"));
    }
}
