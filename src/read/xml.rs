//! Helpers shared by the zip + XML readers (DOCX, ODT): bounded zip entries, attributes, entity
//! references, and a table builder that resolves horizontal and vertical merges.

use super::{Block, Cell, Kind, Place, ReadError, Table};
use quick_xml::events::{BytesRef, BytesStart};
use std::io::Read;

/// The largest uncompressed XML entry read (a zip bomb stops here).
pub const MAX_ENTRY_BYTES: u64 = 512 << 20;

/// An open zip archive over the file's bytes.
pub type Archive<'a> = zip::ZipArchive<std::io::Cursor<&'a [u8]>>;

/// Opens `bytes` as a zip archive; `what` names the format in errors.
pub fn archive<'a>(bytes: &'a [u8], what: &str) -> Result<Archive<'a>, ReadError> {
    zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| ReadError::new(crate::i18n::trf(crate::i18n::Msg::ZipDamaged, &[&what, &e])))
}

/// The text of entry `name`, `None` when the archive has no such entry.
pub fn entry(zip: &mut Archive, name: &str) -> Result<Option<String>, ReadError> {
    let mut f = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(ReadError::at(name, crate::i18n::trf(crate::i18n::Msg::ZipCannotUnpack, &[&e]))),
    };
    if f.size() > MAX_ENTRY_BYTES {
        return Err(ReadError::at(
            name,
            crate::i18n::trf(crate::i18n::Msg::ZipEntryTooLarge, &[&f.size(), &MAX_ENTRY_BYTES]),
        ));
    }
    let mut buf = Vec::with_capacity(f.size() as usize);
    (&mut f)
        .take(MAX_ENTRY_BYTES + 1)
        .read_to_end(&mut buf)
        .map_err(|e| ReadError::at(name, crate::i18n::trf(crate::i18n::Msg::ZipCannotUnpack, &[&e])))?;
    if buf.len() as u64 > MAX_ENTRY_BYTES {
        return Err(ReadError::at(name, crate::i18n::trf(crate::i18n::Msg::ZipOverLimit, &[&MAX_ENTRY_BYTES])));
    }
    let buf = buf.strip_prefix(b"\xEF\xBB\xBF").map(<[u8]>::to_vec).unwrap_or(buf);
    String::from_utf8(buf).map(Some).map_err(|e| {
        let at = crate::i18n::trf(crate::i18n::Msg::AtEntryByte, &[&name, &e.utf8_error().valid_up_to()]);
        ReadError::at(at, crate::i18n::tr(crate::i18n::Msg::XmlNotUtf8))
    })
}

/// The value of attribute `name` (qualified, e.g. `w:val`).
pub fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.as_ref() == name).map(|a| {
        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map(|v| v.into_owned())
            .unwrap_or_else(|_| a.value.into_owned())
    })
}

/// The character an entity or character reference stands for.
pub fn resolve_ref(r: &BytesRef) -> Option<char> {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return Some(c);
    }
    match r.as_ref() {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => None,
    }
}

/// An XML syntax error at a byte position of entry `name`.
pub fn syntax(name: &str, pos: u64, e: impl std::fmt::Display) -> ReadError {
    ReadError::at(
        crate::i18n::trf(crate::i18n::Msg::AtEntryByte, &[&name, &pos]),
        crate::i18n::trf(crate::i18n::Msg::XmlSyntax, &[&e]),
    )
}

/// Builds a table row by row; merged cells are resolved when a row ends.
#[derive(Debug, Default)]
pub struct TableBuild {
    rows: Vec<Vec<Cell>>,
    row: Option<Vec<Cell>>,
    /// The cell being filled: its paragraphs, grid span and vertical-merge flag.
    cell: Option<(Vec<String>, u16, bool)>,
}

