//! Page furniture of line-broken text: page numbers, column-number rows, the table of contents.
//!
//! Produces the "clean" line stream the rest of the parser works on: every kept line remembers its
//! 1-based line number in the raw text, whether a page break or a blank line came right before it,
//! and whether it is a lost-glyph line (a line holding only the leading space).

/// One kept line of the raw text.
#[derive(Debug, Clone, Copy)]
pub struct Ln<'a> {
    /// 1-based line number in the raw text.
    pub no: usize,
    /// The line without its leading space and trailing blanks.
    pub text: &'a str,
    /// A lost glyph: the line held only the leading space (usually a `%` or a bullet).
    pub glyph: bool,
    /// A page break (page number) came right before this line.
    pub brk: bool,
    /// A blank line came right before this line (not counting blanks around page numbers).
    pub gap: bool,
}

/// The clean line stream and what was learnt removing the furniture.
#[derive(Debug, Default)]
pub struct Cleaned<'a> {
    /// Kept lines in order.
    pub lines: Vec<Ln<'a>>,
    /// Number of pages recognised (last page number found), when any.
    pub pages: Option<u32>,
    /// 1-based raw line range of the table of contents, when one was found.
    pub toc: Option<(usize, usize)>,
    /// 1-based raw lines of the page numbers.
    pub page_lines: Vec<usize>,
    /// Number of raw lines.
    pub raw_lines: usize,
}

impl Cleaned<'_> {
    /// True when the last page holds much less text than a typical page: together with a text
    /// that stops inside the body, a sign the file was cut short.
    pub fn short_last_page(&self) -> bool {
        if self.page_lines.len() < 5 {
            return false;
        }
        let mut gaps: Vec<usize> = self.page_lines.windows(2).map(|w| w[1] - w[0]).collect();
        gaps.sort_unstable();
        let median = gaps[gaps.len() / 2];
        let last = self.raw_lines.saturating_sub(*self.page_lines.last().unwrap_or(&0));
        last * 100 < median * 35
    }
}

/// True when `b` opens with the mark of a dot leader: five dots or an ellipsis.
fn opens_leader(b: &[u8]) -> bool {
    b.starts_with(b".....") || b.starts_with("…".as_bytes())
}

/// True for a dot leader of a table-of-contents entry (what [`leader_lines`] finds line by line).
#[cfg(test)]
fn is_leader(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr2_iter(b'.', 0xE2, b).any(|i| opens_leader(&b[i..]))
}

/// The indices of the lines of `raw` (in order, each a slice of `text`) holding a dot leader.
fn leader_lines(text: &str, raw: &[&str]) -> Vec<usize> {
    // One search of the whole text for the first byte of either mark (`.`, and 0xE2, which opens
    // `…`), not one a line: most lines hold neither. Each place found is checked for the whole
    // mark inside its line; a line found a leader is left at once.
    let b = text.as_bytes();
    let span = |l: &str| {
        let start = l.as_ptr() as usize - text.as_ptr() as usize;
        (start, start + l.len())
    };
    let mut out = Vec::new();
    let (mut line, mut from) = (0, 0);
    while let Some(k) = memchr::memchr2(b'.', 0xE2, &b[from..]) {
        let i = from + k;
        while line < raw.len() && span(raw[line]).1 <= i {
            line += 1;
        }
        let Some(&l) = raw.get(line) else { break };
        let (start, end) = span(l);
        if start <= i && opens_leader(&b[i..end]) {
            out.push(line);
            line += 1;
            from = end;
        } else {
            from = i + 1;
        }
    }
    out
}

