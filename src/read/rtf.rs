//! RTF: a small reader of what a strategy's text needs — paragraphs (`\par`, `\line`), page breaks
//! (`\page`), tables (`\cell`, `\row`, with `\clmrg` horizontal and `\clvmrg` vertical merges),
//! 8-bit characters (`\'xx` in the document's `\ansicpg`, Windows-1251 by default) and Unicode
//! (`\uN` with its `\ucN` fallback characters skipped); tracked deletions (`\deleted`) are left
//! out. Font, colour and style tables, pictures,
//! headers, footers, field instructions and every `{\*...}` destination are skipped. Groups are
//! kept on an explicit stack: no recursion.

use super::xml::TableBuild;
use super::{Block, Format, Kind, Place, ReadDoc, ReadError};

/// Destinations whose text is not the document's.
const SKIPPED: &[&str] = &[
    "fonttbl",
    "colortbl",
    "stylesheet",
    "info",
    "pict",
    "object",
    "header",
    "headerl",
    "headerr",
    "headerf",
    "footer",
    "footerl",
    "footerr",
    "footerf",
    "listtable",
    "listoverridetable",
    "rsidtbl",
    "generator",
    "xmlnstbl",
    "themedata",
    "colorschememapping",
    "latentstyles",
    "datastore",
    "fldinst",
    "pgdsctbl",
    "revtbl",
    "filetbl",
    "bkmkstart",
    "bkmkend",
];

#[derive(Debug, Clone, Copy)]
struct Group {
    skip: bool,
    /// Fallback characters after `\uN`.
    uc: usize,
}

/// A table cell's definition in the row being read: merged into the cell left of it, or into the
/// one above.
#[derive(Debug, Clone, Copy, Default)]
struct CellDef {
    left: bool,
    up: bool,
    /// The cell's right edge (`\cellx`, twips).
    right: i64,
}

/// Cells' right edges closer than this (twips) are one grid line.
const EDGE_SNAP: i64 = 30;

struct Out {
    blocks: Vec<Block>,
    para: String,
    bytes: Vec<u8>,
    encoding: &'static encoding_rs::Encoding,
    in_table: bool,
    /// Paragraphs of the cells of the row being read.
    cells: Vec<Vec<String>>,
    cell: Vec<String>,
    defs: Vec<CellDef>,
    def: CellDef,
    /// Rows of the open table: cell paragraphs and definitions.
    rows: Vec<(Vec<Vec<String>>, Vec<CellDef>)>,
    page: u32,
    line: u32,
}

impl Out {
    fn flush_bytes(&mut self) {
        if !self.bytes.is_empty() {
            let (t, _, _) = self.encoding.decode(&self.bytes);
            self.para.push_str(&t);
            self.bytes.clear();
        }
    }
    fn push_char(&mut self, c: char) {
        self.flush_bytes();
        self.para.push(c);
    }
    fn take_para(&mut self) -> String {
        self.flush_bytes();
        std::mem::take(&mut self.para).split_whitespace().collect::<Vec<_>>().join(" ")
    }
    fn place(&mut self) -> Place {
        self.line += 1;
        Place { page: self.page, line: self.line }
    }
    fn end_para(&mut self) {
        let text = self.take_para();
        if self.in_table {
            self.cell.push(text);
            return;
        }
        self.close_table();
        if !text.is_empty() {
            let place = self.place();
            self.blocks.push(Block::new(Kind::Paragraph, text, place));
        }
    }
    fn end_cell(&mut self) {
        let text = self.take_para();
        self.cell.push(text);
        let cell = std::mem::take(&mut self.cell);
        self.cells.push(cell);
    }
    fn end_row(&mut self) {
        let cells = std::mem::take(&mut self.cells);
        let defs = std::mem::take(&mut self.defs);
        // Word repeats a row's properties after its cells, with a second \row and no cells.
        if !cells.is_empty() {
            self.rows.push((cells, defs));
        }
    }
    /// Ends the open table: the cells' right edges over all rows make the grid, and a cell spans
    /// the grid columns between its left and right edges (or is merged left by `\clmrg`).
    fn close_table(&mut self) {
        if self.rows.is_empty() {
            return;
        }
        let mut edges: Vec<i64> = self.rows.iter().flat_map(|r| r.1.iter().map(|d| d.right)).collect();
        edges.sort_unstable();
        edges.dedup_by(|a, b| *a - *b <= EDGE_SNAP);
        let mut t = TableBuild::default();
        for (cells, defs) in std::mem::take(&mut self.rows) {
            t.start_row();
            let mut spans: Vec<(usize, u16, bool)> = Vec::new();
            let mut left = i64::MIN;
            for i in 0..cells.len() {
                let d = defs.get(i).copied().unwrap_or_default();
                let n = if defs.len() == cells.len() {
                    edges.iter().filter(|&&e| e > left + EDGE_SNAP && e <= d.right + EDGE_SNAP).count().max(1)
                } else {
                    1
                };
                left = d.right;
                match spans.last_mut() {
                    Some(last) if d.left => last.1 += n as u16,
                    _ => spans.push((i, n as u16, d.up)),
                }
            }
            for (i, span, up) in spans {
                t.start_cell(span, up);
                if !up {
                    for p in cells[i].iter().filter(|p| !p.is_empty()) {
                        t.push_para(p.clone());
                    }
                }
            }
            t.end_row();
        }
        let place = self.place();
        self.blocks.push(Block::new(Kind::Table(t.finish()), "", place));
    }
    fn page_break(&mut self) {
        self.end_para();
        self.close_table();
        let place = Place { page: self.page, line: 0 };
        self.blocks.push(Block::new(Kind::PageBreak, "", place));
        self.page += 1;
        self.line = 0;
    }
}

