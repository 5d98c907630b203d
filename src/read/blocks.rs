//! The block structure every reader produces and the template parser reads: headings,
//! paragraphs, list items, tables with rows and cells, and page breaks, each with its place in the
//! source (page and line).

/// Where a block starts in the source document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Place {
    /// 1-based page (1 when the format has no pages, e.g. DOCX without rendered page breaks).
    pub page: u32,
    /// 1-based line on that page (PDF text), or 1-based paragraph number in the whole document
    /// (DOCX, DOC, ODT).
    pub line: u32,
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::i18n::trf(crate::i18n::Msg::AtPageLine, &[&self.page, &self.line]))
    }
}

/// One cell of a table row.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cell {
    /// The cell's text; paragraphs inside the cell are joined by `\n`.
    pub text: String,
    /// Grid columns the cell spans (DOCX `w:gridSpan`, ODT `number-columns-spanned`); at least 1.
    pub span: u16,
    /// The cell continues the one above it (DOCX `w:vMerge` without `restart`): its text is the
    /// upper cell's, repeated here so every row is complete.
    pub merged_up: bool,
}

/// A table: rows of cells, with merges resolved as [`Cell::span`] and [`Cell::merged_up`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    /// Rows in order.
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// Cells of a row laid out on the grid: a cell spanning `n` columns fills `n` slots (the text
    /// in the first, empty strings after it).
    pub fn grid_row(row: &[Cell]) -> Vec<&str> {
        let mut out = Vec::new();
        for c in row {
            out.push(c.text.as_str());
            out.extend(std::iter::repeat_n("", c.span.max(1) as usize - 1));
        }
        out
    }
}

/// What a block is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A heading of the given outline level (1 = top).
    Heading(u8),
    /// Running prose (for PDF text: one line of the page).
    Paragraph,
    /// A numbered or bulleted list item of the given nesting level (0 = outermost).
    ListItem(u8),
    /// A table with real cell boundaries.
    Table(Table),
    /// The page ends here.
    PageBreak,
}

/// One block of a read document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What it is.
    pub kind: Kind,
    /// Its text, with a list item's or heading's number as printed (e.g. "1.2. "). Empty for
    /// tables and page breaks.
    pub text: String,
    /// The paragraph style's name, when the format has styles.
    pub style: Option<String>,
    /// Where it starts.
    pub place: Place,
}

impl Block {
    /// A block of `kind` with `text` at `place`.
    pub fn new(kind: Kind, text: impl Into<String>, place: Place) -> Block {
        Block { kind, text: text.into(), style: None, place }
    }
}

/// Renders blocks as line-broken text, the form the template parser's line reader takes: one
/// leading space per line, paragraphs wrapped near `width` characters, a blank line between
/// blocks, every cell of a table row on its own lines in column order, and a page's number as a
/// line of its own at each page break unless the page already ends or starts with it.
pub fn to_lines(blocks: &[Block], width: usize) -> String {
    let mut out = String::new();
    let mut page = 1u32;
    let mut page_has_number = false;
    let mut page_first_line: Option<String> = None;
    let mut last_line = String::new();
    let push_line = |out: &mut String, line: &str, last: &mut String, first: &mut Option<String>| {
        out.push(' ');
        out.push_str(line);
        out.push('\n');
        if !line.trim().is_empty() {
            *last = line.trim().to_string();
            if first.is_none() {
                *first = Some(line.trim().to_string());
            }
        }
    };
    for b in blocks {
        match &b.kind {
            Kind::PageBreak => {
                let n = page.to_string();
                page_has_number |= last_line == n || page_first_line.as_deref() == Some(n.as_str());
                if !page_has_number {
                    out.push('\n');
                    push_line(&mut out, &n, &mut last_line, &mut page_first_line);
                }
                out.push('\n');
                page += 1;
                page_has_number = false;
                page_first_line = None;
                last_line.clear();
            }
            Kind::Table(t) => {
                for row in &t.rows {
                    for cell in row {
                        for para in cell.text.split('\n') {
                            for l in wrap(para, width) {
                                push_line(&mut out, &l, &mut last_line, &mut page_first_line);
                            }
                        }
                    }
                }
                out.push('\n');
            }
            _ => {
                for para in b.text.split('\n') {
                    for l in wrap(para, width) {
                        push_line(&mut out, &l, &mut last_line, &mut page_first_line);
                    }
                }
                if !matches!(b.kind, Kind::Paragraph) || b.style.is_some() {
                    out.push('\n');
                }
            }
        }
    }
    out
}

/// Greedy word wrap at `width` characters; a word longer than the width stays whole.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    let mut cur_len = 0;
    for w in text.split_whitespace() {
        let wl = w.chars().count();
        if cur_len > 0 && cur_len + 1 + wl > width {
            lines.push(std::mem::take(&mut cur));
            cur_len = 0;
        }
        if cur_len > 0 {
            cur.push(' ');
            cur_len += 1;
        }
        cur.push_str(w);
        cur_len += wl;
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_are_added_only_where_missing() {
        let p = Place::default();
        let blocks = vec![
            Block::new(Kind::Paragraph, "Первая страница", p),
            Block::new(Kind::PageBreak, "", p),
            Block::new(Kind::Paragraph, "Вторая страница", p),
            Block::new(Kind::Paragraph, "2", p),
            Block::new(Kind::PageBreak, "", p),
            Block::new(Kind::Paragraph, "Третья", p),
        ];
        let text = to_lines(&blocks, 80);
        let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        assert_eq!(lines, ["Первая страница", "1", "Вторая страница", "2", "Третья"]);
    }

    #[test]
    fn table_cells_come_in_column_order_and_spans_fill_the_grid() {
        let c = |t: &str, span| Cell { text: t.into(), span, merged_up: false };
        let row = vec![c("1", 1), c("Проект", 2), c("2024", 1)];
        assert_eq!(Table::grid_row(&row), ["1", "Проект", "", "2024"]);
        let blocks = vec![Block::new(Kind::Table(Table { rows: vec![row] }), "", Place::default())];
        assert_eq!(to_lines(&blocks, 80), " 1\n Проект\n 2024\n\n");
    }

    #[test]
    fn wraps_on_words() {
        assert_eq!(wrap("один два три четыре", 9), ["один два", "три", "четыре"]);
        assert_eq!(wrap("   ", 9), Vec::<String>::new());
    }
}