fn is_int(s: &str) -> Option<u32> {
    (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
}

/// Finds the table of contents: the first cluster of dot-leader lines (index range into `raw`).
/// `leaders` are the indices of the lines holding a dot leader.
fn find_toc(raw: &[&str], leaders: &[usize]) -> Option<(usize, usize)> {
    let first = *leaders.first()?;
    let mut last = first;
    let mut count = 1;
    for &i in &leaders[1..] {
        if i - last > 8 {
            break;
        }
        last = i;
        count += 1;
    }
    if count < 3 {
        return None;
    }
    // The entries' titles may stand before their leader; a heading word may open the block.
    let mut start = first;
    for back in 1..=4 {
        let Some(i) = first.checked_sub(back) else { break };
        let t = crate::text::fold::fold(crate::text::scan::trim(raw[i]));
        if t.starts_with("оглавлени") || t.starts_with("содержани") {
            start = i;
            break;
        }
        if t.is_empty() || is_int(&t).is_some() {
            break;
        }
        start = i;
    }
    let mut end = last;
    if raw.get(last + 1).is_some_and(|l| is_int(crate::text::scan::trim(l)).is_some()) {
        end = last + 1;
    }
    Some((start, end))
}

/// Forward scan for the page-number chain starting at `first`: each time the first standalone
/// line holding the expected number. Returns the raw indices taken.
/// With `indented` (every text line of the file leads with a space), page numbers do too.
/// `numbers` holds the raw lines that are a number, in order, each with its number: only they
/// can take part (the five scans read them, not every line).
fn chain(
    raw: &[&str],
    numbers: &[(usize, u32)],
    skip: Option<(usize, usize)>,
    first: u32,
    indented: bool,
) -> Vec<usize> {
    let mut expected = first;
    let mut out = Vec::new();
    for &(i, n) in numbers {
        if skip.is_some_and(|(a, b)| (a..=b).contains(&i)) {
            continue;
        }
        if n == expected && (raw[i].starts_with(' ') || !indented) {
            out.push(i);
            expected += 1;
        }
    }
    out
}

/// True when `s` is a bare column number such as `3.`.
fn column_number(s: &str) -> Option<u32> {
    is_int(s.strip_suffix('.')?)
}

/// Removes page numbers, blank lines, the table of contents and column-number rows.
pub fn clean<'a>(text: &'a str) -> Cleaned<'a> {
    // Form feeds (pdftotext's page ends) open the next page's first line.
    // One entry a line, reserved at once (the vectorised count costs less than regrowing).
    let count = memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1;
    let mut feed = Vec::with_capacity(count);
    let mut raw: Vec<&str> = Vec::with_capacity(count);
    // Texts whose lines all lead with a space mark a lost glyph by a line holding only that space.
    // The same pass trims each line once, for good (the kept line is the trimmed one), and keeps
    // the lines that are a number, with it: the page-number chain may start at any small page
    // number (a file may lack its first pages).
    let (mut lead, mut filled) = (0usize, 0usize);
    let mut trimmed: Vec<&str> = Vec::with_capacity(count);
    let mut numbers: Vec<(usize, u32)> = Vec::new();
    crate::text::scan::split_lines(text).for_each(|l| {
        let l = l.strip_suffix('\r').unwrap_or(l);
        // Form feeds are ASCII: stripped by their bytes.
        let t = &l[l.bytes().take_while(|&b| b == 0x0C).count()..];
        feed.push(t.len() != l.len());
        // The leading space is whitespace: stripped first, the rest's ends are mostly solid, so
        // trimmed at once.
        let trim = crate::text::scan::trim(t.strip_prefix(' ').unwrap_or(t));
        if !trim.is_empty() {
            lead += usize::from(t.starts_with(' '));
            filled += 1;
        }
        if let Some(n) = is_int(trim) {
            numbers.push((raw.len(), n));
        }
        raw.push(t);
        trimmed.push(trim);
    });
    let indented = filled > 0 && lead * 10 >= filled * 9;
    let toc = find_toc(&raw, &leader_lines(text, &raw));
    let best = (1..=5)
        .map(|s| (s, chain(&raw, &numbers, toc, s, indented)))
        .max_by_key(|(s, c)| (c.len(), std::cmp::Reverse(*s)));
    let (first, page_idx) = best.unwrap_or((1, Vec::new()));
    let pages = (page_idx.len() >= 2).then(|| first + page_idx.len() as u32 - 1);
    let page_idx = if page_idx.len() >= 2 { page_idx } else { Vec::new() };
    let mut is_page = vec![false; raw.len()];
    for &i in &page_idx {
        is_page[i] = true;
    }
    let mut lines: Vec<Ln> = Vec::with_capacity(raw.len());
    let (mut brk, mut gap) = (false, false);
    for (i, l) in raw.iter().enumerate() {
        brk |= feed[i];
        if toc.is_some_and(|(a, b)| (a..=b).contains(&i)) {
            continue;
        }
        if is_page[i] {
            brk = true;
            continue;
        }
        let text = trimmed[i];
        if l.is_empty() || (!indented && text.is_empty()) {
            gap = true;
            continue;
        }
        // The line without its leading space and trailing blanks, then without its other leading
        // blanks, is the trimmed line; a line of blanks alone is a lost glyph.
        lines.push(Ln { no: i + 1, text, glyph: text.is_empty(), brk, gap: gap && !brk });
        brk = false;
        gap = false;
    }
    // Column-number rows (`1.`, `2.`, ..., `N.` on lines of their own) under table headers.
    let mut keep = vec![true; lines.len()];
    let mut dropped = false;
    let mut i = 0;
    while i < lines.len() {
        if column_number(lines[i].text) == Some(1) {
            let mut j = i + 1;
            while j < lines.len() && column_number(lines[j].text) == Some((j - i + 1) as u32) {
                j += 1;
            }
            if j - i >= 3 {
                let brk = lines[i].brk;
                keep[i..j].iter_mut().for_each(|k| *k = false);
                dropped = true;
                if j < lines.len() {
                    lines[j].brk |= brk;
                }
                i = j;
                continue;
            }
        }
        i += 1;
    }
    if dropped {
        lines = lines.into_iter().zip(keep).filter(|(_, k)| *k).map(|(l, _)| l).collect();
    }
    let page_lines = page_idx.iter().map(|i| i + 1).collect();
    let raw_lines = raw.len() - usize::from(raw.last().is_some_and(|l| l.is_empty()));
    Cleaned { lines, pages, toc: toc.map(|(a, b)| (a + 1, b + 1)), page_lines, raw_lines }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_page_numbers_and_column_rows_and_marks_breaks() {
        let text = " Текст до\n 2\n\n разрыва\n 1.\n 2.\n 3.\n строка\n 3\n 1.\n 2.\n 3.\n 5\n \n";
        let c = clean(text);
        let t: Vec<&str> = c.lines.iter().map(|l| l.text).collect();
        assert_eq!(t, vec!["Текст до", "разрыва", "строка", "5", ""]);
        assert!(c.lines[1].brk && !c.lines[1].gap);
        assert!(c.lines[3].brk, "break survives the column-number row");
        assert!(c.lines[4].glyph);
        assert_eq!(c.pages, Some(3));
    }

    #[test]
    fn page_breaks_from_form_feeds_and_unindented_page_numbers() {
        let text = "Текст до\n2\nразрыва\n\u{c}после\n   \nконец\r\n3\r\n";
        let c = clean(text);
        let t: Vec<&str> = c.lines.iter().map(|l| l.text).collect();
        assert_eq!(t, vec!["Текст до", "разрыва", "после", "конец"]);
        assert!(c.lines[1].brk && c.lines[2].brk && !c.lines[3].brk && c.lines[3].gap);
        assert!(!c.lines.iter().any(|l| l.glyph), "no glyph lines in an unindented text");
        assert_eq!(c.pages, Some(3));
    }

    #[test]
    fn leaders_are_an_ellipsis_or_five_dots() {
        let old = |s: &str| s.contains('…') || s.contains(".....");
        for s in ["", ".", "....", ".....", "a. b.... c.....", "…", "—…", "—", "—.—....", "1. Раздел ……… 3", "x.....y"]
        {
            assert_eq!(is_leader(s), old(s), "{s}");
        }
        for t in crate::testing::sample_texts() {
            for l in t.lines() {
                assert_eq!(is_leader(l), old(l), "{l}");
            }
        }
    }

    #[test]
    fn leader_lines_are_the_lines_with_a_leader() {
        let by_line = |raw: &[&str]| -> Vec<usize> {
            raw.iter().enumerate().filter(|(_, l)| is_leader(l)).map(|(i, _)| i).collect()
        };
        let mut texts = crate::testing::sample_texts();
        texts.extend(
            ["", "....", "....\n.", ".....", "a ....\n.....\r\n\u{c}…\n\n—.…x......\n1.\n", "…\n\u{c}.....\r"]
                .map(String::from),
        );
        for t in &texts {
            let raw: Vec<&str> = crate::text::scan::split_lines(t)
                .map(|l| l.strip_suffix('\r').unwrap_or(l).trim_start_matches('\u{c}'))
                .collect();
            assert_eq!(leader_lines(t, &raw), by_line(&raw), "{:.60}", t);
        }
    }

    #[test]
    fn skips_table_of_contents() {
        let text = " ОГЛАВЛЕНИЕ\n 1. Раздел А .......\n 3\n 2. Раздел Б ......\n 5\n 3. Раздел В\n ........\n 7\n\n 2\n 1. Раздел А\n 3\n";
        let c = clean(text);
        assert_eq!(c.toc, Some((1, 8)));
        assert_eq!(c.lines.iter().map(|l| l.text).collect::<Vec<_>>(), vec!["1. Раздел А"]);
    }
}