impl TableBuild {
    /// Starts a row.
    pub fn start_row(&mut self) {
        self.end_row();
        self.row = Some(Vec::new());
    }
    /// Starts a cell spanning `span` grid columns; `merged_up` when it continues the cell above.
    pub fn start_cell(&mut self, span: u16, merged_up: bool) {
        self.end_cell();
        if self.row.is_none() {
            self.row = Some(Vec::new());
        }
        self.cell = Some((Vec::new(), span.max(1), merged_up));
    }
    /// Sets the current cell's span (DOCX gives it after the cell starts, in `w:tcPr`).
    pub fn set_span(&mut self, span: u16) {
        if let Some(c) = &mut self.cell {
            c.1 = span.max(1);
        }
    }
    /// Marks the current cell as continuing the one above.
    pub fn set_merged_up(&mut self) {
        if let Some(c) = &mut self.cell {
            c.2 = true;
        }
    }
    /// True while a cell is open.
    pub fn in_cell(&self) -> bool {
        self.cell.is_some()
    }
    /// Adds a paragraph to the current cell.
    pub fn push_para(&mut self, text: String) {
        if let Some(c) = &mut self.cell {
            c.0.push(text);
        }
    }
    /// Ends the current cell.
    pub fn end_cell(&mut self) {
        if let Some((paras, span, merged_up)) = self.cell.take() {
            let text = paras.iter().map(|p| p.trim()).filter(|p| !p.is_empty()).collect::<Vec<_>>().join("\n");
            self.row.get_or_insert_with(Vec::new).push(Cell { text, span, merged_up });
        }
    }
    /// Ends the current row, filling merged-up cells with the text of the cell above.
    pub fn end_row(&mut self) {
        self.end_cell();
        let Some(mut row) = self.row.take() else { return };
        if let Some(above) = self.rows.last() {
            let mut col = 0usize;
            for c in &mut row {
                if c.merged_up && c.text.is_empty() {
                    c.text = cell_at(above, col).map(|a| a.text.clone()).unwrap_or_default();
                }
                col += c.span as usize;
            }
        }
        self.rows.push(row);
    }
    /// The finished table.
    pub fn finish(mut self) -> Table {
        self.end_row();
        Table { rows: self.rows }
    }
}

/// Closes the innermost open table: a table inside a cell becomes lines of that cell (its cells
/// joined by ` | `), an outermost one a table block at `place`.
pub fn close_table(tables: &mut Vec<TableBuild>, blocks: &mut Vec<Block>, place: Place) {
    let Some(t) = tables.pop() else { return };
    let table = t.finish();
    match tables.last_mut() {
        Some(outer) => {
            for row in &table.rows {
                let line: Vec<&str> = row.iter().map(|c| c.text.as_str()).filter(|t| !t.is_empty()).collect();
                outer.push_para(line.join(" | "));
            }
        }
        None => blocks.push(Block::new(Kind::Table(table), "", place)),
    }
}

/// The cell of `row` that covers grid column `col`.
fn cell_at(row: &[Cell], col: usize) -> Option<&Cell> {
    let mut at = 0usize;
    for c in row {
        if col < at + c.span as usize {
            return (at == col).then_some(c);
        }
        at += c.span as usize;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vertical_merges_repeat_the_cell_above_on_the_grid() {
        let mut t = TableBuild::default();
        t.start_row();
        t.start_cell(1, false);
        t.push_para("1".into());
        t.start_cell(2, false);
        t.push_para("Образование".into());
        t.start_cell(1, false);
        t.push_para("2024".into());
        t.start_row();
        t.start_cell(1, false);
        t.push_para("2".into());
        t.start_cell(2, true);
        t.start_cell(1, true);
        let t = t.finish();
        let texts: Vec<Vec<&str>> = t.rows.iter().map(|r| r.iter().map(|c| c.text.as_str()).collect()).collect();
        assert_eq!(texts, [vec!["1", "Образование", "2024"], vec!["2", "Образование", "2024"]]);
        assert!(t.rows[1][1].merged_up);
    }
}
