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
///
/// The width of a text is the sum of its characters' [`glyph`] widths (of a line: of the line
/// trimmed), so the width of a text cut in two at a character boundary is the sum of its parts'.
fn width_of(s: &str) -> usize {
    run_width::<false>(s, 0).0
}

/// The widths of ASCII and Cyrillic characters, made by [`glyph`] itself, so the figures are the same.
static TABLE: std::sync::LazyLock<[u16; TABLE_END]> = std::sync::LazyLock::new(|| {
    let mut t = [0u16; TABLE_END];
    for (i, w) in t.iter_mut().enumerate() {
        let c = char::from_u32(i as u32).expect("no surrogates below U+0800");
        *w = u16::try_from(glyph(c)).expect("glyph widths fit in u16");
    }
    t
});

/// The width ([`width_of`]) of `s` from byte `from` (a char boundary) on, and where it stopped:
/// at the end, or with `TO_SPACE` at the first whitespace character (`char::is_whitespace`).
/// Asked for every table line: ASCII and the two-byte characters (the table's) are read without
/// decoding; the rare others are decoded.
fn run_width<const TO_SPACE: bool>(s: &str, from: usize) -> (usize, usize) {
    let table = &*TABLE;
    let b = s.as_bytes();
    let (mut i, mut sum) = (from, 0);
    while i < b.len() {
        let x = b[i];
        if x < 0x80 {
            if TO_SPACE && (x == b' ' || (b'\t'..=b'\r').contains(&x)) {
                break;
            }
            sum += usize::from(table[usize::from(x)]);
            i += 1;
        } else if x < 0xE0 {
            // A lead byte of two (`s` is UTF-8, and `x` is not a continuation byte): the next byte
            // is its continuation, and the character is in the table.
            let c = (usize::from(x & 0x1F) << 6) | usize::from(b[i + 1] & 0x3F);
            // The two-byte spaces: U+0085 and U+00A0.
            if TO_SPACE && (c == 0x85 || c == 0xA0) {
                break;
            }
            sum += usize::from(table[c]);
            i += 2;
        } else {
            let c = char_of(s, i);
            if TO_SPACE && c.is_whitespace() {
                break;
            }
            sum += glyph(c);
            i += c.len_utf8();
        }
    }
    (sum, i)
}

/// The character starting at byte `i` of `s` (a char boundary).
fn char_of(s: &str, i: usize) -> char {
    s[i..].chars().next().expect("a char boundary")
}

/// The characters [`width_of`] reads from its table: those of one and two bytes (U+0000-U+07FF:
/// ASCII, Latin-1, Cyrillic and the others of two bytes), so no two-byte character is decoded.
const TABLE_END: usize = 0x800;

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

/// The first unbreakable piece of a trimmed line: its first word, with a number after it (`от 21`,
/// `№ 2395-1`), which typesetters keep together.
fn first_word(t: &str) -> &str {
    let mut words = crate::text::scan::split_ws(t);
    let Some(first) = words.next() else { return "" };
    // The second word is split off only when it opens with a digit (the next character that is
    // not whitespace): most lines' is a word.
    if !t[first.len()..].trim_start().starts_with(|c: char| c.is_ascii_digit()) {
        return first;
    }
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
    ends_freely_trimmed(prev.trim_end())
}

/// [`ends_freely`] of a line with no whitespace at its end (trimmed: nothing to trim again).
fn ends_freely_trimmed(t: &str) -> bool {
    t.ends_with(['.', ';', ':', '!', '?', '-', '–', '—'])
}

/// True when a trimmed line opens a list item, which starts a line of its own whatever room was left.
fn opens_item(t: &str) -> bool {
    if t.starts_with(['-', '–', '—', '•', '·', '*']) {
        return true;
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && t[digits..].starts_with(['.', ')'])
}

/// A table line with what the width rules ask of it, measured once: a line is asked about for
/// every cell it might open or continue, in both passes over a row.
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    /// The line as printed.
    pub text: &'a str,
    /// Its printed width, trimmed ([`width_of`]).
    width: usize,
    /// The printed width of its first unbreakable piece ([`first_word`]).
    first: usize,
    /// It holds only whitespace.
    blank: bool,
    /// It ends where a cell may break of its own accord ([`ends_freely`]).
    free_end: bool,
    /// It opens a list item ([`opens_item`]).
    item: bool,
}

impl<'a> Line<'a> {
    /// Measures a line.
    pub fn new(text: &'a str) -> Self {
        let trimmed = crate::text::scan::trim(text);
        let blank = trimmed.is_empty();
        // One pass over the line: the first piece opens the trimmed line and, unless a number
        // follows it, ends at its first whitespace, where the first word ([`first_word`]) ends. The
        // line's width ([`width_of`]) is the piece's plus the rest's.
        // (Justified cells break many lines after one word: then the piece is the whole line.)
        let (word, end) = run_width::<true>(trimmed, 0);
        let (rest, _) = run_width::<false>(trimmed, end);
        let numbered = trimmed[end..].trim_start().starts_with(|c: char| c.is_ascii_digit());
        Line {
            text,
            width: word + rest,
            first: if numbered { width_of(first_word(trimmed)) } else { word },
            blank,
            // All three read the line trimmed.
            free_end: ends_freely_trimmed(trimmed),
            item: opens_item(trimmed),
        }
    }