/// Reads an RTF document into blocks.
pub fn read(bytes: &[u8]) -> Result<ReadDoc, ReadError> {
    let mut out = Out {
        blocks: Vec::new(),
        para: String::new(),
        bytes: Vec::new(),
        encoding: encoding_rs::WINDOWS_1251,
        in_table: false,
        cells: Vec::new(),
        cell: Vec::new(),
        defs: Vec::new(),
        def: CellDef::default(),
        rows: Vec::new(),
        page: 1,
        line: 0,
    };
    let mut stack: Vec<Group> = Vec::new();
    let mut g = Group { skip: false, uc: 1 };
    // Fallback characters still to skip after a \uN.
    let mut skip_chars = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'{' => {
                stack.push(g);
                i += 1;
            }
            b'}' => {
                g = stack.pop().ok_or_else(|| {
                    ReadError::at(
                        crate::i18n::trf(crate::i18n::Msg::AtByte, &[&i]),
                        crate::i18n::tr(crate::i18n::Msg::RtfClosesTwice),
                    )
                })?;
                i += 1;
            }
            b'\\' => {
                let Some(&n) = bytes.get(i + 1) else { break };
                if n.is_ascii_alphabetic() {
                    let s = i + 1;
                    let mut e = s;
                    while e < bytes.len() && bytes[e].is_ascii_alphabetic() {
                        e += 1;
                    }
                    let word = std::str::from_utf8(&bytes[s..e]).unwrap_or("");
                    let ns = e;
                    if e < bytes.len() && bytes[e] == b'-' {
                        e += 1;
                    }
                    let ds = e;
                    while e < bytes.len() && bytes[e].is_ascii_digit() && e - ds < 12 {
                        e += 1;
                    }
                    let param: Option<i64> = std::str::from_utf8(&bytes[ns..e]).ok().and_then(|p| p.parse().ok());
                    if e < bytes.len() && bytes[e] == b' ' {
                        e += 1;
                    }
                    i = e;
                    // A tracked deletion's text is skipped to the end of its group.
                    if SKIPPED.contains(&word) || (word == "deleted" && param != Some(0)) {
                        g.skip = true;
                    }
                    if g.skip {
                        continue;
                    }
                    if skip_chars > 0 {
                        skip_chars -= 1;
                        continue;
                    }
                    match word {
                        "par" | "sect" => out.end_para(),
                        "line" => out.push_char(' '),
                        "tab" => out.push_char(' '),
                        "page" => out.page_break(),
                        "pard" => out.in_table = false,
                        "intbl" => out.in_table = true,
                        "cell" => out.end_cell(),
                        "row" => {
                            out.end_row();
                            out.in_table = false;
                        }
                        "trowd" => out.defs.clear(),
                        "clmrg" => out.def.left = true,
                        "clvmrg" => out.def.up = true,
                        "cellx" => {
                            let mut d = std::mem::take(&mut out.def);
                            d.right = param.unwrap_or(0);
                            out.defs.push(d);
                        }
                        "uc" => g.uc = param.unwrap_or(1).clamp(0, 8) as usize,
                        "u" => {
                            let v = param.unwrap_or(0);
                            let v = if v < 0 { v + 65536 } else { v };
                            out.push_char(char::from_u32(v as u32).unwrap_or('\u{fffd}'));
                            skip_chars = g.uc;
                        }
                        "ansicpg" => {
                            if let Some(e) =
                                param.and_then(|p| encoding_rs::Encoding::for_label(format!("cp{p}").as_bytes()))
                            {
                                out.encoding = e;
                            }
                        }
                        "emdash" => out.push_char('—'),
                        "endash" => out.push_char('–'),
                        "lquote" | "rquote" => out.push_char('\''),
                        "ldblquote" => out.push_char('«'),
                        "rdblquote" => out.push_char('»'),
                        "bullet" => out.push_char('•'),
                        _ => {}
                    }
                    continue;
                }
                i += 2;
                match n {
                    b'*' => g.skip = true,
                    b'\'' => {
                        let hex = bytes.get(i..i + 2).and_then(|h| std::str::from_utf8(h).ok());
                        let v = hex.and_then(|h| u8::from_str_radix(h, 16).ok());
                        i += 2;
                        if g.skip {
                            continue;
                        }
                        if skip_chars > 0 {
                            skip_chars -= 1;
                        } else if let Some(v) = v {
                            out.bytes.push(v);
                        }
                    }
                    b'~' if !g.skip => out.push_char('\u{a0}'),
                    b'_' if !g.skip => out.push_char('-'),
                    b'\\' | b'{' | b'}' if !g.skip => {
                        if skip_chars > 0 {
                            skip_chars -= 1;
                        } else {
                            out.push_char(n as char)
                        }
                    }
                    b'\n' | b'\r' if !g.skip => out.end_para(),
                    _ => {}
                }
            }
            b'\r' | b'\n' => i += 1,
            _ => {
                i += 1;
                if g.skip {
                    continue;
                }
                if skip_chars > 0 {
                    skip_chars -= 1;
                    continue;
                }
                out.bytes.push(b);
            }
        }
    }
    out.end_para();
    out.close_table();
    let pages = out.page;
    Ok(ReadDoc {
        format: Format::Rtf,
        reader: "built-in RTF reader".into(),
        blocks: out.blocks,
        warnings: Vec::new(),
        pages: (pages > 1).then_some(pages),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_escapes_unicode_and_skipped_tables() {
        let rtf = br"{\rtf1\ansi\ansicpg1251{\fonttbl{\f0 Times;}}{\*\generator x;}\pard \'d0\'e0\'e7\'e4\'e5\'eb 1\par
\u1055?\u1088?\u1086\'3f\u1077?\u1082\'3f\u1090? \{x\}\par\page \'cf\'ee\'f1\'eb\'e5\par}";
        let d = read(rtf).unwrap();
        let texts: Vec<(&str, bool)> = d.blocks.iter().map(|b| (b.text.as_str(), b.kind == Kind::PageBreak)).collect();
        assert_eq!(texts, [("Раздел 1", false), ("Проект {x}", false), ("", true), ("После", false)]);
        assert_eq!(d.pages, Some(2));
    }

    #[test]
    fn tables_with_merged_cells() {
        let rtf = br"{\rtf1\ansi
\trowd\cellx1000\clmrg\cellx2000\pard\intbl A\cell\pard\intbl\cell\row
\trowd\cellx2000\pard\intbl Sector\cell\row
\trowd\cellx1000\cellx2000\pard\intbl 1\cell\pard\intbl B\par C\cell\row
\trowd\cellx1000\clvmrg\cellx2000\pard\intbl 2\cell\pard\intbl\cell\row
\pard After\par}";
        let d = read(rtf).unwrap();
        let Kind::Table(t) = &d.blocks[0].kind else { panic!("{:?}", d.blocks) };
        let rows: Vec<Vec<(&str, u16, bool)>> =
            t.rows.iter().map(|r| r.iter().map(|c| (c.text.as_str(), c.span, c.merged_up)).collect()).collect();
        assert_eq!(
            rows,
            [
                vec![("A", 2, false)],
                vec![("Sector", 2, false)],
                vec![("1", 1, false), ("B\nC", 1, false)],
                vec![("2", 1, false), ("B\nC", 1, true)]
            ]
        );
        assert_eq!(d.blocks[1].text, "After");
    }
}
