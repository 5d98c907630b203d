//! The report as a Word document (Office Open XML, written here and zipped with `zip`).
//!
//! Changed words are Word revisions: deletions are `w:del` runs (`w:delText`) and insertions
//! `w:ins` runs, authored by the new version, so Word and LibreOffice show them as tracked
//! changes. Accepting all changes leaves the new text; rejecting them leaves the old. Projects and
//! indicators are tables whose changed values are revisions too.

use super::{DocInfo, Labels, NoteLine, Report, Span, YearCell, escape_xml as esc, heading, unit_cell, year_cell};
use crate::compare::Status;
use crate::compare::words::SpanKind;
use std::fmt::Write as _;
use std::io::Write as _;

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A piece of a paragraph.
enum Run<'a> {
    /// Plain text.
    Text(&'a str),
    /// Bold text.
    Bold(&'a str),
    /// Grey small text (keys, labels).
    Dim(&'a str),
    /// A tracked insertion.
    Ins(&'a str),
    /// A tracked deletion.
    Del(&'a str),
}

struct Body {
    xml: String,
    next_id: u32,
    author: String,
    date: Option<String>,
}

impl Body {
    fn text_runs(&mut self, text: &str, rpr: &str, tag: &str) {
        // Newlines inside a text become line breaks.
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                let _ = write!(self.xml, "<w:r>{rpr}<w:br/></w:r>");
            }
            if !line.is_empty() {
                let _ = write!(self.xml, "<w:r>{rpr}<w:{tag} xml:space=\"preserve\">{}</w:{tag}></w:r>", esc(line));
            }
        }
    }

    fn revision(&mut self, kind: &str, text: &str) {
        let id = self.next_id;
        self.next_id += 1;
        let date = self.date.as_ref().map(|d| format!(" w:date=\"{}\"", esc(d))).unwrap_or_default();
        let _ = write!(self.xml, "<w:{kind} w:id=\"{id}\" w:author=\"{}\"{date}>", esc(&self.author));
        self.text_runs(text, "", if kind == "del" { "delText" } else { "t" });
        let _ = write!(self.xml, "</w:{kind}>");
    }

    fn runs(&mut self, runs: &[Run<'_>]) {
        for r in runs {
            match r {
                Run::Text(t) => self.text_runs(t, "", "t"),
                Run::Bold(t) => self.text_runs(t, "<w:rPr><w:b/></w:rPr>", "t"),
                Run::Dim(t) => self.text_runs(t, "<w:rPr><w:color w:val=\"666666\"/><w:sz w:val=\"20\"/></w:rPr>", "t"),
                Run::Ins(t) => self.revision("ins", t),
                Run::Del(t) => self.revision("del", t),
            }
        }
    }

    fn para(&mut self, style: Option<&str>, runs: &[Run<'_>]) {
        self.xml.push_str("<w:p>");
        if let Some(s) = style {
            let _ = write!(self.xml, "<w:pPr><w:pStyle w:val=\"{s}\"/></w:pPr>");
        }
        self.runs(runs);
        self.xml.push_str("</w:p>");
    }

    /// A table; the first row is the header (bold, repeated on each page).
    fn table(&mut self, widths: &[u32], rows: Vec<Vec<Vec<Run<'_>>>>) {
        self.xml.push_str(
            "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/></w:tblPr><w:tblGrid>",
        );
        for w in widths {
            let _ = write!(self.xml, "<w:gridCol w:w=\"{w}\"/>");
        }
        self.xml.push_str("</w:tblGrid>");
        for (i, row) in rows.into_iter().enumerate() {
            self.xml.push_str("<w:tr>");
            if i == 0 {
                self.xml.push_str("<w:trPr><w:tblHeader/></w:trPr>");
            }
            for (j, cell) in row.into_iter().enumerate() {
                let w = widths.get(j).copied().unwrap_or(1000);
                let _ = write!(self.xml, "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/></w:tcPr>");
                self.para(Some("TableText"), &cell);
                self.xml.push_str("</w:tc>");
            }
            self.xml.push_str("</w:tr>");
        }
        self.xml.push_str("</w:tbl>");
        self.para(None, &[]);
    }

    fn note(&mut self, n: &NoteLine, l: &Labels) {
        let carried = n.carried_from.as_ref().map(|v| format!(", {} {}", l.carried_from, v)).unwrap_or_default();
        let who = format!("{}: {}, {}{carried}. ", l.notes, n.author, n.date);
        self.para(Some("Note"), &[Run::Bold(&who), Run::Text(&n.text)]);
    }
}

fn is_iso_date(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 10 && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() })
}

fn span_runs(sp: &[Span]) -> Vec<Run<'_>> {
    sp.iter()
        .map(|s| match s.kind {
            SpanKind::Equal => Run::Text(&s.text),
            SpanKind::Deleted => Run::Del(&s.text),
            SpanKind::Inserted => Run::Ins(&s.text),
        })
        .collect()
}

/// Table widths in twentieths of a point over the A4 text width.
fn widths(shares: &[u32]) -> Vec<u32> {
    let total: u32 = shares.iter().sum();
    shares.iter().map(|s| 9355 * s / total.max(1)).collect()
}

fn document_xml(r: &Report, l: &Labels) -> String {
    let [a, b] = &r.docs;
    // Revisions are dated by the new version (`w:date` takes an ISO date and time).
    let date = b.date.as_ref().filter(|d| is_iso_date(d)).map(|d| format!("{d}T00:00:00Z"));
    let mut body = Body { xml: String::new(), next_id: 1, author: format!("{} @ {}", b.region, b.version), date };
    body.para(Some("Title"), &[Run::Text(&format!("{}: {}", l.title, b.region))]);
    let act = |d: &DocInfo| l.act(d.approval.as_ref());
    let (act_a, act_b) = (act(a), act(b));
    body.table(
        &widths(&[2, 4, 4]),
        vec![
            vec![vec![], vec![Run::Bold(l.old)], vec![Run::Bold(l.new)]],
            vec![vec![Run::Bold(l.region)], vec![Run::Text(&a.region)], vec![Run::Text(&b.region)]],
            vec![vec![Run::Bold(l.version)], vec![Run::Text(&a.version)], vec![Run::Text(&b.version)]],
            vec![vec![Run::Bold(l.act)], vec![Run::Text(&act_a)], vec![Run::Text(&act_b)]],
        ],
    );
    body.para(Some("Heading1"), &[Run::Text(l.summary)]);
    let s = &r.summary;
    for line in [
        format!("{}: {}", l.sections, l.counts(&s.sections)),
        format!("{}: {}", l.projects, l.counts(&s.projects)),
        format!("{}: {}", l.indicators, l.counts(&s.indicators)),
        format!("{}: +{} −{}", l.words, s.words_added, s.words_removed),
        l.progress(r.progress.reviewed, r.progress.changed),
    ] {
        body.para(None, &[Run::Text(&line)]);
    }
    if r.approximate {
        body.para(None, &[Run::Text(l.approximate)]);
    }
    if r.sections.is_empty() && r.projects.is_empty() && r.indicators.is_empty() {
        body.para(None, &[Run::Text(l.no_changes)]);
    }
    if !r.sections.is_empty() {
        body.para(Some("Heading1"), &[Run::Text(l.changed_sections)]);
    }
    for sec in &r.sections {
        let mark = if sec.reviewed { l.reviewed } else { l.not_reviewed };
        let status = format!(" — {}, {mark}", l.status(sec.status));
        body.para(Some("Heading2"), &[Run::Text(&heading(sec)), Run::Dim(&status)]);
        let mut key = sec.key.clone();
        if let Some(t) = &sec.title_a {
            key.push_str(&format!(" ({}: {t})", l.was));
        }
        body.para(None, &[Run::Dim(&key)]);
        for n in &sec.notes {
            body.note(n, l);
        }
        for row in &sec.rows {
            let label = format!("{} {}: ", row.label, l.status(row.status));
            let mut runs = vec![Run::Dim(&label)];
            runs.extend(span_runs(&row.spans));
            body.para(None, &runs);
            for n in &row.notes {
                body.note(n, l);
            }
        }
    }
    if !r.projects.is_empty() {
        body.para(Some("Heading1"), &[Run::Text(l.projects)]);
        let labels: Vec<Vec<String>> =
            r.projects.iter().map(|p| p.fields.iter().map(|f| format!("{}: ", l.field(f.0))).collect()).collect();
        let mut rows = vec![vec![
            vec![Run::Bold(l.status)],
            vec![Run::Bold(l.project)],
            vec![Run::Bold(l.sector)],
            vec![Run::Bold(l.changes)],
        ]];
        let renamed = format!("{}: ", l.renamed_from);
        for (p, fl) in r.projects.iter().zip(&labels) {
            let name = match p.status {
                Status::Added => Run::Ins(&p.name),
                Status::Removed => Run::Del(&p.name),
                _ => Run::Text(&p.name),
            };
            let mut changes = Vec::new();
            if let Some(f) = &p.renamed_from {
                changes.extend([Run::Dim(&renamed), Run::Del(f), Run::Text("\n")]);
            }
            for ((_, old, new), label) in p.fields.iter().zip(fl) {
                changes.push(Run::Dim(label));
                if let Some(o) = old {
                    changes.push(Run::Del(o));
                }
                if let Some(n) = new {
                    changes.push(Run::Ins(n));
                }
                changes.push(Run::Text("\n"));
            }
            if matches!(changes.last(), Some(Run::Text("\n"))) {
                changes.pop();
            }
            rows.push(vec![vec![Run::Text(l.status(p.status))], vec![name], vec![Run::Text(&p.sector)], changes]);
        }
        body.table(&widths(&[2, 4, 2, 6]), rows);
    }
    if !r.indicators.is_empty() {
        body.para(Some("Heading1"), &[Run::Text(l.indicators)]);
        let mut header = vec![
            vec![Run::Bold(l.status)],
            vec![Run::Bold(l.project)],
            vec![Run::Bold(l.indicator)],
            vec![Run::Bold(l.unit)],
        ];
        header.extend(r.years.iter().map(|y| vec![Run::Bold(y.as_str())]));
        // Cell texts live here so the runs can borrow them.
        let cells: Vec<(String, Vec<YearCell>)> = r
            .indicators
            .iter()
            .map(|i| (unit_cell(&i.unit), r.years.iter().map(|y| year_cell(i.values.get(y), l)).collect()))
            .collect();
        let mut rows = vec![header];
        let renamed = format!("\n{}: ", l.renamed_from);
        for (i, (unit, years)) in r.indicators.iter().zip(&cells) {
            let mut name = vec![Run::Text(&i.name)];
            if let Some(f) = &i.renamed_from {
                name.extend([Run::Dim(&renamed), Run::Del(f)]);
            }
            let mut row =
                vec![vec![Run::Text(l.status(i.status))], vec![Run::Text(&i.project)], name, vec![Run::Text(unit)]];
            for cell in years {
                row.push(match cell {
                    YearCell::Empty => vec![Run::Text("—")],
                    YearCell::Same(v) => vec![Run::Text(v)],
                    YearCell::Changed { old, new } => {
                        old.iter().map(|a| Run::Del(a)).chain(new.iter().map(|b| Run::Ins(b))).collect()
                    }
                });
            }
            rows.push(row);
        }
        let mut shares = vec![2, 4, 5, 2];
        shares.extend(r.years.iter().map(|_| 2));
        body.table(&widths(&shares), rows);
    }
    if !r.orphaned.is_empty() {
        body.para(Some("Heading1"), &[Run::Text(l.orphaned)]);
        for o in &r.orphaned {
            let place = o.block.map(|b| format!(" [{b}]")).unwrap_or_default();
            body.para(None, &[Run::Dim(&format!("{}{place} — {}", o.section, l.reason(o.reason)))]);
            body.note(&o.note, l);
        }
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"{W_NS}\"><w:body>{}\
         <w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" w:right=\"850\" w:bottom=\"1134\" \
         w:left=\"1701\" w:header=\"708\" w:footer=\"708\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>\n",
        body.xml
    )
}

fn styles_xml(l: &Labels) -> String {
    let lang = if l.code == "ru" { "ru-RU" } else { "en-GB" };
    let heading = |id: &str, name: &str, size: u32, level: u32| {
        format!(
            "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/><w:basedOn w:val=\"Normal\"/>\
             <w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/>\
             <w:outlineLvl w:val=\"{level}\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"{size}\"/></w:rPr></w:style>"
        )
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles xmlns:w=\"{W_NS}\">\
         <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" \
         w:cs=\"Times New Roman\" w:eastAsia=\"Times New Roman\"/><w:sz w:val=\"24\"/><w:lang w:val=\"{lang}\"/>\
         </w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"120\"/></w:pPr></w:pPrDefault></w:docDefaults>\
         <w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/>\
         <w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:spacing w:after=\"240\"/></w:pPr><w:rPr><w:b/>\
         <w:sz w:val=\"36\"/></w:rPr></w:style>{}{}\
         <w:style w:type=\"paragraph\" w:styleId=\"Note\"><w:name w:val=\"Note\"/><w:basedOn w:val=\"Normal\"/>\
         <w:pPr><w:pBdr><w:left w:val=\"single\" w:sz=\"12\" w:space=\"4\" w:color=\"CC9900\"/></w:pBdr>\
         <w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"FFF8E6\"/><w:ind w:left=\"567\"/></w:pPr><w:rPr><w:i/>\
         <w:sz w:val=\"22\"/></w:rPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"TableText\"><w:name w:val=\"Table Text\"/><w:basedOn w:val=\"Normal\"/>\
         <w:pPr><w:spacing w:after=\"0\"/></w:pPr><w:rPr><w:sz w:val=\"20\"/></w:rPr></w:style>\
         <w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/><w:tblPr><w:tblBorders>\
         <w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/><w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/>\
         <w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/><w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/>\
         <w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/><w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/>\
         </w:tblBorders><w:tblCellMar><w:left w:w=\"80\" w:type=\"dxa\"/><w:right w:w=\"80\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>\
         </w:styles>\n",
        heading("Heading1", "heading 1", 30, 0),
        heading("Heading2", "heading 2", 26, 1),
    )
}

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
</Types>\n";

const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
</Relationships>\n";

const DOCUMENT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
</Relationships>\n";

fn core_xml(r: &Report, l: &Labels) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties \
         xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{}: {} ({} → {})</dc:title>\
         <dc:creator>strata</dc:creator><dc:language>{}</dc:language></cp:coreProperties>\n",
        l.title,
        esc(&r.docs[1].region),
        esc(&r.docs[0].version),
        esc(&r.docs[1].version),
        l.code
    )
}

/// Renders the report as the bytes of a `.docx` file.
pub fn render(r: &Report, l: &Labels) -> Vec<u8> {
    let parts: [(&str, String); 6] = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", ROOT_RELS.to_string()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
        ("word/document.xml", document_xml(r, l)),
        ("word/styles.xml", styles_xml(l)),
        ("docProps/core.xml", core_xml(r, l)),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, xml) in parts {
        // Writing to memory fails only on a bug in the zip writer.
        zip.start_file(name, options).expect("a zip entry in memory");
        zip.write_all(xml.as_bytes()).expect("a zip entry in memory");
    }
    zip.finish().expect("a zip in memory").into_inner()
}