    /// True when the line holds only whitespace.
    pub fn blank(&self) -> bool {
        self.blank
    }
}

/// True when `next`'s first word would have fitted on `prev` in a column `width` wide.
fn fits(prev: &Line, next: &Line, width: usize) -> bool {
    !next.blank && (prev.width + glyph(' ') + next.first) * 100 <= width * FIT
}

impl Widths {
    /// Measures the columns on `rows` (each a list of cells, each cell its lines), rows that no
    /// page break cuts and whose cells were all found.
    pub fn learn(rows: &[Vec<Vec<Line>>], columns: usize) -> Self {
        let mut out = Vec::with_capacity(columns);
        for k in 0..columns {
            let cells: Vec<&Vec<Line>> =
                rows.iter().filter_map(|r| r.get(k)).filter(|c| c.len() >= MIN_LINES).collect();
            if cells.len() < MIN_CELLS {
                out.push(None);
                continue;
            }
            let mut maxes: Vec<usize> = cells.iter().map(|c| c.iter().map(|l| l.width).max().unwrap_or(0)).collect();
            maxes.sort_unstable();
            let width = maxes[maxes.len() / 2];
            // The rule must hold on the column's own lines: a line that goes on with its cell
            // never leaves room for the next line's first word.
            let (mut pairs, mut wrong) = (0usize, 0usize);
            for c in &cells {
                for p in c.windows(2) {
                    if p[0].free_end || p[1].item {
                        continue;
                    }
                    pairs += 1;
                    wrong += usize::from(fits(&p[0], &p[1], width) || p[1].width > Self::widest(width));
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
    pub fn ends_before(&self, k: usize, prev: &Line, next: &Line) -> bool {
        let Some(Some(width)) = self.0.get(k) else { return false };
        if prev.blank || next.blank {
            return false;
        }
        next.width > Self::widest(*width) || (!prev.free_end && !next.item && fits(prev, next, *width))
    }

    /// True when a line could belong to column `k` by its length (unknown widths admit any).
    pub fn admits(&self, k: usize, line: &Line) -> bool {
        self.0.get(k).copied().flatten().is_none_or(|w| line.width <= Self::widest(w))
    }

    /// True when no column was measured.
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(Option::is_none)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(lines: &[&'static str], copies: usize) -> Vec<Vec<Vec<Line<'static>>>> {
        (0..copies).map(|_| vec![lines.iter().map(|l| Line::new(l)).collect()]).collect()
    }

    /// `ends_before` on two texts.
    fn ends(w: &Widths, prev: &str, next: &str) -> bool {
        w.ends_before(0, &Line::new(prev), &Line::new(next))
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
        assert!(ends(&w, "входящего в", "В результате цифровизации"));
        assert!(!ends(&w, "контура в", "здравоохранении"));
        assert!(!ends(&w, "здравоохранения.", "Не"), "a full stop may end a line anywhere");
        assert!(!ends(&w, "задач:", "- управления"), "a list item opens a line of its own");
        assert!(ends(&w, "контура в", "здравоохранения гражданам обеспечена"), "too wide for the column");
    }

    proptest::proptest! {
        #[test]
        fn width_of_reads_the_bytes_as_the_characters_read(s in "[ \t\u{a0}\u{2003}a-zA-Z0-9а-яА-ЯёЁ\u{80}-\u{7ff}\u{400}-\u{4ff}«»—–.,;()\u{1F600}-]{0,24}") {
            let want: usize = s.trim().chars().map(glyph).sum();
            proptest::prop_assert_eq!(width_of(s.trim()), want);
        }
    }

    proptest::proptest! {
        #[test]
        fn a_line_is_measured_as_its_first_piece_and_whole_text_measure(s in "[ \t\u{a0}\u{85}\u{2003}\u{3000}a-zA-Z0-9а-яА-ЯёЁ\u{80}-\u{7ff}\u{1F600}«»—.,()-]{0,24}") {
            let l = Line::new(&s);
            let t = s.trim();
            proptest::prop_assert_eq!(l.width, width_of(t));
            proptest::prop_assert_eq!(l.first, width_of(first_word(t)));
        }
    }

    #[test]
    fn a_column_whose_lines_break_anywhere_is_not_measured() {
        // One paragraph a line (a Word file's text): short lines followed by words that would fit.
        let lines =
            ["Сервис", "Библиотека цифрового контента", "для учителей", "Проект", "по всей стране", "и районам"];
        let w = Widths::learn(&column(&lines, 4), 1);
        assert!(w.is_empty());
        assert!(!ends(&w, "для", "учителей"));
    }
}
