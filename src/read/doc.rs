//! Old Word (`.doc`, OLE2): text with `antiword` (tables come out as `|cell|cell|` rows, which
//! become real tables), else `catdoc`.

use super::{Block, Cell, Format, Kind, Options, Place, ReadDoc, ReadError, Table, tool};
use std::path::Path;
use std::process::Command;

/// The packages that read old Word files.
pub const PACKAGES: &str = "antiword (or catdoc)";

/// Reads the DOC file at `path` into blocks.
pub fn read(path: &Path, opts: &Options) -> Result<ReadDoc, ReadError> {
    let (text, reader) = if let Some(exe) = tool::which("antiword") {
        let mut cmd = Command::new(exe);
        // UTF-8 output, no line wrapping (one paragraph per line).
        cmd.args(["-m", "UTF-8.txt", "-w", "0"]).arg(path);
        (run(cmd, "antiword", opts)?, "antiword")
    } else if let Some(exe) = tool::which("catdoc") {
        let mut cmd = Command::new(exe);
        cmd.args(["-d", "utf-8", "-w"]).arg(path);
        (run(cmd, "catdoc", opts)?, "catdoc")
    } else {
        return Err(ReadError::new(crate::i18n::trf(crate::i18n::Msg::DocNeedsTool, &[&PACKAGES])));
    };
    Ok(ReadDoc {
        format: Format::Doc,
        reader: reader.into(),
        blocks: text_blocks(&text),
        warnings: Vec::new(),
        pages: None,
    })
}

fn run(cmd: Command, name: &str, opts: &Options) -> Result<String, ReadError> {
    let out = tool::run(cmd, opts.timeout).map_err(|e| ReadError::new(format!("{name} {e}")))?;
    if out.code != Some(0) {
        let first = tool::first_line(&out.stderr);
        let low = first.to_lowercase();
        let problem = if low.contains("encrypt") || low.contains("password") {
            crate::i18n::tr(crate::i18n::Msg::DocPassword).to_string()
        } else {
            crate::i18n::trf(crate::i18n::Msg::ToolCouldNotRead, &[&name, &crate::text::sanitize::sanitize(&first)])
        };
        return Err(ReadError::new(problem));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Paragraph blocks from plain text (one paragraph per line, form feeds as page breaks), with
/// consecutive `|a|b|` lines gathered into a table.
pub fn text_blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut page = 1u32;
    let flush = |rows: &mut Vec<Vec<Cell>>, blocks: &mut Vec<Block>, place: Place| {
        if !rows.is_empty() {
            blocks.push(Block::new(Kind::Table(Table { rows: std::mem::take(rows) }), "", place));
        }
    };
    for (i, raw) in text.split('\n').enumerate() {
        for (k, piece) in raw.split('\u{c}').enumerate() {
            let mut place = Place { page, line: i as u32 + 1 };
            if k > 0 {
                flush(&mut rows, &mut blocks, place);
                blocks.push(Block::new(Kind::PageBreak, "", place));
                page += 1;
                place.page = page;
            }
            let line = piece.trim();
            if line.len() >= 2 && line.starts_with('|') && line.ends_with('|') {
                let cells = line[1..line.len() - 1]
                    .split('|')
                    .map(|c| Cell { text: c.trim().to_string(), span: 1, merged_up: false })
                    .collect();
                rows.push(cells);
                continue;
            }
            flush(&mut rows, &mut blocks, place);
            if !line.is_empty() {
                blocks.push(Block::new(Kind::Paragraph, line, place));
            }
        }
    }
    flush(&mut rows, &mut blocks, Place { page, line: 0 });
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn antiword_tables_become_tables() {
        let b = text_blocks("Текст\n|1|Проект|2024|\n|2|Другой|2025|\nКонец\u{c}Дальше\n");
        assert_eq!(b.len(), 5);
        let Kind::Table(t) = &b[1].kind else { panic!("{:?}", b[1]) };
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[1][1].text, "Другой");
        assert_eq!(b[3].kind, Kind::PageBreak);
        assert_eq!((b[4].text.as_str(), b[4].place.page), ("Дальше", 2));
    }
}
